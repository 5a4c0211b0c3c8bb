/* test-facts.c: a release's kind, issuers and headline flags (pr-facts.c),
 * on invented releases read by the text parser: one rule a test. */
#include <string.h>

#include "pr-core.h"
#include "pr-facts.h"

static PrRelease *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  PrRelease *release = pr_parse_text (text, strlen (text), "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (release);
  return release;
}

static void
assert_kind (const char *text,
             const char *kind)
{
  g_autoptr(PrRelease) release = parse (text);

  g_assert_cmpstr (pr_release_get_field (release, PR_FIELD_KIND), ==, kind);
}

static void
assert_issuers (const char *text,
                const char *one,
                const char *two)
{
  g_autoptr(PrRelease) release = parse (text);
  const char * const *issuers = pr_release_get_list (release, PR_LIST_ISSUERS);

  g_assert_nonnull (issuers);
  g_assert_cmpstr (issuers[0], ==, one);
  if (one != NULL)
    g_assert_cmpstr (issuers[1], ==, two);
  if (two != NULL)
    g_assert_null (issuers[2]);
}

/* ---- Kinds --------------------------------------------------------------- */

static void
test_kind_earnings_en (void)
{
  assert_kind ("Northwind Traders Reports Third Quarter 2024 Results\n\n"
               "SEATTLE, Oct. 30, 2024 /PRNewswire/ -- Northwind Traders today reported revenue of "
               "$412 million for the quarter ended September 30, 2024, up 9 percent.\n",
               PR_KIND_EARNINGS);
}

static void
test_kind_deal_de (void)
{
  assert_kind ("Brauhaus Adler übernimmt Kellerei Sommer\n\n"
               "MÜNCHEN, 4. März 2024 /PRNewswire/ -- Die Brauhaus Adler AG übernimmt die Kellerei "
               "Sommer GmbH. Die Übernahme soll im zweiten Halbjahr abgeschlossen werden.\n",
               PR_KIND_DEAL);
}

static void
test_kind_product_fr (void)
{
  assert_kind ("Atelier Lumen lance une nouvelle gamme de lampes solaires\n\n"
               "LYON, 12 mai 2024 /PRNewswire/ -- Atelier Lumen annonce le lancement de sa nouvelle "
               "gamme de lampes, disponible dès aujourd'hui en magasin.\n",
               PR_KIND_PRODUCT);
}

static void
test_kind_people_es (void)
{
  assert_kind ("Grupo Costa nombra a Lucía Medina directora general\n\n"
               "MADRID, 3 de abril de 2024 /PRNewswire/ -- Grupo Costa anunció hoy el nombramiento "
               "de Lucía Medina como directora general de la compañía.\n",
               PR_KIND_PEOPLE);
}

static void
test_kind_zh (void)
{
  assert_kind ("蓝海科技宣布与星辰物流达成战略合作\n\n"
               "上海2024年6月1日 /美通社/ -- 蓝海科技今天宣布与星辰物流达成战略合作，双方将携手建设智能仓储网络。\n",
               PR_KIND_PARTNERSHIP);
}

static void
test_kind_event_en (void)
{
  assert_kind ("Harbor Institute to Host Annual Ocean Energy Summit in Lisbon\n\n"
               "LISBON, Portugal, Feb. 2, 2024 /PRNewswire/ -- The Harbor Institute will host its annual "
               "summit on May 14. The event will take place at the city's congress centre; registration "
               "is open.\n",
               PR_KIND_EVENT);
}

static void
test_kind_award_de (void)
{
  assert_kind ("Feldmann Design gewinnt Auszeichnung für nachhaltige Verpackung\n\n"
               "HAMBURG, 5. Juni 2024 /PRNewswire/ -- Die Feldmann Design GmbH ist mit einer "
               "Auszeichnung für nachhaltige Verpackung ausgezeichnet worden.\n",
               PR_KIND_AWARD);
}

static void
test_kind_research_fr (void)
{
  assert_kind ("Étude : sept salariés sur dix veulent travailler à distance\n\n"
               "PARIS, 9 mars 2024 /PRNewswire/ -- Selon une étude publiée aujourd'hui par l'institut "
               "Vernier, un sondage mené auprès de 2 000 salariés montre une forte attente.\n",
               PR_KIND_RESEARCH);
}

