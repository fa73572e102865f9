#include "scan.h"

#include "scan_private.h"
#include "owners.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source_uri.h"
#include "textcmp.h"
#include "vcard.h"
#include "timeutil.h"

#define QUERY_MAX 16384
#define OWNER_BUF 512

int scan_init(struct scan *sc)
{
	memset(sc, 0, sizeof(*sc));
	addrset_init(&sc->set);
	sc->origins = ORIGIN_ALL;
	sc->since = TIME_NONE;
	sc->until = TIME_NONE;
	if (!(sc->priv = calloc(1, sizeof(*sc->priv))))
		return -1;
	pthread_mutex_init(&sc->priv->lock, NULL);
	return 0;
}

static void scan_source_release(struct scan_source *src)
{
	struct day_count *d, *tmp;
	HASH_ITER(hh, src->days, d, tmp) {
		HASH_DEL(src->days, d);
		free(d);
	}
	for (size_t i = 0; i < src->n_runs; i++)
		free(src->runs[i].table);
	free(src->runs);
	free(src->absent);
	free(src->name);
	free(src->uri);
}

void scan_release(struct scan *sc)
{
	for (size_t i = 0; i < sc->n_sources; i++)
		scan_source_release(&sc->sources[i]);
	free(sc->sources);
	addrset_release(&sc->set);
	if (sc->priv)
		pthread_mutex_destroy(&sc->priv->lock);
	free(sc->priv);
	memset(sc, 0, sizeof(*sc));
}

/* ---- sources ------------------------------------------------------------ */

struct scan_source *scan_find_source(struct scan *sc, const char *name)
{
	for (size_t i = 0; i < sc->n_sources; i++)
		if (strcmp(sc->sources[i].name, name) == 0)
			return &sc->sources[i];
	return NULL;
}

int scan_add_source(struct scan *sc, const char *arg, char *err, size_t errsz)
{
	if (sc->n_sources >= ADDRSET_MAX_SOURCES) {
		snprintf(err, errsz, "too many sources: at most %d in one scan", ADDRSET_MAX_SOURCES);
		return -1;
	}
	size_t tag = source_tag_length(arg);
	struct scan_source src = { 0 };
	char who[96];
	if (tag)
		snprintf(who, sizeof(who), "'%.*s'", (int)(tag < 64 ? tag : 64), arg);
	else
		snprintf(who, sizeof(who), "%zu", sc->n_sources + 1);
	if (source_refuse_password(arg + (tag ? tag + 1 : 0), who, err, errsz) != 0)
		return -1;
	src.uri = strdup(arg + (tag ? tag + 1 : 0));
	if (!src.uri || connector_lookup(src.uri, &src.impl, &src.location, err, errsz) != 0)
		goto fail;
	src.name = tag ? strndup(arg, tag) : source_default_name(src.location);
	if (!src.name || !src.name[0] || strpbrk(src.name, "|,\"")) {
		snprintf(err, errsz, "bad source name '%s': empty, or holds '|', ',' or '\"'", src.name ? src.name : "");
		goto fail;
	}
	if (scan_find_source(sc, src.name)) {
		snprintf(err, errsz, "two sources are named '%s': tag them, e.g. db1=PATH db2=PATH", src.name);
		goto fail;
	}
	struct scan_source *v = realloc(sc->sources, (sc->n_sources + 1) * sizeof(*v));
	if (!v) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	sc->sources = v;
	sc->sources[sc->n_sources++] = src;
	return 0;
fail:
	if (!err[0])
		snprintf(err, errsz, "out of memory");
	scan_source_release(&src);
	return -1;
}

/* ---- tables ----------------------------------------------- */

static int table_list_add(void *ctx, const char *table)
{
	struct table_list *t = ctx;
	char **v = realloc(t->names, (t->n + 1) * sizeof(*v));
	if (!v || !(v[t->n] = strdup(table))) {
		if (v)
			t->names = v;
		t->oom = 1;
		return 1;
	}
	t->names = v;
	t->n++;
	return 0;
}

void table_list_release(struct table_list *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
}

static int table_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

