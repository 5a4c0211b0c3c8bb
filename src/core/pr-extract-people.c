/* pr-extract-people.c: people named in a release's text, with their roles
 *
 * A person is a run of capitalised words that reads as a name, next to
 * something that says a person acts in the news: a role ("Jane Doe, CEO
 * of Acme", "CEO Jane Doe", "Jane Doe – President"), a quote ("said Jane
 * Doe", "Jane Doe says", "— Jane Doe" after a quote), an appointment
 * ("names Jane Doe CFO"), an award ("awarded to Jane Doe") or a list of
 * people ("speakers including …"). Names in the contact block at the end
 * ("Media Contact:", "Pressekontakt", "媒体联系人") are contacts, not
 * people, and are left out. */
#include <string.h>

#include "pr-entity.h"
#include "pr-extract.h"
#include "pr-extract-private.h"
#include "pr-text.h"

/* A capitalised word of a name: "Jane", "O’Brien", "Jean-Pierre", "P.",
 * "YIM" (surnames in capitals). */
#define NAME_WORD \
  "(?:(?!(?:Jr|Sr)\\.)\\p{Lu}(?:[\\p{Ll}\\p{M}]+|['’]\\p{Lu}[\\p{Ll}\\p{M}]+)(?:[-'’][\\p{L}\\p{M}]+)*" \
  "|\\p{Lu}\\.|\\p{Lu}{2,}(?![\\p{L}\\p{M}.]))"
#define PARTICLE "(?:de|da|do|dos|das|del|della|di|van|von|der|den|la|le|du|bin|binti|al|ter|ten|of)"
#define HONORIFIC \
  "(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Hon|Rev|Smt|Mme|Mlle|Sra|Sr|Dra|M)\\.[ \\t]*" \
  "|(?:Professor|Sir|Dame|Lord|Lady|Baroness|Baron|Shri|Sri|Herr|Frau|Madame|Monsieur|Honou?rable)[ \\t]+)"
#define NAME_RUN \
  "(?:" NAME_WORD "(?:[ \\t]+(?:" PARTICLE "[ \\t]+)?" NAME_WORD "){0,7}" \
  "(?:,?[ \\t]+(?:Jr\\.|Sr\\.|III|II|IV)(?![\\p{L}\\p{M}]))?)"
/* Role nouns in the languages releases are written in, any case. */
#define ROLE_WORDS \
  "(?i:\\b(?:CEO|CFO|COO|CTO|CMO|CIO|CRO|CPO|PDG|VP|SVP|EVP|President|Presidente|Presidenta|Président|" \
  "Présidente|Präsident(?:in)?|Vice[- ]President|Vice-président|Chief|Chair|Chairman|Chairwoman|" \
  "Chairperson|Director|Directora|Directeur|Directrice|Direktor(?:in)?|Manager|Officer|Secretary|" \
  "Secretary-General|Governor|Mayor|Minister|Head|Founder|Co-founder|Cofounder|Fundador|Fundadora|" \
  "Cofundador|Cofundadora|Fondateur|Fondatrice|Cofondateur|Cofondatrice|Gründer(?:in)?|Mitgründer(?:in)?|" \
  "Mitbegründer(?:in)?|Partner|Deputy|Professor|Prof\\.|Executive|Editor|Analyst|Spokesperson|Spokesman|" \
  "Spokeswoman|Porte-parole|Portavoz|Sprecher(?:in)?|Lead|Leader|Commissioner|Ambassador|Senator|Member|" \
  "Principal|Economist|Adviser|Advisor|Counsel|Treasurer|Owner|Dean|Coordinator|Consultant|Architect|" \
  "Engineer|Scientist|Researcher|Strategist|Representative|Superintendent|Administrator|Curator|Producer|" \
  "Author|Trustee|Fellow|Chancellor|Rector|Attorney|Lawyer|Judge|Magistrate|Commander|Gerente|Jefe|Jefa|" \
  "Responsable|Geschäftsführer(?:in)?|Vorstand|Vorsitzende[r]?|Leiter(?:in)?|Consejero|Consejera|" \
  "Administrateur|Administratrice|Ministro|Ministra|Ministre|Alcalde|Alcaldesa|Maire|Gobernador(?:a)?|" \
  "Secretario|Secretaria|Bürgermeister(?:in)?|Minister(?:in)?|Designer|Diseñador(?:a)?|Artist|Activist|" \
  "Comedian|Candidate|Physician|Doctor|Paralegal|Congress(?:man|woman)|Ministerpräsident(?:in)?)s?\\b)"
#define SPEECH_VERBS \
  "(?:said|says|stated|states|added|adds|noted|notes|explained|explains|commented|comments|remarked|" \
  "told|declared|shared|observed|emphasi[sz]ed|highlighted|continued|concluded|weighs in|exclaims|" \
  "dijo|afirmó|afirma|declaró|señaló|explicó|comentó|añadió|agregó|destacó|indicó|aseguró|subrayó|" \
  "sagte|sagt|erklärte|erklärt|betonte|betont|ergänzte|so|a déclaré|a affirmé|a ajouté|a expliqué|" \
  "a souligné|a dit|déclare|explique|souligne|affirme|ajoute|précise|a précisé)"
/* The end of a role after a name: punctuation, a verb, a quote. */
#define ROLE_END \
  "(?=,|;|\\.(?:\\s|$)|\\.(?=[\\p{Lu}\"“”])|\\s+at the\\s+\\p{Ll}|\\s+(?:" SPEECH_VERBS "|who|which|will|has|" \
  "have|is|was|in a|delivered|quien|que|qui|der|die)\\b|\\)|[\"“”«»]|\\s[–—-]\\s|$)"
#define ZH_ROLE \
  "(?:首席[\\p{Han}]{1,4}官|副?总裁|副?董事长|董事|副?总经理|联合创始人|创始人|合伙人|副?主席|副?秘书长|" \
  "副?市长|副?省长|书记|主任|总监|经理|院长|校长|教授|部长|局长|负责人|CEO|CTO|CFO|COO)"
#define ZH_SAID "(?:表示|说|称|指出|评论道|介绍|强调|认为|谈到|透露|坦言|补充道?|指出)"

