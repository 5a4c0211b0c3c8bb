/* pr-feeds-window.c: the subscriptions, their state and actions
 *
 * A window of its own rather than a pane of the main window: it works the
 * same at phone width (a list of rows, each row's actions in a menu) and
 * the main window's three panes stay as they are. The list is read in a
 * worker (pr_store_list_subscriptions_async()) and read again after each
 * feed's refresh and each change. Text from feeds is never markup. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-favicons.h"
#include "pr-feeds-opml.h"
#include "pr-feeds-window.h"
#include "pr-ui-private.h"
#include "pr-watch-list.h"

struct _PrFeedsWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkLabel *status_label;
  GtkListBox *list_box;
  GtkWidget *refresh_button;
  GtkBox *watches_box;
  PrWatchList *watch_list;

  PrRefresh *refresh;
  PrStore *store;
  GCancellable *cancellable;
  GPtrArray *subs;              /* PrSubscription, as listed */
  GtkNativeDialog *chooser;     /* the OPML file's, while open */
  PrFavicons *favicons;
  GHashTable *icons;            /* a feed's address → its site's icon (GdkTexture), decoded */
  gboolean reload_again;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (PrFeedsWindow, pr_feeds_window, ADW_TYPE_WINDOW)

enum {
  FEED_ACTIVATED,
  WATCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the state line ---- */

static char *
span_text (gint64 seconds)
{
  gint64 minutes = MAX (1, (seconds + 30) / 60);

  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute", "%d minutes", (gulong) minutes), (int) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (ngettext ("%d hour", "%d hours", (gulong) (minutes / 60)), (int) (minutes / 60));
  return g_strdup_printf (ngettext ("%d day", "%d days", (gulong) (minutes / 1440)), (int) (minutes / 1440));
}

char *
pr_feeds_window_describe_state (const PrSubscription *sub,
                                gint64                now)
{
  g_autofree char *updated = NULL;
  g_autofree char *next = NULL;

  if (sub->ended)
    /* Translators: a feed's state: the server said it is gone (410); %s is why, in words. */
    return g_strdup_printf (_("Ended: %s"), sub->last_error != NULL ? sub->last_error : _("the feed is gone"));
  if (sub->last_error != NULL)
    return g_strdup (sub->last_error);
  if (sub->checked_at <= 0)
    return g_strdup (_("Not fetched yet"));

  if (now - sub->updated_at < 60)
    updated = g_strdup (_("Updated just now"));
  else
    {
      g_autofree char *span = span_text (now - sub->updated_at);

      /* Translators: a feed's state; %s is a span such as "5 minutes". */
      updated = g_strdup_printf (_("Updated %s ago"), span);
    }
  if (sub->next_check_at > now)
    {
      g_autofree char *span = span_text (sub->next_check_at - now);

      /* Translators: a feed's state: "Updated 5 minutes ago · next in 25 minutes". */
      next = g_strdup_printf (_("%s · next in %s"), updated, span);
      return g_steal_pointer (&next);
    }
  return g_steal_pointer (&updated);
}

/* ---- the feeds' icons ---- */

#define ICON_MAX_SIDE 1024      /* pixels of an icon file, before it is decoded */
#define ICON_SIZE 32            /* pixels it is decoded to (shown at 16, sharp at scale 2) */

typedef struct {
  PrFeedsWindow *self;          /* owned */
  GtkImage *image;              /* owned */
  char *url;                    /* looked up */
  char *path;
} IconLoad;

static void
icon_load_free (IconLoad *load)
{
  g_clear_object (&load->self);
  g_clear_object (&load->image);
  g_free (load->url);
  g_free (load->path);
  g_free (load);
}

static void
show_icon (GtkImage   *image,
           GdkTexture *texture)
{
  gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
}

/* A site's icon file decoded at ICON_SIZE; NULL for a file that is no
 * image or too large an image (its size is read before it is decoded). */
static void
icon_decode_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  IconLoad *load = task_data;
  int width = 0, height = 0;
  GdkPixbuf *pixbuf = NULL;

  if (gdk_pixbuf_get_file_info (load->path, &width, &height) != NULL &&
      width > 0 && height > 0 && width <= ICON_MAX_SIDE && height <= ICON_MAX_SIDE)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (load->path, ICON_SIZE, ICON_SIZE, TRUE, NULL);
  g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
icon_decoded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IconLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL || load->self->icons == NULL)
    return;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_hash_table_replace (load->self->icons, g_strdup (load->url), g_object_ref (texture));
  show_icon (load->image, texture);
}

