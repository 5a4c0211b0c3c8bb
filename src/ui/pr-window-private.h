/* pr-window-private.h: the window's struct and what its files share
 *
 * PrWindow is one object in several files (pr-window.c says which); they
 * share its struct and the functions below. */
#pragma once

#include "pr-export.h"
#include "pr-facts.h"
#include "pr-import.h"
#include "pr-query.h"
#include "pr-refresh.h"
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
  guint deferred_tick;
  guint select_idle;
  guint position_hint;             /* the last selected position */
  gboolean list_at_top;            /* scrolled to the top before a change */
  gint64 scrolled_at;              /* the last scroll to a row below the top */
  PrReleaseList *pending_list;     /* a new query's, until its rows are read */
  guint pending_select;            /* a placeholder to select once read */
  PrRelease *pending_expect;       /* ...if it turns out to be this release */
  GCancellable *find_cancellable;  /* the finds of the current list */
  GCancellable *copies_cancellable; /* the read of the shown release's copies */
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

  /* Printing (pr-window-actions.c) */
  GtkPrintOperation *print_operation;  /* while its dialog or job runs */
  GtkPrintSettings *print_settings;    /* the last ones, for the next */

  /* Feeds (pr-window-feeds.c) */
  PrRefresh *own_refresh;          /* without a context's */
  PrRefresh *followed_refresh;     /* whose passes the window shows */
  GCancellable *refresh_cancellable;
  GtkWidget *feeds_window;         /* weak */
  gboolean refresh_by_hand;
  GHashTable *toasts_shown;        /* title → AdwToast (borrowed), until dismissed */
  guint refresh_added;
  guint refresh_failed;

  gulong after_paint_handler;

  /* A damaged library was moved aside when opened: said after the first
   * frame. */
  char *moved_aside_text;
  gulong moved_aside_handler;
  guint moved_aside_idle;
};

/* pr-window.c */
gboolean      pr_window_is_empty                     (const char               *s);
gboolean      pr_window_same_release                 (PrRelease                *a,
                                                      PrRelease                *b);
GApplication *pr_window_get_application              (PrWindow                 *self);
void          pr_window_hold_application             (PrWindow                 *self);
void          pr_window_release_application          (GApplication             *app);
void          pr_window_update_bookmark_button       (PrWindow                 *self);
void          pr_window_update_actions               (PrWindow                 *self);
void          pr_window_notify_importing   (PrWindow                 *self);

/* pr-window-list.c */
char         *pr_window_query_text                   (PrWindow                 *self,
                                                      gboolean                  with_facet);
guint         pr_window_n_shown                      (PrWindow                 *self);
void          pr_window_update_list_state            (PrWindow                 *self);
void          pr_window_clear_pending_select         (PrWindow                 *self);
void          pr_window_list_changed                 (PrWindow                 *self,
                                                      guint                     position,
                                                      guint                     removed,
                                                      guint                     added);
void          pr_window_drop_pending_list            (PrWindow                 *self);
void          pr_window_apply_query                  (PrWindow                 *self);
void          pr_window_setup_row                    (GtkSignalListItemFactory *factory,
                                                      GtkListItem              *item,
                                                      PrWindow                 *self);
void          pr_window_list_scrolled                (PrWindow                 *self);
void          pr_window_stop_deferred_fill           (PrWindow                 *self);
void          pr_window_list_keep_top                (PrWindow                 *self,
                                                      guint                     position,
                                                      guint                     removed,
                                                      guint                     added);
void          pr_window_bind_row                     (GtkSignalListItemFactory *factory,
                                                      GtkListItem              *item,
                                                      PrWindow                 *self);
void          pr_window_unbind_row                   (GtkSignalListItemFactory *factory,
                                                      GtkListItem              *item,
                                                      PrWindow                 *self);
void          pr_window_teardown_row                 (GtkSignalListItemFactory *factory,
                                                      GtkListItem              *item,
                                                      PrWindow                 *self);
