/* test-window.c: the reading window driven through its actions, under
 * Xvfb and a D-Bus session, with G_DEBUG=fatal-warnings, on real
 * libraries (SQLite) in temporary folders. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "grouping-fixtures.h"
#include "pr-test-utils.h"
#include "test-window-util.h"
#include "stall-logger.h"

#include "pr-query.h"
#include "pr-release-list.h"
#include "pr-ui-private.h"

static PrApplication *app;
static char *app_dir;

typedef struct {
  PrWindow *window;
  GSettings *settings;
  PrStore *store;
  char *dir;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  /* A fresh start each time (the memory backend lives on in the process). */
  const char *keys[] = { "filter", "sort", "selected-release", "selected-release-row",
                         "sidebar-visible", "text-scale", "mark-read-on-open" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  reset_settings (f->settings);
  f->store = test_ui_library_new (&f->dir);
  f->window = test_ui_window_new_with_store (app, f->store, 1280, 800);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      test_ui_wait_settled (f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
    }
  test_ui_wait (20);
  g_clear_object (&f->store);
  g_object_unref (f->settings);
  test_ui_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (pr_window_get_list_model (f->window));
}

static PrRelease *
shown (Fixture *f,
       guint    position)
{
  g_autoptr(PrRelease) r = g_list_model_get_item (pr_window_get_list_model (f->window), position);
  return r;   /* the model keeps it alive */
}

static const char *
list_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (pr_window_get_part (f->window, "list-stack")));
}

/* A release of the shown list by the start of its title. */
static PrRelease *
find_release (Fixture    *f,
              const char *prefix)
{
  GListModel *model = pr_window_get_list_model (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrRelease) r = g_list_model_get_item (model, i);
      if (g_str_has_prefix (pr_release_get_title (r), prefix))
        return r;
    }
  return NULL;
}

static void
settle (Fixture *f)
{
  test_ui_wait_settled (f->window);
}

/* The release as another connection to the library reads it. */
static PrRelease *
reread (Fixture   *f,
        PrRelease *release)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) other = pr_store_open (pr_store_get_path (f->store), NULL, &error);
  PrRelease *r;

  g_assert_no_error (error);
  r = pr_store_get_release (other, pr_release_get_store_id (release), &error);
  g_assert_no_error (error);
  return r;
}

static const char *
label_text (Fixture    *f,
            const char *part)
{
  return gtk_label_get_text (GTK_LABEL (pr_window_get_part (f->window, part)));
}

/* The filter switcher's counts, short so that it keeps its width. */
static void
test_short_count (void)
{
  static const struct { guint n; const char *text; } counts[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1.0K" }, { 1234, "1.2K" }, { 9999, "9.9K" },
    { 10000, "10K" }, { 999999, "999K" }, { 1000000, "1.0M" }, { 1999999, "1.9M" },
    { 12345678, "12M" }, { G_MAXUINT, "4294M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = pr_ui_format_short_count (counts[i].n);

      g_assert_cmpstr (text, ==, counts[i].text);
    }
}

static void
test_default_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/example/PressReader/default-catalog.json",
                                                     0, &error);
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean seed = FALSE;

  g_assert_no_error (error);
  releases = pr_catalog_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (releases->len, >=, 6);
  for (guint i = 0; i < releases->len; i++)
    {
      PrRelease *r = g_ptr_array_index (releases, i);

      g_hash_table_add (sources, (char *) pr_release_get_source (r));
      g_hash_table_add (languages, (char *) pr_release_get_field (r, PR_FIELD_LANGUAGE));
      if (g_strcmp0 (pr_release_get_title (r),
                     "The 2021 SCO International Round Table was held in Lianyungang, Jiangsu") == 0)
        seed = TRUE;
    }
  g_assert_cmpuint (g_hash_table_size (sources), >=, 3);
  g_assert_cmpuint (g_hash_table_size (languages), >=, 3);
  g_assert_true (seed);
}

/* The application's own library (--library in a temporary folder), opened
 * asynchronously and filled with the default catalog on the first start. */
static void
test_first_start (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  Fixture fixture = { 0 }, *f = &fixture;
  guint all, unread, bookmarked;
  PrRelease *current;

  reset_settings (settings);
  f->window = pr_window_new (GTK_APPLICATION (app), pr_application_get_context (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  test_ui_wait_settled (f->window);
  test_ui_wait (300);
  g_assert_true (pr_window_get_store (f->window) == pr_application_get_store (app));
  g_assert_cmpstr (pr_store_get_path (pr_window_get_store (f->window)), ==,
                   pr_application_get_library (app));

  current = pr_window_get_selected_release (f->window);
  g_assert_cmpuint (n_shown (f), ==, 7);
  g_assert_cmpstr (list_page (f), ==, "list");
  /* Never an empty box: the newest release is open, not marked read. */
  g_assert_nonnull (current);
  g_assert_true (current == shown (f, 0));
  g_assert_false (pr_release_get_read (current));
  g_assert_cmpint (pr_release_get_store_id (current), >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pr_window_get_part (f->window, "content-stack"))),
                   ==, "article");
  g_assert_true (pr_article_view_get_release (pr_window_get_article_view (f->window)) == current);
  g_assert_true (pr_sidebar_get_release (pr_window_get_sidebar (f->window)) == current);
  g_assert_nonnull (pr_sidebar_get_value (pr_window_get_sidebar (f->window), "imported"));
  pr_window_get_counts (f->window, &all, &unread, &bookmarked);
  g_assert_cmpuint (all, ==, 7);
  g_assert_cmpuint (unread, ==, 7);
  g_assert_cmpuint (bookmarked, ==, 0);
  g_assert_cmpstr (label_text (f, "count-all"), ==, "7");
  g_assert_cmpstr (label_text (f, "count-unread"), ==, "7");

  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_wait (20);

  /* The next start does not import the catalog again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrStore) store = pr_store_open (pr_application_get_library (app), NULL, &error);

    g_assert_no_error (error);
    g_assert_true (pr_application_seed_library (store, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, NULL), ==, 7);
  }
}

/* A library that cannot be opened (from a newer version, so refused and
 * left as it is): a dialog names the file and the reason, the window
 * explains and stays usable. */
static void
test_library_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *argv0 = NULL;
  const char *pressreader = g_getenv ("PRESSREADER");
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_no_error (error);
  {
    g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
    sqlite3 *db = NULL;

    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  if (pressreader == NULL)
    {
      g_test_skip ("PRESSREADER is not set");
      return;
    }

  /* The real program, which quits after its first frame: the error page
   * and the dialog instead of a list. */
  {
    const char *argv[] = { pressreader, "--library", path, NULL };
    g_auto(GStrv) envp = g_get_environ ();

    envp = g_environ_setenv (envp, "PRESSREADER_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
    envp = g_environ_setenv (envp, "G_DEBUG", "", TRUE);
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "first-frame-ms "));
  }

  /* In this process: a window of an application with that library. */
  {
    g_autoptr(PrApplication) bad = NULL;
    PrWindow *window;
    GList *toplevels;
    AdwMessageDialog *dialog = NULL;

    bad = pr_application_new (path);
    /* Another id: the test's application is exported on the bus already. */
    g_application_set_application_id (G_APPLICATION (bad), "org.example.PressReaderLibraryError");
    g_application_set_flags (G_APPLICATION (bad), G_APPLICATION_NON_UNIQUE);
    g_application_register (G_APPLICATION (bad), NULL, &error);
    g_assert_no_error (error);
    window = pr_window_new (GTK_APPLICATION (bad), pr_application_get_context (bad));
    gtk_window_present (GTK_WINDOW (window));
    for (guint i = 0; i < 500 && pr_application_get_library_error (bad) == NULL; i++)
      test_ui_wait (10);
    test_ui_wait (200);
    g_assert_nonnull (pr_application_get_library_error (bad));
    g_assert_null (pr_window_get_store (window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pr_window_get_part (window, "list-stack"))),
                     ==, "library-error");
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (pr_window_get_part (window, "library-error"))),
                              "library.db"));
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "newer version"));
    /* Still usable: search, sidebar, preferences. */
    pr_window_set_search_text (window, "anything");
    test_ui_activate (window, "window.sidebar-visible", NULL);
    g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pr_window_get_part (window, "facet-button"))));
    gtk_window_destroy (GTK_WINDOW (dialog));
    gtk_window_destroy (GTK_WINDOW (window));
    test_ui_wait (20);
  }
  test_ui_remove_tree (dir);
}

static AdwMessageDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

/* A damaged library: moved aside, a new one in its place; the command
 * line names both files, and the window tells in a dialog after its first
 * frame, then shows the new library (filled with the default catalog). */
