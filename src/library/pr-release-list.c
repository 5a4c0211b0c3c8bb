/* pr-release-list.c: a list model of the library's releases */
#include "pr-release-list.h"
#include "pr-store-private.h"

#define MAX_PAGES 8
#define MAX_SNIPPETS 4096
/* Asynchronous lists: a write that starts the list over is shown at most
 * this often... */
#define REFRESH_INTERVAL_MS 300
/* ...with the pages used in the last seconds read again. */
#define RECENT_PAGES 3
#define RECENT_PAGE_US (5 * G_USEC_PER_SEC)
/* Finding a release while the library changes faster than the list is
 * refreshed: tries before the last answer is given as it is. */
#define FIND_TRIES 8
/* Changes of a refresh fewer kept rows apart than this are one. */
#define MERGE_KEPT 16
/* ...and tell at most this many new rows of the pages a main loop turn
 * (views make a row widget for each; an import that adds many on top of
 * the rows shown would otherwise hold one frame). */
#define PACE_ROWS 48
/* A new query's first page comes with the releases of its first rows. */
#define FIRST_RELEASES 48

/* A page is the ids of the PR_RELEASE_LIST_PAGE_SIZE rows from
 * index * PR_RELEASE_LIST_PAGE_SIZE, read in one query; its releases are
 * read with it (asynchronous lists) or one by one as they are asked for.
 * A write that moves rows shifts the pages' rows with them: an id of 0 is
 * a row that moved in from a page not read. */
typedef struct {
  guint index;
  GArray *ids;         /* gint64 */
  PrRelease **items;   /* NULL until read */
  gint64 used;         /* when last asked for (monotonic) */
} Page;

struct _PrReleaseList
{
  GObject parent_instance;

  PrStore *store;
  PrQuery *query;
  PrFilter filter;
  PrSort sort;
  gboolean async;

  PrStoreWatch *watch;
  guint n_items;
  GQueue pages;              /* Page, most recently used first */
  GHashTable *snippets;      /* gint64* store id → char* */
  guint page_loads;
  gboolean constructed;

  /* Asynchronous lists */
  guint serial;              /* the watch's: a new one for each query */
  guint64 epoch;             /* the watch's state shown */
  gboolean loading;          /* the query's rows not shown yet */
  gboolean stale;            /* the library moved on from the rows shown */
  gboolean refreshing;
  guint refresh_timeout;
  gint64 refreshed_at;
  GCancellable *cancellable; /* the watch's reads */
  GHashTable *requested;     /* page index → being read */
  GHashTable *placeholders;  /* position → PrRelease */

  /* While a refresh is told as a series of changes: positions from
   * splice_at on are still the old state's, at splice_old on. */
  gboolean splicing;
  guint splice_at;
  guint splice_old;
  GQueue old_pages;          /* Page, the old state's */
  GArray *ops;               /* Op: the changes still to tell */
  guint pace_idle;           /* the next turn of them */
  guint told_from;           /* the count before the refresh */
};

/* A change of a refresh, and the state after it. */
typedef struct {
  guint position;
  guint removed;
  guint added;
  guint splice_at;
  guint splice_old;
  gboolean paced;            /* in the pages: PACE_ROWS new rows a turn */
} Op;

static void pr_release_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrReleaseList, pr_release_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pr_release_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_FILTER,
  PROP_SORT,
  PROP_ASYNC,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void request_page (PrReleaseList *self, guint index);
static void schedule_refresh (PrReleaseList *self);

static GQuark
placeholder_quark (void)
{
  return g_quark_from_static_string ("pr-release-list-placeholder");
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

gboolean
pr_release_list_is_placeholder (PrRelease *release)
{
  return release != NULL && g_object_get_qdata (G_OBJECT (release), placeholder_quark ()) != NULL;
}

/* ---- pages ----------------------------------------------------------- */

static Page *
page_new (guint index,
          guint len)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), len);
  g_array_set_size (page->ids, len);
  page->items = g_new0 (PrRelease *, MAX (len, 1));
  return page;
}

static void
page_free (Page *page)
{
  for (guint i = 0; i < page->ids->len; i++)
    g_clear_object (&page->items[i]);
  g_free (page->items);
  g_array_unref (page->ids);
  g_free (page);
}

