/* pr-window.c: the reading window: list | article | details
 *
 * The window shows one library (a PrStore, opened by the application and
 * handed over through a PrContext, or set with pr_window_set_store()). The model seam is apply_query(): it
 * turns the window's query (filter All/Unread/Bookmarked, search text,
 * facet and sort) into a PrQuery and sets a new PrReleaseList, the
 * library's lazy list model, on the selection. State changes go through
 * pr_window_set_read()/_set_bookmarked() (asynchronous store writes,
 * shown at once on the live release) and imports through PrImport in a
 * worker thread. Counts and facets are read in worker threads too and
 * refreshed when the store says it changed.
 *
 * The list is an asynchronous PrReleaseList: counts, pages and refreshes
 * are read in worker threads; a new query's list replaces the shown one
 * once its first rows are read. Rows not read yet are placeholders, shown
 * empty; a placeholder selected is shown once its row is read. The
 * selection follows the shown release: after the list changed (a new
 * query, an import that started the list over), the release stays shown
 * and is selected again when its row is bound; a release selected that is
 * not on screen is found by a query in a worker (its position), and next
 * unread is such a query too. Imports run on threads at background CPU
 * priority (pr_import_lower_thread_priority()), parsing included. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pr-article-view.h"
#include "pr-catalog.h"
#include "pr-format.h"
#include "pr-import.h"
#include "pr-parser.h"
#include "pr-preferences-window.h"
#include "pr-query.h"
#include "pr-release-list.h"
#include "pr-release-row.h"
#include "pr-sidebar.h"
#include "pr-steady-list.h"
#include "pr-window.h"

#define FACET_LIMIT          8
/* Counts and facets are read again this long after a change... */
#define REFRESH_DELAY_MS     100
/* ...and at most this often while an import writes. */
#define REFRESH_IMPORT_MS    1000
/* Next unread: releases skipped that the list still had as unread while
 * their read state was being written. */
#define NEXT_UNREAD_TRIES    4
/* Rows filled at once when the view's size is not known yet. */
#define NEAR_VIEW_ROWS       40
#define NEAR_VIEW_MARGIN     4
/* Items GtkSingleSelection may read to find its item after a change. */
#define RESELECT_SCAN_LIMIT  8
#define DEFERRED_ROWS_PER_IDLE 8
/* Row widgets kept for reuse. */
#define SPARE_ROWS           256
#define DEFERRED_FILL_DELAY_MS 400
/* The import's progress is shown at most this often. */
#define PROGRESS_INTERVAL_MS 250

struct _PrWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  AdwWindowTitle *list_title;
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkRevealer *warning_revealer;
  GtkLabel *warning_label;
  GtkWidget *filter_box;
  GtkLabel *count_all_label;
  GtkLabel *count_unread_label;
  GtkLabel *count_bookmarked_label;
  GtkRevealer *facet_revealer;
  GtkLabel *facet_label;
  GtkStack *list_stack;
  GtkWidget *list_scroller;
  GtkListView *list_view;
  GtkSpinner *loading_spinner;
  AdwStatusPage *library_error_status;
  GtkRevealer *import_revealer;
  GtkLabel *import_label;
  GtkProgressBar *import_progress;
  GtkWidget *content_pane;
  AdwWindowTitle *content_title;
  GtkWidget *back_button;
  GtkWidget *sidebar_button;
  GtkWidget *bookmark_button;
  GtkMenuButton *sort_button;
  GtkMenuButton *facet_button;
  AdwFlap *flap;
  GtkStack *content_stack;
  PrArticleView *article_view;
  PrSidebar *sidebar;

  GSettings *settings;
  GCancellable *cancellable;       /* reads; cancelled on dispose */

  /* The library and the model seam (see the top of the file). */
  PrContext *context;              /* the application's library, or NULL */
  PrStore *store;
  gboolean library_failed;
  PrReleaseList *list;
  GtkSingleSelection *selection;
  GHashTable *bound;               /* GtkListItem, the rows on screen */
  GHashTable *deferred;            /* GtkListItem, bound but not filled yet */
  GPtrArray *spare_rows;           /* PrReleaseRow, to reuse */
  guint deferred_timeout;
  guint deferred_idle;
  guint select_idle;
  guint position_hint;             /* the last selected position */
  PrReleaseList *pending_list;     /* a new query's, until its rows are read */
  guint pending_select;            /* a placeholder to select once read */
  PrRelease *pending_expect;       /* ...if it turns out to be this release */
  GCancellable *find_cancellable;  /* the finds of the current list */
  guint finds;                     /* finds under way */
  gboolean next_unread_wanted;     /* n pressed while writes were pending */
  gboolean select_first;           /* restored: the first row, once read */
  guint next_unread_tries;

  /* The query */
  PrFilter filter_mode;
  PrSort sort;
  char *search_text;
  char *facet_kind;
  char *facet_value;
  PrQuery *query;                  /* search and facet, NULL for all */
  GStrv search_terms;              /* for highlighting, NULL without */

  PrRelease *current;
  gboolean sidebar_visible;
  gboolean restoring;
  gboolean syncing_entry;

  /* Counts and facets, read in worker threads */
  guint count_all;
  guint count_unread;
  guint count_bookmarked;
  guint counts_timeout;
  gboolean counts_running;
  gboolean counts_dirty;
  guint facets_timeout;
  gboolean facets_running;
  gboolean facets_dirty;
  GMenu *facet_menu;
  GString *facets_text;
  guint pending_writes;

  /* Import */
  PrImport *import;
  GCancellable *import_cancellable;
  gpointer import_first;           /* FirstRelease */
  gboolean import_select_first;
  gint64 progress_shown;
  GPtrArray *queued_files;         /* GFile, waiting for the library */
  gboolean queued_select_first;
  GtkNativeDialog *chooser;

  gulong after_paint_handler;

  /* A damaged library was moved aside when opened: said after the first
   * frame. */
  char *moved_aside_text;
  gulong moved_aside_handler;
  guint moved_aside_idle;
};

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

static void apply_query           (PrWindow  *self);
static void next_unread           (PrWindow  *self);
static void update_actions        (PrWindow  *self);
static void update_list_state     (PrWindow  *self);
static void show_release          (PrWindow  *self,
                                   PrRelease *release);
static void refresh_counts        (PrWindow  *self);
static void refresh_facets        (PrWindow  *self);
static void import_files          (PrWindow  *self,
                                   GFile    **files,
                                   guint      n_files,
                                   gboolean   select_first);
