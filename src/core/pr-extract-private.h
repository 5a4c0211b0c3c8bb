/* pr-extract-private.h: what pr-extract.c and pr-extract-people.c share */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pattern compiled with G_REGEX_OPTIMIZE; a bad pattern is a bug. */
GRegex   *pr_extract_compile        (const char *pattern);

/* Title Case lines (headlines, headings) look like names throughout. */
gboolean  pr_extract_is_title_case  (const char *line);

G_END_DECLS
