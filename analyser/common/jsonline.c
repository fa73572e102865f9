/* JSON lines in and out through jansson (see include/jsonline.h). */
#include "jsonline.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

json_t *json_line_parse(const char *line, size_t len)
{
	json_error_t error;
	json_t *v = json_loadb(line, len, JSON_ALLOW_NUL, &error);
	if (!v && json_error_code(&error) == json_error_invalid_utf8) {
		/* a source name written as raw bytes by an earlier exposure: read
		 * with U+FFFD for them, as the JSON outputs now write it */
		size_t n;
		char *repaired = utf8_repaired(line, len, &n);
		if (repaired)
			v = json_loadb(repaired, n, JSON_ALLOW_NUL, &error);
		free(repaired);
	}
	if (v && json_is_object(v))
		return v;
	json_decref(v);
	errno = json_error_code(&error) == json_error_out_of_memory ? ENOMEM : EINVAL;
	return NULL;
}

int json_line_is_string_array(const json_t *v)
{
	size_t i;
	json_t *item;
	if (!json_is_array(v))
		return 0;
	json_array_foreach (v, i, item)
		if (!json_is_string(item))
			return 0;
	return 1;
}

/* The stand-ins: INT64_MIN + index, printed as "-922337203685477xxxx". */
#define STAND_IN_BASE INT64_MIN

json_t *json_out_number(struct json_out *o, const char *text)
{
	if (o->n == JSON_OUT_MAX_NUMBERS || strlen(text) >= sizeof(o->text[0]))
		return NULL;
	strcpy(o->text[o->n], text);
	return json_integer((json_int_t)(STAND_IN_BASE + (int64_t)o->n++));
}

struct dump {
	const struct json_out *o;
	FILE *f;
	int in_string; /* jansson dumps a string as '"', its text in runs, '"' */
};

/* The index a chunk stands in for, or -1 when it is no stand-in. */
static long stand_in(const struct json_out *o, const char *chunk, size_t len)
{
	char buf[24];
	if (len >= sizeof(buf) || len < 2 || chunk[0] != '-' || chunk[1] != '9')
		return -1;
	memcpy(buf, chunk, len);
	buf[len] = '\0';
	errno = 0;
	intmax_t v = strtoimax(buf, NULL, 10);
	if (errno || v < STAND_IN_BASE || v >= STAND_IN_BASE + (intmax_t)o->n)
		return -1;
	return (long)(v - STAND_IN_BASE);
}

static int dump_chunk(const char *chunk, size_t len, void *ctx)
{
	struct dump *d = ctx;
	if (len == 1 && chunk[0] == '"')
		d->in_string = !d->in_string;
	long i = d->in_string ? -1 : stand_in(d->o, chunk, len);
	if (i >= 0)
		return fputs(d->o->text[i], d->f) == EOF ? -1 : 0;
	return fwrite(chunk, 1, len, d->f) == len ? 0 : -1;
}

int json_out_write(struct json_out *o, const json_t *root, FILE *f)
{
	struct dump d = { o, f, 0 };
	if (json_dump_callback(root, dump_chunk, &d, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
		return -1;
	return fputc('\n', f) == EOF || ferror(f) ? -1 : 0;
}
