/* pr-store-matches.c: a query's words and filter as sets of ids
 *
 * At a million releases a common word matches 100,000 of them. Sorting
 * them by date looked each one up in releases_by_id (0.4-1.7 µs a match,
 * more when its pages are not cached): a first page took 25-50 ms, and a
 * count with a filter (lang:de) as long again. FTS5 lists the matches in
 * a few milliseconds, so they are kept as a bitmap of ids, and so are the
 * rows of the filter (read from the filter's own index range: lang:de
 * from releases_by_language). Their intersection's size is the count; a
 * page then either walks the sort's index from its start keeping the rows
 * in the set, about (offset + limit) × releases ÷ rows in the set, or, for
 * few rows, lets FTS5 list the matches and looks up only those in the set.
 *
 * A filter that would scan every release (is:read), or that has far more
 * rows than the words have matches, is not read as a set: the caller then
 * looks the matches up as before. A walk that meets the set later than its
 * share (a set of releases all titled Z…) stops past a budget of rows (the
 * SQL function fails the statement) and the rows are looked up instead.
 * The sets of the last words, their intersection and the last few filters
 * stay on the connection until the library changes (data_version). */
#include <sqlite3.h>
#include <string.h>

#include "pr-query-private.h"
#include "pr-store-private.h"

#define ID_SET_TYPE "pr-id-set"

/* A filter is read as a set when it has at most this many rows per match
 * of the words, or this many rows at all (a few milliseconds): a rare word
 * with a broad filter (lang:en) looks its few matches up instead. Reading
 * a row of a filter's index costs 45-100 ns, looking a match up 2-10 µs
 * when the pages are not cached (twice: the count and the page). */
#define FILTER_ROWS_PER_MATCH 256
#define FILTER_MIN_ROWS 65536
#define MAX_FILTERS 8
/* A walk of the sort's index tests this many rows for each lookup it
 * saves (an index step and a bit, 50-100 ns, against a B-tree search of
 * releases_by_id, 2-10 µs at a million when its pages are not cached). */
#define WALK_ROWS_PER_LOOKUP 128

struct _PrIdSet {
  char *key;            /* the FTS expression, or the filter's SQL and values */
  gint64 version;       /* the connection's data_version when made */
  guint64 *bits;
  gsize n_words;
  gint64 count;
  gint64 max_id;
  gint64 visited;       /* rows the running walk has tested */
  gint64 budget;        /* and may test; 0: no limit */
  gboolean partial;     /* a filter with more rows than its budget */
  gboolean unusable;    /* an id too large for a bitmap (a damaged library) */
};

void
pr_store_id_set_free (PrIdSet *set)
{
  if (set == NULL)
    return;
  g_free (set->key);
  g_free (set->bits);
  g_free (set);
}

static PrIdSet *
set_new (const char *key,
         gint64      version)
{
  PrIdSet *set = g_new0 (PrIdSet, 1);

  set->key = g_strdup (key);
  set->version = version;
  return set;
}

static gboolean
set_has (PrIdSet *set,
         gint64   id)
{
  return id >= 0 && (guint64) id < set->n_words * 64 &&
         ((set->bits[id >> 6] >> (id & 63)) & 1) != 0;
}

/* Adds @id; FALSE (and the set unusable) when it is not an id a bitmap
 * holds: ids count up from 1, this many is 32 MB of bits. */
#define MAX_SET_ID (G_GINT64_CONSTANT (1) << 28)

static gboolean
set_add (PrIdSet *set,
         gint64   id)
{
  gsize word;

  if (id < 0 || id >= MAX_SET_ID)
    {
      set->unusable = TRUE;
      return FALSE;
    }
  word = (gsize) id >> 6;
  if (word >= set->n_words)
    {
      gsize n = MAX (MAX (set->n_words * 2, word + 1), 1024);

      set->bits = g_renew (guint64, set->bits, n);
      memset (set->bits + set->n_words, 0, (n - set->n_words) * sizeof (guint64));
      set->n_words = n;
    }
  if ((set->bits[word] & (G_GUINT64_CONSTANT (1) << (id & 63))) == 0)
    set->count++;
  set->max_id = MAX (set->max_id, id);
  set->bits[word] |= G_GUINT64_CONSTANT (1) << (id & 63);
  return TRUE;
}

