/* pr-store.c: the library, an SQLite database of releases
 *
 * Connections: one writer (every write, serialised by write_lock), one
 * reader for the owner thread's list models (held in a read transaction,
 * a snapshot, while models watch; moved forward when their deltas are
 * delivered) and one for background reads. All are in multi-thread mode
 * and each is guarded by its own lock.
 *
 * A write: BEGIN IMMEDIATE; classify the rows; for each watching list
 * model, the positions the changed rows have in its list before the
 * writes; the writes; their positions after; COMMIT and queue a notice,
 * both under queue_lock. The owner thread pops the notices and moves the
 * reader's snapshot forward under the same lock, so a model's reads always
 * match the deltas it has been given. A writer on another thread waits for
 * its notice to be delivered before it lets the next write begin.
 *
 * This file is the object: its live releases, the snapshot and the
 * delivery of notices. The rest of the store is in pr-store-connection.c,
 * pr-store-schema.c, pr-store-open.c, pr-store-rows.c, pr-store-write.c,
 * pr-store-read.c and pr-store-watch.c, which share pr-store-private.h. */
#include <sqlite3.h>

#include "pr-store-private.h"
#include "pr-store.h"

G_DEFINE_QUARK (pr-store-error-quark, pr_store_error)

gboolean
pr_store_error_is_unwritable (const GError *error)
{
  return g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_NO_SPACE) ||
         g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_READ_ONLY);
}

G_DEFINE_ENUM_TYPE (PrFacetKind, pr_facet_kind,
  G_DEFINE_ENUM_VALUE (PR_FACET_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PR_FACET_PLACE, "place"),
  G_DEFINE_ENUM_VALUE (PR_FACET_ORGANIZATION, "organization"),
  G_DEFINE_ENUM_VALUE (PR_FACET_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (PR_FACET_ISSUER, "issuer"),
  G_DEFINE_ENUM_VALUE (PR_FACET_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (PR_FACET_TICKER, "ticker"))

G_DEFINE_FLAGS_TYPE (PrStoreChange, pr_store_change,
  G_DEFINE_ENUM_VALUE (PR_STORE_CHANGE_CONTENT, "content"),
  G_DEFINE_ENUM_VALUE (PR_STORE_CHANGE_STATE, "state"))

G_DEFINE_BOXED_TYPE (PrFacet, pr_facet, pr_facet_copy, pr_facet_free)

PrFacet *
pr_facet_copy (const PrFacet *facet)
{
  PrFacet *copy = g_new0 (PrFacet, 1);

  copy->name = g_strdup (facet->name);
  copy->count = facet->count;
  return copy;
}

void
pr_facet_free (PrFacet *facet)
{
  if (facet == NULL)
    return;
  g_free (facet->name);
  g_free (facet);
}

/* ---- the object ------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (PrStore, pr_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MOVED_ASIDE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_WATCH_HITS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
pr_store_notice_free (Notice *notice)
{
  g_clear_pointer (&notice->state, g_array_unref);
  g_clear_pointer (&notice->updated, g_array_unref);
  g_clear_pointer (&notice->hits, g_ptr_array_unref);
  g_clear_pointer (&notice->watches, g_ptr_array_unref);
  g_clear_pointer (&notice->deltas, g_ptr_array_unref);
  g_free (notice);
}

static void
pr_store_dispose (GObject *object)
{
  PrStore *self = PR_STORE (object);

  g_mutex_lock (&self->queue_lock);
  g_queue_clear_full (&self->pending, (GDestroyNotify) pr_store_notice_free);
  g_mutex_unlock (&self->queue_lock);

  g_mutex_lock (&self->watch_lock);
  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_mutex_unlock (&self->watch_lock);

  G_OBJECT_CLASS (pr_store_parent_class)->dispose (object);
}

static void
pr_store_finalize (GObject *object)
{
  PrStore *self = PR_STORE (object);

  pr_store_conn_close (&self->bdb);
  pr_store_conn_close (&self->rdb);
  /* The watches' statements are the writer's. */
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  pr_store_conn_close (&self->wdb);
  g_clear_pointer (&self->entity_ids, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_pointer (&self->damage, g_free);

  g_mutex_clear (&self->write_lock);
  g_rec_mutex_clear (&self->read_lock);
  g_mutex_clear (&self->background_lock);
  g_mutex_clear (&self->watch_lock);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->queue_cond);
  g_mutex_clear (&self->live_lock);

  G_OBJECT_CLASS (pr_store_parent_class)->finalize (object);
}

static void
pr_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PrStore *self = PR_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PrStore *self = PR_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = pr_store_dup_default_path ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
pr_store_class_init (PrStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_store_dispose;
  object_class->finalize = pr_store_finalize;
  object_class->get_property = pr_store_get_property;
  object_class->set_property = pr_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set while opening, before the store is handed out: never notified. */
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrStore::changed:
   * @changes: what changed (PrStoreChange flags)
   *
   * Emitted on the owner thread after writes, once the list models have
   * been told.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PR_TYPE_STORE_CHANGE);

  /**
   * PrStore::watch-hits:
   * @hits: (element-type PrWatchHits): one per notifying watch
   *
   * Emitted on the owner thread after ::changed when writes added
   * releases new to the library that watches with notify set match
   * (never for updated releases or ones the library had). The writes
   * delivered together are merged: one PrWatchHits per watch.
   */
  signals[SIGNAL_WATCH_HITS] =
    g_signal_new ("watch-hits", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
pr_store_init (PrStore *self)
{
  g_mutex_init (&self->write_lock);
  g_rec_mutex_init (&self->read_lock);
  g_mutex_init (&self->background_lock);
  g_mutex_init (&self->watch_lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->queue_cond);
  g_mutex_init (&self->live_lock);
  g_queue_init (&self->pending);

  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_watch_unref);
  self->entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->grouping = TRUE;
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) weak_ref_free);
}

