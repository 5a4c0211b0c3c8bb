/* corpus-score.c: the corpus README's scoring rules, shared by the corpus
 * tests of every format (tests/test-corpus.c, tests/test-html.c) */
#include <string.h>

#include "corpus-score.h"
#include "pr-text.h"

/* Case-folded, accents removed (NFD without combining marks). */
static char *
fold (const char *text,
      gboolean    drop_periods)
{
  g_autofree char *nfd = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFD);
  g_autofree char *folded = g_utf8_casefold (nfd, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || (drop_periods && c == '.'))
        continue;
      g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* White space collapsed, typographic quotes as plain ones. */
static char *
plain_title (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *collapsed = NULL;

  for (const char *p = text != NULL ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      else if (c == 0x201C || c == 0x201D)
        c = '"';
      g_string_append_unichar (out, c);
    }
  collapsed = g_string_free (out, FALSE);
  return pr_text_collapse_space (collapsed);
}

static char *
alnum_lower (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

gboolean
corpus_cell_matches (PrRelease  *r,
                     guint       column,
                     const char *want)
{
  switch (column)
    {
    case 1:
      {
        g_autofree char *a = plain_title (pr_release_get_title (r));
        g_autofree char *b = plain_title (want);
        return strcmp (a, b) == 0;
      }
    case 2:
      return g_strcmp0 (pr_release_get_date (r), want) == 0;
    case 3:
      {
        g_autofree char *got = fold (pr_release_get_field (r, PR_FIELD_CITY), FALSE);
        g_autofree char *exp = fold (want, FALSE);
        return strstr (got, exp) != NULL;
      }
    case 4:
      {
        g_autofree char *got = fold (pr_release_get_field (r, PR_FIELD_REGION), TRUE);
        g_autofree char *exp = fold (want, TRUE);
        return strcmp (got, exp) == 0;
      }
    case 5:
      {
        g_autofree char *exp = alnum_lower (want);
        g_autofree char *source = alnum_lower (pr_release_get_source (r));
        g_autofree char *tag = alnum_lower (pr_release_get_field (r, PR_FIELD_SOURCE_TAG));
        return strstr (source, exp) != NULL || strstr (tag, exp) != NULL;
      }
    case 6:
      {
        const char *lang = pr_release_get_field (r, PR_FIELD_LANGUAGE);
        gsize n = strcspn (want, "-_");
        return lang != NULL && strncmp (lang, want, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
      }
    default:
      g_assert_not_reached ();
    }
}

void
corpus_score_row (PrRelease   *r,
                  char       **cells,
                  char       **header,
                  const char  *label,
                  guint       *checked,
                  guint       *matched)
{
  for (guint col = 1; col < 7 && cells[col] != NULL; col++)
    {
      if (*cells[col] == '\0')
        continue;
      (*checked)++;
      if (r != NULL && corpus_cell_matches (r, col, cells[col]))
        (*matched)++;
      else
        g_test_message ("%s: %s expected \"%s\"", label, header[col], cells[col]);
    }
}

char **
corpus_score_load (const char **shared)
{
  g_autofree char *tsv = NULL;
  g_autofree char *contents = NULL;

  *shared = g_getenv ("PR_SHARED_DIR");
  if (*shared == NULL)
    {
      g_test_skip ("PR_SHARED_DIR is not set; the corpus lives in ../shared beside the checkout");
      return NULL;
    }
  tsv = g_build_filename (*shared, "corpus", "expected.tsv", NULL);
  if (!g_file_get_contents (tsv, &contents, NULL, NULL))
    {
      g_autofree char *msg = g_strdup_printf ("%s is absent: no corpus to score", tsv);
      g_test_skip (msg);
      return NULL;
    }
  return g_strsplit (contents, "\n", -1);
}
