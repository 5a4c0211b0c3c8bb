/* pr-window-state.c: read and bookmark state written from the window,
 * its toasts and their undo, and mark all read */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-window-private.h"

/* ---- read and bookmarked --------------------------------------------- */

/* State: shown at once on the live release, written asynchronously. The
 * store then sets the same state (with its times) on the release. */

typedef struct {
  PrWindow *window;
  GApplication *app;
  PrRelease *release;
  gboolean bookmark;      /* else read */
  gboolean old_value;
  gint64 old_at;
} StateWrite;

static void
state_write_free (StateWrite *write)
{
  g_object_unref (write->window);
  g_clear_object (&write->app);
  g_object_unref (write->release);
  g_free (write);
}

static void
adjust_counts (PrWindow *self,
               gboolean  bookmark,
               gboolean  value)
{
  guint *count = bookmark ? &self->count_bookmarked : &self->count_unread;
  /* Read lowers the unread count; a bookmark raises the bookmarked one. */
  gboolean up = bookmark ? value : !value;

  if (up)
    (*count)++;
  else if (*count > 0)
    (*count)--;
  pr_window_update_count_labels (self);
}

static void
state_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StateWrite *write = user_data;
  PrWindow *self = write->window;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (write->bookmark)
    ok = pr_store_set_bookmarked_finish (PR_STORE (source), result, &error);
  else
    ok = pr_store_set_read_finish (PR_STORE (source), result, &error);
  self->pending_writes--;
  if (self->pending_writes == 0 && self->next_unread_wanted)
    pr_window_next_unread (self);

  if (!ok)
    {
      /* Not saved: show the state as it is. */
      if (write->bookmark)
        {
          pr_release_set_bookmarked_at (write->release, write->old_at);
          pr_release_set_bookmarked (write->release, write->old_value);
        }
      else
        {
          pr_release_set_read_at (write->release, write->old_at);
          pr_release_set_read (write->release, write->old_value);
        }
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        {
          g_autofree char *title = g_strdup_printf (_("The change could not be saved: %s"),
                                                    error->message);
          pr_window_toast (self, title);
        }
    }
  pr_window_refresh_counts (self);
  pr_window_release_application (write->app);
  state_write_free (write);
}

static void
write_state (PrWindow  *self,
             PrRelease *release,
             gboolean   bookmark,
             gboolean   value)
{
  gint64 id = pr_release_get_store_id (release);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  StateWrite *write;

  g_return_if_fail (PR_IS_WINDOW (self));
  g_return_if_fail (PR_IS_RELEASE (release));

  value = !!value;
  if ((bookmark ? pr_release_get_bookmarked (release) : pr_release_get_read (release)) == value)
    return;

  write = g_new0 (StateWrite, 1);
  write->window = g_object_ref (self);
  write->release = g_object_ref (release);
  write->bookmark = bookmark;
  if (bookmark)
    {
      write->old_value = pr_release_get_bookmarked (release);
      write->old_at = pr_release_get_bookmarked_at (release);
      pr_release_set_bookmarked_at (release, value ? now : 0);
      pr_release_set_bookmarked (release, value);
    }
  else
    {
      write->old_value = pr_release_get_read (release);
      write->old_at = pr_release_get_read_at (release);
      pr_release_set_read_at (release, value ? now : 0);
      pr_release_set_read (release, value);
    }

  if (self->store == NULL || id == 0)
    {
      /* Not from the library: nothing to write. */
      state_write_free (write);
      return;
    }
  adjust_counts (self, bookmark, value);
  self->pending_writes++;
  pr_window_hold_application (self);
  write->app = pr_window_get_application (self) != NULL
               ? g_object_ref (pr_window_get_application (self)) : NULL;
  /* Not cancellable: a state change the user made is always written. */
  if (bookmark)
    pr_store_set_bookmarked_async (self->store, id, value, NULL, state_written, write);
  else
    pr_store_set_read_async (self->store, id, value, NULL, state_written, write);
}

void
pr_window_set_read (PrWindow  *self,
                    PrRelease *release,
                    gboolean   read)
{
  write_state (self, release, FALSE, read);
}

void
pr_window_set_bookmarked (PrWindow  *self,
                          PrRelease *release,
                          gboolean   bookmarked)
{
  write_state (self, release, TRUE, bookmarked);
}

/* ---- toasts and undo ------------------------------------------------- */

static void
toast_dismissed (PrWindow *self,
                 AdwToast *toast)
{
  GHashTableIter iter;
  gpointer value;

  if (self->toasts_shown == NULL)
    return;
  g_hash_table_iter_init (&iter, self->toasts_shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == toast)
      g_hash_table_iter_remove (&iter);
}

