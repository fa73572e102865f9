/* CSV records split into fields by libcsv (RFC 4180 quoting, strict): for
 * the hits files and the affected lists that compare reads. A record is fed
 * a line at a time, so a quoted field may span lines; spaces around fields
 * are kept. */
#ifndef EXPOSURE_CSVFILE_H
#define EXPOSURE_CSVFILE_H

#include <stddef.h>

struct csv_parser;

struct csv_row {
	size_t n;            /* fields of the last record completed */
	const char **field;  /* field[i], field_len[i]: unquoted, not NUL-terminated */
	size_t *field_len;
	size_t *field_off;   /* where each field starts in buf, while a record is read */
	size_t cap;          /* room in field / field_len / field_off */
	char *buf;           /* the unquoted text the fields point into */
	size_t buf_len, buf_cap;
	struct csv_parser *parser; /* libcsv's, made on first use */
	int in_record;       /* a record is open: a quoted field goes on past the line */
	int ended;           /* the record just fed ended */
	int no_memory;       /* a callback could not grow a buffer */
};

enum csv_split {
	CSV_SPLIT_OK = 0,
	CSV_SPLIT_BAD_QUOTE = -1, /* a quote left open at the end, or text after a closing one (or a quote
				     inside an unquoted field, which RFC 4180 does not allow) */
	CSV_SPLIT_NO_MEMORY = -2,
	CSV_SPLIT_OPEN = 1,       /* csv_row_feed: a quoted field goes on; feed the next line */
};

void csv_row_init(struct csv_row *r);
void csv_row_release(struct csv_row *r);

/* Split line[0..len) (no line end), a whole record, into r's fields; the
 * previous record's fields are gone. An empty line is one empty field. */
enum csv_split csv_row_split(struct csv_row *r, const char *line, size_t len);

/* Feed the next line (no line end) of a record that may span lines: OK
 * when the record ended with it (fields in r), OPEN when a quoted field
 * goes on (the line end is part of it, as "\n"), BAD_QUOTE (the record is
 * dropped). An empty line that opens a record is one empty field. */
enum csv_split csv_row_feed(struct csv_row *r, const char *line, size_t len);

/* Drop the record being fed. */
void csv_row_abandon(struct csv_row *r);

/* The index of the first field equal (ASCII case-insensitively, white space
 * around it ignored) to any of names (NULL-terminated); -1 when none is. */
long csv_row_find(const struct csv_row *r, const char *const *names);

#endif
