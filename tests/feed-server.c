/* feed-server.c: a loopback HTTP server for the tests that fetch (feed-server.h) */
#include <string.h>

#include "feed-server.h"

#define STREAM_CHUNK (64 * 1024)

typedef enum {
  ROUTE_FIXED,
  ROUTE_HANG,
  ROUTE_STREAM,
  ROUTE_HANDLER,
} RouteKind;

typedef struct {
  RouteKind kind;
  guint status;
  char *content_type;
  GBytes *body;
  GPtrArray *headers;           /* name, value, name, value... */
  gboolean gzip;                /* encode the body */
  gboolean encoded;             /* the body is gzip already */
  guint delay_ms;
  guint64 stream_bytes;
  FeedServerHandler handler;
  gpointer user_data;
  GDestroyNotify destroy;
} Route;

typedef struct {
  guint requests;
  guint bodies;
  GHashTable *last_headers;     /* lower-case name -> value */
} PathStats;

struct _FeedServer
{
  GMutex lock;
  GHashTable *routes;           /* path -> Route */
  GHashTable *stats;            /* path -> PathStats */
  guint in_flight;
  guint peak;
  guint total;

  SoupServer *server;
  GMainContext *context;
  guint port;
  GTlsCertificate *certificate;  /* HTTPS when set */
  GSList *timers;               /* GSource, delayed answers */

  GThread *thread;
  GMainLoop *loop;
  GMutex ready_lock;
  GCond ready_cond;
  gboolean ready;
};

static void
route_free (Route *route)
{
  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->headers, g_ptr_array_unref);
  if (route->destroy != NULL)
    route->destroy (route->user_data);
  g_free (route);
}

static void
path_stats_free (PathStats *stats)
{
  g_clear_pointer (&stats->last_headers, g_hash_table_unref);
  g_free (stats);
}

GBytes *
feed_server_gzip (const char *data,
                  gssize      len)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (zlib));

  if (len < 0)
    len = strlen (data);
  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GBytes *
