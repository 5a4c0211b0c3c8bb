/* pr-store-write.c: writing to the library
 *
 * Every write is one transaction on the writer, pr_store_txn_begin() to
 * pr_store_txn_commit(), serialised by write_lock: before and after its writes
 * it finds where the rows it changes are in each watched list, and it
 * commits and queues the notice with those deltas for the owner thread
 * (see pr-store.c). Adding releases, their state, deleting them, and the
 * async forms of the single writes. */
#include <sqlite3.h>
#include <string.h>

#include "pr-store-private.h"

/* More state changes than this in one write reset the lists that show
 * state (pr_store_watch_positions() resets past 128 rows that move, but
 * would first look up every release changed). */
#define STATE_RESET_AT 1024

/* ---- write transactions ---------------------------------------------- */

static void
delta_free (PrStoreDelta *delta)
{
  if (delta == NULL)
    return;
  g_clear_pointer (&delta->removed, g_array_unref);
  g_clear_pointer (&delta->inserted, g_array_unref);
  g_clear_pointer (&delta->inserted_ids, g_array_unref);
  g_free (delta);
}

void
pr_store_write_lock (PrStore *self)
{
  if (g_thread_self () != self->owner)
    {
      g_mutex_lock (&self->write_lock);
      return;
    }

  /* The owner must keep delivering while it waits: the writer that holds
   * the lock may be waiting for it. */
  while (!g_mutex_trylock (&self->write_lock))
    {
      gint64 deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_MILLISECOND;

      pr_store_deliver_pending (self, TRUE);
      g_mutex_lock (&self->queue_lock);
      if (g_queue_is_empty (&self->pending))
        g_cond_wait_until (&self->queue_cond, &self->queue_lock, deadline);
      g_mutex_unlock (&self->queue_lock);
    }
}

/* A short transaction of the writer's for the library's own tables
 * (subscriptions, watches): no release changes, so no list notices. */
gboolean
pr_store_plain_begin (PrStore  *self,
                      GError  **error)
{
  pr_store_write_lock (self);
  if (!pr_store_conn_exec (&self->wdb, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->write_lock);
      return FALSE;
    }
  return TRUE;
}

/* Commits when @ok, else rolls back; releases the writer. */
gboolean
pr_store_plain_end (PrStore  *self,
                    gboolean  ok,
                    GError  **error)
{
  if (ok)
    ok = pr_store_conn_exec (&self->wdb, "COMMIT", error);
  if (!ok)
    pr_store_conn_rollback (&self->wdb);
  g_mutex_unlock (&self->write_lock);
  return ok;
}

gboolean
pr_store_txn_begin (PrStore   *self,
                    WriteTxn  *txn,
                    GError   **error)
{
  memset (txn, 0, sizeof *txn);
  txn->store = self;

  pr_store_write_lock (self);
  if (!pr_store_conn_exec (&self->wdb, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->write_lock);
      return FALSE;
    }

  txn->entity_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  txn->notice = g_new0 (Notice, 1);
  txn->notice->state = g_array_new (FALSE, FALSE, sizeof (StateChange));
  txn->notice->updated = g_array_new (FALSE, FALSE, sizeof (gint64));
  txn->notice->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_watch_hits_free);

  txn->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_watch_unref);
  txn->deltas = g_ptr_array_new_with_free_func ((GDestroyNotify) delta_free);
  g_mutex_lock (&self->watch_lock);
  txn->gen = self->watch_gen;
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    {
      PrStoreDelta *delta = g_new0 (PrStoreDelta, 1);

      delta->removed = g_array_new (FALSE, FALSE, sizeof (guint));
      delta->inserted = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (txn->watches, pr_store_watch_ref (g_ptr_array_index (self->watches, i)));
      g_ptr_array_add (txn->deltas, delta);
    }
  g_mutex_unlock (&self->watch_lock);
  return TRUE;
}

/* The writer's page cache at its size between writes (write_lock held). */
static const char *
writer_cache (PrStore *self)
{
  return self->bulk_writers > 0 ? "PRAGMA cache_size = " PR_STORE_WRITER_BIG_CACHE
                                : "PRAGMA cache_size = " PR_STORE_WRITER_CACHE;
}

