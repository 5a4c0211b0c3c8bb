/* fuzz.h: what every fuzz target shares
 *
 * A target defines LLVMFuzzerTestOneInput() (and may use
 * fuzz_init() from LLVMFuzzerInitialize()). The same file is linked either
 * with libFuzzer (fuzz/meson.build) or with standalone.c, which replays
 * saved inputs as a GTest program (tests/meson.build). */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static inline void
fuzz_init (void)
{
  /* GLib 2.74's slice magazines would hide a use after free from ASan. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  /* A critical or a warning from the core is a bug: make it a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Input bytes as a NUL-terminated string (inputs may hold NULs). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
