/* pr-extract-names.c: whether a run of capitalised words is a person's
 * name, and that name and a role cleaned (for pr-extract-people.c) */
#include <string.h>

#include "pr-entity.h"
#include "pr-extract-private.h"
#include "pr-text.h"

static GRegex *
postnominal_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, pr_extract_compile (PR_EXTRACT_POSTNOMINAL));
  return regex;
}


static GHashTable *
word_set (const char * const *words)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; words[i]; i++)
    g_hash_table_add (set, (gpointer) words[i]);
  return set;
}

/* Role nouns, lower case: a name does not hold one. */
static const char * const role_words[] = {
  "ceo", "cfo", "coo", "cto", "cmo", "cio", "cro", "cpo", "cso", "pdg", "vp", "svp", "evp",
  "president", "presidente", "presidenta", "président", "présidente", "präsident", "präsidentin",
  "chief", "chair", "chairman", "chairwoman", "chairperson", "director", "directora", "directeur",
  "directrice", "direktor", "direktorin", "manager", "officer", "secretary", "secretary-general",
  "governor", "mayor", "minister", "ministerin", "head", "founder", "co-founder", "cofounder",
  "fundador", "fundadora", "cofundador", "cofundadora", "fondateur", "fondatrice", "cofondateur",
  "cofondatrice", "gründer", "gründerin", "mitgründer", "mitbegründer", "mitbegründerin", "partner",
  "deputy", "professor", "executive", "editor", "analyst", "spokesperson", "spokesman",
  "spokeswoman", "commissioner", "ambassador", "senator", "representative", "congressman",
  "congresswoman", "judge", "magistrate", "lawyer", "attorney", "designer", "architect", "economist",
  "adviser", "advisor", "counsel", "treasurer", "owner", "dean", "coordinator", "consultant",
  "engineer", "scientist", "researcher", "strategist", "superintendent", "administrator", "curator",
  "producer", "trustee", "chancellor", "rector", "commander", "gerente", "jefe", "jefa",
  "geschäftsführer", "geschäftsführerin", "vorstand", "vorsitzende", "vorsitzender", "leiter",
  "leiterin", "sprecher", "sprecherin", "consejero", "consejera", "alcalde", "alcaldesa", "ministro",
  "ministra", "secretario", "secretaria", "gobernador", "maire", "ministre", "bürgermeister",
  "bürgermeisterin", "comedian", "actor", "actress", "artist", "activist", "candidate", "paralegal",
  "physician", "doctor", "principal", "vice", "senior", "managing", "general", "operating",
  "marketing", "financial", "technology", "technical", "associate", "assistant", "interim", "acting",
  "ejecutiva", "ejecutivo", "adjunto", "adjunta", "exécutif", "exécutive", "général", "générale",
  "délégué", "déléguée", "stellvertretende", "stellvertretender",
  NULL,
};

/* Capitalised words that are not names: sentence starters, months,
 * organisation and place words, headline verbs. */
