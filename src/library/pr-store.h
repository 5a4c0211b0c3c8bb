/* pr-store.h: the library, an SQLite database of releases
 *
 * One file (by default $XDG_DATA_HOME/pressreader/library.db) in WAL mode,
 * with a versioned schema migrated on open. Every write is one
 * transaction; a write that returned TRUE survives a kill of the process
 * (synchronous=NORMAL in WAL mode loses commits only on an OS crash).
 *
 * Threads: a store is created on the thread that runs its main context
 * (the "owner", normally the main thread) and can then be used from any
 * thread; the sync calls block, the async ones run in a worker thread.
 * Signals are emitted and live releases are updated on the owner thread.
 * A PrRelease returned by the store is the one live instance for its row:
 * while it is referenced, reads return the same object, and state changes
 * and re-imports update it in place (with notify). */
#pragma once

#include <gio/gio.h>

#include "pr-query.h"
#include "pr-subscription.h"
#include "pr-watch.h"
#include "pr-release.h"

G_BEGIN_DECLS

#define PR_STORE_SCHEMA_VERSION 11

#define PR_STORE_ERROR (pr_store_error_quark ())
GQuark pr_store_error_quark (void);

typedef enum {
  PR_STORE_ERROR_FAILED,        /* an SQLite or file-system error */
  PR_STORE_ERROR_TOO_NEW,       /* written by a newer PressReader: left untouched */
  PR_STORE_ERROR_NOT_LIBRARY,   /* not SQLite, or another program's database */
  PR_STORE_ERROR_NOT_FOUND,     /* no release with that id */
  PR_STORE_ERROR_DAMAGED,       /* not a database, or a damaged one (at open,
                                 * such a library is moved aside) */
  PR_STORE_ERROR_EXISTS,        /* already subscribed to that feed, a watch of that name */
  PR_STORE_ERROR_INVALID,       /* a watch without a name or a search */
  PR_STORE_ERROR_NO_SPACE,      /* the library's disk is full: the write was
                                 * rolled back, the library is intact */
  PR_STORE_ERROR_READ_ONLY,     /* the library's folder or disk cannot be written */
} PrStoreError;

/* Whether @error is a write refused for want of room or of permission
 * (PR_STORE_ERROR_NO_SPACE, PR_STORE_ERROR_READ_ONLY): not the fault of
 * what was written, so the work stops there with that one message. */
gboolean        pr_store_error_is_unwritable (const GError *error);

/* What adding a release did. */
typedef enum {
  PR_STORE_ADDED,       /* a new release */
  PR_STORE_UPDATED,     /* same origin, new content: state kept */
  PR_STORE_UNCHANGED,   /* already in the library (same origin and content,
                         * or the same content from anywhere) */
} PrStoreOutcome;

typedef enum {
  PR_FACET_SOURCE,
  PR_FACET_PLACE,
  PR_FACET_ORGANIZATION,
  PR_FACET_PERSON,
  PR_FACET_ISSUER,
  PR_FACET_KIND,     /* names are the kinds' keys: pr_facts_kind_label() */
  PR_FACET_TICKER,
} PrFacetKind;

/* The "changed" signal's detail. */
typedef enum {
  PR_STORE_CHANGE_CONTENT = 1 << 0,   /* releases added, updated or deleted */
  PR_STORE_CHANGE_STATE   = 1 << 1,   /* read or bookmarked changed */
} PrStoreChange;

typedef struct {
  char *name;
  guint count;
} PrFacet;

#define PR_TYPE_FACET (pr_facet_get_type ())
GType    pr_facet_get_type (void);
PrFacet *pr_facet_copy     (const PrFacet *facet);
void     pr_facet_free     (PrFacet       *facet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrFacet, pr_facet_free)

#define PR_TYPE_FACET_KIND (pr_facet_kind_get_type ())
GType pr_facet_kind_get_type (void);
#define PR_TYPE_STORE_CHANGE (pr_store_change_get_type ())
GType pr_store_change_get_type (void);

#define PR_TYPE_STORE (pr_store_get_type ())
G_DECLARE_FINAL_TYPE (PrStore, pr_store, PR, STORE, GObject)

/* $XDG_DATA_HOME/pressreader/library.db */
char       *pr_store_dup_default_path  (void);

