/* pr-favicons.c: each site's icon, fetched once and cached on disk
 *
 * A site is its origin (scheme://host:port); its icon is DIR/HASH.icon,
 * or DIR/HASH.none when it has none (asked again after a week). Only the
 * host given is asked (the feed's: not a site its text names). Lookups
 * of one site while it is being fetched wait for that fetch. The disk is
 * read and written in workers; the fetches run on the main context
 * through the fetcher, at most FETCHES_AT_ONCE sites at a time. */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "pr-favicons.h"
#include "pr-fetcher.h"

#define FETCHES_AT_ONCE 4
#define RETRY_SECONDS (7 * 24 * 3600)
#define PAGE_MAX_SIZE (1024 * 1024)    /* a page read for its <link rel="icon"> */
#define MAX_DEPTH 64

struct _PrFavicons
{
  GObject parent_instance;

  char *directory;
  PrFetcher *fetcher;
  GHashTable *sites;        /* origin → Site */
  GQueue waiting;           /* Site, to fetch */
  guint fetching;
};

G_DEFINE_FINAL_TYPE (PrFavicons, pr_favicons, G_TYPE_OBJECT)

typedef struct {
  PrFavicons *owner;        /* not a ref: the owner outlives its sites' fetches (see dispose) */
  char *origin;
  char *page;               /* the site's home page, for its <link rel="icon"> */
  char *base;               /* DIR/HASH */
  gboolean done;
  char *path;               /* when done: the icon, or NULL */
  GPtrArray *tasks;         /* GTask waiting */
} Site;

static void
site_free (Site *site)
{
  g_free (site->origin);
  g_free (site->page);
  g_free (site->base);
  g_free (site->path);
  if (site->tasks != NULL)
    g_ptr_array_unref (site->tasks);
  g_free (site);
}

static void site_next_fetch (PrFavicons *self);

/* Every waiting lookup gets the site's answer. */
static void
site_done (Site *site,
           char *path)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&site->tasks);

  site->done = TRUE;
  g_free (site->path);
  site->path = path;
  site->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    g_task_return_pointer (g_ptr_array_index (tasks, i), g_strdup (site->path), g_free);
}

/* ---- what may be an icon ---------------------------------------------- */

static gboolean
is_icon_data (GBytes *bytes)
{
  gsize size = 0;
  const guchar *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL || size < 8 || size > PR_FAVICONS_MAX_SIZE)
    return FALSE;
  return memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 ||
         memcmp (data, "\0\0\1\0", 4) == 0 ||          /* ICO */
         memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0 ||
         memcmp (data, "\xff\xd8\xff", 3) == 0;        /* JPEG */
}

static gboolean
is_web_address (const char *url)
{
  g_autofree char *scheme = url != NULL ? g_uri_parse_scheme (url) : NULL;

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static char *
attr_of (xmlNode    *node,
         const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
rel_is_icon (const char *rel)
{
  g_auto(GStrv) words = NULL;

  if (rel == NULL)
    return FALSE;
  words = g_strsplit_set (rel, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], "icon") == 0)
      return TRUE;
  return FALSE;
}

static char *
find_icon_link (xmlNode    *parent,
                const char *base,
                guint       depth)
{
  if (depth > MAX_DEPTH)
    return NULL;
  for (xmlNode *node = parent; node != NULL; node = node->next)
    {
      char *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "link") == 0)
        {
          g_autofree char *rel = attr_of (node, "rel");
          g_autofree char *href = attr_of (node, "href");
          g_autofree char *type = attr_of (node, "type");

          /* An SVG icon is passed over: it is never rendered here. */
          if (rel_is_icon (rel) && href != NULL && (type == NULL || strstr (type, "svg") == NULL) &&
              !g_str_has_suffix (href, ".svg"))
            {
              char *url = g_uri_resolve_relative (base, g_strstrip (href), G_URI_FLAGS_NONE, NULL);

              if (is_web_address (url))
                return url;
              g_free (url);
            }
        }
      if ((found = find_icon_link (node->children, base, depth + 1)) != NULL)
        return found;
    }
  return NULL;
}