void
pr_store_set_bulk (PrStore  *self,
                   gboolean  bulk)
{
  pr_store_write_lock (self);
  if (bulk)
    self->bulk_writers++;
  else if (self->bulk_writers > 0)
    self->bulk_writers--;
  /* A smaller cache frees the pages past it. */
  if (self->wdb.db != NULL)
    pr_store_conn_exec (&self->wdb, writer_cache (self), NULL);
  g_mutex_unlock (&self->write_lock);
}

static void
write_txn_clear (WriteTxn *txn)
{
  /* Still holding the writer: its page cache back to its size. */
  if (txn->big_cache)
    pr_store_conn_exec (&txn->store->wdb, writer_cache (txn->store), NULL);
  txn->big_cache = FALSE;
  g_clear_pointer (&txn->entity_counts, g_hash_table_unref);
  g_clear_pointer (&txn->watches, g_ptr_array_unref);
  g_clear_pointer (&txn->deltas, g_ptr_array_unref);
  g_clear_pointer (&txn->notice, pr_store_notice_free);
}

void
pr_store_txn_rollback (WriteTxn *txn)
{
  PrStore *self = txn->store;

  pr_store_conn_rollback (&self->wdb);
  /* Entities made in the transaction are gone. */
  g_hash_table_remove_all (self->entity_ids);
  write_txn_clear (txn);
  g_mutex_unlock (&self->write_lock);
}

gboolean
pr_store_txn_commit (WriteTxn  *txn,
                     GError   **error)
{
  PrStore *self = txn->store;
  Notice *notice = txn->notice;
  gboolean wait;
  guint64 seq;

  notice->gen = txn->gen;
  notice->watches = g_steal_pointer (&txn->watches);
  notice->deltas = g_steal_pointer (&txn->deltas);
  wait = notice->watches->len > 0;

  if (txn->unread_delta != 0)
    {
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "UPDATE counts SET unread = unread + ?"
                                                           " WHERE id = 1", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, txn->unread_delta);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        goto fail;
    }

  g_mutex_lock (&self->queue_lock);
  if (!pr_store_conn_exec (&self->wdb, "COMMIT", error))
    {
      g_mutex_unlock (&self->queue_lock);
      txn->watches = g_steal_pointer (&notice->watches);
      txn->deltas = g_steal_pointer (&notice->deltas);
      pr_store_txn_rollback (txn);
      return FALSE;
    }
  seq = notice->seq = ++self->next_seq;
  g_queue_push_tail (&self->pending, g_steal_pointer (&txn->notice));
  g_mutex_unlock (&self->queue_lock);

  if (g_thread_self () == self->owner)
    pr_store_deliver_pending (self, TRUE);
  else
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, pr_store_deliver_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[pressreader] store notice");
      /* Before the callbacks of tasks that finish after this write. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, self->context);
      g_source_unref (source);

      /* List models must see each write before the next begins. */
      if (wait)
        {
          g_mutex_lock (&self->queue_lock);
          while (self->delivered_seq < seq)
            g_cond_wait (&self->queue_cond, &self->queue_lock);
          g_mutex_unlock (&self->queue_lock);
        }
    }

  write_txn_clear (txn);
  g_mutex_unlock (&self->write_lock);
  return TRUE;

fail:
  txn->watches = g_steal_pointer (&notice->watches);
  txn->deltas = g_steal_pointer (&notice->deltas);
  pr_store_txn_rollback (txn);
  return FALSE;
}

/* The ids of @content and, if @watch's list shows state, of @state: the
 * releases to place in it. Thousands of releases read reset such a list
 * instead of looking each up in it. */
static void
watch_ids (PrStoreWatch *watch,
           PrStoreDelta *delta,
           GArray       *content,
           GArray       *state,
           GArray       *ids)
{
  if (content != NULL)
    g_array_append_vals (ids, content->data, content->len);
  if (state == NULL || !watch->sql->uses_state)
    return;
  if (state->len > STATE_RESET_AT)
    delta->reset = TRUE;
  else
    g_array_append_vals (ids, state->data, state->len);
}

