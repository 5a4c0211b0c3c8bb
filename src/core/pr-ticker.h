/* pr-ticker.h: stock tickers and ISINs, however a release writes them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The tickers named in @text as EXCHANGE:SYMBOL ("(NASDAQ: FNSR)",
 * "Nasdaq:FNSR", "(TSX-V:ABC)", "(HKEX: 0700)" → NASDAQ:FNSR, TSXV:ABC,
 * HKEX:0700) and ISINs as ISIN:CODE, in order of first appearance,
 * without duplicates: a NULL-terminated array. */
char       **pr_extract_tickers      (const char *text);

/* The canonical name of an exchange as written ("Nasdaq", "NasdaqGS",
 * "TSX-V", "OTCQB", "Frankfurt"), or NULL when it is not one. */
const char  *pr_ticker_exchange      (const char *written);

/* Whether @code is an ISIN: two letters, nine letters or digits and a
 * check digit that holds. */
gboolean     pr_ticker_is_isin       (const char *code);

G_END_DECLS
