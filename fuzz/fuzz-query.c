/* fuzz-query.c: libFuzzer target for the search-query parser
 *
 * "Parsing never fails" (pr-query.h): any UTF-8 text gives a query whose
 * SQL binds every value and runs on a real library without an SQLite
 * error, and whose snippets turn into well-formed markup. Queries come
 * from a text entry, so they are UTF-8: other bytes are not tried. */
#include "fuzz.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pr-query-private.h"
#include "pr-store.h"

static PrStore *store;
static char *store_dir;

static void
remove_store (void)
{
  g_autoptr(GDir) dir = g_dir_open (store_dir, 0, NULL);
  const char *name;

  g_clear_object (&store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (store_dir);
}

static const char sample_text[] =
  "LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Corp. (NYSE: ACME) said the "
  "round table in Lianyungang \xe8\xbf\x9e\xe4\xba\x91\xe6\xb8\xaf met the "
  "“right-to-left” \xd7\xa2\xd7\x91\xd7\xa8\xd7\x99\xd7\xaa test <b>&amp;</b> again.";

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  PrRelease *release;
  const char * const body[] = { sample_text, NULL };

  fuzz_init ();

  /* One small library, so that the SQL runs for real. */
  store_dir = g_dir_make_tmp ("fuzz-query-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_store);
  path = g_build_filename (store_dir, "library.db", NULL);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);

  release = pr_release_new ();
  pr_release_set_field (release, PR_FIELD_TITLE, "Acme opens a round table");
  pr_release_set_field (release, PR_FIELD_DATE, "2024-01-05");
  pr_release_set_field (release, PR_FIELD_SOURCE, "PR Newswire");
  pr_release_set_field (release, PR_FIELD_CITY, "London");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "en");
  pr_release_set_field (release, PR_FIELD_ORIGIN, "fuzz.txt");
  {
    g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

    g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, body[0]));
    pr_release_set_blocks (release, blocks);
  }
  g_ptr_array_add (releases, release);
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
  return 0;
}

static void
check_markup (const char *markup)
{
  static const GMarkupParser parser = { NULL, };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, wrapped, -1, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  if (error != NULL)
    g_error ("snippet markup not well formed (%s): %s", error->message, markup);
}

static gboolean
has_controls (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      return TRUE;
  return FALSE;
}

static void
check_query (PrQuery    *query,
             const char *text)
{
  const char * const *terms = pr_query_get_terms (query);
  const char * const *warnings = pr_query_get_warnings (query);
  g_autofree char *snippet = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *stripped = NULL;

  g_assert_cmpstr (pr_query_get_text (query), ==, text);
  g_assert (terms != NULL && warnings != NULL);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_assert (g_utf8_validate (warnings[i], -1, NULL));
  for (guint i = 0; terms[i] != NULL; i++)
    g_assert (g_utf8_validate (terms[i], -1, NULL));
  if (pr_query_is_empty (query))
    g_assert (!pr_query_has_terms (query));

  for (PrFilter filter = PR_FILTER_ALL; filter <= PR_FILTER_BOOKMARKED; filter++)
    {
      g_autoptr(PrQuerySql) sql = pr_query_compile (query, filter);
      guint marks = 0;

      g_assert (sql->where != NULL);
      /* Values are bound, never spliced: one '?' per parameter. */
      for (const char *p = sql->where; *p; p++)
        marks += *p == '?';
      g_assert_cmpuint (marks, ==, sql->params->len);
    }

  /* The store runs the SQL: an SQLite error would be a query that failed. */
  for (PrSort sort = PR_SORT_DATE; sort <= PR_SORT_RELEVANCE; sort++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = pr_store_search (store, query, PR_FILTER_ALL, sort, 0, 10, &error);

      if (error != NULL)
        g_error ("query “%s” failed in the store: %s", text, error->message);
      g_assert (found != NULL);
    }
  {
    g_autoptr(GError) error = NULL;
    gint64 count = pr_store_count (store, query, PR_FILTER_UNREAD, &error);

    if (error != NULL)
      g_error ("query “%s” failed to count: %s", text, error->message);
    g_assert_cmpint (count, >=, 0);
  }

  /* Snippets of the text itself (stored text has no control characters,
   * which markup cannot hold) and of a fixed text, with the terms. */
  snippet = pr_snippet_make (text, terms, 20);
  stripped = pr_snippet_strip (snippet);
  g_assert (strchr (stripped, '\x02') == NULL && strchr (stripped, '\x03') == NULL);
  if (!has_controls (text))
    {
      markup = pr_snippet_to_markup (snippet, "<b>", "</b>");
      check_markup (markup);
      g_clear_pointer (&markup, g_free);
    }
  g_clear_pointer (&snippet, g_free);
  snippet = pr_snippet_make (sample_text, terms, 20);
  markup = pr_snippet_to_markup (snippet, "<b>", "</b>");
  check_markup (markup);
  g_assert (snippet == NULL || g_utf8_validate (snippet, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *key = NULL;
  g_autoptr(PrQuery) query = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  key = pr_normalize_key (text);
  g_assert (g_utf8_validate (key, -1, NULL));

  query = pr_query_new (text);
  check_query (query, text);
  return 0;
}
