/* pr-sketch.h: what tells that two releases are copies of one announcement
 *
 * A syndicated copy keeps most of the body's word sequences, whatever
 * furniture, headline or cuts the republisher added; a translation keeps
 * what does not translate: figures, names, acronyms, links, tickers and
 * the date. A PrSketch holds both for one release, small and fixed in
 * size so that it can be stored with it, and pr_sketch_compare() decides
 * from two sketches alone (issue 15). */
#pragma once

#include "pr-release.h"

G_BEGIN_DECLS

/* One-permutation MinHash of the body's word 4-shingles: each shingle's
 * hash falls in one of PR_SKETCH_BINS bins, and a bin keeps the low 16
 * bits of its smallest hash. Two bodies' bins agree with a probability
 * that is the Jaccard similarity of their shingles. */
#define PR_SKETCH_BINS 64
/* The smallest hashes of the tokens that survive translation. */
#define PR_SKETCH_FACTS 48
/* Candidate keys for an index: the bins with the smallest minima. */
#define PR_SKETCH_ANCHORS 4
/* Candidate keys for translations: the smallest facts. */
#define PR_SKETCH_FACT_ANCHORS 2
/* The days a copy in the same language, and a translation, may be apart. */
#define PR_SKETCH_SAME_MAX_DAYS 31
#define PR_SKETCH_TRANSLATION_MAX_DAYS 3

typedef struct {
  guint64 filled;                     /* bit i: bin i has a shingle */
  guint16 bins[PR_SKETCH_BINS];
  guint32 n_shingles;
  guint32 facts[PR_SKETCH_FACTS];     /* ascending, n_facts of them */
  guint32 n_facts;
  gint32 day;                         /* days since 0001-01-01, 0 undated */
  char language[4];                   /* primary subtag, "" unknown */
  guint32 anchors[PR_SKETCH_ANCHORS]; /* see pr_sketch_anchors() */
  guint32 n_anchors;
  guint32 fact_anchors[PR_SKETCH_FACT_ANCHORS];  /* see pr_sketch_fact_anchors() */
  guint32 n_fact_anchors;
} PrSketch;

typedef enum {
  PR_COPY_NONE,
  PR_COPY_SAME,          /* a copy in the same language */
  PR_COPY_TRANSLATION,   /* the same announcement in another language */
} PrCopyKind;

/* @release's sketch, from its body blocks (not its About sections,
 * contacts or trailer, which a company's other releases share), links,
 * e-mail addresses, tickers, date and language. */
void       pr_sketch_compute    (PrRelease      *release,
                                 PrSketch       *sketch);

/* The estimated Jaccard similarity of the two bodies' shingles, 0 to 1;
 * 0 when either is too short to tell. */
double     pr_sketch_similarity (const PrSketch *a,
                                 const PrSketch *b);

/* Whether @a and @b are copies of one announcement, and how; @score, if
 * not NULL, gets the evidence (the similarity, or for a translation the
 * share of facts in common). */
PrCopyKind pr_sketch_compare    (const PrSketch *a,
                                 const PrSketch *b,
                                 double         *score);

/* The best copy found so far among candidates: a copy in the same
 * language before a translation, then the higher score. */
typedef struct {
  PrCopyKind kind;
  double score;
  gint64 id;
} PrCopyMatch;

/* Compares @sketch with candidate @id's @candidate and keeps it in @best
 * when it is a better copy; TRUE when it did. */
gboolean   pr_copy_match_offer  (PrCopyMatch    *best,
                                 const PrSketch *sketch,
                                 const PrSketch *candidate,
                                 gint64          id);

/* Up to PR_SKETCH_ANCHORS keys (ascending) under which to index @sketch
 * so that its copies in the same language are found without reading the
 * whole library: two sketches share a key with high probability when
 * they are copies (a copy shares each with the probability of the
 * bodies' similarity). Returns how many were written. */
guint      pr_sketch_anchors    (const PrSketch *sketch,
                                 guint32        *anchors);
/* Up to PR_SKETCH_FACT_ANCHORS keys under which to index @sketch so that
 * its translations are found, when it is dated and has enough facts to be
 * compared: the smallest hashes of its figures (not years), links, e-mail
 * addresses and tickers, which a translation keeps as they are (names do
 * not key: a German text capitalises every noun). Returns how many were
 * written. */
guint      pr_sketch_fact_anchors (const PrSketch *sketch,
                                   guint32        *anchors);

/* Index keys: an anchor with the time it is sought in. A copy in the
 * same language is sought within a month around the release's, a
 * translation within days: a key is (anchor, kind, period), so that the
 * candidates for one anchor are one short range of keys. All keys are
 * positive 63-bit integers (an SQLite INTEGER). */
#define PR_SKETCH_MAX_KEYS (PR_SKETCH_ANCHORS + PR_SKETCH_FACT_ANCHORS)
/* A key's low bits are its period: key >> PR_SKETCH_PERIOD_BITS is its
 * anchor and kind alone. */
#define PR_SKETCH_PERIOD_BITS 23

typedef struct {
  gint64 first, last;
} PrSketchKeyRange;

/* The keys to store @sketch under; returns how many (up to
 * PR_SKETCH_MAX_KEYS). */
guint      pr_sketch_keys       (const PrSketch   *sketch,
                                 gint64           *keys);
/* The ranges of keys under which @sketch's candidates are stored (up to
 * PR_SKETCH_MAX_RANGES): for each of its keys, the same anchor in the
 * periods around its own; for a dated release's body anchors, also among
 * the undated releases; for an undated one's, in every period. */
#define PR_SKETCH_MAX_RANGES (PR_SKETCH_MAX_KEYS + PR_SKETCH_ANCHORS)
guint      pr_sketch_key_ranges (const PrSketch   *sketch,
                                 PrSketchKeyRange *ranges);

/* The sketch as bytes to store (a fixed little-endian layout, the same on
 * every machine), and back: FALSE when @data is not a sketch of this
 * layout (then @sketch is cleared). */
GBytes    *pr_sketch_to_bytes   (const PrSketch *sketch);
gboolean   pr_sketch_from_bytes (const guint8   *data,
                                 gsize           length,
                                 PrSketch       *sketch);

/* What makes one copy the group's original: a wire's own copy before a
 * republished one, then the earliest date (undated last), then the first
 * stored (@order, e.g. the library's id). */
typedef struct {
  const char *date;       /* YYYY-MM-DD or NULL */
  const char *source;     /* the canonical wire name, or NULL */
  const char *origin;     /* the file or the link it came from */
  gint64 order;
} PrCopyInfo;

/* Negative when @a is the better original, positive when @b is. */
int        pr_copy_info_compare (const PrCopyInfo *a,
                                 const PrCopyInfo *b);
/* Whether the copy is the wire's own: a known wire, read from a file or
 * from the wire's own site rather than a portal's page. */
gboolean   pr_copy_info_is_wire (const PrCopyInfo *info);

G_END_DECLS
