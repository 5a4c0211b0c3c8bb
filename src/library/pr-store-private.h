/* pr-store-private.h: the store's interface to the importer and list model */
#pragma once

#include "pr-store.h"

G_BEGIN_DECLS

/* A release serialised for writing: made on any thread (the importer's
 * parse threads), written by pr_store_add_rows(). */
typedef struct _PrStoreRow PrStoreRow;

PrStoreRow     *pr_store_row_new        (PrRelease      *release);
void            pr_store_row_free       (PrStoreRow     *row);
PrRelease      *pr_store_row_get_release (PrStoreRow    *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrStoreRow, pr_store_row_free)

gboolean        pr_store_add_rows       (PrStore        *self,
                                         GPtrArray      *rows,
                                         PrStoreOutcome *outcomes,
                                         GError        **error);

/* A list model's view of a query. The store computes, inside each write
 * transaction, where the rows that changed leave and enter the sorted
 * list, and hands the list a delta on the owner thread once the model's
 * reads see the new state. Reads through a watch see the state of the
 * last delta delivered. */
typedef struct {
  gboolean reset;      /* too many or unsortable changes: recount */
  GArray *removed;     /* guint: positions before the change, descending */
  GArray *inserted;    /* guint: positions after the change, ascending */
  GArray *inserted_ids; /* gint64: the rows at those positions */
} PrStoreDelta;

typedef void (*PrStoreWatchFunc) (const PrStoreDelta *delta,
                                  gpointer            user_data);

typedef struct _PrStoreWatch PrStoreWatch;

PrStoreWatch   *pr_store_watch          (PrStore        *self,
                                         PrQuery        *query,
                                         PrFilter        filter,
                                         PrSort          sort,
                                         PrStoreWatchFunc func,
                                         gpointer        user_data);
void            pr_store_unwatch        (PrStore        *self,
                                         PrStoreWatch   *watch);
gint64          pr_store_watch_count    (PrStore        *self,
                                         PrStoreWatch   *watch,
                                         GError        **error);
/* The ids (gint64) at [offset, offset + limit) of the watch's list; read
 * the releases with pr_store_get_release() on the owner thread. */
GArray         *pr_store_watch_ids      (PrStore        *self,
                                         PrStoreWatch   *watch,
                                         guint           offset,
                                         guint           limit,
                                         GError        **error);

/* The state of the watch's list that reads through it see now: it
 * changes with every delivered write that changes the list (a delta or a
 * reset), and only then. Owner thread. */
guint64         pr_store_watch_get_epoch (PrStore       *self,
                                          PrStoreWatch  *watch);

/* Reads through a watch in a worker thread, on the same snapshot as the
 * owner thread's reads (so the result matches the deltas delivered up to
 * its epoch). The owner thread never waits for such a read: when it needs
 * the reader, the read is interrupted and starts over. */
typedef struct {
  gboolean count;            /* count the list */
  const guint *offsets;      /* pages to read: their first positions */
  guint n_offsets;
  guint limit;               /* rows a page */
  guint with_releases;       /* read the releases of the first this many
                              * rows of each page (0: all) */
  gint64 locate_id;          /* find this release's position (0: none) */
  gint64 unread_after;       /* find the first unread release after this
                              * position, wrapping around (-1: from the
                              * start; < -1: none) */
} PrStoreWatchRequest;

typedef struct {
  guint offset;
  GArray *ids;               /* gint64 */
  GPtrArray *releases;       /* PrRelease of the first rows (all but
                              * with with_releases) */
} PrStoreWatchPage;

typedef struct {
  guint64 epoch;             /* the state that was read */
  gint64 count;              /* -1 when not asked for */
  GPtrArray *pages;          /* PrStoreWatchPage */
  gint64 position;           /* of locate_id or the next unread; -1: none */
} PrStoreWatchResult;

void            pr_store_watch_result_free (PrStoreWatchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrStoreWatchResult, pr_store_watch_result_free)

void            pr_store_watch_read_async  (PrStore                   *self,
                                            PrStoreWatch              *watch,
                                            const PrStoreWatchRequest *request,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
PrStoreWatchResult *pr_store_watch_read_finish (PrStore           *self,
                                                GAsyncResult      *result,
                                                GError           **error);

/* For tests: creates a library at an older schema version (0 creates an
 * empty file) to test the migrations from it. */
gboolean        pr_store_create_at_version (const char  *path,
                                            int          version,
                                            GError     **error);

G_END_DECLS
