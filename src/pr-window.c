/* pr-window.c: the main window (a plain list until the reading window lands) */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-core.h"
#include "pr-window.h"

struct _PrWindow
{
  AdwApplicationWindow parent_instance;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (PrWindow, pr_window, ADW_TYPE_APPLICATION_WINDOW)

static void
add_release (PrWindow  *self,
             PrRelease *release)
{
  GtkWidget *row = adw_action_row_new ();
  const char *date = pr_release_get_date (release);
  const char *source = pr_release_get_source (release);
  g_autofree char *subtitle = NULL;

  /* Release text is never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 pr_release_get_title (release) ? pr_release_get_title (release) : "");
  subtitle = g_strjoin (" · ", source ? source : _("Unknown source"),
                        date ? date : _("Undated"), NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->list, row);
}

static void
load_samples (PrWindow *self)
{
  const char *dir = "/org/example/PressReader/samples";
  g_auto(GStrv) names = g_resources_enumerate_children (dir, 0, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", dir, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(PrRelease) release = NULL;
      gsize len = 0;
      const char *data;

      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &len);
      release = pr_parse_text (data, len, path, NULL);
      if (release != NULL)
        add_release (self, release);
    }
}

static void
pr_window_class_init (PrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PressReader/pr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list);
}

static void
pr_window_init (PrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_samples (self);
}

PrWindow *
pr_window_new (PrApplication *application)
{
  return g_object_new (PR_TYPE_WINDOW, "application", application, NULL);
}

void
pr_window_open_files (PrWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = pr_parse_file (files[i], NULL, &error);

      if (release != NULL)
        add_release (self, release);
      else
        g_message ("%s: %s", g_file_peek_path (files[i]), error->message);
    }
}
