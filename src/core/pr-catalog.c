/* pr-catalog.c: the JSON catalog, a versioned file of releases */
#include "pr-catalog.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

G_DEFINE_QUARK (pr-catalog-error-quark, pr_catalog_error)

/* Every PrField and PrList has a key: adding one to the model without
 * adding it here fails the build rather than silently losing it. */
static const struct {
  const char *key;
  PrField field;
} scalar_keys[] = {
  { "id", PR_FIELD_ID },
  { "title", PR_FIELD_TITLE },
  { "subtitle", PR_FIELD_SUBTITLE },
  { "date", PR_FIELD_DATE },
  { "source", PR_FIELD_SOURCE },
  { "source_tag", PR_FIELD_SOURCE_TAG },
  { "language", PR_FIELD_LANGUAGE },
  { "summary", PR_FIELD_SUMMARY },
  { "origin", PR_FIELD_ORIGIN },
  { "kind", PR_FIELD_KIND },
};

static const struct {
  const char *key;
  PrField field;
} dateline_keys[] = {
  { "text", PR_FIELD_DATELINE },
  { "city", PR_FIELD_CITY },
  { "region", PR_FIELD_REGION },
};

static const char * const list_keys[] = {
  [PR_LIST_LINKS] = "links",
  [PR_LIST_EMAILS] = "emails",
  [PR_LIST_PHONES] = "phones",
  [PR_LIST_TICKERS] = "tickers",
  [PR_LIST_CONTACTS] = "contacts",
  [PR_LIST_ABOUT] = "about",
  [PR_LIST_TRAILER] = "trailer",
  [PR_LIST_ISSUERS] = "issuer",
  [PR_LIST_FLAGS] = "flags",
};

G_STATIC_ASSERT (G_N_ELEMENTS (scalar_keys) + G_N_ELEMENTS (dateline_keys) == PR_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (list_keys) == PR_N_LISTS);

/* Writing */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (builder, value);
  else
    {
      /* The model should hold UTF-8 only; never write a catalog that
       * readers would refuse as a whole. */
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (builder, valid);
    }
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_utf8_validate (values[i], -1, NULL))
        json_builder_add_string_value (builder, values[i]);
      else
        {
          g_autofree char *valid = g_utf8_make_valid (values[i], -1);
          json_builder_add_string_value (builder, valid);
        }
    }
  json_builder_end_array (builder);
}

