/* pr-import.h: importing files, folders and catalogs into the library
 *
 * The inputs are walked as --export-json walks them (pr-walk.h): folders
 * recursively in name order (hidden entries skipped; .txt, .text and files
 * without an extension are read as releases, and .json files as catalogs;
 * symbolic links are followed, loops reported as failures and each file
 * read once). Files given directly are read whatever their name; a .json
 * file is read as a catalog. Files are parsed
 * on a pool of threads and written in batches, one transaction each. A
 * file that cannot be read or parsed is recorded as a failure and the
 * import goes on. */
#pragma once

#include <gio/gio.h>

#include "pr-release.h"
#include "pr-store.h"

G_BEGIN_DECLS

typedef struct {
  char *path;
  char *reason;
} PrImportFailure;

#define PR_TYPE_IMPORT_FAILURE (pr_import_failure_get_type ())
GType            pr_import_failure_get_type (void);
PrImportFailure *pr_import_failure_copy     (const PrImportFailure *failure);
void             pr_import_failure_free     (PrImportFailure       *failure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrImportFailure, pr_import_failure_free)

/* Parses one file into a release; the default is pr_parse_file(). Called
 * on worker threads. */
typedef PrRelease *(*PrImportParseFunc) (GFile         *file,
                                         GCancellable  *cancellable,
                                         gpointer       user_data,
                                         GError       **error);

#define PR_TYPE_IMPORT (pr_import_get_type ())
G_DECLARE_FINAL_TYPE (PrImport, pr_import, PR, IMPORT, GObject)

PrImport   *pr_import_new             (PrStore            *store);

void        pr_import_add_file        (PrImport           *self,
                                       GFile              *file);
void        pr_import_add_path        (PrImport           *self,
                                       const char         *path);
void        pr_import_set_parse_func  (PrImport           *self,
                                       PrImportParseFunc   func,
                                       gpointer            user_data,
                                       GDestroyNotify      destroy);

/* Runs the import once, in this thread (the CLI) or in a worker thread.
 * Fails only when cancelled or when the library cannot be written; the
 * releases written until then stay. The "progress" signal is emitted in
 * the thread that made the import (throttled), the counters can be read
 * at any time. */
gboolean    pr_import_run             (PrImport           *self,
                                       GCancellable       *cancellable,
                                       GError            **error);
void        pr_import_run_async       (PrImport           *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean    pr_import_run_finish      (PrImport           *self,
                                       GAsyncResult       *result,
                                       GError            **error);

/* Lowers the calling thread's CPU priority (nice +10), for good: for a
 * thread of one's own that runs an import with pr_import_run() and ends
 * with it, as the window's does. The parse pool and the writer of
 * pr_import_run_async() are lowered already. Linux only (nice values are
 * per thread there); elsewhere it does nothing. */
void        pr_import_lower_thread_priority (void);

/* Progress: units are files, plus the releases of catalogs once read. */
guint       pr_import_get_done        (PrImport           *self);
guint       pr_import_get_total       (PrImport           *self);
/* The file being imported, or NULL. */
char       *pr_import_dup_current_file (PrImport          *self);

guint       pr_import_get_imported    (PrImport           *self);
guint       pr_import_get_updated     (PrImport           *self);
guint       pr_import_get_unchanged   (PrImport           *self);
guint       pr_import_get_failed      (PrImport           *self);
/* A copy of the failures so far: an array of PrImportFailure. */
GPtrArray  *pr_import_dup_failures    (PrImport           *self);

/* The first release of the inputs, in their order (a folder's files as
 * it is walked, a catalog's releases in its order), among those written
 * or found in the library so far: its store id, or 0. What opening files
 * shows. */
gint64      pr_import_get_first_release_id (PrImport      *self);

G_END_DECLS
