/* pr-window.c: the reading window: list | article | details
 *
 * The window shows one library (a PrStore, opened by the application and
 * handed over through a PrContext, or set with pr_window_set_store()).
 * This file is the object: its properties, template, the library it
 * follows and the actions' state (pr_window_update_actions()). The rest is split by
 * concern, all on the struct in pr-window-private.h:
 *   pr-window-list.c     the query, the list model, rows and selection
 *   pr-window-library.c  counts and facets, read in worker threads
 *   pr-window-state.c    read and bookmark writes, undo, mark all read
 *   pr-window-actions.c  the window.* actions and their keys
 *   pr-window-import.c   imports, the file chooser and drops
 * Reads and writes go through the library's async calls (worker threads);
 * nothing that waits on the disk runs in the main thread. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-format.h"
#include "pr-steady-list.h"
#include "pr-window-private.h"

G_DEFINE_FINAL_TYPE (PrWindow, pr_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_IMPORTING,
  PROP_STORE,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers --------------------------------------------------------- */

gboolean
pr_window_is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

gboolean
pr_window_same_release (PrRelease *a,
                        PrRelease *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  if (a == b)
    return TRUE;
  return pr_release_get_store_id (a) != 0
         && pr_release_get_store_id (a) == pr_release_get_store_id (b);
}

GApplication *
pr_window_get_application (PrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? G_APPLICATION (app) : NULL;
}

/* Keeps the application running while a write is on its way. */
void
pr_window_hold_application (PrWindow *self)
{
  GApplication *app = pr_window_get_application (self);

  if (app != NULL)
    g_application_hold (app);
}

void
pr_window_release_application (GApplication *app)
{
  if (app != NULL)
    g_application_release (app);
}

/* ---- the actions' state ---------------------------------------------- */

