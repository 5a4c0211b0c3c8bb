/* pr-application.c: the PressReader application */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-application.h"
#include "pr-catalog.h"
#include "pr-format.h"
#include "pr-watch-notify.h"
#include "pr-window.h"

#define DEFAULT_CATALOG "/org/example/PressReader/default-catalog.json"

struct _PrApplication
{
  AdwApplication parent_instance;
  char *library;
  GSettings *settings;

  /* The library, opened asynchronously at startup: what the windows
   * follow. */
  PrContext *context;
  GCancellable *cancellable;

  /* Background refresh of the feeds. */
  guint refresh_timeout;

  /* Watch hits gathered until the refresh pass or the import that
   * brings them ends: one notification per watch for it. */
  GHashTable *pending_hits;   /* gint64* watch id → PrWatchHits */
  guint hits_timeout;
  PrStore *hits_store;
  PrRefresh *hits_refresh;
  gint64 show_release_id;     /* app.show-release before the library opened */

  /* Following in the background: the application holds itself. */
  gboolean background_held;
  guint portal_response;      /* the Background portal's Response subscription */
  gboolean shutting_down;
};

static gint64 start_time;

G_DEFINE_FINAL_TYPE (PrApplication, pr_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_STORE,
  PROP_LIBRARY_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PrWindow *
get_window (PrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (pr_window_new (GTK_APPLICATION (self), self->context));
  return PR_WINDOW (window);
}

static void
pr_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (PR_APPLICATION (app))));
}

static void
pr_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PrWindow *window = get_window (PR_APPLICATION (app));

  pr_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- telling of watches' new releases ---- */

/* After the last hits, how long to wait for more of the same import
 * (its chunks are separate writes) before telling. */
#define HITS_QUIET_MS 400

/* Whether the user is looking at the watch's releases right now: the
 * focused window shows its search. */
static gboolean
user_sees_watch (PrApplication     *self,
                 const PrWatchHits *hits)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *shown = NULL;
  g_autofree char *query = NULL;
  GtkWidget *entry;

  if (!PR_IS_WINDOW (window) || !gtk_window_is_active (window) ||
      !gtk_widget_get_visible (GTK_WIDGET (window)))
    return FALSE;
  entry = pr_window_get_part (PR_WINDOW (window), "search-entry");
  if (entry == NULL || hits->query == NULL)
    return FALSE;
  shown = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  query = g_strstrip (g_strdup (hits->query));
  return g_str_equal (shown, query);
}

static gboolean
importing (PrApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PR_IS_WINDOW (l->data) && pr_window_get_importing (l->data))
      return TRUE;
  return FALSE;
}

static void schedule_hits (PrApplication *self);

static gboolean
hits_timeout_cb (gpointer data)
{
  PrApplication *self = data;
  GHashTableIter iter;
  PrWatchHits *hits;

  self->hits_timeout = 0;
  /* Told when the pass ends (notify::running). */
  if (self->hits_refresh != NULL && pr_refresh_get_running (self->hits_refresh))
    return G_SOURCE_REMOVE;
  if (importing (self))
    {
      schedule_hits (self);
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, self->pending_hits);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &hits))
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;

      if (user_sees_watch (self, hits))
        continue;
      notification = pr_watch_notification_new (hits);
      id = pr_watch_notification_id (hits->watch_id);
      g_application_send_notification (G_APPLICATION (self), id, notification);
    }
  g_hash_table_remove_all (self->pending_hits);
  return G_SOURCE_REMOVE;
}

static void
schedule_hits (PrApplication *self)
{
  g_clear_handle_id (&self->hits_timeout, g_source_remove);
  self->hits_timeout = g_timeout_add (HITS_QUIET_MS, hits_timeout_cb, self);
}

