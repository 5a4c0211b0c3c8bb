/* news-fixtures.c: a corpus release wrapped as a NewsML-G2 news item and
 * as ninjs, for the readers' tests
 *
 * The text is split as a producer of news items holds it: the headline
 * (what the text parser finds as one) goes to the metadata; each
 * blank-line-separated block becomes a paragraph (hard-wrapped lines
 * joined, split where the parser would split them), a block of short
 * lines (kept as lines), a list (bullet lines) or a table (columns); a
 * scraper's " date YYYY-MM-DD" header line becomes the item's date. */
#include <string.h>

#include <json-glib/json-glib.h>

#include "corpus-score.h"
#include "news-fixtures.h"
#include "pr-core.h"
#include "pr-text.h"

/* ---- Splitting ---------------------------------------------------------- */

static GRegex *
regex (const char *pattern)
{
  GRegex *rx = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

  g_assert_nonnull (rx);
  return rx;
}

static guint
ulen (const char *text)
{
  return g_utf8_strlen (text, -1);
}

static int
cmp_uint (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The wrap width of hard-wrapped wire copy (most lines near one width,
 * lines running on), or 0: the parser's own test, in short. */
static guint
wrap_width (char **lines)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint runs = 0, p90;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint len = ulen (lines[i]);

      if (*lines[i] == '\0')
        continue;
      g_array_append_val (lengths, len);
      if (lines[i + 1] != NULL && len >= 50 && *lines[i + 1] != '\0')
        runs++;
    }
  if (lengths->len < 5)
    return 0;
  g_array_sort (lengths, cmp_uint);
  p90 = g_array_index (lengths, guint, lengths->len * 9 / 10);
  if (p90 < 50 || p90 > 110 || runs * 10 < lengths->len * 3)
    return 0;
  return p90;
}

static void
news_block_free (NewsBlock *block)
{
  g_strfreev (block->lines);
  g_free (block);
}

/* Adds a block of @lines (emptied). */
static void
add_block (NewsText      *t,
           NewsBlockKind  kind,
           GPtrArray     *lines)
{
  NewsBlock *block;

  if (lines->len == 0)
    return;
  block = g_new0 (NewsBlock, 1);
  block->kind = kind;
  g_ptr_array_add (lines, NULL);
  block->lines = (char **) g_ptr_array_steal (lines, NULL);
  g_ptr_array_add (t->blocks, block);
}

static void
append_wrapped (GString    *text,
                const char *line)
{
  /* "multi-" + "year" → "multi-year". */
  if (text->len > 1 && text->str[text->len - 1] == '-' && g_ascii_isalpha (text->str[text->len - 2]))
    g_string_append (text, line);
  else
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, line);
    }
}

static gboolean
ends_sentence (const char *line)
{
  return g_regex_match_simple ("[.!?:\"”]$", line, 0, 0);
}

static gboolean
is_table (GPtrArray *run)
{
  g_autoptr(GRegex) gap = regex ("\\t|[^.!?:\\s]  +(?=\\S)|\\|");
  guint gaps = 0;

  if (run->len < 2)
    return FALSE;
  for (guint i = 0; i < run->len; i++)
    if (g_regex_match (gap, g_ptr_array_index (run, i), 0, NULL))
      gaps++;
  return gaps * 10 >= run->len * 6;
}

/* The paragraph or list item being built, and the list's items so far. */
typedef struct {
  NewsText  *t;
  GString   *para;
  GPtrArray *items;
  gboolean   in_list;
} Splitter;

static void
end_para (Splitter *s)
{
  if (s->para->len == 0)
    return;
  if (s->in_list)
    g_ptr_array_add (s->items, g_strdup (s->para->str));
  else
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (one, g_strdup (s->para->str));
      add_block (s->t, NEWS_BLOCK_PARAGRAPH, one);
    }
  g_string_truncate (s->para, 0);
}

static void
end_list (Splitter *s)
{
  add_block (s->t, NEWS_BLOCK_LIST, s->items);
  s->in_list = FALSE;
}

