/* pr-store-rows.c: a release as rows of the library, and back
 *
 * A PrStoreRow is a release serialised for writing (on any thread): its
 * fields cleaned, its body and lists as text and JSON, its entities, the
 * text for the trigram index and a fingerprint. pr_store_fill_release() makes a
 * release of a row read with SELECT_RELEASE. */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "pr-query-private.h"
#include "pr-store-private.h"

/* ---- rows ------------------------------------------------------------ */

static void
row_entity_free (RowEntity *entity)
{
  g_free (entity->norm);
  g_free (entity->name);
  g_free (entity);
}

static const char * const list_keys[PR_N_LISTS] = {
  "links", "emails", "phones", "tickers", "contacts", "about", "trailer",
  "issuers", "flags",
};

/* Valid UTF-8 without control characters other than tab and newline (so
 * that the snippet markers never occur in stored text). */
static char *
clean_text (const char *text)
{
  char *clean;

  if (text == NULL)
    return NULL;

  clean = g_utf8_validate (text, -1, NULL) ? g_strdup (text) : g_utf8_make_valid (text, -1);
  for (char *p = clean; *p; p++)
    if (((guchar) *p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
      *p = ' ';
  return clean;
}

static void
json_append_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
json_append_entities (GString    *out,
                      GString    *text,
                      const char *key,
                      GPtrArray  *entities,
                      gboolean    detail_in_text)
{
  if (entities->len == 0)
    return;

  g_string_append_printf (out, ",\"%s\":[", key);
  for (guint i = 0; i < entities->len; i++)
    {
      PrEntity *entity = g_ptr_array_index (entities, i);
      g_autofree char *name = clean_text (pr_entity_get_name (entity));
      g_autofree char *detail = clean_text (pr_entity_get_detail (entity));

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      json_append_string (out, name != NULL ? name : "");
      if (detail != NULL)
        {
          g_string_append_c (out, ',');
          json_append_string (out, detail);
        }
      g_string_append_c (out, ']');

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, name != NULL ? name : "");
      if (detail_in_text && detail != NULL)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, detail);
        }
    }
  g_string_append_c (out, ']');
}

static void
row_add_entity (PrStoreRow *row,
                int         kind,
                const char *name)
{
  RowEntity *entity;
  char *norm;

  if (name == NULL)
    return;
  norm = pr_normalize_key (name);
  if (*norm == '\0')
    {
      g_free (norm);
      return;
    }
  for (guint i = 0; i < row->entities->len; i++)
    {
      RowEntity *other = g_ptr_array_index (row->entities, i);

      if (other->kind == kind && g_str_equal (other->norm, norm))
        {
          g_free (norm);
          return;
        }
    }
  entity = g_new0 (RowEntity, 1);
  entity->kind = kind;
  entity->norm = norm;
  entity->name = g_strdup (name);
  g_ptr_array_add (row->entities, entity);
}

void
pr_store_row_sketch (PrStoreRow *row)
{
  if (row->sketched)
    return;
  pr_sketch_compute (row->release, &row->sketch);
  row->sketched = TRUE;
}

