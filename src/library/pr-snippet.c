/* pr-snippet.c: snippets of release text around the words searched for */
#include <string.h>

#include "pr-snippet.h"

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

char *
pr_snippet_to_markup (const char *snippet,
                      const char *start_tag,
                      const char *end_tag)
{
  GString *out = g_string_new (NULL);
  const char *run = snippet;
  gboolean open = FALSE;

  if (snippet == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = snippet; ; p++)
    {
      if (*p != '\0' && *p != '\x02' && *p != '\x03')
        continue;

      append_escaped (out, run, p - run);
      if (*p == '\0')
        break;
      if (*p == '\x02' && !open)
        {
          g_string_append (out, start_tag);
          open = TRUE;
        }
      else if (*p == '\x03' && open)
        {
          g_string_append (out, end_tag);
          open = FALSE;
        }
      run = p + 1;
    }

  if (open)
    g_string_append (out, end_tag);
  return g_string_free (out, FALSE);
}

char *
pr_snippet_strip (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; p != NULL && *p; p++)
    if (*p != '\x02' && *p != '\x03')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Does a word start at @p, in @text? */
static gboolean
at_word_edge (const char *text,
              const char *p)
{
  const char *before;

  if (p == text)
    return TRUE;
  before = g_utf8_find_prev_char (text, p);
  return before == NULL || !g_unichar_isalnum (g_utf8_get_char (before));
}

/* The first of @term in @lower (@text lowered, same offsets) where a word
 * starts when @words, else anywhere. */
static const char *
find_term (const char *lower,
           const char *term,
           gboolean    words)
{
  for (const char *hit = strstr (lower, term); hit != NULL; hit = strstr (hit + 1, term))
    if (!words || at_word_edge (lower, hit))
      return hit;
  return NULL;
}

static char *
make (const char         *text,
      const char * const *terms,
      guint               context_chars,
      gboolean            words)
{
  g_autofree char *lower = NULL;
  const char *found = NULL;
  gsize found_length = 0;
  const char *start, *end;
  GString *out;

  if (text == NULL || terms == NULL)
    return NULL;

  /* ASCII-only lowering keeps byte offsets. */
  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_ascii_strdown (terms[i], -1);
      const char *hit = *term != '\0' ? find_term (lower, term, words) : NULL;

      if (hit != NULL && (found == NULL || hit < found))
        {
          found = hit;
          found_length = strlen (term);
        }
    }
  if (found == NULL)
    return NULL;

  found = text + (found - lower);
  /* A prefix's whole word is marked. */
  while (words && found[found_length] != '\0' &&
         g_unichar_isalnum (g_utf8_get_char (found + found_length)))
    found_length = g_utf8_next_char (found + found_length) - found;
  start = found;
  for (guint i = 0; i < context_chars && start > text; i++)
    start = g_utf8_prev_char (start);
  end = found + found_length;
  for (guint i = 0; i < context_chars * 2 && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  out = g_string_new (NULL);
  if (start > text)
    g_string_append (out, PR_SNIPPET_ELLIPSIS);
  g_string_append_len (out, start, found - start);
  g_string_append (out, PR_SNIPPET_START);
  g_string_append_len (out, found, found_length);
  g_string_append (out, PR_SNIPPET_END);
  g_string_append_len (out, found + found_length, end - (found + found_length));
  if (*end != '\0')
    g_string_append (out, PR_SNIPPET_ELLIPSIS);

  for (char *p = out->str; *p; p++)
    if (*p == '\n')
      *p = ' ';
  return g_string_free (out, FALSE);
}

char *
pr_snippet_make (const char         *text,
                 const char * const *terms,
                 guint               context_chars)
{
  return make (text, terms, context_chars, FALSE);
}

char *
pr_snippet_make_words (const char         *text,
                       const char * const *terms,
                       guint               context_chars)
{
  return make (text, terms, context_chars, TRUE);
}
