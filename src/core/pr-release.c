/* pr-release.c: one press release, as parsed or as stored */
#include <string.h>

#include "pr-release.h"
#include "pr-util.h"

struct _PrRelease
{
  GObject parent_instance;

  char *fields[PR_N_FIELDS];
  char **lists[PR_N_LISTS];
  GPtrArray *blocks;         /* PrBlock */
  GPtrArray *organizations;  /* PrEntity */
  GPtrArray *people;         /* PrEntity */
  guint word_count;
  guint title_derived : 1;
  guint read : 1;
  guint bookmarked : 1;
  guint id_current : 1;      /* the id field is the content's, computed */
  gint64 store_id;
  gint64 imported_at;
  gint64 read_at;
  gint64 bookmarked_at;
  char *group;               /* the content id of its group's original */
  char **copy_languages;     /* one per other member of its group */
};

G_DEFINE_FINAL_TYPE (PrRelease, pr_release, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PrBlockKind, pr_block_kind,
  G_DEFINE_ENUM_VALUE (PR_BLOCK_PARAGRAPH, "paragraph"),
  G_DEFINE_ENUM_VALUE (PR_BLOCK_LIST_ITEM, "list-item"),
  G_DEFINE_ENUM_VALUE (PR_BLOCK_TABLE, "table"),
  G_DEFINE_ENUM_VALUE (PR_BLOCK_HEADING, "heading"))

G_DEFINE_BOXED_TYPE (PrBlock, pr_block, pr_block_copy, pr_block_free)

/* Property ids: the string fields, then the lists, then the rest. */
enum {
  PROP_0,
  PROP_FIELD_FIRST,
  PROP_LIST_FIRST = PROP_FIELD_FIRST + PR_N_FIELDS,
  PROP_TITLE_DERIVED = PROP_LIST_FIRST + PR_N_LISTS,
  PROP_BODY,
  PROP_ORGANIZATIONS,
  PROP_PEOPLE,
  PROP_WORD_COUNT,
  PROP_STORE_ID,
  PROP_READ,
  PROP_BOOKMARKED,
  PROP_IMPORTED_AT,
  PROP_READ_AT,
  PROP_BOOKMARKED_AT,
  PROP_GROUP,
  PROP_COPY_LANGUAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const field_names[PR_N_FIELDS] = {
  "id", "title", "subtitle", "date", "dateline", "city", "region",
  "source", "source-tag", "language", "summary", "origin", "kind",
};

static const char * const list_names[PR_N_LISTS] = {
  "links", "emails", "phones", "tickers", "contacts", "about", "trailer",
  "issuers", "flags",
};

const char *
pr_block_kind_to_string (PrBlockKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PR_TYPE_BLOCK_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value != NULL ? value->value_nick : "paragraph";
}

gboolean
pr_block_kind_from_string (const char  *str,
                           PrBlockKind *kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PR_TYPE_BLOCK_KIND);
  GEnumValue *value;

  if (str == NULL || (value = g_enum_get_value_by_nick (klass, str)) == NULL)
    return FALSE;

  *kind = value->value;
  return TRUE;
}

PrBlock *
pr_block_new (PrBlockKind  kind,
              const char  *text)
{
  PrBlock *block = g_new0 (PrBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  return block;
}

PrBlock *
pr_block_copy (const PrBlock *block)
{
  return pr_block_new (block->kind, block->text);
}

void
pr_block_free (PrBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  g_free (block);
}

static GPtrArray *
copy_array (GPtrArray *array,
            gboolean   objects)
{
  GPtrArray *copy;

  if (objects)
    copy = g_ptr_array_new_with_free_func (g_object_unref);
  else
    copy = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);

  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      gpointer item = g_ptr_array_index (array, i);
      g_ptr_array_add (copy, objects ? g_object_ref (item) : (gpointer) pr_block_copy (item));
    }

  return copy;
}

static void
pr_release_finalize (GObject *object)
{
  PrRelease *self = PR_RELEASE (object);

  for (guint i = 0; i < PR_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  for (guint i = 0; i < PR_N_LISTS; i++)
    g_clear_pointer (&self->lists[i], g_strfreev);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->copy_languages, g_strfreev);

  G_OBJECT_CLASS (pr_release_parent_class)->finalize (object);
}

