/* pr-context.c: what a window needs of the application: its library
 *
 * The application owns one context and sets its store (or its error) once
 * the library is open; windows follow the context, not the application. */
#include "pr-context.h"
#include "pr-fetcher.h"

struct _PrContext
{
  GObject parent_instance;

  char *library_path;
  gint64 start_time;
  PrStore *store;
  GError *library_error;
  PrRefresh *refresh;     /* made with the store */
};

G_DEFINE_FINAL_TYPE (PrContext, pr_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIBRARY_PATH,
  PROP_START_TIME,
  PROP_STORE,
  PROP_LIBRARY_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GObject --------------------------------------------------------- */

static void
pr_context_dispose (GObject *object)
{
  PrContext *self = PR_CONTEXT (object);

  g_clear_object (&self->refresh);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pr_context_parent_class)->dispose (object);
}

static void
pr_context_finalize (GObject *object)
{
  PrContext *self = PR_CONTEXT (object);

  g_clear_pointer (&self->library_path, g_free);
  g_clear_error (&self->library_error);

  G_OBJECT_CLASS (pr_context_parent_class)->finalize (object);
}

static void
pr_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PrContext *self = PR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_value_set_string (value, self->library_path);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LIBRARY_ERROR:
      g_value_set_boxed (value, self->library_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PrContext *self = PR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_free (self->library_path);
      self->library_path = g_value_dup_string (value);
      break;
    case PROP_START_TIME:
      self->start_time = g_value_get_int64 (value);
      break;
    case PROP_STORE:
      pr_context_set_store (self, g_value_get_object (value));
      break;
    case PROP_LIBRARY_ERROR:
      pr_context_set_library_error (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_context_class_init (PrContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_context_dispose;
  object_class->finalize = pr_context_finalize;
  object_class->get_property = pr_context_get_property;
  object_class->set_property = pr_context_set_property;

  properties[PROP_LIBRARY_PATH] =
    g_param_spec_string ("library-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARY_ERROR] =
    g_param_spec_boxed ("library-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_context_init (PrContext *self)
{
}

/* ---- public ---------------------------------------------------------- */

PrContext *
pr_context_new (const char *library_path,
                gint64      start_time)
{
  return g_object_new (PR_TYPE_CONTEXT,
                       "library-path", library_path,
                       "start-time", start_time,
                       NULL);
}

const char *
pr_context_get_library_path (PrContext *self)
{
  g_return_val_if_fail (PR_IS_CONTEXT (self), NULL);
  return self->library_path;
}

gint64
pr_context_get_start_time (PrContext *self)
{
  g_return_val_if_fail (PR_IS_CONTEXT (self), 0);
  return self->start_time;
}

PrStore *
pr_context_get_store (PrContext *self)
{
  g_return_val_if_fail (PR_IS_CONTEXT (self), NULL);
  return self->store;
}

void
pr_context_set_store (PrContext *self,
                      PrStore   *store)
{
  g_return_if_fail (PR_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || PR_IS_STORE (store));

  if (store == NULL)
    g_clear_object (&self->refresh);
  else if (self->refresh == NULL || store != self->store)
    {
      /* One HTTP session for the application, on the main context. */
      g_autoptr(PrFetcher) fetcher = pr_fetcher_new ();

      g_clear_object (&self->refresh);
      self->refresh = pr_refresh_new (store, fetcher);
    }
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const GError *
pr_context_get_library_error (PrContext *self)
{
  g_return_val_if_fail (PR_IS_CONTEXT (self), NULL);
  return self->library_error;
}

void
pr_context_set_library_error (PrContext    *self,
                              const GError *error)
{
  g_return_if_fail (PR_IS_CONTEXT (self));

  if (self->library_error == NULL && error == NULL)
    return;
  g_clear_error (&self->library_error);
  self->library_error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY_ERROR]);
}

PrRefresh *
pr_context_get_refresh (PrContext *self)
{
  g_return_val_if_fail (PR_IS_CONTEXT (self), NULL);

  return self->refresh;
}