typedef enum {
  RE_SAID_PERSON,
  RE_NAME,
  RE_POSTNOMINAL,
  RE_R_ROLE,
  RE_R_SPEECH,
  RE_R_DASH,
  RE_R_PAREN,
  RE_R_IS,
  RE_R_APPOINTED_ROLE,
  RE_L_QUOTE,
  RE_LIST_DASH,
  RE_LIST_COLON,
  RE_ENUM_BEFORE,
  RE_L_ENUM,
  RE_ENUM_AFTER,
  RE_ZH_SAID,
  RE_ZH_PAREN,
  N_RES
} Re;

static GRegex *res[N_RES];

/* Verbs before a speaker: "said Jane Doe, CEO". */
static const char * const said_verbs[] = {
  "said", "says", "added", "noted", "explained", "commented", "stated", "according to",
  "afirmó", "dijo", "declaró", "señaló", "explicó", "comentó", "añadió", "agregó", "según",
  "a déclaré", "a affirmé", "a ajouté", "a expliqué", "explique", "souligne", "selon",
  "sagte", "erklärte", "betonte", "ergänzte", "so", "laut",
};

/* A letter, digit or _ at @p (the patterns' \w), ASCII without a call. */
static inline gboolean
is_word_char_at (const char *p)
{
  guchar c = *p;

  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  return g_unichar_isalnum (g_utf8_get_char (p));
}
/* The same, matching only where the search starts ("\\G": PCRE's JIT does
 * not take G_REGEX_MATCH_ANCHORED). */
static GRegex *anchored[N_RES];

static void
ensure_regexes (void)
{
  static gsize init = 0;

  if (!g_once_init_enter (&init))
    return;

  /* "said Carl Eschenbach, co-CEO, Workday": tried where one of the
   * verbs is (said_in_line()), anchored. */
  {
    g_autoptr(GString) verbs = g_string_new (NULL);
    g_autofree char *pattern = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (said_verbs); i++)
      g_string_append_printf (verbs, "%s%s", i > 0 ? "|" : "", said_verbs[i]);
    pattern = g_strdup_printf ("\\G(?:%s)\\s+"
                               "((?:Dr\\.|Mr\\.|Ms\\.|Prof\\.)?\\s?" NAME_WORD "(?:\\s+" NAME_WORD "){1,3})"
                               ",\\s+((?:the\\s+)?[^.;\"“”]{2,90}?)(?=\\.(?:\\s|$)|\\.(?=\\p{Lu}\\p{Ll})|\\.(?=[\"“”])|\\s+at the\\s+\\p{Ll}|;|\"|“|”|$)",
                               verbs->str);
    res[RE_SAID_PERSON] = pr_extract_compile (pattern);
  }
  /* Runs of capitalised words, honorifics apart (group 1). */
  res[RE_NAME] = pr_extract_compile ("(?<![\\p{L}\\p{M}\\p{N}.@_/-])(" HONORIFIC "*)(" NAME_RUN ")");
  res[RE_POSTNOMINAL] = pr_extract_compile (PR_EXTRACT_POSTNOMINAL);
  /* After a name: ", CEO of Acme" */
  res[RE_R_ROLE] = pr_extract_compile (",[ \\t]+(?!(?:along|together|as well|including|and|with|who|which|where|while|but|or|y|et|und)\\b)((?:the |a |an |el |la |le |der |die )?[^,;.\"“”()]{0,30}?" ROLE_WORDS
                                       "[^,;\"“”()]{0,100}?)" ROLE_END);
  /* "Jane Doe said", "Jane Doe, who …, said" is too far */
  res[RE_R_SPEECH] = pr_extract_compile (",?[ \\t]+" SPEECH_VERBS "\\b");
  /* "Jane Doe – President of Acme", "Jane Doe - Director" */
  res[RE_R_DASH] = pr_extract_compile ("[ \\t]+[–—-][ \\t]+([^,;.\"“”()]{0,40}?" ROLE_WORDS "[^,;\"“”()]{0,100}?)"
                                       "(?=,|;|\\.(?:\\s|$)|\\s[–—]\\s|$)");
  /* "Jane Doe (CEO)" */
  res[RE_R_PAREN] = pr_extract_compile ("[ \\t]*[(（]([^()（）]{0,40}?" ROLE_WORDS "[^()（）]{0,60})[)）]");
  /* "Jane Doe is the founder of Acme" */
  res[RE_R_IS] = pr_extract_compile ("[ \\t]+(?:is|was|serves as|will serve as|ist|war|est|était|es|fue)[ \\t]+"
                                     "(?:(?:the|a|an|der|die|das|ein|eine|le|la|un|une|el|una)[ \\t]+)?"
                                     "((?:[\\p{L}\\p{M}'’&-]+,?[ \\t]+){0,3}?" ROLE_WORDS "[^.;\"“”()]{0,80}?)"
                                     "(?=[.;](?:\\s|$)|,[ \\t]+(?:who|which|where|and he|and she|qui|quien|der|die)\\b|$)");
  /* After an appointed name: "as Chief Operating Officer", "zur Geschäftsführerin" */
  res[RE_R_APPOINTED_ROLE] = pr_extract_compile ("[ \\t]+(?:(?:as|to|to the (?:role|position|post) of|zum|zur|als|comme|au poste de|en tant que|"
                                                 "como|para el cargo de)[ \\t]+)?(?:(?:the|its|our|new|el|la|le|der|die|den)[ \\t]+)?"
                                                 "([^,;.()\"“”]{0,40}?" ROLE_WORDS "[^,;.()\"“”]{0,60}?)"
                                                 "(?=[,;.()\"“”]|[ \\t]+(?:effective|starting|beginning|with|and|who|after|to lead|ab|mit|à compter|"
                                                 "con efecto|a partir|et|y|und)\\b|$)");
  /* Quote attributions: "… our customers.” — Jane Doe" or a line of its own. */
  res[RE_L_QUOTE] = pr_extract_compile ("(?:[\"”»“]|^)[ \\t]*[–—-]{1,2}[ \\t]*$");
  /* Technical sheets and credits: "Jane Doe - President", "President: Jane Doe" */
  res[RE_LIST_DASH] = pr_extract_compile ("^[ \\t]*(?:[-•*·][ \\t]+)?(" HONORIFIC "*" NAME_RUN ")[ \\t]+[–—-][ \\t]+([^.!?:]{2,80}?)[ \\t]*$");
  res[RE_LIST_COLON] = pr_extract_compile ("^[ \\t]*(?:[-•*·][ \\t]+)?([^:.!?]{0,40}?" ROLE_WORDS "[^:.!?]{0,40}?)[ \\t]*[:：][ \\t]*"
                                           "(" HONORIFIC "*" NAME_RUN ")[ \\t]*$");
  /* "comedians – including Jane Doe, John Roe and Ann Poe" */
  res[RE_ENUM_BEFORE] = pr_extract_compile ("(?i)\\b(?:comedians|speakers|panel+ists|artists|actors|actresses|musicians|singers|athletes|"
                                            "players|winners|laureates|honou?rees|awardees|recipients|finalists|judges|executives|guests|"
                                            "celebrities|authors|writers|designers|architects|scientists|researchers|founders|experts|"
                                            "officials|ministers|hosts|presenters|performers|ponentes|oradores|invitados|ganadores|"
                                            "premiados|artistas|intervenants|lauréats|invités|redner(?:innen)?|gewinner(?:innen)?|"
                                            "preisträger(?:innen)?)\\b[^.;:!?]{0,40}?(?:\\b(?:including|include|includes|such as|are|were|"
                                            "incluyen|como|dont|darunter|sind|waren)\\b|[:–—])"
                                            "(?:[ \\t]*(?:[–—:-]|\\b(?:including|such as|like|incluyendo|dont|darunter)\\b))*[ \\t]*");
  {
    g_autofree char *at_end = g_strconcat (g_regex_get_pattern (res[RE_ENUM_BEFORE]), "$", NULL);

    res[RE_L_ENUM] = pr_extract_compile (at_end);
  }
  /* "Jane Doe (USA) and John Roe (UK) were announced as the winners" */
  res[RE_ENUM_AFTER] = pr_extract_compile ("[ \\t]+(?:were|are|have been|will be|wurden|sont|ont été|fueron|son)[ \\t]+"
                                           "(?:\\p{Ll}+[ \\t]+){0,3}?(?:winners?|laureates?|recipients?|honou?rees|awardees|finalists|"
                                           "awarded|honou?red|named|appointed|elected|selected|inducted|recogni[sz]ed|gewählt|ernannt|"
                                           "ausgezeichnet|nommés|élus|récompensés|nombrados|galardonados|premiados|elegidos)\\b");
  /* "X公司首席执行官张三表示", "首席执行官 James Li 评论道" */
  res[RE_ZH_SAID] = pr_extract_compile ("(" ZH_ROLE ")[ \\t]*"
                                        "(\\p{Han}{2,4}?|\\p{Lu}\\p{Ll}+(?:[ \\t]+\\p{Lu}\\p{Ll}+){1,2})[ \\t]*" ZH_SAID);
  /* "张三（首席执行官）" */
  res[RE_ZH_PAREN] = pr_extract_compile ("\\G[（(]([^）)]{0,30}?" ZH_ROLE "[^）)]{0,30})[）)]");
  for (guint i = 0; i < N_RES; i++)
    if (i == RE_NAME || i == RE_POSTNOMINAL || i == RE_ENUM_AFTER || i == RE_ZH_PAREN ||
        (i >= RE_R_ROLE && i <= RE_R_APPOINTED_ROLE))
      {
        g_autofree char *pattern = g_strconcat ("\\G(?:", g_regex_get_pattern (res[i]), ")", NULL);

        anchored[i] = pr_extract_compile (pattern);
      }

  g_once_init_leave (&init, 1);
}