static void
add_entities (JsonBuilder *builder,
              const char  *name,
              const char  *detail_key,
              GPtrArray   *entities)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < entities->len; i++)
    {
      PrEntity *entity = g_ptr_array_index (entities, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", pr_entity_get_name (entity));
      add_string_member (builder, detail_key, pr_entity_get_detail (entity));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool_member (JsonBuilder *builder,
                 const char  *name,
                 gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_release (JsonBuilder         *builder,
             PrRelease           *release,
             PrCatalogWriteFlags  flags)
{
  GPtrArray *blocks = pr_release_get_blocks (release);

  json_builder_begin_object (builder);

  /* The documented key order: identity first, then what a reader sees. */
  add_string_member (builder, "id", pr_release_get_field (release, PR_FIELD_ID));
  add_string_member (builder, "group", pr_release_get_group (release));
  add_string_member (builder, "title", pr_release_get_field (release, PR_FIELD_TITLE));
  add_bool_member (builder, "title_derived", pr_release_get_title_derived (release));
  add_string_member (builder, "subtitle", pr_release_get_field (release, PR_FIELD_SUBTITLE));
  add_string_member (builder, "date", pr_release_get_field (release, PR_FIELD_DATE));

  json_builder_set_member_name (builder, "dateline");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (dateline_keys); i++)
    add_string_member (builder, dateline_keys[i].key,
                       pr_release_get_field (release, dateline_keys[i].field));
  json_builder_end_object (builder);

  add_string_member (builder, "source", pr_release_get_field (release, PR_FIELD_SOURCE));
  add_string_member (builder, "source_tag", pr_release_get_field (release, PR_FIELD_SOURCE_TAG));
  add_string_member (builder, "language", pr_release_get_field (release, PR_FIELD_LANGUAGE));
  add_string_member (builder, "summary", pr_release_get_field (release, PR_FIELD_SUMMARY));
  add_string_array (builder, list_keys[PR_LIST_ISSUERS], pr_release_get_list (release, PR_LIST_ISSUERS));
  add_string_member (builder, "kind", pr_release_get_field (release, PR_FIELD_KIND));
  add_string_array (builder, list_keys[PR_LIST_FLAGS], pr_release_get_list (release, PR_LIST_FLAGS));

  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  for (guint i = 0; i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);

      if (g_utf8_validate (block->text, -1, NULL))
        json_builder_add_string_value (builder, block->text);
      else
        {
          g_autofree char *valid = g_utf8_make_valid (block->text, -1);
          json_builder_add_string_value (builder, valid);
        }
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "body_kinds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < blocks->len; i++)
    json_builder_add_string_value (builder,
                                   pr_block_kind_to_string (((PrBlock *) g_ptr_array_index (blocks, i))->kind));
  json_builder_end_array (builder);

  for (guint i = PR_LIST_LINKS; i <= PR_LIST_TICKERS; i++)
    add_string_array (builder, list_keys[i], pr_release_get_list (release, i));

  add_entities (builder, "organizations", "acronym", pr_release_get_organizations (release));
  add_entities (builder, "people", "role", pr_release_get_people (release));

  for (guint i = PR_LIST_CONTACTS; i <= PR_LIST_TRAILER; i++)
    add_string_array (builder, list_keys[i], pr_release_get_list (release, i));

  add_int_member (builder, "word_count", pr_release_get_word_count (release));
  add_string_member (builder, "origin", pr_release_get_field (release, PR_FIELD_ORIGIN));

  if (flags & PR_CATALOG_WRITE_STATE)
    {
      json_builder_set_member_name (builder, "state");
      json_builder_begin_object (builder);
      add_bool_member (builder, "read", pr_release_get_read (release));
      add_bool_member (builder, "bookmarked", pr_release_get_bookmarked (release));
      add_int_member (builder, "imported_at", pr_release_get_imported_at (release));
      add_int_member (builder, "read_at", pr_release_get_read_at (release));
      add_int_member (builder, "bookmarked_at", pr_release_get_bookmarked_at (release));
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static JsonGenerator *
build_catalog (GPtrArray           *releases,
               PrCatalogWriteFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  JsonGenerator *generator;

  json_builder_begin_object (builder);
  add_string_member (builder, "format", PR_CATALOG_FORMAT);
  add_int_member (builder, "version", PR_CATALOG_VERSION);
  json_builder_set_member_name (builder, "releases");
  json_builder_begin_array (builder);
  for (guint i = 0; releases != NULL && i < releases->len; i++)
    add_release (builder, g_ptr_array_index (releases, i), flags);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return generator;
}

char *
pr_catalog_to_string (GPtrArray           *releases,
                      PrCatalogWriteFlags  flags,
                      gsize               *length)
{
  g_autoptr(JsonGenerator) generator = build_catalog (releases, flags);
  gsize len = 0;
  char *data = json_generator_to_data (generator, &len);
  char *with_newline;

  /* A text file ends with a newline. */
  with_newline = g_realloc (data, len + 2);
  with_newline[len++] = '\n';
  with_newline[len] = '\0';
  if (length != NULL)
    *length = len;
  return with_newline;
}

gboolean
pr_catalog_write (GPtrArray            *releases,
                  PrCatalogWriteFlags   flags,
                  GOutputStream        *stream,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  generator = build_catalog (releases, flags);
  return json_generator_to_stream (generator, stream, cancellable, error) &&
         g_output_stream_write_all (stream, "\n", 1, NULL, cancellable, error);
}

/* Reading: a pre-scan that json-glib's recursive parser can trust */

typedef struct {
  guint line;
  guint column;
} Position;

static void
advance (Position   *pos,
         const char *p)
{
  if (*p == '\n')
    {
      pos->line++;
      pos->column = 1;
    }
  else if (((guchar) *p & 0xc0) != 0x80)
    pos->column++;     /* columns count characters, not bytes */
}

/* Errors read "PLACE: reason", PLACE being "LINE:COL" or a JSON path. */
static gboolean
fail_at (GError         **error,
         PrCatalogError   code,
         const char      *place,
         const char      *format,
         va_list          args) G_GNUC_PRINTF (4, 0);

static gboolean
fail_at (GError         **error,
         PrCatalogError   code,
         const char      *place,
         const char      *format,
         va_list          args)
{
  g_autofree char *reason = g_strdup_vprintf (format, args);

  g_set_error (error, PR_CATALOG_ERROR, code, "%s: %s", place, reason);
  return FALSE;
}

static gboolean
scan_fail (GError         **error,
           PrCatalogError   code,
           const Position  *pos,
           const char      *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
scan_fail (GError         **error,
           PrCatalogError   code,
           const Position  *pos,
           const char      *format,
           ...)
{
  g_autofree char *place = g_strdup_printf ("%u:%u", pos->line, pos->column);
  va_list args;

  va_start (args, format);
  fail_at (error, code, place, format, args);
  va_end (args);
  return FALSE;
}

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The length of the escape sequence at @p (a backslash), or 0 when JSON
 * does not allow it. Surrogate escapes must come in pairs: json-glib
 * would make invalid UTF-8 of a lone one, and leaks on a bad pair. */
static gsize
escape_length (const char *p,
               const char *end)
{
  int unit, low;

  if (p[1] != '\0' && strchr ("\"\\/bfnrt", p[1]) != NULL)
    return 2;
  if (p[1] != 'u' || (unit = hex4 (p + 2, end)) < 0)
    return 0;
  if (unit < 0xD800 || unit > 0xDFFF)
    return 6;
  if (unit >= 0xDC00 || end - p < 12 || p[6] != '\\' || p[7] != 'u')
    return 0;
  low = hex4 (p + 8, end);
  return low >= 0xDC00 && low <= 0xDFFF ? 12 : 0;
}

/* Checks, in one pass and without recursion, what the parser would choke
 * on or recurse into: bad UTF-8, nesting beyond PR_CATALOG_MAX_DEPTH,
 * truncation, stray characters and data after the top-level object. The
 * finer grammar (commas, colons, literals) is left to json-glib. */
static gboolean
prescan (const char  *data,
         gsize        length,
         GError     **error)
{
  char stack[PR_CATALOG_MAX_DEPTH];
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  gboolean done = FALSE;
  Position pos = { 1, 1 };
  const char *end = data + length;
  const char *invalid = NULL;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      for (const char *p = data; p < invalid; p++)
        advance (&pos, p);
      return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos, _("not valid UTF-8"));
    }

  for (const char *p = data; p < end; advance (&pos, p), p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            {
              gsize n = escape_length (p, end);

              if (n == 0)
                return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                                  _("invalid escape sequence in a string"));
              for (gsize i = 1; i < n; i++, p++)
                advance (&pos, p);
            }
          else if (c == '"')
            in_string = FALSE;
          else if ((guchar) c < 0x20)
            return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                              /* Translators: an error in a catalog file;
                               * U+%04X is the code of the character found. */
                              _("control character U+%04X in a string"), (guint) c);
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;

      if (done)
        return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                          _("unexpected data after the end of the catalog"));
      if (!started && c != '{')
        return scan_fail (error, PR_CATALOG_ERROR_FORMAT, &pos,
                          _("not a PressReader catalog: expected a JSON object"));
      started = TRUE;

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (depth == PR_CATALOG_MAX_DEPTH)
            return scan_fail (error, PR_CATALOG_ERROR_TOO_DEEP, &pos,
                              /* Translators: an error in a catalog file; %d is
                               * how deep objects and arrays may be nested (64). */
                              g_dngettext (GETTEXT_PACKAGE, "nested deeper than %d level",
                                           "nested deeper than %d levels", PR_CATALOG_MAX_DEPTH),
                              PR_CATALOG_MAX_DEPTH);
          stack[depth++] = c;
          break;

        case '}':
        case ']':
          if (depth == 0 || stack[depth - 1] != (c == '}' ? '{' : '['))
            /* Translators: an error in a catalog file; %c is the bracket found. */
            return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos, _("unexpected “%c”"), c);
          if (--depth == 0)
            done = TRUE;
          break;

        case ',': case ':': case '-': case '+': case '.':
        case 'a': case 'e': case 'E': case 'f': case 'l':
        case 'n': case 'r': case 's': case 't': case 'u':
          break;

        default:
          if (c >= '0' && c <= '9')
            break;
          if ((guchar) c < 0x20 || (guchar) c == 0x7f)
            return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                              /* Translators: an error in a catalog file;
                               * U+%04X is the code of the character found. */
                              _("unexpected character U+%04X"), (guint) c);
          /* Translators: an error in a catalog file; %.*s is the character
           * found. */
          return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos, _("unexpected “%.*s”"),
                            (int) (g_utf8_next_char (p) - p), p);
        }
    }

  if (!started)
    return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos, _("empty catalog"));
  if (in_string)
    return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                      _("unexpected end of data inside a string"));
  if (depth > 0)
    return scan_fail (error, PR_CATALOG_ERROR_SYNTAX, &pos,
                      /* Translators: an error in a catalog file that ends
                       * too soon; %c is the bracket that would close it. */
                      _("unexpected end of data, “%c” expected"),
                      stack[depth - 1] == '{' ? '}' : ']');
  return TRUE;
}