static void
set_remove (PrIdSet *set,
            gint64   id)
{
  if (!set_has (set, id))
    return;
  set->bits[id >> 6] &= ~(G_GUINT64_CONSTANT (1) << (id & 63));
  set->count--;
}

gboolean
pr_store_id_set_has (PrIdSet *set,
                     gint64   id)
{
  return set_has (set, id);
}

PrIdSet *
pr_store_id_set_new_ids (GArray *ids)
{
  g_autoptr(PrIdSet) set = set_new ("", 0);

  for (guint i = 0; i < ids->len; i++)
    if (!set_add (set, g_array_index (ids, gint64, i)))
      return NULL;
  return g_steal_pointer (&set);
}

void
pr_store_bind_id_set (sqlite3_stmt *stmt,
                      int           index,
                      PrIdSet      *set)
{
  sqlite3_bind_pointer (stmt, index, set, ID_SET_TYPE, NULL);
}

/* Counts a row the running walk tests; FALSE past the set's budget. */
static gboolean
set_visit (sqlite3_context *context,
           PrIdSet         *set)
{
  if (set == NULL)
    {
      sqlite3_result_error (context, "no set bound", -1);
      return FALSE;
    }
  if (set->budget > 0 && ++set->visited > set->budget)
    {
      sqlite3_result_error (context, "over budget", -1);
      return FALSE;
    }
  return TRUE;
}

/* pr_has (set, id): whether @id is in the set. */
static void
has_func (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  PrIdSet *set = sqlite3_value_pointer (argv[0], ID_SET_TYPE);

  if (set_visit (context, set))
    sqlite3_result_int (context, set_has (set, sqlite3_value_int64 (argv[1])));
}

/* pr_collect (set, id), an aggregate: adds each row's @id to the set
 * (the rows the WHERE clause keeps, whatever order SQLite tests its terms
 * in); fails the statement past the set's budget. */
static void
collect_step (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  PrIdSet *set = sqlite3_value_pointer (argv[0], ID_SET_TYPE);

  if (set_visit (context, set) && !set_add (set, sqlite3_value_int64 (argv[1])))
    sqlite3_result_error (context, "id out of range", -1);
}

static void
collect_final (sqlite3_context *context)
{
  sqlite3_result_int (context, 0);
}

/* Whether a statement that failed was stopped by its budget. */
static gboolean
over_budget (PrIdSet *set)
{
  return set->budget > 0 && set->visited > set->budget;
}

