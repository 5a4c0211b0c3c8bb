/* test-extract.c: people and organisations found in a release's text */
#include <string.h>

#include "pr-core.h"
#include "pr-extract.h"

/* The role of @name among @people: "" when listed without one, NULL when
 * not listed. */
static const char *
role_of (GPtrArray  *people,
         const char *name)
{
  for (guint i = 0; i < people->len; i++)
    {
      PrEntity *e = g_ptr_array_index (people, i);

      if (g_strcmp0 (pr_entity_get_name (e), name) == 0)
        return pr_entity_get_detail (e) != NULL ? pr_entity_get_detail (e) : "";
    }
  return NULL;
}

static void
assert_person (const char *text,
               const char *name,
               const char *role)
{
  g_autoptr(GPtrArray) people = pr_extract_people (text);
  const char *got = role_of (people, name);

  if (got == NULL)
    {
      g_test_message ("%s not found in: %s", name, text);
      for (guint i = 0; i < people->len; i++)
        g_test_message ("  found %s", pr_entity_get_name (g_ptr_array_index (people, i)));
    }
  g_assert_nonnull (got);
  if (role != NULL)
    g_assert_cmpstr (got, ==, role);
}

static void
assert_no_person (const char *text,
                  const char *name)
{
  g_autoptr(GPtrArray) people = pr_extract_people (text);

  g_assert_null (role_of (people, name));
}

static void
test_role_before (void)
{
  assert_person ("The plan was approved, said co-CEO Dr. Maren Olsby, who joined in May.", "Maren Olsby", "co-CEO");
  assert_person ("Acme's CEO Talia Brenner sparked a debate with the memo.", "Talia Brenner", "Acme's CEO");
  assert_person ("The trophy was created by the renowned designer Oren Vasquez, and it shines.", "Oren Vasquez", "renowned designer");
  assert_no_person ("The Chief Executive said growth was strong.", "Chief Executive");
}

static void
test_said_role_en (void)
{
  assert_person ("\"We are proud,\" said Lena Markov, CEO of Polder Labs.\"More soon.\"", "Lena Markov", "CEO of Polder Labs");
  assert_person ("Chief Executive Officer of Brightwell Retail, Hamid Qureshi says, \"This is a big day.\"",
                 "Hamid Qureshi", "Chief Executive Officer of Brightwell Retail");
  assert_person ("\"Growth is back,\" Janne Vik said.", "Janne Vik", NULL);
  assert_person ("Demand rose, according to Pia Lund, chief economist at Norrbank.", "Pia Lund", "chief economist at Norrbank");
}

static void
test_said_role_de (void)
{
  assert_person ("„Wir wachsen“, sagte Jana Albrecht, Geschäftsführerin von Nordlicht.", "Jana Albrecht",
                 "Geschäftsführerin von Nordlicht");
  assert_person ("Tobias Brandt, Mitbegründer von Flink, erklärt die Pläne.", "Tobias Brandt", "Mitbegründer von Flink");
  assert_person ("Die Firma ernennt Sabine Kohl zur Finanzvorständin und Direktorin.", "Sabine Kohl", NULL);
}

static void
test_said_role_fr (void)
{
  assert_person ("« C'est un grand jour », a déclaré Jean Dupont, président de Lumière.", "Jean Dupont", "président de Lumière");
  assert_person ("Les ventes montent, selon Claire Morel, directrice du marketing de Vif.", "Claire Morel",
                 "directrice du marketing de Vif");
  assert_person ("Le groupe nomme Luc Berger directeur général.", "Luc Berger", NULL);
}

static void
test_said_role_es (void)
{
  assert_person ("«Es un gran paso», afirmó Juan Pérez, director de Sol Azul.", "Juan Pérez", "director de Sol Azul");
  assert_person ("“Es un honor”, afirmó la Presidenta Ejecutiva de Andes Turismo, Marta Quispe, en el acto.",
                 "Marta Quispe", "Presidenta Ejecutiva de Andes Turismo");
  assert_person ("El presidente de Faro, Diego Luna, agregó: «Crecemos».", "Diego Luna", "presidente de Faro");
  assert_no_person ("El evento fue en el programa CUBO de San Salvador, comentó el equipo.", "San Salvador");
}

