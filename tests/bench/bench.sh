#!/bin/sh
# make bench [SIZE=small|medium|large|full]: an @Mail database of N accounts
# in throwaway PostgreSQL and MariaDB servers, then, on the same data in the
# same run: exposure scan; the raw export alone (psql COPY, mariadb --quick);
# the export piped into sort -u; the export piped into a Python
# email.utils.getaddresses script. Wall time and peak RSS of each, ratios to
# exposure, bytes of memory per unique address, and the targets of issue 7.
#
# exposure and the export are timed BENCH_REPS times (default 3), one after
# the other in turn, after one unmeasured export that warms the caches; the
# table shows the medians: on a shared machine the speed drifts by tens of
# percent from minute to minute, and turns keep both sides in the same drift.
# Both sides use plain TCP on loopback (no TLS), so the export is the fastest
# the database can hand the rows out.
#
# BASELINE=/path/to/exposure: another build (the last release, main before a
# change) also scans each database, in the same turns as this one, and gets
# its own row in the table: the two are compared on the same data in the
# same drift.
set -eu
size=${1:-small}
reps=${BENCH_REPS:-3}
case $size in
small) n=20000 ;;
medium) n=500000 ;;
large) n=834000 ;; # 5,004,000 address-book rows: the size the targets name
full) n=5000000 ;;
*) echo "usage: $0 small|medium|large|full" >&2; exit 2 ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=$top/build/exposure
baseline=${BASELINE:-}
if [ -n "$baseline" ]; then
	[ -x "$baseline" ] && [ -f "$baseline" ] || { echo "bench: BASELINE '$baseline' is no executable file" >&2; exit 2; }
	baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
fi
dir=$(mktemp -d /tmp/exposure-bench.XXXXXX)
chmod 755 "$dir" # the postgres user must reach the server's directory inside
trap 'sh tests/servers.sh stop "$dir/srv" >/dev/null 2>&1; rm -rf "$dir"' EXIT INT TERM
export EXPOSURE_PG_PORT=${EXPOSURE_PG_PORT:-55482} EXPOSURE_MY_PORT=${EXPOSURE_MY_PORT:-33382}
say() { echo "bench: $*" >&2; }
say "starting PostgreSQL and MariaDB"
sh tests/servers.sh start "$dir/srv" >/dev/null || { say "the servers did not start"; exit 1; }
set -a
. "$dir/srv/env"
set +a
export PGPASSWORD=$EXPOSURE_TEST_PASSWORD MYSQL_PWD=$EXPOSURE_TEST_PASSWORD PGSSLMODE=disable
pg_host="-h 127.0.0.1 -p $EXPOSURE_PG_PORT -U exposure -d bench"
my_host="-h 127.0.0.1 -P $EXPOSURE_MY_PORT -u exposure bench"

# ---- the data ----
say "generating $n accounts in both databases"
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
say "generated in $(($(date +%s) - gen_start)) s"

# ---- the same queries as the atmail profile's ----
Q_USERS="SELECT Account, OtherEmail, DateCreate FROM Users"
Q_SESSION="SELECT Account, LastLogin FROM UserSession"
Q_ABOOK="SELECT id, Account, UserEmail, UserEmail2, UserEmail3, UserEmail4, UserEmail5, DateAdded FROM Abook_a"
Q_SENT="SELECT id, Account, LogMsg, LogDate FROM Log_SendMail"
pg_export="psql -X -q $pg_host -c 'COPY ($Q_USERS) TO STDOUT' -c 'COPY ($Q_SESSION) TO STDOUT' \
 -c 'COPY ($Q_ABOOK) TO STDOUT' -c 'COPY ($Q_SENT) TO STDOUT'"
my_export="mariadb --no-defaults --skip-ssl --quick -N -B $my_host -e '$Q_USERS; $Q_SESSION; $Q_ABOOK; $Q_SENT'"
pg_uri="pg=postgresql://exposure@127.0.0.1:$EXPOSURE_PG_PORT/bench"
my_uri="my=mysql://exposure@127.0.0.1:$EXPOSURE_MY_PORT/bench?ssl=off"

calc() { awk "BEGIN { print $1 }"; }

# run NAME COMMAND: wall seconds and peak RSS (KiB), appended to $dir/NAME.time
run() {
	/usr/bin/time -f '%e %M' -a -o "$dir/$1.time" sh -c "$2" >"$dir/$1.out" 2>"$dir/$1.err" || {
		say "$1 failed:"; cat "$dir/$1.err" >&2; exit 1; }
}

