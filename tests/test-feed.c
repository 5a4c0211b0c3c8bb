/* test-feed.c: the feed reader (RSS, RDF, Atom, JSON Feed) */
#include <glib/gstdio.h>
#include <string.h>

#include "corpus-feeds.h"
#include "corpus-score.h"
#include "pr-feed.h"
#include "pr-html.h"
#include "pr-text.h"

#define PASS_MARK 98.0

static PrFeed *
parse_ok (const char *xml,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  PrFeed *feed = pr_feed_parse (xml, strlen (xml), url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static PrFeedItem *
item (PrFeed *feed,
      guint   i)
{
  g_assert_cmpuint (i, <, feed->items->len);
  return g_ptr_array_index (feed->items, i);
}

static char *
iso (GDateTime *date)
{
  g_assert_nonnull (date);
  return g_date_time_format_iso8601 (date);
}

/* ---- dialects ---- */

static void
test_rss2 (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
    "<channel><title>Acme &amp; Co News</title><link>https://acme.example/news</link>"
    "<ttl>60</ttl><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
    "<item><title>Acme Opens a Plant</title><link>/news/plant</link>"
    "<guid isPermaLink=\"false\">acme-1</guid><pubDate>Tue, 04 Mar 2025 09:00:00 -0500</pubDate>"
    "<dc:creator>Acme Media</dc:creator><category>Manufacturing</category>"
    "<description>A summary.</description>"
    "<content:encoded><![CDATA[<p>BOSTON, March 4, 2025 -- Acme opened a plant.</p>]]></content:encoded></item>"
    "<item><title>Second</title><guid>https://acme.example/news/2</guid>"
    "<link>javascript:alert(1)</link><dc:date>2025-03-05T10:00:00Z</dc:date></item>"
    "</channel></rss>\n", "https://acme.example/feed.rss");
  PrFeedItem *first = item (feed, 0);
  PrFeedItem *second = item (feed, 1);
  g_autofree char *published = iso (first->published);
  g_autofree char *second_date = iso (second->published);

  g_assert_cmpint (feed->kind, ==, PR_FEED_RSS);
  g_assert_cmpstr (feed->title, ==, "Acme & Co News");
  g_assert_cmpstr (feed->link, ==, "https://acme.example/news");
  g_assert_cmpuint (feed->ttl_minutes, ==, 60);
  g_assert_cmpuint (feed->update_period_minutes, ==, 30);
  g_assert_cmpstr (first->title, ==, "Acme Opens a Plant");
  g_assert_cmpstr (first->link, ==, "https://acme.example/news/plant");
  g_assert_cmpstr (first->guid, ==, "acme-1");
  g_assert_cmpstr (published, ==, "2025-03-04T09:00:00-05");
  g_assert_cmpstr (first->author, ==, "Acme Media");
  g_assert_cmpstr (first->categories[0], ==, "Manufacturing");
  g_assert_nonnull (strstr (first->content, "Acme opened a plant"));
  g_assert_cmpstr (first->summary, ==, "A summary.");
  /* A javascript: link is dropped; a permalink guid stands in. */
  g_assert_cmpstr (second->link, ==, "https://acme.example/news/2");
  g_assert_cmpstr (second_date, ==, "2025-03-05T10:00:00Z");
}

static void
test_rss091_rdf (void)
{
  g_autoptr(PrFeed) old = parse_ok (
    "<rss version=\"0.91\"><channel><title>Old</title><link>http://old.example/</link>"
    "<item><title>Old item</title><link>http://old.example/1</link><description>Text</description></item>"
    "</channel></rss>", "http://old.example/rss");
  g_autoptr(PrFeed) rdf = parse_ok (
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    "<channel rdf:about=\"http://rdf.example/\"><title>RDF Wire</title><link>http://rdf.example/</link></channel>"
    "<item rdf:about=\"http://rdf.example/a\"><title>RDF item</title><link>http://rdf.example/a</link>"
    "<dc:date>2024-05-02</dc:date><dc:subject>Energy</dc:subject></item></rdf:RDF>", "http://rdf.example/feed");
  g_autofree char *date = iso (item (rdf, 0)->published);

  g_assert_cmpint (old->kind, ==, PR_FEED_RSS);
  g_assert_cmpstr (item (old, 0)->link, ==, "http://old.example/1");
  g_assert_cmpint (rdf->kind, ==, PR_FEED_RDF);
  g_assert_cmpstr (rdf->title, ==, "RDF Wire");
  g_assert_cmpstr (item (rdf, 0)->guid, ==, "http://rdf.example/a");
  g_assert_cmpstr (date, ==, "2024-05-02T00:00:00Z");
  g_assert_cmpstr (item (rdf, 0)->categories[0], ==, "Energy");
}

static void
test_atom (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://wire.example/en/\">"
    "<title type=\"html\">Wire &lt;b&gt;News&lt;/b&gt;</title><link href=\"/\"/>"
    "<link rel=\"self\" href=\"feed.atom\"/>"
    "<entry xml:base=\"releases/\"><title>Entry One</title><id>tag:wire.example,2025:1</id>"
    "<link rel=\"alternate\" href=\"one\"/><link rel=\"enclosure\" href=\"one.pdf\"/>"
    "<published>2025-03-04T09:00:00+01:00</published><updated>2025-03-05T09:00:00Z</updated>"
    "<author><name>Wire Desk</name></author><category term=\"energy\" label=\"Energy\"/>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>PARIS, March 4, 2025 -- "
    "<b>Text</b> here, <a href=\"../facts\">facts</a> <a href=\"mailto:desk@wire.example\">desk</a>"
    "<img src=\"img/logo.png\"/>.</p></div></content></entry>"
    "<entry><title type=\"text\">Entry &lt;Two&gt;</title><id>urn:2</id><link href=\"https://other.example/2\"/>"
    "<updated>2025-03-06</updated><summary type=\"text\">Plain &lt;summary&gt;</summary></entry>"
    "</feed>", "https://wire.example/feed.atom");
  PrFeedItem *one = item (feed, 0);
  PrFeedItem *two = item (feed, 1);
  g_autofree char *published = iso (one->published);

  g_assert_cmpint (feed->kind, ==, PR_FEED_ATOM);
  g_assert_cmpstr (feed->title, ==, "Wire News");
  g_assert_cmpstr (feed->link, ==, "https://wire.example/");
  /* xml:base of the feed, then of the entry. */
  g_assert_cmpstr (one->link, ==, "https://wire.example/en/releases/one");
  g_assert_cmpstr (one->guid, ==, "tag:wire.example,2025:1");
  g_assert_cmpstr (published, ==, "2025-03-04T09:00:00+01");
  g_assert_cmpstr (one->author, ==, "Wire Desk");
  g_assert_cmpstr (one->categories[0], ==, "Energy");
  g_assert_nonnull (strstr (one->content, "<b>Text</b>"));
  g_assert_null (strstr (one->content, "<div"));
  /* Links in xhtml content resolve against their xml:base. */
  g_assert_nonnull (strstr (one->content, "href=\"https://wire.example/en/facts\""));
  g_assert_nonnull (strstr (one->content, "src=\"https://wire.example/en/releases/img/logo.png\""));
  g_assert_nonnull (strstr (one->content, "href=\"mailto:desk@wire.example\""));
  g_assert_cmpstr (two->title, ==, "Entry <Two>");
  g_assert_nonnull (two->published);
  /* Text constructs are escaped into HTML. */
  g_assert_cmpstr (two->summary, ==, "<p>Plain &lt;summary&gt;</p>");
}

