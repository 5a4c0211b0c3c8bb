/* corpus-pages.c: a corpus release wrapped as the web page that would
 * carry it
 *
 * The text is split as a page shows it: the headline (what the text parser
 * finds as one) becomes the <h1>; each blank-line-separated block a
 * paragraph (hard-wrapped lines joined by the page's white space), a list
 * (bullet or indented lines) or a line-broken block (short lines:
 * contacts, addresses); a scraper's " date YYYY-MM-DD" header line the
 * page's date. The wire pages follow the structures in
 * data/site-profiles.json (docs/parser.md says where they come from); the
 * newsroom and the portal are made up, the portal with all the furniture
 * such sites carry. */
#include <stdio.h>
#include <string.h>

#include "corpus-pages.h"
#include "pr-dateline.h"
#include "pr-parser.h"
#include "pr-text.h"

static const char * const names[] = {
  "prnewswire", "globenewswire", "businesswire", "accessnewswire", "newsfile", "einpresswire",
  "newsroom", "portal",
};

const char *
corpus_page_name (CorpusPage page)
{
  return names[page];
}

/* ---- Escaping ----------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

/* A JSON string, safe inside <script>. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20 || *p == '<')
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* ---- The text, split ---------------------------------------------------- */

typedef struct {
  char      *headline;  /* NULL when the text has none */
  char      *date;      /* YYYY-MM-DD, or NULL */
  GPtrArray *blocks;    /* GStrv: the lines of each block */
} Split;

