/* test-corpus.c: scores ../shared/corpus by the rules of its README */
#include "corpus-score.h"

#define PASS_MARK 95.0

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/corpus/score", test_corpus);

  return g_test_run ();
}
