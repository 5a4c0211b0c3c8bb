/* test-query.c: the search language, its SQL, snippets and sorting */
#include <sqlite3.h>
#include <string.h>

#include "library-test.h"
#include "pr-query-private.h"

/* ---- parsing --------------------------------------------------------- */

static void
assert_match (const char *text,
              const char *match)
{
  g_autoptr(PrQuery) query = pr_query_new (text);

  g_assert_cmpstr (pr_query_get_match (query), ==, match);
  g_assert_false (pr_query_get_fell_back (query));
}

static void
test_parse_terms (void)
{
  assert_match ("round table", "\"round\" AND \"table\"");
  assert_match ("\"round table\"", "\"round table\"");
  assert_match ("lianyun*", "\"lianyun\" *");
  assert_match ("sco*", "\"sco\" *");
  assert_match ("a OR b", "(\"a\" OR \"b\")");
  assert_match ("a AND b", "\"a\" AND \"b\"");
  assert_match ("a NOT b", "\"a\" NOT \"b\"");
  assert_match ("a -b", "\"a\" NOT \"b\"");
  assert_match ("(a OR b) c", "(\"a\" OR \"b\") AND \"c\"");
  assert_match ("a b NOT c", "(\"a\" AND \"b\") NOT \"c\"");
  assert_match ("it's", "\"it's\"");
  assert_match ("org:SCO", "{organizations} : \"SCO\"");
  assert_match ("person:\"Zhang Ming\"", "{people} : \"Zhang Ming\"");
  assert_match ("place:london", "{dateline} : \"london\"");
  /* Lower-case operators are words. */
  assert_match ("cats and dogs", "\"cats\" AND \"and\" AND \"dogs\"");
  assert_match ("", NULL);
  assert_match ("   ", NULL);
}

static void
test_parse_filters (void)
{
  g_autoptr(PrQuery) query = pr_query_new ("is:unread source:prnewswire after:2021-01-01 before:2021-12 lang:en");
  g_autoptr(PrQuerySql) sql = pr_query_compile (query, PR_FILTER_BOOKMARKED);

  g_assert_null (pr_query_get_match (query));
  g_assert_false (pr_query_is_empty (query));
  g_assert_false (pr_query_has_terms (query));
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (query)), ==, 0);
  g_assert_true (sql->uses_state);
  g_assert_nonnull (strstr (sql->where, "r.bookmarked = 1"));
  g_assert_nonnull (strstr (sql->where, "FROM unread"));
  /* Values are bound, never spliced. */
  g_assert_null (strstr (sql->where, "prnewswire"));
  g_assert_null (strstr (sql->where, "2021"));
  g_assert_cmpuint (sql->params->len, ==, 2 + 1 + 1 + 4);
  g_assert_cmpstr (g_ptr_array_index (sql->params, 2), ==, "2021-01-01");
  g_assert_cmpstr (g_ptr_array_index (sql->params, 3), ==, "2021-12-99");
}

static void
assert_fallback (const char *text,
                 const char *match)
{
  g_autoptr(PrQuery) query = pr_query_new (text);

  g_assert_true (pr_query_get_fell_back (query));
  g_assert_cmpstr (pr_query_get_match (query), ==, match);
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (query)), >=, 1);
}

static void
test_parse_malformed (void)
{
  assert_fallback ("\"round table", "\"round\" AND \"table\"");
  assert_fallback ("NOT", "\"NOT\"");
  assert_fallback ("round NOT", "\"round\" AND \"NOT\"");
  assert_fallback ("a OR", "\"a\" AND \"OR\"");
  assert_fallback ("OR a", "\"OR\" AND \"a\"");
  assert_fallback ("a AND AND b", "\"a\" AND \"AND\" AND \"AND\" AND \"b\"");
  assert_fallback ("(a b", "\"a\" AND \"b\"");
  assert_fallback ("a b)", "\"a\" AND \"b\"");
  assert_fallback ("()", NULL);
  assert_fallback ("NOT NOT a", "\"NOT\" AND \"NOT\" AND \"a\"");
}