guint         pr_window_selected_position            (PrWindow                 *self);
void          pr_window_current_notify               (PrWindow                 *self);
void          pr_window_show_release                 (PrWindow                 *self,
                                                      PrRelease                *release);
void          pr_window_selection_changed            (PrWindow                 *self);
void          pr_window_restore_selection            (PrWindow                 *self);
void          pr_window_next_unread                  (PrWindow                 *self);
void          pr_window_row_activated                (PrWindow                 *self,
                                                      guint                     position);
void          pr_window_show_copy                    (PrWindow                 *self,
                                                      PrRelease                *copy);
void          pr_window_sidebar_filter_by            (PrWindow                 *self,
                                                      const char               *kind,
                                                      const char               *value);
void          pr_window_search_changed               (PrWindow                 *self,
                                                      GtkSearchEntry           *entry);
void          pr_window_search_mode_changed          (PrWindow                 *self);
void          pr_window_filter_setting_changed       (PrWindow                 *self);
void          pr_window_sort_setting_changed         (PrWindow                 *self);
void          pr_window_copies_setting_changed       (PrWindow                 *self);

/* pr-window-library.c */
void          pr_window_update_count_labels          (PrWindow                 *self);
gboolean      pr_window_counts_timeout_cb            (gpointer                  data);
void          pr_window_refresh_counts               (PrWindow                 *self);
void          pr_window_refresh_facets               (PrWindow                 *self);
void          pr_window_store_changed                (PrWindow                 *self,
                                                      PrStoreChange             changes);

/* pr-window-state.c */
void          pr_window_toast                        (PrWindow                 *self,
                                                      const char               *title);
void          pr_window_toast_with_undo              (PrWindow                 *self,
                                                      const char               *title,
                                                      PrRelease                *release,
                                                      GArray                   *ids);
void          pr_window_run_mark_job                 (PrWindow                 *self,
                                                      PrQuery                  *query,
                                                      GArray                   *ids);

/* pr-window-actions.c: installs the window.* actions and their keys. */
void          pr_window_class_init_actions (PrWindowClass            *klass);

/* pr-window-export.c: Export… (window.export, Ctrl+Shift+E). */
typedef enum {
  PR_WINDOW_EXPORT_LISTED,      /* the releases the list shows (search, facet, filter) */
  PR_WINDOW_EXPORT_BOOKMARKED,
  PR_WINDOW_EXPORT_SHOWN,       /* the release open in the article view */
} PrWindowExportScope;

/* Reads the releases and writes @file in a worker; _finish() returns how
 * many were written (0 with @error set on failure, naming the reason). */
void          pr_window_export_async                 (PrWindow                 *self,
                                                      PrWindowExportScope       scope,
                                                      PrExportFormat            format,
                                                      GFile                    *file,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
guint         pr_window_export_finish                (PrWindow                 *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);
void          pr_window_class_init_export            (PrWindowClass            *klass);

/* pr-window-feeds.c */
PrRefresh    *pr_window_get_refresh                  (PrWindow                 *self);
/* Whether an import or a feeds' refresh is writing to the library. */
gboolean      pr_window_is_writing                   (PrWindow                 *self);
void          pr_window_show_watch                   (PrWindow                 *self,
                                                      const char               *query);
void          pr_window_show_feed                    (PrWindow                 *self,
                                                      gint64                    id,
                                                      const char               *title);
void          pr_window_class_init_feeds             (PrWindowClass            *klass);
void          pr_window_dispose_feeds                (PrWindow                 *self);

/* pr-window-import.c */
void          pr_window_start_import                 (PrWindow                 *self,
                                                      GFile                   **files,
                                                      guint                     n_files,
                                                      gboolean                  select_first);
void          pr_window_open_chooser                 (PrWindow                 *self,
                                                      gboolean                  folder);
gboolean      pr_window_drop_files                   (PrWindow                 *self,
                                                      const GValue             *value,
                                                      double                    x,
                                                      double                    y,
                                                      GtkDropTarget            *target);

G_END_DECLS
