/* test-catalog.c: the JSON catalog */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pr-core.h"

/* A release with every content field set, and awkward text. */
static PrRelease *
rich_release (void)
{
  PrRelease *release = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  const char *links[] = { "https://example.org/a?b=1&c=2", "http://example.com", NULL };
  const char *emails[] = { "press@example.org", NULL };
  const char *phones[] = { "+44 20 7946 0000", "(555) 010-0199", NULL };
  const char *tickers[] = { "NYSE: EXA", "NASDAQ: EXB", NULL };
  const char *contacts[] = { "Jane Doe\nExample Corp\npress@example.org", NULL };
  const char *about[] = { "About Example Corp\nExample makes examples.", NULL };
  const char *trailer[] = { "SOURCE Example Corp", "", "© 2024 “Example”", NULL };

  for (guint i = 0; i < PR_N_FIELDS; i++)
    {
      g_autofree char *value = g_strdup_printf ("field %u: “quoted” \"json\" \\ é 中文 😀 \t\x01", i);
      pr_release_set_field (release, i, value);
    }
  pr_release_set_field (release, PR_FIELD_DATE, "2024-01-05");

  pr_release_set_list (release, PR_LIST_LINKS, links);
  pr_release_set_list (release, PR_LIST_EMAILS, emails);
  pr_release_set_list (release, PR_LIST_PHONES, phones);
  pr_release_set_list (release, PR_LIST_TICKERS, tickers);
  pr_release_set_list (release, PR_LIST_CONTACTS, contacts);
  pr_release_set_list (release, PR_LIST_ABOUT, about);
  pr_release_set_list (release, PR_LIST_TRAILER, trailer);

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "Highlights"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "LONDON, Jan. 5, 2024 -- Body."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "First point"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "Q1   Q2\n 10   20"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, ""));
  pr_release_set_blocks (release, blocks);

  g_ptr_array_add (orgs, pr_entity_new (PR_ENTITY_ORGANIZATION, "Shanghai Cooperation Organization", "SCO"));
  g_ptr_array_add (orgs, pr_entity_new (PR_ENTITY_ORGANIZATION, "Example Corp", NULL));
  g_ptr_array_add (people, pr_entity_new (PR_ENTITY_PERSON, "Jane Doe", "Chief Executive Officer"));
  g_ptr_array_add (people, pr_entity_new (PR_ENTITY_PERSON, "John Roe", NULL));
  pr_release_set_organizations (release, orgs);
  pr_release_set_people (release, people);

  pr_release_set_title_derived (release, TRUE);
  pr_release_set_word_count (release, 4242);

  pr_release_set_read (release, TRUE);
  pr_release_set_bookmarked (release, TRUE);
  pr_release_set_imported_at (release, 1704412800);
  pr_release_set_read_at (release, 1704499200);
  pr_release_set_bookmarked_at (release, 1704585600);
  return release;
}

static GPtrArray *
sample_releases (void)
{
  GPtrArray *releases = g_ptr_array_new_with_free_func (g_object_unref);
  PrRelease *plain = pr_release_new ();

  g_ptr_array_add (releases, rich_release ());
  g_ptr_array_add (releases, plain);   /* every field absent */
  return releases;
}

static void
assert_same_releases (GPtrArray *expected,
                      GPtrArray *got)
{
  g_assert_nonnull (got);
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_true (pr_release_equal_content (g_ptr_array_index (expected, i),
                                             g_ptr_array_index (got, i)));
}

/* "3:17: reason" */
static void
assert_line_column (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9]+: .", error->message, 0, 0));
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) releases = sample_releases ();
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, &length);
  g_assert_cmpuint (strlen (data), ==, length);
  g_assert_true (g_str_has_suffix (data, "}\n"));

  got = pr_catalog_read_data (data, length, &skipped, &error);
  g_assert_no_error (error);
  g_assert_null (skipped);
  assert_same_releases (releases, got);

  /* Without the state flag, library state is not written. */
  g_assert_false (pr_release_get_bookmarked (g_ptr_array_index (got, 0)));
  g_assert_null (strstr (data, "\"state\""));
}

