#!/usr/bin/env python3
"""Fails when a file with translatable strings is missing from po/POTFILES.in.

Scans the C sources and GtkBuilder files under src/, the launcher, schema and
other translatable data under data/ (not data/samples/), and the top-level
metainfo. Also fails on POTFILES.in entries that do not exist (xgettext would
fail on them) or are listed twice.

usage: check-potfiles.py SOURCE_ROOT
"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))

C_MARK = re.compile(r'(?<![\w])(?:_|N_|C_|NC_|Q_|ngettext|dngettext|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
DESKTOP_MARK = re.compile(r'^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)\s*=', re.M)
XML_MARK = re.compile(r'<(?:summary|description|name|p|li|caption|developer_name|keyword)[\s>]')


def marks(path):
    name = os.path.basename(path)
    try:
        text = open(path, encoding='utf-8').read()
    except (UnicodeDecodeError, OSError):
        return False
    if name.endswith(('.c', '.h')):
        # Ignore comments: a "_(" in prose is not a string to translate.
        text = re.sub(r'/\*.*?\*/|//[^\n]*', '', text, flags=re.S)
        return bool(C_MARK.search(text))
    if name.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if name.endswith(('.desktop.in', '.desktop')):
        return bool(DESKTOP_MARK.search(text))
    if name.endswith(('.gschema.xml', '.metainfo.xml', '.metainfo.xml.in', '.appdata.xml', '.appdata.xml.in')):
        return bool(XML_MARK.search(text))
    return False


candidates = []
for top in ('src', 'data'):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = sorted(d for d in dirnames if os.path.join(rel_dir, d) != os.path.join('data', 'samples'))
        candidates += [os.path.join(rel_dir, f) for f in sorted(filenames)]
candidates += sorted(f for f in os.listdir(root)
                     if f.endswith(('.metainfo.xml', '.metainfo.xml.in', '.appdata.xml')))

listed = []
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

ok = True
for entry in sorted(set(e for e in listed if listed.count(e) > 1)):
    print(f'FAIL: listed twice in po/POTFILES.in: {entry}')
    ok = False
for entry in listed:
    if not os.path.isfile(os.path.join(root, entry)):
        print(f'FAIL: po/POTFILES.in lists {entry}, which does not exist')
        ok = False

needed = [c for c in candidates if marks(os.path.join(root, c))]
for path in needed:
    if path not in listed:
        print(f'FAIL: {path} has translatable strings but is missing from po/POTFILES.in')
        ok = False

print(f'{len(needed)} files with translatable strings, {len(listed)} listed in po/POTFILES.in')
sys.exit(0 if ok else 1)
