/* pr-store-connection.c: the store's SQLite connections
 *
 * A Conn is one SQLite handle with its cache of prepared statements:
 * opening one and setting its pragmas, running statements, binding and
 * reading values, and SQLite errors as GErrors (damage leaves a note
 * beside the library for the next open, see pr-store-open.c). */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pr-store-private.h"

#define BUSY_TIMEOUT_MS 15000

/* ---- connections ----------------------------------------------------- */

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Damage met while the library is used (an SQLite error, or a failed
 * integrity check): a file beside it makes the next open check every
 * page, however big the library is. Best effort: a read-only folder
 * keeps no note. */
void
pr_store_note_damage (sqlite3    *db,
                      const char *what)
{
  const char *path = db != NULL ? sqlite3_db_filename (db, "main") : NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || *path == '\0')
    return;
  note = g_strconcat (path, NEEDS_CHECK_SUFFIX, NULL);
  if (g_file_test (note, G_FILE_TEST_EXISTS))
    return;
  text = g_strdup_printf ("PressReader met damage in this library: %s\n"
                          "It will check it, and move it aside if it is damaged, when it next opens it.\n",
                          what);
  if (!g_file_set_contents (note, text, -1, &error))
    g_debug ("%s", error->message);
}

static gboolean
is_no_space (sqlite3 *db,
             int      rc)
{
  return (rc & 0xff) == SQLITE_FULL ||
         ((rc & 0xff) == SQLITE_IOERR && db != NULL && sqlite3_system_errno (db) == ENOSPC);
}

static gboolean
is_read_only (sqlite3 *db,
              int      rc)
{
  int errsv = db != NULL ? sqlite3_system_errno (db) : 0;

  /* Not SQLITE_CANTOPEN: opening has its own words for that. */
  return (rc & 0xff) == SQLITE_READONLY ||
         ((rc & 0xff) == SQLITE_IOERR && (errsv == EROFS || errsv == EACCES || errsv == EPERM));
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return path != NULL && g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* The room a library needs to go on after a write failed for want of it:
 * a write's pages go to the WAL first, then into the file, and the
 * full-text indexes grow in steps; a tenth of the library and its WAL,
 * and never less than 32 MB. */
guint64
pr_store_space_wanted (const char *path)
{
  g_autofree char *wal = path != NULL ? g_strconcat (path, "-wal", NULL) : NULL;
  guint64 size = file_size (path) + file_size (wal);

  return MAX ((guint64) 32 * 1000 * 1000, size / 10);
}

/* "The disk holding the library … is full": names the library and the
 * room it wants. */
static void
set_no_space_error (GError     **error,
                    const char  *path)
{
  g_autofree char *wanted = g_format_size (pr_store_space_wanted (path));

  /* Translators: the first %s is the library's file, the second the room
   * it wants ("32.0 MB"). */
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NO_SPACE,
               _("The disk holding the library “%s” is full: free at least %s on it, "
                 "then try again. Nothing written before was lost."), path, wanted);
}

/* Rolls back the transaction under way. A write that failed for want of
 * room leaves the WAL as large as it grew: it is emptied (what it holds
 * that was committed goes into the library first), so the disk has that
 * room back. Best effort, and brief: readers keep it as it is. */
void
pr_store_conn_rollback (Conn *conn)
{
  gboolean full = (sqlite3_errcode (conn->db) & 0xff) == SQLITE_FULL;

  pr_store_conn_exec (conn, "ROLLBACK", NULL);
  if (full)
    {
      sqlite3_busy_timeout (conn->db, 100);
      sqlite3_wal_checkpoint_v2 (conn->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
    }
}

void
pr_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *what)
{
  int code = PR_STORE_ERROR_FAILED;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *path = db != NULL ? sqlite3_db_filename (db, "main") : NULL;

  /* Never damage: a full or read-only disk leaves the library as it was
   * (the write is rolled back) and is not a reason to move it aside. */
  if (is_no_space (db, rc) && path != NULL && *path != '\0')
    {
      set_no_space_error (error, path);
      return;
    }
  if (is_read_only (db, rc) && path != NULL && *path != '\0')
    {
      /* Translators: %s is the library's file. */
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_READ_ONLY,
                   _("The library “%s” cannot be written: its folder or disk is read-only. Make it "
                     "writable, then try again. Nothing written before was lost."), path);
      return;
    }
  if (is_damage (rc))
    {
      code = PR_STORE_ERROR_DAMAGED;
      pr_store_note_damage (db, message);
    }
  g_set_error (error, PR_STORE_ERROR, code, "%s: %s", what, message);
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

