/* Private to the compare report formats (report*.c): what they share. */
#ifndef EXPOSURE_COMPARE_REPORT_FORMAT_H
#define EXPOSURE_COMPARE_REPORT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "compare_report.h"

int report_has_population(const struct compare_result *r);
/* "71.4%" of part in whole; "-" when whole is 0. */
void report_percent(uint64_t part, uint64_t whole, char *buf, size_t size);
/* The source indices of a set sorted by name, for a stable order. */
void report_sources_by_name(const struct exposed_set *e, size_t order[EXPOSED_MAX_SOURCES]);
/* "YYYY-MM-DD" of a day since the epoch. */
void report_day_text(int64_t day, char buf[11]);
/* n K / N: the overlap expected if the hits were unrelated to the set. */
double report_expected_by_chance(const struct compare_result *r, const struct compare_set_result *s);

#endif
