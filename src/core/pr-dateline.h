/* pr-dateline.h: recognising a release's dateline */
#pragma once

#include <glib.h>

#include "pr-date.h"

G_BEGIN_DECLS

typedef enum {
  PR_DATELINE_NONE,
  PR_DATELINE_WEAK,    /* a wire alone: "(NewsUSA) -", "--News Direct--" */
  PR_DATELINE_STRONG,  /* a place with a date and/or a wire */
} PrDatelineStrength;

typedef struct {
  PrDatelineStrength strength;
  char        *text;        /* as printed, trimmed of separators */
  char        *place;       /* the place part as printed */
  char        *city;
  char        *region;
  char        *source_tag;  /* the wire as printed */
  gboolean     has_date;
  PrDateMatch  date;
  gsize        body_offset; /* where the body starts in the matched text */
} PrDateline;

/* Matches a dateline at the very start of text (a paragraph with its lines
 * joined by spaces). Returns the strength found; fills dateline unless NONE. */
PrDatelineStrength pr_dateline_match (const char *text,
                                      PrDateline *dateline);

void               pr_dateline_clear (PrDateline *dateline);

/* Splits a place into city and region: "AUSTIN, Texas", "TORONTO (Ontario)",
 * "英国圣阿萨夫", "NEW YORK and LONDON". */
void               pr_dateline_split_place (const char  *place,
                                            char       **city,
                                            char       **region);

G_END_DECLS
