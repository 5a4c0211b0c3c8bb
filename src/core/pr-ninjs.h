/* pr-ninjs.h: releases from IPTC ninjs (News in JSON) 1.x and 2.x, and
 * releases as ninjs 2.0 */
#pragma once

#include <json-glib/json-glib.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

#define PR_NINJS_SCHEMA "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"

/* Reads one ninjs object, or an array of them: one release per object
 * with a headline or a body, in order. 1.x: headline, headline_*,
 * body_text (or body_html, body_xhtml), description_text, organisation,
 * person; 2.x: headlines[] and bodies[] by role ("main", "sub"),
 * descriptions[], organisations, people, infosources, altids; both:
 * versioncreated, firstcreated, contentcreated, language, located, uri.
 * The body (HTML through pr-xhtml-text.h) is read by pr_parse_text() under
 * the headline, and the item's metadata laid over it (pr-news-item.h).
 * Returns an array of PrRelease, or NULL with a PR_PARSER_ERROR that
 * carries only the reason. */
GPtrArray *pr_ninjs_read         (const char  *data,
                                  gsize        length,
                                  const char  *origin,
                                  GError     **error);

/* @release as a ninjs 2.0 object: uri (urn:pressreader:release:ID),
 * standard, type "text", version, firstcreated and versioncreated (the
 * release's date at 00:00 UTC: a release has a date, not a time),
 * language, headlines, descriptions (the summary), bodies (the body,
 * About sections, trailer and contacts as text/plain, the dateline in
 * front), located, places, people, organisations, infosources (the
 * wire), altids (an http(s) origin, role "url"). No renditions. */
JsonNode  *pr_ninjs_from_release (PrRelease   *release);

/* @releases (PrRelease) as a JSON array of ninjs 2.0 objects, indented,
 * with a final newline. */
char      *pr_ninjs_write        (GPtrArray   *releases,
                                  gsize       *length);

G_END_DECLS
