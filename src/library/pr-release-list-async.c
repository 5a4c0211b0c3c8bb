/* pr-release-list-async.c: an asynchronous list model's reads in workers
 * (pages, refreshes) and the changes they tell */
#include "pr-release-list-private.h"

/* ---- reads in workers (asynchronous lists) --------------------------- */

typedef enum {
  READ_REFRESH,
  READ_PAGE,
} ReadKind;

/* A read's way back: the list may be gone by then. */
typedef struct {
  GWeakRef list;
  guint serial;
  ReadKind kind;
  guint index;
} ReadCall;

static ReadCall *
read_call_new (PrReleaseList *self,
               ReadKind       kind,
               guint          index)
{
  ReadCall *call = g_new0 (ReadCall, 1);

  g_weak_ref_init (&call->list, self);
  call->serial = self->serial;
  call->kind = kind;
  call->index = index;
  return call;
}

static void
read_call_free (ReadCall *call)
{
  g_weak_ref_clear (&call->list);
  g_free (call);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Replaces the placeholders handed out in [start, end) by the rows read. */
static void
replace_placeholders (PrReleaseList *self,
                      guint          start,
                      guint          end)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position >= start && position < end)
        {
          g_array_append_val (positions, position);
          g_hash_table_iter_remove (&iter);
        }
    }
  g_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len;)
    {
      guint first = g_array_index (positions, guint, i);
      guint run = 1;

      while (i + run < positions->len && g_array_index (positions, guint, i + run) == first + run)
        run++;
      pr_release_list_pages_emit_changed (self, first, run, run);
      i += run;
    }
}

static void
page_read_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReadCall *call = user_data;
  g_autoptr(PrReleaseList) self = g_weak_ref_get (&call->list);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStoreWatchResult) read = pr_store_watch_read_finish (PR_STORE (source), result, &error);
  PrStoreWatchPage *page;

  if (self == NULL || call->serial != self->serial)
    {
      read_call_free (call);
      return;
    }
  g_hash_table_remove (self->requested, GUINT_TO_POINTER (call->index));
  if (read == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read releases: %s", error->message);
      read_call_free (call);
      return;
    }
  if (self->stale || read->epoch != self->epoch)
    {
      /* Read in another state than the one shown. */
      pr_release_list_pages_request_placeholders (self);
      read_call_free (call);
      return;
    }

  page = g_ptr_array_index (read->pages, 0);
  self->page_loads++;
  pr_release_list_pages_merge (self, call->index, page->ids, page->releases);
  replace_placeholders (self, page->offset, page->offset + page->ids->len);
  read_call_free (call);
}

void
pr_release_list_async_request_page (PrReleaseList *self,
                                    guint          index)
{
  guint offset = index * PR_RELEASE_LIST_PAGE_SIZE;
  PrStoreWatchRequest request = { FALSE, &offset, 1, PR_RELEASE_LIST_PAGE_SIZE, 0, 0, -2 };

  if (self->stale || g_hash_table_contains (self->requested, GUINT_TO_POINTER (index)))
    return;
  g_hash_table_add (self->requested, GUINT_TO_POINTER (index));
  pr_store_watch_read_async (self->store, self->watch, &request, self->cancellable,
                             page_read_done, read_call_new (self, READ_PAGE, index));
}

static void tell_ops (PrReleaseList *self);

/* A refresh is all told. */
static void
refresh_told (PrReleaseList *self)
{
  self->splicing = FALSE;
  g_array_set_size (self->ops, 0);
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) pr_release_list_pages_free_page);
  /* The next refresh REFRESH_INTERVAL_MS after this one was told, not
   * after it began: while releases keep arriving (a refresh of hundreds
   * of feeds), telling them row by row would otherwise never stop, and
   * the views' rows take the main thread's every frame. */
  self->refreshed_at = g_get_monotonic_time ();
  if (self->n_items != self->told_from)
    pr_release_list_notify (self, PROP_N_ITEMS);
  if (self->stale)
    pr_release_list_async_schedule_refresh (self);
}

static gboolean
pace_cb (gpointer data)
{
  PrReleaseList *self = data;

  self->pace_idle = 0;
  tell_ops (self);
  return G_SOURCE_REMOVE;
}

/* Tells the changes of a refresh, PACE_ROWS new rows of the pages a turn;
 * between turns the list is the new state up to splice_at, the old one
 * after (a list like any other: the rows the next changes remove are
 * still there). */
