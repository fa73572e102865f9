/* The set's tables hash with addrset_hash, which the parsing threads also
 * call; uthash takes it through HASH_FUNCTION, defined before uthash.h. */
#include <stddef.h>
#include <stdint.h>
uint32_t addrset_hash(const char *key, size_t len);
#define HASH_FUNCTION(keyptr, keylen, hashv) ((hashv) = addrset_hash((const char *)(keyptr), (size_t)(keylen)))

#include "addrset.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* How many sightings ahead addrset_add_many asks for memory it will read. */
#define PREFETCH_AHEAD 16
/* Sightings resolved per round of addrset_add_many (its arrays live on the stack). */
#define MANY_CHUNK 256

void addrset_init(struct addrset *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
}

void addrset_release(struct addrset *s)
{
	HASH_CLEAR(hh, s->by_addr);
	free(s->owners.slots);
	free(s->pairs.slots);
	arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

static uint64_t mix64(uint64_t k)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9ULL;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebULL;
	return k ^ (k >> 31);
}

/* Eight bytes at a time, then one full mix: uthash uses the low bits. */
uint32_t addrset_hash(const char *key, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
	for (; len >= 8; key += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, key, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, key, len);
	h = mix64(h ^ w);
	return (uint32_t)(h ^ (h >> 32));
}

/* ---- owners ---- */

static size_t owner_home(uint32_t hash, size_t capacity)
{
	return (size_t)mix64(hash) & (capacity - 1);
}

static uint32_t owner_name_len(const char *name)
{
	uint32_t len;
	memcpy(&len, name - sizeof(len), sizeof(len));
	return len;
}

static struct owner_slot *owner_probe(const struct owner_table *t, const char *name, size_t len, uint32_t hash)
{
	size_t mask = t->capacity - 1;
	for (size_t i = owner_home(hash, t->capacity);; i = (i + 1) & mask) {
		struct owner_slot *o = &t->slots[i];
		if (o->id == OWNER_NONE ||
		    (o->hash == hash && owner_name_len(o->name) == len && memcmp(o->name, name, len) == 0))
			return o;
	}
}

/* Doubles the table (kept at most half full). 0, or -1 on no memory. */
static int owner_table_grow(struct owner_table *t)
{
	size_t capacity = t->capacity ? t->capacity * 2 : 1024;
	struct owner_slot *slots = malloc(capacity * sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < capacity; i++)
		slots[i].id = OWNER_NONE;
	for (size_t i = 0; i < t->capacity; i++) {
		const struct owner_slot *o = &t->slots[i];
		if (o->id == OWNER_NONE)
			continue;
		size_t j = owner_home(o->hash, capacity);
		while (slots[j].id != OWNER_NONE)
			j = (j + 1) & (capacity - 1);
		slots[j] = *o;
	}
	free(t->slots);
	t->slots = slots;
	t->capacity = capacity;
	return 0;
}

static uint32_t owner_intern(struct addrset *s, const char *name, size_t len, uint32_t hash)
{
	if ((size_t)s->n_owners * 2 + 2 > s->owners.capacity && owner_table_grow(&s->owners) != 0)
		return OWNER_NONE;
	struct owner_slot *o = owner_probe(&s->owners, name, len, hash);
	if (o->id != OWNER_NONE)
		return o->id;
	uint32_t n = (uint32_t)len;
	char *copy = arena_alloc_aligned(&s->arena, sizeof(n) + len + 1, alignof(uint32_t));
	if (!copy || len > UINT32_MAX)
		return OWNER_NONE;
	memcpy(copy, &n, sizeof(n));
	memcpy(copy + sizeof(n), name, len);
	copy[sizeof(n) + len] = '\0';
	*o = (struct owner_slot){ hash, s->n_owners++, copy + sizeof(n) };
	return o->id;
}

uint32_t addrset_owner(struct addrset *s, const char *name, size_t len)
{
	return owner_intern(s, name, len, addrset_hash(name, len));
}

const char *addrset_owner_next(const struct addrset *s, size_t *pos)
{
	for (; *pos < s->owners.capacity; (*pos)++)
		if (s->owners.slots[*pos].id != OWNER_NONE)
			return s->owners.slots[(*pos)++].name;
	return NULL;
}

/* ---- address-owner pairs ---- */

static size_t pair_home(uint64_t key, size_t capacity)
{
	return (size_t)mix64(key) & (capacity - 1);
}