typedef struct {
  GPtrArray  *people;
  GHashTable *index;  /* casefolded name → PrEntity */
  GHashTable *names;  /* run of words → pr_extract_clean_name() of it, "" for none */
} People;

/* pr_extract_clean_name(), once per run of words: names recur through a release. */
static char *
cached_clean_name (People     *p,
                   const char *raw)
{
  const char *clean = g_hash_table_lookup (p->names, raw);

  if (clean == NULL)
    {
      char *made = pr_extract_clean_name (raw);

      clean = made != NULL ? made : g_strdup ("");
      g_hash_table_insert (p->names, g_strdup (raw), (gpointer) clean);
    }
  return *clean ? g_strdup (clean) : NULL;
}

static void
add_clean_person (People     *p,
                  const char *name,
                  const char *raw_role)
{
  g_autofree char *role = raw_role != NULL ? pr_extract_clean_role (raw_role) : NULL;
  g_autofree char *key = g_utf8_casefold (name, -1);
  PrEntity *existing = g_hash_table_lookup (p->index, key);

  if (existing != NULL)
    {
      /* "Kengo Kuma" rather than "Kengo KUMA" when the release has both. */
      if (pr_extract_has_caps_word (pr_entity_get_name (existing)) && !pr_extract_has_caps_word (name))
        {
          PrEntity *better = pr_entity_new (PR_ENTITY_PERSON, name,
                                            pr_entity_get_detail (existing) != NULL
                                            ? pr_entity_get_detail (existing) : role);
          guint at;

          g_ptr_array_find (p->people, existing, &at);
          g_hash_table_insert (p->index, g_strdup (key), better);
          p->people->pdata[at] = better;
          g_object_unref (existing);
          return;
        }
      if (pr_entity_get_detail (existing) == NULL && role != NULL)
        pr_entity_set_detail (existing, role);
      return;
    }

  existing = pr_entity_new (PR_ENTITY_PERSON, name, role);
  g_ptr_array_add (p->people, existing);
  g_hash_table_insert (p->index, g_steal_pointer (&key), existing);
}

static gboolean
add_person (People     *p,
            const char *raw_name,
            const char *raw_role)
{
  g_autofree char *name = pr_extract_clean_name (raw_name);

  if (name == NULL)
    return FALSE;
  add_clean_person (p, name, raw_role);
  return TRUE;
}

