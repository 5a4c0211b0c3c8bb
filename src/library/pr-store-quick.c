/* pr-store-quick.c: the first rows of a common prefix, before its count
 *
 * A prefix common to most releases ("comp*": company, complete, …) has
 * FTS5 (3.40, without a prefix index) merge the lists of all its words
 * before it gives the first match, whatever the query asks for: 0.8 s at
 * a million releases. The first rows of such a query are found instead
 * by walking the sort's index and testing each row's text with FTS5's own
 * tokenizer, as FTS5 would match it; the count comes after, as usual. */
#include <sqlite3.h>
#include <string.h>

#include "pr-query-private.h"
#include "pr-store-private.h"

#define QUICK_TYPE "pr-quick-terms"
#define QUICK_MAX_TERMS 8
/* Rows tested for each row of the page before the walk gives up: a
 * test tokenizes a release (10-50 µs); a prefix that rare is one FTS5
 * lists quickly anyway. */
#define QUICK_ROWS_PER_ROW 16

typedef struct {
  fts5_tokenizer api;
  Fts5Tokenizer *tokenizer;
  guint n_terms;
  char *terms[QUICK_MAX_TERMS];
  int lengths[QUICK_MAX_TERMS];
  gboolean prefix[QUICK_MAX_TERMS];
  guint found;          /* bits: the terms found in the row so far */
  gint64 visited;
  gint64 budget;
  /* A term being tokenized: its tokens and the first of them. */
  guint n_tokens;
  char *token;
  int token_length;
} Quick;

static void
quick_clear (Quick *q)
{
  if (q->tokenizer != NULL)
    q->api.xDelete (q->tokenizer);
  for (guint i = 0; i < q->n_terms; i++)
    g_free (q->terms[i]);
  g_free (q->token);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Quick, quick_clear)

static int
quick_term_token (void       *data,
                  int         flags,
                  const char *token,
                  int         length,
                  int         start,
                  int         end)
{
  Quick *q = data;

  if ((flags & FTS5_TOKEN_COLOCATED) != 0)
    return SQLITE_OK;
  if (q->n_tokens++ == 0)
    {
      q->token = g_strndup (token, length);
      q->token_length = length;
    }
  return SQLITE_OK;
}

static guint
quick_all (Quick *q)
{
  return (1u << q->n_terms) - 1;
}

static int
quick_row_token (void       *data,
                 int         flags,
                 const char *token,
                 int         length,
                 int         start,
                 int         end)
{
  Quick *q = data;

  for (guint i = 0; i < q->n_terms; i++)
    if ((q->found & (1u << i)) == 0
        && (q->prefix[i] ? length >= q->lengths[i] : length == q->lengths[i])
        && memcmp (token, q->terms[i], q->lengths[i]) == 0)
      q->found |= 1u << i;
  /* All found: the rest of the text is not read. */
  return q->found == quick_all (q) ? SQLITE_DONE : SQLITE_OK;
}

/* Adds the quoted FTS5 string @text (a prefix when @prefix) as a term:
 * FALSE when it is not one token (a phrase). */
static gboolean
quick_add_term (Quick      *q,
                const char *text,
                gboolean    prefix)
{
  int flags = FTS5_TOKENIZE_QUERY | (prefix ? FTS5_TOKENIZE_PREFIX : 0);
  int rc;

  if (q->n_terms >= QUICK_MAX_TERMS)
    return FALSE;
  q->n_tokens = 0;
  g_clear_pointer (&q->token, g_free);
  rc = q->api.xTokenize (q->tokenizer, q, flags, text, (int) strlen (text), quick_term_token);
  if (rc != SQLITE_OK || q->n_tokens != 1)
    return FALSE;
  q->terms[q->n_terms] = g_steal_pointer (&q->token);
  q->lengths[q->n_terms] = q->token_length;
  q->prefix[q->n_terms] = prefix;
  q->n_terms++;
  return TRUE;
}

/* Reads @match as pr-query-sql.c writes words: "a" AND "b" * …, in
 * parentheses when more than one. FALSE for anything else (columns, OR,
 * NOT, phrases) and for words without a prefix (FTS5 lists those fast). */
static gboolean
quick_parse (Quick      *q,
             const char *match)
{
  g_autofree char *copy = g_strdup (match);
  gsize length = strlen (copy);
  char *p = copy;
  gboolean any_prefix = FALSE;

  if (length >= 2 && copy[0] == '(' && copy[length - 1] == ')')
    {
      copy[length - 1] = '\0';
      p++;
    }
  for (;;)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean prefix;

      if (*p != '"')
        return FALSE;
      for (p++;; p++)
        {
          if (*p == '\0')
            return FALSE;
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            break;
          g_string_append_c (text, *p);
        }
      p++;
      prefix = g_str_has_prefix (p, " *");
      if (prefix)
        p += 2;
      if (!quick_add_term (q, text->str, prefix))
        return FALSE;
      any_prefix |= prefix;
      if (*p == '\0')
        return any_prefix;
      if (!g_str_has_prefix (p, " AND "))
        return FALSE;
      p += 5;
    }
}

