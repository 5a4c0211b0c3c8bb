/* pr-parser-error.h: why a file could not be read as a release
 *
 * Its own header so that the text decoder (pr-text.c), which the parser
 * is built on, can report errors without including the parser. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_PARSER_ERROR (pr_parser_error_quark ())
GQuark pr_parser_error_quark (void);

typedef enum {
  PR_PARSER_ERROR_EMPTY,       /* no bytes, or only white space */
  PR_PARSER_ERROR_BINARY,      /* NUL bytes or other binary data */
  PR_PARSER_ERROR_TOO_LARGE,   /* over PR_PARSER_MAX_SIZE */
  PR_PARSER_ERROR_NO_TEXT,     /* text, but nothing a release could be made of */
  PR_PARSER_ERROR_INVALID,     /* XML or JSON that is not well-formed, or not the format */
} PrParserError;

#define PR_PARSER_MAX_SIZE (10 * 1024 * 1024)

G_END_DECLS
