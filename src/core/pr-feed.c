/* pr-feed.c: feeds (RSS, RDF, Atom, JSON Feed) and their items
 *
 * Elements are matched by their local name (feeds mix namespaces freely);
 * text is read from text and CDATA nodes only, so an entity reference
 * (internal or external) is never expanded and a file it names is never
 * read. libxml2 reports an entity loop before anything grows. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pr-feed.h"
#include "pr-html.h"
#include "pr-parser-error.h"
#include "pr-text.h"
#include "pr-xhtml-text.h"

#define MAX_TEXT (1024 * 1024)     /* of one element's text */
#define MAX_DEPTH 64               /* of the elements walked for text */
#define SUMMARY_WORDS 120          /* a summary is shorter than a release */
#define CONTENT_WORDS 20           /* a content this short is a teaser */
#define MAX_JSON_DEPTH 64          /* json-glib recurses: its stack is the limit */
#define MAX_IMAGES 16              /* of one item */
#define MEDIA_NS "http://search.yahoo.com/mrss"

G_DEFINE_QUARK (pr-feed-error-quark, pr_feed_error)

/* ---- items and feeds ---- */

static void
item_free (PrFeedItem *item)
{
  g_free (item->guid);
  g_free (item->link);
  g_free (item->title);
  g_free (item->summary);
  g_free (item->content);
  g_free (item->author);
  g_clear_pointer (&item->published, g_date_time_unref);
  g_clear_pointer (&item->updated, g_date_time_unref);
  g_strfreev (item->categories);
  g_strfreev (item->images);
  g_free (item);
}

void
pr_feed_free (PrFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->title);
  g_free (feed->link);
  g_free (feed->description);
  g_clear_pointer (&feed->items, g_ptr_array_unref);
  g_free (feed);
}

static PrFeed *
feed_new (PrFeedKind kind)
{
  PrFeed *feed = g_new0 (PrFeed, 1);

  feed->kind = kind;
  feed->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return feed;
}

/* Adds @item, or counts it past the cap. */
static gboolean
feed_add (PrFeed     *feed,
          PrFeedItem *item)
{
  if (feed->items->len >= PR_FEED_MAX_ITEMS)
    {
      feed->items_dropped++;
      item_free (item);
      return FALSE;
    }
  g_ptr_array_add (feed->items, item);
  return TRUE;
}

/* ---- XML ---- */

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

static gboolean
in_namespace (xmlNode    *node,
              const char *prefix_of_uri)
{
  return node->ns != NULL && node->ns->href != NULL &&
         g_str_has_prefix ((const char *) node->ns->href, prefix_of_uri);
}

static void
collect_text (xmlNode *node,
              GString *out,
              guint    depth)
{
  for (xmlNode *child = node->children; child != NULL && out->len < MAX_TEXT; child = child->next)
    {
      if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
        g_string_append (out, (const char *) child->content);
      else if (child->type == XML_ENTITY_REF_NODE)
        {
          /* An HTML entity's character; any other entity stays unread. */
          const htmlEntityDesc *html = htmlEntityLookup (child->name);

          if (html != NULL)
            g_string_append_unichar (out, html->value);
        }
      else if (child->type == XML_ELEMENT_NODE && depth < MAX_DEPTH)
        collect_text (child, out, depth + 1);
    }
}

