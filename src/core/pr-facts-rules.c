/* pr-facts-rules.c: the rules the facts are found with
 *
 * data/release-kinds.json (compiled into the core) holds, per kind and
 * language, weighted phrases, and per language the verbs and words the
 * issuer is found next to. Plain phrases are kept by their first word, so
 * that a text is cut into words once and each looked up; a regular
 * expression is tried only on a text with one of its words.
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "pr-core-resources.h"
#include "pr-facts-private.h"

#define KINDS_RESOURCE "/org/example/PressReader/core/release-kinds.json"


/* Lower case, ASCII without a table look-up: the phrases and the texts
 * are folded alike. */
char *
pr_facts_fold (const char *text,
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
char *
pr_facts_head_of (const char *text,
         gsize       max)
{
  gsize len = strlen (text);

  if (len <= max)
    return g_strdup (text);
  return g_strndup (text, g_utf8_find_prev_char (text, text + max + 1) - text);
}

gboolean
pr_facts_is_cjk_text (const char *text)
{
  return pr_text_unichar_is_cjk (g_utf8_get_char (text));
}


static guint
lang_bit (PrFactsRules      *rules,
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

static void
add_to_word (PrFactsRules      *rules,
             const char *word,
             PrFactsPhrase     *phrase)
{
  GPtrArray *list = g_hash_table_lookup (rules->by_word, word);
  guint pair = (guchar) word[0] << 8 | (word[0] != '\0' ? (guchar) word[1] : 0);

  rules->pairs[pair >> 3] |= 1 << (pair & 7);
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
add_pattern (PrFactsRules      *rules,
             const char *text,
             PrFactsPhrase     *phrase)
{
  const char *close = strstr (text, "]:");
  g_autofree char *words = NULL;
  g_auto(GStrv) list = NULL;
  g_autoptr(GError) error = NULL;
  PrFactsPattern *pattern;

  if (close == NULL)
    g_error ("release-kinds.json: %s: re[word,…]: expected", text);
  pattern = g_new0 (PrFactsPattern, 1);
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
      PrFactsPhrase *trigger = g_new0 (PrFactsPhrase, 1);
      g_autofree char *folded = pr_facts_fold (g_strstrip (list[i]), -1);

      *trigger = *phrase;
      trigger->rest = g_strdup ("");
      trigger->trigger = rules->regexes->len - 1;
      add_to_word (rules, folded, trigger);
    }
}

/* Read only, once the rules are shared. */
guint
pr_facts_lang_lookup (PrFactsRules      *rules,
             const char *lang)
{
  for (guint i = 0; lang != NULL && i < rules->langs->len; i++)
    if (strcmp (g_ptr_array_index (rules->langs, i), lang) == 0)
      return 1u << i;
  return 0;
}

static void
add_phrase (PrFactsRules      *rules,
            const char *text,
            guint       kind,
            guint       lang,
            double      weight,
            guint8      where)
{
  PrFactsPhrase *phrase = g_new0 (PrFactsPhrase, 1);
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

  folded = pr_facts_fold (text, -1);
  len = strlen (folded);
  if (len > 1 && folded[len - 1] == '*')
    {
      folded[--len] = '\0';
      phrase->prefix = TRUE;
    }
  if (pr_facts_is_cjk_text (folded))
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
add_phrases (PrFactsRules      *rules,
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
      cjk |= pr_facts_is_cjk_text (alt);
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

/* The last words of a list's alternatives ("hosted by" → "by"), each
 * once, and the longest alternative's length: a match ends with one of
 * those words, so a text without one needs no search, and a search can
 * start just before the first. NULL when an alternative's end is not a
 * plain word or its length is not bounded by its pattern's. */
static char **
plain_ends (JsonObject *lang,
            const char *member,
            gsize      *reach)
{
  JsonArray *list = json_object_has_member (lang, member)
                    ? json_object_get_array_member (lang, member) : NULL;
  g_autoptr(GStrvBuilder) ends = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  *reach = 0;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *alt = json_array_get_string_element (list, i);
      const char *last = strrchr (alt, ' ');
      g_autofree char *word = g_ascii_strdown (last != NULL ? last + 1 : alt, -1);

      if (strpbrk (alt, "*+{") != NULL || *word == '\0')
        return NULL;
      for (const char *c = word; *c; c++)
        if (!g_ascii_isalpha (*c))
          return NULL;
      *reach = MAX (*reach, strlen (alt));
      if (!g_ptr_array_find_with_equal_func (seen, word, g_str_equal, NULL))
        {
          g_strv_builder_add (ends, word);
          g_ptr_array_add (seen, g_steal_pointer (&word));
        }
    }
  return list != NULL ? g_strv_builder_end (ends) : NULL;
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

static PrFactsRules *
rules_load (void)
{
  PrFactsRules *rules = g_new0 (PrFactsRules, 1);
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
  rules->events = g_ptr_array_new_with_free_func (g_free);
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
  for (guint k = 0; k < PR_FACTS_N_KINDS; k++)
    {
      JsonObject *kind = json_object_has_member (by_kind, pr_facts_kinds ()[k])
                         ? json_object_get_object_member (by_kind, pr_facts_kinds ()[k]) : NULL;
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
      PrFactsLang *lr = &rules->by_lang[g_bit_nth_lsf (lang_bit (rules, l->data), -1)];
      JsonArray *adverbs = json_object_has_member (lang, "adverbs")
                           ? json_object_get_array_member (lang, "adverbs") : NULL;
      JsonArray *events = json_object_has_member (lang, "events")
                          ? json_object_get_array_member (lang, "events") : NULL;

      lr->body_verb = cue_regex (lang, "body");
      lr->headline_verb = cue_regex (lang, "headline");
      lr->plural_verb = cue_regex (lang, "plural");
      lr->hosted = cue_regex (lang, "hosted");
      lr->hosted_ends = plain_ends (lang, "hosted", &lr->hosted_reach);
      for (guint i = 0; adverbs != NULL && i < json_array_get_length (adverbs); i++)
        g_ptr_array_add (rules->adverbs, pr_facts_fold (json_array_get_string_element (adverbs, i), -1));
      for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
        g_ptr_array_add (rules->events, pr_facts_fold (json_array_get_string_element (events, i), -1));
    }

  rules->legal = compile ("(?:[,\\s]+(?:Inc\\.?|Incorporated|Ltd\\.?|Limited|Corp\\.?|Corporation|"
                          "GmbH(?:\\s*&\\s*Co\\.?\\s*KG(?:aA)?)?|AG|SE|KGaA|S\\.A\\.?(?:\\s+de\\s+C\\.V\\.?)?|"
                          "S\\.A\\.U\\.?|SA|S\\.L\\.?|SL|S\\.p\\.A\\.?|SpA|S\\.r\\.l\\.?|S\\.A\\.S\\.?|SAS|"
                          "N\\.V\\.?|NV|B\\.V\\.?|BV|Co\\.?|Company|LLC|L\\.L\\.C\\.?|LLP|L\\.P\\.?|LP|"
                          "plc|PLC|Plc|Pte\\.?|Pty\\.?|K\\.K\\.?|Berhad|Bhd\\.?|Oy|Oyj|AB|ASA|A/S)\\.?)+\\s*$|"
                          /* 有限公司 and its kin follow the name without a space. */
                          "(?<=\\p{Han})(?:股份)?有限(?:责任)?公司\\s*$", 0);
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

PrFactsRules *
pr_facts_rules (void)
{
  static PrFactsRules *rules;

  if (g_once_init_enter (&rules))
    g_once_init_leave (&rules, rules_load ());
  return rules;
}

const char *
pr_facts_block_text (GPtrArray *blocks,
            guint      i)
{
  PrBlock *block = blocks != NULL && i < blocks->len ? g_ptr_array_index (blocks, i) : NULL;

  return block != NULL && block->kind != PR_BLOCK_TABLE ? block->text : NULL;
}
