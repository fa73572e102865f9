/* The field filters a profile may name, in one table: the loader reads
 * these names, the printer writes them, the scan calls the hooks. */
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

int field_filter_parse(const char *name, enum field_filter *f)
{
	for (int i = 0; i < FILTER_COUNT; i++)
		if (strcasecmp(name, filters[i].name) == 0) {
			*f = (enum field_filter)i;
			return 0;
		}
	return -1;
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
