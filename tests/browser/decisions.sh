#!/usr/bin/env bash
# tests/browser/decisions.sh SITE — the decision lists' filter the way a reader gets it:
# serves the built SITE over HTTP on loopback, opens beslut/ in headless Chromium and
# checks that the script replaced every facet menu by checkboxes for all the facet's
# values (beslut/facets.json), also when the menu itself showed only some of them.
# Needs python3 and chromium (see page.sh). Used by .ci/run.
set -euo pipefail
site="$1"
dom=$(mktemp)
trap 'rm -f "$dom"' EXIT
source "$(dirname "$0")/page.sh"
page_dom "$site" "beslut/" >"$dom"
python3 - "$site/beslut/facets.json" "$site/beslut/index.html" "$dom" <<'PY'
import json, re, sys
facets = json.load(open(sys.argv[1]))
menu = open(sys.argv[2], encoding="utf-8").read()
dom = open(sys.argv[3], encoding="utf-8").read()
failed = False
for facet in facets:
    key, total = facet["key"], len(facet["options"])
    boxes = len(re.findall(r'<input type="checkbox"[^>]* data-facet="%s">' % key, dom))
    links = menu.split('data-facet="%s"' % key, 1)[1].split("</div>", 1)[0].count("data-value=")
    print(f"{key}: {links} links in the menu, {boxes} checkboxes of {total} values")
    failed |= boxes != total
sys.exit(1 if failed else 0)
PY
