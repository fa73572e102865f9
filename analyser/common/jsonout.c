#include "jsonout.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* The bytes with each one that does not start a UTF-8 sequence replaced. */
static json_t *text_repaired(const char *s, size_t len)
{
	size_t n;
	char *buf = utf8_repaired(s, len, &n);
	json_t *v = buf ? json_stringn_nocheck(buf, n) : NULL;
	free(buf);
	return v;
}

json_t *jsonout_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t seq = p[i] < 0x80 ? 1 : utf8_char_len(p + i, len - i);
		if (seq == 0)
			return text_repaired(s, len);
		i += seq;
	}
	return json_stringn_nocheck(s, len);
}

json_t *jsonout_text0(const char *s)
{
	return jsonout_text(s, strlen(s));
}

int jsonout_set(json_t *obj, const char *key, json_t *v)
{
	json_t *k = jsonout_text0(key);
	int rc = k && v ? json_object_set_new(obj, json_string_value(k), v) : (json_decref(v), -1);
	json_decref(k);
	return rc;
}

json_t *jsonout_count(uint64_t n)
{
	return json_integer((json_int_t)n);
}

int jsonout_line(FILE *f, const json_t *v)
{
	if (json_dumpf(v, f, JSONOUT_FLAGS) != 0)
		return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}
