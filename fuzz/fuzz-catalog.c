/* fuzz-catalog.c: libFuzzer target for the JSON catalog reader
 *
 * Any bytes give releases or a PR_CATALOG_ERROR; every release read is
 * written and read back the same. Nesting is scanned before json-glib's
 * recursive parser sees the data, so no depth may exhaust the stack. */
#include "fuzz.h"

#include "pr-catalog.h"

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
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) releases = pr_catalog_read_data ((const char *) data, size, &skipped, &error);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) skipped_back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  gsize length = 0, length_again = 0;

  if (releases == NULL)
    {
      g_assert (error != NULL && error->domain == PR_CATALOG_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (skipped == NULL);
      return 0;
    }
  g_assert (error == NULL);
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      GError *e = g_ptr_array_index (skipped, i);

      g_assert (e->domain == PR_CATALOG_ERROR);
      g_assert (g_utf8_validate (e->message, -1, NULL));
    }

  /* With the state, so that nothing read is dropped on the way back. */
  json = pr_catalog_to_string (releases, PR_CATALOG_WRITE_STATE, &length);
  back = pr_catalog_read_data (json, length, &skipped_back, &error);
  g_assert_no_error (error);
  if (skipped_back != NULL)
    g_error ("release read and written is not read back: %s",
             ((GError *) g_ptr_array_index (skipped_back, 0))->message);
  g_assert_cmpuint (back->len, ==, releases->len);
  again = pr_catalog_to_string (back, PR_CATALOG_WRITE_STATE, &length_again);
  g_assert_cmpstr (json, ==, again);
  return 0;
}
