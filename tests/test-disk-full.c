/* test-disk-full.c: a library on a disk that fills
 *
 * On a real small filesystem (a tmpfs the test mounts, as root; skipped,
 * saying why, where mounting is not permitted): an import, a refresh and
 * a burst of read marks each fill it. Each stops with one message naming
 * the library and the room it wants, what was committed before is intact
 * (integrity check, every release reported), reading and searching go on,
 * nothing is moved aside, and once there is room the same work finishes. */
#include <string.h>

#include "feed-server.h"
#include "library-test.h"
#include "pr-import.h"
#include "pr-refresh.h"
#include "small-disk.h"

static void
check_intact (PrStore *store,
              gint64   expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("fictional");

  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, NULL), ==, expected);
  /* Searching goes on. */
  g_assert_cmpint (pr_store_count (store, query, PR_FILTER_ALL, &error), ==, expected);
  g_assert_no_error (error);
}

static void
assert_no_space_message (const GError *error,
                         const char   *library)
{
  g_test_message ("%s", error->message);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, library));
  /* The room it wants, in words. */
  g_assert_nonnull (strstr (error->message, "free at least"));
}

/* ---- an import ---- */

/* About 7 MB of text: more than the disk holds with its indexes. */
#define IMPORT_RELEASES 1200

static void
test_import (void)
{
  g_autofree char *why = NULL;
  char *disk = small_disk_mount (&why);
  g_autofree char *src = NULL;
  g_autofree char *library = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrImport) import = NULL;
  g_autoptr(PrImport) again = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) error = NULL;
  guint imported;

  if (disk == NULL)
    {
      g_test_skip (why);
      return;
    }
  src = test_tmpdir ();
  for (guint i = 0; i < IMPORT_RELEASES; i++)
    {
      g_autofree char *name = g_strdup_printf ("release-%04u.txt", i);
      g_autofree char *path = g_build_filename (src, name, NULL);
      g_autofree char *text = small_disk_release_text (i);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }
  library = g_build_filename (disk, "library.db", NULL);
  store = pr_store_open (library, NULL, &error);
  g_assert_no_error (error);

  /* It stops at the first write that does not fit, with one message
   * and no file counted as failed. */
  import = pr_import_new (store);
  pr_import_add_path (import, src);
  g_assert_false (pr_import_run (import, NULL, &error));
  assert_no_space_message (error, library);
  failures = pr_import_dup_failures (import);
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_cmpuint (pr_import_get_failed (import), ==, 0);
  imported = pr_import_get_imported (import);
  g_test_message ("imported %u of %u before the disk was full", imported, IMPORT_RELEASES);
  g_assert_cmpuint (imported, <, IMPORT_RELEASES);
  check_intact (store, imported);
  g_clear_error (&error);

  /* Closed and opened again: the same library, not moved aside. */
  g_clear_object (&store);
  store = pr_store_open (library, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_get_moved_aside_path (store));
  check_intact (store, imported);

  /* Room again: the same files again finish the import. */
  small_disk_grow (disk);
  again = pr_import_new (store);
  pr_import_add_path (again, src);
  g_assert_true (pr_import_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pr_import_get_imported (again), ==, IMPORT_RELEASES - imported);
  check_intact (store, IMPORT_RELEASES);

  g_clear_object (&store);
  small_disk_unmount (disk);
  test_tmpdir_free (g_steal_pointer (&src));
}

/* ---- a refresh ---- */

static char *
feed_xml (guint feed,
          guint items)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");

  g_string_append_printf (xml, "<title>Wire %u</title><link>https://wire.example/%u</link>", feed, feed);
  for (guint j = 0; j < items; j++)
    {
      guint i = feed * items + j;
      g_autofree char *text = small_disk_release_text (i);
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
      g_autofree char *html = g_strjoinv ("&lt;/p&gt;&lt;p&gt;", paragraphs + 1);

      g_string_append_printf (xml, "<item><title>Fictional Works Number %u Opens</title>"
                              "<link>https://wire.example/%u/r/%u</link><guid>r%u</guid>"
                              "<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>"
                              "<description>&lt;p&gt;%s&lt;/p&gt;</description></item>",
                              i, feed, i, i, html);
    }
  g_string_append (xml, "</channel></rss>");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
