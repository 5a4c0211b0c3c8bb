/* pr-sketch.c: what tells that two releases are copies of one announcement
 *
 * Written here rather than taken from a library: GLib has no MinHash, and
 * the sketch must be stable (the same bytes for the same text in every
 * build, as it is stored), which a hash of our own guarantees. */
#include <stdio.h>
#include <string.h>

#include "pr-sketch.h"
#include "pr-text.h"

#define SHINGLE_WORDS 4
/* Fewer shingles than this and a body says too little to compare. */
#define MIN_SHINGLES 8
/* Same language: the share of bins that agree, and the days apart. */
#define SAME_MIN_SIMILARITY 0.5
#define SAME_MAX_DAYS 31
/* A cut copy (a portal's first paragraphs) keeps a part of the body: its
 * shingles are mostly in the other's, though the similarity is low. */
#define CUT_MIN_SIMILARITY 0.2
#define CUT_MIN_CONTAINED 0.75
/* Another language: the facts in common, as a count and as a share of
 * the smaller set, and the days apart. */
#define TRANSLATION_MIN_COMMON 5
#define TRANSLATION_MIN_SHARE 0.3
#define TRANSLATION_MAX_DAYS 3

/* splitmix64's finaliser: a well-mixed 64-bit hash of @x. */
static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)

/* FNV-1a over @length bytes, from @h. */
static guint64
fnv (guint64     h,
     const char *data,
     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) data[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

static guint64
hash_bytes (const char *data,
            gsize       length)
{
  return mix64 (fnv (FNV_OFFSET, data, length));
}

typedef struct {
  PrSketch *sketch;
  guint32 mins[PR_SKETCH_BINS];
  guint64 window[SHINGLE_WORDS];
  guint n_words;
  GHashTable *facts;                 /* guint32 hash → itself */
  GString *word;                     /* the word being read, lowered */
} Builder;

/* Facts of different kinds hash apart: @kind seeds the hash. */
static void
add_fact (Builder    *builder,
          char        kind,
          const char *text,
          gsize       length)
{
  guint64 h = fnv (fnv (FNV_OFFSET, &kind, 1), text, length);
  guint32 fact = (guint32) (mix64 (h) >> 32);

  g_hash_table_add (builder->facts, GUINT_TO_POINTER (fact));
}

static void
add_word (Builder *builder,
          guint64  word)
{
  guint64 shingle;
  guint bin;
  guint32 value;

  memmove (builder->window, builder->window + 1, sizeof builder->window - sizeof (guint64));
  builder->window[SHINGLE_WORDS - 1] = word;
  if (++builder->n_words < SHINGLE_WORDS)
    return;
  shingle = builder->window[0];
  for (guint i = 1; i < SHINGLE_WORDS; i++)
    shingle = shingle * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + builder->window[i];
  shingle = mix64 (shingle);

  bin = (guint) (shingle >> 58);             /* the top 6 bits: 64 bins */
  value = (guint32) shingle;
  if ((builder->sketch->filled & (G_GUINT64_CONSTANT (1) << bin)) == 0 ||
      value < builder->mins[bin])
    builder->mins[bin] = value;
  builder->sketch->filled |= G_GUINT64_CONSTANT (1) << bin;
  builder->sketch->n_shingles++;
}

/* A figure as its digits alone: "1,5", "1.5" and "1 500" are written
 * differently in other languages. One digit says too little. */
static void
add_figure (Builder    *builder,
            const char *word,
            gsize       length)
{
  char digits[32];
  gsize n = 0;

  for (gsize i = 0; i < length && n < sizeof digits; i++)
    if (g_ascii_isdigit (word[i]))
      digits[n++] = word[i];
  if (n >= 2)
    add_fact (builder, '#', digits, n);
}

/* Whether the token at @start of @text begins a sentence (then its
 * capital says nothing). */
static gboolean
starts_sentence (const char *text,
                 const char *start)
{
  const char *p = start;

  while (p > text)
    {
      gunichar c;

      p = g_utf8_prev_char (p);
      c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == '"' || c == '\'' || c == 0x201c || c == 0x201e ||
          c == 0x00ab || c == 0x00bb || c == '(' || c == '-' || c == 0x2013 || c == 0x2014)
        continue;
      return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
    }
  return TRUE;
}

/* A word that survives translation: a figure, or a name (a capital
 * inside a sentence, or an acronym); @builder->word is it lowered. */
