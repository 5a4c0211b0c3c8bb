/* pr-parser.c: plain-text press release parser
 *
 * A release is read in passes: decode the bytes; take the scraper header
 * line apart; find the dateline among the first blocks; read the headline,
 * subtitle and summary from the lines above it; re-flow the rest into
 * paragraphs, list items and tables; set the About, contact and trailer
 * sections apart; then extract facts from the text.
 */
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-extract.h"
#include "pr-parser.h"
#include "pr-text.h"
#include "pr-wire.h"

/* How far down a dateline is looked for. */
#define MAX_DATELINE_BLOCKS 12
#define MAX_DATELINE_OFFSET 4000

typedef enum {
  SECTION_BODY,
  SECTION_ABOUT,
  SECTION_CONTACT,
  SECTION_TRAILER,
} Section;

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
  N_RX
} Rx;

static GRegex *rx[N_RX];

static void
ensure_regexes (void)
{
  static gsize init = 0;
  static const struct { Rx id; const char *pattern; GRegexCompileFlags flags; } table[] = {
    { RX_HEADER, "^\\s*date\\s+((?:19|20)\\d\\d-\\d\\d(?:-\\d\\d)?)\\b(.*)$", 0 },
    { RX_NOISE, "^\\s*(?:checkAd\\b|\\d+\\s+\\d+\\s+Kommentare\\b|\\d+\\s+Kommentare\\b|"
                "\\(MENAFN-\\s*[^)]*\\)|\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}(?:\\s+\\d{1,2}:\\d\\d(?::\\d\\d)?)?|"
                "\\d{1,2}:\\d\\d(?::\\d\\d)?(?:\\s*(?:Uhr|AM|PM|am|pm))?|[|•·])\\s*", 0 },
    { RX_MENAFN, "^\\s*\\(MENAFN-\\s*([^)]*)\\)\\s*", 0 },
    { RX_FURNITURE, "^(?:News provided by|Share this article|Share|Tweet|Print|Email|E-mail|"
                    "Press Release|PRESS RELEASE|News Release|NEWS RELEASE|For Immediate Release|"
                    "FOR IMMEDIATE RELEASE|Pressemitteilung|Presseinformation|Communiqué de presse|"
                    "Comunicado de prensa|Nota de prensa|新闻稿|Back to news|Zurück|Jetzt kommentieren|"
                    "Read more|Advertisement|Anzeige|Werbung|Home|Startseite|Menu|Search|Login|"
                    "Sign in|Subscribe|Newsletter|Breaking News|Latest News|Top News|Markets|"
                    "Related Articles|Related Stories|Trending|Listen|Audio|Text size|"
                    "PR Newswire|Business Wire|GlobeNewswire|GLOBE NEWSWIRE|Cision)\\s*[:.]?\\s*$",
      G_REGEX_CASELESS },
    /* "Business | Technology | Finance", "Home > News > Press releases" */
    { RX_CATEGORY_LIST, "^[^|>»/]{1,30}(?:\\s*[|>»·/]\\s*[^|>»/]{1,30}){2,}$", 0 },
    { RX_BYLINE, "^(?:By|Von|Por|Par|Di|Door|From)\\s+\\p{Lu}[^.]{0,60}$", 0 },
    { RX_BULLET, "^([*•·▪◦‣●○■□➢►✓✔-]|--|–|—|o(?=\\s))\\s+(?=\\S)", 0 },
    { RX_NUMBERED, "^\\d{1,2}[.)]\\s+\\p{Lu}", 0 },
    { RX_PARA_SPLIT, "(?<=[.!?\"”’)])\\s{3,}(?=\\S)", 0 },
    { RX_TRAILER, "^(?:SOURCE\\b|Source\\s*:|Fuente\\s*:|Quelle\\s*:|Source de l|来源[:：]|消息来源|"
                  "View original content|View source version|View the original release|"
                  "Original Link\\s*:|Read More\\s*>*$|(?:Photo|Logo|Video|Image|Multimedia|"
                  "Infographic|Audio|Foto|Bild|Imagen)s?(?:\\s*\\d+)?\\s*(?:[-–:]|\\(|$)|"
                  "\\((?:Photo|Logo|Video)\\s*\\d*\\s*:|©|\\(c\\)\\s*\\d|Copyright\\b|"
                  "Hashtag\\s*:|The issuer is solely responsible|Company Website|"
                  "This article has been (?:amplified|published|provided|distributed)|"
                  "Please see full terms|To receive SMS alerts|Editor'?s? [Nn]otes?\\s*:?$|"
                  "Notes to [Ee]ditors?\\s*:?$|Download (?:photo|image|logo)|SOURCE:|Original Source\\s*:|"
                  "Follow (?:us|\\p{Lu}[^:]{0,40}):.{0,80}$)", 0 },
    { RX_TRAILER_SECTION, "^(?:Attachments?|Related Links?|Related Images?|Related Documents?|"
                          "Follow (?:us|\\p{Lu}[^:]{0,40})\\s*(?:on [^:]{0,30})?:|Social Media\\s*:?|"
                          "#\\s*#\\s*#|-\\s*30\\s*-|-\\s*ENDS?\\s*-|ENDS?|Disclaimer\\s*:?|Legal Notice)\\s*$", 0 },
    { RX_DROP, "^(?:Continue Reading|Read the full (?:release|story)|Click here to (?:read|view) (?:more|the full)|"
               "Click to Tweet|Tweet this|Tweet This)\\b", G_REGEX_CASELESS },
    { RX_ABOUT, "^(?:About|ABOUT|Über|ÜBER|Ueber|À propos d[e'’]|A propos d[e'’]|À PROPOS D[E'’]|"
                "Acerca de|ACERCA DE|Sobre|SOBRE|Informazioni su|Over|关于|關於|会社概要|Om)\\s*"
                "(\\S.{0,80}?)\\s*[:：]?$", 0 },
    { RX_CONTACT, "^(?:(?:Media|Press|Investor|Investors|IR|PR|News|Public|Editorial|Sales|Business|General|"
                  "Company|Agency|Analyst)\\s+(?:(?:and|&)\\s+\\w+\\s+)?(?:Relations\\s+|Inquiries\\s+)?)?"
                  "(?:Contacts?|Inquiries|Enquiries|Contact Information|Contact Details)(?![a-z])|"
                  "^(?:Pressekontakt|Medienkontakt|Kontakt|Contacts? presse|Contact médias|"
                  "Contacto(?:s)?(?: de prensa| para medios)?|Contato|Contatti|媒体联系人?|联系人|联系方式|"
                  "新闻联系人|媒体垂询)", G_REGEX_CASELESS },
    { RX_FORWARD, "^(?:forward[- ]looking (?:statements?|information)|cautionary (?:note|statement|language)|"
                  "safe harbou?r|disclaimer|legal notice|important (?:notice|information)|notice regarding|"
                  "aviso legal|declaraciones prospectivas|información prospectiva|zukunftsgerichtete aussagen|"
                  "déclarations prospectives|énoncés prospectifs|"
                  "(?:this|the) (?:press |news )?release (?:contains|includes|may contain)[^.]{0,80}forward[- ]looking|"
                  "certain (?:statements|information) (?:in|contained in) this)", G_REGEX_CASELESS },
    { RX_SOURCE_ORG, "^SOURCE:?\\s+(.{2,100}?)\\s*$", 0 },
    /* Boilerplate glued onto the end of a paragraph by the wire's web page. */
    { RX_INLINE_TRAILER, "\\s*(?:Hashtag\\s*:\\s*#\\S*?\\s*)?(?=The issuer is solely responsible)|"
                         "\\s+Hashtag\\s*:\\s*#\\S+(?:\\s+#\\S+)*\\s*$", 0 },
    { RX_COLUMN_GAP, "(?:\\t|[^.!?:\\s]  +(?=\\S)|\\|)", 0 },
    { RX_DATE_SOURCE, "^(.{6,60}?)\\s*\\|\\s*(?:Source|Quelle|Fuente|Source de l'information)\\s*:\\s*(.{2,100})$", 0 },
  };

  if (!g_once_init_enter (&init))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;

      rx[table[i].id] = g_regex_new (table[i].pattern, table[i].flags | G_REGEX_OPTIMIZE, 0, &error);
      if (rx[table[i].id] == NULL)
        g_error ("parser pattern %u: %s", table[i].id, error->message);
    }
  g_once_init_leave (&init, 1);
}

