#include "rejects.h"

#include <string.h>

#include "escape.h"
#include "mask.h"

int rejects_csv_header(FILE *f)
{
	return fputs("source,table,key,column,reason,value,value_bytes\n", f) < 0 ? -1 : 0;
}

/* One row; the value shown may be a masked copy, value_bytes is the original's. */
static int write_reject_row(FILE *f, const struct scan_reject *r, const char *value, size_t shown)
{
	if (csv_field(f, r->source, strlen(r->source)) || fputc(',', f) == EOF ||
	    csv_field(f, r->table, strlen(r->table)) || fputc(',', f) == EOF ||
	    csv_field(f, r->key, r->key_len) || fputc(',', f) == EOF ||
	    csv_field(f, r->column, strlen(r->column)) ||
	    fprintf(f, ",%s,", addr_reject_name(r->why)) < 0 || csv_field(f, value, shown) ||
	    fprintf(f, ",%zu\n", r->value_len) < 0)
		return -1;
	return 0;
}

int rejects_csv_row(void *ctx, const struct scan_reject *r)
{
	return write_reject_row(ctx, r, r->value, r->value_len > REJECTS_VALUE_MAX ? REJECTS_VALUE_MAX : r->value_len);
}

int rejects_csv_row_masked(void *ctx, const struct scan_reject *r)
{
	char buf[REJECTS_VALUE_MAX + 8];
	mask_address(r->value, r->value_len > REJECTS_VALUE_MAX ? REJECTS_VALUE_MAX : r->value_len, buf, sizeof(buf));
	return write_reject_row(ctx, r, buf, strlen(buf));
}
