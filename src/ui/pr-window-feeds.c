/* pr-window-feeds.c: the window's feeds and watches: the Feeds window,
 * Add Feed, Refresh (Ctrl+R) with its progress, a feed's or a watch's
 * releases in the list, and Save Search as Watch
 *
 * The refresh is the application's (PrContext), or the window's own when
 * it was given a store without a context (tests). Its progress uses the
 * import's bar when no import runs. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-feeds-window.h"
#include "pr-fetcher.h"
#include "pr-watch-list.h"
#include "pr-window-private.h"

/* ---- progress -------------------------------------------------------- */

static void
refresh_progress (PrWindow *self)
{
  PrRefresh *refresh = pr_window_get_refresh (self);
  guint done, total;
  g_autofree char *text = NULL;

  if (refresh == NULL || self->import != NULL)
    return;
  if (!pr_refresh_get_running (refresh))
    {
      gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
      pr_window_update_actions (self);
      return;
    }
  done = pr_refresh_get_done (refresh);
  total = pr_refresh_get_total (refresh);
  /* Translators: refresh progress, "3 of 40 feeds". */
  text = g_strdup_printf (ngettext ("Refreshing feeds: %'u of %'u", "Refreshing feeds: %'u of %'u", total),
                          done, total);
  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double) done / total : 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  pr_window_update_actions (self);
}

static void
feed_refreshed (PrWindow        *self,
                PrRefreshResult *result)
{
  self->refresh_added += result->added;
  if (result->error != NULL)
    self->refresh_failed++;
}

static void
running_changed (PrWindow *self)
{
  PrRefresh *refresh = pr_window_get_refresh (self);

  if (pr_refresh_get_running (refresh))
    self->refresh_added = self->refresh_failed = 0;
  else
    /* Held back while the feeds were written. */
    pr_window_refresh_facets (self);
  if (!pr_refresh_get_running (refresh) && pr_refresh_get_write_error (refresh) != NULL)
    {
      /* The library's disk is full or read-only, whoever started the
       * pass: that one message rather than the pass's counts. */
      self->refresh_by_hand = FALSE;
      pr_window_toast (self, pr_refresh_get_write_error (refresh)->message);
    }
  else if (!pr_refresh_get_running (refresh) && self->refresh_by_hand)
    {
      g_autofree char *text = NULL;

      self->refresh_by_hand = FALSE;
      if (self->refresh_failed > 0)
        text = g_strdup_printf (ngettext ("%'u new releases; %'u feed could not be read (see Feeds)",
                                          "%'u new releases; %'u feeds could not be read (see Feeds)",
                                          self->refresh_failed), self->refresh_added, self->refresh_failed);
      else if (self->refresh_added > 0)
        text = g_strdup_printf (ngettext ("%'u new release", "%'u new releases", self->refresh_added),
                                self->refresh_added);
      else
        text = g_strdup (_("No new releases"));
      pr_window_toast (self, text);
    }
  refresh_progress (self);
}

