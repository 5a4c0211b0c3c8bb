/* pr-cli-feeds.c: the command-line modes that follow feeds */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pr-cli-feeds.h"
#include "pr-cli-private.h"
#include "pr-fetcher.h"
#include "pr-opml.h"
#include "pr-refresh.h"

/* The asynchronous calls of the feeds layer, run to their end on this
 * thread's main context (the store's notices are delivered there too). */
typedef struct {
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

/* --subscribe URL [--title T] */
int
pr_cli_subscribe (const char *library,
                  const char *url,
                  const char *title)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrFetcher) fetcher = NULL;
  g_autoptr(PrRefresh) refresh = NULL;
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  store = pr_cli_open_library (library, FALSE);
  if (store == NULL)
    return 1;
  fetcher = pr_fetcher_new ();
  refresh = pr_refresh_new (store, fetcher);
  pr_refresh_subscribe_async (refresh, url, title, NULL, wait_done, &wait);
  result = wait_run (&wait);
  sub = pr_refresh_subscribe_finish (refresh, result, &error);
  if (sub == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", url, error->message);

      pr_cli_complain (message);
      return 1;
    }
  /* Translators: --subscribe's report; %s are the feed's title and address. */
  line = g_strdup_printf (_("Subscribed to “%s” (%s)\n"), sub->title, sub->url);
  return pr_cli_write_stdout (line, strlen (line)) ? 0 : 1;
}

/* --unsubscribe URL */
int
pr_cli_unsubscribe (const char *library,
                    const char *url)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrSubscription) sub = NULL;
  g_autoptr(GError) error = NULL;

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  sub = pr_store_find_subscription (store, url, &error);
  if (sub == NULL || !pr_store_remove_subscription (store, sub->id, &error))
    {
      pr_cli_complain (error->message);
      return 1;
    }
  return 0;
}

/* The array built in @builder, pretty-printed, to @out. */
void
pr_cli_append_json (GString     *out,
             JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* A member of the object being built. */
void
pr_cli_json_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
pr_cli_json_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
pr_cli_json_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = NULL;

  if (seconds <= 0)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_local (seconds);
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

/* --feeds [--json] */
int
pr_cli_feeds (const char *library,
              gboolean    json)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  subs = pr_store_list_subscriptions (store, &error);
  if (subs == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < subs->len; i++)
        {
          PrSubscription *sub = g_ptr_array_index (subs, i);

          json_builder_begin_object (builder);
          pr_cli_json_string (builder, "url", sub->url);
          pr_cli_json_string (builder, "title", sub->title);
          pr_cli_json_string (builder, "site", sub->site_url);
          pr_cli_json_string (builder, "category", sub->category);
          pr_cli_json_int (builder, "releases", sub->releases);
          pr_cli_json_int (builder, "unread", sub->unread);
          pr_cli_json_int (builder, "checked", sub->checked_at);
          pr_cli_json_int (builder, "next", sub->next_check_at);
          pr_cli_json_string (builder, "error", sub->last_error);
          pr_cli_json_bool (builder, "ended", sub->ended);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      pr_cli_append_json (out, builder);
    }
  else
    for (guint i = 0; i < subs->len; i++)
      {
        PrSubscription *sub = g_ptr_array_index (subs, i);
        g_autofree char *checked = format_time (sub->checked_at);

        /* URL, title, counts, last check, and the error if any. */
        g_string_append_printf (out, "%s\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\n",
                                sub->url, sub->title != NULL ? sub->title : "", sub->releases,
                                sub->unread, checked,
                                sub->ended ? _("ended") : sub->last_error != NULL ? sub->last_error : "");
      }
  return pr_cli_write_stdout (out->str, out->len) ? 0 : 1;
}

