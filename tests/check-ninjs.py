#!/usr/bin/env python3
"""Validates PressReader's ninjs 2.0 export against a JSON Schema written
from IPTC's ninjs 2.0 specification (tests/data/ninjs-2.0-required.schema.json).

The schema is checked first: a valid draft-04 schema that accepts the
smallest ninjs object and refuses objects that break the specification's
required properties and types. Then EXPORTER runs on the INPUTs (and on
../shared/corpus when PR_SHARED_DIR names it) and every object of its
output must validate.

usage: check-ninjs.py [--arg ARG]... EXPORTER SCHEMA INPUT...
  EXPORTER  a program printing the ninjs export of the release files and
            folders named after it: pressreader, with --arg=--export-ninjs
            (each ARG goes between the program and the inputs)
Output: TAP.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

import jsonschema

RFC3339 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')
URI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$')

# jsonschema checks "date-time" only with optional modules Debian may not
# have; these two formats are checked here in any case.
checker = jsonschema.FormatChecker()


@checker.checks('date-time', raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        raise ValueError('not an RFC 3339 date-time: %r' % value)
    datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    return True


@checker.checks('uri', raises=ValueError)
def is_uri(value):
    if not isinstance(value, str):
        return True
    if not URI.match(value):
        raise ValueError('not a URI: %r' % value)
    try:
        import rfc3987
    except ImportError:
        return True
    rfc3987.parse(value, rule='URI')
    return True


# Objects the specification refuses, each for one reason.
BAD = {
    'no uri': {'type': 'text'},
    'uri not a URI': {'uri': 'not a uri'},
    'a member 2.0 does not name': {'uri': 'urn:x', '$schema': 'http://example.org/s.json'},
    'type not one of the list': {'uri': 'urn:x', 'type': 'article'},
    'headlines not an array': {'uri': 'urn:x', 'headlines': 'Headline'},
    'a headline without a value': {'uri': 'urn:x', 'headlines': [{'role': 'main'}]},
    'a body with a member of its own': {'uri': 'urn:x', 'bodies': [{'value': 'x', 'html': True}]},
    'wordcount not a number': {'uri': 'urn:x', 'bodies': [{'value': 'x', 'wordcount': '12'}]},
    'versioncreated a bare date': {'uri': 'urn:x', 'versioncreated': '2024-03-05'},
    'organisations of strings': {'uri': 'urn:x', 'organisations': ['Acme']},
    'a rendition without a name': {'uri': 'urn:x', 'renditions': [{'href': 'https://example.org/a.jpg'}]},
    'standard with a member of its own': {'uri': 'urn:x', 'standard': {'name': 'ninjs', 'year': 2021}},
}
GOOD = {
    'the smallest object': {'uri': 'urn:x'},
    'a full one': {
        'uri': 'https://example.org/news/1', 'type': 'text', 'version': '1',
        'versioncreated': '2024-03-05T14:30:00-05:00', 'language': 'en',
        'headlines': [{'role': 'main', 'value': 'H'}],
        'bodies': [{'role': 'main', 'contenttype': 'text/plain', 'value': 'B', 'wordcount': 1}],
        'organisations': [{'name': 'Acme', 'symbols': [{'ticker': 'ACME'}]}],
        'standard': {'name': 'ninjs', 'version': '2.0',
                     'schema': 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json'},
    },
}


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, details=()):
        self.n += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.n, name))
        for line in details:
            print('# ' + line)
        if not ok:
            self.failed += 1


def errors_of(validator, instance):
    return ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path) or '(top)', e.message)
            for e in validator.iter_errors(instance)]


def main():
    parser = argparse.ArgumentParser(usage=__doc__.split('usage: ')[1].split('\n')[0])
    parser.add_argument('--arg', action='append', default=[])
    parser.add_argument('exporter')
    parser.add_argument('schema')
    parser.add_argument('inputs', nargs='+')
    options = parser.parse_args()
    exporter, schema_path, inputs = options.exporter, options.schema, options.inputs
    tap = Tap()

    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)
    try:
        jsonschema.Draft4Validator.check_schema(schema)
        tap.check(True, 'the schema is a draft-04 JSON Schema')
    except jsonschema.SchemaError as e:
        tap.check(False, 'the schema is a draft-04 JSON Schema', [e.message])
    validator = jsonschema.Draft4Validator(schema, format_checker=checker)
    tap.check('ninjs' in schema.get('description', '') and 'IPTC' in schema.get('description', ''),
              'the schema says where it comes from')

    for name, instance in GOOD.items():
        errors = errors_of(validator, instance)
        tap.check(not errors, 'the schema accepts %s' % name, errors)
    for name, instance in BAD.items():
        tap.check(not validator.is_valid(instance), 'the schema refuses %s' % name)

    shared = os.environ.get('PR_SHARED_DIR')
    if shared and os.path.isdir(os.path.join(shared, 'corpus')):
        inputs.append(os.path.join(shared, 'corpus'))
    run = subprocess.run([exporter] + options.arg + inputs, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    tap.check(run.returncode == 0, 'the exporter runs (%s)' % os.path.basename(exporter),
              run.stderr.decode('utf-8', 'replace').splitlines())
    try:
        exported = json.loads(run.stdout.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as e:
        tap.check(False, 'the export is UTF-8 JSON', [str(e)])
        exported = []
    tap.check(isinstance(exported, list) and len(exported) > 0,
              'the export is an array of ninjs objects (%d)' % len(exported))

    for i, item in enumerate(exported):
        errors = errors_of(validator, item)
        title = ''
        if isinstance(item, dict) and item.get('headlines'):
            title = item['headlines'][0].get('value', '')[:60]
        tap.check(not errors, 'object %d validates: %s' % (i, title), errors)
        tap.check(isinstance(item, dict) and item.get('uri', '').startswith('urn:pressreader:release:')
                  and item.get('bodies') and item.get('headlines'),
                  'object %d has a PressReader uri, a headline and a body' % i)

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
