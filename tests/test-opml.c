/* test-opml.c: subscription lists as OPML (pr-opml.c) */
#include <glib/gstdio.h>
#include <string.h>

#include "pr-feed.h"
#include "pr-opml.h"

static PrOpmlOutline *
outline_at (GPtrArray *outlines,
            guint      i)
{
  g_assert_cmpuint (i, <, outlines->len);
  return g_ptr_array_index (outlines, i);
}

static void
test_opml_roundtrip (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_opml_outline_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  gsize length = 0;

  g_ptr_array_add (outlines, pr_opml_outline_new ("Wire <All> & \"News\"", "https://wire.example/all.rss",
                                                  "https://wire.example/", NULL));
  g_ptr_array_add (outlines, pr_opml_outline_new ("Tech", "https://wire.example/tech.rss", NULL, "Wires"));
  g_ptr_array_add (outlines, pr_opml_outline_new ("Energy", "https://wire.example/energy.rss", NULL, "Wires"));
  opml = pr_opml_write (outlines, "Mine", &length);
  g_assert_cmpuint (length, ==, strlen (opml));
  g_assert_nonnull (strstr (opml, "<opml version=\"2.0\">"));
  back = pr_opml_read (opml, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PrOpmlOutline *a = g_ptr_array_index (outlines, i);
      PrOpmlOutline *b = g_ptr_array_index (back, i);

      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->xml_url, ==, b->xml_url);
      g_assert_cmpstr (a->html_url, ==, b->html_url);
      g_assert_cmpstr (a->category, ==, b->category);
    }
}

static void
test_opml_nested (void)
{
  static const char opml[] =
    "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Feeds</title></head><body>"
    "<outline text=\"Wires\"><outline text=\"Europe\">"
    "<outline text=\"EU wire\" type=\"rss\" xmlUrl=\"https://eu.example/rss\" htmlUrl=\"https://eu.example/\"/>"
    "</outline><outline title=\"Global\" xmlUrl=\"https://global.example/rss\"/></outline>"
    "<outline text=\"Loose\" xmlUrl=\"https://loose.example/rss\"/>"
    "<outline text=\"Empty folder\"/></body></opml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = pr_opml_read (opml, strlen (opml), &error);
  PrOpmlOutline *eu, *global, *loose;

  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 3);
  eu = g_ptr_array_index (outlines, 0);
  global = g_ptr_array_index (outlines, 1);
  loose = g_ptr_array_index (outlines, 2);
  g_assert_cmpstr (eu->category, ==, "Wires/Europe");
  g_assert_cmpstr (eu->html_url, ==, "https://eu.example/");
  g_assert_cmpstr (global->title, ==, "Global");
  g_assert_cmpstr (global->category, ==, "Wires");
  g_assert_null (loose->category);
}

static void
test_opml_hostile (void)
{
  static const char *const bad[] = {
    "",
    "<opml><body><outline",
    "<?xml version=\"1.0\"?><rss/>",
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
    "<opml><body><outline text=\"&h;\" xmlUrl=\"&h;\"/></body></opml>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outlines = pr_opml_read (bad[i], strlen (bad[i]), &error);

      if (outlines != NULL)
        {
          /* Entities are never expanded into what is read. */
          for (guint j = 0; j < outlines->len; j++)
            g_assert_cmpuint (strlen (((PrOpmlOutline *) g_ptr_array_index (outlines, j))->xml_url), <, 100);
          continue;
        }
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
    }
}

/* Addresses as written (trimmed), for the caller to judge: the CLI
 * refuses a javascript: or file: one in words; feed:// is http. */
static void
test_opml_addresses (void)
{
  static const char opml[] =
    "<opml version=\"2.0\"><body>"
    "<outline text=\"js\" xmlUrl=\"javascript:alert(1)\"/>"
    "<outline text=\"blank\" xmlUrl=\"  \"/>"
    "<outline text=\"old\" xmlUrl=\"feed://old.example/rss\" htmlUrl=\"https://old.example/\"/>"
    "<outline text=\"old https\" xmlUrl=\"feed:https://old.example/atom\"/>"
    "<outline text=\"spaced\" xmlUrl=\"  https://s.example/rss \"/>"
    "</body></opml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = pr_opml_read (opml, strlen (opml), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 4);
  g_assert_cmpstr (outline_at (outlines, 0)->xml_url, ==, "javascript:alert(1)");
  g_assert_cmpstr (outline_at (outlines, 1)->xml_url, ==, "http://old.example/rss");
  g_assert_cmpstr (outline_at (outlines, 1)->html_url, ==, "https://old.example/");
  g_assert_cmpstr (outline_at (outlines, 2)->xml_url, ==, "https://old.example/atom");
  g_assert_cmpstr (outline_at (outlines, 3)->xml_url, ==, "https://s.example/rss");
}

/* What is written reads back, whatever the titles hold: markup, quotes,
 * control characters (a JSON Feed's title may have them), CJK. */
