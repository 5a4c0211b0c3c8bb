/* pr-email-private.h: the email reader's text passes, shared by pr-email.c and pr-email-text.c */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One line of a body: its text (UTF-8), and the byte offsets in the part's
 * source where the text begins and ends (for HTML, around the tags). */
typedef struct {
  char  *text;
  gsize  start;
  gsize  end;
} PrEmailLine;

/* The header lines of a forwarded message quoted in a body, as written. */
typedef struct {
  char *from;
  char *date;
  char *subject;
} PrEmailHeaders;

void    pr_email_headers_clear      (PrEmailHeaders *headers);

/* The lines of a plain-text body (\n ends; a \r before it dropped). */
GArray *pr_email_text_lines         (const char     *text);

/* Undoes a mailbox's escaping of body lines: ">From " → "From ",
 * ">>From " → ">From " (mboxrd; mboxo's ">From " reads the same). */
void    pr_email_unescape_from      (GArray         *lines);

/* The lines of an HTML body as it reads: blocks and <br> end lines,
 * scripts, styles, comments and the head are skipped, entities decoded,
 * list items start with "• " and table cells are tab-separated. Bytes
 * that are not UTF-8 are read as Windows-1252. */
GArray *pr_email_html_lines         (const char     *html,
                                     gsize           length);

/* Joins lines [from, to) with \n; when every non-blank one is quoted
 * ("> "), one level of quoting is removed. */
char   *pr_email_join_lines         (GArray         *lines,
                                     guint           from,
                                     guint           to);

/* The index of the first line after the last forwarded-message header
 * block (a "Forwarded message" or "Original Message" marker, then From,
 * Date or Sent, Subject and To lines), whose values go to @headers; 0 and
 * @headers untouched when there is none. */
guint   pr_email_find_forward       (GArray         *lines,
                                     PrEmailHeaders *headers);

/* The index of the first line of the signature ("-- ") or mailing-list
 * footer at or after @from; the number of lines when there is none. */
guint   pr_email_find_footer        (GArray         *lines,
                                     guint           from);

/* The line a release starts at when the body opens with a salutation and
 * a note above a line that repeats @subject; @from otherwise. */
guint   pr_email_find_start         (GArray         *lines,
                                     guint           from,
                                     guint           to,
                                     const char     *subject);

/* The Subject without "Fwd:", "FW:", "Re:" and "[list]" prefixes; NULL
 * when nothing is left. */
char   *pr_email_clean_subject      (const char     *subject);

/* A format=flowed body (RFC 3676) with its soft line breaks joined. */
char   *pr_email_unflow             (const char     *text,
                                     gboolean        delsp);

G_END_DECLS
