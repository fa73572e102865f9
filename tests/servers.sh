#!/bin/sh
# Throwaway PostgreSQL and MariaDB servers for the connector suites, on
# 127.0.0.1, in a data directory of their own, with the fixtures loaded and
# a read-only user `exposure` (the least-privilege role of docs/guide.md:
# SELECT and nothing else), and in the database `evidence` a canary table
# and a user `exposure_writer` who may INSERT into it (the warning's case).
# TLS is on, with a throwaway certificate.
#
#   tests/servers.sh start DIR   start them (prints what failed, exit 1)
#   tests/servers.sh env DIR     print the variables the suites read
#   tests/servers.sh stop DIR    stop them and remove DIR
# EXPOSURE_SERVERS names the servers to start (default "postgresql mariadb"):
# a build without a connector needs no server for it.
set -eu

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|env|stop DIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)

SERVERS=${EXPOSURE_SERVERS-postgresql mariadb}
PG_PORT=${EXPOSURE_PG_PORT:-55432}
MY_PORT=${EXPOSURE_MY_PORT:-33306}
TEST_PASSWORD=exposure-test          # a throwaway server's throwaway secret
BIG_ROWS=1000000
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The fixture SQL is written portably, but PostgreSQL lacks `datetime`
# (Roundcube's PostgreSQL schema uses timestamptz, @Mail ports timestamp) and
# wants SquirrelMail's `user` quoted.
pg_sql() {
	type=timestamp
	[ "$(basename "$1")" = roundcube.sql ] && type=timestamptz
	sed -e "s/\bdatetime\b/$type/g" -e 's/^\([[:space:]]*\)user\([[:space:]]\)/\1"user"\2/' "$1"
}

# The canary of the hostile-profile tests, in a database `evidence` of each server.
CANARY_SQL="CREATE TABLE canary (id int, email varchar(128));
		INSERT INTO canary VALUES (1, 'a@canary.example'), (2, 'b@canary.example'), (3, 'c@canary.example');"

# The built-in profiles' fixtures, one database each.
PROFILE_FIXTURES='atmail roundcube squirrelmail'

make_cert() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-keyout "$dir/tls.key" -out "$dir/tls.crt" >/dev/null 2>&1
	chmod 600 "$dir/tls.key"
}

start_pg() {
	[ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL server (apt-get install postgresql)"; return 1; }
	mkdir -p "$dir/pg"
	cp "$dir/tls.key" "$dir/tls.crt" "$dir/pg/"
	[ "$(id -u)" -eq 0 ] && chown -R postgres "$dir/pg"
	as_pg "$PG_BIN/initdb" -D "$dir/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
		>"$dir/pg/initdb.log" 2>&1 || { echo "initdb failed: see $dir/pg/initdb.log"; return 1; }
	as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start -o \
		"-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$dir/pg -c ssl=on \
		 -c ssl_cert_file=$dir/pg/tls.crt -c ssl_key_file=$dir/pg/tls.key" >/dev/null \
		|| { echo "PostgreSQL did not start: see $dir/pg/server.log"; return 1; }
	psql_admin postgres -c "CREATE ROLE exposure LOGIN PASSWORD '$TEST_PASSWORD'" >/dev/null
	for fx in $PROFILE_FIXTURES; do
		psql_admin postgres -c "CREATE DATABASE $fx" >/dev/null
		pg_sql "$top/fixtures/$fx.sql" | psql_admin "$fx" >/dev/null || return 1
		psql_admin "$fx" -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure" >/dev/null
	done
	# evidence with a canary: hostile profiles must leave it as it is
	psql_admin postgres -c "CREATE DATABASE evidence" >/dev/null
	psql_admin evidence >/dev/null <<-SQL
		$CANARY_SQL
		GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure;
		CREATE ROLE exposure_writer LOGIN PASSWORD '$TEST_PASSWORD';
		GRANT SELECT, INSERT ON canary TO exposure_writer;
	SQL
	# a million sent-log rows over 1000 recipients, for bounded-memory streaming
	psql_admin postgres -c "CREATE DATABASE big" -c "CREATE DATABASE slow" >/dev/null
	psql_admin big >/dev/null <<-SQL
		CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);
		CREATE TABLE UserSession (Account varchar(128), LastLogin int);
		INSERT INTO Users VALUES ('big@isp.example', NULL, NULL);
		CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate timestamp);
		INSERT INTO Log_SendMail SELECT g, 'big@isp.example', '10.0.0.1:u' || (g % 1000) || '@example.com',
		  timestamp '2007-03-01' + g * interval '1 second' FROM generate_series(1, $BIG_ROWS) g;
		GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure;
	SQL
	# a sent log that takes seconds to read, for --timeout
	psql_admin slow >/dev/null <<-SQL
		CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);
		CREATE TABLE UserSession (Account varchar(128), LastLogin int);
		CREATE VIEW Log_SendMail AS SELECT 1 AS id, 'x' AS Account, '1.2.3.4:a@b.example' AS LogMsg,
		  NULL::timestamp AS LogDate FROM pg_sleep(5);
		GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure;
	SQL
}

psql_admin() {
	pg_db=$1; shift
	as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$dir/pg" -p "$PG_PORT" -U postgres -d "$pg_db" "$@"
}

