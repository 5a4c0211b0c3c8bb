/* pr-query-sql.c: the tree of a query compiled to FTS5 and SQL */
#include "pr-query-private.h"

/* ---- compiling ------------------------------------------------------- */

/* A string as an FTS5 quoted string: "..." with '"' doubled. */
void
pr_query_sql_append_fts_string (GString    *out,
                                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

gboolean
pr_query_sql_node_is_fts (Node *node)
{
  gboolean positive = FALSE;

  switch (node->kind)
    {
    case NODE_TERM:
      return TRUE;
    case NODE_CJK:
    case NODE_SQL:
    case NODE_NOT:
      return FALSE;
    case NODE_AND:
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind == NODE_NOT)
            {
              if (!pr_query_sql_node_is_fts (g_ptr_array_index (child->children, 0)))
                return FALSE;
            }
          else if (pr_query_sql_node_is_fts (child))
            positive = TRUE;
          else
            return FALSE;
        }
      return positive;
    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        if (!pr_query_sql_node_is_fts (g_ptr_array_index (node->children, i)))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

void
pr_query_sql_append_fts (GString *out,
                         Node    *node)
{
  gboolean first = TRUE;

  switch (node->kind)
    {
    case NODE_TERM:
      g_string_append (out, node->text);
      break;
    case NODE_OR:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, " OR ");
          pr_query_sql_append_fts (out, g_ptr_array_index (node->children, i));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_AND:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind == NODE_NOT)
            continue;
          if (!first)
            g_string_append (out, " AND ");
          pr_query_sql_append_fts (out, child);
          first = FALSE;
        }
      for (guint i = 0; i < node->children->len; i++)
        {
          Node *child = g_ptr_array_index (node->children, i);

          if (child->kind != NODE_NOT)
            continue;
          g_string_append (out, " NOT ");
          pr_query_sql_append_fts (out, g_ptr_array_index (child->children, 0));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_CJK:
    case NODE_SQL:
    case NODE_NOT:
    default:
      g_assert_not_reached ();
    }
}

static char *
node_fts (Node *node)
{
  GString *out = g_string_new (NULL);

  pr_query_sql_append_fts (out, node);
  return g_string_free (out, FALSE);
}

void
pr_query_sql_append (GString   *out,
                     GPtrArray *params,
                     gboolean  *uses_state,
                     Node      *node)
{
  if (pr_query_sql_node_is_fts (node))
    {
      g_string_append (out, "r.id IN (SELECT rowid FROM release_fts WHERE release_fts MATCH ?)");
      g_ptr_array_add (params, node_fts (node));
      return;
    }

  switch (node->kind)
    {
    case NODE_CJK:
      if (g_utf8_strlen (node->text, -1) >= 3)
        {
          GString *phrase = g_string_new (NULL);

          pr_query_sql_append_fts_string (phrase, node->text);
          g_string_append (out, "r.id IN (SELECT rowid FROM release_cjk WHERE release_cjk MATCH ?)");
          g_ptr_array_add (params, g_string_free (phrase, FALSE));
        }
      else
        {
          g_string_append (out, "r.id IN (SELECT rowid FROM release_cjk WHERE text LIKE ? ESCAPE '\\')");
          g_ptr_array_add (params, like_pattern (node->text));
        }
      break;
    case NODE_SQL:
      g_string_append (out, node->text);
      for (guint i = 0; i < node->params->len; i++)
        g_ptr_array_add (params, g_strdup (g_ptr_array_index (node->params, i)));
      *uses_state |= node->uses_state;
      break;
    case NODE_NOT:
      g_string_append (out, "NOT ");
      pr_query_sql_append (out, params, uses_state, g_ptr_array_index (node->children, 0));
      break;
    case NODE_AND:
    case NODE_OR:
      g_string_append_c (out, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, node->kind == NODE_AND ? " AND " : " OR ");
          pr_query_sql_append (out, params, uses_state, g_ptr_array_index (node->children, i));
        }
      g_string_append_c (out, ')');
      break;
    case NODE_TERM:
    default:
      g_assert_not_reached ();
    }
}

void
pr_query_sql_collect_terms (Node      *node,
                            gboolean   negated,
                            GPtrArray *terms,
                            gboolean  *has_cjk)
{
  if (node == NULL)
    return;

  switch (node->kind)
    {
    case NODE_TERM:
    case NODE_CJK:
      if (!negated && !g_ptr_array_find_with_equal_func (terms, node->term, g_str_equal, NULL))
        g_ptr_array_add (terms, g_strdup (node->term));
      if (!negated && node->kind == NODE_CJK)
        *has_cjk = TRUE;
      break;
    case NODE_NOT:
      pr_query_sql_collect_terms (g_ptr_array_index (node->children, 0), !negated, terms, has_cjk);
      break;
    case NODE_AND:
    case NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        pr_query_sql_collect_terms (g_ptr_array_index (node->children, i), negated, terms, has_cjk);
      break;
    case NODE_SQL:
    default:
      break;
    }
}

void
pr_query_sql_set_grouped (PrQuerySql *sql)
{
  PrQuerySql *flat;

  g_return_if_fail (sql->flat == NULL);

  sql->grouped = TRUE;
  if (sql->match == NULL)
    return;
  /* The matches' originals, then the copies left out (by the store's
   * WHERE, pr_store_sql_where()). */
  flat = g_new0 (PrQuerySql, 1);
  flat->grouped = TRUE;
  flat->ids_in_where = TRUE;
  flat->uses_state = sql->uses_state;
  flat->has_terms = sql->has_terms;
  flat->where = g_strdup_printf ("r.id IN (SELECT coalesce (c.original, release_fts.rowid)"
                                     " FROM release_fts LEFT JOIN copies AS c"
                                     " ON c.id = release_fts.rowid WHERE release_fts MATCH ?)"
                                     " AND (%s)", sql->where);
  flat->params = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (flat->params, g_strdup (sql->match));
  for (guint i = 0; i < sql->params->len; i++)
    g_ptr_array_add (flat->params, g_strdup (g_ptr_array_index (sql->params, i)));
  sql->flat = flat;
}

PrQuerySql *
pr_query_sql_plain (PrQuerySql *sql)
{
  return sql->flat != NULL ? sql->flat : sql;
}

void
pr_query_sql_free (PrQuerySql *sql)
{
  if (sql == NULL)
    return;
  pr_query_sql_free (sql->flat);
  g_free (sql->match);
  g_free (sql->where);
  g_ptr_array_unref (sql->params);
  g_free (sql);
}
