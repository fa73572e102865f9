/* The summary as JSON: schema "exposure-summary/1" (docs/reference.md).
 * Keys come in a fixed order and every reason and origin is always present,
 * so two summaries diff cleanly. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "timeutil.h"
#include "writer.h"

#define SCHEMA "exposure-summary/1"

static void json_str(FILE *f, const char *s)
{
	json_string(f, s, strlen(s));
}

static void json_time_or_null(FILE *f, int64_t t)
{
	char buf[21];
	if (t == TIME_NONE) {
		fputs("null", f);
		return;
	}
	time_format(t, buf);
	json_str(f, buf);
}

static void json_rejects(FILE *f, const uint64_t *rejects)
{
	fputc('{', f);
	for (int i = 1; i < ADDR_REJECT_COUNT; i++) {
		fprintf(f, "%s", i > 1 ? "," : "");
		json_str(f, addr_reject_name((enum addr_reject)i));
		fprintf(f, ":%" PRIu64, rejects[i]);
	}
	fputc('}', f);
}

static void json_run(FILE *f, const struct scan_run *r)
{
	fputs("{\"extractor\":", f);
	json_str(f, r->ex->name);
	fputs(",\"table\":", f);
	json_str(f, r->table);
	fprintf(f, ",\"rows\":%" PRIu64 ",\"fields\":%" PRIu64 ",\"nulls\":%" PRIu64 ",\"accepted\":%" PRIu64
		   ",\"rejected\":%" PRIu64 ",\"rows_with_time\":%" PRIu64 ",\"rows_bad_time\":%" PRIu64
		   ",\"rows_untimed\":%" PRIu64 ",\"rows_outside_window\":%" PRIu64 ",\"rows_deleted\":%" PRIu64
		   ",\"rows_deleted_skipped\":%" PRIu64 ",\"rows_system_account\":%" PRIu64 ",\"rejects\":",
		r->rows, r->fields, r->nulls, r->accepted, r->rejected, r->timed, r->bad_times, r->untimed, r->outside,
		r->deleted, r->deleted_skipped, r->system_rows);
	json_rejects(f, r->rejects);
	fputc('}', f);
}

static void json_source(FILE *f, const struct scan_source *src)
{
	fputs("{\"name\":", f);
	json_str(f, src->name);
	fputs(",\"connector\":", f);
	json_str(f, src->impl->name);
	fputs(",\"profile\":", f);
	if (src->profile)
		json_str(f, src->profile->name);
	else
		fputs("null", f);
	fprintf(f, ",\"failed\":%s,\"error\":", src->failed ? "true" : "false");
	if (src->failed)
		json_str(f, src->err);
	else
		fputs("null", f);
	fputs(",\"runs\":[", f);
	for (size_t i = 0; i < src->n_runs; i++) {
		fputs(i ? "," : "", f);
		json_run(f, &src->runs[i]);
	}
	fputs("],\"absent\":[", f);
	for (size_t i = 0; i < src->n_absent; i++) {
		fputs(i ? "," : "", f);
		json_str(f, src->absent[i]);
	}
	fputs("]}", f);
}

static void json_totals(FILE *f, const struct report_totals *t)
{
	fprintf(f, "\"totals\":{\"rows\":%" PRIu64 ",\"rows_with_time\":%" PRIu64 ",\"rows_bad_time\":%" PRIu64
		   ",\"rows_untimed\":%" PRIu64 ",\"rows_outside_window\":%" PRIu64 ",\"rows_deleted\":%" PRIu64
		   ",\"rows_deleted_skipped\":%" PRIu64 ",\"rows_system_account\":%" PRIu64 ",\"fields\":%" PRIu64
		   ",\"nulls\":%" PRIu64 ",\"items\":%" PRIu64 ",\"accepted\":%" PRIu64 ",\"rejected\":%" PRIu64
		   ",\"anomalies\":%" PRIu64 ",\"rejects\":",
		t->rows, t->timed, t->bad_times, t->untimed, t->outside, t->deleted, t->deleted_skipped, t->system_rows,
		t->fields, t->nulls, t->accepted + t->rejected, t->accepted, t->rejected, t->anomalies);
	json_rejects(f, t->rejects);
	fputc('}', f);
}

static void json_unique(FILE *f, const struct scan *sc, const struct report_totals *t)
{
	fprintf(f, "\"unique\":{\"total\":%" PRIu64 ",\"by_origin\":{", t->unique);
	for (int o = 0; o < ORIGIN_COUNT; o++) {
		fputs(o ? "," : "", f);
		json_str(f, origin_name(o));
		fprintf(f, ":%" PRIu64, t->by_origin[o]);
	}
	fputs("},\"by_origins\":{", f);
	for (unsigned m = 1; m <= ORIGIN_ALL; m++) {
		char name[64];
		report_origins_label(m, "+", name, sizeof(name));
		fputs(m > 1 ? "," : "", f);
		json_str(f, name);
		fprintf(f, ":%" PRIu64, t->by_overlap[m]);
	}
	fputs("},\"by_source\":{", f);
	for (size_t s = 0; s < sc->n_sources; s++) {
		fputs(s ? "," : "", f);
		json_str(f, sc->sources[s].name);
		fprintf(f, ":%" PRIu64, t->by_source[s]);
	}
	fprintf(f, "},\"internal\":%" PRIu64 ",\"external\":%" PRIu64 "}", t->internal, t->external);
}

static int json_domains(FILE *f, const struct scan *sc, const struct domain_set *internal, int given)
{
	struct domain_set all;
	domain_set_init(&all);
	struct domain_entry **ranked = NULL, **own = NULL;
	int rc = -1;
	if (report_domain_counts(sc, &all) != 0 || !(ranked = domain_set_ranked(&all)) ||
	    !(own = domain_set_ranked(internal)))
		goto out;
	fprintf(f, "\"internal_domains\":{\"from\":\"%s\",\"domains\":[", given ? "option" : "logins_and_owners");
	for (size_t i = 0; i < internal->n; i++) {
		fputs(i ? "," : "", f);
		json_str(f, own[i]->name);
	}
	fputs("]},\"top_domains\":[", f);
	for (size_t i = 0; i < all.n && i < REPORT_TOP_DOMAINS; i++) {
		fputs(i ? ",{\"domain\":" : "{\"domain\":", f);
		json_str(f, ranked[i]->name);
		fprintf(f, ",\"addresses\":%" PRIu64 "}", ranked[i]->count);
	}
	fputc(']', f);
	rc = 0;
out:
	free(ranked);
	free(own);
	domain_set_release(&all);
	return rc;
}

static int json_timeline(FILE *f, const struct scan *sc)
{
	size_t n;
	struct report_day *days = report_timeline(sc, &n);
	if (n == SIZE_MAX)
		return -1;
	fputs("\"timeline\":[", f);
	for (size_t i = 0; i < n; i++) {
		char buf[21];
		time_format(days[i].day * 86400, buf);
		fprintf(f, "%s{\"day\":\"%.10s\",\"rows\":%" PRIu64 "}", i ? "," : "", buf, days[i].rows);
	}
	fputc(']', f);
	free(days);
	return 0;
}

int report_json(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	struct report_totals t;
	size_t failed = 0;
	report_totals(sc, internal, &t);
	fputs("{\"schema\":\"" SCHEMA "\",\"window\":{\"since\":", f);
	json_time_or_null(f, sc->since);
	fputs(",\"until\":", f);
	json_time_or_null(f, sc->until);
	fputs("},\"sources\":[", f);
	for (size_t s = 0; s < sc->n_sources; s++) {
		fputs(s ? "," : "", f);
		json_source(f, &sc->sources[s]);
		failed += (size_t)sc->sources[s].failed;
	}
	fputs("],", f);
	json_totals(f, &t);
	fputc(',', f);
	json_unique(f, sc, &t);
	fputc(',', f);
	if (json_domains(f, sc, internal, internal_given) != 0)
		return -1;
	fputc(',', f);
	if (json_timeline(f, sc) != 0)
		return -1;
	fprintf(f, ",\"failed_sources\":%zu,\"partial\":%s}\n", failed, failed ? "true" : "false");
	return ferror(f) ? -1 : 0;
}
