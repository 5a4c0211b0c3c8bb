/* pr-store-open.c: opening a library, and moving a damaged one aside
 *
 * A file is looked at before anything is written to it: another
 * program's database or a newer library is refused and left untouched;
 * a damaged one is moved aside with its WAL, and a new library made
 * where it was. How much of it is checked depends on its size and on
 * the note left beside it when damage was met (NEEDS_CHECK_SUFFIX). The
 * full check on demand is here too. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "pr-store-private.h"

/* Libraries up to this size get a full PRAGMA quick_check at every open
 * (about 10 ms with a warm cache); bigger ones only when damage was met
 * while they were used (see check_pages()). */
#define FULL_CHECK_MAX_BYTES (16 * 1024 * 1024)

/* ---- opening --------------------------------------------------------- */

char *
pr_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pressreader", "library.db", NULL);
}

/* The reason in an SQLite error made by pr_store_set_sqlite_error(). */
static const char *
error_reason (const GError *error)
{
  const char *colon = strstr (error->message, ": ");

  return colon != NULL ? colon + 2 : error->message;
}

/* Rewrites an error met while opening @path so that it names the file. */
static void
open_error (GError     **error,
            GError      *local_error,
            const char  *path)
{
  const char *reason = error_reason (local_error);

  /* At open, a read-only library is told as one that was not touched
   * (pr_store_set_sqlite_error()'s message is for a write refused later). */
  if (g_error_matches (local_error, PR_STORE_ERROR, PR_STORE_ERROR_READ_ONLY))
    reason = sqlite3_errstr (SQLITE_READONLY);
  else if (local_error->domain != PR_STORE_ERROR || strstr (local_error->message, path) != NULL)
    {
      /* SQLite's own messages, as sqlite3_errmsg() gives them. */
      g_propagate_error (error, local_error);
      return;
    }
  if (g_str_equal (reason, sqlite3_errstr (SQLITE_BUSY)) ||
      g_str_equal (reason, sqlite3_errstr (SQLITE_LOCKED)))
    g_set_error (error, PR_STORE_ERROR, local_error->code,
                 /* Translators: the library's file, and SQLite's reason (in English). */
                 _("The library “%s” is in use by another program (%s); it was left untouched"),
                 path, reason);
  else if (g_str_equal (reason, sqlite3_errstr (SQLITE_READONLY)))
    g_set_error (error, PR_STORE_ERROR, local_error->code,
                 /* Translators: the library's file, and SQLite's reason (in English). */
                 _("The library “%s” cannot be written (%s): PressReader needs to write to it "
                   "and to its folder; it was left untouched"), path, reason);
  else if (g_str_equal (reason, sqlite3_errstr (SQLITE_CANTOPEN)))
    g_set_error (error, PR_STORE_ERROR, local_error->code,
                 /* Translators: the library's file, and SQLite's reason (in English). */
                 _("Could not open the library “%s” (%s): PressReader needs to read and write it "
                   "and its folder; it was left untouched"), path, reason);
  else
    g_set_error (error, PR_STORE_ERROR, local_error->code,
                 /* Translators: the library's file, and SQLite's reason (in English). */
                 _("Could not open the library “%s”: %s"), path, reason);
  g_error_free (local_error);
}

/* Checks that the database is ours and not too new, without writing. An
 * error of PR_STORE_ERROR_DAMAGED says it is not a database, or a
 * damaged one; its message is the reason alone. */
gboolean
pr_store_check_library (Conn        *conn,
                        const char  *path,
                        gint64      *version,
                        GError     **error)
{
  gint64 app_id = 0, tables = 0;
  g_autoptr(GError) local_error = NULL;

  if (!pr_store_read_int (conn, "PRAGMA application_id", &app_id, &local_error) ||
      !pr_store_read_int (conn, "PRAGMA user_version", version, &local_error) ||
      !pr_store_read_int (conn, "SELECT count(*) FROM sqlite_master", &tables, &local_error))
    {
      if (g_error_matches (local_error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED))
        g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                             error_reason (local_error));
      else
        open_error (error, g_steal_pointer (&local_error), path);
      return FALSE;
    }

  if ((app_id != 0 && app_id != APPLICATION_ID) || (*version == 0 && tables > 0))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_LIBRARY,
                   /* Translators: %s is the library's file. */
                   _("“%s” is not a PressReader library (another program’s database); "
                     "it was left untouched"), path);
      return FALSE;
    }
  if (*version > PR_STORE_SCHEMA_VERSION)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, *version);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW,
                   /* Translators: the first %s is the library's file, the
                    * second the version of its format, %d the newest this
                    * PressReader reads. */
                   _("“%s” was written by a newer version of PressReader (library version %s, "
                     "this version reads up to %d); it was left untouched"),
                   path, shown, PR_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Runs @pragma (a quick_check) and says whether it found the pages whole:
 * an error of PR_STORE_ERROR_DAMAGED, with the reason alone, when it did
 * not. */