static gboolean
rx_match (Rx          id,
          const char *text)
{
  return g_regex_match (rx[id], text, 0, NULL);
}

static char *
rx_group (Rx          id,
          const char *text,
          int         group)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (!g_regex_match (rx[id], text, 0, &info))
    return NULL;
  return g_match_info_fetch (info, group);
}

/* Leading white space, tabs as four. */
static guint
indent_of (const char *line)
{
  guint n = 0;

  for (; *line == ' ' || *line == '\t'; line++)
    n += *line == '\t' ? 4 : 1;
  return n;
}

static const char *
skip_space (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return line;
}

static gboolean
is_blank (const char *line)
{
  return *skip_space (line) == '\0';
}

static guint
ulen (const char *text)
{
  glong n = 0;

  /* g_utf8_strlen() for valid UTF-8 (all text here is), counting lead
   * bytes in a loop the compiler vectorises: lengths of every line are
   * taken more than once, and GLib's walk showed in profiles. */
  for (const guchar *p = (const guchar *) text; *p; p++)
    n += (*p & 0xC0) != 0x80;
  return n;
}

static gboolean
ends_sentence (const char *text)
{
  gsize len = strlen (text);
  const char *last;
  gunichar c;

  if (len == 0)
    return FALSE;
  last = g_utf8_find_prev_char (text, text + len);
  c = g_utf8_get_char (last);
  return c == '.' || c == '!' || c == '?' || c == '"' || c == 0x201D ||
         c == 0x2019 || c == ')' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* ---- The parse state ---------------------------------------------------- */

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

  GPtrArray   *pre;         /* content lines above the dateline */
  GPtrArray   *body_lines;  /* lines of the body, blank lines kept */

  guint        wrap_width;  /* 0 when the text is not hard-wrapped */

  GPtrArray   *blocks;      /* PrBlock: the body */
  GPtrArray   *about;       /* char* */
  GPtrArray   *contacts;    /* char* */
  GPtrArray   *trailer;     /* char* */
  GPtrArray   *known_orgs;  /* char*: SOURCE line, About X */
} Parse;

