/* pr-extract-contacts.c: the lines of a release that are contacts, where
 * the people extractor finds no speakers (pr-extract-people.c) */
#include <string.h>

#include "pr-extract.h"
#include "pr-extract-private.h"

/* Where a contact block starts; the rest of the line and the short lines
 * after it are contacts. */
static GRegex *
contact_head_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, pr_extract_compile (
      "(?i)(?:\\b(?:media|press|investor|news|public relations|pr|ir)[ \\t]+(?:contacts?|inquiries|enquiries)\\b"
      "|\\bcontacts?[ \\t]+(?:presse|médias|de prensa|para (?:medios|prensa))\\b"
      "|\\bcontacto[ \\t]+(?:de prensa|para medios)\\b|\\b(?:presse|medien)kontakt"
      "|\\b(?:kontakt|contacto|contact|contacts)[ \\t]*:|\\bplease contact\\b|\\bveuillez contacter\\b"
      "|\\bfor (?:more|further) information,? (?:please )?contact\\b|媒体联系人|新闻联系人|联系人[:：]|媒体垂询)"));
  return regex;
}

static gboolean
may_be_contact_head (const char *line,
                     gsize       len)
{
  static const char * const needles[] = { "ontact", "ONTACT", "ontakt", "nquiries", "NQUIRIES", "联系", "垂询" };

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    if (strstr (line, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Lines that belong to a contact block, or read as one (a short line with
 * an email address or a phone number): no people there. The text of a
 * line after a contact heading within it is cut off. */
guint8 *
pr_extract_mark_contacts (char **lines)
{
  guint n = g_strv_length (lines);
  guint8 *skip = g_new0 (guint8, n + 1);
  guint block = 0;

  for (guint l = 0; l < n; l++)
    {
      char *line = lines[l];
      gsize len = strlen (line);
      g_autoptr(GMatchInfo) info = NULL;
      guint digits = 0;

      if (block > 0)
        {
          if (len == 0)
            continue;
          if (len < 200 || strchr (line, '@') != NULL)
            {
              skip[l] = 1;
              block--;
              continue;
            }
          block = 0;
        }
      if (may_be_contact_head (line, len) && g_regex_match (contact_head_regex (), line, 0, &info))
        {
          int s;

          g_match_info_fetch_pos (info, 0, &s, NULL);
          line[s] = '\0';
          block = 12;
          continue;
        }
      if (len < 250)
        {
          for (gsize i = 0; i < len && digits < 7; i++)
            if (g_ascii_isdigit (line[i]))
              digits++;
          if (memchr (line, '@', len) != NULL || digits >= 7)
            {
              /* "Jane Doe (555) 123-4567", "Jane Doe jane@acme.com" */
              const char *at = memchr (line, '@', len);
              char **phone = NULL;

              if (at != NULL && at > line && g_ascii_isalnum (at[-1]) && memchr (at, '.', len - (at - line)) != NULL)
                skip[l] = 1;
              else if (digits >= 7)
                {
                  phone = pr_extract_phones (line);
                  skip[l] = phone[0] != NULL;
                  g_strfreev (phone);
                }
            }
        }
    }
  return skip;
}
