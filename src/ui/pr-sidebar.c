/* pr-sidebar.c: the metadata of a release, as rows
 *
 * Every value is plain text: rows never use markup. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pr-format.h"
#include "pr-sidebar.h"
#include "pr-ui-private.h"

#define FILTER_KIND_KEY  "pr-filter-kind"
#define FILTER_VALUE_KEY "pr-filter-value"
#define URI_KEY          "pr-uri"

struct _PrSidebar
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  AdwPreferencesGroup *release_group;
  AdwActionRow *issuer_row;
  AdwActionRow *kind_row;
  AdwActionRow *date_row;
  AdwActionRow *place_row;
  AdwActionRow *source_row;
  AdwActionRow *language_row;
  AdwActionRow *length_row;
  AdwPreferencesGroup *copies_group;
  AdwPreferencesGroup *org_group;
  AdwPreferencesGroup *people_group;
  AdwPreferencesGroup *links_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *tickers_group;
  AdwPreferencesGroup *library_group;
  AdwActionRow *origin_row;
  AdwActionRow *imported_row;
  AdwActionRow *read_row;
  AdwActionRow *bookmarked_row;

  /* Rows added for the current release, to remove on the next. */
  GPtrArray *dynamic_rows;   /* of (group, row) pairs */
  GPtrArray *copy_rows;      /* AdwActionRow, in copies_group */

  PrRelease *release;
  GPtrArray *copies;         /* PrRelease: the release's group, or NULL */
};

G_DEFINE_FINAL_TYPE (PrSidebar, pr_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RELEASE,
  N_PROPS
};

enum {
  SIGNAL_FILTER_BY,
  SIGNAL_SHOW_COPY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
pr_sidebar_filter_to_string (PrSidebarFilter kind)
{
  switch (kind)
    {
    case PR_SIDEBAR_FILTER_ORGANIZATION:
      return "organization";
    case PR_SIDEBAR_FILTER_PERSON:
      return "person";
    case PR_SIDEBAR_FILTER_PLACE:
      return "place";
    case PR_SIDEBAR_FILTER_SOURCE:
      return "source";
    case PR_SIDEBAR_FILTER_ISSUER:
      return "issuer";
    case PR_SIDEBAR_FILTER_KIND:
      return "kind";
    case PR_SIDEBAR_FILTER_TICKER:
      return "ticker";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), !is_empty (value));
  adw_action_row_set_subtitle (row, value ? value : "");
}

static void
emit_filter (PrSidebar       *self,
             PrSidebarFilter  kind,
             const char      *value)
{
  if (!is_empty (value))
    g_signal_emit (self, signals[SIGNAL_FILTER_BY], 0,
                   pr_sidebar_filter_to_string (kind), value);
}

static const char *
place_of (PrRelease *release)
{
  const char *city = pr_release_get_field (release, PR_FIELD_CITY);

  return !is_empty (city) ? city : pr_release_get_field (release, PR_FIELD_REGION);
}

static void
place_activated (PrSidebar *self)
{
  if (self->release != NULL)
    emit_filter (self, PR_SIDEBAR_FILTER_PLACE, place_of (self->release));
}

/* A joint release filters on its first issuer. */
static void
issuer_activated (PrSidebar *self)
{
  if (self->release != NULL)
    emit_filter (self, PR_SIDEBAR_FILTER_ISSUER,
                 pr_release_get_list (self->release, PR_LIST_ISSUERS)[0]);
}

static void
kind_activated (PrSidebar *self)
{
  if (self->release != NULL)
    emit_filter (self, PR_SIDEBAR_FILTER_KIND, pr_release_get_field (self->release, PR_FIELD_KIND));
}

static void
source_activated (PrSidebar *self)
{
  if (self->release != NULL)
    emit_filter (self, PR_SIDEBAR_FILTER_SOURCE, pr_release_get_source (self->release));
}

static void
dynamic_row_activated (AdwActionRow *row,
                       PrSidebar    *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), URI_KEY);
  const char *value = g_object_get_data (G_OBJECT (row), FILTER_VALUE_KEY);

  if (uri != NULL)
    {
      pr_ui_launch_uri (GTK_WIDGET (self), uri);
      return;
    }
  if (value != NULL)
    emit_filter (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), FILTER_KIND_KEY)), value);
}

