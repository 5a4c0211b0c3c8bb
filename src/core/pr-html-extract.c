/* pr-html-extract.c: finding a page's release text
 *
 * Page furniture goes first: by tag (navigation, header, footer, aside,
 * forms, scripts, embedded objects), by ARIA role, by words in class and
 * id (share, cookie, related, newsletter, menu, sidebar, ad, …) and when
 * hidden. The body is then the element under which the paragraphs hold
 * the most text that is not link text (each paragraph counts for its
 * parent, half for its grandparent, as Readability does), weighed by its
 * link density, with those of its siblings that read like part of it.
 */
#include <string.h>

#include "pr-html-private.h"

/* A paragraph counts from this many characters (not link text). */
#define MIN_PARAGRAPH 25
/* A class or id word only removes an element this small, when the element
 * also has a word like "article" or "content" ("article-share" is a share
 * bar, "content-sidebar-layout" may be the page). */
#define PROTECTED_TEXT 200

/* ---- Furniture ---------------------------------------------------------- */

static const char * const furniture_tags[] = {
  "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "iframe", "frame",
  "frameset", "svg", "math", "template", "button", "select", "input", "textarea", "object",
  "embed", "canvas", "audio", "video", "dialog", "menu", "link", "meta", "title", "head", NULL,
};

static const char * const furniture_roles[] = {
  "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
  "dialog", "alertdialog", "toolbar", "tablist", NULL,
};

static const char * const furniture_words[] = {
  "share", "sharing", "social", "cookie", "cookies", "consent", "gdpr", "related", "newsletter",
  "subscribe", "subscription", "breadcrumb", "breadcrumbs", "menu", "navbar", "sidebar",
  "promo", "ad", "ads", "advert", "advertisement", "sponsored", "popup", "modal", NULL,
};

static const char * const content_words[] = {
  "article", "body", "content", "main", "story", "release", "entry", "post", "text", NULL,
};

/* "share-bar", "shareBar", "ad_slot" → their words, lower case. */
static gboolean
has_word_of (const char         *value,
             const char * const *words)
{
  const char *p = value;

  while (p != NULL && *p)
    {
      const char *start;
      char word[32];
      gsize n;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p) && !(p > start && g_ascii_isupper (*p) && g_ascii_islower (p[-1])))
        p++;
      n = p - start;
      if (n == 0 || n >= sizeof word)
        continue;
      for (gsize i = 0; i < n; i++)
        word[i] = g_ascii_tolower (start[i]);
      word[n] = '\0';
      if (g_strv_contains (words, word))
        return TRUE;
    }
  return FALSE;
}

static gboolean
names_any (xmlNode            *node,
           const char * const *words)
{
  return has_word_of (pr_html_attr (node, "class"), words) || has_word_of (pr_html_attr (node, "id"), words);
}

static gboolean
is_hidden (xmlNode *node)
{
  const char *style = pr_html_attr (node, "style");
  g_autofree char *compact = NULL;

  if (pr_html_attr (node, "hidden") != NULL || g_strcmp0 (pr_html_attr (node, "aria-hidden"), "true") == 0)
    return TRUE;
  if (style == NULL)
    return FALSE;
  compact = g_ascii_strdown (style, -1);
  g_strdelimit (compact, " \t\n\r", ' ');
  {
    g_auto(GStrv) parts = g_strsplit (compact, " ", -1);
    g_autofree char *joined = g_strjoinv ("", parts);

    return strstr (joined, "display:none") != NULL || strstr (joined, "visibility:hidden") != NULL;
  }
}

static gsize
text_length (xmlNode *node)
{
  g_autofree char *text = pr_html_text (node);

  return g_utf8_strlen (text, -1);
}

static gboolean
is_furniture (xmlNode *node,
              xmlNode *root)
{
  const char *role;

  if (node == root)
    return FALSE;
  if (g_strv_contains (furniture_tags, (const char *) node->name))
    return TRUE;
  role = pr_html_attr (node, "role");
  if (role != NULL && g_strv_contains (furniture_roles, role))
    return TRUE;
  if (is_hidden (node))
    return TRUE;
  if (pr_html_is (node, "html") || pr_html_is (node, "body") || pr_html_is (node, "main") ||
      pr_html_is (node, "article") || !names_any (node, furniture_words))
    return FALSE;
  return !names_any (node, content_words) || text_length (node) < PROTECTED_TEXT;
}

