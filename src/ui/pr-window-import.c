/* pr-window-import.c: importing into the window's library: the file
 * chooser, drops, the import's progress and its failures
 *
 * An import is a PrImport run asynchronously (its threads run at a lower
 * CPU priority, parsing included); opening files then shows the first
 * release of the inputs, which the import tells. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-import.h"
#include "pr-window-private.h"

/* The import's progress is shown at most this often. */
#define PROGRESS_INTERVAL_MS 250

/* ---- progress and failures ------------------------------------------- */

static void
import_progress_changed (PrWindow *self,
                         PrImport *import)
{
  guint done = pr_import_get_done (import);
  guint total = pr_import_get_total (import);
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_monotonic_time ();

  /* Each change of the text lays the window out again. */
  if (done < total && now - self->progress_shown < PROGRESS_INTERVAL_MS * 1000)
    return;
  self->progress_shown = now;
  current = pr_import_dup_current_file (import);

  if (total > 0)
    {
      g_autofree char *count = NULL;

      gtk_progress_bar_set_fraction (self->import_progress, MIN (1.0, (double) done / total));
      /* Translators: import progress, "12 of 40 files". */
      count = g_strdup_printf (ngettext ("%'u of %'u file", "%'u of %'u files", total), done, total);
      if (current != NULL)
        {
          g_autofree char *name = g_path_get_basename (current);

          text = g_strdup_printf ("%s · %s", count, name);
        }
      else
        text = g_steal_pointer (&count);
    }
  else
    {
      gtk_progress_bar_pulse (self->import_progress);
      text = g_strdup (_("Looking for releases…"));
    }
  gtk_label_set_text (self->import_label, text);
}

static void
show_failures (PrWindow   *self,
               GPtrArray  *failures,
               const char *error)
{
  GtkWidget *dialog;
  GString *body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint shown = MIN (failures->len, 50);
  guint n = failures->len + (error != NULL);

  if (error != NULL)
    g_string_append_printf (body, "%s\n", error);
  for (guint i = 0; i < shown; i++)
    {
      PrImportFailure *failure = g_ptr_array_index (failures, i);

      g_string_append_printf (body, "%s: %s\n", failure->path, failure->reason);
    }
  if (failures->len > shown)
    g_string_append_printf (body, ngettext ("…and %'u more file", "…and %'u more files",
                                            failures->len - shown), failures->len - shown);
  heading = g_strdup_printf (ngettext ("%'u File Could Not Be Imported",
                                       "%'u Files Could Not Be Imported", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  /* Paths and reasons are plain text. */
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), g_strchomp (body->str));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

/* A full or read-only disk stopped the import: one message, and how to
 * finish (what was written stays; the same files again skip it). */
static void
show_stopped (PrWindow   *self,
              const char *why,
              guint       imported)
{
  GtkWidget *dialog;
  g_autofree char *done = g_strdup_printf (ngettext ("%'u new release was imported before it stopped. "
                                                     "Import the same files again to finish: the ones "
                                                     "already in the library are skipped.",
                                                     "%'u new releases were imported before it stopped. "
                                                     "Import the same files again to finish: the ones "
                                                     "already in the library are skipped.", imported),
                                           imported);
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", why, done);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Stopped"), NULL);
  gtk_widget_set_name (dialog, "pr-import-stopped");
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- import ---------------------------------------------------------- */

/* An import run with pr_import_run_async(): its own thread, at a lower
 * CPU priority (see pr-import.h). */
typedef struct {
  PrWindow *window;
  PrStore *store;
  gboolean select_first;
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  g_object_unref (run->window);
  g_object_unref (run->store);
  g_free (run);
}

