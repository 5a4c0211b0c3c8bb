/* pr-date.c: date expressions in the languages releases are written in */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pr-date.h"

typedef struct {
  const char *names;  /* '|'-separated, regex-safe */
  int month;
} MonthNames;

/* English (with wire abbreviations), German, French, Spanish, Italian,
 * Portuguese and Dutch. Longer names first so that alternation prefers them. */
static const MonthNames months[] = {
  { "January|Jan|Januar|Jänner|Janvier|Janv|Enero|Ene|Gennaio|Gen|Janeiro|Januari", 1 },
  { "February|Feb|Februar|Février|Fevrier|Févr|Fév|Febrero|Febbraio|Fevereiro|Februari", 2 },
  { "March|Mar|März|Mär|Maerz|Mars|Marzo|Março|Marco|Maart|Mrz", 3 },
  { "April|Apr|Avril|Avr|Abril|Abr|Aprile", 4 },
  { "May|Mai|Mayo|Maggio|Maio|Mei", 5 },
  { "June|Jun|Juni|Juin|Junio|Giugno|Junho", 6 },
  { "July|Jul|Juli|Juillet|Juil|Julio|Luglio|Lug|Julho", 7 },
  { "August|Aug|Août|Aout|Agosto|Ago|Augustus", 8 },
  { "September|Sept|Sep|Septembre|Septiembre|Setiembre|Settembre|Setembro", 9 },
  { "October|Oct|Oktober|Octobre|Octubre|Ottobre|Outubro|Okt", 10 },
  { "November|Nov|Novembre|Noviembre|Novembro", 11 },
  { "December|Dec|Dezember|Décembre|Decembre|Déc|Dic|Diciembre|Dicembre|Dezembro|Dez", 12 },
};

#define WEEKDAYS \
  "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|" \
  "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|" \
  "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|" \
  "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)"

/* Longer than any date the pattern matches ("Wednesday, 29 de septiembre
 * de 2024"), with room for odd spacing. */
#define DATE_MAX_LENGTH 96

/* The forms, by what they start with. */
#define MONTH_FIRST \
  /* Month D, YYYY — Aug. 3 — Sept. 25, 2019 — March 09, 2024 */ \
  "(?<![A-Za-z])(?<m1>%1$s)(?:\\.\\s*|\\s+)(?<d1>\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:\\s*,?\\s*(?<y1>(?:19|20)\\d\\d)(?!\\d))?" \
  "|" \
  /* May 2025 — Juni 2021 */ \
  "(?<![A-Za-z])(?<m7>%1$s)\\b\\.?,?\\s+(?<y7>(?:19|20)\\d\\d)(?!\\d)"
/* D Month YYYY — 19. Juni 2021 — 29 de mayo de 2024 — 01 Nov, 2024 — 1er octobre */
#define DAY_MONTH \
  "(?<d2>\\d{1,2})(?:\\.|st|nd|rd|th|er|º)?\\s*(?:de\\s+)?(?<m2>%1$s)\\b\\.?,?" \
  "(?:\\s*(?:de\\s+|del\\s+)?(?<y2>(?:19|20)\\d\\d)(?!\\d))?"
#define NUMERIC \
  /* 2024年6月1日 — 2024 年 6 月 */ \
  "(?<y3>(?:19|20)\\d\\d)\\s*年\\s*(?<m3>\\d{1,2})\\s*月(?:\\s*(?<d3>\\d{1,2})\\s*[日号])?" \
  "|" \
  /* 2021-06-18 */ \
  "(?<!\\d)(?<y4>(?:19|20)\\d\\d)-(?<m4>\\d\\d)-(?<d4>\\d\\d)(?!\\d)" \
  "|" \
  /* 06/29/12, 6/29/2012 (US order) */ \
  "(?<![\\d/])(?<m5>\\d{1,2})/(?<d5>\\d{1,2})/(?<y5>(?:19|20)?\\d\\d)(?![\\d/])" \
  "|" \
  /* 2024/01/05 */ \
  "(?<![\\d/])(?<y8>(?:19|20)\\d\\d)/(?<m8>\\d{1,2})/(?<d8>\\d{1,2})(?![\\d/])" \
  "|" \
  /* 25.09.2019 */ \
  "(?<![\\d.])(?<d6>\\d{1,2})\\.(?<m6>\\d{1,2})\\.(?<y6>(?:19|20)\\d\\d)(?!\\d)"