static void
clear_pages (PrReleaseList *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

static void
trim_pages (PrReleaseList *self)
{
  while (g_queue_get_length (&self->pages) > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
}

static Page *
find_page (PrReleaseList *self,
           guint          index)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        {
          if (l != self->pages.head)
            {
              g_queue_unlink (&self->pages, l);
              g_queue_push_head_link (&self->pages, l);
            }
          return page;
        }
    }
  return NULL;
}

/* Puts the page read at @index (ids, and releases or NULL) first; rows it
 * had already keep their releases. */
static Page *
merge_page (PrReleaseList *self,
            guint          index,
            GArray        *ids,
            GPtrArray     *releases)
{
  Page *old = NULL;
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    if (((Page *) l->data)->index == index)
      {
        old = l->data;
        g_queue_delete_link (&self->pages, l);
        break;
      }

  page = page_new (index, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      g_array_index (page->ids, gint64, i) = id;
      if (releases != NULL && i < releases->len)
        page->items[i] = g_object_ref (g_ptr_array_index (releases, i));
      else if (old != NULL && i < old->ids->len && g_array_index (old->ids, gint64, i) == id)
        page->items[i] = g_steal_pointer (&old->items[i]);
    }
  page->used = g_get_monotonic_time ();
  if (old != NULL)
    page_free (old);
  g_queue_push_head (&self->pages, page);
  trim_pages (self);
  return page;
}

/* A write moved rows: the pages' rows (and the placeholders handed out)
 * move with them. @delta's removals come highest first and its
 * insertions lowest first, each at the position it has once the ones
 * before it are done. */
typedef struct {
  guint position;
  gint64 id;
  PrRelease *item;
  gint64 used;
} Entry;

static void
shift_rows (PrReleaseList      *self,
            const PrStoreDelta *delta,
            guint               n_after)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) holders = g_array_new (FALSE, FALSE, sizeof (Entry));
  GHashTableIter iter;
  gpointer key, value;
  Page *page;

  while ((page = g_queue_pop_head (&self->pages)) != NULL)
    {
      for (guint i = 0; i < page->ids->len; i++)
        {
          Entry entry = { page->index * PR_RELEASE_LIST_PAGE_SIZE + i,
                          g_array_index (page->ids, gint64, i),
                          g_steal_pointer (&page->items[i]), page->used };

          if (entry.id != 0)
            g_array_append_val (entries, entry);
        }
      page_free (page);
    }
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry entry = { GPOINTER_TO_UINT (key), 0, g_object_ref (value), 0 };

      g_array_append_val (holders, entry);
    }
  g_hash_table_remove_all (self->placeholders);

  for (guint r = 0; r < delta->removed->len; r++)
    {
      guint removed = g_array_index (delta->removed, guint, r);
      GArray *arrays[] = { entries, holders };

      for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
        for (guint i = 0; i < arrays[a]->len;)
          {
            Entry *entry = &g_array_index (arrays[a], Entry, i);

            if (entry->position == removed)
              {
                g_clear_object (&entry->item);
                g_array_remove_index_fast (arrays[a], i);
                continue;
              }
            if (entry->position > removed)
              entry->position--;
            i++;
          }
    }
  for (guint k = 0; k < delta->inserted->len; k++)
    {
      guint inserted = g_array_index (delta->inserted, guint, k);
      Entry entry = { inserted, 0, NULL, 0 };

      for (guint i = 0; i < entries->len; i++)
        if (g_array_index (entries, Entry, i).position >= inserted)
          g_array_index (entries, Entry, i).position++;
      for (guint i = 0; i < holders->len; i++)
        if (g_array_index (holders, Entry, i).position >= inserted)
          g_array_index (holders, Entry, i).position++;
      if (delta->inserted_ids != NULL && k < delta->inserted_ids->len)
        entry.id = g_array_index (delta->inserted_ids, gint64, k);
      if (entry.id != 0)
        g_array_append_val (entries, entry);
    }

  /* The pages again, most recently used first. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      guint index = entry->position / PR_RELEASE_LIST_PAGE_SIZE;
      guint offset = entry->position % PR_RELEASE_LIST_PAGE_SIZE;

      if (entry->position >= n_after)
        {
          g_clear_object (&entry->item);
          continue;
        }
      page = NULL;
      for (GList *l = self->pages.head; l != NULL && page == NULL; l = l->next)
        if (((Page *) l->data)->index == index)
          page = l->data;
      if (page == NULL)
        {
          page = page_new (index, MIN (PR_RELEASE_LIST_PAGE_SIZE,
                                       n_after - index * PR_RELEASE_LIST_PAGE_SIZE));
          g_queue_push_tail (&self->pages, page);
        }
      g_array_index (page->ids, gint64, offset) = entry->id;
      page->items[offset] = g_steal_pointer (&entry->item);
      page->used = MAX (page->used, entry->used);
    }
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    for (GList *m = l->next; m != NULL; m = m->next)
      if (((Page *) m->data)->used > ((Page *) l->data)->used)
        {
          gpointer data = l->data;

          l->data = m->data;
          m->data = data;
        }
  trim_pages (self);

  for (guint i = 0; i < holders->len; i++)
    {
      Entry *entry = &g_array_index (holders, Entry, i);

      if (entry->position < n_after)
        g_hash_table_insert (self->placeholders, GUINT_TO_POINTER (entry->position),
                             g_steal_pointer (&entry->item));
      else
        g_clear_object (&entry->item);
    }
}

/* ---- changes --------------------------------------------------------- */

