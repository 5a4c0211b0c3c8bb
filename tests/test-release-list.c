/* test-release-list.c: the paged list model and its items-changed */
#include <stdio.h>

#include <string.h>

#include "grouping-fixtures.h"
#include "library-test.h"
#include "pr-reader.h"
#include "pr-release-list.h"

/* A copy of a list's ids kept up to date from items-changed alone, the
 * way a list view does; it must always equal a fresh read. */
typedef struct {
  GListModel *model;
  GArray *ids;
  guint signals;
  GString *log;
} Mirror;

static void
mirror_changed (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  if (removed > 0)
    g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(PrRelease) release = g_list_model_get_item (model, position + i);
      gint64 id;

      g_assert_nonnull (release);
      id = pr_release_get_store_id (release);
      g_array_insert_val (mirror->ids, position + i, id);
    }
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->signals++;
  g_string_append_printf (mirror->log, "(%u,%u,%u)", position, removed, added);
}

static void
log_changed (GString    *log,
             guint       position,
             guint       removed,
             guint       added)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

static Mirror *
mirror_new (GListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->model = g_object_ref (model);
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  mirror->log = g_string_new (NULL);
  mirror_changed (model, 0, 0, g_list_model_get_n_items (model), mirror);
  mirror->signals = 0;
  g_string_truncate (mirror->log, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed), mirror);
  return mirror;
}

static void
mirror_reset_log (Mirror *mirror)
{
  mirror->signals = 0;
  g_string_truncate (mirror->log, 0);
}

/* Compares with a new list model over the same query. */
static void
mirror_check (Mirror *mirror)
{
  PrReleaseList *list = PR_RELEASE_LIST (mirror->model);
  g_autoptr(PrReleaseList) fresh = pr_release_list_new (pr_release_list_get_store (list),
                                                        pr_release_list_get_query (list),
                                                        pr_release_list_get_filter (list),
                                                        pr_release_list_get_sort (list));
  guint n;

  pr_release_list_set_grouped (fresh, pr_release_list_get_grouped (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));

  g_assert_cmpuint (mirror->ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_cmpint (g_array_index (mirror->ids, gint64, i), ==, pr_release_get_store_id (release));
    }
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_object_unref (mirror->model);
  g_array_unref (mirror->ids);
  g_string_free (mirror->log, TRUE);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

/* @n releases dated one day apart from 2024-01-01 (the last newest). */
static void
add_dated (PrStore    *store,
           guint       n,
           const char *prefix)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (start, i);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *title = g_strdup_printf ("%s %05u", prefix, i);
      g_autofree char *body = g_strdup_printf ("Release %u about %s.", i, i % 2 ? "turbines" : "tables");

      g_ptr_array_add (releases, test_release (title, date, i % 3 ? "PR Newswire" : "Business Wire",
                                               body, NULL));
    }
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
}

static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(PrRelease) release = g_list_model_get_item (model, position);

  return pr_release_get_store_id (release);
}

