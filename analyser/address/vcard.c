#include "vcard.h"

#include <stdlib.h>
#include <string.h>

#include "textcmp.h"

/* Copy src to dst without the line folds (CRLF or LF then a space or tab);
 * returns the unfolded length. */
static size_t unfold(const char *src, size_t len, char *dst)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		size_t eol = src[i] == '\r' && i + 1 < len && src[i + 1] == '\n' ? 2
			     : (src[i] == '\n' || src[i] == '\r') ? 1 : 0;
		if (eol && i + eol < len && (src[i + eol] == ' ' || src[i + eol] == '\t')) {
			i += eol; /* drop the line break and the one white-space character after it */
			continue;
		}
		dst[o++] = src[i];
	}
	return o;
}

/* Where the ':' that ends a property's name and parameters stands, or NULL:
 * a ':' inside a quoted parameter value ("X-LABEL=\"home: main\"") is text. */
static const char *value_colon(const char *line, size_t len)
{
	int quoted = 0;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ':' && !quoted)
			return line + i;
	}
	return NULL;
}

/* 1 when the property name of this line (before ';' or ':', after any
 * "group.") is EMAIL; *value then points past the ':'. */
static int email_line(const char *line, size_t len, const char **value, size_t *vlen)
{
	const char *colon = value_colon(line, len);
	if (!colon)
		return 0;
	size_t name_len = 0;
	while (line + name_len < colon && line[name_len] != ';')
		name_len++;
	const char *name = line;
	const char *dot = memchr(line, '.', name_len);
	if (dot) {
		name_len -= (size_t)(dot + 1 - line);
		name = dot + 1;
	}
	if (!equals_ci(name, name_len, "EMAIL"))
		return 0;
	*value = colon + 1;
	*vlen = len - (size_t)(colon + 1 - line);
	while (*vlen > 0 && (**value == ' ' || **value == '\t'))
		(*value)++, (*vlen)--;
	while (*vlen > 0 && ((*value)[*vlen - 1] == ' ' || (*value)[*vlen - 1] == '\t' || (*value)[*vlen - 1] == '\r'))
		(*vlen)--;
	return 1;
}

/* Length of the line at s[0..n): up to its CR or LF. A NUL is no line end
 * (strchr would find the terminator): it stays in the value, whose parse
 * rejects it. */
static size_t line_length(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != '\r' && s[i] != '\n')
		i++;
	return i;
}

/* Undo vCard value escapes in place ("\," "\;" "\\" "\n"): "esc\,aped@x"
 * is one value, never a list of two. Returns the new length. */
static size_t unescape(char *v, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (v[i] == '\\' && i + 1 < len) {
			char c = v[++i];
			v[o++] = (c == 'n' || c == 'N') ? '\n' : c;
		} else {
			v[o++] = v[i];
		}
	}
	return o;
}

int vcard_emails(const char *vcard, size_t len, vcard_value_fn cb, void *ctx)
{
	char *text = malloc(len + 1);
	if (!text)
		return -1;
	size_t n = unfold(vcard, len, text);
	int found = 0;
	for (size_t start = 0; start < n;) {
		size_t line_len = line_length(text + start, n - start);
		const char *value;
		size_t vlen;
		if (email_line(text + start, line_len, &value, &vlen)) {
			found++;
			vlen = unescape((char *)value, vlen);
			if (cb(ctx, value, vlen) != 0) {
				found = -2;
				break;
			}
		}
		start += line_len + 1;
	}
	free(text);
	return found;
}
