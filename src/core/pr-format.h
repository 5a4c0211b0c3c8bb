/* pr-format.h: localized presentation of release values (no GObject class) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2024-03-04" as a localized date: @long_form "March 4, 2024", else a
 * compact "Mar 4, 2024". Returns the input when it is not an ISO date. */
char       *pr_format_date          (const char *iso_date,
                                     gboolean    long_form);
/* A Unix time as a localized date and time, or NULL for 0. */
char       *pr_format_time          (gint64      unix_time);
/* The human name of a language code ("de" → "German"), translated; the
 * code itself when it is unknown. */
const char *pr_format_language      (const char *code);
/* "3 minutes" (reading time at 200 words a minute, at least 1). */
char       *pr_format_reading_time  (guint       words);
/* "kind · source · place · date" for a list row (@kind: a PR_KIND_*,
 * shown by its label, "other" not shown); missing parts left out. */
char       *pr_format_row_meta      (const char *kind,
                                     const char *source,
                                     const char *place,
                                     const char *iso_date);

/* "3 copies · German, French" for a list row: how many other releases
 * carry the same announcement (@copy_languages, one per copy) and, when
 * some are in another language than @language, which; NULL without
 * copies. */
char       *pr_format_copies        (const char         *language,
                                     const char * const *copy_languages);

/* What to tell the user when the library at @path was damaged (@reason)
 * and was moved to @moved_to at open, a new library taking its place. */
char       *pr_format_moved_aside   (const char *path,
                                     const char *moved_to,
                                     const char *reason);

G_END_DECLS
