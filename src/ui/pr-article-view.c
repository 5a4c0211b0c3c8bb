/* pr-article-view.c: a release rendered natively in a GtkTextView
 *
 * Release text is only ever inserted as plain text into the buffer and
 * styled with tags: nothing from a release is parsed as markup. Links are
 * tags carrying their URI; only http, https and mailto are launched. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pr-article-view.h"
#include "pr-ui-private.h"
#include "pr-format.h"

#define URI_KEY "pr-uri"
#define TEXT_SCALE_MIN 0.5
#define TEXT_SCALE_MAX 3.0

struct _PrArticleView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkSearchBar *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel *find_status;
  GtkScrolledWindow *scroller;
  GtkTextView *text_view;

  GtkTextBuffer *buffer;
  GtkCssProvider *css;
  GtkTextTag *muted_tags[4];
  GtkTextTag *link_tag;
  GtkTextTag *highlight_tag;
  GtkTextTag *match_tag;
  GtkTextTag *section_tag;
  GtkTextTag *section_heading_tag;
  GtkTextTag *table_tag;

  PrRelease *release;
  GStrv highlight_terms;
  double text_scale;
  char *find_text;
  gboolean hovering_link;
};

G_DEFINE_FINAL_TYPE (PrArticleView, pr_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RELEASE,
  PROP_TEXT_SCALE,
  N_PROPS
};

enum {
  SIGNAL_ACTIVATE_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Tags and colours */

static void
update_colors (PrArticleView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  GdkRGBA fg, muted, link, highlight, section, match, table;

  /* The Adwaita palette: window foreground, accent and yellow. */
  gdk_rgba_parse (&fg, dark ? "#ffffff" : "#000000");
  muted = fg;
  muted.alpha = dark ? 0.6 : 0.55;
  gdk_rgba_parse (&link, dark ? "#78aeed" : "#1c71d8");
  gdk_rgba_parse (&highlight, dark ? "rgba(229,165,10,0.45)" : "rgba(246,211,45,0.55)");
  gdk_rgba_parse (&match, dark ? "rgba(120,174,237,0.35)" : "rgba(53,132,228,0.25)");
  section = fg;
  section.alpha = dark ? 0.06 : 0.04;
  table = fg;
  table.alpha = dark ? 0.08 : 0.05;

  for (guint i = 0; i < G_N_ELEMENTS (self->muted_tags); i++)
    g_object_set (self->muted_tags[i], "foreground-rgba", &muted, NULL);
  g_object_set (self->link_tag, "foreground-rgba", &link, NULL);
  g_object_set (self->highlight_tag, "background-rgba", &highlight, NULL);
  g_object_set (self->match_tag, "background-rgba", &match, NULL);
  g_object_set (self->section_tag, "paragraph-background-rgba", &section, NULL);
  g_object_set (self->section_heading_tag, "paragraph-background-rgba", &section, NULL);
  g_object_set (self->table_tag, "paragraph-background-rgba", &table, NULL);
}

