/* test-html.c: the HTML release-page reader (src/core/pr-html*.c) and the
 * reader entry point (src/core/pr-reader.c)
 *
 * Unit cases per feature, hostile pages, and the corpus wrapped as the page
 * of each site profile, of a company newsroom and of a syndicating portal,
 * scored like the text corpus (corpus-score.c). */
#include <string.h>
#include <libxml/HTMLparser.h>

#include "corpus-pages.h"
#include "corpus-score.h"
#include "pr-html.h"
#include "pr-html-private.h"
#include "pr-reader.h"

#define PASS_MARK 98.0

/* ---- Helpers ------------------------------------------------------------ */

static PrRelease *
read_page (const char  *html,
           GError     **error)
{
  return pr_html_read (html, strlen (html), "/tmp/page.html", NULL, error);
}

static PrRelease *
read_ok (const char *html)
{
  g_autoptr(GError) error = NULL;
  PrRelease *release = read_page (html, &error);

  g_assert_no_error (error);
  g_assert_nonnull (release);
  return release;
}

static void
assert_fails (const char *html,
              gsize       length,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_html_read (html, length, "/tmp/page.html", NULL, &error);

  g_assert_null (release);
  g_assert_error (error, PR_PARSER_ERROR, code);
}

/* Every block and section of the release, for "contains" checks. */
static char *
all_text (PrRelease *release)
{
  GPtrArray *blocks = pr_release_get_blocks (release);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    g_string_append_printf (out, "%s\n\n", ((PrBlock *) g_ptr_array_index (blocks, i))->text);
  for (guint list = PR_LIST_CONTACTS; list <= PR_LIST_TRAILER; list++)
    {
      const char * const *values = pr_release_get_list (release, list);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        g_string_append_printf (out, "%s\n\n", values[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_block (PrRelease   *release,
           PrBlockKind  kind,
           const char  *text)
{
  GPtrArray *blocks = pr_release_get_blocks (release);

  for (guint i = 0; i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == kind && strcmp (block->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

#define BODY "<p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Example Corp today opened an office in London, " \
             "its first outside the United States, with forty people.</p>" \
             "<p>The office is on two floors near the river and will grow next year.</p>"

/* ---- Charsets ----------------------------------------------------------- */

static void
test_charset_bom (void)
{
  /* A UTF-8 BOM wins over a <meta> that says otherwise. */
  g_autoptr(PrRelease) utf8 = read_ok ("\xEF\xBB\xBF<html><head><meta charset=\"windows-1252\">"
                                       "<title>Café Opens</title></head><body>" BODY "</body></html>");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) utf16 = NULL;
  g_autofree char *page16 = NULL;
  gsize length = 0;

  g_assert_cmpstr (pr_release_get_title (utf8), ==, "Café Opens");

  page16 = g_convert ("\xEF\xBB\xBF<html><head><title>Ça ouvre</title></head><body>" BODY "</body></html>",
                      -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  g_assert_nonnull (page16);
  /* g_convert() keeps the BOM as U+FEFF: FF FE in UTF-16LE. */
  g_assert_cmpint ((guchar) page16[0], ==, 0xFF);
  utf16 = pr_html_read (page16, length, "/tmp/page.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (utf16), ==, "Ça ouvre");
}

static void
test_charset_header (void)
{
  const char *page = "<html><head><meta charset=\"utf-8\"><title>Caf\xE9 Opens</title></head><body>" BODY "</body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_html_read (page, strlen (page), "/tmp/p.html", "ISO-8859-1", &error);
  g_autoptr(PrRelease) bogus = NULL;

  /* The HTTP header's charset comes before the page's own. */
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (release), ==, "Café Opens");

  /* A charset nobody knows is no charset: <meta> decides. */
  bogus = pr_html_read (page, strlen (page), "/tmp/p.html", "x-no-such-charset", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (pr_release_get_title (bogus), -1, NULL));
}

static void
test_charset_meta (void)
{
  g_autoptr(PrRelease) meta = read_ok ("<html><head><meta charset='windows-1252'><title>\x93" "Caf\xE9\x94 Opens</title>"
                                       "</head><body>" BODY "</body></html>");
  g_autoptr(PrRelease) equiv = read_ok ("<html><head><meta http-equiv=\"Content-Type\" "
                                        "content=\"text/html; charset=ISO-8859-1\"><title>Caf\xE9 Opens</title>"
                                        "</head><body>" BODY "</body></html>");
  g_autoptr(PrRelease) sjis = read_ok ("<html><head><meta charset=\"shift_jis\"><title>\x93\x8C\x8B\x9E</title>"
                                       "</head><body>" BODY "</body></html>");

  g_assert_cmpstr (pr_release_get_title (meta), ==, "“Café” Opens");
  g_assert_cmpstr (pr_release_get_title (equiv), ==, "Café Opens");
  g_assert_cmpstr (pr_release_get_title (sjis), ==, "東京");
}

static void
test_charset_default (void)
{
  /* Nothing declared: UTF-8 when it is valid, else Windows-1252. */
  g_autoptr(PrRelease) utf8 = read_ok ("<html><head><title>Café Opens</title></head><body>" BODY "</body></html>");
  g_autoptr(PrRelease) cp1252 = read_ok ("<html><head><title>Caf\xE9 Opens</title></head><body>" BODY "</body></html>");

  g_assert_cmpstr (pr_release_get_title (utf8), ==, "Café Opens");
  g_assert_cmpstr (pr_release_get_title (cp1252), ==, "Café Opens");
}

static void
test_charset_invalid_utf8 (void)
{
  /* Invalid bytes in a page that says UTF-8 lose themselves, not the page. */
  g_autoptr(PrRelease) release = read_ok ("<html><head><meta charset=\"utf-8\"><title>Café Opens</title></head><body>"
                                          "<p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Example Corp \xFF\xFE\xC3 opened "
                                          "an office in Zürich \xE2\x82 today, its first outside the country.</p>"
                                          "<p>Après la fête: the office has forty people.</p></body></html>");
  g_autofree char *text = all_text (release);

  g_assert_cmpstr (pr_release_get_title (release), ==, "Café Opens");
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "Zürich"));
  g_assert_nonnull (strstr (text, "Après la fête"));
  g_assert_cmpstr (pr_release_get_date (release), ==, "2024-01-05");
}

/* ---- Metadata ----------------------------------------------------------- */

static void
test_json_ld_graph (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><title>Site</title><script type=\"application/ld+json\">"
    "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\",\"name\":\"x\"},"
    "{\"@type\":\"NewsArticle\",\"headline\":\"Example Corp Opens Lisbon Office\","
    "\"datePublished\":\"2024-03-04T10:00:00+01:00\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example\"},"
    "\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Lima\"}],"
    "\"about\":{\"@type\":\"Corporation\",\"name\":\"Lisbon Widget Works\"}}]}</script></head><body>"
    "<h1>Something Else</h1><p>Example Corp opened an office in Lisbon, its first in Portugal, with forty people "
    "on two floors.</p></body></html>");
  GPtrArray *people = pr_release_get_people (release);
  GPtrArray *orgs = pr_release_get_organizations (release);
  gboolean ana = FALSE, works = FALSE;

  g_assert_cmpstr (pr_release_get_title (release), ==, "Example Corp Opens Lisbon Office");
  g_assert_cmpstr (pr_release_get_date (release), ==, "2024-03-04");
  for (guint i = 0; i < people->len; i++)
    ana |= strcmp (pr_entity_get_name (g_ptr_array_index (people, i)), "Ana Lima") == 0;
  for (guint i = 0; i < orgs->len; i++)
    works |= strcmp (pr_entity_get_name (g_ptr_array_index (orgs, i)), "Lisbon Widget Works") == 0;
  g_assert_true (ana);
  g_assert_true (works);
}

static void
test_json_ld_variants (void)
{
  /* A top-level array, @type as an array, PressRelease, a wire as publisher. */
  g_autoptr(PrRelease) array = read_ok (
    "<html><head><script type=\"application/ld+json; charset=utf-8\">[{\"@type\":\"BreadcrumbList\"},"
    "{\"@type\":[\"NewsArticle\",\"Article\"],\"headline\":\"Array Headline\",\"datePublished\":\"2023-06-13\","
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Business Wire\"}}]</script></head><body>"
    "<p>Example Corp did something worth a release today, and said so at length.</p></body></html>");
  g_autoptr(PrRelease) press = read_ok (
    "<html><head><script type=\"application/ld+json\">{\"@type\":\"PressRelease\",\"headline\":\"Press Type\"}"
    "</script></head><body><p>Example Corp did something worth a release today, and said so.</p></body></html>");
  /* Broken and absurdly deep JSON-LD is passed over, not a failure. */
  g_autoptr(GString) deep = g_string_new ("<html><head><script type=\"application/ld+json\">");
  g_autoptr(PrRelease) broken = NULL;
  g_autoptr(PrRelease) nested = NULL;

  g_assert_cmpstr (pr_release_get_title (array), ==, "Array Headline");
  g_assert_cmpstr (pr_release_get_date (array), ==, "2023-06-13");
  g_assert_cmpstr (pr_release_get_source (array), ==, "Business Wire");
  g_assert_cmpstr (pr_release_get_title (press), ==, "Press Type");

  broken = read_ok ("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
                    "</script><title>Fallback Title</title></head><body><p>Example Corp did something worth "
                    "a release today, and said so.</p></body></html>");
  g_assert_cmpstr (pr_release_get_title (broken), ==, "Fallback Title");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "</script><title>Deep Title</title></head><body><p>Example Corp did something worth a "
                         "release today, and said so.</p></body></html>");
  nested = read_ok (deep->str);
  g_assert_cmpstr (pr_release_get_title (nested), ==, "Deep Title");
}

static void
test_json_ld_truncated (void)
{
  /* A headline shortened for search engines yields to the page's <h1>. */
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
    "\"headline\":\"Example Corp Opens Its First Office...\"}</script></head><body><main>"
    "<h1>Example Corp Opens Its First Office in Lisbon, Portugal</h1>"
    "<p>Example Corp did something worth a release today, and said so.</p></main></body></html>");

  g_assert_cmpstr (pr_release_get_title (release), ==, "Example Corp Opens Its First Office in Lisbon, Portugal");
}

static void
test_opengraph (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><meta property=\"og:site_name\" content=\"Daily Portal\">"
    "<meta property=\"og:title\" content=\"Example Corp Opens Lisbon Office - Daily Portal\">"
    "<meta property=\"article:published_time\" content=\"2024-03-04T08:00:00Z\">"
    "<title>Example Corp Opens Lisbon Office | Daily Portal</title></head><body>"
    "<p>Example Corp opened an office in Lisbon, its first in Portugal, with forty people.</p></body></html>");

  g_assert_cmpstr (pr_release_get_title (release), ==, "Example Corp Opens Lisbon Office");
  /* The text has no date: the page's is taken. */
  g_assert_cmpstr (pr_release_get_date (release), ==, "2024-03-04");
}

static void
test_title_site (void)
{
  struct { const char *title, *site, *headline; } cases[] = {
    { "Acme Opens Office | Acme Newsroom", NULL, "Acme Opens Office" },
    { "acme.com - Acme Opens Office", NULL, "Acme Opens Office" },
    { "Daily Portal » Acme Opens Office", NULL, "Acme Opens Office" },
    { "Acme Q3 Results - Revenue Up 12%", NULL, "Acme Q3 Results - Revenue Up 12%" },
    { "Acme Opens Office - Daily Portal", "Daily Portal", "Acme Opens Office" },
    { "Daily Portal", "Daily Portal", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *headline = pr_html_meta_strip_site (cases[i].title, cases[i].site);
      g_assert_cmpstr (headline, ==, cases[i].headline);
    }
}

static void
test_h1_and_time (void)
{
  /* The logo's <h1> in the page header is not the headline; <time> in
   * the article gives the date the text lacks. */
  g_autoptr(PrRelease) release = read_ok (
    "<html><body><header><h1 class=\"logo\">Acme Newsroom</h1><time datetime=\"2020-01-01\">Today</time></header>"
    "<main><article><h1>Acme Opens Lisbon Office</h1><time datetime=\"2024-03-04T08:00\">March 4</time>"
    "<p>Acme opened an office in Lisbon, its first in Portugal, with forty people on two floors.</p>"
    "</article></main></body></html>");

  g_assert_cmpstr (pr_release_get_title (release), ==, "Acme Opens Lisbon Office");
  g_assert_cmpstr (pr_release_get_date (release), ==, "2024-03-04");
}

static void
test_canonical (void)
{
  g_autoptr(PrRelease) web = read_ok ("<html><head><link rel=\"canonical\" href=\"https://news.example.com/a\">"
                                      "</head><body>" BODY "</body></html>");
  g_autoptr(PrRelease) relative = read_ok ("<html><head><link rel=\"canonical\" href=\"/a\"></head><body>"
                                           BODY "</body></html>");
  g_autoptr(PrRelease) ftp = read_ok ("<html><head><link rel=\"canonical\" href=\"ftp://example.com/a\"></head>"
                                      "<body>" BODY "</body></html>");

  g_assert_cmpstr (pr_release_get_field (web, PR_FIELD_ORIGIN), ==, "https://news.example.com/a");
  g_assert_cmpstr (pr_release_get_field (relative, PR_FIELD_ORIGIN), ==, "/tmp/page.html");
  g_assert_cmpstr (pr_release_get_field (ftp, PR_FIELD_ORIGIN), ==, "/tmp/page.html");
}

/* ---- Selectors and profiles --------------------------------------------- */

static void
test_selectors (void)
{
  const char *page = "<html><body><section class=\"release-body container\" id=\"main\">"
                     "<div data-x=\"a b\"><p class=\"lead\">x</p></div></section></body></html>";
  htmlDocPtr doc = htmlReadMemory (page, strlen (page), NULL, "UTF-8", HTML_PARSE_NOERROR);
  xmlNode *root = xmlDocGetRootElement (doc);
  struct { const char *selector; const char *tag; } found[] = {
    { "section.release-body", "section" }, { "#main", "section" }, { "p", "p" },
    { "section.container.release-body#main", "section" }, { "[data-x='a b']", "div" },
    { "section div p.lead", "p" }, { "body   .lead", "p" }, { "div[data-x=\"a b\"] p", "p" },
  };
  const char *missing[] = { "div.release-body", "#other", "article p", "p.lead.other" };
  const char *invalid[] = { "", "   ", "div > p", "a:hover", "div,p", "[x]", "#a#b", ".", "[x=y" };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(PrHtmlSelector) selector = pr_html_selector_parse (found[i].selector);
      xmlNode *node;

      g_assert_nonnull (selector);
      node = pr_html_select_first (root, selector);
      g_assert_nonnull (node);
      g_assert_cmpstr ((const char *) node->name, ==, found[i].tag);
    }
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(PrHtmlSelector) selector = pr_html_selector_parse (missing[i]);

      g_assert_nonnull (selector);
      g_assert_null (pr_html_select_first (root, selector));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_null (pr_html_selector_parse (invalid[i]));
  xmlFreeDoc (doc);
}

static void
test_profiles_table (void)
{
  GPtrArray *profiles = pr_html_profiles ();
  const char *names[] = { "PR Newswire", "GlobeNewswire", "Business Wire", "ACCESS Newswire", "Newsfile",
                          "EIN Presswire" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;

  g_assert_cmpuint (profiles->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < profiles->len; i++)
    {
      PrHtmlProfile *profile = g_ptr_array_index (profiles, i);

      g_assert_cmpstr (profile->name, ==, names[i]);
      g_assert_cmpstr (profile->source, ==, names[i]);
      g_assert_cmpuint (profile->body->len, >, 0);
      g_assert_nonnull (profile->hosts[0]);
    }

  bad = pr_html_profiles_parse ("{\"profiles\":[{\"name\":\"X\",\"hosts\":[\"x.com\"],\"body\":[\"div >\"]}]}",
                                -1, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  bad = pr_html_profiles_parse ("{\"profiles\":[{\"name\":\"X\",\"body\":[\"div\"]}]}", -1, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

#define FURNITURE_TOP "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/n\">News</a></li></ul></nav></header>" \
  "<div class=\"sidebar-box\"><p>Sidebar text that must not be read as part of the release at all.</p></div>"

static void
test_profile_prnewswire (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><link rel=\"canonical\" href=\"https://www.prnewswire.com/news-releases/x-301.html\"></head><body>"
    FURNITURE_TOP "<div class=\"detail-headline\"><h1>Example Labs Names Chief Executive</h1></div>"
    "<section class=\"release-body container\"><div class=\"row\"><div class=\"col-lg-10\">"
    "<p><span class=\"legendSpanClass\"><span class=\"xn-location\">SAN DIEGO, Calif.</span></span>, "
    "<span class=\"legendSpanClass\"><span class=\"xn-chron\">Jan. 5, 2024</span></span> -- Example Labs today "
    "named Jo Park chief executive officer, effective February 1.</p><p>Park joins from Example Works.</p>"
    "</div></div></section><p>Outside the release: a paragraph long enough to count as one, and more.</p>"
    "</body></html>");
  g_autofree char *text = all_text (release);

  g_assert_cmpstr (pr_release_get_title (release), ==, "Example Labs Names Chief Executive");
  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "San Diego");
  g_assert_cmpstr (pr_release_get_date (release), ==, "2024-01-05");
  /* No wire in the text: the wire's own page says which. */
  g_assert_cmpstr (pr_release_get_source (release), ==, "PR Newswire");
  g_assert_null (strstr (text, "Sidebar"));
  g_assert_null (strstr (text, "Outside the release"));
  g_assert_nonnull (strstr (text, "Park joins"));
}

static void
test_profile_marker (void)
{
  /* The body container recognised on another site: the body is taken,
   * the wire is not claimed. */
  g_autoptr(PrRelease) release = read_ok (
    "<html><body>" FURNITURE_TOP "<h1>Example Labs Names Chief Executive</h1>"
    "<section class=\"release-body\"><p>Example Labs today named Jo Park chief executive officer, effective "
    "February 1.</p></section><div class=\"teasers\"><p>Another story entirely, with a long teaser paragraph "
    "that is longer than the release itself, by quite some way, to tempt the extractor.</p></div></body></html>");
  g_autofree char *text = all_text (release);

  g_assert_null (pr_release_get_source (release));
  g_assert_nonnull (strstr (text, "Jo Park"));
  g_assert_null (strstr (text, "Another story"));
}

static void
test_profile_empty (void)
{
  /* A wire's container the page fills by script: the general extractor. */
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><link rel=\"canonical\" href=\"https://www.businesswire.com/news/home/1/en/\"></head><body>"
    FURNITURE_TOP "<h1>Example Labs Names Chief Executive</h1><div class=\"bw-release-story\"></div>"
    "<div class=\"fallback\"><p>BOSTON--(BUSINESS WIRE)--Example Labs today named Jo Park chief executive "
    "officer, effective February 1.</p></div></body></html>");
  g_autofree char *text = all_text (release);

  g_assert_nonnull (strstr (text, "Jo Park"));
  g_assert_cmpstr (pr_release_get_source (release), ==, "Business Wire");
}

typedef struct {
  const char *host;
  const char *open;
  const char *close;
  const char *source;
} WireCase;

static void
test_profile_wires (void)
{
  const WireCase cases[] = {
    { "www.globenewswire.com", "<div id=\"main-body-container\" class=\"main-body-container article-body\">", "</div>",
      "GlobeNewswire" },
    { "www.businesswire.com", "<div class=\"bw-release-story\">", "</div>", "Business Wire" },
    { "www.accessnewswire.com", "<div class=\"release-body\">", "</div>", "ACCESS Newswire" },
    { "www.newsfilecorp.com", "<div class=\"article-content\">", "</div>", "Newsfile" },
    { "www.einpresswire.com", "<div class=\"article_column\"><div itemprop=\"articleBody\">", "</div></div>",
      "EIN Presswire" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf (
        "<html><head><link rel=\"canonical\" href=\"https://%s/release/1\"></head><body>" FURNITURE_TOP
        "<h1>Example Labs Names Chief Executive</h1>%s<p>BOSTON, Jan. 5, 2024 -- Example Labs today named Jo Park "
        "chief executive officer.</p>%s<div class=\"more\"><p>More from this wire: a paragraph long enough to "
        "count, and longer than the release's own paragraph is.</p></div></body></html>",
        cases[i].host, cases[i].open, cases[i].close);
      g_autoptr(PrRelease) release = read_ok (page);
      g_autofree char *text = all_text (release);

      g_assert_cmpstr (pr_release_get_source (release), ==, cases[i].source);
      g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "Boston");
      g_assert_null (strstr (text, "More from this wire"));
      g_assert_null (strstr (text, "Sidebar"));
    }
}

/* ---- The general extractor ---------------------------------------------- */

static void
test_extract_furniture (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><title>Acme Opens Office | Portal</title></head><body>"
    "<div id=\"cookie-consent\"><p>We use cookies to give you the best experience. By continuing to browse "
    "you agree to our use of cookies and our privacy policy.</p></div>"
    "<header><h1>Portal</h1><nav><a href=\"/\">Home</a> <a href=\"/b\">Business</a></nav></header>"
    "<ol class=\"breadcrumb\"><li><a href=\"/\">Home</a></li><li>News</li></ol>"
    "<main><article><h1>Acme Opens Office</h1><div class=\"shareBar\"><a href=\"#\">Share on Facebook</a></div>"
    "<div class=\"article-text\"><p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp today opened an office in London, "
    "its first outside the United States, with forty people.</p>"
    "<div class=\"ad-slot\">Advertisement: buy our widgets now, the best widgets in town, on sale today</div>"
    "<p>The office is on two floors near the river and will grow next year, Acme said.</p>"
    "<form class=\"newsletter\"><p>Get our newsletter every morning in your inbox, free of charge.</p>"
    "<input type=\"email\"></form></div></article>"
    "<div class=\"related-articles\"><h2>Related</h2><p>Acme opened an office in Paris last year with a long "
    "paragraph about it, longer than most.</p></div></main>"
    "<aside><p>Most read: a paragraph in the sidebar that is long enough to count as a paragraph.</p></aside>"
    "<footer><p>Copyright 2024 Portal Media. All rights reserved. Terms of use and privacy policy.</p></footer>"
    "<script>document.write('<p>Script text that is no release text at all, none whatsoever.</p>')</script>"
    "</body></html>");
  g_autofree char *text = all_text (release);
  const char *absent[] = { "cookies", "Home", "Share on", "Advertisement", "newsletter", "Paris", "Most read",
                           "Copyright", "Script text" };

  g_assert_cmpstr (pr_release_get_title (release), ==, "Acme Opens Office");
  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "London");
  g_assert_nonnull (strstr (text, "two floors"));
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    if (strstr (text, absent[i]) != NULL)
      g_error ("“%s” read as release text:\n%s", absent[i], text);
}

