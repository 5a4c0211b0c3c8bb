/* test-ticker.c: tickers and ISINs, however a release writes them */
#include "pr-core.h"

static void
assert_tickers (const char *text,
                const char *expected)
{
  g_auto(GStrv) tickers = pr_extract_tickers (text);
  g_autofree char *joined = g_strjoinv (" ", tickers);

  if (g_strcmp0 (joined, expected) != 0)
    g_error ("“%s”: “%s”, expected “%s”", text, joined, expected);
}

/* The forms the issue names, one canonical EXCHANGE:SYMBOL each. */
static void
test_forms (void)
{
  assert_tickers ("Finisar Corporation (NASDAQ: FNSR) today", "NASDAQ:FNSR");
  assert_tickers ("Finisar (Nasdaq:FNSR)", "NASDAQ:FNSR");
  assert_tickers ("Finisar (NasdaqGS: FNSR)", "NASDAQ:FNSR");
  assert_tickers ("Abc Mining (TSX-V:ABC)", "TSXV:ABC");
  assert_tickers ("Abc Mining (TSXV: ABC) (OTCQB: ABCDF)", "TSXV:ABC OTC:ABCDF");
  assert_tickers ("Tencent (HKEX: 0700)", "HKEX:0700");
  assert_tickers ("Tencent (HKEX: 700)", "HKEX:0700");
  assert_tickers ("Berkshire (NYSE: BRK.A)", "NYSE:BRK.A");
  assert_tickers ("Uranium Co (NYSE American: UUU)", "NYSEAMERICAN:UUU");
  assert_tickers ("Pink Co (OTC Pink: PINK)", "OTC:PINK");
  assert_tickers ("Unlockd (OTCID: BFCH)", "OTC:BFCH");
  assert_tickers ("Minerals (ASX: MIN; OTCQX: MINRF)", "ASX:MIN OTC:MINRF");
  assert_tickers ("Shop plc (LSE: SHOP)", "LSE:SHOP");
  assert_tickers ("Small plc (AIM: SMLL)", "LSE:SMLL");
  assert_tickers ("Beispiel AG (Xetra: BSP)", "XETRA:BSP");
  assert_tickers ("Beispiel AG (FWB: BSP)", "XETRA:BSP");
  assert_tickers ("Exemple SA (Euronext Paris: EXM)", "EURONEXT:EXM");
  assert_tickers ("Beispiel AG (SIX: BSPN)", "SIX:BSPN");
  assert_tickers ("Bank (SSE: 601398)", "SSE:601398");
  assert_tickers ("Maker (SZSE: 000333)", "SZSE:000333");
  assert_tickers ("Sony (TSE: 6758)", "TYO:6758");
  assert_tickers ("Canadian Co (TSE: CNQ)", "TSX:CNQ");
  assert_tickers ("Canadian Co (CSE: CNQX)", "CSE:CNQX");
}

/* Once each, in order of first appearance. */
static void
test_order_and_duplicates (void)
{
  assert_tickers ("Acme (NYSE: ACME). Globex (NASDAQ: GLBX). Acme (NYSE:ACME) again.",
                  "NYSE:ACME NASDAQ:GLBX");
  assert_tickers ("ISIN US0378331005, Apple (NASDAQ: AAPL)", "ISIN:US0378331005 NASDAQ:AAPL");
}

/* Exchanges that are also words count only in a ticker list, and a
 * symbol is never a word in lower case. */
static void
test_not_tickers (void)
{
  assert_tickers ("Step six: ACT now.", "");
  assert_tickers ("The aim: GROW revenue.", "");
  assert_tickers ("Our AIM: GROW revenue.", "");
  assert_tickers ("Listed on the NYSE: The company said", "");
  assert_tickers ("Nasdaq: the market", "");
  assert_tickers ("", "");
}

/* ISINs: two letters, nine characters and a check digit that holds. */
static void
test_isin (void)
{
  g_assert_true (pr_ticker_is_isin ("US0378331005"));
  g_assert_true (pr_ticker_is_isin ("DE0007164600"));
  g_assert_true (pr_ticker_is_isin ("CH0012221716"));
  g_assert_false (pr_ticker_is_isin ("US0378331006"));
  g_assert_false (pr_ticker_is_isin ("US037833100"));
  g_assert_false (pr_ticker_is_isin ("0S0378331005"));
  assert_tickers ("ISIN: DE0007164600 (WKN 716460)", "ISIN:DE0007164600");
  assert_tickers ("Code XX1234567890 is no ISIN", "");
}

static void
test_exchange (void)
{
  g_assert_cmpstr (pr_ticker_exchange ("Nasdaq"), ==, "NASDAQ");
  g_assert_cmpstr (pr_ticker_exchange ("tsx-v"), ==, "TSXV");
  g_assert_cmpstr (pr_ticker_exchange ("OTCQB"), ==, "OTC");
  g_assert_cmpstr (pr_ticker_exchange ("Frankfurt"), ==, "XETRA");
  g_assert_null (pr_ticker_exchange ("Moonbase"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ticker/forms", test_forms);
  g_test_add_func ("/core/ticker/order", test_order_and_duplicates);
  g_test_add_func ("/core/ticker/not-tickers", test_not_tickers);
  g_test_add_func ("/core/ticker/isin", test_isin);
  g_test_add_func ("/core/ticker/exchange", test_exchange);

  return g_test_run ();
}