/* Reading: the tree */

static gboolean
fail (GError         **error,
      PrCatalogError   code,
      const char      *path,
      const char      *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError         **error,
      PrCatalogError   code,
      const char      *path,
      const char      *format,
      ...)
{
  va_list args;

  va_start (args, format);
  fail_at (error, code, path, format, args);
  va_end (args);
  return FALSE;
}

static char *
member_path (const char *path,
             const char *key)
{
  return *path != '\0' ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* What a catalog has where something else was expected, for the %s of
 * "expected …, got %s". */
static const char *
describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return C_("catalog value", "an object");
    case JSON_NODE_ARRAY:
      return C_("catalog value", "an array");
    case JSON_NODE_NULL:
      /* JSON's own word, as written in the catalog. */
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return C_("catalog value", "a string");
    case G_TYPE_BOOLEAN:
      return C_("catalog value", "a boolean");
    default:
      return C_("catalog value", "a number");
    }
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A member that may be absent or null (*value stays NULL), else a string. */
static gboolean
read_string (JsonObject   *object,
             const char   *path,
             const char   *key,
             const char  **value,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = NULL;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  where = member_path (path, key);
  if (!node_is (node, G_TYPE_STRING))
    return fail (error, PR_CATALOG_ERROR_INVALID, where,
                 /* Translators: an error in a catalog file; %s is what it
                  * has instead: “an object”, “an array”, “a string”, “a
                  * boolean” or “a number” (translated too), or null. */
                 _("expected a string or null, got %s"), describe (node));

  *value = json_node_get_string (node);
  if (strlen (*value) > PR_CATALOG_MAX_FIELD_SIZE)
    return fail (error, PR_CATALOG_ERROR_TOO_LARGE, where,
                 /* Translators: an error in a catalog file: a text is
                  * longer than %d bytes (65536). */
                 g_dngettext (GETTEXT_PACKAGE, "longer than %d byte", "longer than %d bytes",
                              PR_CATALOG_MAX_FIELD_SIZE),
                 PR_CATALOG_MAX_FIELD_SIZE);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean    *value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = NULL;

  *value = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!node_is (node, G_TYPE_BOOLEAN))
    {
      where = member_path (path, key);
      return fail (error, PR_CATALOG_ERROR_INVALID, where,
                   /* Translators: an error in a catalog file; %s as in
                    * “expected a string or null, got %s”. */
                   _("expected a boolean, got %s"), describe (node));
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *path,
          const char  *key,
          gint64       max,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = NULL;

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  where = member_path (path, key);
  if (!node_is (node, G_TYPE_INT64))
    return fail (error, PR_CATALOG_ERROR_INVALID, where,
                 /* Translators: an error in a catalog file; %s as in
                  * “expected a string or null, got %s”. */
                 _("expected an integer, got %s"), describe (node));
  *value = json_node_get_int (node);
  if (*value < 0 || *value > max)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *value);

      /* Translators: an error in a catalog file; %s is a number in it. */
      return fail (error, PR_CATALOG_ERROR_INVALID, where, _("%s is out of range"), number);
    }
  return TRUE;
}

