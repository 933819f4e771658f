# Sourced by the in-browser tests: `page_dom SITE PATH` serves the built SITE over HTTP on
# loopback, opens PATH (with its query) in headless Chromium once its scripts have run,
# and prints the page's DOM. Needs python3 and chromium (the site checkers install it).
page_dom() {
  local site="$1" path="$2" port profile server status=0
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  profile=$(mktemp -d)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 0.1
  done
  # Virtual time: the page's fetches and scripts finish before the DOM is taken.
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --virtual-time-budget=30000 \
    --dump-dom "http://127.0.0.1:$port/$path" 2>/dev/null || status=$?
  kill "$server" 2>/dev/null
  rm -rf "$profile"
  return "$status"
}
