/* test-window-export.c: Export… from the window — the releases listed,
 * the bookmarked ones and the one shown, in each format */
#include "config.h"

#include "pr-window-private.h"
#include "test-window-util.h"

static PrApplication *app;

typedef struct {
  guint count;
  GError *error;
  gboolean done;
} Done;

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Done *done = user_data;

  done->count = pr_window_export_finish (PR_WINDOW (source), result, &done->error);
  done->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Done *) data)->done;
}

static char *
export_to (PrWindow            *window,
           PrWindowExportScope  scope,
           PrExportFormat       format,
           const char          *path,
           guint               *count)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Done done = { 0 };
  char *text = NULL;

  pr_window_export_async (window, scope, format, file, NULL, export_done, &done);
  g_assert_true (test_ui_wait_for (is_done, &done, 20000));
  g_assert_no_error (done.error);
  *count = done.count;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
csv_rows (const char *path)
{
  g_autofree char *script = g_strdup_printf ("import csv, sys\n"
                                             "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
                                             "assert rows[0][:3] == ['date', 'wire', 'headline'], rows[0]\n"
                                             "assert all(len(r) == len(rows[0]) for r in rows)\n"
                                             "print(len(rows) - 1)\n");
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

static void
test_scopes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PrStore) store = test_ui_library_new (&dir);
  g_autofree char *csv_path = g_build_filename (dir, "listed.csv", NULL);
  g_autofree char *md_path = g_build_filename (dir, "shown.md", NULL);
  g_autofree char *json_path = g_build_filename (dir, "bookmarked.json", NULL);
  g_autofree char *ninjs_path = g_build_filename (dir, "listed.ninjs.json", NULL);
  g_autoptr(PrQuery) all = pr_query_new (NULL);
  gint64 total = pr_store_count (store, all, PR_FILTER_ALL, NULL);
  gint64 bookmarked = pr_store_count (store, all, PR_FILTER_BOOKMARKED, NULL);
  PrWindow *window = test_ui_window_new_with_store (app, store, 1100, 700);
  PrRelease *shown;
  g_autofree char *csv = NULL;
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  g_autofree char *ninjs = NULL;
  g_autofree char *expect = NULL;
  guint count = 0;

  g_assert_cmpint (total, >, 1);
  /* The action is the window's. */
  {
    gboolean found = FALSE;
    const char *name, *property;
    const GVariantType *type;
    GType owner;

    for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name,
                                                     &type, &property); i++)
      found = found || g_str_equal (name, "window.export");
    g_assert_true (found);
  }

  csv = export_to (window, PR_WINDOW_EXPORT_LISTED, PR_EXPORT_FORMAT_CSV, csv_path, &count);
  g_assert_cmpuint (count, ==, total);
  g_assert_cmpuint (csv_rows (csv_path), ==, total);

  pr_window_select_position (window, 0);
  test_ui_wait_settled (window);
  shown = pr_window_get_selected_release (window);
  g_assert_nonnull (shown);
  md = export_to (window, PR_WINDOW_EXPORT_SHOWN, PR_EXPORT_FORMAT_MARKDOWN, md_path, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (g_str_has_prefix (md, "# "));
  g_assert_null (strstr (md, "\n---\n"));

  json = export_to (window, PR_WINDOW_EXPORT_BOOKMARKED, PR_EXPORT_FORMAT_JSON, json_path, &count);
  g_assert_cmpuint (count, ==, bookmarked);

  /* A search narrows what is listed. */
  pr_window_set_search_text (window, "zzzznothingmatches");
  test_ui_wait_settled (window);
  test_ui_wait (400);
  ninjs = export_to (window, PR_WINDOW_EXPORT_LISTED, PR_EXPORT_FORMAT_NINJS, ninjs_path, &count);
  g_assert_cmpuint (count, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (50);
  g_clear_object (&store);
  test_ui_remove_tree (dir);
}

static gboolean
chooser_shown (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "pr-export-chooser") != NULL;
}

/* The chooser the action opens (GTK's own dialog without a portal): its
 * format and scope choices, a screenshot, and cancelling it. */
static void
test_dialog (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PrStore) store = test_ui_library_new (&dir);
  PrWindow *window = test_ui_window_new_with_store (app, store, 1100, 700);
  GtkNativeDialog *chooser;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *dialog = NULL;
  g_autofree char *shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                             "screenshots", NULL);
  g_autofree char *path = g_build_filename (shots, "export-dialog.png", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.export", NULL));
  g_assert_true (test_ui_wait_for (chooser_shown, window, 5000));
  chooser = g_object_get_data (G_OBJECT (window), "pr-export-chooser");
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format"), ==, "markdown");
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "what"), ==, "listed");
  test_ui_wait (500);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (top) && gtk_widget_get_mapped (top))
        dialog = top;
    }
  if (dialog != NULL)
    {
      g_mkdir_with_parents (shots, 0755);
      test_ui_save_png (dialog, gtk_window_get_child (GTK_WINDOW (dialog)), path);
    }
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (g_object_get_data (G_OBJECT (window), "pr-export-chooser"));

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (50);
  g_clear_object (&store);
  test_ui_remove_tree (dir);
}

/* A file that cannot be written is an error that names why. */
static void
test_unwritable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PrStore) store = test_ui_library_new (&dir);
  g_autofree char *path = g_build_filename (dir, "missing", "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PrWindow *window = test_ui_window_new_with_store (app, store, 900, 600);
  Done done = { 0 };

  pr_window_export_async (window, PR_WINDOW_EXPORT_LISTED, PR_EXPORT_FORMAT_CSV, file, NULL,
                          export_done, &done);
  g_assert_true (test_ui_wait_for (is_done, &done, 20000));
  g_assert_error (done.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (done.count, ==, 0);
  g_clear_error (&done.error);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (50);
  g_clear_object (&store);
  test_ui_remove_tree (dir);
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
  app_dir = g_dir_make_tmp ("pressreader-export-XXXXXX", NULL);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  g_test_add_func ("/window/export/scopes", test_scopes);
  g_test_add_func ("/window/export/unwritable", test_unwritable);
  g_test_add_func ("/window/export/dialog", test_dialog);
  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  return status;
}
