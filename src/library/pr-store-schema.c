/* pr-store-schema.c: the library's schema, as migrations
 *
 * Every schema version is a step from the one before; pr_store_migrate() runs
 * the steps a library lacks in one transaction when it is opened. */
#include <sqlite3.h>

#include "pr-facts.h"
#include "pr-store-private.h"
#include "pr-ticker.h"

/* ---- schema ---------------------------------------------------------- */

/* Version 1. Releases are split in two so that lists, sorting and state
 * changes touch small rows: releases (metadata, state, sort keys) and
 * release_text (body and the rest, as JSON). release_fts indexes both
 * through a view (external content); release_cjk holds the text of the
 * releases that contain Chinese or Japanese for trigram search; entities
 * (organisations, people, sources, places) with maintained counts feed
 * facets. */
static const char schema_v1[] =
  "CREATE TABLE releases ("
  "  id INTEGER PRIMARY KEY,"
  "  content_id TEXT NOT NULL UNIQUE,"
  "  source_key TEXT UNIQUE,"
  "  fingerprint TEXT NOT NULL,"
  "  date TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
  "  subtitle TEXT,"
  "  dateline TEXT,"
  "  city TEXT,"
  "  region TEXT,"
  "  source TEXT,"
  "  source_norm TEXT NOT NULL DEFAULT '',"
  "  source_tag TEXT,"
  "  language TEXT NOT NULL DEFAULT '',"
  "  summary TEXT,"
  "  origin TEXT,"
  "  word_count INTEGER NOT NULL DEFAULT 0,"
  "  title_derived INTEGER NOT NULL DEFAULT 0,"
  "  imported_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),"
  "  read_at INTEGER NOT NULL DEFAULT 0,"
  "  bookmarked INTEGER NOT NULL DEFAULT 0 CHECK (bookmarked IN (0, 1)),"
  "  bookmarked_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX releases_by_date ON releases (date);"
  "CREATE INDEX releases_by_title ON releases (title);"
  "CREATE INDEX releases_by_source ON releases (source_norm, date);"
  "CREATE INDEX releases_by_language ON releases (language, date);"
  "CREATE INDEX releases_by_read ON releases (read, date);"
  "CREATE INDEX releases_by_bookmarked ON releases (bookmarked, date);"
  "CREATE TABLE release_text ("
  "  id INTEGER PRIMARY KEY REFERENCES releases (id) ON DELETE CASCADE,"
  "  organizations TEXT NOT NULL DEFAULT '',"
  "  people TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  extra TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE VIEW release_fts_content"
  "  (id, title, subtitle, body, organizations, people, dateline, source) AS"
  "  SELECT r.id, r.title, r.subtitle, t.body, t.organizations, t.people, r.dateline, r.source"
  "  FROM releases AS r JOIN release_text AS t ON t.id = r.id;"
  "CREATE VIRTUAL TABLE release_fts USING fts5"
  "  (title, subtitle, body, organizations, people, dateline, source,"
  "   content='release_fts_content', content_rowid='id',"
  "   tokenize='unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE release_cjk USING fts5 (text, tokenize='trigram');"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  norm TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  releases INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, norm)"
  ");"
  "CREATE INDEX entities_by_count ON entities (kind, releases);"
  "CREATE TABLE release_entities ("
  "  release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,"
  "  entity_id INTEGER NOT NULL REFERENCES entities (id),"
  "  PRIMARY KEY (release_id, entity_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX release_entities_by_entity ON release_entities (entity_id);"
  "CREATE TRIGGER release_entities_added AFTER INSERT ON release_entities BEGIN"
  "  UPDATE entities SET releases = releases + 1 WHERE id = NEW.entity_id;"
  "END;"
  "CREATE TRIGGER release_entities_removed AFTER DELETE ON release_entities BEGIN"
  "  UPDATE entities SET releases = releases - 1 WHERE id = OLD.entity_id;"
  "END;";