typedef enum {
  START_WEEKDAY,
  START_MONTH,
  START_DIGIT_MONTH,
  START_DIGITS,
  N_STARTS
} Start;

static GRegex *regexes[N_STARTS];
static GHashTable *month_lookup;  /* casefolded name → month */
static GHashTable *weekday_lookup;  /* casefolded names */

static GRegex *
compile_date (const char *form,
              const char *names)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *anchored = g_strconcat ("\\G(?:", form, ")", NULL);
  g_autofree char *pattern = g_strdup_printf (anchored, names);
  GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

  if (regex == NULL)
    g_error ("date pattern: %s", error->message);
  return regex;
}

static void
ensure_regex (void)
{
  static gsize init = 0;

  if (g_once_init_enter (&init))
    {
      GString *names = g_string_new (NULL);
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

      month_lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (months); i++)
        {
          g_auto(GStrv) parts = g_strsplit (months[i].names, "|", -1);

          for (guint j = 0; parts[j]; j++)
            {
              g_hash_table_insert (month_lookup, g_utf8_casefold (parts[j], -1),
                                   GINT_TO_POINTER (months[i].month));
              g_ptr_array_add (all, g_strdup (parts[j]));
            }
        }
      weekday_lookup = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      {
        g_autofree char *list = g_strndup (WEEKDAYS + strlen ("(?:"), strlen (WEEKDAYS) - strlen ("(?:)"));
        g_auto(GStrv) days = g_strsplit (list, "|", -1);

        for (guint j = 0; days[j] != NULL; j++)
          g_hash_table_add (weekday_lookup, g_utf8_casefold (days[j], -1));
      }
      /* Longest first: "Sept" before "Sep", "Juni" before "Jun". */
      for (guint len = 12; len > 0; len--)
        for (guint j = 0; j < all->len; j++)
          if (g_utf8_strlen (g_ptr_array_index (all, j), -1) == (glong) len)
            g_string_append_printf (names, "%s%s", names->len ? "|" : "",
                                    (char *) g_ptr_array_index (all, j));

      /* Each is tried only where a date may start (see pr_date_find()):
       * \G anchors it there, and the JIT keeps it (a match-time anchor
       * would not). Apart, a digit's try does not run through the code
       * of every month name. */
      regexes[START_DIGIT_MONTH] = compile_date ("(?<!\\d)" DAY_MONTH, names->str);
      regexes[START_DIGITS] = compile_date (NUMERIC, names->str);
      regexes[START_MONTH] = compile_date (MONTH_FIRST, names->str);
      regexes[START_WEEKDAY] = compile_date ("(?<![A-Za-z])" WEEKDAYS ",?\\s+"
                                             "(?:" MONTH_FIRST "|(?<!\\d)" DAY_MONTH "|" NUMERIC ")", names->str);
      g_string_free (names, TRUE);

      g_once_init_leave (&init, 1);
    }
}

static int
fetch_int (GMatchInfo *info,
           const char *name)
{
  g_autofree char *s = g_match_info_fetch_named (info, name);

  return s != NULL && *s ? atoi (s) : -1;
}

static int
fetch_month (GMatchInfo *info,
             const char *name)
{
  g_autofree char *s = g_match_info_fetch_named (info, name);
  g_autofree char *folded = NULL;

  if (s == NULL || *s == '\0')
    return -1;
  folded = g_utf8_casefold (s, -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (month_lookup, folded));
}

static gboolean
valid (PrDateMatch *m)
{
  if (m->month < 1 || m->month > 12)
    return FALSE;
  if (m->day != 0 && (m->day < 1 || m->day > 31))
    return FALSE;
  if (m->year != 0 && m->day != 0 &&
      !g_date_valid_dmy (m->day, m->month, m->year))
    return FALSE;
  return m->year != 0 || m->day != 0;
}

