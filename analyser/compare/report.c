/* The report of `exposure compare`, as text or JSON (see
 * include/compare_report.h). Counts only: no address is ever printed here. */
#include "compare_report.h"

#include <inttypes.h>
#include <math.h> /* INFINITY only */
#include <string.h>

#include "hypergeom.h"
#include "timeutil.h"
#include "writer.h"

static int has_population(const struct compare_result *r)
{
	return r->population.path != NULL;
}

/* "71.4%" of part in whole; "-" when whole is 0. */
static void percent(uint64_t part, uint64_t whole, char *buf, size_t size)
{
	if (whole == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* The source indices of a set sorted by name, for a stable order. */
static void sources_by_name(const struct exposed_set *e, size_t order[EXPOSED_MAX_SOURCES])
{
	for (size_t i = 0; i < e->n_sources; i++) {
		size_t j = i;
		for (; j > 0 && strcmp(e->source_names[order[j - 1]], e->source_names[i]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

static void day_text(int64_t day, char buf[11])
{
	char iso[21];
	time_format(day * 86400, iso);
	memcpy(buf, iso, 10);
	buf[10] = '\0';
}

static double expected_by_chance(const struct compare_result *r, const struct compare_set_result *s)
{
	return r->N ? (double)r->n * (double)s->K / (double)r->N : 0;
}

/* ---- text ------------------------------------------------------------------ */

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
	sources_by_name(s->set, order);
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
	percent(r->explained_any, r->unique, pct, sizeof(pct));
	fprintf(f, "explained: %" PRIu64 " of %" PRIu64 " unique hits (%s)\n", r->explained_any, r->unique, pct);
	for (size_t i = 0; i < r->n_sets; i++) {
		const struct compare_set_result *s = &r->sets[i];
		percent(s->explained, r->unique, pct, sizeof(pct));
		fprintf(f, "  '%s': %" PRIu64 " (%s)", s->set->name, s->explained, pct);
		if (has_population(r)) {
			hypergeom_format_p(s->log_p, 3, p, sizeof(p));
			fprintf(f, ", p = %s", p);
		}
		fprintf(f, "\n");
		text_breakdown(f, s);
	}
	percent(r->unique - r->explained_any, r->unique, pct, sizeof(pct));
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
		day_text(r->days[i].day, day);
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
	if (!has_population(r))
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
			expected_by_chance(r, s), p);
		if (s->log_p == -INFINITY)
			fprintf(f, "\n");
		else
			fprintf(f, " (log10 %.2Lf)\n", s->log_p / HYPERGEOM_LN10);
	}
}

int compare_report_text(FILE *f, const struct compare_result *r)
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

/* ---- JSON -------------------------------------------------------------------- */

static void json_key(FILE *f, const char *key)
{
	json_string(f, key, strlen(key));
	fputc(':', f);
}

static void json_text(FILE *f, const char *key, const char *value)
{
	json_key(f, key);
	json_string(f, value, strlen(value));
}

static void json_share(FILE *f, const char *key, uint64_t part, uint64_t whole)
{
	json_key(f, key);
	if (whole == 0)
		fputs("null", f);
	else
		fprintf(f, "%.6f", (double)part / (double)whole);
}

static void json_counts(FILE *f, const struct compare_file *cf)
{
	fprintf(f, "\"lines\":%" PRIu64 ",\"messages\":%" PRIu64 ",\"hits\":%" PRIu64 ",\"skipped\":%" PRIu64,
		cf->counts.lines, cf->counts.messages, cf->counts.hits, cf->counts.skipped);
}

static void json_files(FILE *f, const struct compare_result *r)
{
	json_key(f, "hits_files");
	fputc('[', f);
	for (size_t i = 0; i < r->n_files; i++) {
		fputs(i ? ",{" : "{", f);
		json_text(f, "file", r->files[i].path);
		fputc(',', f);
		json_text(f, "form", r->files[i].form->name);
		fputc(',', f);
		json_counts(f, &r->files[i]);
		fputc('}', f);
	}
	fputs("],", f);
}

static void json_skipped(FILE *f, const struct hits_counts *c)
{
	fprintf(f, "\"skipped\":{\"total\":%" PRIu64, c->skipped);
	for (int w = 0; w < HITS_SKIP_COUNT; w++)
		fprintf(f, ",\"%s\":%" PRIu64, hits_skip_name((enum hits_skip)w), c->by_reason[w]);
	fputs("},", f);
}

static void json_population_of_set(FILE *f, const struct compare_result *r, const struct compare_set_result *s)
{
	char p[64];
	hypergeom_format_p(s->log_p, 6, p, sizeof(p));
	fprintf(f, ",\"K\":%" PRIu64 ",\"k\":%" PRIu64 ",\"exposed_outside_population\":%" PRIu64
		   ",\"expected\":%.6g,\"p\":%s,\"log10_p\":", s->K, s->k, s->outside, expected_by_chance(r, s), p);
	if (s->log_p == -INFINITY)
		fputs("null", f);
	else
		fprintf(f, "%.6Lf", s->log_p / HYPERGEOM_LN10);
}

static void json_set(FILE *f, const struct compare_result *r, const struct compare_set_result *s)
{
	size_t order[EXPOSED_MAX_SOURCES];
	const struct exposed_set *e = s->set;
	fputc('{', f);
	json_text(f, "name", e->name);
	fputc(',', f);
	json_text(f, "file", e->path);
	fputc(',', f);
	json_text(f, "format", e->format);
	fprintf(f, ",\"addresses\":%zu,\"explained\":%" PRIu64 ",", e->keys.n, s->explained);
	json_share(f, "share", s->explained, r->unique);
	fputs(",\"by_origin\":{", f);
	for (int o = 0; o < ORIGIN_COUNT; o++)
		fprintf(f, "%s\"%s\":%" PRIu64, o ? "," : "", origin_name((enum origin)o), s->by_origin[o]);
	fputs("},\"by_source\":{", f);
	sources_by_name(e, order);
	for (size_t i = 0; i < e->n_sources; i++) {
		fputs(i ? "," : "", f);
		json_key(f, e->source_names[order[i]]);
		fprintf(f, "%" PRIu64, s->by_source[order[i]]);
	}
	fputc('}', f);
	if (has_population(r))
		json_population_of_set(f, r, s);
	fputc('}', f);
}

static void json_sets(FILE *f, const struct compare_result *r)
{
	fputs("\"sets\":[", f);
	for (size_t i = 0; i < r->n_sets; i++) {
		fputs(i ? "," : "", f);
		json_set(f, r, &r->sets[i]);
	}
	fputs("],\"best_set\":", f);
	if (r->best >= 0 && r->n_sets > 1)
		json_string(f, r->sets[r->best].set->name, strlen(r->sets[r->best].set->name));
	else
		fputs("null", f);
	fputs(",\"tied_sets\":[", f);
	for (size_t i = 0, k = 0; i < r->n_sets; i++)
		if (r->best < 0 && (r->tied & (UINT32_C(1) << i))) {
			fputs(k++ ? "," : "", f);
			json_string(f, r->sets[i].set->name, strlen(r->sets[i].set->name));
		}
	fputs("],", f);
}

static void json_days(FILE *f, const struct compare_result *r)
{
	char day[11];
	fputs("\"per_day\":[", f);
	for (size_t i = 0; i < r->n_days; i++) {
		day_text(r->days[i].day, day);
		fprintf(f, "%s{\"day\":\"%s\",\"explained\":%" PRIu64 ",\"unexplained\":%" PRIu64 "}", i ? "," : "", day,
			r->days[i].explained, r->days[i].unexplained);
	}
	fprintf(f, "],\"no_date\":{\"explained\":%" PRIu64 ",\"unexplained\":%" PRIu64 ",\"unreadable_dates\":%" PRIu64
		   "},", r->no_date_explained, r->no_date_unexplained, r->unreadable_dates);
}

static void json_population(FILE *f, const struct compare_result *r)
{
	fputs("\"population\":", f);
	if (!has_population(r)) {
		fputs("null", f);
		return;
	}
	fputc('{', f);
	json_text(f, "file", r->population.path);
	fputc(',', f);
	json_text(f, "form", r->population.form->name);
	fprintf(f, ",\"lines\":%" PRIu64 ",\"skipped\":%" PRIu64 ",\"N\":%" PRIu64 ",\"n\":%" PRIu64
		   ",\"hits_outside\":%" PRIu64 "}", r->population.counts.lines, r->population.counts.skipped, r->N, r->n,
		r->hits_outside);
}

int compare_report_json(FILE *f, const struct compare_result *r)
{
	fputc('{', f);
	json_text(f, "key_space", key_space_name(r->space));
	fputc(',', f);
	json_files(f, r);
	fprintf(f, "\"lines_read\":%" PRIu64 ",\"messages_read\":%" PRIu64 ",\"hits_read\":%" PRIu64 ",",
		r->totals.lines, r->totals.messages, r->totals.hits);
	json_skipped(f, &r->totals);
	fprintf(f, "\"unique_hits\":%" PRIu64 ",\"explained\":%" PRIu64 ",", r->unique, r->explained_any);
	json_share(f, "explained_share", r->explained_any, r->unique);
	fprintf(f, ",\"unexplained\":%" PRIu64 ",", r->unique - r->explained_any);
	json_share(f, "unexplained_share", r->unique - r->explained_any, r->unique);
	fputc(',', f);
	json_sets(f, r);
	json_days(f, r);
	json_population(f, r);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}
