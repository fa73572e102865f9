/* exposure probe: what a source holds, before a scan. */
#ifndef EXPOSURE_PROBE_H
#define EXPOSURE_PROBE_H

#include <stddef.h>
#include <stdio.h>

#include "connector.h"
#include "profile.h"

/* Connect to the source given as [NAME=]URI, print its tables with row
 * counts, which extractor of the profile (forced, or detected) reads each,
 * and the profile. 0, or with a message in err: -2 when the source is
 * malformed, -1 when reading it failed. */
int probe_source(const char *arg, const struct profile *forced, const struct conn_options *opts, FILE *out,
		 char *err, size_t errsz);

#endif
