/* corpus-emails.h: a corpus release wrapped as the email that would carry
 * it, for the email reader's tests (tests/test-email.c) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CORPUS_EMAIL_PLAIN,        /* text/plain, UTF-8, 8bit, a "-- " signature */
  CORPUS_EMAIL_HTML,         /* text/html only, base64 */
  CORPUS_EMAIL_ALTERNATIVE,  /* multipart/alternative: quoted-printable text, base64 HTML */
  CORPUS_EMAIL_QP_1252,      /* text/plain, Windows-1252, quoted-printable */
  CORPUS_EMAIL_FORWARDED,    /* forwarded inline by Gmail, with a note and a list footer */
  CORPUS_N_EMAILS
} CorpusEmail;

/* "plain", …, "forwarded". */
const char *corpus_email_name              (CorpusEmail  wrap);

/* The release @text (UTF-8) as @wrap carries it, sent with @subject and a
 * Date far from any release's (so that the dates scored are the body's);
 * @index makes its Message-ID unique. NULL when the text does not fit
 * (beyond Windows-1252). */
char       *corpus_email_build             (CorpusEmail  wrap,
                                            const char  *text,
                                            const char  *subject,
                                            guint        index);

/* Base64 in lines of 76 columns. */
char       *corpus_email_base64            (const char  *data,
                                            gsize        length);

/* Quoted-printable (RFC 2045 6.7) with soft breaks under 76 columns. */
char       *corpus_email_quoted_printable  (const char  *data,
                                            gsize        length);

/* A text release as an HTML mail body: paragraphs, their lines kept. */
char       *corpus_email_html              (const char  *text,
                                            const char  *title);

/* Appends @message to @mbox with its "From " line; body lines that start
 * with "From " are written ">From " (mboxrd). */
void        corpus_email_append_mbox       (GString     *mbox,
                                            const char  *message);

G_END_DECLS
