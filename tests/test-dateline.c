/* test-dateline.c: dateline families and date languages */
#include "pr-core.h"
#include "pr-date.h"
#include "pr-dateline.h"
#include "pr-wire.h"

typedef struct {
  const char *text;
  const char *city;     /* NULL: none expected */
  const char *region;
  const char *wire;     /* canonical; NULL: none */
  int year, month, day; /* year 0: no year; month 0: no date */
  const char *body;     /* how the body starts, "" when it is on the next line */
} Case;

static const Case cases[] = {
  /* PR Newswire and its tags */
  { "LIANYUNGANG, China, June 18, 2021 /PRNewswire/ -- On the afternoon of June 18",
    "Lianyungang", "China", "PR Newswire", 2021, 6, 18, "On the afternoon" },
  { "AUSTIN, Texas, Feb. 1, 2017 /PRNewswire-AsiaNet/ --", "Austin", "Texas", "PR Newswire", 2017, 2, 1, "" },
  { "NEW YORK, Sept. 29, 2023 /PRNewswire-FirstCall/ -- Acme said", "New York", NULL, "PR Newswire", 2023, 9, 29, "Acme said" },
  { "WIEN, 19. Juni 2021 /ots/PRNewswire/ -- Die Firma", "Wien", NULL, "PR Newswire", 2021, 6, 19, "Die Firma" },
  { "PALO ALTO, Calif., April 25, 2016 /PRNewswire/ -- HackerRank", "Palo Alto", "Calif.", "PR Newswire", 2016, 4, 25, "HackerRank" },
  { "LONDON, Aug. 3 /PRNewswire/ -- No year here", "London", NULL, "PR Newswire", 0, 8, 3, "No year here" },
  { "LONDON ,  Feb. 1 , 2017  / PRNewswire /  --  Stray spaces", "London", NULL, "PR Newswire", 2017, 2, 1, "Stray spaces" },
  { "LONDON, Feb. 1, 2017 /PRNewswire/ — Em dash", "London", NULL, "PR Newswire", 2017, 2, 1, "Em dash" },
  { "LONDON,Feb.1,2017/PRNewswire/--No spaces", "London", NULL, "PR Newswire", 2017, 2, 1, "No spaces" },
  { "SAN JOSE, Calif. and LONDON, Jan. 5, 2024 /PRNewswire/ -- Two cities", "San Jose and London", "Calif.", "PR Newswire", 2024, 1, 5, "Two cities" },
  { "北京2016年12月1日电 /美通社/ -- 今天", "北京", NULL, "PR Newswire", 2016, 12, 1, "今天" },
  { "英国圣阿萨夫，2024 年 6 月 — 全球领先", "圣阿萨夫", "英国", NULL, 2024, 6, 0, "全球领先" },
  { "KYOTO, Japan, Feb. 1, 2017 /Kyodo JBN-AsiaNet/ --", "Kyoto", "Japan", "Kyodo JBN", 2017, 2, 1, "" },
  /* Business Wire, GlobeNewswire, Marketwired, CNW, Xinhua */
  { "SAN FRANCISCO--(BUSINESS WIRE)--Acme today", "San Francisco", NULL, "Business Wire", -1, 0, 0, "Acme today" },
  { "BOSTON, MA--(BUSINESS WIRE)--Acme", "Boston", "MA", "Business Wire", -1, 0, 0, "Acme" },
  { "Richmond, Virginia, Oct. 27, 2020 (GLOBE NEWSWIRE) -- CarMax", "Richmond", "Virginia", "GlobeNewswire", 2020, 10, 27, "CarMax" },
  { "TORONTO, ONTARIO--(Marketwired - Jan. 5, 2016) - Acme", "Toronto", "Ontario", "Marketwired", 2016, 1, 5, "Acme" },
  { "TORONTO, Jan. 5, 2016 /CNW/ - Acme Corp.", "Toronto", NULL, "CNW", 2016, 1, 5, "Acme Corp." },
  { "BEIJING, Jan. 5 (Xinhua) -- China's", "Beijing", NULL, "Xinhua", 0, 1, 5, "China's" },
  /* Smaller wires */
  { "NEW DELHI, INDIA - Media OutReach Newswire - 6 June 2026 - Green SM", "New Delhi", "India", "Media OutReach Newswire", 2026, 6, 6, "Green SM" },
  { "SINGAPORE - (NewMediaWire) - October 23, 2024 - Mobile-health", "Singapore", NULL, "NewMediaWire", 2024, 10, 23, "Mobile-health" },
  { "ANDERSON, SC, March 09, 2024 /24-7PressRelease/ -- Born", "Anderson", "SC", "24-7PressRelease", 2024, 3, 9, "Born" },
  { "WASHINGTON, DC — August 21, 2026 — (NOTICIAS NEWSWIRE) — HCN", "Washington", "DC", "Noticias NewsWire", 2026, 8, 21, "HCN" },
  { "San Ramon, CA (Newsworthy.ai) Friday Jan 19, 2024 @ 11:15 AM Central — RChilli", "San Ramon", "CA", "Newsworthy.ai", 2024, 1, 19, "RChilli" },
  { "MISSISSAUGA, ON / PR Karma / February 29, 2024 9:55", "Mississauga", "ON", "PR Karma", 2024, 2, 29, "" },
  { "NEW YORK, NY / ACCESSWIRE / June 5, 2023 / Acme", "New York", "NY", "ACCESSWIRE", 2023, 6, 5, "Acme" },
  { "TOKYO, Jan 5, 2024 - (JCN Newswire) - Acme", "Tokyo", NULL, "JCN Newswire", 2024, 1, 5, "Acme" },
  { "Southlake, Texas, February 12, 2026 – PRISM MediaWire (Press Release Service – Press Release Distribution) –  Renewal",
    "Southlake", "Texas", "PRISM MediaWire", 2026, 2, 12, "Renewal" },
  { "WASHINGTON, DC, UNITED STATES, January 5, 2024 /EINPresswire.com/ -- Acme", "Washington", "DC", "EIN Presswire", 2024, 1, 5, "Acme" },
  /* Dates in other languages, no wire */
  { "TORONTO (Ontario) – le 16 octobre 2025 – Canadian Club", "Toronto", "Ontario", NULL, 2025, 10, 16, "Canadian Club" },
  { "San Salvador, SV, 29 de mayo de 2024 – OCEAN", "San Salvador", "SV", NULL, 2024, 5, 29, "OCEAN" },
  { "MÜNCHEN, 3. März 2022 – Die Firma", "München", NULL, NULL, 2022, 3, 3, "Die Firma" },
  { "HONG KONG, 01 Nov, 2024, Hong Kong Design Centre", "Hong Kong", NULL, NULL, 2024, 11, 1, "Hong Kong Design" },
  { "Las Vegas, 16 May 2025 - - Expanse Studios", "Las Vegas", NULL, NULL, 2025, 5, 16, "Expanse Studios" },
  { "ATLANTA (PRWEB) January 05, 2024 -- Acme", "Atlanta", NULL, "PRWeb", 2024, 1, 5, "Acme" },
  { "Toronto, Ontario--(Newsfile Corp. - January 5, 2024) - Acme Inc.", "Toronto", "Ontario", "Newsfile", 2024, 1, 5, "Acme Inc." },
  { "MONTRÉAL, le 5 janv. 2024 /CNW/ - Acme", "Montréal", NULL, "CNW", 2024, 1, 5, "Acme" },
  { "SINGAPORE - Media OutReach - 5 January 2024 - Acme", "Singapore", NULL, "Media OutReach Newswire", 2024, 1, 5, "Acme" },
  { "ST. LOUIS, Mo., Jan. 5, 2024 /PRNewswire/ -- Acme", "St. Louis", "Mo.", "PR Newswire", 2024, 1, 5, "Acme" },
  { "CIUDAD DE MÉXICO, 5 de enero de 2024 /PRNewswire/ -- La empresa", "Ciudad De México", NULL, "PR Newswire", 2024, 1, 5, "La empresa" },
  { "New Delhi [India], Jan 5 (ANI/NewsVoir): Acme", "New Delhi", "India", "NewsVoir", 0, 1, 5, "Acme" },
};

