/* test-corpus.c: scores ../shared/corpus by the rules of its README */
#include <string.h>

#include "corpus-score.h"

#define PASS_MARK 95.0

static void
test_corpus (void)
{
  const char *shared = NULL;
  g_auto(GStrv) rows = NULL;
  g_auto(GStrv) header = NULL;
  guint checked = 0, matched = 0;
  double score;

  if ((rows = corpus_score_load (&shared)) == NULL)
    return;
  header = g_strsplit (rows[0], "\t", -1);
  g_assert_cmpstr (header[0], ==, "file");
  g_assert_cmpuint (g_strv_length (header), ==, 7);

  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], "\t", -1);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) r = NULL;

      if (*g_strstrip (rows[i]) == '\0')
        continue;
      cells = (g_strfreev (cells), g_strsplit (rows[i], "\t", -1));
      path = g_build_filename (shared, cells[0], NULL);
      file = g_file_new_for_path (path);
      r = pr_parse_file (file, NULL, &error);
      if (r == NULL)
        g_test_message ("%s: %s", cells[0], error->message);

      corpus_score_row (r, cells, header, cells[0], &checked, &matched);
    }

  g_assert_cmpuint (checked, >, 0);
  score = 100.0 * matched / checked;
  g_test_message ("corpus score: %u/%u cells = %.1f%%", matched, checked, score);
  g_print ("# corpus score: %u/%u cells = %.1f%%\n", matched, checked, score);
  g_assert_cmpfloat (score, >=, PASS_MARK);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/corpus/score", test_corpus);

  return g_test_run ();
}
