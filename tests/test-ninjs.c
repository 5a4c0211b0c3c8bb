/* test-ninjs.c: the ninjs reader and writer (src/core/pr-ninjs.c) */
#include <string.h>

#include "corpus-score.h"
#include "news-fixtures.h"
#include "pr-ninjs.h"

#define PASS_MARK 98.0

/* ---- Reading ------------------------------------------------------------ */

static void
test_read_v1 (void)
{
  static const char json[] =
    "{\"uri\": \"https://example.org/news/valdemora-1\", \"type\": \"text\", \"version\": \"2\",\n"
    " \"versioncreated\": \"2024-04-10T18:00:00+02:00\", \"firstcreated\": \"2024-04-09T07:00:00+02:00\",\n"
    " \"language\": \"es\", \"located\": \"Valencia\",\n"
    " \"headline\": \"Valdemora abre una planta de reciclaje en Valencia\",\n"
    " \"headline_sub\": \"Cien empleos nuevos en dos años\",\n"
    " \"description_text\": \"La planta recicla baterías.\",\n"
    " \"body_text\": \"Valdemora S.A. ha abierto hoy una planta de reciclaje de baterías en el puerto.\\n\\n"
    "La planta dará empleo a cien personas.\",\n"
    " \"organisation\": [{\"name\": \"Valdemora S.A.\"}, {\"name\": \"Puerto de Valencia\", \"rel\": \"about\"}],\n"
    " \"person\": [{\"name\": \"Lucía Ferrer\"}],\n"
    " \"subject\": [{\"name\": \"reciclaje\", \"code\": \"20000420\"}]}\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_ninjs_read, json);
  PrRelease *r;

  g_assert_cmpuint (releases->len, ==, 1);
  r = g_ptr_array_index (releases, 0);
  g_assert_cmpstr (pr_release_get_title (r), ==, "Valdemora abre una planta de reciclaje en Valencia");
  g_assert_false (pr_release_get_title_derived (r));
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUBTITLE), ==, "Cien empleos nuevos en dos años");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUMMARY), ==, "La planta recicla baterías.");
  /* firstcreated before versioncreated, in the producer's time zone. */
  g_assert_cmpstr (pr_release_get_date (r), ==, "2024-04-09");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Valencia");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_LANGUAGE), ==, "es");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_ORIGIN), ==, "https://example.org/news/valdemora-1");
  g_assert_true (news_has_entity (pr_release_get_organizations (r), "Valdemora S.A."));
  g_assert_true (news_has_entity (pr_release_get_organizations (r), "Puerto de Valencia"));
  g_assert_true (news_has_entity (pr_release_get_people (r), "Lucía Ferrer"));
  g_assert_cmpuint (pr_release_get_blocks (r)->len, ==, 2);
}

