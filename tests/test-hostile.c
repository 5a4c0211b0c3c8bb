/* test-hostile.c: hostile input, table-driven
 *
 * Each row is a file (or a library, a catalog, a query) that a user might
 * feed PressReader by accident or on purpose, and the clear message it
 * must give. File rows go through the command line (PRESSREADER
 * --export-json FOLDER) and the import path (PrImport), next to two good
 * releases: the row passes when the hostile file is named with its reason
 * (or exported, when it is valid after all), both good releases are still
 * there, and the program went on to a normal exit. Big inputs are made
 * here, at test time, not kept in the repository. */
#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "pr-core.h"
#include "pr-import.h"
#include "pr-query.h"
#include "pr-store.h"
#include "pr-test-utils.h"

#define GOOD_1 "Headline One\n\nLONDON, Jan. 5, 2024 /PRNewswire/ -- Body text here.\n"
#define GOOD_2 "Headline Two\n\nPARIS, Feb. 6, 2024 /Business Wire/ -- More body text.\n"
#define BODY   "\n\nLONDON, Jan. 5, 2024 /PRNewswire/ -- Acme said so today.\n"
#define MB     (1024 * 1024)

static gboolean
sanitized (void)
{
  return g_getenv ("ASAN_OPTIONS") != NULL;
}

/* Seconds a row may take; far more under the sanitizers. */
static double
time_limit (double seconds)
{
  return sanitized () ? seconds * 20 : seconds;
}

/* Big inputs are a tenth as big under the sanitizers, whose slow
 * unwinding costs microseconds a malloc(); the sizes that find slowness
 * run without them. */
static gsize
big (gsize size)
{
  return sanitized () ? size / 10 : size;
}

/* ---- Making files -------------------------------------------------------- */

static void
write_bytes (const char *path,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* @text repeated up to @size bytes, after @head. */
static GString *
repeat (const char *head,
        const char *text,
        gsize       size)
{
  GString *s = g_string_sized_new (size + strlen (text));

  g_string_append (s, head);
  while (s->len + strlen (text) <= size)
    g_string_append (s, text);
  return s;
}

static void
write_gstring (const char *path,
               GString    *s)
{
  write_bytes (path, s->str, s->len);
  g_string_free (s, TRUE);
}

/* Searchable and removable by anyone: rows run the program as nobody. */
static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return dir;
}

/* ---- Running the command line -------------------------------------------- */

typedef struct {
  int status;          /* -1 when killed by a signal */
  GBytes *out;
  char *err;
  double seconds;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
become_nobody (gpointer data)
{
  /* In the child, before exec: a failure shows as status 126. */
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (126);
}

static gboolean
run_cli (Run         *run,
         gboolean     as_nobody,
         const char  *first_arg,
         ...)
{
  const char *program = g_getenv ("PRESSREADER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  va_list args;

  if (program == NULL)
    {
      g_test_skip ("PRESSREADER is not set");
      return FALSE;
    }

  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (as_nobody)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);
  run->seconds = g_timer_elapsed (timer, NULL);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->err = g_bytes_get_size (err) > 0 ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
                                        : g_strdup ("");
  g_test_message ("exit %d in %.2f s, stderr: %s", run->status, run->seconds, run->err);
  return TRUE;
}

/* Whether the program can run as nobody here (root, a path nobody may
 * enter); rows that need a file root could still read are skipped
 * otherwise. */
static gboolean
can_drop_to_nobody (void)
{
  static int can = -1;

  if (can < 0)
    {
      g_auto(Run) run = { 0, };

      can = getuid () == 0 && run_cli (&run, TRUE, "--version", NULL) && run.status == 0;
    }
  return can;
}

/* ---- The file table ------------------------------------------------------ */

typedef enum {
  ROW_EXPLICIT = 1 << 0,   /* also name the file on the command line */
  ROW_UNREADABLE = 1 << 1, /* needs a user who cannot read it (not root) */
  ROW_NO_IMPORT = 1 << 2,  /* the import path reads it differently (see row) */
} RowFlags;

typedef struct {
  const char *test;       /* /hostile/file/TEST */
  const char *file;       /* its name in the folder: bytes, maybe not UTF-8 */
  void (*make) (const char *path);
  const char *contents;   /* when make is NULL */
  const char *shown;      /* the name as the message shows it (NULL: file) */
  const char *reason;     /* the message after "NAME: "; NULL: exported */
  int status;             /* the command line's exit status */
  void (*check) (PrRelease *release);
  RowFlags flags;
} FileRow;

static void
make_50mb (const char *path)
{
  /* Under the sanitizers, still over the limit. */
  write_gstring (path, repeat ("Fifty megabytes\n\n", "All work and no play makes a dull release.\n",
                               MAX (big (50 * MB), PR_PARSER_MAX_SIZE + MB)));
}

static void
make_over_limit (const char *path)
{
  write_gstring (path, repeat ("Just too large\n\n", "x", PR_PARSER_MAX_SIZE + 1));
}

static void
make_5mb_line (const char *path)
{
  GString *s = repeat ("One long line" BODY "\n", "A sentence that goes on and on, ", big (5 * MB));

  g_string_append_c (s, '\n');
  write_gstring (path, s);
}

static void
make_bullets (const char *path)
{
  GString *s = repeat ("Many bullets" BODY "\n", "", 0);

  for (guint i = 0; i < big (100000); i++)
    g_string_append (s, "* an item of a very long list\n");
  write_gstring (path, s);
}

static void
make_utf16 (const char *path,
            gboolean    big_endian,
            gboolean    odd)
{
  const char *text = "UTF-16 headline caf\xc3\xa9" BODY;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8",
                                          NULL, &length, &error);
  GString *s = g_string_new_len (big_endian ? "\xfe\xff" : "\xff\xfe", 2);

  g_assert_no_error (error);
  g_string_append_len (s, converted, length);
  if (odd)
    g_string_append_c (s, 'x');
  write_gstring (path, s);
}

static void make_utf16le (const char *path) { make_utf16 (path, FALSE, FALSE); }
static void make_utf16be (const char *path) { make_utf16 (path, TRUE, FALSE); }
static void make_utf16_odd (const char *path) { make_utf16 (path, FALSE, TRUE); }

static void
make_nul (const char *path)
{
  static const char data[] = "Headline with a NUL\0 inside" BODY;

  write_bytes (path, data, sizeof data - 1);
}

/* A real 1x1 PNG, renamed. */
static void
make_png (const char *path)
{
  static const char png[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
    "\0\0\0\rIDATx\x9c" "c\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xae" "B`\x82";

  write_bytes (path, png, sizeof png - 1);
}

static void
make_controls (const char *path)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (s, "ab\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10");
  write_gstring (path, s);
}

static void
make_symlink_loop (const char *path)
{
  g_assert_cmpint (symlink (".", path), ==, 0);
}

static void
make_symlink_self (const char *path)
{
  g_assert_cmpint (symlink (path, path), ==, 0);
}

static void
make_dangling (const char *path)
{
  g_assert_cmpint (symlink ("/nonexistent/release.txt", path), ==, 0);
}

