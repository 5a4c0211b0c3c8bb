/* pr-text.c: decoding and normalising release text */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pr-parser-error.h"
#include "pr-text.h"

/* Windows-1252 0x80–0x9F; 0 marks the five undefined bytes, read as Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static char *
decode_cp1252 (const guchar *data,
               gsize         length)
{
  GString *out = g_string_sized_new (length + length / 8);

  for (gsize i = 0; i < length; i++)
    {
      gunichar c = data[i];

      if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] != 0)
        c = cp1252_high[c - 0x80];
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
decode_utf16 (const guchar  *data,
              gsize          length,
              gboolean       big_endian,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *utf8;

  utf8 = g_convert ((const char *) data, length, "UTF-8",
                    big_endian ? "UTF-16BE" : "UTF-16LE", NULL, NULL, &local_error);
  if (utf8 == NULL)
    /* Translators: why a file was not imported; %s is the reason the
     * conversion gave. */
    g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_BINARY, _("not valid UTF-16 text (%s)"),
                 local_error->message);
  return utf8;
}

/* Control characters other than tab, newline, CR and form feed mean binary. */
static gboolean
looks_binary (const guchar *data,
              gsize         length)
{
  gsize controls = 0;
  gsize sample = MIN (length, 64 * 1024);

  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;

  for (gsize i = 0; i < sample; i++)
    if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' &&
        data[i] != '\r' && data[i] != '\f' && data[i] != 0x1b)
      controls++;

  return controls > 8 && controls * 100 > sample;
}

typedef struct {
  const char *name;
  gunichar    c;
} Entity;

/* The named references that turn up in scraped releases. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", ' ' }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 }, { "rdquo", 0x201D },
  { "ldquo", 0x201C }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 }, { "euro", 0x20AC },
  { "pound", 0xA3 }, { "yen", 0xA5 }, { "cent", 0xA2 }, { "deg", 0xB0 },
  { "bull", 0x2022 }, { "middot", 0xB7 }, { "laquo", 0xAB }, { "raquo", 0xBB },
  { "eacute", 0xE9 }, { "egrave", 0xE8 }, { "ecirc", 0xEA }, { "aacute", 0xE1 },
  { "agrave", 0xE0 }, { "acirc", 0xE2 }, { "iacute", 0xED }, { "oacute", 0xF3 },
  { "uacute", 0xFA }, { "ntilde", 0xF1 }, { "ccedil", 0xE7 }, { "auml", 0xE4 },
  { "ouml", 0xF6 }, { "uuml", 0xFC }, { "Auml", 0xC4 }, { "Ouml", 0xD6 },
  { "Uuml", 0xDC }, { "szlig", 0xDF }, { "Eacute", 0xC9 }, { "shy", 0xAD },
  { "zwj", 0x200D }, { "zwnj", 0x200C }, { "ensp", ' ' }, { "emsp", ' ' },
  { "thinsp", ' ' }, { "times", 0xD7 },
};

char *
pr_text_decode_entities (const char *text)
{
  GString *out;
  const char *p = text;

  if (strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  while (*p)
    {
      const char *semi;
      gunichar c = 0;

      /* The ';' is looked for nearby only: a strchr() for each '&' of a
       * text without one would be quadratic. */
      if (*p != '&' || (semi = memchr (p, ';', strnlen (p, 11))) == NULL || semi - p < 3)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (p[1] == '#')
        {
          char *end = NULL;
          guint64 v;

          if (p[2] == 'x' || p[2] == 'X')
            v = g_ascii_strtoull (p + 3, &end, 16);
          else
            v = g_ascii_strtoull (p + 2, &end, 10);
          if (end == semi && v > 0 && v <= 0x10FFFF && g_unichar_validate ((gunichar) v))
            c = (gunichar) v;
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            if (strlen (entities[i].name) == (gsize) (semi - p - 1) &&
                strncmp (p + 1, entities[i].name, semi - p - 1) == 0)
              {
                c = entities[i].c;
                break;
              }
        }

      if (c == 0)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      g_string_append_unichar (out, c);
      p = semi + 1;
    }
  return g_string_free (out, FALSE);
}

