/* pr-html-select.c: a tiny selector language and the site profiles
 *
 * Selectors: tag, .class, #id, [attr=value] and compounds of them
 * (div.story#main[role=main]), joined by white space for "descendant of"
 * ("section.release-body p"). Nothing more: no child or sibling
 * combinators, no pseudo-classes. Site profiles (data/site-profiles.json,
 * docs/parser.md) name a wire's body container and dateline parts in it.
 */
#include <gio/gio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "pr-core-resources.h"
#include "pr-html-private.h"

#define PROFILES_RESOURCE "/org/example/PressReader/core/site-profiles.json"

/* ---- Selectors ---------------------------------------------------------- */

typedef struct {
  char      *tag;       /* NULL: any */
  char      *id;
  GPtrArray *classes;   /* char* */
  GPtrArray *attrs;     /* char*: name, value, name, value, … */
} Compound;

struct _PrHtmlSelector {
  GPtrArray *compounds; /* Compound*, outermost first */
};

static void
compound_free (Compound *compound)
{
  g_free (compound->tag);
  g_free (compound->id);
  g_ptr_array_unref (compound->classes);
  g_ptr_array_unref (compound->attrs);
  g_free (compound);
}

void
pr_html_selector_free (PrHtmlSelector *selector)
{
  if (selector == NULL)
    return;
  g_ptr_array_unref (selector->compounds);
  g_free (selector);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* A tag, class or id name; an attribute's may have a colon (xml:lang). */
static char *
read_name (const char **p,
           gboolean     attribute)
{
  const char *start = *p;

  while (is_name_char (**p) || (attribute && **p == ':'))
    (*p)++;
  return *p > start ? g_strndup (start, *p - start) : NULL;
}

/* "[name=value]", "[name='va lue']": *p is past the '['. */
static gboolean
read_attr (const char **p,
           Compound    *compound)
{
  char *name = read_name (p, TRUE);
  const char *start;
  char quote = 0;

  if (name == NULL || **p != '=')
    {
      g_free (name);
      return FALSE;
    }
  (*p)++;
  if (**p == '"' || **p == '\'')
    quote = *(*p)++;
  start = *p;
  while (**p != '\0' && (quote ? **p != quote : **p != ']'))
    (*p)++;
  if (**p == '\0')
    {
      g_free (name);
      return FALSE;
    }
  g_ptr_array_add (compound->attrs, g_ascii_strdown (name, -1));
  g_ptr_array_add (compound->attrs, g_strndup (start, *p - start));
  g_free (name);
  if (quote)
    (*p)++;
  if (**p != ']')
    return FALSE;
  (*p)++;
  return TRUE;
}

static Compound *
read_compound (const char **p)
{
  Compound *compound = g_new0 (Compound, 1);
  gboolean any = FALSE;

  compound->classes = g_ptr_array_new_with_free_func (g_free);
  compound->attrs = g_ptr_array_new_with_free_func (g_free);
  if (is_name_char (**p))
    {
      char *tag = read_name (p, FALSE);

      compound->tag = g_ascii_strdown (tag, -1);
      g_free (tag);
      any = TRUE;
    }
  while (**p == '.' || **p == '#' || **p == '[')
    {
      char kind = *(*p)++;
      char *name;

      if (kind == '[')
        {
          if (!read_attr (p, compound))
            goto fail;
        }
      else if ((name = read_name (p, FALSE)) == NULL)
        goto fail;
      else if (kind == '.')
        g_ptr_array_add (compound->classes, name);
      else if (compound->id == NULL)
        compound->id = name;
      else
        {
          g_free (name);
          goto fail;
        }
      any = TRUE;
    }
  if (any && (**p == '\0' || g_ascii_isspace (**p)))
    return compound;
fail:
  compound_free (compound);
  return NULL;
}

PrHtmlSelector *
pr_html_selector_parse (const char *text)
{
  g_autoptr(PrHtmlSelector) selector = g_new0 (PrHtmlSelector, 1);
  const char *p = text;

  selector->compounds = g_ptr_array_new_with_free_func ((GDestroyNotify) compound_free);
  for (;;)
    {
      Compound *compound;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if ((compound = read_compound (&p)) == NULL)
        return NULL;
      g_ptr_array_add (selector->compounds, compound);
    }
  return selector->compounds->len > 0 ? g_steal_pointer (&selector) : NULL;
}

static gboolean
compound_matches (const Compound *compound,
                  xmlNode        *node)
{
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (compound->tag != NULL && g_ascii_strcasecmp ((const char *) node->name, compound->tag) != 0)
    return FALSE;
  if (compound->id != NULL && g_strcmp0 (pr_html_attr (node, "id"), compound->id) != 0)
    return FALSE;
  for (guint i = 0; i < compound->classes->len; i++)
    if (!pr_html_has_class (node, g_ptr_array_index (compound->classes, i)))
      return FALSE;
  for (guint i = 0; i + 1 < compound->attrs->len; i += 2)
    if (g_strcmp0 (pr_html_attr (node, g_ptr_array_index (compound->attrs, i)),
                   g_ptr_array_index (compound->attrs, i + 1)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
pr_html_selector_matches (const PrHtmlSelector *selector,
                          xmlNode              *node)
{
  GPtrArray *compounds = selector->compounds;
  xmlNode *up = node;

  if (!compound_matches (g_ptr_array_index (compounds, compounds->len - 1), node))
    return FALSE;
  /* Descendant combinators: the nearest matching ancestor for each. */
  for (guint i = compounds->len - 1; i-- > 0;)
    {
      for (up = up->parent; up != NULL; up = up->parent)
        if (compound_matches (g_ptr_array_index (compounds, i), up))
          break;
      if (up == NULL)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  const PrHtmlSelector *selector;
  GPtrArray            *found;
  guint                 max;
} SelectState;

static gboolean
select_enter (xmlNode  *node,
              gpointer  data)
{
  SelectState *state = data;

  if (state->found->len >= state->max || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (pr_html_selector_matches (state->selector, node))
    {
      g_ptr_array_add (state->found, node);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
pr_html_select_all (xmlNode              *root,
                    const PrHtmlSelector *selector)
{
  SelectState state = { selector, g_ptr_array_new (), G_MAXUINT };

  pr_html_walk (root, select_enter, NULL, &state);
  return state.found;
}

xmlNode *
pr_html_select_first (xmlNode              *root,
                      const PrHtmlSelector *selector)
{
  SelectState state = { selector, g_ptr_array_new (), 1 };
  xmlNode *found;

  pr_html_walk (root, select_enter, NULL, &state);
  found = state.found->len > 0 ? g_ptr_array_index (state.found, 0) : NULL;
  g_ptr_array_unref (state.found);
  return found;
}

xmlNode *
pr_html_select_any (xmlNode   *root,
                    GPtrArray *selectors)
{
  for (guint i = 0; selectors != NULL && i < selectors->len; i++)
    {
      xmlNode *node = pr_html_select_first (root, g_ptr_array_index (selectors, i));

      if (node != NULL)
        return node;
    }
  return NULL;
}

/* ---- Profiles ----------------------------------------------------------- */

static void
profile_free (PrHtmlProfile *profile)
{
  g_free (profile->name);
  g_free (profile->source);
  g_strfreev (profile->hosts);
  g_ptr_array_unref (profile->markers);
  g_ptr_array_unref (profile->body);
  g_ptr_array_unref (profile->headline);
  g_ptr_array_unref (profile->date);
  g_ptr_array_unref (profile->place);
  g_ptr_array_unref (profile->place_date);
  g_ptr_array_unref (profile->remove);
  g_free (profile);
}

static gboolean
invalid (GError     **error,
         const char  *profile,
         const char  *what)
{
  /* For whoever edits the table: not translated. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "site profile “%s”: %s",
               profile != NULL ? profile : "?", what);
  return FALSE;
}

/* A list of strings (absent: empty); as selectors unless @selectors is NULL. */
static gboolean
read_list (JsonObject  *object,
           const char  *member,
           const char  *profile,
           GPtrArray   *selectors,
           GPtrArray   *strings,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, profile, member);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, profile, member);
      text = json_node_get_string (item);
      if (strings != NULL)
        g_ptr_array_add (strings, g_ascii_strdown (text, -1));
      else
        {
          PrHtmlSelector *selector = pr_html_selector_parse (text);
          g_autofree char *what = NULL;

          if (selector == NULL)
            {
              what = g_strdup_printf ("%s: “%s” is not a selector", member, text);
              return invalid (error, profile, what);
            }
          g_ptr_array_add (selectors, selector);
        }
    }
  return TRUE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static GPtrArray *
selector_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pr_html_selector_free);
}

static PrHtmlProfile *
read_profile (JsonNode  *node,
              GError   **error)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  PrHtmlProfile *profile;
  JsonObject *object, *dateline = NULL;
  JsonNode *dateline_node;
  const char *name;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, NULL, "not an object"), NULL;
  object = json_node_get_object (node);
  name = string_member (object, "name");
  if (name == NULL)
    return invalid (error, NULL, "no name"), NULL;

  profile = g_new0 (PrHtmlProfile, 1);
  profile->name = g_strdup (name);
  profile->source = g_strdup (string_member (object, "source"));
  profile->markers = selector_array ();
  profile->body = selector_array ();
  profile->headline = selector_array ();
  profile->date = selector_array ();
  profile->place = selector_array ();
  profile->place_date = selector_array ();
  profile->remove = selector_array ();

  dateline_node = json_object_get_member (object, "dateline");
  if (dateline_node != NULL && JSON_NODE_HOLDS_OBJECT (dateline_node))
    dateline = json_node_get_object (dateline_node);
  ok = (dateline_node == NULL || dateline != NULL || invalid (error, name, "dateline")) &&
       read_list (object, "hosts", name, NULL, hosts, error) &&
       read_list (object, "markers", name, profile->markers, NULL, error) &&
       read_list (object, "body", name, profile->body, NULL, error) &&
       read_list (object, "headline", name, profile->headline, NULL, error) &&
       read_list (object, "date", name, profile->date, NULL, error) &&
       read_list (object, "remove", name, profile->remove, NULL, error) &&
       (dateline == NULL ||
        (read_list (dateline, "place", name, profile->place, NULL, error) &&
         read_list (dateline, "date", name, profile->place_date, NULL, error))) &&
       (profile->body->len > 0 || invalid (error, name, "no body selector")) &&
       (hosts->len > 0 || profile->markers->len > 0 || invalid (error, name, "neither hosts nor markers"));
  g_ptr_array_add (hosts, NULL);
  profile->hosts = (char **) g_ptr_array_steal (hosts, NULL);
  if (!ok)
    {
      profile_free (profile);
      return NULL;
    }
  return profile;
}

GPtrArray *
pr_html_profiles_parse (const char  *json,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) profile_free);
  JsonNode *root, *list;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (list = json_object_get_member (json_node_get_object (root), "profiles")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "site profiles: expected an object with a \"profiles\" array");
      return NULL;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PrHtmlProfile *profile = read_profile (json_array_get_element (array, i), error);

      if (profile == NULL)
        return NULL;
      g_ptr_array_add (profiles, profile);
    }
  return g_steal_pointer (&profiles);
}

