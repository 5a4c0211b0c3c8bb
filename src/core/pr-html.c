/* pr-html.c: reading a release from an HTML page
 *
 * The page is decoded to UTF-8 here (BOM, then the HTTP header's charset,
 * then <meta charset>), parsed by libxml2's HTML parser, read for its
 * metadata (pr-html-meta.c), cut down to its body by a site profile or the
 * general extractor (pr-html-select.c, pr-html-extract.c), rendered as the
 * plain text the text parser reads best (pr-html-render.c) and parsed by
 * pr_parse_text(); what the page's metadata knows better is laid over the
 * result.
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <libxml/HTMLparser.h>

#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-html.h"
#include "pr-html-private.h"
#include "pr-parser.h"
#include "pr-util.h"
#include "pr-wire.h"

/* How far into the page a <meta charset> is looked for (the HTML
 * standard's prescan reads 1024 bytes; pages put comments first). */
#define CHARSET_PRESCAN 4096

/* ---- The tree ---------------------------------------------------------- */

static gboolean
has_children (xmlNode *node)
{
  return node->children != NULL &&
         (node->type == XML_ELEMENT_NODE || node->type == XML_DOCUMENT_NODE ||
          node->type == XML_HTML_DOCUMENT_NODE);
}

void
pr_html_walk (xmlNode         *root,
              PrHtmlEnterFunc  enter,
              PrHtmlLeaveFunc  leave,
              gpointer         data)
{
  xmlNode *node = root;

  if (root == NULL)
    return;
  for (;;)
    {
      if (enter (node, data))
        {
          if (has_children (node))
            {
              node = node->children;
              continue;
            }
          if (leave != NULL)
            leave (node, data);
        }
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (leave != NULL)
            leave (node, data);
        }
      if (node == root)
        return;
      node = node->next;
    }
}

gboolean
pr_html_is (xmlNode    *node,
            const char *tag)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         strcmp ((const char *) node->name, tag) == 0;
}

const char *
pr_html_attr (xmlNode    *node,
              const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->name != NULL && g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
      return attr->children != NULL && attr->children->content != NULL
             ? (const char *) attr->children->content : "";
  return NULL;
}

gboolean
pr_html_has_class (xmlNode    *node,
                   const char *class_name)
{
  const char *classes = pr_html_attr (node, "class");
  gsize n = strlen (class_name);

  for (const char *p = classes; p != NULL && *p; )
    {
      const char *end;

      while (g_ascii_isspace (*p))
        p++;
      for (end = p; *end && !g_ascii_isspace (*end); end++)
        ;
      if ((gsize) (end - p) == n && g_ascii_strncasecmp (p, class_name, n) == 0)
        return TRUE;
      p = end;
    }
  return FALSE;
}

gboolean
pr_html_is_web_url (const char *text)
{
  return text != NULL && (g_ascii_strncasecmp (text, "http://", 7) == 0 ||
                          g_ascii_strncasecmp (text, "https://", 8) == 0);
}

gboolean
pr_html_inside (xmlNode            *node,
                const char * const *tags)
{
  for (xmlNode *up = node->parent; up != NULL; up = up->parent)
    if (up->type == XML_ELEMENT_NODE && g_strv_contains (tags, (const char *) up->name))
      return TRUE;
  return FALSE;
}

typedef struct {
  GString  *out;
  gboolean  space;
} TextState;

static gboolean
text_enter (xmlNode  *node,
            gpointer  data)
{
  TextState *state = data;

  if (node->type == XML_ELEMENT_NODE)
    return !pr_html_is (node, "script") && !pr_html_is (node, "style") &&
           !pr_html_is (node, "template") && !pr_html_is (node, "noscript");
  if ((node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE) || node->content == NULL)
    return FALSE;
  for (const char *p = (const char *) node->content; *p; p++)
    {
      if (g_ascii_isspace (*p))
        state->space = TRUE;
      else
        {
          if (state->space && state->out->len > 0)
            g_string_append_c (state->out, ' ');
          state->space = FALSE;
          g_string_append_c (state->out, *p);
        }
    }
  return FALSE;
}

static void
text_leave (xmlNode  *node,
            gpointer  data)
{
  TextState *state = data;

  /* "<p>a</p><p>b</p>" reads "a b". */
  if (node->type == XML_ELEMENT_NODE && !pr_html_is (node, "span") && !pr_html_is (node, "a") &&
      !pr_html_is (node, "b") && !pr_html_is (node, "i") && !pr_html_is (node, "em") &&
      !pr_html_is (node, "strong"))
    state->space = TRUE;
}

