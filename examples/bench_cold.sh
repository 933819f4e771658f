#!/bin/bash
# Cold HTML-only builds of a generated site, as BENCHMARKS.md measures them.
#
#   examples/bench_cold.sh SITE RUNS [OUT_BASE]
#
# Each run: no .kansli-cache, the sources read once (`check`), nothing waiting to be
# written to disk (`sync`), then a build into a new folder OUT_BASE/cold-N (default
# /tmp; the folders are left in place: deleting many files slows the next file
# creations on ext4 without a journal for minutes, see BENCHMARKS.md). Prints, per run,
# the build's own time (its summary line), the time with `sync` after it and the peak
# memory (MB of 1,000 KB), then the phase times.
set -eu
source "$(dirname "$0")/bench_common.sh"
site=$1
runs=$2
base=${3:-/tmp}
for n in $(seq 1 "$runs"); do
  out=$base/cold-$n
  cold_start "$site" "$out"
  log=$(mktemp)
  start=$(date +%s.%N)
  if ! /usr/bin/time -f "%M" -o "$log.mem" "$kansli" --root "$site" build --no-pdf --timings --out "$out" > "$log" 2>&1; then
    echo "run $n: the build failed:" >&2
    tail -5 "$log" >&2
    exit 1
  fi
  built=$(date +%s.%N)
  sync
  synced=$(date +%s.%N)
  summary=$(grep -o 'på [0-9,]* s$' "$log" | tr -d 'på ' | tr ',' '.')
  echo "run $n: build ${summary} (kansli's summary; process $(echo "$built - $start" | bc) s), with sync $(echo "$synced - $start" | bc) s, peak $(($(cat "$log.mem") / 1000)) MB"
  phases "$log" | sed 's/^/    /'
  rm -f "$log" "$log.mem"
  sleep 5
done
