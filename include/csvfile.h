/* One CSV line split into fields (RFC 4180 quoting, on one line): for the
 * hits files and the affected lists that compare reads. */
#ifndef EXPOSURE_CSVFILE_H
#define EXPOSURE_CSVFILE_H

#include <stddef.h>

struct csv_row {
	size_t n;            /* fields in the last line split */
	const char **field;  /* field[i], field_len[i]: unquoted, not NUL-terminated */
	size_t *field_len;
	size_t cap;          /* room in field / field_len */
	char *buf;           /* the unquoted text the fields point into */
	size_t buf_cap;
};

enum csv_split {
	CSV_SPLIT_OK = 0,
	CSV_SPLIT_BAD_QUOTE = -1, /* a quote left open at the end of the line, or text after a closing one */
	CSV_SPLIT_NO_MEMORY = -2,
};

void csv_row_init(struct csv_row *r);
void csv_row_release(struct csv_row *r);

/* Split line[0..len) (no line end) into r's fields; the previous split's
 * fields are gone. An empty line is one empty field. */
enum csv_split csv_row_split(struct csv_row *r, const char *line, size_t len);

/* The index of the first field equal (ASCII case-insensitively, white space
 * around it ignored) to any of names (NULL-terminated); -1 when none is. */
long csv_row_find(const struct csv_row *r, const char *const *names);

#endif
