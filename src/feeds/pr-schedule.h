/* pr-schedule.h: when a feed is fetched next
 *
 * Pure rules over a small struct, no clock read and no GObject: the
 * refresh fills a PrSchedule from the subscription, the settings and the
 * last fetch, and stores what pr_schedule_next() gives.
 *
 * The interval is the feed's own (per-feed override) or the global one,
 * never under PR_SCHEDULE_MIN_MINUTES. What the feed asks for (RSS <ttl>,
 * sy:updatePeriod/sy:updateFrequency, Cache-Control max-age) are lower
 * bounds: they make the interval longer, never shorter, and count up to
 * PR_SCHEDULE_MAX_HINT (a day) so that a feed cannot stop itself for a
 * year. After errors in a row the interval is doubled per error
 * (interval × 2^(errors − 1)), capped at PR_SCHEDULE_MAX_BACKOFF (a day)
 * unless the interval itself is longer; a Retry-After (429, 503) is waited
 * in full, up to PR_SCHEDULE_MAX_RETRY_AFTER. A gone feed (410) is never
 * fetched again: PR_SCHEDULE_NEVER. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_SCHEDULE_DEFAULT_MINUTES 30
#define PR_SCHEDULE_MIN_MINUTES 5
#define PR_SCHEDULE_MAX_HINT (24 * 3600)            /* seconds */
#define PR_SCHEDULE_MAX_BACKOFF (24 * 3600)         /* seconds */
#define PR_SCHEDULE_MAX_RETRY_AFTER (7 * 24 * 3600) /* seconds */
#define PR_SCHEDULE_NEVER G_MAXINT64

typedef struct {
  guint global_minutes;     /* the global interval (settings); 0 for the default */
  guint feed_minutes;       /* the feed's override; 0 for the global interval */
  guint hint_minutes;       /* the feed's own lower bound (ttl, sy:update*); 0 for none */
  gint64 max_age;           /* Cache-Control max-age of the last answer in seconds; -1 for none */
  guint errors;             /* failures in a row; 0 after a success */
  gint64 retry_after;       /* Retry-After of the last answer in seconds; -1 for none */
  gboolean gone;            /* 410: never fetched again */
} PrSchedule;

#define PR_SCHEDULE_INIT { 0, 0, 0, -1, 0, -1, FALSE }

/* The interval in seconds between two successful fetches. */
gint64 pr_schedule_interval       (const PrSchedule *schedule);
/* Seconds from the last attempt to the next one: the interval, backed off
 * after errors, at least the Retry-After; PR_SCHEDULE_NEVER when gone. */
gint64 pr_schedule_delay          (const PrSchedule *schedule);
/* When to fetch next (Unix seconds) after an attempt at last_attempt;
 * PR_SCHEDULE_NEVER when gone. */
gint64 pr_schedule_next           (const PrSchedule *schedule,
                                   gint64            last_attempt);
/* Whether a feed whose next fetch is at next is due at now. */
gboolean pr_schedule_is_due       (gint64            next,
                                   gint64            now);
/* sy:updatePeriod ("hourly", "daily", "weekly", "monthly", "yearly") and
 * sy:updateFrequency (times per period; 0 is read as 1) in minutes; 0 for
 * a period not known. */
guint  pr_schedule_sy_minutes     (const char       *period,
                                   guint             frequency);

G_END_DECLS