static void toast                 (PrWindow   *self,
                                   const char *title);

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static gboolean
same_release (PrRelease *a,
              PrRelease *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  if (a == b)
    return TRUE;
  return pr_release_get_store_id (a) != 0
         && pr_release_get_store_id (a) == pr_release_get_store_id (b);
}

static GApplication *
get_application (PrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? G_APPLICATION (app) : NULL;
}

/* Keeps the application running while a write is on its way. */
static void
hold_application (PrWindow *self)
{
  GApplication *app = get_application (self);

  if (app != NULL)
    g_application_hold (app);
}

static void
release_application (GApplication *app)
{
  if (app != NULL)
    g_application_release (app);
}

/* The query */

static const char *
facet_field (const char *kind)
{
  if (g_strcmp0 (kind, "organization") == 0)
    return "org";
  if (g_strcmp0 (kind, "person") == 0)
    return "person";
  if (g_strcmp0 (kind, "place") == 0)
    return "place";
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

static char *
query_text (PrWindow *self,
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

/* The list */

static guint
n_shown (PrWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

static void
update_list_state (PrWindow *self)
{
  guint shown = n_shown (self);
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

  if (self->list != NULL && !loading)
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

static void
clear_pending_select (PrWindow *self)
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

static void
list_changed (PrWindow *self,
              guint     position,
              guint     removed,
              guint     added)
{
  /* A row waited for: read now. */
  if (self->pending_select != GTK_INVALID_LIST_POSITION)
    {
      guint pending = self->pending_select;

      if (pending >= position && pending < position + removed && removed != added)
        clear_pending_select (self);
      else if (pending >= position + removed)
        self->pending_select = pending + added - removed;
      pending = self->pending_select;
      if (pending != GTK_INVALID_LIST_POSITION && pending < n_shown (self)
          && !is_placeholder_at (self, pending))
        {
          g_autoptr(PrRelease) release = g_list_model_get_item (G_LIST_MODEL (self->selection), pending);
          gboolean wanted = self->pending_expect == NULL || same_release (release, self->pending_expect);

          clear_pending_select (self);
          if (wanted)
            gtk_single_selection_set_selected (self->selection, pending);
        }
    }
  update_list_state (self);
  update_actions (self);
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

/* The shown list has its first rows. */
static void
list_loaded (PrWindow      *self,
             GParamSpec    *pspec,
             PrReleaseList *list)
{
  if (list != self->list || pr_release_list_get_loading (list))
    return;
  if (self->select_first && self->current == NULL && n_shown (self) > 0)
    {
      self->restoring = TRUE;
      pr_window_select_position (self, 0);
      self->restoring = FALSE;
    }
  self->select_first = FALSE;
  update_list_state (self);
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
      steady = pr_steady_list_new (G_LIST_MODEL (list), live_positions, self);
    }
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();
  clear_pending_select (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->list, list);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (steady));
  self->position_hint = GTK_INVALID_LIST_POSITION;
  update_list_state (self);
  update_actions (self);
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

static void
drop_pending_list (PrWindow *self)
{
  if (self->pending_list == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->pending_list, pending_list_loaded, self);
  g_clear_object (&self->pending_list);
}

/* THE SEAM: the one place that turns the query into the shown list. */
static void
apply_query (PrWindow *self)
{
  g_autofree char *text = query_text (self, TRUE);
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

  drop_pending_list (self);
  if (self->store != NULL)
    list = pr_release_list_new_async (self->store, self->query, self->filter_mode, self->sort);
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
  refresh_facets (self);
}

static void
scroll_to (PrWindow *self,
           guint     position)
{
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
  guint n = n_shown (self);

  if (release == NULL)
    return GTK_INVALID_LIST_POSITION;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (same_release (gtk_list_item_get_item (item), release))
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

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PrWindow                 *self)
{
  GtkWidget *row = self->spare_rows->len > 0
    ? g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1) : NULL;

  if (row == NULL)
    row = g_object_ref_sink (pr_release_row_new ());
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
 * them all: rows far from the view are filled a few at a time after the
 * frame, so that neither the first frame nor a jump waits for 200 text
 * layouts. */
static gboolean
fill_deferred_rows (gpointer data)
{
  PrWindow *self = data;
  GHashTableIter iter;
  gpointer item;
  guint filled = 0;

  g_hash_table_iter_init (&iter, self->deferred);
  while (filled < DEFERRED_ROWS_PER_IDLE && g_hash_table_iter_next (&iter, &item, NULL))
    {
      g_hash_table_iter_remove (&iter);
      fill_row (self, item);
      filled++;
    }
  if (g_hash_table_size (self->deferred) > 0)
    return G_SOURCE_CONTINUE;
  self->deferred_idle = 0;
  return G_SOURCE_REMOVE;
}

/* Once the list has been still for a while (not while an import starts it
 * over every batch): then a few rows at a time. */
static gboolean
fill_deferred_later (gpointer data)
{
  PrWindow *self = data;

  self->deferred_timeout = 0;
  if (self->deferred_idle == 0)
    self->deferred_idle = g_idle_add_full (G_PRIORITY_LOW, fill_deferred_rows, self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
position_near_view (PrWindow *self,
                    guint     position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double upper = adjustment ? gtk_adjustment_get_upper (adjustment) : 0;
  double page = adjustment ? gtk_adjustment_get_page_size (adjustment) : 0;
  guint n = n_shown (self);
  double row, first, count;

  if (n == 0 || upper <= 0 || page <= 0)
    return position < NEAR_VIEW_ROWS;
  /* GtkListView estimates the height from the rows it measured. */
  row = MAX (upper / n, 1.0);
  first = gtk_adjustment_get_value (adjustment) / row;
  count = page / row + 1;
  return position + NEAR_VIEW_MARGIN >= first && position <= first + count + NEAR_VIEW_MARGIN;
}

/* Rows that scrolled into view are filled before they are drawn. */
static void
list_scrolled (PrWindow *self)
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

static void
bind_row (GtkSignalListItemFactory *factory,
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
      g_clear_handle_id (&self->deferred_idle, g_source_remove);
      g_clear_handle_id (&self->deferred_timeout, g_source_remove);
      self->deferred_timeout = g_timeout_add (DEFERRED_FILL_DELAY_MS, fill_deferred_later, self);
    }

  /* The shown release came back on screen: select it again. */
  if (same_release (release, self->current)
      && gtk_single_selection_get_selected (self->selection) != position
      && self->select_idle == 0)
    self->select_idle = g_idle_add (select_current_idle, self);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PrWindow                 *self)
{
  /* The row keeps its text: bound again to the same release, it changes
   * nothing. */
  g_hash_table_remove (self->bound, item);
  g_hash_table_remove (self->deferred, item);
}

static void
teardown_row (GtkSignalListItemFactory *factory,
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

static guint
selected_position (PrWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return position != GTK_INVALID_LIST_POSITION ? position : self->position_hint;
}

void
pr_window_select_position (PrWindow *self,
                           guint     position)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (position >= n_shown (self))
    return;
  clear_pending_select (self);
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
  if (expect == NULL || same_release (release, expect))
    {
      clear_pending_select (self);
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
  if (position >= 0 && find->list == self->list && same_release (find->release, self->current)
      && position < n_shown (self))
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
  show_release (self, release);
  if (release != NULL && self->list != NULL && pr_release_get_store_id (release) != 0)
    pr_release_list_find_async (self->list, release, self->find_cancellable, release_found,
                                find_new (self, release, -1));
  return FALSE;
}

/* Counts */

static void
update_count_labels (PrWindow *self)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%'u", self->count_all);
  gtk_label_set_text (self->count_all_label, buf);
  g_snprintf (buf, sizeof buf, "%'u", self->count_unread);
  gtk_label_set_text (self->count_unread_label, buf);
  g_snprintf (buf, sizeof buf, "%'u", self->count_bookmarked);
  gtk_label_set_text (self->count_bookmarked_label, buf);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.mark-all-read",
                                 self->store != NULL && self->count_unread > 0);
}

void
pr_window_get_counts (PrWindow *self,
                      guint    *all,
                      guint    *unread,
                      guint    *bookmarked)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (all)
    *all = self->count_all;
  if (unread)
    *unread = self->count_unread;
  if (bookmarked)
    *bookmarked = self->count_bookmarked;
}

static void
counts_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrStore *store = task_data;
  static const PrFilter filters[3] = { PR_FILTER_ALL, PR_FILTER_UNREAD, PR_FILTER_BOOKMARKED };
  gint64 *counts = g_new0 (gint64, 3);

  for (guint i = 0; i < 3; i++)
    {
      GError *error = NULL;

      counts[i] = pr_store_count (store, NULL, filters[i], &error);
      if (error != NULL)
        {
          g_free (counts);
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, counts, g_free);
}

static void counts_done (GObject *source, GAsyncResult *result, gpointer user_data);

static gboolean
counts_timeout_cb (gpointer data)
{
  PrWindow *self = data;
  g_autoptr(GTask) task = NULL;

  self->counts_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->counts_running)
    {
      self->counts_dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->counts_running = TRUE;
  self->counts_dirty = FALSE;
  task = g_task_new (self, self->cancellable, counts_done, NULL);
  g_task_set_source_tag (task, counts_timeout_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, counts_thread);
  return G_SOURCE_REMOVE;
}

static void
counts_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrWindow *self = PR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *counts = g_task_propagate_pointer (G_TASK (result), &error);

  self->counts_running = FALSE;
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the releases: %s", error->message);
      return;
    }
  /* A store set meanwhile reads its own. */
  if (g_task_get_task_data (G_TASK (result)) == self->store)
    {
      self->count_all = (guint) CLAMP (counts[0], 0, G_MAXUINT);
      self->count_unread = (guint) CLAMP (counts[1], 0, G_MAXUINT);
      self->count_bookmarked = (guint) CLAMP (counts[2], 0, G_MAXUINT);
      update_count_labels (self);
    }
  if (self->counts_dirty)
    refresh_counts (self);
}

static guint
refresh_delay (PrWindow *self)
{
  return self->import_cancellable != NULL ? REFRESH_IMPORT_MS : REFRESH_DELAY_MS;
}

static void
refresh_counts (PrWindow *self)
{
  if (self->store == NULL || self->counts_timeout != 0
      || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->counts_timeout = g_timeout_add (refresh_delay (self), counts_timeout_cb, self);
}

/* Facets: the most frequent wires, places and organizations of the list
 * (its search and filter, not its facet), as a menu. */

typedef struct {
  PrStore *store;
  PrQuery *query;
  PrFilter filter;
} FacetsJob;

static void
facets_job_free (FacetsJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->query);
  g_free (job);
}

static const PrFacetKind facet_kinds[] = { PR_FACET_SOURCE, PR_FACET_PLACE, PR_FACET_ORGANIZATION };

static void
facets_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FacetsJob *job = task_data;
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (facet_kinds); i++)
    {
      GError *error = NULL;
      GPtrArray *facets = pr_store_get_facets (job->store, job->query, job->filter,
                                               facet_kinds[i], FACET_LIMIT, &error);

      if (facets == NULL)
        {
          g_ptr_array_unref (all);
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (all, facets);
    }
  g_task_return_pointer (task, all, (GDestroyNotify) g_ptr_array_unref);
}