static void
test_zh (void)
{
  assert_person ("星云科技公司首席执行官张三表示，新产品将于明年上市。", "张三", "星云科技公司首席执行官");
  assert_person ("会上，李四（董事长）介绍了公司的发展。", "李四", "董事长");
  assert_person ("Nebula 首席执行官 James Lin 评论道：“我们很高兴。”", "James Lin", "Nebula 首席执行官");
}

static void
test_attribution (void)
{
  assert_person ("“This changes everything for our members.” – Dana Kell MA, PMP, Executive Director, Society for Care",
                 "Dana Kell", NULL);
  assert_person ("Rina Solberg, Chief Marketing Officer, Tessellate\n\nShe joins from Orbis.", "Rina Solberg",
                 "Chief Marketing Officer");
  assert_person ("Ulf Berg, CEO of Fjord Works “Her appointment matters.”", "Ulf Berg", "CEO of Fjord Works");
}

static void
test_dash_paren (void)
{
  assert_person ("The ceremony was attended by Shri Arun Mehta – Honorable Minister for Industries, and guests.",
                 "Arun Mehta", "Honorable Minister for Industries");
  assert_person ("Nora Field (Chief Technology Officer) presented the roadmap.", "Nora Field", "Chief Technology Officer");
}

static void
test_appointment (void)
{
  assert_person ("Northwind Names Elise Park Chief Marketing Officer", "Elise Park", "Chief Marketing Officer");
  assert_person ("Harbor Co. today announced the appointment of Dev Raman as Chief Operating Officer.", "Dev Raman",
                 "Chief Operating Officer");
  assert_person ("The agency announced the promotion of Sydney-based Mia Hart to Managing Director of Australia.",
                 "Mia Hart", "Managing Director of Australia");
  assert_person ("La empresa nombra a Lucía Ortega como directora financiera.", "Lucía Ortega", "directora financiera");
}

static void
test_is_role (void)
{
  assert_person ("More on Sam Reyes\n\nSam Reyes is the owner and attorney at Reyes Law.", "Sam Reyes",
                 "owner and attorney at Reyes Law");
}

static void
test_lists (void)
{
  const char *sheet = "Technical Sheet\n\nSamba School\nCarla Nunes - President\nPaulo Reis - Carnavalesco\n"
                      "Ana Prado - Fashion Blog\n";

  assert_person (sheet, "Carla Nunes", "President");
  assert_person (sheet, "Paulo Reis", "Carnavalesco");
  assert_person (sheet, "Ana Prado", "Fashion Blog");
  assert_person ("Credits\nDirector: Ivo Tamm\n", "Ivo Tamm", "Director");
  assert_no_person ("Highlights\nRevenue - Up 12 percent\n", "Revenue");
}

static void
test_enumeration (void)
{
  const char *psa = "The video features comedians – including Tom Ashby, Kim Lowe, Roy Dale Jr. and Eva Stone – "
                    "who lend their voices.";
  const char *winners = "Ada Brook (USA), Li Wen (China) and Omar Haddad (UK) were announced as the winners by the jury.";
  const char *awardees = "The 2024 awardees include – Kenji SATO, Lifetime Award (LA); Yumi KANE, Leadership Award. "
                         "The jury celebrates Kenji Sato’s vision.";

  assert_person (psa, "Tom Ashby", NULL);
  assert_person (psa, "Roy Dale Jr.", NULL);
  assert_person (psa, "Eva Stone", NULL);
  assert_person (winners, "Ada Brook", NULL);
  assert_person (winners, "Omar Haddad", NULL);
  assert_person (awardees, "Kenji Sato", NULL);
  assert_person (awardees, "Yumi KANE", NULL);
  assert_no_person (awardees, "Kenji SATO");
}

static void
test_honorifics (void)
{
  assert_person ("Professor Sir Alan Crewe, Chair of Judges said: \"A fine year.\"", "Alan Crewe", "Chair of Judges");
  assert_person ("Chairman of the Prize Foundation, Lord Hale of Ashby said: \"Well done.\"", "Lord Hale of Ashby",
                 "Chairman of the Prize Foundation");
  assert_person ("Dr. Ines Ruiz, Director of Research at Vela, said it works.", "Ines Ruiz", "Director of Research at Vela");
}

