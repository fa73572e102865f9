/* Hits as CSV: a header naming an address column, then records. Through
 * libcsv (common/csvfile.c): a quoted field may span lines. When its quote
 * never closes (by the end of the file, within CSV_SPAN_MAX lines or
 * LINE_READER_MAX bytes), the line that opened it is a bad-csv skip and
 * reading goes on from the line after it, so one stray quote costs one
 * line, as it did line by line. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "csvfile.h"

/* The CSV columns that hold the hit, case-insensitively; the leftmost wins. */
static const char *const address_columns[] = { "address", "email", "recipient", NULL };

/* Most lines one record may span (a quoted message body, say). */
#define CSV_SPAN_MAX 1000

/* A CSV header: no '@', and a field named like an address column. A first
 * line like "Smith, John" is no header: read as a list, every address of
 * every line counts, where CSV would keep one column and lose the others. */
static int sniff_csv(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz)
{
	(void)self, (void)err, (void)errsz;
	if (!in->line || memchr(in->line, '@', in->len))
		return 0;
	struct csv_row row;
	csv_row_init(&row);
	int named = csv_row_split(&row, in->line, in->len) == CSV_SPLIT_OK && csv_row_find(&row, address_columns) >= 0;
	csv_row_release(&row);
	return named;
}

/* The lines of the record being read: their text joined by "\n". */
struct pending {
	char *text;
	size_t len, cap;
	size_t *start;          /* of each line in text */
	unsigned long *number;  /* of each line in the file */
	size_t n, lines_cap;
};

static void pending_release(struct pending *p)
{
	free(p->text);
	free(p->start);
	free(p->number);
	memset(p, 0, sizeof(*p));
}

/* 1 when the record has grown past what one may span. */
static int pending_too_long(const struct pending *p)
{
	return p->n >= CSV_SPAN_MAX || p->len > LINE_READER_MAX;
}

struct csv_read {
	struct hits_emitter *em;
	struct csv_row row;
	long column;      /* -1 until the header is read */
	struct pending p;
	char *err;
	size_t errsz;
};

static int pending_add(struct pending *p, const char *s, size_t len, unsigned long number)
{
	if (p->n == p->lines_cap) {
		size_t cap = p->lines_cap ? 2 * p->lines_cap : 8;
		size_t *start = realloc(p->start, cap * sizeof(*start));
		if (!start)
			return -1;
		p->start = start;
		unsigned long *nums = realloc(p->number, cap * sizeof(*nums));
		if (!nums)
			return -1;
		p->number = nums;
		p->lines_cap = cap;
	}
	size_t need = p->len + (p->n ? 1 : 0) + len + 1;
	if (need > p->cap) {
		size_t cap = need > 2 * p->cap ? need : 2 * p->cap;
		char *t = realloc(p->text, cap);
		if (!t)
			return -1;
		p->text = t;
		p->cap = cap;
	}
	if (p->n)
		p->text[p->len++] = '\n';
	p->start[p->n] = p->len;
	p->number[p->n++] = number;
	memcpy(p->text + p->len, s, len);
	p->len += len;
	p->text[p->len] = '\0';
	return 0;
}

static enum hits_status no_memory(struct csv_read *cr)
{
	snprintf(cr->err, cr->errsz, "out of memory");
	return HITS_STOPPED;
}

static enum hits_status header_line(struct csv_read *cr, const char *s, size_t len, unsigned long number)
{
	enum csv_split split = csv_row_split(&cr->row, s, len);
	if (split == CSV_SPLIT_NO_MEMORY)
		return no_memory(cr);
	if (split != CSV_SPLIT_OK) {
		snprintf(cr->err, cr->errsz, "'%s':%lu: the CSV header has a quote left open", cr->em->file, number);
		return HITS_BAD_INPUT;
	}
	cr->column = csv_row_find(&cr->row, address_columns);
	if (cr->column < 0)
		cr->column = 0;
	return HITS_OK;
}

