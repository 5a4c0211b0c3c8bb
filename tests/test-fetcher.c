/* test-fetcher.c: PrFetcher against a loopback server (tests/feed-server.c) */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "feed-server.h"
#include "pr-fetcher.h"

/* ---- fixtures ---- */

/* An RSS 2.0 feed of one item made from a real release of the corpus
 * (../shared/corpus), or from a line of text when the corpus is absent. */
static char *
make_feed (void)
{
  const char *shared = g_getenv ("PR_SHARED_DIR");
  g_autofree char *path = shared != NULL
                          ? g_build_filename (shared, "corpus", "gnw_carmax_hiring_2020.txt", NULL)
                          : NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_text = NULL;
  char *eol;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL)
      || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      text = g_strdup ("CarMax to hire 3,000 associates\n"
                       "RICHMOND, Va., April 9, 2020 -- CarMax ...");
    }
  title = g_strdup (g_strstrip (text));
  eol = strchr (title, '\n');
  if (eol != NULL)
    *eol = '\0';
  escaped_title = g_markup_escape_text (title, -1);
  escaped_text = g_markup_escape_text (text, -1);
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<rss version=\"2.0\"><channel><title>Wire</title>"
                          "<link>http://127.0.0.1/</link><description>Releases</description>"
                          "<item><title>%s</title><link>http://127.0.0.1/release/1</link>"
                          "<guid>release-1</guid><description>%s</description></item>"
                          "</channel></rss>\n",
                          escaped_title, escaped_text);
}

typedef struct {
  FeedServer *server;
  PrFetcher *fetcher;
  char *feed;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = feed_server_new ();
  fixture->fetcher = pr_fetcher_new ();
  fixture->feed = make_feed ();
  feed_server_add (fixture->server, "/feed", 200, "application/rss+xml; charset=utf-8",
                   fixture->feed, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->fetcher);
  feed_server_free (fixture->server);
  g_free (fixture->feed);
}

typedef struct {
  PrFetchResult *result;
  GError *error;
  gboolean done;
} Pending;

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Pending *pending = user_data;

  pending->result = pr_fetcher_fetch_finish (PR_FETCHER (source), res, &pending->error);
  pending->done = TRUE;
}

static void
wait_for (Pending *pending,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    while (!pending[i].done)
      g_main_context_iteration (NULL, TRUE);
}

static PrFetchResult *
fetch (Fixture    *fixture,
       const char *path,
       const char *etag,
       const char *last_modified)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? feed_server_url (fixture->server, path)
                                                      : g_strdup (path);
  Pending pending = { 0 };

  pr_fetcher_fetch_async (fixture->fetcher, url, etag, last_modified, NULL, fetched_cb, &pending);
  wait_for (&pending, 1);
  g_assert_no_error (pending.error);
  g_assert_nonnull (pending.result);
  g_assert_cmpstr (pending.result->url, ==, url);
  return pending.result;
}

static void
assert_body (PrFetchResult *result,
             const char    *expected)
{
  g_assert_no_error (result->error);
  g_assert_nonnull (result->body);
  g_assert_cmpmem (g_bytes_get_data (result->body, NULL), g_bytes_get_size (result->body),
                   expected, strlen (expected));
}

/* ---- tests ---- */

