/* test-window-util.h: helpers for the tests that drive real windows
 * (under Xvfb and a D-Bus session, GSETTINGS_BACKEND=memory). */
#pragma once

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "pr-application.h"
#include "pr-store.h"
#include "pr-window.h"

/* Sets up the locale of the environment and gettext (from
 * PRESSREADER_LOCALEDIR) like main() does. Call it after gtk_test_init(),
 * which sets en_US.UTF-8 whatever the environment says. When the locale the
 * environment asks for (LC_ALL=de_DE.UTF-8 for the translated runs) is not
 * installed, falls back to C.UTF-8, under which LANGUAGE still picks the
 * catalog, and returns FALSE: the caller skips what needs the locale
 * itself (month names). */
static inline gboolean
test_ui_init_i18n (void)
{
  const char *localedir = g_getenv ("PRESSREADER_LOCALEDIR");
  gboolean have_locale = TRUE;

  if (setlocale (LC_ALL, "") == NULL)
    {
      have_locale = FALSE;
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "");
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return have_locale;
}

/* A registered, non-unique application (tests run side by side) that
 * opens the library at @library (NULL: the default one) at startup. */
static inline PrApplication *
test_ui_app_new (const char *library)
{
  PrApplication *app = pr_application_new (library);
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static gboolean
test_ui_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static inline void
test_ui_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, test_ui_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef gboolean (*TestUiCondition) (gpointer data);

static gboolean
test_ui_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds (TRUE) or @timeout_ms passed.
 * The loop blocks as the application's does (a test that slept between
 * iterations would delay the window's frames itself); a wake-up every
 * few milliseconds looks at @cond when nothing else happens. */
static inline gboolean
test_ui_wait_for (TestUiCondition cond,
                  gpointer        data,
                  guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (2, test_ui_wake_cb, NULL);
  gboolean held;

  while (!(held = cond (data)) && g_get_monotonic_time () <= end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return held;
}

static gboolean
test_ui_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
test_ui_is_settled (gpointer data)
{
  return pr_window_get_store (data) != NULL && pr_window_is_settled (data);
}

/* Runs the main loop until the window has its library and no write, count
 * or import is pending. */
static inline void
test_ui_wait_settled (PrWindow *window)
{
  g_assert_true (test_ui_wait_for (test_ui_is_settled, window, 30000));
  test_ui_wait (30);
  g_assert_true (test_ui_wait_for (test_ui_is_settled, window, 30000));
}

/* Removes a file or a folder with everything in it. */
static inline void
test_ui_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_ui_remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A new library in a temporary folder (*dir, to remove with
 * test_ui_remove_tree()), filled with the default catalog as a first
 * start fills it. */
static inline PrStore *
test_ui_library_new (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PrStore *store;

  *dir = g_dir_make_tmp ("pressreader-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "library.db", NULL);
  store = pr_store_open (path, NULL, &error);
  g_assert_no_error (error);
  pr_application_seed_library (store, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* A window of @width × @height, shown and drawn. */
static inline PrWindow *
test_ui_window_new (PrApplication *app,
                    int            width,
                    int            height)
{
  PrWindow *window = pr_window_new (GTK_APPLICATION (app), pr_application_get_context (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_for (test_ui_is_mapped, window, 5000));
  test_ui_wait (300);
  return window;
}

/* A window on @store, shown, drawn and settled. */
static inline PrWindow *
test_ui_window_new_with_store (PrApplication *app,
                               PrStore       *store,
                               int            width,
                               int            height)
{
  /* The store first: the window then does not follow the application's. */
  PrWindow *window = g_object_new (PR_TYPE_WINDOW, "store", store, "application", app, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_for (test_ui_is_mapped, window, 5000));
  test_ui_wait_settled (window);
  test_ui_wait (300);
  return window;
}

static inline void
test_ui_window_resize (PrWindow *window,
                       int       width,
                       int       height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  test_ui_wait (400);
}

static inline void
test_ui_activate (gpointer    widget,
                  const char *action,
                  GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), action, parameter));
  test_ui_wait (50);
  /* Lists, finds and writes are asynchronous: until they are done. */
  if (PR_IS_WINDOW (widget) && pr_window_get_store (widget) != NULL)
    test_ui_wait_settled (widget);
}

/* A visible toplevel of that widget name. */
static inline GtkWidget *
test_ui_find_named_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && g_strcmp0 (gtk_widget_get_name (window), name) == 0)
        return window;
    }
  return NULL;
}

/* Finds the first descendant of @root for which @match (widget, text)
 * holds. */
static inline GtkWidget *
test_ui_find (GtkWidget  *root,
              gboolean  (*match) (GtkWidget *, const char *),
              const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, text))
        return child;
      found = test_ui_find (child, match, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
test_ui_label_is (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static inline gboolean
test_ui_tooltip_is (GtkWidget  *widget,
                    const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* Finds a descendant GtkLabel whose text is @text. */
static inline GtkWidget *
test_ui_find_label (GtkWidget  *root,
                    const char *text)
{
  return test_ui_find (root, test_ui_label_is, text);
}

/* Finds a descendant whose tooltip is @text. */
static inline GtkWidget *
test_ui_find_tooltip (GtkWidget  *root,
                      const char *text)
{
  return test_ui_find (root, test_ui_tooltip_is, text);
}

/* Renders @widget to a PNG at @path, cropped to @area (a descendant,
 * e.g. a window's content without its shadow) when not NULL. */
/* CPU time in clock ticks: of the whole machine (busy, all CPUs) and of
 * this process (its threads). */
static inline void
test_ui_cpu_ticks (gint64 *machine,
                   gint64 *own)
{
  g_autofree char *stat = NULL;
  g_autofree char *self_stat = NULL;
  gint64 fields[8] = { 0 };
  const char *p;

  *machine = *own = 0;
  if (g_file_get_contents ("/proc/stat", &stat, NULL, NULL)
      && sscanf (stat, "cpu %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                 " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                 " %" G_GINT64_FORMAT, &fields[0], &fields[1], &fields[2], &fields[3],
                 &fields[4], &fields[5], &fields[6], &fields[7]) == 8)
    /* All but idle and iowait. */
    *machine = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
  /* utime and stime: fields 14 and 15, after the ")" of the name. */
  if (g_file_get_contents ("/proc/self/stat", &self_stat, NULL, NULL)
      && (p = strrchr (self_stat, ')')) != NULL)
    {
      long long utime = 0, stime = 0;

      if (sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &utime, &stime) == 2)
        *own = utime + stime;
    }
}

static inline void
test_ui_save_png (GtkWidget  *widget,
                  GtkWidget  *area,
                  const char *path)
{
  graphene_rect_t bounds;
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Nothing while the window waits for its layout (a list that changes
   * under an import): after the next frame. */
  for (guint i = 0; node == NULL && i < 100; i++)
    {
      test_ui_wait (20);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  graphene_rect_init (&bounds, 0, 0, width, height);
  if (area != NULL)
    g_assert_true (gtk_widget_compute_bounds (area, widget, &bounds));
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}
