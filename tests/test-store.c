/* test-store.c: the library's SQLite store */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "kill-test.h"
#include "library-test.h"
#include "pr-store-private.h"

static PrRelease *
full_release (void)
{
  PrRelease *release = test_release ("The 2021 SCO International Round Table was held in Lianyungang",
                                     "2021-06-18", "PR Newswire",
                                     "LIANYUNGANG, China, June 18, 2021 -- The round table opened.\n\n"
                                     "Delegates from Zürich and São Paulo attended.",
                                     "/releases/sco.txt");
  const char *links[] = { "https://example.org/a", "https://example.org/b", NULL };
  const char *contacts[] = { "Press office\nphone 123", NULL };
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "First paragraph."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "A list item"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "col1  col2\n1     2\n\n3     4"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "About Lianyungang"));
  pr_release_set_blocks (release, blocks);

  pr_release_set_field (release, PR_FIELD_SUBTITLE, "A subtitle");
  pr_release_set_field (release, PR_FIELD_DATELINE, "LIANYUNGANG, China, June 18, 2021");
  pr_release_set_field (release, PR_FIELD_CITY, "Lianyungang");
  pr_release_set_field (release, PR_FIELD_REGION, "China");
  pr_release_set_field (release, PR_FIELD_SOURCE_TAG, "PRNewswire");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "en-GB");
  pr_release_set_field (release, PR_FIELD_SUMMARY, "The round table opened.");
  pr_release_set_list (release, PR_LIST_LINKS, links);
  pr_release_set_list (release, PR_LIST_CONTACTS, contacts);
  pr_release_set_word_count (release, 42);
  pr_release_set_title_derived (release, TRUE);
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Shanghai Cooperation Organization", "SCO");
  test_release_add_entity (release, PR_ENTITY_PERSON, "Zhang Ming", "Secretary-General");
  return release;
}

