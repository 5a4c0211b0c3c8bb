/* test-article-view.c: the native article view: every block kind, links
 * (only http, https and mailto), markup shown literally, find, zoom,
 * highlights and the citation. */
#include "test-window-util.h"

#include "pr-article-view.h"
#include "pr-ui-private.h"

#define TITLE "<b>Bold</b> & <i>Nordlicht</i> Robotik launches Polarfuchs"

static PrRelease *
make_release (void)
{
  PrRelease *r = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  const char *about[] = { "About Nordlicht Robotik GmbH", "Nordlicht builds robots.", NULL };
  const char *contacts[] = { "Media contact:\nJonas Weber\npresse@nordlicht.example", NULL };
  const char *trailer[] = { "SOURCE Nordlicht Robotik GmbH", NULL };
  const char *links[] = { "https://nordlicht.example/polarfuchs", NULL };

  pr_release_set_field (r, PR_FIELD_TITLE, TITLE);
  pr_release_set_field (r, PR_FIELD_SUBTITLE, "A subtitle with <span>tags</span>");
  pr_release_set_field (r, PR_FIELD_DATE, "2024-03-04");
  pr_release_set_field (r, PR_FIELD_DATELINE, "HAMBURG, Germany, March 4, 2024 /PRNewswire/");
  pr_release_set_field (r, PR_FIELD_SOURCE, "PR Newswire");
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH,
                                         "Visit https://nordlicht.example/polarfuchs, or write to "
                                         "info@nordlicht.example today."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH,
                                         "Never javascript:alert(1) nor file:///etc/passwd nor "
                                         "data:text/html,<script>x</script> but mailto:press@nordlicht.example."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "Key features"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "Camera and lidar navigation"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "1,200 parcels an hour"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "Site     Output\nHamburg    42"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "The robot ships in 2024. The ROBOT is quiet."));
  pr_release_set_blocks (r, blocks);
  pr_release_set_list (r, PR_LIST_ABOUT, about);
  pr_release_set_list (r, PR_LIST_CONTACTS, contacts);
  pr_release_set_list (r, PR_LIST_TRAILER, trailer);
  pr_release_set_list (r, PR_LIST_LINKS, links);
  return r;
}

typedef struct {
  GtkWidget *window;
  PrArticleView *view;
  GtkTextBuffer *buffer;
  PrRelease *release;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  f->view = PR_ARTICLE_VIEW (pr_article_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 600);
  gtk_window_present (GTK_WINDOW (f->window));
  f->release = make_release ();
  pr_article_view_set_release (f->view, f->release);
  f->buffer = gtk_text_view_get_buffer (pr_article_view_get_text_view (f->view));
  test_ui_wait (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->release);
  test_ui_wait (20);
}

static char *
buffer_text (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  return gtk_text_buffer_get_text (f->buffer, &start, &end, FALSE);
}

/* The character offset of @needle in the buffer, -1 when absent. */
static int
offset_of (Fixture    *f,
           const char *needle)
{
  GtkTextIter start, ms, me;

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  if (!gtk_text_iter_forward_search (&start, needle, 0, &ms, &me, NULL))
    return -1;
  return gtk_text_iter_get_offset (&ms);
}

static gboolean
has_tag (Fixture    *f,
         const char *needle,
         const char *tag_name)
{
  GtkTextIter iter;
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), tag_name);
  int offset = offset_of (f, needle);

  g_assert_nonnull (tag);
  g_assert_cmpint (offset, >=, 0);
  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = buffer_text (f);

  g_assert_true (g_str_has_prefix (text, TITLE "\n"));
  g_assert_true (has_tag (f, "Nordlicht</i>", "headline"));
  g_assert_true (has_tag (f, "A subtitle", "subtitle"));
  g_assert_true (has_tag (f, "HAMBURG", "dateline"));
  g_assert_true (has_tag (f, "Visit", "paragraph"));
  g_assert_true (has_tag (f, "Key features", "heading"));
  g_assert_true (has_tag (f, "Camera and lidar", "list-item"));
  g_assert_nonnull (strstr (text, "•\tCamera and lidar navigation\n"));
  g_assert_true (has_tag (f, "Site     Output", "table"));
  g_assert_true (has_tag (f, "Hamburg    42", "table"));
  g_assert_true (has_tag (f, "About Nordlicht", "section-heading"));
  g_assert_true (has_tag (f, "Nordlicht builds", "section"));
  /* The release's own contact heading, without its colon. */
  g_assert_true (has_tag (f, "Media contact", "section-heading"));
  g_assert_null (strstr (text, "Media contact:"));
  g_assert_true (has_tag (f, "Jonas Weber", "section"));
  g_assert_true (has_tag (f, "SOURCE Nordlicht", "trailer"));
  g_assert_false (g_str_has_suffix (text, "\n"));
}

