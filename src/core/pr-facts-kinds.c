/* pr-facts-kinds.c: the kinds of news and their names for people */
#include <glib/gi18n-lib.h>

#include "pr-facts-private.h"

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
   * sidebar and the filter menu; keep them short. "People" is news of
   * appointments and hires, "Filing" a regulatory filing or notice. */
  static const char * const labels[] = {
    NC_("kind", "Earnings"), NC_("kind", "Deal"), NC_("kind", "Product"),
    NC_("kind", "Partnership"), NC_("kind", "People"), NC_("kind", "Event"),
    NC_("kind", "Award"), NC_("kind", "Research"), NC_("kind", "Filing"),
    NC_("kind", "Public affairs"), NC_("kind", "Other"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) + 1 == G_N_ELEMENTS (kinds));
  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == PR_FACTS_N_KINDS);

  if (kind == NULL)
    return NULL;
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      return g_dpgettext2 (GETTEXT_PACKAGE, "kind", labels[i]);
  return NULL;
}
