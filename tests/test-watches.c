/* test-watches.c: watches, saved searches whose counts the library keeps */
#include "library-test.h"
#include "pr-store-private.h"

static const char *words[] = { "turbine", "harbor", "clinic", "orchard", "battery" };
static const char *wires[] = { "PR Newswire", "Business Wire", "GlobeNewswire" };

/* Release @i: its words, wire and organisation follow from @i, @version
 * changes its text (an edit of the same release). */
static PrRelease *
make_release (guint i,
              guint version)
{
  g_autofree char *title = g_strdup_printf ("Fictional %s Company Opens Works Number %u", words[i % 5], i);
  g_autofree char *date = g_strdup_printf ("2024-03-%02u", 1 + i % 28);
  g_autofree char *body = g_strdup_printf ("The %s works will build %s systems (edition %u).",
                                           words[(i / 5) % 5], words[(i + version) % 5], version);
  g_autofree char *origin = g_strdup_printf ("/releases/%u.txt", i);
  g_autofree char *org = g_strdup_printf ("Fictional %s Company", words[i % 5]);
  PrRelease *release = test_release (title, date, wires[i % 3], body, origin);

  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, org, NULL);
  return release;
}

static void
add_range (PrStore *store,
           guint    from,
           guint    to,
           guint    version)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = from; i < to; i++)
    g_ptr_array_add (releases, make_release (i, version));
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
}

/* Every watch's stored counts equal a fresh full query. */
static void
check_counts (PrStore    *store,
              const char *step)
{
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GError) error = NULL;

  watches = pr_store_list_watches (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (watches->len, >, 0);
  for (guint i = 0; i < watches->len; i++)
    {
      PrWatch *watch = g_ptr_array_index (watches, i);
      g_autoptr(PrQuery) query = pr_query_new (watch->query);
      gint64 total = pr_store_count (store, query, PR_FILTER_ALL, NULL);
      gint64 unread = pr_store_count (store, query, PR_FILTER_UNREAD, NULL);

      if (watch->total != total || watch->unread != unread)
        g_error ("after %s, watch “%s” (%s) counts %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                 ", the query %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                 step, watch->name, watch->query, watch->total, watch->unread, total, unread);
    }
}