/* Matches @re anchored at @pos of @line; the group 1 text, or "" when the
 * pattern has none, or NULL. */
static char *
match_at (Re          re,
          const char *line,
          gsize       len,
          gsize       pos,
          int        *end)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (!g_regex_match_full (anchored[re], line, len, pos, 0, &info, NULL))
    return NULL;
  if (end != NULL)
    g_match_info_fetch_pos (info, 0, NULL, end);
  if (g_match_info_get_match_count (info) > 1)
    return g_match_info_fetch (info, 1);
  return g_strdup ("");
}

/* Whether @re matches the text just before @pos (patterns end in "$"). */
static gboolean
match_before (Re          re,
              const char *line,
              gsize       pos)
{
  gsize from = pos > 96 ? pos - 96 : 0;

  while (from > 0 && (line[from] & 0xC0) == 0x80)
    from++;
  return g_regex_match_full (res[re], line + from, pos - from, 0, 0, NULL, NULL);
}

static gboolean
is_clause_break (const char *p)
{
  return strchr (",.;:!?\"", *p) != NULL || g_str_has_prefix (p, "“") || g_str_has_prefix (p, "”") ||
         g_str_has_prefix (p, "«") || g_str_has_prefix (p, "»") || g_str_has_prefix (p, "–") ||
         g_str_has_prefix (p, "—");
}

/* "CEO Jane Doe", "Bolt's CEO Jane Doe", "the renowned designer Jane Doe":
 * the role written just before a name, or NULL. */
static char *
role_before (const char *line,
             gsize       pos)
{
  const char *end = line + pos;
  const char *p = end;
  const char *start;
  guint words = 0;
  gboolean first = TRUE;
  static const char * const joiners[] = { "of", "for", "and", "at", "de", "del", "du", "des", "von", "der", "&", "y", "et", NULL };
  static const char * const articles[] = { "the", "a", "an", "el", "la", "le", "der", "die", "its", "our", "their", NULL };

  while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
    p--;
  start = p;
  while (p > line && words < 8)
    {
      const char *w_end = p, *w = p;
      g_autofree char *word = NULL;

      while (w > line && w[-1] != ' ' && w[-1] != '\t')
        w--;
      word = g_strndup (w, w_end - w);
      if (*word == '\0' || is_clause_break (word + strlen (word) - 1) ||
          (word[0] != '\0' && is_clause_break (g_utf8_offset_to_pointer (word, g_utf8_strlen (word, -1) - 1))))
        break;
      if (first)
        {
          if (!pr_extract_is_role_token (word))
            return NULL;
          first = FALSE;
        }
      else if (g_strv_contains (articles, word))
        break;
      else if (!(g_unichar_isupper (g_utf8_get_char (word)) || pr_extract_is_role_token (word) ||
                 g_strv_contains (joiners, word)))
        {
          /* "the renowned designer": one adjective after an article */
          const char *q = w;
          g_autofree char *prev = NULL;
          const char *pw;

          while (q > line && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
          pw = q;
          while (pw > line && pw[-1] != ' ' && pw[-1] != '\t')
            pw--;
          prev = g_strndup (pw, q - pw);
          if (g_strv_contains (articles, prev))
            start = w;
          break;
        }
      start = w;
      words++;
      p = w;
      while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
        p--;
    }
  if (first)
    return NULL;
  /* Not "of Acme CEO": a role does not start with a joiner. */
  while (TRUE)
    {
      const char *space = memchr (start, ' ', end - start);
      g_autofree char *word = space ? g_strndup (start, space - start) : NULL;

      if (word == NULL || !g_strv_contains (joiners, word))
        break;
      start = space + 1;
    }
  return g_strndup (start, end - start);
}

/* "Chief Executive Officer of Acme, Jane Doe says": the clause before the
 * comma before a name, if it holds a role. */
static char *
role_clause_before (const char *line,
                    gsize       pos)
{
  static GRegex *role_re, *lead_re;
  const char *p = line + pos;
  const char *end, *start;
  g_autofree char *clause = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  guint words = 0;

  if (g_once_init_enter (&role_re))
    {
      lead_re = pr_extract_compile ("^(?:.*\\b" SPEECH_VERBS "[ \\t]+)?(?:(?:the|el|la|le|der|die|l’|l')[ \\t]*)?");
      g_once_init_leave (&role_re, pr_extract_compile (ROLE_WORDS));
    }
  while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
    p--;
  if (p == line || p[-1] != ',')
    return NULL;
  end = --p;
  while (p > line && !is_clause_break (p - 1) &&
         !((guchar) p[-1] >= 0x80 && (p - line) >= 3 && is_clause_break (p - 3)))
    {
      if (*p == ' ')
        words++;
      p--;
    }
  if (words > 14)
    return NULL;
  start = p;
  clause = g_strndup (start, end - start);
  g_strstrip (clause);
  if (!g_regex_match (role_re, clause, 0, NULL))
    return NULL;
  if (g_regex_match (lead_re, clause, 0, &info))
    {
      int e;

      g_match_info_fetch_pos (info, 0, NULL, &e);
      memmove (clause, clause + e, strlen (clause + e) + 1);
    }
  if (!g_regex_match (role_re, clause, 0, NULL))
    return NULL;
  return g_steal_pointer (&clause);
}

static guint name_list (People     *p,
                        const char *line,
                        gsize       len,
                        gsize       pos,
                        gboolean    add,
                        gsize      *stop);

/* The @n-th word before @pos (0: the one just before), lower case, or "". */
static char *
word_before (const char *line,
             gsize       pos,
             guint       n)
{
  const char *p = line + pos;

  for (guint i = 0; ; i++)
    {
      const char *end, *w;

      while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
        p--;
      end = p;
      while (p > line && p[-1] != ' ' && p[-1] != '\t')
        p--;
      w = p;
      if (i == n)
        return g_utf8_strdown (w, end - w);
      if (p == line)
        return g_strdup ("");
    }
}

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  return g_strv_contains (list, word);
}

