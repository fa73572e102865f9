/* Times as the databases hand them out, to seconds since the epoch (UTC). */
#ifndef EXPOSURE_TIMEUTIL_H
#define EXPOSURE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

enum time_parse {
	TIME_PARSED,     /* *out is set */
	TIME_ABSENT,     /* empty, or MySQL's zero date: no time */
	TIME_UNPARSED,   /* text we could not read as a time */
};

/* Accepts a Unix epoch in whole seconds, or ISO 8601 / SQL text:
 * YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS[.frac]], 'T' or ' ' between, an optional
 * Z or +hh[:mm] / -hh[:mm] offset (none: UTC). */
enum time_parse time_parse(const char *s, size_t len, int64_t *out);

/* YYYY-MM-DDTHH:MM:SSZ into buf (at least 21 bytes). */
void time_format(int64_t t, char buf[21]);

/* The day of t (days since 1970-01-01, rounded down, also before 1970). */
int64_t time_day(int64_t t);

#endif
