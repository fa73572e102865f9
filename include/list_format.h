/* The formats of the affected list, as a table of hooks (pg_dump's archive
 * formats): one file a format under analyser/output/, one line each in the
 * table of output/list_formats.c. A format sees one entry at a time and
 * this context: never the scan that made them. */
#ifndef EXPOSURE_LIST_FORMAT_H
#define EXPOSURE_LIST_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "address.h"
#include "addrset.h"
#include "domains.h"

/* What every format may look at besides the entry itself. */
struct output_ctx {
	FILE *f;
	const char *const *source_names; /* by source index */
	const unsigned *source_order;    /* source indices sorted by name */
	size_t n_sources;
	const struct domain_set *internal;
	int mask;    /* --mask: "j***@example.com" instead of the address */
	int window;  /* --since or --until was given: logins are those inside it */
	void *state; /* the format's own, from its open to its close */
	int failed;  /* set before close when a record failed */
};

/* Which addresses a segment holds. */
typedef int (*entry_filter_fn)(const struct output_ctx *o, const struct addr_entry *e);

struct list_format {
	const char *name;        /* as -f names it */
	const char *description; /* one line, for the help and docs */
	const char *extension;   /* of the file a segment directory holds: "csv", "txt" */
	/* Before the first record: writes a header, sets up o->state. 0, or -1
	 * on a write error (errno set) or no memory (ENOMEM), having freed what
	 * it made: close is not called then. NULL: nothing to do. */
	int (*open)(struct output_ctx *o);
	/* One entry, in the list's order. 0, or -1 as open. Never NULL. */
	int (*record)(struct output_ctx *o, const struct addr_entry *e);
	/* Once after a successful open, also when a record failed (o->failed:
	 * write no trailer, only free o->state). 0, or -1 as open. NULL:
	 * nothing to do. */
	int (*close)(struct output_ctx *o);
};

/* The format named so; NULL for another name. */
const struct list_format *list_format_find(const char *name);
/* The i-th format of the table (the first is the default); NULL past the end. */
const struct list_format *list_format_at(size_t i);

/* "csv (default) | jsonl | list | sha256 | md5", for the help. 0, or -1
 * when buf is too small (buf then holds what fitted). */
int list_formats_text(char *buf, size_t sz);
/* "csv, jsonl, list, sha256, md5", for the message about an unknown one. */
int list_formats_names(char *buf, size_t sz);

/* Every entry of a sorted array through lf: open, records, close. 0, or -1
 * (errno set). */
int list_format_write_all(const struct list_format *lf, struct output_ctx *o, struct addr_entry *const *sorted,
			  size_t n);

/* ---- for the formats ----------------------------------------------------- */

/* 1 when the address's domain is internal. */
int address_is_internal(const struct output_ctx *o, const struct addr_entry *e);
/* 1 when e is in the customers-login segment: with a window, an account
 * with a login (event or last-login time) inside it; without one, an
 * internal address with the login origin. */
int address_is_customer_login(const struct output_ctx *o, const struct addr_entry *e);
/* 1 when e is a customer's: an internal address, or one with the login
 * origin (accounts, the owners of address books and sent logs, their own
 * identities and mailboxes, whatever their domain). The others are third
 * parties: only from address books and sent mail, outside the internal
 * domains. */
int address_is_customer(const struct output_ctx *o, const struct addr_entry *e);
/* "internal" or "external". */
const char *address_class(const struct output_ctx *o, const struct addr_entry *e);

/* The address as the output shows it: itself, or masked into buf. */
#define SHOWN_ADDRESS_BUF (ADDR_BUF + 8)
const char *shown_address(const struct output_ctx *o, const struct addr_entry *e, char buf[SHOWN_ADDRESS_BUF]);

/* The i-th source (in name order) that holds e, from *i on: its name, or
 * NULL when there is none left. Start with *i = 0. */
const char *entry_next_source(const struct output_ctx *o, const struct addr_entry *e, size_t *i);

/* A time as "1970-01-01T00:00:00Z", or "" for TIME_NONE. */
void entry_time_text(int64_t t, char buf[21]);

#endif
