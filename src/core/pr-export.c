/* pr-export.c: releases written out as a JSON catalog, ninjs, Markdown or CSV
 *
 * JSON and ninjs are pr-catalog.c's and pr-ninjs.c's writers; this file
 * adds the two formats meant for people and spreadsheets, and the one
 * entry that picks a writer by name (the command line's --export). */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pr-catalog.h"
#include "pr-export.h"
#include "pr-ninjs.h"
#include "pr-release.h"

G_DEFINE_QUARK (pr-export-error-quark, pr_export_error)

/* CommonMark allows at most 9 digits before an ordered list's "." or ")". */
#define MAX_LIST_DIGITS 9

/* ---- Markdown: escaping ------------------------------------------------- */

/* Whether @s (of @len bytes) is all ASCII digits: what an ordered list
 * item's number would be. */
static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return len > 0;
}

/* @text as Markdown that reads as itself, on one line: white space
 * (newlines too) folds into single spaces, other controls go, and what
 * CommonMark or GitHub's dialect would take as markup is backslash-escaped:
 * emphasis, code, links, autolinks and HTML, headings, quotes, table
 * pipes, strikethrough, entities and math ("$"), "_" but inside a word
 * (where it is no emphasis); at the start also what
 * opens a list ("-", "+", "1.", "1)") or underlines a heading ("="). Any
 * ASCII punctuation may be escaped in CommonMark, so an escape never
 * shows. */
static void
md_append_escaped (GString    *out,
                   const char *text)
{
  gsize start = out->len;
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isspace (c))
        {
          space = out->len > start;
          continue;
        }
      if ((guchar) c < 0x20 || c == 0x7f)
        continue;
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (out->len == start && (c == '-' || c == '+' || c == '='))
        g_string_append_c (out, '\\');
      else if (c == '_' && out->len > start && g_ascii_isalnum (out->str[out->len - 1]) &&
               g_ascii_isalnum (p[1]))
        ;  /* inside a word "_" is no emphasis: "WN_nKt" in an address stays */
      else if (strchr ("\\`*_[]<>#|~&$", c) != NULL)
        g_string_append_c (out, '\\');
      else if ((c == '.' || c == ')') && out->len - start <= MAX_LIST_DIGITS &&
               all_digits (out->str + start, out->len - start))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

/* A contact block's lines on one line: "Media Contact: Jane Roe, Acme". */
static char *
fold_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, out->str[out->len - 1] == ':' ? " " : ", ");
      g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* An address as an autolink when it is one to follow (http, https,
 * mailto) and has nothing an autolink cannot hold; otherwise as text. */
static void
md_append_link (GString    *out,
                const char *url)
{
  gboolean plain = g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                   g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                   g_ascii_strncasecmp (url, "mailto:", 7) == 0;

  for (const char *p = url; plain && *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || *p == '<' || *p == '>')
      plain = FALSE;

  if (plain)
    g_string_append_printf (out, "<%s>", url);
  else
    md_append_escaped (out, url);
}

/* ---- Markdown: tables ---------------------------------------------------- */

/* One row of a table block in its cells: the parser keeps the rows as
 * printed, their cells apart by tabs, pipes or runs of spaces. */
static GPtrArray *
split_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  if (strchr (line, '\t') != NULL || strchr (line, '|') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (line, strchr (line, '\t') != NULL ? "\t" : "|", -1);
      guint n = g_strv_length (parts);

      for (guint i = 0; i < n; i++)
        {
          g_strstrip (parts[i]);
          /* "| a | b |": no cell before the first pipe or after the last. */
          if (*parts[i] == '\0' && (i == 0 || i == n - 1) && n > 1 && strchr (line, '\t') == NULL)
            continue;
          g_ptr_array_add (cells, g_strdup (parts[i]));
        }
    }
  else
    {
      const char *p = line;

      while (*p == ' ')
        p++;
      while (*p != '\0')
        {
          const char *gap = strstr (p, "  ");
          const char *end = gap != NULL ? gap : p + strlen (p);

          g_ptr_array_add (cells, g_strndup (p, end - p));
          p = end;
          while (*p == ' ')
            p++;
        }
    }
  return cells;
}

