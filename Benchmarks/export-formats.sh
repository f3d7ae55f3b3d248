#!/usr/bin/env bash
# Exporting every case of a demo store to each format, side by side with the floor (a Swift process
# that only opens the same store), in one hyperfine run. Target: Markdown of 1,000 cases under 1 s.
#
#   Benchmarks/export-formats.sh [CASES]      (default: 1000)
#   SWIFT_SCRATCH=.build-bench Benchmarks/export-formats.sh   (build in another folder than .build-static)
#
# Needs hyperfine (apt-get install hyperfine). Writes Benchmarks/work/ (git-ignored) and prints a
# table of medians with the ratio to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-1000}"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

work=Benchmarks/work
mkdir -p "$work"
source Benchmarks/build.sh reinstate open-store-floor
export REINSTATE_NOW=2026-11-22T09:00:00Z TZ=UTC

store="$work/export-$cases.sqlite"
rm -f "$store" "$store-wal" "$store-shm"
"$bin/reinstate" demo --cases "$cases" --seed 1 --store "$store" 2>/dev/null
out="$work/export-out"
rm -rf "$out"; mkdir -p "$out"

for f in markdown html ics json text; do
  if [ "$f" = text ]; then
    "$bin/reinstate" export --all --format text --output-dir "$out/text" --store "$store" 2>/dev/null
    echo "text: $(ls "$out/text" | wc -l) files" >&2
  else
    "$bin/reinstate" export --all --format "$f" --store "$store" > "$out/all.$f" 2>/dev/null
    echo "$f: $(wc -c < "$out/all.$f") bytes" >&2
  fi
done

hyperfine --warmup 2 --min-runs 10 -N --export-json "$work/export-$cases-hyperfine.json" \
  -n "markdown ($cases cases, one document)" "$bin/reinstate export --all --format markdown --store $store --output $out/m.md --force" \
  -n "markdown ($cases files, --output-dir)" "$bin/reinstate export --all --format markdown --store $store --output-dir $out/md --force" \
  -n "html ($cases cases, one document)" "$bin/reinstate export --all --format html --store $store --output $out/h.html --force" \
  -n "ics (open deadlines of $cases cases)" "$bin/reinstate export --all --format ics --store $store --output $out/c.ics --force" \
  -n "json (whole-store backup)" "$bin/reinstate export --all --format json --store $store --output $out/b.json --force" \
  -n "text ($cases files, --output-dir)" "$bin/reinstate export --all --format text --store $store --output-dir $out/txt --force" \
  -n "markdown --redact (one document)" "$bin/reinstate export --all --format markdown --redact --store $store --output $out/r.md --force" \
  -n "floor: open store" "$bin/open-store-floor $store" >/dev/null
python3 - "$work/export-$cases-hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
floor = r[-1]["median"]
print("| %-42s | %11s | %12s |" % ("command", "median", "vs floor"))
print("|---|---:|---:|")
for x in r:
    print("| %-42s | %8.1f ms | %6.1f× floor |" % (x["command"], x["median"] * 1000, x["median"] / floor))
PY
