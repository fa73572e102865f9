/* The sets compare matches hits against: exposed sets (affected lists
 * written by `exposure scan`, CSV or JSON lines) and the population. Keys
 * are normalised addresses, or the hex digests of them when the hits come
 * as digests (the key space of the run). */
#ifndef EXPOSURE_COMPARE_SETS_H
#define EXPOSURE_COMPARE_SETS_H

#include <stddef.h>
#include <stdint.h>
#include <uthash.h>

#include "arena.h"
#include "hits.h"

/* "address", "sha256", "md5". */
const char *key_space_name(enum key_space sp);

/* A normalised address as a key of sp: itself, or its lower-case hex
 * digest. 0, or -1 when the digest failed. */
int key_of_address(enum key_space sp, const char *addr, char out[HITS_KEY_BUF]);

/* Most sources one affected list may name (as a scan has). */
#define EXPOSED_MAX_SOURCES 64

struct key_entry {
	const char *key;
	uint8_t origins;  /* bit o: enum origin o */
	uint64_t sources; /* bit i: the exposed set's source i */
	UT_hash_handle hh;
};

struct key_set {
	struct key_entry *by_key;
	size_t n;
	struct arena arena;
};

void key_set_init(struct key_set *s);
void key_set_release(struct key_set *s);
/* The entry of key, added when new (*added set to 1 then). NULL on no memory. */
struct key_entry *key_set_add(struct key_set *s, const char *key, int *added);
struct key_entry *key_set_find(const struct key_set *s, const char *key);

struct exposed_set {
	const char *name;
	const char *path;
	const char *format; /* "csv" or "jsonl", as detected */
	struct key_set keys;
	const char *source_names[EXPOSED_MAX_SOURCES]; /* in the arena of keys */
	size_t n_sources;
	uint64_t rows;      /* data rows read (a duplicate address merges into one key) */
};

void exposed_set_init(struct exposed_set *e, const char *name, const char *path);
void exposed_set_release(struct exposed_set *e);

/* Read the affected list at e->path into keys of sp. CSV: a header with
 * address, origins and sources columns (case-insensitive, any order); JSON
 * lines: objects with "address", "origins" and "sources". Blank lines carry
 * nothing and are passed over. Fatal, with the file and line but never the
 * text: an empty file, a missing column, a row that is no address, an
 * unknown origin, more than EXPOSED_MAX_SOURCES sources.
 * HITS_OK, HITS_BAD_INPUT, HITS_UNREADABLE or HITS_STOPPED (no memory). */
enum hits_status exposed_set_load(struct exposed_set *e, enum key_space sp, char *err, size_t errsz);

#endif
