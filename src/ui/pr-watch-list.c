/* pr-watch-list.c: the watches, their unread counts and actions
 *
 * Shown in the Feeds window, beside the subscriptions. The list is read
 * in a worker (pr_store_list_watches_async()): the counts are the ones
 * the library keeps as releases arrive and are read, so reading them is
 * one small table whatever the library's size. Names and searches are
 * the user's text: never markup. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-ui-private.h"
#include "pr-watch-list.h"

/* After a change of the library, the counts are read again at most this
 * often (an import or a refresh writes many times a second). */
#define RELOAD_DELAY_MS 500

struct _PrWatchList
{
  GtkBox parent_instance;

  GtkListBox *list_box;

  PrStore *store;
  GCancellable *cancellable;
  GPtrArray *watches;           /* PrWatch, as listed */
  guint reload_timeout;
  gboolean loading;
  gboolean reload_again;
};

G_DEFINE_FINAL_TYPE (PrWatchList, pr_watch_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_WATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WATCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PrWatchList *self,
       AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* A toast's title is markup (libadwaita 1.2): names and reasons escaped. */
static AdwToast *
toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
toast_text (PrWatchList *self,
            const char  *text)
{
  toast (self, toast_new (text));
}

/* ---- the rows ---- */

static GtkWidget *
row_new (PrWatch *watch)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("edit-find-symbolic");
  const struct { const char *label, *action; } items[] = {
    { N_("_Edit…"), "watches.edit" },
    { N_("Move _Up"), "watches.move-up" },
    { N_("Move _Down"), "watches.move-down" },
    { N_("_Delete"), "watches.delete" },
  };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), watch->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), watch->query);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (watch->notify)
    {
      GtkWidget *bell = gtk_image_new_from_icon_name ("preferences-system-notifications-symbolic");

      gtk_widget_add_css_class (bell, "dim-label");
      gtk_widget_set_tooltip_text (bell, _("Notifies of new releases"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (bell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Notifies of new releases"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bell);
    }
  if (watch->unread > 0)
    {
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, watch->unread);
      g_autofree char *label = g_strdup_printf (ngettext ("%s unread release", "%s unread releases",
                                                          (gulong) watch->unread), text);
      GtkWidget *count = gtk_label_new (text);

      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (count, "pr-count");
      gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
    }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target (item, items[i].action, "x", watch->id);
      g_menu_append_item (menu, item);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pr_ui_row_menu_button (G_MENU_MODEL (menu), _("Watch Menu")));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "pr-watch-id",
                          g_memdup2 (&watch->id, sizeof watch->id), g_free);
  return row;
}

static PrWatch *
find_watch (PrWatchList *self,
            gint64       id,
            guint       *index)
{
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    if (((PrWatch *) g_ptr_array_index (self->watches, i))->id == id)
      {
        if (index != NULL)
          *index = i;
        return g_ptr_array_index (self->watches, i);
      }
  return NULL;
}

static void reload_now (PrWatchList *self);

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrWatchList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) watches = pr_store_list_watches_finish (PR_STORE (source), result, &error);
  GtkListBoxRow *row;
  guint old_n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->loading = FALSE;
  if (watches == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the watches: %s"), error->message);

      toast_text (self, text);
    }
  else
    {
      old_n = pr_watch_list_get_n_watches (self);
      while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
        gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
      for (guint i = 0; i < watches->len; i++)
        gtk_list_box_append (self->list_box, row_new (g_ptr_array_index (watches, i)));
      g_clear_pointer (&self->watches, g_ptr_array_unref);
      self->watches = g_steal_pointer (&watches);
      if (old_n != self->watches->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WATCHES]);
    }
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload_now (self);
    }
  g_object_unref (self);
}

static void
reload_now (PrWatchList *self)
{
  g_clear_handle_id (&self->reload_timeout, g_source_remove);
  if (self->store == NULL)
    return;
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  pr_store_list_watches_async (self->store, self->cancellable, listed, g_object_ref (self));
}

