/* pr-window-list.c: the window's list: the query, the rows, the selection
 *
 * The model seam is pr_window_apply_query(): it turns the window's query (filter
 * All/Unread/Bookmarked, search text, facet and sort) into a PrQuery and
 * sets a new PrReleaseList, the library's lazy list model, on the
 * selection. The list is asynchronous: counts, pages and refreshes are
 * read in worker threads; a new query's list replaces the shown one once
 * its first rows are read. Rows not read yet are placeholders, shown
 * empty; a placeholder selected is shown once its row is read. The
 * selection follows the shown release: after the list changed (a new
 * query, an import that started the list over), the release stays shown
 * and is selected again when its row is bound; a release selected that is
 * not on screen is found by a query in a worker (its position), and next
 * unread is such a query too. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-release-row.h"
#include "pr-steady-list.h"
#include "pr-window-private.h"

/* Next unread: releases skipped that the list still had as unread while
 * their read state was being written. */
#define NEXT_UNREAD_TRIES    4
/* Rows filled at once when the view's size is not known yet. */
#define NEAR_VIEW_ROWS       40
#define NEAR_VIEW_MARGIN     4
/* No row is shorter (two lines of text and their margins): the height
 * GtkListView gives before it measured the rows a change added (a list
 * of 7 grown to 57) would otherwise put every row near the view. */
#define MIN_ROW_HEIGHT       48
/* A scroll to a row is laid out within this time. */
#define SCROLL_SETTLE_US     (250 * 1000)
/* Items GtkSingleSelection may read to find its item after a change. */
#define RESELECT_SCAN_LIMIT  8
#define DEFERRED_ROWS_PER_FRAME 8
/* Row widgets kept for reuse. */
#define SPARE_ROWS           256
#define DEFERRED_FILL_DELAY_MS 400

/* ---- the query ------------------------------------------------------- */

static const char *
facet_field (const char *kind)
{
  if (g_strcmp0 (kind, "organization") == 0)
    return "org";
  if (g_strcmp0 (kind, "person") == 0)
    return "person";
  if (g_strcmp0 (kind, "place") == 0)
    return "place";
  if (g_strcmp0 (kind, "feed") == 0)
    return "feed";
  if (g_strcmp0 (kind, "issuer") == 0)
    return "issuer";
  if (g_strcmp0 (kind, "kind") == 0)
    return "kind";
  if (g_strcmp0 (kind, "ticker") == 0)
    return "ticker";
  return "source";
}

/* A facet as a filter of the query language: org:"Name". */
static char *
facet_query (const char *kind,
             const char *value)
{
  g_autofree char *clean = g_strdup (value);

  g_strdelimit (clean, "\"", ' ');
  return g_strdup_printf ("%s:\"%s\"", facet_field (kind), g_strstrip (clean));
}

char *
pr_window_query_text (PrWindow *self,
                      gboolean  with_facet)
{
  g_autofree char *facet = NULL;
  g_autofree char *search = g_strstrip (g_strdup (self->search_text ? self->search_text : ""));

  if (with_facet && self->facet_kind != NULL)
    facet = facet_query (self->facet_kind, self->facet_value);
  if (facet != NULL && *search != '\0')
    return g_strdup_printf ("%s (%s)", facet, search);
  if (facet != NULL)
    return g_steal_pointer (&facet);
  if (*search != '\0')
    return g_steal_pointer (&search);
  return NULL;
}

static void
update_warnings (PrWindow *self)
{
  const char * const *warnings = self->query != NULL ? pr_query_get_warnings (self->query) : NULL;
  g_autofree char *text = NULL;

  if (warnings != NULL && warnings[0] != NULL)
    text = g_strjoinv ("\n", (char **) warnings);
  gtk_label_set_text (self->warning_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->warning_revealer, text != NULL);
}

/* ---- the list -------------------------------------------------------- */

