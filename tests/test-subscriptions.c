/* test-subscriptions.c: feed subscriptions and their items in the library */
#include "library-test.h"
#include "pr-store.h"

static PrRelease *
release_for (const char *title,
             const char *body)
{
  g_autofree char *text = g_strdup_printf ("LONDON, Jan. 5, 2024 /PRNewswire/ -- %s", body);

  return test_release (title, "2024-01-05", "PR Newswire", text, NULL);
}

static PrFeedEntry *
entry_new (const char *guid,
           const char *link,
           const char *hash,
           PrRelease  *release)
{
  PrFeedEntry *entry = pr_feed_entry_new (guid, link, hash);

  entry->release = release;
  return entry;
}

/* Adds one item to feed @feed_id; returns its outcome. */
static PrStoreOutcome
add_item (PrStore    *store,
          gint64      feed_id,
          const char *guid,
          const char *link,
          PrRelease  *release)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_feed_entry_free);
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcome = -1;

  g_ptr_array_add (entries, entry_new (guid, link, guid, release));
  g_assert_true (pr_store_add_feed_items (store, feed_id, entries, &outcome, &error));
  g_assert_no_error (error);
  return outcome;
}

static void
test_subscriptions (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrSubscription) a = pr_subscription_new ("https://wire.example/all.rss");
  g_autoptr(PrSubscription) b = pr_subscription_new ("https://wire.example/tech.rss");
  g_autoptr(PrSubscription) again = pr_subscription_new ("https://wire.example/all.rss");
  g_autoptr(PrSubscription) found = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GError) error = NULL;

  a->title = g_strdup ("Wire: all news");
  b->title = g_strdup ("Wire: technology");
  b->category = g_strdup ("Wires");
  g_assert_true (pr_store_add_subscription (store, a, &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_add_subscription (store, b, &error));
  g_assert_cmpint (a->id, >, 0);
  g_assert_cmpint (b->id, !=, a->id);
  g_assert_cmpint (a->added_at, >, 0);

  /* The same address twice: refused, saying which. */
  g_assert_false (pr_store_add_subscription (store, again, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "https://wire.example/all.rss"));
  g_clear_error (&error);

  subs = pr_store_list_subscriptions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (subs->len, ==, 2);
  g_assert_cmpstr (((PrSubscription *) subs->pdata[0])->title, ==, "Wire: all news");
  g_assert_cmpstr (((PrSubscription *) subs->pdata[1])->category, ==, "Wires");

  /* Its state is written whole and read back. */
  a->etag = g_strdup ("\"abc\"");
  a->last_modified = g_strdup ("Tue, 04 Mar 2025 09:00:00 GMT");
  a->errors = 2;
  a->last_error = g_strdup ("The server refused: 403 Forbidden");
  a->next_check_at = 1900000000;
  a->full_text = PR_FULL_TEXT_ALWAYS;
  a->interval_minutes = 60;
  g_assert_true (pr_store_update_subscription (store, a, &error));
  g_assert_no_error (error);
  found = pr_store_find_subscription (store, "https://wire.example/all.rss", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->etag, ==, "\"abc\"");
  g_assert_cmpstr (found->last_error, ==, "The server refused: 403 Forbidden");
  g_assert_cmpuint (found->errors, ==, 2);
  g_assert_cmpint (found->next_check_at, ==, 1900000000);
  g_assert_cmpint (found->full_text, ==, PR_FULL_TEXT_ALWAYS);
  g_assert_cmpuint (found->interval_minutes, ==, 60);
  g_clear_pointer (&found, pr_subscription_free);

  /* Moved (301) onto another subscription's address: refused. */
  g_free (a->url);
  a->url = g_strdup ("https://wire.example/tech.rss");
  g_assert_false (pr_store_update_subscription (store, a, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  found = pr_store_find_subscription (store, "https://nowhere.example/", &error);
  g_assert_null (found);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "https://nowhere.example/"));
  g_clear_error (&error);

  g_assert_true (pr_store_remove_subscription (store, b->id, &error));
  g_assert_no_error (error);
  g_assert_false (pr_store_remove_subscription (store, b->id, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&subs, g_ptr_array_unref);
  subs = pr_store_list_subscriptions (store, NULL);
  g_assert_cmpuint (subs->len, ==, 1);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* One release per announcement, however the feed shows it again. */
static void
test_items (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrSubscription) all = pr_subscription_new ("https://wire.example/all.rss");
  g_autoptr(PrSubscription) tech = pr_subscription_new ("https://wire.example/tech.rss");
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("turbine");
  g_autofree char *feed_query = NULL;
  gint64 id;

  all->title = g_strdup ("All news");
  tech->title = g_strdup ("Technology");
  g_assert_true (pr_store_add_subscription (store, all, NULL));
  g_assert_true (pr_store_add_subscription (store, tech, NULL));

  g_assert_cmpint (add_item (store, all->id, "guid-1", "https://wire.example/news/turbine",
                             release_for ("Acme Launches a Turbine", "Acme launched a turbine.")),
                   ==, PR_STORE_ADDED);
  g_assert_cmpint (add_item (store, all->id, "guid-2", "https://wire.example/news/plant",
                             release_for ("Acme Opens a Plant", "Acme opened a plant.")),
                   ==, PR_STORE_ADDED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);

  known = pr_store_get_feed_items (store, all->id, NULL);
  g_assert_cmpuint (g_hash_table_size (known), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (known, "guid-1"), ==, "guid-1");

  found = pr_store_search (store, query, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  id = pr_release_get_store_id (found->pdata[0]);
  g_assert_true (pr_store_set_read (store, id, TRUE, NULL));
  g_assert_true (pr_store_set_bookmarked (store, id, TRUE, NULL));
  /* The item's page is its origin in the library. */
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Seen again, unchanged: nothing to write. */
  g_assert_cmpint (add_item (store, all->id, "guid-1", "https://wire.example/news/turbine", NULL),
                   ==, PR_STORE_UNCHANGED);
  /* Reissued under a new guid, same text: the same release. */
  g_assert_cmpint (add_item (store, all->id, "guid-1-reissued", "https://wire.example/news/turbine?utm=x",
                             release_for ("Acme Launches a Turbine", "Acme launched a turbine.")),
                   ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);
  /* Corrected: same link, new text: updated, read and bookmarked still. */
  g_assert_cmpint (add_item (store, all->id, "guid-1", "https://wire.example/news/turbine",
                             release_for ("Acme Launches a Turbine",
                                          "Acme launched a quieter turbine (corrected).")),
                   ==, PR_STORE_UPDATED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);
  g_assert_cmpint (test_count (store, "quieter is:read is:bookmarked"), ==, 1);
  /* Under a new link but the old guid: still that release. */
  g_assert_cmpint (add_item (store, all->id, "guid-1", "https://wire.example/news/turbine-v2",
                             release_for ("Acme Launches a Turbine",
                                          "Acme launched a quieter turbine (corrected twice).")),
                   ==, PR_STORE_UPDATED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);
  g_assert_cmpint (test_count (store, "twice is:bookmarked"), ==, 1);

  /* The same page in a second feed: one release, in both feeds. */
  g_assert_cmpint (add_item (store, tech->id, "tech-9", "https://wire.example/news/plant",
                             release_for ("Acme Opens a Plant", "Acme opened a plant.")),
                   ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);
  feed_query = g_strdup_printf ("feed:%" G_GINT64_FORMAT, tech->id);
  g_assert_cmpint (test_count (store, feed_query), ==, 1);
  g_assert_cmpint (test_count (store, "feed:technology"), ==, 1);
  g_assert_cmpint (test_count (store, "feed:\"All news\""), ==, 2);
  g_assert_cmpint (test_count (store, "feed:https://wire.example/tech.rss plant"), ==, 1);
  g_assert_cmpint (test_count (store, "feed:nothing"), ==, 0);

  /* Counts per feed. */
  subs = pr_store_list_subscriptions (store, NULL);
  g_assert_cmpuint (subs->len, ==, 2);
  g_assert_cmpint (((PrSubscription *) subs->pdata[0])->releases, ==, 2);
  g_assert_cmpint (((PrSubscription *) subs->pdata[0])->unread, ==, 1);
  g_assert_cmpint (((PrSubscription *) subs->pdata[1])->releases, ==, 1);
  g_assert_cmpint (((PrSubscription *) subs->pdata[1])->unread, ==, 1);

  /* Unsubscribed: the releases stay. */
  g_assert_true (pr_store_remove_subscription (store, all->id, NULL));
  g_assert_cmpint (test_count (store, NULL), ==, 2);
  g_assert_cmpint (test_count (store, "feed:\"All news\""), ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/subscriptions/basics", test_subscriptions);
  g_test_add_func ("/library/subscriptions/items", test_items);
  return g_test_run ();
}
