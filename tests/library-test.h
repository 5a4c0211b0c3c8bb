/* library-test.h: helpers shared by the library tests (test-store.c,
 * test-query.c, test-import.c, test-release-list.c, test-cli-library.c;
 * tests/library-test.c, built once in tests/meson.build) */
#pragma once

#include "pr-query.h"
#include "pr-store.h"
#include "pr-test-utils.h"

G_BEGIN_DECLS

/* The library "library.db" in @dir, which must open. */
PrStore *test_store_open (const char *dir);
/* How many releases @text finds (NULL: all). */
gint64   test_count      (PrStore    *store,
                          const char *text);
void     test_add        (PrStore    *store,
                          PrRelease  *release);
/* The first column of the first row of @sql, run on the SQLite file at
 * @path read-only; -1 without a row. */
/* In SQL over "releases": the release is read (schema 7: its key is
 * not in unread) or bookmarked. */
#define TEST_SQL_READ "NOT EXISTS (SELECT 1 FROM unread AS u WHERE u.date = releases.date" \
  " AND u.id = releases.id)"
#define TEST_SQL_BOOKMARKED "bookmarked = 1"

gint64   test_sql_int    (const char *path,
                          const char *sql);
/* Runs @sql on the library at @path, as another process would. */
void     test_sql_exec   (const char *path,
                          const char *sql);

G_END_DECLS
