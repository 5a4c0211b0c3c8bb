/* fuzz-release.h: what every reader's fuzz target checks of a release
 *
 * Any bytes give a release or a PR_PARSER_ERROR, never both; a release
 * holds UTF-8 only and survives the JSON catalog (what --export-json
 * writes must read back the same). Included by one target each
 * (fuzz-parser.c, fuzz-html.c, fuzz-email.c). */
#pragma once

#include <glib.h>

#include "pr-catalog.h"
#include "pr-parser-error.h"
#include "pr-release.h"

static inline void
fuzz_check_utf8 (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

static inline void
fuzz_check_release (PrRelease *release)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  GPtrArray *blocks = pr_release_get_blocks (release);
  gsize length = 0, length_again = 0;

  for (guint i = 0; i < PR_N_FIELDS; i++)
    fuzz_check_utf8 (pr_release_get_field (release, i));
  for (guint i = 0; i < PR_N_LISTS; i++)
    {
      const char * const *list = pr_release_get_list (release, i);

      for (guint j = 0; list != NULL && list[j] != NULL; j++)
        fuzz_check_utf8 (list[j]);
    }
  for (guint i = 0; i < blocks->len; i++)
    fuzz_check_utf8 (((PrBlock *) g_ptr_array_index (blocks, i))->text);

  g_ptr_array_add (releases, release);
  json = pr_catalog_to_string (releases, PR_CATALOG_WRITE_NONE, &length);
  back = pr_catalog_read_data (json, length, &skipped, &error);
  g_assert_no_error (error);
  if (skipped != NULL)
    g_error ("written release not read back: %s",
             ((GError *) g_ptr_array_index (skipped, 0))->message);
  g_assert_cmpuint (back->len, ==, 1);
  again = pr_catalog_to_string (back, PR_CATALOG_WRITE_NONE, &length_again);
  g_assert_cmpstr (json, ==, again);
}

/* A reader's result: @release, or else @error. */
static inline void
fuzz_check_read (PrRelease *release,
                 GError    *error)
{
  if (release == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == PR_PARSER_ERROR);
      g_assert (error->message[0] != '\0' && g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert (error == NULL);
  fuzz_check_release (release);
}
