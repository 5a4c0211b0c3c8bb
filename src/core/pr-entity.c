/* pr-entity.c: an organisation or a person named in a release */
#include "pr-entity.h"
#include "pr-util.h"

struct _PrEntity
{
  GObject parent_instance;
  PrEntityKind kind;
  char *name;
  char *detail;
};

G_DEFINE_FINAL_TYPE (PrEntity, pr_entity, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PrEntityKind, pr_entity_kind,
  G_DEFINE_ENUM_VALUE (PR_ENTITY_ORGANIZATION, "organization"),
  G_DEFINE_ENUM_VALUE (PR_ENTITY_PERSON, "person"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pr_entity_finalize (GObject *object)
{
  PrEntity *self = PR_ENTITY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (pr_entity_parent_class)->finalize (object);
}

static void
pr_entity_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PrEntity *self = PR_ENTITY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_entity_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PrEntity *self = PR_ENTITY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_NAME:
      pr_set_str (&self->name, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      pr_entity_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_entity_class_init (PrEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pr_entity_finalize;
  object_class->get_property = pr_entity_get_property;
  object_class->set_property = pr_entity_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PR_TYPE_ENTITY_KIND, PR_ENTITY_ORGANIZATION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_entity_init (PrEntity *self)
{
}

PrEntity *
pr_entity_new (PrEntityKind  kind,
               const char   *name,
               const char   *detail)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (PR_TYPE_ENTITY, "kind", kind, "name", name, "detail", detail, NULL);
}

PrEntityKind
pr_entity_get_kind (PrEntity *self)
{
  g_return_val_if_fail (PR_IS_ENTITY (self), PR_ENTITY_ORGANIZATION);
  return self->kind;
}

const char *
pr_entity_get_name (PrEntity *self)
{
  g_return_val_if_fail (PR_IS_ENTITY (self), NULL);
  return self->name;
}

const char *
pr_entity_get_detail (PrEntity *self)
{
  g_return_val_if_fail (PR_IS_ENTITY (self), NULL);
  return self->detail;
}

void
pr_entity_set_detail (PrEntity   *self,
                      const char *detail)
{
  g_return_if_fail (PR_IS_ENTITY (self));

  if (pr_set_str (&self->detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}