static void
test_basic (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;
  g_autofree char *url = feed_server_url (fixture->server, "/feed");
  g_autofree char *agent = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *expected_agent = g_strdup_printf ("PressReader/%s (+%s)", PACKAGE_VERSION,
                                                     PACKAGE_WEBSITE);

  feed_server_add_header (fixture->server, "/feed", "ETag", "\"v1\"");
  feed_server_add_header (fixture->server, "/feed", "Last-Modified",
                          "Tue, 07 Apr 2020 12:00:00 GMT");
  feed_server_add_header (fixture->server, "/feed", "Cache-Control", "public, max-age=900");
  result = fetch (fixture, "/feed", NULL, NULL);

  assert_body (result, fixture->feed);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_false (result->not_modified);
  g_assert_false (result->gone);
  g_assert_cmpstr (result->final_url, ==, url);
  g_assert_null (result->moved_to);
  g_assert_cmpuint (result->redirects, ==, 0);
  g_assert_cmpstr (result->content_type, ==, "application/rss+xml");
  g_assert_cmpstr (result->charset, ==, "utf-8");
  g_assert_cmpstr (result->etag, ==, "\"v1\"");
  g_assert_cmpstr (result->last_modified, ==, "Tue, 07 Apr 2020 12:00:00 GMT");
  g_assert_cmpint (result->max_age, ==, 900);
  g_assert_cmpint (result->retry_after, ==, -1);

  agent = feed_server_request_header (fixture->server, "/feed", "User-Agent");
  g_assert_cmpstr (agent, ==, expected_agent);
  g_assert_cmpstr (pr_fetcher_get_user_agent (fixture->fetcher), ==, expected_agent);
  accept = feed_server_request_header (fixture->server, "/feed", "Accept");
  g_assert_true (g_str_has_prefix (accept, "application/rss+xml"));
  g_assert_cmpuint (feed_server_count (fixture->server, "/feed"), ==, 1);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PrFetchResult) first = NULL;
  g_autoptr(PrFetchResult) second = NULL;
  g_autoptr(PrFetchResult) third = NULL;
  g_autofree char *inm = NULL;
  g_autofree char *ims = NULL;

  feed_server_add_header (fixture->server, "/feed", "ETag", "W/\"abc-1\"");
  feed_server_add_header (fixture->server, "/feed", "Last-Modified",
                          "Tue, 07 Apr 2020 12:00:00 GMT");

  first = fetch (fixture, "/feed", NULL, NULL);
  assert_body (first, fixture->feed);
  g_assert_null (feed_server_request_header (fixture->server, "/feed", "If-None-Match"));

  second = fetch (fixture, "/feed", first->etag, first->last_modified);
  g_assert_no_error (second->error);
  g_assert_true (second->not_modified);
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_null (second->body);
  inm = feed_server_request_header (fixture->server, "/feed", "If-None-Match");
  ims = feed_server_request_header (fixture->server, "/feed", "If-Modified-Since");
  g_assert_cmpstr (inm, ==, "W/\"abc-1\"");
  g_assert_cmpstr (ims, ==, "Tue, 07 Apr 2020 12:00:00 GMT");
  /* Two requests, one body sent. */
  g_assert_cmpuint (feed_server_count (fixture->server, "/feed"), ==, 2);
  g_assert_cmpuint (feed_server_bodies (fixture->server, "/feed"), ==, 1);

  /* Only Last-Modified known: still a 304. */
  third = fetch (fixture, "/feed", NULL, first->last_modified);
  g_assert_true (third->not_modified);
  g_assert_cmpuint (feed_server_bodies (fixture->server, "/feed"), ==, 1);
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;
  g_autofree char *encodings = NULL;

  feed_server_set_gzip (fixture->server, "/feed", TRUE);
  result = fetch (fixture, "/feed", NULL, NULL);
  assert_body (result, fixture->feed);
  encodings = feed_server_request_header (fixture->server, "/feed", "Accept-Encoding");
  g_assert_nonnull (strstr (encodings, "gzip"));
  g_assert_nonnull (strstr (encodings, "deflate"));
}

static void
test_redirect_permanent (Fixture       *fixture,
                         gconstpointer  data)
{
  guint status = GPOINTER_TO_UINT (data);
  g_autofree char *target = feed_server_url (fixture->server, "/feed");
  g_autoptr(PrFetchResult) result = NULL;
  g_autoptr(PrFetchResult) chain = NULL;

  /* Relative Location, as servers send. */
  feed_server_add_redirect (fixture->server, "/old", status, "/feed");
  result = fetch (fixture, "/old", NULL, NULL);
  assert_body (result, fixture->feed);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpuint (result->redirects, ==, 1);
  g_assert_cmpstr (result->final_url, ==, target);
  g_assert_cmpstr (result->moved_to, ==, target);

  /* A chain of 301 and 308 is still a move. */
  feed_server_add_redirect (fixture->server, "/older", status == 301 ? 308 : 301, "/old");
  chain = fetch (fixture, "/older", NULL, NULL);
  assert_body (chain, fixture->feed);
  g_assert_cmpuint (chain->redirects, ==, 2);
  g_assert_cmpstr (chain->moved_to, ==, target);
}