static void
tell_ops (PrReleaseList *self)
{
  guint budget = PACE_ROWS;
  guint told = 0;

  while (told < self->ops->len)
    {
      Op *op = &g_array_index (self->ops, Op, told);

      if (op->paced && op->added > budget)
        {
          /* A part now, the rest next turn. */
          if (budget > 0)
            {
              self->n_items = self->n_items - op->removed + budget;
              self->splice_at = op->position + budget;
              self->splice_old = op->splice_old;
              pr_release_list_pages_emit_changed (self, op->position, op->removed, budget);
              op->position += budget;
              op->removed = 0;
              op->added -= budget;
            }
          break;
        }
      self->n_items = self->n_items - op->removed + op->added;
      self->splice_at = op->splice_at;
      self->splice_old = op->splice_old;
      if (op->paced)
        budget -= op->added;
      told++;
      pr_release_list_pages_emit_changed (self, op->position, op->removed, op->added);
    }
  g_array_remove_range (self->ops, 0, told);
  if (self->ops->len > 0)
    self->pace_idle = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, PACE_INTERVAL_MS, pace_cb, self, NULL);
  else
    refresh_told (self);
}

/* The ids of @pages at [start, end) when all are known, else NULL. */
static GArray *
known_ids (GQueue *pages,
           guint   start,
           guint   end)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - start);

  for (guint position = start; position < end; position++)
    {
      guint index = position / PR_RELEASE_LIST_PAGE_SIZE;
      guint offset = position % PR_RELEASE_LIST_PAGE_SIZE;
      Page *page = NULL;

      for (GList *l = pages->head; l != NULL && page == NULL; l = l->next)
        if (((Page *) l->data)->index == index)
          page = l->data;
      if (page == NULL || offset >= page->ids->len || g_array_index (page->ids, gint64, offset) == 0)
        return NULL;
      g_array_append_val (ids, g_array_index (page->ids, gint64, offset));
    }
  return g_steal_pointer (&ids);
}

/* The rows of @new_ids that are in @old_ids in the same order, as many as
 * can be (a longest increasing subsequence of their old indexes): for
 * each new index, its old index if it is kept, else -1. */
static GArray *
kept_rows (GArray *old_ids,
           GArray *new_ids)
{
  g_autoptr(GHashTable) old_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) olds = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));   /* new index */
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint));   /* new index */
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (gint));

  for (guint i = 0; i < old_ids->len; i++)
    g_hash_table_insert (old_index, &g_array_index (old_ids, gint64, i), GUINT_TO_POINTER (i + 1));
  g_array_set_size (olds, new_ids->len);
  g_array_set_size (before, new_ids->len);
  g_array_set_size (kept, new_ids->len);
  for (guint j = 0; j < new_ids->len; j++)
    {
      gint old = GPOINTER_TO_INT (g_hash_table_lookup (old_index, &g_array_index (new_ids, gint64, j))) - 1;
      guint lo = 0, hi = tails->len;

      g_array_index (olds, gint, j) = old;
      g_array_index (kept, gint, j) = -1;
      g_array_index (before, gint, j) = -1;
      if (old < 0)
        continue;
      /* The longest run so far that this one can end. */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (olds, gint, g_array_index (tails, guint, mid)) < old)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0)
        g_array_index (before, gint, j) = (gint) g_array_index (tails, guint, lo - 1);
      if (lo == tails->len)
        g_array_append_val (tails, j);
      else
        g_array_index (tails, guint, lo) = j;
    }
  for (gint j = tails->len > 0 ? (gint) g_array_index (tails, guint, tails->len - 1) : -1; j >= 0;
       j = g_array_index (before, gint, j))
    g_array_index (kept, gint, j) = g_array_index (olds, gint, j);
  return kept;
}

/* Whether page @index was read with the refresh (rows in the new state)
 * and all its rows are known in the old state (which has rows there). */
static gboolean
page_known (PrReleaseList      *self,
            PrStoreWatchResult *read,
            guint               index,
            guint               old_n)
{
  guint offset = index * PR_RELEASE_LIST_PAGE_SIZE;
  g_autoptr(GArray) ids = NULL;

  if (offset >= old_n)
    return FALSE;
  for (guint p = 0; p < read->pages->len; p++)
    {
      PrStoreWatchPage *page = g_ptr_array_index (read->pages, p);

      if (page->offset != offset || page->ids->len == 0)
        continue;
      ids = known_ids (&self->old_pages, offset, MIN (offset + PR_RELEASE_LIST_PAGE_SIZE, old_n));
      return ids != NULL;
    }
  return FALSE;
}

