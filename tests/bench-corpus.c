/* bench-corpus.c: a deterministic synthetic corpus for build-aux/bench
 *
 * usage: bench-corpus N DIR
 *
 * Writes N releases as DIR/releases/NNN/NNNNNNN.txt (1–8 KB each) in the shapes the
 * parser reads: a headline, a dateline with a wire marker, paragraphs with
 * quotes ("…," said Name, Role of Org), an About section and a contact.
 * Wires, places, languages (en, de, fr, es, zh), organisations and people
 * are drawn from shared pools, words from a Zipf-like vocabulary, so that
 * facets, filters and searches have realistic selectivity. Also writes
 * DIR/queries.txt (200 mixed queries) and DIR/grep-words.txt (the plain
 * words among them). The same N always gives the same bytes. */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static const char * const syllables[] = {
  "an", "ber", "cal", "dor", "en", "fal", "gar", "hol", "in", "jun", "kel", "lian", "mor",
  "nor", "ol", "pra", "quin", "ros", "sun", "tur", "ul", "ven", "wes", "xan", "yun", "zer",
  "bi", "ca", "del", "fo", "gen", "ha", "ko", "la", "mi", "na", "po", "ri", "sa", "ta",
};

static const char * const common[] = {
  "the", "company", "today", "announced", "new", "market", "customers", "global", "growth",
  "solutions", "platform", "services", "partnership", "technology", "energy", "digital",
  "quarter", "revenue", "million", "industry", "leading", "innovation", "products", "data",
  "network", "health", "financial", "results", "launch", "agreement", "investment", "program",
  "and", "of", "to", "in", "for", "with", "on", "by", "its", "will", "has", "is", "are", "as",
  "round", "table", "turbine", "battery", "vaccine", "satellite", "harbor", "logistics",
};

static const char * const wires[][2] = {
  /* the marker as printed after the date, weight by position */
  { "/PRNewswire/ --", "en" },
  { "/PRNewswire/ --", "en" },
  { "/PRNewswire/ --", "en" },
  { "(BUSINESS WIRE) --", "en" },
  { "(BUSINESS WIRE) --", "en" },
  { "(GLOBE NEWSWIRE) --", "en" },
  { "/CNW/ --", "en" },
  { "(ACCESSWIRE) /", "en" },
  { "/EINPresswire.com/ --", "en" },
  { "- Media OutReach Newswire -", "en" },
};

static const struct {
  const char *city;
  const char *region;
} places[] = {
  { "NEW YORK", NULL }, { "LONDON", NULL }, { "SAN FRANCISCO", NULL }, { "CHICAGO", NULL },
  { "AUSTIN", "Texas" }, { "BOSTON", NULL }, { "TORONTO", NULL }, { "SINGAPORE", NULL },
  { "HONG KONG", NULL }, { "SYDNEY", NULL }, { "PARIS", NULL }, { "BERLIN", NULL },
  { "MUNICH", "Germany" }, { "ZURICH", "Switzerland" }, { "MADRID", NULL },
  { "SEATTLE", NULL }, { "DALLAS", NULL }, { "ATLANTA", NULL }, { "DENVER", NULL },
  { "MIAMI", NULL }, { "TOKYO", NULL }, { "SEOUL", NULL }, { "MUMBAI", "India" },
  { "LIANYUNGANG", "China" }, { "SHANGHAI", NULL }, { "VANCOUVER", "British Columbia" },
  { "STOCKHOLM", NULL }, { "DUBLIN", NULL }, { "AMSTERDAM", NULL }, { "MILAN", NULL },
  { "IRVINE", "Calif." }, { "PHOENIX", NULL }, { "HOUSTON", NULL }, { "RALEIGH", "N.C." },
  { "SPRINGFIELD", "Ill." }, { "CAMBRIDGE", "Mass." }, { "OSLO", NULL }, { "VIENNA", NULL },
};

static const char * const months_en[] = {
  "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};
static const char * const months_de[] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
  "Oktober", "November", "Dezember",
};
static const char * const months_fr[] = {
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
  "octobre", "novembre", "décembre",
};
static const char * const months_es[] = {
  "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
  "octubre", "noviembre", "diciembre",
};