static AdwActionRow *
add_row (PrSidebar           *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (!is_empty (subtitle))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, group);
  g_ptr_array_add (self->dynamic_rows, row);
  return ADW_ACTION_ROW (row);
}

static void
add_suffix_icon (AdwActionRow *row,
                 const char   *icon_name)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_add_css_class (image, "dim-label");
  adw_action_row_add_suffix (row, image);
}

static void
add_filter_row (PrSidebar           *self,
                AdwPreferencesGroup *group,
                PrSidebarFilter      kind,
                const char          *name,
                const char          *detail,
                const char          *tooltip)
{
  AdwActionRow *row = add_row (self, group, name, detail);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
  g_object_set_data (G_OBJECT (row), FILTER_KIND_KEY, GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), FILTER_VALUE_KEY, g_strdup (name), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (dynamic_row_activated), self, 0);
  add_suffix_icon (row, "system-search-symbolic");
}

static void
add_link_row (PrSidebar           *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *uri)
{
  AdwActionRow *row = add_row (self, group, title, NULL);

  if (!pr_ui_uri_is_launchable (uri))
    return;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), uri);
  g_object_set_data_full (G_OBJECT (row), URI_KEY, g_strdup (uri), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (dynamic_row_activated), self, 0);
  add_suffix_icon (row, g_str_has_prefix (uri, "mailto:") ? "mail-send-symbolic"
                                                         : "adw-external-link-symbolic");
}

static void
clear_dynamic_rows (PrSidebar *self)
{
  for (guint i = 0; i + 1 < self->dynamic_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->dynamic_rows, i),
                                  g_ptr_array_index (self->dynamic_rows, i + 1));
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static void
update_state_rows (PrSidebar *self)
{
  PrRelease *r = self->release;
  g_autofree char *imported = r ? pr_format_time (pr_release_get_imported_at (r)) : NULL;
  g_autofree char *read = r ? pr_format_time (pr_release_get_read_at (r)) : NULL;
  g_autofree char *bookmarked = r ? pr_format_time (pr_release_get_bookmarked_at (r)) : NULL;

  if (r != NULL && read == NULL && pr_release_get_read (r))
    read = g_strdup (_("Yes"));
  if (r != NULL && bookmarked == NULL && pr_release_get_bookmarked (r))
    bookmarked = g_strdup (_("Yes"));
  set_row (self->imported_row, imported);
  set_row (self->read_row, read);
  set_row (self->bookmarked_row, bookmarked);
}

