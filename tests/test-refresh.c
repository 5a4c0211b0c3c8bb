/* test-refresh.c: following feeds, from a loopback server into a library */
#include <string.h>

#include "feed-server.h"
#include "library-test.h"
#include "pr-fetcher.h"
#include "pr-refresh.h"

/* Real release texts (the corpus's style), as feed items. */
static const char *const titles[] = {
  "Acme Robotics Opens a Warehouse Robot Plant in Lyon",
  "Harbor Light Energy Reports Record Tidal Output",
  "Copperleaf Health Opens Second Clinic Network in Toronto",
};
static const char *const bodies[] = {
  "<p>LYON, France, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. today opened a plant "
  "that will build 2,000 warehouse robots a year.</p><p>\"Lyon has the engineers we need,\" said "
  "Jane Doe, chief executive of Acme Robotics.</p>",
  "<p>SEATTLE, April 22, 2024 (BUSINESS WIRE) -- Harbor Light Energy, Inc. reported record "
  "output of 42 gigawatt-hours from its Puget Sound tidal array.</p>",
  "<p>TORONTO, Jan. 15, 2024 (GLOBE NEWSWIRE) -- Copperleaf Health opened its second clinic "
  "network in Toronto, with eleven clinics.</p>",
};

typedef struct {
  char *dir;
  PrStore *store;
  FeedServer *server;
  PrFetcher *fetcher;
  PrRefresh *refresh;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_tmpdir ();
  f->store = test_store_open (f->dir);
  f->server = feed_server_new ();
  f->fetcher = pr_fetcher_new ();
  pr_fetcher_set_timeout (f->fetcher, 2);
  f->refresh = pr_refresh_new (f->store, f->fetcher);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->refresh);
  g_clear_object (&f->fetcher);
  g_clear_pointer (&f->server, feed_server_free);
  g_clear_object (&f->store);
  test_tmpdir_free (f->dir);
}

/* An RSS 2.0 feed of @n items; @summary_only items carry a summary and
 * link to pages at /page/N; @guid_prefix names their guids. */
static char *
rss (FeedServer *server,
     guint       n,
     gboolean    summary_only,
     const char *guid_prefix)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                               "<channel><title>Loopback Wire</title><link>http://127.0.0.1/</link>"
                               "<description>Releases</description>\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *page = g_strdup_printf ("/page/%u", i);
      g_autofree char *link = feed_server_url (server, page);
      g_autofree char *title = g_markup_escape_text (titles[i % G_N_ELEMENTS (titles)], -1);
      g_autofree char *body = g_markup_escape_text (bodies[i % G_N_ELEMENTS (bodies)], -1);

      g_string_append_printf (out, "<item><title>%s%s</title><link>%s</link><guid>%s-%u</guid>"
                                   "<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>",
                              title, i >= G_N_ELEMENTS (titles) ? " (again)" : "", link, guid_prefix, i);
      if (summary_only)
        g_string_append (out, "<description>A short summary.</description>");
      else
        g_string_append_printf (out, "<content:encoded>%s</content:encoded>", body);
      g_string_append (out, "</item>\n");
    }
  g_string_append (out, "</channel></rss>\n");
  return g_string_free (out, FALSE);
}

static void
serve_feed (FeedServer *server,
            const char *path,
            const char *body)
{
  feed_server_add (server, path, 200, "application/rss+xml; charset=utf-8", body, -1);
  feed_server_add_header (server, path, "ETag", "\"v1\"");
}

