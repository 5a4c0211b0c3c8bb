/* pr-refresh-private.h: what PrRefresh's files share (pr-refresh.c, the
 * passes; pr-refresh-subscribe.c, subscribing) */
#pragma once

#include "pr-refresh.h"

G_BEGIN_DECLS

PrStore   *pr_refresh_get_store     (PrRefresh       *self);
PrFetcher *pr_refresh_get_fetcher   (PrRefresh       *self);
/* Runs @func in the refresh's own threads at background priority; its
 * result comes back at G_PRIORITY_LOW, after the window's redraws. */
void       pr_refresh_run_in_worker (PrRefresh       *self,
                                     GTask           *task,
                                     GTaskThreadFunc  func);

G_END_DECLS