static void
test_library_damaged (void)
{
  static const char notes[] = "Not a library: notes saved over it, long enough for SQLite to read.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  const char *pressreader = g_getenv ("PRESSREADER");

  g_assert_no_error (error);

  /* The real program, which quits after its first frame. */
  if (pressreader != NULL)
    {
      const char *argv[] = { pressreader, "--library", path, NULL };
      g_auto(GStrv) envp = g_get_environ ();
      g_autofree char *err = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *moved_prefix = g_strconcat (path, ".damaged-", NULL);
      int status = 0;

      g_file_set_contents (path, notes, -1, &error);
      g_assert_no_error (error);
      envp = g_environ_setenv (envp, "PRESSREADER_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
      envp = g_environ_setenv (envp, "G_DEBUG", "", TRUE);
      g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_test_message ("%s", err);
      expected = g_strdup_printf ("*The library *%s* is damaged (file is not a database). It was moved to *%s*, "
                                  "and a new, empty library was started in its place; nothing was deleted.\n*",
                                  path, moved_prefix);
      g_assert_true (g_pattern_match_simple (expected, err));
      test_ui_remove_tree (dir);
      g_mkdir (dir, 0700);
    }

  /* In this process: the dialog, after a frame of the window. */
  {
    g_autoptr(PrApplication) app_damaged = NULL;
    g_autoptr(GDir) folder = NULL;
    g_autofree char *moved = NULL;
    g_autofree char *contents = NULL;
    AdwMessageDialog *dialog = NULL;
    PrWindow *window;
    PrStore *store;
    const char *name;
    guint frames = 0, frames_at_dialog = 0;
    gulong handler;

    g_file_set_contents (path, notes, -1, &error);
    g_assert_no_error (error);
    app_damaged = pr_application_new (path);
    g_application_set_application_id (G_APPLICATION (app_damaged), "org.example.PressReaderDamaged");
    g_application_set_flags (G_APPLICATION (app_damaged), G_APPLICATION_NON_UNIQUE);
    g_application_register (G_APPLICATION (app_damaged), NULL, &error);
    g_assert_no_error (error);
    window = pr_window_new (GTK_APPLICATION (app_damaged), pr_application_get_context (app_damaged));
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    gtk_window_present (GTK_WINDOW (window));
    g_assert_true (test_ui_wait_for (test_ui_is_mapped, window, 5000));
    handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                G_CALLBACK (count_frame), &frames);
    for (guint i = 0; i < 10000 && dialog == NULL; i++)
      {
        g_main_context_iteration (NULL, FALSE);
        dialog = find_dialog ();
        if (dialog == NULL)
          g_usleep (1000);
      }
    frames_at_dialog = frames;
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);
    g_assert_nonnull (dialog);
    /* The window drew a frame before it. */
    g_assert_cmpuint (frames_at_dialog, >, 0);

    store = pr_window_get_store (window);
    g_assert_nonnull (store);
    moved = g_strdup (pr_store_get_moved_aside_path (store));
    g_assert_nonnull (moved);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Library Was Damaged");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), moved));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "file is not a database"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "README"));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

    /* The notes kept beside it; the new library shown. */
    g_assert_true (g_file_get_contents (moved, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, notes);
    test_ui_wait_settled (window);
    g_assert_cmpuint (g_list_model_get_n_items (pr_window_get_list_model (window)), ==, 7);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pr_window_get_part (window, "list-stack"))),
                     ==, "list");

    /* Told once: a second window on the same library says nothing. */
    gtk_window_destroy (GTK_WINDOW (dialog));
    {
      PrWindow *second = test_ui_window_new (app_damaged, 800, 600);

      test_ui_wait_settled (second);
      test_ui_wait (200);
      g_assert_null (find_dialog ());
      gtk_window_destroy (GTK_WINDOW (second));
    }
    gtk_window_destroy (GTK_WINDOW (window));
    test_ui_wait (20);

    folder = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (folder)) != NULL)
      g_test_message ("left: %s", name);
  }
  test_ui_remove_tree (dir);
}

static void
test_select_bookmark_read (Fixture       *f,
                           gconstpointer  data)
{
  PrRelease *r = shown (f, 2);
  guint unread, bookmarked;
  GtkWidget *button = pr_window_get_part (f->window, "bookmark-button");
  g_autoptr(PrRelease) stored = NULL;

  pr_window_select_position (f->window, 2);
  test_ui_wait (50);
  g_assert_true (pr_window_get_selected_release (f->window) == r);
  /* Opened: marked read at once, in the sidebar and the counts. */
  g_assert_true (pr_release_get_read (r));
  g_assert_nonnull (pr_sidebar_get_value (pr_window_get_sidebar (f->window), "read"));
  pr_window_get_counts (f->window, NULL, &unread, NULL);
  g_assert_cmpuint (unread, ==, n_shown (f) - 1);
  settle (f);
  pr_window_get_counts (f->window, NULL, &unread, NULL);
  g_assert_cmpuint (unread, ==, n_shown (f) - 1);
  stored = reread (f, r);
  g_assert_true (pr_release_get_read (stored));
  g_assert_cmpint (pr_release_get_read_at (stored), >, 0);
  g_clear_object (&stored);

  test_ui_activate (f->window, "window.bookmark", NULL);
  g_assert_true (pr_release_get_bookmarked (r));
  g_assert_cmpint (pr_release_get_bookmarked_at (r), >, 0);
  g_assert_nonnull (pr_sidebar_get_value (pr_window_get_sidebar (f->window), "bookmarked"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "starred-symbolic");
  settle (f);
  pr_window_get_counts (f->window, NULL, NULL, &bookmarked);
  g_assert_cmpuint (bookmarked, ==, 1);
  g_assert_cmpstr (label_text (f, "count-bookmarked"), ==, "1");
  stored = reread (f, r);
  g_assert_true (pr_release_get_bookmarked (stored));
  g_clear_object (&stored);

  test_ui_activate (f->window, "window.bookmark", NULL);
  g_assert_false (pr_release_get_bookmarked (r));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "non-starred-symbolic");
  settle (f);
  stored = reread (f, r);
  g_assert_false (pr_release_get_bookmarked (stored));
  g_clear_object (&stored);

  test_ui_activate (f->window, "window.toggle-read", NULL);
  g_assert_false (pr_release_get_read (r));
  settle (f);
  stored = reread (f, r);
  g_assert_false (pr_release_get_read (stored));
  g_clear_object (&stored);
  test_ui_activate (f->window, "window.toggle-read", NULL);
  g_assert_true (pr_release_get_read (r));

  /* Mark all read, and undo. */
  settle (f);
  test_ui_activate (f->window, "window.mark-all-read", NULL);
  settle (f);
  pr_window_get_counts (f->window, NULL, &unread, NULL);
  g_assert_cmpuint (unread, ==, 0);
  g_assert_cmpint (pr_store_count (f->store, NULL, PR_FILTER_UNREAD, NULL), ==, 0);
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_true (pr_release_get_read (shown (f, i)));
}

static void
log_changed (GString *log,
             guint    position,
             guint    removed,
             guint    added)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

static void
test_mark_all_undo (Fixture       *f,
                    gconstpointer  data)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (pr_window_get_part (f->window, "toast-overlay"));
  GtkWidget *undo;
  guint unread;

  g_autoptr(GString) log = g_string_new (NULL);
  gulong handler;

  test_ui_activate (f->window, "win.filter", g_variant_new_string ("unread"));
  g_assert_cmpuint (n_shown (f), ==, 7);
  /* One write for them all: one change of the list. */
  handler = g_signal_connect_swapped (pr_window_get_model (f->window), "items-changed",
                                      G_CALLBACK (log_changed), log);
  test_ui_activate (f->window, "window.mark-all-read", NULL);
  settle (f);
  g_assert_cmpstr (log->str, ==, "(0,7,0)");
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (list_page (f), ==, "no-unread");
  pr_window_get_counts (f->window, NULL, &unread, NULL);
  g_assert_cmpuint (unread, ==, 0);

  /* The toast's Undo button. */
  test_ui_wait (300);
  undo = test_ui_find_label (GTK_WIDGET (overlay), _("_Undo"));
  if (undo == NULL)
    undo = test_ui_find_label (GTK_WIDGET (overlay), "Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON), "clicked");
  settle (f);
  /* The undo: one write too. */
  g_assert_cmpstr (log->str, ==, "(0,7,0)(0,0,7)");
  g_signal_handler_disconnect (pr_window_get_model (f->window), handler);
  g_assert_cmpuint (n_shown (f), ==, 7);
  pr_window_get_counts (f->window, NULL, &unread, NULL);
  g_assert_cmpuint (unread, ==, 7);
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  pr_window_select_position (f->window, 0);
  test_ui_activate (f->window, "window.next", NULL);
  g_assert_true (pr_window_get_selected_release (f->window) == shown (f, 1));
  test_ui_activate (f->window, "window.next", NULL);
  g_assert_true (pr_window_get_selected_release (f->window) == shown (f, 2));
  test_ui_activate (f->window, "window.previous", NULL);
  g_assert_true (pr_window_get_selected_release (f->window) == shown (f, 1));

  /* n skips read releases: 0..2 were opened, so the next unread is 3. */
  pr_window_select_position (f->window, 2);
  pr_window_select_position (f->window, 0);
  test_ui_activate (f->window, "window.next-unread", NULL);
  g_assert_true (pr_window_get_selected_release (f->window) == shown (f, 3));

  /* At the end, next stays. */
  pr_window_select_position (f->window, n_shown (f) - 1);
  test_ui_activate (f->window, "window.next", NULL);
  g_assert_true (pr_window_get_selected_release (f->window) == shown (f, n_shown (f) - 1));
}

