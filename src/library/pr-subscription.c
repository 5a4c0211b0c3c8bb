/* pr-subscription.c: a feed subscription as the library keeps it */
#include "pr-subscription.h"

G_DEFINE_BOXED_TYPE (PrSubscription, pr_subscription, pr_subscription_copy, pr_subscription_free)

PrSubscription *
pr_subscription_new (const char *url)
{
  PrSubscription *sub = g_new0 (PrSubscription, 1);

  sub->url = g_strdup (url);
  return sub;
}

PrSubscription *
pr_subscription_copy (const PrSubscription *sub)
{
  PrSubscription *copy;

  g_return_val_if_fail (sub != NULL, NULL);

  copy = g_memdup2 (sub, sizeof *sub);
  copy->url = g_strdup (sub->url);
  copy->title = g_strdup (sub->title);
  copy->site_url = g_strdup (sub->site_url);
  copy->category = g_strdup (sub->category);
  copy->etag = g_strdup (sub->etag);
  copy->last_modified = g_strdup (sub->last_modified);
  copy->last_error = g_strdup (sub->last_error);
  copy->icon_path = g_strdup (sub->icon_path);
  return copy;
}

void
pr_subscription_free (PrSubscription *sub)
{
  if (sub == NULL)
    return;
  g_free (sub->url);
  g_free (sub->title);
  g_free (sub->site_url);
  g_free (sub->category);
  g_free (sub->etag);
  g_free (sub->last_modified);
  g_free (sub->last_error);
  g_free (sub->icon_path);
  g_free (sub);
}

PrFeedEntry *
pr_feed_entry_new (const char *guid,
                   const char *link,
                   const char *item_hash)
{
  PrFeedEntry *entry = g_new0 (PrFeedEntry, 1);

  entry->guid = g_strdup (guid);
  entry->link = g_strdup (link);
  entry->item_hash = g_strdup (item_hash);
  return entry;
}

void
pr_feed_entry_free (PrFeedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->guid);
  g_free (entry->link);
  g_free (entry->item_hash);
  g_free (entry->published);
  g_clear_object (&entry->release);
  g_free (entry);
}
