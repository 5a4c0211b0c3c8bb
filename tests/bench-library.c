/* bench-library.c: the measuring half of build-aux/bench
 *
 * usage: bench-library import LIBRARY PATH…
 *        bench-library query LIBRARY QUERIES-FILE
 *        bench-library watched LIBRARY N QUERIES-FILE PATH…
 *
 * "import" imports as the command line does and prints
 *   import_s=SECONDS imported=N updated=N unchanged=N failed=N
 *   first_window=N first_per_s=… last_per_s=…
 * the rates of its first and its last N releases written (N: 100,000, or
 * half of them when there are fewer than 200,000), to show whether the
 * import slows down as the library grows.
 * "watched" first saves N watches, the first N queries of QUERIES-FILE
 * that a watch takes (each matched as releases arrive), then imports as
 * "import" does and prints the same line.
 * "query" opens the library, reads the first 60 rows of the default list
 * (first_rows_ms), then for each query builds the list model, counts it
 * and reads 20 rows with their snippets, as the window does: the first
 * 20, but for every seventh query the 20 in the middle of its list; lists
 * are sorted by date, every fifth by wire. It prints one line per query
 * ("q<TAB>ms<TAB>count<TAB>query<TAB>count ms<TAB>page ms<TAB>rows ms
 * <TAB>snippets ms<TAB>sort[ middle]") and first_rows_ms=… p50_ms=…
 * p95_ms=… rss_mb=… (peak RSS of this process).
 *        bench-library parse FOLDER N
 *        bench-library markall LIBRARY
 *
 * "markall" does what the window's Mark All as Read does (the unread
 * releases' ids in one query, then one write) and then its Undo (the same
 * ids unread again), and prints
 *   mark_all_read_s=… mark_all_undo_s=… marked=N
 *
 * "parse" reads the first N releases of FOLDER (its first subfolder, in
 * name order), parses each as text and, wrapped as a wire's release page
 * (tests/corpus-pages.c), as HTML, and prints
 *   text_parse_us_per_kb=… html_parse_us_per_kb=… html_vs_text=…
 *   sketch_us_per_kb=… sketch_vs_parse=…
 * both per KB of the release's text, so that their ratio is the cost of
 * the same release read from a page rather than from a text file, and
 * the grouping's sketch of each parsed release (pr-sketch.h) against the
 * text's parse. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "corpus-pages.h"
#include "pr-html.h"
#include "pr-import.h"
#include "pr-parser.h"
#include "pr-release-list.h"
#include "pr-sketch.h"
#include "pr-store.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Saves the first @n queries of @queries_path a watch takes as watches. */
static gboolean
add_watches (PrStore    *store,
             guint       n,
             const char *queries_path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!g_file_get_contents (queries_path, &text, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && added < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Watch %u", added + 1);
      g_autoptr(PrWatch) watch = pr_watch_new (name, lines[i]);

      if (pr_store_add_watch (store, watch, NULL))
        added++;
    }
  if (added < n)
    {
      g_printerr ("only %u of the queries in %s make watches\n", added, queries_path);
      return FALSE;
    }
  return TRUE;
}

/* The files under @path (a file: 1). */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return 1;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

/* Samples the import's progress from another thread: when the first
 * window of releases was written, and when the last one began. */
typedef struct {
  PrImport *import;
  guint window;
  guint total;           /* the files counted before */
  double start;
  double first_done;     /* ms, when `window` releases were written */
  double last_start;     /* ms, when total - window were */
  gint stop;
} Sampler;

static gpointer
sample_thread (gpointer data)
{
  Sampler *sampler = data;

  while (!g_atomic_int_get (&sampler->stop))
    {
      guint done = pr_import_get_done (sampler->import);
      double now = now_ms ();

      if (sampler->first_done == 0 && done >= sampler->window)
        sampler->first_done = now;
      if (sampler->last_start == 0 && done >= sampler->total - sampler->window)
        sampler->last_start = now;
      g_usleep (10 * 1000);
    }
  return NULL;
}

