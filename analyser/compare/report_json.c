/* The compare report as one JSON object, written through jansson (keys in
 * include/compare_report.h). The numbers we format (shares "%.6f", expected
 * "%.6g", p as hypergeom_format_p gives it, log10 p "%.6Lf") go out as
 * their text through json_out, as jansson would print them otherwise. */
#include "report_format.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hypergeom.h"
#include "jsonline.h"
#include "jsonout.h"

/* A report being built: the first failure (no memory, bad UTF-8) sticks. */
struct doc {
	struct json_out out;
	int failed;
};

static json_t *checked(struct doc *d, json_t *v)
{
	if (!v)
		d->failed = 1;
	return v;
}

static void set(struct doc *d, json_t *obj, const char *key, json_t *v)
{
	if (jsonout_set(obj, key, v) != 0) /* a source name as key: repaired when not UTF-8 */
		d->failed = 1;
}

static void add(struct doc *d, json_t *array, json_t *v)
{
	if (!v || json_array_append_new(array, v) != 0)
		d->failed = 1;
}

/* A string: a path or a name, its bytes that are not UTF-8 as U+FFFD. */
static json_t *text(struct doc *d, const char *s)
{
	return checked(d, jsonout_text0(s));
}

static json_t *count(struct doc *d, uint64_t n)
{
	return checked(d, json_integer((json_int_t)n));
}

static json_t *number(struct doc *d, const char *fmt_text)
{
	return checked(d, json_out_number(&d->out, fmt_text));
}

/* part / whole as "%.6f", null when whole is 0. */
static json_t *share(struct doc *d, uint64_t part, uint64_t whole)
{
	char buf[40];
	if (whole == 0)
		return checked(d, json_null());
	snprintf(buf, sizeof(buf), "%.6f", (double)part / (double)whole);
	return number(d, buf);
}

static json_t *object(struct doc *d)
{
	return checked(d, json_object());
}

static json_t *array(struct doc *d)
{
	return checked(d, json_array());
}

static void set_counts(struct doc *d, json_t *o, const struct compare_file *cf)
{
	set(d, o, "lines", count(d, cf->counts.lines));
	set(d, o, "messages", count(d, cf->counts.messages));
	set(d, o, "hits", count(d, cf->counts.hits));
	set(d, o, "skipped", count(d, cf->counts.skipped));
}

static json_t *files(struct doc *d, const struct compare_result *r)
{
	json_t *a = array(d);
	for (size_t i = 0; a && i < r->n_files; i++) {
		json_t *o = object(d);
		if (!o)
			break;
		set(d, o, "file", text(d, r->files[i].path));
		set(d, o, "form", text(d, r->files[i].form->name));
		set_counts(d, o, &r->files[i]);
		add(d, a, o);
	}
	return a;
}

static json_t *skipped(struct doc *d, const struct hits_counts *c)
{
	json_t *o = object(d);
	if (!o)
		return NULL;
	set(d, o, "total", count(d, c->skipped));
	for (int w = 0; w < HITS_SKIP_COUNT; w++)
		set(d, o, hits_skip_name((enum hits_skip)w), count(d, c->by_reason[w]));
	return o;
}

static void set_population_of_set(struct doc *d, json_t *o, const struct compare_result *r,
				  const struct compare_set_result *s)
{
	char buf[64];
	set(d, o, "K", count(d, s->K));
	set(d, o, "k", count(d, s->k));
	set(d, o, "exposed_outside_population", count(d, s->outside));
	snprintf(buf, sizeof(buf), "%.6g", report_expected_by_chance(r, s));
	set(d, o, "expected", number(d, buf));
	hypergeom_format_p(s->log_p, 6, buf, sizeof(buf));
	set(d, o, "p", number(d, buf));
	if (s->log_p == -INFINITY) {
		set(d, o, "log10_p", checked(d, json_null()));
		return;
	}
	snprintf(buf, sizeof(buf), "%.6Lf", s->log_p / HYPERGEOM_LN10);
	set(d, o, "log10_p", number(d, buf));
}

static json_t *by_origin(struct doc *d, const struct compare_set_result *s)
{
	json_t *o = object(d);
	for (int k = 0; o && k < ORIGIN_COUNT; k++)
		set(d, o, origin_name((enum origin)k), count(d, s->by_origin[k]));
	return o;
}

static json_t *by_source(struct doc *d, const struct compare_set_result *s)
{
	size_t order[EXPOSED_MAX_SOURCES];
	json_t *o = object(d);
	report_sources_by_name(s->set, order);
	for (size_t i = 0; o && i < s->set->n_sources; i++)
		set(d, o, s->set->source_names[order[i]], count(d, s->by_source[order[i]]));
	return o;
}

