/* test-email.c: the email reader (.eml) and the mailbox reader (.mbox)
 *
 * Unit cases per feature, hostile messages, and the corpus wrapped as the
 * messages that would carry it (plain, HTML-only, multipart/alternative,
 * quoted-printable Windows-1252, forwarded, all in one mailbox), scored
 * like the text corpus (corpus-score.c). */
#include <string.h>
#include <glib/gstdio.h>

#include "corpus-emails.h"
#include "corpus-score.h"
#include "pr-core.h"
#include "pr-test-utils.h"
#include "pr-text.h"

/* An invented release, the body of most messages below. */
#define RELEASE \
  "Acme Robotics Unveils the R2 Warehouse Robot\n" \
  "\n" \
  "BOSTON, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. today unveiled the R2, a warehouse\n" \
  "robot that picks, packs and charges itself through the night.\n" \
  "\n" \
  "\"We built R2 for the night shift,\" said Jane Roe, chief executive officer of Acme Robotics.\n" \
  "\n" \
  "About Acme Robotics\n" \
  "Acme Robotics builds robots for warehouses in Boston and Lyon.\n"

#define TITLE "Acme Robotics Unveils the R2 Warehouse Robot"

#define HEADERS \
  "From: Acme Media <media@acme.example>\n" \
  "To: newsdesk@paper.example\n" \
  "Date: Tue, 04 Mar 2025 09:00:00 -0500\n" \
  "Message-ID: <r2@acme.example>\n" \
  "MIME-Version: 1.0\n"

static PrRelease *
read_ok (const char *eml)
{
  g_autoptr(GError) error = NULL;
  PrRelease *release = pr_email_read (eml, strlen (eml), "test.eml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (release);
  return release;
}

static char *
body_joined (PrRelease *release)
{
  g_auto(GStrv) body = pr_release_dup_body (release);

  return g_strjoinv ("\n\n", body);
}

static gboolean
strv_contains_text (const char * const *strv,
                    const char         *text)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strstr (strv[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- bodies ---- */

static void
check_release (PrRelease *r)
{
  g_assert_cmpstr (pr_release_get_title (r), ==, TITLE);
  g_assert_false (pr_release_get_title_derived (r));
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-03-04");
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Boston");
  g_assert_cmpstr (pr_release_get_source (r), ==, "PR Newswire");
}

static void
test_plain (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: Acme Robotics Unveils the R2 Warehouse Robot\n"
                                    "Content-Type: text/plain; charset=utf-8\n"
                                    "Content-Transfer-Encoding: 8bit\n"
                                    "\n" RELEASE);
  g_autofree char *body = body_joined (r);

  check_release (r);
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_ORIGIN), ==, "test.eml");
  g_assert_nonnull (strstr (body, "picks, packs and charges itself"));
  g_assert_true (strv_contains_text (pr_release_get_list (r, PR_LIST_ABOUT), "builds robots"));
}

/* No MIME at all, CRLF line ends: a message as old programs write it. */
static void
test_plain_crlf (void)
{
  g_autoptr(GString) eml = g_string_new (NULL);
  g_autoptr(PrRelease) r = NULL;

  for (const char *p = "From: media@acme.example\nSubject: R2\n\n" RELEASE; *p; p++)
    {
      if (*p == '\n')
        g_string_append_c (eml, '\r');
      g_string_append_c (eml, *p);
    }
  r = read_ok (eml->str);
  g_assert_cmpstr (pr_release_get_title (r), ==, TITLE);
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Boston");
}

static void
test_html_only (void)
{
  g_autofree char *html = corpus_email_html (RELEASE, TITLE);
  g_autofree char *encoded = corpus_email_quoted_printable (html, strlen (html));
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: " TITLE "\n"
                                      "Content-Type: text/html; charset=utf-8\n"
                                      "Content-Transfer-Encoding: quoted-printable\n"
                                      "\n", encoded, NULL);
  g_autoptr(PrRelease) r = read_ok (eml);
  g_autofree char *body = body_joined (r);

  check_release (r);
  g_assert_nonnull (strstr (body, "picks, packs and charges itself"));
  g_assert_null (strstr (body, "<p>"));
}

static void
test_alternative (void)
{
  g_autofree char *html = corpus_email_html ("Not This Headline\n\nThe HTML part says something else.\n", "x");
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: " TITLE "\n"
                                      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
                                      "\n"
                                      "This is a multi-part message in MIME format.\n"
                                      "--alt\n"
                                      "Content-Type: text/plain; charset=utf-8\n"
                                      "\n" RELEASE "\n"
                                      "--alt\n"
                                      "Content-Type: text/html; charset=utf-8\n"
                                      "\n", html, "\n"
                                      "--alt--\n", NULL);
  g_autoptr(PrRelease) r = read_ok (eml);

  /* The plain part is preferred. */
  check_release (r);
}

/* A text/plain part with nothing in it beside the HTML: the HTML is read. */
static void
test_alternative_empty_plain (void)
{
  g_autofree char *html = corpus_email_html (RELEASE, TITLE);
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: " TITLE "\n"
                                      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
                                      "\n"
                                      "--alt\n"
                                      "Content-Type: text/plain; charset=utf-8\n"
                                      "\n \n"
                                      "--alt\n"
                                      "Content-Type: text/html; charset=utf-8\n"
                                      "\n", html, "\n"
                                      "--alt--\n", NULL);
  g_autoptr(PrRelease) r = read_ok (eml);

  check_release (r);
}

