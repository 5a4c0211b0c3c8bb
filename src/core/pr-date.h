/* pr-date.h: date expressions in the languages releases are written in */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int   year;    /* 0 when the text gives none */
  int   month;   /* 1–12 */
  int   day;     /* 0 when the text gives none */
  gsize start;   /* byte offsets of the expression */
  gsize end;
} PrDateMatch;

/* Finds the first date expression that starts before byte `limit` (-1: any):
 * "June 18, 2021", "Aug. 3", "01 Nov, 2024", "19. Juni 2021",
 * "29 de mayo de 2024", "le 16 octobre 2025", "2024 年 6 月", "06/29/12",
 * "2021-06-18", "25.09.2019", "Tue 13 October 2015", "May 2025". */
gboolean  pr_date_find        (const char        *text,
                               gssize             limit,
                               PrDateMatch       *match);

/* TRUE when the whole of text (trimmed, with at most a weekday or a time
 * around it) is one date expression: a standalone date line. */
gboolean  pr_date_parse_line  (const char        *text,
                               PrDateMatch       *match);

/* "YYYY-MM-DD", or NULL unless year, month and day are all known and valid. */
char     *pr_date_to_iso      (const PrDateMatch *match);

/* Parses "YYYY-MM-DD" or "YYYY-MM" (day 0). */
gboolean  pr_date_parse_iso   (const char        *text,
                               PrDateMatch       *match);

G_END_DECLS
