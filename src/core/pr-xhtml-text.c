/* pr-xhtml-text.c: an XHTML or HTML body as the plain text the parser reads
 *
 * A walk over libxml2's tree that writes text with "pending breaks": the
 * strongest break asked for since the last character (a space, a tab, a
 * line break, a blank line) is written just before the next character,
 * never at the start or the end, so that empty elements leave nothing. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "pr-xhtml-text.h"

/* Past libxml2's own limit (256 levels): the walk stays bounded whatever
 * built the tree. */
#define MAX_DEPTH 512

typedef enum {
  BREAK_NONE,
  BREAK_SPACE,
  BREAK_TAB,
  BREAK_LINE,
  BREAK_PARA,
} Break;

typedef struct {
  GString *out;
  Break    pending;
  char    *prefix;       /* a list item's bullet, written before its first text */
  guint    lists;        /* open <ul> and <ol> */
  guint    items;        /* open <li> */
  guint    cells;        /* open <td> and <th> */
  guint    pre;          /* open <pre> */
  xmlNode *link_node;    /* the open link, when it has a target */
  char    *link;         /* its target */
  gsize    link_start;   /* where its text starts in out; G_MAXSIZE before any */
} Render;

static const char * const skipped_tags[] = {
  "head", "title", "script", "style", "template", "noscript", "meta", "link", "svg", "math",
  "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "audio",
  "video", "canvas", NULL,
};

/* Apart by blank lines; hl1, hl2 and block are NITF's, which an item may carry. */
static const char * const para_tags[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "figure", "figcaption", "dl",
  "hl1", "hl2", "block", NULL,
};

/* Apart by line breaks: a run of short lines stays a run, as contacts do. */
static const char * const line_tags[] = {
  "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "body",
  "html", "dt", "dd", "caption", "tr", "center", "details", "summary", "body.content", NULL,
};

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
pr_xhtml_text_attr (xmlNode    *node,
                    const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      g_autoptr(GString) value = NULL;

      if (!xmlStrEqual (a->name, BAD_CAST name))
        continue;
      value = g_string_new (NULL);
      for (xmlNode *child = a->children; child != NULL; child = child->next)
        if (child->type == XML_TEXT_NODE && child->content != NULL)
          g_string_append (value, (const char *) child->content);
      g_strstrip (value->str);
      return *value->str != '\0' ? g_strdup (value->str) : NULL;
    }
  return NULL;
}

/* ---- Output ------------------------------------------------------------- */

/* In a table cell, or in a list item's own text (not in a list nested in
 * it), blocks are words on one line. */
static void
request (Render *r,
         Break   b)
{
  if (b > BREAK_TAB && (r->cells > 0 || (r->items > 0 && r->items == r->lists)))
    b = BREAK_SPACE;
  r->pending = MAX (r->pending, b);
}

static void
write_pending (Render *r)
{
  static const char * const breaks[] = { "", " ", "\t", "\n", "\n\n" };

  if (r->out->len > 0)
    g_string_append (r->out, breaks[r->pending]);
  r->pending = BREAK_NONE;
  if (r->prefix != NULL)
    {
      g_string_append (r->out, r->prefix);
      g_clear_pointer (&r->prefix, g_free);
    }
  if (r->link != NULL && r->link_start == G_MAXSIZE)
    r->link_start = r->out->len;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
emit (Render     *r,
      const char *text)
{
  const char *p = text;

  if (r->pre > 0)
    {
      /* Preformatted: lines and their indentation kept. */
      for (; *p; p++)
        {
          if (*p == '\n')
            r->pending = r->pending >= BREAK_LINE ? BREAK_PARA : BREAK_LINE;
          else if (*p != '\r')
            {
              write_pending (r);
              g_string_append_c (r->out, *p);
            }
        }
      return;
    }

  while (*p)
    {
      const char *end;

      if (is_space (*p))
        {
          r->pending = MAX (r->pending, BREAK_SPACE);
          p++;
          continue;
        }
      for (end = p; *end && !is_space (*end); end++)
        ;
      write_pending (r);
      g_string_append_len (r->out, p, end - p);
      p = end;
    }
}

/* ---- Links and images --------------------------------------------------- */

/* A URL as said in text: no scheme, no "www.", no closing slash. */
static char *
bare_url (const char *url)
{
  static const char * const prefixes[] = { "https://", "http://", "mailto:", "www." };
  const char *p = url;
  char *bare;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (p, prefixes[i], strlen (prefixes[i])) == 0)
      p += strlen (prefixes[i]);
  bare = g_ascii_strdown (p, -1);
  len = strlen (bare);
  while (len > 0 && bare[len - 1] == '/')
    bare[--len] = '\0';
  return bare;
}

