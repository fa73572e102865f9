/* --summary FILE, and the summary on standard error: plain text. */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>

#include "timeutil.h"

static void report_runs(FILE *f, const struct scan_source *src)
{
	fprintf(f, "source '%s' (%s), profile %s, time zone %s\n", src->name, src->impl->name,
		src->profile ? src->profile->name : "-", time_zone_name(src->zone));
	if (src->n_runs)
		fprintf(f, "  %-15s %-19s %9s %9s %7s %9s %9s\n", "extractor", "table", "rows", "fields", "null",
			"accepted", "rejected");
	for (size_t i = 0; i < src->n_runs; i++) {
		const struct scan_run *r = &src->runs[i];
		fprintf(f, "  %-15s %-19s %9" PRIu64 " %9" PRIu64 " %7" PRIu64 " %9" PRIu64 " %9" PRIu64 "\n",
			r->ex->name, r->table, r->rows, r->fields, r->nulls, r->accepted, r->rejected);
	}
	for (size_t i = 0; i < src->n_absent; i++)
		fprintf(f, "  %-15s (no table: not read)\n", src->absent[i]);
	if (src->failed)
		fprintf(f, "  FAILED: %s\n", src->err);
}

static void report_rejects(FILE *f, const struct report_totals *t)
{
	fprintf(f, "rejected by reason:");
	int any = 0;
	for (int i = 1; i < ADDR_REJECT_COUNT; i++)
		if (t->rejects[i]) {
			fprintf(f, "%s %s %" PRIu64, any ? "," : "", addr_reject_name((enum addr_reject)i), t->rejects[i]);
			any = 1;
		}
	fprintf(f, "%s\n", any ? "" : " none");
	if (t->anomalies)
		fprintf(f, "WARNING: %" PRIu64 " values look corrupt or hostile (too-long, bad-encoding, "
			   "control-char): see the rejects\n", t->anomalies);
}

static void report_unique(FILE *f, const struct scan *sc, const struct report_totals *t)
{
	char name[64];
	fprintf(f, "unique addresses: %" PRIu64 "\n", t->unique);
	fprintf(f, "  by origin:");
	for (int o = 0; o < ORIGIN_COUNT; o++)
		fprintf(f, "%s %s %" PRIu64, o ? "," : "", origin_name(o), t->by_origin[o]);
	fprintf(f, "\n  by origins (exactly):");
	int first = 1;
	for (unsigned m = 1; m <= ORIGIN_ALL; m++) {
		if (!t->by_overlap[m])
			continue;
		report_origins_label(m, "+", name, sizeof(name));
		fprintf(f, "%s %s %" PRIu64, first ? "" : ",", name, t->by_overlap[m]);
		first = 0;
	}
	fprintf(f, "\n  by source:");
	for (size_t s = 0; s < sc->n_sources; s++)
		fprintf(f, "%s %s %" PRIu64, s ? "," : "", sc->sources[s].name, t->by_source[s]);
	fprintf(f, "\n  internal %" PRIu64 ", external %" PRIu64 "\n", t->internal, t->external);
}

static int report_domains(FILE *f, const struct scan *sc, const struct domain_set *internal, int given)
{
	struct domain_set all;
	domain_set_init(&all);
	int rc = -1;
	if (report_domain_counts(sc, &all) != 0)
		goto out;
	struct domain_entry **ranked = domain_set_ranked(&all), **own = domain_set_ranked(internal);
	if (ranked && own) {
		fprintf(f, "internal domains (%s):", given ? "--internal-domain" : "from the logins and the owner accounts");
		for (size_t i = 0; i < internal->n; i++)
			fprintf(f, "%s %s", i ? "," : "", own[i]->name);
		fprintf(f, "%s\ntop domains:", internal->n ? "" : " none");
		for (size_t i = 0; i < all.n && i < REPORT_TOP_DOMAINS; i++)
			fprintf(f, "%s %s %" PRIu64, i ? "," : "", ranked[i]->name, ranked[i]->count);
		fprintf(f, "%s\n", all.n ? "" : " none");
		rc = 0;
	}
	free(ranked);
	free(own);
out:
	domain_set_release(&all);
	return rc;
}

static void report_window(FILE *f, const struct scan *sc, const struct report_totals *t)
{
	char since[21] = "(open)", until[21] = "(open)";
	if (sc->since != TIME_NONE)
		time_format(sc->since, since);
	if (sc->until != TIME_NONE)
		time_format(sc->until, until);
	if (sc->since == TIME_NONE && sc->until == TIME_NONE)
		fprintf(f, "window: none (every row kept)\n");
	else
		fprintf(f, "window: %s to %s: %" PRIu64 " rows after the window left out (created or written "
			   "after it), %" PRIu64 " rows changed after the window kept\n",
			since, until, t->after, t->changed_after);
	fprintf(f, "rows without a time: %" PRIu64 " kept (%" PRIu64 " of them a placeholder)\n", t->untimed,
		t->placeholder);
	if (t->deleted)
		fprintf(f, "soft-deleted rows: %" PRIu64 " read, %s\n", t->deleted,
			t->deleted_skipped ? "left out (--exclude-deleted)" : "kept (they were in the database)");
}

int report_text(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	struct report_totals t;
	report_totals(sc, internal, &t);
	size_t failed = 0;
	for (size_t s = 0; s < sc->n_sources; s++) {
		report_runs(f, &sc->sources[s]);
		failed += (size_t)sc->sources[s].failed;
	}
	fprintf(f, "rows read: %" PRIu64 " (%" PRIu64 " with a time, %" PRIu64 " with a time that could not be read, "
		   "%" PRIu64 " of the system account)\n", t.rows, t.timed, t.bad_times, t.system_rows);
	fprintf(f, "address fields: %" PRIu64 " read, %" PRIu64 " null\n", t.fields, t.nulls);
	fprintf(f, "items found in them: %" PRIu64 " = %" PRIu64 " accepted + %" PRIu64 " rejected\n",
		t.accepted + t.rejected, t.accepted, t.rejected);
	report_rejects(f, &t);
	report_unique(f, sc, &t);
	if (report_domains(f, sc, internal, internal_given) != 0)
		return -1;
	report_window(f, sc, &t);
	fprintf(f, "failed sources: %zu%s\n", failed, failed ? " -- PARTIAL RESULT: the failed sources are missing or incomplete" : "");
	return ferror(f) ? -1 : 0;
}

const struct summary_format summary_format_text = {
	.name = "text",
	.extensions = "",
	.description = "text",
	.write = report_text,
};