/* A member that may be absent or null (an empty array), else an array
 * whose elements are checked by the caller. */
static gboolean
read_array (JsonObject  *object,
            const char  *path,
            const char  *key,
            JsonArray  **array,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = NULL;

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      where = member_path (path, key);
      return fail (error, PR_CATALOG_ERROR_INVALID, where,
                   /* Translators: an error in a catalog file; %s as in
                    * “expected a string or null, got %s”. */
                   _("expected an array, got %s"), describe (node));
    }
  *array = json_node_get_array (node);
  return TRUE;
}

/* An array of strings, at most PR_CATALOG_MAX_TEXT_SIZE bytes in total.
 * *values borrows the strings from the tree. */
static gboolean
read_string_array (JsonObject    *object,
                   const char    *path,
                   const char    *key,
                   GPtrArray    **values,
                   GError       **error)
{
  JsonArray *array = NULL;
  g_autofree char *where = NULL;
  gsize total = 0;
  guint n;

  *values = NULL;
  if (!read_array (object, path, key, &array, error))
    return FALSE;

  where = member_path (path, key);
  n = array != NULL ? json_array_get_length (array) : 0;
  *values = g_ptr_array_new_full (n + 1, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value;

      if (!node_is (node, G_TYPE_STRING))
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

          g_clear_pointer (values, g_ptr_array_unref);
          return fail (error, PR_CATALOG_ERROR_INVALID, item,
                       /* Translators: an error in a catalog file; %s as in
                        * “expected a string or null, got %s”. */
                       _("expected a string, got %s"), describe (node));
        }

      value = json_node_get_string (node);
      total += strlen (value);
      if (total > PR_CATALOG_MAX_TEXT_SIZE)
        {
          g_clear_pointer (values, g_ptr_array_unref);
          return fail (error, PR_CATALOG_ERROR_TOO_LARGE, where,
                       /* Translators: an error in a catalog file: a body or
                        * a list has more than %d bytes of text (10485760). */
                       g_dngettext (GETTEXT_PACKAGE, "more than %d byte of text",
                                    "more than %d bytes of text", PR_CATALOG_MAX_TEXT_SIZE),
                       PR_CATALOG_MAX_TEXT_SIZE);
        }
      g_ptr_array_add (*values, (gpointer) value);
    }
  g_ptr_array_add (*values, NULL);
  return TRUE;
}