/* One blank-line-separated run of lines into blocks. */
static void
split_run (NewsText  *t,
           GPtrArray *run,
           guint      width)
{
  g_autoptr(GRegex) bullet = regex ("^(?:[*•·▪◦‣●○■□➢►✓✔-]|--|–|—|o(?=\\s))\\s+(?=\\S)");
  g_autoptr(GString) para = g_string_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  Splitter s = { t, para, items, FALSE };
  gboolean short_lines = run->len >= 2, bullets = FALSE;

  for (guint i = 0; i < run->len; i++)
    {
      const char *line = g_ptr_array_index (run, i);

      if (ulen (line) >= (width ? width * 6 / 10 : 60))
        short_lines = FALSE;
      if (g_regex_match (bullet, line, 0, NULL))
        bullets = TRUE;
    }
  if (is_table (run) || (short_lines && !bullets))
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < run->len; i++)
        g_ptr_array_add (lines, g_strdup (g_ptr_array_index (run, i)));
      add_block (t, is_table (run) ? NEWS_BLOCK_TABLE : NEWS_BLOCK_LINES, lines);
      return;
    }

  for (guint i = 0; i < run->len; i++)
    {
      const char *line = g_ptr_array_index (run, i);
      g_autoptr(GMatchInfo) info = NULL;

      if (g_regex_match (bullet, line, 0, &info))
        {
          int start, end;

          end_para (&s);
          s.in_list = TRUE;
          g_match_info_fetch_pos (info, 0, &start, &end);
          g_string_append (para, line + end);
        }
      else if (!width)
        {
          /* Unwrapped copy: each line is a paragraph. */
          end_para (&s);
          end_list (&s);
          g_string_append (para, line);
          end_para (&s);
        }
      else
        {
          /* Wrapped: a short line that ends a sentence ends its paragraph. */
          const char *prev = i > 0 ? g_ptr_array_index (run, i - 1) : "";

          if (para->len > 0 && ulen (prev) < width * 7 / 10 && ends_sentence (prev))
            {
              end_para (&s);
              end_list (&s);
            }
          append_wrapped (para, line);
        }
    }
  end_para (&s);
  end_list (&s);
}

static char *
joined (GPtrArray *run)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < run->len; i++)
    append_wrapped (text, g_ptr_array_index (run, i));
  return pr_text_collapse_space (text->str);
}

NewsText *
news_text_split (const char *text)
{
  NewsText *t = g_new0 (NewsText, 1);
  g_autoptr(PrRelease) release = pr_parse_text (text, strlen (text), "corpus", NULL);
  g_autoptr(GRegex) header = regex ("^\\s*date\\s+((?:19|20)\\d\\d-\\d\\d(?:-\\d\\d)?)\\b\\s*(.*)$");
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *run = NULL;
  gboolean first = TRUE;
  guint width;

  t->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) news_block_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      g_autoptr(GMatchInfo) info = NULL;

      /* XML 1.0 has no place for C0 controls. */
      for (char *p = line; *p; p++)
        if ((guchar) *p < 0x20 && *p != '\t')
          *p = ' ';
      if (*line == '\0' || strspn (line, " \t") == strlen (line))
        {
          run = NULL;
          continue;
        }
      if (first && g_regex_match (header, line, 0, &info))
        {
          g_autofree char *date = g_match_info_fetch (info, 1);
          g_autofree char *rest = g_match_info_fetch (info, 2);

          first = FALSE;
          if (strlen (date) == 10)
            t->date = g_steal_pointer (&date);
          if (ulen (rest) < 40)
            continue;
          memmove (line, rest, strlen (rest) + 1);
        }
      first = FALSE;
      if (run == NULL)
        {
          run = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (runs, run);
        }
      g_ptr_array_add (run, g_strdup (line));
    }

  if (release != NULL && !pr_release_get_title_derived (release) && runs->len > 0)
    {
      g_autofree char *top = joined (g_ptr_array_index (runs, 0));

      if (g_strcmp0 (top, pr_release_get_title (release)) == 0)
        {
          t->headline = g_steal_pointer (&top);
          g_ptr_array_remove_index (runs, 0);
        }
    }

  width = wrap_width (lines);
  for (guint i = 0; i < runs->len; i++)
    {
      GPtrArray *r = g_ptr_array_index (runs, i);

      for (guint j = 0; j < r->len; j++)
        {
          char *line = g_ptr_array_index (r, j);

          memmove (line, line + strspn (line, " \t"), strlen (line + strspn (line, " \t")) + 1);
        }
      split_run (t, r, width);
    }
  return t;
}

