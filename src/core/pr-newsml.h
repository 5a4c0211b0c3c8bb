/* pr-newsml.h: releases from IPTC NewsML-G2 news items */
#pragma once

#include <glib.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

/* Reads a NewsML-G2 newsItem, or a newsMessage holding several: one
 * release per news item with text (picture, graphic, audio and video
 * items are left out), in document order. Each release is its body
 * (inlineXML XHTML or NITF, or inlineData) read by pr_parse_text() under
 * its headline, with what the item's metadata knows better laid over it
 * (pr-news-item.h): headline, date (contentCreated, firstCreated,
 * versionCreated), language, organisations and people from the subject
 * qualifiers, the city from located, a known wire from the provider, the
 * credit line or an info source, links from link and altId.
 *
 * libxml2 reads it without the network, without loading or substituting
 * entities (an external entity's file is never read; entity references
 * stay unexpanded) and within its default limits (nesting, entity
 * expansion: a bomb is refused). Returns an array of PrRelease, or NULL
 * with a PR_PARSER_ERROR that carries only the reason. */
GPtrArray *pr_newsml_read (const char  *data,
                           gsize        length,
                           const char  *origin,
                           GError     **error);

G_END_DECLS