/* A label for a menu item: underscores are mnemonics there. */
static char *
menu_label (const char *name,
            guint       count)
{
  g_autoptr(GString) label = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    {
      if (*p == '_')
        g_string_append_c (label, '_');
      g_string_append_c (label, *p);
    }
  g_string_append_printf (label, " (%u)", count);
  return g_strdup (label->str);
}

static void facets_done (GObject *source, GAsyncResult *result, gpointer user_data);

static gboolean
facets_timeout_cb (gpointer data)
{
  PrWindow *self = data;
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  FacetsJob *job;

  self->facets_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->facets_running)
    {
      self->facets_dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->facets_running = TRUE;
  self->facets_dirty = FALSE;

  job = g_new0 (FacetsJob, 1);
  job->store = g_object_ref (self->store);
  text = query_text (self, FALSE);
  job->query = text != NULL ? pr_query_new (text) : NULL;
  job->filter = self->filter_mode;
  task = g_task_new (self, self->cancellable, facets_done, NULL);
  g_task_set_source_tag (task, facets_timeout_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) facets_job_free);
  g_task_run_in_thread (task, facets_thread);
  return G_SOURCE_REMOVE;
}

static void
facets_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrWindow *self = PR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_task_propagate_pointer (G_TASK (result), &error);
  const char *titles[] = {
    /* Translators: a section of the facet menu: the news wires */
    N_("Wires"),
    /* Translators: a section of the facet menu: datelines' places */
    N_("Places"),
    /* Translators: a section of the facet menu */
    N_("Organizations"),
  };
  const char *kinds[] = { "source", "place", "organization" };
  gboolean any = FALSE;

  self->facets_running = FALSE;
  if (all == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the facets: %s", error->message);
      return;
    }

  g_menu_remove_all (self->facet_menu);
  g_string_truncate (self->facets_text, 0);
  for (guint k = 0; k < all->len; k++)
    {
      GPtrArray *facets = g_ptr_array_index (all, k);
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < facets->len; i++)
        {
          PrFacet *facet = g_ptr_array_index (facets, i);
          g_autofree char *label = menu_label (facet->name, facet->count);
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "window.facet",
                                                   g_variant_new ("(ss)", kinds[k], facet->name));
          g_menu_append_item (section, item);
          g_string_append_printf (self->facets_text, "%s\t%s\t%u\n", kinds[k], facet->name, facet->count);
          any = TRUE;
        }
      if (facets->len > 0)
        g_menu_append_section (self->facet_menu, _(titles[k]), G_MENU_MODEL (section));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->facet_button), any);
  if (self->facets_dirty)
    refresh_facets (self);
}