/* Tells a refresh as precise changes: rows above the pages read (in the
 * old and the new state alike) changed in place, the pages' rows as
 * removed and inserted around the ones that stayed (which keep their
 * rows in views), the rest after them replaced. FALSE when no page read
 * is known in the old state: then it is one change of it all. */
static gboolean
emit_refresh (PrReleaseList      *self,
              guint               old_n,
              PrStoreWatchResult *read)
{
  guint new_n = self->n_items;
  guint a = 0, end = 0;
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(GArray) kept = NULL;
  guint i = 0, j = 0;

  /* An empty list, or one emptied, is started over. A short one is not:
   * its rows are all known, and starting over would remove the rows views
   * track (the selected one) and make GtkListView 4.8 look for them among
   * every row added. */
  if (old_n == 0 || new_n == 0)
    return FALSE;

  /* The pages read that the old state knows, in a row around the most
   * recently used one (read first). */
  {
    PrStoreWatchPage *first = g_ptr_array_index (read->pages, 0);
    guint lo, hi;

    if (first->ids->len == 0 || first->offset >= old_n
        || !page_known (self, read, first->offset / PR_RELEASE_LIST_PAGE_SIZE, old_n))
      return FALSE;
    lo = hi = first->offset / PR_RELEASE_LIST_PAGE_SIZE;
    while (lo > 0 && page_known (self, read, lo - 1, old_n))
      lo--;
    while (page_known (self, read, hi + 1, old_n))
      hi++;
    a = lo * PR_RELEASE_LIST_PAGE_SIZE;
    end = MIN ((hi + 1) * PR_RELEASE_LIST_PAGE_SIZE, new_n);
    old_ids = known_ids (&self->old_pages, a, MIN ((hi + 1) * PR_RELEASE_LIST_PAGE_SIZE, old_n));
    if (old_ids == NULL || a >= end)
      return FALSE;
  }

  /* The new state's rows there, page by page in order. */
  new_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - a);
  for (guint offset = a; offset < end; offset += PR_RELEASE_LIST_PAGE_SIZE)
    for (guint p = 0; p < read->pages->len; p++)
      {
        PrStoreWatchPage *page = g_ptr_array_index (read->pages, p);

        if (page->offset == offset)
          g_array_append_vals (new_ids, page->ids->data, page->ids->len);
      }
  if (new_ids->len != end - a)
    return FALSE;
  kept = kept_rows (old_ids, new_ids);

  g_array_set_size (self->ops, 0);
  /* Above the pages: changed in place. */
  if (a > 0)
    g_array_append_val (self->ops, ((Op) { 0, a, a, a, a, FALSE }));
  /* The pages: around the rows that stayed; changes fewer than
   * MERGE_KEPT kept rows apart are one (views keep the rows of the
   * releases a change removes and inserts again). */
  for (;;)
    {
      guint next_j = j, next_i;
      guint op_i = i, op_j = j;

      for (;;)
        {
          guint run = 0;

          while (next_j < new_ids->len && g_array_index (kept, gint, next_j) < 0)
            next_j++;
          next_i = next_j < new_ids->len ? (guint) g_array_index (kept, gint, next_j) : old_ids->len;
          /* The kept rows after: few, and a change after them? */
          while (next_j + run < new_ids->len && run < MERGE_KEPT
                 && g_array_index (kept, gint, next_j + run) == (gint) (next_i + run))
            run++;
          if (next_j + run >= new_ids->len || run >= MERGE_KEPT
              || (next_i == op_i && next_j == op_j))
            break;
          next_j += run;
        }
      if (next_i > op_i || next_j > op_j)
        g_array_append_val (self->ops, ((Op) { a + op_j, next_i - op_i, next_j - op_j,
                                               a + next_j, a + next_i, TRUE }));
      if (next_j >= new_ids->len)
        break;
      i = next_i + 1;
      j = next_j + 1;
    }
  /* Below them: replaced. */
  if (old_n - (a + old_ids->len) > 0 || new_n - (a + new_ids->len) > 0)
    g_array_append_val (self->ops, ((Op) { a + new_ids->len, old_n - (a + old_ids->len),
                                           new_n - (a + new_ids->len), new_n, old_n, FALSE }));

  self->splicing = TRUE;
  self->n_items = old_n;
  tell_ops (self);
  return TRUE;
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadCall *call = user_data;
  g_autoptr(PrReleaseList) self = g_weak_ref_get (&call->list);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStoreWatchResult) read = pr_store_watch_read_finish (PR_STORE (source), result, &error);
  guint old_n;
  gboolean was_loading, was_counting;

  if (self == NULL || call->serial != self->serial)
    {
      read_call_free (call);
      return;
    }
  read_call_free (call);
  self->refreshing = FALSE;
  if (read == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read releases: %s", error->message);
      return;
    }

  old_n = self->n_items;
  was_loading = self->loading;
  was_counting = self->counting;
  /* A new query's first rows, found before its count: shown, then
   * counted (read again at once). */
  self->counting = read->count < 0;
  if (self->counting)
    read->count = ((PrStoreWatchPage *) g_ptr_array_index (read->pages, 0))->ids->len;
  self->epoch = read->epoch;
  /* A write delivered meanwhile: shown now, and read again. */
  self->stale = self->counting
                || read->epoch != pr_store_watch_get_epoch (self->store, self->watch);
  self->n_items = (guint) CLAMP (read->count, 0, G_MAXUINT);
  self->loading = FALSE;
  /* The old state's pages stay until the change is told. */
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) pr_release_list_pages_free_page);
  self->old_pages = self->pages;
  g_queue_init (&self->pages);
  g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->requested);
  g_hash_table_remove_all (self->snippets);
  for (guint i = read->pages->len; i > 0; i--)
    {
      PrStoreWatchPage *page = g_ptr_array_index (read->pages, i - 1);

      if (page->ids->len > 0)
        pr_release_list_pages_merge (self, page->offset / PR_RELEASE_LIST_PAGE_SIZE, page->ids,
                                     page->releases);
    }
  self->page_loads += read->pages->len;

  self->told_from = old_n;
  if (was_loading || !emit_refresh (self, old_n, read))
    {
      self->n_items = (guint) CLAMP (read->count, 0, G_MAXUINT);
      if (old_n > 0 || self->n_items > 0)
        pr_release_list_pages_emit_changed (self, 0, old_n, self->n_items);
      refresh_told (self);
    }
  if (was_loading)
    pr_release_list_notify (self, PROP_LOADING);
  if (was_counting != self->counting)
    pr_release_list_notify (self, PROP_COUNTING);
}