gzip_zeros (guint64 n_bytes)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (zlib));
  g_autofree char *zeros = g_malloc0 (1024 * 1024);

  for (guint64 done = 0; done < n_bytes; done += 1024 * 1024)
    g_assert_true (g_output_stream_write_all (out, zeros, MIN (1024 * 1024, n_bytes - done),
                                              NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* ---- answering ---- */

typedef struct {
  FeedServer *server;
  guint64 left;
} StreamState;

static void
stream_next_chunk (SoupServerMessage *msg,
                   gpointer           user_data)
{
  static char text[STREAM_CHUNK];
  StreamState *state = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize n = MIN (state->left, (guint64) STREAM_CHUNK);

  if (text[0] == '\0')
    for (gsize i = 0; i < sizeof text; i++)
      text[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
  if (n == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  soup_message_body_append (body, SOUP_MEMORY_STATIC, text, n);
  state->left -= n;
}

typedef struct {
  SoupServerMessage *msg;
  gboolean finished;
} Delayed;

static void
message_finished (SoupServerMessage *msg,
                  gpointer           user_data)
{
  FeedServer *server = user_data;

  g_mutex_lock (&server->lock);
  server->in_flight--;
  g_mutex_unlock (&server->lock);
}

static void
delayed_finished (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Delayed *delayed = user_data;

  delayed->finished = TRUE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_signal_handlers_disconnect_by_func (delayed->msg, delayed_finished, delayed);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  if (!delayed->finished)
    soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static void
count_body (FeedServer *self,
            const char *path)
{
  PathStats *stats;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  stats->bodies++;
  g_mutex_unlock (&self->lock);
}

static gboolean
not_modified (SoupMessageHeaders *request,
              const char         *etag,
              const char         *last_modified)
{
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  if (etag != NULL && inm != NULL)
    return g_str_equal (inm, etag);
  return last_modified != NULL && ims != NULL && g_str_equal (ims, last_modified);
}

static void
answer_fixed (FeedServer        *self,
              SoupServerMessage *msg,
              const char        *path,
              Route             *route)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *etag = NULL;
  const char *last_modified = NULL;
  g_autoptr(GBytes) body = NULL;

  for (guint i = 0; route->headers != NULL && i + 1 < route->headers->len; i += 2)
    {
      const char *name = g_ptr_array_index (route->headers, i);
      const char *value = g_ptr_array_index (route->headers, i + 1);

      soup_message_headers_append (headers, name, value);
      if (g_ascii_strcasecmp (name, "ETag") == 0)
        etag = value;
      else if (g_ascii_strcasecmp (name, "Last-Modified") == 0)
        last_modified = value;
    }
  if (route->status == SOUP_STATUS_OK
      && not_modified (soup_server_message_get_request_headers (msg), etag, last_modified))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, route->status, NULL);
  if (route->body == NULL)
    return;
  if (route->gzip && !route->encoded)
    body = feed_server_gzip (g_bytes_get_data (route->body, NULL), g_bytes_get_size (route->body));
  else
    body = g_bytes_ref (route->body);
  if (route->gzip || route->encoded)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_server_message_set_response (msg, route->content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (g_bytes_get_size (body) > 0)
    count_body (self, path);
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FeedServer *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  PathStats *stats;
  Route *route;
  Route copy;

  g_mutex_lock (&self->lock);
  self->total++;
  self->in_flight++;
  self->peak = MAX (self->peak, self->in_flight);
  stats = g_hash_table_lookup (self->stats, path);
  if (stats == NULL)
    {
      stats = g_new0 (PathStats, 1);
      g_hash_table_insert (self->stats, g_strdup (path), stats);
    }
  stats->requests++;
  g_clear_pointer (&stats->last_headers, g_hash_table_unref);
  stats->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_iter_init (&iter, request);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_replace (stats->last_headers, g_ascii_strdown (name, -1), g_strdup (value));
  /* A shallow copy with its own references: the route may be replaced
   * while this answer is made. */
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    {
      copy = *route;
      copy.content_type = g_strdup (route->content_type);
      copy.body = route->body != NULL ? g_bytes_ref (route->body) : NULL;
      copy.headers = route->headers != NULL ? g_ptr_array_ref (route->headers) : NULL;
      copy.destroy = NULL;
    }
  g_mutex_unlock (&self->lock);

  g_signal_connect (msg, "finished", G_CALLBACK (message_finished), self);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  switch (copy.kind)
    {
    case ROUTE_FIXED:
      answer_fixed (self, msg, path, &copy);
      break;
    case ROUTE_HANG:
      soup_server_message_pause (msg);
      break;
    case ROUTE_STREAM:
      {
        StreamState *state = g_new0 (StreamState, 1);
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

        state->server = self;
        state->left = copy.stream_bytes;
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type (headers, "application/rss+xml", NULL);
        /* Written chunks are dropped, so the body is never all in memory. */
        soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
        g_signal_connect (msg, "wrote-headers", G_CALLBACK (stream_next_chunk), state);
        g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_next_chunk), state);
        g_object_set_data_full (G_OBJECT (msg), "feed-server-stream", state, g_free);
        count_body (self, path);
      }
      break;
    case ROUTE_HANDLER:
      copy.handler (self, msg, copy.user_data);
      break;
    default:
      g_assert_not_reached ();
    }

  if (copy.delay_ms > 0 && (copy.kind == ROUTE_FIXED || copy.kind == ROUTE_STREAM))
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (copy.delay_ms);

      delayed->msg = g_object_ref (msg);
      g_signal_connect (msg, "finished", G_CALLBACK (delayed_finished), delayed);
      soup_server_message_pause (msg);
      g_source_set_callback (source, delay_done_cb, delayed, delayed_free);
      g_source_attach (source, self->context);
      self->timers = g_slist_prepend (self->timers, source);
    }

  g_free (copy.content_type);
  g_clear_pointer (&copy.body, g_bytes_unref);
  g_clear_pointer (&copy.headers, g_ptr_array_unref);
}

/* ---- starting and stopping ---- */

static void
server_start (FeedServer *self)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  if (self->certificate != NULL)
    soup_server_set_tls_certificate (self->server, self->certificate);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY
                            | (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
server_stop (FeedServer *self)
{
  for (GSList *l = self->timers; l != NULL; l = l->next)
    {
      g_source_destroy (l->data);
      g_source_unref (l->data);
    }
  g_clear_pointer (&self->timers, g_slist_free);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

static FeedServer *
feed_server_alloc (void)
{
  FeedServer *self = g_new0 (FeedServer, 1);

  g_mutex_init (&self->lock);
  g_mutex_init (&self->ready_lock);
  g_cond_init (&self->ready_cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) route_free);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) path_stats_free);
  return self;
}

FeedServer *
feed_server_new (void)
{
  FeedServer *self = feed_server_alloc ();

  self->context = g_main_context_ref_thread_default ();
  server_start (self);
  return self;
}

FeedServer *
feed_server_new_https (const char *pem_file)
{
  FeedServer *self = feed_server_alloc ();
  g_autoptr(GError) error = NULL;

  self->certificate = g_tls_certificate_new_from_file (pem_file, &error);
  g_assert_no_error (error);
  self->context = g_main_context_ref_thread_default ();
  server_start (self);
  return self;
}

