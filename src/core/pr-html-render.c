/* pr-html-render.c: a page's body as the plain text the parser reads
 *
 * Paragraphs, headings, block quotes and preformatted text are separated
 * by blank lines; <div>s, <br>s and the lines of an address by line
 * breaks (a run of short lines stays a run, as contact blocks do); list
 * items are lines starting with "• ", two spaces deeper per level; a data
 * table is a run of rows of tab-separated cells (a table holding blocks
 * is layout and reads as blocks). Links keep their text and add their
 * target, "text (https://…)", when the text does not already say it; only
 * http, https and mailto targets are kept, tracking wrappers unwrapped.
 * Images become a caption line, "[Image: alt] (https://…)", never loaded;
 * tracking pixels are dropped.
 */
#include <string.h>

#include "pr-html-private.h"
#include "pr-text.h"

typedef enum {
  BREAK_NONE,
  BREAK_SPACE,
  BREAK_LINE,
  BREAK_PARA,
} Break;

typedef struct {
  GString    *out;
  gsize       max;
  gboolean    full;
  Break       pending;
  char       *prefix;       /* a list item's bullet, written before its text */
  guint       list_depth;
  guint       pre_depth;
  GArray     *tables;       /* gboolean per open <table>: a data table */
  guint       cell_depth;   /* inside a data table's cell */
  guint       cells;        /* cells so far in the data table's row */
  const char *headline;
  gboolean    headline_seen;
  const char *base;
  xmlNode    *link;
  char       *link_url;
  gsize       link_start;   /* G_MAXSIZE until the link's text starts */
  gboolean    any_text;
  GPtrArray  *deferred;     /* char*: image captions above the first text */
} Render;

static const char * const line_tags[] = {
  "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "form",
  "fieldset", "details", "summary", "center", "hgroup", "dl", "dt", "dd", "address", "body",
  "html", "caption", "legend", "option", NULL,
};

static const char * const para_tags[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "figcaption", NULL,
};

static const char * const skipped_tags[] = {
  "script", "style", "template", "noscript", "head", "title", "meta", "link", "svg", "math",
  "iframe", "frame", "object", "embed", "canvas", "audio", "video", "button", "select",
  "input", "textarea", NULL,
};

/* ---- Output ------------------------------------------------------------- */

static gboolean
in_data_table (Render *r)
{
  return r->tables->len > 0 && g_array_index (r->tables, gboolean, r->tables->len - 1);
}

static void
emit_deferred (Render *r)
{
  for (guint i = 0; i < r->deferred->len; i++)
    {
      g_string_append (r->out, "\n\n");
      g_string_append (r->out, g_ptr_array_index (r->deferred, i));
    }
  g_ptr_array_set_size (r->deferred, 0);
}

static void
request (Render *r,
         Break   b)
{
  /* Inside a cell everything is one line; inside an item, one item. */
  if (r->cell_depth > 0 && b > BREAK_SPACE)
    b = BREAK_SPACE;
  else if (r->list_depth > 0 && b == BREAK_PARA)
    b = BREAK_LINE;
  if (b > r->pending)
    r->pending = b;
  /* Images above the headline's paragraph wait until after it. */
  if (b == BREAK_PARA && r->any_text && r->deferred->len > 0)
    emit_deferred (r);
}

/* Writes the pending break (and a list item's bullet). */
static void
flush (Render *r)
{
  if (r->out->len > 0)
    switch (r->pending)
      {
      case BREAK_PARA:
        g_string_append (r->out, "\n\n");
        break;
      case BREAK_LINE:
        g_string_append_c (r->out, '\n');
        break;
      case BREAK_SPACE:
        if (!g_ascii_isspace (r->out->str[r->out->len - 1]))
          g_string_append_c (r->out, ' ');
        break;
      case BREAK_NONE:
        break;
      }
  r->pending = BREAK_NONE;
  if (r->prefix != NULL)
    {
      if (r->out->len > 0 && r->out->str[r->out->len - 1] != '\n')
        g_string_append_c (r->out, '\n');
      g_string_append (r->out, r->prefix);
      g_clear_pointer (&r->prefix, g_free);
    }
}

static void
emit (Render     *r,
      const char *text,
      gsize       length)
{
  if (length == 0 || r->full)
    return;
  flush (r);
  if (r->link != NULL && r->link_start == G_MAXSIZE)
    r->link_start = r->out->len;
  if (r->out->len + length > r->max)
    {
      /* Cut at a character boundary, and stop. */
      length = r->max > r->out->len ? r->max - r->out->len : 0;
      while (length > 0 && ((guchar) text[length] & 0xC0) == 0x80)
        length--;
      r->full = TRUE;
    }
  g_string_append_len (r->out, text, length);
  r->any_text = TRUE;
}