int table_list_read(struct conn *c, struct table_list *t)
{
	memset(t, 0, sizeof(*t));
	if (conn_list_tables(c, table_list_add, t) != 0 || t->oom)
		return -1;
	if (t->n > 1)
		qsort(t->names, t->n, sizeof(*t->names), table_cmp);
	return 0;
}

/* ---- the per-row path ----------------------------------------------------- */

/* Where each role of an extractor sits in its query's result. */
struct column_map {
	int address[EXTRACTOR_MAX_ADDRESS];
	int n_address;
	int owner, time, login_time, key, internal, deleted, vcard;
};

struct run_ctx {
	struct scan *sc;
	struct scan_source *src;
	struct scan_run *run;
	struct feed *feed;
	const struct profile *profile;
	size_t system_len; /* of profile->system_account, measured once a query */
	struct column_map map;
	struct day_count *day; /* the last row's day: rows come in runs of one day */
	int mapped;
	int failed; /* message in src->err */
	unsigned owner_bits; /* the flags of the last owner's login sighting */
	struct owner_set *owners; /* the owners the source added */
	/* the row being parsed, for the item callback */
	int64_t time;
	const char *key;
	size_t key_len;
	const char *column;
	unsigned origin_bits;
};

/* The column of a role: -1 no role, -2 no such column, -3 two columns of
 * that name (case-insensitively), which would read one and silently not the other. */
static int column_index(const struct conn_row *row, const char *name)
{
	int found = -2;
	if (!name)
		return -1;
	for (int i = 0; i < row->ncols; i++)
		if (strcasecmp(row->names[i], name) == 0) {
			if (found >= 0)
				return -3;
			found = i;
		}
	return found;
}

static int run_fail(struct run_ctx *rc, const char *fmt, const char *what)
{
	snprintf(rc->src->err, sizeof(rc->src->err), fmt, rc->src->name, rc->run->ex->name,
		 rc->run->table, what);
	rc->failed = 1;
	return 1;
}

/* Checked once per query, at its first row: every role names a column. */
static int map_columns(struct run_ctx *rc, const struct conn_row *row)
{
	const struct extractor *ex = rc->run->ex;
	static const char missing[] = "source '%s': extractor '%s' on table '%s': the query returns no column '%s'";
	struct column_map *m = &rc->map;
	m->n_address = 0;
	static const char twice[] = "source '%s': extractor '%s' on table '%s': the query returns column '%s' twice";
	for (int i = 0; i < EXTRACTOR_MAX_ADDRESS && ex->address[i]; i++) {
		m->address[i] = column_index(row, ex->address[i]);
		if (m->address[i] < 0)
			return run_fail(rc, m->address[i] == -3 ? twice : missing, ex->address[i]);
		m->n_address++;
	}
	const char *roles[] = { ex->owner, ex->time, ex->login_time, ex->key, ex->internal, ex->deleted, ex->vcard };
	int *slots[] = { &m->owner, &m->time, &m->login_time, &m->key, &m->internal, &m->deleted, &m->vcard };
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		*slots[i] = column_index(row, roles[i]);
		if (*slots[i] <= -2)
			return run_fail(rc, *slots[i] == -3 ? twice : missing, roles[i]);
	}
	rc->mapped = 1;
	return 0;
}

/* The profile's pseudo-account (e.g. @Mail's System), case-insensitively. */
static int is_system_account(const struct run_ctx *rc, const char *s, size_t len)
{
	const char *word = rc->profile->system_account;
	return word && len == rc->system_len && strncasecmp(s, word, len) == 0;
}

/* Drop white space around a value (pointer and length: it may hold NULs). */
static void trim_blanks(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s))
		(*s)++, (*len)--;
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

static int is_bare_login(const char *v, size_t len);

/* 1 when the source added this owner with at least these flags before;
 * else notes that it does now. */
static int owner_seen_before(struct run_ctx *rc, const char *owner, size_t len, unsigned bits)
{
	/* the feed hashed the owner when it was set: the one hash a new owner costs */
	return owner_set_seen(rc->owners, owner, len, rc->feed->owner_hash, bits);
}

/* The owner of an address-book, group or sent-log row is a customer of the
 * webmail even when its own row (@Mail Users) is gone: it is added as a
 * login address (without a time), once per run of rows of one owner and
 * again when its flags grow. An owner that is no address (a bare login
 * without --login-domain) adds nothing. -1 on no memory. */
