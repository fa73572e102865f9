/* Domains: the internal ones (customers) and per-domain counts. */
#ifndef EXPOSURE_DOMAINS_H
#define EXPOSURE_DOMAINS_H

#include <stddef.h>
#include <stdint.h>
#include <uthash.h>

struct domain_entry {
	char *name;
	uint64_t count;
	UT_hash_handle hh;
};

struct domain_set {
	struct domain_entry *by_name;
	size_t n;
};

void domain_set_init(struct domain_set *d);
void domain_set_release(struct domain_set *d);
/* Add (or count once more) a domain; the name is lower-cased and a leading
 * '@' dropped, so "--internal-domain @Example.COM" works. -1 on no memory. */
int domain_set_add(struct domain_set *d, const char *domain);
int domain_set_has(const struct domain_set *d, const char *domain);
/* The domain part of a normalised address (after its last '@'). */
const char *address_domain(const char *addr);
/* Add a domain unless it is there already. -1 on no memory. */
int domain_set_add_once(struct domain_set *d, const char *domain);
/* Entries sorted by count, highest first, then by name; caller frees. */
struct domain_entry **domain_set_ranked(const struct domain_set *d);

#endif
