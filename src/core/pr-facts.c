/* pr-facts.c: who announces and what kind of news it is
 *
 * Rules over what the parser found, written by hand over GRegex (no
 * library classifies press releases, and a trained model could not be
 * shipped or explained). The kinds' words are data, per language
 * (data/release-kinds.json): all of them go into one expression matched
 * once over the headline and once over the first paragraph, each kind's
 * words a group of it, so that a release costs two scans whatever the
 * number of words. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "pr-core-resources.h"
#include "pr-extract-private.h"
#include "pr-facts.h"
#include "pr-text.h"

#define KINDS_RESOURCE "/org/example/PressReader/core/release-kinds.json"

/* Only so much of the body speaks for the kind and the issuer. */
#define LEAD_BYTES 700
/* The kind's words are looked for in the headline and this much of the
 * lead: the expression tries every word at every place, so its cost is
 * the text's length (a tenth of the parse at 700 bytes, a twentieth at
 * 280). */
#define KIND_LEAD_BYTES 280
#define HEADLINE_WEIGHT 3
#define KIND_THRESHOLD 2

/* ---- the wire's markers around a headline ---------------------------- */

static const struct {
  const char *flag;
  const char *pattern;
} marker_rules[] = {
  /* "/R E P E A T -- Headline/", "REPEAT: Headline" */
  { "repeat", "^\\s*/?\\s*(?:R\\s?E\\s?P\\s?E\\s?A\\s?T|Repeat)\\s*(?:--|—|–|:|-|/)\\s*" },
  { "correction", "^\\s*(?:CORRECTING\\s+and\\s+REPLACING\\s*(?:--|—|–|:|-|/)?\\s*(?=\\S)|(?:CORRECTION|CORRECTED|Correction|Corrected|"
                  "KORREKTUR|Korrektur|RECTIFICATIF|Rectificatif|CORRECCI[ÓO]N|Correcci[óo]n|更正)"
                  "\\s*(?:--|—|–|:|-|/)\\s*)" },
  { "update", "^\\s*(?:UPDATE(?:D)?|Update(?:d)?|AKTUALISIERUNG|MISE À JOUR|ACTUALIZACI[ÓO]N)"
              "(?:\\s*\\d+)?\\s*(?:--|—|–|:|-|/)\\s*" },
  { "advisory", "^\\s*(?:MEDIA ADVISORY|Media Advisory|PHOTO ADVISORY|ADVISORY|NOTE TO EDITORS|"
                "PRESSEEINLADUNG|AVIS AUX MÉDIAS|AVISO A LOS MEDIOS|采访通知)\\s*(?:--|—|–|:|-|/)\\s*" },
  { "photo", "(?:^\\s*(?:PHOTO|PHOTOS|FOTO)\\s*(?:--|—|–|:|-)\\s*)|"
             "(?:\\s*(?:[(\\[/]\\s*(?:PHOTO|PHOTOS|FOTO|with photo|With Photo|with photos)\\s*[)\\]/]|"
             "\\s(?:--|—|–|-)\\s(?:PHOTO|PHOTOS|FOTO))\\s*$)" },
  { "video", "(?:^\\s*VIDEO\\s*(?:--|—|–|:|-)\\s*)|"
             "(?:\\s*(?:[(\\[/]\\s*(?:VIDEO|VIDÉO|VÍDEO|with video|With Video)\\s*[)\\]/]|"
             "\\s(?:--|—|–|-)\\s(?:VIDEO|VIDÉO))\\s*$)" },
};

static GRegex *marker_regexes[G_N_ELEMENTS (marker_rules)];

/* ---- kinds ------------------------------------------------------------ */

/* One language's words: a release is read with English's and its own
 * language's ("Fusion" is a merger in German, a technology in English). */
typedef struct {
  char *language;
  gboolean every_char;    /* words start anywhere, not after a non-letter */
  GRegex *regex;          /* every kind's words, one group per kind and weight */
  GArray *group_kind;     /* int: the kind index of group i + 1 */
  GArray *group_weight;   /* int */
} KindWords;

typedef struct {
  GPtrArray *languages;   /* KindWords, English first */
  GPtrArray *order;       /* char*: kinds in the order ties go */
} KindRules;

static KindRules *kind_rules;

/* "(" that capture as "(?:": the groups of the combined expression are
 * the kinds'. */
static void
append_without_captures (GString    *out,
                         const char *pattern)
{
  gboolean in_class = FALSE;

  for (const char *p = pattern; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *p++);
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '[')
        in_class = TRUE;
      else if (*p == ']')
        in_class = FALSE;
      g_string_append_c (out, *p);
      if (*p == '(' && !in_class && p[1] != '?')
        g_string_append (out, "?:");
    }
}

