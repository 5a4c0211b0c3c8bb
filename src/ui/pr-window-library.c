/* pr-window-library.c: the window's counts and facets, read from the
 * library in worker threads (the store's async calls) and read again when
 * the store says it changed */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-ui-private.h"
#include "pr-window-private.h"

#define FACET_LIMIT          8
/* Counts and facets are read again this long after a change... */
#define REFRESH_DELAY_MS     100
/* ...and at most this often while an import writes. */
#define REFRESH_IMPORT_MS    1000

/* ---- counts ---------------------------------------------------------- */

void
pr_window_update_count_labels (PrWindow *self)
{
  GtkLabel *labels[] = { self->count_all_label, self->count_unread_label, self->count_bookmarked_label };
  guint counts[] = { self->count_all, self->count_unread, self->count_bookmarked };

  /* Short counts: the filter switcher keeps its width as an import counts
   * up. Growing, it widened the list pane, and every row and the article
   * were wrapped again (40-60 ms of layout each time, measured). */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *text = pr_ui_format_short_count (counts[i]);
      g_autofree char *exact = counts[i] >= 1000 ? g_strdup_printf ("%'u", counts[i]) : NULL;

      gtk_label_set_text (labels[i], text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (labels[i]), exact);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.mark-all-read",
                                 self->store != NULL && self->count_unread > 0);
}

void
pr_window_get_counts (PrWindow *self,
                      guint    *all,
                      guint    *unread,
                      guint    *bookmarked)
{
  g_return_if_fail (PR_IS_WINDOW (self));

  if (all)
    *all = self->count_all;
  if (unread)
    *unread = self->count_unread;
  if (bookmarked)
    *bookmarked = self->count_bookmarked;
}

/* The three counts, read one after the other with pr_store_count_async(). */
typedef struct {
  PrWindow *window;
  PrStore *store;
  guint n_read;
  gint64 counts[3];
} CountsRead;

static const PrFilter count_filters[3] = { PR_FILTER_ALL, PR_FILTER_UNREAD, PR_FILTER_BOOKMARKED };

static void
counts_read_free (CountsRead *read)
{
  g_object_unref (read->window);
  g_object_unref (read->store);
  g_free (read);
}

static void counts_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
counts_read_next (CountsRead *read)
{
  pr_store_count_grouped_async (read->store, NULL, count_filters[read->n_read],
                                !g_settings_get_boolean (read->window->settings, "show-every-copy"),
                                read->window->cancellable, counts_done, read);
}

gboolean
pr_window_counts_timeout_cb (gpointer data)
{
  PrWindow *self = data;
  CountsRead *read;

  self->counts_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->counts_running)
    {
      self->counts_dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->counts_running = TRUE;
  self->counts_dirty = FALSE;
  read = g_new0 (CountsRead, 1);
  read->window = g_object_ref (self);
  read->store = g_object_ref (self->store);
  counts_read_next (read);
  return G_SOURCE_REMOVE;
}

static void
counts_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CountsRead *read = user_data;
  PrWindow *self = read->window;
  g_autoptr(GError) error = NULL;
  gint64 count = pr_store_count_finish (PR_STORE (source), result, &error);

  if (error == NULL)
    {
      read->counts[read->n_read++] = count;
      if (read->n_read < G_N_ELEMENTS (read->counts))
        {
          counts_read_next (read);
          return;
        }
    }

  self->counts_running = FALSE;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the releases: %s", error->message);
      counts_read_free (read);
      return;
    }
  /* A store set meanwhile reads its own. */
  if (read->store == self->store)
    {
      self->count_all = (guint) CLAMP (read->counts[0], 0, G_MAXUINT);
      self->count_unread = (guint) CLAMP (read->counts[1], 0, G_MAXUINT);
      self->count_bookmarked = (guint) CLAMP (read->counts[2], 0, G_MAXUINT);
      pr_window_update_count_labels (self);
    }
  if (self->counts_dirty)
    pr_window_refresh_counts (self);
  counts_read_free (read);
}

static guint
refresh_delay (PrWindow *self)
{
  return pr_window_is_writing (self) ? REFRESH_IMPORT_MS : REFRESH_DELAY_MS;
}