static GtkWidget *
find_markup_label (GtkWidget  *root,
                   const char *fragment)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_label_get_use_markup (GTK_LABEL (child))
          && strstr (gtk_label_get_label (GTK_LABEL (child)), fragment) != NULL)
        return child;
      found = find_markup_label (child, fragment);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry = pr_window_get_part (f->window, "search-entry");
  GtkWidget *bar = pr_window_get_part (f->window, "search-bar");
  GtkRevealer *warning = GTK_REVEALER (pr_window_get_part (f->window, "warning-revealer"));
  guint all = n_shown (f);

  test_ui_activate (f->window, "window.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "tidal");
  test_ui_wait (400);   /* the entry's search delay */
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_true (g_str_has_prefix (pr_release_get_title (shown (f, 0)), "Harbor Light"));
  /* The row shows the title and the snippet with the term in bold. */
  g_assert_nonnull (test_ui_find_label (pr_window_get_part (f->window, "list-view"),
                                        pr_release_get_title (shown (f, 0))));
  g_assert_nonnull (find_markup_label (pr_window_get_part (f->window, "list-view"), "<b>"));
  g_assert_false (gtk_revealer_get_reveal_child (warning));

  /* The query language: filters, phrases, words in any language. */
  pr_window_set_search_text (f->window, "source:\"PR Newswire\"");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_cmpstr (pr_release_get_source (shown (f, i)), ==, "PR Newswire");
  pr_window_set_search_text (f->window, "source:\"PR Newswire\" Lagerroboter");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  pr_window_set_search_text (f->window, "Polarfuchs");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  pr_window_set_search_text (f->window, "\"round table\"");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  pr_window_set_search_text (f->window, "after:2024-05-01");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 3);
  pr_window_set_search_text (f->window, "is:unread");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, all);

  /* An unknown filter is searched as words, and said so. */
  pr_window_set_search_text (f->window, "colour:red");
  settle (f);
  g_assert_true (gtk_revealer_get_reveal_child (warning));
  g_assert_nonnull (strstr (label_text (f, "warning-label"), "colour"));

  pr_window_set_search_text (f->window, "nothing-matches-this");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (list_page (f), ==, "no-results");
  g_assert_false (gtk_revealer_get_reveal_child (warning));

  /* Release text is never markup: a search for "<b>" finds nothing and
   * breaks nothing. */
  pr_window_set_search_text (f->window, "<b>Not bold</b> & \"");
  settle (f);
  test_ui_wait (50);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (bar), FALSE);
  test_ui_wait (50);
  g_assert_cmpuint (n_shown (f), ==, all);
  g_assert_cmpstr (list_page (f), ==, "list");
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *unread_button;
  guint all = n_shown (f);
  PrRelease *r;

  test_ui_activate (f->window, "win.filter", g_variant_new_string ("bookmarked"));
  g_assert_cmpstr (g_settings_get_string (f->settings, "filter"), ==, "bookmarked");
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_cmpstr (list_page (f), ==, "no-bookmarks");

  test_ui_activate (f->window, "win.filter", g_variant_new_string ("all"));
  g_assert_cmpuint (n_shown (f), ==, all);
  r = g_object_ref (shown (f, 1));
  pr_window_set_bookmarked (f->window, r, TRUE);
  settle (f);
  test_ui_activate (f->window, "win.filter", g_variant_new_string ("bookmarked"));
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_true (shown (f, 0) == r);

  /* Un-bookmarking in the Bookmarked list: the row leaves, the article stays. */
  pr_window_select_position (f->window, 0);
  test_ui_activate (f->window, "window.bookmark", NULL);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_true (pr_window_get_selected_release (f->window) == r);
  pr_window_set_bookmarked (f->window, r, TRUE);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);

  test_ui_activate (f->window, "win.filter", g_variant_new_string ("unread"));
  g_assert_cmpuint (n_shown (f), ==, all - 1);   /* r was opened, so read */
  pr_window_set_read (f->window, r, FALSE);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, all);
  pr_window_set_read (f->window, r, TRUE);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, all - 1);

  /* The switcher's buttons are toggles of that action. */
  unread_button = test_ui_find_label (GTK_WIDGET (f->window), "Unread");
  g_assert_nonnull (unread_button);
  unread_button = gtk_widget_get_ancestor (unread_button, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (unread_button)));
  test_ui_activate (f->window, "win.filter", g_variant_new_string ("all"));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (unread_button)));
  g_object_unref (r);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  guint n = n_shown (f);

  /* By date: newest first, undated last. */
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *a = pr_release_get_date (shown (f, i));
      const char *b = pr_release_get_date (shown (f, i + 1));
      if (a != NULL && b != NULL)
        g_assert_cmpstr (a, >=, b);
    }

  /* By title, ignoring case. */
  test_ui_activate (f->window, "win.sort", g_variant_new_string ("title"));
  g_assert_cmpuint (n_shown (f), ==, n);
  for (guint i = 0; i + 1 < n; i++)
    g_assert_cmpint (g_ascii_strcasecmp (pr_release_get_title (shown (f, i)),
                                         pr_release_get_title (shown (f, i + 1))), <=, 0);

  /* By wire, then newest first. */
  test_ui_activate (f->window, "win.sort", g_variant_new_string ("source"));
  g_assert_cmpstr (pr_release_get_source (shown (f, 0)), ==, "Business Wire");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *a = pr_normalize_key (pr_release_get_source (shown (f, i)));
      g_autofree char *b = pr_normalize_key (pr_release_get_source (shown (f, i + 1)));

      g_assert_cmpstr (a, <=, b);
    }
  g_assert_cmpstr (g_settings_get_string (f->settings, "sort"), ==, "source");
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  PrArticleView *view = pr_window_get_article_view (f->window);

  test_ui_activate (f->window, "window.zoom-in", NULL);
  test_ui_activate (f->window, "window.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "text-scale"), 1.2, 0.001);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (view), 1.2, 0.001);
  test_ui_activate (f->window, "window.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (view), 1.1, 0.001);
  test_ui_activate (f->window, "window.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "text-scale"), 1.0, 0.001);
  for (guint i = 0; i < 40; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "window.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "text-scale"), 3.0, 0.001);
}

static void
test_sidebar (Fixture       *f,
              gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (pr_window_get_part (f->window, "flap"));
  PrSidebar *sidebar = pr_window_get_sidebar (f->window);
  PrRelease *r = find_release (f, "Harbor Light");

  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (pr_window_select_release (f->window, r));
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "issuer"), ==, "Harbor Light Energy");
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "kind"), ==, "Earnings");
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "source"), ==, "Business Wire");
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "place"), ==, "Seattle, Washington");
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "language"), ==, "English");
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "date"), ==, "April 22, 2024");
  g_assert_nonnull (strstr (pr_sidebar_get_value (sidebar, "length"), "1 minute"));
  g_assert_nonnull (pr_sidebar_get_value (sidebar, "imported"));
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "NASDAQ:HLTE"));
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "Maya Okafor"));

  test_ui_activate (f->window, "window.sidebar-visible", NULL);
  test_ui_wait (300);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_false (g_settings_get_boolean (f->settings, "sidebar-visible"));
  test_ui_activate (f->window, "window.sidebar-visible", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (g_settings_get_boolean (f->settings, "sidebar-visible"));
}

static gboolean
copies_listed (gpointer data)
{
  Fixture *f = data;

  return pr_sidebar_get_n_copies (pr_window_get_sidebar (f->window)) == 3;
}

static gboolean
four_copies_listed (gpointer data)
{
  Fixture *f = data;

  return pr_sidebar_get_n_copies (pr_window_get_sidebar (f->window)) == 4;
}

/* A release's copies in the sidebar (the portal's and the German one),
 * and the German text shown from there, the list's row left selected. */