static void
parse_clear (Parse *p)
{
  g_strfreev (p->lines);
  g_free (p->source_hint);
  pr_dateline_clear (&p->dateline);
  g_clear_pointer (&p->pre, g_ptr_array_unref);
  g_clear_pointer (&p->body_lines, g_ptr_array_unref);
  g_clear_pointer (&p->blocks, g_ptr_array_unref);
  g_clear_pointer (&p->about, g_ptr_array_unref);
  g_clear_pointer (&p->contacts, g_ptr_array_unref);
  g_clear_pointer (&p->trailer, g_ptr_array_unref);
  g_clear_pointer (&p->known_orgs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parse, parse_clear)

/* ---- Header ------------------------------------------------------------- */

/* " date 2021-06-18 checkAd": the date is kept, the site noise dropped, and
 * whatever text follows stays as the first line. */
static void
read_header (Parse *p)
{
  guint i = 0;
  g_autoptr(GMatchInfo) info = NULL;

  while (i < p->n_lines && is_blank (p->lines[i]))
    i++;
  if (i == p->n_lines)
    return;

  if (g_regex_match (rx[RX_HEADER], p->lines[i], 0, &info))
    {
      g_autofree char *date = g_match_info_fetch (info, 1);
      g_autofree char *rest = g_match_info_fetch (info, 2);
      g_autofree char *clean = NULL;
      char *tail;

      p->has_header_date = pr_date_parse_iso (date, &p->header_date);

      /* Strip noise from the front, repeatedly, then a trailing checkAd. */
      clean = g_strdup (rest);
      for (;;)
        {
          g_autofree char *menafn = rx_group (RX_MENAFN, clean, 1);
          g_autofree char *next = g_regex_replace (rx[RX_NOISE], clean, -1, 0, "", 0, NULL);

          if (menafn != NULL && p->source_hint == NULL)
            p->source_hint = g_strstrip (g_steal_pointer (&menafn));
          if (next == NULL || strcmp (next, clean) == 0)
            break;
          g_free (clean);
          clean = g_steal_pointer (&next);
        }
      tail = strstr (clean, "checkAd");
      if (tail != NULL)
        *tail = '\0';
      g_free (p->lines[i]);
      p->lines[i] = g_strdup (g_strstrip (clean));
    }

  /* "(MENAFN- PR Newswire) A roundup …" on the first text line. */
  while (i < p->n_lines && is_blank (p->lines[i]))
    i++;
  if (i < p->n_lines)
    {
      g_autofree char *menafn = rx_group (RX_MENAFN, p->lines[i], 1);

      if (menafn != NULL)
        {
          g_autofree char *rest = g_regex_replace (rx[RX_MENAFN], p->lines[i], -1, 0, "", 0, NULL);

          if (p->source_hint == NULL)
            p->source_hint = g_strstrip (g_steal_pointer (&menafn));
          g_free (p->lines[i]);
          p->lines[i] = g_steal_pointer (&rest);
        }
    }
  p->first = 0;
}

/* ---- Wrap width --------------------------------------------------------- */

static int
cmp_uint (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Hard-wrapped wire copy has most lines near one width (~70–80 columns)
 * and lines that run on without a blank line between them. */
static guint
detect_wrap_width (GPtrArray *lines)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint p90, long_runs = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      guint len;

      if (is_blank (line))
        continue;
      len = ulen (line);
      g_array_append_val (lengths, len);
      if (i + 1 < lines->len && !is_blank (g_ptr_array_index (lines, i + 1)) && len >= 50)
        long_runs++;
    }
  if (lengths->len < 5)
    return 0;

  g_array_sort (lengths, cmp_uint);
  p90 = g_array_index (lengths, guint, (lengths->len * 9) / 10);
  if (p90 < 50 || p90 > 110)
    return 0;
  if (long_runs * 10 < lengths->len * 3)
    return 0;
  return p90;
}

static gboolean
is_heading_text (const char *text)
{
  guint words = 0;
  gunichar first;

  if (strchr (text, '\n') != NULL || ulen (text) > 80 || *text == '\0' ||
      strstr (text, "://") != NULL || strstr (text, "www.") != NULL || strchr (text, '@') != NULL)
    return FALSE;
  first = g_utf8_get_char (text);
  if (!g_unichar_isupper (first) && !g_unichar_isdigit (first) && !pr_text_unichar_is_cjk (first))
    return FALSE;
  for (const char *s = text; *s; s++)
    if (*s == ' ')
      words++;
  if (words >= 12)
    return FALSE;
  if (pr_text_unichar_is_cjk (first) && ulen (text) > 30)
    return FALSE;
  {
    const char *last = g_utf8_find_prev_char (text, text + strlen (text));
    gunichar c = g_utf8_get_char (last);

    /* A sentence or a quotation ends in punctuation; a heading does not. */
    return !(c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ':' ||
             c == '"' || c == 0x201D || c == 0x00BB || c == 0x300D || c == 0x300F ||
             c == 0x3002 || c == 0xFF0C || c == 0xFF01 || c == 0xFF1F || c == 0xFF1A);
  }
}

/* ---- Body blocks -------------------------------------------------------- */

static gboolean
is_table (GPtrArray *lines,
          guint      start,
          guint      end)
{
  guint gaps = 0, n = end - start;

  if (n < 2)
    return FALSE;
  for (guint i = start; i < end; i++)
    {
      const char *content = skip_space (g_ptr_array_index (lines, i));
      g_autoptr(GMatchInfo) info = NULL;
      guint count = 0;

      g_regex_match (rx[RX_COLUMN_GAP], content, 0, &info);
      for (; g_match_info_matches (info); g_match_info_next (info, NULL))
        count++;
      if (count >= 1 && (strchr (content, '\t') || strchr (content, '|') || count >= 2 ||
                         ulen (content) < 60))
        gaps++;
    }
  return gaps * 10 >= n * 6;
}

static void
add_block (Parse       *p,
           PrBlockKind  kind,
           const char  *text)
{
  g_autofree char *copy = g_strdup (text);

  g_strstrip (copy);
  if (*copy != '\0')
    g_ptr_array_add (p->blocks, pr_block_new (kind, copy));
}

/* Whether @text may hold three white space characters in a row: three
 * bytes that are each ASCII white space or part of a multibyte character
 * (which the other white space characters are). Spares most lines the
 * split pattern, whose lookbehind would be tried at every character. */
static gboolean
has_space_run (const char *text)
{
  guint run = 0;

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (*p >= 0x80 || g_ascii_isspace (*p))
        {
          if (++run >= 3)
            return TRUE;
        }
      else
        run = 0;
    }
  return FALSE;
}

/* Splits a long unwrapped line at runs of three or more spaces after a
 * sentence, as web-page copies glue paragraphs that way. */
static void
add_unwrapped_line (Parse       *p,
                    PrBlockKind  kind,
                    const char  *content)
{
  g_auto(GStrv) parts = NULL;

  if (ulen (content) < 200 || !has_space_run (content))
    {
      add_block (p, kind, content);
      return;
    }
  parts = g_regex_split (rx[RX_PARA_SPLIT], content, 0);
  for (guint i = 0; parts[i]; i++)
    add_block (p, i == 0 ? kind : PR_BLOCK_PARAGRAPH, parts[i]);
}

static void
append_wrapped (GString    *text,
                const char *content)
{
  /* "multi-" + "year" → "multi-year"; otherwise a space. */
  if (text->len > 1 && text->str[text->len - 1] == '-' && g_ascii_isalpha (text->str[text->len - 2]))
    g_string_append (text, content);
  else
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, content);
    }
}

