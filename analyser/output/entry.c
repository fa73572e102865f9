/* What a list format may ask about an entry: its class, the address as
 * shown, its sources in name order, its times as text. */
#include "list_format.h"

#include <stdint.h>
#include <string.h>

#include "mask.h"
#include "profile.h"
#include "timeutil.h"

int address_is_internal(const struct output_ctx *o, const struct addr_entry *e)
{
	return domain_set_has(o->internal, address_domain(e->addr));
}

int address_is_customer_login(const struct output_ctx *o, const struct addr_entry *e)
{
	if (o->window)
		return (e->origins & ADDR_FLAG_LOGGED_IN) != 0;
	return address_is_internal(o, e) && (e->origins & (1u << ORIGIN_LOGIN));
}

int address_is_customer(const struct output_ctx *o, const struct addr_entry *e)
{
	return address_is_internal(o, e) || (e->origins & (1u << ORIGIN_LOGIN));
}

const char *address_class(const struct output_ctx *o, const struct addr_entry *e)
{
	return address_is_internal(o, e) ? "internal" : "external";
}

const char *shown_address(const struct output_ctx *o, const struct addr_entry *e, char buf[SHOWN_ADDRESS_BUF])
{
	if (!o->mask)
		return e->addr;
	mask_address(e->addr, strlen(e->addr), buf, SHOWN_ADDRESS_BUF);
	return buf;
}

const char *entry_next_source(const struct output_ctx *o, const struct addr_entry *e, size_t *i)
{
	while (*i < o->n_sources) {
		unsigned s = o->source_order[(*i)++];
		if (e->sources & (UINT64_C(1) << s))
			return o->source_names[s];
	}
	return NULL;
}

void entry_time_text(int64_t t, char buf[21])
{
	if (t == TIME_NONE)
		buf[0] = '\0';
	else
		time_format(t, buf);
}
