/* pr-release-list.h: a list model of the library's releases
 *
 * A GListModel of PrRelease over a query, a filter and a sort. It counts
 * its items with one COUNT query and reads their ids in pages of
 * PR_RELEASE_LIST_PAGE_SIZE on demand (one query a page), keeping the 8
 * most recently used pages, and each release when it is first asked for;
 * it never reads all rows or all ids. Writes to the store (imports, read, bookmark,
 * delete) are turned into precise items-changed signals: a row that
 * leaves the list is one removal at its position, a row that enters is
 * one insertion, consecutive positions are merged, and a row that changes
 * in place is (p, 1, 1). A write that moves more than 128 rows of the list
 * at once (a large import), or any change to a list sorted by relevance,
 * is one items-changed (0, old count, new count). Changes of read or
 * bookmark state that leave a row in the list emit nothing: the release
 * object itself notifies.
 *
 * Use it on the store's owner thread. */
#pragma once

#include <gio/gio.h>

#include "pr-query.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define PR_RELEASE_LIST_PAGE_SIZE 256

#define PR_TYPE_RELEASE_LIST (pr_release_list_get_type ())
G_DECLARE_FINAL_TYPE (PrReleaseList, pr_release_list, PR, RELEASE_LIST, GObject)

/* @query may be NULL (every release). */
PrReleaseList *pr_release_list_new          (PrStore       *store,
                                             PrQuery       *query,
                                             PrFilter       filter,
                                             PrSort         sort);

PrStore       *pr_release_list_get_store    (PrReleaseList *self);
PrQuery       *pr_release_list_get_query    (PrReleaseList *self);
void           pr_release_list_set_query    (PrReleaseList *self,
                                             PrQuery       *query);
PrFilter       pr_release_list_get_filter   (PrReleaseList *self);
void           pr_release_list_set_filter   (PrReleaseList *self,
                                             PrFilter       filter);
PrSort         pr_release_list_get_sort     (PrReleaseList *self);
void           pr_release_list_set_sort     (PrReleaseList *self,
                                             PrSort         sort);

/* The snippet of the release at @position, with the query's matches
 * marked (see pr-query.h), or NULL when the query has no words. */
char          *pr_release_list_dup_snippet  (PrReleaseList *self,
                                             guint          position);

/* How many pages were read from the library so far (for tests). */
guint          pr_release_list_get_page_loads (PrReleaseList *self);

G_END_DECLS
