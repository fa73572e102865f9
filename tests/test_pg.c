/* The PostgreSQL connector against a real server (tests/servers.sh): the
 * fixture's tables and rows exactly, the read-only transaction and its one
 * snapshot, streaming and stopping, timeouts, failures and their messages,
 * TLS. Without EXPOSURE_PG_URI the suite has no tests. */
#include <check.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "connector.h"
#include "suites.h"

extern const struct connector connector_postgresql;
static const struct connector *const pg = &connector_postgresql;

/* snprintf that fails the test rather than cut */
static void fmt(char *buf, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(buf, size, f, ap);
	va_end(ap);
	ck_assert_msg(n >= 0 && (size_t)n < size, "test buffer too small for '%s'", f);
}

/* ---- the target ---- */

struct target {
	char user[64], host[64], port[64], db[64];
	char where[256]; /* what the messages name: host:port/dbname */
};

/* host, port, user and database of EXPOSURE_PG_URI */
static const struct target *target(void)
{
	static struct target t;
	if (t.where[0])
		return &t;
	PQconninfoOption *opts = PQconninfoParse(getenv("EXPOSURE_PG_URI"), NULL);
	ck_assert_msg(opts != NULL, "EXPOSURE_PG_URI does not parse");
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		char *to = !strcmp(o->keyword, "user") ? t.user
			 : !strcmp(o->keyword, "host") ? t.host
			 : !strcmp(o->keyword, "port") ? t.port
			 : !strcmp(o->keyword, "dbname") ? t.db : NULL;
		if (to && o->val)
			fmt(to, sizeof(t.user), "%s", o->val);
	}
	PQconninfoFree(opts);
	ck_assert(t.user[0] && t.host[0] && t.port[0] && t.db[0]);
	fmt(t.where, sizeof(t.where), "%s:%s/%s", t.host, t.port, t.db);
	return &t;
}

/* The superuser's URI. servers.sh writes it unquoted into its env file, so
 * `. env` cuts it at the '&': rebuild it from the servers' directory then. */
static const char *admin_uri(void)
{
	static char uri[512];
	const char *env = getenv("EXPOSURE_PG_ADMIN_URI");
	if (env && *env)
		return env;
	const char *dir = getenv("EXPOSURE_SERVERS_DIR");
	ck_assert_msg(dir && *dir, "neither EXPOSURE_PG_ADMIN_URI nor EXPOSURE_SERVERS_DIR set");
	fmt(uri, sizeof(uri), "postgresql://postgres@/%s?host=%s/pg&port=%s", target()->db, dir,
		 target()->port);
	return uri;
}

/* EXPOSURE_PG_URI with query parameters added */
static const char *uri_with(const char *params)
{
	static char uri[1024];
	const char *base = getenv("EXPOSURE_PG_URI");
	fmt(uri, sizeof(uri), "%s%c%s", base, strchr(base, '?') ? '&' : '?', params);
	return uri;
}

static struct conn_options ro_options(void)
{
	struct conn_options o = { .password = getenv("EXPOSURE_TEST_PASSWORD") };
	return o;
}

static struct conn *open_ok(const char *uri, const struct conn_options *opts)
{
	char err[CONN_ERR_MAX] = "";
	struct conn *c = pg->open(uri, opts, err, sizeof(err));
	ck_assert_msg(c != NULL, "open failed: %s", err);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(c->err, "");
	return c;
}

