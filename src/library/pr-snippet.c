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

/* ---- snippets as the full-text index matches ------------------------- */

/* Words are what FTS5's unicode61 tokenizer takes for tokens: letters,
 * digits, marks and private-use characters; they are compared lowered and
 * without diacritics (remove_diacritics 2), as the index compares them. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

/* The next word of @p (up to @end) in [*start, *word_end); FALSE when
 * there is none. */
static gboolean
next_word (const char  *p,
           const char  *end,
           const char **start,
           const char **word_end)
{
  gboolean in_word = FALSE;

  while (p < end)
    {
      gunichar c;
      int length;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          length = 1;
        }
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = ' ';
              length = 1;
            }
          else
            length = g_utf8_next_char (p) - p;
        }

      if (c < 0x80 ? g_ascii_isalnum (c) : is_word_char (c))
        {
          if (!in_word)
            *start = p;
          in_word = TRUE;
        }
      else if (in_word)
        break;
      p += length;
    }
  *word_end = p;
  return in_word;
}

/* The word [@p, @end) lowered, without diacritics, into @out. */
static void
fold_word (const char *p,
           const char *end,
           GString    *out)
{
  g_string_truncate (out, 0);
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          continue;
        }
      n = g_unichar_fully_decompose (g_utf8_get_char (p), FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        if (!g_unichar_ismark (decomposed[i]))
          g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
    }
}

/* A term's words are bits of a word's match mask: 64 words in all. */
#define MAX_TERM_WORDS 64
/* Hits beyond these are not weighed for the passage. */
#define MAX_HITS 256

typedef struct {
  guint first;       /* the bit of its first word */
  guint n_words;
  gboolean prefix;   /* its last word a prefix */
} Term;

typedef struct {
  guint start, end;  /* bytes */
  guint64 matches;   /* the term words it is */
} Word;

typedef struct {
  guint word;
  guint n_words;
  guint term;
} Hit;