/* A rule under a header in a text table: "---+----", "|:--|--|", "====". */
static gboolean
is_rule_row (const char *line)
{
  gboolean dash = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '=')
        dash = TRUE;
      else if (strchr ("+:| \t", *p) == NULL)
        return FALSE;
    }
  return dash;
}

static void
md_append_row (GString   *out,
               GPtrArray *cells,
               guint      width)
{
  g_string_append_c (out, '|');
  for (guint c = 0; c < width; c++)
    {
      g_string_append_c (out, ' ');
      if (c < cells->len)
        md_append_escaped (out, g_ptr_array_index (cells, c));
      g_string_append (out, " |");
    }
  g_string_append_c (out, '\n');
}

/* A table block as a pipe table, its first row as the header (Markdown
 * tables have one); short rows are filled with empty cells. */
static void
md_append_table (GString    *out,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint width = 1;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GPtrArray *cells;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0' || is_rule_row (lines[i]))
        continue;
      cells = split_row (lines[i]);
      width = MAX (width, cells->len);
      g_ptr_array_add (rows, cells);
    }
  if (rows->len == 0)
    return;

  for (guint r = 0; r < rows->len; r++)
    {
      md_append_row (out, g_ptr_array_index (rows, r), width);
      if (r == 0)
        {
          g_string_append_c (out, '|');
          for (guint c = 0; c < width; c++)
            g_string_append (out, " --- |");
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

/* ---- Markdown: a release ------------------------------------------------- */

/* "Acme Corp (ACME); Jane Roe (CEO)": entities with their detail. */
static char *
join_entities (GPtrArray  *entities,
               gboolean    details)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      PrEntity *entity = g_ptr_array_index (entities, i);
      const char *detail = pr_entity_get_detail (entity);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, pr_entity_get_name (entity));
      if (details && detail != NULL && *detail != '\0')
        g_string_append_printf (out, " (%s)", detail);
    }
  return g_string_free (out, out->len == 0);
}

static char *
dup_place (PrRelease *release)
{
  const char *city = pr_release_get_field (release, PR_FIELD_CITY);
  const char *region = pr_release_get_field (release, PR_FIELD_REGION);

  if (city != NULL && region != NULL)
    return g_strdup_printf ("%s, %s", city, region);
  return g_strdup (city != NULL ? city : region);
}

static const char *
get_wire (PrRelease *release)
{
  const char *source = pr_release_get_source (release);

  return source != NULL ? source : pr_release_get_field (release, PR_FIELD_SOURCE_TAG);
}

static void
md_append_fact (GString    *out,
                const char *label,
                const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, "- **%s:** ", label);
  md_append_escaped (out, value);
  g_string_append_c (out, '\n');
}

static void
md_append_facts (GString   *out,
                 PrRelease *release)
{
  g_autofree char *place = dup_place (release);
  g_autofree char *organizations = join_entities (pr_release_get_organizations (release), TRUE);
  g_autofree char *people = join_entities (pr_release_get_people (release), TRUE);
  const char * const *contacts = pr_release_get_list (release, PR_LIST_CONTACTS);
  const char * const *links = pr_release_get_list (release, PR_LIST_LINKS);
  g_autofree char *issuers = g_strjoinv ("; ", (char **) pr_release_get_list (release, PR_LIST_ISSUERS));
  g_autofree char *tickers = g_strjoinv ("; ", (char **) pr_release_get_list (release, PR_LIST_TICKERS));
  gsize start = out->len;

  md_append_fact (out, "From", issuers);
  md_append_fact (out, "Kind", pr_release_get_field (release, PR_FIELD_KIND));
  md_append_fact (out, "Wire", get_wire (release));
  md_append_fact (out, "Place", place);
  md_append_fact (out, "Date", pr_release_get_date (release));
  md_append_fact (out, "Organisations", organizations);
  md_append_fact (out, "People", people);
  md_append_fact (out, "Tickers", tickers);
  if (contacts != NULL && contacts[0] != NULL)
    {
      g_string_append (out, "- **Contacts:**\n");
      for (guint i = 0; contacts[i] != NULL; i++)
        {
          g_autofree char *folded = fold_lines (contacts[i]);

          g_string_append (out, "  - ");
          md_append_escaped (out, folded);
          g_string_append_c (out, '\n');
        }
    }
  if (links != NULL && links[0] != NULL)
    {
      g_string_append (out, "- **Links:**\n");
      for (guint i = 0; links[i] != NULL; i++)
        {
          g_string_append (out, "  - ");
          md_append_link (out, links[i]);
          g_string_append_c (out, '\n');
        }
    }
  if (out->len > start)
    g_string_append_c (out, '\n');
}

