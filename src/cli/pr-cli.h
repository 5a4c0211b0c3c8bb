/* pr-cli.h: the command-line modes, which need no display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses the options. Returns TRUE when a command-line mode ran (or --help,
 * or a usage error) and the process should exit with *exit_status; FALSE
 * when the window should start, with the remaining arguments (files to open)
 * left in argv and --library, if given, in *library. */
gboolean pr_cli_run (int    *argc,
                     char ***argv,
                     char  **library,
                     int    *exit_status);

G_END_DECLS
