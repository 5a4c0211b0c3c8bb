/* pr-html-meta.c: what a release page says about itself
 *
 * In order of trust: JSON-LD (schema.org NewsArticle, Article,
 * PressRelease, also inside @graph or arrays), OpenGraph and article:*
 * <meta>, <time datetime>, <link rel=canonical>, <h1>, <title>.
 */
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "pr-date.h"
#include "pr-html-private.h"
#include "pr-text.h"
#include "pr-util.h"

/* JSON-LD nested deeper than this is no article's metadata (and json-glib
 * parses recursively). */
#define MAX_JSON_DEPTH 32
/* How far into @graph and arrays an article is looked for. */
#define MAX_LD_LEVEL 4

typedef struct {
  char      *ld_headline;
  char      *ld_date;
  char      *og_title;
  char      *og_url;
  char      *meta_date;     /* article:published_time and kin */
  char      *time_date;     /* <time datetime> in the article */
  char      *title;
  char      *canonical;
  GPtrArray *h1s;           /* xmlNode */
  GPtrArray *scripts;       /* char*: JSON-LD texts */
  gboolean   time_trusted;  /* time_date from itemprop/pubdate or in <article> */
} Found;

static void
found_clear (Found *found)
{
  g_free (found->ld_headline);
  g_free (found->ld_date);
  g_free (found->og_title);
  g_free (found->og_url);
  g_free (found->meta_date);
  g_free (found->time_date);
  g_free (found->title);
  g_free (found->canonical);
  g_clear_pointer (&found->h1s, g_ptr_array_unref);
  g_clear_pointer (&found->scripts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

void
pr_html_meta_clear (PrHtmlMeta *meta)
{
  g_clear_pointer (&meta->headline, g_free);
  g_clear_pointer (&meta->date, g_free);
  g_clear_pointer (&meta->canonical, g_free);
  g_clear_pointer (&meta->host, g_free);
  g_clear_pointer (&meta->site_name, g_free);
  g_clear_pointer (&meta->publisher, g_free);
  g_clear_pointer (&meta->people, g_ptr_array_unref);
  g_clear_pointer (&meta->orgs, g_ptr_array_unref);
}

static char *
collapse (const char *text)
{
  return text != NULL ? pr_text_collapse_space (text) : NULL;
}

static void
set_once (char       **slot,
          const char  *value)
{
  if (*slot == NULL && value != NULL)
    {
      char *clean = collapse (value);

      if (*clean != '\0')
        *slot = clean;
      else
        g_free (clean);
    }
}

char *
pr_html_meta_iso_date (const char *value)
{
  PrDateMatch match;
  int y, m, d;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*value))
    value++;
  if (strlen (value) >= 10 && g_ascii_isdigit (value[0]) && value[4] == '-' && value[7] == '-' &&
      sscanf (value, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (strlen (value) > 200 || !pr_date_find (value, -1, &match))
    return NULL;
  return pr_date_to_iso (&match);
}

/* ---- Site names --------------------------------------------------------- */

static char *
alnum_lower (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

gboolean
pr_html_same_name (const char *a,
                   const char *b)
{
  g_autofree char *x = alnum_lower (a);
  g_autofree char *y = alnum_lower (b);

  return *x != '\0' && strcmp (x, y) == 0;
}

/* A site's name: short, few words. */
static gboolean
is_short_name (const char *text)
{
  guint words = 1;

  if (g_utf8_strlen (text, -1) > 40)
    return FALSE;
  for (const char *p = text; *p; p++)
    words += *p == ' ';
  return words <= 5;
}

/* "Headline | Site": a bar, a double colon or a guillemet sets a site name
 * apart; a dash only when the part looks like a domain ("site.com"). */
static const char * const separators[] = { " | ", " :: ", " · ", " » ", " - ", " – ", " — " };

static gboolean
looks_like_site (const char *part,
                 const char *site_name,
                 gboolean    dash)
{
  if (site_name != NULL)
    return pr_html_same_name (part, site_name);
  if (!is_short_name (part))
    return FALSE;
  if (!dash)
    return TRUE;
  /* "example.com", "Example.org" */
  return strchr (part, '.') != NULL && strchr (part, ' ') == NULL &&
         g_ascii_isalpha (part[strlen (part) - 1]);
}

char *
pr_html_meta_strip_site (const char *title,
                         const char *site_name)
{
  if (title == NULL || *title == '\0' || (site_name != NULL && pr_html_same_name (title, site_name)))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *sep = separators[i];
      gsize n = strlen (sep);
      const char *first = strstr (title, sep);
      const char *last = NULL;
      gboolean dash = i >= 4;

      if (first == NULL)
        continue;
      for (const char *p = first; p != NULL; p = strstr (p + 1, sep))
        last = p;
      /* "Headline | Site" */
      if (looks_like_site (last + n, site_name, dash) &&
          g_utf8_strlen (last + n, -1) < (glong) (last - title))
        return g_strndup (title, last - title);
      /* "Site - Headline" */
      {
        g_autofree char *head = g_strndup (title, first - title);

        if (looks_like_site (head, site_name, dash) && strlen (first + n) > strlen (head))
          return g_strdup (first + n);
      }
    }
  return g_strdup (title);
}

/* ---- JSON-LD ------------------------------------------------------------ */

/* Nesting depth of a JSON text, strings skipped. */
static guint
json_depth (const char *text)
{
  guint depth = 0, max = 0;
  gboolean in_string = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        max = MAX (max, ++depth);
      else if ((*p == '}' || *p == ']') && depth > 0)
        depth--;
    }
  return max;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
type_is (JsonObject *object,
         gboolean  (*accept) (const char *type))
{
  JsonNode *node = json_object_get_member (object, "@type");
  const char *type;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *types = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *item = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
              accept (json_node_get_string (item)))
            return TRUE;
        }
      return FALSE;
    }
  type = member_string (object, "@type");
  return type != NULL && accept (type);
}

