#include "writer.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "profile.h"
#include "timeutil.h"

int address_is_internal(const struct output_ctx *o, const struct addr_entry *e)
{
	return domain_set_has(o->internal, address_domain(e->addr));
}

const char *address_class(const struct output_ctx *o, const struct addr_entry *e)
{
	return address_is_internal(o, e) ? "internal" : "external";
}

/* Copy s to f, with bytes that are not printable text as \xNN. */
static int put_escaped(FILE *f, const char *s, size_t len, int quote_doubling)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t seq = p[i] >= 0x80 ? utf8_char_len(p + i, len - i) : 1;
		if (seq == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			if (fprintf(f, "\\x%02x", p[i]) < 0)
				return -1;
			i++;
			continue;
		}
		if (quote_doubling && p[i] == '"' && fputc('"', f) == EOF)
			return -1;
		if (fwrite(p + i, 1, seq, f) != seq)
			return -1;
		i += seq;
	}
	return 0;
}

int csv_field(FILE *f, const char *s, size_t len)
{
	int quote = memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) ||
		    memchr(s, '\r', len) || (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	if (quote && fputc('"', f) == EOF)
		return -1;
	if (put_escaped(f, s, len, quote) != 0)
		return -1;
	return quote && fputc('"', f) == EOF ? -1 : 0;
}

int json_string(FILE *f, const char *s, size_t len)
{
	if (fputc('"', f) == EOF)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		if (c == '"' || c == '\\')
			rc = fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			rc = fprintf(f, "\\u%04x", c);
		else
			rc = fputc(c, f) == EOF ? -1 : 0;
		if (rc < 0)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}

/* ---- shared pieces of csv and jsonl -------------------------------------- */

/* origins as "login|sent" (csv) or ["login","sent"] (json) */
static int put_origins(FILE *f, unsigned origins, int json)
{
	int first = 1;
	if (json && fputc('[', f) == EOF)
		return -1;
	for (int o = 0; o < ORIGIN_COUNT; o++) {
		if (!(origins & (1u << o)))
			continue;
		if (fprintf(f, json ? "%s\"%s\"" : "%s%s", first ? "" : json ? "," : "|", origin_name(o)) < 0)
			return -1;
		first = 0;
	}
	return json && fputc(']', f) == EOF ? -1 : 0;
}

static int put_sources(const struct output_ctx *o, const struct addr_entry *e, int json)
{
	int first = 1;
	if (json && fputc('[', o->f) == EOF)
		return -1;
	for (size_t i = 0; i < o->n_sources; i++) {
		unsigned s = o->source_order[i];
		if (!(e->sources & (UINT64_C(1) << s)))
			continue;
		if (!first && fputc(json ? ',' : '|', o->f) == EOF)
			return -1;
		const char *name = o->source_names[s];
		if ((json ? json_string(o->f, name, strlen(name)) : fputs(name, o->f)) < 0)
			return -1;
		first = 0;
	}
	return json && fputc(']', o->f) == EOF ? -1 : 0;
}

static void format_time_or_empty(int64_t t, char buf[21])
{
	if (t == TIME_NONE)
		buf[0] = '\0';
	else
		time_format(t, buf);
}

void mask_address(const char *s, size_t len, char *out, size_t outsz)
{
	size_t dom = len; /* where "@domain" starts, or len without an '@' */
	for (size_t i = len; i > 0; i--)
		if (s[i - 1] == '@') {
			dom = i - 1;
			break;
		}
	size_t first = 0; /* the first character, whole even when it is UTF-8 */
	if (dom > 0) {
		first = utf8_char_len((const unsigned char *)s, len);
		if (first == 0)
			first = 1;
	}
	size_t end = dom; /* the domain ends where the address does, not at the end of a whole vCard */
	while (end < len && !isspace((unsigned char)s[end]) && (unsigned char)s[end] >= 0x20 && !strchr(",;>\"", s[end]))
		end++;
	snprintf(out, outsz, "%.*s***%.*s", (int)first, s, (int)(end - dom), s + dom);
}

