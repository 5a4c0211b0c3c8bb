/* pr-ticker.c: stock tickers and ISINs, however a release writes them
 *
 * Written by hand over GRegex: no library names exchanges. The exchange
 * as written maps to one canonical name, so that "(NASDAQ: FNSR)" and
 * "Nasdaq:FNSR" are one ticker; names that are also words ("SIX", "AIM",
 * "NEO") count only where a ticker list puts them: after "(", "[", ";",
 * "," or "/". */
#include <stdlib.h>
#include <string.h>

#include "pr-ticker.h"

static const struct {
  const char *written;   /* as releases write it, compared without case */
  const char *canonical;
  gboolean word;         /* also an ordinary word: only in a ticker list */
} exchanges[] = {
  { "NASDAQ", "NASDAQ" }, { "NasdaqGS", "NASDAQ" }, { "NasdaqGM", "NASDAQ" },
  { "NasdaqCM", "NASDAQ" }, { "Nasdaq Global Select Market", "NASDAQ" },
  { "Nasdaq Global Market", "NASDAQ" }, { "Nasdaq Capital Market", "NASDAQ" },
  { "Nasdaq Stockholm", "OMX" }, { "Nasdaq Helsinki", "OMX" }, { "Nasdaq Copenhagen", "OMX" },
  { "NYSE American", "NYSEAMERICAN" }, { "NYSE MKT", "NYSEAMERICAN" },
  { "NYSE Amex", "NYSEAMERICAN" }, { "AMEX", "NYSEAMERICAN" },
  { "NYSE Arca", "NYSEARCA" }, { "NYSE", "NYSE" }, { "New York Stock Exchange", "NYSE" },
  { "OTCQX", "OTC" }, { "OTCQB", "OTC" }, { "OTCID", "OTC" }, { "OTC Pink", "OTC" },
  { "OTC Markets", "OTC" }, { "OTCBB", "OTC" }, { "OTCMKTS", "OTC" }, { "OTC", "OTC" },
  { "TSX Venture", "TSXV" }, { "TSX-V", "TSXV" }, { "TSXV", "TSXV" }, { "TSX.V", "TSXV" },
  { "TSX", "TSX" }, { "CSE", "CSE", TRUE }, { "CNSX", "CSE" }, { "NEO", "NEO", TRUE },
  { "Cboe Canada", "NEO" }, { "ASX", "ASX" }, { "NZX", "NZX" },
  { "LSE", "LSE" }, { "AIM", "LSE", TRUE }, { "LSE:AIM", "LSE" }, { "London Stock Exchange", "LSE" },
  { "HKEX", "HKEX" }, { "SEHK", "HKEX" }, { "HKSE", "HKEX" }, { "HK", "HKEX", TRUE },
  { "SSE", "SSE", TRUE }, { "SHSE", "SSE" }, { "SZSE", "SZSE" },
  { "Xetra", "XETRA" }, { "FWB", "XETRA" }, { "FSE", "XETRA" }, { "FRA", "XETRA", TRUE },
  { "ETR", "XETRA", TRUE }, { "Frankfurt", "XETRA", TRUE }, { "Frankfurt Stock Exchange", "XETRA" },
  { "SIX", "SIX", TRUE }, { "SIX Swiss Exchange", "SIX" },
  { "Euronext", "EURONEXT" }, { "Euronext Paris", "EURONEXT" }, { "Euronext Brussels", "EURONEXT" },
  { "Euronext Amsterdam", "EURONEXT" }, { "Euronext Lisbon", "EURONEXT" },
  { "Euronext Dublin", "EURONEXT" }, { "Euronext Oslo", "EURONEXT" }, { "EPA", "EURONEXT", TRUE },
  { "TYO", "TYO" }, { "TSE", "TSE", TRUE }, { "KRX", "KRX" }, { "KOSDAQ", "KOSDAQ" },
  { "KOSPI", "KRX" }, { "NSE", "NSE", TRUE }, { "BSE", "BSE", TRUE }, { "SGX", "SGX" },
  { "JSE", "JSE", TRUE }, { "BME", "BME", TRUE }, { "TASE", "TASE" }, { "B3", "B3", TRUE },
  { "BMV", "BMV" }, { "WSE", "WSE", TRUE }, { "SET", "SET", TRUE }, { "IDX", "IDX", TRUE },
};

static GRegex *ticker_regex;

static void
ensure_regexes (void)
{
  static gsize init = 0;

  if (!g_once_init_enter (&init))
    return;

  {
    /* Longest names first, so that "NYSE American" wins over "NYSE". */
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autoptr(GString) pattern = g_string_new ("(?<![\\w.-])(");
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (exchanges); i++)
      g_ptr_array_add (names, (gpointer) exchanges[i].written);
    for (guint i = 0; i < names->len; i++)
      for (guint j = i + 1; j < names->len; j++)
        if (strlen (names->pdata[j]) > strlen (names->pdata[i]))
          {
            gpointer t = names->pdata[i];
            names->pdata[i] = names->pdata[j];
            names->pdata[j] = t;
          }
    for (guint i = 0; i < names->len; i++)
      {
        g_autofree char *escaped = g_regex_escape_string (names->pdata[i], -1);

        if (i > 0)
          g_string_append_c (pattern, '|');
        g_string_append (pattern, escaped);
      }
    /* The symbol: capitals and digits, a class after a dot ("BRK.A",
     * "ABC.U"); never followed by a lower-case letter ("NYSE: The"). */
    g_string_append (pattern, ")\\s*[:：]\\s*(?-i:([A-Z0-9][A-Z0-9&]{0,9}(?:[.-][A-Z0-9]{1,3})?)(?![\\p{Ll}\\w]))");
    ticker_regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, &error);
    g_assert_no_error (error);
  }

  g_once_init_leave (&init, 1);
}

