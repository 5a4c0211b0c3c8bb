/* test-newsml.c: the NewsML-G2 reader (src/core/pr-newsml.c) and the
 * XHTML rendition it reads bodies with (src/core/pr-xhtml-text.c) */
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "news-fixtures.h"
#include "pr-core.h"
#include "pr-newsml.h"
#include "pr-xhtml-text.h"

#define PASS_MARK 98.0

/* A made-up release as an agency's news item: every element the reader
 * knows, and the XHTML a body uses. */
static const char item_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:newsml:example.com:20240305:acme-1\"\n"
  "    version=\"1\" standard=\"NewsML-G2\" standardversion=\"2.29\" conformance=\"power\" xml:lang=\"en-US\">\n"
  "  <catalogRef href=\"http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_37.xml\"/>\n"
  "  <itemMeta>\n"
  "    <itemClass qcode=\"ninat:text\"/>\n"
  "    <provider qcode=\"nprov:BusinessWire\" literal=\"Business Wire\"/>\n"
  "    <versionCreated>2024-03-06T09:30:00-05:00</versionCreated>\n"
  "    <firstCreated>2024-03-05T14:00:00-05:00</firstCreated>\n"
  "    <pubStatus qcode=\"stat:usable\"/>\n"
  "    <link rel=\"irel:seeAlso\" href=\"https://www.acme.example/news/cleveland\"/>\n"
  "  </itemMeta>\n"
  "  <contentMeta>\n"
  "    <located qcode=\"geo:cleveland\"><name>Cleveland</name></located>\n"
  "    <subject type=\"cpnat:organisation\" qcode=\"org:acme\"><name>Acme Robotics Inc.</name></subject>\n"
  "    <subject type=\"cpnat:organisation\" literal=\"Lakeside Freight Partners\"/>\n"
  "    <subject type=\"cpnat:person\"><name>Dana Whitfield</name></subject>\n"
  "    <subject type=\"cpnat:geoArea\"><name>Ohio</name></subject>\n"
  "    <subject type=\"cpnat:abstract\" qcode=\"medtop:20000349\"><name>robotics</name></subject>\n"
  "    <genre qcode=\"genre:PressRelease\"><name>Press release</name></genre>\n"
  "    <headline>Acme Robotics Opens a Warehouse Automation Center in Cleveland</headline>\n"
  "    <headline role=\"hdlrole:sub\">Forty new jobs and a training program with a freight partner</headline>\n"
  "    <creditline>Business Wire</creditline>\n"
  "    <altId type=\"idtype:url\">https://www.businesswire.com/news/home/20240305000001/en/</altId>\n"
  "  </contentMeta>\n"
  "  <contentSet>\n"
  "    <inlineXML contenttype=\"application/xhtml+xml\">\n"
  "      <html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Acme</title></head><body>\n"
  "        <p>CLEVELAND--(BUSINESS WIRE)--Acme Robotics Inc. today opened a warehouse automation\n"
  "        center in Cleveland, where customers can try robot picking cells before they buy them.</p>\n"
  "        <p>\"We built the center for the warehouses of the Great Lakes,\" said Dana Whitfield,\n"
  "        chief executive officer of Acme Robotics.</p>\n"
  "        <h2>What the center offers</h2>\n"
  "        <ul><li>Robot picking cells<ul><li>for small parts</li></ul></li>\n"
  "        <li>Courses for <a href=\"https://track.example.net/click?url=https%3A%2F%2Fwww.acme.example%2Ftraining\">technicians</a></li></ul>\n"
  "        <table><tr><th>Site</th><th>Jobs</th></tr><tr><td>Cleveland</td><td>40</td></tr>\n"
  "        <tr><td>Akron</td><td>12</td></tr></table>\n"
  "        <p>Learn more at <a href=\"https://www.acme.example/\">www.acme.example</a>.\n"
  "        <a href=\"javascript:alert(1)\">Click here</a>\n"
  "        <img src=\"https://px.example.net/p.gif\" width=\"1\" height=\"1\" alt=\"\"/></p>\n"
  "        <p><img src=\"https://www.acme.example/center.jpg\" alt=\"The new center\"/></p>\n"
  "        <p>Media contact<br/>Jo Park<br/>press@acme.example<br/>+1 216 555 0100</p>\n"
  "      </body></html>\n"
  "    </inlineXML>\n"
  "  </contentSet>\n"
  "</newsItem>\n";

