/* pr-application.h: the PressReader application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_APPLICATION (pr_application_get_type ())
G_DECLARE_FINAL_TYPE (PrApplication, pr_application, PR, APPLICATION, AdwApplication)

PrApplication *pr_application_new         (const char    *library_path);
const char    *pr_application_get_library (PrApplication *self);

G_END_DECLS