static const char * const other_words[] = {
  "The", "This", "That", "These", "Those", "In", "On", "At", "For", "With", "As", "By", "From",
  "To", "And", "But", "Or", "If", "When", "While", "After", "Before", "During", "Our", "We", "Its",
  "It", "Their", "His", "Her", "He", "She", "They", "I", "A", "An", "All", "Each", "Every", "Of",
  "Company", "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "LLC", "Group", "About", "Contact",
  "Contacts", "Media", "Source", "Photo", "Logo", "Mobile", "Digital", "Global", "International",
  "National", "New", "North", "South", "East", "West", "United", "Prize", "Award", "Awards", "Day",
  "Today", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
  "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December", "Der", "Die", "Das", "Le", "La", "Les", "El", "Los", "Las", "Un", "Une",
  "Una", "Im", "Am", "Au", "Del", "En", "Con", "Por", "Para", "Según", "Dans", "Pour", "Avec",
  "Selon", "Mit", "Für", "Laut", "Und", "Wir", "Nous", "Este", "Esta", "Cette", "Ce", "Se", "Su",
  "Sus", "Ein", "Eine", "Organization", "Organisation", "University", "Association", "Foundation",
  "Bank", "Government", "Secretariat", "Committee", "Council", "Institute", "Agency", "Bureau",
  "Technologies", "Technology", "Systems", "Studios", "Centre", "Center", "Province", "City",
  "County", "State", "Street", "Road", "Avenue", "Report", "Network", "Press", "News",
  "Newswire", "Wire", "Release", "Relations", "Investor", "Investors", "Inquiries", "Enquiries",
  "Email", "E-mail", "Phone", "Tel", "Website", "Club", "League", "Society", "School", "College",
  "Academy", "Hospital", "Health", "Board", "Office", "Department", "Ministry", "Program",
  "Programme", "Project", "Platform", "Series", "Summit", "Forum", "Conference", "Festival",
  "Show", "Expo", "Week", "Year", "Holdings", "Capital", "Partners", "Ventures", "Labs", "Fund",
  "Trust", "Services", "Solutions", "Energy", "Fuels", "Mining", "Design", "Industry", "Industries",
  "Republic", "Kingdom", "Announces", "Announced", "Names", "Named", "Appoints",
  "Appointed", "Promotes", "Promoted", "Joins", "Launches", "Wins", "Receives", "Welcomes",
  "Hires", "Says", "Said", "Unveils", "Introduces", "Celebrates", "Honors", "Honours", "Awarded",
  "Reports", "Expands", "Opens", "Signs", "Completes", "Acquires", "Adds", "Selects", "Elects",
  "Nukes", "Weighs", "Takes", "Leads", "Partners", "Chinese", "English", "American", "European",
  "Asian", "African", "Canadian", "British", "German", "French", "Spanish", "Japanese", "Indian",
  "Executive", "Officer", "Chief", "Vice", "Senior", "Managing", "General", "Media", "Marketing",
  "Annual", "Quarter", "Fiscal", "Q1", "Q2", "Q3", "Q4", "Gesellschaft",
  "Stiftung", "Universität", "Fundación", "Universidad", "Asociación", "Gobierno", "Ministerio",
  "Société", "Université", "Fondation", "Gouvernement", "Ligue", "Première", "Oficina",
  "Management", "Commission", "Venture", "Spirits", "Authority", "Administration", "Quality", "Affairs", "Resources",
  NULL,
};

static const char * const particles[] = {
  "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "la", "le",
  "du", "bin", "binti", "al", "ter", "ten", "of", NULL,
};

static GHashTable *role_set, *other_set, *particle_set;

static void
ensure_word_sets (void)
{
  static gsize init = 0;

  if (!g_once_init_enter (&init))
    return;
  role_set = word_set (role_words);
  other_set = word_set (other_words);
  particle_set = word_set (particles);
  g_once_init_leave (&init, 1);
}

gboolean
pr_extract_is_role_token (const char *word)
{
  char buf[32];
  g_autofree char *heap = NULL;
  const char *lower = buf;
  const char *hyphen;
  gsize i;

  ensure_word_sets ();
  /* ASCII words, most of them, lowered on the stack. */
  for (i = 0; word[i] && i < sizeof buf - 1 && (guchar) word[i] < 0x80; i++)
    buf[i] = g_ascii_tolower (word[i]);
  buf[i] = '\0';
  if (word[i] != '\0')
    lower = heap = g_utf8_strdown (word, -1);
  if (g_hash_table_contains (role_set, lower))
    return TRUE;
  /* "co-CEO", "Co-Founder", "Vice-President" */
  hyphen = strrchr (lower, '-');
  return hyphen != NULL && g_hash_table_contains (role_set, hyphen + 1);
}

/* All capitals, two letters or more: an acronym, or a surname in capitals. */
gboolean
pr_extract_is_all_caps (const char *word)
{
  guint letters = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (!g_unichar_isupper (c))
            return FALSE;
          letters++;
        }
    }
  return letters >= 2;
}

