#!/usr/bin/env bash
# install-tree.sh
#
# Installs the build into a temporary DESTDIR and checks that everything a desktop needs is
# there: binaries, desktop file (translated, with its keywords), D-Bus service, metainfo,
# icons, settings schema, translations and manual pages. Prints TAP.
#
#   install-tree.sh BUILD_DIR PREFIX
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
build=$1
prefix=$2
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
root="$destdir$prefix"
n=0
failed=0

# A check's own output goes to standard error: standard output is TAP.
check() {
  n=$((n + 1))
  if eval "$2" >&2; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    failed=1
  fi
}

echo "1..15"
meson install -C "$build" --destdir "$destdir" --no-rebuild --quiet >/dev/null 2>&1
installed=$?
check "meson install succeeds" "[ $installed -eq 0 ]"

app=io.github.signalbox.Signalbox
desktop="$root/share/applications/$app.desktop"
check "signalbox is installed" "[ -x '$root/bin/signalbox' ]"
check "signalbox-key is installed" "[ -x '$root/bin/signalbox-key' ]"
check "the desktop file is installed" "[ -f '$desktop' ]"
check "the desktop file is valid" "desktop-file-validate '$desktop'"
check "it is found by Claude and OpenRouter" \
  "grep -q '^Keywords=.*Claude;.*OpenRouter;' '$desktop'"
check "it is translated into German and French" \
  "grep -q '^GenericName\\[de\\]=' '$desktop' && grep -q '^GenericName\\[fr\\]=' '$desktop'"
check "the D-Bus service starts the installed binary" \
  "grep -q '^Exec=$prefix/bin/signalbox --gapplication-service' '$root/share/dbus-1/services/$app.service'"
check "the metainfo is installed and valid" \
  "appstreamcli validate --no-net '$root/share/metainfo/$app.metainfo.xml' >/dev/null"
check "the app icon is installed" "[ -f '$root/share/icons/hicolor/scalable/apps/$app.svg' ]"
check "the symbolic icon is installed" \
  "[ -f '$root/share/icons/hicolor/symbolic/apps/$app-symbolic.svg' ]"
check "the settings schema is installed and compiles" \
  "glib-compile-schemas --strict --dry-run '$root/share/glib-2.0/schemas'"
check "the German translation is installed" \
  "[ -f '$root/share/locale/de/LC_MESSAGES/signalbox.mo' ]"
check "the French translation is installed" \
  "[ -f '$root/share/locale/fr/LC_MESSAGES/signalbox.mo' ]"
check "the manual pages are installed" \
  "[ -f '$root/share/man/man1/signalbox.1' ] && [ -f '$root/share/man/man1/signalbox-key.1' ]"

exit $failed
