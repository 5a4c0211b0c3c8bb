/* pr-parser-private.h: what the parser's files share: the parse state, the
 * patterns and the passes that one file runs and another calls */
#pragma once

#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-parser.h"

G_BEGIN_DECLS

/* ---- Patterns and small text helpers (pr-parser.c) ---------------------- */

typedef enum {
  RX_HEADER,
  RX_NOISE,
  RX_MENAFN,
  RX_FURNITURE,
  RX_CATEGORY_LIST,
  RX_BYLINE,
  RX_BULLET,
  RX_NUMBERED,
  RX_PARA_SPLIT,
  RX_TRAILER,
  RX_TRAILER_SECTION,
  RX_DROP,
  RX_ABOUT,
  RX_CONTACT,
  RX_FORWARD,
  RX_SOURCE_ORG,
  RX_INLINE_TRAILER,
  RX_COLUMN_GAP,
  RX_DATE_SOURCE,
  RX_BYLINE_NAME,
  RX_LABEL,
  RX_COUNTER,
  RX_DOMAIN,
  RX_TIME,
  RX_BYLINE_TAIL,
  N_RX
} Rx;

/* Compiled by pr_parse_text() before any pass runs. */
GRegex     *pr_parser_rx              (Rx          id);
gboolean    pr_parser_rx_match        (Rx          id,
                                       const char *text);
char       *pr_parser_rx_group        (Rx          id,
                                       const char *text,
                                       int         group);

guint       pr_parser_indent_of       (const char *line);
const char *pr_parser_skip_space      (const char *line);
gboolean    pr_parser_is_blank        (const char *line);
guint       pr_parser_ulen            (const char *text);
/* The length in characters, counted no further than @max + 1: for
 * comparisons with @max or less on lines that may be long. */
guint       pr_parser_ulen_upto       (const char *text,
                                       guint       max);
gboolean    pr_parser_ends_sentence   (const char *text);

/* ---- The parse state ---------------------------------------------------- */

/* What the page furniture pass (pr-parser-head.c) marks a line as. */
typedef enum {
  MARK_NONE,
  MARK_SHAPE,  /* furniture by its shape; never a dateline's start */
  MARK_RUN,    /* furniture by its place: one of a run of short lines */
} Mark;

typedef struct {
  char       **lines;       /* decoded, right-trimmed */
  guint        n_lines;
  guint        first;       /* first line after the header */

  PrDateMatch  header_date;
  gboolean     has_header_date;
  char        *source_hint; /* from "(MENAFN- PR Newswire)" */

  PrDateline   dateline;
  gboolean     has_dateline;
  PrDateMatch  line_date;   /* a standalone date line above the body */
  gboolean     has_line_date;

  guint8      *marks;       /* Mark of each line before n_marks */
  guint        n_marks;

  GPtrArray   *pre;         /* content lines above the dateline */
  GPtrArray   *body_lines;  /* lines of the body, blank lines kept */

  guint        wrap_width;  /* 0 when the text is not hard-wrapped */

  GPtrArray   *blocks;      /* PrBlock: the body */
  GPtrArray   *about;       /* char* */
  GPtrArray   *contacts;    /* char* */
  GPtrArray   *trailer;     /* char* */
  GPtrArray   *known_orgs;  /* char*: SOURCE line, About X */
} Parse;

/* Where pr_parser_find_dateline() found the dateline. */
typedef struct {
  guint line;        /* where the dateline starts */
  guint body_line;   /* line in which the body starts */
  gsize body_col;    /* byte offset in that (space-trimmed) line */
} DatelineAt;

/* ---- Wrap width (pr-parser.c) ------------------------------------------- */

guint       pr_parser_detect_wrap_width (GPtrArray *lines);
gboolean    pr_parser_is_heading_text   (const char *text);

/* ---- The top of a release (pr-parser-head.c) ---------------------------- */

void        pr_parser_mark_furniture      (Parse      *p);
gboolean    pr_parser_is_marked           (Parse      *p,
                                           guint       line);
void        pr_parser_note_furniture_date (Parse      *p,
                                           const char *line);
gboolean    pr_parser_is_prose_line       (const char *text);
gboolean    pr_parser_find_dateline       (Parse      *p,
                                           DatelineAt *at);
gboolean    pr_parser_is_furniture        (Parse      *p,
                                           const char *line,
                                           gboolean   *after_provided_by);
void        pr_parser_collect_pre         (Parse      *p,
                                           guint       from,
                                           guint       to);
void        pr_parser_drop_site_name      (Parse      *p,
                                           guint       from,
                                           guint       to);

/* ---- Body blocks and sections (pr-parser-body.c) ------------------------ */

void        pr_parser_reflow_body        (Parse      *p);
void        pr_parser_split_sections     (Parse      *p);
gboolean    pr_parser_has_contact_detail (const char *text);
void        pr_parser_add_known_org      (Parse      *p,
                                          const char *name);

G_END_DECLS