guint
pr_window_n_shown (PrWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

void
pr_window_update_list_state (PrWindow *self)
{
  guint shown = pr_window_n_shown (self);
  const char *page;
  g_autofree char *subtitle = NULL;

  gboolean loading = self->list != NULL && pr_release_list_get_loading (self->list);

  if (self->store == NULL)
    page = self->library_failed ? "library-error" : "loading";
  else if (shown > 0)
    page = "list";
  else if (loading)
    page = "loading";
  else if (self->query != NULL)
    page = "no-results";
  else if (self->filter_mode == PR_FILTER_BOOKMARKED)
    page = "no-bookmarks";
  else if (self->filter_mode == PR_FILTER_UNREAD)
    page = "no-unread";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  /* No count while a search's first rows are shown before it. */
  if (self->list != NULL && !loading && !pr_release_list_get_counting (self->list))
    {
      /* The list's count: the selection's list may still be growing. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

      subtitle = g_strdup_printf (ngettext ("%'u release", "%'u releases", n), n);
    }
  adw_window_title_set_subtitle (self->list_title, subtitle ? subtitle : "");
}

static gboolean
is_placeholder_at (PrWindow *self,
                   guint     position)
{
  g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  return release == NULL || pr_release_list_is_placeholder (release);
}

void
pr_window_clear_pending_select (PrWindow *self)
{
  self->pending_select = GTK_INVALID_LIST_POSITION;
  g_clear_object (&self->pending_expect);
}

/* A position to select once its row is read (it is a placeholder now),
 * if it is @expect (NULL: whatever it is). */
static void
select_when_read (PrWindow  *self,
                  guint      position,
                  PrRelease *expect)
{
  self->pending_select = position;
  g_set_object (&self->pending_expect, expect);
}

void
pr_window_list_changed (PrWindow *self,
                        guint     position,
                        guint     removed,
                        guint     added)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  /* Before the view moves its rows (pr_window_list_keep_top()); not
   * while a scroll away from the top waits for its layout. */
  self->list_at_top = (adjustment == NULL || gtk_adjustment_get_value (adjustment) < 1.0)
                      && g_get_monotonic_time () - self->scrolled_at > SCROLL_SETTLE_US;
  /* A row waited for: read now. */
  if (self->pending_select != GTK_INVALID_LIST_POSITION)
    {
      guint pending = self->pending_select;

      if (pending >= position && pending < position + removed && removed != added)
        pr_window_clear_pending_select (self);
      else if (pending >= position + removed)
        self->pending_select = pending + added - removed;
      pending = self->pending_select;
      if (pending != GTK_INVALID_LIST_POSITION && pending < pr_window_n_shown (self)
          && !is_placeholder_at (self, pending))
        {
          g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (self->selection), pending);
          gboolean wanted = self->pending_expect == NULL
                            || pr_window_same_release (release, self->pending_expect);

          pr_window_clear_pending_select (self);
          if (wanted)
            gtk_single_selection_set_selected (self->selection, pending);
        }
    }
  pr_window_update_list_state (self);
  pr_window_update_actions (self);
}

/* The positions of the rows on screen, for PrSteadyList. */
static GArray *
live_positions (gpointer data)
{
  PrWindow *self = data;
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), g_hash_table_size (self->bound));
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      if (position != GTK_INVALID_LIST_POSITION)
        g_array_append_val (positions, position);
    }
  return positions;
}

/* GtkSingleSelection (4.8) looks for its selected item among all the
 * items that replace it, reading each: after a change that starts the
 * list over (a large import), that would be the whole library. The
 * selection is cleared first; the shown release stays and is selected
 * again when its row is bound. */
static void
list_items_changing (PrWindow *self,
                     guint     position,
                     guint     removed,
                     guint     added)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  /* A change that starts the list over (see PrSteadyList) changes the
   * selected row in place, or not at all when it is not on screen. */
  if (selected != GTK_INVALID_LIST_POSITION && position == 0 && removed > RESELECT_SCAN_LIMIT)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->position_hint = selected;
    }
  else if (selected != GTK_INVALID_LIST_POSITION && selected >= position
           && selected < position + removed && added > RESELECT_SCAN_LIMIT)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->position_hint = selected;
    }
}