/* A text node: white space collapsed (kept in <pre>), control characters
 * dropped. */
static void
emit_text (Render     *r,
           const char *text)
{
  g_autoptr(GString) run = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (r->pre_depth > 0 && c == '\n')
        {
          emit (r, run->str, run->len);
          g_string_truncate (run, 0);
          request (r, BREAK_LINE);
          flush (r);
        }
      else if (r->pre_depth > 0 && (c == ' ' || c == '\t'))
        g_string_append_c (run, c);
      else if (g_ascii_isspace (c))
        {
          emit (r, run->str, run->len);
          g_string_truncate (run, 0);
          request (r, BREAK_SPACE);
        }
      else if (c >= 0x20 && c != 0x7F)
        g_string_append_c (run, c);
    }
  emit (r, run->str, run->len);
}

/* ---- Links -------------------------------------------------------------- */

static gboolean
has_scheme (const char *href,
            const char *scheme)
{
  gsize n = strlen (scheme);

  return g_ascii_strncasecmp (href, scheme, n) == 0 && href[n] == ':';
}

static char *
unwrap (const char *url,
        guint       level)
{
  static const char * const keys[] = { "url", "u", "q", "target", NULL };
  const char *query = strchr (url, '?');
  g_autoptr(GHashTable) params = NULL;

  if (query == NULL || level >= 3)
    return g_strdup (url);
  params = g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_NONE, NULL);
  for (guint i = 0; params != NULL && keys[i] != NULL; i++)
    {
      const char *inner = g_hash_table_lookup (params, keys[i]);

      if (inner != NULL && (has_scheme (inner, "http") || has_scheme (inner, "https")) &&
          g_uri_is_valid (inner, G_URI_FLAGS_NONE, NULL))
        return unwrap (inner, level + 1);
    }
  return g_strdup (url);
}

char *
pr_html_link_target (const char *href,
                     const char *base_url)
{
  g_autofree char *clean = NULL;
  g_autofree char *resolved = NULL;
  const char *colon, *end;

  if (href == NULL)
    return NULL;
  /* Tabs and line breaks inside a URL are dropped, as browsers do. */
  clean = g_strstrip (g_strdup (href));
  g_strdelimit (clean, "\t\n\r", ' ');
  if (strchr (clean, ' ') != NULL && !has_scheme (clean, "mailto"))
    {
      g_auto(GStrv) parts = g_strsplit (clean, " ", -1);
      g_free (clean);
      clean = g_strjoinv ("", parts);
    }
  if (*clean == '\0' || *clean == '#')
    return NULL;

  if (has_scheme (clean, "mailto"))
    {
      const char *address = clean + 7;
      gsize n = strcspn (address, "?");

      return memchr (address, '@', n) != NULL && n < 200 ? g_strndup (clean, 7 + n) : NULL;
    }

  colon = strchr (clean, ':');
  end = clean + strcspn (clean, "/?#");
  if (colon != NULL && colon < end)
    {
      /* javascript:, data:, file:, tel: … are no links to open. */
      if (!has_scheme (clean, "http") && !has_scheme (clean, "https"))
        return NULL;
      resolved = g_steal_pointer (&clean);
    }
  else if (g_str_has_prefix (clean, "//"))
    resolved = g_strconcat ("https:", clean, NULL);
  else if (base_url != NULL)
    resolved = g_uri_resolve_relative (base_url, clean, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL || !g_uri_is_valid (resolved, G_URI_FLAGS_NONE, NULL))
    return NULL;
  return unwrap (resolved, 0);
}

/* Whether a link's text already says where it goes. */
static gboolean
says_target (const char *text,
             const char *url)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (strstr (text, "://") != NULL || g_ascii_strncasecmp (text, "www.", 4) == 0)
    return TRUE;
  a = pr_text_bare_url (text);
  b = pr_text_bare_url (url);
  if (strcmp (a, b) == 0)
    return TRUE;
  /* "example.com" for https://example.com/news?id=1 */
  return strchr (a, '.') != NULL && strchr (a, ' ') == NULL && g_str_has_prefix (b, a);
}

static void
link_enter (Render  *r,
            xmlNode *node)
{
  if (r->link != NULL)
    return;
  r->link = node;
  r->link_url = pr_html_link_target (pr_html_attr (node, "href"), r->base);
  r->link_start = G_MAXSIZE;
}

