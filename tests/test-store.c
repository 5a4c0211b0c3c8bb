/* test-store.c: the library's SQLite store */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "library-test.h"
#include "pr-store-private.h"

static PrRelease *
full_release (void)
{
  PrRelease *release = test_release ("The 2021 SCO International Round Table was held in Lianyungang",
                                     "2021-06-18", "PR Newswire",
                                     "LIANYUNGANG, China, June 18, 2021 -- The round table opened.\n\n"
                                     "Delegates from Zürich and São Paulo attended.",
                                     "/releases/sco.txt");
  const char *links[] = { "https://example.org/a", "https://example.org/b", NULL };
  const char *contacts[] = { "Press office\nphone 123", NULL };
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "First paragraph."));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_LIST_ITEM, "A list item"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_TABLE, "col1  col2\n1     2\n\n3     4"));
  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_HEADING, "About Lianyungang"));
  pr_release_set_blocks (release, blocks);

  pr_release_set_field (release, PR_FIELD_SUBTITLE, "A subtitle");
  pr_release_set_field (release, PR_FIELD_DATELINE, "LIANYUNGANG, China, June 18, 2021");
  pr_release_set_field (release, PR_FIELD_CITY, "Lianyungang");
  pr_release_set_field (release, PR_FIELD_REGION, "China");
  pr_release_set_field (release, PR_FIELD_SOURCE_TAG, "PRNewswire");
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "en-GB");
  pr_release_set_field (release, PR_FIELD_SUMMARY, "The round table opened.");
  pr_release_set_list (release, PR_LIST_LINKS, links);
  pr_release_set_list (release, PR_LIST_CONTACTS, contacts);
  pr_release_set_word_count (release, 42);
  pr_release_set_title_derived (release, TRUE);
  test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Shanghai Cooperation Organization", "SCO");
  test_release_add_entity (release, PR_ENTITY_PERSON, "Zhang Ming", "Secretary-General");
  return release;
}

