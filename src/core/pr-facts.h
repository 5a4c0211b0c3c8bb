/* pr-facts.h: who announces and what kind of news it is */
#pragma once

#include "pr-release.h"

G_BEGIN_DECLS

/* The kinds of news, as stored in PR_FIELD_KIND. */
#define PR_KIND_EARNINGS    "earnings"
#define PR_KIND_DEAL        "deal"
#define PR_KIND_PRODUCT     "product"
#define PR_KIND_PARTNERSHIP "partnership"
#define PR_KIND_PEOPLE      "people"
#define PR_KIND_EVENT       "event"
#define PR_KIND_AWARD       "award"
#define PR_KIND_RESEARCH    "research"
#define PR_KIND_FILING      "filing"
#define PR_KIND_PUBLIC      "public"
#define PR_KIND_OTHER       "other"

/* All of them, in the order above, NULL-terminated. */
const char * const *pr_facts_kinds          (void);
/* The kind's name for people (translated), or NULL for an unknown kind. */
const char         *pr_facts_kind_label     (const char *kind);

/* Removes the wire's markers around a headline ("/REPEAT -- … /",
 * "CORRECTION - ", "UPDATE 2-", "MEDIA ADVISORY:", "(PHOTO)") from
 * @title and returns the rest (a new string), and the markers found as
 * flags ("repeat", "correction", "update", "advisory", "photo", "video")
 * in @flags (a new NULL-terminated array, empty when none). */
char               *pr_facts_strip_markers  (const char  *title,
                                             char      ***flags);

/* Sets the release's PR_FIELD_KIND, PR_LIST_ISSUERS and PR_LIST_FLAGS
 * from what the parser found (title, body, About sections, trailer,
 * organisations), and takes the markers out of its title. Readers call it
 * once the organisations and people are set. */
void                pr_facts_apply          (PrRelease   *release);

G_END_DECLS
