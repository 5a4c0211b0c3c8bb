/* pr-store-group.c: copies of one announcement grouped as they are stored
 *
 * A new release's candidates are the releases that share an index key
 * with it (sketch_keys: an anchor and a period, pr_sketch_keys()): never
 * the whole library. It joins the group of its best copy
 * (pr_copy_match_offer()); every member of a group has the original's id
 * as group_id, a release alone NULL; the original is the best by
 * pr_copy_info_compare(). The hand's choices (group_choices, by content
 * id) win over the sketches. See docs/grouping.md. */
#include <sqlite3.h>

#include "pr-import.h"
#include "pr-sketch.h"
#include "pr-store-private.h"

/* Candidates read for one key, and in all: a key shared by many releases
 * (a common figure as a translation's anchor, a template's sentences)
 * costs no more than this. */
#define MAX_PER_KEY 8
#define MAX_CANDIDATES 32

static gboolean
run_id (PrStore     *self,
        const char  *sql,
        gint64       a,
        gint64       b,
        GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);
  return pr_store_stmt_run (&self->wdb, stmt, error);
}

/* @id's stored sketch; FALSE without an error when it has none. */
static gboolean
read_sketch (Conn      *conn,
             gint64     id,
             PrSketch  *sketch,
             GError   **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (conn, "SELECT sketch FROM release_sketches WHERE id = ?",
                                           error);
  gboolean found = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = pr_sketch_from_bytes (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), sketch);
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pr_store_set_sqlite_error (error, conn->db, rc, "Could not read a release's sketch");
  return found;
}

