/* pr-reader.c: one entry point for every format a release arrives in
 *
 * The format is sniffed from the first bytes (markup, JSON, mail headers),
 * the extension only breaking ties, so that a page saved as .txt or a
 * message saved without an extension still reads as what it is.
 */
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-catalog.h"
#include "pr-email.h"
#include "pr-html.h"
#include "pr-newsml.h"
#include "pr-ninjs.h"
#include "pr-parser.h"
#include "pr-reader.h"
#include "pr-text.h"

/* ---- Names -------------------------------------------------------------- */

/* The extension of a name or path, lower case, without the dot; "" for
 * none ("README", ".profile"). */
static char *
extension_of (const char *name)
{
  const char *base, *dot;

  if (name == NULL)
    return g_strdup ("");
  base = strrchr (name, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : name;
  if (G_DIR_SEPARATOR != '/' && strrchr (base, '/') != NULL)
    base = strrchr (base, '/') + 1;
  dot = strrchr (base, '.');
  return dot != NULL && dot != base ? g_ascii_strdown (dot + 1, -1) : g_strdup ("");
}

static gboolean
is_one_of (const char         *extension,
           const char * const *extensions)
{
  return g_strv_contains (extensions, extension);
}

static const char * const text_extensions[] = { "", "txt", "text", NULL };
static const char * const html_extensions[] = { "html", "htm", "xhtml", NULL };

gboolean
pr_reader_is_release_name (const char *name)
{
  static const char * const others[] = { "eml", "mbox", "xml", "json", NULL };
  g_autofree char *extension = extension_of (name);

  return is_one_of (extension, text_extensions) || is_one_of (extension, html_extensions) ||
         is_one_of (extension, others);
}

/* ---- Sniffing ----------------------------------------------------------- */

static gboolean
starts_with_ci (const char *text,
                const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

/* Case-insensitive strstr. */
static gboolean
contains_ci (const char *text,
             const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = text; *p; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Past white space and <!-- comments -->. */
static const char *
skip_space_and_comments (const char *p)
{
  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (!g_str_has_prefix (p, "<!--"))
        return p;
      p = strstr (p + 4, "-->");
      if (p == NULL)
        return "";
      p += 3;
    }
}

/* "<div", "<p>", "<meta " … at @p: a tag HTML has. With @document, only
 * the tags that begin a whole page: a release saved as .txt may well
 * start with "<b>" or "<span>" typed as text. */
static gboolean
starts_with_html_tag (const char *p,
                      gboolean    document)
{
  static const char * const page_tags[] = {
    "html", "head", "body", "meta", "title", "link", "script", "style", "base", NULL,
  };
  static const char * const all_tags[] = {
    "html", "head", "body", "meta", "title", "link", "div", "p", "h1", "h2", "h3", "table", "article",
    "section", "span", "br", "main", "header", "nav", "ul", "script", "style", "base", NULL,
  };
  const char * const *tags = document ? page_tags : all_tags;

  if (*p != '<')
    return FALSE;
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gsize n = strlen (tags[i]);

      if (g_ascii_strncasecmp (p + 1, tags[i], n) == 0 &&
          (p[1 + n] == '>' || p[1 + n] == '/' || g_ascii_isspace (p[1 + n])))
        return TRUE;
    }
  return FALSE;
}

/* Header fields only mail has, and those a memo may have too. */
static const char * const strong_headers[] = {
  "return-path", "received", "message-id", "mime-version", "delivered-to", "dkim-signature",
  "in-reply-to", "references", "authentication-results", "x-mailer", "user-agent",
  "content-transfer-encoding", "reply-to", "envelope-to", NULL,
};
static const char * const weak_headers[] = { "from", "to", "cc", "subject", "date", "sender", NULL };

/* Counts the header lines at @p up to the first blank line: FALSE when a
 * line there is no header ("Name: value", or a folded continuation). */
static gboolean
read_headers (const char *p,
              guint      *strong,
              guint      *weak)
{
  guint lines = 0;

  *strong = *weak = 0;
  while (*p && *p != '\n' && !(p[0] == '\r' && p[1] == '\n') && lines < 100)
    {
      const char *colon = p;
      const char *eol = strchr (p, '\n');

      if (*p == ' ' || *p == '\t')
        {
          if (lines == 0)
            return FALSE;
        }
      else
        {
          g_autofree char *field = NULL;

          while (g_ascii_isalnum (*colon) || *colon == '-')
            colon++;
          if (colon == p || *colon != ':')
            return FALSE;
          field = g_ascii_strdown (p, colon - p);
          if (g_strv_contains (strong_headers, field) || g_str_has_prefix (field, "x-") ||
              g_str_has_prefix (field, "arc-"))
            (*strong)++;
          else if (g_strv_contains (weak_headers, field))
            (*weak)++;
        }
      lines++;
      if (eol == NULL)
        break;
      p = eol + 1;
    }
  return lines > 0;
}

static gboolean
is_mail (const char *text,
         const char *extension)
{
  guint strong, weak;

  if (!read_headers (text, &strong, &weak))
    return FALSE;
  return strong > 0 || (weak >= 2 && strcmp (extension, "eml") == 0) || weak >= 3;
}

/* "From sender@example.org Thu Jan  1 00:00:00 2024" and a header after. */
static gboolean
is_mbox (const char *text)
{
  const char *eol;
  guint strong, weak;

  if (!g_str_has_prefix (text, "From ") || (eol = strchr (text, '\n')) == NULL)
    return FALSE;
  return read_headers (eol + 1, &strong, &weak) && strong + weak >= 2;
}

static PrFormat
sniff_markup (const char *p,
              const char *extension)
{
  if (starts_with_ci (p, "<?xml"))
    {
      if (strstr (p, "<newsItem") != NULL || strstr (p, "<newsMessage") != NULL ||
          strstr (p, ":newsItem") != NULL)
        return PR_FORMAT_NEWSML;
      if (contains_ci (p, "<html") || contains_ci (p, "<!doctype html"))
        return PR_FORMAT_HTML;
      return is_one_of (extension, html_extensions) ? PR_FORMAT_HTML : PR_FORMAT_NEWSML;
    }
  if (g_str_has_prefix (p, "<newsItem") || g_str_has_prefix (p, "<newsMessage"))
    return PR_FORMAT_NEWSML;
  if (starts_with_ci (p, "<!doctype html") ||
      starts_with_html_tag (p, strcmp (extension, "txt") == 0 || strcmp (extension, "text") == 0))
    return PR_FORMAT_HTML;
  if (is_one_of (extension, html_extensions))
    return PR_FORMAT_HTML;
  return strcmp (extension, "xml") == 0 ? PR_FORMAT_NEWSML : PR_FORMAT_TEXT;
}

static PrFormat
sniff_json (const char *p,
            const char *extension)
{
  if (strstr (p, "\"pressreader-catalog\"") != NULL)
    return PR_FORMAT_CATALOG;
  if (strstr (p, "\"uri\"") != NULL || strstr (p, "\"body_html\"") != NULL ||
      strstr (p, "\"bodies\"") != NULL || strstr (p, "ninjs") != NULL ||
      (strstr (p, "\"headline\"") != NULL && strstr (p, "\"releases\"") == NULL))
    return PR_FORMAT_NINJS;
  /* A .json file was a catalog before there were other readers. */
  return strcmp (extension, "json") == 0 ? PR_FORMAT_CATALOG : PR_FORMAT_TEXT;
}

/* The head as UTF-8 (a UTF-16 head converted, a BOM dropped), NUL-ended. */
static char *
head_text (const char *head,
           gsize       length)
{
  const guchar *bytes = (const guchar *) head;

  if (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      gsize even = (length - 2) & ~(gsize) 1;
      char *utf8 = g_convert (head + 2, even, "UTF-8", bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                              NULL, NULL, NULL);

      if (utf8 != NULL)
        return utf8;
    }
  if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    return g_strndup (head + 3, length - 3);
  return g_strndup (head, length);
}

PrFormat
pr_reader_sniff (const char *name,
                 const char *head,
                 gsize       head_length)
{
  g_autofree char *extension = extension_of (name);
  g_autofree char *text = head_text (head != NULL ? head : "", head != NULL ? head_length : 0);
  const char *p = skip_space_and_comments (text);

  if (is_mbox (text))
    return PR_FORMAT_MBOX;
  if (*p == '<')
    return sniff_markup (p, extension);
  if (*p == '{' || *p == '[')
    return sniff_json (p, extension);
  if (is_mail (text, extension))
    return PR_FORMAT_EMAIL;

  /* Nothing in the content says otherwise: the extension decides. */
  if (is_one_of (extension, html_extensions) && strchr (text, '<') != NULL)
    return PR_FORMAT_HTML;
  return PR_FORMAT_TEXT;
}

/* ---- Reading ------------------------------------------------------------ */

PrRelease *
pr_reader_read_bytes (const char  *data,
                      gsize        length,
                      const char  *origin,
                      PrFormat     format,
                      GError     **error)
{
  switch (format)
    {
    case PR_FORMAT_TEXT:
      return pr_parse_text (data, length, origin, error);
    case PR_FORMAT_HTML:
      return pr_html_read (data, length, origin, NULL, error);
    case PR_FORMAT_EMAIL:
      return pr_email_read (data, length, origin, error);
    case PR_FORMAT_MBOX:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: why a file was not imported: it is a
                            * mailbox, read whole only when its name says so. */
                           _("a mailbox holds many messages: name it *.mbox to import them"));
      return NULL;
    case PR_FORMAT_NEWSML:
    case PR_FORMAT_NINJS:
      {
        g_autoptr(GPtrArray) releases = format == PR_FORMAT_NEWSML
                                        ? pr_newsml_read (data, length, origin, error)
                                        : pr_ninjs_read (data, length, origin, error);

        if (releases == NULL)
          return NULL;
        if (releases->len == 1)
          return g_object_ref (g_ptr_array_index (releases, 0));
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     /* Translators: why a file was not imported as one
                      * release; %u is how many it holds (2 or more). */
                     g_dngettext (GETTEXT_PACKAGE, "the file holds %u news item: import it whole",
                                  "the file holds %u news items: import it whole", releases->len),
                     releases->len);
        return NULL;
      }
    case PR_FORMAT_CATALOG:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: why a file was not imported as one
                            * release; catalogs are imported whole. */
                           _("a catalog holds many releases: import it as a catalog"));
      return NULL;
    }
  g_return_val_if_reached (NULL);
}

