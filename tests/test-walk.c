/* test-walk.c: the folder walker's rules (src/core/pr-walk.h), on folders
 * built in a temporary folder */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
make_file (const char *root,
           const char *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, name, -1, &error);
  g_assert_no_error (error);
}

static void
make_link (const char *root,
           const char *target,
           const char *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static char *
make_root (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("test-walk-XXXXXX", &error);

  g_assert_no_error (error);
  return root;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  const char *name;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

/* Which names in a folder are read, and as what. */
static void
test_names (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *pipe = g_build_filename (root, "pipe.txt", NULL);
  g_autofree char *found = NULL;

  make_file (root, "a.txt");
  make_file (root, "b.TEXT");
  make_file (root, "c.Json");
  make_file (root, "noext");
  make_file (root, "README.md");
  make_file (root, "image.png");
  make_file (root, "archive.txt.gz");
  make_file (root, ".hidden.txt");
  make_file (root, ".hidden-folder/inside.txt");
  make_file (root, "sub/d.txt");
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  found = walk (root, NULL, "", NULL);
  g_assert_cmpstr (found, ==,
                   "release a.txt\n"
                   "release b.TEXT\n"
                   "catalog c.Json\n"
                   "release noext\n"
                   "release sub/d.txt");
  remove_tree (root);
}

/* Names sort by their bytes, not by the locale: upper case first, "é"
 * last; and name by name, so the folder "a" comes before "a-b.txt"
 * (a sort of whole paths would put "a/z.txt" after "a.txt"). */
static void
test_byte_order (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *found = NULL;

  make_file (root, "b.txt");
  make_file (root, "a.txt");
  make_file (root, "B.txt");
  make_file (root, "a-b.txt");
  make_file (root, "a/z.txt");
  make_file (root, "\xc3\xa9.txt");
  make_file (root, "Z.txt");

  found = walk (root, NULL, "", NULL);
  g_assert_cmpstr (found, ==,
                   "release B.txt\n"
                   "release Z.txt\n"
                   "release a/z.txt\n"
                   "release a-b.txt\n"
                   "release a.txt\n"
                   "release b.txt\n"
                   "release \xc3\xa9.txt");
  remove_tree (root);
}

/* Links are followed; what they lead to is taken once, the first way in
 * name order; a link back up is reported once, a link to nothing as
 * broken. */
static void
test_links (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *found = NULL;

  make_file (root, "tree/a.txt");
  make_file (root, "tree/sub/b.txt");
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
  make_file (root, "other/x.txt");
  make_link (root, ".", "other/loop");
  make_link (root, "other", "other-link");
  found = walk (root, NULL, "other", "other", "other-link", "other/x.txt", NULL);
  g_assert_cmpstr (found, ==,
                   "loop other/loop\n"
                   "release other/x.txt");
  remove_tree (root);
}

/* A path given is read whatever its name; what is not a file or folder,
 * or not there, is reported. */
static void
test_given (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *pipe = g_build_filename (root, "pipe", NULL);
  g_autofree char *found = NULL;

  make_file (root, "README.md");
  make_file (root, ".hidden");
  make_file (root, "list.JSON");
  make_file (root, "folder/c.txt");
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
  remove_tree (root);
}

/* A folder that cannot be read is reported; the walk goes on. */
static void
test_unreadable (void)
{
  g_autofree char *root = make_root ();
  g_autofree char *locked = g_build_filename (root, "locked", NULL);
  g_autofree char *found = NULL;

  make_file (root, "locked/inside.txt");
  make_file (root, "open.txt");
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
  g_chmod (locked, 0700);
  remove_tree (root);
}

static void
test_cancelled (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *found = NULL;

  make_file (root, "a.txt");
  g_cancellable_cancel (cancellable);
  found = walk (root, cancellable, "", "a.txt", NULL);
  g_assert_cmpstr (found, ==, "");
  remove_tree (root);
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