/* A list scrolled to its top stays there as releases arrive (newest
 * first: they are what a user at the top looks for), where GtkListView
 * keeps the rows shown and lets the new ones push them down. It keeps
 * the rows the list reads again after each change on screen, too (the
 * first pages), so that an import's changes there are told row by row
 * instead of the screenful being replaced. */
void
pr_window_list_keep_top (PrWindow *self,
                         guint     position,
                         guint     removed,
                         guint     added)
{
  if (self->list_at_top && added > 0 && pr_window_n_shown (self) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

/* The shown list has its first rows. */
static void
list_loaded (PrWindow      *self,
             GParamSpec    *pspec,
             PrReleaseList *list)
{
  if (list != self->list || pr_release_list_get_loading (list))
    return;
  if (self->select_first && self->current == NULL && pr_window_n_shown (self) > 0)
    {
      self->restoring = TRUE;
      pr_window_select_position (self, 0);
      self->restoring = FALSE;
    }
  self->select_first = FALSE;
  pr_window_update_list_state (self);
}

/* Shows @list (NULL: none): the selection goes with the old list, the
 * shown release stays. */
static void
install_list (PrWindow      *self,
              PrReleaseList *list)
{
  g_autoptr(PrSteadyList) steady = NULL;

  if (list != NULL)
    {
      /* Before the selection's own handler. */
      g_signal_connect_object (list, "items-changed", G_CALLBACK (list_items_changing), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loading", G_CALLBACK (list_loaded), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::counting", G_CALLBACK (list_loaded), self,
                               G_CONNECT_SWAPPED);
      steady = pr_steady_list_new (G_LIST_MODEL (list), live_positions, self);
    }
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();
  pr_window_clear_pending_select (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->list, list);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (steady));
  self->position_hint = GTK_INVALID_LIST_POSITION;
  pr_window_update_list_state (self);
  pr_window_update_actions (self);
}

/* The list of the new query has its first rows. */
static void
pending_list_loaded (PrWindow      *self,
                     GParamSpec    *pspec,
                     PrReleaseList *list)
{
  g_autoptr(PrReleaseList) ready = NULL;

  if (list != self->pending_list || pr_release_list_get_loading (list))
    return;
  g_signal_handlers_disconnect_by_func (list, pending_list_loaded, self);
  ready = g_steal_pointer (&self->pending_list);
  install_list (self, ready);
}

void
pr_window_drop_pending_list (PrWindow *self)
{
  if (self->pending_list == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->pending_list, pending_list_loaded, self);
  g_clear_object (&self->pending_list);
}

/* THE SEAM: the one place that turns the query into the shown list. */
void
pr_window_apply_query (PrWindow *self)
{
  g_autofree char *text = pr_window_query_text (self, TRUE);
  g_autoptr(PrReleaseList) list = NULL;
  const char * const *terms;

  g_clear_object (&self->query);
  if (text != NULL)
    self->query = pr_query_new (text);
  g_clear_pointer (&self->search_terms, g_strfreev);
  terms = self->query != NULL && pr_query_has_terms (self->query)
    ? pr_query_get_terms (self->query) : NULL;
  if (terms != NULL && terms[0] != NULL)
    self->search_terms = g_strdupv ((char **) terms);
  update_warnings (self);

  pr_window_drop_pending_list (self);
  if (self->store != NULL)
    list = g_object_new (PR_TYPE_RELEASE_LIST,
                         "store", self->store,
                         "query", self->query,
                         "filter", self->filter_mode,
                         "sort", self->sort,
                         "grouped", !g_settings_get_boolean (self->settings, "show-every-copy"),
                         "async", TRUE,
                         NULL);
  pr_article_view_set_highlight_terms (self->article_view, (const char * const *) self->search_terms);

  /* The rows shown stay until the new query's are read. */
  if (list != NULL && self->list != NULL && pr_release_list_get_loading (list)
      && pr_release_list_get_store (self->list) == self->store)
    {
      self->pending_list = g_steal_pointer (&list);
      g_signal_connect_object (self->pending_list, "notify::loading",
                               G_CALLBACK (pending_list_loaded), self, G_CONNECT_SWAPPED);
    }
  else
    install_list (self, list);
  pr_window_refresh_facets (self);
}

/* ---- rows ------------------------------------------------------------ */

static void
scroll_to (PrWindow *self,
           guint     position)
{
  /* The view moves at its next layout: until then, its adjustment still
   * says where it was (pr_window_list_changed()). */
  if (position > 0)
    self->scrolled_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* The position of @release among the rows on screen (nothing is read);
 * GTK_INVALID_LIST_POSITION when it is not there. */
static guint
find_position (PrWindow  *self,
               PrRelease *release)
{
  GHashTableIter iter;
  gpointer item;
  guint n = pr_window_n_shown (self);

  if (release == NULL)
    return GTK_INVALID_LIST_POSITION;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (pr_window_same_release (gtk_list_item_get_item (item), release))
      {
        guint position = gtk_list_item_get_position (item);

        if (position < n)
          return position;
      }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
select_current_idle (gpointer data)
{
  PrWindow *self = data;
  guint position;

  self->select_idle = 0;
  position = find_position (self, self->current);
  if (position != GTK_INVALID_LIST_POSITION
      && gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  return G_SOURCE_REMOVE;
}

/* The selected row's release opened again: shown in place of the copy
 * the sidebar showed, and on a narrow window the article brought back
 * after Back. The selection does not change, so nothing else would. */
static void
open_selected (PrWindow  *self,
               PrRelease *release)
{
  if (release != self->current)
    pr_window_show_release (self, release);
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* A press on the selected row (not claimed: the list selects as usual). */
static void
row_pressed (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             PrWindow        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  PrRelease *release = pr_release_row_get_release (PR_RELEASE_ROW (row));

  if (release != NULL && release == gtk_single_selection_get_selected_item (self->selection))
    open_selected (self, release);
}

/* Enter (or a double click) on a row: its release, also when it is the
 * selected row and a copy is shown. */
void
pr_window_row_activated (PrWindow *self,
                         guint     position)
{
  g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (release != NULL && !pr_release_list_is_placeholder (release))
    open_selected (self, release);
}

void
pr_window_setup_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     PrWindow                 *self)
{
  GtkWidget *row = self->spare_rows->len > 0
    ? g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1) : NULL;

  if (row == NULL)
    {
      GtkGesture *click = gtk_gesture_click_new ();

      row = g_object_ref_sink (pr_release_row_new ());
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
      g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed), self, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
    }
  gtk_list_item_set_child (item, row);
  g_object_unref (row);
}

static void
fill_row (PrWindow    *self,
          GtkListItem *item)
{
  PrRelease *release = gtk_list_item_get_item (item);
  g_autofree char *snippet = NULL;

  /* A row not read yet is shown empty. */
  if (pr_release_list_is_placeholder (release))
    release = NULL;
  if (self->list != NULL && self->search_terms != NULL && release != NULL)
    snippet = pr_release_list_dup_snippet (self->list, gtk_list_item_get_position (item));
  pr_release_row_set_release (PR_RELEASE_ROW (gtk_list_item_get_child (item)), release, snippet);
}

/* GtkListView (4.8) keeps 200 rows around the visible ones, and measures
 * them all: rows far from the view are filled a few a frame (a tick, not
 * an idle: idles run many times between two frames, and the frame would
 * lay out all they filled), so that neither the first frame nor a jump
 * waits for 200 text layouts. */
static gboolean
fill_deferred_rows (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  PrWindow *self = data;
  GHashTableIter iter;
  gpointer item;
  guint filled = 0;

  g_hash_table_iter_init (&iter, self->deferred);
  while (filled < DEFERRED_ROWS_PER_FRAME && g_hash_table_iter_next (&iter, &item, NULL))
    {
      g_hash_table_iter_remove (&iter);
      fill_row (self, item);
      filled++;
    }
  if (g_hash_table_size (self->deferred) > 0)
    return G_SOURCE_CONTINUE;
  self->deferred_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Once the list has been still for a while (not while an import starts it
 * over every batch): then a few rows a frame. */
static gboolean
fill_deferred_later (gpointer data)
{
  PrWindow *self = data;

  self->deferred_timeout = 0;
  if (self->deferred_tick == 0)
    self->deferred_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                        fill_deferred_rows, self, NULL);
  return G_SOURCE_REMOVE;
}

void
pr_window_stop_deferred_fill (PrWindow *self)
{
  if (self->deferred_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->deferred_tick);
  self->deferred_tick = 0;
  g_clear_handle_id (&self->deferred_timeout, g_source_remove);
}

static gboolean
position_near_view (PrWindow *self,
                    guint     position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double upper = adjustment ? gtk_adjustment_get_upper (adjustment) : 0;
  double page = adjustment ? gtk_adjustment_get_page_size (adjustment) : 0;
  guint n = pr_window_n_shown (self);
  double row, first, count;

  if (n == 0 || upper <= 0 || page <= 0)
    return position < NEAR_VIEW_ROWS;
  /* GtkListView estimates the height from the rows it measured. */
  row = MAX (upper / n, MIN_ROW_HEIGHT);
  first = gtk_adjustment_get_value (adjustment) / row;
  count = page / row + 1;
  return position + NEAR_VIEW_MARGIN >= first && position <= first + count + NEAR_VIEW_MARGIN;
}

/* Rows that scrolled into view are filled before they are drawn. */
void
pr_window_list_scrolled (PrWindow *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->deferred);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (position_near_view (self, gtk_list_item_get_position (item)))
      {
        g_hash_table_iter_remove (&iter);
        fill_row (self, item);
      }
}

void
pr_window_bind_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    PrWindow                 *self)
{
  PrRelease *release = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);

  g_hash_table_add (self->bound, item);
  /* Near the view, or showing that release already (a list started over
   * around it): filled now; nothing changes in a row that shows it. */
  if (position_near_view (self, position)
      || pr_release_row_get_release (PR_RELEASE_ROW (gtk_list_item_get_child (item))) == release)
    {
      g_hash_table_remove (self->deferred, item);
      fill_row (self, item);
    }
  else
    {
      pr_release_row_set_release (PR_RELEASE_ROW (gtk_list_item_get_child (item)), NULL, NULL);
      g_hash_table_add (self->deferred, item);
      pr_window_stop_deferred_fill (self);
      self->deferred_timeout = g_timeout_add (DEFERRED_FILL_DELAY_MS, fill_deferred_later, self);
    }

  /* The shown release came back on screen: select it again. */
  if (pr_window_same_release (release, self->current)
      && gtk_single_selection_get_selected (self->selection) != position
      && self->select_idle == 0)
    self->select_idle = g_idle_add (select_current_idle, self);
}

