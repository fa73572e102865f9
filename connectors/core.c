/* The core's side of the connector contract, checked once here rather than
 * in every caller or every connector (OpenSMTPD's table.c): a NULL hook
 * means the connector cannot do that, and the caller hears so; a connector
 * that does not promise to stream read-only is never opened. */
#include "connector.h"

#include <stdarg.h>
#include <stdio.h>

void conn_fail(struct conn *c, const char *fmt, ...)
{
	if (c->err[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
}

/* What a missing required capability means, for the message. */
static const char *missing_caps(unsigned caps)
{
	if (!(caps & CONN_CAP_STREAM))
		return "stream their rows";
	if (!(caps & CONN_CAP_READ_ONLY))
		return "be read in a read-only session";
	return NULL;
}

struct conn *connector_open(const struct connector *impl, const char *location,
			    const struct conn_options *opts, char *err, size_t errsz)
{
	const char *cannot = impl->open ? missing_caps(impl->caps) : "be opened";
	if (cannot) {
		snprintf(err, errsz, "'%s' sources cannot %s", impl->name, cannot);
		return NULL;
	}
	struct conn *c = impl->open(location, opts, err, errsz);
	if (c)
		c->impl = impl;
	return c;
}

/* 0 when the hook is there; else -1 with "'NAME' sources cannot WHAT". */
static int check_hook(struct conn *c, int present, const char *what)
{
	if (present)
		return 0;
	conn_fail(c, "'%s' sources cannot %s", c->impl->name, what);
	return -1;
}

int conn_list_tables(struct conn *c, conn_table_fn cb, void *ctx)
{
	if (check_hook(c, c->impl->list_tables != NULL, "list their tables") != 0)
		return -1;
	return c->impl->list_tables(c, cb, ctx);
}

int conn_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx)
{
	char why[CONN_ERR_MAX / 2];
	if (check_hook(c, c->impl->query != NULL, "run queries") != 0)
		return -1;
	if (conn_check_statement(sql, c->impl->sql_lexis, why, sizeof(why)) != 0) {
		conn_fail(c, "query refused: %s", why);
		return -1;
	}
	return c->impl->query(c, sql, cb, ctx);
}

int conn_quote_ident(struct conn *c, const char *ident, char *out, size_t outsz)
{
	if (check_hook(c, c->impl->quote_ident != NULL, "quote identifiers") != 0)
		return -1;
	if (c->impl->quote_ident(ident, out, outsz) == 0)
		return 0;
	conn_fail(c, "identifier too long to quote: '%.64s'", ident);
	return -1;
}

void conn_close(struct conn *c)
{
	if (c && c->impl->close)
		c->impl->close(c);
}
