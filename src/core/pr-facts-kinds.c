/* pr-facts-kinds.c: the kinds of news and their names for people */
#include <glib/gi18n-lib.h>

#include "pr-facts.h"

static const char * const kinds[] = {
  PR_KIND_EARNINGS, PR_KIND_DEAL, PR_KIND_PRODUCT, PR_KIND_PARTNERSHIP, PR_KIND_PEOPLE,
  PR_KIND_EVENT, PR_KIND_AWARD, PR_KIND_RESEARCH, PR_KIND_FILING, PR_KIND_PUBLIC,
  PR_KIND_OTHER, NULL,
};

const char * const *
pr_facts_kinds (void)
{
  return kinds;
}

const char *
pr_facts_kind_label (const char *kind)
{
  /* Translators: kinds of press release, shown in the release list, the
   * sidebar and the filter menu; keep them short. */
  static const char * const labels[] = {
    N_("Earnings"), N_("Deal"), N_("Product"), N_("Partnership"), N_("People"),
    N_("Event"), N_("Award"), N_("Research"), N_("Filing"), N_("Public affairs"),
    N_("Other"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) + 1 == G_N_ELEMENTS (kinds));

  if (kind == NULL)
    return NULL;
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      return _(labels[i]);
  return NULL;
}