PrStoreRow *
pr_store_row_new (PrRelease *release)
{
  static const PrField fields[ROW_N_TEXT] = {
    [ROW_DATE] = PR_FIELD_DATE,
    [ROW_TITLE] = PR_FIELD_TITLE,
    [ROW_SUBTITLE] = PR_FIELD_SUBTITLE,
    [ROW_DATELINE] = PR_FIELD_DATELINE,
    [ROW_CITY] = PR_FIELD_CITY,
    [ROW_REGION] = PR_FIELD_REGION,
    [ROW_SOURCE] = PR_FIELD_SOURCE,
    [ROW_SOURCE_NORM] = PR_FIELD_SOURCE,
    [ROW_SOURCE_TAG] = PR_FIELD_SOURCE_TAG,
    [ROW_LANGUAGE] = PR_FIELD_LANGUAGE,
    [ROW_SUMMARY] = PR_FIELD_SUMMARY,
    [ROW_ORIGIN] = PR_FIELD_ORIGIN,
  };
  PrStoreRow *row;
  GString *extra, *body, *orgs, *people;
  GPtrArray *blocks;
  g_autoptr(GChecksum) checksum = NULL;
  const char *language;
  gboolean first;

  g_return_val_if_fail (PR_IS_RELEASE (release), NULL);

  row = g_new0 (PrStoreRow, 1);
  row->release = g_object_ref (release);
  row->content_id = g_strdup (pr_release_compute_id (release));
  row->source_key = g_strdup (pr_release_get_field (release, PR_FIELD_ORIGIN));
  row->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) row_entity_free);

  for (guint i = 0; i < ROW_N_TEXT; i++)
    row->text[i] = clean_text (pr_release_get_field (release, fields[i]));

  g_free (row->text[ROW_SOURCE_NORM]);
  row->text[ROW_SOURCE_NORM] = pr_normalize_key (row->text[ROW_SOURCE]);
  language = row->text[ROW_LANGUAGE];
  row->text[ROW_LANGUAGE] = g_ascii_strdown (language != NULL ? language : "", -1);

  row->word_count = pr_release_get_word_count (release);
  row->title_derived = pr_release_get_title_derived (release);
  row->read = pr_release_get_read (release);
  row->read_at = row->read ? pr_release_get_read_at (release) : 0;
  row->bookmarked = pr_release_get_bookmarked (release);
  row->bookmarked_at = row->bookmarked ? pr_release_get_bookmarked_at (release) : 0;

  /* The body is the blocks joined by blank lines; extra keeps each
   * block's kind and length, the lists and the entities. */
  extra = g_string_new ("{\"v\":1");
  body = g_string_new (NULL);
  blocks = pr_release_get_blocks (release);
  if (blocks->len > 0)
    {
      g_string_append (extra, ",\"blocks\":[");
      for (guint i = 0; i < blocks->len; i++)
        {
          PrBlock *block = g_ptr_array_index (blocks, i);
          g_autofree char *text = clean_text (block->text);

          if (i > 0)
            {
              g_string_append (body, "\n\n");
              g_string_append_c (extra, ',');
            }
          g_string_append (body, text);
          g_string_append_printf (extra, "[%d,%" G_GSIZE_FORMAT "]", block->kind, strlen (text));
        }
      g_string_append_c (extra, ']');
    }

  first = TRUE;
  for (guint i = 0; i < PR_N_LISTS; i++)
    {
      const char * const *values = pr_release_get_list (release, i);

      if (values[0] == NULL)
        continue;
      g_string_append_printf (extra, first ? ",\"lists\":{\"%s\":[" : ",\"%s\":[", list_keys[i]);
      first = FALSE;
      for (guint j = 0; values[j] != NULL; j++)
        {
          g_autofree char *value = clean_text (values[j]);

          if (j > 0)
            g_string_append_c (extra, ',');
          json_append_string (extra, value);
        }
      g_string_append_c (extra, ']');
    }
  if (!first)
    g_string_append_c (extra, '}');

  orgs = g_string_new (NULL);
  people = g_string_new (NULL);
  json_append_entities (extra, orgs, "orgs", pr_release_get_organizations (release), TRUE);
  json_append_entities (extra, people, "people", pr_release_get_people (release), FALSE);

  if (language != NULL && !g_str_equal (language, row->text[ROW_LANGUAGE]))
    {
      g_string_append (extra, ",\"language\":");
      json_append_string (extra, language);
    }
  g_free ((char *) language);
  if (row->title_derived)
    g_string_append (extra, ",\"title_derived\":true");
  if (pr_release_get_field (release, PR_FIELD_KIND) != NULL)
    {
      g_autofree char *kind = clean_text (pr_release_get_field (release, PR_FIELD_KIND));

      g_string_append (extra, ",\"kind\":");
      json_append_string (extra, kind);
    }
  g_string_append_c (extra, '}');

  row->body = g_string_free (body, FALSE);
  row->organizations = g_string_free (orgs, FALSE);
  row->people = g_string_free (people, FALSE);
  row->extra = g_string_free (extra, FALSE);

  for (guint i = 0; i < pr_release_get_organizations (release)->len; i++)
    row_add_entity (row, ENTITY_ORGANIZATION,
                    pr_entity_get_name (g_ptr_array_index (pr_release_get_organizations (release), i)));
  for (guint i = 0; i < pr_release_get_people (release)->len; i++)
    row_add_entity (row, ENTITY_PERSON,
                    pr_entity_get_name (g_ptr_array_index (pr_release_get_people (release), i)));
  for (const char * const *v = pr_release_get_list (release, PR_LIST_ISSUERS); *v != NULL; v++)
    row_add_entity (row, ENTITY_ISSUER, *v);
  for (const char * const *v = pr_release_get_list (release, PR_LIST_TICKERS); *v != NULL; v++)
    row_add_entity (row, ENTITY_TICKER, *v);
  row_add_entity (row, ENTITY_KIND, pr_release_get_field (release, PR_FIELD_KIND));
  row_add_entity (row, ENTITY_SOURCE, row->text[ROW_SOURCE]);
  row_add_entity (row, ENTITY_PLACE,
                  row->text[ROW_CITY] != NULL ? row->text[ROW_CITY] : row->text[ROW_REGION]);

  if (pr_text_has_cjk (row->text[ROW_TITLE]) || pr_text_has_cjk (row->text[ROW_SUBTITLE]) ||
      pr_text_has_cjk (row->body) || pr_text_has_cjk (row->organizations) ||
      pr_text_has_cjk (row->people) || pr_text_has_cjk (row->text[ROW_DATELINE]))
    row->cjk = g_strjoin ("\n",
                          row->text[ROW_TITLE] != NULL ? row->text[ROW_TITLE] : "",
                          row->text[ROW_SUBTITLE] != NULL ? row->text[ROW_SUBTITLE] : "",
                          row->text[ROW_DATELINE] != NULL ? row->text[ROW_DATELINE] : "",
                          row->organizations, row->people, row->body, NULL);

  /* Everything stored, to tell an unchanged re-import from an edit. */
  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  for (guint i = 0; i < ROW_N_TEXT; i++)
    {
      if (row->text[i] != NULL)
        g_checksum_update (checksum, (const guchar *) row->text[i], -1);
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }
  g_checksum_update (checksum, (const guchar *) row->body, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  g_checksum_update (checksum, (const guchar *) row->extra, -1);
  {
    char counts[64];

    g_snprintf (counts, sizeof counts, "\x1f%" G_GINT64_FORMAT, row->word_count);
    g_checksum_update (checksum, (const guchar *) counts, -1);
  }
  row->fingerprint = g_strdup (g_checksum_get_string (checksum));

  return row;
}