static void
create_tags (PrArticleView *self)
{
  GtkTextBuffer *b = self->buffer;

  gtk_text_buffer_create_tag (b, "headline",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.75,
                              "pixels-below-lines", 8,
                              "pixels-inside-wrap", 2,
                              NULL);
  self->muted_tags[0] =
    gtk_text_buffer_create_tag (b, "subtitle",
                                "scale", 1.2,
                                "pixels-below-lines", 10,
                                NULL);
  self->muted_tags[1] =
    gtk_text_buffer_create_tag (b, "dateline",
                                "scale", 0.92,
                                "pixels-above-lines", 4,
                                "pixels-below-lines", 22,
                                NULL);
  gtk_text_buffer_create_tag (b, "paragraph",
                              "pixels-below-lines", 14,
                              NULL);
  {
    PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 18);

    gtk_text_buffer_create_tag (b, "list-item",
                                "left-margin", 28 + 22,
                                "indent", -18,
                                "tabs", tabs,
                                "pixels-below-lines", 6,
                                NULL);
    pango_tab_array_free (tabs);
  }
  gtk_text_buffer_create_tag (b, "list-end",
                              "pixels-below-lines", 14,
                              NULL);
  self->table_tag =
    gtk_text_buffer_create_tag (b, "table",
                                "family", "monospace",
                                "scale", 0.9,
                                "wrap-mode", GTK_WRAP_NONE,
                                "pixels-below-lines", 0,
                                NULL);
  gtk_text_buffer_create_tag (b, "table-end",
                              "pixels-below-lines", 14,
                              NULL);
  gtk_text_buffer_create_tag (b, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.15,
                              "pixels-above-lines", 10,
                              "pixels-below-lines", 8,
                              NULL);
  self->section_heading_tag =
    gtk_text_buffer_create_tag (b, "section-heading",
                                "weight", PANGO_WEIGHT_BOLD,
                                "pixels-above-lines", 14,
                                "pixels-below-lines", 6,
                                "left-margin", 28 + 16,
                                "right-margin", 28 + 16,
                                NULL);
  self->section_tag =
    gtk_text_buffer_create_tag (b, "section",
                                "scale", 0.95,
                                "left-margin", 28 + 16,
                                "right-margin", 28 + 16,
                                "pixels-below-lines", 10,
                                NULL);
  gtk_text_buffer_create_tag (b, "section-tight",
                              "pixels-below-lines", 2,
                              NULL);
  gtk_text_buffer_create_tag (b, "section-gap",
                              "scale", 0.6,
                              NULL);
  self->muted_tags[2] =
    gtk_text_buffer_create_tag (b, "trailer",
                                "scale", 0.85,
                                "pixels-above-lines", 8,
                                "pixels-below-lines", 4,
                                NULL);
  self->muted_tags[3] =
    gtk_text_buffer_create_tag (b, "muted", NULL);
  /* Links are in the accent colour, as in GNOME's own apps. */
  self->link_tag = gtk_text_buffer_create_tag (b, "link", NULL);
  self->highlight_tag = gtk_text_buffer_create_tag (b, "highlight", NULL);
  self->match_tag = gtk_text_buffer_create_tag (b, "find-match", NULL);

  update_colors (self);
}

/* Text scale */

static void
update_text_scale (PrArticleView *self)
{
  g_autofree char *css = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.0f", self->text_scale * 100.0);
  css = g_strdup_printf ("textview.pr-article-text { font-size: %s%%; }", number);
  gtk_css_provider_load_from_data (self->css, css, -1);
}

double
pr_article_view_get_text_scale (PrArticleView *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), 1.0);
  return self->text_scale;
}

void
pr_article_view_set_text_scale (PrArticleView *self,
                                double         scale)
{
  g_return_if_fail (PR_IS_ARTICLE_VIEW (self));

  scale = CLAMP (scale, TEXT_SCALE_MIN, TEXT_SCALE_MAX);
  /* Keep steps exact (1.1 * 10 = 11.000000000000002). */
  scale = (double) (gint64) (scale * 100.0 + 0.5) / 100.0;
  if (G_APPROX_VALUE (scale, self->text_scale, 0.001))
    return;
  self->text_scale = scale;
  update_text_scale (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/* Rendering */

static void
insert (PrArticleView *self,
        const char    *text,
        const char    *tag1,
        const char    *tag2)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (self->buffer, &end, text, -1, tag1, tag2, NULL);
}

static void
insert_line (PrArticleView *self,
             const char    *text,
             const char    *tag1,
             const char    *tag2)
{
  insert (self, text, tag1, tag2);
  insert (self, "\n", tag1, tag2);
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* Each line of @text is a paragraph of the view: all get @tag, the lines
 * before the last also @inner_tag (tight spacing), the last @last_tag. */
static void
insert_lines (PrArticleView *self,
              const char    *text,
              const char    *tag,
              const char    *inner_tag,
              const char    *last_tag)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean last = lines[i + 1] == NULL;

      insert_line (self, lines[i], tag, last ? last_tag : inner_tag);
    }
}

