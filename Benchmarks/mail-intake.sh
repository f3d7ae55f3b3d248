#!/usr/bin/env bash
# Mail intake (issue 18), as a Markdown section on stdout:
# - routing figures on demo mailboxes with known answers (`reinstate-bench mail-routing`: the demo
#   mailbox imported into a new store by the same MailIntake the command uses), at 40 and 300 cases;
# - throughput and peak memory of `reinstate mail import` (the release binary, a new store each time)
#   on mailboxes of about 2,500 and 10,000 messages (every notice with a PDF attachment), as mbox and
#   as Maildir, and the second run over the same mailbox (everything a duplicate).
# Uses $bin when Benchmarks/run sourced build.sh, else builds.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${bin:-}" ] || source Benchmarks/build.sh reinstate reinstate-bench
work=Benchmarks/work/mail
rm -rf "$work"; mkdir -p "$work"
export REINSTATE_NOW=2026-11-22T09:00:00Z
# The value of key=value in a line (" held=" is not "noise_held=").
field() { sed -n "s/^\(.* \)\{0,1\}$1=\([0-9.]*\).*/\2/p"; }

echo "## Mail intake: routing a demo mailbox with known answers"
echo
echo "\`reinstate demo --mailbox\` writes the demo cases' messages as e-mails (half the replies threaded to their notice, the rest not; accounts with several open cases; a tenth of listing cases sharing an ASIN with another account's case) with noise: duplicates, forwarded copies, forgeries from Amazon's addresses that fail DKIM/SPF, look-alike domains, newsletters. Imported into a new store; *right case* counts the messages of a demo case that all went into the one case made for it; *wrong case* (must be 0) a message filed into another case, or noise filed anywhere."
echo
echo "| demo cases (seed) | messages | right case | held | wrong case | noise answered right | right-case share |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for run in "40 1" "300 1" "300 2" "1000 3"; do
  set -- $run
  line=$("$bin/reinstate-bench" mail-routing "$1" "$2")
  echo "| $1 ($2) | $(echo "$line" | field messages) | $(echo "$line" | field right_case) | $(echo "$line" | field held) | $(echo "$line" | field wrong_case) | $(echo "$line" | field noise_right) | $(echo "$line" | field right_case_pct)% |"
done
echo

echo "## Mail intake: throughput and peak memory of \`reinstate mail import\`"
echo
echo "Release binary, a new store each run, \`--json\` to a file; peak memory is the process's maxrss. Every notice carries a 2–8 KB PDF, kept as an attachment. The second import of the same mailbox finds every message known."
echo
echo "| mailbox | messages | MB | import | messages/s | peak memory | second import |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for target in 2500 10000; do
  # The demo writes about 2.9 messages a case (noise included): enough cases for at least `target`.
  cases=$((target * 20 / 57))
  for shape in mbox maildir; do
    box="$work/demo-$target.$shape"
    "$bin/reinstate" demo --cases "$cases" --seed 7 --mailbox "$box" --mailbox-format "$shape" 2>/dev/null
    messages=$(wc -l < "$box.answers.tsv")
    mb=$(du -sm "$box" | cut -f1)
    store="$work/import-$target-$shape.sqlite"
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin/reinstate" mail import "$box" --store "$store" --json > "$work/out-$target-$shape.json" 2>/dev/null || true
    read -r seconds kib < <(tail -n 1 "$work/time")
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin/reinstate" mail import "$box" --store "$store" --json > /dev/null 2>/dev/null || true
    read -r again _ < <(tail -n 1 "$work/time")
    rate=$(python3 -c "print('%.0f' % ($messages / $seconds))")
    echo "| $shape, ${target} | $messages | $mb | ${seconds} s | $rate | $((kib / 1024)) MiB | ${again} s |"
  done
done
echo
