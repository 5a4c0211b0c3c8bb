/* pr-parser.c: plain-text press release parser
 *
 * A release is read in passes: decode the bytes; take the scraper header
 * line apart; mark the page furniture of text copied from a web page; find
 * the dateline among the first blocks; read the headline,
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
  RX_BYLINE_NAME,
  RX_LABEL,
  RX_COUNTER,
  RX_DOMAIN,
  RX_TIME,
  RX_BYLINE_TAIL,
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
                    /* The same few UI words in German, French and Spanish. */
                    "Teilen|Drucken|Suche|Anmelden|Abonnieren|Partager|Imprimer|Accueil|Rechercher|"
                    "Connexion|S'abonner|Compartir|Imprimir|Inicio|Buscar|Suscribirse|"
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
    /* Page furniture (see "Page furniture" below). "By Anna Berg, Reporter" */
    { RX_BYLINE_NAME, "^(?:By|Von|Par|Por|Di|Door)\\s+\\p{Lu}[\\p{L}'’.-]*"
                      "(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|de|da|del|van|von|der|la|le|di))*"
                      "(?:\\s*[,|·–-]\\s*[^.!?]{0,40})?$", 0 },
    /* "Published:", "Category: Business", "Catégorie : Économie" */
    { RX_LABEL, "^(\\p{Lu}[\\p{L}'’]*(?:[ -][\\p{L}'’]+){0,2})\\s*:\\s*(.*)$", 0 },
    /* "12 comments", "1.2K shares", "3 hours ago", "4 min read", "vor 3 Stunden" */
    { RX_COUNTER, "^(?:\\d[\\d.,]*\\s*[KkMm]?\\s+\\p{Ll}+|\\d+\\s*\\p{Ll}{1,8}\\.?\\s+(?:ago|read)|"
                  "(?:vor|il y a|hace)\\s+\\d+\\s+\\p{L}+)$", 0 },
    { RX_DOMAIN, "(?:https?://\\S+|\\b(?:www\\.)?[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,6}\\b(?:/\\S*)?)", 0 },
    { RX_TIME, "\\b\\d{1,2}[:.h]\\d\\d(?:[:.]\\d\\d)?(?:\\s*[AaPp]\\.?[Mm]\\.?)?(?:\\s*(?:Uhr|[A-Z]{2,4})\\b)?", 0 },
    { RX_BYLINE_TAIL, "\\s(?:by|von|par|por)\\s+\\p{Lu}.*$", 0 },
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

