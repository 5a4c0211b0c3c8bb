/* pr-test-utils.c: helpers for tests of any layer (GLib and the core) */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pr-test-utils.h"

/* ---- releases -------------------------------------------------------- */

PrRelease *
test_release (const char *title,
              const char *date,
              const char *source,
              const char *body,
              const char *origin)
{
  PrRelease *release = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_auto(GStrv) paragraphs = g_strsplit (body != NULL ? body : "", "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    if (*paragraphs[i] != '\0')
      g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, paragraphs[i]));

  pr_release_set_field (release, PR_FIELD_TITLE, title);
  pr_release_set_field (release, PR_FIELD_DATE, date);
  pr_release_set_field (release, PR_FIELD_SOURCE, source);
  pr_release_set_field (release, PR_FIELD_LANGUAGE, "en");
  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
  pr_release_set_blocks (release, blocks);
  return release;
}

static gpointer
test_ref_copy (gconstpointer object,
               gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

void
test_release_add_entity (PrRelease    *release,
                         PrEntityKind  kind,
                         const char   *name,
                         const char   *detail)
{
  GPtrArray *current = kind == PR_ENTITY_ORGANIZATION
    ? pr_release_get_organizations (release) : pr_release_get_people (release);
  g_autoptr(GPtrArray) entities = g_ptr_array_copy (current, test_ref_copy, NULL);

  g_ptr_array_set_free_func (entities, g_object_unref);
  g_ptr_array_add (entities, pr_entity_new (kind, name, detail));
  if (kind == PR_ENTITY_ORGANIZATION)
    pr_release_set_organizations (release, entities);
  else
    pr_release_set_people (release, entities);
}

/* ---- files and folders ----------------------------------------------- */

void
test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      /* A test may have taken the folder's permissions away. */
      g_chmod (path, 0755);
      if ((dir = g_dir_open (path, 0, NULL)) != NULL)
        {
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);

              test_remove_tree (child);
            }
          g_dir_close (dir);
        }
    }
  g_remove (path);
}

char *
test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pressreader-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_tmpdir_free (char *dir)
{
  test_remove_tree (dir);
  g_free (dir);
}

void
test_write_file (const char *dir,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

GBytes *
test_read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

gint64
test_peak_kb (gboolean reset)
{
  g_autofree char *status = NULL;
  const char *line;

  if (reset)
    {
      FILE *f = g_fopen ("/proc/self/clear_refs", "w");

      if (f == NULL)
        return -1;
      if (fputs ("5", f) < 0)
        {
          fclose (f);
          return -1;
        }
      if (fclose (f) != 0)
        return -1;
    }
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

char *
test_invented_names (guint i)
{
  static const char *syllables[] = { "ka", "lo", "mi", "ten", "dor", "vel", "sa", "ru",
                                     "bin", "fe", "go", "har", "li", "mon", "pe", "quin" };
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < 40; n++)
    {
      /* splitmix64's finaliser: every name of every release its own. */
      guint64 h = ((guint64) i * 40 + n + 1) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

      h = (h ^ (h >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
      h = (h ^ (h >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
      h ^= h >> 31;
      if (n > 0)
        g_string_append (out, ", ");
      for (guint k = 0; k < 5; k++)
        g_string_append (out, syllables[(h >> (4 * k)) & 15]);
    }
  return g_string_free (out, FALSE);
}
