/* Exposed sets and key sets (see include/compare_sets.h). */
#include "compare_sets.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "csvfile.h"
#include "jsonline.h"
#include "lines.h"
#include "profile.h"

/* ---- key sets ----------------------------------------------------------------- */

void key_set_init(struct key_set *s)
{
	s->by_key = NULL;
	s->n = 0;
	arena_init(&s->arena);
}

void key_set_release(struct key_set *s)
{
	HASH_CLEAR(hh, s->by_key);
	arena_release(&s->arena);
	s->n = 0;
}

struct key_entry *key_set_find(const struct key_set *s, const char *key)
{
	struct key_entry *e = NULL;
	HASH_FIND_STR(s->by_key, key, e);
	return e;
}

struct key_entry *key_set_add(struct key_set *s, const char *key, int *added)
{
	struct key_entry *e = key_set_find(s, key);
	*added = 0;
	if (e)
		return e;
	if (!(e = arena_alloc(&s->arena, sizeof(*e))) || !(e->key = arena_strndup(&s->arena, key, strlen(key))))
		return NULL;
	HASH_ADD_KEYPTR(hh, s->by_key, e->key, strlen(e->key), e);
	s->n++;
	*added = 1;
	return e;
}

/* ---- exposed sets ------------------------------------------------------------- */

void exposed_set_init(struct exposed_set *e, const char *name, const char *path)
{
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->path = path;
	key_set_init(&e->keys);
}

void exposed_set_release(struct exposed_set *e)
{
	key_set_release(&e->keys);
	e->n_sources = 0;
}

/* One affected list being read. */
struct loader {
	struct exposed_set *e;
	enum key_space sp;
	unsigned long line;
	char *err;
	size_t errsz;
};

static enum hits_status fail(struct loader *ld, const char *what)
{
	snprintf(ld->err, ld->errsz, "'%s':%lu: %s", ld->e->path, ld->line, what);
	return HITS_BAD_INPUT;
}

static enum hits_status no_memory(struct loader *ld)
{
	snprintf(ld->err, ld->errsz, "out of memory");
	return HITS_STOPPED;
}

static int origin_bit(const char *s, size_t len, uint8_t *origins)
{
	for (int o = 0; o < ORIGIN_COUNT; o++)
		if (strlen(origin_name((enum origin)o)) == len && memcmp(s, origin_name((enum origin)o), len) == 0) {
			*origins |= (uint8_t)(1u << o);
			return 0;
		}
	return -1;
}

static enum hits_status source_bit(struct loader *ld, const char *s, size_t len, uint64_t *sources)
{
	struct exposed_set *e = ld->e;
	size_t i = 0;
	while (i < e->n_sources && !(strlen(e->source_names[i]) == len && memcmp(e->source_names[i], s, len) == 0))
		i++;
	if (i == e->n_sources) {
		if (i == EXPOSED_MAX_SOURCES)
			return fail(ld, "more than 64 sources in one affected list");
		if (!(e->source_names[i] = arena_strndup(&e->keys.arena, s, len)))
			return no_memory(ld);
		e->n_sources++;
	}
	*sources |= UINT64_C(1) << i;
	return HITS_OK;
}

/* One row: its address (normalised again, so a hand-written list matches
 * too), origins and sources merged into the key's entry. */
static enum hits_status add_row(struct loader *ld, const char *addr, size_t len, uint8_t origins, uint64_t sources)
{
	char norm[ADDR_BUF], key[HITS_KEY_BUF], what[128];
	enum addr_reject why = addr_normalise(addr, len, norm);
	int added;
	if (why != ADDR_OK) {
		snprintf(what, sizeof(what), "the address column holds no address (%s)", addr_reject_name(why));
		return fail(ld, what);
	}
	if (key_of_address(ld->sp, norm, key) != 0)
		return fail(ld, "cannot compute the digest of an address");
	struct key_entry *k = key_set_add(&ld->e->keys, key, &added);
	if (!k)
		return no_memory(ld);
	k->origins |= origins;
	k->sources |= sources;
	ld->e->rows++;
	return HITS_OK;
}

/* ---- CSV ------------------------------------------------------------------------ */

struct csv_columns {
	long address, origins, sources;
};

static enum hits_status csv_header(struct loader *ld, struct csv_row *row, const char *s, size_t len,
				   struct csv_columns *col)
{
	static const char *const address[] = { "address", NULL }, *const origins[] = { "origins", NULL },
				 *const sources[] = { "sources", NULL };
	if (csv_row_split(row, s, len) != CSV_SPLIT_OK)
		return fail(ld, "not an affected list: the header is not CSV");
	col->address = csv_row_find(row, address);
	col->origins = csv_row_find(row, origins);
	col->sources = csv_row_find(row, sources);
	if (col->address < 0 || col->origins < 0 || col->sources < 0)
		return fail(ld, "not an affected list: the header needs address, origins and sources columns");
	return HITS_OK;
}

/* "login|sent" into origin bits. */
static enum hits_status csv_origins(struct loader *ld, const char *s, size_t len, uint8_t *origins)
{
	for (size_t start = 0, i = 0; len > 0 && i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		if (origin_bit(s + start, i - start, origins) != 0)
			return fail(ld, "unknown origin in the origins column (login, addressbook, sent)");
		start = i + 1;
	}
	return HITS_OK;
}

