/* pr-store-read.c: reading the library
 *
 * A compiled query (pr-query-private.h) as SQL over the library; the
 * positions of rows in a sorted list, for the writes' deltas and the
 * watches; and the reads: releases, searches, counts, snippets, facets
 * and lookups, on the owner thread's reader or the background one. */
#include <sqlite3.h>
#include <string.h>

#include "pr-query-private.h"
#include "pr-store-private.h"

#define MAX_PRECISE_CHANGES 128     /* per list and write; more is a reset */

/* ---- query SQL ------------------------------------------------------- */

/* With words, the FTS index drives (CROSS JOIN fixes the order): left to
 * itself the planner may walk a releases index and run the MATCH again
 * for every row. Each match then finds its sort keys and state in the
 * narrow releases_by_id index, which stays in the cache, rather than in
 * the table. */
const char *
pr_store_sql_from (PrQuerySql *sql)
{
  if (sql->match != NULL)
    return "release_fts CROSS JOIN releases AS r INDEXED BY releases_by_id ON r.id = release_fts.rowid";
  /* The same for the originals of the matches (a grouped list): looked up
   * in the table, each of a few thousand matches read a page of its own
   * (8,022 of a word with is:unread at a million: 86 ms against 43). */
  if (sql->ids_in_where)
    return "releases AS r INDEXED BY releases_by_id";
  /* A LEFT JOIN (every key has its release): SQLite leaves the releases
   * out of a page's SELECT when nothing else is asked of them; a condition
   * on r makes it an inner join, free to start from r (the date too is in
   * the join so that a release found first finds its key). */
  if (sql->unread_first)
    return "unread AS u LEFT JOIN releases AS r ON r.id = u.id AND r.date = u.date";
  return "releases AS r";
}

/* Where the date sort's keys are read: u.date and u.id equal r.date and
 * r.id, and sort the unread keys without reading their releases. */
static gboolean
keys_in_unread (PrQuerySql *sql,
                PrSort      sort)
{
  return sql->unread_first && (sort == PR_SORT_DATE || sort == PR_SORT_RELEVANCE);
}

/* pr_store_sql_from() for counting rows by their sort keys: the unread
 * keys alone when nothing else is asked of the releases (SQLite 3.40
 * leaves the LEFT JOIN out of a page's SELECT but not out of a count). */
static const char *
sql_count_from (PrQuerySql *sql,
                PrSort      sort)
{
  if (keys_in_unread (sql, sort) && g_str_equal (sql->where, "1"))
    return "unread AS u";
  return pr_store_sql_from (sql);
}

/* The id of a row of pr_store_sql_from(). */
const char *
pr_store_sql_id (PrQuerySql *sql)
{
  return sql->unread_first ? "u.id" : "r.id";
}

/* The rows of a list that shows one row per group: every release but the
 * copies (a few percent of the library: a lookup in copies is an index
 * step of a table that stays in the cache). */
static const char *
sql_shown (PrQuerySql *sql)
{
  if (!sql->grouped)
    return "";
  return sql->unread_first ? " AND u.id NOT IN (SELECT id FROM copies)" : " AND r.id NOT IN (SELECT id FROM copies)";
}

char *
pr_store_sql_where (PrQuerySql *sql)
{
  if (sql->match != NULL)
    return g_strdup_printf ("release_fts MATCH ? AND (%s)%s", sql->where, sql_shown (sql));
  return g_strdup_printf ("(%s)%s", sql->where, sql_shown (sql));
}

void
pr_store_bind_query (sqlite3_stmt *stmt,
                     PrQuerySql   *sql)
{
  int index = 1;

  if (sql->match != NULL)
    pr_store_bind_text (stmt, index++, sql->match);
  for (guint i = 0; i < sql->params->len; i++)
    pr_store_bind_text (stmt, index++, g_ptr_array_index (sql->params, i));
}

PrSort
pr_store_effective_sort (PrQuerySql *sql,
                         PrSort      sort)
{
  if (sort == PR_SORT_RELEVANCE && sql->match == NULL)
    return PR_SORT_DATE;
  return sort;
}