static void
test_paging (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) list = NULL;
  GListModel *model;
  g_autofree char *previous = NULL;

  add_dated (store, 3000, "Paging");
  list = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  model = G_LIST_MODEL (list);

  /* Counting reads no page. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3000);
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == PR_TYPE_RELEASE);

  {
    g_autoptr(PrRelease) first = g_list_model_get_item (model, 0);
    g_autoptr(PrRelease) last = g_list_model_get_item (model, 2999);

    g_assert_cmpstr (pr_release_get_title (first), ==, "Paging 02999");
    g_assert_cmpstr (pr_release_get_title (last), ==, "Paging 00000");
    g_assert_null (g_list_model_get_item (model, 3000));
  }
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 2);

  /* Walking the whole list reads each page once, in order. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(PrRelease) release = g_list_model_get_item (model, i);

      if (previous != NULL)
        g_assert_cmpstr (pr_release_get_date (release), <=, previous);
      g_free (previous);
      previous = g_strdup (pr_release_get_date (release));
    }
  /* Pages 1 to 10, and 11 again: only the last 8 pages are kept. */
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 2 + 11);
  g_assert_cmpint (id_at (model, 2999), >, 0);
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 13);
  g_assert_cmpint (id_at (model, 0), >, 0);
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 14);

  g_clear_object (&list);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_read_state (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) unread = NULL;
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(Mirror) unread_mirror = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(PrRelease) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_dated (store, 20, "Read");
  unread = pr_release_list_new (store, NULL, PR_FILTER_UNREAD, PR_SORT_DATE);
  all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  unread_mirror = mirror_new (G_LIST_MODEL (unread));
  all_mirror = mirror_new (G_LIST_MODEL (all));

  item = g_list_model_get_item (G_LIST_MODEL (all), 5);
  id = pr_release_get_store_id (item);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_no_error (error);

  /* The unread list loses one row; the full list only sees it change. */
  g_assert_cmpstr (unread_mirror->log->str, ==, "(5,1,0)");
  g_assert_cmpuint (all_mirror->signals, ==, 0);
  g_assert_true (pr_release_get_read (item));
  mirror_check (unread_mirror);

  g_assert_true (pr_store_set_read (store, id, FALSE, &error));
  g_assert_cmpstr (unread_mirror->log->str, ==, "(5,1,0)(5,0,1)");
  g_assert_false (pr_release_get_read (item));

  /* Writing what is already there changes nothing. */
  g_assert_true (pr_store_set_read (store, id, FALSE, &error));
  g_assert_cmpuint (unread_mirror->signals, ==, 2);
  mirror_check (unread_mirror);
  mirror_check (all_mirror);

  /* Many at once: one write; runs of rows merged into one signal each. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 positions[] = { 1, 2, 3, 9, 9, 12 };

    for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
      {
        gint64 some = id_at (G_LIST_MODEL (all), positions[i]);

        g_array_append_val (ids, some);
      }
    g_array_append_val (ids, (gint64) { 999999 });
    mirror_reset_log (unread_mirror);
    g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (unread_mirror->log->str, ==, "(12,1,0)(9,1,0)(1,3,0)");
    g_assert_cmpuint (all_mirror->signals, ==, 0);
    g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_UNREAD, NULL), ==, 15);
    mirror_check (unread_mirror);

    mirror_reset_log (unread_mirror);
    g_assert_true (pr_store_set_read_ids (store, ids, FALSE, &error));
    g_assert_cmpstr (unread_mirror->log->str, ==, "(1,0,3)(9,0,1)(12,0,1)");
    mirror_check (unread_mirror);
  }

  g_clear_object (&unread);
  g_clear_object (&all);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_bookmarks_and_delete (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) bookmarked = NULL;
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(Mirror) bookmarked_mirror = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  add_dated (store, 10, "Bookmark");
  bookmarked = pr_release_list_new (store, NULL, PR_FILTER_BOOKMARKED, PR_SORT_DATE);
  all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  bookmarked_mirror = mirror_new (G_LIST_MODEL (bookmarked));
  all_mirror = mirror_new (G_LIST_MODEL (all));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bookmarked)), ==, 0);

  ids[0] = id_at (G_LIST_MODEL (all), 7);
  ids[1] = id_at (G_LIST_MODEL (all), 2);
  ids[2] = id_at (G_LIST_MODEL (all), 4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (pr_store_set_bookmarked (store, ids[i], TRUE, &error));
  g_assert_cmpstr (bookmarked_mirror->log->str, ==, "(0,0,1)(0,0,1)(1,0,1)");
  mirror_check (bookmarked_mirror);

  /* Deleting a bookmarked release removes it from both lists. */
  g_assert_true (pr_store_delete (store, ids[2], &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bookmarked_mirror->log->str, ==, "(0,0,1)(0,0,1)(1,0,1)(1,1,0)");
  g_assert_cmpstr (all_mirror->log->str, ==, "(4,1,0)");
  mirror_check (bookmarked_mirror);
  mirror_check (all_mirror);

  g_clear_object (&bookmarked);
  g_clear_object (&all);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
add_one (PrStore    *store,
         const char *title,
         const char *date,
         const char *body,
         const char *origin)
{
  g_autoptr(PrRelease) release = test_release (title, date, "PR Newswire", body, origin);

  test_add (store, release);
}

static void
test_import_changes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) by_title = NULL;
  g_autoptr(PrReleaseList) by_source = NULL;
  g_autoptr(PrReleaseList) search = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) title_mirror = NULL;
  g_autoptr(Mirror) source_mirror = NULL;
  g_autoptr(Mirror) search_mirror = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  add_dated (store, 10, "Import");   /* 2024-01-01 .. 2024-01-10 */
  all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  by_title = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_TITLE);
  by_source = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_SOURCE);
  search = pr_release_list_new (store, query, PR_FILTER_ALL, PR_SORT_DATE);
  all_mirror = mirror_new (G_LIST_MODEL (all));
  title_mirror = mirror_new (G_LIST_MODEL (by_title));
  source_mirror = mirror_new (G_LIST_MODEL (by_source));
  search_mirror = mirror_new (G_LIST_MODEL (search));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 5);

  /* Three new releases in one write: two on top, one in the middle. */
  g_ptr_array_add (releases, test_release ("New A", "2024-01-20", "PR Newswire", "About turbines.", "/n/a"));
  g_ptr_array_add (releases, test_release ("New B", "2024-01-19", "PR Newswire", "About tables.", "/n/b"));
  g_ptr_array_add (releases, test_release ("New C", "2024-01-05", "Business Wire", "About turbines.", "/n/c"));
  g_assert_true (pr_store_add_releases (store, releases, NULL, NULL));

  g_assert_cmpstr (all_mirror->log->str, ==, "(0,0,2)(7,0,1)");
  g_assert_cmpstr (search_mirror->log->str, ==, "(0,0,1)(4,0,1)");
  g_assert_cmpuint (title_mirror->signals, >=, 1);
  mirror_check (all_mirror);
  mirror_check (title_mirror);
  mirror_check (source_mirror);
  mirror_check (search_mirror);

  /* An edit that keeps the row where it is. */
  mirror_reset_log (all_mirror);
  mirror_reset_log (search_mirror);
  add_one (store, "New B", "2024-01-19", "About tables, corrected.", "/n/b");
  g_assert_cmpstr (all_mirror->log->str, ==, "(1,1,1)");
  g_assert_cmpuint (search_mirror->signals, ==, 0);

  /* An edit that moves it, and into the search. */
  mirror_reset_log (all_mirror);
  add_one (store, "New B", "2024-01-02", "About turbines now.", "/n/b");
  g_assert_cmpstr (all_mirror->log->str, ==, "(1,1,0)(10,0,1)");
  g_assert_cmpstr (search_mirror->log->str, ==, "(6,0,1)");
  mirror_check (all_mirror);
  mirror_check (title_mirror);
  mirror_check (source_mirror);
  mirror_check (search_mirror);

  /* Unchanged re-imports say nothing. */
  mirror_reset_log (all_mirror);
  add_one (store, "New B", "2024-01-02", "About turbines now.", "/n/b");
  g_assert_cmpuint (all_mirror->signals, ==, 0);

  g_clear_object (&all);
  g_clear_object (&by_title);
  g_clear_object (&by_source);
  g_clear_object (&search);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_large_and_relevance (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) ranked = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) ranked_mirror = NULL;

  add_dated (store, 10, "Large");
  all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  ranked = pr_release_list_new (store, query, PR_FILTER_ALL, PR_SORT_RELEVANCE);
  all_mirror = mirror_new (G_LIST_MODEL (all));
  ranked_mirror = mirror_new (G_LIST_MODEL (ranked));

  /* Many rows at once: one reset. */
  add_dated (store, 300, "Bulk");
  g_assert_cmpstr (all_mirror->log->str, ==, "(0,10,310)");
  g_assert_cmpstr (ranked_mirror->log->str, ==, "(0,5,155)");
  mirror_check (all_mirror);
  mirror_check (ranked_mirror);

  /* Relevance cannot be placed by counting: a reset, only when it matches. */
  mirror_reset_log (ranked_mirror);
  add_one (store, "Unrelated", "2024-05-01", "Nothing to see.", NULL);
  g_assert_cmpuint (ranked_mirror->signals, ==, 0);
  add_one (store, "Turbines!", "2024-05-02", "Turbines everywhere.", NULL);
  g_assert_cmpstr (ranked_mirror->log->str, ==, "(0,155,156)");
  mirror_check (ranked_mirror);

  g_clear_object (&all);
  g_clear_object (&ranked);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static void
