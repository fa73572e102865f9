#include "mask.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "address.h"

void mask_address(const char *s, size_t len, char *out, size_t outsz)
{
	size_t dom = len; /* where "@domain" starts, or len without an '@' */
	for (size_t i = len; i > 0; i--)
		if (s[i - 1] == '@') {
			dom = i - 1;
			break;
		}
	size_t first = 0; /* the first character, whole even when it is UTF-8 */
	if (dom > 0) {
		first = utf8_char_len((const unsigned char *)s, len);
		if (first == 0)
			first = 1;
	}
	size_t end = dom; /* the domain ends where the address does, not at the end of a whole vCard */
	while (end < len && !isspace((unsigned char)s[end]) && (unsigned char)s[end] >= 0x20 && !strchr(",;>\"", s[end]))
		end++;
	snprintf(out, outsz, "%.*s***%.*s", (int)first, s, (int)(end - dom), s + dom);
}