static enum hits_status csv_sources(struct loader *ld, const char *s, size_t len, uint64_t *sources)
{
	enum hits_status rc = HITS_OK;
	for (size_t start = 0, i = 0; rc == HITS_OK && len > 0 && i <= len; i++)
		if (i == len || s[i] == '|') {
			rc = source_bit(ld, s + start, i - start, sources);
			start = i + 1;
		}
	return rc;
}

/* A record fed whole (split is what the last line's feed said). */
static enum hits_status csv_data(struct loader *ld, struct csv_row *row, enum csv_split split,
				 const struct csv_columns *col)
{
	uint8_t origins = 0;
	uint64_t sources = 0;
	enum hits_status rc;
	if (split == CSV_SPLIT_NO_MEMORY)
		return no_memory(ld);
	if (split != CSV_SPLIT_OK)
		return fail(ld, "a quote left open");
	if ((size_t)col->address >= row->n || (size_t)col->origins >= row->n || (size_t)col->sources >= row->n)
		return fail(ld, "the row is shorter than the header");
	if ((rc = csv_origins(ld, row->field[col->origins], row->field_len[col->origins], &origins)) != HITS_OK ||
	    (rc = csv_sources(ld, row->field[col->sources], row->field_len[col->sources], &sources)) != HITS_OK)
		return rc;
	return add_row(ld, row->field[col->address], row->field_len[col->address], origins, sources);
}

/* ---- JSON lines ---------------------------------------------------------------- */

static enum hits_status json_data(struct loader *ld, const char *s, size_t len)
{
	uint8_t origins = 0;
	uint64_t sources = 0;
	enum hits_status rc = HITS_OK;
	size_t i;
	json_t *obj = json_line_parse(s, len), *item;
	if (!obj)
		return errno == ENOMEM ? no_memory(ld) : fail(ld, "not a JSON object");
	json_t *a = json_object_get(obj, "address"), *o = json_object_get(obj, "origins"),
	       *src = json_object_get(obj, "sources");
	if (!json_is_string(a) || !json_line_is_string_array(o) || !json_line_is_string_array(src)) {
		rc = fail(ld, "not an affected list: an object needs \"address\", \"origins\" and \"sources\"");
		goto out;
	}
	json_array_foreach (o, i, item)
		if (origin_bit(json_string_value(item), json_string_length(item), &origins) != 0) {
			rc = fail(ld, "unknown origin in \"origins\" (login, addressbook, sent)");
			goto out;
		}
	json_array_foreach (src, i, item)
		if ((rc = source_bit(ld, json_string_value(item), json_string_length(item), &sources)) != HITS_OK)
			goto out;
	rc = add_row(ld, json_string_value(a), json_string_length(a), origins, sources);
out:
	json_decref(obj);
	return rc;
}

/* ---- the file ------------------------------------------------------------------- */

struct list_reader {
	struct line_reader lines;
	struct csv_row row;
	struct csv_columns col;
	int header_read;
	unsigned long open_record; /* the first line of a record whose quoted field goes on, or 0 */
};

/* A line of a CSV record, which may span lines (ld->line stays its first). */
static enum hits_status csv_record_line(struct loader *ld, struct list_reader *lr, const char *s, size_t len)
{
	enum csv_split split = csv_row_feed(&lr->row, s, len);
	lr->open_record = split == CSV_SPLIT_OPEN ? ld->line : 0;
	return split == CSV_SPLIT_OPEN ? HITS_OK : csv_data(ld, &lr->row, split, &lr->col);
}

static enum hits_status exposed_line(struct loader *ld, struct list_reader *lr)
{
	const char *s = lr->lines.buf;
	size_t len = lr->lines.len;
	if (lr->open_record)
		return csv_record_line(ld, lr, s, len);
	ld->line = lr->lines.number;
	if (line_is_blank(s, len))
		return HITS_OK;
	if (!ld->e->format)
		ld->e->format = s[strspn(s, " \t")] == '{' ? "jsonl" : "csv";
	if (ld->e->format[0] == 'j')
		return json_data(ld, s, len);
	if (!lr->header_read) {
		lr->header_read = 1;
		return csv_header(ld, &lr->row, s, len, &lr->col);
	}
	return csv_record_line(ld, lr, s, len);
}

enum hits_status exposed_set_load(struct exposed_set *e, enum key_space sp, char *err, size_t errsz)
{
	struct loader ld = { e, sp, 0, err, errsz };
	struct list_reader lr = { 0 };
	enum hits_status rc = HITS_OK;
	int got = 0;
	FILE *f = fopen(e->path, "rb");
	if (!f) {
		snprintf(err, errsz, "cannot read '%s': %s", e->path, strerror(errno));
		return HITS_UNREADABLE;
	}
	line_reader_init(&lr.lines, f);
	csv_row_init(&lr.row);
	while (rc == HITS_OK && (got = line_reader_next(&lr.lines)) > 0)
		rc = exposed_line(&ld, &lr);
	if (rc == HITS_OK && got < 0) {
		snprintf(err, errsz, "cannot read '%s': %s", e->path, strerror(errno));
		rc = errno == ENOMEM ? HITS_STOPPED : HITS_UNREADABLE;
	} else if (rc == HITS_OK && lr.open_record) {
		rc = fail(&ld, "a quote left open");
	} else if (rc == HITS_OK && !e->format) {
		snprintf(err, errsz, "'%s' is empty: not an affected list", e->path);
		rc = HITS_BAD_INPUT;
	}
	csv_row_release(&lr.row);
	line_reader_release(&lr.lines);
	fclose(f);
	return rc;
}
