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
 * An asynchronous list (pr_release_list_new_async(), for windows) never
 * reads a count or a page on the calling thread: it starts empty and
 * "loading", and fills itself (items-changed (0, 0, n)) once a worker
 * has counted it and read its first page, on the same snapshot. A row
 * whose page was not read yet is a placeholder release
 * (pr_release_list_is_placeholder()), replaced by the real one with
 * items-changed (p, 1, 1) (runs merged) when its page arrives. A write
 * that starts the list over leaves it as it was shown until a worker has
 * counted it again and read its recently used pages; while writes keep
 * coming (an import) that happens at most every 300 ms. Then, for a list
 * of a page or more whose pages read were known before, it is told as
 * precise changes: the rows above those pages changed in place, the
 * pages' rows removed and inserted around the ones that stayed (changes
 * fewer than 16 kept rows apart merged), the rows below replaced; the
 * pages' changes add at most 48 rows a main loop turn, the list being
 * the new state above the point reached and the old one below it between
 * turns. Otherwise it is one items-changed (0, old count, new count).
 * Precise changes are
 * applied at once, as in a synchronous list; the rows a write inserts
 * are read by id (one indexed row each). A new query, filter or sort
 * keeps the old rows until the new ones are read.
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

/* Counts and pages read in worker threads (see above). */
PrReleaseList *pr_release_list_new_async    (PrStore       *store,
                                             PrQuery       *query,
                                             PrFilter       filter,
                                             PrSort         sort);

PrStore       *pr_release_list_get_store    (PrReleaseList *self);
gboolean       pr_release_list_get_async    (PrReleaseList *self);
/* Asynchronous lists: TRUE until the current query's rows are shown. */
gboolean       pr_release_list_get_loading  (PrReleaseList *self);
gboolean       pr_release_list_get_counting (PrReleaseList *self);
/* Asynchronous lists: TRUE when no read is pending or due (the rows shown
 * are the library's, every page asked for is there). */
gboolean       pr_release_list_is_settled   (PrReleaseList *self);
/* Whether @release is a row of an asynchronous list not read yet. */
gboolean       pr_release_list_is_placeholder (PrRelease   *release);
PrQuery       *pr_release_list_get_query    (PrReleaseList *self);
void           pr_release_list_set_query    (PrReleaseList *self,
                                             PrQuery       *query);
PrFilter       pr_release_list_get_filter   (PrReleaseList *self);
void           pr_release_list_set_filter   (PrReleaseList *self,
                                             PrFilter       filter);
PrSort         pr_release_list_get_sort     (PrReleaseList *self);
void           pr_release_list_set_sort     (PrReleaseList *self,
                                             PrSort         sort);

/* One row per group of copies: the original's (FALSE by default). */
gboolean       pr_release_list_get_grouped  (PrReleaseList *self);
void           pr_release_list_set_grouped  (PrReleaseList *self,
                                             gboolean       grouped);

/* The snippet of the release at @position, with the query's matches
 * marked (see pr-query.h), or NULL when the query has no words. */
char          *pr_release_list_dup_snippet  (PrReleaseList *self,
                                             guint          position);

/* The position of @release in the list, or -1 when it is not in it;
 * by a query in a worker thread (the list's own one by one, for lists
 * sorted by relevance). The position is the list's as shown when the
 * callback runs, unless the library keeps changing faster than the list
 * is refreshed: check the row before relying on it. */
void           pr_release_list_find_async   (PrReleaseList       *self,
                                             PrRelease           *release,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The first unread release after @position (-1: from the start), wrapping
 * around; -1 when there is none. Same terms as find. */
void           pr_release_list_find_unread_async (PrReleaseList       *self,
                                                  gint64               position,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gint64         pr_release_list_find_finish  (PrReleaseList       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* How many pages were read from the library so far (for tests). */
guint          pr_release_list_get_page_loads (PrReleaseList *self);

G_END_DECLS