/* Before the writes: where the rows in @content (updated or deleted) and
 * @state (state changed) are now. */
gboolean
pr_store_txn_watches_before (WriteTxn  *txn,
                             GArray    *content,
                             GArray    *state,
                             GError   **error)
{
  for (guint w = 0; w < txn->watches->len; w++)
    {
      PrStoreWatch *watch = g_ptr_array_index (txn->watches, w);
      PrStoreDelta *delta = g_ptr_array_index (txn->deltas, w);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

      watch_ids (watch, delta, content, state, ids);
      if (!pr_store_watch_positions (&txn->store->wdb, watch, ids, positions, NULL, &delta->reset,
                                     error))
        return FALSE;
      /* Removed from the end first, so that each position holds. */
      for (guint i = positions->len; i > 0; i--)
        g_array_append_val (delta->removed, g_array_index (positions, guint, i - 1));
    }
  return TRUE;
}

/* After the writes: where the rows in @content (added or updated) and
 * @state are now. */
gboolean
pr_store_txn_watches_after (WriteTxn  *txn,
                            GArray    *content,
                            GArray    *state,
                            GError   **error)
{
  for (guint w = 0; w < txn->watches->len; w++)
    {
      PrStoreWatch *watch = g_ptr_array_index (txn->watches, w);
      PrStoreDelta *delta = g_ptr_array_index (txn->deltas, w);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      watch_ids (watch, delta, content, state, ids);
      if (delta->inserted_ids == NULL)
        delta->inserted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!pr_store_watch_positions (&txn->store->wdb, watch, ids, delta->inserted,
                                     delta->inserted_ids,
                                     &delta->reset, error))
        return FALSE;
    }
  return TRUE;
}

void
pr_store_txn_reset_grouped (WriteTxn *txn)
{
  for (guint w = 0; w < txn->watches->len; w++)
    {
      PrStoreWatch *watch = g_ptr_array_index (txn->watches, w);

      if (watch->sql->grouped)
        ((PrStoreDelta *) g_ptr_array_index (txn->deltas, w))->reset = TRUE;
    }
}

/* ---- adding releases ------------------------------------------------- */

static gboolean
entity_id (PrStore     *self,
           RowEntity   *entity,
           gint64      *id,
           GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", entity->kind, entity->norm);
  gint64 *cached = g_hash_table_lookup (self->entity_ids, key);
  sqlite3_stmt *stmt;
  int rc;

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  stmt = pr_store_conn_stmt (&self->wdb, "SELECT id FROM entities WHERE kind = ? AND norm = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, entity->kind);
  pr_store_bind_text (stmt, 2, entity->norm);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);

  if (rc == SQLITE_DONE)
    {
      stmt = pr_store_conn_stmt (&self->wdb,
                                 "INSERT INTO entities (kind, norm, name) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, entity->kind);
      pr_store_bind_text (stmt, 2, entity->norm);
      pr_store_bind_text (stmt, 3, entity->name);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
      *id = sqlite3_last_insert_rowid (self->wdb.db);
    }
  else if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not store a name");
      return FALSE;
    }

  g_hash_table_insert (self->entity_ids, g_steal_pointer (&key), g_memdup2 (id, sizeof *id));
  return TRUE;
}

/* Links @row to its entities, counting the new links in @counts. */
static gboolean
write_entities (PrStore     *self,
                PrStoreRow  *row,
                GHashTable  *counts,
                GError     **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < row->entities->len; i++)
    {
      gint64 id = 0;

      if (!entity_id (self, g_ptr_array_index (row->entities, i), &id, error))
        return FALSE;
      stmt = pr_store_conn_stmt (&self->wdb,
                                 "INSERT OR IGNORE INTO release_entities (release_id, entity_id)"
                                 " VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->wdb.db) > 0)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));

          g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));
        }
    }
  return TRUE;
}

/* Adds the links counted by write_entities() to the entities' counts. */
static gboolean
write_entity_counts (PrStore     *self,
                     GHashTable  *counts,
                     GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb,
                                               "UPDATE entities SET releases = releases + ?"
                                               " WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, GPOINTER_TO_UINT (value));
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) key);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
    }
  g_hash_table_remove_all (counts);
  return TRUE;
}

