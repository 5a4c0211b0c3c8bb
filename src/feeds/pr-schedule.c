/* pr-schedule.c: when a feed is fetched next (rules in pr-schedule.h) */
#include "pr-schedule.h"

gint64
pr_schedule_interval (const PrSchedule *schedule)
{
  guint minutes;
  gint64 interval;
  gint64 hint;

  g_return_val_if_fail (schedule != NULL, PR_SCHEDULE_DEFAULT_MINUTES * 60);

  minutes = schedule->feed_minutes > 0 ? schedule->feed_minutes : schedule->global_minutes;
  if (minutes == 0)
    minutes = PR_SCHEDULE_DEFAULT_MINUTES;
  interval = (gint64) MAX (minutes, PR_SCHEDULE_MIN_MINUTES) * 60;

  hint = MAX ((gint64) schedule->hint_minutes * 60, schedule->max_age);
  hint = MIN (hint, PR_SCHEDULE_MAX_HINT);
  return MAX (interval, hint);
}

gint64
pr_schedule_delay (const PrSchedule *schedule)
{
  gint64 interval;
  gint64 delay;

  g_return_val_if_fail (schedule != NULL, PR_SCHEDULE_DEFAULT_MINUTES * 60);

  if (schedule->gone)
    return PR_SCHEDULE_NEVER;
  interval = pr_schedule_interval (schedule);
  delay = interval;
  if (schedule->errors > 0)
    {
      /* interval × 2^(errors − 1), doubled step by step to stay in range. */
      gint64 backoff = interval;

      for (guint i = 1; i < schedule->errors && backoff < PR_SCHEDULE_MAX_BACKOFF; i++)
        backoff *= 2;
      delay = MAX (interval, MIN (backoff, PR_SCHEDULE_MAX_BACKOFF));
    }
  if (schedule->retry_after > 0)
    delay = MAX (delay, MIN (schedule->retry_after, PR_SCHEDULE_MAX_RETRY_AFTER));
  return delay;
}

gint64
pr_schedule_next (const PrSchedule *schedule,
                  gint64            last_attempt)
{
  gint64 delay = pr_schedule_delay (schedule);

  if (delay == PR_SCHEDULE_NEVER || last_attempt > PR_SCHEDULE_NEVER - delay)
    return PR_SCHEDULE_NEVER;
  return last_attempt + delay;
}

gboolean
pr_schedule_is_due (gint64 next,
                    gint64 now)
{
  return next != PR_SCHEDULE_NEVER && now >= next;
}

guint
pr_schedule_sy_minutes (const char *period,
                        guint       frequency)
{
  static const struct { const char *name; guint minutes; } periods[] = {
    { "hourly", 60 },
    { "daily", 24 * 60 },
    { "weekly", 7 * 24 * 60 },
    { "monthly", 30 * 24 * 60 },
    { "yearly", 365 * 24 * 60 },
  };
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;

  if (period == NULL)
    return 0;
  copy = g_strstrip (g_strdup (period));
  name = g_ascii_strdown (copy, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (periods); i++)
    if (g_str_equal (name, periods[i].name))
      return MAX (periods[i].minutes / MAX (frequency, 1), 1);
  return 0;
}
