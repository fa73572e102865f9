/* JSON through jansson, one document a line: objects read from a line (the
 * affected list's JSON lines), and documents written compactly, members
 * in the order they were set, with numbers we format ourselves. */
#ifndef EXPOSURE_JSONLINE_H
#define EXPOSURE_JSONLINE_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* line[0..len) as one JSON object (NULs allowed in strings): a new
 * reference, or NULL when it is none (errno ENOMEM when out of memory). */
json_t *json_line_parse(const char *line, size_t len);

/* 1 when v is an array whose items are all strings (an empty one too). */
int json_line_is_string_array(const json_t *v);

/* Numbers written as given text: jansson prints a real as "%.17g" with a
 * ".0" and no exponent zeros ("9.35e-9"), and a double cannot hold what a
 * log-space probability reaches (1e-447). Such a number is set as a
 * stand-in integer (below any count) whose text json_out_write puts in its
 * place. */
#define JSON_OUT_MAX_NUMBERS 1024

struct json_out {
	char text[JSON_OUT_MAX_NUMBERS][40];
	size_t n;
};

/* The stand-in for a number written as text (a JSON number, at most 39
 * characters): a new reference, NULL when there are too many or no memory. */
json_t *json_out_number(struct json_out *o, const char *text);

/* root into f, compact, then "\n". 0, or -1 on a write error or no memory. */
int json_out_write(struct json_out *o, const json_t *root, FILE *f);

#endif
