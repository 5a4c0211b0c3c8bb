/* pr-store-async.c: the store's counts, id searches, bulk read marks,
 * subscriptions and watches in a worker thread, for the window (on the public API: each runs the
 * blocking call in GTask's pool, like the store's own async calls) */
#include "pr-store.h"

typedef enum {
  ASYNC_COUNT,
  ASYNC_SEARCH_IDS,
  ASYNC_SET_READ_IDS,
  ASYNC_LIST_SUBSCRIPTIONS,
  ASYNC_UPDATE_SUBSCRIPTION,
  ASYNC_REMOVE_SUBSCRIPTION,
  ASYNC_LIST_WATCHES,
  ASYNC_ADD_WATCH,
  ASYNC_UPDATE_WATCH,
  ASYNC_REMOVE_WATCH,
  ASYNC_MOVE_WATCH,
} AsyncKind;

typedef struct {
  AsyncKind kind;
  PrQuery *query;
  PrFilter filter;
  gboolean grouped;
  PrSort sort;
  guint offset;
  guint limit;
  GArray *ids;
  gboolean read;
  PrSubscription *sub;
  PrWatch *watch;
  gint64 id;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_clear_object (&data->query);
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_pointer (&data->sub, pr_subscription_free);
  g_clear_pointer (&data->watch, pr_watch_free);
  g_free (data);
}

/* ---- the worker ------------------------------------------------------ */

