/* ninjs-export.c: prints the ninjs 2.0 export of release files on
 * stdout, for tests/check-ninjs.py (which the command line's
 * --export-ninjs will serve the same way)
 *
 * usage: ninjs-export FILE-OR-FOLDER...   (a folder: its *.txt files) */
#include <stdio.h>

#include "pr-core.h"
#include "pr-ninjs.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_path (GPtrArray  *releases,
          const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  PrRelease *release;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        add_path (releases, g_ptr_array_index (names, i));
      return;
    }

  file = g_file_new_for_path (path);
  release = pr_parse_file (file, NULL, &error);
  if (release == NULL)
    g_printerr ("%s: %s\n", path, error->message);
  else
    g_ptr_array_add (releases, release);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  gsize length = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    add_path (releases, argv[i]);
  json = pr_ninjs_write (releases, &length);
  return fwrite (json, 1, length, stdout) == length ? 0 : 1;
}
