/* pr-article-print.c: a release printed as the article view shows it
 *
 * ::begin-print lays the whole release out for the chosen page: one
 * PangoLayout per piece (the headline, each fact, each block, the About and
 * Contact sections), then places their lines on pages one by one, so that a
 * paragraph or a long table goes on over the page break. ::draw-page only
 * draws the lines placed on its page and the footer. Release text is set with
 * pango_layout_set_text() and styled with attributes: nothing from a release
 * is ever parsed as markup. */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pr-article-print.h"
#include "pr-format.h"
#include "pr-ui-private.h"

#define MARGIN_MM      20.0
#define FOOTER_HEIGHT  20.0   /* points, at the bottom of the printable area */
#define LIST_INDENT    14.0
#define BULLET_WIDTH   11.0
#define SECTION_INDENT 14.0
#define TABLE_PAD      3.0
#define TABLE_MIN_SIZE 6.0

/* The muted grey of the view's dateline and facts, opaque for printers. */
#define MUTED_GREY     0x5e5e

typedef struct {
  PangoLayout *layout;
  double indent;        /* from the left margin, points */
  double space_before;  /* left out at the top of a page */
  double space_after;
  gboolean keep_with_next;
  gboolean shade;       /* tables: a tinted background, as in the view */
  gboolean rule_after;  /* the thin line under the facts */
} Box;

typedef struct {
  PangoLayoutLine *line;
  double x;
  double top;           /* in the layout */
  double height;        /* to the next line's top, with its spacing */
  double baseline;      /* in the layout */
} Line;

/* A line on a page; a rule when line is NULL. */
typedef struct {
  PangoLayoutLine *line;
  double x;
  double top;
  double height;
  double baseline;
  gboolean shade;
} Placed;

struct _PrArticlePrint
{
  GtkPrintOperation parent_instance;

  PrRelease *release;

  GArray *boxes;        /* of Box, while printing */
  GPtrArray *pages;     /* of GArray of Placed */
  PangoLayout *footer;
};

G_DEFINE_FINAL_TYPE (PrArticlePrint, pr_article_print, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_RELEASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- layouts --------------------------------------------------------- */

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static void
box_clear (gpointer data)
{
  Box *box = data;

  g_clear_object (&box->layout);
}

static void
placed_clear (gpointer data)
{
  Placed *placed = data;

  g_clear_pointer (&placed->line, pango_layout_line_unref);
}

static PangoLayout *
new_layout (GtkPrintContext *context,
            const char      *font,
            double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
add_attr (PangoAttrList  *attrs,
          PangoAttribute *attr,
          guint           start,
          guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

static void
set_muted (PangoLayout *layout)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  add_attr (attrs, pango_attr_foreground_new (MUTED_GREY, MUTED_GREY, MUTED_GREY),
            0, PANGO_ATTR_INDEX_TO_TEXT_END);
  pango_layout_set_attributes (layout, attrs);
}

static Box *
add_box (PrArticlePrint  *self,
         GtkPrintContext *context,
         const char      *text,
         const char      *font,
         double           indent,
         double           space_before,
         double           space_after)
{
  double width = gtk_print_context_get_width (context);
  Box box = { 0 };

  box.layout = new_layout (context, font, width - indent);
  box.indent = indent;
  box.space_before = space_before;
  box.space_after = space_after;
  pango_layout_set_text (box.layout, text, -1);
  g_array_append_val (self->boxes, box);
  return &g_array_index (self->boxes, Box, self->boxes->len - 1);
}

/* A value on one line: tabs and line breaks from the release would move it
 * off its column. */
static char *
one_line (const char *value)
{
  char *copy = g_strdup (value);

  g_strstrip (g_strdelimit (copy, "\t\r\n", ' '));
  return copy;
}

typedef struct {
  const char *label;
  char *value;
} Fact;

static void
fact_clear (gpointer data)
{
  g_free (((Fact *) data)->value);
}

static void
add_fact (GArray     *facts,
          const char *label,
          const char *value)
{
  Fact fact = { label, NULL };

  if (is_empty (value))
    return;
  fact.value = one_line (value);
  g_array_append_val (facts, fact);
}

static char *
join_entities (GPtrArray *entities)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      PrEntity *e = g_ptr_array_index (entities, i);
      const char *detail = pr_entity_get_detail (e);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, pr_entity_get_name (e));
      if (!is_empty (detail))
        g_string_append_printf (out, " (%s)", detail);
    }
  return g_string_free (out, out->len == 0);
}

