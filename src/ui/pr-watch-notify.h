/* pr-watch-notify.h: the notification that tells of a watch's new releases */
#pragma once

#include <gio/gio.h>

#include "pr-watch.h"

G_BEGIN_DECLS

/* "watch-ID": a later notification of the same watch replaces the one
 * still shown. */
char          *pr_watch_notification_id  (gint64             watch_id);
/* Titled "3 new releases: NAME", the newest release's headline as its
 * body; clicked, it runs app.show-release with the newest release's id. */
GNotification *pr_watch_notification_new (const PrWatchHits *hits);

G_END_DECLS
