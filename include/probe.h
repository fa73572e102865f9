/* exposure probe: what a source holds, before a scan. */
#ifndef EXPOSURE_PROBE_H
#define EXPOSURE_PROBE_H

#include <stddef.h>
#include <stdio.h>

#include "connector.h"
#include "profile.h"
#include "scan.h"

/* Connect to a source (added with scan_add_source), print its tables with
 * row counts, which extractor of the profile (forced, or detected) reads
 * each (see extractor_reads_table), and the profile. 0, or -1 with a
 * message in err when reading it failed. */
int probe_source(const struct scan_source *src, const struct profile *forced, const struct conn_options *opts,
		 FILE *out, char *err, size_t errsz);

#endif
