/* pr-store-watches.c: watches, saved searches whose counts the library
 * keeps as releases arrive and are read
 *
 * A watch's matches are rows of watch_matches; triggers (schema v5) keep
 * each watch's total and unread as matches come and go and releases are
 * read, so counting never runs a watch's query. A new or edited watch is
 * matched over the library once; after that, every write matches only the
 * releases it adds or changes (pr_store_watches_match(), in the write's
 * transaction), against each watch's query compiled once and kept with
 * its statement on the writer's connection. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pr-query-private.h"
#include "pr-store-private.h"
#include "pr-store.h"

struct _PrStoreSaved {
  gint64 id;
  char *name;
  char *query;
  gboolean notify;
  PrQuerySql *sql;
  sqlite3_stmt *match_new;   /* the watch over temp.watch_new, on wdb */
};

void
pr_store_saved_free (PrStoreSaved *saved)
{
  if (saved == NULL)
    return;
  g_free (saved->name);
  g_free (saved->query);
  g_clear_pointer (&saved->sql, pr_query_sql_free);
  g_clear_pointer (&saved->match_new, sqlite3_finalize);
  g_free (saved);
}

#define WATCH_COLUMNS "id, name, query, notify, position, added_at, total, unread"

static PrWatch *
read_watch (sqlite3_stmt *stmt)
{
  PrWatch *watch = pr_watch_new (pr_store_column_text (stmt, 1), pr_store_column_text (stmt, 2));

  watch->id = sqlite3_column_int64 (stmt, 0);
  watch->notify = sqlite3_column_int (stmt, 3) != 0;
  watch->position = (guint) sqlite3_column_int (stmt, 4);
  watch->added_at = sqlite3_column_int64 (stmt, 5);
  watch->total = sqlite3_column_int64 (stmt, 6);
  watch->unread = sqlite3_column_int64 (stmt, 7);
  return watch;
}

/* ---- reading ---------------------------------------------------------- */

static GPtrArray *
list_watches (Conn     *conn,
              GError  **error)
{
  g_autoptr(GPtrArray) watches = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_watch_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pr_store_conn_stmt (conn, "SELECT " WATCH_COLUMNS " FROM watches ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (watches, read_watch (stmt));
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not read the watches");
      return NULL;
    }
  return g_steal_pointer (&watches);
}

GPtrArray *
pr_store_list_watches (PrStore  *self,
                       GError  **error)
{
  GPtrArray *watches;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  g_mutex_lock (&self->background_lock);
  watches = list_watches (&self->bdb, error);
  g_mutex_unlock (&self->background_lock);
  return watches;
}

PrWatch *
pr_store_find_watch (PrStore     *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) watches = NULL;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  watches = pr_store_list_watches (self, error);
  if (watches == NULL)
    return NULL;
  for (guint i = 0; i < watches->len; i++)
    {
      PrWatch *watch = g_ptr_array_index (watches, i);

      if (g_str_equal (watch->name, name))
        return pr_watch_copy (watch);
    }
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a watch's name. */
               _("No watch named “%s”"), name);
  return NULL;
}

/* ---- matching --------------------------------------------------------- */

/* The SQL of @sql's matches among the releases in temp.watch_new (@new),
 * or in the whole library, as "SELECT ?1, r.id …": the watch's id is
 * bound first, then the query's values. */
