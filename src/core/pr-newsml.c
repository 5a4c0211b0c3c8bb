/* pr-newsml.c: releases from IPTC NewsML-G2 news items
 *
 * What is read (NewsML-G2 2.x; elements by local name, in the NAR
 * namespace http://iptc.org/std/nar/2006-10-01/ or none):
 *   newsMessage/itemSet/newsItem, or a newsItem alone: @guid, @xml:lang
 *   itemMeta: itemClass, title, provider, versionCreated, firstCreated, link
 *   contentMeta: contentCreated, located, language, subject (organisations,
 *     people), headline, description, creditline, infoSource, dateline, altId
 *   contentSet: the first inlineXML (XHTML, NITF), else inlineData
 *     (text/plain, text/html)
 * Subjects that are topics or places, and genres, have no field in a
 * release: they are left out. */
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "pr-news-item.h"
#include "pr-newsml.h"
#include "pr-xhtml-text.h"

/* The text of one metadata element, at most (longer is no value). */
#define MAX_META_TEXT (64 * 1024)
/* How deep an element's text is gathered from (libxml2 allows 256). */
#define MAX_TEXT_DEPTH 64

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

/* Text and CDATA below @node; entity references are never expanded. */
static void
collect_text (xmlNode *node,
              GString *out,
              gsize    max,
              guint    depth)
{
  for (xmlNode *child = node->children; child != NULL && out->len < max; child = child->next)
    {
      if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
          child->content != NULL)
        g_string_append (out, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && depth < MAX_TEXT_DEPTH)
        collect_text (child, out, max, depth + 1);
    }
}

static char *
element_text (xmlNode *node,
              gsize    max)
{
  GString *out = g_string_new (NULL);

  collect_text (node, out, max, 0);
  return g_string_free (out, FALSE);
}

/* A concept's name (a subject, a provider, a place): its first <name>,
 * else its literal. */
static char *
concept_name (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "name"))
      {
        g_autofree char *name = element_text (child, MAX_META_TEXT);

        if (*g_strstrip (name) != '\0')
          return g_steal_pointer (&name);
      }
  return pr_xhtml_text_attr (node, "literal");
}

/* "nprov:BusinessWire" → "BusinessWire". */
static char *
qcode_code (xmlNode *node)
{
  g_autofree char *qcode = pr_xhtml_text_attr (node, "qcode");
  const char *colon = qcode != NULL ? strchr (qcode, ':') : NULL;

  return colon != NULL ? g_strdup (colon + 1) : g_steal_pointer (&qcode);
}

/* The role's code ends the qcode: "hdlrole:sub", "drol:summary". */
static gboolean
role_is (const char *role,
         const char *code)
{
  const char *colon = role != NULL ? strrchr (role, ':') : NULL;

  return role != NULL && g_ascii_strcasecmp (colon != NULL ? colon + 1 : role, code) == 0;
}

static gboolean
is_web_url (const char *text)
{
  return text != NULL && (g_ascii_strncasecmp (text, "http://", 7) == 0 ||
                          g_ascii_strncasecmp (text, "https://", 8) == 0);
}

/* xml:lang of @node or of the nearest element above that has one. */
static char *
language_of (xmlNode *node)
{
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      char *lang = pr_xhtml_text_attr (node, "lang");

      if (lang != NULL)
        return lang;
    }
  return NULL;
}

/* ---- The item ----------------------------------------------------------- */

typedef struct {
  char *content_created;
  char *first_created;
  char *version_created;
  char *content_language;
} Extra;

static void
add_concept (GPtrArray *values,
             xmlNode   *node)
{
  g_autofree char *name = concept_name (node);

  pr_news_item_add (values, name);
}

static void
set_text (char    **field,
          xmlNode  *node)
{
  g_autofree char *text = NULL;

  if (*field != NULL)
    return;
  text = element_text (node, MAX_META_TEXT);
  pr_news_item_set (field, text);
}

static void
read_item_meta (xmlNode    *meta,
                PrNewsItem *item,
                Extra      *extra)
{
  for (xmlNode *node = meta->children; node != NULL; node = node->next)
    {
      if (is_element (node, "title"))
        set_text (&item->title, node);
      else if (is_element (node, "versionCreated"))
        set_text (&extra->version_created, node);
      else if (is_element (node, "firstCreated"))
        set_text (&extra->first_created, node);
      else if (is_element (node, "provider"))
        {
          g_autofree char *code = qcode_code (node);

          add_concept (item->wires, node);
          pr_news_item_add (item->wires, code);
        }
      else if (is_element (node, "link"))
        {
          g_autofree char *href = pr_xhtml_text_attr (node, "href");

          if (is_web_url (href))
            pr_news_item_add (item->links, href);
        }
    }
}