/* --refresh [--json] */
int
pr_cli_refresh (const char *library,
                gboolean    json)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrFetcher) fetcher = NULL;
  g_autoptr(PrRefresh) refresh = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean failed = FALSE;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  fetcher = pr_fetcher_new ();
  refresh = pr_refresh_new (store, fetcher);
  pr_refresh_run_async (refresh, NULL, FALSE, NULL, wait_done, &wait);
  result = wait_run (&wait);
  results = pr_refresh_run_finish (refresh, result, &error);
  if (results == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          PrRefreshResult *r = g_ptr_array_index (results, i);

          json_builder_begin_object (builder);
          pr_cli_json_string (builder, "url", r->url);
          pr_cli_json_string (builder, "title", r->title);
          pr_cli_json_int (builder, "new", r->added);
          pr_cli_json_int (builder, "updated", r->updated);
          pr_cli_json_int (builder, "unchanged", r->unchanged);
          pr_cli_json_bool (builder, "not_modified", r->not_modified);
          pr_cli_json_string (builder, "error", r->error);
          json_builder_end_object (builder);
          failed |= r->error != NULL;
        }
      json_builder_end_array (builder);
      pr_cli_append_json (out, builder);
    }
  else
    for (guint i = 0; i < results->len; i++)
      {
        PrRefreshResult *r = g_ptr_array_index (results, i);

        if (r->error != NULL)
          {
            g_string_append_printf (out, "%s: %s\n", r->url, r->error);
            failed = TRUE;
          }
        else if (r->not_modified)
          /* Translators: --refresh's line for a feed that had not changed (HTTP 304). */
          g_string_append_printf (out, _("%s: not modified\n"), r->url);
        else
          /* Translators: --refresh's line for a feed; %s is its address,
           * the numbers count releases. */
          g_string_append_printf (out, _("%s: %u new, %u updated, %u unchanged\n"),
                                  r->url, r->added, r->updated, r->unchanged);
      }
  if (!pr_cli_write_stdout (out->str, out->len))
    return 1;
  return failed ? 1 : 0;
}

/* --import-opml FILE */
int
pr_cli_import_opml (const char *library,
                    const char *path)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  g_autoptr(GString) out = g_string_new (NULL);
  guint added = 0, known = 0;
  gsize length = 0;
  gboolean failed = FALSE;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      pr_cli_complain (error->message);
      return 1;
    }
  outlines = pr_opml_read (data, length, &error);
  if (outlines == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", shown, error->message);

      pr_cli_complain (message);
      return 1;
    }
  store = pr_cli_open_library (library, FALSE);
  if (store == NULL)
    return 1;

  for (guint i = 0; i < outlines->len; i++)
    {
      PrOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autoptr(PrSubscription) sub = NULL;
      g_autoptr(GError) add_error = NULL;
      g_autofree char *scheme = g_uri_parse_scheme (outline->xml_url);

      if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
        {
          /* Translators: --import-opml's line for an entry it skipped; %s is its feed address. */
          g_string_append_printf (out, _("%s: not a web address, skipped\n"), outline->xml_url);
          failed = TRUE;
          continue;
        }
      sub = pr_subscription_new (outline->xml_url);
      sub->title = g_strdup (outline->title != NULL ? outline->title : outline->xml_url);
      sub->custom_title = outline->title != NULL;
      sub->site_url = g_strdup (outline->html_url);
      sub->category = g_strdup (outline->category);
      if (pr_store_add_subscription (store, sub, &add_error))
        added++;
      else if (g_error_matches (add_error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS))
        known++;
      else
        {
          g_string_append_printf (out, "%s: %s\n", outline->xml_url, add_error->message);
          failed = TRUE;
        }
    }
  /* Translators: --import-opml's summary. */
  g_string_append_printf (out, _("subscribed: %u\nalready subscribed: %u\n"), added, known);
  if (!pr_cli_write_stdout (out->str, out->len))
    return 1;
  return failed ? 1 : 0;
}

/* --export-opml */
int
pr_cli_export_opml (const char *library)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) subs = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;
  gsize length = 0;

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  subs = pr_store_list_subscriptions (store, &error);
  if (subs == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }
  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_opml_outline_free);
  for (guint i = 0; i < subs->len; i++)
    {
      PrSubscription *sub = g_ptr_array_index (subs, i);

      g_ptr_array_add (outlines, pr_opml_outline_new (sub->title, sub->url, sub->site_url, sub->category));
    }
  opml = pr_opml_write (outlines, _("PressReader subscriptions"), &length);
  return pr_cli_write_stdout (opml, length) ? 0 : 1;
}