static void
test_json_feed (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"JSON Wire\","
    " \"home_page_url\": \"https://json.example/\", \"items\": ["
    " {\"id\": \"1\", \"url\": \"/r/1\", \"title\": \"First\", \"content_html\": \"<p>Hi</p>\","
    "  \"date_published\": \"2025-03-04T09:00:00Z\", \"tags\": [\"energy\"]},"
    " {\"id\": 2, \"external_url\": \"https://elsewhere.example/2\", \"content_text\": \"A <b> b\\n\\nc\"},"
    " {\"id\": \"3\", \"url\": \"javascript:alert(1)\", \"summary\": \"s\"}, 42 ]}",
    "https://json.example/feed.json");

  g_assert_cmpint (feed->kind, ==, PR_FEED_JSON);
  g_assert_cmpstr (feed->title, ==, "JSON Wire");
  g_assert_cmpuint (feed->items->len, ==, 3);
  g_assert_cmpstr (item (feed, 0)->link, ==, "https://json.example/r/1");
  g_assert_cmpstr (item (feed, 0)->categories[0], ==, "energy");
  g_assert_cmpstr (item (feed, 1)->guid, ==, "2");
  g_assert_cmpstr (item (feed, 1)->link, ==, "https://elsewhere.example/2");
  g_assert_cmpstr (item (feed, 1)->content, ==, "<p>A &lt;b&gt; b</p><p>c</p>");
  g_assert_null (item (feed, 2)->link);
}