void
pr_window_refresh_counts (PrWindow *self)
{
  if (self->store == NULL || self->counts_timeout != 0
      || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->counts_timeout = g_timeout_add (refresh_delay (self), pr_window_counts_timeout_cb, self);
}

/* ---- facets ---------------------------------------------------------- */

/* Facets: the most frequent wires, places and organizations of the list
 * (its search and filter, not its facet), as a menu. Each kind is read
 * with pr_store_get_facets_async(), one after the other. */
typedef struct {
  PrWindow *window;
  PrStore *store;
  PrQuery *query;
  PrFilter filter;
  GPtrArray *all;          /* GPtrArray of PrFacet, one a kind read */
} FacetsRead;

static void
facets_read_free (FacetsRead *read)
{
  g_object_unref (read->window);
  g_clear_object (&read->store);
  g_clear_object (&read->query);
  g_ptr_array_unref (read->all);
  g_free (read);
}

static const PrFacetKind facet_kinds[] = {
  PR_FACET_KIND, PR_FACET_SOURCE, PR_FACET_ISSUER, PR_FACET_PLACE, PR_FACET_ORGANIZATION,
  PR_FACET_TICKER,
};

/* A label for a menu item: underscores are mnemonics there. */
static char *
menu_label (const char *name,
            guint       count)
{
  g_autoptr(GString) label = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    {
      if (*p == '_')
        g_string_append_c (label, '_');
      g_string_append_c (label, *p);
    }
  g_string_append_printf (label, " (%u)", count);
  return g_strdup (label->str);
}

static void facets_read (GObject *source, GAsyncResult *result, gpointer user_data);

static void
facets_read_next (FacetsRead *read)
{
  pr_store_get_facets_async (read->store, read->query, read->filter, facet_kinds[read->all->len],
                             FACET_LIMIT, read->window->cancellable, facets_read, read);
}

static gboolean
facets_timeout_cb (gpointer data)
{
  PrWindow *self = data;
  g_autofree char *text = NULL;
  FacetsRead *read;

  self->facets_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (self->facets_running)
    {
      self->facets_dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->facets_running = TRUE;
  self->facets_dirty = FALSE;

  read = g_new0 (FacetsRead, 1);
  read->window = g_object_ref (self);
  read->store = g_object_ref (self->store);
  text = pr_window_query_text (self, FALSE);
  read->query = text != NULL ? pr_query_new (text) : NULL;
  read->filter = self->filter_mode;
  read->all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  facets_read_next (read);
  return G_SOURCE_REMOVE;
}

/* All kinds read: the menu. */
static void
facets_done (PrWindow  *self,
             GPtrArray *all)
{
  const char *titles[] = {
    /* Translators: a section of the facet menu: kinds of news (Earnings, Deal…) */
    N_("Kinds"),
    /* Translators: a section of the facet menu: the news wires */
    N_("Wires"),
    /* Translators: a section of the facet menu: who issued the releases */
    N_("Issuers"),
    /* Translators: a section of the facet menu: datelines' places */
    N_("Places"),
    /* Translators: a section of the facet menu */
    N_("Organizations"),
    /* Translators: a section of the facet menu: stock tickers */
    N_("Tickers"),
  };
  const char *kinds[] = { "kind", "source", "issuer", "place", "organization", "ticker" };

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == G_N_ELEMENTS (facet_kinds));
  gboolean any = FALSE;

  g_menu_remove_all (self->facet_menu);
  g_string_truncate (self->facets_text, 0);
  for (guint k = 0; k < all->len; k++)
    {
      GPtrArray *facets = g_ptr_array_index (all, k);
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint i = 0; i < facets->len; i++)
        {
          PrFacet *facet = g_ptr_array_index (facets, i);
          const char *shown = facet_kinds[k] == PR_FACET_KIND && pr_facts_kind_label (facet->name) != NULL
                              ? pr_facts_kind_label (facet->name) : facet->name;
          g_autofree char *label = menu_label (shown, facet->count);
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "window.facet",
                                                   g_variant_new ("(ss)", kinds[k], facet->name));
          g_menu_append_item (section, item);
          g_string_append_printf (self->facets_text, "%s\t%s\t%u\n", kinds[k], facet->name, facet->count);
          any = TRUE;
        }
      if (facets->len > 0)
        g_menu_append_section (self->facet_menu, _(titles[k]), G_MENU_MODEL (section));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->facet_button), any);
  if (self->facets_dirty)
    pr_window_refresh_facets (self);
}

static void
facets_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FacetsRead *read = user_data;
  PrWindow *self = read->window;
  g_autoptr(GError) error = NULL;
  GPtrArray *facets = pr_store_get_facets_finish (PR_STORE (source), result, &error);

  if (facets != NULL)
    {
      g_ptr_array_add (read->all, facets);
      if (read->all->len < G_N_ELEMENTS (facet_kinds))
        {
          facets_read_next (read);
          return;
        }
    }

  self->facets_running = FALSE;
  if (facets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the facets: %s", error->message);
    }
  else
    facets_done (self, read->all);
  facets_read_free (read);
}

void
pr_window_refresh_facets (PrWindow *self)
{
  if (self->store == NULL || self->facets_timeout != 0
      || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->facets_timeout = g_timeout_add (refresh_delay (self), facets_timeout_cb, self);
}

char *
pr_window_dup_facets (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), NULL);
  return g_strdup (self->facets_text->str);
}

/* ---- store changed --------------------------------------------------- */

void
pr_window_store_changed (PrWindow      *self,
                         PrStoreChange  changes)
{
  pr_window_refresh_counts (self);
  /* A rebuilt menu is many widgets: once the import or the feeds'
   * refresh is done. */
  if (!pr_window_is_writing (self))
    pr_window_refresh_facets (self);
}
