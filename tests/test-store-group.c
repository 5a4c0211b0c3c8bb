/* test-store-group.c: copies of one announcement grouped as they are
 * stored (pr-store-group.c): found through the sketch index, the
 * original elected, the hand's splits and joins kept across re-imports */
#include <string.h>

#include "grouping-fixtures.h"
#include "library-test.h"
#include "pr-reader.h"
#include "pr-sketch.h"
#include "pr-subscription.h"

static PrRelease *
read_text (const char *text,
           const char *origin)
{
  g_autoptr(GError) error = NULL;
  PrRelease *release = pr_reader_read_bytes (text, strlen (text), "/copy.txt", PR_FORMAT_TEXT, &error);

  g_assert_no_error (error);
  pr_release_set_field (release, PR_FIELD_ORIGIN, origin);
  return release;
}

/* Adds @text as read from @origin; its id. */
static gint64
add (PrStore    *store,
     const char *text,
     const char *origin)
{
  g_autoptr(PrRelease) release = read_text (text, origin);

  test_add (store, release);
  g_assert_cmpint (pr_release_get_store_id (release), >, 0);
  return pr_release_get_store_id (release);
}

/* The ids of @id's copies, "a b c", the original first. */
static char *
copies_of (PrStore *store,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = pr_store_get_copies (store, id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < copies->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            pr_release_get_store_id (g_ptr_array_index (copies, i)));
  return g_string_free (out, FALSE);
}

static char *
ids (gint64 a,
     gint64 b,
     gint64 c)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GINT64_FORMAT, a);
  if (b > 0)
    g_string_append_printf (out, " %" G_GINT64_FORMAT, b);
  if (c > 0)
    g_string_append_printf (out, " %" G_GINT64_FORMAT, c);
  return g_string_free (out, FALSE);
}

static void
assert_copies (PrStore *store,
               gint64   id,
               gint64   a,
               gint64   b,
               gint64   c)
{
  g_autofree char *got = copies_of (store, id);
  g_autofree char *want = ids (a, b, c);

  g_assert_cmpstr (got, ==, want);
}

static const char *
content_id_of (PrStore *store,
               gint64   id)
{
  g_autoptr(PrRelease) release = pr_store_get_release (store, id, NULL);

  g_assert_nonnull (release);
  /* Owned by the release, which the store keeps alive while it lives. */
  return g_intern_string (pr_release_compute_id (release));
}

static const char *
group_of (PrStore *store,
          gint64   id)
{
  g_autoptr(PrRelease) release = pr_store_get_release (store, id, NULL);

  g_assert_nonnull (release);
  return g_intern_string (pr_release_get_group (release));
}

static void
remove_release (PrStore *store,
                gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_store_delete (store, id, &error));
  g_assert_no_error (error);
}

/* The portal's copy arrives first, the wire's after: the wire's becomes
 * the original; the German version joins as a translation; the other
 * company's news stays alone. */