static void
emit_changed (PrReleaseList *self,
              guint          position,
              guint          removed,
              guint          added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static guint
count_items (PrReleaseList *self)
{
  g_autoptr(GError) error = NULL;
  gint64 count = pr_store_watch_count (self->store, self->watch, &error);

  if (error != NULL)
    g_warning ("Could not count releases: %s", error->message);
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/* Asynchronous lists: the pages of the placeholders handed out, read
 * again (after a change, the reads under way are of another state). */
static void
request_placeholder_pages (PrReleaseList *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->stale)
    return;
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    request_page (self, GPOINTER_TO_UINT (key) / PR_RELEASE_LIST_PAGE_SIZE);
}

static void
apply_delta (const PrStoreDelta *delta,
             gpointer            user_data)
{
  PrReleaseList *self = user_data;
  guint old_n = self->n_items;

  if (self->async && (delta->reset || self->stale || self->pace_idle != 0))
    {
      /* Shown as it was until the worker has read it again. */
      self->stale = TRUE;
      g_hash_table_remove_all (self->requested);
      schedule_refresh (self);
      return;
    }

  if (delta->reset)
    {
      clear_pages (self);
      self->n_items = count_items (self);
      if (old_n > 0 || self->n_items > 0)
        emit_changed (self, 0, old_n, self->n_items);
    }
  else
    {
      guint n_after = old_n - delta->removed->len + delta->inserted->len;

      shift_rows (self, delta, n_after);
      if (self->async)
        {
          self->epoch = pr_store_watch_get_epoch (self->store, self->watch);
          g_hash_table_remove_all (self->requested);
        }

      if (delta->removed->len == 1 && delta->inserted->len == 1 &&
          g_array_index (delta->removed, guint, 0) == g_array_index (delta->inserted, guint, 0))
        {
          /* Changed in place. */
          g_hash_table_remove_all (self->snippets);
          emit_changed (self, g_array_index (delta->removed, guint, 0), 1, 1);
        }
      else
        {
          /* Removals come highest first: merge runs p, p-1, ... */
          for (guint i = 0; i < delta->removed->len;)
            {
              guint first = g_array_index (delta->removed, guint, i);
              guint run = 1;

              while (i + run < delta->removed->len &&
                     g_array_index (delta->removed, guint, i + run) + run == first)
                run++;
              self->n_items -= run;
              emit_changed (self, first - (run - 1), run, 0);
              i += run;
            }
          /* Insertions come lowest first: merge runs p, p+1, ... */
          for (guint i = 0; i < delta->inserted->len;)
            {
              guint first = g_array_index (delta->inserted, guint, i);
              guint run = 1;

              while (i + run < delta->inserted->len &&
                     g_array_index (delta->inserted, guint, i + run) == first + run)
                run++;
              self->n_items += run;
              emit_changed (self, first, 0, run);
              i += run;
            }
        }
      if (self->async)
        request_placeholder_pages (self);
    }

  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

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
      emit_changed (self, first, run, run);
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
      request_placeholder_pages (self);
      read_call_free (call);
      return;
    }

  page = g_ptr_array_index (read->pages, 0);
  self->page_loads++;
  merge_page (self, call->index, page->ids, page->releases);
  replace_placeholders (self, page->offset, page->offset + page->ids->len);
  read_call_free (call);
}