gboolean
pr_reader_format_is_many (PrFormat format)
{
  return format == PR_FORMAT_CATALOG || format == PR_FORMAT_NINJS || format == PR_FORMAT_MBOX ||
         format == PR_FORMAT_NEWSML;
}

/* ---- Files -------------------------------------------------------------- */

#define SNIFF_BYTES 4096

PrFormat
pr_reader_sniff_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFileInputStream) in = NULL;
  char head[SNIFF_BYTES];
  gsize got = 0;

  in = g_file_read (file, NULL, NULL);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, NULL))
    return PR_FORMAT_TEXT;
  return pr_reader_sniff (path, head, got);
}

PrRelease *
pr_reader_read_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *origin = g_file_get_path (file);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (origin == NULL)
    origin = g_file_get_uri (file);
  data = pr_text_load_file (file, PR_PARSER_MAX_SIZE, cancellable, &length, &local_error);
  if (data == NULL)
    {
      /* A message over the cap is streamed from its file: its
       * attachments are skipped unread, and the cap applies to its text. */
      if (g_error_matches (local_error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE) &&
          g_file_is_native (file) && pr_reader_sniff_file (file) == PR_FORMAT_EMAIL)
        return pr_email_read_file (origin, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return pr_reader_read_bytes (data, length, origin,
                               pr_reader_sniff (origin, data, MIN (length, SNIFF_BYTES)), error);
}

typedef struct {
  PrReaderFunc  found;
  gpointer      user_data;
} Each;

static void
message_read (guint         index,
              PrRelease    *release,
              const GError *error,
              gpointer      user_data)
{
  Each *each = user_data;

  each->found (release, release != NULL ? NULL : error, each->user_data);
}

static void
found_all (GPtrArray    *releases,
           PrReaderFunc  found,
           gpointer      user_data)
{
  for (guint i = 0; i < releases->len; i++)
    found (g_ptr_array_index (releases, i), NULL, user_data);
}

gboolean
pr_reader_read_file_each (GFile         *file,
                          PrReaderFunc   found,
                          gpointer       user_data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *origin = g_file_get_path (file);
  g_autofree char *data = NULL;
  g_autoptr(PrRelease) release = NULL;
  gsize length = 0;
  PrFormat format;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  if (origin == NULL)
    origin = g_file_get_uri (file);
  format = pr_reader_sniff_file (file);
  /* A catalog has no size limit of its own (a whole library exported). */
  if (format == PR_FORMAT_CATALOG)
    {
      g_autoptr(GPtrArray) skipped = NULL;
      g_autoptr(GPtrArray) releases = pr_catalog_read_file (file, cancellable, &skipped, error);

      if (releases == NULL)
        return FALSE;
      for (guint i = 0; skipped != NULL && i < skipped->len; i++)
        found (NULL, g_ptr_array_index (skipped, i), user_data);
      found_all (releases, found, user_data);
      return TRUE;
    }
  /* A mailbox is read message by message, never whole. */
  if (format == PR_FORMAT_MBOX && g_file_is_native (file))
    {
      Each each = { found, user_data };

      return pr_mbox_read_file (origin, message_read, &each, cancellable, error);
    }
  data = pr_text_load_file (file, PR_PARSER_MAX_SIZE, cancellable, &length, error);
  if (data == NULL)
    return FALSE;

  format = pr_reader_sniff (origin, data, MIN (length, SNIFF_BYTES));
  if (format == PR_FORMAT_NEWSML || format == PR_FORMAT_NINJS)
    {
      g_autoptr(GPtrArray) releases = format == PR_FORMAT_NEWSML
                                      ? pr_newsml_read (data, length, origin, error)
                                      : pr_ninjs_read (data, length, origin, error);

      if (releases == NULL)
        return FALSE;
      /* Items without an address of their own are told apart as a
       * mailbox's messages are: "PATH#N". */
      for (guint i = 0; releases->len > 1 && i < releases->len; i++)
        {
          PrRelease *item = g_ptr_array_index (releases, i);

          if (g_strcmp0 (pr_release_get_field (item, PR_FIELD_ORIGIN), origin) == 0)
            {
              g_autofree char *numbered = g_strdup_printf ("%s#%u", origin, i + 1);

              pr_release_set_field (item, PR_FIELD_ORIGIN, numbered);
            }
        }
      found_all (releases, found, user_data);
      return TRUE;
    }
  release = pr_reader_read_bytes (data, length, origin, format, error);
  if (release == NULL)
    return FALSE;
  found (release, NULL, user_data);
  return TRUE;
}

typedef struct {
  GPtrArray  *releases;
  GPtrArray **skipped;
} Many;

static void
many_found (PrRelease    *release,
            const GError *error,
            gpointer      user_data)
{
  Many *many = user_data;

  if (release != NULL)
    g_ptr_array_add (many->releases, g_object_ref (release));
  else if (many->skipped != NULL)
    {
      if (*many->skipped == NULL)
        *many->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_ptr_array_add (*many->skipped, g_error_copy (error));
    }
}

GPtrArray *
pr_reader_read_file_many (GFile         *file,
                          GCancellable  *cancellable,
                          GPtrArray    **skipped,
                          GError       **error)
{
  Many many = { g_ptr_array_new_with_free_func (g_object_unref), skipped };

  if (!pr_reader_read_file_each (file, many_found, &many, cancellable, error))
    {
      g_ptr_array_unref (many.releases);
      return NULL;
    }
  return many.releases;
}
