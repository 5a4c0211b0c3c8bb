/* pr-fetcher.h: fetching feeds and release pages over HTTP
 *
 * One PrFetcher owns one SoupSession, so every fetch shares its per-host
 * limit (2 connections), its timeouts and its User-Agent. The session runs
 * on the thread-default main context of the thread that created the
 * fetcher: make it, call it and let its callbacks run in that one thread
 * (the main thread or a worker thread with its own context pushed); it
 * never blocks. Nothing a server sends is trusted: redirects are followed
 * here, at most 10, only to http and https, and loops are refused; bodies
 * are read as a stream and capped after decompression; TLS errors are
 * never ignored. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PR_FETCH_ERROR (pr_fetch_error_quark ())
GQuark pr_fetch_error_quark (void);

typedef enum {
  PR_FETCH_ERROR_INVALID_URL,         /* not an http or https address */
  PR_FETCH_ERROR_HTTP,                /* a 4xx or 5xx status (not 410, 429 or 503) */
  PR_FETCH_ERROR_BUSY,                /* 429 or 503: see retry_after */
  PR_FETCH_ERROR_GONE,                /* 410 */
  PR_FETCH_ERROR_TOO_MANY_REDIRECTS,  /* more than PR_FETCH_MAX_REDIRECTS */
  PR_FETCH_ERROR_REDIRECT_LOOP,
  PR_FETCH_ERROR_BAD_REDIRECT,        /* no Location, or not http/https */
  PR_FETCH_ERROR_TOO_LARGE,           /* the body passed max-body-size */
  PR_FETCH_ERROR_TIMED_OUT,           /* no answer within the timeout, or past the deadline */
  PR_FETCH_ERROR_TLS,                 /* the certificate is not trusted, or TLS failed */
  PR_FETCH_ERROR_UNREACHABLE,         /* name not resolved, connection refused, no route */
  PR_FETCH_ERROR_NETWORK,             /* another failure of the connection */
} PrFetchError;

#define PR_FETCH_MAX_REDIRECTS 10
#define PR_FETCH_DEFAULT_TIMEOUT 30                     /* seconds */
#define PR_FETCH_DEFAULT_DEADLINE 300                   /* seconds */
#define PR_FETCH_DEFAULT_MAX_BODY (16 * 1024 * 1024)    /* bytes, decompressed */

/* What one fetch gave. Always a result unless the fetch was cancelled:
 * error says what went wrong in words the window shows per feed. */
typedef struct {
  char *url;              /* as asked */
  char *final_url;        /* after the redirects followed */
  char *moved_to;         /* the new address after a chain of only 301/308 that ended in
                           * success (2xx or 304); NULL otherwise */
  guint redirects;        /* how many were followed */
  guint status;           /* the last HTTP status; 0 when none arrived */
  gboolean not_modified;  /* 304: no body was read */
  gboolean gone;          /* 410: poll no more */
  GBytes *body;           /* the decoded body of a 2xx; NULL otherwise */
  char *content_type;     /* lower-case media type ("application/rss+xml"), or NULL */
  char *charset;          /* from Content-Type, or NULL */
  char *etag;             /* the new validators, NULL when not sent */
  char *last_modified;
  gint64 max_age;         /* Cache-Control max-age in seconds, -1 for none */
  gint64 retry_after;     /* Retry-After of a 429 or 503 in seconds from now, -1 for none */
  guint http_version;     /* of the last response: 10, 11 or 20 (HTTP/2, which libsoup
                           * takes through TLS ALPN where the server offers it) */
  GError *error;          /* NULL on success (2xx or 304) */
} PrFetchResult;

#define PR_TYPE_FETCH_RESULT (pr_fetch_result_get_type ())
GType          pr_fetch_result_get_type (void);
PrFetchResult *pr_fetch_result_ref      (PrFetchResult *result);
void           pr_fetch_result_unref    (PrFetchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrFetchResult, pr_fetch_result_unref)

#define PR_TYPE_FETCHER (pr_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (PrFetcher, pr_fetcher, PR, FETCHER, GObject)

PrFetcher     *pr_fetcher_new                (void);

/* Properties (all readable and writable; a change applies to the next
 * connections and fetches):
 *   "timeout"        guint   seconds to connect and between two reads (30)
 *   "deadline"       guint   seconds for a whole fetch, redirects and body
 *                            included (300; 0 for none): a server that drips
 *                            does not hold a refresh forever
 *   "max-body-size"  guint64 bytes of decoded body (16 MB)
 *   "user-agent"     char*   "PressReader/VERSION (+WEBSITE)" */
guint          pr_fetcher_get_timeout        (PrFetcher *self);
void           pr_fetcher_set_timeout        (PrFetcher *self,
                                              guint      seconds);
guint          pr_fetcher_get_deadline       (PrFetcher *self);
void           pr_fetcher_set_deadline       (PrFetcher *self,
                                              guint      seconds);
guint64        pr_fetcher_get_max_body_size  (PrFetcher *self);
void           pr_fetcher_set_max_body_size  (PrFetcher *self,
                                              guint64    bytes);
const char    *pr_fetcher_get_user_agent     (PrFetcher *self);
/* The certificates trusted instead of the system's (a private CA, and the
 * tests' own): TLS errors are still never ignored. */
void           pr_fetcher_set_tls_database   (PrFetcher    *self,
                                              GTlsDatabase *database);

/* Fetches a feed: a conditional GET when etag or last_modified (from the
 * last result) is given. Accepts the feed types first. */
void           pr_fetcher_fetch_async        (PrFetcher            *self,
                                              const char           *url,
                                              const char           *etag,
                                              const char           *last_modified,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* NULL with G_IO_ERROR_CANCELLED only when cancelled; otherwise a result,
 * whose error field tells a failure. */
PrFetchResult *pr_fetcher_fetch_finish       (PrFetcher            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Fetches a release page (HTML first in Accept), through the same session
 * and per-host limit; finish with pr_fetcher_fetch_finish(). */
void           pr_fetcher_fetch_page_async   (PrFetcher            *self,
                                              const char           *url,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);

G_END_DECLS