static gboolean
run_check (Conn        *conn,
           const char  *path,
           const char  *pragma,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  stmt = pr_store_conn_prepare (conn, pragma, &local_error);
  if (stmt == NULL)
    rc = SQLITE_ERROR;
  else if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *result = pr_store_column_text (stmt, 0);
      g_auto(GStrv) lines = NULL;
      const char *first = NULL;
      gboolean more;

      if (g_strcmp0 (result, "ok") == 0)
        return TRUE;
      /* The first problem, without the "*** in database main ***" line. */
      lines = g_strsplit (result != NULL ? result : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL && first == NULL; i++)
        if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "*** "))
          first = lines[i];
      more = sqlite3_step (stmt) == SQLITE_ROW ||
             (first != NULL && lines[g_strv_length (lines) - 1] != first);
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED, "%s%s",
                   first != NULL ? first : "the check found a problem", more ? "; and more" : "");
      return FALSE;
    }
  else
    pr_store_set_sqlite_error (&local_error, conn->db, rc, "Could not check the library");

  if (g_error_matches (local_error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED))
    g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                         error_reason (local_error));
  else
    open_error (error, g_steal_pointer (&local_error), path);
  return FALSE;
}

/* The check of the pages at open. A full PRAGMA quick_check reads every
 * page: about 0.5 s for 100,000 releases (760 MB) with a warm cache and
 * 2.7 s with a cold one, ten times that for a million. So it runs in full
 * only on small libraries and when damage was met while the library was
 * used (the note beside it, see pr_store_note_damage()); otherwise the check is
 * what every open can afford: SQLite's own check of the header (which
 * finds a file that is not a database, and a truncated one, since the
 * header's page count is then past the end of the file), the schema read
 * in full by pr_store_check_library(), and quick_check of the schema and of the
 * counts table. Damage deep in a big library is found when it is read,
 * which leaves the note for the next open. */
static gboolean
check_pages (Conn        *conn,
             const char  *path,
             gint64       version,
             GError     **error)
{
  g_autofree char *note = g_strconcat (path, NEEDS_CHECK_SUFFIX, NULL);
  gint64 pages = 0, page_size = 0;
  gboolean full;

  if (!pr_store_read_int (conn, "PRAGMA page_count", &pages, error) ||
      !pr_store_read_int (conn, "PRAGMA page_size", &page_size, error))
    return FALSE;
  full = pages * page_size <= FULL_CHECK_MAX_BYTES || g_file_test (note, G_FILE_TEST_EXISTS);
  if (full)
    {
      if (!run_check (conn, path, "PRAGMA quick_check", error))
        return FALSE;
      /* Checked whole: the note is answered. */
      g_remove (note);
      return TRUE;
    }
  return run_check (conn, path, "PRAGMA quick_check(sqlite_schema)", error) &&
         (version < 2 || run_check (conn, path, "PRAGMA quick_check(counts)", error));
}

