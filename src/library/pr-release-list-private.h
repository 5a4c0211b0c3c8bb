/* pr-release-list-private.h: the list model's state, shared by its files
 * (the model, its pages and changes, its reads in workers) */
#pragma once

#include "pr-release-list.h"
#include "pr-store-private.h"

G_BEGIN_DECLS

#define MAX_PAGES 8
#define MAX_SNIPPETS 4096
/* Asynchronous lists: a write that starts the list over is shown at most
 * this often... */
#define REFRESH_INTERVAL_MS 300
/* ...with the pages used in the last seconds read again. */
#define RECENT_PAGES 3
#define RECENT_PAGE_US (5 * G_USEC_PER_SEC)
/* Finding a release while the library changes faster than the list is
 * refreshed: tries before the last answer is given as it is. */
#define FIND_TRIES 8
/* Changes of a refresh fewer kept rows apart than this are one. */
#define MERGE_KEPT 16
/* ...and tell at most this many new rows of the pages a turn, a turn a
 * frame's time (views make a row widget for each; an import that adds
 * many on top of the rows shown would otherwise hold one frame, and so
 * would turns made as idles: those run many times between two frames). */
#define PACE_ROWS 24
#define PACE_INTERVAL_MS 16
/* A new query's first page comes with the releases of its first rows. */
#define FIRST_RELEASES 48
/* ...and when it has a common prefix, its first this many rows before it
 * is counted (pr_store_matches_quick_page()). */
#define QUICK_ROWS 64

/* A page is the ids of the PR_RELEASE_LIST_PAGE_SIZE rows from
 * index * PR_RELEASE_LIST_PAGE_SIZE, read in one query; its releases are
 * read with it (asynchronous lists) or one by one as they are asked for.
 * A write that moves rows shifts the pages' rows with them: an id of 0 is
 * a row that moved in from a page not read. */
typedef struct {
  guint index;
  GArray *ids;         /* gint64 */
  PrRelease **items;   /* NULL until read */
  gint64 used;         /* when last asked for (monotonic) */
} Page;

struct _PrReleaseList
{
  GObject parent_instance;

  PrStore *store;
  PrQuery *query;
  PrFilter filter;
  PrSort sort;
  gboolean async;
  gboolean grouped;     /* one row per group of copies */

  PrStoreWatch *watch;
  guint n_items;
  GQueue pages;              /* Page, most recently used first */
  GHashTable *snippets;      /* gint64* store id → char* */
  guint page_loads;
  gboolean constructed;

  /* Asynchronous lists */
  guint serial;              /* the watch's: a new one for each query */
  guint64 epoch;             /* the watch's state shown */
  gboolean loading;          /* the query's rows not shown yet */
  gboolean counting;         /* its first rows shown, not its count yet */
  gboolean stale;            /* the library moved on from the rows shown */
  gboolean refreshing;
  guint refresh_timeout;
  gint64 refreshed_at;
  GCancellable *cancellable; /* the watch's reads */
  GHashTable *requested;     /* page index → being read */
  GHashTable *placeholders;  /* position → PrRelease */

  /* While a refresh is told as a series of changes: positions from
   * splice_at on are still the old state's, at splice_old on. */
  gboolean splicing;
  guint splice_at;
  guint splice_old;
  GQueue old_pages;          /* Page, the old state's */
  GArray *ops;               /* Op: the changes still to tell */
  guint pace_idle;           /* the next turn of them */
  guint told_from;           /* the count before the refresh */
};

/* A change of a refresh, and the state after it. */
typedef struct {
  guint position;
  guint removed;
  guint added;
  guint splice_at;
  guint splice_old;
  gboolean paced;            /* in the pages: PACE_ROWS new rows a turn */
} Op;

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_FILTER,
  PROP_SORT,
  PROP_GROUPED,
  PROP_ASYNC,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COUNTING,
  N_PROPS
};

/* ---- the model (pr-release-list.c) ----------------------------------- */

/* Notifies a change of the property @prop_id (a PROP_ above). */
void       pr_release_list_notify                     (PrReleaseList      *self,
                                                       guint               prop_id);

/* ---- pages and changes (pr-release-list-pages.c) --------------------- */

void       pr_release_list_pages_free_page            (Page               *page);
void       pr_release_list_pages_clear                (PrReleaseList      *self);
/* The page at @index (made the most recently used one), or NULL. */
Page      *pr_release_list_pages_find                 (PrReleaseList      *self,
                                                       guint               index);
Page      *pr_release_list_pages_merge                (PrReleaseList      *self,
                                                       guint               index,
                                                       GArray             *ids,
                                                       GPtrArray          *releases);
void       pr_release_list_pages_emit_changed         (PrReleaseList      *self,
                                                       guint               position,
                                                       guint               removed,
                                                       guint               added);
guint      pr_release_list_pages_count_items          (PrReleaseList      *self);
void       pr_release_list_pages_request_placeholders (PrReleaseList      *self);
/* The store's watch function: a write moved rows. */
void       pr_release_list_pages_apply_delta          (const PrStoreDelta *delta,
                                                       gpointer            user_data);

/* ---- reads in workers (pr-release-list-async.c) ---------------------- */

void       pr_release_list_async_request_page         (PrReleaseList      *self,
                                                       guint               index);
void       pr_release_list_async_schedule_refresh     (PrReleaseList      *self);
void       pr_release_list_async_start_refresh        (PrReleaseList      *self);

G_END_DECLS