static gpointer
server_thread (gpointer data)
{
  FeedServer *self = data;

  g_main_context_push_thread_default (self->context);
  server_start (self);
  g_mutex_lock (&self->ready_lock);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_lock);

  g_main_loop_run (self->loop);

  server_stop (self);
  /* Let the closed connections finish their business. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

FeedServer *
feed_server_new_threaded (void)
{
  FeedServer *self = feed_server_alloc ();

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("feed-server", server_thread, self);
  g_mutex_lock (&self->ready_lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_lock);
  g_mutex_unlock (&self->ready_lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
feed_server_free (FeedServer *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (self->thread);
      g_main_loop_unref (self->loop);
    }
  else
    {
      server_stop (self);
      while (g_main_context_iteration (self->context, FALSE))
        ;
    }
  g_main_context_unref (self->context);
  g_clear_object (&self->certificate);
  g_hash_table_unref (self->routes);
  g_hash_table_unref (self->stats);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->ready_lock);
  g_cond_clear (&self->ready_cond);
  g_free (self);
}

char *
feed_server_url (FeedServer *self,
                 const char *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->certificate != NULL ? "https" : "http",
                          self->port, path);
}

GMainContext *
feed_server_get_context (FeedServer *self)
{
  return self->context;
}

/* ---- routes ---- */

static Route *
route_add (FeedServer *self,
           const char *path,
           RouteKind   kind)
{
  Route *route = g_new0 (Route, 1);

  route->kind = kind;
  route->status = SOUP_STATUS_OK;
  route->headers = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  return route;
}

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

static Route *
route_get (FeedServer *self,
           const char *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  g_assert_nonnull (route);
  return route;
}

void
feed_server_add (FeedServer *self,
                 const char *path,
                 guint       status,
                 const char *content_type,
                 const char *body,
                 gssize      len)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = route_add (self, path, ROUTE_FIXED);
  route->status = status;
  route->content_type = g_strdup (content_type);
  if (body != NULL)
    route->body = g_bytes_new (body, len < 0 ? strlen (body) : (gsize) len);
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_header (FeedServer *self,
                        const char *path,
                        const char *name,
                        const char *value)
{
  GPtrArray *old;
  Route *route;

  g_mutex_lock (&self->lock);
  route = route_get (self, path);
  /* A new array: an answer being made may hold the old one. */
  old = route->headers;
  route->headers = g_ptr_array_copy (old, copy_string, NULL);
  g_ptr_array_set_free_func (route->headers, g_free);
  g_ptr_array_unref (old);
  g_ptr_array_add (route->headers, g_strdup (name));
  g_ptr_array_add (route->headers, g_strdup (value));
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_redirect (FeedServer *self,
                          const char *path,
                          guint       status,
                          const char *location)
{
  feed_server_add (self, path, status, NULL, NULL, 0);
  feed_server_add_header (self, path, "Location", location);
}

void
feed_server_set_gzip (FeedServer *self,
                      const char *path,
                      gboolean    gzip)
{
  g_mutex_lock (&self->lock);
  route_get (self, path)->gzip = gzip;
  g_mutex_unlock (&self->lock);
}

void
feed_server_set_delay (FeedServer *self,
                       const char *path,
                       guint       ms)
{
  g_mutex_lock (&self->lock);
  route_get (self, path)->delay_ms = ms;
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_hang (FeedServer *self,
                      const char *path)
{
  g_mutex_lock (&self->lock);
  route_add (self, path, ROUTE_HANG);
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_stream (FeedServer *self,
                        const char *path,
                        guint64     n_bytes)
{
  g_mutex_lock (&self->lock);
  route_add (self, path, ROUTE_STREAM)->stream_bytes = n_bytes;
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_gzip_bomb (FeedServer *self,
                           const char *path,
                           guint64     n_bytes)
{
  GBytes *body = gzip_zeros (n_bytes);
  Route *route;

  g_mutex_lock (&self->lock);
  route = route_add (self, path, ROUTE_FIXED);
  route->content_type = g_strdup ("application/rss+xml");
  route->body = body;
  route->encoded = TRUE;
  g_mutex_unlock (&self->lock);
}

void
feed_server_add_handler (FeedServer        *self,
                         const char        *path,
                         FeedServerHandler  handler,
                         gpointer           user_data,
                         GDestroyNotify     destroy)
{
  Route *route;

  g_mutex_lock (&self->lock);
  route = route_add (self, path, ROUTE_HANDLER);
  route->handler = handler;
  route->user_data = user_data;
  route->destroy = destroy;
  g_mutex_unlock (&self->lock);
}

/* ---- what it saw ---- */

guint
feed_server_count (FeedServer *self,
                   const char *path)
{
  PathStats *stats;
  guint n;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  n = stats != NULL ? stats->requests : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
feed_server_bodies (FeedServer *self,
                    const char *path)
{
  PathStats *stats;
  guint n;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  n = stats != NULL ? stats->bodies : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
feed_server_request_header (FeedServer *self,
                            const char *path,
                            const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  PathStats *stats;
  char *value = NULL;

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->stats, path);
  if (stats != NULL && stats->last_headers != NULL)
    value = g_strdup (g_hash_table_lookup (stats->last_headers, key));
  g_mutex_unlock (&self->lock);
  return value;
}

guint
feed_server_peak (FeedServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->peak;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
feed_server_total (FeedServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->total;
  g_mutex_unlock (&self->lock);
  return n;
}
