/* test-release.c: the release model */
#include "pr-core.h"

static void
test_fields (void)
{
  g_autoptr(PrRelease) release = pr_release_new ();
  const char *links[] = { "https://example.org", NULL };
  g_autofree char *title = NULL;
  g_auto(GStrv) got_links = NULL;

  pr_release_set_field (release, PR_FIELD_TITLE, "A title");
  pr_release_set_field (release, PR_FIELD_SUBTITLE, "");
  pr_release_set_list (release, PR_LIST_LINKS, links);

  g_object_get (release, "title", &title, "links", &got_links, NULL);
  g_assert_cmpstr (title, ==, "A title");
  g_assert_null (pr_release_get_field (release, PR_FIELD_SUBTITLE));
  g_assert_cmpstrv (got_links, links);
  g_assert_cmpuint (g_strv_length ((char **) pr_release_get_list (release, PR_LIST_EMAILS)), ==, 0);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_explicit_notify (void)
{
  g_autoptr(PrRelease) release = pr_release_new ();
  guint count = 0;

  g_signal_connect (release, "notify::read", G_CALLBACK (count_notify), &count);
  pr_release_set_read (release, TRUE);
  pr_release_set_read (release, TRUE);
  g_object_set (release, "read", TRUE, NULL);
  g_assert_cmpuint (count, ==, 1);
  pr_release_set_read (release, FALSE);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_identity (void)
{
  g_autoptr(PrRelease) a = pr_release_new ();
  g_autoptr(PrRelease) b = pr_release_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autoptr(GPtrArray) blocks2 = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_block_free);
  g_autofree char *id_a = NULL;

  g_ptr_array_add (blocks, pr_block_new (PR_BLOCK_PARAGRAPH, "Hello,  world."));
  g_ptr_array_add (blocks2, pr_block_new (PR_BLOCK_PARAGRAPH, "hello world"));

  pr_release_set_field (a, PR_FIELD_TITLE, "Title");
  pr_release_set_blocks (a, blocks);
  pr_release_set_field (b, PR_FIELD_TITLE, "TITLE");
  pr_release_set_blocks (b, blocks2);

  /* Re-wrapping, case and punctuation do not change the identity... */
  id_a = g_strdup (pr_release_compute_id (a));
  g_assert_cmpuint (strlen (id_a), ==, 64);
  g_assert_cmpstr (id_a, ==, pr_release_compute_id (b));

  /* ...but the date does. */
  pr_release_set_field (b, PR_FIELD_DATE, "2021-06-18");
  g_assert_cmpstr (id_a, !=, pr_release_compute_id (b));

  /* The id is kept between calls, and computed anew after any field it
   * covers, the blocks or the id itself were set. */
  pr_release_set_field (b, PR_FIELD_DATE, NULL);
  g_assert_cmpstr (id_a, ==, pr_release_compute_id (b));
  pr_release_set_field (b, PR_FIELD_ID, "0000");
  g_assert_cmpstr (id_a, ==, pr_release_compute_id (b));
  pr_release_set_field (b, PR_FIELD_SOURCE, "PR Newswire");
  g_assert_cmpstr (id_a, !=, pr_release_compute_id (b));
  pr_release_set_field (b, PR_FIELD_SOURCE, NULL);
  g_assert_cmpstr (id_a, ==, pr_release_compute_id (b));
  pr_release_set_field (b, PR_FIELD_TITLE, "Another title");
  g_assert_cmpstr (id_a, !=, pr_release_compute_id (b));
  pr_release_set_field (b, PR_FIELD_TITLE, "Title");
  g_assert_cmpstr (id_a, ==, pr_release_compute_id (b));
  g_ptr_array_add (blocks2, pr_block_new (PR_BLOCK_PARAGRAPH, "More."));
  pr_release_set_blocks (b, blocks2);
  g_assert_cmpstr (id_a, !=, pr_release_compute_id (b));
}

static void
test_equal_content (void)
{
  g_autoptr(PrRelease) a = pr_release_new ();
  g_autoptr(PrRelease) b = pr_release_new ();
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (orgs, pr_entity_new (PR_ENTITY_ORGANIZATION, "Shanghai Cooperation Organization", "SCO"));
  pr_release_set_organizations (a, orgs);
  g_assert_false (pr_release_equal_content (a, b));
  pr_release_set_organizations (b, orgs);
  g_assert_true (pr_release_equal_content (a, b));

  /* Library state is not content. */
  pr_release_set_bookmarked (b, TRUE);
  g_assert_true (pr_release_equal_content (a, b));
}

static void
test_contacts (void)
{
  g_autoptr(PrRelease) release = pr_release_new ();
  const char *blocks[] = {
    "Media Contact:\nJane Roe\nAcme Corp\njane@acme.example\n+1 (512) 800-0274",
    "CONTACT: Pooja Singh, pooja.singh@example.com",
    "Lindsey Duke\nCarMax\n(855) 887-2915\nPR@carmax.com",
    NULL
  };
  g_autoptr(GPtrArray) contacts = NULL;
  PrContact *c;

  pr_release_set_list (release, PR_LIST_CONTACTS, blocks);
  contacts = pr_release_dup_contacts (release);
  g_assert_cmpuint (contacts->len, ==, 3);

  c = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (pr_contact_get_label (c), ==, "Media Contact:");
  g_assert_cmpstr (pr_contact_get_name (c), ==, "Jane Roe");
  g_assert_cmpstr (pr_contact_get_organization (c), ==, "Acme Corp");
  g_assert_cmpstr (pr_contact_get_email (c), ==, "jane@acme.example");
  g_assert_cmpstr (pr_contact_get_phone (c), ==, "+1 (512) 800-0274");
  g_assert_cmpstr (pr_contact_get_text (c), ==, blocks[0]);

  c = g_ptr_array_index (contacts, 1);
  g_assert_cmpstr (pr_contact_get_label (c), ==, "CONTACT");
  g_assert_cmpstr (pr_contact_get_name (c), ==, "Pooja Singh");
  g_assert_cmpstr (pr_contact_get_email (c), ==, "pooja.singh@example.com");

  c = g_ptr_array_index (contacts, 2);
  g_assert_null (pr_contact_get_label (c));
  g_assert_cmpstr (pr_contact_get_name (c), ==, "Lindsey Duke");
  g_assert_cmpstr (pr_contact_get_organization (c), ==, "CarMax");
  g_assert_cmpstr (pr_contact_get_phone (c), ==, "(855) 887-2915");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/release/fields", test_fields);
  g_test_add_func ("/core/release/explicit-notify", test_explicit_notify);
  g_test_add_func ("/core/release/identity", test_identity);
  g_test_add_func ("/core/release/equal-content", test_equal_content);
  g_test_add_func ("/core/release/contacts", test_contacts);

  return g_test_run ();
}