void
pr_watch_list_reload (PrWatchList *self)
{
  g_return_if_fail (PR_IS_WATCH_LIST (self));
  reload_now (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  PrWatchList *self = data;

  self->reload_timeout = 0;
  reload_now (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed (PrWatchList *self)
{
  if (self->reload_timeout == 0)
    self->reload_timeout = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

guint
pr_watch_list_get_n_watches (PrWatchList *self)
{
  g_return_val_if_fail (PR_IS_WATCH_LIST (self), 0);
  return self->watches != NULL ? self->watches->len : 0;
}

static void
row_activated (PrWatchList   *self,
               GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "pr-watch-id");
  PrWatch *watch = id != NULL ? find_watch (self, *id, NULL) : NULL;

  if (watch != NULL)
    g_signal_emit (self, signals[WATCH_ACTIVATED], 0, watch->id, watch->name, watch->query);
}

/* ---- changes ---- */

static void
changed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrWatchList *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pr_store_watch_change_finish (PR_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_text (self, error->message);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    reload_now (self);
  g_object_unref (self);
}

static void
move (PrWatchList *self,
      gint64       id,
      int          by)
{
  guint index;

  if (find_watch (self, id, &index) == NULL)
    return;
  if ((by < 0 && index == 0) || (by > 0 && index + 1 >= self->watches->len))
    return;
  pr_store_move_watch_async (self->store, id, index + by, self->cancellable, changed,
                             g_object_ref (self));
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move (PR_WATCH_LIST (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move (PR_WATCH_LIST (widget), g_variant_get_int64 (parameter), 1);
}

/* A deleted watch, for its toast's Undo. */
typedef struct {
  GWeakRef list;
  PrWatch *watch;
} Undo;

static void
undo_free (Undo *undo)
{
  g_weak_ref_clear (&undo->list);
  pr_watch_free (undo->watch);
  g_free (undo);
}

static void
undo_clicked (AdwToast *toast,
              Undo     *undo)
{
  g_autoptr(PrWatchList) self = g_weak_ref_get (&undo->list);

  if (self != NULL)
    pr_store_add_watch_async (self->store, undo->watch, undo->watch->position, self->cancellable,
                              changed, g_object_ref (self));
}

static void
deleted (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AdwToast) toast_undo = user_data;
  Undo *undo = g_object_get_data (G_OBJECT (toast_undo), "pr-undo");
  g_autoptr(PrWatchList) self = g_weak_ref_get (&undo->list);
  g_autoptr(GError) error = NULL;

  if (!pr_store_watch_change_finish (PR_STORE (source), result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }
  if (self != NULL)
    {
      toast (self, g_object_ref (toast_undo));
      reload_now (self);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrWatchList *self = PR_WATCH_LIST (widget);
  guint index;
  PrWatch *watch = find_watch (self, g_variant_get_int64 (parameter), &index);
  g_autofree char *text = NULL;
  AdwToast *toast_undo;
  Undo *undo;

  if (watch == NULL)
    return;
  /* Put back where it was, under the same name and search (its counts
   * are made again from the library). */
  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->list, self);
  undo->watch = pr_watch_copy (watch);
  undo->watch->id = 0;
  undo->watch->position = index;
  /* Translators: %s is a watch's name. */
  text = g_strdup_printf (_("Watch “%s” deleted"), watch->name);
  toast_undo = toast_new (text);
  adw_toast_set_button_label (toast_undo, _("_Undo"));
  adw_toast_set_priority (toast_undo, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast_undo), "pr-undo", undo, (GDestroyNotify) undo_free);
  g_signal_connect (toast_undo, "button-clicked", G_CALLBACK (undo_clicked), undo);
  pr_store_remove_watch_async (self->store, watch->id, self->cancellable, deleted, toast_undo);
}

/* ---- the editor ---- */

typedef struct {
  GtkWindow *parent;
  PrStore *store;
  PrWatch *watch;
  PrWatchSavedFunc saved;
  gpointer user_data;
  char *error;                  /* why the last try was refused */
  GtkWidget *name;
  GtkWidget *query;
  GtkWidget *notify;
  AdwMessageDialog *dialog;
} Editor;

static void
editor_free (Editor *editor)
{
  g_clear_object (&editor->parent);
  g_clear_object (&editor->store);
  g_clear_pointer (&editor->watch, pr_watch_free);
  g_free (editor->error);
  g_free (editor);
}

static void editor_present (Editor *editor);

static void
editor_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Editor *editor = user_data;
  g_autoptr(GError) error = NULL;

  if (!pr_store_watch_change_finish (PR_STORE (source), result, &error))
    {
      /* Again, with what was typed and why it was refused. */
      g_free (editor->error);
      editor->error = g_strdup (error->message);
      editor_present (editor);
      return;
    }
  if (editor->saved != NULL)
    editor->saved (editor->watch, editor->user_data);
  editor_free (editor);
}

static void
editor_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Editor           *editor)
{
  gboolean save = g_strcmp0 (response, "save") == 0;

  if (save)
    {
      g_free (editor->watch->name);
      editor->watch->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->name))));
      g_free (editor->watch->query);
      editor->watch->query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->query))));
      editor->watch->notify = gtk_check_button_get_active (GTK_CHECK_BUTTON (editor->notify));
    }
  /* The dialog goes (a response given by a program does not close it);
   * its entries may tell of changes as they do. */
  g_signal_handlers_disconnect_by_data (dialog, editor);
  g_signal_handlers_disconnect_by_data (editor->name, editor);
  g_signal_handlers_disconnect_by_data (editor->query, editor);
  editor->name = editor->query = editor->notify = NULL;
  editor->dialog = NULL;
  gtk_window_close (GTK_WINDOW (dialog));

  if (!save)
    {
      if (editor->saved != NULL)
        editor->saved (NULL, editor->user_data);
      editor_free (editor);
    }
  else if (editor->watch->id == 0)
    pr_store_add_watch_async (editor->store, editor->watch, G_MAXUINT, NULL, editor_saved, editor);
  else
    pr_store_update_watch_async (editor->store, editor->watch, NULL, editor_saved, editor);
}

