/* pr-sketch.c: what tells that two releases are copies of one announcement
 *
 * Written here rather than taken from a library: GLib has no MinHash, and
 * the sketch must be stable (the same bytes for the same text in every
 * build, as it is stored), which a hash of our own guarantees. */
#include <stdio.h>
#include <string.h>

#include "pr-sketch.h"
#include "pr-text.h"
#include "pr-wire.h"

#define SHINGLE_WORDS 4
/* Fewer shingles than this and a body says too little to compare. */
#define MIN_SHINGLES 8
/* Same language: the share of bins that agree, and the days apart. */
#define SAME_MIN_SIMILARITY 0.5
#define SAME_MAX_DAYS PR_SKETCH_SAME_MAX_DAYS
/* A cut copy (a portal's first paragraphs) keeps a part of the body: its
 * shingles are mostly in the other's, though the similarity is low. */
#define CUT_MIN_SIMILARITY 0.2
#define CUT_MIN_CONTAINED 0.75
/* Another language: the facts in common, as a count and as a share of
 * the smaller set, and the days apart. */
#define TRANSLATION_MIN_COMMON 5
#define TRANSLATION_MIN_SHARE 0.3
#define TRANSLATION_MAX_DAYS PR_SKETCH_TRANSLATION_MAX_DAYS

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
  guint32 fact_anchors[PR_SKETCH_FACT_ANCHORS];   /* the smallest, ascending */
  guint n_fact_anchors;
  GString *word;                     /* the word being read, lowered */
} Builder;

/* Facts of different kinds hash apart: @kind seeds the hash. An
 * @anchor fact may also key the index for translations: names are not
 * (a German text's every noun has a capital), nor years (every release of
 * the period has them). */
