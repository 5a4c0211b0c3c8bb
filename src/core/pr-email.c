/* pr-email.c: reading releases from email messages (.eml) and mailboxes (.mbox) with GMime */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "pr-date.h"
#include "pr-email.h"
#include "pr-email-private.h"
#include "pr-facts.h"
#include "pr-html.h"
#include "pr-parser.h"
#include "pr-text.h"
#include "pr-wire.h"

/* How deep the MIME tree and forwarded messages are walked: GMime itself
 * stops nesting at 1,024 levels; no real message goes past a handful. */
#define MAX_DEPTH 32

/* GMime 3.2 declares no g_autoptr() cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeFilter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

static gpointer
init_gmime (gpointer data)
{
  g_mime_init ();
  return NULL;
}

static void
ensure_gmime (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gmime, NULL);
}

/* ---- the parts of a message ---- */

typedef struct {
  GMimePart    *plain;           /* the first inline text/plain */
  GMimePart    *html;            /* the first inline text/html */
  GMimePart    *plain_attached;  /* text attached as a file: when the body has none */
  GMimePart    *html_attached;
  GMimeMessage *forwarded;       /* the first message/rfc822 part */
  gboolean      too_deep;        /* parts nested past MAX_DEPTH were left */
} Parts;

static void
find_parts (GMimeObject *object,
            guint        depth,
            Parts       *parts)
{
  if (object == NULL)
    return;
  if (depth > MAX_DEPTH)
    {
      parts->too_deep = TRUE;
      return;
    }

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      /* Encrypted content cannot be read; a signed part's first is the content. */
      if (GMIME_IS_MULTIPART_ENCRYPTED (object))
        return;
      for (int i = 0; i < n; i++)
        find_parts (g_mime_multipart_get_part (multipart, i), depth + 1, parts);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *message = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (parts->forwarded == NULL)
        parts->forwarded = message;
    }
  else if (GMIME_IS_PART (object))
    {
      GMimeContentType *type = g_mime_object_get_content_type (object);
      gboolean attached = g_mime_part_is_attachment (GMIME_PART (object));
      GMimePart **slot = NULL;

      if (g_mime_content_type_is_type (type, "text", "plain"))
        slot = attached ? &parts->plain_attached : &parts->plain;
      else if (g_mime_content_type_is_type (type, "text", "html"))
        slot = attached ? &parts->html_attached : &parts->html;
      if (slot != NULL && *slot == NULL)
        *slot = GMIME_PART (object);
    }
}

/* The part's content with its transfer encoding undone, read through a
 * filter: at most PR_PARSER_MAX_SIZE bytes are ever held. */
static GByteArray *
read_part (GMimePart  *part,
           GError    **error)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GMimeStream) filtered = NULL;
  GMimeStream *stream;
  GMimeContentEncoding encoding;
  char buffer[16384];
  gssize n;

  if (content == NULL || (stream = g_mime_data_wrapper_get_stream (content)) == NULL)
    return g_steal_pointer (&bytes);

  g_mime_stream_reset (stream);
  filtered = g_mime_stream_filter_new (stream);
  encoding = g_mime_data_wrapper_get_encoding (content);
  if (encoding == GMIME_CONTENT_ENCODING_BASE64 || encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
      encoding == GMIME_CONTENT_ENCODING_UUENCODE)
    {
      g_autoptr(GMimeFilter) decoder = g_mime_filter_basic_new (encoding, FALSE);

      g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), decoder);
    }

  /* A read error (a truncated file) ends the text: what was read stays. */
  while ((n = g_mime_stream_read (filtered, buffer, sizeof buffer)) > 0)
    {
      if (bytes->len + (gsize) n > PR_PARSER_MAX_SIZE)
        {
          g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE,
                       /* Translators: why an email was not imported; %d is
                        * the largest text read in megabytes (10). */
                       _("message text too large (the limit is %d MB)"),
                       PR_PARSER_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (bytes, (const guint8 *) buffer, n);
    }
  return g_steal_pointer (&bytes);
}

