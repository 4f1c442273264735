#!/usr/bin/env bash
# Cost of the topics and keyphrases steps, as issue 7 states the bar: the time
# of the pipeline with `--enrich entities,topics,keyphrases` (the default, all
# steps) over its time with `--enrich entities`, on one core (`taskset -c 0`),
# on >= 50 MB of real transcripts (the ../shared corpora copied into a
# temporary directory until it is large enough; never into the repository).
#
#   benches/topics.sh [MIN_MB] [RUNS]       (defaults: 50 MB, 5 runs)
#
# The two configurations run alternately, back to back, RUNS times each, and
# the best of each is kept: on a shared machine noise only ever adds time, and
# alternating keeps a slow spell from landing on one side only. Both wall time
# and CPU time (user + sys, which other work on the machine disturbs less) are
# reported; the bar is "added <= 20%".
#
# Not a test: run it by hand, on a machine as idle as you can get.
set -euo pipefail
cd "$(dirname "$0")/.."
min_mb=${1:-50}
runs=${2:-5}
shared=${SHARED:-../shared}
bin=target/release/turnstream
cpu=${CPU:-0}
cargo build --release --quiet
dir=$(mktemp -d /tmp/turnstream-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"
copy=0
while [ "$(du -sm "$dir/in" | cut -f1)" -lt "$min_mb" ]; do
    copy=$((copy + 1))
    for f in "$shared"/corpus/*/docs/*; do
        [ -f "$f" ] || continue
        src=$(basename "$(dirname "$(dirname "$f")")")
        cp "$f" "$dir/in/${copy}-${src}-$(basename "$f")"
    done
done
mb=$(du -sm "$dir/in" | cut -f1)
echo "input: $mb MB in $(ls "$dir/in" | wc -l) files; taskset -c $cpu; best of $runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# one run: prints "wall cpu" in seconds
once() {
    local TIMEFORMAT='%R %U %S'
    { time taskset -c "$cpu" "$bin" --enrich "$1" "$dir/in" > /dev/null; } 2>&1 |
        awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
base=entities
full=entities,topics,keyphrases
bw="" bc="" fw="" fc=""
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
once "$base" > /dev/null # warm the page cache
for i in $(seq "$runs"); do
    read -r w c < <(once "$base")
    bw=$(min "$bw" "$w"); bc=$(min "$bc" "$c")
    read -r w2 c2 < <(once "$full")
    fw=$(min "$fw" "$w2"); fc=$(min "$fc" "$c2")
    echo "run $i: $base ${w}s wall ${c}s cpu | $full ${w2}s wall ${c2}s cpu"
done
printf "%-36s wall %7.2fs %6.1f MB/s | cpu %7.2fs\n" "--enrich $base" "$bw" "$(echo "$mb / $bw" | bc -l)" "$bc"
printf "%-36s wall %7.2fs %6.1f MB/s | cpu %7.2fs\n" "--enrich $full" "$fw" "$(echo "$mb / $fw" | bc -l)" "$fc"
printf "added by topics+keyphrases: wall %+.1f%%, cpu %+.1f%% (bar: <= 20%%)\n" \
    "$(echo "100 * ($fw - $bw) / $bw" | bc -l)" "$(echo "100 * ($fc - $bc) / $bc" | bc -l)"
