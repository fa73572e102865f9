/* The summary as JSON: schema "exposure-summary/2" (docs/reference.md),
 * built as a jansson tree and written in one compact line. Keys come in a
 * fixed order and every reason and origin is always present, so two
 * summaries diff cleanly. */
#include <stdlib.h>

#include "jsonout.h"
#include "report.h"
#include "timeutil.h"

#define SCHEMA "exposure-summary/2"

/* Each builder returns a new value, or NULL on no memory; json_object_set_new
 * and json_array_append_new fail on a NULL value and free what they are
 * given, so a tree is built with `rc |=` and checked once. */

static json_t *time_or_null(int64_t t)
{
	char buf[21];
	if (t == TIME_NONE)
		return json_null();
	time_format(t, buf);
	return jsonout_text0(buf);
}

static json_t *text_or_null(const char *s)
{
	return s ? jsonout_text0(s) : json_null();
}

static json_t *rejects_object(const uint64_t *rejects)
{
	json_t *o = json_object();
	int rc = 0;
	for (int i = 1; i < ADDR_REJECT_COUNT; i++)
		rc |= json_object_set_new(o, addr_reject_name((enum addr_reject)i), jsonout_count(rejects[i]));
	return rc ? (json_decref(o), NULL) : o;
}

/* Keys and counts in order, as the run and the totals list them. */
struct count_key {
	const char *key;
	uint64_t n;
};

static int put_counts(json_t *o, const struct count_key *c, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= json_object_set_new(o, c[i].key, jsonout_count(c[i].n));
	return rc;
}

#define PUT_COUNTS(o, ...)                                                                 \
	put_counts(o, (const struct count_key[]){ __VA_ARGS__ },                           \
		   sizeof((const struct count_key[]){ __VA_ARGS__ }) / sizeof(struct count_key))

static json_t *run_object(const struct scan_run *r)
{
	json_t *o = json_object();
	int rc = json_object_set_new(o, "extractor", jsonout_text0(r->ex->name));
	rc |= json_object_set_new(o, "table", jsonout_text0(r->table));
	rc |= PUT_COUNTS(o, { "rows", r->rows }, { "fields", r->fields }, { "nulls", r->nulls },
			 { "accepted", r->accepted }, { "rejected", r->rejected }, { "rows_with_time", r->timed },
			 { "rows_bad_time", r->bad_times }, { "rows_untimed", r->untimed },
			 { "rows_placeholder_time", r->placeholder }, { "rows_after_window", r->after },
			 { "rows_changed_after_window", r->changed_after }, { "rows_deleted", r->deleted },
			 { "rows_deleted_skipped", r->deleted_skipped }, { "rows_system_account", r->system_rows });
	rc |= json_object_set_new(o, "rejects", rejects_object(r->rejects));
	return rc ? (json_decref(o), NULL) : o;
}

static json_t *source_object(const struct scan_source *src)
{
	json_t *o = json_object(), *runs = json_array(), *absent = json_array();
	int rc = json_object_set_new(o, "name", jsonout_text0(src->name));
	rc |= json_object_set_new(o, "connector", jsonout_text0(src->impl->name));
	rc |= json_object_set_new(o, "profile", text_or_null(src->profile ? src->profile->name : NULL));
	rc |= json_object_set_new(o, "time_zone", jsonout_text0(time_zone_name(src->zone)));
	rc |= json_object_set_new(o, "failed", json_boolean(src->failed));
	rc |= json_object_set_new(o, "error", text_or_null(src->failed ? src->err : NULL));
	for (size_t i = 0; i < src->n_runs; i++)
		rc |= json_array_append_new(runs, run_object(&src->runs[i]));
	for (size_t i = 0; i < src->n_absent; i++)
		rc |= json_array_append_new(absent, jsonout_text0(src->absent[i]));
	rc |= json_object_set_new(o, "runs", runs);
	rc |= json_object_set_new(o, "absent", absent);
	return rc ? (json_decref(o), NULL) : o;
}

static json_t *totals_object(const struct report_totals *t)
{
	json_t *o = json_object();
	int rc = PUT_COUNTS(o, { "rows", t->rows }, { "rows_with_time", t->timed }, { "rows_bad_time", t->bad_times },
			    { "rows_untimed", t->untimed }, { "rows_placeholder_time", t->placeholder },
			    { "rows_after_window", t->after }, { "rows_changed_after_window", t->changed_after },
			    { "rows_deleted", t->deleted }, { "rows_deleted_skipped", t->deleted_skipped },
			    { "rows_system_account", t->system_rows }, { "fields", t->fields }, { "nulls", t->nulls },
			    { "items", t->accepted + t->rejected }, { "accepted", t->accepted },
			    { "rejected", t->rejected }, { "anomalies", t->anomalies });
	rc |= json_object_set_new(o, "rejects", rejects_object(t->rejects));
	return rc ? (json_decref(o), NULL) : o;
}