static void
test_parse_odd (void)
{
  g_autoptr(PrQuery) unknown = pr_query_new ("colour:red tomato");
  g_autoptr(PrQuery) bad_date = pr_query_new ("after:2021-13-01 tomato");
  g_autoptr(PrQuery) bad_is = pr_query_new ("is:archived");
  g_autoptr(PrQuery) syntax = pr_query_new ("^ * : { } NEAR(a b) col:x \"\" + -");
  g_autoptr(PrQuery) url = pr_query_new ("https://example.org/x");
  g_autoptr(PrQuery) cjk = pr_query_new ("连云港 国际");
  g_autoptr(PrQuery) negated = pr_query_new ("NOT tomato");

  /* An unknown filter is reported and searched as words. */
  g_assert_false (pr_query_get_fell_back (unknown));
  g_assert_cmpstr (pr_query_get_match (unknown), ==, "\"colour:red\" AND \"tomato\"");
  g_assert_nonnull (strstr (pr_query_get_warnings (unknown)[0], "colour"));

  g_assert_cmpstr (pr_query_get_match (bad_date), ==, "\"tomato\"");
  g_assert_nonnull (strstr (pr_query_get_warnings (bad_date)[0], "2021-13-01"));
  g_assert_true (pr_query_is_empty (bad_is));
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (bad_is)), ==, 1);

  /* FTS syntax is only ever inside quoted strings. */
  g_assert_nonnull (pr_query_get_match (syntax));
  g_assert_cmpstr (pr_query_get_match (url), ==, "\"https://example.org/x\"");

  /* Chinese goes to the trigram index, not into MATCH. */
  g_assert_null (pr_query_get_match (cjk));
  g_assert_true (pr_query_has_terms (cjk));
  g_assert_cmpstr (pr_query_get_terms (cjk)[0], ==, "连云港");

  g_assert_null (pr_query_get_match (negated));
  g_assert_false (pr_query_is_empty (negated));
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_terms (negated)), ==, 0);
}

/* "w0 w1 … w{n-1}", joined by @sep. */
static char *
words (guint       n,
       const char *sep)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%sw%u", i > 0 ? sep : "", i);
  return g_string_free (text, FALSE);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static const char *
only_warning (PrQuery *query)
{
  const char * const *warnings = pr_query_get_warnings (query);

  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  return warnings[0];
}

/* issuer:, kind: and ticker: are SQL over the entities, values bound;
 * an unknown kind is left out with a warning naming the kinds. */
static void
test_parse_facts (void)
{
  g_autoptr(PrQuery) query = pr_query_new ("issuer:\"Acme Corp\" kind:deal ticker:NasdaqGS:acme");
  g_autoptr(PrQuerySql) sql = pr_query_compile (query, PR_FILTER_ALL);
  g_autoptr(PrQuery) unknown = pr_query_new ("kind:gossip turbine");

  g_assert_null (pr_query_get_match (query));
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (query)), ==, 0);
  g_assert_null (strstr (sql->where, "acme"));
  g_assert_cmpuint (sql->params->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (sql->params, 0), ==, "acmecorp");
  g_assert_cmpstr (g_ptr_array_index (sql->params, 1), ==, "deal");
  g_assert_cmpstr (g_ptr_array_index (sql->params, 2), ==, "NASDAQ:ACME");

  g_assert_cmpstr (pr_query_get_match (unknown), ==, "\"turbine\"");
  g_assert_nonnull (strstr (only_warning (unknown), "“gossip”"));
  g_assert_nonnull (strstr (only_warning (unknown), "earnings, deal, product"));
}

/* Prefixes of one or two letters are searched as words, with a warning;
 * three letters and Chinese text stay prefixes. */
static void
test_short_prefix (void)
{
  g_autoptr(PrQuery) one = pr_query_new ("a* tidal");
  g_autoptr(PrQuery) two = pr_query_new ("ve*");
  g_autoptr(PrQuery) three = pr_query_new ("ven*");
  g_autoptr(PrQuery) chinese = pr_query_new ("合作*");

  g_assert_cmpstr (pr_query_get_match (one), ==, "\"a\" AND \"tidal\"");
  g_assert_nonnull (strstr (only_warning (one), "“a*”"));
  g_assert_cmpstr (pr_query_get_match (two), ==, "\"ve\"");
  g_assert_nonnull (strstr (only_warning (two), "3 letters"));
  g_assert_cmpstr (pr_query_get_match (three), ==, "\"ven\" *");
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (three)), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (chinese)), ==, 0);
}

/* A query of thousands of words searches its first 32 terms and says
 * what was left out, as it says unknown filters. */