static void
test_import (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  gint64 portal, wire, german, other;

  portal = add (store, portal_text, "https://daily.example/business/nordwind");
  other = add (store, other_text, "/wire/harbor.txt");
  wire = add (store, wire_text, "/wire/nordwind.txt");
  german = add (store, german_text, "/wire/nordwind.de.txt");

  assert_copies (store, portal, wire, portal, german);
  assert_copies (store, german, wire, portal, german);
  assert_copies (store, other, other, 0, 0);

  /* Every member names the original; alone, a release is its own. */
  g_assert_cmpstr (group_of (store, portal), ==, content_id_of (store, wire));
  g_assert_cmpstr (group_of (store, german), ==, content_id_of (store, wire));
  g_assert_cmpstr (group_of (store, wire), ==, content_id_of (store, wire));
  g_assert_cmpstr (group_of (store, other), ==, content_id_of (store, other));
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM releases WHERE group_id IS NOT NULL"), ==, 3);
  g_assert_cmpint (test_sql_int (path, "SELECT count(DISTINCT group_id) FROM releases"), ==, 1);
  /* Each sketch once, under its keys. */
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM release_sketches"), ==, 4);
  g_assert_cmpint (test_sql_int (path, "SELECT count(DISTINCT id) FROM sketch_keys"), ==, 4);

  /* The original deleted: the wire's German copy leads, before the
   * portal's. */
  remove_release (store, wire);
  assert_copies (store, portal, german, portal, 0);
  g_assert_cmpstr (group_of (store, portal), ==, content_id_of (store, german));
  g_assert_cmpint (test_sql_int (path, "SELECT count(DISTINCT id) FROM sketch_keys"), ==, 3);
  /* Imported again, it is the original again. */
  wire = add (store, wire_text, "/wire/nordwind.txt");
  assert_copies (store, portal, wire, portal, german);

  /* A group of two that loses one is no group. */
  remove_release (store, german);
  remove_release (store, portal);
  assert_copies (store, wire, wire, 0, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM releases WHERE group_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM release_sketches"), ==, 2);
}

/* A hand's split and join win over the sketches, and are kept by content
 * id: a release deleted and imported again is grouped as the hand said. */
static void
test_by_hand (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autoptr(GError) error = NULL;
  gint64 portal, wire, german, other;

  wire = add (store, wire_text, "/wire/nordwind.txt");
  portal = add (store, portal_text, "https://daily.example/business/nordwind");
  german = add (store, german_text, "/wire/nordwind.de.txt");
  other = add (store, other_text, "/wire/harbor.txt");
  assert_copies (store, wire, wire, portal, german);

  /* Split: the German version stands alone, and stays so. */
  g_assert_true (pr_store_split_copy (store, german, &error));
  g_assert_no_error (error);
  assert_copies (store, wire, wire, portal, 0);
  assert_copies (store, german, german, 0, 0);
  remove_release (store, german);
  german = add (store, german_text, "/wire/nordwind.de.txt");
  assert_copies (store, german, german, 0, 0);
  assert_copies (store, wire, wire, portal, 0);

  /* Join: the other company's news put with them, and kept so. */
  g_assert_true (pr_store_join_copies (store, other, portal, &error));
  g_assert_no_error (error);
  assert_copies (store, other, wire, portal, other);
  remove_release (store, other);
  other = add (store, other_text, "/wire/harbor.txt");
  assert_copies (store, wire, wire, portal, other);

  /* Joining the split one back replaces the split. */
  g_assert_true (pr_store_join_copies (store, german, wire, &error));
  g_assert_no_error (error);
  {
    g_autofree char *got = copies_of (store, wire);
    g_auto(GStrv) members = g_strsplit (got, " ", -1);

    g_assert_cmpuint (g_strv_length (members), ==, 4);
  }
  /* The original taken out: the first of the wire's other copies (the
   * German one, imported before the other news) leads the rest. */
  g_assert_true (pr_store_split_copy (store, wire, &error));
  g_assert_no_error (error);
  assert_copies (store, wire, wire, 0, 0);
  g_assert_cmpstr (group_of (store, portal), ==, content_id_of (store, german));

  g_assert_false (pr_store_split_copy (store, 9999, &error));
  g_assert_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_FOUND);
}