static void
make_unreadable_file (const char *path)
{
  write_bytes (path, GOOD_1, strlen (GOOD_1));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
}

static void
make_unreadable_folder (const char *path)
{
  g_autofree char *inside = g_build_filename (path, "inside.txt", NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  write_bytes (inside, GOOD_1, strlen (GOOD_1));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
}

static void
make_fifo (const char *path)
{
  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
}

static void
make_deep_folders (const char *path)
{
  g_autoptr(GString) dir = g_string_new (path);
  g_autofree char *file = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  for (guint i = 0; i < 100; i++)
    {
      g_string_append (dir, "/d");
      g_assert_cmpint (g_mkdir (dir->str, 0755), ==, 0);
    }
  file = g_build_filename (dir->str, "deep.txt", NULL);
  write_bytes (file, "Found at the bottom" BODY, strlen ("Found at the bottom" BODY));
}

static void
make_long_title (const char *path)
{
  GString *s = repeat ("", "Long ", 10000);

  g_string_append (s, BODY);
  write_gstring (path, s);
}

/* Checks of the exported release, for rows that are valid after all. */

static void
check_cp1252 (PrRelease *r)
{
  /* "Café “new” – €5" */
  g_assert_cmpstr (pr_release_get_title (r), ==,
                   "Caf\xc3\xa9 \xe2\x80\x9cnew\xe2\x80\x9d \xe2\x80\x93 \xe2\x82\xac" "5");
}

static void
check_utf16 (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "UTF-16 headline caf\xc3\xa9");
}

static void
check_bom (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Byte order mark");
}

static void
check_crlf (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Windows line ends");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "London");
}

static void
check_cr (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Old Mac line ends");
}

/* Markup is text: the window must escape it, the parser must not eat it. */
static void
check_markup (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==,
                   "<span foreground=\"red\">Alert</span> & <b>bold</b> <i>x</i>");
}

static void
check_entities (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Smith & Co <b>not bold</b>");
}

static void
check_rtl (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==,
                   "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x80\xaegnp.exe");
}

static void
check_zero_width (PrRelease *r)
{
  /* Zero-width spaces, joiners and BOMs are dropped, not kept invisible. */
  g_assert_cmpstr (pr_release_get_title (r), ==, "Zerowidth title");
}

static void
check_long_title (PrRelease *r)
{
  /* Cut to a headline, not a 10,000-character row. */
  g_assert_cmpuint (g_utf8_strlen (pr_release_get_title (r), -1), <=, 400);
  g_assert_true (pr_release_get_title_derived (r));
}

static void
check_schemes (PrRelease *r)
{
  const char * const *links = pr_release_get_list (r, PR_LIST_LINKS);
  g_auto(GStrv) body = pr_release_dup_body (r);
  g_autofree char *text = g_strjoinv ("\n", body);

  /* Kept as the text they are; only web links become links. */
  g_assert_nonnull (strstr (text, "javascript:alert(document.cookie)"));
  g_assert_nonnull (strstr (text, "file:///etc/passwd"));
  g_assert_nonnull (strstr (text, "data:text/html;base64,PHNjcmlwdD4="));
  for (guint i = 0; links != NULL && links[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (links[i], "http://") || g_str_has_prefix (links[i], "https://") ||
                   g_str_has_prefix (links[i], "www."));
}

static void
check_big_body (PrRelease *r)
{
  g_assert_cmpuint (pr_release_get_blocks (r)->len, >, 0);
}

static void
check_deep (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Found at the bottom");
}

static void
check_name_title (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Strange name");
}

/* ---- Web pages, email, NewsML-G2 and ninjs ---- */

#define PAGE_P "<p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme said so today.</p>"
#define SECRET "PR-HOSTILE-SECRET-5d41402a"

static void
make_html_deep (const char *path)
{
  GString *s = g_string_new ("<html><body>");

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "<div>");
  g_string_append (s, "<h1>Deep Headline</h1>" PAGE_P);
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "</div>");
  g_string_append (s, "</body></html>\n");
  write_gstring (path, s);
}

static void
make_html_200mb (const char *path)
{
  /* Under the sanitizers, still over the limit. */
  write_gstring (path, repeat ("<html><body><h1>Huge</h1>", PAGE_P "\n",
                               MAX (big (200 * MB), PR_PARSER_MAX_SIZE + MB)));
}

static void
make_html_all_links (const char *path)
{
  GString *s = g_string_new ("<html><body>");

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (s, "<a href=\"https://links.example/%u\">link %u</a>", i, i);
  g_string_append (s, "</body></html>\n");
  write_gstring (path, s);
}

static void
make_email_attachment (const char *path)
{
  GString *s = g_string_new ("From: media@acme.example\nSubject: Attachment Headline\n"
                             "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
                             "--B\nContent-Type: text/plain\n\nAttachment Headline" BODY "\n"
                             "--B\nContent-Type: application/octet-stream\n"
                             "Content-Transfer-Encoding: base64\n\n");
  /* 50 MB of data as base64 lines of 76 characters (57 bytes each). */
  gsize lines = big (50 * MB) / 57 + 1;

  for (gsize i = 0; i < lines; i++)
    g_string_append (s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
  g_string_append (s, "--B--\n");
  write_gstring (path, s);
}

static void
make_email_nested (const char *path)
{
  GString *s = g_string_new ("From: media@acme.example\nSubject: Nested Headline\nMIME-Version: 1.0\n");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (s, "Content-Type: multipart/mixed; boundary=b%u\n\n--b%u\n", i, i);
  g_string_append (s, "Content-Type: text/plain\n\nNested Headline" BODY);
  for (guint i = 1000; i-- > 0;)
    g_string_append_printf (s, "\n--b%u--\n", i);
  write_gstring (path, s);
}

/* The entity names a file beside the item that the walk does not read
 * (".secret" is no release's name). */
static void
make_newsml_external_entity (const char *path)
{
  g_autofree char *secret = g_strconcat (path, ".secret", NULL);
  g_autofree char *xml = NULL;

  write_bytes (secret, SECRET, strlen (SECRET));
  xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
                         "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x\">"
                         "<contentMeta><headline>Entity Headline &xxe;</headline></contentMeta>"
                         "<contentSet><inlineData contenttype=\"text/plain\">LONDON, Jan. 5, 2024 "
                         "/PRNewswire/ -- Acme said so &xxe; today.</inlineData></contentSet></newsItem>\n",
                         secret);
  write_bytes (path, xml, strlen (xml));
}

static void
make_newsml_bomb (const char *path)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE newsItem [<!ENTITY lol0 \"lol\">");

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (s, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (s, "&lol%u;", i - 1);
      g_string_append (s, "\">");
    }
  g_string_append (s, "]>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentMeta>"
                      "<headline>&lol9;</headline></contentMeta></newsItem>\n");
  write_gstring (path, s);
}

