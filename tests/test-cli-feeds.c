/* test-cli-feeds.c: following feeds from the command line (pressreader
 * --subscribe, --feeds, --refresh, --import-opml, --export-opml,
 * --export-json --feed, --unsubscribe), against a loopback server */
#include <string.h>

#include "feed-server.h"
#include "pr-catalog.h"
#include "pr-opml.h"
#include "pr-test-utils.h"

static char *dir;
static char *library;

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  const char *program = g_getenv ("PRESSREADER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, library);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s → %d\nout: %s\nerr: %s", first, run->status, run->out, run->err);
}

static const char feed_xml[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
  "<channel><title>Loopback Wire</title><link>http://127.0.0.1/</link>"
  "<item><title>Acme Robotics Opens a Plant in Lyon</title><link>http://127.0.0.1/r/1</link>"
  "<guid>r1</guid><content:encoded><![CDATA[<p>LYON, France, March 4, 2025 /PRNewswire/ -- "
  "Acme Robotics, Inc. today opened a plant that will build 2,000 warehouse robots a year.</p>]]>"
  "</content:encoded></item>"
  "<item><title>Harbor Light Energy Reports Record Output</title><link>http://127.0.0.1/r/2</link>"
  "<guid>r2</guid><content:encoded><![CDATA[<p>SEATTLE, April 22, 2024 (BUSINESS WIRE) -- Harbor "
  "Light Energy, Inc. reported record output from its tidal array.</p>]]></content:encoded></item>"
  "</channel></rss>\n";

static void
test_follow (void)
{
  FeedServer *server = feed_server_new_threaded ();
  g_autofree char *page_url = feed_server_url (server, "/newsroom");
  g_autofree char *feed_url = feed_server_url (server, "/news.rss");
  g_autofree char *broken_url = feed_server_url (server, "/broken.rss");
  g_autofree char *bare_url = feed_server_url (server, "/bare");
  g_autofree char *opml_path = g_build_filename (dir, "subs.opml", NULL);
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  feed_server_add (server, "/news.rss", 200, "application/rss+xml", feed_xml, -1);
  feed_server_add_header (server, "/news.rss", "ETag", "\"1\"");
  feed_server_add (server, "/newsroom", 200, "text/html",
                   "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/news.rss\">"
                   "</head><body><p>News</p></body></html>", -1);
  feed_server_add (server, "/bare", 200, "text/html", "<html><body><p>Nothing</p></body></html>", -1);
  feed_server_add (server, "/broken.rss", 403, "text/plain", "No", -1);

  /* A page's feed is found; a page without one is refused, in words. */
  run_cli (&run, "--subscribe", page_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Loopback Wire"));
  g_assert_nonnull (strstr (run.out, feed_url));
  run_clear (&run);
  run_cli (&run, "--subscribe", bare_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, bare_url));
  g_assert_nonnull (strstr (run.err, "without a feed link"));
  run_clear (&run);
  run_cli (&run, "--subscribe", feed_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Already subscribed"));
  run_clear (&run);
  run_cli (&run, "--subscribe", broken_url, "--title", "Broken one", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "403"));
  run_clear (&run);

  /* One refresh: a line per feed. */
  run_cli (&run, "--refresh", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 new, 0 updated, 0 unchanged"));
  run_clear (&run);
  run_cli (&run, "--refresh", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"not_modified\" : true"));
  run_clear (&run);

  run_cli (&run, "--feeds", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, feed_url));
  g_assert_nonnull (strstr (run.out, "\tLoopback Wire\t2\t2\t"));
  run_clear (&run);
  run_cli (&run, "--feeds", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"unread\" : 2"));
  run_clear (&run);

  run_cli (&run, "--export-json", "--feed", feed_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (run.out, strlen (run.out));

    releases = pr_catalog_read_bytes (bytes, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (releases->len, ==, 2);
  }
  run_clear (&run);

  /* OPML out, unsubscribed, OPML in again. */
  run_cli (&run, "--export-opml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  outlines = pr_opml_read (run.out, strlen (run.out), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 1);
  g_assert_true (g_file_set_contents (opml_path, run.out, -1, NULL));
  run_clear (&run);
  run_cli (&run, "--unsubscribe", feed_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, "--unsubscribe", feed_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Not subscribed"));
  run_clear (&run);
  run_cli (&run, "--import-opml", opml_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "subscribed: 1"));
  run_clear (&run);

  /* A feed that fails: its line, and exit status 1; the other is read. */
  {
    g_autofree char *opml = g_strdup_printf ("<opml version=\"2.0\"><body><outline text=\"B\" xmlUrl=\"%s\"/>"
                                             "<outline text=\"Skip\" xmlUrl=\"file:///etc/passwd\"/></body></opml>",
                                             broken_url);

    g_assert_true (g_file_set_contents (opml_path, opml, -1, NULL));
  }
  run_cli (&run, "--import-opml", opml_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "file:///etc/passwd: not a web address"));
  run_clear (&run);
  run_cli (&run, "--refresh", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "403"));
  g_assert_nonnull (strstr (run.out, "news.rss: "));
  run_clear (&run);

  /* Usage errors. */
  run_cli (&run, "--feeds", "--title", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, "--refresh", "extra", NULL);
  g_assert_cmpint (run.status, ==, 2);

  feed_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = test_tmpdir ();
  library = g_build_filename (dir, "library.db", NULL);

  g_test_add_func ("/cli/feeds/follow", test_follow);
  status = g_test_run ();

  g_free (library);
  test_tmpdir_free (dir);
  return status;
}
