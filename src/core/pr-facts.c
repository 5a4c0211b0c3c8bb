/* pr-facts.c: who announces and what kind of news it is
 *
 * Three facts read from what the parser found:
 *   the headline's wire markers ("/REPEAT -- … /", "CORRECTION -"), taken
 *     out of the title and kept as flags;
 *   the kind of news, from weighted phrases per kind and language in
 *     data/release-kinds.json, matched in the headline and the first
 *     paragraph;
 *   the issuer, from cues that each vote for a name: the subject of "X
 *     today announced" and of the headline's verb, the SOURCE line, the
 *     About sections, the company's web address, the host of an event.
 *     Names are matched to the organisations the parser found where they
 *     can be, and the best voted (two for a joint release) wins.
 *
 * The rules are compiled once; the headline and the first paragraph are
 * case-folded once and cut into words, so plain phrases are found by a
 * hash look-up per word rather than a search per phrase.
 */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pr-core-resources.h"
#include "pr-facts.h"
#include "pr-text.h"
#include "pr-wire.h"

#define KINDS_RESOURCE "/org/example/PressReader/core/release-kinds.json"

static const char * const kinds[] = {
  PR_KIND_EARNINGS, PR_KIND_DEAL, PR_KIND_PRODUCT, PR_KIND_PARTNERSHIP, PR_KIND_PEOPLE,
  PR_KIND_EVENT, PR_KIND_AWARD, PR_KIND_RESEARCH, PR_KIND_FILING, PR_KIND_PUBLIC,
  PR_KIND_OTHER, NULL,
};
#define N_KINDS (G_N_ELEMENTS (kinds) - 1)
#define KIND_OTHER (N_KINDS - 1)

const char * const *
pr_facts_kinds (void)
{
  return kinds;
}

const char *
pr_facts_kind_label (const char *kind)
{
  /* Translators: the kinds of news a press release announces, shown
   * beside a release; "People" is news of appointments and hires,
   * "Filing" a regulatory filing or notice. */
  static const char * const labels[] = {
    NC_("kind", "Earnings"), NC_("kind", "Deal"), NC_("kind", "Product"),
    NC_("kind", "Partnership"), NC_("kind", "People"), NC_("kind", "Event"),
    NC_("kind", "Award"), NC_("kind", "Research"), NC_("kind", "Filing"),
    NC_("kind", "Public affairs"), NC_("kind", "Other"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == N_KINDS);
  if (kind == NULL)
    return NULL;
  for (guint i = 0; i < N_KINDS; i++)
    if (strcmp (kind, kinds[i]) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "kind", labels[i]);
  return NULL;
}

/* ---- The rules ----------------------------------------------------------- */

enum {
  IN_HEADLINE = 1 << 0,
  IN_BODY     = 1 << 1,
};

typedef struct {
  char   *rest;      /* what follows the key word, case-folded ("" for none) */
  gsize   rest_len;
  guint   kind;
  guint   index;     /* the phrase's number, to count it once per text */
  guint   lang;      /* a bit of Rules.langs */
  int     trigger;   /* a word that lets regular expression number trigger be tried, or -1 */
  double  weight;
  guint8  where;
  gboolean prefix;   /* "launch*": the last word may go on */
} Phrase;

/* What is matched with regular expressions, per language: a release is
 * read with its own language's and English's only. Each alternative is a
 * whole word: the matcher then only tries the places where one starts. */
typedef struct {
  GRegex     *body_verb;    /* issuer cues, see the file's comment */
  GRegex     *headline_verb;
  GRegex     *plural_verb;
  GRegex     *hosted;
} LangRules;

typedef struct {
  double      threshold;
  double      headline_weight;
  GPtrArray  *langs;        /* the languages' codes, a bit each */
  guint       n_phrases;
  /* Plain phrases by their first word; one-word prefixes ("acqui*") by
   * "*" and their first three bytes. */
  GHashTable *by_word;      /* char * → GPtrArray of Phrase */
  GPtrArray  *cjk;          /* phrases of Chinese, Japanese, Korean text: searched */
  GPtrArray  *regexes;      /* Pattern: tried when one of their words is seen */
  LangRules   by_lang[32];  /* per bit of langs */
  GPtrArray  *adverbs;      /* every language's, case-folded */
  GRegex     *legal;        /* a name's legal form at its end */
  GRegex     *source;       /* a SOURCE line */
  GRegex     *about;        /* an About heading */
  GRegex     *url;
  GRegex     *lead;         /* the wire's markers before a headline */
  GRegex     *tail;         /* … and after it */
} Rules;

/* Lower case, ASCII without a table look-up: the phrases and the texts
 * are folded alike. */
static char *
fold (const char *text,
      gssize      len)
{
  GString *out;
  const char *end;

  if (len < 0)
    len = strlen (text);
  end = text + len;
  out = g_string_sized_new (len + 1);
  for (const char *p = text; p < end && *p;)
    {
      if ((guchar) *p < 0x80)
        g_string_append_c (out, g_ascii_tolower (*p++));
      else
        {
          g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (p)));
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (out, FALSE);
}

/* The first @max bytes of @text, cut at a character's start. */
static char *
head_of (const char *text,
         gsize       max)
{
  gsize len = strlen (text);

  if (len <= max)
    return g_strdup (text);
  return g_strndup (text, g_utf8_find_prev_char (text, text + max + 1) - text);
}

static gboolean
is_cjk_text (const char *text)
{
  return pr_text_unichar_is_cjk (g_utf8_get_char (text));
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Chinese, Japanese, Korean: past U+2E80, so a comparison for the rest. */
static inline gboolean
is_cjk_char (gunichar c)
{
  return c >= 0x2E80 && pr_text_unichar_is_cjk (c);
}

static guint
lang_bit (Rules      *rules,
          const char *lang)
{
  guint i;

  if (lang == NULL)
    return 0;
  for (i = 0; i < rules->langs->len; i++)
    if (strcmp (g_ptr_array_index (rules->langs, i), lang) == 0)
      return 1u << i;
  if (i >= 31)
    return 0;
  g_ptr_array_add (rules->langs, g_strdup (lang));
  return 1u << i;
}

typedef struct {
  GRegex *rx;
  Phrase *phrase;
} Pattern;

static void
add_to_word (Rules      *rules,
             const char *word,
             Phrase     *phrase)
{
  GPtrArray *list = g_hash_table_lookup (rules->by_word, word);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (rules->by_word, g_strdup (word), list);
    }
  g_ptr_array_add (list, phrase);
}

/* "re[quarter]:\\b(?:first|second) quarter results": a regular
 * expression is costly on every text; it is tried only on those with one
 * of its words. */
static void
add_pattern (Rules      *rules,
             const char *text,
             Phrase     *phrase)
{
  const char *close = strstr (text, "]:");
  g_autofree char *words = NULL;
  g_auto(GStrv) list = NULL;
  g_autoptr(GError) error = NULL;
  Pattern *pattern;

  if (close == NULL)
    g_error ("release-kinds.json: %s: re[word,…]: expected", text);
  pattern = g_new0 (Pattern, 1);
  pattern->rx = g_regex_new (close + 2, G_REGEX_OPTIMIZE, 0, &error);
  if (pattern->rx == NULL)
    g_error ("release-kinds.json: %s: %s", text, error->message);
  pattern->phrase = phrase;
  phrase->rest = g_strdup ("");
  g_ptr_array_add (rules->regexes, pattern);

  words = g_strndup (text + 3, close - (text + 3));
  list = g_strsplit (words, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      Phrase *trigger = g_new0 (Phrase, 1);
      g_autofree char *folded = fold (g_strstrip (list[i]), -1);

      *trigger = *phrase;
      trigger->rest = g_strdup ("");
      trigger->trigger = rules->regexes->len - 1;
      add_to_word (rules, folded, trigger);
    }
}

/* Read only, once the rules are shared. */
static guint
lang_lookup (Rules      *rules,
             const char *lang)
{
  for (guint i = 0; lang != NULL && i < rules->langs->len; i++)
    if (strcmp (g_ptr_array_index (rules->langs, i), lang) == 0)
      return 1u << i;
  return 0;
}

static void
add_phrase (Rules      *rules,
            const char *text,
            guint       kind,
            guint       lang,
            double      weight,
            guint8      where)
{
  Phrase *phrase = g_new0 (Phrase, 1);
  g_autofree char *folded = NULL;
  const char *space;
  gsize len;

  phrase->kind = kind;
  phrase->lang = lang;
  phrase->weight = weight;
  phrase->where = where;
  phrase->index = rules->n_phrases++;

  phrase->trigger = -1;
  if (g_str_has_prefix (text, "re["))
    {
      add_pattern (rules, text, phrase);
      return;
    }

  folded = fold (text, -1);
  len = strlen (folded);
  if (len > 1 && folded[len - 1] == '*')
    {
      folded[--len] = '\0';
      phrase->prefix = TRUE;
    }
  if (is_cjk_text (folded))
    {
      phrase->rest = g_steal_pointer (&folded);
      phrase->rest_len = len;
      g_ptr_array_add (rules->cjk, phrase);
      return;
    }

  space = strchr (folded, ' ');
  {
    g_autofree char *key = NULL;

    if (space == NULL && phrase->prefix)
      {
        /* Found by the word's first three bytes, then compared whole. */
        key = g_strconcat ("*", folded, NULL);
        key[MIN (strlen (key), 4)] = '\0';
        phrase->rest = g_strdup (folded);
      }
    else
      {
        key = space != NULL ? g_strndup (folded, space - folded) : g_strdup (folded);
        phrase->rest = g_strdup (space != NULL ? space : "");
      }
    phrase->rest_len = strlen (phrase->rest);
    add_to_word (rules, key, phrase);
  }
}

static void
add_phrases (Rules      *rules,
             JsonObject *object,
             guint       lang,
             const char *member,
             guint       kind,
             guint8      where)
{
  JsonObject *phrases;
  g_autoptr(GList) names = NULL;

  if (!json_object_has_member (object, member))
    return;
  phrases = json_object_get_object_member (object, member);
  if (phrases == NULL)
    return;
  names = json_object_get_members (phrases);
  for (GList *l = names; l != NULL; l = l->next)
    add_phrase (rules, l->data, kind, lang,
                json_object_get_double_member (phrases, l->data), where);
}

/* One alternation of a language's @member, each alternative a whole word
 * (but in Chinese); NULL without any. */
static GRegex *
cue_regex (JsonObject *lang,
           const char *member)
{
  g_autoptr(GString) verbs = g_string_new (NULL);
  JsonArray *list = json_object_has_member (lang, member)
                    ? json_object_get_array_member (lang, member) : NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cjk = FALSE;
  GRegex *rx;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *alt = json_array_get_string_element (list, i);

      if (verbs->len > 0)
        g_string_append_c (verbs, '|');
      g_string_append (verbs, alt);
      cjk |= is_cjk_text (alt);
    }
  if (verbs->len == 0)
    return NULL;
  pattern = cjk ? g_strdup_printf ("(?:%s)", verbs->str)
                : g_strdup_printf ("(?<![\\p{L}\\p{N}])(?:%s)(?![\\p{L}\\p{N}])", verbs->str);
  rx = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  if (rx == NULL)
    g_error ("release-kinds.json, issuer %s: %s", member, error->message);
  return rx;
}

