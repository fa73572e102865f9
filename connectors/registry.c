/* The one scheme table: every connector this exposure knows, by URI scheme,
 * whether or not it is built in, so that a user hears "not built" rather
 * than "unknown scheme". Usage texts and messages are generated from it.
 * Adding a connector: its file under connectors/ exporting connector_NAME,
 * one line in table[] (with an extern and, for an optional library, a
 * HAVE_ guard like those below), and its lines in the Makefile. */
#include "connector.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "source_uri.h"

extern const struct connector connector_sqlite;
#ifdef HAVE_LIBPQ
extern const struct connector connector_postgresql;
#define POSTGRESQL &connector_postgresql
#else
#define POSTGRESQL NULL
#endif
#ifdef HAVE_MARIADB
extern const struct connector connector_mariadb;
#define MARIADB &connector_mariadb
#else
#define MARIADB NULL
#endif

enum scheme_flags {
	SCHEME_PATH = 1u << 0,    /* the location is the path past "scheme:" ("sqlite:PATH") */
	SCHEME_DEFAULT = 1u << 1, /* a bare path, or an unknown "x:" without "//", is one */
};

#define SCHEME_ALIASES 3

struct scheme_entry {
	const char *name;                      /* in messages */
	const char *schemes[SCHEME_ALIASES];   /* the first is the name; NULL-terminated */
	const struct connector *impl;          /* NULL: known, not built into this exposure */
	unsigned flags;
};

static const struct scheme_entry table[] = {
	{ "postgresql", { "postgresql", "postgres", NULL }, POSTGRESQL, 0 },
	{ "mariadb", { "mysql", "mariadb", NULL }, MARIADB, 0 },
	{ "sqlite", { "sqlite", NULL, NULL }, &connector_sqlite, SCHEME_PATH | SCHEME_DEFAULT },
};

#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

int connectors_init(char *err, size_t errsz)
{
	for (size_t i = 0; i < TABLE_SIZE; i++) {
		const struct connector *c = table[i].impl;
		if (c && c->library_init && c->library_init() != 0) {
			snprintf(err, errsz, "cannot initialise the %s client library", c->name);
			return -1;
		}
	}
	return 0;
}

void connectors_end(void)
{
	for (size_t i = 0; i < TABLE_SIZE; i++)
		if (table[i].impl && table[i].impl->library_end)
			table[i].impl->library_end();
}

/* The entry one of whose schemes is the n bytes at s (any case), or NULL. */
static const struct scheme_entry *entry_by_scheme(const char *s, size_t n)
{
	for (size_t i = 0; i < TABLE_SIZE; i++)
		for (size_t a = 0; a < SCHEME_ALIASES && table[i].schemes[a]; a++)
			if (strlen(table[i].schemes[a]) == n && strncasecmp(table[i].schemes[a], s, n) == 0)
				return &table[i];
	return NULL;
}

static const struct scheme_entry *default_entry(void)
{
	for (size_t i = 0; i < TABLE_SIZE; i++)
		if (table[i].flags & SCHEME_DEFAULT)
			return &table[i];
	return NULL;
}

/* Append s to buf at *len; -1 when it does not fit. */
static int append(char *buf, size_t sz, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + n >= sz)
		return -1;
	memcpy(buf + *len, s, n + 1);
	*len += n;
	return 0;
}

/* Every scheme of the table in order, each as `before` SCHEME `after`
 * ("sqlite:PATH" for a path scheme when with_forms), separated by ", ". */
static int schemes_list(char *buf, size_t sz, int with_forms)
{
	size_t len = 0;
	if (sz == 0)
		return -1;
	buf[0] = '\0';
	for (size_t i = 0; i < TABLE_SIZE; i++)
		for (size_t a = 0; a < SCHEME_ALIASES && table[i].schemes[a]; a++) {
			int path = table[i].flags & SCHEME_PATH;
			if ((len && append(buf, sz, &len, ", ") != 0) ||
			    append(buf, sz, &len, table[i].schemes[a]) != 0 ||
			    (with_forms && append(buf, sz, &len, path ? ":PATH" : "://") != 0) ||
			    (with_forms && !table[i].impl && append(buf, sz, &len, " (not built)") != 0))
				return -1;
		}
	return 0;
}

int connector_schemes_text(char *buf, size_t sz)
{
	return schemes_list(buf, sz, 1);
}

int connector_lookup(const char *uri, const struct connector **impl,
		     const char **location, char *err, size_t errsz)
{
	size_t n = source_uri_scheme_length(uri);
	const struct scheme_entry *e = n ? entry_by_scheme(uri, n) : NULL;
	if (n && !e && strstr(uri, "://")) {
		char known[256];
		if (schemes_list(known, sizeof(known), 0) != 0)
			snprintf(known, sizeof(known), "...");
		snprintf(err, errsz, "unknown source scheme '%.*s' (known: %s)", (int)(n > 64 ? 64 : n), uri, known);
		return -1;
	}
	if (!e) { /* a bare path; "dir:name.db" is a path, not a scheme */
		e = default_entry();
		n = 0;
	} else if (!e->impl) {
		snprintf(err, errsz, "support for '%s' sources is not built into this exposure", e->name);
		return -1;
	}
	*impl = e->impl;
	*location = n && (e->flags & SCHEME_PATH) ? uri + n + 1 : uri;
	return 0;
}