static void
test_term_cap (void)
{
  g_autofree char *w32 = words (32, " ");
  g_autofree char *w33 = words (33, " ");
  g_autofree char *w5000 = words (5000, " ");
  g_autofree char *or40 = words (40, " OR ");
  g_autofree char *or40_nested = NULL;
  g_autofree char *phrase = NULL;
  g_autofree char *phrase_words = words (100, " ");
  g_autofree char *expected32 = NULL;
  GString *filters = g_string_new (NULL);
  g_autoptr(PrQuery) q32 = pr_query_new (w32);
  g_autoptr(PrQuery) q33 = pr_query_new (w33);
  g_autoptr(PrQuery) q5000 = pr_query_new (w5000);
  g_autoptr(PrQuery) qor = NULL;
  g_autoptr(PrQuery) qnested = NULL;
  g_autoptr(PrQuery) qphrase = NULL;
  g_autoptr(PrQuery) qfilters = NULL;
  g_autoptr(PrQuery) qmalformed = NULL;
  g_autoptr(PrQuery) qnot = NULL;
  GString *match = g_string_new (NULL);

  /* 32 is allowed, whole. */
  for (guint i = 0; i < 32; i++)
    g_string_append_printf (match, "%s\"w%u\"", i > 0 ? " AND " : "", i);
  expected32 = g_string_free (match, FALSE);
  g_assert_cmpstr (pr_query_get_match (q32), ==, expected32);
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (q32)), ==, 0);

  /* One more: left out, named. */
  g_assert_cmpstr (pr_query_get_match (q33), ==, expected32);
  g_assert_cmpstr (only_warning (q33), ==, "More than 32 terms: only the first 32 were searched; "
                   "“w32” left out");
  g_assert_false (pr_query_get_fell_back (q33));

  /* Thousands: the same 32, and how many were left out. */
  g_assert_cmpstr (pr_query_get_match (q5000), ==, expected32);
  g_assert_cmpstr (only_warning (q5000), ==, "More than 32 terms: only the first 32 were searched; "
                   "“w32” and 4967 more left out");
  g_assert_cmpuint (g_strv_length ((char **) pr_query_get_terms (q5000)), ==, 32);

  /* Under OR: no operator left dangling. */
  qor = pr_query_new (or40);
  g_assert_false (pr_query_get_fell_back (qor));
  g_assert_cmpuint (count_substrings (pr_query_get_match (qor), "\"w"), ==, 32);
  g_assert_cmpuint (count_substrings (pr_query_get_match (qor), " OR "), ==, 31);
  g_assert_nonnull (strstr (only_warning (qor), "“w32” and 7 more left out"));

  /* Cut inside parentheses: they are closed again. */
  or40_nested = g_strdup_printf ("x -y (%s) z", or40);
  qnested = pr_query_new (or40_nested);
  g_assert_false (pr_query_get_fell_back (qnested));
  g_assert_cmpuint (count_substrings (pr_query_get_match (qnested), "\"w"), ==, 30);
  g_assert_true (g_str_has_prefix (pr_query_get_match (qnested), "(\"x\" AND (\"w0\" OR "));
  g_assert_true (g_str_has_suffix (pr_query_get_match (qnested), "\"w29\")) NOT \"y\""));
  g_assert_nonnull (strstr (only_warning (qnested), "“w30” and 10 more left out"));

  /* A phrase crossing the cap keeps its first words. */
  phrase = g_strdup_printf ("a b \"%s\"", phrase_words);
  qphrase = pr_query_new (phrase);
  g_assert_cmpuint (count_substrings (pr_query_get_match (qphrase), " w"), ==, 29);
  g_assert_true (g_str_has_suffix (pr_query_get_match (qphrase), "w28 w29\""));
  g_assert_nonnull (strstr (only_warning (qphrase), "“w30 w31"));
  g_assert_nonnull (strstr (only_warning (qphrase), "and 69 more left out"));

  /* Filters are terms too. */
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (filters, "org:acme%u ", i);
  qfilters = pr_query_new (filters->str);
  g_assert_cmpuint (count_substrings (pr_query_get_match (qfilters), "{organizations}"), ==, 32);
  g_assert_nonnull (strstr (only_warning (qfilters), "“org:acme32” and 17 more left out"));
  g_string_free (filters, TRUE);

  /* A malformed query falls back to its words: capped too. */
  {
    g_autofree char *text = g_strdup_printf ("\"unclosed %s", w5000);

    qmalformed = pr_query_new (text);
    g_assert_true (pr_query_get_fell_back (qmalformed));
    g_assert_cmpuint (count_substrings (pr_query_get_match (qmalformed), "\""), ==, 64);
    g_assert_cmpuint (g_strv_length ((char **) pr_query_get_warnings (qmalformed)), ==, 2);
  }

  /* Negations count; the trailing NOT of a cut is dropped. */
  {
    g_autofree char *text = g_strdup_printf ("%s -tail", w32);

    qnot = pr_query_new (text);
    g_assert_cmpstr (pr_query_get_match (qnot), ==, expected32);
    g_assert_nonnull (strstr (only_warning (qnot), "“tail” left out"));
  }
}