static const char * const words_de[] = {
  "die", "der", "und", "das", "Unternehmen", "heute", "bekannt", "neue", "Kunden", "mit",
  "für", "auf", "eine", "Wachstum", "Lösungen", "Markt", "Energie", "Zukunft", "über", "wird",
};
static const char * const words_fr[] = {
  "le", "la", "les", "et", "des", "une", "entreprise", "annonce", "aujourd'hui", "nouvelle",
  "clients", "marché", "croissance", "avec", "pour", "dans", "solutions", "énergie", "sur", "est",
};
static const char * const words_es[] = {
  "el", "la", "los", "las", "y", "de", "una", "empresa", "anunció", "hoy", "nueva", "clientes",
  "mercado", "crecimiento", "con", "para", "en", "soluciones", "energía", "por",
};
static const char zh_chars[] =
  "公司今日宣布推出新的产品服务平台市场客户全球增长合作技术能源数字国际会议连云港上海合作组织圆桌"
  "发展经济投资项目创新科技城市企业中国北京深圳香港论坛举行开幕代表";

static const char * const first_names[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
  "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
  "Wei", "Li", "Hiroshi", "Yuki", "Anna", "Lukas", "Sophie", "Mateo", "Lucía", "Pierre", "Amélie",
  "Ravi", "Priya", "Olga", "Ivan", "Fatima", "Omar", "Grace", "Daniel", "Emma", "Noah", "Mia",
};
static const char * const last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
  "Martin", "Lee", "Zhang", "Wang", "Tanaka", "Müller", "Schmidt", "Dubois", "Rossi", "Kumar",
  "Singh", "Petrov", "Nguyen", "Kim", "Park", "Silva", "Santos", "Cohen", "Novak", "Larsen",
};
static const char * const roles[] = {
  "chief executive officer", "president", "chief financial officer", "chief technology officer",
  "head of research", "managing director", "vice president of sales", "founder",
};
static const char * const org_suffixes[] = {
  "Inc.", "Corp.", "Ltd.", "AG", "GmbH", "S.A.", "Holdings", "Group", "Technologies", "Systems",
};

typedef struct {
  GRand *rand;
  GPtrArray *vocabulary;   /* made-up words, most frequent first */
  GPtrArray *orgs;         /* "Name Suffix" */
  GPtrArray *acronyms;     /* parallel, may be "" */
  GPtrArray *people;       /* "First Last" */
} Corpus;

static guint
pick (Corpus *corpus,
      guint   n)
{
  return g_rand_int_range (corpus->rand, 0, n);
}

/* Zipf-like: small indexes much more often. */
static guint
zipf (Corpus *corpus,
      guint   n)
{
  double u = g_rand_double (corpus->rand);
  guint index = (guint) (n * u * u * u);

  return MIN (index, n - 1);
}

static char *
make_word (Corpus *corpus)
{
  GString *word = g_string_new (NULL);
  guint parts = 2 + pick (corpus, 3);

  for (guint i = 0; i < parts; i++)
    g_string_append (word, syllables[pick (corpus, G_N_ELEMENTS (syllables))]);
  return g_string_free (word, FALSE);
}

static char *
capitalised (const char *word)
{
  char *copy = g_strdup (word);

  copy[0] = g_ascii_toupper (copy[0]);
  return copy;
}

static void
corpus_init (Corpus *corpus)
{
  corpus->rand = g_rand_new_with_seed (20240105);
  corpus->vocabulary = g_ptr_array_new_with_free_func (g_free);
  corpus->orgs = g_ptr_array_new_with_free_func (g_free);
  corpus->acronyms = g_ptr_array_new_with_free_func (g_free);
  corpus->people = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 30000; i++)
    g_ptr_array_add (corpus->vocabulary, make_word (corpus));

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *a = make_word (corpus);
      g_autofree char *b = make_word (corpus);
      g_autofree char *ca = capitalised (a);
      g_autofree char *cb = capitalised (b);
      const char *suffix = org_suffixes[pick (corpus, G_N_ELEMENTS (org_suffixes))];

      g_ptr_array_add (corpus->orgs, g_strdup_printf ("%s %s %s", ca, cb, suffix));
      if (pick (corpus, 3) == 0)
        g_ptr_array_add (corpus->acronyms, g_strdup_printf ("%c%c%c", ca[0], cb[0], suffix[0]));
      else
        g_ptr_array_add (corpus->acronyms, g_strdup (""));
    }

  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (corpus->people,
                     g_strdup_printf ("%s %s", first_names[pick (corpus, G_N_ELEMENTS (first_names))],
                                      last_names[pick (corpus, G_N_ELEMENTS (last_names))]));
}