static GArray *
ids_of (PrStore    *store,
        const char *text)
{
  g_autoptr(PrQuery) query = pr_query_new (text);
  g_autoptr(GError) error = NULL;
  GArray *ids = pr_store_search_ids (store, query, PR_FILTER_ALL, PR_SORT_DATE, 0, G_MAXUINT, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_counts (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *queries[][2] = {
    { "Turbines", "turbine" },
    { "Harbor or clinic", "harbor OR clinic" },
    { "Business Wire", "source:business" },
    { "Orchard company", "org:orchard" },
    { "Not battery", "works -battery" },
    { "March 2024", "after:2024-03-10 before:2024-03-20" },
    { "Phrase", "\"will build turbine\"" },
  };

  /* Watches first on an empty library, then releases arrive. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PrWatch) watch = pr_watch_new (queries[i][0], queries[i][1]);

      g_assert_true (pr_store_add_watch (store, watch, &error));
      g_assert_no_error (error);
      g_assert_cmpint (watch->id, >, 0);
    }
  add_range (store, 0, 120, 0);
  check_counts (store, "the first import");

  /* Watches added over a library. */
  for (guint i = 4; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(PrWatch) watch = pr_watch_new (queries[i][0], queries[i][1]);

      g_assert_true (pr_store_add_watch (store, watch, &error));
      g_assert_no_error (error);
    }
  check_counts (store, "adding watches");

  /* Read marks, one and many, and back. */
  ids = ids_of (store, "turbine OR harbor");
  g_assert_cmpuint (ids->len, >, 10);
  g_assert_true (pr_store_set_read (store, g_array_index (ids, gint64, 0), TRUE, &error));
  check_counts (store, "one read");
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  check_counts (store, "many read");
  g_assert_true (pr_store_set_read (store, g_array_index (ids, gint64, 1), FALSE, &error));
  check_counts (store, "one unread again");

  /* More releases, some the same again, some edited (new text, same
   * origin: updates keep read state). */
  add_range (store, 100, 200, 0);
  check_counts (store, "a second import");
  add_range (store, 50, 150, 1);
  check_counts (store, "edits");

  /* Deletions. */
  g_clear_pointer (&ids, g_array_unref);
  ids = ids_of (store, "clinic");
  for (guint i = 0; i < MIN (ids->len, 7); i++)
    g_assert_true (pr_store_delete (store, g_array_index (ids, gint64, i), &error));
  check_counts (store, "deletions");

  /* A watch's search edited, another renamed, one removed. */
  {
    g_autoptr(PrWatch) watch = pr_store_find_watch (store, "Turbines", &error);

    g_assert_no_error (error);
    g_free (watch->query);
    watch->query = g_strdup ("battery OR orchard");
    g_assert_true (pr_store_update_watch (store, watch, &error));
    g_free (watch->name);
    watch->name = g_strdup ("Batteries");
    g_assert_true (pr_store_update_watch (store, watch, &error));
    g_assert_no_error (error);
  }
  check_counts (store, "an edited search");
  {
    g_autoptr(PrWatch) watch = pr_store_find_watch (store, "Phrase", &error);

    g_assert_true (pr_store_remove_watch (store, watch->id, &error));
  }
  check_counts (store, "a removed watch");
  add_range (store, 200, 260, 2);
  check_counts (store, "a last import");

  g_clear_object (&store);
  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrWatch) first = pr_watch_new ("  Acme  ", "acme");
  g_autoptr(PrWatch) again = pr_watch_new ("Acme", "other");
  g_autoptr(PrWatch) empty = pr_watch_new ("Nothing", "  ");
  g_autoptr(PrWatch) state = pr_watch_new ("Unread", "acme is:unread");
  g_autoptr(PrWatch) unnamed = pr_watch_new ("", "acme");
  g_autoptr(PrWatch) found = NULL;

  g_assert_true (pr_store_add_watch (store, first, &error));
  g_assert_cmpstr (first->name, ==, "Acme");
  g_assert_false (pr_store_add_watch (store, again, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Acme"));
  g_clear_error (&error);
  g_assert_false (pr_store_add_watch (store, empty, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pr_store_add_watch (store, state, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is:unread"));
  g_clear_error (&error);
  g_assert_false (pr_store_add_watch (store, unnamed, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  found = pr_store_find_watch (store, "Nobody", &error);
  g_assert_null (found);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody"));

  g_clear_object (&store);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* The user's order, kept in the library file: it survives a reopen. */
static void
test_order (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "One", "Two", "Three", "Four" };
  gint64 three = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PrWatch) watch = pr_watch_new (names[i], names[i]);

      g_assert_true (pr_store_add_watch (store, watch, &error));
      if (i == 2)
        three = watch->id;
    }
  g_assert_true (pr_store_move_watch (store, three, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = test_store_open (dir);
  watches = pr_store_list_watches (store, &error);
  g_assert_cmpuint (watches->len, ==, 4);
  g_assert_cmpstr (((PrWatch *) g_ptr_array_index (watches, 0))->name, ==, "Three");
  g_assert_cmpstr (((PrWatch *) g_ptr_array_index (watches, 1))->name, ==, "One");
  g_assert_cmpstr (((PrWatch *) g_ptr_array_index (watches, 3))->name, ==, "Four");
  g_assert_cmpuint (((PrWatch *) g_ptr_array_index (watches, 3))->position, ==, 3);

  g_clear_object (&store);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* ---- hits: what a notifying watch tells of ---- */

static void
on_hits (PrStore   *store,
         GPtrArray *hits,
         GPtrArray *seen)
{
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (seen, pr_watch_hits_copy (g_ptr_array_index (hits, i)));
}

static void
test_hits (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_watch_hits_free);
  g_autoptr(PrWatch) notifying = pr_watch_new ("Turbines", "org:turbine");
  g_autoptr(PrWatch) quiet = pr_watch_new ("Turbines, quietly", "org:turbine");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) newest = NULL;
  PrWatchHits *hits;

  notifying->notify = TRUE;
  g_assert_true (pr_store_add_watch (store, notifying, &error));
  g_assert_true (pr_store_add_watch (store, quiet, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "watch-hits", G_CALLBACK (on_hits), seen);

  /* 0, 5, 10 and 15 are the turbine company's; 15 is dated last. */
  add_range (store, 0, 20, 0);
  g_assert_cmpuint (seen->len, ==, 1);
  hits = g_ptr_array_index (seen, 0);
  g_assert_cmpint (hits->watch_id, ==, notifying->id);
  g_assert_cmpstr (hits->name, ==, "Turbines");
  g_assert_cmpstr (hits->query, ==, "org:turbine");
  g_assert_cmpuint (hits->count, ==, 4);
  g_assert_cmpstr (hits->newest_title, ==, "Fictional turbine Company Opens Works Number 15");
  newest = pr_store_get_release (store, hits->newest_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (newest), ==, hits->newest_title);

  /* The same releases again: nothing new. */
  g_ptr_array_set_size (seen, 0);
  add_range (store, 0, 20, 0);
  g_assert_cmpuint (seen->len, ==, 0);

  /* Edited releases (new text, same origin) are updates, not news. */
  add_range (store, 0, 20, 1);
  g_assert_cmpuint (seen->len, ==, 0);

  /* New ones among known ones: only the new are counted; 25 is the
   * newest (March 26) of 20, 25, 30, 35. */
  add_range (store, 10, 40, 0);
  g_assert_cmpuint (seen->len, ==, 1);
  hits = g_ptr_array_index (seen, 0);
  g_assert_cmpuint (hits->count, ==, 4);
  g_assert_cmpstr (hits->newest_title, ==, "Fictional turbine Company Opens Works Number 25");

  /* Without notify, a watch tells nothing. */
  g_ptr_array_set_size (seen, 0);
  notifying->notify = FALSE;
  g_assert_true (pr_store_update_watch (store, notifying, &error));
  g_assert_no_error (error);
  add_range (store, 40, 60, 0);
  g_assert_cmpuint (seen->len, ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (g_steal_pointer (&dir));
}

static int
count_step (void *data)
{
  (*(guint64 *) data)++;
  return 0;
}

/* The virtual machine's steps (one progress call each) of listing the
 * watches with their counts. */
static guint64
listing_steps (PrStore *store)
{
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GError) error = NULL;
  guint64 steps = 0;

  sqlite3_progress_handler (store->bdb.db, 1, count_step, &steps);
  watches = pr_store_list_watches (store, &error);
  sqlite3_progress_handler (store->bdb.db, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (watches->len, ==, 100);
  return steps;
}

/* Listing 100 watches with their counts (what the window shows) reads
 * the watches, not the library: the same work at 300 releases as at
 * ten times as many. */
static void
test_listing (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GError) error = NULL;
  guint64 small, large;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("Watch %u", i);
      g_autofree char *query = g_strdup_printf ("%s works", words[i % 5]);
      g_autoptr(PrWatch) watch = pr_watch_new (name, query);

      g_assert_true (pr_store_add_watch (store, watch, &error));
      g_assert_no_error (error);
    }
  add_range (store, 0, 300, 0);
  small = listing_steps (store);
  add_range (store, 300, 3000, 0);
  large = listing_steps (store);
  g_test_message ("listing 100 watches: %" G_GUINT64_FORMAT " steps at 300 releases, %"
                  G_GUINT64_FORMAT " at 3,000", small, large);
  g_assert_cmpuint (small, >, 0);
  g_assert_cmpuint (large, ==, small);

  g_clear_object (&store);
  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/library/watches/counts", test_counts);
  g_test_add_func ("/library/watches/refused", test_refused);
  g_test_add_func ("/library/watches/order", test_order);
  g_test_add_func ("/library/watches/hits", test_hits);
  g_test_add_func ("/library/watches/listing", test_listing);
  return g_test_run ();
}