/* A whole record, from line `first`, its text s[0..len). */
static enum hits_status record(struct csv_read *cr, unsigned long first, const char *s, size_t len)
{
	struct hits_emitter *em = cr->em;
	int stop;
	em->counts->lines++;
	if ((size_t)cr->column >= cr->row.n)
		stop = hits_emit_skip(em, first, HITS_SKIP_MISSING_COLUMN, "", s, len);
	else
		stop = hits_emit_addresses(em, first, cr->row.field[cr->column], cr->row.field_len[cr->column],
					   HIT_DATE_NONE, 0);
	return stop ? HITS_STOPPED : HITS_OK;
}

static enum hits_status feed(struct csv_read *cr, const char *s, size_t len, unsigned long number);

/* A line that is no CSV record: a bad-csv skip. */
static enum hits_status bad_line(struct csv_read *cr, unsigned long number, const char *s, size_t len)
{
	cr->em->counts->lines++;
	return hits_emit_skip(cr->em, number, HITS_SKIP_BAD_CSV, "", s, len) ? HITS_STOPPED : HITS_OK;
}

/* The pending record cannot be read: its first line is bad CSV, the
 * others are read again from a fresh start. */
static enum hits_status give_up_pending(struct csv_read *cr)
{
	struct pending p = cr->p;
	enum hits_status rc;
	memset(&cr->p, 0, sizeof(cr->p));
	csv_row_abandon(&cr->row);
	size_t first_len = p.n > 1 ? p.start[1] - 1 : p.len;
	rc = bad_line(cr, p.number[0], p.text, first_len);
	for (size_t i = 1; rc == HITS_OK && i < p.n; i++) {
		size_t end = i + 1 < p.n ? p.start[i + 1] - 1 : p.len;
		rc = feed(cr, p.text + p.start[i], end - p.start[i], p.number[i]);
	}
	pending_release(&p);
	return rc;
}

static enum hits_status feed(struct csv_read *cr, const char *s, size_t len, unsigned long number)
{
	struct pending *p = &cr->p;
	if (p->n == 0 && line_is_blank(s, len)) {
		cr->em->counts->lines++;
		return hits_emit_skip(cr->em, number, HITS_SKIP_BLANK, "", s, len) ? HITS_STOPPED : HITS_OK;
	}
	if (cr->column < 0)
		return header_line(cr, s, len, number);
	enum csv_split split = csv_row_feed(&cr->row, s, len);
	if (split == CSV_SPLIT_NO_MEMORY)
		return no_memory(cr);
	if (p->n == 0 && split != CSV_SPLIT_OPEN) /* a record of one line: no copy */
		return split == CSV_SPLIT_OK ? record(cr, number, s, len) : bad_line(cr, number, s, len);
	if (pending_add(p, s, len, number) != 0)
		return no_memory(cr);
	if (split == CSV_SPLIT_BAD_QUOTE || (split == CSV_SPLIT_OPEN && pending_too_long(p)))
		return give_up_pending(cr);
	if (split == CSV_SPLIT_OPEN)
		return HITS_OK;
	enum hits_status rc = record(cr, p->number[0], p->text, p->len);
	p->n = p->len = 0;
	return rc;
}

static enum hits_status csv_line(void *ctx, const struct line_reader *lr)
{
	return feed(ctx, lr->buf, lr->len, lr->number);
}

static enum hits_status read_csv(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				 size_t errsz)
{
	(void)self;
	struct csv_read cr = { .em = em, .column = -1, .err = err, .errsz = errsz };
	uint64_t lines_before = em->counts->lines;
	csv_row_init(&cr.row);
	enum hits_status rc = hits_each_line(f, em, csv_line, &cr, err, errsz);
	while (rc == HITS_OK && cr.p.n > 0) /* a quote open at the end */
		rc = give_up_pending(&cr);
	if (rc == HITS_OK && em->counts->lines == lines_before) {
		snprintf(err, errsz, "'%s' holds a CSV header and no rows: no hits in it", em->file);
		rc = HITS_BAD_INPUT;
	}
	pending_release(&cr.p);
	csv_row_release(&cr.row);
	return rc;
}

const struct hits_reader hits_reader_csv = {
	.name = "csv",
	.description = "a header naming a column address, email or recipient, then rows (quoted fields may "
		       "span lines)",
	.space = KEY_ADDRESS,
	.sniff = sniff_csv,
	.read = read_csv,
};
