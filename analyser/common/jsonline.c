/* A small reader of one-line JSON objects (see include/compare_json.h). */
#include "jsonline.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 32

struct cursor {
	const char *s;
	size_t len, i;
	struct json_line *j;
};

void json_line_init(struct json_line *j)
{
	memset(j, 0, sizeof(*j));
}

void json_line_release(struct json_line *j)
{
	free(j->members);
	free(j->items);
	free(j->item_len);
	free(j->buf);
	json_line_init(j);
}

static void skip_ws(struct cursor *c)
{
	while (c->i < c->len && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\r' || c->s[c->i] == '\n'))
		c->i++;
}

static int take(struct cursor *c, char ch)
{
	skip_ws(c);
	if (c->i < c->len && c->s[c->i] == ch) {
		c->i++;
		return 1;
	}
	return 0;
}

static int hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char h = s[k];
		unsigned d = h >= '0' && h <= '9' ? (unsigned)(h - '0')
			   : h >= 'a' && h <= 'f' ? (unsigned)(h - 'a' + 10)
			   : h >= 'A' && h <= 'F' ? (unsigned)(h - 'A' + 10) : 16u;
		if (d > 15)
			return -1;
		*v = *v * 16 + d;
	}
	return 0;
}

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* \uXXXX at s[*i] (after the backslash and 'u'), a surrogate pair joined. */
static int unicode_escape(struct cursor *c, char *out, size_t *n)
{
	unsigned hi, lo;
	if (c->i + 4 > c->len || hex4(c->s + c->i, &hi) != 0)
		return -1;
	c->i += 4;
	uint32_t cp = hi;
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (c->i + 6 > c->len || c->s[c->i] != '\\' || c->s[c->i + 1] != 'u' ||
		    hex4(c->s + c->i + 2, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff)
			return -1;
		c->i += 6;
		cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	} else if (hi >= 0xdc00 && hi <= 0xdfff) {
		return -1;
	}
	*n += put_utf8(out + *n, cp);
	return 0;
}

static int simple_escape(char e, char *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p = e ? strchr(from, e) : NULL;
	if (!p)
		return -1;
	*out = to[p - from];
	return 0;
}

/* A string at the cursor, decoded into the line's buffer (which has room:
 * decoding never lengthens). Its start, or NULL when it is no string. */
static const char *read_string(struct cursor *c, size_t *len)
{
	if (!take(c, '"'))
		return NULL;
	char *out = c->j->buf + c->j->buf_used;
	size_t n = 0;
	while (c->i < c->len && c->s[c->i] != '"') {
		char ch = c->s[c->i++];
		if ((unsigned char)ch < 0x20)
			return NULL;
		if (ch != '\\') {
			out[n++] = ch;
			continue;
		}
		if (c->i >= c->len)
			return NULL;
		char e = c->s[c->i++];
		if (e == 'u' ? unicode_escape(c, out, &n) != 0 : simple_escape(e, out + n++) != 0)
			return NULL;
	}
	if (c->i >= c->len)
		return NULL;
	c->i++;
	out[n] = '\0';
	c->j->buf_used += n + 1;
	*len = n;
	return out;
}

static int skip_value(struct cursor *c, int depth);

static int skip_container(struct cursor *c, char close, int depth)
{
	if (take(c, close))
		return 0;
	do {
		size_t len;
		if (close == '}' && (!read_string(c, &len) || !take(c, ':')))
			return -1;
		if (skip_value(c, depth + 1) != 0)
			return -1;
	} while (take(c, ','));
	return take(c, close) ? 0 : -1;
}

static int skip_literal(struct cursor *c)
{
	size_t start = c->i;
	while (c->i < c->len && strchr("0123456789+-.eEtruefalsn", c->s[c->i]))
		c->i++;
	return c->i > start ? 0 : -1;
}