static void
check_page_schemes (PrRelease *r)
{
  const char * const *links = pr_release_get_list (r, PR_LIST_LINKS);
  g_auto(GStrv) body = pr_release_dup_body (r);
  g_autofree char *text = g_strjoinv ("\n", body);

  g_assert_cmpstr (pr_release_get_title (r), ==, "Links Headline");
  /* The links' text stays; their javascript: and data: targets go. */
  g_assert_nonnull (strstr (text, "said so and data and site"));
  g_assert_null (strstr (text, "javascript:"));
  g_assert_null (strstr (text, "data:"));
  g_assert_nonnull (links);
  for (guint i = 0; links[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (links[i], "https://"));
}

static void
check_page_invalid_utf8 (PrRelease *r)
{
  /* Invalid bytes become U+FFFD; the rest is read. */
  g_assert_cmpstr (pr_release_get_title (r), ==, "Caf\xef\xbf\xbd Headline");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "London");
}

static void
check_page_truncated (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, "Truncated Headline");
}

static void
check_attachment (PrRelease *r)
{
  g_auto(GStrv) body = pr_release_dup_body (r);
  g_autofree char *text = g_strjoinv ("\n", body);

  g_assert_cmpstr (pr_release_get_title (r), ==, "Attachment Headline");
  g_assert_null (strstr (text, "AAAA"));
}

static void
check_no_secret (PrRelease *r)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *json = NULL;

  g_ptr_array_add (one, r);
  json = pr_catalog_to_string (one, PR_CATALOG_WRITE_STATE, NULL);
  g_assert_null (strstr (json, SECRET));
  g_assert_true (g_str_has_prefix (pr_release_get_title (r), "Entity Headline"));
}

static const FileRow file_rows[] = {
  { "empty", "empty.txt", NULL, "", NULL, "empty file", 1 },
  { "blank", "blank.txt", NULL, " \n\t\n\r\n  \n", NULL, "empty file (only white space)", 1 },
  { "nbsp-only", "nbsp.txt", NULL, "\xc2\xa0\xe2\x80\x8b\n\xef\xbb\xbf", NULL, "empty file", 1 },
  { "50mb", "fifty.txt", make_50mb, NULL, NULL, "file too large (", 1 },
  { "over-limit", "over.txt", make_over_limit, NULL, NULL, "file too large", 1 },
  { "5mb-line", "line.txt", make_5mb_line, NULL, NULL, NULL, 0, check_big_body },
  { "100k-bullets", "bullets.txt", make_bullets, NULL, NULL, NULL, 0, check_big_body },
  { "invalid-utf8", "cp1252.txt", NULL, "Caf\xe9 \x93new\x94 \x96 \x80" "5" BODY,
    NULL, NULL, 0, check_cp1252 },
  { "utf16le-bom", "utf16le.txt", make_utf16le, NULL, NULL, NULL, 0, check_utf16 },
  { "utf16be-bom", "utf16be.txt", make_utf16be, NULL, NULL, NULL, 0, check_utf16 },
  { "utf16-odd", "utf16odd.txt", make_utf16_odd, NULL, NULL, "not valid UTF-16 text", 1 },
  { "utf8-bom", "bom.txt", NULL, "\xef\xbb\xbf" "Byte order mark" BODY, NULL, NULL, 0, check_bom },
  { "nul-bytes", "nul.txt", make_nul, NULL, NULL, "binary data (contains NUL bytes), not a text release", 1 },
  { "png-renamed", "picture.txt", make_png, NULL, NULL, "binary data", 1 },
  { "control-chars", "controls.txt", make_controls, NULL, NULL,
    "binary data (control characters), not a text release", 1 },
  { "crlf", "crlf.txt", NULL, "Windows line ends\r\n\r\nLONDON, Jan. 5, 2024 /PRNewswire/ -- Body.\r\n",
    NULL, NULL, 0, check_crlf },
  { "cr-only", "cr.txt", NULL, "Old Mac line ends\r\rLONDON, Jan. 5, 2024 /PRNewswire/ -- Body.\r",
    NULL, NULL, 0, check_cr },
  { "pango-markup", "markup.txt", NULL,
    "<span foreground=\"red\">Alert</span> & <b>bold</b> <i>x</i>" BODY, NULL, NULL, 0, check_markup },
  { "html-entities", "entities.txt", NULL, "Smith &amp; Co &lt;b&gt;not bold&lt;/b&gt;" BODY,
    NULL, NULL, 0, check_entities },
  { "right-to-left", "rtl.txt", NULL,
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x80\xaegnp.exe" BODY,
    NULL, NULL, 0, check_rtl },
  { "zero-width", "zw.txt", NULL, "Zero\xe2\x80\x8bwidth\xe2\x80\x8d\xef\xbb\xbf title\xe2\x81\xa0" BODY,
    NULL, NULL, 0, check_zero_width },
  { "10000-char-title", "long-title.txt", make_long_title, NULL, NULL, NULL, 0, check_long_title },
  { "link-schemes", "links.txt", NULL,
    "Links of every kind\n\nLONDON, Jan. 5, 2024 /PRNewswire/ -- See javascript:alert(document.cookie), "
    "file:///etc/passwd, data:text/html;base64,PHNjcmlwdD4= and <a href=\"javascript:alert(1)\">x</a> "
    "and https://example.com/a.\n", NULL, NULL, 0, check_schemes },
  { "name-newline", "bad\nname.txt", NULL, "", "bad\\nname.txt", "empty file", 1 },
  { "name-escape", "\x1b]0;pwned\x07\x1b[31mred.txt", NULL, "", "\\x1b]0;pwned\\x07\\x1b[31mred.txt",
    "empty file", 1 },
  { "name-not-utf8", "caf\xe9-\xff.txt", NULL, "", "caf\xef\xbf\xbd-\xef\xbf\xbd.txt", "empty file", 1 },
  { "name-not-utf8-good", "na\xefve.txt", NULL, "Strange name" BODY, NULL, NULL, 0, check_name_title },
  { "symlink-loop", "loop", make_symlink_loop, NULL, NULL,
    "skipped, a link back to a folder that contains it", 0, NULL, ROW_NO_IMPORT },
  { "symlink-self", "self.txt", make_symlink_self, NULL, NULL, "Too many levels of symbolic links", 1 },
  { "symlink-dangling", "gone.txt", make_dangling, NULL, NULL, "broken symbolic link", 1 },
  { "unreadable-file", "secret.txt", make_unreadable_file, NULL, NULL, "Permission denied", 1,
    NULL, ROW_UNREADABLE },
  { "unreadable-folder", "locked", make_unreadable_folder, NULL, NULL, "Permission denied", 1,
    NULL, ROW_UNREADABLE },
  { "fifo-in-folder", "pipe.txt", make_fifo, NULL, NULL, NULL, 0, NULL, ROW_NO_IMPORT },
  { "fifo-named", "pipe2.txt", make_fifo, NULL, NULL, "not a regular file or folder", 1, NULL,
    ROW_EXPLICIT | ROW_NO_IMPORT },
  { "100-folders-deep", "deep", make_deep_folders, NULL, NULL, NULL, 0, check_deep },
  { "html-100000-deep", "deep.html", make_html_deep, NULL, NULL,
    "nests its elements more than 256 levels deep", 1 },
  { "html-200mb", "huge.html", make_html_200mb, NULL, NULL, "file too large (", 1 },
  { "html-script-only", "script.html", NULL,
    "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script>"
    "</body></html>\n", NULL, "no release text found (no headline and no body)", 1 },
  { "html-link-schemes", "schemes.html", NULL,
    "<html><body><h1>Links Headline</h1><p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme said "
    "<a href=\"javascript:alert(1)\">so</a> and <a href=\"data:text/html,x\">data</a> and "
    "<a href=\"https://acme.example/\">site</a> today.</p></body></html>\n",
    NULL, NULL, 0, check_page_schemes },
  { "html-all-links", "links.html", make_html_all_links, NULL, NULL,
    "no release text found (no headline and no body)", 1 },
  { "html-invalid-utf8", "bad-utf8.html", NULL,
    "<html><head><meta charset=\"utf-8\"></head><body><h1>Caf\xe9 Headline</h1>" PAGE_P
    "</body></html>\n", NULL, NULL, 0, check_page_invalid_utf8 },
  { "html-truncated", "cut.html", NULL,
    "<html><body><h1>Truncated Headline</h1><p>LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme said so to",
    NULL, NULL, 0, check_page_truncated },
  { "email-50mb-attachment", "attached.eml", make_email_attachment, NULL, NULL, NULL, 0,
    check_attachment },
  { "email-nested-1000", "nested.eml", make_email_nested, NULL, NULL,
    "nested more than 32 levels deep", 1 },
  { "email-truncated", "cut.eml", NULL,
    "From: media@acme.example\nSubject: Cut\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/pla",
    NULL, "no release text found in the message", 1 },
  { "mbox-truncated", "cut.mbox", NULL,
    "From media@acme.example Tue Mar  4 09:00:00 2025\nFrom: media@acme.example\nSubject: Cu",
    NULL, "message 1: no release text found in the message", 1 },
  { "newsml-external-entity", "xxe.xml", make_newsml_external_entity, NULL, NULL, NULL, 0,
    check_no_secret },
  { "newsml-billion-laughs", "bomb.xml", make_newsml_bomb, NULL, NULL,
    "its entities would expand without bound", 1 },
  { "newsml-truncated", "cut.xml", NULL,
    "<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">"
    "<contentMeta><headline>Truncated", NULL, "not well-formed XML (", 1 },
  { "ninjs-truncated", "cut.json", NULL, "{\"uri\": \"urn:x\", \"headline\": \"Trunc",
    NULL, "not valid JSON (", 1 },
};

