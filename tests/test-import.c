/* test-import.c: importing files, folders and catalogs */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kill-test.h"
#include "library-test.h"
#include "pr-catalog.h"
#include "pr-import.h"

/* Small, realistic releases (counts only are asserted: the parser has
 * its own tests). */
static const char release_a[] =
  "Acme Launches a Quieter Wind Turbine\n\n"
  "LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp today announced the T-9, a wind turbine "
  "that runs at half the noise of its predecessor.\n\n"
  "\"We listened to our neighbours,\" said Jane Doe, chief executive of Acme Corp.\n";
static const char release_b[] =
  "Globex Reports Record Third Quarter\n\n"
  "SPRINGFIELD, Ill., Oct. 21, 2023 /Business Wire/ -- Globex Corporation reported record "
  "revenue for the third quarter, driven by its energy division.\n";
static const char release_b_edited[] =
  "Globex Reports Record Third Quarter\n\n"
  "SPRINGFIELD, Ill., Oct. 21, 2023 /Business Wire/ -- Globex Corporation reported record "
  "revenue for the third quarter, driven by its energy and water divisions.\n";
static const char release_c[] =
  "Initech Opens Office in Toronto\n\n"
  "TORONTO, March 3, 2022 /CNW/ -- Initech Inc. opened its first Canadian office today.\n";
static const char release_d[] =
  "Umbrella Names New Chief Scientist\n\n"
  "PARIS, June 1, 2021 /GlobeNewswire/ -- Umbrella SA named Dr. Alice Martin chief scientist.\n";

static PrImport *
run_import (PrStore    *store,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  PrImport *import = pr_import_new (store);

  pr_import_add_path (import, path);
  g_assert_true (pr_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pr_import_get_done (import), ==, pr_import_get_total (import));
  return import;
}

static void
assert_counts (PrImport *import,
               guint     imported,
               guint     updated,
               guint     unchanged,
               guint     failed)
{
  g_autoptr(GPtrArray) failures = pr_import_dup_failures (import);

  for (guint i = 0; i < failures->len; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      g_test_message ("failed: %s: %s", failure->path, failure->reason);
      g_assert_nonnull (failure->path);
      g_assert_nonnull (failure->reason);
    }
  g_assert_cmpuint (pr_import_get_imported (import), ==, imported);
  g_assert_cmpuint (pr_import_get_updated (import), ==, updated);
  g_assert_cmpuint (pr_import_get_unchanged (import), ==, unchanged);
  g_assert_cmpuint (pr_import_get_failed (import), ==, failed);
  g_assert_cmpuint (failures->len, ==, failed);
}