static void
pr_release_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrRelease *self = PR_RELEASE (object);

  if (prop_id >= PROP_FIELD_FIRST && prop_id < PROP_LIST_FIRST)
    {
      g_value_set_string (value, self->fields[prop_id - PROP_FIELD_FIRST]);
      return;
    }
  if (prop_id >= PROP_LIST_FIRST && prop_id < PROP_TITLE_DERIVED)
    {
      g_value_set_boxed (value, self->lists[prop_id - PROP_LIST_FIRST]);
      return;
    }

  switch (prop_id)
    {
    case PROP_TITLE_DERIVED:
      g_value_set_boolean (value, self->title_derived);
      break;
    case PROP_BODY:
      g_value_take_boxed (value, pr_release_dup_body (self));
      break;
    case PROP_ORGANIZATIONS:
      g_value_set_boxed (value, self->organizations);
      break;
    case PROP_PEOPLE:
      g_value_set_boxed (value, self->people);
      break;
    case PROP_WORD_COUNT:
      g_value_set_uint (value, self->word_count);
      break;
    case PROP_STORE_ID:
      g_value_set_int64 (value, self->store_id);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_COPY_LANGUAGES:
      g_value_set_boxed (value, pr_release_get_copy_languages (self));
      break;
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;
    case PROP_BOOKMARKED:
      g_value_set_boolean (value, self->bookmarked);
      break;
    case PROP_IMPORTED_AT:
      g_value_set_int64 (value, self->imported_at);
      break;
    case PROP_READ_AT:
      g_value_set_int64 (value, self->read_at);
      break;
    case PROP_BOOKMARKED_AT:
      g_value_set_int64 (value, self->bookmarked_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_release_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrRelease *self = PR_RELEASE (object);

  if (prop_id >= PROP_FIELD_FIRST && prop_id < PROP_LIST_FIRST)
    {
      pr_release_set_field (self, prop_id - PROP_FIELD_FIRST, g_value_get_string (value));
      return;
    }
  if (prop_id >= PROP_LIST_FIRST && prop_id < PROP_TITLE_DERIVED)
    {
      pr_release_set_list (self, prop_id - PROP_LIST_FIRST, g_value_get_boxed (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_TITLE_DERIVED:
      pr_release_set_title_derived (self, g_value_get_boolean (value));
      break;
    case PROP_ORGANIZATIONS:
      pr_release_set_organizations (self, g_value_get_boxed (value));
      break;
    case PROP_PEOPLE:
      pr_release_set_people (self, g_value_get_boxed (value));
      break;
    case PROP_WORD_COUNT:
      pr_release_set_word_count (self, g_value_get_uint (value));
      break;
    case PROP_STORE_ID:
      pr_release_set_store_id (self, g_value_get_int64 (value));
      break;
    case PROP_GROUP:
      pr_release_set_group (self, g_value_get_string (value));
      break;
    case PROP_COPY_LANGUAGES:
      pr_release_set_copy_languages (self, g_value_get_boxed (value));
      break;
    case PROP_READ:
      pr_release_set_read (self, g_value_get_boolean (value));
      break;
    case PROP_BOOKMARKED:
      pr_release_set_bookmarked (self, g_value_get_boolean (value));
      break;
    case PROP_IMPORTED_AT:
      pr_release_set_imported_at (self, g_value_get_int64 (value));
      break;
    case PROP_READ_AT:
      pr_release_set_read_at (self, g_value_get_int64 (value));
      break;
    case PROP_BOOKMARKED_AT:
      pr_release_set_bookmarked_at (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_release_class_init (PrReleaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pr_release_finalize;
  object_class->get_property = pr_release_get_property;
  object_class->set_property = pr_release_set_property;

  for (guint i = 0; i < PR_N_FIELDS; i++)
    properties[PROP_FIELD_FIRST + i] = g_param_spec_string (field_names[i], NULL, NULL, NULL, rw);
  for (guint i = 0; i < PR_N_LISTS; i++)
    properties[PROP_LIST_FIRST + i] = g_param_spec_boxed (list_names[i], NULL, NULL,
                                                          G_TYPE_STRV, rw);

  properties[PROP_TITLE_DERIVED] =
    g_param_spec_boolean ("title-derived", NULL, NULL, FALSE, rw);
  properties[PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATIONS] =
    g_param_spec_boxed ("organizations", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_PEOPLE] =
    g_param_spec_boxed ("people", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_WORD_COUNT] =
    g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_STORE_ID] =
    g_param_spec_int64 ("store-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE, rw);
  properties[PROP_BOOKMARKED] =
    g_param_spec_boolean ("bookmarked", NULL, NULL, FALSE, rw);
  properties[PROP_IMPORTED_AT] =
    g_param_spec_int64 ("imported-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_READ_AT] =
    g_param_spec_int64 ("read-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_BOOKMARKED_AT] =
    g_param_spec_int64 ("bookmarked-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL, rw);
  properties[PROP_COPY_LANGUAGES] =
    g_param_spec_boxed ("copy-languages", NULL, NULL, G_TYPE_STRV, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_release_init (PrRelease *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  self->organizations = g_ptr_array_new_with_free_func (g_object_unref);
  self->people = g_ptr_array_new_with_free_func (g_object_unref);
}

PrRelease *
pr_release_new (void)
{
  return g_object_new (PR_TYPE_RELEASE, NULL);
}

const char *
pr_release_get_field (PrRelease *self,
                      PrField    field)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  g_return_val_if_fail (field < PR_N_FIELDS, NULL);

  return self->fields[field];
}

void
pr_release_set_field (PrRelease  *self,
                      PrField     field,
                      const char *value)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  g_return_if_fail (field < PR_N_FIELDS);

  if (value != NULL && *value == '\0')
    value = NULL;

  if (field == PR_FIELD_ID || field == PR_FIELD_TITLE || field == PR_FIELD_DATE ||
      field == PR_FIELD_SOURCE)
    self->id_current = FALSE;
  if (pr_set_str (&self->fields[field], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_FIRST + field]);
}

const char * const *
pr_release_get_list (PrRelease *self,
                     PrList     list)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (PR_IS_RELEASE (self), empty);
  g_return_val_if_fail (list < PR_N_LISTS, empty);

  return self->lists[list] != NULL ? (const char * const *) self->lists[list] : empty;
}

void
pr_release_set_list (PrRelease          *self,
                     PrList              list,
                     const char * const *values)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  g_return_if_fail (list < PR_N_LISTS);

  if (values != NULL && self->lists[list] != NULL &&
      g_strv_equal (values, (const char * const *) self->lists[list]))
    return;

  g_strfreev (self->lists[list]);
  self->lists[list] = values != NULL && values[0] != NULL ? g_strdupv ((char **) values) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_FIRST + list]);
}

const char *
pr_release_get_title (PrRelease *self)
{
  return pr_release_get_field (self, PR_FIELD_TITLE);
}

const char *
pr_release_get_date (PrRelease *self)
{
  return pr_release_get_field (self, PR_FIELD_DATE);
}

const char *
pr_release_get_source (PrRelease *self)
{
  return pr_release_get_field (self, PR_FIELD_SOURCE);
}

gboolean
pr_release_get_title_derived (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), FALSE);
  return self->title_derived;
}

void
pr_release_set_title_derived (PrRelease *self,
                              gboolean   derived)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  derived = !!derived;
  if (self->title_derived == (guint) derived)
    return;
  self->title_derived = derived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_DERIVED]);
}

