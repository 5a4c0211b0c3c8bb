#!/usr/bin/env bash
# Desktop-integration checks, one per mode (see tests/meson.build):
#   test-desktop.sh desktop  DESKTOP_FILE SERVICE_FILE
#   test-desktop.sh metainfo METAINFO_FILE
#   test-desktop.sh icons    SCALABLE_SVG SYMBOLIC_SVG
# Any warning, hint or unexpected issue fails the test.
set -uo pipefail

# The languages in a po/LINGUAS file (several per line allowed, # comments).
linguas() { sed 's/#.*//' "$1" | tr -s ' \t' '\n' | grep -v '^$'; }

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$1 is missing: install the Debian package $2 (build-aux/deps --test)" >&2
  exit 1
}

fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

case "${1:-}" in
desktop)
  desktop=$2 service=$3
  need desktop-file-validate desktop-file-utils
  out=$(desktop-file-validate "$desktop" 2>&1)
  rc=$?
  [ -n "$out" ] && echo "$out"
  [ $rc -eq 0 ] || bad "desktop-file-validate exited with $rc"
  [ -z "$out" ] || bad "desktop-file-validate reported warnings or hints"

  id=$(basename "$desktop" .desktop)
  grep -qx 'DBusActivatable=true' "$desktop" || bad "DBusActivatable=true missing"
  grep -qx "Icon=$id" "$desktop" || bad "Icon=$id missing"
  grep -q '^Exec=pressreader %F$' "$desktop" || bad "Exec=pressreader %F missing"
  for lang in $(linguas "$(dirname "$0")/../po/LINGUAS"); do
    grep -q "^Comment\[$lang\]=" "$desktop" || bad "no Comment[$lang]: translations not merged"
  done
  # The D-Bus service that DBusActivatable=true needs: same name as the launcher.
  grep -qx '\[D-BUS Service\]' "$service" || bad "$service: no [D-BUS Service] group"
  grep -qx "Name=$id" "$service" || bad "$service: Name is not $id"
  grep -Eq '^Exec=/.*/pressreader --gapplication-service$' "$service" \
    || bad "$service: Exec is not an absolute pressreader --gapplication-service"
  ;;

metainfo)
  metainfo=$2
  need appstreamcli appstream
  appstreamcli --version
  out=$(appstreamcli validate --no-net --pedantic --explain "$metainfo" 2>&1)
  rc=$?
  echo "$out"
  [ $rc -eq 0 ] || bad "appstreamcli validate exited with $rc"
  # Issues accepted, each for a reason:
  # - cid-contains-uppercase-letter (pedantic): the component ID is the
  #   application ID org.example.PressReader, which D-Bus activation, the
  #   launcher name and GSettings share; GNOME IDs are CamelCase.
  # - unknown-tag developer (info): <developer id=…> is AppStream 1.0
  #   (Flathub requires it); Debian 12's appstream 0.16 predates it and reads
  #   <developer_name>, which the file carries as well.
  unexpected=$(echo "$out" | grep -E '^[EWIP]: ' \
    | grep -Ev '^P: [^ ]+ cid-contains-uppercase-letter ' \
    | grep -Ev '^I: [^ ]+ unknown-tag developer$' || true)
  [ -z "$unexpected" ] || bad "unexpected AppStream issues:"$'\n'"$unexpected"
  for lang in $(linguas "$(dirname "$0")/../po/LINGUAS"); do
    grep -q "<summary xml:lang=\"$lang\">" "$metainfo" || bad "no summary for $lang: translations not merged"
  done
  ;;

icons)
  scalable=$2 symbolic=$3
  /usr/bin/python3 - "$scalable" "$symbolic" <<'PY' || fail=1
import sys, xml.etree.ElementTree as ET
ok = True
for path, size in ((sys.argv[1], '128'), (sys.argv[2], '16')):
    root = ET.parse(path).getroot()
    got = (root.get('width'), root.get('height'), root.get('viewBox'))
    if got != (size, size, f'0 0 {size} {size}'):
        print(f'FAIL: {path}: canvas {got}, expected {size}x{size}', file=sys.stderr)
        ok = False
    for el in root.iter():
        tag = el.tag.split('}')[-1]
        if tag in ('image', 'text', 'script') or el.get('{http://www.w3.org/1999/xlink}href', '').startswith('http'):
            print(f'FAIL: {path}: <{tag}> (embedded/remote content or text)', file=sys.stderr)
            ok = False
sym = ET.parse(sys.argv[2]).getroot()
for el in sym.iter():
    for attr in ('fill', 'stroke'):
        v = el.get(attr)
        if v not in (None, 'none', '#241f31'):
            print(f'FAIL: symbolic icon uses {attr}={v}; it must be single-colour #241f31', file=sys.stderr)
            ok = False
sys.exit(0 if ok else 1)
PY
  need rsvg-convert librsvg2-bin
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  for s in 16 32 48 128 256; do
    rsvg-convert -w $s -h $s "$scalable" -o "$tmp/app-$s.png" || bad "$scalable does not render at $s px"
  done
  rsvg-convert -w 16 -h 16 "$symbolic" -o "$tmp/sym.png" || bad "$symbolic does not render"
  ;;

*)
  echo "usage: $0 desktop|metainfo|icons FILE..." >&2
  exit 2
  ;;
esac

[ $fail -eq 0 ] && echo "ok"
exit $fail