/* Version 2, for speed at a million releases:
 * - releases_by_id holds, by id, what a search sorts and filters on, so
 *   that each FTS match reads a narrow index that stays cached instead of
 *   the table;
 * - counts keeps the numbers of releases, unread and bookmarked ones by
 *   triggers, so that the default lists open without counting every id;
 * - entity counts are added by the writer, one UPDATE per entity and
 *   batch, instead of a trigger per link (whose statement savepoints made
 *   FTS5 flush a segment per release); the removal trigger stays;
 * - FTS5 merges 8 segments at a time rather than 4: faster imports for a
 *   few more segments to read.
 * Written so that it also repairs libraries made by development builds
 * of version 1 that had part of it. */
static const char schema_v2[] =
  "DROP TRIGGER IF EXISTS release_entities_added;"
  "UPDATE entities SET releases ="
  "  (SELECT count(*) FROM release_entities WHERE entity_id = entities.id);"
  "CREATE INDEX IF NOT EXISTS releases_by_id"
  "  ON releases (id, date, source_norm, read, bookmarked, language);"
  "INSERT INTO release_fts (release_fts, rank) VALUES ('automerge', 8);"
  "CREATE TABLE IF NOT EXISTS counts ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  releases INTEGER NOT NULL,"
  "  unread INTEGER NOT NULL,"
  "  bookmarked INTEGER NOT NULL"
  ");"
  "INSERT OR REPLACE INTO counts SELECT 1, count(*), coalesce (sum (read = 0), 0),"
  "  coalesce (sum (bookmarked), 0) FROM releases;"
  "CREATE TRIGGER IF NOT EXISTS releases_added AFTER INSERT ON releases BEGIN"
  "  UPDATE counts SET releases = releases + 1, unread = unread + (NEW.read = 0),"
  "    bookmarked = bookmarked + NEW.bookmarked WHERE id = 1;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS releases_removed AFTER DELETE ON releases BEGIN"
  "  UPDATE counts SET releases = releases - 1, unread = unread - (OLD.read = 0),"
  "    bookmarked = bookmarked - OLD.bookmarked WHERE id = 1;"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS releases_state AFTER UPDATE OF read, bookmarked ON releases BEGIN"
  "  UPDATE counts SET unread = unread + (NEW.read = 0) - (OLD.read = 0),"
  "    bookmarked = bookmarked + NEW.bookmarked - OLD.bookmarked WHERE id = 1;"
  "END;";

/* Version 3: the list sorted by wire (source_norm, then newest first:
 * date DESC, id DESC) reads its pages from an index in that order instead
 * of sorting the rows of each wire; lists of one wire sorted by date read
 * the same index. */
static const char schema_v3[] =
  "DROP INDEX IF EXISTS releases_by_source;"
  "CREATE INDEX releases_by_source ON releases (source_norm, date DESC, id DESC);"
  "INSERT INTO release_fts (release_fts, rank) VALUES ('pgsz', 4000);";

/* Version 4: feed subscriptions (src/feeds/). feeds holds each
 * subscription and its fetch state (conditional GET, back-off, the last
 * error in words); feed_items remembers, per feed, each item seen (its
 * guid, link and a hash of what the feed gave) and its release, so that
 * an item seen again is not fetched or written again, and a release
 * outlives its item's dropping out of the feed. A release reached from
 * two feeds has an item in each. */
static const char schema_v4[] =
  "CREATE TABLE feeds ("
  "  id INTEGER PRIMARY KEY,"
  "  url TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  custom_title INTEGER NOT NULL DEFAULT 0,"
  "  site_url TEXT,"
  "  category TEXT,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  interval_minutes INTEGER NOT NULL DEFAULT 0,"
  "  full_text INTEGER NOT NULL DEFAULT 0,"
  "  hint_minutes INTEGER NOT NULL DEFAULT 0,"
  "  added_at INTEGER NOT NULL DEFAULT 0,"
  "  checked_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  next_check_at INTEGER NOT NULL DEFAULT 0,"
  "  errors INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  ended INTEGER NOT NULL DEFAULT 0,"
  "  icon_path TEXT"
  ");"
  "CREATE TABLE feed_items ("
  "  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,"
  "  guid TEXT NOT NULL,"
  "  link TEXT,"
  "  item_hash TEXT,"
  "  published TEXT,"
  "  release_id INTEGER REFERENCES releases (id) ON DELETE SET NULL,"
  "  seen_at INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (feed_id, guid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX feed_items_by_release ON feed_items (release_id, feed_id);"
  "CREATE INDEX feed_items_by_link ON feed_items (link);";

