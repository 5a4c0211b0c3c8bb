/* pr-article-view.h: a release rendered natively in a GtkTextView */
#pragma once

#include <gtk/gtk.h>

#include "pr-core.h"

G_BEGIN_DECLS

#define PR_TYPE_ARTICLE_VIEW (pr_article_view_get_type ())
G_DECLARE_FINAL_TYPE (PrArticleView, pr_article_view, PR, ARTICLE_VIEW, GtkWidget)

GtkWidget     *pr_article_view_new                 (void);

PrRelease     *pr_article_view_get_release         (PrArticleView      *self);
void           pr_article_view_set_release         (PrArticleView      *self,
                                                    PrRelease          *release);
/* Terms (words, phrases) to highlight, e.g. those of the list search. */
void           pr_article_view_set_highlight_terms (PrArticleView      *self,
                                                    const char * const *terms);
double         pr_article_view_get_text_scale      (PrArticleView      *self);
void           pr_article_view_set_text_scale      (PrArticleView      *self,
                                                    double              scale);

GtkTextView   *pr_article_view_get_text_view       (PrArticleView      *self);
/* The link (an http, https or mailto URI) at a character offset of the
 * buffer, or NULL: other schemes are never links. */
const char    *pr_article_view_get_link_at_offset  (PrArticleView      *self,
                                                    int                 offset);
/* Emits ::activate-link for the link at @offset; FALSE when there is none. */
gboolean       pr_article_view_activate_link_at_offset (PrArticleView  *self,
                                                    int                 offset);

/* Find in article: shows the find bar; next/previous select the match. */
void           pr_article_view_start_find          (PrArticleView      *self);
void           pr_article_view_set_find_text       (PrArticleView      *self,
                                                    const char         *text);
gboolean       pr_article_view_find_next           (PrArticleView      *self);
gboolean       pr_article_view_find_previous       (PrArticleView      *self);
/* The number of matches of the find text; the current one (1-based, 0 for
 * none) in @current. */
guint          pr_article_view_get_find_matches    (PrArticleView      *self,
                                                    guint              *current);

/* The citation (title, source, date, first link), with the selection
 * before it if there is one. Copy puts it on the clipboard. */
char          *pr_article_view_dup_citation        (PrArticleView      *self);
void           pr_article_view_copy_citation       (PrArticleView      *self);

G_END_DECLS