static void
add_fact (Builder    *builder,
          char        kind,
          const char *text,
          gsize       length,
          gboolean    anchor)
{
  guint64 h = fnv (fnv (FNV_OFFSET, &kind, 1), text, length);
  guint32 fact = (guint32) (mix64 (h) >> 32);
  guint32 *anchors = builder->fact_anchors;
  guint at;

  g_hash_table_add (builder->facts, GUINT_TO_POINTER (fact));
  if (!anchor)
    return;
  for (guint i = 0; i < builder->n_fact_anchors; i++)
    if (anchors[i] == fact)
      return;
  for (at = builder->n_fact_anchors; at > 0 && anchors[at - 1] > fact; at--)
    if (at < PR_SKETCH_FACT_ANCHORS)
      anchors[at] = anchors[at - 1];
  if (at < PR_SKETCH_FACT_ANCHORS)
    {
      anchors[at] = fact;
      builder->n_fact_anchors = MIN (builder->n_fact_anchors + 1, PR_SKETCH_FACT_ANCHORS);
    }
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
    add_fact (builder, '#', digits, n,
              !(n == 4 && (strncmp (digits, "19", 2) == 0 || strncmp (digits, "20", 2) == 0)));
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
  add_fact (builder, 'n', builder->word->str, builder->word->len, FALSE);
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
    add_fact (builder, 'l', bare, strlen (bare), TRUE);
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

/* The anchors: the bins whose minima are smallest (by all 32 bits kept
 * while sketching, so that the keys are spread wide, unlike the stored 16
 * bits' smallest values), each with its bin hashed to one key. The bins'
 * values are uniform: the smallest few are as good a sample of the body
 * as any, and a copy's bins mostly hold the same values. */
static void
set_anchors (PrSketch      *sketch,
             const guint32 *mins)
{
  guint bins[PR_SKETCH_ANCHORS];
  guint n = 0;

  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    {
      guint at;

      if (((sketch->filled >> i) & 1) == 0)
        continue;
      for (at = n; at > 0 && mins[bins[at - 1]] > mins[i]; at--)
        if (at < PR_SKETCH_ANCHORS)
          bins[at] = bins[at - 1];
      if (at < PR_SKETCH_ANCHORS)
        {
          bins[at] = i;
          n = MIN (n + 1, PR_SKETCH_ANCHORS);
        }
    }
  for (guint i = 0; i < n; i++)
    sketch->anchors[i] = (guint32) (mix64 (((guint64) bins[i] << 32) | mins[bins[i]]) >> 32);
  sketch->n_anchors = n;
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
  set_anchors (sketch, builder.mins);

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
  memcpy (sketch->fact_anchors, builder.fact_anchors, sizeof sketch->fact_anchors);
  sketch->n_fact_anchors = builder.n_fact_anchors;
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

gboolean
pr_copy_match_offer (PrCopyMatch    *best,
                     const PrSketch *sketch,
                     const PrSketch *candidate,
                     gint64          id)
{
  double score = 0.0;
  PrCopyKind kind = pr_sketch_compare (sketch, candidate, &score);

  if (kind == PR_COPY_NONE)
    return FALSE;
  /* PR_COPY_SAME < PR_COPY_TRANSLATION; PR_COPY_NONE is no match yet. */
  if (best->kind != PR_COPY_NONE
      && (kind > best->kind || (kind == best->kind && score <= best->score)))
    return FALSE;
  best->kind = kind;
  best->score = score;
  best->id = id;
  return TRUE;
}

guint
pr_sketch_anchors (const PrSketch *sketch,
                   guint32        *anchors)
{
  if (sketch->n_shingles < MIN_SHINGLES)
    return 0;
  memcpy (anchors, sketch->anchors, sketch->n_anchors * sizeof (guint32));
  return sketch->n_anchors;
}

guint
pr_sketch_fact_anchors (const PrSketch *sketch,
                        guint32        *anchors)
{
  guint n;

  if (sketch->day == 0 || sketch->n_facts < TRANSLATION_MIN_COMMON)
    return 0;
  n = sketch->n_fact_anchors;
  memcpy (anchors, sketch->fact_anchors, n * sizeof (guint32));
  return n;
}

/* ---- index keys ------------------------------------------------------ */

/* A period: a copy's 31 days fit in three periods of 32 days, a
 * translation's 3 in three of 4. Undated releases have period 0. */
#define SAME_PERIOD_DAYS 32
#define TRANSLATION_PERIOD_DAYS 4
#define PERIOD_BITS PR_SKETCH_PERIOD_BITS

static gint64
make_key (guint32 anchor,
          guint   kind,
          gint64  period)
{
  return ((gint64) anchor << (PERIOD_BITS + 1)) | ((gint64) kind << PERIOD_BITS)
         | CLAMP (period, 0, (1 << PERIOD_BITS) - 1);
}

/* @sketch's anchors, the body's then the facts'; @n_same gets how many
 * are the body's. */
static guint
all_anchors (const PrSketch *sketch,
             guint32        *anchors,
             guint          *n_same)
{
  *n_same = pr_sketch_anchors (sketch, anchors);
  return *n_same + pr_sketch_fact_anchors (sketch, anchors + *n_same);
}

guint
pr_sketch_keys (const PrSketch *sketch,
                gint64         *keys)
{
  guint32 anchors[PR_SKETCH_MAX_KEYS];
  guint n_same, n = all_anchors (sketch, anchors, &n_same);

  for (guint i = 0; i < n; i++)
    keys[i] = make_key (anchors[i], i < n_same ? 0 : 1,
                        sketch->day / (i < n_same ? SAME_PERIOD_DAYS : TRANSLATION_PERIOD_DAYS));
  return n;
}

guint
pr_sketch_key_ranges (const PrSketch   *sketch,
                      PrSketchKeyRange *ranges)
{
  guint32 anchors[PR_SKETCH_MAX_KEYS];
  guint n_same, n = all_anchors (sketch, anchors, &n_same), r = 0;

  for (guint i = 0; i < n; i++)
    {
      guint kind = i < n_same ? 0 : 1;
      gint64 period = sketch->day / (kind == 0 ? SAME_PERIOD_DAYS : TRANSLATION_PERIOD_DAYS);

      if (sketch->day == 0)
        {
          /* Undated: a copy of any date (translations need dates). */
          ranges[r].first = make_key (anchors[i], kind, 0);
          ranges[r++].last = make_key (anchors[i], kind, (1 << PERIOD_BITS) - 1);
          continue;
        }
      ranges[r].first = make_key (anchors[i], kind, MAX (period - 1, 1));
      ranges[r++].last = make_key (anchors[i], kind, period + 1);
      if (kind == 0)
        {
          ranges[r].first = make_key (anchors[i], kind, 0);
          ranges[r++].last = make_key (anchors[i], kind, 0);
        }
    }
  return r;
}

/* ---- stored ---------------------------------------------------------- */

#define LAYOUT 1
#define STORED_SIZE (1 + 8 + PR_SKETCH_BINS * 2 + 4 + 1 + PR_SKETCH_FACTS * 4 + 4 + 4 \
                     + 1 + PR_SKETCH_ANCHORS * 4 + 1 + PR_SKETCH_FACT_ANCHORS * 4)

static void
put (guint8  **p,
     guint64   value,
     guint     bytes)
{
  for (guint i = 0; i < bytes; i++)
    *(*p)++ = (guint8) (value >> (8 * i));
}

static guint64
get (const guint8 **p,
     guint          bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < bytes; i++)
    value |= (guint64) *(*p)++ << (8 * i);
  return value;
}

