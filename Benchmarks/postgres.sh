#!/usr/bin/env bash
# The team store on PostgreSQL, over a Unix socket, beside the same cases in the SQLite file and the
# floor (a Swift process that connects as the CLI does, runs SELECT 1 and exits), in one hyperfine run
# per size; then 4 writers at once adding notes, in changes per second, with a count that none was lost.
#
#   Benchmarks/postgres.sh                  (called by Benchmarks/run after the SQLite sections)
#   BENCH_SIZES="1000 10000" Benchmarks/postgres.sh
#   REINSTATE_BENCH_BIN=.build/debug Benchmarks/postgres.sh      (binaries already built: no release build)
#
# Starts its own throwaway server in Benchmarks/work/pg (initdb + pg_ctl, a Unix socket in that folder,
# no TCP; as the `postgres` user when run as root) and stops it at the end. Prints a Markdown section;
# when PostgreSQL's programs are missing it prints the reason instead.
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/work
mkdir -p "$work"

echo "## The team store on PostgreSQL (Unix socket) beside the SQLite file"
echo

pgbin=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pgbin=$dir; break; fi
done
if [ -z "$pgbin" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  pgbin=$(dirname "$(command -v initdb)")
fi
reason=""
[ -n "$pgbin" ] || reason="PostgreSQL's programs (initdb, pg_ctl) are not installed (apt-get install postgresql)"
command -v hyperfine >/dev/null || reason="${reason:+$reason; }hyperfine is not installed"
[ "$(id -u)" -ne 0 ] || id postgres >/dev/null 2>&1 || reason="${reason:+$reason; }running as root and there is no postgres user"
if [ -n "$reason" ]; then
  echo "Skipped: $reason."
  echo
  exit 0
fi
psql=$pgbin/psql; [ -x "$psql" ] || psql=$(command -v psql)

# The binaries: the release build the other benchmarks use, or those in $REINSTATE_BENCH_BIN.
if [ -n "${REINSTATE_BENCH_BIN:-}" ]; then
  bin=$REINSTATE_BENCH_BIN
  build="binaries from \`$bin\` (figures of that build: release or debug as it was built)"
else
  echo "building (release)…" >&2
  source Benchmarks/build.sh reinstate postgres-floor reinstate-bench
  build="release build"
fi
bin=$(cd "$bin" && pwd)

# --- The server ------------------------------------------------------------------------------------
pg=$PWD/$work/pg
as_pg=()
[ "$(id -u)" -ne 0 ] || as_pg=(runuser -u postgres --)
stop_server() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true; }
[ ! -d "$pg/data" ] || stop_server
rm -rf "$pg"; mkdir -p "$pg"; chmod 700 "$pg"
password="bench-$RANDOM$RANDOM"
printf '%s' "$password" > "$pg/pw"
[ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$pg"
"${as_pg[@]}" env -C "$pg" "$pgbin/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pw" --auth=scram-sha-256 \
  -E UTF8 --locale=C --no-instructions >"$work/pg-initdb.log" 2>&1
rm -f "$pg/pw"
# Durable commits (fsync on, synchronous_commit on): the writers' figure is that of a real server.
"${as_pg[@]}" env -C "$pg" "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$pg' -p 5432" start >/dev/null
trap stop_server EXIT
export PGPASSWORD=$password
url() { echo "postgresql://postgres@/$1?host=$pg&port=5432"; }
sql() { "$psql" -h "$pg" -p 5432 -U postgres -d "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"; }

# --- The stores: the SQLite demo stores of Benchmarks/run, each copied into a fresh database ----------
sizes=${BENCH_SIZES:-}
if [ -z "$sizes" ]; then
  for n in 1000 10000 100000; do [ ! -s "$work/cases-$n.sqlite" ] || sizes="$sizes $n"; done
fi
sizes=${sizes:-1000}

echo "Server: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') started by this script (\`initdb\`, \`pg_ctl\`, fsync and synchronous commits on), reached over its Unix socket with a password; $build. Floor: \`postgres-floor URL\`, a Swift process that connects with the CLI's code, runs \`SELECT 1\` and exits. Target: \`due\` within 3× the floor. Medians of repeated runs, all commands of a size in one hyperfine run."
echo
echo "| cases | command | team store | SQLite file | team store ÷ floor | team store ÷ SQLite |"
echo "|---:|---|---:|---:|---:|---:|"
for n in $sizes; do
  store="$work/cases-$n.sqlite"
  if [ ! -s "$store" ]; then
    echo "making a store of $n demo cases…" >&2
    "$bin/reinstate" demo --cases "$n" --seed 1 --store "$store" >/dev/null 2>&1
  fi
  db="cases_$n"
  sql postgres "CREATE DATABASE $db" >/dev/null
  echo "copying $n cases into the team store…" >&2
  "$bin/reinstate" store copy "$store" "$(url "$db")" >/dev/null
  u=$(url "$db")
  hyperfine -N --warmup 3 --min-runs 15 --export-json "$work/pg-$n.json" \
    "$bin/postgres-floor $u" \
    "$bin/reinstate due --store $u" "$bin/reinstate due --store $store" \
    "$bin/reinstate case list --store $u" "$bin/reinstate case list --store $store" \
    "$bin/reinstate case show 1 --store $u" "$bin/reinstate case show 1 --store $store" \
    "$bin/reinstate case list --search zqxw --store $u" "$bin/reinstate case list --search zqxw --store $store" \
    -i >/dev/null 2>&1
  python3 - "$work/pg-$n.json" "$n" <<'PY'
import json, sys
r = [x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]]
floor = r[0]
for i, name in enumerate(["due", "case list", "case show 1", "case list --search zqxw"]):
    pg, lite = r[1 + 2 * i], r[2 + 2 * i]
    print("| %s | `%s` | %.1f ms | %.1f ms | %.2f× | %.2f× |" % (f"{int(sys.argv[2]):,}", name, pg, lite, pg / floor, pg / lite))