static void
link_leave (Render  *r,
            xmlNode *node)
{
  if (node != r->link)
    return;
  if (r->link_url != NULL && r->link_start != G_MAXSIZE && !r->full)
    {
      const char *text = r->out->str + r->link_start;
      const char *shown = has_scheme (r->link_url, "mailto") ? r->link_url + 7 : r->link_url;

      if (*text != '\0' && !says_target (text, r->link_url))
        {
          g_autofree char *suffix = g_strdup_printf (" (%s)", shown);
          /* After the text, before a break that came inside the link. */
          Break after = r->pending > BREAK_SPACE ? r->pending : BREAK_NONE;

          r->pending = BREAK_NONE;
          emit (r, suffix, strlen (suffix));
          r->pending = after;
        }
      else if (*text != '\0' && strstr (text, "://") == NULL &&
               g_ascii_strncasecmp (text, "www.", 4) != 0 && !has_scheme (r->link_url, "mailto"))
        {
          /* "example.com/news" as the text: the link itself, so that it is
           * found (and opened) as the address it is. */
          g_string_truncate (r->out, r->link_start);
          g_string_append (r->out, r->link_url);
        }
    }
  r->link = NULL;
  g_clear_pointer (&r->link_url, g_free);
}

/* ---- Images ------------------------------------------------------------- */

static int
pixels (const char *value)
{
  char *end = NULL;
  gint64 n;

  if (value == NULL)
    return -1;
  n = g_ascii_strtoll (value, &end, 10);
  return end == value || n < 0 || n > 100000 ? -1 : (int) n;
}

/* 1×1 and 0×0 images (by attribute or style) are web beacons. */
static gboolean
is_tracking_pixel (xmlNode *node)
{
  int width = pixels (pr_html_attr (node, "width"));
  int height = pixels (pr_html_attr (node, "height"));
  const char *style = pr_html_attr (node, "style");

  if (width >= 0 && width <= 1 && height <= 1)
    return TRUE;
  if (height >= 0 && height <= 1 && width <= 1)
    return TRUE;
  if (style != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (style, -1);
      g_auto(GStrv) parts = g_strsplit_set (lower, " \t\n\r", -1);
      g_autofree char *compact = g_strjoinv ("", parts);

      return strstr (compact, "width:1px") != NULL || strstr (compact, "width:0") != NULL ||
             strstr (compact, "height:1px") != NULL || strstr (compact, "height:0") != NULL;
    }
  return FALSE;
}

static void
image (Render  *r,
       xmlNode *node)
{
  const char *alt = pr_html_attr (node, "alt");
  g_autofree char *clean_alt = NULL;
  g_autofree char *src = NULL;
  g_autofree char *caption = NULL;

  if (is_tracking_pixel (node))
    return;
  if (alt == NULL || *alt == '\0')
    alt = pr_html_attr (node, "title");
  clean_alt = alt != NULL ? g_strstrip (g_strdup (alt)) : NULL;
  if (clean_alt != NULL)
    g_strdelimit (clean_alt, "\t\n\r[]", ' ');
  /* Inside a link the caption takes the link's target, not the image's. */
  if (r->link == NULL)
    {
      src = pr_html_link_target (pr_html_attr (node, "src"), r->base);
      if (src != NULL && has_scheme (src, "mailto"))
        g_clear_pointer (&src, g_free);
    }
  caption = g_strdup_printf ("[Image%s%s]%s%s%s", clean_alt != NULL && *clean_alt ? ": " : "",
                             clean_alt != NULL ? clean_alt : "", src != NULL ? " (" : "",
                             src != NULL ? src : "", src != NULL ? ")" : "");

  if (r->cell_depth > 0 || r->link != NULL)
    {
      request (r, BREAK_SPACE);
      emit (r, caption, strlen (caption));
      request (r, BREAK_SPACE);
    }
  else if (!r->any_text)
    g_ptr_array_add (r->deferred, g_steal_pointer (&caption));
  else
    {
      request (r, BREAK_PARA);
      emit (r, caption, strlen (caption));
      request (r, BREAK_PARA);
    }
}

/* ---- Tables ------------------------------------------------------------- */

typedef struct {
  xmlNode  *table;
  gboolean  layout;
} LayoutState;