static gboolean
has_block (PrRelease   *r,
           PrBlockKind  kind,
           const char  *text)
{
  GPtrArray *blocks = pr_release_get_blocks (r);

  for (guint i = 0; i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == kind && g_strcmp0 (block->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Everything a release holds, as one string (the catalog's JSON). */
static char *
release_dump (GPtrArray *releases)
{
  return pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, NULL);
}

/* ---- The rendition ------------------------------------------------------ */

static char *
render (const char *xhtml)
{
  g_autofree char *doc = g_strconcat ("<div xmlns=\"http://www.w3.org/1999/xhtml\">", xhtml, "</div>", NULL);
  xmlDocPtr tree = xmlReadMemory (doc, strlen (doc), NULL, "UTF-8", XML_PARSE_NONET);
  char *text;

  g_assert_nonnull (tree);
  text = pr_xhtml_text_render ((xmlNode *) tree);
  xmlFreeDoc (tree);
  return text;
}

static void
check_render (const char *xhtml,
              const char *want)
{
  g_autofree char *got = render (xhtml);

  g_assert_cmpstr (got, ==, want);
}

static void
test_xhtml_blocks (void)
{
  check_render ("<h1>Title</h1><p>One  two\n three.</p><p></p><p>Four.</p>",
                "Title\n\nOne two three.\n\nFour.");
  check_render ("<p>Contact<br/>Jo Park<br/> jo@example.org</p>", "Contact\nJo Park\njo@example.org");
  check_render ("<div>Line one</div><div>Line two</div>", "Line one\nLine two");
  check_render ("<blockquote><p>Quoted.</p></blockquote><pre>  a  b\n  c</pre><p>After</p>",
                "Quoted.\n\n  a  b\n  c\n\nAfter");
  check_render ("<p>Before</p><hr/><p>After <em>this</em> <strong>one</strong></p>",
                "Before\n\nAfter this one");
}

static void
test_xhtml_lists (void)
{
  check_render ("<p>Lead:</p><ul><li>One</li><li>Two<ul><li>Two a</li><li><p>Two b</p></li></ul></li>"
                "<li></li><li>Three</li></ul><p>After</p>",
                "Lead:\n\n• One\n• Two\n  • Two a\n  • Two b\n• Three\n\nAfter");
  check_render ("<ol><li>First <br/>line</li></ol>", "• First line");
}

static void
test_xhtml_tables (void)
{
  check_render ("<table><caption>Sites</caption><tr><th>Site</th><th>Jobs</th></tr>"
                "<tr><td><p>Cleveland</p></td><td>40</td></tr></table><p>After</p>",
                "Sites\nSite\tJobs\nCleveland\t40\n\nAfter");
}

static void
test_xhtml_links (void)
{
  check_render ("<p><a href=\"https://example.org/a\">Read</a> it.</p>", "Read (https://example.org/a) it.");
  /* The text says the target already. */
  check_render ("<p><a href=\"https://www.example.org/\">www.example.org</a></p>", "www.example.org");
  check_render ("<p><a href=\"mailto:jo@example.org\">jo@example.org</a></p>", "jo@example.org");
  check_render ("<p><a href=\"mailto:jo@example.org\">Write</a></p>", "Write (mailto:jo@example.org)");
  /* Only http, https and mailto: the text stays. */
  check_render ("<p><a href=\"javascript:alert(1)\">Click</a> <a href=\"data:text/html,x\">Data</a>"
                " <a href=\"/relative\">Rel</a> <a href=\"ftp://example.org/f\">FTP</a></p>",
                "Click Data Rel FTP");
  /* Tracking wrappers unwrapped. */
  check_render ("<p><a href=\"https://t.example.net/r?u=https%3A%2F%2Fexample.org%2Fx&amp;id=3\">X</a></p>",
                "X (https://example.org/x)");
  check_render ("<p><a href=\"https://www.google.com/url?q=https://example.org/y&amp;sa=D\">Y</a></p>",
                "Y (https://example.org/y)");
  check_render ("<p><a href=\"https://t.example.net/r?target=https%3A%2F%2Fexample.org%2Fz\">Z</a></p>",
                "Z (https://example.org/z)");
  g_assert_null (pr_xhtml_text_link ("JavaScript:void(0)"));
  g_assert_null (pr_xhtml_text_link ("https://exa mple.org/"));
  g_assert_null (pr_xhtml_text_link (NULL));
}

static void
test_xhtml_images (void)
{
  check_render ("<p>Text <img src=\"https://px.example.net/p.gif\" width=\"1\" height=\"1\"/>"
                "<img src=\"https://px.example.net/q.gif\" width=\"0\" height=\"0\" alt=\"x\"/></p>",
                "Text");
  check_render ("<p><img src=\"https://example.org/c.jpg\" alt=\"The center\"/></p><p>Text</p>",
                "[Image: The center] (https://example.org/c.jpg)\n\nText");
  check_render ("<p><img src=\"data:image/png;base64,AAAA\" alt=\"Logo\"/><img src=\"data:x\"/></p>",
                "[Image: Logo]");
}

static void
test_xhtml_skipped (void)
{
  check_render ("<p>Kept</p><script>var x = 1;</script><style>p {}</style><form><input/>Send</form>"
                "<!-- comment --><p>Also kept</p>",
                "Kept\n\nAlso kept");
}

/* ---- Items -------------------------------------------------------------- */

static void
test_item (void)
{
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, item_xml);
  PrRelease *r;
  const char * const *links;

  g_assert_cmpuint (releases->len, ==, 1);
  r = g_ptr_array_index (releases, 0);
  g_assert_cmpstr (pr_release_get_title (r), ==,
                   "Acme Robotics Opens a Warehouse Automation Center in Cleveland");
  g_assert_false (pr_release_get_title_derived (r));
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUBTITLE), ==,
                   "Forty new jobs and a training program with a freight partner");
  /* No date in the text: the first of contentCreated, firstCreated and
   * versionCreated, as the producer dated it. */
  g_assert_cmpstr (pr_release_get_date (r), ==, "2024-03-05");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Cleveland");
  g_assert_cmpstr (pr_release_get_source (r), ==, "Business Wire");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_LANGUAGE), ==, "en");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_ORIGIN), ==, "test");

  g_assert_true (news_has_entity (pr_release_get_organizations (r), "Acme Robotics Inc."));
  g_assert_true (news_has_entity (pr_release_get_organizations (r), "Lakeside Freight Partners"));
  g_assert_false (news_has_entity (pr_release_get_organizations (r), "Ohio"));
  g_assert_true (news_has_entity (pr_release_get_people (r), "Dana Whitfield"));
  {
    GPtrArray *orgs = pr_release_get_organizations (r);
    guint acme = 0;

    for (guint i = 0; i < orgs->len; i++)
      if (g_str_has_prefix (pr_entity_get_name (g_ptr_array_index (orgs, i)), "Acme Robotics"))
        acme++;
    g_assert_cmpuint (acme, ==, 1);
  }

  links = pr_release_get_list (r, PR_LIST_LINKS);
  g_assert_true (g_strv_contains (links, "https://www.businesswire.com/news/home/20240305000001/en/"));
  g_assert_true (g_strv_contains (links, "https://www.acme.example/news/cleveland"));
  g_assert_true (g_strv_contains (links, "https://www.acme.example/training"));
  for (guint i = 0; links[i] != NULL; i++)
    g_assert_null (strstr (links[i], "px.example.net"));

  g_assert_true (has_block (r, PR_BLOCK_LIST_ITEM, "Robot picking cells"));
  g_assert_true (has_block (r, PR_BLOCK_LIST_ITEM, "for small parts"));
  g_assert_true (has_block (r, PR_BLOCK_LIST_ITEM,
                            "Courses for technicians (https://www.acme.example/training)"));
  g_assert_true (has_block (r, PR_BLOCK_TABLE, "Site\tJobs\nCleveland\t40\nAkron\t12"));
  g_assert_true (has_block (r, PR_BLOCK_PARAGRAPH, "Learn more at www.acme.example. Click here"));
  g_assert_true (has_block (r, PR_BLOCK_PARAGRAPH,
                            "[Image: The new center] (https://www.acme.example/center.jpg)"));
  g_assert_cmpuint (g_strv_length ((char **) pr_release_get_list (r, PR_LIST_CONTACTS)), ==, 1);
}