static int add_owner_login(struct run_ctx *rc, const char *owner, size_t len, int new_owner, int logged_in)
{
	unsigned bits = (1u << ORIGIN_LOGIN) | ADDR_FLAG_INTERNAL_HINT | (logged_in ? ADDR_FLAG_LOGGED_IN : 0u);
	char full[ADDR_BUF * 2], addr[ADDR_BUF];
	if (!(rc->sc->origins & (1u << ORIGIN_LOGIN)) || (!new_owner && (rc->owner_bits | bits) == rc->owner_bits))
		return 0;
	rc->owner_bits = new_owner ? bits : rc->owner_bits | bits;
	if (owner_seen_before(rc, owner, len, bits))
		return 0;
	if (len >= ADDR_BUF)
		return 0; /* too long to be an address */
	if (rc->sc->login_domain && is_bare_login(owner, len)) {
		int n = snprintf(full, sizeof(full), "%.*s@%s", (int)len, owner, rc->sc->login_domain);
		if (n < 0 || (size_t)n >= sizeof(full))
			return 0;
		owner = full;
		len = (size_t)n;
	}
	if (addr_normalise(owner, len, addr) != ADDR_OK)
		return 0;
	return feed_add(rc->feed, addr, strlen(addr), bits, TIME_NONE);
}

/* The row's owner account, trimmed and lower-cased, handed to the batch;
 * none for the system account or an empty value. 1 when a new run of rows
 * of an owner starts, 0 when not, -1 on no memory. */
static int row_owner(struct run_ctx *rc, const struct conn_row *row)
{
	if (rc->map.owner < 0 || !row->values[rc->map.owner])
		return feed_start_owner(rc->feed, NULL, 0);
	const char *s = row->values[rc->map.owner];
	size_t len = row->lengths[rc->map.owner];
	trim_blanks(&s, &len);
	if (len == 0)
		return feed_start_owner(rc->feed, NULL, 0);
	if (is_system_account(rc, s, len)) {
		rc->run->system_rows++;
		return feed_start_owner(rc->feed, NULL, 0);
	}
	char stack[OWNER_BUF];
	char *buf = len <= sizeof(stack) ? stack : malloc(len);
	if (!buf)
		return -1;
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	int rv = feed_start_owner(rc->feed, buf, len);
	if (buf != stack)
		free(buf);
	return rv;
}

/* The row's owner as a login address, once its fields are in: the owners'
 * set was asked to load its slot when the owner was set, so that the
 * lookup finds it in the cache (owners change at almost every row). */
static int row_owner_login(struct run_ctx *rc, int new_owner, int logged_in)
{
	struct feed *f = rc->feed;
	return f->owned ? add_owner_login(rc, f->owner, f->owner_len, new_owner, logged_in) : 0;
}

static int out_of_memory(struct run_ctx *rc)
{
	snprintf(rc->src->err, sizeof(rc->src->err), "source '%.64s': out of memory", rc->src->name);
	rc->failed = 1;
	return 1;
}

/* The time in a column of the row, read in the source's zone; TIME_NONE
 * for none, with *how saying why. */
static int64_t column_time(const struct run_ctx *rc, const struct conn_row *row, int col, enum time_parse *how)
{
	int64_t t = TIME_NONE;
	*how = TIME_ABSENT;
	if (col >= 0 && row->values[col])
		*how = time_parse_in(row->values[col], row->lengths[col], rc->src->zone, &t);
	return *how == TIME_PARSED ? t : TIME_NONE;
}

static int64_t row_time(struct run_ctx *rc, const struct conn_row *row)
{
	enum time_parse how;
	int64_t t = column_time(rc, row, rc->map.time, &how);
	rc->run->timed += how == TIME_PARSED;
	rc->run->bad_times += how == TIME_UNPARSED;
	rc->run->placeholder += how == TIME_PLACEHOLDER;
	return t;
}

/* Whether the row's owner logged in inside the window. Without a window
 * the flag is read by nothing (every login account is in customers-login),
 * so the login time is not parsed at all. */