static void
icon_found (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  IconLoad *load = user_data;
  g_autoptr(GTask) task = NULL;

  load->path = pr_favicons_lookup_finish (PR_FAVICONS (source), result, NULL);
  if (load->path == NULL || load->self->icons == NULL)
    {
      icon_load_free (load);
      return;
    }
  task = g_task_new (NULL, NULL, icon_decoded, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) icon_load_free);
  g_task_run_in_thread (task, icon_decode_thread);
}

/* @image shows the icon of @sub's site once it is known. */
static void
load_icon (PrFeedsWindow  *self,
           PrSubscription *sub,
           GtkImage       *image)
{
  /* The feed's host, which is asked anyway; not the site its text names. */
  const char *url = sub->url;
  GdkTexture *texture;
  IconLoad *load;

  if (self->favicons == NULL || url == NULL)
    return;
  /* Decoded before: shown now, so that a reload does not flicker. */
  if ((texture = g_hash_table_lookup (self->icons, url)) != NULL)
    {
      show_icon (image, texture);
      return;
    }
  load = g_new0 (IconLoad, 1);
  load->self = g_object_ref (self);
  load->image = g_object_ref (image);
  load->url = g_strdup (url);
  pr_favicons_lookup_async (self->favicons, url, NULL, icon_found, load);
}

/* ---- the list ---- */

/* A feed's id rides on its row and dialogs; ids are 64-bit, so not in a
 * pointer cast. */
static void
set_feed_id (GObject *object,
             gint64   id)
{
  g_object_set_data_full (object, "pr-feed-id", g_memdup2 (&id, sizeof id), g_free);
}

static gint64
get_feed_id (GObject *object)
{
  const gint64 *id = g_object_get_data (object, "pr-feed-id");

  return id != NULL ? *id : 0;
}

static void
toast (PrFeedsWindow *self,
       const char    *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static GtkWidget *
row_new (PrFeedsWindow  *self,
         PrSubscription *sub,
         gint64          now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *state = pr_feeds_window_describe_state (sub, now);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("application-rss+xml-symbolic");
  GtkWidget *count;

  /* Titles and errors come from feeds and servers: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 sub->title != NULL && *sub->title != '\0' ? sub->title : sub->url);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (sub->last_error != NULL || sub->ended)
    gtk_widget_add_css_class (row, "pr-feed-failing");
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  load_icon (self, sub, GTK_IMAGE (icon));

  if (sub->unread > 0)
    {
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, sub->unread);
      /* Translators: %s is a number of releases, as digits. */
      g_autofree char *label = g_strdup_printf (ngettext ("%s unread release", "%s unread releases",
                                                          (gulong) sub->unread), text);

      count = gtk_label_new (text);
      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (count, "pr-count");
      gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
    }

  {
    g_autoptr(GMenuItem) item = NULL;

    item = g_menu_item_new (_("_Refresh"), NULL);
    g_menu_item_set_action_and_target (item, "feeds.refresh-one", "x", sub->id);
    g_menu_append_item (menu, item);
    g_clear_object (&item);
    item = g_menu_item_new (_("_Edit…"), NULL);
    g_menu_item_set_action_and_target (item, "feeds.edit", "x", sub->id);
    g_menu_append_item (menu, item);
    g_clear_object (&item);
    if (pr_ui_uri_is_launchable (sub->site_url))
      {
        item = g_menu_item_new (_("_Open Site"), NULL);
        g_menu_item_set_action_and_target (item, "feeds.open-site", "x", sub->id);
        g_menu_append_item (menu, item);
        g_clear_object (&item);
      }
    item = g_menu_item_new (_("_Unsubscribe"), NULL);
    g_menu_item_set_action_and_target (item, "feeds.unsubscribe", "x", sub->id);
    g_menu_append_item (menu, item);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pr_ui_row_menu_button (G_MENU_MODEL (menu), _("Feed Menu")));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  set_feed_id (G_OBJECT (row), sub->id);
  return row;
}

static void pr_feeds_window_reload_now (PrFeedsWindow *self);

/* The list when there are feeds or watches, else the invitation to
 * follow a feed. */
static void
update_page (PrFeedsWindow *self)
{
  gboolean any = (self->subs != NULL && self->subs->len > 0) ||
                 (self->watch_list != NULL && pr_watch_list_get_n_watches (self->watch_list) > 0);

  if (self->subs != NULL)
    gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = pr_store_list_subscriptions_finish (PR_STORE (source), result, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->loading = FALSE;
  if (subs == NULL)
    toast (self, error->message);
  else
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
        gtk_list_box_remove (self->list_box, child);
      for (guint i = 0; i < subs->len; i++)
        gtk_list_box_append (self->list_box, row_new (self, g_ptr_array_index (subs, i), now));
      g_clear_pointer (&self->subs, g_ptr_array_unref);
      self->subs = g_steal_pointer (&subs);
      update_page (self);
    }
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      pr_feeds_window_reload_now (self);
    }
  g_object_unref (self);
}