static int
run_import (const char  *library,
            char       **paths,
            guint        n_watches,
            const char  *queries_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autoptr(PrImport) import = NULL;
  double start;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (n_watches > 0 && !add_watches (store, n_watches, queries_path))
    return 1;
  /* The baseline of grouping_import_overhead. */
  if (g_getenv ("PR_BENCH_NO_GROUPING") != NULL)
    pr_store_set_grouping (store, FALSE);
  import = pr_import_new (store);
  for (guint i = 0; paths[i] != NULL; i++)
    pr_import_add_path (import, paths[i]);

  start = now_ms ();
  {
    Sampler sampler = { import, 0, 0, start, 0, 0, 0 };
    GThread *thread;
    gboolean ok;
    double end;
    guint n = 0;

    for (guint i = 0; paths[i] != NULL; i++)
      n += count_files (paths[i]);
    sampler.window = n >= 200000 ? 100000 : MAX (1, n / 2);
    sampler.total = MAX (n, sampler.window);
    thread = g_thread_new ("sampler", sample_thread, &sampler);
    ok = pr_import_run (import, NULL, &error);
    end = now_ms ();
    g_atomic_int_set (&sampler.stop, 1);
    g_thread_join (thread);
    if (!ok)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    if (sampler.first_done == 0)
      sampler.first_done = end;
    if (sampler.last_start == 0)
      sampler.last_start = start;
    printf ("import_s=%.3f imported=%u updated=%u unchanged=%u failed=%u first_window=%u "
            "first_per_s=%.0f last_per_s=%.0f\n",
            (end - start) / 1000.0, pr_import_get_imported (import),
            pr_import_get_updated (import), pr_import_get_unchanged (import),
            pr_import_get_failed (import), sampler.window,
            sampler.window / MAX ((sampler.first_done - start) / 1000.0, 0.001),
            sampler.window / MAX ((end - sampler.last_start) / 1000.0, 0.001));
  }
  return 0;
}

/* The lines of @path, or NULL (the reason printed). */
static char **
read_queries (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  return g_strsplit (contents, "\n", -1);
}

/* Query @q of the mix, @text, as a list reads it: parse, count, the
 * first 20 rows (every seventh list in its middle, as when scrolled
 * there), their snippets; every fifth sorted by wire. Its time in ms;
 * with @print, a line of its parts. */
static double
time_query (PrStore    *store,
            const char *text,
            guint       q,
            gboolean    grouped,
            gboolean    print)
{
  g_autoptr(PrQuery) query = NULL;
  g_autoptr(PrReleaseList) results = NULL;
  PrSort sort;
  guint n, first;
  double start, t, counted, paged, loaded;

  sort = q % 5 == 4 ? PR_SORT_SOURCE : PR_SORT_DATE;
  start = now_ms ();
  query = pr_query_new (text);
  results = g_object_new (PR_TYPE_RELEASE_LIST, "store", store, "query", query,
                          "filter", PR_FILTER_ALL, "sort", sort, "grouped", grouped, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  counted = now_ms ();
  first = q % 7 == 6 ? n / 2 : 0;
  /* The first row reads the page of ids. */
  if (n > first)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (results), first));
  paged = now_ms ();
  for (guint i = first + 1; i < MIN (first + 20, n); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (results), i));
  loaded = now_ms ();
  for (guint i = first; i < MIN (first + 20, n); i++)
    g_free (pr_release_list_dup_snippet (results, i));
  t = now_ms () - start;
  if (print)
    printf ("q\t%.3f\t%u\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s%s\n", t, n, text,
            counted - start, paged - counted, loaded - paged, start + t - loaded,
            sort == PR_SORT_SOURCE ? "wire" : "date", first > 0 ? " middle" : "");
  return t;
}