/* Opens or creates the library at @path (NULL for the default), creating
 * its folder, and migrates an older schema.
 *
 * A library that is not a database, is truncated or fails the check of
 * its pages is never deleted nor written to: it is moved aside with its
 * -wal and -shm files to "PATH.damaged-DATE" (never over an earlier one)
 * and a new, empty library is created at @path; then
 * pr_store_get_moved_aside_path() says where it went. A library from a
 * newer version, another program's database, or one that cannot be
 * read (permissions, locks) is refused with an error naming the file and
 * left untouched. */
PrStore    *pr_store_open              (const char           *path,
                                        GCancellable         *cancellable,
                                        GError              **error);
void        pr_store_open_async        (const char           *path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
PrStore    *pr_store_open_finish       (GAsyncResult         *result,
                                        GError              **error);

const char *pr_store_get_path          (PrStore              *self);
/* Where the damaged library found at the path when opening was moved
 * (its -wal and -shm files, if any, beside it with the same suffixes),
 * and why it was taken for damaged (a short reason, in English, such as
 * "file is not a database"); NULL when it was not. */
const char *pr_store_get_moved_aside_path (PrStore           *self);
const char *pr_store_get_damage        (PrStore              *self);

/* Adds @releases (PrRelease) in one transaction, computing their content
 * ids; fills @outcomes (one per release, may be NULL) and sets each
 * release's store-id. A release whose origin is in the library already is
 * updated when its content changed (keeping read and bookmark state); one
 * whose content is in the library already is not added twice. */
gboolean    pr_store_add_releases      (PrStore              *self,
                                        GPtrArray            *releases,
                                        PrStoreOutcome       *outcomes,
                                        GError              **error);

/* Copies of one announcement (docs/grouping.md). As releases are added,
 * each joins the group of its best copy found through the sketch index;
 * a group's original is its wire copy, else its earliest. */

/* The releases of @id's group, the original first, then by date; only
 * @id's when it stands alone. NOT_FOUND when there is no release @id. */
GPtrArray  *pr_store_get_copies        (PrStore              *self,
                                        gint64                id,
                                        GError              **error);
void        pr_store_get_copies_async  (PrStore              *self,
                                        gint64                id,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray  *pr_store_get_copies_finish (PrStore              *self,
                                        GAsyncResult         *result,
                                        GError              **error);
/* Takes @id out of its group, and keeps it out when it is imported again
 * or a copy of it arrives (the choice is kept by content id). */
gboolean    pr_store_split_copy        (PrStore              *self,
                                        gint64                id,
                                        GError              **error);
/* Puts @id in @other's group (remembered as a split is), whatever the
 * sketches say. */
gboolean    pr_store_join_copies       (PrStore              *self,
                                        gint64                id,
                                        gint64                other,
                                        GError              **error);
/* Whether releases added from now on are sketched and grouped (TRUE by
 * default; the benchmark measures the cost against FALSE). */
void        pr_store_set_grouping      (PrStore              *self,
                                        gboolean              grouping);
gboolean    pr_store_get_grouping      (PrStore              *self);
/* Groups up to @max of the releases stored before grouping (schema 9),
 * oldest first, in one write, as an import would have grouped them; sets
 * @n_done to how many it looked at, @n_left to how many still wait.
 * Nothing when grouping is off. */
gboolean    pr_store_group_stored      (PrStore              *self,
                                        guint                 max,
                                        guint                *n_done,
                                        guint                *n_left,
                                        GError              **error);
/* All of them, a batch per write, on a thread of low priority; the
 * number looked at. Stops between batches when @cancellable is. */
void        pr_store_group_stored_async  (PrStore             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    pr_store_group_stored_finish (PrStore             *self,
                                          GAsyncResult        *result,
                                          guint               *n_grouped,
                                          GError             **error);

/* State, written at once. Times are set by the store (now, or 0). */
gboolean    pr_store_set_read          (PrStore              *self,
                                        gint64                id,
                                        gboolean              read,
                                        GError              **error);
gboolean    pr_store_set_bookmarked    (PrStore              *self,
                                        gint64                id,
                                        gboolean              bookmarked,
                                        GError              **error);
/* Marks the releases @ids (gint64) read or unread in one transaction (ids
 * not in the library are skipped): for "mark all read" and its undo. */
gboolean    pr_store_set_read_ids      (PrStore              *self,
                                        GArray               *ids,
                                        gboolean              read,
                                        GError              **error);
gboolean    pr_store_delete            (PrStore              *self,
                                        gint64                id,
                                        GError              **error);

void        pr_store_set_read_async        (PrStore             *self,
                                            gint64               id,
                                            gboolean             read,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    pr_store_set_read_finish       (PrStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void        pr_store_set_bookmarked_async  (PrStore             *self,
                                            gint64               id,
                                            gboolean             bookmarked,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    pr_store_set_bookmarked_finish (PrStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void        pr_store_delete_async          (PrStore             *self,
                                            gint64               id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    pr_store_delete_finish         (PrStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Reads. */
PrRelease  *pr_store_get_release       (PrStore              *self,
                                        gint64                id,
                                        GError              **error);
/* The release with content id @content_id (pr_release_compute_id()), by
 * the content_id index: a single-row read. NOT_FOUND when there is none. */
PrRelease  *pr_store_find_release      (PrStore              *self,
                                        const char           *content_id,
                                        GError              **error);
/* The number of releases matching @query (NULL for all) and @filter. */
gint64      pr_store_count             (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        GError              **error);
gint64      pr_store_count_grouped     (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        gboolean              grouped,
                                        GError              **error);
/* Matching releases, sorted, from @offset, at most @limit. */
GPtrArray  *pr_store_search            (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        PrSort                sort,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error);
/* The ids (gint64) of the matching releases, sorted, from @offset, at
 * most @limit: no release is read. */
GArray     *pr_store_search_ids        (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        PrSort                sort,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error);
void        pr_store_search_async      (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        PrSort                sort,
                                        guint                 offset,
                                        guint                 limit,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray  *pr_store_search_finish     (PrStore              *self,
                                        GAsyncResult         *result,
                                        GError              **error);
/* A snippet of release @id's body with @query's matches marked (see
 * pr-query.h), or NULL when the query has no words or none is in it. */
char       *pr_store_dup_snippet       (PrStore              *self,
                                        PrQuery              *query,
                                        gint64                id);
/* The @limit most frequent values among the matching releases, most
 * frequent first: an array of PrFacet. */
GPtrArray  *pr_store_get_facets        (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        PrFacetKind           kind,
                                        guint                 limit,
                                        GError              **error);
void        pr_store_get_facets_async  (PrStore              *self,
                                        PrQuery              *query,
                                        PrFilter              filter,
                                        PrFacetKind           kind,
                                        guint                 limit,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray  *pr_store_get_facets_finish (PrStore              *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Runs PRAGMA integrity_check and the FTS5 integrity checks; TRUE when
 * all say ok. */
gboolean    pr_store_check_integrity   (PrStore              *self,
                                        GError              **error);


/* In a worker thread (pr-store-async.c): pr_store_count() (-1 on error),
 * pr_store_search_ids() and pr_store_set_read_ids(). */
void        pr_store_count_async         (PrStore             *self,
                                          PrQuery             *query,
                                          PrFilter             filter,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The same, with @grouped: groups of copies counted once (the list of
 * pr_release_list_set_grouped()). */
void        pr_store_count_grouped_async (PrStore             *self,
                                          PrQuery             *query,
                                          PrFilter             filter,
                                          gboolean             grouped,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64      pr_store_count_finish        (PrStore             *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void        pr_store_search_ids_async    (PrStore             *self,
                                          PrQuery             *query,
                                          PrFilter             filter,
                                          PrSort               sort,
                                          guint                offset,
                                          guint                limit,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GArray     *pr_store_search_ids_finish   (PrStore             *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void        pr_store_set_read_ids_async  (PrStore             *self,
                                          GArray              *ids,
                                          gboolean             read,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    pr_store_set_read_ids_finish (PrStore             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Feed subscriptions (pr-store-feeds.c). Blocking: the feeds layer calls
 * them from its workers, the window through their callers' tasks. */
GPtrArray      *pr_store_list_subscriptions  (PrStore               *self,
                                              GError               **error);
PrSubscription *pr_store_get_subscription    (PrStore               *self,
                                              gint64                 id,
                                              GError               **error);
/* NOT_FOUND, with a message naming @url, when not subscribed to. */
PrSubscription *pr_store_find_subscription   (PrStore               *self,
                                              const char            *url,
                                              GError               **error);
/* Adds @sub (its id and added time are set); EXISTS when its URL is
 * subscribed to already. */
gboolean        pr_store_add_subscription    (PrStore               *self,
                                              PrSubscription        *sub,
                                              GError               **error);
/* Writes every field of @sub (by its id); EXISTS when its new URL is
 * another subscription's. */
gboolean        pr_store_update_subscription (PrStore               *self,
                                              const PrSubscription  *sub,
                                              GError               **error);
/* Removes the subscription and its items; its releases stay. */
gboolean        pr_store_remove_subscription (PrStore               *self,
                                              gint64                 id,
                                              GError               **error);
/* The items of feed @feed_id the library has a release for: guid →
 * item hash (both char*). */
GHashTable     *pr_store_get_feed_items      (PrStore               *self,
                                              gint64                 feed_id,
                                              GError               **error);
/* Writes the releases of @entries (PrFeedEntry; entries without a
 * release are skipped) as pr_store_add_releases() does, keyed by their
 * link (an item seen before keeps its release's key), and records them
 * as feed @feed_id's items, in one transaction. @feed_id 0: each entry's
 * own feed_id (a refresh writes several feeds in one transaction, so the
 * lists take one change rather than one per feed). @outcomes (one per
 * entry, may be NULL): UNCHANGED for the skipped. */
gboolean        pr_store_add_feed_items      (PrStore               *self,
                                              gint64                 feed_id,
                                              GPtrArray             *entries,
                                              PrStoreOutcome        *outcomes,
                                              GError               **error);

/* Watches (pr-watch.h; pr-store-watches.c): saved searches the library
 * matches each release it writes against, keeping their counts. Adding
 * one matches it over the library once and sets @watch's id; a query on
 * is:read, is:unread or is:bookmarked, an empty one or an empty name is
 * refused (PR_STORE_ERROR_INVALID), a name in use too (EXISTS). */
gboolean        pr_store_add_watch           (PrStore               *self,
                                              PrWatch               *watch,
                                              GError               **error);
/* Renames, edits the query (then matches it again) or the notify flag. */
gboolean        pr_store_update_watch        (PrStore               *self,
                                              const PrWatch         *watch,
                                              GError               **error);
gboolean        pr_store_remove_watch        (PrStore               *self,
                                              gint64                 id,
                                              GError               **error);
/* Moves watch @id to @position in the list (the others follow). */
gboolean        pr_store_move_watch          (PrStore               *self,
                                              gint64                 id,
                                              guint                  position,
                                              GError               **error);
/* The watches (PrWatch) in their order, with their counts. */
GPtrArray      *pr_store_list_watches        (PrStore               *self,
                                              GError               **error);
PrWatch        *pr_store_find_watch          (PrStore               *self,
                                              const char            *name,
                                              GError               **error);

/* The same in a worker thread (pr-store-async.c), for the window. */
void            pr_store_list_subscriptions_async  (PrStore               *self,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
GPtrArray      *pr_store_list_subscriptions_finish (PrStore               *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);
void            pr_store_update_subscription_async (PrStore               *self,
                                                    const PrSubscription  *sub,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
void            pr_store_remove_subscription_async (PrStore               *self,
                                                    gint64                 id,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
gboolean        pr_store_subscription_finish       (PrStore               *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);
void            pr_store_list_watches_async        (PrStore               *self,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
GPtrArray      *pr_store_list_watches_finish       (PrStore               *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);
/* Adds @watch and moves it to @position (G_MAXUINT: last). */
void            pr_store_add_watch_async           (PrStore               *self,
                                                    const PrWatch         *watch,
                                                    guint                  position,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
void            pr_store_update_watch_async        (PrStore               *self,
                                                    const PrWatch         *watch,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
void            pr_store_remove_watch_async        (PrStore               *self,
                                                    gint64                 id,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
void            pr_store_move_watch_async          (PrStore               *self,
                                                    gint64                 id,
                                                    guint                  position,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
/* For the four watch changes above. */
gboolean        pr_store_watch_change_finish       (PrStore               *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);

G_END_DECLS