/* Keys are stored +1 so that 0 marks an empty slot. */
static int pair_slot_insert(uint64_t *slots, size_t capacity, uint64_t key)
{
	size_t mask = capacity - 1;
	for (size_t i = pair_home(key, capacity);; i = (i + 1) & mask) {
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

static uint64_t pair_key(uint32_t addr_id, uint32_t owner_id)
{
	return ((uint64_t)addr_id << 32) | owner_id;
}

/* 1 when the pair is new, 0 when seen before, -1 on no memory. */
static int pair_set_add(struct pair_set *p, uint32_t addr_id, uint32_t owner_id)
{
	if ((p->count + 1) * 4 > p->capacity * 3 && pair_set_grow(p) != 0)
		return -1;
	int added = pair_slot_insert(p->slots, p->capacity, pair_key(addr_id, owner_id));
	p->count += (size_t)added;
	return added;
}

/* Count owner among the distinct owners of e. Most addresses have one
 * owner, kept in the entry; the pair set only holds those with more.
 * 0, or -1 on no memory. */
static int entry_add_owner(struct addrset *s, struct addr_entry *e, uint32_t owner)
{
	if (e->accounts == 0) {
		e->owner = owner;
		e->accounts = 1;
		return 0;
	}
	if (e->accounts == 1) {
		if (owner == e->owner)
			return 0;
		if (pair_set_add(&s->pairs, e->id, e->owner) < 0 || pair_set_add(&s->pairs, e->id, owner) < 0)
			return -1;
		e->accounts = 2;
		return 0;
	}
	int added = pair_set_add(&s->pairs, e->id, owner);
	if (added < 0)
		return -1;
	e->accounts += (uint32_t)added;
	return 0;
}

void addrset_seal(struct addrset *s)
{
	free(s->pairs.slots);
	memset(&s->pairs, 0, sizeof(s->pairs));
	s->sealed = 1;
}

/* ---- addresses ---- */

static struct addr_entry *addr_find(const struct addrset *s, const char *addr, size_t len, uint32_t hash)
{
	struct addr_entry *e;
	HASH_FIND_BYHASHVALUE(hh, s->by_addr, addr, len, hash, e);
	return e;
}

struct addr_entry *addrset_find(const struct addrset *s, const char *addr)
{
	size_t len = strlen(addr);
	return addr_find(s, addr, len, addrset_hash(addr, len));
}

static struct addr_entry *addr_insert(struct addrset *s, const char *addr, size_t len, uint32_t hash)
{
	struct addr_entry *e =
		arena_alloc_aligned(&s->arena, sizeof(*e) + len + 1, alignof(struct addr_entry));
	if (!e)
		return NULL;
	memcpy(e->addr, addr, len);
	e->addr[len] = '\0';
	e->id = s->n_addrs++;
	e->first_seen = TIME_NONE;
	e->last_seen = TIME_NONE;
	HASH_ADD_KEYPTR_BYHASHVALUE(hh, s->by_addr, e->addr, len, hash, e);
	return e;
}

static struct addr_entry *addr_find_or_insert(struct addrset *s, const char *addr, size_t len, uint32_t hash)
{
	struct addr_entry *e = addr_find(s, addr, len, hash);
	return e ? e : addr_insert(s, addr, len, hash);
}

/* Tags, source and times: everything but the owner. */
static void entry_note(struct addr_entry *e, unsigned origin_bits, unsigned source, int64_t time)
{
	e->origins |= (uint8_t)origin_bits;
	if (source < ADDRSET_MAX_SOURCES)
		e->sources |= UINT64_C(1) << source;
	if (time != TIME_NONE) {
		if (e->first_seen == TIME_NONE || time < e->first_seen)
			e->first_seen = time;
		if (e->last_seen == TIME_NONE || time > e->last_seen)
			e->last_seen = time;
	}
}

struct addr_entry *addrset_add(struct addrset *s, const char *addr, unsigned origin_bits,
			       unsigned source, uint32_t owner, int64_t time)
{
	size_t len = strlen(addr);
	struct addr_entry *e = addr_find_or_insert(s, addr, len, addrset_hash(addr, len));
	if (!e)
		return NULL;
	entry_note(e, origin_bits, source, time);
	if (owner != OWNER_NONE && (s->sealed || entry_add_owner(s, e, owner) != 0))
		return NULL;
	return e;
}

/* ---- many at once ---- */

/* Ask for the bucket a key hashes to, and for the first entry of a bucket
 * asked for earlier: by the time the key is looked up, both are in cache. */
/* inlined by force: a prefetch has no visible effect, so a call to it
 * alone would be dropped as pure */
static inline __attribute__((always_inline)) void prefetch_bucket(const UT_hash_table *t, uint32_t hash)
{
	if (t)
		__builtin_prefetch(&t->buckets[hash & (t->num_buckets - 1)]);
}

/* The first entry of a bucket asked for earlier: its handle and its key
 * (at key_offset), which may be on the next cache line. */
static inline __attribute__((always_inline)) void prefetch_chain(const UT_hash_table *t, uint32_t hash, size_t key_offset)
{
	if (t) {
		const UT_hash_handle *h = t->buckets[hash & (t->num_buckets - 1)].hh_head;
		if (h) {
			__builtin_prefetch(h);
			__builtin_prefetch((const char *)h + key_offset);
		}
	}
}

static const UT_hash_table *table_of_addrs(const struct addrset *s)
{
	return s->by_addr ? s->by_addr->hh.tbl : NULL;
}

/* The owner slot a sighting will probe first, and the name it holds. */
static inline __attribute__((always_inline)) void prefetch_owner_slot(const struct owner_table *t, uint32_t hash)
{
	if (t->capacity)
		__builtin_prefetch(&t->slots[owner_home(hash, t->capacity)]);
}

static inline __attribute__((always_inline)) void prefetch_owner_name(const struct owner_table *t, uint32_t hash)
{
	if (t->capacity) {
		const struct owner_slot *o = &t->slots[owner_home(hash, t->capacity)];
		if (o->id != OWNER_NONE)
			__builtin_prefetch(o->name);
	}
}

/* Sighting j has an owner other than the one before: only then is it
 * interned, and its slot worth asking for. */
static int owner_changes(const struct addrset_sighting *v, size_t j)
{
	return v[j].owner && (j == 0 || v[j].owner != v[j - 1].owner);
}

/* Entries and owner ids of v[0..n), n <= MANY_CHUNK, in order. An owner is
 * interned once per run of sightings with the same owner pointer. */
static int resolve_chunk(struct addrset *s, const struct addrset_sighting *v, size_t n, unsigned source,
			 struct addr_entry **entries, uint32_t *owners)
{
	const char *last_owner = NULL;
	uint32_t last_id = OWNER_NONE;
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n) {
			prefetch_bucket(table_of_addrs(s), v[i + PREFETCH_AHEAD].addr_hash);
			if (owner_changes(v, i + PREFETCH_AHEAD))
				prefetch_owner_slot(&s->owners, v[i + PREFETCH_AHEAD].owner_hash);
		}
		if (i + PREFETCH_AHEAD / 2 < n) {
			prefetch_chain(table_of_addrs(s), v[i + PREFETCH_AHEAD / 2].addr_hash,
				       offsetof(struct addr_entry, addr));
			if (owner_changes(v, i + PREFETCH_AHEAD / 2))
				prefetch_owner_name(&s->owners, v[i + PREFETCH_AHEAD / 2].owner_hash);
		}
		const struct addrset_sighting *x = &v[i];
		if (!(entries[i] = addr_find_or_insert(s, x->addr, x->addr_len, x->addr_hash)))
			return -1;
		/* noted at once: an entry is never left without its tags, even when
		 * a later step runs out of memory */
		entry_note(entries[i], x->origin_bits, source, x->time);
		owners[i] = OWNER_NONE;
		if (x->owner) {
			if (x->owner != last_owner) {
				last_id = owner_intern(s, x->owner, x->owner_len, x->owner_hash);
				last_owner = x->owner;
			}
			if ((owners[i] = last_id) == OWNER_NONE)
				return -1;
		}
	}
	return 0;
}