/* The sidebar's facts, as label and value in two columns: each value wraps
 * under itself (a hanging indent as wide as the labels). */
static void
layout_facts (PrArticlePrint  *self,
              GtkPrintContext *context)
{
  PrRelease *r = self->release;
  g_autoptr(GArray) facts = g_array_new (FALSE, TRUE, sizeof (Fact));
  g_autofree char *date = NULL;
  g_autofree char *place = NULL;
  g_autofree char *orgs = NULL;
  g_autofree char *people = NULL;
  GString *contact = g_string_new (NULL);
  const char * const *list;
  const char *city, *region;
  double label_width = 0;
  g_autoptr(PangoLayout) measure = NULL;

  g_array_set_clear_func (facts, fact_clear);

  date = pr_format_date (pr_release_get_date (r), TRUE);
  add_fact (facts, _("Date"), date);
  city = pr_release_get_field (r, PR_FIELD_CITY);
  region = pr_release_get_field (r, PR_FIELD_REGION);
  if (!is_empty (city) && !is_empty (region))
    place = g_strdup_printf ("%s, %s", city, region);
  else
    place = g_strdup (!is_empty (city) ? city : region);
  add_fact (facts, _("Place"), place);
  add_fact (facts, _("Wire"), pr_release_get_source (r));
  orgs = join_entities (pr_release_get_organizations (r));
  add_fact (facts, _("Organizations"), orgs);
  people = join_entities (pr_release_get_people (r));
  add_fact (facts, _("People"), people);

  list = pr_release_get_list (r, PR_LIST_EMAILS);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? " · " : "", list[i]);
  list = pr_release_get_list (r, PR_LIST_PHONES);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? " · " : "", list[i]);
  add_fact (facts, _("Contact"), contact->str);
  g_string_free (contact, TRUE);

  /* One link a line, the label on the first. */
  list = pr_release_get_list (r, PR_LIST_LINKS);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    add_fact (facts, i == 0 ? _("Links") : "", list[i]);

  if (facts->len == 0)
    return;

  measure = new_layout (context, "Sans Bold 8.5", -1);
  for (guint i = 0; i < facts->len; i++)
    {
      int w;

      pango_layout_set_text (measure, g_array_index (facts, Fact, i).label, -1);
      pango_layout_get_size (measure, &w, NULL);
      label_width = MAX (label_width, pango_units_to_double (w));
    }
  label_width += 10.0;

  for (guint i = 0; i < facts->len; i++)
    {
      Fact *fact = &g_array_index (facts, Fact, i);
      g_autofree char *text = g_strconcat (fact->label, "\t", fact->value, NULL);
      gboolean last = i + 1 == facts->len;
      Box *box = add_box (self, context, text, "Sans 8.5", 0, 0, last ? 14 : 1.5);
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      PangoTabArray *tabs;
      guint label_end = strlen (fact->label);

      add_attr (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, label_end);
      add_attr (attrs, pango_attr_foreground_new (MUTED_GREY, MUTED_GREY, MUTED_GREY), 0, label_end);
      pango_layout_set_attributes (box->layout, attrs);
      tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                 pango_units_from_double (label_width));
      pango_layout_set_tabs (box->layout, tabs);
      pango_tab_array_free (tabs);
      /* Negative: the first line at the margin, the others under the value. */
      pango_layout_set_indent (box->layout, -pango_units_from_double (label_width));
      box->rule_after = last;
    }
}

/* A table's rows in monospace, smaller when the widest row would not fit
 * (down to TABLE_MIN_SIZE points; beyond that the rows wrap). */
static void
layout_table (PrArticlePrint  *self,
              GtkPrintContext *context,
              const char      *text,
              gboolean         first,
              gboolean         last)
{
  g_autofree char *aligned = pr_ui_align_tab_cells (text);
  double width = gtk_print_context_get_width (context) - 2 * TABLE_PAD;
  Box *box = add_box (self, context, aligned, "Monospace 8.5", TABLE_PAD,
                      first ? 8 : 0, last ? 10 : 0);
  int natural;

  box->shade = TRUE;
  pango_layout_set_width (box->layout, -1);
  pango_layout_get_size (box->layout, &natural, NULL);
  if (pango_units_to_double (natural) > width)
    {
      PangoFontDescription *desc = pango_font_description_from_string ("Monospace");
      double size = MAX (TABLE_MIN_SIZE, 8.5 * width / pango_units_to_double (natural));

      pango_font_description_set_size (desc, pango_units_from_double (size));
      pango_layout_set_font_description (box->layout, desc);
      pango_font_description_free (desc);
    }
  pango_layout_set_width (box->layout, pango_units_from_double (width));
  pango_layout_set_wrap (box->layout, PANGO_WRAP_CHAR);
}