static void
test_redirect_temporary (Fixture       *fixture,
                         gconstpointer  data)
{
  guint status = GPOINTER_TO_UINT (data);
  g_autofree char *target = feed_server_url (fixture->server, "/feed");
  g_autoptr(PrFetchResult) result = NULL;
  g_autoptr(PrFetchResult) mixed = NULL;

  feed_server_add_redirect (fixture->server, "/tmp", status, target);
  result = fetch (fixture, "/tmp", NULL, NULL);
  assert_body (result, fixture->feed);
  g_assert_cmpuint (result->redirects, ==, 1);
  g_assert_cmpstr (result->final_url, ==, target);
  g_assert_null (result->moved_to);

  /* A permanent hop then a temporary one: not a move. */
  feed_server_add_redirect (fixture->server, "/old", 301, "/tmp");
  mixed = fetch (fixture, "/old", NULL, NULL);
  assert_body (mixed, fixture->feed);
  g_assert_cmpuint (mixed->redirects, ==, 2);
  g_assert_null (mixed->moved_to);
}

static void
add_chain (FeedServer *server,
           guint       n)
{
  /* /r0 -> /r1 -> ... -> /rN -> /feed: n + 1 redirects. */
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/r%u", i);
      g_autofree char *next = i < n ? g_strdup_printf ("/r%u", i + 1) : g_strdup ("/feed");

      feed_server_add_redirect (server, path, i % 2 ? 302 : 301, next);
    }
}

static void
test_redirect_too_many (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PrFetchResult) ten = NULL;
  g_autoptr(PrFetchResult) eleven = NULL;

  add_chain (fixture->server, 9);
  ten = fetch (fixture, "/r0", NULL, NULL);
  assert_body (ten, fixture->feed);
  g_assert_cmpuint (ten->redirects, ==, 10);

  add_chain (fixture->server, 10);
  eleven = fetch (fixture, "/r0", NULL, NULL);
  g_assert_error (eleven->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpstr (eleven->error->message, ==, "Too many redirects (more than 10)");
  g_assert_cmpuint (eleven->status, ==, 301);
  g_assert_null (eleven->body);
  g_assert_null (eleven->moved_to);
  /* The 11th target was never asked. */
  g_assert_cmpuint (feed_server_count (fixture->server, "/r10"), ==, 1);
  g_assert_cmpuint (feed_server_count (fixture->server, "/feed"), ==, 1);
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;
  g_autoptr(PrFetchResult) self_loop = NULL;

  feed_server_add_redirect (fixture->server, "/a", 301, "/b");
  feed_server_add_redirect (fixture->server, "/b", 302, "/c");
  feed_server_add_redirect (fixture->server, "/c", 307, "/a");
  result = fetch (fixture, "/a", NULL, NULL);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_REDIRECT_LOOP);
  g_assert_true (g_str_has_prefix (result->error->message, "A redirect loop"));
  g_assert_cmpuint (feed_server_count (fixture->server, "/a"), ==, 1);

  feed_server_add_redirect (fixture->server, "/self", 301, "/self");
  self_loop = fetch (fixture, "/self", NULL, NULL);
  g_assert_error (self_loop->error, PR_FETCH_ERROR, PR_FETCH_ERROR_REDIRECT_LOOP);
  g_assert_null (self_loop->moved_to);
}

