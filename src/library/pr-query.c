/* pr-query.c: the library's search language, compiled to FTS5 and SQL
 *
 * The text is split into tokens, parsed into a tree (OR below AND below
 * NOT, parentheses, implicit AND) and compiled: the words under the
 * top-level AND become one FTS5 MATCH expression built only from quoted
 * strings, the rest becomes an SQL condition with bound parameters. The
 * parser is in pr-query-parse.c, the compiler in pr-query-sql.c; this is
 * the object. */
#include <string.h>

#include "pr-query.h"
#include "pr-query-private.h"
#include "pr-util.h"

G_DEFINE_ENUM_TYPE (PrSort, pr_sort,
  G_DEFINE_ENUM_VALUE (PR_SORT_DATE, "date"),
  G_DEFINE_ENUM_VALUE (PR_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (PR_SORT_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PR_SORT_RELEVANCE, "relevance"))

G_DEFINE_ENUM_TYPE (PrFilter, pr_filter,
  G_DEFINE_ENUM_VALUE (PR_FILTER_ALL, "all"),
  G_DEFINE_ENUM_VALUE (PR_FILTER_UNREAD, "unread"),
  G_DEFINE_ENUM_VALUE (PR_FILTER_BOOKMARKED, "bookmarked"))

/* ---- the object ------------------------------------------------------ */

struct _PrQuery
{
  GObject parent_instance;

  char *text;
  char **warnings;
  char **terms;
  char **snippet_terms;
  gboolean fell_back;
  gboolean has_cjk;

  /* Compiled for PR_FILTER_ALL. */
  char *match;
  char *where;
  GPtrArray *params;
  gboolean uses_state;
};

G_DEFINE_FINAL_TYPE (PrQuery, pr_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pr_query_finalize (GObject *object)
{
  PrQuery *self = PR_QUERY (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->snippet_terms, g_strfreev);
  g_clear_pointer (&self->match, g_free);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->params, g_ptr_array_unref);

  G_OBJECT_CLASS (pr_query_parent_class)->finalize (object);
}

static void
pr_query_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PrQuery *self = PR_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_query_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PrQuery *self = PR_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_query_constructed (GObject *object)
{
  PrQuery *self = PR_QUERY (object);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GPtrArray) positive = g_ptr_array_new ();
  g_autoptr(GPtrArray) negative = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(Node) root = NULL;
  GString *where;

  G_OBJECT_CLASS (pr_query_parent_class)->constructed (object);

  if (self->text == NULL)
    self->text = g_strdup ("");

  root = pr_query_parse_text (self->text, warnings, &self->fell_back);
  pr_query_sql_collect_terms (root, FALSE, terms, &self->has_cjk);

  /* The top-level conjuncts that are words go into one MATCH. */
  if (root != NULL)
    {
      if (root->kind == NODE_AND)
        for (guint i = 0; i < root->children->len; i++)
          {
            Node *child = g_ptr_array_index (root->children, i);

            if (pr_query_sql_node_is_fts (child))
              g_ptr_array_add (positive, child);
            else if (child->kind == NODE_NOT
                     && pr_query_sql_node_is_fts (g_ptr_array_index (child->children, 0)))
              g_ptr_array_add (negative, child);
            else
              g_ptr_array_add (rest, child);
          }
      else if (pr_query_sql_node_is_fts (root))
        g_ptr_array_add (positive, root);
      else
        g_ptr_array_add (rest, root);
    }

  if (positive->len > 0)
    {
      GString *match = g_string_new (NULL);

      for (guint i = 0; i < positive->len; i++)
        {
          if (i > 0)
            g_string_append (match, " AND ");
          pr_query_sql_append_fts (match, g_ptr_array_index (positive, i));
        }
      if (positive->len > 1 && negative->len > 0)
        {
          g_string_prepend_c (match, '(');
          g_string_append_c (match, ')');
        }
      for (guint i = 0; i < negative->len; i++)
        {
          Node *child = g_ptr_array_index (negative, i);

          g_string_append (match, " NOT ");
          pr_query_sql_append_fts (match, g_ptr_array_index (child->children, 0));
        }
      self->match = g_string_free (match, FALSE);
    }
  else
    g_ptr_array_extend (rest, negative, NULL, NULL);

  self->params = g_ptr_array_new_with_free_func (g_free);
  where = g_string_new (NULL);
  for (guint i = 0; i < rest->len; i++)
    {
      if (i > 0)
        g_string_append (where, " AND ");
      pr_query_sql_append (where, self->params, &self->uses_state, g_ptr_array_index (rest, i));
    }
  if (where->len == 0)
    g_string_append (where, "1");
  self->where = g_string_free (where, FALSE);

  g_ptr_array_add (warnings, NULL);
  self->warnings = (char **) g_ptr_array_steal (warnings, NULL);
  /* For highlighting, a prefix without its '*'. */
  bare = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);
      g_autofree char *stripped = g_str_has_suffix (term, "*")
        ? g_strndup (term, strlen (term) - 1) : g_strdup (term);

      if (!g_ptr_array_find_with_equal_func (bare, stripped, g_str_equal, NULL))
        g_ptr_array_add (bare, g_steal_pointer (&stripped));
    }
  g_ptr_array_add (bare, NULL);
  self->terms = (char **) g_ptr_array_steal (bare, NULL);
  g_ptr_array_add (terms, NULL);
  self->snippet_terms = (char **) g_ptr_array_steal (terms, NULL);
}