static void
pr_feeds_window_reload_now (PrFeedsWindow *self)
{
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  pr_store_list_subscriptions_async (self->store,
                                     self->cancellable, listed, g_object_ref (self));
}

void
pr_feeds_window_reload (PrFeedsWindow *self)
{
  g_return_if_fail (PR_IS_FEEDS_WINDOW (self));
  pr_feeds_window_reload_now (self);
  pr_watch_list_reload (self->watch_list);
}

static void
watch_activated (PrFeedsWindow *self,
                 gint64         id,
                 const char    *name,
                 const char    *query)
{
  g_signal_emit (self, signals[WATCH_ACTIVATED], 0, id, name, query);
}

static PrSubscription *
find_sub (PrFeedsWindow *self,
          gint64         id)
{
  for (guint i = 0; self->subs != NULL && i < self->subs->len; i++)
    if (((PrSubscription *) g_ptr_array_index (self->subs, i))->id == id)
      return g_ptr_array_index (self->subs, i);
  return NULL;
}

static void
row_activated (PrFeedsWindow *self,
               GtkListBoxRow *row)
{
  PrSubscription *sub = find_sub (self, get_feed_id (G_OBJECT (row)));

  if (sub != NULL)
    g_signal_emit (self, signals[FEED_ACTIVATED], 0, sub->id, sub->title);
}

/* ---- refreshing ---- */

static void
update_status (PrFeedsWindow *self)
{
  gboolean running = pr_refresh_get_running (self->refresh);

  gtk_widget_set_sensitive (self->refresh_button, !running);
  if (running)
    {
      g_autofree char *text = g_strdup_printf (_("Refreshing: %u of %u feeds"),
                                               pr_refresh_get_done (self->refresh),
                                               pr_refresh_get_total (self->refresh));

      gtk_label_set_text (self->status_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), running);
}

static void
feed_refreshed (PrFeedsWindow   *self,
                PrRefreshResult *result)
{
  pr_feeds_window_reload_now (self);
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = pr_refresh_run_finish (PR_REFRESH (source), result, &error);

  if (results == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    toast (self, error->message);
  g_object_unref (self);
}

static void
run_refresh (PrFeedsWindow *self,
             gint64         only)
{
  g_autoptr(GPtrArray) subs = NULL;

  if (only != 0)
    {
      PrSubscription *sub = find_sub (self, only);

      if (sub == NULL)
        return;
      subs = g_ptr_array_new ();
      g_ptr_array_add (subs, sub);
    }
  pr_refresh_run_async (self->refresh, subs, FALSE, NULL, refresh_done, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_refresh (PR_FEEDS_WINDOW (widget), 0);
}

static void
refresh_one_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_refresh (PR_FEEDS_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* ---- unsubscribing, the site ---- */

static void
removed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pr_store_subscription_finish (PR_STORE (source), result, &error))
    toast (self, error->message);
  else
    toast (self, _("Unsubscribed; the feed’s releases stay in the library"));
  pr_feeds_window_reload_now (self);
  g_object_unref (self);
}

static void
unsubscribe_response (AdwMessageDialog *dialog,
                      const char       *response,
                      PrFeedsWindow    *self)
{
  gint64 id = get_feed_id (G_OBJECT (dialog));

  if (g_strcmp0 (response, "unsubscribe") == 0)
    pr_store_remove_subscription_async (self->store, id,
                                        self->cancellable, removed, g_object_ref (self));
}

static void
unsubscribe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PrFeedsWindow *self = PR_FEEDS_WINDOW (widget);
  PrSubscription *sub = find_sub (self, g_variant_get_int64 (parameter));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (sub == NULL)
    return;
  /* Translators: %s is a feed's title. */
  heading = g_strdup_printf (_("Unsubscribe from “%s”?"), sub->title != NULL ? sub->title : sub->url);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The feed is no longer followed. Its releases stay in the library."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "unsubscribe", _("_Unsubscribe"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unsubscribe",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_feed_id (G_OBJECT (dialog), sub->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsubscribe_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PrFeedsWindow *self = PR_FEEDS_WINDOW (widget);
  PrSubscription *sub = find_sub (self, g_variant_get_int64 (parameter));

  if (sub != NULL)
    pr_ui_launch_uri (GTK_WIDGET (self), sub->site_url);
}

/* ---- editing ---- */

static void
edited (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pr_store_subscription_finish (PR_STORE (source), result, &error))
    toast (self, error->message);
  pr_feeds_window_reload_now (self);
  g_object_unref (self);
}