static void
split_clear (Split *split)
{
  g_free (split->headline);
  g_free (split->date);
  g_clear_pointer (&split->blocks, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Split, split_clear)

static char *
joined (char **lines)
{
  g_autofree char *text = g_strjoinv (" ", lines);

  return pr_text_collapse_space (text);
}

static void
split_text (const char *text,
            Split      *split)
{
  g_autoptr(PrRelease) release = pr_parse_text (text, strlen (text), "corpus", NULL);
  g_autoptr(GRegex) header = g_regex_new ("^\\s*date\\s+((?:19|20)\\d\\d-\\d\\d(?:-\\d\\d)?)\\b\\s*(.*)$", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) block = NULL;
  gboolean first = TRUE;

  split->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  lines = g_strsplit (g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      char *line = g_strchomp (lines[i]);

      if (*line == '\0')
        {
          if (block != NULL)
            {
              g_ptr_array_add (block, NULL);
              g_ptr_array_add (split->blocks, g_ptr_array_steal (block, NULL));
              g_clear_pointer (&block, g_ptr_array_unref);
            }
          continue;
        }
      /* " date 2023-08-18 BEIJING, …": the page's date, and a paragraph
       * if the rest is one (not "checkAd" or a time stamp). */
      if (first && g_regex_match (header, line, 0, &info))
        {
          g_autofree char *date = g_match_info_fetch (info, 1);
          g_autofree char *rest = g_match_info_fetch (info, 2);

          first = FALSE;
          if (strlen (date) == 10)
            split->date = g_steal_pointer (&date);
          if (strlen (rest) < 40)
            continue;
          memmove (line, line + (strlen (line) - strlen (rest)), strlen (rest) + 1);
        }
      first = FALSE;
      if (block == NULL)
        block = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (block, g_strdup (line));
    }
  if (block != NULL)
    {
      g_ptr_array_add (block, NULL);
      g_ptr_array_add (split->blocks, g_ptr_array_steal (block, NULL));
    }

  if (release != NULL && !pr_release_get_title_derived (release) && split->blocks->len > 0)
    {
      g_autofree char *top = joined (g_ptr_array_index (split->blocks, 0));

      if (g_strcmp0 (top, pr_release_get_title (release)) == 0)
        {
          split->headline = g_steal_pointer (&top);
          g_ptr_array_remove_index (split->blocks, 0);
        }
    }
  if (split->date == NULL && release != NULL)
    split->date = g_strdup (pr_release_get_date (release));
}

/* ---- Blocks ------------------------------------------------------------- */

static gboolean
is_bullet (const char *line)
{
  static GRegex *bullet;

  if (g_once_init_enter (&bullet))
    g_once_init_leave (&bullet, g_regex_new ("^\\s*(?:[-*•·▪]|o(?=\\s)|\\d{1,2}[.)])\\s+\\S", 0, 0, NULL));
  return g_regex_match (bullet, line, 0, NULL);
}

static const char *
past_bullet (const char *line)
{
  line += strspn (line, " \t");
  if (g_str_has_prefix (line, "•") || g_str_has_prefix (line, "·") || g_str_has_prefix (line, "▪"))
    line = g_utf8_next_char (line);
  else
    while (*line && *line != ' ' && *line != '\t')
      line++;
  return line + strspn (line, " \t");
}

/* The dateline's place and date as PR Newswire marks them up. */
static gboolean
append_marked_dateline (GString    *out,
                        const char *text)
{
  PrDateline dl;
  gsize place_end, date_start, date_end;

  if (pr_dateline_match (text, &dl) != PR_DATELINE_STRONG)
    {
      if (dl.strength != PR_DATELINE_NONE)
        pr_dateline_clear (&dl);
      return FALSE;
    }
  place_end = dl.place != NULL && g_str_has_prefix (text, dl.place) ? strlen (dl.place) : 0;
  date_start = dl.has_date ? dl.date.start : place_end;
  date_end = dl.has_date ? dl.date.end : place_end;
  if (place_end == 0 || date_start < place_end || date_end > strlen (text))
    {
      pr_dateline_clear (&dl);
      return FALSE;
    }
  g_string_append (out, "<p><span class=\"legendSpanClass\"><span class=\"xn-location\">");
  append_escaped (out, text, place_end);
  g_string_append (out, "</span></span>");
  append_escaped (out, text + place_end, date_start - place_end);
  if (date_end > date_start)
    {
      g_string_append (out, "<span class=\"legendSpanClass\"><span class=\"xn-chron\">");
      append_escaped (out, text + date_start, date_end - date_start);
      g_string_append (out, "</span></span>");
    }
  append_escaped (out, text + date_end, -1);
  g_string_append (out, "</p>\n");
  pr_dateline_clear (&dl);
  return TRUE;
}

static void
append_block (GString  *out,
              char    **lines,
              gboolean *mark_dateline)
{
  guint n = g_strv_length (lines);
  gboolean bullets = TRUE, indented = n >= 2, short_lines = n >= 2;

  for (guint i = 0; i < n; i++)
    {
      bullets &= is_bullet (lines[i]);
      indented &= g_str_has_prefix (lines[i], "  ");
      short_lines &= g_utf8_strlen (lines[i], -1) <= 60;
    }

  if (*mark_dateline)
    {
      g_autofree char *text = joined (lines);

      if (append_marked_dateline (out, text))
        {
          *mark_dateline = FALSE;
          return;
        }
    }

  if (bullets || indented)
    {
      g_string_append (out, "<ul>\n");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (out, "<li>");
          append_escaped (out, bullets ? past_bullet (lines[i]) : lines[i] + strspn (lines[i], " \t"), -1);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  else
    {
      g_string_append (out, "<p>");
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (out, short_lines ? "<br>\n" : "\n");
          append_escaped (out, lines[i] + (short_lines ? strspn (lines[i], " \t") : 0), -1);
        }
      g_string_append (out, "</p>\n");
    }
}

static char *
body_html (Split    *split,
           gboolean  mark_dateline,
           gboolean  portal)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < split->blocks->len; i++)
    {
      append_block (out, g_ptr_array_index (split->blocks, i), &mark_dateline);
      if (i >= 4)
        mark_dateline = FALSE;
      /* What a portal puts between a release's paragraphs. */
      if (portal && i == 1)
        g_string_append (out, "<div class=\"ad-slot ad-inline\"><span>Advertisement</span>"
                              "<a href=\"https://ads.example.net/c?id=1\"><img src=\"https://ads.example.net/b.jpg\" "
                              "alt=\"Buy widgets\" width=\"300\" height=\"250\"></a></div>\n");
      if (portal && i == 2)
        g_string_append (out, "<p class=\"read-also\"><strong>Read also:</strong> <a href=\"/business/"
                              "markets-close-higher\">Markets close higher on strong earnings</a></p>\n");
    }
  return g_string_free (out, FALSE);
}

