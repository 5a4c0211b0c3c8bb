/* pr-feed.h: feeds (RSS, RDF, Atom, JSON Feed) and their items
 *
 * A feed is read whole from memory (the fetcher caps it at 16 MB) with
 * libxml2 (no network, no DTD loaded, no entity substituted, libxml2's
 * depth limits) or json-glib. Each item's HTML becomes a release through
 * the page reader (pr_html_read()), so the analysis is the text parser's
 * as for every format. */
#pragma once

#include <glib.h>

#include "pr-release.h"

G_BEGIN_DECLS

#define PR_FEED_ERROR (pr_feed_error_quark ())
GQuark pr_feed_error_quark (void);

typedef enum {
  PR_FEED_ERROR_NOT_A_FEED,   /* an HTML page, another kind of XML or JSON */
  PR_FEED_ERROR_INVALID,      /* not well-formed, an entity bomb */
  PR_FEED_ERROR_TOO_LARGE,
  PR_FEED_ERROR_EMPTY,
} PrFeedError;

#define PR_FEED_MAX_SIZE (16 * 1024 * 1024)
#define PR_FEED_MAX_ITEMS 5000

typedef enum {
  PR_FEED_RSS,     /* RSS 0.9x and 2.0 */
  PR_FEED_RDF,     /* RSS 1.0 */
  PR_FEED_ATOM,
  PR_FEED_JSON,    /* JSON Feed 1.0, 1.1 */
} PrFeedKind;

typedef struct {
  char *guid;               /* as the feed gives it, or NULL */
  char *link;               /* absolute http(s) address of its page, or NULL */
  char *title;              /* plain text */
  char *summary;            /* HTML, or NULL */
  char *content;            /* HTML, or NULL */
  char *author;
  GDateTime *published;     /* may be NULL */
  GDateTime *updated;
  GStrv categories;
  GStrv images;             /* media:content/media:thumbnail, image enclosures, JSON
                               image/banner_image: absolute http(s) addresses, links
                               only (never loaded); empty, never NULL */
} PrFeedItem;

typedef struct {
  PrFeedKind kind;
  char *title;
  char *link;               /* the site */
  char *description;
  guint ttl_minutes;        /* RSS <ttl>; 0 for none */
  guint update_period_minutes; /* sy:updatePeriod / sy:updateFrequency; 0 for none */
  GPtrArray *items;         /* PrFeedItem, in the feed's order */
  guint items_dropped;      /* items past PR_FEED_MAX_ITEMS, not read */
} PrFeed;

/* Reads a feed. @url is its address (relative links resolve against it,
 * under any xml:base); @charset_hint the HTTP header's charset, which
 * wins over the XML declaration (a BOM wins over both), or NULL. Errors
 * (PR_FEED_ERROR) are in words for the user: "Not a feed: an HTML page
 * without a feed link", … */
PrFeed     *pr_feed_parse                (const char        *data,
                                          gsize              length,
                                          const char        *url,
                                          const char        *charset_hint,
                                          GError           **error);
void        pr_feed_free                 (PrFeed            *feed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrFeed, pr_feed_free)

/* RFC 822 (with the broken variants feeds send: no weekday, two-digit
 * years, named zones, no seconds, comments), RFC 3339 and W3C-DTF (a year,
 * a month, a day, a time with or without seconds); a date without a zone
 * is in UTC. NULL when @text is none of these. */
GDateTime  *pr_feed_parse_date           (const char        *text);

/* The item's release: its content (or summary) as a page read by
 * pr_html_read() with the item's link as origin; the item's title and
 * date fill what the text lacks. PR_PARSER_ERROR when there is no text. */
PrRelease  *pr_feed_item_to_release      (const PrFeedItem  *item,
                                          GError           **error);

/* Whether the item carries only a summary (as the wires' feeds do: the
 * text is on the release page): no content (or one under 20 words) and
 * a summary under 120 words. */
gboolean    pr_feed_item_is_summary_only (const PrFeedItem  *item);

/* The feeds an HTML page names (<link rel="alternate"> of a feed type),
 * as absolute http(s) addresses, in the page's order; empty when none. */
GPtrArray  *pr_feed_discover             (const char        *html,
                                          gsize              length,
                                          const char        *url);

G_END_DECLS