static gboolean
has_controls (const char *line)
{
  for (const guchar *p = (const guchar *) line; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* The releases other than the two good ones; asserts those are there. */
static GPtrArray *
others (GPtrArray *releases)
{
  GPtrArray *rest = g_ptr_array_new ();
  gboolean one = FALSE, two = FALSE;

  for (guint i = 0; i < releases->len; i++)
    {
      PrRelease *r = g_ptr_array_index (releases, i);
      const char *title = pr_release_get_title (r);

      if (g_strcmp0 (title, "Headline One") == 0)
        one = TRUE;
      else if (g_strcmp0 (title, "Headline Two") == 0)
        two = TRUE;
      else
        g_ptr_array_add (rest, r);
    }
  g_assert_true (one && two);
  return rest;
}

static void
check_cli (const FileRow *row,
           const char    *dir,
           const char    *path,
           gboolean       as_nobody)
{
  g_auto(Run) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected = NULL;
  guint n_lines = 0;

  if (!run_cli (&run, as_nobody, "--export-json", dir, (row->flags & ROW_EXPLICIT) ? path : NULL, NULL))
    return;

  /* Went on to the end, in time. */
  g_assert_cmpint (run.status, ==, row->status);
  g_assert_cmpfloat (run.seconds, <, time_limit (30));

  /* "FOLDER/NAME: reason", one line per problem, nothing a terminal runs. */
  lines = g_strsplit (run.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        g_assert_false (has_controls (lines[i]));
        g_assert_true (g_utf8_validate (lines[i], -1, NULL));
        g_assert_nonnull (strstr (lines[i], ": "));
        n_lines++;
      }
  if (row->reason != NULL)
    {
      gboolean found = FALSE;

      expected = g_strdup_printf ("%s/%s: ", dir, row->shown ? row->shown : row->file);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], expected) && strstr (lines[i], row->reason) != NULL)
          found = TRUE;
      g_assert_true (found);
      g_assert_cmpuint (n_lines, ==, 1);
    }
  else
    g_assert_cmpuint (n_lines, ==, 0);

  /* Nothing else lost: a whole, valid catalog with both good releases. */
  releases = pr_catalog_read_bytes (run.out, &skipped, &error);
  g_assert_no_error (error);
  g_assert_null (skipped);
  rest = others (releases);
  if (row->reason == NULL && row->check != NULL)
    {
      g_assert_cmpuint (rest->len, ==, 1);
      row->check (g_ptr_array_index (rest, 0));
    }
  else if (row->reason != NULL)
    g_assert_cmpuint (rest->len, ==, 0);
}