const char *
pr_store_sql_order (PrQuerySql *sql,
                    PrSort      sort)
{
  switch (sort)
    {
    case PR_SORT_TITLE:
      return "r.title, r.id";
    case PR_SORT_SOURCE:
      return "r.source_norm, r.date DESC, r.id DESC";
    case PR_SORT_RELEVANCE:
      if (sql->match != NULL)
        return "bm25 (release_fts, 10.0, 5.0, 1.0, 3.0, 3.0, 2.0, 2.0), r.date DESC, r.id DESC";
      G_GNUC_FALLTHROUGH;
    case PR_SORT_DATE:
    default:
      return keys_in_unread (sql, sort) ? "u.date DESC, u.id DESC" : "r.date DESC, r.id DESC";
    }
}

/* Rows sorting strictly before the row with keys :d :t :s :i. */
static const char *
sql_before (PrQuerySql *sql,
            PrSort      sort)
{
  switch (sort)
    {
    case PR_SORT_TITLE:
      return "r.title <= :t AND (r.title < :t OR r.id < :i)";
    case PR_SORT_SOURCE:
      return "r.source_norm <= :s AND (r.source_norm < :s OR r.date > :d OR (r.date = :d AND r.id > :i))";
    case PR_SORT_DATE:
    case PR_SORT_RELEVANCE:
    default:
      return keys_in_unread (sql, sort)
        ? "u.date >= :d AND (u.date > :d OR u.id > :i)"
        : "r.date >= :d AND (r.date > :d OR r.id > :i)";
    }
}

/* Rows strictly between the row :pd :pt :ps :pi and the row :d :t :s :i. */
static const char *
sql_between (PrQuerySql *sql,
             PrSort      sort)
{
  switch (sort)
    {
    case PR_SORT_TITLE:
      return "r.title >= :pt AND r.title <= :t AND (r.title > :pt OR r.id > :pi) "
             "AND (r.title < :t OR r.id < :i)";
    case PR_SORT_SOURCE:
      return "r.source_norm >= :ps AND r.source_norm <= :s "
             "AND (r.source_norm > :ps OR r.date < :pd OR (r.date = :pd AND r.id < :pi)) "
             "AND (r.source_norm < :s OR r.date > :d OR (r.date = :d AND r.id > :i))";
    case PR_SORT_DATE:
    case PR_SORT_RELEVANCE:
    default:
      return keys_in_unread (sql, sort)
        ? "u.date <= :pd AND u.date >= :d AND (u.date < :pd OR u.id < :pi) "
          "AND (u.date > :d OR u.id > :i)"
        : "r.date <= :pd AND r.date >= :d AND (r.date < :pd OR r.id < :pi) "
          "AND (r.date > :d OR r.id > :i)";
    }
}

/* ---- list positions -------------------------------------------------- */

typedef struct {
  gint64 id;
  char *date;
  char *title;
  char *source_norm;
} Member;

static void
member_clear (Member *member)
{
  g_free (member->date);
  g_free (member->title);
  g_free (member->source_norm);
}

/* The list order of two rows, as pr_store_sql_order() sorts them. */
static int
member_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Member *x = a, *y = b;
  PrSort sort = GPOINTER_TO_INT (user_data);
  int c = 0;

  switch (sort)
    {
    case PR_SORT_TITLE:
      c = sqlite3_stricmp (x->title, y->title);
      if (c == 0)
        c = (x->id > y->id) - (x->id < y->id);
      return c;
    case PR_SORT_SOURCE:
      c = strcmp (x->source_norm, y->source_norm);
      if (c != 0)
        return c;
      G_GNUC_FALLTHROUGH;
    case PR_SORT_DATE:
    case PR_SORT_RELEVANCE:
    default:
      c = strcmp (y->date, x->date);
      if (c == 0)
        c = (y->id > x->id) - (y->id < x->id);
      return c;
    }
}

static void
bind_member (sqlite3_stmt *stmt,
             const Member *member,
             gboolean      previous)
{
  pr_store_bind_named_text (stmt, previous ? ":pd" : ":d", member->date);
  pr_store_bind_named_text (stmt, previous ? ":pt" : ":t", member->title);
  pr_store_bind_named_text (stmt, previous ? ":ps" : ":s", member->source_norm);
  pr_store_bind_named_int64 (stmt, previous ? ":pi" : ":i", member->id);
}

static gboolean
count_stmt (Conn          *conn,
            sqlite3_stmt  *stmt,
            gint64        *count,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not count releases");
      return FALSE;
    }
  return TRUE;
}

/* The positions in @watch's list (in @conn's current state) of those
 * @ids that are in it, ascending, and in @found_ids (if not NULL) their
 * ids in the same order; *reset when they cannot be told. */