static void
test_markup_literal (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = buffer_text (f);

  /* Markup in a release is text. */
  g_assert_nonnull (strstr (text, "<b>Bold</b> & <i>Nordlicht</i>"));
  g_assert_nonnull (strstr (text, "<span>tags</span>"));
  g_assert_nonnull (strstr (text, "<script>x</script>"));
}

static char *activated_uri;

static gboolean
on_activate_link (PrArticleView *view,
                  const char    *uri,
                  gpointer       data)
{
  g_free (activated_uri);
  activated_uri = g_strdup (uri);
  return TRUE;   /* handled: nothing is launched in tests */
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  int https = offset_of (f, "https://nordlicht.example/polarfuchs");
  int email = offset_of (f, "info@nordlicht.example");
  int mailto = offset_of (f, "mailto:press@");
  const char *unsafe[] = { "javascript:alert", "file:///etc", "data:text/html", "alert(1)", "etc/passwd" };

  g_assert_cmpstr (pr_article_view_get_link_at_offset (f->view, https + 3), ==,
                   "https://nordlicht.example/polarfuchs");
  /* The comma after the link is the sentence's. */
  g_assert_null (pr_article_view_get_link_at_offset (f->view, https + strlen ("https://nordlicht.example/polarfuchs")));
  g_assert_cmpstr (pr_article_view_get_link_at_offset (f->view, email + 1), ==,
                   "mailto:info@nordlicht.example");
  g_assert_cmpstr (pr_article_view_get_link_at_offset (f->view, mailto + 2), ==,
                   "mailto:press@nordlicht.example");
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      int offset = offset_of (f, unsafe[i]);
      g_assert_cmpint (offset, >=, 0);
      g_assert_null (pr_article_view_get_link_at_offset (f->view, offset));
      g_assert_null (pr_article_view_get_link_at_offset (f->view, offset + 4));
      g_assert_false (pr_article_view_activate_link_at_offset (f->view, offset + 4));
    }

  g_assert_true (pr_ui_uri_is_launchable ("https://example.org"));
  g_assert_true (pr_ui_uri_is_launchable ("http://example.org"));
  g_assert_true (pr_ui_uri_is_launchable ("mailto:a@example.org"));
  g_assert_false (pr_ui_uri_is_launchable ("javascript:alert(1)"));
  g_assert_false (pr_ui_uri_is_launchable ("file:///etc/passwd"));
  g_assert_false (pr_ui_uri_is_launchable ("data:text/html,x"));
  g_assert_false (pr_ui_uri_is_launchable ("JAVASCRIPT:alert(1)"));
  g_assert_false (pr_ui_uri_is_launchable ("no scheme"));
  g_assert_false (pr_ui_uri_is_launchable (NULL));

  g_signal_connect (f->view, "activate-link", G_CALLBACK (on_activate_link), NULL);
  g_assert_true (pr_article_view_activate_link_at_offset (f->view, https + 1));
  g_assert_cmpstr (activated_uri, ==, "https://nordlicht.example/polarfuchs");
  g_clear_pointer (&activated_uri, g_free);
  g_assert_false (pr_article_view_activate_link_at_offset (f->view, offset_of (f, "javascript:") + 2));
  g_assert_null (activated_uri);
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  guint current = 0;

  pr_article_view_start_find (f->view);
  pr_article_view_set_find_text (f->view, "robot");
  /* Case-insensitive: "Robotik" (title, about, trailer), "robots", "robot", "ROBOT". */
  g_assert_cmpuint (pr_article_view_get_find_matches (f->view, &current), ==, 6);
  g_assert_cmpuint (current, ==, 1);
  g_assert_true (pr_article_view_find_next (f->view));
  pr_article_view_get_find_matches (f->view, &current);
  g_assert_cmpuint (current, ==, 2);
  g_assert_true (pr_article_view_find_previous (f->view));
  pr_article_view_get_find_matches (f->view, &current);
  g_assert_cmpuint (current, ==, 1);
  /* Wraps around backwards to the last. */
  g_assert_true (pr_article_view_find_previous (f->view));
  pr_article_view_get_find_matches (f->view, &current);
  g_assert_cmpuint (current, ==, 6);
  g_assert_true (pr_article_view_find_next (f->view));
  pr_article_view_get_find_matches (f->view, &current);
  g_assert_cmpuint (current, ==, 1);

  pr_article_view_set_find_text (f->view, "no such words");
  g_assert_cmpuint (pr_article_view_get_find_matches (f->view, &current), ==, 0);
  g_assert_false (pr_article_view_find_next (f->view));

  /* Through the actions, as the buttons and Ctrl+G do. */
  pr_article_view_set_find_text (f->view, "parcels");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "article.find-next", NULL));
  pr_article_view_get_find_matches (f->view, &current);
  g_assert_cmpuint (current, ==, 1);
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (f->view), 1.0, 0.001);
  pr_article_view_set_text_scale (f->view, 1.5);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (f->view), 1.5, 0.001);
  pr_article_view_set_text_scale (f->view, 9.0);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (f->view), 3.0, 0.001);
  pr_article_view_set_text_scale (f->view, 0.1);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (f->view), 0.5, 0.001);
  g_object_set (f->view, "text-scale", 1.2, NULL);
  g_assert_cmpfloat_with_epsilon (pr_article_view_get_text_scale (f->view), 1.2, 0.001);
}