static char *
match_sql (PrQuerySql *sql,
           gboolean    new)
{
  g_autofree char *where = g_strdup_printf ("(%s)", sql->where);

  if (new && sql->match != NULL)
    /* The MATCH between the lowest and highest id written (FTS5 seeks to
     * :lo in each word's list and stops at :hi: the rows a write adds
     * are consecutive), then only those written. */
    return g_strdup_printf ("SELECT ?1, r.id FROM %s WHERE release_fts MATCH ?2 AND %s"
                            " AND release_fts.rowid BETWEEN :lo AND :hi"
                            " AND r.id IN (SELECT id FROM temp.watch_new)",
                            pr_store_sql_from (sql), where);
  if (new)
    return g_strdup_printf ("SELECT ?1, r.id FROM temp.watch_new AS n"
                            " CROSS JOIN releases AS r ON r.id = n.id WHERE %s", where);
  if (sql->match != NULL)
    return g_strdup_printf ("SELECT ?1, r.id FROM %s WHERE release_fts MATCH ?2 AND %s",
                            pr_store_sql_from (sql), where);
  return g_strdup_printf ("SELECT ?1, r.id FROM %s WHERE %s", pr_store_sql_from (sql), where);
}

static void
bind_match (sqlite3_stmt *stmt,
            gint64        watch_id,
            PrQuerySql   *sql)
{
  int index = 2;

  sqlite3_bind_int64 (stmt, 1, watch_id);
  if (sql->match != NULL)
    pr_store_bind_text (stmt, index++, sql->match);
  for (guint i = 0; i < sql->params->len; i++)
    pr_store_bind_text (stmt, index++, g_ptr_array_index (sql->params, i));
}

/* A watch counts unread releases itself; a query on the reader's state
 * would match differently as releases are read. */
static gboolean
check_query (const char  *query,
             PrQuerySql **out,
             GError     **error)
{
  g_autoptr(PrQuery) parsed = pr_query_new (query);
  g_autoptr(PrQuerySql) sql = pr_query_compile (parsed, PR_FILTER_ALL);

  if (pr_query_is_empty (parsed))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID,
                           _("A watch needs a search: words or filters"));
      return FALSE;
    }
  if (sql->uses_state)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID,
                           _("A watch counts what is unread itself: is:read, is:unread and "
                             "is:bookmarked cannot be part of its search"));
      return FALSE;
    }
  if (out != NULL)
    *out = g_steal_pointer (&sql);
  return TRUE;
}

/* The watches compiled, on the writer (write_lock held). */
static GPtrArray *
saved_watches (PrStore  *self,
               GError  **error)
{
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GPtrArray) saved = NULL;

  if (self->saved != NULL)
    return self->saved;
  watches = list_watches (&self->wdb, error);
  if (watches == NULL)
    return NULL;
  saved = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_saved_free);
  for (guint i = 0; i < watches->len; i++)
    {
      PrWatch *watch = g_ptr_array_index (watches, i);
      g_autoptr(PrQuery) query = pr_query_new (watch->query);
      PrStoreSaved *s = g_new0 (PrStoreSaved, 1);
      g_autofree char *select = NULL;
      g_autofree char *insert = NULL;

      s->id = watch->id;
      s->name = g_strdup (watch->name);
      s->query = g_strdup (watch->query);
      s->notify = watch->notify;
      s->sql = pr_query_compile (query, PR_FILTER_ALL);
      g_ptr_array_add (saved, s);
      select = match_sql (s->sql, TRUE);
      insert = g_strconcat ("INSERT OR IGNORE INTO watch_matches (watch_id, release_id) ", select, NULL);
      s->match_new = pr_store_conn_prepare (&self->wdb, insert, error);
      if (s->match_new == NULL)
        return NULL;
    }
  self->saved = g_steal_pointer (&saved);
  return self->saved;
}

/* The compiled watches are made again at the next write. */
static void
forget_saved (PrStore *self)
{
  g_clear_pointer (&self->saved, g_ptr_array_unref);
}

/* @table is "watch_new" or "watch_added". The statements are literals:
 * pr_store_conn_stmt() keeps them under the SQL text's address. */