static void
test_open_create (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "library.db", NULL);
  g_autofree char *default_path = pr_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pr_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (test_count (store, NULL), ==, 0);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (default_path, "/pressreader/library.db"));
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = pr_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  PrStore *store = NULL;

  pr_store_open_async (path, NULL, opened, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (test_count (store, NULL), ==, 0);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

static void
test_round_trip (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = full_release ();
  g_autoptr(PrRelease) loaded = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcome;

  g_ptr_array_add (releases, release);
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PR_STORE_ADDED);
  g_assert_cmpint (pr_release_get_store_id (release), >, 0);
  g_assert_cmpint (pr_release_get_imported_at (release), >, 0);

  g_clear_object (&store);
  store = test_store_open (dir);
  loaded = pr_store_get_release (store, pr_release_get_store_id (release), &error);
  g_assert_no_error (error);
  g_assert_true (pr_release_equal_content (release, loaded));
  g_assert_cmpint (pr_release_get_store_id (loaded), ==, pr_release_get_store_id (release));
  g_assert_cmpint (pr_release_get_imported_at (loaded), ==, pr_release_get_imported_at (release));
  g_assert_false (pr_release_get_read (loaded));

  g_assert_null (pr_store_get_release (store, 999, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_dedupe (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcomes[4];

  /* The same content twice in one batch, once re-wrapped in another. */
  g_ptr_array_add (releases, test_release ("Title A", "2024-01-05", "PR Newswire", "Body one.", NULL));
  g_ptr_array_add (releases, test_release ("Title B", "2024-01-06", "PR Newswire", "Body two.", NULL));
  g_ptr_array_add (releases, test_release ("Title A", "2024-01-05", "PR Newswire", "Body one.", NULL));
  g_assert_true (pr_store_add_releases (store, releases, outcomes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcomes[0], ==, PR_STORE_ADDED);
  g_assert_cmpint (outcomes[1], ==, PR_STORE_ADDED);
  g_assert_cmpint (outcomes[2], ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);

  g_ptr_array_set_size (releases, 0);
  g_ptr_array_add (releases, test_release ("TITLE a", "2024-01-05", "PR Newswire", "Body,  one", "/x/a.txt"));
  g_assert_true (pr_store_add_releases (store, releases, outcomes, &error));
  g_assert_cmpint (outcomes[0], ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A release found by its content id (selection restore), whatever its
 * row; a content id not in the library is NOT_FOUND. */
static void
test_find_by_content_id (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) a = test_release ("Found A", "2024-01-05", "PR Newswire", "Body one.", NULL);
  g_autoptr(PrRelease) b = test_release ("Found B", "2024-01-06", "PR Newswire", "Body two.", NULL);
  g_autoptr(PrRelease) found = NULL;
  g_autoptr(PrRelease) missing = NULL;
  g_autoptr(GError) error = NULL;

  test_add (store, a);
  test_add (store, b);
  found = pr_store_find_release (store, pr_release_compute_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pr_release_get_store_id (found), ==, pr_release_get_store_id (b));
  g_assert_cmpstr (pr_release_get_title (found), ==, "Found B");
  g_assert_cmpstr (pr_release_get_field (found, PR_FIELD_ID), ==, pr_release_compute_id (b));

  missing = pr_store_find_release (store, "0000000000000000000000000000000000000000000000000000000000000000", &error);
  g_assert_null (missing);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_update_keeps_state (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) first = test_release ("Edited", "2024-01-05", "Business Wire",
                                             "The first text.", "/x/edited.txt");
  g_autoptr(PrRelease) second = test_release ("Edited", "2024-01-05", "Business Wire",
                                              "The corrected text.", "/x/edited.txt");
  g_autoptr(PrRelease) third = test_release ("Edited", "2024-01-05", "Business Wire",
                                             "The corrected text.", "/x/edited.txt");
  g_autoptr(PrRelease) loaded = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcome;
  gint64 id;

  test_add (store, first);
  id = pr_release_get_store_id (first);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_true (pr_store_set_bookmarked (store, id, TRUE, &error));
  g_assert_no_error (error);

  g_ptr_array_add (releases, second);
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_cmpint (outcome, ==, PR_STORE_UPDATED);
  g_assert_cmpint (pr_release_get_store_id (second), ==, id);

  g_ptr_array_index (releases, 0) = third;
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_cmpint (outcome, ==, PR_STORE_UNCHANGED);

  g_assert_cmpint (test_count (store, NULL), ==, 1);
  g_assert_cmpint (test_count (store, "corrected"), ==, 1);
  g_assert_cmpint (test_count (store, "first"), ==, 0);

  g_clear_object (&store);
  store = test_store_open (dir);
  loaded = pr_store_get_release (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (pr_release_get_read (loaded));
  g_assert_true (pr_release_get_bookmarked (loaded));
  g_assert_true (pr_release_equal_content (loaded, second));
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* An unread release whose date is corrected stays unread, in its new
   * place in the Unread list (schema 7: its key moves with it); one
   * deleted leaves the list and its count. */
  {
    g_autoptr(PrRelease) dated = test_release ("Dated", "2024-02-01", "Business Wire",
                                               "A date to correct.", "/x/dated.txt");
    g_autoptr(PrRelease) redated = test_release ("Dated", "2024-02-03", "Business Wire",
                                                 "A date to correct.", "/x/dated.txt");
    g_autoptr(PrRelease) gone = test_release ("Gone", "2024-02-02", "Business Wire",
                                              "Deleted while unread.", "/x/gone.txt");
    g_autoptr(GPtrArray) found = NULL;

    test_add (store, dated);
    test_add (store, gone);
    g_ptr_array_index (releases, 0) = redated;
    g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
    g_assert_cmpint (outcome, ==, PR_STORE_UPDATED);
    g_assert_true (pr_store_delete (store, pr_release_get_store_id (gone), &error));
    g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, &error), ==, 1);
    found = pr_store_search (store, NULL, PR_FILTER_UNREAD, PR_SORT_DATE, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (pr_release_get_field (g_ptr_array_index (found, 0), PR_FIELD_DATE), ==, "2024-02-03");
    g_assert_false (pr_release_get_read (g_ptr_array_index (found, 0)));
    g_assert_true (pr_store_check_integrity (store, &error));
    g_assert_no_error (error);
  }

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_state (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = test_release ("State", "2024-02-01", "GlobeNewswire", "Body.", NULL);
  g_autoptr(PrRelease) live = NULL;
  g_autoptr(PrRelease) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, before = g_get_real_time () / G_USEC_PER_SEC;
  guint notified = 0;

  test_add (store, release);
  id = pr_release_get_store_id (release);

  live = pr_store_get_release (store, id, &error);
  again = pr_store_get_release (store, id, &error);
  g_assert_true (live == again);
  g_signal_connect (live, "notify::read", G_CALLBACK (count_notify), &notified);

  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pr_release_get_read (live));
  g_assert_cmpint (pr_release_get_read_at (live), >=, before);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (pr_store_set_bookmarked (store, id, TRUE, &error));
  g_assert_true (pr_release_get_bookmarked (live));
  g_assert_cmpint (test_count (store, "is:bookmarked"), ==, 1);
  g_assert_cmpint (test_count (store, "is:unread"), ==, 0);

  g_assert_false (pr_store_set_read (store, 12345, TRUE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Across reopening. */
  g_clear_object (&live);
  g_clear_object (&again);
  g_clear_object (&store);
  store = test_store_open (dir);
  live = pr_store_get_release (store, id, &error);
  g_assert_true (pr_release_get_read (live));
  g_assert_true (pr_release_get_bookmarked (live));
  g_assert_cmpint (pr_release_get_bookmarked_at (live), >=, before);

  g_assert_true (pr_store_set_read (store, id, FALSE, &error));
  g_assert_false (pr_release_get_read (live));
  g_assert_cmpint (pr_release_get_read_at (live), ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* The unread count the library keeps for its only watch. */
static gint64
watch_unread (PrStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) watches = pr_store_list_watches (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (watches->len, ==, 1);
  return ((PrWatch *) g_ptr_array_index (watches, 0))->unread;
}

/* Many releases marked at once (Mark All as Read and its Undo): one
 * set-based write; ids not in the library and ids listed twice are
 * skipped, what is already so is left as it is (its read_at too), and the
 * releases held are updated whether there are fewer of them than changes
 * (looked up in the sorted changes) or more. */
static void
test_state_many (gconstpointer data)
{
  /* Releases besides the 40 marked: with none, the marks scan the keys
   * for the ids (Mark All); with 400, each id is looked up. */
  guint others = GPOINTER_TO_UINT (data);
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) already = NULL;
  gint64 unknown = 99999, before = g_get_real_time () / G_USEC_PER_SEC, already_at;
  guint notified = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Many %02u", i);
      g_autofree char *date = g_strdup_printf ("2024-03-%02u", 1 + i % 28);
      g_autoptr(PrRelease) release = test_release (title, date, "PR Newswire", "Body.", NULL);

      test_add (store, release);
      /* Listed backwards, with the first listed twice. */
      g_array_prepend_val (ids, (gint64) { pr_release_get_store_id (release) });
    }
  for (guint i = 0; i < others; i++)
    {
      g_autofree char *title = g_strdup_printf ("Other %03u", i);
      g_autoptr(PrRelease) release = test_release (title, "2024-02-01", "PR Newswire", "Body.", NULL);

      test_add (store, release);
    }
  g_array_append_val (ids, g_array_index (ids, gint64, 0));
  g_array_append_val (ids, unknown);
  /* One already read: left as it is. */
  g_assert_true (pr_store_set_read (store, g_array_index (ids, gint64, 5), TRUE, &error));
  {
    g_autoptr(PrRelease) read = pr_store_get_release (store, g_array_index (ids, gint64, 5), &error);

    already_at = pr_release_get_read_at (read);
  }
  /* Three held: fewer than the changes. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (held, pr_store_get_release (store, g_array_index (ids, gint64, i * 10), &error));
  g_signal_connect (g_ptr_array_index (held, 0), "notify::read", G_CALLBACK (count_notify), &notified);

  /* A watch over them all counts down with them (schema 7: per write). */
  {
    g_autoptr(PrWatch) watch = pr_watch_new ("Many", "many");

    g_assert_true (pr_store_add_watch (store, watch, &error));
    g_assert_cmpint (watch_unread (store), ==, 39);
  }
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, "is:unread"), ==, others);
  g_assert_cmpint (watch_unread (store), ==, 0);
  for (guint i = 0; i < held->len; i++)
    {
      g_assert_true (pr_release_get_read (g_ptr_array_index (held, i)));
      g_assert_cmpint (pr_release_get_read_at (g_ptr_array_index (held, i)), >=, before);
    }
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, &error), ==, others);
  already = pr_store_get_release (store, g_array_index (ids, gint64, 5), &error);
  g_assert_cmpint (pr_release_get_read_at (already), ==, already_at);

  /* Undo; then with more releases held than changes. */
  g_assert_true (pr_store_set_read_ids (store, ids, FALSE, &error));
  g_assert_cmpint (test_count (store, "is:unread"), ==, 40 + others);
  g_assert_cmpint (watch_unread (store), ==, 40);
  g_assert_true (pr_store_check_integrity (store, &error));
  for (guint i = 0; i < held->len; i++)
    {
      g_assert_false (pr_release_get_read (g_ptr_array_index (held, i)));
      g_assert_cmpint (pr_release_get_read_at (g_ptr_array_index (held, i)), ==, 0);
    }
  g_assert_cmpuint (notified, ==, 2);
  for (guint i = 3; i < 40; i++)
    g_ptr_array_add (held, pr_store_get_release (store, g_array_index (ids, gint64, i), &error));
  g_array_set_size (ids, 2);
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_assert_true (pr_release_get_read (g_ptr_array_index (held, 0)));
  g_assert_false (pr_release_get_read (g_ptr_array_index (held, 2)));
  g_assert_cmpint (test_count (store, "is:unread"), ==, 38 + others);
  g_assert_cmpint (watch_unread (store), ==, 38);

  /* Nothing to change, or nothing there: no write, no error. */
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_array_index (ids, gint64, 0) = unknown;
  g_array_set_size (ids, 1);
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_assert_no_error (error);

  g_clear_pointer (&held, g_ptr_array_unref);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == pr_store_set_read_async)
    g_assert_true (pr_store_set_read_finish (PR_STORE (source), result, &error));
  else if (g_task_get_source_tag (G_TASK (result)) == pr_store_set_bookmarked_async)
    g_assert_true (pr_store_set_bookmarked_finish (PR_STORE (source), result, &error));
  else
    g_assert_true (pr_store_delete_finish (PR_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async_writes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = test_release ("Async", "2024-02-01", "GlobeNewswire", "Body.", NULL);
  g_autoptr(PrRelease) live = NULL;
  gboolean done = FALSE;
  gint64 id;

  test_add (store, release);
  id = pr_release_get_store_id (release);
  live = pr_store_get_release (store, id, NULL);

  pr_store_set_read_async (store, id, TRUE, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* The live release is updated on this thread, before the callback. */
  g_assert_true (pr_release_get_read (live));

  done = FALSE;
  pr_store_set_bookmarked_async (store, id, TRUE, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pr_release_get_bookmarked (live));

  done = FALSE;
  pr_store_delete_async (store, id, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (test_count (store, NULL), ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_delete (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) a = full_release ();
  g_autoptr(PrRelease) b = test_release ("Other", "2024-01-01", "PR Newswire", "Round things.", NULL);
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(GError) error = NULL;

  test_add (store, a);
  test_add (store, b);
  g_assert_cmpint (test_count (store, "round"), ==, 2);
  g_assert_true (pr_store_delete (store, pr_release_get_store_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, NULL), ==, 1);
  g_assert_cmpint (test_count (store, "round"), ==, 1);
  g_assert_cmpint (test_count (store, "lianyungang"), ==, 0);
  g_assert_false (pr_store_delete (store, pr_release_get_store_id (a), &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 0);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_facets (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("source:businesswire");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Release %u", i);
      PrRelease *release = test_release (title, "2024-03-01", i < 4 ? "PR Newswire" : "Business Wire",
                                         "Text.", NULL);

      pr_release_set_field (release, PR_FIELD_CITY, i % 2 ? "London" : "Paris");
      test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Acme Corp", NULL);
      if (i < 2)
        test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Globex", NULL);
      g_ptr_array_add (releases, release);
    }
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_SOURCE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 2);
  g_assert_cmpstr (((PrFacet *) facets->pdata[0])->name, ==, "PR Newswire");
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 4);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 1, &error);
  g_assert_cmpuint (facets->len, ==, 1);
  g_assert_cmpstr (((PrFacet *) facets->pdata[0])->name, ==, "Acme Corp");
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 6);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, query, PR_FILTER_ALL, PR_FACET_PLACE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 2);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, query, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 10, &error);
  g_assert_cmpuint (facets->len, ==, 1);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 2);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* ---- migrations ------------------------------------------------------ */

/* The query plan of @sql on the library at @path, one detail a line. */
static char *
sql_plan (const char *path,
          const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

/* Version 3: the list by wire reads an index in its order, no sort. */
static void
assert_schema_v3 (const char *path)
{
  g_autofree char *by_source = sql_plan (path, "SELECT r.id FROM releases AS r"
                                               " ORDER BY r.source_norm, r.date DESC, r.id DESC"
                                               " LIMIT 256 OFFSET 1000");
  g_autofree char *one_source = sql_plan (path, "SELECT r.id FROM releases AS r"
                                                " WHERE r.source_norm = 'prnewswire'"
                                                " ORDER BY r.date DESC, r.id DESC LIMIT 256");

  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM pragma_index_xinfo ('releases_by_source')"
                                  " WHERE name IN ('date', 'id') AND desc = 1"), ==, 2);
  g_assert_nonnull (strstr (by_source, "releases_by_source"));
  g_assert_null (strstr (by_source, "TEMP B-TREE"));
  g_assert_nonnull (strstr (one_source, "releases_by_source"));
  g_assert_null (strstr (one_source, "TEMP B-TREE"));
}

/* Version 8: releases_by_bookmarked holds the bookmarked releases only,
 * and the bookmarked list and filter still read it, in order. */
static void
assert_schema_v8 (const char *path)
{
  g_autofree char *list = sql_plan (path, "SELECT r.id FROM releases AS r WHERE r.bookmarked = 1"
                                          " ORDER BY r.date DESC, r.id DESC LIMIT 256");
  g_autofree char *filter = sql_plan (path, "SELECT r.id FROM releases AS r"
                                            " WHERE (r.bookmarked = 1) AND (r.date > '2000')");

  g_assert_cmpint (test_sql_int (path, "SELECT partial FROM pragma_index_list ('releases')"
                                       " WHERE name = 'releases_by_bookmarked'"), ==, 1);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM releases INDEXED BY releases_by_bookmarked"
                                       " WHERE bookmarked = 1"),
                   ==, test_sql_int (path, "SELECT count(*) FROM releases NOT INDEXED WHERE bookmarked = 1"));
  g_assert_nonnull (strstr (list, "releases_by_bookmarked"));
  g_assert_null (strstr (list, "TEMP B-TREE"));
  g_assert_nonnull (strstr (filter, "releases_by_bookmarked"));
}

