/* Keys of the run's key space: an address as itself or as its digest (see
 * include/compare_sets.h). */
#include "compare_sets.h"

#include <stdio.h>

#include "digest.h"

const char *key_space_name(enum key_space sp)
{
	return sp == KEY_SHA256 ? "sha256" : sp == KEY_MD5 ? "md5" : "address";
}

int key_of_address(enum key_space sp, const char *addr, char out[HITS_KEY_BUF])
{
	_Static_assert(HITS_KEY_BUF >= ADDRESS_DIGEST_HEX, "a key holds a digest");
	if (sp == KEY_ADDRESS) {
		snprintf(out, HITS_KEY_BUF, "%s", addr);
		return 0;
	}
	return address_digest(addr, sp == KEY_SHA256, out); /* exactly as scan writes them */
}
