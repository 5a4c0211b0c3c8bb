/* pr-application.c: the PressReader application */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-application.h"
#include "pr-catalog.h"
#include "pr-format.h"
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
  start_background_refresh (self);
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

  open_library (self);
}

static void
pr_application_dispose (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pr_application_parent_class)->dispose (object);
}

static void
pr_application_finalize (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  g_clear_pointer (&self->library, g_free);
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