static void
test_normalize (void)
{
  g_autofree char *a = pr_normalize_key ("PR Newswire");
  g_autofree char *b = pr_normalize_key ("Zürich-Flughafen AG");
  g_autofree char *c = pr_normalize_key (NULL);

  g_assert_cmpstr (a, ==, "prnewswire");
  g_assert_cmpstr (b, ==, "zurichflughafenag");
  g_assert_cmpstr (c, ==, "");
}

static void
test_snippet_markup (void)
{
  g_autofree char *markup = pr_snippet_to_markup ("…a <b>&\x02round\x03 x\x03 \x02table", "<b>", "</b>");
  g_autofree char *plain = pr_snippet_strip ("a \x02round\x03 table");
  const char * const terms[] = { "Round", NULL };
  g_autofree char *made = pr_snippet_make ("The ROUND table met.", terms, 40);
  g_autofree char *none = pr_snippet_make ("Nothing here.", terms, 40);

  g_assert_cmpstr (markup, ==, "…a &lt;b&gt;&amp;<b>round</b> x <b>table</b>");
  g_assert_cmpstr (plain, ==, "a round table");
  g_assert_cmpstr (made, ==, "The \x02ROUND\x03 table met.");
  g_assert_null (none);

  /* A prefix where a word starts, the whole word marked. */
  {
    const char * const prefix[] = { "turb", NULL };
    g_autofree char *word = pr_snippet_make_words ("Disturbed, the Turbines stopped.", prefix, 40);
    g_autofree char *inside = pr_snippet_make_words ("Disturbed at night.", prefix, 40);
    g_autofree char *any = pr_snippet_make ("Disturbed at night.", prefix, 40);

    g_assert_cmpstr (word, ==, "Disturbed, the \x02Turbines\x03 stopped.");
    g_assert_null (inside);
    g_assert_cmpstr (any, ==, "Dis\x02turb\x03" "ed at night.");
  }
}