static void
test_message (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n"
    "  <header><sent>2024-05-02T10:00:00Z</sent></header>\n"
    "  <itemSet>\n"
    "    <newsItem guid=\"urn:a\"><contentMeta><headline>First Release Headline Here</headline></contentMeta>\n"
    "      <contentSet><inlineData contenttype=\"text/plain\">BERLIN, May 2, 2024 -- The first body.</inlineData></contentSet></newsItem>\n"
    "    <newsItem guid=\"urn:b\"><itemMeta><itemClass qcode=\"ninat:picture\"/></itemMeta>\n"
    "      <contentMeta><headline>A photo caption</headline></contentMeta></newsItem>\n"
    "    <newsItem guid=\"urn:c\"><contentMeta><headline>Empty Item Without Any Text</headline></contentMeta></newsItem>\n"
    "    <packageItem guid=\"urn:d\"/>\n"
    "    <newsItem guid=\"https://example.org/news/second\" xml:lang=\"de\">\n"
    "      <contentMeta><headline>Zweite Meldung mit Überschrift</headline></contentMeta>\n"
    "      <contentSet><inlineXML><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n"
    "        <p>MÜNCHEN, 3. Mai 2024 – Der zweite Text.</p></body></html></inlineXML></contentSet></newsItem>\n"
    "  </itemSet>\n"
    "</newsMessage>\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, xml);
  PrRelease *a, *c, *b;

  /* The picture item is left out; a headline alone is a release. */
  g_assert_cmpuint (releases->len, ==, 3);
  a = g_ptr_array_index (releases, 0);
  b = g_ptr_array_index (releases, 1);
  c = g_ptr_array_index (releases, 2);
  g_assert_cmpstr (pr_release_get_title (a), ==, "First Release Headline Here");
  g_assert_cmpstr (pr_release_get_date (a), ==, "2024-05-02");
  g_assert_cmpstr (pr_release_get_field (a, PR_FIELD_CITY), ==, "Berlin");
  g_assert_cmpstr (pr_release_get_title (b), ==, "Empty Item Without Any Text");
  g_assert_cmpstr (pr_release_get_title (c), ==, "Zweite Meldung mit Überschrift");
  g_assert_cmpstr (pr_release_get_date (c), ==, "2024-05-03");
  g_assert_cmpstr (pr_release_get_field (c, PR_FIELD_LANGUAGE), ==, "de");
  /* An http(s) guid is the item's address. */
  g_assert_cmpstr (pr_release_get_field (c, PR_FIELD_ORIGIN), ==, "https://example.org/news/second");
}