static gboolean
is_article_type (const char *type)
{
  return g_str_has_suffix (type, "Article") || strcmp (type, "PressRelease") == 0 ||
         strcmp (type, "BlogPosting") == 0;
}

static gboolean
is_person_type (const char *type)
{
  return strcmp (type, "Person") == 0;
}

static gboolean
is_org_type (const char *type)
{
  return strcmp (type, "Organization") == 0 || strcmp (type, "Corporation") == 0 ||
         strcmp (type, "NewsMediaOrganization") == 0 || strcmp (type, "LocalBusiness") == 0 ||
         strcmp (type, "NGO") == 0 || strcmp (type, "GovernmentOrganization") == 0 ||
         strcmp (type, "EducationalOrganization") == 0;
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  g_autofree char *clean = collapse (name);

  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 100)
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (names, i), clean) == 0)
      return;
  g_ptr_array_add (names, g_steal_pointer (&clean));
}

/* "author": a name, a Person or Organization, or an array of them. A bare
 * name is taken for @bare_people or not at all. */
static void
read_parties (JsonNode   *node,
              PrHtmlMeta *meta,
              gboolean    bare_people)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 20; i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_ARRAY (item))
            read_parties (item, meta, bare_people);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *name = member_string (object, "name");

      if (name == NULL)
        return;
      if (type_is (object, is_person_type))
        add_name (meta->people, name);
      else if (type_is (object, is_org_type))
        add_name (meta->orgs, name);
    }
  else if (bare_people && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_name (meta->people, json_node_get_string (node));
}

static void
read_article (JsonObject *object,
              Found      *found,
              PrHtmlMeta *meta)
{
  JsonNode *publisher = json_object_get_member (object, "publisher");

  set_once (&found->ld_headline, member_string (object, "headline"));
  set_once (&found->ld_date, member_string (object, "datePublished"));
  if (publisher != NULL && meta->publisher == NULL)
    {
      if (JSON_NODE_HOLDS_ARRAY (publisher) && json_array_get_length (json_node_get_array (publisher)) > 0)
        publisher = json_array_get_element (json_node_get_array (publisher), 0);
      if (JSON_NODE_HOLDS_OBJECT (publisher))
        set_once (&meta->publisher, member_string (json_node_get_object (publisher), "name"));
      else if (JSON_NODE_HOLDS_VALUE (publisher) && json_node_get_value_type (publisher) == G_TYPE_STRING)
        set_once (&meta->publisher, json_node_get_string (publisher));
    }
  read_parties (json_object_get_member (object, "author"), meta, TRUE);
  read_parties (json_object_get_member (object, "about"), meta, FALSE);
}