/* Version 9: the grouped releases' index holds them only, and a group
 * is read through it. */
static void
assert_schema_v9 (const char *path)
{
  g_autofree char *members = sql_plan (path, "SELECT id FROM releases WHERE group_id = 7");

  g_assert_cmpint (test_sql_int (path, "SELECT partial FROM pragma_index_list ('releases')"
                                       " WHERE name = 'releases_by_group'"), ==, 1);
  g_assert_nonnull (strstr (members, "releases_by_group"));
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                       " ('release_sketches', 'sketch_keys', 'group_choices')"), ==, 3);
  /* Releases stored before have no sketch, and no group. */
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM releases WHERE group_id IS NOT NULL"), ==, 0);
}

/* Version 10: the copies, kept by triggers, in their table. */
static void
assert_schema_v10 (const char *path)
{
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                       " ('copies', 'copies_by_original', 'releases_regrouped',"
                                       " 'release_copy_removed')"), ==, 4);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM copies"), ==,
                   test_sql_int (path, "SELECT count(*) FROM releases"
                                       " WHERE group_id IS NOT NULL AND group_id != id"));
}

/* Version 11: the releases without a sketch wait to be grouped. */
static void
assert_schema_v11 (const char *path)
{
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                       " ('ungrouped', 'release_ungrouped_removed')"), ==, 2);
}

/* A library as version N wrote it, with one read and bookmarked release
 * naming one organisation: SQL frozen per version, never edited. */
static const char fixture_v1[] =
  "INSERT INTO releases (id, content_id, source_key, fingerprint, date, title, source, source_norm,"
  " language, imported_at, updated_at, read, read_at, bookmarked, bookmarked_at)"
  " VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release', 'PR Newswire',"
  " 'prnewswire', 'en', 1000, 1000, 1, 1001, 1, 1002);"
  "INSERT INTO release_text (id, organizations, body, extra) VALUES (7, 'Old Turbines Ltd',"
  " 'Old body about turbines.', '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]]}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old body about turbines.', 'Old Turbines Ltd', '', NULL,"
  " 'PR Newswire');"
  "INSERT INTO entities (id, kind, norm, name) VALUES (3, 0, 'oldturbinesltd', 'Old Turbines Ltd');"
  "INSERT INTO release_entities (release_id, entity_id) VALUES (7, 3);";

