/* pr-cli-library.h: the command-line modes that use the library
 *
 * Each runs to completion in the calling thread and returns the process's
 * exit status; @library is the --library PATH, or NULL for the default
 * ($XDG_DATA_HOME/pressreader/library.db). Messages go to standard error
 * as "pressreader: …" or "FILE: reason"; results to standard output. */
#pragma once

#include <glib.h>

#include "pr-export.h"

G_BEGIN_DECLS

/* --import PATH…: imports files, folders and catalogs, with progress on
 * standard error, then prints a summary on standard output:
 *   imported: N / updated: N / unchanged: N / failed: N, and one
 *   "  FILE: reason" line per failure.
 * Exit status: 0 when nothing failed, 1 when something did (the rest is
 * imported) or the library cannot be opened. */
int pr_cli_import            (const char  *library,
                              char       **paths);

/* --search QUERY [--json]: one line per hit, newest first,
 * "DATE<TAB>SOURCE<TAB>TITLE" (an empty field when unknown); with --json,
 * the hits as one JSON catalog (with their read and bookmark state).
 * Query warnings (unknown filters…) go to standard error. Exit status: 0
 * with hits, 1 without or when the library does not exist or cannot be
 * read. */
int pr_cli_search            (const char  *library,
                              const char  *query,
                              gboolean     json);

/* --copies ID [--json]: the releases of the group of copies of the
 * release with content id ID, the original first, one line each:
 * "ID<TAB>DATE<TAB>SOURCE<TAB>LANGUAGE<TAB>TITLE<TAB>ORIGIN", the
 * original's ID marked with a "*"; with --json, one JSON catalog. Exit
 * status: 0, or 1 when there is no such release or the library cannot be
 * read. */
int pr_cli_copies            (const char  *library,
                              const char  *id,
                              gboolean     json);

/* Which releases of the library an export takes: --bookmarked, --feed URL,
 * --search QUERY. --search and --bookmarked combine (the bookmarked
 * releases the query finds); --feed stands alone. */
typedef struct {
  gboolean    bookmarked;  /* --bookmarked: only the bookmarked releases */
  const char *feed;        /* --feed URL: the releases of the subscription to URL */
  const char *search;      /* --search QUERY: the releases the query finds */
  const char *watch;       /* --watch NAME: the releases the watch finds
                            * (its saved query, run as --search's) */
} PrCliSelection;

/* --export FORMAT with a selection (--export-json and --export-ninjs are
 * FORMAT json and ninjs): the releases selected, newest first, in
 * @format, JSON with their read and bookmark state. Query warnings go to
 * standard error. Exit status: 0 (also when nothing is selected), or 1
 * when not subscribed to the feed or the library does not exist or cannot
 * be read. */
int pr_cli_export            (const char            *library,
                              const PrCliSelection  *selection,
                              PrExportFormat         format);

/* --export-json --bookmarked: pr_cli_export() of the bookmarked releases
 * as a JSON catalog. */
int pr_cli_export_bookmarked (const char  *library);

/* --export-json --feed URL: pr_cli_export() of the releases of the
 * subscription to URL as a JSON catalog. */
int pr_cli_export_feed       (const char  *library,
                              const char  *url);

G_END_DECLS