char *
pr_snippet_find (const char         *text,
                 const char * const *terms,
                 guint               n_words)
{
  g_autoptr(GPtrArray) term_words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) term_list = g_array_new (FALSE, FALSE, sizeof (Term));
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GString) folded = g_string_new (NULL);
  const char *p, *end, *word_start, *word_end;
  guint best = 0, best_score = 0, first, last;
  guint last_marked = 0, mark_last;
  GString *out;

  if (text == NULL || terms == NULL || n_words == 0)
    return NULL;

  for (guint i = 0; terms[i] != NULL; i++)
    {
      Term term = { term_words->len, 0, g_str_has_suffix (terms[i], "*") };

      end = terms[i] + strlen (terms[i]);
      for (p = terms[i]; next_word (p, end, &word_start, &word_end); p = word_end)
        {
          if (term_words->len == MAX_TERM_WORDS)
            break;
          fold_word (word_start, word_end, folded);
          g_ptr_array_add (term_words, g_strdup (folded->str));
          term.n_words++;
        }
      /* A term cut at the cap is left out whole. */
      if (term.n_words > 0 && (p == end || !next_word (p, end, &word_start, &word_end)))
        g_array_append_val (term_list, term);
      else
        g_ptr_array_set_size (term_words, term.first);
    }
  if (term_list->len == 0)
    return NULL;

  end = text + strlen (text);
  for (p = text; next_word (p, end, &word_start, &word_end); p = word_end)
    {
      Word word = { word_start - text, word_end - text, 0 };

      fold_word (word_start, word_end, folded);
      for (guint t = 0; t < term_list->len; t++)
        {
          Term *term = &g_array_index (term_list, Term, t);

          for (guint k = 0; k < term->n_words; k++)
            {
              const char *want = g_ptr_array_index (term_words, term->first + k);

              if (term->prefix && k + 1 == term->n_words
                  ? g_str_has_prefix (folded->str, want)
                  : strcmp (folded->str, want) == 0)
                word.matches |= G_GUINT64_CONSTANT (1) << (term->first + k);
            }
        }
      g_array_append_val (words, word);
    }

  /* A term is hit where its words follow each other. */
  for (guint w = 0; w < words->len && hits->len < MAX_HITS; w++)
    {
      if (g_array_index (words, Word, w).matches == 0)
        continue;
      for (guint t = 0; t < term_list->len; t++)
        {
          Term *term = &g_array_index (term_list, Term, t);
          guint k = 0;

          while (k < term->n_words && w + k < words->len
                 && (g_array_index (words, Word, w + k).matches
                     & (G_GUINT64_CONSTANT (1) << (term->first + k))) != 0)
            k++;
          if (k == term->n_words)
            {
              Hit hit = { w, term->n_words, t };

              g_array_append_val (hits, hit);
            }
        }
    }
  if (hits->len == 0)
    return NULL;

  /* The passage of @n_words words, starting at a hit, with the most
   * different terms, then the most hits; the first of equals. */
  for (guint h = 0; h < hits->len; h++)
    {
      guint start = g_array_index (hits, Hit, h).word;
      guint64 seen = 0;
      guint score = 0;

      if (h > 0 && g_array_index (hits, Hit, h - 1).word == start)
        continue;
      for (guint j = h; j < hits->len; j++)
        {
          Hit *hit = &g_array_index (hits, Hit, j);

          if (hit->word + hit->n_words > start + n_words)
            break;
          score += (seen & (G_GUINT64_CONSTANT (1) << hit->term)) != 0 ? 1 : 1000;
          seen |= G_GUINT64_CONSTANT (1) << hit->term;
        }
      if (score > best_score)
        {
          best_score = score;
          best = h;
        }
    }

  /* Its hits centred, as far as the text allows. */
  first = g_array_index (hits, Hit, best).word;
  last = first + g_array_index (hits, Hit, best).n_words;
  for (guint j = best; j < hits->len; j++)
    {
      Hit *hit = &g_array_index (hits, Hit, j);

      if (hit->word + hit->n_words > first + n_words)
        break;
      last = MAX (last, hit->word + hit->n_words);
    }
  if (last - first < n_words)
    first -= MIN (first, (n_words - (last - first)) / 2);
  last = MIN (words->len, MAX (last, first + n_words));
  if (last - first < n_words)
    first -= MIN (first, n_words - (last - first));

  out = g_string_new (NULL);
  if (first > 0)
    g_string_append (out, PR_SNIPPET_ELLIPSIS);
  p = text + (first > 0 ? g_array_index (words, Word, first).start : 0);
  while (first == 0 && g_ascii_isspace (*p))
    p++;
  for (guint h = 0; h < hits->len; h++)
    {
      Hit *hit = &g_array_index (hits, Hit, h);
      const char *mark_start, *mark_end;

      if (hit->word < first || hit->word + hit->n_words > last)
        continue;
      /* Hits that overlap are marked as one. */
      if (hit->word < last_marked)
        continue;
      /* A chain of hits that overlap ("new york", "york city", "city
       * hall") is one mark, to the end of its last. */
      mark_last = hit->word + hit->n_words;
      for (guint j = h + 1; j < hits->len; j++)
        {
          Hit *next = &g_array_index (hits, Hit, j);

          if (next->word >= mark_last)
            break;
          if (next->word + next->n_words <= last)
            mark_last = MAX (mark_last, next->word + next->n_words);
        }
      mark_start = text + g_array_index (words, Word, hit->word).start;
      mark_end = text + g_array_index (words, Word, mark_last - 1).end;
      g_string_append_len (out, p, mark_start - p);
      g_string_append (out, PR_SNIPPET_START);
      g_string_append_len (out, mark_start, mark_end - mark_start);
      g_string_append (out, PR_SNIPPET_END);
      p = mark_end;
      last_marked = mark_last;
    }
  end = text + g_array_index (words, Word, last - 1).end;
  if (last == words->len)
    end = text + strlen (text);
  if (end > p)
    g_string_append_len (out, p, end - p);
  if (last < words->len)
    g_string_append (out, PR_SNIPPET_ELLIPSIS);

  for (char *c = out->str; *c; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t')
      *c = ' ';
  return g_string_free (out, FALSE);
}