void
pr_store_row_free (PrStoreRow *row)
{
  if (row == NULL)
    return;
  g_clear_object (&row->release);
  g_free (row->content_id);
  g_free (row->old_content_id);
  g_free (row->source_key);
  g_free (row->fingerprint);
  for (guint i = 0; i < ROW_N_TEXT; i++)
    g_free (row->text[i]);
  g_free (row->body);
  g_free (row->organizations);
  g_free (row->people);
  g_free (row->extra);
  g_free (row->cjk);
  g_ptr_array_unref (row->entities);
  g_free (row);
}

PrRelease *
pr_store_row_get_release (PrStoreRow *row)
{
  return row->release;
}

void
pr_store_row_set_source_key (PrStoreRow *row,
                             const char *source_key)
{
  g_free (row->source_key);
  row->source_key = g_strdup (source_key);
}

/* ---- reading a release ----------------------------------------------- */

enum {
  COL_ID,
  COL_CONTENT_ID,
  COL_DATE,
  COL_TITLE,
  COL_SUBTITLE,
  COL_DATELINE,
  COL_CITY,
  COL_REGION,
  COL_SOURCE,
  COL_SOURCE_TAG,
  COL_LANGUAGE,
  COL_SUMMARY,
  COL_ORIGIN,
  COL_WORD_COUNT,
  COL_TITLE_DERIVED,
  COL_IMPORTED_AT,
  COL_READ,
  COL_READ_AT,
  COL_BOOKMARKED,
  COL_BOOKMARKED_AT,
  COL_BODY,
  COL_EXTRA,
  COL_GROUP,
  COL_COPY_LANGUAGES,
};

static GPtrArray *
entities_from_json (JsonArray    *array,
                    PrEntityKind  kind)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      pair = json_node_get_array (node);
      if (json_array_get_length (pair) < 1)
        continue;
      g_ptr_array_add (entities,
                       pr_entity_new (kind,
                                      json_array_get_string_element (pair, 0),
                                      json_array_get_length (pair) > 1
                                        ? json_array_get_string_element (pair, 1) : NULL));
    }
  return entities;
}