GPtrArray *
pr_release_get_blocks (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  return self->blocks;
}

void
pr_release_set_blocks (PrRelease *self,
                       GPtrArray *blocks)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->blocks = copy_array (blocks, FALSE);
  self->id_current = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

char **
pr_release_dup_body (PrRelease *self)
{
  GStrvBuilder *builder;
  char **body;

  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->blocks->len; i++)
    g_strv_builder_add (builder, ((PrBlock *) g_ptr_array_index (self->blocks, i))->text);
  body = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return body;
}

GPtrArray *
pr_release_get_organizations (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  return self->organizations;
}

void
pr_release_set_organizations (PrRelease *self,
                              GPtrArray *organizations)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  self->organizations = copy_array (organizations, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATIONS]);
}

GPtrArray *
pr_release_get_people (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  return self->people;
}

void
pr_release_set_people (PrRelease *self,
                       GPtrArray *people)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = copy_array (people, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEOPLE]);
}

GPtrArray *
pr_release_dup_contacts (PrRelease *self)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *blocks;

  g_return_val_if_fail (PR_IS_RELEASE (self), contacts);

  blocks = pr_release_get_list (self, PR_LIST_CONTACTS);
  for (guint i = 0; blocks[i]; i++)
    g_ptr_array_add (contacts, pr_contact_new_from_text (blocks[i]));
  return contacts;
}

