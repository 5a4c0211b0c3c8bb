#!/usr/bin/python3
"""Starts an installed pressreader in German and proves that it runs from
that prefix and speaks German with the catalogs installed there.

Called by tests/test-install.sh inside a D-Bus session of its own, with
XDG_DATA_DIRS and GSETTINGS_SCHEMA_DIR pointing into the DESTDIR.

  1. --help: every message of the installed German catalog that the English
     --help shows comes out translated, and none of those translations comes
     out when PRESSREADER_LOCALEDIR points at an empty folder (so the German
     is the DESTDIR's catalog, not another one on the machine);
  2. the window's first frame (PRESSREADER_EXIT_AFTER_FIRST_FRAME=1): exit
     status 0, "first-frame-ms N" on stderr, no warnings;
  3. the window over AT-SPI: translations from the installed catalog are
     the names of its visible widgets (header bar, sidebar), and the sidebar's date
     is in the German format of the catalog with the locale's month name.

The expected German strings are read from the installed .mo file, never
written here. Without a display (DISPLAY unset) 2 and 3 are skipped.

usage: check-installed.py BINARY LOCALEDIR   (LOCALEDIR: the DESTDIR's share/locale)
"""
import ctypes
import datetime
import gettext
import locale
import os
import re
import subprocess
import sys
import tempfile
import time

binary, localedir = sys.argv[1], sys.argv[2]
ok = True
failures = 0
LANG = 'de'
LOCALE = 'de_DE.UTF-8'
# Long enough not to occur in the English --help by accident.
MIN_HELP_MSGID = 20
# The newest release of the default catalog, shown in the sidebar at start.
NEWEST_DATE = datetime.date(2024, 7, 8)
TIMEOUT = float(os.environ.get('PR_INSTALL_TIMEOUT', '60'))


def fail(msg):
    global ok, failures
    print('FAIL: ' + msg)
    ok = False
    failures += 1


def have_locale(name):
    try:
        locale.setlocale(locale.LC_ALL, name)
        return True
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_ALL, 'C.UTF-8')


mo = os.path.join(localedir, LANG, 'LC_MESSAGES', 'pressreader.mo')
with open(mo, 'rb') as f:
    catalog = gettext.GNUTranslations(f)
# Simple messages only: no plurals, no context, no format directives.
messages = {k: v for k, v in catalog._catalog.items()
            if isinstance(k, str) and k and '\x04' not in k and '%' not in k and v != k}
print(f'{mo}: {len(messages)} translated messages')

german_locale = have_locale(LOCALE)
if not german_locale:
    print(f'the locale {LOCALE} is not installed (build-aux/deps --test): '
          'German under C.UTF-8, the date is not checked')


def environment(lang, catalogs=localedir, **extra):
    env = dict(os.environ)
    for key in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'G_DEBUG'):
        env.pop(key, None)
    env['PRESSREADER_LOCALEDIR'] = catalogs
    env['GSETTINGS_BACKEND'] = 'memory'
    if lang:
        env['LANGUAGE'] = lang
        env['LC_ALL'] = LOCALE if german_locale else 'C.UTF-8'
    else:
        env['LC_ALL'] = 'C.UTF-8'
    env.update(extra)
    return env


