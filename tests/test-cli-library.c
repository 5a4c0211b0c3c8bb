/* test-cli-library.c: the library's command-line modes (--import,
 * --search, --export-json --bookmarked, --export FORMAT with a selection),
 * run in subprocesses for their output and exit status */
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
child_export_csv_search (void)
{
  PrCliSelection selection = { .search = "turbine" };

  exit (pr_cli_export (library, &selection, PR_EXPORT_FORMAT_CSV));
}

static void
child_export_csv_none (void)
{
  PrCliSelection selection = { .search = "zeppelin is:archived" };

  exit (pr_cli_export (library, &selection, PR_EXPORT_FORMAT_CSV));
}

static void
child_export_markdown_bookmarked (void)
{
  PrCliSelection selection = { .bookmarked = TRUE };

  exit (pr_cli_export (library, &selection, PR_EXPORT_FORMAT_MARKDOWN));
}

static void
child_export_search_bookmarked (void)
{
  PrCliSelection selection = { .bookmarked = TRUE, .search = "turbine" };

  exit (pr_cli_export (library, &selection, PR_EXPORT_FORMAT_CSV));
}

static void
child_export_feed_unknown (void)
{
  PrCliSelection selection = { .feed = "https://feeds.example/none.xml" };

  exit (pr_cli_export (library, &selection, PR_EXPORT_FORMAT_MARKDOWN));
}

/* --- a damaged library, in each mode ------------------------------------ */

static const char notes[] = "These are someone's notes, not a library, saved over it by mistake.\n";

static char *
damaged_path (const char *mode)
{
  g_autofree char *name = g_strdup_printf ("damaged-%s.db", mode);

  return g_build_filename (dir, name, NULL);
}

/* The children free what they made before exit(), for the leak checker. */
static void
child_damaged_import (void)
{
  char *path = damaged_path ("import");
  char *paths[] = { releases, NULL };
  int status = pr_cli_import (path, paths);

  g_free (path);
  exit (status);
}

static void
child_damaged_search (void)
{
  char *path = damaged_path ("search");
  int status = pr_cli_search (path, "turbine", FALSE);

  g_free (path);
  exit (status);
}

static void
child_damaged_bookmarked (void)
{
  char *path = damaged_path ("bookmarked");
  int status = pr_cli_export_bookmarked (path);

  g_free (path);
  exit (status);
}

/* Each mode moves the damaged library aside, says so on standard error
 * naming both files, and goes on with a new library. */
static void
test_damaged (void)
{
  const struct {
    const char *mode;
    gboolean passes;
    const char *out;
  } modes[] = {
    { "import", TRUE, "*imported: 2\n*" },
    { "search", FALSE, "" },
    { "bookmarked", TRUE, "*\"releases\" : []*" },
  };

  test_write_file (releases, "a.txt", release_a, -1);
  test_write_file (releases, "b.txt", release_b, -1);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = damaged_path (modes[i].mode);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *child = g_strconcat ("/library/cli/subprocess/damaged-", modes[i].mode, NULL);
      g_autofree char *pattern = g_strdup_printf ("*: The library *%s* is damaged (file is not a database). "
                                                  "It was moved to *%s.damaged-20*, and a new, empty "
                                                  "library was started in its place; nothing was deleted.\n*",
                                                  path, path);
      g_autoptr(GDir) folder = NULL;
      g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
      const char *name;
      guint moved = 0;

      test_write_file (dir, base, notes, -1);
      g_test_trap_subprocess (child, 0, G_TEST_SUBPROCESS_DEFAULT);
      if (modes[i].passes)
        g_test_trap_assert_passed ();
      else
        g_test_trap_assert_failed ();
      g_test_trap_assert_stderr (pattern);
      g_test_trap_assert_stdout (modes[i].out);

      /* The notes beside it, whole; a library where they were. */
      folder = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (folder)) != NULL)
        if (g_str_has_prefix (name, prefix))
          {
            g_autofree char *file = g_build_filename (dir, name, NULL);
            g_autofree char *contents = NULL;

            g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
            g_assert_cmpstr (contents, ==, notes);
            moved++;
          }
      g_assert_cmpuint (moved, ==, 1);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);

        g_assert_no_error (error);
        g_assert_null (pr_store_get_moved_aside_path (store));
        g_assert_cmpint (test_count (store, NULL), ==, g_str_equal (modes[i].mode, "import") ? 2 : 0);
      }
    }
}