/* The pair slot an entry's next owner will probe, when it will probe one. */
static inline __attribute__((always_inline)) void prefetch_pair(const struct pair_set *p, const struct addr_entry *e, uint32_t owner)
{
	if (owner != OWNER_NONE && p->capacity && e->accounts >= 1 && owner != e->owner)
		__builtin_prefetch(&p->slots[pair_home(pair_key(e->id, owner), p->capacity)]);
}

int addrset_add_many(struct addrset *s, const struct addrset_sighting *v, size_t n, unsigned source)
{
	struct addr_entry *entries[MANY_CHUNK];
	uint32_t owners[MANY_CHUNK];
	for (size_t base = 0; base < n; base += MANY_CHUNK) {
		size_t m = n - base < MANY_CHUNK ? n - base : MANY_CHUNK;
		if (resolve_chunk(s, v + base, m, source, entries, owners) != 0)
			return -1;
		for (size_t i = 0; i < m; i++) {
			if (i + PREFETCH_AHEAD < m)
				prefetch_pair(&s->pairs, entries[i + PREFETCH_AHEAD], owners[i + PREFETCH_AHEAD]);
			if (owners[i] != OWNER_NONE && (s->sealed || entry_add_owner(s, entries[i], owners[i]) != 0))
				return -1;
		}
	}
	return 0;
}

