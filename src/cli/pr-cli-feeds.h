/* pr-cli-feeds.h: the command-line modes that follow feeds
 *
 * As pr-cli-library.h's: each runs to its end in the calling thread (a
 * main loop for the network) and returns the exit status; @library is
 * --library PATH or NULL. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --subscribe URL [--title T]: a feed, or a page whose feed is found
 * through <link rel="alternate">. Prints "Subscribed to “TITLE” (URL)".
 * Exit status 1, with the reason, when it is not a feed, cannot be
 * fetched or is subscribed to already. */
int pr_cli_subscribe    (const char *library,
                         const char *url,
                         const char *title);
/* --unsubscribe URL: the subscription goes; its releases stay. */
int pr_cli_unsubscribe  (const char *library,
                         const char *url);
/* --feeds [--json]: a line per subscription, "URL<TAB>TITLE<TAB>RELEASES
 * <TAB>UNREAD<TAB>LAST CHECK<TAB>ERROR", or a JSON array. */
int pr_cli_feeds        (const char *library,
                         gboolean    json);
/* --refresh [--json]: one pass over every subscription now; a line per
 * feed, "URL: N new, N updated, N unchanged", "URL: not modified" or
 * "URL: the error", or a JSON array. Exit status 1 if any feed failed. */
int pr_cli_refresh      (const char *library,
                         gboolean    json);
/* --import-opml FILE: subscribes to each feed of an OPML file (folders
 * kept as categories), then prints how many were new. */
int pr_cli_import_opml  (const char *library,
                         const char *path);
/* --export-opml: the subscriptions as OPML 2.0 on standard output. */
int pr_cli_export_opml  (const char *library);

G_END_DECLS
