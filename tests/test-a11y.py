#!/usr/bin/python3
"""The reading window over AT-SPI: a screen reader finds the release list's
rows, reads the article's text and the sidebar's values by role and name.

Runs the real binary ($PRESSREADER) with accessibility on, inside the D-Bus
session of the test run (xvfb-run outside, dbus-run-session inside).
usage: test-a11y.py   (TAP on stdout)
"""
import os
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

SEED_TITLE = 'The 2021 SCO International Round Table was held in Lianyungang, Jiangsu'
FIRST_TITLE = '青山云图发布面向中小城市的智慧公交调度平台'

tests = []


def tap(ok, name, detail=''):
    tests.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(tests)} {name}{(' # ' + detail) if detail and not ok else ''}")
    sys.stdout.flush()


def walk(node, depth=0, limit=60):
    if node is None or depth > limit:
        return
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, limit)


# A loaded machine (two cores, other tests) can take long to start the
# program and its accessibility bus: poll for up to a minute.
APP_TIMEOUT = float(os.environ.get('PR_A11Y_TIMEOUT', '60'))


def find_app(name, timeout=APP_TIMEOUT):
    end = time.time() + timeout
    while time.time() < end:
        try:
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                if app is not None and app.get_name() == name:
                    return app
        except Exception:
            pass  # the registry is still starting
        time.sleep(0.5)
    return None


def wait_for(predicate, timeout=APP_TIMEOUT):
    """Polls until predicate() returns a true value (returned), or None."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.5)
    return None


def text_of(node):
    try:
        return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    except Exception:
        return None


def main():
    print('TAP version 14')
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    env['GSETTINGS_BACKEND'] = 'memory'
    env['G_DEBUG'] = ''
    exe = env.get('PRESSREADER', 'pressreader')
    with tempfile.TemporaryDirectory() as home:
        env['XDG_DATA_HOME'] = home
        proc = subprocess.Popen([exe, '--library', os.path.join(home, 'library.db')], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            Atspi.init()
            app = find_app('pressreader')
            tap(app is not None, 'the application is on the accessibility bus',
                'not after %.0f s; exit status %r' % (APP_TIMEOUT, proc.poll()))
            if app is None:
                if proc.poll() is not None:
                    for line in proc.stderr.read().decode(errors='replace').splitlines()[-20:]:
                        print('# ' + line)
                return 1

            # The library opens asynchronously: wait until the list has
            # its rows and the article its text.
            def ready():
                found = list(walk(app))
                items = [n for n in found if n.get_role_name() == 'list item']
                article = [n for n in found if n.get_name() == 'Article']
                if len(items) >= 7 and article and (text_of(article[0]) or '').startswith(FIRST_TITLE):
                    return found
                return None
            nodes = wait_for(ready) or list(walk(app))
            roles = {}
            for n in nodes:
                try:
                    roles.setdefault(n.get_role_name(), []).append(n)
                except Exception:
                    pass

            # The list's rows: list items, with the titles as labels.
            items = roles.get('list item', [])
            tap(len(items) >= 7, 'the release list has a list item per release', f'{len(items)} list items')
            labels = [(n.get_name() or '') for n in roles.get('label', [])]
            tap(SEED_TITLE in labels, 'the seed release title is a label in the list')
            tap(FIRST_TITLE in labels, 'the newest release (Chinese) is a label in the list')

            # The article: a text box named "Article" with the whole text.
            articles = [n for n in nodes if n.get_name() == 'Article'
                        and n.get_role_name() in ('text', 'text box', 'document text', 'entry')]
            tap(len(articles) == 1, 'the article is one text object named "Article"',
                str([(n.get_role_name(), n.get_name()) for n in nodes if n.get_name() == 'Article']))
            body = text_of(articles[0]) if articles else None
            tap(body is not None and body.startswith(FIRST_TITLE),
                'the article text starts with the headline', repr(body[:80] if body else body))
            tap(body is not None and 'https://qingshan.example/transit' in body,
                'the article text is all there (the link in the last paragraph)')

            # The sidebar: its labels and values are labels.
            for label in ('Details', 'Date', 'Wire', 'Language', 'July 8, 2024', 'PR Newswire', 'Chinese'):
                tap(label in labels, f'the sidebar shows "{label}"')

            # Every button has a name.
            unnamed = [n for n in roles.get('push button', []) + roles.get('toggle button', [])
                       if not (n.get_name() or '').strip()]
            tap(not unnamed, 'every button has an accessible name',
                str([n.get_role_name() for n in unnamed]))
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f'1..{len(tests)}')
    return 0 if all(tests) else 1


if __name__ == '__main__':
    sys.exit(main())