typedef struct {
  xmlNode   *root;
  GPtrArray *doomed;
} FurnitureState;

static gboolean
furniture_enter (xmlNode  *node,
                 gpointer  data)
{
  FurnitureState *state = data;

  if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE || node->type == XML_DTD_NODE)
    {
      g_ptr_array_add (state->doomed, node);
      return FALSE;
    }
  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
  if (is_furniture (node, state->root))
    {
      g_ptr_array_add (state->doomed, node);
      return FALSE;
    }
  return TRUE;
}

void
pr_html_remove_furniture (xmlNode *root)
{
  FurnitureState state = { root, g_ptr_array_new () };

  pr_html_walk (root, furniture_enter, NULL, &state);
  for (guint i = 0; i < state.doomed->len; i++)
    {
      xmlNode *node = g_ptr_array_index (state.doomed, i);

      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }
  g_ptr_array_unref (state.doomed);
}

/* ---- Text and link density --------------------------------------------- */

typedef struct {
  gsize  text;     /* characters other than white space */
  gsize  links;    /* … of them inside <a> */
  gsize  own;      /* … in text nodes that are children of this element */
  double score;
} Stats;

typedef struct {
  GArray *stats;   /* Stats; node->_private holds index + 1 */
  guint   in_link;
} StatsState;

static Stats *
stats_of (GArray  *stats,
          xmlNode *node)
{
  guint index = GPOINTER_TO_UINT (node->_private);

  return index > 0 && index <= stats->len ? &g_array_index (stats, Stats, index - 1) : NULL;
}

static gsize
count_chars (const char *text)
{
  gsize n = 0;

  for (const guchar *p = (const guchar *) text; *p; p++)
    n += (*p & 0xC0) != 0x80 && !g_ascii_isspace (*p);
  return n;
}

static gboolean
stats_enter (xmlNode  *node,
             gpointer  data)
{
  StatsState *state = data;
  Stats zero = { 0 };

  if (node->type == XML_ELEMENT_NODE)
    {
      g_array_append_val (state->stats, zero);
      node->_private = GUINT_TO_POINTER (state->stats->len);
      state->in_link += pr_html_is (node, "a");
      return TRUE;
    }
  if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
      node->content != NULL && node->parent != NULL)
    {
      Stats *parent = stats_of (state->stats, node->parent);
      gsize n = count_chars ((const char *) node->content);

      if (parent != NULL)
        {
          parent->text += n;
          parent->own += n;
          if (state->in_link > 0)
            parent->links += n;
        }
    }
  return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
}

static void
stats_leave (xmlNode  *node,
             gpointer  data)
{
  StatsState *state = data;
  Stats *stats, *parent;

  if (node->type != XML_ELEMENT_NODE)
    return;
  state->in_link -= pr_html_is (node, "a");
  stats = stats_of (state->stats, node);
  parent = node->parent != NULL ? stats_of (state->stats, node->parent) : NULL;
  if (stats != NULL && parent != NULL)
    {
      parent->text += stats->text;
      parent->links += stats->links;
    }
}

static double
link_density (const Stats *stats)
{
  return stats->text > 0 ? (double) stats->links / stats->text : 0;
}

/* ---- Candidates --------------------------------------------------------- */

static gboolean
is_paragraph (xmlNode     *node,
              const Stats *stats)
{
  if (pr_html_is (node, "p") || pr_html_is (node, "pre") || pr_html_is (node, "td"))
    return TRUE;
  /* A <div> with text of its own reads as a paragraph. */
  return (pr_html_is (node, "div") || pr_html_is (node, "section") || pr_html_is (node, "article") ||
          pr_html_is (node, "font") || pr_html_is (node, "span")) &&
         stats->own >= MIN_PARAGRAPH;
}

typedef struct {
  GArray    *stats;
  GPtrArray *candidates;  /* xmlNode: scored parents and grandparents */
} ScoreState;