/* ---- Pages -------------------------------------------------------------- */

static char *
long_date (const char *iso)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup ("");
  return g_strdup_printf ("%s %d, %d", months[m - 1], d, y);
}

static void
head (GString    *out,
      Split      *split,
      const char *title_suffix,
      const char *site,
      const char *canonical)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  append_escaped (out, split->headline != NULL ? split->headline : "News", -1);
  g_string_append_printf (out, "%s</title>\n", title_suffix);
  if (site != NULL)
    {
      g_string_append (out, "<meta property=\"og:site_name\" content=\"");
      append_escaped (out, site, -1);
      g_string_append (out, "\">\n");
    }
  if (split->headline != NULL)
    {
      g_string_append (out, "<meta property=\"og:title\" content=\"");
      append_escaped (out, split->headline, -1);
      g_string_append (out, "\">\n");
    }
  g_string_append_printf (out, "<link rel=\"canonical\" href=\"%s\">\n"
                               "<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
                               "<script src=\"/static/analytics.js\" async></script>\n", canonical);
}

static void
time_element (GString *out,
              Split   *split)
{
  g_autofree char *shown = long_date (split->date);

  if (split->date != NULL)
    g_string_append_printf (out, "<time datetime=\"%sT09:00:00Z\">%s</time>", split->date, shown);
}

static void
headline_element (GString    *out,
                  Split      *split,
                  const char *open,
                  const char *close)
{
  if (split->headline == NULL)
    return;
  g_string_append (out, open);
  append_escaped (out, split->headline, -1);
  g_string_append (out, close);
  g_string_append_c (out, '\n');
}

static const char site_nav[] =
  "<header class=\"site-header\"><a class=\"logo\" href=\"/\"><img src=\"/logo.svg\" alt=\"Home\"></a>\n"
  "<nav class=\"main-nav\"><ul><li><a href=\"/news\">News</a></li><li><a href=\"/products\">Products</a></li>"
  "<li><a href=\"/contact\">Contact</a></li><li><a href=\"/login\">Client Login</a></li></ul></nav></header>\n";

static const char site_footer[] =
  "<footer class=\"site-footer\"><p>© 2025 The publisher. All rights reserved. Use of this site is "
  "subject to our terms of use and privacy policy.</p><ul><li><a href=\"/terms\">Terms</a></li>"
  "<li><a href=\"/privacy\">Privacy</a></li></ul></footer>\n</body>\n</html>\n";

