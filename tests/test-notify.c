/* test-notify.c: telling of watches' new releases, and following feeds
 * with the window closed
 *
 * A notification server stands in: python3-dbusmock's notification_daemon
 * template on the session bus (the test runs in dbus-run-session), and
 * GLib's freedesktop backend is chosen (GNOTIFICATION_BACKEND) so that
 * GApplication talks to it and not to org.gtk.Notifications. Without
 * dbusmock the notification test is skipped. */
#include <glib/gstdio.h>
#include <string.h>

#include "feed-server.h"
#include "test-window-util.h"

#define MOCK_NAME "org.freedesktop.Notifications"
#define MOCK_PATH "/org/freedesktop/Notifications"

static GSubprocess *mock;
static GDBusConnection *bus;

static const char feed_xml[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
  "<channel><title>Loopback Wire</title><link>https://wire.example/</link>"
  "<item><title>Quillfeather Opens a Plant in Lyon</title><link>https://wire.example/q/1</link>"
  "<guid>q1</guid><pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>LYON, "
  "France, March 4, 2025 /PRNewswire/ -- Quillfeather, Inc. today opened a plant that will build "
  "2,000 fountain pens a day.</p>]]></content:encoded></item>"
  "<item><title>Quillfeather Names a New Chief Executive</title><link>https://wire.example/q/2</link>"
  "<guid>q2</guid><pubDate>Thu, 06 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>PARIS, "
  "March 6, 2025 /PRNewswire/ -- Quillfeather, Inc. named a new chief executive, who joins from a "
  "maker of paper and ink.</p>]]></content:encoded></item>"
  "<item><title>Quillfeather Reports Record Sales</title><link>https://wire.example/q/3</link>"
  "<guid>q3</guid><pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>LYON, "
  "March 5, 2025 /PRNewswire/ -- Quillfeather, Inc. reported record sales of pens in the first "
  "quarter of the year.</p>]]></content:encoded></item>"
  "<item><title>Harbor Light Energy Reports Record Output</title><link>https://wire.example/r/2</link>"
  "<guid>r2</guid><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>SEATTLE, "
  "March 3, 2025 (BUSINESS WIRE) -- Harbor Light Energy, Inc. reported record output from its tidal "
  "array, which delivered 42 gigawatt-hours in the first quarter.</p>]]></content:encoded></item>"
  "</channel></rss>\n";

/* One more of the watch's releases, for a later refresh. */
static const char feed_more_item[] =
  "<item><title>Quillfeather Opens a Shop in Turin</title><link>https://wire.example/q/4</link>"
  "<guid>q4</guid><pubDate>Fri, 07 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>TURIN, "
  "Italy, March 7, 2025 /PRNewswire/ -- Quillfeather, Inc. today opened its first shop in Italy, "
  "selling fountain pens and ink.</p>]]></content:encoded></item></channel>";

/* ---- the mock notification server ---- */

static gboolean
mock_start (void)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  /* Silenced: its output must not hold the test's open. */
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "/usr/bin/python3", "-m", "dbusmock",
                           "--template", "notification_daemon", NULL);
  if (mock == NULL)
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", MOCK_NAME), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return TRUE;
      /* python3 without dbusmock ends at once. */
      if (g_subprocess_get_identifier (mock) == NULL)
        break;
      g_usleep (100 * 1000);
    }
  g_subprocess_force_exit (mock);
  g_clear_object (&mock);
  return FALSE;
}

typedef struct {
  guint32 replaces_id;
  char *summary;
  char *body;
} MockCall;

static void
mock_call_free (MockCall *call)
{
  g_free (call->summary);
  g_free (call->body);
  g_free (call);
}

/* The Notify calls dbusmock recorded. */
static GPtrArray *
mock_notify_calls (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) mock_call_free);
  const char *method;
  GVariant *args;
  guint64 stamp;

  reply = g_dbus_connection_call_sync (bus, MOCK_NAME, MOCK_PATH, "org.freedesktop.DBus.Mock",
                                       "GetCalls", NULL, G_VARIANT_TYPE ("(a(tsav))"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&s@av)", &stamp, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        {
          MockCall *call = g_new0 (MockCall, 1);
          g_autoptr(GVariant) replaces = g_variant_get_child_value (args, 1);
          g_autoptr(GVariant) summary = g_variant_get_child_value (args, 3);
          g_autoptr(GVariant) body = g_variant_get_child_value (args, 4);
          g_autoptr(GVariant) r = g_variant_get_variant (replaces);
          g_autoptr(GVariant) s = g_variant_get_variant (summary);
          g_autoptr(GVariant) b = g_variant_get_variant (body);

          call->replaces_id = g_variant_get_uint32 (r);
          call->summary = g_variant_dup_string (s, NULL);
          call->body = g_variant_dup_string (b, NULL);
          g_ptr_array_add (calls, call);
        }
      g_variant_unref (args);
    }
  return calls;
}

