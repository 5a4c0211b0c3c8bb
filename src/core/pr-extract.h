/* pr-extract.h: facts found in a release's text */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns a NULL-terminated array, in order of first appearance,
 * without duplicates. */
char      **pr_extract_links          (const char *text);
char      **pr_extract_emails         (const char *text);
char      **pr_extract_phones         (const char *text);

/* Organisations (PrEntity, kind organization) and people (kind person)
 * named in text; `known` may hold organisations found elsewhere (the SOURCE
 * line, "About X") to add first. */
GPtrArray  *pr_extract_organizations  (const char *text,
                                       const char * const *known);
GPtrArray  *pr_extract_people         (const char *text);

/* "en", "de", "fr", "es", "it", "pt", "nl", "zh", "ja", "ko", "ru", or NULL. */
const char *pr_extract_language       (const char *text);

G_END_DECLS
