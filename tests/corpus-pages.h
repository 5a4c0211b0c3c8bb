/* corpus-pages.h: a corpus release wrapped as the web page that would
 * carry it, for the HTML reader's corpus test (tests/test-html.c) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CORPUS_PAGE_PRNEWSWIRE,
  CORPUS_PAGE_GLOBENEWSWIRE,
  CORPUS_PAGE_BUSINESSWIRE,
  CORPUS_PAGE_ACCESSNEWSWIRE,
  CORPUS_PAGE_NEWSFILE,
  CORPUS_PAGE_EINPRESSWIRE,
  CORPUS_PAGE_NEWSROOM,   /* a company's newsroom: JSON-LD, light furniture */
  CORPUS_PAGE_PORTAL,     /* a portal syndicating releases: heavy furniture */
  CORPUS_N_PAGES
} CorpusPage;

/* "prnewswire", …, "newsroom", "portal". */
const char *corpus_page_name  (CorpusPage  page);

/* The release @text as @page would show it: the headline as the page's
 * <h1>, the body split into paragraphs, lists and line-broken blocks the
 * way the text has them, escaped; a scraper's " date YYYY-MM-DD" header as
 * the page's <time>. @index makes the page's URL unique. */
char       *corpus_page_build (CorpusPage  page,
                               const char *text,
                               guint       index);

G_END_DECLS