static void
test_open_create (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "library.db", NULL);
  g_autofree char *default_path = pr_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pr_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (test_count (store, NULL), ==, 0);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (default_path, "/pressreader/library.db"));
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = pr_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  PrStore *store = NULL;

  pr_store_open_async (path, NULL, opened, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (test_count (store, NULL), ==, 0);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

static void
test_round_trip (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = full_release ();
  g_autoptr(PrRelease) loaded = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcome;

  g_ptr_array_add (releases, release);
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PR_STORE_ADDED);
  g_assert_cmpint (pr_release_get_store_id (release), >, 0);
  g_assert_cmpint (pr_release_get_imported_at (release), >, 0);

  g_clear_object (&store);
  store = test_store_open (dir);
  loaded = pr_store_get_release (store, pr_release_get_store_id (release), &error);
  g_assert_no_error (error);
  g_assert_true (pr_release_equal_content (release, loaded));
  g_assert_cmpint (pr_release_get_store_id (loaded), ==, pr_release_get_store_id (release));
  g_assert_cmpint (pr_release_get_imported_at (loaded), ==, pr_release_get_imported_at (release));
  g_assert_false (pr_release_get_read (loaded));

  g_assert_null (pr_store_get_release (store, 999, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_dedupe (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcomes[4];

  /* The same content twice in one batch, once re-wrapped in another. */
  g_ptr_array_add (releases, test_release ("Title A", "2024-01-05", "PR Newswire", "Body one.", NULL));
  g_ptr_array_add (releases, test_release ("Title B", "2024-01-06", "PR Newswire", "Body two.", NULL));
  g_ptr_array_add (releases, test_release ("Title A", "2024-01-05", "PR Newswire", "Body one.", NULL));
  g_assert_true (pr_store_add_releases (store, releases, outcomes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcomes[0], ==, PR_STORE_ADDED);
  g_assert_cmpint (outcomes[1], ==, PR_STORE_ADDED);
  g_assert_cmpint (outcomes[2], ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);

  g_ptr_array_set_size (releases, 0);
  g_ptr_array_add (releases, test_release ("TITLE a", "2024-01-05", "PR Newswire", "Body,  one", "/x/a.txt"));
  g_assert_true (pr_store_add_releases (store, releases, outcomes, &error));
  g_assert_cmpint (outcomes[0], ==, PR_STORE_UNCHANGED);
  g_assert_cmpint (test_count (store, NULL), ==, 2);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A release found by its content id (selection restore), whatever its
 * row; a content id not in the library is NOT_FOUND. */
static void
test_find_by_content_id (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) a = test_release ("Found A", "2024-01-05", "PR Newswire", "Body one.", NULL);
  g_autoptr(PrRelease) b = test_release ("Found B", "2024-01-06", "PR Newswire", "Body two.", NULL);
  g_autoptr(PrRelease) found = NULL;
  g_autoptr(PrRelease) missing = NULL;
  g_autoptr(GError) error = NULL;

  test_add (store, a);
  test_add (store, b);
  found = pr_store_find_release (store, pr_release_compute_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pr_release_get_store_id (found), ==, pr_release_get_store_id (b));
  g_assert_cmpstr (pr_release_get_title (found), ==, "Found B");
  g_assert_cmpstr (pr_release_get_field (found, PR_FIELD_ID), ==, pr_release_compute_id (b));

  missing = pr_store_find_release (store, "0000000000000000000000000000000000000000000000000000000000000000", &error);
  g_assert_null (missing);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_update_keeps_state (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) first = test_release ("Edited", "2024-01-05", "Business Wire",
                                             "The first text.", "/x/edited.txt");
  g_autoptr(PrRelease) second = test_release ("Edited", "2024-01-05", "Business Wire",
                                              "The corrected text.", "/x/edited.txt");
  g_autoptr(PrRelease) third = test_release ("Edited", "2024-01-05", "Business Wire",
                                             "The corrected text.", "/x/edited.txt");
  g_autoptr(PrRelease) loaded = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PrStoreOutcome outcome;
  gint64 id;

  test_add (store, first);
  id = pr_release_get_store_id (first);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_true (pr_store_set_bookmarked (store, id, TRUE, &error));
  g_assert_no_error (error);

  g_ptr_array_add (releases, second);
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_cmpint (outcome, ==, PR_STORE_UPDATED);
  g_assert_cmpint (pr_release_get_store_id (second), ==, id);

  g_ptr_array_index (releases, 0) = third;
  g_assert_true (pr_store_add_releases (store, releases, &outcome, &error));
  g_assert_cmpint (outcome, ==, PR_STORE_UNCHANGED);

  g_assert_cmpint (test_count (store, NULL), ==, 1);
  g_assert_cmpint (test_count (store, "corrected"), ==, 1);
  g_assert_cmpint (test_count (store, "first"), ==, 0);

  g_clear_object (&store);
  store = test_store_open (dir);
  loaded = pr_store_get_release (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (pr_release_get_read (loaded));
  g_assert_true (pr_release_get_bookmarked (loaded));
  g_assert_true (pr_release_equal_content (loaded, second));
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_state (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = test_release ("State", "2024-02-01", "GlobeNewswire", "Body.", NULL);
  g_autoptr(PrRelease) live = NULL;
  g_autoptr(PrRelease) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, before = g_get_real_time () / G_USEC_PER_SEC;
  guint notified = 0;

  test_add (store, release);
  id = pr_release_get_store_id (release);

  live = pr_store_get_release (store, id, &error);
  again = pr_store_get_release (store, id, &error);
  g_assert_true (live == again);
  g_signal_connect (live, "notify::read", G_CALLBACK (count_notify), &notified);

  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pr_release_get_read (live));
  g_assert_cmpint (pr_release_get_read_at (live), >=, before);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (pr_store_set_bookmarked (store, id, TRUE, &error));
  g_assert_true (pr_release_get_bookmarked (live));
  g_assert_cmpint (test_count (store, "is:bookmarked"), ==, 1);
  g_assert_cmpint (test_count (store, "is:unread"), ==, 0);

  g_assert_false (pr_store_set_read (store, 12345, TRUE, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Across reopening. */
  g_clear_object (&live);
  g_clear_object (&again);
  g_clear_object (&store);
  store = test_store_open (dir);
  live = pr_store_get_release (store, id, &error);
  g_assert_true (pr_release_get_read (live));
  g_assert_true (pr_release_get_bookmarked (live));
  g_assert_cmpint (pr_release_get_bookmarked_at (live), >=, before);

  g_assert_true (pr_store_set_read (store, id, FALSE, &error));
  g_assert_false (pr_release_get_read (live));
  g_assert_cmpint (pr_release_get_read_at (live), ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == pr_store_set_read_async)
    g_assert_true (pr_store_set_read_finish (PR_STORE (source), result, &error));
  else if (g_task_get_source_tag (G_TASK (result)) == pr_store_set_bookmarked_async)
    g_assert_true (pr_store_set_bookmarked_finish (PR_STORE (source), result, &error));
  else
    g_assert_true (pr_store_delete_finish (PR_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async_writes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) release = test_release ("Async", "2024-02-01", "GlobeNewswire", "Body.", NULL);
  g_autoptr(PrRelease) live = NULL;
  gboolean done = FALSE;
  gint64 id;

  test_add (store, release);
  id = pr_release_get_store_id (release);
  live = pr_store_get_release (store, id, NULL);

  pr_store_set_read_async (store, id, TRUE, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  /* The live release is updated on this thread, before the callback. */
  g_assert_true (pr_release_get_read (live));

  done = FALSE;
  pr_store_set_bookmarked_async (store, id, TRUE, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pr_release_get_bookmarked (live));

  done = FALSE;
  pr_store_delete_async (store, id, NULL, async_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (test_count (store, NULL), ==, 0);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_delete (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrRelease) a = full_release ();
  g_autoptr(PrRelease) b = test_release ("Other", "2024-01-01", "PR Newswire", "Round things.", NULL);
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(GError) error = NULL;

  test_add (store, a);
  test_add (store, b);
  g_assert_cmpint (test_count (store, "round"), ==, 2);
  g_assert_true (pr_store_delete (store, pr_release_get_store_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (store, NULL), ==, 1);
  g_assert_cmpint (test_count (store, "round"), ==, 1);
  g_assert_cmpint (test_count (store, "lianyungang"), ==, 0);
  g_assert_false (pr_store_delete (store, pr_release_get_store_id (a), &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 0);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_facets (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) facets = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("source:businesswire");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Release %u", i);
      PrRelease *release = test_release (title, "2024-03-01", i < 4 ? "PR Newswire" : "Business Wire",
                                         "Text.", NULL);

      pr_release_set_field (release, PR_FIELD_CITY, i % 2 ? "London" : "Paris");
      test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Acme Corp", NULL);
      if (i < 2)
        test_release_add_entity (release, PR_ENTITY_ORGANIZATION, "Globex", NULL);
      g_ptr_array_add (releases, release);
    }
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_SOURCE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 2);
  g_assert_cmpstr (((PrFacet *) facets->pdata[0])->name, ==, "PR Newswire");
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 4);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 1, &error);
  g_assert_cmpuint (facets->len, ==, 1);
  g_assert_cmpstr (((PrFacet *) facets->pdata[0])->name, ==, "Acme Corp");
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 6);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, query, PR_FILTER_ALL, PR_FACET_PLACE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->len, ==, 2);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);
  g_clear_pointer (&facets, g_ptr_array_unref);

  facets = pr_store_get_facets (store, query, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 10, &error);
  g_assert_cmpuint (facets->len, ==, 1);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 2);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* ---- migrations ------------------------------------------------------ */

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The query plan of @sql on the library at @path, one detail a line. */
static char *
sql_plan (const char *path,
          const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

/* Version 3: the list by wire reads an index in its order, no sort. */
static void
assert_schema_v3 (const char *path)
{
  g_autofree char *by_source = sql_plan (path, "SELECT r.id FROM releases AS r"
                                               " ORDER BY r.source_norm, r.date DESC, r.id DESC"
                                               " LIMIT 256 OFFSET 1000");
  g_autofree char *one_source = sql_plan (path, "SELECT r.id FROM releases AS r"
                                                " WHERE r.source_norm = 'prnewswire'"
                                                " ORDER BY r.date DESC, r.id DESC LIMIT 256");

  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_index_xinfo ('releases_by_source')"
                                  " WHERE name IN ('date', 'id') AND desc = 1"), ==, 2);
  g_assert_nonnull (strstr (by_source, "releases_by_source"));
  g_assert_null (strstr (by_source, "TEMP B-TREE"));
  g_assert_nonnull (strstr (one_source, "releases_by_source"));
  g_assert_null (strstr (one_source, "TEMP B-TREE"));
}

/* A library as version N wrote it, with one read and bookmarked release
 * naming one organisation: SQL frozen per version, never edited. */
static const char fixture_v1[] =
  "INSERT INTO releases (id, content_id, source_key, fingerprint, date, title, source, source_norm,"
  " language, imported_at, updated_at, read, read_at, bookmarked, bookmarked_at)"
  " VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release', 'PR Newswire',"
  " 'prnewswire', 'en', 1000, 1000, 1, 1001, 1, 1002);"
  "INSERT INTO release_text (id, organizations, body, extra) VALUES (7, 'Old Turbines Ltd',"
  " 'Old body about turbines.', '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]]}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old body about turbines.', 'Old Turbines Ltd', '', NULL,"
  " 'PR Newswire');"
  "INSERT INTO entities (id, kind, norm, name) VALUES (3, 0, 'oldturbinesltd', 'Old Turbines Ltd');"
  "INSERT INTO release_entities (release_id, entity_id) VALUES (7, 3);";

/* Version 2 keeps counts by triggers and entity counts by the writer. */
static const char fixture_v2[] =
  "INSERT INTO releases (id, content_id, source_key, fingerprint, date, title, source, source_norm,"
  " language, imported_at, updated_at, read, read_at, bookmarked, bookmarked_at)"
  " VALUES (7, 'c0ffee', '/old/file.txt', 'f', '2020-05-01', 'An old release', 'PR Newswire',"
  " 'prnewswire', 'en', 1000, 1000, 1, 1001, 1, 1002);"
  "INSERT INTO release_text (id, organizations, body, extra) VALUES (7, 'Old Turbines Ltd',"
  " 'Old body about turbines.', '{\"v\":1,\"orgs\":[[\"Old Turbines Ltd\"]]}');"
  "INSERT INTO release_fts (rowid, title, subtitle, body, organizations, people, dateline, source)"
  " VALUES (7, 'An old release', NULL, 'Old body about turbines.', 'Old Turbines Ltd', '', NULL,"
  " 'PR Newswire');"
  "INSERT INTO entities (id, kind, norm, name, releases) VALUES (3, 0, 'oldturbinesltd',"
  " 'Old Turbines Ltd', 1);"
  "INSERT INTO release_entities (release_id, entity_id) VALUES (7, 3);";

/* Version 0 is an empty file. */
static const char * const fixtures[PR_STORE_SCHEMA_VERSION] = {
  [0] = NULL,
  [1] = fixture_v1,
  [2] = fixture_v2,
};

static void
test_migrations (void)
{
  for (int version = 0; version < PR_STORE_SCHEMA_VERSION; version++)
    {
      char *dir = test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "library.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrStore) store = NULL;

      g_assert_true (pr_store_create_at_version (path, version, &error));
      g_assert_no_error (error);
      if (fixtures[version] != NULL)
        sql_exec (path, fixtures[version]);

      store = pr_store_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, PR_STORE_SCHEMA_VERSION);
      g_assert_true (pr_store_check_integrity (store, &error));
      g_assert_no_error (error);
      assert_schema_v3 (path);
      if (fixtures[version] != NULL)
        {
          g_autoptr(PrRelease) old = pr_store_get_release (store, 7, &error);

          g_autoptr(GPtrArray) facets = NULL;

          g_assert_no_error (error);
          g_assert_true (pr_release_get_read (old));
          g_assert_true (pr_release_get_bookmarked (old));
          g_assert_cmpint (test_count (store, "turbines"), ==, 1);
          g_assert_cmpint (test_count (store, "org:\"old turbines\""), ==, 1);
          g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_BOOKMARKED, NULL), ==, 1);
          facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 5, NULL);
          g_assert_cmpuint (facets->len, ==, 1);
          g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);
        }

      /* And it works as a library. */
      {
        g_autoptr(PrRelease) fresh = full_release ();

        test_add (store, fresh);
        g_assert_cmpint (test_count (store, "lianyungang"), ==, 1);
      }
      g_clear_object (&store);
      test_tmpdir_free (dir);
    }
}