/* "said Jane Doe", "according to Jane Doe", "selon Jean Dupont" */
static gboolean
speech_before (const char *line,
               gsize       pos)
{
  static const char * const verbs[] = {
    "said", "says", "stated", "added", "noted", "explained", "commented", "remarked", "told",
    "declared", "continued", "concluded", "exclaims", "dijo", "afirmó", "declaró", "señaló", "explicó",
    "comentó", "añadió", "agregó", "destacó", "indicó", "aseguró", "subrayó", "según", "sagte", "sagt",
    "erklärte", "betonte", "ergänzte", "so", "laut", "déclaré", "affirmé", "ajouté", "expliqué",
    "souligné", "précisé", "déclare", "explique", "souligne", "affirme", "ajoute", "précise", "selon", NULL,
  };
  static const char * const articles[] = { "the", "la", "el", "le", "der", "die", NULL };
  g_autofree char *w = word_before (line, pos, 0);
  guint skip = 0;

  if (in_list (w, articles))
    {
      g_free (w);
      w = word_before (line, pos, ++skip);
    }
  if (in_list (w, verbs))
    return TRUE;
  if (strcmp (w, "to") == 0)
    {
      g_autofree char *w2 = word_before (line, pos, skip + 1);

      return strcmp (w2, "according") == 0;
    }
  return FALSE;
}

/* "appoints Jane Doe", "the appointment of Sydney-based Jane Doe",
 * "ernennt Jane Doe", "nomme Jean Dupont", "nombra a Juan Pérez" */
static gboolean
appointment_before (const char *line,
                    gsize       pos)
{
  static const char * const verbs[] = {
    "appoints", "appointed", "names", "named", "nominates", "nominated", "promotes", "promoted",
    "hires", "hired", "elects", "elected", "welcomes", "welcomed", "ernennt", "ernannte", "beruft",
    "berief", "nomme", "nommé", "nombra", "nombró", "designa", "designó", NULL,
  };
  static const char * const nouns[] = {
    "appointment", "promotion", "hiring", "election", "nomination", "nombramiento", "ernennung", NULL,
  };
  g_autofree char *w = word_before (line, pos, 0);
  guint skip = 0;

  if (g_str_has_suffix (w, "-based"))
    {
      g_free (w);
      w = word_before (line, pos, ++skip);
    }
  if (in_list (w, verbs))
    return TRUE;
  if (strcmp (w, "of") == 0 || strcmp (w, "de") == 0 || strcmp (w, "von") == 0 || strcmp (w, "a") == 0)
    {
      g_autofree char *w2 = word_before (line, pos, skip + 1);

      return in_list (w2, nouns) || (strcmp (w, "a") == 0 && in_list (w2, verbs));
    }
  return FALSE;
}

/* "… including Jane Doe", "… such as Jane Doe" */
static gboolean
enum_word_before (const char *line,
                  gsize       pos)
{
  static const char * const words[] = {
    "including", "include", "includes", "as", "like", "are", "were", "incluyen", "como", "dont",
    "darunter", "sind", "waren", NULL,
  };
  g_autofree char *w = word_before (line, pos, 0);

  return in_list (w, words);
}

/* "awarded to Jane Doe", "honours Jane Doe" */
static gboolean
award_before (const char *line,
              gsize       pos)
{
  static const char * const verbs[] = {
    "honours", "honors", "honoured", "honored", "celebrates", "congratulates", "recognises",
    "recognizes", NULL,
  };
  static const char * const given[] = {
    "awarded", "presented", "given", "goes", "went", "décerné", "décernée", "remis", "remise",
    "otorgado", "otorgada", "entregado", "entregada", "verliehen", NULL,
  };
  g_autofree char *w = word_before (line, pos, 0);

  if (in_list (w, verbs))
    return TRUE;
  if (strcmp (w, "to") == 0 || strcmp (w, "à") == 0 || strcmp (w, "a") == 0 || strcmp (w, "an") == 0)
    {
      g_autofree char *w2 = word_before (line, pos, 1);

      return in_list (w2, given);
    }
  return FALSE;
}

/* One run of name words in @line at [@s, @e) (@hs: where honorifics
 * before it start): a person if something next to it says so. */