static void
check_import (const FileRow *row,
              const char    *dir)
{
  g_autofree char *library_dir = make_folder ();
  g_autofree char *library = g_build_filename (library_dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (library, NULL, &error);
  g_autoptr(PrImport) import = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  gboolean named = FALSE;

  g_assert_no_error (error);
  import = pr_import_new (store);
  pr_import_add_path (import, dir);
  g_assert_true (pr_import_run (import, NULL, &error));
  g_assert_no_error (error);

  failures = pr_import_dup_failures (import);
  for (guint i = 0; i < failures->len; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      g_autofree char *shown = g_filename_display_name (failure->path);

      /* TAP output must be UTF-8, whatever the file's name. */
      g_test_message ("import: %s: %s", shown, failure->reason);
      g_assert_true (g_utf8_validate (failure->reason, -1, NULL));
      if (g_str_has_suffix (failure->path, row->file))
        named = TRUE;
    }
  if (row->reason != NULL && row->status != 0)
    {
      g_assert_true (named);
      g_assert_cmpuint (failures->len, ==, 1);
    }
  else
    g_assert_cmpuint (failures->len, ==, 0);

  releases = pr_store_search (store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, 100, &error);
  g_assert_no_error (error);
  rest = others (releases);
  g_assert_cmpuint (rest->len, ==, row->reason == NULL && row->check != NULL ? 1 : 0);

  g_clear_object (&import);
  g_clear_object (&store);
  test_remove_tree (library_dir);
}

static void
test_file_row (gconstpointer data)
{
  const FileRow *row = data;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean as_nobody = FALSE;

  if (row->flags & ROW_UNREADABLE && getuid () == 0)
    {
      /* Root reads a mode 000 file: run as nobody, if nobody can run it. */
      if (!can_drop_to_nobody ())
        {
          g_test_skip ("running as root and cannot run the program as nobody");
          return;
        }
      as_nobody = TRUE;
    }

  dir = make_folder ();
  path = g_build_filename (dir, row->file, NULL);
  test_write_file (dir, "good-1.txt", GOOD_1, -1);
  test_write_file (dir, "good-2.txt", GOOD_2, -1);
  if (row->make != NULL)
    row->make (path);
  else
    write_bytes (path, row->contents, strlen (row->contents));

  check_cli (row, dir, path, as_nobody);
  /* The import runs in this process, which as root reads everything. */
  if (!(row->flags & ROW_NO_IMPORT) && !as_nobody && !g_test_failed ())
    check_import (row, dir);
  test_remove_tree (dir);
}

/* ---- The parser, directly ------------------------------------------------ */

typedef struct {
  const char *test;
  GString *(*make) (void);
  int error;              /* a PrParserError, or -1 for a release */
  double seconds;         /* at most, without sanitizers */
  gboolean thorough;      /* only with -m thorough: seconds each */
} ParserRow;

static GString *
big_text (const char *head,
          const char *text)
{
  return repeat (head, text, big (10 * MB - 64));
}

static GString *make_p_10mb_line (void) { return big_text ("Headline\n\n", "word and more words. "); }
static GString *make_p_10mb_short (void) { return big_text ("Headline\n\n", "short line\n"); }
static GString *make_p_10mb_paras (void) { return big_text ("Headline\n\n", "A short paragraph.\n\n"); }
static GString *make_p_10mb_amps (void) { return big_text ("Headline\n\n", "&&&&&&&& "); }
static GString *make_p_10mb_cp1252 (void) { return big_text ("Headline\n\n", "caf\xe9 \x93q\x94 "); }
static GString *make_p_10mb_nospace (void) { return big_text ("H\n\n", "x"); }
static GString *make_p_exact_limit (void) { return repeat ("Headline\n\n", "y", big (PR_PARSER_MAX_SIZE)); }

static GString *
make_p_10mb_wrapped (void)
{
  return big_text ("Headline\n\n",
                   "A hard-wrapped line of wire copy that runs to about seventy characters.\n");
}

static GString *
make_p_cjk (void)
{
  /* "标题", then "连云港会议。" */
  return big_text ("\xe6\xa0\x87\xe9\xa2\x98\n\n",
                   "\xe8\xbf\x9e\xe4\xba\x91\xe6\xb8\xaf\xe4\xbc\x9a\xe8\xae\xae\xe3\x80\x82");
}

static GString *
make_p_datelines (void)
{
  return big_text ("Headline\n\n", "LONDON, Jan. 5, 2024 /PRNewswire/ -- x\n");
}

static GString *make_p_noise (void) { return g_string_new ("|\n\xe2\x80\xa2\n\xc2\xb7\n|\n"); }

/* The first four were quadratic once (a minute and more; 1–2 s now on
 * an idle machine); the limits are loose, to catch that without failing
 * on a busy one. */
static const ParserRow parser_rows[] = {
  { "10mb-single-line", make_p_10mb_line, -1, 20 },
  { "10mb-short-lines", make_p_10mb_short, -1, 20 },
  { "10mb-wrapped-lines", make_p_10mb_wrapped, -1, 20 },
  { "10mb-ampersands", make_p_10mb_amps, -1, 20 },
  { "10mb-paragraphs", make_p_10mb_paras, -1, 30, TRUE },
  { "10mb-windows-1252", make_p_10mb_cp1252, -1, 30, TRUE },
  { "10mb-no-space", make_p_10mb_nospace, -1, 30, TRUE },
  { "10mb-chinese", make_p_cjk, -1, 30, TRUE },
  { "10mb-datelines", make_p_datelines, -1, 30, TRUE },
  { "exactly-the-limit", make_p_exact_limit, -1, 30, TRUE },
  { "only-noise", make_p_noise, PR_PARSER_ERROR_NO_TEXT, 1 },
};

static void
test_parser_row (gconstpointer data)
{
  const ParserRow *row = data;
  g_autoptr(GString) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(PrRelease) release = NULL;
  double seconds;

  if (row->thorough && !g_test_thorough ())
    {
      g_test_skip ("a few seconds: run with -m thorough");
      return;
    }
  input = row->make ();
  timer = g_timer_new ();
  release = pr_parse_text (input->str, input->len, "hostile", &error);
  seconds = g_timer_elapsed (timer, NULL);

  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes in %.2f s", row->test, input->len, seconds);
  if (row->error < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (release);
    }
  else
    g_assert_error (error, PR_PARSER_ERROR, row->error);
  /* Not quadratic: a 10 MB release is parsed in seconds. */
  g_assert_cmpfloat (seconds, <, time_limit (row->seconds));
}

/* ---- The catalog reader, directly ---------------------------------------- */

#define HEAD "{\"format\":\"pressreader-catalog\",\"version\":1,\"releases\":["
#define GOOD_RELEASE "{\"title\":\"Good\",\"body\":[\"Text.\"]}"

typedef struct {
  const char *test;
  GString *(*make) (void);
  const char *contents;   /* when make is NULL */
  int error;              /* a PrCatalogError for the whole, or -1 */
  guint n_read;
  guint n_skipped;
  const char *message;    /* in the error, or in the first skipped one */
} CatalogRow;

static GString *
nested (const char *head,
        const char *open,
        const char *middle,
        const char *close,
        const char *tail,
        guint       depth)
{
  GString *s = g_string_new (head);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  g_string_append (s, tail);
  return s;
}

static GString *make_c_deep_objects (void) { return nested ("", "{\"a\":", "1", "}", "", 100000); }
static GString *make_c_deep_arrays (void) { return nested (HEAD, "[", "", "]", "]}", 100000); }
static GString *
make_c_deep_title (void)
{
  return nested (HEAD "{\"title\":", "[", "", "]", ",\"body\":[]}]}", 100000);
}

static GString *
make_c_100mb_string (void)
{
  GString *s = g_string_sized_new (100 * MB + 256);

  g_string_append (s, HEAD "{\"title\":\"");
  g_string_set_size (s, s->len + 100 * MB);
  memset (s->str + s->len - 100 * MB, 'a', 100 * MB);
  g_string_append (s, "\",\"body\":[]}," GOOD_RELEASE "]}");
  return s;
}

static GString *
make_c_many (void)
{
  GString *s = g_string_new (HEAD);

  for (guint i = 0; i < big (100000); i++)
    g_string_append (s, i ? "," GOOD_RELEASE : GOOD_RELEASE);
  g_string_append (s, "]}");
  return s;
}

static const CatalogRow catalog_rows[] = {
  { "nested-100000-objects", make_c_deep_objects, NULL, PR_CATALOG_ERROR_TOO_DEEP, 0, 0,
    "nested deeper than 64 levels" },
  { "nested-100000-arrays", make_c_deep_arrays, NULL, PR_CATALOG_ERROR_TOO_DEEP, 0, 0, "nested deeper" },
  { "nested-100000-in-title", make_c_deep_title, NULL, PR_CATALOG_ERROR_TOO_DEEP, 0, 0, "nested deeper" },
  { "100mb-string", make_c_100mb_string, NULL, -1, 1, 1, "releases[0].title: longer than 65536 bytes" },
  { "100000-releases", make_c_many, NULL, -1, 0, 0, NULL },
  { "wrong-type-title", NULL, HEAD "{\"title\":42,\"body\":[]}," GOOD_RELEASE "]}", -1, 1, 1,
    "releases[0].title: expected a string or null, got a number" },
  { "wrong-type-body", NULL, HEAD "{\"title\":\"x\",\"body\":{\"a\":1}}," GOOD_RELEASE "]}", -1, 1, 1,
    "releases[0].body: expected an array" },
  { "wrong-type-release", NULL, HEAD "\"just a string\"," GOOD_RELEASE "]}", -1, 1, 1,
    "releases[0]: expected an object, got a string" },
  { "wrong-type-releases", NULL, "{\"format\":\"pressreader-catalog\",\"version\":1,\"releases\":{}}",
    PR_CATALOG_ERROR_INVALID, 0, 0, "releases: expected an array" },
  { "wrong-type-version", NULL, "{\"format\":\"pressreader-catalog\",\"version\":\"1\",\"releases\":[]}",
    PR_CATALOG_ERROR_INVALID, 0, 0, "version: expected an integer" },
  { "missing-body", NULL, HEAD "{\"title\":\"x\"}," GOOD_RELEASE "]}", -1, 1, 1,
    "missing required member “body”" },
  { "missing-format", NULL, "{\"version\":1,\"releases\":[]}", PR_CATALOG_ERROR_FORMAT, 0, 0,
    "format: missing, not a PressReader catalog" },
  { "duplicate-ids", NULL, HEAD "{\"id\":\"same\",\"title\":\"A\",\"body\":[]},"
    "{\"id\":\"same\",\"title\":\"B\",\"body\":[]}]}", -1, 2, 0, NULL },
  { "duplicate-keys", NULL, HEAD "{\"title\":\"A\",\"title\":\"B\",\"body\":[],\"body\":[\"x\"]}]}",
    -1, 1, 0, NULL },
  { "huge-numbers", NULL, HEAD "{\"title\":\"x\",\"body\":[],\"word_count\":1e400}," GOOD_RELEASE "]}",
    -1, 1, 1, "releases[0].word_count" },
  { "negative-count", NULL, HEAD "{\"title\":\"x\",\"body\":[],\"word_count\":-1}," GOOD_RELEASE "]}",
    -1, 1, 1, "releases[0].word_count: -1 is out of range" },
  { "bad-date", NULL, HEAD "{\"title\":\"x\",\"body\":[],\"date\":\"2024-02-30\"}," GOOD_RELEASE "]}",
    -1, 1, 1, "is not a YYYY-MM-DD date" },
  { "invalid-utf8", NULL, HEAD "{\"title\":\"caf\xe9\",\"body\":[]}]}", PR_CATALOG_ERROR_SYNTAX, 0, 0,
    "not valid UTF-8" },
  { "lone-surrogate", NULL, HEAD "{\"title\":\"\\udc00\",\"body\":[]}]}", PR_CATALOG_ERROR_SYNTAX, 0, 0,
    "invalid escape sequence in a string" },
  { "control-escapes", NULL, HEAD "{\"title\":\"\\u001b[31mred\\u0007\",\"body\":[]}]}", -1, 1, 0, NULL },
  { "truncated", NULL, HEAD GOOD_RELEASE, PR_CATALOG_ERROR_SYNTAX, 0, 0, "unexpected end of data" },
  { "trailing-garbage", NULL, HEAD "]} {}", PR_CATALOG_ERROR_SYNTAX, 0, 0,
    "unexpected data after the end of the catalog" },
  { "newer-version", NULL, "{\"format\":\"pressreader-catalog\",\"version\":2,\"releases\":[]}",
    PR_CATALOG_ERROR_VERSION, 0, 0, "a newer PressReader is needed" },
  { "not-a-catalog", NULL, "[1, 2, 3]", PR_CATALOG_ERROR_FORMAT, 0, 0, "expected a JSON object" },
  { "empty", NULL, "", PR_CATALOG_ERROR_SYNTAX, 0, 0, "empty catalog" },
};

static void
test_catalog_row (gconstpointer data)
{
  const CatalogRow *row = data;
  g_autoptr(GString) input = row->make != NULL ? row->make () : g_string_new (row->contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) releases = pr_catalog_read_data (input->str, input->len, &skipped, &error);
  const char *message = NULL;

  g_test_message ("%s: %.2f s", row->test, g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, time_limit (30));
  if (row->error >= 0)
    {
      g_assert_error (error, PR_CATALOG_ERROR, row->error);
      g_assert_null (releases);
      message = error->message;
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (releases->len, ==, row->make == make_c_many ? big (100000) : row->n_read);
      g_assert_cmpuint (skipped != NULL ? skipped->len : 0, ==, row->n_skipped);
      if (skipped != NULL)
        message = ((GError *) g_ptr_array_index (skipped, 0))->message;
    }
  if (message != NULL)
    g_test_message ("message: %s", message);
  if (row->message != NULL)
    g_assert_nonnull (strstr (message, row->message));
  g_assert_true (message == NULL || g_utf8_validate (message, -1, NULL));
}

/* A catalog larger than the limit is refused before it is read. */
static void
test_catalog_300mb_file (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  FILE *f = fopen (path, "w");

  /* Sparse: the size is what counts. */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), (off_t) 300 * MB), ==, 0);
  fclose (f);
  releases = pr_catalog_read_file (file, NULL, NULL, &error);
  g_assert_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_TOO_LARGE);
  g_assert_null (releases);
  test_remove_tree (dir);
}

