/* pr-refresh.c: following feeds: one pass over the subscriptions
 *
 * A pass runs up to MAX_FEEDS feeds at a time. For each: a conditional
 * GET through the fetcher (on the refresh's main context: libsoup never
 * blocks it); then, in a worker thread, the feed is parsed and its items
 * compared with the ones the library has (by guid, and by a hash of what
 * the item says, so that an item reissued under a new guid is not read
 * again); the release pages of summary-only items are fetched (the
 * fetcher keeps to 2 connections a host); then, in a worker again, the
 * pages are read into releases. The feeds read are written together, a
 * transaction for all that are ready (at most every WRITE_GAP_MS unless
 * WRITE_BATCH items wait): every write is a change the window's list
 * applies on the main thread, and 500 small ones cost it frames. Every
 * failure is the feed's alone: its error in words, its back-off. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-feed.h"
#include "pr-html.h"
#include "pr-import.h"
#include "pr-refresh-private.h"
#include "pr-schedule.h"

#define MAX_FEEDS 6
#define MAX_PAGES_PER_FEED 2
#define WRITE_BATCH 1024      /* items that are written without waiting */
#define WRITE_GAP_MS 400      /* between two writes of a pass, else */

G_DEFINE_BOXED_TYPE (PrRefreshResult, pr_refresh_result, pr_refresh_result_copy, pr_refresh_result_free)

struct _PrRefresh
{
  GObject parent_instance;

  PrStore *store;
  PrFetcher *fetcher;
  guint interval;
  GTask *pass;          /* the pass running */
  guint done;
  guint total;
  GThreadPool *workers; /* parsing and writing, at background priority */
  GError *write_error;  /* why the last pass stopped writing, or NULL */
};

G_DEFINE_FINAL_TYPE (PrRefresh, pr_refresh, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FETCHER,
  PROP_INTERVAL,
  PROP_RUNNING,
  PROP_DONE,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FEED_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the workers ---- */

/* The refresh's CPU work runs in threads of its own at the import's
 * background priority (pr_import_lower_thread_priority()): on 2 cores,
 * parsing at normal priority takes the CPU from the main thread and the
 * display server, and frames stop. */
static GPrivate lowered;

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  GTaskThreadFunc func = g_object_get_data (G_OBJECT (task), "pr-refresh-func");

  if (g_private_get (&lowered) == NULL)
    {
      pr_import_lower_thread_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (TRUE));
    }
  func (task, g_task_get_source_object (task), g_task_get_task_data (task), g_task_get_cancellable (task));
  g_object_unref (task);
}

void
pr_refresh_run_in_worker (PrRefresh       *self,
                          GTask           *task,
                          GTaskThreadFunc  func)
{
  /* Its result after the window's redraws, as the fetcher's. */
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_object_set_data (G_OBJECT (task), "pr-refresh-func", func);
  g_thread_pool_push (self->workers, g_object_ref (task), NULL);
}

/* ---- results ---- */

PrRefreshResult *
pr_refresh_result_copy (const PrRefreshResult *result)
{
  PrRefreshResult *copy = g_memdup2 (result, sizeof *result);

  copy->url = g_strdup (result->url);
  copy->title = g_strdup (result->title);
  copy->error = g_strdup (result->error);
  return copy;
}

void
pr_refresh_result_free (PrRefreshResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->title);
  g_free (result->error);
  g_free (result);
}

/* ---- one feed ---- */

typedef struct _Pass Pass;

/* An item whose release is to be written. */
typedef struct {
  PrFeedItem *item;          /* borrowed from the feed */
  PrFeedEntry *entry;        /* its release once read */
  gboolean wants_page;       /* decided in the worker: the main thread only fetches */
  GBytes *page;              /* its release page, when fetched */
  char *page_charset;
} Pending;

typedef struct {
  Pass *pass;
  PrSubscription *sub;
  PrFetchResult *fetched;
  PrFeed *feed;
  GPtrArray *pending;        /* Pending */
  guint next_page;           /* the next pending item whose page to fetch */
  guint pages_running;
  gboolean read;             /* waiting for a write: counted out of pass->reading */
  PrRefreshResult *result;
} Feed;