static void
test_snippet_find (void)
{
  struct {
    const char *text;
    const char *terms[4];
    const char *snippet;
  } cases[] = {
    /* Case and diacritics ignored both ways, whole words only. */
    { "Around Zürich, the ZURICH office.", { "zurich", NULL },
      "Around \x02Zürich\x03, the \x02ZURICH\x03 office." },
    { "Turbines in Zurich.", { "Zürich", NULL }, "Turbines in \x02Zurich\x03." },
    { "Around the table.", { "round", NULL }, NULL },
    /* A phrase's words in a row, punctuation between them ignored. */
    { "A round, table and a round number table.", { "round table", NULL },
      "A \x02round, table\x03 and a round number table." },
    { "it's here", { "it's", NULL }, "\x02it's\x03 here" },
    /* A prefix where a word starts, the whole word marked. */
    { "Disturbed, the Turbines stopped.", { "turb*", NULL },
      "Disturbed, the \x02Turbines\x03 stopped." },
    { "Disturbed at night.", { "turb*", NULL }, NULL },
    /* Overlapping hits are marked once. */
    { "the round table met", { "round", "round table", NULL }, "the \x02round table\x03 met" },
    /* A chain of overlapping hits is one mark, to its end. */
    { "at new york city hall today", { "new york", "york city", "city hall", NULL },
      "at \x02new york city hall\x03 today" },
    /* Chinese is for pr_snippet_make(). */
    { "在连云港举行", { "连云港", NULL }, NULL },
    { "", { "a", NULL }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *made = pr_snippet_find (cases[i].text, cases[i].terms, 24);

      g_assert_cmpstr (made, ==, cases[i].snippet);
    }

  /* The passage with both terms wins over the first hit, cut with an
   * ellipsis, its hits centred; newlines become spaces. */
  {
    g_autoptr(GString) text = g_string_new ("Wind came first.\n");
    const char * const terms[] = { "wind", "turbines", NULL };
    g_autofree char *made = NULL;

    for (guint i = 0; i < 40; i++)
      g_string_append (text, "filler ");
    g_string_append (text, "Nine wind turbines were built.\n");
    for (guint i = 0; i < 40; i++)
      g_string_append (text, "tail ");
    made = pr_snippet_find (text->str, terms, 8);
    g_assert_cmpstr (made, ==, "…filler filler Nine \x02wind\x03 \x02turbines\x03 were built. tail…");
  }
  /* Near the end the passage reaches back, and ends with the text. */
  {
    const char * const terms[] = { "end", NULL };
    g_autofree char *made = pr_snippet_find ("one two three four five six the end.", terms, 4);

    g_assert_cmpstr (made, ==, "…five six the \x02" "end\x03.");
  }
}

/* pr_snippet_find() finds a term in a text exactly when FTS5, with the
 * library's tokenizer, matches it: over the corpus and the translations,
 * for words, phrases and prefixes picked from the texts themselves. */
static void
test_snippet_agrees (void)
{
  const char *shared = g_getenv ("PR_SHARED_DIR");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *folders[2] = { NULL, NULL };
  g_autofree char *corpus = NULL;
  g_autofree char *translations = g_test_build_filename (G_TEST_DIST, "data", "grouping", "translations", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert, *match;
  guint compared = 0, found = 0, accented = 0;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("PR_SHARED_DIR is not a folder: no corpus to compare with");
      return;
    }
  corpus = g_build_filename (shared, "corpus", NULL);
  folders[0] = corpus;
  folders[1] = translations;
  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(GDir) dir = g_dir_open (folders[f], 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          {
            g_autofree char *path = g_build_filename (folders[f], name, NULL);
            char *text = NULL;

            g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
            g_ptr_array_add (texts, text);
          }
    }
  g_assert_cmpuint (texts->len, >=, 30);

  /* Words at fixed places of each text (split at spaces, as a user would
   * type them): the word, the phrase of it and the next, a prefix. */
  for (guint t = 0; t < texts->len; t++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("[\\s]+", texts->pdata[t], 0, 0);
      guint n = g_strv_length (words);

      for (guint i = 5; i + 1 < n; i += 37)
        {
          g_autofree char *word = g_strdup (words[i]);
          g_autofree char *phrase = g_strdup_printf ("\"%s %s\"", words[i], words[i + 1]);
          const char *prefix_end = g_utf8_offset_to_pointer (word, MIN (3, g_utf8_strlen (word, -1)));
          g_autofree char *prefix = g_strdup_printf ("%.*s*", (int) (prefix_end - word), word);

          g_ptr_array_add (queries, g_steal_pointer (&word));
          g_ptr_array_add (queries, g_steal_pointer (&phrase));
          g_ptr_array_add (queries, g_steal_pointer (&prefix));
        }
    }

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5"
                                 " (body, tokenize='unicode61 remove_diacritics 2')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (rowid, body) VALUES (?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < texts->len; t++)
    {
      sqlite3_bind_int64 (insert, 1, t);
      sqlite3_bind_text (insert, 2, texts->pdata[t], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM t WHERE t MATCH ?", -1, &match, NULL), ==, SQLITE_OK);

  for (guint q = 0; q < queries->len; q++)
    {
      g_autoptr(PrQuery) query = pr_query_new (queries->pdata[q]);
      g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);
      const char *expression = pr_query_get_match (query);

      /* Chinese, filters and the like are not this matcher's; nor are
       * words that the query language reads as more than one term. */
      if (expression == NULL || strchr (expression, '{') != NULL
          || g_strv_length ((char **) pr_query_get_snippet_terms (query)) != 1
          || pr_query_get_fell_back (query)
          || g_hash_table_contains (seen, queries->pdata[q]))
        continue;
      g_hash_table_add (seen, queries->pdata[q]);
      sqlite3_bind_text (match, 1, expression, -1, SQLITE_STATIC);
      while (sqlite3_step (match) == SQLITE_ROW)
        g_hash_table_add (matched, GINT_TO_POINTER (sqlite3_column_int64 (match, 0)));
      sqlite3_reset (match);

      for (guint t = 0; t < texts->len; t++)
        {
          g_autofree char *made = pr_snippet_find (texts->pdata[t], pr_query_get_snippet_terms (query), 24);

          if ((made != NULL) != g_hash_table_contains (matched, GINT_TO_POINTER (t)))
            g_error ("%s: FTS5 %s text %u, the snippet %s", (char *) queries->pdata[q],
                     g_hash_table_contains (matched, GINT_TO_POINTER (t)) ? "matches" : "does not match",
                     t, made != NULL ? made : "found nothing");
          if (made != NULL)
            {
              g_assert_nonnull (strstr (made, PR_SNIPPET_START));
              found++;
            }
        }
      if (!g_str_is_ascii (queries->pdata[q]))
        accented++;
      compared++;
    }
  sqlite3_finalize (match);
  sqlite3_close (db);
  g_test_message ("%u queries over %u texts agree with FTS5 (%u not ASCII); %u snippets",
                  compared, texts->len, accented, found);
  g_assert_cmpuint (compared, >=, 300);
  g_assert_cmpuint (accented, >=, 10);
}

/* ---- against a library ----------------------------------------------- */

static char *library_dir;
static PrStore *library;

static void
add_corpus (PrStore *store)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  PrRelease *release;

  release = test_release ("The 2021 SCO International Round Table was held in Lianyungang",
                          "2021-06-18", "PR Newswire",
                          "The round table in Lianyungang gathered delegates.", "/c/1.txt");
  pr_release_set_field (release, PR_FIELD_DATELINE, "LIANYUNGANG, China, June 18, 2021");
  pr_release_set_field (release, PR_FIELD_CITY, "Lianyungang");
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Shanghai Cooperation Organization", "SCO");
  test_release_add_entity (release, PR_ENTITY_PERSON, "Zhang Ming", NULL);
  pr_release_set_field (release, PR_FIELD_KIND, PR_KIND_EVENT);
  pr_release_set_list (release, PR_LIST_ISSUERS,
                       (const char * const[]) { "SCO Secretariat", "Lianyungang Government", NULL });
  g_ptr_array_add (releases, release);

  release = test_release ("Turbines for Zürich", "2021-03-02", "Business Wire",
                          "A table of turbine prices. The round was financed.", "/c/2.txt");
  pr_release_set_field (release, PR_FIELD_DATELINE, "ZÜRICH, March 2, 2021");
  pr_release_set_field (release, PR_FIELD_CITY, "Zürich");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "de-CH");
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Acme Turbines AG", NULL);
  pr_release_set_field (release, PR_FIELD_KIND, PR_KIND_PRODUCT);
  pr_release_set_list (release, PR_LIST_ISSUERS, (const char * const[]) { "Acme Turbines", NULL });
  pr_release_set_list (release, PR_LIST_TICKERS,
                       (const char * const[]) { "SIX:ACME", "ISIN:CH0012221716", NULL });
  g_ptr_array_add (releases, release);

  release = test_release ("连云港国际圆桌会议", "2022-01-10", "PR Newswire",
                          "上海合作组织国际圆桌会议在连云港举行。", "/c/3.txt");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "zh");
  pr_release_set_field (release, PR_FIELD_CITY, "连云港");
  g_ptr_array_add (releases, release);

  release = test_release ("Annual results", "2020-11-30", "GlobeNewswire",
                          "Results mention Lianyungang once, and round numbers.", "/c/4.txt");
  pr_release_set_field (release, PR_FIELD_DATELINE, "LONDON, Nov. 30, 2020");
  pr_release_set_field (release, PR_FIELD_CITY, "London");
  test_release_add_entity (release, PR_ENTITY_PERSON, "Ada Lovelace", "CEO");
  pr_release_set_field (release, PR_FIELD_KIND, PR_KIND_EARNINGS);
  pr_release_set_list (release, PR_LIST_ISSUERS, (const char * const[]) { "Analytical Engines plc", NULL });
  pr_release_set_list (release, PR_LIST_TICKERS, (const char * const[]) { "LSE:ACME", "NASDAQ:ENGN", NULL });
  g_ptr_array_add (releases, release);

  release = test_release ("Undated notice", NULL, NULL, "A notice about nothing in particular.", "/c/5.txt");
  g_ptr_array_add (releases, release);

  g_assert_true (pr_store_add_releases (store, releases, NULL, NULL));
  g_assert_true (pr_store_set_read (store, pr_release_get_store_id (releases->pdata[0]), TRUE, NULL));
  g_assert_true (pr_store_set_bookmarked (store, pr_release_get_store_id (releases->pdata[1]), TRUE, NULL));
}