static void
test_fullest_form (void)
{
  const char *text = "County Judge Carl P. Moss Jr., retired, spoke.\n\n\"Thanks,\" said Carl P. Moss.";
  g_autoptr(GPtrArray) people = pr_extract_people (text);

  g_assert_nonnull (role_of (people, "Carl P. Moss Jr."));
  g_assert_null (role_of (people, "Carl P. Moss"));
}

static void
test_contacts_not_speakers (void)
{
  const char *text = "\"We are ready,\" said Mila Novak, CEO of Brightline.\n\n"
                     "Media Contact:\nPeter Quill\npeter@brightline.example\n+1 555 010 2000\n\n"
                     "For media inquiries, please contact: Mila Novak mila@brightline.example\n\n"
                     "Pour plus d’informations, veuillez contacter : Anne Roux Directrice, Communications anne@vif.example\n\n"
                     "Pressekontakt\nJonas Weber, Leiter Kommunikation\n\n"
                     "媒体联系人：王五\n\n"
                     "Sara Lind (555) 123-4567 https://example.com/";
  g_autoptr(GPtrArray) people = pr_extract_people (text);

  g_assert_cmpstr (role_of (people, "Mila Novak"), ==, "CEO of Brightline");
  g_assert_null (role_of (people, "Peter Quill"));
  g_assert_null (role_of (people, "Anne Roux"));
  g_assert_null (role_of (people, "Jonas Weber"));
  g_assert_null (role_of (people, "王五"));
  g_assert_null (role_of (people, "Sara Lind"));
}

static void
test_not_names (void)
{
  const char *text = "Digital Turbine said revenue rose. Media Contact said nothing. In March, Lake City said hello. "
                     "Chief Executive Officer Growth, the company's CEO, was quiet.";
  g_autoptr(GPtrArray) people = pr_extract_people (text);

  g_assert_cmpuint (people->len, ==, 0);
}

/* No fragment beside its whole, the acronym on the whole; a glued "A and
 * B" goes when one of them is listed alone. */
static void
test_org_fragments (void)
{
  g_autoptr(GPtrArray) orgs = pr_extract_organizations (
    "The Royal Bank of Canada (RBC) and Shopify Inc. joined. Royal Bank Holdings was not there, "
    "but Royal Bank staff were.\n"
    "Renewal Fuels, Inc. and American Fusion Inc. signed the deal; American Fusion Inc. is based in Utah.\n", NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < orgs->len; i++)
    g_string_append_printf (names, "%s%s(%s)", i ? "|" : "", pr_entity_get_name (g_ptr_array_index (orgs, i)),
                            pr_entity_get_detail (g_ptr_array_index (orgs, i)) ? pr_entity_get_detail (g_ptr_array_index (orgs, i)) : "");
  g_assert_nonnull (strstr (names->str, "Royal Bank of Canada(RBC)"));
  g_assert_null (strstr (names->str, "Royal Bank("));
  g_assert_null (strstr (names->str, " and American Fusion"));
  g_assert_nonnull (strstr (names->str, "American Fusion Inc."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/extract/people/role-before", test_role_before);
  g_test_add_func ("/core/extract/people/said-role/en", test_said_role_en);
  g_test_add_func ("/core/extract/people/said-role/de", test_said_role_de);
  g_test_add_func ("/core/extract/people/said-role/fr", test_said_role_fr);
  g_test_add_func ("/core/extract/people/said-role/es", test_said_role_es);
  g_test_add_func ("/core/extract/people/zh", test_zh);
  g_test_add_func ("/core/extract/people/attribution", test_attribution);
  g_test_add_func ("/core/extract/people/dash-paren", test_dash_paren);
  g_test_add_func ("/core/extract/people/appointment", test_appointment);
  g_test_add_func ("/core/extract/people/is-role", test_is_role);
  g_test_add_func ("/core/extract/people/lists", test_lists);
  g_test_add_func ("/core/extract/people/enumeration", test_enumeration);
  g_test_add_func ("/core/extract/people/honorifics", test_honorifics);
  g_test_add_func ("/core/extract/people/fullest-form", test_fullest_form);
  g_test_add_func ("/core/extract/people/contacts-not-speakers", test_contacts_not_speakers);
  g_test_add_func ("/core/extract/people/not-names", test_not_names);
  g_test_add_func ("/core/extract/organizations/fragments", test_org_fragments);

  return g_test_run ();
}