static gboolean
is_iso_date (const char *date)
{
  guint year, month, day;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  year = g_ascii_strtoull (date, NULL, 10);
  month = g_ascii_strtoull (date + 5, NULL, 10);
  day = g_ascii_strtoull (date + 8, NULL, 10);
  return g_date_valid_dmy (day, month, year);
}

static gboolean
read_entities (JsonObject    *object,
               const char    *path,
               const char    *key,
               const char    *detail_key,
               PrEntityKind   kind,
               GPtrArray    **entities,
               GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *where = member_path (path, key);
  JsonArray *array = NULL;

  if (!read_array (object, path, key, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);
      g_autofree char *name_path = NULL;
      const char *name = NULL;
      const char *detail = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, PR_CATALOG_ERROR_INVALID, item,
                     /* Translators: an error in a catalog file; %s as in
                      * “expected a string or null, got %s”. */
                     _("expected an object, got %s"), describe (node));
      if (!read_string (json_node_get_object (node), item, "name", &name, error) ||
          !read_string (json_node_get_object (node), item, detail_key, &detail, error))
        return FALSE;
      if (name == NULL)
        {
          name_path = member_path (item, "name");
          /* Translators: an error in a catalog file, after the place of
           * an organization's or a person's missing “name”. */
          return fail (error, PR_CATALOG_ERROR_INVALID, name_path, _("missing, a name is required"));
        }

      g_ptr_array_add (result, pr_entity_new (kind, name, detail));
    }

  *entities = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
