/* pr-window-actions.c: the window's actions (window.*) and their keys */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-article-print.h"
#include "pr-preferences-window.h"
#include "pr-ui-private.h"
#include "pr-window-private.h"

/* ---- the shown release ----------------------------------------------- */

static void
bookmark_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  PrRelease *r = self->current;
  gboolean bookmarked;

  if (r == NULL)
    return;
  bookmarked = !pr_release_get_bookmarked (r);
  pr_window_set_bookmarked (self, r, bookmarked);
  if (!bookmarked)
    pr_window_toast_with_undo (self, _("Bookmark removed"), r, NULL);
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  if (self->current != NULL)
    pr_window_set_read (self, self->current, !pr_release_get_read (self->current));
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  const char * const *links;

  if (self->current == NULL)
    return;
  links = pr_release_get_list (self->current, PR_LIST_LINKS);
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    if (pr_ui_uri_is_launchable (links[i]))
      {
        gtk_show_uri (GTK_WINDOW (self), links[i], GDK_CURRENT_TIME);
        return;
      }
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  pr_article_view_copy_citation (self->article_view);
  pr_window_toast (self, _("Citation copied"));
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            PrWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: printing failed; the reason follows. */
      text = g_strdup_printf (_("Could not print: %s"),
                              error != NULL ? error->message : _("unknown error"));
      pr_window_toast (self, text);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  if (operation == self->print_operation)
    {
      g_signal_handlers_disconnect_by_data (operation, self);
      g_clear_object (&self->print_operation);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  /* One at a time: the dialog is modal, a job may still be spooling. */
  if (self->current == NULL || self->print_operation != NULL)
    return;
  self->print_operation = GTK_PRINT_OPERATION (pr_article_print_new (self->current));
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (self->print_operation, self->print_settings);
  gtk_print_operation_set_allow_async (self->print_operation, TRUE);
  g_signal_connect (self->print_operation, "done", G_CALLBACK (print_done), self);
  result = gtk_print_operation_run (self->print_operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  /* An error before ::done (no dialog could be shown) is told here. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->print_operation != NULL)
    print_done (self->print_operation, result, self);
}

/* ---- moving around --------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint pos = pr_window_selected_position (self);

  if (pos == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, 0);
  /* The shown release left the list: the one in its place is next. */
  else if (selected == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, MIN (pos, pr_window_n_shown (self) - 1));
  else
    pr_window_select_position (self, pos + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  guint pos = pr_window_selected_position (self);

  if (pos == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, 0);
  else if (pos > 0)
    pr_window_select_position (self, MIN (pos - 1, pr_window_n_shown (self) - 1));
}

static void
next_unread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  /* Read states on their way to the library first. */
  if (self->pending_writes > 0)
    self->next_unread_wanted = TRUE;
  else
    pr_window_next_unread (self);
}

static void
find_in_article_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  pr_article_view_start_find (self->article_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* ---- the library ----------------------------------------------------- */

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  g_autofree char *text = pr_window_query_text (self, TRUE);
  g_autofree char *full = NULL;
  g_autoptr(PrQuery) query = NULL;

  if (self->filter_mode == PR_FILTER_BOOKMARKED)
    full = text != NULL ? g_strdup_printf ("is:bookmarked (%s)", text) : g_strdup ("is:bookmarked");
  else
    full = g_steal_pointer (&text);
  query = full != NULL ? pr_query_new (full) : NULL;
  pr_window_run_mark_job (self, query, NULL);
}

static void
facet_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *kind = NULL;
  const char *value = NULL;

  g_variant_get (parameter, "(&s&s)", &kind, &value);
  pr_window_set_facet (PR_WINDOW (widget), kind, value);
}

static void
clear_facet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pr_window_set_facet (PR_WINDOW (widget), NULL, NULL);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pr_window_open_chooser (PR_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pr_window_open_chooser (PR_WINDOW (widget), TRUE);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  /* The bar shows the import, else the feeds' refresh. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  else if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
}

/* ---- zoom, preferences, about ---------------------------------------- */

static void
zoom (PrWindow *self,
      double    delta)
{
  double scale = g_settings_get_double (self->settings, "text-scale");

  scale = delta == 0 ? 1.0 : CLAMP (scale + delta, 0.5, 3.0);
  g_settings_set_double (self->settings, "text-scale", (double) (gint64) (scale * 10.0 + 0.5) / 10.0);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom (PR_WINDOW (widget), 0.1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom (PR_WINDOW (widget), -0.1);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  zoom (PR_WINDOW (widget), 0);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pr_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *developers[] = { "The PressReader developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("PressReader"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The PressReader developers"));
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Read, search and triage press releases"));
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), PACKAGE_WEBSITE);
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), PACKAGE_BUGREPORT);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© 2024 The PressReader developers");
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  /* Translators: your names, one per line, as "Name <email>" or "Name URL". */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (widget));
  gtk_window_present (GTK_WINDOW (about));
}

/* ---- the class's actions and keys ------------------------------------ */

void
pr_window_class_init_actions (PrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "window.bookmark", NULL, bookmark_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-read", NULL, toggle_read_action);
  gtk_widget_class_install_action (widget_class, "window.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "window.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "window.next-unread", NULL, next_unread_action);
  gtk_widget_class_install_action (widget_class, "window.open-original", NULL, open_original_action);
  gtk_widget_class_install_action (widget_class, "window.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "window.find-in-article", NULL, find_in_article_action);
  gtk_widget_class_install_action (widget_class, "window.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "window.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "window.facet", "(ss)", facet_action);
  gtk_widget_class_install_action (widget_class, "window.clear-facet", NULL, clear_facet_action);
  gtk_widget_class_install_action (widget_class, "window.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "window.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "window.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "window.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "window.about", NULL, about_action);
  gtk_widget_class_install_property_action (widget_class, "window.sidebar-visible", "sidebar-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "window.bookmark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "window.toggle-read", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "window.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "window.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "window.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "window.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "window.next-unread", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "window.open-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.copy-citation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "window.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "window.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "window.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "window.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "window.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "window.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "window.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.sidebar-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "window.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "window.go-back", NULL);
}
