/* small-disk.h: a small filesystem for the tests of a disk that fills */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh 6 MB tmpfs mounted at a new folder (as root), or NULL with the
 * reason in @why (mounting not permitted here). */
char *small_disk_mount          (char       **why);
/* Remounts it with room to spare (256 MB). */
void  small_disk_grow           (const char  *dir);
/* Detaches it at once and removes the folder. */
void  small_disk_unmount        (char        *dir);
/* Release @i's text: a headline, a PR Newswire dateline and about 6 KB of
 * words of its own. */
char *small_disk_release_text   (guint        i);

G_END_DECLS
