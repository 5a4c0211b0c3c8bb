/* test-cli.c: the command line, run as the built program */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "grouping-fixtures.h"
#include "pr-test-utils.h"

#define GOOD_1 "Headline One\n\nLONDON, Jan. 5, 2024 /PRNewswire/ -- Body text here.\n"
#define GOOD_2 "Headline Two\n\nPARIS, Feb. 6, 2024 /Business Wire/ -- More body text.\n"

typedef struct {
  int status;
  GBytes *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs PRESSREADER with @args, without a display so that a mode that
 * touched GTK would fail, and with the variables in @env (NAME, VALUE, …,
 * NULL; or NULL). Returns FALSE (and skips) without the program. */
static gboolean
run_cli_valist (Run                *run,
                const char * const *env,
                const char         *first_arg,
                va_list             args)
{
  const char *program = g_getenv ("PRESSREADER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    {
      g_test_skip ("PRESSREADER is not set");
      return FALSE;
    }

  g_ptr_array_add (argv, (gpointer) program);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->err = g_bytes_get_size (err) > 0
             ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
             : g_strdup ("");
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  return TRUE;
}

static gboolean
run_cli (Run        *run,
         const char *first_arg,
         ...)
{
  va_list args;
  gboolean ran;

  va_start (args, first_arg);
  ran = run_cli_valist (run, NULL, first_arg, args);
  va_end (args);
  return ran;
}

static gboolean
run_cli_env (Run                *run,
             const char * const *env,
             const char         *first_arg,
             ...)
{
  va_list args;
  gboolean ran;

  va_start (args, first_arg);
  ran = run_cli_valist (run, env, first_arg, args);
  va_end (args);
  return ran;
}

static char *
out_string (Run *run)
{
  return g_strndup (g_bytes_get_data (run->out, NULL), g_bytes_get_size (run->out));
}

/* stdout must be a catalog; returns the number of releases in it. */
static guint
catalog_count (Run *run)
{
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = pr_catalog_read_bytes (run->out, &skipped, &error);

  g_assert_no_error (error);
  g_assert_null (skipped);
  return releases->len;
}

static void
test_help (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *out = NULL;

  if (!run_cli (&run, "--help", NULL))
    return;
  out = out_string (&run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (out, "--export-json"));
  g_assert_nonnull (strstr (out, "--library"));
  g_assert_null (strstr (out, "gapplication-service"));
}

static void
test_version (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *out = NULL;

  if (!run_cli (&run, "--version", NULL))
    return;
  out = out_string (&run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "pressreader "));
}

static void
test_usage_errors (void)
{
  g_auto(Run) unknown = { 0, };
  g_auto(Run) no_paths = { 0, };
  g_auto(Run) two_modes = { 0, };

  if (!run_cli (&unknown, "--no-such-option", NULL))
    return;
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "--no-such-option"));
  g_assert_cmpuint (g_bytes_get_size (unknown.out), ==, 0);

  run_cli (&no_paths, "--export-json", NULL);
  g_assert_cmpint (no_paths.status, ==, 2);
  g_assert_nonnull (strstr (no_paths.err, "--export-json"));
  g_assert_cmpuint (g_bytes_get_size (no_paths.out), ==, 0);

  run_cli (&two_modes, "--export-json", "--version", ".", NULL);
  g_assert_cmpint (two_modes.status, ==, 2);
}

/* Needs the parser to reject an empty file (PR_PARSER_ERROR_EMPTY). */
static void
test_export_partial (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_auto(Run) run = { 0, };

  test_write_file (dir, "a.txt", GOOD_1, -1);
  test_write_file (dir, "b.txt", GOOD_2, -1);
  test_write_file (dir, "empty.txt", "", -1);

  if (run_cli (&run, "--export-json", dir, NULL))
    {
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "empty.txt: "));
      g_assert_null (strstr (run.err, "a.txt"));
      g_assert_cmpuint (catalog_count (&run), ==, 2);
    }
  test_remove_tree (dir);
}

