/* kill-test.h: running this test program again as a child and killing it
 * with SIGKILL at a chosen moment (tests/test-store.c, tests/test-import.c;
 * tests/kill-test.c, built once in tests/meson.build) */
#pragma once

#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

G_BEGIN_DECLS

typedef struct {
  gboolean exited;         /* it had ended before the kill */
  gint64 first_line_us;    /* from the start to its first whole line, or -1 */
  gint64 elapsed_us;       /* from the start to its end */
  int status;              /* its wait status */
} KillTestRun;

/* The path of this program, to run it as a child. */
char      *kill_test_self_exe (const char   *argv0);
/* Starts @argv (in an environment for quick children: kill-test.c), lets
 * it run for @delay_us microseconds (reading what it writes, so that a
 * full pipe never holds it up), kills it with SIGKILL and returns the
 * whole lines it wrote on standard output (a line the kill cut short is
 * left out). */
GPtrArray *kill_test_run      (char        **argv,
                               gint64        delay_us,
                               KillTestRun  *run);

G_END_DECLS
