#include "batch.h"

#include <stdlib.h>
#include <string.h>

#define BATCH_TEXT (BATCH_ITEMS * 48)

int batch_init(struct batch *b, unsigned source)
{
	memset(b, 0, sizeof(*b));
	b->source = source;
	b->owner_at = BATCH_NO_OWNER;
	b->text_cap = BATCH_TEXT;
	b->text = malloc(b->text_cap);
	return b->text ? 0 : -1;
}

void batch_release(struct batch *b)
{
	free(b->text);
	free(b->owner);
	memset(b, 0, sizeof(*b));
}

/* Append s (NUL-terminated in text); its offset, or BATCH_NO_OWNER on no memory. */
static uint32_t batch_text(struct batch *b, const char *s, size_t len)
{
	if (b->text_len + len + 1 > b->text_cap) {
		size_t cap = (b->text_len + len + 1) * 2;
		char *t = realloc(b->text, cap);
		if (!t)
			return BATCH_NO_OWNER;
		b->text = t;
		b->text_cap = cap;
	}
	uint32_t at = (uint32_t)b->text_len;
	memcpy(b->text + at, s, len);
	b->text[at + len] = '\0';
	b->text_len += len + 1;
	return at;
}

int batch_set_owner(struct batch *b, const char *owner, size_t len)
{
	if (!owner) {
		b->owner_at = BATCH_NO_OWNER;
		b->owner_len = 0;
		free(b->owner);
		b->owner = NULL;
		b->owner_cap = 0;
		return 0;
	}
	if (b->owner && b->owner_len == len && memcmp(b->owner, owner, len) == 0)
		return 0; /* same owner as the last row: keep its copy in text */
	b->owner_at = BATCH_NO_OWNER;
	if (len + 1 > b->owner_cap) {
		char *o = realloc(b->owner, len + 1);
		if (!o)
			return -1;
		b->owner = o;
		b->owner_cap = len + 1;
	}
	memcpy(b->owner, owner, len);
	b->owner[len] = '\0';
	b->owner_len = len;
	return 0;
}

int batch_add(struct batch *b, const char *addr, unsigned origin_bits, int64_t time, struct addrset *set,
	      pthread_mutex_t *lock)
{
	if (b->n == BATCH_ITEMS && batch_flush(b, set, lock) != 0)
		return -1;
	if (b->owner && b->owner_at == BATCH_NO_OWNER &&
	    (b->owner_at = batch_text(b, b->owner, b->owner_len)) == BATCH_NO_OWNER)
		return -1;
	uint32_t at = batch_text(b, addr, strlen(addr));
	if (at == BATCH_NO_OWNER)
		return -1;
	b->items[b->n++] = (struct batch_item){ at, b->owner ? b->owner_at : BATCH_NO_OWNER,
						(uint32_t)b->owner_len, time, (uint8_t)origin_bits };
	return 0;
}

int batch_flush(struct batch *b, struct addrset *set, pthread_mutex_t *lock)
{
	int rc = 0;
	uint32_t last_at = BATCH_NO_OWNER, last_id = OWNER_NONE;
	pthread_mutex_lock(lock);
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		const struct batch_item *it = &b->items[i];
		if (it->owner != BATCH_NO_OWNER && it->owner != last_at) {
			last_id = addrset_owner(set, b->text + it->owner, it->owner_len);
			last_at = it->owner;
			if (last_id == OWNER_NONE)
				rc = -1;
		}
		uint32_t owner = it->owner == BATCH_NO_OWNER ? OWNER_NONE : last_id;
		if (rc == 0 && !addrset_add(set, b->text + it->addr, it->origin_bits, b->source, owner, it->time))
			rc = -1;
	}
	pthread_mutex_unlock(lock);
	b->n = 0;
	b->text_len = 0;
	b->owner_at = BATCH_NO_OWNER; /* the owner is copied again on the next add */
	return rc;
}