/* The text of @node, never NULL; NULL when empty with @or_null. */
static char *
text_of (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  collect_text (node, out, 0);
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  if (!g_utf8_validate (out->str, -1, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, -1);

      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}

/* Plain text for a title (@text is taken): white space (no-break spaces
 * too) collapsed, markup an HTML title may carry ("&lt;b&gt;") dropped. */
static char *
plain_take (char *text)
{
  g_autofree char *owned = text;
  g_autofree char *rendered = NULL;
  const char *plain = owned;

  if (owned == NULL)
    return NULL;
  if (strchr (owned, '<') != NULL || strchr (owned, '&') != NULL)
    {
      rendered = pr_xhtml_text_from_html (owned, strlen (owned));
      if (rendered != NULL)
        plain = rendered;
    }
  /* No-break spaces (&nbsp; in titles) are spaces in plain text. */
  if (strstr (plain, "\xc2\xa0") != NULL)
    {
      g_autoptr(GString) spaced = g_string_new (plain);

      g_string_replace (spaced, "\xc2\xa0", " ", 0);
      return pr_text_collapse_space (spaced->str);
    }
  return pr_text_collapse_space (plain);
}

/* @href resolved against @node's base (xml:base, then the feed's URL);
 * only http and https kept. */
static char *
resolve (xmlNode    *node,
         const char *href)
{
  g_autofree char *base = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;
  xmlChar *xml_base;

  if (href == NULL || *href == '\0')
    return NULL;
  xml_base = xmlNodeGetBase (node->doc, node);
  base = g_strdup ((const char *) xml_base);
  xmlFree (xml_base);
  resolved = base != NULL ? g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL) : g_strdup (href);
  if (resolved == NULL)
    return NULL;
  scheme = g_uri_parse_scheme (resolved);
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  return g_steal_pointer (&resolved);
}

static char *
attr_of (xmlNode    *node,
         const char *name)
{
  return pr_xhtml_text_attr (node, name);
}

/* Relative href and src attributes under @node resolved against their
 * xml:base, since the content leaves the document that gives it. */
static void
resolve_in_tree (xmlNode *node,
                 guint    depth)
{
  static const char *const names[] = { "href", "src" };

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *value = attr_of (child, names[i]);
          g_autofree char *resolved = NULL;
          xmlChar *base;

          if (value == NULL || g_uri_peek_scheme (value) != NULL)
            continue;
          base = xmlNodeGetBase (child->doc, child);
          if (base != NULL)
            resolved = g_uri_resolve_relative ((const char *) base, value, G_URI_FLAGS_NONE, NULL);
          xmlFree (base);
          if (resolved != NULL)
            xmlSetProp (child, BAD_CAST names[i], BAD_CAST resolved);
        }
      if (depth < MAX_DEPTH)
        resolve_in_tree (child, depth + 1);
    }
}

/* Atom's text constructs: text (escaped into HTML), html, xhtml (the
 * children of its div, serialized, their links made absolute). */
static char *
atom_html (xmlNode *node)
{
  g_autofree char *type = attr_of (node, "type");

  if (type != NULL && g_str_equal (type, "xhtml"))
    {
      xmlBufferPtr buffer = xmlBufferCreate ();
      xmlNode *div = NULL;
      char *html;

      /* The content is the children of its <div>. */
      for (xmlNode *child = node->children; child != NULL && div == NULL; child = child->next)
        if (is_named (child, "div"))
          div = child;
      resolve_in_tree (div != NULL ? div : node, 0);
      for (xmlNode *child = (div != NULL ? div : node)->children; child != NULL; child = child->next)
        xmlNodeDump (buffer, node->doc, child, 0, 0);
      html = g_strdup ((const char *) xmlBufferContent (buffer));
      xmlBufferFree (buffer);
      return html;
    }
  {
    g_autofree char *text = text_of (node);

    if (text == NULL)
      return NULL;
    if (type != NULL && (g_str_equal (type, "html") || g_str_has_suffix (type, "/html")))
      return g_steal_pointer (&text);
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      return g_strdup_printf ("<p>%s</p>", escaped);
    }
  }
}

static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = value;
  else
    g_free (value);
}

static void
set_date_once (GDateTime **field,
               xmlNode    *node)
{
  g_autofree char *text = NULL;

  if (*field != NULL)
    return;
  text = text_of (node);
  *field = pr_feed_parse_date (text);
}

static void
add_category (GPtrArray  *categories,
              char       *name)
{
  if (name != NULL && *name != '\0' && categories->len < 32)
    g_ptr_array_add (categories, name);
  else
    g_free (name);
}

/* The address of an image that media:content, media:thumbnail (also in
 * a media:group), an image <enclosure> or an Atom image enclosure names,
 * added to @images. TRUE when @node is one of these elements, an image
 * or not. The images are links only: nothing here loads them. */
