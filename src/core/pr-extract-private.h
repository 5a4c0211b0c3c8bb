/* pr-extract-private.h: what the extractors (pr-extract*.c) share */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pattern compiled with G_REGEX_OPTIMIZE; a bad pattern is a bug. */
GRegex   *pr_extract_compile        (const char *pattern);

/* Title Case lines (headlines, headings) look like names throughout. */
gboolean  pr_extract_is_title_case  (const char *line);

/* ---- names (pr-extract-names.c) ------------------------------------- */

/* Degrees and honours after a name: ", PhD", " OBE". */
#define PR_EXTRACT_POSTNOMINAL \
  "(?:(?:,?[ \\t]+|,)(?:MA|MBA|MSc|BSc|BA|PhD|Ph\\.D\\.|MD|M\\.D\\.|JD|CPA|CFA|PMP|Esq\\.?|FRS|" \
  "FREng|FRCP|OBE|CBE|MBE|KBE|DBE|PBM|BBM|SBS|JP|RN|DDS)(?![\\p{L}\\p{M}]))+"

/* What a word is in a run of capitalised words. */
typedef enum {
  PR_TOKEN_NAME,
  PR_TOKEN_PARTICLE,
  PR_TOKEN_SUFFIX,
  PR_TOKEN_ROLE,
  PR_TOKEN_OTHER,
} PrNameToken;

PrNameToken  pr_extract_classify_word     (const char *word);
gboolean     pr_extract_is_particle       (const char *word);
gboolean     pr_extract_is_role_token     (const char *word);
gboolean     pr_extract_is_all_caps       (const char *word);
gboolean     pr_extract_has_caps_pair     (const char *s);
gboolean     pr_extract_has_caps_word     (const char *name);
/* Honorifics skipped; @lord says whether "Lord" began a peerage name. */
const char  *pr_extract_skip_honorifics   (const char *name,
                                           gboolean   *lord);
/* A run of words as a person's name, or NULL when it is none. */
char        *pr_extract_clean_name        (const char *raw);
char        *pr_extract_clean_role        (const char *role);
/* People (PrEntity) listed once: a fragment of a fuller name goes, giving
 * it its role; a name in capitals takes the mixed case @text writes it in. */
void         pr_extract_drop_fragments    (GPtrArray  *people);
void         pr_extract_prefer_mixed_case (GPtrArray  *people,
                                           const char *text);
/* The first capital of @line at or after @i, @len if none. */
gsize        pr_extract_next_capital      (const char *line,
                                           gsize       len,
                                           gsize       i);
/* Where a run of name words can start at or after @from, @len if none. */
gsize        pr_extract_next_run          (const char *line,
                                           gsize       len,
                                           gsize       from);

/* ---- contacts (pr-extract-contacts.c) ------------------------------- */

/* A flag per line of @lines (cutting a line at a contact heading inside
 * it): the lines that belong to a contact block or read as one. */
guint8      *pr_extract_mark_contacts     (char      **lines);

G_END_DECLS
