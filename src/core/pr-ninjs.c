/* pr-ninjs.c: releases from IPTC ninjs (News in JSON) 1.x and 2.x, and
 * releases as ninjs 2.0
 *
 * The member names and types follow IPTC's ninjs schemas 1.4 and 2.0
 * (https://www.iptc.org/std/ninjs/); tests/data/ninjs-2.0-required.schema.json
 * holds what the export must satisfy. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pr-news-item.h"
#include "pr-ninjs.h"
#include "pr-xhtml-text.h"

/* json-glib's parser recurses: nesting is counted before it runs. */
#define MAX_DEPTH 64

/* ---- Reading: values ---------------------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The objects of array @name, one by one: NULL past the end, an empty
 * object for an element that is none. */
static JsonObject *
member_object_at (JsonObject *object,
                  const char *name,
                  guint       index)
{
  static JsonObject *empty;
  JsonArray *array = member_array (object, name);
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (g_once_init_enter (&empty))
    {
      JsonObject *object_none = json_object_new ();

      json_object_seal (object_none);
      g_once_init_leave (&empty, object_none);
    }
  return empty;
}

static gboolean
role_is (const char *role,
         const char *want)
{
  return role == NULL || g_ascii_strcasecmp (role, want) == 0;
}

static gboolean
is_web_url (const char *text)
{
  return text != NULL && (g_ascii_strncasecmp (text, "http://", 7) == 0 ||
                          g_ascii_strncasecmp (text, "https://", 8) == 0);
}

/* The "name" of each object in array @name (1.x and 2.x alike). */
static void
add_names (GPtrArray  *values,
           JsonObject *object,
           const char *name)
{
  JsonArray *array = member_array (object, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        pr_news_item_add (values, member_string (json_node_get_object (node), "name"));
    }
}

static void
set_body (PrNewsItem *item,
          const char *value,
          const char *type)
{
  if (value == NULL || item->body->len > 0)
    return;
  if (type != NULL && strstr (type, "html") != NULL)
    {
      g_autofree char *text = pr_xhtml_text_from_html (value, strlen (value));

      g_string_assign (item->body, text);
    }
  else
    g_string_assign (item->body, value);
}

/* ---- Reading: an item --------------------------------------------------- */

/* 2.x: arrays of objects with a role and a value. */
static void
read_roles (JsonObject *object,
            PrNewsItem *item)
{
  JsonObject *o;

  for (guint i = 0; (o = member_object_at (object, "headlines", i)) != NULL; i++)
    {
      const char *role = member_string (o, "role");
      const char *value = member_string (o, "value");

      if (role_is (role, "main"))
        pr_news_item_set (&item->headline, value);
      else if (strstr (role, "sub") != NULL)
        pr_news_item_set (&item->subheadline, value);
      else
        pr_news_item_set (&item->title, value);
    }
  for (guint i = 0; (o = member_object_at (object, "descriptions", i)) != NULL; i++)
    {
      const char *role = member_string (o, "role");

      if (role_is (role, "summary") || role_is (role, "abstract"))
        pr_news_item_set (&item->summary, member_string (o, "value"));
    }
  /* The main body; else the first. */
  for (guint pass = 0; pass < 2 && item->body->len == 0; pass++)
    for (guint i = 0; (o = member_object_at (object, "bodies", i)) != NULL; i++)
      if (pass == 1 || role_is (member_string (o, "role"), "main"))
        {
          set_body (item, member_string (o, "value"), member_string (o, "contenttype"));
          break;
        }
  for (guint i = 0; (o = member_object_at (object, "altids", i)) != NULL; i++)
    {
      const char *value = member_string (o, "value");

      if (is_web_url (value) && (role_is (member_string (o, "role"), "url") ||
                                 role_is (member_string (o, "role"), "canonical")))
        pr_news_item_set (&item->url, value);
    }
  /* 2.1 and later: links. */
  for (guint i = 0; (o = member_object_at (object, "links", i)) != NULL; i++)
    if (is_web_url (member_string (o, "href")))
      pr_news_item_add (item->links, member_string (o, "href"));
}

/* 1.x: headline_*, body_*, description_* members. */
static void
read_suffixed (JsonObject *object,
               PrNewsItem *item)
{
  static const char * const bodies[][2] = {
    { "body_text", "text/plain" }, { "body_html", "text/html" }, { "body_xhtml", "application/xhtml+xml" },
  };
  g_autoptr(GList) names = json_object_get_members (object);

  pr_news_item_set (&item->headline, member_string (object, "headline"));
  pr_news_item_set (&item->summary, member_string (object, "description_text"));
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    set_body (item, member_string (object, bodies[i][0]), bodies[i][1]);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_has_prefix (name, "headline_") && strstr (name, "sub") != NULL)
        pr_news_item_set (&item->subheadline, member_string (object, name));
      else if (g_str_has_prefix (name, "body_"))
        set_body (item, member_string (object, name), strstr (name, "html") ? "text/html" : NULL);
    }
}

