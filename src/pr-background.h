/* pr-background.h: threads at background CPU priority (no GObject class)
 *
 * An import keeps every core busy for minutes: parsing on a pool, writing
 * on another thread. At the main thread's priority those threads take the
 * cores the frames need (measured: the main thread waited 40-180 ms for a
 * CPU per frame). Work that can wait runs on threads whose nice value is
 * raised; a raised nice value cannot be lowered again without privileges,
 * so only threads that end with their work are raised: the ones of a
 * PrBackgroundPool and threads started for one job. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much the nice value is raised (to at most 19). */
#define PR_BACKGROUND_NICE 10

/* Raises the calling thread's nice value, once. For threads that end with
 * their work. */
void              pr_background_lower_priority (void);

typedef struct _PrBackgroundPool PrBackgroundPool;

typedef gpointer (*PrBackgroundFunc) (gpointer data);

/* @n_threads threads of their own, at background priority. */
PrBackgroundPool *pr_background_pool_new  (guint             n_threads);
/* Runs @func (@data) on one of the pool's threads and waits for it (from
 * any thread but the pool's): the calling thread sleeps meanwhile, the
 * work is done at background priority. */
gpointer          pr_background_pool_run  (PrBackgroundPool *pool,
                                           PrBackgroundFunc  func,
                                           gpointer          data);
/* Waits for the jobs under way, ends the threads. */
void              pr_background_pool_free (PrBackgroundPool *pool);

G_END_DECLS
