/* test-cli-library.c: the library's command-line modes (--import,
 * --search, --export-json --bookmarked), run in subprocesses for their
 * output and exit status */
#include <stdlib.h>

#include "library-test.h"
#include "pr-cli-library.h"

static char *dir;
static char *library;
static char *releases;

static const char release_a[] =
  "Acme Launches a Quieter Wind Turbine\n\n"
  "LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp today announced the T-9, a wind turbine "
  "that runs at half the noise of its predecessor.\n";
static const char release_b[] =
  "Globex Reports Record Third Quarter\n\n"
  "SPRINGFIELD, Ill., Oct. 21, 2023 /Business Wire/ -- Globex Corporation reported record "
  "revenue for the third quarter, driven by its turbine division.\n";

static void
child_import (void)
{
  char *paths[] = { releases, NULL };

  exit (pr_cli_import (library, paths));
}

static void
child_search (void)
{
  exit (pr_cli_search (library, "turbine", FALSE));
}

static void
child_search_json (void)
{
  exit (pr_cli_search (library, "turbine is:archived", TRUE));
}

static void
child_search_none (void)
{
  exit (pr_cli_search (library, "zeppelin", FALSE));
}

static void
child_no_library (void)
{
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);

  exit (pr_cli_search (missing, "turbine", FALSE));
}

static void
child_bookmarked (void)
{
  exit (pr_cli_export_bookmarked (library));
}

static void
test_modes (void)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("globex");

  test_write_file (releases, "a.txt", release_a, -1);
  test_write_file (releases, "b.txt", release_b, -1);
  test_write_file (releases, "empty.txt", "", 0);

  /* Import: a summary, the failure with its reason, status 1. */
  g_test_trap_subprocess ("/library/cli/subprocess/import", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*imported: 2\n*updated: 0\n*unchanged: 0\n*failed: 1\n*empty.txt: *");

  /* Again, with nothing new and the bad file gone: status 0. */
  {
    g_autofree char *empty = g_build_filename (releases, "empty.txt", NULL);

    test_remove_tree (empty);
  }
  g_test_trap_subprocess ("/library/cli/subprocess/import", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*imported: 0\n*unchanged: 2\n*failed: 0\n");

  g_test_trap_subprocess ("/library/cli/subprocess/search", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("2024-01-05\tPR Newswire\tAcme Launches a Quieter Wind Turbine\n"
                             "2023-10-21\tBusiness Wire\tGlobex Reports Record Third Quarter\n");

  g_test_trap_subprocess ("/library/cli/subprocess/search-json", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*\"pressreader-catalog\"*Acme Launches*Globex Reports*");
  g_test_trap_assert_stderr ("*Unknown filter*is:archived*");

  g_test_trap_subprocess ("/library/cli/subprocess/search-none", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");

  g_test_trap_subprocess ("/library/cli/subprocess/no-library", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*No library at*");

  /* Bookmarks, as a catalog with their state. */
  store = test_store_open (dir);
  hits = pr_store_search (store, query, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (pr_store_set_bookmarked (store, pr_release_get_store_id (hits->pdata[0]), TRUE, NULL));
  g_clear_object (&store);

  g_test_trap_subprocess ("/library/cli/subprocess/bookmarked", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Globex Reports*\"bookmarked\"*true*");
  g_test_trap_assert_stdout_unmatched ("*Acme Launches*");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_strdup (g_getenv ("PR_TEST_CLI_DIR"));
  if (dir == NULL)
    {
      dir = test_tmpdir ();
      g_setenv ("PR_TEST_CLI_DIR", dir, TRUE);
    }
  library = g_build_filename (dir, "library.db", NULL);
  releases = g_build_filename (dir, "releases", NULL);

  g_test_add_func ("/library/cli/modes", test_modes);
  g_test_add_func ("/library/cli/subprocess/import", child_import);
  g_test_add_func ("/library/cli/subprocess/search", child_search);
  g_test_add_func ("/library/cli/subprocess/search-json", child_search_json);
  g_test_add_func ("/library/cli/subprocess/search-none", child_search_none);
  g_test_add_func ("/library/cli/subprocess/no-library", child_no_library);
  g_test_add_func ("/library/cli/subprocess/bookmarked", child_bookmarked);

  status = g_test_run ();

  if (!g_test_subprocess ())
    test_tmpdir_free (dir);
  return status;
}