static gboolean
layout_enter (xmlNode  *node,
              gpointer  data)
{
  static const char * const blocks[] = {
    "table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "section", "article", NULL,
  };
  LayoutState *state = data;

  if (state->layout || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (node != state->table && g_strv_contains (blocks, (const char *) node->name))
    {
      state->layout = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* A table whose cells hold blocks lays a page out; it holds no data. */
static gboolean
is_data_table (xmlNode *table)
{
  LayoutState state = { table, FALSE };

  pr_html_walk (table, layout_enter, NULL, &state);
  return !state.layout;
}

/* ---- The walk ----------------------------------------------------------- */

static gboolean
is_headline (Render  *r,
             xmlNode *node)
{
  g_autofree char *text = NULL;

  if (r->headline == NULL || r->headline_seen || !(pr_html_is (node, "h1") || pr_html_is (node, "h2")))
    return FALSE;
  text = pr_html_text (node);
  r->headline_seen = pr_html_same_name (text, r->headline);
  return r->headline_seen;
}

static gboolean
render_enter (xmlNode  *node,
              gpointer  data)
{
  Render *r = data;
  const char *name = (const char *) node->name;

  if (r->full)
    return FALSE;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        emit_text (r, (const char *) node->content);
      return FALSE;
    }
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (g_strv_contains (skipped_tags, name) || is_headline (r, node))
    return FALSE;

  if (strcmp (name, "br") == 0)
    {
      /* Two in a row end a paragraph. */
      request (r, r->pending == BREAK_LINE && r->cell_depth == 0 ? BREAK_PARA : BREAK_LINE);
      return FALSE;
    }
  if (strcmp (name, "img") == 0)
    {
      image (r, node);
      return FALSE;
    }
  if (strcmp (name, "a") == 0)
    link_enter (r, node);
  else if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0)
    {
      request (r, r->list_depth == 0 ? BREAK_PARA : BREAK_LINE);
      r->list_depth++;
    }
  else if (strcmp (name, "li") == 0)
    {
      request (r, BREAK_LINE);
      g_free (r->prefix);
      r->prefix = g_strdup_printf ("%*s• ", 2 * (MAX (r->list_depth, 1) - 1), "");
    }
  else if (strcmp (name, "table") == 0)
    {
      gboolean data_table = r->cell_depth == 0 && is_data_table (node);

      request (r, data_table ? BREAK_PARA : BREAK_LINE);
      g_array_append_val (r->tables, data_table);
    }
  else if (in_data_table (r) && strcmp (name, "tr") == 0)
    {
      request (r, BREAK_LINE);
      r->cells = 0;
    }
  else if (in_data_table (r) && (strcmp (name, "td") == 0 || strcmp (name, "th") == 0))
    {
      if (r->cells++ > 0)
        {
          flush (r);
          g_string_append_c (r->out, '\t');
        }
      r->cell_depth++;
    }
  else if (strcmp (name, "tr") == 0 || strcmp (name, "td") == 0 || strcmp (name, "th") == 0 ||
           g_strv_contains (line_tags, name))
    request (r, BREAK_LINE);
  else if (g_strv_contains (para_tags, name))
    {
      request (r, BREAK_PARA);
      if (strcmp (name, "pre") == 0)
        r->pre_depth++;
    }
  return TRUE;
}

static void
render_leave (xmlNode  *node,
              gpointer  data)
{
  Render *r = data;
  const char *name = (const char *) node->name;

  if (node->type != XML_ELEMENT_NODE)
    return;
  if (strcmp (name, "a") == 0)
    link_leave (r, node);
  else if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0)
    {
      r->list_depth--;
      g_clear_pointer (&r->prefix, g_free);
      request (r, r->list_depth == 0 ? BREAK_PARA : BREAK_LINE);
    }
  else if (strcmp (name, "li") == 0)
    {
      g_clear_pointer (&r->prefix, g_free);
      request (r, BREAK_LINE);
    }
  else if (strcmp (name, "table") == 0)
    {
      gboolean data_table = in_data_table (r);

      g_array_set_size (r->tables, r->tables->len - 1);
      request (r, data_table ? BREAK_PARA : BREAK_LINE);
    }
  else if (in_data_table (r) && (strcmp (name, "td") == 0 || strcmp (name, "th") == 0))
    r->cell_depth--;
  else if (in_data_table (r) && strcmp (name, "tr") == 0)
    request (r, BREAK_LINE);
  else if (strcmp (name, "tr") == 0 || strcmp (name, "td") == 0 || strcmp (name, "th") == 0 ||
           g_strv_contains (line_tags, name))
    request (r, BREAK_LINE);
  else if (g_strv_contains (para_tags, name))
    {
      if (strcmp (name, "pre") == 0)
        r->pre_depth--;
      request (r, BREAK_PARA);
    }
}

char *
pr_html_render (GPtrArray  *roots,
                const char *headline,
                const char *base_url,
                gsize       max_length)
{
  Render r = { 0 };

  r.out = g_string_new (NULL);
  r.max = max_length;
  r.tables = g_array_new (FALSE, FALSE, sizeof (gboolean));
  r.deferred = g_ptr_array_new_with_free_func (g_free);
  r.headline = headline;
  r.base = base_url;

  for (guint i = 0; i < roots->len; i++)
    {
      pr_html_walk (g_ptr_array_index (roots, i), render_enter, render_leave, &r);
      request (&r, BREAK_PARA);
    }
  if (r.any_text)
    emit_deferred (&r);
  else
    g_string_truncate (r.out, 0);

  g_free (r.prefix);
  g_free (r.link_url);
  g_array_unref (r.tables);
  g_ptr_array_unref (r.deferred);
  return g_string_free (r.out, FALSE);
}