static void
read_subject (xmlNode    *node,
              PrNewsItem *item)
{
  g_autofree char *type = pr_xhtml_text_attr (node, "type");

  if (role_is (type, "organisation") || role_is (type, "organization"))
    add_concept (item->organizations, node);
  else if (role_is (type, "person"))
    add_concept (item->people, node);
}

static void
read_content_meta (xmlNode    *meta,
                   PrNewsItem *item,
                   Extra      *extra)
{
  for (xmlNode *node = meta->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "headline"))
        {
          g_autofree char *role = pr_xhtml_text_attr (node, "role");

          if (role == NULL || role_is (role, "main"))
            set_text (&item->headline, node);
          else if (strstr (role, "sub") != NULL)
            set_text (&item->subheadline, node);
          else
            set_text (&item->title, node);
        }
      else if (is_element (node, "description"))
        {
          g_autofree char *role = pr_xhtml_text_attr (node, "role");

          if (role == NULL || role_is (role, "summary") || role_is (role, "abstract"))
            set_text (&item->summary, node);
        }
      else if (is_element (node, "subject"))
        read_subject (node, item);
      else if (is_element (node, "contentCreated"))
        set_text (&extra->content_created, node);
      else if (is_element (node, "located"))
        {
          g_autofree char *name = concept_name (node);

          pr_news_item_set (&item->located, name);
        }
      else if (is_element (node, "language"))
        {
          g_autofree char *tag = pr_xhtml_text_attr (node, "tag");

          pr_news_item_set (&extra->content_language, tag);
        }
      else if (is_element (node, "creditline"))
        {
          g_autofree char *text = element_text (node, MAX_META_TEXT);

          pr_news_item_add (item->wires, text);
        }
      else if (is_element (node, "infoSource"))
        add_concept (item->wires, node);
      else if (is_element (node, "dateline"))
        set_text (&item->dateline, node);
      else if (is_element (node, "altId"))
        {
          g_autofree char *text = element_text (node, MAX_META_TEXT);

          g_strstrip (text);
          if (is_web_url (text))
            pr_news_item_add (item->links, text);
        }
    }
}

/* The body: the first inlineXML, else the first inlineData as text. */
static void
read_content_set (xmlNode    *set,
                  PrNewsItem *item)
{
  xmlNode *data = NULL;

  for (xmlNode *node = set->children; node != NULL; node = node->next)
    {
      if (is_element (node, "inlineXML"))
        {
          g_autofree char *text = pr_xhtml_text_render (node);

          g_string_assign (item->body, text);
          return;
        }
      if (is_element (node, "inlineData") && data == NULL)
        data = node;
    }
  if (data != NULL)
    {
      g_autofree char *type = pr_xhtml_text_attr (data, "contenttype");
      g_autofree char *encoding = pr_xhtml_text_attr (data, "encoding");
      g_autofree char *text = NULL;

      /* Base64 and such: binary content, not the text. */
      if (encoding != NULL)
        return;
      text = element_text (data, PR_PARSER_MAX_SIZE);
      if (type != NULL && strstr (type, "html") != NULL)
        {
          g_autofree char *rendered = pr_xhtml_text_from_html (text, strlen (text));

          g_string_assign (item->body, rendered);
        }
      else
        g_string_assign (item->body, text);
    }
}

/* Text items only: a picture's caption is no release. */
static gboolean
is_text_item (xmlNode *news_item)
{
  static const char * const media[] = { "picture", "graphic", "audio", "video", NULL };

  for (xmlNode *meta = news_item->children; meta != NULL; meta = meta->next)
    {
      if (!is_element (meta, "itemMeta"))
        continue;
      for (xmlNode *node = meta->children; node != NULL; node = node->next)
        if (is_element (node, "itemClass"))
          {
            g_autofree char *code = qcode_code (node);

            return code == NULL || !g_strv_contains (media, code);
          }
    }
  return TRUE;
}