static void
test_export_folder (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".hidden", NULL);
  g_autofree char *deeper = g_build_filename (sub, "deeper", NULL);
  g_autofree char *loop = g_build_filename (deeper, "loop", NULL);
  g_autofree char *file = g_build_filename (dir, ".hidden.txt", NULL);
  g_auto(Run) run = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) both = { 0, };

  test_write_file (dir, "a.txt", GOOD_1, -1);
  test_write_file (dir, ".hidden.txt", GOOD_2, -1);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (hidden, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (deeper, 0700), ==, 0);
  test_write_file (sub, "b.txt", GOOD_2, -1);
  test_write_file (hidden, "c.txt", GOOD_2, -1);
  /* A link back up must not be followed for ever. */
  g_assert_cmpint (symlink ("..", loop), ==, 0);

  if (run_cli (&run, "--export-json", dir, NULL))
    {
      g_autofree char *first = out_string (&run);
      g_autofree char *second = NULL;

      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.err, "loop: skipped"));
      g_assert_cmpuint (catalog_count (&run), ==, 2);

      /* The output does not depend on the order the folder lists. */
      run_cli (&again, "--export-json", dir, NULL);
      second = out_string (&again);
      g_assert_cmpstr (first, ==, second);

      /* Files and folders mix, and a hidden file named is exported. */
      run_cli (&both, "--export-json", file, sub, NULL);
      g_assert_cmpint (both.status, ==, 0);
      g_assert_cmpuint (catalog_count (&both), ==, 2);
    }
  test_remove_tree (dir);
}

/* Dangling links fail independently of the parser, so they show the
 * order in which a folder is walked: by name, in byte order. */
static void
test_export_order (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *z = g_build_filename (dir, "z-gone", NULL);
  g_autofree char *b = g_build_filename (dir, "B-gone", NULL);
  g_autofree char *a = g_build_filename (dir, "a-gone", NULL);
  g_auto(Run) run = { 0, };

  g_assert_cmpint (symlink ("nowhere", z), ==, 0);
  g_assert_cmpint (symlink ("nowhere", b), ==, 0);
  g_assert_cmpint (symlink ("nowhere", a), ==, 0);
  test_write_file (dir, "m.txt", GOOD_1, -1);

  if (run_cli (&run, "--export-json", dir, NULL))
    {
      const char *pb = strstr (run.err, "B-gone: ");
      const char *pa = strstr (run.err, "a-gone: ");
      const char *pz = strstr (run.err, "z-gone: ");

      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (pb != NULL && pa != NULL && pz != NULL);
      g_assert_true (pb < pa && pa < pz);
      g_assert_cmpuint (catalog_count (&run), ==, 1);
    }
  test_remove_tree (dir);
}

static void
test_export_missing (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-file.txt", NULL);
  g_autofree char *good = g_build_filename (dir, "good.txt", NULL);
  g_auto(Run) run = { 0, };

  test_write_file (dir, "good.txt", GOOD_1, -1);
  if (run_cli (&run, "--export-json", missing, good, NULL))
    {
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "no-such-file.txt: "));
      g_assert_cmpuint (catalog_count (&run), ==, 1);
    }
  test_remove_tree (dir);
}

/* The library's modes through the executable: --import, --search [--json],
 * --export-json --bookmarked, --export FORMAT --search, all on --library
 * PATH. */
