/* pr-notifier.h: notifications of what notifying watches find */
#pragma once

#include <gio/gio.h>

#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_NOTIFIER (pr_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PrNotifier, pr_notifier, PR, NOTIFIER, GObject)

/* Whether the user is looking at the releases @query finds right now (no
 * notification then). */
typedef gboolean (*PrNotifierShowingFunc) (const char *query,
                                           gpointer    user_data);

/* Follows @store's ::watch-hits: what a refresh or an import brings to a
 * watch is added up until the library has been quiet for a moment
 * (PR_NOTIFIER_QUIET_MS) and then told in one notification per watch,
 * through @application (NULL: only ::notification is emitted). */
PrNotifier    *pr_notifier_new              (PrStore               *store,
                                             GApplication          *application);
void           pr_notifier_set_showing_func (PrNotifier            *self,
                                             PrNotifierShowingFunc  func,
                                             gpointer               user_data);
/* Tells what has been added up now. */
void           pr_notifier_flush            (PrNotifier            *self);

/* Its title: "3 new releases: Acme". */
char          *pr_notifier_format_title     (const PrWatchHits     *hits);
/* The notification for @hits: "3 new releases: Acme" with the newest
 * headline; activating it runs app.show-release with the newest's id. */
GNotification *pr_notifier_build            (const PrWatchHits     *hits);

#define PR_NOTIFIER_QUIET_MS 2000

G_END_DECLS