static void
mock_clear_calls (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, MOCK_NAME, MOCK_PATH, "org.freedesktop.DBus.Mock",
                                       "ClearCalls", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
}

/* The user clicks notification @id. */
static void
mock_click (guint32 id)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *args[] = { g_variant_new_variant (g_variant_new_uint32 (id)),
                       g_variant_new_variant (g_variant_new_string ("default")) };

  reply = g_dbus_connection_call_sync (bus, MOCK_NAME, MOCK_PATH, "org.freedesktop.DBus.Mock",
                                       "EmitSignal",
                                       g_variant_new ("(sss@av)", "org.freedesktop.Notifications",
                                                      "ActionInvoked", "us",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                                           args, 2)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* ---- helpers ---- */

static gboolean
has_store (gpointer data)
{
  return pr_application_get_store (data) != NULL;
}

static PrApplication *
app_with_feed (const char   *library,
               FeedServer   *server,
               gboolean      notify)
{
  PrApplication *app = test_ui_app_new (library);
  g_autofree char *url = feed_server_url (server, "/wire.rss");
  g_autoptr(PrSubscription) sub = pr_subscription_new (url);
  g_autoptr(PrWatch) watch = pr_watch_new ("Quillfeather", "quillfeather");
  g_autoptr(GError) error = NULL;
  PrStore *store;

  g_assert_true (test_ui_wait_for (has_store, app, 20000));
  store = pr_application_get_store (app);
  watch->notify = notify;
  g_assert_true (pr_store_add_watch (store, watch, &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_add_subscription (store, sub, &error));
  g_assert_no_error (error);
  return app;
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) results = pr_refresh_run_finish (PR_REFRESH (source), result, NULL);

  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A pass over every feed, to its end. */
static void
refresh (PrApplication *app)
{
  PrRefresh *r = pr_context_get_refresh (pr_application_get_context (app));
  gboolean done = FALSE;

  g_assert_nonnull (r);
  pr_refresh_run_async (r, NULL, FALSE, NULL, refresh_done, &done);
  g_assert_true (test_ui_wait_for (flag_set, &done, 20000));
}

static gint64
count_releases (PrApplication *app)
{
  g_autoptr(PrQuery) query = pr_query_new ("quillfeather");

  return pr_store_count (pr_application_get_store (app), query, PR_FILTER_ALL, NULL);
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
has_notify_call (gpointer data)
{
  g_autoptr(GPtrArray) calls = mock_notify_calls ();

  return calls->len > 0;
}

static gboolean
shows_newest (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));
  PrRelease *release;

  if (!PR_IS_WINDOW (window))
    return FALSE;
  release = pr_window_get_selected_release (PR_WINDOW (window));
  return release != NULL &&
         g_strcmp0 (pr_release_get_title (release), "Quillfeather Names a New Chief Executive") == 0;
}

/* ---- the tests ---- */

static void
test_watch_notification (void)
{
  FeedServer *server;
  g_autofree char *dir = NULL;
  g_autofree char *library = NULL;
  g_autoptr(PrApplication) app = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  MockCall *call;
  GtkWindow *window;

  if (bus == NULL)
    {
      g_test_skip ("python3-dbusmock is not installed");
      return;
    }
  server = feed_server_new ();
  feed_server_add (server, "/wire.rss", 200, "application/rss+xml", feed_xml, -1);
  dir = g_dir_make_tmp ("pressreader-notify-XXXXXX", NULL);
  library = g_build_filename (dir, "library.db", NULL);
  app = app_with_feed (library, server, TRUE);
  mock_clear_calls ();

  /* Three new releases of the watch in one pass: one notification. */
  refresh (app);
  g_assert_cmpint (count_releases (app), ==, 3);
  g_assert_true (test_ui_wait_for (has_notify_call, NULL, 5000));
  test_ui_wait (500);
  calls = mock_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->summary, ==, "3 new releases: Quillfeather");
  g_assert_cmpstr (call->body, ==, "Quillfeather Names a New Chief Executive");

  /* Clicked with no window open: a window shows the newest release. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  mock_click (1);
  g_assert_true (test_ui_wait_for (shows_newest, app, 10000));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (PR_IS_WINDOW (window));

  /* Nothing new: nothing told. */
  mock_clear_calls ();
  refresh (app);
  test_ui_wait (1500);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = mock_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);

  /* The watch on screen (its search shown in the active window): its
   * new release is not told. */
  pr_window_set_search_text (PR_WINDOW (window), "quillfeather");
  gtk_window_present (window);
  g_assert_true (test_ui_wait_for (window_active, window, 5000));
  test_ui_wait_settled (PR_WINDOW (window));
  {
    g_autoptr(GString) more = g_string_new (feed_xml);

    g_string_replace (more, "</channel>", feed_more_item, 1);
    feed_server_add (server, "/wire.rss", 200, "application/rss+xml", more->str, -1);
  }
  mock_clear_calls ();
  refresh (app);
  g_assert_cmpint (count_releases (app), ==, 4);
  test_ui_wait (1500);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = mock_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);

  test_ui_wait_settled (PR_WINDOW (window));
  gtk_window_destroy (window);
  test_ui_wait (100);
  feed_server_free (server);
  test_ui_remove_tree (dir);
}