void
pr_window_update_bookmark_button (PrWindow *self)
{
  gboolean bookmarked = self->current != NULL && pr_release_get_bookmarked (self->current);
  const char *icon = bookmarked ? "starred-symbolic" : "non-starred-symbolic";

  /* Only on changes: setting an icon queues a resize. */
  if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (self->bookmark_button)), icon) == 0)
    return;
  gtk_button_set_icon_name (GTK_BUTTON (self->bookmark_button),
                            bookmarked ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (self->bookmark_button,
                               bookmarked ? _("Remove Bookmark (Ctrl+D)") : _("Bookmark (Ctrl+D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bookmark_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bookmarked ? _("Remove Bookmark") : _("Bookmark"), -1);
}

void
pr_window_update_actions (PrWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean has = self->current != NULL;
  gboolean store = self->store != NULL;
  guint n = pr_window_n_shown (self);
  const char * const *links = has ? pr_release_get_list (self->current, PR_LIST_LINKS) : NULL;

  gtk_widget_action_set_enabled (w, "window.bookmark", has && store);
  gtk_widget_action_set_enabled (w, "window.toggle-read", has && store);
  gtk_widget_action_set_enabled (w, "window.copy-citation", has);
  gtk_widget_action_set_enabled (w, "window.find-in-article", has);
  gtk_widget_action_set_enabled (w, "window.print", has);
  gtk_widget_action_set_enabled (w, "window.open-original", links != NULL && links[0] != NULL);
  gtk_widget_action_set_enabled (w, "window.next", n > 0);
  gtk_widget_action_set_enabled (w, "window.previous", n > 0);
  gtk_widget_action_set_enabled (w, "window.next-unread", n > 0);
  gtk_widget_action_set_enabled (w, "window.clear-facet", self->facet_kind != NULL);
  gtk_widget_action_set_enabled (w, "window.facet", store);
  gtk_widget_action_set_enabled (w, "window.import", store);
  gtk_widget_action_set_enabled (w, "window.import-folder", store);
  gtk_widget_action_set_enabled (w, "window.cancel-import",
                                 self->import_cancellable != NULL || self->refresh_cancellable != NULL);
  gtk_widget_action_set_enabled (w, "window.feeds", store);
  gtk_widget_action_set_enabled (w, "window.add-feed", store);
  gtk_widget_action_set_enabled (w, "window.save-watch", store && !pr_window_is_empty (self->search_text));
  gtk_widget_action_set_enabled (w, "window.refresh-feeds",
                                 store && (self->followed_refresh == NULL ||
                                           !pr_refresh_get_running (self->followed_refresh)));
  gtk_widget_action_set_enabled (w, "window.mark-all-read", store && self->count_unread > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->facet_button),
                            store && g_menu_model_get_n_items (G_MENU_MODEL (self->facet_menu)) > 0);
  pr_window_update_bookmark_button (self);
}

void
pr_window_notify_importing (PrWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

/* ---- the library ----------------------------------------------------- */

GListModel *
pr_window_get_model (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->list);
}

GListModel *
pr_window_get_list_model (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

PrStore *
pr_window_get_store (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return self->store;
}

static gboolean
moved_aside_idle_cb (gpointer data)
{
  PrWindow *self = data;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->moved_aside_idle = 0;
  body = g_strdup_printf ("%s\n\n%s", self->moved_aside_text,
                          _("The damaged file may still hold releases, read marks and "
                            "bookmarks that can be recovered: PressReader’s README "
                            "explains how."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Library Was Damaged"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->moved_aside_text, g_free);
  return G_SOURCE_REMOVE;
}

static void
moved_aside_after_paint (GdkFrameClock *clock,
                         PrWindow      *self)
{
  g_clear_signal_handler (&self->moved_aside_handler, clock);
  /* Not from inside the paint. */
  if (self->moved_aside_idle == 0)
    self->moved_aside_idle = g_idle_add (moved_aside_idle_cb, self);
}

/* Tells about the moved library once the window has drawn a frame. */
static void
watch_first_frame (PrWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->moved_aside_text == NULL || self->moved_aside_handler != 0 ||
      self->moved_aside_idle != 0 || !gtk_widget_get_realized (widget))
    return;
  self->moved_aside_handler =
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (moved_aside_after_paint), self, 0);
  gtk_widget_queue_draw (widget);
}

void
pr_window_set_store (PrWindow *self,
                     PrStore  *store)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  g_return_if_fail (store == NULL || PR_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* The shown release belongs to the old library. */
  pr_window_show_release (self, NULL);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->library_failed = FALSE;
      g_signal_connect_object (store, "changed", G_CALLBACK (pr_window_store_changed), self,
                               G_CONNECT_SWAPPED);
      /* Told once, by the first window that shows the library. */
      if (pr_store_get_moved_aside_path (store) != NULL &&
          g_object_get_data (G_OBJECT (store), "pr-moved-aside-told") == NULL)
        {
          g_object_set_data (G_OBJECT (store), "pr-moved-aside-told", GINT_TO_POINTER (TRUE));
          g_free (self->moved_aside_text);
          self->moved_aside_text = pr_format_moved_aside (pr_store_get_path (store),
                                                          pr_store_get_moved_aside_path (store),
                                                          pr_store_get_damage (store));
          watch_first_frame (self);
        }
    }
  self->count_all = self->count_unread = self->count_bookmarked = 0;
  pr_window_update_count_labels (self);
  g_menu_remove_all (self->facet_menu);
  g_string_truncate (self->facets_text, 0);

  pr_window_apply_query (self);
  if (store != NULL)
    {
      g_clear_handle_id (&self->counts_timeout, g_source_remove);
      pr_window_counts_timeout_cb (self);
      pr_window_restore_selection (self);
    }
  pr_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store != NULL && self->queued_files != NULL)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->queued_files);

      pr_window_start_import (self, (GFile **) files->pdata, files->len, self->queued_select_first);
    }
}

