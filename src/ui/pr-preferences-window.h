/* pr-preferences-window.h: the preferences, bound to GSettings */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_PREFERENCES_WINDOW (pr_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PrPreferencesWindow, pr_preferences_window, PR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *pr_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