test_query_changes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(PrQuery) query = pr_query_new ("turbines source:prnewswire");
  g_autoptr(Mirror) mirror = NULL;
  g_autofree char *snippet = NULL;

  add_dated (store, 12, "Query");
  list = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  mirror = mirror_new (G_LIST_MODEL (list));
  g_assert_null (pr_release_list_dup_snippet (list, 0));

  pr_release_list_set_query (list, query);
  g_assert_cmpstr (mirror->log->str, ==, "(0,12,4)");
  snippet = pr_release_list_dup_snippet (list, 0);
  g_assert_nonnull (strstr (snippet, PR_SNIPPET_START "turbines" PR_SNIPPET_END));

  pr_release_list_set_sort (list, PR_SORT_TITLE);
  pr_release_list_set_filter (list, PR_FILTER_BOOKMARKED);
  g_assert_cmpstr (mirror->log->str, ==, "(0,12,4)(0,4,4)(0,4,0)");
  pr_release_list_set_filter (list, PR_FILTER_BOOKMARKED);
  g_assert_cmpuint (mirror->signals, ==, 3);
  mirror_check (mirror);

  g_clear_object (&list);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Writes from another thread while the list is read here. */
typedef struct {
  PrStore *store;
  gboolean done;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;

  for (guint batch = 0; batch < 25; batch++)
    {
      g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *title = g_strdup_printf ("Threaded %u %u", batch, i);
          g_autofree char *date = g_strdup_printf ("2023-%02u-%02u", 1 + (batch * 7 + i) % 12,
                                                   1 + (batch * 13 + i * 5) % 28);

          g_ptr_array_add (releases, test_release (title, date, "GlobeNewswire",
                                                   i % 2 ? "turbines" : "tables", NULL));
        }
      g_assert_true (pr_store_add_releases (writer->store, releases, NULL, &error));
      g_assert_no_error (error);
      if (batch % 5 == 0)
        g_assert_true (pr_store_set_read (writer->store,
                                          pr_release_get_store_id (releases->pdata[0]), TRUE, NULL));
    }
  g_atomic_int_set (&writer->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_threaded_writes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) unread = NULL;
  g_autoptr(PrReleaseList) search = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) unread_mirror = NULL;
  g_autoptr(Mirror) search_mirror = NULL;
  Writer writer = { store, FALSE };
  GThread *thread;
  guint reads = 0;

  add_dated (store, 50, "Before");
  all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  unread = pr_release_list_new (store, NULL, PR_FILTER_UNREAD, PR_SORT_TITLE);
  search = pr_release_list_new (store, query, PR_FILTER_ALL, PR_SORT_SOURCE);
  all_mirror = mirror_new (G_LIST_MODEL (all));
  unread_mirror = mirror_new (G_LIST_MODEL (unread));
  search_mirror = mirror_new (G_LIST_MODEL (search));

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (!g_atomic_int_get (&writer.done))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (all));

      /* Reads between deliveries see the state the list was told of. */
      if (n > 0)
        {
          guint position = g_random_int_range (0, n);

          g_assert_cmpint (id_at (G_LIST_MODEL (all), position), ==,
                           g_array_index (all_mirror->ids, gint64, position));
          reads++;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_thread_join (thread);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 150);
  g_assert_cmpuint (all_mirror->signals, >=, 25);
  mirror_check (all_mirror);
  mirror_check (unread_mirror);
  mirror_check (search_mirror);
  g_test_message ("%u reads, %u signals", reads, all_mirror->signals);

  g_clear_object (&all);
  g_clear_object (&unread);
  g_clear_object (&search);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* ---- asynchronous lists ---------------------------------------------- */

/* Adds @text as read from @origin; its id. */
static gint64
add_text (PrStore    *store,
          const char *text,
          const char *origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_reader_read_bytes (text, strlen (text), origin, PR_FORMAT_TEXT,
                                                       &error);

  g_assert_no_error (error);
  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
  test_add (store, release);
  return pr_release_get_store_id (release);
}

/* The ids of @model's rows, "a b c". */
static char *
list_ids (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", id_at (model, i));
  return g_string_free (out, FALSE);
}

static char *
grouped_ids (PrStore    *store,
             const char *text,
             PrFilter    filter,
             PrSort      sort,
             gboolean    grouped)
{
  g_autoptr(PrQuery) query = text != NULL ? pr_query_new (text) : NULL;
  g_autoptr(PrReleaseList) list = pr_release_list_new (store, query, filter, sort);

  pr_release_list_set_grouped (list, grouped);
  return list_ids (G_LIST_MODEL (list));
}