gboolean
pr_store_watch_positions (Conn          *conn,
                          PrStoreWatch  *watch,
                          GArray        *ids,
                          GArray        *positions,
                          GArray        *found_ids,
                          gboolean      *reset,
                          GError       **error)
{
  PrQuerySql *sql = pr_query_sql_plain (watch->sql);
  g_autofree char *where = pr_store_sql_where (sql);
  g_autofree char *member_sql = NULL;
  g_autofree char *before_sql = NULL;
  g_autofree char *between_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) members = NULL;
  gint64 position = 0;

  if (ids->len == 0 || *reset)
    return TRUE;

  member_sql = g_strdup_printf ("SELECT r.id, r.date, r.title, r.source_norm FROM %s WHERE %s "
                                "AND r.id = :id%s", pr_store_sql_from (sql), where,
                                sql->match != NULL ? " AND release_fts.rowid = :id" : "");
  stmt = pr_store_conn_prepare (conn, member_sql, error);
  if (stmt == NULL)
    return FALSE;

  members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_array_set_clear_func (members, (GDestroyNotify) member_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      int rc;

      pr_store_bind_query (stmt, sql);
      pr_store_bind_named_int64 (stmt, ":id", g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          Member member;

          member.id = sqlite3_column_int64 (stmt, 0);
          member.date = g_strdup (pr_store_column_text (stmt, 1));
          member.title = g_strdup (pr_store_column_text (stmt, 2));
          member.source_norm = g_strdup (pr_store_column_text (stmt, 3));
          g_array_append_val (members, member);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pr_store_set_sqlite_error (error, conn->db, rc, "Could not place a release");
          return FALSE;
        }
      /* A reset either way: the rest need not be looked at. */
      if (members->len > MAX_PRECISE_CHANGES ||
          (members->len > 0 && watch->sort == PR_SORT_RELEVANCE))
        {
          *reset = TRUE;
          return TRUE;
        }
    }

  if (members->len == 0)
    return TRUE;
  if (watch->sort == PR_SORT_RELEVANCE || members->len > MAX_PRECISE_CHANGES)
    {
      *reset = TRUE;
      return TRUE;
    }

  g_array_sort_with_data (members, member_compare, GINT_TO_POINTER (watch->sort));

  /* The first by counting the rows before it, each next by counting the
   * rows between it and the one before. */
  before_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s AND %s",
                                sql_count_from (sql, watch->sort), where,
                                sql_before (sql, watch->sort));
  between_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s AND %s",
                                 sql_count_from (sql, watch->sort), where,
                                 sql_between (sql, watch->sort));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < members->len; i++)
    {
      Member *member = &g_array_index (members, Member, i);
      gint64 count = 0;
      guint value;

      if (stmt == NULL)
        {
          stmt = pr_store_conn_prepare (conn, i == 0 ? before_sql : between_sql, error);
          if (stmt == NULL)
            return FALSE;
        }
      pr_store_bind_query (stmt, sql);
      bind_member (stmt, member, FALSE);
      if (i > 0)
        bind_member (stmt, &g_array_index (members, Member, i - 1), TRUE);
      if (!count_stmt (conn, stmt, &count, error))
        return FALSE;
      if (i == 0)
        g_clear_pointer (&stmt, sqlite3_finalize);

      position = i == 0 ? count : position + 1 + count;
      value = position;
      g_array_append_val (positions, value);
      if (found_ids != NULL)
        g_array_append_val (found_ids, member->id);
    }

  return TRUE;
}

/* ---- reads ----------------------------------------------------------- */

/* The reader for this thread's calls: the owner's (in the snapshot its
 * lists see) or the background one. */
Conn *
pr_store_reader_lock (PrStore *self)
{
  if (g_thread_self () == self->owner)
    {
      pr_store_owner_read_lock (self);
      return &self->rdb;
    }
  g_mutex_lock (&self->background_lock);
  return &self->bdb;
}

void
pr_store_reader_unlock (PrStore *self,
                        Conn    *conn)
{
  if (conn == &self->rdb)
    g_rec_mutex_unlock (&self->read_lock);
  else
    g_mutex_unlock (&self->background_lock);
}