PrNameToken
pr_extract_classify_word (const char *word)
{
  const char *hyphen;

  ensure_word_sets ();
  if (g_hash_table_contains (particle_set, word))
    return PR_TOKEN_PARTICLE;
  if (strcmp (word, "Jr.") == 0 || strcmp (word, "Sr.") == 0 || strcmp (word, "II") == 0 ||
      strcmp (word, "III") == 0 || strcmp (word, "IV") == 0)
    return PR_TOKEN_SUFFIX;
  if (pr_extract_is_role_token (word))
    return PR_TOKEN_ROLE;
  if (g_hash_table_contains (other_set, word))
    return PR_TOKEN_OTHER;
  /* "Sydney-based", "Bolt's" */
  hyphen = strchr (word, '-');
  if (hyphen != NULL && g_ascii_islower (hyphen[1]))
    return PR_TOKEN_OTHER;
  if (g_str_has_suffix (word, "'s") || g_str_has_suffix (word, "’s"))
    return PR_TOKEN_OTHER;
  return PR_TOKEN_NAME;
}

/* Honorifics go; "Lord" stays in a peerage name ("Lord Browne of Madingley"). */
const char *
pr_extract_skip_honorifics (const char *name,
                 gboolean   *lord)
{
  static const char * const honorifics[] = {
    "Dr.", "Mr.", "Mrs.", "Ms.", "Mx.", "Prof.", "Hon.", "Rev.", "Smt.", "Mme.", "Mlle.", "Sra.",
    "Sr.", "Dra.", "M.", "Dr", "Mr", "Mrs", "Ms", "Prof", "Professor", "Sir", "Dame", "Shri", "Sri",
    "Herr", "Frau", "Madame", "Monsieur", "Honorable", "Honourable", "Lord", "Lady", "Baroness",
    "Baron",
  };
  gboolean again = TRUE;

  *lord = FALSE;
  while (again)
    {
      again = FALSE;
      while (*name == ' ' || *name == '\t')
        name++;
      /* All start with one of these letters. */
      if (strchr ("DMPSHRLBF", *name) == NULL || *name == '\0')
        break;
      for (guint i = 0; i < G_N_ELEMENTS (honorifics); i++)
        {
          gsize len = strlen (honorifics[i]);

          if (strncmp (name, honorifics[i], len) == 0 && (name[len] == ' ' || name[len] == '\t'))
            {
              if (i >= G_N_ELEMENTS (honorifics) - 4)
                *lord = TRUE;
              name += len;
              again = TRUE;
              break;
            }
        }
    }
  return name;
}

gboolean
pr_extract_has_caps_pair (const char *s)
{
  for (; *s; s++)
    if (g_ascii_isupper (s[0]) && (g_ascii_isupper (s[1]) || s[1] == '.' || s[1] == 's' || s[1] == 'h'))
      {
        if (g_ascii_isupper (s[1]) || g_str_has_prefix (s, "Ph.") || g_str_has_prefix (s, "Esq") ||
            g_str_has_prefix (s, "M.D"))
          return TRUE;
      }
  return FALSE;
}

/* A person's name from a run of words, honorifics, degrees and a
 * possessive dropped; NULL if it does not read as a name. */
