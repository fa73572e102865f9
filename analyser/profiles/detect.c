/* Which built-in profile a source's tables fit. */
#include "profile.h"

#include <string.h>

static int profile_fits(const struct profile *p, const char *const *tables, size_t n)
{
	const char *g = p->detect;
	while (*g) {
		g += strspn(g, " ");
		size_t len = strcspn(g, " ");
		char glob[128];
		if (len == 0 || len >= sizeof(glob))
			break;
		memcpy(glob, g, len);
		glob[len] = '\0';
		int found = 0;
		for (size_t i = 0; i < n && !found; i++)
			found = glob_match_ci(glob, tables[i]);
		if (!found)
			return 0;
		g += len;
	}
	return 1;
}

const struct profile *profile_detect(const char *const *tables, size_t n)
{
	for (size_t i = 0; profile_builtin_at(i); i++)
		if (profile_fits(profile_builtin_at(i), tables, n))
			return profile_builtin_at(i);
	return NULL;
}