static void
pr_query_class_init (PrQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pr_query_constructed;
  object_class->finalize = pr_query_finalize;
  object_class->get_property = pr_query_get_property;
  object_class->set_property = pr_query_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_query_init (PrQuery *self)
{
}

PrQuery *
pr_query_new (const char *text)
{
  return g_object_new (PR_TYPE_QUERY, "text", text, NULL);
}

const char *
pr_query_get_text (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return self->text;
}

gboolean
pr_query_is_empty (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), TRUE);
  return self->match == NULL && g_str_equal (self->where, "1");
}

gboolean
pr_query_has_terms (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), FALSE);
  return self->match != NULL || self->has_cjk;
}

gboolean
pr_query_get_fell_back (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), FALSE);
  return self->fell_back;
}

const char * const *
pr_query_get_warnings (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return (const char * const *) self->warnings;
}

const char * const *
pr_query_get_terms (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return (const char * const *) self->terms;
}

const char * const *
pr_query_get_snippet_terms (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return (const char * const *) self->snippet_terms;
}

const char *
pr_query_get_match (PrQuery *self)
{
  g_return_val_if_fail (PR_IS_QUERY (self), NULL);
  return self->match;
}

PrQuerySql *
pr_query_compile (PrQuery  *query,
                  PrFilter  filter)
{
  PrQuerySql *sql = g_new0 (PrQuerySql, 1);
  const char *extra = NULL;

  sql->match = g_strdup (query != NULL ? query->match : NULL);
  sql->params = g_ptr_array_new_with_free_func (g_free);
  if (query != NULL)
    for (guint i = 0; i < query->params->len; i++)
      g_ptr_array_add (sql->params, g_strdup (g_ptr_array_index (query->params, i)));
  sql->uses_state = query != NULL && query->uses_state;
  sql->has_terms = query != NULL && pr_query_has_terms (query);

  /* Without words the unread keys drive (in the list's order); with
   * them, the matches, each then looked up in unread. */
  if (filter == PR_FILTER_UNREAD && sql->match == NULL)
    {
      sql->uses_state = sql->unread_first = TRUE;
      sql->where = g_strdup (query != NULL ? query->where : "1");
      return sql;
    }
  if (filter == PR_FILTER_UNREAD)
    extra = SQL_UNREAD;
  else if (filter == PR_FILTER_BOOKMARKED)
    extra = "r.bookmarked = 1";

  if (extra != NULL)
    {
      sql->uses_state = TRUE;
      if (query == NULL || g_str_equal (query->where, "1"))
        sql->where = g_strdup (extra);
      else
        sql->where = g_strdup_printf ("%s AND %s", extra, query->where);
      /* The filter's condition has no parameters, so the order holds. */
    }
  else
    sql->where = g_strdup (query != NULL ? query->where : "1");

  return sql;
}

/* ---- helpers --------------------------------------------------------- */

char *
pr_normalize_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (out, g_ascii_tolower (*p));
        }
      else if (g_unichar_isalnum (c) && !g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}
