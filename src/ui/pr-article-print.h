/* pr-article-print.h: a release printed as the article view shows it */
#pragma once

#include <gtk/gtk.h>

#include "pr-core.h"

G_BEGIN_DECLS

#define PR_TYPE_ARTICLE_PRINT (pr_article_print_get_type ())
G_DECLARE_FINAL_TYPE (PrArticlePrint, pr_article_print, PR, ARTICLE_PRINT, GtkPrintOperation)

/* A print operation for @release: A4 or Letter as the locale has it, 20 mm
 * margins, the layout made in ::begin-print for the chosen page. */
PrArticlePrint *pr_article_print_new         (PrRelease   *release);
PrRelease      *pr_article_print_get_release (PrArticlePrint *self);

/* Prints @release to a PDF file at @path, without a dialog. */
gboolean        pr_article_print_to_pdf      (PrRelease   *release,
                                              const char  *path,
                                              GError     **error);

G_END_DECLS
