/* test-store-matches.c: searches with words read through sets of ids
 * (pr-store-matches.c): counts and pages of every sort and filter against
 * the same lists computed here from what was stored */
#include <sqlite3.h>
#include <string.h>

#include "library-test.h"
#include "pr-store-private.h"

/* The library's size and how many of its releases (the last ones, last
 * by title) have the word "zulu". */
static guint n_releases = 3000;
static guint n_zulu = 60;
/* First rows found without the count, over the cases. */
static guint quick_pages;

typedef struct {
  gint64 id;
  guint index;
  char *date;
  const char *source_norm;
  char *title;
  const char *language;
  gboolean read;
} Meta;

static const char * const sources[] = { "PR Newswire", "Business Wire", "GlobeNewswire" };
static const char * const source_norms[] = { "prnewswire", "businesswire", "globenewswire" };

static gboolean
has_word (guint       i,
          const char *word)
{
  if (g_str_equal (word, "common"))
    return i % 2 == 0;
  if (g_str_equal (word, "mid"))
    return i % 7 == 0;
  if (g_str_equal (word, "rare"))
    return i % 97 == 0;
  if (g_str_equal (word, "zulu"))
    return i >= n_releases - n_zulu;
  return FALSE;
}

static char *
body_of (guint i)
{
  GString *body = g_string_new ("Plain words for everyone. ");

  for (guint w = 0; w < 4; w++)
    {
      static const char * const words[] = { "common", "mid", "rare", "zulu" };

      if (has_word (i, words[w]))
        g_string_append_printf (body, "The %s fact. ", words[w]);
    }
  return g_string_free (body, FALSE);
}

