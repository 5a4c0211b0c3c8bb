/* pr-store-private.h: the store's interface to the importer and list model,
 * and what the store's own files share */
#pragma once

#include <sqlite3.h>

#include "pr-query-private.h"
#include "pr-sketch.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* A release serialised for writing: made on any thread (the importer's
 * parse threads), written by pr_store_add_rows(). */
typedef struct _PrStoreRow PrStoreRow;

PrStoreRow     *pr_store_row_new        (PrRelease      *release);
void            pr_store_row_free       (PrStoreRow     *row);
PrRelease      *pr_store_row_get_release (PrStoreRow    *row);
/* What re-imports are matched on: the release's origin unless set here
 * (the import sets a file's path, so that a page's canonical URL stays
 * its origin). */
void            pr_store_row_set_source_key (PrStoreRow *row,
                                             const char *source_key);
/* Makes the row's sketch for grouping, if not made yet: the import does
 * it on its parsing threads; the writer makes the ones still missing. */
void            pr_store_row_sketch     (PrStoreRow     *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrStoreRow, pr_store_row_free)

gboolean        pr_store_add_rows       (PrStore        *self,
                                         GPtrArray      *rows,
                                         PrStoreOutcome *outcomes,
                                         GError        **error);
/* Runs inside pr_store_add_rows_full()'s transaction once the rows are
 * written (their ids and outcomes set), before the lists' changes are
 * computed; a failure rolls the whole write back. */
typedef gboolean (*PrStoreRowsHook) (PrStore    *self,
                                     GPtrArray  *rows,
                                     gpointer    user_data,
                                     GError    **error);
gboolean        pr_store_add_rows_full  (PrStore        *self,
                                         GPtrArray      *rows,
                                         PrStoreOutcome *outcomes,
                                         PrStoreRowsHook hook,
                                         gpointer        hook_data,
                                         GError        **error);

/* A list model's view of a query. The store computes, inside each write
 * transaction, where the rows that changed leave and enter the sorted
 * list, and hands the list a delta on the owner thread once the model's
 * reads see the new state. Reads through a watch see the state of the
 * last delta delivered. */
typedef struct {
  gboolean reset;      /* too many or unsortable changes: recount */
  GArray *removed;     /* guint: positions before the change, descending */
  GArray *inserted;    /* guint: positions after the change, ascending */
  GArray *inserted_ids; /* gint64: the rows at those positions */
} PrStoreDelta;

typedef void (*PrStoreWatchFunc) (const PrStoreDelta *delta,
                                  gpointer            user_data);

typedef struct _PrStoreWatch PrStoreWatch;

/* @grouped: one row per group of copies (the original). */
PrStoreWatch   *pr_store_watch          (PrStore        *self,
                                         PrQuery        *query,
                                         PrFilter        filter,
                                         PrSort          sort,
                                         gboolean        grouped,
                                         PrStoreWatchFunc func,
                                         gpointer        user_data);
void            pr_store_unwatch        (PrStore        *self,
                                         PrStoreWatch   *watch);
gint64          pr_store_watch_count    (PrStore        *self,
                                         PrStoreWatch   *watch,
                                         GError        **error);
/* The ids (gint64) at [offset, offset + limit) of the watch's list; read
 * the releases with pr_store_get_release() on the owner thread. */
GArray         *pr_store_watch_ids      (PrStore        *self,
                                         PrStoreWatch   *watch,
                                         guint           offset,
                                         guint           limit,
                                         GError        **error);

/* The state of the watch's list that reads through it see now: it
 * changes with every delivered write that changes the list (a delta or a
 * reset), and only then. Owner thread. */
guint64         pr_store_watch_get_epoch (PrStore       *self,
                                          PrStoreWatch  *watch);

/* Reads through a watch in a worker thread, on the same snapshot as the
 * owner thread's reads (so the result matches the deltas delivered up to
 * its epoch). The owner thread never waits for such a read: when it needs
 * the reader, the read is interrupted and starts over. */
