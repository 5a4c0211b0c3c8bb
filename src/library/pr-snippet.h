/* pr-snippet.h: snippets of release text around the words searched for
 *
 * Snippets mark each matched term with PR_SNIPPET_START and PR_SNIPPET_END,
 * two control characters that never occur in stored text, and mark cut
 * text with PR_SNIPPET_ELLIPSIS. pr_snippet_to_markup() turns a snippet
 * into escaped Pango markup. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_SNIPPET_START    "\x02"
#define PR_SNIPPET_END      "\x03"
#define PR_SNIPPET_ELLIPSIS "\xe2\x80\xa6"   /* … */

/* Escapes @snippet for Pango markup and replaces the match markers with
 * @start_tag and @end_tag (e.g. "<b>" and "</b>"). Unbalanced markers are
 * dropped. */
char *pr_snippet_to_markup (const char *snippet,
                            const char *start_tag,
                            const char *end_tag);
/* The snippet without its markers. */
char *pr_snippet_strip     (const char *snippet);

/* A snippet of @text around the first of @terms found in it (ignoring
 * ASCII case), with the markers above; NULL when none is found. */
char *pr_snippet_make      (const char          *text,
                            const char * const  *terms,
                            guint                context_chars);
/* The same where a word starts, and the whole word marked: for prefixes
 * ("turb*" marks "turbines"). */
char *pr_snippet_make_words (const char          *text,
                             const char * const  *terms,
                             guint                context_chars);
/* A snippet of @text: its passage of @n_words words with the most of
 * @terms, each marked, the terms matched as the library's full-text index
 * matches them (whole words, ignoring case and diacritics; a phrase's
 * words in a row; a term ending in '*' a prefix of its last word). NULL
 * when none is found. Chinese and Japanese text, which the index reads as
 * substrings, is for pr_snippet_make(). */
char *pr_snippet_find       (const char          *text,
                             const char * const  *terms,
                             guint                n_words);

G_END_DECLS
