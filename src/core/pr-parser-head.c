/* pr-parser-head.c: the top of a release: page furniture, the dateline,
 * the headline and its furniture, a site's name joined to the headline */
#include <string.h>

#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-parser-private.h"
#include "pr-text.h"

/* How far down a dateline is looked for. */
#define MAX_DATELINE_BLOCKS 12
#define MAX_DATELINE_OFFSET 4000

/* ---- Page furniture ------------------------------------------------------ */

/* Text copied from a web page starts with the site's furniture: menus,
 * breadcrumbs, the site's name, share bars, bylines, time stamps, the
 * site's field labels, a cookie notice. Before the dateline is looked for,
 * the top lines are marked by their shape and by their place among the
 * others, never by the strings of particular sites: a marked line is no
 * headline, and it does not use up the depth the dateline is looked for
 * in. docs/parser.md lists the signals. */

/* How far down furniture is looked for (a page's header is shorter). */
#define MAX_FURNITURE_LINES 200
#define MAX_FURNITURE_BYTES 16000

gboolean
pr_parser_is_marked (Parse *p,
                     guint  line)
{
  return line < p->n_marks && p->marks[line] != MARK_NONE;
}

/* Words as separated by spaces ("Sign in" 2, "Home > News" 3). */
static guint
count_tokens (const char *text)
{
  guint n = 0;
  gboolean in_token = FALSE;

  for (; *text; text++)
    {
      gboolean space = *text == ' ' || *text == '\t';

      n += !space && !in_token;
      in_token = !space;
    }
  return n;
}

static gboolean
has_digit (const char *text)
{
  return strpbrk (text, "0123456789") != NULL;
}

/* A site's address, alone or with a word: "www.example.co.uk",
 * "example.com News", "https://example.com/business". */
static gboolean
is_domain_line (const char *text)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *before = NULL;
  int s, e;

  if (strchr (text, '.') == NULL || pr_parser_ulen_upto (text, 100) > 100 ||
      !g_regex_match (pr_parser_rx (RX_DOMAIN), text, 0, &info))
    return FALSE;
  g_match_info_fetch_pos (info, 0, &s, &e);
  before = g_strndup (text, s);
  return count_tokens (before) + count_tokens (text + e) <= 1;
}

/* Short parts joined by spaced separators: "Home > News > Business",
 * "News › Technology", "Anna Berg | 4 min read". A comma or a date means a
 * dateline ("MISSISSAUGA, ON / PR Karma / February 29, 2024"), a longer
 * part a headline ("Acme Opens an Office | Site"). */
static gboolean
is_breadcrumb (const char *text)
{
  static const char * const separators[] = { " > ", " › ", " » ", " | ", " · ", " / ", " • " };
  const char *part = text;
  guint parts = 0;
  PrDateMatch date;

  if (pr_parser_ulen_upto (text, 100) > 100 || strchr (text, ',') != NULL)
    return FALSE;
  for (;;)
    {
      const char *next = NULL;
      gsize sep_len = 0;
      g_autofree char *piece = NULL;
      guint words;

      for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
        {
          const char *at = strstr (part, separators[i]);

          if (at != NULL && (next == NULL || at < next))
            {
              next = at;
              sep_len = strlen (separators[i]);
            }
        }
      piece = next != NULL ? g_strndup (part, next - part) : g_strdup (part);
      words = count_tokens (piece);
      if (words == 0 || words > 3 || strlen (piece) > 40)
        return FALSE;
      parts++;
      if (next == NULL)
        break;
      part = next + sep_len;
    }
  return parts >= 2 && !(has_digit (text) && pr_date_find (text, -1, &date));
}

/* A site's field label: "Published:", "Category: Business", "Tags: a, b,
 * c". All capitals before a colon open a dateline ("LONDON:"); contact
 * labels are kept for the contacts. Sets *bare when nothing follows the
 * colon (the value is then on the next line). */