static void
test_library_modes (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *releases = g_build_filename (dir, "releases", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) search = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) bookmarked = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) markdown = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) conflict = { 0 };
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir (releases, 0700), ==, 0);
  test_write_file (releases, "a.txt", GOOD_1, -1);
  test_write_file (releases, "b.txt", GOOD_2, -1);
  test_write_file (releases, "empty.txt", "", -1);

  if (!run_cli (&import, "--library", library, "--import", releases, NULL))
    return;
  g_assert_cmpint (import.status, ==, 1);
  out = out_string (&import);
  g_assert_nonnull (strstr (out, "imported: 2"));
  g_assert_nonnull (strstr (out, "failed: 1"));
  g_assert_nonnull (strstr (out, "empty.txt"));
  g_clear_pointer (&out, g_free);

  /* The same files again: stored once. */
  run_cli (&again, "--library", library, "--import", releases, NULL);
  out = out_string (&again);
  g_assert_nonnull (strstr (out, "unchanged: 2"));
  g_clear_pointer (&out, g_free);

  run_cli (&search, "--library", library, "--search", "headline source:\"PR Newswire\"", NULL);
  g_assert_cmpint (search.status, ==, 0);
  out = out_string (&search);
  g_assert_cmpstr (out, ==, "2024-01-05\tPR Newswire\tHeadline One\n");
  g_clear_pointer (&out, g_free);

  run_cli (&json, "--library", library, "--search", "headline", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpuint (catalog_count (&json), ==, 2);

  run_cli (&none, "--library", library, "--search", "nothingmatchesthis", NULL);
  g_assert_cmpint (none.status, ==, 1);

  run_cli (&bookmarked, "--library", library, "--export-json", "--bookmarked", NULL);
  g_assert_cmpint (bookmarked.status, ==, 0);
  g_assert_cmpuint (catalog_count (&bookmarked), ==, 0);

  run_cli (&usage, "--library", library, "--export-json", "--bookmarked", releases, NULL);
  g_assert_cmpint (usage.status, ==, 2);

  /* --export FORMAT --search QUERY, the selector on either side. */
  run_cli (&csv, "--library", library, "--export", "csv", "--search", "headline", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  out = out_string (&csv);
  g_assert_true (g_str_has_prefix (out, "date,wire,headline,place,organisations,people,link,issuer,kind,tickers\r\n"
                                        "2024-02-06,Business Wire,Headline Two,"));
  g_assert_nonnull (strstr (out, "\r\n2024-01-05,PR Newswire,Headline One,"));
  g_clear_pointer (&out, g_free);

  run_cli (&markdown, "--library", library, "--search", "headline source:\"PR Newswire\"",
           "--export", "md", NULL);
  g_assert_cmpint (markdown.status, ==, 0);
  out = out_string (&markdown);
  g_assert_true (g_str_has_prefix (out, "# Headline One\n\n"));
  g_assert_null (strstr (out, "Headline Two"));
  g_clear_pointer (&out, g_free);

  /* An unknown format: named, with the formats known; nothing written. */
  run_cli (&unknown, "--library", library, "--export", "xlsx", "--bookmarked", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“xlsx”"));
  g_assert_nonnull (strstr (unknown.err, "markdown"));
  g_assert_nonnull (strstr (unknown.err, "csv"));
  g_assert_cmpuint (g_bytes_get_size (unknown.out), ==, 0);

  /* --search selects only for an export; --feed not with --search. */
  run_cli (&conflict, "--library", library, "--export", "csv", "--search", "headline",
           "--feed", "https://feeds.example/a.xml", NULL);
  g_assert_cmpint (conflict.status, ==, 2);
  g_assert_cmpuint (g_bytes_get_size (conflict.out), ==, 0);

  test_remove_tree (dir);
}

/* Watches from the command line: saved, listed with their counts (read
 * marks count), exported, refused in words, removed. */
static void
test_watches (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *releases = g_build_filename (dir, "releases", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) add_paris = { 0 };
  g_auto(Run) taken = { 0 };
  g_auto(Run) state = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) removed = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir (releases, 0700), ==, 0);
  test_write_file (releases, "a.txt", GOOD_1, -1);
  test_write_file (releases, "b.txt", GOOD_2, -1);
  if (!run_cli (&import, "--library", library, "--import", releases, NULL))
    return;
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&add, "--library", library, "--watch-add", "Headlines", "headline", "--notify", NULL);
  g_assert_cmpint (add.status, ==, 0);
  out = out_string (&add);
  g_assert_cmpstr (out, ==, "Watching “Headlines”: 2 releases\n");
  g_clear_pointer (&out, g_free);
  run_cli (&add_paris, "--library", library, "--watch-add", "Paris", "place:paris", NULL);
  g_assert_cmpint (add_paris.status, ==, 0);

  run_cli (&taken, "--library", library, "--watch-add", "Paris", "other", NULL);
  g_assert_cmpint (taken.status, ==, 1);
  g_assert_nonnull (strstr (taken.err, "“Paris” exists already"));
  run_cli (&state, "--library", library, "--watch-add", "Unread", "is:unread", NULL);
  g_assert_cmpint (state.status, ==, 1);
  g_assert_nonnull (strstr (state.err, "is:unread"));

  run_cli (&list, "--library", library, "--watches", NULL);
  g_assert_cmpint (list.status, ==, 0);
  out = out_string (&list);
  g_assert_cmpstr (out, ==, "Headlines\theadline\t2\t2\tnotify\nParis\tplace:paris\t1\t1\t\n");
  g_clear_pointer (&out, g_free);
  run_cli (&json, "--library", library, "--watches", "--json", NULL);
  out = out_string (&json);
  g_assert_nonnull (strstr (out, "\"name\" : \"Paris\""));
  g_assert_nonnull (strstr (out, "\"notify\" : true"));
  g_clear_pointer (&out, g_free);

  run_cli (&csv, "--library", library, "--export", "csv", "--watch", "Paris", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  out = out_string (&csv);
  g_assert_nonnull (strstr (out, "Headline Two"));
  g_assert_null (strstr (out, "Headline One"));
  g_clear_pointer (&out, g_free);
  run_cli (&unknown, "--library", library, "--export", "csv", "--watch", "Nobody", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "“Nobody”"));
  run_cli (&usage, "--library", library, "--watches", "--watch", "Paris", NULL);
  g_assert_cmpint (usage.status, ==, 2);

  run_cli (&removed, "--library", library, "--watch-remove", "Paris", NULL);
  g_assert_cmpint (removed.status, ==, 0);
  run_cli (&after, "--library", library, "--watches", NULL);
  out = out_string (&after);
  g_assert_cmpstr (out, ==, "Headlines\theadline\t2\t2\tnotify\n");

  test_tmpdir_free (g_steal_pointer (&dir));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The titles of the catalog on stdout, sorted, one per line. */