struct _Pass {
  PrRefresh *self;
  GTask *task;
  GQueue waiting;            /* PrSubscription */
  guint running;             /* feeds started and not ended */
  guint reading;             /* of them, not yet read: fetched, parsed, their pages
                              * fetched and read (the rest wait for a write) */
  GPtrArray *results;        /* PrRefreshResult */
  GPtrArray *to_write;       /* Feed: read, waiting for the next write */
  guint to_write_items;
  gboolean writing;
  gint64 last_write;         /* monotonic µs, when the last write ended */
  guint write_timeout;
  GError *write_error;       /* the library's disk is full or read-only: the
                              * pass stops, the feeds' state untouched */
};

static void feed_start (Pass           *pass,
                        PrSubscription *sub);

static void
pending_free (Pending *pending)
{
  g_clear_pointer (&pending->entry, pr_feed_entry_free);
  g_clear_pointer (&pending->page, g_bytes_unref);
  g_free (pending->page_charset);
  g_free (pending);
}

static void
feed_free (Feed *feed)
{
  g_clear_pointer (&feed->pending, g_ptr_array_unref);
  g_clear_pointer (&feed->feed, pr_feed_free);
  g_clear_pointer (&feed->fetched, pr_fetch_result_unref);
  g_clear_pointer (&feed->sub, pr_subscription_free);
  g_clear_pointer (&feed->result, pr_refresh_result_free);
  g_free (feed);
}

/* A write failed for want of room or permission (@error, taken): the
 * feeds not started are not, and the pass ends with that one error. */
static void
pass_note_write_error (Pass   *pass,
                       GError *error)
{
  PrSubscription *sub;

  if (pass->write_error != NULL)
    {
      g_error_free (error);
      return;
    }
  pass->write_error = error;
  while ((sub = g_queue_pop_head (&pass->waiting)) != NULL)
    pr_subscription_free (sub);
}