static void
test_overlay (void)
{
  /* The text's own facts stand; the item's fill the gaps. */
  static const char xml[] =
    "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n"
    "  <itemMeta><title>Short name</title><firstCreated>2023-11-20T08:00:00Z</firstCreated>\n"
    "    <provider literal=\"Some Agency\"/></itemMeta>\n"
    "  <contentMeta><infoSource literal=\"PR Newswire\"/><language tag=\"fr-CA\"/>\n"
    "    <dateline>TORONTO, Nov. 20, 2023 /CNW/</dateline>\n"
    "    <description role=\"drol:summary\">The summary of it.</description></contentMeta>\n"
    "  <contentSet><inlineData>Northwind Ltd. said today that its third quarter went well. "
    "Sales rose by a tenth and the company hired staff.\n\nMore text follows here.</inlineData></contentSet>\n"
    "</newsItem>\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, xml);
  PrRelease *r = g_ptr_array_index (releases, 0);

  /* The dateline from contentMeta fronts the body: the text has its date,
   * city and wire. */
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Toronto");
  g_assert_cmpstr (pr_release_get_date (r), ==, "2023-11-20");
  g_assert_cmpstr (pr_release_get_source (r), ==, "CNW");
  /* No headline: the item's title beats the body's first sentence. */
  g_assert_cmpstr (pr_release_get_title (r), ==, "Short name");
  g_assert_false (pr_release_get_title_derived (r));
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUMMARY), ==, "The summary of it.");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_LANGUAGE), ==, "fr");
}

