/* pr-refresh.h: following feeds: one pass over the subscriptions */
#pragma once

#include <gio/gio.h>

#include "pr-fetcher.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_REFRESH_RESULT (pr_refresh_result_get_type ())

/* What one feed gave in a pass. */
typedef struct {
  gint64 feed_id;
  char *url;                /* after a move (301/308), the new one */
  char *title;
  guint added;              /* new releases */
  guint updated;            /* releases whose text changed (state kept) */
  guint unchanged;          /* items seen before, or releases known */
  gboolean not_modified;    /* 304: nothing was read */
  char *error;              /* in words; NULL when the feed was read */
} PrRefreshResult;

GType            pr_refresh_result_get_type (void);
PrRefreshResult *pr_refresh_result_copy     (const PrRefreshResult *result);
void             pr_refresh_result_free     (PrRefreshResult       *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrRefreshResult, pr_refresh_result_free)

#define PR_TYPE_REFRESH (pr_refresh_get_type ())
G_DECLARE_FINAL_TYPE (PrRefresh, pr_refresh, PR, REFRESH, GObject)

/* Fetches through @fetcher (so on the thread-default main context it
 * was made on: make and run the refresh there); parses and writes in
 * worker threads. */
PrRefresh  *pr_refresh_new             (PrStore              *store,
                                        PrFetcher            *fetcher);

/* The global interval between two fetches of a feed, in minutes (at
 * least 5; default 30). */
void        pr_refresh_set_interval    (PrRefresh            *self,
                                        guint                 minutes);
guint       pr_refresh_get_interval    (PrRefresh            *self);
gboolean    pr_refresh_get_running     (PrRefresh            *self);
/* Why the last pass stopped writing (the library's disk full or
 * read-only: pr_store_error_is_unwritable()), or NULL. The pass's result
 * is that error; feeds it did not write keep their state. */
const GError *pr_refresh_get_write_error (PrRefresh          *self);
/* Of the pass running (or the last one): feeds done, and in all. */
guint       pr_refresh_get_done        (PrRefresh            *self);
guint       pr_refresh_get_total       (PrRefresh            *self);

/* One pass over @subscriptions (PrSubscription; NULL: every one that has
 * not ended), only those due when @due_only. Each feed's result is
 * emitted as ::feed-refreshed as it ends; _finish() returns them all
 * (PrRefreshResult), in the order they ended. A pass is refused while
 * one runs. */
void        pr_refresh_run_async       (PrRefresh            *self,
                                        GPtrArray            *subscriptions,
                                        gboolean              due_only,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray  *pr_refresh_run_finish      (PrRefresh            *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Subscribes to @url: a feed, or a web page whose feed it finds through
 * <link rel="alternate">. @title (NULL: the feed's own) names it. Errors
 * in words: "Not a feed: an HTML page without a feed link", "Already
 * subscribed to …", the server's refusal. */
void            pr_refresh_subscribe_async  (PrRefresh           *self,
                                             const char          *url,
                                             const char          *title,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PrSubscription *pr_refresh_subscribe_finish (PrRefresh           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
