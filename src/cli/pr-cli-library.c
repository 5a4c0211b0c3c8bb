/* pr-cli-library.c: the command-line modes that use the library */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pr-catalog.h"
#include "pr-cli-library.h"
#include "pr-cli-private.h"
#include "pr-format.h"
#include "pr-import.h"
#include "pr-store.h"

#define SEARCH_PAGE 1000

void
pr_cli_complain (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname () != NULL ? g_get_prgname () : "pressreader", message);
}

PrStore *
pr_cli_open_library (const char *library,
                     gboolean    must_exist)
{
  g_autofree char *path = library != NULL ? g_strdup (library) : pr_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  PrStore *store;

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("No library at %s"), path);

      pr_cli_complain (message);
      return NULL;
    }

  store = pr_store_open (path, NULL, &error);
  if (store == NULL)
    pr_cli_complain (error->message);
  else if (pr_store_get_moved_aside_path (store) != NULL)
    {
      g_autofree char *message = pr_format_moved_aside (path, pr_store_get_moved_aside_path (store),
                                                        pr_store_get_damage (store));

      pr_cli_complain (message);
    }
  return store;
}

gboolean
pr_cli_write_stdout (const char *data,
                     gsize       length)
{
  /* Bytes, not g_print(), which would convert to a non-UTF-8 locale. */
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_printerr ("%s: %s\n", _("standard output"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* --import */

typedef struct {
  gboolean tty;
  gint64 last;
} Progress;

static void
on_progress (PrImport *import,
             Progress *progress)
{
  guint done = pr_import_get_done (import);
  guint total = pr_import_get_total (import);
  gint64 now = g_get_monotonic_time ();

  if (progress->tty)
    {
      g_autofree char *current = pr_import_dup_current_file (import);
      g_autofree char *name = current != NULL ? g_path_get_basename (current) : g_strdup ("");

      g_printerr ("\r\033[K%s %u/%u %s", _("Importing"), done, total, name);
    }
  else if (now - progress->last >= 2 * G_USEC_PER_SEC || (total > 0 && done == total))
    {
      g_printerr ("%s %u/%u\n", _("Importing"), done, total);
      progress->last = now;
    }
}

int
pr_cli_import (const char  *library,
               char       **paths)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrImport) import = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  Progress progress = { isatty (fileno (stderr)), 0 };
  gboolean ok;

  g_return_val_if_fail (paths != NULL, 2);

  store = pr_cli_open_library (library, FALSE);
  if (store == NULL)
    return 1;

  import = pr_import_new (store);
  for (guint i = 0; paths[i] != NULL; i++)
    pr_import_add_path (import, paths[i]);
  g_signal_connect (import, "progress", G_CALLBACK (on_progress), &progress);

  ok = pr_import_run (import, NULL, &error);
  if (progress.tty)
    g_printerr ("\r\033[K");
  if (!ok)
    pr_cli_complain (error->message);
  else
    {
      guint n_done, n_left;

      /* A library from before grouping: its old releases grouped too
       * (the window does it in the background). */
      do
        ok = pr_store_group_stored (store, 1000, &n_done, &n_left, &error);
      while (ok && n_left > 0);
      if (!ok)
        pr_cli_complain (error->message);
    }

  g_string_append_printf (summary, "%s: %u\n", _("imported"), pr_import_get_imported (import));
  g_string_append_printf (summary, "%s: %u\n", _("updated"), pr_import_get_updated (import));
  g_string_append_printf (summary, "%s: %u\n", _("unchanged"), pr_import_get_unchanged (import));
  g_string_append_printf (summary, "%s: %u\n", _("failed"), pr_import_get_failed (import));
  failures = pr_import_dup_failures (import);
  for (guint i = 0; i < failures->len; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      g_string_append_printf (summary, "  %s: %s\n", failure->path, failure->reason);
    }
  if (!pr_cli_write_stdout (summary->str, summary->len))
    return 1;

  return ok && failures->len == 0 ? 0 : 1;
}

/* --search */

static GPtrArray *
find_all (PrStore   *store,
          PrQuery   *query,
          PrFilter   filter,
          gboolean   keep,
          GString   *lines)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint offset = 0;; offset += SEARCH_PAGE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = pr_store_search (store, query, filter, PR_SORT_DATE,
                                                   offset, SEARCH_PAGE, &error);

      if (page == NULL)
        {
          pr_cli_complain (error->message);
          return NULL;
        }
      for (guint i = 0; i < page->len; i++)
        {
          PrRelease *release = g_ptr_array_index (page, i);

          if (lines != NULL)
            {
              const char *date = pr_release_get_date (release);
              const char *source = pr_release_get_source (release);
              const char *title = pr_release_get_title (release);

              g_string_append_printf (lines, "%s\t%s\t%s\n", date != NULL ? date : "",
                                      source != NULL ? source : "", title != NULL ? title : "");
            }
          if (keep)
            g_ptr_array_add (all, g_object_ref (release));
        }
      if (page->len < SEARCH_PAGE)
        break;
    }
  return g_steal_pointer (&all);
}

