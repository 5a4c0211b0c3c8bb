/* pr-window-export.c: Export… — the releases listed, the bookmarked ones
 * or the one shown, as a JSON catalog, Markdown, CSV or ninjs, to a file
 * chosen through the file chooser (the portal's in a sandbox). The
 * releases are read and the file written in a worker. */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-window-private.h"

typedef struct {
  PrStore *store;
  PrQuery *query;           /* the releases listed: the window's search */
  PrFilter filter;
  gint64 release_id;        /* PR_WINDOW_EXPORT_SHOWN */
  PrExportFormat format;
  GFile *file;
  guint count;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->query);
  g_clear_object (&job->file);
  g_free (job);
}

/* Releases a page at a time: a list of 100,000 is read in pages of 500. */
#define EXPORT_PAGE 500

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GPtrArray) releases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize length = 0;

  if (job->release_id != 0)
    {
      PrRelease *release = pr_store_get_release (job->store, job->release_id, &error);

      if (release == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (releases, release);
    }
  else
    for (guint offset = 0;; offset += EXPORT_PAGE)
      {
        g_autoptr(GPtrArray) page = pr_store_search (job->store, job->query, job->filter, PR_SORT_DATE,
                                                     offset, EXPORT_PAGE, &error);

        if (page == NULL)
          {
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
        for (guint i = 0; i < page->len; i++)
          g_ptr_array_add (releases, g_object_ref (g_ptr_array_index (page, i)));
        if (page->len < EXPORT_PAGE || g_cancellable_is_cancelled (cancellable))
          break;
      }
  if (g_task_return_error_if_cancelled (task))
    return;

  out = pr_export_to_string (job->format, releases, PR_EXPORT_WRITE_STATE, &length, &error);
  if (out == NULL ||
      !g_file_replace_contents (job->file, out, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->count = releases->len;
  g_task_return_boolean (task, TRUE);
}

void
pr_window_export_async (PrWindow             *self,
                        PrWindowExportScope   scope,
                        PrExportFormat        format,
                        GFile                *file,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);
  PrStore *store = pr_window_get_store (self);

  g_task_set_source_tag (task, pr_window_export_async);
  job->format = format;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  if (store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No library is open"));
      return;
    }
  job->store = g_object_ref (store);
  switch (scope)
    {
    case PR_WINDOW_EXPORT_SHOWN:
      {
        PrRelease *release = pr_window_get_selected_release (self);

        if (release == NULL || pr_release_get_store_id (release) == 0)
          {
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No release is shown"));
            return;
          }
        job->release_id = pr_release_get_store_id (release);
      }
      break;
    case PR_WINDOW_EXPORT_BOOKMARKED:
      job->filter = PR_FILTER_BOOKMARKED;
      break;
    case PR_WINDOW_EXPORT_LISTED:
    default:
      job->query = self->query != NULL ? g_object_ref (self->query) : NULL;
      job->filter = self->filter_mode;
      break;
    }
  g_task_run_in_thread (task, export_thread);
}

guint
pr_window_export_finish (PrWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  return job->count;
}

/* ---- the action ------------------------------------------------------- */

static const struct {
  const char *id;
  PrExportFormat format;
  const char *suffix;
} formats[] = {
  { "markdown", PR_EXPORT_FORMAT_MARKDOWN, ".md" },
  { "csv", PR_EXPORT_FORMAT_CSV, ".csv" },
  { "json", PR_EXPORT_FORMAT_JSON, ".json" },
  { "ninjs", PR_EXPORT_FORMAT_NINJS, ".ninjs.json" },
};

static void
exported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PrWindow *self = PR_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  guint count = pr_window_export_finish (self, result, &error);

  if (error != NULL)
    /* Translators: the file, then why it could not be written. */
    text = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
  else
    /* Translators: how many releases went into which file. */
    text = g_strdup_printf (ngettext ("Exported %'u release to “%s”", "Exported %'u releases to “%s”", count),
                            count, name);
  pr_window_toast (self, text);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  PrWindow        *self)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  const char *format_id = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
  const char *scope_id = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "what");
  PrWindowExportScope scope = PR_WINDOW_EXPORT_LISTED;
  PrExportFormat format = PR_EXPORT_FORMAT_MARKDOWN;
  const char *suffix = ".md";
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT && chosen != NULL)
    {
      for (guint i = 0; format_id != NULL && i < G_N_ELEMENTS (formats); i++)
        if (g_str_equal (format_id, formats[i].id))
          {
            format = formats[i].format;
            suffix = formats[i].suffix;
          }
      if (g_strcmp0 (scope_id, "bookmarked") == 0)
        scope = PR_WINDOW_EXPORT_BOOKMARKED;
      else if (g_strcmp0 (scope_id, "shown") == 0)
        scope = PR_WINDOW_EXPORT_SHOWN;
      /* A name without an extension takes the format's. */
      name = g_file_get_basename (chosen);
      if (strchr (name, '.') == NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *named = g_strconcat (name, suffix, NULL);

          file = g_file_get_child (parent, named);
        }
      else
        file = g_object_ref (chosen);
      pr_window_export_async (self, scope, format, file, NULL, exported, g_object_ref (file));
    }
  g_object_set_data (G_OBJECT (self), "pr-export-chooser", NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrWindow *self = PR_WINDOW (widget);
  GtkFileChooserNative *chooser;
  const char *format_ids[] = { "markdown", "csv", "json", "ninjs", NULL };
  const char *format_labels[] = { N_("Markdown"), N_("CSV (spreadsheets)"), N_("JSON catalog"),
                                  N_("IPTC ninjs"), NULL };
  const char *scope_ids[] = { "listed", "bookmarked", "shown", NULL };
  const char *scope_labels[] = { N_("The releases listed"), N_("The bookmarked releases"),
                                 N_("The release shown"), NULL };
  g_autofree const char **formats_shown = g_new0 (const char *, G_N_ELEMENTS (format_labels));
  g_autofree const char **scopes_shown = g_new0 (const char *, G_N_ELEMENTS (scope_labels));

  if (g_object_get_data (G_OBJECT (self), "pr-export-chooser") != NULL)
    return;
  for (guint i = 0; format_labels[i] != NULL; i++)
    formats_shown[i] = _(format_labels[i]);
  for (guint i = 0; scope_labels[i] != NULL; i++)
    scopes_shown[i] = _(scope_labels[i]);
  chooser = gtk_file_chooser_native_new (_("Export Releases"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name Export suggests; its extension follows the format. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Press releases"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               format_ids, formats_shown);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "markdown");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "what", _("Export"), scope_ids, scopes_shown);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "what", "listed");
  g_object_set_data_full (G_OBJECT (self), "pr-export-chooser", chooser, g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
pr_window_class_init_export (PrWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "window.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "window.export", NULL);
}