static void
test_redirect_scheme (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *targets[] = { "javascript:alert(1)", "file:///etc/passwd", "ftp://127.0.0.1/feed",
                            "data:text/xml,<rss/>" };

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(PrFetchResult) result = NULL;
      g_autofree char *scheme = g_strndup (targets[i], strchr (targets[i], ':') - targets[i]);
      g_autofree char *expected = g_strdup_printf ("A redirect to a “%s:” address is refused: "
                                                   "only http and https are followed", scheme);

      feed_server_add_redirect (fixture->server, "/evil", 301, targets[i]);
      result = fetch (fixture, "/evil", NULL, NULL);
      g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_BAD_REDIRECT);
      g_assert_cmpstr (result->error->message, ==, expected);
      g_assert_null (result->body);
      g_assert_null (result->moved_to);
    }
}

static void
test_invalid_url (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *urls[] = { "file:///etc/passwd", "javascript:alert(1)", "not an address", "",
                         "http://", "mailto:press@example.org" };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(PrFetchResult) result = fetch (fixture, urls[i], NULL, NULL);

      g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (result->error->message, "is not a web address"));
      g_assert_cmpuint (result->status, ==, 0);
    }
  g_assert_cmpuint (feed_server_total (fixture->server), ==, 0);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  g_autoptr(PrFetchResult) seconds = NULL;
  g_autoptr(PrFetchResult) dated = NULL;
  g_autoptr(PrFetchResult) busy = NULL;
  g_autoptr(PrFetchResult) bare = NULL;

  feed_server_add (fixture->server, "/seconds", 429, "text/plain", "slow down", -1);
  feed_server_add_header (fixture->server, "/seconds", "Retry-After", "120");
  seconds = fetch (fixture, "/seconds", NULL, NULL);
  g_assert_error (seconds->error, PR_FETCH_ERROR, PR_FETCH_ERROR_BUSY);
  g_assert_cmpstr (seconds->error->message, ==, "The server is busy: try again in 2 minutes");
  g_assert_cmpuint (seconds->status, ==, 429);
  g_assert_cmpint (seconds->retry_after, ==, 120);
  g_assert_null (seconds->body);

  /* The HTTP-date form: an hour from now, give or take the test's run. */
  feed_server_add (fixture->server, "/dated", 429, NULL, NULL, 0);
  feed_server_add_header (fixture->server, "/dated", "Retry-After", date);
  dated = fetch (fixture, "/dated", NULL, NULL);
  g_assert_error (dated->error, PR_FETCH_ERROR, PR_FETCH_ERROR_BUSY);
  g_assert_cmpint (dated->retry_after, >, 3000);
  g_assert_cmpint (dated->retry_after, <=, 3600);

  feed_server_add (fixture->server, "/busy", 503, NULL, NULL, 0);
  feed_server_add_header (fixture->server, "/busy", "Retry-After", "30");
  busy = fetch (fixture, "/busy", NULL, NULL);
  g_assert_error (busy->error, PR_FETCH_ERROR, PR_FETCH_ERROR_BUSY);
  g_assert_cmpstr (busy->error->message, ==, "The server is busy: try again in 30 seconds");
  g_assert_cmpint (busy->retry_after, ==, 30);

  feed_server_add (fixture->server, "/bare", 503, NULL, NULL, 0);
  bare = fetch (fixture, "/bare", NULL, NULL);
  g_assert_error (bare->error, PR_FETCH_ERROR, PR_FETCH_ERROR_BUSY);
  g_assert_cmpstr (bare->error->message, ==, "The server is busy: 503 Service Unavailable");
  g_assert_cmpint (bare->retry_after, ==, -1);
}

