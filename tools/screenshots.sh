#!/bin/sh
# Screenshots of every page under Xvfb, optimised into docs/screenshots/.
# Also takes one whole-screen shot with xdotool + import to check the real window.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DISP=${DISP:-:99}
Xvfb "$DISP" -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null || true' EXIT
sleep 1
export DISPLAY="$DISP" QT_QPA_PLATFORM=xcb
TMP=$(mktemp -d)
.venv/bin/python tools/screenshots.py "$TMP"
mkdir -p "$OUT"
for f in "$TMP"/*.png; do
    convert "$f" -strip -colors 256 PNG8:"$OUT/$(basename "$f")"
done
# the real app, started by its command line, seen from outside
.venv/bin/backcoach --data-dir "$TMP/data" &
APID=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
    xdotool search --name backcoach >/dev/null 2>&1 && break
    sleep 0.5
done
sleep 1
xdotool key Return
sleep 0.5
import -window root "$TMP/xdotool-routine.png"
kill $APID
convert "$TMP/xdotool-routine.png" -strip -colors 256 PNG8:"$OUT/xdotool-routine.png"
ls -la "$OUT"