static const char *
any_word (Corpus     *corpus,
          const char *lang)
{
  if (g_str_equal (lang, "de") && pick (corpus, 2) == 0)
    return words_de[pick (corpus, G_N_ELEMENTS (words_de))];
  if (g_str_equal (lang, "fr") && pick (corpus, 2) == 0)
    return words_fr[pick (corpus, G_N_ELEMENTS (words_fr))];
  if (g_str_equal (lang, "es") && pick (corpus, 2) == 0)
    return words_es[pick (corpus, G_N_ELEMENTS (words_es))];
  if (pick (corpus, 3) == 0)
    return common[zipf (corpus, G_N_ELEMENTS (common))];
  return g_ptr_array_index (corpus->vocabulary, zipf (corpus, corpus->vocabulary->len));
}

static void
append_sentence (Corpus     *corpus,
                 GString    *out,
                 const char *lang)
{
  guint words = 8 + pick (corpus, 18);

  if (g_str_equal (lang, "zh"))
    {
      glong n = g_utf8_strlen (zh_chars, -1);

      for (guint i = 0; i < words * 2; i++)
        {
          const char *c = g_utf8_offset_to_pointer (zh_chars, pick (corpus, n));

          g_string_append_len (out, c, g_utf8_next_char (c) - c);
        }
      g_string_append (out, "。");
      return;
    }

  for (guint i = 0; i < words; i++)
    {
      const char *word = any_word (corpus, lang);

      if (i == 0)
        {
          g_autofree char *cap = capitalised (word);

          g_string_append (out, cap);
        }
      else
        {
          g_string_append_c (out, ' ');
          g_string_append (out, word);
        }
    }
  g_string_append (out, ". ");
}

static char *
make_release (Corpus *corpus,
              guint   index)
{
  GString *out = g_string_new (NULL);
  guint wire = pick (corpus, G_N_ELEMENTS (wires));
  guint place = zipf (corpus, G_N_ELEMENTS (places));
  guint org = zipf (corpus, corpus->orgs->len);
  guint other_org = pick (corpus, corpus->orgs->len);
  guint person = zipf (corpus, corpus->people->len);
  guint year = 2015 + pick (corpus, 11), month = pick (corpus, 12), day = 1 + pick (corpus, 28);
  guint lang_pick = pick (corpus, 100);
  const char *lang = lang_pick < 80 ? "en" : lang_pick < 88 ? "de" : lang_pick < 92 ? "fr"
                   : lang_pick < 96 ? "es" : "zh";
  const char *org_name = g_ptr_array_index (corpus->orgs, org);
  const char *acronym = g_ptr_array_index (corpus->acronyms, org);
  gsize target = 1024 + (gsize) (7000 * g_rand_double (corpus->rand) * g_rand_double (corpus->rand));
  g_autofree char *city = NULL;

  /* Headline. */
  if (g_str_equal (lang, "zh"))
    append_sentence (corpus, out, lang);
  else
    {
      g_autofree char *w1 = capitalised (any_word (corpus, "en"));
      g_autofree char *w2 = capitalised (any_word (corpus, "en"));
      g_autofree char *w3 = capitalised (any_word (corpus, "en"));

      g_string_append_printf (out, "%s %s %s %s for %s %u", org_name,
                              pick (corpus, 2) ? "Announces" : "Launches", w1, w2, w3, index);
    }
  g_string_append (out, "\n\n");

  /* Dateline. */
  city = g_strdup (places[place].city);
  if (places[place].region != NULL)
    g_string_append_printf (out, "%s, %s, ", city, places[place].region);
  else
    g_string_append_printf (out, "%s, ", city);
  if (g_str_equal (lang, "de"))
    g_string_append_printf (out, "%u. %s %u ", day, months_de[month], year);
  else if (g_str_equal (lang, "fr"))
    g_string_append_printf (out, "%u %s %u ", day, months_fr[month], year);
  else if (g_str_equal (lang, "es"))
    g_string_append_printf (out, "%u de %s de %u ", day, months_es[month], year);
  else if (g_str_equal (lang, "zh"))
    g_string_append_printf (out, "%u年%u月%u日 ", year, month + 1, day);
  else
    g_string_append_printf (out, "%s %u, %u ", months_en[month], day, year);
  g_string_append_printf (out, "%s %s", wires[wire][0], org_name);
  if (*acronym != '\0')
    g_string_append_printf (out, " (%s)", acronym);
  g_string_append (out, " ");

  /* Paragraphs until the size is reached, with a quote and another
   * organisation now and then. */
  while (out->len < target)
    {
      guint sentences = 2 + pick (corpus, 4);

      for (guint i = 0; i < sentences; i++)
        append_sentence (corpus, out, lang);
      if (pick (corpus, 3) == 0 && !g_str_equal (lang, "zh"))
        g_string_append_printf (out, "\"We are proud of this work,\" said %s, %s of %s. ",
                                (char *) g_ptr_array_index (corpus->people, person),
                                roles[pick (corpus, G_N_ELEMENTS (roles))],
                                pick (corpus, 2) ? org_name
                                : (char *) g_ptr_array_index (corpus->orgs, other_org));
      g_string_append (out, "\n\n");
    }

  g_string_append_printf (out, "About %s\n\n", org_name);
  append_sentence (corpus, out, "en");
  g_string_append_printf (out, "\n\nMedia contact:\n%s\npress@example.com\n+1 555 %04u\n\nSOURCE %s\n",
                          (char *) g_ptr_array_index (corpus->people, pick (corpus, corpus->people->len)),
                          pick (corpus, 10000), org_name);
  return g_string_free (out, FALSE);
}

