/* pr-email-text.c: the email reader's text passes: body lines, forwarded-message headers,
 * signatures and list footers, the Subject */
#include <string.h>

#include "pr-email-private.h"
#include "pr-text.h"

/* ---- lines ---- */

static void
line_clear (PrEmailLine *line)
{
  g_free (line->text);
}

static GArray *
lines_new (void)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (PrEmailLine));

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  return lines;
}

static const char *
line_text (GArray *lines,
           guint   i)
{
  return g_array_index (lines, PrEmailLine, i).text;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The text after any "> " quoting. */
static const char *
unquote (const char *text)
{
  while (*text == ' ' || *text == '>')
    text++;
  return text;
}

GArray *
pr_email_text_lines (const char *text)
{
  GArray *lines = lines_new ();
  const char *p = text;

  while (TRUE)
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl != NULL ? nl : p + strlen (p);
      PrEmailLine line;

      if (nl == NULL && end == p)
        break;
      line.start = p - text;
      line.end = (end > p && end[-1] == '\r' ? end - 1 : end) - text;
      line.text = g_strndup (p, line.end - line.start);
      g_array_append_val (lines, line);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return lines;
}

void
pr_email_unescape_from (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      PrEmailLine *line = &g_array_index (lines, PrEmailLine, i);
      const char *p = line->text;

      while (*p == '>')
        p++;
      if (p > line->text && g_str_has_prefix (p, "From "))
        memmove (line->text, line->text + 1, strlen (line->text));
    }
}

