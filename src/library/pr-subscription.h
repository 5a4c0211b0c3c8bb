/* pr-subscription.h: a feed subscription as the library keeps it */
#pragma once

#include <glib-object.h>

#include "pr-release.h"

G_BEGIN_DECLS

/* Whether the release page of an item is fetched for its text. */
typedef enum {
  PR_FULL_TEXT_AUTO,    /* when the item carries only a summary */
  PR_FULL_TEXT_ALWAYS,
  PR_FULL_TEXT_NEVER,
} PrFullText;

#define PR_TYPE_SUBSCRIPTION (pr_subscription_get_type ())

/* Times are Unix seconds, 0 for never. */
typedef struct {
  gint64 id;                /* 0 until stored */
  char *url;                /* the feed's address (301/308 move it) */
  char *title;              /* the user's, else the feed's */
  gboolean custom_title;    /* the user named it: a refresh keeps the name */
  char *site_url;           /* the site the feed belongs to */
  char *category;           /* a folder, from OPML; NULL for none */
  char *etag;               /* for conditional GET */
  char *last_modified;
  guint interval_minutes;   /* 0: the global interval */
  PrFullText full_text;
  guint hint_minutes;       /* the feed's own lower bound: ttl, sy:updatePeriod, max-age */
  gint64 added_at;
  gint64 checked_at;        /* the last attempt */
  gint64 updated_at;        /* the last success */
  gint64 next_check_at;     /* when the refresh may fetch it again */
  guint errors;             /* failures in a row */
  char *last_error;         /* in words; NULL after a success */
  gboolean ended;           /* gone (410): no longer fetched */
  char *icon_path;          /* the site's icon, cached on disk; NULL for none */
  /* Read only, filled when listed. */
  gint64 releases;
  gint64 unread;
} PrSubscription;

GType           pr_subscription_get_type (void);
PrSubscription *pr_subscription_new      (const char           *url);
PrSubscription *pr_subscription_copy     (const PrSubscription *sub);
void            pr_subscription_free     (PrSubscription       *sub);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrSubscription, pr_subscription_free)

/* What a feed gave for one item, for pr_store_add_feed_items(). */
typedef struct {
  char *guid;               /* the item's key: its guid, else its link */
  char *link;               /* its page, or NULL */
  char *item_hash;          /* of the item as the feed gave it */
  char *published;          /* ISO 8601, or NULL */
  PrRelease *release;       /* its release; NULL when the item was seen
                             * again unchanged (nothing to write) */
  gint64 feed_id;           /* its feed, when pr_store_add_feed_items()
                             * is given 0 (several feeds at once) */
} PrFeedEntry;

PrFeedEntry    *pr_feed_entry_new        (const char           *guid,
                                          const char           *link,
                                          const char           *item_hash);
void            pr_feed_entry_free       (PrFeedEntry          *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrFeedEntry, pr_feed_entry_free)

G_END_DECLS
