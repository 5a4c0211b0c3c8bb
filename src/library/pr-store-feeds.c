/* pr-store-feeds.c: feed subscriptions and the items they gave
 *
 * A feed's releases go through the same writer as imported files
 * (pr_store_add_rows_full()), keyed by the item's link: the same page
 * seen again, from this feed or another, is the same release (an edit
 * updates it and keeps its state), and a reissued item whose text did not
 * change is matched on its content id. Inside the same transaction the
 * feed's items are recorded (feed_items), so that a list of one feed
 * sees its new releases as they are written. */
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pr-store-private.h"

/* Subscriptions are read on the background connection from any thread:
 * the owner's snapshot follows the lists' notices, which the feeds'
 * own writes do not send. */
static Conn *
feeds_reader_lock (PrStore *self)
{
  g_mutex_lock (&self->background_lock);
  return &self->bdb;
}

static void
feeds_reader_unlock (PrStore *self)
{
  g_mutex_unlock (&self->background_lock);
}

#define SUB_COLUMNS \
  "f.id, f.url, f.title, f.custom_title, f.site_url, f.category, f.etag, f.last_modified," \
  " f.interval_minutes, f.full_text, f.hint_minutes, f.added_at, f.checked_at, f.updated_at," \
  " f.next_check_at, f.errors, f.last_error, f.ended, f.icon_path"

/* The counts come from feed_items joined to releases: a release in two
 * feeds counts in each. */
#define SELECT_SUBSCRIPTIONS \
  "SELECT " SUB_COLUMNS "," \
  " (SELECT count (DISTINCT i.release_id) FROM feed_items AS i JOIN releases AS r ON r.id = i.release_id" \
  "  WHERE i.feed_id = f.id)," \
  " (SELECT count (DISTINCT i.release_id) FROM feed_items AS i JOIN releases AS r ON r.id = i.release_id" \
  "  WHERE i.feed_id = f.id AND " SQL_UNREAD ")" \
  " FROM feeds AS f"

static PrSubscription *
read_subscription (sqlite3_stmt *stmt)
{
  PrSubscription *sub = pr_subscription_new ((const char *) sqlite3_column_text (stmt, 1));

  sub->id = sqlite3_column_int64 (stmt, 0);
  sub->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sub->custom_title = sqlite3_column_int (stmt, 3) != 0;
  sub->site_url = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  sub->category = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  sub->etag = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  sub->last_modified = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  sub->interval_minutes = sqlite3_column_int (stmt, 8);
  sub->full_text = CLAMP (sqlite3_column_int (stmt, 9), PR_FULL_TEXT_AUTO, PR_FULL_TEXT_NEVER);
  sub->hint_minutes = sqlite3_column_int (stmt, 10);
  sub->added_at = sqlite3_column_int64 (stmt, 11);
  sub->checked_at = sqlite3_column_int64 (stmt, 12);
  sub->updated_at = sqlite3_column_int64 (stmt, 13);
  sub->next_check_at = sqlite3_column_int64 (stmt, 14);
  sub->errors = sqlite3_column_int (stmt, 15);
  sub->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 16));
  sub->ended = sqlite3_column_int (stmt, 17) != 0;
  sub->icon_path = g_strdup ((const char *) sqlite3_column_text (stmt, 18));
  sub->releases = sqlite3_column_int64 (stmt, 19);
  sub->unread = sqlite3_column_int64 (stmt, 20);
  return sub;
}

/* Runs @stmt's rows into subscriptions; NULL with @error on failure. */
static GPtrArray *
read_subscriptions (Conn          *conn,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  GPtrArray *subs = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_subscription_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (subs, read_subscription (stmt));
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, conn->db, rc, "Could not read the subscriptions");
      g_ptr_array_unref (subs);
      return NULL;
    }
  return subs;
}

