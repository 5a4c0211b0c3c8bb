/* pr-watch-list.h: the watches, their unread counts and actions */
#pragma once

#include <adwaita.h>

#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_WATCH_LIST (pr_watch_list_get_type ())
G_DECLARE_FINAL_TYPE (PrWatchList, pr_watch_list, PR, WATCH_LIST, GtkBox)

/* The watches of @store in their order, each with its unread count, read
 * in a worker and again after each change of the library. Choosing one
 * emits ::watch-activated (gint64 id, const char *name, const char
 * *query); each row's menu edits, moves or deletes it (with Undo, in the
 * nearest AdwToastOverlay). */
GtkWidget *pr_watch_list_new            (PrStore     *store);
void       pr_watch_list_reload         (PrWatchList *self);
guint      pr_watch_list_get_n_watches  (PrWatchList *self);

/* Called when the editor has saved @watch (with its id), or was closed
 * without saving (NULL). */
typedef void (*PrWatchSavedFunc) (const PrWatch *watch,
                                  gpointer       user_data);

/* The watch editor over @parent: a new watch when @watch's id is 0
 * (Save Search as Watch), else the watch's name, search and notify flag.
 * A refusal (a name in use, a search a watch cannot be) is shown in the
 * editor, opened again with what was typed. */
void       pr_watch_list_present_editor (GtkWindow        *parent,
                                         PrStore          *store,
                                         const PrWatch    *watch,
                                         PrWatchSavedFunc  saved,
                                         gpointer          user_data);

G_END_DECLS