static void
request_page (PrReleaseList *self,
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
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) page_free);
  if (self->n_items != self->told_from)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (self->stale)
    schedule_refresh (self);
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
              emit_changed (self, op->position, op->removed, budget);
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
      emit_changed (self, op->position, op->removed, op->added);
    }
  g_array_remove_range (self->ops, 0, told);
  if (self->ops->len > 0)
    /* After the frame. */
    self->pace_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, pace_cb, self, NULL);
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

  /* A short list is started over: views grow it a little at a time. */
  if (old_n < PR_RELEASE_LIST_PAGE_SIZE || new_n == 0)
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
  gboolean was_loading;

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
  self->epoch = read->epoch;
  /* A write delivered meanwhile: shown now, and read again. */
  self->stale = read->epoch != pr_store_watch_get_epoch (self->store, self->watch);
  self->n_items = (guint) CLAMP (read->count, 0, G_MAXUINT);
  self->loading = FALSE;
  /* The old state's pages stay until the change is told. */
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) page_free);
  self->old_pages = self->pages;
  g_queue_init (&self->pages);
  g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->requested);
  g_hash_table_remove_all (self->snippets);
  for (guint i = read->pages->len; i > 0; i--)
    {
      PrStoreWatchPage *page = g_ptr_array_index (read->pages, i - 1);

      if (page->ids->len > 0)
        merge_page (self, page->offset / PR_RELEASE_LIST_PAGE_SIZE, page->ids, page->releases);
    }
  self->page_loads += read->pages->len;

  self->told_from = old_n;
  if (was_loading || !emit_refresh (self, old_n, read))
    {
      self->n_items = (guint) CLAMP (read->count, 0, G_MAXUINT);
      if (old_n > 0 || self->n_items > 0)
        emit_changed (self, 0, old_n, self->n_items);
      refresh_told (self);
    }
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Counts the list and reads its recently used pages again. */
static void
start_refresh (PrReleaseList *self)
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
    request.with_releases = FIRST_RELEASES;
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
    start_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PrReleaseList *self)
{
  gint64 wait;

  /* A refresh under way (or being told) looks at the state when it ends. */
  if (self->refreshing || self->refresh_timeout != 0 || self->pace_idle != 0)
    return;
  wait = self->refreshed_at + REFRESH_INTERVAL_MS * 1000 - g_get_monotonic_time ();
  if (self->loading || wait <= 0)
    start_refresh (self);
  else
    self->refresh_timeout = g_timeout_add ((guint) (wait / 1000) + 1, refresh_timeout_cb, self);
}

/* ---- the query ------------------------------------------------------- */