static void
test_copies (Fixture       *f,
             gconstpointer  data)
{
  const char *texts[] = { wire_text, portal_text, german_text, other_text };
  const char *origins[] = {
    "/wire/nordwind.txt", "https://www.daily.example/business/nordwind", "/wire/nordwind.de.txt",
    "/wire/harbor.txt",
  };
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  PrSidebar *sidebar = pr_window_get_sidebar (f->window);
  g_autoptr(GError) error = NULL;
  PrRelease *wire, *other;
  guint before = n_shown (f);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      PrRelease *release = pr_reader_read_bytes (texts[i], strlen (texts[i]), "/x.txt", PR_FORMAT_TEXT,
                                                 &error);

      g_assert_no_error (error);
      pr_release_set_field (release, PR_FIELD_ORIGIN, origins[i]);
      g_ptr_array_add (releases, release);
    }
  g_assert_true (pr_store_add_releases (f->store, releases, NULL, &error));
  g_assert_no_error (error);
  settle (f);

  /* One row for the announcement, its copies counted in it; every copy
   * a row of its own when the preference says so. */
  g_assert_cmpuint (n_shown (f), ==, before + 2);
  g_assert_nonnull (test_ui_find_label (pr_window_get_part (f->window, "list-view"), "2 copies · German"));
  g_settings_set_boolean (f->settings, "show-every-copy", TRUE);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, before + 4);
  g_assert_nonnull (find_release (f, "PRESS RELEASE: Turbines"));
  g_settings_set_boolean (f->settings, "show-every-copy", FALSE);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, before + 2);
  g_assert_null (find_release (f, "PRESS RELEASE: Turbines"));

  /* Alone: no Copies group. */
  other = find_release (f, "Harbor Logistics");
  g_assert_true (pr_window_select_release (f->window, other));
  test_ui_wait (200);
  g_assert_cmpuint (pr_sidebar_get_n_copies (sidebar), ==, 0);

  wire = find_release (f, "Turbines Rise");
  g_assert_nonnull (wire);
  g_assert_true (pr_window_select_release (f->window, wire));
  g_assert_true (test_ui_wait_for (copies_listed, f, 5000));
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "daily.example"));
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "German · March 4, 2024"));
  /* A portal's copy: its wire too, and a button to its page. */
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "PR Newswire · English · March 3, 2024"));
  g_assert_true (GTK_IS_BUTTON (test_ui_find_tooltip (GTK_WIDGET (sidebar),
                                                      "https://www.daily.example/business/nordwind")));
  {
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "screenshots", "copies.png", NULL);
    g_autofree char *folder = g_path_get_dirname (path);

    g_mkdir_with_parents (folder, 0755);
    test_ui_save_png (GTK_WIDGET (f->window), pr_window_get_part (f->window, "toast-overlay"), path);
    g_test_message ("wrote %s", path);
  }

  /* The shown copy has no action; the German one is shown in its place. */
  g_assert_false (pr_sidebar_activate_copy (sidebar, 0));
  g_assert_true (pr_sidebar_activate_copy (sidebar, 2));
  g_assert_true (test_ui_wait_for (copies_listed, f, 5000));
  g_assert_true (g_str_has_prefix (pr_release_get_title (pr_sidebar_get_release (sidebar)),
                                   "Nordwind Turbines steigert"));
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "language"), ==, "German");
  {
    GtkListView *view = GTK_LIST_VIEW (pr_window_get_part (f->window, "list-view"));
    GtkSelectionModel *model = gtk_list_view_get_model (view);
    g_autoptr(PrRelease) row = g_list_model_get_item (G_LIST_MODEL (model),
                                                      gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)));

    g_assert_true (row == wire);
  }
  {
    g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "screenshots", "copies-german.png", NULL);

    test_ui_save_png (GTK_WIDGET (f->window), pr_window_get_part (f->window, "toast-overlay"), path);
    g_test_message ("wrote %s", path);
  }
  /* And back to the original. */
  g_assert_true (pr_sidebar_activate_copy (sidebar, 0));
  g_assert_true (test_ui_wait_for (copies_listed, f, 5000));
  g_assert_true (pr_sidebar_get_release (sidebar) == wire);
  /* Or by the list's row, still selected (Enter or a double click). */
  g_assert_true (pr_sidebar_activate_copy (sidebar, 2));
  g_assert_true (test_ui_wait_for (copies_listed, f, 5000));
  g_assert_false (pr_sidebar_get_release (sidebar) == wire);
  {
    GtkWidget *view = pr_window_get_part (f->window, "list-view");
    GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (view));

    gtk_widget_activate_action (view, "list.activate-item", "u",
                                gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)));
  }
  g_assert_true (pr_sidebar_get_release (sidebar) == wire);

  /* Opened, the announcement was read in every copy. */
  {
    g_autoptr(PrRelease) german = NULL;
    g_autoptr(GPtrArray) copies = pr_store_get_copies (f->store, pr_release_get_store_id (wire), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (copies->len, ==, 3);
    g_assert_true (pr_release_get_read (wire));
    for (guint i = 0; i < copies->len; i++)
      g_assert_true (pr_release_get_read (g_ptr_array_index (copies, i)));
  }

  /* A copy that arrives while the release is shown is listed. */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    g_autofree char *reprint = g_strconcat ("REPRINT: ", portal_text, NULL);
    PrRelease *copy = pr_reader_read_bytes (reprint, strlen (reprint), "/y.txt", PR_FORMAT_TEXT, &error);

    g_assert_no_error (error);
    pr_release_set_field (copy, PR_FIELD_ORIGIN, "https://news.example/nordwind");
    g_ptr_array_add (more, copy);
    g_assert_true (pr_store_add_releases (f->store, more, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (test_ui_wait_for (four_copies_listed, f, 5000));
    g_assert_nonnull (test_ui_find_label (GTK_WIDGET (sidebar), "news.example"));
  }
}

static void
test_facet (Fixture       *f,
            gconstpointer  data)
{
  PrSidebar *sidebar = pr_window_get_sidebar (f->window);
  g_autofree char *facets = NULL;
  guint all = n_shown (f);

  /* The facet menu: the library's counts. */
  facets = pr_window_dup_facets (f->window);
  g_assert_nonnull (strstr (facets, "source\tPR Newswire\t5\n"));
  g_assert_nonnull (strstr (facets, "source\tBusiness Wire\t1\n"));
  g_assert_nonnull (strstr (facets, "place\t"));
  g_assert_nonnull (strstr (facets, "organization\t"));
  g_assert_nonnull (strstr (facets, "kind\tearnings\t1\n"));
  g_assert_nonnull (strstr (facets, "issuer\tHarbor Light Energy\t1\n"));
  g_assert_nonnull (strstr (facets, "ticker\tNASDAQ:HLTE\t1\n"));
  test_ui_activate (f->window, "window.facet", g_variant_new ("(ss)", "kind", "product"));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 3);
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_cmpstr (pr_release_get_field (shown (f, i), PR_FIELD_KIND), ==, PR_KIND_PRODUCT);
  test_ui_activate (f->window, "window.clear-facet", NULL);
  settle (f);
  g_assert_true (gtk_widget_is_sensitive (pr_window_get_part (f->window, "facet-button")));
  test_ui_activate (f->window, "window.facet", g_variant_new ("(ss)", "source", "Business Wire"));
  g_assert_cmpuint (n_shown (f), ==, 1);
  test_ui_activate (f->window, "window.clear-facet", NULL);
  g_assert_cmpuint (n_shown (f), ==, all);

  /* The sidebar's values filter too. */
  g_assert_true (pr_window_select_release (f->window, find_release (f, "Nordlicht")));
  g_assert_true (pr_sidebar_activate_filter (sidebar, PR_SIDEBAR_FILTER_ORGANIZATION));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (pr_window_get_part (f->window, "facet-revealer"))));
  test_ui_activate (f->window, "window.clear-facet", NULL);
  g_assert_cmpuint (n_shown (f), ==, all);

  /* Who issued it, and the kind. */
  g_assert_true (pr_window_select_release (f->window, find_release (f, "Harbor Light")));
  g_assert_true (pr_sidebar_activate_filter (sidebar, PR_SIDEBAR_FILTER_ISSUER));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  test_ui_activate (f->window, "window.clear-facet", NULL);
  settle (f);
  g_assert_true (pr_window_select_release (f->window, find_release (f, "Harbor Light")));
  g_assert_true (pr_sidebar_activate_filter (sidebar, PR_SIDEBAR_FILTER_KIND));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  test_ui_activate (f->window, "window.clear-facet", NULL);
  g_assert_cmpuint (n_shown (f), ==, all);
  g_assert_true (pr_window_select_release (f->window, find_release (f, "Nordlicht")));

  /* The wire: five of the samples came through PR Newswire. */
  g_assert_true (pr_sidebar_activate_filter (sidebar, PR_SIDEBAR_FILTER_SOURCE));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 5);
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_cmpstr (pr_release_get_source (shown (f, i)), ==, "PR Newswire");
  /* A facet and a search together. */
  pr_window_set_search_text (f->window, "Lagerroboter");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  pr_window_set_search_text (f->window, NULL);
  settle (f);
  /* The facet menu counts the list's search and filter, not its facet. */
  g_free (facets);
  facets = pr_window_dup_facets (f->window);
  g_assert_nonnull (strstr (facets, "source\tBusiness Wire\t1\n"));

  pr_window_set_facet (f->window, "place", "Hamburg");
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 1);
  pr_window_set_facet (f->window, "place", "Nowhere");
  settle (f);
  g_assert_cmpstr (list_page (f), ==, "no-results");
  pr_window_set_facet (f->window, NULL, NULL);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, all);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (pr_window_get_part (f->window, "leaflet"));
  AdwFlap *flap = ADW_FLAP (pr_window_get_part (f->window, "flap"));

  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (adw_flap_get_folded (flap));

  /* Below ~900 px the sidebar becomes an overlay. */
  test_ui_window_resize (f->window, 800, 700);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  /* Shown over the article on demand; not remembered as hidden. */
  test_ui_activate (f->window, "window.sidebar-visible", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  test_ui_activate (f->window, "window.sidebar-visible", NULL);
  g_assert_true (g_settings_get_boolean (f->settings, "sidebar-visible"));

  /* Below ~600 px list and article are one pane with a back button. */
  test_ui_window_resize (f->window, 400, 700);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_visible (pr_window_get_part (f->window, "back-button")));
  adw_leaflet_set_visible_child_name (leaflet, "list");
  pr_window_select_position (f->window, 1);
  test_ui_wait (400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  test_ui_activate (f->window, "window.go-back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  /* The same row, still selected, opened again. */
  gtk_widget_activate_action (pr_window_get_part (f->window, "list-view"), "list.activate-item", "u", 1);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  test_ui_activate (f->window, "window.go-back", NULL);

  /* Wide again: everything side by side, the sidebar back. */
  test_ui_window_resize (f->window, 1280, 800);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
}

static gboolean
import_finished (gpointer data)
{
  return !pr_window_get_importing (data);
}

static GtkWindow *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-import-XXXXXX", &error);
  g_autofree char *sub = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkWindow *dialog;
  guint before = n_shown (f);
  guint all;
  PrRelease *imported;

  g_assert_no_error (error);
  sub = g_build_filename (dir, "more", NULL);
  g_mkdir (sub, 0755);
  write_file (dir, "a.txt",
              "Lindenhof Bakery Opens in Graz\n\n"
              "GRAZ, Austria, May 2, 2024 /PRNewswire/ -- Lindenhof Bakery, a fictional bakery, "
              "opened its first shop in Graz today. <b>Not bold</b>.\n", -1);
  write_file (sub, "b.txt",
              "Kestrel Maps Adds Offline Trails\n\n"
              "DENVER, Colorado, June 3, 2024 (BUSINESS WIRE) -- Kestrel Maps, a fictional app maker, "
              "added offline trail maps for hikers.\n", -1);
  write_file (dir, ".hidden.txt", "Hidden Release\n\nNot to be imported at all.\n", -1);
  write_file (dir, "broken.txt", "\0\1\2\3binary", 10);
  write_file (dir, "empty.txt", "", 0);

  folder = g_file_new_for_path (dir);
  pr_window_open_files (f->window, &folder, 1);
  g_assert_true (pr_window_get_importing (f->window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (pr_window_get_part (f->window, "import-revealer"))));
  g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
  settle (f);
  test_ui_wait (100);

  g_assert_cmpuint (n_shown (f), ==, before + 2);
  g_assert_cmpint (pr_store_count (f->store, NULL, PR_FILTER_ALL, NULL), ==, before + 2);
  imported = find_release (f, "Lindenhof Bakery");
  g_assert_nonnull (imported);
  g_assert_nonnull (find_release (f, "Kestrel Maps"));
  g_assert_null (find_release (f, "Hidden Release"));
  g_assert_cmpint (pr_release_get_imported_at (imported), >, 0);
  /* The first new release is shown, and selected. */
  g_assert_true (pr_window_get_selected_release (f->window) == imported);
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (pr_window_get_list_model (f->window))) == imported);
  pr_window_get_counts (f->window, &all, NULL, NULL);
  g_assert_cmpuint (all, ==, before + 2);

  /* The two bad files are listed in a dialog. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "broken.txt"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "empty.txt"));
  gtk_window_destroy (dialog);

  /* The same folder again adds nothing. */
  pr_window_import_files (f->window, &folder, 1);
  g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, before + 2);
  dialog = find_message_dialog ();
  if (dialog != NULL)
    gtk_window_destroy (dialog);

  /* Cancelling stops the import. */
  pr_window_import_files (f->window, &folder, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "window.cancel-import", NULL));
  g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
  settle (f);
  dialog = find_message_dialog ();
  if (dialog != NULL)
    gtk_window_destroy (dialog);

  test_ui_remove_tree (dir);
}

