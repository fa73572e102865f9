/* The numbers every summary format shows: totals over the runs and the
 * set, the timeline, the domains. */
#include "report.h"

#include "timeutil.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void add_run(struct report_totals *t, const struct scan_run *r)
{
	t->rows += r->rows;
	t->fields += r->fields;
	t->nulls += r->nulls;
	t->accepted += r->accepted;
	t->rejected += r->rejected;
	t->timed += r->timed;
	t->bad_times += r->bad_times;
	t->system_rows += r->system_rows;
	t->deleted += r->deleted;
	t->deleted_skipped += r->deleted_skipped;
	t->after += r->after;
	t->changed_after += r->changed_after;
	t->untimed += r->untimed;
	t->placeholder += r->placeholder;
	for (int i = 0; i < ADDR_REJECT_COUNT; i++) {
		t->rejects[i] += r->rejects[i];
		if (addr_reject_is_anomaly((enum addr_reject)i))
			t->anomalies += r->rejects[i];
	}
}

static void add_entry(struct report_totals *t, const struct addr_entry *e, const struct domain_set *internal)
{
	unsigned origins = e->origins & ORIGIN_ALL;
	t->unique++;
	for (int o = 0; o < ORIGIN_COUNT; o++)
		t->by_origin[o] += (origins >> o) & 1u;
	t->by_overlap[origins]++;
	for (unsigned s = 0; s < ADDRSET_MAX_SOURCES; s++)
		t->by_source[s] += (e->sources >> s) & 1u;
	if (domain_set_has(internal, address_domain(e->addr)))
		t->internal++;
	else
		t->external++;
}

void report_totals(const struct scan *sc, const struct domain_set *internal, struct report_totals *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t s = 0; s < sc->n_sources; s++)
		for (size_t r = 0; r < sc->sources[s].n_runs; r++)
			add_run(t, &sc->sources[s].runs[r]);
	for (const struct addr_entry *e = sc->set.by_addr; e; e = e->hh.next)
		add_entry(t, e, internal);
}

static int day_cmp(const void *a, const void *b)
{
	const struct report_day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

int report_timeline(const struct scan *sc, struct report_day **days, size_t *n)
{
	size_t cap = 0, len = 0;
	struct report_day *v = NULL;
	*days = NULL;
	*n = 0;
	for (size_t s = 0; s < sc->n_sources; s++)
		cap += HASH_COUNT(sc->sources[s].days);
	if (cap == 0)
		return 0;
	if (!(v = malloc(cap * sizeof(*v))))
		return -1;
	for (size_t s = 0; s < sc->n_sources; s++)
		for (const struct day_count *d = sc->sources[s].days; d; d = d->hh.next)
			v[len++] = (struct report_day){ d->day, d->rows };
	qsort(v, len, sizeof(*v), day_cmp);
	size_t out = 0; /* merge the sources' counts of one day */
	for (size_t i = 0; i < len; i++) {
		if (out > 0 && v[out - 1].day == v[i].day)
			v[out - 1].rows += v[i].rows;
		else
			v[out++] = v[i];
	}
	*days = v;
	*n = out;
	return 0;
}

void report_origins_label(unsigned origins, const char *sep, char *buf, size_t sz)
{
	buf[0] = '\0';
	for (int o = 0; o < ORIGIN_COUNT; o++)
		if (origins & (1u << o)) {
			if (buf[0])
				strncat(buf, sep, sz - strlen(buf) - 1);
			strncat(buf, origin_name(o), sz - strlen(buf) - 1);
		}
}

uint64_t report_anomalies(const struct scan *sc)
{
	uint64_t n = 0;
	for (size_t s = 0; s < sc->n_sources; s++)
		for (size_t r = 0; r < sc->sources[s].n_runs; r++)
			for (int i = 0; i < ADDR_REJECT_COUNT; i++)
				if (addr_reject_is_anomaly((enum addr_reject)i))
					n += sc->sources[s].runs[r].rejects[i];
	return n;
}

int report_domain_counts(const struct scan *sc, struct domain_set *all)
{
	for (const struct addr_entry *e = sc->set.by_addr; e; e = e->hh.next)
		if (domain_set_add(all, address_domain(e->addr)) != 0)
			return -1;
	return 0;
}
