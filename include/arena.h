/* A bump allocator: the set keeps its strings and entries here instead of
 * one malloc each (row values from the connectors live only until the next
 * row, so whatever is kept is copied in). Freed all at once. */
#ifndef EXPOSURE_ARENA_H
#define EXPOSURE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used_bytes; /* bytes handed out, for the summary and the benchmark */
};

void arena_init(struct arena *a);
/* Zeroed memory of `size` bytes aligned for any object; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* The same, aligned to `align` (a power of two, at most that of max_align_t):
 * entries of 8-byte members need not pay for 16-byte alignment. */
void *arena_alloc_aligned(struct arena *a, size_t size, size_t align);
/* A NUL-terminated copy of s[0..len); NULL when out of memory. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/* Frees every chunk; the arena is empty and usable again. */
void arena_release(struct arena *a);

#endif
