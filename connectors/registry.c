/* Connectors by URI scheme. Schemes of connectors that are not built in are
 * still known, so a user hears "not built" rather than "unknown scheme". */
#include "connector.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

extern const struct connector connector_sqlite;
#ifdef HAVE_LIBPQ
extern const struct connector connector_postgresql;
#endif
#ifdef HAVE_MARIADB
extern const struct connector connector_mariadb;
#endif

struct scheme_entry {
	const char *scheme;
	const char *what;
	const struct connector *impl; /* NULL: known, not built */
};

static const struct scheme_entry schemes[] = {
	{ "sqlite", "sqlite", &connector_sqlite },
#ifdef HAVE_LIBPQ
	{ "postgresql", "postgresql", &connector_postgresql },
	{ "postgres", "postgresql", &connector_postgresql },
#else
	{ "postgresql", "postgresql", NULL },
	{ "postgres", "postgresql", NULL },
#endif
#ifdef HAVE_MARIADB
	{ "mysql", "mariadb", &connector_mariadb },
	{ "mariadb", "mariadb", &connector_mariadb },
#else
	{ "mysql", "mariadb", NULL },
	{ "mariadb", "mariadb", NULL },
#endif
	{ NULL, NULL, NULL },
};

void conn_fail(struct conn *c, const char *fmt, ...)
{
	if (c->err[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
}

/* Each built connector once (a connector has several schemes). */
static const struct connector *const built[] = {
	&connector_sqlite,
#ifdef HAVE_LIBPQ
	&connector_postgresql,
#endif
#ifdef HAVE_MARIADB
	&connector_mariadb,
#endif
	NULL,
};

int connectors_init(char *err, size_t errsz)
{
	for (size_t i = 0; built[i]; i++)
		if (built[i]->library_init && built[i]->library_init() != 0) {
			snprintf(err, errsz, "cannot initialise the %s client library", built[i]->name);
			return -1;
		}
	return 0;
}

void connectors_end(void)
{
	for (size_t i = 0; built[i]; i++)
		if (built[i]->library_end)
			built[i]->library_end();
}

struct conn *connector_open(const struct connector *impl, const char *location,
			    const struct conn_options *opts, char *err, size_t errsz)
{
	struct conn *c = impl->open(location, opts, err, errsz);
	if (c)
		c->impl = impl;
	return c;
}

/* Length of a leading URI scheme ("sqlite" in "sqlite:x.db"), or 0. */
static size_t scheme_length(const char *uri)
{
	size_t n = 0;
	if (!((uri[0] >= 'a' && uri[0] <= 'z') || (uri[0] >= 'A' && uri[0] <= 'Z')))
		return 0;
	while (uri[n] && (strchr("+-.", uri[n]) || (uri[n] >= '0' && uri[n] <= '9') ||
			  (uri[n] >= 'a' && uri[n] <= 'z') || (uri[n] >= 'A' && uri[n] <= 'Z')))
		n++;
	return uri[n] == ':' ? n : 0;
}

int connector_lookup(const char *uri, const struct connector **impl,
		     const char **location, char *err, size_t errsz)
{
	size_t n = scheme_length(uri);
	if (n == 0) { /* a bare path: the embedded default */
		*impl = &connector_sqlite;
		*location = uri;
		return 0;
	}
	for (const struct scheme_entry *e = schemes; e->scheme; e++) {
		if (strlen(e->scheme) != n || strncasecmp(e->scheme, uri, n) != 0)
			continue;
		if (!e->impl) {
			snprintf(err, errsz, "support for '%s' sources is not built into this exposure", e->what);
			return -1;
		}
		*impl = e->impl;
		*location = e->impl == &connector_sqlite ? uri + n + 1 : uri;
		return 0;
	}
	if (strstr(uri, "://")) {
		snprintf(err, errsz, "unknown source scheme '%.*s' (known: sqlite, postgresql, postgres, mysql, mariadb)",
			 (int)n, uri);
		return -1;
	}
	*impl = &connector_sqlite; /* "dir:name.db" is a path, not a scheme */
	*location = uri;
	return 0;
}
