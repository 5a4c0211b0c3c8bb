/* test-corpus.c: scores ../shared/corpus by the rules of its README */
#include "corpus-score.h"

#include <string.h>

#define PASS_MARK 95.0

/* Marks for the facts (tests/data/corpus-facts.tsv), as issue 16 asks. */
#define ISSUER_MARK 95.0
#define KIND_MARK 90.0
#define TICKER_MARK 98.0
#define PEOPLE_PRECISION_MARK 90.0
#define PEOPLE_RECALL_MARK 90.0

static void
test_corpus (void)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  guint checked = 0, matched = 0;
  double score;

  if (table == NULL)
    return;

  g_assert_cmpstr (table->header[0], ==, "file");
  g_assert_cmpuint (g_strv_length (table->header), ==, 7);

  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) r = NULL;

      path = g_build_filename (table->shared, cells[0], NULL);
      file = g_file_new_for_path (path);
      r = pr_parse_file (file, NULL, &error);
      if (r == NULL)
        g_test_message ("%s: %s", cells[0], error->message);
      corpus_score_row (table, cells, r, cells[0], &checked, &matched);
    }

  g_assert_cmpuint (checked, >, 0);
  score = corpus_score_percent ("corpus", matched, checked);
  g_assert_cmpfloat (score, >=, PASS_MARK);
}

/* ---- the facts: issuer, kind, tickers, people ------------------------ */

/* Case and accents folded, the legal forms and punctuation dropped: how
 * two names of one organisation or person are compared. */
static char *
fact_key (const char *name)
{
  static const char * const legal[] = {
    "incorporated", "inc", "corporation", "corp", "limited", "ltd", "llc", "plc", "gmbh",
    "ag", "sa", "s a", "sa de cv", "co", "nv", "bv", "pty", NULL,
  };
  g_autofree char *nfd = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autofree char *folded = g_utf8_casefold (nfd, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean changed = TRUE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (c != '.' && out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; legal[i] != NULL; i++)
        {
          gsize n = strlen (legal[i]);

          if (out->len > n + 1 && g_str_has_suffix (out->str, legal[i]) &&
              out->str[out->len - n - 1] == ' ')
            {
              g_string_truncate (out, out->len - n - 1);
              changed = TRUE;
            }
        }
    }
  return g_strdup (out->str);
}

/* A cell's " | " or "," separated values as keys (or as written). */
static GPtrArray *
cell_values (const char *cell,
             const char *separator,
             gboolean    keys)
{
  g_auto(GStrv) parts = g_strsplit (cell, separator, -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);

      if (*value != '\0')
        g_ptr_array_add (out, keys ? fact_key (value) : g_strdup (value));
    }
  return out;
}

static GPtrArray *
strv_keys (const char * const *values)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (out, fact_key (values[i]));
  return out;
}

static gboolean
has_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

/* The same values, in any order. */
static gboolean
same_set (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!has_key (b, g_ptr_array_index (a, i)))
      return FALSE;
  return TRUE;
}

static char *
join_keys (GPtrArray *keys)
{
  g_ptr_array_add (keys, NULL);
  {
    char *joined = g_strjoinv (" | ", (char **) keys->pdata);
    g_ptr_array_remove_index (keys, keys->len - 1);
    return joined;
  }
}

static double
percent (const char *what,
         guint       good,
         guint       all)
{
  double p = all > 0 ? 100.0 * good / all : 0.0;

  g_test_message ("%s: %u/%u = %.1f%%", what, good, all, p);
  g_print ("# facts %s: %u/%u = %.1f%%\n", what, good, all, p);
  return p;
}

/* Scores the labels of PR_FACTS_TSV (default tests/data/corpus-facts.tsv,
 * whose files are relative to PR_SHARED_DIR): a held-out set is scored
 * the same way by pointing PR_FACTS_TSV at its labels. */