static void
test_read_v2 (void)
{
  static const char json[] =
    "{\"uri\": \"urn:example:harbor-light:7\", \"type\": \"text\",\n"
    " \"standard\": {\"name\": \"ninjs\", \"version\": \"2.0\"},\n"
    " \"headlines\": [{\"role\": \"short\", \"value\": \"Harbor Light: new director\"},\n"
    "                {\"role\": \"main\", \"value\": \"Harbor Light Names Ana Ruiz Director of Its Museum\"},\n"
    "                {\"role\": \"sub\", \"value\": \"She starts in July\"}],\n"
    " \"descriptions\": [{\"role\": \"summary\", \"value\": \"A new museum director.\"}],\n"
    " \"bodies\": [{\"role\": \"teaser\", \"contenttype\": \"text/plain\", \"value\": \"Not the body.\"},\n"
    "            {\"role\": \"main\", \"contenttype\": \"text/html\", \"value\":\n"
    "             \"<p>PORTLAND, Maine, June 3, 2024 -- Harbor Light named Ana Ruiz director.</p>"
    "<ul><li>Ruiz led <a href=\\\"https://museum.example/\\\">a museum</a></li><li>She starts in July</li></ul>"
    "<p>Press<br>Ben Cole<br>ben@harborlight.example</p>\"}],\n"
    " \"organisations\": [{\"name\": \"Harbor Light Foundation\", \"symbols\": [{\"ticker\": \"HLF\"}]}],\n"
    " \"people\": [{\"name\": \"Ana Ruiz\"}],\n"
    " \"places\": [{\"name\": \"Maine\"}],\n"
    " \"infosources\": [{\"name\": \"Some Agency\"}, {\"name\": \"GLOBE NEWSWIRE\"}],\n"
    " \"altids\": [{\"role\": \"url\", \"value\": \"https://harborlight.example/news/7\"}],\n"
    " \"versioncreated\": \"2024-06-03T12:00:00Z\", \"language\": \"en-US\"}\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_ninjs_read, json);
  PrRelease *r = g_ptr_array_index (releases, 0);
  const char * const *links;

  g_assert_cmpstr (pr_release_get_title (r), ==, "Harbor Light Names Ana Ruiz Director of Its Museum");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUBTITLE), ==, "She starts in July");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_SUMMARY), ==, "A new museum director.");
  g_assert_cmpstr (pr_release_get_date (r), ==, "2024-06-03");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Portland");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_REGION), ==, "Maine");
  g_assert_cmpstr (pr_release_get_source (r), ==, "GlobeNewswire");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_LANGUAGE), ==, "en");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_ORIGIN), ==, "https://harborlight.example/news/7");
  g_assert_true (news_has_entity (pr_release_get_organizations (r), "Harbor Light Foundation"));
  g_assert_true (news_has_entity (pr_release_get_people (r), "Ana Ruiz"));
  links = pr_release_get_list (r, PR_LIST_LINKS);
  g_assert_true (g_strv_contains (links, "https://museum.example/"));
  g_assert_cmpuint (g_strv_length ((char **) pr_release_get_list (r, PR_LIST_CONTACTS)), ==, 1);
  {
    GPtrArray *blocks = pr_release_get_blocks (r);
    PrBlock *item = g_ptr_array_index (blocks, 1);

    g_assert_cmpint (item->kind, ==, PR_BLOCK_LIST_ITEM);
    g_assert_cmpstr (item->text, ==, "Ruiz led a museum (https://museum.example/)");
  }
}

static void
test_read_array (void)
{
  static const char json[] =
    "[{\"uri\": \"urn:a\", \"headline\": \"First Headline of the Array\", \"body_text\": \"BERLIN, May 2, 2024 -- One.\"},\n"
    " {\"uri\": \"urn:b\", \"type\": \"picture\", \"renditions\": []},\n"
    " 42, null, \"text\",\n"
    " {\"uri\": \"urn:c\", \"bodies\": [{\"value\": \"PARIS, 3 mai 2024 -- Deux.\"}]}]\n";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_ninjs_read, json);

  /* The objects with a headline or a body; the rest is left out. */
  g_assert_cmpuint (releases->len, ==, 2);
  g_assert_cmpstr (pr_release_get_title (g_ptr_array_index (releases, 0)), ==, "First Headline of the Array");
  g_assert_cmpstr (pr_release_get_date (g_ptr_array_index (releases, 1)), ==, "2024-05-03");
}

/* A headline the text parser would take for a time stamp (furniture) is
 * still the item's headline: a release of its own. */
static void
test_read_headline_only (void)
{
  static const char json[] = "{\"uri\": \"urn:x\", \"headline\": \"10:32 AM\", "
                             "\"versioncreated\": \"2024-03-05T10:32:00Z\"}";
  g_autoptr(GPtrArray) releases = news_read_ok (pr_ninjs_read, json);
  PrRelease *r = g_ptr_array_index (releases, 0);

  g_assert_cmpstr (pr_release_get_title (r), ==, "10:32 AM");
  g_assert_cmpstr (pr_release_get_date (r), ==, "2024-03-05");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_ORIGIN), ==, "test");
  g_assert_cmpuint (pr_release_get_blocks (r)->len, ==, 0);
}

/* ---- Writing ------------------------------------------------------------ */

