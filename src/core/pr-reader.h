/* pr-reader.h: one entry point for every format a release arrives in */
#pragma once

#include <glib.h>

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
 * prefix the name): PR_PARSER_ERROR, or G_IO_ERROR_NOT_SUPPORTED for a
 * format that has no reader yet or holds many releases (a catalog). */
PrRelease  *pr_reader_read_bytes      (const char  *data,
                                       gsize        length,
                                       const char  *origin,
                                       PrFormat     format,
                                       GError     **error);

/* TRUE for the names a folder import reads: text (.txt, .text, no
 * extension) and .html .htm .xhtml .eml .mbox .xml .json. */
gboolean    pr_reader_is_release_name (const char  *name);

G_END_DECLS
