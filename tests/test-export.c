/* test-export.c: the Markdown and CSV exports and the format names
 * (src/core/pr-export.c); CSV is read back by Python's csv module */
#include <json-glib/json-glib.h>

#include "corpus-score.h"
#include "pr-export.h"
#include "pr-test-utils.h"

#define PYTHON "/usr/bin/python3"

static GPtrArray *
one_release (PrRelease *release)
{
  GPtrArray *releases = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (releases, release);
  return releases;
}

/* ---- Markdown -------------------------------------------------------------- */

static void
test_markdown_escape (void)
{
  PrRelease *release = test_release ("1. *Big* _news_ | #1 [link](x) `code` <b>hi</b> & ~~no~~ $5",
                                     "2024-01-05", "PR Newswire",
                                     "- not a list\n\n"
                                     "+ nor this\n\n"
                                     "# nor a heading\n\n"
                                     "> nor a quote\n\n"
                                     "12) nor an ordered item\n\n"
                                     "===\n\n"
                                     "Plain text,\nwrapped  over\tlines. A back\\slash.",
                                     "https://example.com/r");
  g_autoptr(GPtrArray) releases = one_release (release);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *md = NULL;
  const char * const links[] = { "https://acme.example/a", "javascript:alert(1)", NULL };
  const char * const contacts[] = { "Media Contact:\nJane Roe\njane@acme.example", NULL };

  /* A table whose cells hold pipes and markup, under a rule line. */
  for (guint i = 0; i < pr_release_get_blocks (release)->len; i++)
    {
      PrBlock *block = g_ptr_array_index (pr_release_get_blocks (release), i);

      g_ptr_array_add (blocks, pr_block_copy (block));
    }
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE,
                                         "Item\tQ3 | Q4\n"
                                         "----\t-----\n"
                                         "*Revenue*\t-5%\n"
                                         "Net\t"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "first"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "second"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "About <Acme>"));
  pr_release_set_blocks (release, blocks);
  pr_release_set_field (release, PR_FIELD_DATELINE, "LONDON, Jan. 5, 2024 /PRNewswire/");
  pr_release_set_field (release, PR_FIELD_CITY, "London");
  pr_release_set_list (release, PR_LIST_LINKS, links);
  pr_release_set_list (release, PR_LIST_CONTACTS, contacts);
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Acme_Corp", "ACME");
  test_release_add_entity (release, PR_ENTITY_PERSON, "Jane Roe", NULL);

  md = pr_export_markdown (releases);
  g_test_message ("%s", md);
  g_assert_cmpstr (md, ==,
    "# 1\\. \\*Big\\* \\_news\\_ \\| \\#1 \\[link\\](x) \\`code\\` \\<b\\>hi\\</b\\> \\& "
    "\\~\\~no\\~\\~ \\$5\n"
    "\n"
    "LONDON, Jan. 5, 2024 /PRNewswire/\n"
    "\n"
    "- **Wire:** PR Newswire\n"
    "- **Place:** London\n"
    "- **Date:** 2024-01-05\n"
    "- **Organisations:** Acme_Corp (ACME)\n"
    "- **People:** Jane Roe\n"
    "- **Contacts:**\n"
    "  - Media Contact: Jane Roe, jane@acme.example\n"
    "- **Links:**\n"
    "  - <https://acme.example/a>\n"
    "  - javascript:alert(1)\n"
    "\n"
    "\\- not a list\n"
    "\n"
    "\\+ nor this\n"
    "\n"
    "\\# nor a heading\n"
    "\n"
    "\\> nor a quote\n"
    "\n"
    "12\\) nor an ordered item\n"
    "\n"
    "\\===\n"
    "\n"
    "Plain text, wrapped over lines. A back\\\\slash.\n"
    "\n"
    "| Item | Q3 \\| Q4 |\n"
    "| --- | --- |\n"
    "| \\*Revenue\\* | \\-5% |\n"
    "| Net |  |\n"
    "\n"
    "- first\n"
    "- second\n"
    "\n"
    "## About \\<Acme\\>\n");
}

/* Releases apart by a thematic break, with a blank line before it (else
 * it would underline the paragraph as a heading); a missing dateline
 * gives way to the date; About sections and the trailer close a release. */
