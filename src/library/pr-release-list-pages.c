/* pr-release-list-pages.c: the list model's pages of ids, and the changes
 * a write makes to them */
#include "pr-release-list-private.h"

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

void
pr_release_list_pages_free_page (Page *page)
{
  for (guint i = 0; i < page->ids->len; i++)
    g_clear_object (&page->items[i]);
  g_free (page->items);
  g_array_unref (page->ids);
  g_free (page);
}

void
pr_release_list_pages_clear (PrReleaseList *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) pr_release_list_pages_free_page);
}

static void
trim_pages (PrReleaseList *self)
{
  while (g_queue_get_length (&self->pages) > MAX_PAGES)
    pr_release_list_pages_free_page (g_queue_pop_tail (&self->pages));
}

Page *
pr_release_list_pages_find (PrReleaseList *self,
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
Page *
pr_release_list_pages_merge (PrReleaseList *self,
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
    pr_release_list_pages_free_page (old);
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
      pr_release_list_pages_free_page (page);
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

void
pr_release_list_pages_emit_changed (PrReleaseList *self,
                                    guint          position,
                                    guint          removed,
                                    guint          added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

guint
pr_release_list_pages_count_items (PrReleaseList *self)
{
  g_autoptr(GError) error = NULL;
  gint64 count = pr_store_watch_count (self->store, self->watch, &error);

  if (error != NULL)
    g_warning ("Could not count releases: %s", error->message);
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/* Asynchronous lists: the pages of the placeholders handed out, read
 * again (after a change, the reads under way are of another state). */
void
pr_release_list_pages_request_placeholders (PrReleaseList *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->stale)
    return;
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    pr_release_list_async_request_page (self, GPOINTER_TO_UINT (key) / PR_RELEASE_LIST_PAGE_SIZE);
}

void
pr_release_list_pages_apply_delta (const PrStoreDelta *delta,
                                   gpointer            user_data)
{
  PrReleaseList *self = user_data;
  guint old_n = self->n_items;

  /* A change of many rows is read again in a worker and told PACE_ROWS
   * rows a turn: told at once, a view makes a row for each that lands in
   * its range (GtkListView 4.8), hundreds in one frame. */
  if (self->async && (delta->reset || self->stale || self->pace_idle != 0 ||
                      delta->inserted->len + delta->removed->len > PACE_ROWS))
    {
      /* Shown as it was until the worker has read it again. */
      self->stale = TRUE;
      g_hash_table_remove_all (self->requested);
      pr_release_list_async_schedule_refresh (self);
      return;
    }

  if (delta->reset)
    {
      pr_release_list_pages_clear (self);
      self->n_items = pr_release_list_pages_count_items (self);
      if (old_n > 0 || self->n_items > 0)
        pr_release_list_pages_emit_changed (self, 0, old_n, self->n_items);
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
          pr_release_list_pages_emit_changed (self, g_array_index (delta->removed, guint, 0), 1, 1);
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
              pr_release_list_pages_emit_changed (self, first - (run - 1), run, 0);
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
              pr_release_list_pages_emit_changed (self, first, 0, run);
              i += run;
            }
        }
      if (self->async)
        pr_release_list_pages_request_placeholders (self);
    }

  if (self->n_items != old_n)
    pr_release_list_notify (self, PROP_N_ITEMS);
}