static void
test_gone (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;

  feed_server_add (fixture->server, "/gone", 410, "text/html", "<p>gone</p>", -1);
  result = fetch (fixture, "/gone", NULL, NULL);
  g_assert_true (result->gone);
  g_assert_cmpuint (result->status, ==, 410);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_GONE);
  g_assert_cmpstr (result->error->message, ==, "The feed is gone (410): it is no longer polled");
  g_assert_null (result->body);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PrFetchResult) forbidden = NULL;
  g_autoptr(PrFetchResult) missing = NULL;
  g_autoptr(PrFetchResult) failed = NULL;

  feed_server_add (fixture->server, "/forbidden", 403, "text/html", "<p>no</p>", -1);
  forbidden = fetch (fixture, "/forbidden", NULL, NULL);
  g_assert_error (forbidden->error, PR_FETCH_ERROR, PR_FETCH_ERROR_HTTP);
  g_assert_cmpstr (forbidden->error->message, ==, "The server refused: 403 Forbidden");
  g_assert_false (forbidden->gone);

  missing = fetch (fixture, "/nothing-here", NULL, NULL);
  g_assert_cmpstr (missing->error->message, ==, "The server refused: 404 Not Found");

  feed_server_add (fixture->server, "/broken", 500, NULL, NULL, 0);
  failed = fetch (fixture, "/broken", NULL, NULL);
  g_assert_error (failed->error, PR_FETCH_ERROR, PR_FETCH_ERROR_HTTP);
  g_assert_cmpstr (failed->error->message, ==, "The server failed: 500 Internal Server Error");
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(PrFetchResult) result = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and that nothing listens on. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  result = fetch (fixture, url, NULL, NULL);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_UNREACHABLE);
  g_assert_true (g_str_has_prefix (result->error->message, "Cannot reach host: "));
  g_assert_cmpuint (result->status, ==, 0);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *never = feed_server_url (fixture->server, "/never");
  g_autofree char *feed = feed_server_url (fixture->server, "/feed");
  Pending pending[2] = { 0 };

  pr_fetcher_set_timeout (fixture->fetcher, 1);
  feed_server_add_hang (fixture->server, "/never");
  pr_fetcher_fetch_async (fixture->fetcher, never, NULL, NULL, NULL, fetched_cb, &pending[0]);
  pr_fetcher_fetch_async (fixture->fetcher, feed, NULL, NULL, NULL, fetched_cb, &pending[1]);
  wait_for (pending, 2);

  g_assert_no_error (pending[0].error);
  g_assert_error (pending[0].result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (pending[0].result->error->message, ==,
                   "No answer from the server within 1 second");
  g_assert_cmpuint (feed_server_count (fixture->server, "/never"), ==, 1);
  /* The other fetch in flight finished. */
  g_assert_no_error (pending[1].error);
  assert_body (pending[1].result, fixture->feed);
  pr_fetch_result_unref (pending[0].result);
  pr_fetch_result_unref (pending[1].result);
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;

  /* The server answers, slowly enough to pass the whole fetch's deadline
   * while the connection timeout is long. */
  pr_fetcher_set_deadline (fixture->fetcher, 1);
  feed_server_add_hang (fixture->server, "/never");
  result = fetch (fixture, "/never", NULL, NULL);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpstr (result->error->message, ==,
                   "The server took more than 1 second to answer: stopped");
}

static void
test_large_body (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;

  /* 1 GB, generated as it is sent. */
  feed_server_add_stream (fixture->server, "/huge", G_GUINT64_CONSTANT (1024) * 1024 * 1024);
  result = fetch (fixture, "/huge", NULL, NULL);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TOO_LARGE);
  g_assert_cmpstr (result->error->message, ==, "The response is larger than 16 MB");
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_null (result->body);

  /* The fetcher is still good for the next feed. */
  g_clear_pointer (&result, pr_fetch_result_unref);
  result = fetch (fixture, "/feed", NULL, NULL);
  assert_body (result, fixture->feed);
}

static void
test_gzip_bomb (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;

  /* About 100 KB on the wire, 100 MB inflated. */
  feed_server_add_gzip_bomb (fixture->server, "/bomb", 100 * 1024 * 1024);
  result = fetch (fixture, "/bomb", NULL, NULL);
  g_assert_error (result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TOO_LARGE);
  g_assert_cmpstr (result->error->message, ==, "The response is larger than 16 MB");
  g_assert_null (result->body);
}