static void
layout_blocks (PrArticlePrint  *self,
               GtkPrintContext *context)
{
  GPtrArray *blocks = pr_release_get_blocks (self->release);
  PrBlock *previous = NULL;

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);
      PrBlock *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;
      gboolean first_of_kind = previous == NULL || previous->kind != block->kind;
      gboolean last_of_kind = next == NULL || next->kind != block->kind;
      Box *box;

      if (is_empty (block->text))
        continue;
      previous = block;
      switch (block->kind)
        {
        case PR_BLOCK_LIST_ITEM:
          {
            g_autofree char *text = g_strconcat ("•\t", block->text, NULL);
            PangoTabArray *tabs;

            box = add_box (self, context, text, "Serif 10.5", LIST_INDENT, first_of_kind ? 2 : 0,
                           last_of_kind ? 9 : 3);
            tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                       pango_units_from_double (BULLET_WIDTH));
            pango_layout_set_tabs (box->layout, tabs);
            pango_tab_array_free (tabs);
            pango_layout_set_indent (box->layout, -pango_units_from_double (BULLET_WIDTH));
            pango_layout_set_line_spacing (box->layout, 1.15);
          }
          break;
        case PR_BLOCK_TABLE:
          layout_table (self, context, block->text, first_of_kind, last_of_kind);
          break;
        case PR_BLOCK_HEADING:
          box = add_box (self, context, block->text, "Sans Bold 12", 0, 8, 5);
          box->keep_with_next = TRUE;
          break;
        case PR_BLOCK_PARAGRAPH:
        default:
          box = add_box (self, context, block->text, "Serif 10.5", 0, 0, 9);
          pango_layout_set_line_spacing (box->layout, 1.15);
          break;
        }
    }
}

/* A section set apart, as the view does: a heading, then its paragraphs
 * (a paragraph's lines kept as lines). */
static void
layout_section (PrArticlePrint     *self,
                GtkPrintContext    *context,
                const char         *heading,
                const char * const *paragraphs)
{
  Box *box = add_box (self, context, heading, "Sans Bold 10", SECTION_INDENT, 12, 4);

  box->keep_with_next = TRUE;
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    if (!is_empty (paragraphs[i]))
      add_box (self, context, paragraphs[i], "Serif 9.5", SECTION_INDENT, 0, 6);
}

static void
layout_release (PrArticlePrint  *self,
                GtkPrintContext *context)
{
  PrRelease *r = self->release;
  const char *title = pr_release_get_title (r);
  const char *value;
  const char * const *list;
  Box *box;

  box = add_box (self, context, !is_empty (title) ? title : _("Untitled"), "Sans Bold 20", 0, 0, 6);
  pango_layout_set_line_spacing (box->layout, 1.05);
  value = pr_release_get_field (r, PR_FIELD_SUBTITLE);
  if (!is_empty (value))
    {
      box = add_box (self, context, value, "Sans 12.5", 0, 0, 6);
      set_muted (box->layout);
    }
  value = pr_release_get_field (r, PR_FIELD_DATELINE);
  if (!is_empty (value))
    {
      box = add_box (self, context, value, "Sans 9", 0, 2, 10);
      set_muted (box->layout);
    }
  else
    box->space_after = 12;

  layout_facts (self, context);
  layout_blocks (self, context);

  list = pr_release_get_list (r, PR_LIST_ABOUT);
  if (list != NULL && list[0] != NULL)
    layout_section (self, context, list[0], list + 1);
  list = pr_release_get_list (r, PR_LIST_CONTACTS);
  if (list != NULL && list[0] != NULL)
    {
      g_autofree char *heading = NULL;
      g_auto(GStrv) paragraphs = pr_ui_split_contacts (list, &heading);

      layout_section (self, context, heading, (const char * const *) paragraphs);
    }
  list = pr_release_get_list (r, PR_LIST_TRAILER);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (!is_empty (list[i]))
      {
        box = add_box (self, context, list[i], "Sans 8.5", 0, i == 0 ? 8 : 0, 3);
        set_muted (box->layout);
      }
}