/* ---- Rendition ---------------------------------------------------------- */

static void
test_render_lists_tables (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><body><h1>Acme Results</h1><div>"
    "<p>Acme Corp reported results for the year today, with revenue up twelve percent.</p>"
    "<ul><li>Revenue up 12%</li><li>Two new plants<ul><li>Lyon</li><li>Porto</li></ul></li></ul>"
    "<table><tr><th>Year</th><th>Revenue</th></tr><tr><td>2023</td><td>10.1</td></tr>"
    "<tr><td>2024</td><td>11.3</td></tr></table>"
    "<table class=\"layout\"><tr><td><p>A paragraph in a layout table, read as a paragraph.</p></td></tr></table>"
    "<pre>Line one\n  Line two</pre>"
    "<p>Media contact:<br>Jane Roe<br>+1 555 0100<br>jane@acme.example</p></div></body></html>");
  g_autofree char *text = all_text (release);

  g_assert_true (has_block (release, PR_BLOCK_LIST_ITEM, "Revenue up 12%"));
  g_assert_true (has_block (release, PR_BLOCK_LIST_ITEM, "Lyon"));
  g_assert_true (has_block (release, PR_BLOCK_TABLE, "Year\tRevenue\n2023\t10.1\n2024\t11.3"));
  g_assert_true (has_block (release, PR_BLOCK_PARAGRAPH, "A paragraph in a layout table, read as a paragraph."));
  g_assert_nonnull (strstr (text, "Jane Roe\n+1 555 0100\njane@acme.example"));
  g_assert_cmpstr (pr_release_get_list (release, PR_LIST_EMAILS)[0], ==, "jane@acme.example");
}