/* Watches: saved searches; their matches, and their counts kept by
 * triggers as matches come and go and releases are read. */
static const char schema_v5[] =
  "CREATE TABLE watches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  query TEXT NOT NULL,"
  "  notify INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  added_at INTEGER NOT NULL DEFAULT 0,"
  "  total INTEGER NOT NULL DEFAULT 0,"
  "  unread INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE watch_matches ("
  "  watch_id INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,"
  "  release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (watch_id, release_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX watch_matches_by_release ON watch_matches (release_id);"
  "CREATE TRIGGER watch_match_added AFTER INSERT ON watch_matches BEGIN"
  "  UPDATE watches SET total = total + 1,"
  "    unread = unread + coalesce ((SELECT 1 - read FROM releases WHERE id = NEW.release_id), 0)"
  "  WHERE id = NEW.watch_id;"
  "END;"
  "CREATE TRIGGER watch_match_removed AFTER DELETE ON watch_matches BEGIN"
  "  UPDATE watches SET total = total - 1,"
  "    unread = unread - coalesce ((SELECT 1 - read FROM releases WHERE id = OLD.release_id), 0)"
  "  WHERE id = OLD.watch_id;"
  "END;"
  "CREATE TRIGGER watch_release_read AFTER UPDATE OF read ON releases"
  "  WHEN OLD.read != NEW.read BEGIN"
  "  UPDATE watches SET unread = unread + OLD.read - NEW.read"
  "  WHERE id IN (SELECT watch_id FROM watch_matches WHERE release_id = NEW.id);"
  "END;"
  /* Before: the matches leave while the release can still say if it was read. */
  "CREATE TRIGGER watch_release_deleted BEFORE DELETE ON releases BEGIN"
  "  DELETE FROM watch_matches WHERE release_id = OLD.id;"
  "END;";

/* Version 6: each release's issuers, kind and headline flags (issue 16),
 * and its tickers as EXCHANGE:SYMBOL, found again for the releases
 * stored before (facts_fixup()); issuers, kinds and tickers are
 * entities of kinds 4, 5 and 6 (pr-store-private.h). */
static const char schema_v6[] =
  "";

/* Version 7, for Mark All as Read at a million releases (issue 14): the
 * read state leaves the releases' rows. A (read, date) index entry moved
 * for every release marked, far from the last one, and made marking a
 * million take 11 s; now the unread releases are the keys of unread
 * (date, id), in list order, which marking deletes and Undo inserts in
 * their order, and when each was read is in release_reads. Counts of
 * unread releases (counts.unread, watches.unread) change by the writer,
 * once per batch (pr-store-state.c), instead of by a trigger per row;
 * the triggers left keep them when releases or watch matches come and go.
 * A release's date is part of its key in unread, kept by a trigger. */