static void
watch_hits_cb (PrStore       *store,
               GPtrArray     *hits,
               PrApplication *self)
{
  for (guint i = 0; i < hits->len; i++)
    {
      PrWatchHits *more = g_ptr_array_index (hits, i);
      PrWatchHits *known = g_hash_table_lookup (self->pending_hits, &more->watch_id);

      if (known != NULL)
        pr_watch_hits_merge (known, more);
      else
        {
          PrWatchHits *copy = pr_watch_hits_copy (more);

          g_hash_table_insert (self->pending_hits, &copy->watch_id, copy);
        }
    }
  schedule_hits (self);
}

static void
refresh_running_cb (PrRefresh     *refresh,
                    GParamSpec    *pspec,
                    PrApplication *self)
{
  if (!pr_refresh_get_running (refresh) && g_hash_table_size (self->pending_hits) > 0)
    schedule_hits (self);
}

static void
follow_hits (PrApplication *self,
             PrStore       *store)
{
  self->hits_store = g_object_ref (store);
  g_signal_connect_object (store, "watch-hits", G_CALLBACK (watch_hits_cb), self, 0);
  self->hits_refresh = pr_context_get_refresh (self->context);
  if (self->hits_refresh != NULL)
    {
      g_object_ref (self->hits_refresh);
      g_signal_connect_object (self->hits_refresh, "notify::running",
                               G_CALLBACK (refresh_running_cb), self, 0);
    }
}

/* app.show-release: the window (made again if it was closed) shows the
 * release, read in a worker. */
typedef struct {
  PrWindow *window;
  gint64 id;
} ShowRelease;

static void
show_release_free (ShowRelease *show)
{
  g_clear_object (&show->window);
  g_free (show);
}

static void
show_release_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PrApplication *self = source_object;
  ShowRelease *show = task_data;
  GError *error = NULL;
  PrRelease *release = pr_store_get_release (pr_context_get_store (self->context), show->id,
                                             &error);

  if (release != NULL)
    g_task_return_pointer (task, release, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
show_release_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShowRelease *show = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = g_task_propagate_pointer (G_TASK (result), &error);

  if (release == NULL)
    {
      /* Deleted since: the window is there, without it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Release %" G_GINT64_FORMAT ": %s", show->id, error->message);
      return;
    }
  /* The window may have been closed meanwhile. */
  if (gtk_window_get_application (GTK_WINDOW (show->window)) != NULL)
    pr_window_select_release (show->window, release);
}

static void
show_release (PrApplication *self,
              gint64         id)
{
  PrWindow *window = get_window (self);
  g_autoptr(GTask) task = NULL;
  ShowRelease *show;

  gtk_window_present (GTK_WINDOW (window));
  if (pr_context_get_store (self->context) == NULL)
    {
      /* Started by the notification: once the library is open. */
      self->show_release_id = id;
      return;
    }
  show = g_new0 (ShowRelease, 1);
  show->window = g_object_ref (window);
  show->id = id;
  task = g_task_new (self, self->cancellable, show_release_done, NULL);
  g_task_set_source_tag (task, show_release);
  g_task_set_task_data (task, show, (GDestroyNotify) show_release_free);
  g_task_run_in_thread (task, show_release_thread);
}

static void
show_release_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  show_release (PR_APPLICATION (user_data), g_variant_get_int64 (parameter));
}

/* ---- following when the window is closed ---- */

#define BACKGROUND_NOTIFICATION "background"

static void
background_refused (PrApplication *self,
                    const char    *why)
{
  g_autoptr(GNotification) notification =
    g_notification_new (_("PressReader cannot follow feeds in the background"));

  g_debug ("Background portal: %s", why);
  g_notification_set_body (notification,
                           _("The system did not allow it: feeds are followed while the window "
                             "is open. It can be allowed in the system’s settings for "
                             "applications."));
  g_application_send_notification (G_APPLICATION (self), "background-refused", notification);
  /* The preference says what is so. */
  g_settings_set_boolean (self->settings, "follow-in-background", FALSE);
}

