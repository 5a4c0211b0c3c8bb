/* pr-parser.c: plain-text press release parser
 *
 * A release is read in passes: decode the bytes; take the scraper header
 * line apart; mark the page furniture of text copied from a web page; find
 * the dateline among the first blocks; read the headline,
 * subtitle and summary from the lines above it; re-flow the rest into
 * paragraphs, list items and tables; set the About, contact and trailer
 * sections apart; then extract facts from the text.
 *
 * The passes are in three files, sharing the parse state and the patterns
 * of pr-parser-private.h:
 *   pr-parser.c       the patterns, small text helpers, the header, the
 *                     wrap width and the whole parse
 *   pr-parser-head.c  page furniture, the dateline, the headline
 *   pr-parser-body.c  re-flowed blocks; About, contact and trailer sections
 */
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-extract.h"
#include "pr-facts.h"
#include "pr-ticker.h"
#include "pr-parser-private.h"
#include "pr-parser.h"
#include "pr-text.h"
#include "pr-wire.h"

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
    /* Page furniture (pr-parser-head.c). "By Anna Berg, Reporter" */
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

GRegex *
pr_parser_rx (Rx id)
{
  return rx[id];
}

gboolean
pr_parser_rx_match (Rx          id,
                    const char *text)
{
  return g_regex_match (rx[id], text, 0, NULL);
}

char *
pr_parser_rx_group (Rx          id,
                    const char *text,
                    int         group)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (!g_regex_match (rx[id], text, 0, &info))
    return NULL;
  return g_match_info_fetch (info, group);
}

/* Leading white space, tabs as four. */
guint
pr_parser_indent_of (const char *line)
{
  guint n = 0;

  for (; *line == ' ' || *line == '\t'; line++)
    n += *line == '\t' ? 4 : 1;
  return n;
}

const char *
pr_parser_skip_space (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return line;
}

gboolean
pr_parser_is_blank (const char *line)
{
  return *pr_parser_skip_space (line) == '\0';
}

/* The characters in @len bytes of valid UTF-8 (all text here is): the
 * bytes less the continuation bytes (10xxxxxx), counted eight at a time
 * (bit 7 set and bit 6, shifted up to 7, clear; summed by a multiply).
 * Lengths of every line are taken more than once: this showed in
 * profiles. */
