/* pr-walk.h: walking files and folders for the releases and catalogs in them
 *
 * One set of rules for every reader of paths (--export-json and the
 * import), so that a folder gives the same files to both:
 *
 * - The inputs are walked in the order given; a folder recursively, its
 *   entries in byte order of their names (strcmp, not the locale's
 *   collation), so that the order is the same everywhere.
 * - In a folder, names that start with "." are skipped; the files read
 *   are those pr_reader_is_release_name() takes (text: *.txt, *.text or
 *   no extension; *.html, *.htm, *.xhtml, *.eml, *.mbox, *.xml, *.json,
 *   any case); any other file is skipped quietly. A file given as an input
 *   is read whatever its name. *.json, *.mbox and *.xml files may hold
 *   many releases (a catalog, ninjs, a mailbox, a NewsML-G2 news
 *   message): PR_WALK_CATALOG, for
 *   pr_reader_read_file_many(); any other file is one release
 *   (PR_WALK_RELEASE, for pr_reader_read_file()). What a file holds is
 *   sniffed from its content when it is read, not from its name.
 * - Symbolic links are followed. Each file and folder is taken once,
 *   however many ways lead to it (links, an input given twice, a file and
 *   a folder that holds it): the first way in the walk's order.
 * - A link back to a folder that contains it is skipped and reported once,
 *   as PR_WALK_ERROR_LOOP: the folder itself is walked, so nothing is lost
 *   and a caller may count it as a notice rather than a failure.
 * - Devices, pipes and sockets in a folder are skipped quietly; given as an
 *   input, they are reported (PR_WALK_ERROR_NOT_REGULAR).
 * - A link to nothing is reported as PR_WALK_ERROR_BROKEN_LINK; any other
 *   path that cannot be looked up, or folder that cannot be read, as a
 *   G_FILE_ERROR; the walk goes on with the next path.
 * - When @cancellable is cancelled the walk stops at the next path.
 *
 * Messages are for users (translated, but paths are not in them); the
 * callbacks get the path as it was reached: an input, then the names
 * under it joined with "/". */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PR_WALK_ERROR (pr_walk_error_quark ())
GQuark pr_walk_error_quark (void);

typedef enum {
  PR_WALK_ERROR_LOOP,          /* a link back to a folder that contains it */
  PR_WALK_ERROR_BROKEN_LINK,   /* a symbolic link to nothing */
  PR_WALK_ERROR_NOT_REGULAR,   /* an input that is a device, pipe or socket */
} PrWalkError;

typedef enum {
  PR_WALK_RELEASE,             /* one release: pr_reader_read_file() */
  PR_WALK_CATALOG,             /* may hold many: pr_reader_read_file_many() */
} PrWalkKind;

typedef void (*PrWalkFunc)     (const char   *path,
                                PrWalkKind    kind,
                                gpointer      user_data);
typedef void (*PrWalkFailFunc) (const char   *path,
                                const GError *error,
                                gpointer      user_data);

/* Walks @inputs (NULL-terminated) and calls @found for each release and
 * catalog and @failed for each problem, in the walk's order, in the
 * calling thread. */
void pr_walk_paths (const char * const *inputs,
                    GCancellable       *cancellable,
                    PrWalkFunc          found,
                    PrWalkFailFunc      failed,
                    gpointer            user_data);

G_END_DECLS
