/* What every connector shares: row buffers, identifier quoting, listing
 * tables through a catalogue query. */
#include "connector.h"

#include <stdlib.h>

int conn_rowbuf_reserve(struct conn_rowbuf *b, size_t ncols)
{
	if (ncols <= b->cap)
		return 0;
	const char **names = realloc(b->names, ncols * sizeof(*names));
	if (names)
		b->names = names;
	const char **values = realloc(b->values, ncols * sizeof(*values));
	if (values)
		b->values = values;
	size_t *lengths = realloc(b->lengths, ncols * sizeof(*lengths));
	if (lengths)
		b->lengths = lengths;
	if (!names || !values || !lengths)
		return -1;
	b->cap = ncols;
	return 0;
}

void conn_rowbuf_release(struct conn_rowbuf *b)
{
	free(b->names);
	free(b->values);
	free(b->lengths);
	b->names = b->values = NULL;
	b->lengths = NULL;
	b->cap = 0;
}

int conn_quote_ident_with(char quote, const char *ident, char *out, size_t outsz)
{
	size_t o = 0;
	if (outsz < 3)
		return -1;
	out[o++] = quote;
	for (const char *p = ident; *p; p++) {
		size_t need = (*p == quote) ? 2 : 1;
		if (o + need + 2 > outsz)
			return -1;
		if (*p == quote)
			out[o++] = quote;
		out[o++] = *p;
	}
	out[o++] = quote;
	out[o] = '\0';
	return 0;
}

struct table_walk {
	conn_table_fn cb;
	void *ctx;
};

static int table_row(void *ctx, const struct conn_row *row)
{
	struct table_walk *w = ctx;
	return row->values[0] ? w->cb(w->ctx, row->values[0]) : 0;
}

int conn_list_tables_by_query(struct conn *c, int (*query)(struct conn *, const char *, conn_row_fn, void *),
			      const char *sql, conn_table_fn cb, void *ctx)
{
	struct table_walk w = { cb, ctx };
	return query(c, sql, table_row, &w);
}

int conn_hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}
