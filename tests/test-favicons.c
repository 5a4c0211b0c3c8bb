/* test-favicons.c: each site's icon fetched once and cached on disk, from
 * loopback servers (one server per site: a site is scheme, host and
 * port): /favicon.ico, a page's <link rel="icon">, no icon remembered,
 * what is not an icon refused */
#include <glib/gstdio.h>
#include <string.h>

#include "feed-server.h"
#include "pr-favicons.h"

/* A PNG of 1 × 1 pixel. */
static const guchar png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

typedef struct {
  gboolean done;
  char *path;
  GError *error;
} Lookup;

static void
looked_up (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->path = pr_favicons_lookup_finish (PR_FAVICONS (source), result, &lookup->error);
  lookup->done = TRUE;
}

/* The icon file of @url's site, or NULL. */
static char *
lookup (PrFavicons *favicons,
        const char *url)
{
  Lookup result = { 0 };

  pr_favicons_lookup_async (favicons, url, NULL, looked_up, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  return result.path;
}

static void
assert_icon_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, png, sizeof png);
}

static void
test_favicon_ico (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-favicons-XXXXXX", NULL);
  FeedServer *server = feed_server_new ();
  g_autofree char *feed = feed_server_url (server, "/feeds/wire.rss");
  g_autofree char *other = feed_server_url (server, "/feeds/other.rss");
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *later = NULL;
  g_autoptr(PrFavicons) favicons = pr_favicons_new (dir);
  g_autoptr(PrFavicons) next_run = pr_favicons_new (dir);

  feed_server_add (server, "/favicon.ico", 200, "image/png", (const char *) png, sizeof png);
  first = lookup (favicons, feed);
  assert_icon_file (first);
  g_assert_true (g_str_has_prefix (first, dir));
  /* Another feed of the same site, then a new run: never fetched again. */
  again = lookup (favicons, other);
  g_assert_cmpstr (again, ==, first);
  later = lookup (next_run, feed);
  g_assert_cmpstr (later, ==, first);
  g_assert_cmpuint (feed_server_count (server, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (feed_server_total (server), ==, 1);

  feed_server_free (server);
  g_assert_cmpint (g_unlink (first), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_page_link (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-favicons-XXXXXX", NULL);
  FeedServer *server = feed_server_new ();
  g_autofree char *site = feed_server_url (server, "/feeds/wire.rss");
  g_autofree char *path = NULL;
  g_autoptr(PrFavicons) favicons = pr_favicons_new (dir);

  /* No /favicon.ico (a 404); the home page names an SVG first (passed over),
   * a script, then a PNG by a relative address. */
  feed_server_add (server, "/", 200, "text/html; charset=utf-8",
                   "<!DOCTYPE html><html><head><title>Newsroom</title>"
                   "<link rel=\"icon\" type=\"image/svg+xml\" href=\"/i/logo.svg\">"
                   "<link rel=\"shortcut icon\" href=\"javascript:alert(1)\">"
                   "<link rel=\"Shortcut Icon\" href=\"i/logo.png\">"
                   "</head><body><p>News</p></body></html>", -1);
  feed_server_add (server, "/i/logo.png", 200, "image/png", (const char *) png, sizeof png);
  path = lookup (favicons, site);
  assert_icon_file (path);
  g_assert_cmpuint (feed_server_count (server, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (feed_server_count (server, "/i/logo.svg"), ==, 0);
  g_assert_cmpuint (feed_server_count (server, "/i/logo.png"), ==, 1);

  feed_server_free (server);
  remove_dir (dir);
}

static void
test_none (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-favicons-XXXXXX", NULL);
  FeedServer *plain = feed_server_new ();
  FeedServer *html = feed_server_new ();
  FeedServer *large = feed_server_new ();
  FeedServer *svg = feed_server_new ();
  g_autofree char *plain_url = feed_server_url (plain, "/feed.rss");
  g_autofree char *html_url = feed_server_url (html, "/feed.rss");
  g_autofree char *large_url = feed_server_url (large, "/feed.rss");
  g_autofree char *svg_url = feed_server_url (svg, "/feed.rss");
  g_autofree char *big = g_malloc0 (PR_FAVICONS_MAX_SIZE + 1);
  g_autoptr(PrFavicons) favicons = pr_favicons_new (dir);
  g_autoptr(PrFavicons) next_run = pr_favicons_new (dir);
  const char *svg_data = "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"http://127.0.0.1:9/x.png\"/></svg>";

  /* No icon at all; an HTML page as /favicon.ico; an icon over the cap;
   * an SVG. None is kept, and none is asked for again. */
  memcpy (big, png, sizeof png);
  feed_server_add (html, "/favicon.ico", 200, "text/html", "<html><body>Not found</body></html>", -1);
  feed_server_add (large, "/favicon.ico", 200, "image/png", big, PR_FAVICONS_MAX_SIZE + 1);
  feed_server_add (svg, "/favicon.ico", 200, "image/svg+xml", svg_data, -1);
  g_assert_null (lookup (favicons, plain_url));
  g_assert_null (lookup (favicons, html_url));
  g_assert_null (lookup (favicons, large_url));
  g_assert_null (lookup (favicons, svg_url));
  g_assert_null (lookup (next_run, plain_url));
  g_assert_null (lookup (next_run, svg_url));
  g_assert_cmpuint (feed_server_count (plain, "/favicon.ico"), ==, 1);
  g_assert_cmpuint (feed_server_count (svg, "/favicon.ico"), ==, 1);

  /* Only web addresses: nothing fetched, nothing written. */
  g_assert_null (lookup (favicons, "file:///etc/passwd"));
  g_assert_null (lookup (favicons, "javascript:alert(1)"));
  g_assert_null (lookup (favicons, "not an address"));
  g_assert_null (lookup (favicons, NULL));

  feed_server_free (plain);
  feed_server_free (html);
  feed_server_free (large);
  feed_server_free (svg);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint marks = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_true (g_str_has_suffix (name, ".none"));
        marks++;
      }
    g_assert_cmpuint (marks, ==, 4);
  }
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/feeds/favicons/favicon-ico", test_favicon_ico);
  g_test_add_func ("/feeds/favicons/page-link", test_page_link);
  g_test_add_func ("/feeds/favicons/none", test_none);
  return g_test_run ();
}