const char *
pr_store_get_path (PrStore *self)
{
  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  return self->path;
}

const char *
pr_store_get_moved_aside_path (PrStore *self)
{
  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  return self->moved_aside_path;
}

const char *
pr_store_get_damage (PrStore *self)
{
  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  return self->damage;
}

/* ---- live releases --------------------------------------------------- */

static PrRelease *
live_get (PrStore *self,
          gint64   id)
{
  GWeakRef *ref;
  PrRelease *release = NULL;

  g_mutex_lock (&self->live_lock);
  ref = g_hash_table_lookup (self->live, &id);
  if (ref != NULL)
    release = g_weak_ref_get (ref);
  g_mutex_unlock (&self->live_lock);
  return release;
}

static gboolean
weak_ref_is_empty (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  g_autoptr(GObject) object = g_weak_ref_get (value);

  return object == NULL;
}

static void
live_put (PrStore   *self,
          PrRelease *release)
{
  gint64 id = pr_release_get_store_id (release);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, release);
  g_mutex_lock (&self->live_lock);
  g_hash_table_replace (self->live, g_memdup2 (&id, sizeof id), ref);
  if (g_hash_table_size (self->live) >= self->live_sweep_at)
    {
      g_hash_table_foreach_remove (self->live, weak_ref_is_empty, NULL);
      self->live_sweep_at = MAX (1024, 2 * g_hash_table_size (self->live));
    }
  g_mutex_unlock (&self->live_lock);
}

/* The live release for @id, or a new one read through @conn. */
PrRelease *
pr_store_load_release (PrStore     *self,
                       Conn        *conn,
                       gint64       id,
                       GError     **error)
{
  PrRelease *release = live_get (self, id);
  sqlite3_stmt *stmt;
  int rc;

  if (release != NULL)
    return release;

  stmt = pr_store_conn_stmt (conn, SELECT_RELEASE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      release = pr_release_new ();
      pr_store_fill_release (release, stmt);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                 "No release %" G_GINT64_FORMAT " in the library", id);
  else
    pr_store_set_sqlite_error (error, conn->db, rc, "Could not read a release");
  pr_store_stmt_done (stmt);

  if (release != NULL)
    live_put (self, release);
  return release;
}

