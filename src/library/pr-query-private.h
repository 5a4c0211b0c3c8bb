/* pr-query-private.h: a query compiled to SQL, for the store; the query's
 * tree, between its parser and its compiler */
#pragma once

#include "pr-query.h"
#include "pr-snippet.h"
#include "pr-text.h"

G_BEGIN_DECLS

/* The query as SQL over "releases AS r". When @match is not NULL the
 * statement must read "FROM release_fts JOIN releases AS r ON r.id =
 * release_fts.rowid WHERE release_fts MATCH ?" with @match bound first;
 * then @where (never NULL, "1" when there is no condition) with @params
 * (strings) bound in order. Every value is bound: nothing from the query
 * text is ever spliced into SQL. */
/* Whether the release r is unread (schema 7: its key is in unread). */
#define SQL_UNREAD "EXISTS (SELECT 1 FROM unread WHERE unread.date = r.date AND unread.id = r.id)"

/* @unread_first: the list of unread releases without words, read from
 * "unread AS u" (the keys in the list's order) joined to "releases AS r";
 * @where is then the rest of the conditions (pr_store_sql_from()). */
typedef struct _PrQuerySql {
  char *match;
  char *where;
  GPtrArray *params;        /* char* */
  gboolean uses_state;      /* refers to read or bookmarked */
  gboolean has_terms;       /* words to rank and snip */
  gboolean unread_first;
  /* One row per group of copies (schema 10): the copies (table copies)
   * are left out, and a copy's match is its original's. With words, the
   * store's sets map the matches (pr-store-matches.c); every statement
   * built from SQL alone reads @flat instead: the same rows, the words
   * as a condition on r (pr_query_sql_plain()). */
  gboolean grouped;
  struct _PrQuerySql *flat;
  /* @where starts with the words' originals, r.id IN (…): @flat's. */
  gboolean ids_in_where;
} PrQuerySql;

/* Makes @sql show one row per group. */
void        pr_query_sql_set_grouped (PrQuerySql *sql);
/* @sql, or for a grouped query with words the same rows without them:
 * what SQL statements are built from. */
PrQuerySql *pr_query_sql_plain      (PrQuerySql  *sql);

PrQuerySql *pr_query_compile     (PrQuery     *query,
                                  PrFilter     filter);
void        pr_query_sql_free    (PrQuerySql  *sql);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrQuerySql, pr_query_sql_free)

/* ---- the tree: the parser's output, the compiler's input ------------- */

typedef enum {
  NODE_TERM,   /* an FTS5 expression: text */
  NODE_CJK,    /* a substring for the trigram index: text */
  NODE_SQL,    /* an SQL condition: text, params */
  NODE_AND,
  NODE_OR,
  NODE_NOT,
} NodeKind;

typedef struct _Node Node;
struct _Node {
  NodeKind kind;
  char *text;
  char *term;             /* TERM, CJK: the words, for highlighting; a
                           * prefix ends in '*' */
  GPtrArray *params;      /* SQL: char* */
  gboolean uses_state;    /* SQL */
  GPtrArray *children;    /* AND, OR, NOT: Node */
};

/* ---- the parser (pr-query-parse.c) ----------------------------------- */

void        pr_query_parse_free_node       (Node        *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, pr_query_parse_free_node)

/* The tree of @text, NULL when it matches every release; the messages
 * for the user go to @warnings (char*). Sets @fell_back when @text was
 * malformed and its plain words were read instead. */
Node       *pr_query_parse_text            (const char  *text,
                                            GPtrArray   *warnings,
                                            gboolean    *fell_back);

/* ---- compiling (pr-query-sql.c) -------------------------------------- */

void        pr_query_sql_append_fts_string (GString     *out,
                                            const char  *text);
/* Whether @node is words only (NOT words under AND too): one FTS5 MATCH. */
gboolean    pr_query_sql_node_is_fts       (Node        *node);
/* @node, which is words only, as an FTS5 expression. */
void        pr_query_sql_append_fts        (GString     *out,
                                            Node        *node);
/* @node as an SQL condition, its values added to @params. */
void        pr_query_sql_append            (GString     *out,
                                            GPtrArray   *params,
                                            gboolean    *uses_state,
                                            Node        *node);
/* The words of @node outside NOT, for highlighting, added to @terms (a
 * prefix ending in '*'). */
void        pr_query_sql_collect_terms     (Node        *node,
                                            gboolean     negated,
                                            GPtrArray   *terms,
                                            gboolean    *has_cjk);

/* ---- for the store ---------------------------------------------------- */

/* The words and phrases searched for outside NOT, a prefix ending in '*':
 * the terms pr_snippet_find() takes. */
const char * const *pr_query_get_snippet_terms (PrQuery     *query);

G_END_DECLS
