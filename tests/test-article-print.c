/* test-article-print.c: a release printed to PDF (pr_article_print_to_pdf())
 * and read back with pdftotext and pdfinfo (poppler-utils): the headline,
 * the facts and the body, pages for a long release, markup printed
 * literally, errors in words; and the window's Print action (Ctrl+P),
 * disabled without an article. */
#include <glib/gstdio.h>

#include "test-window-util.h"

#include "pr-article-print.h"
#include "pr-format.h"

#define MARKUP_TITLE "<b>&amp; Nordlicht</b> & <i>Robotik</i> prints literally"
#define LAST_PARAGRAPH "The last paragraph of the long release ends with the word Polarfuchs."

static PrApplication *app;
static char *app_dir;

/* ---- helpers --------------------------------------------------------- */

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils, build-aux/deps --test) are needed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* The text of the PDF with every run of white space one space: lines wrap
 * where the page says. */
static char *
pdf_text (const char *pdf)
{
  /* -raw: in the order drawn, a fact's label beside its value. */
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\f\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in the printed text:\n%s", needle, haystack);
}

static char *
print_to_tmp (PrRelease  *release,
              char      **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp ("pressreader-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "article.pdf", NULL);
  g_assert_true (pr_article_print_to_pdf (release, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Keeps a copy beside the build's screenshots, to look at. */
static void
keep_pdf (const char *path,
          const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *copy = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
}

/* ---- printing -------------------------------------------------------- */

static void
test_pdf (void)
{
  const char *shared = g_getenv ("PR_SHARED_DIR");
  g_autofree char *seed = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;

  if (!have_poppler ())
    return;
  seed = shared != NULL ? g_build_filename (shared, "seed", "000_6f3e42bf6f3c5409.txt", NULL) : NULL;
  if (seed == NULL || !g_file_test (seed, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the seed release (../shared/seed beside the checkout) is absent");
      return;
    }
  file = g_file_new_for_path (seed);
  release = pr_parse_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_date (release), ==, "2021-06-18");
  g_assert_cmpstr (pr_release_get_source (release), ==, "PR Newswire");

  pdf = print_to_tmp (release, &dir);
  keep_pdf (pdf, "print-seed.pdf");
  text = pdf_text (pdf);
  assert_contains (text, "The 2021 SCO International Round Table was held in Lianyungang, Jiangsu");
  assert_contains (text, "The meeting was chaired by Fang Wei, the Mayor of Lianyungang city.");
  assert_contains (text, "Wire PR Newswire");
  date = pr_format_date ("2021-06-18", TRUE);
  assert_contains (text, date);
  g_assert_cmpuint (pdf_pages (pdf), >=, 1);

  test_ui_remove_tree (dir);
}

static PrRelease *
long_release (void)
{
  g_autoptr(PrRelease) r = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  GString *table = g_string_new ("Site\tOutput\tStaff\n");
  const char *links[] = { "https://nordlicht.example/polarfuchs", NULL };
  const char *emails[] = { "presse@nordlicht.example", NULL };
  const char *about[] = { "About Nordlicht Robotik GmbH",
                          "Nordlicht builds robots for warehouses in Hamburg.", NULL };
  const char *contacts[] = { "Media contact:\nJonas Weber\n+49 40 1234 5678", NULL };
  const char *trailer[] = { "SOURCE Nordlicht Robotik GmbH", NULL };

  pr_release_set_field (r, PR_FIELD_TITLE, "Nordlicht Robotik launches Polarfuchs, a warehouse "
                                           "robot for the long night shift");
  pr_release_set_field (r, PR_FIELD_SUBTITLE, "Cameras and lidar, 1,200 parcels an hour");
  pr_release_set_field (r, PR_FIELD_DATE, "2024-03-04");
  pr_release_set_field (r, PR_FIELD_DATELINE, "HAMBURG, Germany, March 4, 2024 /PRNewswire/");
  pr_release_set_field (r, PR_FIELD_CITY, "Hamburg");
  pr_release_set_field (r, PR_FIELD_REGION, "Germany");
  pr_release_set_field (r, PR_FIELD_SOURCE, "PR Newswire");
  pr_release_set_list (r, PR_LIST_LINKS, links);
  pr_release_set_list (r, PR_LIST_EMAILS, emails);
  pr_release_set_list (r, PR_LIST_ABOUT, about);
  pr_release_set_list (r, PR_LIST_CONTACTS, contacts);
  pr_release_set_list (r, PR_LIST_TRAILER, trailer);

  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *text =
        g_strdup_printf ("Paragraph %u. Nordlicht Robotik said the Polarfuchs robot navigates "
                         "warehouse aisles with cameras and lidar, carries up to 1,200 parcels an "
                         "hour, and charges itself between shifts; the company plans to ship the "
                         "first units to logistics centres in Hamburg, Rotterdam and Gdańsk.", i);

      if (i == 12)
        g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "Key features"));
      if (i == 12 || i == 13)
        g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM,
                                               "Camera and lidar navigation in aisles as narrow as "
                                               "90 centimetres, with a second line to wrap"));
      g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, text));
      if (i == 20)
        {
          for (guint row = 1; row <= 70; row++)
            g_string_append_printf (table, "Site %u\t%u parcels\t%u\n", row, row * 37, row % 9 + 2);
          g_string_append (table, "Site last\t0 parcels\t0");
          g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, table->str));
        }
    }
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, LAST_PARAGRAPH));
  pr_release_set_blocks (r, blocks);
  g_string_free (table, TRUE);
  return g_steal_pointer (&r);
}