void
pr_window_unbind_row (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      PrWindow                 *self)
{
  /* The row keeps its text: bound again to the same release, it changes
   * nothing. */
  g_hash_table_remove (self->bound, item);
  g_hash_table_remove (self->deferred, item);
}

void
pr_window_teardown_row (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        PrWindow                 *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound, item);
  g_hash_table_remove (self->deferred, item);
  /* Kept for the next row: GtkListView (4.8) makes a new row for every
   * item that comes into its range (hundreds when an import adds rows on
   * top), and a row from its template costs more than one moved. */
  if (row != NULL && self->spare_rows != NULL && self->spare_rows->len < SPARE_ROWS)
    {
      g_ptr_array_add (self->spare_rows, g_object_ref (row));
      gtk_list_item_set_child (item, NULL);
    }
}

/* ---- selection ------------------------------------------------------- */

guint
pr_window_selected_position (PrWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return position != GTK_INVALID_LIST_POSITION ? position : self->position_hint;
}

void
pr_window_select_position (PrWindow *self,
                           guint     position)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (position >= pr_window_n_shown (self))
    return;
  pr_window_clear_pending_select (self);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
}

/* A find of the list: its answer is for the list shown when it returns. */
typedef struct {
  PrWindow *window;
  PrReleaseList *list;
  PrRelease *release;      /* to select, or NULL: next unread */
  gint64 after;
} Find;