static PrRelease *
parse_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PrRelease *release = pr_parse_file (file, NULL, &error);

  g_assert_no_error (error);
  return release;
}

static void
test_export (void)
{
  g_autoptr(PrRelease) r = parse_sample ("020-harbor-light.txt");
  g_autoptr(JsonNode) node = pr_ninjs_from_release (r);
  JsonObject *o = json_node_get_object (node);
  JsonObject *standard, *headline, *body;
  g_autofree char *uri = g_strconcat ("urn:pressreader:release:", pr_release_compute_id (r), NULL);

  g_assert_cmpstr (json_object_get_string_member (o, "uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (o, "version"), ==, "1");
  standard = json_object_get_object_member (o, "standard");
  g_assert_cmpstr (json_object_get_string_member (standard, "name"), ==, "ninjs");
  g_assert_cmpstr (json_object_get_string_member (standard, "version"), ==, "2.0");
  g_assert_cmpstr (json_object_get_string_member (standard, "schema"), ==, PR_NINJS_SCHEMA);
  /* ninjs 2.0 allows no members but its own: no "$schema". */
  g_assert_false (json_object_has_member (o, "$schema"));
  g_assert_false (json_object_has_member (o, "renditions"));

  headline = json_array_get_object_element (json_object_get_array_member (o, "headlines"), 0);
  g_assert_cmpstr (json_object_get_string_member (headline, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (headline, "value"), ==, pr_release_get_title (r));
  body = json_array_get_object_element (json_object_get_array_member (o, "bodies"), 0);
  g_assert_cmpstr (json_object_get_string_member (body, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (body, "contenttype"), ==, "text/plain");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (body, "value"),
                                   pr_release_get_field (r, PR_FIELD_DATELINE)));
  g_assert_cmpint (json_object_get_int_member (body, "wordcount"), ==, pr_release_get_word_count (r));

  if (pr_release_get_date (r) != NULL)
    {
      g_autofree char *created = g_strconcat (pr_release_get_date (r), "T00:00:00Z", NULL);

      g_assert_cmpstr (json_object_get_string_member (o, "versioncreated"), ==, created);
      g_assert_cmpstr (json_object_get_string_member (o, "firstcreated"), ==, created);
    }
  g_assert_cmpstr (json_object_get_string_member (o, "language"), ==,
                   pr_release_get_field (r, PR_FIELD_LANGUAGE));
  if (pr_release_get_organizations (r)->len > 0)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "organisations")), ==,
                      pr_release_get_organizations (r)->len);
  /* A file path is not published; an http(s) origin is, as an altid. */
  g_assert_false (json_object_has_member (o, "altids"));
}

static void
test_write (void)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  JsonArray *array;

  g_ptr_array_add (releases, parse_sample ("010-nordlicht-robotik.txt"));
  g_ptr_array_add (releases, parse_sample ("060-qingshan.txt"));
  pr_release_set_field (g_ptr_array_index (releases, 1), PR_FIELD_ORIGIN, "https://qingshan.example/news/1");
  json = pr_ninjs_write (releases, &length);
  g_assert_cmpuint (length, ==, strlen (json));
  g_assert_true (g_str_has_suffix (json, "}\n]\n"));
  g_assert_true (json_parser_load_from_data (parser, json, length, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  {
    JsonObject *o = json_array_get_object_element (array, 1);
    JsonObject *altid = json_array_get_object_element (json_object_get_array_member (o, "altids"), 0);

    g_assert_cmpstr (json_object_get_string_member (altid, "role"), ==, "url");
    g_assert_cmpstr (json_object_get_string_member (altid, "value"), ==, "https://qingshan.example/news/1");
  }
  g_free (json);
  g_ptr_array_set_size (releases, 0);
  json = pr_ninjs_write (releases, &length);
  g_assert_cmpstr (json, ==, "[]\n");
}

/* ---- Round trip --------------------------------------------------------- */

static char *
names_of (GPtrArray *entities)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entities->len; i++)
    g_string_append_printf (out, "%s|", pr_entity_get_name (g_ptr_array_index (entities, i)));
  return g_string_free (out, FALSE);
}