/* The current version's fixture, migrated from itself: reopening a
 * library with data keeps it. */
static void
test_reopen_current (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrRelease) old = NULL;

  g_assert_true (pr_store_create_at_version (path, PR_STORE_SCHEMA_VERSION, &error));
  sql_exec (path, fixtures[PR_STORE_SCHEMA_VERSION - 1]);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  old = pr_store_get_release (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_release_get_title (old), ==, "An old release");
  g_assert_true (pr_release_get_bookmarked (old));
  g_assert_cmpint (pr_release_get_bookmarked_at (old), ==, 1002);
  g_assert_cmpint (test_count (store, "turbine*"), ==, 1);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Development builds wrote version 1 with parts of version 2 (counts, the
 * index, no entity insert trigger); the step to 2 repairs them. */
static void
test_migrate_dev_v1 (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) facets = NULL;

  g_assert_true (pr_store_create_at_version (path, 1, &error));
  sql_exec (path, fixture_v1);
  sql_exec (path, "DROP TRIGGER release_entities_added;"
                  "UPDATE entities SET releases = 5;"
                  "CREATE INDEX releases_by_id ON releases (id, date, source_norm, read, bookmarked, language);"
                  "CREATE TABLE counts (id INTEGER PRIMARY KEY CHECK (id = 1), releases INTEGER NOT NULL,"
                  " unread INTEGER NOT NULL, bookmarked INTEGER NOT NULL);"
                  "INSERT INTO counts VALUES (1, 0, 0, 0);");
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, NULL), ==, 1);
  facets = pr_store_get_facets (store, NULL, PR_FILTER_ALL, PR_FACET_ORGANIZATION, 5, NULL);
  g_assert_cmpuint (((PrFacet *) facets->pdata[0])->count, ==, 1);

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* A crash leaves the WAL with commits not yet in the database, and a WAL
 * index that must be rebuilt: opening must recover them. */