static void
find_free (Find *find)
{
  find->window->finds--;
  g_object_unref (find->window);
  g_object_unref (find->list);
  g_clear_object (&find->release);
  g_free (find);
}

static Find *
find_new (PrWindow  *self,
          PrRelease *release,
          gint64     after)
{
  Find *find = g_new0 (Find, 1);

  find->window = g_object_ref (self);
  find->list = g_object_ref (self->list);
  find->release = release != NULL ? g_object_ref (release) : NULL;
  find->after = after;
  self->finds++;
  return find;
}

/* Selects @position (a placeholder: once read, if it is @expect), and
 * scrolls to it. */
static void
select_found (PrWindow  *self,
              guint      position,
              PrRelease *expect)
{
  g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  scroll_to (self, position);
  if (release == NULL)
    return;
  if (pr_release_list_is_placeholder (release))
    {
      select_when_read (self, position, expect);
      return;
    }
  if (expect == NULL || pr_window_same_release (release, expect))
    {
      pr_window_clear_pending_select (self);
      gtk_single_selection_set_selected (self->selection, position);
    }
}

static void
release_found (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Find *find = user_data;
  PrWindow *self = find->window;
  g_autoptr(GError) error = NULL;
  gint64 position = pr_release_list_find_finish (PR_RELEASE_LIST (source), result, &error);

  /* Still the list shown, and still the release shown. */
  if (position >= 0 && find->list == self->list
      && pr_window_same_release (find->release, self->current)
      && position < pr_window_n_shown (self))
    select_found (self, (guint) position, find->release);
  find_free (find);
}

