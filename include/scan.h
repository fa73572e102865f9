/* A scan: run a profile's extractors over each source, parse every address
 * field, and gather the addresses into one set, counting every row, field
 * and reject so that the summary reconciles. */
#ifndef EXPOSURE_SCAN_H
#define EXPOSURE_SCAN_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <uthash.h>

#include "address.h"
#include "addrset.h"
#include "connector.h"
#include "profile.h"
#include "timeutil.h"

/* One extractor run over one table of one source. */
struct scan_run {
	const struct extractor *ex;
	char *table;
	uint64_t rows;
	uint64_t fields;      /* non-NULL address fields */
	uint64_t nulls;       /* NULL address fields: no value, nothing to parse */
	uint64_t accepted;    /* addresses accepted (a field may hold several) */
	uint64_t rejected;    /* items rejected */
	uint64_t timed;       /* rows with a readable time */
	uint64_t bad_times;   /* rows whose time could not be read (kept, as untimed) */
	uint64_t system_rows; /* rows owned by the profile's system account */
	uint64_t deleted;     /* soft-deleted rows read (kept) */
	uint64_t deleted_skipped; /* soft-deleted rows left out (--exclude-deleted) */
	uint64_t after;       /* rows created (or written) after --until: not there to be read, left out */
	uint64_t changed_after; /* rows with a last-change time after --until: kept (older than that time) */
	uint64_t untimed;     /* rows without a readable time: kept (they may hold exposed addresses) */
	uint64_t placeholder; /* of those, rows whose time is a placeholder (0000-00-00, 1000-01-01, 0) */
	uint64_t rejects[ADDR_REJECT_COUNT];
};

/* Rows with a time, per day (for the timeline). */
struct day_count {
	int64_t day; /* days since 1970-01-01 */
	uint64_t rows;
	UT_hash_handle hh;
};

struct scan_source {
	char *name; /* the tag in the sources column */
	char *uri;
	const struct connector *impl;
	const char *location; /* into uri */
	const struct profile *profile;
	/* Set before the scan: its own profile (--profile NAME=P), and the zone
	 * its date-times without an offset are read in (NULL: UTC). */
	const struct profile *chosen_profile;
	const struct time_zone *zone;
	char note[CONN_ERR_MAX]; /* the connector's note on how it was read (conn->note), or empty */
	int failed;
	char err[CONN_ERR_MAX];
	struct scan_run *runs;
	size_t n_runs;
	const char **absent; /* extractors that found no table */
	size_t n_absent;
	struct day_count *days; /* rows read with a time (inside the window), by day */
	/* for the progress line, read from another thread */
	_Atomic uint64_t rows_so_far;
	_Atomic int finished;
};

/* One rejected item, as the rejects file and the summary see it. */
struct scan_reject {
	const char *source;
	const char *table;
	const char *key;
	size_t key_len;
	const char *column;
	enum addr_reject why;
	const char *value;
	size_t value_len;
};

/* Called for every reject; non-zero stops the scan (as a failure). */
typedef int (*scan_reject_fn)(void *ctx, const struct scan_reject *r);

struct scan {
	struct addrset set;
	struct scan_source *sources;
	size_t n_sources;
	const struct profile *profile; /* forced with --profile; NULL: detect */
	unsigned origins;              /* bit mask of enum origin */
	scan_reject_fn on_reject;
	void *reject_ctx;
	struct conn_options conn_opts;
	unsigned jobs;        /* sources read at once (threads); 0: SCAN_DEFAULT_JOBS */
	/* The incident window, inclusive; TIME_NONE: open. Only --until removes
	 * rows (those created after it); --since only bounds the logins that
	 * make the customers-login segment. */
	int64_t since, until;
	const char *login_domain; /* completes bare logins (EXTRACTOR_LOGIN_NAME) */
	int exclude_deleted;
	struct scan_private *priv; /* the threads' state (analyser/scan/scan_private.h) */
};

#define SCAN_DEFAULT_JOBS 4

/* 0, or -1 when out of memory (then every source fails as such when run). */
int scan_init(struct scan *sc);
void scan_release(struct scan *sc);

/* Add a source given as [NAME=]URI. Returns 0, or -1 with a message. */
int scan_add_source(struct scan *sc, const char *arg, char *err, size_t errsz);

/* The source of that name; NULL when there is none. */
struct scan_source *scan_find_source(struct scan *sc, const char *name);

/* Read every source into the set, up to `jobs` sources at once, each on a
 * thread of its own. Returns the number of failed sources; each failed one
 * has its message in ->err and what it read stays in the set (the caller
 * decides whether a partial result may be written). */
size_t scan_run_all(struct scan *sc);

/* A source's tables, sorted case-insensitively. */
struct table_list {
	char **names;
	size_t n;
	int oom;
};
/* 0, or -1: the message in c->err, or t->oom set. */
int table_list_read(struct conn *c, struct table_list *t);
void table_list_release(struct table_list *t);

#endif
