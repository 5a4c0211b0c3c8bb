/* pr-feeds-opml.h: the window's OPML import and export, off the main thread */
#pragma once

#include <gio/gio.h>

#include "pr-store.h"

G_BEGIN_DECLS

/* Reads @file (OPML) and subscribes to each of its feeds that is not
 * followed yet, in a worker thread. Errors name the file. */
void     pr_feeds_opml_import_async  (PrStore             *store,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* @added: new subscriptions; @known: already followed; @skipped: entries
 * that are not a web address or could not be added. */
gboolean pr_feeds_opml_import_finish (PrStore             *store,
                                      GAsyncResult        *result,
                                      guint               *added,
                                      guint               *known,
                                      guint               *skipped,
                                      GError             **error);

/* Writes every subscription to @file as OPML 2.0, in a worker thread.
 * _finish() gives how many were written. */
void     pr_feeds_opml_export_async  (PrStore             *store,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean pr_feeds_opml_export_finish (PrStore             *store,
                                      GAsyncResult        *result,
                                      guint               *written,
                                      GError             **error);

G_END_DECLS
