/* stall-logger.h: a diagnostic, not a test: logs main loop iterations
 * that take longer than a threshold, with the time the thread ran, the
 * time it waited for a CPU (/proc/thread-self/schedstat; the rest is
 * blocked: locks, the X server) and a backtrace taken while it runs.
 * Linux only; off unless PR_TEST_STALLS is set. */
#pragma once

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <unistd.h>

static GPollFunc stall_poll_orig;
static gint64 stall_dispatch_start;      /* 0 while polling */
static gint64 stall_cpu_start;
static pthread_t stall_main;
static gint stall_sampled;
static gint64 stall_threshold_us = 40000;

static gint64 stall_wait_start;
static gint64 stall_epoch;

/* Time spent runnable but waiting for a CPU, in µs. */
static gint64
stall_run_delay (void)
{
  char buf[128] = "";
  FILE *f = fopen ("/proc/thread-self/schedstat", "r");
  unsigned long long run = 0, wait = 0;

  if (f != NULL)
    {
      if (fgets (buf, sizeof buf, f) != NULL)
        sscanf (buf, "%llu %llu", &run, &wait);
      fclose (f);
    }
  return wait / 1000;
}

static gint64
stall_thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
stall_signal (int sig)
{
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char header[] = "stall: backtrace\n";

  write (2, header, sizeof header - 1);
  backtrace_symbols_fd (frames, n, 2);
}

static gint
stall_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  if (stall_dispatch_start != 0 && now - stall_dispatch_start > stall_threshold_us)
    g_printerr ("stall: %" G_GINT64_FORMAT " ms wall, %" G_GINT64_FORMAT " ms cpu, %"
                G_GINT64_FORMAT " ms waiting for a cpu, at %.2f s\n",
                (now - stall_dispatch_start) / 1000, (stall_thread_cpu () - stall_cpu_start) / 1000,
                (stall_run_delay () - stall_wait_start) / 1000, (now - stall_epoch) / 1e6);
  g_atomic_pointer_set (&stall_dispatch_start, 0);
  result = stall_poll_orig (fds, nfds, timeout);
  stall_cpu_start = stall_thread_cpu ();
  stall_wait_start = stall_run_delay ();
  g_atomic_int_set (&stall_sampled, 0);
  stall_dispatch_start = g_get_monotonic_time ();
  return result;
}

static gpointer
stall_watch_thread (gpointer data)
{
  for (;;)
    {
      gint64 start = stall_dispatch_start;

      gint sampled;

      g_usleep (5000);
      sampled = g_atomic_int_get (&stall_sampled);
      /* A backtrace at the threshold, then every 10 ms of the stall (at
       * most 8). */
      if (start != 0 && sampled < 8
          && g_get_monotonic_time () - start > stall_threshold_us + sampled * 10000
          && g_atomic_int_compare_and_exchange (&stall_sampled, sampled, sampled + 1))
        pthread_kill (stall_main, SIGUSR2);
    }
  return NULL;
}

static inline gboolean
stall_logger_enabled (void)
{
  return g_getenv ("PR_TEST_STALLS") != NULL;
}

/* With PR_TEST_STALLS=N set: from now on, main loop iterations (from one
 * poll to the next) over N ms are printed with their wall, CPU and
 * run-queue times, and a backtrace taken while they run (resolve the
 * test's own frames with addr2line). */
static inline void
stall_logger_start (void)
{
  if (!stall_logger_enabled ())
    return;
  stall_threshold_us = g_ascii_strtoll (g_getenv ("PR_TEST_STALLS"), NULL, 10) * 1000;
  if (stall_threshold_us <= 0)
    stall_threshold_us = 40000;
  stall_main = pthread_self ();
  stall_epoch = g_get_monotonic_time ();
  {
    /* backtrace() loads its unwinder on first use: not in the handler. */
    void *frames[4];

    backtrace (frames, G_N_ELEMENTS (frames));
  }
  signal (SIGUSR2, stall_signal);
  stall_poll_orig = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, stall_poll);
  g_thread_unref (g_thread_new ("stall-watch", stall_watch_thread, NULL));
}

