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

int json_quote(FILE *f, const char *s, size_t len)
{
	if (fputc('"', f) == EOF)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		if (c == '"' || c == '\\')
			rc = fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			rc = fprintf(f, "\\u%04x", c);
		else
			rc = fputc(c, f) == EOF ? -1 : 0;
		if (rc < 0)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}