/* The address of the icon a page names, or NULL. */
static char *
page_icon (GBytes     *page,
           const char *url)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (page, &size);
  htmlDocPtr doc;
  char *found = NULL;

  if (data == NULL || size == 0 || size > G_MAXINT)
    return NULL;
  doc = htmlReadMemory (data, (int) size, url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    return NULL;
  found = find_icon_link (xmlDocGetRootElement (doc), url, 0);
  xmlFreeDoc (doc);
  return found;
}

/* ---- the disk (workers) ----------------------------------------------- */

typedef struct {
  char *base;
  char *directory;
  GBytes *icon;             /* to write; NULL: write the "none" mark */
  GBytes *page;             /* to read for its link */
  char *page_url;
} DiskData;

static void
disk_data_free (DiskData *data)
{
  g_free (data->base);
  g_free (data->directory);
  g_clear_pointer (&data->icon, g_bytes_unref);
  g_clear_pointer (&data->page, g_bytes_unref);
  g_free (data->page_url);
  g_free (data);
}

/* Answers "icon path", "" (none, asked recently) or NULL (unknown). */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiskData *data = task_data;
  g_autofree char *icon = g_strconcat (data->base, ".icon", NULL);
  g_autofree char *none = g_strconcat (data->base, ".none", NULL);
  GStatBuf st;

  if (g_file_test (icon, G_FILE_TEST_IS_REGULAR))
    g_task_return_pointer (task, g_steal_pointer (&icon), g_free);
  else if (g_stat (none, &st) == 0 && (gint64) st.st_mtime + RETRY_SECONDS > g_get_real_time () / G_USEC_PER_SEC)
    g_task_return_pointer (task, g_strdup (""), g_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

/* Writes the icon (or the "none" mark); answers its path or NULL. */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DiskData *data = task_data;
  g_autofree char *path = g_strconcat (data->base, data->icon != NULL ? ".icon" : ".none", NULL);
  gsize size = 0;
  const char *bytes = data->icon != NULL ? g_bytes_get_data (data->icon, &size) : "";

  if (g_mkdir_with_parents (data->directory, 0700) != 0 ||
      !g_file_set_contents (path, bytes, (gssize) size, NULL))
    {
      /* An unwritable cache costs the icon, nothing else. */
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, data->icon != NULL ? g_steal_pointer (&path) : NULL, g_free);
}

/* Answers the address of the icon the page names, or NULL. */
static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiskData *data = task_data;

  g_task_return_pointer (task, page_icon (data->page, data->page_url), g_free);
}

static void
run_disk (Site                *site,
          GTaskThreadFunc      func,
          GBytes              *icon,
          GBytes              *page,
          GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (site->owner, NULL, callback, site);
  DiskData *data = g_new0 (DiskData, 1);

  data->base = g_strdup (site->base);
  data->directory = g_strdup (site->owner->directory);
  data->icon = icon != NULL ? g_bytes_ref (icon) : NULL;
  data->page = page != NULL ? g_bytes_ref (page) : NULL;
  data->page_url = g_strdup (site->page);
  g_task_set_task_data (task, data, (GDestroyNotify) disk_data_free);
  g_task_run_in_thread (task, func);
}

/* ---- a site's steps ---------------------------------------------------- */

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Site *site = user_data;
  PrFavicons *self = site->owner;

  site_done (site, g_task_propagate_pointer (G_TASK (result), NULL));
  self->fetching--;
  site_next_fetch (self);
  g_object_unref (self);
}

static void
finish_fetch (Site   *site,
              GBytes *icon)
{
  run_disk (site, write_thread, icon, NULL, written);
}

static void
linked_icon_fetched (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Site *site = user_data;
  g_autoptr(PrFetchResult) fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, NULL);

  finish_fetch (site, fetched != NULL && fetched->error == NULL && is_icon_data (fetched->body)
                      ? fetched->body : NULL);
}

static void
page_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Site *site = user_data;
  g_autofree char *icon = g_task_propagate_pointer (G_TASK (result), NULL);

  if (icon == NULL)
    finish_fetch (site, NULL);
  else
    pr_fetcher_fetch_page_async (site->owner->fetcher, icon, NULL, linked_icon_fetched, site);
}