/* NULL when @object is no news item: no headline and no body. */
static PrNewsItem *
read_item (JsonObject *object)
{
  g_autoptr(PrNewsItem) item = pr_news_item_new ();
  const char *uri = member_string (object, "uri");

  read_roles (object, item);
  read_suffixed (object, item);
  if (item->headline == NULL && item->body->len == 0)
    return NULL;

  pr_news_item_set (&item->title, member_string (object, "title"));
  pr_news_item_set (&item->located, member_string (object, "located"));
  pr_news_item_set (&item->language, member_string (object, "language"));
  if (is_web_url (uri))
    pr_news_item_set (&item->url, uri);
  pr_news_item_add (item->dates, member_string (object, "contentcreated"));
  pr_news_item_add (item->dates, member_string (object, "firstcreated"));
  pr_news_item_add (item->dates, member_string (object, "versioncreated"));
  add_names (item->organizations, object, "organisations");
  add_names (item->organizations, object, "organisation");
  add_names (item->people, object, "people");
  add_names (item->people, object, "person");
  add_names (item->wires, object, "infosources");
  return g_steal_pointer (&item);
}

/* ---- Reading: the document ---------------------------------------------- */

/* Nesting past MAX_DEPTH, counted outside strings, without recursion. */
static gboolean
check_nesting (const char  *data,
               gsize        length,
               GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > MAX_DEPTH)
        {
          g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                       /* Translators: an error in a file; %d is how deep
                        * objects and arrays may be nested (64). */
                       g_dngettext (GETTEXT_PACKAGE, "nested deeper than %d level",
                                    "nested deeper than %d levels", MAX_DEPTH), MAX_DEPTH);
          return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  /* A byte order mark is no JSON, but editors write one. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID, _("not valid UTF-8"));
      return NULL;
    }
  if (!check_nesting (data, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *message = local_error->message;
      g_autofree char *clean = NULL;

      /* "<data>:3:17: Parse error: …" → "3:17: Parse error: …", on one line. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      clean = g_utf8_make_valid (message, -1);
      for (char *p = clean; *p; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          *p = ' ';
      g_set_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                   /* Translators: why a file was not imported; %s is the JSON
                    * parser's own reason, in English. */
                   _("not valid JSON (%s)"), clean);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

GPtrArray *
pr_ninjs_read (const char  *data,
               gsize        length,
               const char  *origin,
               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!pr_news_item_check_size (data, length, error) || (root = parse_json (data, length, error)) == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (root))
    g_ptr_array_add (objects, json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (objects, json_node_get_object (node));
        }
    }

  for (guint i = 0; i < objects->len; i++)
    {
      g_autoptr(PrNewsItem) item = read_item (g_ptr_array_index (objects, i));
      g_autoptr(GError) item_error = NULL;
      PrRelease *release;

      if (item == NULL)
        continue;
      release = pr_news_item_to_release (item, origin, &item_error);
      if (release != NULL)
        g_ptr_array_add (releases, release);
      else if (first_error == NULL)
        first_error = g_steal_pointer (&item_error);
    }

  if (releases->len == 0)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      else
        g_set_error_literal (error, PR_PARSER_ERROR, PR_PARSER_ERROR_INVALID,
                             /* Translators: why a JSON file was not imported. */
                             _("not a ninjs news item: no object with a headline or a body"));
      return NULL;
    }
  return g_steal_pointer (&releases);
}

/* ---- Writing ------------------------------------------------------------ */

/* The release as plain text the parser reads back: the dateline in front
 * of the first paragraph, blocks apart by blank lines (list items one a
 * line, "• " in front), then the About sections, the trailer and the
 * contacts: a block with an address or a number at the end is a contact
 * block to the parser. */