static void
portal_response_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  PrApplication *self = user_data;
  g_autoptr(GVariant) results = NULL;
  gboolean allowed = FALSE;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (bus, self->portal_response);
  self->portal_response = 0;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &allowed);
  if (response != 0 || !allowed)
    background_refused (self, "refused");
}

static void
portal_called (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                            &error);
  PrApplication *self;

  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PR_APPLICATION (user_data);
  if (self->portal_response != 0)
    {
      g_dbus_connection_signal_unsubscribe (G_DBUS_CONNECTION (source), self->portal_response);
      self->portal_response = 0;
    }
  background_refused (self, error->message);
}

/* Inside Flatpak the sandbox may stop an application without a window:
 * the Background portal is asked (org.freedesktop.portal.Background, by
 * hand: no libportal for one call). Its answer comes as the Response
 * signal of a request object whose path follows from our token. */
static void
request_background (PrApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;

  if (bus == NULL || self->portal_response != 0)
    return;
  token = g_strdup_printf ("pressreader%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  self->portal_response =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.portal.Desktop",
                                        "org.freedesktop.portal.Request", "Response", path, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, portal_response_cb, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Follow feeds and tell of new releases while "
                                                 "the window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, portal_called, self);
}

static void
background_changed (PrApplication *self)
{
  gboolean follow = g_settings_get_boolean (self->settings, "follow-in-background");

  if (follow && !self->background_held)
    {
      /* Closing the last window no longer ends the application: the
       * 60 s timer keeps running the due feeds. */
      g_application_hold (G_APPLICATION (self));
      self->background_held = TRUE;
      if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
        request_background (self);
    }
  else if (!follow && self->background_held)
    {
      self->background_held = FALSE;
      g_application_withdraw_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION);
      g_application_release (G_APPLICATION (self));
    }
}

/* The last window closed while following: the user is told the
 * application still runs, with a way to end it. */
static void
window_removed (GtkApplication *app,
                GtkWindow      *window,
                gpointer        user_data)
{
  PrApplication *self = PR_APPLICATION (app);
  g_autoptr(GNotification) notification = NULL;

  if (!self->background_held || self->shutting_down ||
      gtk_application_get_windows (app) != NULL)
    return;
  notification = g_notification_new (_("PressReader is following feeds in the background"));
  g_notification_set_body (notification, _("New releases of the watches that notify will be told "
                                           "here."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_LOW);
  g_notification_add_button (notification, _("Quit"), "app.quit");
  g_application_send_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION, notification);
}

static void
window_added (GtkApplication *app,
              GtkWindow      *window,
              gpointer        user_data)
{
  PrApplication *self = PR_APPLICATION (app);

  if (self->background_held)
    g_application_withdraw_notification (G_APPLICATION (self), BACKGROUND_NOTIFICATION);
}

/* The library */

