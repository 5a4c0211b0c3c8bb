/* pr-dateline.c: recognising a release's dateline */
#include <string.h>

#include "pr-dateline.h"
#include "pr-text.h"
#include "pr-wire.h"

/* How far into a paragraph a dateline may reach. */
#define HEAD_BYTES 360

typedef struct {
  gsize start, end;
  char *tag;
} WireMatch;

static GRegex *slash_wire_re;
static GRegex *paren_wire_re;
static GRegex *dash_wire_re;
static GRegex *after_date_re;

static void
ensure_regexes (void)
{
  static gsize init = 0;

  if (g_once_init_enter (&init))
    {
      /* /PRNewswire/, /PRNewswire-AsiaNet/, / PR Karma /, /ots/PRNewswire/, /美通社/ */
      slash_wire_re = g_regex_new ("(?<![:/\\p{L}_])/\\s*((?:ots/)?[^/\\s][^/\\n]{0,58}?)\\s*/",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      /* (BUSINESS WIRE), (GLOBE NEWSWIRE), (Newsworthy.ai), (Marketwired - Jan. 5, 2016) */
      paren_wire_re = g_regex_new ("[(\\[]\\s*([^()\\[\\]]{2,70}?)\\s*[)\\]]",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      /* - Media OutReach Newswire -, – PRISM MediaWire (…) –, --News Direct--:
       * any capitalised phrase between dashes, kept only when it reads like a wire. */
      dash_wire_re = g_regex_new ("(?:^|(?<=\\s)|(?<=,))(?:--|[-–—])\\s*"
                                  "(\\p{Lu}[\\w.&'’ -]{1,50}?(?:\\s*\\([^()]{0,80}\\))?)\\s*(?=--|[-–—])",
                                  G_REGEX_OPTIMIZE, 0, NULL);
      /* What may follow a date inside a dateline: a time and zone, "电". */
      after_date_re = g_regex_new ("^(?:\\s*,?\\s*(?:@|at|um|à|a las)?\\s*\\d{1,2}[:.h]\\d\\d(?::\\d\\d)?"
                                   "\\s*(?:[AaPp]\\.?[Mm]\\.?)?(?:\\s+(?:[A-Z]{2,5}|Central|Eastern|Pacific|Mountain)\\b(?:\\s+(?:Time|Daylight Time|Standard Time))?)?)?"
                                   "(?:\\s*电)?",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&init, 1);
    }
}

static gboolean
find_wire (GRegex     *regex,
           const char *text,
           gsize       limit,
           gboolean    need_wire_like,
           WireMatch  *out)
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (regex, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      int start, end;
      g_autofree char *tag = g_match_info_fetch (info, 1);

      g_match_info_fetch_pos (info, 0, &start, &end);
      if ((gsize) start >= limit)
        break;
      g_strstrip (tag);
      if (need_wire_like && !pr_wire_is_wire_like (tag))
        continue;
      /* A slash token must not be a path or a URL piece. */
      if (regex == slash_wire_re && (strstr (tag, "://") != NULL || strstr (tag, "www.") != NULL))
        continue;
      out->start = start;
      out->end = end;
      out->tag = g_steal_pointer (&tag);
      return TRUE;
    }
  return FALSE;
}

/* The earliest wire marker of any form within the head. */
static gboolean
find_any_wire (const char *text,
               gsize       limit,
               WireMatch  *out)
{
  WireMatch best = { 0 };
  WireMatch m;
  gboolean found = FALSE;
  struct { GRegex *re; gboolean need; } kinds[] = {
    { slash_wire_re, FALSE },
    { paren_wire_re, TRUE },
    { dash_wire_re, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      memset (&m, 0, sizeof m);
      if (find_wire (kinds[i].re, text, limit, kinds[i].need, &m))
        {
          /* A slash token that is no wire ("/ 2024 /") only counts after a
           * date or place, which the caller checks; prefer known wires. */
          if (kinds[i].re == slash_wire_re && !pr_wire_is_wire_like (m.tag) &&
              g_utf8_strlen (m.tag, -1) > 40)
            {
              g_free (m.tag);
              continue;
            }
          if (!found || m.start < best.start)
            {
              g_free (best.tag);
              best = m;
              found = TRUE;
            }
          else
            g_free (m.tag);
        }
    }
  *out = best;
  return found;
}

static gboolean
is_connector (const char *word)
{
  static const char * const connectors[] = {
    "and", "&", "y", "et", "und", "e", "de", "del", "la", "el", "los", "las", "of",
    "upon", "on", "am", "an", "der", "sur", "da", "do", "dos", "das", "di", "du",
    "le", "les", "van", "von", "den", "im", "in", "au", "aux", "al", "st", "st.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (connectors); i++)
    if (g_ascii_strcasecmp (word, connectors[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (pr_text_unichar_is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* A place reads like "AUSTIN, Texas" or "San Salvador, SV": few words, each
 * capitalised (or a connector), no sentence in it. */
static gboolean
place_is_valid (const char *place)
{
  g_auto(GStrv) words = NULL;
  guint n_words = 0;

  if (*place == '\0')
    return TRUE;
  if (strlen (place) > 80)
    return FALSE;
  if (has_cjk (place))
    return g_utf8_strlen (place, -1) <= 20 && strpbrk (place, ".:;!?") == NULL;

  words = g_strsplit_set (place, " ,()[]/", -1);
  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      gunichar first;

      if (*w == '\0')
        continue;
      n_words++;
      first = g_utf8_get_char (w);
      if (g_unichar_isdigit (first))
        return FALSE;
      if (!g_unichar_isupper (first) && !is_connector (w) && first != '-' &&
          first != 0x2013 && first != 0x2014)
        return FALSE;
      /* "Inc." or "Calif." are fine, a sentence end after a long word is not. */
      if (g_str_has_suffix (w, ".") && strlen (w) > 6 && !pr_text_is_all_caps (w))
        return FALSE;
    }
  return n_words > 0 && n_words <= 8;
}

static char *
trim_chars (const char *text,
            gsize       length,
            gboolean    keep_slash)
{
  g_autofree char *copy = g_strndup (text, length);
  char *p = g_strstrip (copy);
  gsize len = strlen (p);

  /* Trailing ", - – — / :" go; a closing bracket stays. */
  while (len > 0)
    {
      const char *prev = g_utf8_find_prev_char (p, p + len);
      gunichar c = g_utf8_get_char (prev);

      if (c == ',' || c == '-' || c == 0x2013 || c == 0x2014 || (c == '/' && !keep_slash) ||
          c == ':' || c == ' ' || c == 0xFF0C || c == '|')
        len = prev - p;
      else
        break;
    }
  return g_strndup (p, len);
}

static char *
trim_separators (const char *text,
                 gsize       length)
{
  return trim_chars (text, length, FALSE);
}

/* The place before a date, without separators or a filler word before the
 * date ("TORONTO (Ontario) – le 16 octobre", "MADRID, el 5 de mayo"). */
static char *
trim_place (const char *text,
            gsize       length)
{
  static const char * const fillers[] = { " le", " el", " am", " on", " the", " du", " den", " il" };
  char *place = trim_separators (text, length);

  for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
    if (g_str_has_suffix (place, fillers[i]))
      {
        char *shorter = trim_separators (place, strlen (place) - strlen (fillers[i]));
        g_free (place);
        return shorter;
      }
  return place;
}

/* Separator between place and what follows: required unless CJK or a bracket. */
static gboolean
gap_has_separator (const char *gap,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (strchr (",-/([|", gap[i]) != NULL || (guchar) gap[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Only separators, spaces and fillers ("le", "el") between two parts. */
static gboolean
gap_is_filler (const char *gap,
               gsize       length)
{
  g_autofree char *copy = g_strndup (gap, length);
  g_auto(GStrv) words = g_strsplit_set (copy, " ,-/–—|:", -1);

  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (!is_connector (words[i]) && strcmp (words[i], "–") != 0 &&
          strcmp (words[i], "—") != 0 && strcmp (words[i], "，") != 0)
        return FALSE;
    }
  return TRUE;
}

static gsize
skip_body_separator (const char *text,
                     gsize       offset,
                     gboolean    allow_comma)
{
  const char *p = text + offset;

  for (;;)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '-' || c == 0x2013 || c == 0x2014 || c == ':' || c == '/' ||
          c == '|' || c == 0xFF1A || (allow_comma && (c == ',' || c == 0xFF0C)))
        p = g_utf8_next_char (p);
      else
        break;
    }
  return p - text;
}

void
pr_dateline_clear (PrDateline *dateline)
{
  g_clear_pointer (&dateline->text, g_free);
  g_clear_pointer (&dateline->place, g_free);
  g_clear_pointer (&dateline->city, g_free);
  g_clear_pointer (&dateline->region, g_free);
  g_clear_pointer (&dateline->source_tag, g_free);
  memset (dateline, 0, sizeof *dateline);
}

static const char * const cjk_countries[] = {
  "中华人民共和国", "中国", "英国", "美国", "日本", "德国", "法国", "香港", "澳门", "台湾",
  "新加坡", "韩国", "加拿大", "澳大利亚", "印度", "俄罗斯", "意大利", "西班牙", "瑞士",
  "荷兰", "阿联酋", "马来西亚", "泰国", "越南", "印度尼西亚", "菲律宾", "巴西", "墨西哥",
  "沙特阿拉伯", "以色列", "瑞典", "挪威", "丹麦", "芬兰", "比利时", "奥地利", "爱尔兰",
  "新西兰", "南非", "土耳其", "波兰", "葡萄牙", "希腊", "埃及", "阿根廷", "智利",
};

static char *
tidy_part (const char *part,
           gboolean    is_city)
{
  g_autofree char *clean = g_strstrip (g_strdup (part));

  /* Codes such as "SC", "DC" and "ON" stay as they are. */
  if (!is_city && g_utf8_strlen (clean, -1) <= 3)
    return g_steal_pointer (&clean);
  return pr_text_title_case_caps (clean);
}

static void
split_segment (const char  *segment,
               char       **city,
               char       **region)
{
  const char *open;
  const char *comma;

  *city = NULL;
  *region = NULL;

  /* "TORONTO (Ontario)", "New Delhi [India]" */
  if ((open = strpbrk (segment, "([")) != NULL && strpbrk (open, ")]") != NULL)
    {
      g_autofree char *c = g_strndup (segment, open - segment);
      g_autofree char *r = g_strndup (open + 1, strpbrk (open, ")]") - open - 1);

      *city = tidy_part (c, TRUE);
      *region = tidy_part (r, FALSE);
      return;
    }

  comma = strchr (segment, ',');
  if (comma == NULL)
    comma = strstr (segment, "，");
  if (comma != NULL)
    {
      g_autofree char *c = g_strndup (segment, comma - segment);
      g_auto(GStrv) rest = g_strsplit_set (comma + (*comma == ',' ? 1 : 3), ",", -1);

      *city = tidy_part (c, TRUE);
      /* "WASHINGTON, DC, UNITED STATES": the first region part is the nearer. */
      for (guint i = 0; rest[i]; i++)
        if (*g_strstrip (rest[i]) != '\0')
          {
            *region = tidy_part (rest[i], FALSE);
            break;
          }
      return;
    }

  if (has_cjk (segment))
    for (guint i = 0; i < G_N_ELEMENTS (cjk_countries); i++)
      if (g_str_has_prefix (segment, cjk_countries[i]) &&
          strlen (segment) > strlen (cjk_countries[i]))
        {
          *region = g_strdup (cjk_countries[i]);
          *city = g_strstrip (g_strdup (segment + strlen (cjk_countries[i])));
          return;
        }

  *city = tidy_part (segment, TRUE);
}

void
pr_dateline_split_place (const char  *place,
                         char       **city,
                         char       **region)
{
  static GRegex *and_re;
  static gsize init = 0;
  g_auto(GStrv) segments = NULL;
  GString *cities = g_string_new (NULL);

  if (g_once_init_enter (&init))
    {
      and_re = g_regex_new ("\\s*,?\\s+(?:and|&|y|et|und|e)\\s+", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&init, 1);
    }

  *region = NULL;
  segments = g_regex_split (and_re, place, 0);
  for (guint i = 0; segments[i]; i++)
    {
      g_autofree char *c = NULL;
      g_autofree char *r = NULL;

      if (*g_strstrip (segments[i]) == '\0')
        continue;
      split_segment (segments[i], &c, &r);
      if (c != NULL && *c)
        g_string_append_printf (cities, "%s%s", cities->len ? " and " : "", c);
      if (*region == NULL && r != NULL && *r)
        *region = g_steal_pointer (&r);
    }
  *city = cities->len ? g_string_free (cities, FALSE) : (g_string_free (cities, TRUE), NULL);
}

PrDatelineStrength
pr_dateline_match (const char *text,
                   PrDateline *dl)
{
  gsize len = strlen (text);
  gsize limit = MIN (len, HEAD_BYTES);
  WireMatch wire = { 0 };
  PrDateMatch date = { 0 };
  gboolean has_wire, has_date;
  gsize first, last_end;
  g_autofree char *place = NULL;

  ensure_regexes ();
  memset (dl, 0, sizeof *dl);

  has_wire = find_any_wire (text, limit, &wire);
  has_date = pr_date_find (text, limit, &date);

  /* The date and the wire must sit together near the start. */
  if (has_date && has_wire)
    {
      gsize a_end = MIN (date.end, wire.end);
      gsize b_start = MAX (date.start, wire.start);
      gboolean overlap = date.start < wire.end && wire.start < date.end;

      if (!overlap && b_start > a_end &&
          !gap_is_filler (text + a_end, b_start - a_end) &&
          !(date.end <= wire.start && g_regex_match_full (after_date_re, text + date.end,
                                                           wire.start - date.end, 0, 0, NULL, NULL)))
        {
          /* Whichever comes first is the dateline's; drop the other. */
          if (date.start < wire.start)
            has_wire = FALSE;
          else
            has_date = FALSE;
        }
    }

  if (!has_date && !has_wire)
    return PR_DATELINE_NONE;

  first = has_date && has_wire ? MIN (date.start, wire.start) : has_date ? date.start : wire.start;
  last_end = has_date && has_wire ? MAX (date.end, wire.end) : has_date ? date.end : wire.end;

  /* Let a time ("9:55", "@ 11:15 AM Central") or "电" run on after the date. */
  if (has_date && date.end == last_end)
    {
      g_autoptr(GMatchInfo) info = NULL;

      if (g_regex_match (after_date_re, text + date.end, 0, &info))
        {
          int s, e;
          g_match_info_fetch_pos (info, 0, &s, &e);
          last_end += e;
        }
    }

  place = trim_place (text, first);
  if (!place_is_valid (place))
    goto none;
  if (*place != '\0' && !has_cjk (place) &&
      !gap_has_separator (text + strlen (place), first - strlen (place)) &&
      !(has_wire && first == wire.start))
    goto none;

  /* A date with no place and no wire is a date in a sentence, not a dateline. */
  if (!has_wire && *place == '\0')
    goto none;

  /* Something must end the dateline: a dash, a slash, a colon, the end, or
   * (after a date) a comma. */
  {
    const char *after = text + last_end;
    gsize body = skip_body_separator (text, last_end, has_date);

    while (*after == ' ')
      after++;
    if (*after != '\0' && body == last_end)
      goto none;
    if (*after != '\0' && body == (gsize) (after - text) && !has_wire)
      goto none;
    dl->body_offset = body;
  }

  dl->strength = (*place != '\0' && (has_date || has_wire)) || (has_date && has_wire)
                 ? PR_DATELINE_STRONG : PR_DATELINE_WEAK;
  dl->text = trim_chars (text, last_end, TRUE);
  dl->place = g_steal_pointer (&place);
  if (*dl->place)
    pr_dateline_split_place (dl->place, &dl->city, &dl->region);
  if (has_wire)
    dl->source_tag = g_steal_pointer (&wire.tag);
  dl->has_date = has_date;
  if (has_date)
    dl->date = date;
  g_free (wire.tag);
  return dl->strength;

none:
  g_free (wire.tag);
  memset (dl, 0, sizeof *dl);
  return PR_DATELINE_NONE;
}
