/* One JSON object on one line, as the affected list's JSON lines hold them:
 * its members with string values and arrays of strings decoded; any other
 * value (numbers, null, nested objects) is checked and passed over. */
#ifndef EXPOSURE_JSONLINE_H
#define EXPOSURE_JSONLINE_H

#include <stddef.h>

enum json_kind { JSON_STRING, JSON_STRING_ARRAY, JSON_OTHER };

struct json_member {
	const char *key;      /* decoded, NUL-terminated */
	enum json_kind kind;
	const char *str;      /* JSON_STRING: decoded, NUL-terminated (may hold NULs: see str_len) */
	size_t str_len;
	size_t first_item;    /* JSON_STRING_ARRAY: items[first_item .. first_item + n_items) */
	size_t n_items;
};

struct json_line {
	struct json_member *members;
	size_t n_members, members_cap;
	const char **items;   /* the array items of every member, decoded */
	size_t *item_len;
	size_t n_items, items_cap;
	char *buf;            /* the decoded text */
	size_t buf_used, buf_cap;
};

void json_line_init(struct json_line *j);
void json_line_release(struct json_line *j);

/* Parse line[0..len): 0, or -1 when it is not one JSON object (or no memory:
 * then errno is ENOMEM). */
int json_line_parse(struct json_line *j, const char *line, size_t len);

/* The first member named key, or NULL. */
const struct json_member *json_line_member(const struct json_line *j, const char *key);

#endif
