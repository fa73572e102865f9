/* -f csv: one row per address with origins, sources, accounts, times, class,
 * customers_login. */
#include <string.h>

#include "escape.h"
#include "list_format.h"
#include "profile.h"

static int csv_open(struct output_ctx *o)
{
	return fputs("address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n", o->f) < 0 ? -1 : 0;
}

/* "login|sent" */
static int put_origins(FILE *f, unsigned origins)
{
	const char *sep = "";
	for (int i = 0; i < ORIGIN_COUNT; i++)
		if (origins & (1u << i)) {
			if (fputs(sep, f) < 0 || fputs(origin_name(i), f) < 0)
				return -1;
			sep = "|";
		}
	return 0;
}

/* "billing|web1" */
static int put_sources(const struct output_ctx *o, const struct addr_entry *e)
{
	const char *sep = "", *name;
	size_t i = 0;
	while ((name = entry_next_source(o, e, &i))) {
		if (fputs(sep, o->f) < 0 || fputs(name, o->f) < 0)
			return -1;
		sep = "|";
	}
	return 0;
}

static int csv_record(struct output_ctx *o, const struct addr_entry *e)
{
	char first[21], last[21], buf[SHOWN_ADDRESS_BUF];
	const char *addr = shown_address(o, e, buf);
	entry_time_text(e->first_seen, first);
	entry_time_text(e->last_seen, last);
	if (csv_field(o->f, addr, strlen(addr)) != 0 || fputc(',', o->f) == EOF || put_origins(o->f, e->origins) != 0 ||
	    fputc(',', o->f) == EOF || put_sources(o, e) != 0)
		return -1;
	return fprintf(o->f, ",%u,%s,%s,%s,%s\n", e->accounts, first, last, address_class(o, e),
		       address_is_customer_login(o, e) ? "yes" : "no") < 0 ? -1 : 0;
}

const struct list_format list_format_csv = {
	.name = "csv",
	.description = "one row per address with origins, sources, accounts, times, class, customers_login",
	.extension = "csv",
	.open = csv_open,
	.record = csv_record,
};
