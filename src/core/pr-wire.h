/* pr-wire.h: the news wires and their canonical names */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The canonical wire name for a tag as printed ("PRNewswire-AsiaNet" →
 * "PR Newswire", "GLOBE NEWSWIRE" → "GlobeNewswire"), or NULL when the tag
 * names no wire PressReader knows. */
const char *pr_wire_canonical   (const char *tag);

/* TRUE when a parenthesised or slash-delimited token reads like a wire:
 * a known one, or a name with "wire", "newswire", "presswire" and such. */
gboolean    pr_wire_is_wire_like (const char *tag);

/* The wire that a URL's host belongs to ("prnewswire.com" → "PR Newswire"). */
const char *pr_wire_from_host   (const char *text);

/* Canonical name for a tag: the known name, else the tag tidied up
 * (capitals fixed, a trailing date or "-AsiaNet" kept out). Free with g_free. */
char       *pr_wire_normalize   (const char *tag);

G_END_DECLS