static void
test_open_after_crash (void)
{
  char *dir = test_tmpdir ();
  char *copy_dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "library.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrStore) recovered = NULL;
  g_autoptr(PrRelease) release = full_release ();
  g_autoptr(GError) error = NULL;

  test_add (store, release);
  g_assert_true (pr_store_set_bookmarked (store, pr_release_get_store_id (release), TRUE, NULL));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The files as they are while the store is open: no checkpoint yet. */
  copy_file (path, copy);
  copy_file (wal, copy_wal);

  recovered = pr_store_open (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_check_integrity (recovered, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (recovered, "is:bookmarked lianyungang"), ==, 1);

  g_clear_object (&recovered);
  g_clear_object (&store);
  test_tmpdir_free (copy_dir);
  test_tmpdir_free (dir);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_too_new (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE releases (id INTEGER PRIMARY KEY, future TEXT);"
                                          "INSERT INTO releases VALUES (1, 'x');"
                                          "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          0x50524c42, PR_STORE_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  PrStore *store;

  sql_exec (path, sql);
  before = file_digest (path);

  store = pr_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, PR_STORE_SCHEMA_VERSION + 1);

  test_tmpdir_free (dir);
}

static void
test_not_library (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PrStore *store;

  test_write_file (dir, "notes.txt", "This is not a database, just some text that is long enough "
                   "to not be taken for an empty file by SQLite at all, really.\n", -1);
  before = file_digest (text);
  store = pr_store_open (text, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_LIBRARY);
  g_clear_error (&error);
  after = file_digest (text);
  g_assert_cmpstr (before, ==, after);

  sql_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  store = pr_store_open (other, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_LIBRARY);

  test_tmpdir_free (dir);
}

/* ---- kill -9 --------------------------------------------------------- */

static char *self_exe;

/* The child: adds batches of releases and changes state, printing what
 * each committed write saved, until it is killed. */
static int
kill_child (const char *path,
            const char *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_ascii_strtoull (round, NULL, 10));

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint batch = 0; batch < 100000; batch++)
    {
      g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree PrStoreOutcome *outcomes = NULL;
      guint n = g_rand_int_range (rand, 1, 60);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *title = g_strdup_printf ("Kill round %s batch %u release %u", round, batch, i);
          GString *body = g_string_new (NULL);
          guint words = g_rand_int_range (rand, 50, 900);

          for (guint w = 0; w < words; w++)
            g_string_append_printf (body, "word%u%s", g_rand_int_range (rand, 0, 5000),
                                    w % 80 == 79 ? "\n\n" : " ");
          g_ptr_array_add (releases, test_release (title, "2024-01-01", "PR Newswire", body->str, NULL));
          g_string_free (body, TRUE);
        }
      outcomes = g_new0 (PrStoreOutcome, n);
      if (!pr_store_add_releases (store, releases, outcomes, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < n; i++)
        printf ("saved %s\n", pr_release_get_field (g_ptr_array_index (releases, i), PR_FIELD_ID));

      {
        PrRelease *some = g_ptr_array_index (releases, g_rand_int_range (rand, 0, n));
        gint64 id = pr_release_get_store_id (some);

        if (pr_store_set_read (store, id, TRUE, NULL))
          printf ("read %" G_GINT64_FORMAT "\n", id);
        if (batch % 3 == 0 && pr_store_set_bookmarked (store, id, TRUE, NULL))
          printf ("bookmarked %" G_GINT64_FORMAT "\n", id);
      }
      fflush (stdout);
    }
  return 0;
}

