#!/bin/sh
# run.sh BUILD SECONDS NAME...: run each libFuzzer harness BUILD/fuzz_NAME for
# SECONDS, its corpus kept in BUILD/corpus/NAME across runs and seeded from
# tests/fuzz/seeds/NAME.txt (one seed a line, printf %b escapes) and the
# fixtures. A finding stops the run: its input is BUILD/crash-NAME-*, to
# turn into a regression test. Prints each harness's execution count.
set -eu
build=$1 seconds=$2
shift 2

# seeds from a line file: one file a line, escapes expanded
seed_lines() {
	n=0
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		printf '%b' "$line" > "$2/line-$n"
	done < "$1"
}

# compare's forms: the first byte picks the reader (fuzz_hits.c's order)
seed_hits() {
	i=0
	for f in fixtures/hits/plain.txt fixtures/hits/complaints.csv fixtures/hits/hits.sha256 \
		fixtures/hits/hits.md5 fixtures/hits/trap.mbox; do
		{ printf "\\$(printf %03o $i)"; cat "$f"; } > "$1/fixture-$i"
		i=$((i + 1))
	done
	m=$(find fixtures/hits/maildir -type f | sort | head -n 1)
	{ printf '\005'; cat "$m"; } > "$1/fixture-maildir"
}

status=0
for name in "$@"; do
	corpus=$build/corpus/$name seeds=$build/seeds/$name
	rm -rf "$seeds"
	mkdir -p "$corpus" "$seeds"
	[ -f "tests/fuzz/seeds/$name.txt" ] && seed_lines "tests/fuzz/seeds/$name.txt" "$seeds"
	case $name in
	hits) seed_hits "$seeds" ;;
	profile) cp fixtures/billing.profile "$seeds/" ;;
	address) seed_lines fixtures/hits/plain.txt "$seeds" ;;
	esac
	log=$build/fuzz-$name.log
	echo "fuzz: $name for ${seconds}s"
	if "$build/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/crash-$name-" "$corpus" "$seeds" > "$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz: $name: ${runs:-?} executions, no finding"
	else
		echo "fuzz: $name: FINDING (log: $log)" >&2
		grep -E '^(==[0-9]+==ERROR|fuzz:|SUMMARY)|runtime error' "$log" | head -n 5 >&2 || true
		status=1
	fi
done
exit $status