static gboolean
consider (People     *p,
          const char *line,
          gsize       len,
          gsize       hs,
          gsize       s,
          gsize       e)
{
  g_autofree char *raw = g_strndup (line + hs, e - hs);
  g_autofree char *name = cached_clean_name (p, raw);
  g_autofree char *role = NULL;
  gsize after = e;
  gboolean person = FALSE;
  gboolean after_word, after_dash;
  char c, next;
  gsize skip_sp = 0;
  int end;

  (void) s;
  if (name == NULL)
    return FALSE;
  /* Known with a role already: nothing more to learn here. */
  {
    g_autofree char *key = g_utf8_casefold (name, -1);
    PrEntity *known = g_hash_table_lookup (p->index, key);

    if (known != NULL && pr_entity_get_detail (known) != NULL && !pr_extract_has_caps_word (name))
      return TRUE;
  }
  /* "Head of Sales of Acme", "CUBO+ de San Salvador": a run after "of"
   * continues another name. */
  {
    static const char * const joiners[] = { "of", "for", "at", "de", "del", "des", "du", "von", "für", "d’", NULL };
    const char *q = line + hs;
    const char *w;
    g_autofree char *word = NULL;

    while (q > line && (q[-1] == ' ' || q[-1] == '\t'))
      q--;
    for (w = q; w > line && w[-1] != ' ' && w[-1] != '\t'; w--)
      ;
    word = g_strndup (w, q - w);
    if (hs == s && g_strv_contains (joiners, word) && !appointment_before (line, hs))
      return FALSE;
  }

  /* Past a possessive and degrees: "Jane Doe MA, PMP, Director" */
  if (g_str_has_prefix (line + after, "’s"))
    after += strlen ("’s");
  else if (g_str_has_prefix (line + after, "'s"))
    after += 2;
  if ((line[after] == ',' || line[after] == ' ') && after + 2 < len &&
      g_ascii_isupper (line[after + (line[after + 1] == ' ' ? 2 : 1)]))
    {
      g_autofree char *m = match_at (RE_POSTNOMINAL, line, len, after, &end);

      if (m != NULL)
        after = end;
    }
  c = line[after];
  if (c == ' ')
    while (after + skip_sp < len && line[after + skip_sp] == ' ')
      skip_sp++;
  next = line[after + skip_sp];

  /* Cheap looks at the next bytes first: most runs have none of these. */
  if ((c == ',' && (role = match_at (RE_R_ROLE, line, len, after, NULL)) != NULL) ||
      (c == ' ' && (next == '-' || (guchar) next == 0xE2) && (role = match_at (RE_R_DASH, line, len, after, NULL)) != NULL) ||
      ((next == '(' || (guchar) next == 0xEF) && (role = match_at (RE_R_PAREN, line, len, after, NULL)) != NULL))
    person = TRUE;
  /* The patterns on the text before a name need a word or a dash there. */
  {
    gsize b = hs;

    while (b > 0 && (line[b - 1] == ' ' || line[b - 1] == '\t'))
      b--;
    after_word = b > 0 && b < hs && (g_ascii_isalpha (line[b - 1]) || (guchar) line[b - 1] >= 0x80);
    after_dash = b > 0 && (line[b - 1] == '-' || ((guchar) line[b - 1] >= 0x80 && b >= 3 &&
                                                  (memcmp (line + b - 3, "–", 3) == 0 || memcmp (line + b - 3, "—", 3) == 0)));
  }
  if (after_word && appointment_before (line, hs))
    {
      person = TRUE;
      if (role == NULL)
        role = match_at (RE_R_APPOINTED_ROLE, line, len, after, NULL);
    }
  if (role == NULL && (role = role_before (line, hs)) != NULL)
    person = TRUE;
  if (!person)
    {
      g_autofree char *speech = (c == ',' || c == ' ') && !g_ascii_isupper (next)
                                ? match_at (RE_R_SPEECH, line, len, after, NULL) : NULL;
      g_autofree char *clause = role_clause_before (line, hs);

      if (clause != NULL && (speech != NULL || line[after] == ',' || line[after] == '.' || after == len))
        {
          person = TRUE;
          role = g_steal_pointer (&clause);
        }
      else if (speech != NULL || (after_word && (speech_before (line, hs) || award_before (line, hs))) ||
               (after_dash && match_before (RE_L_QUOTE, line, hs)))
        person = TRUE;
      else if (after_dash || (hs > 0 && line[hs - 1] == ':') || (hs > 1 && line[hs - 2] == ':') ||
               (after_word && enum_word_before (line, hs)))
        {
          gsize stop;

          /* "comedians including Jane Doe, John Roe and …" */
          if (match_before (RE_L_ENUM, line, hs) && name_list (p, line, len, hs, FALSE, &stop) >= 2)
            name_list (p, line, len, hs, TRUE, &stop);
        }
    }
  if (!person && c == ' ' && strchr ("iwsef", next) != NULL && next != '\0' &&
      (role = match_at (RE_R_IS, line, len, after, NULL)) != NULL)
    person = TRUE;

  if (person)
    add_clean_person (p, name, role);
  return TRUE;
}

/* Every run of name words in a line, each weighed by consider(); how
 * many read as names. */
static guint
people_from_runs (People     *p,
                  const char *line,
                  gsize       len)
{
  gsize from = 0;
  guint names_found = 0;

  while ((from = pr_extract_next_run (line, len, from)) < len)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int hs, he, rs, re;
      const char *q;
      gsize run_start = 0, run_end = 0;
      guint names = 0;
      gboolean in_run = FALSE;

      if (!g_regex_match_full (anchored[RE_NAME], line, len, from, 0, &info, NULL))
        {
          from++;
          continue;
        }

      g_match_info_fetch_pos (info, 1, &hs, &he);
      g_match_info_fetch_pos (info, 2, &rs, &re);
      /* Split the words at those that are no part of a name. */
      for (q = line + rs; q <= line + re; )
        {
          const char *w = q;
          g_autofree char *word = NULL;
          PrNameToken kind;
          gsize wl;

          while (q < line + re && *q != ' ' && *q != '\t')
            q++;
          word = g_strndup (w, q - w);
          wl = strlen (word);
          if (wl > 0 && word[wl - 1] == ',')
            word[wl - 1] = '\0';
          kind = *word ? pr_extract_classify_word (word) : PR_TOKEN_OTHER;
          /* A possessive ends a name: "Kikuo Ibe’s" */
          if (kind == PR_TOKEN_OTHER && (g_str_has_suffix (word, "’s") || g_str_has_suffix (word, "'s")) &&
              !strchr (word, '-'))
            {
              if (!in_run)
                run_start = w - line;
              in_run = TRUE;
              names++;
              run_end = q - line - (g_str_has_suffix (word, "’s") ? strlen ("’s") : 2);
              kind = PR_TOKEN_OTHER;
              word[0] = '\0';
            }
          else if (kind == PR_TOKEN_NAME || kind == PR_TOKEN_SUFFIX ||
                   (kind == PR_TOKEN_PARTICLE && in_run))
            {
              if (!in_run)
                run_start = w - line;
              in_run = TRUE;
              if (kind == PR_TOKEN_NAME)
                names++;
              if (kind != PR_TOKEN_PARTICLE)
                run_end = q - line - (word[0] && w[q - w - 1] == ',' ? 1 : 0);
              if (q < line + re)
                {
                  q++;
                  continue;
                }
            }
          if (in_run && names >= 2)
            names_found += consider (p, line, len, run_start == (gsize) rs && he > hs ? (gsize) hs : run_start,
                      run_start, run_end);
          in_run = FALSE;
          names = 0;
          if (q >= line + re)
            break;
          q++;
        }
      from = re > (int) from ? (gsize) re : from + 1;
    }
  return names_found;
}

/* "Jane Doe - President" lines in a list of such lines. */
static gboolean
list_dash (const char *line,
           char      **name,
           char      **role)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (strlen (line) > 120 || !g_regex_match (res[RE_LIST_DASH], line, 0, &info))
    return FALSE;
  *name = g_match_info_fetch (info, 1);
  *role = g_match_info_fetch (info, 2);
  return TRUE;
}