static void
page_fetched (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Site *site = user_data;
  g_autoptr(PrFetchResult) fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, NULL);

  if (fetched == NULL || fetched->error != NULL || fetched->body == NULL ||
      fetched->content_type == NULL || strstr (fetched->content_type, "html") == NULL)
    finish_fetch (site, NULL);
  else
    run_disk (site, page_thread, NULL, fetched->body, page_read);
}

static void
favicon_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Site *site = user_data;
  g_autoptr(PrFetchResult) fetched = pr_fetcher_fetch_finish (PR_FETCHER (source), result, NULL);

  if (fetched != NULL && fetched->error == NULL && is_icon_data (fetched->body))
    finish_fetch (site, fetched->body);
  else if (site->page != NULL)
    pr_fetcher_fetch_page_async (site->owner->fetcher, site->page, NULL, page_fetched, site);
  else
    finish_fetch (site, NULL);
}

static void
site_next_fetch (PrFavicons *self)
{
  while (self->fetching < FETCHES_AT_ONCE && !g_queue_is_empty (&self->waiting))
    {
      Site *site = g_queue_pop_head (&self->waiting);
      g_autofree char *url = g_strconcat (site->origin, "/favicon.ico", NULL);

      self->fetching++;
      g_object_ref (self);
      pr_fetcher_fetch_page_async (self->fetcher, url, NULL, favicon_fetched, site);
    }
}

static void
disk_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Site *site = user_data;
  PrFavicons *self = site->owner;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), NULL);

  if (path != NULL)
    site_done (site, *path != '\0' ? g_steal_pointer (&path) : NULL);
  else
    {
      g_queue_push_tail (&self->waiting, site);
      site_next_fetch (self);
    }
}

/* ---- the API ------------------------------------------------------------ */

static char *
origin_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *scheme = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;
  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                     "", NULL, NULL);
}

void
pr_favicons_lookup_async (PrFavicons          *self,
                          const char          *url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *origin = NULL;
  Site *site;

  g_return_if_fail (PR_IS_FAVICONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_favicons_lookup_async);
  origin = origin_of (url);
  if (origin == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  site = g_hash_table_lookup (self->sites, origin);
  if (site != NULL && site->done)
    {
      g_task_return_pointer (task, g_strdup (site->path), g_free);
      return;
    }
  if (site == NULL)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, origin, -1);

      site = g_new0 (Site, 1);
      site->owner = self;
      site->origin = g_strdup (origin);
      site->page = g_strconcat (origin, "/", NULL);
      site->base = g_build_filename (self->directory, hash, NULL);
      site->tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->sites, g_strdup (origin), site);
      g_ptr_array_add (site->tasks, g_steal_pointer (&task));
      run_disk (site, read_thread, NULL, NULL, disk_read);
      return;
    }
  g_ptr_array_add (site->tasks, g_steal_pointer (&task));
}

char *
pr_favicons_lookup_finish (PrFavicons    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_favicons_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- GObject ------------------------------------------------------------ */

static void
pr_favicons_dispose (GObject *object)
{
  PrFavicons *self = PR_FAVICONS (object);

  g_clear_object (&self->fetcher);
  G_OBJECT_CLASS (pr_favicons_parent_class)->dispose (object);
}

static void
pr_favicons_finalize (GObject *object)
{
  PrFavicons *self = PR_FAVICONS (object);

  g_queue_clear (&self->waiting);
  g_hash_table_unref (self->sites);
  g_free (self->directory);
  G_OBJECT_CLASS (pr_favicons_parent_class)->finalize (object);
}

static void
pr_favicons_class_init (PrFaviconsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_favicons_dispose;
  object_class->finalize = pr_favicons_finalize;
}

static void
pr_favicons_init (PrFavicons *self)
{
  self->sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) site_free);
}

PrFavicons *
pr_favicons_new (const char *directory)
{
  PrFavicons *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (PR_TYPE_FAVICONS, NULL);
  self->directory = g_strdup (directory);
  self->fetcher = pr_fetcher_new ();
  pr_fetcher_set_timeout (self->fetcher, 15);
  pr_fetcher_set_deadline (self->fetcher, 30);
  pr_fetcher_set_max_body_size (self->fetcher, PAGE_MAX_SIZE);
  return self;
}