/* ---- Search queries ------------------------------------------------------ */

static void
test_query_deep (void)
{
  g_autoptr(GString) deep = nested ("", "(", "x", ")", "", 300000);
  g_autoptr(GString) deep_or = nested ("", "(a OR ", "x", ")", "", 40);
  g_autoptr(PrQuery) query = pr_query_new (deep->str);
  g_autoptr(PrQuery) query_or = pr_query_new (deep_or->str);
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) found = NULL;

  /* Too deep for the stack or for FTS5: searched as plain words. */
  g_assert_true (pr_query_get_fell_back (query));
  g_assert_true (pr_query_get_fell_back (query_or));
  g_assert_no_error (error);
  found = pr_store_search (store, query_or, PR_FILTER_ALL, PR_SORT_RELEVANCE, 0, 10, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A pasted page of text as a query: thousands of words, ANDed or ORed.
 * Only the first 32 terms are searched, with a warning, and searching
 * stays quick (before the cap, 5,000 words took 0.5 s and 250 MB, 1,000
 * ORed ones 10 s, on 100,000 releases). */
static void
test_query_thousands (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  GString *and_text = g_string_new (NULL);
  GString *or_text = g_string_new (NULL);

  g_assert_no_error (error);
  g_ptr_array_add (releases, pr_parse_text (GOOD_1, strlen (GOOD_1), "good-1.txt", &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (and_text, "%s%s%u", i > 0 ? " " : "", i % 3 ? "body" : "word", i);
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (or_text, "%sterm%u*", i > 0 ? " OR " : "", i);

  for (guint t = 0; t < 2; t++)
    {
      const char *text = t == 0 ? and_text->str : or_text->str;
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(PrQuery) query = pr_query_new (text);
      g_autoptr(GPtrArray) found = NULL;
      const char * const *warnings = pr_query_get_warnings (query);
      gint64 count;

      g_assert_cmpuint (g_strv_length ((char **) pr_query_get_terms (query)), ==, 32);
      g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
      g_assert_true (g_str_has_prefix (warnings[0], "More than 32 terms: only the first 32 were searched; "));
      g_assert_nonnull (strstr (warnings[0], t == 0 ? "and 19967 more left out" : "and 4967 more left out"));
      count = pr_store_count (store, query, PR_FILTER_ALL, &error);
      g_assert_no_error (error);
      found = pr_store_search (store, query, PR_FILTER_ALL, PR_SORT_RELEVANCE, 0, 20, &error);
      g_assert_no_error (error);
      g_assert_cmpint (count, ==, found->len);
      g_test_message ("%s: %" G_GINT64_FORMAT " found in %.3f s", t == 0 ? "and" : "or", count,
                      g_timer_elapsed (timer, NULL));
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, time_limit (1.0));
    }

  g_string_free (and_text, TRUE);
  g_string_free (or_text, TRUE);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* ---- The library file ---------------------------------------------------- */

/* A library with one release, closed. */
static char *
make_library (const char *dir)
{
  char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  g_ptr_array_add (releases, pr_parse_text (GOOD_1, strlen (GOOD_1), "good-1.txt", &error));
  g_assert_no_error (error);
  pr_store_add_releases (store, releases, NULL, &error);
  g_assert_no_error (error);
  return path;
}

/* The user's bytes are never deleted: still at @path, or moved aside. */
static void
assert_kept (const char *dir,
             const char *path,
             GBytes     *before)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (path);
  const char *name;
  gboolean kept = FALSE;

  while ((name = g_dir_read_name (folder)) != NULL && !kept)
    if (g_str_equal (name, base) || g_str_has_prefix (name, "library.db.damaged"))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_autofree char *data = NULL;
        gsize length = 0;

        if (g_file_get_contents (file, &data, &length, NULL) &&
            length == g_bytes_get_size (before) &&
            memcmp (data, g_bytes_get_data (before, NULL), length) == 0)
          kept = TRUE;
      }
  g_assert_true (kept);
}

/* Opens the damaged library at @path: it is moved aside beside it, every
 * byte kept, with the reason; a new library works in its place. */
static void
open_damaged (const char *dir,
              const char *path,
              const char *reason)
{
  g_autoptr(GBytes) before = test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (path, NULL, &error);
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GBytes) moved = NULL;
  g_autofree char *prefix = g_strconcat (path, ".damaged-", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_test_message ("moved to %s: %s", pr_store_get_moved_aside_path (store), pr_store_get_damage (store));
  g_assert_nonnull (pr_store_get_moved_aside_path (store));
  g_assert_true (g_str_has_prefix (pr_store_get_moved_aside_path (store), prefix));
  g_assert_nonnull (strstr (pr_store_get_damage (store), reason));
  moved = test_read_bytes (pr_store_get_moved_aside_path (store));
  g_assert_true (g_bytes_equal (before, moved));

  /* A new library in its place: empty, and it works. */
  found = pr_store_search (store, NULL, PR_FILTER_ALL, PR_SORT_DATE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_add (releases, pr_parse_text (GOOD_2, strlen (GOOD_2), "good-2.txt", &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, &error), ==, 1);
  g_clear_object (&store);
  assert_kept (dir, path, before);
}

static void
test_library_not_database (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);

  write_bytes (path, "This is not a database, but someone's notes.\n", 45);
  open_damaged (dir, path, "not a database");
  test_remove_tree (dir);
}

static void
test_library_truncated (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = make_library (dir);
  g_autoptr(GBytes) whole = test_read_bytes (path);

  /* The first half of the file, as a full disk or a bad copy leaves it. */
  write_bytes (path, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) / 2);
  open_damaged (dir, path, "malformed");
  test_remove_tree (dir);
}

