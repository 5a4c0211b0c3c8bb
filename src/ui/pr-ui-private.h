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
/* A table whose cells are separated by tabs (as a web page's table is
 * read) with its columns padded to one width each, for a monospace font;
 * other tables are returned as they are. The article view and its print. */
char    *pr_ui_align_tab_cells   (const char *text);
/* A release's contact blocks as a section: its heading in *@heading (the
 * release's own "Media contact:" when the first block starts with one, else
 * "Contact"), the paragraphs returned. The article view and its print. */
char   **pr_ui_split_contacts    (const char * const *contacts,
                                  char              **heading);
/* @n in at most four characters below a billion: "999", then "1.2K", "123K", "1.2M"
 * (rounded down, translated). */
char    *pr_ui_format_short_count (guint n);
/* A row's menu button ("view-more", flat) for @menu, with @tooltip. */
GtkWidget *pr_ui_row_menu_button (GMenuModel *menu,
                                  const char *tooltip);
/* @widget under a label with @text's mnemonic, for a dialog's fields. */
GtkWidget *pr_ui_labelled        (const char *text,
                                  GtkWidget  *widget);

G_END_DECLS