static KindWords *
load_language (JsonObject *by_kind,
               const char *language)
{
  const char * const *kinds = pr_facts_kinds ();
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  KindWords *words = g_new0 (KindWords, 1);
  words->language = g_strdup (language);
  /* Chinese has no spaces between words: any character may start one. */
  words->every_char = g_str_equal (language, "zh");
  words->group_kind = g_array_new (FALSE, FALSE, sizeof (int));
  words->group_weight = g_array_new (FALSE, FALSE, sizeof (int));

  for (int k = 0; kinds[k] != NULL; k++)
    {
      JsonObject *languages;
      JsonArray *list;

      if (!json_object_has_member (by_kind, kinds[k]))
        continue;
      languages = json_object_get_object_member (by_kind, kinds[k]);
      if (!json_object_has_member (languages, language))
        continue;
      list = json_object_get_array_member (languages, language);
      for (int weight = 1; weight <= 3; weight++)
        {
          g_autoptr(GString) group = g_string_new (NULL);

          for (guint w = 0; w < json_array_get_length (list); w++)
            {
              JsonArray *pair = json_array_get_array_element (list, w);

              if (json_array_get_int_element (pair, 1) != weight)
                continue;
              if (group->len > 0)
                g_string_append_c (group, '|');
              g_string_append (group, "(?:");
              append_without_captures (group, json_array_get_string_element (pair, 0));
              g_string_append_c (group, ')');
            }
          if (group->len == 0)
            continue;
          if (pattern->len > 0)
            g_string_append_c (pattern, '|');
          g_string_append_printf (pattern, "(%s)", group->str);
          g_array_append_val (words->group_kind, k);
          g_array_append_val (words->group_weight, weight);
        }
    }

  /* \\G anchors it where a match is asked to start, and unlike
   * G_REGEX_MATCH_ANCHORED keeps it compiled to machine code. */
  g_string_prepend (pattern, "\\G(?:");
  g_string_append_c (pattern, ')');
  words->regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, &error);
  if (words->regex == NULL)
    g_error ("%s (%s): %s", KINDS_RESOURCE, language, error->message);
  return words;
}