guint
pr_release_get_word_count (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), 0);
  return self->word_count;
}

void
pr_release_set_word_count (PrRelease *self,
                           guint      word_count)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  if (self->word_count == word_count)
    return;
  self->word_count = word_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORD_COUNT]);
}

/* The state setters share one shape: store and notify on change. */
static void
set_int64 (PrRelease *self,
           gint64    *field,
           gint64     value,
           guint      prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
pr_release_get_store_id (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), 0);
  return self->store_id;
}

void
pr_release_set_store_id (PrRelease *self,
                         gint64     store_id)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  set_int64 (self, &self->store_id, store_id, PROP_STORE_ID);
}

const char *
pr_release_get_group (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  return self->group;
}

void
pr_release_set_group (PrRelease  *self,
                      const char *group)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  if (pr_set_str (&self->group, group))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

const char * const *
pr_release_get_copy_languages (PrRelease *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);
  return self->copy_languages != NULL ? (const char * const *) self->copy_languages : none;
}

void
pr_release_set_copy_languages (PrRelease          *self,
                               const char * const *languages)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  if (languages != NULL && languages[0] == NULL)
    languages = NULL;
  if (languages == NULL && self->copy_languages == NULL)
    return;
  if (languages != NULL && self->copy_languages != NULL &&
      g_strv_equal ((const char * const *) self->copy_languages, languages))
    return;
  g_strfreev (self->copy_languages);
  self->copy_languages = g_strdupv ((char **) languages);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPY_LANGUAGES]);
}

gboolean
pr_release_get_read (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), FALSE);
  return self->read;
}

void
pr_release_set_read (PrRelease *self,
                     gboolean   read)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  read = !!read;
  if (self->read == (guint) read)
    return;
  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
pr_release_get_bookmarked (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), FALSE);
  return self->bookmarked;
}

void
pr_release_set_bookmarked (PrRelease *self,
                           gboolean   bookmarked)
{
  g_return_if_fail (PR_IS_RELEASE (self));

  bookmarked = !!bookmarked;
  if (self->bookmarked == (guint) bookmarked)
    return;
  self->bookmarked = bookmarked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

gint64
pr_release_get_imported_at (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), 0);
  return self->imported_at;
}

void
pr_release_set_imported_at (PrRelease *self,
                            gint64     when)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  set_int64 (self, &self->imported_at, when, PROP_IMPORTED_AT);
}

gint64
pr_release_get_read_at (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), 0);
  return self->read_at;
}

void
pr_release_set_read_at (PrRelease *self,
                        gint64     when)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  set_int64 (self, &self->read_at, when, PROP_READ_AT);
}

gint64
pr_release_get_bookmarked_at (PrRelease *self)
{
  g_return_val_if_fail (PR_IS_RELEASE (self), 0);
  return self->bookmarked_at;
}

void
pr_release_set_bookmarked_at (PrRelease *self,
                              gint64     when)
{
  g_return_if_fail (PR_IS_RELEASE (self));
  set_int64 (self, &self->bookmarked_at, when, PROP_BOOKMARKED_AT);
}

/* Case-folded words only, so that re-wrapping or re-encoding a file does
 * not change its identity. The normalised text is hashed in one update
 * (ASCII text, the common case, without case-folding a copy). */
