/* fuzz-opml.c: libFuzzer target for OPML
 *
 * Any bytes give outlines or a PR_FEED_ERROR in UTF-8 words; what is read
 * is written and read back the same. */
#include "fuzz.h"

#include "pr-feed.h"
#include "pr-opml.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = pr_opml_read ((const char *) data, size, &error);
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *written = NULL;
  gsize length = 0;

  if (outlines == NULL)
    {
      g_assert (error != NULL && error->domain == PR_FEED_ERROR);
      g_assert (error->message[0] != '\0' && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  written = pr_opml_write (outlines, "fuzz", &length);
  back = pr_opml_read (written, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, outlines->len);
  for (guint i = 0; i < outlines->len; i++)
    {
      PrOpmlOutline *a = g_ptr_array_index (outlines, i);
      PrOpmlOutline *b = g_ptr_array_index (back, i);

      g_assert_cmpstr (a->xml_url, ==, b->xml_url);
    }
  return 0;
}