static void
test_media (void)
{
  g_autoptr(PrFeed) rss = parse_ok (
    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>M</title>"
    "<item><title>Pictures</title><link>https://m.example/r/1</link>"
    "<media:content url=\"https://img.example/a.jpg\" medium=\"image\"/>"
    "<media:content url=\"https://img.example/v.mp4\" type=\"video/mp4\"/>"
    "<media:group><media:thumbnail url=\"/thumbs/a.jpg\"/></media:group>"
    "<media:thumbnail url=\"javascript:alert(1)\"/>"
    "<enclosure url=\"https://img.example/e.png\" type=\"image/png\" length=\"1\"/>"
    "<enclosure url=\"https://img.example/e.pdf\" type=\"application/pdf\" length=\"1\"/>"
    "<media:title>not the title</media:title>"
    "<description>The text.</description></item>"
    "<item><title>None</title><link>https://m.example/r/2</link></item></channel></rss>",
    "https://m.example/feed");
  g_autoptr(PrFeed) atom = parse_ok (
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
    "<title>A</title><entry><title>Entry</title><id>urn:1</id><link href=\"https://m.example/a\"/>"
    "<media:content url=\"https://img.example/m.jpg\" type=\"image/jpeg\"><media:title>x</media:title>"
    "</media:content>"
    "<link rel=\"enclosure\" type=\"image/jpeg\" href=\"https://img.example/atom.jpg\"/>"
    "<content type=\"html\">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>", "https://m.example/atom");
  g_autoptr(PrFeed) json = parse_ok (
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\","
    " \"image\": \"/i.jpg\", \"banner_image\": \"https://img.example/b.jpg\", \"content_text\": \"t\"},"
    " {\"id\": \"2\", \"image\": \"data:image/png;base64,AAAA\", \"content_text\": \"t\"}]}",
    "https://m.example/feed.json");
  const char *const rss_images[] = {
    "https://img.example/a.jpg", "https://m.example/thumbs/a.jpg", "https://img.example/e.png", NULL,
  };
  const char *const json_images[] = { "https://m.example/i.jpg", "https://img.example/b.jpg", NULL };

  g_assert_true (g_strv_equal ((const char * const *) item (rss, 0)->images, rss_images));
  g_assert_cmpstr (item (rss, 0)->title, ==, "Pictures");
  g_assert_cmpuint (g_strv_length (item (rss, 1)->images), ==, 0);
  /* media:content is not Atom's content. */
  g_assert_cmpstr (item (atom, 0)->content, ==, "<p>Body</p>");
  g_assert_cmpuint (g_strv_length (item (atom, 0)->images), ==, 2);
  g_assert_cmpstr (item (atom, 0)->images[0], ==, "https://img.example/m.jpg");
  g_assert_cmpstr (item (atom, 0)->images[1], ==, "https://img.example/atom.jpg");
  g_assert_true (g_strv_equal ((const char * const *) item (json, 0)->images, json_images));
  g_assert_cmpuint (g_strv_length (item (json, 1)->images), ==, 0);
}

/* An item's content that quotes a whole page (<html> in CDATA, early in
 * the file) is still a feed; a page after comments is still a page. */
static void
test_html_inside (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><title>T</title><item><title>I</title><link>https://x.example/a</link>"
    "<content:encoded><![CDATA[<!DOCTYPE html><html><body><p>Hello</p></body></html>]]>"
    "</content:encoded></item></channel></rss>", "https://x.example/feed");
  static const char page[] = "<!-- a comment --><?xml-stylesheet href=\"a\"?>\n<!DOCTYPE html><html><head>"
                             "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\"></head></html>";
  static const char xhtml[] = "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
                              "<body><p>x</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(PrFeed) none = pr_feed_parse (page, strlen (page), "https://x.example/", NULL, &error);

  g_assert_cmpuint (feed->items->len, ==, 1);
  g_assert_nonnull (strstr (item (feed, 0)->content, "Hello"));
  g_assert_null (none);
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "https://x.example/atom"));
  g_clear_error (&error);
  g_assert_null (pr_feed_parse (xhtml, strlen (xhtml), "https://x.example/", NULL, &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "without a feed link"));
}

/* HTML's entities, undeclared (feeds written from HTML templates), are
 * read as their characters rather than refusing the feed; an entity the
 * document declares is never read, even under an HTML entity's name. */
