#include "probe.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scan.h"

static int take_count(void *ctx, const struct conn_row *row)
{
	*(char **)ctx = row->values[0] ? strdup(row->values[0]) : NULL;
	return 0;
}

/* "abook" or "-": the extractors of p that read this table (table NULL:
 * those whose query names its own tables). */
static void readers(const struct profile *p, const char *table, char *buf, size_t sz)
{
	buf[0] = '\0';
	for (size_t i = 0; p && i < p->n_extractors; i++)
		if (table ? extractor_reads_table(&p->extractors[i], table) : !p->extractors[i].tables) {
			if (buf[0])
				strncat(buf, ",", sz - strlen(buf) - 1);
			strncat(buf, p->extractors[i].name, sz - strlen(buf) - 1);
		}
	if (!buf[0])
		snprintf(buf, sz, "-");
}

static int print_tables(struct conn *c, const struct profile *p, const struct table_list *t, FILE *out)
{
	char quoted[512], sql[600], who[256];
	fprintf(out, "  %-24s %12s  %s\n", "table", "rows", "read by");
	for (size_t i = 0; i < t->n; i++) {
		char *count = NULL;
		if (conn_quote_ident(c, t->names[i], quoted, sizeof(quoted)) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", quoted);
		if (conn_query(c, sql, take_count, &count) != 0)
			return -1;
		readers(p, t->names[i], who, sizeof(who));
		fprintf(out, "  %-24s %12s  %s\n", t->names[i], count ? count : "?", who);
		free(count);
	}
	readers(p, NULL, who, sizeof(who));
	if (strcmp(who, "-") != 0)
		fprintf(out, "  %-24s %12s  %s\n", "(query of its own)", "", who);
	return 0;
}

int probe_source(const struct scan_source *src, const struct profile *forced, const struct conn_options *opts,
		 FILE *out, char *err, size_t errsz)
{
	struct table_list tables = { 0 };
	struct conn *c = NULL;
	int rc = -1;
	if (!(c = connector_open(src->impl, src->location, opts, err, errsz)))
		goto out;
	if (c->note[0])
		cli_warning("source '%s': %s", src->name, c->note);
	if (table_list_read(c, &tables) != 0) {
		snprintf(err, errsz, "source '%.64s': cannot list tables: %.400s", src->name,
			 tables.oom ? "out of memory" : c->err);
		goto out;
	}
	const struct profile *p = forced ? forced : profile_detect((const char *const *)tables.names, tables.n);
	fprintf(out, "source '%s' (%s): %zu tables\n", src->name, src->impl->name, tables.n);
	if (print_tables(c, p, &tables, out) != 0) {
		snprintf(err, errsz, "source '%.64s': %.400s", src->name, c->err[0] ? c->err : "identifier too long");
		goto out;
	}
	fprintf(out, "profile: %s\n", p ? p->name : "none detected (use --profile)");
	rc = 0;
out:
	conn_close(c);
	table_list_release(&tables);
	return rc;
}
