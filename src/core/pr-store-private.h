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

/* For tests: creates a library at an older schema version (0 creates an
 * empty file) to test the migrations from it. */
gboolean        pr_store_create_at_version (const char  *path,
                                            int          version,
                                            GError     **error);

G_END_DECLS