/* A library from a newer version: refused, named, untouched. */
static void
child_too_new (void)
{
  char *path = damaged_path ("too-new");
  int status = pr_cli_search (path, "turbine", FALSE);

  g_free (path);
  exit (status);
}

static void
test_too_new (void)
{
  g_autofree char *path = damaged_path ("too-new");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pattern = g_strdup_printf ("*: *%s* was written by a newer version of PressReader "
                                              "(library version 99, this version reads up to %d); "
                                              "it was left untouched\n", path, PR_STORE_SCHEMA_VERSION);
  gsize length = 0;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);

    g_assert_no_error (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) sqlite = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sqlite3", path,
                                                      "PRAGMA user_version = 99", NULL);

    if (sqlite == NULL)
      {
        g_test_skip ("no sqlite3 program");
        return;
      }
    g_assert_true (g_subprocess_wait_check (sqlite, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &before, &length, NULL));

  g_test_trap_subprocess ("/library/cli/subprocess/too-new", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr (pattern);
  g_test_trap_assert_stdout ("");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, length) == 0);
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

  /* --export csv --search: a row per hit, newest first. */
  g_test_trap_subprocess ("/library/cli/subprocess/export-csv-search", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("date,wire,headline,place,organisations,people,link,issuer,kind,tickers\r\n"
                             "2024-01-05,PR Newswire,Acme Launches a Quieter Wind Turbine,*\r\n"
                             "2023-10-21,Business Wire,Globex Reports Record Third Quarter,*\r\n");
  g_test_trap_assert_stderr ("");

  /* Nothing found is an empty export, not a failure; warnings on stderr. */
  g_test_trap_subprocess ("/library/cli/subprocess/export-csv-none", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("date,wire,headline,place,organisations,people,link,issuer,kind,tickers\r\n");
  g_test_trap_assert_stderr ("*Unknown filter*is:archived*");

  /* --export markdown --bookmarked: the one bookmarked release. */
  g_test_trap_subprocess ("/library/cli/subprocess/export-markdown-bookmarked", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("# Globex Reports Record Third Quarter\n\n"
                             "SPRINGFIELD, Ill., Oct. 21, 2023 /Business Wire/\n\n"
                             "- **Wire:** Business Wire\n*"
                             "Globex Corporation reported record revenue*\n");
  g_test_trap_assert_stdout_unmatched ("*Acme*");
  g_test_trap_assert_stdout_unmatched ("*\n---\n*");

  /* --search and --bookmarked together: the bookmarked hits. */
  g_test_trap_subprocess ("/library/cli/subprocess/export-search-bookmarked", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("date,*\r\n2023-10-21,Business Wire,Globex Reports*\r\n");
  g_test_trap_assert_stdout_unmatched ("*Acme*");

  g_test_trap_subprocess ("/library/cli/subprocess/export-feed-unknown", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*feeds.example*");
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
  g_test_add_func ("/library/cli/subprocess/export-csv-search", child_export_csv_search);
  g_test_add_func ("/library/cli/subprocess/export-csv-none", child_export_csv_none);
  g_test_add_func ("/library/cli/subprocess/export-markdown-bookmarked",
                   child_export_markdown_bookmarked);
  g_test_add_func ("/library/cli/subprocess/export-search-bookmarked",
                   child_export_search_bookmarked);
  g_test_add_func ("/library/cli/subprocess/export-feed-unknown", child_export_feed_unknown);
  g_test_add_func ("/library/cli/damaged", test_damaged);
  g_test_add_func ("/library/cli/subprocess/damaged-import", child_damaged_import);
  g_test_add_func ("/library/cli/subprocess/damaged-search", child_damaged_search);
  g_test_add_func ("/library/cli/subprocess/damaged-bookmarked", child_damaged_bookmarked);
  g_test_add_func ("/library/cli/too-new", test_too_new);
  g_test_add_func ("/library/cli/subprocess/too-new", child_too_new);

  status = g_test_run ();

  if (!g_test_subprocess ())
    test_tmpdir_free (dir);
  return status;
}
