/* What `exposure compare` found, and its report formats (text, JSON). The report
 * holds counts only, never an address: those go to --unexplained and
 * --skipped alone.
 *
 * JSON keys (stable):
 *   key_space            "address", "sha256" or "md5": what hits were matched as
 *   hits_files[]         {file, form, lines, messages, hits, skipped}
 *   lines_read, messages_read, hits_read
 *   skipped              {total, blank, not-an-address, no-address, bad-csv,
 *                         missing-column, no-recipient}
 *   unique_hits
 *   explained, explained_share, unexplained, unexplained_share  (by any set;
 *                         shares of unique_hits, null when there is none)
 *   sets[]               {name, file, format, addresses, explained, share,
 *                         by_origin {login, addressbook, sent}, by_source {NAME: n},
 *                         and with a population: K, k, exposed_outside_population,
 *                         expected, p, log10_p (null when p is 0)}
 *   best_set             the name, or null (one set only, or a tie: tied_sets)
 *   tied_sets[]          the names tied for best
 *   per_day[]            {day "YYYY-MM-DD", explained, unexplained}: hits read
 *   no_date              {explained, unexplained, unreadable_dates}
 *   population           null, or {file, form, lines, skipped, N, n, hits_outside}
 */
#ifndef EXPOSURE_COMPARE_REPORT_H
#define EXPOSURE_COMPARE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "compare_sets.h"
#include "hits.h"
#include "profile.h"

#define COMPARE_MAX_SETS 32

struct compare_file {
	const char *path;
	const struct hits_reader *form;
	struct hits_counts counts;
};

struct compare_set_result {
	const struct exposed_set *set;
	uint64_t explained;                  /* unique hits whose key it holds */
	uint64_t by_origin[ORIGIN_COUNT];    /* a hit counts for each origin of its address */
	uint64_t by_source[EXPOSED_MAX_SOURCES];
	/* with a population */
	uint64_t K;                          /* its keys in the population */
	uint64_t k;                          /* unique hits in the population it explains */
	uint64_t outside;                    /* its keys not in the population */
	long double log_p;                   /* ln P(X >= k), X ~ Hypergeometric(N, K, n) */
};

struct compare_day {
	int64_t day;                         /* days since 1970-01-01, UTC */
	uint64_t explained, unexplained;     /* hits read that day */
};

struct compare_result {
	enum key_space space;
	const struct compare_file *files;
	size_t n_files;
	struct hits_counts totals;
	uint64_t unique, explained_any;
	struct compare_set_result sets[COMPARE_MAX_SETS];
	size_t n_sets;
	long best;                           /* a set index, or -1 */
	uint32_t tied;                       /* bit i: set i tied for best (no best then) */
	const struct compare_day *days;      /* sorted */
	size_t n_days;
	uint64_t no_date_explained, no_date_unexplained, unreadable_dates;
	/* the population: file NULL when none */
	struct compare_file population;
	uint64_t N, n, hits_outside;
};

/* A report format: one file each under analyser/compare/ (report_text.c,
 * report_json.c), one line in the table of report.c. */
struct compare_report_format {
	const char *name;        /* "text", "json" */
	const char *description; /* one line for the help */
	/* The whole report of r into f: 0, or -1 on a write error (errno set). */
	int (*write)(FILE *f, const struct compare_result *r);
};

extern const struct compare_report_format compare_report_text, compare_report_json;

/* The formats, the default first, NULL-terminated. */
extern const struct compare_report_format *const compare_report_formats[];

/* The format named name, or NULL. */
const struct compare_report_format *compare_report_find(const char *name);

#endif