static void
test_cap_exact (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *exact = g_strnfill (1000, 'x');
  g_autofree char *over = g_strnfill (1001, 'x');
  g_autoptr(PrFetchResult) fits = NULL;
  g_autoptr(PrFetchResult) too_large = NULL;

  pr_fetcher_set_max_body_size (fixture->fetcher, 1000);
  feed_server_add (fixture->server, "/exact", 200, "text/plain", exact, -1);
  feed_server_add (fixture->server, "/over", 200, "text/plain", over, -1);
  feed_server_set_gzip (fixture->server, "/over", TRUE);
  fits = fetch (fixture, "/exact", NULL, NULL);
  assert_body (fits, exact);
  too_large = fetch (fixture, "/over", NULL, NULL);
  g_assert_error (too_large->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TOO_LARGE);
  g_assert_cmpstr (too_large->error->message, ==, "The response is larger than 1000 bytes");
}

/* Holds each request until another is in flight, then answers both:
 * the peak shows how many connections the fetcher opens to one host. */
typedef struct {
  GPtrArray *held;
  guint released;
} Hold;

static void
release_held (Hold *hold)
{
  for (guint i = 0; i < hold->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (hold->held, i);

      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_unpause (msg);
      hold->released++;
    }
  g_ptr_array_set_size (hold->held, 0);
}

static gboolean
release_timeout_cb (gpointer user_data)
{
  release_held (user_data);
  return G_SOURCE_CONTINUE;
}

static void
hold_handler (FeedServer        *server,
              SoupServerMessage *msg,
              gpointer           user_data)
{
  Hold *hold = user_data;

  soup_server_message_pause (msg);
  g_ptr_array_add (hold->held, g_object_ref (msg));
  if (hold->held->len >= 2)
    release_held (hold);
}

static void
test_per_host (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = feed_server_url (fixture->server, "/slow");
  Hold hold = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  Pending pending[6] = { 0 };
  guint timer;

  feed_server_add_handler (fixture->server, "/slow", hold_handler, &hold, NULL);
  /* Should only one connection be opened, the lone request is answered
   * after a while rather than never. */
  timer = g_timeout_add (2000, release_timeout_cb, &hold);
  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    pr_fetcher_fetch_async (fixture->fetcher, url, NULL, NULL, NULL, fetched_cb, &pending[i]);
  wait_for (pending, G_N_ELEMENTS (pending));
  g_source_remove (timer);

  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      assert_body (pending[i].result, "ok");
      pr_fetch_result_unref (pending[i].result);
    }
  g_assert_cmpuint (feed_server_count (fixture->server, "/slow"), ==, 6);
  g_assert_cmpuint (hold.released, ==, 6);
  g_assert_cmpuint (feed_server_peak (fixture->server), ==, 2);
  g_ptr_array_unref (hold.held);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *url = feed_server_url (fixture->server, "/never");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Pending pending = { 0 };

  feed_server_add_hang (fixture->server, "/never");
  pr_fetcher_fetch_async (fixture->fetcher, url, NULL, NULL, cancellable, fetched_cb, &pending);
  while (feed_server_count (fixture->server, "/never") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  wait_for (&pending, 1);
  g_assert_error (pending.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pending.result);
  g_clear_error (&pending.error);
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *url = feed_server_url (fixture->server, "/release/1");
  g_autofree char *accept = NULL;
  const char *page = "<html><head><title>CarMax</title></head><body><p>RICHMOND</p></body></html>";
  Pending pending = { 0 };

  feed_server_add (fixture->server, "/release/1", 200, "text/html; charset=ISO-8859-1", page, -1);
  pr_fetcher_fetch_page_async (fixture->fetcher, url, NULL, fetched_cb, &pending);
  wait_for (&pending, 1);
  g_assert_no_error (pending.error);
  assert_body (pending.result, page);
  g_assert_cmpstr (pending.result->content_type, ==, "text/html");
  g_assert_cmpstr (pending.result->charset, ==, "ISO-8859-1");
  accept = feed_server_request_header (fixture->server, "/release/1", "Accept");
  g_assert_true (g_str_has_prefix (accept, "text/html"));
  pr_fetch_result_unref (pending.result);
}