static void
visit_ld (JsonNode   *node,
          guint       level,
          Found      *found,
          PrHtmlMeta *meta)
{
  if (node == NULL || level > MAX_LD_LEVEL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        visit_ld (json_array_get_element (array, i), level + 1, found, meta);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (type_is (object, is_article_type))
        read_article (object, found, meta);
      visit_ld (json_object_get_member (object, "@graph"), level + 1, found, meta);
    }
}

static void
read_json_ld (const char *text,
              Found      *found,
              PrHtmlMeta *meta)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json_depth (text) > MAX_JSON_DEPTH)
    return;
  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, text, -1, NULL))
    visit_ld (json_parser_get_root (parser), 0, found, meta);
}

/* ---- The walk ----------------------------------------------------------- */

static const char * const outside_article[] = { "nav", "footer", "aside", "form", NULL };

static gboolean
is_ld_json (const char *type)
{
  g_autofree char *lower = NULL;

  if (type == NULL)
    return FALSE;
  lower = g_ascii_strdown (type, -1);
  return g_str_has_prefix (g_strstrip (lower), "application/ld+json");
}

static gboolean
has_word (const char *value,
          const char *word)
{
  g_auto(GStrv) words = value != NULL ? g_strsplit_set (value, " \t\n\r\f", -1) : NULL;

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* A script's text as written (the HTML parser keeps it as one text node,
 * or a few). */
static char *
script_text (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (out, (const char *) child->content);
  return g_string_free (out, FALSE);
}

static void
read_meta_tag (xmlNode *node,
               Found   *found,
               PrHtmlMeta *meta)
{
  const char *key = pr_html_attr (node, "property");
  const char *content = pr_html_attr (node, "content");

  if (key == NULL)
    key = pr_html_attr (node, "name");
  if (key == NULL)
    key = pr_html_attr (node, "itemprop");
  if (key == NULL || content == NULL)
    return;

  if (g_ascii_strcasecmp (key, "og:title") == 0)
    set_once (&found->og_title, content);
  else if (g_ascii_strcasecmp (key, "og:url") == 0 && pr_html_is_web_url (content))
    set_once (&found->og_url, content);
  else if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    set_once (&meta->site_name, content);
  else if (g_ascii_strcasecmp (key, "article:published_time") == 0 ||
           g_ascii_strcasecmp (key, "og:article:published_time") == 0 ||
           g_ascii_strcasecmp (key, "datePublished") == 0 ||
           g_ascii_strcasecmp (key, "date") == 0 || g_ascii_strcasecmp (key, "pubdate") == 0 ||
           g_ascii_strcasecmp (key, "dc.date.issued") == 0)
    set_once (&found->meta_date, content);
}

static gboolean
meta_enter (xmlNode  *node,
            gpointer  data)
{
  gpointer *pair = data;
  Found *found = pair[0];
  PrHtmlMeta *meta = pair[1];

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE;

  if (pr_html_is (node, "script"))
    {
      if (is_ld_json (pr_html_attr (node, "type")) && found->scripts->len < 20)
        g_ptr_array_add (found->scripts, script_text (node));
      return FALSE;
    }
  if (pr_html_is (node, "style") || pr_html_is (node, "template"))
    return FALSE;
  if (pr_html_is (node, "meta"))
    read_meta_tag (node, found, meta);
  else if (pr_html_is (node, "title") && found->title == NULL)
    found->title = pr_html_text (node);
  else if (pr_html_is (node, "link") && has_word (pr_html_attr (node, "rel"), "canonical") &&
           pr_html_is_web_url (pr_html_attr (node, "href")))
    set_once (&found->canonical, pr_html_attr (node, "href"));
  else if (pr_html_is (node, "h1") && found->h1s->len < 20)
    g_ptr_array_add (found->h1s, node);
  else if (pr_html_is (node, "time") && pr_html_attr (node, "datetime") != NULL &&
           !found->time_trusted && !pr_html_inside (node, outside_article))
    {
      static const char * const article[] = { "article", "main", NULL };
      gboolean trusted = pr_html_attr (node, "pubdate") != NULL ||
                         g_strcmp0 (pr_html_attr (node, "itemprop"), "datePublished") == 0 ||
                         pr_html_inside (node, article);
      g_autofree char *iso = pr_html_meta_iso_date (pr_html_attr (node, "datetime"));

      if (iso != NULL && (found->time_date == NULL || trusted))
        {
          g_free (found->time_date);
          found->time_date = g_steal_pointer (&iso);
          found->time_trusted = trusted;
        }
    }
  return TRUE;
}

