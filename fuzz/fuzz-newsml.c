/* fuzz-newsml.c: libFuzzer target for the NewsML-G2 reader
 *
 * Any bytes give releases or a PR_PARSER_ERROR, never both
 * (fuzz-release.h); each release also survives ninjs, written and read
 * back (pr-ninjs.c), so the target covers the ninjs writer and reader. */
#include "fuzz.h"
#include "fuzz-release.h"

#include "pr-newsml.h"
#include "pr-ninjs.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_ninjs (PrRelease *release)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  g_ptr_array_add (one, release);
  json = pr_ninjs_write (one, &length);
  back = pr_ninjs_read (json, length, "fuzz.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);
  fuzz_check_release (g_ptr_array_index (back, 0));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) releases = pr_newsml_read ((const char *) data, size, "fuzz.xml", &error);

  if (releases == NULL)
    {
      fuzz_check_read (NULL, error);
      return 0;
    }
  g_assert (error == NULL);
  g_assert_cmpuint (releases->len, >, 0);
  for (guint i = 0; i < releases->len; i++)
    {
      fuzz_check_release (g_ptr_array_index (releases, i));
      check_ninjs (g_ptr_array_index (releases, i));
    }
  return 0;
}