static void
refresh_facets (PrWindow *self)
{
  if (self->store == NULL || self->facets_timeout != 0
      || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->facets_timeout = g_timeout_add (refresh_delay (self), facets_timeout_cb, self);
}

char *
pr_window_dup_facets (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return g_strdup (self->facets_text->str);
}

static void
store_changed (PrWindow      *self,
               PrStoreChange  changes)
{
  refresh_counts (self);
  /* A rebuilt menu is many widgets: once the import is done. */
  if (self->import_cancellable == NULL)
    refresh_facets (self);
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

/* The shown release */

static void
update_bookmark_button (PrWindow *self)
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

static void
update_actions (PrWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean has = self->current != NULL;
  gboolean store = self->store != NULL;
  guint n = n_shown (self);
  const char * const *links = has ? pr_release_get_list (self->current, PR_LIST_LINKS) : NULL;

  gtk_widget_action_set_enabled (w, "window.bookmark", has && store);
  gtk_widget_action_set_enabled (w, "window.toggle-read", has && store);
  gtk_widget_action_set_enabled (w, "window.copy-citation", has);
  gtk_widget_action_set_enabled (w, "window.find-in-article", has);
  gtk_widget_action_set_enabled (w, "window.open-original", links != NULL && links[0] != NULL);
  gtk_widget_action_set_enabled (w, "window.next", n > 0);
  gtk_widget_action_set_enabled (w, "window.previous", n > 0);
  gtk_widget_action_set_enabled (w, "window.next-unread", n > 0);
  gtk_widget_action_set_enabled (w, "window.clear-facet", self->facet_kind != NULL);
  gtk_widget_action_set_enabled (w, "window.facet", store);
  gtk_widget_action_set_enabled (w, "window.import", store);
  gtk_widget_action_set_enabled (w, "window.import-folder", store);
  gtk_widget_action_set_enabled (w, "window.cancel-import", self->import_cancellable != NULL);
  gtk_widget_action_set_enabled (w, "window.mark-all-read", store && self->count_unread > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->facet_button),
                            store && g_menu_model_get_n_items (G_MENU_MODEL (self->facet_menu)) > 0);
  update_bookmark_button (self);
}

static void
current_notify (PrWindow *self)
{
  update_bookmark_button (self);
}

static void
show_release (PrWindow  *self,
              PrRelease *release)
{
  if (self->current == release)
    return;

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_notify, self);
  g_set_object (&self->current, release);
  if (release != NULL)
    g_signal_connect_object (release, "notify::bookmarked", G_CALLBACK (current_notify), self,
                             G_CONNECT_SWAPPED);

  pr_article_view_set_release (self->article_view, release);
  pr_article_view_set_highlight_terms (self->article_view, (const char * const *) self->search_terms);
  pr_sidebar_set_release (self->sidebar, release);
  gtk_stack_set_visible_child_name (self->content_stack, release ? "article" : "none");
  update_actions (self);

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

static void
selection_changed (PrWindow *self)
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
  show_release (self, selected);
}

PrRelease *
pr_window_get_selected_release (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return self->current;
}

/* State: shown at once on the live release, written asynchronously. The
 * store then sets the same state (with its times) on the release. */

typedef struct {
  PrWindow *window;
  GApplication *app;
  PrRelease *release;
  gboolean bookmark;      /* else read */
  gboolean old_value;
  gint64 old_at;
} StateWrite;

static void
state_write_free (StateWrite *write)
{
  g_object_unref (write->window);
  g_clear_object (&write->app);
  g_object_unref (write->release);
  g_free (write);
}

static void
adjust_counts (PrWindow *self,
               gboolean  bookmark,
               gboolean  value)
{
  guint *count = bookmark ? &self->count_bookmarked : &self->count_unread;
  /* Read lowers the unread count; a bookmark raises the bookmarked one. */
  gboolean up = bookmark ? value : !value;

  if (up)
    (*count)++;
  else if (*count > 0)
    (*count)--;
  update_count_labels (self);
}

static void
state_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StateWrite *write = user_data;
  PrWindow *self = write->window;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (write->bookmark)
    ok = pr_store_set_bookmarked_finish (PR_STORE (source), result, &error);
  else
    ok = pr_store_set_read_finish (PR_STORE (source), result, &error);
  self->pending_writes--;
  if (self->pending_writes == 0 && self->next_unread_wanted)
    next_unread (self);

  if (!ok)
    {
      /* Not saved: show the state as it is. */
      if (write->bookmark)
        {
          pr_release_set_bookmarked_at (write->release, write->old_at);
          pr_release_set_bookmarked (write->release, write->old_value);
        }
      else
        {
          pr_release_set_read_at (write->release, write->old_at);
          pr_release_set_read (write->release, write->old_value);
        }
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        {
          g_autofree char *title = g_strdup_printf (_("The change could not be saved: %s"),
                                                    error->message);
          toast (self, title);
        }
    }
  refresh_counts (self);
  release_application (write->app);
  state_write_free (write);
}

