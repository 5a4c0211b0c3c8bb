/* pr-walk.c: walking files and folders for the releases and catalogs in them */
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pr-reader.h"
#include "pr-walk.h"

G_DEFINE_QUARK (pr-walk-error-quark, pr_walk_error)

typedef struct {
  dev_t dev;
  ino_t ino;
} FileId;

static guint
file_id_hash (gconstpointer key)
{
  const FileId *id = key;

  return g_int64_hash (&(gint64) { (gint64) id->ino }) ^ (guint) id->dev;
}

static gboolean
file_id_equal (gconstpointer a,
               gconstpointer b)
{
  const FileId *x = a, *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

typedef struct {
  GCancellable *cancellable;
  PrWalkFunc found;
  PrWalkFailFunc failed;
  gpointer user_data;
  GHashTable *seen;       /* FileId: files and folders */
  GArray *ancestors;      /* FileId: the folders being walked */
} Walk;

static void
fail (Walk       *walk,
      const char *path,
      GQuark      domain,
      int         code,
      const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (domain, code, message);

  walk->failed (path, error, walk->user_data);
}

/* Files that may hold many releases: read whole, not one per file. */
static gboolean
is_many_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".json") == 0 ||
                         g_ascii_strcasecmp (dot, ".mbox") == 0 ||
                         g_ascii_strcasecmp (dot, ".xml") == 0);
}

static gboolean
seen_before (Walk      *walk,
             GStatBuf  *st)
{
  FileId id = { st->st_dev, st->st_ino };

  if (g_hash_table_contains (walk->seen, &id))
    return TRUE;
  g_hash_table_add (walk->seen, g_memdup2 (&id, sizeof id));
  return FALSE;
}

static void walk_folder (Walk *walk, const char *path, GStatBuf *st);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* @given: an input, rather than found in a folder. */
static void
walk_path (Walk       *walk,
           const char *path,
           gboolean    given)
{
  GStatBuf st;
  g_autofree char *name = g_path_get_basename (path);

  if (g_cancellable_is_cancelled (walk->cancellable))
    return;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      GStatBuf lst;

      /* A link to itself fails with ELOOP, not as a broken link. */
      if (saved_errno == ENOENT && g_lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode))
        /* Translators: why a file was not read: it is a link to a
         * file that no longer exists. */
        fail (walk, path, PR_WALK_ERROR, PR_WALK_ERROR_BROKEN_LINK, _("broken symbolic link"));
      else
        fail (walk, path, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
      return;
    }

  if (S_ISDIR (st.st_mode))
    {
      walk_folder (walk, path, &st);
      return;
    }

  if (!S_ISREG (st.st_mode))
    {
      /* Devices, pipes and sockets found in folders are skipped quietly. */
      if (given)
        /* Translators: why a file was not read: it is a device, a pipe
         * or a socket. */
        fail (walk, path, PR_WALK_ERROR, PR_WALK_ERROR_NOT_REGULAR, _("not a regular file or folder"));
      return;
    }

  if (!given && !pr_reader_is_release_name (name))
    return;
  if (seen_before (walk, &st))
    return;

  walk->found (path, is_many_name (name) ? PR_WALK_CATALOG : PR_WALK_RELEASE, walk->user_data);
}

static void
walk_folder (Walk       *walk,
             const char *path,
             GStatBuf   *st)
{
  FileId id = { st->st_dev, st->st_ino };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GDir *dir;
  const char *name;

  /* A symbolic link back to a folder being walked would never end. Its
   * folder is walked already: only this way into it is skipped. */
  for (guint i = 0; i < walk->ancestors->len; i++)
    if (file_id_equal (&g_array_index (walk->ancestors, FileId, i), &id))
      {
        fail (walk, path, PR_WALK_ERROR, PR_WALK_ERROR_LOOP,
              /* Translators: why a folder was not read: it is a link
               * back to a folder that contains it. */
              _("skipped, a link back to a folder that contains it"));
        return;
      }
  if (seen_before (walk, st))
    return;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      walk->failed (path, error, walk->user_data);
      return;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);

  /* Byte order, not the locale's, so that the order is the same everywhere. */
  g_ptr_array_sort (names, compare_names);

  g_array_append_val (walk->ancestors, id);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      walk_path (walk, child, FALSE);
    }
  g_array_set_size (walk->ancestors, walk->ancestors->len - 1);
}

void
pr_walk_paths (const char * const *inputs,
               GCancellable       *cancellable,
               PrWalkFunc          found,
               PrWalkFailFunc      failed,
               gpointer            user_data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (file_id_hash, file_id_equal, g_free, NULL);
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (FileId));
  Walk walk = { cancellable, found, failed, user_data, seen, ancestors };

  g_return_if_fail (inputs != NULL);
  g_return_if_fail (found != NULL && failed != NULL);

  for (guint i = 0; inputs[i] != NULL; i++)
    walk_path (&walk, inputs[i], TRUE);
}
