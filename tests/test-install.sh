#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR and checks that every file lands
# where GNOME and Flatpak look for it; then compiles the installed schemas and
# starts the installed binary from that prefix in German (--help and, with a
# display, the window: tests/check-installed.py).
#
# usage: test-install.sh BUILDDIR
set -uo pipefail

# The languages in a po/LINGUAS file (several per line allowed, # comments).
linguas() { sed 's/#.*//' "$1" | tr -s ' \t' '\n' | grep -v '^$'; }
build=$(cd "$1" && pwd)
meson=${MESON:-meson}

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

if ! "$meson" install -C "$build" --destdir "$dest" --no-rebuild >"$dest.log" 2>&1; then
  cat "$dest.log" >&2; rm -f "$dest.log"
  echo "FAIL: meson install --destdir failed" >&2
  exit 1
fi
rm -f "$dest.log"

# Installation directories as configured (prefix, bindir, datadir, localedir).
eval "$("$meson" introspect --buildoptions "$build" | /usr/bin/python3 -c '
import json, sys
opts = {o["name"]: o["value"] for o in json.load(sys.stdin)}
prefix = opts["prefix"]
for name in ("bindir", "datadir", "localedir"):
    value = opts[name]
    print(f"{name}={value if value.startswith(chr(47)) else prefix + chr(47) + value}")
')"
app_id=org.example.PressReader

expected=(
  "$bindir/pressreader"
  "$datadir/applications/$app_id.desktop"
  "$datadir/metainfo/$app_id.metainfo.xml"
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  "$datadir/dbus-1/services/$app_id.service"
)
for lang in $(linguas "$(dirname "$0")/../po/LINGUAS"); do
  expected+=("$localedir/$lang/LC_MESSAGES/pressreader.mo")
done
for f in "${expected[@]}"; do
  if [ -f "$dest$f" ]; then echo "ok   $f"; else bad "not installed: $f"; fi
done
[ -x "$dest$bindir/pressreader" ] || bad "$bindir/pressreader is not executable"
grep -qx "Exec=$bindir/pressreader --gapplication-service" "$dest$datadir/dbus-1/services/$app_id.service" \
  || bad "the D-Bus service does not start $bindir/pressreader"

# The launcher is the translated one (Keywords too).
for lang in $(linguas "$(dirname "$0")/../po/LINGUAS"); do
  for key in Name GenericName Comment Keywords; do
    grep -q "^$key\[$lang\]=" "$dest$datadir/applications/$app_id.desktop" \
      || bad "installed launcher has no $key[$lang]"
  done
done

# Compiled after install: meson install runs glib-compile-schemas (and the
# icon cache and desktop database updates) on the real prefix, but skips
# them for a DESTDIR install, which packagers finish themselves. Check that
# they are registered, then compile the DESTDIR's schemas here.
plan=$("$meson" install -C "$build" --dry-run --no-rebuild 2>&1)
for script in "glib-compile-schemas $datadir/glib-2.0/schemas" \
              "gtk4-update-icon-cache -q -t -f $datadir/icons/hicolor" \
              "update-desktop-database -q $datadir/applications"; do
  grep -q "Running custom install script '.*$script'" <<<"$plan" \
    || bad "meson install does not run $script"
done
schemas="$dest$datadir/glib-2.0/schemas"
glib-compile-schemas --strict "$schemas" || bad "installed schemas do not compile"
[ -f "$schemas/gschemas.compiled" ] || bad "no gschemas.compiled in $datadir/glib-2.0/schemas"
keys=$(GSETTINGS_SCHEMA_DIR="$schemas" gsettings list-keys "$app_id" 2>&1 | sort | tr '\n' ' ')
for key in window-width window-height window-maximized sidebar-visible selected-release \
           filter sort text-scale style mark-read-on-open; do
  case " $keys" in *" $key "*) ;; *) bad "schema key $key missing (have: $keys)";; esac
done

# Start the installed binary from its prefix, in German with the installed
# catalogs (tests/check-installed.py: --help, the first frame, the window
# over AT-SPI), on a session bus of its own so that no other instance of the
# app answers instead.
XDG_DATA_DIRS="$dest$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
GSETTINGS_SCHEMA_DIR="$schemas" \
  dbus-run-session -- /usr/bin/python3 "$(dirname "$0")/check-installed.py" \
    "$dest$bindir/pressreader" "$dest$localedir" \
  || bad "the installed binary does not run in German from $dest"

[ $fail -eq 0 ] && echo "ok"
exit $fail