/* ---- sorted ---- */

/* An entry with the first eight bytes of its address, big-endian and
 * zero-padded: comparing these compares the addresses bytewise, up to ties
 * of the whole prefix. Sorting them never touches the entries themselves. */
struct sort_item {
	uint64_t prefix;
	struct addr_entry *e;
};

static uint64_t prefix_of(const char *s)
{
	uint64_t k = 0;
	int i = 0;
	for (; i < 8 && s[i]; i++)
		k = k << 8 | (unsigned char)s[i];
	return i < 8 ? k << (8 * (8 - i)) : k;
}

/* Keys first, then the whole address: the items of a run share every byte
 * before their keys. */
static int sort_item_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	return strcmp(x->e->addr, y->e->addr);
}

static unsigned key_byte(const struct sort_item *x, unsigned shift)
{
	return (unsigned)(x->prefix >> shift) & 0xff;
}

/* Sort v[0..n) in place, most significant byte first (American flag sort):
 * the keys hold the eight bytes of each address at depth, and shift picks
 * the byte of this pass. Once all eight are equal the keys move eight bytes
 * on. A zero byte ends an address: no two share one, as they are unique. */
static void sort_from(struct sort_item *v, size_t n, unsigned shift, size_t depth)
{
	if (n <= 32) {
		qsort(v, n, sizeof(*v), sort_item_cmp);
		return;
	}
	size_t count[256] = { 0 }, end[256], next[256];
	for (size_t i = 0; i < n; i++)
		count[key_byte(&v[i], shift)]++;
	size_t at = 0;
	for (unsigned b = 0; b < 256; b++) {
		next[b] = at;
		at += count[b];
		end[b] = at;
	}
	for (unsigned b = 0; b < 256; b++)
		while (next[b] < end[b]) { /* each item to its bucket's next free place */
			struct sort_item x = v[next[b]];
			unsigned d = key_byte(&x, shift);
			while (d != b) {
				struct sort_item y = v[next[d]];
				v[next[d]++] = x;
				x = y;
				d = key_byte(&x, shift);
			}
			v[next[b]++] = x;
		}
	for (unsigned b = 1; b < 256; b++) {
		if (count[b] < 2)
			continue;
		struct sort_item *run = v + (end[b] - count[b]);
		if (shift > 0) {
			sort_from(run, count[b], shift - 8, depth);
		} else {
			for (size_t k = 0; k < count[b]; k++)
				run[k].prefix = prefix_of(run[k].e->addr + depth + 8);
			sort_from(run, count[b], 56, depth + 8);
		}
	}
}

int addrset_sorted(const struct addrset *s, struct addr_entry ***sorted, size_t *n)
{
	*sorted = NULL;
	*n = 0;
	if (s->n_addrs == 0)
		return 0;
	struct sort_item *v = malloc(s->n_addrs * sizeof(*v));
	if (!v)
		return -1;
	size_t count = 0;
	for (struct addr_entry *e = s->by_addr; e; e = e->hh.next)
		v[count++] = (struct sort_item){ prefix_of(e->addr), e };
	sort_from(v, count, 56, 0);
	/* the pointers, in place: entry i lands at byte 8i, below item i at 16i */
	struct addr_entry **out = (struct addr_entry **)(void *)v;
	for (size_t i = 0; i < count; i++)
		out[i] = v[i].e;
	struct addr_entry **shrunk = realloc(out, count * sizeof(*out));
	*sorted = shrunk ? shrunk : out;
	*n = count;
	return 0;
}

int domain_set_from_logins(struct domain_set *d, const struct addrset *s)
{
	for (const struct addr_entry *e = s->by_addr; e; e = e->hh.next)
		if ((e->origins & ADDR_FLAG_INTERNAL_HINT) && domain_set_add_once(d, address_domain(e->addr)) != 0)
			return -1;
	/* the accounts that own the data are customers too, which matters when
	 * --origins leaves the login tables out */
	size_t pos = 0;
	for (const char *name; (name = addrset_owner_next(s, &pos));)
		if (strchr(name, '@') && domain_set_add_once(d, address_domain(name)) != 0)
			return -1;
	return 0;
}