static void
test_hostile_headers (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PrFetchResult) result = NULL;
  g_autoptr(PrFetchResult) again = NULL;
  g_autofree char *long_etag = g_strnfill (4000, 'e');

  /* Validators too long to send back, a bogus max-age and content type. */
  feed_server_add_header (fixture->server, "/feed", "ETag", long_etag);
  feed_server_add_header (fixture->server, "/feed", "Cache-Control", "max-age=-5");
  result = fetch (fixture, "/feed", NULL, NULL);
  assert_body (result, fixture->feed);
  g_assert_null (result->etag);
  g_assert_cmpint (result->max_age, ==, -1);

  /* A validator with a line break is not sent. */
  again = fetch (fixture, "/feed", "\"a\"\r\nX-Evil: 1", NULL);
  assert_body (again, fixture->feed);
  g_assert_null (feed_server_request_header (fixture->server, "/feed", "If-None-Match"));
  g_assert_null (feed_server_request_header (fixture->server, "/feed", "X-Evil"));
}

static void
test_tls_untrusted (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "feed-server-self-signed.pem",
                                                NULL);
  FeedServer *server = feed_server_new_https (pem);
  g_autoptr(PrFetcher) fetcher = pr_fetcher_new ();
  g_autofree char *url = feed_server_url (server, "/feed");
  g_autoptr(GTlsBackend) backend = g_object_ref (g_tls_backend_get_default ());
  Pending pending = { 0 };

  if (!g_tls_backend_supports_tls (backend))
    {
      feed_server_free (server);
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  feed_server_add (server, "/feed", 200, "application/rss+xml", "<rss/>", -1);
  pr_fetcher_fetch_async (fetcher, url, NULL, NULL, NULL, fetched_cb, &pending);
  wait_for (&pending, 1);
  g_assert_no_error (pending.error);
  g_assert_error (pending.result->error, PR_FETCH_ERROR, PR_FETCH_ERROR_TLS);
  g_assert_true (g_str_has_prefix (pending.result->error->message,
                                   "The server’s certificate is not trusted: "));
  g_assert_null (pending.result->body);
  /* The handshake failed: no request was ever read. */
  g_assert_cmpuint (feed_server_total (server), ==, 0);
  pr_fetch_result_unref (pending.result);
  g_clear_object (&fetcher);
  feed_server_free (server);
}

/* A port nobody listens on now, for a server in another process. */
static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* HTTP/2 where the server offers it: nghttpd (nghttp2-server) on
 * loopback with the tests' certificate, trusted through the fetcher's
 * database; the feed comes over h2, and a second fetch too. */
static void
test_http2 (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "feed-server-self-signed.pem",
                                                NULL);
  g_autofree char *nghttpd = g_find_program_in_path ("nghttpd");
  g_autofree char *dir = NULL;
  g_autofree char *feed = make_feed ();
  g_autofree char *port_arg = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(PrFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (nghttpd == NULL)
    {
      g_test_skip ("no nghttpd (nghttp2-server)");
      return;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  dir = g_dir_make_tmp ("pressreader-h2-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (dir, "feed.xml", NULL);

    g_assert_true (g_file_set_contents (path, feed, -1, &error));
  }
  port = free_port ();
  port_arg = g_strdup_printf ("%u", port);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             nghttpd, "--address=127.0.0.1", "-d", dir, port_arg, pem, pem, NULL);
  g_assert_no_error (error);
  /* Listening when a connection is accepted. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", port,
                                                                                 NULL, NULL);

      if (connection != NULL)
        break;
      g_usleep (50 * 1000);
    }

  {
    /* GTlsFileDatabase wants an absolute path. */
    g_autofree char *absolute = g_canonicalize_filename (pem, NULL);

    database = g_tls_file_database_new (absolute, &error);
  }
  g_assert_no_error (error);
  fetcher = pr_fetcher_new ();
  pr_fetcher_set_tls_database (fetcher, database);
  url = g_strdup_printf ("https://127.0.0.1:%u/feed.xml", port);
  for (guint round = 0; round < 2; round++)
    {
      Pending pending = { 0 };

      pr_fetcher_fetch_async (fetcher, url, NULL, NULL, NULL, fetched_cb, &pending);
      wait_for (&pending, 1);
      g_assert_no_error (pending.error);
      g_assert_no_error (pending.result->error);
      g_assert_cmpuint (pending.result->status, ==, 200);
      g_assert_cmpuint (pending.result->http_version, ==, 20);
      g_assert_nonnull (pending.result->body);
      g_assert_cmpmem (g_bytes_get_data (pending.result->body, NULL), g_bytes_get_size (pending.result->body),
                       feed, strlen (feed));
      pr_fetch_result_unref (pending.result);
    }

  g_clear_object (&fetcher);
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  {
    g_autofree char *path = g_build_filename (dir, "feed.xml", NULL);

    g_unlink (path);
    g_rmdir (dir);
  }
}