static PrSubscription *
subscribe (Fixture    *f,
           const char *path)
{
  g_autofree char *url = feed_server_url (f->server, path);
  PrSubscription *sub = pr_subscription_new (url);
  g_autoptr(GError) error = NULL;

  sub->title = g_strdup (path);
  g_assert_true (pr_store_add_subscription (f->store, sub, &error));
  g_assert_no_error (error);
  return sub;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One pass over every subscription; the results by feed path. */
static GPtrArray *
refresh_all (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  pr_refresh_run_async (f->refresh, NULL, FALSE, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = pr_refresh_run_finish (f->refresh, result, &error);
  g_assert_no_error (error);
  g_assert_false (pr_refresh_get_running (f->refresh));
  return results;
}

static PrRefreshResult *
result_for (GPtrArray  *results,
            const char *suffix)
{
  for (guint i = 0; i < results->len; i++)
    {
      PrRefreshResult *r = g_ptr_array_index (results, i);

      g_test_message ("%s: %u new, %u updated, %u unchanged%s, %s", r->url, r->added, r->updated,
                      r->unchanged, r->not_modified ? ", not modified" : "", r->error ? r->error : "ok");
      if (g_str_has_suffix (r->url, suffix))
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

static PrSubscription *
reload (Fixture              *f,
        const PrSubscription *sub)
{
  g_autoptr(GError) error = NULL;
  PrSubscription *again = pr_store_get_subscription (f->store, sub->id, &error);

  g_assert_no_error (error);
  return again;
}

/* Full items in; the second pass is a 304 that sends no body. */
static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 3, FALSE, "basic");
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(PrSubscription) after = NULL;
  g_autoptr(GPtrArray) results = NULL;
  PrRefreshResult *r;

  serve_feed (f->server, "/basic.rss", feed);
  sub = subscribe (f, "/basic.rss");

  results = refresh_all (f);
  r = result_for (results, "/basic.rss");
  g_assert_null (r->error);
  g_assert_cmpuint (r->added, ==, 3);
  g_assert_cmpint (test_count (f->store, NULL), ==, 3);
  g_assert_cmpint (test_count (f->store, "lyon source:prnewswire"), ==, 1);
  {
    g_autofree char *query = g_strdup_printf ("feed:%" G_GINT64_FORMAT, sub->id);

    g_assert_cmpint (test_count (f->store, query), ==, 3);
  }
  after = reload (f, sub);
  g_assert_cmpstr (after->title, ==, "Loopback Wire");
  g_assert_cmpstr (after->etag, ==, "\"v1\"");
  g_assert_null (after->last_error);
  g_assert_cmpint (after->next_check_at, >, after->checked_at);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = refresh_all (f);
  r = result_for (results, "/basic.rss");
  g_assert_true (r->not_modified);
  g_assert_cmpuint (r->added, ==, 0);
  g_assert_cmpuint (feed_server_count (f->server, "/basic.rss"), ==, 2);
  g_assert_cmpuint (feed_server_bodies (f->server, "/basic.rss"), ==, 1);
  g_assert_cmpint (test_count (f->store, NULL), ==, 3);
}

/* Summary-only items: the release pages are fetched and read; seen again,
 * the items are not fetched again. */
static void
test_summary_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 3, TRUE, "sum");
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(GPtrArray) results = NULL;
  PrRefreshResult *r;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/page/%u", i);
      g_autofree char *page = g_strdup_printf ("<html><head><title>%s</title></head><body>"
                                               "<nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>%s"
                                               "</article></body></html>", titles[i], titles[i], bodies[i]);

      feed_server_add (f->server, path, 200, "text/html; charset=utf-8", page, -1);
    }
  feed_server_add (f->server, "/sum.rss", 200, "application/rss+xml", feed, -1);
  sub = subscribe (f, "/sum.rss");

  results = refresh_all (f);
  r = result_for (results, "/sum.rss");
  g_assert_null (r->error);
  g_assert_cmpuint (r->added, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/page/%u", i);

      g_assert_cmpuint (feed_server_count (f->server, path), ==, 1);
    }
  /* The text is the page's, not the summary's. */
  g_assert_cmpint (test_count (f->store, "\"gigawatt hours\""), ==, 1);
  g_assert_cmpint (test_count (f->store, "\"short summary\""), ==, 0);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* No validators: the feed is read again, its items are known. */
  results = refresh_all (f);
  r = result_for (results, "/sum.rss");
  g_assert_cmpuint (r->added, ==, 0);
  g_assert_cmpuint (r->unchanged, ==, 3);
  g_assert_cmpuint (feed_server_count (f->server, "/page/0"), ==, 1);
}

/* A feed that reissues every item under new guids adds nothing. */
static void
test_reissued (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PrSubscription) sub = NULL;

  sub = subscribe (f, "/reissue.rss");
  for (guint pass = 1; pass <= 10; pass++)
    {
      g_autofree char *prefix = g_strdup_printf ("pass%u", pass);
      g_autofree char *feed = rss (f->server, 3, FALSE, prefix);
      g_autoptr(GPtrArray) results = NULL;
      PrRefreshResult *r;

      feed_server_add (f->server, "/reissue.rss", 200, "application/rss+xml", feed, -1);
      results = refresh_all (f);
      r = result_for (results, "/reissue.rss");
      g_assert_null (r->error);
      g_assert_cmpuint (r->added, ==, pass == 1 ? 3 : 0);
    }
  g_assert_cmpint (test_count (f->store, NULL), ==, 3);
}

/* A corrected release updates its release, which keeps its state. */
static void
test_corrected (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 1, FALSE, "fix");
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) corrected = NULL;
  PrRefreshResult *r;

  feed_server_add (f->server, "/fix.rss", 200, "application/rss+xml", feed, -1);
  sub = subscribe (f, "/fix.rss");
  results = refresh_all (f);
  found = pr_store_search (f->store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (pr_store_set_bookmarked (f->store, pr_release_get_store_id (found->pdata[0]), TRUE, NULL));
  g_clear_pointer (&results, g_ptr_array_unref);

  corrected = g_string_new (feed);
  g_string_replace (corrected, "2,000 warehouse robots", "2,500 warehouse robots", 0);
  feed_server_add (f->server, "/fix.rss", 200, "application/rss+xml", corrected->str, -1);
  results = refresh_all (f);
  r = result_for (results, "/fix.rss");
  g_assert_cmpuint (r->updated, ==, 1);
  g_assert_cmpint (test_count (f->store, NULL), ==, 1);
  g_assert_cmpint (test_count (f->store, "2,500 is:bookmarked"), ==, 1);
}

