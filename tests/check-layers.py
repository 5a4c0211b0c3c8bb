#!/usr/bin/env python3
"""Fails when a source file includes what its layer may not (HACKING.md).

The layers, lowest first, and what each may include besides its own files:
  src/core/     GLib, GIO, json-glib, libxml2, GMime and the system's C headers
  src/library/  the core, SQLite
  src/feeds/    the core, the library, libsoup, libxml2
  src/ui/       everything below, GTK, libadwaita
  src/cli/      everything below but the window: no GTK
  src/main.c    everything
Also checked: no cycle among the project's headers; only the application's
own file and main.c include pr-application.h (windows and widgets get what
they need from a PrContext); pr-text.c does not include pr-parser.h.

The build keeps layers apart too (each layer's meson dependency names only
the layers below it); this check says which line broke the rule.

usage: check-layers.py SOURCE_ROOT          check the tree, TAP output
       check-layers.py --self-test          check that violations are found
"""
import os
import re
import shutil
import sys
import tempfile

LAYERS = ['core', 'library', 'feeds', 'ui', 'cli']
# What each layer may include of the others.
ALLOWED = {
    'core': set(),
    'library': {'core'},
    'feeds': {'core', 'library'},
    'ui': {'core', 'library', 'feeds'},
    'cli': {'core', 'library', 'feeds'},
    'main': {'core', 'library', 'feeds', 'ui', 'cli'},
}
# System headers that belong to a layer: (pattern, lowest layer allowed).
SYSTEM = [
    (re.compile(r'^sqlite3\.h$'), {'library', 'feeds', 'ui', 'cli', 'main'}, 'SQLite'),
    (re.compile(r'^(gtk|gdk|gsk)/'), {'ui', 'main'}, 'GTK'),
    (re.compile(r'^adwaita\.h$'), {'ui', 'main'}, 'libadwaita'),
    (re.compile(r'^libsoup/'), {'feeds', 'ui', 'main'}, 'libsoup'),
]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def strip_comments(text):
    return re.sub(r'/\*.*?\*/|//[^\n]*', '', text, flags=re.S)


def layer_of(rel):
    parts = rel.split(os.sep)
    if len(parts) == 2 and parts[0] == 'src':
        return 'main'
    if len(parts) >= 3 and parts[0] == 'src' and parts[1] in LAYERS:
        return parts[1]
    return None