gboolean
pr_window_select_release (PrWindow  *self,
                          PrRelease *release)
{
  guint position;

  g_return_val_if_fail (PR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (release == NULL || PR_IS_RELEASE (release), FALSE);

  position = find_position (self, release);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      pr_window_select_position (self, position);
      return TRUE;
    }
  /* Not on screen: shown now, found by a query, then selected. */
  pr_window_show_release (self, release);
  if (release != NULL && self->list != NULL && pr_release_get_store_id (release) != 0)
    pr_release_list_find_async (self->list, release, self->find_cancellable, release_found,
                                find_new (self, release, -1));
  return FALSE;
}

void
pr_window_current_notify (PrWindow *self)
{
  pr_window_update_bookmark_button (self);
}

static void
copies_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = pr_store_get_copies_finish (PR_STORE (source), result, &error);

  /* Gone meanwhile, or the release shown since is another: nothing. */
  if (copies == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not read a release's copies: %s", error->message);
      return;
    }
  pr_sidebar_set_copies (self->sidebar, copies);
}

/* The shown release's copies for the sidebar, read off the main thread. */
static void
read_copies (PrWindow  *self,
             PrRelease *release)
{
  if (self->copies_cancellable != NULL)
    g_cancellable_cancel (self->copies_cancellable);
  g_clear_object (&self->copies_cancellable);
  if (release == NULL || self->store == NULL || pr_release_get_store_id (release) == 0)
    return;
  self->copies_cancellable = g_cancellable_new ();
  pr_store_get_copies_async (self->store, pr_release_get_store_id (release), self->copies_cancellable,
                             copies_read, g_object_ref (self));
}

/* The group of the release shown changed (a copy arrived or left, by an
 * import, a refresh or the pass over older releases): the sidebar's
 * copies read again. */
static void
current_copies_changed (PrWindow *self)
{
  read_copies (self, self->current);
}

/* Another copy of the release shown, from the sidebar: shown in its
 * place, the list's selection left as it is. */
void
pr_window_show_copy (PrWindow  *self,
                     PrRelease *copy)
{
  pr_window_show_release (self, copy);
}

