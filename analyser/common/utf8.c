/* UTF-8: what every module that tells text from bytes uses. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_char_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

char *utf8_repaired(const char *s, size_t len, size_t *out_len)
{
	static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
	const unsigned char *p = (const unsigned char *)s;
	char *buf = malloc(3 * len + 1);
	size_t out = 0;
	if (!buf)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t seq = utf8_char_len(p + i, len - i);
		if (seq == 0) {
			memcpy(buf + out, replacement, 3);
			out += 3;
			i++;
			continue;
		}
		memcpy(buf + out, p + i, seq);
		out += seq;
		i += seq;
	}
	buf[out] = '\0';
	*out_len = out;
	return buf;
}