static void
test_round_trip_state (void)
{
  g_autoptr(GPtrArray) releases = sample_releases ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  PrRelease *rich;

  g_assert_true (pr_catalog_write (releases, PR_CATALOG_WRITE_STATE, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  got = pr_catalog_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  assert_same_releases (releases, got);

  rich = g_ptr_array_index (got, 0);
  g_assert_true (pr_release_get_read (rich));
  g_assert_true (pr_release_get_bookmarked (rich));
  g_assert_cmpint (pr_release_get_imported_at (rich), ==, 1704412800);
  g_assert_cmpint (pr_release_get_read_at (rich), ==, 1704499200);
  g_assert_cmpint (pr_release_get_bookmarked_at (rich), ==, 1704585600);
  g_assert_false (pr_release_get_read (g_ptr_array_index (got, 1)));
}

static void
test_round_trip_file (void)
{
  g_autoptr(GPtrArray) releases = sample_releases ();
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-catalog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.json", NULL);
  g_autofree char *data = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, NULL);

  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  file = g_file_new_for_path (path);
  got = pr_catalog_read_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_releases (releases, got);
  g_clear_pointer (&got, g_ptr_array_unref);

  g_assert_cmpint (g_remove (path), ==, 0);
  got = pr_catalog_read_file (file, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every documented key is written, null or [] when empty. */
static void
test_keys (void)
{
  static const char * const keys[] = {
    "id", "group", "title", "title_derived", "subtitle", "date", "dateline", "source",
    "source_tag", "language", "summary", "issuer", "kind", "flags", "body", "body_kinds", "links", "emails",
    "phones", "tickers", "organizations", "people", "contacts", "about", "trailer",
    "word_count", "origin",
  };
  g_autoptr(GPtrArray) releases = sample_releases ();
  g_autofree char *data = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *plain, *rich;

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "pressreader-catalog");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);

  rich = json_array_get_object_element (json_object_get_array_member (root, "releases"), 0);
  plain = json_array_get_object_element (json_object_get_array_member (root, "releases"), 1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (json_object_has_member (rich, keys[i]));
      g_assert_true (json_object_has_member (plain, keys[i]));
    }
  g_assert_cmpuint (json_object_get_size (rich), ==, G_N_ELEMENTS (keys));

  g_assert_cmpstr (json_object_get_string_member (rich, "date"), ==, "2024-01-05");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (rich, "body_kinds"), 3),
                   ==, "table");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (rich, "dateline"), "city"),
                   !=, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (rich, "organizations"), 0), "acronym"), ==, "SCO");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (rich, "people"), 0), "role"), ==, "Chief Executive Officer");

  g_assert_true (json_object_get_null_member (plain, "title"));
  g_assert_true (json_object_get_null_member (plain, "date"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (plain, "dateline"), "text"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plain, "links")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plain, "body")), ==, 0);
}

static void
test_empty_catalog (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *data = pr_catalog_to_string (none, PR_CATALOG_WRITE_NONE, NULL);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;

  got = pr_catalog_read_data (data, strlen (data), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);
}

/* Hand-written catalogs: unknown members are ignored, missing optional
 * members take their defaults, and a BOM is allowed. */
static void
test_minimal (void)
{
  const char *data =
    "\xef\xbb\xbf{\"format\": \"pressreader-catalog\", \"version\": 1, \"comment\": \"x\",\n"
    " \"releases\": [{\"title\": \"Headline\", \"body\": [\"One.\", \"Two.\"], \"future\": [1]}]}";
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  PrRelease *release;
  GPtrArray *blocks;

  got = pr_catalog_read_data (data, strlen (data), &skipped, &error);
  g_assert_no_error (error);
  g_assert_null (skipped);
  g_assert_cmpuint (got->len, ==, 1);
  release = g_ptr_array_index (got, 0);
  g_assert_cmpstr (pr_release_get_title (release), ==, "Headline");
  g_assert_null (pr_release_get_date (release));
  blocks = pr_release_get_blocks (release);
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpint (((PrBlock *) g_ptr_array_index (blocks, 1))->kind, ==, PR_BLOCK_PARAGRAPH);
  g_assert_cmpstr (((PrBlock *) g_ptr_array_index (blocks, 1))->text, ==, "Two.");
}

static GPtrArray *
read_string (const char  *data,
             GPtrArray  **skipped,
             GError     **error)
{
  return pr_catalog_read_data (data, strlen (data), skipped, error);
}

