/* Writers of the affected list, as a table of hooks (pg_dump's archive
 * formats): open writes a header, record one address, close a trailer. */
#ifndef EXPOSURE_WRITER_H
#define EXPOSURE_WRITER_H

#include <stddef.h>
#include <stdio.h>

#include "addrset.h"
#include "domains.h"
#include "scan.h"

/* What every writer may look at besides the entry itself. */
struct output_ctx {
	FILE *f;
	const char *const *source_names; /* by source index */
	const unsigned *source_order;    /* source indices sorted by name */
	size_t n_sources;
	const struct domain_set *internal;
	int mask; /* --mask: "j***@example.com" instead of the address */
};

/* Which addresses a segment holds. */
typedef int (*entry_filter_fn)(const struct output_ctx *o, const struct addr_entry *e);

struct writer {
	const char *name;
	const char *description;
	/* Each returns 0, or -1 on a write error (errno set). NULL: nothing to do. */
	int (*open)(struct output_ctx *o);
	int (*record)(struct output_ctx *o, const struct addr_entry *e);
	int (*close)(struct output_ctx *o);
};

/* csv, jsonl, list, sha256, md5; NULL for another name. */
const struct writer *writer_find(const char *name);
const struct writer *writer_at(size_t i);

/* Write every entry of a sorted array through w. 0, or -1 (errno set). */
int writer_write_all(const struct writer *w, struct output_ctx *o, struct addr_entry *const *sorted,
		     size_t n);

/* Write the whole affected list of a scan, sorted by address, with the
 * source names of its sources. 0, or -1 (errno set; ENOMEM on no memory). */
int writer_write_scan(const struct writer *w, FILE *f, const struct scan *sc,
		      const struct domain_set *internal);

/* The same for the entries `keep` accepts (NULL: all), masked when asked;
 * *written (may be NULL) gets how many were written. */
int writer_write_scan_filtered(const struct writer *w, FILE *f, const struct scan *sc,
			       const struct domain_set *internal, int mask, entry_filter_fn keep,
			       size_t *written);

/* "j***@example.com": the first character of the local part and the part
 * from the last '@' on (no '@': the first character and "***"). */
void mask_address(const char *s, size_t len, char *out, size_t outsz);

/* The lowercase hex sha256 (or md5) of an address, as the sha256 and md5
 * lists write it and compare matches it. 0, or -1 when the digest failed. */
#define ADDRESS_DIGEST_HEX 65
int address_digest(const char *addr, int sha256, char out[ADDRESS_DIGEST_HEX]);

/* The rejects file: a header, then one CSV row per reject (source, table,
 * key, column, reason, value cut to REJECTS_VALUE_MAX bytes, value_bytes).
 * rejects_csv_row fits scan_reject_fn with the FILE * as ctx. */
#define REJECTS_VALUE_MAX 512
int rejects_csv_header(FILE *f);
int rejects_csv_row(void *f, const struct scan_reject *r);
/* The same row with the value masked (--mask). */
int rejects_csv_row_masked(void *f, const struct scan_reject *r);

/* 1 when the address's domain is internal. */
int address_is_internal(const struct output_ctx *o, const struct addr_entry *e);
/* "internal" or "external". */
const char *address_class(const struct output_ctx *o, const struct addr_entry *e);

/* Write bytes as a CSV field (quoted when needed; bytes that are not
 * printable UTF-8 as \xNN, so a reject with a NUL or a broken byte stays
 * one readable line). */
int csv_field(FILE *f, const char *s, size_t len);
/* Write bytes as a JSON string, quotes included. */
int json_string(FILE *f, const char *s, size_t len);

#endif