static void
wire_page (GString    *out,
           CorpusPage  page,
           Split      *split,
           guint       index)
{
  g_autofree char *body = body_html (split, page == CORPUS_PAGE_PRNEWSWIRE, FALSE);
  g_autofree char *shown = long_date (split->date);

  switch (page)
    {
    case CORPUS_PAGE_PRNEWSWIRE:
      {
        g_autofree char *canonical = g_strdup_printf ("https://www.prnewswire.com/news-releases/release-%u.html",
                                                      300000 + index);

        head (out, split, "", "PR Newswire", canonical);
        g_string_append (out, "</head>\n<body>\n");
        g_string_append (out, site_nav);
        g_string_append (out, "<main><article class=\"news-release-detail\"><header class=\"container release-header\">"
                              "<div class=\"detail-headline\">");
        headline_element (out, split, "<h1>", "</h1>");
        g_string_append (out, "</div><div class=\"row\"><p>News provided by <a href=\"/news/example\">"
                              "<strong>The issuer</strong></a></p>");
        if (split->date != NULL)
          g_string_append_printf (out, "<p class=\"mb-no\">%s, 09:00 ET</p>", shown);
        g_string_append (out, "</div><div class=\"social-share\"><a href=\"#\">Share this article</a></div></header>\n"
                              "<section class=\"release-body container\"><div class=\"row\">"
                              "<div class=\"col-lg-10 col-lg-offset-1\">\n");
        g_string_append (out, body);
        g_string_append (out, "</div></div></section>\n</article>\n"
                              "<div class=\"container\"><h2>More news releases in similar topics</h2><ul>"
                              "<li><a href=\"/news-releases/other-1.html\">Another company names a new chief "
                              "financial officer</a></li><li><a href=\"/news-releases/other-2.html\">A third "
                              "company reports quarterly results</a></li></ul></div></main>\n");
        break;
      }
    case CORPUS_PAGE_GLOBENEWSWIRE:
      {
        g_autofree char *canonical = g_strdup_printf ("https://www.globenewswire.com/news-release/2020/10/27/%u/0/"
                                                      "en/release.html", 2100000 + index);

        head (out, split, "", NULL, canonical);
        g_string_append (out, "</head>\n<body>\n");
        g_string_append (out, site_nav);
        g_string_append (out, "<div id=\"container-article\"><div class=\"main-container-content\">"
                              "<div class=\"main-header-container\">");
        headline_element (out, split, "<h1 class=\"article-headline\">", "</h1>");
        g_string_append (out, "<p><span class=\"article-published\">");
        time_element (out, split);
        g_string_append (out, "</span> | Source: <span class=\"article-source\">The issuer</span></p></div>\n"
                              "<div id=\"main-body-container\" class=\"main-body-container article-body\" "
                              "itemprop=\"articleBody\">\n");
        g_string_append (out, body);
        g_string_append (out, "</div>\n<div class=\"main-tags-attachments-container\"><h3>Tags</h3><ul>"
                              "<li><a href=\"/tag/x\">Hiring</a></li></ul></div></div></div>\n");
        break;
      }
    case CORPUS_PAGE_BUSINESSWIRE:
      {
        g_autofree char *canonical = g_strdup_printf ("https://www.businesswire.com/news/home/%u/en/", 20200000 + index);

        head (out, split, " | Business Wire", "Business Wire", canonical);
        g_string_append (out, "</head>\n<body>\n");
        g_string_append (out, site_nav);
        g_string_append (out, "<div id=\"bw-news-view\"><article class=\"bw-release\"><header class=\"bw-release-header\">");
        headline_element (out, split, "<h1 class=\"epi-fontLg bwalignc\"><b>", "</b></h1>");
        g_string_append (out, "</header><div class=\"bw-release-timestamp\">");
        time_element (out, split);
        g_string_append (out, "</div><div class=\"bw-release-main\"><div class=\"bw-release-story\">\n");
        g_string_append (out, body);
        g_string_append (out, "</div></div><div class=\"bw-release-sidebars\"><h2>Social Media Profiles</h2>"
                              "<ul><li><a href=\"https://twitter.com/x\">Twitter</a></li></ul></div></article></div>\n");
        break;
      }
    default:
      {
        static const char * const hosts[] = {
          "www.accessnewswire.com/newsroom/en/release", "www.newsfilecorp.com/release",
          "www.einpresswire.com/article",
        };
        static const char * const opens[] = {
          "<div class=\"release-body\">", "<div class=\"article-content\">",
          "<div class=\"article_column\"><div itemprop=\"articleBody\">",
        };
        static const char * const closes[] = { "</div>", "</div>", "</div></div>" };
        guint k = page - CORPUS_PAGE_ACCESSNEWSWIRE;
        g_autofree char *canonical = g_strdup_printf ("https://%s/%u/release", hosts[k], 900000 + index);

        head (out, split, "", NULL, canonical);
        g_string_append (out, "</head>\n<body>\n");
        g_string_append (out, site_nav);
        g_string_append (out, "<div class=\"container\"><div class=\"release-header\">");
        headline_element (out, split, "<h1 class=\"release-title\">", "</h1>");
        time_element (out, split);
        g_string_append (out, "</div>\n");
        g_string_append (out, opens[k]);
        g_string_append (out, body);
        g_string_append (out, closes[k]);
        g_string_append (out, "\n<div class=\"more-releases\"><h3>More releases from this wire</h3>"
                              "<p><a href=\"/r/1\">Another release with a headline</a> — a teaser that runs "
                              "for a sentence or so.</p></div></div>\n");
        break;
      }
    }
  g_string_append (out, site_footer);
}