GPtrArray *
pr_html_profiles (void)
{
  static GPtrArray *profiles;

  if (g_once_init_enter (&profiles))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *loaded = NULL;
      gsize size = 0;

      /* Registered here, not by a constructor: a static library's
       * constructors run only in the programs that link their file. */
      pr_core_register_resource ();
      bytes = g_resource_lookup_data (pr_core_get_resource (), PROFILES_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        loaded = pr_html_profiles_parse (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes), &error);
      if (loaded == NULL)
        {
          /* A broken table built into the program: the general extractor
           * still reads every page. */
          g_warning ("%s", error->message);
          loaded = g_ptr_array_new ();
        }
      g_once_init_leave (&profiles, loaded);
    }
  return profiles;
}

static gboolean
host_matches (const char         *host,
              const char * const *suffixes)
{
  gsize host_len = strlen (host);

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      gsize n = strlen (suffixes[i]);

      if (host_len == n ? strcmp (host, suffixes[i]) == 0
                        : host_len > n && host[host_len - n - 1] == '.' &&
                          strcmp (host + host_len - n, suffixes[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  GPtrArray *profiles;
  guint      best;      /* index of the first profile a marker found */
} MarkerState;

static gboolean
marker_enter (xmlNode  *node,
              gpointer  data)
{
  MarkerState *state = data;

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
  for (guint i = 0; i < state->best; i++)
    {
      PrHtmlProfile *profile = g_ptr_array_index (state->profiles, i);

      for (guint j = 0; j < profile->markers->len; j++)
        if (pr_html_selector_matches (g_ptr_array_index (profile->markers, j), node))
          {
            state->best = i;
            break;
          }
    }
  return state->best > 0;
}

PrHtmlProfile *
pr_html_profile_find (GPtrArray  *profiles,
                      xmlNode    *root,
                      const char *host,
                      gboolean   *by_host)
{
  MarkerState state = { profiles, profiles->len };

  *by_host = FALSE;
  if (host != NULL)
    for (guint i = 0; i < profiles->len; i++)
      {
        PrHtmlProfile *profile = g_ptr_array_index (profiles, i);

        if (host_matches (host, (const char * const *) profile->hosts))
          {
            *by_host = TRUE;
            return profile;
          }
      }
  /* One walk for the markers of every profile. */
  pr_html_walk (root, marker_enter, NULL, &state);
  return state.best < profiles->len ? g_ptr_array_index (profiles, state.best) : NULL;
}
