/* pr-window.h: the reading window: list | article | details */
#pragma once

#include <adwaita.h>

#include "pr-article-view.h"
#include "pr-context.h"
#include "pr-library.h"
#include "pr-release-list.h"
#include "pr-sidebar.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_WINDOW (pr_window_get_type ())
G_DECLARE_FINAL_TYPE (PrWindow, pr_window, PR, WINDOW, AdwApplicationWindow)

/* @context: the application's library, which the window follows (it is
 * opened asynchronously); NULL for a window that is given its store. */
PrWindow      *pr_window_new                  (GtkApplication *application,
                                               PrContext     *context);

/* The library the window shows. A window follows its context's library
 * unless one was set here first. */
PrStore       *pr_window_get_store            (PrWindow      *self);
void           pr_window_set_store            (PrWindow      *self,
                                               PrStore       *store);

/* Imports files and folders (asynchronously, through PrImport) and, for
 * open_files, shows the first release once they are in. Before the
 * library is open they wait for it. */
void           pr_window_open_files           (PrWindow      *self,
                                               GFile        **files,
                                               int            n_files);
void           pr_window_import_files         (PrWindow      *self,
                                               GFile        **files,
                                               int            n_files);
gboolean       pr_window_get_importing        (PrWindow      *self);

/* The list the window shows: a PrReleaseList over the window's query
 * (filter, search text, facet and sort), or NULL without a library; and
 * the selection model over it. */
GListModel    *pr_window_get_model            (PrWindow      *self);
GListModel    *pr_window_get_list_model       (PrWindow      *self);

void           pr_window_set_search_text      (PrWindow      *self,
                                               const char    *text);
/* Filters the list by an organization, person, place or source (the
 * sidebar's "filter-by" and the facet menu); NULL @kind clears it. */
void           pr_window_set_facet            (PrWindow      *self,
                                               const char    *kind,
                                               const char    *value);
/* The library's counts, as last read (asynchronously). */
void           pr_window_get_counts           (PrWindow      *self,
                                               guint         *all,
                                               guint         *unread,
                                               guint         *bookmarked);
/* The facet menu's entries as last read: "kind\tname\tcount" lines. */
char          *pr_window_dup_facets           (PrWindow      *self);

PrRelease     *pr_window_get_selected_release (PrWindow      *self);
/* Shows @release; selects it in the list when it is among the rows on
 * screen or on the list's first page (TRUE), else only shows it. */
gboolean       pr_window_select_release       (PrWindow      *self,
                                               PrRelease     *release);
void           pr_window_select_position      (PrWindow      *self,
                                               guint          position);

/* State, written to the library asynchronously and shown at once. */
void           pr_window_set_read             (PrWindow      *self,
                                               PrRelease     *release,
                                               gboolean       read);
void           pr_window_set_bookmarked       (PrWindow      *self,
                                               PrRelease     *release,
                                               gboolean       bookmarked);

/* For tests: TRUE when no write, count, facet read or import is pending. */
gboolean       pr_window_is_settled           (PrWindow      *self);

PrArticleView *pr_window_get_article_view     (PrWindow      *self);
PrSidebar     *pr_window_get_sidebar          (PrWindow      *self);
/* For tests: the layout widgets, by name ("leaflet", "flap", "list-view",
 * "list-stack", "search-entry", "search-bar", "toast-overlay", ...). */
GtkWidget     *pr_window_get_part             (PrWindow      *self,
                                               const char    *name);

G_END_DECLS
