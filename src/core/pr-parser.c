/* pr-parser.c: plain-text press release parser (stub, being written) */
#include "pr-parser.h"

G_DEFINE_QUARK (pr-parser-error-quark, pr_parser_error)

PrRelease *
pr_parse_text (const char  *data,
               gsize        length,
               const char  *origin,
               GError     **error)
{
  PrRelease *release = pr_release_new ();

  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
  return release;
}

PrRelease *
pr_parse_file (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = g_file_get_path (file);
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  return pr_parse_text (data, length, path, error);
}
