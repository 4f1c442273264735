#!/usr/bin/env bash
# Scale-out throughput: NATS JetStream workers against file mode.
#
#   benches/nats.sh [COPIES] [ENRICH]     (default 4 copies of ../shared/corpus, --enrich none)
#
# Starts nats-server with JetStream on a free loopback port (store under
# $TMPDIR), copies the corpus COPIES times into $TMPDIR (never into the
# repo), and measures: file mode (`turnstream DIR`), then publishing, then one
# worker and two workers draining the queue (`nats worker --once`), each on a
# fresh server. Reports documents/s and MB/s.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
copies=${1:-4}
enrich=${2:-none}
tmp=${TMPDIR:-/tmp}/turnstream-bench/nats-$copies
bin=$here/target/release/turnstream
(cd "$here" && cargo build --release --quiet)
if [ ! -d "$tmp/docs" ]; then
  for c in $(seq 1 "$copies"); do
    for src in "$shared"/corpus/*/docs; do
      d="$tmp/docs/copy$c/$(basename "$(dirname "$src")")"
      mkdir -p "$d" && cp "$src"/* "$d/"
    done
  done
fi
files=$(find "$tmp/docs" -type f | wc -l)
bytes=$(du -sb "$tmp/docs" | cut -f1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=nats://127.0.0.1:$port
server=""
start_server() {
  rm -rf "$tmp/js"; mkdir -p "$tmp/js"
  nats-server -js -a 127.0.0.1 -p "$port" -sd "$tmp/js" > "$tmp/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && return; sleep 0.05; done
  echo "nats-server did not start"; exit 1
}
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
report() { # label seconds
  python3 -c "import sys; f,b,t=$files,$bytes,float(sys.argv[2]); print(f'{sys.argv[1]:28} {f:5} docs {b/1e6:7.1f} MB  {t:6.2f}s  {f/t:7.0f} docs/s  {b/1e6/t:6.1f} MB/s')" "$1" "$2"
}
now() { date +%s.%N; }
echo "machine: $(nproc) cores; nats-server $(nats-server --version | awk '{print $2}'); --enrich $enrich"
t0=$(now); "$bin" --enrich "$enrich" "$tmp/docs" > /dev/null; t1=$(now)
report "file mode" "$(python3 -c "print($t1-$t0)")"
for n in 1 2; do
  start_server
  t0=$(now); "$bin" nats publish --url "$url" "$tmp/docs"; t1=$(now)
  [ "$n" = 1 ] && report "publish" "$(python3 -c "print($t1-$t0)")"
  t0=$(now)
  pids=()
  for _ in $(seq 1 "$n"); do "$bin" nats worker --url "$url" --once --enrich "$enrich" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  report "$n worker(s)" "$(python3 -c "print($t1-$t0)")"
  got=$("$bin" nats dump --url "$url" | wc -l)
  echo "  records in TURNS: $got"
  stop_server
done
