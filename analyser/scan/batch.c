#include "batch.h"

#include <stdlib.h>
#include <string.h>

#define BATCH_TEXT (BATCH_ITEMS * 48)

/* ---- one batch ---- */

static struct batch *batch_new(unsigned source)
{
	struct batch *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->source = source;
	b->text_cap = BATCH_TEXT;
	if (!(b->text = malloc(b->text_cap))) {
		free(b);
		return NULL;
	}
	return b;
}

static void batch_free(struct batch *b)
{
	if (b)
		free(b->text);
	free(b);
}

static void batch_reset(struct batch *b)
{
	b->n = 0;
	b->text_len = 0;
	b->owner_copy = NULL; /* the owner is copied again on the next add */
}

/* Room for `need` more bytes of text: 0, 1 when the batch is full (its
 * sightings point into the text, which must not move), -1 on no memory.
 * Only an empty batch grows, for a value longer than its whole text. */
static int batch_reserve(struct batch *b, size_t need)
{
	if (b->text_len + need <= b->text_cap)
		return 0;
	if (b->n > 0)
		return 1;
	char *t = realloc(b->text, need);
	if (!t)
		return -1;
	b->text = t;
	b->text_cap = need;
	return 0;
}

/* A NUL-terminated copy of s in the text, which has room for it. */
static const char *batch_copy(struct batch *b, const char *s, size_t len)
{
	char *p = b->text + b->text_len;
	memcpy(p, s, len);
	p[len] = '\0';
	b->text_len += len + 1;
	return p;
}

static void batch_merge(struct merger *m, struct batch *b)
{
	if (addrset_add_many(m->set, b->items, b->n, b->source) != 0)
		b->failed = 1;
	atomic_store_explicit(&m->unique, m->set->n_addrs, memory_order_relaxed);
}

/* ---- the merger ---- */

static void *merger_main(void *arg)
{
	struct merger *m = arg;
	pthread_mutex_lock(&m->lock);
	for (;;) {
		while (!m->head && !m->stop)
			pthread_cond_wait(&m->queued, &m->lock);
		struct batch *b = m->head;
		if (!b)
			break;
		if (!(m->head = b->next))
			m->tail = NULL;
		pthread_mutex_unlock(&m->lock);
		batch_merge(m, b);
		pthread_mutex_lock(&m->lock);
		b->queued = 0;
		pthread_cond_broadcast(&m->merged);
	}
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

int merger_start(struct merger *m, struct addrset *set)
{
	/* field by field, not memset: the progress thread may read unique already */
	m->set = set;
	m->head = m->tail = NULL;
	m->stop = 0;
	m->running = 0;
	atomic_store(&m->unique, 0);
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->queued, NULL);
	pthread_cond_init(&m->merged, NULL);
	if (pthread_create(&m->thread, NULL, merger_main, m) != 0)
		return -1; /* batches are then merged by the threads that fill them */
	m->running = 1;
	return 0;
}

void merger_stop(struct merger *m)
{
	if (m->running) {
		pthread_mutex_lock(&m->lock);
		m->stop = 1;
		pthread_cond_signal(&m->queued);
		pthread_mutex_unlock(&m->lock);
		pthread_join(m->thread, NULL);
		m->running = 0;
	}
	pthread_cond_destroy(&m->queued);
	pthread_cond_destroy(&m->merged);
	pthread_mutex_destroy(&m->lock);
}

static void merger_submit(struct merger *m, struct batch *b)
{
	pthread_mutex_lock(&m->lock);
	if (!m->running) {
		batch_merge(m, b); /* under the lock: other sources may merge too */
	} else {
		b->queued = 1;
		b->next = NULL;
		if (m->tail)
			m->tail->next = b;
		else
			m->head = b;
		m->tail = b;
		pthread_cond_signal(&m->queued);
	}
	pthread_mutex_unlock(&m->lock);
}