static void
test_html_entities (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "<rss version=\"2.0\"><channel><title>Caf&eacute; &amp; Co&nbsp;News&hellip;</title>"
    "<item><title>A&nbsp;B &copy; 2025 &mdash; &#233;</title><link>https://x.example/a</link>"
    "<description>&lt;p&gt;x&amp;nbsp;y&lt;/p&gt; z&nbsp;w</description></item></channel></rss>",
    "https://x.example/feed");
  g_autoptr(PrFeed) atom = parse_ok (
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><title>E</title>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a&nbsp;b&mdash;c</p></div>"
    "</content></entry></feed>", "https://x.example/atom");
  g_autoptr(PrFeed) declared = parse_ok (
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY nbsp \"DECLARED\"><!ENTITY own \"OWN\">]>"
    "<rss version=\"2.0\"><channel><title>a&nbsp;b &own;</title></channel></rss>", NULL);
  g_autoptr(GError) error = NULL;
  static const char unknown[] = "<rss version=\"2.0\"><channel><title>Caf&bogus;</title></channel></rss>";

  g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9 & Co News\xe2\x80\xa6");
  g_assert_cmpstr (item (feed, 0)->title, ==, "A B \xc2\xa9 2025 \xe2\x80\x94 \xc3\xa9");
  g_assert_cmpstr (item (feed, 0)->summary, ==, "<p>x&nbsp;y</p> z\xc2\xa0w");
  g_assert_nonnull (strstr (item (atom, 0)->content, "a&nbsp;b&mdash;c"));
  g_assert_cmpstr (declared->title, ==, "a b");
  /* An entity neither declared nor HTML's: not well-formed, in words. */
  g_assert_null (pr_feed_parse (unknown, strlen (unknown), NULL, NULL, &error));
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bogus"));
}

/* ---- dates ---- */

static void
test_dates (void)
{
  static const struct { const char *text; const char *want; } rows[] = {
    { "Tue, 04 Mar 2025 09:00:00 GMT", "2025-03-04T09:00:00Z" },
    { "Tue, 4 Mar 2025 09:00:00 +0000", "2025-03-04T09:00:00Z" },
    { "04 Mar 2025 09:00:00 GMT", "2025-03-04T09:00:00Z" },              /* no weekday */
    { "Tue, 04 Mar 25 09:00:00 GMT", "2025-03-04T09:00:00Z" },           /* two-digit year */
    { "Tue, 04 Mar 2025 09:00 EST", "2025-03-04T09:00:00-05" },          /* no seconds, named zone */
    { "Tue, 04 Mar 2025 09:00:00 PDT", "2025-03-04T09:00:00-07" },
    { "Tue,  04  Mar  2025  09:00:00  +0100", "2025-03-04T09:00:00+01" }, /* doubled spaces */
    { "Mon, 04 Mar 2025 09:00:00 +0000 (UTC)", "2025-03-04T09:00:00Z" },  /* comment, wrong weekday */
    { "Tuesday, 04 March 2025 09:00:00 GMT", "2025-03-04T09:00:00Z" },   /* long names */
    { "Tue, 04 Mar 2025 09:00:00", "2025-03-04T09:00:00Z" },             /* no zone */
    { "Tue, 04 Mar 2025 09:00:00 +05:30", "2025-03-04T09:00:00+05:30" },
    { "Tue, 04 Mar 2025", "2025-03-04T00:00:00Z" },                      /* no time */
    { "Mar 04 2025 09:00:00 GMT", "2025-03-04T09:00:00Z" },              /* month first */
    { "2025-03-04T09:00:00Z", "2025-03-04T09:00:00Z" },                  /* RFC 3339 */
    { "2025-03-04T09:00:00.123+02:00", "2025-03-04T09:00:00.123000+02" },
    { "2025-03-04T09:00+02:00", "2025-03-04T09:00:00+02" },              /* W3C-DTF, no seconds */
    { "2025-03-04 09:00:00", "2025-03-04T09:00:00Z" },                   /* ISO in pubDate */
    { "2025-03-04", "2025-03-04T00:00:00Z" },
    { "2025-03", "2025-03-01T00:00:00Z" },
    { "2025", "2025-01-01T00:00:00Z" },
    { "Tue, 04 Mar 2025 09:00:00 Z", "2025-03-04T09:00:00Z" },           /* RFC 822's Z and UT */
    { "Tue, 04 Mar 2025 09:00:00 UT", "2025-03-04T09:00:00Z" },
    { "Tue, 4 Mar 2025 9:00:00 +0000", "2025-03-04T09:00:00Z" },         /* one-digit hour */
    { "Tue, 04-Mar-2025 09:00:00 GMT", "2025-03-04T09:00:00Z" },         /* dashes */
    { "Tue, 04 Mar 2025 09:00:00 +0000 GMT", "2025-03-04T09:00:00Z" },   /* two zones */
    { "Tue, 04 Mar 2025 09:00:00 -0000", "2025-03-04T09:00:00Z" },
    { "Tue, 04 Mar 2025 09:00:00 IST", "2025-03-04T09:00:00+05:30" },    /* India's */
    { "Tue, 04 Mar 2025 09:00:00 AEST", "2025-03-04T09:00:00+10" },
    { "Tue, 04 Mar 2025 09:00:00 HKT", "2025-03-04T09:00:00+08" },
    { "4 Mar 2025 09:00:00 UTC+1", "2025-03-04T09:00:00+01" },
    { "Tue, 4 March 2025 09:00 PM EST", "2025-03-04T21:00:00-05" },      /* AM/PM */
    { "Tue, 4 March 2025 12:30 AM EST", "2025-03-04T00:30:00-05" },
    { "Tuesday, March 4, 2025 - 09:00", "2025-03-04T09:00:00Z" },        /* a dash before the time */
    { "Mar 4, 2025", "2025-03-04T00:00:00Z" },
    { "Tue 04 Mar 2025 09:00:00 +0000", "2025-03-04T09:00:00Z" },        /* no comma */
    { "2025-03-04T09:00:00+0000", "2025-03-04T09:00:00Z" },              /* offset without colon */
    { "2025-03-04t09:00:00z", "2025-03-04T09:00:00Z" },                  /* RFC 3339 lower case */
    { "2025-03-04T09:00:00", "2025-03-04T09:00:00Z" },
    { "2025-03-04 09:00", "2025-03-04T09:00:00Z" },
    { "20250304", "2025-03-04T00:00:00Z" },                              /* ISO basic */
  };
  static const char *const bad[] = {
    "", "yesterday", "32 Mar 2025", "Tue, 04 Foo 2025", "12345678901", "Tue, 31 Feb 2025 09:00:00 GMT",
    "Tue, 04 Mar 2025 24:00:00 GMT", "2025-13", "202503", "1800-01-01", "Tue, 04 Mar 2025x 09:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) date = pr_feed_parse_date (rows[i].text);
      g_autofree char *got = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

      g_test_message ("%s → %s", rows[i].text, got);
      g_assert_cmpstr (got, ==, rows[i].want);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = pr_feed_parse_date (bad[i]);

      g_assert_null (date);
    }
}

