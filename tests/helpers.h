/* Small helpers shared by the suites. */
#ifndef EXPOSURE_TESTS_HELPERS_H
#define EXPOSURE_TESTS_HELPERS_H

#include <stddef.h>
#include <stdio.h>

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

#endif
