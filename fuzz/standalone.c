/* standalone.c: replays saved inputs through a fuzz target without
 * libFuzzer, as a GTest program: every tests/data/fuzz-regressions/TARGET-*
 * file (inputs that once failed) and the seeds in fuzz/corpus/TARGET.
 * FUZZ_TARGET names the target; tests/meson.build builds one per target. */
#include "fuzz.h"

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

static void
replay_empty (void)
{
  LLVMFuzzerTestOneInput ((const uint8_t *) "", 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_folder (const char *folder,
            const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s/%s", FUZZ_TARGET,
                                               *prefix ? "regression" : "seed", base);

      g_test_add_data_func_full (test, g_build_filename (folder, base, NULL), replay, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  g_test_add_func ("/fuzz/" FUZZ_TARGET "/empty", replay_empty);
  {
    g_autofree char *regressions = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", NULL);
    g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "corpus", FUZZ_TARGET, NULL);

    add_folder (regressions, FUZZ_TARGET "-");
    add_folder (seeds, "");
  }
  return g_test_run ();
}