static void
render_blocks (PrArticleView *self)
{
  GPtrArray *blocks = pr_release_get_blocks (self->release);

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);
      PrBlock *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;
      gboolean last_of_kind = next == NULL || next->kind != block->kind;

      if (is_empty (block->text))
        continue;
      switch (block->kind)
        {
        case PR_BLOCK_LIST_ITEM:
          insert (self, "•\t", "list-item", last_of_kind ? "list-end" : NULL);
          insert_line (self, block->text, "list-item", last_of_kind ? "list-end" : NULL);
          break;
        case PR_BLOCK_TABLE:
          {
            g_autofree char *aligned = pr_ui_align_tab_cells (block->text);

            insert_lines (self, aligned, "table", NULL, last_of_kind ? "table-end" : NULL);
          }
          break;
        case PR_BLOCK_HEADING:
          insert_line (self, block->text, "heading", NULL);
          break;
        case PR_BLOCK_PARAGRAPH:
        default:
          insert_line (self, block->text, "paragraph", NULL);
          break;
        }
    }
}

/* A section set apart: a heading, then its paragraphs. */
static void
render_section (PrArticleView *self,
                const char    *heading,
                const char * const *paragraphs)
{
  insert_line (self, "", "section-gap", NULL);
  insert_line (self, heading, "section-heading", NULL);
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    if (!is_empty (paragraphs[i]))
      insert_lines (self, paragraphs[i], "section", "section-tight", NULL);
}

static void
render_about (PrArticleView *self)
{
  const char * const *about = pr_release_get_list (self->release, PR_LIST_ABOUT);

  if (about == NULL || about[0] == NULL)
    return;
  /* The list holds "About X" sections, heading first. */
  render_section (self, about[0], about + 1);
}

static void
render_contacts (PrArticleView *self)
{
  const char * const *contacts = pr_release_get_list (self->release, PR_LIST_CONTACTS);
  g_autofree char *heading = NULL;
  g_auto(GStrv) paragraphs = NULL;

  if (contacts == NULL || contacts[0] == NULL)
    return;
  paragraphs = pr_ui_split_contacts (contacts, &heading);
  render_section (self, heading, (const char * const *) paragraphs);
}

static void
render_trailer (PrArticleView *self)
{
  const char * const *trailer = pr_release_get_list (self->release, PR_LIST_TRAILER);

  for (guint i = 0; trailer != NULL && trailer[i] != NULL; i++)
    if (!is_empty (trailer[i]))
      insert_line (self, trailer[i], "trailer", NULL);
}

static void
add_link (PrArticleView *self,
          int            start_offset,
          int            end_offset,
          const char    *uri)
{
  GtkTextIter start, end;
  GtkTextTag *tag;

  if (!pr_ui_uri_is_launchable (uri))
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
  tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  g_object_set_data_full (G_OBJECT (tag), URI_KEY, g_strdup (uri), g_free);
  gtk_text_buffer_apply_tag (self->buffer, tag, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->link_tag, &start, &end);
}

static void
find_links (PrArticleView *self)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (g_once_init_enter (&regex))
    {
      /* Only http, https and mailto URIs and e-mail addresses become links;
       * javascript:, file:, data: and the rest stay plain text. */
      GRegex *r = g_regex_new ("(?:\\b(?:https?://|mailto:)[^\\s<>\"]+)"
                               "|(?:\\bwww\\.[a-z0-9-]+\\.[^\\s<>\"]+)"
                               "|(?:[\\w.+%-]+@[\\w-]+(?:\\.[\\w-]+)+)",
                               G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s, e;
      g_autofree char *uri = NULL;
      g_autofree char *word = NULL;

      g_match_info_fetch_pos (match, 0, &s, &e);
      /* Trailing punctuation belongs to the sentence. */
      while (e > s && strchr (".,;:!?)]}'’”»", text[e - 1]) != NULL)
        e--;
      word = g_strndup (text + s, e - s);
      if (g_ascii_strncasecmp (word, "http", 4) == 0 || g_ascii_strncasecmp (word, "mailto:", 7) == 0)
        uri = g_strdup (word);
      else if (g_ascii_strncasecmp (word, "www.", 4) == 0)
        uri = g_strconcat ("https://", word, NULL);
      else if (strchr (word, '@') != NULL && !g_strrstr (word, "://"))
        uri = g_strconcat ("mailto:", word, NULL);

      /* A scheme glued before the match (javascript:…http://) is not ours. */
      if (uri != NULL && s > 0 && text[s - 1] == ':')
        g_clear_pointer (&uri, g_free);
      if (uri != NULL)
        add_link (self,
                  g_utf8_pointer_to_offset (text, text + s),
                  g_utf8_pointer_to_offset (text, text + e),
                  uri);
      g_match_info_next (match, NULL);
    }
}