static KindRules *
load_kind_rules (void)
{
  static const char * const languages[] = { "en", "de", "fr", "es", "zh" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  KindRules *rules = g_new0 (KindRules, 1);
  JsonObject *root, *by_kind;
  JsonArray *order;

  rules->languages = g_ptr_array_new ();
  rules->order = g_ptr_array_new_with_free_func (g_free);

  pr_core_register_resource ();
  bytes = g_resource_lookup_data (pr_core_get_resource (), KINDS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s: %s", KINDS_RESOURCE, error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  order = json_object_get_array_member (root, "order");
  by_kind = json_object_get_object_member (root, "kinds");
  for (guint i = 0; i < json_array_get_length (order); i++)
    g_ptr_array_add (rules->order, g_strdup (json_array_get_string_element (order, i)));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    g_ptr_array_add (rules->languages, load_language (by_kind, languages[i]));
  return rules;
}

/* ---- the issuer ------------------------------------------------------ */

enum {
  RX_LEAD_VERB,
  RX_HOSTED_BY,
  RX_ABOUT,
  RX_LEGAL,
  RX_PAREN,
  RX_ZH_VERB,
  RX_TITLE_VERB,
  N_RX
};

static GRegex *rx[N_RX];

/* What a subject does in a release's first sentence, in its languages. */
#define LEAD_VERBS \
  "announced|announces|announce|launched|launches|launch|unveiled|unveils|introduced|introduces|" \
  "reported|reports|named|names|appointed|appoints|welcomed|welcomes|celebrated|celebrates|" \
  "released|releases|revealed|reveals|completed|completes|signed|signs|entered|enters|" \
  "expanded|expands|joined|joins|received|receives|won|wins|presented|presents|hosted|hosts|" \
  "host|partnered|partners|teamed|teams|acquired|acquires|agreed|agrees|declared|declares|" \
  "filed|files|issued|issues|published|publishes|added|adds|selected|selects|" \
  "raised|raises|closed|closes|debuted|debuts|invites|invited|urges|urged|calls|called|" \
  "responds|responded|confirmed|confirms|marks|marked|is pleased|is proud|are pleased|" \
  "are proud|is excited|is thrilled|is now|are now|" \
  "gab|gibt|kündigt|kündigte|stellt|stellte|präsentiert|lanciert|ernennt|übernimmt|" \
  "annonce|a annoncé|lance|a lancé|dévoile|présente|nomme|" \
  "a organisé|a signé|a remporté|a reçu|" \
  "anunció|anuncia|lanza|lanzó|presenta|presentó|nombra|celebra|celebró|informa|informó|" \
  "organizó|organiza|realizó|firmó|adquirió|obtuvo|recibió|ha formado|ha lanzado|ha firmado"

static void
ensure_regexes (void)
{
  static gsize init = 0;

  if (!g_once_init_enter (&init))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (marker_rules); i++)
    marker_regexes[i] = pr_extract_compile (marker_rules[i].pattern);

  {
    static const char * const patterns[N_RX] = {
      [RX_LEAD_VERB] = "\\b(?:(?:today|now|has|have|officially|formally|proudly|jointly|"
                       "together|recently|this week|successfully|heute|aujourd'hui|hoy|con orgullo)\\s+)*"
                       "(?:\\p{Ll}+ly\\s+)?(?:" LEAD_VERBS ")(?![\\p{L}])",
      [RX_HOSTED_BY] = "\\b(?:co-)?(?:hosted|organi[sz]ed|presented|convened|held|launched|"
                       "sponsored|initiated)\\s+(?:jointly\\s+)?by\\s+(?:the\\s+)?([^,.;:()\"“”]{3,160})",
      [RX_ABOUT] = "^(?:About|ABOUT|Über|ÜBER|À propos de|A propos de|À PROPOS DE|Acerca de|ACERCA DE|"
                   "Sobre|SOBRE|关于)\\s*(?:the\\s+|l'|la\\s+|le\\s+|les\\s+|el\\s+|los\\s+|die\\s+|der\\s+|das\\s+)?"
                   "(.{2,120}?)\\s*[:：]?\\s*$",
      [RX_LEGAL] = ",?\\s+(?:Inc\\.?|Incorporated|Corp\\.?|Corporation|Co\\.,?\\s*Ltd\\.?|Ltd\\.?|Limited|"
                   "LLC|L\\.L\\.C\\.|PLC|plc|GmbH|AG|SE|S\\.A\\. de C\\.V\\.|S\\.A\\.|SA|N\\.V\\.|B\\.V\\.|"
                   "Pty\\.? Ltd\\.?|Co\\.|LP|L\\.P\\.|S\\.p\\.A\\.|S\\.L\\.|A/S|AB|Oy|SAS|S\\.A\\.S\\.|SARL|"
                   "S\\.r\\.l\\.|SRL|GmbH & Co\\.? KG|KG|KGaA)(?=$|[\\s,;()])|(?:股份)?有限(?:责任)?公司$",
      [RX_PAREN] = "\\s*(?:[(（][^()（）]*[)）]|\\[[^\\]]*\\])",
      [RX_ZH_VERB] = "(?:宣布|推出|发布|举办|举行|任命|荣获|携手|正式)",
      /* Headlines in title case: "Acme Officially Joins …" */
      [RX_TITLE_VERB] = "\\b(?i:(?:(?:today|now|officially|formally|proudly|jointly|"
                        "successfully)\\s+)*(?:" LEAD_VERBS "|joins|join|completes|complete|expands|adds|"
                        "debuts|names|taps|hires|wins|secures|achieves|receives|introduces|to host|to launch|"
                        "to acquire|to present|to showcase|celebrates|honors|honours|welcomes))(?![\\p{L}])",
    };

    for (guint i = 0; i < N_RX; i++)
      rx[i] = pr_extract_compile (patterns[i]);
  }

  kind_rules = load_kind_rules ();
  g_once_init_leave (&init, 1);
}

char *
pr_facts_strip_markers (const char  *title,
                        char      ***flags)
{
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  g_autofree char *text = NULL;
  gboolean changed = TRUE;

  g_return_val_if_fail (title != NULL, NULL);

  ensure_regexes ();
  text = g_strdup (title);
  /* Markers come in any order and together ("CORRECTION -- UPDATE 2 -"). */
  for (guint round = 0; changed && round < 4; round++)
    {
      changed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (marker_rules); i++)
        {
          g_autofree char *rest = NULL;

          if (!g_regex_match (marker_regexes[i], text, 0, NULL))
            continue;
          rest = g_regex_replace_literal (marker_regexes[i], text, -1, 0, "", 0, NULL);
          if (rest == NULL || *g_strstrip (rest) == '\0')
            continue;
          g_free (text);
          text = g_steal_pointer (&rest);
          g_strv_builder_add (found, marker_rules[i].flag);
          changed = TRUE;
        }
    }
  /* "/REPEAT -- Headline/" leaves its closing slash. */
  if (text[0] != '\0' && text[strlen (text) - 1] == '/' && *(title + strspn (title, " \t")) == '/')
    text[strlen (text) - 1] = '\0';
  g_strstrip (text);

  if (flags != NULL)
    {
      g_auto(GStrv) all = g_strv_builder_end (found);
      g_autoptr(GStrvBuilder) unique = g_strv_builder_new ();

      for (guint i = 0; all[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < i; j++)
            seen = seen || g_str_equal (all[i], all[j]);
          if (!seen)
            g_strv_builder_add (unique, all[i]);
        }
      *flags = g_strv_builder_end (unique);
    }
  return g_steal_pointer (&text);
}