/* One blank-line-separated run of lines into paragraphs, items or a table. */
static void
reflow_run (Parse     *p,
            GPtrArray *lines,
            guint      start,
            guint      end)
{
  guint w = p->wrap_width;
  gboolean short_lines = end - start >= 2;
  gboolean has_bullets = FALSE;
  g_autoptr(GString) cur = g_string_new (NULL);
  PrBlockKind kind = PR_BLOCK_PARAGRAPH;
  guint cur_indent = 0, prev_indent = 0, prev_len = 0;
  const char *prev = NULL;

  if (is_table (lines, start, end))
    {
      g_autoptr(GString) table = g_string_new (NULL);
      guint min_indent = G_MAXUINT;

      for (guint i = start; i < end; i++)
        min_indent = MIN (min_indent, indent_of (g_ptr_array_index (lines, i)));
      for (guint i = start; i < end; i++)
        {
          const char *line = g_ptr_array_index (lines, i);
          g_string_append_printf (table, "%s%s", i > start ? "\n" : "",
                                  line + MIN (min_indent, (guint) (skip_space (line) - line)));
        }
      g_ptr_array_add (p->blocks, pr_block_new (PR_BLOCK_TABLE, table->str));
      return;
    }

  for (guint i = start; i < end; i++)
    {
      const char *content = skip_space (g_ptr_array_index (lines, i));
      if (ulen (content) >= (w ? w * 6 / 10 : 60))
        short_lines = FALSE;
      if (rx_match (RX_BULLET, content))
        has_bullets = TRUE;
    }

  /* Contact blocks, addresses, verse: keep the lines. */
  if (short_lines && !has_bullets)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = start; i < end; i++)
        g_string_append_printf (text, "%s%s", i > start ? "\n" : "",
                                skip_space (g_ptr_array_index (lines, i)));
      add_block (p, PR_BLOCK_PARAGRAPH, text->str);
      return;
    }

#define FLUSH() G_STMT_START { \
    if (cur->len) { if (w) add_block (p, kind, cur->str); else add_unwrapped_line (p, kind, cur->str); } \
    g_string_truncate (cur, 0); kind = PR_BLOCK_PARAGRAPH; } G_STMT_END

  for (guint i = start; i < end; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *content = skip_space (line);
      guint indent = indent_of (line);
      g_autoptr(GMatchInfo) bullet = NULL;
      gboolean new_para = FALSE;

      if (g_regex_match (rx[RX_BULLET], content, 0, &bullet))
        {
          int s, e;

          FLUSH ();
          g_match_info_fetch_pos (bullet, 0, &s, &e);
          kind = PR_BLOCK_LIST_ITEM;
          g_string_append (cur, content + e);
          cur_indent = indent;
        }
      else if (cur->len == 0)
        {
          kind = PR_BLOCK_PARAGRAPH;
          /* Indented lines under a lead-in ("… the following:") are items. */
          if (!w && indent >= 2 && p->blocks->len > 0)
            {
              PrBlock *last = g_ptr_array_index (p->blocks, p->blocks->len - 1);
              if (last->kind == PR_BLOCK_LIST_ITEM || g_str_has_suffix (last->text, ":"))
                kind = PR_BLOCK_LIST_ITEM;
            }
          g_string_append (cur, content);
          cur_indent = indent;
        }
      else if (!w)
        new_para = TRUE;
      else if (kind == PR_BLOCK_LIST_ITEM && indent > cur_indent)
        append_wrapped (cur, content);
      else
        {
          if (kind == PR_BLOCK_PARAGRAPH && indent >= 2 && indent != prev_indent)
            new_para = TRUE;
          /* "About OMRON Corporation" on the line above its paragraph. */
          else if (i == start + 1 && prev_len < w * 7 / 10 && is_heading_text (prev))
            new_para = TRUE;
          else if (prev_len < w * 7 / 10 && ends_sentence (prev))
            new_para = TRUE;
          else if (kind == PR_BLOCK_LIST_ITEM && prev_len < w * 7 / 10)
            new_para = TRUE;

          if (!new_para)
            append_wrapped (cur, content);
        }

      if (new_para)
        {
          FLUSH ();
          g_string_append (cur, content);
          cur_indent = indent;
        }

      prev = content;
      prev_len = ulen (content);
      prev_indent = indent;
    }
  FLUSH ();
#undef FLUSH
}

static void
reflow_body (Parse *p)
{
  GPtrArray *lines = p->body_lines;
  guint i = 0;

  p->wrap_width = detect_wrap_width (lines);
  while (i < lines->len)
    {
      guint end;

      if (is_blank (g_ptr_array_index (lines, i)))
        {
          i++;
          continue;
        }
      for (end = i; end < lines->len && !is_blank (g_ptr_array_index (lines, end)); end++)
        ;
      reflow_run (p, lines, i, end);
      i = end;
    }
}

/* ---- Sections ----------------------------------------------------------- */

static gboolean
has_contact_detail (const char *text)
{
  g_auto(GStrv) emails = pr_extract_emails (text);
  g_auto(GStrv) phones = NULL;

  if (emails[0] != NULL)
    return TRUE;
  phones = pr_extract_phones (text);
  return phones[0] != NULL;
}

static void
take_inline_trailer (Parse   *p,
                     PrBlock *block)
{
  g_autoptr(GMatchInfo) info = NULL;
  int s, e;

  /* Both forms name a phrase: look for it before running the pattern,
   * which would try every space of the paragraph. */
  if ((strstr (block->text, "The issuer is solely responsible") == NULL &&
       strstr (block->text, "Hashtag") == NULL) ||
      !g_regex_match (rx[RX_INLINE_TRAILER], block->text, 0, &info))
    return;
  g_match_info_fetch_pos (info, 0, &s, &e);
  if (s <= 0)
    return;
  {
    g_autofree char *tail = g_strstrip (g_strdup (block->text + s));

    if (*tail)
      g_ptr_array_add (p->trailer, g_steal_pointer (&tail));
    block->text[s] = '\0';
    g_strchomp (block->text);
  }
}