static void
apply_highlights (PrArticleView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->highlight_tag, &start, &end);

  for (guint i = 0; self->highlight_terms != NULL && self->highlight_terms[i] != NULL; i++)
    {
      const char *term = self->highlight_terms[i];
      GtkTextIter iter, match_start, match_end;

      if (*term == '\0')
        continue;
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, term,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          gtk_text_buffer_apply_tag (self->buffer, self->highlight_tag, &match_start, &match_end);
          iter = match_end;
        }
    }
}

/* @text case-folded, without spaces: "BUSINESS WIRE" → "businesswire". */
static char *
fold_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Whether the dateline names the wire already ("(BUSINESS WIRE)"). */
static gboolean
dateline_names_source (const char *dateline,
                       const char *source)
{
  g_autofree char *d = fold_key (dateline);
  g_autofree char *s = fold_key (source);

  return strstr (d, s) != NULL;
}

static void
collect_link_tag (GtkTextTag *tag,
                  gpointer    data)
{
  if (g_object_get_data (G_OBJECT (tag), URI_KEY) != NULL)
    g_ptr_array_add (data, tag);
}

static void
render (PrArticleView *self)
{
  PrRelease *r = self->release;
  GtkTextIter start, end;
  GString *dateline;
  const char *value;

  /* Links are anonymous tags: a new buffer drops the old ones at once. */
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
    g_autoptr(GPtrArray) anonymous = g_ptr_array_new ();

    gtk_text_tag_table_foreach (table, collect_link_tag, anonymous);
    for (guint i = 0; i < anonymous->len; i++)
      gtk_text_tag_table_remove (table, g_ptr_array_index (anonymous, i));
  }

  if (r == NULL)
    return;

  insert_line (self, pr_release_get_title (r) ? pr_release_get_title (r) : _("Untitled"),
               "headline", NULL);
  value = pr_release_get_field (r, PR_FIELD_SUBTITLE);
  if (!is_empty (value))
    insert_line (self, value, "subtitle", NULL);

  dateline = g_string_new (NULL);
  value = pr_release_get_field (r, PR_FIELD_DATELINE);
  if (!is_empty (value))
    g_string_append (dateline, value);
  else if (pr_release_get_date (r) != NULL)
    {
      g_autofree char *date = pr_format_date (pr_release_get_date (r), TRUE);
      g_string_append (dateline, date);
    }
  value = pr_release_get_source (r);
  if (!is_empty (value) && !dateline_names_source (dateline->str, value))
    {
      if (dateline->len > 0)
        g_string_append (dateline, " · ");
      g_string_append (dateline, value);
    }
  if (dateline->len > 0)
    insert_line (self, dateline->str, "dateline", NULL);
  g_string_free (dateline, TRUE);

  render_blocks (self);
  render_about (self);
  render_contacts (self);
  render_trailer (self);

  /* No trailing empty line. */
  gtk_text_buffer_get_end_iter (self->buffer, &end);
  start = end;
  if (gtk_text_iter_backward_char (&start) && gtk_text_iter_get_char (&start) == '\n')
    gtk_text_buffer_delete (self->buffer, &start, &end);

  find_links (self);
  apply_highlights (self);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), 0);
}

static void
release_notify (PrArticleView *self,
                GParamSpec    *pspec,
                PrRelease     *release)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Library state does not change the text. */
  if (g_str_equal (name, "read") || g_str_equal (name, "bookmarked")
      || g_str_has_suffix (name, "-at") || g_str_equal (name, "store-id"))
    return;
  render (self);
}

PrRelease *
pr_article_view_get_release (PrArticleView *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), NULL);
  return self->release;
}