static void
test_kind_filing_en (void)
{
  assert_kind ("Redwood Minerals Files Annual Report on Form 10-K\n\n"
               "DENVER, March 1, 2024 /PRNewswire/ -- Redwood Minerals Corp. has filed its annual "
               "report on Form 10-K for the fiscal year with the SEC.\n",
               PR_KIND_FILING);
}

static void
test_kind_public_es (void)
{
  assert_kind ("Fundación Aurora dona 10.000 libros a escuelas rurales\n\n"
               "LIMA, 8 de julio de 2024 /PRNewswire/ -- La Fundación Aurora realizó una donación de "
               "10.000 libros como parte de su campaña de lectura para la comunidad.\n",
               PR_KIND_PUBLIC);
}

static void
test_kind_other (void)
{
  assert_kind ("A Quiet Week at the Harbour\n\n"
               "OSLO, May 2, 2024 /PRNewswire/ -- Boats came and went as usual in the harbour.\n",
               PR_KIND_OTHER);
}

/* ---- Issuers ------------------------------------------------------------- */

static void
test_issuer_announced (void)
{
  assert_issuers ("New Warehouse Opens in Ohio\n\n"
                  "COLUMBUS, Ohio, Jan. 9, 2024 /PRNewswire/ -- Brightline Logistics, Inc. (NASDAQ: BRTL), "
                  "a provider of freight services, today announced the opening of a warehouse.\n",
                  "Brightline Logistics", NULL);
}

static void
test_issuer_source_line (void)
{
  assert_issuers ("Record Harvest Expected This Autumn\n\n"
                  "FRESNO, Calif., Aug. 1, 2024 /PRNewswire/ -- Growers in the valley expect a record "
                  "harvest this autumn after a mild spring.\n\n"
                  "SOURCE Valley Orchards Cooperative\n",
                  "Valley Orchards Cooperative", NULL);
}

static void
test_issuer_joint (void)
{
  assert_issuers ("Alder Robotics and Pinecrest Health Announce Hospital Logistics Pilot\n\n"
                  "BOSTON, April 4, 2024 /PRNewswire/ -- Alder Robotics and Pinecrest Health today "
                  "announced a pilot of delivery robots in two hospitals.\n",
                  "Alder Robotics", "Pinecrest Health");
}

static void
test_issuer_about (void)
{
  assert_issuers ("Spring Catalogue Out Now\n\n"
                  "LONDON, March 3, 2024 /PRNewswire/ -- The spring catalogue is out, with forty new "
                  "titles for young readers.\n\n"
                  "About Marlow Books\n\n"
                  "Marlow Books is an independent publisher of books for children.\n",
                  "Marlow Books", NULL);
}

static void
test_issuer_de (void)
{
  assert_issuers ("Neue Filiale in Köln\n\n"
                  "KÖLN, 2. Mai 2024 /PRNewswire/ -- Die Rheinland Optik GmbH gab heute bekannt, dass "
                  "sie eine neue Filiale in der Innenstadt eröffnet.\n",
                  "Rheinland Optik", NULL);
}

static void
test_issuer_none (void)
{
  assert_issuers ("a quiet week\n\n"
                  "nothing much happened in the harbour this week, and the boats came and went.\n",
                  NULL, NULL);
}

/* ---- Flags --------------------------------------------------------------- */

static void
assert_markers (const char *title,
                const char *stripped,
                const char *flags)
{
  g_auto(GStrv) found = NULL;
  g_autofree char *rest = pr_facts_strip_markers (title, &found);
  g_autofree char *joined = g_strjoinv (",", found);

  g_assert_cmpstr (rest, ==, stripped);
  g_assert_cmpstr (joined, ==, flags);
}

static void
test_flags_repeat_spaced (void)
{
  assert_markers ("/ R E P E A T -- Orion Bank Opens Branch in Leeds/", "Orion Bank Opens Branch in Leeds",
                  "repeat");
  assert_markers ("/REPEAT -- Orion Bank Opens Branch in Leeds/", "Orion Bank Opens Branch in Leeds",
                  "repeat");
  assert_markers ("REPEAT: Orion Bank Opens Branch", "Orion Bank Opens Branch", "repeat");
}