/* ---- pages ----------------------------------------------------------- */

static GArray *
box_lines (Box *box)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (box->layout);

  do
    {
      Line line = { 0 };
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.line = pango_layout_iter_get_line_readonly (iter);
      line.x = box->indent + pango_units_to_double (logical.x);
      line.top = pango_units_to_double (logical.y);
      line.height = pango_units_to_double (logical.height);
      line.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      if (lines->len > 0)
        {
          Line *prev = &g_array_index (lines, Line, lines->len - 1);

          /* With the line spacing between them. */
          prev->height = MAX (prev->height, line.top - prev->top);
        }
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static double
first_lines_height (GArray *lines,
                    guint   n)
{
  double height = 0;

  for (guint i = 0; i < MIN (n, lines->len); i++)
    height += g_array_index (lines, Line, i).height;
  return height;
}

static GArray *
new_page (PrArticlePrint *self)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Placed));

  g_array_set_clear_func (page, placed_clear);
  g_ptr_array_add (self->pages, page);
  return page;
}

/* Places the boxes' lines on pages of @height points: a break between any
 * two lines, but not after a box's first line nor before its last (two
 * lines at least on either side of a break) and not after a heading (it
 * goes with the first lines that follow it). */
static void
paginate (PrArticlePrint *self,
          double          height)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *page = new_page (self);
  double y = 0;

  for (guint i = 0; i < self->boxes->len; i++)
    g_ptr_array_add (all, box_lines (&g_array_index (self->boxes, Box, i)));

  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);
      GArray *lines = g_ptr_array_index (all, i);

      if (y > 0)
        y += box->space_before;
      for (guint j = 0; j < lines->len; j++)
        {
          Line *line = &g_array_index (lines, Line, j);
          double need = line->height;
          Placed placed;

          if (j == 0)
            {
              need = first_lines_height (lines, 2);
              /* A heading with the next box's first two lines. */
              for (guint k = i; k + 1 < self->boxes->len; k++)
                {
                  Box *kbox = &g_array_index (self->boxes, Box, k);

                  if (!kbox->keep_with_next)
                    break;
                  if (k > i)
                    need += first_lines_height (g_ptr_array_index (all, k), G_MAXUINT);
                  need += kbox->space_after + g_array_index (self->boxes, Box, k + 1).space_before
                          + first_lines_height (g_ptr_array_index (all, k + 1), 2);
                }
              if (box->keep_with_next)
                need += first_lines_height (lines, G_MAXUINT) - first_lines_height (lines, 2);
            }
          /* Nor before a paragraph's last line (no line alone atop a page). */
          else if (j + 2 == lines->len)
            need += g_array_index (lines, Line, j + 1).height;
          if (y > 0 && y + need > height)
            {
              page = new_page (self);
              y = 0;
            }
          placed.line = pango_layout_line_ref (line->line);
          placed.x = line->x;
          placed.top = y;
          placed.height = line->height;
          placed.baseline = y + line->baseline - line->top;
          placed.shade = box->shade;
          g_array_append_val (page, placed);
          y += line->height;
        }
      if (box->rule_after)
        {
          Placed rule = { NULL, 0, y + box->space_after / 2, 0, 0, FALSE };

          g_array_append_val (page, rule);
        }
      y += box->space_after;
    }
}

/* ---- printing -------------------------------------------------------- */

static void
pr_article_print_begin_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (operation);
  double height = gtk_print_context_get_height (context) - FOOTER_HEIGHT;

  g_array_set_size (self->boxes, 0);
  g_ptr_array_set_size (self->pages, 0);
  layout_release (self, context);
  paginate (self, height);
  gtk_print_operation_set_n_pages (operation, self->pages->len);

  g_clear_object (&self->footer);
  self->footer = new_layout (context, "Sans 8", gtk_print_context_get_width (context));
  pango_layout_set_alignment (self->footer, PANGO_ALIGN_RIGHT);
  set_muted (self->footer);
}

/* Consecutive shaded lines as one rectangle, padded: no seams between rows. */
static void
draw_shades (cairo_t *cr,
             GArray  *page,
             double   width)
{
  for (guint i = 0; i < page->len; i++)
    {
      Placed *p = &g_array_index (page, Placed, i);
      double top = p->top, bottom = p->top + p->height;

      if (!p->shade)
        continue;
      while (i + 1 < page->len && g_array_index (page, Placed, i + 1).shade)
        {
          i++;
          bottom = g_array_index (page, Placed, i).top + g_array_index (page, Placed, i).height;
        }
      cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
      cairo_rectangle (cr, 0, top - TABLE_PAD, width, bottom - top + 2 * TABLE_PAD);
      cairo_fill (cr);
    }
}

