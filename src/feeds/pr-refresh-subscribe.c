/* pr-refresh-subscribe.c: subscribing to a feed, or to the feed a page
 * links to (<link rel="alternate">), for PrRefresh */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-feed.h"
#include "pr-refresh-private.h"

typedef struct {
  char *url;            /* the address asked for, then the feed found */
  char *title;
  gboolean discovered;  /* @url was found in a page: no second search */
  PrFetchResult *fetched;
  char *found;          /* set by the thread: a feed link to try */
} Subscribe;

static void
subscribe_free (Subscribe *data)
{
  g_free (data->url);
  g_free (data->title);
  g_clear_pointer (&data->fetched, pr_fetch_result_unref);
  g_free (data->found);
  g_free (data);
}

/* In a worker: the feed parsed and subscribed to, or a page's feed link
 * found. */
static void
subscribe_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PrRefresh *self = source_object;
  Subscribe *data = task_data;
  GBytes *body = data->fetched->body;
  const char *bytes = g_bytes_get_data (body, NULL);
  gsize length = g_bytes_get_size (body);
  const char *url = data->fetched->moved_to != NULL ? data->fetched->moved_to : data->url;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrFeed) feed = pr_feed_parse (bytes, length, url, data->fetched->charset, &error);
  g_autoptr(PrSubscription) sub = NULL;

  if (feed == NULL)
    {
      g_autoptr(GPtrArray) links = data->discovered ? NULL : pr_feed_discover (bytes, length, url);

      if (links != NULL && links->len > 0)
        {
          data->found = g_strdup (g_ptr_array_index (links, 0));
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sub = pr_subscription_new (url);
  sub->custom_title = data->title != NULL && *data->title != '\0';
  sub->title = g_strdup (sub->custom_title ? data->title
                         : feed->title != NULL && *feed->title != '\0' ? feed->title : url);
  sub->site_url = g_strdup (feed->link);
  if (!pr_store_add_subscription (pr_refresh_get_store (self), sub, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&sub), (GDestroyNotify) pr_subscription_free);
}

static void subscribe_fetch (GTask *task);

static void
subscribe_parsed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Subscribe *data = g_task_get_task_data (task);
  GError *error = NULL;
  PrSubscription *sub = g_task_propagate_pointer (G_TASK (result), &error);

  if (sub != NULL)
    g_task_return_pointer (task, sub, (GDestroyNotify) pr_subscription_free);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      /* The page named its feed: that is the one. */
      g_free (data->url);
      data->url = g_steal_pointer (&data->found);
      data->discovered = TRUE;
      g_clear_pointer (&data->fetched, pr_fetch_result_unref);
      subscribe_fetch (g_object_ref (task));
    }
  g_object_unref (task);
}

static void
subscribe_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Subscribe *data = g_task_get_task_data (task);
  PrRefresh *self = g_task_get_source_object (task);
  GError *error = NULL;
  GTask *parse;

  data->fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, &error);
  if (data->fetched == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (data->fetched->error != NULL)
    {
      g_task_return_error (task, g_error_copy (data->fetched->error));
      g_object_unref (task);
      return;
    }
  parse = g_task_new (self, g_task_get_cancellable (task), subscribe_parsed, task);
  g_task_set_source_tag (parse, subscribe_fetched);
  g_task_set_task_data (parse, data, NULL);
  pr_refresh_run_in_worker (self, parse, subscribe_thread);
  g_object_unref (parse);
}

static void
subscribe_fetch (GTask *task)
{
  PrRefresh *self = g_task_get_source_object (task);
  Subscribe *data = g_task_get_task_data (task);

  pr_fetcher_fetch_async (pr_refresh_get_fetcher (self), data->url, NULL, NULL, g_task_get_cancellable (task),
                          subscribe_fetched, task);
}

void
pr_refresh_subscribe_async (PrRefresh           *self,
                            const char          *url,
                            const char          *title,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Subscribe *data;
  g_autofree char *scheme = NULL;

  g_return_if_fail (PR_IS_REFRESH (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_refresh_subscribe_async);
  scheme = g_uri_parse_scheme (url);
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %s is what the user gave as a feed's address. */
                               _("Not a web address: %s (feeds are followed over http and https)"), url);
      g_object_unref (task);
      return;
    }
  data = g_new0 (Subscribe, 1);
  data->url = g_strdup (url);
  data->title = g_strdup (title);
  g_task_set_task_data (task, data, (GDestroyNotify) subscribe_free);
  subscribe_fetch (task);
}

PrSubscription *
pr_refresh_subscribe_finish (PrRefresh     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