/* Indexes @row's text. FTS5 flushes its pending index at every statement
 * savepoint (statements with triggers or constraints that may abort), so
 * a batch writes all of its plain rows first and its FTS rows last: one
 * flush per batch instead of one segment per release. */
static gboolean
write_fts (PrStore     *self,
           PrStoreRow  *row,
           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "INSERT INTO release_fts (rowid, title, subtitle, body, organizations,"
                             " people, dateline, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  pr_store_bind_text (stmt, 2, row->text[ROW_TITLE] != NULL ? row->text[ROW_TITLE] : "");
  pr_store_bind_text (stmt, 3, row->text[ROW_SUBTITLE]);
  pr_store_bind_text (stmt, 4, row->body);
  pr_store_bind_text (stmt, 5, row->organizations);
  pr_store_bind_text (stmt, 6, row->people);
  pr_store_bind_text (stmt, 7, row->text[ROW_DATELINE]);
  pr_store_bind_text (stmt, 8, row->text[ROW_SOURCE]);
  return pr_store_stmt_run (&self->wdb, stmt, error);
}

static gboolean
write_cjk (PrStore     *self,
           PrStoreRow  *row,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (row->cjk == NULL)
    return TRUE;
  stmt = pr_store_conn_stmt (&self->wdb, "INSERT INTO release_cjk (rowid, text) VALUES (?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  pr_store_bind_text (stmt, 2, row->cjk);
  return pr_store_stmt_run (&self->wdb, stmt, error);
}

/* Removes what write_entities(), write_fts() and write_cjk() wrote for release @id (with the content
 * still in place: FTS5 needs the old values to delete them). */
static gboolean
delete_indexes (PrStore     *self,
                gint64       id,
                GError     **error)
{
  static const char * const sql[] = {
    "INSERT INTO release_fts (release_fts, rowid, title, subtitle, body, organizations, people,"
    " dateline, source) SELECT 'delete', id, coalesce (title, ''), subtitle, body, organizations,"
    " people, dateline, source FROM release_fts_content WHERE id = ?",
    "DELETE FROM release_cjk WHERE rowid = ?",
    "DELETE FROM release_entities WHERE release_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_row_columns (sqlite3_stmt *stmt,
                  PrStoreRow   *row)
{
  pr_store_bind_text (stmt, 1, row->content_id);
  pr_store_bind_text (stmt, 2, row->source_key);
  pr_store_bind_text (stmt, 3, row->fingerprint);
  pr_store_bind_text (stmt, 4, row->text[ROW_DATE] != NULL ? row->text[ROW_DATE] : "");
  pr_store_bind_text (stmt, 5, row->text[ROW_TITLE] != NULL ? row->text[ROW_TITLE] : "");
  pr_store_bind_text (stmt, 6, row->text[ROW_SUBTITLE]);
  pr_store_bind_text (stmt, 7, row->text[ROW_DATELINE]);
  pr_store_bind_text (stmt, 8, row->text[ROW_CITY]);
  pr_store_bind_text (stmt, 9, row->text[ROW_REGION]);
  pr_store_bind_text (stmt, 10, row->text[ROW_SOURCE]);
  pr_store_bind_text (stmt, 11, row->text[ROW_SOURCE_NORM]);
  pr_store_bind_text (stmt, 12, row->text[ROW_SOURCE_TAG]);
  pr_store_bind_text (stmt, 13, row->text[ROW_LANGUAGE]);
  pr_store_bind_text (stmt, 14, row->text[ROW_SUMMARY]);
  pr_store_bind_text (stmt, 15, row->text[ROW_ORIGIN]);
  sqlite3_bind_int64 (stmt, 16, row->word_count);
  sqlite3_bind_int (stmt, 17, row->title_derived);
}

static gboolean
insert_row (PrStore     *self,
            PrStoreRow  *row,
            gint64       now,
            GHashTable  *counts,
            gint64      *unread_added,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "INSERT INTO releases (content_id, source_key, fingerprint, date, title,"
                             " subtitle, dateline, city, region, source, source_norm, source_tag, language,"
                             " summary, origin, word_count, title_derived, imported_at, updated_at,"
                             " bookmarked, bookmarked_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                             " ?16, ?17, ?18, ?18, ?19, ?20)", error);
  if (stmt == NULL)
    return FALSE;
  bind_row_columns (stmt, row);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int (stmt, 19, row->bookmarked);
  sqlite3_bind_int64 (stmt, 20, row->bookmarked_at);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (self->wdb.db);

  /* Its state (schema 7): a key in unread, or when it was read. */
  stmt = pr_store_conn_stmt (&self->wdb, row->read
                                         ? "INSERT INTO release_reads (read_at, id) VALUES (?, ?)"
                                         : "INSERT INTO unread (date, id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (row->read)
    sqlite3_bind_int64 (stmt, 1, row->read_at);
  else
    pr_store_bind_text (stmt, 1, row->text[ROW_DATE] != NULL ? row->text[ROW_DATE] : "");
  sqlite3_bind_int64 (stmt, 2, row->id);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  if (!row->read)
    (*unread_added)++;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "INSERT INTO release_text (id, organizations, people, body, extra)"
                             " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  pr_store_bind_text (stmt, 2, row->organizations);
  pr_store_bind_text (stmt, 3, row->people);
  pr_store_bind_text (stmt, 4, row->body);
  pr_store_bind_text (stmt, 5, row->extra);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;

  return write_entities (self, row, counts, error);
}

static gboolean
update_row (PrStore     *self,
            PrStoreRow  *row,
            gint64       now,
            GHashTable  *counts,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!delete_indexes (self, row->id, error))
    return FALSE;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "UPDATE releases SET content_id = ?1, source_key = ?2, fingerprint = ?3,"
                             " date = ?4, title = ?5, subtitle = ?6, dateline = ?7, city = ?8, region = ?9,"
                             " source = ?10, source_norm = ?11, source_tag = ?12, language = ?13,"
                             " summary = ?14, origin = ?15, word_count = ?16, title_derived = ?17,"
                             " updated_at = ?18 WHERE id = ?19", error);
  if (stmt == NULL)
    return FALSE;
  bind_row_columns (stmt, row);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, row->id);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "UPDATE release_text SET organizations = ?, people = ?, body = ?,"
                             " extra = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, row->organizations);
  pr_store_bind_text (stmt, 2, row->people);
  pr_store_bind_text (stmt, 3, row->body);
  pr_store_bind_text (stmt, 4, row->extra);
  sqlite3_bind_int64 (stmt, 5, row->id);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;

  return write_entities (self, row, counts, error);
}