/* Words that start no kind's word, a third of a text's: not tried. */
static gboolean
is_stop_word (const char *word)
{
  static const char * const stop[] = {
    "the", "of", "and", "to", "in", "a", "an", "for", "on", "with", "by", "at", "its", "is", "as",
    "from", "that", "this", "it", "be", "are", "was", "has", "de", "la", "le", "les", "des", "du",
    "et", "en", "el", "los", "las", "y", "del", "que", "der", "die", "das", "und", "den", "dem",
    "mit", "von", "zu", "im", "un", "une", "una", "ein", "eine", NULL,
  };
  char lower[8];
  gsize n = 0;

  while (g_ascii_isalpha (word[n]) && n < sizeof lower - 1)
    {
      lower[n] = g_ascii_tolower (word[n]);
      n++;
    }
  if (n == 0 || n > 4 || g_ascii_isalnum (word[n]) || (guchar) word[n] >= 0x80)
    return FALSE;
  lower[n] = '\0';
  for (guint i = 0; stop[i] != NULL; i++)
    if (strcmp (lower, stop[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Adds each kind's weight for every match in @text, times @factor. */
/* Adds each kind's weight for every match in @text, times @factor. The
 * expression is tried anchored where a word starts (every character in
 * Chinese): trying its hundred words at every byte would cost ten times
 * more. */
static void
score_kinds (KindWords  *words,
             const char *text,
             int         factor,
             int        *scores)
{
  gssize length;
  const char *p;

  if (text == NULL || *text == '\0')
    return;
  length = strlen (text);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      g_autoptr(GMatchInfo) info = NULL;
      gunichar c = g_utf8_get_char (p);
      int start = -1, end = -1;

      if (!g_unichar_isalnum (c))
        continue;
      if (!words->every_char && p > text &&
          g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (text, p))))
        continue;
      if (!words->every_char && is_stop_word (p))
        continue;
      if (!g_regex_match_full (words->regex, text, length, p - text, 0, &info, NULL))
        continue;
      for (guint g = 0; g < words->group_kind->len; g++)
        if (g_match_info_fetch_pos (info, g + 1, &start, &end) && start >= 0)
          {
            scores[g_array_index (words->group_kind, int, g)] +=
              factor * g_array_index (words->group_weight, int, g);
            break;
          }
      if (end > (int) (p - text) + 1)
        p = text + end - 1;
    }
}

static const char *
classify (const char *language,
          const char *headline,
          const char *lead)
{
  const char * const *kinds = pr_facts_kinds ();
  int scores[16] = { 0 };
  const char *best = PR_KIND_OTHER;
  int best_score = KIND_THRESHOLD - 1;

  for (guint i = 0; i < kind_rules->languages->len; i++)
    {
      KindWords *words = g_ptr_array_index (kind_rules->languages, i);

      /* English, which releases in every language borrow, and their own. */
      if (i > 0 && (language == NULL || !g_str_has_prefix (language, words->language)))
        continue;
      score_kinds (words, headline, HEADLINE_WEIGHT, scores);
      score_kinds (words, lead, 1, scores);
    }
  for (guint i = 0; i < kind_rules->order->len; i++)
    {
      const char *name = g_ptr_array_index (kind_rules->order, i);

      for (int k = 0; kinds[k] != NULL; k++)
        if (g_str_equal (kinds[k], name) && scores[k] > best_score)
          {
            best = kinds[k];
            best_score = scores[k];
          }
    }
  return best;
}

/* ---- the issuer ------------------------------------------------------ */

/* A name as an issuer: legal forms, parentheses and quotes gone. */
static char *
clean_name (const char *name)
{
  /* "the SCO Secretariat", but "The Coca-Cola Company" keeps its own: only
   * a lower-case article goes, and at a sentence's start the German,
   * French and Spanish ones ("Die Seelinie GmbH präsentiert"). */
  static const char * const articles[] = {
    "the ", "l'", "la ", "le ", "el ", "die ", "der ", "das ",
    "Die ", "Der ", "Das ", "La ", "Le ", "Les ", "El ", "Los ", "Las ", NULL,
  };
  g_autofree char *no_paren = NULL;
  g_autofree char *no_legal = NULL;
  char *clean;

  for (guint i = 0; articles[i] != NULL; i++)
    if (g_str_has_prefix (name, articles[i]) && g_unichar_isupper (g_utf8_get_char (name + strlen (articles[i]))))
      {
        name += strlen (articles[i]);
        break;
      }
  no_paren = g_regex_replace_literal (rx[RX_PAREN], name, -1, 0, "", 0, NULL);
  no_legal = g_regex_replace_literal (rx[RX_LEGAL], no_paren, -1, 0, "", 0, NULL);
  clean = pr_text_collapse_space (no_legal);

  g_strstrip (clean);
  /* Trailing punctuation, a character (not a byte) at a time. */
  while (*clean)
    {
      char *last = g_utf8_find_prev_char (clean, clean + strlen (clean));
      gunichar c = g_utf8_get_char (last);

      if (c != ',' && c != ';' && c != ':' && c != '-' && c != '.' && c != '\'' && c != '"' &&
          c != 0x2013 && c != 0x2014 && c != 0x201C && c != 0x201D && c != 0x2019 && c != 0xFF0C)
        break;
      *last = '\0';
      g_strstrip (clean);
    }
  return clean;
}

static gboolean
looks_like_name (const char *name)
{
  static const char * const not_names[] = {
    "the company", "the firm", "the group", "it", "we", "they", "this", "he", "she", "our", "today",
    "the", "a", "an", "in", "on", "at", "for", "with", "from", "as", "and", "by", "during",
    "following", "after", "according", "while", "since", "through", "together", "there", NULL,
  };
  g_autofree char *lower = g_utf8_strdown (name, -1);
  gunichar first = g_utf8_get_char (name);
  guint words = 1;

  if (*name == '\0' || strlen (name) > 120)
    return FALSE;
  if (!(g_unichar_isupper (first) || g_unichar_isdigit (first) || pr_text_has_cjk (name) ||
        g_unichar_islower (first)))
    return FALSE;
  for (const char *p = name; *p; p++)
    words += *p == ' ';
  if (words > 10)
    return FALSE;
  for (guint i = 0; not_names[i] != NULL; i++)
    if (g_str_equal (lower, not_names[i]) ||
        (g_str_has_prefix (lower, not_names[i]) && lower[strlen (not_names[i])] == ' ' &&
         g_str_equal (not_names[i], "the company")))
      return FALSE;
  /* The first word must not be a sentence word ("In 2024", "With its"). */
  for (guint i = 0; not_names[i] != NULL; i++)
    if (g_str_has_prefix (lower, not_names[i]) && lower[strlen (not_names[i])] == ' ' &&
        !g_str_equal (not_names[i], "the") && !g_str_equal (not_names[i], "a"))
      return FALSE;
  /* Nor end with one ("Born and"). */
  {
    const char *last = strrchr (lower, ' ');

    for (guint i = 0; last != NULL && not_names[i] != NULL; i++)
      if (g_str_equal (last + 1, not_names[i]))
        return FALSE;
  }
  /* Latin names start with a capital (or are a brand like "kevin."). */
  if (!pr_text_has_cjk (name) && !g_unichar_isupper (first) && !g_unichar_isdigit (first) &&
      strchr (name, ' ') != NULL)
    return FALSE;
  return TRUE;
}

/* @text's issuers, split where a joint release names two ("A and B"). */
static void
add_names (GPtrArray  *out,
           const char *text)
{
  static const char * const joins[] = { " and ", " und ", " et ", " y ", " e ", "与", "和", ";", NULL };
  g_autofree char *clean = clean_name (text);
  g_auto(GStrv) parts = NULL;

  if (*clean == '\0')
    return;
  for (guint j = 0; joins[j] != NULL && parts == NULL; j++)
    {
      const char *at = strstr (clean, joins[j]);

      if (at != NULL)
        {
          g_autofree char *head = g_strndup (clean, at - clean);
          g_autofree char *left = clean_name (head);
          g_autofree char *right = clean_name (at + strlen (joins[j]));

          if (looks_like_name (left) && looks_like_name (right) &&
              g_unichar_isupper (g_utf8_get_char (right)) == g_unichar_isupper (g_utf8_get_char (left)))
            {
              parts = g_new0 (char *, 3);
              parts[0] = g_steal_pointer (&left);
              parts[1] = g_steal_pointer (&right);
            }
        }
    }
  if (parts == NULL)
    {
      /* An appositive after a comma is no part of the name. */
      char *comma = strstr (clean, ", ");

      if (comma != NULL)
        *comma = '\0';
      if (looks_like_name (clean))
        g_ptr_array_add (out, g_strdup (clean));
      return;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *comma = strstr (parts[i], ", ");

      if (comma != NULL)
        *comma = '\0';
      if (looks_like_name (parts[i]))
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
}

/* Where the first sentence of @text ends: a full stop before a space
 * and a capital, not after an abbreviation ("Inc. (NASDAQ…", "U.S. "). */
static gsize
first_sentence_length (const char *text)
{
  static const char * const abbreviations[] = {
    "Inc", "Corp", "Ltd", "Co", "Dr", "Mr", "Ms", "Mrs", "Prof", "St", "No", "Jr", "Sr", "Bros",
    "U.S", "U.K", "S.A", "N.V", "B.V", "L.L.C", "Ph.D", "vs", "approx", "Nr", "bzw", NULL,
  };

  for (const char *p = text; *p && p - text < LEAD_BYTES; p++)
    {
      gboolean abbreviation = FALSE;
      const char *word;

      if (*p != '.' || p[1] != ' ' || !(g_ascii_isupper (p[2]) || p[2] == '"' || (guchar) p[2] >= 0x80))
        continue;
      for (word = p; word > text && word[-1] != ' ' && word[-1] != '('; word--)
        ;
      for (guint i = 0; abbreviations[i] != NULL && !abbreviation; i++)
        abbreviation = (gsize) (p - word) == strlen (abbreviations[i]) &&
                       strncmp (word, abbreviations[i], p - word) == 0;
      /* A single capital is an initial ("John F. Kennedy"). */
      if (!abbreviation && !(p - word == 1 && g_ascii_isupper (*word)))
        return p - text;
    }
  return MIN (strlen (text), (gsize) LEAD_BYTES);
}

/* Drops what comes before the subject: "Today, ", "On Monday, ",
 * "Recently, ", "In a groundbreaking event, ". */
static const char *
skip_opening (const char *subject)
{
  static const char * const openings[] = {
    "Today", "Recently", "Yesterday", "This week", "Earlier", "Now", "On ", "In ", "At ", "During ",
    "Following ", "After ", "Heute", "Aujourd'hui", "Hoy", "Recientemente", "En ", NULL,
  };
  const char *comma = strstr (subject, ", ");

  if (comma == NULL || comma - subject > 60)
    return subject;
  for (guint i = 0; openings[i] != NULL; i++)
    if (g_str_has_prefix (subject, openings[i]))
      return comma + 2;
  return subject;
}

/* The subject of the first sentence when it announces something. */
static void
lead_subject (GPtrArray  *out,
              const char *lead,
              GRegex     *verbs)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *sentence = NULL;
  int start = 0, stop = 0;

  if (lead == NULL || *lead == '\0')
    return;
  sentence = g_strndup (lead, first_sentence_length (lead));

  if (pr_text_has_cjk (sentence) && g_regex_match (rx[RX_ZH_VERB], sentence, 0, &info))
    {
      g_autofree char *subject = NULL;
      const char *from;

      g_match_info_fetch_pos (info, 0, &start, &stop);
      subject = g_strndup (sentence, start);
      /* After the last comma: "2024年5月1日，某公司宣布" */
      from = g_utf8_strrchr (subject, -1, 0xFF0C);
      if (from == NULL)
        from = strrchr (subject, ',');
      from = from != NULL ? g_utf8_next_char (from) : subject;
      {
        g_autofree char *name = g_strstrip (g_strdup (from));
        static const char * const times[] = { "今天", "今日", "日前", "近日", "正式", NULL };
        char *space;

        for (guint i = 0; times[i] != NULL; i++)
          if (g_str_has_suffix (name, times[i]))
            name[strlen (name) - strlen (times[i])] = '\0';
        g_strstrip (name);
        /* "全球领先的云挖矿平台 GDMining": a space sets a Latin name apart. */
        space = strrchr (name, ' ');
        if (space != NULL && space[1] != '\0')
          memmove (name, space + 1, strlen (space + 1) + 1);
        if (g_utf8_strlen (name, -1) >= 2 && g_utf8_strlen (name, -1) <= 30)
          g_ptr_array_add (out, clean_name (name));
      }
      return;
    }

  /* A Chinese sentence without a Chinese verb is read as any other. */
  g_clear_pointer (&info, g_match_info_free);
  if (!g_regex_match (verbs, sentence, 0, &info))
    return;
  g_match_info_fetch_pos (info, 0, &start, &stop);
  if (start > 0)
    {
      g_autofree char *subject = g_strndup (sentence, start);

      add_names (out, skip_opening (subject));
    }
}

static void
hosted_by (GPtrArray  *out,
           const char *text)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (text != NULL && g_regex_match (rx[RX_HOSTED_BY], text, 0, &info))
    {
      g_autofree char *names = g_match_info_fetch (info, 1);

      add_names (out, names);
    }
}