static void
test_pages (void)
{
  g_autoptr(PrRelease) release = long_release ();
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_footer = NULL;
  guint pages;

  if (!have_poppler ())
    return;
  pdf = print_to_tmp (release, &dir);
  keep_pdf (pdf, "print-long.pdf");
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages, >, 1);
  text = pdf_text (pdf);
  assert_contains (text, "Nordlicht Robotik launches Polarfuchs");
  assert_contains (text, LAST_PARAGRAPH);
  /* Every paragraph, and the table's rows on both sides of a break. */
  assert_contains (text, "Paragraph 1. ");
  assert_contains (text, "Paragraph 30. ");
  assert_contains (text, "Site 1 37 parcels 3");
  assert_contains (text, "Site 70 2590 parcels 9");
  assert_contains (text, "Site last 0 parcels 0");
  assert_contains (text, "Place Hamburg, Germany");
  assert_contains (text, "presse@nordlicht.example");
  assert_contains (text, "https://nordlicht.example/polarfuchs");
  /* The sections after the body, as the view has them. */
  assert_contains (text, "About Nordlicht Robotik GmbH Nordlicht builds robots for warehouses in Hamburg.");
  assert_contains (text, "Media contact Jonas Weber +49 40 1234 5678");
  assert_contains (text, "SOURCE Nordlicht Robotik GmbH");
  last_footer = g_strdup_printf ("%u of %u", pages, pages);
  assert_contains (text, "1 of ");
  assert_contains (text, last_footer);

  test_ui_remove_tree (dir);
}

static void
test_markup_literal (void)
{
  g_autoptr(PrRelease) release = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;
  pr_release_set_field (release, PR_FIELD_TITLE, MARKUP_TITLE);
  pr_release_set_field (release, PR_FIELD_SOURCE, "Wire <span>&lt;");
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "A <span foreground=\"red\">body</span> & more."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "<tt>\t&amp;\n1\t2"));
  pr_release_set_blocks (release, blocks);

  pdf = print_to_tmp (release, &dir);
  text = pdf_text (pdf);
  assert_contains (text, MARKUP_TITLE);
  assert_contains (text, "Wire <span>&lt;");
  assert_contains (text, "A <span foreground=\"red\">body</span> & more.");
  assert_contains (text, "<tt> &amp;");

  test_ui_remove_tree (dir);
}

