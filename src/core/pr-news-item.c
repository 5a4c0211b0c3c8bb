/* pr-news-item.c: what an IPTC news item (NewsML-G2, ninjs) says about a
 * release, and the release made of it */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pr-date.h"
#include "pr-entity.h"
#include "pr-facts.h"
#include "pr-news-item.h"
#include "pr-parser.h"
#include "pr-text.h"
#include "pr-wire.h"

/* A metadata value longer than this is no headline, name or date: dropped. */
#define MAX_VALUE_SIZE 4096
/* Names and links kept from one item: an item listing a million subjects
 * costs no more than one listing a few hundred. */
#define MAX_VALUES 256

PrNewsItem *
pr_news_item_new (void)
{
  PrNewsItem *item = g_new0 (PrNewsItem, 1);

  item->dates = g_ptr_array_new_with_free_func (g_free);
  item->wires = g_ptr_array_new_with_free_func (g_free);
  item->organizations = g_ptr_array_new_with_free_func (g_free);
  item->people = g_ptr_array_new_with_free_func (g_free);
  item->links = g_ptr_array_new_with_free_func (g_free);
  item->body = g_string_new (NULL);
  return item;
}

void
pr_news_item_free (PrNewsItem *item)
{
  if (item == NULL)
    return;
  g_free (item->headline);
  g_free (item->subheadline);
  g_free (item->title);
  g_free (item->summary);
  g_free (item->dateline);
  g_free (item->located);
  g_free (item->language);
  g_free (item->url);
  g_ptr_array_unref (item->dates);
  g_ptr_array_unref (item->wires);
  g_ptr_array_unref (item->organizations);
  g_ptr_array_unref (item->people);
  g_ptr_array_unref (item->links);
  g_string_free (item->body, TRUE);
  g_free (item);
}

/* @value with its white space collapsed, or NULL when empty or too long. */
static char *
clean_value (const char *value)
{
  char *clean;

  if (value == NULL || strlen (value) > MAX_VALUE_SIZE)
    return NULL;
  clean = pr_text_collapse_space (value);
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return strcmp (x, y) == 0;
}

void
pr_news_item_add (GPtrArray  *values,
                  const char *value)
{
  g_autofree char *clean = clean_value (value);

  if (clean == NULL || values->len >= MAX_VALUES)
    return;
  for (guint i = 0; i < values->len; i++)
    if (same_name (g_ptr_array_index (values, i), clean))
      return;
  g_ptr_array_add (values, g_steal_pointer (&clean));
}

void
pr_news_item_set (char       **field,
                  const char  *value)
{
  if (*field == NULL)
    *field = clean_value (value);
}

gboolean
pr_news_item_check_size (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(PrRelease) none = NULL;

  if (length > 0 && length <= PR_PARSER_MAX_SIZE)
    return TRUE;
  /* Empty, or too large (refused before anything is read): the text
   * parser says so, with the same words as for a text file. */
  none = pr_parse_text (data, length, NULL, error);
  g_warn_if_fail (none == NULL);
  return FALSE;
}

/* ---- The text ----------------------------------------------------------- */

/* The first line of @text, white space collapsed. */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = g_strndup (text, end != NULL ? (gsize) (end - text) : strlen (text));

  return pr_text_collapse_space (line);
}

/* Whether @text says @value near its start (within its first 2 KB). */
static gboolean
says_early (const char *text,
            const char *value)
{
  g_autofree char *start = g_strndup (text, 2048);
  g_autofree char *collapsed = pr_text_collapse_space (start);

  return strstr (collapsed, value) != NULL;
}

/* The plain text of the item as a release prints it: the headline, the
 * subheadline, then the body, its first paragraph behind the dateline. */
static char *
item_text (PrNewsItem *item)
{
  GString *text = g_string_new (NULL);
  const char *body = item->body->str;

  while (g_ascii_isspace (*body))
    body++;

  if (item->headline != NULL)
    {
      g_autofree char *top = first_line (body);

      /* A body may start with the headline itself (an <h1>). */
      if (strcmp (top, item->headline) != 0)
        g_string_append_printf (text, "%s\n\n", item->headline);
    }
  if (item->subheadline != NULL && !says_early (body, item->subheadline))
    g_string_append_printf (text, "%s\n\n", item->subheadline);
  if (item->dateline != NULL && !says_early (body, item->dateline))
    {
      const char *last = g_utf8_find_prev_char (item->dateline, item->dateline + strlen (item->dateline));
      gunichar c = last != NULL ? g_utf8_get_char (last) : 0;

      /* "LONDON, June 1 (Reuters) -" ends in its separator already. */
      g_string_append_printf (text, "%s%s", item->dateline,
                              c == '-' || c == 0x2013 || c == 0x2014 ? " " : " -- ");
    }
  g_string_append (text, body);
  return g_string_free (text, FALSE);
}

/* ---- The metadata laid over ----------------------------------------------- */

/* "2021-06-18T10:00:00+02:00" → "2021-06-18": the date as the item's
 * producer saw it, in its own time zone. */
