/* pr-fetcher.c: fetching feeds and release pages over HTTP
 *
 * A fetch is a chain of hops, each a SoupMessage sent with
 * SOUP_MESSAGE_NO_REDIRECT: following redirects here is what lets the
 * fetcher cap them, see loops, refuse targets that are not http or https
 * and know whether every hop was permanent (301/308, which moves the
 * subscription). The last response's body is read as a stream in chunks
 * into a buffer that never grows past the cap, so a 1 GB body or a gzip
 * bomb (libsoup's content decoder inflates before the cap is counted)
 * costs at most the cap. A body that is not wanted (redirects, errors,
 * 304) is never read: its stream is closed, which drops the connection
 * rather than reading on. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "pr-fetcher.h"

#define READ_CHUNK (64 * 1024)
/* Fetching is background work: its I/O and callbacks run after the
 * window's redraws (GDK's G_PRIORITY_HIGH_IDLE + 20), so that hundreds of
 * feeds and release pages arriving never hold a frame back. */
#define FETCH_PRIORITY G_PRIORITY_LOW
/* Validators longer than this, or with bytes outside printable ASCII, are
 * not kept: they go back to the server in a header. */
#define MAX_VALIDATOR 512
#define MAX_RETRY_AFTER G_MAXINT32
#define MAX_MAX_AGE (366 * 24 * 3600)
#define STATUS_TOO_MANY_REQUESTS 429     /* not in libsoup 3.2's SoupStatus */

#define FEED_ACCEPT "application/rss+xml, application/atom+xml, application/feed+json, " \
                    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, " \
                    "application/json;q=0.7, */*;q=0.5"
#define PAGE_ACCEPT "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"

typedef enum {
  FETCH_FEED,
  FETCH_PAGE,
} FetchKind;

struct _PrFetcher
{
  GObject parent_instance;

  SoupSession *session;
  char *user_agent;
  guint timeout;
  guint deadline;
  guint64 max_body_size;
};

G_DEFINE_FINAL_TYPE (PrFetcher, pr_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_BODY_SIZE,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (pr-fetch-error-quark, pr_fetch_error)

/* ---- results ---- */

static void
fetch_result_clear (PrFetchResult *result)
{
  g_free (result->url);
  g_free (result->final_url);
  g_free (result->moved_to);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->charset);
  g_free (result->etag);
  g_free (result->last_modified);
  g_clear_error (&result->error);
}

PrFetchResult *
pr_fetch_result_ref (PrFetchResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
pr_fetch_result_unref (PrFetchResult *result)
{
  g_atomic_rc_box_release_full (result, (GDestroyNotify) fetch_result_clear);
}

G_DEFINE_BOXED_TYPE (PrFetchResult, pr_fetch_result, pr_fetch_result_ref, pr_fetch_result_unref)

static PrFetchResult *
fetch_result_new (const char *url)
{
  PrFetchResult *result = g_atomic_rc_box_new0 (PrFetchResult);

  result->url = g_strdup (url);
  result->max_age = -1;
  result->retry_after = -1;
  return result;
}

/* ---- headers ---- */

static gboolean
validator_ok (const char *value)
{
  gsize n = 0;

  if (value == NULL || *value == '\0')
    return FALSE;
  for (const char *p = value; *p; p++, n++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e || n >= MAX_VALIDATOR)
      return FALSE;
  return TRUE;
}

static char *
header_token (SoupMessageHeaders *headers,
              const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  return validator_ok (value) ? g_strstrip (g_strdup (value)) : NULL;
}

static gboolean
token_ok (const char *value,
          gsize       max_len,
          const char *extra)
{
  if (value == NULL || *value == '\0' || strlen (value) > max_len)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static gint64
parse_max_age (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Cache-Control");
  GHashTable *params;
  const char *age;
  guint64 n;
  gint64 max_age = -1;

  if (value == NULL)
    return -1;
  params = soup_header_parse_param_list (value);
  age = g_hash_table_lookup (params, "max-age");
  if (age != NULL && g_ascii_string_to_unsigned (age, 10, 0, G_MAXUINT64, &n, NULL))
    max_age = MIN (n, MAX_MAX_AGE);
  soup_header_free_param_list (params);
  return max_age;
}

/* Retry-After is delta-seconds or an HTTP-date (RFC 9110, 10.2.3). */
static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) date = NULL;
  guint64 n;
  gint64 delta;

  if (value == NULL)
    return -1;
  copy = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT64, &n, NULL))
    return MIN (n, MAX_RETRY_AFTER);
  date = soup_date_time_new_from_http_string (copy);
  if (date == NULL)
    return -1;
  delta = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;
  return CLAMP (delta, 0, MAX_RETRY_AFTER);
}