/* What a release → ninjs → release round trip keeps: everything but the
 * origin (a file path is not exported) and the id. */
static void
assert_same_release (PrRelease *a,
                     PrRelease *b)
{
  GPtrArray *x = pr_release_get_blocks (a);
  GPtrArray *y = pr_release_get_blocks (b);

  for (guint i = 0; i < PR_N_FIELDS; i++)
    if (i != PR_FIELD_ID && i != PR_FIELD_ORIGIN)
      g_assert_cmpstr (pr_release_get_field (a, i), ==, pr_release_get_field (b, i));
  for (guint i = 0; i < PR_N_LISTS; i++)
    {
      g_autofree char *p = g_strjoinv ("|", (char **) pr_release_get_list (a, i));
      g_autofree char *q = g_strjoinv ("|", (char **) pr_release_get_list (b, i));

      g_assert_cmpstr (p, ==, q);
    }
  g_assert_cmpuint (x->len, ==, y->len);
  for (guint i = 0; i < x->len; i++)
    {
      PrBlock *p = g_ptr_array_index (x, i), *q = g_ptr_array_index (y, i);

      g_assert_cmpint (p->kind, ==, q->kind);
      g_assert_cmpstr (p->text, ==, q->text);
    }
  {
    g_autofree char *p = names_of (pr_release_get_organizations (a));
    g_autofree char *q = names_of (pr_release_get_organizations (b));
    g_autofree char *s = names_of (pr_release_get_people (a));
    g_autofree char *t = names_of (pr_release_get_people (b));

    g_assert_cmpstr (p, ==, q);
    g_assert_cmpstr (s, ==, t);
  }
  g_assert_cmpuint (pr_release_get_word_count (a), ==, pr_release_get_word_count (b));
}

static PrRelease *
round_trip (PrRelease *release)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  g_ptr_array_add (one, release);
  json = pr_ninjs_write (one, &length);
  back = pr_ninjs_read (json, length, "round-trip.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);
  return g_object_ref (g_ptr_array_index (back, 0));
}

