/* The compare report as text, for people. */
#include "report_format.h"

#include <inttypes.h>
#include <math.h>

#include "hypergeom.h"

static void text_files(FILE *f, const struct compare_result *r)
{
	fprintf(f, "hits files: %zu\n", r->n_files);
	for (size_t i = 0; i < r->n_files; i++) {
		const struct compare_file *cf = &r->files[i];
		int msgs = (cf->form->flags & HITS_MESSAGES) != 0;
		fprintf(f, "  '%s' (%s): %" PRIu64 " %s, %" PRIu64 " hits, %" PRIu64 " skipped\n", cf->path,
			cf->form->name, msgs ? cf->counts.messages : cf->counts.lines, msgs ? "messages" : "lines",
			cf->counts.hits, cf->counts.skipped);
	}
}

static void text_skipped(FILE *f, const struct hits_counts *c)
{
	int any = 0;
	fprintf(f, "skipped: %" PRIu64, c->skipped);
	for (int w = 0; w < HITS_SKIP_COUNT; w++)
		if (c->by_reason[w]) {
			fprintf(f, "%s%s %" PRIu64, any ? ", " : " (", hits_skip_name((enum hits_skip)w), c->by_reason[w]);
			any = 1;
		}
	fprintf(f, "%s\n", any ? ")" : "");
}

static void text_breakdown(FILE *f, const struct compare_set_result *s)
{
	size_t order[EXPOSED_MAX_SOURCES];
	fprintf(f, "    by origin:");
	for (int o = 0; o < ORIGIN_COUNT; o++)
		fprintf(f, "%s %s %" PRIu64, o ? "," : "", origin_name((enum origin)o), s->by_origin[o]);
	fprintf(f, "\n    by source:");
	report_sources_by_name(s->set, order);
	for (size_t i = 0; i < s->set->n_sources; i++)
		fprintf(f, "%s %s %" PRIu64, i ? "," : "", s->set->source_names[order[i]], s->by_source[order[i]]);
	fprintf(f, "%s\n", s->set->n_sources ? "" : " none");
}

static void text_sets(FILE *f, const struct compare_result *r)
{
	char pct[32], p[64];
	fprintf(f, "exposed sets: %zu\n", r->n_sets);
	for (size_t i = 0; i < r->n_sets; i++) {
		const struct exposed_set *e = r->sets[i].set;
		fprintf(f, "  '%s': %zu addresses ('%s', %s)\n", e->name, e->keys.n, e->path, e->format);
	}
	report_percent(r->explained_any, r->unique, pct, sizeof(pct));
	fprintf(f, "explained: %" PRIu64 " of %" PRIu64 " unique hits (%s)\n", r->explained_any, r->unique, pct);
	for (size_t i = 0; i < r->n_sets; i++) {
		const struct compare_set_result *s = &r->sets[i];
		report_percent(s->explained, r->unique, pct, sizeof(pct));
		fprintf(f, "  '%s': %" PRIu64 " (%s)", s->set->name, s->explained, pct);
		if (report_has_population(r)) {
			hypergeom_format_p(s->log_p, 3, p, sizeof(p));
			fprintf(f, ", p = %s", p);
		}
		fprintf(f, "\n");
		text_breakdown(f, s);
	}
	report_percent(r->unique - r->explained_any, r->unique, pct, sizeof(pct));
	fprintf(f, "unexplained: %" PRIu64 " of %" PRIu64 " unique hits (%s)\n", r->unique - r->explained_any,
		r->unique, pct);
}

static void text_best(FILE *f, const struct compare_result *r)
{
	if (r->n_sets < 2)
		return;
	if (r->best >= 0) {
		fprintf(f, "best: '%s' (the most hits explained%s)\n", r->sets[r->best].set->name,
			r->tied ? "; ties broken by the smaller p" : "");
		return;
	}
	if (!r->tied) {
		fprintf(f, "best: none (no set explains any hit)\n");
		return;
	}
	fprintf(f, "best: none, a tie between");
	for (size_t i = 0, k = 0; i < r->n_sets; i++)
		if (r->tied & (UINT32_C(1) << i))
			fprintf(f, "%s '%s'", k++ ? "," : "", r->sets[i].set->name);
	fprintf(f, "\n");
}

static void text_days(FILE *f, const struct compare_result *r)
{
	char day[11];
	fprintf(f, "hits read per day (UTC, from the Date of each message): explained, unexplained\n");
	for (size_t i = 0; i < r->n_days; i++) {
		report_day_text(r->days[i].day, day);
		fprintf(f, "  %s: %" PRIu64 ", %" PRIu64 "\n", day, r->days[i].explained, r->days[i].unexplained);
	}
	fprintf(f, "  no date: %" PRIu64 ", %" PRIu64, r->no_date_explained, r->no_date_unexplained);
	if (r->unreadable_dates)
		fprintf(f, " (%" PRIu64 " with a Date that could not be read)", r->unreadable_dates);
	fprintf(f, "\n");
}

static void text_population(FILE *f, const struct compare_result *r)
{
	char p[64];
	const struct compare_file *pf = &r->population;
	if (!report_has_population(r))
		return;
	fprintf(f, "population '%s' (%s): N = %" PRIu64 " (%" PRIu64 " lines, %" PRIu64 " skipped)\n", pf->path,
		pf->form->name, r->N, pf->counts.lines, pf->counts.skipped);
	fprintf(f, "  unique hits in it: n = %" PRIu64 "; outside it: %" PRIu64 " (left out of n and k)\n", r->n,
		r->hits_outside);
	for (size_t i = 0; i < r->n_sets; i++) {
		const struct compare_set_result *s = &r->sets[i];
		hypergeom_format_p(s->log_p, 3, p, sizeof(p));
		fprintf(f, "  '%s': K = %" PRIu64 " (%" PRIu64 " exposed outside it), k = %" PRIu64
			   ", %.2f expected by chance, P(X >= k) = %s", s->set->name, s->K, s->outside, s->k,
			report_expected_by_chance(r, s), p);
		if (s->log_p == -INFINITY)
			fprintf(f, "\n");
		else
			fprintf(f, " (log10 %.2Lf)\n", s->log_p / HYPERGEOM_LN10);
	}
}

static int write_text(FILE *f, const struct compare_result *r)
{
	text_files(f, r);
	fprintf(f, "hits read: %" PRIu64 " (from %" PRIu64 " lines, %" PRIu64 " messages)\n", r->totals.hits,
		r->totals.lines, r->totals.messages);
	text_skipped(f, &r->totals);
	fprintf(f, "unique hits: %" PRIu64 "%s\n", r->unique,
		r->space == KEY_ADDRESS ? "" : r->space == KEY_SHA256 ? " (sha256 digests)" : " (md5 digests)");
	text_sets(f, r);
	text_best(f, r);
	text_days(f, r);
	text_population(f, r);
	return ferror(f) ? -1 : 0;
}

const struct compare_report_format compare_report_text = {
	.name = "text",
	.description = "lines for people",
	.write = write_text,
};