static void
assert_grouped (PrStore    *store,
                const char *text,
                PrFilter    filter,
                gboolean    grouped,
                const char *want)
{
  /* Sorted by wire and by title too: the same rows, by the sets' walk,
   * their lookups and SQL alone. */
  for (PrSort sort = PR_SORT_DATE; sort <= PR_SORT_SOURCE; sort++)
    {
      g_autofree char *got = grouped_ids (store, text, filter, sort, grouped);
      g_auto(GStrv) got_ids = g_strsplit (got, " ", -1);
      g_auto(GStrv) want_ids = g_strsplit (want, " ", -1);

      if (sort == PR_SORT_DATE)
        g_assert_cmpstr (got, ==, want);
      /* Another order: the same set. */
      g_assert_cmpuint (g_strv_length (got_ids), ==, g_strv_length (want_ids));
      for (guint i = 0; want_ids[i] != NULL; i++)
        g_assert_true (g_strv_contains ((const char * const *) got_ids, want_ids[i]));
    }
}

static char *
id_list (gint64 a,
         gint64 b)
{
  return b > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, a, b)
               : g_strdup_printf ("%" G_GINT64_FORMAT, a);
}

/* One row per group: the original's, a copy's match its original's; read
 * and bookmarked for the whole group; the rows that leave and enter as
 * groups change told to the list. */