static void
checksum_normalized (GChecksum  *checksum,
                     const char *text)
{
  GString *normalized;
  gboolean space = FALSE;

  if (text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      return;
    }

  /* Case-folded letters and digits, one space for any run of anything
   * else. Case folding maps each character on its own, so ASCII is folded
   * here and only other characters go through g_utf8_casefold(). */
  normalized = g_string_sized_new (strlen (text) + 2);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          /* A run of ASCII written in place: at most one byte out per
           * byte in, and one space more. */
          const char *end = p;
          gsize had = normalized->len;
          char *out;

          while (*end != '\0' && (guchar) *end < 0x80)
            end++;
          g_string_set_size (normalized, had + (end - p) + 1);
          out = normalized->str + had;
          for (; p < end; p++)
            {
              if (g_ascii_isalnum (*p))
                {
                  if (space)
                    *out++ = ' ';
                  *out++ = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;
                  space = FALSE;
                }
              else
                space = TRUE;
            }
          g_string_truncate (normalized, out - normalized->str);
          /* The loop steps past the run's last byte. */
          p--;
        }
      else
        {
          /* A run of non-ASCII characters at once: Chinese text is one. */
          const char *end = p;
          g_autofree char *folded = NULL;

          while ((guchar) *end >= 0x80)
            end = g_utf8_next_char (end);
          folded = g_utf8_casefold (p, end - p);
          p = g_utf8_prev_char (end);

          for (const char *f = folded; *f; f = g_utf8_next_char (f))
            {
              gunichar c = g_utf8_get_char (f);

              if (g_unichar_isalnum (c))
                {
                  if (space)
                    g_string_append_c (normalized, ' ');
                  g_string_append_unichar (normalized, c);
                  space = FALSE;
                }
              else
                space = TRUE;
            }
        }
    }
  g_string_append_c (normalized, '\x1f');
  g_checksum_update (checksum, (const guchar *) normalized->str, normalized->len);
  g_string_free (normalized, TRUE);
}

const char *
pr_release_compute_id (PrRelease *self)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (PR_IS_RELEASE (self), NULL);

  /* The parser computes it and the store asks again: the setters of the
   * fields it covers say when it must be computed anew. */
  if (self->id_current && self->fields[PR_FIELD_ID] != NULL)
    return self->fields[PR_FIELD_ID];

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  checksum_normalized (checksum, self->fields[PR_FIELD_TITLE]);
  checksum_normalized (checksum, self->fields[PR_FIELD_DATE]);
  checksum_normalized (checksum, self->fields[PR_FIELD_SOURCE]);
  for (guint i = 0; i < self->blocks->len; i++)
    checksum_normalized (checksum, ((PrBlock *) g_ptr_array_index (self->blocks, i))->text);

  pr_release_set_field (self, PR_FIELD_ID, g_checksum_get_string (checksum));
  self->id_current = TRUE;
  return self->fields[PR_FIELD_ID];
}

static gboolean
entities_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      PrEntity *x = g_ptr_array_index (a, i);
      PrEntity *y = g_ptr_array_index (b, i);

      if (pr_entity_get_kind (x) != pr_entity_get_kind (y) ||
          g_strcmp0 (pr_entity_get_name (x), pr_entity_get_name (y)) != 0 ||
          g_strcmp0 (pr_entity_get_detail (x), pr_entity_get_detail (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
pr_release_equal_content (PrRelease *a,
                          PrRelease *b)
{
  g_return_val_if_fail (PR_IS_RELEASE (a), FALSE);
  g_return_val_if_fail (PR_IS_RELEASE (b), FALSE);

  for (guint i = 0; i < PR_N_FIELDS; i++)
    if (g_strcmp0 (a->fields[i], b->fields[i]) != 0)
      return FALSE;

  for (guint i = 0; i < PR_N_LISTS; i++)
    if (!g_strv_equal (pr_release_get_list (a, i), pr_release_get_list (b, i)))
      return FALSE;

  if (a->title_derived != b->title_derived || a->word_count != b->word_count)
    return FALSE;

  if (a->blocks->len != b->blocks->len)
    return FALSE;
  for (guint i = 0; i < a->blocks->len; i++)
    {
      PrBlock *x = g_ptr_array_index (a->blocks, i);
      PrBlock *y = g_ptr_array_index (b->blocks, i);

      if (x->kind != y->kind || g_strcmp0 (x->text, y->text) != 0)
        return FALSE;
    }

  return entities_equal (a->organizations, b->organizations) &&
         entities_equal (a->people, b->people);
}