typedef struct {
  gboolean count;            /* count the list */
  const guint *offsets;      /* pages to read: their first positions */
  guint n_offsets;
  guint limit;               /* rows a page */
  guint with_releases;       /* read the releases of the first this many
                              * rows of each page (0: all) */
  gint64 locate_id;          /* find this release's position (0: none) */
  gint64 unread_after;       /* find the first unread release after this
                              * position, wrapping around (-1: from the
                              * start; < -1: none) */
  guint quick;               /* a new query: when its first this many rows
                              * are found without counting (a common
                              * prefix), them alone as page 0, the count
                              * -1 (pr_store_matches_quick_page()) */
} PrStoreWatchRequest;

typedef struct {
  guint offset;
  GArray *ids;               /* gint64 */
  GPtrArray *releases;       /* PrRelease of the first rows (all but
                              * with with_releases) */
} PrStoreWatchPage;

typedef struct {
  guint64 epoch;             /* the state that was read */
  gint64 count;              /* -1 when not asked for */
  GPtrArray *pages;          /* PrStoreWatchPage */
  gint64 position;           /* of locate_id or the next unread; -1: none */
} PrStoreWatchResult;

void            pr_store_watch_result_free (PrStoreWatchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrStoreWatchResult, pr_store_watch_result_free)

