#!/usr/bin/env bash
# `reinstate check` on a ~3,000-word plan against 30 requested details (10 topics × root cause,
# corrective action, preventive measure), next to the floor (a Swift process that only opens the same
# store), in one hyperfine run. The store also holds demo cases, so the copied-text search has other
# plans to look through.
#
#   Benchmarks/check-plan.sh [DEMO_CASES]      (default: 1000; SWIFT_SCRATCH=path for another build folder)
#
# Needs hyperfine and python3. Writes Benchmarks/work/ (git-ignored). Target: under 50 ms of process
# time (user + system) for the check.
set -euo pipefail
cd "$(dirname "$0")/.."
demo_cases="${1:-1000}"
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine python3)"; exit 2; }
done

source Benchmarks/build.sh reinstate open-store-floor
work=Benchmarks/work
mkdir -p "$work"
export REINSTATE_NOW=2026-11-22T09:00:00Z
store="$work/check-plan.sqlite"
rm -f "$store" "$store-wal" "$store-shm"

# The reply (30 requests) and the plan (~3,000 words, one paragraph of facts per topic and part).
python3 - "$work/check-reply.txt" "$work/check-plan.txt" <<'PY'
import sys
topics = [
    ("shipments being damaged due to improper packaging", "glassware in single-wall boxes without padding", "double-wall boxes with 5 cm of bubble wrap"),
    ("unresponsive or poor customer service", "buyer messages answered by one clerk", "two staff sharing the inbox on a rota"),
    ("items that were not as described", "listing photos that showed the previous model", "a second person checking every listing change"),
    ("orders shipped after the expected ship date", "a carrier pickup moved from 17:00 to 14:00", "a handling time of 2 days and a Friday pickup check"),
    ("tracking that was not uploaded on time", "labels bought outside Seller Central", "a daily 16:00 tracking check by our shipping clerk"),
    ("orders cancelled because items were out of stock", "an inventory sheet updated by hand once a day", "inventory synced every 15 minutes by our warehouse software"),
    ("the authenticity of your items", "200 units from a wholesaler without distributor invoices", "buying only from authorised distributors with invoices kept 7 years"),
    ("listings that used a brand's trademark without permission", "brand names in 4 product titles", "a trademark register search by our catalogue manager"),
    ("the sale of a restricted product", "a supplement with a banned ingredient", "a compliance assistant checking the restricted products pages"),
    ("the relationship between your accounts", "a former employee using our office network for a second account", "a monthly review of users and devices by our manager"),
]
with open(sys.argv[1], "w") as f:
    f.write("We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:\n")
    for topic, _, _ in topics:
        f.write("- Greater detail on the root cause(s) of %s.\n" % topic)
        f.write("- Greater detail on the actions you have taken to resolve %s.\n" % topic)
        f.write("- Greater detail on the steps you have taken to prevent %s going forward.\n" % topic)
    f.write("If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.\n")
parts = {"Root cause": [], "Corrective actions": [], "Preventive measures": []}
for n, (topic, cause, fix) in enumerate(topics, 1):
    for k in range(2):
        parts["Root cause"].append(
            "Point %d.%d on %s: between %d and %d October we had %s, so %d of our %d complaints came from it and our team lead found it on %d October in the order report, which we confirmed by reading all %d order notes."
            % (n, k + 1, topic, k + 1, k + 12, cause, 10 + n + k, 40 + n, k + 20, 60 + n))
        parts["Corrective actions"].append(
            "Point %d.%d on %s: on %d October we refunded the %d affected buyers, corrected %d listings and moved to %s, which our manager confirmed in writing the same day."
            % (n, k + 1, topic, k + 21, 10 + n + k, n + k, fix))
        parts["Preventive measures"].append(
            "Point %d.%d on %s: from %d November we rely on %s, checked every Monday by our operations manager, with a target of zero repeats in %d weeks, and the result is written in our weekly quality log."
            % (n, k + 1, topic, k + 1, fix, 4 + k))
with open(sys.argv[2], "w") as f:
    f.write("Dear Seller Performance Team,\n\nThank you for reading our appeal.\n\n")
    for heading, sentences in parts.items():
        f.write(heading + ":\n")
        for s in sentences:
            f.write("- " + s + "\n")
        f.write("\n")
    f.write("Kind regards,\nBlue Harbor Goods\n")
PY

"$bin/reinstate" case new --title "ODR over 1%" --account "Blue Harbor Goods" --store "$store" >/dev/null
"$bin/reinstate" message add --case 1 --received 2026-11-12T10:00:00Z --store "$store" "$work/check-reply.txt" 2>/dev/null >/dev/null
"$bin/reinstate" poa add --case 1 --store "$store" "$work/check-plan.txt" >/dev/null
if [ "$demo_cases" -gt 0 ]; then "$bin/reinstate" demo --cases "$demo_cases" --seed 1 --add --store "$store" >/dev/null; fi
echo "plan: $(wc -w < "$work/check-plan.txt") words; requested details: $(grep -c '^- Greater' "$work/check-reply.txt"); other cases: $demo_cases" >&2
set +e
"$bin/reinstate" check --case 1 --store "$store" | tail -n 3 >&2
set -e

hyperfine --warmup 3 --min-runs 20 -N -i --export-json "$work/check-plan-hyperfine.json" \
  -n "reinstate check (3,000 words, 30 requests)" "$bin/reinstate check --case 1 --store $store" \
  -n "floor: open store" "$bin/open-store-floor $store" >/dev/null
python3 - "$work/check-plan-hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("| %-44s | %9s | %9s | %9s |" % ("command", "wall", "user", "system"))
print("|---|---:|---:|---:|")
for x in r:
    print("| %-44s | %6.1f ms | %6.1f ms | %6.1f ms |" % (x["command"], x["median"] * 1000, x["user"] * 1000, x["system"] * 1000))
ours, floor = r[0], r[1]
cpu = (ours["user"] + ours["system"]) * 1000
print("| %-44s | %9s | %6.1f ms | %9s |" % ("process time of the check (user + system)", "", cpu, ""))
print("| %-44s | %9s | %6.1f ms | %9s |" % ("above the floor", "", cpu - (floor["user"] + floor["system"]) * 1000, ""))
print("target: under 50 ms of process time: %s" % ("met" if cpu < 50 else "NOT met"))
PY
