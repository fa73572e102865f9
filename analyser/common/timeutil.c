#include "timeutil.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), so we
 * need neither timegm() nor the TZ environment. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* n digits at s[*i] into *v; 0 when they are not all digits. */
static int digits(const char *s, size_t len, size_t *i, int n, int *v)
{
	*v = 0;
	for (int k = 0; k < n; k++, (*i)++) {
		if (*i >= len || s[*i] < '0' || s[*i] > '9')
			return 0;
		*v = *v * 10 + (s[*i] - '0');
	}
	return 1;
}

/* Later than any webmail row can be: 2100-01-01T00:00:00Z. */
#define EPOCH_MAX INT64_C(4102444800)

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

/* 1 when s is all digits (a Unix epoch, read only up to EPOCH_MAX); then
 * *out is set, or *out stays and the result is -1 when it is out of range. */
static int parse_epoch(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (v <= EPOCH_MAX) /* past it, only whether all are digits matters */
			v = v * 10 + (s[i] - '0');
	}
	if (v > EPOCH_MAX)
		return -1;
	*out = v;
	return 1;
}

/* Z, +hh, +hhmm or +hh:mm at s[*i]; sets *offset in seconds east of UTC. */
static int parse_offset(const char *s, size_t len, size_t *i, int64_t *offset)
{
	*offset = 0;
	if (*i == len)
		return 1;
	if (s[*i] == 'Z' || s[*i] == 'z')
		return ++*i == len;
	if (s[*i] != '+' && s[*i] != '-')
		return 0;
	int sign = s[(*i)++] == '-' ? -1 : 1, hh, mm = 0;
	if (!digits(s, len, i, 2, &hh))
		return 0;
	if (*i < len && s[*i] == ':')
		(*i)++;
	if (*i < len && !digits(s, len, i, 2, &mm))
		return 0;
	*offset = sign * (hh * 3600 + mm * 60);
	return *i == len && hh <= 23 && mm <= 59;
}

static int parse_clock(const char *s, size_t len, size_t *i, int *hh, int *mi, int *ss)
{
	*hh = *mi = *ss = 0;
	if (*i == len)
		return 1;
	if (s[*i] != ' ' && s[*i] != 'T' && s[*i] != 't')
		return 0;
	(*i)++;
	if (!digits(s, len, i, 2, hh) || *i >= len || s[(*i)++] != ':' || !digits(s, len, i, 2, mi))
		return 0;
	if (*i < len && s[*i] == ':') {
		(*i)++;
		if (!digits(s, len, i, 2, ss))
			return 0;
		if (*i < len && s[*i] == '.') /* fractions of a second are dropped */
			for ((*i)++; *i < len && s[*i] >= '0' && s[*i] <= '9'; (*i)++)
				;
	}
	return *hh <= 23 && *mi <= 59 && *ss <= 60;
}

/* A value written for "no time": MySQL's zero date (any clock after it),
 * Roundcube's 1000-01-01 00:00:00 (at midnight, in UTC, exactly), the epoch 0. */
static int is_placeholder(const char *s, size_t len)
{
	static const char first[] = "1000-01-01";
	if (len >= 10 && memcmp(s, "0000-00-00", 10) == 0)
		return 1;
	if (len == 1 && s[0] == '0')
		return 1;
	if (len < 10 || memcmp(s, first, 10) != 0)
		return 0;
	for (size_t i = 10; i < len; i++) /* " 00:00:00", ".000000", "+00" (PostgreSQL timestamptz) */
		if (!s[i] || !strchr(" T0:.+-Zz", s[i]))
			return 0;
	return 1;
}

enum time_parse time_parse(const char *s, size_t len, int64_t *out)
{
	return time_parse_in(s, len, NULL, out);
}

enum time_parse time_parse_in(const char *s, size_t len, const struct time_zone *z, int64_t *out)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0)
		return TIME_ABSENT;
	if (is_placeholder(s, len))
		return TIME_PLACEHOLDER;
	switch (parse_epoch(s, len, out)) {
	case 1:
		return TIME_PARSED;
	case -1:
		return TIME_UNPARSED;
	default:
		break;
	}
	size_t i = 0;
	int y, mo, d, hh, mi, ss;
	int64_t offset;
	if (!digits(s, len, &i, 4, &y) || i >= len || s[i++] != '-' || !digits(s, len, &i, 2, &mo) ||
	    i >= len || s[i++] != '-' || !digits(s, len, &i, 2, &d))
		return TIME_UNPARSED;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return TIME_UNPARSED;
	if (!parse_clock(s, len, &i, &hh, &mi, &ss))
		return TIME_UNPARSED;
	size_t zone_at = i; /* past it: the text names its own offset */
	if (!parse_offset(s, len, &i, &offset))
		return TIME_UNPARSED;
	int64_t civil = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + hh * 3600 + mi * 60 + ss;
	*out = i > zone_at ? civil - offset : time_zone_to_utc(z, civil);
	/* an offset may carry 0000-01-01 or 9999-12-31 past the years a time
	 * is written in (time_format's four digits) */
	return *out >= TIME_MIN && *out <= TIME_MAX ? TIME_PARSED : TIME_UNPARSED;
}

int64_t time_day(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

void time_format(int64_t t, char buf[21])
{
	/* the parsers give nothing outside; a caller's arithmetic might */
	t = t < TIME_MIN ? TIME_MIN : t > TIME_MAX ? TIME_MAX : t;
	int64_t days = time_day(t);
	int64_t secs = t - days * 86400;
	int y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	char tmp[72]; /* roomy for the compiler's worst case; real dates fill 20 */
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d, (unsigned)(secs / 3600),
		 (unsigned)(secs % 3600 / 60), (unsigned)(secs % 60));
	memcpy(buf, tmp, 20);
	buf[20] = '\0';
}
