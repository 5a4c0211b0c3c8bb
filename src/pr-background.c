/* pr-background.c: threads at background CPU priority */
#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pr-background.h"

void
pr_background_lower_priority (void)
{
  static GPrivate lowered;
#ifdef SYS_gettid
  /* On Linux the nice value is a thread's own. */
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int nice_value;

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
  errno = 0;
  nice_value = getpriority (PRIO_PROCESS, (id_t) tid);
  if (nice_value == -1 && errno != 0)
    return;
  if (setpriority (PRIO_PROCESS, (id_t) tid, MIN (19, nice_value + PR_BACKGROUND_NICE)) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
#endif
}

struct _PrBackgroundPool
{
  GThreadPool *pool;
};

typedef struct {
  PrBackgroundFunc func;
  gpointer data;
  gpointer result;
  gboolean done;
  GMutex lock;
  GCond cond;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  gpointer result;

  pr_background_lower_priority ();
  result = job->func (job->data);
  g_mutex_lock (&job->lock);
  job->result = result;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

PrBackgroundPool *
pr_background_pool_new (guint n_threads)
{
  PrBackgroundPool *self = g_new0 (PrBackgroundPool, 1);
  g_autoptr(GError) error = NULL;

  /* Exclusive: the threads are the pool's, and end with it. */
  self->pool = g_thread_pool_new (run_job, NULL, MAX (1, (int) n_threads), TRUE, &error);
  if (self->pool == NULL)
    g_warning ("Could not start background threads: %s", error->message);
  return self;
}

gpointer
pr_background_pool_run (PrBackgroundPool *self,
                        PrBackgroundFunc  func,
                        gpointer          data)
{
  Job job = { func, data, NULL, FALSE };
  gpointer result;

  g_return_val_if_fail (self != NULL, NULL);

  /* Without threads, here. */
  if (self->pool == NULL)
    return func (data);

  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  g_thread_pool_push (self->pool, &job, NULL);
  g_mutex_lock (&job.lock);
  while (!job.done)
    g_cond_wait (&job.cond, &job.lock);
  result = job.result;
  g_mutex_unlock (&job.lock);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);
  return result;
}

void
pr_background_pool_free (PrBackgroundPool *self)
{
  if (self == NULL)
    return;
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_free (self);
}
