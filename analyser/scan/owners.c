/* An open-addressing set (linear probing, at most half full) of the owners
 * a source added; it grows by moving slots, never the owners' text. */
#include "owners.h"

#include <stdlib.h>
#include <string.h>

#define OWNER_SET_FIRST 1024

void owner_set_init(struct owner_set *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->text);
}

void owner_set_free(struct owner_set *s)
{
	free(s->slots);
	arena_release(&s->text);
	memset(s, 0, sizeof(*s));
}

static const char *slot_owner(const struct owner_set_slot *slot)
{
	return slot->far ? slot->owner.far : slot->owner.text;
}

static struct owner_set_slot *find_slot(struct owner_set_slot *slots, size_t cap, const char *owner, size_t len,
					uint32_t hash)
{
	for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct owner_set_slot *slot = &slots[i];
		if (slot->len == 0 ||
		    (slot->hash == hash && slot->len == len && memcmp(slot_owner(slot), owner, len) == 0))
			return slot;
	}
}

/* Room for one more owner; -1 when there is no memory for it. */
static int make_room(struct owner_set *s)
{
	if (s->n + 1 <= s->cap / 2)
		return 0;
	size_t cap = s->cap ? s->cap * 2 : OWNER_SET_FIRST;
	/* aligned: a slot never straddles two cache lines */
	struct owner_set_slot *slots = aligned_alloc(64, cap * sizeof(*slots));
	if (!slots)
		return -1;
	memset(slots, 0, cap * sizeof(*slots));
	for (size_t i = 0; i < s->cap; i++) {
		const struct owner_set_slot *old = &s->slots[i];
		if (old->len)
			*find_slot(slots, cap, slot_owner(old), old->len, old->hash) = *old;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

/* Fill an empty slot; -1 when there is no memory for a long owner's text. */
static int fill_slot(struct owner_set *s, struct owner_set_slot *slot, const char *owner, size_t len,
		     uint32_t hash, unsigned bits)
{
	struct owner_set_slot new_slot = { .hash = hash, .len = (uint8_t)len, .bits = (uint8_t)bits };
	if (len <= OWNER_INLINE) {
		memcpy(new_slot.owner.text, owner, len);
	} else {
		if (!(new_slot.owner.far = arena_strndup(&s->text, owner, len)))
			return -1;
		new_slot.far = 1;
	}
	*slot = new_slot;
	s->n++;
	return 0;
}

void owner_set_prefetch(const struct owner_set *s, uint32_t hash)
{
	if (s->cap)
		__builtin_prefetch(&s->slots[hash & (s->cap - 1)]);
}

/* The slot of a short owner, its text zero-padded as the slots hold it:
 * one fixed-size compare a slot, no call. */
static struct owner_set_slot *find_short(struct owner_set_slot *slots, size_t cap, const char key[OWNER_INLINE],
					 size_t len, uint32_t hash)
{
	for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct owner_set_slot *slot = &slots[i];
		if (slot->len == 0 ||
		    (slot->hash == hash && slot->len == len && memcmp(slot->owner.text, key, OWNER_INLINE) == 0))
			return slot;
	}
}

int owner_set_seen(struct owner_set *s, const char *owner, size_t len, uint32_t hash, unsigned bits)
{
	if (len == 0 || len > UINT8_MAX || bits > UINT8_MAX || make_room(s) != 0)
		return 0;
	struct owner_set_slot *slot;
	if (len <= OWNER_INLINE) {
		char key[OWNER_INLINE] = { 0 };
		memcpy(key, owner, len);
		slot = find_short(s->slots, s->cap, key, len, hash);
	} else {
		slot = find_slot(s->slots, s->cap, owner, len, hash);
	}
	if (slot->len == 0) {
		fill_slot(s, slot, owner, len, hash, bits);
		return 0;
	}
	if ((slot->bits | bits) == slot->bits)
		return 1;
	slot->bits = (uint8_t)(slot->bits | bits);
	return 0;
}
