/* pr-parser.h: plain-text press release parser */
#pragma once

#include <gio/gio.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

/* Errors carry only the reason ("empty file"); callers prefix the file name. */
PrRelease *pr_parse_text (const char    *data,
                          gsize          length,
                          const char    *origin,
                          GError       **error);

PrRelease *pr_parse_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
