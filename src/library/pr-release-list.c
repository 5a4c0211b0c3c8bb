/* pr-release-list.c: a list model of the library's releases (its pages and
 * their changes are in pr-release-list-pages.c, its reads in workers in
 * pr-release-list-async.c) */
#include "pr-release-list-private.h"

static void pr_release_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrReleaseList, pr_release_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pr_release_list_model_init))

static GParamSpec *properties[N_PROPS];

static GQuark
placeholder_quark (void)
{
  return g_quark_from_static_string ("pr-release-list-placeholder");
}

gboolean
pr_release_list_is_placeholder (PrRelease *release)
{
  return release != NULL && g_object_get_qdata (G_OBJECT (release), placeholder_quark ()) != NULL;
}

/* ---- properties ------------------------------------------------------ */

void
pr_release_list_notify (PrReleaseList *self,
                        guint          prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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
                                self->grouped, pr_release_list_pages_apply_delta, self);

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
          g_queue_clear_full (&self->old_pages, (GDestroyNotify) pr_release_list_pages_free_page);
          pr_release_list_pages_clear (self);
        }
      g_hash_table_remove_all (self->requested);
      self->refreshing = FALSE;
      self->refreshed_at = 0;
      self->stale = TRUE;
      self->loading = TRUE;
      if (!was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      if (self->counting)
        {
          self->counting = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
        }
      pr_release_list_async_start_refresh (self);
      return;
    }

  pr_release_list_pages_clear (self);
  self->n_items = pr_release_list_pages_count_items (self);
  if (old_n > 0 || self->n_items > 0)
    pr_release_list_pages_emit_changed (self, 0, old_n, self->n_items);
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
  pr_release_list_async_request_page (self, position / PR_RELEASE_LIST_PAGE_SIZE);
  return g_object_ref (placeholder);
}

/* Whether release @id is in the rows of the new state told so far. */
static gboolean
told_already (PrReleaseList *self,
              gint64         id)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;
      guint base = page->index * PR_RELEASE_LIST_PAGE_SIZE;

      for (guint i = 0; i < page->ids->len && base + i < self->splice_at; i++)
        if (g_array_index (page->ids, gint64, i) == id)
          return TRUE;
    }
  return FALSE;
}

/* While a refresh is told: a row of the old state (the next changes
 * remove or keep it); a placeholder of its own if it was not read, or if
 * its release moved into the rows told already (one object at two
 * positions is a list a view refuses). */
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
      if (id != 0 && told_already (self, id))
        break;
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
  return pr_release_list_pages_merge (self, index, ids, NULL);
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

  page = pr_release_list_pages_find (self, index);
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
  pr_release_list_pages_clear (self);
  g_queue_clear_full (&self->old_pages, (GDestroyNotify) pr_release_list_pages_free_page);
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
    case PROP_GROUPED:
      g_value_set_boolean (value, self->grouped);
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
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
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
    case PROP_GROUPED:
      pr_release_list_set_grouped (self, g_value_get_boolean (value));
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
  /* What the list shows is set at construction (G_PARAM_CONSTRUCT), so
   * that g_object_new() reads it once, in constructed(): given after, each
   * property read the list again (a search counted twice). */
  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL, PR_TYPE_QUERY, rw | G_PARAM_CONSTRUCT);
  properties[PROP_FILTER] =
    g_param_spec_enum ("filter", NULL, NULL, PR_TYPE_FILTER, PR_FILTER_ALL, rw | G_PARAM_CONSTRUCT);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, PR_TYPE_SORT, PR_SORT_DATE, rw | G_PARAM_CONSTRUCT);
  /* One row per group of copies (the original), a copy's match its
   * original's; off, every copy is a row. */
  properties[PROP_GROUPED] =
    g_param_spec_boolean ("grouped", NULL, NULL, FALSE, rw | G_PARAM_CONSTRUCT);
  properties[PROP_ASYNC] =
    g_param_spec_boolean ("async", NULL, NULL, FALSE, rw | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE, ro);

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
pr_release_list_get_counting (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return self->counting;
}

gboolean
pr_release_list_is_settled (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return !self->loading && !self->counting && !self->stale && !self->refreshing && self->refresh_timeout == 0
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

gboolean
pr_release_list_get_grouped (PrReleaseList *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_LIST (self), FALSE);
  return self->grouped;
}

void
pr_release_list_set_grouped (PrReleaseList *self,
                             gboolean       grouped)
{
  g_return_if_fail (PR_IS_RELEASE_LIST (self));

  grouped = !!grouped;
  if (self->grouped == grouped)
    return;
  self->grouped = grouped;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPED]);
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
