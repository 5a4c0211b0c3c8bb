/* pr-watch-notify.c: the notification that tells of a watch's new releases
 *
 * Built apart from the application, which gathers the hits of a refresh
 * pass or an import and decides whether to tell at all, so that what the
 * user reads can be tested without a notification server. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-watch-notify.h"

char *
pr_watch_notification_id (gint64 watch_id)
{
  return g_strdup_printf ("watch-%" G_GINT64_FORMAT, watch_id);
}

GNotification *
pr_watch_notification_new (const PrWatchHits *hits)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (hits != NULL, NULL);

  title = g_strdup_printf (ngettext (/* Translators: %u is a count, %s a watch's name. */
                                     "%u new release: %s",
                                     "%u new releases: %s", hits->count),
                           hits->count, hits->name);
  notification = g_notification_new (title);
  /* A release without a headline still has the watch to show. */
  if (hits->newest_title != NULL && *hits->newest_title != '\0')
    g_notification_set_body (notification, hits->newest_title);
  g_notification_set_default_action_and_target (notification, "app.show-release", "x",
                                                hits->newest_id);
  return g_steal_pointer (&notification);
}