static void
test_truncated (void)
{
  g_autoptr(GPtrArray) releases = sample_releases ();
  gsize length = 0;
  g_autofree char *data = pr_catalog_to_string (releases, PR_CATALOG_WRITE_STATE, &length);

  /* Every proper prefix that lacks the closing brace is refused, with a
   * line and column, and without a crash or a warning. */
  for (gsize cut = 0; cut < length - 2; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) skipped = NULL;
      g_autoptr(GPtrArray) got = pr_catalog_read_data (data, cut, &skipped, &error);

      g_assert_null (got);
      g_assert_null (skipped);
      g_assert_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_SYNTAX);
      assert_line_column (error);
    }
}

static void
test_syntax (void)
{
  static const struct {
    const char *data;
    PrCatalogError code;
    const char *message;
  } cases[] = {
    { "", PR_CATALOG_ERROR_SYNTAX, "1:1: empty catalog" },
    { " \n\t ", PR_CATALOG_ERROR_SYNTAX, "2:3: empty catalog" },
    { "[1, 2]", PR_CATALOG_ERROR_FORMAT, "1:1: not a PressReader catalog: expected a JSON object" },
    { "\"text\"", PR_CATALOG_ERROR_FORMAT, NULL },
    { "{\"format\": \"pressreader-catalog\",\n \"version\": 1, \"releases\": [}",
      PR_CATALOG_ERROR_SYNTAX, "2:29: unexpected “}”" },
    { "{\"releases\": []} {}", PR_CATALOG_ERROR_SYNTAX,
      "1:18: unexpected data after the end of the catalog" },
    { "{\"a\": 'single'}", PR_CATALOG_ERROR_SYNTAX, "1:7: unexpected “'”" },
    { "{\"a\": 1 /* comment */}", PR_CATALOG_ERROR_SYNTAX, "1:9: unexpected “/”" },
    { "{\"a\":\n \"é\xff\"}", PR_CATALOG_ERROR_SYNTAX, "2:4: not valid UTF-8" },
    { "{\"a\": \"line\nbreak\"}", PR_CATALOG_ERROR_SYNTAX, "1:12: control character U+000A in a string" },
    { "{\"a\": \"open", PR_CATALOG_ERROR_SYNTAX, "1:12: unexpected end of data inside a string" },
    { "{\"a\": [1, 2", PR_CATALOG_ERROR_SYNTAX, "1:12: unexpected end of data, “]” expected" },
    /* Left to json-glib, which gives a line and column too. */
    { "{\"a\": [1, 2,]}", PR_CATALOG_ERROR_SYNTAX, NULL },
    { "{\"a\" 1}", PR_CATALOG_ERROR_SYNTAX, NULL },
    { "{\"a\": tru}", PR_CATALOG_ERROR_SYNTAX, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) got = read_string (cases[i].data, NULL, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (got);
      g_assert_error (error, PR_CATALOG_ERROR, (int) cases[i].code);
      assert_line_column (error);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
catalog_with (const char *releases)
{
  return g_strdup_printf ("{\"format\": \"pressreader-catalog\", \"version\": 1, \"releases\": [%s]}",
                          releases);
}

#define GOOD "{\"title\": \"Good\", \"body\": [\"Text.\"]}"

static void
assert_skipped (GPtrArray      *skipped,
                guint           index,
                PrCatalogError  code,
                const char     *message)
{
  GError *error;

  g_assert_nonnull (skipped);
  g_assert_cmpuint (index, <, skipped->len);
  error = g_ptr_array_index (skipped, index);
  g_test_message ("skipped: %s", error->message);
  g_assert_error (error, PR_CATALOG_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_wrong_types (void)
{
  static const struct {
    const char *release;
    const char *message;
  } cases[] = {
    { "{\"title\": 42, \"body\": []}", "releases[1].title: expected a string or null, got a number" },
    { "\"a string\"", "releases[1]: expected an object, got a string" },
    { "[]", "releases[1]: expected an object, got an array" },
    { "{\"title\": \"x\", \"body\": {}}", "releases[1].body: expected an array, got an object" },
    { "{\"title\": \"x\", \"body\": [\"a\", 3]}", "releases[1].body[1]: expected a string, got a number" },
    { "{\"title\": \"x\", \"body\": [], \"links\": [null]}", "releases[1].links[0]: expected a string, got null" },
    { "{\"title\": \"x\", \"body\": [], \"title_derived\": \"yes\"}",
      "releases[1].title_derived: expected a boolean, got a string" },
    { "{\"title\": \"x\", \"body\": [], \"word_count\": 1.5}",
      "releases[1].word_count: expected an integer, got a number" },
    { "{\"title\": \"x\", \"body\": [], \"word_count\": -1}", "releases[1].word_count: -1 is out of range" },
    { "{\"title\": \"x\", \"body\": [], \"date\": \"2024-02-30\"}",
      "releases[1].date: “2024-02-30” is not a YYYY-MM-DD date" },
    { "{\"title\": \"x\", \"body\": [], \"date\": \"Jan. 5, 2024\"}",
      "releases[1].date: “Jan. 5, 2024” is not a YYYY-MM-DD date" },
    { "{\"title\": \"x\", \"body\": [], \"dateline\": \"LONDON\"}",
      "releases[1].dateline: expected an object or null, got a string" },
    { "{\"title\": \"x\", \"body\": [], \"dateline\": {\"city\": true}}",
      "releases[1].dateline.city: expected a string or null, got a boolean" },
    { "{\"title\": \"x\", \"body\": [\"a\"], \"body_kinds\": [\"paragraph\", \"table\"]}",
      "releases[1].body_kinds: 2 kinds for 1 body blocks" },
    { "{\"title\": \"x\", \"body\": [\"a\"], \"body_kinds\": [\"poem\"]}",
      "releases[1].body_kinds[0]: unknown block kind “poem”" },
    { "{\"title\": \"x\", \"body\": [], \"organizations\": [\"Acme\"]}",
      "releases[1].organizations[0]: expected an object, got a string" },
    { "{\"title\": \"x\", \"body\": [], \"organizations\": [{\"name\": 3}]}",
      "releases[1].organizations[0].name: expected a string or null, got a number" },
    { "{\"title\": \"x\", \"body\": [], \"people\": [{\"role\": \"CEO\"}]}",
      "releases[1].people[0].name: missing, a name is required" },
    { "{\"title\": \"x\", \"body\": [], \"state\": {\"read_at\": \"today\"}}",
      "releases[1].state.read_at: expected an integer, got a string" },
    { "{\"title\": \"x\", \"body\": [[[[[[[[[[\"deep\"]]]]]]]]]]}",
      "releases[1].body[0]: expected a string, got an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *releases = g_strdup_printf (GOOD ", %s, " GOOD, cases[i].release);
      g_autofree char *data = catalog_with (releases);
      g_autoptr(GPtrArray) skipped = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) got = read_string (data, &skipped, &error);

      /* The bad release is skipped and reported; its siblings are kept. */
      g_assert_no_error (error);
      g_assert_cmpuint (got->len, ==, 2);
      g_assert_cmpuint (skipped->len, ==, 1);
      assert_skipped (skipped, 0, PR_CATALOG_ERROR_INVALID, cases[i].message);
    }
}

static void
test_wrong_header (void)
{
  static const struct {
    const char *data;
    PrCatalogError code;
    const char *message;
  } cases[] = {
    { "{\"format\": \"pressreader-catalog\", \"version\": 1, \"releases\": {\"0\": " GOOD "}}",
      PR_CATALOG_ERROR_INVALID, "releases: expected an array, got an object" },
    { "{\"format\": \"pressreader-catalog\", \"version\": 1, \"releases\": null}",
      PR_CATALOG_ERROR_INVALID, "releases: expected an array, got null" },
    { "{\"format\": \"pressreader-catalog\", \"version\": \"1\", \"releases\": []}",
      PR_CATALOG_ERROR_INVALID, "version: expected an integer, got a string" },
    { "{\"format\": 1, \"version\": 1, \"releases\": []}",
      PR_CATALOG_ERROR_FORMAT, "format: not a PressReader catalog (expected “pressreader-catalog”)" },
    { "{\"format\": \"other-catalog\", \"version\": 1, \"releases\": []}",
      PR_CATALOG_ERROR_FORMAT, "format: not a PressReader catalog (expected “pressreader-catalog”)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) got = read_string (cases[i].data, NULL, &error);

      g_assert_null (got);
      g_assert_error (error, PR_CATALOG_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_missing_fields (void)
{
  static const struct {
    const char *data;
    PrCatalogError code;
    const char *message;
  } cases[] = {
    { "{\"version\": 1, \"releases\": []}",
      PR_CATALOG_ERROR_FORMAT, "format: missing, not a PressReader catalog" },
    { "{\"format\": \"pressreader-catalog\", \"releases\": []}",
      PR_CATALOG_ERROR_INVALID, "version: missing" },
    { "{\"format\": \"pressreader-catalog\", \"version\": 1}",
      PR_CATALOG_ERROR_INVALID, "releases: missing" },
  };
  g_autofree char *data = catalog_with (GOOD ", {\"body\": []}, {\"title\": \"x\"}, {}, " GOOD);
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) header_error = NULL;
      g_autoptr(GPtrArray) none = read_string (cases[i].data, NULL, &header_error);

      g_assert_null (none);
      g_assert_error (header_error, PR_CATALOG_ERROR, (int) cases[i].code);
      g_assert_cmpstr (header_error->message, ==, cases[i].message);
    }

  got = read_string (data, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpuint (skipped->len, ==, 3);
  assert_skipped (skipped, 0, PR_CATALOG_ERROR_INVALID, "releases[1]: missing required member “title”");
  assert_skipped (skipped, 1, PR_CATALOG_ERROR_INVALID, "releases[2]: missing required member “body”");
  assert_skipped (skipped, 2, PR_CATALOG_ERROR_INVALID, "releases[3]: missing required member “title”");
}

static void
test_deep_nesting (void)
{
  const guint n = 100000;
  g_autoptr(GString) arrays = g_string_new ("{\"format\": \"pressreader-catalog\", \"version\": 1,\n"
                                            " \"releases\": [{\"title\": \"x\", \"body\": ");
  g_autoptr(GString) objects = g_string_new ("{\"format\": \"pressreader-catalog\", \"version\": 1,\n"
                                             " \"releases\": [");
  g_autoptr(GString) within = g_string_new (NULL);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *releases = NULL;
  g_autofree char *data = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_c (arrays, ']');
  g_string_append (arrays, "}]}");

  got = read_string (arrays->str, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_TOO_DEEP);
  /* Depth 3 on entering "body" (column 38), so the 62nd "[" is level 65. */
  g_assert_cmpstr (error->message, ==, "2:99: nested deeper than 64 levels");
  g_clear_error (&error);

  for (guint i = 0; i < n; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < n; i++)
    g_string_append_c (objects, '}');
  g_string_append (objects, "]}");

  got = read_string (objects->str, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_TOO_DEEP);
  assert_line_column (error);
  g_clear_error (&error);

  /* Within the limit, a nested value is just a wrong type. */
  g_string_append (within, GOOD ", {\"title\": \"x\", \"body\": [], \"links\": ");
  for (guint i = 0; i < 50; i++)
    g_string_append_c (within, '[');
  for (guint i = 0; i < 50; i++)
    g_string_append_c (within, ']');
  g_string_append (within, "}, " GOOD);
  data = catalog_with (within->str);
  got = read_string (data, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  assert_skipped (skipped, 0, PR_CATALOG_ERROR_INVALID,
                  "releases[1].links[0]: expected a string, got an array");
}

static void
test_huge_string (void)
{
  g_autofree char *field = g_strnfill (PR_CATALOG_MAX_FIELD_SIZE, 'x');
  g_autofree char *big_field = g_strnfill (PR_CATALOG_MAX_FIELD_SIZE + 1, 'x');
  g_autofree char *block = g_strnfill (PR_CATALOG_MAX_TEXT_SIZE / 4, 'y');
  g_autoptr(GString) releases = g_string_new (NULL);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  /* A title at the limit, one over it, and a body over its total. */
  g_string_append_printf (releases, "{\"title\": \"%s\", \"body\": []}, ", field);
  g_string_append_printf (releases, "{\"title\": \"%s\", \"body\": []}, ", big_field);
  g_string_append_printf (releases, "{\"title\": \"x\", \"body\": [\"%s\", \"%s\", \"%s\", \"%s\", \"z\"]}, ",
                          block, block, block, block);
  g_string_append_printf (releases, "{\"title\": \"x\", \"body\": [], \"people\": [{\"name\": \"%s\"}]}, ",
                          big_field);
  g_string_append (releases, GOOD);
  data = catalog_with (releases->str);

  got = read_string (data, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpuint (strlen (pr_release_get_title (g_ptr_array_index (got, 0))), ==,
                    PR_CATALOG_MAX_FIELD_SIZE);
  g_assert_cmpuint (skipped->len, ==, 3);
  assert_skipped (skipped, 0, PR_CATALOG_ERROR_TOO_LARGE, "releases[1].title: longer than 65536 bytes");
  assert_skipped (skipped, 1, PR_CATALOG_ERROR_TOO_LARGE,
                  "releases[2].body: more than 10485760 bytes of text");
  assert_skipped (skipped, 2, PR_CATALOG_ERROR_TOO_LARGE,
                  "releases[3].people[0].name: longer than 65536 bytes");
}

static void
test_newer_version (void)
{
  static const struct {
    const char *version;
    const char *message;
  } cases[] = {
    { "2", "version: catalog version 2 is newer than this PressReader reads (version 1); "
           "a newer PressReader is needed" },
    { "0", "version: 0 is not a catalog version" },
    { "-3", "version: -3 is not a catalog version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data =
        g_strdup_printf ("{\"format\": \"pressreader-catalog\", \"version\": %s, \"releases\": [" GOOD "]}",
                         cases[i].version);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) got = read_string (data, NULL, &error);

      g_assert_null (got);
      g_assert_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_VERSION);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_keeps_good_releases (void)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) good = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  g_autofree char *broken = NULL;
  JsonArray *array;

  for (guint i = 0; i < 5; i++)
    {
      PrRelease *release = rich_release ();
      g_autofree char *title = g_strdup_printf ("Release %u", i);

      pr_release_set_field (release, PR_FIELD_TITLE, title);
      g_ptr_array_add (releases, release);
      if (i != 1 && i != 3)
        g_ptr_array_add (good, g_object_ref (release));
    }

  /* Break releases 1 and 3 in the written catalog. */
  data = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, NULL);
  g_assert_true (json_parser_load_from_data (parser, data, -1, NULL));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "releases");
  json_object_set_int_member (json_array_get_object_element (array, 1), "title", 7);
  json_object_set_object_member (json_array_get_object_element (array, 3), "people", json_object_new ());
  json_generator_set_root (generator, json_parser_get_root (parser));
  broken = json_generator_to_data (generator, NULL);

  got = read_string (broken, &skipped, &error);
  g_assert_no_error (error);
  assert_same_releases (good, got);
  g_assert_cmpuint (skipped->len, ==, 2);
  assert_skipped (skipped, 0, PR_CATALOG_ERROR_INVALID,
                  "releases[1].title: expected a string or null, got a number");
  assert_skipped (skipped, 1, PR_CATALOG_ERROR_INVALID,
                  "releases[3].people: expected an array, got an object");

  /* Without somewhere to report them, the bad ones are still skipped. */
  g_clear_pointer (&got, g_ptr_array_unref);
  got = read_string (broken, NULL, &error);
  g_assert_no_error (error);
  assert_same_releases (good, got);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/catalog/round-trip", test_round_trip);
  g_test_add_func ("/core/catalog/round-trip-state", test_round_trip_state);
  g_test_add_func ("/core/catalog/round-trip-file", test_round_trip_file);
  g_test_add_func ("/core/catalog/keys", test_keys);
  g_test_add_func ("/core/catalog/empty", test_empty_catalog);
  g_test_add_func ("/core/catalog/minimal", test_minimal);
  g_test_add_func ("/core/catalog/malformed/truncated", test_truncated);
  g_test_add_func ("/core/catalog/malformed/syntax", test_syntax);
  g_test_add_func ("/core/catalog/malformed/wrong-types", test_wrong_types);
  g_test_add_func ("/core/catalog/malformed/wrong-header", test_wrong_header);
  g_test_add_func ("/core/catalog/malformed/missing-fields", test_missing_fields);
  g_test_add_func ("/core/catalog/malformed/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/catalog/malformed/huge-string", test_huge_string);
  g_test_add_func ("/core/catalog/malformed/newer-version", test_newer_version);
  g_test_add_func ("/core/catalog/keeps-good-releases", test_keeps_good_releases);

  return g_test_run ();
}
