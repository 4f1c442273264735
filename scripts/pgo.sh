#!/usr/bin/env bash
# A profile-guided (PGO) release build of turnstream.
#
#   scripts/pgo.sh        builds target/pgo/release/turnstream and prints its path
#   TARGET_CPU=native scripts/pgo.sh
#                         the same, for this machine's CPU only (the binary
#                         may not run on an older one); any `-Ctarget-cpu`
#                         value works (`x86-64-v3`, ...)
#
# Segmentation is branchy code (which label style is this line?), and where
# LLVM guesses which way a branch goes it guesses from the code's shape. With
# a profile it knows: hot paths are laid out straight, cold checks (the rarer
# label styles) move out of the way. On this project's machine the PGO binary
# takes 8% less CPU time than `cargo build --release` on `--enrich none`, 13%
# less built for the machine's own CPU (see the README's Performance section
# and `PGO=1 benches/segment.sh`).
#
# The steps: an instrumented build (`-Cprofile-generate`), runs over the
# project's own transcripts (examples/ and tests/fixtures/, never the
# evaluation corpus, which the benchmarks read: a profile of the measured
# input would flatter the figure), each repeated so that steady-state work
# outweighs start-up, `llvm-profdata merge`, and a build with
# `-Cprofile-use`. Both builds have their own target directories, so the
# ordinary `target/release` is left alone.
#
# Needs `llvm-profdata` of the toolchain's own LLVM (a profile is tied to the
# LLVM version that reads it): the `llvm-tools` rustup component, installed
# here when it is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "pgo.sh: installing the llvm-tools component (for llvm-profdata)" >&2
  rustup component add llvm-tools >&2 || true
fi
if [ ! -x "$profdata" ]; then
  echo "pgo.sh: $profdata not found; run: rustup component add llvm-tools" >&2
  exit 1
fi

# (a CPU of its own: both builds for it, in directories of their own, so
# that the profile matches the code it is used on)
suffix=${TARGET_CPU:+-$TARGET_CPU}
cpu=${TARGET_CPU:+-Ctarget-cpu=$TARGET_CPU}
work=$here/target/pgo-work$suffix
rm -rf "$work"
mkdir -p "$work/profiles" "$work/train"

echo "pgo.sh: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$work/profiles $cpu" \
  cargo build --release --quiet --target-dir "target/pgo-gen$suffix"
gen=target/pgo-gen$suffix/release/turnstream

# the training set: every example and fixture, 20 times over (same name, so
# that format detection sees the same file)
for f in examples/*.txt tests/fixtures/*; do
  [ -f "$f" ] || continue
  out=$work/train/$(basename "$f")
  for _ in $(seq 20); do cat "$f"; done > "$out"
done
echo "pgo.sh: training on $(du -sh "$work/train" | cut -f1) of examples and fixtures" >&2
# turns only (the fast path), then the default enrichment (entities, topics)
"$gen" -q --enrich none "$work/train" > /dev/null
"$gen" -q examples tests/fixtures > /dev/null
"$profdata" merge -o "$work/turnstream.profdata" "$work/profiles"

echo "pgo.sh: optimised build" >&2
RUSTFLAGS="-Cprofile-use=$work/turnstream.profdata $cpu" \
  cargo build --release --quiet --target-dir "target/pgo$suffix"
echo "$here/target/pgo$suffix/release/turnstream"