static void
test_quoted_printable_1252 (void)
{
  const char *text = "Caf\xc3\xa9 Lumi\xc3\xa8re Opens in Montr\xc3\xa9" "al\n"
                     "\n"
                     "MONTREAL, Quebec, May 2, 2025 /CNW/ -- \xe2\x80\x9c" "Caf\xc3\xa9 Lumi\xc3\xa8re\xe2\x80\x9d "
                     "opened today \xe2\x80\x93 with cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e for \xe2\x82\xac" "5.\n";
  g_autofree char *cp1252 = g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  g_autofree char *encoded = corpus_email_quoted_printable (cp1252, strlen (cp1252));
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: =?windows-1252?Q?Caf=E9_Lumi=E8re?=\n"
                                      "Content-Type: text/plain; charset=windows-1252\n"
                                      "Content-Transfer-Encoding: quoted-printable\n"
                                      "\n", encoded, NULL);
  g_autoptr(PrRelease) r = read_ok (eml);
  g_autofree char *body = body_joined (r);

  g_assert_nonnull (strstr (encoded, "=93"));
  g_assert_cmpstr (pr_release_get_title (r), ==, "Caf\xc3\xa9 Lumi\xc3\xa8re Opens in Montr\xc3\xa9" "al");
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-05-02");
  g_assert_nonnull (strstr (body, "\xe2\x80\x9c" "Caf\xc3\xa9 Lumi\xc3\xa8re\xe2\x80\x9d opened today \xe2\x80\x93"));
  g_assert_nonnull (strstr (body, "\xe2\x82\xac" "5"));
}

/* Labelled ISO-8859-1 but written with Windows-1252's quotes, as often. */
static void
test_latin1_label (void)
{
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: Quotes\n"
                                      "Content-Type: text/plain; charset=iso-8859-1\n"
                                      "Content-Transfer-Encoding: quoted-printable\n"
                                      "\n"
                                      "Acme Says =93Hello=94\n\nBOSTON, March 4, 2025 -- Acme said =93hello=94 to Gen=E8ve.\n",
                                      NULL);
  g_autoptr(PrRelease) r = read_ok (eml);
  g_autofree char *body = body_joined (r);

  g_assert_cmpstr (pr_release_get_title (r), ==, "Acme Says \xe2\x80\x9cHello\xe2\x80\x9d");
  g_assert_nonnull (strstr (body, "Gen\xc3\xa8ve"));
}

static void
test_base64 (void)
{
  const char *text = "Acme \xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba R2 Launches in Germany\n"
                     "\n"
                     "BERLIN, 4. M\xc3\xa4rz 2025 /PRNewswire/ -- Acme Robotics stellt heute den R2 vor, "
                     "einen Roboter f\xc3\xbcr Lagerh\xc3\xa4user, der nachts arbeitet.\n";
  g_autofree char *encoded = corpus_email_base64 (text, strlen (text));
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: =?utf-8?B?QWNtZSBSMg==?=\n"
                                      "Content-Type: text/plain; charset=\"UTF-8\"\n"
                                      "Content-Transfer-Encoding: base64\n"
                                      "\n", encoded, NULL);
  g_autoptr(PrRelease) r = read_ok (eml);
  g_autofree char *body = body_joined (r);

  g_assert_cmpstr (pr_release_get_title (r), ==, "Acme \xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba R2 Launches in Germany");
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-03-04");
  g_assert_nonnull (strstr (body, "f\xc3\xbcr Lagerh\xc3\xa4user"));
}

static void
test_flowed (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: " TITLE "\n"
                                    "Content-Type: text/plain; charset=utf-8; format=flowed\n"
                                    "\n"
                                    TITLE "\n"
                                    "\n"
                                    "BOSTON, March 4, 2025 -- Acme Robotics today unveiled the R2, a \n"
                                    "warehouse robot that picks, packs and charges itself \n"
                                    "through the night.\n");
  g_autofree char *body = body_joined (r);

  g_assert_cmpstr (body, ==, "Acme Robotics today unveiled the R2, a warehouse robot that picks, packs "
                             "and charges itself through the night.");
}

/* ---- headers ---- */

/* The body starts at the dateline: the Subject, without its prefixes, is the headline. */
static void
test_subject_headline (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: Fwd: [press-list] FW: Acme Robotics Unveils the R2 Warehouse Robot\n"
                                    "Content-Type: text/plain\n"
                                    "\n"
                                    "BOSTON, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. today unveiled the R2.\n"
                                    "\n"
                                    "It works at night.\n");

  check_release (r);
}

/* A body with its own headline keeps it. */
static void
test_subject_not_headline (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: News from Acme\n"
                                    "\n" RELEASE);

  check_release (r);
}

static void
test_date_fallback (void)
{
  g_autoptr(PrRelease) dated = read_ok (HEADERS
                                        "Subject: Acme Opens a Store\n"
                                        "\n"
                                        "Acme Opens a Store\n"
                                        "\n"
                                        "Acme opened a store on Main Street. It sells robots and spare parts.\n");
  /* The body's own date wins over the message's. */
  g_autoptr(PrRelease) own = read_ok ("From: a@acme.example\n"
                                      "Date: Fri, 07 Mar 2025 10:00:00 +0000\n"
                                      "Subject: R2\n"
                                      "\n" RELEASE);

  g_assert_cmpstr (pr_release_get_date (dated), ==, "2025-03-04");
  g_assert_cmpstr (pr_release_get_date (own), ==, "2025-03-04");
}