/* A page in the middle overwritten (a disk error, another program). */
static void
test_library_damaged_page (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = make_library (dir);
  g_autoptr(GBytes) whole = test_read_bytes (path);
  g_autofree char *data = g_memdup2 (g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
  /* The page size, from the header (big-endian at offset 16; 1 is 64 KB). */
  gsize page_size = ((guchar) data[16] << 8) | (guchar) data[17];
  gsize pages;

  if (page_size == 1)
    page_size = 65536;
  pages = g_bytes_get_size (whole) / page_size;
  g_assert_cmpuint (pages, >, 4);
  /* A page of the releases' text, all 0xa5: no b-tree page looks so. */
  memset (data + (pages / 2) * page_size, 0xa5, page_size);
  write_bytes (path, data, g_bytes_get_size (whole));
  open_damaged (dir, path, "Page");
  test_remove_tree (dir);
}

/* Damaged, in a folder it cannot be moved out of: refused with a message
 * naming it, and left as it is. As nobody in a subprocess. */
static void
test_library_damaged_read_only (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GBytes) before = NULL;

  if (getuid () == 0 && !can_drop_to_nobody ())
    {
      g_test_skip ("running as root and cannot become nobody");
      test_remove_tree (dir);
      return;
    }
  write_bytes (path, "This is not a database, but someone's notes.\n", 45);
  before = test_read_bytes (path);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("HOSTILE_LIBRARY_DIR", dir, TRUE);
  g_test_trap_subprocess ("/hostile/library/damaged-read-only/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("HOSTILE_LIBRARY_DIR");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("The library *library.db* is damaged (file is not a database) and could not "
                             "be moved aside (Permission denied); it was left as it is\n");

  g_chmod (dir, 0755);
  {
    g_autoptr(GBytes) after = test_read_bytes (path);

    g_assert_true (g_bytes_equal (before, after));
  }
  test_remove_tree (dir);
}

static void
test_library_damaged_read_only_subprocess (void)
{
  const char *dir = g_getenv ("HOSTILE_LIBRARY_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;

  if (!g_test_subprocess () || dir == NULL)
    return;
  if (getuid () == 0)
    become_nobody (NULL);
  path = g_build_filename (dir, "library.db", NULL);
  store = pr_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  g_print ("%s\n", error->message);
}

/* Another program's SQLite database where the library should be: refused
 * with a message naming it, untouched. */
static void
test_library_other_program (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = test_read_bytes (path);

  store = pr_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_LIBRARY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "another program"));
  {
    g_autoptr(GBytes) after = test_read_bytes (path);

    g_assert_true (g_bytes_equal (before, after));
  }
  test_remove_tree (dir);
}

