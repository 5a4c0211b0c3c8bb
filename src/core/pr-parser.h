/* pr-parser.h: plain-text press release parser */
#pragma once

#include <gio/gio.h>

#include "pr-release.h"

G_BEGIN_DECLS

#define PR_PARSER_ERROR (pr_parser_error_quark ())
GQuark pr_parser_error_quark (void);

typedef enum {
  PR_PARSER_ERROR_EMPTY,       /* no bytes, or only white space */
  PR_PARSER_ERROR_BINARY,      /* NUL bytes or other binary data */
  PR_PARSER_ERROR_TOO_LARGE,   /* over PR_PARSER_MAX_SIZE */
  PR_PARSER_ERROR_NO_TEXT,     /* text, but nothing a release could be made of */
} PrParserError;

#define PR_PARSER_MAX_SIZE (10 * 1024 * 1024)

/* Errors carry only the reason ("empty file"); callers prefix the file name. */
PrRelease *pr_parse_text (const char    *data,
                          gsize          length,
                          const char    *origin,
                          GError       **error);

PrRelease *pr_parse_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