static void
editor_changed (Editor *editor)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->name))));
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->query))));

  adw_message_dialog_set_response_enabled (editor->dialog, "save", *name != '\0' && *query != '\0');
}

static void
editor_present (Editor *editor)
{
  GtkWidget *dialog, *box;
  gboolean is_new = editor->watch->id == 0;

  dialog = adw_message_dialog_new (editor->parent,
                                   is_new ? _("Save Search as Watch") : _("Edit Watch"),
                                   editor->error != NULL ? editor->error :
                                   _("A watch counts the releases its search finds as they arrive, "
                                     "and can tell you of new ones"));
  editor->dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_widget_set_name (dialog, "pr-watch-editor");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  editor->name = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (editor->name), editor->watch->name != NULL ? editor->watch->name : "");
  gtk_entry_set_activates_default (GTK_ENTRY (editor->name), TRUE);
  gtk_box_append (GTK_BOX (box), pr_ui_labelled (_("_Name"), editor->name));
  editor->query = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (editor->query), editor->watch->query != NULL ? editor->watch->query : "");
  gtk_entry_set_activates_default (GTK_ENTRY (editor->query), TRUE);
  gtk_box_append (GTK_BOX (box), pr_ui_labelled (_("_Search"), editor->query));
  editor->notify = gtk_check_button_new_with_mnemonic (_("_Notify of New Releases"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (editor->notify), editor->watch->notify);
  gtk_box_append (GTK_BOX (box), editor->notify);
  adw_message_dialog_set_extra_child (editor->dialog, box);
  adw_message_dialog_add_responses (editor->dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (editor->dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (editor->dialog, "save");
  adw_message_dialog_set_close_response (editor->dialog, "cancel");
  g_signal_connect_swapped (editor->name, "changed", G_CALLBACK (editor_changed), editor);
  g_signal_connect_swapped (editor->query, "changed", G_CALLBACK (editor_changed), editor);
  g_signal_connect (dialog, "response", G_CALLBACK (editor_response), editor);
  editor_changed (editor);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (editor->name);
}

void
pr_watch_list_present_editor (GtkWindow        *parent,
                              PrStore          *store,
                              const PrWatch    *watch,
                              PrWatchSavedFunc  saved,
                              gpointer          user_data)
{
  Editor *editor;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PR_IS_STORE (store));
  g_return_if_fail (watch != NULL);

  editor = g_new0 (Editor, 1);
  editor->parent = g_object_ref (parent);
  editor->store = g_object_ref (store);
  editor->watch = pr_watch_copy (watch);
  editor->saved = saved;
  editor->user_data = user_data;
  editor_present (editor);
}

static void
edited (const PrWatch *watch,
        gpointer       user_data)
{
  g_autoptr(PrWatchList) self = user_data;

  if (watch != NULL)
    reload_now (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrWatchList *self = PR_WATCH_LIST (widget);
  PrWatch *watch = find_watch (self, g_variant_get_int64 (parameter), NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (watch != NULL && GTK_IS_WINDOW (root))
    pr_watch_list_present_editor (GTK_WINDOW (root), self->store, watch, edited, g_object_ref (self));
}

/* ---- GObject ---- */

static void
pr_watch_list_dispose (GObject *object)
{
  PrWatchList *self = PR_WATCH_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_timeout, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_WATCH_LIST);
  G_OBJECT_CLASS (pr_watch_list_parent_class)->dispose (object);
}

static void
pr_watch_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrWatchList *self = PR_WATCH_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_WATCHES:
      g_value_set_uint (value, pr_watch_list_get_n_watches (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_watch_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PrWatchList *self = PR_WATCH_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      if (self->store != NULL)
        {
          g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed), self,
                                   G_CONNECT_SWAPPED);
          reload_now (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_watch_list_class_init (PrWatchListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_watch_list_dispose;
  object_class->get_property = pr_watch_list_get_property;
  object_class->set_property = pr_watch_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WATCHES] =
    g_param_spec_uint ("n-watches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Show this watch's releases: its id, name and search. */
  signals[WATCH_ACTIVATED] =
    g_signal_new ("watch-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PressReader/pr-watch-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PrWatchList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_install_action (widget_class, "watches.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "watches.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "watches.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "watches.delete", "x", delete_action);
}

static void
pr_watch_list_init (PrWatchList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
pr_watch_list_new (PrStore *store)
{
  g_return_val_if_fail (PR_IS_STORE (store), NULL);
  return g_object_new (PR_TYPE_WATCH_LIST, "store", store, NULL);
}