static void
test_render_links (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><link rel=\"canonical\" href=\"https://news.example.com/2024/a\"></head><body>"
    "<h1>Acme Links</h1><div><p>Acme Corp makes <a href=\"/widgets\">fine widgets</a>, sold at <a href=\"https://www.acme.example/\">"
    "www.acme.example</a> and <a href=\"https://click.example.net/c?u=https%3A%2F%2Facme.example%2Fshop&amp;id=9\">"
    "its shop</a>.</p>"
    "<p>See <a href=\"https://www.google.com/url?q=https://acme.example/report&amp;sa=D\">the report</a>, "
    "<a href=\"https://t.example.com/r?target=https%3A%2F%2Facme.example%2Fdeck\">the deck</a> and "
    "<a href=\"https://l.example.com/?url=https%3A%2F%2Facme.example%2Fvideo\">the video</a>.</p>"
    "<p><a href=\"javascript:alert(1)\">Click here</a> or <a href=\"data:text/html;base64,PHA+\">here</a> or "
    "<a href=\"vbscript:x\">there</a>, write to <a href=\"mailto:press@acme.example?subject=Hi\">the press office</a>"
    " or open <a href=\"#top\">the top</a>.</p>"
    "<p>Details: <a href=\"https://track.example/c?url=https%3A%2F%2Facme.example%2Fmore\">acme.example/more</a>.</p>"
    "</div></body></html>");
  g_autofree char *text = all_text (release);
  const char * const *links = pr_release_get_list (release, PR_LIST_LINKS);

  g_assert_nonnull (strstr (text, "fine widgets (https://news.example.com/widgets)"));
  g_assert_nonnull (strstr (text, "sold at www.acme.example and its shop (https://acme.example/shop)."));
  g_assert_nonnull (strstr (text, "the report (https://acme.example/report)"));
  g_assert_nonnull (strstr (text, "the deck (https://acme.example/deck)"));
  g_assert_nonnull (strstr (text, "the video (https://acme.example/video)"));
  g_assert_nonnull (strstr (text, "Click here or here or there, write to the press office (press@acme.example) "
                                  "or open the top."));
  for (guint i = 0; links[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (links[i], "http://") || g_str_has_prefix (links[i], "https://") ||
                   g_str_has_prefix (links[i], "www."));
  g_assert_null (strstr (text, "javascript"));
  g_assert_null (strstr (text, "data:"));
  /* A link whose text is its address without the scheme: the address. */
  g_assert_nonnull (strstr (text, "Details: https://acme.example/more."));
  g_assert_true (g_strv_contains (links, "https://acme.example/more"));
}

