/* The set of unique addresses with their origin tags. Keyed by the
 * normalised address (uthash); strings and entries live in an arena, so
 * memory grows with unique addresses (and distinct address-owner pairs),
 * never with rows. */
#ifndef EXPOSURE_ADDRSET_H
#define EXPOSURE_ADDRSET_H

#include <stddef.h>
#include <stdint.h>
#include <uthash.h>

#include "arena.h"
#include "domains.h"

#define ADDRSET_MAX_SOURCES 64
#define TIME_NONE INT64_MIN

/* Marks an entry seen in a column whose domains are internal by default. */
#define ADDR_FLAG_INTERNAL_HINT 0x80u
/* Marks an account with a login time inside the window (any login time
 * when no window was given): the customers-login segment. */
#define ADDR_FLAG_LOGGED_IN 0x40u

/* Only addrset.c hashes these tables (with addrset_hash); elsewhere they are
 * walked (hh.next), never searched with uthash's own macros. */
struct addr_entry {
	UT_hash_handle hh;
	uint64_t sources;   /* bit i: source i */
	int64_t first_seen; /* TIME_NONE when no row carried a time */
	int64_t last_seen;
	uint32_t id;
	uint32_t accounts;  /* distinct owners whose data held it */
	uint32_t owner;     /* its one owner while accounts is 1; the pair set
			     * holds them all once there are more */
	uint8_t origins;    /* bit o: enum origin o, plus ADDR_FLAG_INTERNAL_HINT, ADDR_FLAG_LOGGED_IN */
	char addr[];        /* the key, NUL-terminated, in the same allocation */
};

/* Owner accounts, interned: open addressing over (hash, id, name) slots,
 * since an owner is looked up whenever it changes from one row to the next,
 * and a uthash entry per owner would cost twice the memory and one more
 * cache miss a lookup. */
struct owner_slot {
	uint32_t hash;
	uint32_t id; /* OWNER_NONE marks an empty slot */
	const char *name; /* in the arena, after its 32-bit length; may hold a NUL */
};

struct owner_table {
	struct owner_slot *slots;
	size_t capacity; /* a power of two, or 0 */
};

/* (address id, owner id) pairs of the addresses held by more than one
 * owner: open addressing over 64-bit keys, 8 bytes a pair, since a uthash
 * entry per pair would cost ten times that. */
struct pair_set {
	uint64_t *slots;
	size_t capacity; /* a power of two, or 0 */
	size_t count;
};

struct addrset {
	struct addr_entry *by_addr;
	struct owner_table owners;
	struct pair_set pairs;
	struct arena arena;
	uint32_t n_addrs;
	uint32_t n_owners;
	int sealed; /* the pair set is gone: no owner can be counted any more */
};

#define OWNER_NONE UINT32_MAX

void addrset_init(struct addrset *s);
void addrset_release(struct addrset *s);

/* The id of an owner account (interned, copied); OWNER_NONE on no memory. */
uint32_t addrset_owner(struct addrset *s, const char *name, size_t len);

/* The owners' names, in no order: the next from *pos (start at 0), NULL at
 * the end. */
const char *addrset_owner_next(const struct addrset *s, size_t *pos);

/* Add one sighting. origin_bits: 1u << origin, optionally with
 * ADDR_FLAG_INTERNAL_HINT; owner may be OWNER_NONE; time may be TIME_NONE.
 * Returns the entry, or NULL when out of memory. */
struct addr_entry *addrset_add(struct addrset *s, const char *addr, unsigned origin_bits,
			       unsigned source, uint32_t owner, int64_t time);

struct addr_entry *addrset_find(const struct addrset *s, const char *addr);

/* Every sighting is in: free what only counting needed (the pair set).
 * Adding a sighting with an owner fails after this. */
void addrset_seal(struct addrset *s);

/* The hash of a key, as the set's tables use it; computed by the threads
 * that parse, so that the one holding the set's lock need not. */
uint32_t addrset_hash(const char *key, size_t len);

/* One sighting for addrset_add_many. */
struct addrset_sighting {
	const char *addr;   /* NUL-terminated normalised address */
	uint32_t addr_len;
	uint32_t addr_hash; /* addrset_hash(addr, addr_len) */
	const char *owner;  /* NULL: no owner */
	uint32_t owner_len;
	uint32_t owner_hash;
	int64_t time;
	uint8_t origin_bits;
};

/* Add n sightings of one source, as addrset_add would one by one, with the
 * memory loads of the hash tables overlapped. 0, or -1 on no memory. */
int addrset_add_many(struct addrset *s, const struct addrset_sighting *v, size_t n, unsigned source);

/* All entries sorted by address (bytewise) into *sorted (NULL for an empty
 * set), *n of them; the caller frees the array. 0, or -1 on no memory. */
int addrset_sorted(const struct addrset *s, struct addr_entry ***sorted, size_t *n);

/* The domains of every address seen in a column that defines internal
 * domains (the logins), and of every owner account that is an address:
 * the internal domains when none were given. -1 on no memory. */
int domain_set_from_logins(struct domain_set *d, const struct addrset *s);

#endif
