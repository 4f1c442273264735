#!/usr/bin/env bash
# Memory on a pathological input: one line of SIZE bytes (default 1 GiB) with
# no newline, streamed from a pipe. The turn buffer is capped
# (--max-turn-bytes), so the line comes out as consecutive records marked
# "continued": true and peak RSS stays flat; no byte is lost (the script
# checks that the output's text adds up to the input).
#
#   benches/long_line.sh [SIZE]        (head -c syntax: 1G, 256M, ...)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1G}
bin=$here/target/release/turnstream
(cd "$here" && cargo build --release --quiet)
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT
head -c "$size" /dev/zero | tr '\0' a |
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$bin" --enrich none -q > "$out"
read -r wall user sys rss < "$out.time"
python3 - "$out" "$wall" "$rss" <<'PY'
import json, sys
path, wall, rss = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
n = chars = cont = 0
with open(path) as f:
    for line in f:
        r = json.loads(line)
        n += 1
        chars += len(r["text"])
        cont += bool(r.get("continued"))
print(f"input {chars/2**20:.0f} MiB in one line -> {n} records ({cont} continued), "
      f"wall {wall:.2f} s, peak RSS {rss/1024:.1f} MB")
PY
