#!/usr/bin/env bash
# tests/browser/decisions.sh SITE — the decision lists' filter the way a reader gets it:
# serves the built SITE over HTTP on loopback, opens beslut/ in headless Chromium and
# checks that the script replaced every facet menu by checkboxes for all the facet's
# values (beslut/facets.json), also when the menu itself showed only some of them; then
# that a selection in the address (as Back and a shared link bring it) is the list shown,
# with each other box counting what it would add to it, and that on a facet's page
# another selection no longer wears that page's heading.
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

# The first value of the first facet, asked for in the address of the list of all.
read -r key value href < <(python3 -c '
import json, sys
facet = json.load(open(sys.argv[1]))[0]
option = facet["options"][0]
print(facet["key"], option["value"], option["href"])' "$site/beslut/facets.json")
page_dom "$site" "beslut/?$key=$value" >"$dom"
python3 - "$site/beslut/data.json" "$dom" "$key" "$value" <<'PY'
import json, re, sys
rows = json.load(open(sys.argv[1]))
dom = open(sys.argv[2], encoding="utf-8").read()
key, value = sys.argv[3], sys.argv[4]
field = {"organ": "body_key", "ar": "year", "mal": "goals", "omrade": "areas", "kommun": "municipalities"}[key]
def has(row):
    v = row[field]
    return value in (map(str, v) if isinstance(v, list) else [str(v)])
expected = "Visar %d av %d" % (sum(map(has, rows)), len(rows))
count = re.search(r'<p class="result-count"[^>]*>([^<]*)</p>', dom).group(1)
print(f"beslut/?{key}={value}: {count!r}, expected {expected!r}")
failed = not count.startswith(expected)
# Every other facet's box counts the decisions it would add to this selection.
checked = 0
for other, field2 in {"organ": "body_key", "ar": "year", "mal": "goals", "omrade": "areas", "kommun": "municipalities"}.items():
    if other == key:
        continue
    for v, n in re.findall(r'<input type="checkbox"[^>]*value="([^"]*)" data-facet="%s"><span>[^<]*<span class="count">\((\d+)\)</span>' % other, dom):
        want = sum(1 for row in rows if has(row) and v in (map(str, row[field2]) if isinstance(row[field2], list) else [str(row[field2])]))
        checked += 1
        if int(n) != want:
            print(f"{other}={v}: ({n}), expected ({want})")
            failed = True
print(f"{checked} counts of the other facets' boxes, as the selection leaves them")
sys.exit(1 if failed or checked == 0 else 0)
PY
# That value's own page, with the whole list asked for instead ("?alla"): the heading is
# the list of all's, and the note naming the page's selection is hidden.
page_dom "$site" "${href}?alla" >"$dom"
python3 - "$dom" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
heading = re.search(r"<h1>([^<]*)</h1>", dom).group(1)
note = re.search(r'<p class="filter-current"[^>]*>', dom).group(0)
expected = re.search(r'data-text-heading="([^"]*)"', dom).group(1)
print(f"?alla: heading {heading!r}, note {note!r}")
sys.exit(0 if heading == expected and "hidden" in note else 1)
PY