PrRelease *
pr_store_get_release (PrStore  *self,
                      gint64    id,
                      GError  **error)
{
  PrRelease *release;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  conn = pr_store_reader_lock (self);
  release = pr_store_load_release (self, conn, id, error);
  pr_store_reader_unlock (self, conn);
  return release;
}

gboolean
pr_store_count_sql (Conn        *conn,
                    PrQuerySql  *sql,
                    gint64      *count,
                    GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Words: the sets of their matches and of the filter's rows
   * (pr-store-matches.c), unless the filter is not worth reading. */
  if (sql->match != NULL)
    {
      gboolean done = FALSE;

      if (!pr_store_matches_count (conn, sql, count, &done, error))
        return FALSE;
      if (done)
        return TRUE;
    }

  sql = pr_query_sql_plain (sql);
  where = pr_store_sql_where (sql);
  /* All, unread and bookmarked are kept counted; one row per group, less
   * the copies among them. */
  if (sql->grouped && sql->unread_first && g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT (SELECT unread FROM counts) - (SELECT count(*) FROM copies AS c"
                     " CROSS JOIN releases AS r ON r.id = c.id WHERE " SQL_UNREAD ")");
  else if (sql->grouped && g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT (SELECT releases FROM counts) - (SELECT count(*) FROM copies)");
  else if (sql->grouped && g_str_equal (sql->where, "r.bookmarked = 1"))
    text = g_strdup ("SELECT (SELECT bookmarked FROM counts) - (SELECT count(*) FROM copies AS c"
                     " CROSS JOIN releases AS r ON r.id = c.id WHERE r.bookmarked = 1)");
  else if (sql->grouped)
    text = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", pr_store_sql_from (sql), where);
  else if (sql->unread_first && g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT unread FROM counts");
  else if (sql->match == NULL && g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT releases FROM counts");
  else if (sql->match == NULL && g_str_equal (sql->where, "r.bookmarked = 1"))
    text = g_strdup ("SELECT bookmarked FROM counts");
  else if (g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT count(*) FROM release_fts WHERE release_fts MATCH ?");
  else
    text = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", pr_store_sql_from (sql), where);

  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return FALSE;
  pr_store_bind_query (stmt, sql);
  return count_stmt (conn, stmt, count, error);
}

GArray *
pr_store_step_ids (sqlite3_stmt *stmt,
                   int          *rc)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return ids;
}

GArray *
pr_store_select_ids (Conn        *conn,
                     PrQuerySql  *sql,
                     PrSort       sort,
                     guint        offset,
                     guint        limit,
                     GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  sort = pr_store_effective_sort (sql, sort);
  /* Words: the same sets, unless the filter is not worth reading. */
  if (sql->match != NULL && sort != PR_SORT_RELEVANCE)
    {
      g_autoptr(GArray) found = NULL;
      gboolean done = FALSE;

      found = pr_store_matches_select_ids (conn, sql, sort, offset, limit, &done, error);
      if (found == NULL || done)
        return g_steal_pointer (&found);
    }
  sql = pr_query_sql_plain (sql);
  sort = pr_store_effective_sort (sql, sort);
  where = pr_store_sql_where (sql);
  text = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT :limit OFFSET :offset",
                          pr_store_sql_id (sql), pr_store_sql_from (sql), where,
                          pr_store_sql_order (sql, sort));
  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return NULL;
  pr_store_bind_query (stmt, sql);
  pr_store_bind_named_int64 (stmt, ":limit", limit);
  pr_store_bind_named_int64 (stmt, ":offset", offset);

  ids = pr_store_step_ids (stmt, &rc);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GPtrArray *
load_releases (PrStore     *self,
               Conn        *conn,
               GArray      *ids,
               GError     **error)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      PrRelease *release = pr_store_load_release (self, conn, g_array_index (ids, gint64, i),
                                                  error);

      if (release == NULL)
        return NULL;
      g_ptr_array_add (releases, release);
    }
  return g_steal_pointer (&releases);
}

gint64
pr_store_count (PrStore   *self,
                PrQuery   *query,
                PrFilter   filter,
                GError   **error)
{
  return pr_store_count_grouped (self, query, filter, FALSE, error);
}

gint64
pr_store_count_grouped (PrStore   *self,
                        PrQuery   *query,
                        PrFilter   filter,
                        gboolean   grouped,
                        GError   **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  gint64 count = 0;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), 0);

  sql = pr_query_compile (query, filter);
  if (grouped)
    pr_query_sql_set_grouped (sql);
  conn = pr_store_reader_lock (self);
  pr_store_count_sql (conn, sql, &count, error);
  pr_store_reader_unlock (self, conn);
  return count;
}

