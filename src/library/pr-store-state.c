/* pr-store-state.c: the releases' read state and bookmarks
 *
 * Schema 7 keeps the read state out of the releases' rows: an unread
 * release is a key (date, id) in unread, a read one has its time in
 * release_reads. Marking many releases (Mark All as Read over a million,
 * and its Undo) is then three set-based statements over those keys, in
 * their order, and the counts of unread releases change once per write.
 * Bookmarks stay in the rows. The async forms of the single writes are
 * here too. */
#include <sqlite3.h>
#include <string.h>

#include "pr-store-private.h"

/* Past this many ids, the writer's page cache grows for the write: the
 * unread keys and the temporary table of those changing (tens of MB at
 * a million) then stay in memory instead of being spilled to the WAL and
 * read back, which took 4.4 s of a million deletes instead of 0.6 s. The
 * transaction's end shrinks it back (WriteTxn.big_cache), after the
 * commit: shrinking it before made the commit 1.5 s slower. */
#define STATE_BIG_WRITE 16384
#define STATE_BIG_CACHE "PRAGMA cache_size = " PR_STORE_WRITER_BIG_CACHE

/* find_changing() scans the keys instead of looking @ids up when there
 * are no more than this many keys to scan per id. */
#define SCAN_ROWS_PER_ID 8

typedef enum {
  STATE_READ,
  STATE_BOOKMARKED,
} StateKind;

/* @ids as a JSON array, for json_each(): one statement then reads or
 * writes them all. */
static char *
ids_json (GArray *ids)
{
  GString *json = g_string_sized_new (ids->len * 8 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* @changing: the ids of temp.state_keys, ascending. */
static gboolean
read_changing (PrStore  *self,
               GArray   *changing,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pr_store_conn_stmt (&self->wdb, "SELECT id FROM temp.state_keys", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (changing, id);
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read releases");
      return FALSE;
    }
  g_array_sort (changing, compare_ids);
  return TRUE;
}

typedef enum {
  SCAN_FAILED,
  SCAN_NOT_WORTH,
  SCAN_DONE,
} ScanResult;

/* When @ids are a good part of what a scan reads, temp.state_keys is
 * filled by reading the keys in their order and testing each against
 * @ids as a set: the unread keys (to mark read), or the releases by date
 * with no unread key (to mark unread). Nothing is looked up or sorted,
 * and the keys are written in order. Mark All as Read over a million
 * releases: the ids looked up one by one, their keys sorted and then
 * tested against unread took 2.2-3.2 s of its 3.8-5.4 s. */
static ScanResult
scan_keys (PrStore   *self,
           GArray    *ids,
           gboolean   read,
           GError   **error)
{
  g_autoptr(PrIdSet) set = NULL;
  gint64 scanned = 0;
  sqlite3_stmt *stmt;

  if (!pr_store_read_int (&self->wdb, read ? "SELECT unread FROM counts"
                                           : "SELECT releases FROM counts", &scanned, error))
    return SCAN_FAILED;
  /* A scan tests a row in ~0.1-0.2 µs, a lookup and its sort take 2 µs
   * and more an id. */
  if ((gint64) ids->len * SCAN_ROWS_PER_ID < scanned)
    return SCAN_NOT_WORTH;
  set = pr_store_id_set_new_ids (ids);
  if (set == NULL)
    return SCAN_NOT_WORTH;

  stmt = pr_store_conn_stmt (&self->wdb, read
                             ? "INSERT INTO temp.state_keys SELECT date, id FROM unread"
                               " WHERE pr_has (?1, id)"
                             : "INSERT INTO temp.state_keys SELECT r.date, r.id"
                               " FROM releases AS r INDEXED BY releases_by_date"
                               " WHERE pr_has (?1, r.id) AND NOT EXISTS (SELECT 1 FROM unread"
                               " WHERE unread.date = r.date AND unread.id = r.id)"
                               " ORDER BY r.date, r.id",
                             error);
  if (stmt == NULL)
    return SCAN_FAILED;
  pr_store_bind_id_set (stmt, 1, set);
  g_debug ("Marking %u releases %s by a scan of %" G_GINT64_FORMAT " keys",
           ids->len, read ? "read" : "unread", scanned);
  return pr_store_stmt_run (&self->wdb, stmt, error) ? SCAN_DONE : SCAN_FAILED;
}

/* Fills temp.state_keys with the keys of the releases among @ids whose
 * state is not yet @read, and @changing with their ids, ascending. At a
 * million, the order is what costs: the ids are sorted here and joined
 * in that order to releases_by_id for their dates, their keys sorted by
 * SQLite before they are written, and the keys then compared with unread
 * in its order (each of these in another order took seconds). */
static gboolean
find_changing (PrStore     *self,
               GArray      *ids,
               gboolean     read,
               GArray      *changing,
               GError     **error)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  if (!pr_store_conn_exec (&self->wdb,
                           "CREATE TEMP TABLE IF NOT EXISTS state_keys (date TEXT NOT NULL,"
                           " id INTEGER NOT NULL, PRIMARY KEY (date, id)) WITHOUT ROWID;"
                           "DELETE FROM temp.state_keys", error))
    return FALSE;

  switch (scan_keys (self, ids, read, error))
    {
    case SCAN_FAILED:
      return FALSE;
    case SCAN_DONE:
      return read_changing (self, changing, error);
    case SCAN_NOT_WORTH:
    default:
      break;
    }

  g_array_append_vals (sorted, ids->data, ids->len);
  g_array_sort (sorted, compare_ids);
  json = ids_json (sorted);
  stmt = pr_store_conn_stmt (&self->wdb, "INSERT OR IGNORE INTO temp.state_keys SELECT r.date, r.id"
                                         " FROM json_each (?1) AS j CROSS JOIN releases AS r"
                                         " INDEXED BY releases_by_id ON r.id = j.value"
                                         " ORDER BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, json);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  if (!pr_store_conn_exec (&self->wdb, read
                           ? "DELETE FROM temp.state_keys WHERE NOT EXISTS (SELECT 1 FROM unread"
                             " WHERE unread.date = state_keys.date AND unread.id = state_keys.id)"
                           : "DELETE FROM temp.state_keys WHERE EXISTS (SELECT 1 FROM unread"
                             " WHERE unread.date = state_keys.date AND unread.id = state_keys.id)",
                           error))
    return FALSE;
  return read_changing (self, changing, error);
}