/* The headline <h1>: not the site's logo in the page header, not in the
 * navigation or footer. */
static char *
pick_h1 (GPtrArray  *h1s,
         const char *site_name)
{
  static const char * const article[] = { "article", "main", NULL };
  static const char * const header[] = { "header", NULL };

  for (guint i = 0; i < h1s->len; i++)
    {
      xmlNode *node = g_ptr_array_index (h1s, i);
      g_autofree char *text = NULL;

      if (pr_html_inside (node, outside_article) ||
          (pr_html_inside (node, header) && !pr_html_inside (node, article)))
        continue;
      text = pr_html_text (node);
      if (*text == '\0' || g_utf8_strlen (text, -1) > 400 ||
          (site_name != NULL && pr_html_same_name (text, site_name)))
        continue;
      return g_steal_pointer (&text);
    }
  return NULL;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && *host != '\0' ? g_ascii_strdown (host, -1) : NULL;
}

static gboolean
is_truncated (const char *text)
{
  return g_str_has_suffix (text, "…") || g_str_has_suffix (text, "...");
}

void
pr_html_meta_read (xmlDoc     *doc,
                   PrHtmlMeta *meta)
{
  g_auto(Found) found = { 0 };
  gpointer pair[2] = { &found, meta };
  g_autofree char *h1 = NULL;
  const char *date;

  meta->people = g_ptr_array_new_with_free_func (g_free);
  meta->orgs = g_ptr_array_new_with_free_func (g_free);
  found.h1s = g_ptr_array_new ();
  found.scripts = g_ptr_array_new_with_free_func (g_free);
  pr_html_walk ((xmlNode *) doc, meta_enter, NULL, pair);

  for (guint i = 0; i < found.scripts->len; i++)
    read_json_ld (g_ptr_array_index (found.scripts, i), &found, meta);

  meta->canonical = g_strdup (found.canonical != NULL ? found.canonical : found.og_url);
  meta->host = host_of (meta->canonical);
  h1 = pick_h1 (found.h1s, meta->site_name);

  if (found.ld_headline != NULL)
    {
      /* A headline cut short for search engines: the page's own is whole. */
      if (h1 != NULL && is_truncated (found.ld_headline) &&
          strncmp (h1, found.ld_headline, strlen (found.ld_headline) - 3) == 0)
        meta->headline = g_steal_pointer (&h1);
      else
        meta->headline = g_strdup (found.ld_headline);
      meta->headline_trust = 3;
    }
  else if (found.og_title != NULL && meta->site_name != NULL &&
           (meta->headline = pr_html_meta_strip_site (found.og_title, meta->site_name)) != NULL)
    meta->headline_trust = 2;
  else if (found.og_title != NULL && meta->site_name == NULL)
    {
      meta->headline = g_strdup (found.og_title);
      meta->headline_trust = 2;
    }
  else if (h1 != NULL)
    {
      meta->headline = g_steal_pointer (&h1);
      meta->headline_trust = 1;
    }
  else if (found.title != NULL)
    {
      meta->headline = pr_html_meta_strip_site (found.title, meta->site_name);
      meta->headline_trust = 0;
    }
  /* Nobody's headline runs to pages (the text parser derives one then). */
  if (meta->headline != NULL && (*meta->headline == '\0' || g_utf8_strlen (meta->headline, -1) > 400))
    g_clear_pointer (&meta->headline, g_free);

  date = found.ld_date != NULL ? found.ld_date : found.meta_date;
  meta->date = date != NULL ? pr_html_meta_iso_date (date) : NULL;
  if (meta->date == NULL)
    meta->date = g_strdup (found.time_date);
}