static gboolean
write_sketch (PrStore         *self,
              gint64           id,
              const PrSketch  *sketch,
              GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gint64 keys[PR_SKETCH_MAX_KEYS];
  guint n_keys = pr_sketch_keys (sketch, keys);
  sqlite3_stmt *stmt;

  /* Too short to be found as a copy: nothing to store. */
  if (n_keys == 0)
    return TRUE;
  bytes = pr_sketch_to_bytes (sketch);
  stmt = pr_store_conn_stmt (&self->wdb, "INSERT OR REPLACE INTO release_sketches (id, sketch)"
                                         " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  if (!pr_store_stmt_run (&self->wdb, stmt, error))
    return FALSE;
  for (guint i = 0; i < n_keys; i++)
    if (!run_id (self, "INSERT OR IGNORE INTO sketch_keys (key, id) VALUES (?, ?)", keys[i], id, error))
      return FALSE;
  return TRUE;
}

/* Removes @id's sketch and its keys. */
static gboolean
forget_sketch (PrStore  *self,
               gint64    id,
               GError  **error)
{
  GError *local_error = NULL;
  PrSketch sketch;
  gint64 keys[PR_SKETCH_MAX_KEYS];
  guint n_keys;

  if (!read_sketch (&self->wdb, id, &sketch, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }
  n_keys = pr_sketch_keys (&sketch, keys);
  for (guint i = 0; i < n_keys; i++)
    if (!run_id (self, "DELETE FROM sketch_keys WHERE key = ? AND id = ?", keys[i], id, error))
      return FALSE;
  return run_id (self, "DELETE FROM release_sketches WHERE id = ?", id, 0, error);
}

/* @id's group_id (0 when it stands alone); FALSE on an error. */
static gboolean
group_of (PrStore  *self,
          gint64    id,
          gint64   *group,
          GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT group_id FROM releases WHERE id = ?", error);
  int rc;

  *group = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *group = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a release's group");
  return FALSE;
}

/* The ids @sql (one int64 parameter) gives, on the writer. */
static GArray *
read_ids (PrStore     *self,
          const char  *sql,
          gint64       value,
          const char  *what,
          GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (ids, (gint64) { sqlite3_column_int64 (stmt, 0) });
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, what);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The members of group @group, as ids. */
static GArray *
members_of (PrStore  *self,
            gint64    group,
            GError  **error)
{
  return read_ids (self, "SELECT id FROM releases WHERE group_id = ?", group, "Could not read a group", error);
}

/* A copy of @text that lives as long as @texts. */
static const char *
keep (GPtrArray  *texts,
      const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (texts, copy);
  return copy;
}

/* A row of "SELECT id, date, source, origin" as a PrCopyInfo, its texts
 * kept in @texts. */
static void
read_info (sqlite3_stmt *stmt,
           GPtrArray    *texts,
           PrCopyInfo   *info)
{
  info->order = sqlite3_column_int64 (stmt, 0);
  info->date = keep (texts, pr_store_column_text (stmt, 1));
  info->source = keep (texts, pr_store_column_text (stmt, 2));
  info->origin = keep (texts, pr_store_column_text (stmt, 3));
}

/* Makes the best member of @group its original: every member's group_id
 * becomes its id. The members' ids go to @changed. */
static gboolean
elect (PrStore  *self,
       gint64    group,
       GArray   *changed,
       GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT id, date, source, origin FROM releases"
                                                       " WHERE group_id = ?", error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  PrCopyInfo best = { NULL, NULL, NULL, 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PrCopyInfo info;

      read_info (stmt, texts, &info);
      g_array_append_val (changed, info.order);
      if (best.order == 0 || pr_copy_info_compare (&info, &best) < 0)
        best = info;
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a group");
      return FALSE;
    }
  if (best.order == 0 || best.order == group)
    return TRUE;
  return run_id (self, "UPDATE releases SET group_id = ?2 WHERE group_id = ?1", group, best.order, error);
}

/* @id just joined group @group: when it is a better original than the
 * group's, it becomes the original. Reads two rows, and a group's members
 * only when its original changes: a group that grows (a template's
 * thousand look-alikes) costs no more a member. */
static gboolean
prefer (PrStore  *self,
        gint64    group,
        gint64    id,
        GArray   *changed,
        GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT id, date, source, origin FROM releases"
                                                       " WHERE id IN (?1, ?2)", error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  PrCopyInfo info[2] = { { NULL, NULL, NULL, 0 }, { NULL, NULL, NULL, 0 } };
  g_autoptr(GArray) members = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group);
  sqlite3_bind_int64 (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      read_info (stmt, texts, &info[sqlite3_column_int64 (stmt, 0) == group ? 0 : 1]);
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a group");
      return FALSE;
    }
  if (info[0].order == 0 || info[1].order == 0 || pr_copy_info_compare (&info[1], &info[0]) >= 0)
    return TRUE;
  members = members_of (self, group, error);
  if (members == NULL)
    return FALSE;
  g_array_append_vals (changed, members->data, members->len);
  return run_id (self, "UPDATE releases SET group_id = ?2 WHERE group_id = ?1", group, id, error);
}

/* Takes @id out of its group: a group of one is no group. */
static gboolean
leave (PrStore  *self,
       gint64    id,
       GArray   *changed,
       GError  **error)
{
  g_autoptr(GArray) rest = NULL;
  gint64 group;

  if (!group_of (self, id, &group, error))
    return FALSE;
  if (group == 0)
    return TRUE;
  if (!run_id (self, "UPDATE releases SET group_id = NULL WHERE id = ?", id, 0, error))
    return FALSE;
  g_array_append_val (changed, id);
  rest = members_of (self, group, error);
  if (rest == NULL)
    return FALSE;
  if (rest->len == 1)
    {
      g_array_append_vals (changed, rest->data, 1);
      return run_id (self, "UPDATE releases SET group_id = NULL WHERE id = ?",
                     g_array_index (rest, gint64, 0), 0, error);
    }
  return rest->len == 0 || elect (self, group, changed, error);
}

/* Puts @id in @other's group. */
static gboolean
join (PrStore  *self,
      gint64    id,
      gint64    other,
      GArray   *changed,
      GError  **error)
{
  gint64 group, mine;

  if (id == other)
    return TRUE;
  if (!group_of (self, other, &group, error) || !group_of (self, id, &mine, error))
    return FALSE;
  if (group != 0 && group == mine)
    return TRUE;
  if (mine != 0 && !leave (self, id, changed, error))
    return FALSE;
  /* @other's group may have lost its original to @id's leaving. */
  if (!group_of (self, other, &group, error))
    return FALSE;
  if (group == 0)
    {
      group = other;
      if (!run_id (self, "UPDATE releases SET group_id = ?1 WHERE id = ?1", other, 0, error))
        return FALSE;
    }
  if (!run_id (self, "UPDATE releases SET group_id = ? WHERE id = ?", group, id, error))
    return FALSE;
  /* The original too: its row shows its copies. */
  g_array_append_val (changed, id);
  g_array_append_val (changed, group);
  return prefer (self, group, id, changed, error);
}

/* The releases (their ids) named by the hand's choices about
 * @content_id: those it was put with, or with it; @alone when it was
 * taken out of its group. */
static GArray *
chosen (PrStore     *self,
        const char  *content_id,
        gboolean    *alone,
        GError     **error)
{
  static const char * const sql[] = {
    "SELECT c.other, r.id FROM group_choices AS c LEFT JOIN releases AS r ON r.content_id = c.other"
    " WHERE c.content_id = ?",
    "SELECT c.content_id, r.id FROM group_choices AS c JOIN releases AS r ON r.content_id = c.content_id"
    " WHERE c.other = ?",
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  *alone = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      pr_store_bind_text (stmt, 1, content_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *other = pr_store_column_text (stmt, 0);

          if (other != NULL && *other == '\0')
            *alone = TRUE;
          else if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            g_array_append_val (ids, (gint64) { sqlite3_column_int64 (stmt, 1) });
        }
      pr_store_stmt_done (stmt);
      if (rc != SQLITE_DONE)
        {
          pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read how copies were grouped");
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

/* Whether @id was taken out of its group by hand. */
static gboolean
kept_alone (PrStore  *self,
            gint64    id,
            gboolean *alone,
            GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT 1 FROM group_choices WHERE other = ''"
                                                       " AND content_id = (SELECT content_id FROM releases"
                                                       " WHERE id = ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *alone = rc == SQLITE_ROW;
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read how copies were grouped");
  return FALSE;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const PrCopyMatch *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return (x->score < y->score) - (x->score > y->score);
}

/* The copies of @sketch among its candidates, the best first. */
static GArray *
find_copies (PrStore         *self,
             const PrSketch  *sketch,
             GError         **error)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (PrCopyMatch));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  PrSketchKeyRange ranges[PR_SKETCH_MAX_RANGES];
  guint n_ranges = pr_sketch_key_ranges (sketch, ranges);

  for (guint r = 0; r < n_ranges; r++)
    {
      /* The newest first: a template's older look-alikes do not hide a
       * copy of this period. */
      sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT id FROM sketch_keys"
                                                           " WHERE key BETWEEN ? AND ?"
                                                           " ORDER BY key DESC, id DESC LIMIT "
                                                           G_STRINGIFY (MAX_PER_KEY), error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, ranges[r].first);
      sqlite3_bind_int64 (stmt, 2, ranges[r].last);
      /* A copy shares most keys: each candidate counts once. */
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (candidates->len < MAX_CANDIDATES && !g_hash_table_contains (seen, &id))
            {
              g_array_append_val (candidates, id);
              g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
            }
        }
      pr_store_stmt_done (stmt);
      if (rc != SQLITE_DONE)
        {
          pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not look for copies");
          return NULL;
        }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      gint64 *id = &g_array_index (candidates, gint64, i);
      PrCopyMatch match = { PR_COPY_NONE, 0.0, 0 };
      GError *local_error = NULL;
      PrSketch other;

      if (!read_sketch (&self->wdb, *id, &other, &local_error))
        {
          if (local_error == NULL)
            continue;
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (pr_copy_match_offer (&match, sketch, &other, *id))
        g_array_append_val (matches, match);
    }
  g_array_sort (matches, compare_matches);
  return g_steal_pointer (&matches);
}

/* Groups release @id, new or not yet grouped: the hand's choices about
 * it, else its best copy not kept alone by hand; then stores @sketch. */
static gboolean
group_new (PrStore         *self,
           gint64           id,
           const char      *content_id,
           const PrSketch  *sketch,
           GArray          *changed,
           GError         **error)
{
  g_autoptr(GArray) hand = NULL;
  g_autoptr(GArray) copies = NULL;
  gboolean alone;

  hand = chosen (self, content_id, &alone, error);
  if (hand == NULL)
    return FALSE;
  if (hand->len > 0 || alone)
    {
      for (guint i = 0; !alone && i < hand->len; i++)
        if (!join (self, id, g_array_index (hand, gint64, i), changed, error))
          return FALSE;
      return write_sketch (self, id, sketch, error);
    }

  copies = find_copies (self, sketch, error);
  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      gint64 other = g_array_index (copies, PrCopyMatch, i).id;

      if (other == id)
        continue;
      if (!kept_alone (self, other, &alone, error))
        return FALSE;
      if (alone)
        continue;
      if (!join (self, id, other, changed, error))
        return FALSE;
      break;
    }
  return write_sketch (self, id, sketch, error);
}

