/* A progress line on standard error while a scan runs: rows and rows per
 * second per source, unique addresses so far. */
#ifndef EXPOSURE_PROGRESS_H
#define EXPOSURE_PROGRESS_H

#include <pthread.h>

#include "scan.h"

struct progress {
	struct scan *sc;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	int running;
	int tty; /* redraw one line in place; else a new line each second (logs) */
};

/* Start the line (a thread that redraws it every second). 0, or -1. */
int progress_start(struct progress *p, struct scan *sc);
/* Draw it a last time, end it with a newline, join the thread. */
void progress_stop(struct progress *p);

#endif