/* Watches the current query and starts over. */
static void
reload (PrReleaseList *self)
{
  guint old_n = self->n_items;

  if (!self->constructed)
    return;

  if (self->watch != NULL)
    pr_store_unwatch (self->store, g_steal_pointer (&self->watch));
  g_hash_table_remove_all (self->snippets);
  self->watch = pr_store_watch (self->store, self->query, self->filter, self->sort,
                                apply_delta, self);

  if (self->async)
    {
      /* The rows shown stay until the new ones are read. */
      gboolean was_loading = self->loading;

      self->serial++;
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      g_clear_handle_id (&self->refresh_timeout, g_source_remove);
      if (self->pace_idle != 0)
        {
          /* The rest of a refresh of the old query: not told. */
          g_clear_handle_id (&self->pace_idle, g_source_remove);
          self->splicing = FALSE;
          g_array_set_size (self->ops, 0);
          g_queue_clear_full (&self->old_pages, (GDestroyNotify) page_free);
          clear_pages (self);
        }
      g_hash_table_remove_all (self->requested);
      self->refreshing = FALSE;
      self->refreshed_at = 0;
      self->stale = TRUE;
      self->loading = TRUE;
      if (!was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      start_refresh (self);
      return;
    }

  clear_pages (self);
  self->n_items = count_items (self);
  if (old_n > 0 || self->n_items > 0)
    emit_changed (self, 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ---- GListModel ------------------------------------------------------ */

static GType
pr_release_list_get_item_type (GListModel *model)
{
  return PR_TYPE_RELEASE;
}

static guint
pr_release_list_get_n_items (GListModel *model)
{
  return PR_RELEASE_LIST (model)->n_items;
}

static PrRelease *
placeholder_at (PrReleaseList *self,
                guint          position)
{
  PrRelease *placeholder = g_hash_table_lookup (self->placeholders, GUINT_TO_POINTER (position));

  if (placeholder == NULL)
    {
      placeholder = pr_release_new ();
      g_object_set_qdata (G_OBJECT (placeholder), placeholder_quark (), GINT_TO_POINTER (1));
      g_hash_table_insert (self->placeholders, GUINT_TO_POINTER (position), placeholder);
    }
  request_page (self, position / PR_RELEASE_LIST_PAGE_SIZE);
  return g_object_ref (placeholder);
}

/* While a refresh is told: a row of the old state (the next changes
 * remove or keep it); a placeholder of its own if it was not read. */
static PrRelease *
old_item_at (PrReleaseList *self,
             guint          position)
{
  guint index = position / PR_RELEASE_LIST_PAGE_SIZE;
  guint offset = position % PR_RELEASE_LIST_PAGE_SIZE;
  PrRelease *release;

  for (GList *l = self->old_pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;
      gint64 id;

      if (page->index != index || offset >= page->ids->len)
        continue;
      id = g_array_index (page->ids, gint64, offset);
      if (page->items[offset] != NULL)
        return g_object_ref (page->items[offset]);
      if (id != 0 && (release = pr_store_get_release (self->store, id, NULL)) != NULL)
        return release;
    }
  release = pr_release_new ();
  g_object_set_qdata (G_OBJECT (release), placeholder_quark (), GINT_TO_POINTER (1));
  return release;
}

/* Synchronous lists: reads the page of @index now. */
static Page *
read_page (PrReleaseList *self,
           guint          index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = pr_store_watch_ids (self->store, self->watch, index * PR_RELEASE_LIST_PAGE_SIZE,
                            PR_RELEASE_LIST_PAGE_SIZE, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read releases: %s", error->message);
      return NULL;
    }
  self->page_loads++;
  return merge_page (self, index, ids, NULL);
}

static gpointer
pr_release_list_get_item (GListModel *model,
                          guint       position)
{
  PrReleaseList *self = PR_RELEASE_LIST (model);
  guint index = position / PR_RELEASE_LIST_PAGE_SIZE;
  guint offset = position % PR_RELEASE_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items || self->watch == NULL)
    return NULL;
  if (self->splicing && position >= self->splice_at)
    return old_item_at (self, self->splice_old + (position - self->splice_at));

  page = find_page (self, index);
  if (page == NULL || offset >= page->ids->len || g_array_index (page->ids, gint64, offset) == 0)
    {
      if (self->async)
        return placeholder_at (self, position);
      page = read_page (self, index);
      if (page == NULL || offset >= page->ids->len)
        return NULL;
    }
  page->used = g_get_monotonic_time ();

  if (page->items[offset] == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* One row by its id: a single indexed read. */
      page->items[offset] = pr_store_get_release (self->store,
                                                  g_array_index (page->ids, gint64, offset),
                                                  &error);
      if (page->items[offset] == NULL)
        {
          if (self->async)
            return placeholder_at (self, position);
          g_warning ("Could not read a release: %s", error->message);
          return NULL;
        }
    }
  return g_object_ref (page->items[offset]);
}

static void
pr_release_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pr_release_list_get_item_type;
  iface->get_n_items = pr_release_list_get_n_items;
  iface->get_item = pr_release_list_get_item;
}

/* ---- GObject --------------------------------------------------------- */

static void
pr_release_list_constructed (GObject *object)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  G_OBJECT_CLASS (pr_release_list_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->constructed = TRUE;
  reload (self);
}

static void
pr_release_list_dispose (GObject *object)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  g_clear_handle_id (&self->pace_idle, g_source_remove);
  self->splicing = FALSE;
  if (self->watch != NULL)
    pr_store_unwatch (self->store, g_steal_pointer (&self->watch));
  clear_pages (self);
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) page_free);
  g_hash_table_remove_all (self->placeholders);
  g_clear_object (&self->query);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pr_release_list_parent_class)->dispose (object);
}