static char *
date_of (guint i)
{
  /* Scattered over about five years, some days shared (ties by id). */
  g_autoptr(GDateTime) start = g_date_time_new_utc (2015, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (start, (i * 7919) % 1800);

  return g_date_time_format (day, "%Y-%m-%d");
}

static const char *
language_of (guint i)
{
  return i % 11 == 0 ? "en-GB" : i % 5 == 0 ? "de" : "en";
}

static char *
title_of (guint i)
{
  /* The zulu releases sort last by title. */
  return g_strdup_printf (i >= n_releases - n_zulu ? "Zulu %05u" : "Release %05u", i);
}

static void
meta_clear (Meta *meta)
{
  g_free (meta->date);
  g_free (meta->title);
}

typedef struct {
  const char *words[2];
  const char *filter;     /* as typed, or NULL */
} Case;

/* Whether release @i has the word as typed: "-word" (not), "pre*" (a
 * prefix of one of the words), "\"common fact\"*" (a phrase). */
static gboolean
word_in (guint       i,
         const char *typed)
{
  static const char * const words[] = { "common", "mid", "rare", "zulu" };
  g_autofree char *word = g_ascii_strdown (typed, -1);
  gsize length = strlen (word);

  if (word[0] == '-')
    return !word_in (i, word + 1);
  if (g_str_equal (word, "\"common fact\"*"))
    return has_word (i, "common");
  if (length > 0 && word[length - 1] == '*')
    {
      word[length - 1] = '\0';
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (g_str_has_prefix (words[w], word) && has_word (i, words[w]))
          return TRUE;
      return FALSE;
    }
  return has_word (i, word);
}

static gboolean
meta_in (const Meta *meta,
         const Case *c,
         PrFilter    filter)
{
  for (guint w = 0; w < G_N_ELEMENTS (c->words) && c->words[w] != NULL; w++)
    if (!word_in (meta->index, c->words[w]))
      return FALSE;
  if (filter == PR_FILTER_UNREAD && meta->read)
    return FALSE;
  if (c->filter == NULL)
    return TRUE;
  if (g_str_equal (c->filter, "lang:en"))
    return g_str_equal (meta->language, "en") || g_str_equal (meta->language, "en-GB");
  if (g_str_equal (c->filter, "lang:de"))
    return g_str_equal (meta->language, "de");
  if (g_str_equal (c->filter, "source:prnewswire"))
    return g_str_equal (meta->source_norm, "prnewswire");
  if (g_str_equal (c->filter, "after:2018-01-01"))
    return strcmp (meta->date, "2018-01-01") >= 0;
  if (g_str_equal (c->filter, "before:2016-06-30"))
    return strcmp (meta->date, "2016-06-30") <= 0;
  if (g_str_equal (c->filter, "is:unread"))
    return !meta->read;
  if (g_str_equal (c->filter, "is:read"))
    return meta->read;
  g_assert_not_reached ();
}

static int
compare_date (gconstpointer a,
              gconstpointer b)
{
  const Meta *x = *(const Meta **) a, *y = *(const Meta **) b;
  int c = strcmp (y->date, x->date);

  return c != 0 ? c : (y->id > x->id) - (y->id < x->id);
}

static int
compare_source (gconstpointer a,
                gconstpointer b)
{
  const Meta *x = *(const Meta **) a, *y = *(const Meta **) b;
  int c = strcmp (x->source_norm, y->source_norm);

  return c != 0 ? c : compare_date (a, b);
}

static int
compare_title (gconstpointer a,
               gconstpointer b)
{
  const Meta *x = *(const Meta **) a, *y = *(const Meta **) b;
  int c = g_ascii_strcasecmp (x->title, y->title);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

static char *
case_text (const Case *c)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint w = 0; w < G_N_ELEMENTS (c->words) && c->words[w] != NULL; w++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", c->words[w]);
  if (c->filter != NULL)
    g_string_append_printf (text, " %s", c->filter);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A new list's first read through a watch, its first @quick rows found
 * without the count when they can be (pr_store_matches_quick_page()). */
static PrStoreWatchResult *
quick_read (PrStore  *store,
            PrQuery  *query,
            PrFilter  filter,
            PrSort    sort,
            guint     quick)
{
  PrStoreWatch *watch = pr_store_watch (store, query, filter, sort, FALSE, NULL, NULL);
  guint offset = 0;
  PrStoreWatchRequest request = { TRUE, &offset, 1, 256, 1, 0, -2, quick };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PrStoreWatchResult *read;

  pr_store_watch_read_async (store, watch, &request, NULL, read_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  read = pr_store_watch_read_finish (store, result, &error);
  g_assert_no_error (error);
  pr_store_unwatch (store, watch);
  return read;
}

/* Every page the store gives equals the list computed here. */
static void
check_case (PrStore    *store,
            GArray     *metas,
            const Case *c,
            PrFilter    filter,
            PrSort      sort)
{
  g_autofree char *text = case_text (c);
  g_autoptr(PrQuery) query = pr_query_new (text);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint offsets[4];
  gint64 count;

  for (guint i = 0; i < metas->len; i++)
    if (meta_in (&g_array_index (metas, Meta, i), c, filter))
      g_ptr_array_add (expected, &g_array_index (metas, Meta, i));
  g_ptr_array_sort (expected, sort == PR_SORT_SOURCE ? compare_source
                              : sort == PR_SORT_TITLE ? compare_title : compare_date);

  count = pr_store_count (store, query, filter, &error);
  g_assert_no_error (error);
  if (count != (gint64) expected->len)
    g_error ("“%s” (filter %d) counted %" G_GINT64_FORMAT ", not %u", text, filter, count,
             expected->len);

  /* The first rows of a new list, found without the count (a prefix
   * common enough) or with it: the same rows. */
  {
    g_autoptr(PrStoreWatchResult) read = quick_read (store, query, filter, sort, 20);
    PrStoreWatchPage *page = g_ptr_array_index (read->pages, 0);

    if (read->count != -1 && read->count != (gint64) expected->len)
      g_error ("“%s” (filter %d) counted %" G_GINT64_FORMAT " with its first rows, not %u", text,
               filter, read->count, expected->len);
    if (read->count == -1)
      {
        quick_pages++;
        g_assert_cmpuint (page->ids->len, ==, 20);
      }
    else
      g_assert_cmpuint (page->ids->len, ==, MIN (expected->len, 256));
    for (guint i = 0; i < MIN (page->ids->len, 20); i++)
      if (g_array_index (page->ids, gint64, i) != ((const Meta *) g_ptr_array_index (expected, i))->id)
        g_error ("“%s” (filter %d, sort %d) first rows, row %u: release %" G_GINT64_FORMAT
                 ", not %" G_GINT64_FORMAT, text, filter, sort, i,
                 g_array_index (page->ids, gint64, i),
                 ((const Meta *) g_ptr_array_index (expected, i))->id);
  }

  /* The top, the middle, the last page (short) and past the end. */
  offsets[0] = 0;
  offsets[1] = expected->len / 2;
  offsets[2] = expected->len > 7 ? expected->len - 7 : 0;
  offsets[3] = expected->len + 3;
  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
    {
      g_autoptr(GArray) ids = pr_store_search_ids (store, query, filter, sort, offsets[o], 20,
                                                   &error);
      guint want = offsets[o] >= expected->len ? 0 : MIN (20, expected->len - offsets[o]);

      g_assert_no_error (error);
      if (ids->len != want)
        g_error ("“%s” (filter %d, sort %d) at %u: %u rows, not %u", text, filter, sort,
                 offsets[o], ids->len, want);
      for (guint i = 0; i < ids->len; i++)
        {
          const Meta *meta = g_ptr_array_index (expected, offsets[o] + i);

          if (g_array_index (ids, gint64, i) != meta->id)
            g_error ("“%s” (filter %d, sort %d) row %u: release %" G_GINT64_FORMAT
                     ", not %" G_GINT64_FORMAT, text, filter, sort, offsets[o] + i,
                     g_array_index (ids, gint64, i), meta->id);
        }
    }
}

static GArray *
fill (PrStore *store)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GArray *metas = g_array_new (FALSE, TRUE, sizeof (Meta));

  g_array_set_clear_func (metas, (GDestroyNotify) meta_clear);
  g_array_set_size (metas, n_releases);
  for (guint i = 0; i < n_releases; i++)
    {
      g_autofree char *title = title_of (i);
      g_autofree char *date = date_of (i);
      g_autofree char *body = body_of (i);
      g_autofree char *path = g_strdup_printf ("/releases/%05u.txt", i);
      PrRelease *release = test_release (title, date, sources[(i * 31) % 3], body, path);
      Meta *meta = &g_array_index (metas, Meta, i);

      pr_release_set_field (release, PR_FIELD_LANGUAGE, language_of (i));
      g_ptr_array_add (releases, release);
      meta->index = i;
      meta->date = g_steal_pointer (&date);
      meta->title = g_steal_pointer (&title);
      meta->source_norm = source_norms[(i * 31) % 3];
      meta->language = language_of (i);
    }
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);

  /* Each release's id: the titles sort in the releases' order. */
  ids = pr_store_search_ids (store, NULL, PR_FILTER_ALL, PR_SORT_TITLE, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_releases);
  for (guint i = 0; i < ids->len; i++)
    g_array_index (metas, Meta, i).id = g_array_index (ids, gint64, i);
  for (guint i = 0; i < ids->len; i += ids->len / 10)
    {
      g_autoptr(PrRelease) release = pr_store_get_release (store, g_array_index (ids, gint64, i),
                                                           &error);

      g_assert_no_error (error);
      g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_TITLE), ==,
                       g_array_index (metas, Meta, i).title);
    }
  return metas;
}

