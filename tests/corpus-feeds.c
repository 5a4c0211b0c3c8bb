/* corpus-feeds.c: the corpus releases as feeds, in each dialect */
#include <json-glib/json-glib.h>
#include <string.h>

#include "corpus-feeds.h"

static const char *const names[CORPUS_N_FEEDS] = {
  "rss", "rdf", "atom", "json-html", "json-text",
};

const char *
corpus_feed_name (CorpusFeed dialect)
{
  return names[dialect];
}

char *
corpus_feed_html (const char *text)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  GString *out = g_string_new (NULL);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      lines = g_strsplit (paragraphs[i], "\n", -1);
      g_string_append (out, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = g_markup_escape_text (lines[j], -1);

          g_string_append_printf (out, "%s%s", j > 0 ? "<br/>" : "", line);
        }
      g_string_append (out, "</p>\n");
    }
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

char *
corpus_feed_build (CorpusFeed  dialect,
                   GPtrArray  *texts,
                   GPtrArray  *titles,
                   const char *base)
{
  GString *out = g_string_new (NULL);

  if (dialect == CORPUS_FEED_JSON_HTML || dialect == CORPUS_FEED_JSON_TEXT)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, dialect == CORPUS_FEED_JSON_HTML
                                     ? "https://jsonfeed.org/version/1.1" : "https://jsonfeed.org/version/1");
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, "Corpus Wire");
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < texts->len; i++)
        {
          g_autofree char *id = g_strdup_printf ("%s/release/%u", base, i);
          const char *title = g_ptr_array_index (titles, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, id);
          if (title != NULL)
            {
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, title);
            }
          if (dialect == CORPUS_FEED_JSON_HTML)
            {
              g_autofree char *html = corpus_feed_html (g_ptr_array_index (texts, i));

              json_builder_set_member_name (builder, "content_html");
              json_builder_add_string_value (builder, html);
            }
          else
            {
              json_builder_set_member_name (builder, "content_text");
              json_builder_add_string_value (builder, g_ptr_array_index (texts, i));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      g_string_append (out, json);
      return g_string_free (out, FALSE);
    }

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  if (dialect == CORPUS_FEED_RSS)
    g_string_append_printf (out, "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                                 "<channel><title>Corpus Wire</title><link>%s/</link>\n", base);
  else if (dialect == CORPUS_FEED_RDF)
    g_string_append_printf (out, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                                 "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                                 "<channel rdf:about=\"%s/\"><title>Corpus Wire</title><link>%s/</link></channel>\n",
                            base, base);
  else
    g_string_append_printf (out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"%s/news/\">"
                                 "<title>Corpus Wire</title><id>urn:corpus</id>"
                                 "<updated>2025-03-04T09:00:00Z</updated>\n", base);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *html = corpus_feed_html (g_ptr_array_index (texts, i));
      const char *title = g_ptr_array_index (titles, i);

      if (dialect == CORPUS_FEED_RSS)
        {
          g_string_append (out, "<item>");
          if (title != NULL)
            {
              g_string_append (out, "<title>");
              append_escaped (out, title);
              g_string_append (out, "</title>");
            }
          g_string_append_printf (out, "<link>%s/release/%u</link><guid isPermaLink=\"false\">c-%u</guid>"
                                       "<content:encoded><![CDATA[%s]]></content:encoded></item>\n",
                                  base, i, i, html);
        }
      else if (dialect == CORPUS_FEED_RDF)
        {
          g_string_append_printf (out, "<item rdf:about=\"%s/release/%u\">", base, i);
          if (title != NULL)
            {
              g_string_append (out, "<title>");
              append_escaped (out, title);
              g_string_append (out, "</title>");
            }
          g_string_append_printf (out, "<link>%s/release/%u</link><description>", base, i);
          append_escaped (out, html);
          g_string_append (out, "</description></item>\n");
        }
      else
        {
          g_string_append (out, "<entry>");
          if (title != NULL)
            {
              g_string_append (out, "<title>");
              append_escaped (out, title);
              g_string_append (out, "</title>");
            }
          /* Relative to the feed's xml:base. */
          g_string_append_printf (out, "<id>urn:corpus:%u</id><link href=\"../release/%u\"/>"
                                       "<updated>2031-01-06T09:00:00Z</updated>"
                                       "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">%s</div>"
                                       "</content></entry>\n", i, i, html);
        }
    }
  if (dialect == CORPUS_FEED_RSS)
    g_string_append (out, "</channel></rss>\n");
  else if (dialect == CORPUS_FEED_RDF)
    g_string_append (out, "</rdf:RDF>\n");
  else
    g_string_append (out, "</feed>\n");
  return g_string_free (out, FALSE);
}

char *
corpus_feed_summary_link (const char *base,
                          guint       i)
{
  return g_strdup_printf ("%s/news-releases/release-%u.html?tc=rss&utm_source=rss&utm_medium=feed", base, i);
}

char *
corpus_feed_page (const char *text,
                  const char *title)
{
  g_autofree char *html = corpus_feed_html (text);
  g_autofree char *escaped = title != NULL ? g_markup_escape_text (title, -1) : NULL;

  return g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                          "<body><header><nav><a href=\"/\">Home</a></nav></header><main><article>"
                          "%s%s%s%s</article></main><footer>Copyright the wire</footer></body></html>\n",
                          escaped != NULL ? escaped : "", escaped != NULL ? "<h1>" : "",
                          escaped != NULL ? escaped : "", escaped != NULL ? "</h1>" : "", html);
}

/* The first @count words of @text, and at most 100 characters (a word
 * of Chinese or Japanese is a character). */
static char *
first_words (const char *text,
             guint       count)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; words[i] != NULL && n < count; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", n++ > 0 ? " " : "", words[i]);
  if (g_utf8_strlen (out->str, -1) > 100)
    {
      g_autofree char *cut = g_utf8_substring (out->str, 0, 100);

      g_string_assign (out, cut);
    }
  g_string_append (out, " ...");
  return g_string_free (out, FALSE);
}

char *
corpus_feed_build_summaries (GPtrArray  *texts,
                             GPtrArray  *titles,
                             const char *base)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append_printf (out, "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                               "<channel><title>Corpus Wire: All News</title><link>%s/</link>"
                               "<ttl>15</ttl>\n", base);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *link = corpus_feed_summary_link (base, i);
      g_autofree char *words = first_words (g_ptr_array_index (texts, i), 40);
      g_autofree char *summary = g_strdup_printf ("<p>%s</p><img src=\"https://track.example/pixel.gif?i=%u\" "
                                                  "width=\"1\" height=\"1\">", words, i);
      const char *title = g_ptr_array_index (titles, i);

      g_string_append (out, "<item>");
      if (title != NULL)
        {
          g_string_append (out, "<title>");
          append_escaped (out, title);
          g_string_append (out, "</title>");
        }
      g_string_append (out, "<link>");
      append_escaped (out, link);
      g_string_append_printf (out, "</link><guid isPermaLink=\"false\">corpus-%u</guid>"
                                   "<pubDate>Tue, 04 Mar 2025 %02u:%02u:00 GMT</pubDate>"
                                   "<dc:creator>Corpus Wire</dc:creator><description>",
                              i, 8 + i / 60 % 12, i % 60);
      append_escaped (out, summary);
      g_string_append (out, "</description></item>\n");
    }
  g_string_append (out, "</channel></rss>\n");
  return g_string_free (out, FALSE);
}