static gboolean
is_label_line (const char *text,
               gboolean   *bare)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  guint words;

  if (strchr (text, ':') == NULL || pr_parser_ulen_upto (text, 100) > 100 ||
      !g_regex_match (pr_parser_rx (RX_LABEL), text, 0, &info))
    return FALSE;
  label = g_match_info_fetch (info, 1);
  value = g_match_info_fetch (info, 2);
  if ((pr_text_is_all_caps (label) && pr_parser_ulen_upto (label, 3) > 3) ||
      pr_parser_rx_match (RX_CONTACT, text))
    return FALSE;
  g_strstrip (value);
  *bare = *value == '\0';
  words = count_tokens (value);
  if (*bare || (words <= 3 && !pr_parser_ends_sentence (value)))
    return TRUE;

  /* A list of tags: short parts between commas. */
  if (words <= 12 && strchr (value, ',') != NULL && !pr_parser_ends_sentence (value))
    {
      g_auto(GStrv) tags = g_strsplit (value, ",", -1);

      for (guint i = 0; tags[i] != NULL; i++)
        if (count_tokens (tags[i]) > 3)
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* A short line that is a date with a word or two around it: "Published
 * June 5, 2024", "Updated 10:32 GMT, 4 March 2025", "Publié le 4 mars 2025
 * à 10h32", "Posted on March 4, 2025 by Anna Berg". Not a place and a date
 * ("Leeds, March 4, 2025") nor a headline ("Annual Meeting – June 5"). */
static gboolean
is_dated_line (const char *text)
{
  g_autoptr(GString) rest = NULL;
  g_autofree char *untimed = NULL;
  g_autofree char *unsigned_ = NULL;
  g_auto(GStrv) tokens = NULL;
  PrDateMatch date;
  guint words = 0, capitalised = 0;

  if (pr_parser_ulen_upto (text, 80) > 80 || pr_parser_ends_sentence (text))
    return FALSE;
  /* "LEEDS, England, March 4": a place in capitals opens a dateline (and
   * spares the date search). */
  {
    g_autofree char *first = g_strndup (text, strcspn (text, " ,"));

    if (pr_text_is_all_caps (first) && pr_parser_ulen_upto (first, 1) > 1)
      return FALSE;
  }
  if (!pr_date_find (text, -1, &date))
    return FALSE;

  rest = g_string_new (text);
  for (guint n = 0; n < 3; n++)
    {
      g_string_erase (rest, date.start, date.end - date.start);
      if (!pr_date_find (rest->str, -1, &date))
        break;
    }
  untimed = g_regex_replace (pr_parser_rx (RX_TIME), rest->str, -1, 0, " ", 0, NULL);
  unsigned_ = g_regex_replace (pr_parser_rx (RX_BYLINE_TAIL), untimed, -1, 0, "", 0, NULL);

  tokens = g_strsplit_set (unsigned_, " \t", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      gsize len = strlen (token);
      gunichar first;
      gboolean letters = FALSE;

      for (const char *c = token; *c; c = g_utf8_next_char (c))
        letters |= g_unichar_isalpha (g_utf8_get_char (c));
      if (!letters)
        continue;
      words++;
      first = g_utf8_get_char (token);
      if (pr_text_is_all_caps (token) && pr_parser_ulen_upto (token, 1) > 1)
        return FALSE;
      if (g_unichar_isupper (first) && token[len - 1] != ':')
        {
          /* "Leeds," before the date: a dateline's place. */
          if (token[len - 1] == ',')
            return FALSE;
          capitalised++;
        }
    }
  return words <= 4 && capitalised <= 1;
}

/* A cookie notice: a sentence or two on "cookies", above any content
 * (a release about biscuits is no notice), and no dateline. */
static gboolean
is_cookie_line (const char *text)
{
  PrDateline dl;

  if (pr_parser_ulen_upto (text, 300) > 300)
    return FALSE;
  for (const char *c = text; *c; c++)
    if ((*c == 'c' || *c == 'C') && g_ascii_strncasecmp (c, "cookies", 7) == 0)
      {
        if (pr_dateline_match (text, &dl) == PR_DATELINE_NONE)
          return TRUE;
        pr_dateline_clear (&dl);
        return FALSE;
      }
  return FALSE;
}

/* A menu's item, a section's or a site's name: a few words, no sentence,
 * no dateline punctuation. */
static gboolean
is_menu_line (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  const char *last = g_utf8_find_prev_char (text, text + strlen (text));
  gunichar end = last != NULL ? g_utf8_get_char (last) : 0;
  guint len = pr_parser_ulen_upto (text, 32);

  if (len > 32 || !g_unichar_isalnum (first))
    return FALSE;
  if (pr_text_unichar_is_cjk (first))
    return len <= 8;
  return count_tokens (text) <= 4 && strpbrk (text, ",;:@()[]\"/") == NULL && strstr (text, "--") == NULL &&
         end != '.' && end != '!' && end != '?' && end != '-' && end != 0x2013 && end != 0x2014 &&
         !pr_parser_rx_match (RX_BULLET, text);
}

/* The first line of the body: nothing below it is page furniture. */
gboolean
pr_parser_is_prose_line (const char *text)
{
  guint len = pr_parser_ulen_upto (text, 200);

  return len > 200 || (len >= 80 && pr_parser_ends_sentence (text) && count_tokens (text) >= 10);
}

typedef struct {
  gboolean after_provided_by;
  gboolean after_label;       /* a label with its value on the next line */
  gboolean in_cookie;         /* a cookie notice's buttons follow */
  gboolean after_content;     /* a line that is no furniture came */
} FurnitureState;

/* Furniture by its shape alone. */
static gboolean
is_furniture_shape (const char     *line,
                    FurnitureState *state)
{
  gboolean bare = FALSE;
  PrDateMatch date;

  if (state->after_provided_by)
    {
      state->after_provided_by = FALSE;
      return TRUE;
    }
  if (g_str_has_prefix (line, "News provided by"))
    {
      state->after_provided_by = strlen (line) <= strlen ("News provided by") + 1;
      return TRUE;
    }
  if ((state->after_label || state->in_cookie) && is_menu_line (line))
    {
      state->after_label = FALSE;
      return TRUE;
    }
  state->after_label = FALSE;

  if (pr_parser_rx_match (RX_FURNITURE, line) ||
      (pr_parser_rx_match (RX_BYLINE_NAME, line) && pr_parser_ulen_upto (line, 60) <= 60))
    return TRUE;
  if (is_label_line (line, &bare))
    {
      state->after_label = bare;
      return TRUE;
    }
  if (is_breadcrumb (line) || is_domain_line (line))
    return TRUE;
  /* The date searches last: they cost the most. */
  if (has_digit (line))
    {
      if (pr_parser_rx_match (RX_COUNTER, line))
        return TRUE;
      if (pr_parser_rx_match (RX_NOISE, line) && pr_parser_ulen_upto (line, 30) < 30)
        {
          g_autofree char *rest = g_regex_replace (pr_parser_rx (RX_NOISE), line, -1, 0, "", 0,
                                                   NULL);

          if (*g_strstrip (rest) == '\0')
            return TRUE;
        }
      return pr_date_parse_line (line, &date) || is_dated_line (line);
    }
  return FALSE;
}

/* A headline's shape: some words, no sentence, no dateline. Under a run
 * of short lines it shows them to be furniture. */
static gboolean
looks_like_headline (const char *line)
{
  PrDateline dl;

  if (line == NULL || pr_parser_ulen_upto (line, 250) > 250 || count_tokens (line) <= 4 ||
      pr_parser_ends_sentence (line))
    return FALSE;
  if (pr_dateline_match (line, &dl) == PR_DATELINE_NONE)
    return TRUE;
  pr_dateline_clear (&dl);
  return FALSE;
}

/* A run of short lines (blank lines and furniture between them do not end
 * it) is a menu when it has three lines, or two above a headline; a short
 * line in capitals above a headline is a site's or section's name. */
static void
end_run (Parse       *p,
         const guint *run,
         guint        n,
         const char  *below)
{
  int headline_below = -1;  /* not looked at yet: it takes a dateline match */

  for (guint k = 0; k < n; k++)
    {
      const char *line = pr_parser_skip_space (p->lines[run[k]]);

      if (n < 3 && (n == 2 || (pr_text_is_all_caps (line) && count_tokens (line) <= 2)))
        {
          if (headline_below < 0)
            headline_below = looks_like_headline (below);
          if (!headline_below)
            continue;
        }
      else if (n < 3)
        continue;
      p->marks[run[k]] = MARK_RUN;
    }
}

void
pr_parser_mark_furniture (Parse *p)
{
  FurnitureState state = { 0 };
  guint run[MAX_FURNITURE_LINES];
  guint n_run = 0, i, limit = MIN (p->n_lines, p->first + MAX_FURNITURE_LINES);
  gsize bytes = 0;

  p->marks = g_new0 (guint8, limit);
  for (i = p->first; i < limit && bytes < MAX_FURNITURE_BYTES; i++)
    {
      const char *line = pr_parser_skip_space (p->lines[i]);

      bytes += strlen (p->lines[i]) + 1;
      if (*line == '\0')
        {
          state.in_cookie = FALSE;
          continue;
        }
      /* No furniture is this long (1,200 bytes hold 300 characters):
       * the body has started. */
      if (strnlen (line, 1201) > 1200 || pr_parser_ulen_upto (line, 300) > 300)
        break;
      /* A cookie notice reads like a paragraph; the body starts with one. */
      if (!state.after_content && is_cookie_line (line))
        {
          state.in_cookie = TRUE;
          p->marks[i] = MARK_SHAPE;
          continue;
        }
      /* A sentence above the page's content ("Sign up for our newsletter.")
       * is no body yet. */
      if (pr_parser_is_prose_line (line))
        {
          if (state.after_content)
            break;
          end_run (p, run, n_run, line);
          n_run = 0;
          state.after_content = TRUE;
          continue;
        }
      if (is_furniture_shape (line, &state))
        {
          p->marks[i] = MARK_SHAPE;
          continue;
        }
      /* Or with the first two lines of hard-wrapped text. */
      if (pr_parser_ulen_upto (line, 60) >= 60 && i + 1 < p->n_lines &&
          pr_parser_ulen_upto (p->lines[i + 1], 60) >= 60)
        break;
      if (is_menu_line (line))
        {
          run[n_run++] = i;
          continue;
        }
      end_run (p, run, n_run, line);
      n_run = 0;
      state.after_content = TRUE;
    }
  end_run (p, run, n_run, i < limit ? pr_parser_skip_space (p->lines[i]) : NULL);
  p->n_marks = i;
}

/* A date in a furniture line ("Published: March 4, 2025") stands in for
 * the release's when its dateline has none. */
void
pr_parser_note_furniture_date (Parse      *p,
                               const char *line)
{
  PrDateMatch date;

  if (!p->has_line_date && has_digit (line) &&
      pr_date_find (line, -1, &date) && date.month != 0)
    {
      p->line_date = date;
      p->has_line_date = TRUE;
    }
}

/* ---- Dateline ------------------------------------------------------------ */

/* Joins the lines of a run from `from` with single spaces, remembering where
 * each line starts so that an offset can be mapped back. */
static char *
join_run (char   **lines,
          guint    from,
          guint    end,
          GArray  *starts)
{
  GString *text = g_string_new (NULL);

  for (guint i = from; i < end && text->len < 1200; i++)
    {
      const char *content = pr_parser_skip_space (lines[i]);
      gsize start, n;

      if (text->len)
        g_string_append_c (text, ' ');
      start = text->len;
      g_array_append_val (starts, start);
      /* 1200 bytes hold any dateline: a 10 MB line is not matched whole
       * (cut at a character boundary). */
      n = strnlen (content, 1200 - MIN (start, 1200));
      while (n > 0 && ((guchar) content[n] & 0xC0) == 0x80)
        n--;
      g_string_append_len (text, content, n);
    }
  return g_string_free (text, FALSE);
}

/* Candidates in order of trust: a dateline with a wire or with body text
 * after it; a place and date alone on a line ("Annual Meeting – June 5,
 * 2024" may be a headline); a wire alone. */
typedef enum {
  RANK_NONE,
  RANK_WEAK,
  RANK_BARE,
  RANK_STRONG,
} Rank;

gboolean
pr_parser_find_dateline (Parse      *p,
                         DatelineAt *at)
{
  PrDateline best = { 0 };
  DatelineAt best_at = { 0 };
  Rank best_rank = RANK_NONE;
  guint blocks = 0;
  gsize offset = 0, line_offset;
  guint i = p->first;

  while (i < p->n_lines && blocks < MAX_DATELINE_BLOCKS && offset < MAX_DATELINE_OFFSET &&
         best_rank != RANK_STRONG)
    {
      guint end, start;

      if (pr_parser_is_blank (p->lines[i]))
        {
          i++;
          continue;
        }
      for (end = i; end < p->n_lines && !pr_parser_is_blank (p->lines[end]); end++)
        ;
      /* Page furniture counts neither as a block nor for the depth: the
       * block starts at its first other line. */
      for (start = i; start < end && pr_parser_is_marked (p, start); start++)
        ;

      /* Within a block too, no further down than MAX_DATELINE_OFFSET: each
       * line of a block of 100,000 would be joined and matched. */
      line_offset = offset;
      for (guint l = i; l < end && best_rank != RANK_STRONG && line_offset < MAX_DATELINE_OFFSET;
           line_offset += pr_parser_is_marked (p, l) ? 0 : strlen (p->lines[l]) + 1, l++)
        {
          g_autoptr(GArray) starts = NULL;
          g_autofree char *text = NULL;
          PrDateline dl;
          PrDatelineStrength strength;
          Rank rank = RANK_NONE;
          guint k = 0;

          /* "Published: June 5, 2024", "By Anna Berg": no place. */
          if (l < p->n_marks && p->marks[l] == MARK_SHAPE)
            continue;
          starts = g_array_new (FALSE, FALSE, sizeof (gsize));
          text = join_run (p->lines, l, end, starts);
          strength = pr_dateline_match (text, &dl);
          if (strength == PR_DATELINE_STRONG && (l <= start || blocks < 4))
            rank = dl.source_tag != NULL || text[dl.body_offset] != '\0' ? RANK_STRONG : RANK_BARE;
          else if (strength == PR_DATELINE_WEAK && l <= start && blocks < 4)
            rank = RANK_WEAK;

          /* A bare place and date only counts within the next two blocks. */
          if (rank <= best_rank || (best_rank == RANK_BARE && blocks > 2))
            {
              pr_dateline_clear (&dl);
              continue;
            }

          /* Map the body offset back to a line and column. */
          while (k + 1 < starts->len && g_array_index (starts, gsize, k + 1) <= dl.body_offset)
            k++;
          pr_dateline_clear (&best);
          best = dl;
          best_rank = rank;
          best_at.line = l;
          best_at.body_line = l + k;
          best_at.body_col = dl.body_offset - g_array_index (starts, gsize, k);
        }

      for (guint l = start; l < end; l++)
        offset += pr_parser_is_marked (p, l) ? 0 : strlen (p->lines[l]) + 1;
      if (start < end)
        blocks++;
      i = end;
    }

  if (best_rank == RANK_NONE)
    return FALSE;
  *at = best_at;
  p->dateline = best;
  p->has_dateline = TRUE;
  return TRUE;
}

/* ---- Headline and furniture -------------------------------------------- */

gboolean
pr_parser_is_furniture (Parse      *p,
                        const char *line,
                        gboolean   *after_provided_by)
{
  PrDateMatch date;

  if (*after_provided_by)
    {
      *after_provided_by = FALSE;
      pr_parser_add_known_org (p, line);
      return TRUE;
    }
  if (g_str_has_prefix (line, "News provided by"))
    {
      /* The issuer's name follows on the next line, unless on this one. */
      *after_provided_by = strlen (line) <= strlen ("News provided by") + 1;
      if (!*after_provided_by)
        pr_parser_add_known_org (p, line + strlen ("News provided by"));
      return TRUE;
    }
  if (pr_parser_rx_match (RX_FURNITURE, line) || pr_parser_rx_match (RX_CATEGORY_LIST, line))
    return TRUE;
  /* GlobeNewswire pages: "October 27, 2020 09:00 ET | Source: CarMax, Inc." */
  {
    g_autofree char *issuer = pr_parser_rx_group (RX_DATE_SOURCE, line, 2);

    if (issuer != NULL)
      {
        g_autofree char *date_part = pr_parser_rx_group (RX_DATE_SOURCE, line, 1);

        pr_parser_add_known_org (p, issuer);
        if (pr_date_parse_line (date_part, &date) && !p->has_line_date)
          {
            p->line_date = date;
            p->has_line_date = TRUE;
          }
        return TRUE;
      }
  }
  if (pr_date_parse_line (line, &date))
    {
      if (!p->has_line_date || (p->line_date.day == 0 && date.day != 0))
        {
          p->line_date = date;
          p->has_line_date = TRUE;
        }
      return TRUE;
    }
  if (pr_parser_rx_match (RX_BYLINE, line) && pr_date_find (line, -1, &date))
    return TRUE;
  if (pr_parser_rx_match (RX_NOISE, line) && pr_parser_ulen_upto (line, 30) < 30)
    {
      g_autofree char *rest = g_regex_replace (pr_parser_rx (RX_NOISE), line, -1, 0, "", 0, NULL);
      return *g_strstrip (rest) == '\0';
    }
  return FALSE;
}

/* Content lines above the dateline (or above the body), without furniture.
 * A hard-wrapped headline's second line is joined to it. */
void
pr_parser_collect_pre (Parse  *p,
                       guint   from,
                       guint   to)
{
  gboolean after_provided_by = FALSE;
  gboolean furniture_before = FALSE;
  guint prev_line = G_MAXUINT;
  guint group = 0;  /* the last group of lines with no furniture between them */

  for (guint i = from; i < to; i++)
    {
      g_autofree char *content = g_strstrip (g_strdup (p->lines[i]));

      if (*content == '\0')
        continue;
      if (pr_parser_is_furniture (p, content, &after_provided_by))
        {
          furniture_before = TRUE;
          continue;
        }
      if (pr_parser_is_marked (p, i))
        {
          if (p->marks[i] == MARK_SHAPE)
            pr_parser_note_furniture_date (p, content);
          furniture_before = TRUE;
          continue;
        }
      /* "Media Contact: Jane Roe, 555-0100" above the headline. */
      if (pr_parser_rx_match (RX_CONTACT, content) && pr_parser_has_contact_detail (content))
        {
          g_ptr_array_add (p->contacts, g_steal_pointer (&content));
          furniture_before = TRUE;
          continue;
        }

      /* A continuation of a wrapped line (previous line long, same block). */
      if (p->pre->len > 0 && prev_line == i - 1 && p->wrap_width &&
          pr_parser_ulen (g_ptr_array_index (p->pre, p->pre->len - 1)) >= p->wrap_width * 8 / 10)
        {
          char *last = g_ptr_array_index (p->pre, p->pre->len - 1);
          char *joined = g_strconcat (last, " ", content, NULL);

          g_ptr_array_index (p->pre, p->pre->len - 1) = joined;
          g_free (last);
        }
      else
        {
          if (furniture_before && p->pre->len > 0)
            group = p->pre->len;
          furniture_before = FALSE;
          g_ptr_array_add (p->pre, g_steal_pointer (&content));
        }
      prev_line = i;
    }

  /* The headline is the heading nearest above the dateline: short lines
   * or sentences kept apart from it by furniture ("Northern Ledger", "Sign
   * up for our newsletter.") are the page's. */
  if (group > 0 && looks_like_headline (g_ptr_array_index (p->pre, group)))
    {
      for (guint k = 0; k < group; k++)
        {
          const char *text = g_ptr_array_index (p->pre, k);

          if (count_tokens (text) > 5 && !pr_parser_ends_sentence (text))
            return;
        }
      g_ptr_array_remove_range (p->pre, 0, group);
    }
}

/* A site's name joined to the headline: "example.com - Headline",
 * "Headline | Site", "Headline - Site Name" when the name stands on a line
 * of its own too. A dash in a headline ("February 29th - March 3rd") stays. */
static const char * const site_separators[] = { " | ", " - ", " – ", " — ", " · ", " :: ", " » " };

static gboolean
is_site_part (Parse      *p,
              const char *part,
              const char *headline,
              const char *separator,
              gboolean    behind,
              gboolean    title,
              guint       from,
              guint       to)
{
  guint words = count_tokens (part);

  if (words == 0 || words > 6)
    return FALSE;
  if (words == 1 && is_domain_line (part))
    return TRUE;
  /* "Headline | Site": a short name behind the title's bar. */
  if (title && behind && strcmp (separator, " | ") == 0 && words <= 5 && count_tokens (headline) > words)
    return TRUE;
  for (guint i = from; i < to; i++)
    {
      const char *line = pr_parser_skip_space (p->lines[i]);

      if (g_ascii_strcasecmp (line, part) == 0)
        return TRUE;
    }
  return FALSE;
}

void
pr_parser_drop_site_name (Parse *p,
                          guint  from,
                          guint  to)
{
  g_autofree char *site = NULL;

  /* The headline, or the line under a site's name standing above it. */
  for (guint k = 0; k < MIN (p->pre->len, 2) && site == NULL; k++)
    {
      char *text = g_ptr_array_index (p->pre, k);

      for (int behind = 1; behind >= 0 && site == NULL; behind--)
        {
          const char *at = NULL, *separator = NULL;

          /* The last separator for a name behind, the first for one in front. */
          for (guint j = 0; j < G_N_ELEMENTS (site_separators); j++)
            {
              const char *found = behind ? g_strrstr (text, site_separators[j]) : strstr (text, site_separators[j]);

              if (found != NULL && (at == NULL || (behind ? found > at : found < at)))
                {
                  at = found;
                  separator = site_separators[j];
                }
            }
          if (at == NULL)
            continue;
          {
            g_autofree char *part = behind ? g_strdup (at + strlen (separator)) : g_strndup (text, at - text);
            g_autofree char *headline = behind ? g_strndup (text, at - text) : g_strdup (at + strlen (separator));

            g_strstrip (part);
            g_strstrip (headline);
            if (*headline != '\0' && is_site_part (p, part, headline, separator, behind, k == 0, from, to))
              {
                site = g_steal_pointer (&part);
                g_ptr_array_index (p->pre, k) = g_steal_pointer (&headline);
                g_free (text);
              }
          }
        }
    }

  /* The name on a line of its own between the headline and the dateline. */
  for (guint k = p->pre->len; site != NULL && k-- > 0;)
    if (g_ascii_strcasecmp (g_ptr_array_index (p->pre, k), site) == 0)
      g_ptr_array_remove_index (p->pre, k);
}
