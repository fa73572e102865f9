#!/bin/sh
# Run the Check suites of one build: start throwaway PostgreSQL and MariaDB
# servers for the connector suites (skipped, with a line saying so, when they
# cannot start), run every suite, stop the servers. Only the servers named
# in EXPOSURE_SERVERS start (the Makefile names those of the connectors it
# builds; default: both).
#   tests/run-suites.sh BUILD_DIR [wrapper command...]
set -u
build=$1; shift
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

export EXPOSURE_BIN="$build/exposure" EXPOSURE_FIXTURE_DB="$build/fixtures/atmail.db" EXPOSURE_FIXTURES=fixtures

servers=$(mktemp -d /tmp/exposure-servers.XXXXXX)
trap 'sh tests/servers.sh stop "$servers" >/dev/null 2>&1' EXIT INT TERM
if why=$(sh tests/servers.sh start "$servers" 2>&1); then
	set -a
	. "$servers/env"
	set +a
elif [ -n "${EXPOSURE_REQUIRE_SERVERS:-}" ]; then
	echo "FAIL: the database servers are required here but did not start: $why"
	exit 1
else
	echo "SKIP: database server suites: $why"
	sh tests/servers.sh stop "$servers" >/dev/null 2>&1
	unset EXPOSURE_PG_URI EXPOSURE_MY_URI
fi
"$@" "$build/check_exposure"