static void
add_score (ScoreState *state,
           xmlNode    *node,
           double      score)
{
  Stats *stats;

  if (node == NULL || node->type != XML_ELEMENT_NODE || (stats = stats_of (state->stats, node)) == NULL)
    return;
  if (stats->score == 0)
    g_ptr_array_add (state->candidates, node);
  stats->score += score;
}

static gboolean
score_enter (xmlNode  *node,
             gpointer  data)
{
  ScoreState *state = data;
  Stats *stats;

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
  stats = stats_of (state->stats, node);
  if (stats != NULL && is_paragraph (node, stats) && stats->text - stats->links >= MIN_PARAGRAPH)
    {
      /* The paragraph's text, less its links. */
      double score = stats->text - stats->links;

      add_score (state, node->parent, score);
      if (node->parent != NULL)
        add_score (state, node->parent->parent, score / 2);
    }
  return !pr_html_is (node, "p");
}

/* Whether a sibling of the best candidate is part of the body. */
static gboolean
belongs (xmlNode     *node,
         const Stats *stats,
         double       threshold)
{
  gsize plain;

  if (stats == NULL)
    return FALSE;
  if (stats->score * (1 - link_density (stats)) >= threshold)
    return TRUE;
  plain = stats->text - stats->links;
  if (!pr_html_is (node, "p"))
    return FALSE;
  return (plain >= 80 && link_density (stats) < 0.25) || (plain > 0 && stats->links == 0);
}

/* Between two parts of the body: headings, lists, tables, short paragraphs. */
static gboolean
fills_gap (xmlNode     *node,
           const Stats *stats)
{
  static const char * const kinds[] = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "figure",
    "div", "section", "br", "hr", NULL,
  };

  return node->type == XML_ELEMENT_NODE && g_strv_contains (kinds, (const char *) node->name) &&
         stats != NULL && link_density (stats) < 0.5;
}

static gboolean
clear_enter (xmlNode  *node,
             gpointer  data)
{
  node->_private = NULL;
  return TRUE;
}

GPtrArray *
pr_html_extract_body (xmlNode *root)
{
  StatsState stats_state = { g_array_new (FALSE, FALSE, sizeof (Stats)), 0 };
  ScoreState score_state = { stats_state.stats, g_ptr_array_new () };
  GPtrArray *body = g_ptr_array_new ();
  xmlNode *best = NULL;
  double best_score = 0;

  pr_html_walk (root, stats_enter, stats_leave, &stats_state);
  pr_html_walk (root, score_enter, NULL, &score_state);

  for (guint i = 0; i < score_state.candidates->len; i++)
    {
      xmlNode *node = g_ptr_array_index (score_state.candidates, i);
      Stats *stats = stats_of (stats_state.stats, node);
      double score = stats->score * (1 - link_density (stats));

      if (score > best_score)
        {
          best = node;
          best_score = score;
        }
    }

  if (best != NULL && best->parent != NULL)
    {
      double threshold = MAX (MIN_PARAGRAPH, best_score * 0.2);
      xmlNode *first = NULL, *last = NULL;

      for (xmlNode *sibling = best->parent->children; sibling != NULL; sibling = sibling->next)
        if (sibling == best ||
            (sibling->type == XML_ELEMENT_NODE &&
             belongs (sibling, stats_of (stats_state.stats, sibling), threshold)))
          {
            if (first == NULL)
              first = sibling;
            last = sibling;
          }
      /* From the first part to the last, with what fills the gaps. */
      for (xmlNode *node = first; node != NULL; node = node->next)
        {
          Stats *stats = stats_of (stats_state.stats, node);

          if (node->type == XML_ELEMENT_NODE &&
              (node == best || belongs (node, stats, threshold) || fills_gap (node, stats)))
            g_ptr_array_add (body, node);
          if (node == last)
            break;
        }
    }
  else
    {
      /* No paragraph anywhere: the whole page, unless it is all links. */
      Stats *stats = stats_of (stats_state.stats, root);

      if (stats != NULL && stats->text - stats->links >= MIN_PARAGRAPH)
        g_ptr_array_add (body, root);
    }

  pr_html_walk (root, clear_enter, NULL, NULL);
  g_ptr_array_unref (score_state.candidates);
  g_array_unref (stats_state.stats);
  return body;
}