static void
people_from_lists (People      *p,
                   char       **lines,
                   const guint8 *skip)
{
  static GRegex *role_re;
  guint n = g_strv_length (lines);
  g_autofree guint8 *dash = g_new0 (guint8, n + 1);

  if (g_once_init_enter (&role_re))
    g_once_init_leave (&role_re, pr_extract_compile (ROLE_WORDS));

  for (guint l = 0; l < n; l++)
    {
      g_autofree char *name = NULL, *role = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      gsize len = strlen (lines[l]);

      if (skip[l] || len > 120 || len < 5)
        continue;
      if (list_dash (lines[l], &name, &role))
        {
          g_autofree char *clean = pr_extract_clean_name (name);

          dash[l] = clean != NULL ? 1 : 0;
          /* Alone, the line needs a role word: "Jane Doe - President". */
          if (clean != NULL && g_regex_match (role_re, role, 0, NULL))
            add_clean_person (p, clean, role);
        }
      else if (memchr (lines[l], ':', len) != NULL || strstr (lines[l], "：") != NULL)
        {
          if (g_regex_match (res[RE_LIST_COLON], lines[l], 0, &info))
            {
              g_autofree char *r = g_match_info_fetch (info, 1);
              g_autofree char *nm = g_match_info_fetch (info, 2);

              add_person (p, nm, r);
            }
        }
    }
  /* Two list lines in a row are a list of people with what they do. */
  for (guint l = 0; l < n; l++)
    {
      gboolean next = (l + 1 < n && dash[l + 1]) || (l > 0 && dash[l - 1]);

      if (dash[l] && next)
        {
          g_autofree char *name = NULL, *role = NULL;

          if (list_dash (lines[l], &name, &role))
            add_person (p, name, role);
        }
    }
}

/* A list of names from @pos: "Jane Doe, John Roe and Ann Poe",
 * "Jane Doe (USA), John Roe (UK)", "Jane DOE, Best Award; John ROE, …".
 * Returns how many, adding them if @add; *@stop is where the list ends. */
static guint
name_list (People     *p,
           const char *line,
           gsize       len,
           gsize       pos,
           gboolean    add,
           gsize      *stop)
{
  static GRegex *sep_re, *paren_re;
  guint count = 0;

  if (g_once_init_enter (&sep_re))
    {
      paren_re = pr_extract_compile ("\\G[ \\t]*\\([^()]{1,40}\\)");
      g_once_init_leave (&sep_re, pr_extract_compile ("\\G(?:,?[ \\t]+(?:and|y|et|und|&)[ \\t]+|[,;][ \\t]*(?:and[ \\t]+)?)"));
    }
  *stop = pos;
  while (count < 30 && pos < len)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autoptr(GMatchInfo) more = NULL;
      g_autofree char *name = NULL;
      g_autofree char *clean = NULL;
      g_autofree char *next = NULL;
      int e;

      while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
        pos++;
      if (!g_regex_match_full (anchored[RE_NAME], line, len, pos, 0, &info, NULL))
        break;
      name = g_match_info_fetch (info, 0);
      g_match_info_fetch_pos (info, 0, NULL, &e);
      clean = cached_clean_name (p, name);
      if (clean == NULL)
        break;
      count++;
      if (add)
        add_clean_person (p, clean, NULL);
      pos = e;
      *stop = pos;
      g_clear_pointer (&info, g_match_info_free);
      /* "(USA)" after a name */
      if (g_regex_match_full (paren_re, line, len, pos, 0, &info, NULL))
        {
          g_match_info_fetch_pos (info, 0, NULL, &e);
          pos = e;
          *stop = pos;
        }
      g_clear_pointer (&info, g_match_info_free);
      if (g_regex_match_full (sep_re, line, len, pos, 0, &info, NULL))
        {
          g_match_info_fetch_pos (info, 0, NULL, &e);
          pos = e;
        }
      else
        break;
      /* "Jane DOE, Best Design Award; John ROE, …": on to the next ";" */
      if (g_regex_match_full (anchored[RE_NAME], line, len, pos, 0, &more, NULL))
        {
          g_autofree char *next_clean = NULL;

          next = g_match_info_fetch (more, 0);
          next_clean = cached_clean_name (p, next);
          if (next_clean != NULL)
            continue;
        }
      {
        const char *semi = memchr (line + pos, ';', len - pos);
        const char *dot = memchr (line + pos, '.', len - pos);

        if (semi == NULL || (dot != NULL && dot < semi))
          break;
        pos = semi - line + 1;
        while (pos < len && line[pos] == ' ')
          pos++;
        if (g_str_has_prefix (line + pos, "and "))
          pos += 4;
      }
    }
  return count;
}