GPtrArray *
pr_store_list_subscriptions (PrStore  *self,
                             GError  **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *subs = NULL;
  Conn *conn;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  conn = feeds_reader_lock (self);
  stmt = pr_store_conn_stmt (conn, SELECT_SUBSCRIPTIONS " ORDER BY f.title COLLATE NOCASE, f.url",
                             error);
  if (stmt != NULL)
    subs = read_subscriptions (conn, stmt, error);
  feeds_reader_unlock (self);
  return subs;
}

/* The subscription with @id, or else with @url. */
static PrSubscription *
get_subscription (PrStore     *self,
                  gint64       id,
                  const char  *url,
                  GError     **error)
{
  g_autoptr(GPtrArray) subs = NULL;
  sqlite3_stmt *stmt;
  Conn *conn;

  conn = feeds_reader_lock (self);
  stmt = pr_store_conn_stmt (conn, url != NULL ? SELECT_SUBSCRIPTIONS " WHERE f.url = ?"
                                               : SELECT_SUBSCRIPTIONS " WHERE f.id = ?", error);
  if (stmt != NULL)
    {
      if (url != NULL)
        pr_store_bind_text (stmt, 1, url);
      else
        sqlite3_bind_int64 (stmt, 1, id);
      subs = read_subscriptions (conn, stmt, error);
    }
  feeds_reader_unlock (self);

  if (subs == NULL)
    return NULL;
  if (subs->len == 0)
    {
      if (url != NULL)
        g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a feed's address. */
                     _("Not subscribed to %s"), url);
      else
        g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                     "No subscription %" G_GINT64_FORMAT " in the library", id);
      return NULL;
    }
  return g_ptr_array_steal_index (subs, 0);
}

PrSubscription *
pr_store_get_subscription (PrStore  *self,
                           gint64    id,
                           GError  **error)
{
  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  return get_subscription (self, id, NULL, error);
}

PrSubscription *
pr_store_find_subscription (PrStore     *self,
                            const char  *url,
                            GError     **error)
{
  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return get_subscription (self, 0, url, error);
}

/* ---- writing subscriptions ---- */

static void
bind_subscription (sqlite3_stmt         *stmt,
                   const PrSubscription *sub)
{
  pr_store_bind_text (stmt, 1, sub->url);
  pr_store_bind_text (stmt, 2, sub->title != NULL ? sub->title : "");
  sqlite3_bind_int (stmt, 3, sub->custom_title);
  pr_store_bind_text (stmt, 4, sub->site_url);
  pr_store_bind_text (stmt, 5, sub->category);
  pr_store_bind_text (stmt, 6, sub->etag);
  pr_store_bind_text (stmt, 7, sub->last_modified);
  sqlite3_bind_int (stmt, 8, sub->interval_minutes);
  sqlite3_bind_int (stmt, 9, sub->full_text);
  sqlite3_bind_int (stmt, 10, sub->hint_minutes);
  sqlite3_bind_int64 (stmt, 11, sub->added_at);
  sqlite3_bind_int64 (stmt, 12, sub->checked_at);
  sqlite3_bind_int64 (stmt, 13, sub->updated_at);
  sqlite3_bind_int64 (stmt, 14, sub->next_check_at);
  sqlite3_bind_int (stmt, 15, sub->errors);
  pr_store_bind_text (stmt, 16, sub->last_error);
  sqlite3_bind_int (stmt, 17, sub->ended);
  pr_store_bind_text (stmt, 18, sub->icon_path);
}

/* Whether @url is subscribed to under another id than @id. */
static gboolean
url_taken (PrStore     *self,
           const char  *url,
           gint64       id,
           gboolean    *taken,
           GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT id FROM feeds WHERE url = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, url);
  rc = sqlite3_step (stmt);
  *taken = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != id;
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read the subscriptions");
      return FALSE;
    }
  return TRUE;
}

static void
set_exists (GError     **error,
            const char  *url)
{
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_EXISTS,
               /* Translators: %s is a feed's address. */
               _("Already subscribed to %s"), url);
}

