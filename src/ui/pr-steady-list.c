/* pr-steady-list.c: a list model that keeps the rows on screen steady */
#include "config.h"

#include "pr-steady-list.h"

/* Smaller changes are passed on as they are. */
#define STEADY_MIN_RESET 32
/* A short list that grows long grows by this many items a main loop
 * iteration (the view makes a row for each of its first 200). */
#define STEADY_GROW_BELOW 256
#define STEADY_GROW_STEP  16
#define STEADY_GROW_INTERVAL_MS 20
/* A long list starts with this many items, enough to fill a screen. */
#define STEADY_FIRST_ITEMS 40

struct _PrSteadyList
{
  GObject parent_instance;

  GListModel *model;
  guint n_items;
  PrSteadyListLiveFunc live;
  gpointer live_data;
  guint grow_idle;          /* a timeout: n_items is behind the model's */
};

static void pr_steady_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrSteadyList, pr_steady_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pr_steady_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pr_steady_list_get_item_type (GListModel *list)
{
  PrSteadyList *self = PR_STEADY_LIST (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
pr_steady_list_get_n_items (GListModel *list)
{
  return PR_STEADY_LIST (list)->n_items;
}

static gpointer
pr_steady_list_get_item (GListModel *list,
                         guint       position)
{
  PrSteadyList *self = PR_STEADY_LIST (list);

  if (self->model == NULL || position >= self->n_items)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
pr_steady_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pr_steady_list_get_item_type;
  iface->get_n_items = pr_steady_list_get_n_items;
  iface->get_item = pr_steady_list_get_item;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
grow (gpointer data)
{
  PrSteadyList *self = data;
  guint model_n = g_list_model_get_n_items (self->model);
  guint old_n = self->n_items;

  if (old_n >= model_n)
    {
      self->grow_idle = 0;
      return G_SOURCE_REMOVE;
    }
  /* Past the view's first 200 rows, the rest at once. */
  self->n_items = old_n + STEADY_GROW_STEP >= STEADY_GROW_BELOW ? model_n
                  : MIN (model_n, old_n + STEADY_GROW_STEP);
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  if (self->n_items < model_n)
    return G_SOURCE_CONTINUE;
  self->grow_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
model_changed (PrSteadyList *self,
               guint         position,
               guint         removed,
               guint         added,
               GListModel   *model)
{
  guint old_n = self->n_items;
  guint model_n = g_list_model_get_n_items (model);
  guint new_n = model_n;
  g_autoptr(GArray) live = NULL;
  gboolean behind = self->grow_idle != 0;

  if (!behind && (position != 0 || removed != old_n || added != new_n
                  || MAX (removed, added) < STEADY_MIN_RESET || self->live == NULL))
    {
      /* GtkListView (4.8) looks for the rows it tracks (focus, selection)
       * that a change removes among all the items it adds, reading each:
       * a change of the rows below the ones read (thousands, to the end
       * of the list) is told as the rows removed, then the rows added.
       * Between the two, the list is its part above the change, the same
       * in the old state and the new. */
      if (position > 0 && position + removed == old_n && MIN (removed, added) >= STEADY_MIN_RESET)
        {
          self->n_items = position;
          g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
          self->n_items = new_n;
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
          return;
        }
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* A change while this list is behind the model's is a change of it all. */
  g_clear_handle_id (&self->grow_idle, g_source_remove);
  if (old_n < STEADY_GROW_BELOW && new_n > old_n + STEADY_GROW_STEP)
    {
      new_n = old_n + STEADY_GROW_STEP;
      /* About a step a frame. */
      self->grow_idle = g_timeout_add (STEADY_GROW_INTERVAL_MS, grow, self);
    }
  self->n_items = new_n;

  /* The live positions as they were, in runs. */
  live = self->live != NULL ? self->live (self->live_data) : NULL;
  if (live != NULL)
    g_array_sort (live, compare_positions);

  if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  else if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);

  for (guint i = 0; live != NULL && i < live->len;)
    {
      guint start = g_array_index (live, guint, i);
      guint end = start + 1;

      for (i++; i < live->len && g_array_index (live, guint, i) <= end; i++)
        end = MAX (end, g_array_index (live, guint, i) + 1);
      end = MIN (end, new_n);
      if (start < end)
        g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);
    }
}

static void
pr_steady_list_dispose (GObject *object)
{
  PrSteadyList *self = PR_STEADY_LIST (object);

  g_clear_handle_id (&self->grow_idle, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (pr_steady_list_parent_class)->dispose (object);
}

static void
pr_steady_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PrSteadyList *self = PR_STEADY_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_steady_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PrSteadyList *self = PR_STEADY_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      if (self->model != NULL)
        {
          self->n_items = g_list_model_get_n_items (self->model);
          g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_changed), self,
                                   G_CONNECT_SWAPPED);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_steady_list_class_init (PrSteadyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_steady_list_dispose;
  object_class->get_property = pr_steady_list_get_property;
  object_class->set_property = pr_steady_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_steady_list_init (PrSteadyList *self)
{
}

PrSteadyList *
pr_steady_list_new (GListModel           *model,
                    PrSteadyListLiveFunc  live,
                    gpointer              user_data)
{
  PrSteadyList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PR_TYPE_STEADY_LIST, "model", model, NULL);
  self->live = live;
  self->live_data = user_data;
  /* The first frame shows a screenful; the view's other rows follow. */
  if (self->n_items > STEADY_FIRST_ITEMS)
    {
      self->n_items = STEADY_FIRST_ITEMS;
      self->grow_idle = g_timeout_add (STEADY_GROW_INTERVAL_MS, grow, self);
    }
  return self;
}

gboolean
pr_steady_list_get_growing (PrSteadyList *self)
{
  g_return_val_if_fail (PR_IS_STEADY_LIST (self), FALSE);
  return self->grow_idle != 0;
}

GListModel *
pr_steady_list_get_model (PrSteadyList *self)
{
  g_return_val_if_fail (PR_IS_STEADY_LIST (self), NULL);
  return self->model;
}
