/* exposure compare: how much of the spam the exposure explains. The
 * command line is analyser/cli/cmd_compare.c; this is the work. */
#ifndef EXPOSURE_COMPARE_H
#define EXPOSURE_COMPARE_H

#include <stddef.h>

#include "compare_report.h"

#define COMPARE_ERR_MAX 1024

/* What the command line asked. */
struct compare_options {
	const char *exposed[COMPARE_MAX_SETS]; /* NAME=FILE */
	size_t n_exposed;
	const char *population;
	const char *unexplained;
	const char *skipped;
	const char *output;
	const char *report; /* the report format's name: "text", "json" */
	int force;
	char **hits;        /* the EXPOSED list first, unless --exposed named the sets */
	size_t n_hits;
};

enum compare_outcome {
	COMPARE_DONE,
	COMPARE_USAGE,     /* the sets or outputs as given do not fit: a usage error */
	COMPARE_BAD_INPUT, /* an input is not what it must be (empty, not a list, mixed forms) */
	COMPARE_FAILED,    /* an input could not be read, or an output written */
};

/* Read the exposed sets, the population and the hits, write the report and
 * the files asked for (all or nothing). COMPARE_DONE, or why not with a
 * message in err. */
enum compare_outcome compare_run(const struct compare_options *opts, char *err, size_t errsz);

#endif