static int skip_value(struct cursor *c, int depth)
{
	size_t len;
	if (depth > JSON_MAX_DEPTH)
		return -1;
	skip_ws(c);
	if (c->i >= c->len)
		return -1;
	char ch = c->s[c->i];
	if (ch == '"')
		return read_string(c, &len) ? 0 : -1;
	if (ch == '{' || ch == '[') {
		c->i++;
		return skip_container(c, ch == '{' ? '}' : ']', depth);
	}
	return skip_literal(c);
}

static int add_item(struct json_line *j, const char *s, size_t len)
{
	if (j->n_items == j->items_cap) {
		size_t cap = j->items_cap ? 2 * j->items_cap : 16;
		const char **items = realloc(j->items, cap * sizeof(*items));
		if (!items)
			return -1;
		j->items = items;
		size_t *lens = realloc(j->item_len, cap * sizeof(*lens));
		if (!lens)
			return -1;
		j->item_len = lens;
		j->items_cap = cap;
	}
	j->items[j->n_items] = s;
	j->item_len[j->n_items++] = len;
	return 0;
}

/* An array at the cursor: of strings (kind set to JSON_STRING_ARRAY), or
 * of anything else (passed over, JSON_OTHER). */
static int read_array(struct cursor *c, struct json_member *m)
{
	size_t start = c->i, used = c->j->buf_used, len;
	m->first_item = c->j->n_items;
	m->kind = JSON_STRING_ARRAY;
	c->i++; /* '[' */
	if (take(c, ']'))
		return 0;
	do {
		const char *s = read_string(c, &len);
		if (!s) {
			c->i = start + 1; /* read it again, as anything */
			c->j->buf_used = used;
			c->j->n_items = m->first_item;
			m->n_items = 0;
			m->kind = JSON_OTHER;
			return skip_container(c, ']', 1);
		}
		if (add_item(c->j, s, len) != 0)
			return -2;
		m->n_items++;
	} while (take(c, ','));
	return take(c, ']') ? 0 : -1;
}

static int read_member_value(struct cursor *c, struct json_member *m)
{
	skip_ws(c);
	if (c->i < c->len && c->s[c->i] == '"') {
		m->kind = JSON_STRING;
		return (m->str = read_string(c, &m->str_len)) ? 0 : -1;
	}
	if (c->i < c->len && c->s[c->i] == '[')
		return read_array(c, m);
	m->kind = JSON_OTHER;
	return skip_value(c, 1);
}

static int add_member(struct json_line *j)
{
	if (j->n_members < j->members_cap)
		return 0;
	size_t cap = j->members_cap ? 2 * j->members_cap : 16;
	struct json_member *m = realloc(j->members, cap * sizeof(*m));
	if (!m)
		return -1;
	j->members = m;
	j->members_cap = cap;
	return 0;
}

static int read_members(struct cursor *c)
{
	if (take(c, '}'))
		return 0;
	do {
		size_t key_len;
		if (add_member(c->j) != 0)
			return -2;
		struct json_member *m = &c->j->members[c->j->n_members];
		memset(m, 0, sizeof(*m));
		if (!(m->key = read_string(c, &key_len)) || !take(c, ':'))
			return -1;
		int rc = read_member_value(c, m);
		if (rc != 0)
			return rc;
		c->j->n_members++;
	} while (take(c, ','));
	return take(c, '}') ? 0 : -1;
}

int json_line_parse(struct json_line *j, const char *line, size_t len)
{
	j->n_members = j->n_items = j->buf_used = 0;
	if (len + 1 > j->buf_cap) {
		char *b = realloc(j->buf, len + 1);
		if (!b) {
			errno = ENOMEM;
			return -1;
		}
		j->buf = b;
		j->buf_cap = len + 1;
	}
	struct cursor c = { line, len, 0, j };
	if (!take(&c, '{'))
		return -1;
	int rc = read_members(&c);
	if (rc == -2) {
		errno = ENOMEM;
		return -1;
	}
	skip_ws(&c);
	if (rc != 0 || c.i != c.len) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

const struct json_member *json_line_member(const struct json_line *j, const char *key)
{
	for (size_t i = 0; i < j->n_members; i++)
		if (strcmp(j->members[i].key, key) == 0)
			return &j->members[i];
	return NULL;
}