static void
test_from_contact (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS "Subject: R2\n\n" RELEASE);
  /* An address the release names in a contact block already is not added again. */
  g_autoptr(PrRelease) named = read_ok (HEADERS "Subject: R2\n\n" RELEASE
                                        "\nMedia contact:\nJoe Bloggs\nmedia@acme.example\n");
  const char * const *contacts = pr_release_get_list (r, PR_LIST_CONTACTS);
  const char * const *named_contacts = pr_release_get_list (named, PR_LIST_CONTACTS);
  g_autoptr(GPtrArray) parsed = pr_release_dup_contacts (r);

  g_assert_cmpuint (g_strv_length ((GStrv) contacts), ==, 1);
  g_assert_cmpstr (contacts[0], ==, "Acme Media <media@acme.example>");
  g_assert_cmpstr (pr_contact_get_email (g_ptr_array_index (parsed, 0)), ==, "media@acme.example");

  g_assert_cmpuint (g_strv_length ((GStrv) named_contacts), ==, 1);
  g_assert_true (g_str_has_prefix (named_contacts[0], "Media contact:"));
}

/* A wire's own mail names the wire. */
static void
test_from_wire (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Business Wire <noreply@businesswire.com>\n"
                                    "Subject: Acme Opens a Store\n"
                                    "\n"
                                    "Acme Opens a Store\n"
                                    "\n"
                                    "Acme opened a store on Main Street. It sells robots and spare parts.\n");

  g_assert_cmpstr (pr_release_get_source (r), ==, "Business Wire");
}

/* ---- forwarded messages ---- */

static void
check_forwarded (PrRelease *r)
{
  g_autofree char *body = body_joined (r);
  const char * const *contacts = pr_release_get_list (r, PR_LIST_CONTACTS);

  g_assert_cmpstr (pr_release_get_title (r), ==, TITLE);
  g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Boston");
  g_assert_null (strstr (body, "Thought you"));
  g_assert_null (strstr (body, "Forwarded"));
  g_assert_null (strstr (body, "Subject:"));
  g_assert_nonnull (strstr (body, "picks, packs"));
  /* The original sender, not the one who forwarded it. */
  g_assert_cmpuint (g_strv_length ((GStrv) contacts), ==, 1);
  g_assert_cmpstr (contacts[0], ==, "Acme Media <media@acme.example>");
}

static void
test_forwarded_gmail (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Sam Editor <sam@paper.example>\n"
                                    "To: desk@paper.example\n"
                                    "Date: Mon, 10 Mar 2025 08:00:00 +0000\n"
                                    "Subject: Fwd: Embargoed: R2\n"
                                    "Content-Type: text/plain; charset=UTF-8\n"
                                    "\n"
                                    "Thought you might want this one.\n"
                                    "\n"
                                    "---------- Forwarded message ---------\n"
                                    "From: Acme Media <media@acme.example>\n"
                                    "Date: Tue, Mar 4, 2025 at 9:00 AM\n"
                                    "Subject: " TITLE "\n"
                                    "To: <sam@paper.example>\n"
                                    "\n"
                                    "\n"
                                    "BOSTON--(BUSINESS WIRE)--Acme Robotics, Inc. today unveiled the R2, a warehouse robot "
                                    "that picks, packs and charges itself through the night.\n"
                                    "\n"
                                    "It goes on sale in June.\n");

  check_forwarded (r);
  /* The forwarded message's Date, and its Subject as the headline. */
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-03-04");
}

static void
test_forwarded_outlook (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Sam Editor <sam@paper.example>\n"
                                    "Date: Mon, 10 Mar 2025 08:00:00 +0000\n"
                                    "Subject: FW: R2\n"
                                    "\n"
                                    "Thought you might want this one.\n"
                                    "\n"
                                    "-----Original Message-----\n"
                                    "From: Acme Media [mailto:media@acme.example]\n"
                                    "Sent: Tuesday, March 4, 2025 9:00 AM\n"
                                    "To: Sam Editor <sam@paper.example>; Desk\n"
                                    "   <desk@paper.example>\n"
                                    "Subject: R2\n"
                                    "\n" RELEASE);

  check_forwarded (r);
}

/* Apple Mail quotes what it forwards. */
static void
test_forwarded_quoted (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Sam Editor <sam@paper.example>\n"
                                    "Subject: Fwd: R2\n"
                                    "\n"
                                    "Thought you might want this one.\n"
                                    "\n"
                                    "Begin forwarded message:\n"
                                    "\n"
                                    "> From: Acme Media <media@acme.example>\n"
                                    "> Subject: R2\n"
                                    "> Date: 4 March 2025 at 09:00:00 EST\n"
                                    "> To: sam@paper.example\n"
                                    "> \n"
                                    "> Acme Robotics Unveils the R2 Warehouse Robot\n"
                                    "> \n"
                                    "> BOSTON, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. today unveiled the R2, a\n"
                                    "> warehouse robot that picks, packs and charges itself through the night.\n");

  check_forwarded (r);
  check_release (r);
}

static void
test_forwarded_attachment (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Sam Editor <sam@paper.example>\n"
                                    "Date: Mon, 10 Mar 2025 08:00:00 +0000\n"
                                    "Subject: Fwd: something for tomorrow\n"
                                    "MIME-Version: 1.0\n"
                                    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                                    "\n"
                                    "--outer\n"
                                    "Content-Type: text/plain\n"
                                    "\n"
                                    "Thought you might want this one.\n"
                                    "--outer\n"
                                    "Content-Type: message/rfc822\n"
                                    "Content-Disposition: attachment; filename=\"R2.eml\"\n"
                                    "\n"
                                    "From: Acme Media <media@acme.example>\n"
                                    "Date: Tue, 04 Mar 2025 09:00:00 -0500\n"
                                    "Subject: " TITLE "\n"
                                    "Content-Type: text/plain\n"
                                    "\n"
                                    "BOSTON--(BUSINESS WIRE)--Acme Robotics, Inc. today unveiled the R2, a warehouse robot "
                                    "that picks, packs and charges itself through the night.\n"
                                    "\n"
                                    "It goes on sale in June.\n"
                                    "--outer--\n");

  check_forwarded (r);
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-03-04");
}

