/* pr-window-import.c: importing into the window's library: the file
 * chooser, drops, the import's progress and its failures */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-catalog.h"
#include "pr-import.h"
#include "pr-parser.h"
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

/* ---- import ---------------------------------------------------------- */

/* Import: PrImport in a worker thread. The first release in the order of
 * the inputs (folders in name order, as PrImport walks them) is noted
 * while the files are parsed, to be shown at the end. */

typedef struct {
  gint ref_count;
  GMutex lock;
  GPtrArray *inputs;      /* char*: the given paths, canonical */
  char *best_path;
  guint best_input;
  PrRelease *best;
  guint catalog_input;    /* the first input that is a catalog, or inputs->len */
  gint64 catalog_first;   /* the store id of its first release, or 0 */
} FirstRelease;

static FirstRelease *
first_release_new (void)
{
  FirstRelease *first = g_new0 (FirstRelease, 1);

  first->ref_count = 1;
  g_mutex_init (&first->lock);
  first->inputs = g_ptr_array_new_with_free_func (g_free);
  return first;
}

static FirstRelease *
first_release_ref (FirstRelease *first)
{
  g_atomic_int_inc (&first->ref_count);
  return first;
}

static void
first_release_unref (gpointer data)
{
  FirstRelease *first = data;

  if (first == NULL || !g_atomic_int_dec_and_test (&first->ref_count))
    return;
  g_ptr_array_unref (first->inputs);
  g_free (first->best_path);
  g_clear_object (&first->best);
  g_mutex_clear (&first->lock);
  g_free (first);
}

static guint
input_of (FirstRelease *first,
          const char   *path)
{
  for (guint i = 0; i < first->inputs->len; i++)
    {
      const char *input = g_ptr_array_index (first->inputs, i);
      gsize length = strlen (input);

      if (strncmp (path, input, length) == 0 && (path[length] == '\0' || path[length] == '/'))
        return i;
    }
  return first->inputs->len;
}

/* Name by name, as a walk in name order meets them. */
static int
compare_paths (const char *a,
               const char *b)
{
  g_auto(GStrv) pa = g_strsplit (a, "/", -1);
  g_auto(GStrv) pb = g_strsplit (b, "/", -1);

  for (guint i = 0; ; i++)
    {
      int cmp;

      if (pa[i] == NULL || pb[i] == NULL)
        return (pa[i] != NULL) - (pb[i] != NULL);
      cmp = strcmp (pa[i], pb[i]);
      if (cmp != 0)
        return cmp;
    }
}

/* PrImport's parse function, on its pool's threads (which run at a lower
 * priority, see pr-import.c): parses and notes the first release. */
static PrRelease *
parse_and_note_first (GFile         *file,
                      GCancellable  *cancellable,
                      gpointer       user_data,
                      GError       **error)
{
  FirstRelease *first = user_data;
  PrRelease *release = pr_parse_file (file, cancellable, error);
  const char *path = g_file_peek_path (file);

  if (release == NULL || path == NULL)
    return release;

  g_mutex_lock (&first->lock);
  {
    guint input = input_of (first, path);

    if (first->best == NULL || input < first->best_input
        || (input == first->best_input && compare_paths (path, first->best_path) < 0))
      {
        g_set_object (&first->best, release);
        g_free (first->best_path);
        first->best_path = g_strdup (path);
        first->best_input = input;
      }
  }
  g_mutex_unlock (&first->lock);
  return release;
}

/* An import on a thread of its own at background priority. */
typedef struct {
  PrWindow *window;
  PrImport *import;
  PrStore *store;
  GCancellable *cancellable;
  FirstRelease *first;
  gboolean select_first;
  GThread *thread;
  GMainContext *context;
  gboolean ok;
  GError *error;
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  g_object_unref (run->window);
  g_object_unref (run->import);
  g_object_unref (run->store);
  g_object_unref (run->cancellable);
  first_release_unref (run->first);
  g_main_context_unref (run->context);
  g_clear_error (&run->error);
  g_free (run);
}

/* The first release of the first input that is a catalog (a .json file),
 * by its content id: the catalog is read again, on this thread. */
