/* Text into CSV cells, byte by byte: what the affected list, the rejects
 * file and compare's skipped file share. */
#ifndef EXPOSURE_ESCAPE_H
#define EXPOSURE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Write bytes as a CSV field (quoted when needed; bytes that are not
 * printable UTF-8 as \xNN, so a reject with a NUL or a broken byte stays
 * one readable line). 0, or -1 on a write error. */
int csv_field(FILE *f, const char *s, size_t len);

#endif