void
pr_window_toast (PrWindow   *self,
                 const char *title)
{
  /* A toast's title is markup (libadwaita 1.2 has no use-markup): file
   * names and reasons in it are escaped. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  /* The same message once while it is shown (a burst of writes refused
   * by a full disk would otherwise queue one each). */
  if (self->toasts_shown == NULL || g_hash_table_contains (self->toasts_shown, title))
    return;
  toast = adw_toast_new (escaped);
  g_hash_table_insert (self->toasts_shown, g_strdup (title), toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void mark_read_async (PrWindow *self, GArray *ids);

typedef struct {
  PrWindow *window;
  PrRelease *release;     /* un-bookmarked, or NULL */
  GArray *ids;            /* marked read, or NULL */
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_object_unref (undo->window);
  g_clear_object (&undo->release);
  g_clear_pointer (&undo->ids, g_array_unref);
  g_free (undo);
}

static void
undo_clicked (AdwToast *t,
              UndoData *undo)
{
  if (undo->release != NULL)
    pr_window_set_bookmarked (undo->window, undo->release, TRUE);
  if (undo->ids != NULL)
    mark_read_async (undo->window, undo->ids);
}

void
pr_window_toast_with_undo (PrWindow   *self,
                           const char *title,
                           PrRelease  *release,
                           GArray     *ids)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *t = adw_toast_new (escaped);
  UndoData *undo = g_new0 (UndoData, 1);

  undo->window = g_object_ref (self);
  undo->release = release ? g_object_ref (release) : NULL;
  undo->ids = ids ? g_array_ref (ids) : NULL;
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (undo_clicked), undo,
                         (GClosureNotify) (void (*)(void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- mark all read --------------------------------------------------- */

/* Mark all read, and its undo, in worker threads (the store's async
 * calls): the releases the list shows (its search and facet; only the
 * bookmarked ones with that filter) that are unread, their ids read in
 * one query and written in one transaction; the undo writes the same ids
 * back in one transaction. */

typedef struct {
  PrWindow *window;
  PrStore *store;
  PrQuery *query;     /* mark these read, or */
  GArray *ids;        /* mark these unread */
  GArray *done;       /* the ids marked read */
  GApplication *app;
} MarkJob;

static void
mark_job_free (MarkJob *job)
{
  g_object_unref (job->window);
  g_clear_object (&job->store);
  g_clear_object (&job->query);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->done, g_array_unref);
  pr_window_release_application (job->app);
  g_clear_object (&job->app);
  g_free (job);
}

/* The job's end: @done, the ids it marked read, or @error. */
static void
mark_done (MarkJob      *job,
           GArray       *done,
           const GError *error)
{
  PrWindow *self = job->window;

  self->pending_writes--;
  if (self->pending_writes == 0 && self->next_unread_wanted)
    pr_window_next_unread (self);
  pr_window_refresh_counts (self);
  if (done == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The change could not be saved: %s"), error->message);

      pr_window_toast (self, title);
    }
  else if (job->ids == NULL && done->len > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%'u release marked as read",
                                                          "%'u releases marked as read", done->len),
                                                done->len);
      pr_window_toast_with_undo (self, title, NULL, done);
    }
  mark_job_free (job);
}

static void
mark_written (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MarkJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!pr_store_set_read_ids_finish (PR_STORE (source), result, &error))
    mark_done (job, NULL, error);
  else
    mark_done (job, job->done != NULL ? job->done : none, NULL);
}

static void
mark_ids_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MarkJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = pr_store_search_ids_finish (PR_STORE (source), result, &error);

  if (ids == NULL || ids->len == 0)
    {
      mark_done (job, ids, error);
      return;
    }
  job->done = g_steal_pointer (&ids);
  pr_store_set_read_ids_async (job->store, job->done, TRUE, NULL, mark_written, job);
}

void
pr_window_run_mark_job (PrWindow *self,
                        PrQuery  *query,
                        GArray   *ids)
{
  MarkJob *job;

  if (self->store == NULL)
    return;
  job = g_new0 (MarkJob, 1);
  job->window = g_object_ref (self);
  job->store = g_object_ref (self->store);
  job->query = query ? g_object_ref (query) : NULL;
  job->ids = ids ? g_array_ref (ids) : NULL;
  job->app = pr_window_get_application (self) != NULL
             ? g_object_ref (pr_window_get_application (self)) : NULL;
  pr_window_hold_application (self);
  self->pending_writes++;
  /* Not cancellable: written even when the window closes meanwhile. */
  if (job->ids != NULL)
    pr_store_set_read_ids_async (job->store, job->ids, FALSE, NULL, mark_written, job);
  else
    pr_store_search_ids_async (job->store, job->query, PR_FILTER_UNREAD, PR_SORT_DATE, 0, G_MAXUINT,
                               NULL, mark_ids_found, job);
}

static void
mark_read_async (PrWindow *self,
                 GArray   *ids)
{
  pr_window_run_mark_job (self, NULL, ids);
}
