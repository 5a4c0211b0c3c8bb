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

/* NULL, with the reason in *skip, when PR_SHARED_DIR is unset or the
 * corpus has no expected.tsv: the tests skip then. */
CorpusScoreTable *corpus_score_table_load    (char             **skip);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorpusScoreTable, corpus_score_table_free)

G_END_DECLS