/* The releases in temp.state_keys (@changing, their ids ascending)
 * marked @read: their keys leave unread (or enter it), their times enter
 * release_reads (or leave it), and the counts of unread releases, the
 * library's and each watch's, change by their number. */
static gboolean
write_read_state (WriteTxn  *txn,
                  GArray    *changing,
                  gboolean   read,
                  gint64     now,
                  GError   **error)
{
  PrStore *self = txn->store;
  g_autofree char *json = ids_json (changing);
  sqlite3_stmt *stmt;

  /* Each watch by its matches among them. */
  stmt = pr_store_conn_stmt (&self->wdb, "UPDATE watches SET unread = unread + ?1 * (SELECT count(*)"
                                         " FROM watch_matches AS m WHERE m.watch_id = watches.id"
                                         " AND m.release_id IN (SELECT id FROM temp.state_keys))",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, read ? -1 : 1);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;

  /* Both in their keys' order: the keys sorted, the ids ascending. */
  if (!pr_store_conn_exec (&self->wdb, read
                           ? "DELETE FROM unread WHERE (date, id) IN (SELECT date, id FROM temp.state_keys)"
                           : "INSERT INTO unread (date, id) SELECT date, id FROM temp.state_keys", error))
    return FALSE;
  stmt = pr_store_conn_stmt (&self->wdb, read
                             ? "INSERT OR REPLACE INTO release_reads (id, read_at)"
                               " SELECT value, ?2 FROM json_each (?1)"
                             : "DELETE FROM release_reads WHERE id IN (SELECT value FROM json_each (?1))",
                             error);
  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, json);
  if (read)
    sqlite3_bind_int64 (stmt, 2, now);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  txn->unread_delta += read ? -(gint64) changing->len : (gint64) changing->len;
  return TRUE;
}

