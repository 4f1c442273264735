#!/usr/bin/env bash
# Segmentation + NDJSON throughput and memory, one core.
#
#   benches/segment.sh [TARGET_MB]        (default 256)
#   PGO=1 benches/segment.sh [TARGET_MB]  the same with the profile-guided
#                                         build of scripts/pgo.sh as well
#
# Builds a large input by concatenating the plain-text transcripts of
# ../shared/corpus (never copied into the repo: it is written under $TMPDIR),
# then times `turnstream --enrich none` pinned to one core with taskset, next to
# `wc -l` on the same file, and reports MB/s (wall and CPU time) and peak RSS
# (from /usr/bin/time). A second, 4x smaller input shows that peak RSS does not
# grow with the input. Subtitle inputs (VTT, SRT) are measured the same way
# when the corpus has them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
target_mb=${1:-256}
tmp=${TMPDIR:-/tmp}/turnstream-bench
mkdir -p "$tmp"
bin=$here/target/release/turnstream
(cd "$here" && cargo build --release --quiet)
pgo_bin=
if [ "${PGO:-0}" = 1 ]; then
  pgo_bin=$("$here/scripts/pgo.sh")
fi

build_input() { # out pattern target_mb
  local out=$1 pattern=$2 mb=$3
  if [ -s "$out" ] && [ "$(stat -c %s "$out")" -ge $((mb * 1000000)) ]; then return; fi
  : > "$out"
  mapfile -t files < <(ls $pattern 2>/dev/null | sort)
  [ ${#files[@]} -gt 0 ] || return 1
  while [ "$(stat -c %s "$out")" -lt $((mb * 1000000)) ]; do
    cat "${files[@]}" >> "$out"
  done
}

measure() { # label file args...
  local label=$1 file=$2; shift 2
  local size; size=$(stat -c %s "$file")
  # from the page cache, as every other run: a first read from disk is not
  # the tool's time
  cat "$file" > /dev/null
  local t; t=$( { /usr/bin/time -f "%e %U %S %M" taskset -c 0 "$@" "$file" > /dev/null; } 2>&1 | tail -1)
  read -r wall user sys rss <<< "$t"
  python3 - "$label" "$size" "$wall" "$user" "$sys" "$rss" <<'PY'
import sys
label, size, wall, user, sys_, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
cpu = user + sys_
print(f"{label:34} {size/1e6:8.1f} MB  wall {wall:6.2f}s {size/1e6/max(wall,1e-9):7.1f} MB/s  cpu {cpu:6.2f}s {size/1e6/max(cpu,1e-9):7.1f} MB/s  peak RSS {rss/1024:6.1f} MB")
PY
}

text=$tmp/text-${target_mb}mb.txt
small=$tmp/text-$((target_mb / 4))mb.txt
build_input "$text" "$shared/corpus/*/docs/*.txt" "$target_mb"
build_input "$small" "$shared/corpus/*/docs/*.txt" $((target_mb / 4))
echo "input: $(ls "$shared"/corpus/*/docs/*.txt | wc -l) corpus text files concatenated; $(wc -l < "$text") lines"
echo "machine: $(nproc) cores, $(uname -m); turnstream $("$bin" --version | cut -d' ' -f2)"
measure "wc -l (baseline)" "$text" wc -l
measure "turnstream --enrich none" "$text" "$bin" --enrich none
measure "turnstream --enrich none (1/4 size)" "$small" "$bin" --enrich none
if [ -n "$pgo_bin" ]; then
  measure "PGO build --enrich none" "$text" "$pgo_bin" --enrich none
  measure "PGO build --enrich none (1/4 size)" "$small" "$pgo_bin" --enrich none
fi
# WebVTT from the corpus; SRT converted from it (the corpus has no SRT):
# numbered cues, comma decimals, `NAME:` prefixes instead of voice spans
vtt=$tmp/sub-$((target_mb / 4))mb.vtt
build_input "$vtt" "$shared/corpus/*/docs/*.vtt" $((target_mb / 4))
srt=$tmp/sub-$((target_mb / 4))mb.srt
if [ ! -s "$srt" ]; then
  python3 - "$vtt" "$srt" <<'PY'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
out, n = [], 0
for block in open(src, encoding="utf-8").read().split("\n\n"):
    lines = [l for l in block.split("\n") if l.strip()]
    t = [i for i, l in enumerate(lines) if "-->" in l]
    if not t:
        continue
    n += 1
    timing = lines[t[0]].replace(".", ",")
    text = [re.sub(r"<v ([^>]+)>", r"\1: ", l).replace("</v>", "") for l in lines[t[0] + 1:]]
    text = [re.sub(r"^\[([^\]]+)\]:", r"\1:", l) for l in text]
    out.append(f"{n}\n{timing}\n" + "\n".join(text))
open(dst, "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
fi
measure "turnstream --enrich none (vtt)" "$vtt" "$bin" --enrich none
measure "turnstream --enrich none (srt)" "$srt" "$bin" --enrich none
if [ -n "$pgo_bin" ]; then
  measure "PGO build --enrich none (vtt)" "$vtt" "$pgo_bin" --enrich none
  measure "PGO build --enrich none (srt)" "$srt" "$pgo_bin" --enrich none
fi
