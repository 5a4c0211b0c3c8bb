/* pr-ui.c: small helpers shared by the window's widgets */
#include "config.h"

#include "pr-ui-private.h"

gboolean
pr_ui_uri_is_launchable (const char *uri)
{
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_peek_scheme (uri);
  if (scheme == NULL)
    return FALSE;
  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https")
         || g_str_equal (scheme, "mailto");
}

void
pr_ui_launch_uri (GtkWidget  *widget,
                  const char *uri)
{
  GtkRoot *root;

  if (!pr_ui_uri_is_launchable (uri))
    return;
  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}
