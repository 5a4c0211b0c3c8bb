/* pr-html-private.h: what the files of the HTML reader share
 *
 * pr-html.c reads the page and puts the parts together; pr-html-meta.c
 * reads the metadata, pr-html-select.c the selectors and site profiles,
 * pr-html-extract.c finds the body, pr-html-render.c turns it into text. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* ---- The tree ---------------------------------------------------------- */

/* Called on entering a node; FALSE skips its children (and its leave). */
typedef gboolean (*PrHtmlEnterFunc) (xmlNode  *node,
                                     gpointer  data);
typedef void     (*PrHtmlLeaveFunc) (xmlNode  *node,
                                     gpointer  data);

/* Visits @root and everything below it in document order, without
 * recursion (a page may nest as deep as its parser allows). The callbacks
 * must not unlink nodes: collect them and unlink after the walk. */
void        pr_html_walk          (xmlNode          *root,
                                   PrHtmlEnterFunc   enter,
                                   PrHtmlLeaveFunc   leave,
                                   gpointer          data);

/* An element named @tag (the HTML parser lower-cases names). */
gboolean    pr_html_is            (xmlNode          *node,
                                   const char       *tag);
/* An attribute's value as stored (not copied), or NULL. */
const char *pr_html_attr          (xmlNode          *node,
                                   const char       *name);
/* TRUE when the class attribute holds @class_name as one of its words. */
gboolean    pr_html_has_class     (xmlNode          *node,
                                   const char       *class_name);
/* The text below @node with white space collapsed and trimmed. */
char       *pr_html_text          (xmlNode          *node);
/* An http:// or https:// URL. */
gboolean    pr_html_is_web_url    (const char       *text);
/* TRUE when an ancestor of @node (not @node) is one of @tags (NULL-ended). */
gboolean    pr_html_inside        (xmlNode          *node,
                                   const char * const *tags);

/* ---- Metadata (pr-html-meta.c) ----------------------------------------- */

typedef struct {
  char      *headline;    /* the most trusted one */
  int        headline_trust; /* 3 JSON-LD, 2 OpenGraph, 1 <h1>, 0 <title> */
  char      *date;        /* YYYY-MM-DD */
  char      *canonical;   /* an http(s) URL: <link rel=canonical>, og:url */
  char      *host;        /* the canonical URL's host, lower case */
  char      *site_name;   /* og:site_name */
  char      *publisher;   /* JSON-LD publisher.name */
  GPtrArray *people;      /* char*: JSON-LD authors and subjects that are people */
  GPtrArray *orgs;        /* char*: … that are organisations */
} PrHtmlMeta;

void        pr_html_meta_read     (xmlDoc           *doc,
                                   PrHtmlMeta       *meta);
void        pr_html_meta_clear    (PrHtmlMeta       *meta);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrHtmlMeta, pr_html_meta_clear)
/* "2020-10-27T09:00:00-04:00", "27 Oct 2020" → "2020-10-27", or NULL. */
char       *pr_html_meta_iso_date (const char       *value);
/* The same letters and digits, case aside ("Acme, Inc." and "ACME Inc"). */
gboolean    pr_html_same_name     (const char       *a,
                                   const char       *b);
/* "Headline | Site", "Site - Headline": the headline, with @site_name (may
 * be NULL) or else the shorter part taken for the site; NULL when @title
 * is nothing but the site. */
char       *pr_html_meta_strip_site (const char     *title,
                                     const char     *site_name);

/* ---- Selectors and site profiles (pr-html-select.c) --------------------- */

/* tag, .class, #id, [attr=value] and their compounds (tag.class#id),
 * with descendant combinators ("section.body p"). */
typedef struct _PrHtmlSelector PrHtmlSelector;

PrHtmlSelector *pr_html_selector_parse   (const char           *text);
void            pr_html_selector_free    (PrHtmlSelector       *selector);
gboolean        pr_html_selector_matches (const PrHtmlSelector *selector,
                                          xmlNode              *node);
/* The first element below @root (or @root) that matches, or NULL. */
xmlNode        *pr_html_select_first     (xmlNode              *root,
                                          const PrHtmlSelector *selector);
/* Every element that matches, in document order, none inside another. */
GPtrArray      *pr_html_select_all       (xmlNode              *root,
                                          const PrHtmlSelector *selector);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrHtmlSelector, pr_html_selector_free)

typedef struct {
  char      *name;
  char      *source;      /* the canonical wire name, or NULL */
  char     **hosts;       /* host suffixes */
  GPtrArray *markers;     /* PrHtmlSelector: any of them present */
  GPtrArray *body;        /* … the first that matches is the body */
  GPtrArray *headline;
  GPtrArray *date;        /* its datetime, content or text */
  GPtrArray *place;       /* the dateline's place … */
  GPtrArray *place_date;  /* … and date, as the page marks them */
  GPtrArray *remove;      /* dropped from the body */
} PrHtmlProfile;

/* The profiles of data/site-profiles.json (loaded once). */
GPtrArray      *pr_html_profiles         (void);
/* Parses a profile table; FALSE with @error (G_IO_ERROR_INVALID_DATA)
 * on a table or selector that is not well formed. */
GPtrArray      *pr_html_profiles_parse   (const char           *json,
                                          gsize                 length,
                                          GError              **error);
/* The profile for a page: by its host, else by a marker element. */
PrHtmlProfile  *pr_html_profile_find     (GPtrArray            *profiles,
                                          xmlNode              *root,
                                          const char           *host,
                                          gboolean             *by_host);
/* The first element matching one of @selectors, or NULL. */
xmlNode        *pr_html_select_any       (xmlNode              *root,
                                          GPtrArray            *selectors);

/* ---- The body (pr-html-extract.c) --------------------------------------- */

/* Unlinks and frees navigation, headers, footers, forms, scripts, share
 * bars, cookie banners, related-news lists and other page furniture. */
void        pr_html_remove_furniture (xmlNode       *root);
/* The densest block of paragraphs below @root, with the siblings that
 * belong to it: elements in document order, or an empty array. */
GPtrArray  *pr_html_extract_body  (xmlNode          *root);

/* ---- Text (pr-html-render.c) -------------------------------------------- */

/* The plain-text rendition of @roots (docs/parser.md): paragraphs
 * separated by blank lines, "• " items, tab-separated table rows, links
 * as "text (URL)", images as "[Image: alt] (URL)". The first <h1>/<h2>
 * that repeats @headline is left out; relative links are resolved against
 * @base_url (may be NULL). At most @max_length bytes. */
char       *pr_html_render        (GPtrArray        *roots,
                                   const char       *headline,
                                   const char       *base_url,
                                   gsize             max_length);
/* A link's target as kept: http(s) or mailto, tracking wrappers
 * unwrapped, relative URLs resolved; NULL for anything else. */
char       *pr_html_link_target   (const char       *href,
                                   const char       *base_url);

G_END_DECLS