char *
pr_extract_clean_name (const char *raw)
{
  gboolean lord = FALSE;
  const char *start;
  g_autofree char *collapsed = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_names = 0, n = 0;
  g_autoptr(GMatchInfo) info = NULL;

  ensure_word_sets ();
  start = pr_extract_skip_honorifics (raw, &lord);
  collapsed = pr_text_collapse_space (start);
  /* "Dana Doe MA, PMP": two capitals in a row, or "Ph.D", "Esq" */
  if (pr_extract_has_caps_pair (collapsed) && g_regex_match (postnominal_regex (), collapsed, 0, &info))
    {
      int s, e;

      g_match_info_fetch_pos (info, 0, &s, &e);
      if (s > 0 && (collapsed[e] == '\0' || collapsed[e] == ','))
        collapsed[s] = '\0';
    }
  g_strstrip (collapsed);
  {
    gsize len = strlen (collapsed);

    while (len > 0 && collapsed[len - 1] == ',')
      collapsed[--len] = '\0';
    if (g_str_has_suffix (collapsed, "'s"))
      collapsed[len - 2] = '\0';
    else if (g_str_has_suffix (collapsed, "’s"))
      collapsed[len - strlen ("’s")] = '\0';
  }
  words = g_strsplit (collapsed, " ", -1);
  for (guint i = 0; words[i]; i++)
    {
      char *w = words[i];
      gsize wl = strlen (w);
      PrNameToken kind;

      if (wl > 0 && w[wl - 1] == ',')
        w[--wl] = '\0';
      if (wl == 0)
        continue;
      kind = pr_extract_classify_word (w);
      if (kind == PR_TOKEN_PARTICLE)
        {
          /* Inside a name only, and "of" in a peerage only. */
          if (n_names == 0 || words[i + 1] == NULL || (strcmp (w, "of") == 0 && !lord))
            return NULL;
        }
      else if (kind == PR_TOKEN_SUFFIX)
        {
          if (n_names < 2 || words[i + 1] != NULL)
            return NULL;
        }
      else if (kind != PR_TOKEN_NAME)
        return NULL;
      else
        {
          if (n_names == 0 && (pr_extract_is_all_caps (w) || (wl == 2 && w[1] == '.')))
            return NULL;
          n_names++;
        }
      if (n++ > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, w);
    }
  if (lord && n_names >= 2 && strstr (out->str, " of ") != NULL)
    g_string_prepend (out, "Lord ");
  else if (n_names < 2 || n_names > 5)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "the Mayor of Lianyungang city" → "Mayor of Lianyungang city" */
char *
pr_extract_clean_role (const char *role)
{
  static const char * const articles[] = {
    "the ", "a ", "an ", "el ", "la ", "le ", "der ", "die ", "The ", "El ", "La ", "Le ", "Der ", "Die ",
  };
  g_autofree char *r = pr_text_collapse_space (role);
  const char *start = r;
  gsize len;

  while (*start == ' ' || *start == ',')
    start++;
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (start, articles[i]))
      {
        start += strlen (articles[i]);
        break;
      }
  len = strlen (start);
  while (len > 0 && strchr (",;:– -", start[len - 1]) != NULL)
    len--;
  if (len < 2 || g_utf8_strlen (start, len) > 100)
    return NULL;
  return g_strndup (start, len);
}

gboolean
pr_extract_has_caps_word (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i]; i++)
    if (pr_extract_is_all_caps (words[i]) && strcmp (words[i], "II") != 0 && strcmp (words[i], "III") != 0)
      return TRUE;
  return FALSE;
}

gboolean
pr_extract_is_particle (const char *word)
{
  ensure_word_sets ();
  return g_hash_table_contains (particle_set, word);
}

/* "Smith" inside "Jane Smith", "Jane Smith" inside "Jane Smith Jr.": the
 * fuller form stays. */
void
pr_extract_drop_fragments (GPtrArray *people)
{
  for (guint i = 0; i < people->len; )
    {
      PrEntity *a = g_ptr_array_index (people, i);
      g_autofree char *ka = g_strconcat (" ", pr_entity_get_name (a), " ", NULL);
      gboolean dropped = FALSE;

      for (guint j = 0; j < people->len && !dropped; j++)
        {
          PrEntity *b = g_ptr_array_index (people, j);
          g_autofree char *kb = NULL;

          if (j == i)
            continue;
          kb = g_strconcat (" ", pr_entity_get_name (b), " ", NULL);
          if (strlen (kb) > strlen (ka) && strstr (kb, ka) != NULL)
            {
              if (pr_entity_get_detail (b) == NULL && pr_entity_get_detail (a) != NULL)
                pr_entity_set_detail (b, pr_entity_get_detail (a));
              g_ptr_array_remove_index (people, i);
              dropped = TRUE;
            }
        }
      if (!dropped)
        i++;
    }
}