static gboolean
media_image (xmlNode   *node,
             GPtrArray *images)
{
  g_autofree char *url = NULL;
  g_autofree char *src = attr_of (node, "url");
  g_autofree char *type = attr_of (node, "type");
  g_autofree char *medium = NULL;
  gboolean image = type != NULL && g_ascii_strncasecmp (type, "image/", 6) == 0;

  if (in_namespace (node, MEDIA_NS))
    {
      if (is_named (node, "group"))
        {
          for (xmlNode *child = node->children; child != NULL; child = child->next)
            if (child->type == XML_ELEMENT_NODE && in_namespace (child, MEDIA_NS))
              media_image (child, images);
          return TRUE;
        }
      medium = attr_of (node, "medium");
      if (medium != NULL && g_str_equal (medium, "image"))
        image = TRUE;
      if (is_named (node, "thumbnail") || (is_named (node, "content") && image))
        url = resolve (node, src);
    }
  else if (is_named (node, "enclosure") && node->ns == NULL)
    {
      if (image)
        url = resolve (node, src);
    }
  else if (is_named (node, "link") && in_namespace (node, "http://www.w3.org/2005/Atom"))
    {
      g_autofree char *rel = attr_of (node, "rel");
      g_autofree char *href = NULL;

      if (rel == NULL || !g_str_equal (rel, "enclosure"))
        return FALSE;
      href = attr_of (node, "href");
      if (image)
        url = resolve (node, href);
    }
  else
    return FALSE;
  if (url != NULL && images->len < MAX_IMAGES &&
      !g_ptr_array_find_with_equal_func (images, url, g_str_equal, NULL))
    g_ptr_array_add (images, g_steal_pointer (&url));
  return TRUE;
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* An RSS item (0.9x, 2.0 or 1.0). */
static PrFeedItem *
rss_item (xmlNode *node)
{
  PrFeedItem *item = g_new0 (PrFeedItem, 1);
  GPtrArray *categories = g_ptr_array_new ();
  GPtrArray *images = g_ptr_array_new ();
  g_autofree char *perma = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || media_image (child, images))
        continue;
      if (is_named (child, "title"))
        {
          set_once (&item->title, plain_take (text_of (child)));
        }
      else if (is_named (child, "link") && child->ns == NULL)
        {
          g_autofree char *text = text_of (child);

          set_once (&item->link, resolve (child, text));
        }
      else if (is_named (child, "link") && in_namespace (child, "http://www.w3.org/2005/Atom"))
        {
          g_autofree char *href = attr_of (child, "href");

          set_once (&item->link, resolve (child, href));
        }
      else if (is_named (child, "guid"))
        {
          g_autofree char *permalink = attr_of (child, "isPermaLink");

          set_once (&item->guid, text_of (child));
          if (permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0)
            set_once (&perma, resolve (child, item->guid));
        }
      else if (is_named (child, "encoded"))   /* content:encoded */
        set_once (&item->content, text_of (child));
      else if (is_named (child, "description") || is_named (child, "summary"))
        set_once (&item->summary, text_of (child));
      else if (is_named (child, "pubDate") || is_named (child, "issued"))
        set_date_once (&item->published, child);
      else if (is_named (child, "date"))        /* dc:date */
        set_date_once (&item->published, child);
      else if (is_named (child, "modified") || is_named (child, "updated"))
        set_date_once (&item->updated, child);
      else if (is_named (child, "creator") || is_named (child, "author"))
        set_once (&item->author, plain_take (text_of (child)));
      else if (is_named (child, "category") || is_named (child, "subject"))
        add_category (categories, plain_take (text_of (child)));
    }
  /* RSS 1.0 items name themselves. */
  if (item->guid == NULL)
    set_once (&item->guid, attr_of (node, "about"));
  if (item->link == NULL && perma != NULL)
    item->link = g_steal_pointer (&perma);
  item->categories = steal_strv (categories);
  item->images = steal_strv (images);
  return item;
}

