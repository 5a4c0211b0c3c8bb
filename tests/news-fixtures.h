/* news-fixtures.h: a corpus release wrapped as a NewsML-G2 news item and
 * as ninjs, for the readers' tests (tests/test-newsml.c, tests/test-ninjs.c)
 *
 * The text stays the corpus's own (read from ../shared/corpus at run
 * time, never copied); only its wrapping varies. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NEWS_BLOCK_PARAGRAPH,  /* one paragraph: its hard-wrapped lines joined */
  NEWS_BLOCK_LINES,      /* short lines kept as lines (<br>): contacts, addresses */
  NEWS_BLOCK_LIST,       /* list items, one a line */
  NEWS_BLOCK_TABLE,      /* rows, cells apart by tabs */
} NewsBlockKind;

typedef struct {
  NewsBlockKind   kind;
  char          **lines;
} NewsBlock;

/* A release's text as a producer of news items holds it. */
typedef struct {
  char      *headline;  /* the headline the text parser finds, or NULL */
  char      *date;      /* a scraper header's YYYY-MM-DD, or NULL */
  GPtrArray *blocks;    /* NewsBlock */
} NewsText;

/* Splits @text (UTF-8, as pr_text_decode() gives it): the headline (when
 * the text parser finds the first block to be one) and a scraper's
 * " date YYYY-MM-DD" header go to the metadata, the rest into blocks. */
NewsText *news_text_split       (const char  *text);
void      news_text_free        (NewsText    *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewsText, news_text_free)

/* The blocks as XHTML (<p>, <br/>, <ul><li>, <table>), escaped. */
char     *news_text_xhtml       (NewsText    *text);
/* The blocks as plain text: paragraphs apart by blank lines, list items
 * as "• " lines, table rows of tab-separated cells. */
char     *news_text_plain       (NewsText    *text);

/* A newsItem element (no XML declaration) with the headline in
 * contentMeta, the date as versionCreated and contentCreated, the body as
 * inlineXML XHTML; @index makes its guid unique. */
char     *news_fixture_newsml_item  (NewsText    *text,
                                     guint        index);
/* A whole NewsML-G2 document: one newsItem, or a newsMessage of them. */
char     *news_fixture_newsml       (NewsText    *text,
                                     guint        index);
char     *news_fixture_newsml_message (GPtrArray *texts);

/* A ninjs object (@version 1: headline, body_text or body_html; 2:
 * headlines[], bodies[] text/plain or text/html), as JSON text. */
char     *news_fixture_ninjs        (NewsText    *text,
                                     guint        index,
                                     guint        version,
                                     gboolean     html);

/* The corpus file @path decoded as the parser decodes it, or NULL. */
char     *news_fixture_read_text    (const char  *path);

/* ---- Checks ---- */

/* A reader of many releases: pr_newsml_read(), pr_ninjs_read(). */
typedef GPtrArray *(*NewsReader) (const char  *data,
                                  gsize        length,
                                  const char  *origin,
                                  GError     **error);

/* The releases @reader reads from @data (NUL-terminated), which it must
 * read without an error; their origin is "test". */
GPtrArray *news_read_ok      (NewsReader   reader,
                              const char  *data);
/* @reader refuses @data with PR_PARSER_ERROR @code and a message of one
 * line, in UTF-8, that says @words (unless NULL). */
void       news_assert_fails (NewsReader   reader,
                              const char  *data,
                              gsize        length,
                              int          code,
                              const char  *words);
/* Builds the document of corpus release @index from its text. */
typedef char      *(*NewsWrapper) (NewsText    *text,
                                   guint        index,
                                   gpointer     user_data);

/* Every release of ../shared/corpus (a row of its expected.tsv) wrapped
 * by @wrapper and read by @reader, one release a document, scored by the
 * corpus README's rules under @name: the score in percent, or -1 (the
 * test skipped) without a corpus. @texts, unless NULL, gets each row's
 * NewsText (owned), in order. */
double     news_score_corpus (const char  *name,
                              NewsWrapper  wrapper,
                              gpointer     user_data,
                              NewsReader   reader,
                              GPtrArray   *texts);
/* Scores @releases (PrRelease, NULL where none was read), one a row of
 * expected.tsv in order, under @name; -1 without a corpus. */
double     news_score_rows   (const char  *name,
                              GPtrArray   *releases);

/* Whether @entities (PrEntity) name @name. */
gboolean   news_has_entity   (GPtrArray   *entities,
                              const char  *name);

G_END_DECLS
