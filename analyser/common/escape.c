#include "escape.h"

#include <string.h>

#include "utf8.h"

/* Copy s to f, with bytes that are not printable text as \xNN. */
static int put_escaped(FILE *f, const char *s, size_t len, int quote_doubling)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t seq = p[i] >= 0x80 ? utf8_char_len(p + i, len - i) : 1;
		if (seq == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			if (fprintf(f, "\\x%02x", p[i]) < 0)
				return -1;
			i++;
			continue;
		}
		if (quote_doubling && p[i] == '"' && fputc('"', f) == EOF)
			return -1;
		if (fwrite(p + i, 1, seq, f) != seq)
			return -1;
		i += seq;
	}
	return 0;
}

int csv_field(FILE *f, const char *s, size_t len)
{
	int quote = memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) ||
		    memchr(s, '\r', len) || (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	if (quote && fputc('"', f) == EOF)
		return -1;
	if (put_escaped(f, s, len, quote) != 0)
		return -1;
	return quote && fputc('"', f) == EOF ? -1 : 0;
}