/* ---- the snapshot and notices ---------------------------------------- */

/* The owner thread's reader (rdb) is also lent to workers that read
 * through a watch (pr_store_watch_read_async()). The owner never waits for
 * such a read: it asks for the reader, the read's statement is interrupted
 * by rdb's progress handler (or the read stops between releases), and the
 * worker starts over once the owner is done. */
int
pr_store_reader_progress (void *data)
{
  PrStore *self = data;

  return g_thread_self () != self->owner
         && (g_atomic_int_get (&self->reader_yield) > 0
             || g_atomic_int_get (&self->deliver_waiting) > 0);
}

/* Whether a worker's read should stop and start over. */
gboolean
pr_store_reader_wanted (PrStore *self)
{
  return g_atomic_int_get (&self->reader_yield) > 0
         || g_atomic_int_get (&self->deliver_waiting) > 0;
}

void
pr_store_owner_read_lock (PrStore *self)
{
  if (!g_rec_mutex_trylock (&self->read_lock))
    {
      g_atomic_int_inc (&self->reader_yield);
      g_rec_mutex_lock (&self->read_lock);
      g_atomic_int_add (&self->reader_yield, -1);
    }
}

/* A worker's turn: after the owner's. */
void
pr_store_worker_read_lock (PrStore *self)
{
  for (;;)
    {
      while (pr_store_reader_wanted (self))
        g_usleep (200);
      g_rec_mutex_lock (&self->read_lock);
      if (!pr_store_reader_wanted (self))
        return;
      g_rec_mutex_unlock (&self->read_lock);
    }
}

gboolean
pr_store_snapshot_begin (PrStore  *self,
                         GError  **error)
{
  gint64 tables = 0;

  if (!pr_store_conn_exec (&self->rdb, "BEGIN", error))
    return FALSE;
  /* The first read fixes the snapshot. */
  if (!pr_store_read_int (&self->rdb, "SELECT count(*) FROM sqlite_master", &tables, error))
    {
      pr_store_conn_exec (&self->rdb, "ROLLBACK", NULL);
      return FALSE;
    }
  self->snapshot = TRUE;
  return TRUE;
}

void
pr_store_snapshot_end (PrStore *self)
{
  if (self->snapshot)
    pr_store_conn_exec (&self->rdb, "COMMIT", NULL);
  self->snapshot = FALSE;
}