static void
add_known_org (Parse      *p,
               const char *name)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));
  char *paren = strchr (clean, '(');
  gsize len;

  /* "About DFA Awards (http://www.dfaawards.com)": the link is no name. */
  if (paren != NULL && (strstr (paren, "http") != NULL || strstr (paren, "www.") != NULL))
    *paren = '\0';
  g_strstrip (clean);
  len = strlen (clean);

  while (len > 0 && strchr (":.", clean[len - 1]) != NULL && !g_str_has_suffix (clean, "Inc.") &&
         !g_str_has_suffix (clean, "Ltd.") && !g_str_has_suffix (clean, "Corp."))
    clean[--len] = '\0';
  if (len >= 2 && len <= 100)
    g_ptr_array_add (p->known_orgs, g_steal_pointer (&clean));
}

/* "la Cooperativa", "the Society", "l'Atelier": the article is no part of the name. */
static const char *
skip_article (const char *name)
{
  static const char * const articles[] = {
    "the ", "la ", "el ", "los ", "las ", "le ", "les ", "l'", "l’", "der ", "die ", "das ",
    "il ", "lo ", "o ", "a ", "os ", "as ", "de ", "het ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (name, articles[i]))
      return name + strlen (articles[i]);
  return name;
}

static gboolean
is_name_start (const char *name)
{
  gunichar c = g_utf8_get_char (name);

  return g_unichar_isupper (c) || g_unichar_isdigit (c) || pr_text_unichar_is_cjk (c);
}

/* "About Acme: Acme is …", "À propos de Canadian Club Canadian Club est …":
 * an About heading glued to its paragraph. Returns the name, or NULL. */
static char *
inline_about_name (const char *text)
{
  static const char * const prefixes[] = {
    "About ", "À propos de ", "A propos de ", "À propos d'", "Acerca de ", "Über ", "Sobre ",
    "Informazioni su ",
  };
  const char *rest = NULL;
  const char *colon;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && rest == NULL; i++)
    if (g_str_has_prefix (text, prefixes[i]))
      rest = text + strlen (prefixes[i]);
  if (rest == NULL || !g_unichar_isupper (g_utf8_get_char (rest)))
    return NULL;

  /* The name said twice: "Canadian Club Canadian Club est". */
  for (const char *end = strchr (rest, ' '); end != NULL && end - rest < 80; end = strchr (end + 1, ' '))
    {
      gsize n = end - rest;

      if (strncmp (end + 1, rest, n) == 0 && (end[1 + n] == ' ' || end[1 + n] == ','))
        return g_strndup (rest, n);
    }

  /* "About Acme: Acme is …" */
  colon = strchr (rest, ':');
  if (colon != NULL && colon - rest < 60 && colon[1] == ' ' && memchr (rest, '.', colon - rest) == NULL)
    return g_strndup (rest, colon - rest);
  return NULL;
}

/* Moves About, contact and trailer blocks out of the body. */
static void
split_sections (Parse *p)
{
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *contact_label = NULL;
  Section section = SECTION_BODY;

  for (guint i = 0; i < p->blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (p->blocks, i);
      const char *text = block->text;
      gboolean short_block = ulen (text) <= 100 && strchr (text, '\n') == NULL;
      g_autofree char *about_name = NULL;

      take_inline_trailer (p, block);
      text = block->text;
      if (*text == '\0')
        continue;

      if (rx_match (RX_DROP, text) && ulen (text) < 80)
        continue;

      if (rx_match (RX_TRAILER, text))
        {
          g_autofree char *org = rx_group (RX_SOURCE_ORG, text, 1);

          if (org != NULL && strchr (text, '\n') == NULL)
            add_known_org (p, org);
          g_ptr_array_add (p->trailer, g_strdup (text));
          if (g_str_has_prefix (text, "SOURCE"))
            section = SECTION_TRAILER;
          continue;
        }

      if (short_block && rx_match (RX_TRAILER_SECTION, text))
        {
          g_ptr_array_add (p->trailer, g_strdup (text));
          section = SECTION_TRAILER;
          continue;
        }

      if (rx_match (RX_FORWARD, text))
        {
          g_ptr_array_add (p->trailer, g_strdup (text));
          section = SECTION_TRAILER;
          continue;
        }

      if (short_block && (about_name = rx_group (RX_ABOUT, text, 1)) != NULL &&
          is_name_start (skip_article (about_name)))
        {
          add_known_org (p, about_name);
          g_ptr_array_add (p->about, g_strdup (text));
          section = SECTION_ABOUT;
          continue;
        }

      /* A heading-like "About x" above that was not a name. */
      g_clear_pointer (&about_name, g_free);
      if (block->kind == PR_BLOCK_PARAGRAPH && (about_name = inline_about_name (text)) != NULL)
        {
          add_known_org (p, about_name);
          g_ptr_array_add (p->about, g_strdup (text));
          section = SECTION_ABOUT;
          continue;
        }

      if (rx_match (RX_CONTACT, text) &&
          (ulen (text) <= 60 || strchr (text, '\n') != NULL || has_contact_detail (text) ||
           g_regex_match_simple ("^[^:]{0,40}:", text, 0, 0)))
        {
          /* A heading alone ("Contacts", "Media Contact:") labels what follows. */
          if (ulen (text) <= 60 && strchr (text, '\n') == NULL && !has_contact_detail (text))
            {
              g_free (contact_label);
              contact_label = g_strdup (text);
            }
          else
            g_ptr_array_add (p->contacts, g_strdup (text));
          section = SECTION_CONTACT;
          continue;
        }

      switch (section)
        {
        case SECTION_BODY:
          /* A closing block of short lines with an email or phone: a contact. */
          if (strchr (text, '\n') != NULL && has_contact_detail (text) &&
              i + 3 >= p->blocks->len)
            {
              g_ptr_array_add (p->contacts, g_strdup (text));
              break;
            }
          g_ptr_array_add (body, pr_block_copy (block));
          break;
        case SECTION_ABOUT:
          g_ptr_array_add (p->about, g_strdup (text));
          break;
        case SECTION_CONTACT:
          /* A long paragraph after the contacts is content again. */
          if (ulen (text) > 200 && !has_contact_detail (text))
            {
              g_ptr_array_add (body, pr_block_copy (block));
              section = SECTION_BODY;
            }
          else if (contact_label != NULL)
            {
              g_ptr_array_add (p->contacts, g_strconcat (contact_label, "\n", text, NULL));
              g_clear_pointer (&contact_label, g_free);
            }
          else
            g_ptr_array_add (p->contacts, g_strdup (text));
          break;
        case SECTION_TRAILER:
          if (strchr (text, '\n') != NULL && has_contact_detail (text))
            g_ptr_array_add (p->contacts, g_strdup (text));
          else
            g_ptr_array_add (p->trailer, g_strdup (text));
          break;
        }
    }

  /* A contact heading with nothing under it is still worth keeping. */
  if (contact_label != NULL)
    g_ptr_array_add (p->contacts, g_steal_pointer (&contact_label));

  /* A short unpunctuated line with body text after it is a heading. */
  for (guint i = 0; i + 1 < body->len; i++)
    {
      PrBlock *block = g_ptr_array_index (body, i);

      if (block->kind == PR_BLOCK_PARAGRAPH && is_heading_text (block->text))
        block->kind = PR_BLOCK_HEADING;
    }

  g_ptr_array_unref (p->blocks);
  p->blocks = g_steal_pointer (&body);
}