static JsonArray *
object_get_array (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Fills @release from a SELECT_RELEASE row: new objects and, on updates,
 * live ones (which then notify). */
void
pr_store_fill_release (PrRelease    *release,
                       sqlite3_stmt *stmt)
{
  static const struct { int column; PrField field; } columns[] = {
    { COL_CONTENT_ID, PR_FIELD_ID },
    { COL_DATE, PR_FIELD_DATE },
    { COL_TITLE, PR_FIELD_TITLE },
    { COL_SUBTITLE, PR_FIELD_SUBTITLE },
    { COL_DATELINE, PR_FIELD_DATELINE },
    { COL_CITY, PR_FIELD_CITY },
    { COL_REGION, PR_FIELD_REGION },
    { COL_SOURCE, PR_FIELD_SOURCE },
    { COL_SOURCE_TAG, PR_FIELD_SOURCE_TAG },
    { COL_LANGUAGE, PR_FIELD_LANGUAGE },
    { COL_SUMMARY, PR_FIELD_SUMMARY },
    { COL_ORIGIN, PR_FIELD_ORIGIN },
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GPtrArray) people = NULL;
  const char *body = pr_store_column_text (stmt, COL_BODY);
  gsize body_length = body != NULL ? strlen (body) : 0;
  JsonObject *extra = NULL;
  JsonArray *array;

  g_object_freeze_notify (G_OBJECT (release));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    pr_release_set_field (release, columns[i].field,
                          pr_store_column_text (stmt, columns[i].column));

  if (json_parser_load_from_data (parser, pr_store_column_text (stmt, COL_EXTRA), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    extra = json_node_get_object (json_parser_get_root (parser));

  /* Blocks: slices of the body by the stored lengths. */
  array = extra != NULL ? object_get_array (extra, "blocks") : NULL;
  if (array != NULL)
    {
      gsize offset = 0;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonArray *pair = json_array_get_array_element (array, i);
          gint64 kind, length;

          if (pair == NULL || json_array_get_length (pair) < 2)
            break;
          kind = json_array_get_int_element (pair, 0);
          length = json_array_get_int_element (pair, 1);
          if (i > 0)
            offset += 2;
          if (length < 0 || offset + length > body_length)
            break;
          {
            g_autofree char *text = g_strndup (body + offset, length);

            g_ptr_array_add (blocks, pr_block_new (kind >= 0 && kind <= PR_BLOCK_HEADING
                                                     ? (PrBlockKind) kind : PR_BLOCK_PARAGRAPH,
                                                   text));
          }
          offset += length;
        }
    }
  pr_release_set_blocks (release, blocks);

  for (guint i = 0; i < PR_N_LISTS; i++)
    {
      JsonObject *lists = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;

      if (extra != NULL && json_object_has_member (extra, "lists"))
        lists = json_object_get_object_member (extra, "lists");
      array = lists != NULL ? object_get_array (lists, list_keys[i]) : NULL;
      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          const char *value = json_array_get_string_element (array, j);

          if (value != NULL)
            g_strv_builder_add (builder, value);
        }
      values = g_strv_builder_end (builder);
      pr_release_set_list (release, i, (const char * const *) values);
    }

  orgs = entities_from_json (extra != NULL ? object_get_array (extra, "orgs") : NULL,
                             PR_ENTITY_ORGANIZATION);
  people = entities_from_json (extra != NULL ? object_get_array (extra, "people") : NULL,
                               PR_ENTITY_PERSON);
  pr_release_set_organizations (release, orgs);
  pr_release_set_people (release, people);

  if (extra != NULL && json_object_has_member (extra, "language"))
    pr_release_set_field (release, PR_FIELD_LANGUAGE,
                          json_object_get_string_member (extra, "language"));
  pr_release_set_field (release, PR_FIELD_KIND,
                        extra != NULL && json_object_has_member (extra, "kind")
                        ? json_object_get_string_member (extra, "kind") : NULL);
  pr_release_set_title_derived (release,
                                extra != NULL && json_object_has_member (extra, "title_derived") &&
                                json_object_get_boolean_member (extra, "title_derived"));

  pr_release_set_word_count (release, sqlite3_column_int64 (stmt, COL_WORD_COUNT));
  pr_release_set_store_id (release, sqlite3_column_int64 (stmt, COL_ID));
  pr_release_set_imported_at (release, sqlite3_column_int64 (stmt, COL_IMPORTED_AT));
  pr_release_set_read (release, sqlite3_column_int (stmt, COL_READ));
  pr_release_set_read_at (release, sqlite3_column_int64 (stmt, COL_READ_AT));
  pr_release_set_bookmarked (release, sqlite3_column_int (stmt, COL_BOOKMARKED));
  pr_release_set_bookmarked_at (release, sqlite3_column_int64 (stmt, COL_BOOKMARKED_AT));
  /* Alone, a release is its own group's original (schema 9; the older
   * SELECT of the migrations has no such column). */
  if (sqlite3_column_count (stmt) > COL_GROUP && sqlite3_column_type (stmt, COL_GROUP) != SQLITE_NULL)
    pr_release_set_group (release, pr_store_column_text (stmt, COL_GROUP));
  else
    pr_release_set_group (release, pr_store_column_text (stmt, COL_CONTENT_ID));
  if (sqlite3_column_count (stmt) > COL_COPY_LANGUAGES &&
      sqlite3_column_type (stmt, COL_COPY_LANGUAGES) != SQLITE_NULL)
    {
      g_auto(GStrv) languages = g_strsplit (pr_store_column_text (stmt, COL_COPY_LANGUAGES), " ", -1);

      pr_release_set_copy_languages (release, (const char * const *) languages);
    }
  else
    pr_release_set_copy_languages (release, NULL);

  g_object_thaw_notify (G_OBJECT (release));
}