gboolean
pr_store_matches_register (Conn    *conn,
                           GError **error)
{
  int rc = sqlite3_create_function_v2 (conn->db, "pr_has", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                       NULL, has_func, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (conn->db, "pr_collect", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     NULL, NULL, collect_step, collect_final, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (conn->db, "pr_quick_has", -1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     NULL, pr_store_quick_has_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not open the library");
      return FALSE;
    }
  return TRUE;
}

void
pr_store_matches_clear (Conn *conn)
{
  g_clear_pointer (&conn->matches, pr_store_id_set_free);
  g_clear_pointer (&conn->matched, pr_store_id_set_free);
  g_clear_pointer (&conn->grouped, pr_store_id_set_free);
  g_clear_pointer (&conn->filters, g_ptr_array_unref);
}

/* The connection's data_version; the sets kept on @conn are dropped when
 * the library changed since they were made. */
static gboolean
conn_version (Conn    *conn,
              gint64  *version,
              GError **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (conn, "PRAGMA data_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not read the library");
      return FALSE;
    }
  if (conn->sets_version != *version)
    pr_store_matches_clear (conn);
  conn->sets_version = *version;
  return TRUE;
}

/* Ends @stmt's reading into a set: SQLITE_ROW when the set stopped it
 * (an id too large, the set unusable), else @rc as sqlite3_step() left it. */
static gboolean
read_done (Conn          *conn,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
  return FALSE;
}

/* The ids FTS5 matches for @match. */
static PrIdSet *
conn_matches (Conn        *conn,
              const char  *match,
              gint64       version,
              GError     **error)
{
  g_autoptr(PrIdSet) set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (conn->matches != NULL && g_str_equal (conn->matches->key, match))
    return conn->matches;

  stmt = pr_store_conn_stmt (conn, "SELECT rowid FROM release_fts WHERE release_fts MATCH ?",
                             error);
  if (stmt == NULL)
    return NULL;
  set = set_new (match, version);
  pr_store_bind_text (stmt, 1, match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && set_add (set, sqlite3_column_int64 (stmt, 0)))
    ;
  if (!read_done (conn, stmt, rc, error))
    return NULL;
  /* The intersection belonged to the previous words. */
  g_clear_pointer (&conn->matched, pr_store_id_set_free);
  g_clear_pointer (&conn->grouped, pr_store_id_set_free);
  pr_store_id_set_free (conn->matches);
  conn->matches = g_steal_pointer (&set);
  return conn->matches;
}

/* @matches for a list of one row per group: a copy's match is its
 * original's, and no copy is in it. Reads the copies (a few percent of
 * the library, from their own table). */
static PrIdSet *
conn_grouped (Conn     *conn,
              PrIdSet  *matches,
              GError  **error)
{
  g_autoptr(PrIdSet) set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (conn->grouped != NULL && g_str_equal (conn->grouped->key, matches->key))
    return conn->grouped;

  set = set_new (matches->key, matches->version);
  set->n_words = matches->n_words;
  set->bits = g_new (guint64, MAX (set->n_words, 1));
  if (set->n_words > 0)
    memcpy (set->bits, matches->bits, set->n_words * sizeof (guint64));
  set->count = matches->count;
  set->max_id = matches->max_id;
  stmt = pr_store_conn_stmt (conn, "SELECT id, original FROM copies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!set_has (set, id))
        continue;
      set_remove (set, id);
      if (!set_add (set, sqlite3_column_int64 (stmt, 1)))
        break;
    }
  if (!read_done (conn, stmt, rc, error))
    return NULL;
  g_clear_pointer (&conn->matched, pr_store_id_set_free);
  pr_store_id_set_free (conn->grouped);
  conn->grouped = g_steal_pointer (&set);
  return conn->grouped;
}

/* The words' matches as @sql's list shows them. */
static PrIdSet *
conn_listed (Conn        *conn,
             PrQuerySql  *sql,
             gint64       version,
             GError     **error)
{
  PrIdSet *matches = conn_matches (conn, sql->match, version, error);

  if (matches == NULL || matches->unusable || !sql->grouped)
    return matches;
  return conn_grouped (conn, matches, error);
}

static char *
filter_key (PrQuerySql *sql)
{
  GString *key = g_string_new (sql->grouped ? "grouped\x1e" : "");

  g_string_append (key, sql->where);
  for (guint i = 0; i < sql->params->len; i++)
    {
      g_string_append_c (key, '\x1f');
      g_string_append (key, g_ptr_array_index (sql->params, i));
    }
  return g_string_free (key, FALSE);
}

/* Whether the filter's statement @text reads its rows from a range of an
 * index: *partial set otherwise. */
static gboolean
filter_has_index (Conn        *conn,
                  const char  *text,
                  gboolean    *partial,
                  GError     **error)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", text, NULL);
  g_autoptr(sqlite3_stmt) stmt = pr_store_conn_prepare (conn, explain, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *partial = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *detail = pr_store_column_text (stmt, 3);

      /* A range of an index, not a scan of all the releases (which would
       * also test each one: "is:read" looks each up in unread). */
      if (detail != NULL && (g_str_equal (detail, "SCAN r") || g_str_has_prefix (detail, "SCAN r ")))
        *partial = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
      return FALSE;
    }
  return TRUE;
}

/* Ids tested for a filter's share of the library. */
#define SAMPLE_IDS 1024

/* Sets *@over when @sql's filter, estimated from its share of SAMPLE_IDS
 * ids spread over the library (looked up: a few ms), has more rows than
 * @budget: a broad filter with a rare word (lang:en, 800,000 rows, with
 * person:"…") was read up to its budget for nothing, 50-90 ms at a
 * million before the matches were looked up after all. */
