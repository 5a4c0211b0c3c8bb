/* pr-application.c: the PressReader application */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-application.h"
#include "pr-window.h"

struct _PrApplication
{
  AdwApplication parent_instance;
  char *library;
};

G_DEFINE_FINAL_TYPE (PrApplication, pr_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PrWindow *
get_window (PrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (pr_window_new (self));
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
pr_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (pr_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
pr_application_finalize (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  g_clear_pointer (&self->library, g_free);

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

static void
pr_application_class_init (PrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pr_application_finalize;
  object_class->get_property = pr_application_get_property;
  object_class->set_property = pr_application_set_property;

  app_class->activate = pr_application_activate;
  app_class->open = pr_application_open;
  app_class->startup = pr_application_startup;

  properties[PROP_LIBRARY] =
    g_param_spec_string ("library", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

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