static GRegex *
compile (const char         *pattern,
         GRegexCompileFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GRegex *rx = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, &error);

  if (rx == NULL)
    g_error ("facts pattern: %s", error->message);
  return rx;
}

static Rules *
rules_load (void)
{
  Rules *rules = g_new0 (Rules, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *by_kind, *issuer;
  g_autoptr(GList) issuer_langs = NULL;

  rules->by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  rules->cjk = g_ptr_array_new ();
  rules->langs = g_ptr_array_new_with_free_func (g_free);
  rules->adverbs = g_ptr_array_new_with_free_func (g_free);
  rules->regexes = g_ptr_array_new ();

  /* Registered here, not by a constructor: a static library's
   * constructors run only in the programs that link their file. */
  pr_core_register_resource ();
  bytes = g_resource_lookup_data (pr_core_get_resource (), KINDS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* Built into the program: broken, it is the build's fault. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("release-kinds.json: %s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  rules->threshold = json_object_get_double_member (root, "threshold");
  rules->headline_weight = json_object_get_double_member (root, "headline_weight");

  by_kind = json_object_get_object_member (root, "kinds");
  for (guint k = 0; k < N_KINDS; k++)
    {
      JsonObject *kind = json_object_has_member (by_kind, kinds[k])
                         ? json_object_get_object_member (by_kind, kinds[k]) : NULL;
      g_autoptr(GList) langs = kind != NULL ? json_object_get_members (kind) : NULL;

      for (GList *l = langs; l != NULL; l = l->next)
        {
          JsonObject *lang = json_object_get_object_member (kind, l->data);
          guint bit = lang_bit (rules, l->data);

          add_phrases (rules, lang, bit, "both", k, IN_HEADLINE | IN_BODY);
          add_phrases (rules, lang, bit, "headline", k, IN_HEADLINE);
          add_phrases (rules, lang, bit, "body", k, IN_BODY);
        }
    }
  issuer = json_object_get_object_member (root, "issuer");
  issuer_langs = json_object_get_members (issuer);
  for (GList *l = issuer_langs; l != NULL; l = l->next)
    {
      JsonObject *lang = json_object_get_object_member (issuer, l->data);
      LangRules *lr = &rules->by_lang[g_bit_nth_lsf (lang_bit (rules, l->data), -1)];
      JsonArray *adverbs = json_object_has_member (lang, "adverbs")
                           ? json_object_get_array_member (lang, "adverbs") : NULL;

      lr->body_verb = cue_regex (lang, "body");
      lr->headline_verb = cue_regex (lang, "headline");
      lr->plural_verb = cue_regex (lang, "plural");
      lr->hosted = cue_regex (lang, "hosted");
      for (guint i = 0; adverbs != NULL && i < json_array_get_length (adverbs); i++)
        g_ptr_array_add (rules->adverbs, fold (json_array_get_string_element (adverbs, i), -1));
    }

  rules->legal = compile ("(?:[,\\s]+(?:Inc\\.?|Incorporated|Ltd\\.?|Limited|Corp\\.?|Corporation|"
                          "GmbH(?:\\s*&\\s*Co\\.?\\s*KG(?:aA)?)?|AG|SE|KGaA|S\\.A\\.?(?:\\s+de\\s+C\\.V\\.?)?|"
                          "S\\.A\\.U\\.?|SA|S\\.L\\.?|SL|S\\.p\\.A\\.?|SpA|S\\.r\\.l\\.?|S\\.A\\.S\\.?|SAS|"
                          "N\\.V\\.?|NV|B\\.V\\.?|BV|Co\\.?|Company|LLC|L\\.L\\.C\\.?|LLP|L\\.P\\.?|LP|"
                          "plc|PLC|Plc|Pte\\.?|Pty\\.?|K\\.K\\.?|Berhad|Bhd\\.?|Oy|Oyj|AB|ASA|A/S)\\.?)+\\s*$", 0);
  rules->source = compile ("^(?:SOURCE|Source|Fuente|Quelle|Source de l['’]information|来源|消息来源)"
                           "\\s*[:：]?\\s*(\\S.{1,100}?)\\s*$", 0);
  rules->about = compile ("^(?:About|ABOUT|Über|ÜBER|Ueber|À propos d[e'’]|A propos d[e'’]|"
                          "À PROPOS D[E'’]|Acerca de|ACERCA DE|Sobre|SOBRE|关于|關於)\\s*(\\S.*)$", 0);
  rules->url = compile ("(?:https?://|\\bwww\\.)([\\p{L}\\p{N}.-]+)", G_REGEX_CASELESS);
  rules->lead = compile ("^\\s*(/\\s*)?(?:(R\\s?E\\s?P\\s?E\\s?A\\s?T)|"
                         "(C\\s?O\\s?R\\s?R\\s?E\\s?C\\s?T\\s?I\\s?O\\s?N|CORRECT(?:ED|ING)(?:\\s+(?:and|AND|&)\\s+REPLACING)?|"
                         "Correcting and Replacing|KORREKTUR|BERICHTIGUNG|RECTIFICATIF|CORRECCI[OÓ]N|CORRECTIF)|"
                         "(UPDATED?(?:\\s*\\d+)?|AKTUALISIERUNG|MISE À JOUR|ACTUALIZACI[OÓ]N)|"
                         "((?:MEDIA\\s+|PRESS\\s+)?ADVISORY|MEDIENEINLADUNG|INVITATION\\s+PRESSE|AVISO\\s+A\\s+(?:LOS\\s+)?MEDIOS)|"
                         "(PHOTOS?|FOTOS?)|(VIDEOS?))"
                         "(?:\\s*(?:--|[-–—:/|])\\s*|\\s+(?=\\S)(?(1)|(?<=ADVISORY |REPLACING |Replacing )))", 0);
  rules->tail = compile ("\\s*(?:[-–—]\\s*(?:(PHOTOS?|FOTOS?)|(VIDEOS?))|"
                         "\\(\\s*(?:with\\s+|mit\\s+|avec\\s+|con\\s+)?(?:(photos?|fotos?|images?)|(vid[eé]os?))\\s*\\)|"
                         "/\\s*(?:(PHOTOS?)|(VIDEOS?))\\s*/|(?<=\\S)\\s*(/))\\s*$", G_REGEX_CASELESS);
  return rules;
}

static Rules *
rules_get (void)
{
  static Rules *rules;

  if (g_once_init_enter (&rules))
    g_once_init_leave (&rules, rules_load ());
  return rules;
}

/* ---- Markers ------------------------------------------------------------- */

static void
add_flag (GPtrArray  *flags,
          const char *flag)
{
  for (guint i = 0; i < flags->len; i++)
    if (strcmp (g_ptr_array_index (flags, i), flag) == 0)
      return;
  g_ptr_array_add (flags, g_strdup (flag));
}

static gboolean
group_matched (GMatchInfo *info,
               int         group)
{
  int start = -1, end = -1;

  return g_match_info_fetch_pos (info, group, &start, &end) && start >= 0 && end > start;
}

static gboolean
has_lead_marker (const char *text)
{
  while (*text == ' ')
    text++;
  return *text == '/' || g_str_has_prefix (text, "Correcting") ||
         (g_ascii_isupper (text[0]) && (g_ascii_isupper (text[1]) || text[1] == ' ')) ||
         g_str_has_prefix (text, "MISE") || (guchar) text[1] >= 0x80;
}

static gboolean
has_tail_marker (const char *text)
{
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == ' ')
    len--;
  return len > 0 && strchr (")/OSos", text[len - 1]) != NULL;
}

char *
pr_facts_strip_markers (const char   *title,
                        char       ***flags)
{
  static const char * const lead_flags[] = { NULL, NULL, "repeat", "correction", "update", "advisory", "photo", "video" };
  static const char * const tail_flags[] = { NULL, "photo", "video", "photo", "video", "photo", "video" };
  Rules *rules = rules_get ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = g_strdup (title != NULL ? title : "");
  gboolean slashed = FALSE;

  /* Markers stack ("/REPEAT -- UPDATE 2-…"): take them off one by one.
   * They start with a slash or a word in capitals ("R E P E A T" too),
   * or "Correcting"; end with a bracket, a slash or a capital. */
  for (guint round = 0; round < 4 && has_lead_marker (text); round++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int end = 0;

      if (!g_regex_match (rules->lead, text, 0, &info))
        break;
      g_match_info_fetch_pos (info, 0, NULL, &end);
      if (text[end] == '\0')
        break;     /* the whole headline: not a marker */
      slashed |= group_matched (info, 1);
      for (int g = 2; g < (int) G_N_ELEMENTS (lead_flags); g++)
        if (group_matched (info, g))
          add_flag (found, lead_flags[g]);
      memmove (text, text + end, strlen (text + end) + 1);
    }
  for (guint round = 0; round < 4 && has_tail_marker (text); round++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int start = 0;
      gboolean flagged = FALSE;

      if (!g_regex_match (rules->tail, text, 0, &info))
        break;
      /* A closing slash only closes an opening one ("/REPEAT -- … /"). */
      if (group_matched (info, 7) && !slashed)
        break;
      g_match_info_fetch_pos (info, 0, &start, NULL);
      if (start == 0)
        break;
      for (int g = 1; g < (int) G_N_ELEMENTS (tail_flags); g++)
        if (group_matched (info, g))
          {
            add_flag (found, tail_flags[g]);
            flagged = TRUE;
          }
      if (!flagged && !group_matched (info, 7))
        break;
      text[start] = '\0';
    }

  if (flags != NULL)
    {
      g_ptr_array_add (found, NULL);
      *flags = (char **) g_ptr_array_steal (found, NULL);
    }
  if (title != NULL && strcmp (text, title) == 0)
    return g_steal_pointer (&text);
  return g_strstrip (g_steal_pointer (&text));
}

/* ---- Kind ---------------------------------------------------------------- */

typedef struct {
  double   score[N_KINDS];
  guint8  *seen;      /* per phrase: where it was counted already */
  guint    langs;     /* the languages whose phrases count */
  guint8  *pending;   /* per pattern: one of its words was seen */
} Tally;

static void
count_phrase (Rules        *rules,
              Tally        *tally,
              const Phrase *phrase,
              guint8        where)
{
  if (!(phrase->where & where) || !(phrase->lang & tally->langs) ||
      (tally->seen[phrase->index] & where))
    return;
  if (phrase->trigger >= 0)
    {
      tally->pending[phrase->trigger] = TRUE;
      return;
    }
  tally->seen[phrase->index] |= where;
  
  tally->score[phrase->kind] += phrase->weight * (where == IN_HEADLINE ? rules->headline_weight : 1.0);
}

/* Whether @rest (" first quarter") follows at @at, up to a word's end. */
static gboolean
rest_matches (const Phrase *phrase,
              const char   *at)
{
  const char *end;

  if (strncmp (at, phrase->rest, phrase->rest_len) != 0)
    return FALSE;
  end = at + phrase->rest_len;
  return phrase->prefix || *end == '\0' || !is_word_char (g_utf8_get_char (end));
}

static void
score_text (Rules      *rules,
            Tally      *tally,
            const char *folded,
            guint8      where)
{
  const char *p = folded;

  /* Words: each looked up whole, and by its first three bytes for the
   * prefixes. */
  while (*p)
    {
      const char *start;
      gunichar c = g_utf8_get_char (p);

      if (!is_word_char (c) || is_cjk_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      start = p;
      while (*p && is_word_char (c = g_utf8_get_char (p)) && !is_cjk_char (c))
        p = g_utf8_next_char (p);
      /* "d'annoncer", "co-hosted", "10-k" are looked up with their joins too. */
      while ((*p == '-' || *p == '\'') && is_word_char (g_utf8_get_char (p + 1)))
        {
          p++;
          while (*p && is_word_char (c = g_utf8_get_char (p)) && !is_cjk_char (c))
            p = g_utf8_next_char (p);
        }
      {
        char key[64];
        gsize len = p - start;
        GPtrArray *list;

        if (len >= sizeof key)
          continue;
        memcpy (key, start, len);
        key[len] = '\0';
        /* The word and its first part before a join ("co" of "co-hosted"
         * is no word, "partner" of "partner-led" is). */
        for (guint part = 0; part < 2; part++)
          {
            const char *dash = part == 1 ? strpbrk (key, "-'") : NULL;
            gsize key_len = part == 0 ? len : dash != NULL ? (gsize) (dash - key) : 0;

            if (key_len == 0)
              break;
            key[key_len] = '\0';
            list = g_hash_table_lookup (rules->by_word, key);
            for (guint i = 0; list != NULL && i < list->len; i++)
              {
                const Phrase *phrase = g_ptr_array_index (list, i);

                if (phrase->rest_len == 0 ? key_len == len || part == 1
                                          : rest_matches (phrase, start + key_len))
                  count_phrase (rules, tally, phrase, where);
              }
            if (key_len >= 3)
              {
                char prefix_key[5] = { '*', key[0], key[1], key[2], '\0' };

                list = g_hash_table_lookup (rules->by_word, prefix_key);
                for (guint i = 0; list != NULL && i < list->len; i++)
                  {
                    const Phrase *phrase = g_ptr_array_index (list, i);

                    if (strncmp (start, phrase->rest, phrase->rest_len) == 0)
                      count_phrase (rules, tally, phrase, where);
                  }
              }
            memcpy (key, start, len);
            key[len] = '\0';
          }
      }
    }

  if (pr_text_has_cjk (folded))
    for (guint i = 0; i < rules->cjk->len; i++)
      {
        const Phrase *phrase = g_ptr_array_index (rules->cjk, i);

        if (strstr (folded, phrase->rest) != NULL)
          count_phrase (rules, tally, phrase, where);
      }

  for (guint i = 0; i < rules->regexes->len; i++)
    if (tally->pending[i])
      {
        const Pattern *pattern = g_ptr_array_index (rules->regexes, i);

        tally->pending[i] = FALSE;
        if (g_regex_match (pattern->rx, folded, 0, NULL))
          count_phrase (rules, tally, pattern->phrase, where);
      }
}

static const char *
find_kind (Rules      *rules,
           const char *language,
           const char *headline,
           const char *body)
{
  Tally tally = { { 0 }, NULL, 0, NULL };
  guint best = KIND_OTHER;
  double best_score = 0;

  /* The release's language, and English, which headlines and the wires'
   * own lines are often in: another language's words are the names in
   * this one ("Fusion" is a merger in German, a name in English). */
  tally.langs = lang_lookup (rules, "en") | lang_lookup (rules, language);
  tally.seen = g_new0 (guint8, rules->n_phrases);
  tally.pending = g_new0 (guint8, rules->regexes->len + 1);
  if (headline != NULL)
    {
      g_autofree char *folded = fold (headline, -1);
      score_text (rules, &tally, folded, IN_HEADLINE);
    }
  if (body != NULL)
    {
      g_autofree char *folded = fold (body, -1);
      score_text (rules, &tally, folded, IN_BODY);
    }
  g_free (tally.seen);
  g_free (tally.pending);

  for (guint k = 0; k < N_KINDS; k++)
    if (tally.score[k] > best_score)
      {
        best = k;
        best_score = tally.score[k];
      }
  return best_score >= rules->threshold ? kinds[best] : PR_KIND_OTHER;
}

/* ---- Issuer -------------------------------------------------------------- */

typedef struct {
  char   *name;
  char   *key;
  double  score;
  guint   order;
  int     partner;   /* the other one of a joint release, or -1 */
} Candidate;

typedef struct {
  Rules     *rules;
  GPtrArray *orgs;       /* the organisations' names, legal form dropped */
  GPtrArray *people;
  GArray    *candidates; /* Candidate */
  const char *lead;      /* the first paragraph */
  guint      langs;      /* the languages whose cues count, bits of Rules.langs */
} Vote;

static void
candidate_clear (Candidate *c)
{
  g_free (c->name);
  g_free (c->key);
}

/* The letters and digits, case-folded: "Lotto.com®" and "LOTTO.COM" are one. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Accents off too, for a web address ("promperu" for "PROMPERÚ"). */
static char *
ascii_key (const char *name)
{
  g_autofree char *key = name_key (name);
  g_autofree char *plain = g_str_to_ascii (key, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
drop_legal_form (Rules      *rules,
                 const char *name)
{
  g_autofree char *plain = NULL;
  GString *out = g_string_new (NULL);

  /* Trademark signs anywhere. */
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0x00AE && c != 0x2122 && c != 0x00A9)
        g_string_append_unichar (out, c);
    }
  plain = g_string_free (out, FALSE);
  /* The legal form is at the end: the last bytes are enough to look at. */
  {
    g_autoptr(GMatchInfo) info = NULL;
    gsize len = strlen (plain);
    const char *from = len > 40 ? g_utf8_find_prev_char (plain, plain + len - 39) : plain;
    int start = 0;

    if (from == NULL)
      from = plain;
    if (g_regex_match_full (rules->legal, plain, len, from - plain, 0, &info, NULL))
      {
        g_match_info_fetch_pos (info, 0, &start, NULL);
        if (start > 0)
          plain[start] = '\0';
      }
  }
  return g_strstrip (g_steal_pointer (&plain));
}

/* Removes "( … )" and "[ … ]", and quotation marks' contents with them
 * when they stand in brackets: "Cision (NYSE: CISN)", "OCEAN [link]". */
static char *
drop_brackets (const char *text)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_connector (const char *word,
              gsize       len)
{
  static const char * const words[] = {
    "of", "for", "and", "the", "de", "la", "le", "les", "du", "des", "del", "y", "et", "und",
    "für", "von", "der", "die", "das", "&", "in", "on", "at", "da", "do", "dos", "das", "van",
    "zu", "en", "of.", "e", "di", "a", "-",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i]) == len && strncmp (word, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* A proper name: a few words, each capitalised (or a connector). */
static gboolean
is_name_like (const char *text)
{
  guint words = 0;
  const char *p = text;
  gunichar first = g_utf8_get_char (text);

  if (*text == '\0' || !(g_unichar_isupper (first) || g_unichar_isdigit (first) ||
                         pr_text_unichar_is_cjk (first)))
    return FALSE;
  if (pr_text_unichar_is_cjk (first))
    return g_utf8_strlen (text, -1) <= 20;
  while (*p)
    {
      const char *start;
      gunichar c;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && *p != ' ')
        p++;
      words++;
      c = g_utf8_get_char (start);
      if (!g_unichar_isupper (c) && !g_unichar_isdigit (c) && !g_unichar_ispunct (c) &&
          !is_connector (start, p - start))
        return FALSE;
    }
  return words > 0 && words <= 8;
}

static gboolean
at_word_boundary (const char *text,
                  const char *at,
                  gsize       len)
{
  if (at > text && is_word_char (g_utf8_get_char (g_utf8_find_prev_char (text, at))) &&
      !pr_text_unichar_is_cjk (g_utf8_get_char (at)))
    return FALSE;
  return at[len] == '\0' || !is_word_char (g_utf8_get_char (at + len)) ||
         pr_text_unichar_is_cjk (g_utf8_get_char (at + len));
}

/* The fullest organisation found whose name starts with @name: "Expanse"
 * is "Expanse Studios", a SOURCE line's short form its full one. */
static const char *
fullest (Vote       *v,
         const char *name)
{
  const char *best = name;
  gsize len = strlen (name);

  for (guint i = 0; i < v->orgs->len; i++)
    {
      const char *org = g_ptr_array_index (v->orgs, i);

      if (strlen (org) > strlen (best) && strncmp (org, name, len) == 0 && org[len] == ' ')
        best = org;
    }
  return best;
}

/* "the SCO Secretariat": a lower-case article is no part of the name. */
static const char *
strip_article (const char *text)
{
  static const char * const articles[] = {
    "the ", "la ", "le ", "el ", "les ", "los ", "las ", "die ", "der ", "das ", "l'", "l’",
  };

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (text, articles[i]) && text[strlen (articles[i])] != '\0')
      return text + strlen (articles[i]);
  return text;
}

/* The organisation (or person) a stretch of text names: one the parser
 * found in it, else the text itself when it reads as a name. */
static char *
resolve (Vote       *v,
         const char *text,
         gboolean   *known)
{
  g_autofree char *plain = NULL;
  const char *segment, *best = NULL, *best_at = NULL;
  GPtrArray *lists[] = { v->orgs, v->people };

  *known = FALSE;
  plain = drop_legal_form (v->rules, text);
  segment = strip_article (g_strstrip (plain));
  if (*segment == '\0')
    return NULL;

  for (guint l = 0; l < G_N_ELEMENTS (lists) && best == NULL; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *name = g_ptr_array_index (lists[l], i);
        gsize len = strlen (name);

        for (const char *at = strstr (segment, name); at != NULL; at = strstr (at + 1, name))
          if (at_word_boundary (segment, at, len))
            {
              if (best_at == NULL || at < best_at || (at == best_at && len > strlen (best)))
                {
                  best = name;
                  best_at = at;
                }
              break;
            }
      }
  if (best != NULL)
    {
      *known = TRUE;
      return g_strdup (fullest (v, best));
    }

  if (pr_text_unichar_is_cjk (g_utf8_get_char (segment)))
    {
      /* "全球领先的云挖矿平台 GDMining": the Latin name at its end. */
      const char *space = strrchr (segment, ' ');

      if (space != NULL && g_ascii_isalnum (space[1]))
        return g_strdup (space + 1);
      return NULL;
    }
  if (!is_name_like (segment))
    return NULL;
  return g_strdup (fullest (v, segment));
}

static int
vote (Vote       *v,
      const char *name,
      double      weight)
{
  g_autofree char *key = name_key (name);
  Candidate c = { 0 };

  if (*key == '\0')
    return -1;
  for (guint i = 0; i < v->candidates->len; i++)
    {
      Candidate *have = &g_array_index (v->candidates, Candidate, i);

      if (strcmp (have->key, key) == 0)
        {
          have->score += weight;
          return i;
        }
    }
  c.name = g_strdup (name);
  c.key = g_steal_pointer (&key);
  c.score = weight;
  c.order = v->candidates->len;
  c.partner = -1;
  g_array_append_val (v->candidates, c);
  return v->candidates->len - 1;
}

/* "X and Y" as two names, when both are names. */
static gboolean
vote_pair (Vote       *v,
           const char *text,
           double      weight)
{
  static const char * const joins[] = { " and ", " & ", " und ", " et ", " y ", "、", "与", "和" };

  for (guint j = 0; j < G_N_ELEMENTS (joins); j++)
    {
      const char *at = strstr (text, joins[j]);
      g_autofree char *left = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gboolean known_a, known_b;
      int ia, ib;

      if (at == NULL)
        continue;
      left = g_strndup (text, at - text);
      a = resolve (v, left, &known_a);
      b = resolve (v, at + strlen (joins[j]), &known_b);
      if (a == NULL || b == NULL || g_strcmp0 (a, b) == 0)
        return FALSE;
      ia = vote (v, a, weight);
      ib = vote (v, b, weight);
      if (ia < 0 || ib < 0)
        return FALSE;
      g_array_index (v->candidates, Candidate, ia).partner = ib;
      g_array_index (v->candidates, Candidate, ib).partner = ia;
      return TRUE;
    }
  return FALSE;
}

static void
vote_text (Vote       *v,
           const char *text,
           double      known_weight,
           double      weight)
{
  gboolean known;
  g_autofree char *name = resolve (v, text, &known);

  if (name != NULL)
    vote (v, name, known ? known_weight : weight);
}

static gboolean
is_abbreviation (const char *text,
                 const char *dot)
{
  static const char * const abbreviations[] = {
    "Inc", "Corp", "Co", "Ltd", "Dr", "Mr", "Mrs", "Ms", "St", "No", "Jr", "Sr", "Prof", "Bros",
    "vs", "approx", "Nasdaq", "NYSE",
  };
  const char *word = dot;

  while (word > text && word[-1] != ' ' && word[-1] != '(')
    word--;
  if (memchr (word, '.', dot - word) != NULL || dot - word <= 1)
    return TRUE;     /* "U.S.", "S.A.", "J." */
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if ((gsize) (dot - word) == strlen (abbreviations[i]) &&
        strncmp (word, abbreviations[i], dot - word) == 0)
      return TRUE;
  return FALSE;
}

/* The sentence's words before @at: from the last full stop before it. */
static char *
sentence_before (const char *text,
                 const char *at)
{
  const char *start = text;

  for (const char *p = text; p < at; p++)
    {
      if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ' && !is_abbreviation (text, p))
        start = p + 2;
      else if (strncmp (p, "。", 3) == 0)
        start = p + 3;
    }
  /* The verb's match may start at the space after the full stop. */
  if (start > at)
    start = at;
  return g_strndup (start, at - start);
}

static gboolean
is_legal_form (Rules      *rules,
               const char *text)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *padded = NULL;
  int start = -1;

  if (strlen (text) > 30)
    return FALSE;
  /* The whole part ("Inc."), not a name that ends in one. */
  padded = g_strconcat (" ", text, NULL);
  if (g_regex_match (rules->legal, padded, 0, &info))
    g_match_info_fetch_pos (info, 0, &start, NULL);
  return start == 0;
}