static void
update (PrSidebar *self)
{
  PrRelease *r = self->release;
  GPtrArray *entities;
  const char * const *list;
  g_autofree char *date = NULL;
  g_autofree char *length = NULL;
  g_autofree char *place = NULL;
  const char *origin;
  guint words;

  clear_dynamic_rows (self);
  gtk_widget_set_visible (self->box, r != NULL);
  if (r == NULL)
    return;

  {
    g_autofree char *issuers = NULL;
    const char * const *names = pr_release_get_list (r, PR_LIST_ISSUERS);

    /* Translators: between the two organisations of a joint release, in
     * the sidebar's “From” row. */
    issuers = g_strjoinv (_(" and "), (char **) names);
    set_row (self->issuer_row, issuers);
    set_row (self->kind_row, pr_facts_kind_label (pr_release_get_field (r, PR_FIELD_KIND)));
  }

  date = pr_format_date (pr_release_get_date (r), TRUE);
  set_row (self->date_row, date);

  {
    const char *city = pr_release_get_field (r, PR_FIELD_CITY);
    const char *region = pr_release_get_field (r, PR_FIELD_REGION);

    if (!is_empty (city) && !is_empty (region))
      place = g_strdup_printf ("%s, %s", city, region);
    else
      place = g_strdup (!is_empty (city) ? city : region);
  }
  set_row (self->place_row, place);
  set_row (self->source_row, pr_release_get_source (r));
  set_row (self->language_row,
           is_empty (pr_release_get_field (r, PR_FIELD_LANGUAGE))
           ? NULL : pr_format_language (pr_release_get_field (r, PR_FIELD_LANGUAGE)));

  words = pr_release_get_word_count (r);
  if (words > 0)
    {
      g_autofree char *reading = pr_format_reading_time (words);
      g_autofree char *count = g_strdup_printf (ngettext ("%'u word", "%'u words", words), words);

      /* Translators: the length of a release: "420 words · 3 minutes". */
      length = g_strdup_printf (_("%s · %s"), count, reading);
    }
  set_row (self->length_row, length);

  origin = pr_release_get_field (r, PR_FIELD_ORIGIN);
  if (!is_empty (origin) && g_str_has_prefix (origin, "samples/"))
    set_row (self->origin_row, _("Sample releases"));
  else
    set_row (self->origin_row, origin);
  update_state_rows (self);

  entities = pr_release_get_organizations (r);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      PrEntity *e = g_ptr_array_index (entities, i);
      add_filter_row (self, self->org_group, PR_SIDEBAR_FILTER_ORGANIZATION,
                      pr_entity_get_name (e), pr_entity_get_detail (e),
                      _("Show releases that name this organization"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->org_group), entities != NULL && entities->len > 0);

  entities = pr_release_get_people (r);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      PrEntity *e = g_ptr_array_index (entities, i);
      add_filter_row (self, self->people_group, PR_SIDEBAR_FILTER_PERSON,
                      pr_entity_get_name (e), pr_entity_get_detail (e),
                      _("Show releases that name this person"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->people_group), entities != NULL && entities->len > 0);

  list = pr_release_get_list (r, PR_LIST_LINKS);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    add_link_row (self, self->links_group, list[i], list[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), !strv_is_empty (list));

  {
    const char * const *emails = pr_release_get_list (r, PR_LIST_EMAILS);
    const char * const *phones = pr_release_get_list (r, PR_LIST_PHONES);

    for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
      {
        g_autofree char *uri = g_strconcat ("mailto:", emails[i], NULL);
        add_link_row (self, self->contact_group, emails[i], uri);
      }
    for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
      add_row (self, self->contact_group, phones[i], NULL);
    gtk_widget_set_visible (GTK_WIDGET (self->contact_group),
                            !strv_is_empty (emails) || !strv_is_empty (phones));
  }

  list = pr_release_get_list (r, PR_LIST_TICKERS);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    add_filter_row (self, self->tickers_group, PR_SIDEBAR_FILTER_TICKER, list[i], NULL,
                    _("Show releases that name this ticker"));
  gtk_widget_set_visible (GTK_WIDGET (self->tickers_group), !strv_is_empty (list));
}

#define COPY_KEY "pr-copy"

static void
copy_row_activated (AdwActionRow *row,
                    PrSidebar    *self)
{
  PrRelease *copy = g_object_get_data (G_OBJECT (row), COPY_KEY);

  if (copy != NULL && copy != self->release)
    g_signal_emit (self, signals[SIGNAL_SHOW_COPY], 0, copy);
}

/* Where a copy was read: a page's site, else its wire. */
static char *
copy_site (PrRelease *copy)
{
  const char *origin = pr_release_get_field (copy, PR_FIELD_ORIGIN);
  const char *source = pr_release_get_source (copy);

  if (origin != NULL && (g_str_has_prefix (origin, "http://") || g_str_has_prefix (origin, "https://")))
    {
      g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

      if (host != NULL)
        return g_strdup (g_str_has_prefix (host, "www.") ? host + 4 : host);
    }
  if (!is_empty (source))
    return g_strdup (source);
  return g_strdup (_("Unknown source"));
}

/* "@a · @b", either alone when the other is NULL; takes @a. */
static char *
join_detail (char       *a,
             const char *b)
{
  char *joined;

  if (a == NULL)
    return g_strdup (b);
  if (b == NULL)
    return a;
  /* Translators: a copy's details in the sidebar's Copies group, joined
   * two by two: "PR Newswire · German · 4 March 2024". */
  joined = g_strdup_printf (_("%s · %s"), a, b);
  g_free (a);
  return joined;
}