static void
edit_response (AdwMessageDialog *dialog,
               const char       *response,
               PrFeedsWindow    *self)
{
  PrSubscription *sub = find_sub (self, get_feed_id (G_OBJECT (dialog)));
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "pr-title");
  GtkSpinButton *minutes = g_object_get_data (G_OBJECT (dialog), "pr-minutes");
  GtkDropDown *full_text = g_object_get_data (G_OBJECT (dialog), "pr-full-text");
  g_autoptr(PrSubscription) changed = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0 || sub == NULL)
    return;
  changed = pr_subscription_copy (sub);
  text = g_strstrip (g_strdup (gtk_editable_get_text (title)));
  if (*text != '\0' && g_strcmp0 (text, sub->title) != 0)
    {
      g_free (changed->title);
      changed->title = g_steal_pointer (&text);
      changed->custom_title = TRUE;
    }
  changed->interval_minutes = (guint) gtk_spin_button_get_value_as_int (minutes);
  changed->full_text = gtk_drop_down_get_selected (full_text);
  pr_store_update_subscription_async (self->store, changed,
                                      self->cancellable, edited, g_object_ref (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrFeedsWindow *self = PR_FEEDS_WINDOW (widget);
  PrSubscription *sub = find_sub (self, g_variant_get_int64 (parameter));
  const char *modes[] = { N_("When Only a Summary Is Given"), N_("Always"), N_("Never"), NULL };
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *title, *minutes, *full_text;

  if (sub == NULL)
    return;
  for (guint i = 0; modes[i] != NULL; i++)
    gtk_string_list_append (choices, _(modes[i]));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Edit Feed"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), sub->url);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  title = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (title), sub->title != NULL ? sub->title : "");
  gtk_box_append (GTK_BOX (box), pr_ui_labelled (_("_Title"), title));
  minutes = gtk_spin_button_new_with_range (0, 1440, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minutes), sub->interval_minutes);
  gtk_widget_set_tooltip_text (minutes, _("0 uses the interval set in Preferences"));
  gtk_box_append (GTK_BOX (box), pr_ui_labelled (_("_Minutes Between Refreshes (0: as in Preferences)"), minutes));
  full_text = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (full_text), sub->full_text);
  gtk_box_append (GTK_BOX (box), pr_ui_labelled (_("_Fetch the Release Page"), full_text));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_feed_id (G_OBJECT (dialog), sub->id);
  g_object_set_data (G_OBJECT (dialog), "pr-title", title);
  g_object_set_data (G_OBJECT (dialog), "pr-minutes", minutes);
  g_object_set_data (G_OBJECT (dialog), "pr-full-text", full_text);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- adding ---- */