static void
import_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ImportRun *run = user_data;
  PrImport *import = PR_IMPORT (source);
  PrWindow *self = run->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  gint64 select_id = 0;
  guint imported;

  pr_import_run_finish (import, result, &error);
  failures = pr_import_dup_failures (import);
  imported = pr_import_get_imported (import);

  g_signal_handlers_disconnect_by_data (import, self);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  pr_window_update_actions (self);
  pr_window_notify_importing (self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* The counts now, not at the import's pace. */
      g_clear_handle_id (&self->counts_timeout, g_source_remove);
      pr_window_refresh_counts (self);
      g_clear_handle_id (&self->facets_timeout, g_source_remove);
      pr_window_refresh_facets (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pr_window_toast (self, _("Import cancelled"));
      else if (pr_store_error_is_unwritable (error))
        show_stopped (self, error->message, imported);
      else if (error != NULL || failures->len > 0)
        show_failures (self, failures, error ? error->message : NULL);
      else
        {
          g_autofree char *title = g_strdup_printf (ngettext ("%'u new release", "%'u new releases",
                                                              imported), imported);
          pr_window_toast (self, title);
        }

      /* The first release of the inputs, as the import tells. */
      select_id = pr_import_get_first_release_id (import);
      if (run->select_first && select_id != 0 && self->store == run->store)
        {
          g_autoptr(PrRelease) release = pr_store_get_release (self->store, select_id, NULL);

          if (release != NULL)
            pr_window_select_release (self, release);
        }
    }
  g_clear_object (&self->import);
  import_run_free (run);
}

void
pr_window_start_import (PrWindow  *self,
                        GFile    **files,
                        guint      n_files,
                        gboolean   select_first)
{
  ImportRun *run;

  if (n_files == 0)
    return;
  if (self->store == NULL)
    {
      if (self->library_failed)
        {
          pr_window_toast (self, _("The library could not be opened"));
          return;
        }
      /* The library is still opening: the files wait for it. */
      if (self->queued_files == NULL)
        self->queued_files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (self->queued_files, g_object_ref (files[i]));
      self->queued_select_first = self->queued_select_first || select_first;
      return;
    }
  if (self->import_cancellable != NULL)
    {
      pr_window_toast (self, _("An import is already running"));
      return;
    }

  self->import = pr_import_new (self->store);
  for (guint i = 0; i < n_files; i++)
    pr_import_add_file (self->import, files[i]);
  g_signal_connect_object (self->import, "progress", G_CALLBACK (import_progress_changed), self,
                           G_CONNECT_SWAPPED);
  self->import_select_first = select_first;
  self->import_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_label_set_text (self->import_label, _("Looking for releases…"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  pr_window_update_actions (self);
  pr_window_notify_importing (self);

  run = g_new0 (ImportRun, 1);
  run->window = g_object_ref (self);
  run->store = g_object_ref (self->store);
  run->select_first = select_first;
  pr_import_run_async (self->import, self->import_cancellable, import_finished, run);
}

void
pr_window_import_files (PrWindow  *self,
                        GFile    **files,
                        int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  pr_window_start_import (self, files, MAX (n_files, 0), FALSE);
}

void
pr_window_open_files (PrWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  pr_window_start_import (self, files, MAX (n_files, 0), TRUE);
}

gboolean
pr_window_get_importing (PrWindow *self)
{
  g_return_val_if_fail (PR_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL;
}

/* ---- file chooser and drops ------------------------------------------ */

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  PrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      pr_window_start_import (self, (GFile **) array->pdata, array->len, TRUE);
    }
  g_clear_object (&self->chooser);
}

void
pr_window_open_chooser (PrWindow *self,
                        gboolean  folder)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (folder ? _("Import Folder") : _("Import Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      GtkFileFilter *releases = gtk_file_filter_new ();
      GtkFileFilter *all = gtk_file_filter_new ();

      gtk_file_filter_set_name (releases, _("Press Releases and Catalogs"));
      gtk_file_filter_add_mime_type (releases, "text/plain");
      gtk_file_filter_add_mime_type (releases, "application/json");
      gtk_file_filter_add_suffix (releases, "txt");
      gtk_file_filter_add_suffix (releases, "json");
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), releases);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      g_object_unref (releases);
      g_object_unref (all);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (self->chooser);
}

gboolean
pr_window_drop_files (PrWindow      *self,
                      const GValue  *value,
                      double         x,
                      double         y,
                      GtkDropTarget *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files = list ? gdk_file_list_get_files (list) : NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);
  pr_window_start_import (self, (GFile **) array->pdata, array->len, TRUE);
  return array->len > 0;
}
