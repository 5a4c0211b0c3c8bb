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
