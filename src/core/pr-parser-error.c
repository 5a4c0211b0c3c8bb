/* pr-parser-error.c: the parser's error domain */
#include "pr-parser-error.h"

G_DEFINE_QUARK (pr-parser-error-quark, pr_parser_error)