static void
test_overlay_wire (void)
{
  static const char xml[] =
    "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n"
    "  <itemMeta><provider literal=\"Some Agency\"/><versionCreated>2022-02-02T23:30:00+09:00</versionCreated></itemMeta>\n"
    "  <contentMeta><headline>Northwind Opens a Plant</headline><creditline>GlobeNewswire</creditline></contentMeta>\n"
    "  <contentSet><inlineXML><p xmlns=\"http://www.w3.org/1999/xhtml\">Northwind Ltd. opened a plant.</p></inlineXML></contentSet>\n"
    "</newsItem>\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, xml);
  PrRelease *r = g_ptr_array_index (releases, 0);

  g_assert_cmpstr (pr_release_get_source (r), ==, "GlobeNewswire");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SOURCE_TAG), ==, "GlobeNewswire");
  /* The producer's own date, not converted to another zone. */
  g_assert_cmpstr (pr_release_get_date (r), ==, "2022-02-02");
  g_assert_cmpstr (pr_release_get_title (r), ==, "Northwind Opens a Plant");
}

static void
test_nitf_and_html_data (void)
{
  static const char nitf[] =
    "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentSet><inlineXML contenttype=\"application/nitf+xml\">\n"
    "<nitf><body><body.head><hedline><hl1>Harbor Light Names a New Director</hl1></hedline></body.head>\n"
    "<body.content><p>PORTLAND, Maine, June 3, 2024 -- Harbor Light named a director.</p>\n"
    "<p>The director starts in July.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>\n";
  static const char html[] =
    "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentSet>\n"
    "<inlineData contenttype=\"text/html\">&lt;h1&gt;Harbor Light Names a New Director&lt;/h1&gt;"
    "&lt;p&gt;PORTLAND, Maine, June 3, 2024 -- Harbor Light named a director.</inlineData>\n"
    "<inlineData contenttype=\"text/plain\">Not this one.</inlineData></contentSet></newsItem>\n";
  const char *docs[] = { nitf, html };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, docs[i]);
      PrRelease *r = g_ptr_array_index (releases, 0);

      g_assert_cmpstr (pr_release_get_title (r), ==, "Harbor Light Names a New Director");
      g_assert_cmpstr (pr_release_get_date (r), ==, "2024-06-03");
      g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Portland");
    }
}

/* ---- Hostile input ------------------------------------------------------ */

/* An external entity (general, parameter, an external DTD, XInclude)
 * naming a real file: the file's content appears nowhere. */