/* ---- Dateline ------------------------------------------------------------ */

typedef struct {
  guint line;        /* where the dateline starts */
  guint body_line;   /* line in which the body starts */
  gsize body_col;    /* byte offset in that (space-trimmed) line */
} DatelineAt;

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
      const char *content = skip_space (lines[i]);
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

static gboolean
find_dateline (Parse      *p,
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
      guint end;

      if (is_blank (p->lines[i]))
        {
          i++;
          continue;
        }
      for (end = i; end < p->n_lines && !is_blank (p->lines[end]); end++)
        ;

      /* Within a block too, no further down than MAX_DATELINE_OFFSET: each
       * line of a block of 100,000 would be joined and matched. */
      line_offset = offset;
      for (guint l = i; l < end && best_rank != RANK_STRONG && line_offset < MAX_DATELINE_OFFSET;
           line_offset += strlen (p->lines[l]) + 1, l++)
        {
          g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
          g_autofree char *text = join_run (p->lines, l, end, starts);
          PrDateline dl;
          PrDatelineStrength strength = pr_dateline_match (text, &dl);
          Rank rank = RANK_NONE;
          guint k = 0;

          if (strength == PR_DATELINE_STRONG && (l == i || blocks < 4))
            rank = dl.source_tag != NULL || text[dl.body_offset] != '\0' ? RANK_STRONG : RANK_BARE;
          else if (strength == PR_DATELINE_WEAK && l == i && blocks < 4)
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

      for (guint l = i; l < end; l++)
        offset += strlen (p->lines[l]) + 1;
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

static gboolean
is_furniture (Parse      *p,
              const char *line,
              gboolean   *after_provided_by)
{
  PrDateMatch date;

  if (*after_provided_by)
    {
      *after_provided_by = FALSE;
      add_known_org (p, line);
      return TRUE;
    }
  if (g_str_has_prefix (line, "News provided by"))
    {
      /* The issuer's name follows on the next line, unless on this one. */
      *after_provided_by = strlen (line) <= strlen ("News provided by") + 1;
      if (!*after_provided_by)
        add_known_org (p, line + strlen ("News provided by"));
      return TRUE;
    }
  if (rx_match (RX_FURNITURE, line) || rx_match (RX_CATEGORY_LIST, line))
    return TRUE;
  /* GlobeNewswire pages: "October 27, 2020 09:00 ET | Source: CarMax, Inc." */
  {
    g_autofree char *issuer = rx_group (RX_DATE_SOURCE, line, 2);

    if (issuer != NULL)
      {
        g_autofree char *date_part = rx_group (RX_DATE_SOURCE, line, 1);

        add_known_org (p, issuer);
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
  if (rx_match (RX_BYLINE, line) && pr_date_find (line, -1, &date))
    return TRUE;
  if (rx_match (RX_NOISE, line) && ulen (line) < 30)
    {
      g_autofree char *rest = g_regex_replace (rx[RX_NOISE], line, -1, 0, "", 0, NULL);
      return *g_strstrip (rest) == '\0';
    }
  return FALSE;
}

/* Content lines above the dateline (or above the body), without furniture.
 * A hard-wrapped headline's second line is joined to it. */
static void
collect_pre (Parse  *p,
             guint   from,
             guint   to)
{
  gboolean after_provided_by = FALSE;
  guint prev_line = G_MAXUINT;

  for (guint i = from; i < to; i++)
    {
      g_autofree char *content = g_strstrip (g_strdup (p->lines[i]));

      if (*content == '\0')
        continue;
      if (is_furniture (p, content, &after_provided_by))
        continue;
      /* "Media Contact: Jane Roe, 555-0100" above the headline. */
      if (rx_match (RX_CONTACT, content) && has_contact_detail (content))
        {
          g_ptr_array_add (p->contacts, g_steal_pointer (&content));
          continue;
        }

      /* A continuation of a wrapped line (previous line long, same block). */
      if (p->pre->len > 0 && prev_line == i - 1 && p->wrap_width &&
          ulen (g_ptr_array_index (p->pre, p->pre->len - 1)) >= p->wrap_width * 8 / 10)
        {
          char *last = g_ptr_array_index (p->pre, p->pre->len - 1);
          char *joined = g_strconcat (last, " ", content, NULL);

          g_ptr_array_index (p->pre, p->pre->len - 1) = joined;
          g_free (last);
        }
      else
        g_ptr_array_add (p->pre, g_steal_pointer (&content));
      prev_line = i;
    }
}

/* ---- The whole parse ---------------------------------------------------- */

static char *
join_texts (GPtrArray  *texts,
            const char *separator)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (texts, i));
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (separator, (char **) copy->pdata);
}

static void
append_line (GString    *out,
             const char *line)
{
  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static char *
blocks_text (GPtrArray *blocks)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, ((PrBlock *) g_ptr_array_index (blocks, i))->text);
    }
  return g_string_free (text, FALSE);
}

static void
set_list (PrRelease *release,
          PrList     list,
          GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  pr_release_set_list (release, list, (const char * const *) values->pdata);
  g_ptr_array_remove_index (values, values->len - 1);
}

