/* Bounded line reading (see include/lines.h). */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void line_reader_init(struct line_reader *r, FILE *f)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
}

void line_reader_release(struct line_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = r->len = 0;
}

/* Room for one more byte and the NUL after it. */
static int make_room(struct line_reader *r)
{
	if (r->len + 2 <= r->cap)
		return 0;
	size_t cap = r->cap ? r->cap * 2 : 256;
	char *b = realloc(r->buf, cap);
	if (!b) {
		errno = ENOMEM;
		return -1;
	}
	r->buf = b;
	r->cap = cap;
	return 0;
}

static int append_byte(struct line_reader *r, int c)
{
	if (r->len >= LINE_READER_MAX) {
		r->cut = 1;
		return 0;
	}
	if (make_room(r) != 0)
		return -1;
	r->buf[r->len++] = (char)c;
	return 0;
}

static void drop_bom(struct line_reader *r)
{
	if (r->number == 1 && r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
		memmove(r->buf, r->buf + 3, r->len - 3 + 1); /* with the NUL */
		r->len -= 3;
	}
}

int line_reader_next(struct line_reader *r)
{
	int c = EOF;
	r->len = 0;
	r->cut = 0;
	while ((c = getc_unlocked(r->f)) != EOF && c != '\n') /* one thread reads f: no lock a byte */
		if (append_byte(r, c) != 0)
			return -1;
	if (ferror(r->f))
		return -1;
	if (c == EOF && r->len == 0 && !r->cut)
		return 0;
	if (make_room(r) != 0)
		return -1;
	if (r->len > 0 && r->buf[r->len - 1] == '\r' && !r->cut)
		r->len--;
	r->buf[r->len] = '\0';
	r->number++;
	drop_bom(r);
	return 1;
}

int line_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}
