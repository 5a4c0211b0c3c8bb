/* fuzz-email.c: libFuzzer target for the email and mailbox readers
 *
 * Any bytes read as a message give a release or a PR_PARSER_ERROR, never
 * both (fuzz-release.h). Bytes that start like a mailbox ("From ") are also
 * read as one, from a file (the mailbox reader streams files): each of its
 * messages is reported once, in order, with a release or an error. */
#include <string.h>
#include <glib/gstdio.h>

#include "fuzz.h"
#include "fuzz-release.h"

#include "pr-email.h"

static char *mbox_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;

  fuzz_init ();
  dir = g_dir_make_tmp ("fuzz-email-XXXXXX", NULL);
  g_assert (dir != NULL);
  mbox_path = g_build_filename (dir, "fuzz.mbox", NULL);
  return 0;
}

static void
on_message (guint         index,
            PrRelease    *release,
            const GError *error,
            gpointer      user_data)
{
  guint *count = user_data;

  g_assert (index == ++*count);
  fuzz_check_read (release, (GError *) error);
  if (error != NULL)
    g_assert (g_str_has_prefix (error->message, "message "));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = pr_email_read ((const char *) data, size, "fuzz.eml", &error);

  fuzz_check_read (release, error);

  if (size >= 5 && memcmp (data, "From ", 5) == 0)
    {
      g_autoptr(GError) mbox_error = NULL;
      guint count = 0;

      g_assert (g_file_set_contents (mbox_path, (const char *) data, size, NULL));
      if (!pr_mbox_read_file (mbox_path, on_message, &count, NULL, &mbox_error))
        g_assert (mbox_error != NULL && count == 0);
      g_unlink (mbox_path);
    }
  return 0;
}
