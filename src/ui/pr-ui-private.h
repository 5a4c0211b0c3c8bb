/* pr-ui-private.h: small helpers shared by the window's widgets
 *
 * Widgets do not include each other for one helper: what more than one
 * of them needs lives here (pr-ui.c). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @uri may be launched: http, https and mailto only. Text from
 * releases names any scheme; nothing else is ever opened. */
gboolean pr_ui_uri_is_launchable (const char *uri);
/* Opens @uri with the user's handler for it, from @widget's window, when
 * pr_ui_uri_is_launchable() allows it; does nothing otherwise. */
void     pr_ui_launch_uri        (GtkWidget  *widget,
                                  const char *uri);

G_END_DECLS
