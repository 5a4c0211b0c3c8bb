/* pr-grouper.h: copies of one announcement found among releases in memory
 *
 * The library groups releases as it stores them (pr-store-group.c); a set
 * of releases that is not stored, such as the command line's export of
 * files, is grouped here the same way: each release, in the order added,
 * joins the group of its best copy (pr_copy_match_offer()) among the
 * releases before it that share an index key (pr_sketch_keys()), and each
 * group's original is its best by pr_copy_info_compare(). */
#pragma once

#include "pr-release.h"

G_BEGIN_DECLS

#define PR_TYPE_GROUPER (pr_grouper_get_type ())
G_DECLARE_FINAL_TYPE (PrGrouper, pr_grouper, PR, GROUPER, GObject)

PrGrouper *pr_grouper_new   (void);

/* Adds @release (its sketch is made here) and returns the index of the
 * first release of the group it joins (its own index when none). */
guint      pr_grouper_add   (PrGrouper *self,
                             PrRelease *release);

/* Sets each added release's group (pr_release_set_group()) to its
 * group's original's content id. */
void       pr_grouper_apply (PrGrouper *self);

G_END_DECLS