/* Version 2 keeps counts by triggers and entity counts by the writer. */
static const char fixture_v2[] =
  "INSERT INTO releases (id, content_id, source_key, fingerprint, date, title, source, source_norm,"
  " language, imported_at, updated_at, read, read_at, bookmarked, bookmarked_at)"
  " VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release', 'PR Newswire',"
  " 'prnewswire', 'en', 1000, 1000, 1, 1001, 1, 1002);"
  "INSERT INTO release_text (id, organizations, body, extra) VALUES (7, 'Old Turbines Ltd',"
  " 'Old body about turbines.', '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]]}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old body about turbines.', 'Old Turbines Ltd', '', NULL,"
  " 'PR Newswire');"
  "INSERT INTO entities (id, kind, norm, name, releases) VALUES (3, 0, 'oldturbinesltd',"
  " 'Old Turbines Ltd', 1);"
  "INSERT INTO release_entities (release_id, entity_id) VALUES (7, 3);";

/* Version 5, the last before the facts: tickers as "NASDAQ: OTB", no
 * issuer, kind or flags. */
static const char fixture_v5[] =
  "INSERT INTO releases (id, content_id, source_key, fingerprint, date, title, source, source_norm,"
  " language, imported_at, updated_at, read, read_at, bookmarked, bookmarked_at)"
  " VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release', 'PR Newswire',"
  " 'prnewswire', 'en', 1000, 1000, 1, 1001, 1, 1002);"
  "INSERT INTO release_text (id, organizations, body, extra) VALUES (7, 'Old Turbines Ltd',"
  " 'Old Turbines Ltd (NASDAQ: OTB) today reported its first quarter 2020 results: revenue rose"
  " 12% on turbines.', '{\"v\":1,\"blocks\":[[0,107]],\"lists\":{\"tickers\":[\"NASDAQ: OTB\"]},"
  "\"orgs\":[[\"Old Turbines Ltd\"]]}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old Turbines Ltd (NASDAQ: OTB) today reported its first"
  " quarter 2020 results: revenue rose 12% on turbines.', 'Old Turbines Ltd', '', NULL, 'PR Newswire');"
  "INSERT INTO entities (id, kind, norm, name, releases) VALUES (3, 0, 'oldturbinesltd',"
  " 'Old Turbines Ltd', 1);"
  "INSERT INTO release_entities (release_id, entity_id) VALUES (7, 3);";

/* Version 6, the last with the read state in the rows: release 7 read
 * and bookmarked with its facts, release 8 unread, and a watch matching
 * both (its counts as the triggers kept them). */
static const char fixture_v6[] =
  "INSERT INTO releases VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release',"
  " NULL, NULL, NULL, NULL, 'PR Newswire', 'prnewswire', NULL, 'en', NULL, NULL, 0, 0, 1000, 1000,"
  " 1, 1001, 1, 1002);"
  "INSERT INTO release_text VALUES (7, 'Old Turbines Ltd', '', 'Old Turbines Ltd (NASDAQ: OTB) today"
  " reported its first quarter 2020 results: revenue rose 12% on turbines.',"
  " '{\"v\":1,\"blocks\":[[0,107]],\"lists\":{\"tickers\":[\"NASDAQ:OTB\"],"
  "\"issuers\":[\"Old Turbines\"]},\"orgs\":[[\"Old Turbines Ltd\"]],\"kind\":\"earnings\"}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old Turbines Ltd (NASDAQ: OTB) today reported its first"
  " quarter 2020 results: revenue rose 12% on turbines.', 'Old Turbines Ltd', '', NULL, 'PR Newswire');"
  "INSERT INTO releases VALUES (8, 'beef', '/old/other.txt', 'g', '2020-05-02', 'A second release',"
  " NULL, NULL, NULL, NULL, 'PR Newswire', 'prnewswire', NULL, 'en', NULL, NULL, 0, 0, 1000, 1000,"
  " 0, 0, 0, 0);"
  "INSERT INTO release_text VALUES (8, '', '', 'Another old release.', '{\"v\":1}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (8, 'A second release', NULL, 'Another old release.', '', '', NULL, 'PR Newswire');"
  "INSERT INTO entities VALUES (3, 0, 'oldturbinesltd', 'Old Turbines Ltd', 1);"
  "INSERT INTO entities VALUES (4, 4, 'oldturbines', 'Old Turbines', 1);"
  "INSERT INTO entities VALUES (5, 6, 'nasdaqotb', 'NASDAQ:OTB', 1);"
  "INSERT INTO entities VALUES (6, 5, 'earnings', 'earnings', 1);"
  "INSERT INTO release_entities VALUES (7, 3), (7, 4), (7, 5), (7, 6);"
  "INSERT INTO watches (id, name, query, total, unread) VALUES (1, 'Old', 'old', 0, 0);"
  "INSERT INTO watch_matches VALUES (1, 7), (1, 8);";

/* Version 7: the read state in unread and release_reads. */
static const char fixture_v7[] =
  "INSERT INTO releases VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release',"
  " NULL, NULL, NULL, NULL, 'PR Newswire', 'prnewswire', NULL, 'en', NULL, NULL, 0, 0, 1000, 1000,"
  " 1, 1002);"
  "INSERT INTO release_reads VALUES (7, 1001);"
  "INSERT INTO release_text VALUES (7, 'Old Turbines Ltd', '', 'Old turbines.',"
  " '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]],\"kind\":\"other\"}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old turbines.', 'Old Turbines Ltd', '', NULL, 'PR Newswire');"
  "INSERT INTO entities VALUES (3, 0, 'oldturbinesltd', 'Old Turbines Ltd', 1);"
  "INSERT INTO entities VALUES (6, 5, 'other', 'other', 1);"
  "INSERT INTO release_entities VALUES (7, 3), (7, 6);";

/* Version 9: a column for the group (NULL: alone), the sketches and the
 * hand's choices. */
static const char fixture_v9[] =
  "INSERT INTO releases VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release',"
  " NULL, NULL, NULL, NULL, 'PR Newswire', 'prnewswire', NULL, 'en', NULL, NULL, 0, 0, 1000, 1000,"
  " 1, 1002, NULL);"
  "INSERT INTO release_reads VALUES (7, 1001);"
  "INSERT INTO release_text VALUES (7, 'Old Turbines Ltd', '', 'Old turbines.',"
  " '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]],\"kind\":\"other\"}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old turbines.', 'Old Turbines Ltd', '', NULL, 'PR Newswire');"
  "INSERT INTO entities VALUES (3, 0, 'oldturbinesltd', 'Old Turbines Ltd', 1);"
  "INSERT INTO entities VALUES (6, 5, 'other', 'other', 1);"
  "INSERT INTO release_entities VALUES (7, 3), (7, 6);"
  "INSERT INTO group_choices VALUES ('c0ffee', '');";

