/* Times as the databases hand them out, to seconds since the epoch (UTC). */
#ifndef EXPOSURE_TIMEUTIL_H
#define EXPOSURE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

enum time_parse {
	TIME_PARSED,      /* *out is set */
	TIME_ABSENT,      /* empty: no time */
	TIME_PLACEHOLDER, /* a placeholder written for "no time": MySQL's zero date
			   * 0000-00-00[ 00:00:00], 1000-01-01 00:00:00 (Roundcube's
			   * upgrade scripts), the epoch 0 */
	TIME_UNPARSED,    /* text we could not read as a time */
};

/* A source's time zone: how a date-time without an offset is read. */
struct time_zone;

/* Accepts a Unix epoch in whole seconds, or ISO 8601 / SQL text:
 * YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS[.frac]], 'T' or ' ' between, an optional
 * Z or +hh[:mm] / -hh[:mm] offset (none: UTC). */
enum time_parse time_parse(const char *s, size_t len, int64_t *out);

/* The same, a time without an offset read as local time in z (NULL: UTC). */
enum time_parse time_parse_in(const char *s, size_t len, const struct time_zone *z, int64_t *out);

/* A zone by name: "UTC", an offset "+hh:mm" / "-hh:mm", or an IANA name
 * ("Europe/Berlin") read from the system's zoneinfo files ($TZDIR, else
 * /usr/share/zoneinfo). Returns the zone (free with time_zone_free), or
 * NULL with a message. Nothing global is touched (no TZ, no tzset). */
struct time_zone *time_zone_load(const char *name, char *err, size_t errsz);
void time_zone_free(struct time_zone *z);
/* Its name as given; "UTC" for NULL. */
const char *time_zone_name(const struct time_zone *z);
/* UTC seconds of a local civil time (seconds as if it were UTC) in z. A
 * local time that occurs twice (clocks set back) is read as the earlier;
 * one that never occurs (clocks set forward) with the offset before. */
int64_t time_zone_to_utc(const struct time_zone *z, int64_t local);

/* The times a time is written in: 0000-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z. time_parse refuses a text outside (TIME_UNPARSED). */
#define TIME_MIN INT64_C(-62167219200)
#define TIME_MAX INT64_C(253402300799)

/* YYYY-MM-DDTHH:MM:SSZ into buf (at least 21 bytes); a time outside
 * [TIME_MIN, TIME_MAX] is written as the nearer end. */
void time_format(int64_t t, char buf[21]);

/* The day of t (days since 1970-01-01, rounded down, also before 1970). */
int64_t time_day(int64_t t);

#endif