static gboolean
has_failure (PrImport   *import,
             const char *path_suffix,
             const char *reason_part)
{
  g_autoptr(GPtrArray) failures = pr_import_dup_failures (import);

  for (guint i = 0; i < failures->len; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      if (g_str_has_suffix (failure->path, path_suffix) &&
          (reason_part == NULL || strstr (failure->reason, reason_part) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_folders (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *tree = g_build_filename (dir, "tree", NULL);
  g_autofree char *loop = g_build_filename (tree, "sub", "loop", NULL);
  g_autofree char *alias = g_build_filename (tree, "zz-alias", NULL);
  g_autofree char *broken = g_build_filename (tree, "broken.txt", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrImport) import = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("globex");

  test_write_file (tree, "a.txt", release_a, -1);
  test_write_file (tree, "sub/b.txt", release_b, -1);
  test_write_file (tree, "sub/deeper/c.text", release_c, -1);
  test_write_file (tree, "sub/README.md", "# Notes\n\nNot a release.\n", -1);
  test_write_file (tree, "sub/noext", release_d, -1);
  test_write_file (tree, ".hidden.txt", release_d, -1);
  test_write_file (tree, "image.png", "\x89PNG\r\n\x1a\n", 8);
  test_write_file (tree, "empty.txt", "", 0);
  test_write_file (tree, "binary.txt", "abc\0def\0\0\0ghi", 13);
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  g_assert_cmpint (symlink ("sub", alias), ==, 0);
  g_assert_cmpint (symlink ("nowhere.txt", broken), ==, 0);

  /* Four releases; the empty and binary files, the loop and the broken
   * link fail; the hidden file, the image, README.md and the second way
   * into sub/ are skipped. */
  import = run_import (store, tree);
  assert_counts (import, 4, 0, 0, 4);
  g_assert_cmpuint (pr_import_get_total (import), ==, 6);
  g_assert_true (has_failure (import, "/empty.txt", NULL));
  g_assert_true (has_failure (import, "/binary.txt", NULL));
  g_assert_true (has_failure (import, "/sub/loop", "a link back"));
  g_assert_true (has_failure (import, "/broken.txt", "broken"));
  g_assert_cmpint (test_count (store, NULL), ==, 4);
  g_clear_object (&import);

  /* Again: nothing new. */
  import = run_import (store, tree);
  assert_counts (import, 0, 0, 4, 4);
  g_clear_object (&import);

  /* An edit updates its release and keeps its state; a copy is not added. */
  found = pr_store_search (store, query, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (pr_store_set_bookmarked (store, pr_release_get_store_id (found->pdata[0]), TRUE, NULL));
  test_write_file (tree, "sub/b.txt", release_b_edited, -1);
  test_write_file (tree, "copy-of-a.txt", release_a, -1);
  import = run_import (store, tree);
  assert_counts (import, 0, 1, 4, 4);
  g_assert_cmpint (test_count (store, NULL), ==, 4);
  g_assert_cmpint (test_count (store, "water is:bookmarked"), ==, 1);
  g_clear_object (&import);

  /* A single file, and a missing one. */
  {
    g_autofree char *single = g_build_filename (tree, "image.png", NULL);
    g_autofree char *missing = g_build_filename (tree, "missing.txt", NULL);

    import = pr_import_new (store);
    pr_import_add_path (import, single);
    pr_import_add_path (import, missing);
    g_assert_true (pr_import_run (import, NULL, NULL));
    assert_counts (import, 0, 0, 0, 2);
    g_assert_true (has_failure (import, "/missing.txt", NULL));
  }

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_catalogs (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PrImport) import = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *cat_path = g_build_filename (dir, "cat.json", NULL);
  gsize length;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Catalog release %u", i);
      PrRelease *release = test_release (title, "2024-04-01", "PR Newswire", "Catalogued text.", NULL);

      if (i == 1)
        {
          pr_release_set_bookmarked (release, TRUE);
          pr_release_set_bookmarked_at (release, 1700000000);
        }
      g_ptr_array_add (releases, release);
    }
  catalog = pr_catalog_to_string (releases, PR_CATALOG_WRITE_STATE, &length);
  test_write_file (dir, "cat.json", catalog, length);
  test_write_file (dir, "broken.json", "{ \"format\": ", -1);

  import = run_import (store, cat_path);
  assert_counts (import, 3, 0, 0, 0);
  g_assert_cmpuint (pr_import_get_total (import), ==, 3);
  g_assert_cmpint (test_count (store, "is:bookmarked"), ==, 1);
  g_clear_object (&import);

  /* A folder with both: the catalog's releases are known, the broken one fails. */
  import = run_import (store, dir);
  assert_counts (import, 0, 0, 3, 1);
  g_assert_true (has_failure (import, "/broken.json", NULL));

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Writes a mailbox of @n messages, each a small release of its own. */
static void
write_mbox (const char *path,
            guint       n)
{
  FILE *f = g_fopen (path, "wb");

  g_assert_nonnull (f);
  for (guint i = 1; i <= n; i++)
    fprintf (f,
             "From media@acme.example Tue Mar  4 09:00:00 2025\n"
             "From: Acme Media <media@acme.example>\n"
             "Date: Tue, 04 Mar 2025 09:00:00 -0500\n"
             "Subject: Release %u\n"
             "Message-ID: <%u@acme.example>\n"
             "\n"
             "Acme Robotics Ships Robot Number %u\n"
             "\n"
             "BOSTON, March 4, 2025 -- Acme Robotics, Inc. today shipped robot number %u to a "
             "warehouse in Lyon, where it will pick and pack at night.\n"
             "\n",
             i, i, i, i);
  g_assert_cmpint (fclose (f), ==, 0);
}

typedef struct {
  guint reports;
  guint written_before_read;  /* reports with rows written, mailbox not read to its end */
} Streaming;

static void
on_streaming_progress (PrImport  *import,
                       Streaming *streaming)
{
  streaming->reports++;
  if (pr_import_get_done (import) > 0 && pr_import_get_total (import) < 10000)
    streaming->written_before_read++;
}

/* A mailbox of 10,000 messages imports as 10,000 releases, written as
 * they are read: releases are in the library before the mailbox has been
 * read to its end (the total grows as messages are found), so it never
 * sits in memory whole. */
static void
test_mbox_10000 (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.mbox", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrImport) import = pr_import_new (store);
  g_autoptr(GError) error = NULL;
  Streaming streaming = { 0 };

  write_mbox (path, 10000);
  pr_import_add_path (import, path);
  g_signal_connect (import, "progress", G_CALLBACK (on_streaming_progress), &streaming);
  g_assert_true (pr_import_run (import, NULL, &error));
  g_assert_no_error (error);
  assert_counts (import, 10000, 0, 0, 0);
  g_assert_cmpuint (pr_import_get_done (import), ==, 10000);
  g_assert_cmpuint (pr_import_get_total (import), ==, 10000);
  g_assert_cmpint (test_count (store, NULL), ==, 10000);
  g_assert_cmpint (test_count (store, "\"robot number 9999\""), ==, 1);
  g_test_message ("%u progress reports, %u with releases written before the mailbox's end",
                  streaming.reports, streaming.written_before_read);
  g_assert_cmpuint (streaming.written_before_read, >, 0);

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Files whose names do not say they hold many releases are read whole
 * all the same: a mailbox without .mbox, a NewsML-G2 message in .txt. */
static void
test_many_unnamed (void)
{
  static const char message[] =
    "<?xml version=\"1.0\"?>\n"
    "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet>\n"
    "  <newsItem guid=\"urn:a\"><contentMeta><headline>Acme Opens a Plant in Berlin</headline></contentMeta>\n"
    "    <contentSet><inlineData contenttype=\"text/plain\">BERLIN, May 2, 2024 -- Acme opened a plant.</inlineData></contentSet></newsItem>\n"
    "  <newsItem guid=\"urn:b\"><contentMeta><headline>Acme Opens a Plant in Munich</headline></contentMeta>\n"
    "    <contentSet><inlineData contenttype=\"text/plain\">MUNICH, May 3, 2024 -- Acme opened another plant.</inlineData></contentSet></newsItem>\n"
    "</itemSet></newsMessage>\n";
  char *dir = test_tmpdir ();
  g_autofree char *tree = g_build_filename (dir, "tree", NULL);
  g_autofree char *inbox = g_build_filename (tree, "inbox", NULL);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrImport) import = NULL;

  test_write_file (tree, "a.txt", release_a, -1);
  test_write_file (tree, "items.txt", message, -1);
  write_mbox (inbox, 3);
  store = test_store_open (dir);

  import = run_import (store, tree);
  assert_counts (import, 6, 0, 0, 0);
  g_assert_cmpuint (pr_import_get_total (import), ==, 6);
  g_assert_cmpint (test_count (store, "\"robot number 3\""), ==, 1);
  g_assert_cmpint (test_count (store, "munich"), ==, 1);
  g_clear_object (&import);

  /* Again: the same releases, none twice. */
  import = run_import (store, tree);
  assert_counts (import, 0, 0, 6, 0);
  g_assert_cmpint (test_count (store, NULL), ==, 6);

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A web page keeps its canonical address as its origin in the library;
 * re-imports are still matched on the file's path. */
static void
test_page_origin (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *page_path = g_test_build_filename (G_TEST_DIST, "data", "formats",
                                                      "tidewater-page.html", NULL);
  g_autofree char *page = NULL;
  g_autofree char *copy = g_build_filename (dir, "tree", "page.html", NULL);
  g_autofree char *tree = g_build_filename (dir, "tree", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrImport) import = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) edited = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (page_path, &page, &length, NULL));
  test_write_file (tree, "page.html", page, length);
  import = run_import (store, tree);
  assert_counts (import, 1, 0, 0, 0);
  g_clear_object (&import);

  found = pr_store_search (store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (pr_release_get_field (found->pdata[0], PR_FIELD_ORIGIN), ==,
                   "https://wire.example/news/tidewater-ferries-electric-vessels");
  g_assert_true (pr_store_set_read (store, pr_release_get_store_id (found->pdata[0]), TRUE, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);

  import = run_import (store, tree);
  assert_counts (import, 0, 0, 1, 0);
  g_clear_object (&import);

  /* An edited page updates its release, which stays read. */
  edited = g_string_new (page);
  g_assert_cmpint (g_string_replace (edited, "</p>", " Edited.</p>", 1), ==, 1);
  test_write_file (tree, "page.html", edited->str, edited->len);
  import = run_import (store, copy);
  assert_counts (import, 0, 1, 0, 0);
  g_assert_cmpint (test_count (store, NULL), ==, 1);
  g_assert_cmpint (test_count (store, "is:read"), ==, 1);

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A parser for tests: the first line is the title, the rest the body;
 * files with "FAIL" in them fail. */
static PrRelease *
simple_parse (GFile         *file,
              GCancellable  *cancellable,
              gpointer       user_data,
              GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;

  if (!g_file_load_contents (file, cancellable, &contents, NULL, NULL, error))
    return NULL;
  if (strstr (contents, "FAIL") != NULL)
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT, "no release in it");
      return NULL;
    }
  parts = g_strsplit (contents, "\n", 2);
  return test_release (parts[0], "2024-01-01", "Test Wire", parts[1], NULL);
}

static void
write_many (const char *dir,
            guint       n,
            guint       fail_every)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%02u/r%05u.txt", i % 7, i);
      g_autofree char *text = g_strdup_printf ("Release number %u\nBody of %u.%s\n", i, i,
                                               fail_every > 0 && i % fail_every == 0 ? " FAIL" : "");

      test_write_file (dir, name, text, -1);
    }
}

typedef struct {
  GThread *thread;
  guint signals;
  guint last_done;
  guint cancel_at;
  GCancellable *cancellable;
  gboolean finished;
  gboolean ok;
  GError *error;
} Progress;

static void
on_progress (PrImport *import,
             Progress *progress)
{
  guint done = pr_import_get_done (import);
  g_autofree char *current = pr_import_dup_current_file (import);

  g_assert_true (g_thread_self () == progress->thread);
  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, pr_import_get_total (import));
  progress->last_done = done;
  progress->signals++;
  if (progress->cancel_at > 0 && done >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Progress *progress = user_data;

  progress->ok = pr_import_run_finish (PR_IMPORT (source), result, &progress->error);
  progress->finished = TRUE;
}

static void
test_async_progress (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *files = g_build_filename (dir, "files", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrImport) import = pr_import_new (store);
  Progress progress = { g_thread_self () };

  write_many (files, 1500, 50);
  pr_import_set_parse_func (import, simple_parse, NULL, NULL);
  pr_import_add_path (import, files);
  g_signal_connect (import, "progress", G_CALLBACK (on_progress), &progress);
  pr_import_run_async (import, NULL, on_finished, &progress);
  while (!progress.finished)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (progress.error);
  g_assert_true (progress.ok);
  /* One bad file in fifty fails alone, across batches. */
  assert_counts (import, 1470, 0, 0, 30);
  g_assert_cmpuint (pr_import_get_done (import), ==, 1500);
  g_assert_cmpuint (pr_import_get_total (import), ==, 1500);
  g_assert_cmpint (test_count (store, NULL), ==, 1470);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (progress.signals, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, 1500);

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_cancel (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *files = g_build_filename (dir, "files", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrImport) import = pr_import_new (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { g_thread_self () };

  write_many (files, 3000, 0);
  pr_import_set_parse_func (import, simple_parse, NULL, NULL);
  pr_import_add_path (import, files);
  progress.cancellable = cancellable;
  progress.cancel_at = 300;
  g_signal_connect (import, "progress", G_CALLBACK (on_progress), &progress);

  /* In this thread, as the command line does. */
  progress.ok = pr_import_run (import, cancellable, &progress.error);
  g_assert_false (progress.ok);
  g_assert_error (progress.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&progress.error);

  /* What was written stays, and the counters say what it is. */
  g_assert_cmpuint (pr_import_get_imported (import), >=, 256);
  g_assert_cmpuint (pr_import_get_imported (import), <, 3000);
  g_assert_cmpint (test_count (store, NULL), ==, pr_import_get_imported (import));

  g_clear_object (&import);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* ---- kill -9 of an importing process ---------------------------------- *
 *
 * The child imports a folder of new releases while a second thread marks
 * releases of the library read or bookmarked, as a user would while an
 * import runs; it prints "open" once the library is open, "imported N"
 * whenever the import's counter says N releases are committed, and
 * "read ID" or "bookmarked ID" when a mark was saved. The parent kills it with SIGKILL at a random moment and
 * checks the library. */

static char *self_exe;

typedef struct {
  PrStore *store;
  PrImport *import;
  GRand *rand;
  gint stop;
} Marker;

/* Prints the import's counter of committed releases whenever it moves:
 * the "progress" signal is throttled, the counter is not. */
static gpointer
report_imported (gpointer data)
{
  Marker *marker = data;
  guint last = 0;

  while (!g_atomic_int_get (&marker->stop))
    {
      guint imported = pr_import_get_imported (marker->import);

      if (imported != last)
        {
          printf ("imported %u\n", imported);
          fflush (stdout);
          last = imported;
        }
      g_usleep (200);
    }
  return NULL;
}

static gpointer
mark_releases (gpointer data)
{
  Marker *marker = data;

  while (!g_atomic_int_get (&marker->stop))
    {
      gint64 count = pr_store_count (marker->store, NULL, PR_FILTER_ALL, NULL);
      g_autoptr(GPtrArray) page = NULL;

      if (count > 0)
        page = pr_store_search (marker->store, NULL, PR_FILTER_ALL, PR_SORT_DATE,
                                g_rand_int_range (marker->rand, 0, (gint32) count), 1, NULL);
      if (page != NULL && page->len == 1)
        {
          gint64 id = pr_release_get_store_id (g_ptr_array_index (page, 0));

          if (g_rand_boolean (marker->rand))
            {
              if (pr_store_set_read (marker->store, id, TRUE, NULL))
                printf ("read %" G_GINT64_FORMAT "\n", id);
            }
          else if (pr_store_set_bookmarked (marker->store, id, TRUE, NULL))
            printf ("bookmarked %" G_GINT64_FORMAT "\n", id);
          fflush (stdout);
        }
      g_usleep (g_rand_int_range (marker->rand, 500, 3000));
    }
  return NULL;
}

static int
kill_child (const char *library,
            const char *files,
            const char *seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autoptr(PrImport) import = NULL;
  Marker marker = { 0 };
  GThread *marking, *reporting;
  gboolean ok;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  import = pr_import_new (store);
  pr_import_set_parse_func (import, simple_parse, NULL, NULL);
  pr_import_add_path (import, files);
  marker.store = store;
  marker.import = import;
  marker.rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  /* Open: the parent's clock for the start-up. */
  printf ("open\n");
  fflush (stdout);
  marking = g_thread_new ("marker", mark_releases, &marker);
  reporting = g_thread_new ("reporter", report_imported, &marker);

  ok = pr_import_run (import, NULL, &error);
  g_atomic_int_set (&marker.stop, TRUE);
  g_thread_join (reporting);
  g_thread_join (marking);
  printf ("imported %u\ndone\n", pr_import_get_imported (import));
  fflush (stdout);
  g_rand_free (marker.rand);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* How many of the ids in @ids_file (one a line) meet @condition. */
static gint64
count_marked (const char *path,
              const char *ids_file,
              const char *condition)
{
  g_autofree char *ids = NULL;
  g_auto(GStrv) lines = NULL;
  GString *sql = g_string_new (NULL);
  gint64 count;

  g_assert_true (g_file_get_contents (ids_file, &ids, NULL, NULL));
  lines = g_strsplit (ids, "\n", -1);
  g_string_printf (sql, "SELECT count(*) FROM releases WHERE %s AND id IN (0", condition);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_string_append_printf (sql, ", %" G_GINT64_FORMAT, g_ascii_strtoll (lines[i], NULL, 10));
  g_string_append_c (sql, ')');
  count = test_sql_int (path, sql->str);
  g_string_free (sql, TRUE);
  return count;
}

/* The checks after a kill, in a child of their own (so that, under the
 * sanitizers, they run with kill_test_environ()): opens the library,
 * which must not be taken for damaged, runs the integrity checks, and
 * prints "round N" (the round's releases there), "read N" and
 * "bookmarked N" (how many of the ids in the files are marked). */
static int
check_child (const char *library,
             const char *round,
             const char *read_file,
             const char *bookmarked_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autofree char *like = g_strdup_printf ("SELECT count(*) FROM releases WHERE title LIKE 'Round %s release %%'",
                                           round);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (pr_store_get_moved_aside_path (store) != NULL)
    {
      g_printerr ("taken for damaged: %s\n", pr_store_get_damage (store));
      return 1;
    }
  if (!pr_store_check_integrity (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_object (&store);

  printf ("round %" G_GINT64_FORMAT "\n", test_sql_int (library, like));
  printf ("read %" G_GINT64_FORMAT "\n", count_marked (library, read_file, TEST_SQL_READ));
  printf ("bookmarked %" G_GINT64_FORMAT "\n", count_marked (library, bookmarked_file, TEST_SQL_BOOKMARKED));
  return 0;
}

/* Adds the id in @text to @ids and to @file. */
static void
add_id (GHashTable *ids,
        FILE       *file,
        const char *text)
{
  gint64 *id = g_new (gint64, 1);

  *id = g_ascii_strtoll (text, NULL, 10);
  if (g_hash_table_add (ids, id))
    fprintf (file, "%" G_GINT64_FORMAT "\n", *id);
}

/* A line "KEY N" of @lines, or -1. */
static gint64
line_value (GPtrArray  *lines,
            const char *key)
{
  gsize length = strlen (key);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (strncmp (line, key, length) == 0 && line[length] == ' ')
        return g_ascii_strtoll (line + length + 1, NULL, 10);
    }
  return -1;
}

/* Writes round @round's releases in their own folder: @n_catalog in a
 * catalog (read first, written 512 a transaction) and @n_files text files
 * (parsed on the pool, then written). Files are few: making one costs
 * about 0.5 ms on the development machines' disks. */
static char *
write_round (const char *dir,
             guint       round,
             guint       n_catalog,
             guint       n_files)
{
  char *folder = g_strdup_printf ("%s/round-%02u", dir, round);
  GString *catalog = g_string_new ("{ \"format\": \"pressreader-catalog\", \"version\": 1, \"releases\": [");

  /* As text: building releases costs the sanitizers' slow unwinding
   * dearly (docs/catalog-format.md: title and body suffice). */
  for (guint i = 0; i < n_catalog; i++)
    g_string_append_printf (catalog, "%s\n{ \"title\": \"Round %u release %u\", \"date\": \"2024-05-01\", "
                            "\"source\": \"GlobeNewswire\", \"body\": [\"Body of release %u of round %u, "
                            "from a catalog.\"] }", i > 0 ? "," : "", round, i, i, round);
  g_string_append (catalog, "\n] }\n");
  test_write_file (folder, "catalog.json", catalog->str, catalog->len);
  g_string_free (catalog, TRUE);

  for (guint i = n_catalog; i < n_catalog + n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%05u.txt", i);
      g_autofree char *text = g_strdup_printf ("Round %u release %u\nBody of release %u of round %u, "
                                               "with a few more words to index.\n", round, i, i, round);

      test_write_file (folder, name, text, -1);
    }
  return folder;
}

/* 50 kills at random moments of imports while marks are being made:
 * after each, the library passes the integrity checks (SQLite's, FTS5's
 * and the counts'), opens without being taken for damaged, holds every
 * release the child reported imported and every read mark and bookmark
 * it reported saved. Every eleventh round runs to its end instead, which
 * times the next ten (the library grows, the sanitizers slow it down).
 * PR_TEST_KILL_SEED=N replays the same rounds and delays (the machine's
 * timing still differs). */
static void
test_kill (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *read_file = g_build_filename (dir, "read-ids", NULL);
  g_autofree char *bookmarked_file = g_build_filename (dir, "bookmarked-ids", NULL);
  g_autoptr(GHashTable) read_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) bookmarked_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  FILE *read_out = fopen (read_file, "w");
  FILE *bookmarked_out = fopen (bookmarked_file, "w");
  const char *seed_text = g_getenv ("PR_TEST_KILL_SEED");
  guint32 seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                                    : (guint32) g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint kills = 0, killed_during = 0, partly = 0, total_reported = 0;
  gint64 startup_us = 0, per_release_ns = 0;

  g_test_message ("kill seed %u (PR_TEST_KILL_SEED=%u to replay)", seed, seed);

  for (guint round = 0; kills < 50; round++)
    {
      gboolean timing = round % 11 == 0;
      guint n_catalog = timing ? 800 : (guint) g_rand_int_range (rand, 0, 2000);
      guint n_files = timing ? 40 : (guint) g_rand_int_range (rand, 5, 60);
      guint n = n_catalog + n_files;
      g_autofree char *files = write_round (dir, round, n_catalog, n_files);
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      char *argv[] = { self_exe, (char *) "--kill-child", library, files, child_seed, NULL };
      /* From half the start-up to a little past the end of the import. */
      gint64 span = startup_us / 2 + per_release_ns * n / 1000 * 6 / 5;
      gint64 delay = timing ? 300 * G_USEC_PER_SEC
                            : startup_us / 2 + g_rand_int_range (rand, 0, (gint32) MAX (span, 1000));
      g_autofree char *round_text = g_strdup_printf ("%u", round);
      char *check_argv[] = { self_exe, (char *) "--check-child", library, round_text, read_file,
                             bookmarked_file, NULL };
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GPtrArray) checked = NULL;
      KillTestRun run, check;
      gboolean done = FALSE;
      guint reported = 0;
      gint64 present;

      lines = kill_test_run (argv, delay, &run);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);

          if (g_str_has_prefix (line, "imported "))
            reported = MAX (reported, (guint) g_ascii_strtoull (line + 9, NULL, 10));
          else if (g_str_has_prefix (line, "read "))
            add_id (read_ids, read_out, line + 5);
          else if (g_str_has_prefix (line, "bookmarked "))
            add_id (bookmarked_ids, bookmarked_out, line + 11);
          else if (g_str_equal (line, "done"))
            done = TRUE;
        }
      if (timing)
        {
          /* To its end, all of it. The start-up lasts until "open". */
          g_assert_true (run.exited && done);
          g_assert_cmpuint (reported, ==, n);
          startup_us = MAX (run.first_line_us, 0);
          per_release_ns = MAX (run.elapsed_us - startup_us, 0) * 1000 / n;
        }
      else
        {
          kills++;
          killed_during += !done;
          partly += reported > 0 && reported < n;
        }
      total_reported += reported;

      /* Whole, and taken for whole: nothing moved aside (check_child()). */
      g_assert_cmpint (fflush (read_out), ==, 0);
      g_assert_cmpint (fflush (bookmarked_out), ==, 0);
      checked = kill_test_run (check_argv, 600 * G_USEC_PER_SEC, &check);
      g_assert_true (check.exited);
      g_assert_true (WIFEXITED (check.status) && WEXITSTATUS (check.status) == 0);
      g_assert_cmpuint (checked->len, ==, 3);

      /* Every release reported imported is there (the round's releases
       * can only come from its child), and no more than were written. */
      present = line_value (checked, "round");
      g_test_message ("round %u: %u releases, %s after %.1f ms, %u reported, %" G_GINT64_FORMAT
                      " there; %u read and %u bookmarked marks so far", round, n,
                      done ? "done" : "killed", delay / 1000.0, reported, present,
                      g_hash_table_size (read_ids), g_hash_table_size (bookmarked_ids));
      g_assert_cmpint (present, >=, reported);
      g_assert_cmpint (present, <=, n);

      /* Every mark reported saved is there. */
      g_assert_cmpint (line_value (checked, "read"), ==, g_hash_table_size (read_ids));
      g_assert_cmpint (line_value (checked, "bookmarked"), ==, g_hash_table_size (bookmarked_ids));
    }

  g_test_message ("%u kills (%u before the import ended, %u with part of the round committed), %u "
                  "releases reported imported, %u read marks and %u bookmarks checked, in %.1f s",
                  kills, killed_during, partly, total_reported, g_hash_table_size (read_ids),
                  g_hash_table_size (bookmarked_ids), g_timer_elapsed (timer, NULL));
  /* The moments fell inside imports, and marks were made. */
  g_assert_cmpuint (killed_during, >=, kills / 2);
  g_assert_cmpuint (g_hash_table_size (read_ids), >, 0);
  g_assert_cmpuint (g_hash_table_size (bookmarked_ids), >, 0);
  fclose (read_out);
  fclose (bookmarked_out);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--kill-child"))
    return kill_child (argv[2], argv[3], argv[4]);
  if (argc == 6 && g_str_equal (argv[1], "--check-child"))
    return check_child (argv[2], argv[3], argv[4], argv[5]);

  self_exe = kill_test_self_exe (argv[0]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/import/folders", test_folders);
  g_test_add_func ("/library/import/catalogs", test_catalogs);
  g_test_add_func ("/library/import/mbox-10000", test_mbox_10000);
  g_test_add_func ("/library/import/many-unnamed", test_many_unnamed);
  g_test_add_func ("/library/import/page-origin", test_page_origin);
  g_test_add_func ("/library/import/async-progress", test_async_progress);
  g_test_add_func ("/library/import/cancel", test_cancel);
  g_test_add_func ("/library/import/kill-9", test_kill);

  return g_test_run ();
}
