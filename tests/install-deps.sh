#!/bin/sh
# Install the Debian packages exposure needs to build and test, if any is
# missing (with the argument `fuzz`: those `make fuzz` needs). Run as root
# (or with sudo available); prints what it does.
set -eu

packages="build-essential pkg-config sqlite3 libsqlite3-dev libidn2-dev libssl-dev uthash-dev check valgrind
	libcsv-dev libjansson-dev libgmime-3.0-dev
	libpq-dev libmariadb-dev postgresql mariadb-server mariadb-client openssl chromium man-db"
# `install-deps.sh fuzz`: what make fuzz needs besides (clang's libFuzzer)
[ "${1:-}" = fuzz ] && packages="clang libclang-rt-dev"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "exposure: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "exposure: not root and no sudo: run as root: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
