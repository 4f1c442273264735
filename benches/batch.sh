#!/usr/bin/env bash
# Batch throughput: the whole binary over a directory of many transcripts.
#
#   benches/batch.sh [COPIES]        (default 16: ~3,000 files, ~210 MB)
#
# Copies every transcript of ../shared/corpus COPIES times into a tree under
# $TMPDIR (never into the repo), then runs `turnstream --enrich none DIR` with
# -j1 and -j2 and reports MB/s, files/s and peak RSS (/usr/bin/time), plus a
# run over a quarter of the files to show that peak RSS does not grow with the
# number of files.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
copies=${1:-16}
tmp=${TMPDIR:-/tmp}/turnstream-bench/batch-$copies
bin=$here/target/release/turnstream
(cd "$here" && cargo build --release --quiet)

if [ ! -d "$tmp/full" ]; then
  mkdir -p "$tmp/full" "$tmp/quarter"
  for c in $(seq 1 "$copies"); do
    for src in "$shared"/corpus/*/docs; do
      corpus=$(basename "$(dirname "$src")")
      mkdir -p "$tmp/full/copy$c/$corpus"
      cp "$src"/* "$tmp/full/copy$c/$corpus/"
      if [ $(( (c - 1) % 4 )) -eq 0 ]; then
        mkdir -p "$tmp/quarter/copy$c/$corpus"
        cp "$src"/* "$tmp/quarter/copy$c/$corpus/"
      fi
    done
  done
fi

run() { # label dir args...
  local label=$1 dir=$2; shift 2
  local files bytes
  files=$(find "$dir" -type f | wc -l)
  bytes=$(du -sb "$dir" | cut -f1)
  local t; t=$( { /usr/bin/time -f "%e %U %S %M" "$bin" --enrich none "$@" "$dir" > /dev/null; } 2>&1 | tail -1)
  read -r wall user sys rss <<< "$t"
  python3 - "$label" "$files" "$bytes" "$wall" "$user" "$sys" "$rss" <<'PY'
import sys
label, files, size, wall, user, sys_, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
print(f"{label:24} {files:6} files {size/1e6:7.1f} MB  wall {wall:6.2f}s  {size/1e6/wall:6.1f} MB/s  {files/wall:7.0f} files/s  cpu {user+sys_:6.2f}s  peak RSS {rss/1024:6.1f} MB")
PY
}

echo "machine: $(nproc) cores; turnstream $("$bin" --version | cut -d' ' -f2)"
run "-j1" "$tmp/full" -j1
run "-j2" "$tmp/full" -j2
run "-j2 (quarter of files)" "$tmp/quarter" -j2
run "-j8" "$tmp/full" -j8
