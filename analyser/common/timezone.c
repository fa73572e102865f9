/* A source's time zone, for the date-times it stores without an offset
 * (MariaDB DATETIME, PostgreSQL timestamp without time zone): UTC, a fixed
 * offset, or an IANA zone read once from its TZif file (RFC 8536) into a
 * table of transitions. Each value is converted by a lookup in that table:
 * no TZ variable, no tzset(), nothing shared between the sources' threads.
 *
 * Times after a file's last transition keep the last offset; the zone
 * files Debian installs ("fat") list the transitions up to 2037. */
#include "timeutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ZONE_NAME_MAX 128
#define TZIF_MAX_BYTES (1 << 20)

struct time_zone {
	char name[ZONE_NAME_MAX];
	int32_t first_offset; /* before the first transition; the offset of a fixed zone */
	size_t n;             /* transitions */
	int64_t *at;          /* UTC seconds of each, ascending */
	int32_t *offset;      /* seconds east of UTC from then on */
};

const char *time_zone_name(const struct time_zone *z)
{
	return z ? z->name : "UTC";
}

void time_zone_free(struct time_zone *z)
{
	if (!z)
		return;
	free(z->at);
	free(z->offset);
	free(z);
}

/* The offset in force at UTC time t. */
static int32_t offset_at(const struct time_zone *z, int64_t t)
{
	size_t lo = 0, hi = z->n; /* the first transition after t */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? z->offset[lo - 1] : z->first_offset;
}

int64_t time_zone_to_utc(const struct time_zone *z, int64_t local)
{
	if (!z)
		return local;
	/* an offset changes at most once a day: the one a day before and the
	 * one a day after are the only candidates */
	int64_t before = local - offset_at(z, local - 86400), after = local - offset_at(z, local + 86400);
	int before_ok = local - offset_at(z, before) == before, after_ok = local - offset_at(z, after) == after;
	if (before_ok && after_ok)
		return before < after ? before : after;
	if (after_ok)
		return after;
	return before;
}

/* "+hh:mm", "-hhmm", "+hh": 0 and the offset, or -1. */
static int parse_fixed(const char *s, int32_t *offset)
{
	int64_t t;
	char text[64];
	if ((s[0] != '+' && s[0] != '-') || strlen(s) > 6)
		return -1;
	/* the same reading as an offset after a time */
	snprintf(text, sizeof(text), "1970-01-02T00:00:00%s", s);
	if (time_parse(text, strlen(text), &t) != TIME_PARSED)
		return -1;
	*offset = (int32_t)(86400 - t);
	return 0;
}

/* An IANA name: letters, digits, '_', '-', '+', '/' between parts, no "..". */
static int is_zone_name(const char *s)
{
	if (!*s || *s == '/' || strstr(s, "..") || strlen(s) >= ZONE_NAME_MAX)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      strchr("_-+/", *s)))
			return 0;
	return 1;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* The counts of a TZif header at p. */
struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static void header_counts(const unsigned char *p, struct tzif_counts *c)
{
	c->isut = be32(p + 20);
	c->isstd = be32(p + 24);
	c->leap = be32(p + 28);
	c->time = be32(p + 32);
	c->type = be32(p + 36);
	c->chars = be32(p + 40);
}

/* Bytes of a data block with 4- or 8-byte times. */
static size_t block_bytes(const struct tzif_counts *c, size_t tsize)
{
	return c->time * tsize + c->time + c->type * 6 + c->chars + c->leap * (tsize + 4) + c->isstd + c->isut;
}

/* The transitions of a TZif file's contents (version 2 or later: the 64-bit
 * block). 0, or -1 when it is not one. */
static int read_tzif(struct time_zone *z, const unsigned char *p, size_t len)
{
	struct tzif_counts c;
	if (len < 44 || memcmp(p, "TZif", 4) != 0 || p[4] < '2')
		return -1;
	header_counts(p, &c);
	size_t skip = 44 + block_bytes(&c, 4);
	if (len < skip + 44 || memcmp(p + skip, "TZif", 4) != 0)
		return -1;
	p += skip;
	len -= skip;
	header_counts(p, &c);
	if (c.type == 0 || c.time > 100000 || c.type > 256 || len < 44 + block_bytes(&c, 8))
		return -1;
	const unsigned char *times = p + 44, *idx = times + 8 * (size_t)c.time, *types = idx + c.time;
	z->first_offset = (int32_t)be32(types); /* type 0 holds before the first transition */
	z->n = c.time;
	z->at = malloc((c.time ? c.time : 1) * sizeof(*z->at));
	z->offset = malloc((c.time ? c.time : 1) * sizeof(*z->offset));
	if (!z->at || !z->offset)
		return -1;
	for (uint32_t i = 0; i < c.time; i++) {
		if (idx[i] >= c.type)
			return -1;
		z->at[i] = be64(times + 8 * (size_t)i);
		z->offset[i] = (int32_t)be32(types + 6 * (size_t)idx[i]);
		if (i && z->at[i] <= z->at[i - 1])
			return -1;
	}
	return 0;
}

static int load_file(struct time_zone *z, const char *name, char *err, size_t errsz)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "unknown time zone '%s': cannot open '%s': %s", name, path, strerror(errno));
		return -1;
	}
	unsigned char *buf = malloc(TZIF_MAX_BYTES);
	size_t len = buf ? fread(buf, 1, TZIF_MAX_BYTES, f) : 0;
	int rc = buf && read_tzif(z, buf, len) == 0 ? 0 : -1;
	if (rc != 0)
		snprintf(err, errsz, "time zone '%s': '%s' is not a zone file this exposure reads", name, path);
	free(buf);
	fclose(f);
	return rc;
}

struct time_zone *time_zone_load(const char *name, char *err, size_t errsz)
{
	struct time_zone *z = calloc(1, sizeof(*z));
	if (!z) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	snprintf(z->name, sizeof(z->name), "%s", name);
	if (strcasecmp(name, "UTC") == 0 || strcmp(name, "Z") == 0 || parse_fixed(name, &z->first_offset) == 0)
		return z;
	if (!is_zone_name(name)) {
		snprintf(err, errsz, "bad time zone '%s': use UTC, +hh:mm, -hh:mm or a zone name such as "
				     "Europe/Berlin", name);
	} else if (load_file(z, name, err, errsz) == 0) {
		return z;
	}
	time_zone_free(z);
	return NULL;
}
