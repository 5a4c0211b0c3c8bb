/* pr-query-private.h: a query compiled to SQL, for the store */
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
typedef struct {
  char *match;
  char *where;
  GPtrArray *params;        /* char* */
  gboolean uses_state;      /* refers to read or bookmarked */
  gboolean has_terms;       /* words to rank and snip */
} PrQuerySql;

PrQuerySql *pr_query_compile     (PrQuery     *query,
                                  PrFilter     filter);
void        pr_query_sql_free    (PrQuerySql  *sql);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrQuerySql, pr_query_sql_free)

G_END_DECLS