static void
test_render_images (void)
{
  g_autoptr(PrRelease) release = read_ok (
    "<html><head><link rel=\"canonical\" href=\"https://news.example.com/a\"></head><body><div>"
    "<p><img src=\"/logo.png\" alt=\"Acme logo\">LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp opened an office "
    "in London today.<img src=\"https://t.example.com/p.gif\" width=\"1\" height=\"1\">"
    "<img src=\"https://t.example.com/q.gif\" style=\"width: 0; height: 0\"><img src=\"/x.gif\" width=\"0\"></p>"
    "<p>The office has forty people.</p><figure><img src=\"office.jpg\" alt=\"The office\"></figure>"
    "<p><img src=\"data:image/png;base64,AAAA\" alt=\"Inline\"> <a href=\"https://acme.example/\">"
    "<img src=\"/badge.png\" alt=\"Badge\"></a></p></div></body></html>");
  g_autofree char *text = all_text (release);

  /* Above the dateline an image would take the headline's place: it waits. */
  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "London");
  g_assert_nonnull (strstr (text, "[Image: Acme logo] (https://news.example.com/logo.png)"));
  g_assert_nonnull (strstr (text, "[Image: The office] (https://news.example.com/office.jpg)"));
  g_assert_nonnull (strstr (text, "[Image: Inline]"));
  g_assert_null (strstr (text, "data:"));
  g_assert_nonnull (strstr (text, "[Image: Badge] (https://acme.example/)"));
  g_assert_null (strstr (text, "t.example.com"));
  g_assert_null (strstr (text, "x.gif"));
}