/* Whether @notices change @watch's list. */
static gboolean
notices_change_watch (GList        *notices,
                      PrStoreWatch *watch)
{
  for (GList *l = notices; l != NULL; l = l->next)
    {
      Notice *notice = l->data;
      guint index;

      if (watch->gen > notice->gen)
        return TRUE;
      if (notice->watches != NULL && g_ptr_array_find (notice->watches, watch, &index))
        {
          PrStoreDelta *delta = g_ptr_array_index (notice->deltas, index);

          if (delta->reset || delta->removed->len > 0 || delta->inserted->len > 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* With the snapshot moved past @notices (under read_lock): the lists they
 * change are in a new state. */
static void
bump_epochs (PrStore *self,
             GList   *notices)
{
  g_mutex_lock (&self->watch_lock);
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    {
      PrStoreWatch *watch = g_ptr_array_index (self->watches, i);

      if (notices_change_watch (notices, watch))
        watch->epoch++;
    }
  g_mutex_unlock (&self->watch_lock);
}

/* The notices' watch hits, one per watch. */
static void
emit_hits (PrStore *self,
           GList   *notices)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_watch_hits_free);

  for (GList *l = notices; l != NULL; l = l->next)
    {
      Notice *notice = l->data;

      for (guint i = 0; notice->hits != NULL && i < notice->hits->len; i++)
        {
          PrWatchHits *more = g_ptr_array_index (notice->hits, i);
          gboolean merged = FALSE;

          for (guint j = 0; j < hits->len && !merged; j++)
            {
              PrWatchHits *h = g_ptr_array_index (hits, j);

              if (h->watch_id == more->watch_id)
                {
                  pr_watch_hits_merge (h, more);
                  merged = TRUE;
                }
            }
          if (!merged)
            g_ptr_array_add (hits, pr_watch_hits_copy (more));
        }
    }
  if (hits->len > 0)
    g_signal_emit (self, signals[SIGNAL_WATCH_HITS], 0, hits);
}

static void
apply_state (PrRelease         *release,
             const StateChange *change)
{
  g_object_freeze_notify (G_OBJECT (release));
  if (change->what & STATE_CHANGE_READ)
    {
      pr_release_set_read (release, change->read);
      pr_release_set_read_at (release, change->read_at);
    }
  if (change->what & STATE_CHANGE_BOOKMARKED)
    {
      pr_release_set_bookmarked (release, change->bookmarked);
      pr_release_set_bookmarked_at (release, change->bookmarked_at);
    }
  g_object_thaw_notify (G_OBJECT (release));
}

static guint
live_count (PrStore *self)
{
  guint n;

  g_mutex_lock (&self->live_lock);
  n = g_hash_table_size (self->live);
  g_mutex_unlock (&self->live_lock);
  return n;
}

/* Many changes (a million marked read) and few releases held: each of
 * those is looked up in @state (by id), not each change in the live
 * table, which would take the main thread more than a frame. */
static void
apply_state_to_live (PrStore *self,
                     GArray  *state)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) held_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_mutex_lock (&self->live_lock);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PrRelease *release = g_weak_ref_get (value);

      if (release != NULL)
        {
          g_ptr_array_add (held, release);
          g_array_append_val (held_ids, *(gint64 *) key);
        }
    }
  g_mutex_unlock (&self->live_lock);

  for (guint i = 0; i < held->len; i++)
    {
      PrRelease *release = g_ptr_array_index (held, i);
      gint64 id = g_array_index (held_ids, gint64, i);
      guint lo = 0, hi = state->len;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (state, StateChange, mid).id < id)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < state->len && g_array_index (state, StateChange, lo).id == id)
        apply_state (release, &g_array_index (state, StateChange, lo));
    }
}

static void
apply_notices (PrStore *self,
               GList   *notices)
{
  g_autoptr(GPtrArray) watches = NULL;
  PrStoreChange changes = 0;

  /* Live releases first, so that list handlers see the new state. */
  for (GList *l = notices; l != NULL; l = l->next)
    {
      Notice *notice = l->data;

      changes |= notice->changes;
      if (notice->state != NULL && notice->state_sorted && notice->state->len > live_count (self))
        apply_state_to_live (self, notice->state);
      else
        for (guint i = 0; notice->state != NULL && i < notice->state->len; i++)
          {
            StateChange *change = &g_array_index (notice->state, StateChange, i);
            g_autoptr(PrRelease) release = live_get (self, change->id);

            if (release != NULL)
              apply_state (release, change);
          }
      for (guint i = 0; notice->updated != NULL && i < notice->updated->len; i++)
        {
          gint64 id = g_array_index (notice->updated, gint64, i);
          g_autoptr(PrRelease) release = live_get (self, id);
          sqlite3_stmt *stmt;

          if (release == NULL)
            continue;
          pr_store_owner_read_lock (self);
          stmt = pr_store_conn_stmt (&self->rdb, SELECT_RELEASE, NULL);
          if (stmt != NULL)
            {
              sqlite3_bind_int64 (stmt, 1, id);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                pr_store_fill_release (release, stmt);
              pr_store_stmt_done (stmt);
            }
          g_rec_mutex_unlock (&self->read_lock);
        }
    }

  g_mutex_lock (&self->watch_lock);
  watches = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_watch_unref);
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    g_ptr_array_add (watches, pr_store_watch_ref (g_ptr_array_index (self->watches, i)));
  g_mutex_unlock (&self->watch_lock);

  for (guint w = 0; w < watches->len; w++)
    {
      PrStoreWatch *watch = g_ptr_array_index (watches, w);
      g_autoptr(GPtrArray) deltas = g_ptr_array_new ();
      gboolean reset = FALSE;

      for (GList *l = notices; l != NULL; l = l->next)
        {
          Notice *notice = l->data;
          guint index;

          if (watch->gen > notice->gen)
            {
              /* The write did not know this list: start it over. */
              reset = TRUE;
              break;
            }
          if (notice->watches != NULL &&
              g_ptr_array_find (notice->watches, watch, &index))
            {
              PrStoreDelta *delta = g_ptr_array_index (notice->deltas, index);

              if (delta->reset)
                reset = TRUE;
              g_ptr_array_add (deltas, delta);
            }
        }

      if (watch->removed)
        continue;
      if (reset)
        {
          PrStoreDelta delta = { TRUE, NULL, NULL };

          watch->func (&delta, watch->user_data);
        }
      else
        for (guint i = 0; i < deltas->len; i++)
          {
            PrStoreDelta *delta = g_ptr_array_index (deltas, i);

            if (delta->removed->len > 0 || delta->inserted->len > 0)
              watch->func (delta, watch->user_data);
          }
    }

  if (changes != 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, changes);
  emit_hits (self, notices);
}