/* Counts the list and reads its recently used pages again. */
void
pr_release_list_async_start_refresh (PrReleaseList *self)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now = g_get_monotonic_time ();
  PrStoreWatchRequest request = { TRUE, NULL, 0, PR_RELEASE_LIST_PAGE_SIZE, 0, 0, -2 };

  /* A new query is shown from its top. */
  if (self->loading)
    g_array_append_val (offsets, (guint) { 0 });
  for (GList *l = self->pages.head; l != NULL && offsets->len < RECENT_PAGES; l = l->next)
    {
      Page *page = l->data;
      guint offset = page->index * PR_RELEASE_LIST_PAGE_SIZE;

      if (now - page->used < RECENT_PAGE_US && (offset != 0 || !self->loading))
        g_array_append_val (offsets, offset);
    }
  if (offsets->len == 0)
    g_array_append_val (offsets, (guint) { 0 });

  self->refreshing = TRUE;
  self->refreshed_at = now;
  /* A new query: its first screenful now, the other rows of the page
   * read by id as they are asked for (one indexed row each). */
  if (self->loading)
    {
      request.with_releases = FIRST_RELEASES;
      request.quick = QUICK_ROWS;
    }
  request.offsets = (const guint *) offsets->data;
  request.n_offsets = offsets->len;
  pr_store_watch_read_async (self->store, self->watch, &request, self->cancellable,
                             refresh_done, read_call_new (self, READ_REFRESH, 0));
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  PrReleaseList *self = data;

  self->refresh_timeout = 0;
  if (!self->refreshing && self->pace_idle == 0)
    pr_release_list_async_start_refresh (self);
  return G_SOURCE_REMOVE;
}

void
pr_release_list_async_schedule_refresh (PrReleaseList *self)
{
  gint64 wait;

  /* A refresh under way (or being told) looks at the state when it ends. */
  if (self->refreshing || self->refresh_timeout != 0 || self->pace_idle != 0)
    return;
  wait = self->refreshed_at + REFRESH_INTERVAL_MS * 1000 - g_get_monotonic_time ();
  if (self->loading || self->counting || wait <= 0)
    pr_release_list_async_start_refresh (self);
  else
    self->refresh_timeout = g_timeout_add ((guint) (wait / 1000) + 1, refresh_timeout_cb, self);
}
