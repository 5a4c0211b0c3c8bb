/* pr-cli-private.h: helpers shared by the command-line modes */
#pragma once

#include <json-glib/json-glib.h>

#include "pr-store.h"

G_BEGIN_DECLS

/* "pressreader: MESSAGE" on standard error. */
void     pr_cli_complain      (const char  *message);
/* The library at @library (NULL: the default); NULL, having said why,
 * when it cannot be opened (or, with @must_exist, does not exist). */
PrStore *pr_cli_open_library  (const char  *library,
                               gboolean     must_exist);
/* Bytes to standard output; FALSE, having said why, when that fails. */
gboolean pr_cli_write_stdout  (const char  *data,
                               gsize        length);
/* @text with newlines, tabs and the controls a terminal would act on
 * escaped (C0, DEL, C1): one field of one line. */
char    *pr_cli_escape_controls (const char *text);

/* JSON output (pr-cli-feeds.c): members of the object being built, and
 * the whole, pretty, with a newline, appended to @out. */
void     pr_cli_json_string   (JsonBuilder *builder,
                               const char  *name,
                               const char  *value);
void     pr_cli_json_int      (JsonBuilder *builder,
                               const char  *name,
                               gint64       value);
void     pr_cli_json_bool     (JsonBuilder *builder,
                               const char  *name,
                               gboolean     value);
void     pr_cli_append_json   (GString     *out,
                               JsonBuilder *builder);

G_END_DECLS