GBytes *
pr_sketch_to_bytes (const PrSketch *sketch)
{
  guint8 *data = g_malloc0 (STORED_SIZE);
  guint8 *p = data;

  put (&p, LAYOUT, 1);
  put (&p, sketch->filled, 8);
  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    put (&p, sketch->bins[i], 2);
  put (&p, sketch->n_shingles, 4);
  put (&p, sketch->n_facts, 1);
  for (guint i = 0; i < PR_SKETCH_FACTS; i++)
    put (&p, i < sketch->n_facts ? sketch->facts[i] : 0, 4);
  put (&p, (guint32) sketch->day, 4);
  memcpy (p, sketch->language, 4);
  p += 4;
  put (&p, sketch->n_anchors, 1);
  for (guint i = 0; i < PR_SKETCH_ANCHORS; i++)
    put (&p, i < sketch->n_anchors ? sketch->anchors[i] : 0, 4);
  put (&p, sketch->n_fact_anchors, 1);
  for (guint i = 0; i < PR_SKETCH_FACT_ANCHORS; i++)
    put (&p, i < sketch->n_fact_anchors ? sketch->fact_anchors[i] : 0, 4);
  g_assert (p == data + STORED_SIZE);
  return g_bytes_new_take (data, STORED_SIZE);
}

gboolean
pr_sketch_from_bytes (const guint8 *data,
                      gsize         length,
                      PrSketch     *sketch)
{
  const guint8 *p = data;
  guint32 n;

  memset (sketch, 0, sizeof *sketch);
  if (data == NULL || length != STORED_SIZE || get (&p, 1) != LAYOUT)
    return FALSE;
  sketch->filled = get (&p, 8);
  for (guint i = 0; i < PR_SKETCH_BINS; i++)
    sketch->bins[i] = (guint16) get (&p, 2);
  sketch->n_shingles = (guint32) get (&p, 4);
  /* Not inside MIN(), which would read twice. */
  n = (guint32) get (&p, 1);
  sketch->n_facts = MIN (n, PR_SKETCH_FACTS);
  for (guint i = 0; i < PR_SKETCH_FACTS; i++)
    sketch->facts[i] = (guint32) get (&p, 4);
  sketch->day = (gint32) (guint32) get (&p, 4);
  memcpy (sketch->language, p, 4);
  sketch->language[3] = '\0';
  p += 4;
  n = (guint32) get (&p, 1);
  sketch->n_anchors = MIN (n, PR_SKETCH_ANCHORS);
  for (guint i = 0; i < PR_SKETCH_ANCHORS; i++)
    sketch->anchors[i] = (guint32) get (&p, 4);
  n = (guint32) get (&p, 1);
  sketch->n_fact_anchors = MIN (n, PR_SKETCH_FACT_ANCHORS);
  for (guint i = 0; i < PR_SKETCH_FACT_ANCHORS; i++)
    sketch->fact_anchors[i] = (guint32) get (&p, 4);
  return TRUE;
}

/* ---- the original ---------------------------------------------------- */

gboolean
pr_copy_info_is_wire (const PrCopyInfo *info)
{
  if (info->source == NULL || pr_wire_canonical (info->source) == NULL)
    return FALSE;
  /* A page on another site is a portal's copy of the wire's release. */
  if (info->origin != NULL && (g_str_has_prefix (info->origin, "http://")
                               || g_str_has_prefix (info->origin, "https://")))
    {
      g_autoptr(GUri) uri = g_uri_parse (info->origin, G_URI_FLAGS_NONE, NULL);

      return uri != NULL && g_uri_get_host (uri) != NULL
             && pr_wire_from_host (g_uri_get_host (uri)) != NULL;
    }
  return TRUE;
}

int
pr_copy_info_compare (const PrCopyInfo *a,
                      const PrCopyInfo *b)
{
  gboolean wire_a = pr_copy_info_is_wire (a), wire_b = pr_copy_info_is_wire (b);
  gboolean dated_a = a->date != NULL && *a->date != '\0';
  gboolean dated_b = b->date != NULL && *b->date != '\0';
  int by_date;

  if (wire_a != wire_b)
    return wire_a ? -1 : 1;
  if (dated_a != dated_b)
    return dated_a ? -1 : 1;
  if (dated_a && (by_date = strcmp (a->date, b->date)) != 0)
    return by_date;
  return (a->order > b->order) - (a->order < b->order);
}