static void
write_state (PrWindow  *self,
             PrRelease *release,
             gboolean   bookmark,
             gboolean   value)
{
  gint64 id = pr_release_get_store_id (release);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  StateWrite *write;

  g_return_if_fail (PR_IS_WINDOW (self));
  g_return_if_fail (PR_IS_RELEASE (release));

  value = !!value;
  if ((bookmark ? pr_release_get_bookmarked (release) : pr_release_get_read (release)) == value)
    return;

  write = g_new0 (StateWrite, 1);
  write->window = g_object_ref (self);
  write->release = g_object_ref (release);
  write->bookmark = bookmark;
  if (bookmark)
    {
      write->old_value = pr_release_get_bookmarked (release);
      write->old_at = pr_release_get_bookmarked_at (release);
      pr_release_set_bookmarked_at (release, value ? now : 0);
      pr_release_set_bookmarked (release, value);
    }
  else
    {
      write->old_value = pr_release_get_read (release);
      write->old_at = pr_release_get_read_at (release);
      pr_release_set_read_at (release, value ? now : 0);
      pr_release_set_read (release, value);
    }

  if (self->store == NULL || id == 0)
    {
      /* Not from the library: nothing to write. */
      state_write_free (write);
      return;
    }
  adjust_counts (self, bookmark, value);
  self->pending_writes++;
  hold_application (self);
  write->app = get_application (self) ? g_object_ref (get_application (self)) : NULL;
  /* Not cancellable: a state change the user made is always written. */
  if (bookmark)
    pr_store_set_bookmarked_async (self->store, id, value, NULL, state_written, write);
  else
    pr_store_set_read_async (self->store, id, value, NULL, state_written, write);
}

void
pr_window_set_read (PrWindow  *self,
                    PrRelease *release,
                    gboolean   read)
{
  write_state (self, release, FALSE, read);
}

void
pr_window_set_bookmarked (PrWindow  *self,
                          PrRelease *release,
                          gboolean   bookmarked)
{
  write_state (self, release, TRUE, bookmarked);
}

/* The library */

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

/* The release shown when the window was last closed (by its content id),
 * else the newest one; neither is marked read. */
static void
restore_selection (PrWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "selected-release");
  g_autoptr(PrRelease) release = NULL;

  /* By its content id: one indexed row, whatever row it is in now. */
  if (!is_empty (id))
    release = pr_store_find_release (self->store, id, NULL);

  self->restoring = TRUE;
  if (release != NULL)
    {
      /* Selected where the list has it once that is found. */
      show_release (self, release);
      if (self->list != NULL)
        pr_release_list_find_async (self->list, release, self->find_cancellable, release_found,
                                    find_new (self, release, -1));
    }
  else if (n_shown (self) > 0)
    pr_window_select_position (self, 0);
  else
    self->select_first = TRUE;
  self->restoring = FALSE;
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
  show_release (self, NULL);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->library_failed = FALSE;
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed), self,
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
  update_count_labels (self);
  g_menu_remove_all (self->facet_menu);
  g_string_truncate (self->facets_text, 0);

  apply_query (self);
  if (store != NULL)
    {
      g_clear_handle_id (&self->counts_timeout, g_source_remove);
      counts_timeout_cb (self);
      restore_selection (self);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store != NULL && self->queued_files != NULL)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->queued_files);

      import_files (self, (GFile **) files->pdata, files->len, self->queued_select_first);
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
  update_list_state (self);
  update_actions (self);
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

/* Search and facets */

void
pr_window_set_search_text (PrWindow   *self,
                           const char *text)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (is_empty (text))
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
  if (!is_empty (text))
    gtk_toggle_button_set_active (self->search_button, TRUE);

  apply_query (self);
}

void
pr_window_set_facet (PrWindow   *self,
                     const char *kind,
                     const char *value)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (kind != NULL && !is_empty (value)
      && g_strcmp0 (kind, self->facet_kind) == 0 && g_strcmp0 (value, self->facet_value) == 0)
    return;
  if ((kind == NULL || is_empty (value)) && self->facet_kind == NULL)
    return;

  g_clear_pointer (&self->facet_kind, g_free);
  g_clear_pointer (&self->facet_value, g_free);
  if (kind != NULL && !is_empty (value))
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
      else
        label = g_strdup_printf (_("Wire: %s"), value);
      gtk_label_set_text (self->facet_label, label);
    }
  gtk_revealer_set_reveal_child (self->facet_revealer, self->facet_kind != NULL);
  apply_query (self);
}