read_body (JsonObject  *object,
           const char  *path,
           PrRelease   *release,
           GError     **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *kinds_path = member_path (path, "body_kinds");

  if (!read_string_array (object, path, "body", &texts, error) ||
      !read_string_array (object, path, "body_kinds", &kinds, error))
    return FALSE;

  /* Both arrays end with a NULL. */
  if (json_object_has_member (object, "body_kinds") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "body_kinds")) &&
      kinds->len != texts->len)
    return fail (error, PR_CATALOG_ERROR_INVALID, kinds_path,
                 /* Translators: an error in a catalog file: a release's
                  * “body_kinds” should name one kind for each of its “body”
                  * blocks; the first %u is how many kinds it names, the
                  * second how many blocks there are. */
                 _("%u kinds for %u body blocks"), kinds->len - 1, texts->len - 1);

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  for (guint i = 0; i + 1 < texts->len; i++)
    {
      PrBlockKind kind = PR_BLOCK_PARAGRAPH;
      const char *name = i + 1 < kinds->len ? g_ptr_array_index (kinds, i) : NULL;

      if (name != NULL && !pr_block_kind_from_string (name, &kind))
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", kinds_path, i);
          /* Translators: an error in a catalog file; %s is a kind of
           * block, such as “paragraph”, as written in the catalog. */
          return fail (error, PR_CATALOG_ERROR_INVALID, item, _("unknown block kind “%s”"), name);
        }
      g_ptr_array_add (blocks, pr_block_new (kind, g_ptr_array_index (texts, i)));
    }

  pr_release_set_blocks (release, blocks);
  return TRUE;
}

static gboolean
read_state (JsonObject  *object,
            const char  *path,
            PrRelease   *release,
            GError     **error)
{
  g_autofree char *where = member_path (path, "state");
  JsonNode *node = json_object_get_member (object, "state");
  JsonObject *state;
  gboolean read, bookmarked;
  gint64 imported_at, read_at, bookmarked_at;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, PR_CATALOG_ERROR_INVALID, where,
                 /* Translators: an error in a catalog file; %s as in
                  * “expected a string or null, got %s”. */
                 _("expected an object, got %s"), describe (node));

  state = json_node_get_object (node);
  if (!read_bool (state, where, "read", &read, error) ||
      !read_bool (state, where, "bookmarked", &bookmarked, error) ||
      !read_int (state, where, "imported_at", G_MAXINT64, &imported_at, error) ||
      !read_int (state, where, "read_at", G_MAXINT64, &read_at, error) ||
      !read_int (state, where, "bookmarked_at", G_MAXINT64, &bookmarked_at, error))
    return FALSE;

  pr_release_set_read (release, read);
  pr_release_set_bookmarked (release, bookmarked);
  pr_release_set_imported_at (release, imported_at);
  pr_release_set_read_at (release, read_at);
  pr_release_set_bookmarked_at (release, bookmarked_at);
  return TRUE;
}

