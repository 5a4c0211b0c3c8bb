/* pr-release-row.h: one row of the release list */
#pragma once

#include <gtk/gtk.h>

#include "pr-core.h"

G_BEGIN_DECLS

#define PR_TYPE_RELEASE_ROW (pr_release_row_get_type ())
G_DECLARE_FINAL_TYPE (PrReleaseRow, pr_release_row, PR, RELEASE_ROW, GtkWidget)

GtkWidget  *pr_release_row_new         (void);
PrRelease  *pr_release_row_get_release (PrReleaseRow *self);
/* Fills the row (a list factory's bind); NULL empties it (unbind). The
 * snippet carries the match markers of pr-query.h, or is NULL. */
void        pr_release_row_set_release (PrReleaseRow *self,
                                        PrRelease    *release,
                                        const char   *snippet);

G_END_DECLS