static void
show_library_error (PrWindow     *self,
                    const GError *error)
{
  const char *path = pr_context_get_library_path (self->context);
  g_autofree char *escaped_path = g_markup_escape_text (path, -1);
  g_autofree char *escaped_reason = g_markup_escape_text (error->message, -1);
  g_autofree char *description = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->library_failed = TRUE;
  /* The status page's description is markup: both parts are escaped. */
  description = g_strdup_printf ("%s\n\n%s", escaped_path, escaped_reason);
  adw_status_page_set_description (self->library_error_status, description);
  pr_window_update_list_state (self);
  pr_window_update_actions (self);
  g_clear_pointer (&self->queued_files, g_ptr_array_unref);

  /* Translators: the library file could not be opened: its path, then why. */
  body = g_strdup_printf (_("“%s”: %s"), path, error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Library Could Not Be Opened"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
context_library_changed (PrWindow *self)
{
  PrStore *store = pr_context_get_store (self->context);
  const GError *error = pr_context_get_library_error (self->context);

  /* A library set by pr_window_set_store() stays. */
  if (self->store == NULL && store != NULL)
    pr_window_set_store (self, store);
  else if (self->store == NULL && error != NULL && !self->library_failed)
    show_library_error (self, error);
}

/* The application's library, through the context, once it is open. */
static void
follow_context (PrWindow *self)
{
  if (self->context == NULL)
    return;
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (context_library_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::library-error",
                           G_CALLBACK (context_library_changed), self, G_CONNECT_SWAPPED);
  context_library_changed (self);
}

gboolean
pr_window_is_settled (PrWindow *self)
{
  GListModel *steady;

  g_return_val_if_fail (PR_IS_WINDOW (self), FALSE);

  steady = gtk_single_selection_get_model (self->selection);
  return (steady == NULL || !pr_steady_list_get_growing (PR_STEADY_LIST (steady)))
         && self->pending_list == NULL && self->finds == 0 && !self->next_unread_wanted
         && (self->list == NULL || pr_release_list_is_settled (self->list))
         && self->pending_select == GTK_INVALID_LIST_POSITION
         && self->counts_timeout == 0 && !self->counts_running
         && self->facets_timeout == 0 && !self->facets_running
         && self->pending_writes == 0 && self->import_cancellable == NULL
         && self->queued_files == NULL;
}

/* ---- sidebar --------------------------------------------------------- */

static void
set_sidebar_visible (PrWindow *self,
                     gboolean  visible)
{
  if (self->sidebar_visible == visible)
    return;
  self->sidebar_visible = visible;
  /* Remembered only while it sits beside the article, not as an overlay. */
  if (!adw_flap_get_folded (self->flap)
      && g_settings_get_boolean (self->settings, "sidebar-visible") != visible)
    g_settings_set_boolean (self->settings, "sidebar-visible", visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
flap_folded_changed (PrWindow *self)
{
  /* Unfolding shows the sidebar as it was last chosen. */
  if (!adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
}

static void
sidebar_setting_changed (PrWindow *self)
{
  if (!adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
}

/* ---- first frame (PRESSREADER_EXIT_AFTER_FIRST_FRAME) ---------------- */

static gboolean
quit_idle (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
after_paint (GdkFrameClock *clock,
             PrWindow      *self)
{
  gint64 start = self->context != NULL ? pr_context_get_start_time (self->context) : 0;

  /* The first frame with the list filled (rows bound), or with the
   * library's error shown. */
  if (!self->library_failed
      && (pr_window_n_shown (self) == 0 || g_hash_table_size (self->bound) == 0
          || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view))))
    return;
  g_printerr ("first-frame-ms %" G_GINT64_FORMAT "\n",
              (g_get_monotonic_time () - start) / 1000);
  g_signal_handler_disconnect (clock, self->after_paint_handler);
  self->after_paint_handler = 0;
  g_idle_add_full (G_PRIORITY_DEFAULT, quit_idle,
                   g_object_ref (gtk_window_get_application (GTK_WINDOW (self))), g_object_unref);
}

static void
pr_window_realize (GtkWidget *widget)
{
  PrWindow *self = PR_WINDOW (widget);

  GTK_WIDGET_CLASS (pr_window_parent_class)->realize (widget);

  if (g_strcmp0 (g_getenv ("PRESSREADER_EXIT_AFTER_FIRST_FRAME"), "1") == 0
      && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    self->after_paint_handler =
      g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (after_paint), self, 0);
  watch_first_frame (self);
}

/* ---- GObject --------------------------------------------------------- */

static gboolean
pr_window_close_request (GtkWindow *window)
{
  PrWindow *self = PR_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  return GTK_WINDOW_CLASS (pr_window_parent_class)->close_request (window);
}

static void
pr_window_constructed (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  G_OBJECT_CLASS (pr_window_parent_class)->constructed (object);

  follow_context (self);
}

static void
pr_window_dispose (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  if (self->copies_cancellable != NULL)
    g_cancellable_cancel (self->copies_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  pr_window_dispose_feeds (self);
  pr_window_drop_pending_list (self);
  pr_window_clear_pending_select (self);
  g_clear_handle_id (&self->counts_timeout, g_source_remove);
  g_clear_handle_id (&self->facets_timeout, g_source_remove);
  g_clear_handle_id (&self->select_idle, g_source_remove);
  pr_window_stop_deferred_fill (self);
  g_clear_handle_id (&self->moved_aside_idle, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->print_operation != NULL)
    g_signal_handlers_disconnect_by_data (self->print_operation, self);
  g_clear_object (&self->print_operation);
  g_clear_object (&self->print_settings);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, pr_window_current_notify, self);
  g_clear_object (&self->current);
  g_clear_pointer (&self->queued_files, g_ptr_array_unref);
  /* The settings actions outlive the window's action group otherwise. */
  g_action_map_remove_action (G_ACTION_MAP (self), "filter");
  g_action_map_remove_action (G_ACTION_MAP (self), "sort");
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      /* The steady list calls back into the window: let it go now. */
      gtk_single_selection_set_model (self->selection, NULL);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->query);
  g_clear_object (&self->facet_menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pr_window_parent_class)->dispose (object);
}

static void
pr_window_finalize (GObject *object)
{
  PrWindow *self = PR_WINDOW (object);

  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->copies_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import);
  g_free (self->search_text);
  g_strfreev (self->search_terms);
  g_free (self->facet_kind);
  g_free (self->facet_value);
  g_free (self->moved_aside_text);
  if (self->facets_text != NULL)
    g_string_free (self->facets_text, TRUE);
  g_clear_pointer (&self->toasts_shown, g_hash_table_unref);

  G_OBJECT_CLASS (pr_window_parent_class)->finalize (object);
}

static void
pr_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PrWindow *self = PR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, self->import_cancellable != NULL);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PrWindow *self = PR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      set_sidebar_visible (self, g_value_get_boolean (value));
      break;
    case PROP_STORE:
      pr_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

GtkWidget *
pr_window_get_part (PrWindow   *self,
                    const char *name)
{
  struct { const char *name; gpointer widget; } parts[] = {
    { "leaflet", self->leaflet },
    { "flap", self->flap },
    { "list-view", self->list_view },
    { "list-scroller", self->list_scroller },
    { "list-stack", self->list_stack },
    { "content-stack", self->content_stack },
    { "search-bar", self->search_bar },
    { "search-entry", self->search_entry },
    { "search-button", self->search_button },
    { "toast-overlay", self->toast_overlay },
    { "facet-revealer", self->facet_revealer },
    { "facet-button", self->facet_button },
    { "warning-revealer", self->warning_revealer },
    { "warning-label", self->warning_label },
    { "import-revealer", self->import_revealer },
    { "import-label", self->import_label },
    { "import-progress", self->import_progress },
    { "bookmark-button", self->bookmark_button },
    { "sidebar-button", self->sidebar_button },
    { "back-button", self->back_button },
    { "list-title", self->list_title },
    { "count-all", self->count_all_label },
    { "count-unread", self->count_unread_label },
    { "count-bookmarked", self->count_bookmarked_label },
    { "filter-box", self->filter_box },
    { "library-error", self->library_error_status },
  };

  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return parts[i].widget;
  return NULL;
}

PrArticleView *
pr_window_get_article_view (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return self->article_view;
}

PrSidebar *
pr_window_get_sidebar (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return self->sidebar;
}

static void
pr_window_class_init (PrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pr_window_constructed;
  object_class->dispose = pr_window_dispose;
  object_class->finalize = pr_window_finalize;
  object_class->get_property = pr_window_get_property;
  object_class->set_property = pr_window_set_property;
  widget_class->realize = pr_window_realize;
  window_class->close_request = pr_window_close_request;

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PR_TYPE_ARTICLE_VIEW);
  g_type_ensure (PR_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PressReader/pr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, count_all_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, count_unread_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, count_bookmarked_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, facet_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, facet_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, library_error_status);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, bookmark_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, facet_button);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, PrWindow, sidebar);

  /* window.* and their keys (pr-window-actions.c) */
  pr_window_class_init_actions (klass);
  pr_window_class_init_feeds (klass);
  pr_window_class_init_export (klass);
}