static void
copy_link_clicked (GtkButton *button,
                   PrSidebar *self)
{
  pr_ui_launch_uri (GTK_WIDGET (self), gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
}

/* The copies' rows: site, then the wire (when the site is a web page's),
 * language and date; a button to the copy's page; the original says so,
 * the one shown has a check, the others show it when activated. */
static void
update_copies (PrSidebar *self)
{
  for (guint i = 0; i < self->copy_rows->len; i++)
    adw_preferences_group_remove (self->copies_group, g_ptr_array_index (self->copy_rows, i));
  g_ptr_array_set_size (self->copy_rows, 0);

  if (self->copies == NULL || self->copies->len < 2 || self->release == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->copies_group), FALSE);
      return;
    }

  for (guint i = 0; i < self->copies->len; i++)
    {
      PrRelease *copy = g_ptr_array_index (self->copies, i);
      g_autofree char *site = copy_site (copy);
      g_autofree char *date = pr_format_date (pr_release_get_date (copy), TRUE);
      const char *code = pr_release_get_field (copy, PR_FIELD_LANGUAGE);
      const char *language = is_empty (code) ? NULL : pr_format_language (code);
      const char *source = pr_release_get_source (copy);
      const char *origin = pr_release_get_field (copy, PR_FIELD_ORIGIN);
      g_autofree char *detail = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (!is_empty (source) && g_strcmp0 (source, site) != 0)
        detail = g_strdup (source);
      detail = join_detail (g_steal_pointer (&detail), language);
      detail = join_detail (g_steal_pointer (&detail), date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site);
      if (detail != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      /* A page's copy: its address, opened in the browser (http and
       * https only, pr_ui_launch_uri()). */
      if (origin != NULL && pr_ui_uri_is_launchable (origin) && !g_str_has_prefix (origin, "mailto:"))
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, origin);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Open the copy's page"), -1);
          g_signal_connect_object (button, "clicked", G_CALLBACK (copy_link_clicked), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      if (i == 0)
        {
          GtkWidget *label = gtk_label_new (C_("copy", "Original"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      if (copy == self->release)
        {
          add_suffix_icon (ADW_ACTION_ROW (row), "object-select-symbolic");
          gtk_widget_set_tooltip_text (row, _("Shown"));
        }
      else
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show this copy"));
          g_object_set_data_full (G_OBJECT (row), COPY_KEY, g_object_ref (copy), g_object_unref);
          g_signal_connect_object (row, "activated", G_CALLBACK (copy_row_activated), self, 0);
          add_suffix_icon (ADW_ACTION_ROW (row), "go-next-symbolic");
        }
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->copies_group), TRUE);
}

static void
release_notify (PrSidebar  *self,
                GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "read") || g_str_equal (name, "bookmarked")
      || g_str_has_suffix (name, "-at"))
    update_state_rows (self);
  else if (!g_str_equal (name, "store-id"))
    update (self);
}

PrRelease *
pr_sidebar_get_release (PrSidebar *self)
{
  g_return_val_if_fail (PR_IS_SIDEBAR (self), NULL);
  return self->release;
}

void
pr_sidebar_set_release (PrSidebar *self,
                        PrRelease *release)
{
  g_return_if_fail (PR_IS_SIDEBAR (self));
  g_return_if_fail (release == NULL || PR_IS_RELEASE (release));

  if (self->release == release)
    return;
  if (self->release != NULL)
    g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
  g_set_object (&self->release, release);
  if (release != NULL)
    g_signal_connect_object (release, "notify", G_CALLBACK (release_notify), self,
                             G_CONNECT_SWAPPED);
  /* Another copy of the group keeps the group's rows. */
  if (self->copies != NULL && (release == NULL || !g_ptr_array_find (self->copies, release, NULL)))
    g_clear_pointer (&self->copies, g_ptr_array_unref);
  update (self);
  update_copies (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE]);
}

void
pr_sidebar_set_copies (PrSidebar *self,
                       GPtrArray *copies)
{
  g_return_if_fail (PR_IS_SIDEBAR (self));

  g_clear_pointer (&self->copies, g_ptr_array_unref);
  if (copies != NULL && self->release != NULL && g_ptr_array_find (copies, self->release, NULL))
    self->copies = g_ptr_array_ref (copies);
  update_copies (self);
}

guint
pr_sidebar_get_n_copies (PrSidebar *self)
{
  g_return_val_if_fail (PR_IS_SIDEBAR (self), 0);
  return self->copy_rows->len;
}

gboolean
pr_sidebar_activate_copy (PrSidebar *self,
                          guint      index)
{
  g_return_val_if_fail (PR_IS_SIDEBAR (self), FALSE);

  if (index >= self->copy_rows->len
      || !gtk_list_box_row_get_activatable (g_ptr_array_index (self->copy_rows, index)))
    return FALSE;
  g_signal_emit_by_name (g_ptr_array_index (self->copy_rows, index), "activated");
  return TRUE;
}