/* Version 0 is an empty file; the last is the current version's. */
static const char * const fixtures[PR_STORE_SCHEMA_VERSION + 1] = {
  [0] = NULL,
  [1] = fixture_v1,
  [2] = fixture_v2,
  /* Version 3 changed indexes only, version 4 added the feeds' tables:
   * the same rows. */
  [3] = fixture_v2,
  [4] = fixture_v2,
  [5] = fixture_v5,
  [6] = fixture_v6,
  [7] = fixture_v7,
  /* Version 8 changed an index only. */
  [8] = fixture_v7,
  [9] = fixture_v9,
  /* Version 10 added a table that triggers keep, version 11 a queue
   * that only the migration fills: the same rows. */
  [10] = fixture_v9,
  [11] = fixture_v9,
};
G_STATIC_ASSERT (PR_STORE_SCHEMA_VERSION == 11);

static void
test_migrations (void)
{
  for (int version = 0; version < PR_STORE_SCHEMA_VERSION; version++)
    {
      char *dir = test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "library.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrStore) store = NULL;

      g_assert_true (pr_store_create_at_version (path, version, &error));
      g_assert_no_error (error);
      if (fixtures[version] != NULL)
        test_sql_exec (path, fixtures[version]);

      store = pr_store_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, PR_STORE_SCHEMA_VERSION);
      g_assert_true (pr_store_check_integrity (store, &error));
      g_assert_no_error (error);
      assert_schema_v3 (path);
      assert_schema_v8 (path);
      assert_schema_v9 (path);
      assert_schema_v10 (path);
      assert_schema_v11 (path);
      /* Version 4: the feeds' tables. */
      g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM sqlite_master"
                                           " WHERE name IN ('feeds', 'feed_items')"), ==, 2);
      if (fixtures[version] != NULL)
        {
          g_autoptr(PrRelease) old = pr_store_get_release (store, 7, &error);

          g_autoptr(GPtrArray) facets = NULL;

          g_assert_no_error (error);
          g_assert_true (pr_release_get_read (old));
          g_assert_true (pr_release_get_bookmarked (old));
          g_assert_cmpint (test_count (store, "turbines"), ==, 1);
          g_assert_cmpint (test_count (store, "org:\"old turbines\""), ==, 1);
          g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_BOOKMARKED, NULL), ==, 1);
          facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 5, NULL);
          g_assert_cmpuint (facets->len, ==, 1);
          g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);
          /* Version 6: every release has its kind, counted. */
          g_clear_pointer (&facets, g_ptr_array_unref);
          facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_KIND, 20, NULL);
          g_assert_cmpuint (facets->len, ==, 1);
          g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);
          g_assert_nonnull (pr_release_get_field (old, PR_FIELD_KIND));
          g_assert_cmpstr (pr_release_get_title (old), ==, "An old release");

          /* Version 11: stored before grouping, it waits for the pass. */
          {
            gint64 n = test_sql_int (path, "SELECT count(*) FROM releases");
            guint n_done, n_left;

            g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM ungrouped"), ==, n);
            g_assert_true (pr_store_group_stored (store, 1, &n_done, &n_left, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (n_done, ==, 1);
            g_assert_cmpuint (n_left, ==, n - 1);
            g_assert_true (pr_store_group_stored (store, 10, &n_done, &n_left, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (n_done, ==, n - 1);
            g_assert_cmpuint (n_left, ==, 0);
            g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM ungrouped"), ==, 0);
          }
        }
      if (fixtures[version] == fixture_v5)
        {
          g_autoptr(PrRelease) old = pr_store_get_release (store, 7, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (pr_release_get_list (old, PR_LIST_TICKERS)[0], ==, "NASDAQ:OTB");
          g_assert_cmpstr (pr_release_get_list (old, PR_LIST_ISSUERS)[0], ==, "Old Turbines");
          g_assert_cmpstr (pr_release_get_field (old, PR_FIELD_KIND), ==, PR_KIND_EARNINGS);
          g_assert_cmpint (test_count (store, "ticker:OTB"), ==, 1);
          g_assert_cmpint (test_count (store, "ticker:nasdaq:otb"), ==, 1);
          g_assert_cmpint (test_count (store, "issuer:\"old turbines\""), ==, 1);
          g_assert_cmpint (test_count (store, "kind:earnings"), ==, 1);
        }
      if (fixtures[version] == fixture_v6)
        {
          g_autoptr(PrRelease) old = pr_store_get_release (store, 7, &error);
          g_autoptr(PrRelease) other = pr_store_get_release (store, 8, &error);
          g_autoptr(GPtrArray) watches = pr_store_list_watches (store, &error);

          /* Version 7: the state left the rows, as it was. */
          g_assert_no_error (error);
          g_assert_cmpint (pr_release_get_read_at (old), ==, 1001);
          g_assert_false (pr_release_get_read (other));
          g_assert_cmpint (pr_release_get_read_at (other), ==, 0);
          g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, NULL), ==, 1);
          g_assert_cmpint (test_count (store, "is:unread"), ==, 1);
          g_assert_cmpint (test_count (store, "is:read"), ==, 1);
          g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM pragma_table_info ('releases')"
                                               " WHERE name IN ('read', 'read_at')"), ==, 0);
          g_assert_cmpuint (watches->len, ==, 1);
          g_assert_cmpint (((PrWatch *) g_ptr_array_index (watches, 0))->unread, ==, 1);
          /* Marking the other read counts down the watch too. */
          g_assert_true (pr_store_set_read (store, 8, TRUE, &error));
          g_clear_pointer (&watches, g_ptr_array_unref);
          watches = pr_store_list_watches (store, &error);
          g_assert_cmpint (((PrWatch *) g_ptr_array_index (watches, 0))->unread, ==, 0);
          g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, NULL), ==, 0);
          g_assert_true (pr_store_check_integrity (store, &error));
        }

      /* And it works as a library. */
      {
        g_autoptr(PrRelease) fresh = full_release ();

        test_add (store, fresh);
        g_assert_cmpint (test_count (store, "lianyungang"), ==, 1);
      }
      g_clear_object (&store);
      test_tmpdir_free (dir);
    }
}

/* Version 9's groups: their copies listed by the step to 10, and kept by
 * its triggers after. */
