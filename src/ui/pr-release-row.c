/* pr-release-row.c: one row of the release list
 *
 * Created once by the factory's setup and refilled on every bind. The
 * title and meta line are plain text; the snippet is escaped by
 * pr_snippet_to_markup() before its match markers become <b>. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-format.h"
#include "pr-query.h"
#include "pr-release-row.h"

struct _PrReleaseRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *meta_label;
  GtkLabel *copies_label;
  GtkLabel *snippet_label;
  GtkWidget *star;

  PrRelease *release;
};

G_DEFINE_FINAL_TYPE (PrReleaseRow, pr_release_row, GTK_TYPE_WIDGET)

static void
update_state (PrReleaseRow *self)
{
  gboolean unread = self->release != NULL && !pr_release_get_read (self->release);
  gboolean bookmarked = self->release != NULL && pr_release_get_bookmarked (self->release);

  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
  gtk_widget_set_visible (self->star, bookmarked);
}

/* Only on changes: setting a label's text, even the same, lays it out
 * again (GTK 4.8), and the list has rows to spare. */
static void
set_text (GtkLabel   *label,
          const char *text)
{
  if (!gtk_label_get_use_markup (label) && g_strcmp0 (gtk_label_get_label (label), text) == 0)
    return;
  gtk_label_set_text (label, text);
}

static void
update_text (PrReleaseRow *self)
{
  PrRelease *r = self->release;
  g_autofree char *meta = NULL;
  g_autofree char *copies = NULL;
  const char *place;

  if (r == NULL)
    {
      /* One line each, as a row about to be filled would take. */
      set_text (self->title_label, " ");
      set_text (self->meta_label, " ");
      gtk_widget_set_visible (GTK_WIDGET (self->copies_label), FALSE);
      return;
    }
  copies = pr_format_copies (pr_release_get_field (r, PR_FIELD_LANGUAGE),
                             pr_release_get_copy_languages (r));
  if (copies != NULL)
    set_text (self->copies_label, copies);
  gtk_widget_set_visible (GTK_WIDGET (self->copies_label), copies != NULL);
  set_text (self->title_label, pr_release_get_title (r) ? pr_release_get_title (r) : _("Untitled"));
  place = pr_release_get_field (r, PR_FIELD_CITY);
  if (place == NULL || *place == '\0')
    place = pr_release_get_field (r, PR_FIELD_REGION);
  meta = pr_format_row_meta (pr_release_get_field (r, PR_FIELD_KIND), pr_release_get_source (r),
                             place, pr_release_get_date (r));
  set_text (self->meta_label, meta);
}

static void
release_notify (PrReleaseRow *self,
                GParamSpec   *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "read") || g_str_equal (name, "bookmarked"))
    update_state (self);
  else if (g_str_equal (name, "title") || g_str_equal (name, "source")
           || g_str_equal (name, "date") || g_str_equal (name, "city")
           || g_str_equal (name, "copy-languages"))
    update_text (self);
}

PrRelease *
pr_release_row_get_release (PrReleaseRow *self)
{
  g_return_val_if_fail (PR_IS_RELEASE_ROW (self), NULL);
  return self->release;
}

void
pr_release_row_set_release (PrReleaseRow *self,
                            PrRelease    *release,
                            const char   *snippet)
{
  g_return_if_fail (PR_IS_RELEASE_ROW (self));

  if (self->release != release)
    {
      if (self->release != NULL)
        g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
      g_set_object (&self->release, release);
      if (release != NULL)
        g_signal_connect_object (release, "notify", G_CALLBACK (release_notify), self,
                                 G_CONNECT_SWAPPED);
    }

  if (snippet != NULL && *snippet != '\0')
    {
      g_autofree char *markup = pr_snippet_to_markup (snippet, "<b>", "</b>");

      if (!gtk_label_get_use_markup (self->snippet_label)
          || g_strcmp0 (gtk_label_get_label (self->snippet_label), markup) != 0)
        gtk_label_set_markup (self->snippet_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), TRUE);
    }
  else
    {
      set_text (self->snippet_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
    }
  update_text (self);
  update_state (self);
}

static void
pr_release_row_dispose (GObject *object)
{
  PrReleaseRow *self = PR_RELEASE_ROW (object);

  if (self->release != NULL)
    g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
  g_clear_object (&self->release);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_RELEASE_ROW);

  G_OBJECT_CLASS (pr_release_row_parent_class)->dispose (object);
}

static void
pr_release_row_class_init (PrReleaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_release_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PressReader/pr-release-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, copies_label);
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, PrReleaseRow, star);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "releaserow");
}

static void
pr_release_row_init (PrReleaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pr_release_row_new (void)
{
  return g_object_new (PR_TYPE_RELEASE_ROW, NULL);
}
