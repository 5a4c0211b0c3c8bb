/* pr-parser-body.c: the parser's body: paragraphs, list items and tables
 * re-flowed from its lines, and the About, contact and trailer sections
 * set apart from them */
#include <string.h>

#include "pr-extract.h"
#include "pr-parser-private.h"
#include "pr-text.h"

typedef enum {
  SECTION_BODY,
  SECTION_ABOUT,
  SECTION_CONTACT,
  SECTION_TRAILER,
} Section;

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
      const char *content = pr_parser_skip_space (g_ptr_array_index (lines, i));
      g_autoptr(GMatchInfo) info = NULL;
      guint count = 0;

      g_regex_match (pr_parser_rx (RX_COLUMN_GAP), content, 0, &info);
      for (; g_match_info_matches (info); g_match_info_next (info, NULL))
        count++;
      if (count >= 1 && (strchr (content, '\t') || strchr (content, '|') || count >= 2 ||
                         pr_parser_ulen_upto (content, 60) < 60))
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

  if (pr_parser_ulen_upto (content, 200) < 200 || !has_space_run (content))
    {
      add_block (p, kind, content);
      return;
    }
  parts = g_regex_split (pr_parser_rx (RX_PARA_SPLIT), content, 0);
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
        min_indent = MIN (min_indent, pr_parser_indent_of (g_ptr_array_index (lines, i)));
      for (guint i = start; i < end; i++)
        {
          const char *line = g_ptr_array_index (lines, i);
          g_string_append_printf (table, "%s%s", i > start ? "\n" : "",
                                  line + MIN (min_indent,
                                              (guint) (pr_parser_skip_space (line) - line)));
        }
      g_ptr_array_add (p->blocks, pr_block_new (PR_BLOCK_TABLE, table->str));
      return;
    }

  for (guint i = start; i < end; i++)
    {
      const char *content = pr_parser_skip_space (g_ptr_array_index (lines, i));
      if (pr_parser_ulen (content) >= (w ? w * 6 / 10 : 60))
        short_lines = FALSE;
      if (pr_parser_rx_match (RX_BULLET, content))
        has_bullets = TRUE;
    }

  /* Contact blocks, addresses, verse: keep the lines. */
  if (short_lines && !has_bullets)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = start; i < end; i++)
        g_string_append_printf (text, "%s%s", i > start ? "\n" : "",
                                pr_parser_skip_space (g_ptr_array_index (lines, i)));
      add_block (p, PR_BLOCK_PARAGRAPH, text->str);
      return;
    }

#define FLUSH() G_STMT_START { \
    if (cur->len) { if (w) add_block (p, kind, cur->str); else add_unwrapped_line (p, kind, cur->str); } \
    g_string_truncate (cur, 0); kind = PR_BLOCK_PARAGRAPH; } G_STMT_END

  for (guint i = start; i < end; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *content = pr_parser_skip_space (line);
      guint indent = pr_parser_indent_of (line);
      g_autoptr(GMatchInfo) bullet = NULL;
      gboolean new_para = FALSE;

      if (g_regex_match (pr_parser_rx (RX_BULLET), content, 0, &bullet))
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
          else if (i == start + 1 && prev_len < w * 7 / 10 && pr_parser_is_heading_text (prev))
            new_para = TRUE;
          else if (prev_len < w * 7 / 10 && pr_parser_ends_sentence (prev))
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
      prev_len = pr_parser_ulen (content);
      prev_indent = indent;
    }
  FLUSH ();
#undef FLUSH
}

void
pr_parser_reflow_body (Parse *p)
{
  GPtrArray *lines = p->body_lines;
  guint i = 0;

  p->wrap_width = pr_parser_detect_wrap_width (lines);
  while (i < lines->len)
    {
      guint end;

      if (pr_parser_is_blank (g_ptr_array_index (lines, i)))
        {
          i++;
          continue;
        }
      for (end = i; end < lines->len && !pr_parser_is_blank (g_ptr_array_index (lines, end)); end++)
        ;
      reflow_run (p, lines, i, end);
      i = end;
    }
}