# median NAME: the median wall time; peak NAME: the largest peak RSS (KiB)
median() { awk '{ print $1 }' "$dir/$1.time" | sort -n | awk '{ v[NR] = $1 } END {
	print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
peak() { awk 'm < $2 { m = $2 } END { print m }' "$dir/$1.time"; }

bench_db() { # LABEL EXPORT URI
	run "$1-warmup" "$2 > /dev/null"
	for r in $(seq 1 "$reps"); do
		say "$1: exposure and export, turn $r of $reps"
		run "$1-exposure" "$bin scan -q -f list -o $dir/$1-list.txt --summary $dir/$1-summary.json --force '$3'"
		[ -z "$baseline" ] ||
			run "$1-baseline" "$baseline scan -q -f list -o $dir/$1-baseline-list.txt --summary $dir/$1-baseline-summary.json --force '$3'"
		run "$1-export" "$2 > /dev/null"
	done
	say "$1: export + sort -u"
	run "$1-sort" "$2 | tr 'A-Z,\t' 'a-z\n\n' | sed 's/^ *//' | sort -u | wc -l"
	say "$1: export + python (the slowest: minutes at the larger sizes)"
	run "$1-python" "$2 | python3 tests/bench/getaddresses.py"
}

bench_db pg "$pg_export" "$pg_uri"
bench_db my "$my_export" "$my_uri"
for r in $(seq 1 "$reps"); do
	say "both databases, one after another and at once, turn $r of $reps"
	run both-sequential "$bin scan -q -j 1 -f list -o /dev/null '$pg_uri' '$my_uri'"
	run both-concurrent "$bin scan -q -j 2 -f list -o /dev/null '$pg_uri' '$my_uri'"
done
run empty "$bin scan -q -f list -o /dev/null $top/build/fixtures/atmail.db"

# ---- the table ----
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$dir/$1-summary.json"; }
rows=$(field pg "d['totals']['rows']")
fields=$(field pg "d['totals']['fields']")
unique=$(field pg "d['unique']['total']")
[ "$unique" = "$(field my "d['unique']['total']")" ] || { say "the two databases gave different counts"; exit 1; }
cmp -s "$dir/pg-list.txt" "$dir/my-list.txt" || { say "the two databases gave different lists"; exit 1; }
printf '\nsize %s, %s: %s accounts, %s rows, %s address fields, %s unique addresses\n' \
	"$size" "$(date -u +%Y-%m-%d)" "$n" "$rows" "$fields" "$unique"
printf '(exposure%s and export: median of %s turns)\n' "${baseline:+, baseline}" "$reps"
[ -z "$baseline" ] || printf 'baseline: %s\n' "$baseline"
printf '\n'
printf '| database | tool | wall s | peak RSS MiB | time / exposure |\n|---|---|---:|---:|---:|\n'
for db in pg my; do
	base=$(median "$db-exposure")
	for tool in exposure ${baseline:+baseline} export sort python; do
		wall=$(median "$db-$tool")
		printf '| %s | %s | %s | %.1f | %.2f |\n' "$db" "$tool" "$wall" "$(calc "$(peak "$db-$tool") / 1024")" \
			"$(calc "$wall / $base")"
	done
done
seq_t=$(median both-sequential)
con_t=$(median both-concurrent)
printf '| pg + my | exposure -j 1, one after another | %s | | |\n' "$seq_t"
printf '| pg + my | exposure -j 2, concurrently | %s | | %.2f of -j 1 |\n' "$con_t" "$(calc "$con_t / $seq_t")"
rss=$(peak pg-exposure)
empty=$(peak empty)
text=$(wc -c <"$dir/pg-list.txt")
per=$(calc "($rss - $empty) * 1024 / $unique")
per_text=$(calc "$text / $unique")
printf '\nmemory per unique address (pg): %.0f bytes = (peak RSS %s KiB - %s KiB of an empty scan) / %s,\n' \
	"$per" "$rss" "$empty" "$unique"
printf 'of which the address text (with its newline) is %.0f bytes and the rest %.0f bytes\n' \
	"$per_text" "$(calc "$per - $per_text")"

# ---- the targets ----
verdict() { awk "BEGIN { exit !($1) }" && echo met || echo "NOT met"; }
printf '\n| target | pg | my |\n|---|---|---|\n'
ratio_to() { calc "$(median "$1-$2") / $(median "$1-exposure")"; }
for db in pg my; do
	eval "r_export_$db=\$(calc \"\$(median $db-exposure) / \$(median $db-export)\")"
	eval "r_python_$db=\$(ratio_to $db python)"
	eval "r_sort_$db=\$(ratio_to $db sort)"
done
printf '| within 1.5x of the raw export | %.2fx, %s | %.2fx, %s |\n' \
	"$r_export_pg" "$(verdict "$r_export_pg <= 1.5")" "$r_export_my" "$(verdict "$r_export_my <= 1.5")"
printf '| at least 20x faster than Python | %.1fx, %s | %.1fx, %s |\n' \
	"$r_python_pg" "$(verdict "$r_python_pg >= 20")" "$r_python_my" "$(verdict "$r_python_my >= 20")"
printf '| faster than export + sort -u | %.2fx, %s | %.2fx, %s |\n' \
	"$r_sort_pg" "$(verdict "$r_sort_pg > 1")" "$r_sort_my" "$(verdict "$r_sort_my > 1")"
printf '| under 160 bytes per address plus its text | %.0f + %.0f, %s | |\n' \
	"$(calc "$per - $per_text")" "$per_text" "$(verdict "$per - $per_text < 160")"
printf '| sources at once beat one after another | %.2f of the time, %s | |\n' \
	"$(calc "$con_t / $seq_t")" "$(verdict "$con_t < $seq_t")"