void
news_text_free (NewsText *text)
{
  if (text == NULL)
    return;
  g_free (text->headline);
  g_free (text->date);
  g_ptr_array_unref (text->blocks);
  g_free (text);
}

/* ---- Bodies ------------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* A table row's cells: apart by tabs, runs of spaces or bars. */
static char **
cells_of (const char *row)
{
  return g_regex_split_simple ("\\t+|\\s{2,}|\\s*\\|\\s*", row, 0, 0);
}

char *
news_text_xhtml (NewsText *text)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < text->blocks->len; i++)
    {
      NewsBlock *block = g_ptr_array_index (text->blocks, i);

      switch (block->kind)
        {
        case NEWS_BLOCK_PARAGRAPH:
        case NEWS_BLOCK_LINES:
          g_string_append (out, "<p>");
          for (guint j = 0; block->lines[j] != NULL; j++)
            {
              if (j > 0)
                g_string_append (out, "<br/>");
              append_escaped (out, block->lines[j]);
            }
          g_string_append (out, "</p>\n");
          break;
        case NEWS_BLOCK_LIST:
          g_string_append (out, "<ul>\n");
          for (guint j = 0; block->lines[j] != NULL; j++)
            {
              g_string_append (out, "<li>");
              append_escaped (out, block->lines[j]);
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, "</ul>\n");
          break;
        case NEWS_BLOCK_TABLE:
          g_string_append (out, "<table>\n");
          for (guint j = 0; block->lines[j] != NULL; j++)
            {
              g_auto(GStrv) cells = cells_of (block->lines[j]);

              g_string_append (out, "<tr>");
              for (guint k = 0; cells[k] != NULL; k++)
                {
                  g_string_append (out, "<td>");
                  append_escaped (out, cells[k]);
                  g_string_append (out, "</td>");
                }
              g_string_append (out, "</tr>\n");
            }
          g_string_append (out, "</table>\n");
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
news_text_plain (NewsText *text)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < text->blocks->len; i++)
    {
      NewsBlock *block = g_ptr_array_index (text->blocks, i);

      if (i > 0)
        g_string_append (out, "\n\n");
      for (guint j = 0; block->lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, '\n');
          if (block->kind == NEWS_BLOCK_LIST)
            g_string_append (out, "• ");
          if (block->kind == NEWS_BLOCK_TABLE)
            {
              g_auto(GStrv) cells = cells_of (block->lines[j]);
              g_autofree char *row = g_strjoinv ("\t", cells);

              g_string_append (out, row);
            }
          else
            g_string_append (out, block->lines[j]);
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- NewsML-G2 ---------------------------------------------------------- */

char *
news_fixture_newsml_item (NewsText *text,
                          guint     index)
{
  GString *out = g_string_new (NULL);
  g_autofree char *body = news_text_xhtml (text);

  g_string_append_printf (out,
                          "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" "
                          "guid=\"urn:newsml:example.org:20240101:corpus-%u\" version=\"1\" "
                          "standard=\"NewsML-G2\" standardversion=\"2.29\" conformance=\"power\">\n"
                          "  <catalogRef href=\"http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_37.xml\"/>\n"
                          "  <itemMeta>\n"
                          "    <itemClass qcode=\"ninat:text\"/>\n"
                          "    <provider literal=\"example.org\"/>\n",
                          index);
  if (text->date != NULL)
    g_string_append_printf (out, "    <versionCreated>%sT09:00:00Z</versionCreated>\n", text->date);
  g_string_append (out,
                   "    <pubStatus qcode=\"stat:usable\"/>\n"
                   "  </itemMeta>\n"
                   "  <contentMeta>\n");
  if (text->date != NULL)
    g_string_append_printf (out, "    <contentCreated>%sT09:00:00Z</contentCreated>\n", text->date);
  if (text->headline != NULL)
    {
      g_string_append (out, "    <headline>");
      append_escaped (out, text->headline);
      g_string_append (out, "</headline>\n");
    }
  g_string_append (out,
                   "  </contentMeta>\n"
                   "  <contentSet>\n"
                   "    <inlineXML contenttype=\"application/xhtml+xml\">\n"
                   "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>");
  append_escaped (out, text->headline != NULL ? text->headline : "");
  g_string_append_printf (out,
                          "</title></head><body>\n%s</body></html>\n"
                          "    </inlineXML>\n"
                          "  </contentSet>\n"
                          "</newsItem>\n",
                          body);
  return g_string_free (out, FALSE);
}

char *
news_fixture_newsml (NewsText *text,
                     guint     index)
{
  g_autofree char *item = news_fixture_newsml_item (text, index);

  return g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", item, NULL);
}

char *
news_fixture_newsml_message (GPtrArray *texts)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n"
                               "  <header><sent>2024-01-01T09:00:00Z</sent></header>\n"
                               "  <itemSet>\n");

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *item = news_fixture_newsml_item (g_ptr_array_index (texts, i), i);

      g_string_append (out, item);
    }
  g_string_append (out, "  </itemSet>\n</newsMessage>\n");
  return g_string_free (out, FALSE);
}