/* Marks the releases @ids read or unread in one transaction; with
 * @strict, an id not in the library fails with NOT_FOUND, else it is
 * skipped. */
static gboolean
set_read (PrStore    *self,
          GArray     *ids,
          gboolean    read,
          gboolean    strict,
          GError    **error)
{
  g_autoptr(GArray) changing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) grouped = NULL;
  gint64 now = pr_store_now_seconds ();
  WriteTxn txn;

  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;
  if (ids->len > STATE_BIG_WRITE)
    {
      if (!pr_store_conn_exec (&self->wdb, STATE_BIG_CACHE, error))
        goto fail;
      txn.big_cache = TRUE;
    }

  if (strict)
    for (guint i = 0; i < ids->len; i++)
      if (!pr_store_require_release (self, g_array_index (ids, gint64, i), error))
        goto fail;

  /* Reading one copy reads the announcement. */
  grouped = pr_store_group_expand (self, ids, error);
  if (grouped == NULL || !find_changing (self, grouped, read, changing, error))
    goto fail;
  if (changing->len == 0)
    {
      pr_store_txn_rollback (&txn);
      return TRUE;
    }

  if (!pr_store_txn_watches_before (&txn, NULL, changing, error) ||
      !write_read_state (&txn, changing, read, now, error) ||
      !pr_store_txn_watches_after (&txn, NULL, changing, error) ||
      !pr_store_conn_exec (&self->wdb, "DELETE FROM temp.state_keys", error))
    goto fail;

  /* By id: the owner thread applies them to the releases it holds by
   * looking each of those up (apply_notices()). */
  g_array_set_size (txn.notice->state, changing->len);
  for (guint i = 0; i < changing->len; i++)
    {
      StateChange *change = &g_array_index (txn.notice->state, StateChange, i);

      memset (change, 0, sizeof *change);
      change->id = g_array_index (changing, gint64, i);
      change->what = STATE_CHANGE_READ;
      change->read = read;
      change->read_at = read ? now : 0;
    }
  txn.notice->state_sorted = TRUE;
  txn.notice->changes |= PR_STORE_CHANGE_STATE;
  return pr_store_txn_commit (&txn, error);

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

/* Bookmarks @ids (gint64) or not in one transaction. Ids not in the
 * library fail with NOT_FOUND when @strict, else are skipped. */
