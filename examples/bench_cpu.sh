#!/bin/bash
# How busy the two cores are during a cold HTML-only build, as BENCHMARKS.md shows it.
#
#   examples/bench_cpu.sh SITE OUT
#
# Prepares like examples/bench_cold.sh (no .kansli-cache, sources read once, `sync`),
# builds SITE into the new folder OUT and prints, every 0.2 s, the seconds since the
# start and the build's CPU use in that interval (200 % = both cores), then its phases.
set -eu
source "$(dirname "$0")/bench_common.sh"
site=$1
out=$2
cold_start "$site" "$out"
log=$(mktemp)
"$kansli" --root "$site" build --no-pdf --timings --out "$out" > "$log" 2>&1 &
pid=$!
ticks=$(getconf CLK_TCK)
start=$(date +%s.%N)
last=0
lastt=$start
while sleep 0.2 && stat=$(cat "/proc/$pid/stat" 2>/dev/null); do
  now=$(date +%s.%N)
  # utime and stime: fields 14 and 15 (the name in field 2 has no spaces here).
  cpu=$(echo "$stat" | awk '{print $14 + $15}')
  echo "$now $start $lastt $cpu $last $ticks" | awk '{printf "%5.1f s %4.0f %%\n", $1 - $2, 100 * ($4 - $5) / $6 / ($1 - $3)}'
  last=$cpu
  lastt=$now
done
wait "$pid" || { echo "the build failed:" >&2; tail -5 "$log" >&2; exit 1; }
phases "$log"
grep '^byggde' "$log"
rm -f "$log"