static char *
date_of (const char *date_time)
{
  PrDateMatch match;
  g_autofree char *day = NULL;

  if (date_time == NULL || strlen (date_time) < 10)
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? date_time[i] != '-' : !g_ascii_isdigit (date_time[i]))
      return NULL;
  day = g_strndup (date_time, 10);
  if (!pr_date_parse_iso (day, &match))
    return NULL;
  return pr_date_to_iso (&match);
}

/* "en-GB" → "en", as the parser names languages; NULL for no tag. */
static char *
primary_language (const char *tag)
{
  gsize n = 0;

  if (tag == NULL)
    return NULL;
  while (g_ascii_isalpha (tag[n]))
    n++;
  if (n < 2 || n > 3 || (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_'))
    return NULL;
  return g_ascii_strdown (tag, n);
}

static void
merge_entities (PrRelease    *release,
                PrEntityKind  kind,
                GPtrArray    *names)
{
  GPtrArray *have = kind == PR_ENTITY_ORGANIZATION ? pr_release_get_organizations (release)
                                                   : pr_release_get_people (release);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < have->len; i++)
    g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (have, i)));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean known = FALSE;

      for (guint j = 0; j < merged->len && !known; j++)
        known = same_name (pr_entity_get_name (g_ptr_array_index (merged, j)), name);
      if (!known)
        g_ptr_array_add (merged, pr_entity_new (kind, name, NULL));
    }
  if (merged->len == have->len)
    return;
  if (kind == PR_ENTITY_ORGANIZATION)
    pr_release_set_organizations (release, merged);
  else
    pr_release_set_people (release, merged);
}

static void
merge_links (PrRelease *release,
             GPtrArray *links)
{
  const char * const *have = pr_release_get_list (release, PR_LIST_LINKS);
  g_autoptr(GStrvBuilder) merged = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  gboolean added = FALSE;

  /* Copies: setting the list frees the one it replaces. */
  g_strv_builder_addv (merged, (const char **) have);
  for (guint i = 0; i < links->len; i++)
    {
      const char *link = g_ptr_array_index (links, i);

      if (!g_strv_contains (have, link))
        {
          g_strv_builder_add (merged, link);
          added = TRUE;
        }
    }
  if (!added)
    return;
  values = g_strv_builder_end (merged);
  pr_release_set_list (release, PR_LIST_LINKS, (const char * const *) values);
}

static void
overlay (PrNewsItem *item,
         PrRelease  *release)
{
  g_autofree char *language = primary_language (item->language);

  /* The item's headline is the headline; its title (a name for the item)
   * only beats a title made of the body's first sentence. */
  if (item->headline != NULL ||
      (item->title != NULL && pr_release_get_title_derived (release)))
    {
      pr_release_set_field (release, PR_FIELD_TITLE, item->headline ? item->headline : item->title);
      pr_release_set_title_derived (release, FALSE);
    }
  if (item->subheadline != NULL)
    pr_release_set_field (release, PR_FIELD_SUBTITLE, item->subheadline);
  if (item->summary != NULL && pr_release_get_field (release, PR_FIELD_SUMMARY) == NULL)
    pr_release_set_field (release, PR_FIELD_SUMMARY, item->summary);

  for (guint i = 0; i < item->dates->len && pr_release_get_date (release) == NULL; i++)
    {
      g_autofree char *date = date_of (g_ptr_array_index (item->dates, i));

      pr_release_set_field (release, PR_FIELD_DATE, date);
    }
  if (item->located != NULL && pr_release_get_field (release, PR_FIELD_CITY) == NULL)
    pr_release_set_field (release, PR_FIELD_CITY, item->located);
  for (guint i = 0; i < item->wires->len && pr_release_get_source (release) == NULL; i++)
    {
      const char *tag = g_ptr_array_index (item->wires, i);
      const char *wire = pr_wire_canonical (tag);

      if (wire != NULL)
        {
          pr_release_set_field (release, PR_FIELD_SOURCE, wire);
          pr_release_set_field (release, PR_FIELD_SOURCE_TAG, tag);
        }
    }
  /* Stated by the producer: better than a guess from the words. */
  if (language != NULL)
    pr_release_set_field (release, PR_FIELD_LANGUAGE, language);
  if (item->url != NULL)
    pr_release_set_field (release, PR_FIELD_ORIGIN, item->url);

  merge_entities (release, PR_ENTITY_ORGANIZATION, item->organizations);
  merge_entities (release, PR_ENTITY_PERSON, item->people);
  merge_links (release, item->links);
  /* The item's headline and organisations: markers, kind and issuer again. */
  pr_facts_apply (release);
  pr_release_compute_id (release);
}

PrRelease *
pr_news_item_to_release (PrNewsItem  *item,
                         const char  *origin,
                         GError     **error)
{
  g_autofree char *text = item_text (item);
  g_autoptr(GError) local_error = NULL;
  PrRelease *release;

  if (*g_strstrip (text) == '\0')
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT,
                           /* Translators: why a file was not imported. */
                           _("no release text found (no headline and no body)"));
      return NULL;
    }
  release = pr_parse_text (text, strlen (text), origin, &local_error);
  /* The parser may take a lone line for page furniture (a date stamp, a
   * label); the item says it is the headline. */
  if (release == NULL && item->headline != NULL &&
      g_error_matches (local_error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT))
    {
      release = pr_release_new ();
      pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
    }
  if (release == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  overlay (item, release);
  return release;
}
