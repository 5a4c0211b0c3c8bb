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
 * its notice to be delivered before it lets the next write begin. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "pr-store.h"
#include "pr-store-private.h"
#include "pr-query-private.h"
#include "pr-util.h"

G_DEFINE_QUARK (pr-store-error-quark, pr_store_error)

G_DEFINE_ENUM_TYPE (PrFacetKind, pr_facet_kind,
  G_DEFINE_ENUM_VALUE (PR_FACET_SOURCE, "source"),
  G_DEFINE_ENUM_VALUE (PR_FACET_PLACE, "place"),
  G_DEFINE_ENUM_VALUE (PR_FACET_ORGANIZATION, "organization"),
  G_DEFINE_ENUM_VALUE (PR_FACET_PERSON, "person"))

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
  N_SIGNALS
};

static guint signals[N_SIGNALS];

PrStoreWatch *
watch_ref (PrStoreWatch *watch)
{
  g_atomic_int_inc (&watch->ref_count);
  return watch;
}

void
watch_unref (PrStoreWatch *watch)
{
  if (!g_atomic_int_dec_and_test (&watch->ref_count))
    return;
  pr_query_sql_free (watch->sql);
  g_free (watch);
}

void
notice_free (Notice *notice)
{
  g_clear_pointer (&notice->state, g_array_unref);
  g_clear_pointer (&notice->updated, g_array_unref);
  g_clear_pointer (&notice->watches, g_ptr_array_unref);
  g_clear_pointer (&notice->deltas, g_ptr_array_unref);
  g_free (notice);
}

static void
pr_store_dispose (GObject *object)
{
  PrStore *self = PR_STORE (object);

  g_mutex_lock (&self->queue_lock);
  g_queue_clear_full (&self->pending, (GDestroyNotify) notice_free);
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

  conn_close (&self->bdb);
  conn_close (&self->rdb);
  conn_close (&self->wdb);
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
  self->watches = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_unref);
  self->entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) weak_ref_free);
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
load_release (PrStore     *self,
              Conn        *conn,
              gint64       id,
              GError     **error)
{
  PrRelease *release = live_get (self, id);
  sqlite3_stmt *stmt;
  int rc;

  if (release != NULL)
    return release;

  stmt = conn_stmt (conn, SELECT_RELEASE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      release = pr_release_new ();
      fill_release (release, stmt);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND,
                 "No release %" G_GINT64_FORMAT " in the library", id);
  else
    set_sqlite_error (error, conn->db, rc, "Could not read a release");
  stmt_done (stmt);

  if (release != NULL)
    live_put (self, release);
  return release;
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

/* ---- the snapshot and notices ---------------------------------------- */

/* The owner thread's reader (rdb) is also lent to workers that read
 * through a watch (pr_store_watch_read_async()). The owner never waits for
 * such a read: it asks for the reader, the read's statement is interrupted
 * by rdb's progress handler (or the read stops between releases), and the
 * worker starts over once the owner is done. */
int
reader_progress (void *data)
{
  PrStore *self = data;

  return g_thread_self () != self->owner
         && (g_atomic_int_get (&self->reader_yield) > 0
             || g_atomic_int_get (&self->deliver_waiting) > 0);
}

/* Whether a worker's read should stop and start over. */
gboolean
reader_wanted (PrStore *self)
{
  return g_atomic_int_get (&self->reader_yield) > 0
         || g_atomic_int_get (&self->deliver_waiting) > 0;
}

void
owner_read_lock (PrStore *self)
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
worker_read_lock (PrStore *self)
{
  for (;;)
    {
      while (reader_wanted (self))
        g_usleep (200);
      g_rec_mutex_lock (&self->read_lock);
      if (!reader_wanted (self))
        return;
      g_rec_mutex_unlock (&self->read_lock);
    }
}

gboolean
snapshot_begin (PrStore  *self,
                GError  **error)
{
  gint64 tables = 0;

  if (!conn_exec (&self->rdb, "BEGIN", error))
    return FALSE;
  /* The first read fixes the snapshot. */
  if (!read_int (&self->rdb, "SELECT count(*) FROM sqlite_master", &tables, error))
    {
      conn_exec (&self->rdb, "ROLLBACK", NULL);
      return FALSE;
    }
  self->snapshot = TRUE;
  return TRUE;
}

void
snapshot_end (PrStore *self)
{
  if (self->snapshot)
    conn_exec (&self->rdb, "COMMIT", NULL);
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
      for (guint i = 0; notice->state != NULL && i < notice->state->len; i++)
        {
          StateChange *change = &g_array_index (notice->state, StateChange, i);
          g_autoptr(PrRelease) release = live_get (self, change->id);

          if (release == NULL)
            continue;
          g_object_freeze_notify (G_OBJECT (release));
          pr_release_set_read (release, change->read);
          pr_release_set_read_at (release, change->read_at);
          pr_release_set_bookmarked (release, change->bookmarked);
          pr_release_set_bookmarked_at (release, change->bookmarked_at);
          g_object_thaw_notify (G_OBJECT (release));
        }
      for (guint i = 0; notice->updated != NULL && i < notice->updated->len; i++)
        {
          gint64 id = g_array_index (notice->updated, gint64, i);
          g_autoptr(PrRelease) release = live_get (self, id);
          sqlite3_stmt *stmt;

          if (release == NULL)
            continue;
          owner_read_lock (self);
          stmt = conn_stmt (&self->rdb, SELECT_RELEASE, NULL);
          if (stmt != NULL)
            {
              sqlite3_bind_int64 (stmt, 1, id);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                fill_release (release, stmt);
              stmt_done (stmt);
            }
          g_rec_mutex_unlock (&self->read_lock);
        }
    }

  g_mutex_lock (&self->watch_lock);
  watches = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_unref);
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    g_ptr_array_add (watches, watch_ref (g_ptr_array_index (self->watches, i)));
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
}