# 1. --help
def help_text(env):
    r = subprocess.run([binary, '--help'], env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        fail(f'{binary} --help exited with {r.returncode}: {r.stderr.strip()}')
    return r.stdout


english = help_text(environment(None))
german = help_text(environment(LANG))
with tempfile.TemporaryDirectory() as empty:
    control = help_text(environment(LANG, catalogs=empty))
failures_before = failures
shown = {k: v for k, v in messages.items() if len(k) >= MIN_HELP_MSGID and k in english}
if len(shown) < 3:
    fail(f'only {len(shown)} messages of the catalog found in the English --help:\n{english}')
for msgid, msgstr in sorted(shown.items()):
    if msgstr not in german:
        fail(f'--help in German lacks the translation of {msgid!r}: {msgstr!r}')
    if msgstr in control:
        fail(f'--help without the DESTDIR catalogs still shows {msgstr!r}')
    if msgid in german:
        fail(f'--help in German still shows {msgid!r}')
if failures == failures_before:
    print(f'--help: {len(shown)} messages translated from the installed catalog, '
          'none without it')

if not os.environ.get('DISPLAY'):
    print('no DISPLAY: the window is not started')
    sys.exit(0 if ok else 1)

# Xvfb (xvfb-run starts it without -noreset) resets when its last client
# disconnects, and a client that connects during the reset fails with
# "cannot open display": this process stays connected while the two runs
# below start and stop the app.
try:
    libx11 = ctypes.CDLL('libX11.so.6')
    libx11.XOpenDisplay.restype = ctypes.c_void_p
    libx11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x_connection = libx11.XOpenDisplay(None)
except OSError:
    x_connection = None
if not x_connection:
    fail(f'cannot connect to the X server {os.environ["DISPLAY"]}')

# 2. The first frame.
with tempfile.TemporaryDirectory() as home:
    env = environment(LANG, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home,
                      PRESSREADER_EXIT_AFTER_FIRST_FRAME='1', NO_AT_BRIDGE='1', GTK_A11Y='none')
    try:
        r = subprocess.run([binary], env=env, capture_output=True, text=True, timeout=TIMEOUT)
        m = re.search(r'^first-frame-ms (\d+)$', r.stderr, re.M)
        if r.returncode != 0:
            fail(f'the window run exited with {r.returncode}:\n{r.stderr}')
        elif not m:
            fail(f'no "first-frame-ms N" on stderr:\n{r.stderr}')
        else:
            print(f'first frame after {m.group(1)} ms')
        if re.search(r'CRITICAL|WARNING', r.stderr):
            fail(f'the window run logged warnings:\n{r.stderr}')
    except subprocess.TimeoutExpired:
        fail(f'no first frame after {TIMEOUT:.0f} s')

# 3. The window over AT-SPI.
import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            yield from walk(node.get_child_at_index(i), depth + 1)
        except Exception:
            continue


def find_app(name):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == name:
            return app
    return None


def visible(node):
    # GTK 4.8 sets VISIBLE, not SHOWING, on the widgets inside a window.
    try:
        return node.get_state_set().contains(Atspi.StateType.VISIBLE)
    except Exception:
        return False


def names_when_ready(app):
    """The names of the visible widgets, once the list has its rows (the
    library is seeded and opened asynchronously)."""
    nodes = [n for n in walk(app) if visible(n)]
    if sum(1 for n in nodes if n.get_role_name() == 'list item') < 7:
        return None
    return {n.get_name() for n in nodes if n.get_name()}


with tempfile.TemporaryDirectory() as home:
    env = environment(LANG, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    names = None
    try:
        Atspi.init()
        end = time.time() + TIMEOUT
        while time.time() < end and names is None and proc.poll() is None:
            try:
                app = find_app(os.path.basename(binary))
                names = names_when_ready(app) if app is not None else None
            except Exception:
                names = None  # the registry or the window is still starting
            if names is None:
                time.sleep(0.5)
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    if names is None:
        fail(f'the window did not show its list over AT-SPI within {TIMEOUT:.0f} s; '
             f'stderr:\n{err.decode(errors="replace")}')
    else:
        found = sorted({v for v in messages.values() if v in names})
        english_left = sorted(k for k, v in messages.items() if v in names and k in names)
        print(f'window: {len(found)} widget names are translations from the installed catalog: '
              + ', '.join(repr(s) for s in found))
        if len(found) < 5:
            fail('fewer than 5 widget names from the installed German catalog')
        for msgid in ('Unread', 'Date', 'Language'):
            if msgid not in messages:
                fail(f'the installed catalog does not translate {msgid!r}')
            elif messages[msgid] not in names:
                fail(f'the window does not show {messages[msgid]!r} (German for {msgid!r})')
        if english_left:
            fail(f'the window shows both English and German for {english_left}')
        if german_locale:
            fmt = catalog.gettext('%B %-d, %Y')
            locale.setlocale(locale.LC_TIME, LOCALE)
            date = NEWEST_DATE.strftime(fmt)
            locale.setlocale(locale.LC_TIME, 'C.UTF-8')
            english_date = NEWEST_DATE.strftime('%B %-d, %Y')
            if fmt == '%B %-d, %Y' or date == english_date:
                fail(f'the installed catalog has no German date format ({fmt!r} gives {date!r})')
            elif date not in names:
                dates = sorted(n for n in names if str(NEWEST_DATE.year) in n and len(n) < 40)
                fail(f'the sidebar does not show the date as {date!r} (dates shown: {dates})')
            else:
                print(f'window: the sidebar shows the date as {date!r}')

print('ok' if ok else 'failed')
sys.exit(0 if ok else 1)