/* ---- Sections ----------------------------------------------------------- */

gboolean
pr_parser_has_contact_detail (const char *text)
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
      !g_regex_match (pr_parser_rx (RX_INLINE_TRAILER), block->text, 0, &info))
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

void
pr_parser_add_known_org (Parse      *p,
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
void
pr_parser_split_sections (Parse *p)
{
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *contact_label = NULL;
  Section section = SECTION_BODY;

  for (guint i = 0; i < p->blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (p->blocks, i);
      const char *text = block->text;
      gboolean short_block = pr_parser_ulen_upto (text, 100) <= 100 && strchr (text, '\n') == NULL;
      g_autofree char *about_name = NULL;

      take_inline_trailer (p, block);
      text = block->text;
      if (*text == '\0')
        continue;

      if (pr_parser_rx_match (RX_DROP, text) && pr_parser_ulen_upto (text, 80) < 80)
        continue;

      if (pr_parser_rx_match (RX_TRAILER, text))
        {
          g_autofree char *org = pr_parser_rx_group (RX_SOURCE_ORG, text, 1);

          if (org != NULL && strchr (text, '\n') == NULL)
            pr_parser_add_known_org (p, org);
          g_ptr_array_add (p->trailer, g_strdup (text));
          if (g_str_has_prefix (text, "SOURCE"))
            section = SECTION_TRAILER;
          continue;
        }

      if (short_block && pr_parser_rx_match (RX_TRAILER_SECTION, text))
        {
          g_ptr_array_add (p->trailer, g_strdup (text));
          section = SECTION_TRAILER;
          continue;
        }

      if (pr_parser_rx_match (RX_FORWARD, text))
        {
          g_ptr_array_add (p->trailer, g_strdup (text));
          section = SECTION_TRAILER;
          continue;
        }

      if (short_block && (about_name = pr_parser_rx_group (RX_ABOUT, text, 1)) != NULL &&
          is_name_start (skip_article (about_name)))
        {
          pr_parser_add_known_org (p, about_name);
          g_ptr_array_add (p->about, g_strdup (text));
          section = SECTION_ABOUT;
          continue;
        }

      /* A heading-like "About x" above that was not a name. */
      g_clear_pointer (&about_name, g_free);
      if (block->kind == PR_BLOCK_PARAGRAPH && (about_name = inline_about_name (text)) != NULL)
        {
          pr_parser_add_known_org (p, about_name);
          g_ptr_array_add (p->about, g_strdup (text));
          section = SECTION_ABOUT;
          continue;
        }

      if (pr_parser_rx_match (RX_CONTACT, text) &&
          (pr_parser_ulen_upto (text, 60) <= 60 || strchr (text, '\n') != NULL ||
           pr_parser_has_contact_detail (text) ||
           g_regex_match_simple ("^[^:]{0,40}:", text, 0, 0)))
        {
          /* A heading alone ("Contacts", "Media Contact:") labels what follows. */
          if (pr_parser_ulen_upto (text, 60) <= 60 && strchr (text, '\n') == NULL &&
              !pr_parser_has_contact_detail (text))
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
          if (strchr (text, '\n') != NULL && pr_parser_has_contact_detail (text) &&
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
          if (pr_parser_ulen_upto (text, 200) > 200 && !pr_parser_has_contact_detail (text))
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
          if (strchr (text, '\n') != NULL && pr_parser_has_contact_detail (text))
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

      if (block->kind == PR_BLOCK_PARAGRAPH && pr_parser_is_heading_text (block->text))
        block->kind = PR_BLOCK_HEADING;
    }

  g_ptr_array_unref (p->blocks);
  p->blocks = g_steal_pointer (&body);
}