static int row_logged_in(const struct run_ctx *rc, const struct conn_row *row)
{
	if (rc->sc->since == TIME_NONE && rc->sc->until == TIME_NONE)
		return 0;
	enum time_parse how;
	int64_t t = column_time(rc, row, rc->map.login_time, &how);
	return t != TIME_NONE && (rc->sc->since == TIME_NONE || t >= rc->sc->since) &&
	       (rc->sc->until == TIME_NONE || t <= rc->sc->until);
}

static int report_reject(struct run_ctx *rc, enum addr_reject why, const char *raw, size_t raw_len)
{
	rc->run->rejected++;
	rc->run->rejects[why]++;
	if (!rc->sc->on_reject)
		return 0;
	struct scan_reject r = {
		.source = rc->src->name, .table = rc->run->table, .key = rc->key, .key_len = rc->key_len,
		.column = rc->column, .why = why, .value = raw, .value_len = raw_len,
	};
	pthread_mutex_lock(&rc->sc->priv->lock);
	int rv = rc->sc->on_reject(rc->sc->reject_ctx, &r);
	pthread_mutex_unlock(&rc->sc->priv->lock);
	if (rv != 0) {
		snprintf(rc->src->err, sizeof(rc->src->err), "cannot write the rejects file");
		rc->failed = 1;
		return 1;
	}
	return 0;
}

static int take_item(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	struct run_ctx *rc = ctx;
	if (why != ADDR_OK)
		return report_reject(rc, why, raw, raw_len);
	if (feed_add(rc->feed, addr, strlen(addr), rc->origin_bits, rc->time) != 0)
		return out_of_memory(rc);
	rc->run->accepted++;
	return 0;
}

static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* A vCard EMAIL value is one address: with an (escaped) ',' or ';' in it,
 * it is checked whole, never split into a list that could invent one. */
static int take_vcard_value(void *ctx, const char *value, size_t len)
{
	char addr[ADDR_BUF];
	if (!memchr(value, ',', len) && !memchr(value, ';', len))
		return addrlist_parse(value, len, 0, take_item, ctx);
	enum addr_reject why = addr_normalise(value, len, addr);
	return take_item(ctx, why, why == ADDR_OK ? addr : NULL, value, len);
}

/* Every EMAIL line of a vCard; a vCard without one is an `empty` reject. */
static int take_vcard(struct run_ctx *rc, const char *v, size_t len)
{
	int found = vcard_emails(v, len, take_vcard_value, rc);
	if (found == -1)
		return out_of_memory(rc);
	if (found == 0)
		return report_reject(rc, ADDR_REJECT_EMPTY, v, len);
	return found < 0;
}

/* A trimmed login that is one bare local part (no '@', no white space, no
 * list or display-name syntax): only such a login is completed, never
 * "john smith". */
static int is_bare_login(const char *v, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isspace((unsigned char)v[i]) || strchr("@,;<>()\":", v[i]) || v[i] == '\0')
			return 0;
	return len > 0;
}

/* A bare login (trimmed, not empty) completed with --login-domain. */
static int take_login_name(struct run_ctx *rc, const char *v, size_t len)
{
	char buf[ADDR_BUF * 2];
	int n = snprintf(buf, sizeof(buf), "%.*s@%s", (int)(len < ADDR_BUF ? len : ADDR_BUF), v,
			 rc->sc->login_domain);
	if (n < 0 || (size_t)n >= sizeof(buf) || len >= ADDR_BUF)
		return addrlist_parse(v, len, 0, take_item, rc); /* too long: rejected as such */
	return addrlist_parse(buf, (size_t)n, 0, take_item, rc);
}

static int take_field(struct run_ctx *rc, const char *v, size_t len)
{
	const struct extractor *ex = rc->run->ex;
	unsigned flags = 0;
	if (ex->truncate_at && utf8_chars(v, len) >= ex->truncate_at)
		flags |= ADDRLIST_TRUNCATED;
	if (ex->filter != FILTER_NONE) {
		size_t skip = field_filter_skip(ex->filter, v, len);
		v += skip;
		len -= skip;
	}
	if (is_system_account(rc, v, len))
		return report_reject(rc, ADDR_REJECT_SYSTEM_ACCOUNT, v, len);
	if (ex->filter == FILTER_VCARD)
		return take_vcard(rc, v, len);
	if ((ex->flags & EXTRACTOR_LOGIN_NAME) && rc->sc->login_domain) {
		const char *login = v;
		size_t login_len = len;
		trim_blanks(&login, &login_len);
		if (is_bare_login(login, login_len))
			return take_login_name(rc, login, login_len);
	}
	return addrlist_parse(v, len, flags, take_item, rc);
}