/* The address as the output shows it: itself, or masked. */
static const char *shown_address(const struct output_ctx *o, const struct addr_entry *e, char *buf, size_t sz)
{
	if (!o->mask)
		return e->addr;
	mask_address(e->addr, strlen(e->addr), buf, sz);
	return buf;
}

/* ---- csv ------------------------------------------------------------------ */

static int csv_open(struct output_ctx *o)
{
	return fputs("address,origins,sources,accounts,first_seen,last_seen,class\n", o->f) < 0 ? -1 : 0;
}

static int csv_record(struct output_ctx *o, const struct addr_entry *e)
{
	char first[21], last[21], buf[ADDR_BUF + 8];
	const char *addr = shown_address(o, e, buf, sizeof(buf));
	format_time_or_empty(e->first_seen, first);
	format_time_or_empty(e->last_seen, last);
	if (csv_field(o->f, addr, strlen(addr)) != 0 || fputc(',', o->f) == EOF ||
	    put_origins(o->f, e->origins, 0) != 0 || fputc(',', o->f) == EOF || put_sources(o, e, 0) != 0)
		return -1;
	return fprintf(o->f, ",%u,%s,%s,%s\n", e->accounts, first, last, address_class(o, e)) < 0 ? -1 : 0;
}

/* ---- jsonl ---------------------------------------------------------------- */

static int json_time(FILE *f, int64_t t)
{
	char buf[21];
	if (t == TIME_NONE)
		return fputs("null", f) < 0 ? -1 : 0;
	time_format(t, buf);
	return fprintf(f, "\"%s\"", buf) < 0 ? -1 : 0;
}

static int jsonl_record(struct output_ctx *o, const struct addr_entry *e)
{
	char buf[ADDR_BUF + 8];
	const char *addr = shown_address(o, e, buf, sizeof(buf));
	if (fputs("{\"address\":", o->f) < 0 || json_string(o->f, addr, strlen(addr)) != 0 ||
	    fputs(",\"origins\":", o->f) < 0 || put_origins(o->f, e->origins, 1) != 0 ||
	    fputs(",\"sources\":", o->f) < 0 || put_sources(o, e, 1) != 0 ||
	    fprintf(o->f, ",\"accounts\":%u,\"first_seen\":", e->accounts) < 0 || json_time(o->f, e->first_seen) != 0 ||
	    fputs(",\"last_seen\":", o->f) < 0 || json_time(o->f, e->last_seen) != 0)
		return -1;
	return fprintf(o->f, ",\"class\":\"%s\"}\n", address_class(o, e)) < 0 ? -1 : 0;
}

/* ---- list, sha256, md5 ---------------------------------------------------- */

static int list_record(struct output_ctx *o, const struct addr_entry *e)
{
	char buf[ADDR_BUF + 8];
	return fputs(shown_address(o, e, buf, sizeof(buf)), o->f) == EOF || fputc('\n', o->f) == EOF ? -1 : 0;
}