static void
note_catalog_first (ImportRun *run)
{
  FirstRelease *first = run->first;

  for (guint i = 0; i < first->inputs->len; i++)
    {
      const char *path = g_ptr_array_index (first->inputs, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) releases = NULL;
      g_autoptr(PrRelease) stored = NULL;

      if (!g_str_has_suffix (path, ".json") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      first->catalog_input = i;
      file = g_file_new_for_path (path);
      releases = pr_catalog_read_file (file, run->cancellable, NULL, NULL);
      if (releases != NULL && releases->len > 0)
        stored = pr_store_find_release (run->store,
                                        pr_release_compute_id (g_ptr_array_index (releases, 0)),
                                        NULL);
      if (stored != NULL)
        first->catalog_first = pr_release_get_store_id (stored);
      return;
    }
}

static gboolean import_finished (gpointer data);

static gpointer
import_thread (gpointer data)
{
  ImportRun *run = data;
  GSource *source;

  pr_import_lower_thread_priority ();
  run->ok = pr_import_run (run->import, run->cancellable, &run->error);
  if (run->select_first && !g_cancellable_is_cancelled (run->cancellable))
    note_catalog_first (run);
  /* Always in the window's thread (g_main_context_invoke() could call it
   * here when that thread is between iterations). */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, import_finished, run, NULL);
  g_source_set_static_name (source, "[pressreader] import finished");
  g_source_attach (source, run->context);
  g_source_unref (source);
  return NULL;
}

static gboolean
import_finished (gpointer data)
{
  ImportRun *run = data;
  PrWindow *self = run->window;
  FirstRelease *first = run->first;
  g_autoptr(GPtrArray) failures = NULL;
  gint64 select_id = 0;
  guint imported;

  g_thread_join (run->thread);
  failures = pr_import_dup_failures (run->import);
  imported = pr_import_get_imported (run->import);

  g_signal_handlers_disconnect_by_data (run->import, self);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->import_first, first_release_unref);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  update_actions (self);
  pr_window_notify_importing (self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* The counts now, not at the import's pace. */
      g_clear_handle_id (&self->counts_timeout, g_source_remove);
      refresh_counts (self);
      g_clear_handle_id (&self->facets_timeout, g_source_remove);
      refresh_facets (self);

      if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Import cancelled"));
      else if (run->error != NULL || failures->len > 0)
        show_failures (self, failures, run->error ? run->error->message : NULL);
      else
        {
          g_autofree char *title = g_strdup_printf (ngettext ("%'u new release", "%'u new releases",
                                                              imported), imported);
          toast (self, title);
        }

      /* The first release of the inputs: a catalog's, or a file's. */
      if (first->catalog_first != 0
          && (first->best == NULL || first->catalog_input <= first->best_input))
        select_id = first->catalog_first;
      else if (first->best != NULL)
        select_id = pr_release_get_store_id (first->best);
      if (run->select_first && select_id != 0 && self->store == run->store)
        {
          g_autoptr(PrRelease) release = pr_store_get_release (self->store, select_id, NULL);

          if (release != NULL)
            pr_window_select_release (self, release);
        }
    }
  g_clear_object (&self->import);
  import_run_free (run);
  return G_SOURCE_REMOVE;
}

void
import_files (PrWindow  *self,
              GFile    **files,
              guint      n_files,
              gboolean   select_first)
{
  FirstRelease *first;
  ImportRun *run;

  if (n_files == 0)
    return;
  if (self->store == NULL)
    {
      if (self->library_failed)
        {
          toast (self, _("The library could not be opened"));
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
      toast (self, _("An import is already running"));
      return;
    }

  first = first_release_new ();
  self->import = pr_import_new (self->store);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      pr_import_add_file (self->import, files[i]);
      if (path != NULL)
        g_ptr_array_add (first->inputs, g_canonicalize_filename (path, NULL));
    }
  pr_import_set_parse_func (self->import, parse_and_note_first, first_release_ref (first),
                            first_release_unref);
  g_signal_connect_object (self->import, "progress", G_CALLBACK (import_progress_changed), self,
                           G_CONNECT_SWAPPED);
  self->import_first = first;
  self->import_select_first = select_first;
  self->import_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_label_set_text (self->import_label, _("Looking for releases…"));
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  update_actions (self);
  pr_window_notify_importing (self);

  run = g_new0 (ImportRun, 1);
  run->window = g_object_ref (self);
  run->import = g_object_ref (self->import);
  run->store = g_object_ref (self->store);
  run->cancellable = g_object_ref (self->import_cancellable);
  run->first = first_release_ref (first);
  run->select_first = select_first;
  run->context = g_main_context_ref_thread_default ();
  first->catalog_input = first->inputs->len;
  run->thread = g_thread_new ("pr-import", import_thread, run);
}

void
pr_window_import_files (PrWindow  *self,
                        GFile    **files,
                        int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  import_files (self, files, MAX (n_files, 0), FALSE);
}

void
pr_window_open_files (PrWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (PR_IS_WINDOW (self));
  import_files (self, files, MAX (n_files, 0), TRUE);
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
      import_files (self, (GFile **) array->pdata, array->len, TRUE);
    }
  g_clear_object (&self->chooser);
}

void
open_chooser (PrWindow *self,
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
drop_files (PrWindow      *self,
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
  import_files (self, (GFile **) array->pdata, array->len, TRUE);
  return array->len > 0;
}
