/* pr-store-watch.c: list models' watches on the store
 *
 * A watch is a list model's view of a query. The writes compute its
 * deltas and the owner thread delivers them (pr-store.c); reads through
 * it see the snapshot of the deltas delivered, on the owner thread or in
 * a worker that lets the owner have the reader whenever it asks. */
#include <sqlite3.h>

#include "pr-query-private.h"
#include "pr-store-private.h"

/* ---- watches --------------------------------------------------------- */

PrStoreWatch *
pr_store_watch_ref (PrStoreWatch *watch)
{
  g_atomic_int_inc (&watch->ref_count);
  return watch;
}

void
pr_store_watch_unref (PrStoreWatch *watch)
{
  if (!g_atomic_int_dec_and_test (&watch->ref_count))
    return;
  pr_query_sql_free (watch->sql);
  g_free (watch);
}

PrStoreWatch *
pr_store_watch (PrStore          *self,
                PrQuery          *query,
                PrFilter          filter,
                PrSort            sort,
                gboolean          grouped,
                PrStoreWatchFunc  func,
                gpointer          user_data)
{
  PrStoreWatch *watch;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (g_thread_self () == self->owner, NULL);

  watch = g_new0 (PrStoreWatch, 1);
  watch->ref_count = 1;
  watch->sql = pr_query_compile (query, filter);
  if (grouped)
    pr_query_sql_set_grouped (watch->sql);
  /* Relevance is not kept by a grouped list (its matches are originals
   * that FTS5 did not rank): by date. */
  watch->sort = pr_store_effective_sort (pr_query_sql_plain (watch->sql), sort);
  watch->func = func;
  watch->user_data = user_data;

  /* Notices already queued were computed without this watch; the
   * snapshot it reads in is the one they will move on from. */
  g_mutex_lock (&self->queue_lock);
  pr_store_owner_read_lock (self);
  if (!self->reader_progress)
    {
      /* Every 1,000 instructions: a worker's read stops for the owner. */
      sqlite3_progress_handler (self->rdb.db, 1000, pr_store_reader_progress, self);
      self->reader_progress = TRUE;
    }
  if (!self->snapshot && !pr_store_snapshot_begin (self, NULL))
    g_warning ("Could not read the library %s", self->path);
  g_rec_mutex_unlock (&self->read_lock);

  g_mutex_lock (&self->watch_lock);
  watch->gen = ++self->watch_gen;
  g_ptr_array_add (self->watches, pr_store_watch_ref (watch));
  g_mutex_unlock (&self->watch_lock);
  g_mutex_unlock (&self->queue_lock);

  return watch;
}

void
pr_store_unwatch (PrStore      *self,
                  PrStoreWatch *watch)
{
  gboolean last;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (g_thread_self () == self->owner);

  if (watch == NULL)
    return;

  watch->removed = TRUE;
  g_mutex_lock (&self->queue_lock);
  g_mutex_lock (&self->watch_lock);
  if (self->watches != NULL)
    g_ptr_array_remove (self->watches, watch);
  last = self->watches == NULL || self->watches->len == 0;
  g_mutex_unlock (&self->watch_lock);

  if (last)
    {
      pr_store_owner_read_lock (self);
      pr_store_snapshot_end (self);
      g_rec_mutex_unlock (&self->read_lock);
    }
  g_mutex_unlock (&self->queue_lock);

  pr_store_watch_unref (watch);
}

gboolean
pr_store_is_watched (PrStore *self)
{
  gboolean watched;

  g_mutex_lock (&self->watch_lock);
  watched = self->watches != NULL && self->watches->len > 0;
  g_mutex_unlock (&self->watch_lock);
  return watched;
}

gint64
pr_store_watch_count (PrStore       *self,
                      PrStoreWatch  *watch,
                      GError       **error)
{
  gint64 count = 0;

  g_return_val_if_fail (PR_IS_STORE (self), 0);

  pr_store_owner_read_lock (self);
  pr_store_count_sql (&self->rdb, watch->sql, &count, error);
  g_rec_mutex_unlock (&self->read_lock);
  return count;
}

GArray *
pr_store_watch_ids (PrStore       *self,
                    PrStoreWatch  *watch,
                    guint          offset,
                    guint          limit,
                    GError       **error)
{
  GArray *ids;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  pr_store_owner_read_lock (self);
  ids = pr_store_select_ids (&self->rdb, watch->sql, watch->sort, offset, limit, error);
  g_rec_mutex_unlock (&self->read_lock);
  return ids;
}