/* ---- encodings ---- */

static PrFeed *
parse_encoded (const char *charset,
               const char *declared,
               const char *hint,
               const char *title)
{
  g_autofree char *utf8 = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"%s\"?>\n"
                                           "<rss version=\"2.0\"><channel><title>%s</title></channel></rss>\n",
                                           declared, title);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *bytes = g_convert (utf8, -1, charset, "UTF-8", NULL, &length, &error);
  PrFeed *feed;

  g_assert_no_error (error);
  feed = pr_feed_parse (bytes, length, "http://enc.example/", hint, &error);
  g_assert_no_error (error);
  return feed;
}

static void
test_encodings (void)
{
  static const struct { const char *charset; const char *title; } rows[] = {
    { "WINDOWS-1252", "Caf\xc3\xa9 \xe2\x80\x9cnews\xe2\x80\x9d \xe2\x82\xac" },
    { "ISO-8859-1", "Caf\xc3\xa9 \xc3\xa0 Z\xc3\xbcrich" },
    { "ISO-8859-2", "\xc5\x81\xc3\xb3\x64\xc5\xba" },
    { "GBK", "\xe9\x9d\x92\xe5\xb1\xb1\xe4\xba\x91\xe5\x9b\xbe" },
    { "GB2312", "\xe6\x99\xba\xe6\x85\xa7\xe5\x85\xac\xe4\xba\xa4" },
    { "SHIFT_JIS", "\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xae\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x82\xb9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(PrFeed) declared = parse_encoded (rows[i].charset, rows[i].charset, NULL, rows[i].title);
      g_autoptr(PrFeed) hinted = parse_encoded (rows[i].charset, "UTF-8", rows[i].charset, rows[i].title);

      g_test_message ("%s", rows[i].charset);
      g_assert_cmpstr (declared->title, ==, rows[i].title);
      /* The HTTP charset wins over the declaration. */
      g_assert_cmpstr (hinted->title, ==, rows[i].title);
    }

  /* UTF-16 with a BOM, whatever the hint says. */
  {
    const char *utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
                       "<title>Caf\xc3\xa9 16</title></channel></rss>";
    g_autoptr(GError) error = NULL;
    gsize length = 0;
    g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
    g_autofree char *with_bom = g_malloc (length + 2);
    g_autoptr(PrFeed) feed = NULL;

    memcpy (with_bom, "\xff\xfe", 2);
    memcpy (with_bom + 2, utf16, length);
    feed = pr_feed_parse (with_bom, length + 2, NULL, "ISO-8859-1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9 16");
  }
  {
    const char *utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
                       "<title>\xe6\x97\xa5\xe6\x9c\xac BE</title></channel></rss>";
    g_autoptr(GError) error = NULL;
    gsize length = 0;
    g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16BE", "UTF-8", NULL, &length, &error);
    g_autofree char *with_bom = g_malloc (length + 2);
    g_autoptr(PrFeed) feed = NULL;

    memcpy (with_bom, "\xfe\xff", 2);
    memcpy (with_bom + 2, utf16, length);
    feed = pr_feed_parse (with_bom, length + 2, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (feed->title, ==, "\xe6\x97\xa5\xe6\x9c\xac BE");
  }
  /* A UTF-8 BOM wins over the declaration and the HTTP charset. */
  {
    static const char bom[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                              "<rss version=\"2.0\"><channel><title>Caf\xc3\xa9</title></channel></rss>";
    g_autoptr(GError) error = NULL;
    g_autoptr(PrFeed) feed = pr_feed_parse (bom, strlen (bom), NULL, "windows-1252", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9");
  }
  /* A charset libxml2 does not know: the declaration is read. */
  {
    static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                              "<rss version=\"2.0\"><channel><title>Caf\xc3\xa9</title></channel></rss>";
    g_autoptr(GError) error = NULL;
    g_autoptr(PrFeed) feed = pr_feed_parse (doc, strlen (doc), NULL, "x-no-such-charset", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (feed->title, ==, "Caf\xc3\xa9");
  }
}

/* ---- items as releases ---- */

static void
test_item_release (void)
{
  g_autoptr(PrFeed) feed = parse_ok (
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>W</title>"
    "<item><title>Acme Robotics Opens a Plant in Lyon</title><link>https://wire.example/acme</link>"
    "<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA["
    "<p>LYON, France, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. opened a plant "
    "<a href=\"javascript:steal()\">today</a>.</p><script>document.write('pwned')</script>"
    "<p>\"We are glad,\" said Jane Doe, chief executive of Acme Robotics.</p>"
    "<img src=\"https://track.example/p.gif\" width=\"1\" height=\"1\">]]></content:encoded></item>"
    "<item><title>Summary Only Release</title><link>https://wire.example/s</link>"
    "<description>A short summary of the release.</description></item>"
    "<item><title>Dated By The Feed</title><link>https://wire.example/d</link>"
    "<pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate><description>No date in this text, a summary only.</description></item>"
    "</channel></rss>", "https://wire.example/feed");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_feed_item_to_release (item (feed, 0), &error);
  g_autoptr(PrRelease) dated = NULL;
  g_auto(GStrv) body = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  body = pr_release_dup_body (release);
  text = g_strjoinv ("\n", body);
  g_assert_cmpstr (pr_release_get_title (release), ==, "Acme Robotics Opens a Plant in Lyon");
  g_assert_cmpstr (pr_release_get_date (release), ==, "2025-03-04");
  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_CITY), ==, "Lyon");
  g_assert_cmpstr (pr_release_get_source (release), ==, "PR Newswire");
  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_ORIGIN), ==, "https://wire.example/acme");
  g_assert_null (strstr (text, "pwned"));
  g_assert_null (strstr (text, "javascript"));
  g_assert_null (strstr (text, "track.example"));

  g_assert_false (pr_feed_item_is_summary_only (item (feed, 0)));
  g_assert_true (pr_feed_item_is_summary_only (item (feed, 1)));

  dated = pr_feed_item_to_release (item (feed, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (dated), ==, "Dated By The Feed");
  g_assert_cmpstr (pr_release_get_date (dated), ==, "2025-03-05");
}

static void
test_discover (void)
{
  static const char page[] =
    "<html><head><base href=\"https://news.example/en/\">"
    "<link rel=\"stylesheet\" href=\"a.css\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"All\" href=\"feeds/all.rss\">"
    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://news.example/atom\">"
    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:x\">"
    "<link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/\">"
    "</head><body><p>News</p></body></html>";
  g_autoptr(GPtrArray) links = pr_feed_discover (page, strlen (page), "https://news.example/en/index.html");
  g_autoptr(GPtrArray) none = pr_feed_discover ("<html><body>x</body></html>", 27, "https://x.example/");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrFeed) feed = pr_feed_parse (page, strlen (page), "https://news.example/en/", NULL, &error);

  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (links, 0), ==, "https://news.example/en/feeds/all.rss");
  g_assert_cmpstr (g_ptr_array_index (links, 1), ==, "https://news.example/atom");
  g_assert_cmpuint (none->len, ==, 0);
  /* A page is not a feed; the error names the feed it links to. */
  g_assert_null (feed);
  g_assert_error (error, PR_FEED_ERROR, PR_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "https://news.example/en/feeds/all.rss"));
}

