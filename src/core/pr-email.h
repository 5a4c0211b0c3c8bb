/* pr-email.h: reading releases from email messages (.eml) and mailboxes (.mbox) */
#pragma once

#include <gio/gio.h>

#include "pr-parser-error.h"
#include "pr-release.h"

G_BEGIN_DECLS

/* Called for each message of a mailbox, @index counting from 1: with its
 * release (transfer none: take a reference to keep it) and a NULL @error,
 * or with a NULL @release and why the message gave none ("message 17: no
 * release text found …"). */
typedef void (*PrEmailFunc) (guint         index,
                             PrRelease    *release,
                             const GError *error,
                             gpointer      user_data);

/* Reads one message: its best body part (text/plain, else text/html
 * through the HTML reader), the forwarded message when it wraps one,
 * without signatures and mailing-list footers; the Subject is the headline
 * when the body has none, the Date the date when the body gives none, the
 * From a contact. Attachments are skipped unread; the size cap
 * (PR_PARSER_MAX_SIZE) applies to the text read, not to the message.
 * Errors are PR_PARSER_ERROR and carry only the reason. */
PrRelease *pr_email_read      (const char    *data,
                               gsize          length,
                               const char    *origin,
                               GError       **error);

/* The same, streamed from a file: a message with a large attachment is
 * never read into memory. @path is also the origin. Errors: G_IO_ERROR
 * when the file cannot be opened, else as pr_email_read(). */
PrRelease *pr_email_read_file (const char    *path,
                               GError       **error);

/* Reads a mailbox file message by message, streaming (never the whole
 * file in memory): each message as pr_email_read() reads it, with the
 * origin "PATH#N". A message that fails is reported to @found and the
 * next one read. FALSE with @error when the file cannot be opened or
 * holds no message at all, or when @cancellable is cancelled. */
gboolean   pr_mbox_read_file  (const char    *path,
                               PrEmailFunc    found,
                               gpointer       user_data,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