static void
test_external_entity (void)
{
  static const char secret[] = "PR-SECRET-7f3a9c41";
  g_autofree char *dir = g_dir_make_tmp ("pr-newsml-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *dtd_path = g_build_filename (dir, "secret.dtd", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *dtd_uri = NULL;
  g_autofree char *dtd = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, secret, -1, NULL));
  uri = g_filename_to_uri (path, NULL, NULL);
  dtd = g_strdup_printf ("<!ENTITY x SYSTEM \"%s\">\n", uri);
  g_assert_true (g_file_set_contents (dtd_path, dtd, -1, NULL));
  dtd_uri = g_filename_to_uri (dtd_path, NULL, NULL);

  /* A general entity in the headline, the body and an attribute. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<?xml version=\"1.0\"?>\n<!DOCTYPE newsItem [<!ENTITY x SYSTEM \"%s\">]>\n"
    "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x\">\n"
    "<contentMeta><headline>Headline &x; here</headline></contentMeta>\n"
    "<contentSet><inlineXML><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
    "<p>BOSTON, May 1, 2024 -- Body &x; text.</p></body></html></inlineXML></contentSet></newsItem>\n", uri));
  /* The same file by its plain path. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<!DOCTYPE newsItem [<!ENTITY x SYSTEM \"%s\">]>\n"
    "<newsItem><contentMeta><headline>Headline &x;</headline></contentMeta>"
    "<contentSet><inlineData>&x; body</inlineData></contentSet></newsItem>\n", path));
  /* A parameter entity that would declare the general one. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<!DOCTYPE newsItem [<!ENTITY %% p SYSTEM \"%s\"> %%p;]>\n"
    "<newsItem><contentMeta><headline>Headline</headline></contentMeta>"
    "<contentSet><inlineData>Body &x; text</inlineData></contentSet></newsItem>\n", dtd_uri));
  /* An external DTD subset declaring it. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<!DOCTYPE newsItem SYSTEM \"%s\">\n"
    "<newsItem><contentMeta><headline>Headline</headline></contentMeta>"
    "<contentSet><inlineData>Body &x; text</inlineData></contentSet></newsItem>\n", dtd_uri));
  /* XInclude is never processed. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<newsItem xmlns:xi=\"http://www.w3.org/2001/XInclude\"><contentMeta><headline>Headline</headline></contentMeta>"
    "<contentSet><inlineXML><p xmlns=\"http://www.w3.org/1999/xhtml\">Body <xi:include href=\"%s\" parse=\"text\"/>"
    "</p></inlineXML></contentSet></newsItem>\n", uri));
  /* In an attribute value. */
  g_ptr_array_add (docs, g_strdup_printf (
    "<!DOCTYPE newsItem [<!ENTITY x SYSTEM \"%s\">]>\n"
    "<newsItem guid=\"https://example.org/&x;\"><itemMeta><link href=\"https://example.org/&x;\"/></itemMeta>"
    "<contentMeta><headline>Headline</headline></contentMeta>"
    "<contentSet><inlineXML><p xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"https://example.org/&x;\">Body</a>"
    " <img src=\"https://example.org/i.png\" alt=\"&x;\"/></p></inlineXML></contentSet></newsItem>\n", uri));

  for (guint i = 0; i < docs->len; i++)
    {
      const char *doc = g_ptr_array_index (docs, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) releases = pr_newsml_read (doc, strlen (doc), "hostile.xml", &error);

      g_test_message ("document %u: %s", i, error != NULL ? error->message : "read");
      if (releases != NULL)
        {
          g_autofree char *dump = release_dump (releases);

          g_assert_null (strstr (dump, secret));
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_null (strstr (error->message, secret));
        }
    }

  g_remove (path);
  g_remove (dtd_path);
  g_rmdir (dir);
}

/* "Billion laughs": nested entities that would expand to gigabytes are
 * refused with a clear message. */
