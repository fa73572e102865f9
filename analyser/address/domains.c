#include "domains.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void domain_set_init(struct domain_set *d)
{
	d->by_name = NULL;
	d->n = 0;
}

void domain_set_release(struct domain_set *d)
{
	struct domain_entry *e, *tmp;
	HASH_ITER(hh, d->by_name, e, tmp) {
		HASH_DEL(d->by_name, e);
		free(e->name);
		free(e);
	}
	d->n = 0;
}

int domain_set_add(struct domain_set *d, const char *domain)
{
	if (domain[0] == '@')
		domain++;
	char *name = strdup(domain);
	if (!name)
		return -1;
	for (char *p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	struct domain_entry *e;
	HASH_FIND_STR(d->by_name, name, e);
	if (e) {
		e->count++;
		free(name);
		return 0;
	}
	if (!(e = calloc(1, sizeof(*e)))) {
		free(name);
		return -1;
	}
	e->name = name;
	e->count = 1;
	HASH_ADD_KEYPTR(hh, d->by_name, e->name, strlen(e->name), e);
	d->n++;
	return 0;
}

int domain_set_has(const struct domain_set *d, const char *domain)
{
	struct domain_entry *e;
	HASH_FIND_STR(d->by_name, domain, e);
	return e != NULL;
}

const char *address_domain(const char *addr)
{
	const char *at = strrchr(addr, '@');
	return at ? at + 1 : "";
}

int domain_set_add_once(struct domain_set *d, const char *domain)
{
	return domain_set_has(d, domain) ? 0 : domain_set_add(d, domain);
}

static int domain_rank_cmp(const void *a, const void *b)
{
	const struct domain_entry *x = *(struct domain_entry *const *)a;
	const struct domain_entry *y = *(struct domain_entry *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

struct domain_entry **domain_set_ranked(const struct domain_set *d)
{
	struct domain_entry **v = malloc((d->n ? d->n : 1) * sizeof(*v));
	if (!v)
		return NULL;
	size_t i = 0;
	for (struct domain_entry *e = d->by_name; e; e = e->hh.next)
		v[i++] = e;
	qsort(v, i, sizeof(*v), domain_rank_cmp);
	return v;
}