static void
test_markdown_releases (void)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *md = NULL;
  const char * const about[] = { "About Acme", "Acme makes *turbines*.", NULL };
  const char * const trailer[] = { "SOURCE Acme", NULL };

  g_ptr_array_add (releases, test_release ("One", "2024-01-05", NULL, "Body one.", NULL));
  g_ptr_array_add (releases, test_release ("Two", NULL, NULL, "Body two.", NULL));
  pr_release_set_list (releases->pdata[1], PR_LIST_ABOUT, about);
  pr_release_set_list (releases->pdata[1], PR_LIST_TRAILER, trailer);
  md = pr_export_markdown (releases);
  g_assert_cmpstr (md, ==,
    "# One\n\n2024-01-05\n\n- **Date:** 2024-01-05\n\nBody one.\n\n---\n\n"
    "# Two\n\nBody two.\n\n## About Acme\n\nAcme makes \\*turbines\\*.\n\nSOURCE Acme\n");
}

/* ---- CSV -------------------------------------------------------------------- */

/* The CSV @text as Python's csv module reads it: a JSON array of rows. */
static JsonArray *
python_read_csv (const char *text)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;
  const char *argv[] = {
    PYTHON, "-c",
    "import csv, io, json, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    data = f.read()\n"
    "assert data.endswith('\\r\\n'), 'no CRLF at the end'\n"
    "rows = list(csv.reader(io.StringIO(data, newline=''), strict=True))\n"
    "print(json.dumps(rows))\n",
    path, NULL
  };

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is not installed");
      test_tmpdir_free (g_steal_pointer (&dir));
      return NULL;
    }
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("python3 could not read the CSV: %s\n%s", error->message, err);
  test_tmpdir_free (g_steal_pointer (&dir));

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static const char *
cell (JsonArray *rows,
      guint      row,
      guint      column)
{
  JsonArray *cells = json_array_get_array_element (rows, row);

  g_assert_cmpuint (json_array_get_length (cells), ==, 10);
  return json_array_get_string_element (cells, column);
}

static void
assert_header (JsonArray *rows)
{
  const char *names[] = { "date", "wire", "headline", "place", "organisations", "people", "link" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, names[i]);
}

static void
test_csv_quote (void)
{
  PrRelease *release = test_release ("Acme, \"the\" best\r\nturbine", "2024-01-05", "PR Newswire",
                                     "Body.", "https://acme.example/news?a=1,2");
  g_autoptr(GPtrArray) releases = one_release (release);
  g_autoptr(JsonArray) rows = NULL;
  g_autofree char *csv = NULL;

  pr_release_set_field (release, PR_FIELD_CITY, "Springfield");
  pr_release_set_field (release, PR_FIELD_REGION, "Ill.");
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Acme Corp", "ACME");
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Globex", NULL);
  test_release_add_entity (release, PR_ENTITY_PERSON, "Jane Roe", "CEO");

  csv = pr_export_csv (releases);
  g_assert_cmpstr (csv, ==,
    "date,wire,headline,place,organisations,people,link,issuer,kind,tickers\r\n"
    "2024-01-05,PR Newswire,\"Acme, \"\"the\"\" best\r\nturbine\",\"Springfield, Ill.\","
    "Acme Corp; Globex,Jane Roe,\"https://acme.example/news?a=1,2\",,,\r\n");

  rows = python_read_csv (csv);
  if (rows == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  assert_header (rows);
  g_assert_cmpstr (cell (rows, 1, 2), ==, "Acme, \"the\" best\r\nturbine");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "Springfield, Ill.");
  g_assert_cmpstr (cell (rows, 1, 6), ==, "https://acme.example/news?a=1,2");

  /* No release: the header alone. */
  g_ptr_array_set_size (releases, 0);
  g_clear_pointer (&csv, g_free);
  csv = pr_export_csv (releases);
  g_assert_cmpstr (csv, ==, "date,wire,headline,place,organisations,people,link,issuer,kind,tickers\r\n");
}