/* The selection, the sort and the state outlive the window, and the
 * library outlives the store object. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  PrRelease *r = find_release (f, "Copperleaf");
  g_autofree char *title = g_strdup (pr_release_get_title (r));
  g_autofree char *path = g_strdup (pr_store_get_path (f->store));
  g_autoptr(GError) error = NULL;
  PrRelease *bookmarked = find_release (f, "Harbor Light");
  gint64 bookmarked_id = pr_release_get_store_id (bookmarked);
  guint count;

  pr_window_set_bookmarked (f->window, bookmarked, TRUE);
  g_assert_true (pr_window_select_release (f->window, r));
  g_assert_cmpstr (g_settings_get_string (f->settings, "selected-release"), ==,
                   pr_release_get_field (r, PR_FIELD_ID));
  test_ui_activate (f->window, "win.sort", g_variant_new_string ("title"));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  test_ui_wait (100);
  settle (f);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  test_ui_wait (50);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 700);

  /* The same library, opened afresh; the release is found by its content
   * id, whatever row it is in. */
  g_settings_set_int64 (f->settings, "selected-release-row", 424242);
  g_clear_object (&f->store);
  f->store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  f->window = test_ui_window_new_with_store (app, f->store, 1000, 700);
  g_assert_cmpstr (pr_release_get_title (pr_window_get_selected_release (f->window)), ==, title);
  /* Selected in the list too. */
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (pr_window_get_list_model (f->window)))
                 == pr_window_get_selected_release (f->window));
  g_assert_cmpint (g_settings_get_enum (f->settings, "sort"), ==, PR_SORT_TITLE);
  /* Restoring marks nothing read that was not. */
  pr_window_get_counts (f->window, NULL, NULL, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (label_text (f, "count-bookmarked"), ==, "1");
  g_assert_true (pr_release_get_bookmarked (find_release (f, "Harbor Light")));
  g_assert_cmpint (pr_release_get_store_id (find_release (f, "Harbor Light")), ==, bookmarked_id);
  g_assert_true (pr_release_get_read (pr_window_get_selected_release (f->window)));
  test_ui_activate (f->window, "win.filter", g_variant_new_string ("bookmarked"));
  g_assert_cmpuint (n_shown (f), ==, 1);
}

/* A synthetic library of @n small releases, written through the store in
 * transactions of 10,000. */
static void
fill_library (PrStore *store,
              guint    n)
{
  static const char *sources[] = { "PR Newswire", "Business Wire", "GlobeNewswire", "ACCESSWIRE", "EIN Presswire" };
  static const char *cities[] = { "Hamburg", "Seattle", "Lyon", "Denver", "Osaka", "Porto", "Graz" };
  static const char *words[] = { "harbor", "turbine", "clinic", "robot", "orchard",
                                 "battery", "atlas", "quarry", "lantern", "meadow" };

  for (guint start = 0; start < n; start += 10000)
    {
      g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (guint i = start; i < MIN (n, start + 10000); i++)
        {
          PrRelease *r = pr_release_new ();
          g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
          g_autofree char *title = g_strdup_printf ("Synthetic %s %s release %u",
                                                    words[i % 10], words[(i / 10) % 10], i);
          g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2000 + i % 25, 1 + i % 12, 1 + i % 28);
          g_autofree char *names = test_invented_names (i);
          g_autofree char *body = g_strdup_printf ("%s announced a %s and a %s today in %s, number %u."
                                                   " Its first customers are %s.",
                                                   sources[i % 5], words[(i / 3) % 10],
                                                   words[(i / 7) % 10], cities[i % 7], i, names);
          g_autofree char *origin = g_strdup_printf ("synthetic/%u", i);

          pr_release_set_field (r, PR_FIELD_TITLE, title);
          pr_release_set_field (r, PR_FIELD_DATE, date);
          pr_release_set_field (r, PR_FIELD_SOURCE, sources[i % 5]);
          pr_release_set_field (r, PR_FIELD_CITY, cities[i % 7]);
          pr_release_set_field (r, PR_FIELD_LANGUAGE, "en");
          pr_release_set_field (r, PR_FIELD_ORIGIN, origin);
          g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, body));
          pr_release_set_blocks (r, blocks);
          g_ptr_array_add (releases, r);
        }
      pr_store_add_releases (store, releases, NULL, &error);
      g_assert_no_error (error);
    }
}

/* @n releases newer than any other (2030), titled "Newer release I". */
static void
add_newer (PrStore *store,
           guint    first,
           guint    n)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    {
      PrRelease *r = pr_release_new ();
      g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
      g_autofree char *title = g_strdup_printf ("Newer release %u", i);
      g_autofree char *date = g_strdup_printf ("2030-%02u-%02u", 1 + i / 28, 1 + i % 28);
      g_autofree char *origin = g_strdup_printf ("newer/%u", i);

      pr_release_set_field (r, PR_FIELD_TITLE, title);
      pr_release_set_field (r, PR_FIELD_DATE, date);
      pr_release_set_field (r, PR_FIELD_SOURCE, "PR Newswire");
      pr_release_set_field (r, PR_FIELD_LANGUAGE, "en");
      pr_release_set_field (r, PR_FIELD_ORIGIN, origin);
      g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, title));
      pr_release_set_blocks (r, blocks);
      g_ptr_array_add (releases, r);
    }
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
}