static PrRelease *
read_item (xmlNode     *news_item,
           const char  *origin,
           GError     **error)
{
  g_autoptr(PrNewsItem) item = pr_news_item_new ();
  g_autofree char *guid = pr_xhtml_text_attr (news_item, "guid");
  g_autofree char *lang = language_of (news_item);
  Extra extra = { 0 };
  PrRelease *release;

  for (xmlNode *node = news_item->children; node != NULL; node = node->next)
    {
      if (is_element (node, "itemMeta"))
        read_item_meta (node, item, &extra);
      else if (is_element (node, "contentMeta"))
        read_content_meta (node, item, &extra);
      else if (is_element (node, "contentSet"))
        read_content_set (node, item);
    }

  if (is_web_url (guid))
    pr_news_item_set (&item->url, guid);
  /* The content's own language before the item's. */
  pr_news_item_set (&item->language, extra.content_language);
  pr_news_item_set (&item->language, lang);
  pr_news_item_add (item->dates, extra.content_created);
  pr_news_item_add (item->dates, extra.first_created);
  pr_news_item_add (item->dates, extra.version_created);
  g_free (extra.content_created);
  g_free (extra.first_created);
  g_free (extra.version_created);
  g_free (extra.content_language);

  release = pr_news_item_to_release (item, origin, error);
  return release;
}

/* ---- The document ------------------------------------------------------- */

/* libxml2 prints some errors (a byte the declared encoding cannot
 * convert) to stderr whatever the parser's options say, and the parse then
 * ends with a vaguer one: the first is kept instead, as the reason. */
static void
note_message (void       *context,
              const char *format,
              ...)
{
  char **first = context;
  va_list args;

  if (*first != NULL)
    return;
  va_start (args, format);
  *first = g_strdup_vprintf (format, args);
  va_end (args);
}

static void
set_xml_error (GError           **error,
               xmlParserCtxtPtr   ctxt,
               const char        *printed)
{
  const xmlError *e = xmlCtxtGetLastError (ctxt);
  g_autofree char *detail = NULL;

  if (e != NULL && e->code == XML_ERR_ENTITY_LOOP)
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                           /* Translators: why an XML file was not imported:
                            * its entity declarations would make it grow
                            * without bound (an attack, "billion laughs"). */
                           _("refused: its entities would expand without bound"));
      return;
    }
  if (e != NULL && e->message != NULL && g_str_has_prefix (e->message, "Excessive depth"))
    {
      g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                   /* Translators: an error in a file; %d is how deep
                    * elements may be nested (256). */
                   g_dngettext (GETTEXT_PACKAGE, "nested deeper than %d level",
                                "nested deeper than %d levels", 256), 256);
      return;
    }

  /* libxml2's own words, in English, on one line. */
  detail = g_utf8_make_valid (printed != NULL ? printed
                              : e != NULL && e->message != NULL ? e->message : "", -1);
  for (char *p = detail; *p; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_strstrip (detail);
  g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
               /* Translators: why a file was not imported; %d is a line
                * number, %s the XML parser's own reason, in English. */
               _("not well-formed XML (line %d: %s)"), e != NULL ? e->line : 0, detail);
}

GPtrArray *
pr_newsml_read (const char  *data,
                gsize        length,
                const char  *origin,
                GError     **error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autofree char *printed = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!pr_news_item_check_size (data, length, error))
    return NULL;

  /* No network, no entities substituted (XML_PARSE_NOENT), no DTD loaded
   * (XML_PARSE_DTDLOAD), libxml2's limits kept (no XML_PARSE_HUGE), no
   * messages on stderr. */
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("libxml2 could not make a parser context");
  {
    /* This thread's handler, as it was (libxml2 keeps one a thread). */
    xmlGenericErrorFunc handler = xmlGenericError;
    void *handler_context = xmlGenericErrorContext;

    xmlSetGenericErrorFunc (&printed, note_message);
    doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetGenericErrorFunc (handler_context, handler);
  }
  if (doc == NULL)
    {
      set_xml_error (error, ctxt, printed);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (root != NULL && is_element (root, "newsItem"))
    g_ptr_array_add (items, root);
  else if (root != NULL && is_element (root, "newsMessage"))
    {
      for (xmlNode *set = root->children; set != NULL; set = set->next)
        if (is_element (set, "itemSet"))
          for (xmlNode *node = set->children; node != NULL; node = node->next)
            if (is_element (node, "newsItem"))
              g_ptr_array_add (items, node);
    }
  else
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                           /* Translators: why a file was not imported. */
                           _("not a NewsML-G2 news item or news message"));
      return NULL;
    }

  releases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      xmlNode *node = g_ptr_array_index (items, i);
      g_autoptr(GError) item_error = NULL;
      PrRelease *release;

      if (!is_text_item (node))
        continue;
      release = read_item (node, origin, &item_error);
      if (release != NULL)
        g_ptr_array_add (releases, release);
      else if (first_error == NULL)
        first_error = g_steal_pointer (&item_error);
    }
  xmlFreeDoc (doc);

  if (releases->len == 0)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      else
        g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                             /* Translators: why a NewsML-G2 file was not imported. */
                             _("no news item with text in it"));
      return NULL;
    }
  return g_steal_pointer (&releases);
}