static gboolean
fill_ids (PrStore     *self,
          const char  *table,
          GArray      *ids,
          GError     **error)
{
  gboolean added = g_str_equal (table, "watch_added");
  sqlite3_stmt *stmt;

  if (!pr_store_conn_exec (&self->wdb, added ? "DELETE FROM temp.watch_added" : "DELETE FROM temp.watch_new",
                           error))
    return FALSE;
  stmt = pr_store_conn_stmt (&self->wdb,
                             added ? "INSERT OR IGNORE INTO temp.watch_added (id) VALUES (?)"
                                   : "INSERT OR IGNORE INTO temp.watch_new (id) VALUES (?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* What @saved matched among the releases in temp.watch_added: NULL when
 * nothing (and no error). */
static PrWatchHits *
read_hits (PrStore       *self,
           PrStoreSaved  *saved,
           GError       **error)
{
  g_autoptr(PrWatchHits) hits = NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  stmt = pr_store_conn_stmt (&self->wdb, "SELECT count(*) FROM watch_matches"
                                         " WHERE watch_id = ? AND release_id IN"
                                         " (SELECT id FROM temp.watch_added)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, saved->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a watch's matches");
      return NULL;
    }
  if (count == 0)
    return NULL;

  hits = g_new0 (PrWatchHits, 1);
  hits->watch_id = saved->id;
  hits->name = g_strdup (saved->name);
  hits->query = g_strdup (saved->query);
  hits->count = (guint) count;
  stmt = pr_store_conn_stmt (&self->wdb, "SELECT r.id, r.date, r.title FROM watch_matches AS m"
                                         " JOIN releases AS r ON r.id = m.release_id"
                                         " WHERE m.watch_id = ? AND m.release_id IN"
                                         " (SELECT id FROM temp.watch_added)"
                                         " ORDER BY r.date DESC, r.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, saved->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      hits->newest_id = sqlite3_column_int64 (stmt, 0);
      hits->newest_date = g_strdup (pr_store_column_text (stmt, 1));
      hits->newest_title = g_strdup (pr_store_column_text (stmt, 2));
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a watch's matches");
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/* The hits of the notifying watches among @added. */
static gboolean
collect_hits (PrStore    *self,
              GPtrArray  *saved,
              GArray     *added,
              GPtrArray  *hits,
              GError    **error)
{
  gboolean any = FALSE;

  for (guint i = 0; i < saved->len && !any; i++)
    any = ((PrStoreSaved *) g_ptr_array_index (saved, i))->notify;
  if (!any || added->len == 0)
    return TRUE;
  if (!pr_store_conn_exec (&self->wdb, "CREATE TEMP TABLE IF NOT EXISTS watch_added"
                                       " (id INTEGER PRIMARY KEY)", error) ||
      !fill_ids (self, "watch_added", added, error))
    return FALSE;
  for (guint i = 0; i < saved->len; i++)
    {
      PrStoreSaved *s = g_ptr_array_index (saved, i);
      GError *local = NULL;
      PrWatchHits *h;

      if (!s->notify)
        continue;
      h = read_hits (self, s, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (h != NULL)
        g_ptr_array_add (hits, h);
    }
  return TRUE;
}

gboolean
pr_store_watches_match (PrStore    *self,
                        GArray     *changed,
                        GArray     *added,
                        GPtrArray  *hits,
                        GError    **error)
{
  GPtrArray *saved;
  sqlite3_stmt *stmt;
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  if (changed->len == 0)
    return TRUE;
  for (guint i = 0; i < changed->len; i++)
    {
      lo = MIN (lo, g_array_index (changed, gint64, i));
      hi = MAX (hi, g_array_index (changed, gint64, i));
    }
  /* The table first: the watches' statements read it. */
  if (!pr_store_conn_exec (&self->wdb, "CREATE TEMP TABLE IF NOT EXISTS watch_new"
                                       " (id INTEGER PRIMARY KEY)", error))
    return FALSE;
  saved = saved_watches (self, error);
  if (saved == NULL)
    return FALSE;
  if (saved->len == 0)
    return TRUE;
  if (!fill_ids (self, "watch_new", changed, error))
    return FALSE;

  /* A changed release is matched again from nothing (the triggers take
   * its old matches off the counts). */
  stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM watch_matches"
                                         " WHERE release_id IN (SELECT id FROM temp.watch_new)", error);
  if (stmt == NULL || !pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  for (guint i = 0; i < saved->len; i++)
    {
      PrStoreSaved *s = g_ptr_array_index (saved, i);

      bind_match (s->match_new, s->id, s->sql);
      if (s->sql->match != NULL)
        {
          sqlite3_bind_int64 (s->match_new, sqlite3_bind_parameter_index (s->match_new, ":lo"), lo);
          sqlite3_bind_int64 (s->match_new, sqlite3_bind_parameter_index (s->match_new, ":hi"), hi);
        }
      if (!pr_store_stmt_run (&self->wdb, s->match_new, error))
        return FALSE;
      sqlite3_reset (s->match_new);
      sqlite3_clear_bindings (s->match_new);
    }

  /* Only what is new to the library is news: an updated release was
   * told of when it came. */
  if (hits != NULL && added != NULL && !collect_hits (self, saved, added, hits, error))
    return FALSE;
  return TRUE;
}

/* ---- writing ---------------------------------------------------------- */

static gboolean
watches_end (PrStore  *self,
             gboolean  ok,
             GError  **error)
{
  /* Whatever happened, the compiled watches are read again. */
  forget_saved (self);
  return pr_store_plain_end (self, ok, error);
}

static void
set_name_taken (GError     **error,
                const char  *name)
{
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS,
               /* Translators: %s is a watch's name. */
               _("A watch named “%s” exists already"), name);
}

static gboolean
name_taken (PrStore     *self,
            const char  *name,
            gint64       except,
            gboolean    *taken,
            GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT 1 FROM watches WHERE name = ? AND id != ?",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, except);
  rc = sqlite3_step (stmt);
  *taken = rc == SQLITE_ROW;
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read the watches");
      return FALSE;
    }
  return TRUE;
}

/* Matches watch @id over the whole library, from nothing. */
static gboolean
match_all (PrStore     *self,
           gint64       id,
           PrQuerySql  *sql,
           GError     **error)
{
  g_autofree char *select = match_sql (sql, FALSE);
  g_autofree char *insert = g_strconcat ("INSERT OR IGNORE INTO watch_matches (watch_id, release_id) ",
                                         select, NULL);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM watch_matches WHERE watch_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  stmt = pr_store_conn_prepare (&self->wdb, insert, error);
  if (stmt == NULL)
    return FALSE;
  bind_match (stmt, id, sql);
  ok = pr_store_stmt_run (&self->wdb, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*clean == '\0')
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID, _("A watch needs a name"));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

gboolean
pr_store_add_watch (PrStore  *self,
                    PrWatch  *watch,
                    GError  **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gboolean ok;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (watch != NULL, FALSE);

  name = clean_name (watch->name, error);
  if (name == NULL || !check_query (watch->query, &sql, error))
    return FALSE;
  if (!pr_store_plain_begin (self, error))
    return FALSE;
  ok = name_taken (self, name, 0, &taken, error);
  if (ok && taken)
    {
      set_name_taken (error, name);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb,
                                 "INSERT INTO watches (name, query, notify, position, added_at)"
                                 " VALUES (?, ?, ?, (SELECT coalesce (max (position) + 1, 0) FROM watches), ?)",
                                 error);
      ok = stmt != NULL;
      if (ok)
        {
          pr_store_bind_text (stmt, 1, name);
          pr_store_bind_text (stmt, 2, watch->query);
          sqlite3_bind_int (stmt, 3, watch->notify);
          sqlite3_bind_int64 (stmt, 4, pr_store_now_seconds ());
          ok = pr_store_stmt_run (&self->wdb, stmt, error);
        }
    }
  if (ok)
    {
      watch->id = sqlite3_last_insert_rowid (self->wdb.db);
      ok = match_all (self, watch->id, sql, error);
    }
  if (ok)
    {
      g_free (watch->name);
      watch->name = g_steal_pointer (&name);
    }
  return watches_end (self, ok, error);
}

gboolean
pr_store_update_watch (PrStore        *self,
                       const PrWatch  *watch,
                       GError        **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_query = NULL;
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (watch != NULL && watch->id != 0, FALSE);

  name = clean_name (watch->name, error);
  if (name == NULL || !check_query (watch->query, &sql, error))
    return FALSE;
  if (!pr_store_plain_begin (self, error))
    return FALSE;
  ok = name_taken (self, name, watch->id, &taken, error);
  if (ok && taken)
    {
      set_name_taken (error, name);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb, "SELECT query FROM watches WHERE id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, watch->id);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            old_query = g_strdup (pr_store_column_text (stmt, 0));
          pr_store_stmt_done (stmt);
          if (rc != SQLITE_ROW)
            {
              g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                           "No watch %" G_GINT64_FORMAT " in the library", watch->id);
              ok = FALSE;
            }
        }
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb, "UPDATE watches SET name = ?, query = ?, notify = ? WHERE id = ?",
                                 error);
      ok = stmt != NULL;
      if (ok)
        {
          pr_store_bind_text (stmt, 1, name);
          pr_store_bind_text (stmt, 2, watch->query);
          sqlite3_bind_int (stmt, 3, watch->notify);
          sqlite3_bind_int64 (stmt, 4, watch->id);
          ok = pr_store_stmt_run (&self->wdb, stmt, error);
        }
    }
  /* Matched again only when its search changed. */
  if (ok && g_strcmp0 (old_query, watch->query) != 0)
    ok = match_all (self, watch->id, sql, error);
  return watches_end (self, ok, error);
}

