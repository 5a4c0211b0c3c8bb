/* pr-release.h: one press release, as parsed or as stored */
#pragma once

#include <glib-object.h>

#include "pr-contact.h"
#include "pr-entity.h"

G_BEGIN_DECLS

typedef enum {
  PR_BLOCK_PARAGRAPH,
  PR_BLOCK_LIST_ITEM,
  PR_BLOCK_TABLE,
  PR_BLOCK_HEADING,
} PrBlockKind;

#define PR_TYPE_BLOCK_KIND (pr_block_kind_get_type ())
GType pr_block_kind_get_type (void);

const char *pr_block_kind_to_string   (PrBlockKind  kind);
gboolean    pr_block_kind_from_string (const char  *str,
                                       PrBlockKind *kind);

/* A body block: a paragraph, a list item, a preformatted table or a heading. */
typedef struct {
  PrBlockKind kind;
  char *text;
} PrBlock;

#define PR_TYPE_BLOCK (pr_block_get_type ())
GType    pr_block_get_type (void);
PrBlock *pr_block_new      (PrBlockKind    kind,
                            const char    *text);
PrBlock *pr_block_copy     (const PrBlock *block);
void     pr_block_free     (PrBlock       *block);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrBlock, pr_block_free)

/* Scalar string fields; the order is that of the properties. */
typedef enum {
  PR_FIELD_ID,
  PR_FIELD_TITLE,
  PR_FIELD_SUBTITLE,
  PR_FIELD_DATE,          /* YYYY-MM-DD, or NULL without a full date */
  PR_FIELD_DATELINE,      /* the dateline as printed */
  PR_FIELD_CITY,
  PR_FIELD_REGION,
  PR_FIELD_SOURCE,        /* canonical wire name */
  PR_FIELD_SOURCE_TAG,    /* the wire as printed */
  PR_FIELD_LANGUAGE,
  PR_FIELD_SUMMARY,
  PR_FIELD_ORIGIN,        /* file path or catalog the release came from */
  PR_FIELD_KIND,          /* the kind of news: earnings, deal, product…, see pr-facts.h */
  PR_N_FIELDS
} PrField;

/* String-list fields. */
typedef enum {
  PR_LIST_LINKS,
  PR_LIST_EMAILS,
  PR_LIST_PHONES,
  PR_LIST_TICKERS,
  PR_LIST_CONTACTS,       /* contact blocks, lines joined by \n */
  PR_LIST_ABOUT,          /* "About X" sections, heading first */
  PR_LIST_TRAILER,        /* SOURCE lines, notices, disclaimers */
  PR_LIST_ISSUERS,        /* who announces: one name, two for a joint release */
  PR_LIST_FLAGS,          /* the wire's headline markers: repeat, correction… */
  PR_N_LISTS
} PrList;

#define PR_TYPE_RELEASE (pr_release_get_type ())
G_DECLARE_FINAL_TYPE (PrRelease, pr_release, PR, RELEASE, GObject)

PrRelease          *pr_release_new                (void);

const char         *pr_release_get_field          (PrRelease    *self,
                                                   PrField       field);
void                pr_release_set_field          (PrRelease    *self,
                                                   PrField       field,
                                                   const char   *value);
const char * const *pr_release_get_list           (PrRelease    *self,
                                                   PrList        list);
void                pr_release_set_list           (PrRelease    *self,
                                                   PrList        list,
                                                   const char * const *values);

const char         *pr_release_get_title          (PrRelease    *self);
const char         *pr_release_get_date           (PrRelease    *self);
const char         *pr_release_get_source         (PrRelease    *self);
gboolean            pr_release_get_title_derived  (PrRelease    *self);
void                pr_release_set_title_derived  (PrRelease    *self,
                                                   gboolean      derived);

/* Body: an array of PrBlock. The setter takes ownership of nothing. */
GPtrArray          *pr_release_get_blocks         (PrRelease    *self);
void                pr_release_set_blocks         (PrRelease    *self,
                                                   GPtrArray    *blocks);
char              **pr_release_dup_body           (PrRelease    *self);

/* Organisations and people: arrays of PrEntity. */
GPtrArray          *pr_release_get_organizations  (PrRelease    *self);
void                pr_release_set_organizations  (PrRelease    *self,
                                                   GPtrArray    *organizations);
GPtrArray          *pr_release_get_people         (PrRelease    *self);
void                pr_release_set_people         (PrRelease    *self,
                                                   GPtrArray    *people);

/* The contact blocks read into PrContact objects (a new array). */
GPtrArray          *pr_release_dup_contacts       (PrRelease    *self);

guint               pr_release_get_word_count     (PrRelease    *self);
void                pr_release_set_word_count     (PrRelease    *self,
                                                   guint         word_count);

/* Library state, filled by the store. Times are Unix seconds, 0 for never. */
gint64              pr_release_get_store_id       (PrRelease    *self);
void                pr_release_set_store_id       (PrRelease    *self,
                                                   gint64        store_id);
/* The content id of the original of the release's group of copies
 * (pr-sketch.h), NULL when not known; its own id when it stands alone. */
const char         *pr_release_get_group          (PrRelease    *self);
void                pr_release_set_group          (PrRelease    *self,
                                                   const char   *group);
/* The languages of the other releases of its group, one per copy ("und"
 * when not known; empty when it stands alone): how many copies it has and
 * in which languages. */
const char * const *pr_release_get_copy_languages (PrRelease    *self);
void                pr_release_set_copy_languages (PrRelease    *self,
                                                   const char * const *languages);
gboolean            pr_release_get_read           (PrRelease    *self);
void                pr_release_set_read           (PrRelease    *self,
                                                   gboolean      read);
gboolean            pr_release_get_bookmarked     (PrRelease    *self);
void                pr_release_set_bookmarked     (PrRelease    *self,
                                                   gboolean      bookmarked);
gint64              pr_release_get_imported_at    (PrRelease    *self);
void                pr_release_set_imported_at    (PrRelease    *self,
                                                   gint64        when);
gint64              pr_release_get_read_at        (PrRelease    *self);
void                pr_release_set_read_at        (PrRelease    *self,
                                                   gint64        when);
gint64              pr_release_get_bookmarked_at  (PrRelease    *self);
void                pr_release_set_bookmarked_at  (PrRelease    *self,
                                                   gint64        when);

/* A stable content identity: a SHA-256 of the normalised title, date,
 * source and body. Stores it as the "id" field and returns it; computed
 * once until one of those is set again (blocks are not to be changed in
 * place, only through pr_release_set_blocks()). */
const char         *pr_release_compute_id         (PrRelease    *self);

/* Field-by-field equality of the parsed content (not library state). */
gboolean            pr_release_equal_content      (PrRelease    *a,
                                                   PrRelease    *b);

G_END_DECLS