GPtrArray *
pr_store_search (PrStore   *self,
                 PrQuery   *query,
                 PrFilter   filter,
                 PrSort     sort,
                 guint      offset,
                 guint      limit,
                 GError   **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *releases = NULL;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  sql = pr_query_compile (query, filter);
  conn = pr_store_reader_lock (self);
  ids = pr_store_select_ids (conn, sql, sort, offset, limit, error);
  if (ids != NULL)
    releases = load_releases (self, conn, ids, error);
  pr_store_reader_unlock (self, conn);
  return releases;
}

GArray *
pr_store_search_ids (PrStore   *self,
                     PrQuery   *query,
                     PrFilter   filter,
                     PrSort     sort,
                     guint      offset,
                     guint      limit,
                     GError   **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  GArray *ids;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  sql = pr_query_compile (query, filter);
  conn = pr_store_reader_lock (self);
  ids = pr_store_select_ids (conn, sql, sort, offset, limit, error);
  pr_store_reader_unlock (self, conn);
  return ids;
}

typedef struct {
  PrQuery *query;
  PrFilter filter;
  PrSort sort;
  PrFacetKind kind;
  guint offset;
  guint limit;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->query);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  GPtrArray *releases;

  if (g_task_return_error_if_cancelled (task))
    return;
  releases = pr_store_search (source_object, data->query, data->filter, data->sort,
                              data->offset, data->limit, &error);
  if (releases != NULL)
    g_task_return_pointer (task, releases, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
pr_store_search_async (PrStore             *self,
                       PrQuery             *query,
                       PrFilter             filter,
                       PrSort               sort,
                       guint                offset,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (PR_IS_STORE (self));

  data->query = query != NULL ? g_object_ref (query) : NULL;
  data->filter = filter;
  data->sort = sort;
  data->offset = offset;
  data->limit = limit;
  g_task_set_source_tag (task, pr_store_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
pr_store_search_finish (PrStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
snippet_for (Conn        *conn,
             const char  *match,
             gint64       id)
{
  sqlite3_stmt *stmt;
  char *snippet = NULL;

  stmt = pr_store_conn_stmt (conn,
                             "SELECT snippet (release_fts, -1, char (2), char (3), '…', 24)"
                             " FROM release_fts WHERE release_fts MATCH ? AND rowid = ?", NULL);
  if (stmt == NULL)
    return NULL;
  pr_store_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && pr_store_column_text (stmt, 0) != NULL)
    snippet = g_strdup (pr_store_column_text (stmt, 0));
  pr_store_stmt_done (stmt);
  return snippet;
}

/* @id's body, or NULL. */
static char *
dup_body (Conn   *conn,
          gint64  id)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (conn, "SELECT body FROM release_text WHERE id = ?", NULL);
  char *body = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    body = g_strdup (pr_store_column_text (stmt, 0));
  pr_store_stmt_done (stmt);
  return body;
}

char *
pr_store_dup_snippet (PrStore *self,
                      PrQuery *query,
                      gint64   id)
{
  g_autofree char *snippet = NULL;
  g_autofree char *body = NULL;
  const char *match;
  gboolean prefix;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  if (query == NULL || !pr_query_has_terms (query))
    return NULL;

  match = pr_query_get_match (query);
  prefix = match != NULL && strstr (match, "\" *") != NULL;
  conn = pr_store_reader_lock (self);
  body = dup_body (conn, id);
  /* The body's best passage, found by our own matcher: FTS5's snippet()
   * runs the whole query again for each release (150 us, and at a million
   * releases up to 2.3 s a snippet for a prefix). */
  snippet = pr_snippet_find (body, pr_query_get_snippet_terms (query), 24);
  /* Else words found in the title, a name or the dateline, except for a
   * prefix, which FTS5 would expand. */
  if (snippet == NULL && match != NULL && !prefix)
    snippet = snippet_for (conn, match, id);
  pr_store_reader_unlock (self, conn);
  if (snippet == NULL || strchr (snippet, '\x02') == NULL)
    {
      /* Chinese and Japanese words are found as they are; prefixes where
       * a word starts. */
      g_autofree char *made = prefix
        ? pr_snippet_make_words (body, pr_query_get_terms (query), 40)
        : pr_snippet_make (body, pr_query_get_terms (query), 40);

      if (made != NULL)
        {
          g_free (snippet);
          snippet = g_steal_pointer (&made);
        }
    }
  return g_steal_pointer (&snippet);
}

static const int facet_entity_kind[] = {
  [PR_FACET_SOURCE] = ENTITY_SOURCE,
  [PR_FACET_PLACE] = ENTITY_PLACE,
  [PR_FACET_ORGANIZATION] = ENTITY_ORGANIZATION,
  [PR_FACET_PERSON] = ENTITY_PERSON,
  [PR_FACET_ISSUER] = ENTITY_ISSUER,
  [PR_FACET_KIND] = ENTITY_KIND,
  [PR_FACET_TICKER] = ENTITY_TICKER,
};

static GPtrArray *
facets_sql (Conn         *conn,
            PrQuerySql   *sql,
            PrFacetKind   kind,
            guint         limit,
            GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) facets = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_facet_free);
  int rc;

  sql = pr_query_sql_plain (sql);
  if (sql->match == NULL && !sql->unread_first && !sql->grouped && g_str_equal (sql->where, "1"))
    text = g_strdup ("SELECT name, releases FROM entities WHERE kind = :kind AND releases > 0"
                     " ORDER BY releases DESC, name LIMIT :limit");
  else
    {
      g_autofree char *where = pr_store_sql_where (sql);

      text = g_strdup_printf ("SELECT e.name, count(*) AS n FROM (SELECT %s AS id FROM %s WHERE %s)"
                              " AS m CROSS JOIN release_entities AS re ON re.release_id = m.id"
                              " CROSS JOIN entities AS e ON e.id = re.entity_id"
                              " WHERE e.kind = :kind GROUP BY e.id ORDER BY n DESC, e.name"
                              " LIMIT :limit", pr_store_sql_id (sql), pr_store_sql_from (sql), where);
    }

  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return NULL;
  pr_store_bind_query (stmt, sql);
  pr_store_bind_named_int64 (stmt, ":kind", facet_entity_kind[kind]);
  pr_store_bind_named_int64 (stmt, ":limit", limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrFacet *facet = g_new0 (PrFacet, 1);

      facet->name = g_strdup (pr_store_column_text (stmt, 0));
      facet->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (facets, facet);
    }
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not count the facets");
      return NULL;
    }
  return g_steal_pointer (&facets);
}