void
pr_window_show_release (PrWindow  *self,
                        PrRelease *release)
{
  if (self->current == release)
    return;

  if (self->current != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->current, pr_window_current_notify, self);
      g_signal_handlers_disconnect_by_func (self->current, current_copies_changed, self);
    }
  g_set_object (&self->current, release);
  if (release != NULL)
    {
      g_signal_connect_object (release, "notify::bookmarked", G_CALLBACK (pr_window_current_notify),
                               self, G_CONNECT_SWAPPED);
      /* One language a member: a member more or less changes them. */
      g_signal_connect_object (release, "notify::copy-languages", G_CALLBACK (current_copies_changed),
                               self, G_CONNECT_SWAPPED);
    }

  pr_article_view_set_release (self->article_view, release);
  pr_article_view_set_highlight_terms (self->article_view, (const char * const *) self->search_terms);
  pr_sidebar_set_release (self->sidebar, release);
  read_copies (self, release);
  gtk_stack_set_visible_child_name (self->content_stack, release ? "article" : "none");
  pr_window_update_actions (self);

  if (release == NULL)
    return;
  if (!self->restoring)
    {
      const char *id = pr_release_get_field (release, PR_FIELD_ID);

      g_settings_set_int64 (self->settings, "selected-release-row", pr_release_get_store_id (release));
      g_settings_set_string (self->settings, "selected-release", id ? id : "");
    }
  if (!self->restoring && g_settings_get_boolean (self->settings, "mark-read-on-open")
      && !pr_release_get_read (release))
    pr_window_set_read (self, release, TRUE);
  if (!self->restoring && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
pr_window_selection_changed (PrWindow *self)
{
  PrRelease *selected = gtk_single_selection_get_selected_item (self->selection);

  /* Nothing selected means the list changed under the selection (a new
   * query, the row left the list): the shown release stays. */
  if (selected == NULL)
    return;
  self->position_hint = gtk_single_selection_get_selected (self->selection);
  /* A row not read yet: shown once it is. */
  if (pr_release_list_is_placeholder (selected))
    {
      if (self->pending_select != self->position_hint)
        select_when_read (self, self->position_hint, NULL);
      return;
    }
  pr_window_show_release (self, selected);
}

PrRelease *
pr_window_get_selected_release (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return self->current;
}

/* The release shown when the window was last closed (by its content id),
 * else the newest one; neither is marked read. */
void
pr_window_restore_selection (PrWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "selected-release");
  g_autoptr(PrRelease) release = NULL;

  /* By its content id: one indexed row, whatever row it is in now. */
  if (!pr_window_is_empty (id))
    release = pr_store_find_release (self->store, id, NULL);

  self->restoring = TRUE;
  if (release != NULL)
    {
      /* Selected where the list has it once that is found. */
      pr_window_show_release (self, release);
      if (self->list != NULL)
        pr_release_list_find_async (self->list, release, self->find_cancellable, release_found,
                                    find_new (self, release, -1));
    }
  else if (pr_window_n_shown (self) > 0)
    pr_window_select_position (self, 0);
  else
    self->select_first = TRUE;
  self->restoring = FALSE;
}

/* ---- next unread ----------------------------------------------------- */

static void find_next_unread (PrWindow *self, gint64 after);

static void
next_unread_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Find *find = user_data;
  PrWindow *self = find->window;
  g_autoptr(GError) error = NULL;
  gint64 position = pr_release_list_find_finish (PR_RELEASE_LIST (source), result, &error);
  guint selected = gtk_single_selection_get_selected (self->selection);
  g_autoptr(PrRelease) release = NULL;

  if (find->list != self->list || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      find_free (find);
      return;
    }
  if (position >= 0 && position < pr_window_n_shown (self))
    release = g_list_model_get_item (G_LIST_MODEL (self->selection), (guint) position);
  if (release == NULL || (guint) position == selected)
    pr_window_toast (self, _("No unread releases"));
  else if (!pr_release_list_is_placeholder (release) && pr_release_get_read (release)
           && ++self->next_unread_tries < NEXT_UNREAD_TRIES)
    /* Read meanwhile, the library does not know yet: the one after. */
    find_next_unread (self, position);
  else
    select_found (self, (guint) position, NULL);
  find_free (find);
}

static void
find_next_unread (PrWindow *self,
                  gint64    after)
{
  if (self->list == NULL)
    return;
  pr_release_list_find_unread_async (self->list, after, self->find_cancellable,
                                     next_unread_found, find_new (self, NULL, after));
}

