/* pr-ui.c: small helpers shared by the window's widgets */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-ui-private.h"

gboolean
pr_ui_uri_is_launchable (const char *uri)
{
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_peek_scheme (uri);
  if (scheme == NULL)
    return FALSE;
  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https")
         || g_str_equal (scheme, "mailto");
}

void
pr_ui_launch_uri (GtkWidget  *widget,
                  const char *uri)
{
  GtkRoot *root;

  if (!pr_ui_uri_is_launchable (uri))
    return;
  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* A table whose cells are separated by tabs (as a web page's table is
 * read) with its columns padded to one width each, so that the monospace
 * block shows them aligned; other tables are already laid out. */
char *
pr_ui_align_tab_cells (const char *text)
{
  g_auto(GStrv) rows = NULL;
  g_autoptr(GArray) widths = NULL;
  GString *out;

  if (strchr (text, '\t') == NULL)
    return g_strdup (text);
  rows = g_strsplit (text, "\n", -1);
  widths = g_array_new (FALSE, TRUE, sizeof (glong));
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], "\t", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          glong width = g_utf8_strlen (cells[c], -1);

          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          g_array_index (widths, glong, c) = MAX (g_array_index (widths, glong, c), width);
        }
    }
  out = g_string_new (NULL);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], "\t", -1);

      if (i > 0)
        g_string_append_c (out, '\n');
      for (guint c = 0; cells[c] != NULL; c++)
        {
          g_string_append (out, cells[c]);
          if (cells[c + 1] != NULL)
            for (glong pad = g_utf8_strlen (cells[c], -1); pad < g_array_index (widths, glong, c) + 2; pad++)
              g_string_append_c (out, ' ');
        }
    }
  return g_string_free (out, FALSE);
}

/* "Contacts", "Media Contacts", "Pressekontakt", "联系人" alone on the first
 * line of a contact block, without a colon: the words of the parser's
 * contact headings, and nothing a name or a number could be. */
static gboolean
is_contact_label (const char *line)
{
  static const char * const words[] = {
    "contact", "kontakt", "contato", "contatti", "inquiries", "enquiries", "联系", "垂询",
  };
  g_autofree char *folded = g_utf8_casefold (line, -1);

  if (strpbrk (line, "0123456789@") != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

char **
pr_ui_split_contacts (const char * const *contacts,
                      char              **heading)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *found = NULL;

  for (guint i = 0; contacts != NULL && contacts[i] != NULL; i++)
    {
      const char *entry = contacts[i];

      /* The release's own heading ("Media contact:", "Contacts") leads the
       * section when the first entry starts with one. */
      if (i == 0)
        {
          const char *nl = strchr (entry, '\n');
          g_autofree char *first = g_strndup (entry, nl ? (gsize) (nl - entry) : strlen (entry));
          gsize len;

          g_strstrip (first);
          len = strlen (first);
          if (len > 0 && len < 48
              && (first[len - 1] == ':' || g_str_has_suffix (first, "：") || nl == NULL ||
                  is_contact_label (first)))
            {
              while (len > 0 && (first[len - 1] == ':' || first[len - 1] == ' '))
                first[--len] = '\0';
              if (g_str_has_suffix (first, "："))
                first[len - strlen ("：")] = '\0';
              found = g_strdup (first);
              if (nl == NULL)
                continue;
              entry = nl + 1;
            }
        }
      g_ptr_array_add (paragraphs, g_strdup (entry));
    }
  g_ptr_array_add (paragraphs, NULL);
  /* Translators: the heading of a release's contact section when the
   * release itself has none. */
  *heading = found != NULL && *found != '\0' ? g_steal_pointer (&found) : g_strdup (_("Contact"));
  return (char **) g_ptr_array_free (g_steal_pointer (&paragraphs), FALSE);
}

GtkWidget *
pr_ui_labelled (const char *text,
                GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

GtkWidget *
pr_ui_row_menu_button (GMenuModel *menu,
                       const char *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

char *
pr_ui_format_short_count (guint n)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (n < 1000)
    return g_strdup_printf ("%u", n);
  if (n < 10000)
    {
      /* Translators: a count of thousands, rounded down, as short as it
       * can be: "1.2K" for 1,234 releases (%s is the number of thousands). */
      g_snprintf (number, sizeof number, "%.1f", (n / 100) / 10.0);
      return g_strdup_printf (C_("short count", "%sK"), number);
    }
  if (n < 1000000)
    /* Translators: a count of thousands, rounded down, as short as it
     * can be: "12K" for 12,345 releases. */
    return g_strdup_printf (C_("short count", "%uK"), n / 1000);
  /* The locale's decimal mark: printf, not g_ascii_dtostr(). */
  if (n < 10000000)
    g_snprintf (number, sizeof number, "%.1f", (n / 100000) / 10.0);
  else
    g_snprintf (number, sizeof number, "%u", n / 1000000);
  /* Translators: a count of millions, rounded down, as short as it can
   * be: "1.2M" for 1,234,567 releases (%s is the number of millions). */
  return g_strdup_printf (C_("short count", "%sM"), number);
}