static void
people_from_enumerations (People     *p,
                          const char *line,
                          gsize       len)
{
  static const char * const verbs[] = { " were ", " are ", " have been ", " will be ", " wurden ", " sont ", " ont été ", " fueron ", " son " };

  for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
    for (const char *hit = strstr (line, verbs[v]); hit != NULL; hit = strstr (hit + 1, verbs[v]))
      {
        gsize at = hit - line;
        gsize from, stop;
        g_autofree char *m = match_at (RE_ENUM_AFTER, line, len, at, NULL);

        if (m == NULL)
          continue;
        /* The list starts the sentence. */
        for (from = at; from > 0; from--)
          if ((line[from - 1] == '.' || line[from - 1] == ';') && (from >= len || line[from] == ' '))
            break;
        if (name_list (p, line, len, from, FALSE, &stop) >= 2 && stop + 2 >= at)
          name_list (p, line, len, from, TRUE, &stop);
      }
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* "X公司首席执行官张三表示", "首席执行官 James Li 评论道", "张三（董事长）" */
static void
people_zh (People     *p,
           const char *line,
           gsize       len)
{
  static const char stops[] = "，。：；、“”《》（）()";
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match_full (res[RE_ZH_SAID], line, len, 0, 0, &info, NULL);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *name = g_match_info_fetch (info, 2);
      g_autofree char *role = NULL;
      const char *start;
      int s, e;
      guint n = 0;

      /* The role with what comes before it: "X公司首席执行官", "GDMining 首席执行官" */
      g_match_info_fetch_pos (info, 1, &s, &e);
      start = line + s;
      while (start > line && (start[-1] == ' ' || start[-1] == '\t'))
        start--;
      while (start > line && n < 20)
        {
          const char *prev = g_utf8_find_prev_char (line, start);
          gunichar c = g_utf8_get_char (prev);

          if (g_unichar_isspace (c) || (c < 0x80 ? strchr ("(),.:;", (int) c) != NULL
                                                 : g_utf8_strchr (stops, -1, c) != NULL))
            break;
          start = prev;
          n++;
        }
      role = g_strndup (start, line + e - start);
      g_strstrip (role);
      if (g_unichar_isupper (g_utf8_get_char (name)))
        add_person (p, name, role);
      else
        add_clean_person (p, name, role);
    }

  /* "张三（董事长）": at each bracket, two or three Han characters before it. */
  for (const char *q = line; (q = strpbrk (q, "(\xef")) != NULL; q++)
    {
      g_autofree char *role = NULL;
      const char *end = q, *start;
      guint n = 0;

      if (*q != '(' && !g_str_has_prefix (q, "（"))
        continue;
      role = match_at (RE_ZH_PAREN, line, len, q - line, NULL);
      if (role == NULL)
        continue;
      while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      start = end;
      while (start > line && n < 4)
        {
          const char *prev = g_utf8_find_prev_char (line, start);

          if (!is_han (g_utf8_get_char (prev)))
            break;
          start = prev;
          n++;
        }
      if (n >= 2 && n <= 3)
        {
          g_autofree char *name = g_strndup (start, end - start);

          add_clean_person (p, name, role);
        }
    }
}

static gboolean
has_cjk (const char *line,
         gsize       len)
{
  gsize i = 0;

  /* Eight bytes at a time past ASCII, which most lines are. */
  for (; i + 8 <= len; i += 8)
    {
      guint64 chunk;

      memcpy (&chunk, line + i, sizeof chunk);
      if (chunk & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i + 2 < len; i++)
    if ((guchar) line[i] >= 0xE3 && (guchar) line[i] <= 0xE9)
      return TRUE;
  return FALSE;
}

/* Whether a line may attribute a quotation: it has quotation marks, or
 * "according to" in one of the languages. The pattern is costly on
 * every line with a comma. */
static gboolean
may_attribute (const char *line)
{
  static const char * const words[] = { "according to", "según", "selon", "laut" };

  /* The marks first, one pass: " and the first bytes of “ ” „ « ». */
  for (const char *q = strpbrk (line, "\"\xC2\xE2"); q != NULL; q = strpbrk (q + 1, "\"\xC2\xE2"))
    if (*q == '"' || g_str_has_prefix (q, "“") || g_str_has_prefix (q, "”") || g_str_has_prefix (q, "„") ||
        g_str_has_prefix (q, "«") || g_str_has_prefix (q, "»"))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (line, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "said Jane Doe, CEO of Acme": the pattern where one of the verbs
 * starts a word. Searching every position with it cost a fifth of the
 * people. */
static void
said_in_line (People     *p,
              const char *line)
{
  gsize len = strlen (line), next = 0;

  /* The speaker's name starts with a capital after a space, and the
   * verb ends just before them: only there is the pattern tried. */
  for (gsize i = pr_extract_next_capital (line, len, 0); i < len; i = pr_extract_next_capital (line, len, i + 1))
    {
      gsize e = i;

      if (i == 0 || !g_ascii_isspace (line[i - 1]))
        continue;
      while (e > 0 && g_ascii_isspace (line[e - 1]))
        e--;
      for (guint v = 0; v < G_N_ELEMENTS (said_verbs); v++)
        {
          gsize vl = strlen (said_verbs[v]);
          gsize offset = e - vl;
          g_autoptr(GMatchInfo) info = NULL;
          int end = 0;

          /* The pattern's \b: no letter, digit or _ before the verb. */
          if (e < vl || memcmp (line + offset, said_verbs[v], vl) != 0 ||
              (offset > 0 && is_word_char_at (g_utf8_find_prev_char (line, line + offset))))
            continue;
          if (offset >= next && g_regex_match_full (res[RE_SAID_PERSON], line, len, offset, 0, &info, NULL))
            {
              g_autofree char *name = g_match_info_fetch (info, 1);
              g_autofree char *role = g_match_info_fetch (info, 2);

              add_person (p, name, role);
              g_match_info_fetch_pos (info, 0, NULL, &end);
              next = end;
            }
          break;
        }
    }
}

GPtrArray *
pr_extract_people (const char *text)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  People p = { g_ptr_array_new_with_free_func (g_object_unref), index, names };
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);
  g_autofree guint8 *skip = NULL;

  ensure_regexes ();
  skip = pr_extract_mark_contacts (lines);

  /* "said Name, Role" first: the role runs on past a comma ("co-CEO,
   * Workday"). "Name, Role" needs no pass of its own: the runs below
   * find it, and a whole-line pattern for it cost 5% of the parse.
   * Title Case lines are headlines, and headlines are short. */
  for (guint l = 0; l < n_lines; l++)
    if (!skip[l] && strchr (lines[l], ',') != NULL && may_attribute (lines[l]) &&
        !(strnlen (lines[l], 300) < 300 && pr_extract_is_title_case (lines[l])))
      said_in_line (&p, lines[l]);

  /* Then every run of name words with something around it that makes it
   * a person, lists of people, and Chinese. */
  for (guint l = 0; l < n_lines; l++)
    {
      gsize len = strlen (lines[l]);

      if (skip[l] || len < 5)
        continue;
      if (people_from_runs (&p, lines[l], len) > 0)
        people_from_enumerations (&p, lines[l], len);
      if (has_cjk (lines[l], len))
        people_zh (&p, lines[l], len);
    }
  people_from_lists (&p, lines, skip);

  pr_extract_drop_fragments (p.people);
  pr_extract_prefer_mixed_case (p.people, text);
  return p.people;
}
