/* pr-opml.h: subscription lists as OPML 1.0/2.0 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One subscription of an OPML file. */
typedef struct {
  char *title;      /* text or title; NULL when neither */
  char *xml_url;    /* the feed */
  char *html_url;   /* its site, or NULL */
  char *category;   /* the folders it is in, "A/B", or NULL */
} PrOpmlOutline;

PrOpmlOutline *pr_opml_outline_new  (const char     *title,
                                     const char     *xml_url,
                                     const char     *html_url,
                                     const char     *category);
void           pr_opml_outline_free (PrOpmlOutline  *outline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrOpmlOutline, pr_opml_outline_free)

/* The subscriptions of an OPML file (outlines with an xmlUrl, nested
 * folders flattened into their category), read with the same care as a
 * feed (no network, no entity, size and depth limits). PR_FEED_ERROR in
 * words when it is not OPML. */
GPtrArray     *pr_opml_read         (const char     *data,
                                     gsize           length,
                                     GError        **error);
/* @outlines (PrOpmlOutline) as OPML 2.0 in UTF-8, in their order: a
 * folder outline for each run of outlines of one category. */
char          *pr_opml_write        (GPtrArray      *outlines,
                                     const char     *title,
                                     gsize          *length);

G_END_DECLS