/* CRLF and CR to LF; no-break and odd spaces to spaces; zero-width and BOM
 * characters dropped; other control characters dropped. */
static char *
normalize (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* Most text is printable ASCII: copy it without decoding. */
      if ((guchar) *p >= 0x20 && (guchar) *p < 0x80)
        {
          const char *run = p;

          while ((guchar) p[1] >= 0x20 && (guchar) p[1] < 0x80)
            p++;
          g_string_append_len (out, run, p - run + 1);
          continue;
        }

      c = g_utf8_get_char (p);
      switch (c)
        {
        case '\r':
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          break;
        case 0x00A0: case 0x2007: case 0x202F: case 0x2002: case 0x2003:
        case 0x2009: case 0x200A: case 0x3000: case '\f': case '\v':
          g_string_append_c (out, ' ');
          break;
        case 0xFEFF: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0x00AD:
          break;
        default:
          if (c < 0x20 && c != '\n' && c != '\t')
            break;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

char *
pr_text_decode (const char  *data,
                gsize        length,
                GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  g_autofree char *utf8 = NULL;
  g_autofree char *decoded = NULL;
  char *result;
  gboolean blank = TRUE;

  if (length == 0)
    {
      /* Translators: why a file was not imported: it has no content. */
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY, _("empty file"));
      return NULL;
    }
  if (length > PR_PARSER_MAX_SIZE)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

      g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE,
                   /* Translators: why a file was not imported; %s is its size
                    * in bytes, %d the largest size read in megabytes (10). */
                   g_dngettext (GETTEXT_PACKAGE, "file too large (%s byte; the limit is %d MB)",
                                "file too large (%s bytes; the limit is %d MB)", length),
                   size, PR_PARSER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      utf8 = decode_utf16 (bytes + 2, length - 2, bytes[0] == 0xFE, error);
      if (utf8 == NULL)
        return NULL;
    }
  else
    {
      if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
          bytes += 3;
          length -= 3;
        }
      if (memchr (bytes, '\0', length) != NULL)
        {
          g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_BINARY,
                               /* Translators: why a file was not imported. */
                               _("binary data (contains NUL bytes), not a text release"));
          return NULL;
        }
      if (looks_binary (bytes, length))
        {
          g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_BINARY,
                               /* Translators: why a file was not imported. */
                               _("binary data (control characters), not a text release"));
          return NULL;
        }
      if (g_utf8_validate ((const char *) bytes, length, NULL))
        utf8 = g_strndup ((const char *) bytes, length);
      else
        utf8 = decode_cp1252 (bytes, length);
    }

  decoded = pr_text_decode_entities (utf8);
  result = normalize (decoded);

  for (const char *p = result; *p && blank; p++)
    blank = g_ascii_isspace (*p);
  if (blank)
    {
      g_free (result);
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY,
                           /* Translators: why a file was not imported: it
                            * has nothing but spaces and blank lines. */
                           _("empty file (only white space)"));
      return NULL;
    }
  return result;
}

char *
pr_text_collapse_space (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
pr_text_is_all_caps (const char *text)
{
  gboolean letter = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        letter = TRUE;
    }
  return letter;
}

char *
pr_text_title_case_caps (const char *text)
{
  GString *out;
  gboolean word_start = TRUE;

  if (!pr_text_is_all_caps (text))
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, word_start ? c : g_unichar_tolower (c));
      /* "O'BRIEN" → "O'brien" is wrong, but rare in place names; hyphens
       * and spaces start words. */
      word_start = !g_unichar_isalnum (c) && c != '\'' && c != 0x2019;
    }
  return g_string_free (out, FALSE);
}

gboolean
pr_text_unichar_is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