static void
set_strv (PrRelease *release,
          PrList     list,
          char     **values)
{
  pr_release_set_list (release, list, (const char * const *) values);
  g_strfreev (values);
}

/* Year from the header only when month (and day) agree. */
static char *
resolve_date (Parse *p)
{
  PrDateMatch d = { 0 };

  if (p->has_dateline && p->dateline.has_date)
    d = p->dateline.date;
  else if (p->has_line_date)
    d = p->line_date;
  else if (p->has_header_date)
    d = p->header_date;
  else
    return NULL;

  if (d.year == 0 && p->has_header_date && d.month == p->header_date.month &&
      (d.day == 0 || p->header_date.day == 0 || d.day == p->header_date.day))
    {
      d.year = p->header_date.year;
      if (d.day == 0)
        d.day = p->header_date.day;
    }
  if (d.year == 0 && p->has_line_date && p->line_date.year != 0 &&
      d.month == p->line_date.month && (d.day == 0 || d.day == p->line_date.day))
    d.year = p->line_date.year;
  return pr_date_to_iso (&d);
}

static void
fill_release (Parse     *p,
              PrRelease *release,
              const char *origin)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *body_text = blocks_text (p->blocks);
  g_autofree char *about_text = join_texts (p->about, "\n\n");
  g_autofree char *date = resolve_date (p);
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) entity_text = g_ptr_array_new ();
  const char *title = p->pre->len > 0 ? g_ptr_array_index (p->pre, 0) : NULL;
  const char *language;
  g_autofree char *derived = NULL;
  g_autofree char *entity_joined = NULL;

  if (title == NULL || ulen (title) > 400)
    {
      const char *first = title != NULL ? title
                          : p->blocks->len > 0 ? ((PrBlock *) g_ptr_array_index (p->blocks, 0))->text
                          : NULL;

      derived = first != NULL && *first ? pr_text_first_sentence (first, 140) : NULL;
      pr_release_set_field (release, PR_FIELD_TITLE, derived);
      pr_release_set_title_derived (release, derived != NULL);
      title = derived;
    }
  else
    {
      g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_free);
      guint first_rest = 1;

      pr_release_set_field (release, PR_FIELD_TITLE, title);
      /* Highlights ("- Revenue up 12%") above the dateline are the summary. */
      if (p->pre->len > 1 && !rx_match (RX_BULLET, g_ptr_array_index (p->pre, 1)))
        {
          pr_release_set_field (release, PR_FIELD_SUBTITLE, g_ptr_array_index (p->pre, 1));
          first_rest = 2;
        }
      for (guint i = first_rest; i < p->pre->len; i++)
        {
          const char *line = g_ptr_array_index (p->pre, i);
          g_autoptr(GMatchInfo) bullet = NULL;
          int s = 0, e = 0;

          if (g_regex_match (rx[RX_BULLET], line, 0, &bullet))
            g_match_info_fetch_pos (bullet, 0, &s, &e);
          g_ptr_array_add (rest, g_strdup (line + e));
        }
      if (rest->len > 0)
        {
          g_autofree char *summary = join_texts (rest, "\n");
          pr_release_set_field (release, PR_FIELD_SUMMARY, summary);
        }
    }

  pr_release_set_field (release, PR_FIELD_DATE, date);
  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);

  if (p->has_dateline)
    {
      pr_release_set_field (release, PR_FIELD_DATELINE, p->dateline.text);
      pr_release_set_field (release, PR_FIELD_CITY, p->dateline.city);
      pr_release_set_field (release, PR_FIELD_REGION, p->dateline.region);
      if (p->dateline.source_tag != NULL)
        {
          source = pr_wire_normalize (p->dateline.source_tag);
          pr_release_set_field (release, PR_FIELD_SOURCE_TAG, p->dateline.source_tag);
        }
    }
  if (source == NULL && p->source_hint != NULL)
    {
      source = pr_wire_normalize (p->source_hint);
      pr_release_set_field (release, PR_FIELD_SOURCE_TAG, p->source_hint);
    }
  if (source == NULL)
    {
      /* "View original content…prnewswire.com", "View source version on newsdirect.com" */
      for (guint i = 0; i < p->trailer->len && source == NULL; i++)
        source = g_strdup (pr_wire_from_host (g_ptr_array_index (p->trailer, i)));
    }
  pr_release_set_field (release, PR_FIELD_SOURCE, source);

  pr_release_set_blocks (release, p->blocks);
  set_list (release, PR_LIST_ABOUT, p->about);
  set_list (release, PR_LIST_CONTACTS, p->contacts);
  set_list (release, PR_LIST_TRAILER, p->trailer);

  /* Links, emails, phones and tickers from everything the release says. */
  for (guint i = 0; i < p->pre->len; i++)
    append_line (all, g_ptr_array_index (p->pre, i));
  if (p->has_dateline)
    append_line (all, p->dateline.text);
  append_line (all, body_text);
  append_line (all, about_text);
  for (guint i = 0; i < p->contacts->len; i++)
    append_line (all, g_ptr_array_index (p->contacts, i));
  for (guint i = 0; i < p->trailer->len; i++)
    append_line (all, g_ptr_array_index (p->trailer, i));

  set_strv (release, PR_LIST_LINKS, pr_extract_links (all->str));
  set_strv (release, PR_LIST_EMAILS, pr_extract_emails (all->str));
  set_strv (release, PR_LIST_PHONES, pr_extract_phones (all->str));
  set_strv (release, PR_LIST_TICKERS, pr_extract_tickers (all->str));

  /* Organisations and people from the headline, body and About sections. */
  if (title != NULL)
    g_ptr_array_add (entity_text, (gpointer) title);
  g_ptr_array_add (entity_text, body_text);
  g_ptr_array_add (entity_text, about_text);
  entity_joined = join_texts (entity_text, "\n\n");
  g_ptr_array_add (p->known_orgs, NULL);
  orgs = pr_extract_organizations (entity_joined, (const char * const *) p->known_orgs->pdata);
  g_ptr_array_remove_index (p->known_orgs, p->known_orgs->len - 1);
  people = pr_extract_people (entity_joined);
  pr_release_set_organizations (release, orgs);
  pr_release_set_people (release, people);

  language = pr_extract_language (*body_text ? body_text : (title ? title : ""));
  pr_release_set_field (release, PR_FIELD_LANGUAGE, language);
  pr_release_set_word_count (release, pr_text_count_words (body_text));
  pr_release_compute_id (release);
}

