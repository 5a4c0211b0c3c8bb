/* fuzz-parser.c: libFuzzer target for the plain-text parser
 *
 * Any bytes give a release or a PR_PARSER_ERROR, never both
 * (fuzz-release.h). */
#include "fuzz.h"
#include "fuzz-release.h"

#include "pr-parser.h"

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
  g_autoptr(PrRelease) release = pr_parse_text ((const char *) data, size, "fuzz.txt", &error);

  fuzz_check_read (release, error);
  return 0;
}