static gboolean
fill (GMatchInfo  *info,
      PrDateMatch *m)
{
  int start = 0, end = 0;
  int v;

  memset (m, 0, sizeof *m);
  g_match_info_fetch_pos (info, 0, &start, &end);
  m->start = start;
  m->end = end;

  if ((v = fetch_month (info, "m1")) > 0)
    {
      m->month = v;
      m->day = fetch_int (info, "d1");
      m->year = MAX (fetch_int (info, "y1"), 0);
    }
  else if ((v = fetch_month (info, "m2")) > 0)
    {
      m->month = v;
      m->day = fetch_int (info, "d2");
      m->year = MAX (fetch_int (info, "y2"), 0);
    }
  else if ((v = fetch_int (info, "y3")) > 0)
    {
      m->year = v;
      m->month = fetch_int (info, "m3");
      m->day = MAX (fetch_int (info, "d3"), 0);
    }
  else if ((v = fetch_int (info, "y4")) > 0)
    {
      m->year = v;
      m->month = fetch_int (info, "m4");
      m->day = fetch_int (info, "d4");
    }
  else if ((v = fetch_int (info, "y5")) >= 0)
    {
      m->year = v < 100 ? (v < 70 ? 2000 + v : 1900 + v) : v;
      m->month = fetch_int (info, "m5");
      m->day = fetch_int (info, "d5");
    }
  else if ((v = fetch_int (info, "y8")) > 0)
    {
      m->year = v;
      m->month = fetch_int (info, "m8");
      m->day = fetch_int (info, "d8");
    }
  else if ((v = fetch_int (info, "y6")) > 0)
    {
      m->year = v;
      m->month = fetch_int (info, "m6");
      m->day = fetch_int (info, "d6");
    }
  else if ((v = fetch_month (info, "m7")) > 0)
    {
      m->month = v;
      m->year = fetch_int (info, "y7");
      m->day = 0;
    }
  else
    return FALSE;

  return valid (m);
}

/* Whether the character at @p is a decimal digit, any script's (the
 * pattern's \d is Unicode's). */
static inline gboolean
is_digit_at (const char *p,
             const char *end)
{
  guchar c = *p;

  if (c < 0x80)
    return c >= '0' && c <= '9';
  return c >= 0xC0 && g_unichar_isdigit (g_utf8_get_char_validated (p, end - p));
}

/* The word of letters that ends at @end (exclusive), after @text; its
 * start, or NULL. */
static const char *
word_before (const char *text,
             const char *end)
{
  const char *p = end;

  while (p > text)
    {
      const char *prev = g_utf8_find_prev_char (text, p);

      if (prev == NULL || !g_unichar_isalpha (g_utf8_get_char_validated (prev, p - prev)) ||
          end - prev > 16)
        break;
      p = prev;
    }
  return p < end ? p : NULL;
}

static gboolean
word_in (GHashTable *table,
         const char *word,
         const char *end)
{
  g_autofree char *folded = g_utf8_casefold (word, end - word);

  return g_hash_table_contains (table, folded);
}

/* A place where a date may start, and what starts it there. */
typedef struct {
  gsize at;
  Start start;
} Place;

/* Where a date may start around the digits at @digit: the digits
 * themselves, a month name before them ("June 3", "May 2025") and a
 * weekday before that or before the digits ("Wednesday, 29 de mayo").
 * Only [.,] and spaces come between. Returns how many, in order. */
static guint
find_starts (Place       starts[3],
             const char *text,
             const char *digit)
{
  const char *p = digit, *word;
  guint n = 0;

  while (p > text && (p[-1] == '.' || p[-1] == ',' || g_ascii_isspace (p[-1])))
    p--;
  if (p < digit && (word = word_before (text, p)) != NULL)
    {
      if (word_in (month_lookup, word, p))
        {
          const char *month = word;

          p = month;
          while (p > text && (p[-1] == ',' || g_ascii_isspace (p[-1])))
            p--;
          if (p < month && (word = word_before (text, p)) != NULL && word_in (weekday_lookup, word, p))
            starts[n++] = (Place) { word - text, START_WEEKDAY };
          starts[n++] = (Place) { month - text, START_MONTH };
        }
      else if (word_in (weekday_lookup, word, p))
        starts[n++] = (Place) { word - text, START_WEEKDAY };
    }
  starts[n++] = (Place) { digit - text, START_DIGITS };
  return n;
}

