/* The address-list parser: whatever the bytes, every field yields at least
 * one callback, and every address it accepts is canonical: normalising it
 * again, or parsing it as a field of its own, gives it back unchanged. */
#include <string.h>

#include "address.h"
#include "fuzz.h"

struct seen {
	const uint8_t *data;
	size_t size;
	int calls;
};

static void check_canonical(const struct seen *s, const char *addr)
{
	char again[ADDR_BUF];
	size_t len = strlen(addr);
	if (len == 0 || len >= ADDR_BUF)
		fuzz_fail("an accepted address of impossible length", s->data, s->size);
	if (addr_normalise(addr, len, again) != ADDR_OK || strcmp(again, addr) != 0)
		fuzz_fail("an accepted address is not canonical (addr_normalise changes it)", s->data, s->size);
}

static int expect_itself(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	const char *want = ctx;
	(void)raw;
	(void)raw_len;
	return why != ADDR_OK || strcmp(addr, want) != 0 ? 1 : 0;
}

static int on_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	struct seen *s = ctx;
	s->calls++;
	if ((why == ADDR_OK) != (addr != NULL) || (unsigned)why >= ADDR_REJECT_COUNT)
		fuzz_fail("a callback's reason and address disagree", s->data, s->size);
	if (raw < (const char *)s->data || raw + raw_len > (const char *)s->data + s->size)
		fuzz_fail("an item's raw text lies outside the field", s->data, s->size);
	if (why == ADDR_OK) {
		check_canonical(s, addr);
		if (addrlist_parse(addr, strlen(addr), 0, expect_itself, (void *)addr) != 0)
			fuzz_fail("an accepted address does not parse back as itself", s->data, s->size);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { data, size, 0 };
	unsigned flags = size > 0 && (data[0] & 1) ? ADDRLIST_TRUNCATED : 0;
	addrlist_parse((const char *)data, size, flags, on_item, &s);
	if (s.calls == 0)
		fuzz_fail("a field yielded no callback (counts would not reconcile)", data, size);
	return 0;
}