static gboolean
says_target (const char *text,
             const char *target)
{
  g_autofree char *said = bare_url (text);
  g_autofree char *meant = bare_url (target);

  return *meant == '\0' || strstr (said, meant) != NULL;
}

char *
pr_xhtml_text_link (const char *href)
{
  static const char * const wrapper_keys[] = { "url", "u", "q", "target" };
  g_autofree char *url = NULL;

  if (href == NULL)
    return NULL;
  url = g_strstrip (g_strdup (href));

  /* A wrapper may wrap a wrapper; a few rounds, then the last one counts. */
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *scheme = g_uri_peek_scheme (url);
      const char *query;
      const char *inner = NULL;

      for (const char *p = url; *p; p++)
        if ((guchar) *p <= 0x20 || *p == 0x7f)
          return NULL;
      if (scheme == NULL)
        return NULL;
      if (strcmp (scheme, "mailto") == 0)
        return g_steal_pointer (&url);
      if (strcmp (scheme, "http") != 0 && strcmp (scheme, "https") != 0)
        return NULL;

      uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
      if (uri == NULL)
        return NULL;
      query = g_uri_get_query (uri);
      if (query != NULL)
        params = g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_CASE_INSENSITIVE |
                                     G_URI_PARAMS_WWW_FORM, NULL);
      for (guint i = 0; params != NULL && i < G_N_ELEMENTS (wrapper_keys) && inner == NULL; i++)
        {
          const char *value = g_hash_table_lookup (params, wrapper_keys[i]);

          if (value != NULL && (g_ascii_strncasecmp (value, "http://", 7) == 0 ||
                                g_ascii_strncasecmp (value, "https://", 8) == 0))
            inner = value;
        }
      if (inner == NULL)
        break;
      g_free (url);
      url = g_strstrip (g_strdup (inner));
    }
  return g_steal_pointer (&url);
}

static void
link_enter (Render  *r,
            xmlNode *node)
{
  g_autofree char *href = NULL;

  /* A link in a link (not valid, but seen): the outer one counts. */
  if (r->link_node != NULL || (href = pr_xhtml_text_attr (node, "href")) == NULL)
    return;
  r->link = pr_xhtml_text_link (href);
  if (r->link != NULL)
    {
      r->link_node = node;
      r->link_start = G_MAXSIZE;
    }
}

static void
link_leave (Render  *r,
            xmlNode *node)
{
  if (r->link_node != node)
    return;
  /* A link without text (around an image, say) adds nothing. */
  if (r->link_start != G_MAXSIZE && !says_target (r->out->str + r->link_start, r->link))
    g_string_append_printf (r->out, " (%s)", r->link);
  g_clear_pointer (&r->link, g_free);
  r->link_node = NULL;
}

/* "0", "1", "1px": a tracking pixel's size. */
static gboolean
is_pixel_size (const char *value)
{
  char *end = NULL;
  gint64 n;

  if (value == NULL)
    return FALSE;
  n = g_ascii_strtoll (value, &end, 10);
  return end != value && n >= 0 && n <= 1 && (*end == '\0' || g_ascii_strcasecmp (end, "px") == 0);
}

static void
image (Render  *r,
       xmlNode *node)
{
  g_autofree char *width = pr_xhtml_text_attr (node, "width");
  g_autofree char *height = pr_xhtml_text_attr (node, "height");
  g_autofree char *alt = NULL;
  g_autofree char *src = NULL;
  g_autofree char *href = NULL;
  g_autofree char *caption = NULL;

  if (is_pixel_size (width) || is_pixel_size (height))
    return;
  alt = pr_xhtml_text_attr (node, "alt");
  href = pr_xhtml_text_attr (node, "src");
  src = pr_xhtml_text_link (href);
  /* An image's address is shown, never loaded; mailto: is no image. */
  if (src != NULL && g_ascii_strncasecmp (src, "mailto:", 7) == 0)
    g_clear_pointer (&src, g_free);
  if (alt == NULL && src == NULL)
    return;

  caption = g_strdup_printf ("[Image%s%s]%s%s%s", alt ? ": " : "", alt ? alt : "",
                             src ? " (" : "", src ? src : "", src ? ")" : "");
  request (r, BREAK_LINE);
  emit (r, caption);
  request (r, BREAK_LINE);
}

