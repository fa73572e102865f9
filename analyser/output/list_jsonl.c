/* -f jsonl: one JSON object per line, the same fields as csv.
 *
 * jansson encodes every value that carries data: the address, and the
 * origins and sources arrays (dumped once for each distinct set and kept,
 * since most entries share them with the one before). The keys, the
 * punctuation, the count and the times (digits and fixed characters only)
 * are written as they are. Dumping a whole reused jansson object per line
 * was measured first: its seven constant keys cost more than everything
 * else, +0.35 s of CPU on a 697,000-address list, over 10% of the scan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "list_format.h"
#include "profile.h"

#define ORIGIN_SETS (1u << ORIGIN_COUNT)
#define ORIGINS_TEXT 64 /* ["login","addressbook","sent"] and the NUL */
#define ADDRESS_JSON (6 * SHOWN_ADDRESS_BUF + 3) /* every byte as \u00xx, the quotes, the NUL */

struct jsonl {
	json_t *address;                        /* one string, set to each address in turn */
	char origins_text[ORIGIN_SETS][ORIGINS_TEXT]; /* by set of origins */
	char *sources_text;                     /* the array of the set sources_now */
	uint64_t sources_now;
};

static void jsonl_free(struct jsonl *j)
{
	json_decref(j->address);
	free(j->sources_text);
	free(j);
}

/* A JSON array of the names of the set bits of mask, in the order given. */
static json_t *names_array(uint64_t mask, const unsigned *order, const char *const *names, size_t n)
{
	json_t *a = json_array();
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		if (mask & (UINT64_C(1) << order[i]))
			rc |= json_array_append_new(a, jsonout_text0(names[order[i]]));
	return rc ? (json_decref(a), NULL) : a;
}

/* Every set of origins, dumped once. 0, or -1 on no memory. */
static int make_origins_text(struct jsonl *j)
{
	const char *names[ORIGIN_COUNT];
	unsigned order[ORIGIN_COUNT];
	for (unsigned i = 0; i < ORIGIN_COUNT; i++) {
		names[i] = origin_name(i);
		order[i] = i;
	}
	for (unsigned m = 0; m < ORIGIN_SETS; m++) {
		json_t *a = names_array(m, order, names, ORIGIN_COUNT);
		size_t n = a ? json_dumpb(a, j->origins_text[m], ORIGINS_TEXT - 1, JSONOUT_FLAGS) : 0;
		json_decref(a);
		if (n == 0 || n >= ORIGINS_TEXT)
			return -1;
		j->origins_text[m][n] = '\0';
	}
	return 0;
}

/* The sources array of e, dumped when its set differs from the last one's. */
static const char *sources_text(struct jsonl *j, const struct output_ctx *o, const struct addr_entry *e)
{
	if (j->sources_text && e->sources == j->sources_now)
		return j->sources_text;
	json_t *a = names_array(e->sources, o->source_order, o->source_names, o->n_sources);
	free(j->sources_text);
	j->sources_text = a ? json_dumps(a, JSONOUT_FLAGS) : NULL;
	j->sources_now = e->sources;
	json_decref(a);
	return j->sources_text;
}

static int jsonl_open(struct output_ctx *o)
{
	struct jsonl *j = calloc(1, sizeof(*j));
	if (!j || !(j->address = json_string("")) || make_origins_text(j) != 0) {
		if (j)
			jsonl_free(j);
		errno = ENOMEM;
		return -1;
	}
	o->state = j;
	return 0;
}

/* "2006-06-01T10:00:00Z" with its quotes, or null. */
static int put_time(FILE *f, int64_t t)
{
	char buf[21];
	entry_time_text(t, buf);
	if (!buf[0])
		return fputs("null", f) < 0 ? -1 : 0;
	return fputc('"', f) == EOF || fputs(buf, f) < 0 || fputc('"', f) == EOF ? -1 : 0;
}

static int jsonl_record(struct output_ctx *o, const struct addr_entry *e)
{
	struct jsonl *j = o->state;
	char buf[SHOWN_ADDRESS_BUF], addr[ADDRESS_JSON];
	const char *shown = shown_address(o, e, buf), *sources;
	size_t n;
	/* the set holds only addresses the parser accepted: UTF-8 already */
	if (json_string_setn_nocheck(j->address, shown, strlen(shown)) != 0 ||
	    (n = json_dumpb(j->address, addr, sizeof(addr), JSONOUT_FLAGS | JSON_ENCODE_ANY)) == 0 ||
	    n > sizeof(addr) || !(sources = sources_text(j, o, e))) {
		errno = ENOMEM;
		return -1;
	}
	FILE *f = o->f;
	if (fputs("{\"address\":", f) < 0 || fwrite(addr, 1, n, f) != n || fputs(",\"origins\":", f) < 0 ||
	    fputs(j->origins_text[e->origins & ORIGIN_ALL], f) < 0 || fputs(",\"sources\":", f) < 0 ||
	    fputs(sources, f) < 0 || fprintf(f, ",\"accounts\":%u,\"first_seen\":", e->accounts) < 0 ||
	    put_time(f, e->first_seen) != 0 || fputs(",\"last_seen\":", f) < 0 || put_time(f, e->last_seen) != 0)
		return -1;
	return fprintf(f, ",\"class\":\"%s\",\"customers_login\":%s}\n", address_class(o, e),
		       address_is_customer_login(o, e) ? "true" : "false") < 0 ? -1 : 0;
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