/* The fullest organisation name the release gives that starts with
 * @name ("Queen Elizabeth Prize" → "… for Engineering Foundation"). */
static char *
fullest (const char *name,
         GPtrArray  *organizations)
{
  g_autofree char *best = g_strdup (name);
  gsize n = strlen (name);

  for (guint i = 0; organizations != NULL && i < organizations->len; i++)
    {
      g_autofree char *org = clean_name (pr_entity_get_name (g_ptr_array_index (organizations, i)));

      if (strlen (org) > strlen (best) && g_ascii_strncasecmp (org, name, n) == 0 && org[n] == ' ' &&
          strstr (org + n, " and ") == NULL)
        {
          g_free (best);
          best = g_steal_pointer (&org);
        }
    }
  return g_steal_pointer (&best);
}

/* Letters and digits, lower case, accents gone: "BestLyfe Group" and
 * bestlyfegroup.com meet. */
static char *
fold_key (const char *text,
          gssize      length)
{
  g_autofree char *nfd = g_utf8_normalize (text, length, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd != NULL ? nfd : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) && !g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* The name in @text (one to four words) that spells @label, the first
 * part of a web site's host the release links to. */
static char *
name_for_site (const char *text,
               const char *label)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL || strlen (label) < 3)
    return NULL;
  words = g_regex_split_simple ("[\\s,;:()“”\"]+", text, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint n = 0; n < 4 && words[i + n] != NULL; n++)
        {
          g_autofree char *key = NULL;

          if (n > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, words[i + n]);
          key = fold_key (joined->str, -1);
          if (g_str_equal (key, label))
            return clean_name (joined->str);
          if (!g_str_has_prefix (label, key))
            break;
        }
    }
  return NULL;
}