static const struct {
  const char *query;
  gint64 count;
} cases[] = {
  { "", 5 },
  { "round", 3 },
  { "ROUND", 3 },
  { "round table", 2 },
  { "\"round table\"", 1 },
  { "lianyun*", 2 },
  { "round OR results", 3 },
  { "round NOT table", 1 },
  { "round -lianyungang", 1 },
  { "NOT round", 2 },
  { "zurich", 1 },            /* diacritics removed */
  { "Zürich", 1 },
  { "source:prnewswire", 2 },
  { "source:\"PR Newswire\"", 2 },
  { "source:business", 1 },
  { "source:nothing", 0 },
  { "org:SCO", 1 },
  { "org:\"shanghai cooperation\"", 1 },
  { "org:acme*", 1 },
  { "person:lovelace", 1 },
  { "person:\"Zhang Ming\" round", 1 },
  { "place:london", 1 },
  { "place:zurich", 1 },
  { "place:连云港", 1 },
  { "issuer:acme", 1 },
  { "issuer:\"sco secretariat\"", 1 },
  { "issuer:secretariat OR issuer:engines", 2 },
  { "issuer:turbines round", 1 },
  { "issuer:turbines lianyungang", 0 },
  { "issuer:nobody", 0 },
  { "kind:event", 1 },
  { "kind:EARNINGS", 1 },
  { "kind:deal", 0 },
  { "kind:nonsense round", 3 },  /* unknown kind: ignored, with a warning */
  { "NOT kind:event", 4 },
  { "ticker:ACME", 2 },          /* any exchange */
  { "ticker:six:acme", 1 },
  { "ticker:Nasdaq:ENGN", 1 },
  { "ticker:NasdaqGS:ENGN", 1 }, /* the exchange as written, normalised */
  { "ticker:nyse:ENGN", 0 },
  { "ticker:isin:CH0012221716", 1 },
  { "lang:de", 1 },
  { "lang:en", 3 },
  { "lang:zh", 1 },
  { "is:unread", 4 },
  { "is:read", 1 },
  { "is:bookmarked", 1 },
  { "is:unread round", 2 },
  { "is:bookmarked OR is:read", 2 },
  { "NOT is:unread", 1 },
  { "after:2021-01-01", 3 },
  { "after:2021", 3 },
  { "before:2021-12-31", 3 },
  { "after:2021-01-01 before:2021-12-31", 2 },
  { "before:2020", 1 },
  { "before:2019-12-31", 0 },
  { "连云港", 1 },             /* trigram */
  { "圆桌", 1 },               /* two characters: substring scan */
  { "合作组织 round", 0 },
  { "(round OR notice) is:unread", 3 },
  { "round OR is:bookmarked", 3 },
  /* Malformed: plain words, never an error. */
  { "\"round table", 2 },
  { "round NOT", 0 },
  { "NOT", 0 },
  { "(round", 3 },
  { "round^ table*", 2 },
  { "colour:red round", 0 },
  { "{title}: round", 0 },
  { "NEAR(round table)", 0 },
  { "round\" AND \"table", 0 },
  { "***", 5 },
};

