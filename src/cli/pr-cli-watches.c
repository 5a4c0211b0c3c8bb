/* pr-cli-watches.c: the command-line modes for watches (saved searches) */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-cli-private.h"
#include "pr-cli-watches.h"

int
pr_cli_watch_add (const char *library,
                  const char *name,
                  const char *query,
                  gboolean    notify)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrWatch) watch = pr_watch_new (name, query);
  g_autoptr(PrWatch) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint n;

  store = pr_cli_open_library (library, FALSE);
  if (store == NULL)
    return 1;
  watch->notify = notify;
  if (!pr_store_add_watch (store, watch, &error) ||
      (added = pr_store_find_watch (store, watch->name, &error)) == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }
  n = (guint) CLAMP (added->total, 0, G_MAXUINT);
  line = g_strdup_printf (ngettext ("Watching “%s”: %'u release\n", "Watching “%s”: %'u releases\n", n),
                          added->name, n);
  return pr_cli_write_stdout (line, strlen (line)) ? 0 : 1;
}

int
pr_cli_watch_remove (const char *library,
                     const char *name)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrWatch) watch = NULL;
  g_autoptr(GError) error = NULL;

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  watch = pr_store_find_watch (store, name, &error);
  if (watch == NULL || !pr_store_remove_watch (store, watch->id, &error))
    {
      pr_cli_complain (error->message);
      return 1;
    }
  return 0;
}

int
pr_cli_watches (const char *library,
                gboolean    json)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) watches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  watches = pr_store_list_watches (store, &error);
  if (watches == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < watches->len; i++)
        {
          PrWatch *watch = g_ptr_array_index (watches, i);

          json_builder_begin_object (builder);
          pr_cli_json_string (builder, "name", watch->name);
          pr_cli_json_string (builder, "query", watch->query);
          pr_cli_json_int (builder, "total", watch->total);
          pr_cli_json_int (builder, "unread", watch->unread);
          pr_cli_json_bool (builder, "notify", watch->notify);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      pr_cli_append_json (out, builder);
    }
  else
    for (guint i = 0; i < watches->len; i++)
      {
        PrWatch *watch = g_ptr_array_index (watches, i);

        g_string_append_printf (out, "%s\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
                                watch->name, watch->query, watch->total, watch->unread,
                                watch->notify ? "notify" : "");
      }
  return pr_cli_write_stdout (out->str, out->len) ? 0 : 1;
}