static void
test_migrate_copies (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  g_assert_true (pr_store_create_at_version (path, 9, &error));
  test_sql_exec (path, fixture_v9);
  test_sql_exec (path,
            "INSERT INTO releases VALUES (8, 'beef', '/old/copy.txt', 'g', '2020-05-01',"
            " 'An old release, again', NULL, NULL, NULL, NULL, 'Portal', 'portal', NULL, 'en',"
            " NULL, NULL, 0, 0, 1000, 1000, 0, 0, 7);"
            "INSERT INTO release_text VALUES (8, '', '', 'Old turbines again.', '{\"v\":1}');"
            "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people,"
            " dateline, source) VALUES (8, 'An old release, again', NULL, 'Old turbines again.',"
            " '', '', NULL, 'Portal');"
            "UPDATE releases SET group_id = 7 WHERE id = 7;");
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  assert_schema_v10 (path);
  assert_schema_v11 (path);
  g_assert_cmpint (test_sql_int (path, "SELECT original FROM copies WHERE id = 8"), ==, 7);
  g_assert_true (pr_store_split_copy (store, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM copies"), ==, 0);
  g_assert_true (pr_store_join_copies (store, 7, 8, &error));
  g_assert_no_error (error);
  assert_schema_v10 (path);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM copies"), ==, 1);
  g_assert_true (pr_store_delete (store, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM copies"), ==, 0);
  g_assert_true (pr_store_check_integrity (store, &error));

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* The current version's fixture, migrated from itself: reopening a
 * library with data keeps it. */
static void
test_reopen_current (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrRelease) old = NULL;

  g_assert_true (pr_store_create_at_version (path, PR_STORE_SCHEMA_VERSION, &error));
  test_sql_exec (path, fixtures[PR_STORE_SCHEMA_VERSION]);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  old = pr_store_get_release (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (old), ==, "An old release");
  g_assert_true (pr_release_get_bookmarked (old));
  g_assert_cmpint (pr_release_get_bookmarked_at (old), ==, 1002);
  g_assert_true (pr_release_get_read (old));
  g_assert_cmpint (pr_release_get_read_at (old), ==, 1001);
  g_assert_cmpint (test_count (store, "turbine*"), ==, 1);
  g_assert_true (pr_store_check_integrity (store, &error));

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Development builds wrote version 1 with parts of version 2 (counts, the
 * index, no entity insert trigger); the step to 2 repairs them. */
static void
test_migrate_dev_v1 (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) facets = NULL;

  g_assert_true (pr_store_create_at_version (path, 1, &error));
  test_sql_exec (path, fixture_v1);
  test_sql_exec (path, "DROP TRIGGER release_entities_added;"
                  "UPDATE entities SET releases = 5;"
                  "CREATE INDEX releases_by_id ON releases (id, date, source_norm, read, bookmarked, language);"
                  "CREATE TABLE counts (id INTEGER PRIMARY KEY CHECK (id = 1), releases INTEGER NOT NULL,"
                  " unread INTEGER NOT NULL, bookmarked INTEGER NOT NULL);"
                  "INSERT INTO counts VALUES (1, 0, 0, 0);");
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, NULL), ==, 1);
  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 5, NULL);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* A crash leaves the WAL with commits not yet in the database, and a WAL
 * index that must be rebuilt: opening must recover them. */
static void
test_open_after_crash (void)
{
  char *dir = test_tmpdir ();
  char *copy_dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "library.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrStore) recovered = NULL;
  g_autoptr(PrRelease) release = full_release ();
  g_autoptr(GError) error = NULL;

  test_add (store, release);
  g_assert_true (pr_store_set_bookmarked (store, pr_release_get_store_id (release), TRUE, NULL));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The files as they are while the store is open: no checkpoint yet. */
  copy_file (path, copy);
  copy_file (wal, copy_wal);

  recovered = pr_store_open (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_check_integrity (recovered, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (recovered, "is:bookmarked lianyungang"), ==, 1);

  g_clear_object (&recovered);
  g_clear_object (&store);
  test_tmpdir_free (copy_dir);
  test_tmpdir_free (dir);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_too_new (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE releases (id INTEGER PRIMARY KEY, future TEXT);"
                                          "INSERT INTO releases VALUES (1, 'x');"
                                          "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          0x50524c42, PR_STORE_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  PrStore *store;

  test_sql_exec (path, sql);
  before = file_digest (path);

  store = pr_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, PR_STORE_SCHEMA_VERSION + 1);

  test_tmpdir_free (dir);
}

/* A library in WAL mode from a newer version, with commits still in its
 * WAL: refused, and neither file changes (no checkpoint on close), nor
 * are files left beside it. */
static void
test_too_new_wal (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *before = NULL, *wal_before = NULL;
  g_autofree char *after = NULL, *wal_after = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", PR_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = test_store_open (dir);
  sqlite3 *db = NULL;

  {
    g_autoptr(PrRelease) release = test_release ("From the future", "2031-01-01", "PR Newswire", "Text.", NULL);

    test_add (store, release);
  }
  g_clear_object (&store);

  /* Written by "the newer version": its last commit in the WAL. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO releases (content_id, fingerprint) VALUES ('x', 'y')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_unlink (shm);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_digest (path);
  wal_before = file_digest (wal);

  store = pr_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer version"));
  after = file_digest (path);
  wal_after = file_digest (wal);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (wal_before, ==, wal_after);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* Without a WAL: none is left. */
  g_clear_error (&error);
  test_sql_exec (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_unlink (wal);
  g_unlink (shm);
  before = (g_free (before), file_digest (path));
  store = pr_store_open (path, NULL, &error);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW);
  after = (g_free (after), file_digest (path));
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, PR_STORE_SCHEMA_VERSION + 1);

  test_tmpdir_free (dir);
}

/* Another program's database is refused and left as it is. */
static void
test_not_library (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PrStore *store;

  test_sql_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  before = file_digest (other);
  store = pr_store_open (other, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_LIBRARY);
  g_assert_nonnull (strstr (error->message, other));
  after = file_digest (other);
  g_assert_cmpstr (before, ==, after);

  test_tmpdir_free (dir);
}

/* ---- damaged libraries ----------------------------------------------- */

/* A library of @n releases, each with a body of about @body_bytes,
 * closed (its WAL checkpointed into it). */
static char *
make_library (const char *dir,
              guint       n,
              gsize       body_bytes)
{
  char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Release %u about turbines", i);
      GString *body = g_string_new (NULL);

      while (body->len < body_bytes)
        g_string_append_printf (body, "Paragraph %u of release %u.%s", (guint) body->len, i,
                                body->len % 700 < 40 ? "\n\n" : " ");
      g_ptr_array_add (releases, test_release (title, "2024-02-01", "PR Newswire", body->str, NULL));
      g_string_free (body, TRUE);
    }
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_set_bookmarked (store, 1, TRUE, &error));
  g_assert_no_error (error);
  return path;
}

/* Overwrites page @page (numbered from 1) of @path with a pattern no
 * b-tree page can hold. */
