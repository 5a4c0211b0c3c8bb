/* bench-feeds.c: the feeds half of build-aux/bench --feeds
 *
 * usage: bench-feeds serve FOLDER N PORT-FILE
 *        bench-feeds refresh LIBRARY BASE-URL N
 *
 * "serve" serves N feeds of 50 items each from 127.0.0.1 (its port written
 * to PORT-FILE) until it is killed: item j of feed k is release k × 50 + j
 * of FOLDER's releases in name order (items past the last release are left
 * out). Even feeds carry each release's text as HTML (content:encoded);
 * odd feeds carry a summary and link to a release page (/page/I, the text
 * as a page). Feeds answer 304 to a matching If-None-Match.
 *
 * "refresh" subscribes a new library to BASE-URL/feed/K.rss for K < N,
 * refreshes every feed once, then again, and prints
 *   refresh_s=… refresh_unchanged_s=… feed_items=… added=… failed=… rss_mb=…
 * (rss_mb: peak RSS of this process). */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "feed-server.h"
#include "pr-fetcher.h"
#include "pr-refresh.h"
#include "pr-store.h"
#include "pr-text.h"

#define ITEMS 50

/* ---- serve ---- */

typedef struct {
  GPtrArray *files;    /* char *: the releases, in name order */
  FeedServer *server;
} Serve;

/* The one server of the process, for its handlers. */
static Serve *serving;

static void
list_files (const char *dir,
            GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, files);
      else if (g_str_has_suffix (path, ".txt"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static char *
read_text (Serve *serve,
           guint  index)
{
  g_autofree char *raw = NULL;
  gsize length = 0;

  if (!g_file_get_contents (g_ptr_array_index (serve->files, index), &raw, &length, NULL))
    return g_strdup ("");
  return pr_text_decode (raw, length, NULL);
}

static void
append_html (GString    *out,
             const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_strstrip (paragraphs[i]), -1);

      if (*escaped != '\0')
        g_string_append_printf (out, "<p>%s</p>\n", escaped);
    }
}

static void
serve_feed (FeedServer        *server,
            SoupServerMessage *msg,
            gpointer           user_data)
{
  Serve *serve = serving;
  guint feed = GPOINTER_TO_UINT (user_data);
  g_autofree char *etag = g_strdup_printf ("\"feed-%u\"", feed);
  const char *if_none = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "If-None-Match");
  GString *out;

  if (if_none != NULL && g_str_equal (if_none, etag))
    {
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>");
  g_string_append_printf (out, "<title>Bench feed %u</title><link>http://127.0.0.1/</link>\n", feed);
  for (guint j = 0; j < ITEMS; j++)
    {
      guint index = feed * ITEMS + j;
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;

      if (index >= serve->files->len)
        break;
      text = read_text (serve, index);
      {
        /* The headline: the text's first line. */
        g_autofree char *first = g_strndup (text, strcspn (text, "\n"));

        title = g_markup_escape_text (first, -1);
      }
      g_string_append_printf (out, "<item><title>%s</title><link>/page/%u</link><guid>r%u</guid>",
                              title, index, index);
      if (feed % 2 == 0)
        {
          g_autoptr(GString) html = g_string_new (NULL);

          append_html (html, text);
          g_string_append_printf (out, "<content:encoded><![CDATA[%s]]></content:encoded>", html->str);
        }
      else
        g_string_append (out, "<description>A summary of the release.</description>");
      g_string_append (out, "</item>\n");
    }
  g_string_append (out, "</channel></rss>\n");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_TAKE, out->str, out->len);
  soup_server_message_set_status (msg, 200, NULL);
  g_string_free (out, FALSE);
}

static void
serve_page (FeedServer        *server,
            SoupServerMessage *msg,
            gpointer           user_data)
{
  Serve *serve = serving;
  guint index = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = read_text (serve, index);
  GString *out = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                               "<nav><a href=\"/\">Home</a></nav><article>");

  append_html (out, text);
  g_string_append (out, "</article></body></html>\n");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, out->str, out->len);
  soup_server_message_set_status (msg, 200, NULL);
  g_string_free (out, FALSE);
}

static int
run_serve (const char *folder,
           guint       n_feeds,
           const char *port_file)
{
  Serve serve = { g_ptr_array_new_with_free_func (g_free), NULL };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *base = NULL;

  list_files (folder, serve.files);
  serve.server = feed_server_new ();
  for (guint k = 0; k < n_feeds; k++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/%u.rss", k);

      feed_server_add_handler (serve.server, path, serve_feed, GUINT_TO_POINTER (k), NULL);
      if (k % 2 == 1)
        for (guint j = 0; j < ITEMS && k * ITEMS + j < serve.files->len; j++)
          {
            g_autofree char *page = g_strdup_printf ("/page/%u", k * ITEMS + j);

            feed_server_add_handler (serve.server, page, serve_page, GUINT_TO_POINTER (k * ITEMS + j), NULL);
          }
    }
  serving = &serve;
  base = feed_server_url (serve.server, "");
  if (!g_file_set_contents (port_file, base, -1, NULL))
    return 1;
  g_main_loop_run (loop);
  return 0;
}

/* ---- refresh ---- */

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
pass (PrRefresh *refresh)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  pr_refresh_run_async (refresh, NULL, FALSE, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = pr_refresh_run_finish (refresh, result, &error);
  if (results == NULL)
    g_error ("%s", error->message);
  return results;
}

static int
run_refresh (const char *library,
             const char *base,
             guint       n_feeds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autoptr(PrFetcher) fetcher = pr_fetcher_new ();
  g_autoptr(PrRefresh) refresh = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  guint added = 0, failed = 0, items = 0;
  gint64 start;
  double refresh_s, unchanged_s;
  struct rusage usage;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint k = 0; k < n_feeds; k++)
    {
      g_autofree char *url = g_strdup_printf ("%s/feed/%u.rss", base, k);
      g_autoptr(PrSubscription) sub = pr_subscription_new (url);

      if (!pr_store_add_subscription (store, sub, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  refresh = pr_refresh_new (store, fetcher);

  start = g_get_monotonic_time ();
  first = pass (refresh);
  refresh_s = (g_get_monotonic_time () - start) / 1e6;
  start = g_get_monotonic_time ();
  second = pass (refresh);
  unchanged_s = (g_get_monotonic_time () - start) / 1e6;

  for (guint i = 0; i < first->len; i++)
    {
      PrRefreshResult *r = g_ptr_array_index (first, i);

      added += r->added;
      items += r->added + r->updated + r->unchanged;
      if (r->error != NULL)
        {
          failed++;
          g_printerr ("%s: %s\n", r->url, r->error);
        }
    }
  for (guint i = 0; i < second->len; i++)
    if (!((PrRefreshResult *) g_ptr_array_index (second, i))->not_modified)
      g_printerr ("second pass: %s was not a 304\n", ((PrRefreshResult *) g_ptr_array_index (second, i))->url);

  getrusage (RUSAGE_SELF, &usage);
  printf ("refresh_s=%.3f refresh_unchanged_s=%.3f feed_items=%u added=%u failed=%u rss_mb=%.1f\n",
          refresh_s, unchanged_s, items, added, failed, usage.ru_maxrss / 1024.0);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "serve"))
    return run_serve (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10), argv[4]);
  if (argc == 5 && g_str_equal (argv[1], "refresh"))
    return run_refresh (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));
  g_printerr ("usage: %s serve FOLDER N PORT-FILE\n"
              "       %s refresh LIBRARY BASE-URL N\n", argv[0], argv[0]);
  return 2;
}