/* 301 moves the subscription, 302 does not; 410 ends it; 429 is waited. */
static void
test_http_states (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 1, FALSE, "states");
  g_autofree char *moved_to = feed_server_url (f->server, "/new.rss");
  g_autofree char *temp_to = feed_server_url (f->server, "/temp-target.rss");
  g_autoptr(PrSubscription) moved = NULL;
  g_autoptr(PrSubscription) temp = NULL;
  g_autoptr(PrSubscription) gone = NULL;
  g_autoptr(PrSubscription) busy = NULL;
  g_autoptr(PrSubscription) after = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  feed_server_add_redirect (f->server, "/old.rss", 301, moved_to);
  feed_server_add (f->server, "/new.rss", 200, "application/rss+xml", feed, -1);
  feed_server_add_redirect (f->server, "/temp.rss", 302, temp_to);
  feed_server_add (f->server, "/temp-target.rss", 200, "application/rss+xml", feed, -1);
  feed_server_add (f->server, "/gone.rss", 410, "text/plain", "Gone", -1);
  feed_server_add (f->server, "/busy.rss", 429, "text/plain", "Slow down", -1);
  feed_server_add_header (f->server, "/busy.rss", "Retry-After", "7200");
  moved = subscribe (f, "/old.rss");
  temp = subscribe (f, "/temp.rss");
  gone = subscribe (f, "/gone.rss");
  busy = subscribe (f, "/busy.rss");

  results = refresh_all (f);
  g_assert_null (result_for (results, "/new.rss")->error);
  g_assert_null (result_for (results, "/temp.rss")->error);
  g_assert_nonnull (result_for (results, "/gone.rss")->error);
  g_assert_nonnull (result_for (results, "/busy.rss")->error);

  after = reload (f, moved);
  g_assert_cmpstr (after->url, ==, moved_to);
  g_clear_pointer (&after, pr_subscription_free);
  after = reload (f, temp);
  g_assert_true (g_str_has_suffix (after->url, "/temp.rss"));
  g_clear_pointer (&after, pr_subscription_free);
  after = reload (f, gone);
  g_assert_true (after->ended);
  g_assert_nonnull (after->last_error);
  g_clear_pointer (&after, pr_subscription_free);
  after = reload (f, busy);
  g_assert_cmpuint (after->errors, ==, 1);
  g_assert_cmpint (after->next_check_at, >=, now + 7200);
  g_clear_pointer (&after, pr_subscription_free);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* The gone feed is not asked again; the busy one not before its time. */
  pr_refresh_run_async (f->refresh, NULL, TRUE, NULL, NULL, NULL);
  while (pr_refresh_get_running (f->refresh))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (feed_server_count (f->server, "/gone.rss"), ==, 1);
  g_assert_cmpuint (feed_server_count (f->server, "/busy.rss"), ==, 1);
}

/* A server that never answers fails at the timeout; the others finish. */
static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 2, FALSE, "fine");
  g_autoptr(PrSubscription) hang = NULL;
  g_autoptr(PrSubscription) fine = NULL;
  g_autoptr(GPtrArray) results = NULL;

  feed_server_add_hang (f->server, "/hang.rss");
  feed_server_add (f->server, "/fine.rss", 200, "application/rss+xml", feed, -1);
  hang = subscribe (f, "/hang.rss");
  fine = subscribe (f, "/fine.rss");

  results = refresh_all (f);
  g_assert_nonnull (result_for (results, "/hang.rss")->error);
  g_assert_cmpuint (result_for (results, "/fine.rss")->added, ==, 2);
}