/* "2 minutes", for the messages: rounded up to the unit shown. */
static char *
format_duration (gint64 seconds)
{
  gint64 n;

  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds",
                                         (gulong) seconds),
                            (guint) seconds);
  if (seconds < 3600)
    {
      n = (seconds + 59) / 60;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", (gulong) n),
                              (guint) n);
    }
  if (seconds < 2 * 86400)
    {
      n = (seconds + 3599) / 3600;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", (gulong) n),
                              (guint) n);
    }
  n = MIN ((seconds + 86399) / 86400, G_MAXUINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", (gulong) n),
                          (guint) n);
}

static char *
format_size (guint64 bytes)
{
  if (bytes % (1024 * 1024) == 0)
    /* Translators: a size in megabytes, as in "larger than 16 MB". */
    return g_strdup_printf (_("%u MB"), (guint) (bytes / (1024 * 1024)));
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* ---- one fetch ---- */

typedef struct {
  PrFetcher *fetcher;           /* the task's source object */
  FetchKind kind;
  char *etag;
  char *last_modified;
  GUri *uri;                    /* the hop being fetched */
  GHashTable *seen;             /* every address asked, for loops */
  gboolean all_permanent;
  SoupMessage *msg;
  GInputStream *stream;
  GByteArray *buf;             /* the body so far */
  guint8 *chunk;               /* READ_CHUNK bytes a read lands in */
  guint64 max_body_size;
  PrFetchResult *result;
  GCancellable *op_cancel;      /* cancelled by the caller's cancellable or the deadline */
  GCancellable *caller;
  gulong caller_id;
  GSource *deadline;
  guint deadline_seconds;
  gboolean deadline_passed;
} Fetch;

static void
close_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (source), res, NULL);
}

/* Closes without reading the rest (libsoup 3 skips to the end of the
 * message without reading the body and drops the connection). Never the
 * synchronous close of a stream's dispose. */
static void
drop_stream (GInputStream **stream)
{
  if (*stream == NULL)
    return;
  if (!g_input_stream_is_closed (*stream))
    g_input_stream_close_async (*stream, FETCH_PRIORITY, NULL, close_done_cb, NULL);
  g_clear_object (stream);
}

static void
fetch_free (Fetch *f)
{
  if (f->caller_id != 0)
    g_cancellable_disconnect (f->caller, f->caller_id);
  g_clear_object (&f->caller);
  if (f->deadline != NULL)
    {
      g_source_destroy (f->deadline);
      g_source_unref (f->deadline);
    }
  drop_stream (&f->stream);
  g_clear_object (&f->msg);
  g_clear_pointer (&f->uri, g_uri_unref);
  g_clear_pointer (&f->seen, g_hash_table_unref);
  g_clear_pointer (&f->buf, g_byte_array_unref);
  g_clear_pointer (&f->chunk, g_free);
  g_clear_pointer (&f->result, pr_fetch_result_unref);
  g_clear_object (&f->op_cancel);
  g_free (f->etag);
  g_free (f->last_modified);
  g_free (f);
}

static void
fetch_return (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  if (f->caller != NULL && g_cancellable_is_cancelled (f->caller))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The fetch was cancelled"));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&f->result),
                         (GDestroyNotify) pr_fetch_result_unref);
}

static void G_GNUC_PRINTF (3, 4)
fetch_fail (GTask        *task,
            PrFetchError  code,
            const char   *format,
            ...)
{
  Fetch *f = g_task_get_task_data (task);
  va_list args;

  va_start (args, format);
  g_clear_error (&f->result->error);
  f->result->error = g_error_new_valist (PR_FETCH_ERROR, code, format, args);
  va_end (args);
  drop_stream (&f->stream);
  fetch_return (task);
}

