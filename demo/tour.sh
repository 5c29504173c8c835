#!/usr/bin/env bash
# The headless tour of dust-links, run by `./run demo` under xvfb-run:
#   demo/tour.sh <build-dir> <output-dir>
# dust-links starts on its embedded server (fresh data in <output-dir>/tour-data);
# the dust CLI plays another client that adds, edits and deletes links; xdotool
# uses the add dialog; `import -window root` takes a screenshot after each step.
set -euo pipefail

build="$1"
out="$2"
app="$build/demo/links/dust-links"
widgets="$build/demo/links-widgets/dust-links-widgets"
dust="$build/src/cli/dust"
data="$out/tour-data"
log="$out/dust-links.log"
store="demo/links"

rm -rf "$data"
mkdir -p "$out" "$data"
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    export XDG_RUNTIME_DIR="$out/runtime"
    mkdir -p "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
fi
rm -f "$out"/*.png

QT_QUICK_BACKEND=software "$app" --data-dir "$data" -geometry 1120x720+0+0 >"$log" 2>&1 &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 150); do
    url="$(grep -o 'ws://[^ ,]*' "$log" | head -n 1 || true)"
    [ -n "$url" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "tour: dust-links did not start; its output:" >&2
    cat "$log" >&2
    exit 1
fi

step() { printf '\n== %s\n' "$*"; }
say() { printf '   %s\n' "$*"; }
shot() {
    sleep "${2:-0.8}"
    import -window root "$out/$1.png"
    say "screenshot: $out/$1.png"
}
other() {
    say "\$ dust $*"
    "$dust" --url "$url" --data-dir "$data" --timeout 10000 "$@" >/dev/null
}
put() {
    other put "$store" "links/$1" "$2"
}
keys() { xdotool "$@"; sleep 0.15; }

# The pointer starts mid-screen; park it on the status bar so no row shows a hover.
xdotool mousemove 1110 712

step "1. dust-links is open on its embedded Dust server"
say "$(grep -m 1 "Dust server at" "$log")"
sleep 2.5
shot 01-empty 0

step "2. Another client (the dust CLI) adds four links; each appears live, highlighted"
put qt.io '{"title":"Qt","url":"https://www.qt.io","note":"The cross-platform application framework"}'
put doc.qt.io-qt-6 '{"title":"Qt 6 documentation","url":"https://doc.qt.io/qt-6/","note":"Reference for every module"}'
put kde.org '{"title":"KDE","url":"https://kde.org","note":""}'
put example.com '{"title":"Example Domain","url":"https://example.com","note":"Placeholder, to be deleted"}'
shot 02-added

sleep 3
step "3. It edits a link: KDE gets a new title and a note"
put kde.org '{"title":"KDE Community","url":"https://kde.org","note":"Plasma, apps and frameworks built with Qt"}'
shot 03-edited 0.5

sleep 3
step "4. It deletes a link: example.com disappears"
other delete "$store" links/example.com
shot 04-deleted

step "5. In the window, Ctrl+N opens the add dialog; a bad URL and slug are refused"
sleep 2
xdotool mousemove 560 600 click 1
sleep 0.3
keys key ctrl+n
sleep 0.6
keys key Tab
keys type --delay 20 "qt.io"
keys key Tab
keys key ctrl+a
keys type --delay 20 "Bad Slug"
keys key Return
shot 05-validation 0.8

step "6. Corrected, the link is saved through the app's own client"
keys key ctrl+a
keys type --delay 20 "qt-forum"
keys key shift+Tab
keys key ctrl+a
keys type --delay 20 "https://forum.qt.io"
keys key shift+Tab
keys type --delay 20 "Qt Forum"
keys key Return
shot 06-saved 0.8
listing="$("$dust" --url "$url" --data-dir "$data" enum "$store" 'links/*/title' 2>&1 || true)"
say "the store now holds: $(printf '%s' "$listing" | grep -o '"path": *"links/[^/"]*' \
    | sed 's/.*"links\///' | sort -u | tr '\n' ' ')"

step "7. dust-links closes; dust-links-widgets starts on the same data: the links survived"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
"$widgets" --data-dir "$data" -geometry 1120x720+0+0 >"$out/dust-links-widgets.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 150); do
    grep -q 'ws://' "$out/dust-links-widgets.log" && break
    sleep 0.1
done
say "$(grep -m 1 "Dust server at" "$out/dust-links-widgets.log" || echo "dust-links-widgets did not start")"
shot 07-widgets 2.5

step "Done: screenshots are in $out/"
