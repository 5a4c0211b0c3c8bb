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
/* Candidate keys for an index: the smallest bin minima. */
#define PR_SKETCH_ANCHORS 4

typedef struct {
  guint64 filled;                     /* bit i: bin i has a shingle */
  guint16 bins[PR_SKETCH_BINS];
  guint32 n_shingles;
  guint32 facts[PR_SKETCH_FACTS];     /* ascending, n_facts of them */
  guint32 n_facts;
  gint32 day;                         /* days since 0001-01-01, 0 undated */
  char language[4];                   /* primary subtag, "" unknown */
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

/* Up to PR_SKETCH_ANCHORS keys (ascending) under which to index @sketch
 * so that its copies in the same language are found without reading the
 * whole library: two sketches share a key with high probability when
 * they are copies (a copy shares each with the probability of the
 * bodies' similarity). Returns how many were written. */
guint      pr_sketch_anchors    (const PrSketch *sketch,
                                 guint32        *anchors);

G_END_DECLS
