#!/usr/bin/env bash
# What a HOT enact would save (issue 17, benchmarks/README.md "What would close the 100k gap"): on a scratch
# PostgreSQL cluster (initdb defaults, run as the postgres user), a table shaped like cutter_core.information_unit
# with its indexes gets N rows and is enacted four ways, twice each; psql's \timing prints the INSERT and the
# enact (or, for (a1), the lifecycle INSERT) and the last line of each variant is n_tup_upd|n_tup_hot_upd.
#   bash benchmarks/Store/enact-hot-experiment.sh 100000
# Not the product's schema (no guards, no log triggers): it isolates the UPDATE's heap and index work.
set -euo pipefail
n="${1:-100000}"
port="${CUTTER_EXPERIMENT_PGPORT:-55999}"
sql="$(cd "$(dirname "$0")" && pwd)/enact-hot-experiment.sql"
work="$(mktemp -d)"
chown postgres "$work"
cp "$sql" "$work/variant.sql"
chown postgres "$work/variant.sql"
trap 'runuser -u postgres -- pg_ctl -D "$work/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
runuser -u postgres -- initdb -D "$work/data" -A trust >/dev/null
runuser -u postgres -- pg_ctl -D "$work/data" -o "-p $port -k $work" -l "$work/log" start -w >/dev/null
psql() { runuser -u postgres -- psql -h "$work" -p "$port" -d postgres -qAt -v n="$n" "$@" -f "$work/variant.sql"; }
for round in 1 2; do
  echo "round $round: (a1) units inserted enacted, lifecycle INSERT ... SELECT";  psql -v ff=100 -v partial=1 -v state=enacted -v enact=0
  echo "round $round: today: drafts, enact UPDATE + lifecycle INSERT (fillfactor 100, partial unique index)"; psql -v ff=100 -v partial=1 -v state=draft -v enact=1
  echo "round $round: the same without the partial index on lifecycle_state";     psql -v ff=100 -v partial=0 -v state=draft -v enact=1
  echo "round $round: without it and fillfactor 45 (HOT)";                       psql -v ff=45 -v partial=0 -v state=draft -v enact=1
  echo "round $round: (a1) with fillfactor 45, no partial index";                psql -v ff=45 -v partial=0 -v state=enacted -v enact=0
done