gboolean
pr_store_remove_watch (PrStore  *self,
                       gint64    id,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  if (!pr_store_plain_begin (self, error))
    return FALSE;
  stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM watch_matches WHERE watch_id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = pr_store_stmt_run (&self->wdb, stmt, error);
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM watches WHERE id = ?", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = pr_store_stmt_run (&self->wdb, stmt, error);
    }
  if (ok && sqlite3_changes (self->wdb.db) == 0)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                   "No watch %" G_GINT64_FORMAT " in the library", id);
      ok = FALSE;
    }
  return watches_end (self, ok, error);
}

gboolean
pr_store_move_watch (PrStore  *self,
                     gint64    id,
                     guint     position,
                     GError  **error)
{
  g_autoptr(GPtrArray) watches = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  guint from = G_MAXUINT;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  if (!pr_store_plain_begin (self, error))
    return FALSE;
  watches = list_watches (&self->wdb, error);
  ok = watches != NULL;
  for (guint i = 0; ok && i < watches->len; i++)
    if (((PrWatch *) g_ptr_array_index (watches, i))->id == id)
      from = i;
  if (ok && from == G_MAXUINT)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                   "No watch %" G_GINT64_FORMAT " in the library", id);
      ok = FALSE;
    }
  if (ok)
    {
      gpointer moved = g_ptr_array_steal_index (watches, from);

      g_ptr_array_insert (watches, (int) MIN (position, watches->len), moved);
      stmt = pr_store_conn_stmt (&self->wdb, "UPDATE watches SET position = ? WHERE id = ?", error);
      ok = stmt != NULL;
      for (guint i = 0; ok && i < watches->len; i++)
        {
          sqlite3_bind_int (stmt, 1, (int) i);
          sqlite3_bind_int64 (stmt, 2, ((PrWatch *) g_ptr_array_index (watches, i))->id);
          ok = pr_store_stmt_run (&self->wdb, stmt, error);
          sqlite3_reset (stmt);
        }
    }
  return watches_end (self, ok, error);
}