static void
mark_read (PrStore *store,
           GArray  *metas,
           guint    every)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < metas->len; i++)
    {
      Meta *meta = &g_array_index (metas, Meta, i);

      if (i % every == 0 && !meta->read)
        {
          meta->read = TRUE;
          g_array_append_val (ids, meta->id);
        }
    }
  g_assert_true (pr_store_set_read_ids (store, ids, TRUE, &error));
  g_assert_no_error (error);
}

static const Case cases[] = {
  { { "common" }, NULL },
  { { "mid" }, NULL },
  { { "rare" }, NULL },
  { { "zulu" }, NULL },
  { { "comm*" }, NULL },
  { { "common", "mid" }, NULL },
  { { "common" }, "lang:en" },
  { { "mid" }, "lang:de" },
  { { "common" }, "source:prnewswire" },
  { { "mid" }, "after:2018-01-01" },
  { { "common" }, "before:2016-06-30" },
  { { "zulu" }, "before:2016-06-30" },
  { { "common" }, "is:unread" },
  { { "mid" }, "is:read" },
  { { "rare" }, "lang:en" },
  /* Prefixes: common ones are found by walking, rare ones are not. */
  { { "COMM*" }, "lang:en" },
  { { "comm*", "mid" }, NULL },
  { { "comm*", "mid*" }, NULL },
  { { "comm*" }, "is:unread" },
  { { "zul*" }, NULL },
  { { "rar*" }, NULL },
  { { "comm*", "-mid" }, NULL },
  { { "\"common fact\"*" }, NULL },
};

