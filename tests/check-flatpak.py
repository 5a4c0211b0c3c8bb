#!/usr/bin/env python3
"""Checks the Flatpak manifest.

The manifest must be read by flatpak-builder without unknown keys
(`flatpak-builder --show-manifest`, which warns "Unknown property" on stderr),
and must have the keys PressReader relies on: the GNOME runtime and SDK, the
command, exactly the sandbox permissions the app needs (no filesystem; the
network, for feeds, and nothing else widened) and the app module built with meson from the local checkout.

usage: check-flatpak.py MANIFEST [FLATPAK_BUILDER]
Exits 77 (skipped) after the JSON checks when flatpak-builder is missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

manifest = sys.argv[1]
builder = sys.argv[2] if len(sys.argv) > 2 else shutil.which('flatpak-builder')
ok = True


def fail(msg):
    global ok
    print('FAIL: ' + msg)
    ok = False


def check(m, origin):
    app_id = m.get('id', m.get('app-id'))
    want = {
        'runtime': 'org.gnome.Platform',
        'sdk': 'org.gnome.Sdk',
        'command': 'pressreader',
    }
    if app_id != 'org.example.PressReader':
        fail(f'{origin}: id is {app_id!r}')
    for key, value in want.items():
        if m.get(key) != value:
            fail(f'{origin}: {key} is {m.get(key)!r}, expected {value!r}')
    version = m.get('runtime-version')
    if not isinstance(version, str) or not version.isdigit() or int(version) < 47:
        fail(f'{origin}: runtime-version {version!r} is not a current GNOME runtime')
    finish = m.get('finish-args', [])
    expected = ['--share=ipc', '--share=network', '--socket=fallback-x11', '--socket=wayland', '--device=dri']
    if sorted(finish) != sorted(expected):
        fail(f'{origin}: finish-args {finish}, expected exactly {expected}')
    modules = m.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        fail(f'{origin}: no app module')
        return
    app = modules[-1]
    if app.get('name') != 'pressreader' or app.get('buildsystem') != 'meson':
        fail(f'{origin}: the last module is not pressreader built with meson')
    sources = app.get('sources', [])
    if not any(s.get('type') == 'dir' and os.path.normpath(
            os.path.join(os.path.dirname(os.path.abspath(manifest)), s.get('path', ''))) ==
            os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
            for s in sources if isinstance(s, dict)):
        fail(f'{origin}: the app module is not built from the local checkout (type dir)')


with open(manifest, encoding='utf-8') as f:
    check(json.load(f), manifest)

if not builder:
    print('flatpak-builder is missing (Debian package flatpak-builder): --show-manifest not run')
    sys.exit(1 if not ok else 77)

# In a scratch folder: flatpak-builder leaves its .flatpak-builder state there.
with tempfile.TemporaryDirectory() as scratch:
    r = subprocess.run([builder, '--show-manifest', os.path.abspath(manifest)],
                       capture_output=True, text=True, cwd=scratch)
if r.returncode != 0:
    fail(f'flatpak-builder --show-manifest exited with {r.returncode}:\n{r.stderr}')
elif r.stderr.strip():
    fail('flatpak-builder --show-manifest warned (unknown keys?):\n' + r.stderr.strip())
else:
    check(json.loads(r.stdout), 'flatpak-builder --show-manifest')

print('ok' if ok else 'failed')
sys.exit(0 if ok else 1)