static void
md_append_body (GString   *out,
                PrRelease *release)
{
  GPtrArray *blocks = pr_release_get_blocks (release);

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);
      PrBlock *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;

      if (block->text == NULL || *block->text == '\0')
        continue;
      switch (block->kind)
        {
        case PR_BLOCK_TABLE:
          md_append_table (out, block->text);
          break;
        case PR_BLOCK_HEADING:
          g_string_append (out, "## ");
          md_append_escaped (out, block->text);
          g_string_append (out, "\n\n");
          break;
        case PR_BLOCK_LIST_ITEM:
          g_string_append (out, "- ");
          md_append_escaped (out, block->text);
          /* Items in a row make one tight list. */
          g_string_append (out, next != NULL && next->kind == PR_BLOCK_LIST_ITEM ? "\n" : "\n\n");
          break;
        case PR_BLOCK_PARAGRAPH:
        default:
          md_append_escaped (out, block->text);
          g_string_append (out, "\n\n");
          break;
        }
    }
}

/* The About sections ("About Acme" headings and their paragraphs, one
 * list) and the trailer (SOURCE lines, notices), after the body. */
static void
md_append_tails (GString   *out,
                 PrRelease *release)
{
  const char * const *about = pr_release_get_list (release, PR_LIST_ABOUT);
  const char * const *trailer = pr_release_get_list (release, PR_LIST_TRAILER);

  for (guint i = 0; about != NULL && about[i] != NULL; i++)
    {
      gboolean heading = g_str_has_prefix (about[i], "About ") && strchr (about[i], '\n') == NULL &&
                         g_utf8_strlen (about[i], -1) <= 100;

      if (heading)
        g_string_append (out, "## ");
      md_append_escaped (out, about[i]);
      g_string_append (out, "\n\n");
    }
  for (guint i = 0; trailer != NULL && trailer[i] != NULL; i++)
    {
      md_append_escaped (out, trailer[i]);
      g_string_append (out, "\n\n");
    }
}

static void
md_append_release (GString   *out,
                   PrRelease *release)
{
  const char *title = pr_release_get_title (release);
  const char *subtitle = pr_release_get_field (release, PR_FIELD_SUBTITLE);
  const char *dateline = pr_release_get_field (release, PR_FIELD_DATELINE);

  g_string_append (out, "# ");
  md_append_escaped (out, title != NULL && *title != '\0' ? title : "(no headline)");
  g_string_append (out, "\n\n");
  if (subtitle != NULL && *subtitle != '\0')
    {
      /* Escaped text inside the emphasis cannot close it early. */
      g_string_append_c (out, '*');
      md_append_escaped (out, subtitle);
      g_string_append (out, "*\n\n");
    }
  if (dateline == NULL || *dateline == '\0')
    dateline = pr_release_get_date (release);
  if (dateline != NULL && *dateline != '\0')
    {
      md_append_escaped (out, dateline);
      g_string_append (out, "\n\n");
    }
  md_append_facts (out, release);
  md_append_body (out, release);
  md_append_tails (out, release);
}

/* ---- CSV ----------------------------------------------------------------- */

/* One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF,
 * quotes doubled. A field that starts with "=", "+", "-", "@", a tab or a
 * CR is a formula to Excel, LibreOffice and Google Sheets, which would run
 * it on opening the file ("=HYPERLINK(…)", "=cmd|…"): such a field gets a
 * leading "'", which they show as text (OWASP's advice on CSV injection). */
