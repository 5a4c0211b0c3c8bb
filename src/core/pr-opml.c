/* pr-opml.c: subscription lists as OPML 1.0/2.0 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

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
      xml_url = pr_xhtml_text_attr (node, "xmlUrl");
      title = pr_xhtml_text_attr (node, "text");
      if (title == NULL)
        title = pr_xhtml_text_attr (node, "title");
      if (xml_url != NULL)
        {
          g_autofree char *html_url = pr_xhtml_text_attr (node, "htmlUrl");

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

static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  if (value != NULL)
    xmlSetProp (node, BAD_CAST name, BAD_CAST value);
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
  g_autofree char *created = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  xmlChar *out = NULL;
  int size = 0;
  char *text;

  xmlDocSetRootElement (doc, root);
  xmlSetProp (root, BAD_CAST "version", BAD_CAST "2.0");
  head = xmlNewChild (root, NULL, BAD_CAST "head", NULL);
  /* xmlNewTextChild escapes; xmlNewChild would not. */
  xmlNewTextChild (head, NULL, BAD_CAST "title", BAD_CAST (title != NULL ? title : ""));
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
