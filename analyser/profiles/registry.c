/* Profile helpers: origins, table globs, the built-in profile registry. */
#include "profile.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "textcmp.h"

/* The built-in profiles: adding one is a file beside this one defining
 * `const struct profile profile_NAME`, a line X(NAME) here, a line in the
 * Makefile. Detection tries them in this order: @Mail's `Users` +
 * `UserSession` first, since Roundcube has a `users` table too. */
#define BUILTIN_PROFILES(X) \
	X(atmail)           \
	X(roundcube)        \
	X(squirrelmail)

#define DECLARE(name) extern const struct profile profile_##name;
#define ENTRY(name) &profile_##name,
BUILTIN_PROFILES(DECLARE)
static const struct profile *const builtin_profiles[] = { BUILTIN_PROFILES(ENTRY) NULL };

static const char *const origin_names[ORIGIN_COUNT] = { "login", "addressbook", "sent" };

const char *origin_name(enum origin o)
{
	return (unsigned)o < ORIGIN_COUNT ? origin_names[o] : "?";
}

int origins_parse(const char *list, unsigned *mask)
{
	*mask = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		int found = 0;
		for (int o = 0; o < ORIGIN_COUNT; o++) {
			if (equals_ci(p, n, origin_names[o])) {
				*mask |= 1u << o;
				found = 1;
			}
		}
		if (!found)
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return *mask ? 0 : -1;
}

const struct profile *profile_builtin(const char *name)
{
	for (size_t i = 0; builtin_profiles[i]; i++)
		if (strcasecmp(builtin_profiles[i]->name, name) == 0)
			return builtin_profiles[i];
	return NULL;
}

const struct profile *profile_builtin_at(size_t i)
{
	size_t n = sizeof(builtin_profiles) / sizeof(builtin_profiles[0]) - 1;
	return i < n ? builtin_profiles[i] : NULL;
}

const struct profile *profile_choose(const char *name, struct profile **loaded, char *err, size_t errsz)
{
	const struct profile *p = profile_builtin(name);
	if (p)
		return p;
	if (strchr(name, '/') || strchr(name, '.'))
		return *loaded = profile_load(name, err, errsz);
	char names[256];
	profile_names_text(names, sizeof(names), ", ");
	snprintf(err, errsz, "unknown profile '%s' (built in: %s; or a path to a profile file)", name, names);
	return NULL;
}

int profile_names_text(char *buf, size_t sz, const char *sep)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; builtin_profiles[i]; i++) {
		int n = snprintf(buf + used, sz - used, "%s%s", i ? sep : "", builtin_profiles[i]->name);
		if (n < 0 || (size_t)n >= sz - used)
			return -1;
		used += (size_t)n;
	}
	return 0;
}

int glob_match_ci(const char *pattern, const char *text)
{
	const char *star = NULL, *resume = NULL;
	while (*text) {
		if (*pattern == '*') {
			star = pattern++;
			resume = text;
		} else if (*pattern == '?' ||
			   tolower((unsigned char)*pattern) == tolower((unsigned char)*text)) {
			pattern++;
			text++;
		} else if (star) { /* backtrack: let the last '*' swallow one more */
			pattern = star + 1;
			text = ++resume;
		} else {
			return 0;
		}
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

int glob_list_match_ci(const char *globs, const char *table)
{
	char one[128];
	const char *p = globs;
	while (*p) {
		p += strspn(p, " \t");
		size_t n = strcspn(p, " \t");
		if (n > 0 && n < sizeof(one)) {
			memcpy(one, p, n);
			one[n] = '\0';
			if (glob_match_ci(one, table))
				return 1;
		}
		p += n;
	}
	return 0;
}

int extractor_reads_table(const struct extractor *ex, const char *table)
{
	return ex->tables && glob_list_match_ci(ex->tables, table);
}

long extractor_each_run(const struct extractor *ex, char *const *tables, size_t n, extractor_run_fn fn,
			void *ctx)
{
	long runs = 0;
	if (!ex->tables)
		return fn(ctx, ex, NULL) != 0 ? -1 : 1;
	for (size_t t = 0; t < n; t++) {
		if (!extractor_reads_table(ex, tables[t]))
			continue;
		if (fn(ctx, ex, tables[t]) != 0)
			return -1;
		runs++;
	}
	return runs;
}