/* Looks a row up by a unique key: its id and fingerprint, FALSE with no
 * error when there is none. */
static gboolean
lookup_row (PrStore     *self,
            const char  *sql,
            const char  *key,
            gint64      *id,
            char       **fingerprint,
            char       **content_id,
            gboolean    *has_source_key,
            GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *fingerprint = g_strdup (pr_store_column_text (stmt, 1));
      *content_id = g_strdup (pr_store_column_text (stmt, 2));
      *has_source_key = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not look a release up");
  return rc == SQLITE_ROW;
}

#define LOOKUP_BY_SOURCE_KEY \
  "SELECT id, fingerprint, content_id, source_key FROM releases WHERE source_key = ?"
#define LOOKUP_BY_CONTENT_ID \
  "SELECT id, fingerprint, content_id, source_key FROM releases WHERE content_id = ?"

/* Decides what each row is: new, an update of the row with its origin,
 * or already there. Only reads. */
static gboolean
classify_rows (PrStore    *self,
               GPtrArray  *rows,
               GArray     *updated,
               GPtrArray  *adopt,
               GError    **error)
{
  /* Owns its keys: the "s:" source keys are made here. */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);
      g_autofree char *fingerprint = NULL;
      g_autofree char *content_id = NULL;
      g_autofree char *seen_key = row->source_key != NULL
        ? g_strconcat ("s:", row->source_key, NULL) : NULL;
      gboolean has_source_key = FALSE;
      gint64 id = 0;

      row->id = 0;
      row->outcome = PR_STORE_UNCHANGED;

      /* Twice in one batch: the first counts. */
      if (g_hash_table_contains (seen, row->content_id) ||
          (seen_key != NULL && g_hash_table_contains (seen, seen_key)))
        continue;
      g_hash_table_add (seen, g_strdup (row->content_id));
      if (seen_key != NULL)
        g_hash_table_add (seen, g_steal_pointer (&seen_key));

      if (row->source_key != NULL &&
          lookup_row (self, LOOKUP_BY_SOURCE_KEY, row->source_key, &id, &fingerprint,
                      &content_id, &has_source_key, error))
        {
          row->id = id;
          if (g_str_equal (fingerprint, row->fingerprint))
            continue;
          if (!g_str_equal (content_id, row->content_id))
            {
              gint64 other = 0;
              g_autofree char *other_fingerprint = NULL;
              g_autofree char *other_content_id = NULL;

              /* Edited into a copy of another release: that one stays. */
              if (lookup_row (self, LOOKUP_BY_CONTENT_ID, row->content_id, &other,
                              &other_fingerprint, &other_content_id, &has_source_key, error))
                {
                  row->id = other;
                  continue;
                }
              if (error != NULL && *error != NULL)
                return FALSE;
            }
          row->outcome = PR_STORE_UPDATED;
          g_free (row->old_content_id);
          row->old_content_id = g_steal_pointer (&content_id);
          g_array_append_val (updated, id);
          continue;
        }
      if (error != NULL && *error != NULL)
        return FALSE;

      if (lookup_row (self, LOOKUP_BY_CONTENT_ID, row->content_id, &id, &fingerprint,
                      &content_id, &has_source_key, error))
        {
          row->id = id;
          /* Known content from a catalog now has a file: follow it. */
          if (!has_source_key && row->source_key != NULL)
            g_ptr_array_add (adopt, row);
          continue;
        }
      if (error != NULL && *error != NULL)
        return FALSE;

      row->outcome = PR_STORE_ADDED;
    }
  return TRUE;
}

