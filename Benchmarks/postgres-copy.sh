#!/usr/bin/env bash
# How long `reinstate store copy` takes to fill a PostgreSQL team store from a demo store, beside two
# peers on the same store in the same run: the copy back out to a new file, and
# `export --all --format json` of the local store (the same documents, written as JSON).
#
#   Benchmarks/postgres-copy.sh [CASES]        default 1000 cases, 5 runs each, medians
#   REINSTATE_BIN=.build/release/reinstate Benchmarks/postgres-copy.sh   (else built by build.sh)
#
# Starts a throwaway PostgreSQL server (initdb in a temporary folder, Unix socket only, as the
# `postgres` system user when run as root) and removes it afterwards; each copy goes into a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000}
runs=${RUNS:-5}

if [ -n "${REINSTATE_BIN:-}" ]; then
  bin_reinstate=$REINSTATE_BIN
else
  echo "building (release)…" >&2
  source Benchmarks/build.sh reinstate
  bin_reinstate=$bin/reinstate
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || pgbin=$(dirname "$(command -v initdb || echo /nonexistent/initdb)")
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL is not installed (no initdb); apt-get install postgresql" >&2; exit 2; }

work=$(mktemp -d /tmp/reinstate-pgcopy-XXXXXX)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi
mkdir "$work/pg" && { [ ${#as_pg[@]} -eq 0 ] || chown postgres: "$work/pg"; }
cleanup() {
  (cd "$work/pg" && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
(cd "$work/pg" && "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null)
(cd "$work/pg" && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$work/pg' -c fsync=off -c synchronous_commit=off" start >/dev/null)
psql_() { (cd "$work/pg" && "${as_pg[@]}" "$pgbin/psql" -h "$work/pg" -U postgres -d postgres -X -q -A -t -c "$1"); }

"$bin_reinstate" demo --cases "$cases" --seed 1 --store "$work/d.sqlite" >/dev/null

now() { date +%s%N; }
copy_in=(); copy_out=(); export_json=()
for i in $(seq 1 "$runs"); do
  psql_ "CREATE DATABASE copy_$i"
  url="postgresql://postgres@/copy_$i?host=$work/pg"
  t0=$(now); "$bin_reinstate" store copy "$work/d.sqlite" "$url" >/dev/null; t1=$(now)
  copy_in+=($(( (t1 - t0) / 1000 )))
  t0=$(now); "$bin_reinstate" store copy "$url" "$work/back-$i.sqlite" >/dev/null; t1=$(now)
  copy_out+=($(( (t1 - t0) / 1000 )))
  t0=$(now); "$bin_reinstate" --store "$work/d.sqlite" export --all --format json > "$work/local.json"; t1=$(now)
  export_json+=($(( (t1 - t0) / 1000 )))
done
# The copy must be whole: both sides export the same bytes.
"$bin_reinstate" --store "$work/back-1.sqlite" export --all --format json > "$work/back.json"
cmp -s "$work/local.json" "$work/back.json" || { echo "the copy back does not export the same bytes" >&2; exit 1; }

python3 - "$cases" "${copy_in[*]}" "${copy_out[*]}" "${export_json[*]}" <<'PY'
import statistics, sys
cases = sys.argv[1]
med = lambda s: statistics.median(float(x) / 1000 for x in s.split())
copy_in, copy_out, export = med(sys.argv[2]), med(sys.argv[3]), med(sys.argv[4])
print(f"{cases} demo cases, medians of {len(sys.argv[2].split())} runs:")
print(f"  store copy file -> PostgreSQL   {copy_in:9.1f} ms")
print(f"  store copy PostgreSQL -> file   {copy_out:9.1f} ms   (copy in is {copy_in / copy_out:.2f}x this)")
print(f"  export --all --format json      {export:9.1f} ms   (copy in is {copy_in / export:.2f}x this)")
PY
