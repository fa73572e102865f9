/* The affected list of a scan: its entries, sorted by address, through a
 * list format (list_format.h), with the names of the scan's sources. The
 * one part of the output that sees struct scan. */
#ifndef EXPOSURE_WRITER_H
#define EXPOSURE_WRITER_H

#include <stddef.h>
#include <stdio.h>

#include "domains.h"
#include "list_format.h"
#include "scan.h"

/* Write the whole affected list of a scan. 0, or -1 (errno set; ENOMEM on
 * no memory). */
int writer_write_scan(const struct list_format *lf, FILE *f, const struct scan *sc,
		      const struct domain_set *internal);

/* The same for the entries `keep` accepts (NULL: all), masked when asked;
 * *written (may be NULL) gets how many were written. */
int writer_write_scan_filtered(const struct list_format *lf, FILE *f, const struct scan *sc,
			       const struct domain_set *internal, int mask, entry_filter_fn keep, size_t *written);

#endif
