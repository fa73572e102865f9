/* JSON written through jansson: the one compact form every JSON output of
 * exposure has (keys in insertion order, no spaces), and strings made from
 * bytes that need not be UTF-8. */
#ifndef EXPOSURE_JSONOUT_H
#define EXPOSURE_JSONOUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The flags of every JSON output: {"a":1,"b":[2,3]}. */
#define JSONOUT_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

/* A new JSON string of len bytes. Bytes that are not UTF-8 (a source
 * named after a file, a database's error message) become U+FFFD each,
 * since jansson cannot write them. NULL on no memory. */
json_t *jsonout_text(const char *s, size_t len);

/* jsonout_text of a NUL-terminated string. */
json_t *jsonout_text0(const char *s);

/* obj[key] = v, taking v (also on failure); a key that is not UTF-8 is
 * repaired as jsonout_text repairs a value. 0, or -1 on no memory. */
int jsonout_set(json_t *obj, const char *key, json_t *v);

/* A count (every count exposure writes is far below 2^63). */
json_t *jsonout_count(uint64_t n);

/* v in the compact form, then a newline. 0, or -1 on a write error. */
int jsonout_line(FILE *f, const json_t *v);

#endif