static int
find_exchange (const char *written)
{
  for (guint i = 0; i < G_N_ELEMENTS (exchanges); i++)
    if (g_ascii_strcasecmp (exchanges[i].written, written) == 0)
      return i;
  return -1;
}

const char *
pr_ticker_exchange (const char *written)
{
  int i;

  g_return_val_if_fail (written != NULL, NULL);

  i = find_exchange (written);
  return i < 0 ? NULL : exchanges[i].canonical;
}

gboolean
pr_ticker_is_isin (const char *code)
{
  char digits[64];
  guint n = 0, sum = 0;

  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != 12 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]) ||
      !g_ascii_isdigit (code[11]))
    return FALSE;
  /* Letters count as two digits (A = 10 … Z = 35), then Luhn. */
  for (guint i = 0; i < 12; i++)
    {
      char c = code[i];

      if (g_ascii_isdigit (c))
        digits[n++] = c - '0';
      else if (g_ascii_isupper (c))
        {
          int v = c - 'A' + 10;

          digits[n++] = v / 10;
          digits[n++] = v % 10;
        }
      else
        return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      guint d = digits[n - 1 - i];

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

/* Whether the text before @start puts a ticker list there: "(", "[",
 * ";", "," or "/" before it, spaces aside. */
static gboolean
in_ticker_list (const char *text,
                int         start)
{
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t'))
    start--;
  return start > 0 && strchr ("([;,/", text[start - 1]) != NULL;
}

static void
add_unique (GPtrArray  *out,
            GHashTable *seen,
            char       *ticker)
{
  if (g_hash_table_contains (seen, ticker))
    {
      g_free (ticker);
      return;
    }
  g_hash_table_add (seen, ticker);
  g_ptr_array_add (out, g_strdup (ticker));
}

typedef struct {
  int at;
  char *ticker;
} Found;

static int
found_compare (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = a, *fb = b;

  return (fa->at > fb->at) - (fa->at < fb->at);
}

/* The match in @info as a ticker, if its colon is the one at @colon. */
static void
add_ticker (GArray     *found,
            const char *text,
            GMatchInfo *info,
            gsize       colon)
{
  g_autofree char *written = g_match_info_fetch (info, 1);
  g_autofree char *symbol = g_match_info_fetch (info, 2);
  int i = find_exchange (written), start = 0, end = 0, symbol_start = 0, symbol_end = 0;
  const char *exchange;
  Found f;

  g_match_info_fetch_pos (info, 1, &start, &end);
  g_match_info_fetch_pos (info, 2, &symbol_start, &symbol_end);
  if (i < 0 || (gsize) end > colon || (gsize) symbol_start <= colon)
    return;
  /* Words count only in their written case and in a ticker list. */
  if (exchanges[i].word && (strcmp (written, exchanges[i].written) != 0 || !in_ticker_list (text, start)))
    return;
  exchange = exchanges[i].canonical;
  /* "TSE" is Tokyo for a number, Toronto otherwise. */
  if (g_str_equal (exchange, "TSE"))
    exchange = g_ascii_isdigit (symbol[0]) ? "TYO" : "TSX";
  if (g_str_equal (exchange, "HKEX") && strlen (symbol) < 4 &&
      strspn (symbol, "0123456789") == strlen (symbol))
    {
      char *padded = g_strdup_printf ("%04d", atoi (symbol));

      g_free (symbol);
      symbol = padded;
    }
  f.at = start;
  f.ticker = g_strdup_printf ("%s:%s", exchange, symbol);
  g_array_append_val (found, f);
}

char **
pr_extract_tickers (const char *text)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  GPtrArray *out = g_ptr_array_new ();
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);
  length = strlen (text);

  ensure_regexes ();

  /* A ticker has a colon: the expression, whose many names make it slow
   * to try at every place, is tried only just before each colon. */
  for (const char *colon = text; (colon = strpbrk (colon, ":\xef")) != NULL; colon++)
    {
      gsize at = colon - text, from, to;

      if (*colon == '\xef' && strncmp (colon, "：", strlen ("：")) != 0)
        continue;
      if (g_str_has_prefix (colon, "://"))
        continue;
      from = at > 48 ? at - 48 : 0;
      while (from < at && ((guchar) text[from] & 0xc0) == 0x80)
        from++;
      to = MIN (length, at + 28);
      g_clear_pointer (&info, g_match_info_free);
      g_regex_match_full (ticker_regex, text, to, from, 0, &info, NULL);
      for (; g_match_info_matches (info); g_match_info_next (info, NULL))
        add_ticker (found, text, info, at);
    }
  g_clear_pointer (&info, g_match_info_free);

  /* ISINs: twelve capitals and digits alone, two letters first. */
  for (const char *p = text; *p; p++)
    {
      char code[13];
      Found f;

      if (!g_ascii_isupper (p[0]) || !g_ascii_isupper (p[1]) ||
          (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '-')) ||
          strspn (p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != 12 || p[12] == '-')
        continue;
      memcpy (code, p, 12);
      code[12] = '\0';
      p += 11;
      if (!pr_ticker_is_isin (code))
        continue;
      f.at = p - 11 - text;
      f.ticker = g_strconcat ("ISIN:", code, NULL);
      g_array_append_val (found, f);
    }

  g_array_sort (found, found_compare);
  for (guint i = 0; i < found->len; i++)
    add_unique (out, seen, g_array_index (found, Found, i).ticker);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