static gboolean
filter_within (Conn        *conn,
               PrQuerySql  *sql,
               gint64       budget,
               gboolean    *over,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 releases = 0, max_id = 0, tested, kept;
  int rc;

  *over = FALSE;
  if (!pr_store_read_int (conn, "SELECT releases FROM counts", &releases, error)
      || !pr_store_read_int (conn, "SELECT coalesce (max (id), 0) FROM releases", &max_id, error))
    return FALSE;
  /* All of them within the budget: read. */
  if (releases <= budget || max_id <= 0)
    return TRUE;
  /* ?1 the step, ?2 the last id, then the filter's values. */
  text = g_strdup_printf ("WITH RECURSIVE s (id) AS (SELECT ?1 UNION ALL SELECT id + ?1 FROM s"
                          " WHERE id + ?1 <= ?2)"
                          " SELECT count (*), total ((%s)) FROM s CROSS JOIN releases AS r"
                          " ON r.id = s.id", sql->where);
  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MAX (max_id / SAMPLE_IDS, 1));
  sqlite3_bind_int64 (stmt, 2, max_id);
  for (guint i = 0; i < sql->params->len; i++)
    pr_store_bind_text (stmt, 3 + i, g_ptr_array_index (sql->params, i));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
      return FALSE;
    }
  tested = sqlite3_column_int64 (stmt, 0);
  kept = (gint64) sqlite3_column_double (stmt, 1);
  *over = tested > 0 && (double) kept / tested * releases > budget;
  return TRUE;
}

/* The rows of @sql's filter, or NULL (without an error) when they are
 * more than @budget rows to read. */
static PrIdSet *
conn_filter (Conn        *conn,
             PrQuerySql  *sql,
             gint64       version,
             gint64       budget,
             GError     **error)
{
  g_autofree char *key = filter_key (sql);
  g_autofree char *text = NULL;
  g_autoptr(PrIdSet) set = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PrIdSet *made;
  int rc;

  for (guint i = 0; conn->filters != NULL && i < conn->filters->len; i++)
    {
      PrIdSet *filter = g_ptr_array_index (conn->filters, i);

      if (g_str_equal (filter->key, key))
        {
          if (filter->partial && filter->budget * 2 <= budget)
            {
              /* A budget twice as large this time: read it again (not
               * for each word with a few more matches: a read that
               * gives up costs as much as the lookups it would save). */
              g_ptr_array_remove_index (conn->filters, i);
              break;
            }
          /* The most recently used first. */
          g_ptr_array_insert (conn->filters, 0, g_ptr_array_steal_index (conn->filters, i));
          return filter->partial ? NULL : filter;
        }
    }

  /* Unread alone: its keys, rather than a test of each release. */
  /* The set first (?1, as :set), then the filter's values, in order. */
  if (g_str_equal (sql->where, SQL_UNREAD))
    text = g_strdup ("SELECT pr_collect (:set, u.id) FROM unread AS u");
  else
    text = g_strdup_printf ("SELECT pr_collect (:set, r.id) FROM releases AS r WHERE (%s)",
                            sql->where);
  set = set_new (key, version);
  set->budget = budget;
  if (!filter_has_index (conn, text, &set->partial, error))
    return NULL;
  /* The unread keys are counted: not read at all when too many. */
  if (!set->partial && g_str_equal (sql->where, SQL_UNREAD))
    {
      gint64 unread = 0;

      if (!pr_store_read_int (conn, "SELECT unread FROM counts", &unread, error))
        return NULL;
      set->partial = unread > budget;
    }
  else if (!set->partial && !filter_within (conn, sql, budget, &set->partial, error))
    return NULL;
  stmt = set->partial ? NULL : pr_store_conn_prepare (conn, text, error);
  if (!set->partial && stmt == NULL)
    return NULL;
  if (!set->partial)
    {
      sqlite3_bind_pointer (stmt, 1, set, ID_SET_TYPE, NULL);
      for (guint i = 0; i < sql->params->len; i++)
        pr_store_bind_text (stmt, 2 + i, g_ptr_array_index (sql->params, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && !over_budget (set) && !set->unusable)
        {
          pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
          return NULL;
        }
      set->partial = rc != SQLITE_ROW;
    }
  /* Not to be read, or too many rows: remembered as such, without them. */
  if (set->partial)
    {
      set->partial = TRUE;
      g_clear_pointer (&set->bits, g_free);
      set->n_words = 0;
      set->count = 0;
    }

  if (conn->filters == NULL)
    conn->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_id_set_free);
  g_ptr_array_insert (conn->filters, 0, g_steal_pointer (&set));
  if (conn->filters->len > MAX_FILTERS)
    g_ptr_array_remove_index (conn->filters, conn->filters->len - 1);
  made = g_ptr_array_index (conn->filters, 0);
  return made->partial ? NULL : made;
}