static void
test_execute (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrQuery) query = pr_query_new (cases[i].query);
      g_autoptr(GError) error = NULL;
      gint64 count = pr_store_count (library, query, PR_FILTER_ALL, &error);

      g_assert_no_error (error);
      if (count != cases[i].count)
        g_error ("“%s”: %" G_GINT64_FORMAT " releases, expected %" G_GINT64_FORMAT,
                 cases[i].query, count, cases[i].count);
    }
}

/* Random text from the syntax's alphabet never gives an SQLite error. */
static void
test_fuzz (void)
{
  static const char * const pieces[] = {
    "\"", "(", ")", "*", "-", ":", "^", "{", "}", "AND", "OR", "NOT", "NEAR", "round",
    "table", "source:", "org:", "is:", "after:", "before:", "lang:", "place:", "person:",
    "issuer:", "kind:", "ticker:", "ticker::", "kind:*",
    "连云", "港", "'", ";", "%", "_", "\\", "\x01", "é", " ", " ", " ", "+", ",", ".",
  };
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 3000; i++)
    {
      GString *text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 12);
      g_autoptr(PrQuery) query = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      query = pr_query_new (text->str);
      pr_store_count (library, query, PR_FILTER_UNREAD, &error);
      if (error != NULL)
        g_error ("“%s” (MATCH %s): %s", text->str, pr_query_get_match (query), error->message);
      results = pr_store_search (library, query, PR_FILTER_ALL, PR_SORT_RELEVANCE, 0, 10, &error);
      if (error != NULL)
        g_error ("“%s”: %s", text->str, error->message);
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

