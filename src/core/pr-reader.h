/* pr-reader.h: one entry point for every format a release arrives in */
#pragma once

#include <gio/gio.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

typedef enum {
  PR_FORMAT_TEXT,     /* a plain-text release */
  PR_FORMAT_HTML,     /* a web page: .html .htm .xhtml */
  PR_FORMAT_EMAIL,    /* one message: .eml */
  PR_FORMAT_MBOX,     /* many messages: .mbox */
  PR_FORMAT_NEWSML,   /* an IPTC NewsML-G2 news item: .xml */
  PR_FORMAT_NINJS,    /* IPTC ninjs JSON: .json */
  PR_FORMAT_CATALOG,  /* a PressReader catalog (docs/catalog-format.md): .json */
} PrFormat;

/* The format of a file by its first bytes (@head, the first
 * @head_length bytes; 4 KB is plenty), the name's extension breaking ties.
 * @name may be NULL or a path. Never fails: TEXT when nothing else fits. */
PrFormat    pr_reader_sniff           (const char  *name,
                                       const char  *head,
                                       gsize        head_length);

/* Reads one release in @format. Errors carry only the reason (callers
 * prefix the name): PR_PARSER_ERROR, or G_IO_ERROR_NOT_SUPPORTED for
 * data that holds many releases (a catalog, a mailbox, several news
 * items). */
PrRelease  *pr_reader_read_bytes      (const char  *data,
                                       gsize        length,
                                       const char  *origin,
                                       PrFormat     format,
                                       GError     **error);

/* Whether files in @format may hold many releases (a catalog, ninjs, an
 * mbox, a NewsML-G2 news message): those are read with
 * pr_reader_read_file_many(). */
gboolean    pr_reader_format_is_many  (PrFormat     format);

/* The format of @file, by its first 4 KB and its name (pr_reader_sniff());
 * TEXT when it cannot be read (reading it then says why). */
PrFormat    pr_reader_sniff_file      (GFile       *file);

/* Reads @file as one release, whatever its format (sniffed from its
 * first bytes). Refuses files over PR_PARSER_MAX_SIZE before reading
 * them. The release's origin is the file's path. Errors carry only the
 * reason. */
PrRelease  *pr_reader_read_file       (GFile        *file,
                                       GCancellable *cancellable,
                                       GError      **error);

/* Called by pr_reader_read_file_each() for each release of a file, in
 * order: with the release (transfer none: take a reference to keep it)
 * and a NULL @skipped, or with a NULL @release and why one of the file's
 * releases (a message of a mailbox, an item of a catalog) was skipped. */
typedef void (*PrReaderFunc) (PrRelease    *release,
                              const GError *skipped,
                              gpointer      user_data);

/* Reads every release of @file, whatever its format, and hands each to
 * @found as it is read: a mailbox is streamed message by message, so
 * that a caller that writes them as they come never holds the file's
 * releases at once. FALSE with @error when the file as a whole fails
 * (cannot be read, holds nothing, @cancellable cancelled). */
gboolean    pr_reader_read_file_each  (GFile        *file,
                                       PrReaderFunc  found,
                                       gpointer      user_data,
                                       GCancellable *cancellable,
                                       GError      **error);

/* Reads every release of @file, a file that may hold many (a catalog, a
 * ninjs array, an mbox; one release for the other formats). A release
 * that cannot be read is skipped, with its error added to *@skipped (an
 * array of GError, created when NULL); the file as a whole failing sets
 * @error and returns NULL. All in memory: importers use
 * pr_reader_read_file_each(). */
GPtrArray  *pr_reader_read_file_many  (GFile        *file,
                                       GCancellable *cancellable,
                                       GPtrArray   **skipped,
                                       GError      **error);

/* TRUE for the names a folder import reads: text (.txt, .text, no
 * extension) and .html .htm .xhtml .eml .mbox .xml .json. */
gboolean    pr_reader_is_release_name (const char  *name);

G_END_DECLS