/* A GError from libsoup or GIO, in words. */
static void
fetch_fail_io (GTask  *task,
               GError *error)
{
  Fetch *f = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && f->deadline_passed)
    {
      g_autofree char *duration = format_duration (f->deadline_seconds);

      fetch_fail (task, PR_FETCH_ERROR_TIMED_OUT,
                  /* Translators: %s is a duration, as "5 minutes". */
                  _("The server took more than %s to answer: stopped"), duration);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && f->caller != NULL && g_cancellable_is_cancelled (f->caller))
    fetch_return (task);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      guint timeout = f->fetcher->timeout;

      fetch_fail (task, PR_FETCH_ERROR_TIMED_OUT,
                  g_dngettext (GETTEXT_PACKAGE, "No answer from the server within %u second",
                               "No answer from the server within %u seconds", timeout),
                  timeout);
    }
  else if (error->domain == G_TLS_ERROR && error->code == G_TLS_ERROR_BAD_CERTIFICATE)
    fetch_fail (task, PR_FETCH_ERROR_TLS, _("The server’s certificate is not trusted: %s"),
                error->message);
  else if (error->domain == G_TLS_ERROR)
    fetch_fail (task, PR_FETCH_ERROR_TLS, _("No secure connection to the server: %s"),
                error->message);
  else if (error->domain == G_RESOLVER_ERROR
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    fetch_fail (task, PR_FETCH_ERROR_UNREACHABLE, _("Cannot reach host: %s"), error->message);
  else
    fetch_fail (task, PR_FETCH_ERROR_NETWORK, _("The connection failed: %s"), error->message);
}

static void send_hop (GTask *task);

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &error);

  if (n < 0)
    {
      g_byte_array_set_size (f->buf, 0);
      fetch_fail_io (task, error);
      return;
    }
  /* Read into a chunk and appended: the body grows with what arrives, a
   * page of 2 KB does not cost 64 KB copied. */
  if ((guint64) f->buf->len + (guint64) n > f->max_body_size)
    {
      g_autofree char *size = format_size (f->max_body_size);

      g_byte_array_set_size (f->buf, 0);
      fetch_fail (task, PR_FETCH_ERROR_TOO_LARGE, _("The response is larger than %s"), size);
      return;
    }
  if (n == 0)
    {
      f->result->body = g_byte_array_free_to_bytes (g_steal_pointer (&f->buf));
      g_clear_pointer (&f->chunk, g_free);
      drop_stream (&f->stream);
      fetch_return (task);
      return;
    }
  g_byte_array_append (f->buf, f->chunk, (guint) n);
  g_input_stream_read_async (f->stream, f->chunk,
                             (gsize) MIN ((guint64) READ_CHUNK, f->max_body_size + 1 - f->buf->len),
                             FETCH_PRIORITY, f->op_cancel, read_cb, g_object_ref (task));
}

static void
read_body (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  f->buf = g_byte_array_new ();
  f->chunk = g_malloc (READ_CHUNK);
  g_input_stream_read_async (f->stream, f->chunk,
                             (gsize) MIN ((guint64) READ_CHUNK, f->max_body_size + 1),
                             FETCH_PRIORITY, f->op_cancel, read_cb, g_object_ref (task));
}

