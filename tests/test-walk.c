/* test-walk.c: the folder walker's rules (src/core/pr-walk.h), on folders
 * built in a temporary folder */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-test-utils.h"
#include "pr-walk.h"

/* What a walk met, as "KIND PATH" lines, PATH relative to the folder the
 * test built: "release a.txt", "catalog c.json", "loop sub/up",
 * "broken gone.txt", "not-regular pipe", "file-error missing". */
typedef struct {
  const char *root;
  GPtrArray *lines;
} Record;

static const char *
relative (Record     *record,
          const char *path)
{
  gsize length = strlen (record->root);

  g_assert_true (strncmp (path, record->root, length) == 0);
  return path[length] == '/' ? path + length + 1 : path + length;
}

static void
on_found (const char *path,
          PrWalkKind  kind,
          gpointer    user_data)
{
  Record *record = user_data;

  g_ptr_array_add (record->lines, g_strdup_printf ("%s %s", kind == PR_WALK_CATALOG ? "catalog" : "release",
                                                   relative (record, path)));
}

static void
on_failed (const char   *path,
           const GError *error,
           gpointer      user_data)
{
  Record *record = user_data;
  const char *kind = "file-error";

  g_assert_nonnull (error->message);
  if (g_error_matches (error, PR_WALK_ERROR, PR_WALK_ERROR_LOOP))
    kind = "loop";
  else if (g_error_matches (error, PR_WALK_ERROR, PR_WALK_ERROR_BROKEN_LINK))
    kind = "broken";
  else if (g_error_matches (error, PR_WALK_ERROR, PR_WALK_ERROR_NOT_REGULAR))
    kind = "not-regular";
  else
    g_assert_true (error->domain == G_FILE_ERROR);
  g_ptr_array_add (record->lines, g_strdup_printf ("%s %s", kind, relative (record, path)));
}

/* Walks @inputs (names under @root, NULL-terminated) and returns the
 * lines, joined with "\n" for one readable comparison. */
static char *
walk (const char    *root,
      GCancellable  *cancellable,
      const char    *first,
      ...)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_null_terminated (16, g_free, TRUE);
  Record record = { root, lines };
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (inputs, *name != '\0' ? g_build_filename (root, name, NULL) : g_strdup (root));
  va_end (args);

  pr_walk_paths ((const char * const *) inputs->pdata, cancellable, on_found, on_failed, &record);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
