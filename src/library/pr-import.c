/* pr-import.c: importing files, folders and catalogs into the library
 *
 * A run first walks the inputs into a list of files and catalogs, then
 * reads the catalogs, then the files: chunks of CHUNK_SIZE files are
 * parsed and serialised on a thread pool, a couple of chunks ahead, while
 * the running thread writes each finished chunk in one transaction. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "pr-catalog.h"
#include "pr-import.h"
#include "pr-parser.h"
#include "pr-reader.h"
#include "pr-store-private.h"
#include "pr-walk.h"

#define CHUNK_SIZE 1024
#define CHUNKS_AHEAD 2
/* Past BIG_IMPORT files a chunk takes BIG_CHUNK_SIZE, one parsed ahead,
 * and the writer keeps a bigger page cache (pr_store_set_bulk()). At a
 * million releases every transaction writes again the pages of the
 * randomly keyed indexes it touches and a new FTS5 segment, whatever its
 * size: 4,096 files a transaction imported the last releases of a million
 * 1.7 times as fast as 1,024 (1,927 a second against 1,093); 8,192 with
 * the bigger cache imported releases 1,000,000-1,099,999 in 57-72 s
 * against 71-81 s with 4,096 (16,384: 70 s). Small chunks keep the
 * progress frequent and the memory low for the imports most people make;
 * a big import peaks about 350 MB higher. While lists follow the library
 * (a window), a chunk stays at WATCHED_CHUNK_SIZE: the window's work on a
 * write grows with its rows, and 8,192 made frames of 150-180 ms at
 * each write of a 100,000-file import (4,096: under 100 ms). */
#define BIG_IMPORT 16384
#define BIG_CHUNK_SIZE 8192
#define WATCHED_CHUNK_SIZE 4096
#define BIG_CHUNKS_AHEAD 1
#define PROGRESS_INTERVAL (50 * G_TIME_SPAN_MILLISECOND)
/* Nice values added to the threads of an import: parsing yields to the
 * writer, and both to the window's main thread. */
#define PARSE_NICENESS 10
#define WRITE_NICENESS 5

G_DEFINE_BOXED_TYPE (PrImportFailure, pr_import_failure,
                     pr_import_failure_copy, pr_import_failure_free)

PrImportFailure *
pr_import_failure_copy (const PrImportFailure *failure)
{
  PrImportFailure *copy = g_new0 (PrImportFailure, 1);

  copy->path = g_strdup (failure->path);
  copy->reason = g_strdup (failure->reason);
  return copy;
}

void
pr_import_failure_free (PrImportFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->path);
  g_free (failure->reason);
  g_free (failure);
}

struct _PrImport
{
  GObject parent_instance;

  PrStore *store;
  GPtrArray *inputs;              /* char*: absolute paths */
  PrImportParseFunc parse;
  gpointer parse_data;
  GDestroyNotify parse_destroy;
  GMainContext *context;
  GThread *owner;
  gboolean started;

  /* Counters, written by the running thread, read from any. */
  GMutex lock;
  guint done;
  guint total;
  guint imported;
  guint updated;
  guint unchanged;
  guint failed;
  char *current;
  GPtrArray *failures;            /* PrImportFailure */
  gboolean progress_queued;
  gint64 progress_time;

  /* The first release of the inputs written so far (note_first()). */
  gint64 first_id;
  guint first_input;
  char *first_path;
};

G_DEFINE_FINAL_TYPE (PrImport, pr_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DONE,
  PROP_TOTAL,
  PROP_IMPORTED,
  PROP_UPDATED,
  PROP_UNCHANGED,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void add_failure (PrImport   *self,
                         const char *path,
                         const char *reason);
static void note_first  (PrImport   *self,
                         GPtrArray  *rows,
                         GPtrArray  *paths);

static PrRelease *
default_parse (GFile         *file,
               GCancellable  *cancellable,
               gpointer       user_data,
               GError       **error)
{
  return pr_reader_read_file (file, cancellable, error);
}

static void
pr_import_dispose (GObject *object)
{
  PrImport *self = PR_IMPORT (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pr_import_parent_class)->dispose (object);
}

static void
pr_import_finalize (GObject *object)
{
  PrImport *self = PR_IMPORT (object);

  if (self->parse_destroy != NULL)
    self->parse_destroy (self->parse_data);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->first_path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pr_import_parent_class)->finalize (object);
}