static void
follow_redirect (GTask *task,
                 guint  status)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (f->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *key = NULL;
  const char *scheme;

  drop_stream (&f->stream);
  f->result->status = status;
  if (location == NULL || *location == '\0')
    {
      fetch_fail (task, PR_FETCH_ERROR_BAD_REDIRECT,
                  _("A redirect (%u) without a target address"), status);
      return;
    }
  target = g_uri_parse_relative (f->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || g_uri_get_scheme (target) == NULL)
    {
      fetch_fail (task, PR_FETCH_ERROR_BAD_REDIRECT,
                  _("A redirect (%u) to an address that is not valid"), status);
      return;
    }
  scheme = g_uri_get_scheme (target);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (scheme, MIN (strlen (scheme), 32));

      fetch_fail (task, PR_FETCH_ERROR_BAD_REDIRECT,
                  /* Translators: %s is a URI scheme, as "file" or "javascript". */
                  _("A redirect to a “%s:” address is refused: only http and https are followed"),
                  shown);
      return;
    }
  if (g_uri_get_host (target) == NULL || *g_uri_get_host (target) == '\0')
    {
      fetch_fail (task, PR_FETCH_ERROR_BAD_REDIRECT,
                  _("A redirect (%u) to an address without a host"), status);
      return;
    }
  key = g_uri_to_string_partial (target, G_URI_HIDE_FRAGMENT);
  if (g_hash_table_contains (f->seen, key))
    {
      fetch_fail (task, PR_FETCH_ERROR_REDIRECT_LOOP,
                  _("A redirect loop: the server sends the address back to one it came from"));
      return;
    }
  if (f->result->redirects >= PR_FETCH_MAX_REDIRECTS)
    {
      fetch_fail (task, PR_FETCH_ERROR_TOO_MANY_REDIRECTS,
                  _("Too many redirects (more than %u)"), PR_FETCH_MAX_REDIRECTS);
      return;
    }
  f->result->redirects++;
  f->all_permanent = f->all_permanent
                     && (status == SOUP_STATUS_MOVED_PERMANENTLY
                         || status == SOUP_STATUS_PERMANENT_REDIRECT);
  g_hash_table_add (f->seen, g_steal_pointer (&key));
  g_uri_unref (f->uri);
  f->uri = g_steal_pointer (&target);
  send_hop (task);
}

static void
record_response (Fetch *f)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (f->msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  PrFetchResult *result = f->result;

  g_clear_pointer (&result->final_url, g_free);
  result->final_url = g_uri_to_string_partial (f->uri, G_URI_HIDE_FRAGMENT);
  result->status = soup_message_get_status (f->msg);
  switch (soup_message_get_http_version (f->msg))
    {
    case SOUP_HTTP_1_0:
      result->http_version = 10;
      break;
    case SOUP_HTTP_2_0:
      result->http_version = 20;
      break;
    case SOUP_HTTP_1_1:
    default:
      result->http_version = 11;
      break;
    }
  if (token_ok (type, 100, "!#$&^_.+-/"))
    result->content_type = g_ascii_strdown (type, -1);
  if (params != NULL && token_ok (g_hash_table_lookup (params, "charset"), 40, "_.:+-"))
    result->charset = g_strdup (g_hash_table_lookup (params, "charset"));
  result->etag = header_token (headers, "ETag");
  result->last_modified = header_token (headers, "Last-Modified");
  result->max_age = parse_max_age (headers);
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *phrase;
  guint status;

  f->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (f->stream == NULL)
    {
      fetch_fail_io (task, error);
      return;
    }
  status = soup_message_get_status (f->msg);
  /* libsoup's phrases, not the server's: known words in the messages. */
  phrase = status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                                               : soup_status_get_phrase (status);

  switch (status)
    {
    case SOUP_STATUS_MOVED_PERMANENTLY:
    case SOUP_STATUS_FOUND:
    case SOUP_STATUS_SEE_OTHER:
    case SOUP_STATUS_TEMPORARY_REDIRECT:
    case SOUP_STATUS_PERMANENT_REDIRECT:
      follow_redirect (task, status);
      return;
    default:
      break;
    }

  record_response (f);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_NOT_MODIFIED)
    {
      if (f->all_permanent && f->result->redirects > 0)
        f->result->moved_to = g_strdup (f->result->final_url);
      if (status == SOUP_STATUS_NOT_MODIFIED)
        {
          f->result->not_modified = TRUE;
          drop_stream (&f->stream);
          fetch_return (task);
        }
      else
        read_body (task);
      return;
    }

  if (status == SOUP_STATUS_GONE)
    {
      f->result->gone = TRUE;
      if (f->kind == FETCH_FEED)
        fetch_fail (task, PR_FETCH_ERROR_GONE, _("The feed is gone (410): it is no longer polled"));
      else
        fetch_fail (task, PR_FETCH_ERROR_GONE, _("The page is gone (410)"));
    }
  else if (status == STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      f->result->retry_after = parse_retry_after (soup_message_get_response_headers (f->msg));
      if (f->result->retry_after >= 0)
        {
          g_autofree char *when = format_duration (MAX (f->result->retry_after, 1));

          /* Translators: %s is a duration, as "2 minutes". */
          fetch_fail (task, PR_FETCH_ERROR_BUSY, _("The server is busy: try again in %s"), when);
        }
      else
        fetch_fail (task, PR_FETCH_ERROR_BUSY, _("The server is busy: %u %s"), status, phrase);
    }
  else if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    fetch_fail (task, PR_FETCH_ERROR_HTTP, _("The server refused: %u %s"), status, phrase);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    fetch_fail (task, PR_FETCH_ERROR_HTTP, _("The server failed: %u %s"), status, phrase);
  else
    fetch_fail (task, PR_FETCH_ERROR_HTTP, _("An unexpected answer from the server: %u %s"),
                status, phrase);
}