/* Wait until b is merged: 0, or -1 when the merger could not add all of it. */
static int merger_wait(struct merger *m, struct batch *b)
{
	pthread_mutex_lock(&m->lock);
	while (b->queued)
		pthread_cond_wait(&m->merged, &m->lock);
	pthread_mutex_unlock(&m->lock);
	return b->failed ? -1 : 0;
}

/* ---- a source's feed ---- */

int feed_init(struct feed *f, unsigned source, struct merger *m)
{
	memset(f, 0, sizeof(*f));
	f->merger = m;
	for (unsigned i = 0; i < FEED_BATCHES; i++)
		if (!(f->ring[i] = batch_new(source)))
			return -1;
	return 0;
}

void feed_release(struct feed *f)
{
	for (unsigned i = 0; i < FEED_BATCHES; i++)
		if (f->ring[i]) {
			merger_wait(f->merger, f->ring[i]);
			batch_free(f->ring[i]);
		}
	free(f->owner);
	memset(f, 0, sizeof(*f));
}

int feed_set_owner(struct feed *f, const char *owner, size_t len)
{
	return feed_start_owner(f, owner, len) < 0 ? -1 : 0;
}

int feed_start_owner(struct feed *f, const char *owner, size_t len)
{
	if (!owner) {
		f->owned = 0;
		return 0;
	}
	if (f->owner && f->owner_len == len && memcmp(f->owner, owner, len) == 0) {
		int again = f->owned;
		f->owned = 1; /* the last owner again: its copy in the batch still holds */
		return again ? 0 : 1;
	}
	f->ring[f->fill]->owner_copy = NULL;
	if (len + 1 > f->owner_cap) {
		char *o = realloc(f->owner, len + 1);
		if (!o)
			return -1;
		f->owner = o;
		f->owner_cap = len + 1;
	}
	memcpy(f->owner, owner, len);
	f->owner[len] = '\0';
	f->owned = 1;
	f->owner_len = len;
	f->owner_hash = addrset_hash(owner, len);
	return 1;
}

/* Hand the full batch over and take the next of the ring, once it is merged. */
static int feed_swap(struct feed *f)
{
	merger_submit(f->merger, f->ring[f->fill]);
	f->fill = (f->fill + 1) % FEED_BATCHES;
	struct batch *next = f->ring[f->fill];
	int rv = merger_wait(f->merger, next);
	batch_reset(next);
	return rv;
}

/* Text a sighting of len bytes needs in b: its own, and the owner's unless
 * b holds a copy already. */
static size_t feed_need(const struct feed *f, const struct batch *b, size_t len)
{
	return len + 1 + (f->owned && !b->owner_copy ? f->owner_len + 1 : 0);
}

int feed_add(struct feed *f, const char *addr, size_t len, unsigned origin_bits, int64_t time)
{
	struct batch *b = f->ring[f->fill];
	int full = b->n == BATCH_ITEMS ? 1 : batch_reserve(b, feed_need(f, b, len));
	if (full > 0) {
		if (feed_swap(f) != 0)
			return -1;
		b = f->ring[f->fill];
		full = batch_reserve(b, feed_need(f, b, len));
	}
	if (full != 0)
		return -1;
	if (f->owned && !b->owner_copy)
		b->owner_copy = batch_copy(b, f->owner, f->owner_len);
	b->items[b->n++] = (struct addrset_sighting){ batch_copy(b, addr, len), (uint32_t)len,
						      addrset_hash(addr, len),
						      f->owned ? b->owner_copy : NULL,
						      (uint32_t)f->owner_len, f->owner_hash, time,
						      (uint8_t)origin_bits };
	return 0;
}

int feed_flush(struct feed *f)
{
	int rv = 0;
	if (f->ring[f->fill]->n > 0)
		rv = feed_swap(f);
	for (unsigned i = 0; i < FEED_BATCHES; i++)
		if (merger_wait(f->merger, f->ring[i]) != 0)
			rv = -1;
	return rv;
}