start_my() {
	[ -x /usr/sbin/mariadbd ] || { echo "no MariaDB server (apt-get install mariadb-server)"; return 1; }
	mkdir -p "$dir/my"
	mariadb-install-db --no-defaults --datadir="$dir/my/data" --user="$(id -un)" \
		--auth-root-authentication-method=socket >"$dir/my/install.log" 2>&1 \
		|| { echo "mariadb-install-db failed: see $dir/my/install.log"; return 1; }
	/usr/sbin/mariadbd --no-defaults --datadir="$dir/my/data" --socket="$dir/my/sock" \
		--port="$MY_PORT" --bind-address=127.0.0.1 --pid-file="$dir/my/pid" --user="$(id -un)" \
		--ssl-cert="$dir/tls.crt" --ssl-key="$dir/tls.key" --character-set-server=utf8mb4 \
		--log-error="$dir/my/server.log" >/dev/null 2>&1 &
	for _ in $(seq 1 60); do
		mariadb_admin -e "SELECT 1" >/dev/null 2>&1 && break
		sleep 1
	done
	mariadb_admin -e "SELECT 1" >/dev/null 2>&1 || { echo "MariaDB did not start: see $dir/my/server.log"; return 1; }
	mariadb_admin -e "CREATE USER 'exposure'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD'"
	for fx in $PROFILE_FIXTURES; do
		mariadb_admin -e "CREATE DATABASE $fx CHARACTER SET utf8mb4;
			GRANT SELECT ON $fx.* TO 'exposure'@'127.0.0.1'"
		mariadb_admin "$fx" <"$top/fixtures/$fx.sql" || return 1
	done
	mariadb_admin <<-SQL
		CREATE DATABASE big CHARACTER SET utf8mb4;
		CREATE DATABASE slow CHARACTER SET utf8mb4;
		GRANT SELECT ON big.* TO 'exposure'@'127.0.0.1';
		GRANT SELECT ON slow.* TO 'exposure'@'127.0.0.1';
		CREATE DATABASE evidence CHARACTER SET utf8mb4;
		GRANT SELECT ON evidence.* TO 'exposure'@'127.0.0.1';
		USE evidence;
		$CANARY_SQL
		CREATE USER 'exposure_writer'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD';
		GRANT SELECT, INSERT ON evidence.canary TO 'exposure_writer'@'127.0.0.1';
		USE big;
		CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate datetime);
		CREATE TABLE UserSession (Account varchar(128), LastLogin int);
		INSERT INTO Users VALUES ('big@isp.example', NULL, NULL);
		CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate datetime);
		INSERT INTO Log_SendMail SELECT seq, 'big@isp.example', CONCAT('10.0.0.1:u', seq % 1000, '@example.com'),
		  TIMESTAMP '2007-03-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_$BIG_ROWS;
		USE slow;
		CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate datetime);
		CREATE TABLE UserSession (Account varchar(128), LastLogin int);
		CREATE VIEW Log_SendMail AS SELECT seq AS id, 'x' AS Account, '1.2.3.4:a@b.example' AS LogMsg,
		  NULL AS LogDate FROM seq_1_to_2000000000 WHERE MOD(seq, 2000000001) = 0;
	SQL
}

mariadb_admin() {
	mariadb --no-defaults --socket="$dir/my/sock" -u root --default-character-set=utf8mb4 "$@"
}

wanted() {
	case " $SERVERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

print_env() {
	echo "EXPOSURE_SERVERS_DIR='$dir'"
	if wanted postgresql; then
		echo "EXPOSURE_PG_URI='postgresql://exposure@127.0.0.1:$PG_PORT/atmail'"
		echo "EXPOSURE_PG_ADMIN_URI='postgresql://postgres@/atmail?host=$dir/pg&port=$PG_PORT'"
	fi
	if wanted mariadb; then
		echo "EXPOSURE_MY_URI='mysql://exposure@127.0.0.1:$MY_PORT/atmail'"
		echo "EXPOSURE_MY_ADMIN_URI='mysql://root@localhost/atmail?socket=$dir/my/sock'"
		echo "EXPOSURE_MY_ADMIN_SOCKET='$dir/my/sock'"
	fi
	echo "EXPOSURE_TEST_PASSWORD='$TEST_PASSWORD'"
	echo "EXPOSURE_TLS_CA='$dir/tls.crt'"
	echo "EXPOSURE_BIG_ROWS='$BIG_ROWS'"
}

stop_all() {
	if [ -f "$dir/pg/data/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [ -f "$dir/my/pid" ]; then
		kill "$(cat "$dir/my/pid")" 2>/dev/null || true
		for _ in $(seq 1 30); do [ -f "$dir/my/pid" ] || break; sleep 1; done
	fi
	rm -rf "$dir"
}

case $cmd in
start)
	stop_all
	mkdir -p "$dir"
	chmod 755 "$dir"
	make_cert
	failed=""
	if wanted postgresql; then start_pg || failed="$failed postgresql"; fi
	if wanted mariadb; then start_my || failed="$failed mariadb"; fi
	print_env >"$dir/env"
	[ -z "$failed" ] || { echo "could not start:$failed"; exit 1; }
	;;
env) print_env ;;
stop) stop_all ;;
*) echo "usage: $0 start|env|stop DIR" >&2; exit 2 ;;
esac
