/* Small helpers shared by the suites. */
#ifndef EXPOSURE_TESTS_HELPERS_H
#define EXPOSURE_TESTS_HELPERS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The whole file as a NUL-terminated string (caller frees); aborts the test if unreadable. */
char *slurp(const char *path, size_t *len);
/* A path from the environment (set by the Makefile), or the test fails. */
const char *env_path(const char *name);
/* "<EXPOSURE_FIXTURES>/<rel>" in a static buffer. */
const char *fixture_path(const char *rel);

/* An in-memory FILE; memout_text() closes it and returns its text (caller frees). */
struct memout {
	FILE *f;
	char *buf;
	size_t len;
};
void memout_open(struct memout *m);
char *memout_text(struct memout *m);

/* The @Mail fixture's runs, as every suite that checks them expects them
 * (derived by hand from fixtures/atmail.sql). */
struct expected_run {
	const char *extractor, *table;
	unsigned rows, fields, nulls, accepted, rejected;
};
extern const struct expected_run atmail_expected_runs[];
extern const size_t atmail_expected_runs_n;

/* A fresh directory under /tmp for one test; remove_workdir empties and removes it. */
void make_workdir(void);
void remove_workdir(void);
/* "<workdir>/<name>" (four rotating buffers). */
const char *in_workdir(const char *name);
/* The visible names in the work dir, sorted, space-joined (caller frees). */
char *workdir_listing(void);
void assert_listing(const char *want);

/* The exposure binary ($EXPOSURE_BIN) run with args (NULL-terminated),
 * standard output and error captured. */
struct run {
	int status;    /* exit code, or 128 + signal */
	char *out;
	char *err;
	long max_rss_kb; /* peak resident memory of the run */
};
struct run run_exposure(const char *const *args);
/* The same, in two steps, to act on the server while it runs. */
pid_t start_exposure(const char *const *args);
struct run finish_exposure(pid_t pid);
void run_free(struct run *r);

#endif
