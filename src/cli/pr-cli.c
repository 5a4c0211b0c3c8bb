/* pr-cli.c: the command-line modes, which need no display */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pr-cli.h"
#include "pr-cli-feeds.h"
#include "pr-cli-watches.h"
#include "pr-cli-library.h"
#include "pr-cli-private.h"
#include "pr-grouper.h"
#include "pr-library.h"

#define USAGE_ERROR 2

typedef struct _PrCliMode PrCliMode;

typedef struct {
  const PrCliMode *mode;   /* the mode option given, if any */
  char *mode_value;        /* its argument, for modes that take one */
  char *library;
  gboolean json;           /* --json, with --search, --copies, --feeds, --refresh */
  gboolean bookmarked;     /* --bookmarked, with the exports */
  char *title;             /* --title, with --subscribe */
  char *feed;              /* --feed, with the exports */
  char *search;            /* --search, with --export: a selector, not the mode */
  char *watch;             /* --watch NAME, with the exports */
  gboolean notify;         /* --notify, with --watch-add */
  gboolean gapplication_service;
} PrCliOptions;

static void
pr_cli_options_clear (PrCliOptions *options)
{
  g_clear_pointer (&options->mode_value, g_free);
  g_clear_pointer (&options->library, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->feed, g_free);
  g_clear_pointer (&options->search, g_free);
  g_clear_pointer (&options->watch, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrCliOptions, pr_cli_options_clear)

/* Runs a mode on the arguments left after the options (NULL-terminated)
 * and returns the exit status. */
typedef int (*PrCliModeFunc) (PrCliOptions  *options,
                              char         **args);

struct _PrCliMode {
  const char *option;      /* as GOptionContext reports it: "--export-json" */
  PrCliModeFunc run;
};

static int run_export      (PrCliOptions *options, char **args);
static int run_export_json  (PrCliOptions *options, char **args);
static int run_export_ninjs (PrCliOptions *options, char **args);
static int run_import      (PrCliOptions *options, char **args);
static int run_search      (PrCliOptions *options, char **args);
static int run_copies      (PrCliOptions *options, char **args);
static int run_version     (PrCliOptions *options, char **args);
static int run_subscribe   (PrCliOptions *options, char **args);
static int run_unsubscribe (PrCliOptions *options, char **args);
static int run_feeds       (PrCliOptions *options, char **args);
static int run_refresh     (PrCliOptions *options, char **args);
static int run_import_opml (PrCliOptions *options, char **args);
static int run_export_opml (PrCliOptions *options, char **args);
static int run_watch_add   (PrCliOptions *options, char **args);
static int run_watch_remove (PrCliOptions *options, char **args);
static int run_watches     (PrCliOptions *options, char **args);

/* A new mode is a row here, an entry below that calls select_mode, and
 * its run function. Modes exclude each other. */
static const PrCliMode modes[] = {
  { "--export", run_export },
  { "--export-json", run_export_json },
  { "--export-ninjs", run_export_ninjs },
  { "--import", run_import },
  { "--search", run_search },
  { "--copies", run_copies },
  { "--version", run_version },
  { "--subscribe", run_subscribe },
  { "--unsubscribe", run_unsubscribe },
  { "--feeds", run_feeds },
  { "--refresh", run_refresh },
  { "--import-opml", run_import_opml },
  { "--export-opml", run_export_opml },
  { "--watch-add", run_watch_add },
  { "--watch-remove", run_watch_remove },
  { "--watches", run_watches },
};

static void
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());
}

/* The modes that export, which take the selectors. */
static gboolean
exports (const char *option)
{
  return g_str_equal (option, "--export") || g_str_equal (option, "--export-json") ||
         g_str_equal (option, "--export-ninjs");
}