/* ---- hostile feeds ---- */

static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrFeed) feed = pr_feed_parse (data, length, "http://h.example/", NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, PR_FEED_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
test_hostile (void)
{
  static const char secret[] = "PR-FEED-SECRET-7c01";
  g_autofree char *dir = g_dir_make_tmp ("pr-feed-XXXXXX", NULL);
  g_autofree char *secret_path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *xxe = NULL;
  g_autoptr(GString) bomb = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"lol\">");
  g_autoptr(GString) many = g_string_new ("<rss version=\"2.0\"><channel><title>Many</title>");
  g_autoptr(GString) deep = g_string_new ("<rss version=\"2.0\"><channel>");
  g_autoptr(PrFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (bomb, "<!ENTITY a%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (bomb, "&a%u;", i - 1);
      g_string_append (bomb, "\">");
    }
  g_string_append (bomb, "]><rss version=\"2.0\"><channel><title>&a9;</title></channel></rss>");
  assert_refused (bomb->str, bomb->len, PR_FEED_ERROR_INVALID, "expand without bound");

  /* An external entity naming a real file: never read. */
  g_assert_true (g_file_set_contents (secret_path, secret, -1, NULL));
  xxe = g_strdup_printf ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file://%s\">]>"
                         "<rss version=\"2.0\"><channel><title>T &x;</title><item><title>I &x;</title>"
                         "<description>D &x;</description></item></channel></rss>", secret_path);
  feed = pr_feed_parse (xxe, strlen (xxe), NULL, NULL, &error);
  if (feed != NULL)
    {
      g_assert_null (strstr (feed->title, secret));
      g_assert_null (strstr (item (feed, 0)->title, secret));
      g_assert_true (item (feed, 0)->summary == NULL || strstr (item (feed, 0)->summary, secret) == NULL);
    }
  g_clear_pointer (&feed, pr_feed_free);
  g_clear_error (&error);
  g_unlink (secret_path);
  g_rmdir (dir);

  /* 100,000 items: the first 5,000 read, the rest counted. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (many, "<item><title>Item %u</title><guid>g%u</guid></item>", i, i);
  g_string_append (many, "</channel></rss>");
  feed = pr_feed_parse (many->str, many->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, PR_FEED_MAX_ITEMS);
  g_assert_cmpuint (feed->items_dropped, ==, 100000 - PR_FEED_MAX_ITEMS);
  g_clear_pointer (&feed, pr_feed_free);

  /* JSON nested 100,000 deep: refused before json-glib recurses. */
  {
    g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ");

    for (guint i = 0; i < 100000; i++)
      g_string_append (json, "[{\"a\":");
    assert_refused (json->str, json->len, PR_FEED_ERROR_INVALID, "nested");
  }

  /* Nested 100,000 deep: libxml2 stops at its limit, in words. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<x>");
  assert_refused (deep->str, deep->len, PR_FEED_ERROR_INVALID, NULL);

  assert_refused ("<?xml version=\"1.0\"?><svg/>", 27, PR_FEED_ERROR_NOT_A_FEED, "another kind (<svg>)");
  assert_refused ("<html><body><p>x</p></body></html>", 34, PR_FEED_ERROR_NOT_A_FEED, "without a feed link");
  assert_refused ("{\"a\": 1}", 8, PR_FEED_ERROR_NOT_A_FEED, "JSON Feed");
  assert_refused ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", 56, PR_FEED_ERROR_INVALID, NULL);
  assert_refused ("<rss version=\"2.0\"><channel><title>Cut", 38, PR_FEED_ERROR_INVALID, "not well-formed");
  assert_refused ("   \n", 4, PR_FEED_ERROR_EMPTY, NULL);
  assert_refused ("<rss", PR_FEED_MAX_SIZE + 1, PR_FEED_ERROR_TOO_LARGE, "16 MB");

  /* Invalid UTF-8 in a UTF-8 feed: refused in words, never crashes. */
  {
    static const char bad[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                              "<title>Caf\xe9 \xff</title></channel></rss>";

    assert_refused (bad, strlen (bad), PR_FEED_ERROR_INVALID, NULL);
  }
}

/* ---- the corpus, as feeds ---- */

static void
test_corpus (gconstpointer data)
{
  CorpusFeed dialect = GPOINTER_TO_UINT (data);
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(PrFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *name = NULL;
  guint checked = 0, matched = 0;

  if (table == NULL)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autofree char *raw = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
      g_ptr_array_add (texts, pr_text_decode (raw, length, NULL));
      /* The wire's title, as its feeds give it. */
      g_ptr_array_add (titles, cells[1] != NULL && *cells[1] != '\0' ? cells[1] : NULL);
    }
  xml = corpus_feed_build (dialect, texts, titles, "https://corpus.example");
  feed = pr_feed_parse (xml, strlen (xml), "https://corpus.example/feed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, table->rows->len);

  for (guint i = 0; i < feed->items->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autoptr(GError) item_error = NULL;
      g_autoptr(PrRelease) release = pr_feed_item_to_release (item (feed, i), &item_error);
      g_autofree char *label = g_strdup_printf ("%s as a %s item", cells[0], corpus_feed_name (dialect));

      if (release == NULL)
        g_test_message ("%s: %s", label, item_error->message);
      corpus_score_row (table, cells, release, label, &checked, &matched);
    }
  name = g_strdup_printf ("corpus as %s items", corpus_feed_name (dialect));
  g_assert_cmpfloat (corpus_score_percent (name, matched, checked), >=, PASS_MARK);
}

/* The wires' shape: summary-only items with tracking links to release
 * pages; each item is summary-only, its link kept as given, and its page
 * (read as the refresh reads it) scores as the corpus does. */
static void
test_corpus_summaries (void)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(PrFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  guint checked = 0, matched = 0;

  if (table == NULL)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autofree char *raw = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
      g_ptr_array_add (texts, pr_text_decode (raw, length, NULL));
      g_ptr_array_add (titles, cells[1] != NULL && *cells[1] != '\0' ? cells[1] : NULL);
    }
  xml = corpus_feed_build_summaries (texts, titles, "https://wire.example");
  feed = pr_feed_parse (xml, strlen (xml), "https://wire.example/rss/all.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->items->len, ==, table->rows->len);
  g_assert_cmpuint (feed->ttl_minutes, ==, 15);

  for (guint i = 0; i < feed->items->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      PrFeedItem *it = item (feed, i);
      g_autofree char *link = corpus_feed_summary_link ("https://wire.example", i);
      g_autofree char *page = corpus_feed_page (g_ptr_array_index (texts, i), g_ptr_array_index (titles, i));
      g_autofree char *label = g_strdup_printf ("%s as a summary-only item's page", cells[0]);
      g_autoptr(PrRelease) teaser = NULL;
      g_autoptr(PrRelease) release = NULL;
      g_autoptr(GError) item_error = NULL;
      g_auto(GStrv) body = NULL;
      g_autofree char *text = NULL;

      g_assert_true (pr_feed_item_is_summary_only (it));
      g_assert_null (it->content);
      g_assert_cmpstr (it->link, ==, link);
      g_assert_cmpstr (it->author, ==, "Corpus Wire");
      g_assert_nonnull (it->published);
      /* The summary alone still makes a release, without the pixel. */
      teaser = pr_feed_item_to_release (it, &item_error);
      g_assert_no_error (item_error);
      body = pr_release_dup_body (teaser);
      text = g_strjoinv ("\n", body);
      g_assert_null (strstr (text, "track.example"));
      g_assert_null (strstr (text, "pixel"));

      release = pr_html_read (page, strlen (page), it->link, "UTF-8", &item_error);
      if (release == NULL)
        g_test_message ("%s: %s", label, item_error->message);
      corpus_score_row (table, cells, release, label, &checked, &matched);
    }
  g_assert_cmpfloat (corpus_score_percent ("corpus as summary-only items' pages", matched, checked), >=,
                     PASS_MARK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/feed/rss2", test_rss2);
  g_test_add_func ("/core/feed/rss091-rdf", test_rss091_rdf);
  g_test_add_func ("/core/feed/atom", test_atom);
  g_test_add_func ("/core/feed/json-feed", test_json_feed);
  g_test_add_func ("/core/feed/media", test_media);
  g_test_add_func ("/core/feed/html-inside", test_html_inside);
  g_test_add_func ("/core/feed/html-entities", test_html_entities);
  g_test_add_func ("/core/feed/dates", test_dates);
  g_test_add_func ("/core/feed/encodings", test_encodings);
  g_test_add_func ("/core/feed/item-release", test_item_release);
  g_test_add_func ("/core/feed/discover", test_discover);
  g_test_add_func ("/core/feed/hostile", test_hostile);
  for (CorpusFeed dialect = 0; dialect < CORPUS_N_FEEDS; dialect++)
    {
      g_autofree char *path = g_strdup_printf ("/core/feed/corpus/%s", corpus_feed_name (dialect));

      g_test_add_data_func (path, GUINT_TO_POINTER (dialect), test_corpus);
    }
  g_test_add_func ("/core/feed/corpus/summaries", test_corpus_summaries);
  return g_test_run ();
}
