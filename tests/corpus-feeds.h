/* corpus-feeds.h: the corpus releases as feeds, in each dialect */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CORPUS_FEED_RSS,          /* RSS 2.0, the text in content:encoded */
  CORPUS_FEED_RDF,          /* RSS 1.0, the text as HTML in description */
  CORPUS_FEED_ATOM,         /* Atom, xhtml content, xml:base and relative links */
  CORPUS_FEED_JSON_HTML,    /* JSON Feed 1.1, content_html */
  CORPUS_FEED_JSON_TEXT,    /* JSON Feed 1.0, content_text */
  CORPUS_N_FEEDS
} CorpusFeed;

const char *corpus_feed_name  (CorpusFeed  dialect);

/* A feed of one item per release: @texts (UTF-8 release texts) with
 * @titles (the item's title, or NULL), linked at @base + "/release/N". */
char       *corpus_feed_build (CorpusFeed  dialect,
                               GPtrArray  *texts,
                               GPtrArray  *titles,
                               const char *base);

/* A release text as HTML paragraphs (lines kept with <br>). */
char       *corpus_feed_html  (const char *text);

/* The wires' shape: an RSS 2.0 feed of summary-only items (the first
 * words of each release, a tracking pixel) whose links, with tracking
 * parameters, go to the release pages: corpus_feed_summary_link(). */
char       *corpus_feed_build_summaries (GPtrArray  *texts,
                                         GPtrArray  *titles,
                                         const char *base);
/* The link of item @i of corpus_feed_build_summaries(). */
char       *corpus_feed_summary_link    (const char *base,
                                         guint       i);
/* A release page for that link: the text as HTML under its title. */
char       *corpus_feed_page            (const char *text,
                                         const char *title);

G_END_DECLS