void
pr_article_view_set_release (PrArticleView *self,
                             PrRelease     *release)
{
  g_return_if_fail (PR_IS_ARTICLE_VIEW (self));
  g_return_if_fail (release == NULL || PR_IS_RELEASE (release));

  if (self->release == release)
    return;
  if (self->release != NULL)
    g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
  g_set_object (&self->release, release);
  if (release != NULL)
    g_signal_connect_object (release, "notify", G_CALLBACK (release_notify), self,
                             G_CONNECT_SWAPPED);
  render (self);
  if (self->find_text != NULL && *self->find_text != '\0')
    pr_article_view_set_find_text (self, self->find_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE]);
}

void
pr_article_view_set_highlight_terms (PrArticleView      *self,
                                     const char * const *terms)
{
  g_return_if_fail (PR_IS_ARTICLE_VIEW (self));

  g_strfreev (self->highlight_terms);
  self->highlight_terms = g_strdupv ((char **) terms);
  apply_highlights (self);
}

GtkTextView *
pr_article_view_get_text_view (PrArticleView *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), NULL);
  return self->text_view;
}

/* Links */

static const char *
link_at_iter (GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *uri = g_object_get_data (l->data, URI_KEY);
      if (uri != NULL)
        return uri;
    }
  return NULL;
}

const char *
pr_article_view_get_link_at_offset (PrArticleView *self,
                                    int            offset)
{
  GtkTextIter iter;

  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), NULL);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  return link_at_iter (&iter);
}

gboolean
pr_article_view_activate_link_at_offset (PrArticleView *self,
                                         int            offset)
{
  const char *uri = pr_article_view_get_link_at_offset (self, offset);
  gboolean handled = FALSE;

  if (uri == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_ACTIVATE_LINK], 0, uri, &handled);
  return TRUE;
}

static gboolean
pr_article_view_real_activate_link (PrArticleView *self,
                                    const char    *uri)
{
  /* Checked again there: nothing but http, https and mailto is launched. */
  pr_ui_launch_uri (GTK_WIDGET (self), uri);
  return TRUE;
}

static gboolean
iter_at_point (PrArticleView *self,
               double         x,
               double         y,
               GtkTextIter   *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  return gtk_text_view_get_iter_at_location (self->text_view, iter, bx, by);
}

static void
click_released (PrArticleView   *self,
                int              n_press,
                double           x,
                double           y,
                GtkGestureClick *gesture)
{
  GtkTextIter iter, sel_start, sel_end;
  const char *uri;
  gboolean handled = FALSE;

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) > 1 || n_press > 1)
    return;
  /* A drag that selected text is not a click on a link. */
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end))
    return;
  if (!iter_at_point (self, x, y, &iter))
    return;
  uri = link_at_iter (&iter);
  if (uri != NULL)
    g_signal_emit (self, signals[SIGNAL_ACTIVATE_LINK], 0, uri, &handled);
}

static void
motion (PrArticleView *self,
        double         x,
        double         y)
{
  GtkTextIter iter;
  gboolean hovering = iter_at_point (self, x, y, &iter) && link_at_iter (&iter) != NULL;

  if (hovering == self->hovering_link)
    return;
  self->hovering_link = hovering;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), hovering ? "pointer" : NULL);
}

/* Find in article */

static void
update_find_status (PrArticleView *self)
{
  guint current = 0;
  guint n = pr_article_view_get_find_matches (self, &current);
  g_autofree char *status = NULL;
  gboolean searching = self->find_text != NULL && *self->find_text != '\0';

  if (!searching)
    status = g_strdup ("");
  else if (n == 0)
    status = g_strdup (_("No matches"));
  else
    /* Translators: the current match and the number of matches in the
     * article, "2 of 5". */
    status = g_strdup_printf (_("%'u of %'u"), current, n);
  gtk_label_set_text (self->find_status, status);
  if (searching && n == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->find_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->find_entry), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.find-next", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.find-previous", n > 0);
}

static void
mark_matches (PrArticleView *self)
{
  GtkTextIter start, end, iter, ms, me;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  if (self->find_text == NULL || *self->find_text == '\0')
    return;
  iter = start;
  while (gtk_text_iter_forward_search (&iter, self->find_text,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &ms, &me, NULL))
    {
      gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &ms, &me);
      iter = me;
    }
}