/* ---- Hostile pages ------------------------------------------------------ */

static void
test_hostile_no_text (void)
{
  const char *pages[] = {
    "<html><head><title>Only a Title</title><script>var x = '<p>not text</p>';</script></head>"
    "<body><script>document.write('hello there, this is script')</script></body></html>",
    "<html><body><style>p { color: red }</style><noscript>Enable JavaScript to read this site.</noscript></body></html>",
    "<html><body>   </body></html>",
    "<!-- nothing but a comment -->",
    "<html><body><img src=\"/a.png\" alt=\"A picture\"></body></html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    assert_fails (pages[i], strlen (pages[i]), PR_PARSER_ERROR_NO_TEXT);
  assert_fails ("", 0, PR_PARSER_ERROR_EMPTY);
  assert_fails ("<html>\0<body>", 13, PR_PARSER_ERROR_BINARY);
}

static void
test_hostile_all_links (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (page, "<a href=\"https://example.com/%u\"><div><a href=\"javascript:x\"><p>"
                                  "Link number %u to another page of this site</p></a></div></a>", i, i);
  g_string_append (page, "</body></html>");
  release = read_page (page->str, &error);
  /* Nothing but links is no release. */
  g_assert_null (release);
  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT);
}

static void
test_hostile_deep (void)
{
  const char *tags[] = { "div", "span", "ul><li", "table><tr><td", "a href=\"https://x.example\"", "blockquote" };

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      g_autoptr(GString) page = g_string_new ("<html><body><p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme opened "
                                              "an office in London before the deep part.</p>");
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = NULL;
      /* Not timed (tests never are): build-aux/fuzz's 1 s limit per input
       * is where slowness shows. */
      for (guint i = 0; i < 100000; i++)
        g_string_append_printf (page, "<%s>", tags[t]);
      g_string_append (page, "deep text");
      g_string_append (page, "</body></html>");
      release = read_page (page->str, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "London");
    }
}

