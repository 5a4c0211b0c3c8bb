/* pr-feeds-add-dialog.c: the Add Feed dialog (pr_feeds_window_present_add_dialog())
 *
 * A feed's or a page's address, with the known wires' feeds as
 * suggestions (data/feed-suggestions.json); subscribes through the
 * refresh, then refreshes that feed. Addresses and reasons are plain
 * text. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pr-feeds-window.h"

/* The Add Feed dialog: a window of its own (not an AdwMessageDialog,
 * which closes on any answer), so that a refusal is shown in it, in
 * words, with the address kept to correct. */
typedef struct {
  PrRefresh *refresh;
  PrFeedsAddedFunc added;
  gpointer user_data;
  GtkWidget *window;            /* not owned: the dialog owns this */
  GtkEditable *entry;
  GtkLabel *error;
  GtkWidget *add_button;
  GCancellable *cancellable;
  gboolean answered;            /* added() was called */
} AddDialog;

static void
add_dialog_free (AddDialog *add)
{
  g_cancellable_cancel (add->cancellable);
  g_clear_object (&add->cancellable);
  g_clear_object (&add->refresh);
  g_free (add);
}

static void
first_refresh_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) results = pr_refresh_run_finish (PR_REFRESH (source), result, NULL);
}

/* While the address is read: a line of text rather than a spinner, whose
 * endless frames can hold back the fetcher's callbacks (G_PRIORITY_LOW)
 * where drawing is slow (software rendering). */
static void
add_busy (AddDialog *add,
          gboolean   busy)
{
  /* Not insensitive: a focused text made insensitive keeps blinking. */
  gtk_editable_set_editable (add->entry, !busy);
  gtk_widget_set_sensitive (add->add_button, !busy);
  gtk_widget_remove_css_class (GTK_WIDGET (add->error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (add->error), "dim-label");
  gtk_label_set_text (add->error, _("Reading the address…"));
  gtk_widget_set_visible (GTK_WIDGET (add->error), busy);
}

static void
add_show_error (AddDialog  *add,
                const char *text)
{
  /* The server's and the reader's words: plain text. */
  gtk_widget_remove_css_class (GTK_WIDGET (add->error), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (add->error), "error");
  gtk_label_set_text (add->error, text);
  gtk_widget_set_visible (GTK_WIDGET (add->error), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (add->entry));
}

static void
subscribed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  AddDialog *add = g_object_get_data (G_OBJECT (window), "pr-add-dialog");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrSubscription) sub = pr_refresh_subscribe_finish (PR_REFRESH (source), result, &error);

  if (add == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  add_busy (add, FALSE);
  if (sub == NULL)
    {
      add_show_error (add, error->message);
      return;
    }
  /* Its releases now, unless a pass is running (it takes it next time). */
  if (!pr_refresh_get_running (add->refresh))
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, sub);
      pr_refresh_run_async (add->refresh, one, FALSE, NULL, first_refresh_done, NULL);
    }
  add->answered = TRUE;
  add->added (sub, NULL, add->user_data);
  /* The entry loses the focus first: a focused text's cursor still
   * blinking when it is finalized is a GTK warning. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
add_activated (AddDialog *add)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (add->entry)));

  if (!gtk_widget_get_sensitive (add->add_button))
    return;
  if (*url == '\0')
    {
      add_show_error (add, _("Enter the address of a feed, or of a web page that links to one"));
      return;
    }
  add_busy (add, TRUE);
  pr_refresh_subscribe_async (add->refresh, url, NULL, add->cancellable, subscribed,
                              g_object_ref (add->window));
}

static gboolean
add_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return FALSE;
}

static void
add_destroyed (AddDialog *add)
{
  g_cancellable_cancel (add->cancellable);
  if (!add->answered)
    {
      add->answered = TRUE;
      add->added (NULL, NULL, add->user_data);
    }
}

static void
suggestion_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      GtkEditable   *entry)
{
  gtk_editable_set_text (entry, g_object_get_data (G_OBJECT (row), "pr-url"));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static GtkWidget *
suggestions_new (GtkEditable *entry)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/example/PressReader/feed-suggestions.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *list = gtk_list_box_new ();
  JsonNode *root;
  JsonArray *items = NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggested feeds"), -1);
  if (bytes != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "suggestions"))
    items = json_object_get_array_member (json_node_get_object (root), "suggestions");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (item, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), json_object_get_string_member (item, "description"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "pr-url",
                              g_strdup (json_object_get_string_member (item, "url")), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (suggestion_activated), entry);
  return list;
}

void
pr_feeds_window_present_add_dialog (GtkWindow        *parent,
                                    PrRefresh        *refresh,
                                    PrFeedsAddedFunc  added,
                                    gpointer          user_data)
{
  AddDialog *add = g_new0 (AddDialog, 1);
  GtkWidget *window, *header, *cancel, *content, *scroller, *clamp, *box, *label, *entry, *error;
  g_autoptr(GSimpleActionGroup) group = NULL;

  g_return_if_fail (PR_IS_REFRESH (refresh));

  window = adw_window_new ();
  gtk_widget_set_name (window, "pr-add-feed-dialog");
  gtk_window_set_title (GTK_WINDOW (window), _("Add Feed"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 560);
  gtk_widget_set_size_request (window, 360, 294);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  add->add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (add->add_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), add->add_button);
  gtk_box_append (GTK_BOX (content), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  label = gtk_label_new (_("The address of a feed, or of a web page that links to one"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Feed or page address"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  error = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (error), FALSE);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_selectable (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);
  label = gtk_label_new (_("Wires"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), suggestions_new (GTK_EDITABLE (entry)));
  label = gtk_label_new (_("Wires change the addresses of their feeds now and then: when a suggestion "
                           "fails, look for the feed on the wire’s site."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (window), content);

  add->refresh = g_object_ref (refresh);
  add->added = added;
  add->user_data = user_data;
  add->window = window;
  add->entry = GTK_EDITABLE (entry);
  add->error = GTK_LABEL (error);
  add->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (window), "pr-add-dialog", add, (GDestroyNotify) add_dialog_free);
  g_signal_connect (window, "close-request", G_CALLBACK (add_close_request), NULL);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (add_destroyed), add);
  g_signal_connect_swapped (add->add_button, "clicked", G_CALLBACK (add_activated), add);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (add_activated), add);
  {
    /* "add-feed.add": the Add button's action, for the tests and Enter. */
    static const GActionEntry entries[] = { { "add", NULL, NULL, NULL, NULL, { 0 } } };
    GSimpleAction *action;

    group = g_simple_action_group_new ();
    g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
    action = G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "add"));
    g_signal_connect_swapped (action, "activate", G_CALLBACK (add_activated), add);
    gtk_widget_insert_action_group (window, "add-feed", G_ACTION_GROUP (group));
  }
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
}
