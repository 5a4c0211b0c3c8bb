/* pr-watch.c: a watch, a saved search the library keeps counts for */
#include "pr-watch.h"

G_DEFINE_BOXED_TYPE (PrWatch, pr_watch, pr_watch_copy, pr_watch_free)

PrWatch *
pr_watch_new (const char *name,
              const char *query)
{
  PrWatch *watch = g_new0 (PrWatch, 1);

  watch->name = g_strdup (name);
  watch->query = g_strdup (query);
  return watch;
}

PrWatch *
pr_watch_copy (const PrWatch *watch)
{
  PrWatch *copy = g_memdup2 (watch, sizeof *watch);

  copy->name = g_strdup (watch->name);
  copy->query = g_strdup (watch->query);
  return copy;
}

void
pr_watch_free (PrWatch *watch)
{
  if (watch == NULL)
    return;
  g_free (watch->name);
  g_free (watch->query);
  g_free (watch);
}

/* ---- hits ---- */

G_DEFINE_BOXED_TYPE (PrWatchHits, pr_watch_hits, pr_watch_hits_copy, pr_watch_hits_free)

PrWatchHits *
pr_watch_hits_copy (const PrWatchHits *hits)
{
  PrWatchHits *copy = g_memdup2 (hits, sizeof *hits);

  copy->name = g_strdup (hits->name);
  copy->query = g_strdup (hits->query);
  copy->newest_date = g_strdup (hits->newest_date);
  copy->newest_title = g_strdup (hits->newest_title);
  return copy;
}

void
pr_watch_hits_free (PrWatchHits *hits)
{
  if (hits == NULL)
    return;
  g_free (hits->name);
  g_free (hits->query);
  g_free (hits->newest_date);
  g_free (hits->newest_title);
  g_free (hits);
}

void
pr_watch_hits_merge (PrWatchHits       *hits,
                     const PrWatchHits *more)
{
  int cmp;

  g_return_if_fail (hits != NULL && more != NULL);

  hits->count += more->count;
  /* Dates are ISO 8601 text, as the library sorts them. */
  cmp = g_strcmp0 (more->newest_date, hits->newest_date);
  if (cmp > 0 || (cmp == 0 && more->newest_id > hits->newest_id))
    {
      hits->newest_id = more->newest_id;
      g_free (hits->newest_date);
      hits->newest_date = g_strdup (more->newest_date);
      g_free (hits->newest_title);
      hits->newest_title = g_strdup (more->newest_title);
    }
  /* A watch renamed between two writes: the later name. */
  g_free (hits->name);
  hits->name = g_strdup (more->name);
  g_free (hits->query);
  hits->query = g_strdup (more->query);
}
