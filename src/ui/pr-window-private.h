/* pr-window-private.h: the window's struct and what its files share
 *
 * PrWindow is one object in several files (pr-window.c says which); they
 * share its struct and the functions below. */
#pragma once

#include "pr-import.h"
#include "pr-query.h"
#include "pr-window.h"

G_BEGIN_DECLS

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

  /* The library and the model seam (see pr-window-list.c). */
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

  /* Counts and facets, read in worker threads (pr-window-library.c) */
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

/* pr-window.c */
gboolean      is_empty                     (const char               *s);
gboolean      same_release                 (PrRelease                *a,
                                            PrRelease                *b);
GApplication *get_application              (PrWindow                 *self);
void          hold_application             (PrWindow                 *self);
void          release_application          (GApplication             *app);
void          update_bookmark_button       (PrWindow                 *self);
void          update_actions               (PrWindow                 *self);
void          pr_window_notify_importing   (PrWindow                 *self);

/* pr-window-list.c */
char         *query_text                   (PrWindow                 *self,
                                            gboolean                  with_facet);
guint         n_shown                      (PrWindow                 *self);
void          update_list_state            (PrWindow                 *self);
void          clear_pending_select         (PrWindow                 *self);
void          list_changed                 (PrWindow                 *self,
                                            guint                     position,
                                            guint                     removed,
                                            guint                     added);
void          drop_pending_list            (PrWindow                 *self);
void          apply_query                  (PrWindow                 *self);
void          setup_row                    (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            PrWindow                 *self);
void          list_scrolled                (PrWindow                 *self);
void          bind_row                     (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            PrWindow                 *self);
void          unbind_row                   (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            PrWindow                 *self);
void          teardown_row                 (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            PrWindow                 *self);
guint         selected_position            (PrWindow                 *self);
void          current_notify               (PrWindow                 *self);
void          show_release                 (PrWindow                 *self,
                                            PrRelease                *release);
void          selection_changed            (PrWindow                 *self);
void          restore_selection            (PrWindow                 *self);
void          next_unread                  (PrWindow                 *self);
void          sidebar_filter_by            (PrWindow                 *self,
                                            const char               *kind,
                                            const char               *value);
void          search_changed               (PrWindow                 *self,
                                            GtkSearchEntry           *entry);
void          search_mode_changed          (PrWindow                 *self);
void          filter_setting_changed       (PrWindow                 *self);
void          sort_setting_changed         (PrWindow                 *self);

/* pr-window-library.c */
void          update_count_labels          (PrWindow                 *self);
gboolean      counts_timeout_cb            (gpointer                  data);
void          refresh_counts               (PrWindow                 *self);
void          refresh_facets               (PrWindow                 *self);
void          store_changed                (PrWindow                 *self,
                                            PrStoreChange             changes);

/* pr-window-state.c */
void          toast                        (PrWindow                 *self,
                                            const char               *title);
void          toast_with_undo              (PrWindow                 *self,
                                            const char               *title,
                                            PrRelease                *release,
                                            GArray                   *ids);
void          run_mark_job                 (PrWindow                 *self,
                                            PrQuery                  *query,
                                            GArray                   *ids);

/* pr-window-actions.c: installs the window.* actions and their keys. */
void          pr_window_class_init_actions (PrWindowClass            *klass);

/* pr-window-import.c */
void          import_files                 (PrWindow                 *self,
                                            GFile                   **files,
                                            guint                     n_files,
                                            gboolean                  select_first);
void          open_chooser                 (PrWindow                 *self,
                                            gboolean                  folder);
gboolean      drop_files                   (PrWindow                 *self,
                                            const GValue             *value,
                                            double                    x,
                                            double                    y,
                                            GtkDropTarget            *target);

G_END_DECLS