static void
test_grouped (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(Mirror) mirror = NULL;
  g_autoptr(PrRelease) wire_release = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *both = NULL, *wire_only = NULL, *other_only = NULL, *all = NULL;
  g_autofree char *members = NULL;
  gint64 portal, other, wire, german;
  const char * const *languages;

  portal = add_text (store, portal_text, "https://daily.example/business/nordwind");
  other = add_text (store, other_text, "/wire/harbor.txt");
  list = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  pr_release_list_set_grouped (list, TRUE);
  mirror = mirror_new (G_LIST_MODEL (list));
  wire = add_text (store, wire_text, "/wire/nordwind.txt");
  german = add_text (store, german_text, "/wire/nordwind.de.txt");
  /* The wire's copy replaced the portal's as the original. */
  mirror_check (mirror);

  both = id_list (other, wire);
  wire_only = id_list (wire, 0);
  other_only = id_list (other, 0);
  all = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                         " %" G_GINT64_FORMAT, german, other, wire, portal);
  members = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                             german, wire, portal);
  assert_grouped (store, NULL, PR_FILTER_ALL, TRUE, both);
  assert_grouped (store, NULL, PR_FILTER_ALL, FALSE, all);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* The original shows its copies' languages. */
  wire_release = pr_store_get_release (store, wire, &error);
  g_assert_no_error (error);
  languages = pr_release_get_copy_languages (wire_release);
  g_assert_cmpuint (g_strv_length ((char **) languages), ==, 2);
  g_assert_true (g_strv_contains (languages, "de"));
  g_assert_true (g_strv_contains (languages, "en"));

  /* A word of the German copy alone finds its group, once. */
  assert_grouped (store, "Umsatz", PR_FILTER_ALL, TRUE, wire_only);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, NULL), ==, 4);
  assert_grouped (store, "Nordwind", PR_FILTER_ALL, TRUE, wire_only);
  assert_grouped (store, "Nordwind", PR_FILTER_ALL, FALSE, members);
  assert_grouped (store, "Nordw*", PR_FILTER_UNREAD, TRUE, wire_only);
  assert_grouped (store, "lang:de Umsatz", PR_FILTER_ALL, TRUE, "");
  assert_grouped (store, "Rotterdam OR Umsatz", PR_FILTER_ALL, TRUE, both);
  assert_grouped (store, "share", PR_FILTER_ALL, TRUE, wire_only);
  assert_grouped (store, NULL, PR_FILTER_UNREAD, TRUE, both);

  /* Reading the German copy reads the announcement. */
  g_assert_true (pr_store_set_read (store, german, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pr_release_get_read (wire_release));
  assert_grouped (store, NULL, PR_FILTER_UNREAD, TRUE, other_only);
  assert_grouped (store, NULL, PR_FILTER_UNREAD, FALSE, other_only);
  assert_grouped (store, "Nordwind", PR_FILTER_UNREAD, TRUE, "");
  g_assert_true (pr_store_set_read (store, wire, FALSE, &error));
  assert_grouped (store, NULL, PR_FILTER_UNREAD, FALSE, all);

  /* A bookmark too. */
  g_assert_true (pr_store_set_bookmarked (store, portal, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pr_release_get_bookmarked (wire_release));
  assert_grouped (store, NULL, PR_FILTER_BOOKMARKED, TRUE, wire_only);
  assert_grouped (store, NULL, PR_FILTER_BOOKMARKED, FALSE, members);

  /* Split by hand, the portal's copy is a row of its own again. */
  mirror_reset_log (mirror);
  g_assert_true (pr_store_split_copy (store, portal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  mirror_check (mirror);
  g_assert_cmpuint (g_strv_length ((char **) pr_release_get_copy_languages (wire_release)), ==, 1);
  /* And deleting the wire's makes the German one the original. */
  g_assert_true (pr_store_delete (store, wire, &error));
  g_assert_no_error (error);
  mirror_check (mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  g_clear_object (&list);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static gboolean
timed_out (gpointer data)
{
  g_error ("An asynchronous list did not settle in 30 s");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @list has read everything it was asked for. */
static void
wait_settled (PrReleaseList *list)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, NULL);

  while (!pr_release_list_is_settled (list))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* The other ways to a grouped list's rows: a few matches among many
 * releases (looked up, not walked), and an asynchronous list's first rows
 * of a common prefix (each row's text tested, and its copies'). */
static void
test_grouped_paths (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autofree char *wire_only = NULL;
  gint64 wire;

  add_text (store, portal_text, "https://daily.example/business/nordwind");
  add_dated (store, 400, "Filler");
  wire = add_text (store, wire_text, "/wire/nordwind.txt");
  add_text (store, german_text, "/wire/nordwind.de.txt");
  wire_only = id_list (wire, 0);

  assert_grouped (store, "Umsatz", PR_FILTER_ALL, TRUE, wire_only);
  assert_grouped (store, "Nordwind", PR_FILTER_ALL, TRUE, wire_only);
  assert_grouped (store, "Umsatz", PR_FILTER_UNREAD, TRUE, wire_only);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const texts[] = { "Nordw*", "Umsat*", "tabl* OR Umsat*" };
      g_autoptr(PrQuery) query = pr_query_new (texts[i]);
      g_autoptr(PrReleaseList) async = pr_release_list_new_async (store, query, PR_FILTER_UNREAD,
                                                                  PR_SORT_DATE);
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;

      pr_release_list_set_grouped (async, TRUE);
      wait_settled (async);
      got = list_ids (G_LIST_MODEL (async));
      want = grouped_ids (store, texts[i], PR_FILTER_UNREAD, PR_SORT_DATE, TRUE);
      g_assert_cmpstr (got, ==, want);
      if (i < 2)
        g_assert_cmpstr (got, ==, wire_only);
    }

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

static gboolean
is_placeholder_at (GListModel *model,
                   guint       position)
{
  g_autoptr(PrRelease) release = g_list_model_get_item (model, position);

  return pr_release_list_is_placeholder (release);
}

/* Nothing is read on this thread: the list fills itself once a worker
 * has counted it and read its first page; other pages come as they are
 * asked for, their rows replacing placeholders one run at a time. */
static void
test_async_paging (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  GListModel *model;

  add_dated (store, 3000, "Paging");
  list = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  model = G_LIST_MODEL (list);
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (log_changed), log);

  g_assert_true (pr_release_list_get_async (list));
  g_assert_true (pr_release_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));
  wait_settled (list);
  g_assert_false (pr_release_list_get_loading (list));
  g_assert_cmpstr (log->str, ==, "(0,0,3000)");
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 1);

  /* The first page came with the count. */
  {
    g_autoptr(PrRelease) first = g_list_model_get_item (model, 0);
    g_autoptr(PrRelease) last_of_page = g_list_model_get_item (model, 255);

    g_assert_false (pr_release_list_is_placeholder (first));
    g_assert_cmpstr (pr_release_get_title (first), ==, "Paging 02999");
    g_assert_cmpstr (pr_release_get_title (last_of_page), ==, "Paging 02744");
  }

  /* Rows of pages not read: placeholders, the same ones when asked again,
   * replaced by precise changes once their pages are there. */
  {
    g_autoptr(PrRelease) a = g_list_model_get_item (model, 2999);
    g_autoptr(PrRelease) b = g_list_model_get_item (model, 2999);
    g_autoptr(PrRelease) c = NULL;

    g_assert_true (pr_release_list_is_placeholder (a));
    g_assert_true (a == b);
    g_assert_cmpint (pr_release_get_store_id (a), ==, 0);
    g_assert_true (is_placeholder_at (model, 2998));
    g_assert_true (is_placeholder_at (model, 1000));
    g_assert_false (pr_release_list_is_settled (list));
    g_string_truncate (log, 0);
    wait_settled (list);
    /* Two pages, read side by side: in either order. */
    g_assert_true (g_str_equal (log->str, "(1000,1,1)(2998,2,2)") ||
                   g_str_equal (log->str, "(2998,2,2)(1000,1,1)"));
    c = g_list_model_get_item (model, 2999);
    g_assert_false (pr_release_list_is_placeholder (c));
    g_assert_cmpstr (pr_release_get_title (c), ==, "Paging 00000");
  }
  g_assert_cmpuint (pr_release_list_get_page_loads (list), ==, 3);

  g_clear_object (&list);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* @log is @first, then replacements (p, k, k) of placeholders a mirror
 * read at [start, end): each at most once. */
static void
assert_log_then_pages (const char *log,
                       const char *first,
                       guint       start,
                       guint       end)
{
  g_autofree gboolean *seen = g_new0 (gboolean, end);
  const char *p = log + strlen (first);

  g_assert_true (g_str_has_prefix (log, first));
  while (*p != '\0')
    {
      guint position, removed, added;
      int length = 0;

      g_assert_cmpint (sscanf (p, "(%u,%u,%u)%n", &position, &removed, &added, &length), ==, 3);
      g_assert_cmpuint (removed, ==, added);
      for (guint i = position; i < position + added; i++)
        {
          g_assert_cmpuint (i, >=, start);
          g_assert_cmpuint (i, <, end);
          g_assert_false (seen[i]);
          seen[i] = TRUE;
        }
      p += length;
    }
  /* The pages read with the count had no placeholders: the mirror check
   * (no placeholder left) says the others were all replaced. */
}

/* No change in @log that removes rows adds more than @most. */
static void
assert_removals_bounded (const char *log,
                         guint       most)
{
  const char *p = log;

  while (*p != '\0')
    {
      guint at, removed, added;
      int length = 0;

      g_assert_cmpint (sscanf (p, "(%u,%u,%u)%n", &at, &removed, &added, &length), ==, 3);
      if (removed > 0)
        g_assert_cmpuint (added, <=, most);
      p += length;
    }
}

/* Where the row at @position goes through the changes in @log; -1 when
 * one of them removes it. */
static gint64
follow_position (const char *log,
                 guint       position)
{
  const char *p = log;

  while (*p != '\0')
    {
      guint at, removed, added;
      int length = 0;

      g_assert_cmpint (sscanf (p, "(%u,%u,%u)%n", &at, &removed, &added, &length), ==, 3);
      if (position >= at && position < at + removed)
        return -1;
      if (position >= at + removed)
        position = position + added - removed;
      p += length;
    }
  return position;
}

/* A mirror of an asynchronous list, once settled, is a fresh list. */
static void
async_mirror_check (Mirror *mirror)
{
  wait_settled (PR_RELEASE_LIST (mirror->model));
  for (guint i = 0; i < mirror->ids->len; i++)
    g_assert_cmpint (g_array_index (mirror->ids, gint64, i), !=, 0);
  mirror_check (mirror);
}

/* Precise changes are applied at once, as in a synchronous list. */
static void
test_async_changes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) unread = NULL;
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) by_title = NULL;
  g_autoptr(Mirror) unread_mirror = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) title_mirror = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_dated (store, 600, "Changes");
  unread = pr_release_list_new_async (store, NULL, PR_FILTER_UNREAD, PR_SORT_DATE);
  all = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  by_title = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_TITLE);
  wait_settled (unread);
  wait_settled (all);
  wait_settled (by_title);
  unread_mirror = mirror_new (G_LIST_MODEL (unread));
  all_mirror = mirror_new (G_LIST_MODEL (all));
  title_mirror = mirror_new (G_LIST_MODEL (by_title));
  async_mirror_check (unread_mirror);
  async_mirror_check (all_mirror);
  async_mirror_check (title_mirror);
  mirror_reset_log (unread_mirror);
  mirror_reset_log (all_mirror);

  id = id_at (G_LIST_MODEL (all), 5);
  g_assert_true (pr_store_set_read (store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (unread_mirror->log->str, ==, "(5,1,0)");
  g_assert_cmpuint (all_mirror->signals, ==, 0);
  /* The rows around it did not become placeholders. */
  g_assert_false (is_placeholder_at (G_LIST_MODEL (unread), 5));
  g_assert_false (is_placeholder_at (G_LIST_MODEL (unread), 255));
  g_assert_true (pr_release_list_is_settled (unread));
  g_assert_true (pr_store_set_read (store, id, FALSE, &error));
  g_assert_cmpstr (unread_mirror->log->str, ==, "(5,1,0)(5,0,1)");
  g_assert_false (is_placeholder_at (G_LIST_MODEL (unread), 5));
  async_mirror_check (unread_mirror);

  /* New rows, on top and deeper: inserted with their releases read by id. */
  g_ptr_array_add (releases, test_release ("New A", "2030-01-20", "PR Newswire", "About turbines.", "/n/a"));
  g_ptr_array_add (releases, test_release ("New B", "2024-03-01", "PR Newswire", "About tables.", "/n/b"));
  g_assert_true (pr_store_add_releases (store, releases, NULL, NULL));
  g_assert_cmpstr (all_mirror->log->str, ==, "(0,0,1)(540,0,1)");
  {
    g_autoptr(PrRelease) top = g_list_model_get_item (G_LIST_MODEL (all), 0);

    g_assert_cmpstr (pr_release_get_title (top), ==, "New A");
  }
  g_assert_cmpuint (title_mirror->signals, >=, 1);
  async_mirror_check (all_mirror);
  async_mirror_check (title_mirror);
  async_mirror_check (unread_mirror);

  g_clear_object (&unread);
  g_clear_object (&all);
  g_clear_object (&by_title);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A write is shown once the list is read again: until then the list
 * stays as it was, then precise changes (a new query: one change of it
 * all). */
static void
test_async_reset (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) ranked = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) ranked_mirror = NULL;
  g_autoptr(PrRelease) first = NULL;
  g_autoptr(PrRelease) still_used = NULL;

  add_dated (store, 10, "Large");
  all = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  ranked = pr_release_list_new_async (store, query, PR_FILTER_ALL, PR_SORT_RELEVANCE);
  wait_settled (all);
  wait_settled (ranked);
  all_mirror = mirror_new (G_LIST_MODEL (all));
  ranked_mirror = mirror_new (G_LIST_MODEL (ranked));
  first = g_list_model_get_item (G_LIST_MODEL (all), 0);

  add_dated (store, 300, "Bulk");
  /* Shown as it was. */
  g_assert_cmpuint (all_mirror->signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 10);
  g_assert_false (pr_release_list_is_settled (all));
  {
    g_autoptr(PrRelease) still = g_list_model_get_item (G_LIST_MODEL (all), 0);

    g_assert_true (still == first);
  }
  wait_settled (all);
  wait_settled (ranked);
  /* A short list is not started over (that would remove the rows views
   * track and make GtkListView look for them among all 310): no change
   * that removes rows adds more than a page. */
  g_test_message ("short lists grown: %s and %s", all_mirror->log->str, ranked_mirror->log->str);
  g_assert_null (strstr (all_mirror->log->str, "(0,10,310)"));
  g_assert_null (strstr (ranked_mirror->log->str, "(0,5,155)"));
  assert_removals_bounded (all_mirror->log->str, PR_RELEASE_LIST_PAGE_SIZE);
  assert_removals_bounded (ranked_mirror->log->str, PR_RELEASE_LIST_PAGE_SIZE);
  async_mirror_check (all_mirror);
  async_mirror_check (ranked_mirror);

  /* Several writes in a row: told once, the state after the last; the
   * list is longer than a page, so as precise changes: the top row stays
   * where it is, in no removed range. */
  mirror_reset_log (all_mirror);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (all), 0);
  /* The second page used last: the pages compared reach down to the first. */
  g_clear_object (&still_used);
  still_used = g_list_model_get_item (G_LIST_MODEL (all), 300);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("More %u", i);

      add_dated (store, 200, prefix);
    }
  g_assert_cmpuint (all_mirror->signals, ==, 0);
  wait_settled (all);
  g_test_message ("four writes: %s", all_mirror->log->str);
  g_assert_null (strstr (all_mirror->log->str, "(0,310,1110)"));
  g_assert_cmpint (follow_position (all_mirror->log->str, 0), ==, 0);
  {
    g_autoptr(PrRelease) top = g_list_model_get_item (G_LIST_MODEL (all), 0);

    g_assert_true (top == first);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1110);
  async_mirror_check (all_mirror);

  /* Rows inserted above and below rows shown: those keep their rows. */
  {
    g_autoptr(PrRelease) middle = g_list_model_get_item (G_LIST_MODEL (all), 100);
    g_autoptr(PrRelease) later = NULL;
    gint64 followed;

    mirror_reset_log (all_mirror);
    add_dated (store, 150, "Between");
    wait_settled (all);
    followed = follow_position (all_mirror->log->str, 100);
    g_assert_cmpint (followed, >=, 100);
    later = g_list_model_get_item (G_LIST_MODEL (all), (guint) followed);
    g_assert_true (later == middle);
    async_mirror_check (all_mirror);
  }

  /* A new query: the old rows until the new ones are read. */
  mirror_reset_log (all_mirror);
  pr_release_list_set_query (all, query);
  g_assert_true (pr_release_list_get_loading (all));
  g_assert_cmpuint (all_mirror->signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1260);
  wait_settled (all);
  g_test_message ("new query: %s", all_mirror->log->str);
  assert_log_then_pages (all_mirror->log->str, "(0,1260,630)", 256, 630);
  async_mirror_check (all_mirror);

  g_clear_object (&all);
  g_clear_object (&ranked);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