print("| %s | floor: connect, `SELECT 1` | %.1f ms | | 1.00× | |" % (f"{int(sys.argv[2]):,}", floor))
PY
done
echo

# --- The tracker on the team store: first frame and a key, beside the SQLite file ---------------------
echo "### The case tracker on the team store (in process, 100×30)"
echo
echo "\`reinstate-bench first-frame|keys STORE\` with STORE the team store's URL (opened as the tracker opens it: two connections, the second listening for changes) or the SQLite file. Targets on the team store: first frame under 100 ms, a key under 5 ms. A key that only moves the cursor reads nothing; one that brings a new window of the list (page down, G) reads the server."
echo
echo "| cases | store | first frame (median of 7) | key: median | key: p95 |"
echo "|---:|---|---:|---:|---:|"
for n in $sizes; do
  u=$(url "cases_$n")
  for s in "$u" "$work/cases-$n.sqlite"; do
    frames=(); for i in 1 2 3 4 5 6 7; do frames+=("$("$bin/reinstate-bench" first-frame "$s" | sed 's/.*first_frame_ms=\([0-9.]*\).*/\1/')"); done
    frame=$(printf '%s\n' "${frames[@]}" | sort -n | sed -n 4p)
    keys=$("$bin/reinstate-bench" keys "$s" 400)
    median=$(echo "$keys" | sed 's/.*key_median_ms=\([0-9.]*\).*/\1/')
    p95=$(echo "$keys" | sed 's/.*key_p95_ms=\([0-9.]*\).*/\1/')
    case "$s" in postgresql://*) name="team store";; *) name="SQLite file";; esac
    echo "| $n | $name | $frame ms | $median ms | $p95 ms |"
  done
done
echo

# --- 4 writers at once -----------------------------------------------------------------------------
n=$(echo "$sizes" | awk '{print $1}')
db="cases_$n"
u=$(url "$db")
per=${BENCH_NOTES:-50}
count() { sql "$db" "SELECT count(*) FROM note WHERE text LIKE 'bench %'"; }
writers() {  # $1: round name; then the 4 cases the writers add to
  local round=$1; shift
  local start end pids=() failed=0 w=0
  start=$(date +%s.%N)
  for c in "$@"; do
    w=$((w + 1))
    ( for i in $(seq 1 "$per"); do "$bin/reinstate" note add --store "$u" --case "$c" "bench $round writer $w note $i" >/dev/null || exit 1; done ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  end=$(date +%s.%N)
  python3 -c "print('%.1f %.0f' % ($end - $start, 4 * $per / ($end - $start)))"
  [ "$failed" -eq 0 ] || echo "warning: $failed writers failed" >&2
}
before=$(count)
read -r s1 r1 < <(writers different 1 2 3 4)
mid=$(count)
read -r s2 r2 < <(writers same 1 1 1 1)
after=$(count)
echo "### 4 writers at once on the team store ($n cases)"
echo
echo "Each writer a process running \`reinstate note add --store URL --case K TEXT\` $per times in a row (a process, a connection and one transaction per note); the notes counted in the database after."
echo
echo "| round | notes added | kept (counted after) | time | changes per second |"
echo "|---|---:|---:|---:|---:|"
echo "| 4 writers, 4 different cases | $((4 * per)) | $((mid - before)) | $s1 s | $r1 |"
echo "| 4 writers, one case (each locks it in turn) | $((4 * per)) | $((after - mid)) | $s2 s | $r2 |"
echo
if [ $((mid - before)) -ne $((4 * per)) ] || [ $((after - mid)) -ne $((4 * per)) ]; then
  echo "**Notes were lost:** $((after - before)) kept of $((8 * per))."
  echo
fi