static void
select_match (PrArticleView *self,
              GtkTextIter   *ms,
              GtkTextIter   *me)
{
  gtk_text_buffer_select_range (self->buffer, ms, me);
  gtk_text_view_scroll_to_iter (self->text_view, ms, 0.1, FALSE, 0, 0);
}

static gboolean
find (PrArticleView *self,
      gboolean       forward,
      gboolean       from_start)
{
  GtkTextIter iter, ms, me, sel_start, sel_end;
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;
  gboolean found;

  if (self->find_text == NULL || *self->find_text == '\0')
    {
      update_find_status (self);
      return FALSE;
    }

  gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end);
  if (from_start)
    gtk_text_buffer_get_start_iter (self->buffer, &iter);
  else
    iter = forward ? sel_end : sel_start;

  if (forward)
    found = gtk_text_iter_forward_search (&iter, self->find_text, flags, &ms, &me, NULL);
  else
    found = gtk_text_iter_backward_search (&iter, self->find_text, flags, &ms, &me, NULL);

  /* Wrap around. */
  if (!found)
    {
      if (forward)
        gtk_text_buffer_get_start_iter (self->buffer, &iter);
      else
        gtk_text_buffer_get_end_iter (self->buffer, &iter);
      if (forward)
        found = gtk_text_iter_forward_search (&iter, self->find_text, flags, &ms, &me, NULL);
      else
        found = gtk_text_iter_backward_search (&iter, self->find_text, flags, &ms, &me, NULL);
    }

  if (found)
    select_match (self, &ms, &me);
  else
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      gtk_text_buffer_place_cursor (self->buffer, &iter);
    }
  update_find_status (self);
  return found;
}

gboolean
pr_article_view_find_next (PrArticleView *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), FALSE);
  return find (self, TRUE, FALSE);
}

gboolean
pr_article_view_find_previous (PrArticleView *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), FALSE);
  return find (self, FALSE, FALSE);
}

void
pr_article_view_set_find_text (PrArticleView *self,
                               const char    *text)
{
  g_return_if_fail (PR_IS_ARTICLE_VIEW (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->find_entry)), text ? text : "") != 0)
    {
      /* The entry's search-changed comes back here. */
      gtk_editable_set_text (GTK_EDITABLE (self->find_entry), text ? text : "");
    }
  g_free (self->find_text);
  self->find_text = g_strdup (text);
  mark_matches (self);
  find (self, TRUE, TRUE);
}

guint
pr_article_view_get_find_matches (PrArticleView *self,
                                  guint         *current)
{
  GtkTextIter iter, ms, me, sel_start, sel_end;
  guint n = 0, cur = 0;
  gboolean has_selection;

  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), 0);

  has_selection = gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end);
  if (self->find_text != NULL && *self->find_text != '\0')
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, self->find_text,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &ms, &me, NULL))
        {
          n++;
          if (has_selection && gtk_text_iter_equal (&ms, &sel_start))
            cur = n;
          iter = me;
        }
    }
  if (current != NULL)
    *current = cur;
  return n;
}

void
pr_article_view_start_find (PrArticleView *self)
{
  g_return_if_fail (PR_IS_ARTICLE_VIEW (self));

  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
}

static void
find_entry_changed (PrArticleView  *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (text, self->find_text) != 0)
    pr_article_view_set_find_text (self, text);
}

static void
find_entry_activate (PrArticleView  *self,
                     GtkSearchEntry *entry)
{
  pr_article_view_find_next (self);
}

static void
find_entry_stop (PrArticleView  *self,
                 GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
find_bar_mode_changed (PrArticleView *self)
{
  if (!gtk_search_bar_get_search_mode (self->find_bar))
    {
      g_clear_pointer (&self->find_text, g_free);
      mark_matches (self);
      update_find_status (self);
    }
}

/* Citation */

char *
pr_article_view_dup_citation (PrArticleView *self)
{
  GString *out;
  GtkTextIter start, end;
  const char *title, *source, *date;
  const char * const *links;

  g_return_val_if_fail (PR_IS_ARTICLE_VIEW (self), NULL);
  if (self->release == NULL)
    return NULL;

  out = g_string_new (NULL);
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      g_autofree char *selected = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n\n", selected);
    }

  title = pr_release_get_title (self->release);
  source = pr_release_get_source (self->release);
  date = pr_release_get_date (self->release);
  links = pr_release_get_list (self->release, PR_LIST_LINKS);

  g_string_append (out, title ? title : _("Untitled"));
  if (!is_empty (source) || !is_empty (date))
    {
      g_autofree char *formatted = pr_format_date (date, TRUE);

      g_string_append_c (out, '\n');
      if (!is_empty (source))
        g_string_append (out, source);
      if (!is_empty (source) && !is_empty (formatted))
        g_string_append (out, ", ");
      if (!is_empty (formatted))
        g_string_append (out, formatted);
    }
  if (links != NULL && links[0] != NULL)
    g_string_append_printf (out, "\n%s", links[0]);
  return g_string_free (out, FALSE);
}

