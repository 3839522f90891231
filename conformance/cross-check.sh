#!/bin/sh
# Runs test262 tests both in-process and through the jsvm CLI and lists the
# runs where the two verdicts differ (exit status 1 if any do).
#
#   conformance/cross-check.sh [DIR...]      e.g. built-ins/Promise language/statements/for-of
#
# DIRs are relative to test262's test/ (all of it when none are given). Extra
# runner options can come first, e.g. `--timeout 20 built-ins/Array`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release -p jsvm-cli -p jsvm-conformance
exec "$root/target/release/jsvm-test262" --cli "$root/target/release/jsvm" "$@"
