/* pr-grouper.c: copies of one announcement found among releases in memory */
#include "pr-grouper.h"
#include "pr-sketch.h"

typedef struct {
  PrRelease *release;
  PrSketch sketch;
  guint group;          /* the index of its group's first release */
} Entry;

struct _PrGrouper
{
  GObject parent_instance;

  GArray *entries;      /* Entry */
  GHashTable *keys;     /* gint64 key → GArray of guint indexes */
  GHashTable *anchors;  /* gint64 key without its period → the same */
};

G_DEFINE_FINAL_TYPE (PrGrouper, pr_grouper, G_TYPE_OBJECT)

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->release);
}

static void
pr_grouper_dispose (GObject *object)
{
  PrGrouper *self = PR_GROUPER (object);

  if (self->entries != NULL)
    g_array_set_size (self->entries, 0);
  G_OBJECT_CLASS (pr_grouper_parent_class)->dispose (object);
}

static void
pr_grouper_finalize (GObject *object)
{
  PrGrouper *self = PR_GROUPER (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  G_OBJECT_CLASS (pr_grouper_parent_class)->finalize (object);
}

static void
pr_grouper_class_init (PrGrouperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_grouper_dispose;
  object_class->finalize = pr_grouper_finalize;
}

static void
pr_grouper_init (PrGrouper *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  self->anchors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
}

PrGrouper *
pr_grouper_new (void)
{
  return g_object_new (PR_TYPE_GROUPER, NULL);
}

static void
add_index (GHashTable *table,
           gint64      key,
           guint       index)
{
  GArray *indexes = g_hash_table_lookup (table, &key);

  if (indexes == NULL)
    {
      indexes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, g_memdup2 (&key, sizeof key), indexes);
    }
  /* One key twice (two anchors alike) is one candidate. */
  if (indexes->len == 0 || g_array_index (indexes, guint, indexes->len - 1) != index)
    g_array_append_val (indexes, index);
}

guint
pr_grouper_add (PrGrouper *self,
                PrRelease *release)
{
  Entry entry = { 0 };
  PrSketchKeyRange ranges[PR_SKETCH_MAX_RANGES];
  gint64 keys[PR_SKETCH_MAX_KEYS];
  PrCopyMatch best = { PR_COPY_NONE, 0.0, 0 };
  guint index, n_keys;

  g_return_val_if_fail (PR_IS_GROUPER (self), 0);
  g_return_val_if_fail (PR_IS_RELEASE (release), 0);

  index = self->entries->len;
  entry.release = g_object_ref (release);
  entry.group = index;
  pr_sketch_compute (release, &entry.sketch);

  n_keys = pr_sketch_key_ranges (&entry.sketch, ranges);
  for (guint k = 0; k < n_keys; k++)
    {
      /* A few periods key by key; an undated release's every period by
       * the anchor alone. */
      gboolean wide = ranges[k].last - ranges[k].first > 2;
      gint64 first = wide ? ranges[k].first >> PR_SKETCH_PERIOD_BITS : ranges[k].first;
      gint64 last = wide ? first : ranges[k].last;

      for (gint64 key = first; key <= last; key++)
        {
          GArray *indexes = g_hash_table_lookup (wide ? self->anchors : self->keys, &key);

          for (guint i = 0; indexes != NULL && i < indexes->len; i++)
            {
              guint other = g_array_index (indexes, guint, i);

              pr_copy_match_offer (&best, &entry.sketch,
                                   &g_array_index (self->entries, Entry, other).sketch, other);
            }
        }
    }
  if (best.kind != PR_COPY_NONE)
    entry.group = g_array_index (self->entries, Entry, best.id).group;
  g_array_append_val (self->entries, entry);

  n_keys = pr_sketch_keys (&entry.sketch, keys);
  for (guint k = 0; k < n_keys; k++)
    {
      gint64 anchor = keys[k] >> PR_SKETCH_PERIOD_BITS;

      add_index (self->keys, keys[k], index);
      add_index (self->anchors, anchor, index);
    }
  return entry.group;
}

static void
copy_info (PrCopyInfo *info,
           PrRelease  *release,
           guint       order)
{
  info->date = pr_release_get_field (release, PR_FIELD_DATE);
  info->source = pr_release_get_field (release, PR_FIELD_SOURCE);
  info->origin = pr_release_get_field (release, PR_FIELD_ORIGIN);
  info->order = order;
}

void
pr_grouper_apply (PrGrouper *self)
{
  g_autofree guint *original = NULL;

  g_return_if_fail (PR_IS_GROUPER (self));

  /* Each group's best, kept at its first release's index. */
  original = g_new (guint, MAX (self->entries->len, 1));
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      PrCopyInfo mine, best;

      if (entry->group == i)
        {
          original[i] = i;
          continue;
        }
      copy_info (&mine, entry->release, i);
      copy_info (&best, g_array_index (self->entries, Entry, original[entry->group]).release,
                 original[entry->group]);
      if (pr_copy_info_compare (&mine, &best) < 0)
        original[entry->group] = i;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      PrRelease *first = g_array_index (self->entries, Entry, original[entry->group]).release;

      pr_release_set_group (entry->release, pr_release_compute_id (first));
    }
}