static gboolean run_text (PrStore     *self,
                          const char  *sql,
                          const char  *a,
                          const char  *b,
                          GError     **error);

/* The hand's choices about content id @old, now about @new (a release
 * edited in its file or its feed). */
static gboolean
follow_choices (PrStore     *self,
                const char  *old,
                const char  *new,
                GError     **error)
{
  if (old == NULL || g_strcmp0 (old, new) == 0)
    return TRUE;
  return run_text (self, "UPDATE OR REPLACE group_choices SET content_id = ?2 WHERE content_id = ?1",
                   old, new, error) &&
         run_text (self, "UPDATE OR REPLACE group_choices SET other = ?2 WHERE other = ?1",
                   old, new, error);
}

gboolean
pr_store_group_rows (PrStore    *self,
                     GPtrArray  *rows,
                     GArray     *changed,
                     GError    **error)
{
  if (!g_atomic_int_get (&self->grouping))
    return TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      PrStoreRow *row = g_ptr_array_index (rows, i);

      if (row->outcome != PR_STORE_UNCHANGED)
        pr_store_row_sketch (row);
      /* An update keeps its group; its sketch is the new text's, and the
       * hand's choices about it follow its new content id. */
      if (row->outcome == PR_STORE_UPDATED &&
          (!forget_sketch (self, row->id, error) || !write_sketch (self, row->id, &row->sketch, error) ||
           !follow_choices (self, row->old_content_id, row->content_id, error)))
        return FALSE;
      if (row->outcome == PR_STORE_ADDED &&
          !group_new (self, row->id, row->content_id, &row->sketch, changed, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pr_store_group_forget (PrStore  *self,
                       gint64    id,
                       GArray   *changed,
                       GError  **error)
{
  return leave (self, id, changed, error) && forget_sketch (self, id, error);
}

/* ---- state ----------------------------------------------------------- */

GArray *
pr_store_group_expand (PrStore  *self,
                       GArray   *ids,
                       GError  **error)
{
  g_autoptr(GArray) all = g_array_copy (ids);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  g_autoptr(PrIdSet) given = pr_store_id_set_new_ids (ids);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;
  int rc;

  /* Not ids of this library (a bitmap holds those): nothing to add. */
  if (given == NULL)
    return g_steal_pointer (&all);
  stmt = pr_store_conn_stmt (&self->wdb, "SELECT id, original FROM copies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (pairs, pair, 1);
      if (pr_store_id_set_has (given, pair[0]) || pr_store_id_set_has (given, pair[1]))
        g_hash_table_add (touched, GSIZE_TO_POINTER ((gsize) pair[1]));
    }
  pr_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read the groups");
      return NULL;
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 original = (gint64) GPOINTER_TO_SIZE (key);

      if (!pr_store_id_set_has (given, original))
        g_array_append_val (all, original);
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const gint64 *pair = &g_array_index (pairs, gint64, 2 * i);

      if (!pr_store_id_set_has (given, pair[0]) &&
          g_hash_table_contains (touched, GSIZE_TO_POINTER ((gsize) pair[1])))
        g_array_append_val (all, pair[0]);
    }
  return g_steal_pointer (&all);
}

/* ---- by hand --------------------------------------------------------- */

static gboolean
content_id_of (PrStore  *self,
               gint64    id,
               char    **content_id,
               GError  **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, "SELECT content_id FROM releases WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *content_id = g_strdup (pr_store_column_text (stmt, 0));
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                 "No release %" G_GINT64_FORMAT " in the library", id);
  else
    pr_store_set_sqlite_error (error, self->wdb.db, rc, "Could not read a release");
  return FALSE;
}

static gboolean
run_text (PrStore     *self,
          const char  *sql,
          const char  *a,
          const char  *b,
          GError     **error)
{
  sqlite3_stmt *stmt = pr_store_conn_stmt (&self->wdb, sql, error);

  if (stmt == NULL)
    return FALSE;
  pr_store_bind_text (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    pr_store_bind_text (stmt, 2, b);
  return pr_store_stmt_run (&self->wdb, stmt, error);
}

/* A hand's choice: @id alone (@other 0) or with @other. */
static gboolean
choose (PrStore  *self,
        gint64    id,
        gint64    other,
        GError  **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *content_id = NULL;
  g_autofree char *other_content_id = NULL;
  WriteTxn txn;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);

  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;
  if (!content_id_of (self, id, &content_id, error) ||
      (other != 0 && !content_id_of (self, other, &other_content_id, error)))
    goto fail;

  /* The latest choice about a release replaces the ones before. */
  if (!run_text (self, "DELETE FROM group_choices WHERE content_id = ?1 OR other = ?1",
                 content_id, NULL, error))
    goto fail;
  if (other == 0)
    {
      if (!run_text (self, "INSERT INTO group_choices (content_id, other) VALUES (?, '')",
                     content_id, NULL, error) ||
          !leave (self, id, changed, error))
        goto fail;
    }
  else
    {
      if (!run_text (self, "DELETE FROM group_choices WHERE content_id = ? AND other = ''",
                     other_content_id, NULL, error) ||
          !run_text (self, "INSERT OR IGNORE INTO group_choices (content_id, other) VALUES (?, ?)",
                     content_id, other_content_id, error) ||
          !join (self, id, other, changed, error))
        goto fail;
    }

  if (changed->len > 0)
    {
      txn.notice->changes |= PR_STORE_CHANGE_CONTENT;
      pr_store_txn_reset_grouped (&txn);
    }
  g_array_append_vals (txn.notice->updated, changed->data, changed->len);
  return pr_store_txn_commit (&txn, error);

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

gboolean
pr_store_split_copy (PrStore  *self,
                     gint64    id,
                     GError  **error)
{
  return choose (self, id, 0, error);
}

gboolean
pr_store_join_copies (PrStore  *self,
                      gint64    id,
                      gint64    other,
                      GError  **error)
{
  g_return_val_if_fail (other > 0, FALSE);
  g_return_val_if_fail (other != id, FALSE);
  return choose (self, id, other, error);
}

gboolean
pr_store_get_grouping (PrStore *self)
{
  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  return g_atomic_int_get (&self->grouping);
}

void
pr_store_set_grouping (PrStore  *self,
                       gboolean  grouping)
{
  g_return_if_fail (PR_IS_STORE (self));
  g_atomic_int_set (&self->grouping, !!grouping);
}

/* ---- reads ----------------------------------------------------------- */

GPtrArray *
pr_store_get_copies (PrStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 group = 0;
  Conn *conn;
  int rc;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  conn = pr_store_reader_lock (self);
  stmt = pr_store_conn_stmt (conn, "SELECT group_id FROM releases WHERE id = ?", error);
  if (stmt == NULL)
    {
      pr_store_reader_unlock (self, conn);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = sqlite3_column_int64 (stmt, 0);
  pr_store_stmt_done (stmt);
  if (rc == SQLITE_ROW && group == 0)
    {
      g_array_append_val (ids, id);
      rc = SQLITE_DONE;
    }
  else if (rc == SQLITE_ROW)
    {
      /* The original first, then by date (undated last). */
      stmt = pr_store_conn_stmt (conn, "SELECT id FROM releases WHERE group_id = ?1"
                                       " ORDER BY id = ?1 DESC, date = '', date, id", error);
      if (stmt == NULL)
        {
          pr_store_reader_unlock (self, conn);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, group);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_array_append_val (ids, (gint64) { sqlite3_column_int64 (stmt, 0) });
      pr_store_stmt_done (stmt);
    }
  if (rc != SQLITE_DONE)
    pr_store_set_sqlite_error (error, conn->db, rc, "Could not read a release's copies");
  else if (ids->len == 0)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                 "No release %" G_GINT64_FORMAT " in the library", id);
  for (guint i = 0; rc == SQLITE_DONE && i < ids->len; i++)
    {
      PrRelease *release = pr_store_load_release (self, conn, g_array_index (ids, gint64, i), error);

      if (release == NULL)
        {
          rc = SQLITE_ERROR;
          break;
        }
      g_ptr_array_add (releases, release);
    }
  pr_store_reader_unlock (self, conn);
  if (rc != SQLITE_DONE || ids->len == 0)
    return NULL;
  return g_steal_pointer (&releases);
}

static void
copies_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *copies;

  if (g_task_return_error_if_cancelled (task))
    return;
  copies = pr_store_get_copies (source_object, *(gint64 *) task_data, &error);
  if (copies != NULL)
    g_task_return_pointer (task, copies, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
pr_store_get_copies_async (PrStore             *self,
                           gint64               id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (PR_IS_STORE (self));

  g_task_set_source_tag (task, pr_store_get_copies_async);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  g_task_run_in_thread (task, copies_thread);
}

GPtrArray *
pr_store_get_copies_finish (PrStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the releases stored before grouping ----------------------------- */

/* Releases grouped per write: each costs a read of its text, a sketch and
 * a few lookups (well under a millisecond), so an import waits for the
 * write lock a few tens of milliseconds at most. */
#define STORED_BATCH 200

/* The release read inside the write, so that an update between a read
 * and the write cannot leave a stale sketch. */
static gboolean
group_stored_one (PrStore  *self,
                  gint64    id,
                  GArray   *changed,
                  GError  **error)
{
  g_autoptr(PrRelease) release = NULL;
  PrSketch sketch;

  release = pr_store_load_release (self, &self->wdb, id, error);
  if (release == NULL)
    return FALSE;
  pr_sketch_compute (release, &sketch);
  /* Updated since schema 9: its sketch was stored, not grouped. The
   * stored content id is the release's PR_FIELD_ID. */
  return forget_sketch (self, id, error) &&
         group_new (self, id, pr_release_get_field (release, PR_FIELD_ID), &sketch, changed, error) &&
         run_id (self, "DELETE FROM ungrouped WHERE id = ?", id, 0, error);
}

gboolean
pr_store_group_stored (PrStore  *self,
                       guint     max,
                       guint    *n_done,
                       guint    *n_left,
                       GError  **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  WriteTxn txn;

  g_return_val_if_fail (PR_IS_STORE (self), FALSE);
  g_return_val_if_fail (max > 0, FALSE);

  if (n_done != NULL)
    *n_done = 0;
  if (n_left != NULL)
    *n_left = 0;
  if (!g_atomic_int_get (&self->grouping))
    return TRUE;

  if (!pr_store_txn_begin (self, &txn, error))
    return FALSE;
  /* The oldest first: as they were imported. */
  ids = read_ids (self, "SELECT id FROM ungrouped ORDER BY id LIMIT ?", max,
                  "Could not read the releases left to group", error);
  if (ids == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    if (!group_stored_one (self, g_array_index (ids, gint64, i), changed, error))
      goto fail;
  if (n_left != NULL)
    {
      gint64 left;

      if (!pr_store_read_int (&self->wdb, "SELECT count(*) FROM ungrouped", &left, error))
        goto fail;
      *n_left = (guint) left;
    }

  if (changed->len > 0)
    {
      txn.notice->changes |= PR_STORE_CHANGE_CONTENT;
      pr_store_txn_reset_grouped (&txn);
    }
  g_array_append_vals (txn.notice->updated, changed->data, changed->len);
  if (!pr_store_txn_commit (&txn, error))
    return FALSE;
  if (n_done != NULL)
    *n_done = ids->len;
  return TRUE;

fail:
  pr_store_txn_rollback (&txn);
  return FALSE;
}

static void
group_stored_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  guint n_grouped = 0;
  guint n_done, n_left;

  pr_import_lower_thread_priority ();
  do
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      if (!pr_store_group_stored (source_object, STORED_BATCH, &n_done, &n_left, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      n_grouped += n_done;
    }
  while (n_left > 0);
  g_task_return_int (task, n_grouped);
}

void
pr_store_group_stored_async (PrStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (PR_IS_STORE (self));

  g_task_set_source_tag (task, pr_store_group_stored_async);
  g_task_run_in_thread (task, group_stored_thread);
}

gboolean
pr_store_group_stored_finish (PrStore       *self,
                              GAsyncResult  *result,
                              guint         *n_grouped,
                              GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n_grouped != NULL)
    *n_grouped = MAX (n, 0);
  return n >= 0;
}
