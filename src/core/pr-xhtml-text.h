/* pr-xhtml-text.h: an XHTML or HTML body as the plain text the parser reads
 *
 * The NewsML-G2 and ninjs readers' own small rendition of the elements news
 * bodies use; the HTML page reader (pr-html.h) has the full one, which may
 * take its place here. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The text of @node's children: paragraphs, headings, block quotes and
 * preformatted text apart by blank lines; <br>s, <div>s and the rows of a
 * table by line breaks, a row's cells by tabs; list items as lines starting
 * with "• ", two spaces deeper per level; links as "text (https://…)" unless
 * the text says the target (http, https and mailto targets only, tracking
 * wrappers unwrapped); images as "[Image: alt] (https://…)", never loaded,
 * tracking pixels dropped. Elements count by their local name, in any
 * namespace; entity references are never expanded. */
char *pr_xhtml_text_render    (xmlNode    *node);

/* The same for an HTML document or fragment in @html (UTF-8), read by
 * libxml2's HTML parser without the network. */
char *pr_xhtml_text_from_html (const char *html,
                               gsize       length);

/* The target a link to @href is shown with: http, https and mailto only;
 * a tracking wrapper's real target (a url=, u=, q= or target= parameter);
 * NULL for anything else (javascript:, data:, relative links). */
char *pr_xhtml_text_link      (const char *href);

/* The value of @node's attribute @name (any namespace), trimmed, or NULL
 * when absent or empty: its text only, entity references unexpanded
 * (xmlGetProp() would expand them). */
char *pr_xhtml_text_attr      (xmlNode    *node,
                               const char *name);

G_END_DECLS
