/* pr-favicons.h: each site's icon, fetched once and cached on disk */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PR_FAVICONS_MAX_SIZE (256 * 1024)   /* bytes of one icon file */

#define PR_TYPE_FAVICONS (pr_favicons_get_type ())
G_DECLARE_FINAL_TYPE (PrFavicons, pr_favicons, PR, FAVICONS, GObject)

/* Icons cached in @directory (made when needed), one file per site
 * (scheme, host and port). Fetches on the thread-default main context it
 * is made on, through a PrFetcher of its own (short timeouts, bodies
 * capped). */
PrFavicons *pr_favicons_new           (const char          *directory);

/* The cached icon of @url's site (any address on it: a feed, a page):
 * from the disk when it was fetched before, else the site's /favicon.ico,
 * else the <link rel="icon"> of its home page (/). A site is asked once: a
 * site without an icon is remembered (and asked again after a week).
 * Only http and https; only PNG, ICO, GIF and JPEG files of at most
 * PR_FAVICONS_MAX_SIZE bytes are kept (no SVG: nothing an icon could
 * load). _finish() gives the file's path, or NULL without an error when
 * the site has no icon. */
void        pr_favicons_lookup_async  (PrFavicons          *self,
                                       const char          *url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char       *pr_favicons_lookup_finish (PrFavicons          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