static guint
get_counter (PrImport *self,
             guint    *counter)
{
  guint value;

  g_mutex_lock (&self->lock);
  value = *counter;
  g_mutex_unlock (&self->lock);
  return value;
}

static void
pr_import_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PrImport *self = PR_IMPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DONE:
      g_value_set_uint (value, get_counter (self, &self->done));
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, get_counter (self, &self->total));
      break;
    case PROP_IMPORTED:
      g_value_set_uint (value, get_counter (self, &self->imported));
      break;
    case PROP_UPDATED:
      g_value_set_uint (value, get_counter (self, &self->updated));
      break;
    case PROP_UNCHANGED:
      g_value_set_uint (value, get_counter (self, &self->unchanged));
      break;
    case PROP_FAILED:
      g_value_set_uint (value, get_counter (self, &self->failed));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_import_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PrImport *self = PR_IMPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_import_class_init (PrImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pr_import_dispose;
  object_class->finalize = pr_import_finalize;
  object_class->get_property = pr_import_get_property;
  object_class->set_property = pr_import_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] = g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_IMPORTED] = g_param_spec_uint ("imported", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_UPDATED] = g_param_spec_uint ("updated", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_UNCHANGED] = g_param_spec_uint ("unchanged", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrImport::progress:
   *
   * The counters changed; emitted in the thread that made the import, at
   * most every 50 ms and once at the end.
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pr_import_init (PrImport *self)
{
  g_mutex_init (&self->lock);
  self->inputs = g_ptr_array_new_with_free_func (g_free);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_import_failure_free);
  self->parse = default_parse;
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
}

PrImport *
pr_import_new (PrStore *store)
{
  g_return_val_if_fail (PR_IS_STORE (store), NULL);
  return g_object_new (PR_TYPE_IMPORT, "store", store, NULL);
}

void
pr_import_add_path (PrImport   *self,
                    const char *path)
{
  g_return_if_fail (PR_IS_IMPORT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->started);

  g_ptr_array_add (self->inputs, g_canonicalize_filename (path, NULL));
}

void
pr_import_add_file (PrImport *self,
                    GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PR_IS_IMPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Translators: why a file was not imported: it is on a network
       * location or in another place without a path of its own. */
      add_failure (self, uri, _("not a local file"));
      return;
    }
  pr_import_add_path (self, path);
}

void
pr_import_set_parse_func (PrImport          *self,
                          PrImportParseFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (PR_IS_IMPORT (self));
  g_return_if_fail (!self->started);

  if (self->parse_destroy != NULL)
    self->parse_destroy (self->parse_data);
  self->parse = func != NULL ? func : default_parse;
  self->parse_data = user_data;
  self->parse_destroy = destroy;
}

/* ---- progress -------------------------------------------------------- */