static gboolean
set_bookmarked (PrStore    *self,
                GArray     *ids,
                gboolean    value,
                gboolean    strict,
                GError    **error)
{
  g_autoptr(GArray) changing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (StateChange));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) grouped = NULL;
  sqlite3_stmt *stmt;
  gint64 now = pr_store_now_seconds ();
  WriteTxn txn;

  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;
  /* The other copies after the ids asked for, so that a missing one is
   * still told. */
  grouped = pr_store_group_expand (self, ids, error);
  if (grouped == NULL)
    goto fail;
  ids = grouped;

  for (guint i = 0; i < ids->len; i++)
    {
      StateChange change = { 0 };
      gboolean bookmarked;
      int rc;

      change.id = g_array_index (ids, gint64, i);
      stmt = pr_store_conn_stmt (&self->wdb, "SELECT bookmarked FROM releases WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, change.id);
      rc = sqlite3_step (stmt);
      bookmarked = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      pr_store_stmt_done (stmt);
      if (rc == SQLITE_DONE)
        {
          if (!strict)
            continue;
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                       "No release %" G_GINT64_FORMAT " in the library", change.id);
          goto fail;
        }
      if (rc != SQLITE_ROW)
        {
          pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a release");
          goto fail;
        }

      /* Nothing to write for what is already so (or listed twice). */
      if (bookmarked == value || g_hash_table_contains (seen, &g_array_index (ids, gint64, i)))
        continue;
      g_hash_table_add (seen, &g_array_index (ids, gint64, i));

      change.what = STATE_CHANGE_BOOKMARKED;
      change.bookmarked = value;
      change.bookmarked_at = value ? now : 0;
      g_array_append_val (changes, change);
      g_array_append_val (changing, change.id);
    }

  if (changes->len == 0)
    {
      pr_store_txn_rollback (&txn);
      return TRUE;
    }

  if (!pr_store_txn_watches_before (&txn, NULL, changing, error))
    goto fail;

  for (guint i = 0; i < changes->len; i++)
    {
      StateChange *change = &g_array_index (changes, StateChange, i);

      stmt = pr_store_conn_stmt (&self->wdb, "UPDATE releases SET bookmarked = ?, bookmarked_at = ?"
                                             " WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 1, change->bookmarked);
      sqlite3_bind_int64 (stmt, 2, change->bookmarked_at);
      sqlite3_bind_int64 (stmt, 3, change->id);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        goto fail;
    }

  if (!pr_store_txn_watches_after (&txn, NULL, changing, error))
    goto fail;

  g_array_append_vals (txn.notice->state, changes->data, changes->len);
  txn.notice->changes |= PR_STORE_CHANGE_STATE;
  return pr_store_txn_commit (&txn, error);

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

static gboolean
set_one (PrStore    *self,
         gint64      id,
         StateKind   kind,
         gboolean    value,
         GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  g_array_append_val (ids, id);
  if (kind == STATE_READ)
    return set_read (self, ids, !!value, TRUE, error);
  return set_bookmarked (self, ids, !!value, TRUE, error);
}

gboolean
pr_store_set_read (PrStore   *self,
                   gint64     id,
                   gboolean   read,
                   GError   **error)
{
  return set_one (self, id, STATE_READ, read, error);
}

gboolean
pr_store_set_bookmarked (PrStore   *self,
                         gint64     id,
                         gboolean   bookmarked,
                         GError   **error)
{
  return set_one (self, id, STATE_BOOKMARKED, bookmarked, error);
}

gboolean
pr_store_set_read_ids (PrStore   *self,
                       GArray    *ids,
                       gboolean   read,
                       GError   **error)
{
  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (ids->len == 0)
    return TRUE;
  return set_read (self, ids, !!read, FALSE, error);
}

/* ---- async writes ---------------------------------------------------- */

typedef struct {
  gint64 id;
  gboolean value;
  StateKind kind;
  gboolean delete;
} WriteData;

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrStore *self = source_object;
  WriteData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->delete)
    ok = pr_store_delete (self, data->id, &error);
  else
    ok = set_one (self, data->id, data->kind, data->value, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_async (PrStore             *self,
             gpointer             tag,
             gint64               id,
             StateKind            kind,
             gboolean             value,
             gboolean             delete,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  WriteData *data = g_new0 (WriteData, 1);

  data->id = id;
  data->kind = kind;
  data->value = value;
  data->delete = delete;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, write_thread);
}

void
pr_store_set_read_async (PrStore             *self,
                         gint64               id,
                         gboolean             read,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  write_async (self, pr_store_set_read_async, id, STATE_READ, read, FALSE,
               cancellable, callback, user_data);
}

gboolean
pr_store_set_read_finish (PrStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pr_store_set_bookmarked_async (PrStore             *self,
                               gint64               id,
                               gboolean             bookmarked,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  write_async (self, pr_store_set_bookmarked_async, id, STATE_BOOKMARKED, bookmarked, FALSE,
               cancellable, callback, user_data);
}

gboolean
pr_store_set_bookmarked_finish (PrStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pr_store_delete_async (PrStore             *self,
                       gint64               id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  write_async (self, pr_store_delete_async, id, STATE_READ, FALSE, TRUE,
               cancellable, callback, user_data);
}

gboolean
pr_store_delete_finish (PrStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