static void
send_hop (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&f->msg);
  f->msg = soup_message_new_from_uri (SOUP_METHOD_GET, f->uri);
  soup_message_add_flags (f->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (f->msg);
  soup_message_headers_replace (headers, "Accept",
                                f->kind == FETCH_FEED ? FEED_ACCEPT : PAGE_ACCEPT);
  /* The validators belong to the address the last fetch ended at: they go
   * with every hop, as a browser's cache would send them there. */
  if (f->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", f->etag);
  if (f->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", f->last_modified);
  soup_session_send_async (f->fetcher->session, f->msg, FETCH_PRIORITY, f->op_cancel,
                           send_cb, g_object_ref (task));
}

static gboolean
deadline_cb (gpointer user_data)
{
  Fetch *f = user_data;

  f->deadline_passed = TRUE;
  g_cancellable_cancel (f->op_cancel);
  g_clear_pointer (&f->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
fetch_start (PrFetcher           *self,
             FetchKind            kind,
             const char          *url,
             const char          *etag,
             const char          *last_modified,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Fetch *f = g_new0 (Fetch, 1);
  const char *scheme;

  g_task_set_priority (task, FETCH_PRIORITY);
  g_task_set_source_tag (task, pr_fetcher_fetch_async);
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);
  f->fetcher = self;
  f->kind = kind;
  f->etag = validator_ok (etag) ? g_strdup (etag) : NULL;
  f->last_modified = validator_ok (last_modified) ? g_strdup (last_modified) : NULL;
  f->all_permanent = TRUE;
  f->max_body_size = self->max_body_size;
  f->result = fetch_result_new (url);
  f->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->op_cancel = g_cancellable_new ();

  f->uri = url != NULL ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  scheme = f->uri != NULL ? g_uri_get_scheme (f->uri) : NULL;
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (f->uri) == NULL || *g_uri_get_host (f->uri) == '\0')
    {
      g_autofree char *shown = g_utf8_make_valid (url != NULL ? url : "", -1);

      fetch_fail (task, PR_FETCH_ERROR_INVALID_URL,
                  /* Translators: %s is what was given as a feed's address. */
                  _("“%s” is not a web address (http or https)"), shown);
      return;
    }
  g_hash_table_add (f->seen, g_uri_to_string_partial (f->uri, G_URI_HIDE_FRAGMENT));

  if (cancellable != NULL)
    {
      f->caller = g_object_ref (cancellable);
      f->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                            f->op_cancel, NULL);
    }
  if (self->deadline > 0)
    {
      f->deadline_seconds = self->deadline;
      f->deadline = g_timeout_source_new_seconds (self->deadline);
      g_source_set_callback (f->deadline, deadline_cb, f, NULL);
      g_source_set_static_name (f->deadline, "[pressreader] fetch deadline");
      g_source_attach (f->deadline, g_task_get_context (task));
    }
  send_hop (task);
}

/* ---- GObject ---- */

static void
pr_fetcher_dispose (GObject *object)
{
  PrFetcher *self = PR_FETCHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pr_fetcher_parent_class)->dispose (object);
}

