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
/* The copies of the release shown (pr_store_get_copies(): the original
 * first), listed when there are two or more and the release is one of
 * them; kept while another of them is shown. Activating one emits
 * ::show-copy. */
void        pr_sidebar_set_copies       (PrSidebar *self,
                                         GPtrArray *copies);
/* For tests: the copies listed, and a click on the @index-th (FALSE when
 * it is the one shown). */
guint       pr_sidebar_get_n_copies     (PrSidebar *self);
gboolean    pr_sidebar_activate_copy    (PrSidebar *self,
                                         guint      index);
/* The value shown for a field row ("issuer", "kind", "date", "place", "source", "language",
 * "length", "origin", "imported", "read", "bookmarked"), for tests. */
const char *pr_sidebar_get_value        (PrSidebar  *self,
                                         const char *row);
/* Activates the first filter row of @kind, as a click would. */
gboolean    pr_sidebar_activate_filter  (PrSidebar       *self,
                                         PrSidebarFilter  kind);

G_END_DECLS