/* Releases that arrive above the rows shown: a list at its top stays
 * there (the newest first), a list scrolled down keeps its rows on screen
 * (the view moves down with them; pr_window_list_keep_top() must not take
 * it to the top). A list at its top drifting down under a refresh's
 * stream of changes is caught by the 500-feed watchdog
 * (test-feeds-window.c); these few changes do not make it drift. */
static void
test_list_top (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *list_view = pr_window_get_part (f->window, "list-view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  double before;

  fill_library (f->store, 400);
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1.0);

  /* As a refresh brings them: a few at a time. */
  for (guint i = 0; i < 30; i += 5)
    {
      add_newer (f->store, i, 5);
      settle (f);
    }
  g_assert_cmpuint (n_shown (f), ==, 437);
  g_assert_cmpstr (pr_release_get_title (shown (f, 0)), ==, "Newer release 29");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1.0);

  g_assert_true (gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 200));
  test_ui_wait (300);
  settle (f);
  before = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (before, >, 1000.0);
  add_newer (f->store, 30, 30);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 467);
  /* Thirty rows above, each at least 48 px high. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before + 30 * 48 - 1);
}

/* n finds the next unread release however far down it is: a query, not
 * a look at the next rows. */
static void
test_next_unread_far (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 target;
  PrRelease *selected;

  fill_library (f->store, 3000);
  ids = pr_store_search_ids (f->store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3007);
  target = g_array_index (ids, gint64, 2500);
  g_array_remove_index (ids, 2500);
  g_assert_true (pr_store_set_read_ids (f->store, ids, TRUE, &error));
  g_assert_no_error (error);
  settle (f);
  g_assert_cmpuint (n_shown (f), ==, 3007);

  pr_window_select_position (f->window, 0);
  settle (f);
  test_ui_activate (f->window, "window.next-unread", NULL);
  selected = pr_window_get_selected_release (f->window);
  g_assert_cmpint (pr_release_get_store_id (selected), ==, target);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (pr_window_get_list_model (f->window))),
                    ==, 2500);

  /* None other: said so, the selection stays. */
  test_ui_activate (f->window, "window.next-unread", NULL);
  g_assert_cmpint (pr_release_get_store_id (pr_window_get_selected_release (f->window)), ==, target);
}

/* pressreader FILE.json: the catalog's first release is shown and
 * selected, the first time and when it is in the library already. */
static void
test_open_catalog (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-catalog-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "day.json", NULL);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;
  const char *titles[] = { "Catalog First Release", "Catalog Second Release", "Catalog Third Release" };
  const char *dates[] = { "2023-02-01", "2024-09-01", "2019-05-05" };
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (pr_window_get_list_model (f->window));
  gsize length = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      PrRelease *r = pr_release_new ();
      g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

      pr_release_set_field (r, PR_FIELD_TITLE, titles[i]);
      pr_release_set_field (r, PR_FIELD_DATE, dates[i]);
      pr_release_set_field (r, PR_FIELD_SOURCE, "PR Newswire");
      pr_release_set_field (r, PR_FIELD_LANGUAGE, "en");
      g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "A catalog's release, invented."));
      pr_release_set_blocks (r, blocks);
      g_ptr_array_add (releases, r);
    }
  json = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, &length);
  write_file (dir, "day.json", json, (gssize) length);
  file = g_file_new_for_path (path);

  for (guint round = 0; round < 2; round++)
    {
      pr_window_select_position (f->window, 0);
      settle (f);
      pr_window_open_files (f->window, &file, 1);
      g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
      settle (f);
      g_assert_cmpstr (pr_release_get_title (pr_window_get_selected_release (f->window)), ==, titles[0]);
      g_assert_true (gtk_single_selection_get_selected_item (selection) == pr_window_get_selected_release (f->window));
      g_assert_cmpuint (n_shown (f), ==, 10);
    }

  test_ui_remove_tree (dir);
}

/* Opening a folder shows its first release as the folder is walked (in
 * name order), a catalog's first release when the catalog comes first;
 * files given first come first, though catalogs are written first. */
static void
test_open_folder_catalog (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-folder-XXXXXX", &error);
  g_autofree char *folder_path = NULL;
  g_autofree char *text_path = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  GFile *files[2];
  const char *titles[] = { "Folder Catalog First Release", "Folder Catalog Second Release" };
  gsize length = 0;

  g_assert_no_error (error);
  folder_path = g_build_filename (dir, "folder", NULL);
  g_mkdir (folder_path, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      PrRelease *r = pr_release_new ();
      g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

      pr_release_set_field (r, PR_FIELD_TITLE, titles[i]);
      pr_release_set_field (r, PR_FIELD_DATE, "2022-03-01");
      pr_release_set_field (r, PR_FIELD_SOURCE, "PR Newswire");
      pr_release_set_field (r, PR_FIELD_LANGUAGE, "en");
      g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "A folder catalog's release, invented."));
      pr_release_set_blocks (r, blocks);
      g_ptr_array_add (releases, r);
    }
  json = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, &length);
  write_file (folder_path, "a-day.json", json, (gssize) length);
  write_file (folder_path, "b.txt",
              "Heron Looms Weaves a Larger Mill\n\n"
              "BRUGES, Belgium, April 8, 2024 /PRNewswire/ -- Heron Looms, a fictional weaver, "
              "opened a larger mill in Bruges today.\n", -1);
  write_file (dir, "given.txt",
              "Marten Ferries Adds a Night Crossing\n\n"
              "OSLO, Norway, April 9, 2024 (BUSINESS WIRE) -- Marten Ferries, a fictional line, "
              "added a night crossing to Kiel.\n", -1);
  text_path = g_build_filename (dir, "given.txt", NULL);
  files[0] = g_file_new_for_path (text_path);
  files[1] = g_file_new_for_path (folder_path);

  /* The folder: its catalog comes first by name. */
  pr_window_open_files (f->window, &files[1], 1);
  g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
  settle (f);
  g_assert_cmpstr (pr_release_get_title (pr_window_get_selected_release (f->window)), ==, titles[0]);

  /* A file given before the folder comes first. */
  pr_window_open_files (f->window, files, 2);
  g_assert_true (test_ui_wait_for (import_finished, f->window, 20000));
  settle (f);
  g_assert_cmpstr (pr_release_get_title (pr_window_get_selected_release (f->window)), ==,
                   "Marten Ferries Adds a Night Crossing");

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  test_ui_remove_tree (dir);
}

static guint
scale_releases (void)
{
  const char *env = g_getenv ("PR_TEST_SCALE_RELEASES");

  return env != NULL ? (guint) atoi (env) : 100000;
}

static void scale_mark_all (Fixture *f,
                            guint    n);

/* 100,000 releases: the window opens at once, scrolls to the end, and the
 * list model reads only the pages it shows; then Mark All as Read and its
 * Undo over all of them. */