static void
sidebar_filter_by (PrWindow   *self,
                   const char *kind,
                   const char *value)
{
  pr_window_set_facet (self, kind, value);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
search_changed (PrWindow       *self,
                GtkSearchEntry *entry)
{
  if (self->syncing_entry)
    return;
  pr_window_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_mode_changed (PrWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    pr_window_set_search_text (self, NULL);
}

static void
filter_setting_changed (PrWindow *self)
{
  PrFilter filter = g_settings_get_enum (self->settings, "filter");

  if (filter == self->filter_mode)
    return;
  self->filter_mode = filter;
  apply_query (self);
}

static void
sort_setting_changed (PrWindow *self)
{
  PrSort sort = g_settings_get_enum (self->settings, "sort");

  if (sort == self->sort)
    return;
  self->sort = sort;
  apply_query (self);
}

/* Sidebar */

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

/* Toasts */

static void
toast (PrWindow   *self,
       const char *title)
{
  /* A toast's title is markup (libadwaita 1.2 has no use-markup): file
   * names and reasons in it are escaped. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void mark_read_async (PrWindow *self, GArray *ids);

typedef struct {
  PrWindow *window;
  PrRelease *release;     /* un-bookmarked, or NULL */
  GArray *ids;            /* marked read, or NULL */
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_object_unref (undo->window);
  g_clear_object (&undo->release);
  g_clear_pointer (&undo->ids, g_array_unref);
  g_free (undo);
}

static void
undo_clicked (AdwToast *t,
              UndoData *undo)
{
  if (undo->release != NULL)
    pr_window_set_bookmarked (undo->window, undo->release, TRUE);
  if (undo->ids != NULL)
    mark_read_async (undo->window, undo->ids);
}

static void
toast_with_undo (PrWindow   *self,
                 const char *title,
                 PrRelease  *release,
                 GArray     *ids)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *t = adw_toast_new (escaped);
  UndoData *undo = g_new0 (UndoData, 1);

  undo->window = g_object_ref (self);
  undo->release = release ? g_object_ref (release) : NULL;
  undo->ids = ids ? g_array_ref (ids) : NULL;
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (undo_clicked), undo,
                         (GClosureNotify) (void (*)(void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Mark all read, and its undo, in a worker thread: the releases the list
 * shows (its search and facet; only the bookmarked ones with that
 * filter) that are unread, their ids read in one query and written in one
 * transaction; the undo writes the same ids back in one transaction. */

typedef struct {
  PrStore *store;
  PrQuery *query;     /* mark these read, or */
  GArray *ids;        /* mark these unread */
  GApplication *app;
} MarkJob;

static void
mark_job_free (MarkJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->query);
  g_clear_pointer (&job->ids, g_array_unref);
  release_application (job->app);
  g_clear_object (&job->app);
  g_free (job);
}

static void
mark_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MarkJob *job = task_data;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  if (job->ids != NULL)
    {
      if (!pr_store_set_read_ids (job->store, job->ids, FALSE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (gint64)),
                             (GDestroyNotify) g_array_unref);
      return;
    }

  ids = pr_store_search_ids (job->store, job->query, PR_FILTER_UNREAD, PR_SORT_DATE, 0, G_MAXUINT,
                             &error);
  if (ids == NULL || (ids->len > 0 && !pr_store_set_read_ids (job->store, ids, TRUE, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

static void
mark_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrWindow *self = PR_WINDOW (source);
  MarkJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) done = g_task_propagate_pointer (G_TASK (result), &error);

  self->pending_writes--;
  if (self->pending_writes == 0 && self->next_unread_wanted)
    next_unread (self);
  refresh_counts (self);
  if (done == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The change could not be saved: %s"), error->message);

      toast (self, title);
      return;
    }
  if (job->ids == NULL && done->len > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%'u release marked as read",
                                                          "%'u releases marked as read", done->len),
                                                done->len);
      toast_with_undo (self, title, NULL, done);
    }
}

static void
run_mark_job (PrWindow *self,
              PrQuery  *query,
              GArray   *ids)
{
  g_autoptr(GTask) task = NULL;
  MarkJob *job;

  if (self->store == NULL)
    return;
  job = g_new0 (MarkJob, 1);
  job->store = g_object_ref (self->store);
  job->query = query ? g_object_ref (query) : NULL;
  job->ids = ids ? g_array_ref (ids) : NULL;
  job->app = get_application (self) ? g_object_ref (get_application (self)) : NULL;
  hold_application (self);
  self->pending_writes++;
  /* Not cancellable: written even when the window closes meanwhile. */
  task = g_task_new (self, NULL, mark_done, NULL);
  g_task_set_source_tag (task, run_mark_job);
  g_task_set_task_data (task, job, (GDestroyNotify) mark_job_free);
  g_task_run_in_thread (task, mark_thread);
}

static void
mark_read_async (PrWindow *self,
                 GArray   *ids)
{
  run_mark_job (self, NULL, ids);
}

/* Actions */

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
    toast_with_undo (self, _("Bookmark removed"), r, NULL);
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
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint pos = selected_position (self);

  if (pos == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, 0);
  /* The shown release left the list: the one in its place is next. */
  else if (selected == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, MIN (pos, n_shown (self) - 1));
  else
    pr_window_select_position (self, pos + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  guint pos = selected_position (self);

  if (pos == GTK_INVALID_LIST_POSITION)
    pr_window_select_position (self, 0);
  else if (pos > 0)
    pr_window_select_position (self, MIN (pos - 1, n_shown (self) - 1));
}

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
  if (position >= 0 && position < n_shown (self))
    release = g_list_model_get_item (G_LIST_MODEL (self->selection), (guint) position);
  if (release == NULL || (guint) position == selected)
    toast (self, _("No unread releases"));
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
static void
next_unread (PrWindow *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint pos = selected_position (self);
  gint64 after = pos == GTK_INVALID_LIST_POSITION ? -1
                 : selected == GTK_INVALID_LIST_POSITION ? (gint64) pos - 1 : (gint64) pos;

  self->next_unread_wanted = FALSE;
  self->next_unread_tries = 0;
  find_next_unread (self, after);
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
    next_unread (self);
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
    if (pr_article_view_uri_is_launchable (links[i]))
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
  toast (self, _("Citation copied"));
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
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  g_autofree char *text = query_text (self, TRUE);
  g_autofree char *full = NULL;
  g_autoptr(PrQuery) query = NULL;

  if (self->filter_mode == PR_FILTER_BOOKMARKED)
    full = text != NULL ? g_strdup_printf ("is:bookmarked (%s)", text) : g_strdup ("is:bookmarked");
  else
    full = g_steal_pointer (&text);
  query = full != NULL ? pr_query_new (full) : NULL;
  run_mark_job (self, query, NULL);
}

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
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
clear_facet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pr_window_set_facet (PR_WINDOW (widget), NULL, NULL);
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

/* Import: PrImport in a worker thread. The first release in the order of
 * the inputs (folders in name order, as PrImport walks them) is noted
 * while the files are parsed, to be shown at the end. */

typedef struct {
  gint ref_count;
  GMutex lock;
  GPtrArray *inputs;      /* char*: the given paths, canonical */
  char *best_path;
  guint best_input;
  PrRelease *best;
  guint catalog_input;    /* the first input that is a catalog, or inputs->len */
  gint64 catalog_first;   /* the store id of its first release, or 0 */
} FirstRelease;

static FirstRelease *
first_release_new (void)
{
  FirstRelease *first = g_new0 (FirstRelease, 1);

  first->ref_count = 1;
  g_mutex_init (&first->lock);
  first->inputs = g_ptr_array_new_with_free_func (g_free);
  return first;
}

static FirstRelease *
first_release_ref (FirstRelease *first)
{
  g_atomic_int_inc (&first->ref_count);
  return first;
}

static void
first_release_unref (gpointer data)
{
  FirstRelease *first = data;

  if (first == NULL || !g_atomic_int_dec_and_test (&first->ref_count))
    return;
  g_ptr_array_unref (first->inputs);
  g_free (first->best_path);
  g_clear_object (&first->best);
  g_mutex_clear (&first->lock);
  g_free (first);
}

static guint
input_of (FirstRelease *first,
          const char   *path)
{
  for (guint i = 0; i < first->inputs->len; i++)
    {
      const char *input = g_ptr_array_index (first->inputs, i);
      gsize length = strlen (input);

      if (strncmp (path, input, length) == 0 && (path[length] == '\0' || path[length] == '/'))
        return i;
    }
  return first->inputs->len;
}

/* Name by name, as a walk in name order meets them. */
static int
compare_paths (const char *a,
               const char *b)
{
  g_auto(GStrv) pa = g_strsplit (a, "/", -1);
  g_auto(GStrv) pb = g_strsplit (b, "/", -1);

  for (guint i = 0; ; i++)
    {
      int cmp;

      if (pa[i] == NULL || pb[i] == NULL)
        return (pa[i] != NULL) - (pb[i] != NULL);
      cmp = strcmp (pa[i], pb[i]);
      if (cmp != 0)
        return cmp;
    }
}

/* PrImport's parse function, on its pool's threads (which run at a lower
 * priority, see pr-import.c): parses and notes the first release. */
static PrRelease *
parse_and_note_first (GFile         *file,
                      GCancellable  *cancellable,
                      gpointer       user_data,
                      GError       **error)
{
  FirstRelease *first = user_data;
  PrRelease *release = pr_parse_file (file, cancellable, error);
  const char *path = g_file_peek_path (file);

  if (release == NULL || path == NULL)
    return release;

  g_mutex_lock (&first->lock);
  {
    guint input = input_of (first, path);

    if (first->best == NULL || input < first->best_input
        || (input == first->best_input && compare_paths (path, first->best_path) < 0))
      {
        g_set_object (&first->best, release);
        g_free (first->best_path);
        first->best_path = g_strdup (path);
        first->best_input = input;
      }
  }
  g_mutex_unlock (&first->lock);
  return release;
}

static void
import_progress_changed (PrWindow *self,
                         PrImport *import)
{
  guint done = pr_import_get_done (import);
  guint total = pr_import_get_total (import);
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_monotonic_time ();

  /* Each change of the text lays the window out again. */
  if (done < total && now - self->progress_shown < PROGRESS_INTERVAL_MS * 1000)
    return;
  self->progress_shown = now;
  current = pr_import_dup_current_file (import);

  if (total > 0)
    {
      g_autofree char *count = NULL;

      gtk_progress_bar_set_fraction (self->import_progress, MIN (1.0, (double) done / total));
      /* Translators: import progress, "12 of 40 files". */
      count = g_strdup_printf (ngettext ("%'u of %'u file", "%'u of %'u files", total), done, total);
      if (current != NULL)
        {
          g_autofree char *name = g_path_get_basename (current);

          text = g_strdup_printf ("%s · %s", count, name);
        }
      else
        text = g_steal_pointer (&count);
    }
  else
    {
      gtk_progress_bar_pulse (self->import_progress);
      text = g_strdup (_("Looking for releases…"));
    }
  gtk_label_set_text (self->import_label, text);
}

static void
show_failures (PrWindow   *self,
               GPtrArray  *failures,
               const char *error)
{
  GtkWidget *dialog;
  GString *body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint shown = MIN (failures->len, 50);
  guint n = failures->len + (error != NULL);

  if (error != NULL)
    g_string_append_printf (body, "%s\n", error);
  for (guint i = 0; i < shown; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      g_string_append_printf (body, "%s: %s\n", failure->path, failure->reason);
    }
  if (failures->len > shown)
    g_string_append_printf (body, ngettext ("…and %'u more file", "…and %'u more files",
                                            failures->len - shown), failures->len - shown);
  heading = g_strdup_printf (ngettext ("%'u File Could Not Be Imported",
                                       "%'u Files Could Not Be Imported", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  /* Paths and reasons are plain text. */
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), g_strchomp (body->str));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

/* An import on a thread of its own at background priority. */
typedef struct {
  PrWindow *window;
  PrImport *import;
  PrStore *store;
  GCancellable *cancellable;
  FirstRelease *first;
  gboolean select_first;
  GThread *thread;
  GMainContext *context;
  gboolean ok;
  GError *error;
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  g_object_unref (run->window);
  g_object_unref (run->import);
  g_object_unref (run->store);
  g_object_unref (run->cancellable);
  first_release_unref (run->first);
  g_main_context_unref (run->context);
  g_clear_error (&run->error);
  g_free (run);
}

/* The first release of the first input that is a catalog (a .json file),
 * by its content id: the catalog is read again, on this thread. */
static void
note_catalog_first (ImportRun *run)
{
  FirstRelease *first = run->first;

  for (guint i = 0; i < first->inputs->len; i++)
    {
      const char *path = g_ptr_array_index (first->inputs, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) releases = NULL;
      g_autoptr(PrRelease) stored = NULL;

      if (!g_str_has_suffix (path, ".json") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      first->catalog_input = i;
      file = g_file_new_for_path (path);
      releases = pr_catalog_read_file (file, run->cancellable, NULL, NULL);
      if (releases != NULL && releases->len > 0)
        stored = pr_store_find_release (run->store,
                                        pr_release_compute_id (g_ptr_array_index (releases, 0)),
                                        NULL);
      if (stored != NULL)
        first->catalog_first = pr_release_get_store_id (stored);
      return;
    }
}

static gboolean import_finished (gpointer data);

static gpointer
import_thread (gpointer data)
{
  ImportRun *run = data;
  GSource *source;

  pr_import_lower_thread_priority ();
  run->ok = pr_import_run (run->import, run->cancellable, &run->error);
  if (run->select_first && !g_cancellable_is_cancelled (run->cancellable))
    note_catalog_first (run);
  /* Always in the window's thread (g_main_context_invoke() could call it
   * here when that thread is between iterations). */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, import_finished, run, NULL);
  g_source_set_static_name (source, "[pressreader] import finished");
  g_source_attach (source, run->context);
  g_source_unref (source);
  return NULL;
}

static gboolean
import_finished (gpointer data)
{
  ImportRun *run = data;
  PrWindow *self = run->window;
  FirstRelease *first = run->first;
  g_autoptr(GPtrArray) failures = NULL;
  gint64 select_id = 0;
  guint imported;

  g_thread_join (run->thread);
  failures = pr_import_dup_failures (run->import);
  imported = pr_import_get_imported (run->import);

  g_signal_handlers_disconnect_by_data (run->import, self);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_first, first_release_unref);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* The counts now, not at the import's pace. */
      g_clear_handle_id (&self->counts_timeout, g_source_remove);
      refresh_counts (self);
      g_clear_handle_id (&self->facets_timeout, g_source_remove);
      refresh_facets (self);

      if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Import cancelled"));
      else if (run->error != NULL || failures->len > 0)
        show_failures (self, failures, run->error ? run->error->message : NULL);
      else
        {
          g_autofree char *title = g_strdup_printf (ngettext ("%'u new release", "%'u new releases",
                                                              imported), imported);
          toast (self, title);
        }

      /* The first release of the inputs: a catalog's, or a file's. */
      if (first->catalog_first != 0
          && (first->best == NULL || first->catalog_input <= first->best_input))
        select_id = first->catalog_first;
      else if (first->best != NULL)
        select_id = pr_release_get_store_id (first->best);
      if (run->select_first && select_id != 0 && self->store == run->store)
        {
          g_autoptr(PrRelease) release = pr_store_get_release (self->store, select_id, NULL);

          if (release != NULL)
            pr_window_select_release (self, release);
        }
    }
  g_clear_object (&self->import);
  import_run_free (run);
  return G_SOURCE_REMOVE;
}

static void
import_files (PrWindow  *self,
              GFile    **files,
              guint      n_files,
              gboolean   select_first)
{
  FirstRelease *first;
  ImportRun *run;

  if (n_files == 0)
    return;
  if (self->store == NULL)
    {
      if (self->library_failed)
        {
          toast (self, _("The library could not be opened"));
          return;
        }
      /* The library is still opening: the files wait for it. */
      if (self->queued_files == NULL)
        self->queued_files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (self->queued_files, g_object_ref (files[i]));
      self->queued_select_first = self->queued_select_first || select_first;
      return;
    }
  if (self->import_cancellable != NULL)
    {
      toast (self, _("An import is already running"));
      return;
    }

  first = first_release_new ();
  self->import = pr_import_new (self->store);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      pr_import_add_file (self->import, files[i]);
      if (path != NULL)
        g_ptr_array_add (first->inputs, g_canonicalize_filename (path, NULL));
    }
  pr_import_set_parse_func (self->import, parse_and_note_first, first_release_ref (first),
                            first_release_unref);
  g_signal_connect_object (self->import, "progress", G_CALLBACK (import_progress_changed), self,
                           G_CONNECT_SWAPPED);
  self->import_first = first;
  self->import_select_first = select_first;
  self->import_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_label_set_text (self->import_label, _("Looking for releases…"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);

  run = g_new0 (ImportRun, 1);
  run->window = g_object_ref (self);
  run->import = g_object_ref (self->import);
  run->store = g_object_ref (self->store);
  run->cancellable = g_object_ref (self->import_cancellable);
  run->first = first_release_ref (first);
  run->select_first = select_first;
  run->context = g_main_context_ref_thread_default ();
  first->catalog_input = first->inputs->len;
  run->thread = g_thread_new ("pr-import", import_thread, run);
}

void
pr_window_import_files (PrWindow  *self,
                        GFile    **files,
                        int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  import_files (self, files, MAX (n_files, 0), FALSE);
}

void
pr_window_open_files (PrWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  import_files (self, files, MAX (n_files, 0), TRUE);
}

gboolean
pr_window_get_importing (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL;
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  PrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      import_files (self, (GFile **) array->pdata, array->len, TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (PrWindow *self,
              gboolean  folder)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (folder ? _("Import Folder") : _("Import Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      GtkFileFilter *releases = gtk_file_filter_new ();
      GtkFileFilter *all = gtk_file_filter_new ();

      gtk_file_filter_set_name (releases, _("Press Releases and Catalogs"));
      gtk_file_filter_add_mime_type (releases, "text/plain");
      gtk_file_filter_add_mime_type (releases, "application/json");
      gtk_file_filter_add_suffix (releases, "txt");
      gtk_file_filter_add_suffix (releases, "json");
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), releases);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      g_object_unref (releases);
      g_object_unref (all);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (PR_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (PR_WINDOW (widget), TRUE);
}

static gboolean
drop_files (PrWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files = list ? gdk_file_list_get_files (list) : NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);
  import_files (self, (GFile **) array->pdata, array->len, TRUE);
  return array->len > 0;
}


/* First frame (PRESSREADER_EXIT_AFTER_FIRST_FRAME) */

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
      && (n_shown (self) == 0 || g_hash_table_size (self->bound) == 0
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

/* GObject */

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
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  drop_pending_list (self);
  clear_pending_select (self);
  g_clear_handle_id (&self->counts_timeout, g_source_remove);
  g_clear_handle_id (&self->facets_timeout, g_source_remove);
  g_clear_handle_id (&self->select_idle, g_source_remove);
  g_clear_handle_id (&self->deferred_idle, g_source_remove);
  g_clear_handle_id (&self->deferred_timeout, g_source_remove);
  g_clear_handle_id (&self->moved_aside_idle, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_notify, self);
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
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import);
  g_free (self->search_text);
  g_strfreev (self->search_terms);
  g_free (self->facet_kind);
  g_free (self->facet_value);
  g_free (self->moved_aside_text);
  if (self->facets_text != NULL)
    g_string_free (self->facets_text, TRUE);

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

  gtk_widget_class_install_action (widget_class, "window.bookmark", NULL, bookmark_action);
  gtk_widget_class_install_action (widget_class, "window.toggle-read", NULL, toggle_read_action);
  gtk_widget_class_install_action (widget_class, "window.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "window.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "window.next-unread", NULL, next_unread_action);
  gtk_widget_class_install_action (widget_class, "window.open-original", NULL, open_original_action);
  gtk_widget_class_install_action (widget_class, "window.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "window.find-in-article", NULL, find_in_article_action);
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
                           G_CALLBACK (filter_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sort",
                           G_CALLBACK (sort_setting_changed), self, G_CONNECT_SWAPPED);

  /* The list: the library's PrReleaseList (set by apply_query) → selection. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (list_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                           "value-changed", G_CALLBACK (list_scrolled), self, G_CONNECT_SWAPPED);

  /* Facets */
  gtk_menu_button_set_menu_model (self->facet_button, G_MENU_MODEL (self->facet_menu));

  /* Search */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed), self, G_CONNECT_SWAPPED);

  /* Article, sidebar, zoom */
  g_settings_bind (self->settings, "text-scale", self->article_view, "text-scale",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->sidebar, "filter-by", G_CALLBACK (sidebar_filter_by), self,
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
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_files), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Until the library is there: "Opening the library". */
  update_count_labels (self);
  apply_query (self);
}

PrWindow *
pr_window_new (GtkApplication *application,
               PrContext      *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (context == NULL || PR_IS_CONTEXT (context), NULL);

  return g_object_new (PR_TYPE_WINDOW, "application", application, "context", context, NULL);
}
