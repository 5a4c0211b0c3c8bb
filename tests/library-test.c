/* library-test.c: helpers shared by the library tests */
#include <sqlite3.h>

#include "library-test.h"

PrStore *
test_store_open (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  PrStore *store = pr_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
test_count (PrStore    *store,
            const char *text)
{
  g_autoptr(PrQuery) query = pr_query_new (text);
  g_autoptr(GError) error = NULL;
  gint64 count = pr_store_count (store, query, PR_FILTER_ALL, &error);

  g_assert_no_error (error);
  return count;
}

void
test_add (PrStore   *store,
          PrRelease *release)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (releases, release);
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
}

void
test_sql_exec (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

gint64
test_sql_int (const char *path,
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