/* "Kikuo IBE" found in a list, "Kikuo Ibe" in the text: the release's
 * mixed-case form. */
void
pr_extract_prefer_mixed_case (GPtrArray  *people,
                   const char *text)
{
  g_autofree char *lower = NULL;

  for (guint i = 0; i < people->len; i++)
    {
      PrEntity *e = g_ptr_array_index (people, i);
      const char *name = pr_entity_get_name (e);
      g_autofree char *lname = NULL;
      gsize nl = strlen (name);

      if (!pr_extract_has_caps_word (name))
        continue;
      for (const char *c = name; *c; c++)
        if ((guchar) *c >= 0x80)
          goto next;
      if (lower == NULL)
        lower = g_ascii_strdown (text, -1);
      lname = g_ascii_strdown (name, -1);
      for (const char *hit = strstr (lower, lname); hit != NULL; hit = strstr (hit + 1, lname))
        {
          g_autofree char *form = g_strndup (text + (hit - lower), nl);
          g_autofree char *checked = pr_extract_clean_name (form);

          if (!pr_extract_has_caps_word (form) && g_ascii_isupper (form[0]) && checked != NULL)
            {
              PrEntity *better = pr_entity_new (PR_ENTITY_PERSON, form, pr_entity_get_detail (e));

              people->pdata[i] = better;
              g_object_unref (e);
              break;
            }
        }
    next:
      ;
    }
}

/* ---- where names start --------------------------------------------- */

static gboolean
is_upper_at (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  /* Continuation bytes, and scripts without capitals (CJK…) past 0xE1. */
  if (c < 0xC0 || c > 0xE1)
    return FALSE;
  return g_unichar_isupper (g_utf8_get_char (p));
}

/* The first capital at or after @i, @len if none. ASCII without one is
 * skipped eight bytes at a time: a byte's high bit is set by adding
 * 0x80 - 'A' when it is 'A' or more, by adding 0x80 - '[' when it is
 * past 'Z'. */
gsize
pr_extract_next_capital (const char *line,
              gsize       len,
              gsize       i)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);

  while (i < len)
    {
      guint64 x;

      if (i + 8 <= len)
        {
          memcpy (&x, line + i, sizeof x);
          if (!(x & high) &&
              !((x + G_GUINT64_CONSTANT (0x3F3F3F3F3F3F3F3F)) & ~(x + G_GUINT64_CONSTANT (0x2525252525252525)) & high))
            {
              i += 8;
              continue;
            }
        }
      if (is_upper_at (line + i))
        return i;
      i++;
    }
  return len;
}

/* Where a name can start from @from on: a capitalised word at a word
 * start followed by another (or by a particle and another). A cheap scan
 * that spares the name pattern most of the text; @len if none. */
gsize
pr_extract_next_run (const char *line,
          gsize       len,
          gsize       from)
{
  for (gsize i = from; (i = pr_extract_next_capital (line, len, i)) < len; i++)
    {
      const char *w = line + i;
      const char *q;

      if (i > 0)
        {
          guchar prev = (guchar) line[i - 1];

          if (prev < 0x80 ? (g_ascii_isalnum (prev) || prev == '.' || prev == '-' || prev == '@' || prev == '_' || prev == '/')
                          : g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (line, w))))
            continue;
        }
      for (q = w; q < line + len && *q != ' ' && *q != '\t'; q++)
        ;
      while (q < line + len && (*q == ' ' || *q == '\t'))
        q++;
      if (q >= line + len)
        return len;
      if (is_upper_at (q))
        return i;
      if (g_ascii_islower (*q))
        {
          const char *r = q;

          while (r < line + len && g_ascii_islower (*r))
            r++;
          if (r - q <= 5 && r + 1 < line + len && *r == ' ' && is_upper_at (r + 1))
            {
              g_autofree char *word = g_strndup (q, r - q);

              if (pr_extract_is_particle (word))
                return i;
            }
        }
      /* On past this word. */
      i = q - line - 1;
    }
  return len;
}
