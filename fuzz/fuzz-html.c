/* fuzz-html.c: libFuzzer target for the HTML release-page reader
 *
 * Any bytes give a release or a PR_PARSER_ERROR, never both
 * (fuzz-release.h); the first byte picks a charset hint, as an HTTP
 * header would give one, so that every decoding path is exercised. */
#include "fuzz.h"
#include "fuzz-release.h"

#include "pr-html.h"

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
  static const char * const hints[] = { NULL, "utf-8", "windows-1252", "shift_jis", "utf-16", "bogus" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) release = NULL;
  const char *hint = size > 0 ? hints[data[0] % G_N_ELEMENTS (hints)] : NULL;

  release = pr_html_read ((const char *) data, size, "fuzz.html", hint, &error);
  fuzz_check_read (release, error);
  return 0;
}
