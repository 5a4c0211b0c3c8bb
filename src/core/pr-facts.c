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
 * The rules are in pr-facts-rules.c, the issuer in pr-facts-issuer.c.
 * The rules are compiled once; the headline and the first paragraph are
 * case-folded once and cut into words, so plain phrases are found by a
 * hash look-up per word rather than a search per phrase.
 */
#include <string.h>

#include "pr-facts-private.h"

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
  PrFactsRules *rules = pr_facts_rules ();
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
  double   score[PR_FACTS_N_KINDS];
  guint8  *seen;      /* per phrase: where it was counted already */
  guint    langs;     /* the languages whose phrases count */
  guint8  *pending;   /* per pattern: one of its words was seen */
} Tally;

static void
count_phrase (PrFactsRules        *rules,
              Tally        *tally,
              const PrFactsPhrase *phrase,
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
rest_matches (const PrFactsPhrase *phrase,
              const char   *at)
{
  const char *end;

  if (strncmp (at, phrase->rest, phrase->rest_len) != 0)
    return FALSE;
  end = at + phrase->rest_len;
  return phrase->prefix || *end == '\0' || !pr_facts_is_word_char (g_utf8_get_char (end));
}

static void
score_text (PrFactsRules      *rules,
            Tally      *tally,
            const char *folded,
            guint8      where)
{
  const char *p = folded;
  gboolean has_cjk = FALSE;

  /* Words: each looked up whole, and by its first three bytes for the
   * prefixes. */
  while (*p)
    {
      const char *start;
      gunichar c = pr_facts_char_at (p);

      if (!pr_facts_is_word_char (c) || pr_facts_is_cjk_char (c))
        {
          has_cjk |= pr_facts_is_cjk_char (c);
          p = g_utf8_next_char (p);
          continue;
        }
      start = p;
      while (*p && pr_facts_is_word_char (c = pr_facts_char_at (p)) && !pr_facts_is_cjk_char (c))
        p = g_utf8_next_char (p);
      /* "d'annoncer", "co-hosted", "10-k" are looked up with their joins too. */
      while ((*p == '-' || *p == '\'') && pr_facts_is_word_char (pr_facts_char_at (p + 1)))
        {
          p++;
          while (*p && pr_facts_is_word_char (c = pr_facts_char_at (p)) && !pr_facts_is_cjk_char (c))
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
            list = pr_facts_may_have_word (rules->pairs, key) ? g_hash_table_lookup (rules->by_word, key) : NULL;
            for (guint i = 0; list != NULL && i < list->len; i++)
              {
                const PrFactsPhrase *phrase = g_ptr_array_index (list, i);

                if (phrase->rest_len == 0 ? key_len == len || part == 1
                                          : rest_matches (phrase, start + key_len))
                  count_phrase (rules, tally, phrase, where);
              }
            if (key_len >= 3)
              {
                char prefix_key[5] = { '*', key[0], key[1], key[2], '\0' };

                list = pr_facts_may_have_word (rules->pairs, prefix_key) ? g_hash_table_lookup (rules->by_word, prefix_key) : NULL;
                for (guint i = 0; list != NULL && i < list->len; i++)
                  {
                    const PrFactsPhrase *phrase = g_ptr_array_index (list, i);

                    if (strncmp (start, phrase->rest, phrase->rest_len) == 0)
                      count_phrase (rules, tally, phrase, where);
                  }
              }
            memcpy (key, start, len);
            key[len] = '\0';
          }
      }
    }

  if (has_cjk)
    for (guint i = 0; i < rules->cjk->len; i++)
      {
        const PrFactsPhrase *phrase = g_ptr_array_index (rules->cjk, i);

        if (strstr (folded, phrase->rest) != NULL)
          count_phrase (rules, tally, phrase, where);
      }

  for (guint i = 0; i < rules->regexes->len; i++)
    if (tally->pending[i])
      {
        const PrFactsPattern *pattern = g_ptr_array_index (rules->regexes, i);

        tally->pending[i] = FALSE;
        if (g_regex_match (pattern->rx, folded, 0, NULL))
          count_phrase (rules, tally, pattern->phrase, where);
      }
}

static const char *
find_kind (PrFactsRules      *rules,
           const char *language,
           const char *headline,
           const char *body)
{
  Tally tally = { { 0 }, NULL, 0, NULL };
  guint best = PR_FACTS_KIND_OTHER;
  double best_score = 0;

  /* The release's language, and English, which headlines and the wires'
   * own lines are often in: another language's words are the names in
   * this one ("Fusion" is a merger in German, a name in English). */
  tally.langs = pr_facts_lang_lookup (rules, "en") | pr_facts_lang_lookup (rules, language);
  tally.seen = g_new0 (guint8, rules->n_phrases);
  tally.pending = g_new0 (guint8, rules->regexes->len + 1);
  if (headline != NULL)
    {
      g_autofree char *folded = pr_facts_fold (headline, -1);
      score_text (rules, &tally, folded, IN_HEADLINE);
    }
  if (body != NULL)
    {
      g_autofree char *folded = pr_facts_fold (body, -1);
      score_text (rules, &tally, folded, IN_BODY);
    }
  g_free (tally.seen);
  g_free (tally.pending);

  for (guint k = 0; k < PR_FACTS_N_KINDS; k++)
    if (tally.score[k] > best_score)
      {
        best = k;
        best_score = tally.score[k];
      }
  return best_score >= rules->threshold ? pr_facts_kinds ()[best] : PR_KIND_OTHER;
}

/* ---- The release --------------------------------------------------------- */

void
pr_facts_apply (PrRelease *release)
{
  PrFactsRules *rules = pr_facts_rules ();
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
      const char *text = pr_facts_block_text (blocks, i);

      if (text == NULL)
        continue;
      if (body->len > 0)
        g_string_append_c (body, '\n');
      {
        g_autofree char *head = pr_facts_head_of (text, 1500);
        g_string_append (body, head);
      }
      if (strlen (text) >= 300)
        break;
    }
  pr_release_set_field (release, PR_FIELD_KIND, find_kind (rules, pr_release_get_field (release, PR_FIELD_LANGUAGE),
                                                             title, body->str));

  issuers = pr_facts_find_issuers (rules, release, title);
  pr_release_set_list (release, PR_LIST_ISSUERS, (const char * const *) issuers);
}
