/* pr-test-utils.h: helpers for tests of any layer (GLib and the core):
 * temporary folders, files, releases built by hand (tests/pr-test-utils.c,
 * built once as a static library in tests/meson.build) */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "pr-core.h"

G_BEGIN_DECLS

/* A release built by hand: the parser is tested elsewhere. */
PrRelease *test_release             (const char   *title,
                                     const char   *date,
                                     const char   *source,
                                     const char   *body,
                                     const char   *origin);
void       test_release_add_entity  (PrRelease    *release,
                                     PrEntityKind  kind,
                                     const char   *name,
                                     const char   *detail);

/* Removes @path and all under it; folders a test made unreadable too. */
/* Forty invented town names that only the @i-th release lists: what
 * keeps a test's templated releases from being copies of each other for
 * the grouping (docs/grouping.md). */
char      *test_invented_names      (guint         i);
void       test_remove_tree         (const char   *path);
/* A temporary folder, removed by test_tmpdir_free(). */
char      *test_tmpdir              (void);
void       test_tmpdir_free         (char         *dir);
/* Writes @dir/@name (@name may hold folders, made as needed). */
void       test_write_file          (const char   *dir,
                                     const char   *name,
                                     const char   *contents,
                                     gssize        length);
/* The whole of a file, which must be readable. */
GBytes    *test_read_bytes          (const char   *path);

/* VmHWM (peak resident memory) in kB, reset first when @reset: -1 when
 * /proc cannot say or cannot reset it. */
gint64     test_peak_kb             (gboolean      reset);

G_END_DECLS