static void
consider_fact (Builder    *builder,
               const char *text,
               const char *start,
               gboolean    has_digit,
               guint       n_upper,
               guint       n_chars)
{
  if (has_digit)
    {
      add_figure (builder, builder->word->str, builder->word->len);
      return;
    }
  if (n_upper == 0 || n_chars < 2)
    return;
  /* "The", "Die": a capital that only starts a sentence. */
  if (n_upper == 1 && g_unichar_isupper (g_utf8_get_char (start)) && starts_sentence (text, start))
    return;
  add_fact (builder, 'n', builder->word->str, builder->word->len);
}

static void
add_text (Builder    *builder,
          const char *text)
{
  GString *word = builder->word;
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      gboolean has_digit = FALSE;
      guint n_upper = 0, n_chars = 0;
      gunichar c;

      /* ASCII first: most text is. */
      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isalnum (*p))
            {
              p++;
              continue;
            }
        }
      else
        {
          c = g_utf8_get_char (p);
          if (pr_text_unichar_is_cjk (c))
            {
              /* Each Chinese or Japanese character a word. */
              const char *next = g_utf8_next_char (p);

              add_word (builder, hash_bytes (p, next - p));
              p = next;
              continue;
            }
          if (!g_unichar_isalnum (c))
            {
              p = g_utf8_next_char (p);
              continue;
            }
        }

      /* A word: letters and digits, with the "." or "," inside a figure. */
      start = p;
      g_string_truncate (word, 0);
      while (*p != '\0')
        {
          if ((guchar) *p < 0x80)
            {
              char a = *p;

              if (g_ascii_isalnum (a))
                {
                  has_digit |= g_ascii_isdigit (a);
                  n_upper += g_ascii_isupper (a);
                  n_chars++;
                  g_string_append_c (word, g_ascii_tolower (a));
                  p++;
                }
              else if ((a == '.' || a == ',') && has_digit && g_ascii_isdigit (p[1]))
                p++;
              else
                break;
              continue;
            }
          c = g_utf8_get_char (p);
          if (!g_unichar_isalnum (c) || pr_text_unichar_is_cjk (c))
            break;
          n_upper += g_unichar_isupper (c);
          n_chars++;
          g_string_append_unichar (word, g_unichar_tolower (c));
          p = g_utf8_next_char (p);
        }
      add_word (builder, hash_bytes (word->str, word->len));
      consider_fact (builder, text, start, has_digit, n_upper, n_chars);
    }
}

/* A link as host and path, without scheme, "www." or a final "/". */
static void
add_link (Builder    *builder,
          const char *link)
{
  g_autofree char *bare = pr_text_bare_url (link);

  if (*bare != '\0')
    add_fact (builder, 'l', bare, strlen (bare));
}

static gint32
day_of (const char *date)
{
  GDate day;
  int y, m, d;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  return (gint32) g_date_get_julian (&day);
}