gboolean
pr_store_add_rows (PrStore         *self,
                   GPtrArray       *rows,
                   PrStoreOutcome  *outcomes,
                   GError         **error)
{
  return pr_store_add_rows_full (self, rows, outcomes, NULL, NULL, error);
}

gboolean
pr_store_add_rows_full (PrStore         *self,
                        GPtrArray       *rows,
                        PrStoreOutcome  *outcomes,
                        PrStoreRowsHook  hook,
                        gpointer         hook_data,
                        GError         **error)
{
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) adopt = g_ptr_array_new ();
  g_autoptr(GArray) grouped = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = pr_store_now_seconds ();
  WriteTxn txn;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (rows->len == 0)
    return TRUE;

  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;

  if (!classify_rows (self, rows, updated, adopt, error) ||
      !pr_store_txn_watches_before (&txn, updated, NULL, error))
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);

      if (row->outcome == PR_STORE_ADDED &&
          !insert_row (self, row, now, txn.entity_counts, &txn.unread_delta, error))
        goto fail;
      if (row->outcome == PR_STORE_UPDATED && !update_row (self, row, now, txn.entity_counts, error))
        goto fail;
      if (row->outcome != PR_STORE_UNCHANGED)
        g_array_append_val (changed, row->id);
      if (row->outcome == PR_STORE_ADDED)
        g_array_append_val (added, row->id);
    }

  /* A row twice in the batch is the first one's release (the hook links
   * a feed item to it). */
  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);
      g_autofree char *fingerprint = NULL;
      g_autofree char *content_id = NULL;
      gboolean has_source_key;

      GError *lookup_error = NULL;

      if (row->id != 0)
        continue;
      if (row->source_key != NULL &&
          lookup_row (self, LOOKUP_BY_SOURCE_KEY, row->source_key, &row->id, &fingerprint,
                      &content_id, &has_source_key, &lookup_error))
        continue;
      if (lookup_error == NULL)
        lookup_row (self, LOOKUP_BY_CONTENT_ID, row->content_id, &row->id, &fingerprint,
                    &content_id, &has_source_key, &lookup_error);
      if (lookup_error != NULL)
        {
          g_propagate_error (error, lookup_error);
          goto fail;
        }
    }

  if (!write_entity_counts (self, txn.entity_counts, error) ||
      !pr_store_group_rows (self, rows, grouped, error))
    goto fail;

  /* The text indexes last (see write_fts()). */
  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);

      if (row->outcome != PR_STORE_UNCHANGED && !write_fts (self, row, error))
        goto fail;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);

      if (row->outcome != PR_STORE_UNCHANGED && !write_cjk (self, row, error))
        goto fail;
    }

  for (guint i = 0; i < adopt->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (adopt, i);
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "UPDATE releases SET source_key = ?"
                                                           " WHERE id = ? AND source_key IS NULL"
                                                           " AND NOT EXISTS (SELECT 1 FROM releases"
                                                           " WHERE source_key = ?1)", error);

      if (stmt == NULL)
        goto fail;
      pr_store_bind_text (stmt, 1, row->source_key);
      sqlite3_bind_int64 (stmt, 2, row->id);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        goto fail;
    }

  /* Before the lists' new positions are found: what the hook writes
   * (a feed's items) may put the rows in lists. */
  if (hook != NULL && !hook (self, rows, hook_data, error))
    goto fail;

  /* The saved searches, over what this write added or changed only (a
   * feed: filter reads what the hook wrote). */
  if (!pr_store_watches_match (self, changed, added, txn.notice->hits, error))
    goto fail;

  if (!pr_store_txn_watches_after (&txn, changed, NULL, error))
    goto fail;

  if (changed->len > 0)
    txn.notice->changes |= PR_STORE_CHANGE_CONTENT;
  g_array_append_vals (txn.notice->updated, updated->data, updated->len);
  /* Releases stored before whose group changed. */
  g_array_append_vals (txn.notice->updated, grouped->data, grouped->len);
  if (grouped->len > 0)
    pr_store_txn_reset_grouped (&txn);

  if (!pr_store_txn_commit (&txn, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);

      if (outcomes != NULL)
        outcomes[i] = row->outcome;
      if (row->id != 0)
        pr_release_set_store_id (row->release, row->id);
      if (row->outcome == PR_STORE_ADDED)
        pr_release_set_imported_at (row->release, now);
    }
  return TRUE;

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

