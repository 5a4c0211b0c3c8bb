/* pr-cli.c: the command-line modes (placeholder until --export-json lands) */
#include "config.h"

#include <glib/gi18n.h>

#include "pr-cli.h"

gboolean
pr_cli_run (int    *argc,
            char ***argv,
            char  **library,
            int    *exit_status)
{
  return FALSE;
}