#define CHECK(cond, ...) G_STMT_START { if (!(cond)) g_string_append_printf (failures, __VA_ARGS__); } G_STMT_END

/* Every case is checked and all failures reported together. */
static void
test_families (void)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      PrDateline dl;
      PrDatelineStrength strength = pr_dateline_match (c->text, &dl);
      g_autofree char *wire = dl.source_tag ? pr_wire_normalize (dl.source_tag) : NULL;
      const char *body = strength != PR_DATELINE_NONE ? c->text + dl.body_offset : "";

      CHECK (strength == PR_DATELINE_STRONG, "%s: strength %d\n", c->text, strength);
      CHECK (g_strcmp0 (dl.city, c->city) == 0, "%s: city %s\n", c->text, dl.city);
      CHECK (g_strcmp0 (dl.region, c->region) == 0, "%s: region %s\n", c->text, dl.region);
      CHECK (g_strcmp0 (wire, c->wire) == 0, "%s: wire %s\n", c->text, wire);
      if (c->month == 0)
        CHECK (!dl.has_date, "%s: unexpected date\n", c->text);
      else
        CHECK (dl.has_date && dl.date.year == c->year && dl.date.month == c->month &&
               dl.date.day == c->day, "%s: date %d-%d-%d\n", c->text,
               dl.date.year, dl.date.month, dl.date.day);
      CHECK (*c->body ? g_str_has_prefix (body, c->body) : *body == '\0',
             "%s: body \"%s\"\n", c->text, body);
      pr_dateline_clear (&dl);
    }
  g_assert_cmpstr (failures->str, ==, "");
}

