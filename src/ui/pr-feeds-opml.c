/* pr-feeds-opml.c: the window's OPML import and export, off the main thread
 *
 * Each runs in one worker (GTask's pool): the file, the OPML reader or
 * writer and the store's blocking calls, so the window never waits on a
 * disk or a parse. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-feed.h"
#include "pr-feeds-opml.h"
#include "pr-opml.h"

typedef struct {
  GFile *file;
  guint added;
  guint known;
  guint skipped;
} OpmlData;

static void
opml_data_free (OpmlData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

/* "name.opml: reason", so that a message names what it is about. */
static void
prefix_error (GError **error,
              GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_prefix_error (error, "%s: ", name);
}

static gboolean
is_web_address (const char *url)
{
  g_autofree char *scheme = url != NULL ? g_uri_parse_scheme (url) : NULL;

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrStore *store = source_object;
  OpmlData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;

  /* Refused before it is read: an OPML file is small. */
  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && g_file_info_get_size (info) > PR_FEED_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (PR_FEED_MAX_SIZE);

      /* Translators: %s is a size, "16.8 MB". */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the file is larger than %s; a list of subscriptions is smaller"), limit);
    }
  if (error == NULL)
    g_file_load_contents (data->file, cancellable, &contents, &length, NULL, &error);
  if (error == NULL)
    outlines = pr_opml_read (contents, length, &error);
  if (error != NULL)
    {
      prefix_error (&error, data->file);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < outlines->len; i++)
    {
      PrOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autoptr(PrSubscription) sub = NULL;
      g_autoptr(GError) add_error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (!is_web_address (outline->xml_url))
        {
          data->skipped++;
          continue;
        }
      sub = pr_subscription_new (outline->xml_url);
      sub->title = g_strdup (outline->title != NULL ? outline->title : outline->xml_url);
      sub->custom_title = outline->title != NULL;
      /* A site that is not a web address is not kept: Open Site opens it. */
      sub->site_url = is_web_address (outline->html_url) ? g_strdup (outline->html_url) : NULL;
      sub->category = g_strdup (outline->category);
      if (pr_store_add_subscription (store, sub, &add_error))
        data->added++;
      else if (g_error_matches (add_error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS))
        data->known++;
      else
        {
          /* The library itself failed: the rest would fail the same way. */
          g_task_return_error (task, g_steal_pointer (&add_error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

void
pr_feeds_opml_import_async (PrStore             *store,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpmlData *data;

  g_return_if_fail (PR_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (OpmlData, 1);
  data->file = g_object_ref (file);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_feeds_opml_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) opml_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
pr_feeds_opml_import_finish (PrStore       *store,
                             GAsyncResult  *result,
                             guint         *added,
                             guint         *known,
                             guint         *skipped,
                             GError       **error)
{
  OpmlData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_feeds_opml_import_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (added != NULL)
    *added = data->added;
  if (known != NULL)
    *known = data->known;
  if (skipped != NULL)
    *skipped = data->skipped;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PrStore *store = source_object;
  OpmlData *data = task_data;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *opml = NULL;
  gsize length = 0;
  GError *error = NULL;

  subs = pr_store_list_subscriptions (store, &error);
  if (subs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_opml_outline_free);
  for (guint i = 0; i < subs->len; i++)
    {
      PrSubscription *sub = g_ptr_array_index (subs, i);

      g_ptr_array_add (outlines, pr_opml_outline_new (sub->title, sub->url, sub->site_url, sub->category));
    }
  opml = pr_opml_write (outlines, _("PressReader subscriptions"), &length);
  if (!g_file_replace_contents (data->file, opml, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    {
      prefix_error (&error, data->file);
      g_task_return_error (task, error);
      return;
    }
  data->added = subs->len;
  g_task_return_boolean (task, TRUE);
}

void
pr_feeds_opml_export_async (PrStore             *store,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpmlData *data;

  g_return_if_fail (PR_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (OpmlData, 1);
  data->file = g_object_ref (file);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_feeds_opml_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) opml_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pr_feeds_opml_export_finish (PrStore       *store,
                             GAsyncResult  *result,
                             guint         *written,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_feeds_opml_export_async, FALSE);

  if (written != NULL)
    *written = ((OpmlData *) g_task_get_task_data (G_TASK (result)))->added;
  return g_task_propagate_boolean (G_TASK (result), error);
}
