/* --mask: addresses shown so that a list can be shared without them. */
#ifndef EXPOSURE_MASK_H
#define EXPOSURE_MASK_H

#include <stddef.h>

/* "j***@example.com": the first character of the local part and the part
 * from the last '@' on (no '@': the first character and "***"). */
void mask_address(const char *s, size_t len, char *out, size_t outsz);

#endif
