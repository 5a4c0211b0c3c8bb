/* pr-feeds-window.h: the subscriptions, their state and actions */
#pragma once

#include <adwaita.h>

#include "pr-refresh.h"

G_BEGIN_DECLS

#define PR_TYPE_FEEDS_WINDOW (pr_feeds_window_get_type ())
G_DECLARE_FINAL_TYPE (PrFeedsWindow, pr_feeds_window, PR, FEEDS_WINDOW, AdwWindow)

/* A window beside @parent listing the subscriptions of @refresh's
 * library, and its watches (PrWatchList). ::feed-activated (gint64 id,
 * const char *title) asks the main window to show that feed's releases,
 * ::watch-activated (gint64 id, const char *name, const char *query) a
 * watch's. */
GtkWidget *pr_feeds_window_new                (GtkWindow   *parent,
                                               PrRefresh   *refresh);
/* Re-reads the subscriptions and watches (after a change made elsewhere). */
void       pr_feeds_window_reload             (PrFeedsWindow *self);

/* Subscribes to the feeds of an OPML file, then refreshes the new ones;
 * writes every subscription to an OPML file (both off the main thread,
 * the outcome in a toast). */
void       pr_feeds_window_import_opml        (PrFeedsWindow *self,
                                               GFile         *file);
void       pr_feeds_window_export_opml        (PrFeedsWindow *self,
                                               GFile         *file);

/* Called when Add Feed ends: the new subscription, or NULL for both
 * when the dialog was closed without one (refusals are shown in the
 * dialog, which stays open to correct the address). */
typedef void (*PrFeedsAddedFunc) (PrSubscription *sub,
                                  const GError   *error,
                                  gpointer        user_data);

/* The Add Feed dialog over @parent (a window named
 * "pr-add-feed-dialog", its Add button the action "add-feed.add"): a
 * feed's or a page's address, with the known wires' feeds as suggestions
 * (data/feed-suggestions.json); subscribes through @refresh, then
 * refreshes that feed. */
void       pr_feeds_window_present_add_dialog (GtkWindow        *parent,
                                               PrRefresh        *refresh,
                                               PrFeedsAddedFunc  added,
                                               gpointer          user_data);

/* "Updated 5 minutes ago · next in 25 minutes", or the feed's error. */
char      *pr_feeds_window_describe_state     (const PrSubscription *sub,
                                               gint64                now);

G_END_DECLS
