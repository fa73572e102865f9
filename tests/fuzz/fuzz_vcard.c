/* vCards (Roundcube's `vcard` column): every EMAIL value found goes through
 * the address parser as the scan sends it; values lie inside the card. */
#include "address.h"
#include "fuzz.h"
#include "vcard.h"

static int ignore_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	(void)ctx;
	(void)why;
	(void)addr;
	(void)raw;
	(void)raw_len;
	return 0;
}

static int on_value(void *ctx, const char *value, size_t len)
{
	(void)ctx;
	addrlist_parse(value, len, 0, ignore_item, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int n = vcard_emails((const char *)data, size, on_value, NULL);
	if (n < 0 && n != -1)
		fuzz_fail("vcard_emails stopped though the callback never asked", data, size);
	return 0;
}
