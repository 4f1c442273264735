#!/usr/bin/env bash
# Cost of the topics and keyphrases steps: the pipeline with
# `--enrich topics,keyphrases` against `--enrich none`, on >= 50 MB of real
# transcripts (the ../shared corpora copied into a temporary directory until it
# is large enough; never into the repository). Prints the best of N runs each.
#
#   benches/topics.sh [MIN_MB] [RUNS]
#
# Not a test: run it by hand on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
min_mb=${1:-50}
runs=${2:-3}
shared=${SHARED:-../shared}
bin=target/release/turnstream
cargo build --release --quiet
dir=$(mktemp -d /tmp/turnstream-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
copy=0
while [ "$(du -sm "$dir" | cut -f1)" -lt "$min_mb" ]; do
    copy=$((copy + 1))
    for f in "$shared"/corpus/*/docs/*; do
        [ -f "$f" ] || continue
        src=$(basename "$(dirname "$(dirname "$f")")")
        cp "$f" "$dir/${copy}-${src}-$(basename "$f")"
    done
done
mb=$(du -sm "$dir" | cut -f1)
echo "input: $mb MB in $(ls "$dir" | wc -l) files, $(nproc) cores"
best() {
    local b=""
    for _ in $(seq "$runs"); do
        local s e t
        s=$(date +%s.%N)
        "$bin" --enrich "$1" "$dir" > /dev/null
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
none=$(best none)
topics=$(best topics)
keyphrases=$(best keyphrases)
both=$(best topics,keyphrases)
printf "%-22s %8.2fs %8.1f MB/s\n" "--enrich none" "$none" "$(echo "$mb / $none" | bc -l)"
printf "%-22s %8.2fs %8.1f MB/s\n" "--enrich topics" "$topics" "$(echo "$mb / $topics" | bc -l)"
printf "%-22s %8.2fs %8.1f MB/s\n" "--enrich keyphrases" "$keyphrases" "$(echo "$mb / $keyphrases" | bc -l)"
printf "%-22s %8.2fs %8.1f MB/s\n" "--enrich topics,keyphrases" "$both" "$(echo "$mb / $both" | bc -l)"
printf "added by topics+keyphrases: %.2fs (%.0f%% of --enrich none)\n" \
    "$(echo "$both - $none" | bc -l)" "$(echo "100 * ($both - $none) / $none" | bc -l)"