static int
compare_facts (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

void
pr_sketch_compute (PrRelease *release,
                   PrSketch  *sketch)
{
  static const PrList fact_lists[] = { PR_LIST_LINKS, PR_LIST_EMAILS, PR_LIST_TICKERS };
  Builder builder = { .sketch = sketch };
  GPtrArray *blocks = pr_release_get_blocks (release);
  const char *language = pr_release_get_field (release, PR_FIELD_LANGUAGE);
  g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (PR_IS_RELEASE (release));
  g_return_if_fail (sketch != NULL);

  memset (sketch, 0, sizeof *sketch);
  builder.facts = g_hash_table_new (NULL, NULL);
  builder.word = g_string_sized_new (64);

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    add_text (&builder, ((PrBlock *) g_ptr_array_index (blocks, i))->text);
  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    sketch->bins[i] = (guint16) builder.mins[i];

  for (guint f = 0; f < G_N_ELEMENTS (fact_lists); f++)
    {
      const char * const *list = pr_release_get_list (release, fact_lists[f]);

      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        add_link (&builder, list[i]);
    }

  /* The smallest hashes: two sets' smallest agree as the sets do. */
  g_hash_table_iter_init (&iter, builder.facts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (facts, (guint32) { GPOINTER_TO_UINT (key) });
  g_array_sort (facts, compare_facts);
  sketch->n_facts = MIN (facts->len, PR_SKETCH_FACTS);
  if (sketch->n_facts > 0)
    memcpy (sketch->facts, facts->data, sketch->n_facts * sizeof (guint32));
  g_hash_table_unref (builder.facts);
  g_string_free (builder.word, TRUE);

  sketch->day = day_of (pr_release_get_date (release));
  if (language != NULL)
    for (guint i = 0; i < sizeof sketch->language - 1 && g_ascii_isalpha (language[i]); i++)
      sketch->language[i] = g_ascii_tolower (language[i]);
}

static guint
count_bits (guint64 bits)
{
  guint n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;
  return n;
}

double
pr_sketch_similarity (const PrSketch *a,
                      const PrSketch *b)
{
  guint64 either = a->filled | b->filled, both = a->filled & b->filled;
  guint same = 0;

  if (a->n_shingles < MIN_SHINGLES || b->n_shingles < MIN_SHINGLES || either == 0)
    return 0.0;
  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    if ((both >> i) & 1 && a->bins[i] == b->bins[i])
      same++;
  return (double) same / count_bits (either);
}

/* The facts in common (both lists ascending) among the hashes below both
 * lists' largest; @compared gets the fewer of the two lists' hashes
 * there. */
static guint
facts_in_common (const PrSketch *a,
                 const PrSketch *b,
                 guint          *compared)
{
  guint na = 0, nb = 0, i = 0, j = 0, common = 0;
  guint32 limit;

  *compared = 0;
  if (a->n_facts == 0 || b->n_facts == 0)
    return 0;
  /* Bottom-k: only the hashes below both lists' largest are comparable. */
  limit = MIN (a->facts[a->n_facts - 1], b->facts[b->n_facts - 1]);
  while (na < a->n_facts && a->facts[na] <= limit)
    na++;
  while (nb < b->n_facts && b->facts[nb] <= limit)
    nb++;
  *compared = MIN (na, nb);
  while (i < na && j < nb)
    {
      if (a->facts[i] == b->facts[j])
        common++, i++, j++;
      else if (a->facts[i] < b->facts[j])
        i++;
      else
        j++;
    }
  return common;
}

PrCopyKind
pr_sketch_compare (const PrSketch *a,
                   const PrSketch *b,
                   double         *score)
{
  gint32 days = (a->day != 0 && b->day != 0) ? ABS (a->day - b->day) : 0;
  gboolean same_language = a->language[0] == '\0' || b->language[0] == '\0' ||
                           g_str_equal (a->language, b->language);
  double similarity = pr_sketch_similarity (a, b);

  if (score != NULL)
    *score = 0.0;

  if (days <= SAME_MAX_DAYS)
    {
      double contained = 0.0;
      guint32 small = MIN (a->n_shingles, b->n_shingles), large = MAX (a->n_shingles, b->n_shingles);

      /* |A ∩ B| / |smaller| from J = |A ∩ B| / |A ∪ B|. */
      if (small > 0)
        contained = similarity * (small + large) / ((1.0 + similarity) * small);
      if (similarity >= SAME_MIN_SIMILARITY ||
          (similarity >= CUT_MIN_SIMILARITY && contained >= CUT_MIN_CONTAINED))
        {
          if (score != NULL)
            *score = similarity;
          return same_language ? PR_COPY_SAME : PR_COPY_TRANSLATION;
        }
    }

  /* Both dated: without the date, the facts of a company's furniture
   * (its wire's footer, its contacts) matched its other releases. */
  if (!same_language && a->day != 0 && b->day != 0 && days <= TRANSLATION_MAX_DAYS)
    {
      guint compared = 0;
      guint common = facts_in_common (a, b, &compared);
      double share = compared > 0 ? (double) common / compared : 0.0;

      if (common >= TRANSLATION_MIN_COMMON && share >= TRANSLATION_MIN_SHARE)
        {
          if (score != NULL)
            *score = share;
          return PR_COPY_TRANSLATION;
        }
    }
  return PR_COPY_NONE;
}

guint
pr_sketch_anchors (const PrSketch *sketch,
                   guint32        *anchors)
{
  guint n = 0;

  if (sketch->n_shingles < MIN_SHINGLES)
    return 0;
  /* The bins' values are uniform: the smallest few are as good a sample
   * of the body as any, and a copy's bins mostly hold the same values. */
  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    {
      guint32 key;
      guint at;

      if (((sketch->filled >> i) & 1) == 0)
        continue;
      key = ((guint32) sketch->bins[i] << 8) | i;
      for (at = n; at > 0 && anchors[at - 1] > key; at--)
        if (at < PR_SKETCH_ANCHORS)
          anchors[at] = anchors[at - 1];
      if (at < PR_SKETCH_ANCHORS)
        {
          anchors[at] = key;
          n = MIN (n + 1, PR_SKETCH_ANCHORS);
        }
    }
  return n;
}