static PrRelease *
read_release (JsonNode    *node,
              guint        index,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("releases[%u]", index);
  g_autofree char *dateline_path = member_path (path, "dateline");
  g_autoptr(PrRelease) release = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GPtrArray) people = NULL;
  static const char * const required[] = { "title", "body" };
  JsonObject *object;
  JsonNode *dateline;
  gboolean title_derived;
  gint64 word_count;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: an error in a catalog file; %s as in
       * “expected a string or null, got %s”. */
      fail (error, PR_CATALOG_ERROR_INVALID, path, _("expected an object, got %s"), describe (node));
      return NULL;
    }
  object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!json_object_has_member (object, required[i]))
      {
        /* Translators: an error in a catalog file; %s is the name of
         * what a release must have, such as “title”, as written in the
         * catalog. */
        fail (error, PR_CATALOG_ERROR_INVALID, path, _("missing required member “%s”"), required[i]);
        return NULL;
      }

  release = pr_release_new ();

  for (guint i = 0; i < G_N_ELEMENTS (scalar_keys); i++)
    {
      const char *value;

      if (!read_string (object, path, scalar_keys[i].key, &value, error))
        return NULL;
      if (scalar_keys[i].field == PR_FIELD_DATE && value != NULL && !is_iso_date (value))
        {
          g_autofree char *where = member_path (path, "date");
          /* Translators: an error in a catalog file; %s is the date
           * found, YYYY-MM-DD the form a date must have there: year, month
           * and day in digits, such as 2024-05-09. */
          fail (error, PR_CATALOG_ERROR_INVALID, where, _("“%s” is not a YYYY-MM-DD date"), value);
          return NULL;
        }
      pr_release_set_field (release, scalar_keys[i].field, value);
    }

  {
    const char *group;

    if (!read_string (object, path, "group", &group, error))
      return NULL;
    pr_release_set_group (release, group);
  }

  dateline = json_object_get_member (object, "dateline");
  if (dateline != NULL && !JSON_NODE_HOLDS_NULL (dateline))
    {
      if (!JSON_NODE_HOLDS_OBJECT (dateline))
        {
          fail (error, PR_CATALOG_ERROR_INVALID, dateline_path,
                /* Translators: an error in a catalog file; %s as in
                 * “expected a string or null, got %s”. */
                _("expected an object or null, got %s"), describe (dateline));
          return NULL;
        }
      for (guint i = 0; i < G_N_ELEMENTS (dateline_keys); i++)
        {
          const char *value;

          if (!read_string (json_node_get_object (dateline), dateline_path,
                            dateline_keys[i].key, &value, error))
            return NULL;
          pr_release_set_field (release, dateline_keys[i].field, value);
        }
    }

  for (guint i = 0; i < PR_N_LISTS; i++)
    {
      g_autoptr(GPtrArray) values = NULL;

      if (!read_string_array (object, path, list_keys[i], &values, error))
        return NULL;
      pr_release_set_list (release, i, (const char * const *) values->pdata);
    }

  if (!read_body (object, path, release, error) ||
      !read_entities (object, path, "organizations", "acronym", PR_ENTITY_ORGANIZATION,
                      &organizations, error) ||
      !read_entities (object, path, "people", "role", PR_ENTITY_PERSON, &people, error) ||
      !read_bool (object, path, "title_derived", &title_derived, error) ||
      !read_int (object, path, "word_count", G_MAXUINT, &word_count, error) ||
      !read_state (object, path, release, error))
    return NULL;

  pr_release_set_organizations (release, organizations);
  pr_release_set_people (release, people);
  pr_release_set_title_derived (release, title_derived);
  pr_release_set_word_count (release, word_count);

  return g_steal_pointer (&release);
}