static void
test_facts (void)
{
  const char *shared = g_getenv ("PR_SHARED_DIR");
  g_autofree char *path = g_strdup (g_getenv ("PR_FACTS_TSV"));
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int col_issuer = -1, col_kind = -1, col_tickers = -1, col_people = -1;
  guint releases = 0, issuer_ok = 0, kind_ok = 0, tickers_ok = 0;
  guint people_labelled = 0, people_found = 0, people_right = 0;

  if (path == NULL)
    path = g_test_build_filename (G_TEST_DIST, "data", "corpus-facts.tsv", NULL);
  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("PR_SHARED_DIR is not a folder: no corpus to score");
      return;
    }
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], "\t", -1);
  for (int i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], "issuer"))
        col_issuer = i;
      else if (g_str_equal (header[i], "kind"))
        col_kind = i;
      else if (g_str_equal (header[i], "tickers"))
        col_tickers = i;
      else if (g_str_equal (header[i], "people"))
        col_people = i;
    }
  g_assert_cmpint (col_issuer, >, 0);
  g_assert_cmpint (col_kind, >, 0);
  g_assert_cmpint (col_tickers, >, 0);
  g_assert_cmpint (col_people, >, 0);

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[l], "\t", -1);
      g_autofree char *file_path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(PrRelease) r = NULL;
      g_autoptr(GPtrArray) want_issuers = NULL, got_issuers = NULL;
      g_autoptr(GPtrArray) want_tickers = NULL, got_tickers = NULL;
      g_autoptr(GPtrArray) want_people = NULL, got_people = NULL;
      const char *kind;

      if (*lines[l] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (cells), >, (guint) col_people);
      file_path = g_build_filename (shared, cells[0], NULL);
      file = g_file_new_for_path (file_path);
      r = pr_parse_file (file, NULL, &error);
      g_assert_no_error (error);
      releases++;

      want_issuers = cell_values (cells[col_issuer], "|", TRUE);
      got_issuers = strv_keys (pr_release_get_list (r, PR_LIST_ISSUERS));
      if (same_set (want_issuers, got_issuers))
        issuer_ok++;
      else
        {
          g_autofree char *w = join_keys (want_issuers), *g = join_keys (got_issuers);
          g_test_message ("%s: issuer “%s”, found “%s”", cells[0], w, g);
        }

      kind = pr_release_get_field (r, PR_FIELD_KIND);
      if (g_strcmp0 (kind, cells[col_kind]) == 0)
        kind_ok++;
      else
        g_test_message ("%s: kind %s, found %s", cells[0], cells[col_kind], kind);

      /* Tickers as written in the labels: EXCHANGE:SYMBOL, in order. */
      want_tickers = cell_values (cells[col_tickers], ",", FALSE);
      got_tickers = g_ptr_array_new_with_free_func (g_free);
      for (const char * const *t = pr_release_get_list (r, PR_LIST_TICKERS); *t != NULL; t++)
        g_ptr_array_add (got_tickers, g_strdup (*t));
      if (same_set (want_tickers, got_tickers))
        tickers_ok++;
      else
        {
          g_autofree char *w = join_keys (want_tickers), *g = join_keys (got_tickers);
          g_test_message ("%s: tickers “%s”, found “%s”", cells[0], w, g);
        }

      want_people = cell_values (cells[col_people], "|", TRUE);
      got_people = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < pr_release_get_people (r)->len; i++)
        g_ptr_array_add (got_people,
                         fact_key (pr_entity_get_name (g_ptr_array_index (pr_release_get_people (r), i))));
      people_labelled += want_people->len;
      people_found += got_people->len;
      for (guint i = 0; i < got_people->len; i++)
        {
          if (has_key (want_people, g_ptr_array_index (got_people, i)))
            people_right++;
          else
            g_test_message ("%s: person “%s” is not labelled", cells[0],
                            (char *) g_ptr_array_index (got_people, i));
        }
      for (guint i = 0; i < want_people->len; i++)
        if (!has_key (got_people, g_ptr_array_index (want_people, i)))
          g_test_message ("%s: person “%s” not found", cells[0],
                          (char *) g_ptr_array_index (want_people, i));
    }

  g_assert_cmpuint (releases, >, 0);
  {
    /* Every figure printed before any is judged. */
    double issuer = percent ("issuer", issuer_ok, releases);
    double kind = percent ("kind", kind_ok, releases);
    double tickers = percent ("tickers", tickers_ok, releases);
    double precision = percent ("people precision", people_right, people_found);
    double recall = percent ("people recall", people_right, people_labelled);

    g_assert_cmpfloat (issuer, >=, ISSUER_MARK);
    g_assert_cmpfloat (kind, >=, KIND_MARK);
    g_assert_cmpfloat (tickers, >=, TICKER_MARK);
    g_assert_cmpfloat (precision, >=, PEOPLE_PRECISION_MARK);
    g_assert_cmpfloat (recall, >=, PEOPLE_RECALL_MARK);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/corpus/score", test_corpus);
  g_test_add_func ("/core/corpus/facts", test_facts);

  return g_test_run ();
}