static PrFeedItem *
atom_entry (xmlNode *node)
{
  PrFeedItem *item = g_new0 (PrFeedItem, 1);
  GPtrArray *categories = g_ptr_array_new ();
  GPtrArray *images = g_ptr_array_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || media_image (child, images))
        continue;
      if (is_named (child, "title"))
        {
          set_once (&item->title, plain_take (atom_html (child)));
        }
      else if (is_named (child, "id"))
        set_once (&item->guid, text_of (child));
      else if (is_named (child, "link"))
        {
          g_autofree char *rel = attr_of (child, "rel");
          g_autofree char *href = attr_of (child, "href");

          if (rel == NULL || g_str_equal (rel, "alternate"))
            set_once (&item->link, resolve (child, href));
        }
      else if (is_named (child, "content"))
        {
          g_autofree char *src = attr_of (child, "src");

          if (src == NULL)
            set_once (&item->content, atom_html (child));
        }
      else if (is_named (child, "summary"))
        set_once (&item->summary, atom_html (child));
      else if (is_named (child, "published"))
        set_date_once (&item->published, child);
      else if (is_named (child, "updated"))
        set_date_once (&item->updated, child);
      else if (is_named (child, "author"))
        {
          for (xmlNode *name = child->children; name != NULL; name = name->next)
            if (is_named (name, "name"))
              set_once (&item->author, plain_take (text_of (name)));
        }
      else if (is_named (child, "category"))
        {
          g_autofree char *term = attr_of (child, "label");

          add_category (categories, term != NULL ? g_steal_pointer (&term) : attr_of (child, "term"));
        }
    }
  if (item->published == NULL && item->updated != NULL)
    item->published = g_date_time_ref (item->updated);
  item->categories = steal_strv (categories);
  item->images = steal_strv (images);
  return item;
}

/* The channel's (or feed's) own elements. */
static void
read_channel (PrFeed  *feed,
              xmlNode *channel)
{
  guint frequency = 1;
  g_autofree char *period = NULL;

  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_named (child, "title"))
        set_once (&feed->title, plain_take (feed->kind == PR_FEED_ATOM ? atom_html (child) : text_of (child)));
      else if (is_named (child, "link") && feed->kind == PR_FEED_ATOM)
        {
          g_autofree char *rel = attr_of (child, "rel");
          g_autofree char *href = attr_of (child, "href");

          if (rel == NULL || g_str_equal (rel, "alternate"))
            set_once (&feed->link, resolve (child, href));
        }
      else if (is_named (child, "link") && child->ns == NULL)
        {
          g_autofree char *text = text_of (child);

          set_once (&feed->link, resolve (child, text));
        }
      else if (is_named (child, "description") || is_named (child, "subtitle"))
        set_once (&feed->description, plain_take (text_of (child)));
      else if (is_named (child, "ttl"))
        {
          g_autofree char *text = text_of (child);

          feed->ttl_minutes = text != NULL ? (guint) MIN (g_ascii_strtoull (text, NULL, 10), 7 * 24 * 60) : 0;
        }
      else if (is_named (child, "updatePeriod"))
        set_once (&period, text_of (child));
      else if (is_named (child, "updateFrequency"))
        {
          g_autofree char *text = text_of (child);

          frequency = text != NULL ? MAX (1, (guint) MIN (g_ascii_strtoull (text, NULL, 10), 1000)) : 1;
        }
    }
  if (period != NULL)
    {
      static const struct { const char *name; guint minutes; } periods[] = {
        { "hourly", 60 }, { "daily", 24 * 60 }, { "weekly", 7 * 24 * 60 },
        { "monthly", 30 * 24 * 60 }, { "yearly", 365 * 24 * 60 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
        if (g_ascii_strcasecmp (g_strstrip (period), periods[i].name) == 0)
          feed->update_period_minutes = periods[i].minutes / frequency;
    }
}

static void
set_xml_error (GError           **error,
               xmlParserCtxtPtr   ctxt)
{
  const xmlError *e = xmlCtxtGetLastError (ctxt);
  g_autofree char *detail = NULL;

  if (e != NULL && e->code == XML_ERR_ENTITY_LOOP)
    {
      g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
                           /* Translators: a feed's error: its entity declarations
                            * would make it grow without bound ("billion laughs"). */
                           _("The feed was refused: its entities would expand without bound"));
      return;
    }
  detail = g_utf8_make_valid (e != NULL && e->message != NULL ? e->message : "", -1);
  for (char *p = detail; *p; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_strstrip (detail);
  g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
               /* Translators: a feed's error; %d is a line, %s libxml2's reason, in English. */
               _("The feed is not well-formed XML (line %d: %s)"), e != NULL ? e->line : 0, detail);
}