/* The releases @sql selects as a set: the words' matches, within the
 * filter's rows when there is a filter. NULL (without an error) when the
 * filter is not worth reading as a set. */
static PrIdSet *
conn_selected (Conn        *conn,
               PrQuerySql  *sql,
               GError     **error)
{
  g_autofree char *key = NULL;
  PrIdSet *matches, *filter, *set;
  gint64 version = 0;

  if (!conn_version (conn, &version, error))
    return NULL;
  matches = conn_listed (conn, sql, version, error);
  if (matches == NULL || matches->unusable)
    return NULL;
  if (g_str_equal (sql->where, "1"))
    return matches;

  key = filter_key (sql);
  if (conn->matched != NULL && g_str_equal (conn->matched->key, key))
    return conn->matched;
  filter = conn_filter (conn, sql, version,
                        MAX (matches->count * FILTER_ROWS_PER_MATCH, FILTER_MIN_ROWS), error);
  if (filter == NULL)
    return NULL;

  set = set_new (key, version);
  set->max_id = MIN (matches->max_id, filter->max_id);
  set->n_words = MIN (matches->n_words, filter->n_words);
  set->bits = g_new (guint64, MAX (set->n_words, 1));
  for (gsize i = 0; i < set->n_words; i++)
    {
      set->bits[i] = matches->bits[i] & filter->bits[i];
      set->count += __builtin_popcountll (set->bits[i]);
    }
  pr_store_id_set_free (conn->matched);
  conn->matched = set;
  return set;
}

