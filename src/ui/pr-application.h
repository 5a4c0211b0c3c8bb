/* pr-application.h: the PressReader application */
#pragma once

#include <adwaita.h>

#include "pr-context.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_APPLICATION (pr_application_get_type ())
G_DECLARE_FINAL_TYPE (PrApplication, pr_application, PR, APPLICATION, AdwApplication)

PrApplication *pr_application_new         (const char    *library_path);
const char    *pr_application_get_library (PrApplication *self);
/* The --library PATH, or the default library's path. */
char          *pr_application_dup_library_path (PrApplication *self);

/* The library is opened asynchronously at startup (and an empty one
 * filled with the default catalog): until then both are NULL; then
 * "store" or "library-error" is notified. */
PrStore       *pr_application_get_store         (PrApplication *self);
const GError  *pr_application_get_library_error (PrApplication *self);
/* The same, for the windows: the application sets the store or the error
 * of its context when the library is open. */
PrContext     *pr_application_get_context       (PrApplication *self);

/* Imports the default catalog (in the resource) into @store if it holds
 * no release. Blocks: call it in a worker thread. */
gboolean       pr_application_seed_library      (PrStore       *store,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* The process start, for first-frame-ms: main() marks it first thing. */
void           pr_application_mark_start_time (void);
gint64         pr_application_get_start_time  (void);

G_END_DECLS