PrRelease *
pr_parse_text (const char  *data,
               gsize        length,
               const char  *origin,
               GError     **error)
{
  g_auto(Parse) p = { 0 };
  g_autofree char *text = NULL;
  g_autoptr(PrRelease) release = NULL;
  DatelineAt at = { 0 };
  guint body_from;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = pr_text_decode (data != NULL ? data : "", length, error);
  if (text == NULL)
    return NULL;

  ensure_regexes ();

  p.lines = g_strsplit (text, "\n", -1);
  p.n_lines = g_strv_length (p.lines);
  for (guint i = 0; i < p.n_lines; i++)
    {
      /* Tabs inside a line stay (tables); expand none. */
      g_strchomp (p.lines[i]);
    }
  p.pre = g_ptr_array_new_with_free_func (g_free);
  p.body_lines = g_ptr_array_new ();
  p.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  p.about = g_ptr_array_new_with_free_func (g_free);
  p.contacts = g_ptr_array_new_with_free_func (g_free);
  p.trailer = g_ptr_array_new_with_free_func (g_free);
  p.known_orgs = g_ptr_array_new_with_free_func (g_free);

  read_header (&p);

  /* The wrap width of the whole text decides how headlines join too. */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    for (guint i = p.first; i < p.n_lines; i++)
      g_ptr_array_add (all, p.lines[i]);
    p.wrap_width = detect_wrap_width (all);
  }

  if (find_dateline (&p, &at))
    {
      collect_pre (&p, p.first, at.line);
      body_from = at.body_line;
      /* The rest of the line the dateline ends in starts the body. */
      {
        const char *line = skip_space (p.lines[body_from]);
        const char *rest = line + MIN (at.body_col, strlen (line));

        g_ptr_array_add (p.body_lines, (gpointer) rest);
        body_from++;
      }
    }
  else
    {
      /* No dateline: furniture, then a headline (a short first block), an
       * optional subtitle, and the body. */
      guint i = p.first;
      gboolean after_provided_by = FALSE;

      while (i < p.n_lines)
        {
          g_autofree char *content = g_strstrip (g_strdup (p.lines[i]));

          if (*content != '\0' && !is_furniture (&p, content, &after_provided_by))
            break;
          i++;
        }
      body_from = i;
      if (i < p.n_lines)
        {
          guint end;
          gsize len = 0;

          for (end = i; end < p.n_lines && !is_blank (p.lines[end]); end++)
            len += ulen (p.lines[end]);
          if (len <= 300 && (end - i == 1 || (p.wrap_width && end - i <= 3)))
            {
              collect_pre (&p, i, end);
              body_from = end;

              /* A short unpunctuated second block is a subtitle. */
              while (body_from < p.n_lines && is_blank (p.lines[body_from]))
                body_from++;
              /* Not a long line (a subtitle has at most 200 characters):
               * matching a 10 MB line as a dateline takes seconds. */
              if (body_from < p.n_lines && strlen (p.lines[body_from]) <= 800 &&
                  (body_from + 1 >= p.n_lines || is_blank (p.lines[body_from + 1])))
                {
                  g_autofree char *next = g_strstrip (g_strdup (p.lines[body_from]));
                  PrDateline dl;

                  if (pr_dateline_match (next, &dl) == PR_DATELINE_WEAK)
                    pr_dateline_clear (&dl);
                  else if (ulen (next) <= 200 && !ends_sentence (next) && !rx_match (RX_BULLET, next))
                    {
                      g_ptr_array_add (p.pre, g_steal_pointer (&next));
                      body_from++;
                    }
                }
            }
        }
    }

  for (guint i = body_from; i < p.n_lines; i++)
    g_ptr_array_add (p.body_lines, p.lines[i]);

  reflow_body (&p);
  split_sections (&p);

  if (p.pre->len == 0 && p.blocks->len == 0 && p.about->len == 0)
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                           /* Translators: why a file was not imported. */
                           _("no release text found (no headline and no body)"));
      return NULL;
    }

  release = pr_release_new ();
  fill_release (&p, release, origin);
  return g_steal_pointer (&release);
}

PrRelease *
pr_parse_file (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  g_autofree char *origin = g_file_get_path (file);
  gsize length = 0;

  if (origin == NULL)
    origin = g_file_get_uri (file);

  /* A local file read directly: GIO's file info and input stream cost
   * more than the parse of a small release. Anything unusual (an error, a
   * folder, a huge file) takes GIO's path below, for its messages. */
  if (g_file_is_native (file))
    {
      GStatBuf st;

      if (g_stat (origin, &st) == 0 && S_ISREG (st.st_mode) && st.st_size <= PR_PARSER_MAX_SIZE &&
          g_file_get_contents (origin, &data, &length, NULL) && length <= PR_PARSER_MAX_SIZE)
        return pr_parse_text (data, length, origin, error);
      g_clear_pointer (&data, g_free);
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      /* Translators: why a path named as a file could not be read. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("is a folder, not a file"));
      return NULL;
    }
  /* Refuse before reading a huge file into memory. */
  if (g_file_info_get_size (info) > PR_PARSER_MAX_SIZE)
    {
      goffset size = g_file_info_get_size (info);
      g_autofree char *shown = g_strdup_printf ("%" G_GOFFSET_FORMAT, size);

      g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE,
                   /* Translators: why a file was not imported; %s is its size
                    * in bytes, %d the largest size read in megabytes (10). */
                   g_dngettext (GETTEXT_PACKAGE, "file too large (%s byte; the limit is %d MB)",
                                "file too large (%s bytes; the limit is %d MB)", (gulong) size),
                   shown, PR_PARSER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  return pr_parse_text (data, length, origin, error);
}