/* A release of its own with an earlier message attached: the release is its own text. */
static void
test_attached_message (void)
{
  GString *eml = g_string_new (HEADERS "Subject: R2\n"
                               "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                               "\n--outer\nContent-Type: text/plain\n\n" RELEASE);
  g_autoptr(PrRelease) r = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (eml, "\nThe R2 lifts 40 kg, runs for 10 hours and charges in 90 minutes at its dock.\n");
  g_string_append (eml, "--outer\n"
                   "Content-Type: message/rfc822\n"
                   "Content-Disposition: attachment; filename=\"R1.eml\"\n"
                   "\n"
                   "From: Acme Media <media@acme.example>\n"
                   "Subject: Acme Unveils the R1\n"
                   "\n"
                   "Acme Unveils the R1\n\nBOSTON, May 1, 2023 -- Acme unveiled the R1.\n"
                   "--outer--\n");
  r = read_ok (eml->str);
  check_release (r);
  g_string_free (eml, TRUE);
}

static void
test_forwarded_html (void)
{
  g_autoptr(PrRelease) r = read_ok ("From: Sam Editor <sam@paper.example>\n"
                                    "Subject: Fwd: R2\n"
                                    "Content-Type: text/html; charset=utf-8\n"
                                    "\n"
                                    "<html><head><meta charset=\"utf-8\"></head><body>"
                                    "<div dir=\"ltr\">Thought you might want this one.<br><br>"
                                    "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
                                    "---------- Forwarded message ---------<br>"
                                    "From: <strong class=\"gmail_sendername\">Acme Media</strong> "
                                    "<span>&lt;<a href=\"mailto:media@acme.example\">media@acme.example</a>&gt;</span><br>"
                                    "Date: Tue, Mar 4, 2025 at 9:00\xc2\xa0" "AM<br>"
                                    "Subject: " TITLE "<br>"
                                    "To: &lt;sam@paper.example&gt;<br></div><br><br>"
                                    "<p>BOSTON--(BUSINESS WIRE)--Acme Robotics, Inc. today unveiled the R2, a warehouse robot "
                                    "that picks, packs and charges itself through the night.</p><p>It goes on sale in June.</p>"
                                    "</div></div></body></html>\n");

  check_forwarded (r);
  g_assert_cmpstr (pr_release_get_date (r), ==, "2025-03-04");
}

/* A pitch above the release: the release starts at the line that repeats the Subject. */
static void
test_pitch_note (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: " TITLE "\n"
                                    "\n"
                                    "Hi Sam,\n"
                                    "\n"
                                    "I hope you are well. Below is our news from this morning; happy to set up an interview.\n"
                                    "\n" RELEASE);

  check_release (r);
}

/* ---- footers ---- */

