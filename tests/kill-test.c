/* kill-test.c: running this test program again as a child and killing it
 * with SIGKILL at a chosen moment */
#include "kill-test.h"

/* The path of this program, to run it as a child. */
char *
kill_test_self_exe (const char *argv0)
{
  char *self = g_file_read_link ("/proc/self/exe", NULL);

  return self != NULL ? self : g_strdup (argv0);
}

static void
kill_test_read (int      fd,
                GString *out)
{
  char buffer[65536];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (out, buffer, n);
}

/* The environment for the children. Under the sanitizers, they unwind
 * the stack on every malloc only to give leak reports readable stacks
 * (build-aux/sanitize-wrapper), which makes them fifty times slower; a
 * killed child never reports leaks, and one that runs to its end still
 * checks them, with shorter stacks. */
static char **
kill_test_environ (void)
{
  char **envp = g_get_environ ();
  const char *asan = g_environ_getenv (envp, "ASAN_OPTIONS");

  if (asan != NULL && strstr (asan, "fast_unwind_on_malloc=0") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (asan, "fast_unwind_on_malloc=0", -1);
      g_autofree char *fast = g_strjoinv ("fast_unwind_on_malloc=1", parts);

      envp = g_environ_setenv (envp, "ASAN_OPTIONS", fast, TRUE);
    }
  return envp;
}

/* Starts @argv with kill_test_environ(), lets it run for @delay_us
 * microseconds (reading what it writes, so that a full pipe never holds
 * it up), kills it with SIGKILL and returns the whole lines it wrote on
 * standard output (a line the kill cut short is left out). */
GPtrArray *
kill_test_run (char        **argv,
               gint64        delay_us,
               KillTestRun  *run)
{
  g_auto(GStrv) envp = kill_test_environ ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gint64 deadline;
  GPid pid;
  int fd = -1, status = 0;
  gboolean eof = FALSE;
  char *start;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &fd, NULL, &error));
  g_assert_no_error (error);
  run->first_line_us = -1;
  run->elapsed_us = g_get_monotonic_time ();
  deadline = run->elapsed_us + delay_us;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      GPollFD poll_fd = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      char buffer[65536];
      ssize_t n;

      if (now >= deadline)
        break;
      if (g_poll (&poll_fd, 1, (int) MAX (1, (deadline - now) / 1000)) <= 0)
        continue;
      n = read (fd, buffer, sizeof buffer);
      if (n > 0)
        {
          g_string_append_len (out, buffer, n);
          if (run->first_line_us < 0 && memchr (buffer, '\n', n) != NULL)
            run->first_line_us = g_get_monotonic_time () - run->elapsed_us;
        }
      else if (n == 0)
        {
          /* It closed its output: it is ending. */
          eof = TRUE;
          break;
        }
    }

  run->exited = waitpid (pid, &status, eof ? 0 : WNOHANG) == pid;
  if (!run->exited)
    {
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  run->elapsed_us = g_get_monotonic_time () - run->elapsed_us;
  run->status = status;
  g_spawn_close_pid (pid);
  kill_test_read (fd, out);
  close (fd);

  start = out->str;
  for (char *end; (end = strchr (start, '\n')) != NULL; start = end + 1)
    g_ptr_array_add (lines, g_strndup (start, end - start));
  return lines;
}