/* Bytes in @from as UTF-8: invalid sequences are skipped, not fatal. NULL
 * when iconv does not know @from. */
static char *
convert (GByteArray *bytes,
         const char *from)
{
  g_autoptr(GMimeFilter) filter = g_mime_filter_charset_new (from, "UTF-8");
  char *out = NULL;
  size_t length = 0, prespace = 0;

  if (filter == NULL)
    return NULL;
  g_mime_filter_complete (filter, (char *) bytes->data, bytes->len, 0, &out, &length, &prespace);
  return g_utf8_make_valid (out, length);
}

/* Charsets whose ASCII bytes do not mean ASCII. */
static gboolean
is_ascii_compatible (const char *charset)
{
  g_autofree char *lower = g_ascii_strdown (charset, -1);

  return strstr (lower, "2022") == NULL && strstr (lower, "utf-7") == NULL && strstr (lower, "utf-16") == NULL &&
         strstr (lower, "utf-32") == NULL && strstr (lower, "ucs") == NULL && strcmp (lower, "hz") != 0;
}

/* The text in UTF-8 from @charset. Text that is valid UTF-8 beyond ASCII
 * stays as it is whatever the label says: a mislabelled part is more
 * common than Latin-1 that validates. Latin-1 and ASCII labels, and no
 * label, mean Windows-1252 in practice (its quotes and dashes in
 * 0x80–0x9F), as in HTML. Always valid UTF-8. */
static char *
to_utf8 (GByteArray *bytes,
         const char *charset)
{
  const char *data = (const char *) bytes->data;
  gboolean ascii = TRUE;
  const char *from = "WINDOWS-1252";
  char *utf8 = NULL;

  for (guint i = 0; i < bytes->len && ascii; i++)
    ascii = bytes->data[i] < 0x80;
  if (ascii ? charset == NULL || is_ascii_compatible (charset) : g_utf8_validate (data, bytes->len, NULL))
    return g_strndup (data, bytes->len);

  if (charset != NULL && g_ascii_strcasecmp (charset, "iso-8859-1") != 0 &&
      g_ascii_strcasecmp (charset, "latin1") != 0 && g_ascii_strcasecmp (charset, "us-ascii") != 0 &&
      g_ascii_strcasecmp (charset, "utf-8") != 0)
    {
      from = g_mime_charset_iconv_name (charset);
      utf8 = convert (bytes, from);
    }
  return utf8 != NULL ? utf8 : convert (bytes, "WINDOWS-1252");
}

/* ---- what the headers say ---- */

typedef struct {
  char *subject;   /* without "Fwd:" and list tags */
  char *date;      /* YYYY-MM-DD */
  char *from;      /* "Name <address>" */
  char *address;
} Mail;