/* "Digital Turbine, Inc. (Nasdaq: APPS), a leader in …, today": the name
 * is the last part between commas that reads as one, else the first. */
static gboolean
vote_subject (Vote       *v,
              const char *subject,
              double      known_weight,
              double      weight,
              gboolean    joint)
{
  g_autofree char *plain = drop_brackets (subject);
  g_auto(GStrv) parts = g_strsplit_set (plain, ",，;", -1);
  const char *first = NULL, *last = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0' || is_legal_form (v->rules, parts[i]))
        continue;
      if (first == NULL)
        first = parts[i];
      last = parts[i];
    }
  if (first == NULL)
    return FALSE;
  for (guint n = 0; n < 2; n++)
    {
      const char *part = n == 0 ? last : first;
      gboolean known;
      g_autofree char *name = NULL;

      if (n == 1 && first == last)
        break;
      if (joint && vote_pair (v, part, known_weight))
        return TRUE;
      name = resolve (v, part, &known);
      if (name != NULL && !known)
        {
          /* "Family Lawyer Jane Doe Announces …" and "Doe aims …" below:
           * a person, described; the name is the last two words. */
          g_auto(GStrv) words = g_strsplit (name, " ", -1);
          guint n_words = g_strv_length (words);

          if (n_words >= 3 && v->lead != NULL)
            {
              const char *surname = words[n_words - 1];
              const char *given = words[n_words - 2];
              const char *at = strstr (v->lead, surname);

              if (at != NULL && at_word_boundary (v->lead, at, strlen (surname)) &&
                  g_unichar_isupper (g_utf8_get_char (given)) && strstr (v->lead, name) == NULL)
                {
                  g_free (name);
                  name = g_strjoin (" ", given, surname, NULL);
                }
            }
        }
      if (name != NULL)
        {
          vote (v, name, known ? known_weight : weight);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
ends_with_plural (Vote       *v,
                  const char *verb)
{
  for (guint l = 0; l < G_N_ELEMENTS (v->rules->by_lang); l++)
    {
      GRegex *rx = v->rules->by_lang[l].plural_verb;
      g_autoptr(GMatchInfo) info = NULL;

      if (rx == NULL || !(v->langs & (1u << l)) || !g_regex_match (rx, verb, 0, &info))
        continue;
      do
        {
          int start = 0, end = 0;

          g_match_info_fetch_pos (info, 0, &start, &end);
          if (start == 0 && verb[end] == '\0')
            return TRUE;
        }
      while (g_match_info_next (info, NULL));
    }
  return FALSE;
}

/* "X today announced": the words between a name and its verb off. */
static void
strip_adverbs (Rules *rules,
               char  *subject)
{
  gboolean again = TRUE;

  while (again)
    {
      gsize len;

      again = FALSE;
      g_strchomp (subject);
      len = strlen (subject);
      while (len > 0 && subject[len - 1] == ',')
        {
          subject[--len] = '\0';
          g_strchomp (subject);
          len = strlen (subject);
        }
      for (guint i = 0; i < rules->adverbs->len; i++)
        {
          const char *adverb = g_ptr_array_index (rules->adverbs, i);
          gsize n = strlen (adverb);

          if (n <= len && g_ascii_strncasecmp (subject + len - n, adverb, n) == 0 &&
              (n == len || subject[len - n - 1] == ' ' || is_cjk_text (adverb)))
            {
              subject[len - n] = '\0';
              again = TRUE;
              break;
            }
        }
    }
}

/* The paragraphs the cues are looked for in, cut to @max bytes each. */
static const char *
block_text (GPtrArray *blocks,
            guint      i)
{
  PrBlock *block = blocks != NULL && i < blocks->len ? g_ptr_array_index (blocks, i) : NULL;

  return block != NULL && block->kind != PR_BLOCK_TABLE ? block->text : NULL;
}

static void
cue_body (Vote      *v,
          GPtrArray *blocks)
{
  for (guint b = 0; b < 2; b++)
    {
      const char *text = block_text (blocks, b);
      g_autofree char *head = NULL;

      if (text == NULL)
        continue;
      head = head_of (text, 600);
      for (guint l = 0; l < G_N_ELEMENTS (v->rules->by_lang); l++)
        {
          GRegex *rx = v->rules->by_lang[l].body_verb;
          g_autoptr(GMatchInfo) info = NULL;

          if (rx == NULL || !(v->langs & (1u << l)))
            continue;
          for (g_regex_match (rx, head, 0, &info); g_match_info_matches (info);
               g_match_info_next (info, NULL))
            {
              int start = 0;
              g_autofree char *subject = NULL;

              g_match_info_fetch_pos (info, 0, &start, NULL);
              subject = sentence_before (head, head + start);
              strip_adverbs (v->rules, subject);
              if (vote_subject (v, subject, 3, 2.5, TRUE))
                return;
            }
        }
    }
}

static void
cue_headline (Vote       *v,
              const char *title)
{
  g_autofree char *subject = NULL;
  g_autofree char *verb = NULL;
  const char *colon;
  int start = G_MAXINT;

  if (title == NULL)
    return;
  /* The first verb of any of the languages. */
  for (guint l = 0; l < G_N_ELEMENTS (v->rules->by_lang); l++)
    {
      GRegex *rx = v->rules->by_lang[l].headline_verb;
      g_autoptr(GMatchInfo) info = NULL;
      int at = 0;

      if (rx == NULL || !(v->langs & (1u << l)))
        continue;
      for (g_regex_match (rx, title, 0, &info); g_match_info_matches (info);
           g_match_info_next (info, NULL))
        {
          g_match_info_fetch_pos (info, 0, &at, NULL);
          if (at > 0)
            break;
        }
      if (g_match_info_matches (info) && at > 0 && at < start)
        {
          start = at;
          g_free (verb);
          verb = g_match_info_fetch (info, 0);
        }
    }
  if (verb == NULL)
    return;
  {
    g_autofree char *before = g_strndup (title, start);
    subject = drop_brackets (before);
  }
  /* "Crypto News: X Launches …": the name after the label. */
  colon = strrchr (subject, ':');
  if (colon != NULL)
    memmove (subject, colon + 1, strlen (colon + 1) + 1);
  strip_adverbs (v->rules, subject);
  vote_subject (v, subject, 2, 1.5, ends_with_plural (v, verb));
}

/* "SOURCE Digital Turbine, Inc.", "Source: X" in the trailer. */
static void
cue_source (Vote               *v,
            const char * const *trailer)
{
  for (guint i = 0; trailer != NULL && trailer[i] != NULL; i++)
    {
      g_autofree char *line = g_strndup (trailer[i], strcspn (trailer[i], "\n"));
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *name = NULL;

      if (!g_regex_match (v->rules->source, line, 0, &info))
        continue;
      name = g_match_info_fetch (info, 1);
      if (strstr (name, "://") != NULL || g_str_has_prefix (name, "www."))
        continue;
      vote_text (v, name, 3, 3);
      return;
    }
}

/* "About X" headings: the first one most. */
static void
cue_about (Vote               *v,
           const char * const *about)
{
  guint found = 0;

  for (guint i = 0; about != NULL && about[i] != NULL && found < 4; i++)
    {
      g_autofree char *line = g_strndup (about[i], strcspn (about[i], "\n"));
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *rest = NULL;
      g_autofree char *plain = NULL;
      const char *name;
      const char *best = NULL;
      gboolean known;
      gsize len;

      if (!g_regex_match (v->rules->about, line, 0, &info))
        continue;
      rest = g_match_info_fetch (info, 1);
      plain = drop_brackets (rest);
      g_strstrip (plain);
      len = strlen (plain);
      while (len > 0 && (plain[len - 1] == ':' || g_str_has_suffix (plain, "：")))
        plain[len -= plain[len - 1] == ':' ? 1 : strlen ("：")] = '\0';
      name = strip_article (g_strstrip (plain));

      /* "À propos de Canadian Club Canadian Club est une marque…": the
       * heading run into its text; an organisation found at its start. */
      for (guint o = 0; o < v->orgs->len; o++)
        {
          const char *org = g_ptr_array_index (v->orgs, o);

          if (g_str_has_prefix (name, org) && at_word_boundary (name, name, strlen (org)) &&
              (best == NULL || strlen (org) > strlen (best)))
            best = org;
        }
      if (best != NULL)
        vote (v, fullest (v, best), found == 0 ? 1.5 : 0.5);
      else if (g_utf8_strlen (name, -1) <= 60)
        {
          g_autofree char *resolved = resolve (v, name, &known);

          if (resolved == NULL)
            continue;
          vote (v, resolved, found == 0 ? 1.5 : 0.5);
        }
      else
        continue;
      found++;
    }
}

static gboolean
is_common_host (const char *label)
{
  static const char * const hosts[] = {
    "twitter", "facebook", "linkedin", "instagram", "youtube", "youtu", "tiktok", "bit", "goo",
    "google", "apple", "wikipedia", "flickr", "pinterest", "vimeo", "threads", "medium",
    "github", "whatsapp", "wechat", "weibo", "mma", "cts", "static", "cdn", "images", "img",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (strcmp (label, hosts[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A name as written, with its closing punctuation off, but the full stop
 * of a name that has one ("kevin." before a lower-case word). */
static char *
trim_name (const char *words,
           const char *next)
{
  g_autofree char *name = g_strdup (words);
  gsize len = strlen (name);
  gboolean comma = FALSE;

  while (len > 0 && strchr (",;:!?)\"'»", name[len - 1]) != NULL)
    comma |= name[--len] == ',';
  name[len] = '\0';
  while (g_str_has_suffix (name, "”") || g_str_has_suffix (name, "’"))
    name[len -= 3] = '\0';
  if (len > 0 && name[len - 1] == '.' && !comma &&
      !(next != NULL && g_unichar_islower (g_utf8_get_char (next))))
    name[len - 1] = '\0';
  return g_steal_pointer (&name);
}

static char *
join_words (char  **words,
            guint   from,
            guint   to)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

/* The company's own web address in the trailer ("Company Website
 * https://www.x.com", "Original Source: https://x.com/media") names the
 * issuer when one to four words of the release spell it. */
static void
cue_domain (Vote               *v,
            const char * const *trailer,
            const char         *title,
            GPtrArray          *blocks)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) window = g_string_new (title);
  g_auto(GStrv) words = NULL;
  g_autofree char **keys = NULL;
  guint n;

  for (guint i = 0; trailer != NULL && trailer[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      for (g_regex_match (v->rules->url, trailer[i], 0, &info); g_match_info_matches (info);
           g_match_info_next (info, NULL))
        {
          g_autofree char *host = g_match_info_fetch (info, 1);
          g_auto(GStrv) parts = NULL;
          g_autofree char *lower = g_ascii_strdown (host, -1);

          if (pr_wire_from_host (lower) != NULL)
            continue;
          parts = g_strsplit (lower, ".", -1);
          for (guint p = 0; parts[p] != NULL && parts[p + 1] != NULL; p++)
            {
              /* www., en., newsroom.: not the name */
              if (strlen (parts[p]) < 3 || strcmp (parts[p], "www") == 0 ||
                  strcmp (parts[p], "newsroom") == 0 || strcmp (parts[p], "investors") == 0 ||
                  strcmp (parts[p], "news") == 0 || strcmp (parts[p], "media") == 0 ||
                  strcmp (parts[p], "press") == 0)
                continue;
              if (!is_common_host (parts[p]))
                {
                  g_autofree char *label = g_strdelimit (g_strdup (parts[p]), "-", '\0');

                  g_ptr_array_add (labels, g_strdup (label));
                }
              break;
            }
        }
    }
  if (labels->len == 0)
    return;

  for (guint b = 0; b < 4; b++)
    {
      const char *text = block_text (blocks, b);

      if (text != NULL)
        {
          g_string_append_c (window, ' ');
          g_string_append_len (window, text, MIN (strlen (text), 1500));
        }
    }
  words = g_strsplit_set (window->str, " \n", -1);
  n = g_strv_length (words);
  keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    keys[i] = ascii_key (words[i]);

  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = g_ptr_array_index (labels, l);
      gsize label_len = strlen (label);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint k = i; k < n && k < i + 4; k++)
            {
              if (*keys[k] == '\0')
                break;
              g_string_append (joined, keys[k]);
              if (joined->len > label_len || strncmp (joined->str, label, joined->len) != 0)
                break;
              if (joined->len == label_len)
                {
                  g_autofree char *written = join_words (words, i, k + 1);
                  g_autofree char *name = trim_name (written, k + 1 < n ? words[k + 1] : NULL);
                  g_autofree char *plain = drop_legal_form (v->rules, name);

                  vote (v, fullest (v, plain), 2);
                  goto next_label;
                }
            }
        }
    next_label:
      ;
    }
  for (guint i = 0; i < n; i++)
    g_free (keys[i]);
}

/* "co-hosted by X and Y", "presented by X": the organiser. */
static void
cue_hosted (Vote      *v,
            GPtrArray *blocks)
{
  for (guint b = 0; b < 2; b++)
    {
      const char *text = block_text (blocks, b);
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *head = NULL;
      int end = 0;
      gsize len;

      if (text == NULL)
        continue;
      head = head_of (text, 1000);
      for (guint l = 0; l < G_N_ELEMENTS (v->rules->by_lang) && info == NULL; l++)
        {
          GRegex *rx = v->rules->by_lang[l].hosted;

          if (rx != NULL && (v->langs & (1u << l)) && !g_regex_match (rx, head, 0, &info))
            g_clear_pointer (&info, g_match_info_free);
        }
      if (info == NULL)
        continue;
      g_match_info_fetch_pos (info, 0, NULL, &end);
      len = strcspn (head + end, ",.;:(“\"\n");
      {
        g_autofree char *names = g_strstrip (g_strndup (head + end, len));

        if (!vote_pair (v, names, 1.2))
          vote_text (v, names, 1.2, 1.2);
      }
      return;
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static char **
find_issuers (Rules     *rules,
              PrRelease *release,
              const char *title)
{
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GPtrArray) issuers = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *entities = pr_release_get_organizations (release);
  GPtrArray *blocks = pr_release_get_blocks (release);
  const char * const *trailer = pr_release_get_list (release, PR_LIST_TRAILER);
  Vote v = { rules, orgs, people, candidates, block_text (blocks, 0),
             lang_lookup (rules, "en") | lang_lookup (rules, pr_release_get_field (release, PR_FIELD_LANGUAGE)) };
  const char *tag = pr_release_get_field (release, PR_FIELD_SOURCE_TAG);

  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      char *name = drop_legal_form (rules, pr_entity_get_name (g_ptr_array_index (entities, i)));

      /* "Renewal Fuels, Inc. and American Fusion" is two. */
      if (*name == '\0' || strchr (name, ',') != NULL || strstr (name, " and ") != NULL ||
          strstr (name, " und ") != NULL || strstr (name, " et ") != NULL || strstr (name, " y ") != NULL)
        g_free (name);
      else
        g_ptr_array_add (orgs, name);
    }
  entities = pr_release_get_people (release);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    g_ptr_array_add (people, g_strdup (pr_entity_get_name (g_ptr_array_index (entities, i))));

  cue_body (&v, blocks);
  cue_headline (&v, title);
  cue_source (&v, trailer);
  cue_about (&v, pr_release_get_list (release, PR_LIST_ABOUT));
  cue_domain (&v, trailer, title, blocks);
  cue_hosted (&v, blocks);
  /* "City - date / Company /": who publishes on its own, in the wire's place. */
  if (tag != NULL && pr_wire_canonical (tag) == NULL && !pr_wire_is_wire_like (tag))
    vote_text (&v, tag, 2.5, 2.5);

  if (candidates->len == 0)
    {
      /* A wire's own news ("… from PR Newswire"): nobody else announces. */
      const char *wire = pr_release_get_source (release);

      if (wire != NULL && title != NULL && strstr (title, wire) != NULL)
        vote (&v, wire, 1);
    }

  if (candidates->len > 0)
    {
      Candidate best = g_array_index (candidates, Candidate, 0);
      guint best_i = 0;

      for (guint i = 1; i < candidates->len; i++)
        if (compare_candidates (&g_array_index (candidates, Candidate, i), &best) < 0)
          {
            best = g_array_index (candidates, Candidate, i);
            best_i = i;
          }
      if (best.partner >= 0 && best.partner != (int) best_i &&
          g_array_index (candidates, Candidate, best.partner).score >= 0.75 * best.score)
        {
          const Candidate *other = &g_array_index (candidates, Candidate, best.partner);
          const Candidate *one = other->order < best.order ? other : &g_array_index (candidates, Candidate, best_i);
          const Candidate *two = one == other ? &g_array_index (candidates, Candidate, best_i) : other;

          g_ptr_array_add (issuers, g_strdup (one->name));
          g_ptr_array_add (issuers, g_strdup (two->name));
        }
      else
        g_ptr_array_add (issuers, g_strdup (best.name));
    }
  g_ptr_array_add (issuers, NULL);
  return (char **) g_ptr_array_steal (issuers, NULL);
}

/* ---- The release --------------------------------------------------------- */

void
pr_facts_apply (PrRelease *release)
{
  Rules *rules = rules_get ();
  const char *title = pr_release_get_title (release);
  const char *subtitle = pr_release_get_field (release, PR_FIELD_SUBTITLE);
  GPtrArray *blocks = pr_release_get_blocks (release);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GStrvBuilder) flags = g_strv_builder_new ();
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) all_flags = NULL;
  g_auto(GStrv) issuers = NULL;
  g_autofree char *stripped = NULL;
  const char * const *had = pr_release_get_list (release, PR_LIST_FLAGS);

  g_return_if_fail (PR_IS_RELEASE (release));

  if (title != NULL)
    {
      stripped = pr_facts_strip_markers (title, &found);
      if (strcmp (stripped, title) != 0 && *stripped != '\0')
        pr_release_set_field (release, PR_FIELD_TITLE, stripped);
      title = pr_release_get_title (release);
    }
  /* Flags found before (a reader that sets the title again) stay. */
  g_strv_builder_addv (flags, (const char **) had);
  for (guint i = 0; found != NULL && found[i] != NULL; i++)
    if (had == NULL || !g_strv_contains (had, found[i]))
      g_strv_builder_add (flags, found[i]);
  all_flags = g_strv_builder_end (flags);
  pr_release_set_list (release, PR_LIST_FLAGS, (const char * const *) all_flags);

  /* The subtitle and the first paragraph (the second too after a short
   * first one, a summary line). */
  if (subtitle != NULL)
    g_string_append (body, subtitle);
  for (guint i = 0; blocks != NULL && i < blocks->len && i < 2; i++)
    {
      const char *text = block_text (blocks, i);

      if (text == NULL)
        continue;
      if (body->len > 0)
        g_string_append_c (body, '\n');
      {
        g_autofree char *head = head_of (text, 1500);
        g_string_append (body, head);
      }
      if (strlen (text) >= 300)
        break;
    }
  pr_release_set_field (release, PR_FIELD_KIND, find_kind (rules, pr_release_get_field (release, PR_FIELD_LANGUAGE),
                                                             title, body->str));

  issuers = find_issuers (rules, release, title);
  pr_release_set_list (release, PR_LIST_ISSUERS, (const char * const *) issuers);
}