static void
test_billion_laughs (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE newsItem [\n"
                                         "<!ENTITY lol \"lol\">\n");

  for (guint i = 1; i <= 9; i++)
    {
      g_string_append_printf (xml, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (xml, i == 1 ? "&lol;" : "&lol%u;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<newsItem><contentMeta><headline>&lol9;</headline></contentMeta>"
                        "<contentSet><inlineData>&lol9;</inlineData></contentSet></newsItem>\n");
  news_assert_fails (pr_newsml_read, xml->str, xml->len, PR_PARSER_ERROR_INVALID, "expand");
}

/* One large entity referenced many times: libxml2 lets it be (it is not
 * a loop), and it stays unexpanded: the release is small. */
static void
test_quadratic_blowup (void)
{
  g_autoptr(GString) xml = g_string_new ("<!DOCTYPE newsItem [<!ENTITY a \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (xml, "blow ");
  g_string_append (xml, "\">]>\n<newsItem><contentMeta><headline>Quadratic Blowup Headline</headline></contentMeta>"
                        "<contentSet><inlineData>BERLIN, May 2, 2024 -- Text ");
  for (guint i = 0; i < 20000; i++)
    g_string_append (xml, "&a;");
  g_string_append (xml, " end.</inlineData></contentSet></newsItem>\n");

  releases = pr_newsml_read (xml->str, xml->len, "hostile.xml", &error);
  if (releases == NULL)
    {
      g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID);
      return;
    }
  {
    g_autofree char *dump = release_dump (releases);

    g_assert_cmpuint (strlen (dump), <, 20000);
    g_assert_null (strstr (dump, "blow"));
    g_assert_cmpstr (pr_release_get_title (g_ptr_array_index (releases, 0)), ==, "Quadratic Blowup Headline");
  }
}

/* A small internal entity is left unexpanded too: its text is not there. */
static void
test_internal_entity (void)
{
  static const char xml[] =
    "<!DOCTYPE newsItem [<!ENTITY co \"Northwind Ltd.\">]>\n"
    "<newsItem><contentMeta><headline>Plant Opens in &co; Town</headline></contentMeta>"
    "<contentSet><inlineData>Text about &co; and more.</inlineData></contentSet></newsItem>\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, xml);
  PrRelease *r = g_ptr_array_index (releases, 0);

  g_assert_cmpstr (pr_release_get_title (r), ==, "Plant Opens in Town");
}

/* The declared encoding is the text's; bytes it cannot convert fail with
 * the reason, nothing on stderr. */
static void
test_encodings (void)
{
  static const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                               "<newsItem><contentMeta><headline>Caf\xe9 Opens in Z\xfcrich</headline></contentMeta>"
                               "<contentSet><inlineData>Text.</inlineData></contentSet></newsItem>";
  static const char sjis[] = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
                             "<newsItem><contentMeta><headline>x\x81\x20\xa0\xff</headline></contentMeta></newsItem>";
  static const char utf8[] = "<newsItem><contentMeta><headline>x\xff</headline></contentMeta></newsItem>";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_newsml_read, latin1);

  g_assert_cmpstr (pr_release_get_title (g_ptr_array_index (releases, 0)), ==, "Café Opens in Zürich");
  news_assert_fails (pr_newsml_read, sjis, sizeof sjis - 1, PR_PARSER_ERROR_INVALID, "conversion failed");
  news_assert_fails (pr_newsml_read, utf8, sizeof utf8 - 1, PR_PARSER_ERROR_INVALID, "UTF-8");
}

static void
test_truncated (void)
{
  gsize length = strlen (item_xml);

  /* Cut anywhere, the file is not well-formed: a clear error, no crash. */
  for (guint i = 1; i < 16; i++)
    {
      gsize cut = length * i / 16;

      g_test_message ("cut at %" G_GSIZE_FORMAT, cut);
      news_assert_fails (pr_newsml_read, item_xml, cut, PR_PARSER_ERROR_INVALID, "XML");
    }
}

static void
test_bad_input (void)
{
  static const char other[] = "<?xml version=\"1.0\"?><rss><channel/></rss>";
  static const char no_text[] = "<newsItem><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta></newsItem>";
  static const char pictures[] = "<newsMessage><itemSet><newsItem><itemMeta><itemClass qcode=\"ninat:picture\"/>"
                                 "</itemMeta></newsItem></itemSet></newsMessage>";
  static const char binary[] = "<newsItem>\x01\x02</newsItem>";
  g_autoptr(GString) deep = g_string_new ("<newsItem><contentSet><inlineXML>");

  news_assert_fails (pr_newsml_read, "", 0, PR_PARSER_ERROR_EMPTY, NULL);
  news_assert_fails (pr_newsml_read, other, strlen (other), PR_PARSER_ERROR_INVALID, "NewsML-G2");
  news_assert_fails (pr_newsml_read, no_text, strlen (no_text), PR_PARSER_ERROR_NO_TEXT, NULL);
  news_assert_fails (pr_newsml_read, pictures, strlen (pictures), PR_PARSER_ERROR_NO_TEXT, NULL);
  news_assert_fails (pr_newsml_read, binary, sizeof binary - 1, PR_PARSER_ERROR_INVALID, "XML");
  news_assert_fails (pr_newsml_read, "plain text, not XML", 19, PR_PARSER_ERROR_INVALID, "XML");

  /* Deeper than libxml2's limit (256). */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<div>");
  news_assert_fails (pr_newsml_read, deep->str, deep->len, PR_PARSER_ERROR_INVALID, "256");
}

static void
test_too_large (void)
{
  gsize length = PR_PARSER_MAX_SIZE + 1;
  g_autofree char *huge = g_malloc (length);

  memset (huge, ' ', length);
  memcpy (huge, "<newsItem>", 10);
  news_assert_fails (pr_newsml_read, huge, length, PR_PARSER_ERROR_TOO_LARGE, "10 MB");
}

/* ---- The corpus --------------------------------------------------------- */

static char *
wrap_newsml (NewsText *text,
             guint     index,
             gpointer  user_data)
{
  return news_fixture_newsml (text, index);
}

/* Every corpus release as a news item, read back and scored; then all of
 * them in one news message: the same releases, in order. */
static void
test_corpus (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) news_text_free);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  double score = news_score_corpus ("NewsML-G2 corpus", wrap_newsml, NULL, pr_newsml_read, texts);

  if (score < 0)
    return;
  g_assert_cmpfloat (score, >=, PASS_MARK);

  xml = news_fixture_newsml_message (texts);
  releases = pr_newsml_read (xml, strlen (xml), "message.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (news_score_rows ("NewsML-G2 message corpus", releases), >=, PASS_MARK);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/newsml/xhtml/blocks", test_xhtml_blocks);
  g_test_add_func ("/core/newsml/xhtml/lists", test_xhtml_lists);
  g_test_add_func ("/core/newsml/xhtml/tables", test_xhtml_tables);
  g_test_add_func ("/core/newsml/xhtml/links", test_xhtml_links);
  g_test_add_func ("/core/newsml/xhtml/images", test_xhtml_images);
  g_test_add_func ("/core/newsml/xhtml/skipped", test_xhtml_skipped);
  g_test_add_func ("/core/newsml/item", test_item);
  g_test_add_func ("/core/newsml/message", test_message);
  g_test_add_func ("/core/newsml/overlay", test_overlay);
  g_test_add_func ("/core/newsml/overlay-wire", test_overlay_wire);
  g_test_add_func ("/core/newsml/nitf-and-html-data", test_nitf_and_html_data);
  g_test_add_func ("/core/newsml/hostile/external-entity", test_external_entity);
  g_test_add_func ("/core/newsml/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/core/newsml/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/core/newsml/hostile/internal-entity", test_internal_entity);
  g_test_add_func ("/core/newsml/hostile/encodings", test_encodings);
  g_test_add_func ("/core/newsml/hostile/truncated", test_truncated);
  g_test_add_func ("/core/newsml/hostile/bad-input", test_bad_input);
  g_test_add_func ("/core/newsml/hostile/too-large", test_too_large);
  g_test_add_func ("/core/newsml/corpus", test_corpus);

  return g_test_run ();
}