/* The organisation whose web site the release gives, named in its
 * headline or first paragraph. */
static void
site_owner (GPtrArray          *out,
            const char * const *links,
            const char * const *trailer,
            const char         *title,
            const char         *lead,
            const char         *body)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();

  for (guint i = 0; trailer[i] != NULL; i++)
    {
      const char *at = strstr (trailer[i], "http");

      /* "Company Website https://…", "Original Source: https://…" first. */
      if (at != NULL)
        g_ptr_array_add (urls, (gpointer) at);
    }
  for (guint i = 0; links[i] != NULL; i++)
    g_ptr_array_add (urls, (gpointer) links[i]);

  for (guint i = 0; i < urls->len && out->len == 0; i++)
    {
      g_autofree char *url = g_strndup (urls->pdata[i], strcspn (urls->pdata[i], " \t\n"));
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;

      if (host == NULL)
        continue;
      if (g_str_has_prefix (host, "www."))
        host += 4;
      label = fold_key (host, strcspn (host, "."));
      name = name_for_site (title, label);
      if (name == NULL)
        name = name_for_site (lead, label);
      if (name == NULL)
        name = name_for_site (body, label);
      if (name != NULL && looks_like_name (name))
        g_ptr_array_add (out, g_steal_pointer (&name));
    }
}