static void
test_error (void)
{
  g_autoptr(PrRelease) release = long_release ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("pressreader-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "no such folder", "article.pdf", NULL);
  g_assert_false (pr_article_print_to_pdf (release, path, &error));
  g_assert_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL);
  /* In words, naming the file. */
  g_assert_nonnull (strstr (error->message, "article.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  test_ui_remove_tree (dir);
}

/* ---- the window ------------------------------------------------------ */

/* Whether the window's class binds Ctrl+P to window.print. */
static gboolean
has_print_shortcut (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_autoptr(GtkShortcutTrigger) ctrl_p = gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_p)
              && GTK_IS_NAMED_ACTION (action)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                              "window.print"))
            return TRUE;
        }
    }
  return FALSE;
}

/* The "Print…" item of the release menu (its popover is the menu button's
 * child): its sensitivity is the action's. */
static GtkWidget *
print_item (PrWindow *window)
{
  GtkWidget *label = test_ui_find_label (GTK_WIDGET (window), "Print…");

  g_assert_nonnull (label);
  return label;
}

/* The shown GtkPrintUnixDialog (its header is gtk4-unix-print's). */
static GtkWidget *
print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GType type = g_type_from_name ("GtkPrintUnixDialog");

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

static void
test_action (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_dir = g_dir_make_tmp ("pressreader-print-XXXXXX", &error);
  g_autofree char *empty_path = g_build_filename (empty_dir, "library.db", NULL);
  g_autoptr(PrStore) empty = pr_store_open (empty_path, NULL, &error);
  g_autofree char *dir = NULL;
  g_autoptr(PrStore) store = NULL;
  PrWindow *window;
  GtkWidget *dialog;

  g_assert_no_error (error);
  /* An empty library: no article shown, nothing to print. */
  window = test_ui_window_new_with_store (app, empty, 1280, 800);
  g_assert_true (has_print_shortcut (GTK_WIDGET (window)));
  g_assert_null (pr_window_get_selected_release (window));
  g_assert_false (gtk_widget_is_sensitive (print_item (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (20);

  /* The default catalog: a release shown, Print… enabled. */
  store = test_ui_library_new (&dir);
  window = test_ui_window_new_with_store (app, store, 1280, 800);
  if (pr_window_get_selected_release (window) == NULL)
    {
      pr_window_select_position (window, 0);
      test_ui_wait_settled (window);
    }
  g_assert_nonnull (pr_window_get_selected_release (window));
  g_assert_true (gtk_widget_is_sensitive (print_item (window)));

  /* The print dialog, on the window; cancelled, it leaves nothing behind. */
  test_ui_activate (window, "window.print", NULL);
  dialog = print_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  test_ui_wait (100);
  g_assert_null (print_dialog ());
  /* Done: the next Print… opens a dialog again. */
  test_ui_activate (window, "window.print", NULL);
  dialog = print_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  test_ui_wait (100);
  g_assert_null (print_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_wait (20);

  g_clear_object (&store);
  g_clear_object (&empty);
  test_ui_remove_tree (dir);
  test_ui_remove_tree (empty_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  test_ui_init_i18n ();
  app_dir = g_dir_make_tmp ("pressreader-app-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (app_dir, "library.db", NULL);
  app = test_ui_app_new (library);

  g_test_add_func ("/window/print/pdf", test_pdf);
  g_test_add_func ("/window/print/pages", test_pages);
  g_test_add_func ("/window/print/markup-literal", test_markup_literal);
  g_test_add_func ("/window/print/error", test_error);
  g_test_add_func ("/window/print/action", test_action);

  status = g_test_run ();
  g_object_unref (app);
  test_ui_remove_tree (app_dir);
  g_free (app_dir);
  return status;
}
