#!/bin/sh
# make bench [SIZE=small|medium|full]: an @Mail database of N accounts in
# throwaway PostgreSQL and MariaDB servers, then, on the same data in the same
# run: exposure scan; the raw export alone (psql COPY, mariadb --quick); the
# export piped into sort -u; the export piped into a Python
# email.utils.getaddresses script. Wall time and peak RSS of each, ratios to
# exposure, bytes of memory per unique address.
set -eu
size=${1:-small}
case $size in
small) n=20000 ;;
medium) n=500000 ;;
full) n=5000000 ;;
*) echo "usage: $0 small|medium|full" >&2; exit 2 ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=$top/build/exposure
dir=$(mktemp -d /tmp/exposure-bench.XXXXXX)
chmod 755 "$dir" # the postgres user must reach the server's directory inside
trap 'sh tests/servers.sh stop "$dir/srv" >/dev/null 2>&1; rm -rf "$dir"' EXIT INT TERM
export EXPOSURE_PG_PORT=${EXPOSURE_PG_PORT:-55482} EXPOSURE_MY_PORT=${EXPOSURE_MY_PORT:-33382}
sh tests/servers.sh start "$dir/srv" || { echo "bench: the servers did not start" >&2; exit 1; }
set -a
. "$dir/srv/env"
set +a
export PGPASSWORD=$EXPOSURE_TEST_PASSWORD MYSQL_PWD=$EXPOSURE_TEST_PASSWORD
pg_host="-h 127.0.0.1 -p $EXPOSURE_PG_PORT -U exposure -d bench"
my_host="-h 127.0.0.1 -P $EXPOSURE_MY_PORT -u exposure bench"

# ---- the data ----
gen_start=$(date +%s)
if [ "$(id -u)" -eq 0 ]; then as_pg="runuser -u postgres --"; else as_pg=""; fi
$as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$dir/srv/pg" -p "$EXPOSURE_PG_PORT" -U postgres -d postgres \
	-c "CREATE DATABASE bench" >/dev/null
$as_pg psql -X -q -v ON_ERROR_STOP=1 -v n="$n" -h "$dir/srv/pg" -p "$EXPOSURE_PG_PORT" -U postgres -d bench \
	-f tests/bench/gen-pg.sql >/dev/null
$as_pg psql -X -q -h "$dir/srv/pg" -p "$EXPOSURE_PG_PORT" -U postgres -d bench \
	-c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure" >/dev/null
my_admin="mariadb --no-defaults --socket=$dir/srv/my/sock -u root"
$my_admin -e "CREATE DATABASE bench CHARACTER SET utf8mb4; GRANT SELECT ON bench.* TO 'exposure'@'127.0.0.1'"
sed -e "s/@ABOOK/$((6 * n))/g" -e "s/@SENT/$((2 * n))/g" -e "s/@N/$n/g" tests/bench/gen-mariadb.sql | $my_admin bench
echo "generated $n accounts in PostgreSQL and MariaDB in $(($(date +%s) - gen_start)) s"

# ---- the same queries as the atmail profile's ----
Q_USERS="SELECT Account, OtherEmail, DateCreate FROM Users"
Q_SESSION="SELECT Account, LastLogin FROM UserSession"
Q_ABOOK="SELECT id, Account, UserEmail, UserEmail2, UserEmail3, UserEmail4, UserEmail5, DateAdded FROM Abook_a"
Q_SENT="SELECT id, Account, LogMsg, LogDate FROM Log_SendMail"
pg_export="psql -X -q $pg_host -c 'COPY ($Q_USERS) TO STDOUT' -c 'COPY ($Q_SESSION) TO STDOUT' \
 -c 'COPY ($Q_ABOOK) TO STDOUT' -c 'COPY ($Q_SENT) TO STDOUT'"
my_export="mariadb --no-defaults --quick -N -B $my_host -e '$Q_USERS; $Q_SESSION; $Q_ABOOK; $Q_SENT'"
pg_uri="pg=postgresql://exposure@127.0.0.1:$EXPOSURE_PG_PORT/bench"
my_uri="my=mysql://exposure@127.0.0.1:$EXPOSURE_MY_PORT/bench"

calc() { awk "BEGIN { print $1 }"; }

# run NAME COMMAND: wall seconds and peak RSS (KiB) into $dir/NAME
run() {
	/usr/bin/time -f '%e %M' -o "$dir/$1.time" sh -c "$2" >"$dir/$1.out" 2>"$dir/$1.err" || {
		echo "$1 failed:" >&2; cat "$dir/$1.err" >&2; exit 1; }
}

bench_db() { # LABEL EXPORT URI
	run "$1-exposure" "$bin scan -q -f list -o $dir/$1-list.txt --summary $dir/$1-summary.json '$3'"
	run "$1-export" "$2 > /dev/null"
	run "$1-sort" "$2 | tr 'A-Z,\t' 'a-z\n\n' | sed 's/^ *//' | sort -u | wc -l"
	run "$1-python" "$2 | python3 tests/bench/getaddresses.py"
}

bench_db pg "$pg_export" "$pg_uri"
bench_db my "$my_export" "$my_uri"
run both-sequential "$bin scan -q -j 1 -f list -o /dev/null '$pg_uri' '$my_uri'"
run both-concurrent "$bin scan -q -j 2 -f list -o /dev/null '$pg_uri' '$my_uri'"
run empty "$bin scan -q -f list -o /dev/null $top/build/fixtures/atmail.db"

# ---- the table ----
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$dir/$1-summary.json"; }
rows=$(field pg "d['totals']['rows']")
fields=$(field pg "d['totals']['fields']")
unique=$(field pg "d['unique']['total']")
printf '\nsize %s: %s accounts, %s rows, %s address fields, %s unique addresses\n\n' "$size" "$n" "$rows" "$fields" "$unique"
printf '| database | tool | wall s | peak RSS MiB | time / exposure |\n|---|---|---:|---:|---:|\n'
for db in pg my; do
	read -r base _ <"$dir/$db-exposure.time"
	for tool in exposure export sort python; do
		read -r wall rss <"$dir/$db-$tool.time"
		printf '| %s | %s | %s | %.1f | %.2f |\n' "$db" "$tool" "$wall" "$(calc "$rss / 1024")" \
			"$(calc "$wall / $base")"
	done
done
read -r seq _ <"$dir/both-sequential.time"
read -r con _ <"$dir/both-concurrent.time"
printf '| pg + my | exposure -j 1, one after another | %s | | |\n' "$seq"
printf '| pg + my | exposure -j 2, concurrently | %s | | %.2f of -j 1 |\n' "$con" "$(calc "$con / $seq")"
read -r _ rss <"$dir/pg-exposure.time"
read -r _ empty <"$dir/empty.time"
text=$(wc -c <"$dir/pg-list.txt")
printf '\nmemory per unique address (pg): %.0f bytes = (peak RSS %s KiB - %s KiB of an empty scan) / %s,\n' \
	"$(calc "($rss - $empty) * 1024 / $unique")" "$rss" "$empty" "$unique"
printf 'of which the address text (with its NUL) is %.0f bytes and the rest %.0f bytes\n' \
	"$(calc "$text / $unique")" "$(calc "($rss - $empty) * 1024 / $unique - $text / $unique")"