static const char schema_v7[] =
  "DROP TRIGGER IF EXISTS releases_added;"
  "DROP TRIGGER IF EXISTS releases_removed;"
  "DROP TRIGGER IF EXISTS releases_state;"
  "DROP TRIGGER IF EXISTS watch_release_read;"
  "DROP TRIGGER IF EXISTS watch_match_added;"
  "DROP TRIGGER IF EXISTS watch_match_removed;"
  "DROP INDEX IF EXISTS releases_by_read;"
  "DROP INDEX IF EXISTS releases_by_id;"
  "CREATE TABLE unread ("
  "  date TEXT NOT NULL,"
  "  id INTEGER NOT NULL,"
  "  PRIMARY KEY (date, id)"
  ") WITHOUT ROWID;"
  "INSERT INTO unread SELECT date, id FROM releases WHERE read = 0 ORDER BY date, id;"
  "CREATE TABLE release_reads ("
  "  id INTEGER PRIMARY KEY,"
  "  read_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO release_reads SELECT id, read_at FROM releases WHERE read = 1;"
  "ALTER TABLE releases DROP COLUMN read;"
  "ALTER TABLE releases DROP COLUMN read_at;"
  "CREATE INDEX releases_by_id ON releases (id, date, source_norm, bookmarked, language);"
  "UPDATE counts SET unread = (SELECT count(*) FROM unread);"
  "CREATE TRIGGER releases_added AFTER INSERT ON releases BEGIN"
  "  UPDATE counts SET releases = releases + 1, bookmarked = bookmarked + NEW.bookmarked WHERE id = 1;"
  "END;"
  /* After watch_release_deleted (BEFORE DELETE), whose matches leave while
   * the release is still unread. */
  "CREATE TRIGGER releases_removed AFTER DELETE ON releases BEGIN"
  "  UPDATE counts SET releases = releases - 1, bookmarked = bookmarked - OLD.bookmarked,"
  "    unread = unread - (SELECT count(*) FROM unread WHERE date = OLD.date AND id = OLD.id)"
  "  WHERE id = 1;"
  "  DELETE FROM unread WHERE date = OLD.date AND id = OLD.id;"
  "  DELETE FROM release_reads WHERE id = OLD.id;"
  "END;"
  "CREATE TRIGGER releases_state AFTER UPDATE OF bookmarked ON releases BEGIN"
  "  UPDATE counts SET bookmarked = bookmarked + NEW.bookmarked - OLD.bookmarked WHERE id = 1;"
  "END;"
  "CREATE TRIGGER releases_dated AFTER UPDATE OF date ON releases WHEN OLD.date != NEW.date BEGIN"
  "  UPDATE unread SET date = NEW.date WHERE date = OLD.date AND id = OLD.id;"
  "END;"
  "CREATE TRIGGER watch_match_added AFTER INSERT ON watch_matches BEGIN"
  "  UPDATE watches SET total = total + 1,"
  "    unread = unread + (SELECT count(*) FROM releases AS r JOIN unread AS u"
  "                       ON u.date = r.date AND u.id = r.id WHERE r.id = NEW.release_id)"
  "  WHERE id = NEW.watch_id;"
  "END;"
  "CREATE TRIGGER watch_match_removed AFTER DELETE ON watch_matches BEGIN"
  "  UPDATE watches SET total = total - 1,"
  "    unread = unread - (SELECT count(*) FROM releases AS r JOIN unread AS u"
  "                       ON u.date = r.date AND u.id = r.id WHERE r.id = OLD.release_id)"
  "  WHERE id = OLD.watch_id;"
  "END;";

/* Version 8, for imports at a million releases (issue 14): only the
 * bookmarked releases are in releases_by_bookmarked. Every new release
 * went into (bookmarked, date) at its date, and a big import wrote again
 * most of that index's pages at every commit (1,329 pages of 16 KB at a
 * million, 20 MB a transaction) for a list that holds a few hundred. The
 * bookmarked list and the filter name r.bookmarked = 1, which the planner
 * matches to the index's WHERE. */
static const char schema_v8[] =
  "DROP INDEX IF EXISTS releases_by_bookmarked;"
  "CREATE INDEX releases_by_bookmarked ON releases (date) WHERE bookmarked = 1;";

/* Version 9: copies of one announcement grouped (issue 15,
 * docs/grouping.md). Each release's sketch, its index keys (anchor and
 * period: pr_sketch_keys()), its group as the original's id on every
 * member (NULL alone), and the hand's choices by content id so that they
 * survive a re-import: (c, '') for c taken out of its group, (c, o) for
 * c put in o's. Releases stored before have no sketch: they are not
 * grouped. */
