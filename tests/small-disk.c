/* small-disk.c: a small filesystem for the tests of a disk that fills */
#include <errno.h>
#include <sys/mount.h>

#include "pr-test-utils.h"
#include "small-disk.h"

#define SMALL_DISK "size=6m"
#define ROOMY_DISK "size=256m"

/* A fresh tmpfs at a new folder, or NULL (the reason in @why). */
char *
small_disk_mount (char **why)
{
  char *dir = test_tmpdir ();

  if (mount ("tmpfs", dir, "tmpfs", 0, SMALL_DISK) != 0)
    {
      *why = g_strdup_printf ("cannot mount a small tmpfs here (%s): run as root where mounting is "
                              "permitted", g_strerror (errno));
      test_tmpdir_free (dir);
      return NULL;
    }
  return dir;
}

void
small_disk_grow (const char *dir)
{
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT, ROOMY_DISK), ==, 0);
}

/* Detached at once: files still open (a store a test still holds) keep
 * it until they close. */
void
small_disk_unmount (char *dir)
{
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  test_tmpdir_free (dir);
}

/* Release @i's text: about 6 KB of words of its own. */
char *
small_disk_release_text (guint i)
{
  static const char *words[] = { "turbine", "harbor", "clinic", "orchard", "battery", "ledger",
                                 "quarry", "meadow", "foundry", "lantern", "granary", "beacon" };
  g_autoptr(GString) text = g_string_new (NULL);
  guint32 seed = i * 2654435761u + 1;

  g_string_append_printf (text, "Fictional Works Number %u Opens\n\n", i);
  g_string_append_printf (text, "SPRINGFIELD, March 4, 2025 /PRNewswire/ -- Fictional Works Number %u "
                          "announced today", i);
  for (guint w = 0; w < 900; w++)
    {
      seed = seed * 1103515245u + 12345u;
      g_string_append_printf (text, " %s%u", words[(seed >> 16) % G_N_ELEMENTS (words)], (seed >> 8) % 97);
      if (w % 60 == 59)
        g_string_append (text, ".\n\n");
    }
  g_string_append (text, ".\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