static void
pr_release_list_finalize (GObject *object)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->requested, g_hash_table_unref);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  g_clear_pointer (&self->ops, g_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pr_release_list_parent_class)->finalize (object);
}

static void
pr_release_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_object (value, self->query);
      break;
    case PROP_FILTER:
      g_value_set_enum (value, self->filter);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    case PROP_ASYNC:
      g_value_set_boolean (value, self->async);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_release_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      pr_release_list_set_query (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      pr_release_list_set_filter (self, g_value_get_enum (value));
      break;
    case PROP_SORT:
      pr_release_list_set_sort (self, g_value_get_enum (value));
      break;
    case PROP_ASYNC:
      self->async = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_release_list_class_init (PrReleaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pr_release_list_constructed;
  object_class->dispose = pr_release_list_dispose;
  object_class->finalize = pr_release_list_finalize;
  object_class->get_property = pr_release_list_get_property;
  object_class->set_property = pr_release_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE, rw | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL, PR_TYPE_QUERY, rw);
  properties[PROP_FILTER] =
    g_param_spec_enum ("filter", NULL, NULL, PR_TYPE_FILTER, PR_FILTER_ALL, rw);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, PR_TYPE_SORT, PR_SORT_DATE, rw);
  properties[PROP_ASYNC] =
    g_param_spec_boolean ("async", NULL, NULL, FALSE, rw | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_release_list_init (PrReleaseList *self)
{
  g_queue_init (&self->pages);
  g_queue_init (&self->old_pages);
  self->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->requested = g_hash_table_new (NULL, NULL);
  self->placeholders = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

PrReleaseList *
pr_release_list_new (PrStore  *store,
                     PrQuery  *query,
                     PrFilter  filter,
                     PrSort    sort)
{
  g_return_val_if_fail (PR_IS_STORE (store), NULL);
  g_return_val_if_fail (query == NULL || PR_IS_QUERY (query), NULL);

  return g_object_new (PR_TYPE_RELEASE_LIST,
                       "store", store,
                       "query", query,
                       "filter", filter,
                       "sort", sort,
                       NULL);
}

PrReleaseList *
pr_release_list_new_async (PrStore  *store,
                           PrQuery  *query,
                           PrFilter  filter,
                           PrSort    sort)
{
  g_return_val_if_fail (PR_IS_STORE (store), NULL);
  g_return_val_if_fail (query == NULL || PR_IS_QUERY (query), NULL);

  return g_object_new (PR_TYPE_RELEASE_LIST,
                       "store", store,
                       "async", TRUE,
                       "query", query,
                       "filter", filter,
                       "sort", sort,
                       NULL);
}

PrStore *
pr_release_list_get_store (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), NULL);
  return self->store;
}

gboolean
pr_release_list_get_async (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return self->async;
}

gboolean
pr_release_list_get_loading (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return self->loading;
}

gboolean
pr_release_list_is_settled (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return !self->loading && !self->stale && !self->refreshing && self->refresh_timeout == 0
         && self->pace_idle == 0
         && g_hash_table_size (self->requested) == 0
         && g_hash_table_size (self->placeholders) == 0;
}

PrQuery *
pr_release_list_get_query (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), NULL);
  return self->query;
}

void
pr_release_list_set_query (PrReleaseList *self,
                           PrQuery       *query)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));
  g_return_if_fail (query == NULL || PR_IS_QUERY (query));

  if (!g_set_object (&self->query, query))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