static struct conn *open_ro(void)
{
	struct conn_options o = ro_options();
	return open_ok(getenv("EXPOSURE_PG_URI"), &o);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- collecting rows ---- */

/* Rows as "v|v|v\n", NULL as <NULL>; stops after `limit` rows when set. */
struct rows {
	char text[16384];
	size_t len;
	int n, limit, ncols;
	char names[256];
};

static void rows_put(struct rows *r, const char *s, size_t n)
{
	ck_assert_msg(r->len + n < sizeof(r->text), "rows overflow the test buffer");
	memcpy(r->text + r->len, s, n);
	r->len += n;
	r->text[r->len] = '\0';
}

static int take_row(void *ctx, const struct conn_row *row)
{
	struct rows *r = ctx;
	if (r->n == 0) {
		r->ncols = row->ncols;
		size_t o = 0;
		for (int i = 0; i < row->ncols && o < sizeof(r->names); i++)
			o += (size_t)snprintf(r->names + o, sizeof(r->names) - o, "%s%s", i ? "|" : "",
					      row->names[i]);
	}
	for (int i = 0; i < row->ncols; i++) {
		if (i)
			rows_put(r, "|", 1);
		if (row->values[i]) {
			ck_assert_uint_eq(row->lengths[i], strlen(row->values[i]));
			rows_put(r, row->values[i], row->lengths[i]);
		} else {
			ck_assert_uint_eq(row->lengths[i], 0);
			rows_put(r, "<NULL>", 6);
		}
	}
	rows_put(r, "\n", 1);
	r->n++;
	return r->limit && r->n >= r->limit;
}

/* The single value of a one-row, one-column query. */
static const char *one_value(struct conn *c, const char *sql, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	ck_assert_msg(pg->query(c, sql, take_row, r) == 0, "%s: %s", sql, c->err);
	ck_assert_int_eq(r->n, 1);
	ck_assert_int_eq(r->ncols, 1);
	r->text[r->len - 1] = '\0';
	return r->text;
}

struct names {
	char text[1024];
	size_t len;
	int stop_after, n;
};

static int take_table(void *ctx, const char *table)
{
	struct names *t = ctx;
	t->len += (size_t)snprintf(t->text + t->len, sizeof(t->text) - t->len, "%s\n", table);
	ck_assert(t->len < sizeof(t->text));
	t->n++;
	return t->stop_after && t->n >= t->stop_after;
}

/* ---- the fixture ---- */

START_TEST(tables_exact)
{
	struct conn *c = open_ro();
	struct names t = { .len = 0 };
	ck_assert_int_eq(pg->list_tables(c, take_table, &t), 0);
	ck_assert_str_eq(t.text, "abook_a\nabook_b\nabook_e\nabook_other\nabook_shared\n"
				 "abookgroup_a\nabookgroup_b\naccounts\nlog_login\nlog_sendmail\n"
				 "users\nusersession\nusersettings_a\n");
	struct names first = { .stop_after = 2 };
	ck_assert_int_eq(pg->list_tables(c, take_table, &first), 1);
	ck_assert_str_eq(first.text, "abook_a\nabook_b\n");
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

START_TEST(sendmail_rows_exact)
{
	struct conn *c = open_ro();
	struct rows r = { .len = 0 };
	ck_assert_int_eq(pg->query(c, "SELECT id, LogMsg, LogDate FROM \"log_sendmail\" ORDER BY id",
				   take_row, &r), 0);
	ck_assert_str_eq(r.names, "id|logmsg|logdate");
	ck_assert_int_eq(r.n, 11);
	ck_assert_str_eq(r.text,
		"1|10.0.0.1:ann@example.com|2007-03-01 12:05:00\n"
		"2|10.0.0.1:Jo <jo@example.org>, rita@example.com sam@example.com|2007-03-01 12:06:00\n"
		"3|WebMail:10.0.0.2:tom@example.com|2007-03-02 12:10:00\n"
		"4|10.0.0.2:uma@example.com, victor@example.com, wendy@example.co.u|2007-03-02 12:11:00\n"
		"5|WebMail:127.0.0.1:postmaster@example.com|2007-03-02 13:00:00\n"
		"6|2001:db8::1:xena@example.com|2007-03-05 00:00:00\n"
		"7|10.0.0.5:uma@example.com, vic@example.com, wendy@example.com.au,|2007-03-05 10:00:00\n"
		"8|10.0.0.7:undisclosed-recipients:;|2007-03-06 09:00:00\n"
		"9|10.0.0.7:Zed <zed@example.com>, \"Quoted Name, Long\" <qn@example.|2007-03-06 09:05:00\n"
		"10|10.0.0.4:ann@example.com|<NULL>\n"
		"11|10.0.0.4:kim@example.com|<NULL>\n");
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

struct user_row {
	int seen;
	int bob_null, carol_empty;
};

static int take_user(void *ctx, const struct conn_row *row)
{
	struct user_row *u = ctx;
	ck_assert_int_eq(row->ncols, 2);
	if (!strcmp(row->values[0], "Bob@ISP.example"))
		u->bob_null = row->values[1] == NULL && row->lengths[1] == 0;
	if (!strcmp(row->values[0], "carol@isp.example"))
		u->carol_empty = row->values[1] != NULL && row->values[1][0] == '\0' &&
				 row->lengths[1] == 0;
	u->seen++;
	return 0;
}

START_TEST(null_and_empty_differ)
{
	struct conn *c = open_ro();
	struct user_row u = { 0 };
	ck_assert_int_eq(pg->query(c, "SELECT Account, OtherEmail FROM \"users\"", take_user, &u), 0);
	ck_assert_int_eq(u.seen, 5);
	ck_assert(u.bob_null);
	ck_assert(u.carol_empty);
	pg->close(c);
}
END_TEST

START_TEST(many_columns)
{
	char sql[4096] = "SELECT ";
	size_t o = strlen(sql);
	for (int i = 1; i <= 300; i++)
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, "%s%d AS c%d", i > 1 ? ", " : "", i, i);
	ck_assert(o < sizeof(sql));
	struct conn *c = open_ro();
	struct rows r = { .len = 0 };
	ck_assert_int_eq(pg->query(c, sql, take_row, &r), 0);
	ck_assert_int_eq(r.ncols, 300);
	ck_assert_int_eq(r.n, 1);
	ck_assert(!strncmp(r.text, "1|2|3|", 6));
	ck_assert_ptr_nonnull(strstr(r.text, "|299|300\n"));
	ck_assert(!strncmp(r.names, "c1|c2|c3|", 9));
	/* and a narrower query after it */
	ck_assert_str_eq(one_value(c, "SELECT 'x' || NULL IS NULL", &r), "t");
	pg->close(c);
}
END_TEST

START_TEST(empty_result)
{
	struct conn *c = open_ro();
	struct rows r = { .len = 0 };
	ck_assert_int_eq(pg->query(c, "SELECT 1 WHERE false", take_row, &r), 0);
	ck_assert_int_eq(r.n, 0);
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

/* Rows come through COPY's text format, decoded in place: every escape,
 * the string "\\N" against NULL, and non-ASCII text come back as the
 * server holds them. */
struct raw_row {
	int n;
	char v[8][64];
	size_t len[8];
	int null[8];
};

static int take_raw(void *ctx, const struct conn_row *row)
{
	struct raw_row *r = ctx;
	ck_assert_int_le(row->ncols, 8);
	r->n = row->ncols;
	for (int i = 0; i < row->ncols; i++) {
		r->null[i] = row->values[i] == NULL;
		r->len[i] = row->lengths[i];
		ck_assert_uint_lt(row->lengths[i], sizeof(r->v[i]));
		if (row->values[i]) {
			memcpy(r->v[i], row->values[i], row->lengths[i]);
			ck_assert_int_eq(row->values[i][row->lengths[i]], '\0');
		}
	}
	return 0;
}

START_TEST(copy_text_decoded)
{
	struct conn *c = open_ro();
	struct raw_row r = { 0 };
	ck_assert_int_eq(pg->query(c, "SELECT E'a\\tb\\nc\\rd' AS ctl, E'back\\\\slash' AS bs, "
				       "E'\\\\N' AS not_null, NULL::text AS is_null, '' AS empty, "
				       "'Jörg <jörg@bücher.example>' AS utf8, E'\\b\\f\\013' AS rare, "
				       "timestamp '2007-03-01 12:05:00' AS t",
				   take_raw, &r), 0);
	ck_assert_int_eq(r.n, 8);
	ck_assert(r.len[0] == 7 && !memcmp(r.v[0], "a\tb\nc\rd", 7));
	ck_assert(r.len[1] == 10 && !memcmp(r.v[1], "back\\slash", 10));
	ck_assert(!r.null[2] && r.len[2] == 2 && !memcmp(r.v[2], "\\N", 2));
	ck_assert(r.null[3] && r.len[3] == 0);
	ck_assert(!r.null[4] && r.len[4] == 0);
	ck_assert_str_eq(r.v[5], "Jörg <jörg@bücher.example>");
	ck_assert(r.len[6] == 3 && !memcmp(r.v[6], "\b\f\v", 3));
	ck_assert_str_eq(r.v[7], "2007-03-01 12:05:00");
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

/* What COPY cannot wrap still runs, row by row: a statement with a
 * trailing semicolon and comment, and SHOW. */
START_TEST(copy_refused_falls_back)
{
	struct conn *c = open_ro();
	struct rows r;
	ck_assert_str_eq(one_value(c, "SELECT 'semi' AS v; -- the end", &r), "semi");
	ck_assert_str_eq(one_value(c, "SHOW TimeZone", &r), "UTC");
	ck_assert_str_eq(one_value(c, "SELECT 'after'", &r), "after");
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

/* ---- the session ---- */

START_TEST(session_settings)
{
	static const char sql[] =
		"SELECT concat_ws('|', current_setting('TimeZone'), current_setting('DateStyle'),"
		" current_setting('transaction_read_only'), current_setting('transaction_isolation'),"
		" current_setting('application_name'), current_setting('client_encoding'),"
		" current_setting('statement_timeout'))";
	struct rows r;
	struct conn *c = open_ro();
	ck_assert_str_eq(one_value(c, sql, &r), "UTC|ISO, MDY|on|repeatable read|exposure|UTF8|0");
	pg->close(c);

	struct conn_options o = ro_options();
	o.timeout_seconds = 7;
	o.app_name = "exposure-test";
	c = open_ok(getenv("EXPOSURE_PG_URI"), &o);
	ck_assert_str_eq(one_value(c, sql, &r),
			 "UTC|ISO, MDY|on|repeatable read|exposure-test|UTF8|7s");
	pg->close(c);
}
END_TEST

START_TEST(one_snapshot_throughout)
{
	static const char snap[] = "SELECT pg_current_snapshot()::text";
	struct rows r, s1, s2;
	struct conn *a = open_ro();
	one_value(a, snap, &s1);

	/* another session takes a transaction id: later snapshots differ */
	struct conn *b = open_ro();
	one_value(b, "SELECT txid_current()", &r);
	pg->close(b);

	/* a stopped query and a failed one keep the transaction, and its snapshot */
	struct rows stop = { .limit = 1 };
	ck_assert_int_eq(pg->query(a, "SELECT g FROM generate_series(1, 100000) g", take_row, &stop), 1);
	ck_assert_int_eq(pg->query(a, "SELECT 1/0", take_row, &r), -1);
	ck_assert_str_eq(one_value(a, snap, &s2), s1.text);

	struct conn *c = open_ro();
	ck_assert_str_ne(one_value(c, snap, &r), s1.text);
	pg->close(c);
	pg->close(a);
}
END_TEST

START_TEST(writes_refused)
{
	struct conn_options none = { 0 };
	struct rows r = { .len = 0 };

	/* a superuser: the refusal comes from the transaction, not privileges */
	struct conn *c = open_ok(admin_uri(), &none);
	ck_assert_int_eq(pg->query(c, "CREATE TABLE exposure_pg_probe (i int)", take_row, &r), -1);
	ck_assert_msg(strstr(c->err, "read-only") != NULL, "%s", c->err);
	ck_assert_msg(!strncmp(c->err, "query failed on '", 17), "%s", c->err);
	ck_assert_msg(strstr(c->err, "cannot execute CREATE TABLE in a read-only transaction"), "%s",
		      c->err);
	/* the handle goes on after the failure */
	ck_assert_str_eq(one_value(c, "SELECT current_setting('transaction_read_only')", &r), "on");
	pg->close(c);

	/* two statements in one query: refused before either runs */
	c = open_ok(admin_uri(), &none);
	ck_assert_int_eq(pg->query(c, "COMMIT; CREATE TABLE exposure_pg_probe (i int)", take_row, &r), -1);
	ck_assert_msg(strstr(c->err, "multiple commands") != NULL, "%s", c->err);
	pg->close(c);

	/* a query that ends the transaction: every later one is refused */
	c = open_ok(admin_uri(), &none);
	ck_assert_int_eq(pg->query(c, "COMMIT", take_row, &r), -1);
	ck_assert_msg(strstr(c->err, "ended the read-only transaction") != NULL, "%s", c->err);
	ck_assert_int_eq(pg->query(c, "CREATE TABLE exposure_pg_probe (i int)", take_row, &r), -1);
	ck_assert_int_eq(pg->query(c, "SELECT 1", take_row, &r), -1);
	pg->close(c);

	/* COMMIT AND CHAIN keeps a transaction, read-only, but another one (the
	 * snapshot gone, READ WRITE possible): caught, and the handle is done */
	c = open_ok(admin_uri(), &none);
	ck_assert_int_eq(pg->query(c, "COMMIT AND CHAIN", take_row, &r), -1);
	ck_assert_msg(strstr(c->err, "ended the read-only transaction") != NULL, "%s", c->err);
	ck_assert_int_eq(pg->query(c, "SET TRANSACTION READ WRITE", take_row, &r), -1);
	ck_assert_int_eq(pg->query(c, "CREATE TABLE exposure_pg_probe (i int)", take_row, &r), -1);
	pg->close(c);

	/* a statement that leaves the transaction read-write is caught too */
	c = open_ok(admin_uri(), &none);
	ck_assert_int_eq(pg->query(c, "ROLLBACK AND CHAIN", take_row, &r), -1);
	ck_assert_msg(strstr(c->err, "ended the read-only transaction") != NULL, "%s", c->err);
	pg->close(c);

	/* nothing was created, seen from a fresh session */
	c = open_ok(admin_uri(), &none);
	ck_assert_str_eq(one_value(c, "SELECT count(*) FROM pg_catalog.pg_class"
				      " WHERE relname = 'exposure_pg_probe'", &r), "0");
	pg->close(c);
}
END_TEST

/* ---- failures ---- */

START_TEST(wrong_password)
{
	const struct target *t = target();
	char err[CONN_ERR_MAX], want[600], uri[1024];
	fmt(want, sizeof(want), "cannot connect to '%s': ", t->where);

	struct conn_options o = { .password = "wrong-Zq9-secret" };
	ck_assert_ptr_null(pg->open(getenv("EXPOSURE_PG_URI"), &o, err, sizeof(err)));
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
	ck_assert_msg(strstr(err, "password authentication failed") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "Zq9") == NULL, "%s", err);
	ck_assert_msg(strchr(err, '\n') == NULL, "%s", err);

	/* in the URI, both ways */
	struct conn_options none = { 0 };
	fmt(uri, sizeof(uri), "postgresql://%s:uri-Zq9-secret@%s:%s/%s", t->user, t->host,
		 t->port, t->db);
	ck_assert_ptr_null(pg->open(uri, &none, err, sizeof(err)));
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
	ck_assert_msg(strstr(err, "Zq9") == NULL, "%s", err);
	ck_assert_ptr_null(pg->open(uri_with("password=query-Zq9-secret"), &none, err, sizeof(err)));
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
	ck_assert_msg(strstr(err, "Zq9") == NULL, "%s", err);
}
END_TEST

START_TEST(malformed_uri_hides_password)
{
	static const char *const uris[] = {
		"postgresql://exposure:bad%zzZq9@127.0.0.1:1/atmail",
		"postgresql://exposure:Zq9secret@[::1/atmail",
		"postgresql://exposure@[::1/atmail?password=Zq9secret",
		"postgres://exposure@127.0.0.1:1/atmail?password=Zq9secret&nosuchoption=1",
	};
	struct conn_options o = { .password = "Zq9-other" };
	for (size_t i = 0; i < sizeof(uris) / sizeof(uris[0]); i++) {
		char err[CONN_ERR_MAX] = "";
		ck_assert_ptr_null(pg->open(uris[i], &o, err, sizeof(err)));
		ck_assert_msg(!strncmp(err, "cannot connect: invalid URI: ", 29), "%s", err);
		ck_assert_msg(strstr(err, "Zq9") == NULL, "%s", err);
	}
	/* a value libpq refuses is not echoed either */
	char err[CONN_ERR_MAX] = "";
	ck_assert_ptr_null(pg->open("postgresql://exposure@127.0.0.1:1/atmail?sslmode=Zq9secret", &o, err, sizeof(err)));
	ck_assert_str_eq(err, "cannot connect to '127.0.0.1:1/atmail': invalid sslmode value: \"*********\"");
	ck_assert_ptr_null(pg->open("postgresql://exposure@127.0.0.1/atmail?port=Zq9", &o, err, sizeof(err)));
	ck_assert_str_eq(err, "cannot connect to '127.0.0.1:(invalid port)/atmail': invalid integer value \"***\" "
			      "for connection option \"port\"");
}
END_TEST

START_TEST(connection_refused)
{
	char err[CONN_ERR_MAX] = "";
	struct conn_options o = { .timeout_seconds = 5 };
	ck_assert_ptr_null(pg->open("postgresql://exposure@127.0.0.1:1/atmail", &o, err, sizeof(err)));
	ck_assert_msg(!strncmp(err, "cannot connect to '127.0.0.1:1/atmail': ", 40), "%s", err);
	ck_assert_msg(strstr(err, "refused") != NULL, "%s", err);
	ck_assert_msg(strchr(err, '\n') == NULL, "%s", err);
}
END_TEST

START_TEST(query_errors)
{
	char want[600];
	struct rows r = { .len = 0 };
	struct conn *c = open_ro();
	ck_assert_int_eq(pg->query(c, "SELEC 1", take_row, &r), -1);
	fmt(want, sizeof(want), "query failed on '%s': syntax error at or near \"SELEC\"",
		 target()->where);
	ck_assert_str_eq(c->err, want);
	/* the first error wins */
	ck_assert_int_eq(pg->query(c, "SELECT * FROM no_such_table", take_row, &r), -1);
	ck_assert_str_eq(c->err, want);
	ck_assert_str_eq(one_value(c, "SELECT 'still here'", &r), "still here");
	/* an error after rows were streamed */
	struct rows some = { .len = 0 };
	ck_assert_int_eq(pg->query(c, "SELECT 1/(3 - g) FROM generate_series(1, 5) g", take_row, &some),
			 -1);
	ck_assert_int_eq(some.n, 2);
	pg->close(c);
}
END_TEST

START_TEST(statement_timeout)
{
	struct conn_options o = ro_options();
	o.timeout_seconds = 1;
	struct conn *c = open_ok(getenv("EXPOSURE_PG_URI"), &o);
	struct rows r = { .len = 0 };
	double t0 = now();
	ck_assert_int_eq(pg->query(c, "SELECT pg_sleep(3)", take_row, &r), -1);
	ck_assert_msg(now() - t0 < 2.9, "took %.1fs", now() - t0);
	ck_assert_msg(strstr(c->err, "canceling statement due to statement timeout") != NULL, "%s",
		      c->err);
	ck_assert_str_eq(one_value(c, "SELECT 'after'", &r), "after");
	pg->close(c);
}
END_TEST

START_TEST(connection_lost)
{
	struct rows r = { .len = 0 };
	struct conn *c = open_ro();
	ck_assert_int_eq(pg->query(c, "SELECT pg_terminate_backend(pg_backend_pid())", take_row, &r), -1);
	ck_assert_msg(!strncmp(c->err, "query failed on '", 17), "%s", c->err);
	ck_assert_msg(strchr(c->err, '\n') == NULL, "%s", c->err);
	ck_assert_int_eq(pg->query(c, "SELECT 1", take_row, &r), -1);
	pg->close(c);
}
END_TEST

/* ---- streaming ---- */

START_TEST(stop_after_three)
{
	struct conn *c = open_ro();
	struct rows r = { .limit = 3 };
	double t0 = now();
	ck_assert_int_eq(pg->query(c, "SELECT g FROM generate_series(1, 1000000) g", take_row, &r), 1);
	ck_assert_msg(now() - t0 < 10, "took %.1fs", now() - t0);
	ck_assert_int_eq(r.n, 3);
	ck_assert_str_eq(r.text, "1\n2\n3\n");
	ck_assert_str_eq(c->err, "");
	ck_assert_str_eq(one_value(c, "SELECT 42", &r), "42");
	ck_assert_str_eq(c->err, "");
	pg->close(c);
}
END_TEST

/* ---- TLS ---- */

START_TEST(tls_modes)
{
	static const char ssl[] = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
	struct conn_options o = ro_options();
	struct rows r;
	char params[600];

	struct conn *c = open_ok(uri_with("sslmode=require"), &o);
	ck_assert_str_eq(one_value(c, ssl, &r), "t");
	pg->close(c);

	c = open_ok(uri_with("sslmode=disable"), &o);
	ck_assert_str_eq(one_value(c, ssl, &r), "f");
	pg->close(c);

	const char *ca = getenv("EXPOSURE_TLS_CA");
	ck_assert_msg(ca && *ca, "EXPOSURE_TLS_CA unset");
	fmt(params, sizeof(params), "sslmode=verify-ca&sslrootcert=%s", ca);
	c = open_ok(uri_with(params), &o);
	ck_assert_str_eq(one_value(c, ssl, &r), "t");
	pg->close(c);

	/* a certificate we cannot check: refused, naming the target */
	char err[CONN_ERR_MAX] = "", want[600];
	fmt(want, sizeof(want), "cannot connect to '%s': ", target()->where);
	ck_assert_ptr_null(pg->open(uri_with("sslmode=verify-ca&sslrootcert=/nonexistent/ca.crt"), &o,
				    err, sizeof(err)));
	ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
}
END_TEST

/* ---- no server needed, but no server no suite ---- */

START_TEST(quote_ident)
{
	char out[16];
	ck_assert_int_eq(pg->quote_ident("Log_SendMail", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\"Log_SendMail\"");
	ck_assert_int_eq(pg->quote_ident("a\"b", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\"a\"\"b\"");
	ck_assert_int_eq(pg->quote_ident("", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\"\"");
	ck_assert_int_eq(pg->quote_ident("abcdefghijklm", out, sizeof(out)), 0); /* 15 + NUL */
	ck_assert_int_eq(pg->quote_ident("abcdefghijklmn", out, sizeof(out)), -1);
	ck_assert_int_eq(pg->quote_ident("abcdefghijk\"", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\"abcdefghijk\"\"\"");
	ck_assert_int_eq(pg->quote_ident("abcdefghijkl\"", out, sizeof(out)), -1);
	ck_assert_int_eq(pg->quote_ident("x", out, 2), -1);
	pg->close(NULL);
	ck_assert_str_eq(pg->name, "postgresql");
	ck_assert_uint_eq(pg->caps, CONN_CAP_STREAM | CONN_CAP_READ_ONLY | CONN_CAP_TLS);
}
END_TEST

Suite *pg_suite(void)
{
	Suite *s = suite_create("pg");
	const char *uri = getenv("EXPOSURE_PG_URI");
	if (!uri || !*uri) {
		fprintf(stderr, "pg: skipped: no PostgreSQL server (EXPOSURE_PG_URI unset)\n");
		return s;
	}
	TCase *tc = tcase_create("server");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, tables_exact);
	tcase_add_test(tc, sendmail_rows_exact);
	tcase_add_test(tc, null_and_empty_differ);
	tcase_add_test(tc, many_columns);
	tcase_add_test(tc, empty_result);
	tcase_add_test(tc, copy_text_decoded);
	tcase_add_test(tc, copy_refused_falls_back);
	tcase_add_test(tc, session_settings);
	tcase_add_test(tc, one_snapshot_throughout);
	tcase_add_test(tc, writes_refused);
	tcase_add_test(tc, wrong_password);
	tcase_add_test(tc, malformed_uri_hides_password);
	tcase_add_test(tc, connection_refused);
	tcase_add_test(tc, query_errors);
	tcase_add_test(tc, statement_timeout);
	tcase_add_test(tc, connection_lost);
	tcase_add_test(tc, stop_after_three);
	tcase_add_test(tc, tls_modes);
	tcase_add_test(tc, quote_ident);
	suite_add_tcase(s, tc);
	return s;
}