/* One address column of a row (a vCard column when vcard is set). */
static int take_column(struct run_ctx *rc, const struct conn_row *row, int col, int vcard)
{
	if (!row->values[col]) {
		rc->run->nulls++;
		return 0;
	}
	rc->run->fields++;
	rc->column = row->names[col];
	rc->origin_bits = 1u << rc->run->ex->origin;
	if (col == rc->map.internal)
		rc->origin_bits |= ADDR_FLAG_INTERNAL_HINT;
	if (vcard)
		return take_vcard(rc, row->values[col], row->lengths[col]);
	return take_field(rc, row->values[col], row->lengths[col]);
}

static int count_day(struct run_ctx *rc)
{
	int64_t day = time_day(rc->time);
	if (!rc->day || rc->day->day != day) {
		HASH_FIND(hh, rc->src->days, &day, sizeof(day), rc->day);
		if (!rc->day) {
			if (!(rc->day = calloc(1, sizeof(*rc->day))))
				return -1;
			rc->day->day = day;
			HASH_ADD(hh, rc->src->days, day, sizeof(rc->day->day), rc->day);
		}
	}
	rc->day->rows++;
	return 0;
}

/* A soft-delete flag is set unless it is NULL, empty, 0 or false. */
static int row_is_deleted(const struct run_ctx *rc, const struct conn_row *row)
{
	if (rc->map.deleted < 0 || !row->values[rc->map.deleted])
		return 0;
	const char *v = row->values[rc->map.deleted];
	size_t len = row->lengths[rc->map.deleted];
	return !(len == 0 || equals_ci(v, len, "0") || equals_ci(v, len, "f") || equals_ci(v, len, "false"));
}

/* A row whose time is after --until: one created or written then was not
 * in the database the attacker read (1, counted, left out); one only changed
 * then existed before, so it is kept and counted apart (0). */
static int row_came_after(struct run_ctx *rc)
{
	if (rc->run->ex->time_kind == TIME_KIND_CHANGED) {
		rc->run->changed_after++;
		return 0;
	}
	rc->run->after++;
	return 1;
}

static int take_row(void *ctx, const struct conn_row *row)
{
	struct run_ctx *rc = ctx;
	if (!rc->mapped && map_columns(rc, row) != 0)
		return 1;
	rc->run->rows++;
	/* one writer: a plain store, not a locked add, on every row */
	atomic_store_explicit(&rc->src->rows_so_far,
			      atomic_load_explicit(&rc->src->rows_so_far, memory_order_relaxed) + 1,
			      memory_order_relaxed);
	if (row_is_deleted(rc, row)) {
		rc->run->deleted++;
		if (rc->sc->exclude_deleted) {
			rc->run->deleted_skipped++;
			return 0;
		}
	}
	rc->time = row_time(rc, row);
	if (rc->time == TIME_NONE)
		rc->run->untimed++;
	else if (rc->sc->until != TIME_NONE && rc->time > rc->sc->until && row_came_after(rc))
		return 0;
	if (rc->time != TIME_NONE && count_day(rc) != 0)
		return out_of_memory(rc);
	int logged_in = row_logged_in(rc, row), new_owner = row_owner(rc, row);
	if (new_owner < 0)
		return out_of_memory(rc);
	if (new_owner)
		owner_set_prefetch(rc->owners, rc->feed->owner_hash);
	rc->key = rc->map.key >= 0 && row->values[rc->map.key] ? row->values[rc->map.key] : "";
	rc->key_len = rc->map.key >= 0 && row->values[rc->map.key] ? row->lengths[rc->map.key] : 0;
	for (int i = 0; i < rc->map.n_address; i++)
		if (take_column(rc, row, rc->map.address[i], 0) != 0)
			return 1;
	if (rc->map.vcard >= 0 && take_column(rc, row, rc->map.vcard, 1) != 0)
		return 1;
	return row_owner_login(rc, new_owner, logged_in) != 0 ? out_of_memory(rc) : 0;
}

