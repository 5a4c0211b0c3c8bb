#!/usr/bin/env python3
"""Checks the translation catalogs in po/.

- LINGUAS and the .po files match one to one;
- every catalog passes `msgfmt --check` and is 100% translated (no fuzzy, no
  untranslated message), with the right Plural-Forms for its language;
- every catalog is complete for the current sources: a template extracted
  afresh from po/POTFILES.in (same xgettext arguments as i18n.gettext's glib
  preset) has no message that a catalog lacks. Run build-aux/update-po after
  changing strings, then translate.

usage: check-po.py SOURCE_ROOT
"""
import json
import os
import re
import subprocess
import sys
import tempfile

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
podir = os.path.join(root, 'po')

PLURAL_FORMS = {
    'zh_CN': 'nplurals=1; plural=0;',
    'ru': 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
    'de': 'nplurals=2; plural=(n != 1);',
    'fr': 'nplurals=2; plural=(n > 1);',
    'es': 'nplurals=2; plural=(n != 1);',
}

# meson's i18n.gettext(preset: 'glib') keywords, plus po/meson.build's args.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]

ok = True


def po_header(path):
    """The header entry's fields (the msgstr of msgid "")."""
    lines = open(path, encoding='utf-8').read().splitlines()
    start = lines.index('msgstr ""') + 1
    text = ''
    for line in lines[start:]:
        if not line.startswith('"'):
            break
        text += json.loads(line)
    return dict(f.split(': ', 1) for f in text.split('\n') if ': ' in f)


def fail(msg):
    global ok
    print('FAIL: ' + msg)
    ok = False


langs = []
with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
    for line in f:
        line = line.split('#')[0].strip()
        langs += line.split()
pos = sorted(f[:-3] for f in os.listdir(podir) if f.endswith('.po'))
for lang in sorted(set(pos) - set(langs)):
    fail(f'po/{lang}.po is not listed in po/LINGUAS')
for lang in langs:
    if lang not in pos:
        fail(f'po/LINGUAS lists {lang} but po/{lang}.po does not exist')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'pressreader.pot')
    r = subprocess.run(['xgettext', '--package-name=pressreader', '-f', os.path.join(podir, 'POTFILES.in'),
                        '-D', root, '-o', pot] + XGETTEXT_ARGS,
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail('xgettext failed:\n' + r.stderr)
    elif r.stderr.strip():
        fail('xgettext warned:\n' + r.stderr)

    for lang in langs:
        po = os.path.join(podir, lang + '.po')
        if not os.path.exists(po):
            continue
        r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                           capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        stats = r.stderr.strip()
        print(f'{lang}: {stats}')
        if r.returncode != 0:
            fail(f'{lang}.po: msgfmt --check failed')
        if 'fuzzy' in stats or 'untranslated' in stats:
            fail(f'{lang}.po is not complete: {stats.splitlines()[-1]}')
        header = po_header(po)
        want = PLURAL_FORMS.get(lang)
        if 'Plural-Forms' not in header:
            fail(f'{lang}.po has no Plural-Forms header')
        elif want and header['Plural-Forms'].replace(' ', '') != want.replace(' ', ''):
            fail(f'{lang}.po: Plural-Forms "{header["Plural-Forms"]}", expected "{want}"')
        if header.get('Language') != lang:
            fail(f'{lang}.po: Language header is {header.get("Language")!r}, not {lang}')
        if os.path.exists(pot):
            r = subprocess.run(['msgcmp', '--use-fuzzy', po, pot], capture_output=True, text=True,
                               env=dict(os.environ, LC_ALL='C'))
            if r.returncode != 0:
                fail(f'{lang}.po lacks strings of the current sources (run build-aux/update-po, '
                     f'then translate):\n{r.stderr.strip()}')

sys.exit(0 if ok else 1)
