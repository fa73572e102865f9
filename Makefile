# exposure — build, test, demo. Every library comes through pkg-config.
PREFIX  ?= /usr/local
CC      ?= gcc
PKG_CONFIG ?= pkg-config

LIBS_CORE  = sqlite3 libidn2 libcrypto
CFLAGS_STD = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Iinclude
CFLAGS    ?= -O2 -g
ALL_CFLAGS = $(CFLAGS_STD) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(LIBS_CORE))
ALL_LDLIBS = $(shell $(PKG_CONFIG) --libs $(LIBS_CORE)) $(LDLIBS)

CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

CORE_SRC = \
	analyser/address.c \
	analyser/addrset.c \
	analyser/arena.c \
	analyser/domains.c \
	analyser/outfile.c \
	analyser/profile.c \
	analyser/profile_atmail.c \
	analyser/report.c \
	analyser/scan.c \
	analyser/timeutil.c \
	analyser/writer.c

CONNECTOR_SRC = \
	connectors/registry.c \
	connectors/sqlite.c

MAIN_SRC = analyser/main.c

TEST_SRC = \
	tests/check_main.c \
	tests/test_address.c

BUILD ?= build
CORE_OBJ   = $(CORE_SRC:%.c=$(BUILD)/%.o) $(CONNECTOR_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ   = $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ   = $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all check demo asan install clean
all: $(BUILD)/exposure

$(BUILD)/%.o: %.c $(wildcard include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c $(wildcard include/*.h tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c $< -o $@

$(BUILD)/libexposure.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/exposure: $(MAIN_OBJ) $(BUILD)/libexposure.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/check_exposure: $(TEST_OBJ) $(BUILD)/libexposure.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(ALL_LDLIBS)

check: $(BUILD)/exposure $(BUILD)/check_exposure
	EXPOSURE_BIN=$(BUILD)/exposure $(BUILD)/check_exposure

clean:
	rm -rf build build-asan