static void
test_opml_write_text (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_opml_outline_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  gsize length = 0;

  g_ptr_array_add (outlines, pr_opml_outline_new ("Bell\x07 and\x01 tab\tend", "https://c.example/rss", NULL,
                                                  "A & B/<C>"));
  g_ptr_array_add (outlines, pr_opml_outline_new ("\xe6\x96\xb0\xe9\x97\xbb ]]> &amp;", "https://z.example/rss",
                                                  "https://z.example/", NULL));
  opml = pr_opml_write (outlines, "Title \x02<mine>", &length);
  g_assert_true (g_utf8_validate (opml, length, NULL));
  g_assert_nonnull (strstr (opml, "encoding=\"UTF-8\""));
  g_assert_nonnull (strstr (opml, "<title>Title &lt;mine&gt;</title>"));
  g_assert_nonnull (strstr (opml, "<dateCreated>"));
  back = pr_opml_read (opml, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (outline_at (back, 0)->title, ==, "Bell and tab\tend");
  g_assert_cmpstr (outline_at (back, 0)->category, ==, "A & B/<C>");
  g_assert_cmpstr (outline_at (back, 1)->title, ==, "\xe6\x96\xb0\xe9\x97\xbb ]]> &amp;");
}

/* Each a clear error, nothing read that should not be. */
static void
test_opml_hostile_files (void)
{
  static const char secret[] = "PR-OPML-SECRET-51d3";
  g_autofree char *dir = g_dir_make_tmp ("pr-opml-XXXXXX", NULL);
  g_autofree char *secret_path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *xxe = NULL;
  g_autoptr(GString) deep = g_string_new ("<opml version=\"2.0\"><body>");
  g_autoptr(GString) many = g_string_new ("<opml version=\"2.0\"><body>");
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  static const char truncated[] = "<opml version=\"2.0\"><body><outline text=\"a\" xmlUrl=\"https://a.example/\"/>";
  static const char bad_utf8[] = "<opml version=\"2.0\"><body><outline text=\"\xff\xfe\" xmlUrl=\"https://a.example/\"/>"
                                 "</body></opml>";

  /* An external entity naming a real file: never read. */
  g_assert_true (g_file_set_contents (secret_path, secret, -1, NULL));
  xxe = g_strdup_printf ("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file://%s\">]>"
                         "<opml version=\"2.0\"><head><title>&x;</title></head><body>"
                         "<outline text=\"T &x;\" xmlUrl=\"https://x.example/&x;\"/></body></opml>", secret_path);
  outlines = pr_opml_read (xxe, strlen (xxe), &error);
  if (outlines != NULL)
    for (guint i = 0; i < outlines->len; i++)
      {
        g_assert_true (outline_at (outlines, i)->title == NULL ||
                       strstr (outline_at (outlines, i)->title, secret) == NULL);
        g_assert_null (strstr (outline_at (outlines, i)->xml_url, secret));
      }
  else
    g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID);
  g_clear_pointer (&outlines, g_ptr_array_unref);
  g_clear_error (&error);
  g_unlink (secret_path);
  g_rmdir (dir);

  /* Nesting 100,000 deep: libxml2's limit, in words. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<outline text=\"f\">");
  g_assert_null (pr_opml_read (deep->str, deep->len, &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID);
  g_clear_error (&error);

  /* Folders nested within libxml2's limit but past the reader's: read
   * to its depth, never recursing without end. */
  g_string_assign (deep, "<opml version=\"2.0\"><body>");
  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "<outline text=\"f\">");
  g_string_append (deep, "<outline text=\"deep\" xmlUrl=\"https://deep.example/\"/>");
  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "</outline>");
  g_string_append (deep, "<outline text=\"top\" xmlUrl=\"https://top.example/\"/></body></opml>");
  outlines = pr_opml_read (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 1);
  g_assert_cmpstr (outline_at (outlines, 0)->xml_url, ==, "https://top.example/");
  g_clear_pointer (&outlines, g_ptr_array_unref);

  /* 20,000 subscriptions: the first 10,000 read. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (many, "<outline text=\"%u\" xmlUrl=\"https://m.example/%u\"/>", i, i);
  g_string_append (many, "</body></opml>");
  outlines = pr_opml_read (many->str, many->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 10000);
  g_clear_pointer (&outlines, g_ptr_array_unref);

  g_assert_null (pr_opml_read (truncated, strlen (truncated), &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Not well-formed"));
  g_clear_error (&error);
  g_assert_null (pr_opml_read (bad_utf8, strlen (bad_utf8), &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pr_opml_read ("<html><body>x</body></html>", 27, &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED);
  g_clear_error (&error);
  g_assert_null (pr_opml_read ("<opml", PR_FEED_MAX_SIZE + 1, &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/opml/roundtrip", test_opml_roundtrip);
  g_test_add_func ("/core/opml/nested", test_opml_nested);
  g_test_add_func ("/core/opml/hostile", test_opml_hostile);
  g_test_add_func ("/core/opml/addresses", test_opml_addresses);
  g_test_add_func ("/core/opml/write-text", test_opml_write_text);
  g_test_add_func ("/core/opml/hostile-files", test_opml_hostile_files);
  return g_test_run ();
}