static gboolean
select_mode (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  PrCliOptions *options = data;
  const PrCliMode *mode = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (modes[i].option, option_name))
      mode = &modes[i];
  g_return_val_if_fail (mode != NULL, FALSE);

  /* With an export, --search QUERY selects what to export, before or
   * after it: "--export csv --search Q", "--search Q --export csv". */
  if (options->mode != NULL && options->mode != mode &&
      g_str_equal (option_name, "--search") && exports (options->mode->option))
    {
      g_free (options->search);
      options->search = g_strdup (value);
      return TRUE;
    }
  if (options->mode != NULL && options->mode != mode &&
      exports (option_name) && g_str_equal (options->mode->option, "--search"))
    {
      g_free (options->search);
      options->search = g_steal_pointer (&options->mode_value);
      options->mode = NULL;
    }

  if (options->mode != NULL && options->mode != mode)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("%s cannot be combined with %s"), option_name, options->mode->option);
      return FALSE;
    }

  options->mode = mode;
  g_free (options->mode_value);
  options->mode_value = g_strdup (value);
  return TRUE;
}

static gboolean
set_library (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  PrCliOptions *options = data;

  g_free (options->library);
  options->library = g_strdup (value);
  return TRUE;
}

static gboolean
set_value (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  PrCliOptions *options = data;
  char **slot = g_str_equal (option_name, "--title") ? &options->title
              : g_str_equal (option_name, "--watch") ? &options->watch : &options->feed;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
set_flag (const char  *option_name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  PrCliOptions *options = data;

  if (g_str_equal (option_name, "--json"))
    options->json = TRUE;
  else if (g_str_equal (option_name, "--bookmarked"))
    options->bookmarked = TRUE;
  else if (g_str_equal (option_name, "--notify"))
    options->notify = TRUE;
  return TRUE;
}

static gboolean
forward_service (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  ((PrCliOptions *) data)->gapplication_service = TRUE;
  return TRUE;
}

static const GOptionEntry entries[] = {
  { "export", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Export as FORMAT (json, ninjs, markdown or csv) the releases in the PATHs given, or "
       "the library’s with --bookmarked, --feed or --search"), N_("FORMAT") },
  { "export-json", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Export the releases in the PATHs given as a JSON catalog"), NULL },
  { "export-ninjs", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Export the releases in the PATHs given as IPTC ninjs 2.0 (JSON)"), NULL },
  { "import", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Import the files, folders and catalogs in the PATHs given into the library"), NULL },
  { "search", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Search the library and print a line per hit: date, source, title"), N_("QUERY") },
  { "copies", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("List the copies of the release with content id ID (syndicated copies and translations), "
       "the original first"), N_("ID") },
  { "json", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) set_flag,
    N_("With --search and --copies: print the releases as a JSON catalog; with --feeds and "
       "--refresh: as JSON"), NULL },
  { "bookmarked", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) set_flag,
    N_("With --export and no PATH: export the library’s bookmarked releases"), NULL },
  { "library", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) set_library,
    N_("Use the library in PATH"), N_("PATH") },
  { "subscribe", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Subscribe to a feed, or to the feed a web page links to"), N_("URL") },
  { "title", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) set_value,
    N_("With --subscribe: name the feed"), N_("TITLE") },
  { "unsubscribe", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Unsubscribe from a feed (its releases stay in the library)"), N_("URL") },
  { "feeds", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("List the subscriptions with their counts, last check and last error"), NULL },
  { "refresh", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Fetch every subscribed feed now and print a line per feed"), NULL },
  { "import-opml", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Subscribe to the feeds of an OPML file"), N_("FILE") },
  { "export-opml", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Write the subscriptions as OPML to standard output"), NULL },
  { "feed", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) set_value,
    N_("With --export and no PATH: export the releases of the feed at URL"), N_("URL") },
  { "watch-add", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Save the search QUERY given after it as a watch named NAME"), N_("NAME") },
  { "notify", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) set_flag,
    N_("With --watch-add: tell of new releases the watch finds"), NULL },
  { "watch-remove", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Remove the watch named NAME"), N_("NAME") },
  { "watches", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("List the watches with their searches and counts"), NULL },
  { "watch", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) set_value,
    N_("With --export and no PATH: export the releases the watch named NAME finds"), N_("NAME") },
  { "version", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer) select_mode,
    N_("Show the version and exit"), NULL },
  /* GApplication's own option, used by D-Bus activation: passed on. */
  { "gapplication-service", 0, G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_HIDDEN,
    G_OPTION_ARG_CALLBACK, (gpointer) forward_service, NULL, NULL },
  G_OPTION_ENTRY_NULL
};

/* --export-json */

typedef struct {
  GPtrArray *releases;
  gboolean failed;
  gboolean to_file;        /* standard output is a regular file: */
  GStatBuf output;         /* which one, not to be read as an input */
} Export;

/* File names may hold newlines and terminal escapes: one line per file,
 * and nothing a terminal would act on (C0, DEL and C1 controls). */
char *
pr_cli_escape_controls (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        g_string_append_printf (out, "\\u%04x", *++p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
report (const char *path,
        const char *reason)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *name = pr_cli_escape_controls (display);
  g_autofree char *why = pr_cli_escape_controls (reason);

  g_printerr ("%s: %s\n", name, why);
}

static void export_catalog (Export     *export,
                            const char *path);

static void
export_file (Export     *export,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_reader_read_file (file, NULL, &error);

  /* Many releases in a file whose name did not say so: as the import. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      export_catalog (export, path);
      return;
    }
  if (release == NULL)
    {
      report (path, error->message);
      export->failed = TRUE;
      return;
    }

  if (pr_release_get_field (release, PR_FIELD_ID) == NULL)
    pr_release_compute_id (release);
  g_ptr_array_add (export->releases, g_steal_pointer (&release));
}

/* A catalog's releases join the export, as the import takes them. */
static void
export_catalog (Export     *export,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) releases = pr_reader_read_file_many (file, NULL, &skipped, &error);

  if (releases == NULL)
    {
      report (path, error->message);
      export->failed = TRUE;
      return;
    }

  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      report (path, ((GError *) g_ptr_array_index (skipped, i))->message);
      export->failed = TRUE;
    }
  for (guint i = 0; i < releases->len; i++)
    {
      PrRelease *release = g_ptr_array_index (releases, i);

      if (pr_release_get_field (release, PR_FIELD_ID) == NULL)
        pr_release_compute_id (release);
      g_ptr_array_add (export->releases, g_object_ref (release));
    }
}

static void
on_found (const char *path,
          PrWalkKind  kind,
          gpointer    user_data)
{
  Export *export = user_data;
  GStatBuf st;

  /* "--export-json FOLDER > FOLDER/all.json": the shell made the output
   * before the walk found it, empty. */
  if (export->to_file && g_stat (path, &st) == 0 &&
      st.st_dev == export->output.st_dev && st.st_ino == export->output.st_ino)
    return;

  if (kind == PR_WALK_CATALOG)
    export_catalog (export, path);
  else
    export_file (export, path);
}

/* The walk's rules are in pr-walk.h; a link back up loses nothing, so it
 * is reported without failing the export. */
static void
on_failed (const char   *path,
           const GError *error,
           gpointer      user_data)
{
  Export *export = user_data;

  report (path, error->message);
  if (!g_error_matches (error, PR_WALK_ERROR, PR_WALK_ERROR_LOOP))
    export->failed = TRUE;
}

/* The releases of @args, walked by pr-walk.h's rules, written to
 * standard output in @format. */
static int
export_paths (char           **args,
              PrExportFormat   format)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  Export export = { releases, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize length = 0;

  export.to_file = fstat (fileno (stdout), &export.output) == 0 && S_ISREG (export.output.st_mode);
  pr_walk_paths ((const char * const *) args, NULL, on_found, on_failed, &export);

  /* Copies of one announcement among the files: each release's group. */
  {
    g_autoptr(PrGrouper) grouper = pr_grouper_new ();

    for (guint i = 0; i < releases->len; i++)
      pr_grouper_add (grouper, g_ptr_array_index (releases, i));
    pr_grouper_apply (grouper);
  }

  out = pr_export_to_string (format, releases, PR_EXPORT_WRITE_NONE, &length, &error);
  if (out == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }
  /* Bytes, not g_print(), which would convert to a non-UTF-8 locale. */
  if (fwrite (out, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_printerr ("%s: %s\n", _("standard output"), g_strerror (saved_errno));
      return 1;
    }

  return export.failed ? 1 : 0;
}

/* The exports: the PATHs given, or a selection from the library. @mode is
 * the option, for the messages. */
static int
export_releases (PrCliOptions    *options,
                 char           **args,
                 PrExportFormat   format,
                 const char      *mode)
{
  /* A selector is a field of PrCliSelection (pr-cli-library.h), its
   * option an entry above that fills PrCliOptions, and a line here. */
  PrCliSelection selection = {
    .bookmarked = options->bookmarked,
    .feed = options->feed,
    .search = options->search,
    .watch = options->watch,
  };

  if (selection.watch != NULL && (selection.search != NULL || selection.feed != NULL))
    {
      usage_error (_("--watch cannot be combined with --search or --feed"));
      return USAGE_ERROR;
    }
  if (selection.watch != NULL && args[0] != NULL)
    {
      usage_error (_("--watch exports from the library and takes no PATH"));
      return USAGE_ERROR;
    }
  if (selection.watch != NULL)
    return pr_cli_export (options->library, &selection, format);
  if (selection.feed != NULL || selection.bookmarked || selection.search != NULL)
    {
      if (selection.feed != NULL && (args[0] != NULL || selection.bookmarked))
        {
          usage_error (_("--feed exports from the library and takes no PATH"));
          return USAGE_ERROR;
        }
      if (selection.feed != NULL && selection.search != NULL)
        {
          usage_error (_("--feed cannot be combined with --search"));
          return USAGE_ERROR;
        }
      if (args[0] != NULL)
        {
          usage_error (selection.bookmarked
                       ? _("--bookmarked exports from the library and takes no PATH")
                       : _("--search exports from the library and takes no PATH"));
          return USAGE_ERROR;
        }
      return pr_cli_export (options->library, &selection, format);
    }

  if (args[0] == NULL)
    {
      /* Translators: %s is a command-line option such as --export-json. */
      g_autofree char *message = g_strdup_printf (_("%s needs at least one PATH, or "
                                                    "--bookmarked, --feed URL or --search QUERY"),
                                                  mode);

      usage_error (message);
      return USAGE_ERROR;
    }
  return export_paths (args, format);
}

static int
run_export (PrCliOptions  *options,
            char         **args)
{
  g_autoptr(GError) error = NULL;
  PrExportFormat format;

  if (!pr_export_format_from_name (options->mode_value, &format, &error))
    {
      usage_error (error->message);
      return USAGE_ERROR;
    }
  return export_releases (options, args, format, "--export");
}

/* --export-json and --export-ninjs: --export json and --export ninjs. */

static int
run_export_json (PrCliOptions  *options,
                 char         **args)
{
  return export_releases (options, args, PR_EXPORT_FORMAT_JSON, "--export-json");
}

static int
run_export_ninjs (PrCliOptions  *options,
                  char         **args)
{
  return export_releases (options, args, PR_EXPORT_FORMAT_NINJS, "--export-ninjs");
}

/* --import, --search: the library's own modes live in pr-cli-library.c. */

static int
run_import (PrCliOptions  *options,
            char         **args)
{
  if (args[0] == NULL)
    {
      usage_error (_("--import needs at least one PATH"));
      return USAGE_ERROR;
    }
  return pr_cli_import (options->library, args);
}

static int
run_search (PrCliOptions  *options,
            char         **args)
{
  if (args[0] != NULL)
    {
      usage_error (_("--search takes one QUERY; quote it when it has spaces"));
      return USAGE_ERROR;
    }
  return pr_cli_search (options->library, options->mode_value, options->json);
}

static int
run_copies (PrCliOptions  *options,
            char         **args)
{
  if (args[0] != NULL)
    {
      usage_error (_("--copies takes one release ID"));
      return USAGE_ERROR;
    }
  return pr_cli_copies (options->library, options->mode_value, options->json);
}

/* The feeds' modes live in pr-cli-feeds.c. */

static gboolean
no_args (char       **args,
         const char  *mode)
{
  if (args[0] == NULL)
    return TRUE;
  {
    /* Translators: %s is a command-line option such as --refresh. */
    g_autofree char *message = g_strdup_printf (_("%s takes no PATH"), mode);

    usage_error (message);
  }
  return FALSE;
}

static int
run_subscribe (PrCliOptions  *options,
               char         **args)
{
  if (!no_args (args, "--subscribe"))
    return USAGE_ERROR;
  return pr_cli_subscribe (options->library, options->mode_value, options->title);
}

static int
run_unsubscribe (PrCliOptions  *options,
                 char         **args)
{
  if (!no_args (args, "--unsubscribe"))
    return USAGE_ERROR;
  return pr_cli_unsubscribe (options->library, options->mode_value);
}

static int
run_feeds (PrCliOptions  *options,
           char         **args)
{
  if (!no_args (args, "--feeds"))
    return USAGE_ERROR;
  return pr_cli_feeds (options->library, options->json);
}

static int
run_refresh (PrCliOptions  *options,
             char         **args)
{
  if (!no_args (args, "--refresh"))
    return USAGE_ERROR;
  return pr_cli_refresh (options->library, options->json);
}

static int
run_import_opml (PrCliOptions  *options,
                 char         **args)
{
  if (!no_args (args, "--import-opml"))
    return USAGE_ERROR;
  return pr_cli_import_opml (options->library, options->mode_value);
}

static int
run_export_opml (PrCliOptions  *options,
                 char         **args)
{
  if (!no_args (args, "--export-opml"))
    return USAGE_ERROR;
  return pr_cli_export_opml (options->library);
}

/* --watch-add NAME QUERY, --watch-remove NAME, --watches */

static int
run_watch_add (PrCliOptions  *options,
               char         **args)
{
  if (args[0] == NULL || args[1] != NULL)
    {
      usage_error (_("--watch-add takes a NAME and one QUERY (quote it when it has spaces)"));
      return USAGE_ERROR;
    }
  return pr_cli_watch_add (options->library, options->mode_value, args[0], options->notify);
}

static int
run_watch_remove (PrCliOptions  *options,
                  char         **args)
{
  if (!no_args (args, "--watch-remove"))
    return USAGE_ERROR;
  return pr_cli_watch_remove (options->library, options->mode_value);
}

static int
run_watches (PrCliOptions  *options,
             char         **args)
{
  if (!no_args (args, "--watches"))
    return USAGE_ERROR;
  return pr_cli_watches (options->library, options->json);
}

/* --version */

static int
run_version (PrCliOptions  *options,
             char         **args)
{
  g_print ("pressreader %s\n", PACKAGE_VERSION);
  return 0;
}

static GOptionContext *
new_context (PrCliOptions *options)
{
  GOptionContext *context = g_option_context_new (_("[FILE…]"));
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, options, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_ignore_unknown_options (context, FALSE);

  g_option_context_set_summary (context,
    _("Reads press releases. Without a mode option, opens the PressReader window\n"
      "with the FILEs given, if any. The modes run and exit without a display:\n"
      "\n"
      "  pressreader --export-json PATH…   write the releases in PATHs as one\n"
      "                                    JSON catalog to standard output\n"
      "  pressreader --export-ninjs PATH…  the same as IPTC ninjs 2.0\n"
      "  pressreader --export FORMAT PATH…  as json, ninjs, markdown or csv\n"
      "  pressreader --export FORMAT --search QUERY  the releases a search finds\n"
      "  pressreader --import PATH…        import files, folders and catalogs\n"
      "                                    into the library\n"
      "  pressreader --search QUERY [--json]  search the library\n"
      "  pressreader --export FORMAT --bookmarked  the bookmarked releases\n"
      "  pressreader --subscribe URL [--title T]  follow a feed\n"
      "  pressreader --unsubscribe URL     stop following it\n"
      "  pressreader --feeds [--json]      list the subscriptions\n"
      "  pressreader --refresh [--json]    fetch every feed now\n"
      "  pressreader --import-opml FILE, --export-opml  subscriptions as OPML\n"
      "  pressreader --export FORMAT --feed URL  a feed's releases\n"
      "  pressreader --version             show the version\n"
      "\n"
      "--library PATH chooses the library file (default:\n"
      "$XDG_DATA_HOME/pressreader/library.db)."));
  g_option_context_set_description (context,
    _("Folders are searched recursively in name order for releases: plain text\n"
      "(.txt, .text or no extension), web pages (.html, .htm, .xhtml), email\n"
      "(.eml, .mbox), NewsML-G2 (.xml), ninjs and catalogs (.json), skipping\n"
      "hidden files; a file named on the command line is always read.\n"
      "A file that cannot be read or parsed is reported on standard error as\n"
      "“FILE: reason” and the others are still exported. The catalog format is\n"
      "described in docs/catalog-format.md.\n"
      "\n"
      "Exit status: 0 when every file was exported, 1 when some failed,\n"
      "2 for a usage error."));
  return context;
}

static gboolean
mode_is (PrCliOptions *options,
         const char   *option)
{
  return options->mode != NULL && g_str_equal (options->mode->option, option);
}

gboolean
pr_cli_run (int    *argc,
            char ***argv,
            char  **library,
            int    *exit_status)
{
  g_auto(PrCliOptions) options = { NULL, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char **args = NULL;
  char *service_arg = NULL;
  int n_args = *argc;
  int n = 0;

  /* Parse a shallow copy: on the window's path argv keeps its own strings. */
  args = g_new0 (char *, n_args + 1);
  memcpy (args, *argv, n_args * sizeof (char *));

  context = new_context (&options);
  if (!g_option_context_parse (context, &n_args, &args, &error))
    {
      usage_error (error->message);
      *exit_status = USAGE_ERROR;
      return TRUE;
    }

  /* --json, --bookmarked, --title and --feed only qualify a mode (--search
   * with --export is a selector: select_mode()). */
  if ((options.json && !mode_is (&options, "--search") && !mode_is (&options, "--feeds") &&
       !mode_is (&options, "--refresh") && !mode_is (&options, "--watches") &&
       !mode_is (&options, "--copies")) ||
      (options.bookmarked && (options.mode == NULL || !exports (options.mode->option))) ||
      (options.feed != NULL && (options.mode == NULL || !exports (options.mode->option))) ||
      (options.title != NULL && !mode_is (&options, "--subscribe")) ||
      (options.watch != NULL && (options.mode == NULL || !exports (options.mode->option))) ||
      (options.notify && !mode_is (&options, "--watch-add")))
    {
      usage_error (options.json ? _("--json goes with --search, --copies, --feeds, --refresh or --watches")
                   : options.watch != NULL ? _("--watch goes with --export")
                   : options.notify ? _("--notify goes with --watch-add")
                   : options.bookmarked ? _("--bookmarked goes with --export or --export-json")
                   : options.feed != NULL ? _("--feed goes with --export or --export-json")
                   : _("--title goes with --subscribe"));
      *exit_status = USAGE_ERROR;
      return TRUE;
    }

  if (options.mode != NULL)
    {
      char **mode_args = args + 1;

      /* GOptionContext keeps "--" when dashed arguments follow it. */
      for (int i = 1; i < n_args; i++)
        if (g_str_equal (args[i], "--"))
          {
            memmove (&args[i], &args[i + 1], (n_args - i) * sizeof (char *));
            break;
          }

      *exit_status = options.mode->run (&options, mode_args);
      return TRUE;
    }

  if (options.library != NULL)
    {
      g_free (*library);
      *library = g_steal_pointer (&options.library);
    }

  /* The window: argv[0], GApplication's own options, then the files. */
  for (int i = 1; i < *argc && service_arg == NULL; i++)
    if (g_str_equal ((*argv)[i], "--gapplication-service"))
      service_arg = (*argv)[i];

  n = 1;
  if (options.gapplication_service && service_arg != NULL)
    (*argv)[n++] = service_arg;
  for (int i = 1; i < n_args; i++)
    (*argv)[n++] = args[i];
  (*argv)[n] = NULL;
  *argc = n;

  return FALSE;
}