static char *
titles (PrQuery *query,
        PrSort   sort)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = pr_store_search (library, query, PR_FILTER_ALL, sort, 0, 100, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      const char *title = pr_release_get_title (g_ptr_array_index (results, i));

      g_string_append_printf (out, "%s%.6s", i > 0 ? "|" : "", title);
    }
  return g_string_free (out, FALSE);
}

static void
test_sort (void)
{
  g_autoptr(PrQuery) all = pr_query_new (NULL);
  g_autoptr(PrQuery) round = pr_query_new ("round");
  g_autofree char *by_date = titles (all, PR_SORT_DATE);
  g_autofree char *by_title = titles (all, PR_SORT_TITLE);
  g_autofree char *by_source = titles (all, PR_SORT_SOURCE);
  g_autofree char *by_relevance = titles (round, PR_SORT_RELEVANCE);
  g_autofree char *paged = NULL;
  g_autoptr(GPtrArray) page = NULL;

  /* Newest first, undated last. */
  g_assert_cmpstr (by_date, ==, "连云|The 20|Turbin|Annual|Undate");
  g_assert_cmpstr (by_title, ==, "Annual|The 20|Turbin|Undate|连云");
  g_assert_cmpstr (by_source, ==, "Undate|Turbin|Annual|连云|The 20");
  /* The title weighs most. */
  g_assert_true (g_str_has_prefix (by_relevance, "The 20|"));

  page = pr_store_search (library, all, PR_FILTER_ALL, PR_SORT_DATE, 3, 10, NULL);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (pr_release_get_title (page->pdata[0]), ==, "Annual results");
}

static void
test_snippets (void)
{
  g_autoptr(PrQuery) query = pr_query_new ("turbine*");
  g_autoptr(PrQuery) cjk = pr_query_new ("连云港");
  g_autoptr(PrQuery) none = pr_query_new ("is:unread");
  g_autoptr(GPtrArray) hits = pr_store_search (library, query, PR_FILTER_ALL, PR_SORT_DATE, 0, 1, NULL);
  g_autoptr(GPtrArray) cjk_hits = pr_store_search (library, cjk, PR_FILTER_ALL, PR_SORT_DATE, 0, 1, NULL);
  g_autofree char *snippet = NULL;
  g_autofree char *cjk_snippet = NULL;
  g_autofree char *markup = NULL;
  gint64 id;

  g_assert_cmpuint (hits->len, ==, 1);
  id = pr_release_get_store_id (hits->pdata[0]);
  snippet = pr_store_dup_snippet (library, query, id);
  g_assert_nonnull (strstr (snippet, PR_SNIPPET_START "turbine" PR_SNIPPET_END));
  markup = pr_snippet_to_markup (snippet, "<b>", "</b>");
  g_assert_nonnull (strstr (markup, "<b>turbine</b>"));

  cjk_snippet = pr_store_dup_snippet (library, cjk, pr_release_get_store_id (cjk_hits->pdata[0]));
  g_assert_nonnull (strstr (cjk_snippet, PR_SNIPPET_START "连云港" PR_SNIPPET_END));

  g_assert_null (pr_store_dup_snippet (library, none, id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  library_dir = test_tmpdir ();
  library = test_store_open (library_dir);
  add_corpus (library);

  g_test_add_func ("/library/query/parse-terms", test_parse_terms);
  g_test_add_func ("/library/query/parse-filters", test_parse_filters);
  g_test_add_func ("/library/query/parse-facts", test_parse_facts);
  g_test_add_func ("/library/query/parse-malformed", test_parse_malformed);
  g_test_add_func ("/library/query/parse-odd", test_parse_odd);
  g_test_add_func ("/library/query/term-cap", test_term_cap);
  g_test_add_func ("/library/query/short-prefix", test_short_prefix);
  g_test_add_func ("/library/query/normalize", test_normalize);
  g_test_add_func ("/library/query/snippet-markup", test_snippet_markup);
  g_test_add_func ("/library/query/snippet-find", test_snippet_find);
  g_test_add_func ("/library/query/snippet-agrees", test_snippet_agrees);
  g_test_add_func ("/library/query/execute", test_execute);
  g_test_add_func ("/library/query/fuzz", test_fuzz);
  g_test_add_func ("/library/query/sort", test_sort);
  g_test_add_func ("/library/query/snippets", test_snippets);

  status = g_test_run ();

  g_clear_object (&library);
  test_tmpdir_free (library_dir);
  return status;
}