static void
emit_progress (PrImport *self)
{
  g_mutex_lock (&self->lock);
  self->progress_queued = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_DONE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

static gboolean
progress_idle (gpointer data)
{
  emit_progress (PR_IMPORT (data));
  return G_SOURCE_REMOVE;
}

/* From the running thread: tells the import's thread, now or soon. */
static void
report_progress (PrImport *self,
                 gboolean  final)
{
  gint64 now = g_get_monotonic_time ();
  gboolean queue;

  g_mutex_lock (&self->lock);
  if (!final && now - self->progress_time < PROGRESS_INTERVAL)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->progress_time = now;
  queue = !self->progress_queued;
  self->progress_queued = TRUE;
  g_mutex_unlock (&self->lock);

  if (g_thread_self () == self->owner)
    emit_progress (self);
  else if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, progress_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[pressreader] import progress");
      /* Before the callbacks of tasks that finish after this write. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
add_failure (PrImport   *self,
             const char *path,
             const char *reason)
{
  PrImportFailure failure = { (char *) path, (char *) reason };

  g_mutex_lock (&self->lock);
  self->failed++;
  g_ptr_array_add (self->failures, pr_import_failure_copy (&failure));
  g_mutex_unlock (&self->lock);
}

static void
set_current (PrImport   *self,
             const char *path)
{
  g_mutex_lock (&self->lock);
  g_free (self->current);
  self->current = g_strdup (path);
  g_mutex_unlock (&self->lock);
}

/* ---- walking --------------------------------------------------------- */

/* The inputs are walked first (pr-walk.h has the rules), into lists. */
typedef struct {
  PrImport *self;
  GPtrArray *files;       /* char* */
  GPtrArray *catalogs;    /* char* */
} Walk;

static void
on_found (const char *path,
          PrWalkKind  kind,
          gpointer    user_data)
{
  Walk *walk = user_data;

  g_ptr_array_add (kind == PR_WALK_CATALOG ? walk->catalogs : walk->files, g_strdup (path));
}

/* Loops too: the failures are all the import tells of what it left. */
static void
on_failed (const char   *path,
           const GError *error,
           gpointer      user_data)
{
  Walk *walk = user_data;

  add_failure (walk->self, path, error->message);
}

/* ---- running --------------------------------------------------------- */

typedef struct {
  PrImport *self;
  GCancellable *cancellable;
  GMutex lock;
  GCond cond;
} Run;

typedef struct {
  Run *run;
  GPtrArray *paths;     /* char*, borrowed */
  PrStoreRow **rows;
  char **errors;
  gboolean *many;       /* files that hold many releases */
  gint next;            /* the next file to parse (atomic) */
  guint remaining;      /* under run->lock */
  gint refs;            /* the writer's, and one per task pushed (atomic) */
} Chunk;

/* Lowers the calling thread's priority by @niceness, for good: only
 * threads of the import's own are lowered (an unprivileged thread cannot
 * raise it back). Linux sets it per thread; elsewhere this does
 * nothing. */
static void
lower_thread_priority (int niceness)
{
#ifdef __linux__
  pid_t tid = syscall (SYS_gettid);
  int old;

  errno = 0;
  old = getpriority (PRIO_PROCESS, tid);
  if (errno == 0)
    {
      if (setpriority (PRIO_PROCESS, tid, MIN (old + niceness, 19)) != 0)
        g_debug ("Could not lower the priority of import thread %d: %s", (int) tid, g_strerror (errno));
    }
#endif
}

void
pr_import_lower_thread_priority (void)
{
  lower_thread_priority (PARSE_NICENESS);
}

/* The writer drops its reference once the chunk is written; a task the
 * pool starts after every file was claimed still holds one. */
static void
chunk_unref (Chunk *chunk)
{
  if (!g_atomic_int_dec_and_test (&chunk->refs))
    return;
  for (guint i = 0; i < chunk->paths->len; i++)
    {
      g_clear_pointer (&chunk->rows[i], pr_store_row_free);
      g_free (chunk->errors[i]);
    }
  g_free (chunk->rows);
  g_free (chunk->errors);
  g_free (chunk->many);
  g_ptr_array_unref (chunk->paths);
  g_free (chunk);
}

/* Parses file @index of @chunk, on whichever thread claimed it. */
static void
parse_one (Chunk *chunk,
           guint  index)
{
  Run *run = chunk->run;
  PrImport *self = run->self;
  const char *path = g_ptr_array_index (chunk->paths, index);

  if (!g_cancellable_is_cancelled (run->cancellable))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = self->parse (file, run->cancellable, self->parse_data, &error);

      if (release != NULL)
        {
          /* Re-imports are matched on the path; the origin stays what the
           * reader found (a page's canonical URL). */
          chunk->rows[index] = pr_store_row_new (release);
          pr_store_row_set_source_key (chunk->rows[index], path);
          /* On the parsing threads rather than in the writer. */
          if (pr_store_get_grouping (self->store))
            pr_store_row_sketch (chunk->rows[index]);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        /* Many releases in a file whose name did not say so (a mailbox
         * without .mbox, a NewsML-G2 message in .txt): read whole later. */
        chunk->many[index] = TRUE;
      else
        chunk->errors[index] = g_strdup (error != NULL ? error->message : "could not be read");
    }

  g_mutex_lock (&run->lock);
  if (--chunk->remaining == 0)
    g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* Claims the chunk's files one by one until none is left. */
static void
parse_claimed (Chunk *chunk)
{
  guint n = chunk->paths->len;
  guint index;

  while ((index = (guint) g_atomic_int_add (&chunk->next, 1)) < n)
    parse_one (chunk, index);
}

/* A pool thread's share of a chunk. */
static void
parse_job (gpointer data,
           gpointer user_data)
{
  /* The pool's threads are its own (exclusive): lowered once each. */
  static __thread gboolean lowered;

  if (!lowered)
    {
      lower_thread_priority (PARSE_NICENESS);
      lowered = TRUE;
    }
  parse_claimed (data);
  chunk_unref (data);
}

static Chunk *
chunk_submit (Run        *run,
              GThreadPool *pool,
              GPtrArray  *files,
              guint       start)
{
  Chunk *chunk = g_new0 (Chunk, 1);
  guint size = start < BIG_IMPORT ? CHUNK_SIZE
               : pr_store_is_watched (run->self->store) ? WATCHED_CHUNK_SIZE : BIG_CHUNK_SIZE;
  guint n = MIN (size, files->len - start);
  guint workers = g_thread_pool_get_max_threads (pool);

  chunk->run = run;
  chunk->paths = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chunk->paths, g_ptr_array_index (files, start + i));
  chunk->rows = g_new0 (PrStoreRow *, n);
  chunk->errors = g_new0 (char *, n);
  chunk->many = g_new0 (gboolean, n);
  chunk->remaining = n;
  chunk->refs = 1 + MIN (workers, n);

  /* Each thread claims files until the chunk has none left. */
  for (guint i = 0; i < MIN (workers, n); i++)
    g_thread_pool_push (pool, chunk, NULL);
  return chunk;
}

/* The writer, waiting for a chunk, parses what is left of it rather than
 * sleep: when parsing is the slower side its core is not left idle. */
static void
chunk_wait (Chunk *chunk)
{
  Run *run = chunk->run;

  parse_claimed (chunk);
  g_mutex_lock (&run->lock);
  while (chunk->remaining > 0)
    g_cond_wait (&run->cond, &run->lock);
  g_mutex_unlock (&run->lock);
}

static void
count_outcome (PrImport       *self,
               PrStoreOutcome  outcome)
{
  switch (outcome)
    {
    case PR_STORE_ADDED:
      self->imported++;
      break;
    case PR_STORE_UPDATED:
      self->updated++;
      break;
    case PR_STORE_UNCHANGED:
    default:
      self->unchanged++;
      break;
    }
}

/* Writes @rows in one transaction; if that fails, one by one, so that one
 * row the library refuses fails alone. Fails when no row could be
 * written. */
static gboolean
write_rows (PrImport   *self,
            GPtrArray  *rows,
            GPtrArray  *paths,
            GError    **error)
{
  g_autofree PrStoreOutcome *outcomes = g_new0 (PrStoreOutcome, MAX (rows->len, 1));
  g_autoptr(GError) batch_error = NULL;
  guint written = 0;

  if (rows->len == 0)
    return TRUE;

  if (pr_store_add_rows (self->store, rows, outcomes, &batch_error))
    {
      g_mutex_lock (&self->lock);
      for (guint i = 0; i < rows->len; i++)
        count_outcome (self, outcomes[i]);
      g_mutex_unlock (&self->lock);
      note_first (self, rows, paths);
      return TRUE;
    }

  /* A full or read-only disk is no file's fault: the import stops there,
   * with that one message (the files not written are not failures). As
   * much as fits is written first: halves, down to one release. */
  if (g_error_matches (batch_error, PR_STORE_ERROR, PR_STORE_ERROR_NO_SPACE) && rows->len > 1)
    {
      guint half = rows->len / 2;
      g_autoptr(GPtrArray) first_rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) first_paths = g_ptr_array_new ();
      g_autoptr(GPtrArray) rest_rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) rest_paths = g_ptr_array_new ();

      for (guint i = 0; i < rows->len; i++)
        {
          g_ptr_array_add (i < half ? first_rows : rest_rows, g_ptr_array_index (rows, i));
          g_ptr_array_add (i < half ? first_paths : rest_paths, g_ptr_array_index (paths, i));
        }
      return write_rows (self, first_rows, first_paths, error) &&
             write_rows (self, rest_rows, rest_paths, error);
    }
  if (pr_store_error_is_unwritable (batch_error))
    {
      g_propagate_error (error, g_steal_pointer (&batch_error));
      return FALSE;
    }
  g_debug ("Batch of %u failed (%s), retrying one by one", rows->len, batch_error->message);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GError) row_error = NULL;
      PrStoreOutcome outcome;

      g_ptr_array_add (one, g_ptr_array_index (rows, i));
      if (pr_store_add_rows (self->store, one, &outcome, &row_error))
        {
          g_mutex_lock (&self->lock);
          count_outcome (self, outcome);
          g_mutex_unlock (&self->lock);
          written++;
        }
      else if (pr_store_error_is_unwritable (row_error))
        {
          note_first (self, rows, paths);
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      else
        add_failure (self, g_ptr_array_index (paths, i), row_error->message);
    }
  note_first (self, rows, paths);

  if (written == 0)
    {
      g_propagate_error (error, g_steal_pointer (&batch_error));
      return FALSE;
    }
  return TRUE;
}