char *
pr_text_alnum_key (const char *text)
{
  g_autofree char *folded = NULL;
  GString *key;
  const char *a;

  /* ASCII (most names): folding is lowering. */
  for (a = text; *a != '\0' && (guchar) *a < 0x80; a++)
    ;
  if (*a == '\0')
    {
      char *out = g_malloc (a - text + 1), *o = out;

      for (a = text; *a != '\0'; a++)
        if (g_ascii_isalnum (*a))
          *o++ = g_ascii_tolower (*a);
      *o = '\0';
      return out;
    }
  folded = g_utf8_casefold (text, -1);
  key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

gboolean
pr_text_has_cjk (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* Han, hiragana and katakana all lie past U+2E80, whose UTF-8
       * starts with 0xE2: ASCII and the accents of Latin text are skipped
       * without a look-up. */
      if ((guchar) *p < 0xE2)
        continue;
      c = g_utf8_get_char (p);
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

guint
pr_text_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* A run of ASCII in a tight loop. */
      while ((guchar) *p - 1u < 0x7f)
        {
          if (g_ascii_isalnum (*p))
            {
              words += !in_word;
              in_word = TRUE;
            }
          else if (*p != '\'' && *p != '-')
            in_word = FALSE;
          p++;
        }
      if (*p == '\0')
        break;

      c = g_utf8_get_char (p);
      if (pr_text_unichar_is_cjk (c))
        {
          words++;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if (c != '\'' && c != 0x2019 && c != '-')
        in_word = FALSE;
    }
  return words;
}

char *
pr_text_first_sentence (const char *text,
                        guint       max_chars)
{
  const char *p = text;
  const char *cut = NULL;
  guint n = 0;

  for (; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        return g_strndup (text, next - text);
      /* A full stop that ends a sentence: not "Inc.", "Feb." or "U.S.". */
      if ((c == '.' || c == '!' || c == '?') && (g_ascii_isspace (*next) || *next == '\0') && n > 20)
        {
          const char *w = p;
          while (w > text && !g_ascii_isspace (w[-1]))
            w--;
          if (p - w > 3 || c != '.')
            return g_strndup (text, p - text + (c == '.' ? 0 : 1));
        }
      if (n >= max_chars)
        break;
      if (c == '\n')
        return g_strndup (text, p - text);
      if (c == ' ')
        cut = p;
    }

  if (*p == '\0')
    return g_strdup (text);
  if (cut == NULL)
    cut = p;
  {
    g_autofree char *head = g_strndup (text, cut - text);
    return g_strconcat (head, "…", NULL);
  }
}

/* ---- loading files ---------------------------------------------------- */

static gboolean
too_large (goffset   size,
           gsize     max_size,
           GError  **error)
{
  g_autofree char *shown = NULL;

  if (size <= (goffset) max_size)
    return FALSE;
  shown = g_strdup_printf ("%" G_GOFFSET_FORMAT, size);
  g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE,
               /* Translators: why a file was not imported; %s is its size
                * in bytes, %d the largest size read in megabytes (10). */
               g_dngettext (GETTEXT_PACKAGE, "file too large (%s byte; the limit is %d MB)",
                            "file too large (%s bytes; the limit is %d MB)", (gulong) size),
               shown, (int) (max_size / (1024 * 1024)));
  return TRUE;
}

char *
pr_text_load_file (GFile         *file,
                   gsize          max_size,
                   GCancellable  *cancellable,
                   gsize         *length,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *path = g_file_get_path (file);
  char *data = NULL;

  *length = 0;

  /* A local file read directly: GIO's file info and input stream cost
   * more than the parse of a small release. Anything unusual (an error, a
   * folder, a huge file) takes GIO's path below, for its messages. */
  if (path != NULL)
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (gsize) st.st_size <= max_size &&
          g_file_get_contents (path, &data, length, NULL) && *length <= max_size)
        return data;
      g_clear_pointer (&data, g_free);
      *length = 0;
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
  if (too_large (g_file_info_get_size (info), max_size, error))
    return NULL;
  if (!g_file_load_contents (file, cancellable, &data, length, NULL, error))
    return NULL;
  if (too_large (*length, max_size, error))
    {
      g_free (data);
      return NULL;
    }
  return data;
}

char *
pr_text_bare_url (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);
  const char *p = lower;
  gsize n;

  if (g_str_has_prefix (p, "mailto:"))
    p += 7;
  else if (strstr (p, "://") != NULL)
    p = strstr (p, "://") + 3;
  if (g_str_has_prefix (p, "www."))
    p += 4;
  n = strlen (p);
  while (n > 0 && (p[n - 1] == '/' || p[n - 1] == '.'))
    n--;
  return g_strndup (p, n);
}