/* With grouping off (the benchmark's baseline), nothing is sketched. */
static void
test_off (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  gint64 wire, portal;

  pr_store_set_grouping (store, FALSE);
  wire = add (store, wire_text, "/wire/nordwind.txt");
  portal = add (store, portal_text, "https://daily.example/business/nordwind");
  assert_copies (store, wire, wire, 0, 0);
  assert_copies (store, portal, portal, 0, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM release_sketches"), ==, 0);
}

/* Adds @text as feed @feed_id's item at @link (its key: an item seen
 * again is an update); its id. */
static gint64
add_item (PrStore    *store,
          gint64      feed_id,
          const char *link,
          const char *text)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_feed_entry_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
  PrFeedEntry *entry = pr_feed_entry_new (link, link, hash);
  PrRelease *release = read_text (text, link);

  entry->release = release;
  g_ptr_array_add (entries, entry);
  g_assert_true (pr_store_add_feed_items (store, feed_id, entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pr_release_get_store_id (release), >, 0);
  return pr_release_get_store_id (release);
}

/* Text @text with @from replaced by @to (a corrected figure). */
static char *
edited (const char *text,
        const char *from,
        const char *to)
{
  g_autoptr(GString) out = g_string_new (text);

  g_assert_cmpuint (g_string_replace (out, from, to, 1), ==, 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A refresh that brings an edited item keeps the hand's split and join:
 * the release keeps its group, and the choice follows its new content
 * id, so that deleting it and reading the feed again groups it as the
 * hand said. */
static void
test_refresh (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(PrSubscription) sub = pr_subscription_new ("https://wire.example/all.rss");
  g_autoptr(GError) error = NULL;
  g_autofree char *portal_fixed = edited (portal_text, "3,400 megawatts", "3,500 megawatts");
  g_autofree char *other_fixed = edited (other_text, "Rotterdam", "Rotterdam-Europoort");
  const char *portal_link = "https://daily.example/business/nordwind";
  const char *other_link = "https://wire.example/harbor";
  gint64 wire, portal, other, id;

  g_assert_true (pr_store_add_subscription (store, sub, &error));
  g_assert_no_error (error);
  wire = add_item (store, sub->id, "https://wire.example/nordwind", wire_text);
  portal = add_item (store, sub->id, portal_link, portal_text);
  other = add_item (store, sub->id, other_link, other_text);
  assert_copies (store, wire, wire, portal, 0);

  g_assert_true (pr_store_split_copy (store, portal, &error));
  g_assert_no_error (error);
  g_assert_true (pr_store_join_copies (store, other, wire, &error));
  g_assert_no_error (error);
  assert_copies (store, wire, wire, other, 0);

  /* The refresh: both items edited, the same releases. */
  g_assert_cmpint (add_item (store, sub->id, portal_link, portal_fixed), ==, portal);
  g_assert_cmpint (add_item (store, sub->id, other_link, other_fixed), ==, other);
  assert_copies (store, wire, wire, other, 0);
  assert_copies (store, portal, portal, 0, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM group_choices AS c JOIN releases AS r"
                                       " ON r.content_id = c.content_id"), ==, 2);

  /* Deleted and read again from the feed: as the hand said. */
  remove_release (store, portal);
  remove_release (store, other);
  id = add_item (store, sub->id, portal_link, portal_fixed);
  assert_copies (store, id, id, 0, 0);
  id = add_item (store, sub->id, other_link, other_fixed);
  assert_copies (store, wire, wire, id, 0);
}

static void
group_stored_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *n_grouped = user_data;

  g_assert_true (pr_store_group_stored_finish (PR_STORE (source), result, n_grouped, &error));
  g_assert_no_error (error);
}

/* Releases stored before grouping (schema 9: the step to 11 queued every
 * release without a sketch) are grouped by the pass in the background as
 * an import would have grouped them, the hand's choices kept. */
static void
test_stored (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(PrStore) store = test_store_open (dir);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *reprint = NULL;
  gint64 portal, wire, german, other, note, copy;
  guint n_grouped = G_MAXUINT;
  guint n_done, n_left;

  pr_store_set_grouping (store, FALSE);
  portal = add (store, portal_text, "https://daily.example/business/nordwind");
  other = add (store, other_text, "/wire/harbor.txt");
  german = add (store, german_text, "/wire/nordwind.de.txt");
  wire = add (store, wire_text, "/wire/nordwind.txt");
  note = add (store, "A Note\n\nA short note about something else.\n", "/wire/note.txt");
  /* Split by hand before it was ever grouped. */
  g_assert_true (pr_store_split_copy (store, german, &error));
  g_assert_no_error (error);
  test_sql_exec (path, "INSERT INTO ungrouped SELECT id FROM releases");

  /* Off, the pass leaves them waiting. */
  g_assert_true (pr_store_group_stored (store, 10, &n_done, &n_left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM ungrouped"), ==, 5);

  pr_store_set_grouping (store, TRUE);
  /* A release deleted while it waits leaves the queue. */
  remove_release (store, note);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM ungrouped"), ==, 4);

  pr_store_group_stored_async (store, NULL, group_stored_done, &n_grouped);
  while (n_grouped == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_grouped, ==, 4);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM ungrouped"), ==, 0);

  /* The wire's copy leads the portal's; the German one stays out. */
  assert_copies (store, portal, wire, portal, 0);
  assert_copies (store, german, german, 0, 0);
  assert_copies (store, other, other, 0, 0);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM release_sketches"), ==, 4);
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM copies"), ==, 1);

  /* And a copy that arrives after finds them through their sketches. */
  reprint = g_strconcat ("REPRINT: ", portal_text, NULL);
  copy = add (store, reprint, "https://other.example/nordwind");
  g_assert_cmpint (copy, !=, portal);
  g_assert_cmpstr (group_of (store, copy), ==, content_id_of (store, wire));
  g_assert_true (pr_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/group/import", test_import);
  g_test_add_func ("/library/group/by-hand", test_by_hand);
  g_test_add_func ("/library/group/off", test_off);
  g_test_add_func ("/library/group/stored", test_stored);
  g_test_add_func ("/library/group/refresh", test_refresh);
  return g_test_run ();
}