static void
newsroom_page (GString *out,
               Split   *split,
               guint    index)
{
  g_autofree char *body = body_html (split, FALSE, FALSE);
  g_autofree char *canonical = g_strdup_printf ("https://news.example.com/releases/%u", index);

  head (out, split, " | Example Company Newsroom", "Example Company Newsroom", canonical);
  g_string_append (out, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
                        "{\"@type\":\"WebSite\",\"name\":\"Example Company Newsroom\"},{\"@type\":\"NewsArticle\"");
  if (split->headline != NULL)
    {
      g_string_append (out, ",\"headline\":");
      append_json_string (out, split->headline);
    }
  if (split->date != NULL)
    g_string_append_printf (out, ",\"datePublished\":\"%sT09:00:00+00:00\"", split->date);
  g_string_append (out, ",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example Company\"}}]}</script>\n"
                        "</head>\n<body>\n");
  g_string_append (out, site_nav);
  g_string_append (out, "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Newsroom</a> › "
                        "<a href=\"/releases\">Press releases</a></nav>\n<main id=\"content\"><article "
                        "class=\"press-release\">\n");
  headline_element (out, split, "<h1 class=\"entry-title\">", "</h1>");
  g_string_append (out, "<div class=\"entry-meta\">");
  time_element (out, split);
  g_string_append (out, "</div>\n<div class=\"entry-content\">\n");
  g_string_append (out, body);
  g_string_append (out, "</div>\n<div class=\"share-links\"><span>Share</span> <a href=\"https://www.linkedin.com/"
                        "shareArticle?url=x\">LinkedIn</a> <a href=\"https://twitter.com/intent/tweet?url=x\">X</a>"
                        "</div>\n</article></main>\n");
  g_string_append (out, site_footer);
}

static const char portal_furniture_top[] =
  "<div id=\"cookie-banner\" class=\"cookie-consent\"><p>We and our partners use cookies to personalise "
  "content and ads, to provide social media features and to analyse our traffic. By continuing to use this "
  "site you consent to our use of cookies.</p><button>Accept all</button><button>Settings</button></div>\n"
  "<div class=\"top-bar\"><span class=\"today\">Today's edition</span> <a href=\"/subscribe\">Subscribe</a> "
  "<a href=\"/login\">Sign in</a></div>\n"
  "<header class=\"masthead\"><a href=\"/\" class=\"brand\">Daily Business Portal</a>\n"
  "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/business\">Business</a></li><li><a href=\"/markets\">"
  "Markets</a></li><li><a href=\"/tech\">Technology</a></li><li><a href=\"/world\">World</a></li><li><a "
  "href=\"/opinion\">Opinion</a></li><li><a href=\"/press-releases\">Press releases</a></li></ul></nav></header>\n"
  "<div class=\"ad-leaderboard\"><a href=\"https://ads.example.net/c?id=7\"><img src=\"https://ads.example.net/"
  "l.jpg\" alt=\"Advertisement\" width=\"728\" height=\"90\"></a></div>\n"
  "<ol class=\"breadcrumb\"><li><a href=\"/\">Home</a></li><li><a href=\"/press-releases\">Press releases</a></li>"
  "</ol>\n";

