/* Sightings gathered by a source's thread a few thousand at a time and
 * handed to one merger thread, the only one that writes the set. Each source
 * fills one batch while the merger adds others: parsing, the set's work
 * and the database's own run at once, and no lock is held while merging. */
#ifndef EXPOSURE_BATCH_H
#define EXPOSURE_BATCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "addrset.h"

#define BATCH_ITEMS 4096

/* The sightings point into the batch's text, which never moves while it
 * holds any: a batch whose text is full is handed over like a full one. */
struct batch {
	unsigned source;
	char *text;
	size_t text_len, text_cap;
	struct addrset_sighting items[BATCH_ITEMS];
	size_t n;
	const char *owner_copy; /* the feed's owner copied into text, or NULL */
	int queued;        /* with the merger; guarded by its lock */
	int failed;        /* the merger ran out of memory on it */
	struct batch *next;
};

/* The merger: one thread that adds queued batches to the set in order. */
struct merger {
	struct addrset *set;
	pthread_mutex_t lock;
	pthread_cond_t queued; /* a batch was queued, or stop was asked */
	pthread_cond_t merged; /* a batch is free again */
	struct batch *head, *tail;
	int stop;
	int running;
	pthread_t thread;
	_Atomic uint32_t unique; /* addresses in the set, for the progress line */
};

/* 0, or -1 when the thread cannot start. */
int merger_start(struct merger *m, struct addrset *set);
/* Merge what is queued, then end the thread. */
void merger_stop(struct merger *m);

/* Batches per source: one being filled, the others queued or merged, so a
 * source runs ahead while the merger is briefly off the CPU. */
#define FEED_BATCHES 4

/* One source's stream of sightings: its batches and the current owner. */
struct feed {
	struct merger *merger;
	struct batch *ring[FEED_BATCHES]; /* ring[fill] is being filled */
	unsigned fill;
	int owned;   /* the rows being read have an owner: owner[0..owner_len) */
	char *owner;
	size_t owner_len, owner_cap;
	uint32_t owner_hash;
};

/* 0, or -1 on no memory. */
int feed_init(struct feed *f, unsigned source, struct merger *m);
/* Waits for every batch to be merged first. */
void feed_release(struct feed *f);

/* The owner of the sightings that follow (NULL: none). -1 on no memory. */
int feed_set_owner(struct feed *f, const char *owner, size_t len);
/* As feed_set_owner, and says whether a run of rows of a new owner starts:
 * 1 when the owner is not that of the sightings before, 0 when it is (or
 * none is set), -1 on no memory. f->owner_hash is the owner's hash after. */
int feed_start_owner(struct feed *f, const char *owner, size_t len);

/* Add a sighting of addr[0..len); a full batch goes to the merger.
 * -1 on no memory, here or in the merger. */
int feed_add(struct feed *f, const char *addr, size_t len, unsigned origin_bits, int64_t time);

/* Hand over what is gathered and wait until all of it is in the set.
 * -1 when some of it could not be added (no memory). */
int feed_flush(struct feed *f);

#endif