/* ---- running extractors --------------------------------------------------- */

/* Expand "{table}" and "{c:NAME}" in a query template with quoted
 * identifiers. 0, or -1 when something does not fit or is malformed. */
static int build_query(struct conn *c, const char *tmpl, const char *table,
		       char *out, size_t outsz)
{
	char quoted[512], name[256];
	size_t o = 0;
	for (const char *p = tmpl; *p;) {
		const char *add = p;
		size_t n = 1;
		if (strncmp(p, "{table}", 7) == 0 && table) {
			if (conn_quote_ident(c, table, quoted, sizeof(quoted)) != 0)
				return -1;
			add = quoted;
			n = strlen(quoted);
			p += 7;
		} else if (strncmp(p, "{c:", 3) == 0 && strchr(p, '}')) {
			size_t len = (size_t)(strchr(p, '}') - (p + 3));
			if (len == 0 || len >= sizeof(name))
				return -1;
			memcpy(name, p + 3, len);
			name[len] = '\0';
			if (conn_quote_ident(c, name, quoted, sizeof(quoted)) != 0)
				return -1;
			add = quoted;
			n = strlen(quoted);
			p += 3 + len + 1;
		} else {
			p++;
		}
		if (o + n >= outsz)
			return -1;
		memcpy(out + o, add, n);
		o += n;
	}
	out[o] = '\0';
	return 0;
}

static struct scan_run *new_run(struct scan_source *src, const struct extractor *ex, const char *table)
{
	struct scan_run *v = realloc(src->runs, (src->n_runs + 1) * sizeof(*v));
	if (!v)
		return NULL;
	src->runs = v;
	struct scan_run *run = &v[src->n_runs];
	memset(run, 0, sizeof(*run));
	run->ex = ex;
	if (!(run->table = strdup(table ? table : "(query)")))
		return NULL;
	src->n_runs++;
	return run;
}

static int run_extractor(struct scan *sc, unsigned idx, struct conn *conn, struct feed *feed,
			 struct owner_set *owners, const struct extractor *ex, const char *table)
{
	struct scan_source *src = &sc->sources[idx];
	char sql[QUERY_MAX];
	struct scan_run *run = new_run(src, ex, table);
	if (!run) {
		snprintf(src->err, sizeof(src->err), "out of memory");
		return -1;
	}
	if (build_query(conn, ex->query, table, sql, sizeof(sql)) != 0) {
		snprintf(src->err, sizeof(src->err), "source '%s': cannot build the query of '%s' for table '%s'",
			 src->name, ex->name, run->table);
		return -1;
	}
	struct run_ctx rc = { .sc = sc, .src = src, .run = run, .feed = feed, .profile = src->profile,
			      .system_len = src->profile->system_account ? strlen(src->profile->system_account) : 0,
			      .owners = owners };
	int rv = conn_query(conn, sql, take_row, &rc);
	if (feed_flush(feed) != 0 && !rc.failed)
		out_of_memory(&rc);
	if (rc.failed)
		return -1;
	if (rv < 0) {
		snprintf(src->err, sizeof(src->err), "source '%.64s': extractor '%.64s' of profile '%.64s': %.250s",
			 src->name, ex->name, src->profile->name, conn->err);
		return -1;
	}
	return 0;
}

struct profile_run {
	struct scan *sc;
	unsigned idx;
	struct conn *conn;
	struct feed *feed;
	struct owner_set *owners;
};

/* One run of an extractor; the origins not asked for are counted as found,
 * not read. */
static int run_one(void *ctx, const struct extractor *ex, const char *table)
{
	struct profile_run *pr = ctx;
	if (!(pr->sc->origins & (1u << ex->origin)))
		return 0;
	return run_extractor(pr->sc, pr->idx, pr->conn, pr->feed, pr->owners, ex, table);
}

