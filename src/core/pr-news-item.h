/* pr-news-item.h: what an IPTC news item (NewsML-G2, ninjs) says about a
 * release, and the release made of it
 *
 * The readers fill a PrNewsItem; its body and headline become the plain
 * text pr_parse_text() reads, and what the item's metadata knows better is
 * laid over the release that gives. */
#pragma once

#include <glib.h>

#include "pr-release.h"

G_BEGIN_DECLS

typedef struct {
  char      *headline;       /* the item's headline, trusted */
  char      *subheadline;
  char      *title;          /* a short name for the item: a headline only when the text has none */
  char      *summary;
  char      *dateline;       /* as printed: added to the body when it lacks one */
  char      *located;        /* where the content comes from: the city when the text names none */
  char      *language;       /* a BCP 47 tag */
  char      *url;            /* the item's http(s) address: the release's origin */
  GPtrArray *dates;          /* char *: date-times, most telling first: the date when the text has none */
  GPtrArray *wires;          /* char *: provider, credit line, info sources: the source when a known wire */
  GPtrArray *organizations;  /* char *: names, added to the release's */
  GPtrArray *people;         /* char *: names, added to the release's */
  GPtrArray *links;          /* char *: http(s) links, added to the release's */
  GString   *body;           /* the body as plain text (pr-xhtml-text.h's shape) */
} PrNewsItem;

PrNewsItem *pr_news_item_new         (void);
void        pr_news_item_free        (PrNewsItem  *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrNewsItem, pr_news_item_free)

/* Adds @value to @values (char *), white space collapsed, unless it is
 * empty or already there (case aside). */
void        pr_news_item_add         (GPtrArray   *values,
                                      const char  *value);

/* Sets *@field to @value, white space collapsed, unless it is set already
 * or @value is empty. */
void        pr_news_item_set         (char       **field,
                                      const char  *value);

/* The checks every reader makes before it parses: not empty, not over
 * PR_PARSER_MAX_SIZE (PR_PARSER_ERROR, the same messages as for text). */
gboolean    pr_news_item_check_size  (const char  *data,
                                      gsize        length,
                                      GError     **error);

/* The release: the headline (unless the body starts with it), the
 * subheadline and the body (with the dateline when it has none) parsed
 * by pr_parse_text(), then the item's metadata laid over it. NULL with
 * PR_PARSER_ERROR when there is no text. */
PrRelease  *pr_news_item_to_release  (PrNewsItem  *item,
                                      const char  *origin,
                                      GError     **error);

G_END_DECLS
