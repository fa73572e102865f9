/* Profile files: the loader takes any bytes and gives a profile or a
 * message, never a crash; a profile it loads prints. */
#include <stdio.h>

#include "fuzz.h"
#include "profile.h"

static char path[4200];
static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	fuzz_write_file(path, data, size);
	struct profile *p = profile_load(path, err, sizeof err);
	if (p) {
		profile_print(sink, p);
		profile_free(p);
	} else if (err[0] == '\0') {
		fuzz_fail("a profile refused without a message", data, size);
	}
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "%s/fuzz.profile", fuzz_scratch_dir());
	sink = fopen("/dev/null", "w");
	return sink ? 0 : -1;
}