gboolean
pr_store_conn_open (Conn        *conn,
                    const char  *path,
                    int          flags,
                    GError     **error)
{
  static gsize configured;
  int rc;

  /* Without memory statistics, which take a mutex of the whole process
   * at each of SQLite's allocations (a writer makes millions). Only
   * before SQLite's first use in the process: otherwise SQLITE_MISUSE,
   * and the statistics stay, which costs time only. */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  conn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_finalize);
  rc = sqlite3_open_v2 (path, &conn->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not open the library");
      sqlite3_close_v2 (conn->db);
      conn->db = NULL;
      return FALSE;
    }
  sqlite3_extended_result_codes (conn->db, 1);
  sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
  return pr_store_matches_register (conn, error);
}

void
pr_store_conn_close (Conn *conn)
{
  g_clear_pointer (&conn->stmts, g_hash_table_unref);
  pr_store_matches_clear (conn);
  if (conn->db != NULL)
    sqlite3_close_v2 (conn->db);
  conn->db = NULL;
}

gboolean
pr_store_conn_exec (Conn        *conn,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Library error");
      return FALSE;
    }
  return TRUE;
}

/* A cached statement for static SQL. Callers reset it when done. */
sqlite3_stmt *
pr_store_conn_stmt (Conn        *conn,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Library error");
      return NULL;
    }
  g_hash_table_insert (conn->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* A statement for dynamic SQL, to finalize. */
sqlite3_stmt *
pr_store_conn_prepare (Conn        *conn,
                       const char  *sql,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (conn->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Library error");
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

void
pr_store_stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Steps a statement that returns no row, then resets it. */
gboolean
pr_store_stmt_run (Conn          *conn,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Library error");
      return FALSE;
    }
  return TRUE;
}

void
pr_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
pr_store_bind_named_text (sqlite3_stmt *stmt,
                          const char   *name,
                          const char   *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    pr_store_bind_text (stmt, index, text);
}

void
pr_store_bind_named_int64 (sqlite3_stmt *stmt,
                           const char   *name,
                           gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

const char *
pr_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

gint64
pr_store_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
pr_store_read_int (Conn        *conn,
                   const char  *sql,
                   gint64      *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    pr_store_set_sqlite_error (error, conn->db, rc, "Could not read the library");
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gint64
conn_page_size (Conn *conn)
{
  gint64 size = 4096;

  pr_store_read_int (conn, "PRAGMA page_size", &size, NULL);
  return size;
}

gboolean
pr_store_set_pragmas (Conn        *conn,
                      gboolean     writer,
                      GError     **error)
{
  if (!pr_store_conn_exec (conn, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                                 "PRAGMA temp_store = MEMORY", error))
    return FALSE;
  /* The writer checkpoints every 32 MB of WAL (2,048 pages of 16 KB, or
   * 8,192 of an older library's 4 KB) rather than 4 MB: fewer fsyncs
   * during imports; the WAL file is cut back to 64 MB after. */
  if (writer)
    return pr_store_conn_exec (conn, "PRAGMA cache_size = " PR_STORE_WRITER_CACHE ";"
                                     " PRAGMA journal_size_limit = 67108864", error) &&
           pr_store_conn_exec (conn, conn_page_size (conn) >= 16384
                                     ? "PRAGMA wal_autocheckpoint = 2048"
                                     : "PRAGMA wal_autocheckpoint = 8192", error);
  return pr_store_conn_exec (conn, "PRAGMA cache_size = -8192", error);
}
