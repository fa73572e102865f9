/* CSV records through libcsv (see include/csvfile.h). */
#include "csvfile.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libcsv's options: errors for a quote left open at the end or misplaced. */
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)

void csv_row_init(struct csv_row *r)
{
	memset(r, 0, sizeof(*r));
}

void csv_row_release(struct csv_row *r)
{
	if (r->parser) {
		csv_free(r->parser);
		free(r->parser);
	}
	free(r->field);
	free(r->field_len);
	free(r->field_off);
	free(r->buf);
	csv_row_init(r);
}

/* Spaces and tabs are field text here, not padding to trim. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int make_parser(struct csv_row *r)
{
	if (r->parser)
		return 0;
	if (!(r->parser = malloc(sizeof(*r->parser))) || csv_init(r->parser, CSV_OPTIONS) != 0) {
		free(r->parser);
		r->parser = NULL;
		return -1;
	}
	csv_set_space_func(r->parser, no_space);
	return 0;
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
	size_t *o = realloc(r->field_off, cap * sizeof(*o));
	if (!o)
		return -1;
	r->field_off = o;
	r->cap = cap;
	return 0;
}

static int reserve_text(struct csv_row *r, size_t more)
{
	if (r->buf_len + more + 1 <= r->buf_cap)
		return 0;
	size_t cap = r->buf_len + more + 1 > 2 * r->buf_cap ? r->buf_len + more + 1 : 2 * r->buf_cap;
	char *b = realloc(r->buf, cap);
	if (!b)
		return -1;
	r->buf = b;
	r->buf_cap = cap;
	return 0;
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct csv_row *r = ctx;
	if (r->no_memory || reserve_fields(r, r->n + 1) != 0 || reserve_text(r, len) != 0) {
		r->no_memory = 1;
		return;
	}
	if (len)
		memcpy(r->buf + r->buf_len, s, len);
	r->field_off[r->n] = r->buf_len;
	r->field_len[r->n++] = len;
	r->buf_len += len;
}

static void on_record_end(int c, void *ctx)
{
	(void)c;
	((struct csv_row *)ctx)->ended = 1;
}

static void start_record(struct csv_row *r)
{
	r->n = 0;
	r->buf_len = 0;
	r->ended = 0;
	r->no_memory = 0;
	r->in_record = 1;
}

/* The fields point into buf, now that it no longer moves. */
static enum csv_split record_done(struct csv_row *r)
{
	r->in_record = 0;
	if (r->no_memory)
		return CSV_SPLIT_NO_MEMORY;
	if (r->n == 0) { /* an empty line: one empty field */
		if (reserve_fields(r, 1) != 0)
			return CSV_SPLIT_NO_MEMORY;
		r->field_off[0] = 0;
		r->field_len[0] = 0;
		r->n = 1;
	}
	if (reserve_text(r, 0) != 0)
		return CSV_SPLIT_NO_MEMORY;
	for (size_t i = 0; i < r->n; i++)
		r->field[i] = r->buf + r->field_off[i];
	return CSV_SPLIT_OK;
}

/* A fresh parser for what follows on the line: libcsv has no reset. 0, or -1. */
static int restart_parser(struct csv_row *r)
{
	if (!r->parser)
		return -1;
	csv_free(r->parser);
	if (csv_init(r->parser, CSV_OPTIONS) != 0) {
		free(r->parser);
		r->parser = NULL;
		return -1;
	}
	csv_set_space_func(r->parser, no_space);
	return 0;
}

/* A bad quote: the record is dropped, and the parser starts afresh. */
static enum csv_split bad_quote(struct csv_row *r)
{
	restart_parser(r);
	r->in_record = 0;
	r->n = 0;
	return CSV_SPLIT_BAD_QUOTE;
}

/* A line with no quote in it is its fields between commas, as libcsv
 * would split it (spaces kept): split here, without libcsv's copy of every
 * byte through its own buffer and a call per field, which made a million
 * rows 15% slower. */
static enum csv_split split_unquoted(struct csv_row *r, const char *line, size_t len)
{
	start_record(r);
	for (size_t i = 0;;) {
		const char *comma = memchr(line + i, ',', len - i);
		size_t end = comma ? (size_t)(comma - line) : len;
		on_field((void *)(line + i), end - i, r);
		if (!comma)
			break;
		i = end + 1;
	}
	return record_done(r);
}

/* Feed line[0..len) to libcsv. Strict libcsv stops at a quote inside an
 * unquoted field (`John "J" Smith`); there the quote is text, as it always
 * was for us and for spreadsheets, so that field is taken as it stands up
 * to its comma and libcsv goes on after it. Any other stop (text after a
 * closing quote: `"x"y`) is a bad quote. *ended_here: the line ended with
 * such a field, which ends the record. */
static enum csv_split parse_span(struct csv_row *r, const char *line, size_t len, int *ended_here)
{
	*ended_here = 0;
	for (size_t pos = 0; pos < len;) {
		size_t at = pos + csv_parse(r->parser, line + pos, len - pos, on_field, on_record_end, r);
		if (at == len)
			break;
		if (line[at] != '"') /* the only strict error at a quote is one in an unquoted field */
			return bad_quote(r);
		size_t start = at, end = at;
		while (start > pos && line[start - 1] != ',')
			start--;
		while (end < len && line[end] != ',')
			end++;
		on_field((void *)(line + start), end - start, r);
		if (restart_parser(r) != 0)
			return CSV_SPLIT_NO_MEMORY;
		if (end == len) {
			*ended_here = 1;
			break;
		}
		pos = end + 1;
		if (pos == len) { /* a comma last: an empty field ends the line */
			on_field((void *)(line + pos), 0, r);
			*ended_here = 1;
		}
	}
	return CSV_SPLIT_OK;
}

enum csv_split csv_row_split(struct csv_row *r, const char *line, size_t len)
{
	int ended_here;
	if (!memchr(line, '"', len))
		return split_unquoted(r, line, len);
	if (make_parser(r) != 0)
		return CSV_SPLIT_NO_MEMORY;
	start_record(r);
	enum csv_split rc = parse_span(r, line, len, &ended_here);
	if (rc != CSV_SPLIT_OK)
		return rc;
	if (!ended_here && csv_fini(r->parser, on_field, on_record_end, r) != 0)
		return bad_quote(r);
	return record_done(r);
}

enum csv_split csv_row_feed(struct csv_row *r, const char *line, size_t len)
{
	int ended_here;
	if (!r->in_record && !memchr(line, '"', len))
		return split_unquoted(r, line, len);
	if (make_parser(r) != 0)
		return CSV_SPLIT_NO_MEMORY;
	if (!r->in_record)
		start_record(r);
	enum csv_split rc = parse_span(r, line, len, &ended_here);
	if (rc != CSV_SPLIT_OK)
		return rc;
	if (ended_here)
		r->ended = 1;
	else if (csv_parse(r->parser, "\n", 1, on_field, on_record_end, r) != 1)
		return bad_quote(r);
	if (r->no_memory) {
		csv_row_abandon(r);
		return CSV_SPLIT_NO_MEMORY;
	}
	return r->ended ? record_done(r) : CSV_SPLIT_OPEN;
}

void csv_row_abandon(struct csv_row *r)
{
	if (r->in_record && r->parser)
		bad_quote(r);
	r->in_record = 0;
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
