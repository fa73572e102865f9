/* The owners a source has added as login addresses, with the flags each was
 * added with: the same accounts own rows in every table (Users, UserSession,
 * Abook_*, Log_SendMail), and rows of one owner seldom come together (an
 * address book in id order, a sent log in time order change owner at almost
 * every row), so the scan asks here before it parses an owner again. */
#ifndef EXPOSURE_SCAN_OWNERS_H
#define EXPOSURE_SCAN_OWNERS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define OWNER_INLINE 24

/* 32 bytes: a lookup that finds its owner touches one cache line when the
 * owner is short enough to be held in the slot (most accounts are). */
struct owner_set_slot {
	uint32_t hash;
	uint8_t len;  /* 0: an empty slot */
	uint8_t bits; /* ORIGIN_LOGIN and the ADDR_FLAG_ flags it was added with */
	uint8_t far;  /* the owner is in the arena (longer than OWNER_INLINE) */
	union {
		char text[OWNER_INLINE];
		const char *far;
	} owner;
};

struct owner_set {
	struct owner_set_slot *slots;
	size_t cap, n; /* cap a power of two, n at most half of it */
	struct arena text;
};

void owner_set_init(struct owner_set *s);
void owner_set_free(struct owner_set *s);

/* 1 when the owner (hashed with addrset_hash) was noted before with at
 * least these flags (an 8-bit set); else 0, and it is noted now with them
 * added. Without memory to note it, or for an owner over 255 bytes: 0, so
 * the caller adds the owner again (harmless: the address set dedupes). */
/* Ask for the slot of an owner to be loaded into the cache ahead of the
 * owner_set_seen that will want it. */
void owner_set_prefetch(const struct owner_set *s, uint32_t hash);

int owner_set_seen(struct owner_set *s, const char *owner, size_t len, uint32_t hash, unsigned bits);

#endif
