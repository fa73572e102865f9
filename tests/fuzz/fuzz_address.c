/* The address-list parser: whatever the bytes, every field yields at least
 * one callback, every address it accepts is canonical (normalising it again,
 * or parsing it as a field of its own, gives it back unchanged), and the
 * direct paths for the commonest fields agree with the general parser. */
#include <stdio.h>
#include <string.h>

#include "../../analyser/address/address_private.h"
#include "fuzz.h"

#define RECORD_MAX 64

/* The callbacks of one parse, to compare the two paths: reason, address
 * and where the raw text lies, of the first RECORD_MAX items. */
struct seen {
	const uint8_t *data;
	size_t size;
	int calls;
	char items[RECORD_MAX][ADDR_BUF + 48];
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
	if (s->calls < RECORD_MAX)
		snprintf(s->items[s->calls], sizeof s->items[0], "%d %s %td %zu", (int)why, addr ? addr : "",
			 raw - (const char *)s->data, raw_len);
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

static struct seen direct, general; /* too large for the stack of every run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size > 0 && (data[0] & 1) ? ADDRLIST_TRUNCATED : 0;
	direct.data = general.data = data;
	direct.size = general.size = size;
	direct.calls = general.calls = 0;
	addrlist_parse((const char *)data, size, flags, on_item, &direct);
	if (direct.calls == 0)
		fuzz_fail("a field yielded no callback (counts would not reconcile)", data, size);
	addrlist_parse_general((const char *)data, size, flags, on_item, &general);
	if (general.calls != direct.calls)
		fuzz_fail("the direct path and the general parser make different numbers of callbacks", data, size);
	for (int i = 0; i < direct.calls && i < RECORD_MAX; i++)
		if (strcmp(direct.items[i], general.items[i]) != 0)
			fuzz_fail("the direct path and the general parser disagree", data, size);
	return 0;
}