static void
pr_article_print_draw_page (GtkPrintOperation *operation,
                            GtkPrintContext   *context,
                            int                page_nr)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  GArray *page;
  g_autofree char *number = NULL;
  int footer_height;

  g_return_if_fail (page_nr >= 0 && (guint) page_nr < self->pages->len);
  page = g_ptr_array_index (self->pages, page_nr);

  draw_shades (cr, page, width);
  for (guint i = 0; i < page->len; i++)
    {
      Placed *p = &g_array_index (page, Placed, i);

      if (p->line == NULL)
        {
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, 0, p->top);
          cairo_line_to (cr, width, p->top);
          cairo_stroke (cr);
          continue;
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, p->x, p->baseline);
      pango_cairo_show_layout_line (cr, p->line);
    }

  /* Translators: the page number in a printed article's footer. */
  number = g_strdup_printf (_("%d of %u"), page_nr + 1, self->pages->len);
  pango_layout_set_text (self->footer, number, -1);
  pango_layout_get_size (self->footer, NULL, &footer_height);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, height - pango_units_to_double (footer_height));
  pango_cairo_show_layout (cr, self->footer);
}

static void
pr_article_print_end_print (GtkPrintOperation *operation,
                            GtkPrintContext   *context)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (operation);

  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->boxes, 0);
  g_clear_object (&self->footer);
}

/* ---- GObject --------------------------------------------------------- */

static void
pr_article_print_dispose (GObject *object)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (object);

  g_clear_object (&self->release);
  g_clear_object (&self->footer);

  G_OBJECT_CLASS (pr_article_print_parent_class)->dispose (object);
}

static void
pr_article_print_finalize (GObject *object)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (object);

  g_ptr_array_unref (self->pages);
  g_array_unref (self->boxes);

  G_OBJECT_CLASS (pr_article_print_parent_class)->finalize (object);
}

static void
pr_article_print_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (object);

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
pr_article_print_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (object);

  switch (prop_id)
    {
    case PROP_RELEASE:
      self->release = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_article_print_constructed (GObject *object)
{
  PrArticlePrint *self = PR_ARTICLE_PRINT (object);
  const char *title;

  G_OBJECT_CLASS (pr_article_print_parent_class)->constructed (object);

  g_return_if_fail (self->release != NULL);
  title = pr_release_get_title (self->release);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                    !is_empty (title) ? title : _("Untitled"));
}

static void
pr_article_print_class_init (PrArticlePrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = pr_article_print_dispose;
  object_class->finalize = pr_article_print_finalize;
  object_class->get_property = pr_article_print_get_property;
  object_class->set_property = pr_article_print_set_property;
  object_class->constructed = pr_article_print_constructed;

  print_class->begin_print = pr_article_print_begin_print;
  print_class->draw_page = pr_article_print_draw_page;
  print_class->end_print = pr_article_print_end_print;

  properties[PROP_RELEASE] =
    g_param_spec_object ("release", NULL, NULL, PR_TYPE_RELEASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_article_print_init (PrArticlePrint *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  self->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (self->boxes, box_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* The paper of the locale (A4 or Letter) with a reader's margins, not
   * the printer's hardware ones. */
  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
}

/* ---- public ---------------------------------------------------------- */

PrArticlePrint *
pr_article_print_new (PrRelease *release)
{
  g_return_val_if_fail (PR_IS_RELEASE (release), NULL);

  return g_object_new (PR_TYPE_ARTICLE_PRINT, "release", release, NULL);
}

PrRelease *
pr_article_print_get_release (PrArticlePrint *self)
{
  g_return_val_if_fail (PR_IS_ARTICLE_PRINT (self), NULL);

  return self->release;
}

gboolean
pr_article_print_to_pdf (PrRelease   *release,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(PrArticlePrint) self = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (PR_IS_RELEASE (release), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = pr_article_print_new (release);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                   /* Translators: a PDF could not be written; the file, then why. */
                   _("Could not write “%s”: %s"), name,
                   local_error != NULL ? local_error->message : _("unknown error"));
      return FALSE;
    }
  return TRUE;
}
