/* pr-format.c: localized presentation of release values */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pr-facts.h"
#include "pr-format.h"

static GDateTime *
parse_iso_date (const char *iso_date)
{
  int y, m, d;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  /* A calendar date: no zone to look up (g_date_time_new_local() reads
   * the system's zone files at each call, for every row bound). */
  return g_date_time_new_utc (y, m, d, 12, 0, 0);
}

/* Dates formatted before, "L" or "S" then the ISO date → the text: a
 * list binds its rows again each time releases arrive above them, and
 * gettext and g_date_time_format() per row cost frames. The language is
 * the process's, set once at start. */
static GMutex dates_lock;
static GHashTable *dates;

#define DATES_MAX 4096

static char *format_date (const char *iso_date,
                          gboolean    long_form);

char *
pr_format_date (const char *iso_date,
                gboolean    long_form)
{
  g_autofree char *key = NULL;
  const char *cached;
  char *out;

  if (iso_date == NULL)
    return NULL;
  key = g_strconcat (long_form ? "L" : "S", iso_date, NULL);
  g_mutex_lock (&dates_lock);
  if (dates == NULL)
    dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (dates, key);
  out = g_strdup (cached);
  g_mutex_unlock (&dates_lock);
  if (out != NULL)
    return out;

  out = format_date (iso_date, long_form);
  g_mutex_lock (&dates_lock);
  if (g_hash_table_size (dates) >= DATES_MAX)
    g_hash_table_remove_all (dates);
  g_hash_table_replace (dates, g_steal_pointer (&key), g_strdup (out));
  g_mutex_unlock (&dates_lock);
  return out;
}

static char *
format_date (const char *iso_date,
             gboolean    long_form)
{
  g_autoptr(GDateTime) dt = parse_iso_date (iso_date);
  char *out;

  if (dt == NULL)
    return g_strdup (iso_date);

  if (long_form)
    /* Translators: a release's date in the sidebar, a g_date_time_format()
     * format: https://docs.gtk.org/glib/method.DateTime.format.html */
    out = g_date_time_format (dt, _("%B %-d, %Y"));
  else
    /* Translators: a release's date in the list, a compact
     * g_date_time_format() format. */
    out = g_date_time_format (dt, _("%b %-d, %Y"));
  return out != NULL ? out : g_strdup (iso_date);
}

char *
pr_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* Translators: when a release was imported, read or bookmarked, a
   * g_date_time_format() format with date and time. */
  return g_date_time_format (local, _("%b %-d, %Y, %H:%M"));
}

typedef struct {
  const char *code;
  const char *name;
} Language;

static const Language languages[] = {
  { "en", N_("English") },
  { "de", N_("German") },
  { "fr", N_("French") },
  { "es", N_("Spanish") },
  { "it", N_("Italian") },
  { "pt", N_("Portuguese") },
  { "nl", N_("Dutch") },
  { "ru", N_("Russian") },
  { "zh", N_("Chinese") },
  { "ja", N_("Japanese") },
  { "ko", N_("Korean") },
};

const char *
pr_format_language (const char *code)
{
  if (code == NULL || *code == '\0')
    return _("Unknown");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strncasecmp (code, languages[i].code, 2) == 0
        && (code[2] == '\0' || code[2] == '-' || code[2] == '_'))
      return _(languages[i].name);
  return code;
}

char *
pr_format_reading_time (guint words)
{
  guint minutes = MAX (1, (words + 199) / 200);

  return g_strdup_printf (ngettext ("%'u minute", "%'u minutes", minutes), minutes);
}

char *
pr_format_row_meta (const char *kind,
                    const char *source,
                    const char *place,
                    const char *iso_date)
{
  g_autofree char *date = pr_format_date (iso_date, FALSE);
  GString *out = g_string_new (NULL);
  /* "Other" says nothing in a list: only the kinds that tell. */
  const char *label = g_strcmp0 (kind, PR_KIND_OTHER) != 0 ? pr_facts_kind_label (kind) : NULL;
  const char *parts[] = { label, source, place, date };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

char *
pr_format_copies (const char         *language,
                  const char * const *copy_languages)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint n = copy_languages != NULL ? g_strv_length ((char **) copy_languages) : 0;
  GString *out;

  if (n == 0)
    return NULL;
  /* Translators: a list row's release has this many copies (from other
   * sites, or translated). */
  out = g_string_new (NULL);
  g_string_append_printf (out, ngettext ("%'u copy", "%'u copies", n), n);
  for (guint i = 0; i < n; i++)
    {
      const char *code = copy_languages[i];
      const char *name;

      if (g_str_equal (code, "und") || *code == '\0' ||
          (language != NULL && g_ascii_strncasecmp (code, language, 2) == 0))
        continue;
      name = pr_format_language (code);
      if (!g_ptr_array_find_with_equal_func (others, name, g_str_equal, NULL))
        g_ptr_array_add (others, (gpointer) name);
    }
  for (guint i = 0; i < others->len; i++)
    {
      g_string_append (out, i == 0 ? " · " : ", ");
      g_string_append (out, g_ptr_array_index (others, i));
    }
  return g_string_free (out, FALSE);
}

char *
pr_format_moved_aside (const char *path,
                       const char *moved_to,
                       const char *reason)
{
  /* Translators: the library's file, why it is damaged (in English), and
   * where it was moved. */
  return g_strdup_printf (_("The library “%s” is damaged (%s). It was moved to “%s”, "
                            "and a new, empty library was started in its place; "
                            "nothing was deleted."),
                          path, reason, moved_to);
}