def scan(root):
    """Returns {relpath: [(kind, name, line)]} for the C files under src/."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            text = strip_comments(open(path, encoding='utf-8', errors='replace').read())
            incs = []
            for m in INCLUDE.finditer(text):
                line = text.count('\n', 0, m.start()) + 1
                incs.append((m.group(1), m.group(2), line))
            files[rel] = incs
    return files


def check(root):
    """Returns a list of (check name, [problems])."""
    files = scan(root)
    # The project's headers by base name (includes are by base name: each
    # layer's folder is an include directory).
    headers = {}
    for rel in files:
        if rel.endswith('.h'):
            headers.setdefault(os.path.basename(rel), rel)

    layering, special = [], []
    for rel, incs in sorted(files.items()):
        layer = layer_of(rel)
        if layer is None:
            continue
        for kind, name, line in incs:
            where = f'{rel}:{line}: includes {name}'
            if kind == '<':
                for pattern, allowed, what in SYSTEM:
                    if pattern.search(name) and layer not in allowed:
                        layering.append(f'{where}: {what} is not for src/{layer}/')
                continue
            target = headers.get(os.path.basename(name))
            if target is None:
                continue  # config.h, generated resources
            target_layer = layer_of(target)
            if target_layer not in (layer, None) and target_layer not in ALLOWED[layer]:
                layering.append(f'{where} of src/{target_layer}/, which src/{layer}/ may not see')
            if os.path.basename(name) == 'pr-application.h' and \
               os.path.basename(rel) not in ('pr-application.c', 'main.c'):
                special.append(f'{where}: windows and widgets get the library from a PrContext')
            if os.path.basename(rel) == 'pr-text.c' and os.path.basename(name) == 'pr-parser.h':
                special.append(f'{where}: the text decoder sits below the parser')

    # Cycles among headers (depth-first search over header → header edges).
    graph = {}
    for rel, incs in files.items():
        if rel.endswith('.h'):
            graph[rel] = [headers[os.path.basename(n)] for k, n, _ in incs
                          if k == '"' and os.path.basename(n) in headers]
    cycles = []
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 'open':
                cycles.append(' → '.join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [])

    return [('layers', layering), ('header cycles', cycles), ('context and text', special)]


def tap(results):
    print(f'1..{len(results)}')
    ok = True
    for i, (name, problems) in enumerate(results, 1):
        if problems:
            ok = False
            print(f'not ok {i} {name}')
            for p in problems:
                print(f'# {p}')
        else:
            print(f'ok {i} {name}')
    return ok


def self_test():
    """A tree with one violation of each kind: each must be reported."""
    cases = {
        'core includes SQLite': ('src/core/pr-a.c', '#include <sqlite3.h>\n', 'layers'),
        'core includes GTK': ('src/core/pr-a.c', '#include <gtk/gtk.h>\n', 'layers'),
        'core includes libsoup': ('src/core/pr-a.c', '#include <libsoup/soup.h>\n', 'layers'),
        'core includes the library': ('src/core/pr-a.c', '#include "pr-store.h"\n', 'layers'),
        'library includes GTK': ('src/library/pr-store.c', '#include <adwaita.h>\n', 'layers'),
        'library includes the window': ('src/library/pr-store.c', '#include "pr-window.h"\n', 'layers'),
        'cli includes GTK': ('src/cli/pr-cli.c', '#include <gtk/gtk.h>\n', 'layers'),
        'header cycle': ('src/core/pr-b.h', '#include "pr-c.h"\n', 'header cycles'),
        'window includes the application': ('src/ui/pr-window.h', '#include "pr-application.h"\n',
                                             'context and text'),
        'text includes the parser': ('src/core/pr-text.c', '#include "pr-parser.h"\n', 'context and text'),
    }
    base = {
        'src/main.c': '#include "pr-application.h"\n#include "pr-cli.h"\n',
        'src/core/pr-a.c': '#include <glib.h>\n#include <libxml/HTMLparser.h>\n#include <gmime/gmime.h>\n'
                           '#include "pr-b.h"\n/* #include <sqlite3.h> */\n',
        'src/core/pr-b.h': '#include <glib.h>\n',
        'src/core/pr-c.h': '#include "pr-b.h"\n',
        'src/core/pr-text.c': '#include "pr-b.h"\n',
        'src/core/pr-parser.h': '#include "pr-b.h"\n',
        'src/library/pr-store.h': '#include "pr-b.h"\n',
        'src/library/pr-store.c': '#include <sqlite3.h>\n#include "pr-store.h"\n',
        'src/ui/pr-application.h': '#include <adwaita.h>\n#include "pr-store.h"\n',
        'src/ui/pr-application.c': '#include "pr-application.h"\n#include "pr-window.h"\n',
        'src/ui/pr-window.h': '#include <adwaita.h>\n#include "pr-store.h"\n',
        'src/cli/pr-cli.h': '#include <glib.h>\n',
        'src/cli/pr-cli.c': '#include "pr-cli.h"\n#include "pr-store.h"\n',
    }
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        def write(tree):
            shutil.rmtree(os.path.join(tmp, 'src'), ignore_errors=True)
            for rel, text in tree.items():
                os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
                with open(os.path.join(tmp, rel), 'w') as f:
                    f.write(text)

        write(base)
        clean = all(not problems for _, problems in check(tmp))
        results.append(('a clean tree passes', [] if clean else ['a clean tree was reported']))
        for name, (rel, line, expected) in cases.items():
            tree = dict(base)
            tree[rel] = tree.get(rel, '') + line
            write(tree)
            found = dict(check(tmp))
            others = [n for n, p in found.items() if p and n != expected]
            problems = []
            if not found[expected]:
                problems.append(f'not reported under "{expected}"')
            if others:
                problems.append(f'also reported under {others}')
            results.append((name, problems))
    return results


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--self-test':
        sys.exit(0 if tap(self_test()) else 1)
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
    sys.exit(0 if tap(check(root)) else 1)
