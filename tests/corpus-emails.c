/* corpus-emails.c: a corpus release wrapped as the email that would carry it */
#include <string.h>

#include "corpus-emails.h"

const char *
corpus_email_name (CorpusEmail wrap)
{
  static const char *const names[] = {
    "plain", "html-only", "alternative", "quoted-printable-1252", "forwarded",
  };

  g_return_val_if_fail (wrap < CORPUS_N_EMAILS, NULL);
  return names[wrap];
}

char *
corpus_email_base64 (const char *data,
                     gsize       length)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) data, length);
  GString *out = g_string_new (NULL);
  gsize n = strlen (encoded);

  for (gsize i = 0; i < n; i += 76)
    {
      g_string_append_len (out, encoded + i, MIN (76, n - i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Quoted-printable (RFC 2045 6.7) with soft breaks under 76 columns. */
char *
corpus_email_quoted_printable (const char *data,
                               gsize       length)
{
  GString *out = g_string_new (NULL);
  guint column = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];
      char piece[4];

      if (c == '\n')
        {
          g_string_append_c (out, '\n');
          column = 0;
          continue;
        }
      if ((c >= 33 && c <= 126 && c != '=') ||
          (c == ' ' && i + 1 < length && data[i + 1] != '\n'))
        g_snprintf (piece, sizeof piece, "%c", c);
      else
        g_snprintf (piece, sizeof piece, "=%02X", c);
      if (column + strlen (piece) > 75)
        {
          g_string_append (out, "=\n");
          column = 0;
        }
      g_string_append (out, piece);
      column += strlen (piece);
    }
  return g_string_free (out, FALSE);
}

/* A text release as an HTML mail body: paragraphs, their lines kept. */
char *
corpus_email_html (const char *text,
                   const char *title)
{
  g_auto(GStrv) paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head>\n<body>\n", escaped_title);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      lines = g_strsplit (paragraphs[i], "\n", -1);
      g_string_append (out, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = g_markup_escape_text (lines[j], -1);

          g_string_append_printf (out, "%s%s", j > 0 ? "<br>\n" : "", line);
        }
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</body></html>\n");
  return g_string_free (out, FALSE);
}

/* mboxrd: a body line "From …" is written ">From …". */
void
corpus_email_append_mbox (GString    *mbox,
                          const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  g_string_append (mbox, "From media@acme.example Tue Mar  4 09:00:00 2025\n");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      if (lines[i + 1] == NULL && *p == '\0')
        break;
      while (*p == '>')
        p++;
      if (g_str_has_prefix (p, "From "))
        g_string_append_c (mbox, '>');
      g_string_append (mbox, lines[i]);
      g_string_append_c (mbox, '\n');
    }
  g_string_append_c (mbox, '\n');
}

/* A header value in RFC 2047 encoded words of whole characters (when it
 * is not ASCII). */
static char *
encode_header (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean ascii = TRUE;

  for (const char *c = value; *c && ascii; c++)
    ascii = (guchar) *c < 0x80;
  if (ascii)
    return g_string_free (g_string_append (out, value), FALSE);

  while (*p)
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      while (*end && end - p < 45)
        end = g_utf8_next_char (end);
      encoded = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "%s=?utf-8?B?%s?=", out->len > 0 ? "\n " : "", encoded);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* The headers every corpus message has: a Date far from any release's, so
 * that the dates scored are the ones the body gives. */
static void
append_headers (GString    *eml,
                const char *from,
                const char *subject,
                guint       index)
{
  g_autofree char *encoded = encode_header (subject);

  g_string_append_printf (eml, "From: %s\n"
                          "To: desk@paper.example\n"
                          "Date: Mon, 06 Jan 2031 09:00:00 +0000\n"
                          "Subject: %s\n"
                          "Message-ID: <%u@sender.example>\n"
                          "MIME-Version: 1.0\n",
                          from, encoded, index);
}

/* A corpus release (@text, UTF-8) as @wrap carries it; NULL when it does
 * not fit (text beyond Windows-1252). */
char *
corpus_email_build (CorpusEmail  wrap,
                    const char  *text,
                    const char  *subject,
                    guint        index)
{
  GString *eml = g_string_new (NULL);
  g_autofree char *html = NULL;
  g_autofree char *encoded = NULL;

  switch (wrap)
    {
    case CORPUS_EMAIL_PLAIN:
      append_headers (eml, "Newsroom <newsroom@sender.example>", subject, index);
      g_string_append_printf (eml, "Content-Type: text/plain; charset=utf-8\n"
                              "Content-Transfer-Encoding: 8bit\n"
                              "\n%s\n-- \nThe Newsroom | +1 555 0100\n", text);
      break;
    case CORPUS_EMAIL_HTML:
      html = corpus_email_html (text, subject);
      encoded = corpus_email_base64 (html, strlen (html));
      append_headers (eml, "Newsroom <newsroom@sender.example>", subject, index);
      g_string_append_printf (eml, "Content-Type: text/html; charset=utf-8\n"
                              "Content-Transfer-Encoding: base64\n"
                              "\n%s", encoded);
      break;
    case CORPUS_EMAIL_ALTERNATIVE:
      {
        g_autofree char *plain = corpus_email_quoted_printable (text, strlen (text));

        html = corpus_email_html (text, subject);
        encoded = corpus_email_base64 (html, strlen (html));
        append_headers (eml, "Newsroom <newsroom@sender.example>", subject, index);
        g_string_append_printf (eml, "Content-Type: multipart/alternative; boundary=\"=_alt_%u\"\n"
                                "\n"
                                "--=_alt_%u\n"
                                "Content-Type: text/plain; charset=utf-8\n"
                                "Content-Transfer-Encoding: quoted-printable\n"
                                "\n%s\n"
                                "--=_alt_%u\n"
                                "Content-Type: text/html; charset=utf-8\n"
                                "Content-Transfer-Encoding: base64\n"
                                "\n%s"
                                "--=_alt_%u--\n",
                                index, index, plain, index, encoded, index);
        break;
      }
    case CORPUS_EMAIL_QP_1252:
      {
        g_autofree char *cp1252 = g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);

        if (cp1252 == NULL)
          {
            g_string_free (eml, TRUE);
            return NULL;
          }
        encoded = corpus_email_quoted_printable (cp1252, strlen (cp1252));
        append_headers (eml, "Newsroom <newsroom@sender.example>", subject, index);
        g_string_append_printf (eml, "Content-Type: text/plain; charset=windows-1252\n"
                                "Content-Transfer-Encoding: quoted-printable\n"
                                "\n%s", encoded);
        break;
      }
    case CORPUS_EMAIL_FORWARDED:
      {
        g_autofree char *forwarded = g_strconcat ("Fwd: ", subject, NULL);

        append_headers (eml, "Sam Editor <sam@paper.example>", forwarded, index);
        g_string_append_printf (eml, "Content-Type: text/plain; charset=utf-8\n"
                                "Content-Transfer-Encoding: 8bit\n"
                                "\n"
                                "For tomorrow's business page?\n"
                                "\n"
                                "---------- Forwarded message ---------\n"
                                "From: Newsroom <newsroom@sender.example>\n"
                                "Date: Tue, Jan 7, 2031 at 9:00 AM\n"
                                "Subject: %s\n"
                                "To: <sam@paper.example>\n"
                                "\n"
                                "\n%s\n"
                                "_______________________________________________\n"
                                "desk mailing list\n"
                                "desk@lists.paper.example\n"
                                "https://lists.paper.example/mailman/listinfo/desk\n",
                                subject, text);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  return g_string_free (eml, FALSE);
}