typedef struct {
  GMainLoop *loop;
  gint64 position;
} Found;

static void
found (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  Found *data = user_data;
  g_autoptr(GError) error = NULL;

  data->position = pr_release_list_find_finish (PR_RELEASE_LIST (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (data->loop);
}

static gint64
find_release (PrReleaseList *list,
              PrRelease     *release)
{
  Found data = { g_main_loop_new (NULL, FALSE), -2 };

  pr_release_list_find_async (list, release, NULL, found, &data);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);
  return data.position;
}

static gint64
find_unread (PrReleaseList *list,
             gint64         after)
{
  Found data = { g_main_loop_new (NULL, FALSE), -2 };

  pr_release_list_find_unread_async (list, after, NULL, found, &data);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);
  return data.position;
}

/* Finding a release's position and the next unread one, by queries in a
 * worker, in every sort; sync and async lists alike. */
static void
test_find (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  PrSort sorts[] = { PR_SORT_DATE, PR_SORT_TITLE, PR_SORT_SOURCE, PR_SORT_RELEVANCE };
  g_autoptr(GError) error = NULL;

  add_dated (store, 700, "Find");
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint async = 0; async < 2; async++)
      {
        g_autoptr(PrReleaseList) list = async
          ? pr_release_list_new_async (store, query, PR_FILTER_ALL, sorts[s])
          : pr_release_list_new (store, query, PR_FILTER_ALL, sorts[s]);
        GListModel *model = G_LIST_MODEL (list);
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        guint n;

        if (async)
          wait_settled (list);
        n = g_list_model_get_n_items (model);
        g_assert_cmpuint (n, ==, 350);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(PrRelease) release = g_list_model_get_item (model, i);

            if (pr_release_list_is_placeholder (release))
              {
                wait_settled (list);
                g_clear_object (&release);
                release = g_list_model_get_item (model, i);
              }
            g_array_append_val (ids, (gint64) { pr_release_get_store_id (release) });
          }

        /* Positions, first, deep and last. */
        for (guint k = 0; k < 3; k++)
          {
            guint position = k == 0 ? 0 : k == 1 ? 299 : n - 1;
            g_autoptr(PrRelease) release = pr_store_get_release (store, g_array_index (ids, gint64, position), NULL);

            g_assert_cmpint (find_release (list, release), ==, position);
          }
        /* Not in the list: a release about tables. */
        {
          g_autoptr(PrReleaseList) everything = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
          g_autoptr(PrRelease) other = NULL;

          for (guint i = 0; other == NULL; i++)
            {
              g_autoptr(PrRelease) r = g_list_model_get_item (G_LIST_MODEL (everything), i);

              if (strstr (pr_release_get_title (r), "00") != NULL && pr_release_get_store_id (r) % 2 == 1)
                other = g_steal_pointer (&r);
            }
          g_assert_cmpint (find_release (list, other), ==, -1);
        }

        /* The next unread: all are unread but the ones marked. */
        g_assert_cmpint (find_unread (list, -1), ==, 0);
        g_assert_cmpint (find_unread (list, 10), ==, 11);
        for (guint i = 11; i < 200; i++)
          g_assert_true (pr_store_set_read (store, g_array_index (ids, gint64, i), TRUE, &error));
        if (async)
          wait_settled (list);
        g_assert_cmpint (find_unread (list, 10), ==, 200);
        /* Wrapping around from the end. */
        g_assert_cmpint (find_unread (list, n - 1), ==, 0);
        {
          g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (gint64));

          g_array_append_vals (rest, ids->data, ids->len);
          g_assert_true (pr_store_set_read_ids (store, rest, TRUE, &error));
          if (async)
            wait_settled (list);
          g_assert_cmpint (find_unread (list, 5), ==, -1);
          g_assert_true (pr_store_set_read_ids (store, rest, FALSE, &error));
          if (async)
            wait_settled (list);
        }
      }

  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* Writes from another thread while asynchronous lists are read here:
 * what they show always matches what they said. */