static char *
catalog_titles (Run *run)
{
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = pr_catalog_read_bytes (run->out, &skipped, &error);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_null_terminated (4, NULL, TRUE);

  g_assert_no_error (error);
  g_assert_null (skipped);
  for (guint i = 0; i < releases->len; i++)
    g_ptr_array_add (titles, (gpointer) pr_release_get_title (g_ptr_array_index (releases, i)));
  g_ptr_array_sort (titles, compare_strings);
  return g_strjoinv ("\n", (char **) titles->pdata);
}

/* --export-json and --import walk a folder alike (src/core/pr-walk.h):
 * the same releases, from text files and a catalog, each once; the loop
 * is a notice for the export and a failure for the import. */
static void
test_export_import_same (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *tree = g_build_filename (dir, "tree", NULL);
  g_autofree char *sub = g_build_filename (tree, "sub", NULL);
  g_autofree char *four = g_build_filename (dir, "four.txt", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *up = g_build_filename (sub, "up", NULL);
  g_autofree char *alias = g_build_filename (tree, "zz-alias", NULL);
  g_autofree char *same = g_build_filename (tree, "same.txt", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *out = NULL;
  g_auto(Run) catalog = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) search = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  test_write_file (tree, "a.txt", GOOD_1, -1);
  test_write_file (sub, "b.text", GOOD_2, -1);
  test_write_file (tree, "noext", "Headline Three\n\nBERLIN, March 7, 2024 /dpa-AFX/ -- Third body.\n", -1);
  test_write_file (tree, "README.md", "Headline Not Read\n\nA note beside the releases.\n", -1);
  /* A web page is read by the HTML reader, in a folder as given. */
  test_write_file (tree, "page.html",
                   "<!DOCTYPE html><html><head><title>Headline Five | Example Wire</title></head>"
                   "<body><nav><a href=\"/\">Home</a></nav><h1>Headline Five</h1>"
                   "<p>PARIS, May 9, 2024 /AFP/ -- Fifth body, read from a page.</p></body></html>", -1);
  /* An email, and a mailbox of two messages. */
  test_write_file (tree, "msg.eml",
                   "From: Acme Press <press@acme.example>\nTo: desk@example.org\n"
                   "Subject: Headline Six\nDate: Mon, 10 Jun 2024 09:00:00 +0000\n"
                   "Message-ID: <6@acme.example>\nContent-Type: text/plain; charset=utf-8\n\n"
                   "Headline Six\n\nOSLO, June 10, 2024 /NTB/ -- Sixth body, read from an email.\n", -1);
  test_write_file (tree, "box.mbox",
                   "From press@acme.example Mon Jun 10 09:00:00 2024\n"
                   "From: press@acme.example\nSubject: Headline Seven\nMessage-ID: <7@acme.example>\n\n"
                   "Headline Seven\n\nMADRID, June 11, 2024 /EFE/ -- Seventh body.\n\n"
                   "From press@acme.example Mon Jun 10 09:00:00 2024\n"
                   "From: press@acme.example\nSubject: Headline Eight\nMessage-ID: <8@acme.example>\n\n"
                   "Headline Eight\n\nLISBON, June 12, 2024 /Lusa/ -- Eighth body.\n", -1);
  /* A NewsML-G2 news item and a ninjs item. */
  test_write_file (tree, "item.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:9\" version=\"1\">"
                   "<contentMeta><headline>Headline Nine</headline></contentMeta>"
                   "<contentSet><inlineXML contenttype=\"application/xhtml+xml\">"
                   "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
                   "<p>VIENNA, June 13, 2024 /APA-OTS/ -- Ninth body, from a news item.</p>"
                   "</body></html></inlineXML></contentSet></newsItem>\n", -1);
  test_write_file (tree, "item.json",
                   "{\"uri\": \"urn:x:10\", \"type\": \"text\", \"version\": \"1\","
                   " \"headline\": \"Headline Ten\", \"body_text\":"
                   " \"ATHENS, June 14, 2024 /ANA-MPA/ -- Tenth body, from ninjs.\"}\n", -1);
  test_write_file (tree, ".hidden.txt", "Headline Hidden\n\nA hidden release.\n", -1);
  test_write_file (dir, "four.txt", "Headline Four\n\nROME, April 8, 2024 /ANSA/ -- Fourth body.\n", -1);
  g_assert_cmpint (symlink ("..", up), ==, 0);
  g_assert_cmpint (symlink ("sub", alias), ==, 0);
  g_assert_cmpint (symlink ("a.txt", same), ==, 0);

  /* A catalog in the folder, made by the program itself. */
  if (!run_cli (&catalog, "--export-json", four, NULL))
    {
      test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (catalog.status, ==, 0);
  out = out_string (&catalog);
  test_write_file (tree, "cat.json", out, -1);
  g_clear_pointer (&out, g_free);

  run_cli (&export, "--export-json", tree, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.err, "/sub/up: skipped"));
  exported = catalog_titles (&export);
  g_assert_cmpstr (exported, ==, "Headline Eight\nHeadline Five\nHeadline Four\nHeadline Nine\n"
                                 "Headline One\nHeadline Seven\nHeadline Six\nHeadline Ten\n"
                                 "Headline Three\nHeadline Two");

  run_cli (&import, "--library", library, "--import", tree, NULL);
  g_assert_cmpint (import.status, ==, 1);
  out = out_string (&import);
  g_assert_nonnull (strstr (out, "imported: 10\n"));
  g_assert_nonnull (strstr (out, "failed: 1\n"));
  g_assert_nonnull (strstr (out, "/sub/up: skipped"));

  run_cli (&search, "--library", library, "--search", "headline", "--json", NULL);
  g_assert_cmpint (search.status, ==, 0);
  imported = catalog_titles (&search);
  g_assert_cmpstr (imported, ==, exported);

  test_remove_tree (dir);
}

/* The core library's messages in the user's language: a warning of the
 * search and the reason a file was not imported, in German, with the
 * catalogs built in PR_TEST_LOCALEDIR. */
static void
test_translated (void)
{
  const char *localedir = g_getenv ("PR_TEST_LOCALEDIR");
  const char * const env[] = {
    "LANGUAGE", "de",
    "LC_ALL", "de_DE.UTF-8",
    "PRESSREADER_LOCALEDIR", localedir,
    NULL,
  };
  g_autofree char *mo = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *library = NULL;
  g_autofree char *out = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) search = { 0 };
  locale_t de;

  if (localedir == NULL)
    {
      g_test_skip ("PR_TEST_LOCALEDIR is not set");
      return;
    }
  /* Without the locale, setlocale() fails, the program runs in the C
   * locale and gettext leaves every message in English. */
  de = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);
  if (de == (locale_t) 0)
    {
      g_test_skip ("the locale de_DE.UTF-8 is not installed (build-aux/deps --test generates it)");
      return;
    }
  freelocale (de);
  mo = g_build_filename (localedir, "de", "LC_MESSAGES", "pressreader.mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));

  dir = test_tmpdir ();
  library = g_build_filename (dir, "library.db", NULL);
  test_write_file (dir, "a.txt", GOOD_1, -1);
  test_write_file (dir, "empty.txt", "", -1);

  /* pr-text.c's reason, after the app's own words. */
  if (!run_cli_env (&import, env, "--library", library, "--import", dir, NULL))
    {
      test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (import.status, ==, 1);
  out = out_string (&import);
  g_assert_nonnull (strstr (out, "fehlgeschlagen: 1\n"));
  g_assert_nonnull (strstr (out, "empty.txt: leere Datei\n"));
  g_assert_null (strstr (out, "empty file"));

  /* pr-query.c's warning, and the search still runs. */
  run_cli_env (&search, env, "--library", library, "--search", "headline is:archived", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.err, ": Unbekannter Filter „is:archived“ ignoriert "
                                        "(is:unread, is:read, is:bookmarked)\n"));
  g_assert_null (strstr (search.err, "Unknown filter"));

  test_remove_tree (dir);
}