/* A file of many releases is written as it is read, CHUNK_SIZE releases
 * at a time: a mailbox of any size never sits in memory. */
typedef struct {
  PrImport *self;
  const char *path;
  GPtrArray *rows;          /* PrStoreRow, the chunk being filled */
  GPtrArray *paths;         /* char*, borrowed: @path once per row */
  GCancellable *stop;       /* cancelled when a write fails */
  GError *error;            /* why it failed */
} Stream;

static gboolean
stream_flush (Stream *stream)
{
  PrImport *self = stream->self;
  guint n = stream->rows->len;

  if (n == 0 || stream->error != NULL)
    return stream->error == NULL;
  if (!write_rows (self, stream->rows, stream->paths, &stream->error))
    {
      g_cancellable_cancel (stream->stop);
      return FALSE;
    }
  g_ptr_array_set_size (stream->rows, 0);
  g_ptr_array_set_size (stream->paths, 0);

  g_mutex_lock (&self->lock);
  self->done += n;
  g_mutex_unlock (&self->lock);
  report_progress (self, FALSE);
  return TRUE;
}

static void
stream_found (PrRelease    *release,
              const GError *skipped,
              gpointer      user_data)
{
  Stream *stream = user_data;
  PrImport *self = stream->self;

  if (stream->error != NULL)
    return;

  /* Each release of the file counts as it is found. */
  g_mutex_lock (&self->lock);
  self->total++;
  if (release == NULL)
    self->done++;
  g_mutex_unlock (&self->lock);

  if (release == NULL)
    {
      add_failure (self, stream->path, skipped->message);
      return;
    }
  g_ptr_array_add (stream->rows, pr_store_row_new (release));
  g_ptr_array_add (stream->paths, (gpointer) stream->path);
  if (stream->rows->len >= CHUNK_SIZE)
    stream_flush (stream);
}

