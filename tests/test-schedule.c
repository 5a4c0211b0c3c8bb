/* test-schedule.c: when a feed is fetched next (src/feeds/pr-schedule.c) */
#include "pr-schedule.h"

#define MIN_S 60
#define HOUR_S 3600
#define DAY_S (24 * 3600)

static void
test_interval (void)
{
  PrSchedule s = PR_SCHEDULE_INIT;

  /* The default, the global interval, its floor, the feed's override. */
  g_assert_cmpint (pr_schedule_interval (&s), ==, 30 * MIN_S);
  s.global_minutes = 60;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 60 * MIN_S);
  s.global_minutes = 1;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 5 * MIN_S);
  s.global_minutes = 60;
  s.feed_minutes = 15;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 15 * MIN_S);
  s.feed_minutes = 2;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 5 * MIN_S);
  s.feed_minutes = 7 * 24 * 60;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 7 * DAY_S);
}

static void
test_lower_bounds (void)
{
  PrSchedule s = PR_SCHEDULE_INIT;

  s.global_minutes = 30;
  /* max-age and ttl lengthen the interval... */
  s.max_age = 2 * HOUR_S;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 2 * HOUR_S);
  s.hint_minutes = 180;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 3 * HOUR_S);
  /* ...never shorten it... */
  s.max_age = 60;
  s.hint_minutes = 10;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 30 * MIN_S);
  s.max_age = 0;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 30 * MIN_S);
  /* ...and count up to a day: a feed cannot stop itself for a year. */
  s.hint_minutes = pr_schedule_sy_minutes ("yearly", 1);
  g_assert_cmpint (pr_schedule_interval (&s), ==, DAY_S);
  s.hint_minutes = 0;
  s.max_age = 365 * DAY_S;
  g_assert_cmpint (pr_schedule_interval (&s), ==, DAY_S);
  /* The user's own longer interval stands. */
  s.feed_minutes = 3 * 24 * 60;
  g_assert_cmpint (pr_schedule_interval (&s), ==, 3 * DAY_S);
}

static void
test_sy (void)
{
  g_assert_cmpuint (pr_schedule_sy_minutes ("hourly", 1), ==, 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("hourly", 2), ==, 30);
  g_assert_cmpuint (pr_schedule_sy_minutes (" Daily ", 0), ==, 24 * 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("daily", 4), ==, 6 * 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("weekly", 1), ==, 7 * 24 * 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("monthly", 1), ==, 30 * 24 * 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("yearly", 1), ==, 365 * 24 * 60);
  g_assert_cmpuint (pr_schedule_sy_minutes ("hourly", 1000), ==, 1);
  g_assert_cmpuint (pr_schedule_sy_minutes ("fortnightly", 1), ==, 0);
  g_assert_cmpuint (pr_schedule_sy_minutes (NULL, 1), ==, 0);
}

static void
test_backoff (void)
{
  PrSchedule s = PR_SCHEDULE_INIT;
  gint64 expected[] = { 30, 30, 60, 120, 240, 480, 960, 1440, 1440 };

  s.global_minutes = 30;
  for (guint errors = 0; errors < G_N_ELEMENTS (expected); errors++)
    {
      s.errors = errors;
      g_assert_cmpint (pr_schedule_delay (&s), ==, expected[errors] * MIN_S);
    }
  /* No overflow however many errors. */
  s.errors = G_MAXUINT;
  g_assert_cmpint (pr_schedule_delay (&s), ==, DAY_S);
  /* Per feed: a feed of 5 minutes backs off from 5 minutes. */
  s.feed_minutes = 5;
  s.errors = 3;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 20 * MIN_S);
  /* Back-off never shortens an interval longer than its cap. */
  s.feed_minutes = 2 * 24 * 60;
  s.errors = 5;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 2 * DAY_S);
}

static void
test_retry_after (void)
{
  PrSchedule s = PR_SCHEDULE_INIT;

  s.global_minutes = 30;
  s.errors = 1;
  s.retry_after = 2 * HOUR_S;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 2 * HOUR_S);
  /* A short Retry-After does not bring the fetch forward. */
  s.retry_after = 120;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 30 * MIN_S);
  s.errors = 4;
  s.retry_after = 3 * HOUR_S;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 4 * HOUR_S);
  /* Waited in full, up to a week. */
  s.retry_after = 3 * DAY_S;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 3 * DAY_S);
  s.retry_after = G_MAXINT32;
  g_assert_cmpint (pr_schedule_delay (&s), ==, 7 * DAY_S);
}

static void
test_next (void)
{
  PrSchedule s = PR_SCHEDULE_INIT;
  gint64 last = 1700000000;
  gint64 next;

  next = pr_schedule_next (&s, last);
  g_assert_cmpint (next, ==, last + 30 * MIN_S);
  g_assert_false (pr_schedule_is_due (next, last + 29 * MIN_S));
  g_assert_true (pr_schedule_is_due (next, next));
  g_assert_true (pr_schedule_is_due (next, next + 1));
  /* Gone: never, whatever else is set. */
  s.gone = TRUE;
  s.errors = 3;
  g_assert_cmpint (pr_schedule_delay (&s), ==, PR_SCHEDULE_NEVER);
  next = pr_schedule_next (&s, last);
  g_assert_cmpint (next, ==, PR_SCHEDULE_NEVER);
  g_assert_false (pr_schedule_is_due (next, G_MAXINT64));
  /* No overflow near the end of time. */
  s.gone = FALSE;
  g_assert_cmpint (pr_schedule_next (&s, G_MAXINT64 - 10), ==, PR_SCHEDULE_NEVER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/schedule/interval", test_interval);
  g_test_add_func ("/feeds/schedule/lower-bounds", test_lower_bounds);
  g_test_add_func ("/feeds/schedule/sy-update", test_sy);
  g_test_add_func ("/feeds/schedule/backoff", test_backoff);
  g_test_add_func ("/feeds/schedule/retry-after", test_retry_after);
  g_test_add_func ("/feeds/schedule/next", test_next);

  return g_test_run ();
}
