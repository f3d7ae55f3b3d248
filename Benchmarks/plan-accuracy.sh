#!/usr/bin/env bash
# How well `reinstate check` agrees with careful readers on real Plans of Action: runs the corpus's
# scorer (../shared/corpus/score-plans, or $REINSTATE_CORPUS/score-plans) and prints its figures as a
# Markdown section for Benchmarks/RESULTS.md.
#
#   Benchmarks/plan-accuracy.sh [BINARY]            the section (default binary: .build/debug/reinstate)
#   Benchmarks/plan-accuracy.sh --check [BINARY]    also fail (exit 1) when a figure is below
#                                                   Benchmarks/plan-accuracy-floor.json
#
# Without the corpus it says so and exits 0: the corpus is not part of the repository (it holds
# sellers' and Amazon's words).
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
bin="${1:-.build/debug/reinstate}"
corpus="${REINSTATE_CORPUS:-../shared/corpus}"
if [ ! -x "$corpus/score-plans" ]; then
  echo "plan accuracy: no corpus at $corpus (set REINSTATE_CORPUS); skipped" >&2
  exit 0
fi
figures=$("$corpus/score-plans" "$bin" --json)
python3 - "$figures" Benchmarks/plan-accuracy-floor.json "$check" <<'PY'
import json, sys
f = json.loads(sys.argv[1])
floor = json.load(open(sys.argv[2]))
print("## `reinstate check` on real plans (the corpus's score-plans)")
print()
print("| figure | now | floor |")
print("|---|---:|---:|")
print("| coverage verdicts agreeing with the labels (%d requested details) | %.3f | %.3f |" % (f["verdicts"], f["coverage_agreement"], floor["coverage_agreement"]))
print("| labelled faults flagged on their line (of %d) | %d | %d |" % (f["faults"], f["faults_found"], floor["faults_found"]))
print("| findings of a kind no label names (false alarms) | %d | at most %d |" % (f["false_alarms"], floor["false_alarms_max"]))
print()
if sys.argv[3] == "1":
    low = []
    if f["coverage_agreement"] < floor["coverage_agreement"]: low.append("coverage agreement %.3f < %.3f" % (f["coverage_agreement"], floor["coverage_agreement"]))
    if f["faults_found"] < floor["faults_found"]: low.append("faults flagged %d < %d" % (f["faults_found"], floor["faults_found"]))
    if f["false_alarms"] > floor["false_alarms_max"]: low.append("false alarms %d > %d" % (f["false_alarms"], floor["false_alarms_max"]))
    if low:
        print("plan accuracy below the floor: " + "; ".join(low), file=sys.stderr)
        sys.exit(1)
PY
