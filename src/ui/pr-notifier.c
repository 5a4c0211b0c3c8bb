/* pr-notifier.c: notifications of what notifying watches find
 *
 * The store tells each write's hits (PrStore::watch-hits); a refresh of
 * many feeds is many writes, so they are added up per watch and told once
 * the library has been quiet for PR_NOTIFIER_QUIET_MS: one notification
 * per watch per refresh or import, replacing the watch's last one. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-notifier.h"

struct _PrNotifier
{
  GObject parent_instance;

  PrStore *store;
  GApplication *application;   /* weak */
  GHashTable *pending;         /* watch id (gint64*) → PrWatchHits* */
  guint quiet_timeout;
  PrNotifierShowingFunc showing;
  gpointer showing_data;
};

G_DEFINE_FINAL_TYPE (PrNotifier, pr_notifier, G_TYPE_OBJECT)

enum {
  NOTIFICATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
pr_notifier_format_title (const PrWatchHits *hits)
{
  g_return_val_if_fail (hits != NULL, NULL);

  /* Translators: a notification's title: how many releases a watch (its
   * name last) found. */
  return g_strdup_printf (ngettext ("%'u new release: %s", "%'u new releases: %s", hits->count),
                          hits->count, hits->name);
}

GNotification *
pr_notifier_build (const PrWatchHits *hits)
{
  g_autofree char *title = pr_notifier_format_title (hits);
  GNotification *notification;

  notification = g_notification_new (title);
  if (hits->newest_title != NULL && *hits->newest_title != '\0')
    g_notification_set_body (notification, hits->newest_title);
  g_notification_set_default_action_and_target (notification, "app.show-release", "x", hits->newest_id);
  return notification;
}

void
pr_notifier_flush (PrNotifier *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PR_IS_NOTIFIER (self));

  g_clear_handle_id (&self->quiet_timeout, g_source_remove);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PrWatchHits *hits = value;
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;

      if (self->showing != NULL && self->showing (hits->query, self->showing_data))
        continue;
      id = g_strdup_printf ("watch-%" G_GINT64_FORMAT, hits->watch_id);
      notification = pr_notifier_build (hits);
      g_signal_emit (self, signals[NOTIFICATION], 0, id, hits, notification);
      if (self->application != NULL)
        g_application_send_notification (self->application, id, notification);
    }
  g_hash_table_remove_all (self->pending);
}

static gboolean
quiet_cb (gpointer data)
{
  PrNotifier *self = data;

  self->quiet_timeout = 0;
  pr_notifier_flush (self);
  return G_SOURCE_REMOVE;
}

static void
watch_hits (PrStore    *store,
            GPtrArray  *hits,
            PrNotifier *self)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const PrWatchHits *h = g_ptr_array_index (hits, i);
      PrWatchHits *sum = g_hash_table_lookup (self->pending, &h->watch_id);

      if (sum == NULL)
        {
          sum = pr_watch_hits_copy (h);
          g_hash_table_insert (self->pending, g_memdup2 (&sum->watch_id, sizeof sum->watch_id), sum);
          continue;
        }
      sum->count += h->count;
      /* The later write's newest: a refresh brings the newest last. */
      sum->newest_id = h->newest_id;
      g_free (sum->newest_title);
      sum->newest_title = g_strdup (h->newest_title);
    }
  g_clear_handle_id (&self->quiet_timeout, g_source_remove);
  self->quiet_timeout = g_timeout_add (PR_NOTIFIER_QUIET_MS, quiet_cb, self);
}

static void
pr_notifier_dispose (GObject *object)
{
  PrNotifier *self = PR_NOTIFIER (object);

  g_clear_handle_id (&self->quiet_timeout, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);
  G_OBJECT_CLASS (pr_notifier_parent_class)->dispose (object);
}

static void
pr_notifier_finalize (GObject *object)
{
  PrNotifier *self = PR_NOTIFIER (object);

  g_hash_table_unref (self->pending);
  G_OBJECT_CLASS (pr_notifier_parent_class)->finalize (object);
}

static void
pr_notifier_class_init (PrNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_notifier_dispose;
  object_class->finalize = pr_notifier_finalize;

  /**
   * PrNotifier::notification:
   * @id: the notification's id, "watch-ID"
   * @hits: what it tells, added up
   * @notification: what is sent
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, PR_TYPE_WATCH_HITS, G_TYPE_NOTIFICATION);
}

static void
pr_notifier_init (PrNotifier *self)
{
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) pr_watch_hits_free);
}

PrNotifier *
pr_notifier_new (PrStore      *store,
                 GApplication *application)
{
  PrNotifier *self;

  g_return_val_if_fail (PR_IS_STORE (store), NULL);

  self = g_object_new (PR_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->application, application);
  g_signal_connect (store, "watch-hits", G_CALLBACK (watch_hits), self);
  return self;
}

void
pr_notifier_set_showing_func (PrNotifier            *self,
                              PrNotifierShowingFunc  func,
                              gpointer               user_data)
{
  g_return_if_fail (PR_IS_NOTIFIER (self));

  self->showing = func;
  self->showing_data = user_data;
}