void            pr_store_watch_read_async  (PrStore                   *self,
                                            PrStoreWatch              *watch,
                                            const PrStoreWatchRequest *request,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
PrStoreWatchResult *pr_store_watch_read_finish (PrStore           *self,
                                                GAsyncResult      *result,
                                                GError           **error);

/* For tests: creates a library at an older schema version (0 creates an
 * empty file) to test the migrations from it. */
gboolean        pr_store_create_at_version (const char  *path,
                                            int          version,
                                            GError     **error);

/* ---- inside the store ------------------------------------------------ */

/* The rest is shared by the files of the store alone: pr-store.c (the
 * object, live releases, the snapshot and notices) and pr-store-*.c. */

#define APPLICATION_ID 0x50524c42   /* 'PRLB' */
/* Beside the library: damage was met while it was used. */
#define NEEDS_CHECK_SUFFIX ".needs-check"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Entity kinds in the entities table; PrFacetKind maps onto them. */
enum {
  ENTITY_ORGANIZATION = 0,
  ENTITY_PERSON = 1,
  ENTITY_SOURCE = 2,
  ENTITY_PLACE = 3,
  ENTITY_ISSUER = 4,   /* name: as the release writes it */
  ENTITY_KIND = 5,     /* name: the kind's key, "earnings" */
  ENTITY_TICKER = 6,   /* name: EXCHANGE:SYMBOL */
};

/* ---- connections: pr-store-connection.c ------------------------------ */

typedef struct _PrIdSet PrIdSet;

typedef struct {
  sqlite3 *db;
  GHashTable *stmts;   /* static SQL → sqlite3_stmt */
  /* Sets of ids kept for the next read (pr-store-matches.c): the last
   * words' matches, the last few filters' rows, their intersection; all
   * made at data_version @sets_version. */
  PrIdSet *matches;
  PrIdSet *matched;
  PrIdSet *grouped;    /* the matches, each copy's as its original's */
  GPtrArray *filters;
  gint64 sets_version;
} Conn;

void          pr_store_note_damage      (sqlite3    *db,
                                         const char *what);
/* The free space a library at @path wants after a write failed for want
 * of it (the message names it). */
guint64       pr_store_space_wanted     (const char  *path);
/* Rolls back @conn's transaction, giving the disk back the room of a
 * write that did not fit. */
void          pr_store_conn_rollback    (Conn        *conn);
void          pr_store_set_sqlite_error (GError    **error,
                                         sqlite3    *db,
                                         int         rc,
                                         const char *what);
gboolean      pr_store_conn_open        (Conn       *conn,
                                         const char *path,
                                         int         flags,
                                         GError    **error);
void          pr_store_conn_close       (Conn *conn);
gboolean      pr_store_conn_exec        (Conn       *conn,
                                         const char *sql,
                                         GError    **error);
sqlite3_stmt *pr_store_conn_stmt        (Conn       *conn,
                                         const char *sql,
                                         GError    **error);
sqlite3_stmt *pr_store_conn_prepare     (Conn       *conn,
                                         const char *sql,
                                         GError    **error);
void          pr_store_stmt_done        (sqlite3_stmt *stmt);
gboolean      pr_store_stmt_run         (Conn         *conn,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
void          pr_store_bind_text        (sqlite3_stmt *stmt,
                                         int           index,
                                         const char   *text);
void          pr_store_bind_named_text  (sqlite3_stmt *stmt,
                                         const char   *name,
                                         const char   *text);
void          pr_store_bind_named_int64 (sqlite3_stmt *stmt,
                                         const char   *name,
                                         gint64        value);
const char   *pr_store_column_text      (sqlite3_stmt *stmt,
                                         int           column);
gint64        pr_store_now_seconds      (void);
gboolean      pr_store_read_int         (Conn       *conn,
                                         const char *sql,
                                         gint64     *value,
                                         GError    **error);
gboolean      pr_store_set_pragmas      (Conn    *conn,
                                         gboolean writer,
                                         GError **error);

/* ---- schema and opening: pr-store-schema.c, pr-store-open.c ---------- */

gboolean pr_store_migrate       (Conn       *conn,
                                 const char *path,
                                 int         target,
                                 GError    **error);
gboolean pr_store_check_library (Conn       *conn,
                                 const char *path,
                                 gint64     *version,
                                 GError    **error);

/* ---- rows: pr-store-rows.c ------------------------------------------- */

typedef struct {
  int kind;
  char *norm;
  char *name;
} RowEntity;

enum {
  ROW_DATE,
  ROW_TITLE,
  ROW_SUBTITLE,
  ROW_DATELINE,
  ROW_CITY,
  ROW_REGION,
  ROW_SOURCE,
  ROW_SOURCE_NORM,
  ROW_SOURCE_TAG,
  ROW_LANGUAGE,
  ROW_SUMMARY,
  ROW_ORIGIN,
  ROW_N_TEXT
};

struct _PrStoreRow {
  PrRelease *release;
  char *content_id;
  char *source_key;
  char *fingerprint;
  char *text[ROW_N_TEXT];
  gint64 word_count;
  gboolean title_derived;
  gboolean read;              /* state, for new rows (from catalogs) */
  gint64 read_at;
  gboolean bookmarked;
  gint64 bookmarked_at;
  PrSketch sketch;            /* for grouping copies (pr-store-group.c), */
  gboolean sketched;          /* once pr_store_row_sketch() made it */
  char *body;
  char *organizations;
  char *people;
  char *extra;
  char *cjk;
  GPtrArray *entities;

  /* Set while writing. */
  PrStoreOutcome outcome;
  gint64 id;
  char *old_content_id;       /* UPDATED: the stored release's before */
};

/* Its columns are in the order of COL_* in pr-store-rows.c. */
#define SELECT_RELEASES \
  "SELECT r.id, r.content_id, r.date, r.title, r.subtitle, r.dateline, r.city, r.region," \
  " r.source, r.source_tag, r.language, r.summary, r.origin, r.word_count, r.title_derived," \
  " r.imported_at, NOT " SQL_UNREAD "," \
  " coalesce ((SELECT read_at FROM release_reads WHERE release_reads.id = r.id), 0)," \
  " r.bookmarked, r.bookmarked_at, t.body, t.extra," \
  " (SELECT o.content_id FROM releases AS o WHERE o.id = r.group_id)," \
  " (SELECT group_concat (coalesce (nullif (g.language, ''), 'und'), ' ') FROM releases AS g" \
  "  WHERE g.group_id = r.group_id AND g.id != r.id)" \
  " FROM releases AS r JOIN release_text AS t ON t.id = r.id"
#define SELECT_RELEASE SELECT_RELEASES " WHERE r.id = ?"

void pr_store_fill_release (PrRelease    *release,
                            sqlite3_stmt *stmt);

/* ---- the object: pr-store.c ------------------------------------------ */

struct _PrStoreWatch {
  gint ref_count;
  guint64 gen;
  guint64 epoch;      /* changed under read_lock with the snapshot */
  PrQuerySql *sql;
  PrSort sort;
  PrStoreWatchFunc func;
  gpointer user_data;
  gboolean removed;   /* owner thread */
};

typedef enum {
  STATE_CHANGE_READ = 1 << 0,
  STATE_CHANGE_BOOKMARKED = 1 << 1,
} StateChangeWhat;

/* A release's new state: @what says which of its parts were written. */
typedef struct {
  gint64 id;
  StateChangeWhat what;
  gboolean read;
  gint64 read_at;
  gboolean bookmarked;
  gint64 bookmarked_at;
} StateChange;

typedef struct {
  guint64 seq;
  guint64 gen;               /* watches up to this generation have deltas */
  PrStoreChange changes;
  GArray *state;             /* StateChange */
  gboolean state_sorted;     /* state is by id, ascending */
  GArray *updated;           /* gint64: content changed */
  GPtrArray *hits;           /* PrWatchHits: the notifying watches' new releases */
  GPtrArray *watches;        /* PrStoreWatch */
  GPtrArray *deltas;         /* PrStoreDelta, parallel to watches */
} Notice;

struct _PrStore
{
  GObject parent_instance;

  char *path;
  char *moved_aside_path;     /* the damaged library found at open */
  char *damage;               /* and why */
  GThread *owner;
  GMainContext *context;

  GMutex write_lock;
  Conn wdb;
  guint bulk_writers;         /* imports in pr_store_set_bulk(), under write_lock */
  GPtrArray *saved;           /* PrStoreSaved: the watches compiled, writer only */
  GHashTable *entity_ids;     /* "kind:norm" → gint64*, writer only */
  gint grouping;              /* new rows are grouped (atomic) */

  GRecMutex read_lock;
  Conn rdb;
  gboolean snapshot;          /* rdb holds a read transaction */
  gint reader_yield;          /* the owner wants rdb from a worker's read */
  gint deliver_waiting;       /* a delivery waits for rdb */
  gboolean reader_progress;   /* rdb's progress handler is set */
  guint deliver_retry;        /* a timeout: deliver again */

  GMutex background_lock;
  Conn bdb;

  GMutex watch_lock;
  GPtrArray *watches;         /* PrStoreWatch */
  guint64 watch_gen;

  GMutex queue_lock;
  GCond queue_cond;
  GQueue pending;             /* Notice */
  guint64 next_seq;
  guint64 delivered_seq;

  GMutex live_lock;
  GHashTable *live;           /* gint64* → GWeakRef* */
  guint live_sweep_at;
};

void       pr_store_notice_free      (Notice *notice);

/* Live releases. */
PrRelease *pr_store_load_release     (PrStore *self,
                                      Conn    *conn,
                                      gint64   id,
                                      GError **error);

/* The snapshot and notices. */
int        pr_store_reader_progress  (void *data);
gboolean   pr_store_reader_wanted    (PrStore *self);
void       pr_store_owner_read_lock  (PrStore *self);
void       pr_store_worker_read_lock (PrStore *self);
gboolean   pr_store_snapshot_begin   (PrStore *self,
                                      GError **error);
void       pr_store_snapshot_end     (PrStore *self);
void       pr_store_deliver_pending  (PrStore *self,
                                      gboolean wait);
gboolean   pr_store_deliver_idle     (gpointer data);

/* ---- writes: pr-store-write.c ---------------------------------------- */

/* The writer's page cache (pr_store_set_pragmas()), as a PRAGMA value,
 * and its size for a big write or import. */
#define PR_STORE_WRITER_CACHE "-32768"
#define PR_STORE_WRITER_BIG_CACHE "-262144"

/* ---- write transactions: pr-store-write.c ----------------------------- */

/* A write to releases: one transaction on the writer, begun by
 * pr_store_txn_begin() (which takes write_lock), ended by _commit() or
 * _rollback(). Around its writes, _watches_before() and _after() find
 * where the rows it changes are in each watched list. */
typedef struct {
  PrStore *store;
  GHashTable *entity_counts;  /* gint64* entity id → GUINT_TO_POINTER (added links) */
  GPtrArray *watches;   /* PrStoreWatch, as the write found them */
  GPtrArray *deltas;    /* PrStoreDelta, parallel */
  guint64 gen;
  gint64 unread_delta;  /* added to counts.unread at the commit */
  gboolean big_cache;   /* the writer's cache was grown for it: shrunk at the end */
  Notice *notice;
} WriteTxn;

gboolean pr_store_txn_begin          (PrStore   *self,
                                      WriteTxn  *txn,
                                      GError   **error);
gboolean pr_store_txn_commit         (WriteTxn  *txn,
                                      GError   **error);
void     pr_store_txn_rollback       (WriteTxn  *txn);
gboolean pr_store_txn_watches_before (WriteTxn  *txn,
                                      GArray    *content,
                                      GArray    *state,
                                      GError   **error);
gboolean pr_store_txn_watches_after  (WriteTxn  *txn,
                                      GArray    *content,
                                      GArray    *state,
                                      GError   **error);
/* The groups of releases stored before changed: the lists of one row per
 * group count again (their rows can leave and enter anywhere). */
void     pr_store_txn_reset_grouped  (WriteTxn  *txn);
gboolean pr_store_require_release    (PrStore   *self,
                                      gint64     id,
                                      GError   **error);

void     pr_store_write_lock  (PrStore   *self);
/* A big import: the writer's page cache grows to PR_STORE_WRITER_BIG_CACHE
 * until the last import that asked for it ends. At a million releases
 * each write inserts into a few hundred MB of randomly keyed indexes: with
 * their pages kept, importing releases 1,000,000-1,099,999 spent a quarter
 * less time in the kernel (fewer pages spilled to the WAL and read back);
 * its wall time, 57-72 s against 64-67 s, was within this machine's noise. */
void     pr_store_set_bulk    (PrStore   *self,
                               gboolean   bulk);
gboolean pr_store_plain_begin (PrStore   *self,
                               GError   **error);
gboolean pr_store_plain_end   (PrStore   *self,
                               gboolean   ok,
                               GError   **error);

/* ---- watches: pr-store-watches.c -------------------------------------- */

typedef struct _PrStoreSaved PrStoreSaved;

void     pr_store_saved_free     (PrStoreSaved *saved);
/* In a write's transaction: the releases @changed (gint64 ids, added or
 * with new text) matched against every watch again; the notifying
 * watches' matches among @added (new to the library, a part of @changed)
 * appended to @hits (PrWatchHits), when not NULL. */
gboolean pr_store_watches_match  (PrStore      *self,
                                  GArray       *changed,
                                  GArray       *added,
                                  GPtrArray    *hits,
                                  GError      **error);

/* ---- copies: pr-store-group.c ---------------------------------------- */

/* Inside a write transaction, once @rows are written: groups the new ones
 * and stores the sketches; the ids whose group changed go to @changed. */
gboolean pr_store_group_rows   (PrStore    *self,
                                GPtrArray  *rows,
                                GArray     *changed,
                                GError    **error);
/* Inside a write transaction, before release @id is deleted. */
gboolean pr_store_group_forget (PrStore    *self,
                                gint64      id,
                                GArray     *changed,
                                GError    **error);

/* Inside a write transaction: @ids and the other members of their groups
 * (a new array), as read and bookmarked apply to a whole group. */
GArray  *pr_store_group_expand (PrStore    *self,
                                GArray     *ids,
                                GError    **error);

/* ---- reads: pr-store-read.c ------------------------------------------ */

/* The reader for the calling thread: the owner's snapshot or the
 * background connection (pr-store-read.c). */
Conn           *pr_store_reader_lock    (PrStore        *self);
void            pr_store_reader_unlock  (PrStore        *self,
                                         Conn           *conn);

/* Query SQL. */
const char *pr_store_sql_from        (PrQuerySql *sql);
char       *pr_store_sql_where       (PrQuerySql *sql);
void        pr_store_bind_query      (sqlite3_stmt *stmt,
                                      PrQuerySql   *sql);
PrSort      pr_store_effective_sort  (PrQuerySql *sql,
                                      PrSort      sort);
const char *pr_store_sql_order       (PrQuerySql *sql,
                                     PrSort      sort);
const char *pr_store_sql_id          (PrQuerySql *sql);

/* List positions. */
gboolean    pr_store_watch_positions (Conn         *conn,
                                      PrStoreWatch *watch,
                                      GArray       *ids,
                                      GArray       *positions,
                                      GArray       *found_ids,
                                      gboolean     *reset,
                                      GError      **error);

/* Reads. */
gboolean    pr_store_count_sql       (Conn       *conn,
                                      PrQuerySql *sql,
                                      gint64     *count,
                                      GError    **error);
/* Steps @stmt to its end, its first column's ids in order; *rc is the
 * last step's code (SQLITE_DONE when all went well). */
GArray     *pr_store_step_ids        (sqlite3_stmt *stmt,
                                      int          *rc);
GArray     *pr_store_select_ids      (Conn       *conn,
                                      PrQuerySql *sql,
                                      PrSort      sort,
                                      guint       offset,
                                      guint       limit,
                                      GError    **error);

/* ---- watches: pr-store-watch.c --------------------------------------- */

PrStoreWatch *pr_store_watch_ref   (PrStoreWatch *watch);
void          pr_store_watch_unref (PrStoreWatch *watch);
/* Whether lists (a window's) follow the store's changes; any thread. */
gboolean      pr_store_is_watched  (PrStore      *self);

/* ---- words matched once: pr-store-matches.c -------------------------- */

void          pr_store_id_set_free      (PrIdSet     *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrIdSet, pr_store_id_set_free)
/* @ids as a set for pr_has (); NULL when one is not an id a set holds
 * (ids below 2^28). */
PrIdSet      *pr_store_id_set_new_ids   (GArray      *ids);
gboolean      pr_store_id_set_has       (PrIdSet     *set,
                                         gint64       id);
/* Binds @set as parameter @index of @stmt, for pr_has (); @set must
 * outlive the statement's run. */
void          pr_store_bind_id_set      (sqlite3_stmt *stmt,
                                         int           index,
                                         PrIdSet      *set);
/* Drops the sets kept on @conn. */
void          pr_store_matches_clear    (Conn        *conn);
/* Adds pr_matches () to @conn's SQL. */
gboolean      pr_store_matches_register (Conn        *conn,
                                         GError     **error);
/* The count of @sql (which has words) from the sets of its words and its
 * filter; *done FALSE (and TRUE returned) when the filter is not worth
 * reading as a set and the matches are to be looked up instead. */
gboolean      pr_store_matches_count    (Conn        *conn,
                                         PrQuerySql  *sql,
                                         gint64      *count,
                                         gboolean    *done,
                                         GError     **error);
/* The ids at [offset, offset + limit) of @sql (with words) sorted by
 * @sort (not relevance), from the same sets; *done FALSE when they are
 * not to be had that way (the result is then to be ignored). NULL on an
 * error. */
GArray       *pr_store_matches_select_ids (Conn       *conn,
                                           PrQuerySql *sql,
                                           PrSort      sort,
                                           guint       offset,
                                           guint       limit,
                                           gboolean   *done,
                                           GError    **error);
/* The first @limit ids of @sql (words with a prefix, "comp*", and any
 * filter) sorted by @sort (not relevance), found without FTS5's list of
 * the matches and without the count; *done FALSE (an empty array
 * returned) when the query is not such or its rows are too sparse for
 * that. Fewer than @limit ids: they are all the list. NULL on an error. */
GArray       *pr_store_matches_quick_page (Conn       *conn,
                                           PrQuerySql *sql,
                                           PrSort      sort,
                                           guint       limit,
                                           gboolean   *done,
                                           GError    **error);
/* The same for words FTS5 lists quickly with a filter too broad to read
 * as a set: the sort's index walked, each row tested against the words'
 * matches, then the filter (pr-store-matches.c). */
GArray       *pr_store_matches_walk_first (Conn       *conn,
                                           PrQuerySql *sql,
                                           PrSort      sort,
                                           guint       limit,
                                           gboolean   *done,
                                           GError    **error);
/* The index @sort reads its rows in order from. */
const char   *pr_store_sort_index        (PrSort      sort);
/* SQL's pr_quick_has (terms, text, …) (pr-store-quick.c). */
void          pr_store_quick_has_func    (sqlite3_context  *context,
                                          int               argc,
                                          sqlite3_value   **argv);

G_END_DECLS
