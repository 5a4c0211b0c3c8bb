/* pr-html.h: reading a release from an HTML page */
#pragma once

#include <glib.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

/* Reads a release page: the page's metadata (JSON-LD, OpenGraph, <time>,
 * the canonical link, <h1>, <title>), its body (found by a site profile,
 * data/site-profiles.json, or by the general extractor) rendered as plain
 * text for pr_parse_text(), and the metadata laid over what the text gave.
 * @charset_hint is the HTTP header's charset, or NULL; @origin becomes the
 * release's origin unless the page names an http(s) canonical URL.
 * Reads neither the network nor the file system. Errors are
 * PR_PARSER_ERROR and carry only the reason (callers prefix the name). */
PrRelease *pr_html_read (const char  *data,
                         gsize        length,
                         const char  *origin,
                         const char  *charset_hint,
                         GError     **error);

G_END_DECLS