gboolean
pr_store_add_subscription (PrStore         *self,
                           PrSubscription  *sub,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gboolean ok;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (sub != NULL && sub->url != NULL, FALSE);

  if (sub->added_at == 0)
    sub->added_at = pr_store_now_seconds ();
  if (!pr_store_plain_begin (self, error))
    return FALSE;
  ok = url_taken (self, sub->url, 0, &taken, error);
  if (ok && taken)
    {
      set_exists (error, sub->url);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb,
                                 "INSERT INTO feeds (url, title, custom_title, site_url, category,"
                                 " etag, last_modified, interval_minutes, full_text, hint_minutes,"
                                 " added_at, checked_at, updated_at, next_check_at, errors,"
                                 " last_error, ended, icon_path)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_subscription (stmt, sub);
          ok = pr_store_stmt_run (&self->wdb, stmt, error);
          if (ok)
            sub->id = sqlite3_last_insert_rowid (self->wdb.db);
        }
    }
  return pr_store_plain_end (self, ok, error);
}

gboolean
pr_store_update_subscription (PrStore               *self,
                              const PrSubscription  *sub,
                              GError               **error)
{
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gboolean ok;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (sub != NULL && sub->id != 0 && sub->url != NULL, FALSE);

  if (!pr_store_plain_begin (self, error))
    return FALSE;
  /* A feed moved (301) to an address subscribed to already. */
  ok = url_taken (self, sub->url, sub->id, &taken, error);
  if (ok && taken)
    {
      set_exists (error, sub->url);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = pr_store_conn_stmt (&self->wdb,
                                 "UPDATE feeds SET url = ?1, title = ?2, custom_title = ?3,"
                                 " site_url = ?4, category = ?5, etag = ?6, last_modified = ?7,"
                                 " interval_minutes = ?8, full_text = ?9, hint_minutes = ?10,"
                                 " added_at = ?11, checked_at = ?12, updated_at = ?13,"
                                 " next_check_at = ?14, errors = ?15, last_error = ?16, ended = ?17,"
                                 " icon_path = ?18 WHERE id = ?19", error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_subscription (stmt, sub);
          sqlite3_bind_int64 (stmt, 19, sub->id);
          ok = pr_store_stmt_run (&self->wdb, stmt, error);
        }
      if (ok && sqlite3_changes (self->wdb.db) == 0)
        {
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                       "No subscription %" G_GINT64_FORMAT " in the library", sub->id);
          ok = FALSE;
        }
    }
  return pr_store_plain_end (self, ok, error);
}

gboolean
pr_store_remove_subscription (PrStore  *self,
                              gint64    id,
                              GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  /* Its items go with it; its releases stay in the library. */
  if (!pr_store_plain_begin (self, error))
    return FALSE;
  stmt = pr_store_conn_stmt (&self->wdb, "DELETE FROM feeds WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = pr_store_stmt_run (&self->wdb, stmt, error);
    }
  if (ok && sqlite3_changes (self->wdb.db) == 0)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                   "No subscription %" G_GINT64_FORMAT " in the library", id);
      ok = FALSE;
    }
  return pr_store_plain_end (self, ok, error);
}

/* ---- items ---- */

