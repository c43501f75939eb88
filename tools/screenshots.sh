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
    xdotool search --onlyvisible --name backcoach >/dev/null 2>&1 && break
    sleep 0.5
done
sleep 1
WID=$(xdotool search --onlyvisible --name backcoach | head -n 1)
xdotool windowfocus --sync "$WID" key Return
sleep 1
import -window root "$TMP/x.png"
kill $APID
convert "$TMP/x.png" -strip -crop 1100x760+0+0 -colors 256 PNG8:"$OUT/xdotool-routine.png"
ls -la "$OUT"