static void
test_lists (void)
{
  char *dir = test_tmpdir ();
  PrStore *store = test_store_open (dir);
  g_autoptr(GArray) metas = fill (store);
  static const PrSort sorts[] = { PR_SORT_DATE, PR_SORT_SOURCE, PR_SORT_TITLE };

  mark_read (store, metas, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      {
        check_case (store, metas, &cases[i], PR_FILTER_ALL, sorts[s]);
        check_case (store, metas, &cases[i], PR_FILTER_UNREAD, sorts[s]);
      }
  /* "comm*" and its variants, by each sort, without a filter at least. */
  g_assert_cmpuint (quick_pages, >=, 12);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

/* The sets kept between reads follow the library: a mark, an added and a
 * deleted release change the next count. */
static void
test_follows_writes (void)
{
  char *dir = test_tmpdir ();
  PrStore *store = test_store_open (dir);
  g_autoptr(GArray) metas = fill (store);
  g_autoptr(GError) error = NULL;
  const Case unread = { { "common" }, "is:unread" };
  const Case english = { { "common" }, "lang:en" };

  check_case (store, metas, &unread, PR_FILTER_ALL, PR_SORT_DATE);
  check_case (store, metas, &english, PR_FILTER_ALL, PR_SORT_DATE);
  mark_read (store, metas, 4);
  check_case (store, metas, &unread, PR_FILTER_ALL, PR_SORT_DATE);
  check_case (store, metas, &english, PR_FILTER_ALL, PR_SORT_DATE);

  /* A new common English release, then the first one gone. */
  {
    g_autoptr(PrRelease) later = test_release ("Release 99999", "2030-01-01", "PR Newswire",
                                               "The common fact, later.", "/releases/99999.txt");

    test_add (store, later);
  }
  g_assert_cmpint (test_count (store, "common lang:en"), ==, test_count (store, "common -mid lang:en") +
                   test_count (store, "common mid lang:en"));
  {
    g_autoptr(PrQuery) query = pr_query_new ("common lang:en");
    g_autoptr(GArray) ids = pr_store_search_ids (store, query, PR_FILTER_ALL, PR_SORT_DATE, 0, 1,
                                                 &error);
    g_autoptr(PrRelease) newest = NULL;
    gint64 before = test_count (store, "common lang:en");

    g_assert_no_error (error);
    newest = pr_store_get_release (store, g_array_index (ids, gint64, 0), &error);
    g_assert_cmpstr (pr_release_get_field (newest, PR_FIELD_TITLE), ==, "Release 99999");
    g_assert_true (pr_store_delete (store, g_array_index (ids, gint64, 0), &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_count (store, "common lang:en"), ==, before - 1);
  }
  check_case (store, metas, &english, PR_FILTER_ALL, PR_SORT_DATE);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

/* A set the walk meets only at the end of its sort (the zulu releases are
 * the last by title): the walk gives up past its budget and the rows are
 * looked up instead. */
static void
test_skewed (void)
{
  char *dir = test_tmpdir ();
  PrStore *store;
  g_autoptr(GArray) metas = NULL;
  const Case zulu = { { "zulu" }, NULL };
  const Case zulu_english = { { "zulu" }, "lang:en" };

  /* A walk is chosen (20 rows × 12,000 ÷ 120 ≤ 32 × 120) and gives up
   * (past 2 × 32 × 120 + 1,024 rows, before the first zulu). */
  n_releases = 12000;
  n_zulu = 120;
  store = test_store_open (dir);
  metas = fill (store);
  check_case (store, metas, &zulu, PR_FILTER_ALL, PR_SORT_TITLE);
  check_case (store, metas, &zulu_english, PR_FILTER_ALL, PR_SORT_TITLE);
  check_case (store, metas, &zulu, PR_FILTER_ALL, PR_SORT_DATE);
  n_releases = 3000;
  n_zulu = 60;
  g_object_unref (store);
  test_tmpdir_free (dir);
}

/* Past 65,536 releases a filter is first sampled: read as a set when its
 * estimate is within the budget (source:prnewswire with zulu, about
 * 30,000 rows under the 65,536 floor), its matches looked up when it is
 * not (lang:en with zulu, about 74,000), the same lists either way. */
static void
test_sampled_filter (void)
{
  char *dir = test_tmpdir ();
  PrStore *store;
  g_autoptr(GArray) metas = NULL;
  const Case cases_big[] = {
    { { "zulu" }, "lang:en" },
    { { "zulu" }, "source:prnewswire" },
    { { "rare" }, "lang:de" },
    { { "mid" }, "after:2018-01-01" },
  };

#ifdef __SANITIZE_ADDRESS__
  /* 90,000 releases written with each allocation's stack unwound for
   * the leak checker (build-aux/sanitize-wrapper): over 5 minutes. The
   * normal suite runs it. */
  g_test_skip ("90,000 releases: too slow under the sanitizers");
  test_tmpdir_free (dir);
  return;
#endif
  n_releases = 90000;
  n_zulu = 120;
  store = test_store_open (dir);
  metas = fill (store);
  for (guint i = 0; i < G_N_ELEMENTS (cases_big); i++)
    check_case (store, metas, &cases_big[i], PR_FILTER_ALL, PR_SORT_DATE);
  n_releases = 3000;
  n_zulu = 60;
  g_object_unref (store);
  test_tmpdir_free (dir);
}

/* A damaged library whose index holds an id no bitmap should hold: the
 * matches are looked up as before, without a bitmap of 2^40 bits. */
static void
test_huge_id (void)
{
  char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  PrStore *store = test_store_open (dir);
  g_autoptr(GArray) metas = fill (store);
  g_autoptr(PrQuery) query = pr_query_new ("zulu");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO release_fts (rowid, title, body)"
                                     " VALUES (1099511627776, 'Zulu', 'zulu')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = test_store_open (dir);
  /* The index counts its entry; the list has the releases there are. */
  g_assert_cmpint (test_count (store, "zulu"), ==, n_zulu + 1);
  ids = pr_store_search_ids (store, query, PR_FILTER_ALL, PR_SORT_TITLE, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_zulu);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     g_array_index (metas, Meta, n_releases - n_zulu + i).id);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

/* lang:en is en and its regional forms, not whatever a catalog wrote
 * that sorts between them; with words (the sets) and without. */
static void
test_language_range (void)
{
  char *dir = test_tmpdir ();
  PrStore *store = test_store_open (dir);
  static const char * const languages[] = { "en", "en-GB", "en, fr", "en (US)", "enm", "de" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *title = g_strdup_printf ("Release %u", i);
      g_autofree char *path = g_strdup_printf ("/releases/%u.txt", i);
      g_autoptr(PrRelease) release = test_release (title, "2024-01-01", "PR Newswire",
                                                   "The common fact.", path);

      pr_release_set_field (release, PR_FIELD_LANGUAGE, languages[i]);
      test_add (store, release);
    }
  g_assert_cmpint (test_count (store, "common lang:en"), ==, 2);
  g_assert_cmpint (test_count (store, "lang:en"), ==, 2);
  g_assert_cmpint (test_count (store, "common lang:de"), ==, 1);
  g_object_unref (store);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/store-matches/lists", test_lists);
  g_test_add_func ("/library/store-matches/follows-writes", test_follows_writes);
  g_test_add_func ("/library/store-matches/skewed", test_skewed);
  g_test_add_func ("/library/store-matches/huge-id", test_huge_id);
  g_test_add_func ("/library/store-matches/sampled-filter", test_sampled_filter);
  g_test_add_func ("/library/store-matches/language-range", test_language_range);

  return g_test_run ();
}
