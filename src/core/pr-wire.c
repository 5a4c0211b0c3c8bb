/* pr-wire.c: the news wires and their canonical names */
#include <string.h>

#include "pr-text.h"
#include "pr-wire.h"

typedef struct {
  const char *key;        /* lower-case letters and digits of the tag */
  const char *canonical;
  gboolean    prefix;     /* key may be followed by more ("prnewswireasianet") */
} Wire;

/* Order matters: the first key contained in the tag wins. */
static const Wire wires[] = {
  { "prnewswire", "PR Newswire", TRUE },
  { "美通社", "PR Newswire", TRUE },
  { "prnasia", "PR Newswire", TRUE },
  { "businesswire", "Business Wire", TRUE },
  { "globenewswire", "GlobeNewswire", TRUE },
  { "marketwired", "Marketwired", TRUE },
  { "marketwire", "Marketwire", TRUE },
  { "canadanewswire", "CNW", TRUE },
  { "cnw", "CNW", FALSE },
  { "xinhua", "Xinhua", TRUE },
  { "新华社", "Xinhua", TRUE },
  { "kyodojbn", "Kyodo JBN", TRUE },
  { "jbn", "Kyodo JBN", FALSE },
  { "247pressrelease", "24-7PressRelease", TRUE },
  { "mediaoutreach", "Media OutReach Newswire", TRUE },
  { "newmediawire", "NewMediaWire", TRUE },
  { "newsworthyai", "Newsworthy.ai", TRUE },
  { "noticiasnewswire", "Noticias NewsWire", TRUE },
  { "newsusa", "NewsUSA", TRUE },
  { "newsdirect", "News Direct", TRUE },
  { "accessnewswire", "ACCESS Newswire", TRUE },
  { "accesswire", "ACCESSWIRE", TRUE },
  { "einpresswire", "EIN Presswire", TRUE },
  { "eznewswire", "EZ Newswire", TRUE },
  { "prweb", "PRWeb", TRUE },
  { "newsfile", "Newsfile", TRUE },
  { "prismmediawire", "PRISM MediaWire", TRUE },
  { "prkarma", "PR Karma", TRUE },
  { "jcnnewswire", "JCN Newswire", TRUE },
  { "acnnewswire", "ACN Newswire", TRUE },
  { "aapmedianet", "AAP Medianet", TRUE },
  { "eqsnewswire", "EQS Newswire", TRUE },
  { "dpaafx", "dpa-AFX", TRUE },
  { "newsvoir", "NewsVoir", TRUE },
  { "blockchainwire", "Blockchain Wire", TRUE },
  { "newsramp", "NewsRamp", TRUE },
  { "ibnewswire", "IBN", TRUE },
  { "investorwire", "InvestorWire", TRUE },
  { "pressadvantage", "Press Advantage", TRUE },
  { "openpr", "openPR", TRUE },
  { "prlog", "PRLog", TRUE },
  { "prcom", "PR.com", FALSE },
  { "ots", "APA-OTS", FALSE },
  { "ani", "ANI", FALSE },
  { "pti", "PTI", FALSE },
  { "ians", "IANS", FALSE },
  { "yonhap", "Yonhap", TRUE },
  { "bernama", "Bernama", TRUE },
  { "antara", "Antara", TRUE },
  { "reuters", "Reuters", TRUE },
  { "apnewswire", "AP", FALSE },
};

/* Letters and digits, lower-cased; CJK kept. */
static char *
key_of (const char *tag)
{
  GString *key = g_string_new (NULL);

  for (const char *p = tag; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, g_unichar_tolower (c));
    }
  return g_string_free (key, FALSE);
}

const char *
pr_wire_canonical (const char *tag)
{
  g_autofree char *key = NULL;

  if (tag == NULL)
    return NULL;

  key = key_of (tag);
  for (guint i = 0; i < G_N_ELEMENTS (wires); i++)
    {
      if (wires[i].prefix ? strstr (key, wires[i].key) != NULL
                          : strcmp (key, wires[i].key) == 0)
        return wires[i].canonical;
    }
  /* "ots/PRNewswire" is handled above; a lone "(ots)" is APA-OTS. */
  return NULL;
}

gboolean
pr_wire_is_wire_like (const char *tag)
{
  g_autofree char *key = NULL;
  static const char * const words[] = {
    "wire", "presswire", "newswire", "pressrelease", "newsroom", "medianet", "press",
  };

  if (tag == NULL || *tag == '\0' || strlen (tag) > 80)
    return FALSE;
  if (pr_wire_canonical (tag) != NULL)
    return TRUE;

  key = key_of (tag);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (key, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

const char *
pr_wire_from_host (const char *text)
{
  static const struct { const char *host; const char *wire; } hosts[] = {
    { "prnewswire.com", "PR Newswire" },
    { "businesswire.com", "Business Wire" },
    { "globenewswire.com", "GlobeNewswire" },
    { "newsdirect.com", "News Direct" },
    { "newmediawire.com", "NewMediaWire" },
    { "accesswire.com", "ACCESSWIRE" },
    { "einpresswire.com", "EIN Presswire" },
    { "prweb.com", "PRWeb" },
    { "newsfilecorp.com", "Newsfile" },
    { "24-7pressrelease.com", "24-7PressRelease" },
    { "newsworthy.ai", "Newsworthy.ai" },
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;
  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (strstr (lower, hosts[i].host) != NULL)
      return hosts[i].wire;
  return NULL;
}

char *
pr_wire_normalize (const char *tag)
{
  const char *known = pr_wire_canonical (tag);
  g_autofree char *clean = NULL;
  char *dash;

  if (known != NULL)
    return g_strdup (known);

  /* "Newsfile Corp. - January 5, 2024" → "Newsfile Corp." */
  clean = g_strstrip (g_strdup (tag));
  if ((dash = strstr (clean, " - ")) != NULL)
    *dash = '\0';
  return pr_text_title_case_caps (g_strstrip (clean));
}