/* Tries again soon: a writer commits, or a worker reads through rdb. */
static void
deliver_later (PrStore *self)
{
  GSource *source;

  if (self->deliver_retry != 0)
    return;
  source = g_timeout_source_new (1);
  g_source_set_callback (source, deliver_idle, g_object_ref (self), g_object_unref);
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
deliver_pending (PrStore  *self,
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
        owner_read_lock (self);
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
      snapshot_end (self);
      if (!snapshot_begin (self, NULL))
        g_warning ("Could not read the library %s", self->path);
      bump_epochs (self, notices);
      g_rec_mutex_unlock (&self->read_lock);
    }
  g_cond_broadcast (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);

  g_object_ref (self);
  apply_notices (self, notices);
  g_list_free_full (notices, (GDestroyNotify) notice_free);
  g_object_unref (self);
}

gboolean
deliver_idle (gpointer data)
{
  PrStore *self = PR_STORE (data);

  if (g_source_get_id (g_main_current_source ()) == self->deliver_retry)
    self->deliver_retry = 0;
  deliver_pending (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* ---- watches --------------------------------------------------------- */

PrStoreWatch *
pr_store_watch (PrStore          *self,
                PrQuery          *query,
                PrFilter          filter,
                PrSort            sort,
                PrStoreWatchFunc  func,
                gpointer          user_data)
{
  PrStoreWatch *watch;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);
  g_return_val_if_fail (g_thread_self () == self->owner, NULL);

  watch = g_new0 (PrStoreWatch, 1);
  watch->ref_count = 1;
  watch->sql = pr_query_compile (query, filter);
  watch->sort = effective_sort (watch->sql, sort);
  watch->func = func;
  watch->user_data = user_data;

  /* Notices already queued were computed without this watch; the
   * snapshot it reads in is the one they will move on from. */
  g_mutex_lock (&self->queue_lock);
  owner_read_lock (self);
  if (!self->reader_progress)
    {
      /* Every 1,000 instructions: a worker's read stops for the owner. */
      sqlite3_progress_handler (self->rdb.db, 1000, reader_progress, self);
      self->reader_progress = TRUE;
    }
  if (!self->snapshot && !snapshot_begin (self, NULL))
    g_warning ("Could not read the library %s", self->path);
  g_rec_mutex_unlock (&self->read_lock);

  g_mutex_lock (&self->watch_lock);
  watch->gen = ++self->watch_gen;
  g_ptr_array_add (self->watches, watch_ref (watch));
  g_mutex_unlock (&self->watch_lock);
  g_mutex_unlock (&self->queue_lock);

  return watch;
}

void
pr_store_unwatch (PrStore      *self,
                  PrStoreWatch *watch)
{
  gboolean last;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (g_thread_self () == self->owner);

  if (watch == NULL)
    return;

  watch->removed = TRUE;
  g_mutex_lock (&self->queue_lock);
  g_mutex_lock (&self->watch_lock);
  if (self->watches != NULL)
    g_ptr_array_remove (self->watches, watch);
  last = self->watches == NULL || self->watches->len == 0;
  g_mutex_unlock (&self->watch_lock);

  if (last)
    {
      owner_read_lock (self);
      snapshot_end (self);
      g_rec_mutex_unlock (&self->read_lock);
    }
  g_mutex_unlock (&self->queue_lock);

  watch_unref (watch);
}

gint64
pr_store_watch_count (PrStore       *self,
                      PrStoreWatch  *watch,
                      GError       **error)
{
  gint64 count = 0;

  g_return_val_if_fail (PR_IS_STORE (self), 0);

  owner_read_lock (self);
  count_sql (&self->rdb, watch->sql, &count, error);
  g_rec_mutex_unlock (&self->read_lock);
  return count;
}

GArray *
pr_store_watch_ids (PrStore       *self,
                    PrStoreWatch  *watch,
                    guint          offset,
                    guint          limit,
                    GError       **error)
{
  GArray *ids;

  g_return_val_if_fail (PR_IS_STORE (self), NULL);

  owner_read_lock (self);
  ids = select_ids (&self->rdb, watch->sql, watch->sort, offset, limit, error);
  g_rec_mutex_unlock (&self->read_lock);
  return ids;
}

guint64
pr_store_watch_get_epoch (PrStore      *self,
                          PrStoreWatch *watch)
{
  g_return_val_if_fail (PR_IS_STORE (self), 0);
  g_return_val_if_fail (watch != NULL, 0);

  return watch->epoch;
}

/* ---- reads through a watch in a worker ------------------------------- */

typedef struct {
  PrStoreWatch *watch;
  PrStoreWatchRequest request;   /* offsets: a copy */
} WatchRead;

static void
watch_read_free (WatchRead *read)
{
  watch_unref (read->watch);
  g_free ((guint *) read->request.offsets);
  g_free (read);
}

static void
watch_page_free (PrStoreWatchPage *page)
{
  g_clear_pointer (&page->ids, g_array_unref);
  g_clear_pointer (&page->releases, g_ptr_array_unref);
  g_free (page);
}

void
pr_store_watch_result_free (PrStoreWatchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_free (result);
}

/* A read that failed while the owner waits for the reader was stopped for
 * it (by the progress handler or between releases): it starts over. */
static gboolean
read_interrupted (PrStore *self)
{
  return reader_wanted (self);
}

/* The position of the first unread row after @after (wrapping around),
 * stepping through the list in its order. */
static gboolean
find_next_unread (PrStore       *self,
                  PrStoreWatch  *watch,
                  gint64         after,
                  gint64        *position,
                  GError       **error)
{
  g_autofree char *where = sql_where (watch->sql);
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 start = after + 1;
  gint64 i;
  int rc = SQLITE_DONE;

  *position = -1;
  text = g_strdup_printf ("SELECT r.read FROM %s WHERE %s ORDER BY %s LIMIT -1 OFFSET :offset",
                          sql_from (watch->sql), where, sql_order (watch->sort));
  stmt = conn_prepare (&self->rdb, text, error);
  if (stmt == NULL)
    return FALSE;

  /* From after @after to the end, then from the start. */
  for (guint pass = 0; pass < 2 && *position < 0; pass++)
    {
      bind_query (stmt, watch->sql);
      bind_named_int64 (stmt, ":offset", pass == 0 ? start : 0);
      for (i = pass == 0 ? start : 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
        {
          if (pass == 1 && i >= start)
            break;
          if (sqlite3_column_int (stmt, 0) == 0)
            {
              *position = i;
              break;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_sqlite_error (error, self->rdb.db, rc, "Could not search the library");
          return FALSE;
        }
    }
  return TRUE;
}

/* The position of release @id in the list, or -1. */
static gboolean
locate_release (PrStore       *self,
                PrStoreWatch  *watch,
                gint64         id,
                gint64        *position,
                GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean unsortable = FALSE;
  int rc;

  *position = -1;
  g_array_append_val (ids, id);
  if (!watch_positions (&self->rdb, watch, ids, positions, NULL, &unsortable, error))
    return FALSE;
  if (!unsortable)
    {
      if (positions->len > 0)
        *position = g_array_index (positions, guint, 0);
      return TRUE;
    }

  /* Relevance cannot be counted: step through the list. */
  where = sql_where (watch->sql);
  text = g_strdup_printf ("SELECT r.id FROM %s WHERE %s ORDER BY %s",
                          sql_from (watch->sql), where, sql_order (watch->sort));
  stmt = conn_prepare (&self->rdb, text, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, watch->sql);
  for (gint64 i = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
    if (sqlite3_column_int64 (stmt, 0) == id)
      {
        *position = i;
        return TRUE;
      }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->rdb.db, rc, "Could not search the library");
      return FALSE;
    }
  return TRUE;
}

/* One attempt, holding the reader. */
static PrStoreWatchResult *
watch_read_once (PrStore       *self,
                 WatchRead     *read,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(PrStoreWatchResult) result = g_new0 (PrStoreWatchResult, 1);
  const PrStoreWatchRequest *request = &read->request;
  PrStoreWatch *watch = read->watch;

  result->epoch = watch->epoch;
  result->count = -1;
  result->position = -1;
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_page_free);

  if (request->count && !count_sql (&self->rdb, watch->sql, &result->count, error))
    return NULL;

  for (guint i = 0; i < request->n_offsets; i++)
    {
      PrStoreWatchPage *page = g_new0 (PrStoreWatchPage, 1);

      g_ptr_array_add (result->pages, page);
      page->offset = request->offsets[i];
      page->ids = select_ids (&self->rdb, watch->sql, watch->sort, page->offset,
                              request->limit, error);
      if (page->ids == NULL)
        return NULL;
      page->releases = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; j < page->ids->len; j++)
        {
          PrRelease *release;

          if (request->with_releases > 0 && j >= request->with_releases)
            break;
          if (reader_wanted (self) || g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              if (error != NULL && *error == NULL)
                g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_FAILED, "interrupted");
              return NULL;
            }
          release = load_release (self, &self->rdb, g_array_index (page->ids, gint64, j), error);
          if (release == NULL)
            return NULL;
          g_ptr_array_add (page->releases, release);
        }
    }

  if (request->locate_id != 0 &&
      !locate_release (self, watch, request->locate_id, &result->position, error))
    return NULL;
  if (request->unread_after >= -1 &&
      !find_next_unread (self, watch, request->unread_after, &result->position, error))
    return NULL;

  return g_steal_pointer (&result);
}