static const char portal_furniture_bottom[] =
  "<div class=\"trending-now\"><h2>Trending now</h2><ul><li><a href=\"/a/1\">Central bank holds rates steady "
  "for a third month</a></li><li><a href=\"/a/2\">Retail sales rise more than expected in the spring</a></li>"
  "<li><a href=\"/a/3\">Oil prices slip as supply concerns ease</a></li></ul></div>\n"
  "<section class=\"related-news\"><h2>Related news</h2><div class=\"teaser\"><h3><a href=\"/a/4\">Another "
  "company opens a plant in the region</a></h3><p>The plant will employ two hundred people when it opens next "
  "spring, the company said in a statement on Monday.</p></div><div class=\"teaser\"><h3><a href=\"/a/5\">"
  "Regional exports reach a record high</a></h3><p>Exports rose for the sixth month in a row, led by machinery "
  "and chemicals, according to figures released on Tuesday.</p></div></section>\n"
  "<div class=\"more-stories\"><div class=\"story-card\"><h3><a href=\"/a/6\">Markets close higher on strong "
  "earnings</a></h3><p>Shares rose across the board on Thursday as several large companies reported earnings "
  "above what analysts had expected for the quarter.</p></div><div class=\"story-card\"><h3><a href=\"/a/7\">"
  "Startups raise record funding</a></h3><p>Young companies in the region raised more money in the first half "
  "than in any full year before, investors said this week.</p></div></div>\n"
  "<div class=\"comments\"><h2>Comments</h2><p>Comments are closed for this article. Read our community "
  "guidelines before you post on other articles.</p></div>\n";

static void
portal_page (GString *out,
             Split   *split,
             guint    index)
{
  g_autofree char *body = body_html (split, FALSE, TRUE);
  g_autofree char *canonical = g_strdup_printf ("https://www.dailybusinessportal.example/press-releases/%u", index);

  head (out, split, " | Daily Business Portal", "Daily Business Portal", canonical);
  if (split->date != NULL)
    g_string_append_printf (out, "<meta property=\"article:published_time\" content=\"%sT09:00:00Z\">\n",
                            split->date);
  g_string_append (out, "</head>\n<body class=\"article-page\">\n");
  g_string_append (out, portal_furniture_top);
  g_string_append (out, "<div class=\"page\"><main class=\"content-area\"><article class=\"story\">\n"
                        "<header class=\"story-header\"><span class=\"kicker\">Press release</span>\n");
  headline_element (out, split, "<h1 class=\"headline\">", "</h1>");
  g_string_append (out, "<div class=\"byline\">By Portal Staff · ");
  time_element (out, split);
  g_string_append (out, "</div></header>\n<div class=\"share-toolbar\"><a href=\"https://www.facebook.com/sharer/"
                        "sharer.php?u=x\">Facebook</a> <a href=\"https://twitter.com/intent/tweet?url=x\">Twitter</a>"
                        " <a href=\"mailto:?subject=x\">Email</a> <a href=\"javascript:window.print()\">Print</a>"
                        "</div>\n<div class=\"story-body\">\n");
  g_string_append (out, body);
  g_string_append (out, "</div>\n<div class=\"newsletter-signup\"><h3>Get the morning briefing</h3><p>The day's "
                        "business news in your inbox before breakfast, every weekday.</p><form><input type=\"email\">"
                        "<button>Subscribe</button></form></div>\n<p class=\"disclaimer\"><em>The portal is not "
                        "responsible for the content of press releases.</em></p>\n</article>\n");
  g_string_append (out, portal_furniture_bottom);
  g_string_append (out, "</main>\n<aside class=\"sidebar\"><h2>Most read</h2><ol><li><a href=\"/a/8\">Five things "
                        "to know before the markets open</a></li><li><a href=\"/a/9\">The week ahead in "
                        "business</a></li></ol><div class=\"widget\"><p>Sponsored: a paragraph of advertising "
                        "copy about investment products that reads like text but is not the release.</p></div>"
                        "</aside></div>\n<img src=\"https://pixel.example.net/t.gif?id=1\" width=\"1\" height=\"1\" alt=\"\">\n");
  g_string_append (out, site_footer);
}

char *
corpus_page_build (CorpusPage  page,
                   const char *text,
                   guint       index)
{
  g_auto(Split) split = { 0 };
  GString *out = g_string_new (NULL);

  split_text (text, &split);
  if (page == CORPUS_PAGE_NEWSROOM)
    newsroom_page (out, &split, index);
  else if (page == CORPUS_PAGE_PORTAL)
    portal_page (out, &split, index);
  else
    wire_page (out, page, &split, index);
  return g_string_free (out, FALSE);
}
