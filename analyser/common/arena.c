#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (256 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used_bytes = 0;
}

static struct arena_chunk *arena_new_chunk(struct arena *a, size_t min)
{
	size_t size = min > ARENA_CHUNK ? min : ARENA_CHUNK;
	struct arena_chunk *c = calloc(1, sizeof(*c) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->next = a->head;
	a->head = c;
	return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, alignof(max_align_t));
}

void *arena_alloc_aligned(struct arena *a, size_t size, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t start = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || start > c->size || c->size - start < size) {
		c = arena_new_chunk(a, size);
		if (!c)
			return NULL;
		start = 0;
	}
	void *p = c->data + start;
	c->used = start + size;
	a->used_bytes += size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc_aligned(a, len + 1, 1); /* strings need no alignment */
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}
