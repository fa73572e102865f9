/* -f jsonl: one JSON object per line, the same fields as csv, written by
 * jansson. One object is built at open and only its values change from one
 * record to the next (the origin, source and class strings are made once
 * and shared), and each line is dumped into one reused buffer: building a
 * fresh tree per address cost far more than the writing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "list_format.h"
#include "profile.h"

struct jsonl {
	json_t *obj;                 /* the record, keys in the order they are written */
	json_t *address, *origins, *sources, *accounts, *first, *last; /* its values */
	int first_set, last_set;     /* whether first_seen / last_seen hold the string, not null */
	const char *class_set;       /* what "class" holds now */
	json_t *origin_names[ORIGIN_COUNT];
	json_t *source_names[ADDRSET_MAX_SOURCES]; /* by source index */
	json_t *classes[2];          /* "external", "internal" */
	char *buf;
	size_t cap;
};

static void jsonl_free(struct jsonl *j)
{
	json_decref(j->obj);
	for (int i = 0; i < ORIGIN_COUNT; i++)
		json_decref(j->origin_names[i]);
	for (size_t i = 0; i < ADDRSET_MAX_SOURCES; i++)
		json_decref(j->source_names[i]);
	json_decref(j->classes[0]);
	json_decref(j->classes[1]);
	json_decref(j->first);
	json_decref(j->last);
	free(j->buf);
	free(j);
}

/* The shared strings. 0, or -1 on no memory. */
static int make_names(struct jsonl *j, const struct output_ctx *o)
{
	int rc = 0;
	for (int i = 0; i < ORIGIN_COUNT; i++)
		rc |= !(j->origin_names[i] = json_text0(origin_name(i)));
	for (size_t i = 0; i < o->n_sources && i < ADDRSET_MAX_SOURCES; i++)
		rc |= !(j->source_names[i] = json_text0(o->source_names[i]));
	rc |= !(j->classes[0] = json_string("external")) | !(j->classes[1] = json_string("internal"));
	rc |= !(j->first = json_string("")) | !(j->last = json_string(""));
	return rc ? -1 : 0;
}

/* The record with placeholder values; the pointers to them are borrowed. */
static int make_record(struct jsonl *j)
{
	int rc = 0;
	if (!(j->obj = json_object()))
		return -1;
	rc |= json_object_set_new(j->obj, "address", j->address = json_string(""));
	rc |= json_object_set_new(j->obj, "origins", j->origins = json_array());
	rc |= json_object_set_new(j->obj, "sources", j->sources = json_array());
	rc |= json_object_set_new(j->obj, "accounts", j->accounts = json_integer(0));
	rc |= json_object_set_new(j->obj, "first_seen", json_null());
	rc |= json_object_set_new(j->obj, "last_seen", json_null());
	rc |= json_object_set(j->obj, "class", j->classes[0]);
	j->class_set = "external";
	return rc ? -1 : 0;
}

static int jsonl_open(struct output_ctx *o)
{
	struct jsonl *j = calloc(1, sizeof(*j));
	if (!j || make_names(j, o) != 0 || make_record(j) != 0) {
		if (j)
			jsonl_free(j);
		errno = ENOMEM;
		return -1;
	}
	o->state = j;
	return 0;
}

/* "first_seen" or "last_seen": the time as a string, or null. */
static int set_time(json_t *obj, const char *key, json_t *str, int *is_set, int64_t t)
{
	char buf[21];
	entry_time_text(t, buf);
	if (buf[0] && json_string_setn_nocheck(str, buf, strlen(buf)) != 0)
		return -1;
	if (!buf[0] == !*is_set)
		return 0; /* the key holds the right kind already */
	*is_set = buf[0] != '\0';
	return json_object_set_new(obj, key, *is_set ? json_incref(str) : json_null());
}

static int set_values(struct jsonl *j, const struct output_ctx *o, const struct addr_entry *e)
{
	char buf[SHOWN_ADDRESS_BUF];
	const char *addr = shown_address(o, e, buf), *cls = address_class(o, e);
	int rc = json_string_set(j->address, addr) | json_array_clear(j->origins) | json_array_clear(j->sources);
	for (int i = 0; i < ORIGIN_COUNT; i++)
		if (e->origins & (1u << i))
			rc |= json_array_append(j->origins, j->origin_names[i]);
	for (size_t i = 0; i < o->n_sources; i++) {
		unsigned s = o->source_order[i];
		if (e->sources & (UINT64_C(1) << s))
			rc |= json_array_append(j->sources, j->source_names[s]);
	}
	rc |= json_integer_set(j->accounts, e->accounts);
	rc |= set_time(j->obj, "first_seen", j->first, &j->first_set, e->first_seen);
	rc |= set_time(j->obj, "last_seen", j->last, &j->last_set, e->last_seen);
	if (cls != j->class_set) {
		rc |= json_object_set(j->obj, "class", j->classes[cls[0] == 'i']);
		j->class_set = cls;
	}
	return rc ? -1 : 0;
}

/* The record as one line into the reused buffer; its length, or 0 on no memory. */
static size_t dump_line(struct jsonl *j)
{
	size_t need = json_dumpb(j->obj, j->buf, j->cap, JSONOUT_FLAGS);
	if (need == 0)
		return 0;
	if (need + 1 > j->cap) {
		size_t cap = 2 * (need + 1);
		char *buf = realloc(j->buf, cap);
		if (!buf)
			return 0;
		j->buf = buf;
		j->cap = cap;
		if (json_dumpb(j->obj, j->buf, j->cap, JSONOUT_FLAGS) != need)
			return 0;
	}
	j->buf[need] = '\n';
	return need + 1;
}

static int jsonl_record(struct output_ctx *o, const struct addr_entry *e)
{
	struct jsonl *j = o->state;
	size_t len;
	if (set_values(j, o, e) != 0 || (len = dump_line(j)) == 0) {
		errno = ENOMEM;
		return -1;
	}
	return fwrite(j->buf, 1, len, o->f) == len ? 0 : -1;
}

static int jsonl_close(struct output_ctx *o)
{
	jsonl_free(o->state);
	o->state = NULL;
	return 0;
}

const struct list_format list_format_jsonl = {
	.name = "jsonl",
	.description = "one JSON object per line, the same fields as csv",
	.extension = "jsonl",
	.open = jsonl_open,
	.record = jsonl_record,
	.close = jsonl_close,
};
