/* The table of summary formats: adding one is a file beside this one,
 * defining `const struct summary_format summary_format_NAME`, and a line
 * X(NAME) here (and its line in the Makefile). The first whose extensions
 * fit is chosen; text, with none, is the default and stays last. */
#include <stdio.h>
#include <string.h>

#include "report.h"

#define SUMMARY_FORMATS(X) \
	X(json)             \
	X(html)             \
	X(text)

#define DECLARE(name) extern const struct summary_format summary_format_##name;
#define ENTRY(name) &summary_format_##name,
SUMMARY_FORMATS(DECLARE)
static const struct summary_format *const summary_formats[] = { SUMMARY_FORMATS(ENTRY) };

#define N_FORMATS (sizeof(summary_formats) / sizeof(summary_formats[0]))

const struct summary_format *summary_format_at(size_t i)
{
	return i < N_FORMATS ? summary_formats[i] : NULL;
}

/* 1 when path ends with one of the space-separated extensions. */
static int has_extension(const char *path, const char *extensions)
{
	const char *dot = strrchr(path, '.');
	size_t len = dot ? strlen(dot) : 0;
	for (const char *e = extensions; dot && *e; e += strcspn(e, " ")) {
		e += strspn(e, " ");
		if (strncmp(e, dot, len) == 0 && (e[len] == ' ' || e[len] == '\0'))
			return 1;
	}
	return 0;
}

const struct summary_format *summary_format_for_path(const char *path)
{
	for (size_t i = 0; path && i < N_FORMATS; i++)
		if (has_extension(path, summary_formats[i]->extensions))
			return summary_formats[i];
	return summary_formats[N_FORMATS - 1];
}

/* "FILE.html or FILE.htm" */
static int put_files(char *buf, size_t sz, size_t *len, const char *extensions)
{
	const char *e = extensions;
	for (int first = 1; *(e += strspn(e, " ")); first = 0) {
		size_t n = strcspn(e, " ");
		int w = snprintf(buf + *len, sz - *len, "%sFILE%.*s", first ? "" : " or ", (int)n, e);
		if (w < 0 || (size_t)w >= sz - *len)
			return -1;
		*len += (size_t)w;
		e += n;
	}
	return 0;
}

int summary_formats_text(char *buf, size_t sz)
{
	size_t len = 0;
	if (sz == 0)
		return -1;
	buf[0] = '\0';
	for (size_t i = 0; i + 1 < N_FORMATS; i++) {
		if (put_files(buf, sz, &len, summary_formats[i]->extensions) != 0)
			return -1;
		int w = snprintf(buf + len, sz - len, " gives %s, ", summary_formats[i]->description);
		if (w < 0 || (size_t)w >= sz - len)
			return -1;
		len += (size_t)w;
	}
	int w = snprintf(buf + len, sz - len, "else %s", summary_formats[N_FORMATS - 1]->description);
	return w < 0 || (size_t)w >= sz - len ? -1 : 0;
}