/* Moves @from to @to, never over an existing @to (G_IO_ERROR_EXISTS). */
static gboolean
move_no_replace (const char  *from,
                 const char  *to,
                 GError     **error)
{
  int saved_errno;

  /* A hard link fails when @to exists: no window in which it could be
   * replaced. */
  if (link (from, to) == 0)
    {
      if (g_unlink (from) == 0)
        return TRUE;
      saved_errno = errno;
      g_unlink (to);
    }
  else
    {
      saved_errno = errno;
      /* File systems without hard links. */
      if (saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP ||
          saved_errno == EMLINK || saved_errno == ENOSYS)
        {
          if (g_file_test (to, G_FILE_TEST_EXISTS))
            saved_errno = EEXIST;
          else if (g_rename (from, to) == 0)
            return TRUE;
          else
            saved_errno = errno;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* Moves the damaged library and its -wal, -shm and -journal files to
 * PATH.damaged-DATE (PATH.damaged-DATE-N when that is taken). The main
 * file goes last: a new library must never meet the old one's WAL, while
 * a damaged file left alone by a crash here is simply moved aside at the
 * next open. On failure, what was moved is moved back. */
static gboolean
move_aside (PrStore       *self,
            const GError  *damage,
            GError       **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H-%M-%S");
  g_autofree char *note = g_strconcat (self->path, NEEDS_CHECK_SUFFIX, NULL);
  g_autoptr(GError) local_error = NULL;

  for (guint n = 1; n <= 1000; n++)
    {
      g_autofree char *base = n == 1 ? g_strdup_printf ("%s.damaged-%s", self->path, stamp)
                                     : g_strdup_printf ("%s.damaged-%s-%u", self->path, stamp, n);
      guint moved = 0;
      gboolean taken = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (suffixes) && !taken; i++)
        {
          g_autofree char *to = g_strconcat (base, suffixes[i], NULL);

          taken = g_file_test (to, G_FILE_TEST_EXISTS);
        }
      if (taken)
        continue;

      g_clear_error (&local_error);
      for (moved = 0; moved < G_N_ELEMENTS (suffixes); moved++)
        {
          g_autofree char *from = g_strconcat (self->path, suffixes[moved], NULL);
          g_autofree char *to = g_strconcat (base, suffixes[moved], NULL);
          GStatBuf st;

          if (g_lstat (from, &st) != 0)
            continue;
          if (!move_no_replace (from, to, &local_error))
            break;
        }
      if (moved == G_N_ELEMENTS (suffixes))
        {
          g_debug ("Damaged library %s moved to %s: %s", self->path, base, damage->message);
          self->moved_aside_path = g_steal_pointer (&base);
          self->damage = g_strdup (damage->message);
          /* The note was about the library that moved. */
          g_remove (note);
          return TRUE;
        }

      /* Back where they were. */
      while (moved-- > 0)
        {
          g_autofree char *from = g_strconcat (base, suffixes[moved], NULL);
          g_autofree char *to = g_strconcat (self->path, suffixes[moved], NULL);

          if (g_file_test (from, G_FILE_TEST_EXISTS) && !move_no_replace (from, to, NULL))
            g_warning ("“%s” could not be moved back to “%s”", from, to);
        }
      /* Taken in the meantime: the next name. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
               /* Translators: the library's file, why it is damaged (in
                * English), and why it could not be renamed. */
               _("The library “%s” is damaged (%s) and could not be moved aside (%s); "
                 "it was left as it is"), self->path, damage->message,
               /* Translators: why a damaged library could not be renamed:
                * the names it would take were all taken. */
               local_error != NULL ? local_error->message : _("no free name"));
  return FALSE;
}

/* Opens the writer and checks the library: FALSE with @error when it
 * cannot be used as it is and must be left alone; TRUE with *@damage set
 * (the reason; the writer closed) when it is damaged and can be moved
 * aside. */
static gboolean
open_writer (PrStore  *self,
             gint64   *version,
             GError  **damage,
             GError  **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  GStatBuf st;
  gboolean had_wal = g_lstat (wal, &st) == 0;
  gboolean had_shm = g_lstat (shm, &st) == 0;
  GError *local_error = NULL;

  /* Look before touching: a newer or foreign file is left as it is (only
   * reads so far; a read-write connection because a library left by a
   * killed process may need its WAL index rebuilt, which a read-only one
   * cannot do). */
  if (!pr_store_conn_open (&self->wdb, self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           &local_error))
    {
      open_error (error, local_error, self->path);
      return FALSE;
    }
  /* Closing the last connection would checkpoint the WAL into the file: a
   * library that is refused or moved aside keeps its bytes as they were. */
  sqlite3_db_config (self->wdb.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (pr_store_check_library (&self->wdb, self->path, version, &local_error) &&
      check_pages (&self->wdb, self->path, *version, &local_error))
    {
      sqlite3_db_config (self->wdb.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
      return TRUE;
    }

  pr_store_conn_close (&self->wdb);
  /* Reading a library in WAL mode made an empty WAL and its index: gone
   * again, so that a refused library is as it was. */
  if (!had_wal && g_lstat (wal, &st) == 0 && st.st_size == 0)
    g_unlink (wal);
  if (!had_shm)
    g_unlink (shm);
  if (g_error_matches (local_error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED))
    {
      *damage = local_error;
      return TRUE;
    }
  open_error (error, local_error, self->path);
  return FALSE;
}

static gboolean
store_open_db (PrStore       *self,
               int            target,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) damage = NULL;
  GError *local_error = NULL;
  gint64 version = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the library's folder, and why it could
                    * not be created. */
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!open_writer (self, &version, &damage, error))
    return FALSE;
  if (damage != NULL)
    {
      /* Never deleted, never written to: moved aside, and a new library
       * where it was. */
      if (!move_aside (self, damage, error))
        return FALSE;
      g_clear_error (&damage);
      if (!open_writer (self, &version, &damage, error))
        return FALSE;
      if (damage != NULL)
        {
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                       /* Translators: the library's file, started anew after
                        * the damaged one was moved aside, and why it is
                        * damaged (in English). */
                       _("The new library “%s” is damaged too (%s)"), self->path, damage->message);
          return FALSE;
        }
    }

  /* 16 KB pages for a new library (an existing one keeps its own): a
   * tenth faster imports, as each page written costs the file system the
   * same whatever its size. Only takes before the first table. */
  if ((version == 0 && !pr_store_conn_exec (&self->wdb, "PRAGMA page_size = 16384",
                                            &local_error)) ||
      !pr_store_conn_exec (&self->wdb, "PRAGMA journal_mode = WAL", &local_error) ||
      !pr_store_set_pragmas (&self->wdb, TRUE, &local_error) ||
      /* A library at the version wanted takes no write lock at open. */
      (version < target && !pr_store_migrate (&self->wdb, self->path, target, &local_error)) ||
      !pr_store_conn_open (&self->rdb, self->path, SQLITE_OPEN_READWRITE, &local_error) ||
      !pr_store_set_pragmas (&self->rdb, FALSE, &local_error) ||
      !pr_store_conn_exec (&self->rdb, "PRAGMA query_only = ON", &local_error) ||
      !pr_store_conn_open (&self->bdb, self->path, SQLITE_OPEN_READWRITE, &local_error) ||
      !pr_store_set_pragmas (&self->bdb, FALSE, &local_error) ||
      !pr_store_conn_exec (&self->bdb, "PRAGMA query_only = ON", &local_error))
    {
      open_error (error, local_error, self->path);
      return FALSE;
    }

  return TRUE;
}

PrStore *
pr_store_open (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PrStore) self = g_object_new (PR_TYPE_STORE, "path", path, NULL);

  if (!store_open_db (self, PR_STORE_SCHEMA_VERSION, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PrStore *self = task_data;
  GError *error = NULL;

  if (store_open_db (self, PR_STORE_SCHEMA_VERSION, cancellable, &error))
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  else
    g_task_return_error (task, error);
}

void
pr_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  /* Made here, so that this thread is its owner. */
  PrStore *self = g_object_new (PR_TYPE_STORE, "path", path, NULL);
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pr_store_open_async);
  g_task_set_task_data (task, self, g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

PrStore *
pr_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pr_store_create_at_version (const char  *path,
                            int          version,
                            GError     **error)
{
  g_autoptr(PrStore) self = NULL;

  g_return_val_if_fail (version >= 0 && version <= PR_STORE_SCHEMA_VERSION, FALSE);

  if (version == 0)
    return g_file_set_contents (path, "", 0, error);

  self = g_object_new (PR_TYPE_STORE, "path", path, NULL);
  return store_open_db (self, version, NULL, error);
}

/* ---- checking -------------------------------------------------------- */

gboolean
pr_store_check_integrity (PrStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  pr_store_write_lock (self);
  stmt = pr_store_conn_prepare (&self->wdb, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    ok = FALSE;
  else if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not check the library");
      ok = FALSE;
    }
  else if (!g_str_equal (pr_store_column_text (stmt, 0), "ok"))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                   "The library is damaged: %s", pr_store_column_text (stmt, 0));
      pr_store_note_damage (self->wdb.db, pr_store_column_text (stmt, 0));
      ok = FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ok)
    ok = pr_store_conn_exec (&self->wdb,
                             "INSERT INTO release_fts (release_fts) VALUES ('integrity-check');"
                             "INSERT INTO release_cjk (release_cjk) VALUES ('integrity-check')",
                             error);
  if (ok)
    {
      gint64 wrong = 0;

      ok = pr_store_read_int (&self->wdb,
                              "SELECT (SELECT releases FROM counts) != (SELECT count(*) FROM releases)"
                              " OR (SELECT unread FROM counts) != (SELECT count(*) FROM unread)"
                              " OR EXISTS (SELECT 1 FROM unread AS u LEFT JOIN releases AS r"
                              " ON r.id = u.id AND r.date = u.date WHERE r.id IS NULL)"
                              " OR EXISTS (SELECT 1 FROM release_reads AS x JOIN unread AS u"
                              " ON u.id = x.id JOIN releases AS r ON r.id = x.id AND u.date = r.date)"
                              " OR (SELECT bookmarked FROM counts) != (SELECT count(*) FROM releases"
                              " WHERE bookmarked = 1)", &wrong, error);
      if (ok && wrong)
        {
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_FAILED,
                       "The library is damaged: its release counts are wrong");
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->write_lock);
  return ok;
}
