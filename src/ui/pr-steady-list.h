/* pr-steady-list.h: a list model that keeps the rows on screen steady
 *
 * Passes another GListModel through unchanged, except for the changes
 * that start the list over (items-changed (0, all, all), as an
 * asynchronous PrReleaseList emits for a new query, or after a large
 * import into a list shorter than a page): those become a change of the count at the
 * end plus a change in place of each run of live positions (the rows a
 * view shows). GtkListView and GtkSingleSelection (GTK 4.8) look for their
 * items among all the added ones after such a change, reading each: for a
 * library's lazy list that would be every release. A long list starts
 * with a screenful of items, and a short list that grows long (a first
 * import) grows a few items a frame, as the view makes a row widget for
 * each of its first 200 items. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The positions (guint, any order) a view has rows for. */
typedef GArray *(*PrSteadyListLiveFunc) (gpointer user_data);

#define PR_TYPE_STEADY_LIST (pr_steady_list_get_type ())
G_DECLARE_FINAL_TYPE (PrSteadyList, pr_steady_list, PR, STEADY_LIST, GObject)

PrSteadyList *pr_steady_list_new       (GListModel           *model,
                                        PrSteadyListLiveFunc  live,
                                        gpointer              user_data);
GListModel   *pr_steady_list_get_model (PrSteadyList         *self);
/* TRUE while it has fewer items than its model (growing). */
gboolean      pr_steady_list_get_growing (PrSteadyList       *self);

G_END_DECLS