static void
stop_cancelled (GCancellable *cancellable,
                GCancellable *stop)
{
  g_cancellable_cancel (stop);
}

static gboolean
import_catalog (PrImport      *self,
                const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  Stream stream = {
    self, path,
    g_ptr_array_new_with_free_func ((GDestroyNotify) pr_store_row_free),
    g_ptr_array_new (), stop, NULL
  };
  gulong handler = 0;
  gboolean read;

  set_current (self, path);
  /* The file counted as one; now it is its releases. */
  g_mutex_lock (&self->lock);
  self->total -= 1;
  g_mutex_unlock (&self->lock);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (stop_cancelled), stop, NULL);
  read = pr_reader_read_file_each (file, stream_found, &stream, stop, &local_error);
  if (read)
    stream_flush (&stream);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  g_ptr_array_unref (stream.rows);
  g_ptr_array_unref (stream.paths);

  if (stream.error != NULL)
    {
      g_propagate_error (error, stream.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!read)
    {
      add_failure (self, path, local_error->message);
      g_mutex_lock (&self->lock);
      self->total++;
      self->done++;
      g_mutex_unlock (&self->lock);
    }
  return TRUE;
}

static gboolean
import_files (PrImport      *self,
              GPtrArray     *files,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GQueue) chunks = g_queue_new ();
  GThreadPool *pool;
  guint next = 0;
  gboolean ok = TRUE;
  gboolean bulk = FALSE;
  Run run = { self, cancellable };

  if (files->len == 0)
    return TRUE;

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  pool = g_thread_pool_new (parse_job, NULL, MAX (1, (int) g_get_num_processors ()), TRUE, NULL);

  while (next < files->len && g_queue_get_length (chunks) < CHUNKS_AHEAD)
    {
      Chunk *chunk = chunk_submit (&run, pool, files, next);

      g_queue_push_tail (chunks, chunk);
      next += chunk->paths->len;
    }

  while (!g_queue_is_empty (chunks))
    {
      Chunk *chunk = g_queue_pop_head (chunks);
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autoptr(GPtrArray) paths = g_ptr_array_new ();

      chunk_wait (chunk);
      while (ok && next < files->len &&
             g_queue_get_length (chunks) < (next < BIG_IMPORT ? CHUNKS_AHEAD : BIG_CHUNKS_AHEAD))
        {
          Chunk *ahead = chunk_submit (&run, pool, files, next);

          g_queue_push_tail (chunks, ahead);
          next += ahead->paths->len;
        }
      if (!bulk && next > BIG_IMPORT)
        {
          pr_store_set_bulk (self->store, TRUE);
          bulk = TRUE;
        }

      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;

      if (ok)
        {
          guint many = 0;

          for (guint i = 0; i < chunk->paths->len; i++)
            {
              if (chunk->many[i])
                many++;
              else if (chunk->rows[i] != NULL)
                {
                  g_ptr_array_add (rows, chunk->rows[i]);
                  g_ptr_array_add (paths, g_ptr_array_index (chunk->paths, i));
                }
              else if (chunk->errors[i] != NULL)
                add_failure (self, g_ptr_array_index (chunk->paths, i), chunk->errors[i]);
            }
          set_current (self, g_ptr_array_index (chunk->paths, chunk->paths->len - 1));
          ok = write_rows (self, rows, paths, error);

          g_mutex_lock (&self->lock);
          self->done += chunk->paths->len - many;
          g_mutex_unlock (&self->lock);
          report_progress (self, FALSE);

          for (guint i = 0; ok && i < chunk->paths->len; i++)
            if (chunk->many[i])
              ok = import_catalog (self, g_ptr_array_index (chunk->paths, i), cancellable, error);
        }
      chunk_unref (chunk);
    }

  if (bulk)
    pr_store_set_bulk (self->store, FALSE);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
  return ok;
}