static void
csv_append_field (GString    *out,
                  const char *text)
{
  gboolean guard, quote;

  if (text == NULL)
    text = "";
  guard = text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
  quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
csv_append_row (GString            *out,
                const char * const *fields,
                guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* The address the release was read from, when it is a web address. */
static const char *
get_web_origin (PrRelease *release)
{
  const char *origin = pr_release_get_field (release, PR_FIELD_ORIGIN);

  if (origin != NULL && (g_ascii_strncasecmp (origin, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (origin, "https://", 8) == 0))
    return origin;
  return NULL;
}

/* ---- Public -------------------------------------------------------------- */

static const struct {
  const char *name;
  PrExportFormat format;
} format_names[] = {
  { "json", PR_EXPORT_FORMAT_JSON },
  { "ninjs", PR_EXPORT_FORMAT_NINJS },
  { "markdown", PR_EXPORT_FORMAT_MARKDOWN },
  { "md", PR_EXPORT_FORMAT_MARKDOWN },
  { "csv", PR_EXPORT_FORMAT_CSV },
};

gboolean
pr_export_format_from_name (const char      *name,
                            PrExportFormat  *format,
                            GError         **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      {
        if (format != NULL)
          *format = format_names[i].format;
        return TRUE;
      }

  /* The name is what someone typed: nothing a terminal would act on. */
  shown = g_strescape (name, NULL);
  g_set_error (error, PR_EXPORT_ERROR, PR_EXPORT_ERROR_UNKNOWN_FORMAT,
               /* Translators: %s is the format asked for; the names after it are not
                * to be translated. */
               _("Unknown export format “%s”: the formats are json, ninjs, markdown (or md) "
                 "and csv"), shown);
  return FALSE;
}

char *
pr_export_markdown (GPtrArray *releases)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (releases != NULL, NULL);

  for (guint i = 0; i < releases->len; i++)
    {
      if (i > 0)
        g_string_append (out, "---\n\n");
      md_append_release (out, g_ptr_array_index (releases, i));
    }
  /* One final newline, not the blank line every block ends with. */
  while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
pr_export_csv (GPtrArray *releases)
{
  static const char * const header[] = {
    "date", "wire", "headline", "place", "organisations", "people", "link",
    "issuer", "kind", "tickers",
  };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (releases != NULL, NULL);

  csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < releases->len; i++)
    {
      PrRelease *release = g_ptr_array_index (releases, i);
      g_autofree char *place = dup_place (release);
      GPtrArray *orgs = pr_release_get_organizations (release);
      g_autofree char *organizations = join_entities (orgs, FALSE);
      g_autofree char *people = join_entities (pr_release_get_people (release), FALSE);
      g_autofree char *issuers = g_strjoinv ("; ", (char **) pr_release_get_list (release, PR_LIST_ISSUERS));
      g_autofree char *tickers = g_strjoinv ("; ", (char **) pr_release_get_list (release, PR_LIST_TICKERS));
      const char *fields[] = {
        pr_release_get_date (release),
        get_wire (release),
        pr_release_get_title (release),
        place,
        organizations,
        people,
        get_web_origin (release),
        issuers,
        pr_release_get_field (release, PR_FIELD_KIND),
        tickers,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (header));
      csv_append_row (out, fields, G_N_ELEMENTS (fields));
    }
  return g_string_free (out, FALSE);
}

char *
pr_export_to_string (PrExportFormat   format,
                     GPtrArray       *releases,
                     PrExportFlags    flags,
                     gsize           *length,
                     GError         **error)
{
  char *out = NULL;
  gsize len = 0;

  g_return_val_if_fail (releases != NULL, NULL);

  switch (format)
    {
    case PR_EXPORT_FORMAT_JSON:
      out = pr_catalog_to_string (releases,
                                  (flags & PR_EXPORT_WRITE_STATE) ? PR_CATALOG_WRITE_STATE
                                                                  : PR_CATALOG_WRITE_NONE,
                                  &len);
      break;
    case PR_EXPORT_FORMAT_NINJS:
      out = pr_ninjs_write (releases, &len);
      break;
    case PR_EXPORT_FORMAT_MARKDOWN:
      out = pr_export_markdown (releases);
      len = strlen (out);
      break;
    case PR_EXPORT_FORMAT_CSV:
      out = pr_export_csv (releases);
      len = strlen (out);
      break;
    default:
      g_set_error (error, PR_EXPORT_ERROR, PR_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown export format %d"), (int) format);
      return NULL;
    }

  if (length != NULL)
    *length = len;
  return out;
}