static void
mail_clear (Mail *mail)
{
  g_clear_pointer (&mail->subject, g_free);
  g_clear_pointer (&mail->date, g_free);
  g_clear_pointer (&mail->from, g_free);
  g_clear_pointer (&mail->address, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mail, mail_clear)

static void
mail_set_sender (Mail            *mail,
                 InternetAddress *address)
{
  const char *name = address != NULL ? internet_address_get_name (address) : NULL;
  const char *addr;

  if (address == NULL || !INTERNET_ADDRESS_IS_MAILBOX (address))
    return;
  addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
  if (addr == NULL || strchr (addr, '@') == NULL || !g_utf8_validate (addr, -1, NULL))
    return;
  g_free (mail->address);
  g_free (mail->from);
  mail->address = g_strdup (addr);
  if (name != NULL && *name && g_utf8_validate (name, -1, NULL) && strcmp (name, addr) != 0)
    {
      g_autofree char *one_line = pr_text_collapse_space (name);

      mail->from = g_strdup_printf ("%s <%s>", one_line, addr);
    }
  else
    mail->from = g_strdup (addr);
}

static void
mail_set_subject (Mail       *mail,
                  const char *subject)
{
  g_autofree char *valid = subject != NULL ? g_utf8_make_valid (subject, -1) : NULL;
  char *clean = pr_email_clean_subject (valid);

  if (clean != NULL)
    {
      g_free (mail->subject);
      mail->subject = clean;
    }
}

static void
mail_from_message (Mail         *mail,
                   GMimeMessage *message)
{
  InternetAddressList *from = g_mime_message_get_from (message);
  GDateTime *date = g_mime_message_get_date (message);

  mail_set_subject (mail, g_mime_message_get_subject (message));
  if (date != NULL)
    mail->date = g_date_time_format (date, "%Y-%m-%d");
  if (from != NULL && internet_address_list_length (from) > 0)
    mail_set_sender (mail, internet_address_list_get_address (from, 0));
}

/* The headers of a forwarded message quoted in the body, as written by
 * mail programs ("Tue, Jun 18, 2021 at 9:00 AM", "Name [mailto:a@b]"). */
static void
mail_from_headers (Mail                 *mail,
                   const PrEmailHeaders *headers)
{
  PrDateMatch match;

  /* Who forwarded it and when are not the release's. */
  g_clear_pointer (&mail->date, g_free);
  g_clear_pointer (&mail->from, g_free);
  g_clear_pointer (&mail->address, g_free);
  mail_set_subject (mail, headers->subject);
  if (headers->date != NULL)
    {
      g_autofree char *iso = pr_date_find (headers->date, -1, &match) ? pr_date_to_iso (&match) : NULL;

      if (iso == NULL)
        {
          g_autoptr(GDateTime) parsed = g_mime_utils_header_decode_date (headers->date);

          if (parsed != NULL)
            iso = g_date_time_format (parsed, "%Y-%m-%d");
        }
      if (iso != NULL)
        {
          g_free (mail->date);
          mail->date = g_steal_pointer (&iso);
        }
    }
  if (headers->from != NULL)
    {
      g_autoptr(GRegex) mailto = g_regex_new ("\\s*\\[mailto:([^\\]]*)\\]", G_REGEX_CASELESS, 0, NULL);
      g_autofree char *written = g_regex_replace (mailto, headers->from, -1, 0, " <\\1>", 0, NULL);
      g_autoptr(InternetAddressList) list = written != NULL ? internet_address_list_parse (NULL, written) : NULL;

      if (list != NULL && internet_address_list_length (list) > 0)
        mail_set_sender (mail, internet_address_list_get_address (list, 0));
    }
}

/* ---- the release ---- */

static gboolean
contacts_mention (PrRelease  *release,
                  const char *address)
{
  const char * const *contacts = pr_release_get_list (release, PR_LIST_CONTACTS);
  g_autofree char *want = g_utf8_casefold (address, -1);

  for (guint i = 0; contacts[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (contacts[i], -1);

      if (strstr (folded, want) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* What the headers know better than the body: the Subject for a missing
 * headline, the Date for a missing date, the sender as a contact, a wire
 * as the source when it sent the message. */
static void
overlay (PrRelease  *release,
         const Mail *mail)
{
  if (mail->subject != NULL && pr_release_get_title_derived (release))
    {
      pr_release_set_field (release, PR_FIELD_TITLE, mail->subject);
      pr_release_set_title_derived (release, FALSE);
    }
  if (mail->date != NULL && pr_release_get_date (release) == NULL)
    pr_release_set_field (release, PR_FIELD_DATE, mail->date);
  if (mail->address != NULL && !contacts_mention (release, mail->address))
    {
      const char * const *contacts = pr_release_get_list (release, PR_LIST_CONTACTS);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) all = NULL;

      g_strv_builder_addv (builder, (const char **) contacts);
      g_strv_builder_add (builder, mail->from);
      all = g_strv_builder_end (builder);
      pr_release_set_list (release, PR_LIST_CONTACTS, (const char * const *) all);
    }
  if (mail->address != NULL && pr_release_get_source (release) == NULL)
    pr_release_set_field (release, PR_FIELD_SOURCE, pr_wire_from_host (strchr (mail->address, '@') + 1));
  /* The Subject may be the headline now: its markers, kind and issuer. */
  pr_facts_apply (release);
  pr_release_compute_id (release);
}

/* An empty body is no release: say so in an email's terms. */
static void
no_text (GError **error)
{
  g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                       /* Translators: why an email was not imported. */
                       _("no release text found in the message"));
}

static PrRelease *
parse_body (const char  *body,
            const char  *origin,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  PrRelease *release = pr_parse_text (body, strlen (body), origin, &local);

  if (release == NULL && g_error_matches (local, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY))
    no_text (error);
  else if (release == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return release;
}

/* Lines [*from, *to) of a body are the release: after a forwarded
 * message's headers (which then speak for it), a salutation and a note,
 * before a signature or a list footer. */
static void
find_release (GArray *lines,
              Mail   *mail,
              guint  *from,
              guint  *to)
{
  PrEmailHeaders headers = { NULL, NULL, NULL };

  *from = pr_email_find_forward (lines, &headers);
  if (*from > 0)
    mail_from_headers (mail, &headers);
  pr_email_headers_clear (&headers);
  *to = pr_email_find_footer (lines, *from);
  *from = pr_email_find_start (lines, *from, *to, mail->subject);
}

static gboolean
same_facts (PrRelease *a,
            PrRelease *b)
{
  static const PrField fields[] = { PR_FIELD_DATE, PR_FIELD_DATELINE, PR_FIELD_CITY, PR_FIELD_REGION,
                                    PR_FIELD_SOURCE };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (pr_release_get_field (a, fields[i]), pr_release_get_field (b, fields[i])) != 0)
      return FALSE;
  return TRUE;
}

static PrRelease *
read_plain (GMimePart  *part,
            GByteArray *bytes,
            Mail       *mail,
            const char *origin,
            gboolean    in_mbox,
            GError    **error)
{
  GMimeObject *object = GMIME_OBJECT (part);
  const char *format = g_mime_object_get_content_type_parameter (object, "format");
  const char *delsp = g_mime_object_get_content_type_parameter (object, "delsp");
  g_autoptr(GArray) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PrRelease) release = NULL;
  guint from, to;

  text = to_utf8 (bytes, g_mime_object_get_content_type_parameter (object, "charset"));
  if (format != NULL && g_ascii_strcasecmp (format, "flowed") == 0)
    {
      char *unflowed = pr_email_unflow (text, delsp != NULL && g_ascii_strcasecmp (delsp, "yes") == 0);

      g_free (text);
      text = unflowed;
    }

  lines = pr_email_text_lines (text);
  if (in_mbox)
    pr_email_unescape_from (lines);
  find_release (lines, mail, &from, &to);
  body = pr_email_join_lines (lines, from, to);

  release = parse_body (body, origin, error);
  if (release == NULL)
    return NULL;
  /* The Subject as the headline when the body has none (it starts at the
   * dateline, or is one short paragraph the parser took for a headline):
   * read with the body, the analysis (the organisations in the headline,
   * the summary) is that of a headline. */
  if (mail->subject != NULL &&
      (pr_release_get_title_derived (release) || pr_release_get_blocks (release)->len == 0) &&
      g_strcmp0 (pr_release_get_title (release), mail->subject) != 0)
    {
      g_autofree char *with_subject = g_strconcat (mail->subject, "\n\n", body, NULL);
      PrRelease *again = pr_parse_text (with_subject, strlen (with_subject), origin, NULL);

      /* Unless the headline line hid what the body's first line says (a
       * scraper's " date …" header): then the Subject is laid over it. */
      if (again != NULL && same_facts (release, again))
        {
          g_object_unref (release);
          release = again;
        }
      else
        g_clear_object (&again);
    }
  return g_steal_pointer (&release);
}

/* Where "</head>" ends in html[0, limit), or 0. */
static gsize
head_end (const char *html,
          gsize       limit)
{
  for (gsize i = 0; i + 7 <= limit; i++)
    if (html[i] == '<' && g_ascii_strncasecmp (html + i, "</head>", 7) == 0)
      return i + 7;
  return 0;
}

static PrRelease *
read_html (GMimePart  *part,
           GByteArray *bytes,
           Mail       *mail,
           const char *origin,
           GError    **error)
{
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
  g_autoptr(GArray) lines = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GString) kept = NULL;
  gsize length, begin, end;
  guint from, to;

  /* In UTF-8 when the part names its charset: the cuts below are made in
   * the text the HTML reader then reads, and it is told so. */
  html = charset != NULL ? to_utf8 (bytes, charset) : g_strndup ((const char *) bytes->data, bytes->len);
  length = strlen (html);

  /* The forwarded message, the note above it and the footers below are
   * cut from the source, where the lines of its rendition begin and end. */
  lines = pr_email_html_lines (html, length);
  find_release (lines, mail, &from, &to);
  begin = from > 0 ? g_array_index (lines, PrEmailLine, from - 1).end : 0;
  end = to < lines->len && to > 0 ? g_array_index (lines, PrEmailLine, to - 1).end
        : to < lines->len ? 0 : length;
  if (begin >= end)
    {
      no_text (error);
      return NULL;
    }

  kept = g_string_new (NULL);
  if (begin > 0)
    g_string_append_len (kept, html, head_end (html, begin));
  g_string_append_len (kept, html + begin, end - begin);
  return pr_html_read (kept->str, kept->len, origin,
                       charset != NULL && g_utf8_validate (kept->str, kept->len, NULL) ? "UTF-8" : NULL, error);
}

static gboolean
has_letters (GByteArray *bytes)
{
  for (guint i = 0; i < bytes->len; i++)
    if (g_ascii_isalnum (bytes->data[i]) || bytes->data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* The release in the best text part that gives one: plain, else HTML,
 * inline, else attached as a file. */
static PrRelease *
read_body (Parts       *parts,
           Mail        *mail,
           const char  *origin,
           gboolean     in_mbox,
           GError     **error)
{
  GMimePart *candidates[] = { parts->plain, parts->html, parts->plain_attached, parts->html_attached };
  g_autoptr(GError) first_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GByteArray) bytes = NULL;
      g_autoptr(GError) local = NULL;
      GMimeContentType *type;
      PrRelease *release;

      if (candidates[i] == NULL)
        continue;
      bytes = read_part (candidates[i], error);
      if (bytes == NULL)
        return NULL;
      /* An empty text/plain beside the HTML ("view this in a browser" mail). */
      if (!has_letters (bytes))
        continue;
      type = g_mime_object_get_content_type (GMIME_OBJECT (candidates[i]));
      if (g_mime_content_type_is_type (type, "text", "html"))
        release = read_html (candidates[i], bytes, mail, origin, &local);
      else
        release = read_plain (candidates[i], bytes, mail, origin, in_mbox, &local);
      if (release != NULL)
        {
          overlay (release, mail);
          return release;
        }
      if (first_error == NULL)
        first_error = g_steal_pointer (&local);
    }
  if (first_error != NULL)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    no_text (error);
  return NULL;
}

/* Whether the message's own text is a note on what it forwards ("FYI"),
 * or absent: judged by the encoded size, nothing is decoded. */
static gboolean
is_note (Parts *parts)
{
  GMimePart *text = parts->plain != NULL ? parts->plain : parts->html;
  GMimeDataWrapper *content = text != NULL ? g_mime_part_get_content (text) : NULL;
  GMimeStream *stream = content != NULL ? g_mime_data_wrapper_get_stream (content) : NULL;

  return stream == NULL || g_mime_stream_length (stream) < 4096;
}

static PrRelease *
read_message (GMimeMessage *message,
              const char   *origin,
              gboolean      in_mbox,
              guint         depth,
              GError      **error)
{
  g_auto(Mail) mail = { NULL, NULL, NULL, NULL };
  Parts parts = { NULL, NULL, NULL, NULL, NULL, FALSE };
  gboolean forwarded, note;
  g_autoptr(GError) local = NULL;
  PrRelease *release;

  find_parts (g_mime_message_get_mime_part (message), 0, &parts);
  forwarded = parts.forwarded != NULL && depth < MAX_DEPTH;
  note = forwarded && is_note (&parts);

  /* Forwarded as an attachment under a note: the release is the message
   * inside, its Subject and Date the ones that count. */
  if (note && (release = read_message (parts.forwarded, origin, in_mbox, depth + 1, NULL)) != NULL)
    return release;

  mail_from_message (&mail, message);
  release = read_body (&parts, &mail, origin, in_mbox, &local);
  if (release == NULL && forwarded && !note)
    release = read_message (parts.forwarded, origin, in_mbox, depth + 1, NULL);
  if (release == NULL && parts.too_deep &&
      g_error_matches (local, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT))
    {
      g_clear_error (&local);
      g_set_error (&local, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                   /* Translators: why an email was not imported; %d is a
                    * number of levels (32). */
                   _("no release text found in the message: its parts are nested more than %d levels deep, and those were not read"),
                   MAX_DEPTH);
    }
  if (release == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return release;
}

/* ---- reading messages ---- */

static PrRelease *
read_stream (GMimeStream  *stream,
             const char   *origin,
             GError      **error)
{
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) message = NULL;

  /* The parser keeps each part's content as a window on the stream
   * (persistent, the default on a seekable stream): an attachment is
   * scanned for its boundary, never copied. */
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL)
    {
      no_text (error);
      return NULL;
    }
  return read_message (message, origin, FALSE, 0, error);
}