run_refresh (PrRefresh  *refresh,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pr_refresh_run_async (refresh, NULL, FALSE, NULL, refresh_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pr_refresh_run_finish (refresh, result, error);
}

#define FEEDS 8
#define ITEMS 150

static void
test_refresh (void)
{
  g_autofree char *why = NULL;
  char *disk = small_disk_mount (&why);
  g_autofree char *library = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrFetcher) fetcher = NULL;
  g_autoptr(PrRefresh) refresh = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GError) error = NULL;
  FeedServer *server;
  gint64 before;

  if (disk == NULL)
    {
      g_test_skip (why);
      return;
    }
  server = feed_server_new ();
  library = g_build_filename (disk, "library.db", NULL);
  store = pr_store_open (library, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < FEEDS; k++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/%u.rss", k);
      g_autofree char *xml = feed_xml (k, ITEMS);
      g_autofree char *url = feed_server_url (server, path);
      g_autoptr(PrSubscription) sub = pr_subscription_new (url);

      feed_server_add (server, path, 200, "application/rss+xml", xml, -1);
      g_assert_true (pr_store_add_subscription (store, sub, &error));
      g_assert_no_error (error);
    }
  fetcher = pr_fetcher_new ();
  refresh = pr_refresh_new (store, fetcher);

  /* The pass stops with one message; no feed is blamed (no error, no
   * back-off: they are fetched again next time). */
  results = run_refresh (refresh, &error);
  g_assert_null (results);
  assert_no_space_message (error, library);
  g_assert_nonnull (pr_refresh_get_write_error (refresh));
  g_clear_error (&error);
  subs = pr_store_list_subscriptions (store, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < subs->len; k++)
    {
      PrSubscription *sub = g_ptr_array_index (subs, k);

      g_assert_null (sub->last_error);
      g_assert_cmpuint (sub->errors, ==, 0);
    }
  before = test_count (store, NULL);
  g_test_message ("%" G_GINT64_FORMAT " of %u items written before the disk was full", before, FEEDS * ITEMS);
  g_assert_cmpint (before, <, FEEDS * ITEMS);
  check_intact (store, before);

  /* Room again: the next pass writes them all. */
  small_disk_grow (disk);
  results = run_refresh (refresh, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_null (pr_refresh_get_write_error (refresh));
  check_intact (store, FEEDS * ITEMS);

  g_clear_object (&refresh);
  g_clear_object (&store);
  feed_server_free (server);
  small_disk_unmount (disk);
}

/* ---- read marks ---- */

/* Fills the disk with a file of its own, as another program would. */
static char *
fill_disk (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  g_autofree char *block = g_malloc0 (64 * 1024);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  while (fwrite (block, 1, 64 * 1024, file) == 64 * 1024 && fflush (file) == 0)
    ;
  fclose (file);
  return path;
}

static void
test_marks (void)
{
  g_autofree char *why = NULL;
  char *disk = small_disk_mount (&why);
  g_autofree char *library = NULL;
  g_autofree char *filler = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint refused = 0;

  if (disk == NULL)
    {
      g_test_skip (why);
      return;
    }
  library = g_build_filename (disk, "library.db", NULL);
  store = pr_store_open (library, NULL, &error);
  g_assert_no_error (error);
  releases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = small_disk_release_text (i);
      g_autofree char *title = g_strdup_printf ("Fictional Works Number %u Opens", i);
      g_autofree char *origin = g_strdup_printf ("/releases/%u.txt", i);

      g_ptr_array_add (releases, test_release (title, "2025-03-04", "PR Newswire", text, origin));
    }
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < releases->len; i++)
    {
      gint64 id = pr_release_get_store_id (g_ptr_array_index (releases, i));

      g_array_append_val (ids, id);
    }

  /* A burst of marks on a full disk: each refused with the same message,
   * none half-written. */
  filler = fill_disk (disk);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) mark_error = NULL;
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_array_append_val (one, g_array_index (ids, gint64, i));
      if (!pr_store_set_read_ids (store, one, TRUE, &mark_error))
        {
          assert_no_space_message (mark_error, library);
          refused++;
        }
    }
  g_test_message ("%u of %u marks refused on the full disk", refused, ids->len);
  g_assert_cmpuint (refused, >, 0);
  check_intact (store, releases->len);
  g_assert_cmpint (test_count (store, NULL) - pr_store_count (store, NULL, PR_FILTER_UNREAD, NULL), ==,
                   ids->len - refused);

  /* Room again: the same marks are written. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, NULL), ==, 0);
  check_intact (store, releases->len);

  g_clear_object (&store);
  small_disk_unmount (disk);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/library/disk-full/import", test_import);
  g_test_add_func ("/library/disk-full/refresh", test_refresh);
  g_test_add_func ("/library/disk-full/marks", test_marks);
  return g_test_run ();
}
