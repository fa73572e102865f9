/* Lines of a text file, bounded: a line longer than LINE_READER_MAX is cut
 * there (and says so), the rest of it read and dropped, so one huge line
 * never costs more memory than that. NUL bytes stay in the line. */
#ifndef EXPOSURE_LINES_H
#define EXPOSURE_LINES_H

#include <stddef.h>
#include <stdio.h>

#define LINE_READER_MAX (1024 * 1024)

struct line_reader {
	FILE *f;
	char *buf;            /* the line, NUL-terminated, without its "\n" or "\r\n" */
	size_t len;
	size_t cap;
	unsigned long number; /* of the line in buf, from 1 */
	int cut;              /* 1 when the line was longer than LINE_READER_MAX */
};

void line_reader_init(struct line_reader *r, FILE *f);
void line_reader_release(struct line_reader *r);

/* The next line: 1, or 0 at the end, or -1 on a read error (errno set) or
 * no memory (errno ENOMEM). A UTF-8 byte order mark opening line 1 is dropped. */
int line_reader_next(struct line_reader *r);

/* 1 when the line holds nothing but spaces and tabs. */
int line_is_blank(const char *s, size_t len);

#endif
