/* pr-export.h: releases written out as a JSON catalog, ninjs, Markdown or CSV */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_EXPORT_ERROR (pr_export_error_quark ())
GQuark pr_export_error_quark (void);

typedef enum {
  PR_EXPORT_ERROR_UNKNOWN_FORMAT,
} PrExportError;

typedef enum {
  PR_EXPORT_FORMAT_JSON,      /* a JSON catalog (pr-catalog.h) */
  PR_EXPORT_FORMAT_NINJS,     /* IPTC ninjs 2.0 (pr-ninjs.h) */
  PR_EXPORT_FORMAT_MARKDOWN,  /* CommonMark with GFM tables, for reading */
  PR_EXPORT_FORMAT_CSV,       /* RFC 4180, one row per release, for spreadsheets */
} PrExportFormat;

typedef enum {
  PR_EXPORT_WRITE_NONE  = 0,
  PR_EXPORT_WRITE_STATE = 1 << 0,  /* JSON: each release's read and bookmark state */
} PrExportFlags;

/* "json", "ninjs", "markdown" (or "md") or "csv", in any ASCII case; FALSE
 * with a PR_EXPORT_ERROR_UNKNOWN_FORMAT that names @name and the formats
 * known otherwise. */
gboolean pr_export_format_from_name (const char      *name,
                                     PrExportFormat  *format,
                                     GError         **error);

/* @releases (PrRelease) as Markdown: per release a "# headline", the
 * dateline (or the date), a list of facts (wire, place, date,
 * organisations, people, contacts, links), the body (paragraphs, list
 * items, headings, tables as pipe tables), the About sections and the
 * trailer, releases apart by "---". The releases' text is escaped: it
 * always reads as the literal text. */
char    *pr_export_markdown         (GPtrArray       *releases);

/* @releases as RFC 4180 CSV (CRLF, quoted where needed), a header row
 * then one row per release: date, wire, headline, place, organisations,
 * people, link (the release's http(s) address). Fields that a spreadsheet
 * would run as a formula get a leading "'". */
char    *pr_export_csv              (GPtrArray       *releases);

/* @releases in @format; @flags apply to JSON only. NULL with
 * PR_EXPORT_ERROR_UNKNOWN_FORMAT for a value outside PrExportFormat.
 * @length, if not NULL, receives the length in bytes. */
char    *pr_export_to_string        (PrExportFormat   format,
                                     GPtrArray       *releases,
                                     PrExportFlags    flags,
                                     gsize           *length,
                                     GError         **error);

G_END_DECLS
