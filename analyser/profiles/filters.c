/* The field filters and time kinds a profile may name, each in one table:
 * the loader reads these names, the printer writes them, the scan calls the
 * hooks. */
#include "profile.h"

#include <stdio.h>
#include <strings.h>

static const struct {
	const char *name;
	/* how many leading bytes to strip; NULL: none */
	size_t (*skip)(const char *s, size_t len);
} filters[FILTER_COUNT] = {
	[FILTER_NONE] = { "none", NULL },
	[FILTER_ATMAIL_LOGMSG] = { "atmail-logmsg", atmail_logmsg_prefix },
	[FILTER_VCARD] = { "vcard", NULL }, /* the scan reads the vCard's EMAIL lines */
};

const char *field_filter_name(enum field_filter f)
{
	return (unsigned)f < FILTER_COUNT ? filters[f].name : "?";
}

/* The index of name (case-insensitively) among n names given by name_of; -1: none. */
static int find_name(const char *name, int n, const char *(*name_of)(int))
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(name, name_of(i)) == 0)
			return i;
	return -1;
}

static const char *filter_name_at(int i)
{
	return filters[i].name;
}

int field_filter_parse(const char *name, enum field_filter *f)
{
	int i = find_name(name, FILTER_COUNT, filter_name_at);
	if (i < 0)
		return -1;
	*f = (enum field_filter)i;
	return 0;
}

void field_filter_names(char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < FILTER_COUNT && n < size; i++) {
		const char *sep = i == 0 ? "" : i == FILTER_COUNT - 1 ? " or " : ", ";
		int w = snprintf(buf + n, size - n, "%s%s", sep, filters[i].name);
		if (w < 0)
			return;
		n += (size_t)w;
	}
}

size_t field_filter_skip(enum field_filter f, const char *s, size_t len)
{
	return (unsigned)f < FILTER_COUNT && filters[f].skip ? filters[f].skip(s, len) : 0;
}

static const char *const time_kinds[TIME_KIND_COUNT] = {
	[TIME_KIND_CHANGED] = "changed",
	[TIME_KIND_CREATED] = "created",
	[TIME_KIND_EVENT] = "event",
};

const char *time_kind_name(enum time_kind k)
{
	return (unsigned)k < TIME_KIND_COUNT ? time_kinds[k] : "?";
}

static const char *time_kind_at(int i)
{
	return time_kinds[i];
}

int time_kind_parse(const char *name, enum time_kind *k)
{
	int i = find_name(name, TIME_KIND_COUNT, time_kind_at);
	if (i < 0)
		return -1;
	*k = (enum time_kind)i;
	return 0;
}
