#!/usr/bin/env bash
# Throughput and peak memory of the whole pipeline with entities, on one core
# and on two. Input: the shared corpora's .txt transcripts, concatenated
# (one file per copy, so documents stay documents) until >= 50 MB, in /tmp.
# Never writes into the repository.
#
#   benches/entities.sh [MB]        (default 50; needs ../shared, GNU time)
#   SPACY=1 benches/entities.sh     also time spaCy en_core_web_sm on a 1 MB slice
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
SHARED=${SHARED:-../shared}
# its own folder: the other scripts keep their inputs beside it in
# /tmp/turnstream-bench, and this one starts afresh each time
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/turnstream-bench/entities}
BIN=target/release/turnstream
cargo build --release --quiet
rm -rf "$DIR"; mkdir -p "$DIR/in"
mapfile -t FILES < <(find "$SHARED"/corpus/*/docs -name '*.txt' | sort)
[ ${#FILES[@]} -gt 0 ] || { echo "no transcripts under $SHARED/corpus" >&2; exit 1; }
n=0; total=0
while [ "$total" -lt $((MB * 1000000)) ]; do
  for f in "${FILES[@]}"; do
    cp "$f" "$DIR/in/$(printf %06d $n).txt"; n=$((n + 1))
    total=$((total + $(stat -c %s "$f")))
    [ "$total" -ge $((MB * 1000000)) ] && break
  done
done
echo "input: $n files, $(awk -v b=$total 'BEGIN{printf "%.1f", b/1e6}') MB in $DIR/in"
run() { # label, enrich, taskset cpus
  local label=$1 enrich=$2 cpus=$3
  /usr/bin/time -v -o "$DIR/time.txt" taskset -c "$cpus" "$BIN" --enrich "$enrich" "$DIR/in" > "$DIR/out.ndjson"
  local secs rss cpu
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$DIR/time.txt")
  cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$DIR/time.txt")
  # wall MB/s is what a user sees; MB per CPU-second does not depend on
  # what else the machine is doing (others compile on the same cores)
  awk -v l="$label" -v b="$total" -v s="$secs" -v r="$rss" -v c="$cpu" \
    'BEGIN{printf "%-22s wall %6.2f s %6.1f MB/s | cpu %6.2f s %6.1f MB/cpu-s | peak RSS %4.0f MB\n", l, s, b/1e6/s, c, b/1e6/c, r/1024}'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run "enrich none, 1 core" none 0
run "entities, 1 core" entities 0
run "entities, 2 cores" entities 0,1
run "enrich all, 1 core" all 0
run "enrich all, 2 cores" all 0,1
ents=$(grep -o '"type":"' "$DIR/out.ndjson" | wc -l)
echo "entities in output: $ents"
if [ "${SPACY:-0}" = 1 ]; then
  head -c 1000000 "$DIR/in/000001.txt" > /dev/null
  cat "${FILES[@]}" | head -c 1000000 > "$DIR/slice.txt"
  taskset -c 0 python3 - "$DIR/slice.txt" <<'PY'
import sys, time, spacy
nlp = spacy.load("en_core_web_sm", disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
nlp.max_length = 10**8
text = open(sys.argv[1], encoding="utf-8").read()
paras = [p for p in text.split("\n") if p.strip()]
t = time.time()
n = sum(len(d.ents) for d in nlp.pipe(paras, batch_size=256))
dt = time.time() - t
print(f"spaCy en_core_web_sm (ner only), 1 core: {len(text.encode())/1e6/dt:.3f} MB/s ({n} entities)")
PY
fi
