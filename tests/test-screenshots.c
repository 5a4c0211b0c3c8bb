/* test-screenshots.c: the window at 1280×800 and 400×800, light and dark,
 * searching (snippets in the rows), importing, and showing a release read
 * from a web page and from an email (tests/data/formats/), rendered to
 * PNGs in the build tree (tests/screenshots/). Each shot has its own
 * library. */
#include "test-window-util.h"

static PrApplication *app;

typedef struct {
  const char *name;
  int width;
  int height;
  gboolean dark;
  const char *select_title_prefix;
  gboolean show_list;         /* narrow: the list pane instead of the article */
  const char *search;         /* search text, or NULL */
  gboolean import;            /* an import running */
  const char *open;           /* a file in tests/data/formats/ opened, or NULL */
} Shot;

/* Opens @name as the window's "Open" does, and checks what the release
 * shows: its title, and for the page a table, list items and links. */
static void
open_format_file (PrWindow   *window,
                  const char *name,
                  const char *title)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PrRelease *shown = NULL;
  GPtrArray *blocks;
  gboolean table = FALSE, item = FALSE;

  pr_window_open_files (window, &file, 1);
  for (guint i = 0; i < 200; i++)
    {
      shown = pr_window_get_selected_release (window);
      if (shown != NULL && g_strcmp0 (pr_release_get_title (shown), title) == 0)
        break;
      test_ui_wait (50);
    }
  g_assert_nonnull (shown);
  g_assert_cmpstr (pr_release_get_title (shown), ==, title);
  g_assert_nonnull (pr_release_get_date (shown));
  g_assert_nonnull (pr_release_get_list (shown, PR_LIST_LINKS));
  blocks = pr_release_get_blocks (shown);
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);

      table |= block->kind == PR_BLOCK_TABLE;
      item |= block->kind == PR_BLOCK_LIST_ITEM;
    }
  g_assert_true (item);
  if (g_str_has_suffix (name, ".html"))
    g_assert_true (table);
}

/* Many small releases to import while the shot is taken. */
static char *
write_import_folder (guint n)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pressreader-shot-import-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%05u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("Fictional Works Number %u Opens\n\n"
                                               "DENVER, March %u, 2023 /PRNewswire/ -- Fictional Works, "
                                               "an invented company, opened today.\n", i, 1 + i % 28);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }
  return dir;
}

static PrRelease *
find_release (PrWindow   *window,
              const char *prefix)
{
  GListModel *model = pr_window_get_list_model (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrRelease) r = g_list_model_get_item (model, i);
      if (g_str_has_prefix (pr_release_get_title (r), prefix))
        return r;
    }
  return NULL;
}

static void
test_shot (gconstpointer data)
{
  const Shot *shot = data;
  PrWindow *window;
  PrRelease *release;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("%s.png", shot->name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  AdwLeaflet *leaflet;
  g_autoptr(PrStore) store = NULL;
  g_autofree char *library_dir = NULL;
  g_autofree char *import_dir = NULL;

  g_mkdir_with_parents (dir, 0755);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
  store = test_ui_library_new (&library_dir);
  window = test_ui_window_new_with_store (app, store, shot->width, shot->height);
  leaflet = ADW_LEAFLET (pr_window_get_part (window, "leaflet"));

  if (shot->open != NULL)
    open_format_file (window, shot->open, shot->select_title_prefix);
  else
    {
      release = find_release (window, shot->select_title_prefix);
      g_assert_nonnull (release);
      g_assert_true (pr_window_select_release (window, release));
      /* Some state to show: a bookmark, a read release. */
      pr_window_set_bookmarked (window, release, TRUE);
      test_ui_activate (window, "window.next", NULL);
      test_ui_activate (window, "window.previous", NULL);
    }
  if (shot->show_list)
    adw_leaflet_set_visible_child_name (leaflet, "list");
  if (shot->search != NULL)
    pr_window_set_search_text (window, shot->search);
  if (shot->import)
    {
      g_autoptr(GFile) folder = NULL;

      import_dir = write_import_folder (20000);
      folder = g_file_new_for_path (import_dir);
      pr_window_import_files (window, &folder, 1);
      test_ui_wait (1500);
      g_assert_true (pr_window_get_importing (window));
    }
  test_ui_wait (700);

  test_ui_save_png (GTK_WIDGET (window), pr_window_get_part (window, "toast-overlay"), path);
  g_test_message ("wrote %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  if (shot->import)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.cancel-import", NULL));
  test_ui_wait_settled (window);
  gtk_window_destroy (GTK_WINDOW (window));
  if (import_dir != NULL)
    test_ui_remove_tree (import_dir);
  test_ui_wait (50);
  test_ui_remove_tree (library_dir);
}

static const Shot shots[] = {
  { "main-light", 1280, 800, FALSE, "Harbor Light", FALSE, NULL, FALSE },
  { "main-dark", 1280, 800, TRUE, "Nordlicht", FALSE, NULL, FALSE },
  { "narrow-light", 400, 800, FALSE, "Harbor Light", FALSE, NULL, FALSE },
  { "narrow-dark", 400, 800, TRUE, "Harbor Light", TRUE, NULL, FALSE },
  { "medium-light", 860, 700, FALSE, "Copperleaf", FALSE, NULL, FALSE },
  { "search-light", 1280, 800, FALSE, "Harbor Light", FALSE, "energy OR clinic", FALSE },
  { "import-light", 1280, 800, FALSE, "Copperleaf", FALSE, NULL, TRUE },
  { "html-light", 1280, 800, FALSE, "Tidewater Ferries Adds Three Electric Vessels to Its Harbor Fleet",
    FALSE, NULL, FALSE, "tidewater-page.html" },
  { "html-dark", 1280, 800, TRUE, "Tidewater Ferries Adds Three Electric Vessels to Its Harbor Fleet",
    FALSE, NULL, FALSE, "tidewater-page.html" },
  { "email-light", 1280, 800, FALSE, "Lumen Bakeries opens a school for bakers in Lyon",
    FALSE, NULL, FALSE, "lumen-forwarded.eml" },
  { "email-dark", 1280, 800, TRUE, "Lumen Bakeries opens a school for bakers in Lyon",
    FALSE, NULL, FALSE, "lumen-forwarded.eml" },
};

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app_dir = NULL;
  g_autofree char *library = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  test_ui_init_i18n ();
  /* The application's own library is not used: each shot has its own. */
  app_dir = g_dir_make_tmp ("pressreader-shots-XXXXXX", NULL);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *name = g_strdup_printf ("/screenshots/%s", shots[i].name);
      g_test_add_data_func (name, &shots[i], test_shot);
    }
  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  return status;
}