static const char schema_v9[] =
  "ALTER TABLE releases ADD COLUMN group_id INTEGER;"
  "CREATE INDEX releases_by_group ON releases (group_id) WHERE group_id IS NOT NULL;"
  "CREATE TABLE release_sketches (id INTEGER PRIMARY KEY, sketch BLOB NOT NULL);"
  "CREATE TABLE sketch_keys ("
  "  key INTEGER NOT NULL,"
  "  id INTEGER NOT NULL,"
  "  PRIMARY KEY (key, id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE group_choices ("
  "  content_id TEXT NOT NULL,"
  "  other TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (content_id, other)"
  ") WITHOUT ROWID;"
  "CREATE INDEX group_choices_by_other ON group_choices (other) WHERE other != '';"
  "CREATE TRIGGER release_sketch_removed AFTER DELETE ON releases BEGIN"
  "  DELETE FROM release_sketches WHERE id = OLD.id;"
  "END;";

/* Version 10: one row per announcement in the lists (issue 15). The
 * members of a group other than its original, each with the original's
 * id, kept by triggers from releases.group_id: a list that shows one row
 * per group leaves these out, and a search maps a copy's match to its
 * original, without reading the releases' rows. */
static const char schema_v10[] =
  "CREATE TABLE copies (id INTEGER PRIMARY KEY, original INTEGER NOT NULL);"
  "CREATE INDEX copies_by_original ON copies (original);"
  "INSERT INTO copies SELECT id, group_id FROM releases"
  "  WHERE group_id IS NOT NULL AND group_id != id;"
  "CREATE TRIGGER releases_regrouped AFTER UPDATE OF group_id ON releases BEGIN"
  "  DELETE FROM copies WHERE id = OLD.id;"
  "  INSERT INTO copies SELECT NEW.id, NEW.group_id"
  "    WHERE NEW.group_id IS NOT NULL AND NEW.group_id != NEW.id;"
  "END;"
  "CREATE TRIGGER release_copy_removed AFTER DELETE ON releases BEGIN"
  "  DELETE FROM copies WHERE id = OLD.id;"
  "END;";

/* Version 11: the releases stored before grouping (schema 9) wait in
 * ungrouped for a pass in the background (pr_store_group_stored()) that
 * sketches and groups them as an import would have. A release without a
 * sketch is one of them, or too short to be found as a copy: looked at
 * once, then dropped from the queue. */
static const char schema_v11[] =
  "CREATE TABLE ungrouped (id INTEGER PRIMARY KEY);"
  "INSERT INTO ungrouped SELECT id FROM releases"
  "  WHERE id NOT IN (SELECT id FROM release_sketches);"
  "CREATE TRIGGER release_ungrouped_removed AFTER DELETE ON releases BEGIN"
  "  DELETE FROM ungrouped WHERE id = OLD.id;"
  "END;";

typedef gboolean (*MigrationFixup) (sqlite3  *db,
                                    GError  **error);

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  pr_store_set_sqlite_error (error, db, rc, "Could not add a release's facts");
  return FALSE;
}

/* SELECT_RELEASES as it was at version 6 (the state in the row), so that
 * this step still runs on a version 5 library after the schema moved on. */
#define SELECT_RELEASES_V6 \
  "SELECT r.id, r.content_id, r.date, r.title, r.subtitle, r.dateline, r.city, r.region," \
  " r.source, r.source_tag, r.language, r.summary, r.origin, r.word_count, r.title_derived," \
  " r.imported_at, r.read, r.read_at, r.bookmarked, r.bookmarked_at, t.body, t.extra" \
  " FROM releases AS r JOIN release_text AS t ON t.id = r.id"

/* Every stored release read again, its facts found as an import would
 * find them, and its extra and entities written. The title stays as
 * stored (markers and all) so that content ids do not change. */
