/* feed-server.h: a loopback HTTP server for the tests that fetch
 *
 * A SoupServer on 127.0.0.1 at a free port, in the test's thread-default
 * main context (feed_server_new(): the test runs its main loop while
 * fetching) or in a thread of its own (feed_server_new_threaded(): for a
 * test that waits in another way, as on a child process). Routes are
 * registered by path (an exact path; the query is ignored) and may be
 * changed while it runs; a path without a route is a 404. The server
 * counts the requests per path, the responses that carried a body, keeps
 * the headers of the last request per path and the peak of requests in
 * flight at once. Conditional GET is built in: a 200 route with an ETag or
 * Last-Modified header answers 304 without a body when the request's
 * If-None-Match or If-Modified-Since matches it. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _FeedServer FeedServer;

/* Answers a request of a handler route; runs in the server's context. The
 * handler may pause the message and answer later. */
typedef void (*FeedServerHandler) (FeedServer        *server,
                                   SoupServerMessage *msg,
                                   gpointer           user_data);

FeedServer *feed_server_new            (void);
FeedServer *feed_server_new_threaded   (void);
/* HTTPS with the certificate and key of pem_file (in the thread-default
 * context), e.g. the self-signed tests/data/feed-server-self-signed.pem. */
FeedServer *feed_server_new_https      (const char  *pem_file);
/* Stops the server (open connections are closed) and frees it. */
void        feed_server_free           (FeedServer  *server);
/* "http://127.0.0.1:PORT" + path (https for feed_server_new_https()). */
char       *feed_server_url            (FeedServer  *server,
                                        const char  *path);
GMainContext *feed_server_get_context  (FeedServer  *server);

/* A fixed answer: status, Content-Type (may be NULL) and body (len -1 for
 * a string). Replaces any route at path. */
void        feed_server_add            (FeedServer  *server,
                                        const char  *path,
                                        guint        status,
                                        const char  *content_type,
                                        const char  *body,
                                        gssize       len);
/* A header added to the answer of the route at path. */
void        feed_server_add_header     (FeedServer  *server,
                                        const char  *path,
                                        const char  *name,
                                        const char  *value);
/* A redirect: status (301, 302, 307, 308...) with Location: location. */
void        feed_server_add_redirect   (FeedServer  *server,
                                        const char  *path,
                                        guint        status,
                                        const char  *location);
/* The route's body is sent gzip-encoded (Content-Encoding: gzip). */
void        feed_server_set_gzip       (FeedServer  *server,
                                        const char  *path,
                                        gboolean     gzip);
/* The route answers after ms milliseconds. */
void        feed_server_set_delay      (FeedServer  *server,
                                        const char  *path,
                                        guint        ms);
/* Accepts the request and never answers. */
void        feed_server_add_hang       (FeedServer  *server,
                                        const char  *path);
/* A 200 whose body is n_bytes of generated text, sent in chunks as the
 * client reads (never built in memory). */
void        feed_server_add_stream     (FeedServer  *server,
                                        const char  *path,
                                        guint64      n_bytes);
/* A 200 whose gzip body is small and inflates to n_bytes of zeros. */
void        feed_server_add_gzip_bomb  (FeedServer  *server,
                                        const char  *path,
                                        guint64      n_bytes);
void        feed_server_add_handler    (FeedServer        *server,
                                        const char        *path,
                                        FeedServerHandler  handler,
                                        gpointer           user_data,
                                        GDestroyNotify     destroy);

/* What the server saw (safe from any thread). */
guint       feed_server_count          (FeedServer  *server,
                                        const char  *path);
guint       feed_server_bodies         (FeedServer  *server,
                                        const char  *path);
/* A header of the last request to path, or NULL. */
char       *feed_server_request_header (FeedServer  *server,
                                        const char  *path,
                                        const char  *name);
guint       feed_server_peak           (FeedServer  *server);
/* Requests to every path (and 404s). */
guint       feed_server_total          (FeedServer  *server);

/* gzip of data (len -1 for a string). */
GBytes     *feed_server_gzip           (const char  *data,
                                        gssize       len);

G_END_DECLS