static void
test_flags_correction (void)
{
  assert_markers ("CORRECTION -- Orion Bank Reports Results", "Orion Bank Reports Results", "correction");
  assert_markers ("CORRECTING and REPLACING Orion Bank Reports Results", "Orion Bank Reports Results",
                  "correction");
  assert_markers ("KORREKTUR: Orion Bank meldet Zahlen", "Orion Bank meldet Zahlen", "correction");
  assert_markers ("RECTIFICATIF : Orion Bank publie ses résultats", "Orion Bank publie ses résultats",
                  "correction");
}

static void
test_flags_update_advisory_photo (void)
{
  assert_markers ("UPDATE 2-Orion Bank Raises Outlook", "Orion Bank Raises Outlook", "update");
  assert_markers ("MEDIA ADVISORY: Orion Bank to Host Briefing", "Orion Bank to Host Briefing", "advisory");
  assert_markers ("Orion Bank Opens Flagship Branch (PHOTO)", "Orion Bank Opens Flagship Branch", "photo");
  assert_markers ("Orion Bank Opens Flagship Branch (with video)", "Orion Bank Opens Flagship Branch",
                  "video");
}

static void
test_flags_none (void)
{
  const char *title = "Update on the Orion Bank Merger: What Customers Need to Know";
  g_auto(GStrv) found = NULL;
  g_autofree char *rest = pr_facts_strip_markers (title, &found);

  g_assert_cmpstr (rest, ==, title);
  g_assert_cmpuint (g_strv_length (found), ==, 0);
}

static void
test_flags_release (void)
{
  g_autoptr(PrRelease) release = parse ("/REPEAT -- Orion Bank Opens Branch in Leeds/\n\n"
                                        "LEEDS, England, May 1, 2024 /PRNewswire/ -- Orion Bank today "
                                        "announced a new branch.\n");
  const char * const *flags = pr_release_get_list (release, PR_LIST_FLAGS);

  g_assert_cmpstr (pr_release_get_title (release), ==, "Orion Bank Opens Branch in Leeds");
  g_assert_cmpstr (flags[0], ==, "repeat");
  g_assert_null (flags[1]);
}

static void
test_kinds_labels (void)
{
  const char * const *kinds = pr_facts_kinds ();

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, 11);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_nonnull (pr_facts_kind_label (kinds[i]));
  g_assert_cmpstr (pr_facts_kind_label (PR_KIND_PUBLIC), ==, "Public affairs");
  g_assert_null (pr_facts_kind_label ("gossip"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/facts/kind/earnings/en", test_kind_earnings_en);
  g_test_add_func ("/core/facts/kind/deal/de", test_kind_deal_de);
  g_test_add_func ("/core/facts/kind/product/fr", test_kind_product_fr);
  g_test_add_func ("/core/facts/kind/people/es", test_kind_people_es);
  g_test_add_func ("/core/facts/kind/zh", test_kind_zh);
  g_test_add_func ("/core/facts/kind/event/en", test_kind_event_en);
  g_test_add_func ("/core/facts/kind/award/de", test_kind_award_de);
  g_test_add_func ("/core/facts/kind/research/fr", test_kind_research_fr);
  g_test_add_func ("/core/facts/kind/filing/en", test_kind_filing_en);
  g_test_add_func ("/core/facts/kind/public/es", test_kind_public_es);
  g_test_add_func ("/core/facts/kind/other", test_kind_other);
  g_test_add_func ("/core/facts/kind/labels", test_kinds_labels);
  g_test_add_func ("/core/facts/issuer/announced", test_issuer_announced);
  g_test_add_func ("/core/facts/issuer/source-line", test_issuer_source_line);
  g_test_add_func ("/core/facts/issuer/joint", test_issuer_joint);
  g_test_add_func ("/core/facts/issuer/about", test_issuer_about);
  g_test_add_func ("/core/facts/issuer/de", test_issuer_de);
  g_test_add_func ("/core/facts/issuer/none", test_issuer_none);
  g_test_add_func ("/core/facts/flags/repeat-spaced", test_flags_repeat_spaced);
  g_test_add_func ("/core/facts/flags/correction", test_flags_correction);
  g_test_add_func ("/core/facts/flags/update-advisory-photo", test_flags_update_advisory_photo);
  g_test_add_func ("/core/facts/flags/none", test_flags_none);
  g_test_add_func ("/core/facts/flags/release", test_flags_release);
  return g_test_run ();
}
