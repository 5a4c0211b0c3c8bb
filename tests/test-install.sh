#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR and checks that every file lands
# where GNOME and Flatpak look for it; then compiles the installed schemas and,
# with a display, starts the installed binary from that prefix in German.
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

# The catalogs are real: the German one translates a string of the app.
de=$(LANGUAGE=de LC_ALL=C.UTF-8 TEXTDOMAINDIR="$dest$localedir" gettext -d pressreader "No Results")
[ "$de" = "Keine Ergebnisse" ] || bad "installed German catalog does not translate (got '$de')"

# Compiled after install (skipped for a DESTDIR install, so do it here).
schemas="$dest$datadir/glib-2.0/schemas"
glib-compile-schemas --strict "$schemas" || bad "installed schemas do not compile"
keys=$(GSETTINGS_SCHEMA_DIR="$schemas" gsettings list-keys "$app_id" 2>&1 | sort | tr '\n' ' ')
for key in window-width window-height window-maximized sidebar-visible selected-release \
           filter sort text-scale style mark-read-on-open; do
  case " $keys" in *" $key "*) ;; *) bad "schema key $key missing (have: $keys)";; esac
done

# Start the installed binary from its prefix, in German, on its own session
# bus (so that no other instance of the app answers instead), and wait for
# its window to be mapped.
if [ -n "${DISPLAY:-}" ] && command -v xwininfo >/dev/null; then
  applog=$(mktemp)
  # shellcheck disable=SC2016 # the script is expanded by the inner shell
  XDG_DATA_DIRS="$dest$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
  GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory \
  LANGUAGE=de LANG=C.UTF-8 LC_ALL='' \
    dbus-run-session -- /usr/bin/env bash -c '
      "$1" 2>"$2" & pid=$!
      for i in $(seq 1 100); do
        # Its own window: other tests may show PressReader windows too.
        for id in $(xwininfo -root -tree | awk "/\"PressReader\"/ {print \$1}"); do
          if xprop -id "$id" _NET_WM_PID | grep -q "= $pid\$"; then
            echo "window mapped after about $((i * 100)) ms"; kill $pid; wait $pid; exit 0
          fi
        done
        kill -0 $pid 2>/dev/null || { wait $pid; echo "exited with $? before showing a window"; exit 1; }
        sleep 0.1
      done
      echo "no window after 10 s"; kill $pid; exit 1' _ "$dest$bindir/pressreader" "$applog" 2>/dev/null
  rc=$?
  [ $rc -eq 0 ] || bad "the installed binary did not show its window"
  if [ -s "$applog" ]; then
    cat "$applog"
    grep -Eq 'CRITICAL|WARNING' "$applog" && bad "the installed binary logged warnings"
  fi
  rm -f "$applog"
else
  echo "no DISPLAY (or no xwininfo/xprop from x11-utils): the start check is skipped"
fi

[ $fail -eq 0 ] && echo "ok"
exit $fail