/* With follow-in-background, g_application_run() goes on after the
 * window is closed and a refresh still adds releases; without it,
 * closing the window ends it. */
typedef struct {
  PrApplication *app;
  gboolean follow;
  gboolean closed;
  gboolean ran_after_close;
  gint64 added_after_close;
  gboolean forced;
  guint guard;
} Background;

static gboolean
force_quit (gpointer data)
{
  Background *bg = data;

  bg->forced = TRUE;
  bg->guard = 0;
  g_application_quit (G_APPLICATION (bg->app));
  return G_SOURCE_REMOVE;
}

static gboolean
after_close (gpointer data)
{
  Background *bg = data;
  GSettings *settings = g_settings_new (APP_ID);

  bg->ran_after_close = TRUE;
  refresh (bg->app);
  bg->added_after_close = count_releases (bg->app);
  /* Turned off: the application ends by itself now. */
  g_settings_set_boolean (settings, "follow-in-background", FALSE);
  g_object_unref (settings);
  return G_SOURCE_REMOVE;
}

static gboolean
close_window (gpointer data)
{
  Background *bg = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (bg->app));

  if (window == NULL || pr_application_get_store (bg->app) == NULL)
    return G_SOURCE_CONTINUE;
  test_ui_wait (300);
  test_ui_wait_settled (PR_WINDOW (window));
  gtk_window_close (window);
  bg->closed = TRUE;
  if (bg->follow)
    g_timeout_add (1000, after_close, bg);
  return G_SOURCE_REMOVE;
}

static void
run_background (gboolean follow)
{
  FeedServer *server = feed_server_new ();
  g_autofree char *dir = g_dir_make_tmp ("pressreader-notify-XXXXXX", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PrApplication) app = NULL;
  Background bg = { NULL, follow, };

  feed_server_add (server, "/wire.rss", 200, "application/rss+xml", feed_xml, -1);
  g_settings_set_boolean (settings, "follow-in-background", follow);
  app = app_with_feed (library, server, FALSE);
  bg.app = app;
  bg.guard = g_timeout_add_seconds (30, force_quit, &bg);
  g_timeout_add (100, close_window, &bg);
  g_application_run (G_APPLICATION (app), 0, NULL);

  g_clear_handle_id (&bg.guard, g_source_remove);
  g_assert_true (bg.closed);
  g_assert_false (bg.forced);
  if (follow)
    {
      g_assert_true (bg.ran_after_close);
      g_assert_cmpint (bg.added_after_close, ==, 3);
    }
  else
    g_assert_false (bg.ran_after_close);
  g_settings_reset (settings, "follow-in-background");
  feed_server_free (server);
  test_ui_remove_tree (dir);
}

/* Each in a process of its own: an application is registered once on
 * a connection, and g_application_run() is run once. */
static void
test_background_on (void)
{
  if (g_test_subprocess ())
    {
      run_background (TRUE);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_background_off (void)
{
  if (g_test_subprocess ())
    {
      run_background (FALSE);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app_dir = NULL;
  int status;

  app_dir = g_dir_make_tmp ("pressreader-notify-XXXXXX", NULL);
  /* The feeds' icons are cached here, not in the user's cache. */
  g_setenv ("XDG_CACHE_HOME", app_dir, TRUE);
  /* GApplication talks to org.freedesktop.Notifications, the mock. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  test_ui_init_i18n ();
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    /* The test runs the passes itself. */
    g_settings_set_boolean (settings, "refresh-automatically", FALSE);
  }
  if (!g_test_subprocess ())
    mock_start ();

  g_test_add_func ("/notify/watch", test_watch_notification);
  g_test_add_func ("/notify/background/on", test_background_on);
  g_test_add_func ("/notify/background/off", test_background_off);
  status = g_test_run ();
  if (mock != NULL)
    {
      g_subprocess_force_exit (mock);
      g_subprocess_wait (mock, NULL, NULL);
    }
  g_clear_object (&bus);
  test_ui_remove_tree (app_dir);
  return status;
}