static void
pr_fetcher_finalize (GObject *object)
{
  PrFetcher *self = PR_FETCHER (object);

  g_free (self->user_agent);

  G_OBJECT_CLASS (pr_fetcher_parent_class)->finalize (object);
}

static void
pr_fetcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrFetcher *self = PR_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_fetcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrFetcher *self = PR_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      pr_fetcher_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      pr_fetcher_set_deadline (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BODY_SIZE:
      pr_fetcher_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    case PROP_USER_AGENT:
      g_free (self->user_agent);
      self->user_agent = g_value_dup_string (value);
      if (self->user_agent == NULL)
        self->user_agent = g_strdup_printf ("PressReader/%s (+%s)", PACKAGE_VERSION,
                                            PACKAGE_WEBSITE);
      soup_session_set_user_agent (self->session, self->user_agent);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_fetcher_class_init (PrFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_fetcher_dispose;
  object_class->finalize = pr_fetcher_finalize;
  object_class->get_property = pr_fetcher_get_property;
  object_class->set_property = pr_fetcher_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, PR_FETCH_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, 24 * 3600, PR_FETCH_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT32, PR_FETCH_DEFAULT_MAX_BODY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_fetcher_init (PrFetcher *self)
{
  self->timeout = PR_FETCH_DEFAULT_TIMEOUT;
  self->deadline = PR_FETCH_DEFAULT_DEADLINE;
  self->max_body_size = PR_FETCH_DEFAULT_MAX_BODY;
  self->user_agent = g_strdup_printf ("PressReader/%s (+%s)", PACKAGE_VERSION, PACKAGE_WEBSITE);
  /* SoupSession adds a SoupContentDecoder (gzip, deflate, br) itself; it
   * runs on the thread-default context of this thread. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "max-conns-per-host", 2,
                                                 "timeout", self->timeout,
                                                 NULL);
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

/* ---- public ---- */

void
pr_fetcher_set_tls_database (PrFetcher    *self,
                             GTlsDatabase *database)
{
  g_return_if_fail (PR_IS_FETCHER (self));

  soup_session_set_tls_database (self->session, database);
}

PrFetcher *
pr_fetcher_new (void)
{
  return g_object_new (PR_TYPE_FETCHER, NULL);
}

guint
pr_fetcher_get_timeout (PrFetcher *self)
{
  g_return_val_if_fail (PR_IS_FETCHER (self), 0);

  return self->timeout;
}

void
pr_fetcher_set_timeout (PrFetcher *self,
                        guint      seconds)
{
  g_return_if_fail (PR_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pr_fetcher_get_deadline (PrFetcher *self)
{
  g_return_val_if_fail (PR_IS_FETCHER (self), 0);

  return self->deadline;
}

void
pr_fetcher_set_deadline (PrFetcher *self,
                         guint      seconds)
{
  g_return_if_fail (PR_IS_FETCHER (self));

  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint64
pr_fetcher_get_max_body_size (PrFetcher *self)
{
  g_return_val_if_fail (PR_IS_FETCHER (self), 0);

  return self->max_body_size;
}

void
pr_fetcher_set_max_body_size (PrFetcher *self,
                              guint64    bytes)
{
  g_return_if_fail (PR_IS_FETCHER (self));
  g_return_if_fail (bytes > 0 && bytes <= G_MAXUINT32);

  if (self->max_body_size == bytes)
    return;
  self->max_body_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

const char *
pr_fetcher_get_user_agent (PrFetcher *self)
{
  g_return_val_if_fail (PR_IS_FETCHER (self), NULL);

  return self->user_agent;
}

void
pr_fetcher_fetch_async (PrFetcher           *self,
                        const char          *url,
                        const char          *etag,
                        const char          *last_modified,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (PR_IS_FETCHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  fetch_start (self, FETCH_FEED, url, etag, last_modified, cancellable, callback, user_data);
}

void
pr_fetcher_fetch_page_async (PrFetcher           *self,
                             const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PR_IS_FETCHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  fetch_start (self, FETCH_PAGE, url, NULL, NULL, cancellable, callback, user_data);
}

PrFetchResult *
pr_fetcher_fetch_finish (PrFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PR_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