GPtrArray *
pr_store_get_facets (PrStore      *self,
                     PrQuery      *query,
                     PrFilter      filter,
                     PrFacetKind   kind,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(PrQuerySql) sql = NULL;
  GPtrArray *facets;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= PR_FACET_TICKER, NULL);

  sql = pr_query_compile (query, filter);
  conn = pr_store_reader_lock (self);
  facets = facets_sql (conn, sql, kind, limit, error);
  pr_store_reader_unlock (self, conn);
  return facets;
}

static void
facets_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  GPtrArray *facets;

  if (g_task_return_error_if_cancelled (task))
    return;
  facets = pr_store_get_facets (source_object, data->query, data->filter, data->kind,
                                data->limit, &error);
  if (facets != NULL)
    g_task_return_pointer (task, facets, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
pr_store_get_facets_async (PrStore             *self,
                           PrQuery             *query,
                           PrFilter             filter,
                           PrFacetKind          kind,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (PR_IS_STORE (self));

  data->query = query != NULL ? g_object_ref (query) : NULL;
  data->filter = filter;
  data->kind = kind;
  data->limit = limit;
  g_task_set_source_tag (task, pr_store_get_facets_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, facets_thread);
}

GPtrArray *
pr_store_get_facets_finish (PrStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- lookups --------------------------------------------------------- */

PrRelease *
pr_store_find_release (PrStore     *self,
                       const char  *content_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  Conn *conn;
  int rc;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (content_id != NULL, NULL);

  conn = pr_store_reader_lock (self);
  stmt = pr_store_conn_stmt (conn, "SELECT id FROM releases WHERE content_id = ?", error);
  if (stmt == NULL)
    {
      pr_store_reader_unlock (self, conn);
      return NULL;
    }
  pr_store_bind_text (stmt, 1, content_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  pr_store_reader_unlock (self, conn);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                   "No release %s in the library", content_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not look a release up");
      return NULL;
    }
  return pr_store_get_release (self, id, error);
}