static GPtrArray *
find_issuers (PrRelease  *release,
              const char *title,
              const char *lead,
              const char *body)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *orgs = pr_release_get_organizations (release);
  const char * const *trailer = pr_release_get_list (release, PR_LIST_TRAILER);
  const char * const *about = pr_release_get_list (release, PR_LIST_ABOUT);
  GPtrArray *issuers = g_ptr_array_new_with_free_func (g_free);

  /* The wire's SOURCE line names the sender. */
  for (guint i = 0; trailer[i] != NULL && found->len == 0; i++)
    if (g_str_has_prefix (trailer[i], "SOURCE ") || g_str_has_prefix (trailer[i], "SOURCE:"))
      {
        g_auto(GStrv) names = g_strsplit (trailer[i] + strlen ("SOURCE") + (trailer[i][6] == ':'), ";", 3);

        for (guint j = 0; names[j] != NULL; j++)
          {
            g_autofree char *name = clean_name (names[j]);

            if (looks_like_name (name))
              g_ptr_array_add (found, g_steal_pointer (&name));
          }
      }
  if (found->len == 0)
    lead_subject (found, lead, rx[RX_LEAD_VERB]);
  /* Headlines start with who acts: "Acme Launches …" */
  if (found->len == 0 && title != NULL)
    lead_subject (found, title, rx[RX_TITLE_VERB]);
  if (found->len == 0)
    hosted_by (found, body);
  for (guint i = 0; about[i] != NULL && found->len == 0; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *heading = g_strndup (about[i], strcspn (about[i], "\n"));

      if (g_regex_match (rx[RX_ABOUT], heading, 0, &info))
        {
          g_autofree char *name = g_match_info_fetch (info, 1);
          g_autofree char *clean = clean_name (name);

          if (looks_like_name (clean))
            g_ptr_array_add (found, g_steal_pointer (&clean));
        }
    }
  if (found->len == 0)
    site_owner (found, pr_release_get_list (release, PR_LIST_LINKS), trailer, title, lead, body);
  /* Else the first organisation the headline names. */
  for (guint i = 0; orgs != NULL && i < orgs->len && found->len == 0 && title != NULL; i++)
    {
      const char *org = pr_entity_get_name (g_ptr_array_index (orgs, i));

      if (strstr (title, org) != NULL)
        g_ptr_array_add (found, clean_name (org));
    }

  for (guint i = 0; i < found->len && issuers->len < 3; i++)
    {
      g_autofree char *name = fullest (g_ptr_array_index (found, i), orgs);
      gboolean seen = FALSE;

      for (guint j = 0; j < issuers->len; j++)
        seen = seen || g_utf8_collate (g_ptr_array_index (issuers, j), name) == 0;
      if (!seen && *name != '\0')
        g_ptr_array_add (issuers, g_steal_pointer (&name));
    }
  return issuers;
}