static void
test_async_threaded_writes (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new ("turbines");
  g_autoptr(PrReleaseList) all = NULL;
  g_autoptr(PrReleaseList) unread = NULL;
  g_autoptr(PrReleaseList) search = NULL;
  g_autoptr(Mirror) all_mirror = NULL;
  g_autoptr(Mirror) unread_mirror = NULL;
  g_autoptr(Mirror) search_mirror = NULL;
  Writer writer = { store, FALSE };
  GThread *thread;
  guint reads = 0;

  add_dated (store, 50, "Before");
  all = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  unread = pr_release_list_new_async (store, NULL, PR_FILTER_UNREAD, PR_SORT_TITLE);
  search = pr_release_list_new_async (store, query, PR_FILTER_ALL, PR_SORT_SOURCE);
  wait_settled (all);
  wait_settled (unread);
  wait_settled (search);
  all_mirror = mirror_new (G_LIST_MODEL (all));
  unread_mirror = mirror_new (G_LIST_MODEL (unread));
  search_mirror = mirror_new (G_LIST_MODEL (search));

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (!g_atomic_int_get (&writer.done))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (all));

      /* A row shown is the row the list said is there (or not read yet). */
      if (n > 0)
        {
          guint position = g_random_int_range (0, n);
          gint64 id = id_at (G_LIST_MODEL (all), position);

          if (id != 0 && g_array_index (all_mirror->ids, gint64, position) != 0)
            {
              g_assert_cmpint (id, ==, g_array_index (all_mirror->ids, gint64, position));
              reads++;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_thread_join (thread);
  async_mirror_check (all_mirror);
  async_mirror_check (unread_mirror);
  async_mirror_check (search_mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 150);
  g_test_message ("%u reads, %u signals", reads, all_mirror->signals);

  g_clear_object (&all);
  g_clear_object (&unread);
  g_clear_object (&search);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* The owner thread never waits for a worker's read: it takes the reader,
 * the worker's read stops and starts over, and still gives the right
 * answer. */
static void
test_async_reader_yields (void)
{
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 longest = 0;
  guint owner_reads = 0;

  add_dated (store, 4000, "Yield");
  list = pr_release_list_new_async (store, NULL, PR_FILTER_ALL, PR_SORT_TITLE);
  wait_settled (list);
  {
    g_autoptr(PrReleaseList) all = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);

    for (guint i = 0; i < 4000; i++)
      g_array_append_val (ids, (gint64) { id_at (G_LIST_MODEL (all), i) });
  }
  /* All read: the next unread is looked for through the whole list. */
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  wait_settled (list);

  for (guint round = 0; round < 5; round++)
    {
      Found data = { NULL, -2 };
      GMainContext *context = g_main_context_default ();

      data.loop = g_main_loop_new (NULL, FALSE);
      pr_release_list_find_unread_async (list, 17, NULL, found, &data);
      while (data.position == -2)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(PrRelease) release = pr_store_get_release (store, g_array_index (ids, gint64, owner_reads % 4000), &error);

          g_assert_no_error (error);
          g_assert_nonnull (release);
          longest = MAX (longest, g_get_monotonic_time () - start);
          owner_reads++;
          g_main_context_iteration (context, FALSE);
          /* 500 reads a second, far more than a window's rows make; a
           * read every 0.3 ms starved the worker of the reader on a busy
           * machine (its read starts over after each: a sanitizer run
           * in CI timed out at 120 s). */
          g_usleep (2000);
        }
      g_main_loop_unref (data.loop);
      g_assert_cmpint (data.position, ==, -1);
    }
  g_test_message ("%u reads on the owner thread while workers read, the longest %.1f ms",
                  owner_reads, longest / 1000.0);
  g_assert_cmpuint (owner_reads, >, 0);
  /* Waiting for the worker would be its whole read; not waiting is a
   * statement step at most (bounded loosely: the machine is shared). */
  g_assert_cmpint (longest, <, 250 * 1000);

  g_clear_object (&list);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

/* A search for a prefix most releases have: its first rows are shown
 * before it is counted ("counting"), then the rest follows below them. */
static void
test_async_first_rows (gconstpointer data)
{
  /* "tabl*": rows tested with FTS5's tokenizer; "tables is:unread": the
   * words' matches with a filter walked in the list's order. */
  char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(PrQuery) query = pr_query_new (data);
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(PrReleaseList) sync = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean counting_seen = FALSE;

  add_dated (store, 1000, "First");
  list = pr_release_list_new_async (store, query, PR_FILTER_ALL, PR_SORT_DATE);
  while (pr_release_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  /* Shown before the count: 64 rows, no more. */
  if (pr_release_list_get_counting (list))
    {
      counting_seen = TRUE;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 64);
      for (guint i = 0; i < 64; i++)
        g_array_append_val (first, (gint64) { id_at (G_LIST_MODEL (list), i) });
    }
  g_assert_true (counting_seen);
  wait_settled (list);
  g_assert_false (pr_release_list_get_counting (list));

  /* Then the whole list, the first rows where they were. */
  sync = pr_release_list_new (store, query, PR_FILTER_ALL, PR_SORT_DATE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sync)), ==, 500);
  /* Every row asked for (placeholders until read), then read. */
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (list), i);
    }
  wait_settled (list);
  for (guint i = 0; i < 500; i++)
    g_assert_cmpint (id_at (G_LIST_MODEL (list), i), ==, id_at (G_LIST_MODEL (sync), i));
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpint (g_array_index (first, gint64, i), ==, id_at (G_LIST_MODEL (sync), i));

  g_clear_object (&list);
  g_clear_object (&sync);
  g_clear_object (&store);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/release-list/paging", test_paging);
  g_test_add_func ("/library/release-list/read-state", test_read_state);
  g_test_add_func ("/library/release-list/bookmarks-and-delete", test_bookmarks_and_delete);
  g_test_add_func ("/library/release-list/import-changes", test_import_changes);
  g_test_add_func ("/library/release-list/large-and-relevance", test_large_and_relevance);
  g_test_add_func ("/library/release-list/query-changes", test_query_changes);
  g_test_add_func ("/library/release-list/grouped", test_grouped);
  g_test_add_func ("/library/release-list/grouped-paths", test_grouped_paths);
  g_test_add_func ("/library/release-list/threaded-writes", test_threaded_writes);
  g_test_add_func ("/library/release-list/async/paging", test_async_paging);
  g_test_add_func ("/library/release-list/async/changes", test_async_changes);
  g_test_add_func ("/library/release-list/async/reset", test_async_reset);
  g_test_add_func ("/library/release-list/async/threaded-writes", test_async_threaded_writes);
  g_test_add_func ("/library/release-list/async/reader-yields", test_async_reader_yields);
  g_test_add_data_func ("/library/release-list/async/first-rows", "tabl*", test_async_first_rows);
  g_test_add_data_func ("/library/release-list/async/first-rows-filtered", "tables is:unread",
                        test_async_first_rows);
  g_test_add_func ("/library/release-list/find", test_find);

  return g_test_run ();
}