static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  guint n = scale_releases ();
  GtkAdjustment *adjustment;
  PrReleaseList *list;
  gint64 start;
  guint loads;

  gtk_window_destroy (GTK_WINDOW (f->window));
  start = g_get_monotonic_time ();
  fill_library (f->store, n);
  g_test_message ("wrote %u releases in %.1f s", n, (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  f->window = test_ui_window_new_with_store (app, f->store, 1280, 800);
  g_test_message ("window on %u releases settled in %.0f ms (with 300 ms of waiting)",
                  n, (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpuint (n_shown (f), ==, n + 7);
  list = PR_RELEASE_LIST (pr_window_get_model (f->window));
  loads = pr_release_list_get_page_loads (list);
  g_test_message ("pages read to show the first rows: %u", loads);
  g_assert_cmpuint (loads, <=, 2);

  /* To the end: a jump to the last row (list.scroll-to-item; there is no
   * gtk_list_view_scroll_to() before GTK 4.12), then the scrollbar to its
   * end as the view's estimate of the rows' heights settles. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pr_window_get_part (f->window, "list-view")));
  g_assert_true (gtk_widget_activate_action (pr_window_get_part (f->window, "list-view"),
                                             "list.scroll-to-item", "u", n + 6));
  test_ui_wait (200);
  for (guint i = 0; i < 5; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      test_ui_wait (100);
    }
  test_ui_wait (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment),
                     >=, gtk_adjustment_get_upper (adjustment) - 1);
  /* The last rows are on screen. */
  g_assert_nonnull (test_ui_find_label (pr_window_get_part (f->window, "list-view"),
                                        pr_release_get_title (shown (f, n + 6))));
  loads = pr_release_list_get_page_loads (list);
  g_test_message ("pages read after scrolling to the end: %u (of %u)",
                  loads, (n + 7 + PR_RELEASE_LIST_PAGE_SIZE - 1) / PR_RELEASE_LIST_PAGE_SIZE);
  g_assert_cmpuint (loads, <=, 8);

  /* The counts and facets of the whole library came asynchronously. */
  {
    guint all;

    pr_window_get_counts (f->window, &all, NULL, NULL);
    g_assert_cmpuint (all, ==, n + 7);
  }
  scale_mark_all (f, n);
}

/* The frame clock while a large import runs in the window: the longest
 * interval between two painted frames, which must stay under 100 ms. The
 * first seconds of an import into a short list are reported apart
 * (GtkListView (4.8) then makes its 200 rows) but held to the same limit.
 * PR_TEST_STALLS=N (ms) also prints the frames over 50 ms and the main
 * loop iterations over N ms, with a backtrace (tests/stall-logger.h). */
#define WATCHDOG_SETTLE_US (2 * G_USEC_PER_SEC)

typedef struct {
  gint64 start;
  gint64 last;
  gint64 max_start;       /* in the first WATCHDOG_SETTLE_US */
  gint64 max;             /* after */
  guint frames;
  gboolean running;
} Watchdog;

static void
frame_painted (GdkFrameClock *clock,
               Watchdog      *watchdog)
{
  gint64 now = g_get_monotonic_time ();

  if (watchdog->running && watchdog->last != 0)
    {
      if (stall_logger_enabled () && now - watchdog->last > 50000)
        g_printerr ("frame: %.0f ms at %.2f s\n", (now - watchdog->last) / 1e3, (now - watchdog->start) / 1e6);
      if (now - watchdog->start < WATCHDOG_SETTLE_US)
        watchdog->max_start = MAX (watchdog->max_start, now - watchdog->last);
      else
        watchdog->max = MAX (watchdog->max, now - watchdog->last);
      watchdog->frames++;
    }
  watchdog->last = now;
}

static gboolean
keep_ticking (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  /* Something changes every frame, as in an animation. */
  gtk_widget_queue_draw (data);
  return G_SOURCE_CONTINUE;
}

static guint
watchdog_releases (void)
{
  const char *env = g_getenv ("PR_TEST_WATCHDOG_RELEASES");

  return env != NULL ? (guint) atoi (env) : 20000;
}

static gint64
watchdog_limit_ms (const char *variable,
                   gint64      fallback)
{
  const char *env = g_getenv (variable);

  return env != NULL ? g_ascii_strtoll (env, NULL, 10) : fallback;
}

/* @n small releases as text files, 1,000 a folder. */
static void
write_corpus (const char *dir,
              guint       n)
{
  static const char *wires[] = { "/PRNewswire/ --", "(BUSINESS WIRE) --", "(GLOBE NEWSWIRE) --" };
  static const char *cities[] = { "HAMBURG, Germany", "SEATTLE", "LYON, France", "DENVER", "OSAKA, Japan" };
  static const char *words[] = { "harbor", "turbine", "clinic", "robot", "orchard",
                                 "battery", "atlas", "quarry", "lantern", "meadow" };

  for (guint folder = 0; folder * 1000 < n; folder++)
    {
      g_autofree char *name = g_strdup_printf ("%03u", folder);
      g_autofree char *sub = g_build_filename (dir, name, NULL);

      g_mkdir (sub, 0755);
      for (guint i = folder * 1000; i < MIN (n, (folder + 1) * 1000); i++)
        {
          g_autofree char *file = g_strdup_printf ("%06u.txt", i);
          g_autofree char *names = test_invented_names (i);
          g_autofree char *text =
            g_strdup_printf ("Fictional %s Company Opens Its %s Works, Number %u\n\n"
                             "%s, March %u, 2023 %s Fictional %s Company, an invented maker of %s "
                             "parts, opened its %s works today. \"We are glad,\" said Alex Doe, "
                             "Chief Executive Officer of Fictional %s Company.\n\n"
                             "The works will build %s and %s systems for customers in %u towns.\n\n"
                             "Its first customers are %s.\n",
                             words[i % 10], words[(i / 10) % 10], i,
                             cities[i % 5], 1 + i % 28, wires[i % 3], words[i % 10],
                             words[(i / 3) % 10], words[(i / 10) % 10], words[i % 10],
                             words[(i / 7) % 10], words[(i / 11) % 10], i % 97, names);

          write_file (sub, file, text, -1);
        }
    }
}

/* One import of the corpus in @folder into the fixture's library, under
 * the watchdog; FALSE when a frame took too long. */
static gboolean
watchdog_attempt (Fixture *f,
                  GFile   *folder,
                  guint    n,
                  double  *others)
{
  GdkFrameClock *clock;
  Watchdog watchdog = { 0 };
  gulong handler;
  guint tick;
  gint64 start;
  double seconds;
  gint64 machine_before, own_before, machine_after, own_after;
  gint64 limit = watchdog_limit_ms ("PR_TEST_WATCHDOG_MAX_MS", 100) * 1000;
  gint64 start_limit = watchdog_limit_ms ("PR_TEST_WATCHDOG_START_MAX_MS", 100) * 1000;

  GtkWidget *filter_box = pr_window_get_part (f->window, "filter-box");
  int width;

  /* A release open, as a reader would have. */
  pr_window_select_position (f->window, 3);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &watchdog);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (f->window), keep_ticking,
                                       pr_window_get_part (f->window, "import-progress"), NULL);
  test_ui_wait (200);
  width = gtk_widget_get_width (filter_box);

  watchdog.running = TRUE;
  watchdog.last = 0;
  watchdog.start = start = g_get_monotonic_time ();
  stall_logger_start ();
  test_ui_cpu_ticks (&machine_before, &own_before);
  pr_window_import_files (f->window, &folder, 1);
  g_assert_true (test_ui_wait_for (import_finished, f->window, 1200000));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  watchdog.running = FALSE;
  test_ui_cpu_ticks (&machine_after, &own_after);
  *others = ((machine_after - machine_before) - (own_after - own_before))
            / (double) sysconf (_SC_CLK_TCK) / seconds;

  gtk_widget_remove_tick_callback (GTK_WIDGET (f->window), tick);
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("imported %u releases in %.1f s (%.0f/s), renderer %s: %u frames, "
                  "longest interval %.0f ms in the first %.0f s, %.0f ms after; "
                  "other processes used %.2f of the %u CPUs meanwhile",
                  n, seconds, n / seconds, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
                  watchdog.frames, watchdog.max_start / 1000.0, WATCHDOG_SETTLE_US / 1e6,
                  watchdog.max / 1000.0, *others, g_get_num_processors ());
  settle (f);
  g_assert_cmpint (pr_store_count (f->store, NULL, PR_FILTER_ALL, NULL), ==, n + 7);
  g_assert_cmpuint (n_shown (f), ==, n + 7);
  /* The shown release stayed. */
  g_assert_nonnull (pr_window_get_selected_release (f->window));
  /* The counts grew short: the list pane kept its width (a wider pane
   * wraps every row and the article again, 40-60 ms of layout). */
  g_assert_cmpint (gtk_widget_get_width (filter_box), ==, width);
  return watchdog.max <= limit && watchdog.max_start <= start_limit
         && watchdog.frames > seconds * 8;
}

typedef struct {
  Fixture *f;
  guint unread;
} UnreadWanted;

static gboolean
unread_reached (gpointer data)
{
  UnreadWanted *wanted = data;
  guint unread = G_MAXUINT;

  pr_window_get_counts (wanted->f->window, NULL, &unread, NULL);
  return unread == wanted->unread;
}

/* Mark All as Read over the whole library and its Undo (the toast's
 * button), with the frame clock watched: the counts follow, and the
 * longest frame and the times are reported (the issue's target, no frame
 * over 100 ms and each done in 5 s, is at 1,000,000; build-aux/bench
 * measures the store's part there). */
static void
scale_mark_all (Fixture *f,
                guint    n)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (pr_window_get_part (f->window, "toast-overlay"));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  Watchdog watchdog = { 0 };
  UnreadWanted wanted = { f, 0 };
  GtkWidget *undo;
  gulong handler;
  guint tick;
  gint64 start;
  double mark_s, undo_s;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &watchdog);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (f->window), keep_ticking,
                                       pr_window_get_part (f->window, "list-view"), NULL);
  test_ui_wait (200);
  watchdog.running = TRUE;
  watchdog.start = start = g_get_monotonic_time ();
  stall_logger_start ();
  test_ui_activate (f->window, "window.mark-all-read", NULL);
  g_assert_true (test_ui_wait_for (unread_reached, &wanted, 600000));
  mark_s = (g_get_monotonic_time () - start) / 1e6;

  test_ui_wait (300);
  undo = test_ui_find_label (GTK_WIDGET (overlay), _("_Undo"));
  if (undo == NULL)
    undo = test_ui_find_label (GTK_WIDGET (overlay), "Undo");
  g_assert_nonnull (undo);
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON), "clicked");
  wanted.unread = n + 7;
  g_assert_true (test_ui_wait_for (unread_reached, &wanted, 600000));
  undo_s = (g_get_monotonic_time () - start) / 1e6;
  watchdog.running = FALSE;

  gtk_widget_remove_tick_callback (GTK_WIDGET (f->window), tick);
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("mark all read over %u releases: %.1f s, its undo %.1f s; %u frames, "
                  "longest interval %.0f ms", n + 7, mark_s, undo_s, watchdog.frames,
                  MAX (watchdog.max_start, watchdog.max) / 1000.0);
  g_assert_cmpint (pr_store_count (f->store, NULL, PR_FILTER_UNREAD, NULL), ==, n + 7);
}

