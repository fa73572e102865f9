#include "progress.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scan_private.h"

#define LINE_MAX_SOURCES 4 /* more sources: the rest are summed as "+N more" */

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void draw(struct progress *p, const struct timespec *t0, int last)
{
	struct scan *sc = p->sc;
	double secs = seconds_since(t0);
	uint64_t rest = 0;
	fputs(p->tty ? "\r\033[Kexposure:" : "exposure:", stderr);
	for (size_t i = 0; i < sc->n_sources; i++) {
		uint64_t rows = atomic_load_explicit(&sc->sources[i].rows_so_far, memory_order_relaxed);
		if (i >= LINE_MAX_SOURCES) {
			rest += rows;
			continue;
		}
		fprintf(stderr, " %s %" PRIu64 " rows", sc->sources[i].name, rows);
		if (atomic_load(&sc->sources[i].finished))
			fputs(" (done)", stderr);
		else if (secs > 0.5)
			fprintf(stderr, " (%.0f/s)", (double)rows / secs);
		fputs(i + 1 < sc->n_sources ? "," : "", stderr);
	}
	if (sc->n_sources > LINE_MAX_SOURCES)
		fprintf(stderr, " +%zu more %" PRIu64 " rows,", sc->n_sources - LINE_MAX_SOURCES, rest);
	uint32_t addrs = sc->priv ? atomic_load_explicit(&sc->priv->merger.unique, memory_order_relaxed) : 0;
	fprintf(stderr, " | %" PRIu32 " addresses | %.0f s%s", addrs, secs, last || !p->tty ? "\n" : "");
	fflush(stderr);
}

static void *progress_loop(void *arg)
{
	struct progress *p = arg;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&p->wake, &p->lock, &until);
		if (!p->stop)
			draw(p, &t0, 0);
	}
	pthread_mutex_unlock(&p->lock);
	draw(p, &t0, 1);
	return NULL;
}

int progress_start(struct progress *p, struct scan *sc)
{
	memset(p, 0, sizeof(*p));
	p->sc = sc;
	p->tty = isatty(STDERR_FILENO);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	if (pthread_create(&p->thread, NULL, progress_loop, p) != 0)
		return -1;
	p->running = 1;
	return 0;
}

void progress_stop(struct progress *p)
{
	if (p->running) {
		pthread_mutex_lock(&p->lock);
		p->stop = 1;
		pthread_cond_signal(&p->wake);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
	}
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	p->running = 0;
}
