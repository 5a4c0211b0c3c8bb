/* pr-preferences-window.c: the preferences, bound to GSettings */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-preferences-window.h"

struct _PrPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *style_row;
  GtkAdjustment *text_size_adjustment;
  GtkSwitch *sidebar_switch;
  GtkSwitch *mark_read_switch;
  GtkSwitch *copies_switch;
  GtkSwitch *refresh_switch;
  GtkAdjustment *interval_adjustment;
  GtkSwitch *metered_switch;
  GtkSwitch *background_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PrPreferencesWindow, pr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *styles[] = { "follow", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (nick, styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (styles) ? g_variant_new_string (styles[i]) : NULL;
}

static gboolean
scale_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
scale_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100.0, 0.5, 3.0));
}

static gboolean
minutes_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
minutes_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value), 5, 1440));
}

static void
pr_preferences_window_dispose (GObject *object)
{
  PrPreferencesWindow *self = PR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pr_preferences_window_parent_class)->dispose (object);
}

static void
pr_preferences_window_class_init (PrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PressReader/pr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, text_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, sidebar_switch);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, mark_read_switch);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, copies_switch);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, metered_switch);
  gtk_widget_class_bind_template_child (widget_class, PrPreferencesWindow, background_switch);
}

static void
pr_preferences_window_init (PrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pr_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PrPreferencesWindow *self = g_object_new (PR_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "style", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (settings, "text-scale", self->text_size_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                scale_get_mapping, scale_set_mapping, NULL, NULL);
  g_settings_bind (settings, "sidebar-visible", self->sidebar_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "mark-read-on-open", self->mark_read_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-every-copy", self->copies_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "refresh-automatically", self->refresh_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "refresh-interval", self->interval_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                minutes_get_mapping, minutes_set_mapping, NULL, NULL);
  g_settings_bind (settings, "refresh-on-metered", self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "follow-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}