/* The pattern for a date starting at @at, by what starts it. */
static gboolean
try_at (Start        start,
        const char  *text,
        gsize        length,
        gsize        at,
        GMatchInfo **info)
{
  if (start == START_DIGITS)
    {
      const char *p = text + at;
      gsize run = 0;

      /* "19. Juni": one or two digits, the first of their run. */
      while (at + run < length && g_ascii_isdigit (p[run]) && run < 3)
        run++;
      if ((at == 0 || !g_ascii_isdigit (p[-1])) && run <= 2 &&
          g_regex_match_full (regexes[START_DIGIT_MONTH], text, length, at, 0, info, NULL))
        return TRUE;
      g_clear_pointer (info, g_match_info_free);
    }
  return g_regex_match_full (regexes[start], text, length, at, 0, info, NULL);
}

gboolean
pr_date_find (const char  *text,
              gssize       limit,
              PrDateMatch *match)
{
  const char *end;
  gsize length, next = 0;

  ensure_regex ();

  /* A date that starts before @limit ends soon after it: the rest of a
   * long paragraph need not be searched. The cut is moved to a space so
   * that no number or name is split. */
  length = strlen (text);
  if (limit >= 0)
    {
      gsize cut = MIN (length, (gsize) limit + DATE_MAX_LENGTH);

      while (cut < length && !g_ascii_isspace (text[cut]))
        cut++;
      length = cut;
    }
  end = text + length;

  /* Every date holds a digit, and starts at it or at the month or
   * weekday just before it. Searching the whole text with the pattern
   * (caseless, every month name of seven languages) cost 8% of the
   * parse; trying it only at those places finds the same dates. */
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      Place starts[3];
      guint n;

      if (!is_digit_at (p, end))
        continue;
      n = find_starts (starts, text, p);
      for (guint i = 0; i < n; i++)
        {
          gsize at = starts[i].at;
          g_autoptr(GMatchInfo) info = NULL;
          int s = 0, e = 0;

          /* Each place once, and none inside a date refused. */
          if (at < next)
            continue;
          if (limit >= 0 && at >= (gsize) limit)
            return FALSE;
          next = at + 1;
          if (!try_at (starts[i].start, text, length, at, &info))
            continue;
          if (fill (info, match))
            return TRUE;
          g_match_info_fetch_pos (info, 0, &s, &e);
          next = MAX (next, (gsize) e);
        }
    }
  return FALSE;
}

gboolean
pr_date_parse_line (const char  *text,
                    PrDateMatch *match)
{
  static GRegex *tail_re;
  static gsize init = 0;
  g_autofree char *line = g_strstrip (g_strdup (text));
  gsize len = strlen (line);

  if (g_once_init_enter (&init))
    {
      /* ", 08:15 ET", " 08:00 AM Eastern Daylight Time", " 17:08:00", " um 10:00 Uhr" */
      tail_re = g_regex_new ("^\\s*[,|@-]?\\s*(?:(?:at|um|à|a las)\\s+)?"
                             "(?:\\d{1,2}[:.h]\\d\\d(?:[:.]\\d\\d)?\\s*(?:[AaPp]\\.?[Mm]\\.?)?)?\\s*"
                             "(?:[A-Z]{2,5}(?:[+-]\\d{1,2})?|Uhr|(?:Eastern|Central|Pacific|Mountain|Atlantic|Greenwich|"
                             "British|Central European|Coordinated Universal|Hong Kong|China|Japan|India|Singapore)"
                             "(?:\\s+(?:Daylight|Standard|Summer))?\\s+Time)?\\s*$",
                             G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&init, 1);
    }

  if (len == 0 || len > 80 || !pr_date_find (line, 3, match))
    return FALSE;
  return g_regex_match (tail_re, line + match->end, 0, NULL);
}

char *
pr_date_to_iso (const PrDateMatch *match)
{
  if (match->year < 1900 || match->month < 1 || match->day < 1 ||
      !g_date_valid_dmy (match->day, match->month, match->year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", match->year, match->month, match->day);
}

gboolean
pr_date_parse_iso (const char  *text,
                   PrDateMatch *match)
{
  int y = 0, m = 0, d = 0;
  int n;

  memset (match, 0, sizeof *match);
  n = sscanf (text, "%4d-%2d-%2d", &y, &m, &d);
  if (n < 2 || y < 1900 || m < 1 || m > 12)
    return FALSE;
  match->year = y;
  match->month = m;
  match->day = n == 3 ? d : 0;
  return match->day == 0 || g_date_valid_dmy (d, m, y);
}