static void
added_here (PrSubscription *sub,
            const GError   *error,
            gpointer        user_data)
{
  PrFeedsWindow *self = user_data;

  if (error != NULL)
    toast (self, error->message);
  else if (sub != NULL)
    pr_feeds_window_reload_now (self);
  g_object_unref (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PrFeedsWindow *self = PR_FEEDS_WINDOW (widget);

  pr_feeds_window_present_add_dialog (GTK_WINDOW (self), self->refresh, added_here, g_object_ref (self));
}

/* ---- OPML ---- */

static void
opml_imported (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0, known = 0, skipped = 0;

  if (!pr_feeds_opml_import_finish (PR_STORE (source), result, &added, &known, &skipped, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* Translators: the first part of what Import OPML says; more may follow. */
      g_string_append_printf (text, ngettext ("Subscribed to %'u feed", "Subscribed to %'u feeds", added), added);
      if (known > 0)
        /* Translators: follows "Subscribed to 3 feeds". */
        g_string_append_printf (text, ngettext ("; %'u followed already", "; %'u followed already", known), known);
      if (skipped > 0)
        /* Translators: follows "Subscribed to 3 feeds"; the entries have no web address. */
        g_string_append_printf (text, ngettext ("; %'u entry without a web address skipped",
                                                "; %'u entries without a web address skipped", skipped), skipped);
      toast (self, text->str);
      pr_feeds_window_reload_now (self);
      /* The new feeds have never been fetched: they are due. */
      if (added > 0 && !pr_refresh_get_running (self->refresh))
        pr_refresh_run_async (self->refresh, NULL, TRUE, NULL, refresh_done, g_object_ref (self));
    }
  g_object_unref (self);
}

void
pr_feeds_window_import_opml (PrFeedsWindow *self,
                             GFile         *file)
{
  g_return_if_fail (PR_IS_FEEDS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pr_feeds_opml_import_async (self->store, file, self->cancellable, opml_imported, g_object_ref (self));
}

static void
opml_exported (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrFeedsWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint written = 0;

  if (!pr_feeds_opml_export_finish (PR_STORE (source), result, &written, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Exported %'u feed", "Exported %'u feeds", written),
                                               written);

      toast (self, text);
    }
  g_object_unref (self);
}

void
pr_feeds_window_export_opml (PrFeedsWindow *self,
                             GFile         *file)
{
  g_return_if_fail (PR_IS_FEEDS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pr_feeds_opml_export_async (self->store, file, self->cancellable, opml_exported, g_object_ref (self));
}

static void
opml_chooser_response (GtkNativeDialog *chooser,
                       int              response,
                       PrFeedsWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        pr_feeds_window_export_opml (self, file);
      else if (file != NULL)
        pr_feeds_window_import_opml (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_opml_chooser (PrFeedsWindow *self,
                   gboolean       save)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *opml, *all;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (save ? _("Export OPML") : _("Import OPML"), GTK_WINDOW (self),
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  opml = gtk_file_filter_new ();
  gtk_file_filter_set_name (opml, _("OPML Subscription Lists"));
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_filter_add_suffix (opml, "opml");
  gtk_file_filter_add_suffix (opml, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), opml);
  g_object_unref (opml);
  if (save)
    /* Translators: the file name Export OPML suggests. */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("PressReader feeds.opml"));
  else
    {
      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      g_object_unref (all);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (opml_chooser_response), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_opml_chooser (PR_FEEDS_WINDOW (widget), FALSE);
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_opml_chooser (PR_FEEDS_WINDOW (widget), TRUE);
}

/* ---- GObject ---- */

static void
pr_feeds_window_dispose (GObject *object)
{
  PrFeedsWindow *self = PR_FEEDS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->refresh);
  g_clear_object (&self->store);
  g_clear_pointer (&self->subs, g_ptr_array_unref);
  g_clear_object (&self->favicons);
  g_clear_pointer (&self->icons, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_FEEDS_WINDOW);
  G_OBJECT_CLASS (pr_feeds_window_parent_class)->dispose (object);
}

static void
pr_feeds_window_class_init (PrFeedsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_feeds_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PressReader/pr-feeds-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, PrFeedsWindow, watches_box);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "feeds.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "feeds.refresh-one", "x", refresh_one_action);
  gtk_widget_class_install_action (widget_class, "feeds.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "feeds.unsubscribe", "x", unsubscribe_action);
  gtk_widget_class_install_action (widget_class, "feeds.open-site", "x", open_site_action);
  gtk_widget_class_install_action (widget_class, "feeds.import-opml", NULL, import_opml_action);
  gtk_widget_class_install_action (widget_class, "feeds.export-opml", NULL, export_opml_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "feeds.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Show this feed's releases: its id and title. */
  signals[FEED_ACTIVATED] =
    g_signal_new ("feed-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  /* Show this watch's releases: its id, name and search. */
  signals[WATCH_ACTIVATED] =
    g_signal_new ("watch-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pr_feeds_window_init (PrFeedsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  {
    g_autofree char *icons = g_build_filename (g_get_user_cache_dir (), "pressreader", "icons", NULL);

    self->favicons = pr_favicons_new (icons);
  }
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (row_activated), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
pr_feeds_window_new (GtkWindow *parent,
                     PrRefresh *refresh)
{
  PrFeedsWindow *self;

  g_return_val_if_fail (PR_IS_REFRESH (refresh), NULL);

  self = g_object_new (PR_TYPE_FEEDS_WINDOW, "transient-for", parent, NULL);
  self->refresh = g_object_ref (refresh);
  g_object_get (refresh, "store", &self->store, NULL);
  g_signal_connect_object (refresh, "feed-refreshed", G_CALLBACK (feed_refreshed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (refresh, "notify::done", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (refresh, "notify::running", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  self->watch_list = PR_WATCH_LIST (pr_watch_list_new (self->store));
  gtk_box_append (self->watches_box, GTK_WIDGET (self->watch_list));
  g_signal_connect_object (self->watch_list, "watch-activated", G_CALLBACK (watch_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch_list, "notify::n-watches", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
  pr_feeds_window_reload_now (self);
  return GTK_WIDGET (self);
}