static gboolean
facts_fixup (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) add_entity = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, SELECT_RELEASES_V6 " ORDER BY r.id", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE release_text SET extra = ? WHERE id = ?", -1, &update, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO entities (kind, norm, name) VALUES (?, ?, ?)",
                          -1, &add_entity, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO release_entities (release_id, entity_id)"
                          " SELECT ?, id FROM entities WHERE kind = ? AND norm = ?", -1, &link, NULL) != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, db, sqlite3_errcode (db), "Could not read the releases' facts");
      return FALSE;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(PrRelease) release = pr_release_new ();
      g_autoptr(PrStoreRow) row = NULL;
      g_autofree char *old_tickers = NULL;
      g_auto(GStrv) tickers = NULL;
      gint64 id;

      pr_store_fill_release (release, select);
      id = pr_release_get_store_id (release);
      old_tickers = g_strjoinv ("\n", (char **) pr_release_get_list (release, PR_LIST_TICKERS));
      tickers = pr_extract_tickers (old_tickers);
      pr_release_set_list (release, PR_LIST_TICKERS, (const char * const *) tickers);
      pr_facts_apply (release);
      row = pr_store_row_new (release);

      sqlite3_bind_text (update, 1, row->extra, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 2, id);
      if (!step_done (db, update, error))
        return FALSE;
      for (guint i = 0; i < row->entities->len; i++)
        {
          RowEntity *entity = g_ptr_array_index (row->entities, i);

          if (entity->kind < ENTITY_ISSUER)
            continue;
          sqlite3_bind_int (add_entity, 1, entity->kind);
          sqlite3_bind_text (add_entity, 2, entity->norm, -1, SQLITE_STATIC);
          sqlite3_bind_text (add_entity, 3, entity->name, -1, SQLITE_STATIC);
          if (!step_done (db, add_entity, error))
            return FALSE;
          sqlite3_bind_int64 (link, 1, id);
          sqlite3_bind_int (link, 2, entity->kind);
          sqlite3_bind_text (link, 3, entity->norm, -1, SQLITE_STATIC);
          if (!step_done (db, link, error))
            return FALSE;
        }
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, db, rc, "Could not read the releases' facts");
      return FALSE;
    }

  /* The writer keeps entity counts (no trigger adds): count the new ones. */
  rc = sqlite3_exec (db, "UPDATE entities SET releases ="
                     " (SELECT count(*) FROM release_entities WHERE entity_id = entities.id)"
                     " WHERE kind >= 4", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      pr_store_set_sqlite_error (error, db, rc, "Could not count the releases' facts");
      return FALSE;
    }
  g_debug ("Facts found for %u stored releases", n);
  return TRUE;
}

/* The migrations, in order: step N takes a library from version N - 1 to
 * N. A step is SQL and, if needed, a function run after it in the same
 * transaction. Steps are never changed once released; a new schema is a
 * new step (and PR_STORE_SCHEMA_VERSION goes up). */
static const struct {
  int version;
  const char *sql;
  MigrationFixup fixup;
} migrations[] = {
  { 1, schema_v1, NULL },
  { 2, schema_v2, NULL },
  { 3, schema_v3, NULL },
  { 4, schema_v4, NULL },
  { 5, schema_v5, NULL },
  { 6, schema_v6, facts_fixup },
  { 7, schema_v7, NULL },
  { 8, schema_v8, NULL },
  { 9, schema_v9, NULL },
  { 10, schema_v10, NULL },
  { 11, schema_v11, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PR_STORE_SCHEMA_VERSION);

/* Runs the migration steps after the library's version up to @target, in
 * one transaction. */
gboolean
pr_store_migrate (Conn        *conn,
                  const char  *path,
                  int          target,
                  GError     **error)
{
  gint64 version = 0;
  g_autofree char *pragma = NULL;

  if (!pr_store_conn_exec (conn, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Again, inside the transaction: another process may have migrated. */
  if (!pr_store_check_library (conn, path, &version, error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= version || migrations[i].version > target)
        continue;
      if (!pr_store_conn_exec (conn, migrations[i].sql, error))
        goto fail;
      if (migrations[i].fixup != NULL && !migrations[i].fixup (conn->db, error))
        goto fail;
      g_debug ("Library %s migrated to version %d", path, migrations[i].version);
    }

  if (version < target)
    {
      pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                target, APPLICATION_ID);
      if (!pr_store_conn_exec (conn, pragma, error))
        goto fail;
    }

  return pr_store_conn_exec (conn, "COMMIT", error);

fail:
  pr_store_conn_exec (conn, "ROLLBACK", NULL);
  return FALSE;
}
