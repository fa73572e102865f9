/* CSV lines split into fields (see include/compare_csv.h). */
#include "csvfile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void csv_row_init(struct csv_row *r)
{
	memset(r, 0, sizeof(*r));
}

void csv_row_release(struct csv_row *r)
{
	free(r->field);
	free(r->field_len);
	free(r->buf);
	csv_row_init(r);
}

static int reserve_fields(struct csv_row *r, size_t want)
{
	if (want <= r->cap)
		return 0;
	size_t cap = r->cap ? r->cap * 2 : 16;
	const char **f = realloc(r->field, cap * sizeof(*f));
	if (!f)
		return -1;
	r->field = f;
	size_t *l = realloc(r->field_len, cap * sizeof(*l));
	if (!l)
		return -1;
	r->field_len = l;
	r->cap = cap;
	return 0;
}

/* The unquoted text is never longer than the line. */
static int reserve_text(struct csv_row *r, size_t len)
{
	if (len + 1 <= r->buf_cap)
		return 0;
	char *b = realloc(r->buf, len + 1);
	if (!b)
		return -1;
	r->buf = b;
	r->buf_cap = len + 1;
	return 0;
}

/* Copy the quoted field starting after its opening quote at line[*i];
 * *i ends after the closing quote. -1 when the quote is not closed. */
static int copy_quoted(const char *line, size_t len, size_t *i, char *out, size_t *out_len)
{
	for (; *i < len; (*i)++) {
		if (line[*i] != '"') {
			out[(*out_len)++] = line[*i];
			continue;
		}
		if (*i + 1 < len && line[*i + 1] == '"') {
			out[(*out_len)++] = '"';
			(*i)++;
			continue;
		}
		(*i)++;
		return 0;
	}
	return -1;
}

enum csv_split csv_row_split(struct csv_row *r, const char *line, size_t len)
{
	r->n = 0;
	if (reserve_text(r, len) != 0)
		return CSV_SPLIT_NO_MEMORY;
	size_t i = 0, used = 0;
	for (;;) {
		if (reserve_fields(r, r->n + 1) != 0)
			return CSV_SPLIT_NO_MEMORY;
		char *start = r->buf + used;
		size_t flen = 0;
		if (i < len && line[i] == '"') {
			i++;
			if (copy_quoted(line, len, &i, start, &flen) != 0 || (i < len && line[i] != ','))
				return CSV_SPLIT_BAD_QUOTE;
		} else {
			while (i < len && line[i] != ',')
				start[flen++] = line[i++];
		}
		r->field[r->n] = start;
		r->field_len[r->n++] = flen;
		used += flen;
		if (i >= len)
			return CSV_SPLIT_OK;
		i++; /* the comma */
	}
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

long csv_row_find(const struct csv_row *r, const char *const *names)
{
	for (size_t f = 0; f < r->n; f++) {
		const char *s = r->field[f];
		size_t len = r->field_len[f];
		while (len > 0 && is_blank(*s))
			s++, len--;
		while (len > 0 && is_blank(s[len - 1]))
			len--;
		for (size_t k = 0; names[k]; k++)
			if (strlen(names[k]) == len && strncasecmp(s, names[k], len) == 0)
				return (long)f;
	}
	return -1;
}