static int
run_queries (const char *library,
             const char *queries_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrReleaseList) list = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) queries = NULL;
  struct rusage usage;
  double start, first_rows;

  queries = read_queries (queries_path);
  if (queries == NULL)
    return 1;

  /* Opening and the first screen of the default list. */
  start = now_ms ();
  store = pr_store_open (library, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  list = pr_release_list_new (store, NULL, PR_FILTER_ALL, PR_SORT_DATE);
  for (guint i = 0; i < MIN (60, g_list_model_get_n_items (G_LIST_MODEL (list))); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  first_rows = now_ms () - start;

  for (guint q = 0; queries[q] != NULL; q++)
    {
      double t;

      if (*queries[q] == '\0')
        continue;
      t = time_query (store, queries[q], q, FALSE, TRUE);
      g_array_append_val (times, t);
    }

  g_array_sort (times, compare_doubles);
  getrusage (RUSAGE_SELF, &usage);
  printf ("first_rows_ms=%.2f p50_ms=%.2f p95_ms=%.2f rss_mb=%.1f\n", first_rows,
          times->len > 0 ? g_array_index (times, double, times->len / 2) : 0.0,
          times->len > 0 ? g_array_index (times, double, (times->len * 95) / 100) : 0.0,
          usage.ru_maxrss / 1024.0);
  return 0;
}

/* The mix as the window's lists run it (one row per group) against the
 * same lists with every copy, each query run by both in turn, the first
 * of the two alternating, on two stores of the library (neither reuses
 * the other's sets): grouped p95 / plain p95 (issue 15: within 10%). */
static int
run_grouped_pairs (const char *library,
                   const char *queries_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) plain_store = NULL;
  g_autoptr(PrStore) grouped_store = NULL;
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) grouped = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) queries = NULL;
  double plain_p95, grouped_p95;

  queries = read_queries (queries_path);
  if (queries == NULL)
    return 1;
  plain_store = pr_store_open (library, NULL, &error);
  if (plain_store != NULL)
    grouped_store = pr_store_open (library, NULL, &error);
  if (grouped_store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint q = 0; queries[q] != NULL; q++)
    {
      double a, b;

      if (*queries[q] == '\0')
        continue;
      if (q % 2 == 0)
        {
          a = time_query (plain_store, queries[q], q, FALSE, FALSE);
          b = time_query (grouped_store, queries[q], q, TRUE, FALSE);
        }
      else
        {
          b = time_query (grouped_store, queries[q], q, TRUE, FALSE);
          a = time_query (plain_store, queries[q], q, FALSE, FALSE);
        }
      g_array_append_val (plain, a);
      g_array_append_val (grouped, b);
      printf ("g\t%.3f\t%.3f\t%s\n", a, b, queries[q]);
    }
  g_array_sort (plain, compare_doubles);
  g_array_sort (grouped, compare_doubles);
  plain_p95 = plain->len > 0 ? g_array_index (plain, double, (plain->len * 95) / 100) : 0.0;
  grouped_p95 = grouped->len > 0 ? g_array_index (grouped, double, (grouped->len * 95) / 100) : 0.0;
  printf ("search_plain_p95_ms=%.2f search_grouped_p95_ms=%.2f search_grouped_vs_plain=%.3f\n",
          plain_p95, grouped_p95, plain_p95 > 0 ? grouped_p95 / plain_p95 : 0.0);
  return 0;
}

/* The window's first rows of each search: an asynchronous list (as the
 * window makes) from its creation until it is no longer loading (its
 * first rows read, before its count for a common prefix). */
static int
run_window_first (const char *library,
                  const char *queries_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) queries = NULL;

  queries = read_queries (queries_path);
  if (queries == NULL)
    return 1;
  store = pr_store_open (library, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(PrQuery) query = NULL;
      g_autoptr(PrReleaseList) list = NULL;
      PrSort sort;
      double start, t;

      if (*queries[q] == '\0')
        continue;
      sort = q % 5 == 4 ? PR_SORT_SOURCE : PR_SORT_DATE;
      start = now_ms ();
      query = pr_query_new (queries[q]);
      list = pr_release_list_new_async (store, query, PR_FILTER_ALL, sort);
      while (pr_release_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
      t = now_ms () - start;
      g_array_append_val (times, t);
      printf ("w\t%.3f\t%u\t%s\t%s%s\n", t, g_list_model_get_n_items (G_LIST_MODEL (list)),
              queries[q], sort == PR_SORT_SOURCE ? "wire" : "date",
              pr_release_list_get_counting (list) ? " before its count" : "");
      /* Counted, before the next (a window's next search waits for none). */
      while (!pr_release_list_is_settled (list))
        g_main_context_iteration (NULL, TRUE);
    }
  g_array_sort (times, compare_doubles);
  printf ("window_first_rows_p50_ms=%.2f window_first_rows_max_ms=%.2f\n",
          times->len > 0 ? g_array_index (times, double, times->len / 2) : 0.0,
          times->len > 0 ? g_array_index (times, double, times->len - 1) : 0.0);
  return 0;
}

