/* corpus-score.h: the corpus README's scoring rules, shared by the tests that score releases */
#pragma once

#include "pr-core.h"

G_BEGIN_DECLS

/* ../shared/corpus/expected.tsv: one row per file, seven columns (file,
 * title, date, city, region, source, language); an empty cell is not
 * checked. */
typedef struct {
  char      *shared;  /* PR_SHARED_DIR */
  char     **header;  /* the column names */
  GPtrArray *rows;    /* char **: the cells of each row with text */
} CorpusScoreTable;

/* NULL when PR_SHARED_DIR is unset or the corpus has no expected.tsv:
 * the running test is then skipped (g_test_skip(), with the reason). */
CorpusScoreTable *corpus_score_table_load    (void);
void              corpus_score_table_free    (CorpusScoreTable  *table);

/* Whether r has the value want in column (1 title … 6 language), by the
 * README's rule for that column. */
gboolean          corpus_score_cell_matches  (PrRelease         *r,
                                              guint              column,
                                              const char        *want);

/* Counts the checked cells of a row and those r (NULL: not parsed)
 * matches; each miss goes to the test log under label. */
void              corpus_score_row           (CorpusScoreTable  *table,
                                              char             **cells,
                                              PrRelease         *r,
                                              const char        *label,
                                              guint             *checked,
                                              guint             *matched);

/* The share of matched cells in percent, logged and printed as "# NAME
 * score: M/C cells = P%". */
double            corpus_score_percent       (const char        *name,
                                              guint              matched,
                                              guint              checked);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorpusScoreTable, corpus_score_table_free)

G_END_DECLS