make_link (const char *root,
           const char *target,
           const char *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* Which names in a folder are read, and as what. */
static void
test_names (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autofree char *pipe = g_build_filename (root, "pipe.txt", NULL);
  g_autofree char *found = NULL;

  test_write_file (root, "a.txt", "a.txt", -1);
  test_write_file (root, "b.TEXT", "b.TEXT", -1);
  test_write_file (root, "c.Json", "c.Json", -1);
  test_write_file (root, "noext", "noext", -1);
  test_write_file (root, "README.md", "README.md", -1);
  test_write_file (root, "image.png", "image.png", -1);
  test_write_file (root, "archive.txt.gz", "archive.txt.gz", -1);
  test_write_file (root, ".hidden.txt", ".hidden.txt", -1);
  test_write_file (root, ".hidden-folder/inside.txt", ".hidden-folder/inside.txt", -1);
  test_write_file (root, "sub/d.txt", "sub/d.txt", -1);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  found = walk (root, NULL, "", NULL);
  g_assert_cmpstr (found, ==,
                   "release a.txt\n"
                   "release b.TEXT\n"
                   "catalog c.Json\n"
                   "release noext\n"
                   "release sub/d.txt");
  test_remove_tree (root);
}

/* Names sort by their bytes, not by the locale: upper case first, "é"
 * last; and name by name, so the folder "a" comes before "a-b.txt"
 * (a sort of whole paths would put "a/z.txt" after "a.txt"). */
static void
test_byte_order (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autofree char *found = NULL;

  test_write_file (root, "b.txt", "b.txt", -1);
  test_write_file (root, "a.txt", "a.txt", -1);
  test_write_file (root, "B.txt", "B.txt", -1);
  test_write_file (root, "a-b.txt", "a-b.txt", -1);
  test_write_file (root, "a/z.txt", "a/z.txt", -1);
  test_write_file (root, "\xc3\xa9.txt", "\xc3\xa9.txt", -1);
  test_write_file (root, "Z.txt", "Z.txt", -1);

  found = walk (root, NULL, "", NULL);
  g_assert_cmpstr (found, ==,
                   "release B.txt\n"
                   "release Z.txt\n"
                   "release a/z.txt\n"
                   "release a-b.txt\n"
                   "release a.txt\n"
                   "release b.txt\n"
                   "release \xc3\xa9.txt");
  test_remove_tree (root);
}

/* Links are followed; what they lead to is taken once, the first way in
 * name order; a link back up is reported once, a link to nothing as
 * broken. */
static void
test_links (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autofree char *found = NULL;

  test_write_file (root, "tree/a.txt", "tree/a.txt", -1);
  test_write_file (root, "tree/sub/b.txt", "tree/sub/b.txt", -1);
  make_link (root, "..", "tree/sub/up");        /* back to tree */
  make_link (root, "sub", "tree/zz-alias");      /* sub again: skipped quietly */
  make_link (root, "a.txt", "tree/same.txt");    /* a.txt again */
  make_link (root, "nowhere.txt", "tree/gone.txt");
  make_link (root, "self.txt", "tree/self.txt"); /* too many levels */
  make_link (root, "../tree/sub", "tree/0-first");  /* the first way into sub/ */

  /* sub/ and its loop are met once, through 0-first; not again as sub
   * or zz-alias. */
  found = walk (root, NULL, "tree", NULL);
  g_assert_cmpstr (found, ==,
                   "release tree/0-first/b.txt\n"
                   "loop tree/0-first/up\n"
                   "release tree/a.txt\n"
                   "broken tree/gone.txt\n"
                   "file-error tree/self.txt");
  g_clear_pointer (&found, g_free);

  /* The same folder given twice, through a link, and a file in it:
   * walked once, its loop reported once. */
  test_write_file (root, "other/x.txt", "other/x.txt", -1);
  make_link (root, ".", "other/loop");
  make_link (root, "other", "other-link");
  found = walk (root, NULL, "other", "other", "other-link", "other/x.txt", NULL);
  g_assert_cmpstr (found, ==,
                   "loop other/loop\n"
                   "release other/x.txt");
  test_remove_tree (root);
}

/* A path given is read whatever its name; what is not a file or folder,
 * or not there, is reported. */
static void
test_given (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autofree char *pipe = g_build_filename (root, "pipe", NULL);
  g_autofree char *found = NULL;

  test_write_file (root, "README.md", "README.md", -1);
  test_write_file (root, ".hidden", ".hidden", -1);
  test_write_file (root, "list.JSON", "list.JSON", -1);
  test_write_file (root, "folder/c.txt", "folder/c.txt", -1);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  found = walk (root, NULL, "README.md", ".hidden", "list.JSON", "pipe", "missing.txt",
                "folder/c.txt", "folder", "README.md", NULL);
  g_assert_cmpstr (found, ==,
                   "release README.md\n"
                   "release .hidden\n"
                   "catalog list.JSON\n"
                   "not-regular pipe\n"
                   "file-error missing.txt\n"
                   "release folder/c.txt");
  test_remove_tree (root);
}

/* A folder that cannot be read is reported; the walk goes on. */
static void
test_unreadable (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autofree char *locked = g_build_filename (root, "locked", NULL);
  g_autofree char *found = NULL;

  test_write_file (root, "locked/inside.txt", "locked/inside.txt", -1);
  test_write_file (root, "open.txt", "open.txt", -1);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  if (access (locked, R_OK) == 0)
    g_test_skip ("running as root: a mode 000 folder is readable");
  else
    {
      found = walk (root, NULL, "", NULL);
      g_assert_cmpstr (found, ==,
                       "file-error locked\n"
                       "release open.txt");
    }
  test_remove_tree (root);
}

static void
test_cancelled (void)
{
  g_autofree char *root = test_tmpdir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *found = NULL;

  test_write_file (root, "a.txt", "a.txt", -1);
  g_cancellable_cancel (cancellable);
  found = walk (root, cancellable, "", "a.txt", NULL);
  g_assert_cmpstr (found, ==, "");
  test_remove_tree (root);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/walk/names", test_names);
  g_test_add_func ("/core/walk/byte-order", test_byte_order);
  g_test_add_func ("/core/walk/links", test_links);
  g_test_add_func ("/core/walk/given", test_given);
  g_test_add_func ("/core/walk/unreadable", test_unreadable);
  g_test_add_func ("/core/walk/cancelled", test_cancelled);

  return g_test_run ();
}
