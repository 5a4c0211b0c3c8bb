/* pr-release-list.c: a list model of the library's releases */
#include "pr-release-list.h"
#include "pr-store-private.h"

#define MAX_PAGES 8
#define MAX_SNIPPETS 4096

/* A page is the ids of PR_RELEASE_LIST_PAGE_SIZE rows, read in one
 * query; its releases are read one by one as they are asked for. */
typedef struct {
  guint index;
  GArray *ids;         /* gint64 */
  PrRelease **items;   /* NULL until read */
} Page;

struct _PrReleaseList
{
  GObject parent_instance;

  PrStore *store;
  PrQuery *query;
  PrFilter filter;
  PrSort sort;

  PrStoreWatch *watch;
  guint n_items;
  GQueue pages;              /* Page, most recently used first */
  GHashTable *snippets;      /* gint64* store id → char* */
  guint page_loads;
  gboolean constructed;
};

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
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
set_n_items (PrReleaseList *self,
             guint          n_items)
{
  self->n_items = n_items;
}

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

static void
apply_delta (const PrStoreDelta *delta,
             gpointer            user_data)
{
  PrReleaseList *self = user_data;
  guint old_n = self->n_items;

  clear_pages (self);

  if (delta->reset)
    {
      set_n_items (self, count_items (self));
      if (old_n > 0 || self->n_items > 0)
        emit_changed (self, 0, old_n, self->n_items);
    }
  else if (delta->removed->len == 1 && delta->inserted->len == 1 &&
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
          set_n_items (self, self->n_items - run);
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
          set_n_items (self, self->n_items + run);
          emit_changed (self, first, 0, run);
          i += run;
        }
    }

  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Watches the current query and starts over. */
static void
reload (PrReleaseList *self)
{
  guint old_n = self->n_items;

  if (!self->constructed)
    return;

  if (self->watch != NULL)
    pr_store_unwatch (self->store, g_steal_pointer (&self->watch));
  clear_pages (self);
  g_hash_table_remove_all (self->snippets);

  self->watch = pr_store_watch (self->store, self->query, self->filter, self->sort,
                                apply_delta, self);
  set_n_items (self, count_items (self));

  if (old_n > 0 || self->n_items > 0)
    emit_changed (self, 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static Page *
get_page (PrReleaseList *self,
          guint          index)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      page = l->data;
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

  ids = pr_store_watch_ids (self->store, self->watch, index * PR_RELEASE_LIST_PAGE_SIZE,
                           PR_RELEASE_LIST_PAGE_SIZE, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read releases: %s", error->message);
      return NULL;
    }
  self->page_loads++;

  page = g_new0 (Page, 1);
  page->index = index;
  page->ids = ids;
  page->items = g_new0 (PrRelease *, MAX (ids->len, 1));
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

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

static gpointer
pr_release_list_get_item (GListModel *model,
                          guint       position)
{
  PrReleaseList *self = PR_RELEASE_LIST (model);
  Page *page;
  guint offset;

  if (position >= self->n_items || self->watch == NULL)
    return NULL;

  page = get_page (self, position / PR_RELEASE_LIST_PAGE_SIZE);
  offset = position % PR_RELEASE_LIST_PAGE_SIZE;
  if (page == NULL || offset >= page->ids->len)
    return NULL;

  if (page->items[offset] == NULL)
    {
      g_autoptr(GError) error = NULL;

      page->items[offset] = pr_store_get_release (self->store,
                                                  g_array_index (page->ids, gint64, offset),
                                                  &error);
      if (page->items[offset] == NULL)
        {
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

  if (self->watch != NULL)
    pr_store_unwatch (self->store, g_steal_pointer (&self->watch));
  clear_pages (self);
  g_clear_object (&self->query);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pr_release_list_parent_class)->dispose (object);
}

static void
pr_release_list_finalize (GObject *object)
{
  PrReleaseList *self = PR_RELEASE_LIST (object);

  g_clear_pointer (&self->snippets, g_hash_table_unref);

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
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_release_list_class_init (PrReleaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

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
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_release_list_init (PrReleaseList *self)
{
  g_queue_init (&self->pages);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
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

PrStore *
pr_release_list_get_store (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), NULL);
  return self->store;
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
  if (release == NULL)
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

guint
pr_release_list_get_page_loads (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), 0);
  return self->page_loads;
}
