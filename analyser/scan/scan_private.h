/* Private interface of the scan: only analyser/scan/ includes it. What the
 * writers and reports read of a scan (its sources, runs, counts and the
 * set) is public in include/scan.h; the threads that fill it are here. */
#ifndef EXPOSURE_SCAN_PRIVATE_H
#define EXPOSURE_SCAN_PRIVATE_H

#include <pthread.h>
#include <stddef.h>

#include "batch.h"
#include "scan.h"

struct scan_private {
	struct merger merger; /* the one thread that writes the set while sources are read */
	pthread_mutex_t lock; /* guards the reject callback and next_source */
	size_t next_source;   /* the next source a worker takes */
};

#endif
