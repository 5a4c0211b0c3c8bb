/* test-facts.c: the issuer, the kind of news and the headline's markers,
 * one rule per test, on releases written for the test */
#include <string.h>

#include "pr-core.h"

/* A release as a wire sends it: headline, dateline, body, trailer. */
static PrRelease *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  PrRelease *r = pr_parse_text (text, strlen (text), "test.txt", &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
assert_kind (const char *text,
             const char *kind)
{
  g_autoptr(PrRelease) r = parse (text);

  if (g_strcmp0 (pr_release_get_field (r, PR_FIELD_KIND), kind) != 0)
    g_error ("“%.60s…”: kind %s, expected %s", text, pr_release_get_field (r, PR_FIELD_KIND), kind);
}

static void
assert_issuers (const char *text,
                const char *expected)
{
  g_autoptr(PrRelease) r = parse (text);
  g_autofree char *joined = g_strjoinv (" | ", (char **) pr_release_get_list (r, PR_LIST_ISSUERS));

  if (g_strcmp0 (joined, expected) != 0)
    g_error ("“%.60s…”: issuer “%s”, expected “%s”", text, joined, expected);
}

#define DATELINE_EN "NEW YORK, March 3, 2025 /PRNewswire/ -- "
#define DATELINE_DE "MÜNCHEN, 3. März 2025 /PRNewswire/ -- "
#define DATELINE_FR "PARIS, 3 mars 2025 /PRNewswire/ -- "
#define DATELINE_ES "MADRID, 3 de marzo de 2025 /PRNewswire/ -- "
#define DATELINE_ZH "北京2025年3月3日电 /美通社/ -- "

static void
test_kind_earnings_en (void)
{
  assert_kind ("Zenlox Reports Third Quarter 2025 Financial Results\n\n" DATELINE_EN
               "Zenlox Inc. today reported revenue of $12.4 million for the third quarter, up 8%.\n",
               PR_KIND_EARNINGS);
}

static void
test_kind_deal_de (void)
{
  assert_kind ("Brambach übernimmt Kessler Maschinenbau\n\n" DATELINE_DE
               "Die Brambach GmbH übernimmt die Kessler Maschinenbau AG. Die Übernahme soll im Sommer "
               "abgeschlossen werden.\n", PR_KIND_DEAL);
}

static void
test_kind_deal_en (void)
{
  assert_kind ("Orvane to Acquire Telmix in $2 Billion Deal\n\n" DATELINE_EN
               "Orvane Corp. and Telmix Ltd. today announced a definitive agreement under which Orvane "
               "will acquire Telmix.\n", PR_KIND_DEAL);
}

static void
test_kind_product_fr (void)
{
  assert_kind ("Lumetis lance une nouvelle gamme de lampes solaires\n\n" DATELINE_FR
               "Lumetis annonce le lancement de sa nouvelle gamme, disponible dès aujourd'hui.\n",
               PR_KIND_PRODUCT);
}

static void
test_kind_people_es (void)
{
  assert_kind ("Grupo Varela nombra a Lucía Pérez directora financiera\n\n" DATELINE_ES
               "Grupo Varela anunció hoy el nombramiento de Lucía Pérez como directora financiera.\n",
               PR_KIND_PEOPLE);
}

static void
test_kind_event_zh (void)
{
  assert_kind ("2025全球智能制造峰会在北京举行\n\n" DATELINE_ZH
               "2025全球智能制造峰会今天在北京举行，来自30个国家的代表出席论坛。\n", PR_KIND_EVENT);
}

static void
test_kind_partnership_en (void)
{
  assert_kind ("Quorra Partners with Halden Bank on Instant Payments\n\n" DATELINE_EN
               "Quorra today announced a strategic partnership with Halden Bank.\n", PR_KIND_PARTNERSHIP);
}

static void
test_kind_award_en (void)
{
  assert_kind ("Pellow Wins 2025 Green Building Award\n\n" DATELINE_EN
               "Pellow Architects has won the 2025 Green Building Award for its library design.\n",
               PR_KIND_AWARD);
}

static void
test_kind_research_de (void)
{
  assert_kind ("Studie: Jeder dritte Betrieb sucht Fachkräfte\n\n" DATELINE_DE
               "Eine neue Studie des Instituts zeigt: 34 Prozent der Befragten finden keine Fachkräfte.\n",
               PR_KIND_RESEARCH);
}

static void
test_kind_filing_en (void)
{
  assert_kind ("Vantix Files Annual Report on Form 10-K\n\n" DATELINE_EN
               "Vantix Holdings today filed its annual report on Form 10-K with the SEC.\n", PR_KIND_FILING);
}

static void
test_kind_public_es (void)
{
  assert_kind ("La fundación Alba lanza una campaña de donación de alimentos\n\n" DATELINE_ES
               "La fundación Alba inició una campaña solidaria de donación con el gobierno local.\n",
               PR_KIND_PUBLIC);
}

/* "Fusion" is a German merger, not an English technology. */
static void
test_kind_language (void)
{
  assert_kind ("Helion Appoints Mara Lind as Chief Operating Officer\n\n" DATELINE_EN
               "Helion Fusion Inc. today announced the appointment of Mara Lind as Chief Operating "
               "Officer of its fusion program.\n", PR_KIND_PEOPLE);
}

static void
test_kind_other (void)
{
  assert_kind ("A Letter From the Editor\n\n" DATELINE_EN "Thank you for reading us every day.\n",
               PR_KIND_OTHER);
}

static void
test_issuer_announced (void)
{
  assert_issuers ("Zenlox Opens Office in Lisbon\n\n" DATELINE_EN
                  "Zenlox Inc. (NASDAQ: ZNLX), a maker of heat pumps, today announced the opening of "
                  "its first European office.\n", "Zenlox");
}

static void
test_issuer_source_line (void)
{
  assert_issuers ("New Heat Pumps for Cold Climates\n\n" DATELINE_EN
                  "A new line of heat pumps works down to minus 30 degrees.\n\n"
                  "SOURCE Zenlox Energy Systems, Inc.\n", "Zenlox Energy Systems");
}

static void
test_issuer_joint (void)
{
  assert_issuers ("Orvane and Telmix Sign Supply Agreement\n\n" DATELINE_EN
                  "Orvane Corp. and Telmix Ltd. today announced a five-year supply agreement.\n",
                  "Orvane | Telmix");
}

static void
test_issuer_hosted_by (void)
{
  assert_issuers ("Ocean Forum Opens in Lisbon\n\n" DATELINE_EN
                  "The third Ocean Forum opened on Monday. The forum is hosted by the Atlantic Council "
                  "of Ports and the City of Lisbon.\n", "Atlantic Council of Ports | City of Lisbon");
}

/* The organiser's cue is looked for from the first "by" on, in any case:
 * one that belongs to no cue comes first here. */
static void
test_issuer_presented_by_later (void)
{
  assert_issuers ("Harbour Awards Night in Rotterdam\n\n" DATELINE_EN
                  "The awards, founded by sailors in 1990, return on Friday. The evening is "
                  "Presented By the Port Authority of Rotterdam.\n", "Port Authority of Rotterdam");
}

static void
test_issuer_about (void)
{
  assert_issuers ("Winter Sale Starts Early\n\n" DATELINE_EN
                  "Prices on all winter gear fall by a third from Friday.\n\n"
                  "About Nordkap Outdoor\n\nNordkap Outdoor makes clothing for cold weather.\n",
                  "Nordkap Outdoor");
}

static void
test_issuer_headline (void)
{
  assert_issuers ("Harlow Robotics Officially Joins the Open Automation Alliance\n\n" DATELINE_EN
                  "Members of the alliance share interfaces for warehouse robots.\n",
                  "Harlow Robotics");
}

static void
test_issuer_opening (void)
{
  assert_issuers ("Faster Checkout for Small Shops\n\n" DATELINE_EN
                  "Today, Paywell launched a checkout that needs no terminal.\n", "Paywell");
}

static void
test_issuer_de (void)
{
  assert_issuers ("Neue Fähre für den Bodensee\n\n" DATELINE_DE
                  "Die Seelinie GmbH präsentiert ihre neue Elektrofähre.\n", "Seelinie");
}

static void
test_issuer_es (void)
{
  assert_issuers ("Nueva ruta entre Madrid y Oporto\n\n" DATELINE_ES
                  "Viajes Ibéricos, la agencia de viajes en tren, anunció hoy una nueva ruta.\n",
                  "Viajes Ibéricos");
}

static void
test_issuer_zh (void)
{
  assert_issuers ("云帆科技发布新一代储能系统\n\n" DATELINE_ZH
                  "全球领先的储能企业 云帆科技今天宣布推出新一代储能系统。\n", "云帆科技");
}

static void
test_kind_partnership_zh (void)
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
test_issuer_passive (void)
{
  /* Announced, not announcing: the winners are no issuer. */
  assert_issuers ("Marlow Prize Awarded to Two Chemists\n\n" DATELINE_EN
                  "Ada Brenner (Germany) and Tomas Weil (Chile) were announced as the winners of the "
                  "Marlow Prize today. The prize is awarded by the Marlow Foundation.\n\n"
                  "SOURCE Marlow Foundation\n", "Marlow Foundation");
}

static void
test_issuer_zh_comma (void)
{
  /* A full-width comma in the subject: split on it, not on its bytes. */
  assert_issuers ("星辰物流发布年度报告\n\n" DATELINE_ZH
                  "作为亚洲领先的物流企业，星辰物流今天发布2024年度可持续发展报告。\n", "星辰物流");
}

static void
test_issuer_enumeration (void)
{
  /* "A, B, C and D today announced": each one an organisation. */
  g_autoptr(PrRelease) r = parse ("Canadian AI Leaders Launch a Compute Alliance\n\n" DATELINE_EN
                                  "Bell, Cohere, Mila and OpenAI today announced the Canadian Compute "
                                  "Alliance, a partnership to build shared AI infrastructure.\n");
  GPtrArray *orgs = pr_release_get_organizations (r);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < orgs->len; i++)
    g_string_append_printf (names, "%s|", pr_entity_get_name (g_ptr_array_index (orgs, i)));
  g_assert_cmpstr (names->str, ==, "Bell|Cohere|Mila|OpenAI|");
}