/* ---- The walk ----------------------------------------------------------- */

static void render_children (Render  *r,
                             xmlNode *node,
                             guint    depth);

static void
render_element (Render  *r,
                xmlNode *node,
                guint    depth)
{
  const char *name = (const char *) node->name;
  Break around = BREAK_NONE;

  if (name_in (name, skipped_tags))
    return;
  if (g_ascii_strcasecmp (name, "br") == 0)
    {
      request (r, BREAK_LINE);
      return;
    }
  if (g_ascii_strcasecmp (name, "hr") == 0)
    {
      request (r, BREAK_PARA);
      return;
    }
  if (g_ascii_strcasecmp (name, "img") == 0)
    {
      image (r, node);
      return;
    }

  if (g_ascii_strcasecmp (name, "ul") == 0 || g_ascii_strcasecmp (name, "ol") == 0)
    {
      /* Counted first: a list in an item breaks the item's line. */
      r->lists++;
      request (r, r->lists == 1 ? BREAK_PARA : BREAK_LINE);
      render_children (r, node, depth);
      request (r, r->lists == 1 ? BREAK_PARA : BREAK_LINE);
      r->lists--;
      return;
    }
  if (g_ascii_strcasecmp (name, "li") == 0)
    {
      g_autofree char *indent = g_strnfill (2 * (MAX (r->lists, 1) - 1), ' ');

      request (r, BREAK_LINE);
      g_free (r->prefix);
      r->prefix = g_strconcat (indent, "• ", NULL);
      r->items++;
      render_children (r, node, depth);
      r->items--;
      /* An empty item leaves no bullet. */
      g_clear_pointer (&r->prefix, g_free);
      request (r, BREAK_LINE);
      return;
    }
  if (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0)
    {
      request (r, BREAK_TAB);
      r->cells++;
      render_children (r, node, depth);
      r->cells--;
      return;
    }
  if (g_ascii_strcasecmp (name, "pre") == 0)
    {
      request (r, BREAK_PARA);
      r->pre++;
      render_children (r, node, depth);
      r->pre--;
      request (r, BREAK_PARA);
      return;
    }
  if (g_ascii_strcasecmp (name, "a") == 0)
    {
      link_enter (r, node);
      render_children (r, node, depth);
      link_leave (r, node);
      return;
    }

  if (name_in (name, para_tags))
    around = BREAK_PARA;
  else if (name_in (name, line_tags))
    around = BREAK_LINE;
  request (r, around);
  render_children (r, node, depth);
  request (r, around);
}

static void
render_children (Render  *r,
                 xmlNode *node,
                 guint    depth)
{
  if (depth >= MAX_DEPTH)
    return;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            emit (r, (const char *) child->content);
          break;
        case XML_ELEMENT_NODE:
          render_element (r, child, depth + 1);
          break;
        default:
          /* Entity references stay unexpanded (an entity-expansion bomb
           * expands nowhere); comments and instructions are no text. */
          break;
        }
    }
}

char *
pr_xhtml_text_render (xmlNode *node)
{
  Render r = { 0 };

  g_return_val_if_fail (node != NULL, NULL);

  r.out = g_string_new (NULL);
  render_children (&r, node, 0);
  g_free (r.prefix);
  g_free (r.link);
  return g_string_free (r.out, FALSE);
}

char *
pr_xhtml_text_from_html (const char *html,
                         gsize       length)
{
  htmlDocPtr doc;
  char *text;

  if (html == NULL || length == 0 || length > G_MAXINT)
    return g_strdup ("");

  /* No network, no messages on stderr; the text is UTF-8 already, whatever
   * a <meta charset> inside says. */
  doc = htmlReadMemory (html, (int) length, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  if (doc == NULL)
    return g_strdup ("");
  text = pr_xhtml_text_render ((xmlNode *) doc);
  xmlFreeDoc (doc);
  return text;
}
