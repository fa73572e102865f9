/* Times: the databases' text (time_parse) and trap messages' Date headers
 * (mail_date_parse). A time read is written back by time_format and reads
 * again as the same second, for the years time_format is meant for. */
#include <string.h>

#include "fuzz.h"
#include "message.h"
#include "timeutil.h"

#define YEAR_0000 (-62167219200LL)  /* 0000-01-01T00:00:00Z */
#define YEAR_10000 (253402300800LL) /* 10000-01-01T00:00:00Z */

static void check_round_trip(int64_t t, const uint8_t *data, size_t size)
{
	char text[21];
	int64_t again = 0;
	if (t < YEAR_0000 || t >= YEAR_10000)
		return;
	time_format(t, text);
	if (time_parse(text, strlen(text), &again) != TIME_PARSED || again != t)
		fuzz_fail("a time does not read back from its own text", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t = 0;
	if (time_parse((const char *)data, size, &t) == TIME_PARSED)
		check_round_trip(t, data, size);
	if (mail_date_parse((const char *)data, size, &t) == 0)
		check_round_trip(t, data, size);
	return 0;
}
