/* corpus-score.h: the corpus README's scoring rules, shared by the corpus
 * tests of every format */
#pragma once

#include "pr-core.h"

G_BEGIN_DECLS

/* The lines of ../shared/corpus/expected.tsv (the header first), with
 * @shared set to the folder paths in it are relative to; NULL after
 * g_test_skip() when PR_SHARED_DIR is not set or the corpus is absent. */
char   **corpus_score_load   (const char **shared);

/* Whether column @column of expected.tsv (1 title, 2 date, 3 city,
 * 4 region, 5 source, 6 language) holds for @r. */
gboolean corpus_cell_matches (PrRelease   *r,
                              guint        column,
                              const char  *want);

/* Scores the non-empty cells of a row (@cells, split at tabs) against @r
 * (NULL: nothing matches), adding to @checked and @matched; each miss is a
 * test message "LABEL: COLUMN expected …". */
void     corpus_score_row    (PrRelease   *r,
                              char       **cells,
                              char       **header,
                              const char  *label,
                              guint       *checked,
                              guint       *matched);

G_END_DECLS
