/* Help texts: a command's text with its "{field}" placeholders filled in
 * from the plug-in tables (connector schemes, list and summary formats,
 * profiles, hits forms), so that a new member shows up in the help by
 * being in its table. A filled-in list wraps at 79 columns, its new lines
 * indented to where the placeholder stood. */
#include "cli.h"

#include <string.h>

#include "connector.h"
#include "hits.h"
#include "list_format.h"
#include "profile.h"
#include "report.h"

#define HELP_WIDTH 80
#define FIELD_MAX 4096

static int profile_names(char *buf, size_t sz)
{
	return profile_names_text(buf, sz, " | ");
}

/* The placeholders, each filled by a function of the table it names. */
static const struct help_field {
	const char *name;
	int (*text)(char *buf, size_t sz); /* 0, or -1 when buf is too small */
} fields[] = {
	{ "schemes", connector_schemes_text },
	{ "list-formats", list_formats_text },
	{ "summary-formats", summary_formats_text },
	{ "profiles", profile_names },
	{ "hits-forms", hits_readers_names },
};

static const struct help_field *field_named(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == len && memcmp(fields[i].name, name, len) == 0)
			return &fields[i];
	return NULL;
}

/* Fill in the placeholders of one line; 1 when it had any. */
static int expand_line(const char *line, size_t len, char *out, size_t outsz)
{
	size_t used = 0;
	int filled = 0;
	for (size_t i = 0; i < len && used + 1 < outsz;) {
		const char *close = line[i] == '{' ? memchr(line + i, '}', len - i) : NULL;
		const struct help_field *field = close ? field_named(line + i + 1, (size_t)(close - line - i - 1)) : NULL;
		if (field && field->text(out + used, outsz - used) == 0) {
			used += strlen(out + used);
			i = (size_t)(close - line) + 1;
			filled = 1;
			continue;
		}
		out[used++] = line[i++];
	}
	out[used] = '\0';
	return filled;
}

/* Where an option's description starts: after the option and a run of two
 * or more spaces ("  -f, --format F         csv..."); a line that is all
 * description starts at its indent. */
static size_t description_column(const char *line)
{
	size_t i = strspn(line, " ");
	for (size_t j = i; line[j]; j++)
		if (line[j] == ' ' && line[j + 1] == ' ')
			return j + strspn(line + j, " ");
	return i;
}

/* The length of the next unbreakable piece at p (after its leading
 * spaces): a word, with what follows it in parentheses kept on it, so that
 * "csv (default)" or "postgres:// (not built)" never splits. */
static size_t piece_length(const char *p)
{
	size_t len = strcspn(p, " ");
	int depth = 0;
	for (size_t i = 0; i < len; i++)
		depth += (p[i] == '(') - (p[i] == ')');
	while (p[len] == ' ' && (depth > 0 || p[len + strspn(p + len, " ")] == '(')) {
		size_t next = len + strspn(p + len, " ");
		size_t word = strcspn(p + next, " ");
		for (size_t i = next; i < next + word; i++)
			depth += (p[i] == '(') - (p[i] == ')');
		len = next + word;
	}
	return len;
}

/* A line too wide for the terminal, wrapped at spaces; continuation lines
 * start at the line's description column. */
static void put_wrapped(FILE *f, const char *line)
{
	size_t indent = description_column(line);
	size_t col = 0;
	for (const char *p = line; *p;) {
		size_t spaces = strspn(p, " ");
		size_t piece = piece_length(p + spaces);
		if (col > indent && col + spaces + piece > HELP_WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
			p += spaces;
			spaces = 0;
		}
		fprintf(f, "%.*s", (int)(spaces + piece), p);
		col += spaces + piece;
		p += spaces + piece;
	}
	fputc('\n', f);
}

void cli_put_help_text(FILE *f, const char *text)
{
	char line[FIELD_MAX * 2];
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		if (expand_line(p, len, line, sizeof(line)))
			put_wrapped(f, line);
		else
			fprintf(f, "%s\n", line);
		p += len + (p[len] == '\n');
	}
}
