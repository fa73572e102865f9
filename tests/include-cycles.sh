#!/bin/sh
# No circular dependencies between modules: a module is a folder of
# analyser/ (or connectors/); a header belongs to the module of the .c file
# that includes it first (the convention: foo.c opens with "foo.h"). A
# module depends on another when one of its files includes that module's
# header. Prints each cycle found and exits 1; prints the graph with -v.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

module_of() { # a source path -> its module (folder under analyser/, or connectors)
	case $1 in
	analyser/*) d=${1#analyser/}; echo "${d%/*}" ;;
	connectors/*) echo connectors ;;
	esac
}

# header -> owning module: the module of the .c file of the same name that
# includes it, else of the .c files that open with it
for c in $(find analyser connectors -name '*.c' | sort); do
	h="$(basename "$c" .c).h"
	if grep -q "^#include \"$h\"" "$c"; then echo "$h $(module_of "$c")"; fi
done | sort -u >"$tmp/owners"
for c in $(find analyser connectors -name '*.c' | sort); do
	first=$(grep -m1 -o '^#include "[^"]*"' "$c" | sed 's/#include "\(.*\)"/\1/' || true)
	if [ -n "$first" ] && ! grep -q "^$first " "$tmp/owners"; then echo "$first $(module_of "$c")" >>"$tmp/owners"; fi
done
# a header no .c file opens with: the module of its first includer
for h in $(cd include && ls *.h) $(find analyser -name '*.h' -exec basename {} \;); do
	grep -q "^$h " "$tmp/owners" && continue
	c=$(grep -l "^#include \"$h\"" $(find analyser connectors -name '*.c' | sort) 2>/dev/null | head -n 1 || true)
	if [ -n "$c" ]; then echo "$h $(module_of "$c")" >>"$tmp/owners"; fi
done

# module -> module edges: what each .c and private .h file includes
for f in $(find analyser connectors -name '*.[ch]' | sort); do
	from=$(module_of "$f")
	grep -o '^#include "[^"]*"' "$f" | sed 's/#include "\(.*\)"/\1/' | while read -r h; do
		to=$(awk -v h="$h" '$1 == h { print $2; exit }' "$tmp/owners")
		if [ -n "$to" ] && [ "$to" != "$from" ]; then echo "$from $to"; fi
	done
done >"$tmp/edges.c"
# a public header's own includes count for the module that owns it
for f in include/*.h; do
	from=$(awk -v h="$(basename "$f")" '$1 == h { print $2; exit }' "$tmp/owners")
	[ -n "$from" ] || continue
	grep -o '^#include "[^"]*"' "$f" | sed 's/#include "\(.*\)"/\1/' | while read -r h; do
		to=$(awk -v h="$h" '$1 == h { print $2; exit }' "$tmp/owners")
		if [ -n "$to" ] && [ "$to" != "$from" ]; then echo "$from $to"; fi
	done
done >>"$tmp/edges.c"
sort -u "$tmp/edges.c" >"$tmp/edges"
if [ "${1:-}" = -v ]; then sort "$tmp/owners"; echo; cat "$tmp/edges"; fi

# tsort reports a cycle on standard error
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/cycles"; then
	echo "module include cycles:"; cat "$tmp/cycles"
	exit 1
fi
echo "no include cycles between modules ($(wc -l <"$tmp/edges") dependencies)"