PrFilter
pr_release_list_get_filter (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), PR_FILTER_ALL);
  return self->filter;
}

void
pr_release_list_set_filter (PrReleaseList *self,
                            PrFilter       filter)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));

  if (self->filter == filter)
    return;
  self->filter = filter;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

PrSort
pr_release_list_get_sort (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), PR_SORT_DATE);
  return self->sort;
}

void
pr_release_list_set_sort (PrReleaseList *self,
                          PrSort         sort)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

char *
pr_release_list_dup_snippet (PrReleaseList *self,
                             guint          position)
{
  g_autoptr(PrRelease) release = NULL;
  const char *cached;
  char *snippet;
  gint64 id;

  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), NULL);

  if (self->query == NULL || !pr_query_has_terms (self->query))
    return NULL;
  release = g_list_model_get_item (G_LIST_MODEL (self), position);
  if (release == NULL || pr_release_list_is_placeholder (release))
    return NULL;

  id = pr_release_get_store_id (release);
  if (g_hash_table_lookup_extended (self->snippets, &id, NULL, (gpointer *) &cached))
    return g_strdup (cached);

  snippet = pr_store_dup_snippet (self->store, self->query, id);
  if (g_hash_table_size (self->snippets) >= MAX_SNIPPETS)
    g_hash_table_remove_all (self->snippets);
  g_hash_table_insert (self->snippets, g_memdup2 (&id, sizeof id), g_strdup (snippet));
  return snippet;
}

/* ---- finding releases ------------------------------------------------ */

typedef struct {
  gint64 locate_id;
  gint64 unread_after;
  guint tries;
  guint serial;
} FindData;

static void find_read (GTask *task);

static gboolean
find_again (gpointer data)
{
  find_read (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
find_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrReleaseList *self = g_task_get_source_object (task);
  FindData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(PrStoreWatchResult) read = pr_store_watch_read_finish (PR_STORE (source), result, &error);

  if (read == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->serial != self->serial)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list changed");
      return;
    }
  /* The answer is for the rows shown, or the last try. */
  if ((self->async && (self->stale || self->pace_idle != 0 || read->epoch != self->epoch))
      && ++data->tries < FIND_TRIES)
    {
      g_timeout_add_full (G_PRIORITY_DEFAULT, REFRESH_INTERVAL_MS, find_again,
                          g_steal_pointer (&task), NULL);
      return;
    }
  g_task_return_int (task, read->position);
}

static void
find_read (GTask *task)
{
  PrReleaseList *self = g_task_get_source_object (task);
  FindData *data = g_task_get_task_data (task);
  PrStoreWatchRequest request = { FALSE, NULL, 0, 0, 0, data->locate_id, data->unread_after };

  if (g_task_return_error_if_cancelled (task))
    return;
  if (data->serial != self->serial || self->watch == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list changed");
      return;
    }
  pr_store_watch_read_async (self->store, self->watch, &request, g_task_get_cancellable (task),
                             find_done, g_object_ref (task));
}

static void
find_start (PrReleaseList       *self,
            gint64               locate_id,
            gint64               unread_after,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FindData *data = g_new0 (FindData, 1);

  data->locate_id = locate_id;
  data->unread_after = unread_after;
  data->serial = self->serial;
  g_task_set_source_tag (task, find_start);
  g_task_set_task_data (task, data, g_free);
  find_read (task);
}

void
pr_release_list_find_async (PrReleaseList       *self,
                            PrRelease           *release,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));
  g_return_if_fail (PR_IS_RELEASE (release));

  if (pr_release_get_store_id (release) == 0)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, find_start);
      g_task_return_int (task, -1);
      return;
    }
  find_start (self, pr_release_get_store_id (release), -2, cancellable, callback, user_data);
}

void
pr_release_list_find_unread_async (PrReleaseList       *self,
                                   gint64               position,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));

  find_start (self, 0, MAX (position, -1), cancellable, callback, user_data);
}

gint64
pr_release_list_find_finish (PrReleaseList  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

guint
pr_release_list_get_page_loads (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), 0);
  return self->page_loads;
}
