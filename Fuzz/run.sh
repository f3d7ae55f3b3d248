#!/usr/bin/env bash
# Fuzzes MessageReader with libFuzzer and AddressSanitizer.
#   Fuzz/run.sh [seconds]     (default 300)
# Builds the ReinstateCore sources together with Fuzz/ReaderFuzz/main.swift in one swiftc invocation,
# seeds Fuzz/corpus from Fuzz/seeds, and runs for the given time. Crashes land in Fuzz/artifacts.
set -euo pipefail
seconds="${1:-300}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/.build"
mkdir -p "$build" "$here/corpus" "$here/artifacts"
shopt -s globstar nullglob
sources=("$root"/Sources/ReinstateCore/**/*.swift)
swiftc -sanitize=fuzzer,address -parse-as-library -module-name ReaderFuzz -O -g \
    "${sources[@]}" "$here/ReaderFuzz/main.swift" -o "$build/reader-fuzz"
cp -n "$here"/seeds/* "$here/corpus/" 2>/dev/null || true
"$build/reader-fuzz" "$here/corpus" \
    -dict="$here/reader.dict" \
    -max_len=65536 -len_control=0 -rss_limit_mb=1024 -timeout=10 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$here/artifacts/"
