/* pr-sidebar.h: the metadata of a release, as rows */
#pragma once

#include <gtk/gtk.h>

#include "pr-core.h"

G_BEGIN_DECLS

#define PR_TYPE_SIDEBAR (pr_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PrSidebar, pr_sidebar, PR, SIDEBAR, GtkWidget)

/* What ::filter-by filters on; the signal's kind argument is the nick. */
typedef enum {
  PR_SIDEBAR_FILTER_ORGANIZATION,
  PR_SIDEBAR_FILTER_PERSON,
  PR_SIDEBAR_FILTER_PLACE,
  PR_SIDEBAR_FILTER_SOURCE,
  PR_SIDEBAR_FILTER_ISSUER,
  PR_SIDEBAR_FILTER_KIND,
  PR_SIDEBAR_FILTER_TICKER,
} PrSidebarFilter;

const char *pr_sidebar_filter_to_string (PrSidebarFilter kind);

GtkWidget  *pr_sidebar_new              (void);
PrRelease  *pr_sidebar_get_release      (PrSidebar *self);
void        pr_sidebar_set_release      (PrSidebar *self,
                                         PrRelease *release);
/* The value shown for a field row ("issuer", "kind", "date", "place", "source", "language",
 * "length", "origin", "imported", "read", "bookmarked"), for tests. */
const char *pr_sidebar_get_value        (PrSidebar  *self,
                                         const char *row);
/* Activates the first filter row of @kind, as a click would. */
gboolean    pr_sidebar_activate_filter  (PrSidebar       *self,
                                         PrSidebarFilter  kind);

G_END_DECLS