static void
write_queries (Corpus     *corpus,
               const char *dir)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) queries = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *queries_path = g_build_filename (dir, "queries.txt", NULL);
  g_autofree char *words_path = g_build_filename (dir, "grep-words.txt", NULL);
  static const char * const filters[] = {
    "is:unread", "lang:de", "lang:en", "source:prnewswire", "source:businesswire",
    "after:2020-01-01", "before:2018-12-31", "place:london", "place:zurich",
  };

  for (guint i = 0; i < 200; i++)
    {
      /* Words from the mid and rare vocabulary, not the stop words. */
      const char *a = g_ptr_array_index (corpus->vocabulary, 50 + g_rand_int_range (rand, 0, 5000));
      const char *b = g_ptr_array_index (corpus->vocabulary, 50 + g_rand_int_range (rand, 0, 20000));

      switch (i % 8)
        {
        case 0:
        case 1:
          g_string_append_printf (queries, "%s\n", a);
          g_string_append_printf (words, "%s\n", a);
          break;
        case 2:
          g_string_append_printf (queries, "%s %s\n", a, b);
          break;
        case 3:
          g_string_append_printf (queries, "\"%s %s\"\n", a, b);
          break;
        case 4:
          /* A stem, as people type them: the word without its end. */
          g_string_append_printf (queries, "%.*s*\n", (int) MAX (4, strlen (a) - 2), a);
          break;
        case 5:
          g_string_append_printf (queries, "%s %s\n", a,
                                  filters[g_rand_int_range (rand, 0, G_N_ELEMENTS (filters))]);
          break;
        case 6:
          g_string_append_printf (queries, "org:\"%s\"\n",
                                  (char *) g_ptr_array_index (corpus->orgs,
                                                              g_rand_int_range (rand, 0, 200)));
          break;
        case 7:
        default:
          g_string_append_printf (queries, "person:\"%s\" %s\n",
                                  (char *) g_ptr_array_index (corpus->people,
                                                              g_rand_int_range (rand, 0, 300)),
                                  filters[g_rand_int_range (rand, 0, G_N_ELEMENTS (filters))]);
          break;
        }
    }

  g_file_set_contents (queries_path, queries->str, queries->len, NULL);
  g_file_set_contents (words_path, words->str, words->len, NULL);
}

int
main (int   argc,
      char *argv[])
{
  Corpus corpus = { 0 };
  guint n;
  const char *dir;

  if (argc != 3)
    {
      g_printerr ("usage: %s N DIR\n", argv[0]);
      return 2;
    }
  n = g_ascii_strtoull (argv[1], NULL, 10);
  dir = argv[2];

  corpus_init (&corpus);
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/releases/%03u", dir, i / 1000);
      g_autofree char *path = g_strdup_printf ("%s/%07u.txt", sub, i);
      g_autofree char *text = make_release (&corpus, i);
      FILE *file;

      if (i % 1000 == 0)
        g_mkdir_with_parents (sub, 0755);
      file = fopen (path, "w");
      if (file == NULL || fputs (text, file) < 0 || fclose (file) != 0)
        {
          g_printerr ("%s: %s\n", path, g_strerror (errno));
          return 1;
        }
    }
  write_queries (&corpus, dir);

  g_rand_free (corpus.rand);
  g_ptr_array_unref (corpus.vocabulary);
  g_ptr_array_unref (corpus.orgs);
  g_ptr_array_unref (corpus.acronyms);
  g_ptr_array_unref (corpus.people);
  return 0;
}
