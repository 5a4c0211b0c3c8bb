/* test-notifier.c: notifications of what notifying watches find, and
 * app.show-release, which activating one runs */
#include "config.h"

#include "pr-notifier.h"
#include "test-window-util.h"

static PrApplication *app;

typedef struct {
  char *id;
  PrWatchHits *hits;
} Told;

static void
told_free (Told *told)
{
  g_free (told->id);
  pr_watch_hits_free (told->hits);
  g_free (told);
}

static void
notification_cb (PrNotifier    *notifier,
                 const char    *id,
                 PrWatchHits   *hits,
                 GNotification *notification,
                 GPtrArray     *told)
{
  Told *t = g_new0 (Told, 1);

  g_assert_true (G_IS_NOTIFICATION (notification));
  t->id = g_strdup (id);
  t->hits = pr_watch_hits_copy (hits);
  g_ptr_array_add (told, t);
}

static PrRelease *
turbine_release (guint i)
{
  g_autofree char *title = g_strdup_printf ("Fictional Turbine Works Number %u Opens", i);
  g_autofree char *date = g_strdup_printf ("2025-06-%02u", 1 + i % 28);
  g_autofree char *origin = g_strdup_printf ("/notify/%u.txt", i);
  PrRelease *release = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "The turbine works opened today."));
  pr_release_set_field (release, PR_FIELD_TITLE, title);
  pr_release_set_field (release, PR_FIELD_DATE, date);
  pr_release_set_field (release, PR_FIELD_SOURCE, "PR Newswire");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "en");
  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
  pr_release_set_blocks (release, blocks);
  return release;
}

static void
add (PrStore *store,
     guint    from,
     guint    to)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = from; i < to; i++)
    g_ptr_array_add (releases, turbine_release (i));
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
showing_all (const char *query,
             gpointer    data)
{
  return TRUE;
}

static gboolean
has_told (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* Two writes (a refresh's), one notification: the count added up, the
 * newest headline, replacing the watch's last one; nothing for the same
 * releases again; nothing while the user looks at the watch's search. */
static void
test_aggregate (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PrStore) store = test_ui_library_new (&dir);
  g_autoptr(PrWatch) watch = pr_watch_new ("Turbines", "turbine");
  g_autoptr(PrNotifier) notifier = NULL;
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func ((GDestroyNotify) told_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  Told *t;

  watch->notify = TRUE;
  g_assert_true (pr_store_add_watch (store, watch, &error));
  notifier = pr_notifier_new (store, NULL);
  g_signal_connect (notifier, "notification", G_CALLBACK (notification_cb), told);

  add (store, 0, 2);
  add (store, 2, 3);
  g_assert_cmpuint (told->len, ==, 0);
  /* Told once the library is quiet. */
  g_assert_true (test_ui_wait_for (has_told, told, PR_NOTIFIER_QUIET_MS * 3));
  g_assert_cmpuint (told->len, ==, 1);
  t = g_ptr_array_index (told, 0);
  id = g_strdup_printf ("watch-%" G_GINT64_FORMAT, watch->id);
  g_assert_cmpstr (t->id, ==, id);
  g_assert_cmpuint (t->hits->count, ==, 3);
  g_assert_cmpstr (t->hits->newest_title, ==, "Fictional Turbine Works Number 2 Opens");
  title = pr_notifier_format_title (t->hits);
  g_assert_cmpstr (title, ==, "3 new releases: Turbines");

  /* The same again: nothing new. */
  g_ptr_array_set_size (told, 0);
  add (store, 0, 3);
  pr_notifier_flush (notifier);
  g_assert_cmpuint (told->len, ==, 0);

  /* New, but the user is looking at it. */
  pr_notifier_set_showing_func (notifier, showing_all, NULL);
  add (store, 3, 4);
  pr_notifier_flush (notifier);
  g_assert_cmpuint (told->len, ==, 0);

  g_clear_object (&notifier);
  g_clear_object (&store);
  test_ui_remove_tree (dir);
}

static gboolean
store_open (gpointer data)
{
  return pr_application_get_store (PR_APPLICATION (data)) != NULL;
}

typedef struct {
  GtkApplication *app;
  gint64 id;
} Shown;

static gboolean
release_shown (gpointer data)
{
  Shown *shown = data;
  GtkWindow *window = gtk_application_get_active_window (shown->app);
  PrRelease *release;

  if (window == NULL)
    return FALSE;
  release = pr_window_get_selected_release (PR_WINDOW (window));
  return release != NULL && pr_release_get_store_id (release) == shown->id;
}

/* Activating a notification runs app.show-release: a window opens on the
 * release (no window was open). */
static void
test_show_release (void)
{
  PrStore *store;
  g_autoptr(PrQuery) all = pr_query_new (NULL);
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GError) error = NULL;
  Shown shown = { GTK_APPLICATION (app), 0 };
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (test_ui_wait_for (store_open, app, 20000));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  store = pr_application_get_store (app);
  releases = pr_store_search (store, all, PR_FILTER_ALL, PR_SORT_DATE, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (releases->len, >=, 3);
  shown.id = pr_release_get_store_id (g_ptr_array_index (releases, 2));

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-release", g_variant_new_int64 (shown.id));
  g_assert_true (test_ui_wait_for (release_shown, &shown, 10000));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  test_ui_wait_settled (PR_WINDOW (window));
  gtk_window_destroy (window);
  test_ui_wait (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app_dir = NULL;
  g_autofree char *library = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  test_ui_init_i18n ();
  app_dir = g_dir_make_tmp ("pressreader-notify-XXXXXX", NULL);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  g_test_add_func ("/window/notify/aggregate", test_aggregate);
  g_test_add_func ("/window/notify/show-release", test_show_release);
  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  return status;
}