static void
test_issuer_web_site (void)
{
  assert_issuers ("Cooler Nights with Bamboo Sheets\n\n" DATELINE_EN
                  "As summer nights get warmer, many sleep badly. Sheets woven from bamboo help, says "
                  "the maker Sleepwell.\n\nCompany Website https://www.sleepwell.example/\n",
                  "Sleepwell");
}

static void
test_issuer_none (void)
{
  assert_issuers ("Thoughts on a Rainy Day\n\n" DATELINE_EN "it rained all day.\n", "");
}

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
test_flags_repeat (void)
{
  assert_markers ("/REPEAT -- Zenlox Reports Record Sales/", "Zenlox Reports Record Sales", "repeat");
  assert_markers ("/ R E P E A T -- Zenlox Reports Record Sales/", "Zenlox Reports Record Sales", "repeat");
  assert_markers ("REPEAT: Zenlox Reports Record Sales", "Zenlox Reports Record Sales", "repeat");
}

static void
test_flags_correction (void)
{
  assert_markers ("CORRECTION -- Zenlox Reports Record Sales", "Zenlox Reports Record Sales", "correction");
  assert_markers ("CORRECTING and REPLACING Zenlox Reports Record Sales", "Zenlox Reports Record Sales",
                  "correction");
  assert_markers ("KORREKTUR: Brambach übernimmt Kessler", "Brambach übernimmt Kessler", "correction");
  assert_markers ("RECTIFICATIF - Lumetis lance une lampe", "Lumetis lance une lampe", "correction");
}