char *
pr_html_text (xmlNode *node)
{
  TextState state = { g_string_new (NULL), FALSE };

  pr_html_walk (node, text_enter, text_leave, &state);
  return g_string_free (state.out, FALSE);
}

/* ---- Decoding ----------------------------------------------------------- */

/* A charset label as iconv knows it: the HTML standard reads Latin-1 and
 * ASCII labels as Windows-1252, GB2312 as its superset, and an ASCII-
 * compatible page that says UTF-16 as UTF-8. */
static char *
charset_name (const char *label)
{
  g_autofree char *lower = g_ascii_strdown (label, -1);
  static const struct { const char *label, *name; } aliases[] = {
    { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" }, { "utf-16", "UTF-8" },
    { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" }, { "iso-8859-1", "WINDOWS-1252" },
    { "iso8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
    { "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
    { "x-cp1252", "WINDOWS-1252" }, { "gb2312", "GB18030" }, { "gbk", "GB18030" },
    { "x-sjis", "SHIFT_JIS" }, { "x-gbk", "GB18030" },
  };

  g_strstrip (lower);
  if (*lower == '\0' || strlen (lower) > 40)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (lower, aliases[i].label) == 0)
      return g_strdup (aliases[i].name);
  for (const char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return NULL;
  if (strcmp (lower, "utf-8") == 0)
    return g_strdup ("UTF-8");
  {
    /* A label iconv does not know is no charset. */
    GIConv probe = g_iconv_open ("UTF-8", lower);

    if (probe == (GIConv) -1)
      return NULL;
    g_iconv_close (probe);
  }
  return g_steal_pointer (&lower);
}

/* The charset a <meta> in the first bytes declares, or NULL. */
static char *
prescan_meta_charset (const char *data,
                      gsize       length)
{
  gsize n = MIN (length, CHARSET_PRESCAN);

  for (gsize i = 0; i + 5 < n; i++)
    {
      const char *end;

      if (data[i] != '<' || g_ascii_strncasecmp (data + i + 1, "meta", 4) != 0)
        continue;
      end = memchr (data + i, '>', n - i);
      if (end == NULL)
        return NULL;
      for (const char *p = data + i + 5; p + 7 < end; p++)
        {
          const char *v;
          gsize len = 0;

          if (g_ascii_strncasecmp (p, "charset", 7) != 0)
            continue;
          for (v = p + 7; v < end && g_ascii_isspace (*v); v++)
            ;
          if (v >= end || *v != '=')
            continue;
          for (v++; v < end && (g_ascii_isspace (*v) || *v == '"' || *v == '\''); v++)
            ;
          while (v + len < end && (g_ascii_isalnum (v[len]) || strchr ("-_.:", v[len]) != NULL))
            len++;
          if (len > 0)
            {
              g_autofree char *label = g_strndup (v, len);
              return charset_name (label);
            }
        }
      i = end - data;
    }
  return NULL;
}

/* Converts with iconv; a byte the charset does not have becomes U+FFFD. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  GString *out;
  char buffer[4096];
  char *in = (char *) data;
  gsize in_left = length;

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + length / 4);
  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved = errno;

      g_string_append_len (out, buffer, outp - buffer);
      if (r != (gsize) -1 || saved == E2BIG)
        continue;
      /* EILSEQ, or EINVAL for a sequence cut off at the end. */
      g_string_append (out, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (cd);
  return g_string_free (out, FALSE);
}

static gboolean
has_utf16_bom (const char *data,
               gsize       length)
{
  const guchar *bytes = (const guchar *) data;

  return length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
}

/* The page as valid UTF-8 without a BOM. */
static char *
decode_page (const char *data,
             gsize       length,
             const char *charset_hint)
{
  const guchar *bytes = (const guchar *) data;
  g_autofree char *charset = NULL;
  char *utf8 = NULL;

  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    return g_utf8_make_valid (data + 3, length - 3);
  if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    utf8 = convert_lossy (data + 2, length - 2, "UTF-16LE");
  else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    utf8 = convert_lossy (data + 2, length - 2, "UTF-16BE");
  if (utf8 != NULL)
    return utf8;

  if (charset_hint != NULL)
    charset = charset_name (charset_hint);
  if (charset == NULL)
    charset = prescan_meta_charset (data, length);
  if (charset == NULL)
    charset = g_strdup (g_utf8_validate (data, length, NULL) ? "UTF-8" : "WINDOWS-1252");

  /* Invalid bytes in a UTF-8 page become U+FFFD: the rest stays readable. */
  if (strcmp (charset, "UTF-8") != 0)
    utf8 = convert_lossy (data, length, charset);
  return utf8 != NULL ? utf8 : g_utf8_make_valid (data, length);
}

/* ---- The release -------------------------------------------------------- */

/* The first profile selector that finds something: its datetime, content
 * or collapsed text. */
static char *
select_value (xmlNode   *root,
              GPtrArray *selectors)
{
  xmlNode *node = pr_html_select_any (root, selectors);
  const char *attr;

  if (node == NULL)
    return NULL;
  if ((attr = pr_html_attr (node, "datetime")) != NULL || (attr = pr_html_attr (node, "content")) != NULL)
    return g_strstrip (g_strdup (attr));
  return pr_html_text (node);
}

static gboolean
has_entity (GPtrArray  *entities,
            const char *name)
{
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    if (g_ascii_strcasecmp (pr_entity_get_name (g_ptr_array_index (entities, i)), name) == 0)
      return TRUE;
  return FALSE;
}

/* JSON-LD's authors and subjects, added after what the text named. */
static void
add_entities (PrRelease    *release,
              GPtrArray    *names,
              PrEntityKind  kind)
{
  GPtrArray *have = kind == PR_ENTITY_PERSON ? pr_release_get_people (release)
                                             : pr_release_get_organizations (release);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean added = FALSE;

  for (guint i = 0; have != NULL && i < have->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (have, i)));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (has_entity (all, name))
        continue;
      g_ptr_array_add (all, pr_entity_new (kind, name, NULL));
      added = TRUE;
    }
  if (!added)
    return;
  if (kind == PR_ENTITY_PERSON)
    pr_release_set_people (release, all);
  else
    pr_release_set_organizations (release, all);
}

/* What the page says, read from its tree: the tree can go before the
 * text parser (a large page's tree and its parse together would double
 * the memory a read takes). */
typedef struct {
  PrHtmlMeta  meta;
  char       *headline;
  char       *rendition;
  const char *wire;        /* the profile's, for a page on the wire's host */
  char       *place;       /* the dateline's parts as the profile finds them */
  char       *place_date;
} Page;

static void
page_clear (Page *page)
{
  pr_html_meta_clear (&page->meta);
  g_free (page->headline);
  g_free (page->rendition);
  g_free (page->place);
  g_free (page->place_date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

/* What the page knows better than its text: the date when the text gave
 * none, the wire of a wire's own page, the dateline the page marks up. */
static void
overlay (PrRelease *release,
         Page      *page)
{
  if (pr_release_get_date (release) == NULL && page->meta.date != NULL)
    pr_release_set_field (release, PR_FIELD_DATE, page->meta.date);

  if (pr_release_get_source (release) == NULL)
    {
      const char *wire = page->meta.publisher != NULL ? pr_wire_canonical (page->meta.publisher) : NULL;

      if (wire == NULL)
        wire = page->wire;
      if (wire != NULL)
        pr_release_set_field (release, PR_FIELD_SOURCE, wire);
    }

  if (pr_release_get_field (release, PR_FIELD_CITY) == NULL && page->place != NULL &&
      *page->place != '\0' && strlen (page->place) < 100)
    {
      g_autofree char *city = NULL;
      g_autofree char *region = NULL;

      pr_dateline_split_place (page->place, &city, &region);
      pr_release_set_field (release, PR_FIELD_CITY, city);
      pr_release_set_field (release, PR_FIELD_REGION, region);
    }
  if (pr_release_get_date (release) == NULL && page->place_date != NULL)
    {
      g_autofree char *iso = pr_html_meta_iso_date (page->place_date);
      pr_release_set_field (release, PR_FIELD_DATE, iso);
    }

  add_entities (release, page->meta.people, PR_ENTITY_PERSON);
  add_entities (release, page->meta.orgs, PR_ENTITY_ORGANIZATION);
  pr_release_compute_id (release);
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The profile's container without what the profile and the furniture
 * rules drop; NULL when the page has none. */
static xmlNode *
profile_body (xmlNode       *root,
              PrHtmlProfile *profile)
{
  xmlNode *body = pr_html_select_any (root, profile->body);

  if (body == NULL)
    return NULL;
  for (guint i = 0; i < profile->remove->len; i++)
    {
      g_autoptr(GPtrArray) doomed = pr_html_select_all (body, g_ptr_array_index (profile->remove, i));

      for (guint j = 0; j < doomed->len; j++)
        if (g_ptr_array_index (doomed, j) != body)
          {
            xmlUnlinkNode (g_ptr_array_index (doomed, j));
            xmlFreeNode (g_ptr_array_index (doomed, j));
          }
    }
  pr_html_remove_furniture (body);
  return body;
}

static void
read_tree (xmlNode    *root,
           const char *origin,
           Page       *page)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  PrHtmlProfile *profile;
  const char *base;
  gboolean by_host = FALSE;

  page->headline = g_strdup (page->meta.headline);
  base = page->meta.canonical != NULL ? page->meta.canonical : pr_html_is_web_url (origin) ? origin : NULL;

  profile = pr_html_profile_find (pr_html_profiles (), root, page->meta.host, &by_host);
  if (profile != NULL)
    {
      xmlNode *body;

      if (page->headline == NULL || page->meta.headline_trust < 2)
        {
          g_autofree char *own = select_value (root, profile->headline);

          if (own != NULL && *own != '\0' && g_utf8_strlen (own, -1) <= 400)
            pr_set_str (&page->headline, own);
        }
      if (page->meta.date == NULL)
        {
          g_autofree char *when = select_value (root, profile->date);
          page->meta.date = when != NULL ? pr_html_meta_iso_date (when) : NULL;
        }
      page->wire = by_host ? profile->source : NULL;
      page->place = select_value (root, profile->place);
      page->place_date = select_value (root, profile->place_date);

      if ((body = profile_body (root, profile)) != NULL)
        {
          g_ptr_array_add (roots, body);
          page->rendition = pr_html_render (roots, page->headline, base, PR_PARSER_MAX_SIZE - 1024);
        }
    }

  /* No profile, or its container empty (a page that fills it by script):
   * the general extractor. */
  if (page->rendition == NULL || is_blank (page->rendition))
    {
      g_clear_pointer (&page->rendition, g_free);
      pr_html_remove_furniture (root);
      g_ptr_array_unref (roots);
      roots = pr_html_extract_body (root);
      page->rendition = pr_html_render (roots, page->headline, base, PR_PARSER_MAX_SIZE - 1024);
    }
}

PrRelease *
pr_html_read (const char  *data,
              gsize        length,
              const char  *origin,
              const char  *charset_hint,
              GError     **error)
{
  g_auto(Page) page = { 0 };
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;
  gboolean too_deep;
  PrRelease *release;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* Empty, too large (refused before anything is decoded) or binary: the
   * text decoder says so, with the same words as for a text file. */
  if (length == 0 || length > PR_PARSER_MAX_SIZE ||
      (memchr (data, '\0', length) != NULL && !has_utf16_bom (data, length)))
    return pr_parse_text (data, length, origin, error);

  utf8 = decode_page (data, length, charset_hint);
  /* No network, no entities from outside, no messages on stderr; the
   * page's own charset is not read again: it is UTF-8 now. Nesting past
   * libxml2's limit (256) ends the parse there, which bounds every walk. */
  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("%s: out of memory", G_STRFUNC);
  doc = htmlCtxtReadMemory (ctxt, utf8, (int) strlen (utf8), NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  /* The parse stopped at the nesting limit ("Excessive depth"). */
  too_deep = ctxt->errNo == XML_ERR_INTERNAL_ERROR;
  htmlFreeParserCtxt (ctxt);
  g_clear_pointer (&utf8, g_free);
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    {
      pr_html_meta_read (doc, &page.meta);
      read_tree (xmlDocGetRootElement (doc), origin, &page);
    }
  if (doc != NULL)
    xmlFreeDoc (doc);

  if (page.rendition == NULL || is_blank (page.rendition))
    {
      if (too_deep)
        g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                     /* Translators: why a web page was not imported; %d is
                      * a number of levels (256). */
                     _("no release text found: the page nests its elements more than %d levels deep, and what is deeper was not read"),
                     256);
      else
        g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                             /* Translators: why a file was not imported. */
                             _("no release text found (no headline and no body)"));
      return NULL;
    }
  text = page.headline != NULL && *page.headline != '\0'
         ? g_strconcat (page.headline, "\n\n", page.rendition, NULL)
         : g_steal_pointer (&page.rendition);
  g_clear_pointer (&page.rendition, g_free);
  release = pr_parse_text (text, strlen (text), page.meta.canonical != NULL ? page.meta.canonical : origin,
                           error);
  if (release != NULL)
    overlay (release, &page);
  return release;
}