static void
test_weak (void)
{
  const char *weak[] = { "(NewsUSA) - As temperatures rise", "--News Direct--" };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      PrDateline dl;

      g_assert_cmpint (pr_dateline_match (weak[i], &dl), ==, PR_DATELINE_WEAK);
      g_assert_nonnull (dl.source_tag);
      g_assert_null (dl.city);
      pr_dateline_clear (&dl);
    }
}

/* Sentences that carry a place-like word and a date are not datelines. */
static void
test_not_datelines (void)
{
  const char *texts[] = {
    "Hoy 27 de junio, en el contexto del 17° aniversario",
    "On June 5, 2023, Acme announced its results.",
    "In March 2024, the company opened an office.",
    "Acme, a leader in widgets, said on Jan. 5, 2024 that sales rose.",
    "Founded in 2003, Acme makes widgets.",
    "For more details, please visit http://www.example.com/a/b/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      PrDateline dl;

      g_test_message ("%s", texts[i]);
      g_assert_cmpint (pr_dateline_match (texts[i], &dl), !=, PR_DATELINE_STRONG);
      pr_dateline_clear (&dl);
    }
}

typedef struct {
  const char *text;
  int year, month, day;
} DateCase;

static void
test_date_languages (void)
{
  static const DateCase dates[] = {
    { "June 18, 2021", 2021, 6, 18 },
    { "Aug. 3", 0, 8, 3 },
    { "Sept. 25, 2019", 2019, 9, 25 },
    { "01 Nov, 2024", 2024, 11, 1 },
    { "19. Juni 2021", 2021, 6, 19 },
    { "3. März 2022", 2022, 3, 3 },
    { "29 de mayo de 2024", 2024, 5, 29 },
    { "le 16 octobre 2025", 2025, 10, 16 },
    { "1er février 2023", 2023, 2, 1 },
    { "2024 年 6 月", 2024, 6, 0 },
    { "2016年12月1日", 2016, 12, 1 },
    { "06/29/12", 2012, 6, 29 },
    { "2021-06-18", 2021, 6, 18 },
    { "25.09.2019 17:08:00", 2019, 9, 25 },
    { "Tue 13 October 2015", 2015, 10, 13 },
    { "Friday Jan 19, 2024 @ 11:15 AM Central", 2024, 1, 19 },
    { "March 09, 2024", 2024, 3, 9 },
    { "13 de agosto de 2026", 2026, 8, 13 },
    { "5 maggio 2024", 2024, 5, 5 },
    { "May 2025", 2025, 5, 0 },
    { "2024/01/05", 2024, 1, 5 },
    { "le 5 janv. 2024", 2024, 1, 5 },
    { "5 ene. 2024", 2024, 1, 5 },
    { "3. Mär. 2022", 2022, 3, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      PrDateMatch m;

      g_test_message ("%s", dates[i].text);
      g_assert_true (pr_date_find (dates[i].text, -1, &m));
      g_assert_cmpint (m.year, ==, dates[i].year);
      g_assert_cmpint (m.month, ==, dates[i].month);
      g_assert_cmpint (m.day, ==, dates[i].day);
    }
}

static void
test_date_invalid (void)
{
  PrDateMatch m;

  g_assert_false (pr_date_find ("February 30, 2023", -1, &m));
  g_assert_false (pr_date_find ("Mayor Smith spoke", -1, &m));
  g_assert_false (pr_date_find ("3 Marketing tips", -1, &m));
  g_assert_true (pr_date_parse_line ("Tue 13 October 2015", &m));
  g_assert_true (pr_date_parse_line ("June 05, 2023 08:00 AM Eastern Daylight Time", &m));
  g_assert_true (pr_date_parse_line ("Jun 13, 2023, 08:15 ET", &m));
  g_assert_true (pr_date_parse_line ("25.09.2019 17:08:00", &m));
  g_assert_false (pr_date_parse_line ("Sales rose on June 5, 2023 by 5%", &m));
  g_assert_null (pr_date_to_iso (&(PrDateMatch) { .year = 0, .month = 6, .day = 1 }));
}

static void
test_place_split (void)
{
  g_autofree char *city = NULL;
  g_autofree char *region = NULL;

  pr_dateline_split_place ("中国北京", &city, &region);
  g_assert_cmpstr (city, ==, "北京");
  g_assert_cmpstr (region, ==, "中国");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/dateline/families", test_families);
  g_test_add_func ("/core/dateline/weak", test_weak);
  g_test_add_func ("/core/dateline/not-datelines", test_not_datelines);
  g_test_add_func ("/core/dateline/place-split", test_place_split);
  g_test_add_func ("/core/date/languages", test_date_languages);
  g_test_add_func ("/core/date/invalid", test_date_invalid);

  return g_test_run ();
}