static void
test_footers (void)
{
  static const char *const footers[] = {
    "-- \nJane Roe | Acme Media | +1 555 0100\n",
    "_______________________________________________\n"
    "press-list mailing list\n"
    "press-list@lists.example\n"
    "https://lists.example/mailman/listinfo/press-list\n",
    "--\n"
    "You received this message because you are subscribed to the Google Groups \"Press\" group.\n"
    "To unsubscribe from this group and stop receiving emails from it, send an email to "
    "press+unsubscribe@googlegroups.com.\n",
    "To unsubscribe from these releases, reply with REMOVE.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (footers); i++)
    {
      g_autofree char *eml = g_strconcat (HEADERS, "Subject: R2\n\n", RELEASE, "\n", footers[i], NULL);
      g_autoptr(PrRelease) r = read_ok (eml);
      g_autofree char *body = body_joined (r);
      const char * const *trailer = pr_release_get_list (r, PR_LIST_TRAILER);
      const char * const *about = pr_release_get_list (r, PR_LIST_ABOUT);

      check_release (r);
      g_assert_null (strstr (body, "555 0100"));
      g_assert_null (strstr (body, "list"));
      g_assert_null (strstr (body, "unsubscribe"));
      g_assert_false (strv_contains_text (trailer, "unsubscribe"));
      g_assert_false (strv_contains_text (trailer, "list"));
      g_assert_false (strv_contains_text (about, "unsubscribe"));
      g_assert_false (strv_contains_text (about, "mailing list"));
      g_assert_false (strv_contains_text (pr_release_get_list (r, PR_LIST_PHONES), "555"));
    }
}

static void
test_footer_html (void)
{
  g_autoptr(PrRelease) r = read_ok (HEADERS
                                    "Subject: R2\n"
                                    "Content-Type: text/html\n"
                                    "\n"
                                    "<p>" TITLE "</p><p>BOSTON, March 4, 2025 /PRNewswire/ -- Acme Robotics, Inc. today "
                                    "unveiled the R2.</p>"
                                    "<div><span class=\"gmail_signature_prefix\">-- </span><br>"
                                    "<div class=\"gmail_signature\">Jane Roe, +1 555 0100</div></div>\n");
  g_autofree char *body = body_joined (r);

  check_release (r);
  g_assert_null (strstr (body, "555"));
}

/* ---- hostile messages ---- */

static gboolean
write_large_attachment (const char *path,
                        gsize       attachment_bytes)
{
  FILE *f = g_fopen (path, "wb");
  char line[78];

  if (f == NULL)
    return FALSE;
  fputs (HEADERS
         "Subject: R2 with its brochure\n"
         "Content-Type: multipart/mixed; boundary=\"mixed\"\n"
         "\n"
         "--mixed\n"
         "Content-Type: text/plain; charset=utf-8\n"
         "\n" RELEASE
         "--mixed\n"
         "Content-Type: application/pdf; name=\"brochure.pdf\"\n"
         "Content-Disposition: attachment; filename=\"brochure.pdf\"\n"
         "Content-Transfer-Encoding: base64\n"
         "\n", f);
  for (guint i = 0; i < 76; i++)
    line[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
  line[76] = '\n';
  line[77] = '\0';
  for (gsize written = 0; written < attachment_bytes; written += 77)
    fputs (line, f);
  fputs ("--mixed--\n", f);
  return fclose (f) == 0;
}

/* A 50 MB attachment is skipped: the text is read, the attachment never
 * held in memory (read from a file) or copied (read from memory). */
static void
test_large_attachment (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-email-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.eml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) from_file = NULL;
  g_autoptr(PrRelease) from_memory = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gint64 before, after;

  g_assert_true (write_large_attachment (path, 50 * 1024 * 1024));

  before = test_peak_kb (TRUE);
  from_file = pr_email_read_file (path, &error);
  after = test_peak_kb (FALSE);
  g_assert_no_error (error);
  check_release (from_file);
  g_assert_cmpstr (pr_release_get_field (from_file, PR_FIELD_ORIGIN), ==, path);
  if (before < 0 || after < 0)
    g_test_message ("VmHWM cannot be reset here: memory not checked");
  else
    {
      g_test_message ("50 MB attachment from a file: peak memory grew by %" G_GINT64_FORMAT " kB",
                      after - before);
      g_assert_cmpint (after - before, <, 16 * 1024);
    }

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 50 * 1024 * 1024);
  before = test_peak_kb (TRUE);
  from_memory = pr_email_read (data, length, "test.eml", &error);
  after = test_peak_kb (FALSE);
  g_assert_no_error (error);
  check_release (from_memory);
  if (before >= 0 && after >= 0)
    {
      g_test_message ("50 MB attachment in memory: peak memory grew by %" G_GINT64_FORMAT " kB",
                      after - before);
      g_assert_cmpint (after - before, <, 16 * 1024);
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* A text part over the cap is refused with the reason, not read whole. */
static void
test_large_text (void)
{
  GString *eml = g_string_new (HEADERS "Subject: Huge\n\n" TITLE "\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) r = NULL;

  while (eml->len <= PR_PARSER_MAX_SIZE + 1000)
    g_string_append (eml, "Acme Robotics builds robots for warehouses in Boston and Lyon.\n");
  r = pr_email_read (eml->str, eml->len, "test.eml", &error);
  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_TOO_LARGE);
  g_assert_null (r);
  g_string_free (eml, TRUE);
}

static char *
nested_multipart (guint    depth,
                  gboolean text_on_top)
{
  GString *eml = g_string_new (HEADERS "Subject: Deep\n"
                               "Content-Type: multipart/mixed; boundary=\"top\"\n\n--top\n");

  if (text_on_top)
    g_string_append (eml, "Content-Type: text/plain\n\n" RELEASE "--top\n");
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (eml, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (eml, "Content-Type: text/plain\n\n" RELEASE);
  for (guint i = depth; i-- > 0;)
    g_string_append_printf (eml, "--b%u--\n", i);
  g_string_append (eml, "--top--\n");
  return g_string_free (eml, FALSE);
}

static void
test_nested (void)
{
  g_autofree char *deep = nested_multipart (1000, FALSE);
  g_autofree char *beside = nested_multipart (1000, TRUE);
  g_autofree char *shallow = nested_multipart (10, FALSE);
  GString *messages = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) r = NULL;

  /* The text 1,000 levels down is not looked for: a clear error. */
  r = pr_email_read (deep, strlen (deep), "test.eml", &error);
  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT);
  g_assert_nonnull (strstr (error->message, "nested more than 32 levels deep"));
  g_assert_null (r);
  g_clear_error (&error);

  g_clear_object (&r);
  r = read_ok (beside);
  check_release (r);
  g_clear_object (&r);
  r = read_ok (shallow);
  check_release (r);
  g_clear_object (&r);

  /* Messages forwarded in messages, 1,000 deep. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (messages, "From: fwd@paper.example\nSubject: Fwd\nContent-Type: message/rfc822\n\n");
  g_string_append (messages, HEADERS "Subject: R2\n\n" RELEASE);
  r = pr_email_read (messages->str, messages->len, "test.eml", &error);
  g_assert_true (r != NULL || error->domain == PR_PARSER_ERROR);
  g_string_free (messages, TRUE);
}

static void
test_truncated (void)
{
  g_autofree char *encoded = corpus_email_base64 (RELEASE, strlen (RELEASE));
  g_autofree char *eml = g_strconcat (HEADERS,
                                      "Subject: R2\n"
                                      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
                                      "\n"
                                      "--alt\n"
                                      "Content-Type: text/plain; charset=utf-8\n"
                                      "Content-Transfer-Encoding: base64\n"
                                      "\n", encoded,
                                      "--alt\n"
                                      "Content-Type: text/html; charset=utf-8\n"
                                      "\n<p>HTML</p>\n"
                                      "--alt--\n", NULL);
  gsize length = strlen (eml);
  const char *text = strstr (eml, "base64\n\n") + 8;
  gsize cut = (text - eml) + strlen (encoded) / 2;

  for (gsize n = 0; n <= length; n += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) r = pr_email_read (eml, n, "test.eml", &error);

      g_assert_true ((r != NULL) != (error != NULL));
      if (r == NULL)
        g_assert_true (error->domain == PR_PARSER_ERROR && error->message[0] != '\0');
    }

  /* Cut in the middle of the text: the text that is there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrRelease) r = pr_email_read (eml, cut, "test.eml", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pr_release_get_title (r), ==, TITLE);
    g_assert_cmpstr (pr_release_get_field (r, PR_FIELD_CITY), ==, "Boston");
  }
  /* Cut in the headers: no text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrRelease) r = pr_email_read (eml, 40, "test.eml", &error);

    g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT);
  }
}

static void
test_not_email (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRelease) r = pr_email_read ("", 0, "test.eml", &error);

  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_EMPTY);
  g_clear_error (&error);
  r = pr_email_read ("Subject: nothing\n\n\n  \n", 20, "test.eml", &error);
  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT);
  g_clear_error (&error);
  r = pr_email_read_file ("/nonexistent/test.eml", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The import reads files on several threads: GMime is set up once, whichever comes first. */
static gpointer
read_many (gpointer data)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(PrRelease) r = read_ok (data);

      check_release (r);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *eml = g_strconcat (HEADERS "Subject: R2\n"
                                      "Content-Type: text/plain; charset=windows-1252\n"
                                      "Content-Transfer-Encoding: quoted-printable\n"
                                      "\n", RELEASE, NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("email", read_many, eml);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* ---- mailboxes ---- */

typedef struct {
  guint      count;
  guint      releases;
  GPtrArray *errors;     /* char * */
  GPtrArray *kept;       /* PrRelease *, when kept */
  GHashTable *titles;
} Found;

static void
on_found (guint         index,
          PrRelease    *release,
          const GError *error,
          gpointer      user_data)
{
  Found *found = user_data;

  found->count++;
  g_assert_cmpuint (index, ==, found->count);
  g_assert_true ((release != NULL) != (error != NULL));
  if (error != NULL)
    g_ptr_array_add (found->errors, g_strdup (error->message));
  else
    {
      found->releases++;
      if (found->kept != NULL)
        g_ptr_array_add (found->kept, g_object_ref (release));
      if (found->titles != NULL)
        g_hash_table_add (found->titles, g_strdup (pr_release_get_title (release)));
    }
}

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->errors, g_ptr_array_unref);
  g_clear_pointer (&found->kept, g_ptr_array_unref);
  g_clear_pointer (&found->titles, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

static char *
write_temp (const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-email-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_mbox (void)
{
  GString *mbox = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Found) found = { 0, 0, g_ptr_array_new_with_free_func (g_free),
                          g_ptr_array_new_with_free_func (g_object_unref), NULL };

  corpus_email_append_mbox (mbox, HEADERS "Subject: R2\n\n" TITLE "\n\nBOSTON, March 4, 2025 -- Acme Robotics "
                            "unveiled the R2.\n\nFrom our labs to your warehouse, said Jane Roe.\n");
  corpus_email_append_mbox (mbox, "From: a@acme.example\nSubject: Empty\n\n\n");
  corpus_email_append_mbox (mbox, "From: b@acme.example\nSubject: Acme Opens a Store\n\n"
                            "Acme opened a store on Main Street. It sells robots and spare parts.\n");
  path = write_temp ("test.mbox", mbox->str, mbox->len);
  g_string_free (mbox, TRUE);

  g_assert_true (pr_mbox_read_file (path, on_found, &found, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found.count, ==, 3);
  g_assert_cmpuint (found.releases, ==, 2);
  g_assert_cmpuint (found.errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found.errors, 0), ==, "message 2: no release text found in the message");
  {
    PrRelease *first = g_ptr_array_index (found.kept, 0);
    PrRelease *third = g_ptr_array_index (found.kept, 1);
    g_autofree char *body = body_joined (first);
    g_autofree char *origin = g_strconcat (path, "#3", NULL);

    g_assert_cmpstr (pr_release_get_title (first), ==, TITLE);
    g_assert_nonnull (strstr (body, "From our labs"));
    g_assert_null (strstr (body, ">From"));
    g_assert_cmpstr (pr_release_get_title (third), ==, "Acme Opens a Store");
    g_assert_cmpstr (pr_release_get_field (third, PR_FIELD_ORIGIN), ==, origin);
  }
  remove_temp (path);
}

static void
test_mbox_errors (void)
{
  g_autofree char *path = write_temp ("plain.txt", RELEASE, strlen (RELEASE));
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Found) found = { 0, 0, g_ptr_array_new_with_free_func (g_free), NULL, NULL };
  GString *mbox = g_string_new (NULL);
  g_autofree char *mbox_path = NULL;

  g_assert_false (pr_mbox_read_file (path, on_found, &found, NULL, &error));
  g_assert_error (error, PR_PARSER_ERROR, PR_PARSER_ERROR_NO_TEXT);
  g_assert_cmpuint (found.count, ==, 0);
  g_clear_error (&error);

  g_assert_false (pr_mbox_read_file ("/nonexistent/x.mbox", on_found, &found, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  corpus_email_append_mbox (mbox, HEADERS "Subject: R2\n\n" RELEASE);
  mbox_path = write_temp ("test.mbox", mbox->str, mbox->len);
  g_string_free (mbox, TRUE);
  g_cancellable_cancel (cancellable);
  g_assert_false (pr_mbox_read_file (mbox_path, on_found, &found, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (found.count, ==, 0);

  remove_temp (path);
  remove_temp (mbox_path);
}

/* 10,000 messages, streamed: 10,000 releases, and memory that does not
 * grow with the mailbox. */
static void
test_mbox_10000 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pr-email-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.mbox", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Found) found = { 0, 0, g_ptr_array_new_with_free_func (g_free), NULL,
                          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  GString *mbox = g_string_new (NULL);
  FILE *f = g_fopen (path, "wb");
  gint64 before, after;

  g_assert_nonnull (f);
  for (guint i = 1; i <= 10000; i++)
    {
      g_autofree char *message =
        g_strdup_printf ("From: Acme Media <media@acme.example>\n"
                         "Date: Tue, 04 Mar 2025 09:00:00 -0500\n"
                         "Subject: Release %u\n"
                         "Message-ID: <%u@acme.example>\n"
                         "\n"
                         "Acme Robotics Ships Robot Number %u\n"
                         "\n"
                         "BOSTON, March 4, 2025 -- Acme Robotics, Inc. today shipped robot number %u to a "
                         "warehouse in Lyon, where it will pick and pack at night.\n"
                         "\n"
                         "About Acme Robotics\n"
                         "Acme Robotics builds robots for warehouses.\n",
                         i, i, i, i);

      g_string_truncate (mbox, 0);
      corpus_email_append_mbox (mbox, message);
      fwrite (mbox->str, 1, mbox->len, f);
    }
  g_assert_cmpint (fclose (f), ==, 0);
  g_string_free (mbox, TRUE);

  before = test_peak_kb (TRUE);
  g_assert_true (pr_mbox_read_file (path, on_found, &found, NULL, &error));
  after = test_peak_kb (FALSE);
  g_assert_no_error (error);
  g_assert_cmpuint (found.count, ==, 10000);
  g_assert_cmpuint (found.releases, ==, 10000);
  g_assert_cmpuint (g_hash_table_size (found.titles), ==, 10000);
  g_assert_true (g_hash_table_contains (found.titles, "Acme Robotics Ships Robot Number 10000"));
  /* AddressSanitizer keeps freed memory in quarantine: no figure there. */
#ifndef __SANITIZE_ADDRESS__
  if (before >= 0 && after >= 0)
#else
  if (FALSE)
#endif
    {
      struct stat st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_message ("mbox of %" G_GINT64_FORMAT " kB: peak memory grew by %" G_GINT64_FORMAT " kB",
                      (gint64) st.st_size / 1024, after - before);
      /* The 10,000 titles the test keeps take about 1 MB. */
      g_assert_cmpint (after - before, <, 8 * 1024);
    }
  else
    g_test_message ("VmHWM cannot be reset here: memory not checked");

  g_unlink (path);
  g_rmdir (dir);
}

/* ---- the corpus, as messages ---- */

#define PASS_MARK 98.0

typedef struct {
  CorpusScoreTable *table;
  GPtrArray *rows;      /* char ** cells: the table's */
  GPtrArray *texts;     /* char *: the release text, UTF-8 */
} Corpus;

static void
corpus_clear (Corpus *corpus)
{
  g_clear_pointer (&corpus->table, corpus_score_table_free);
  corpus->rows = NULL;
  g_clear_pointer (&corpus->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Corpus, corpus_clear)

/* The corpus rows and their texts, read at run time from ../shared. */
static gboolean
corpus_load (Corpus *corpus)
{
  corpus->table = corpus_score_table_load ();
  if (corpus->table == NULL)
    return FALSE;
  corpus->rows = corpus->table->rows;
  corpus->texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < corpus->rows->len; i++)
    {
      char **cells = g_ptr_array_index (corpus->rows, i);
      g_autofree char *path = g_build_filename (corpus->table->shared, cells[0], NULL);
      g_autofree char *raw = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
      g_ptr_array_add (corpus->texts, pr_text_decode (raw, length, &error));
      g_assert_no_error (error);
    }
  return TRUE;
}

/* The Subject a release is sent with: its headline (when known). */
static const char *
corpus_subject (char **cells)
{
  return cells[1] != NULL && *cells[1] != '\0' ? cells[1] : "Press release";
}

static void
test_corpus (gconstpointer data)
{
  CorpusEmail wrap = GPOINTER_TO_UINT (data);
  g_auto(Corpus) corpus = { NULL, NULL, NULL };
  guint checked = 0, matched = 0, skipped = 0;
  double score;

  if (!corpus_load (&corpus))
    return;
  for (guint i = 0; i < corpus.rows->len; i++)
    {
      char **cells = g_ptr_array_index (corpus.rows, i);
      g_autofree char *eml = corpus_email_build (wrap, g_ptr_array_index (corpus.texts, i),
                                                 corpus_subject (cells), i + 1);
      g_autofree char *label = g_strdup_printf ("%s as %s", cells[0], corpus_email_name (wrap));
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRelease) release = NULL;

      if (eml == NULL)
        {
          skipped++;
          continue;
        }
      release = pr_email_read (eml, strlen (eml), "corpus.eml", &error);
      if (release == NULL)
        g_test_message ("%s: %s", label, error->message);
      corpus_score_row (corpus.table, cells, release, label, &checked, &matched);
    }

  g_assert_cmpuint (checked, >, 0);
  score = 100.0 * matched / checked;
  g_test_message ("corpus as %s email: %u/%u cells = %.1f%% (%u releases not wrapped: beyond Windows-1252)",
                  corpus_email_name (wrap), matched, checked, score, skipped);
  g_assert_cmpfloat (score, >=, PASS_MARK);
}

typedef struct {
  Corpus    *corpus;
  GArray    *sent;      /* guint: the row of each message */
  GArray    *wraps;     /* CorpusEmail: how each message was wrapped */
  guint      count;
  guint      checked;
  guint      matched;
} MboxScore;

static void
on_corpus_message (guint         index,
                   PrRelease    *release,
                   const GError *error,
                   gpointer      user_data)
{
  MboxScore *score = user_data;
  guint row = g_array_index (score->sent, guint, index - 1);
  CorpusEmail wrap = g_array_index (score->wraps, CorpusEmail, index - 1);
  char **cells = g_ptr_array_index (score->corpus->rows, row);
  g_autofree char *label = g_strdup_printf ("%s as %s email in an mbox", cells[0], corpus_email_name (wrap));

  score->count++;
  if (error != NULL)
    g_test_message ("%s: %s", label, error->message);
  corpus_score_row (score->corpus->table, cells, release, label, &score->checked,
                    &score->matched);
}

/* Every wrapping of every release, in one mailbox. */
static void
test_corpus_mbox (void)
{
  g_auto(Corpus) corpus = { NULL, NULL, NULL };
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) wraps = g_array_new (FALSE, FALSE, sizeof (CorpusEmail));
  GString *mbox = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  MboxScore score = { &corpus, sent, wraps, 0, 0, 0 };
  double percent;

  if (!corpus_load (&corpus))
    {
      g_string_free (mbox, TRUE);
      return;
    }
  for (guint i = 0; i < corpus.rows->len; i++)
    for (CorpusEmail wrap = 0; wrap < CORPUS_N_EMAILS; wrap++)
      {
        char **cells = g_ptr_array_index (corpus.rows, i);
        g_autofree char *eml = corpus_email_build (wrap, g_ptr_array_index (corpus.texts, i),
                                                   corpus_subject (cells), sent->len + 1);

        if (eml == NULL)
          continue;
        corpus_email_append_mbox (mbox, eml);
        g_array_append_val (sent, i);
        g_array_append_val (wraps, wrap);
      }
  path = write_temp ("corpus.mbox", mbox->str, mbox->len);
  g_string_free (mbox, TRUE);

  g_assert_true (pr_mbox_read_file (path, on_corpus_message, &score, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (score.count, ==, sent->len);
  g_assert_cmpuint (score.checked, >, 0);
  percent = 100.0 * score.matched / score.checked;
  g_test_message ("corpus as one mbox of %u messages: %u/%u cells = %.1f%%",
                  sent->len, score.matched, score.checked, percent);
  g_assert_cmpfloat (percent, >=, PASS_MARK);
  remove_temp (path);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First: GMime is not set up yet. */
  g_test_add_func ("/core/email/threads", test_threads);
  g_test_add_func ("/core/email/plain", test_plain);
  g_test_add_func ("/core/email/plain-crlf", test_plain_crlf);
  g_test_add_func ("/core/email/html-only", test_html_only);
  g_test_add_func ("/core/email/alternative", test_alternative);
  g_test_add_func ("/core/email/alternative-empty-plain", test_alternative_empty_plain);
  g_test_add_func ("/core/email/quoted-printable-1252", test_quoted_printable_1252);
  g_test_add_func ("/core/email/latin1-label", test_latin1_label);
  g_test_add_func ("/core/email/base64", test_base64);
  g_test_add_func ("/core/email/flowed", test_flowed);
  g_test_add_func ("/core/email/subject-headline", test_subject_headline);
  g_test_add_func ("/core/email/subject-not-headline", test_subject_not_headline);
  g_test_add_func ("/core/email/date-fallback", test_date_fallback);
  g_test_add_func ("/core/email/from-contact", test_from_contact);
  g_test_add_func ("/core/email/from-wire", test_from_wire);
  g_test_add_func ("/core/email/forwarded/gmail", test_forwarded_gmail);
  g_test_add_func ("/core/email/forwarded/outlook", test_forwarded_outlook);
  g_test_add_func ("/core/email/forwarded/quoted", test_forwarded_quoted);
  g_test_add_func ("/core/email/forwarded/attachment", test_forwarded_attachment);
  g_test_add_func ("/core/email/forwarded/html", test_forwarded_html);
  g_test_add_func ("/core/email/attached-message", test_attached_message);
  g_test_add_func ("/core/email/pitch-note", test_pitch_note);
  g_test_add_func ("/core/email/footers", test_footers);
  g_test_add_func ("/core/email/footer-html", test_footer_html);
  g_test_add_func ("/core/email/hostile/large-attachment", test_large_attachment);
  g_test_add_func ("/core/email/hostile/large-text", test_large_text);
  g_test_add_func ("/core/email/hostile/nested", test_nested);
  g_test_add_func ("/core/email/hostile/truncated", test_truncated);
  g_test_add_func ("/core/email/hostile/not-email", test_not_email);
  g_test_add_func ("/core/email/mbox/read", test_mbox);
  g_test_add_func ("/core/email/mbox/errors", test_mbox_errors);
  g_test_add_func ("/core/email/mbox/10000", test_mbox_10000);
  for (CorpusEmail wrap = 0; wrap < CORPUS_N_EMAILS; wrap++)
    {
      g_autofree char *path = g_strdup_printf ("/core/email/corpus/%s", corpus_email_name (wrap));

      g_test_add_data_func (path, GUINT_TO_POINTER (wrap), test_corpus);
    }
  g_test_add_func ("/core/email/corpus/mbox", test_corpus_mbox);

  return g_test_run ();
}
