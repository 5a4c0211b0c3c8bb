/* pr-facts-issuer.c: who announces
 *
 * Cues each vote for a name: the subject of "X today announced" and of
 * the headline's verb, the SOURCE line, the About sections, the company's
 * web address, the host of an event, a self-published dateline's tag.
 * Names are matched to the organisations the parser found where they can
 * be, and the best voted (two for a joint release) wins.
 */
#include <string.h>

#include "pr-facts-private.h"
#include "pr-wire.h"

typedef struct {
  char   *name;
  char   *key;
  double  score;
  guint   order;
  int     partner;   /* the other one of a joint release, or -1 */
} Candidate;

typedef struct {
  PrFactsRules     *rules;
  GPtrArray *orgs;       /* the organisations' names, legal form dropped */
  GPtrArray *people;
  GArray    *candidates; /* Candidate */
  const char *lead;      /* the first paragraph */
  guint      langs;      /* the languages whose cues count, bits of PrFactsRules.langs */
  GPtrArray *listed;     /* the names of an announcing enumeration ("A, B, C and D") */
} Vote;

static void
candidate_clear (Candidate *c)
{
  g_free (c->name);
  g_free (c->key);
}

/* Accents off too, for a web address ("promperu" for "PROMPERÚ"). */
static char *
ascii_key (const char *name)
{
  g_autofree char *key = pr_text_alnum_key (name);
  g_autofree char *plain = g_str_to_ascii (key, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
drop_legal_form (PrFactsRules      *rules,
                 const char *name)
{
  g_autofree char *plain = NULL;

  /* Trademark signs anywhere. */
  if (strstr (name, "®") == NULL && strstr (name, "™") == NULL && strstr (name, "©") == NULL)
    plain = g_strdup (name);
  else
    {
      GString *out = g_string_new (NULL);

      for (const char *p = name; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != 0x00AE && c != 0x2122 && c != 0x00A9)
            g_string_append_unichar (out, c);
        }
      plain = g_string_free (out, FALSE);
    }
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
  if (at > text && pr_facts_is_word_char (g_utf8_get_char (g_utf8_find_prev_char (text, at))) &&
      !pr_text_unichar_is_cjk (g_utf8_get_char (at)))
    return FALSE;
  return at[len] == '\0' || !pr_facts_is_word_char (g_utf8_get_char (at + len)) ||
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

static const char * const joins[] = { " and ", " & ", " und ", " et ", " y ", "、", "与", "和" };

/* "A and B", "A & B": two names, or one with a join in it. */
static gboolean
has_join (const char *text)
{
  for (guint j = 0; j < G_N_ELEMENTS (joins); j++)
    if (strstr (text, joins[j]) != NULL)
      return TRUE;
  return FALSE;
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
      /* "Atlantic Council" found, "Atlantic Council of Ports" written:
       * the whole name, when the rest reads as part of it. */
      if (best_at == segment && strlen (segment) > strlen (best) && is_name_like (segment) &&
          !has_join (segment))
        return g_strdup (fullest (v, segment));
      return g_strdup (fullest (v, best));
    }

  if (pr_text_unichar_is_cjk (g_utf8_get_char (segment)))
    {
      /* "全球领先的云挖矿平台 GDMining", "储能企业 云帆科技": the name
       * after the description. */
      const char *space = strrchr (segment, ' ');
      const char *name = space != NULL ? space + 1 : segment;

      return is_name_like (name) ? g_strdup (name) : NULL;
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
  g_autofree char *key = pr_text_alnum_key (name);
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
is_legal_form (PrFactsRules      *rules,
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
  g_auto(GStrv) parts = NULL;
  const char *first = NULL, *last = NULL;

  /* The full-width comma as a comma: a byte set would cut characters. */
  for (char *at = strstr (plain, "，"); at != NULL; at = strstr (at, "，"))
    {
      *at = ',';
      memmove (at + 1, at + 3, strlen (at + 3) + 1);
    }
  parts = g_strsplit_set (plain, ",;", -1);

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
strip_adverbs (PrFactsRules *rules,
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
              (n == len || subject[len - n - 1] == ' ' || pr_facts_is_cjk_text (adverb)))
            {
              subject[len - n] = '\0';
              again = TRUE;
              break;
            }
        }
    }
}

/* The paragraphs the cues are looked for in, cut to @max bytes each. */

/* "Bell, Cohere, Mila and OpenAI today announced": three names or more,
 * each a name, none a person's, are organisations the parser may have
 * missed (one word without a legal form reads as no company). */
static void
list_enumeration (Vote       *v,
                  const char *subject)
{
  g_autofree char *plain = drop_brackets (subject);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (plain, ",", -1);
  guint n = g_strv_length (parts);

  if (n < 3)
    return;
  for (guint i = 0; i < n; i++)
    {
      char *part = g_strstrip (parts[i]);
      const char *second = NULL;

      /* The last: "and OpenAI" after a serial comma, "Mila and OpenAI" without. */
      if (i == n - 1)
        for (guint j = 0; j < G_N_ELEMENTS (joins) && second == NULL; j++)
          {
            const char *join = joins[j] + (g_str_has_prefix (part, joins[j] + 1) ? 1 : 0);
            char *at = strstr (part, join);

            if (at != NULL)
              {
                *at = '\0';
                second = at + strlen (join);
              }
          }
      if (i == n - 1 && second == NULL)
        return;
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *name = NULL;
          const char *text = k == 0 ? part : second;

          if (text == NULL || *g_strstrip ((char *) text) == '\0')
            continue;
          name = drop_legal_form (v->rules, strip_article (text));
          if (!is_name_like (name) || strlen (name) > 60 ||
              g_ptr_array_find_with_equal_func (v->people, name, g_str_equal, NULL))
            return;
          g_ptr_array_add (names, g_steal_pointer (&name));
        }
    }
  g_ptr_array_extend_and_steal (v->listed, g_steal_pointer (&names));
}

