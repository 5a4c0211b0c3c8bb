/* library-test.h: helpers shared by the library tests (test-store.c,
 * test-query.c, test-import.c, test-release-list.c) */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "pr-core.h"
#include "pr-query.h"
#include "pr-store.h"

/* A release built by hand: the parser is tested elsewhere. */
static G_GNUC_UNUSED PrRelease *
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

static G_GNUC_UNUSED gpointer
test_ref_copy (gconstpointer object,
               gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

static G_GNUC_UNUSED void
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

static G_GNUC_UNUSED void
test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

/* A temporary folder, removed by test_tmpdir_free(). */
static G_GNUC_UNUSED char *
test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pressreader-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static G_GNUC_UNUSED void
test_tmpdir_free (char *dir)
{
  test_remove_tree (dir);
  g_free (dir);
}

static G_GNUC_UNUSED PrStore *
test_store_open (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  PrStore *store = pr_store_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static G_GNUC_UNUSED gint64
test_count (PrStore    *store,
            const char *text)
{
  g_autoptr(PrQuery) query = pr_query_new (text);
  g_autoptr(GError) error = NULL;
  gint64 count = pr_store_count (store, query, PR_FILTER_ALL, &error);

  g_assert_no_error (error);
  return count;
}

static G_GNUC_UNUSED void
test_add (PrStore   *store,
          PrRelease *release)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (releases, release);
  g_assert_true (pr_store_add_releases (store, releases, NULL, &error));
  g_assert_no_error (error);
}

static G_GNUC_UNUSED void
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