static void
test_hostile_too_large (void)
{
  gsize length = 200 * 1024 * 1024;
  char *page = g_malloc (length);

  memset (page, 'x', length);
  memcpy (page, "<html><body><p>", 15);
  /* Refused by its size, before libxml2 sees it. */
  assert_fails (page, length, PR_PARSER_ERROR_TOO_LARGE);
  g_free (page);
}

static void
test_hostile_entities (void)
{
  /* No file is read, no entity expanded: the HTML parser knows no DTDs. */
  g_autoptr(PrRelease) release = read_ok (
    "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY a \"aaaaaaaaaa\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><html><body><p>Acme Corp &x; opened &b; an office "
    "in London today, its first outside the country.</p></body></html>");
  g_autofree char *text = all_text (release);

  g_assert_null (strstr (text, "root:"));
  g_assert_null (strstr (text, "aaaaaaaaaaaaaaaaaaaa"));
}

static void
test_hostile_truncated (void)
{
  const char *page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Acme Opens Office | Acme</title>"
                     "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Acme Opens "
                     "Office\",\"datePublished\":\"2024-01-05\"}</script></head><body><main><article>"
                     "<h1>Acme Opens Office</h1><p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp today opened "
                     "an office in London, its first outside the country.</p><ul><li>Forty jobs</li></ul>"
                     "<table><tr><td>a</td><td>b</td></tr></table><p>Contact: <a href=\"mailto:p@acme.example\">"
                     "press</a> — Zürich</p></article></main></body></html>";
  gsize length = strlen (page);

  /* Cut anywhere: a release or a clear error, never a crash. */
  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = pr_html_read (page, cut, "/tmp/cut.html", NULL, &error);

      if (release == NULL)
        g_assert_true (error != NULL && error->domain == PR_PARSER_ERROR);
      else
        g_assert_true (g_utf8_validate (pr_release_get_title (release), -1, NULL));
    }
}