/* Copies of one announcement: --export-json gives every release its
 * group (the original's id), --copies lists a release's group from the
 * library, the original first and marked. */
static void
test_copies (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *releases = g_build_filename (dir, "releases", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_auto(Run) export = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) copies = { 0 };
  g_auto(Run) alone = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(GPtrArray) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  PrRelease *wire, *portal, *german, *other;

  g_assert_cmpint (g_mkdir (releases, 0700), ==, 0);
  /* In name order: the portal's copy first, the wire's last. */
  test_write_file (releases, "1-portal.txt", portal_text, -1);
  test_write_file (releases, "2-german.txt", german_text, -1);
  test_write_file (releases, "3-other.txt", other_text, -1);
  test_write_file (releases, "4-wire.txt", wire_text, -1);

  if (!run_cli (&export, "--export-json", releases, NULL))
    return;
  g_assert_cmpint (export.status, ==, 0);
  catalog = pr_catalog_read_bytes (export.out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (catalog->len, ==, 4);
  portal = catalog->pdata[0];
  german = catalog->pdata[1];
  other = catalog->pdata[2];
  wire = catalog->pdata[3];
  /* All files, all the wire's: the earliest is the original (the English
   * copies, a day before the German), the first read of equals. */
  g_assert_cmpstr (pr_release_get_group (portal), ==, pr_release_compute_id (portal));
  g_assert_cmpstr (pr_release_get_group (wire), ==, pr_release_compute_id (portal));
  g_assert_cmpstr (pr_release_get_group (german), ==, pr_release_compute_id (portal));
  g_assert_cmpstr (pr_release_get_group (other), ==, pr_release_compute_id (other));

  run_cli (&import, "--library", library, "--import", releases, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&copies, "--library", library, "--copies", pr_release_compute_id (german), NULL);
  g_assert_cmpint (copies.status, ==, 0);
  out = out_string (&copies);
  expected = g_strdup_printf ("%s*\t2024-03-03\tPR Newswire\ten\t%s\t%s/1-portal.txt\n"
                              "%s\t2024-03-03\tPR Newswire\ten\t%s\t%s/4-wire.txt\n"
                              "%s\t2024-03-04\tPR Newswire\tde\t%s\t%s/2-german.txt\n",
                              pr_release_compute_id (portal), pr_release_get_title (portal), releases,
                              pr_release_compute_id (wire), pr_release_get_title (wire), releases,
                              pr_release_compute_id (german), pr_release_get_title (german), releases);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  run_cli (&alone, "--library", library, "--copies", pr_release_compute_id (other), NULL);
  g_assert_cmpint (alone.status, ==, 0);
  out = out_string (&alone);
  g_assert_true (g_str_has_prefix (out, pr_release_compute_id (other)));
  g_assert_nonnull (strstr (out, "*\t2024-03-04\tPR Newswire\ten\tHarbor Logistics"));
  g_assert_null (strchr (strchr (out, '\n') + 1, '\n'));
  g_clear_pointer (&out, g_free);

  run_cli (&json, "--library", library, "--copies", pr_release_compute_id (wire), "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpuint (catalog_count (&json), ==, 3);

  run_cli (&unknown, "--library", library, "--copies", "0123abc", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "0123abc"));
  test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/export-json/folder", test_export_folder);
  g_test_add_func ("/cli/export-json/order", test_export_order);
  g_test_add_func ("/cli/export-json/missing", test_export_missing);
  g_test_add_func ("/cli/export-json/partial", test_export_partial);
  g_test_add_func ("/cli/copies", test_copies);
  g_test_add_func ("/cli/library-modes", test_library_modes);
  g_test_add_func ("/cli/watches", test_watches);
  g_test_add_func ("/cli/export-import-same", test_export_import_same);
  g_test_add_func ("/cli/translated", test_translated);

  return g_test_run ();
}
