/* pr-feed-date.c: the dates feeds send (RFC 822 and its broken variants,
 * RFC 3339, W3C-DTF)
 *
 * Real feeds get RFC 822 wrong in many ways; each way seen in the wild is
 * read (the table in tests/test-feed.c, /core/feed/dates): no weekday or a
 * wrong one, two-digit years, named zones, no seconds, doubled spaces,
 * comments, dashes between the parts, AM/PM, ISO dates in pubDate. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pr-feed.h"

static const char *const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static int
month_of (const char *word)
{
  if (strlen (word) < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (word, months[i], 3) == 0)
      return i + 1;
  return 0;
}

/* "+0530", "-05:00", "+01", "+1": an offset in seconds; FALSE when not one. */
static gboolean
offset_of (const char *word,
           int        *seconds)
{
  char digits[5] = { 0 };
  guint n = 0;
  int hours, minutes;

  if ((word[0] != '+' && word[0] != '-') || !g_ascii_isdigit (word[1]))
    return FALSE;
  for (const char *p = word + 1; *p; p++)
    if (g_ascii_isdigit (*p) && n < 4)
      digits[n++] = *p;
    else if (*p != ':')
      return FALSE;
  if (n == 4 || n == 3)
    {
      minutes = atoi (digits + n - 2);
      digits[n - 2] = '\0';
      hours = atoi (digits);
    }
  else
    {
      hours = atoi (digits);
      minutes = 0;
    }
  if (hours > 14 || minutes > 59)
    return FALSE;
  *seconds = (word[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* A zone as RFC 822 names it, or as real feeds do; NULL when not one. */
static GTimeZone *
zone_of (const char *word)
{
  /* Offsets in minutes. IST is India's, the one feeds mean. */
  static const struct { const char *name; int minutes; } named[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
    { "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
    { "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
    { "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 }, { "AST", -240 }, { "ADT", -180 },
    { "NST", -210 }, { "NDT", -150 }, { "BRT", -180 }, { "ART", -180 },
    { "BST", 60 }, { "IST", 330 }, { "CET", 60 }, { "CEST", 120 }, { "MET", 60 },
    { "MEST", 120 }, { "WEST", 60 }, { "EET", 120 }, { "EEST", 180 }, { "MSK", 180 },
    { "WAT", 60 }, { "CAT", 120 }, { "SAST", 120 }, { "EAT", 180 }, { "PKT", 300 },
    { "ICT", 420 }, { "WIB", 420 }, { "SGT", 480 }, { "HKT", 480 }, { "PHT", 480 },
    { "AWST", 480 }, { "JST", 540 }, { "KST", 540 }, { "ACST", 570 }, { "ACDT", 630 },
    { "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 }, { "NZDT", 780 },
  };
  int seconds = 0;

  if (offset_of (word, &seconds))
    return g_time_zone_new_offset (seconds);
  /* "UTC+1", "GMT-05:00". */
  if ((g_ascii_strncasecmp (word, "UTC", 3) == 0 || g_ascii_strncasecmp (word, "GMT", 3) == 0) &&
      offset_of (word + 3, &seconds))
    return g_time_zone_new_offset (seconds);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_ascii_strcasecmp (word, named[i].name) == 0)
      return g_time_zone_new_offset (named[i].minutes * 60);
  /* Military zones and any other name: read as UTC. */
  if (g_ascii_isalpha (word[0]) && strlen (word) <= 5)
    return g_time_zone_new_utc ();
  return NULL;
}

/* The words of @text: commas and a "(comment)" dropped, "04-Mar-2025"
 * split at its dashes, "-" and "at" between the parts skipped. */
static GPtrArray *
words_of (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) split = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  char *open = strchr (copy, '(');

  if (open != NULL)
    *open = '\0';
  g_strdelimit (copy, ",", ' ');
  split = g_strsplit_set (copy, " \t\r\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      const char *word = split[i];

      if (*word == '\0' || g_str_equal (word, "-") || g_ascii_strcasecmp (word, "at") == 0)
        continue;
      if (strchr (word, '-') != NULL && (g_ascii_isdigit (*word) || month_of (word) != 0) &&
          strchr (word, ':') == NULL)
        {
          g_auto(GStrv) parts = g_strsplit (word, "-", 4);

          for (guint j = 0; parts[j] != NULL; j++)
            if (*parts[j] != '\0')
              g_ptr_array_add (words, g_strdup (parts[j]));
          continue;
        }
      g_ptr_array_add (words, g_strdup (word));
    }
  g_ptr_array_add (words, NULL);
  return words;
}

/* "Tue, 04 Mar 2025 09:00:00 GMT" and its broken cousins. */
static GDateTime *
parse_rfc822 (const char *text)
{
  g_autoptr(GPtrArray) array = words_of (text);
  char **words = (char **) array->pdata;
  g_autoptr(GTimeZone) zone = NULL;
  int day = 0, month = 0, year = 0, hour = 0, minute = 0;
  double seconds = 0;
  guint i = 0;

  /* A weekday (right or wrong: it is not checked). */
  if (words[i] != NULL && g_ascii_isalpha (words[i][0]) && month_of (words[i]) == 0)
    i++;
  /* "04 Mar 2025" or "Mar 04 2025". */
  if (words[i] != NULL && g_ascii_isdigit (words[i][0]))
    {
      day = atoi (words[i++]);
      if (words[i] == NULL || (month = month_of (words[i++])) == 0)
        return NULL;
    }
  else if (words[i] != NULL && (month = month_of (words[i])) != 0)
    {
      i++;
      if (words[i] == NULL || !g_ascii_isdigit (words[i][0]))
        return NULL;
      day = atoi (words[i++]);
    }
  else
    return NULL;
  if (words[i] == NULL || !g_ascii_isdigit (words[i][0]) ||
      strspn (words[i], "0123456789") != strlen (words[i]))
    return NULL;
  year = atoi (words[i]);
  if (strlen (words[i]) <= 2)
    year += year < 50 ? 2000 : 1900;
  i++;
  if (words[i] != NULL && g_ascii_isdigit (words[i][0]) && strchr (words[i], ':') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (words[i++], ":", 3);

      hour = atoi (parts[0]);
      minute = parts[1] != NULL ? atoi (parts[1]) : 0;
      seconds = parts[1] != NULL && parts[2] != NULL ? g_ascii_strtod (parts[2], NULL) : 0;
      if (words[i] != NULL && (g_ascii_strcasecmp (words[i], "AM") == 0 ||
                               g_ascii_strcasecmp (words[i], "PM") == 0))
        {
          if (hour < 1 || hour > 12)
            return NULL;
          hour = hour % 12 + (g_ascii_toupper (words[i][0]) == 'P' ? 12 : 0);
          i++;
        }
    }
  if (words[i] != NULL)
    zone = zone_of (words[i]);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  if (day < 1 || day > 31 || year < 1970 || year > 9999 ||
      hour > 23 || minute > 59 || seconds >= 61)
    return NULL;
  return g_date_time_new (zone, year, month, day, hour, minute, MIN (seconds, 59.999));
}

/* RFC 3339 and W3C-DTF with a time: "2025-03-04T09:00:00Z", a lower-case
 * t and z, a space for the T, no seconds. */
static GDateTime *
parse_iso_time (const char *text,
                GTimeZone  *utc)
{
  g_autofree char *iso = g_strdup (text);
  gsize length = strlen (iso);
  GDateTime *date;

  if (iso[10] == ' ' || iso[10] == 't')
    iso[10] = 'T';
  if (iso[length - 1] == 'z')
    iso[length - 1] = 'Z';
  date = g_date_time_new_from_iso8601 (iso, utc);
  if (date != NULL)
    return date;
  /* "2025-03-04T09:00" without seconds. */
  if (length >= 16 && iso[10] == 'T' && iso[13] == ':' && strchr ("Z+-", iso[16]) != NULL)
    {
      g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", iso, iso + 16);

      return g_date_time_new_from_iso8601 (with_seconds, utc);
    }
  return NULL;
}

/* W3C-DTF without a time: "2025", "2025-03", "2025-03-04"; "20250304". */
static GDateTime *
parse_day (const char *text,
           GTimeZone  *utc)
{
  gsize length = strlen (text);
  int y, m = 1, d = 1;

  if (strspn (text, "0123456789-") != length)
    return NULL;
  if (length == 8 && strchr (text, '-') == NULL)
    {
      if (sscanf (text, "%4d%2d%2d", &y, &m, &d) != 3)
        return NULL;
    }
  else if ((length == 4 || length == 7 || length == 10) &&
           (length < 7 || text[4] == '-') && (length < 10 || text[7] == '-'))
    {
      y = atoi (text);
      if (length >= 7)
        m = atoi (text + 5);
      if (length == 10)
        d = atoi (text + 8);
    }
  else
    return NULL;
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
    return NULL;
  return g_date_time_new (utc, y, m, d, 0, 0, 0);
}

GDateTime *
pr_feed_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  if (g_ascii_isdigit (trimmed[0]) && strlen (trimmed) > 10 && trimmed[4] == '-')
    {
      GDateTime *date = parse_iso_time (trimmed, utc);

      if (date != NULL)
        return date;
    }
  if (g_ascii_isdigit (trimmed[0]) && strlen (trimmed) <= 10 && strchr (trimmed, ' ') == NULL)
    return parse_day (trimmed, utc);
  return parse_rfc822 (trimmed);
}