static void
test_library_newer (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = make_library (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = test_read_bytes (path);

  store = pr_store_open (path, NULL, &error);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of PressReader"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "library version 99"));
  g_assert_null (store);
  /* Refused, untouched. */
  {
    g_autoptr(GBytes) after = test_read_bytes (path);
    g_assert_true (g_bytes_equal (before, after));
  }
  test_remove_tree (dir);
}

/* As nobody, in a subprocess: root writes through any mode bits. */
static void
test_library_read_only (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = make_library (dir);
  g_autoptr(GBytes) before = test_read_bytes (path);

  if (getuid () == 0 && !can_drop_to_nobody ())
    {
      g_test_skip ("running as root and cannot become nobody");
      test_remove_tree (dir);
      return;
    }
  /* The file and its folder read-only: no journal can be made either. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  /* 2.74 has no g_test_trap_subprocess_with_envp(). */
  g_setenv ("HOSTILE_LIBRARY_DIR", dir, TRUE);
  g_test_trap_subprocess ("/hostile/library/read-only/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("HOSTILE_LIBRARY_DIR");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("library.db: The library *library.db* cannot be written (attempt to write a "
                             "readonly database): *; it was left untouched\n");

  g_chmod (dir, 0755);
  assert_kept (dir, path, before);
  test_remove_tree (dir);
}

static void
test_library_read_only_subprocess (void)
{
  const char *dir = g_getenv ("HOSTILE_LIBRARY_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);

  /* Only as the child of read-only: it gives up root for good. */
  if (!g_test_subprocess () || dir == NULL)
    return;
  if (getuid () == 0)
    become_nobody (NULL);
  path = g_build_filename (dir, "library.db", NULL);
  store = pr_store_open (path, NULL, &error);
  if (store == NULL)
    {
      /* Refused with a message. */
      g_print ("library.db: %s\n", error->message);
      g_assert_true (error->domain == PR_STORE_ERROR);
      return;
    }
  /* Opened for reading: a write fails with a message, not a crash. */
  g_ptr_array_add (releases, pr_parse_text (GOOD_2, strlen (GOOD_2), "good-2.txt", NULL));
  g_assert_false (pr_store_add_releases (store, releases, NULL, &error));
  g_print ("library.db: %s\n", error->message);
}

typedef struct {
  char *path;
  GMutex lock;
  GCond cond;
  gboolean held;
} Locker;

/* Another connection holds the write lock for a second. */
static gpointer
hold_lock (gpointer data)
{
  Locker *locker = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (locker->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE releases SET id = id", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_mutex_lock (&locker->lock);
  locker->held = TRUE;
  g_cond_signal (&locker->cond);
  g_mutex_unlock (&locker->lock);
  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

static void
test_library_locked (void)
{
  g_autofree char *dir = make_folder ();
  Locker locker = { make_library (dir), };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimer) timer = NULL;
  GThread *thread;

  g_mutex_init (&locker.lock);
  g_cond_init (&locker.cond);
  thread = g_thread_new ("locker", hold_lock, &locker);
  g_mutex_lock (&locker.lock);
  while (!locker.held)
    g_cond_wait (&locker.cond, &locker.lock);
  g_mutex_unlock (&locker.lock);

  /* Opens and reads while locked; the write waits for the lock. */
  timer = g_timer_new ();
  store = pr_store_open (locker.path, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (releases, pr_parse_text (GOOD_2, strlen (GOOD_2), "good-2.txt", &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("written after %.2f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, &error), ==, 2);

  g_thread_join (thread);
  g_clear_object (&store);
  g_mutex_clear (&locker.lock);
  g_cond_clear (&locker.cond);
  g_free (locker.path);
  test_remove_tree (dir);
}

/* Another program holds the library in SQLite's exclusive locking mode
 * for longer than the store waits (15 s): a message naming the file, and
 * the file left alone. */
static gpointer
hold_exclusive (gpointer data)
{
  Locker *locker = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (locker->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; UPDATE releases SET bookmarked = bookmarked",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_mutex_lock (&locker->lock);
  locker->held = TRUE;
  g_cond_signal (&locker->cond);
  while (locker->held)
    g_cond_wait (&locker->cond, &locker->lock);
  g_mutex_unlock (&locker->lock);
  sqlite3_close (db);
  return NULL;
}

static void
test_library_locked_exclusive (void)
{
  g_autofree char *dir = make_folder ();
  Locker locker = { make_library (dir), };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GThread *thread;

  g_mutex_init (&locker.lock);
  g_cond_init (&locker.cond);
  thread = g_thread_new ("locker", hold_exclusive, &locker);
  g_mutex_lock (&locker.lock);
  while (!locker.held)
    g_cond_wait (&locker.cond, &locker.lock);
  g_mutex_unlock (&locker.lock);

  before = test_read_bytes (locker.path);
  store = pr_store_open (locker.path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, locker.path));
  g_assert_nonnull (strstr (error->message, "in use by another program (database is locked)"));
  after = test_read_bytes (locker.path);
  g_assert_true (g_bytes_equal (before, after));

  g_mutex_lock (&locker.lock);
  locker.held = FALSE;
  g_cond_signal (&locker.cond);
  g_mutex_unlock (&locker.lock);
  g_thread_join (thread);

  /* Free again: it opens, nothing was moved. */
  g_clear_error (&error);
  store = pr_store_open (locker.path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pr_store_get_moved_aside_path (store));
  g_assert_cmpint (pr_store_count (store, NULL, PR_FILTER_ALL, &error), ==, 1);
  g_clear_object (&store);

  g_mutex_clear (&locker.lock);
  g_cond_clear (&locker.cond);
  g_free (locker.path);
  test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  guint rows = 0;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (file_rows); i++, rows++)
    {
      g_autofree char *name = g_strconcat ("/hostile/file/", file_rows[i].test, NULL);
      g_test_add_data_func (name, &file_rows[i], test_file_row);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parser_rows); i++, rows++)
    {
      g_autofree char *name = g_strconcat ("/hostile/parser/", parser_rows[i].test, NULL);
      g_test_add_data_func (name, &parser_rows[i], test_parser_row);
    }
  for (guint i = 0; i < G_N_ELEMENTS (catalog_rows); i++, rows++)
    {
      g_autofree char *name = g_strconcat ("/hostile/catalog/", catalog_rows[i].test, NULL);
      g_test_add_data_func (name, &catalog_rows[i], test_catalog_row);
    }
  g_test_add_func ("/hostile/catalog/300mb-file", test_catalog_300mb_file);
  g_test_add_func ("/hostile/query/deep", test_query_deep);
  g_test_add_func ("/hostile/query/thousands-of-words", test_query_thousands);
  g_test_add_func ("/hostile/library/not-a-database", test_library_not_database);
  g_test_add_func ("/hostile/library/truncated", test_library_truncated);
  g_test_add_func ("/hostile/library/damaged-page", test_library_damaged_page);
  g_test_add_func ("/hostile/library/damaged-read-only", test_library_damaged_read_only);
  g_test_add_func ("/hostile/library/damaged-read-only/subprocess",
                   test_library_damaged_read_only_subprocess);
  g_test_add_func ("/hostile/library/other-program", test_library_other_program);
  g_test_add_func ("/hostile/library/newer-schema", test_library_newer);
  g_test_add_func ("/hostile/library/read-only", test_library_read_only);
  g_test_add_func ("/hostile/library/read-only/subprocess", test_library_read_only_subprocess);
  g_test_add_func ("/hostile/library/locked", test_library_locked);
  g_test_add_func ("/hostile/library/locked-exclusive", test_library_locked_exclusive);
  rows += 12;
  g_test_message ("%u hostile inputs", rows);

  return g_test_run ();
}
