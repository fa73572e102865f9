/* The table of list formats: adding one is a file beside this one, defining
 * `const struct list_format list_format_NAME`, and a line X(NAME) here (and
 * its line in the Makefile). The first is the default. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "list_format.h"

#define LIST_FORMATS(X) \
	X(csv)          \
	X(jsonl)        \
	X(list)         \
	X(sha256)       \
	X(md5)

#define DECLARE(name) extern const struct list_format list_format_##name;
#define ENTRY(name) &list_format_##name,
LIST_FORMATS(DECLARE)
static const struct list_format *const list_formats[] = { LIST_FORMATS(ENTRY) };

const struct list_format *list_format_at(size_t i)
{
	return i < sizeof(list_formats) / sizeof(list_formats[0]) ? list_formats[i] : NULL;
}

const struct list_format *list_format_find(const char *name)
{
	const struct list_format *lf;
	for (size_t i = 0; (lf = list_format_at(i)); i++)
		if (strcmp(lf->name, name) == 0)
			return lf;
	return NULL;
}

/* The names joined by sep, the default's marked by mark. 0, or -1 when cut. */
static int join_names(char *buf, size_t sz, const char *sep, const char *mark)
{
	const struct list_format *lf;
	size_t len = 0;
	if (sz == 0)
		return -1;
	buf[0] = '\0';
	for (size_t i = 0; (lf = list_format_at(i)); i++) {
		int n = snprintf(buf + len, sz - len, "%s%s%s", i ? sep : "", lf->name, i ? "" : mark);
		if (n < 0 || (size_t)n >= sz - len)
			return -1;
		len += (size_t)n;
	}
	return 0;
}

int list_formats_text(char *buf, size_t sz)
{
	return join_names(buf, sz, " | ", " (default)");
}

int list_formats_names(char *buf, size_t sz)
{
	return join_names(buf, sz, ", ", "");
}

int list_format_write_all(const struct list_format *lf, struct output_ctx *o, struct addr_entry *const *sorted,
			  size_t n)
{
	o->state = NULL;
	o->failed = 0;
	if (lf->open && lf->open(o) != 0)
		return -1;
	for (size_t i = 0; i < n && !o->failed; i++) {
		if (i + 8 < n) /* sorted order is memory's random order: ask ahead */
			__builtin_prefetch(sorted[i + 8]->addr);
		o->failed = lf->record(o, sorted[i]) != 0;
	}
	int saved = errno; /* the record's errno, whatever close does */
	if (lf->close && lf->close(o) != 0)
		return -1;
	errno = saved;
	return o->failed ? -1 : 0;
}
