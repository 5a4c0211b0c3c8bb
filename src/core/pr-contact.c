/* pr-contact.c: a media or investor contact named in a release */
#include <string.h>

#include "pr-contact.h"
#include "pr-extract.h"

struct _PrContact
{
  GObject parent_instance;
  char *fields[6];
};

G_DEFINE_FINAL_TYPE (PrContact, pr_contact, G_TYPE_OBJECT)

/* The order of fields[]: one property each, all read-only after construction. */
enum {
  PROP_0,
  PROP_TEXT,
  PROP_LABEL,
  PROP_NAME,
  PROP_ORGANIZATION,
  PROP_EMAIL,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pr_contact_finalize (GObject *object)
{
  PrContact *self = PR_CONTACT (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    g_clear_pointer (&self->fields[i], g_free);

  G_OBJECT_CLASS (pr_contact_parent_class)->finalize (object);
}

static void
pr_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrContact *self = PR_CONTACT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pr_contact_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrContact *self = PR_CONTACT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      g_free (self->fields[prop_id - 1]);
      self->fields[prop_id - 1] = g_value_dup_string (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pr_contact_class_init (PrContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "text", "label", "name", "organization", "email", "phone" };

  object_class->finalize = pr_contact_finalize;
  object_class->get_property = pr_contact_get_property;
  object_class->set_property = pr_contact_set_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties[PROP_TEXT + i] =
      g_param_spec_string (names[i], NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_contact_init (PrContact *self)
{
}

static gboolean
is_label (const char *line)
{
  gsize len = strlen (line);

  /* "Media Contact:", "CONTACT:", "Investor relations contact" */
  return len > 0 && len < 60 && (line[len - 1] == ':' ||
                                 g_regex_match_simple ("contact|kontakt|contacto|inquiries|enquiries|联系",
                                                       line, G_REGEX_CASELESS, 0));
}

PrContact *
pr_contact_new_from_text (const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) phones = NULL;
  const char *label = NULL;
  const char *plain[2] = { NULL, NULL };
  guint n_plain = 0;
  g_autofree char *inline_rest = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  emails = pr_extract_emails (text);
  phones = pr_extract_phones (text);

  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *colon;

      if (*line == '\0')
        continue;
      if (i == 0 && label == NULL && (colon = strchr (line, ':')) != NULL && is_label (line) &&
          colon[1] != '\0')
        {
          /* "CONTACT: Pooja Singh, pooja.singh@example.com" */
          *(char *) colon = '\0';
          label = line;
          inline_rest = g_strstrip (g_strdup (colon + 1));
          continue;
        }
      if (i == 0 && is_label (line))
        {
          label = line;
          continue;
        }
      /* Lines that are only an address, a number or a link are no names. */
      if (strchr (line, '@') != NULL || strstr (line, "://") != NULL ||
          g_regex_match_simple ("^[+()0-9 .\\-]+$|^(?:Tel|Phone|Email|E-mail|Fax|Mobile|Web)\\b",
                                line, G_REGEX_CASELESS, 0))
        continue;
      if (n_plain < G_N_ELEMENTS (plain))
        plain[n_plain++] = line;
    }

  /* "Pooja Singh, pooja.singh@…" after an inline label: the name before a comma. */
  if (n_plain == 0 && inline_rest != NULL)
    {
      char *comma = strchr (inline_rest, ',');

      if (comma != NULL)
        *comma = '\0';
      if (strchr (inline_rest, '@') == NULL)
        plain[n_plain++] = g_strstrip (inline_rest);
    }

  return g_object_new (PR_TYPE_CONTACT,
                       "text", text,
                       "label", label,
                       "name", plain[0],
                       "organization", plain[1],
                       "email", emails[0],
                       "phone", phones[0],
                       NULL);
}

const char *
pr_contact_get_text (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_TEXT - 1];
}

const char *
pr_contact_get_label (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_LABEL - 1];
}

const char *
pr_contact_get_name (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_NAME - 1];
}

const char *
pr_contact_get_organization (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_ORGANIZATION - 1];
}

const char *
pr_contact_get_email (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_EMAIL - 1];
}

const char *
pr_contact_get_phone (PrContact *self)
{
  g_return_val_if_fail (PR_IS_CONTACT (self), NULL);
  return self->fields[PROP_PHONE - 1];
}