int address_digest(const char *addr, int sha256, char out[ADDRESS_DIGEST_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (EVP_Digest(addr, strlen(addr), d, &n, sha256 ? EVP_sha256() : EVP_md5(), NULL) != 1 ||
	    2 * n >= ADDRESS_DIGEST_HEX)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
	return 0;
}

static int digest_record(struct output_ctx *o, const struct addr_entry *e, int sha256)
{
	char hex[ADDRESS_DIGEST_HEX];
	if (address_digest(e->addr, sha256, hex) != 0)
		return -1;
	return fputs(hex, o->f) == EOF || fputc('\n', o->f) == EOF ? -1 : 0;
}

static int sha256_record(struct output_ctx *o, const struct addr_entry *e)
{
	return digest_record(o, e, 1);
}

static int md5_record(struct output_ctx *o, const struct addr_entry *e)
{
	return digest_record(o, e, 0);
}

/* ---- the table ------------------------------------------------------------ */

static const struct writer writers[] = {
	{ .name = "csv", .description = "one row per address with origins, sources, accounts, times, class",
	  .open = csv_open, .record = csv_record },
	{ .name = "jsonl", .description = "one JSON object per line, the same fields as csv",
	  .record = jsonl_record },
	{ .name = "list", .description = "one address a line", .record = list_record },
	{ .name = "sha256", .description = "one lowercase hex sha256 of the address a line",
	  .record = sha256_record },
	{ .name = "md5", .description = "one lowercase hex md5 of the address a line", .record = md5_record },
};

const struct writer *writer_at(size_t i)
{
	return i < sizeof(writers) / sizeof(writers[0]) ? &writers[i] : NULL;
}

const struct writer *writer_find(const char *name)
{
	for (size_t i = 0; writer_at(i); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}

int writer_write_all(const struct writer *w, struct output_ctx *o, struct addr_entry *const *sorted, size_t n)
{
	if (w->open && w->open(o) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (i + 8 < n) /* sorted order is memory's random order: ask ahead */
			__builtin_prefetch(sorted[i + 8]->addr);
		if (w->record(o, sorted[i]) != 0)
			return -1;
	}
	return w->close ? w->close(o) : 0;
}

/* Source indices sorted by name, for the sources column. */
static void sort_sources(const char *const *names, unsigned *order, size_t n)
{
	for (size_t i = 0; i < n; i++)
		order[i] = (unsigned)i;
	for (size_t i = 1; i < n; i++) /* at most 64: insertion sort */
		for (size_t j = i; j > 0 && strcmp(names[order[j - 1]], names[order[j]]) > 0; j--) {
			unsigned t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

int writer_write_scan(const struct writer *w, FILE *f, const struct scan *sc, const struct domain_set *internal)
{
	return writer_write_scan_filtered(w, f, sc, internal, 0, NULL, NULL);
}

int writer_write_scan_filtered(const struct writer *w, FILE *f, const struct scan *sc,
			       const struct domain_set *internal, int mask, entry_filter_fn keep, size_t *written)
{
	const char *names[ADDRSET_MAX_SOURCES];
	unsigned order[ADDRSET_MAX_SOURCES];
	for (size_t i = 0; i < sc->n_sources; i++)
		names[i] = sc->sources[i].name;
	sort_sources(names, order, sc->n_sources);
	size_t n;
	struct addr_entry **sorted = addrset_sorted(&sc->set, &n);
	if (n == SIZE_MAX) {
		errno = ENOMEM;
		return -1;
	}
	struct output_ctx o = { f, names, order, sc->n_sources, internal, mask };
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) /* the kept entries, in order, to the front */
		if (!keep || keep(&o, sorted[i]))
			sorted[kept++] = sorted[i];
	int rc = writer_write_all(w, &o, sorted, kept);
	free(sorted);
	if (written)
		*written = kept;
	return rc;
}

int rejects_csv_header(FILE *f)
{
	return fputs("source,table,key,column,reason,value,value_bytes\n", f) < 0 ? -1 : 0;
}

/* One row; the value shown may be a masked copy, value_bytes is the original's. */
static int write_reject_row(FILE *f, const struct scan_reject *r, const char *value, size_t shown)
{
	if (csv_field(f, r->source, strlen(r->source)) || fputc(',', f) == EOF ||
	    csv_field(f, r->table, strlen(r->table)) || fputc(',', f) == EOF ||
	    csv_field(f, r->key, r->key_len) || fputc(',', f) == EOF ||
	    csv_field(f, r->column, strlen(r->column)) ||
	    fprintf(f, ",%s,", addr_reject_name(r->why)) < 0 || csv_field(f, value, shown) ||
	    fprintf(f, ",%zu\n", r->value_len) < 0)
		return -1;
	return 0;
}

int rejects_csv_row(void *ctx, const struct scan_reject *r)
{
	return write_reject_row(ctx, r, r->value, r->value_len > REJECTS_VALUE_MAX ? REJECTS_VALUE_MAX : r->value_len);
}

int rejects_csv_row_masked(void *ctx, const struct scan_reject *r)
{
	char buf[REJECTS_VALUE_MAX + 8];
	mask_address(r->value, r->value_len > REJECTS_VALUE_MAX ? REJECTS_VALUE_MAX : r->value_len, buf, sizeof(buf));
	return write_reject_row(ctx, r, buf, strlen(buf));
}