static gboolean
write_catalog (GPtrArray *releases)
{
  g_autofree char *catalog = NULL;
  gsize length = 0;

  catalog = pr_catalog_to_string (releases, PR_CATALOG_WRITE_STATE, &length);
  return pr_cli_write_stdout (catalog, length);
}

int
pr_cli_search (const char *library,
               const char *text,
               gboolean    json)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrQuery) query = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) lines = json ? NULL : g_string_new (NULL);
  const char * const *warnings;
  gboolean found;

  g_return_val_if_fail (text != NULL, 2);

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;

  query = pr_query_new (text);
  warnings = pr_query_get_warnings (query);
  for (guint i = 0; warnings[i] != NULL; i++)
    pr_cli_complain (warnings[i]);

  hits = find_all (store, query, PR_FILTER_ALL, json, lines);
  if (hits == NULL)
    return 1;

  if (json)
    {
      found = hits->len > 0;
      if (!write_catalog (hits))
        return 1;
    }
  else
    {
      found = lines->len > 0;
      if (!pr_cli_write_stdout (lines->str, lines->len))
        return 1;
    }
  return found ? 0 : 1;
}

/* --copies */

int
pr_cli_copies (const char *library,
               const char *id,
               gboolean    json)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrRelease) release = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);

  g_return_val_if_fail (id != NULL, 2);

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  release = pr_store_find_release (store, id, &error);
  if (release != NULL)
    copies = pr_store_get_copies (store, pr_release_get_store_id (release), &error);
  if (copies == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }
  if (json)
    return write_catalog (copies) ? 0 : 1;

  for (guint i = 0; i < copies->len; i++)
    {
      PrRelease *copy = g_ptr_array_index (copies, i);
      const char *fields[] = {
        pr_release_get_date (copy), pr_release_get_source (copy),
        pr_release_get_field (copy, PR_FIELD_LANGUAGE), pr_release_get_title (copy),
        pr_release_get_field (copy, PR_FIELD_ORIGIN),
      };

      g_string_append (lines, pr_release_compute_id (copy));
      if (g_strcmp0 (pr_release_get_group (copy), pr_release_compute_id (copy)) == 0)
        g_string_append_c (lines, '*');
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *field = pr_cli_escape_controls (fields[f] != NULL ? fields[f] : "");

          g_string_append_printf (lines, "\t%s", field);
        }
      g_string_append_c (lines, '\n');
    }
  return pr_cli_write_stdout (lines->str, lines->len) ? 0 : 1;
}

/* --export FORMAT with --bookmarked, --feed URL, --search QUERY */

/* The selection as a query and a filter; NULL, having said why, when it
 * names a feed not subscribed to. */
static PrQuery *
resolve_selection (PrStore              *store,
                   const PrCliSelection *selection,
                   PrFilter             *filter)
{
  g_autofree char *text = NULL;

  *filter = selection->bookmarked ? PR_FILTER_BOOKMARKED : PR_FILTER_ALL;
  if (selection->feed != NULL)
    {
      g_autoptr(PrSubscription) sub = NULL;
      g_autoptr(GError) error = NULL;

      sub = pr_store_find_subscription (store, selection->feed, &error);
      if (sub == NULL)
        {
          pr_cli_complain (error->message);
          return NULL;
        }
      text = g_strdup_printf ("feed:%" G_GINT64_FORMAT, sub->id);
    }
  else if (selection->watch != NULL)
    {
      g_autoptr(PrWatch) watch = NULL;
      g_autoptr(GError) error = NULL;

      watch = pr_store_find_watch (store, selection->watch, &error);
      if (watch == NULL)
        {
          pr_cli_complain (error->message);
          return NULL;
        }
      text = g_strdup (watch->query);
    }
  else
    text = g_strdup (selection->search);

  return pr_query_new (text);
}

int
pr_cli_export (const char           *library,
               const PrCliSelection *selection,
               PrExportFormat        format)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrQuery) query = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char * const *warnings;
  PrFilter filter;
  gsize length = 0;

  g_return_val_if_fail (selection != NULL, 2);

  store = pr_cli_open_library (library, TRUE);
  if (store == NULL)
    return 1;
  query = resolve_selection (store, selection, &filter);
  if (query == NULL)
    return 1;
  warnings = pr_query_get_warnings (query);
  for (guint i = 0; warnings[i] != NULL; i++)
    pr_cli_complain (warnings[i]);

  releases = find_all (store, query, filter, TRUE, NULL);
  if (releases == NULL)
    return 1;
  out = pr_export_to_string (format, releases, PR_EXPORT_WRITE_STATE, &length, &error);
  if (out == NULL)
    {
      pr_cli_complain (error->message);
      return 1;
    }
  return pr_cli_write_stdout (out, length) ? 0 : 1;
}

int
pr_cli_export_bookmarked (const char *library)
{
  PrCliSelection selection = { .bookmarked = TRUE };

  return pr_cli_export (library, &selection, PR_EXPORT_FORMAT_JSON);
}

int
pr_cli_export_feed (const char *library,
                    const char *url)
{
  PrCliSelection selection = { .feed = url };

  return pr_cli_export (library, &selection, PR_EXPORT_FORMAT_JSON);
}
