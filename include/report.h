/* The summary report: every number reconciles with the others. */
#ifndef EXPOSURE_REPORT_H
#define EXPOSURE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "domains.h"
#include "scan.h"

#define REPORT_TOP_DOMAINS 10

/* Totals over the runs of a scan, and over its unique addresses. */
struct report_totals {
	uint64_t rows, fields, nulls, accepted, rejected, timed, bad_times, system_rows;
	uint64_t deleted, deleted_skipped, after, changed_after, untimed, placeholder;
	uint64_t rejects[ADDR_REJECT_COUNT];
	uint64_t anomalies; /* rejects that suggest corrupt or hostile data */
	uint64_t unique;
	uint64_t by_origin[ORIGIN_COUNT];
	uint64_t by_overlap[1u << ORIGIN_COUNT]; /* by exact set of origins */
	uint64_t by_source[ADDRSET_MAX_SOURCES];
	uint64_t internal, external;
};

void report_totals(const struct scan *sc, const struct domain_set *internal, struct report_totals *t);

/* One day of the timeline. */
struct report_day {
	int64_t day; /* days since 1970-01-01 */
	uint64_t rows;
};

/* Rows with a time per day over every source, sorted by day, into *days
 * (NULL when no row had a time), *n of them; the caller frees. 0, or -1 on
 * no memory. */
int report_timeline(const struct scan *sc, struct report_day **days, size_t *n);

/* "login+sent" for a set of origins (bits of enum origin), joined by sep. */
void report_origins_label(unsigned origins, const char *sep, char *buf, size_t sz);

/* Rejects that suggest corrupt or hostile data, over every run; unlike
 * report_totals it does not walk the set. */
uint64_t report_anomalies(const struct scan *sc);

/* Unique addresses per domain, into an empty domain set (rank it with
 * domain_set_ranked). 0, or -1 on no memory. */
int report_domain_counts(const struct scan *sc, struct domain_set *all);

/* The text summary. Returns 0, or -1 on a write error. */
int report_text(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given);

/* The summary as one JSON object (schema "exposure-summary/1", documented
 * in docs/reference.md). 0, or -1 on a write error or no memory. */
int report_json(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given);

/* The summary as a self-contained HTML page: no script, no network; charts
 * as inline SVG. 0, or -1 on a write error or no memory. */
int report_html(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given);

/* The formats of --summary FILE, as a table (output/summary_formats.c):
 * one file a format, chosen by the file's extension. */
struct summary_format {
	const char *name;
	const char *extensions;  /* space-separated, dot included: ".html .htm"; "" for none */
	const char *description; /* one line, for the help and docs */
	/* The whole summary. 0, or -1 on a write error or no memory. */
	int (*write)(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given);
};

/* The format whose extension path ends with; the text format (the
 * default) when none does or path is NULL. */
const struct summary_format *summary_format_for_path(const char *path);
/* The i-th format of the table; NULL past the end. */
const struct summary_format *summary_format_at(size_t i);

/* "FILE.json gives JSON, FILE.html or FILE.htm a self-contained page, else
 * text", for the help. 0, or -1 when buf is too small. */
int summary_formats_text(char *buf, size_t sz);

#endif