gboolean
pr_store_add_releases (PrStore         *self,
                       GPtrArray       *releases,
                       PrStoreOutcome  *outcomes,
                       GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_row_free);

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (releases != NULL, FALSE);

  for (guint i = 0; i < releases->len; i++)
    g_ptr_array_add (rows, pr_store_row_new (g_ptr_array_index (releases, i)));
  return pr_store_add_rows (self, rows, outcomes, error);
}

/* ---- state and deletion ---------------------------------------------- */

/* FALSE with NOT_FOUND when the library has no release @id (writer). */
gboolean
pr_store_require_release (PrStore  *self,
                          gint64    id,
                          GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT 1 FROM releases WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                   "No release %" G_GINT64_FORMAT " in the library", id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a release");
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_store_delete (PrStore   *self,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) grouped = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  WriteTxn txn;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  g_array_append_val (ids, id);
  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;

  if (!pr_store_require_release (self, id, error))
    goto fail;

  if (!pr_store_txn_watches_before (&txn, ids, NULL, error) ||
      !pr_store_group_forget (self, id, grouped, error) ||
      !delete_indexes (self, id, error))
    goto fail;

  stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM releases WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    goto fail;

  txn.notice->changes |= PR_STORE_CHANGE_CONTENT;
  if (grouped->len > 0)
    pr_store_txn_reset_grouped (&txn);
  for (guint i = 0; i < grouped->len; i++)
    if (g_array_index (grouped, gint64, i) != id)
      g_array_append_val (txn.notice->updated, g_array_index (grouped, gint64, i));
  return pr_store_txn_commit (&txn, error);

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

