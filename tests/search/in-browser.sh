#!/usr/bin/env bash
# tests/search/in-browser.sh SITE QUERY EXPECTED — searches a built site the way a reader
# does: serves SITE over HTTP on loopback, opens sok/?q=QUERY in headless Chromium and
# checks that the search page lists hits and that the first one links to EXPECTED.
# Needs python3 and chromium (see tests/browser/page.sh). Used by .ci/run.
set -euo pipefail
site="$1" query="$2" expected="$3"
source "$(dirname "$0")/../browser/page.sh"
dom=$(page_dom "$site" "sok/?q=$query")
status=$(grep -o '<p class="result-count" role="status">[^<]*</p>' <<<"$dom" || true)
first=$( (grep -o '<li class="search-hit"><h2 class="hit-title"><a href="[^"]*"' <<<"$dom" || true) | head -1 | sed 's/.*href="//; s/"$//')
echo "search for \"$query\": ${status:-no status}; first hit: ${first:-none}"
[[ "$status" == *"träff"* ]] || { echo "the search page shows no count of hits"; exit 1; }
[[ "$first" == "../$expected" ]] || { echo "the first hit should be ../$expected"; exit 1; }