/* The server in its own thread, as tests that wait on a child use it. */
static void
test_threaded_server (void)
{
  FeedServer *server = feed_server_new_threaded ();
  g_autoptr(PrFetcher) fetcher = pr_fetcher_new ();
  g_autofree char *url = feed_server_url (server, "/feed");
  g_autofree char *feed = make_feed ();
  Pending pending = { 0 };

  g_assert_true (feed_server_get_context (server) != g_main_context_default ());
  feed_server_add (server, "/feed", 200, "application/rss+xml", feed, -1);
  feed_server_set_gzip (server, "/feed", TRUE);
  pr_fetcher_fetch_async (fetcher, url, NULL, NULL, NULL, fetched_cb, &pending);
  wait_for (&pending, 1);
  g_assert_no_error (pending.error);
  assert_body (pending.result, feed);
  g_assert_cmpuint (feed_server_count (server, "/feed"), ==, 1);
  g_assert_cmpuint (feed_server_bodies (server, "/feed"), ==, 1);
  pr_fetch_result_unref (pending.result);
  g_clear_object (&fetcher);
  feed_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/feeds/fetch/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("basic", test_basic, NULL);
  ADD ("not-modified", test_not_modified, NULL);
  ADD ("gzip", test_gzip, NULL);
  ADD ("redirect/301", test_redirect_permanent, GUINT_TO_POINTER (301));
  ADD ("redirect/308", test_redirect_permanent, GUINT_TO_POINTER (308));
  ADD ("redirect/302", test_redirect_temporary, GUINT_TO_POINTER (302));
  ADD ("redirect/307", test_redirect_temporary, GUINT_TO_POINTER (307));
  ADD ("redirect/too-many", test_redirect_too_many, NULL);
  ADD ("redirect/loop", test_redirect_loop, NULL);
  ADD ("redirect/scheme", test_redirect_scheme, NULL);
  ADD ("invalid-url", test_invalid_url, NULL);
  ADD ("retry-after", test_retry_after, NULL);
  ADD ("gone", test_gone, NULL);
  ADD ("refused", test_refused, NULL);
  ADD ("unreachable", test_unreachable, NULL);
  ADD ("timeout", test_timeout, NULL);
  ADD ("deadline", test_deadline, NULL);
  ADD ("large-body", test_large_body, NULL);
  ADD ("gzip-bomb", test_gzip_bomb, NULL);
  ADD ("cap-exact", test_cap_exact, NULL);
  ADD ("per-host", test_per_host, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("page", test_page, NULL);
  ADD ("hostile-headers", test_hostile_headers, NULL);
#undef ADD
  g_test_add_func ("/feeds/fetch/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/feeds/fetch/http2", test_http2);
  g_test_add_func ("/feeds/fetch/threaded-server", test_threaded_server);

  return g_test_run ();
}