static void
test_kill (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bookmarked_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240105);
  guint rounds = g_test_slow () ? 30 : 12;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *round_text = g_strdup_printf ("%u", round);
      char *argv[] = { self_exe, (char *) "--kill-child", path, round_text, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_autoptr(PrStore) store = NULL;
      GPid pid;
      int out = -1, status = 0;
      char *line = NULL;
      gsize length, terminator;
      guint delay = round == 0 ? 2 : g_rand_int_range (rand, 5, 400);

      g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                               &pid, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_usleep (delay * G_TIME_SPAN_MILLISECOND);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      /* Only whole lines were reported. */
      channel = g_io_channel_unix_new (out);
      g_io_channel_set_close_on_unref (channel, TRUE);
      while (g_io_channel_read_line (channel, &line, &length, &terminator, NULL) == G_IO_STATUS_NORMAL)
        {
          if (terminator > 0)
            {
              line[terminator] = '\0';
              if (g_str_has_prefix (line, "saved "))
                g_ptr_array_add (saved, g_strdup (line + 6));
              else if (g_str_has_prefix (line, "read "))
                {
                  gint64 id = g_ascii_strtoll (line + 5, NULL, 10);
                  g_array_append_val (read_ids, id);
                }
              else if (g_str_has_prefix (line, "bookmarked "))
                {
                  gint64 id = g_ascii_strtoll (line + 11, NULL, 10);
                  g_array_append_val (bookmarked_ids, id);
                }
            }
          g_free (line);
        }

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      /* Integrity, and everything reported is there. */
      store = pr_store_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (pr_store_check_integrity (store, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      for (guint i = 0; i < saved->len; i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM releases WHERE content_id = '%s'",
                                                  (char *) g_ptr_array_index (saved, i));

          g_assert_cmpint (sql_int (path, sql), ==, 1);
        }
      for (guint i = 0; i < read_ids->len; i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT read FROM releases WHERE id = %" G_GINT64_FORMAT,
                                                  g_array_index (read_ids, gint64, i));

          g_assert_cmpint (sql_int (path, sql), ==, 1);
        }
      for (guint i = 0; i < bookmarked_ids->len; i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT bookmarked FROM releases WHERE id = %" G_GINT64_FORMAT,
                                                  g_array_index (bookmarked_ids, gint64, i));

          g_assert_cmpint (sql_int (path, sql), ==, 1);
        }
    }

  g_test_message ("%u releases, %u read, %u bookmarked reported saved over %u kills",
                  saved->len, read_ids->len, bookmarked_ids->len, rounds);
  g_assert_cmpuint (saved->len, >, 0);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--kill-child"))
    return kill_child (argv[2], argv[3]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_strdup (argv[0]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/store/open-create", test_open_create);
  g_test_add_func ("/library/store/open-async", test_open_async);
  g_test_add_func ("/library/store/round-trip", test_round_trip);
  g_test_add_func ("/library/store/dedupe", test_dedupe);
  g_test_add_func ("/library/store/find-by-content-id", test_find_by_content_id);
  g_test_add_func ("/library/store/update-keeps-state", test_update_keeps_state);
  g_test_add_func ("/library/store/state", test_state);
  g_test_add_func ("/library/store/async-writes", test_async_writes);
  g_test_add_func ("/library/store/delete", test_delete);
  g_test_add_func ("/library/store/facets", test_facets);
  g_test_add_func ("/library/store/migrations", test_migrations);
  g_test_add_func ("/library/store/reopen-current", test_reopen_current);
  g_test_add_func ("/library/store/migrate-dev-v1", test_migrate_dev_v1);
  g_test_add_func ("/library/store/open-after-crash", test_open_after_crash);
  g_test_add_func ("/library/store/too-new", test_too_new);
  g_test_add_func ("/library/store/not-library", test_not_library);
  g_test_add_func ("/library/store/kill-9", test_kill);

  return g_test_run ();
}