static void
test_highlight (Fixture       *f,
                gconstpointer  data)
{
  const char *terms[] = { "parcels", "lidar navigation", NULL };

  pr_article_view_set_highlight_terms (f->view, terms);
  g_assert_true (has_tag (f, "parcels", "highlight"));
  g_assert_true (has_tag (f, "lidar navigation", "highlight"));
  g_assert_false (has_tag (f, "Camera", "highlight"));
  pr_article_view_set_highlight_terms (f->view, NULL);
  g_assert_false (has_tag (f, "parcels", "highlight"));
}

static void
test_citation (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *citation = pr_article_view_dup_citation (f->view);

  g_assert_true (g_str_has_prefix (citation, TITLE "\nPR Newswire, "));
  g_assert_nonnull (strstr (citation, "2024"));
  g_assert_true (g_str_has_suffix (citation, "\nhttps://nordlicht.example/polarfuchs"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "article.copy-citation", NULL));
}

static void
test_empty (void)
{
  GtkWidget *view = pr_article_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (pr_article_view_get_text_view (PR_ARTICLE_VIEW (view)));
  g_autoptr(PrRelease) r = pr_release_new ();

  g_object_ref_sink (view);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  pr_article_view_set_release (PR_ARTICLE_VIEW (view), r);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 0);
  g_assert_null (pr_article_view_get_link_at_offset (PR_ARTICLE_VIEW (view), 0));
  pr_article_view_set_release (PR_ARTICLE_VIEW (view), NULL);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_object_unref (view);
}

/* A contact block whose first line is its heading without a colon
 * ("Contacts"), and one whose first line is a name: only the first is a
 * heading. */
static void
test_contact_heading (Fixture       *f,
                      gconstpointer  data)
{
  const char *labelled[] = { "Contacts\nMedia: Priya Raman, +1 206 555 0147", "Investors: Tom Lindqvist", NULL };
  const char *named[] = { "Jonas Weber\npresse@nordlicht.example", NULL };
  g_autofree char *text = NULL;

  pr_release_set_list (f->release, PR_LIST_CONTACTS, labelled);
  pr_article_view_set_release (f->view, NULL);
  pr_article_view_set_release (f->view, f->release);
  text = buffer_text (f);
  g_assert_true (has_tag (f, "Contacts", "section-heading"));
  g_assert_null (strstr (text, "Contact\n"));
  g_assert_true (has_tag (f, "Media: Priya", "section"));

  pr_release_set_list (f->release, PR_LIST_CONTACTS, named);
  pr_article_view_set_release (f->view, NULL);
  pr_article_view_set_release (f->view, f->release);
  g_assert_true (has_tag (f, "Jonas Weber", "section"));
  g_assert_false (has_tag (f, "Jonas Weber", "section-heading"));
}

/* A table read from a web page separates its cells with tabs: shown with
 * its columns padded to one width, in the table's style. */
static void
test_tab_table (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *text = NULL;

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "Route\tVessels\tCrossings a day\n"
                                                         "Peaks Island\t2\t28\nCliff\t1\t9"));
  pr_release_set_blocks (f->release, blocks);
  pr_article_view_set_release (f->view, NULL);
  pr_article_view_set_release (f->view, f->release);
  text = buffer_text (f);
  g_assert_nonnull (strstr (text, "Route         Vessels  Crossings a day\n"
                                  "Peaks Island  2        28\n"
                                  "Cliff         1        9"));
  g_assert_null (strstr (text, "Route\t"));
  g_assert_true (has_tag (f, "Peaks Island  2", "table"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  test_ui_init_i18n ();
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/article-view/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("blocks", test_blocks);
  ADD ("markup-literal", test_markup_literal);
  ADD ("links", test_links);
  ADD ("find", test_find);
  ADD ("zoom", test_zoom);
  ADD ("highlight", test_highlight);
  ADD ("citation", test_citation);
  ADD ("contact-heading", test_contact_heading);
  ADD ("tab-table", test_tab_table);
#undef ADD
  g_test_add_func ("/article-view/empty", test_empty);
  return g_test_run ();
}
