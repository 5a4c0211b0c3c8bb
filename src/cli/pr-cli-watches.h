/* pr-cli-watches.h: the command-line modes for watches (saved searches)
 *
 * As pr-cli-library.h's: each runs to its end and returns the exit
 * status; @library is --library PATH or NULL. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --watch-add NAME QUERY [--notify]: saves the search, matches it over
 * the library and prints "Watching “NAME”: N releases". Exit status 1,
 * with the reason, for a name in use, an empty search or one on the
 * reader's state (is:read, is:unread, is:bookmarked). */
int pr_cli_watch_add     (const char *library,
                          const char *name,
                          const char *query,
                          gboolean    notify);
/* --watch-remove NAME */
int pr_cli_watch_remove  (const char *library,
                          const char *name);
/* --watches [--json]: a line per watch, "NAME<TAB>QUERY<TAB>TOTAL<TAB>
 * UNREAD<TAB>notify|", or a JSON array, in the user's order. */
int pr_cli_watches       (const char *library,
                          gboolean    json);

G_END_DECLS