char *
pr_email_join_lines (GArray *lines,
                     guint   from,
                     guint   to)
{
  GString *out = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (guint i = from; i < to; i++)
    {
      const char *text = line_text (lines, i);

      if (is_blank (text))
        continue;
      quoted = text[0] == '>';
      if (!quoted)
        break;
    }

  for (guint i = from; i < to; i++)
    {
      const char *text = line_text (lines, i);

      if (quoted && text[0] == '>')
        text += text[1] == ' ' ? 2 : 1;
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---- HTML as lines ---- */

typedef struct {
  const char *html;
  GArray     *lines;
  GString    *text;       /* the line being built */
  gsize       start;      /* where its text begins in html */
  gsize       end;        /* where its text ends */
  gboolean    space;      /* white space seen after its text */
  gboolean    item;       /* a list item begins: "• " before the text */
  guint       lists;      /* open <ul>/<ol> */
  guint       pre;        /* open <pre> */
} Render;

static char *
render_text (const char *raw)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *decoded = NULL;
  GString *out;

  if (g_utf8_validate (raw, -1, NULL))
    utf8 = g_strdup (raw);
  else
    {
      utf8 = g_convert (raw, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      if (utf8 == NULL)
        utf8 = g_utf8_make_valid (raw, -1);
    }
  decoded = pr_text_decode_entities (utf8);

  /* No-break spaces read as spaces: "From:&nbsp;Acme". */
  out = g_string_new (NULL);
  for (const char *p = decoded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00A0)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
render_push (Render     *r,
             const char *text,
             gsize       start,
             gsize       end)
{
  PrEmailLine line = { g_strdup (text), start, end };

  g_array_append_val (r->lines, line);
}

static gboolean
render_ends_blank (Render *r)
{
  return r->lines->len == 0 || *line_text (r->lines, r->lines->len - 1) == '\0';
}

/* Ends the line being built; @blank: a blank line after it (a paragraph
 * ends), @empty: a blank line even when no text was built (<br><br>). */
static void
render_break (Render  *r,
              gsize    at,
              gboolean blank,
              gboolean empty)
{
  if (r->text->len > 0)
    {
      g_autofree char *text = NULL;

      /* The signature separator keeps its space: "-- <br>". */
      if (r->space && strcmp (r->text->str, "--") == 0)
        g_string_append_c (r->text, ' ');
      text = render_text (r->text->str);
      render_push (r, text, r->start, r->end);
      g_string_truncate (r->text, 0);
    }
  else if (!empty)
    blank = FALSE;
  if (blank && !render_ends_blank (r))
    render_push (r, "", at, at);
  r->space = FALSE;
  r->item = FALSE;
}

static void
render_char (Render *r,
             gsize   at)
{
  char c = r->html[at];

  if (r->pre == 0 && g_ascii_isspace (c))
    {
      r->space = TRUE;
      return;
    }
  if (r->pre > 0 && c == '\n')
    {
      render_break (r, at, FALSE, FALSE);
      return;
    }
  if (r->text->len == 0)
    {
      r->start = at;
      if (r->item)
        {
          for (guint i = 1; i < r->lists; i++)
            g_string_append (r->text, "  ");
          g_string_append (r->text, "• ");
        }
    }
  else if (r->space)
    g_string_append_c (r->text, ' ');
  r->space = FALSE;
  g_string_append_c (r->text, c);
  r->end = at + 1;
}

static gboolean
name_is (const char *name,
         const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Where "</name" next starts at or after @from, case-insensitively, or @length. */
static gsize
find_close (const char *html,
            gsize       length,
            gsize       from,
            const char *name)
{
  gsize n = strlen (name);

  for (gsize i = from; i + 2 + n <= length; i++)
    if (html[i] == '<' && html[i + 1] == '/' && g_ascii_strncasecmp (html + i + 2, name, n) == 0)
      return i;
  return length;
}

/* Reads the tag at html[at] ('<'); returns the offset after it. */
static gsize
render_tag (Render *r,
            gsize   at,
            gsize   length)
{
  static const char *const skipped[] = { "script", "style", "title", "template", "noscript", "svg", NULL };
  static const char *const paragraphs[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                                            "blockquote", "pre", "hr", "ul", "ol", "dl", NULL };
  static const char *const lines[] = { "div", "tr", "li", "dt", "dd", "section", "article", "header",
                                       "footer", "center", "address", "figure", "figcaption",
                                       "caption", "main", "nav", "aside", "form", "body", NULL };
  const char *html = r->html;
  gsize i = at + 1;
  gboolean closing = FALSE;
  char name[16];
  guint n = 0;
  char quote = 0;

  if (at + 3 < length && strncmp (html + at, "<!--", 4) == 0)
    {
      const char *end = g_strstr_len (html + at + 4, length - at - 4, "-->");
      return end != NULL ? (gsize) (end - html) + 3 : length;
    }
  if (i < length && html[i] == '/')
    {
      closing = TRUE;
      i++;
    }
  if (i >= length || !(g_ascii_isalpha (html[i]) || (!closing && (html[i] == '!' || html[i] == '?'))))
    {
      render_char (r, at);
      return at + 1;
    }
  while (i < length && g_ascii_isalnum (html[i]))
    {
      if (n + 1 < sizeof name)
        name[n++] = html[i];
      i++;
    }
  name[n] = '\0';
  for (; i < length && (quote != 0 || html[i] != '>'); i++)
    {
      if (quote != 0 && html[i] == quote)
        quote = 0;
      else if (quote == 0 && (html[i] == '"' || html[i] == '\''))
        quote = html[i];
    }
  i = MIN (i + 1, length);

  if (!closing && name_is (name, skipped))
    {
      gsize close = find_close (html, length, i, name);
      const char *gt = memchr (html + close, '>', length - close);

      return gt != NULL ? (gsize) (gt - html) + 1 : length;
    }
  if (g_ascii_strcasecmp (name, "br") == 0)
    render_break (r, at, r->text->len == 0, TRUE);
  else if (name_is (name, paragraphs))
    {
      render_break (r, at, TRUE, FALSE);
      if (g_ascii_strcasecmp (name, "pre") == 0)
        r->pre = closing ? (r->pre > 0 ? r->pre - 1 : 0) : r->pre + 1;
      else if (g_ascii_strcasecmp (name, "ul") == 0 || g_ascii_strcasecmp (name, "ol") == 0)
        r->lists = closing ? (r->lists > 0 ? r->lists - 1 : 0) : r->lists + 1;
    }
  else if (name_is (name, lines))
    {
      render_break (r, at, FALSE, FALSE);
      if (!closing && g_ascii_strcasecmp (name, "li") == 0)
        r->item = TRUE;
    }
  else if (!closing && (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0))
    {
      if (r->text->len > 0)
        {
          g_string_append_c (r->text, '\t');
          r->space = FALSE;
        }
    }
  return i;
}

GArray *
pr_email_html_lines (const char *html,
                     gsize       length)
{
  Render r = { html, lines_new (), g_string_new (NULL), 0, 0, FALSE, FALSE, 0, 0 };
  gsize i = 0;

  while (i < length)
    {
      if (html[i] == '<')
        i = render_tag (&r, i, length);
      else if (html[i] == '\0')
        i++;
      else
        render_char (&r, i++);
    }
  render_break (&r, length, FALSE, FALSE);
  g_string_free (r.text, TRUE);
  return r.lines;
}

/* ---- forwarded messages ---- */

typedef enum {
  LABEL_NONE,
  LABEL_FROM,
  LABEL_DATE,
  LABEL_SUBJECT,
  LABEL_TO,
} Label;

static GRegex *rx_label;
static GRegex *rx_marker;
static GRegex *rx_footer;
static GRegex *rx_subject_prefix;
static GRegex *rx_salutation;

static gpointer
compile_regexes (gpointer data)
{
  /* Header labels as mail programs write them in English, German, French,
   * Spanish, Italian, Portuguese and Dutch; "*From:*" is Outlook's bold. */
  rx_label = g_regex_new ("^\\s*\\*?(from|von|de|da|van|sent|gesendet|envoy\xc3\xa9|enviado|inviato|"
                          "verzonden|date|datum|fecha|data|subject|betreff|objet|asunto|oggetto|"
                          "assunto|onderwerp|to|an|\xc3\xa0|a|para|aan|cc|bcc|reply-to)\\*?\\s*:\\*?\\s*(.*?)\\*?\\s*$",
                          G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  rx_marker = g_regex_new ("^[\\s>]*[-_=\\s]*(forwarded message|original message|begin forwarded message|"
                           "message transf\xc3\xa9r\xc3\xa9|message d'origine|weitergeleitete nachricht|"
                           "urspr\xc3\xbcngliche nachricht|mensaje reenviado|mensaje original|"
                           "messaggio inoltrato|messaggio originale|doorgestuurd bericht|"
                           "oorspronkelijk bericht)[-_=:\\s]*$",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  rx_footer = g_regex_new ("^\\s*(to unsubscribe|unsubscribe\\b|you received this (message|email)|"
                           "you('re| are) receiving this|if you (no longer|do not) wish to receive|"
                           "to stop receiving|this (message|email) was sent to)",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  rx_subject_prefix = g_regex_new ("^\\s*((re|fwd?|aw|wg|tr|rv|sv|vs|enc|antw|doorst)\\s*(\\[\\d+\\]|\\(\\d+\\))?\\s*"
                                   "[:\xef\xbc\x9a]|\\[[^\\]]*\\]|\\((fwd?)\\))\\s*",
                                   G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  rx_salutation = g_regex_new ("^\\s*(hi|hello|hey|dear|greetings|good (morning|afternoon|evening)|"
                               "bonjour|hallo|hola|liebe|lieber|sehr geehrte)\\b",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  return NULL;
}

static void
ensure_regexes (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, compile_regexes, NULL);
}

void
pr_email_headers_clear (PrEmailHeaders *headers)
{
  g_clear_pointer (&headers->from, g_free);
  g_clear_pointer (&headers->date, g_free);
  g_clear_pointer (&headers->subject, g_free);
}

/* The label of a header line ("From: …") and its value. */
static Label
header_label (const char  *text,
              char       **value)
{
  static const char *const from[] = { "from", "von", "de", "da", "van", NULL };
  static const char *const date[] = { "sent", "gesendet", "envoy\xc3\xa9", "enviado", "inviato", "verzonden",
                                      "date", "datum", "fecha", "data", NULL };
  static const char *const subject[] = { "subject", "betreff", "objet", "asunto", "oggetto", "assunto",
                                         "onderwerp", NULL };
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *label = NULL;
  g_autofree char *folded = NULL;
  Label kind = LABEL_TO;

  /* A header line is short: no need to try a paragraph. */
  if (strlen (text) > 1000 || !g_regex_match (rx_label, unquote (text), 0, &match))
    return LABEL_NONE;
  label = g_match_info_fetch (match, 1);
  folded = g_utf8_casefold (label, -1);
  if (name_is (folded, from))
    kind = LABEL_FROM;
  else if (name_is (folded, date))
    kind = LABEL_DATE;
  else if (name_is (folded, subject))
    kind = LABEL_SUBJECT;
  if (value != NULL)
    *value = g_match_info_fetch (match, 2);
  return kind;
}

static gboolean
is_marker (const char *text)
{
  return strlen (text) <= 200 && g_regex_match (rx_marker, text, 0, NULL);
}

/* Outlook's "________________________________" above a forwarded header. */
static gboolean
is_rule (const char *text,
         char        c,
         guint       min)
{
  guint n = 0;

  text = unquote (text);
  for (; *text == c; text++)
    n++;
  return n >= min && is_blank (text);
}

/* Reads a header block starting at line @i: the index after it, or @i
 * when there is no block with a From and a Subject there. */
static guint
read_header_block (GArray         *lines,
                   guint           i,
                   PrEmailHeaders *found)
{
  PrEmailHeaders headers = { NULL, NULL, NULL };
  guint j = i;
  guint end = i;
  guint loose = 0;

  while (j < lines->len)
    {
      g_autofree char *value = NULL;
      const char *text = line_text (lines, j);
      Label label = header_label (text, &value);
      char **slot = label == LABEL_FROM ? &headers.from
                    : label == LABEL_DATE ? &headers.date
                    : label == LABEL_SUBJECT ? &headers.subject : NULL;

      if (label == LABEL_NONE)
        {
          /* A long To: list wraps onto a line or two of its own. */
          if (is_blank (unquote (text)) || ++loose > 2)
            break;
          j++;
          continue;
        }
      loose = 0;
      if (slot != NULL && *slot == NULL)
        *slot = g_strstrip (g_steal_pointer (&value));
      j++;
      end = j;
    }

  if (headers.from == NULL || headers.subject == NULL)
    {
      pr_email_headers_clear (&headers);
      return i;
    }
  pr_email_headers_clear (found);
  *found = headers;
  return end;
}

guint
pr_email_find_forward (GArray         *lines,
                       PrEmailHeaders *headers)
{
  guint start = 0;

  ensure_regexes ();

  for (guint i = 0; i < lines->len; i++)
    {
      const char *text = line_text (lines, i);
      guint block = i;
      guint end;

      if (is_marker (text) || is_rule (text, '_', 10))
        {
          /* Apple Mail leaves a blank line under its marker. */
          block = i + 1;
          if (block < lines->len && is_blank (unquote (line_text (lines, block))))
            block++;
        }
      else if (header_label (text, NULL) != LABEL_FROM)
        continue;
      end = read_header_block (lines, block, headers);
      if (end > block)
        {
          /* The last block is the innermost forward: the original. */
          start = end;
          i = end - 1;
        }
    }
  return start;
}

/* ---- signatures and footers ---- */

/* Footers are short: a block that goes on for more lines is text. */
#define FOOTER_LINES 15

static gboolean
mentions_list (GArray *lines,
               guint   from)
{
  for (guint i = from; i < lines->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (line_text (lines, i), -1);

      if (strstr (folded, "list") != NULL || strstr (folded, "unsubscribe") != NULL ||
          strstr (folded, "abonn") != NULL || strstr (folded, "suscri") != NULL)
        return TRUE;
    }
  return FALSE;
}

guint
pr_email_find_footer (GArray *lines,
                      guint   from)
{
  guint tail = lines->len;

  ensure_regexes ();

  /* A list footer starts within the last FOOTER_LINES lines of text. */
  for (guint n = 0; tail > from && (n < FOOTER_LINES || is_blank (line_text (lines, tail - 1)));)
    n += !is_blank (line_text (lines, --tail));

  for (guint i = from; i < lines->len; i++)
    {
      const char *text = line_text (lines, i);
      guint cut;

      if (strcmp (text, "-- ") == 0)
        return i;
      if (i < tail || strlen (text) > 1000)
        continue;
      if (is_rule (text, '_', 20) && mentions_list (lines, i + 1))
        return i;
      if (!g_regex_match (rx_footer, text, 0, NULL))
        continue;
      /* Google Groups puts "--" (its space often lost) above its block. */
      cut = i;
      while (cut > from && (is_blank (line_text (lines, cut - 1)) ||
                            is_rule (line_text (lines, cut - 1), '-', 2) ||
                            is_rule (line_text (lines, cut - 1), '_', 10)))
        cut--;
      return cut;
    }
  return lines->len;
}

/* ---- the Subject ---- */

/* How far the release may start below a salutation. */
#define START_LINES 60

guint
pr_email_find_start (GArray     *lines,
                     guint       from,
                     guint       to,
                     const char *subject)
{
  g_autofree char *want = NULL;
  guint first = from;
  const char *text;

  ensure_regexes ();

  while (first < to && is_blank (line_text (lines, first)))
    first++;
  if (subject == NULL || first >= to)
    return from;
  /* "Hi Jane," or "Dear editors," alone on its line. */
  text = line_text (lines, first);
  if (strlen (text) > 80 || !g_regex_match (rx_salutation, text, 0, NULL) ||
      (first + 1 < to && !is_blank (line_text (lines, first + 1))))
    return from;

  want = pr_text_alnum_key (subject);
  if (*want == '\0')
    return from;
  for (guint i = first + 1; i < to && i < first + START_LINES; i++)
    {
      g_autoptr(GString) paragraph = g_string_new (NULL);

      if (is_blank (line_text (lines, i)) || !is_blank (line_text (lines, i - 1)))
        continue;
      /* A paragraph (a headline may wrap) that reads as the Subject. */
      for (guint j = i; j < to && !is_blank (line_text (lines, j)) && paragraph->len <= strlen (want); j++)
        {
          g_autofree char *words = pr_text_alnum_key (line_text (lines, j));

          g_string_append (paragraph, words);
          if (strcmp (paragraph->str, want) == 0)
            return i;
        }
    }
  return from;
}

char *
pr_email_clean_subject (const char *subject)
{
  g_autofree char *rest = NULL;
  char *clean;

  if (subject == NULL)
    return NULL;
  ensure_regexes ();

  rest = g_strdup (subject);
  while (TRUE)
    {
      g_autoptr(GMatchInfo) match = NULL;
      int end = 0;

      if (!g_regex_match (rx_subject_prefix, rest, 0, &match) ||
          !g_match_info_fetch_pos (match, 0, NULL, &end) || end == 0)
        break;
      memmove (rest, rest + end, strlen (rest + end) + 1);
    }
  clean = pr_text_collapse_space (rest);
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

/* ---- format=flowed ---- */

static guint
quote_depth (const char *line)
{
  guint n = 0;

  while (line[n] == '>')
    n++;
  return n;
}

char *
pr_email_unflow (const char *text,
                 gboolean    delsp)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean joining = FALSE;
  guint joined_depth = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      guint depth = quote_depth (line);
      char *content = line + depth;
      gsize len = strlen (content);

      if (len > 0 && content[len - 1] == '\r')
        content[--len] = '\0';
      /* Space-stuffing (RFC 3676 4.4). */
      if (*content == ' ')
        {
          content++;
          len--;
        }
      if (joining && depth != joined_depth)
        g_string_append_c (out, '\n');
      if (!joining || depth != joined_depth)
        g_string_append_len (out, line, depth);
      /* A line that ends in a space flows into the next; not "-- ". */
      joining = len > 0 && content[len - 1] == ' ' && strcmp (content, "-- ") != 0;
      joined_depth = depth;
      if (joining && delsp)
        content[--len] = '\0';
      g_string_append (out, content);
      if (!joining && lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