static void
test_round_trip_samples (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", NULL);
  g_autoptr(GDir) samples = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (samples);
  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autoptr(PrRelease) a = NULL;
      g_autoptr(PrRelease) b = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_test_message ("%s", name);
      a = parse_sample (name);
      b = round_trip (a);
      assert_same_release (a, b);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* Every corpus release exported and read back: the same fields, scored. */
static void
test_round_trip_corpus (void)
{
  g_autoptr(CorpusScoreTable) table = corpus_score_table_load ();
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  if (table == NULL)
    return;
  for (guint i = 0; i < table->rows->len; i++)
    {
      char **cells = g_ptr_array_index (table->rows, i);
      g_autofree char *path = g_build_filename (table->shared, cells[0], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) a = pr_parse_file (file, NULL, &error);
      PrRelease *b;

      g_assert_no_error (error);
      g_test_message ("%s", cells[0]);
      b = round_trip (a);
      assert_same_release (a, b);
      g_ptr_array_add (releases, b);
    }
  g_assert_cmpfloat (news_score_rows ("ninjs round-trip corpus", releases), >=, PASS_MARK);
}

/* ---- The corpus --------------------------------------------------------- */

/* A corpus release as a ninjs object of the version given, the body as
 * text for half of them and as HTML for the others. */
static char *
wrap_ninjs (NewsText *text,
            guint     index,
            gpointer  version)
{
  return news_fixture_ninjs (text, index, GPOINTER_TO_UINT (version), index % 2 == 1);
}

static void
test_corpus_v1 (void)
{
  double score = news_score_corpus ("ninjs 1.x corpus", wrap_ninjs, GUINT_TO_POINTER (1), pr_ninjs_read, NULL);

  g_assert_true (score < 0 || score >= PASS_MARK);
}

static void
test_corpus_v2 (void)
{
  double score = news_score_corpus ("ninjs 2.x corpus", wrap_ninjs, GUINT_TO_POINTER (2), pr_ninjs_read, NULL);

  g_assert_true (score < 0 || score >= PASS_MARK);
}

/* ---- Hostile input ------------------------------------------------------ */

static void
test_truncated (void)
{
  g_autoptr(PrRelease) r = parse_sample ("040-valdemora.txt");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *json = NULL;
  gsize length = 0;

  g_ptr_array_add (one, r);
  json = pr_ninjs_write (one, &length);
  /* Cut anywhere past the first bracket, the JSON is not valid. */
  for (guint i = 1; i < 16; i++)
    news_assert_fails (pr_ninjs_read, json, length * i / 16, PR_PARSER_ERROR_INVALID, "JSON");
}

static void
test_bad_input (void)
{
  static const char bad_utf8[] = "{\"headline\": \"caf\xe9\"}";
  static const char catalog[] = "{\"format\": \"pressreader-catalog\", \"version\": 1, \"releases\": []}";
  static const char empty_bodies[] = "[{\"uri\": \"urn:x\", \"bodies\": [{\"value\": \"   \"}]}]";
  g_autoptr(GString) deep = g_string_new (NULL);

  news_assert_fails (pr_ninjs_read, "", 0, PR_PARSER_ERROR_EMPTY, NULL);
  news_assert_fails (pr_ninjs_read, "not json", 8, PR_PARSER_ERROR_INVALID, "JSON");
  news_assert_fails (pr_ninjs_read, "{\"headline\": \"x\",}", 18, PR_PARSER_ERROR_INVALID, "JSON");
  news_assert_fails (pr_ninjs_read, bad_utf8, sizeof bad_utf8 - 1, PR_PARSER_ERROR_INVALID, "UTF-8");
  news_assert_fails (pr_ninjs_read, catalog, strlen (catalog), PR_PARSER_ERROR_INVALID, "ninjs");
  news_assert_fails (pr_ninjs_read, "[1, 2, 3]", 9, PR_PARSER_ERROR_INVALID, "ninjs");
  news_assert_fails (pr_ninjs_read, "\"headline\"", 10, PR_PARSER_ERROR_INVALID, "ninjs");
  news_assert_fails (pr_ninjs_read, empty_bodies, strlen (empty_bodies), PR_PARSER_ERROR_NO_TEXT, NULL);

  /* 100,000 levels: refused before json-glib would recurse into them. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, i % 2 ? "{\"a\":" : "[");
  news_assert_fails (pr_ninjs_read, deep->str, deep->len, PR_PARSER_ERROR_INVALID, "64");
}

static void
test_too_large (void)
{
  gsize length = PR_PARSER_MAX_SIZE + 1;
  g_autofree char *huge = g_malloc (length);

  memset (huge, ' ', length);
  huge[0] = '[';
  news_assert_fails (pr_ninjs_read, huge, length, PR_PARSER_ERROR_TOO_LARGE, "10 MB");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ninjs/read/v1", test_read_v1);
  g_test_add_func ("/core/ninjs/read/v2", test_read_v2);
  g_test_add_func ("/core/ninjs/read/array", test_read_array);
  g_test_add_func ("/core/ninjs/read/headline-only", test_read_headline_only);
  g_test_add_func ("/core/ninjs/export", test_export);
  g_test_add_func ("/core/ninjs/write", test_write);
  g_test_add_func ("/core/ninjs/round-trip/samples", test_round_trip_samples);
  g_test_add_func ("/core/ninjs/round-trip/corpus", test_round_trip_corpus);
  g_test_add_func ("/core/ninjs/corpus/v1", test_corpus_v1);
  g_test_add_func ("/core/ninjs/corpus/v2", test_corpus_v2);
  g_test_add_func ("/core/ninjs/hostile/truncated", test_truncated);
  g_test_add_func ("/core/ninjs/hostile/bad-input", test_bad_input);
  g_test_add_func ("/core/ninjs/hostile/too-large", test_too_large);

  return g_test_run ();
}