static void
async_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (data->kind)
    {
    case ASYNC_COUNT:
      {
        gint64 count = pr_store_count_grouped (source_object, data->query, data->filter,
                                               data->grouped, &error);

        if (error == NULL)
          {
            g_task_return_pointer (task, g_memdup2 (&count, sizeof count), g_free);
            return;
          }
      }
      break;
    case ASYNC_SEARCH_IDS:
      {
        GArray *ids = pr_store_search_ids (source_object, data->query, data->filter, data->sort,
                                           data->offset, data->limit, &error);

        if (ids != NULL)
          {
            g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
            return;
          }
      }
      break;
    case ASYNC_SET_READ_IDS:
      if (pr_store_set_read_ids (source_object, data->ids, data->read, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_LIST_SUBSCRIPTIONS:
      {
        GPtrArray *subs = pr_store_list_subscriptions (source_object, &error);

        if (subs != NULL)
          {
            g_task_return_pointer (task, subs, (GDestroyNotify) g_ptr_array_unref);
            return;
          }
      }
      break;
    case ASYNC_UPDATE_SUBSCRIPTION:
      if (pr_store_update_subscription (source_object, data->sub, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_REMOVE_SUBSCRIPTION:
      if (pr_store_remove_subscription (source_object, data->id, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_LIST_WATCHES:
      {
        GPtrArray *watches = pr_store_list_watches (source_object, &error);

        if (watches != NULL)
          {
            g_task_return_pointer (task, watches, (GDestroyNotify) g_ptr_array_unref);
            return;
          }
      }
      break;
    case ASYNC_ADD_WATCH:
      /* At its place in the list (Undo puts a deleted one back there). */
      if (pr_store_add_watch (source_object, data->watch, &error) &&
          (data->offset == G_MAXUINT ||
           pr_store_move_watch (source_object, data->watch->id, data->offset, &error)))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_UPDATE_WATCH:
      if (pr_store_update_watch (source_object, data->watch, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_REMOVE_WATCH:
      if (pr_store_remove_watch (source_object, data->id, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case ASYNC_MOVE_WATCH:
      if (pr_store_move_watch (source_object, data->id, data->offset, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    }
  g_task_return_error (task, error);
}

/* Takes @data. */
static void
async_run (PrStore             *self,
           gpointer             tag,
           AsyncData           *data,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, async_thread);
}

/* ---- counts ---------------------------------------------------------- */

void
pr_store_count_async (PrStore             *self,
                      PrQuery             *query,
                      PrFilter             filter,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  pr_store_count_grouped_async (self, query, filter, FALSE, cancellable, callback, user_data);
}

void
pr_store_count_grouped_async (PrStore             *self,
                              PrQuery             *query,
                              PrFilter             filter,
                              gboolean             grouped,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_COUNT;
  data->query = query != NULL ? g_object_ref (query) : NULL;
  data->filter = filter;
  data->grouped = grouped;
  /* One source tag for both: pr_store_count_finish() checks the task. */
  async_run (self, pr_store_count_async, data, cancellable, callback, user_data);
}

gint64
pr_store_count_finish (PrStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_autofree gint64 *count = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  count = g_task_propagate_pointer (G_TASK (result), error);
  return count != NULL ? *count : -1;
}

/* ---- ids ------------------------------------------------------------- */

void
pr_store_search_ids_async (PrStore             *self,
                           PrQuery             *query,
                           PrFilter             filter,
                           PrSort               sort,
                           guint                offset,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_SEARCH_IDS;
  data->query = query != NULL ? g_object_ref (query) : NULL;
  data->filter = filter;
  data->sort = sort;
  data->offset = offset;
  data->limit = limit;
  async_run (self, pr_store_search_ids_async, data, cancellable, callback, user_data);
}

GArray *
pr_store_search_ids_finish (PrStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- read marks ------------------------------------------------------ */

void
pr_store_set_read_ids_async (PrStore             *self,
                             GArray              *ids,
                             gboolean             read,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (ids != NULL);

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_SET_READ_IDS;
  data->ids = g_array_ref (ids);
  data->read = read;
  async_run (self, pr_store_set_read_ids_async, data, cancellable, callback, user_data);
}

gboolean
pr_store_set_read_ids_finish (PrStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- subscriptions --------------------------------------------------- */

void
pr_store_list_subscriptions_async (PrStore             *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_LIST_SUBSCRIPTIONS;
  async_run (self, pr_store_list_subscriptions_async, data, cancellable, callback, user_data);
}

GPtrArray *
pr_store_list_subscriptions_finish (PrStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pr_store_update_subscription_async (PrStore               *self,
                                    const PrSubscription  *sub,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (sub != NULL);

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_UPDATE_SUBSCRIPTION;
  data->sub = pr_subscription_copy (sub);
  async_run (self, pr_store_update_subscription_async, data, cancellable, callback, user_data);
}

void
pr_store_remove_subscription_async (PrStore             *self,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_REMOVE_SUBSCRIPTION;
  data->id = id;
  async_run (self, pr_store_remove_subscription_async, data, cancellable, callback, user_data);
}

/* For pr_store_update_subscription_async() and
 * pr_store_remove_subscription_async(). */
gboolean
pr_store_subscription_finish (PrStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- watches --------------------------------------------------------- */

void
pr_store_list_watches_async (PrStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AsyncData *data;

  g_return_if_fail (PR_IS_STORE (self));

  data = g_new0 (AsyncData, 1);
  data->kind = ASYNC_LIST_WATCHES;
  async_run (self, pr_store_list_watches_async, data, cancellable, callback, user_data);
}

GPtrArray *
pr_store_list_watches_finish (PrStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
watch_change_async (PrStore             *self,
                    AsyncKind            kind,
                    const PrWatch       *watch,
                    gint64               id,
                    guint                position,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  AsyncData *data = g_new0 (AsyncData, 1);

  data->kind = kind;
  data->watch = watch != NULL ? pr_watch_copy (watch) : NULL;
  data->id = id;
  data->offset = position;
  async_run (self, watch_change_async, data, cancellable, callback, user_data);
}

void
pr_store_add_watch_async (PrStore             *self,
                          const PrWatch       *watch,
                          guint                position,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (watch != NULL);
  watch_change_async (self, ASYNC_ADD_WATCH, watch, 0, position, cancellable, callback, user_data);
}

void
pr_store_update_watch_async (PrStore             *self,
                             const PrWatch       *watch,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (watch != NULL);
  watch_change_async (self, ASYNC_UPDATE_WATCH, watch, 0, 0, cancellable, callback, user_data);
}

void
pr_store_remove_watch_async (PrStore             *self,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  watch_change_async (self, ASYNC_REMOVE_WATCH, NULL, id, 0, cancellable, callback, user_data);
}

void
pr_store_move_watch_async (PrStore             *self,
                           gint64               id,
                           guint                position,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PR_IS_STORE (self));
  watch_change_async (self, ASYNC_MOVE_WATCH, NULL, id, position, cancellable, callback, user_data);
}

gboolean
pr_store_watch_change_finish (PrStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
