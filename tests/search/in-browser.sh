#!/usr/bin/env bash
# tests/search/in-browser.sh SITE QUERY EXPECTED — searches a built site the way a reader
# does: serves SITE over HTTP on loopback, opens sok/?q=QUERY in headless Chromium and
# checks that the search page lists hits and that the first one links to EXPECTED.
# Needs python3 and chromium (the site checkers install it). Used by .ci/run.
set -euo pipefail
site="$1" query="$2" expected="$3"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
profile=$(mktemp -d)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$profile"' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/sok/')" 2>/dev/null && break
  sleep 0.1
done
dom=$(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --virtual-time-budget=10000 \
  --dump-dom "http://127.0.0.1:$port/sok/?q=$query" 2>/dev/null)
status=$(grep -o '<p class="result-count" role="status">[^<]*</p>' <<<"$dom" || true)
first=$( (grep -o '<li class="search-hit"><h2 class="hit-title"><a href="[^"]*"' <<<"$dom" || true) | head -1 | sed 's/.*href="//; s/"$//')
echo "search for \"$query\": ${status:-no status}; first hit: ${first:-none}"
[[ "$status" == *"träff"* ]] || { echo "the search page shows no count of hits"; exit 1; }
[[ "$first" == "../$expected" ]] || { echo "the first hit should be ../$expected"; exit 1; }