static void
damage_page (const char *path,
             gint64      page)
{
  FILE *f = fopen (path, "r+b");
  guchar header[18];
  gsize page_size;
  g_autofree guchar *junk = NULL;

  g_assert_nonnull (f);
  /* The page size, from the header (big-endian at offset 16; 1 is 64 KB). */
  g_assert_cmpuint (fread (header, 1, sizeof header, f), ==, sizeof header);
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  junk = g_malloc (page_size);
  memset (junk, 0xa5, page_size);
  g_assert_cmpint (fseeko (f, (off_t) (page - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, page_size, f), ==, page_size);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* A leaf page of @table's b-tree, not its root, well inside the file. */
static gint64
leaf_page (const char *path,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pageno FROM dbstat WHERE name = '%s' AND pagetype = 'leaf'"
                                          " ORDER BY pageno LIMIT 1 OFFSET"
                                          " (SELECT count(*) / 2 FROM dbstat WHERE name = '%s'"
                                          "  AND pagetype = 'leaf')", table, table);
  gint64 page = test_sql_int (path, sql);

  g_assert_cmpint (page, >, 1);
  return page;
}

/* Opens the damaged library at @path, which holds @bytes (@wal_bytes in
 * its WAL, or NULL): it is moved aside whole, with its WAL, a new empty
 * library works in its place, and the moved path is returned. */
static char *
open_moves_aside (const char *path,
                  GBytes     *bytes,
                  GBytes     *wal_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autofree char *moved_wal = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_base = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (pr_store_get_path (store), ==, path);
  moved = g_strdup (pr_store_get_moved_aside_path (store));
  g_assert_nonnull (moved);
  g_assert_nonnull (pr_store_get_damage (store));
  g_assert_cmpstr (pr_store_get_damage (store), !=, "");
  g_test_message ("moved to %s: %s", moved, pr_store_get_damage (store));
  {
    g_autofree char *property = NULL;

    g_object_get (store, "moved-aside-path", &property, NULL);
    g_assert_cmpstr (property, ==, moved);
  }

  /* Beside it, named library.db.damaged-YYYY-MM-DDTHH-MM-SS[-N]. */
  moved_base = g_path_get_basename (moved);
  g_assert_true (g_str_has_prefix (moved, dir));
  g_assert_true (g_str_has_prefix (moved_base, prefix));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]+)?$",
                                       moved_base + strlen (prefix), 0, 0));

  /* Every byte kept. */
  g_assert_true (g_file_get_contents (moved, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (bytes));
  g_assert_true (memcmp (contents, g_bytes_get_data (bytes, NULL), length) == 0);
  g_clear_pointer (&contents, g_free);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  if (wal_bytes != NULL)
    {
      g_assert_true (g_file_get_contents (moved_wal, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, g_bytes_get_size (wal_bytes));
      g_assert_true (memcmp (contents, g_bytes_get_data (wal_bytes, NULL), length) == 0);
    }
  else
    g_assert_false (g_file_test (moved_wal, G_FILE_TEST_EXISTS));

  /* A new library in its place, which works. */
  g_assert_cmpint (test_count (store, NULL), ==, 0);
  {
    g_autoptr(PrRelease) release = test_release ("After the damage", "2024-03-01", "Business Wire",
                                                 "New text.", NULL);

    test_add (store, release);
  }
  g_assert_cmpint (test_count (store, "damage"), ==, 1);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Opened again: nothing more moved. */
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_get_moved_aside_path (store));
  g_assert_cmpint (test_count (store, NULL), ==, 1);
  return g_steal_pointer (&moved);
}

static void
test_damaged_not_database (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  test_write_file (dir, "library.db", "This is not a database, just some text that is long enough "
                   "to not be taken for an empty file by SQLite at all, really.\n", -1);
  bytes = test_read_bytes (path);
  moved = open_moves_aside (path, bytes, NULL);

  /* The CLI and the window name the reason: SQLite's. */
  test_write_file (dir, "library.db", "notes", -1);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_store_get_damage (store), ==, "file is not a database");
  g_assert_cmpstr (pr_store_get_moved_aside_path (store), !=, moved);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Cut in half, as a full disk or a bad copy leaves it. */
static void
test_damaged_truncated (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = make_library (dir, 40, 3000);
  g_autoptr(GBytes) whole = test_read_bytes (path);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
  g_autofree char *moved = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (half, NULL), g_bytes_get_size (half), NULL));
  moved = open_moves_aside (path, half, NULL);
  test_tmpdir_free (dir);
}

/* A page in the middle overwritten: only reading every page finds it,
 * which every open does for a small library. The library's WAL (commits
 * not yet in the file, as a killed process leaves them) moves with it,
 * neither checkpointed into it nor changed. */
static void
test_damaged_page (void)
{
  char *dir = test_tmpdir ();
  char *copy_dir = test_tmpdir ();
  g_autofree char *path = make_library (dir, 60, 3000);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "library.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(PrStore) store = NULL;
  gint64 page = leaf_page (path, "release_text");

  /* One more release, in the WAL only; the files copied as they are. */
  store = test_store_open (dir);
  {
    g_autoptr(PrRelease) release = test_release ("In the WAL", "2024-02-02", "PR Newswire",
                                                 "Only in the WAL.", NULL);

    test_add (store, release);
  }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  copy_file (path, copy);
  copy_file (wal, copy_wal);
  g_clear_object (&store);

  damage_page (copy, page);
  bytes = test_read_bytes (copy);
  wal_bytes = test_read_bytes (copy_wal);
  g_assert_cmpuint (g_bytes_get_size (wal_bytes), >, 0);
  moved = open_moves_aside (copy, bytes, wal_bytes);

  /* What the damaged file still holds can be read from it, with the WAL:
   * the release written last is there. */
  g_assert_cmpint (test_sql_int (moved, "SELECT count(*) FROM releases WHERE title = 'In the WAL'"), ==, 1);

  test_tmpdir_free (copy_dir);
  test_tmpdir_free (dir);
}

/* A damaged library never replaces an earlier one moved aside: the name
 * takes a number. */
static void
test_damaged_never_overwrites (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) decoys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *moved = NULL;

  /* Earlier damaged libraries under every name this second and the next
   * two could give. */
  for (int s = 0; s < 3; s++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_seconds (now, s);
      g_autofree char *stamp = g_date_time_format (t, "%Y-%m-%dT%H-%M-%S");
      g_autofree char *name = g_strdup_printf ("library.db.damaged-%s", stamp);

      test_write_file (dir, name, stamp, -1);
      g_ptr_array_add (decoys, g_build_filename (dir, name, NULL));
    }

  test_write_file (dir, "library.db", "Not a database either, and long enough for SQLite to read.\n", -1);
  bytes = test_read_bytes (path);
  moved = open_moves_aside (path, bytes, NULL);
  g_assert_true (g_str_has_suffix (moved, "-2"));

  /* The earlier ones are as they were. */
  for (guint i = 0; i < decoys->len; i++)
    {
      const char *decoy = g_ptr_array_index (decoys, i);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (decoy, &contents, NULL, NULL));
      g_assert_true (g_str_has_suffix (decoy, contents));
    }
  test_tmpdir_free (dir);
}

/* A big library (above the size checked in full at every open) with a
 * page damaged deep inside: the open's check does not read it; reading it
 * fails with PR_STORE_ERROR_DAMAGED and leaves a note, and the next open
 * checks every page and moves the library aside. */
static void
test_damaged_big (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = make_library (dir, 240, 80000);
  g_autofree char *note = g_strconcat (path, ".needs-check", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  gint64 page = leaf_page (path, "release_text");
  gboolean failed = FALSE;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%" G_GINT64_FORMAT " bytes, page %" G_GINT64_FORMAT " damaged", (gint64) st.st_size, page);
  g_assert_cmpint (st.st_size, >, 16 * 1024 * 1024);
  damage_page (path, page);

  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_get_moved_aside_path (store));
  g_assert_false (g_file_test (note, G_FILE_TEST_EXISTS));
  for (gint64 id = 1; id <= 240 && !failed; id++)
    {
      g_autoptr(PrRelease) release = pr_store_get_release (store, id, &error);

      if (release == NULL)
        {
          g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED);
          failed = TRUE;
        }
    }
  g_assert_true (failed);
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  bytes = test_read_bytes (path);
  moved = open_moves_aside (path, bytes, NULL);
  g_assert_false (g_file_test (note, G_FILE_TEST_EXISTS));
  test_tmpdir_free (dir);
}

/* A note left for a library that is whole: the full check passes, the
 * note goes, nothing moves. */
