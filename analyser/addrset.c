#include "addrset.h"

#include <stdlib.h>
#include <string.h>

void addrset_init(struct addrset *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
}

void addrset_release(struct addrset *s)
{
	HASH_CLEAR(hh, s->by_addr);
	HASH_CLEAR(hh, s->by_owner);
	free(s->pairs.slots);
	arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

uint32_t addrset_owner(struct addrset *s, const char *name, size_t len)
{
	struct owner_entry *o;
	HASH_FIND(hh, s->by_owner, name, len, o);
	if (o)
		return o->id;
	o = arena_alloc(&s->arena, sizeof(*o));
	if (!o || !(o->name = arena_strndup(&s->arena, name, len)))
		return OWNER_NONE;
	o->id = s->n_owners++;
	HASH_ADD_KEYPTR(hh, s->by_owner, o->name, len, o);
	return o->id;
}

/* A 64-bit mix (splitmix64 finaliser) so that sequential ids spread out. */
static uint64_t pair_hash(uint64_t k)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9ULL;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebULL;
	return k ^ (k >> 31);
}

/* Keys are stored +1 so that 0 marks an empty slot. */
static int pair_slot_insert(uint64_t *slots, size_t capacity, uint64_t key)
{
	size_t mask = capacity - 1;
	for (size_t i = pair_hash(key) & mask;; i = (i + 1) & mask) {
		if (slots[i] == key + 1)
			return 0;
		if (slots[i] == 0) {
			slots[i] = key + 1;
			return 1;
		}
	}
}

static int pair_set_grow(struct pair_set *p)
{
	size_t capacity = p->capacity ? p->capacity * 2 : 1024;
	uint64_t *slots = calloc(capacity, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < p->capacity; i++)
		if (p->slots[i])
			pair_slot_insert(slots, capacity, p->slots[i] - 1);
	free(p->slots);
	p->slots = slots;
	p->capacity = capacity;
	return 0;
}

/* 1 when the pair is new, 0 when seen before, -1 on no memory. */
static int pair_set_add(struct pair_set *p, uint32_t addr_id, uint32_t owner_id)
{
	if ((p->count + 1) * 4 > p->capacity * 3 && pair_set_grow(p) != 0)
		return -1;
	int added = pair_slot_insert(p->slots, p->capacity, ((uint64_t)addr_id << 32) | owner_id);
	p->count += (size_t)added;
	return added;
}

struct addr_entry *addrset_find(const struct addrset *s, const char *addr)
{
	struct addr_entry *e;
	HASH_FIND_STR(s->by_addr, addr, e);
	return e;
}

static struct addr_entry *addrset_insert(struct addrset *s, const char *addr)
{
	size_t len = strlen(addr);
	struct addr_entry *e = arena_alloc(&s->arena, sizeof(*e));
	if (!e || !(e->addr = arena_strndup(&s->arena, addr, len)))
		return NULL;
	e->id = s->n_addrs++;
	e->first_seen = TIME_NONE;
	e->last_seen = TIME_NONE;
	HASH_ADD_KEYPTR(hh, s->by_addr, e->addr, len, e);
	return e;
}

struct addr_entry *addrset_add(struct addrset *s, const char *addr, unsigned origin_bits,
			       unsigned source, uint32_t owner, int64_t time)
{
	struct addr_entry *e = addrset_find(s, addr);
	if (!e && !(e = addrset_insert(s, addr)))
		return NULL;
	e->origins |= (uint8_t)origin_bits;
	if (source < ADDRSET_MAX_SOURCES)
		e->sources |= UINT64_C(1) << source;
	if (owner != OWNER_NONE) {
		int added = pair_set_add(&s->pairs, e->id, owner);
		if (added < 0)
			return NULL;
		e->accounts += (uint32_t)added;
	}
	if (time != TIME_NONE) {
		if (e->first_seen == TIME_NONE || time < e->first_seen)
			e->first_seen = time;
		if (e->last_seen == TIME_NONE || time > e->last_seen)
			e->last_seen = time;
	}
	return e;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct addr_entry *const *x = a, *const *y = b;
	return strcmp((*x)->addr, (*y)->addr);
}

struct addr_entry **addrset_sorted(const struct addrset *s, size_t *n)
{
	*n = 0;
	if (s->n_addrs == 0)
		return NULL;
	struct addr_entry **v = malloc(s->n_addrs * sizeof(*v));
	if (!v) {
		*n = SIZE_MAX;
		return NULL;
	}
	size_t i = 0;
	for (struct addr_entry *e = s->by_addr; e; e = e->hh.next)
		v[i++] = e;
	qsort(v, i, sizeof(*v), entry_cmp);
	*n = i;
	return v;
}
