/* The rejects file: a header, then one CSV row per reject (source, table,
 * key, column, reason, value cut to REJECTS_VALUE_MAX bytes, value_bytes). */
#ifndef EXPOSURE_REJECTS_H
#define EXPOSURE_REJECTS_H

#include <stdio.h>

#include "scan.h"

#define REJECTS_VALUE_MAX 512

/* 0, or -1 on a write error. */
int rejects_csv_header(FILE *f);
/* One row; fits scan_reject_fn with the FILE * as ctx. 0, or -1 on a write error. */
int rejects_csv_row(void *f, const struct scan_reject *r);
/* The same row with the value masked (--mask). */
int rejects_csv_row_masked(void *f, const struct scan_reject *r);

#endif