static int
run_mark_all (const char *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autoptr(GArray) ids = NULL;
  double start, read_s, undo_s;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  start = now_ms ();
  ids = pr_store_search_ids (store, NULL, PR_FILTER_UNREAD, PR_SORT_DATE, 0, G_MAXUINT, &error);
  if (ids == NULL || !pr_store_set_read_ids (store, ids, TRUE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  read_s = (now_ms () - start) / 1000.0;
  start = now_ms ();
  if (!pr_store_set_read_ids (store, ids, FALSE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  undo_s = (now_ms () - start) / 1000.0;
  printf ("mark_all_read_s=%.3f mark_all_undo_s=%.3f marked=%u\n", read_s, undo_s, ids->len);
  return 0;
}

static int
run_parse (const char *folder,
           guint       n)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *sub = NULL;
  const char *name;
  gsize bytes = 0;
  double start, text_ms, html_ms, sketch_ms;

  /* The corpus keeps its files in numbered subfolders of 1,000. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint d = 0; d < names->len && texts->len < n; d++)
    {
      g_autoptr(GDir) files = g_dir_open (g_ptr_array_index (names, d), 0, NULL);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        g_ptr_array_add (paths, g_build_filename (g_ptr_array_index (names, d), name, NULL));
      g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < paths->len && texts->len < n; i++)
        {
          char *text = NULL;
          gsize length;

          if (!g_file_get_contents (g_ptr_array_index (paths, i), &text, &length, NULL))
            continue;
          bytes += length;
          g_ptr_array_add (pages, corpus_page_build (CORPUS_PAGE_PRNEWSWIRE, text, texts->len));
          g_ptr_array_add (texts, text);
        }
    }
  if (texts->len == 0)
    {
      g_printerr ("no releases in %s\n", folder);
      return 1;
    }

  /* A pass to warm up, then the fastest of five: the machines this runs
   * on are shared, and the slowest passes measure the neighbours. */
  text_ms = html_ms = G_MAXDOUBLE;
  for (guint pass = 0; pass < 6; pass++)
    {
      double t, h;

      start = now_ms ();
      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = g_ptr_array_index (texts, i);
          g_autoptr(PrRelease) r = pr_parse_text (text, strlen (text), "bench", NULL);
        }
      t = now_ms () - start;
      start = now_ms ();
      for (guint i = 0; i < pages->len; i++)
        {
          const char *page = g_ptr_array_index (pages, i);
          g_autoptr(PrRelease) r = pr_html_read (page, strlen (page), "bench", NULL, NULL);
        }
      h = now_ms () - start;
      if (pass > 0)
        {
          text_ms = MIN (text_ms, t);
          html_ms = MIN (html_ms, h);
        }
    }
  /* The grouping's sketch of each parsed release (issue 15), against
   * the parse: what grouping adds to an import's parsing. */
  {
    g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < texts->len; i++)
      {
        const char *text = g_ptr_array_index (texts, i);

        g_ptr_array_add (parsed, pr_parse_text (text, strlen (text), "bench", NULL));
      }
    sketch_ms = G_MAXDOUBLE;
    for (guint pass = 0; pass < 6; pass++)
      {
        double t;

        start = now_ms ();
        for (guint i = 0; i < parsed->len; i++)
          {
            PrSketch sketch;

            pr_sketch_compute (g_ptr_array_index (parsed, i), &sketch);
          }
        t = now_ms () - start;
        if (pass > 0)
          sketch_ms = MIN (sketch_ms, t);
      }
  }
  printf ("releases=%u text_parse_us_per_kb=%.1f html_parse_us_per_kb=%.1f html_vs_text=%.2f"
          " sketch_us_per_kb=%.1f sketch_vs_parse=%.3f\n",
          texts->len, text_ms * 1000.0 / (bytes / 1024.0), html_ms * 1000.0 / (bytes / 1024.0),
          text_ms > 0 ? html_ms / text_ms : 0.0, sketch_ms * 1000.0 / (bytes / 1024.0),
          text_ms > 0 ? sketch_ms / text_ms : 0.0);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "parse"))
    return run_parse (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "markall"))
    return run_mark_all (argv[2]);
  if (argc >= 4 && g_str_equal (argv[1], "import"))
    return run_import (argv[2], argv + 3, 0, NULL);
  if (argc >= 6 && g_str_equal (argv[1], "watched"))
    return run_import (argv[2], argv + 5, (guint) g_ascii_strtoull (argv[3], NULL, 10), argv[4]);
  if (argc == 4 && g_str_equal (argv[1], "query"))
    return run_queries (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "grouped"))
    return run_grouped_pairs (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "window"))
    return run_window_first (argv[2], argv[3]);

  g_printerr ("usage: %s import LIBRARY PATH…\n       %s query LIBRARY QUERIES-FILE\n"
              "       %s watched LIBRARY N QUERIES-FILE PATH…\n"
              "       %s window LIBRARY QUERIES-FILE\n       %s grouped LIBRARY QUERIES-FILE\n"
              "       %s parse FOLDER N\n       %s markall LIBRARY\n",
              argv[0], argv[0], argv[0], argv[0], argv[0], argv[0], argv[0]);
  return 2;
}