GHashTable *
pr_store_get_feed_items (PrStore  *self,
                         gint64    feed_id,
                         GError  **error)
{
  GHashTable *items = NULL;
  sqlite3_stmt *stmt;
  Conn *conn;
  int rc;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  conn = feeds_reader_lock (self);
  /* An item whose release was deleted is not known any more. */
  stmt = pr_store_conn_stmt (conn, "SELECT guid, item_hash FROM feed_items"
                                   " WHERE feed_id = ? AND release_id IS NOT NULL", error);
  if (stmt != NULL)
    {
      items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_bind_int64 (stmt, 1, feed_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (items, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      pr_store_stmt_done (stmt);
      if (rc != SQLITE_DONE)
        {
          pr_store_set_sqlite_error (error, conn->db, rc, "Could not read a feed's items");
          g_clear_pointer (&items, g_hash_table_unref);
        }
    }
  feeds_reader_unlock (self);
  return items;
}

typedef struct {
  GArray *feed_ids;       /* gint64, parallel to the rows */
  GPtrArray *entries;     /* PrFeedEntry, parallel to the rows */
  gint64 now;
} ItemsWrite;

static gboolean
write_items (PrStore    *self,
             GPtrArray  *rows,
             gpointer    user_data,
             GError    **error)
{
  ItemsWrite *w = user_data;
  sqlite3_stmt *stmt;

  stmt = pr_store_conn_stmt (&self->wdb,
                             "INSERT INTO feed_items (feed_id, guid, link, item_hash, published,"
                             " release_id, seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                             " ON CONFLICT (feed_id, guid) DO UPDATE SET link = ?3, item_hash = ?4,"
                             " published = coalesce (?5, published), release_id = ?6, seen_at = ?7",
                             error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);
      PrFeedEntry *entry = g_ptr_array_index (w->entries, i);

      sqlite3_bind_int64 (stmt, 1, g_array_index (w->feed_ids, gint64, i));
      pr_store_bind_text (stmt, 2, entry->guid);
      pr_store_bind_text (stmt, 3, entry->link);
      pr_store_bind_text (stmt, 4, entry->item_hash);
      pr_store_bind_text (stmt, 5, entry->published);
      sqlite3_bind_int64 (stmt, 6, row->id);
      sqlite3_bind_int64 (stmt, 7, w->now);
      if (!pr_store_stmt_run (&self->wdb, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* The source key (what the writer matches updates on) of the release the
 * feed's item @guid led to before, if any: an item whose link changed
 * still updates its release. */
static char *
known_source_key (PrStore     *self,
                  gint64       feed_id,
                  const char  *guid)
{
  sqlite3_stmt *stmt;
  char *key = NULL;
  Conn *conn = feeds_reader_lock (self);

  stmt = pr_store_conn_stmt (conn, "SELECT r.source_key FROM feed_items AS i"
                                   " JOIN releases AS r ON r.id = i.release_id"
                                   " WHERE i.feed_id = ? AND i.guid = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, feed_id);
      pr_store_bind_text (stmt, 2, guid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      pr_store_stmt_done (stmt);
    }
  feeds_reader_unlock (self);
  return key;
}

gboolean
pr_store_add_feed_items (PrStore         *self,
                         gint64           feed_id,
                         GPtrArray       *entries,
                         PrStoreOutcome  *outcomes,
                         GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree PrStoreOutcome *row_outcomes = NULL;
  g_autoptr(GArray) feed_ids = NULL;
  ItemsWrite w = { NULL, NULL, pr_store_now_seconds () };
  guint n = 0;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_row_free);
  written = g_ptr_array_new ();
  feed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < entries->len; i++)
    {
      PrFeedEntry *entry = g_ptr_array_index (entries, i);
      gint64 id = feed_id != 0 ? feed_id : entry->feed_id;
      g_autofree char *key = NULL;
      PrStoreRow *row;

      if (outcomes != NULL)
        outcomes[i] = PR_STORE_UNCHANGED;
      if (entry->release == NULL)
        continue;
      g_return_val_if_fail (id != 0, FALSE);
      row = pr_store_row_new (entry->release);
      key = known_source_key (self, id, entry->guid);
      if (key == NULL)
        key = entry->link != NULL ? g_strdup (entry->link)
                                  : g_strdup_printf ("feed:%" G_GINT64_FORMAT ":%s", id, entry->guid);
      pr_store_row_set_source_key (row, key);
      g_ptr_array_add (rows, row);
      g_ptr_array_add (written, entry);
      g_array_append_val (feed_ids, id);
    }
  if (rows->len == 0)
    return TRUE;

  w.entries = written;
  w.feed_ids = feed_ids;
  row_outcomes = g_new0 (PrStoreOutcome, rows->len);
  if (!pr_store_add_rows_full (self, rows, row_outcomes, write_items, &w, error))
    return FALSE;
  for (guint i = 0; outcomes != NULL && i < entries->len; i++)
    if (((PrFeedEntry *) g_ptr_array_index (entries, i))->release != NULL)
      outcomes[i] = row_outcomes[n++];
  return TRUE;
}
