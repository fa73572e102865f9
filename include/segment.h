/* Notification lists by segment: customers who logged in (change your
 * password), other internal addresses, third parties; with a manifest. */
#ifndef EXPOSURE_SEGMENT_H
#define EXPOSURE_SEGMENT_H

#include <stddef.h>

#include "domains.h"
#include "scan.h"

#define SEGMENT_FILES 5 /* three lists, manifest.json, SHA256SUMS */

/* The path of the i-th file a segment directory holds (i < SEGMENT_FILES). */
void segments_file_path(const char *dir, const char *format, int i, char *buf, size_t sz);

/* The files a segment directory will hold, for the check before a scan:
 * 0, or -1 with a message when one exists and force is off. */
int segments_precheck(const char *dir, const char *format, int force, char *err, size_t errsz);

/* Write DIR/<segment>.<ext> for each segment in the format, then
 * DIR/manifest.json (counts and sha256 of each file) and DIR/SHA256SUMS
 * (for sha256sum -c). Creates DIR (0700) when missing. 0, or -1 with a
 * message. */
int segments_write(const char *dir, const char *format, const struct scan *sc, const struct domain_set *internal,
		   int mask, int force, char *err, size_t errsz);

#endif
