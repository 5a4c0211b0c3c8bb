/* pr-catalog.h: the JSON catalog, a versioned file of releases
 *
 * The format is documented in docs/catalog-format.md. */
#pragma once

#include <gio/gio.h>

#include "pr-release.h"

G_BEGIN_DECLS

#define PR_CATALOG_FORMAT  "pressreader-catalog"
#define PR_CATALOG_VERSION 1

/* Limits a reader enforces; see docs/catalog-format.md. */
#define PR_CATALOG_MAX_SIZE       (256 * 1024 * 1024)  /* the whole catalog */
#define PR_CATALOG_MAX_DEPTH      64                   /* nested arrays and objects */
#define PR_CATALOG_MAX_FIELD_SIZE (64 * 1024)          /* one scalar string */
#define PR_CATALOG_MAX_TEXT_SIZE  (10 * 1024 * 1024)   /* a body or a list, in total */

#define PR_CATALOG_ERROR (pr_catalog_error_quark ())
GQuark pr_catalog_error_quark (void);

typedef enum {
  PR_CATALOG_ERROR_SYNTAX,     /* not well-formed JSON, or empty */
  PR_CATALOG_ERROR_FORMAT,     /* JSON, but not a PressReader catalog */
  PR_CATALOG_ERROR_VERSION,    /* a version this reader does not know */
  PR_CATALOG_ERROR_INVALID,    /* a wrong type, a missing or bad value */
  PR_CATALOG_ERROR_TOO_DEEP,   /* nested beyond PR_CATALOG_MAX_DEPTH */
  PR_CATALOG_ERROR_TOO_LARGE,  /* over one of the size limits */
} PrCatalogError;

typedef enum {
  PR_CATALOG_WRITE_NONE  = 0,
  PR_CATALOG_WRITE_STATE = 1 << 0,  /* add each release's "state" object */
} PrCatalogWriteFlags;

/* Writers. @releases is an array of PrRelease. */
char      *pr_catalog_to_string  (GPtrArray            *releases,
                                  PrCatalogWriteFlags   flags,
                                  gsize                *length);
gboolean   pr_catalog_write      (GPtrArray            *releases,
                                  PrCatalogWriteFlags   flags,
                                  GOutputStream        *stream,
                                  GCancellable         *cancellable,
                                  GError              **error);

/* Readers. They return the valid releases, in catalog order (possibly
 * none), or NULL with @error set when the catalog as a whole cannot be
 * read. A release that is itself invalid is skipped and does not fail the
 * others: one PR_CATALOG_ERROR GError per skipped release is added to
 * *@skipped (an array of GError, created when NULL) if @skipped is not NULL.
 *
 * Messages carry a position but not the file name: "3:17: reason" (line
 * and column) for syntax errors and "releases[3].title: reason" (a JSON
 * path) for the others. */
GPtrArray *pr_catalog_read_data  (const char           *data,
                                  gsize                 length,
                                  GPtrArray           **skipped,
                                  GError              **error);
GPtrArray *pr_catalog_read_bytes (GBytes               *bytes,
                                  GPtrArray           **skipped,
                                  GError              **error);
GPtrArray *pr_catalog_read_file  (GFile                *file,
                                  GCancellable         *cancellable,
                                  GPtrArray           **skipped,
                                  GError              **error);

G_END_DECLS