/* pr_quick_has (terms, text, …): whether the texts hold every term. */
void
pr_store_quick_has_func (sqlite3_context  *context,
                         int               argc,
                         sqlite3_value   **argv)
{
  Quick *q = sqlite3_value_pointer (argv[0], QUICK_TYPE);

  if (q == NULL)
    {
      sqlite3_result_error (context, "no terms bound", -1);
      return;
    }
  if (++q->visited > q->budget)
    {
      sqlite3_result_error (context, "over budget", -1);
      return;
    }
  q->found = 0;
  for (int i = 1; i < argc && q->found != quick_all (q); i++)
    {
      const char *text = (const char *) sqlite3_value_text (argv[i]);
      int rc;

      if (text == NULL)
        continue;
      rc = q->api.xTokenize (q->tokenizer, q, FTS5_TOKENIZE_DOCUMENT, text,
                             sqlite3_value_bytes (argv[i]), quick_row_token);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }
  sqlite3_result_int (context, q->found == quick_all (q));
}

/* The tokenizer of release_fts (unicode61 remove_diacritics 2). */
static gboolean
quick_tokenizer (Conn   *conn,
                 Quick  *q)
{
  static const char *args[] = { "remove_diacritics", "2" };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = pr_store_conn_stmt (conn, "SELECT fts5 (?1)", NULL);
  void *user_data = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  pr_store_stmt_done (stmt);
  return api != NULL && api->iVersion >= 2
         && api->xFindTokenizer (api, "unicode61", &user_data, &q->api) == SQLITE_OK
         && q->api.xCreate (user_data, args, G_N_ELEMENTS (args), &q->tokenizer) == SQLITE_OK;
}

GArray *
pr_store_matches_quick_page (Conn        *conn,
                             PrQuerySql  *sql,
                             PrSort       sort,
                             guint        limit,
                             gboolean    *done,
                             GError     **error)
{
  /* Declared first, cleared last: after the statement bound to it. */
  g_auto(Quick) q = { 0 };
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  *done = FALSE;
  if (sql->match == NULL || sort == PR_SORT_RELEVANCE || limit == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!quick_tokenizer (conn, &q) || !quick_parse (&q, sql->match))
    return pr_store_matches_walk_first (conn, sql, sort, limit, done, error);
  /* The filter's values are its ?s, in order; the rest are named. */
  /* A grouped list: no copy, and an original matched by one of its
   * copies too. */
  text = g_strdup_printf ("SELECT r.id FROM releases AS r INDEXED BY %s"
                          " CROSS JOIN release_text AS t ON t.id = r.id WHERE (%s)"
                          " AND (pr_quick_has (:terms, r.title, r.subtitle, t.body,"
                          " t.organizations, t.people, r.dateline, r.source)%s)"
                          " ORDER BY %s LIMIT :limit",
                          pr_store_sort_index (sort), sql->where,
                          sql->grouped
                          ? " AND r.id NOT IN (SELECT id FROM copies) OR r.id IN (SELECT original FROM copies)"
                            " AND r.id NOT IN (SELECT id FROM copies) AND EXISTS (SELECT 1 FROM copies AS c"
                            " CROSS JOIN releases AS cr ON cr.id = c.id CROSS JOIN release_text"
                            " AS ct ON ct.id = c.id WHERE c.original = r.id AND pr_quick_has"
                            " (:terms, cr.title, cr.subtitle, ct.body, ct.organizations,"
                            " ct.people, cr.dateline, cr.source))"
                          : "",
                          pr_store_sql_order (sql, sort));
  stmt = pr_store_conn_prepare (conn, text, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_pointer (stmt, sqlite3_bind_parameter_index (stmt, ":terms"), &q, QUICK_TYPE, NULL);
  for (guint i = 0; i < sql->params->len; i++)
    pr_store_bind_text (stmt, 1 + i, g_ptr_array_index (sql->params, i));
  pr_store_bind_named_int64 (stmt, ":limit", limit);
  q.budget = (gint64) limit * QUICK_ROWS_PER_ROW;
  ids = pr_store_step_ids (stmt, &rc);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE && q.visited <= q.budget)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not search the library");
      return NULL;
    }
  *done = rc == SQLITE_DONE;
  if (!*done)
    g_array_set_size (ids, 0);
  return g_steal_pointer (&ids);
}
