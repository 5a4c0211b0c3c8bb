/* fuzz-catalog.c: libFuzzer target for the JSON catalog reader
 *
 * Any bytes give releases or a PR_CATALOG_ERROR; every release read is
 * written and read back the same, and exported as Markdown and CSV whose
 * shape no release text can change. Nesting is scanned before json-glib's
 * recursive parser sees the data, so no depth may exhaust the stack. */
#include "fuzz.h"

#include "pr-catalog.h"
#include "pr-export.h"

/* The records of RFC 4180 @csv, each of @n_fields fields (CRLF ends,
 * quotes doubled inside quoted fields); -1 when it is not such CSV. */
static int
count_csv_records (const char *csv,
                   guint       n_fields)
{
  int records = 0;
  guint fields = 1;

  for (const char *p = csv; *p != '\0';)
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              if (*p == '\0')
                return -1;
              if (*p == '"')
                p++;
            }
          p++;
          if (*p != ',' && *p != '\r')
            return -1;
          continue;
        }
      if (*p == ',')
        fields++;
      else if (*p == '\r')
        {
          if (p[1] != '\n' || fields != n_fields)
            return -1;
          records++;
          fields = 1;
          p++;
        }
      else if (*p == '\n' || (*p == '"'))
        return -1;
      p++;
    }
  return fields == 1 ? records : -1;
}

/* One "# " line per release and one "---" between releases: release
 * text, escaped, opens no heading and breaks nothing. */
static void
check_exports (GPtrArray *releases)
{
  g_autofree char *md = pr_export_markdown (releases);
  g_autofree char *csv = pr_export_csv (releases);
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  guint headings = 0, breaks = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "# "))
        headings++;
      else if (g_str_equal (lines[i], "---"))
        breaks++;
    }
  g_assert_cmpuint (headings, ==, releases->len);
  g_assert_cmpuint (breaks, ==, releases->len > 0 ? releases->len - 1 : 0);
  g_assert_cmpint (count_csv_records (csv, 10), ==, releases->len + 1);
}

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

  check_exports (releases);

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
