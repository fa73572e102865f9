/* The report formats of `exposure compare`: the table, and what the
 * formats share (see include/compare_report.h and report_format.h). Counts
 * only: no address is ever printed by a report. */
#include "report_format.h"

#include <string.h>

#include "timeutil.h"

/* Adding a format: a file report_NAME.c defining `const struct
 * compare_report_format compare_report_NAME`, a line X(NAME) here, a line
 * in the Makefile. --json selects "json"; the first is the default. */
#define REPORT_FORMATS(X) \
	X(text)           \
	X(json)

#define DECLARE(name) extern const struct compare_report_format compare_report_##name;
#define ENTRY(name) &compare_report_##name,
REPORT_FORMATS(DECLARE)
const struct compare_report_format *const compare_report_formats[] = { REPORT_FORMATS(ENTRY) NULL };

const struct compare_report_format *compare_report_find(const char *name)
{
	for (size_t i = 0; compare_report_formats[i]; i++)
		if (strcmp(compare_report_formats[i]->name, name) == 0)
			return compare_report_formats[i];
	return NULL;
}

int report_has_population(const struct compare_result *r)
{
	return r->population.path != NULL;
}

/* "71.4%" of part in whole; "-" when whole is 0. */
void report_percent(uint64_t part, uint64_t whole, char *buf, size_t size)
{
	if (whole == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* The source indices of a set sorted by name, for a stable order. */
void report_sources_by_name(const struct exposed_set *e, size_t order[EXPOSED_MAX_SOURCES])
{
	for (size_t i = 0; i < e->n_sources; i++) {
		size_t j = i;
		for (; j > 0 && strcmp(e->source_names[order[j - 1]], e->source_names[i]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

void report_day_text(int64_t day, char buf[11])
{
	char iso[21];
	time_format(day * 86400, iso);
	memcpy(buf, iso, 10);
	buf[10] = '\0';
}

double report_expected_by_chance(const struct compare_result *r, const struct compare_set_result *s)
{
	return r->N ? (double)r->n * (double)s->K / (double)r->N : 0;
}
