# Sourced by the examples/bench_*.sh drivers: how they find kansli, start a cold build
# and print its phases.

kansli=${KANSLI:-${CARGO_TARGET_DIR:-target}/release/kansli}

# cold_start SITE OUT: OUT must not exist; then no .kansli-cache, the sources read once
# (`check`) and nothing waiting to be written to disk (`sync`).
cold_start() {
  if [ -e "$2" ]; then
    echo "$2 exists: give a new folder, and remove old ones well before measuring (see BENCHMARKS.md)" >&2
    exit 2
  fi
  rm -rf "$1/.kansli-cache"
  "$kansli" --root "$1" check > /dev/null 2>&1 || true
  sync
  sleep 3
}

# phases LOG: the phase times of a build run with --timings.
phases() {
  grep -E '^  [a-zåäöA-ZÅÄÖ ]+ +[0-9,]+ s$' "$1"
}
