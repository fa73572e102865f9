# exposure — build, test, demo. Every library comes through pkg-config.
PREFIX  ?= /usr/local
ifeq ($(origin CC),default)
CC = gcc
endif
PKG_CONFIG ?= pkg-config

# The database client libraries are optional: each comes with its connector,
# its -D flag and its suites when pkg-config finds it. WITHOUT=libmariadb
# (or libpq, or both) builds as if pkg-config had not found it; give such a
# build its own BUILD directory.
WITHOUT ?=
have_lib = $(if $(filter $(1),$(WITHOUT)),,$(shell $(PKG_CONFIG) --exists $(1) && echo yes))
HAVE_LIBPQ   := $(call have_lib,libpq)
HAVE_MARIADB := $(call have_lib,libmariadb)
# the servers tests/run-suites.sh starts: only those of the built connectors
export EXPOSURE_SERVERS := $(if $(HAVE_LIBPQ),postgresql) $(if $(HAVE_MARIADB),mariadb)

LIBS_CORE  = sqlite3 libidn2 libcrypto jansson gmime-3.0 $(if $(HAVE_LIBPQ),libpq) \
	     $(if $(HAVE_MARIADB),libmariadb)
CFLAGS_STD = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Iinclude \
	     $(if $(HAVE_LIBPQ),-DHAVE_LIBPQ) $(if $(HAVE_MARIADB),-DHAVE_MARIADB)
CFLAGS    ?= -O2 -g
ALL_CFLAGS = $(CFLAGS_STD) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(LIBS_CORE))
# Debian's libcsv-dev ships no pkg-config file: linked by name.
ALL_LDLIBS = $(shell $(PKG_CONFIG) --libs $(LIBS_CORE)) -lcsv -lm -pthread $(LDLIBS)

CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

CORE_SRC = \
	analyser/address/address.c \
	analyser/address/domains.c \
	analyser/address/vcard.c \
	analyser/cli/cli.c \
	analyser/cli/cmd_compare.c \
	analyser/cli/cmd_probe.c \
	analyser/cli/cmd_profiles.c \
	analyser/cli/cmd_scan.c \
	analyser/cli/help.c \
	analyser/cli/probe.c \
	analyser/common/arena.c \
	analyser/common/csvfile.c \
	analyser/common/digest.c \
	analyser/common/escape.c \
	analyser/common/jsonline.c \
	analyser/common/jsonout.c \
	analyser/common/lines.c \
	analyser/common/textcmp.c \
	analyser/common/timeutil.c \
	analyser/common/timezone.c \
	analyser/common/utf8.c \
	analyser/compare/compare.c \
	analyser/compare/hypergeom.c \
	analyser/compare/keys.c \
	analyser/compare/report.c \
	analyser/compare/report_json.c \
	analyser/compare/report_text.c \
	analyser/compare/sets.c \
	analyser/compare/hits/csv.c \
	analyser/compare/hits/digest.c \
	analyser/compare/hits/emit.c \
	analyser/compare/hits/list.c \
	analyser/compare/hits/maildir.c \
	analyser/compare/hits/mbox.c \
	analyser/compare/hits/message.c \
	analyser/compare/hits/registry.c \
	analyser/output/entry.c \
	analyser/output/list_csv.c \
	analyser/output/list_digest.c \
	analyser/output/list_formats.c \
	analyser/output/list_jsonl.c \
	analyser/output/list_plain.c \
	analyser/output/mask.c \
	analyser/output/outfile.c \
	analyser/output/rejects.c \
	analyser/output/segment.c \
	analyser/output/summary.c \
	analyser/output/summary_formats.c \
	analyser/output/summary_html.c \
	analyser/output/summary_json.c \
	analyser/output/summary_text.c \
	analyser/output/writer.c \
	analyser/profiles/atmail.c \
	analyser/profiles/detect.c \
	analyser/profiles/file.c \
	analyser/profiles/filters.c \
	analyser/profiles/print.c \
	analyser/profiles/registry.c \
	analyser/profiles/roundcube.c \
	analyser/profiles/squirrelmail.c \
	analyser/scan/addrset.c \
	analyser/scan/batch.c \
	analyser/scan/owners.c \
	analyser/scan/progress.c \
	analyser/scan/scan.c

CONNECTOR_SRC = \
	connectors/common.c \
	connectors/core.c \
	connectors/registry.c \
	connectors/sqlite.c \
	connectors/statement.c \
	connectors/uri.c

MAIN_SRC = analyser/cli/commands.c

TEST_SRC = \
	tests/check_main.c \
	tests/helpers.c \
	tests/test_address.c \
	tests/test_cli.c \
	tests/test_compare.c \
	tests/test_connectors.c \
	tests/test_formats.c \
	tests/test_profile_file.c \
	tests/test_profiles.c \
	tests/test_report_html.c \
	tests/test_misc.c \
	tests/test_scan.c \
	tests/test_second_opinion.c \
	tests/test_servers.c \
	tests/test_set.c \
	tests/test_window.c \
	tests/test_vectors.c \
	tests/test_writers.c

