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

G_END_DECLS