/* ---- The reader entry point --------------------------------------------- */

static void
test_reader_sniff (void)
{
  struct { const char *name, *head; PrFormat format; } cases[] = {
    { "a.txt", "<!DOCTYPE html><html><body>", PR_FORMAT_HTML },
    { NULL, "\xEF\xBB\xBF  <!-- saved --> <html lang=\"en\">", PR_FORMAT_HTML },
    { "a", "<div class=\"x\">Hello</div>", PR_FORMAT_HTML },
    /* Markup typed into a .txt release is text; a whole page is not. */
    { "a.txt", "<span foreground=\"red\">Alert</span> & <b>bold</b>\n\nLONDON", PR_FORMAT_TEXT },
    { "a.txt", "<b>Acme</b> opens an office", PR_FORMAT_TEXT },
    { "a.txt", "<html><head><title>Acme</title>", PR_FORMAT_HTML },
    { "page.html", "Hello <b>world</b>", PR_FORMAT_HTML },
    { "page.html", "Plain text in a page's clothes", PR_FORMAT_TEXT },
    { "a.xml", "<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", PR_FORMAT_NEWSML },
    { "a.xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", PR_FORMAT_HTML },
    { "feed.xml", "<?xml version=\"1.0\"?><rss>", PR_FORMAT_NEWSML },
    { "a.json", "{\"format\" : \"pressreader-catalog\", \"version\": 1", PR_FORMAT_CATALOG },
    { "a.json", "{\"uri\": \"urn:x\", \"type\": \"text\", \"headline\": \"H\"}", PR_FORMAT_NINJS },
    { "a", "{\"headline\": \"H\", \"body_html\": \"<p>x</p>\"}", PR_FORMAT_NINJS },
    { "a.json", "[1, 2, 3]", PR_FORMAT_CATALOG },
    { "a.txt", "{braces} in a text release", PR_FORMAT_TEXT },
    { NULL, "Return-Path: <a@example.org>\nReceived: from x\nSubject: Hi\n\nBody", PR_FORMAT_EMAIL },
    { "a.eml", "From: Acme <press@acme.example>\nSubject: News\n\nBody", PR_FORMAT_EMAIL },
    { "a.txt", "From: Acme\nTo: Editors\nSubject: News\nDate: Mon, 1 Jan 2024\n\nBody", PR_FORMAT_EMAIL },
    { "a.txt", "From: Acme\nSubject: News\n\nBody", PR_FORMAT_TEXT },
    { "a.txt", "Subject to approval, Acme will open an office.\n", PR_FORMAT_TEXT },
    { "box.mbox", "From press@acme.example Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: x\n\nBody", PR_FORMAT_MBOX },
    { "a.txt", "From the desk of the chairman\nWe are glad.", PR_FORMAT_TEXT },
    { "a.txt", "LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme", PR_FORMAT_TEXT },
    { "a.html", "", PR_FORMAT_TEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PrFormat format = pr_reader_sniff (cases[i].name, cases[i].head, strlen (cases[i].head));

      if (format != cases[i].format)
        g_error ("case %u (%s): format %d, expected %d", i, cases[i].head, format, cases[i].format);
    }
  g_assert_cmpint (pr_reader_sniff (NULL, NULL, 0), ==, PR_FORMAT_TEXT);
}

static void
test_reader_read (void)
{
  const char *text = "Acme Opens Office\n\nLONDON, Jan. 5, 2024 /PRNewswire/ -- Acme opened an office.\n";
  const char *page = "<html><body><h1>Acme Opens Office</h1>" BODY "</body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) from_text = pr_reader_read_bytes (text, strlen (text), "/a.txt", PR_FORMAT_TEXT, &error);
  g_autoptr(PrRelease) from_html = pr_reader_read_bytes (page, strlen (page), "/a.html", PR_FORMAT_HTML, &error);
  const char *mail = "From: Acme <press@acme.example>\nSubject: Acme Opens Office\n"
                     "Message-ID: <1@acme.example>\n\n"
                     "LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme opened an office.\n";
  g_autoptr(PrRelease) from_mail = NULL;
  /* Many releases in one: read whole (pr_reader_read_file_many()). */
  PrFormat unsupported[] = { PR_FORMAT_MBOX, PR_FORMAT_CATALOG };

  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (from_text), ==, "Acme Opens Office");
  g_assert_cmpstr (pr_release_get_title (from_html), ==, "Acme Opens Office");
  g_assert_cmpstr (pr_release_get_field (from_html, PR_FIELD_ORIGIN), ==, "/a.html");
  from_mail = pr_reader_read_bytes (mail, strlen (mail), "/a.eml", PR_FORMAT_EMAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (from_mail), ==, "Acme Opens Office");
  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      g_autoptr(PrRelease) none = pr_reader_read_bytes (text, strlen (text), "/a", unsupported[i], &error);

      g_assert_null (none);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_clear_error (&error);
    }
}

