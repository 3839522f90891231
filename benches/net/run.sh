#!/usr/bin/env bash
# Streams N MB (default 100) from a loopback server through `for await` and
# TextDecoder with jsvm and with node, in the same run against the same
# server, and prints MB/s for each and jsvm's ratio to node.
# Usage: benches/net/run.sh [JSVM_BINARY] [MB] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jsvm=${1:-target/release/jsvm}
mb=${2:-100}
runs=${3:-3}
tmp=$(mktemp -d)
python3 "$here/server.py" > "$tmp/port" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")/text?mb=$mb"
run_once() { # ENGINE -> MB/s of one run
  "$1" "$here/stream_100mb.js" "$url" | sed -n 's/.*"mbPerSec":\([0-9.]*\).*/\1/p'
}
# Alternate the engines so that a change in machine load hits both; keep
# each engine's best run.
j=0
n=0
for _ in $(seq "$runs"); do
  j=$(python3 -c "print(max($j, $(run_once "$jsvm" || echo 0)))")
  n=$(python3 -c "print(max($n, $(run_once node || echo 0)))")
done
echo "jsvm: $j MB/s"
echo "node: $n MB/s"
python3 -c "print(f'ratio jsvm/node: {$j / $n:.2f}')"