/* The encoding a byte order mark names, or NULL. */
static const char *
bom_encoding (const char *data,
              gsize       length)
{
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return "UTF-8";
  if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    return "UTF-16LE";
  if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    return "UTF-16BE";
  return NULL;
}

/* The parser's entity lookup: an entity the document does not declare
 * but HTML does (&nbsp;, &eacute;: feeds written from HTML templates) is
 * declared as its character when met, so that such a feed is read rather
 * than refused. Entities are still never substituted: collect_text()
 * gives the HTML character of a reference, nothing else. */
static xmlEntityPtr
get_entity_cb (void          *user_data,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = user_data;
  xmlEntityPtr entity = xmlSAX2GetEntity (user_data, name);
  const htmlEntityDesc *html;
  char utf8[8];

  if (entity != NULL || ctxt->myDoc == NULL || ctxt->inSubset != 0 ||
      (html = htmlEntityLookup (name)) == NULL)
    return entity;
  utf8[g_unichar_to_utf8 (html->value, utf8)] = '\0';
  if (ctxt->myDoc->intSubset == NULL &&
      xmlCreateIntSubset (ctxt->myDoc, BAD_CAST "feed", NULL, NULL) == NULL)
    return NULL;
  return xmlAddDocEntity (ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL,
                          BAD_CAST utf8);
}

static xmlDocPtr
read_xml (const char  *data,
          gsize        length,
          const char  *url,
          const char  *charset_hint,
          GError     **error)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  /* No network, no entity substituted, no DTD loaded, libxml2's limits
   * kept (no XML_PARSE_HUGE), no messages on stderr. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  /* A BOM wins over the HTTP charset, which wins over the declaration. */
  const char *bom = bom_encoding (data, length);
  const char *encoding = bom != NULL ? bom : charset_hint;
  xmlDocPtr doc;

  if (ctxt == NULL)
    g_error ("%s: libxml2 could not make a parser context", G_STRFUNC);
  ctxt->sax->getEntity = get_entity_cb;
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, url, encoding, options);
  /* A server's charset that libxml2 does not know, or that is wrong: the
   * document's own declaration. */
  if (doc == NULL && encoding != NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);

      if (e == NULL || e->code != XML_ERR_ENTITY_LOOP)
        doc = xmlCtxtReadMemory (ctxt, data, (int) length, url, NULL, options);
    }
  if (doc == NULL)
    set_xml_error (error, ctxt);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* ---- JSON Feed ---- */

static char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      return text != NULL && *text != '\0' ? g_utf8_make_valid (text, -1) : NULL;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static char *
json_link (JsonObject *object,
           const char *member,
           const char *base)
{
  g_autofree char *href = json_string (object, member);
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;

  if (href == NULL)
    return NULL;
  resolved = base != NULL ? g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL) : g_strdup (href);
  scheme = resolved != NULL ? g_uri_parse_scheme (resolved) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  return g_steal_pointer (&resolved);
}

/* Nesting depth of a JSON text, strings skipped: json-glib 1.6 recurses
 * without a limit, so a deep text would exhaust the stack. */
static guint
json_depth (const char *data,
            gsize       length)
{
  guint depth = 0, max = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        max = MAX (max, ++depth);
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return max;
}