/* The first unread release after the selected one, however far: a query. */
void
pr_window_next_unread (PrWindow *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint pos = pr_window_selected_position (self);
  gint64 after = pos == GTK_INVALID_LIST_POSITION ? -1
                 : selected == GTK_INVALID_LIST_POSITION ? (gint64) pos - 1 : (gint64) pos;

  self->next_unread_wanted = FALSE;
  self->next_unread_tries = 0;
  find_next_unread (self, after);
}

/* ---- search and facets ----------------------------------------------- */

void
pr_window_set_search_text (PrWindow   *self,
                           const char *text)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (pr_window_is_empty (text))
    text = NULL;
  if (g_strcmp0 (text, self->search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);

  /* set_text empties the entry first, which emits search-changed at once. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->syncing_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->syncing_entry = FALSE;
    }
  if (!pr_window_is_empty (text))
    gtk_toggle_button_set_active (self->search_button, TRUE);

  pr_window_apply_query (self);
  pr_window_update_actions (self);
}

void
pr_window_set_facet (PrWindow   *self,
                     const char *kind,
                     const char *value)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (kind != NULL && !pr_window_is_empty (value)
      && g_strcmp0 (kind, self->facet_kind) == 0 && g_strcmp0 (value, self->facet_value) == 0)
    return;
  if ((kind == NULL || pr_window_is_empty (value)) && self->facet_kind == NULL)
    return;

  g_clear_pointer (&self->facet_kind, g_free);
  g_clear_pointer (&self->facet_value, g_free);
  if (kind != NULL && !pr_window_is_empty (value))
    {
      g_autofree char *label = NULL;

      self->facet_kind = g_strdup (kind);
      self->facet_value = g_strdup (value);
      if (g_str_equal (kind, "organization"))
        /* Translators: the list shows only releases that name an organization. */
        label = g_strdup_printf (_("Organization: %s"), value);
      else if (g_str_equal (kind, "person"))
        label = g_strdup_printf (_("Person: %s"), value);
      else if (g_str_equal (kind, "place"))
        label = g_strdup_printf (_("Place: %s"), value);
      else if (g_str_equal (kind, "issuer"))
        /* Translators: the list shows only releases this organisation issued. */
        label = g_strdup_printf (_("From: %s"), value);
      else if (g_str_equal (kind, "kind"))
        /* Translators: the list shows only releases of one kind (%s: Earnings, Deal…). */
        label = g_strdup_printf (_("Kind: %s"), pr_facts_kind_label (value) ? pr_facts_kind_label (value) : value);
      else if (g_str_equal (kind, "ticker"))
        label = g_strdup_printf (_("Ticker: %s"), value);
      else
        label = g_strdup_printf (_("Wire: %s"), value);
      gtk_label_set_text (self->facet_label, label);
    }
  gtk_revealer_set_reveal_child (self->facet_revealer, self->facet_kind != NULL);
  pr_window_apply_query (self);
}

void
pr_window_sidebar_filter_by (PrWindow   *self,
                             const char *kind,
                             const char *value)
{
  pr_window_set_facet (self, kind, value);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

void
pr_window_search_changed (PrWindow       *self,
                          GtkSearchEntry *entry)
{
  if (self->syncing_entry)
    return;
  pr_window_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

void
pr_window_search_mode_changed (PrWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    pr_window_set_search_text (self, NULL);
}

void
pr_window_filter_setting_changed (PrWindow *self)
{
  PrFilter filter = g_settings_get_enum (self->settings, "filter");

  if (filter == self->filter_mode)
    return;
  self->filter_mode = filter;
  pr_window_apply_query (self);
}

void
pr_window_copies_setting_changed (PrWindow *self)
{
  pr_window_apply_query (self);
  pr_window_refresh_counts (self);
}

void
pr_window_sort_setting_changed (PrWindow *self)
{
  PrSort sort = g_settings_get_enum (self->settings, "sort");

  if (sort == self->sort)
    return;
  self->sort = sort;
  pr_window_apply_query (self);
}