/* Tries again soon: a writer commits, or a worker reads through rdb. */
static void
deliver_later (PrStore *self)
{
  GSource *source;

  if (self->deliver_retry != 0)
    return;
  source = g_timeout_source_new (1);
  g_source_set_callback (source, pr_store_deliver_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[pressreader] store notice, again");
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  self->deliver_retry = g_source_attach (source, self->context);
  g_source_unref (source);
}

/* On the owner thread: takes the queued notices, moves the snapshot to
 * the state after them, and applies them. Unless @wait, it never blocks:
 * when a writer is committing (it holds queue_lock) or a worker reads
 * through rdb, it tries again a moment later. */
void
pr_store_deliver_pending (PrStore  *self,
                          gboolean  wait)
{
  GList *notices = NULL;

  g_assert (g_thread_self () == self->owner);

  if (wait)
    g_mutex_lock (&self->queue_lock);
  else if (!g_mutex_trylock (&self->queue_lock))
    {
      deliver_later (self);
      return;
    }
  if (g_queue_is_empty (&self->pending))
    {
      g_atomic_int_set (&self->deliver_waiting, 0);
      g_mutex_unlock (&self->queue_lock);
      return;
    }
  if (self->snapshot)
    {
      if (wait)
        pr_store_owner_read_lock (self);
      else if (!g_rec_mutex_trylock (&self->read_lock))
        {
          /* The worker's read stops; the delivery comes back for rdb. */
          g_atomic_int_set (&self->deliver_waiting, 1);
          g_mutex_unlock (&self->queue_lock);
          deliver_later (self);
          return;
        }
      g_atomic_int_set (&self->deliver_waiting, 0);
    }
  while (!g_queue_is_empty (&self->pending))
    {
      Notice *notice = g_queue_pop_head (&self->pending);

      self->delivered_seq = notice->seq;
      notices = g_list_append (notices, notice);
    }
  if (self->snapshot)
    {
      pr_store_snapshot_end (self);
      if (!pr_store_snapshot_begin (self, NULL))
        g_warning ("Could not read the library %s", self->path);
      bump_epochs (self, notices);
      g_rec_mutex_unlock (&self->read_lock);
    }
  g_cond_broadcast (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);

  g_object_ref (self);
  apply_notices (self, notices);
  g_list_free_full (notices, (GDestroyNotify) pr_store_notice_free);
  g_object_unref (self);
}

gboolean
pr_store_deliver_idle (gpointer data)
{
  PrStore *self = PR_STORE (data);

  if (g_source_get_id (g_main_current_source ()) == self->deliver_retry)
    self->deliver_retry = 0;
  pr_store_deliver_pending (self, FALSE);
  return G_SOURCE_REMOVE;
}
