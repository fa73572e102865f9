#include "probe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scan.h"

struct name_list {
	char **v;
	size_t n;
};

static int collect_table(void *ctx, const char *table)
{
	struct name_list *l = ctx;
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return 1;
	l->v = v;
	return (l->v[l->n] = strdup(table)) ? (l->n++, 0) : 1;
}

static int take_count(void *ctx, const struct conn_row *row)
{
	*(char **)ctx = row->values[0] ? strdup(row->values[0]) : NULL;
	return 0;
}

/* "abook" or "-": the extractors of p that read this table. */
static void readers(const struct profile *p, const char *table, char *buf, size_t sz)
{
	buf[0] = '\0';
	for (size_t i = 0; p && i < p->n_extractors; i++)
		if (glob_list_match_ci(p->extractors[i].tables, table)) {
			if (buf[0])
				strncat(buf, ",", sz - strlen(buf) - 1);
			strncat(buf, p->extractors[i].name, sz - strlen(buf) - 1);
		}
	if (!buf[0])
		snprintf(buf, sz, "-");
}

static int print_tables(struct conn *c, const struct profile *p, const struct name_list *t, FILE *out)
{
	char quoted[512], sql[600], who[256];
	fprintf(out, "  %-24s %12s  %s\n", "table", "rows", "read by");
	for (size_t i = 0; i < t->n; i++) {
		char *count = NULL;
		if (c->impl->quote_ident(t->v[i], quoted, sizeof(quoted)) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", quoted);
		if (c->impl->query(c, sql, take_count, &count) != 0)
			return -1;
		readers(p, t->v[i], who, sizeof(who));
		fprintf(out, "  %-24s %12s  %s\n", t->v[i], count ? count : "?", who);
		free(count);
	}
	return 0;
}

static int cmp_ci(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

int probe_source(const char *arg, const struct profile *forced, const struct conn_options *opts, FILE *out,
		 char *err, size_t errsz)
{
	struct scan sc;
	struct name_list tables = { 0 };
	struct conn *c = NULL;
	int rc = -1;
	scan_init(&sc);
	if (scan_add_source(&sc, arg, err, errsz) != 0) {
		rc = -2;
		goto out;
	}
	const struct scan_source *src = &sc.sources[0];
	if (!(c = connector_open(src->impl, src->location, opts, err, errsz)))
		goto out;
	if (src->impl->list_tables(c, collect_table, &tables) != 0) {
		snprintf(err, errsz, "source '%.64s': cannot list tables: %.400s", src->name, c->err);
		goto out;
	}
	if (tables.n > 1)
		qsort(tables.v, tables.n, sizeof(*tables.v), cmp_ci);
	const struct profile *p = forced ? forced : profile_detect((const char *const *)tables.v, tables.n);
	fprintf(out, "source '%s' (%s): %zu tables\n", src->name, src->impl->name, tables.n);
	if (print_tables(c, p, &tables, out) != 0) {
		snprintf(err, errsz, "source '%.64s': %.400s", src->name, c->err[0] ? c->err : "identifier too long");
		goto out;
	}
	fprintf(out, "profile: %s\n", p ? p->name : "none detected (use --profile)");
	rc = 0;
out:
	if (c)
		c->impl->close(c);
	for (size_t i = 0; i < tables.n; i++)
		free(tables.v[i]);
	free(tables.v);
	scan_release(&sc);
	return rc;
}