/* No frame over 100 ms. The import runs at background priority (its
 * threads no longer take the cores from the main thread and the X
 * server), the list is read in workers and refreshed at most every
 * 300 ms as precise changes paced across frames: measured on the 2-core
 * machine (2026-12-05), 20,000 releases (now about 2.5 s) 73-83 ms in the
 * first 2 s, 33-44 ms after; 100,000 releases 63-79 ms in the first 2 s,
 * 47-78 ms after; an idle window there: 22-26 ms.
 * The machine may be shared: an attempt during which other processes
 * kept more than WATCHDOG_BUSY_CPUS busy says nothing about this window,
 * and if it fails it is made again, in a new library (at most
 * WATCHDOG_ATTEMPTS); an attempt on a quiet machine that fails fails the
 * test; when every attempt was disturbed, the test is skipped, saying so. */
#define WATCHDOG_ATTEMPTS 3
#define WATCHDOG_BUSY_CPUS 0.35

static void
test_frame_watchdog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pressreader-corpus-XXXXXX", &error);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GString) busy = g_string_new (NULL);
  guint n = watchdog_releases ();
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  write_corpus (dir, n);
  /* The corpus on disk first: its write-back is not the import's. */
  sync ();
  g_test_message ("wrote %u files in %.1f s", n, (g_get_monotonic_time () - start) / 1e6);
  folder = g_file_new_for_path (dir);

  for (guint attempt = 1; attempt <= WATCHDOG_ATTEMPTS; attempt++)
    {
      double others = 0;

      if (attempt > 1)
        {
          /* A new library, as the first. */
          test_ui_wait_settled (f->window);
          gtk_window_destroy (GTK_WINDOW (f->window));
          test_ui_wait (20);
          g_clear_object (&f->store);
          test_ui_remove_tree (f->dir);
          g_free (f->dir);
          f->store = test_ui_library_new (&f->dir);
          f->window = test_ui_window_new_with_store (app, f->store, 1280, 800);
        }
      if (watchdog_attempt (f, folder, n, &others))
        {
          test_ui_remove_tree (dir);
          return;
        }
      /* Too slow on a quiet machine: this window's fault. */
      g_assert_cmpfloat (others, >, WATCHDOG_BUSY_CPUS);
      g_string_append_printf (busy, "%s%.2f", busy->len > 0 ? ", " : "", others);
    }
  test_ui_remove_tree (dir);
  g_test_skip_printf ("the machine was busy: other processes used %s CPUs during the %u attempts",
                      busy->str, WATCHDOG_ATTEMPTS);
}

/* The translated runs (window-de, window-zh_CN in tests/meson.build):
 * LANGUAGE=de / zh_CN with LC_ALL=de_DE.UTF-8 / zh_CN.UTF-8 and
 * PR_TEST_LANGUAGE naming the language. */
typedef struct {
  const char *lang;
  const char *locale;
  /* The header bar, the sidebar labels and an empty state. */
  const char *header;
  const char *sidebar;
  const char *empty;
  /* Dates: the sidebar's long form of 2024-05-09 and the list's compact
   * form of 2024-03-04 (month names from the locale, order from the
   * catalog). */
  const char *sidebar_date;
  const char *list_date;
  /* Numbers in the locale's form: the list's subtitle, and the "All"
   * count for a library of 1,234 releases, short (the locale's decimal
   * mark, the catalog's word) and exact (its tooltip). */
  const char *subtitle;
  const char *count;
  const char *exact_count;
  /* The core library's warning for "colour:red" (src/core/pr-query.c). */
  const char *warning;
} Translated;

static const Translated translated[] = {
  { "de", "de_DE.UTF-8", "Ungelesen", "Datum", "Keine Ergebnisse", "9. Mai 2024", "4. Mär 2024",
    "1.234 Mitteilungen", "1,2 Tsd.", "1.234", "Unbekannter Filter „colour:“, als Wörter gesucht" },
  { "zh_CN", "zh_CN.UTF-8", "未读", "日期", "无结果", "2024年5月9日", "2024年3月4日",
    "1,234 篇新闻稿", "1.2千", "1,234", "未知的筛选条件“colour:”，已按普通词语搜索" },
};

/* Whether the locale of the environment (LC_ALL) is installed. */
static gboolean have_locale;

static const Translated *
translated_for_test (void)
{
  const char *lang = g_getenv ("PR_TEST_LANGUAGE");

  for (guint i = 0; i < G_N_ELEMENTS (translated); i++)
    if (g_strcmp0 (translated[i].lang, lang) == 0)
      return &translated[i];
  g_error ("PR_TEST_LANGUAGE=%s: no expected strings for that language", lang);
  return NULL;
}

/* A descendant GtkLabel whose text contains @needle. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL)
        return child;
      found = find_label_containing (child, needle);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_translated_strings (Fixture       *f,
                         gconstpointer  data)
{
  const Translated *t = translated_for_test ();

  g_assert_nonnull (test_ui_find_label (pr_window_get_part (f->window, "filter-box"), t->header));
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (pr_window_get_sidebar (f->window)), t->sidebar));
  pr_window_set_search_text (f->window, "nothing-matches-this");
  settle (f);
  g_assert_nonnull (test_ui_find_label (pr_window_get_part (f->window, "list-stack"), t->empty));
  pr_window_set_search_text (f->window, "colour:red");
  settle (f);
  g_assert_cmpstr (label_text (f, "warning-label"), ==, t->warning);
}

static void
test_translated_dates (Fixture       *f,
                       gconstpointer  data)
{
  const Translated *t = translated_for_test ();
  PrSidebar *sidebar = pr_window_get_sidebar (f->window);
  PrRelease *r;

  if (!have_locale)
    {
      g_test_skip_printf ("the locale %s is not installed (build-aux/deps --test generates it)",
                          t->locale);
      return;
    }
  g_assert_cmpstr (setlocale (LC_TIME, NULL), ==, t->locale);

  /* The list's rows: "source · place · date". */
  g_assert_nonnull (find_label_containing (pr_window_get_part (f->window, "list-view"), t->list_date));

  r = find_release (f, "Cooperativa Valdemora");
  g_assert_nonnull (r);
  g_assert_cmpstr (pr_release_get_date (r), ==, "2024-05-09");
  g_assert_true (pr_window_select_release (f->window, r));
  g_assert_cmpstr (pr_sidebar_get_value (sidebar, "date"), ==, t->sidebar_date);
}

static void
test_translated_numbers (Fixture       *f,
                         gconstpointer  data)
{
  const Translated *t = translated_for_test ();

  if (!have_locale)
    {
      g_test_skip_printf ("the locale %s is not installed (build-aux/deps --test generates it)",
                          t->locale);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  fill_library (f->store, 1234 - 7);
  f->window = test_ui_window_new_with_store (app, f->store, 1280, 800);
  g_assert_cmpuint (n_shown (f), ==, 1234);
  g_assert_nonnull (test_ui_find_label (GTK_WIDGET (f->window), t->subtitle));
  g_assert_cmpstr (label_text (f, "count-all"), ==, t->count);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pr_window_get_part (f->window, "count-all")), ==,
                   t->exact_count);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  have_locale = test_ui_init_i18n ();
  app_dir = g_dir_make_tmp ("pressreader-app-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  g_test_add_func ("/window/short-count", test_short_count);
  g_test_add_func ("/window/default-catalog", test_default_catalog);
  g_test_add_func ("/window/first-start", test_first_start);
  g_test_add_func ("/window/library-error", test_library_error);
  g_test_add_func ("/window/library-damaged", test_library_damaged);
#define ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("select-bookmark-read", test_select_bookmark_read);
  ADD ("mark-all-undo", test_mark_all_undo);
  ADD ("navigation", test_navigation);
  ADD ("search", test_search);
  ADD ("filter", test_filter);
  ADD ("sort", test_sort);
  ADD ("zoom", test_zoom);
  ADD ("sidebar", test_sidebar);
  ADD ("copies", test_copies);
  ADD ("facet", test_facet);
  ADD ("narrow", test_narrow);
  ADD ("import", test_import);
  ADD ("restore", test_restore);
  ADD ("next-unread-far", test_next_unread_far);
  ADD ("list-top", test_list_top);
  ADD ("open-catalog", test_open_catalog);
  ADD ("open-folder-catalog", test_open_folder_catalog);
  /* The long ones run as their own tests (tests/meson.build). */
  if (g_strcmp0 (g_getenv ("PR_TEST_HEAVY"), "scale") == 0)
    ADD ("scale", test_scale);
  if (g_strcmp0 (g_getenv ("PR_TEST_HEAVY"), "watchdog") == 0)
    ADD ("frame-watchdog", test_frame_watchdog);
  if (g_getenv ("PR_TEST_LANGUAGE") != NULL)
    {
      ADD ("translated/strings", test_translated_strings);
      ADD ("translated/dates", test_translated_dates);
      ADD ("translated/numbers", test_translated_numbers);
    }
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  g_free (app_dir);
  return status;
}
