/* fuzz-feed.c: libFuzzer target for the feed reader
 *
 * Any bytes give a feed or a PR_FEED_ERROR in UTF-8 words, never both;
 * every item's text is UTF-8 and only http(s) links and images are kept; each item
 * becomes a release or a PR_PARSER_ERROR (fuzz-release.h), and the page
 * discovery never fails. */
#include "fuzz.h"
#include "fuzz-release.h"

#include "pr-feed.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_text (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrFeed) feed = pr_feed_parse ((const char *) data, size, "https://fuzz.example/feed",
                                          NULL, &error);
  g_autoptr(GPtrArray) links = pr_feed_discover ((const char *) data, size, "https://fuzz.example/");

  for (guint i = 0; i < links->len; i++)
    g_assert (g_str_has_prefix (g_ptr_array_index (links, i), "http"));
  if (feed == NULL)
    {
      g_assert (error != NULL && error->domain == PR_FEED_ERROR);
      g_assert (error->message[0] != '\0' && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  g_assert_cmpuint (feed->items->len, <=, PR_FEED_MAX_ITEMS);
  check_text (feed->title);
  for (guint i = 0; i < feed->items->len; i++)
    {
      PrFeedItem *item = g_ptr_array_index (feed->items, i);
      g_autoptr(GError) item_error = NULL;
      g_autoptr(PrRelease) release = NULL;

      check_text (item->title);
      check_text (item->guid);
      g_assert (item->link == NULL || g_str_has_prefix (item->link, "http"));
      g_assert (item->images != NULL && g_strv_length (item->images) <= 16);
      for (guint j = 0; item->images[j] != NULL; j++)
        g_assert (g_str_has_prefix (item->images[j], "http"));
      /* A few releases per input keep the runs fast. */
      if (i >= 4)
        continue;
      release = pr_feed_item_to_release (item, &item_error);
      fuzz_check_read (release, item_error);
    }
  return 0;
}