static void
parse_clear (Parse *p)
{
  g_strfreev (p->lines);
  g_free (p->source_hint);
  pr_dateline_clear (&p->dateline);
  g_free (p->marks);
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

/* ---- Page furniture ------------------------------------------------------ */

/* Text copied from a web page starts with the site's furniture: menus,
 * breadcrumbs, the site's name, share bars, bylines, time stamps, the
 * site's field labels, a cookie notice. Before the dateline is looked for,
 * the top lines are marked by their shape and by their place among the
 * others, never by the strings of particular sites: a marked line is no
 * headline, and it does not use up the depth the dateline is looked for
 * in. docs/parser.md lists the signals. */
typedef enum {
  MARK_NONE,
  MARK_SHAPE,  /* furniture by its shape; never a dateline's start */
  MARK_RUN,    /* furniture by its place: one of a run of short lines */
} Mark;

/* How far down furniture is looked for (a page's header is shorter). */
#define MAX_FURNITURE_LINES 200
#define MAX_FURNITURE_BYTES 16000

static gboolean
is_marked (Parse *p,
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

  if (strchr (text, '.') == NULL || ulen (text) > 100 ||
      !g_regex_match (rx[RX_DOMAIN], text, 0, &info))
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

  if (ulen (text) > 100 || strchr (text, ',') != NULL)
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

  if (strchr (text, ':') == NULL || ulen (text) > 100 || !g_regex_match (rx[RX_LABEL], text, 0, &info))
    return FALSE;
  label = g_match_info_fetch (info, 1);
  value = g_match_info_fetch (info, 2);
  if ((pr_text_is_all_caps (label) && ulen (label) > 3) || rx_match (RX_CONTACT, text))
    return FALSE;
  g_strstrip (value);
  *bare = *value == '\0';
  words = count_tokens (value);
  if (*bare || (words <= 3 && !ends_sentence (value)))
    return TRUE;

  /* A list of tags: short parts between commas. */
  if (words <= 12 && strchr (value, ',') != NULL && !ends_sentence (value))
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

  if (ulen (text) > 80 || ends_sentence (text))
    return FALSE;
  /* "LEEDS, England, March 4": a place in capitals opens a dateline (and
   * spares the date search). */
  {
    g_autofree char *first = g_strndup (text, strcspn (text, " ,"));

    if (pr_text_is_all_caps (first) && ulen (first) > 1)
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
  untimed = g_regex_replace (rx[RX_TIME], rest->str, -1, 0, " ", 0, NULL);
  unsigned_ = g_regex_replace (rx[RX_BYLINE_TAIL], untimed, -1, 0, "", 0, NULL);

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
      if (pr_text_is_all_caps (token) && ulen (token) > 1)
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

  if (ulen (text) > 300)
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
  guint len = ulen (text);

  if (len > 32 || !g_unichar_isalnum (first))
    return FALSE;
  if (pr_text_unichar_is_cjk (first))
    return len <= 8;
  return count_tokens (text) <= 4 && strpbrk (text, ",;:@()[]\"/") == NULL && strstr (text, "--") == NULL &&
         end != '.' && end != '!' && end != '?' && end != '-' && end != 0x2013 && end != 0x2014 &&
         !rx_match (RX_BULLET, text);
}

/* The first line of the body: nothing below it is page furniture. */
static gboolean
is_prose_line (const char *text)
{
  guint len = ulen (text);

  return len > 200 || (len >= 80 && ends_sentence (text) && count_tokens (text) >= 10);
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

  if (rx_match (RX_FURNITURE, line) || (rx_match (RX_BYLINE_NAME, line) && ulen (line) <= 60))
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
      if (rx_match (RX_COUNTER, line))
        return TRUE;
      if (rx_match (RX_NOISE, line) && ulen (line) < 30)
        {
          g_autofree char *rest = g_regex_replace (rx[RX_NOISE], line, -1, 0, "", 0, NULL);

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

  if (line == NULL || ulen (line) > 250 || count_tokens (line) <= 4 || ends_sentence (line))
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
      const char *line = skip_space (p->lines[run[k]]);

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

static void
mark_furniture (Parse *p)
{
  FurnitureState state = { 0 };
  guint run[MAX_FURNITURE_LINES];
  guint n_run = 0, i, limit = MIN (p->n_lines, p->first + MAX_FURNITURE_LINES);
  gsize bytes = 0;

  p->marks = g_new0 (guint8, limit);
  for (i = p->first; i < limit && bytes < MAX_FURNITURE_BYTES; i++)
    {
      const char *line = skip_space (p->lines[i]);

      bytes += strlen (p->lines[i]) + 1;
      if (*line == '\0')
        {
          state.in_cookie = FALSE;
          continue;
        }
      /* No furniture is this long (1,200 bytes hold 300 characters):
       * the body has started. */
      if (strnlen (line, 1201) > 1200 || ulen (line) > 300)
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
      if (is_prose_line (line))
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
      if (ulen (line) >= 60 && i + 1 < p->n_lines && ulen (p->lines[i + 1]) >= 60)
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
  end_run (p, run, n_run, i < limit ? skip_space (p->lines[i]) : NULL);
  p->n_marks = i;
}

/* A date in a furniture line ("Published: March 4, 2025") stands in for
 * the release's when its dateline has none. */
static void
note_furniture_date (Parse      *p,
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
      guint end, start;

      if (is_blank (p->lines[i]))
        {
          i++;
          continue;
        }
      for (end = i; end < p->n_lines && !is_blank (p->lines[end]); end++)
        ;
      /* Page furniture counts neither as a block nor for the depth: the
       * block starts at its first other line. */
      for (start = i; start < end && is_marked (p, start); start++)
        ;

      /* Within a block too, no further down than MAX_DATELINE_OFFSET: each
       * line of a block of 100,000 would be joined and matched. */
      line_offset = offset;
      for (guint l = i; l < end && best_rank != RANK_STRONG && line_offset < MAX_DATELINE_OFFSET;
           line_offset += is_marked (p, l) ? 0 : strlen (p->lines[l]) + 1, l++)
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
        offset += is_marked (p, l) ? 0 : strlen (p->lines[l]) + 1;
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
  gboolean furniture_before = FALSE;
  guint prev_line = G_MAXUINT;
  guint group = 0;  /* the last group of lines with no furniture between them */

  for (guint i = from; i < to; i++)
    {
      g_autofree char *content = g_strstrip (g_strdup (p->lines[i]));

      if (*content == '\0')
        continue;
      if (is_furniture (p, content, &after_provided_by))
        {
          furniture_before = TRUE;
          continue;
        }
      if (is_marked (p, i))
        {
          if (p->marks[i] == MARK_SHAPE)
            note_furniture_date (p, content);
          furniture_before = TRUE;
          continue;
        }
      /* "Media Contact: Jane Roe, 555-0100" above the headline. */
      if (rx_match (RX_CONTACT, content) && has_contact_detail (content))
        {
          g_ptr_array_add (p->contacts, g_steal_pointer (&content));
          furniture_before = TRUE;
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

          if (count_tokens (text) > 5 && !ends_sentence (text))
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
      const char *line = skip_space (p->lines[i]);

      if (g_ascii_strcasecmp (line, part) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
drop_site_name (Parse *p,
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
  mark_furniture (&p);

  /* The wrap width of the whole text (but its page furniture) decides how
   * headlines join too. */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    for (guint i = p.first; i < p.n_lines; i++)
      if (!is_marked (&p, i))
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
            {
              if (!is_marked (&p, i))
                break;
              if (p.marks[i] == MARK_SHAPE)
                note_furniture_date (&p, content);
            }
          i++;
        }
      body_from = i;
      if (i < p.n_lines)
        {
          guint end, n = 0;
          gsize len = 0;

          /* The block's lines but furniture; a page's copy may have no
           * blank line between a headline and its first paragraph. */
          for (end = i; end < p.n_lines && !is_blank (p.lines[end]); end++)
            {
              if (n == 1 && !p.wrap_width && is_heading_text (skip_space (p.lines[i])) &&
                  is_prose_line (skip_space (p.lines[end])))
                break;
              if (!is_marked (&p, end))
                {
                  len += ulen (p.lines[end]);
                  n++;
                }
            }
          if (len <= 300 && (n == 1 || (p.wrap_width && n <= 3)))
            {
              collect_pre (&p, i, end);
              body_from = end;

              /* A short unpunctuated second block is a subtitle; a share
               * bar or a byline between them is furniture. */
              while (body_from < p.n_lines &&
                     (is_blank (p.lines[body_from]) ||
                      (body_from < p.n_marks && p.marks[body_from] == MARK_SHAPE)))
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

  drop_site_name (&p, p.first, body_from);

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