/* Each hostile feed fails alone, in words; the good feed is read. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char secret[] = "PR-REFRESH-SECRET-93b1";
  g_autofree char *feed = rss (f->server, 2, FALSE, "good");
  g_autofree char *secret_path = g_build_filename (f->dir, "secret.txt", NULL);
  g_autofree char *xxe = NULL;
  g_autoptr(GString) bomb = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a0 \"lol\">");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) subs = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_subscription_free);
  g_autoptr(GPtrArray) all = NULL;
  const char *bad[] = { "/page.rss", "/other.xml", "/laughs.rss", "/xxe.rss", "/huge.rss", "/bomb.rss",
                        "/loop.rss", "/garbage.rss" };

  g_assert_true (g_file_set_contents (secret_path, secret, -1, NULL));
  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (bomb, "<!ENTITY a%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (bomb, "&a%u;", i - 1);
      g_string_append (bomb, "\">");
    }
  g_string_append (bomb, "]>\n<rss version=\"2.0\"><channel><title>&a9;</title></channel></rss>\n");
  xxe = g_strdup_printf ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file://%s\">]>\n"
                         "<rss version=\"2.0\"><channel><title>XXE &x;</title><item><title>Item &x;</title>"
                         "<description>LONDON, Jan. 5, 2024 /PRNewswire/ -- Text &x; here.</description>"
                         "</item></channel></rss>\n", secret_path);

  feed_server_add (f->server, "/good.rss", 200, "application/rss+xml", feed, -1);
  feed_server_add (f->server, "/page.rss", 200, "text/html", "<html><body><p>No feed here.</p></body></html>", -1);
  feed_server_add (f->server, "/other.xml", 200, "application/xml", "<?xml version=\"1.0\"?><svg/>", -1);
  feed_server_add (f->server, "/laughs.rss", 200, "application/rss+xml", bomb->str, -1);
  feed_server_add (f->server, "/xxe.rss", 200, "application/rss+xml", xxe, -1);
  feed_server_add_stream (f->server, "/huge.rss", G_GUINT64_CONSTANT (1) << 30);
  feed_server_add_gzip_bomb (f->server, "/bomb.rss", 64 * 1024 * 1024);
  {
    g_autofree char *loop = feed_server_url (f->server, "/loop.rss");

    feed_server_add_redirect (f->server, "/loop.rss", 302, loop);
  }
  feed_server_add (f->server, "/garbage.rss", 200, "application/rss+xml",
                   "<rss version=\"2.0\"><channel><title>\xff\xfe bad</title></channel", -1);

  g_ptr_array_add (subs, subscribe (f, "/good.rss"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_ptr_array_add (subs, subscribe (f, bad[i]));

  results = refresh_all (f);
  g_assert_cmpuint (result_for (results, "/good.rss")->added, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PrRefreshResult *r = result_for (results, bad[i]);

      if (g_str_equal (bad[i], "/xxe.rss") && r->error == NULL)
        continue;
      g_assert_nonnull (r->error);
      g_assert_true (g_utf8_validate (r->error, -1, NULL));
    }
  g_assert_nonnull (strstr (result_for (results, "/page.rss")->error, "without a feed link"));

  /* The secret is nowhere in the library. */
  all = pr_store_search (f->store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, 100, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      PrRelease *release = g_ptr_array_index (all, i);
      g_auto(GStrv) body = pr_release_dup_body (release);
      g_autofree char *text = g_strjoinv ("\n", body);

      g_assert_null (strstr (text, secret));
      g_assert_null (strstr (pr_release_get_title (release), secret));
    }
}

/* Subscribing to a page finds its feed; a page without one is refused. */
static void
test_subscribe (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *feed = rss (f->server, 1, FALSE, "sub");
  g_autofree char *page = g_strdup ("<html><head><title>Newsroom</title>"
                                    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/news.rss\">"
                                    "</head><body><p>News</p></body></html>");
  g_autofree char *page_url = feed_server_url (f->server, "/newsroom");
  g_autofree char *bare_url = feed_server_url (f->server, "/bare");
  g_autofree char *feed_url = feed_server_url (f->server, "/news.rss");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(GError) error = NULL;

  feed_server_add (f->server, "/news.rss", 200, "application/rss+xml", feed, -1);
  feed_server_add (f->server, "/newsroom", 200, "text/html", page, -1);
  feed_server_add (f->server, "/bare", 200, "text/html", "<html><body><p>Nothing</p></body></html>", -1);

  pr_refresh_subscribe_async (f->refresh, page_url, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  sub = pr_refresh_subscribe_finish (f->refresh, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sub->url, ==, feed_url);
  g_assert_cmpstr (sub->title, ==, "Loopback Wire");
  g_clear_object (&result);

  /* Again: subscribed already. */
  pr_refresh_subscribe_async (f->refresh, feed_url, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pr_refresh_subscribe_finish (f->refresh, result, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&result);

  pr_refresh_subscribe_async (f->refresh, bare_url, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pr_refresh_subscribe_finish (f->refresh, result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "without a feed link"));
  g_clear_error (&error);
  g_clear_object (&result);

  pr_refresh_subscribe_async (f->refresh, "javascript:alert(1)", NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (pr_refresh_subscribe_finish (f->refresh, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/feeds/refresh/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("basic", test_basic);
  ADD ("summary-only", test_summary_only);
  ADD ("reissued", test_reissued);
  ADD ("corrected", test_corrected);
  ADD ("http-states", test_http_states);
  ADD ("timeout", test_timeout);
  ADD ("hostile", test_hostile);
  ADD ("subscribe", test_subscribe);
#undef ADD
  return g_test_run ();
}