static gboolean
matches_count (Conn        *conn,
               PrQuerySql  *sql,
               gint64      *count,
               gboolean    *done,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PrIdSet *set;

  *done = FALSE;
  g_return_val_if_fail (sql->match != NULL, FALSE);

  set = conn_selected (conn, sql, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (set != NULL)
    {
      *count = set->count;
      *done = TRUE;
    }
  return TRUE;
}

/* The index a sort reads its rows in order from. */
const char *
pr_store_sort_index (PrSort sort)
{
  switch (sort)
    {
    case PR_SORT_TITLE:
      return "releases_by_title";
    case PR_SORT_SOURCE:
      return "releases_by_source";
    case PR_SORT_DATE:
    default:
      return "releases_by_date";
    }
}

/* Whether @where reads nothing but the columns of @sort's index: then it
 * is a range of the index (after:, before:, source: sorted by wire) that
 * tells the walk where to start, for nothing. */
static gboolean
where_in_index (const char *where,
                PrSort      sort)
{
  static const char * const date_columns[] = { "date", "id", NULL };
  static const char * const source_columns[] = { "source_norm", "date", "id", NULL };
  static const char * const title_columns[] = { "title", "id", NULL };
  const char * const *columns = sort == PR_SORT_SOURCE ? source_columns
                                : sort == PR_SORT_TITLE ? title_columns : date_columns;

  if (g_str_equal (where, "1") || strstr (where, "SELECT") != NULL)
    return FALSE;
  for (const char *p = where; (p = strstr (p, "r.")) != NULL; p += 2)
    {
      g_autofree char *column = NULL;
      const char *end = p + 2;

      if (p > where && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
        continue;
      while (g_ascii_isalnum (*end) || *end == '_')
        end++;
      column = g_strndup (p + 2, end - (p + 2));
      if (!g_strv_contains (columns, column))
        return FALSE;
    }
  return TRUE;
}

/* The page by walking the sort's index from its start, testing each row
 * against @set and then, when @test_filter (a filter not in the set) or
 * when it is a range of the index (where_in_index()), against the
 * filter. A filter in the set is not tested again, as a test of anything
 * else would read the table's row of each release kept. NULL without an
 * error when the walk went over its budget. */
static GArray *
walk_page (Conn        *conn,
           PrQuerySql  *sql,
           PrIdSet     *set,
           PrSort       sort,
           guint        offset,
           guint        limit,
           gint64       budget,
           gboolean     test_filter,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean filter;
  int rc;

  filter = test_filter || where_in_index (sql->where, sort);
  /* The set is tested first, so that a filter is tested only on its
   * rows: :set is parameter 1, the filter's values (its ?s, in order)
   * are 2 and on. */
  text = g_strdup_printf ("SELECT r.id FROM releases AS r INDEXED BY %s WHERE pr_has (:set, r.id)"
                          " AND (%s) ORDER BY %s LIMIT :limit OFFSET :offset",
                          pr_store_sort_index (sort), filter ? sql->where : "1",
                          pr_store_sql_order (sql, sort));
  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return NULL;
  g_assert (sqlite3_bind_parameter_index (stmt, ":set") == 1);
  sqlite3_bind_pointer (stmt, 1, set, ID_SET_TYPE, NULL);
  for (guint i = 0; filter && i < sql->params->len; i++)
    pr_store_bind_text (stmt, 2 + i, g_ptr_array_index (sql->params, i));
  pr_store_bind_named_int64 (stmt, ":limit", limit);
  pr_store_bind_named_int64 (stmt, ":offset", offset);
  set->visited = 0;
  set->budget = budget;
  ids = pr_store_step_ids (stmt, &rc);
  set->budget = 0;
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&ids);
  if (set->visited <= budget)
    pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
  return NULL;
}

/* The ids in @set as a JSON array, ascending. */
static char *
set_ids_json (PrIdSet *set)
{
  GString *out = g_string_sized_new (set->count * 8 + 2);

  g_string_append_c (out, '[');
  for (gsize w = 0; w < set->n_words; w++)
    for (guint64 bits = set->bits[w]; bits != 0; bits &= bits - 1)
      {
        if (out->len > 1)
          g_string_append_c (out, ',');
        g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                (gint64) (w * 64 + __builtin_ctzll (bits)));
      }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* The page from FTS5's list of the matches, only those in @set looked up
 * and sorted (the test needs nothing of the release). */
static GArray *
lookup_page (Conn        *conn,
             PrQuerySql  *sql,
             PrIdSet     *set,
             PrSort       sort,
             guint        offset,
             guint        limit,
             GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *listed = NULL;
  int rc;

  /* A grouped list's originals found by a copy are not FTS5's matches:
   * the set's own ids, looked up. */
  if (sql->grouped)
    {
      listed = set_ids_json (set);
      text = g_strdup_printf ("SELECT r.id FROM json_each (:ids) AS j CROSS JOIN releases AS r"
                              " INDEXED BY releases_by_id ON r.id = j.value"
                              " ORDER BY %s LIMIT :limit OFFSET :offset",
                              pr_store_sql_order (sql, sort));
    }
  else
    text = g_strdup_printf ("SELECT r.id FROM release_fts CROSS JOIN releases AS r"
                            " INDEXED BY releases_by_id ON r.id = release_fts.rowid"
                            " WHERE release_fts MATCH :match AND pr_has (:set, release_fts.rowid)"
                            " ORDER BY %s LIMIT :limit OFFSET :offset",
                            pr_store_sql_order (sql, sort));
  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return NULL;
  if (listed != NULL)
    pr_store_bind_named_text (stmt, ":ids", listed);
  else
    {
      sqlite3_bind_pointer (stmt, sqlite3_bind_parameter_index (stmt, ":set"), set, ID_SET_TYPE,
                            NULL);
      pr_store_bind_named_text (stmt, ":match", sql->match);
    }
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

static GArray *
matches_select_ids (Conn        *conn,
                    PrQuerySql  *sql,
                    PrSort       sort,
                    guint        offset,
                    guint        limit,
                    gboolean    *done,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GArray *ids;
  PrIdSet *set;
  double walk, lookups;

  *done = FALSE;
  g_return_val_if_fail (sql->match != NULL && sort != PR_SORT_RELEVANCE, NULL);

  set = conn_selected (conn, sql, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (set == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  *done = TRUE;
  if (set->count <= offset)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The rows a walk would test if the set were spread evenly through the
   * sort's order, against the rows to look up. A walk that meets the set
   * later than that (a date range; a wire sorted last) stops at twice
   * its share and the rows are looked up after all. */
  walk = (double) MIN ((gint64) offset + limit, set->count) * (set->max_id + 1) / set->count;
  lookups = (double) set->count * WALK_ROWS_PER_LOOKUP;
  if (walk <= lookups)
    {
      ids = walk_page (conn, sql, set, sort, offset, limit, (gint64) (2 * walk) + 1024, FALSE,
                       &local_error);
      if (ids != NULL || local_error != NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return ids;
        }
    }
  return lookup_page (conn, sql, set, sort, offset, limit, error);
}

/* The sets and the statement that uses them read one state of the
 * library: a connection outside a transaction (the background reader)
 * reads them in one of its own. */
static gboolean
read_begin (Conn     *conn,
            gboolean *began,
            GError  **error)
{
  *began = sqlite3_get_autocommit (conn->db) != 0;
  return !*began || pr_store_conn_exec (conn, "BEGIN", error);
}

static void
read_end (Conn     *conn,
          gboolean  began)
{
  if (began)
    pr_store_conn_exec (conn, "COMMIT", NULL);
}

gboolean
pr_store_matches_count (Conn        *conn,
                        PrQuerySql  *sql,
                        gint64      *count,
                        gboolean    *done,
                        GError     **error)
{
  gboolean began, ok;

  *done = FALSE;
  if (!read_begin (conn, &began, error))
    return FALSE;
  ok = matches_count (conn, sql, count, done, error);
  read_end (conn, began);
  return ok;
}

GArray *
pr_store_matches_select_ids (Conn        *conn,
                             PrQuerySql  *sql,
                             PrSort       sort,
                             guint        offset,
                             guint        limit,
                             gboolean    *done,
                             GError     **error)
{
  GArray *ids;
  gboolean began;

  *done = FALSE;
  if (!read_begin (conn, &began, error))
    return NULL;
  ids = matches_select_ids (conn, sql, sort, offset, limit, done, error);
  read_end (conn, began);
  return ids;
}

/* ---- a new query's first rows, before its count --------------------- */

/* The first rows of words FTS5 lists quickly (a phrase, a column's
 * words: person:"…") with a filter too large to read as a set (is:unread
 * when most releases are unread): the sort's index walked, each row tested
 * against the words' matches and only then against the filter. Counting
 * and paging the usual way test the filter on every match (5,278 of
 * person:"…" looked up in releases_by_id and unread: 90-160 ms at a
 * million). Not done (an empty array) when the matches are too sparse in
 * the sort's order for a walk, or the walk goes over its budget. */
GArray *
pr_store_matches_walk_first (Conn        *conn,
                             PrQuerySql  *sql,
                             PrSort       sort,
                             guint        limit,
                             gboolean    *done,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) ids = NULL;
  PrIdSet *matches;
  gint64 version = 0;
  double walk;

  /* Words alone: their matches are listed as quickly as walked. */
  if (g_str_equal (sql->where, "1"))
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!conn_version (conn, &version, error))
    return NULL;
  matches = conn_listed (conn, sql, version, error);
  if (matches == NULL)
    return NULL;
  if (matches->unusable || matches->count == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  /* As matches_select_ids() decides between a walk and lookups. */
  walk = (double) MIN ((gint64) limit, matches->count) * (matches->max_id + 1) / matches->count;
  if (walk > (double) matches->count * WALK_ROWS_PER_LOOKUP)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The filter may keep few of the matches: a walk of twice its share,
   * and then some, before the usual way is taken. */
  ids = walk_page (conn, sql, matches, sort, 0, limit, (gint64) (4 * walk) + 4096, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *done = ids != NULL;
  g_debug ("First rows of %s by a walk of %" G_GINT64_FORMAT " rows: %s", sql->match,
           matches->visited, *done ? "found" : "over budget");
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return g_steal_pointer (&ids);
}