const char *
pr_sidebar_get_value (PrSidebar  *self,
                      const char *row)
{
  struct { const char *name; AdwActionRow *row; } rows[] = {
    { "issuer", self->issuer_row },
    { "kind", self->kind_row },
    { "date", self->date_row },
    { "place", self->place_row },
    { "source", self->source_row },
    { "language", self->language_row },
    { "length", self->length_row },
    { "origin", self->origin_row },
    { "imported", self->imported_row },
    { "read", self->read_row },
    { "bookmarked", self->bookmarked_row },
  };

  g_return_val_if_fail (PR_IS_SIDEBAR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].name, row))
      return gtk_widget_get_visible (GTK_WIDGET (rows[i].row))
             ? adw_action_row_get_subtitle (rows[i].row) : NULL;
  return NULL;
}

gboolean
pr_sidebar_activate_filter (PrSidebar       *self,
                            PrSidebarFilter  kind)
{
  g_return_val_if_fail (PR_IS_SIDEBAR (self), FALSE);

  if (self->release == NULL)
    return FALSE;
  if (kind == PR_SIDEBAR_FILTER_PLACE)
    {
      place_activated (self);
      return place_of (self->release) != NULL;
    }
  if (kind == PR_SIDEBAR_FILTER_ISSUER)
    {
      issuer_activated (self);
      return pr_release_get_list (self->release, PR_LIST_ISSUERS)[0] != NULL;
    }
  if (kind == PR_SIDEBAR_FILTER_KIND)
    {
      kind_activated (self);
      return pr_release_get_field (self->release, PR_FIELD_KIND) != NULL;
    }
  if (kind == PR_SIDEBAR_FILTER_SOURCE)
    {
      source_activated (self);
      return pr_release_get_source (self->release) != NULL;
    }
  for (guint i = 0; i + 1 < self->dynamic_rows->len; i += 2)
    {
      GObject *row = g_ptr_array_index (self->dynamic_rows, i + 1);

      if (g_object_get_data (row, FILTER_VALUE_KEY) != NULL
          && GPOINTER_TO_INT (g_object_get_data (row, FILTER_KIND_KEY)) == (int) kind)
        {
          adw_action_row_activate (ADW_ACTION_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

static void
pr_sidebar_dispose (GObject *object)
{
  PrSidebar *self = PR_SIDEBAR (object);

  if (self->release != NULL)
    g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
  g_clear_object (&self->release);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->copy_rows, g_ptr_array_unref);
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_SIDEBAR);

  G_OBJECT_CLASS (pr_sidebar_parent_class)->dispose (object);
}

static void
pr_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrSidebar *self = PR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_RELEASE:
      g_value_set_object (value, self->release);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrSidebar *self = PR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_RELEASE:
      pr_sidebar_set_release (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_sidebar_class_init (PrSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_sidebar_dispose;
  object_class->get_property = pr_sidebar_get_property;
  object_class->set_property = pr_sidebar_set_property;

  properties[PROP_RELEASE] =
    g_param_spec_object ("release", NULL, NULL, PR_TYPE_RELEASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrSidebar::filter-by:
   * @kind: "organization", "person", "place" or "source"
   * @value: the name to filter by
   *
   * Emitted when a row that filters the list is activated.
   */
  signals[SIGNAL_FILTER_BY] =
    g_signal_new ("filter-by", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * PrSidebar::show-copy:
   * @copy: the PrRelease to show
   *
   * Emitted when a row of the Copies group is activated: another copy of
   * the release shown (pr_sidebar_set_copies()).
   */
  signals[SIGNAL_SHOW_COPY] =
    g_signal_new ("show-copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PR_TYPE_RELEASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PressReader/pr-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, release_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, date_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, place_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, source_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, language_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, length_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, copies_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, org_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, people_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, links_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, contact_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, tickers_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, library_group);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, origin_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, imported_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, read_row);
  gtk_widget_class_bind_template_child (widget_class, PrSidebar, bookmarked_row);
  gtk_widget_class_bind_template_callback (widget_class, place_activated);
  gtk_widget_class_bind_template_callback (widget_class, source_activated);
  gtk_widget_class_bind_template_callback (widget_class, issuer_activated);
  gtk_widget_class_bind_template_callback (widget_class, kind_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "prsidebar");
}

static void
pr_sidebar_init (PrSidebar *self)
{
  self->dynamic_rows = g_ptr_array_new ();
  self->copy_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
pr_sidebar_new (void)
{
  return g_object_new (PR_TYPE_SIDEBAR, NULL);
}
