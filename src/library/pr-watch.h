/* pr-watch.h: a watch, a saved search the library keeps counts for
 *
 * Not to be confused with PrStoreWatch (pr-store-watch.c), through which a
 * list model follows the library's changes. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char *name;               /* unique in the library */
  char *query;              /* in the search language (pr-query.h) */
  gboolean notify;          /* tell the user of new matches */
  guint position;           /* the order the user gave them, from 0 */
  gint64 added_at;
  /* Kept by the library as releases arrive and are read. */
  gint64 total;
  gint64 unread;
} PrWatch;

#define PR_TYPE_WATCH (pr_watch_get_type ())

GType    pr_watch_get_type (void);
PrWatch *pr_watch_new      (const char    *name,
                            const char    *query);
PrWatch *pr_watch_copy     (const PrWatch *watch);
void     pr_watch_free     (PrWatch       *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrWatch, pr_watch_free)

/* What one write (or several, merged) brought a notifying watch: the
 * releases new to the library that it matched, never updated ones nor
 * ones the library had already. PrStore::watch-hits carries them. */
typedef struct {
  gint64 watch_id;
  char *name;
  char *query;              /* the watch's search, to tell if it is on screen */
  guint count;              /* new releases matched */
  gint64 newest_id;         /* the newest of them, by date then id */
  char *newest_date;        /* its date as stored (ISO 8601), to merge hits */
  char *newest_title;
} PrWatchHits;

#define PR_TYPE_WATCH_HITS (pr_watch_hits_get_type ())

GType        pr_watch_hits_get_type (void);
PrWatchHits *pr_watch_hits_copy     (const PrWatchHits *hits);
void         pr_watch_hits_free     (PrWatchHits       *hits);
/* Adds @more (of the same watch) to @hits: counts summed, the newer
 * release kept. */
void         pr_watch_hits_merge    (PrWatchHits       *hits,
                                     const PrWatchHits *more);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrWatchHits, pr_watch_hits_free)

G_END_DECLS