static PrFeed *
parse_json_feed (const char  *data,
                 gsize        length,
                 const char  *url,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *version = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *items;
  PrFeed *feed;

  if (json_depth (data, length) > MAX_JSON_DEPTH)
    {
      g_autofree char *reason = g_strdup_printf ("nested more than %d levels deep", MAX_JSON_DEPTH);

      /* The reason in English, as json-glib's are: no new message. */
      g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
                   _("The feed is not valid JSON (%s)"), reason);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local))
    {
      g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
                   /* Translators: a feed's error; %s is json-glib's reason, in English. */
                   _("The feed is not valid JSON (%s)"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? json_string (object, "version") : NULL;
  if (version == NULL || !g_str_has_prefix (version, "https://jsonfeed.org/version/"))
    {
      g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED,
                           /* Translators: a feed's error. */
                           _("Not a feed: JSON that is not a JSON Feed"));
      return NULL;
    }

  feed = feed_new (PR_FEED_JSON);
  feed->title = plain_take (json_string (object, "title"));
  feed->link = json_link (object, "home_page_url", url);
  feed->description = json_string (object, "description");
  items = json_object_has_member (object, "items") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "items"))
          ? json_object_get_array_member (object, "items") : NULL;
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *entry;
      PrFeedItem *item;
      g_autofree char *published = NULL;
      g_autofree char *modified = NULL;
      g_autofree char *text = NULL;
      GPtrArray *categories = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_ptr_array_unref (categories);
          continue;
        }
      entry = json_node_get_object (node);
      item = g_new0 (PrFeedItem, 1);
      item->guid = json_string (entry, "id");
      item->link = json_link (entry, "url", url);
      if (item->link == NULL)
        item->link = json_link (entry, "external_url", url);
      item->title = plain_take (json_string (entry, "title"));
      item->content = json_string (entry, "content_html");
      text = json_string (entry, "content_text");
      if (item->content == NULL && text != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (text, -1);
          g_autoptr(GString) html = g_string_new ("<p>");

          g_string_append (html, escaped);
          g_string_replace (html, "\n\n", "</p><p>", 0);
          g_string_append (html, "</p>");
          item->content = g_string_free (g_steal_pointer (&html), FALSE);
        }
      item->summary = json_string (entry, "summary");
      published = json_string (entry, "date_published");
      modified = json_string (entry, "date_modified");
      item->published = pr_feed_parse_date (published != NULL ? published : modified);
      item->updated = pr_feed_parse_date (modified);
      if (json_object_has_member (entry, "tags") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (entry, "tags")))
        {
          JsonArray *tags = json_object_get_array_member (entry, "tags");

          for (guint t = 0; t < json_array_get_length (tags); t++)
            {
              JsonNode *tag = json_array_get_element (tags, t);

              if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
                add_category (categories, g_utf8_make_valid (json_node_get_string (tag), -1));
            }
        }
      item->categories = steal_strv (categories);
      {
        g_autofree char *image = json_link (entry, "image", url);
        g_autofree char *banner = json_link (entry, "banner_image", url);
        GPtrArray *images = g_ptr_array_new ();

        if (image != NULL)
          g_ptr_array_add (images, g_steal_pointer (&image));
        if (banner != NULL && (images->len == 0 || !g_str_equal (images->pdata[0], banner)))
          g_ptr_array_add (images, g_steal_pointer (&banner));
        item->images = steal_strv (images);
      }
      feed_add (feed, item);
    }
  return feed;
}

/* ---- parsing ---- */

static const char *
skip_space (const char *p,
            const char *end)
{
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* Whether the document starts as an HTML page: an HTML doctype or an
 * <html> element after the prolog (white space, <?xml?>, comments). An
 * item's content that quotes <html> in CDATA does not count. */
static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  const char *end = data + MIN (length, 64 * 1024);
  const char *p = skip_space (data, end);

  while (end - p >= 2 && (memcmp (p, "<?", 2) == 0 || (end - p >= 4 && memcmp (p, "<!--", 4) == 0)))
    {
      const char *marker = p[1] == '?' ? "?>" : "-->";
      const char *close = g_strstr_len (p, end - p, marker);

      if (close == NULL)
        return FALSE;
      p = skip_space (close + strlen (marker), end);
    }
  return (end - p >= 14 && g_ascii_strncasecmp (p, "<!doctype html", 14) == 0) ||
         (end - p >= 6 && g_ascii_strncasecmp (p, "<html", 5) == 0 &&
          (g_ascii_isspace (p[5]) || p[5] == '>'));
}