ifneq ($(HAVE_LIBPQ),)
CONNECTOR_SRC += connectors/postgresql.c
TEST_SRC += tests/test_pg.c
endif
ifneq ($(HAVE_MARIADB),)
CONNECTOR_SRC += connectors/mariadb.c
TEST_SRC += tests/test_mariadb.c
endif
ifneq ($(HAVE_LIBPQ)$(HAVE_MARIADB),)
TEST_SRC += tests/test_window_servers.c
endif

BUILD ?= build
CORE_OBJ   = $(CORE_SRC:%.c=$(BUILD)/%.o) $(CONNECTOR_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ   = $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ   = $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all check demo asan valgrind install clean deps fixtures bench fuzz
all: $(BUILD)/exposure

$(BUILD)/%.o: %.c $(wildcard include/*.h analyser/*/*.h analyser/*/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The suites also test one private header: the trap messages' Date parser
# (analyser/compare/hits/message.h).
$(BUILD)/tests/%.o: tests/%.c $(wildcard include/*.h tests/*.h analyser/*/*.h analyser/*/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Ianalyser/compare/hits -c $< -o $@

$(BUILD)/libexposure.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/exposure: $(MAIN_OBJ) $(BUILD)/libexposure.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/check_exposure: $(TEST_OBJ) $(BUILD)/libexposure.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(ALL_LDLIBS)

# The fixtures are SQL we wrote; the SQLite files are built from them.
FIXTURE_DB = $(BUILD)/fixtures/atmail.db
FIXTURE_DBS = $(FIXTURE_DB) $(BUILD)/fixtures/roundcube.db $(BUILD)/fixtures/squirrelmail.db \
	$(BUILD)/fixtures/billing.db
$(BUILD)/fixtures/%.db: fixtures/%.sql
	@mkdir -p $(dir $@)
	rm -f $@ $@.tmp
	sqlite3 $@.tmp < $<
	mv $@.tmp $@
fixtures: $(FIXTURE_DBS)

# Installs the Debian packages the build and tests need, when any is missing.
deps:
	@sh tests/install-deps.sh

# The suites, with throwaway PostgreSQL and MariaDB servers (tests/run-suites.sh).
check: deps
	$(MAKE) $(BUILD)/exposure $(BUILD)/check_exposure $(FIXTURE_DBS)
	sh tests/include-cycles.sh
	sh tests/run-suites.sh $(BUILD)

demo: deps
	$(MAKE) $(BUILD)/exposure $(FIXTURE_DB)
	@mkdir -p $(BUILD)/demo
	$(BUILD)/exposure scan --force -o $(BUILD)/demo/affected.csv \
		--rejects $(BUILD)/demo/rejects.csv $(FIXTURE_DB)
	@echo "affected list: $(BUILD)/demo/affected.csv ($$(($$(wc -l < $(BUILD)/demo/affected.csv) - 1)) addresses)," \
		"rejects: $(BUILD)/demo/rejects.csv"

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# A small quarantine, so that peak memory still says whether rows stream.
asan: deps
	ASAN_OPTIONS=quarantine_size_mb=8 \
		$(MAKE) BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDLIBS="$(ASAN_FLAGS)" check

# The suites under valgrind, in one process (CK_FORK=no), children traced;
# the million-row stream is left to check and asan (valgrind is ~50x slower).
valgrind: deps
	$(MAKE) $(BUILD)/exposure $(BUILD)/check_exposure $(FIXTURE_DBS)
	CK_FORK=no EXPOSURE_SKIP_HEAVY=1 sh tests/run-suites.sh $(BUILD) valgrind --quiet --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite,indirect --trace-children=yes \
		--trace-children-skip='/usr/bin/*,/bin/*,/usr/lib/*'

# exposure against the baselines a team would use instead, on the same data
# in throwaway servers: SIZE=small (20k accounts, about a minute), medium
# (500k, about ten minutes), large (834k accounts: 5M address-book rows, the
# size the targets name; about half an hour), full (5M accounts, about 60M
# address fields; about two hours: the Python baseline alone takes about 50
# minutes a database).
# BENCH_REPS turns of exposure and the export (default 3).
SIZE ?= small
bench: deps
	$(MAKE) $(BUILD)/exposure $(FIXTURE_DB)
	sh tests/bench/bench.sh $(SIZE)

# libFuzzer harnesses (clang), one per parser: the address lists (every
# accepted address canonical), vCards, the @Mail LogMsg filter, times, profile
# files and every hits reader. Each runs FUZZ_SECONDS (default 60) from its
# seeds and the fixtures, its corpus kept in build-fuzz/corpus across runs; a
# finding stops make with the input in build-fuzz/crash-NAME-*.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES = address vcard logmsg time profile hits
FUZZ_BUILD = build-fuzz
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer
fuzz: deps
	sh tests/install-deps.sh fuzz
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_FLAGS)" \
		$(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz_%)
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h $(BUILD)/libexposure.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -Ianalyser/compare/hits -o $@ \
		$< tests/fuzz/fuzz_common.c $(BUILD)/libexposure.a $(ALL_LDLIBS)

install: $(BUILD)/exposure
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/exposure $(DESTDIR)$(PREFIX)/bin/exposure
	install -m 0644 docs/exposure.1 $(DESTDIR)$(PREFIX)/share/man/man1/exposure.1

clean:
	rm -rf build build-asan build-nomariadb build-nopq build-fuzz
