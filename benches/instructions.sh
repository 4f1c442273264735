#!/usr/bin/env bash
# Instructions per input byte: the marginal cost of one pass over the corpus.
#
#   benches/instructions.sh [ARGS...]      (default ARGS: --enrich none)
#
# Concatenates the plain-text transcripts of ../shared/corpus once (one.txt)
# and twice (two.txt) under $TMPDIR, runs the release binary on each under
# valgrind's callgrind, and divides the difference in instructions by the
# size of one pass: start-up work (compiling patterns, building tables)
# cancels out. Instruction counts repeat where wall time on a shared VM does
# not; they vary by about ±0.4 a byte, as the lazy DFAs' caches warm on
# whichever thread runs the task. Prints the total and the functions with the
# largest inclusive marginal cost. Needs valgrind (callgrind_annotate).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
tmp=${TMPDIR:-/tmp}/turnstream-bench/instructions
mkdir -p "$tmp"
bin=$here/target/release/turnstream
(cd "$here" && cargo build --release --quiet)
[ $# -gt 0 ] || set -- --enrich none
mapfile -t files < <(ls "$shared"/corpus/*/docs/*.txt | sort)
cat "${files[@]}" > "$tmp/one.txt"
cat "$tmp/one.txt" "$tmp/one.txt" > "$tmp/two.txt"
for n in one two; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$n.out" \
    "$bin" "$@" "$tmp/$n.txt" > /dev/null 2> "$tmp/$n.err"
done
python3 - "$tmp" "$(stat -c %s "$tmp/one.txt")" <<'PY'
import re, subprocess, sys
tmp, size = sys.argv[1], int(sys.argv[2])
def load(f):
    out = subprocess.run(['callgrind_annotate', '--inclusive=yes', '--threshold=100', f],
                         capture_output=True, text=True).stdout
    d = {}
    for l in out.splitlines():
        m = re.match(r'\s*([\d,]+) \([ \d.]+%\)\s+(.*)', l)
        if m:
            name = re.sub(r'\[/.*\]', '', m.group(2)).strip()
            name = re.sub(r'^.*?\.(rs|c|S):', '', name)
            d[name] = max(d.get(name, 0), int(m.group(1).replace(',', '')))
    return d
a, b = load(f'{tmp}/one.out'), load(f'{tmp}/two.out')
diff = {k: b.get(k, 0) - a.get(k, 0) for k in set(a) | set(b)}
print(f"input: {size / 1e6:.1f} MB a pass")
print(f"marginal instructions per byte: {diff.get('PROGRAM TOTALS', 0) / size:.2f}")
skip = r'tokio|futures|backtrace|thread|catch_unwind|call_once|PROGRAM|events annotated|do_call|__rust'
shown = 0
for k, v in sorted(diff.items(), key=lambda x: -x[1]):
    if re.search(skip, k) or re.search(r'\(\d[\d,]*x\)$', k):
        continue
    print(f"{v / size:7.2f}  {k[:120]}")
    shown += 1
    if shown == 30:
        break
PY