/* Whether a document that is not well-formed XML still reads as a page
 * (tag soup): it names <html> early and no feed element. */
static gboolean
reads_as_html (const char *data,
               gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 1024));

  return (strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL) &&
         strstr (head, "<rss") == NULL && strstr (head, "<feed") == NULL &&
         strstr (head, "<rdf:rdf") == NULL && strstr (head, "<channel") == NULL;
}

/* The error for an HTML page given as a feed: it names the feed the page
 * links to, if any. */
static void
set_html_error (const char  *data,
                gsize        length,
                const char  *url,
                GError     **error)
{
  g_autoptr(GPtrArray) links = pr_feed_discover (data, length, url);

  if (links->len > 0)
    g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED,
                 /* Translators: a feed's error; %s is the feed's address the page names. */
                 _("Not a feed: an HTML page that links to the feed %s"),
                 (const char *) g_ptr_array_index (links, 0));
  else
    g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED,
                         /* Translators: a feed's error. */
                         _("Not a feed: an HTML page without a feed link"));
}

PrFeed *
pr_feed_parse (const char  *data,
               gsize        length,
               const char  *url,
               const char  *charset_hint,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  const char *start;
  xmlDocPtr doc;
  xmlNode *root;
  PrFeed *feed = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > PR_FEED_MAX_SIZE)
    {
      g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_TOO_LARGE,
                   /* Translators: a feed's error; %d is a number of megabytes. */
                   _("The feed is larger than %d MB"), PR_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  start = skip_space (data, data + length);
  if (start == data + length)
    {
      g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_EMPTY,
                           /* Translators: a feed's error. */
                           _("The feed is empty"));
      return NULL;
    }
  if (*start == '{' || *start == '[')
    return parse_json_feed (data, length, url, error);
  if (looks_like_html (data, length))
    {
      set_html_error (data, length, url, error);
      return NULL;
    }

  doc = read_xml (data, length, url, charset_hint, &local);
  if (doc == NULL)
    {
      if (reads_as_html (data, length))
        set_html_error (data, length, url, error);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  if (is_named (root, "rss") || is_named (root, "RDF"))
    {
      feed = feed_new (is_named (root, "rss") ? PR_FEED_RSS : PR_FEED_RDF);
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        {
          if (is_named (child, "channel"))
            {
              read_channel (feed, child);
              /* RSS 2.0: items in the channel. */
              for (xmlNode *node = child->children; node != NULL; node = node->next)
                if (is_named (node, "item"))
                  feed_add (feed, rss_item (node));
            }
          /* RSS 1.0 (and 0.90): items beside the channel. */
          else if (is_named (child, "item"))
            feed_add (feed, rss_item (child));
        }
    }
  else if (is_named (root, "feed"))
    {
      feed = feed_new (PR_FEED_ATOM);
      read_channel (feed, root);
      for (xmlNode *node = root->children; node != NULL; node = node->next)
        if (is_named (node, "entry"))
          feed_add (feed, atom_entry (node));
    }
  else if (is_named (root, "html"))
    set_html_error (data, length, url, error);
  else
    g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED,
                 /* Translators: a feed's error; %s is the XML document's root element. */
                 _("Not a feed: an XML document of another kind (<%s>)"),
                 root != NULL ? (const char *) root->name : "");
  xmlFreeDoc (doc);
  return feed;
}

/* ---- items as releases ---- */

gboolean
pr_feed_item_is_summary_only (const PrFeedItem *item)
{
  g_autofree char *content = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (item != NULL, FALSE);

  if (item->content != NULL)
    content = pr_xhtml_text_from_html (item->content, strlen (item->content));
  if (content != NULL && pr_text_count_words (content) >= CONTENT_WORDS)
    return FALSE;
  if (item->summary != NULL)
    summary = pr_xhtml_text_from_html (item->summary, strlen (item->summary));
  return summary == NULL || pr_text_count_words (summary) < SUMMARY_WORDS;
}