static gboolean
run_import (PrImport      *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) catalogs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_null_terminated (self->inputs->len, NULL, TRUE);
  Walk walk = { self, files, catalogs };
  gboolean ok = TRUE;

  g_ptr_array_extend (inputs, self->inputs, NULL, NULL);
  pr_walk_paths ((const char * const *) inputs->pdata, cancellable, on_found, on_failed, &walk);

  g_mutex_lock (&self->lock);
  self->total = files->len + catalogs->len;
  g_mutex_unlock (&self->lock);
  report_progress (self, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  for (guint i = 0; ok && i < catalogs->len; i++)
    ok = import_catalog (self, g_ptr_array_index (catalogs, i), cancellable, error);

  if (ok)
    ok = import_files (self, files, cancellable, error);

  set_current (self, NULL);
  report_progress (self, TRUE);
  return ok;
}

gboolean
pr_import_run (PrImport      *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->started = TRUE;
  return run_import (self, cancellable, error);
}

/* The writer of an asynchronous import runs in a thread of its own rather
 * than in GTask's shared pool, so that its lower priority stays with it. */
static gpointer
run_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  PrImport *self = g_task_get_source_object (task);
  GError *error = NULL;

  lower_thread_priority (WRITE_NICENESS);
  if (run_import (self, g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  return NULL;
}

void
pr_import_run_async (PrImport            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PR_IS_IMPORT (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_import_run_async);
  g_thread_unref (g_thread_new ("pr-import", run_thread, task));
}

gboolean
pr_import_run_finish (PrImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the first release ----------------------------------------------- */

/* The input @path was found under: its index in self->inputs. */
static guint
input_of (PrImport   *self,
          const char *path)
{
  for (guint i = 0; i < self->inputs->len; i++)
    {
      const char *input = g_ptr_array_index (self->inputs, i);
      gsize length = strlen (input);

      if (strncmp (path, input, length) == 0
          && (path[length] == '\0' || path[length] == '/' || input[length - 1] == '/'))
        return i;
    }
  return self->inputs->len;
}

/* Name by name, as a walk in name order meets them. */
static int
compare_paths (const char *a,
               const char *b)
{
  g_auto(GStrv) pa = g_strsplit (a, "/", -1);
  g_auto(GStrv) pb = g_strsplit (b, "/", -1);

  for (guint i = 0; ; i++)
    {
      int cmp;

      if (pa[i] == NULL || pb[i] == NULL)
        return (pa[i] != NULL) - (pb[i] != NULL);
      cmp = strcmp (pa[i], pb[i]);
      if (cmp != 0)
        return cmp;
    }
}

/* After a write, on the running thread: the first of @rows that is in
 * the library now, if it comes before the first one so far in the order
 * of the inputs. Each write is in the order of its files (or of its
 * catalog), so only its first row can be. */
static void
note_first (PrImport  *self,
            GPtrArray *rows,
            GPtrArray *paths)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PrRelease *release = pr_store_row_get_release (g_ptr_array_index (rows, i));
      gint64 id = pr_release_get_store_id (release);
      const char *path = g_ptr_array_index (paths, i);
      guint input;

      if (id == 0)
        continue;
      input = input_of (self, path);
      g_mutex_lock (&self->lock);
      if (self->first_id == 0 || input < self->first_input
          || (input == self->first_input && compare_paths (path, self->first_path) < 0))
        {
          self->first_id = id;
          self->first_input = input;
          g_free (self->first_path);
          self->first_path = g_strdup (path);
        }
      g_mutex_unlock (&self->lock);
      return;
    }
}