static gsize
count_chars (const char *text,
             gsize       len)
{
  gsize i = 0, continuation = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w, ones;

      memcpy (&w, text + i, 8);
      ones = (w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
      continuation += (ones * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56;
    }
  for (; i < len; i++)
    continuation += ((guchar) text[i] & 0xC0) == 0x80;
  return len - continuation;
}

guint
pr_parser_ulen (const char *text)
{
  return count_chars (text, strlen (text));
}

guint
pr_parser_ulen_upto (const char *text,
                     guint       max)
{
  /* A character is at most four bytes: max + 1 of them fit in that many. */
  gsize len = strnlen (text, ((gsize) max + 1) * 4);

  return MIN (count_chars (text, len), (gsize) max + 1);
}

gboolean
pr_parser_ends_sentence (const char *text)
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

  while (i < p->n_lines && pr_parser_is_blank (p->lines[i]))
    i++;
  if (i == p->n_lines)
    return;

  /* A reader that found a headline of its own (a page's <title>, a
   * mail's Subject) puts it above the text, and so above the header. */
  if (!g_regex_match (rx[RX_HEADER], p->lines[i], 0, NULL))
    {
      guint next = i + 1;

      while (next < p->n_lines && pr_parser_is_blank (p->lines[next]))
        next++;
      if (next < p->n_lines && g_regex_match (rx[RX_HEADER], p->lines[next], 0, NULL))
        i = next;
    }

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
          g_autofree char *menafn = pr_parser_rx_group (RX_MENAFN, clean, 1);
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
  while (i < p->n_lines && pr_parser_is_blank (p->lines[i]))
    i++;
  if (i < p->n_lines)
    {
      g_autofree char *menafn = pr_parser_rx_group (RX_MENAFN, p->lines[i], 1);

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
guint
pr_parser_detect_wrap_width (GPtrArray *lines)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint p90, long_runs = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      guint len;

      if (pr_parser_is_blank (line))
        continue;
      len = pr_parser_ulen (line);
      g_array_append_val (lengths, len);
      if (i + 1 < lines->len && !pr_parser_is_blank (g_ptr_array_index (lines, i + 1)) && len >= 50)
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

gboolean
pr_parser_is_heading_text (const char *text)
{
  guint words = 0;
  gunichar first;

  if (strchr (text, '\n') != NULL || pr_parser_ulen (text) > 80 || *text == '\0' ||
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
  if (pr_text_unichar_is_cjk (first) && pr_parser_ulen (text) > 30)
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

  if (title == NULL || pr_parser_ulen (title) > 400)
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
      if (p->pre->len > 1 && !pr_parser_rx_match (RX_BULLET, g_ptr_array_index (p->pre, 1)))
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
  /* People from the headline and body: About sections describe the
   * company, and reading them for speakers cost more than it found. */
  {
    g_autofree char *speakers = title != NULL ? g_strconcat (title, "\n\n", body_text, NULL) : g_strdup (body_text);

    people = pr_extract_people (speakers);
  }
  pr_release_set_organizations (release, orgs);
  pr_release_set_people (release, people);

  language = pr_extract_language (*body_text ? body_text : (title ? title : ""));
  pr_release_set_field (release, PR_FIELD_LANGUAGE, language);
  pr_release_set_word_count (release, pr_text_count_words (body_text));
  /* Last: the facts read what the passes above found, and the headline
   * loses its markers before the content id is made of it. */
  pr_facts_apply (release);
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
  pr_parser_mark_furniture (&p);

  /* The wrap width of the whole text (but its page furniture) decides how
   * headlines join too. */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    for (guint i = p.first; i < p.n_lines; i++)
      if (!pr_parser_is_marked (&p, i))
        g_ptr_array_add (all, p.lines[i]);
    p.wrap_width = pr_parser_detect_wrap_width (all);
  }

  if (pr_parser_find_dateline (&p, &at))
    {
      pr_parser_collect_pre (&p, p.first, at.line);
      body_from = at.body_line;
      /* The rest of the line the dateline ends in starts the body. */
      {
        const char *line = pr_parser_skip_space (p.lines[body_from]);
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

          if (*content != '\0' && !pr_parser_is_furniture (&p, content, &after_provided_by))
            {
              if (!pr_parser_is_marked (&p, i))
                break;
              if (p.marks[i] == MARK_SHAPE)
                pr_parser_note_furniture_date (&p, content);
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
          for (end = i; end < p.n_lines && !pr_parser_is_blank (p.lines[end]); end++)
            {
              if (n == 1 && !p.wrap_width &&
                  pr_parser_is_heading_text (pr_parser_skip_space (p.lines[i])) &&
                  pr_parser_is_prose_line (pr_parser_skip_space (p.lines[end])))
                break;
              if (!pr_parser_is_marked (&p, end))
                {
                  len += pr_parser_ulen (p.lines[end]);
                  n++;
                }
            }
          if (len <= 300 && (n == 1 || (p.wrap_width && n <= 3)))
            {
              pr_parser_collect_pre (&p, i, end);
              body_from = end;

              /* A short unpunctuated second block is a subtitle; a share
               * bar or a byline between them is furniture. */
              while (body_from < p.n_lines &&
                     (pr_parser_is_blank (p.lines[body_from]) ||
                      (body_from < p.n_marks && p.marks[body_from] == MARK_SHAPE)))
                body_from++;
              /* Not a long line (a subtitle has at most 200 characters):
               * matching a 10 MB line as a dateline takes seconds. */
              if (body_from < p.n_lines && strlen (p.lines[body_from]) <= 800 &&
                  (body_from + 1 >= p.n_lines || pr_parser_is_blank (p.lines[body_from + 1])))
                {
                  g_autofree char *next = g_strstrip (g_strdup (p.lines[body_from]));
                  PrDateline dl;

                  if (pr_dateline_match (next, &dl) == PR_DATELINE_WEAK)
                    pr_dateline_clear (&dl);
                  else if (pr_parser_ulen (next) <= 200 && !pr_parser_ends_sentence (next) &&
                           !pr_parser_rx_match (RX_BULLET, next))
                    {
                      g_ptr_array_add (p.pre, g_steal_pointer (&next));
                      body_from++;
                    }
                }
            }
        }
    }

  pr_parser_drop_site_name (&p, p.first, body_from);

  for (guint i = body_from; i < p.n_lines; i++)
    g_ptr_array_add (p.body_lines, p.lines[i]);

  pr_parser_reflow_body (&p);
  pr_parser_split_sections (&p);

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
  g_autofree char *origin = g_file_get_path (file);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (origin == NULL)
    origin = g_file_get_uri (file);
  data = pr_text_load_file (file, PR_PARSER_MAX_SIZE, cancellable, &length, error);
  if (data == NULL)
    return NULL;
  return pr_parse_text (data, length, origin, error);
}
