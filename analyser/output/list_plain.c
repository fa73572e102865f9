/* -f list: one address a line. */
#include "list_format.h"

static int list_record(struct output_ctx *o, const struct addr_entry *e)
{
	char buf[SHOWN_ADDRESS_BUF];
	return fputs(shown_address(o, e, buf), o->f) == EOF || fputc('\n', o->f) == EOF ? -1 : 0;
}

const struct list_format list_format_list = {
	.name = "list",
	.description = "one address a line",
	.extension = "txt",
	.record = list_record,
};
