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
	b->owner_at = BATCH_NO_OWNER;
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
	b->owner_at = BATCH_NO_OWNER; /* the owner is copied again on the next add */
}

/* Append s (NUL-terminated in text); its offset, or BATCH_NO_OWNER on no memory. */
static uint32_t batch_text(struct batch *b, const char *s, size_t len)
{
	if (b->text_len + len + 1 > b->text_cap) {
		size_t cap = (b->text_len + len + 1) * 2;
		char *t = realloc(b->text, cap);
		if (!t)
			return BATCH_NO_OWNER;
		b->text = t;
		b->text_cap = cap;
	}
	uint32_t at = (uint32_t)b->text_len;
	memcpy(b->text + at, s, len);
	b->text[at + len] = '\0';
	b->text_len += len + 1;
	return at;
}

/* The items as the set takes them: the text no longer moves. */
static void batch_sightings(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct batch_item *it = &b->items[i];
		int owned = it->owner != BATCH_NO_OWNER;
		b->sightings[i] = (struct addrset_sighting){ b->text + it->addr, it->addr_len, it->addr_hash,
							     owned ? b->text + it->owner : NULL, it->owner_len,
							     it->owner_hash, it->time, it->origin_bits };
	}
}

static void batch_merge(struct merger *m, struct batch *b)
{
	batch_sightings(b);
	if (addrset_add_many(m->set, b->sightings, b->n, b->source) != 0)
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
	struct batch *b = f->ring[f->fill];
	if (!owner) {
		free(f->owner);
		f->owner = NULL;
		f->owner_len = f->owner_cap = 0;
		b->owner_at = BATCH_NO_OWNER;
		return 0;
	}
	if (f->owner && f->owner_len == len && memcmp(f->owner, owner, len) == 0)
		return 0; /* same owner as the last row: keep its copy in the batch */
	b->owner_at = BATCH_NO_OWNER;
	if (len + 1 > f->owner_cap) {
		char *o = realloc(f->owner, len + 1);
		if (!o)
			return -1;
		f->owner = o;
		f->owner_cap = len + 1;
	}
	memcpy(f->owner, owner, len);
	f->owner[len] = '\0';
	f->owner_len = len;
	f->owner_hash = addrset_hash(owner, len);
	return 0;
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

int feed_add(struct feed *f, const char *addr, size_t len, unsigned origin_bits, int64_t time)
{
	if (f->ring[f->fill]->n == BATCH_ITEMS && feed_swap(f) != 0)
		return -1;
	struct batch *b = f->ring[f->fill];
	if (f->owner && b->owner_at == BATCH_NO_OWNER &&
	    (b->owner_at = batch_text(b, f->owner, f->owner_len)) == BATCH_NO_OWNER)
		return -1;
	uint32_t at = batch_text(b, addr, len);
	if (at == BATCH_NO_OWNER)
		return -1;
	b->items[b->n++] = (struct batch_item){ at, (uint32_t)len, addrset_hash(addr, len),
						f->owner ? b->owner_at : BATCH_NO_OWNER,
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