static void
watch_read_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrStore *self = source_object;
  WatchRead *read = task_data;

  for (;;)
    {
      GError *error = NULL;
      PrStoreWatchResult *result;
      gboolean again;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (read->watch->removed)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list is gone");
          return;
        }
      worker_read_lock (self);
      if (!self->snapshot)
        {
          g_rec_mutex_unlock (&self->read_lock);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The list is gone");
          return;
        }
      result = watch_read_once (self, read, cancellable, &error);
      again = result == NULL && read_interrupted (self)
              && !g_cancellable_is_cancelled (cancellable);
      g_rec_mutex_unlock (&self->read_lock);

      if (result != NULL)
        {
          g_task_return_pointer (task, result, (GDestroyNotify) pr_store_watch_result_free);
          return;
        }
      if (!again)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_clear_error (&error);
              g_task_return_error_if_cancelled (task);
            }
          else
            g_task_return_error (task, error);
          return;
        }
      /* The owner needed the reader: once more after it. */
      g_clear_error (&error);
    }
}

void
pr_store_watch_read_async (PrStore                   *self,
                           PrStoreWatch              *watch,
                           const PrStoreWatchRequest *request,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  WatchRead *read;

  g_return_if_fail (PR_IS_STORE (self));
  g_return_if_fail (watch != NULL);
  g_return_if_fail (request != NULL);

  read = g_new0 (WatchRead, 1);
  read->watch = watch_ref (watch);
  read->request = *request;
  read->request.offsets = g_memdup2 (request->offsets, sizeof (guint) * request->n_offsets);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_store_watch_read_async);
  g_task_set_task_data (task, read, (GDestroyNotify) watch_read_free);
  g_task_run_in_thread (task, watch_read_thread);
}

PrStoreWatchResult *
pr_store_watch_read_finish (PrStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