PrRelease *
pr_email_read (const char  *data,
               gsize        length,
               const char  *origin,
               GError     **error)
{
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *borrowed;
  PrRelease *release;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      /* Translators: why a file was not imported: it has no content. */
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY, _("empty file"));
      return NULL;
    }
  if (length > G_MAXUINT)
    {
      g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE,
                   _("message text too large (the limit is %d MB)"), PR_PARSER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  ensure_gmime ();

  /* The caller's bytes, not a copy: a GByteArray that borrows them. */
  borrowed = g_byte_array_new_take ((guint8 *) data, length);
  stream = g_mime_stream_mem_new_with_byte_array (borrowed);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  release = read_stream (stream, origin, error);
  g_clear_object (&stream);
  g_byte_array_free (borrowed, FALSE);
  return release;
}

static GMimeStream *
open_stream (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return NULL;
    }
  return g_mime_stream_fs_new (fd);
}

PrRelease *
pr_email_read_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GMimeStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  ensure_gmime ();
  stream = open_stream (path, error);
  if (stream == NULL)
    return NULL;
  if (g_mime_stream_length (stream) == 0)
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY, _("empty file"));
      return NULL;
    }
  return read_stream (stream, path, error);
}

gboolean
pr_mbox_read_file (const char    *path,
                   PrEmailFunc    found,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  guint index = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  ensure_gmime ();
  stream = open_stream (path, error);
  if (stream == NULL)
    return FALSE;

  /* One message at a time, each freed before the next is parsed. */
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MBOX);
  while (!g_mime_parser_eos (parser))
    {
      g_autoptr(GMimeMessage) message = NULL;
      g_autoptr(PrRelease) release = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GError) reported = NULL;
      g_autofree char *origin = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      message = g_mime_parser_construct_message (parser, NULL);
      if (message == NULL)
        break;
      index++;
      origin = g_strdup_printf ("%s#%u", path, index);
      release = read_message (message, origin, TRUE, 0, &local);
      if (release == NULL)
        /* Translators: why one message of a mailbox was not imported; %u
         * is its number in the file, %s the reason. */
        reported = g_error_new (local->domain, local->code, _("message %u: %s"), index, local->message);
      found (index, release, reported, user_data);
    }

  if (index == 0)
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                           /* Translators: why a file read as a mailbox was not imported. */
                           _("no messages found (not an mbox mailbox)"));
      return FALSE;
    }
  return TRUE;
}