static char *
release_text (PrRelease *release)
{
  static const PrList tails[] = { PR_LIST_ABOUT, PR_LIST_TRAILER, PR_LIST_CONTACTS };
  GString *out = g_string_new (NULL);
  GPtrArray *blocks = pr_release_get_blocks (release);
  const char *dateline = pr_release_get_field (release, PR_FIELD_DATELINE);
  gboolean in_list = FALSE;

  if (dateline != NULL)
    {
      PrBlock *first = blocks->len > 0 ? g_ptr_array_index (blocks, 0) : NULL;
      const char *last = g_utf8_find_prev_char (dateline, dateline + strlen (dateline));
      gunichar c = last != NULL ? g_utf8_get_char (last) : 0;

      /* The dateline is kept without the dash or comma that ended it. */
      g_string_append (out, dateline);
      if (first == NULL || first->kind != PR_BLOCK_PARAGRAPH)
        g_string_append (out, "\n\n");
      else
        g_string_append (out, c == '-' || c == 0x2013 || c == 0x2014 || c == ':' ? " " : " -- ");
    }
  for (guint i = 0; i < blocks->len; i++)
    {
      PrBlock *block = g_ptr_array_index (blocks, i);
      gboolean item = block->kind == PR_BLOCK_LIST_ITEM;

      if (i > 0)
        g_string_append (out, item && in_list ? "\n" : "\n\n");
      if (item)
        g_string_append (out, "• ");
      g_string_append (out, block->text);
      in_list = item;
    }
  for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
    {
      const char * const *values = pr_release_get_list (release, tails[t]);

      for (guint i = 0; values[i] != NULL; i++)
        {
          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, values[i]);
        }
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* [{"role": role, "value": value}], or nothing without a value. */
static void
add_role_value (JsonBuilder *b,
                const char  *name,
                const char  *role,
                const char  *type,
                const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_member (b, "role", role);
  add_member (b, "contenttype", type);
  add_member (b, "value", value);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

/* [{"name": …}, …] of @names (NULLs skipped), or nothing. */
static void
add_names_member (JsonBuilder        *b,
                  const char         *name,
                  const char * const *names,
                  guint               n)
{
  gboolean open = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (names[i] == NULL)
        continue;
      if (!open)
        {
          json_builder_set_member_name (b, name);
          json_builder_begin_array (b);
          open = TRUE;
        }
      json_builder_begin_object (b);
      add_member (b, "name", names[i]);
      json_builder_end_object (b);
    }
  if (open)
    json_builder_end_array (b);
}

static void
add_entities (JsonBuilder *b,
              const char  *name,
              GPtrArray   *entities)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < entities->len; i++)
    g_ptr_array_add (names, (gpointer) pr_entity_get_name (g_ptr_array_index (entities, i)));
  add_names_member (b, name, (const char * const *) names->pdata, names->len);
}

JsonNode *
pr_ninjs_from_release (PrRelease *release)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *uri = NULL;
  g_autofree char *created = NULL;
  g_autofree char *located = NULL;
  g_autofree char *body = NULL;
  const char *date, *city, *region, *source, *origin;

  g_return_val_if_fail (PR_IS_RELEASE (release), NULL);

  uri = g_strconcat ("urn:pressreader:release:", pr_release_compute_id (release), NULL);
  date = pr_release_get_date (release);
  if (date != NULL)
    created = g_strconcat (date, "T00:00:00Z", NULL);
  city = pr_release_get_field (release, PR_FIELD_CITY);
  region = pr_release_get_field (release, PR_FIELD_REGION);
  if (city != NULL)
    located = region != NULL ? g_strdup_printf ("%s, %s", city, region) : g_strdup (city);
  source = pr_release_get_source (release);
  origin = pr_release_get_field (release, PR_FIELD_ORIGIN);
  body = release_text (release);

  json_builder_begin_object (b);
  add_member (b, "uri", uri);
  json_builder_set_member_name (b, "standard");
  json_builder_begin_object (b);
  add_member (b, "name", "ninjs");
  add_member (b, "version", "2.0");
  add_member (b, "schema", PR_NINJS_SCHEMA);
  json_builder_end_object (b);
  add_member (b, "type", "text");
  add_member (b, "representationtype", "full");
  add_member (b, "version", "1");
  add_member (b, "firstcreated", created);
  add_member (b, "versioncreated", created);
  add_member (b, "language", pr_release_get_field (release, PR_FIELD_LANGUAGE));

  if (pr_release_get_title (release) != NULL)
    {
      json_builder_set_member_name (b, "headlines");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_member (b, "role", "main");
      add_member (b, "value", pr_release_get_title (release));
      json_builder_end_object (b);
      if (pr_release_get_field (release, PR_FIELD_SUBTITLE) != NULL)
        {
          json_builder_begin_object (b);
          add_member (b, "role", "sub");
          add_member (b, "value", pr_release_get_field (release, PR_FIELD_SUBTITLE));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  add_role_value (b, "descriptions", "summary", "text/plain",
                  pr_release_get_field (release, PR_FIELD_SUMMARY));
  if (*body != '\0')
    {
      json_builder_set_member_name (b, "bodies");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_member (b, "role", "main");
      add_member (b, "contenttype", "text/plain");
      json_builder_set_member_name (b, "wordcount");
      json_builder_add_int_value (b, pr_release_get_word_count (release));
      add_member (b, "value", body);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }

  add_member (b, "located", located);
  {
    const char *places[] = { city, region };

    add_names_member (b, "places", places, G_N_ELEMENTS (places));
  }
  add_entities (b, "people", pr_release_get_people (release));
  add_entities (b, "organisations", pr_release_get_organizations (release));
  add_names_member (b, "infosources", &source, 1);
  if (is_web_url (origin))
    {
      json_builder_set_member_name (b, "altids");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_member (b, "role", "url");
      add_member (b, "value", origin);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
pr_ninjs_write (GPtrArray *releases,
                gsize     *length)
{
  g_autoptr(JsonArray) array = json_array_sized_new (releases->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  char *text;

  for (guint i = 0; i < releases->len; i++)
    json_array_add_element (array, pr_ninjs_from_release (g_ptr_array_index (releases, i)));
  json_node_set_array (root, array);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  text = g_strconcat (json, "\n", NULL);
  if (length != NULL)
    *length = strlen (text);
  return text;
}
