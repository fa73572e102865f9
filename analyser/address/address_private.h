/* Private interface of the address module: for its own tests only. */
#ifndef EXPOSURE_ADDRESS_PRIVATE_H
#define EXPOSURE_ADDRESS_PRIVATE_H

#include "address.h"

/* addrlist_parse without its direct paths for the commonest fields (one
 * bare address; one name and one angle address): every field through the
 * general parser, so that a test can check the two give the same
 * callbacks. */
int addrlist_parse_general(const char *field, size_t len, unsigned flags,
			   addr_item_fn cb, void *ctx);

#endif