static void
test_damaged_note_whole (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = make_library (dir, 5, 500);
  g_autofree char *note = g_strconcat (path, ".needs-check", NULL);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  test_write_file (dir, "library.db.needs-check", "checked at the next open\n", -1);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_get_moved_aside_path (store));
  g_assert_cmpint (test_count (store, NULL), ==, 5);
  g_assert_false (g_file_test (note, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* ---- kill -9 --------------------------------------------------------- */

static char *self_exe;

/* The child: adds batches of releases and changes state, printing what
 * each committed write saved, until it is killed. */
static int
kill_child (const char *path,
            const char *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_ascii_strtoull (round, NULL, 10));

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint batch = 0; batch < 100000; batch++)
    {
      g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree PrStoreOutcome *outcomes = NULL;
      guint n = g_rand_int_range (rand, 1, 60);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *title = g_strdup_printf ("Kill round %s batch %u release %u", round, batch, i);
          GString *body = g_string_new (NULL);
          guint words = g_rand_int_range (rand, 50, 900);

          for (guint w = 0; w < words; w++)
            g_string_append_printf (body, "word%u%s", g_rand_int_range (rand, 0, 5000),
                                    w % 80 == 79 ? "\n\n" : " ");
          g_ptr_array_add (releases, test_release (title, "2024-01-01", "PR Newswire", body->str, NULL));
          g_string_free (body, TRUE);
        }
      outcomes = g_new0 (PrStoreOutcome, n);
      if (!pr_store_add_releases (store, releases, outcomes, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < n; i++)
        printf ("saved %s\n", pr_release_get_field (g_ptr_array_index (releases, i), PR_FIELD_ID));

      {
        PrRelease *some = g_ptr_array_index (releases, g_rand_int_range (rand, 0, n));
        gint64 id = pr_release_get_store_id (some);

        if (pr_store_set_read (store, id, TRUE, NULL))
          printf ("read %" G_GINT64_FORMAT "\n", id);
        if (batch % 3 == 0 && pr_store_set_bookmarked (store, id, TRUE, NULL))
          printf ("bookmarked %" G_GINT64_FORMAT "\n", id);
      }
      fflush (stdout);
    }
  return 0;
}

static guint
count_distinct (GArray *ids)
{
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (distinct, &g_array_index (ids, gint64, i));
  return g_hash_table_size (distinct);
}

/* How many of the releases @ids meet @condition. */
static gint64
count_marked (const char *path,
              GArray     *ids,
              const char *condition)
{
  GString *sql = g_string_new (NULL);
  gint64 count;

  g_string_printf (sql, "SELECT count(*) FROM releases WHERE %s AND id IN (0", condition);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, ", %" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
  g_string_append_c (sql, ')');
  count = test_sql_int (path, sql->str);
  g_string_free (sql, TRUE);
  return count;
}

static void
test_kill (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bookmarked_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240105);
  guint rounds = g_test_slow () ? 30 : 12;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *round_text = g_strdup_printf ("%u", round);
      char *argv[] = { self_exe, (char *) "--kill-child", path, round_text, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(PrStore) store = NULL;
      KillTestRun run;
      guint delay = round == 0 ? 2 : g_rand_int_range (rand, 5, 400);

      /* Only whole lines were reported. */
      lines = kill_test_run (argv, delay * G_TIME_SPAN_MILLISECOND, &run);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);

          if (g_str_has_prefix (line, "saved "))
            g_ptr_array_add (saved, g_strdup (line + 6));
          else if (g_str_has_prefix (line, "read "))
            {
              gint64 id = g_ascii_strtoll (line + 5, NULL, 10);
              g_array_append_val (read_ids, id);
            }
          else if (g_str_has_prefix (line, "bookmarked "))
            {
              gint64 id = g_ascii_strtoll (line + 11, NULL, 10);
              g_array_append_val (bookmarked_ids, id);
            }
        }

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      /* Integrity, and everything reported is there. */
      store = pr_store_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (pr_store_check_integrity (store, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      /* One query each (a connection per release made the check
       * quadratic): content_id is UNIQUE and id the key, so the count
       * matches only when every one is there. */
      {
        g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
        GString *sql = g_string_new ("SELECT count(*) FROM releases WHERE content_id IN (''");

        for (guint i = 0; i < saved->len; i++)
          if (g_hash_table_add (distinct, g_ptr_array_index (saved, i)))
            g_string_append_printf (sql, ", '%s'", (char *) g_ptr_array_index (saved, i));
        g_string_append_c (sql, ')');
        g_assert_cmpint (test_sql_int (path, sql->str), ==, g_hash_table_size (distinct));
        g_string_free (sql, TRUE);
      }
      g_assert_cmpint (count_marked (path, read_ids, TEST_SQL_READ), ==, count_distinct (read_ids));
      g_assert_cmpint (count_marked (path, bookmarked_ids, TEST_SQL_BOOKMARKED), ==, count_distinct (bookmarked_ids));
    }

  g_test_message ("%u releases, %u read, %u bookmarked reported saved over %u kills",
                  saved->len, read_ids->len, bookmarked_ids->len, rounds);
  g_assert_cmpuint (saved->len, >, 0);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--kill-child"))
    return kill_child (argv[2], argv[3]);

  self_exe = kill_test_self_exe (argv[0]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/store/open-create", test_open_create);
  g_test_add_func ("/library/store/open-async", test_open_async);
  g_test_add_func ("/library/store/round-trip", test_round_trip);
  g_test_add_func ("/library/store/dedupe", test_dedupe);
  g_test_add_func ("/library/store/find-by-content-id", test_find_by_content_id);
  g_test_add_data_func ("/library/store/state-many", GUINT_TO_POINTER (0), test_state_many);
  g_test_add_data_func ("/library/store/state-many-looked-up", GUINT_TO_POINTER (400), test_state_many);
  g_test_add_func ("/library/store/update-keeps-state", test_update_keeps_state);
  g_test_add_func ("/library/store/state", test_state);
  g_test_add_func ("/library/store/async-writes", test_async_writes);
  g_test_add_func ("/library/store/delete", test_delete);
  g_test_add_func ("/library/store/facets", test_facets);
  g_test_add_func ("/library/store/migrations", test_migrations);
  g_test_add_func ("/library/store/migrate-copies", test_migrate_copies);
  g_test_add_func ("/library/store/reopen-current", test_reopen_current);
  g_test_add_func ("/library/store/migrate-dev-v1", test_migrate_dev_v1);
  g_test_add_func ("/library/store/open-after-crash", test_open_after_crash);
  g_test_add_func ("/library/store/too-new", test_too_new);
  g_test_add_func ("/library/store/too-new-wal", test_too_new_wal);
  g_test_add_func ("/library/store/not-library", test_not_library);
  g_test_add_func ("/library/store/damaged/not-a-database", test_damaged_not_database);
  g_test_add_func ("/library/store/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/library/store/damaged/page", test_damaged_page);
  g_test_add_func ("/library/store/damaged/never-overwrites", test_damaged_never_overwrites);
  g_test_add_func ("/library/store/damaged/big", test_damaged_big);
  g_test_add_func ("/library/store/damaged/note-whole", test_damaged_note_whole);
  g_test_add_func ("/library/store/kill-9", test_kill);

  return g_test_run ();
}
