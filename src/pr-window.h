/* pr-window.h: the main window */
#pragma once

#include "pr-application.h"

G_BEGIN_DECLS

#define PR_TYPE_WINDOW (pr_window_get_type ())
G_DECLARE_FINAL_TYPE (PrWindow, pr_window, PR, WINDOW, AdwApplicationWindow)

PrWindow *pr_window_new        (PrApplication *application);
void      pr_window_open_files (PrWindow      *self,
                                GFile        **files,
                                int            n_files);

G_END_DECLS
