/* Times: the databases' text (time_parse) and trap messages' Date headers
 * (mail_date_parse). A time read is written back by time_format and reads
 * again as the same second; none lies outside 0000-9999. */
#include <string.h>

#include "fuzz.h"
#include "message.h"
#include "timeutil.h"


static void check_round_trip(int64_t t, const uint8_t *data, size_t size)
{
	char text[21];
	int64_t again = 0;
	if (t < TIME_MIN || t > TIME_MAX)
		fuzz_fail("a time read lies outside the years it is written in", data, size);
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
