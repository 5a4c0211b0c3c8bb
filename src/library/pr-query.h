/* pr-query.h: the library's search language
 *
 * A query is words, prefixes (lianyun*), phrases ("round table"), the
 * operators AND, OR and NOT (upper case; a leading '-' also negates),
 * parentheses, and filters:
 *
 *   source:WIRE   the wire (lower-cased letters and digits, prefix match:
 *                 source:prnewswire, source:"PR Newswire", source:business)
 *   org:NAME      an organisation named in the release (words of its name)
 *   person:NAME   a person named in the release
 *   place:NAME    a word of the dateline (city, region)
 *   lang:CODE     the language (lang:en matches en and en-GB)
 *   is:unread, is:read, is:bookmarked
 *   feed:FEED     from a subscribed feed: its number, its address, or
 *                 words of its title (feed:12, feed:"Business Wire tech")
 *   after:DATE    on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
 *   before:DATE   on or before DATE; undated releases never match
 *
 * Words next to each other must all match. Chinese and Japanese words are
 * found as substrings through a trigram index. Parsing never fails: a
 * malformed query (an unbalanced quote or parenthesis, a lone operator)
 * falls back to searching for its plain words, and unknown filters are
 * searched as words; both add a message to the query's warnings. Only
 * the first 32 terms (words, phrase words, filters) are searched: the
 * rest is left out, with a warning (a pasted page of text would otherwise
 * take seconds).
 *
 * Snippets of the text a query finds are in pr-snippet.h. */
#pragma once

#include <glib-object.h>

#include "pr-snippet.h"

G_BEGIN_DECLS

typedef enum {
  PR_SORT_DATE,        /* newest first, undated last (the default) */
  PR_SORT_TITLE,       /* A to Z, ignoring ASCII case */
  PR_SORT_SOURCE,      /* by wire, then newest first */
  PR_SORT_RELEVANCE,   /* bm25, the title weighted highest; date without words */
} PrSort;

typedef enum {
  PR_FILTER_ALL,
  PR_FILTER_UNREAD,
  PR_FILTER_BOOKMARKED,
} PrFilter;

#define PR_TYPE_SORT (pr_sort_get_type ())
GType pr_sort_get_type (void);
#define PR_TYPE_FILTER (pr_filter_get_type ())
GType pr_filter_get_type (void);

#define PR_TYPE_QUERY (pr_query_get_type ())
G_DECLARE_FINAL_TYPE (PrQuery, pr_query, PR, QUERY, GObject)

/* Queries are immutable. NULL or "" matches every release. */
PrQuery            *pr_query_new             (const char *text);

const char         *pr_query_get_text        (PrQuery    *self);
/* TRUE when the query matches every release (no terms, no filters). */
gboolean            pr_query_is_empty        (PrQuery    *self);
/* TRUE when the query has words to search for (and so snippets and
 * relevance). */
gboolean            pr_query_has_terms       (PrQuery    *self);
/* TRUE when the query was malformed and fell back to its plain words. */
gboolean            pr_query_get_fell_back   (PrQuery    *self);
/* Human-readable messages (English) about unknown filters, bad dates and
 * fallbacks; an empty array when there are none. */
const char * const *pr_query_get_warnings    (PrQuery    *self);
/* The words and phrases searched for outside NOT, for highlighting in an
 * article (prefixes without their '*'). */
const char * const *pr_query_get_terms       (PrQuery    *self);
/* The FTS5 expression of the words (for tests and debugging), or NULL. */
const char         *pr_query_get_match       (PrQuery    *self);

/* Lower case, without diacritics, letters and digits only: the key under
 * which sources, organisations, people and places are compared. */
char               *pr_normalize_key         (const char *text);

G_END_DECLS