static int run_extractors(struct profile_run *pr, struct table_list *tables)
{
	struct scan_source *src = &pr->sc->sources[pr->idx];
	const struct profile *p = src->profile;
	size_t found_any = 0;
	src->absent = calloc(p->n_extractors, sizeof(*src->absent));
	if (!src->absent) {
		snprintf(src->err, sizeof(src->err), "out of memory");
		return -1;
	}
	for (size_t e = 0; e < p->n_extractors; e++) {
		const struct extractor *ex = &p->extractors[e];
		long runs = extractor_each_run(ex, tables->names, tables->n, run_one, pr);
		if (runs < 0)
			return -1;
		if (runs == 0)
			src->absent[src->n_absent++] = ex->name;
		found_any += (size_t)runs;
	}
	if (!found_any) {
		snprintf(src->err, sizeof(src->err), "source '%s' has none of the tables of profile '%s'",
			 src->name, p->name);
		return -1;
	}
	return 0;
}

static int run_profile(struct scan *sc, unsigned idx, struct conn *conn, struct feed *feed,
		       struct table_list *tables)
{
	struct owner_set owners;
	owner_set_init(&owners);
	struct profile_run pr = { .sc = sc, .idx = idx, .conn = conn, .feed = feed, .owners = &owners };
	int rv = run_extractors(&pr, tables);
	owner_set_free(&owners);
	return rv;
}

static int scan_source(struct scan *sc, unsigned idx)
{
	struct scan_source *src = &sc->sources[idx];
	struct table_list tables = { 0 };
	struct feed feed;
	struct conn *conn = NULL;
	int rv = -1;
	if (feed_init(&feed, idx, &sc->priv->merger) != 0) {
		snprintf(src->err, sizeof(src->err), "source '%.64s': out of memory", src->name);
		goto out;
	}
	conn = connector_open(src->impl, src->location, &sc->conn_opts, src->err, sizeof(src->err));
	if (!conn)
		goto out;
	snprintf(src->note, sizeof(src->note), "%s", conn->note);
	if (table_list_read(conn, &tables) != 0) {
		snprintf(src->err, sizeof(src->err), "source '%.64s': cannot list tables: %.400s", src->name,
			 tables.oom ? "out of memory" : conn->err);
		goto out;
	}
	src->profile = src->chosen_profile ? src->chosen_profile
		     : sc->profile ? sc->profile
				   : profile_detect((const char *const *)tables.names, tables.n);
	if (!src->profile) {
		snprintf(src->err, sizeof(src->err),
			 "source '%s' does not look like a webmail database this exposure knows "
			 "(%zu tables, none of the built-in profiles fits; try --profile)",
			 src->name, tables.n);
		goto out;
	}
	rv = run_profile(sc, idx, conn, &feed, &tables);
out:
	conn_close(conn);
	feed_release(&feed);
	table_list_release(&tables);
	src->failed = rv != 0;
	atomic_store(&src->finished, 1);
	return rv;
}

/* A worker: takes the next source not yet taken until none is left. */
static void *scan_worker(void *arg)
{
	struct scan *sc = arg;
	for (;;) {
		pthread_mutex_lock(&sc->priv->lock);
		size_t i = sc->priv->next_source++;
		pthread_mutex_unlock(&sc->priv->lock);
		if (i >= sc->n_sources)
			return NULL;
		scan_source(sc, (unsigned)i);
	}
}

size_t scan_run_all(struct scan *sc)
{
	size_t jobs = sc->jobs ? sc->jobs : SCAN_DEFAULT_JOBS;
	pthread_t threads[ADDRSET_MAX_SOURCES];
	size_t started = 0;
	if (jobs > sc->n_sources)
		jobs = sc->n_sources;
	if (!sc->priv) { /* scan_init ran out of memory */
		for (size_t i = 0; i < sc->n_sources; i++) {
			snprintf(sc->sources[i].err, sizeof(sc->sources[i].err), "out of memory");
			sc->sources[i].failed = 1;
		}
		return sc->n_sources;
	}
	sc->priv->next_source = 0;
	merger_start(&sc->priv->merger, &sc->set); /* without its thread, workers merge */
	for (; started + 1 < jobs; started++) /* this thread is the last worker */
		if (pthread_create(&threads[started], NULL, scan_worker, sc) != 0)
			break;
	scan_worker(sc);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	merger_stop(&sc->priv->merger);
	addrset_seal(&sc->set);
	size_t failed = 0;
	for (size_t i = 0; i < sc->n_sources; i++)
		failed += (size_t)sc->sources[i].failed;
	return failed;
}