/* The window follows @refresh's passes, whoever started them. */
static void
follow (PrWindow  *self,
        PrRefresh *refresh)
{
  if (refresh == NULL || self->followed_refresh == refresh)
    return;
  if (self->followed_refresh != NULL)
    g_signal_handlers_disconnect_by_data (self->followed_refresh, self);
  self->followed_refresh = refresh;
  g_signal_connect_object (refresh, "notify::done", G_CALLBACK (refresh_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (refresh, "notify::running", G_CALLBACK (running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (refresh, "feed-refreshed", G_CALLBACK (feed_refreshed), self, G_CONNECT_SWAPPED);
}

gboolean
pr_window_is_writing (PrWindow *self)
{
  return self->import_cancellable != NULL ||
         (self->followed_refresh != NULL && pr_refresh_get_running (self->followed_refresh));
}

PrRefresh *
pr_window_get_refresh (PrWindow *self)
{
  PrRefresh *refresh = NULL;

  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  if (self->context != NULL && pr_context_get_store (self->context) == self->store)
    refresh = pr_context_get_refresh (self->context);
  if (refresh == NULL)
    {
      if (self->own_refresh == NULL)
        {
          g_autoptr(PrFetcher) fetcher = pr_fetcher_new ();

          self->own_refresh = pr_refresh_new (self->store, fetcher);
        }
      refresh = self->own_refresh;
    }
  follow (self, refresh);
  return refresh;
}

/* ---- a feed's releases ------------------------------------------------ */

void
pr_window_show_feed (PrWindow   *self,
                     gint64      id,
                     const char *title)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: the list shows only the releases of one feed. */
  g_autofree char *label = g_strdup_printf (_("Feed: %s"), title != NULL ? title : value);

  g_return_if_fail (PR_IS_WINDOW (self));

  pr_window_set_facet (self, "feed", value);
  gtk_label_set_text (self->facet_label, label);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* A watch's releases: its search, the one the user can edit and the
 * notifications compare (no notification for the watch on screen). */
void
pr_window_show_watch (PrWindow   *self,
                      const char *query)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  pr_window_set_facet (self, NULL, NULL);
  pr_window_set_search_text (self, query);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* ---- actions ---------------------------------------------------------- */

static void
watch_activated (PrWindow   *self,
                 gint64      id,
                 const char *name,
                 const char *query)
{
  pr_window_show_watch (self, query);
  gtk_window_present (GTK_WINDOW (self));
}

static void
watch_saved (const PrWatch *watch,
             gpointer       user_data)
{
  g_autoptr(PrWindow) self = user_data;

  if (watch == NULL)
    return;
  {
    /* Translators: %s is a watch's name. */
    g_autofree char *text = g_strdup_printf (_("Watch “%s” saved"), watch->name);

    pr_window_toast (self, text);
  }
  if (self->feeds_window != NULL)
    pr_feeds_window_reload (PR_FEEDS_WINDOW (self->feeds_window));
}

static void
save_watch_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  g_autoptr(PrWatch) watch = NULL;

  if (self->store == NULL || pr_window_is_empty (self->search_text))
    return;
  /* The search names the watch until the user gives it a name. */
  watch = pr_watch_new (self->search_text, self->search_text);
  pr_watch_list_present_editor (GTK_WINDOW (self), self->store, watch, watch_saved, g_object_ref (self));
}

static void
feed_activated (PrWindow   *self,
                gint64      id,
                const char *title)
{
  pr_window_show_feed (self, id, title);
  gtk_window_present (GTK_WINDOW (self));
}

static void
feeds_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  PrRefresh *refresh = pr_window_get_refresh (self);

  if (refresh == NULL)
    return;
  if (self->feeds_window == NULL)
    {
      self->feeds_window = pr_feeds_window_new (GTK_WINDOW (self), refresh);
      g_object_add_weak_pointer (G_OBJECT (self->feeds_window), (gpointer *) &self->feeds_window);
      g_signal_connect_object (self->feeds_window, "feed-activated", G_CALLBACK (feed_activated), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->feeds_window, "watch-activated", G_CALLBACK (watch_activated), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->feeds_window));
}

static void
added (PrSubscription *sub,
       const GError   *error,
       gpointer        user_data)
{
  PrWindow *self = user_data;

  if (error != NULL)
    pr_window_toast (self, error->message);
  else if (sub != NULL)
    {
      /* Translators: %s is a feed's title. */
      g_autofree char *text = g_strdup_printf (_("Subscribed to “%s”"), sub->title);

      pr_window_toast (self, text);
      if (self->feeds_window != NULL)
        pr_feeds_window_reload (PR_FEEDS_WINDOW (self->feeds_window));
    }
  g_object_unref (self);
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  PrRefresh *refresh = pr_window_get_refresh (self);

  if (refresh != NULL)
    pr_feeds_window_present_add_dialog (GTK_WINDOW (self), refresh, added, g_object_ref (self));
}

static void
refreshed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = pr_refresh_run_finish (PR_REFRESH (source), result, &error);

  if (results == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pr_window_toast (self, error->message);
  g_clear_object (&self->refresh_cancellable);
  pr_window_update_actions (self);
  g_object_unref (self);
}

static void
refresh_feeds_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  PrRefresh *refresh = pr_window_get_refresh (self);

  if (refresh == NULL || pr_refresh_get_running (refresh))
    return;
  self->refresh_by_hand = TRUE;
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();
  pr_refresh_run_async (refresh, NULL, FALSE, self->refresh_cancellable, refreshed, g_object_ref (self));
  refresh_progress (self);
}

void
pr_window_class_init_feeds (PrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "window.feeds", NULL, feeds_action);
  gtk_widget_class_install_action (widget_class, "window.add-feed", NULL, add_feed_action);
  gtk_widget_class_install_action (widget_class, "window.refresh-feeds", NULL, refresh_feeds_action);
  gtk_widget_class_install_action (widget_class, "window.save-watch", NULL, save_watch_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "window.refresh-feeds", NULL);
}

void
pr_window_dispose_feeds (PrWindow *self)
{
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->feeds_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->feeds_window));
  if (self->followed_refresh != NULL)
    g_signal_handlers_disconnect_by_data (self->followed_refresh, self);
  self->followed_refresh = NULL;
  g_clear_object (&self->own_refresh);
}
