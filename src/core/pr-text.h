/* pr-text.h: decoding and normalising release text */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Turns raw bytes into clean UTF-8 with \n line ends: strips a BOM, converts
 * UTF-16 (with a BOM) and Windows-1252/Latin-1, decodes stray HTML character
 * references, maps no-break and zero-width spaces. Fails (with
 * PR_PARSER_ERROR) on empty input, binary data or NUL bytes. */
char     *pr_text_decode            (const char  *data,
                                     gsize        length,
                                     GError     **error);

/* The bytes of @file (NUL-terminated, for @length bytes), refused with
 * PR_PARSER_ERROR_TOO_LARGE over @max_size bytes before anything is read,
 * and with a message of its own for a folder. Errors carry only the
 * reason; callers prefix the name. */
char     *pr_text_load_file         (GFile        *file,
                                     gsize         max_size,
                                     GCancellable *cancellable,
                                     gsize        *length,
                                     GError      **error);

/* Decodes &amp; &#8217; &#x2019; &rsquo; … in place-safe copy. */
char     *pr_text_decode_entities   (const char  *text);

/* Collapses runs of white space to one space and trims. */
char     *pr_text_collapse_space    (const char  *text);

/* "LIANYUNGANG" → "Lianyungang"; "NEW DELHI" → "New Delhi"; mixed case is
 * kept as written. */
char     *pr_text_title_case_caps   (const char  *text);

/* TRUE when every letter in text is upper case (and there is one). */
gboolean  pr_text_is_all_caps       (const char  *text);

/* Counts words; CJK ideographs and kana count one each. */
guint     pr_text_count_words       (const char  *text);

/* TRUE for CJK ideographs, kana and hangul. */
gboolean  pr_text_unichar_is_cjk    (gunichar     c);

/* The letters and digits of @text, case-folded (a new string): a key
 * under which "Acme’s X" and "ACME'S X", "Lotto.com®" and "LOTTO.COM"
 * are one. */
char     *pr_text_alnum_key         (const char  *text);

/* Whether @text contains Chinese or Japanese characters (which go to the
 * trigram index). */
gboolean  pr_text_has_cjk           (const char  *text);

/* "example.com/a" from "https://www.example.com/a/" or "mailto:…", lower
 * case: a link as text says it. */
char     *pr_text_bare_url          (const char  *url);

/* The first sentence of text, cut at a word boundary near max_chars. */
char     *pr_text_first_sentence    (const char  *text,
                                     guint        max_chars);

G_END_DECLS
