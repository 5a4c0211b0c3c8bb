/* main.c: PressReader entry point */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pr-application.h"
#include "pr-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PrApplication) app = NULL;
  g_autofree char *library = NULL;
  int status = 0;
  const char *localedir;

  pr_application_mark_start_time ();

  setlocale (LC_ALL, "");
  /* Tests and the build tree point this at the built catalogs. */
  localedir = g_getenv ("PRESSREADER_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command-line modes need no display: they run and exit here. */
  if (pr_cli_run (&argc, &argv, &library, &status))
    return status;

  app = pr_application_new (library);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
