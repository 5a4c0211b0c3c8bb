/* pr-facts-private.h: what the facts' files share (pr-facts.c: markers,
 * kind and the release; pr-facts-rules.c: the rules, read from
 * data/release-kinds.json; pr-facts-issuer.c: the issuer) */
#pragma once

#include "pr-facts.h"
#include "pr-text.h"

G_BEGIN_DECLS

#define PR_FACTS_N_KINDS (PR_FACTS_KIND_OTHER + 1)
#define PR_FACTS_KIND_OTHER 10

enum {
  IN_HEADLINE = 1 << 0,
  IN_BODY     = 1 << 1,
};

typedef struct {
  char   *rest;      /* what follows the key word, case-folded ("" for none) */
  gsize   rest_len;
  guint   kind;
  guint   index;     /* the phrase's number, to count it once per text */
  guint   lang;      /* a bit of PrFactsRules.langs */
  int     trigger;   /* a word that lets regular expression number trigger be tried, or -1 */
  double  weight;
  guint8  where;
  gboolean prefix;   /* "launch*": the last word may go on */
} PrFactsPhrase;

/* What is matched with regular expressions, per language: a release is
 * read with its own language's and English's only. Each alternative is a
 * whole word: the matcher then only tries the places where one starts. */
typedef struct {
  GRegex     *body_verb;    /* issuer cues, see the file's comment */
  GRegex     *headline_verb;
  GRegex     *plural_verb;
  GRegex     *hosted;
  char      **hosted_ends;  /* its alternatives' last words, lower case (NULL: not all plain) */
  gsize       hosted_reach; /* and the longest of them, in bytes */
} PrFactsLang;

typedef struct {
  GRegex        *rx;
  PrFactsPhrase *phrase;
} PrFactsPattern;

typedef struct {
  double      threshold;
  double      headline_weight;
  GPtrArray  *langs;        /* the languages' codes, a bit each */
  guint       n_phrases;
  /* Plain phrases by their first word; one-word prefixes ("acqui*") by
   * "*" and their first three bytes. */
  GHashTable *by_word;      /* char * → GPtrArray of PrFactsPhrase */
  guint8      pairs[65536 / 8];  /* the first two bytes of by_word's keys, a bit each */
  GPtrArray  *cjk;          /* phrases of Chinese, Japanese, Korean text: searched */
  GPtrArray  *regexes;      /* PrFactsPattern: tried when one of their words is seen */
  PrFactsLang   by_lang[32];  /* per bit of langs */
  GPtrArray  *adverbs;      /* every language's, case-folded */
  GPtrArray  *events;       /* nouns of events' names, every language's, case-folded */
  GRegex     *legal;        /* a name's legal form at its end */
  GRegex     *source;       /* a SOURCE line */
  GRegex     *about;        /* an About heading */
  GRegex     *url;
  GRegex     *lead;         /* the wire's markers before a headline */
  GRegex     *tail;         /* … and after it */
} PrFactsRules;

/* Chinese, Japanese, Korean: past U+2E80, so a comparison for the rest. */
static inline gboolean
pr_facts_is_cjk_char (gunichar c)
{
  return c >= 0x2E80 && pr_text_unichar_is_cjk (c);
}

/* A letter, digit or mark. Inline: the kind's word scan asks it of
 * every character. */
static inline gboolean
pr_facts_is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The character at @p, ASCII without a call. */
static inline gunichar
pr_facts_char_at (const char *p)
{
  return (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
}

/* Whether by_word may hold @key: its first two bytes were seen. Most
 * words of a text start no phrase, and this spares their look-ups. */
static inline gboolean
pr_facts_may_have_word (const guint8 *pairs,
                        const char   *key)
{
  guint pair = (guchar) key[0] << 8 | (key[0] != '\0' ? (guchar) key[1] : 0);

  return (pairs[pair >> 3] >> (pair & 7)) & 1;
}

/* The rules, loaded once and shared read-only by every thread. */
PrFactsRules *pr_facts_rules          (void);
/* The bit of a language code in PrFactsRules.langs, 0 for none. */
guint         pr_facts_lang_lookup    (PrFactsRules *rules,
                                       const char   *lang);

/* Lower case, as the phrases are folded (a new string). */
char         *pr_facts_fold           (const char   *text,
                                       gssize        len);
/* The first @max bytes of @text, cut at a character's start. */
char         *pr_facts_head_of        (const char   *text,
                                       gsize         max);
gboolean      pr_facts_is_cjk_text    (const char   *text);
/* The text of a release's block @i, NULL past the end or for a table. */
const char   *pr_facts_block_text     (GPtrArray    *blocks,
                                       guint         i);

/* The issuers (one, two for a joint release, none), NULL-terminated. */
char        **pr_facts_find_issuers   (PrFactsRules *rules,
                                       PrRelease    *release,
                                       const char   *title);

G_END_DECLS
