/* pr-entity.h: an organisation or a person named in a release */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PR_ENTITY_ORGANIZATION,
  PR_ENTITY_PERSON,
} PrEntityKind;

#define PR_TYPE_ENTITY_KIND (pr_entity_kind_get_type ())
GType pr_entity_kind_get_type (void);

#define PR_TYPE_ENTITY (pr_entity_get_type ())
G_DECLARE_FINAL_TYPE (PrEntity, pr_entity, PR, ENTITY, GObject)

/* The detail is an organisation's acronym or a person's role. */
PrEntity     *pr_entity_new         (PrEntityKind  kind,
                                     const char   *name,
                                     const char   *detail);
PrEntityKind  pr_entity_get_kind    (PrEntity     *self);
const char   *pr_entity_get_name    (PrEntity     *self);
const char   *pr_entity_get_detail  (PrEntity     *self);
void          pr_entity_set_detail  (PrEntity     *self,
                                     const char   *detail);

G_END_DECLS