PrRelease *
pr_feed_item_to_release (const PrFeedItem  *item,
                         GError           **error)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
  g_autofree char *title = item->title != NULL ? g_markup_escape_text (item->title, -1) : NULL;
  const char *body = item->content != NULL ? item->content : item->summary;
  PrRelease *release;

  g_return_val_if_fail (item != NULL, NULL);

  if (title != NULL)
    g_string_append_printf (page, "<title>%s</title>", title);
  g_string_append (page, "</head><body><article>");
  if (title != NULL)
    g_string_append_printf (page, "<h1>%s</h1>", title);
  if (body != NULL)
    g_string_append (page, body);
  g_string_append (page, "</article></body></html>\n");

  release = pr_html_read (page->str, page->len, item->link, "UTF-8", error);
  if (release == NULL)
    return NULL;
  if (item->title != NULL && *item->title != '\0' &&
      (pr_release_get_title_derived (release) || pr_release_get_title (release) == NULL))
    {
      pr_release_set_field (release, PR_FIELD_TITLE, item->title);
      pr_release_set_title_derived (release, FALSE);
    }
  if (pr_release_get_date (release) == NULL && (item->published != NULL || item->updated != NULL))
    {
      g_autofree char *date = g_date_time_format (item->published != NULL ? item->published : item->updated,
                                                  "%Y-%m-%d");

      pr_release_set_field (release, PR_FIELD_DATE, date);
    }
  return release;
}

/* ---- discovery ---- */

static gboolean
is_feed_type (const char *type)
{
  static const char *const types[] = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/feed+json", "application/json", "text/xml", "application/xml",
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strncasecmp (type, types[i], strlen (types[i])) == 0)
      return TRUE;
  return FALSE;
}

static void
find_links (xmlNode    *node,
            const char *base,
            GPtrArray  *links,
            guint       depth)
{
  for (xmlNode *child = node; child != NULL && links->len < 16; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_named (child, "link"))
        {
          g_autofree char *rel = attr_of (child, "rel");
          g_autofree char *type = attr_of (child, "type");
          g_autofree char *href = attr_of (child, "href");
          g_auto(GStrv) rels = rel != NULL ? g_strsplit_set (rel, " \t\n", -1) : NULL;

          if (rels != NULL && g_strv_contains ((const char * const *) rels, "alternate") &&
              is_feed_type (type) && href != NULL)
            {
              g_autofree char *resolved = base != NULL ? g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL)
                                                       : g_strdup (href);
              g_autofree char *scheme = resolved != NULL ? g_uri_parse_scheme (resolved) : NULL;

              if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
                  !g_ptr_array_find_with_equal_func (links, resolved, g_str_equal, NULL))
                g_ptr_array_add (links, g_steal_pointer (&resolved));
            }
        }
      else if (depth < MAX_DEPTH && child->children != NULL)
        find_links (child->children, base, links, depth + 1);
    }
}

GPtrArray *
pr_feed_discover (const char *html,
                  gsize       length,
                  const char *url)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_strdup (url);
  htmlDocPtr doc;

  if (html == NULL || length == 0 || length > PR_FEED_MAX_SIZE)
    return links;
  doc = htmlReadMemory (html, (int) length, url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    return links;
  if (xmlDocGetRootElement (doc) != NULL)
    {
      /* A <base href> moves relative links. */
      for (xmlNode *head = xmlDocGetRootElement (doc)->children; head != NULL; head = head->next)
        if (is_named (head, "head"))
          for (xmlNode *node = head->children; node != NULL; node = node->next)
            if (is_named (node, "base"))
              {
                g_autofree char *href = attr_of (node, "href");

                if (href != NULL && base != NULL)
                  {
                    char *moved = g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL);

                    if (moved != NULL)
                      {
                        g_free (base);
                        base = moved;
                      }
                  }
              }
      find_links (xmlDocGetRootElement (doc), base, links, 0);
    }
  xmlFreeDoc (doc);
  return links;
}
