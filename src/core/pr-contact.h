/* pr-contact.h: a media or investor contact named in a release */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PR_TYPE_CONTACT (pr_contact_get_type ())
G_DECLARE_FINAL_TYPE (PrContact, pr_contact, PR, CONTACT, GObject)

/* Reads a contact block ("Media Contact:\nJane Roe\nAcme Corp\njane@acme.example\n+1 555 0100")
 * into its parts; the block itself stays available as "text". */
PrContact  *pr_contact_new_from_text      (const char *text);

const char *pr_contact_get_text           (PrContact  *self);
const char *pr_contact_get_label          (PrContact  *self);
const char *pr_contact_get_name           (PrContact  *self);
const char *pr_contact_get_organization   (PrContact  *self);
const char *pr_contact_get_email          (PrContact  *self);
const char *pr_contact_get_phone          (PrContact  *self);

G_END_DECLS
