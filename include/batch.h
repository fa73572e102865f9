/* Sightings gathered by one source's thread and flushed into the shared set
 * a few thousand at a time, so that parsing runs in parallel and the set's
 * lock is taken once per batch, not once per address. */
#ifndef EXPOSURE_BATCH_H
#define EXPOSURE_BATCH_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "addrset.h"

#define BATCH_ITEMS 4096
#define BATCH_NO_OWNER UINT32_MAX

struct batch_item {
	uint32_t addr;  /* offset of the address in text */
	uint32_t owner; /* offset of the owner in text, or BATCH_NO_OWNER */
	uint32_t owner_len; /* an owner may hold a NUL: never strlen() it */
	int64_t time;
	uint8_t origin_bits;
};

struct batch {
	unsigned source;
	char *text;
	size_t text_len, text_cap;
	struct batch_item items[BATCH_ITEMS];
	size_t n;
	char *owner;         /* the owner of the rows being read, or NULL */
	size_t owner_len, owner_cap;
	uint32_t owner_at;   /* its offset in text, or BATCH_NO_OWNER when not copied yet */
};

/* 0, or -1 on no memory. */
int batch_init(struct batch *b, unsigned source);
void batch_release(struct batch *b);

/* The owner of the sightings that follow (NULL: none). -1 on no memory. */
int batch_set_owner(struct batch *b, const char *owner, size_t len);

/* Add a sighting; flushes into the set when the batch is full. -1 on no memory. */
int batch_add(struct batch *b, const char *addr, unsigned origin_bits, int64_t time,
	      struct addrset *set, pthread_mutex_t *lock);

/* Move every sighting into the set under the lock. -1 on no memory. */
int batch_flush(struct batch *b, struct addrset *set, pthread_mutex_t *lock);

#endif
