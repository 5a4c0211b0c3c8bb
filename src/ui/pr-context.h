/* pr-context.h: what a window needs of the application: its library */
#pragma once

#include <gio/gio.h>

#include "pr-refresh.h"
#include "pr-store.h"

G_BEGIN_DECLS

#define PR_TYPE_CONTEXT (pr_context_get_type ())
G_DECLARE_FINAL_TYPE (PrContext, pr_context, PR, CONTEXT, GObject)

/* @start_time: the process start (g_get_monotonic_time()), for the
 * first-frame measurement; 0 when not measured. */
PrContext    *pr_context_new               (const char   *library_path,
                                            gint64        start_time);

/* The library's file: --library PATH, or the default one. */
const char   *pr_context_get_library_path  (PrContext    *self);
gint64        pr_context_get_start_time    (PrContext    *self);

/* The library, opened asynchronously by the application: until then both
 * are NULL; then "store" or "library-error" is notified. */
PrStore      *pr_context_get_store         (PrContext    *self);
void          pr_context_set_store         (PrContext    *self,
                                            PrStore      *store);
const GError *pr_context_get_library_error (PrContext    *self);
void          pr_context_set_library_error (PrContext    *self,
                                            const GError *error);

/* The feeds' refresh, on the library and one HTTP session; NULL until
 * the library is open. */
PrRefresh    *pr_context_get_refresh       (PrContext    *self);

G_END_DECLS
