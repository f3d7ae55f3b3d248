#!/usr/bin/env bash
# `reinstate due` against taskwarrior's `task overdue` holding the same deadlines, and against the
# floor (a Swift process that only opens the same store), side by side in one hyperfine run.
#
#   Benchmarks/due-vs-taskwarrior.sh [CASES...]      (default: 10000)
#
# Needs hyperfine, taskwarrior, python3 (apt-get install hyperfine taskwarrior). Writes
# Benchmarks/work/ (git-ignored) and prints a table with ratios to taskwarrior and to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000}")
for tool in hyperfine task python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine taskwarrior)"; exit 2; }
done

source Benchmarks/build.sh reinstate open-store-floor parse-floor
work=Benchmarks/work
mkdir -p "$work"
# Both tools read the real clock, so they see the same overdue set; demo stores are generated
# relative to the real clock too. A store made earlier (Benchmarks/work/cases-N.sqlite, shared with
# Benchmarks/run) is reused: a 100,000-case demo takes minutes to write.
unset REINSTATE_NOW

for n in "${sizes[@]}"; do
  store="$work/cases-$n.sqlite"
  if [ ! -s "$store" ]; then
    "$bin/reinstate" demo --cases "$n" --seed 1 --store "$store" 2>/dev/null
  fi

  # Every deadline of the store as a taskwarrior task: open ones pending, closed ones completed.
  taskdata="$work/task-$n"
  rm -rf "$taskdata"; mkdir -p "$taskdata"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=on\n' "$PWD/$taskdata" > "$taskdata/taskrc"
  # Read straight from the store (read-only): the JSON backup of 100,000 cases is a gigabyte.
  python3 - "$store" "$taskdata/import.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
def tw(t): return t.replace("-", "").replace(":", "")
tasks = []
for case_id, title, account, due, set_at, closed in db.execute(
        "SELECT c.id, c.title, c.account, d.due_at, d.set_at, d.closed_at FROM deadline d "
        "JOIN suspension_case c ON c.id = d.case_id ORDER BY d.id"):
    task = {"description": "case %d: %s" % (case_id, title), "due": tw(due), "entry": tw(set_at),
            "project": (account.replace(" ", "_")[:30] or "none")}
    if closed:
        task.update(status="completed", end=tw(closed))
    else:
        task["status"] = "pending"
    tasks.append(task)
json.dump(tasks, open(sys.argv[2], "w"))
print("%d deadlines, %d open" % (len(tasks), sum(t["status"] == "pending" for t in tasks)), file=sys.stderr)
PY
  TASKRC="$taskdata/taskrc" task import "$taskdata/import.json" >/dev/null 2>&1

  export TASKRC="$taskdata/taskrc"
  echo "reinstate due lists: $("$bin/reinstate" due --store "$store" | tail -n 1)" >&2
  hyperfine --warmup 3 --min-runs 15 -N -i --export-json "$work/due-$n-hyperfine.json" \
    -n "reinstate due ($n cases)" "$bin/reinstate due --store $store" \
    -n "task overdue ($n tasks)" "task overdue" \
    -n "floor: open store ($n cases)" "$bin/open-store-floor $store" \
    -n "floor: parse due, open store" "$bin/parse-floor due --store $store" >/dev/null
  unset TASKRC
  python3 - "$work/due-$n-hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
med = {x["command"]: x["median"] for x in r}
names = list(med)
ours, task, floor, parse = (med[n] for n in names)
for name in names:
    print("| %-34s | %8.1f ms |" % (name, med[name] * 1000))
print("| %-34s | %8.3f    |" % ("ratio reinstate / taskwarrior", ours / task))
print("| %-34s | %8.2f    |" % ("ratio reinstate / floor", ours / floor))
print("| %-34s | %8.2f    |" % ("ratio reinstate / floor with parser", ours / parse))
PY
done
