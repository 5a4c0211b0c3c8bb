/* test-window-disk-full.c: the window on a library whose disk fills
 *
 * An import into a library on a small tmpfs (tests/small-disk.c; skipped,
 * saying why, where mounting is not permitted) stops with one dialog that
 * names the library and the room it wants; the window keeps reading and
 * searching; once there is room the same files finish the import. */
#include "config.h"

#include <string.h>

#include "small-disk.h"
#include "test-window-util.h"

#define RELEASES 600

static PrApplication *app;

static gboolean
import_over (gpointer data)
{
  return !pr_window_get_importing (data);
}


static void
import_folder (PrWindow   *window,
               const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);

  pr_window_import_files (window, &file, 1);
  g_assert_true (test_ui_wait_for (import_over, window, 120000));
  test_ui_wait_settled (window);
}

static void
test_import (void)
{
  g_autofree char *why = NULL;
  char *disk = small_disk_mount (&why);
  g_autofree char *src = NULL;
  g_autofree char *library = NULL;
  g_autofree char *shots = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("fictional");
  PrWindow *window;
  GtkWidget *dialog;
  const char *body;
  gint64 kept;

  if (disk == NULL)
    {
      g_test_skip (why);
      return;
    }
  src = g_dir_make_tmp ("pressreader-disk-full-src-XXXXXX", NULL);
  for (guint i = 0; i < RELEASES; i++)
    {
      g_autofree char *name = g_strdup_printf ("release-%04u.txt", i);
      g_autofree char *path = g_build_filename (src, name, NULL);
      g_autofree char *text = small_disk_release_text (i);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }
  library = g_build_filename (disk, "library.db", NULL);
  store = pr_store_open (library, NULL, &error);
  g_assert_no_error (error);
  window = test_ui_window_new_with_store (app, store, 1100, 700);

  /* One dialog: the library, the room it wants, how to finish. */
  import_folder (window, src);
  dialog = test_ui_find_named_toplevel ("pr-import-stopped");
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, library));
  g_assert_nonnull (strstr (body, "free at least"));
  g_assert_nonnull (strstr (body, "Import the same files again"));
  shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                            "screenshots", NULL);
  g_mkdir_with_parents (shots, 0755);
  shot = g_build_filename (shots, "disk-full-import.png", NULL);
  test_ui_wait (500);
  test_ui_save_png (dialog, gtk_window_get_child (GTK_WINDOW (dialog)), shot);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* What was written is there, listed and searchable. */
  kept = pr_store_count (store, NULL, PR_FILTER_ALL, NULL);
  g_test_message ("%" G_GINT64_FORMAT " of %u imported before the disk was full", kept, RELEASES);
  g_assert_cmpint (kept, <, RELEASES);
  g_assert_cmpint (pr_store_count (store, query, PR_FILTER_ALL, NULL), ==, kept);
  pr_window_set_search_text (window, "fictional");
  test_ui_wait_settled (window);
  g_assert_cmpuint (g_list_model_get_n_items (pr_window_get_list_model (window)), ==, kept);

  /* Room again: the same files finish it. */
  small_disk_grow (disk);
  import_folder (window, src);
  g_assert_null (test_ui_find_named_toplevel ("pr-import-stopped"));
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, NULL), ==, RELEASES);
  g_assert_cmpuint (g_list_model_get_n_items (pr_window_get_list_model (window)), ==, RELEASES);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (100);
  g_clear_object (&store);
  small_disk_unmount (disk);
  test_ui_remove_tree (src);
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
  app_dir = g_dir_make_tmp ("pressreader-disk-full-XXXXXX", NULL);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  g_test_add_func ("/window/disk-full/import", test_import);
  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  return status;
}