static gboolean
read_header (JsonObject  *root,
             JsonArray  **releases,
             GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *list = json_object_get_member (root, "releases");
  gint64 number;

  if (format == NULL)
    return fail (error, PR_CATALOG_ERROR_FORMAT, "format",
                 /* Translators: an error in a catalog file, after the
                  * name of its “format”, which is missing. */
                 _("missing, not a PressReader catalog"));
  if (!node_is (format, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (format), PR_CATALOG_FORMAT) != 0)
    return fail (error, PR_CATALOG_ERROR_FORMAT, "format",
                 /* Translators: an error in a catalog file, after the name
                  * of its “format”; %s is the format a catalog names. */
                 _("not a PressReader catalog (expected “%s”)"), PR_CATALOG_FORMAT);

  if (version == NULL)
    return fail (error, PR_CATALOG_ERROR_INVALID, "version",
                 /* Translators: an error in a catalog file, after the name
                  * of something it must have and lacks, such as “version”. */
                 C_("catalog member", "missing"));
  if (!node_is (version, G_TYPE_INT64))
    return fail (error, PR_CATALOG_ERROR_INVALID, "version",
                 /* Translators: an error in a catalog file; %s as in
                  * “expected a string or null, got %s”. */
                 _("expected an integer, got %s"), describe (version));
  number = json_node_get_int (version);
  if (number > PR_CATALOG_VERSION)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      return fail (error, PR_CATALOG_ERROR_VERSION, "version",
                   /* Translators: an error in a catalog file; %s is the
                    * version of the catalog, %d the newest this app reads. */
                   _("catalog version %s is newer than this PressReader reads (version %d); "
                     "a newer PressReader is needed"),
                   shown, PR_CATALOG_VERSION);
    }
  if (number < 1)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      /* Translators: an error in a catalog file; %s is the number it has
       * for its version. */
      return fail (error, PR_CATALOG_ERROR_VERSION, "version", _("%s is not a catalog version"),
                   shown);
    }

  if (list == NULL)
    return fail (error, PR_CATALOG_ERROR_INVALID, "releases", C_("catalog member", "missing"));
  if (!JSON_NODE_HOLDS_ARRAY (list))
    return fail (error, PR_CATALOG_ERROR_INVALID, "releases",
                 /* Translators: an error in a catalog file; %s as in
                  * “expected a string or null, got %s”. */
                 _("expected an array, got %s"), describe (list));

  *releases = json_node_get_array (list);
  return TRUE;
}

GPtrArray *
pr_catalog_read_data (const char  *data,
                      gsize        length,
                      GPtrArray  **skipped,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) result = NULL;
  JsonArray *releases = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > PR_CATALOG_MAX_SIZE)
    {
      g_set_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_TOO_LARGE,
                   /* Translators: why a catalog file was not imported; %d
                    * is the largest size read, in mebibytes (256). */
                   _("larger than %d MiB"), PR_CATALOG_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (data == NULL)
    data = "";
  /* A byte order mark is not JSON, but editors add it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!prescan (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *message = local_error->message;
      g_autofree char *clean = NULL;

      /* json-glib says "<data>:3:17: Parse error: …"; keep "3:17: …". */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      /* It quotes the bad string as decoded: a lone surrogate escape is
       * not UTF-8, and control characters would reach a terminal. */
      clean = g_utf8_make_valid (message, -1);
      for (char *p = clean; *p; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          *p = '?';
      g_set_error_literal (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_SYNTAX, clean);
      return NULL;
    }

  /* The pre-scan saw a top-level object. */
  if (!read_header (json_node_get_object (json_parser_get_root (parser)), &releases, error))
    return NULL;

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (releases); i++)
    {
      g_autoptr(GError) release_error = NULL;
      PrRelease *release = read_release (json_array_get_element (releases, i), i, &release_error);

      if (release != NULL)
        g_ptr_array_add (result, release);
      else if (skipped != NULL)
        {
          if (*skipped == NULL)
            *skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          g_ptr_array_add (*skipped, g_steal_pointer (&release_error));
        }
    }

  return g_steal_pointer (&result);
}

GPtrArray *
pr_catalog_read_bytes (GBytes     *bytes,
                       GPtrArray **skipped,
                       GError    **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return pr_catalog_read_data (data, length, skipped, error);
}

GPtrArray *
pr_catalog_read_file (GFile         *file,
                      GCancellable  *cancellable,
                      GPtrArray    **skipped,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refuse a huge file before loading it all into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > PR_CATALOG_MAX_SIZE)
    {
      g_set_error (error, PR_CATALOG_ERROR, PR_CATALOG_ERROR_TOO_LARGE,
                   /* Translators: why a catalog file was not imported; %d
                    * is the largest size read, in mebibytes (256). */
                   _("larger than %d MiB"), PR_CATALOG_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  return pr_catalog_read_bytes (bytes, skipped, error);
}