static json_t *one_set(struct doc *d, const struct compare_result *r, const struct compare_set_result *s)
{
	const struct exposed_set *e = s->set;
	json_t *o = object(d);
	if (!o)
		return NULL;
	set(d, o, "name", text(d, e->name));
	set(d, o, "file", text(d, e->path));
	set(d, o, "format", text(d, e->format));
	set(d, o, "addresses", count(d, e->keys.n));
	set(d, o, "explained", count(d, s->explained));
	set(d, o, "share", share(d, s->explained, r->unique));
	set(d, o, "by_origin", by_origin(d, s));
	set(d, o, "by_source", by_source(d, s));
	if (report_has_population(r))
		set_population_of_set(d, o, r, s);
	return o;
}

static void set_sets(struct doc *d, json_t *root, const struct compare_result *r)
{
	json_t *sets = array(d), *tied = array(d);
	for (size_t i = 0; sets && i < r->n_sets; i++)
		add(d, sets, one_set(d, r, &r->sets[i]));
	set(d, root, "sets", sets);
	if (r->best >= 0 && r->n_sets > 1)
		set(d, root, "best_set", text(d, r->sets[r->best].set->name));
	else
		set(d, root, "best_set", checked(d, json_null()));
	for (size_t i = 0; tied && i < r->n_sets; i++)
		if (r->best < 0 && (r->tied & (UINT32_C(1) << i)))
			add(d, tied, text(d, r->sets[i].set->name));
	set(d, root, "tied_sets", tied);
}

static void set_days(struct doc *d, json_t *root, const struct compare_result *r)
{
	char day[11];
	json_t *days = array(d), *no_date = object(d);
	for (size_t i = 0; days && i < r->n_days; i++) {
		json_t *o = object(d);
		if (!o)
			break;
		report_day_text(r->days[i].day, day);
		set(d, o, "day", text(d, day));
		set(d, o, "explained", count(d, r->days[i].explained));
		set(d, o, "unexplained", count(d, r->days[i].unexplained));
		add(d, days, o);
	}
	set(d, root, "per_day", days);
	if (no_date) {
		set(d, no_date, "explained", count(d, r->no_date_explained));
		set(d, no_date, "unexplained", count(d, r->no_date_unexplained));
		set(d, no_date, "unreadable_dates", count(d, r->unreadable_dates));
	}
	set(d, root, "no_date", no_date);
}

static json_t *population(struct doc *d, const struct compare_result *r)
{
	if (!report_has_population(r))
		return checked(d, json_null());
	json_t *o = object(d);
	if (!o)
		return NULL;
	set(d, o, "file", text(d, r->population.path));
	set(d, o, "form", text(d, r->population.form->name));
	set(d, o, "lines", count(d, r->population.counts.lines));
	set(d, o, "skipped", count(d, r->population.counts.skipped));
	set(d, o, "N", count(d, r->N));
	set(d, o, "n", count(d, r->n));
	set(d, o, "hits_outside", count(d, r->hits_outside));
	return o;
}

static void build(struct doc *d, json_t *root, const struct compare_result *r)
{
	set(d, root, "key_space", text(d, key_space_name(r->space)));
	set(d, root, "hits_files", files(d, r));
	set(d, root, "lines_read", count(d, r->totals.lines));
	set(d, root, "messages_read", count(d, r->totals.messages));
	set(d, root, "hits_read", count(d, r->totals.hits));
	set(d, root, "skipped", skipped(d, &r->totals));
	set(d, root, "unique_hits", count(d, r->unique));
	set(d, root, "explained", count(d, r->explained_any));
	set(d, root, "explained_share", share(d, r->explained_any, r->unique));
	set(d, root, "unexplained", count(d, r->unique - r->explained_any));
	set(d, root, "unexplained_share", share(d, r->unique - r->explained_any, r->unique));
	set_sets(d, root, r);
	set_days(d, root, r);
	set(d, root, "population", population(d, r));
}

static int write_json(FILE *f, const struct compare_result *r)
{
	struct doc *d = calloc(1, sizeof(*d)); /* json_out is large for the stack */
	json_t *root = json_object();
	int rc = -1;
	if (!d || !root) {
		errno = ENOMEM;
		goto out;
	}
	build(d, root, r);
	if (d->failed) {
		errno = EILSEQ; /* no memory, or a name that is not UTF-8 */
		goto out;
	}
	rc = json_out_write(&d->out, root, f);
out:
	json_decref(root);
	free(d);
	return rc;
}

const struct compare_report_format compare_report_json = {
	.name = "json",
	.description = "one JSON object (--json)",
	.write = write_json,
};