static void
test_flags_update_advisory (void)
{
  assert_markers ("UPDATE 2-Orvane to Acquire Telmix", "Orvane to Acquire Telmix", "update");
  assert_markers ("MEDIA ADVISORY: Ocean Forum Opens Monday", "Ocean Forum Opens Monday", "advisory");
}

static void
test_flags_photo_video (void)
{
  assert_markers ("Zenlox Opens Lisbon Office (PHOTO)", "Zenlox Opens Lisbon Office", "photo");
  assert_markers ("Zenlox Opens Lisbon Office - VIDEO", "Zenlox Opens Lisbon Office", "video");
  assert_markers ("CORRECTION -- Zenlox Opens Lisbon Office (PHOTO)", "Zenlox Opens Lisbon Office",
                  "correction,photo");
}

/* Words that only look like markers stay. */
static void
test_flags_none (void)
{
  assert_markers ("Update on the Ocean Forum Agenda", "Update on the Ocean Forum Agenda", "");
  assert_markers ("Photo Contest Winners Announced", "Photo Contest Winners Announced", "");
  assert_markers ("Zenlox Repeats as Top Employer", "Zenlox Repeats as Top Employer", "");
}

/* The parser takes the markers out of the title and keeps them. */
static void
test_flags_parsed (void)
{
  g_autoptr(PrRelease) r = parse ("/REPEAT -- Zenlox Reports Third Quarter Results/\n\n" DATELINE_EN
                                  "Zenlox Inc. today reported results for the third quarter.\n");

  g_assert_cmpstr (pr_release_get_title (r), ==, "Zenlox Reports Third Quarter Results");
  g_assert_cmpstr (pr_release_get_list (r, PR_LIST_FLAGS)[0], ==, "repeat");
  g_assert_null (pr_release_get_list (r, PR_LIST_FLAGS)[1]);
}