/* ---- all together ---------------------------------------------------- */

void
pr_facts_apply (PrRelease *release)
{
  const char *title = pr_release_get_title (release);
  const char *subtitle = pr_release_get_field (release, PR_FIELD_SUBTITLE);
  GPtrArray *blocks = pr_release_get_blocks (release);
  g_autofree char *stripped = NULL;
  g_autofree char *headline = NULL;
  g_autoptr(GString) lead = g_string_new (NULL);
  g_autoptr(GPtrArray) issuers = NULL;
  g_auto(GStrv) flags = NULL;

  g_return_if_fail (PR_IS_RELEASE (release));

  ensure_regexes ();

  if (title != NULL)
    {
      stripped = pr_facts_strip_markers (title, &flags);
      if (!g_str_equal (stripped, title))
        pr_release_set_field (release, PR_FIELD_TITLE, stripped);
      title = pr_release_get_title (release);
    }
  pr_release_set_list (release, PR_LIST_FLAGS, (const char * const *) flags);

  /* The first paragraph (and the next when it is short) speaks for the
   * release. */
  for (guint i = 0; blocks != NULL && i < blocks->len && lead->len < 200; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind != PR_BLOCK_PARAGRAPH)
        continue;
      if (lead->len > 0)
        g_string_append_c (lead, ' ');
      g_string_append_len (lead, block->text, MIN (strlen (block->text), (gsize) LEAD_BYTES));
    }

  headline = g_strjoin (" · ", title != NULL ? title : "", subtitle != NULL ? subtitle : "", NULL);
  {
    g_autofree char *kind_lead = g_strndup (lead->str, lead->len);

    if (lead->len > KIND_LEAD_BYTES)
      *g_utf8_find_prev_char (kind_lead, kind_lead + KIND_LEAD_BYTES + 1) = '\0';
    pr_release_set_field (release, PR_FIELD_KIND,
                          classify (pr_release_get_field (release, PR_FIELD_LANGUAGE), headline, kind_lead));
  }

  {
    /* "presented by" may come a few paragraphs down. */
    g_autoptr(GString) body = g_string_new (NULL);

    for (guint i = 0; blocks != NULL && i < blocks->len && body->len < 8 * LEAD_BYTES; i++)
      {
        if (body->len > 0)
          g_string_append_c (body, '\n');
        g_string_append (body, ((PrBlock *) g_ptr_array_index (blocks, i))->text);
      }
    issuers = find_issuers (release, title, lead->str, body->str);
  }
  g_ptr_array_add (issuers, NULL);
  pr_release_set_list (release, PR_LIST_ISSUERS, (const char * const *) issuers->pdata);
}