gboolean
pr_application_seed_library (PrStore       *store,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  gint64 count;

  g_return_val_if_fail (PR_IS_STORE (store), FALSE);

  count = pr_store_count (store, NULL, PR_FILTER_ALL, error);
  if (count < 0 || (error != NULL && *error != NULL))
    return FALSE;
  if (count > 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  bytes = g_resources_lookup_data (DEFAULT_CATALOG, 0, error);
  if (bytes == NULL)
    return FALSE;
  releases = pr_catalog_read_bytes (bytes, NULL, error);
  if (releases == NULL)
    return FALSE;
  return pr_store_add_releases (store, releases, NULL, error);
}

static void
seed_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (pr_application_seed_library (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
library_failed (PrApplication *self,
                GError        *error)
{
  pr_context_set_library_error (self->context, error);
  g_error_free (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY_ERROR]);
}

/* ---- following feeds in the background ---- */

#define REFRESH_CHECK_SECONDS 60
#define REFRESH_FIRST_SECONDS 5

static void
background_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = pr_refresh_run_finish (PR_REFRESH (source), result, &error);

  if (results == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    g_debug ("Background refresh: %s", error->message);
}

/* The feeds that are due, unless the user turned that off, the network
 * is down, or the connection is metered and that is not allowed. */
static gboolean
background_refresh_cb (gpointer data)
{
  PrApplication *self = data;
  PrRefresh *refresh = pr_context_get_refresh (self->context);
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  if (refresh == NULL || pr_refresh_get_running (refresh) ||
      !g_settings_get_boolean (self->settings, "refresh-automatically") ||
      !g_network_monitor_get_network_available (monitor) ||
      (g_network_monitor_get_network_metered (monitor) &&
       !g_settings_get_boolean (self->settings, "refresh-on-metered")))
    return G_SOURCE_CONTINUE;
  pr_refresh_run_async (refresh, NULL, TRUE, self->cancellable, background_done, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
background_first_cb (gpointer data)
{
  PrApplication *self = data;

  background_refresh_cb (self);
  self->refresh_timeout = g_timeout_add_seconds (REFRESH_CHECK_SECONDS, background_refresh_cb, self);
  return G_SOURCE_REMOVE;
}

static void
start_background_refresh (PrApplication *self)
{
  PrRefresh *refresh = pr_context_get_refresh (self->context);

  if (refresh == NULL)
    return;
  g_settings_bind (self->settings, "refresh-interval", refresh, "interval", G_SETTINGS_BIND_GET);
  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  self->refresh_timeout = g_timeout_add_seconds (REFRESH_FIRST_SECONDS, background_first_cb, self);
}

static void
group_stored_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_grouped;

  if (pr_store_group_stored_finish (PR_STORE (source), result, &n_grouped, &error))
    {
      if (n_grouped > 0)
        g_debug ("Grouped the copies among %u releases stored before", n_grouped);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Nothing is lost: they wait for the next start. */
    g_message ("The releases stored before could not be grouped: %s", error->message);
}

static void
library_seeded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PrApplication *self = PR_APPLICATION (source);
  PrStore *store = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_application_release (G_APPLICATION (self));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The library works; only the samples are missing. */
      g_warning ("The default catalog could not be imported: %s", error->message);
    }
  pr_context_set_store (self->context, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  follow_hits (self, store);
  start_background_refresh (self);
  /* A library from before grouping: its copies found in the background. */
  pr_store_group_stored_async (store, self->cancellable, group_stored_done, NULL);
  if (self->show_release_id != 0)
    {
      show_release (self, self->show_release_id);
      self->show_release_id = 0;
    }
}

static void
library_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PrApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open_finish (result, &error);
  g_autoptr(GTask) task = NULL;

  if (store == NULL)
    {
      g_application_release (G_APPLICATION (self));
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        library_failed (self, g_steal_pointer (&error));
      return;
    }

  /* A damaged library was moved aside: said here for the command line,
   * and by the window in a dialog. */
  if (pr_store_get_moved_aside_path (store) != NULL)
    {
      g_autofree char *message = pr_format_moved_aside (pr_store_get_path (store),
                                                        pr_store_get_moved_aside_path (store),
                                                        pr_store_get_damage (store));

      g_printerr ("%s: %s\n", g_get_prgname () != NULL ? g_get_prgname () : "pressreader", message);
    }

  /* A first start fills an empty library with the default catalog. */
  task = g_task_new (self, self->cancellable, library_seeded, NULL);
  g_task_set_source_tag (task, library_opened);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, seed_thread);
}

static void
open_library (PrApplication *self)
{
  const char *path = pr_context_get_library_path (self->context);

  self->cancellable = g_cancellable_new ();
  /* Until the library is there (or known to be broken). */
  g_application_hold (G_APPLICATION (self));
  pr_store_open_async (path, self->cancellable, library_opened, g_object_ref (self));
}

PrStore *
pr_application_get_store (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);
  return pr_context_get_store (self->context);
}

const GError *
pr_application_get_library_error (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);
  return pr_context_get_library_error (self->context);
}