static void
pass_next (Pass *pass)
{
  PrRefresh *self = pass->self;

  /* A feed waiting to be written no longer holds a place. */
  while (pass->reading < MAX_FEEDS && !g_queue_is_empty (&pass->waiting))
    feed_start (pass, g_queue_pop_head (&pass->waiting));
  if (pass->running > 0 || !g_queue_is_empty (&pass->waiting))
    return;

  /* The pass is over. */
  g_assert (pass->to_write->len == 0 && pass->write_timeout == 0);
  g_ptr_array_unref (pass->to_write);
  g_clear_object (&self->pass);
  g_clear_error (&self->write_error);
  self->write_error = pass->write_error != NULL ? g_error_copy (pass->write_error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (pass->write_error != NULL)
    {
      g_task_return_error (pass->task, g_steal_pointer (&pass->write_error));
      g_clear_pointer (&pass->results, g_ptr_array_unref);
    }
  else
    g_task_return_pointer (pass->task, g_steal_pointer (&pass->results),
                           (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (pass->task);
  g_free (pass);
}

/* On the refresh's context: the feed is over. */
static void
feed_end (Feed *feed)
{
  Pass *pass = feed->pass;
  PrRefresh *self = pass->self;
  PrRefreshResult *result = g_steal_pointer (&feed->result);

  if (!feed->read)
    pass->reading--;
  feed_free (feed);
  g_ptr_array_add (pass->results, result);
  pass->running--;
  self->done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_signal_emit (self, signals[FEED_REFRESHED], 0, result);
  pass_next (pass);
}

/* When @sub is fetched next, after an attempt now. */
static gint64
next_check (PrRefresh      *self,
            PrSubscription *sub,
            gint64          max_age,
            gint64          retry_after,
            gint64          now)
{
  PrSchedule schedule = PR_SCHEDULE_INIT;

  schedule.global_minutes = self->interval;
  schedule.feed_minutes = sub->interval_minutes;
  schedule.hint_minutes = sub->hint_minutes;
  schedule.max_age = max_age;
  schedule.errors = sub->errors;
  schedule.retry_after = retry_after;
  schedule.gone = sub->ended;
  return pr_schedule_next (&schedule, now);
}

/* The feed's state after a fetch that failed with @error. */
static void
note_failure (PrRefresh      *self,
              PrSubscription *sub,
              const char     *error,
              gint64          retry_after,
              gint64          now)
{
  sub->checked_at = now;
  sub->errors++;
  g_free (sub->last_error);
  sub->last_error = g_strdup (error);
  sub->next_check_at = next_check (self, sub, -1, retry_after, now);
}

static void
note_success (PrRefresh      *self,
              PrSubscription *sub,
              gint64          max_age,
              gint64          now)
{
  sub->checked_at = now;
  sub->updated_at = now;
  sub->errors = 0;
  g_clear_pointer (&sub->last_error, g_free);
  sub->next_check_at = next_check (self, sub, max_age, -1, now);
}

/* The item's hash: what it says, not its guid (a feed that reissues its
 * items under new guids says the same again). */
static char *
item_hash (const PrFeedItem *item)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { item->link, item->title, item->summary, item->content };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_checksum_update (checksum, (const guchar *) (parts[i] != NULL ? parts[i] : ""), -1);
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }
  if (item->published != NULL)
    {
      g_autofree char *date = g_date_time_format_iso8601 (item->published);

      g_checksum_update (checksum, (const guchar *) date, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* The item's key in its feed: its guid, else its link, else its hash. */
static const char *
item_key (const PrFeedItem *item,
          const char       *hash)
{
  if (item->guid != NULL && *item->guid != '\0')
    return item->guid;
  if (item->link != NULL)
    return item->link;
  return hash;
}

static gboolean
wants_page (const PrSubscription *sub,
            const PrFeedItem     *item)
{
  if (item->link == NULL)
    return FALSE;
  switch (sub->full_text)
    {
    case PR_FULL_TEXT_ALWAYS:
      return TRUE;
    case PR_FULL_TEXT_NEVER:
      return FALSE;
    case PR_FULL_TEXT_AUTO:
    default:
      return pr_feed_item_is_summary_only (item);
    }
}

/* What the page does not say, the item does: its title and date. */
static void
fill_from_item (PrRelease        *release,
                const PrFeedItem *item)
{
  if ((pr_release_get_title_derived (release) || pr_release_get_title (release) == NULL) &&
      item->title != NULL && *item->title != '\0')
    {
      pr_release_set_field (release, PR_FIELD_TITLE, item->title);
      pr_release_set_title_derived (release, FALSE);
    }
  if (pr_release_get_date (release) == NULL && item->published != NULL)
    {
      g_autofree char *date = g_date_time_format (item->published, "%Y-%m-%d");

      pr_release_set_field (release, PR_FIELD_DATE, date);
    }
}

/* In a worker: the feed parsed, its new and changed items found. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrRefresh *self = source_object;
  Feed *feed = task_data;
  PrFetchResult *fetched = feed->fetched;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GHashTable) known_hashes = NULL;
  GHashTableIter iter;
  gpointer value;

  feed->feed = pr_feed_parse (g_bytes_get_data (fetched->body, NULL), g_bytes_get_size (fetched->body),
                              feed->sub->url, fetched->charset, &error);
  if (feed->feed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  known = pr_store_get_feed_items (self->store, feed->sub->id, &error);
  if (known == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  known_hashes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != NULL)
      g_hash_table_add (known_hashes, value);

  feed->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  for (guint i = 0; i < feed->feed->items->len; i++)
    {
      PrFeedItem *item = g_ptr_array_index (feed->feed->items, i);
      g_autofree char *hash = item_hash (item);
      const char *key = item_key (item, hash);
      Pending *pending;

      if (g_strcmp0 (g_hash_table_lookup (known, key), hash) == 0 ||
          g_hash_table_contains (known_hashes, hash))
        {
          feed->result->unchanged++;
          continue;
        }
      pending = g_new0 (Pending, 1);
      pending->item = item;
      pending->wants_page = wants_page (feed->sub, item);
      pending->entry = pr_feed_entry_new (key, item->link, hash);
      if (item->published != NULL)
        pending->entry->published = g_date_time_format_iso8601 (item->published);
      g_ptr_array_add (feed->pending, pending);
    }
  g_task_return_boolean (task, TRUE);
}

/* In a worker: the feed's releases read, from their pages or items. */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Feed *feed = task_data;
  PrSubscription *sub = feed->sub;

  for (guint i = 0; feed->pending != NULL && i < feed->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (feed->pending, i);
      g_autoptr(PrRelease) release = NULL;
      g_autoptr(GError) read_error = NULL;

      /* The page when it could be read; the item otherwise. */
      if (pending->page != NULL)
        release = pr_html_read (g_bytes_get_data (pending->page, NULL), g_bytes_get_size (pending->page),
                                pending->item->link, pending->page_charset, NULL);
      g_clear_pointer (&pending->page, g_bytes_unref);
      if (release == NULL)
        release = pr_feed_item_to_release (pending->item, &read_error);
      if (release == NULL)
        {
          g_debug ("%s: item %s: %s", sub->url, pending->entry->guid, read_error->message);
          continue;
        }
      fill_from_item (release, pending->item);
      pending->entry->release = g_steal_pointer (&release);
      pending->entry->feed_id = sub->id;
    }
  g_task_return_boolean (task, TRUE);
}

/* The feed's state after its items were written (or not, @error). */
static void
feed_note_written (PrRefresh     *self,
                   Feed          *feed,
                   const char    *error,
                   gint64         now)
{
  PrSubscription *sub = feed->sub;

  if (error != NULL)
    {
      note_failure (self, sub, error, 0, now);
      feed->result->error = g_strdup (error);
      return;
    }
  /* What the feed says of itself. */
  if (!sub->custom_title && feed->feed->title != NULL && *feed->feed->title != '\0')
    {
      g_free (sub->title);
      sub->title = g_strdup (feed->feed->title);
    }
  if (feed->feed->link != NULL)
    {
      g_free (sub->site_url);
      sub->site_url = g_strdup (feed->feed->link);
    }
  sub->hint_minutes = MAX (feed->feed->ttl_minutes, feed->feed->update_period_minutes);
  note_success (self, sub, feed->fetched->max_age, now);
}

/* In a worker: the releases of the feeds in @task_data (a GPtrArray of
 * Feed) written in one transaction, then each feed's state. */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrRefresh *self = source_object;
  GPtrArray *feeds = task_data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree PrStoreOutcome *outcomes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  for (guint f = 0; f < feeds->len; f++)
    {
      Feed *feed = g_ptr_array_index (feeds, f);

      for (guint i = 0; feed->pending != NULL && i < feed->pending->len; i++)
        {
          Pending *pending = g_ptr_array_index (feed->pending, i);

          if (pending->entry->release != NULL)
            g_ptr_array_add (entries, pending->entry);
        }
    }
  outcomes = g_new0 (PrStoreOutcome, MAX (entries->len, 1));
  if (entries->len > 0)
    pr_store_add_feed_items (self->store, 0, entries, outcomes, &error);
  /* Nothing is the feeds' fault: their state stays as it was (fetched
   * again next time, no back-off), and the pass stops. */
  if (pr_store_error_is_unwritable (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint f = 0; f < feeds->len; f++)
    {
      Feed *feed = g_ptr_array_index (feeds, f);
      g_autoptr(GError) state_error = NULL;

      for (guint i = 0; error == NULL && feed->pending != NULL && i < feed->pending->len; i++)
        {
          Pending *pending = g_ptr_array_index (feed->pending, i);

          if (pending->entry->release == NULL)
            continue;
          if (outcomes[n] == PR_STORE_ADDED)
            feed->result->added++;
          else if (outcomes[n] == PR_STORE_UPDATED)
            feed->result->updated++;
          else
            feed->result->unchanged++;
          n++;
        }
      feed_note_written (self, feed, error != NULL ? error->message : NULL, now);
      if (!pr_store_update_subscription (self->store, feed->sub, &state_error) && feed->result->error == NULL)
        feed->result->error = g_strdup (state_error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void pass_write (Pass *pass);

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray *feeds = user_data;
  Pass *pass = ((Feed *) g_ptr_array_index (feeds, 0))->pass;
  GError *error = NULL;
  gboolean more;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    pass_note_write_error (pass, error);

  pass->writing = FALSE;
  pass->last_write = g_get_monotonic_time ();
  /* Feeds waiting to be written keep the pass from ending. */
  more = pass->to_write->len > 0;
  for (guint f = 0; f < feeds->len; f++)
    feed_end (g_ptr_array_index (feeds, f));
  g_ptr_array_unref (feeds);
  if (more)
    pass_write (pass);
}

static gboolean
write_due (gpointer data)
{
  Pass *pass = data;

  pass->write_timeout = 0;
  pass_write (pass);
  return G_SOURCE_REMOVE;
}

/* Writes the feeds that are read, when enough wait, or enough time has
 * passed since the last write, or nothing else is left to wait for. */
static void
pass_write (Pass *pass)
{
  PrRefresh *self = pass->self;
  g_autoptr(GTask) task = NULL;
  gint64 wait_ms;

  if (pass->writing || pass->to_write->len == 0)
    return;
  if (pass->write_error != NULL)
    {
      /* Nothing more is written: the feeds read end as they are. */
      g_autoptr(GPtrArray) feeds = g_steal_pointer (&pass->to_write);

      pass->to_write = g_ptr_array_new ();
      pass->to_write_items = 0;
      g_clear_handle_id (&pass->write_timeout, g_source_remove);
      for (guint f = 0; f < feeds->len; f++)
        feed_end (g_ptr_array_index (feeds, f));
      return;
    }
  wait_ms = WRITE_GAP_MS - (g_get_monotonic_time () - pass->last_write) / 1000;
  if (pass->to_write_items < WRITE_BATCH && wait_ms > 0 &&
      (pass->reading > 0 || !g_queue_is_empty (&pass->waiting)))
    {
      if (pass->write_timeout == 0)
        pass->write_timeout = g_timeout_add_full (G_PRIORITY_LOW, wait_ms, write_due, pass, NULL);
      return;
    }
  g_clear_handle_id (&pass->write_timeout, g_source_remove);
  pass->writing = TRUE;
  task = g_task_new (self, NULL, written, pass->to_write);
  g_task_set_source_tag (task, pass_write);
  g_task_set_task_data (task, pass->to_write, NULL);
  pass->to_write = g_ptr_array_new ();
  pass->to_write_items = 0;
  pr_refresh_run_in_worker (self, task, write_thread);
}

static void
feed_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Feed *feed = user_data;
  Pass *pass = feed->pass;

  /* The library cannot be written: the feed ends as it is (its state
   * untouched). feed_end() may end the pass: nothing after it here. */
  if (pass->write_error != NULL)
    {
      feed_end (feed);
      return;
    }
  g_ptr_array_add (pass->to_write, feed);
  pass->to_write_items += feed->pending != NULL ? feed->pending->len : 0;
  feed->read = TRUE;
  pass->reading--;
  pass_write (pass);
  /* Its place to the next feed (the pass goes on: this one waits). */
  pass_next (pass);
}

static void
feed_write (Feed *feed)
{
  g_autoptr(GTask) task = g_task_new (feed->pass->self, NULL, feed_read, feed);

  g_task_set_source_tag (task, feed_write);
  g_task_set_task_data (task, feed, NULL);
  pr_refresh_run_in_worker (feed->pass->self, task, read_thread);
}

/* In a worker: only the feed's state changes (an error, a 304). */
static void
state_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrRefresh *self = source_object;
  Feed *feed = task_data;
  g_autoptr(GError) error = NULL;

  if (!pr_store_update_subscription (self->store, feed->sub, &error))
    {
      if (pr_store_error_is_unwritable (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (feed->result->error == NULL)
        feed->result->error = g_strdup (error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
feed_written (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Feed *feed = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    pass_note_write_error (feed->pass, error);
  feed_end (feed);
}

static void
feed_save_state (Feed *feed)
{
  g_autoptr(GTask) task = g_task_new (feed->pass->self, NULL, feed_written, feed);

  g_task_set_source_tag (task, feed_save_state);
  g_task_set_task_data (task, feed, NULL);
  pr_refresh_run_in_worker (feed->pass->self, task, state_thread);
}

static void fetch_pages (Feed *feed);

typedef struct {
  Feed *feed;
  Pending *pending;
} PageFetch;

static void
page_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PageFetch *fetch = user_data;
  Feed *feed = fetch->feed;
  Pending *pending = fetch->pending;
  g_autoptr(PrFetchResult) fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, NULL);

  g_free (fetch);
  /* A page that cannot be fetched leaves the item's summary. */
  if (fetched != NULL && fetched->error == NULL && fetched->body != NULL)
    {
      pending->page = g_bytes_ref (fetched->body);
      pending->page_charset = g_strdup (fetched->charset);
    }
  feed->pages_running--;
  fetch_pages (feed);
}

/* The release pages of the items that need them, MAX_PAGES_PER_FEED at a
 * time; then the write. */
static void
fetch_pages (Feed *feed)
{
  PrRefresh *self = feed->pass->self;

  while (feed->pages_running < MAX_PAGES_PER_FEED && feed->next_page < feed->pending->len)
    {
      Pending *pending = g_ptr_array_index (feed->pending, feed->next_page++);
      PageFetch *fetch;

      if (!pending->wants_page)
        continue;
      fetch = g_new0 (PageFetch, 1);
      fetch->feed = feed;
      fetch->pending = pending;
      feed->pages_running++;
      pr_fetcher_fetch_page_async (self->fetcher, pending->item->link,
                                   g_task_get_cancellable (feed->pass->task), page_done, fetch);
    }
  if (feed->pages_running == 0 && feed->next_page >= feed->pending->len)
    feed_write (feed);
}

static void
feed_parsed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Feed *feed = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      note_failure (feed->pass->self, feed->sub, error->message, 0, g_get_real_time () / G_USEC_PER_SEC);
      feed->result->error = g_strdup (error->message);
      feed_save_state (feed);
      return;
    }
  fetch_pages (feed);
}

static void
feed_fetched (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Feed *feed = user_data;
  PrRefresh *self = feed->pass->self;
  PrSubscription *sub = feed->sub;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  PrFetchResult *fetched;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fetched = feed->fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, &error);
  if (fetched == NULL)
    {
      /* Cancelled: the pass is being stopped; the feed keeps its state. */
      feed->result->error = g_strdup (error->message);
      feed_end (feed);
      return;
    }

  /* A permanent move is the subscription's new address. */
  if (fetched->moved_to != NULL)
    {
      g_free (sub->url);
      sub->url = g_strdup (fetched->moved_to);
      g_free (feed->result->url);
      feed->result->url = g_strdup (fetched->moved_to);
    }
  if (fetched->etag != NULL || fetched->last_modified != NULL)
    {
      g_free (sub->etag);
      sub->etag = g_strdup (fetched->etag);
      g_free (sub->last_modified);
      sub->last_modified = g_strdup (fetched->last_modified);
    }

  if (fetched->gone)
    sub->ended = TRUE;
  if (fetched->error != NULL)
    {
      note_failure (self, sub, fetched->error->message, fetched->retry_after, now);
      feed->result->error = g_strdup (fetched->error->message);
      feed_save_state (feed);
      return;
    }
  if (fetched->not_modified)
    {
      feed->result->not_modified = TRUE;
      note_success (self, sub, fetched->max_age, now);
      feed_save_state (feed);
      return;
    }

  task = g_task_new (self, NULL, feed_parsed, feed);
  g_task_set_source_tag (task, feed_fetched);
  g_task_set_task_data (task, feed, NULL);
  pr_refresh_run_in_worker (self, task, parse_thread);
}

static void
feed_start (Pass           *pass,
            PrSubscription *sub)
{
  Feed *feed = g_new0 (Feed, 1);

  feed->pass = pass;
  feed->sub = sub;
  feed->result = g_new0 (PrRefreshResult, 1);
  feed->result->feed_id = sub->id;
  feed->result->url = g_strdup (sub->url);
  feed->result->title = g_strdup (sub->title);
  pass->running++;
  pass->reading++;
  pr_fetcher_fetch_async (pass->self->fetcher, sub->url, sub->etag, sub->last_modified,
                          g_task_get_cancellable (pass->task), feed_fetched, feed);
}

/* ---- GObject ---- */

static void
pr_refresh_dispose (GObject *object)
{
  PrRefresh *self = PR_REFRESH (object);

  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  G_OBJECT_CLASS (pr_refresh_parent_class)->dispose (object);
}

static void
pr_refresh_finalize (GObject *object)
{
  PrRefresh *self = PR_REFRESH (object);

  /* Every task in the pool holds a reference: none is left, but this may
   * run in a worker: the pool is not waited for. */
  g_thread_pool_free (self->workers, FALSE, FALSE);
  g_clear_error (&self->write_error);
  G_OBJECT_CLASS (pr_refresh_parent_class)->finalize (object);
}

static void
pr_refresh_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrRefresh *self = PR_REFRESH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FETCHER:
      g_value_set_object (value, self->fetcher);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->pass != NULL);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_refresh_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrRefresh *self = PR_REFRESH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FETCHER:
      self->fetcher = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      pr_refresh_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_refresh_class_init (PrRefreshClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_refresh_dispose;
  object_class->finalize = pr_refresh_finalize;
  object_class->get_property = pr_refresh_get_property;
  object_class->set_property = pr_refresh_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHER] =
    g_param_spec_object ("fetcher", NULL, NULL, PR_TYPE_FETCHER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 5, 24 * 60, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A feed's pass is over: its PrRefreshResult. */
  signals[FEED_REFRESHED] =
    g_signal_new ("feed-refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  PR_TYPE_REFRESH_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pr_refresh_init (PrRefresh *self)
{
  self->interval = 30;
  self->workers = g_thread_pool_new (worker_run, NULL, MAX (1, (int) g_get_num_processors ()), FALSE, NULL);
}

/* ---- API ---- */

PrStore *
pr_refresh_get_store (PrRefresh *self)
{
  return self->store;
}

PrFetcher *
pr_refresh_get_fetcher (PrRefresh *self)
{
  return self->fetcher;
}

PrRefresh *
pr_refresh_new (PrStore   *store,
                PrFetcher *fetcher)
{
  g_return_val_if_fail (PR_IS_STORE (store), NULL);
  g_return_val_if_fail (PR_IS_FETCHER (fetcher), NULL);

  return g_object_new (PR_TYPE_REFRESH, "store", store, "fetcher", fetcher, NULL);
}

void
pr_refresh_set_interval (PrRefresh *self,
                         guint      minutes)
{
  g_return_if_fail (PR_IS_REFRESH (self));

  minutes = CLAMP (minutes, 5, 24 * 60);
  if (self->interval == minutes)
    return;
  self->interval = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
pr_refresh_get_interval (PrRefresh *self)
{
  g_return_val_if_fail (PR_IS_REFRESH (self), 30);

  return self->interval;
}

const GError *
pr_refresh_get_write_error (PrRefresh *self)
{
  g_return_val_if_fail (PR_IS_REFRESH (self), NULL);

  return self->write_error;
}

gboolean
pr_refresh_get_running (PrRefresh *self)
{
  g_return_val_if_fail (PR_IS_REFRESH (self), FALSE);

  return self->pass != NULL;
}

guint
pr_refresh_get_done (PrRefresh *self)
{
  g_return_val_if_fail (PR_IS_REFRESH (self), 0);

  return self->done;
}

guint
pr_refresh_get_total (PrRefresh *self)
{
  g_return_val_if_fail (PR_IS_REFRESH (self), 0);

  return self->total;
}

/* In a worker: the subscriptions to refresh, when none were given. */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PrRefresh *self = source_object;
  GError *error = NULL;
  GPtrArray *subs = pr_store_list_subscriptions (self->store, &error);

  if (subs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, subs, (GDestroyNotify) g_ptr_array_unref);
}

typedef struct {
  GTask *task;
  gboolean due_only;
} Start;

static void
pass_begin (PrRefresh *self,
            GTask     *task,
            GPtrArray *subs,
            gboolean   due_only)
{
  Pass *pass = g_new0 (Pass, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  pass->self = self;
  pass->task = task;
  pass->results = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_refresh_result_free);
  pass->to_write = g_ptr_array_new ();
  g_queue_init (&pass->waiting);
  for (guint i = 0; i < subs->len; i++)
    {
      PrSubscription *sub = g_ptr_array_index (subs, i);

      if (sub->ended || (due_only && sub->next_check_at > now))
        continue;
      g_queue_push_tail (&pass->waiting, pr_subscription_copy (sub));
    }
  self->done = 0;
  self->total = g_queue_get_length (&pass->waiting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  pass_next (pass);
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrRefresh *self = PR_REFRESH (source);
  Start *start = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subs = g_task_propagate_pointer (G_TASK (result), &error);

  if (subs == NULL)
    {
      g_clear_object (&self->pass);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_task_return_error (start->task, g_steal_pointer (&error));
      g_object_unref (start->task);
    }
  else
    pass_begin (self, start->task, subs, start->due_only);
  g_free (start);
}

void
pr_refresh_run_async (PrRefresh           *self,
                      GPtrArray           *subscriptions,
                      gboolean             due_only,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PR_IS_REFRESH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_refresh_run_async);
  if (self->pass != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The feeds are being refreshed already"));
      g_object_unref (task);
      return;
    }
  self->pass = g_object_ref (task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (subscriptions != NULL)
    pass_begin (self, task, subscriptions, due_only);
  else
    {
      Start *start = g_new0 (Start, 1);
      g_autoptr(GTask) list = g_task_new (self, cancellable, listed, start);

      start->task = task;
      start->due_only = due_only;
      g_task_set_source_tag (list, pr_refresh_run_async);
      pr_refresh_run_in_worker (self, list, list_thread);
    }
}

GPtrArray *
pr_refresh_run_finish (PrRefresh     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