static void
test_kinds_labels (void)
{
  const char * const *kinds = pr_facts_kinds ();

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, 11);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_nonnull (pr_facts_kind_label (kinds[i]));
  g_assert_cmpstr (pr_facts_kind_label (PR_KIND_EARNINGS), ==, "Earnings");
  g_assert_null (pr_facts_kind_label ("gossip"));
  g_assert_null (pr_facts_kind_label (NULL));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/facts/kind/earnings/en", test_kind_earnings_en);
  g_test_add_func ("/core/facts/kind/deal/en", test_kind_deal_en);
  g_test_add_func ("/core/facts/kind/deal/de", test_kind_deal_de);
  g_test_add_func ("/core/facts/kind/product/fr", test_kind_product_fr);
  g_test_add_func ("/core/facts/kind/people/es", test_kind_people_es);
  g_test_add_func ("/core/facts/kind/event/zh", test_kind_event_zh);
  g_test_add_func ("/core/facts/kind/partnership/en", test_kind_partnership_en);
  g_test_add_func ("/core/facts/kind/award/en", test_kind_award_en);
  g_test_add_func ("/core/facts/kind/research/de", test_kind_research_de);
  g_test_add_func ("/core/facts/kind/filing/en", test_kind_filing_en);
  g_test_add_func ("/core/facts/kind/public/es", test_kind_public_es);
  g_test_add_func ("/core/facts/kind/partnership/zh", test_kind_partnership_zh);
  g_test_add_func ("/core/facts/kind/event/en", test_kind_event_en);
  g_test_add_func ("/core/facts/kind/award/de", test_kind_award_de);
  g_test_add_func ("/core/facts/kind/research/fr", test_kind_research_fr);
  g_test_add_func ("/core/facts/kind/language", test_kind_language);
  g_test_add_func ("/core/facts/kind/other", test_kind_other);
  g_test_add_func ("/core/facts/kind/labels", test_kinds_labels);
  g_test_add_func ("/core/facts/issuer/announced", test_issuer_announced);
  g_test_add_func ("/core/facts/issuer/source-line", test_issuer_source_line);
  g_test_add_func ("/core/facts/issuer/joint", test_issuer_joint);
  g_test_add_func ("/core/facts/issuer/hosted-by", test_issuer_hosted_by);
  g_test_add_func ("/core/facts/issuer/presented-by-later", test_issuer_presented_by_later);
  g_test_add_func ("/core/facts/issuer/about", test_issuer_about);
  g_test_add_func ("/core/facts/issuer/headline", test_issuer_headline);
  g_test_add_func ("/core/facts/issuer/opening", test_issuer_opening);
  g_test_add_func ("/core/facts/issuer/de", test_issuer_de);
  g_test_add_func ("/core/facts/issuer/es", test_issuer_es);
  g_test_add_func ("/core/facts/issuer/zh", test_issuer_zh);
  g_test_add_func ("/core/facts/issuer/passive", test_issuer_passive);
  g_test_add_func ("/core/facts/issuer/zh-comma", test_issuer_zh_comma);
  g_test_add_func ("/core/facts/issuer/enumeration", test_issuer_enumeration);
  g_test_add_func ("/core/facts/issuer/web-site", test_issuer_web_site);
  g_test_add_func ("/core/facts/issuer/none", test_issuer_none);
  g_test_add_func ("/core/facts/flags/repeat", test_flags_repeat);
  g_test_add_func ("/core/facts/flags/correction", test_flags_correction);
  g_test_add_func ("/core/facts/flags/update-advisory", test_flags_update_advisory);
  g_test_add_func ("/core/facts/flags/photo-video", test_flags_photo_video);
  g_test_add_func ("/core/facts/flags/none", test_flags_none);
  g_test_add_func ("/core/facts/flags/parsed", test_flags_parsed);

  return g_test_run ();
}