void
pr_article_view_copy_citation (PrArticleView *self)
{
  g_autofree char *citation = pr_article_view_dup_citation (self);

  if (citation != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
}

/* Actions */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pr_article_view_start_find (PR_ARTICLE_VIEW (widget));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pr_article_view_find_next (PR_ARTICLE_VIEW (widget));
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pr_article_view_find_previous (PR_ARTICLE_VIEW (widget));
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  pr_article_view_copy_citation (PR_ARTICLE_VIEW (widget));
}

/* GObject */

static void
pr_article_view_dispose (GObject *object)
{
  PrArticleView *self = PR_ARTICLE_VIEW (object);

  if (self->release != NULL)
    g_signal_handlers_disconnect_by_func (self->release, release_notify, self);
  g_clear_object (&self->release);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_ARTICLE_VIEW);
  g_clear_object (&self->css);

  G_OBJECT_CLASS (pr_article_view_parent_class)->dispose (object);
}

static void
pr_article_view_finalize (GObject *object)
{
  PrArticleView *self = PR_ARTICLE_VIEW (object);

  g_strfreev (self->highlight_terms);
  g_free (self->find_text);

  G_OBJECT_CLASS (pr_article_view_parent_class)->finalize (object);
}

static void
pr_article_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrArticleView *self = PR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RELEASE:
      g_value_set_object (value, self->release);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_article_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PrArticleView *self = PR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RELEASE:
      pr_article_view_set_release (self, g_value_get_object (value));
      break;
    case PROP_TEXT_SCALE:
      pr_article_view_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_article_view_class_init (PrArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_article_view_dispose;
  object_class->finalize = pr_article_view_finalize;
  object_class->get_property = pr_article_view_get_property;
  object_class->set_property = pr_article_view_set_property;

  properties[PROP_RELEASE] =
    g_param_spec_object ("release", NULL, NULL, PR_TYPE_RELEASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, TEXT_SCALE_MIN, TEXT_SCALE_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrArticleView::activate-link:
   * @uri: an http, https or mailto URI
   *
   * Emitted when a link is clicked; the default handler launches it.
   * Returns: TRUE when handled.
   */
  signals[SIGNAL_ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (pr_article_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PressReader/pr-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, box);
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, find_bar);
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, find_status);
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrArticleView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, find_entry_stop);
  gtk_widget_class_bind_template_callback (widget_class, pr_article_view_find_next);
  gtk_widget_class_bind_template_callback (widget_class, pr_article_view_find_previous);

  gtk_widget_class_install_action (widget_class, "article.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "article.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "article.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "article.copy-citation", NULL, copy_citation_action);

  /* Ctrl+F while the article has focus: the window's Ctrl+F (search the
   * list) is only reached from elsewhere. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "article.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "article.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "article.find-previous", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articleview");
}

static void
pr_article_view_init (PrArticleView *self)
{
  GtkGesture *click;
  GtkEventController *motion_controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_scale = 1.0;
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  create_tags (self);

  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_text_scale (self);

  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_object (self->find_bar, "notify::search-mode-enabled",
                           G_CALLBACK (find_bar_mode_changed), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  motion_controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion_controller, "motion", G_CALLBACK (motion), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion_controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colors), self, G_CONNECT_SWAPPED);

  update_find_status (self);
}

GtkWidget *
pr_article_view_new (void)
{
  return g_object_new (PR_TYPE_ARTICLE_VIEW, NULL);
}
