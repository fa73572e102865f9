/* What the libFuzzer harnesses share (make fuzz): a private scratch
 * directory for the harnesses whose code under test reads files, and an
 * abort that names the broken property. */
#ifndef EXPOSURE_FUZZ_H
#define EXPOSURE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: a harness that needs set-up once defines it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A directory of this process's own, made once (mkdtemp under $TMPDIR). */
const char *fuzz_scratch_dir(void);
/* Write data to path (created 0600, truncated); aborts on failure. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);
/* Print what property broke, and on which bytes, then abort(). */
void fuzz_fail(const char *what, const uint8_t *data, size_t size);

#endif
