/* @Mail's Log_SendMail.LogMsg: the filter skips its prefix, the rest is a
 * list cut at the column width. The prefix never runs past the field. */
#include "address.h"
#include "fuzz.h"
#include "profile.h"

static int count_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	(void)why;
	(void)addr;
	(void)raw;
	(void)raw_len;
	++*(int *)ctx;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t skip = field_filter_skip(FILTER_ATMAIL_LOGMSG, s, size);
	int calls = 0;
	if (skip > size)
		fuzz_fail("the LogMsg prefix runs past the field", data, size);
	addrlist_parse(s + skip, size - skip, size >= 64 ? ADDRLIST_TRUNCATED : 0, count_item, &calls);
	if (calls == 0)
		fuzz_fail("a LogMsg yielded no callback", data, size);
	return 0;
}