static void
test_reader_names (void)
{
  const char *yes[] = { "a.txt", "A.TXT", "notes", "dir/release", "a.text", "a.html", "a.HTM", "a.xhtml",
                        "a.eml", "box.mbox", "item.xml", "item.json", "/x.y/z" };
  const char *no[] = { "a.png", "a.pdf", "a.txt~", "a.docx", "a.html.gz" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (pr_reader_is_release_name (yes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (pr_reader_is_release_name (no[i]));
}

/* ---- The corpus, as pages ---------------------------------------------- */

static void
test_corpus (gconstpointer data)
{
  CorpusPage page = GPOINTER_TO_UINT (data);
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  guint checked = 0, matched = 0;
  g_autofree char *name = NULL;
  double score;

  if (table == NULL)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autofree char *text = NULL;
      g_autofree char *html = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      html = corpus_page_build (page, text, i + 1);
      label = g_strdup_printf ("%s as %s", cells[0], corpus_page_name (page));
      release = pr_html_read (html, strlen (html), path, NULL, &error);
      if (release == NULL)
        g_test_message ("%s: %s", label, error->message);
      corpus_score_row (table, cells, release, label, &checked, &matched);
    }

  g_assert_cmpuint (checked, >, 0);
  name = g_strdup_printf ("corpus as %s pages", corpus_page_name (page));
  score = corpus_score_percent (name, matched, checked);
  g_assert_cmpfloat (score, >=, PASS_MARK);
}

static void
add_corpus_tests (void)
{
  for (guint page = 0; page < CORPUS_N_PAGES; page++)
    {
      g_autofree char *path = g_strdup_printf ("/core/html/corpus/%s", corpus_page_name (page));

      g_test_add_data_func (path, GUINT_TO_POINTER (page), test_corpus);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/html/charset/bom", test_charset_bom);
  g_test_add_func ("/core/html/charset/header", test_charset_header);
  g_test_add_func ("/core/html/charset/meta", test_charset_meta);
  g_test_add_func ("/core/html/charset/default", test_charset_default);
  g_test_add_func ("/core/html/charset/invalid-utf8", test_charset_invalid_utf8);
  g_test_add_func ("/core/html/meta/json-ld-graph", test_json_ld_graph);
  g_test_add_func ("/core/html/meta/json-ld-variants", test_json_ld_variants);
  g_test_add_func ("/core/html/meta/json-ld-truncated", test_json_ld_truncated);
  g_test_add_func ("/core/html/meta/opengraph", test_opengraph);
  g_test_add_func ("/core/html/meta/title-site", test_title_site);
  g_test_add_func ("/core/html/meta/h1-and-time", test_h1_and_time);
  g_test_add_func ("/core/html/meta/canonical", test_canonical);
  g_test_add_func ("/core/html/profile/selectors", test_selectors);
  g_test_add_func ("/core/html/profile/table", test_profiles_table);
  g_test_add_func ("/core/html/profile/prnewswire", test_profile_prnewswire);
  g_test_add_func ("/core/html/profile/marker", test_profile_marker);
  g_test_add_func ("/core/html/profile/wires", test_profile_wires);
  g_test_add_func ("/core/html/profile/empty", test_profile_empty);
  g_test_add_func ("/core/html/extract/furniture", test_extract_furniture);
  g_test_add_func ("/core/html/render/lists-tables", test_render_lists_tables);
  g_test_add_func ("/core/html/render/links", test_render_links);
  g_test_add_func ("/core/html/render/images", test_render_images);
  g_test_add_func ("/core/html/hostile/no-text", test_hostile_no_text);
  g_test_add_func ("/core/html/hostile/all-links", test_hostile_all_links);
  g_test_add_func ("/core/html/hostile/deep", test_hostile_deep);
  g_test_add_func ("/core/html/hostile/too-large", test_hostile_too_large);
  g_test_add_func ("/core/html/hostile/entities", test_hostile_entities);
  g_test_add_func ("/core/html/hostile/truncated", test_hostile_truncated);
  g_test_add_func ("/core/html/reader/sniff", test_reader_sniff);
  g_test_add_func ("/core/html/reader/read", test_reader_read);
  g_test_add_func ("/core/html/reader/names", test_reader_names);
  add_corpus_tests ();

  return g_test_run ();
}
