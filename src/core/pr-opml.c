/* pr-opml.c: subscription lists as OPML 1.0/2.0 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pr-feed.h"
#include "pr-opml.h"
#include "pr-xhtml-text.h"

#define MAX_DEPTH 32
#define MAX_OUTLINES 10000

PrOpmlOutline *
pr_opml_outline_new (const char *title,
                     const char *xml_url,
                     const char *html_url,
                     const char *category)
{
  PrOpmlOutline *outline = g_new0 (PrOpmlOutline, 1);

  outline->title = g_strdup (title);
  outline->xml_url = g_strdup (xml_url);
  outline->html_url = g_strdup (html_url);
  outline->category = g_strdup (category);
  return outline;
}

void
pr_opml_outline_free (PrOpmlOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->title);
  g_free (outline->xml_url);
  g_free (outline->html_url);
  g_free (outline->category);
  g_free (outline);
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

/* @url (taken), trimmed; "feed://" and "feed:" (old readers' exports)
 * become http(s). Other addresses stay as written: the caller refuses
 * what is not a web address, in words (the CLI's import says so). */
static char *
web_url_take (char *url)
{
  g_autofree char *owned = url;
  const char *address;

  if (owned == NULL)
    return NULL;
  address = g_strstrip (owned);
  if (*address == '\0')
    return NULL;
  if (g_ascii_strncasecmp (address, "feed://", 7) == 0)
    return g_strconcat ("http://", address + 7, NULL);
  if (g_ascii_strncasecmp (address, "feed:", 5) == 0 &&
      (g_ascii_strncasecmp (address + 5, "http://", 7) == 0 ||
       g_ascii_strncasecmp (address + 5, "https://", 8) == 0))
    return g_strdup (address + 5);
  return g_strdup (address);
}

static void
read_outlines (xmlNode    *parent,
               const char *category,
               GPtrArray  *outlines,
               guint       depth)
{
  for (xmlNode *node = parent->children; node != NULL && outlines->len < MAX_OUTLINES; node = node->next)
    {
      g_autofree char *xml_url = NULL;
      g_autofree char *title = NULL;

      if (!is_named (node, "outline"))
        continue;
      xml_url = web_url_take (pr_xhtml_text_attr (node, "xmlUrl"));
      title = pr_xhtml_text_attr (node, "text");
      if (title == NULL)
        title = pr_xhtml_text_attr (node, "title");
      if (xml_url != NULL)
        {
          g_autofree char *html_url = web_url_take (pr_xhtml_text_attr (node, "htmlUrl"));

          g_ptr_array_add (outlines, pr_opml_outline_new (title, xml_url, html_url, category));
        }
      else if (node->children != NULL && depth < MAX_DEPTH)
        {
          g_autofree char *folder = category != NULL && title != NULL
                                    ? g_strconcat (category, "/", title, NULL)
                                    : g_strdup (title != NULL ? title : category);

          read_outlines (node, folder, outlines, depth + 1);
        }
    }
}

GPtrArray *
pr_opml_read (const char  *data,
              gsize        length,
              GError     **error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;
  GPtrArray *outlines;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0 || length > PR_FEED_MAX_SIZE)
    {
      g_set_error_literal (error, PR_FEED_ERROR, length == 0 ? PR_FEED_ERROR_EMPTY : PR_FEED_ERROR_TOO_LARGE,
                           length == 0 ? _("The file is empty")
                           /* Translators: an OPML file's error. */
                           : _("The file is too large for a list of subscriptions"));
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("%s: libxml2 could not make a parser context", G_STRFUNC);
  /* As a feed: no network, no entity substituted, no DTD, no HUGE. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);

      if (e != NULL && e->code == XML_ERR_ENTITY_LOOP)
        g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
                             _("The file was refused: its entities would expand without bound"));
      else
        {
          g_autofree char *detail = g_utf8_make_valid (e != NULL && e->message != NULL ? e->message : "", -1);

          g_strstrip (g_strdelimit (detail, "\n\r\t", ' '));
          g_set_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID,
                       /* Translators: an OPML file's error; %d is a line, %s libxml2's reason. */
                       _("Not well-formed XML (line %d: %s)"), e != NULL ? e->line : 0, detail);
        }
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (!is_named (root, "opml"))
    {
      g_set_error_literal (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED,
                           /* Translators: an OPML file's error. */
                           _("Not an OPML list of subscriptions"));
      xmlFreeDoc (doc);
      return NULL;
    }
  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_opml_outline_free);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (is_named (node, "body"))
      read_outlines (node, NULL, outlines, 0);
  xmlFreeDoc (doc);
  return outlines;
}

/* @value with the characters XML 1.0 cannot carry dropped (controls: a
 * JSON Feed's title may hold them), so that the file reads back. */
static char *
xml_text (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x20 ? (c <= 0xfffd && (c < 0xd800 || c >= 0xe000)) || c >= 0x10000
                    : (c == '\t' || c == '\n' || c == '\r'))
        g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}

static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return;
  clean = xml_text (value);
  xmlSetProp (node, BAD_CAST name, BAD_CAST clean);
}

char *
pr_opml_write (GPtrArray  *outlines,
               const char *title,
               gsize      *length)
{
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNode *root = xmlNewNode (NULL, BAD_CAST "opml");
  xmlNode *head, *body;
  xmlNode *folder = NULL;
  const char *folder_name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* RFC 822, in English whatever the locale. */
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *created = g_strdup_printf ("%s, %02d %s %d %s GMT",
                                              days[g_date_time_get_day_of_week (now) - 1],
                                              g_date_time_get_day_of_month (now),
                                              months[g_date_time_get_month (now) - 1],
                                              g_date_time_get_year (now), time);
  g_autofree char *clean_title = xml_text (title != NULL ? title : "");
  xmlChar *out = NULL;
  int size = 0;
  char *text;

  xmlDocSetRootElement (doc, root);
  xmlSetProp (root, BAD_CAST "version", BAD_CAST "2.0");
  head = xmlNewChild (root, NULL, BAD_CAST "head", NULL);
  /* xmlNewTextChild escapes; xmlNewChild would not. */
  xmlNewTextChild (head, NULL, BAD_CAST "title", BAD_CAST clean_title);
  xmlNewTextChild (head, NULL, BAD_CAST "dateCreated", BAD_CAST created);
  body = xmlNewChild (root, NULL, BAD_CAST "body", NULL);

  for (guint i = 0; i < outlines->len; i++)
    {
      PrOpmlOutline *outline = g_ptr_array_index (outlines, i);
      xmlNode *parent = body;
      xmlNode *node;

      /* A folder per run of one category: the order stays as given. */
      if (outline->category != NULL && *outline->category != '\0')
        {
          if (folder == NULL || g_strcmp0 (folder_name, outline->category) != 0)
            {
              folder = xmlNewChild (body, NULL, BAD_CAST "outline", NULL);
              set_prop (folder, "text", outline->category);
              folder_name = outline->category;
            }
          parent = folder;
        }
      else
        folder = NULL;
      node = xmlNewChild (parent, NULL, BAD_CAST "outline", NULL);
      set_prop (node, "type", "rss");
      set_prop (node, "text", outline->title != NULL ? outline->title : outline->xml_url);
      set_prop (node, "title", outline->title);
      set_prop (node, "xmlUrl", outline->xml_url);
      set_prop (node, "htmlUrl", outline->html_url);
    }

  xmlDocDumpFormatMemoryEnc (doc, &out, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  text = g_strndup ((const char *) out, size);
  xmlFree (out);
  if (length != NULL)
    *length = size;
  return text;
}