char *
pr_application_dup_library_path (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);
  return g_strdup (pr_context_get_library_path (self->context));
}

PrContext *
pr_application_get_context (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);
  return self->context;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "show-release", .activate = show_release_activated, .parameter_type = "x" },
};

static void
style_changed (PrApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,      /* follow */
    ADW_COLOR_SCHEME_FORCE_LIGHT,  /* light */
    ADW_COLOR_SCHEME_FORCE_DARK,   /* dark */
  };
  guint style = g_settings_get_enum (self->settings, "style");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (style, G_N_ELEMENTS (schemes) - 1)]);
}

static void
pr_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  PrApplication *self = PR_APPLICATION (app);

  G_APPLICATION_CLASS (pr_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (style_changed), self,
                           G_CONNECT_SWAPPED);
  style_changed (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  g_signal_connect_object (self->settings, "changed::follow-in-background",
                           G_CALLBACK (background_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  g_signal_connect (app, "window-removed", G_CALLBACK (window_removed), NULL);
  background_changed (self);

  open_library (self);
}

static void
pr_application_shutdown (GApplication *app)
{
  PrApplication *self = PR_APPLICATION (app);

  /* The windows closed now are not the user leaving the application
   * running. */
  self->shutting_down = TRUE;
  if (self->background_held)
    g_application_withdraw_notification (app, BACKGROUND_NOTIFICATION);

  G_APPLICATION_CLASS (pr_application_parent_class)->shutdown (app);
}

static void
pr_application_dispose (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  g_clear_handle_id (&self->hits_timeout, g_source_remove);
  if (self->portal_response != 0)
    {
      GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

      if (bus != NULL)
        g_dbus_connection_signal_unsubscribe (bus, self->portal_response);
      self->portal_response = 0;
    }
  g_clear_object (&self->hits_store);
  g_clear_object (&self->hits_refresh);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pr_application_parent_class)->dispose (object);
}

static void
pr_application_finalize (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  g_clear_pointer (&self->library, g_free);
  g_clear_pointer (&self->pending_hits, g_hash_table_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pr_application_parent_class)->finalize (object);
}

static void
pr_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PrApplication *self = PR_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_string (value, self->library);
      break;
    case PROP_STORE:
      g_value_set_object (value, pr_context_get_store (self->context));
      break;
    case PROP_LIBRARY_ERROR:
      g_value_set_boxed (value, pr_context_get_library_error (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PrApplication *self = PR_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_free (self->library);
      self->library = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The context, once the library's path is known. */
static void
pr_application_constructed (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);
  g_autofree char *path = self->library != NULL ? g_strdup (self->library)
                                                : pr_store_dup_default_path ();

  G_OBJECT_CLASS (pr_application_parent_class)->constructed (object);

  self->context = pr_context_new (path, start_time);
}

static void
pr_application_class_init (PrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = pr_application_constructed;
  object_class->dispose = pr_application_dispose;
  object_class->finalize = pr_application_finalize;
  object_class->get_property = pr_application_get_property;
  object_class->set_property = pr_application_set_property;

  app_class->activate = pr_application_activate;
  app_class->open = pr_application_open;
  app_class->startup = pr_application_startup;
  app_class->shutdown = pr_application_shutdown;

  properties[PROP_LIBRARY] =
    g_param_spec_string ("library", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARY_ERROR] =
    g_param_spec_boxed ("library-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_application_init (PrApplication *self)
{
  self->pending_hits = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) pr_watch_hits_free);
}

PrApplication *
pr_application_new (const char *library_path)
{
  return g_object_new (PR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/example/PressReader",
                       "library", library_path,
                       NULL);
}

const char *
pr_application_get_library (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);
  return self->library;
}

void
pr_application_mark_start_time (void)
{
  if (start_time == 0)
    start_time = g_get_monotonic_time ();
}

gint64
pr_application_get_start_time (void)
{
  return start_time;
}