/* Whether @subject ends with an auxiliary of the passive ("… were"). */
static gboolean
ends_passive (const char *subject)
{
  static const char * const auxiliaries[] = {
    "was", "were", "is", "are", "be", "been", "being", "wurde", "wurden", "été", "fue", "fueron",
  };
  const char *end = subject + strlen (subject);
  const char *word;

  while (end > subject && end[-1] == ' ')
    end--;
  for (word = end; word > subject && word[-1] != ' '; word--)
    ;
  for (guint i = 0; i < G_N_ELEMENTS (auxiliaries); i++)
    if ((gsize) (end - word) == strlen (auxiliaries[i]) &&
        g_ascii_strncasecmp (word, auxiliaries[i], end - word) == 0)
      return TRUE;
  return FALSE;
}

static void
cue_body (Vote      *v,
          GPtrArray *blocks)
{
  for (guint b = 0; b < 2; b++)
    {
      const char *text = pr_facts_block_text (blocks, b);
      g_autofree char *head = NULL;

      if (text == NULL)
        continue;
      head = pr_facts_head_of (text, 600);
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
              /* "… and Y were announced as the winners": announced, not
               * announcing. */
              if (ends_passive (subject))
                continue;
              list_enumeration (v, subject);
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
      const char *text = pr_facts_block_text (blocks, b);

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

/* Where a search for a list's alternatives ending in @ends (see
 * plain_ends()) may start in @text: @reach bytes before the first of
 * them, at a character's start; -1 when there is none; 0 without @ends. */
static gssize
search_from (const char         *text,
             const char * const *ends,
             gsize               reach)
{
  const char *first = NULL;

  if (ends == NULL)
    return 0;
  for (guint e = 0; ends[e] != NULL; e++)
    {
      gsize len = strlen (ends[e]);

      for (const char *p = text; *p && (first == NULL || p < first); p++)
        if (g_ascii_tolower (*p) == ends[e][0] && g_ascii_strncasecmp (p, ends[e], len) == 0 &&
            (p == text || !g_ascii_isalnum (p[-1])))
          {
            first = p;
            break;
          }
    }
  if (first == NULL)
    return -1;
  if ((gsize) (first - text) <= reach)
    return 0;
  first -= reach;
  while (first > text && ((guchar) *first & 0xC0) == 0x80)
    first--;
  return first - text;
}

/* "co-hosted by X and Y", "presented by X": the organiser. Returns
 * whether it voted. */
static gboolean
cue_hosted (Vote      *v,
            GPtrArray *blocks)
{
  for (guint b = 0; b < 2; b++)
    {
      const char *text = pr_facts_block_text (blocks, b);
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *head = NULL;
      int end = 0;
      gsize len;

      if (text == NULL)
        continue;
      head = pr_facts_head_of (text, 1000);
      for (guint l = 0; l < G_N_ELEMENTS (v->rules->by_lang) && info == NULL; l++)
        {
          const PrFactsLang *lr = &v->rules->by_lang[l];
          gssize from = 0;

          if (lr->hosted == NULL || !(v->langs & (1u << l)) ||
              (from = search_from (head, (const char * const *) lr->hosted_ends, lr->hosted_reach)) < 0)
            continue;
          if (!g_regex_match_full (lr->hosted, head, -1, from, 0, &info, NULL))
            g_clear_pointer (&info, g_match_info_free);
        }
      if (info == NULL)
        continue;
      g_match_info_fetch_pos (info, 0, NULL, &end);
      len = strcspn (head + end, ",.;:(\"\n");
      {
        const char *quote = strstr (head + end, "“");

        if (quote != NULL && (gsize) (quote - (head + end)) < len)
          len = quote - (head + end);
      }
      {
        g_autofree char *names = g_strstrip (g_strndup (head + end, len));

        if (!vote_pair (v, names, 1.2))
          vote_text (v, names, 1.2, 1.2);
      }
      return TRUE;
    }
  return FALSE;
}

/* Whether @name is an event's ("Ocean Forum", "2025 全球峰会"): its last
 * word is one of the events' nouns. */
static gboolean
names_event (PrFactsRules *rules,
             const char   *name)
{
  g_autofree char *folded = pr_facts_fold (name, -1);
  gsize len = strlen (folded);

  for (guint i = 0; i < rules->events->len; i++)
    {
      const char *noun = g_ptr_array_index (rules->events, i);
      gsize n = strlen (noun);

      if (n <= len && strcmp (folded + len - n, noun) == 0 &&
          (n == len || folded[len - n - 1] == ' ' || pr_facts_is_cjk_text (noun)))
        return TRUE;
    }
  return FALSE;
}

/* The enumerated names the release does not list yet, as organisations. */
static void
add_listed (PrRelease *release,
            GPtrArray *listed)
{
  GPtrArray *had = pr_release_get_organizations (release);
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean added = FALSE;

  for (guint i = 0; had != NULL && i < had->len; i++)
    g_ptr_array_add (orgs, g_object_ref (g_ptr_array_index (had, i)));
  for (guint i = 0; i < listed->len; i++)
    {
      g_autofree char *key = pr_text_alnum_key (g_ptr_array_index (listed, i));
      gboolean known = FALSE;

      for (guint j = 0; j < orgs->len && !known; j++)
        {
          g_autofree char *other = pr_text_alnum_key (pr_entity_get_name (g_ptr_array_index (orgs, j)));

          known = g_str_has_prefix (other, key);
        }
      if (!known)
        {
          g_ptr_array_add (orgs, pr_entity_new (PR_ENTITY_ORGANIZATION, g_ptr_array_index (listed, i), NULL));
          added = TRUE;
        }
    }
  if (added)
    pr_release_set_organizations (release, orgs);
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

char **
pr_facts_find_issuers (PrFactsRules     *rules,
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
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  Vote v = { rules, orgs, people, candidates, pr_facts_block_text (blocks, 0),
             pr_facts_lang_lookup (rules, "en") | pr_facts_lang_lookup (rules, pr_release_get_field (release, PR_FIELD_LANGUAGE)),
             listed };
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
  add_listed (release, v.listed);
  cue_headline (&v, title);
  cue_source (&v, trailer);
  cue_about (&v, pr_release_get_list (release, PR_LIST_ABOUT));
  cue_domain (&v, trailer, title, blocks);
  /* The host announces what it hosts: the event's own name does not. */
  if (cue_hosted (&v, blocks))
    for (guint i = 0; i < candidates->len; i++)
      {
        Candidate *c = &g_array_index (candidates, Candidate, i);

        if (names_event (rules, c->name))
          c->score = 0;
      }
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