/* ---- ninjs -------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

char *
news_fixture_ninjs (NewsText *text,
                    guint     index,
                    guint     version,
                    gboolean  html)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = g_strdup_printf ("urn:example.org:corpus:%u", index);
  g_autofree char *created = text->date ? g_strconcat (text->date, "T09:00:00Z", NULL) : NULL;
  g_autofree char *body = html ? news_text_xhtml (text) : news_text_plain (text);

  json_builder_begin_object (b);
  add_string (b, "uri", uri);
  add_string (b, "type", "text");
  add_string (b, "version", "1");
  add_string (b, "versioncreated", created);
  if (version == 1)
    {
      add_string (b, "headline", text->headline);
      add_string (b, html ? "body_html" : "body_text", body);
    }
  else
    {
      json_builder_set_member_name (b, "standard");
      json_builder_begin_object (b);
      add_string (b, "name", "ninjs");
      add_string (b, "version", "2.0");
      json_builder_end_object (b);
      if (text->headline != NULL)
        {
          json_builder_set_member_name (b, "headlines");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          add_string (b, "role", "main");
          add_string (b, "value", text->headline);
          json_builder_end_object (b);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "bodies");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "role", "main");
      add_string (b, "contenttype", html ? "text/html" : "text/plain");
      add_string (b, "value", body);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
news_fixture_read_text (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return pr_text_decode (data, length, NULL);
}

/* ---- Checks ------------------------------------------------------------- */

GPtrArray *
news_read_ok (NewsReader  reader,
              const char *data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *releases = reader (data, strlen (data), "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (releases);
  return releases;
}

void
news_assert_fails (NewsReader  reader,
                   const char *data,
                   gsize       length,
                   int         code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = reader (data, length, "hostile", &error);

  g_assert_null (releases);
  g_assert_error (error, PR_PARSER_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, words);
}

double
news_score_rows (const char *name,
                 GPtrArray  *releases)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  guint checked = 0, matched = 0;

  if (table == NULL)
    return -1;
  g_assert_cmpuint (releases->len, ==, table->rows->len);
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);

      corpus_score_row (table, cells, g_ptr_array_index (releases, i), cells[0], &checked, &matched);
    }
  g_assert_cmpuint (checked, >, 0);
  return corpus_score_percent (name, matched, checked);
}

double
news_score_corpus (const char  *name,
                   NewsWrapper  wrapper,
                   gpointer     user_data,
                   NewsReader   reader,
                   GPtrArray   *texts)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  if (table == NULL)
    return -1;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autofree char *text = news_fixture_read_text (path);
      g_autoptr(NewsText) split = NULL;
      g_autofree char *document = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) read = NULL;

      g_assert_nonnull (text);
      split = news_text_split (text);
      document = wrapper (split, i, user_data);
      read = reader (document, strlen (document), cells[0], &error);
      if (read == NULL)
        g_test_message ("%s: %s", cells[0], error->message);
      else
        g_assert_cmpuint (read->len, ==, 1);
      g_ptr_array_add (releases, read != NULL ? g_object_ref (g_ptr_array_index (read, 0)) : NULL);
      if (texts != NULL)
        g_ptr_array_add (texts, g_steal_pointer (&split));
    }
  return news_score_rows (name, releases);
}

gboolean
news_has_entity (GPtrArray  *entities,
                 const char *name)
{
  for (guint i = 0; i < entities->len; i++)
    if (g_strcmp0 (pr_entity_get_name (g_ptr_array_index (entities, i)), name) == 0)
      return TRUE;
  return FALSE;
}