gint64
pr_import_get_first_release_id (PrImport *self)
{
  gint64 id;

  g_return_val_if_fail (PR_IS_IMPORT (self), 0);

  g_mutex_lock (&self->lock);
  id = self->first_id;
  g_mutex_unlock (&self->lock);
  return id;
}

guint
pr_import_get_done (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->done);
}

guint
pr_import_get_total (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->total);
}

char *
pr_import_dup_current_file (PrImport *self)
{
  char *current;

  g_return_val_if_fail (PR_IS_IMPORT (self), NULL);

  g_mutex_lock (&self->lock);
  current = g_strdup (self->current);
  g_mutex_unlock (&self->lock);
  return current;
}

guint
pr_import_get_imported (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->imported);
}

guint
pr_import_get_updated (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->updated);
}

guint
pr_import_get_unchanged (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->unchanged);
}

guint
pr_import_get_failed (PrImport *self)
{
  g_return_val_if_fail (PR_IS_IMPORT (self), 0);
  return get_counter (self, &self->failed);
}

static gpointer
copy_failure (gconstpointer failure,
              gpointer      user_data)
{
  return pr_import_failure_copy (failure);
}

GPtrArray *
pr_import_dup_failures (PrImport *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (PR_IS_IMPORT (self), NULL);

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_copy (self->failures, copy_failure, NULL);
  g_ptr_array_set_free_func (copy, (GDestroyNotify) pr_import_failure_free);
  g_mutex_unlock (&self->lock);
  return copy;
}