static void
test_csv_formula (void)
{
  const char *titles[] = { "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
                           "\tTabbed", "\rReturned", "Safe = fine", "'quoted" };
  const char *expected[] = { "'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+1", "'-2+3",
                             "'@SUM(A1)", "'\tTabbed", "'\rReturned", "Safe = fine", "'quoted" };
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonArray) rows = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      PrRelease *release = test_release (titles[i], NULL, "=cmd|' /C calc'!A0", NULL, "/tmp/a.txt");

      test_release_add_entity (release, PR_ENTITY_PERSON, "-Dash", NULL);
      g_ptr_array_add (releases, release);
    }

  csv = pr_export_csv (releases);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  rows = python_read_csv (csv);
  if (rows == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (titles) + 1);
  assert_header (rows);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_cmpstr (cell (rows, i + 1, 0), ==, "");
      g_assert_cmpstr (cell (rows, i + 1, 1), ==, "'=cmd|' /C calc'!A0");
      g_assert_cmpstr (cell (rows, i + 1, 2), ==, expected[i]);
      g_assert_cmpstr (cell (rows, i + 1, 5), ==, "'-Dash");
      g_assert_cmpstr (cell (rows, i + 1, 6), ==, "");
    }
}

/* ---- Formats ---------------------------------------------------------------- */

static void
test_formats (void)
{
  const struct {
    const char *name;
    PrExportFormat format;
  } names[] = {
    { "json", PR_EXPORT_FORMAT_JSON },
    { "ninjs", PR_EXPORT_FORMAT_NINJS },
    { "markdown", PR_EXPORT_FORMAT_MARKDOWN },
    { "md", PR_EXPORT_FORMAT_MARKDOWN },
    { "CSV", PR_EXPORT_FORMAT_CSV },
  };
  g_autoptr(GPtrArray) releases = one_release (test_release ("Title", "2024-01-05", "Business Wire",
                                                             "Body.", NULL));
  g_autoptr(GError) error = NULL;
  PrExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = NULL;
      gsize length = 0;

      g_assert_true (pr_export_format_from_name (names[i].name, &format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, names[i].format);
      out = pr_export_to_string (format, releases, PR_EXPORT_WRITE_NONE, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, ==, strlen (out));
      g_assert_nonnull (strstr (out, "Title"));
    }

  g_assert_false (pr_export_format_from_name ("xlsx\n", &format, &error));
  g_assert_error (error, PR_EXPORT_ERROR, PR_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "“xlsx\\n”"));
  g_assert_nonnull (strstr (error->message, "markdown"));
  g_assert_nonnull (strstr (error->message, "csv"));
  g_clear_error (&error);

  g_assert_null (pr_export_to_string ((PrExportFormat) 99, releases, 0, NULL, &error));
  g_assert_error (error, PR_EXPORT_ERROR, PR_EXPORT_ERROR_UNKNOWN_FORMAT);
}

/* ---- The corpus ------------------------------------------------------------- */

/* Every release of ../shared/corpus, as CSV read back by Python (one row
 * each, seven columns, the headline intact) and as Markdown (one "# "
 * line each). */
static void
test_corpus (void)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *md = NULL;
  g_auto(GStrv) lines = NULL;
  guint headings = 0, breaks = 0;

  if (table == NULL)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) many = pr_reader_read_file_many (file, NULL, NULL, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < many->len; j++)
        g_ptr_array_add (releases, g_object_ref (g_ptr_array_index (many, j)));
    }
  g_assert_cmpuint (releases->len, >=, table->rows->len);

  csv = pr_export_csv (releases);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  rows = python_read_csv (csv);
  if (rows == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (rows), ==, releases->len + 1);
  assert_header (rows);
  for (guint i = 0; i < releases->len; i++)
    {
      PrRelease *release = g_ptr_array_index (releases, i);
      const char *date = pr_release_get_date (release);

      g_assert_cmpstr (cell (rows, i + 1, 0), ==, date != NULL ? date : "");
      g_assert_cmpstr (cell (rows, i + 1, 2), ==, pr_release_get_title (release));
    }

  md = pr_export_markdown (releases);
  g_assert_true (g_utf8_validate (md, -1, NULL));
  lines = g_strsplit (md, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "# "))
        headings++;
      else if (g_str_equal (lines[i], "---"))
        breaks++;
    }
  g_assert_cmpuint (headings, ==, releases->len);
  g_assert_cmpuint (breaks, ==, releases->len - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/markdown/escape", test_markdown_escape);
  g_test_add_func ("/core/export/markdown/releases", test_markdown_releases);
  g_test_add_func ("/core/export/csv/quote", test_csv_quote);
  g_test_add_func ("/core/export/csv/formula", test_csv_formula);
  g_test_add_func ("/core/export/formats", test_formats);
  g_test_add_func ("/core/export/corpus", test_corpus);

  return g_test_run ();
}