static void
pr_window_init (PrWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop;
  g_autoptr(GAction) filter_action = NULL;
  g_autoptr(GAction) sort_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->bound = g_hash_table_new (NULL, NULL);
  self->deferred = g_hash_table_new (NULL, NULL);
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->facet_menu = g_menu_new ();
  self->facets_text = g_string_new (NULL);
  self->toasts_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->position_hint = GTK_INVALID_LIST_POSITION;
  self->pending_select = GTK_INVALID_LIST_POSITION;
  self->find_cancellable = g_cancellable_new ();
  self->filter_mode = g_settings_get_enum (self->settings, "filter");
  self->sort = g_settings_get_enum (self->settings, "sort");

  /* Window state */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Filter and sort: stateful win.filter and win.sort actions. */
  filter_action = g_settings_create_action (self->settings, "filter");
  sort_action = g_settings_create_action (self->settings, "sort");
  g_action_map_add_action (G_ACTION_MAP (self), filter_action);
  g_action_map_add_action (G_ACTION_MAP (self), sort_action);
  g_signal_connect_object (self->settings, "changed::filter",
                           G_CALLBACK (pr_window_filter_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sort",
                           G_CALLBACK (pr_window_sort_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-every-copy",
                           G_CALLBACK (pr_window_copies_setting_changed), self, G_CONNECT_SWAPPED);

  /* The list: the library's PrReleaseList (set by apply_query) → selection. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (pr_window_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (pr_window_list_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (pr_window_setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (pr_window_bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (pr_window_unbind_row), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (pr_window_teardown_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (pr_window_row_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (pr_window_list_keep_top),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                           "value-changed", G_CALLBACK (pr_window_list_scrolled), self,
                           G_CONNECT_SWAPPED);

  /* Facets */
  gtk_menu_button_set_menu_model (self->facet_button, G_MENU_MODEL (self->facet_menu));

  /* Search */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (pr_window_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (pr_window_search_mode_changed), self, G_CONNECT_SWAPPED);

  /* Article, sidebar, zoom */
  g_settings_bind (self->settings, "text-scale", self->article_view, "text-scale",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->sidebar, "filter-by", G_CALLBACK (pr_window_sidebar_filter_by),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "show-copy", G_CALLBACK (pr_window_show_copy), self,
                           G_CONNECT_SWAPPED);
  self->sidebar_visible = g_settings_get_boolean (self->settings, "sidebar-visible");
  adw_flap_set_reveal_flap (self->flap, self->sidebar_visible);
  g_object_bind_property (self, "sidebar-visible", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (flap_folded_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sidebar-visible",
                           G_CALLBACK (sidebar_setting_changed), self, G_CONNECT_SWAPPED);

  /* Drag and drop of files and folders */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (pr_window_drop_files), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Until the library is there: "Opening the library". */
  pr_window_update_count_labels (self);
  pr_window_apply_query (self);
}

PrWindow *
pr_window_new (GtkApplication *application,
               PrContext      *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (context == NULL || PR_IS_CONTEXT (context), NULL);

  return g_object_new (PR_TYPE_WINDOW, "application", application, "context", context, NULL);
}