guint64
pr_store_watch_get_epoch (PrStore      *self,
                          PrStoreWatch *watch)
{
  g_return_val_if_fail (PR_IS_STORE (self), 0);
  g_return_val_if_fail (watch != NULL, 0);

  return watch->epoch;
}

/* ---- reads through a watch in a worker ------------------------------- */

typedef struct {
  PrStoreWatch *watch;
  PrStoreWatchRequest request;   /* offsets: a copy */
} WatchRead;

static void
watch_read_free (WatchRead *read)
{
  pr_store_watch_unref (read->watch);
  g_free ((guint *) read->request.offsets);
  g_free (read);
}

static void
watch_page_free (PrStoreWatchPage *page)
{
  g_clear_pointer (&page->ids, g_array_unref);
  g_clear_pointer (&page->releases, g_ptr_array_unref);
  g_free (page);
}

void
pr_store_watch_result_free (PrStoreWatchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_free (result);
}

/* A read that failed while the owner waits for the reader was stopped for
 * it (by the progress handler or between releases): it starts over. */
static gboolean
read_interrupted (PrStore *self)
{
  return pr_store_reader_wanted (self);
}

/* The position of the first unread row after @after (wrapping around),
 * stepping through the list in its order. */
static gboolean
find_next_unread (PrStore       *self,
                  PrStoreWatch  *watch,
                  gint64         after,
                  gint64        *position,
                  GError       **error)
{
  PrQuerySql *sql = pr_query_sql_plain (watch->sql);
  g_autofree char *where = pr_store_sql_where (sql);
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 start = after + 1;
  gint64 i;
  int rc = SQLITE_DONE;

  *position = -1;
  /* In the list of unread releases, the first row after @after is. */
  text = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT -1 OFFSET :offset",
                          sql->unread_first ? "1" : SQL_UNREAD,
                          pr_store_sql_from (sql), where,
                          pr_store_sql_order (sql, watch->sort));
  stmt = pr_store_conn_prepare (&self->rdb, text, error);
  if (stmt == NULL)
    return FALSE;

  /* From after @after to the end, then from the start. */
  for (guint pass = 0; pass < 2 && *position < 0; pass++)
    {
      pr_store_bind_query (stmt, sql);
      pr_store_bind_named_int64 (stmt, ":offset", pass == 0 ? start : 0);
      for (i = pass == 0 ? start : 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
        {
          if (pass == 1 && i >= start)
            break;
          if (sqlite3_column_int (stmt, 0) != 0)
            {
              *position = i;
              break;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pr_store_set_sqlite_error (error, self->rdb.db, rc, "Could not search the library");
          return FALSE;
        }
    }
  return TRUE;
}

/* The position of release @id in the list, or -1. */
static gboolean
locate_release (PrStore       *self,
                PrStoreWatch  *watch,
                gint64         id,
                gint64        *position,
                GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean unsortable = FALSE;
  PrQuerySql *sql;
  int rc;

  *position = -1;
  g_array_append_val (ids, id);
  if (!pr_store_watch_positions (&self->rdb, watch, ids, positions, NULL, &unsortable, error))
    return FALSE;
  if (!unsortable)
    {
      if (positions->len > 0)
        *position = g_array_index (positions, guint, 0);
      return TRUE;
    }

  /* Relevance cannot be counted: step through the list. */
  sql = pr_query_sql_plain (watch->sql);
  where = pr_store_sql_where (sql);
  text = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s", pr_store_sql_id (sql),
                          pr_store_sql_from (sql), where, pr_store_sql_order (sql, watch->sort));
  stmt = pr_store_conn_prepare (&self->rdb, text, error);
  if (stmt == NULL)
    return FALSE;
  pr_store_bind_query (stmt, sql);
  for (gint64 i = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
    if (sqlite3_column_int64 (stmt, 0) == id)
      {
        *position = i;
        return TRUE;
      }
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->rdb.db, rc, "Could not search the library");
      return FALSE;
    }
  return TRUE;
}