static json_t *unique_object(const struct scan *sc, const struct report_totals *t)
{
	json_t *o = json_object(), *by_origin = json_object(), *by_origins = json_object(), *by_source = json_object();
	int rc = json_object_set_new(o, "total", jsonout_count(t->unique));
	for (int i = 0; i < ORIGIN_COUNT; i++)
		rc |= json_object_set_new(by_origin, origin_name(i), jsonout_count(t->by_origin[i]));
	for (unsigned m = 1; m <= ORIGIN_ALL; m++) {
		char name[64];
		report_origins_label(m, "+", name, sizeof(name));
		rc |= json_object_set_new(by_origins, name, jsonout_count(t->by_overlap[m]));
	}
	for (size_t s = 0; s < sc->n_sources; s++) /* source names are unique: each its key */
		rc |= jsonout_set(by_source, sc->sources[s].name, jsonout_count(t->by_source[s]));
	rc |= json_object_set_new(o, "by_origin", by_origin);
	rc |= json_object_set_new(o, "by_origins", by_origins);
	rc |= json_object_set_new(o, "by_source", by_source);
	rc |= PUT_COUNTS(o, { "internal", t->internal }, { "external", t->external });
	return rc ? (json_decref(o), NULL) : o;
}

/* "internal_domains" and "top_domains" into root. 0, or -1 on no memory. */
static int put_domains(json_t *root, const struct scan *sc, const struct domain_set *internal, int given)
{
	struct domain_set all;
	domain_set_init(&all);
	struct domain_entry **ranked = NULL, **own = NULL;
	json_t *in = json_object(), *names = json_array(), *top = json_array();
	int rc = -1;
	if (report_domain_counts(sc, &all) != 0 || !(ranked = domain_set_ranked(&all)) ||
	    !(own = domain_set_ranked(internal)))
		goto out;
	rc = json_object_set_new(in, "from", json_string(given ? "option" : "logins_and_owners"));
	for (size_t i = 0; i < internal->n; i++)
		rc |= json_array_append_new(names, jsonout_text0(own[i]->name));
	for (size_t i = 0; i < all.n && i < REPORT_TOP_DOMAINS; i++) {
		json_t *d = json_object();
		rc |= json_object_set_new(d, "domain", jsonout_text0(ranked[i]->name));
		rc |= json_object_set_new(d, "addresses", jsonout_count(ranked[i]->count));
		rc |= json_array_append_new(top, d);
	}
	rc |= json_object_set(in, "domains", names);
	rc |= json_object_set(root, "internal_domains", in);
	rc |= json_object_set(root, "top_domains", top);
out:
	json_decref(in);
	json_decref(names);
	json_decref(top);
	free(ranked);
	free(own);
	domain_set_release(&all);
	return rc ? -1 : 0;
}

static json_t *timeline_array(const struct scan *sc)
{
	size_t n;
	struct report_day *days;
	if (report_timeline(sc, &days, &n) != 0)
		return NULL;
	json_t *a = json_array();
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char buf[21];
		time_format(days[i].day * 86400, buf);
		json_t *d = json_object();
		rc |= json_object_set_new(d, "day", json_stringn(buf, 10));
		rc |= json_object_set_new(d, "rows", jsonout_count(days[i].rows));
		rc |= json_array_append_new(a, d);
	}
	free(days);
	return rc ? (json_decref(a), NULL) : a;
}

static json_t *summary_object(const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	struct report_totals t;
	size_t failed = 0;
	report_totals(sc, internal, &t);
	json_t *root = json_object(), *window = json_object(), *sources = json_array();
	int rc = json_object_set_new(root, "schema", json_string(SCHEMA));
	rc |= json_object_set_new(window, "since", time_or_null(sc->since));
	rc |= json_object_set_new(window, "until", time_or_null(sc->until));
	rc |= json_object_set_new(root, "window", window);
	for (size_t s = 0; s < sc->n_sources; s++) {
		rc |= json_array_append_new(sources, source_object(&sc->sources[s]));
		failed += (size_t)sc->sources[s].failed;
	}
	rc |= json_object_set_new(root, "sources", sources);
	rc |= json_object_set_new(root, "totals", totals_object(&t));
	rc |= json_object_set_new(root, "unique", unique_object(sc, &t));
	rc |= put_domains(root, sc, internal, internal_given);
	rc |= json_object_set_new(root, "timeline", timeline_array(sc));
	rc |= PUT_COUNTS(root, { "failed_sources", failed });
	rc |= json_object_set_new(root, "partial", json_boolean(failed));
	return rc ? (json_decref(root), NULL) : root;
}

int report_json(FILE *f, const struct scan *sc, const struct domain_set *internal, int internal_given)
{
	json_t *root = summary_object(sc, internal, internal_given);
	int rc = root ? jsonout_line(f, root) : -1;
	json_decref(root);
	return rc != 0 || ferror(f) ? -1 : 0;
}

const struct summary_format summary_format_json = {
	.name = "json",
	.extensions = ".json",
	.description = "JSON",
	.write = report_json,
};