/* One attempt, holding the reader. */
static PrStoreWatchResult *
watch_read_once (PrStore       *self,
                 WatchRead     *read,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(PrStoreWatchResult) result = g_new0 (PrStoreWatchResult, 1);
  const PrStoreWatchRequest *request = &read->request;
  PrStoreWatch *watch = read->watch;
  g_autoptr(GArray) quick = NULL;
  guint n_pages;

  result->epoch = watch->epoch;
  result->count = -1;
  result->position = -1;
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_page_free);

  if (request->quick > 0 && request->n_offsets > 0 && request->offsets[0] == 0)
    {
      gboolean done = FALSE;

      quick = pr_store_matches_quick_page (&self->rdb, watch->sql, watch->sort, request->quick,
                                           &done, error);
      if (quick == NULL)
        return NULL;
      if (!done)
        g_clear_pointer (&quick, g_array_unref);
      /* Fewer rows than asked for: all of them, counted. */
      else if (quick->len < request->quick)
        result->count = quick->len;
    }

  if (quick == NULL && request->count
      && !pr_store_count_sql (&self->rdb, watch->sql, &result->count, error))
    return NULL;

  /* Found quickly: page 0 alone (n_pages before quick is stolen). */
  n_pages = quick != NULL ? 1 : request->n_offsets;
  for (guint i = 0; i < n_pages; i++)
    {
      PrStoreWatchPage *page = g_new0 (PrStoreWatchPage, 1);

      g_ptr_array_add (result->pages, page);
      page->offset = request->offsets[i];
      page->ids = quick != NULL ? g_steal_pointer (&quick)
        : pr_store_select_ids (&self->rdb, watch->sql, watch->sort, page->offset,
                               request->limit, error);
      if (page->ids == NULL)
        return NULL;
      page->releases = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; j < page->ids->len; j++)
        {
          PrRelease *release;

          if (request->with_releases > 0 && j >= request->with_releases)
            break;
          if (pr_store_reader_wanted (self) || g_cancellable_set_error_if_cancelled (cancellable,
                                                                                     error))
            {
              if (error != NULL && *error == NULL)
                g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_FAILED, "interrupted");
              return NULL;
            }
          release = pr_store_load_release (self, &self->rdb, g_array_index (page->ids, gint64, j),
                                           error);
          if (release == NULL)
            return NULL;
          g_ptr_array_add (page->releases, release);
        }
    }

  if (request->locate_id != 0 &&
      !locate_release (self, watch, request->locate_id, &result->position, error))
    return NULL;
  if (request->unread_after >= -1 &&
      !find_next_unread (self, watch, request->unread_after, &result->position, error))
    return NULL;

  return g_steal_pointer (&result);
}

static void
watch_read_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrStore *self = source_object;
  WatchRead *read = task_data;

  for (;;)
    {
      GError *error = NULL;
      PrStoreWatchResult *result;
      gboolean again;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (read->watch->removed)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list is gone");
          return;
        }
      pr_store_worker_read_lock (self);
      if (!self->snapshot)
        {
          g_rec_mutex_unlock (&self->read_lock);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list is gone");
          return;
        }
      result = watch_read_once (self, read, cancellable, &error);
      again = result == NULL && read_interrupted (self)
              && !g_cancellable_is_cancelled (cancellable);
      g_rec_mutex_unlock (&self->read_lock);

      if (result != NULL)
        {
          g_task_return_pointer (task, result, (GDestroyNotify) pr_store_watch_result_free);
          return;
        }
      if (!again)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_clear_error (&error);
              g_task_return_error_if_cancelled (task);
            }
          else
            g_task_return_error (task, error);
          return;
        }
      /* The owner needed the reader: once more after it. */
      g_clear_error (&error);
    }
}

void
pr_store_watch_read_async (PrStore                   *self,
                           PrStoreWatch              *watch,
                           const PrStoreWatchRequest *request,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  WatchRead *read;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (watch != NULL);
  g_return_if_fail (request != NULL);

  read = g_new0 (WatchRead, 1);
  read->watch = pr_store_watch_ref (watch);
  read->request = *request;
  read->request.offsets = g_memdup2 (request->offsets, sizeof (guint) * request->n_offsets);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_store_watch_read_async);
  g_task_set_task_data (task, read, (GDestroyNotify) watch_read_free);
  g_task_run_in_thread (task, watch_read_thread);
}

PrStoreWatchResult *
pr_store_watch_read_finish (PrStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
