/* The MariaDB connector against the test server (tests/servers.sh), through
 * the connector API only: the fixture's tables and rows exactly, NULL vs '',
 * UTF-8 and UTC times intact, the session it sets up, writes refused by the
 * read-only snapshot, every way to give a password and their order, errors
 * that name the target and never a password, the statement limit, an early
 * stop that is quick and leaves the handle usable, TLS. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "connector.h"
#include "helpers.h"
#include "suites.h"

extern const struct connector connector_mariadb;

static const struct connector *const my = &connector_mariadb;

/* ---- the environment: HOME (for ~/.my.cnf) and MYSQL_PWD ----------------- */

static char *saved_home, *saved_pwd;
static char home_dir[64];

/* Every test starts with an empty HOME and no MYSQL_PWD, so a developer's
 * own ~/.my.cnf or password cannot change its outcome. */
static void env_setup(void)
{
	const char *h = getenv("HOME"), *p = getenv("MYSQL_PWD");
	saved_home = h ? strdup(h) : NULL;
	saved_pwd = p ? strdup(p) : NULL;
	snprintf(home_dir, sizeof(home_dir), "/tmp/exposure-my-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(home_dir));
	setenv("HOME", home_dir, 1);
	unsetenv("MYSQL_PWD");
}

static void env_teardown(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/.my.cnf", home_dir);
	unlink(path);
	rmdir(home_dir);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	else
		unsetenv("HOME");
	if (saved_pwd)
		setenv("MYSQL_PWD", saved_pwd, 1);
	else
		unsetenv("MYSQL_PWD");
	free(saved_home);
	free(saved_pwd);
	saved_home = saved_pwd = NULL;
}

static void write_my_cnf(const char *text)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/.my.cnf", home_dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* ---- URIs --------------------------------------------------------------- */

static const char *password(void)
{
	return env_path("EXPOSURE_TEST_PASSWORD");
}

/* EXPOSURE_MY_URI (no password, no parameters) followed by suffix. */
static const char *uri_plus(const char *suffix)
{
	static char buf[1024];
	const char *base = env_path("EXPOSURE_MY_URI");
	ck_assert_ptr_null(strchr(base, '?'));
	snprintf(buf, sizeof(buf), "%s%s", base, suffix);
	return buf;
}

/* EXPOSURE_MY_URI with ":pw" after the user; every byte percent-encoded
 * when encode is set. */
static const char *uri_with_password(const char *pw, int encode)
{
	static char buf[1024];
	const char *base = env_path("EXPOSURE_MY_URI");
	const char *at = strchr(base, '@');
	ck_assert_ptr_nonnull(at);
	size_t n = (size_t)(at - base);
	memcpy(buf, base, n);
	buf[n++] = ':';
	for (const char *p = pw; *p; p++)
		n += (size_t)(encode ? snprintf(buf + n, sizeof(buf) - n, "%%%02X", (unsigned char)*p)
				     : snprintf(buf + n, sizeof(buf) - n, "%c", *p));
	snprintf(buf + n, sizeof(buf) - n, "%s", at);
	return buf;
}

/* What messages call the server of uri: "host:port/db". */
static const char *where_of(const char *uri)
{
	static char buf[256];
	const char *at = strchr(uri, '@');
	ck_assert_ptr_nonnull(at);
	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(at + 1, "?"), at + 1);
	return buf;
}

static const char *my_where(void)
{
	return where_of(env_path("EXPOSURE_MY_URI"));
}

static struct conn *open_with(const char *uri, const char *pw, unsigned timeout)
{
	char err[CONN_ERR_MAX] = "";
	struct conn_options opts = { .password = pw, .timeout_seconds = timeout,
				     .app_name = "exposure-tests" };
	struct conn *c = my->open(uri, &opts, err, sizeof(err));
	ck_assert_msg(c != NULL, "open failed: %s", err);
	ck_assert_str_eq(c->err, "");
	return c;
}

static struct conn *open_default(void)
{
	return open_with(uri_plus(""), password(), 0);
}

/* open() must fail: its message in err. */
static void open_fails(const char *uri, const char *pw, char *err, size_t errsz)
{
	struct conn_options opts = { .password = pw, .timeout_seconds = 5 };
	err[0] = '\0';
	struct conn *c = my->open(uri, &opts, err, errsz);
	if (c)
		my->close(c);
	ck_assert_msg(c == NULL, "open of %s succeeded", uri);
	ck_assert_msg(err[0], "open failed without a message");
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- rows as text: "a|b|\N" a line, the names first --------------------- */

struct rows {
	struct memout out;
	int ncols, nrows;
	int stop_after; /* 0: read all */
};

static int collect(void *ctx, const struct conn_row *row)
{
	struct rows *r = ctx;
	if (r->nrows == 0) {
		r->ncols = row->ncols;
		for (int i = 0; i < row->ncols; i++)
			fprintf(r->out.f, "%s%s", i ? "|" : "", row->names[i]);
		fputc('\n', r->out.f);
	}
	ck_assert_int_eq(row->ncols, r->ncols);
	for (int i = 0; i < row->ncols; i++) {
		if (i)
			fputc('|', r->out.f);
		if (!row->values[i]) {
			fputs("\\N", r->out.f);
			continue;
		}
		fwrite(row->values[i], 1, row->lengths[i], r->out.f);
	}
	fputc('\n', r->out.f);
	r->nrows++;
	return r->stop_after && r->nrows >= r->stop_after;
}

/* Run sql, check the return code, give the rows as text (caller frees). */
static char *query_text(struct conn *c, const char *sql, int want_rc, int stop_after)
{
	struct rows r = { .stop_after = stop_after };
	memout_open(&r.out);
	int rc = my->query(c, sql, collect, &r);
	char *text = memout_text(&r.out);
	ck_assert_msg(rc == want_rc, "query %s: rc %d, want %d (%s)", sql, rc, want_rc, c->err);
	return text;
}

static void query_is(struct conn *c, const char *sql, const char *want)
{
	char *got = query_text(c, sql, 0, 0);
	ck_assert_str_eq(got, want);
	free(got);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- tables and rows ---------------------------------------------------- */

/* Case-insensitive as the server's general_ci orders them ('_' after letters). */
static int ci_cmp(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a, *y = *(const unsigned char *const *)b;
	for (; *x && toupper(*x) == toupper(*y); x++, y++)
		;
	return toupper(*x) - toupper(*y);
}

static int add_table(void *ctx, const char *table)
{
	fprintf(ctx, "%s\n", table);
	return 0;
}

START_TEST(tables_are_the_fixtures)
{
	char *sql = slurp(fixture_path("atmail.sql"), NULL);
	char *names[64];
	size_t n = 0;
	for (char *p = sql; (p = strstr(p, "CREATE TABLE ")); p++) {
		if (p != sql && p[-1] != '\n')
			continue;
		ck_assert_uint_lt(n, 64);
		names[n++] = strndup(p + 13, strcspn(p + 13, " ("));
	}
	free(sql);
	ck_assert_uint_eq(n, 13);
	qsort(names, n, sizeof(*names), ci_cmp);
	struct memout want;
	memout_open(&want);
	for (size_t i = 0; i < n; i++) {
		fprintf(want.f, "%s\n", names[i]);
		free(names[i]);
	}
	char *want_text = memout_text(&want);

	struct conn *c = open_default();
	struct memout got;
	memout_open(&got);
	ck_assert_int_eq(my->list_tables(c, add_table, got.f), 0);
	char *got_text = memout_text(&got);
	ck_assert_str_eq(got_text, want_text);
	free(got_text);
	free(want_text);
	my->close(c);
}
END_TEST

static int stop_at_first(void *ctx, const char *table)
{
	(*(int *)ctx)++;
	(void)table;
	return 1;
}

START_TEST(list_tables_stops)
{
	struct conn *c = open_default();
	int seen = 0;
	ck_assert_int_eq(my->list_tables(c, stop_at_first, &seen), 1);
	ck_assert_int_eq(seen, 1);
	query_is(c, "SELECT COUNT(*) FROM Users", "COUNT(*)\n5\n");
	my->close(c);
}
END_TEST

START_TEST(sendmail_rows_exact)
{
	struct conn *c = open_default();
	query_is(c, "SELECT id, LogMsg, LogDate FROM Log_SendMail ORDER BY id",
		 "id|LogMsg|LogDate\n"
		 "1|10.0.0.1:ann@example.com|2007-03-01 12:05:00\n"
		 "2|10.0.0.1:Jo <jo@example.org>, rita@example.com sam@example.com|2007-03-01 12:06:00\n"
		 "3|WebMail:10.0.0.2:tom@example.com|2007-03-02 12:10:00\n"
		 "4|10.0.0.2:uma@example.com, victor@example.com, wendy@example.co.u|2007-03-02 12:11:00\n"
		 "5|WebMail:127.0.0.1:postmaster@example.com|2007-03-02 13:00:00\n"
		 "6|2001:db8::1:xena@example.com|2007-03-05 00:00:00\n"
		 "7|10.0.0.5:uma@example.com, vic@example.com, wendy@example.com.au,|2007-03-05 10:00:00\n"
		 "8|10.0.0.7:undisclosed-recipients:;|2007-03-06 09:00:00\n"
		 "9|10.0.0.7:Zed <zed@example.com>, \"Quoted Name, Long\" <qn@example.|2007-03-06 09:05:00\n"
		 "10|10.0.0.4:ann@example.com|\\N\n"
		 "11|10.0.0.4:kim@example.com|\\N\n");
	my->close(c);
}
END_TEST

/* The password from MYSQL_PWD this time. */
START_TEST(null_is_not_empty)
{
	setenv("MYSQL_PWD", password(), 1);
	struct conn *c = open_with(uri_plus(""), NULL, 0);
	query_is(c, "SELECT Account, OtherEmail, DateCreate FROM Users ORDER BY Account",
		 "Account|OtherEmail|DateCreate\n"
		 "alice@isp.example|alice.home@example.com|2006-01-10 09:00:00\n"
		 "Bob@ISP.example|\\N|2006-02-11 10:30:00\n"
		 "carol@isp.example||2006-03-12 11:00:00\n"
		 "dave@isp.example|not an address|2006-04-01 08:00:00\n"
		 "erin@isp.example|erin@isp.example|2006-05-05 12:00:00\n");
	my->close(c);
}
END_TEST

struct bytes_row {
	int rows, is_null[2];
	size_t len[2];
};

static int keep_bytes(void *ctx, const struct conn_row *row)
{
	struct bytes_row *b = ctx;
	ck_assert_int_eq(row->ncols, 2);
	for (int i = 0; i < 2; i++) {
		b->is_null[i] = row->values[i] == NULL;
		b->len[i] = row->lengths[i];
	}
	if (row->values[0] && row->lengths[0] == 3)
		ck_assert_int_eq(memcmp(row->values[0], "a\0b", 3), 0);
	b->rows++;
	return 0;
}

START_TEST(utf8_and_bytes_intact)
{
	struct conn *c = open_default();
	query_is(c, "SELECT UserEmail, UserEmail2, UserFirstName, HEX(UserEmail2) FROM Abook_a WHERE id = 3",
		 "UserEmail|UserEmail2|UserFirstName|HEX(UserEmail2)\n"
		 "=?UTF-8?B?SsO8cmdlbg==?= <juergen@m\xc3\xbcnchen.example>|"
		 "JUERGEN@M\xc3\x9cNCHEN.EXAMPLE|J\xc3\xbcrgen|"
		 "4A55455247454E404DC39C4E4348454E2E4558414D504C45\n");
	/* a NUL inside a value, and '' next to it */
	struct bytes_row b = { 0, { 1, 1 }, { 9, 9 } };
	ck_assert_int_eq(my->query(c, "SELECT CONCAT('a', CHAR(0 USING utf8mb4), 'b'), ''", keep_bytes, &b), 0);
	ck_assert_int_eq(b.rows, 1);
	ck_assert_int_eq(b.is_null[0], 0);
	ck_assert_int_eq(b.is_null[1], 0);
	ck_assert_uint_eq(b.len[0], 3);
	ck_assert_uint_eq(b.len[1], 0);
	my->close(c);
}
END_TEST

START_TEST(session_is_utc_read_only_snapshot)
{
	struct conn *c = open_with(uri_plus(""), password(), 7);
	query_is(c,
		 "SELECT @@session.time_zone, FROM_UNIXTIME(0), @@session.net_write_timeout, "
		 "@@session.max_statement_time, @@in_transaction, @@session.tx_isolation, "
		 "@@character_set_client, @@character_set_results",
		 "@@session.time_zone|FROM_UNIXTIME(0)|@@session.net_write_timeout|"
		 "@@session.max_statement_time|@@in_transaction|@@session.tx_isolation|"
		 "@@character_set_client|@@character_set_results\n"
		 "+00:00|1970-01-01 00:00:00|3600|7.000000|1|REPEATABLE-READ|utf8mb4|utf8mb4\n");
	my->close(c);
	c = open_default(); /* no timeout: no statement limit */
	query_is(c, "SELECT @@session.max_statement_time", "@@session.max_statement_time\n0.000000\n");
	/* the session, not only the transaction, is read-only */
	query_is(c, "SELECT @@session.tx_read_only AS ro", "ro\n1\n");
	my->close(c);
}
END_TEST

START_TEST(many_columns)
{
	char sql[4096] = "SELECT 0";
	char want[8192] = "0", vals[4096] = "0";
	for (int i = 1; i < 300; i++) {
		char one[16];
		snprintf(one, sizeof(one), ", %d", i);
		strcat(sql, one);
		snprintf(one, sizeof(one), "|%d", i);
		strcat(want, one);
		strcat(vals, one);
	}
	strcat(want, "\n");
	strcat(want, vals);
	strcat(want, "\n");
	struct conn *c = open_default();
	query_is(c, "SELECT 1 AS one", "one\n1\n");
	query_is(c, sql, want); /* wider than any result before */
	query_is(c, "SELECT 1 AS one, NULL AS two", "one|two\n1|\\N\n");
	my->close(c);
}
END_TEST

START_TEST(quote_ident_backticks)
{
	char out[64];
	ck_assert_int_eq(my->quote_ident("ABOOK_Other", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "`ABOOK_Other`");
	ck_assert_int_eq(my->quote_ident("a`b", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "`a``b`");
	ck_assert_int_eq(my->quote_ident("abc", out, 6), 0);
	ck_assert_int_eq(my->quote_ident("abc", out, 5), -1);
	ck_assert_int_eq(my->quote_ident("a`", out, 6), 0);
	ck_assert_str_eq(out, "`a```");
	ck_assert_int_eq(my->quote_ident("a`", out, 5), -1);
	ck_assert_int_eq(my->quote_ident("", out, 2), -1);
	ck_assert_int_eq(my->quote_ident("", out, 3), 0);
	ck_assert_str_eq(out, "``");

	struct conn *c = open_default();
	char sql[128];
	ck_assert_int_eq(my->quote_ident("ABOOK_Other", out, sizeof(out)), 0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) AS n FROM %s", out);
	query_is(c, sql, "n\n1\n");
	my->close(c);
	my->close(NULL);
}
END_TEST

/* ---- nothing is written ------------------------------------------------- */

START_TEST(writes_refused_even_for_root)
{
	const char *admin = env_path("EXPOSURE_MY_ADMIN_URI");
	const char *stmts[] = {
		"UPDATE Users SET OtherEmail = 'x' WHERE Account = 'alice@isp.example'",
		"INSERT INTO Users VALUES ('mallory@isp.example', 'x', NULL)",
		"DELETE FROM Users",
	};
	char prefix[300];
	snprintf(prefix, sizeof(prefix), "query failed on '%s': ", where_of(admin));
	for (size_t i = 0; i < sizeof(stmts) / sizeof(*stmts); i++) {
		struct conn *c = open_with(admin, NULL, 0);
		char *rows = query_text(c, stmts[i], -1, 0);
		free(rows);
		ck_assert_msg(starts_with(c->err, prefix), "%s", c->err);
		ck_assert_msg(strstr(c->err, "READ ONLY"), "%s", c->err);
		/* the session itself saw nothing change, and goes on */
		query_is(c, "SELECT COUNT(*) AS n, SUM(OtherEmail = 'x') AS x FROM Users", "n|x\n5|0\n");
		my->close(c);
	}
	struct conn *c = open_default(); /* a fresh session */
	query_is(c, "SELECT OtherEmail FROM Users WHERE Account = 'alice@isp.example'",
		 "OtherEmail\nalice.home@example.com\n");
	query_is(c, "SELECT COUNT(*) AS n FROM Users", "n\n5\n");
	my->close(c);
}
END_TEST

/* Past the statement check (the hook called directly), as root: the
 * session's own read-only mode refuses DDL, whose implicit commit would
 * otherwise let it run outside the transaction; a query that ends the
 * transaction ends the handle. The canary stays. */
START_TEST(ddl_and_commit_end_nothing_but_the_handle)
{
	const char *admin = env_path("EXPOSURE_MY_ADMIN_URI"), *db = strstr(admin, "/atmail");
	char uri[512];
	ck_assert_ptr_nonnull(db);
	snprintf(uri, sizeof(uri), "%.*s/evidence%s", (int)(db - admin), admin, db + strlen("/atmail"));
	const char *ddl[] = {
		"DROP TABLE canary", "TRUNCATE canary", "ALTER TABLE canary ADD COLUMN x int",
		"RENAME TABLE canary TO canary2", "CREATE TABLE canary3 (i int)", "LOCK TABLES canary WRITE",
	};
	for (size_t i = 0; i < sizeof(ddl) / sizeof(*ddl); i++) {
		struct conn *c = open_with(uri, NULL, 0);
		free(query_text(c, ddl[i], -1, 0));
		ck_assert_msg(strstr(c->err, "READ ONLY") || strstr(c->err, "ended the read-only transaction"),
			      "%s: %s", ddl[i], c->err);
		my->close(c);
	}
	struct conn *c = open_with(uri, NULL, 0);
	free(query_text(c, "COMMIT", -1, 0));
	ck_assert_str_eq(c->err, "query on 'localhost/evidence' ended the read-only transaction");
	c->err[0] = '\0';
	free(query_text(c, "SELECT 1", -1, 0));
	ck_assert_str_eq(c->err, "query refused on 'localhost/evidence': the read-only transaction has ended");
	my->close(c);

	c = open_with(uri, NULL, 0); /* a fresh session */
	query_is(c, "SELECT GROUP_CONCAT(CONCAT(id, ' ', email) ORDER BY id SEPARATOR '|') AS rows_,"
		    " (SELECT GROUP_CONCAT(table_name) FROM information_schema.tables"
		    "  WHERE table_schema = 'evidence') AS tables_,"
		    " (SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'evidence') AS columns_"
		    " FROM canary",
		 "rows_|tables_|columns_\n1 a@canary.example|2 b@canary.example|3 c@canary.example|canary|2\n");
	my->close(c);
}
END_TEST

/* ---- credentials -------------------------------------------------------- */

START_TEST(password_ways_and_order)
{
	const char *right = password(), *wrong = "Wr0ng-Secret-4711";
	char err[CONN_ERR_MAX];
	struct conn *c;

	/* in the URI, percent-encoded */
	c = open_with(uri_with_password(right, 1), NULL, 0);
	my->close(c);
	/* --password-file before the URI and MYSQL_PWD */
	setenv("MYSQL_PWD", wrong, 1);
	c = open_with(uri_with_password(wrong, 0), right, 0);
	my->close(c);
	setenv("MYSQL_PWD", right, 1);
	open_fails(uri_plus(""), wrong, err, sizeof(err));
	/* the URI's before MYSQL_PWD */
	open_fails(uri_with_password(wrong, 0), NULL, err, sizeof(err));
	ck_assert_ptr_null(strstr(err, wrong));
	setenv("MYSQL_PWD", wrong, 1);
	c = open_with(uri_with_password(right, 0), NULL, 0);
	my->close(c);
	/* nothing at all */
	unsetenv("MYSQL_PWD");
	open_fails(uri_plus(""), NULL, err, sizeof(err));
	ck_assert_msg(strstr(err, "using password: NO"), "%s", err);
}
END_TEST

START_TEST(option_file_client_group)
{
	char cnf[512];
	/* ~/.my.cnf gives the password, and the user the URI leaves out */
	snprintf(cnf, sizeof(cnf), "[client]\nuser=exposure\npassword=%s\n", password());
	write_my_cnf(cnf);
	const char *uri = env_path("EXPOSURE_MY_URI");
	char no_user[512];
	snprintf(no_user, sizeof(no_user), "mysql://%s", strchr(uri, '@') + 1);
	struct conn *c = open_with(no_user, NULL, 0);
	query_is(c, "SELECT CURRENT_USER() AS u", "u\nexposure@127.0.0.1\n");
	my->close(c);

	/* MYSQL_PWD before the option file; the file's character set does not
	 * make UTF-8 text into latin1 */
	write_my_cnf("[client]\npassword=Wr0ng-Secret-4711\ndefault-character-set=latin1\n");
	char err[CONN_ERR_MAX];
	open_fails(uri_plus(""), NULL, err, sizeof(err));
	setenv("MYSQL_PWD", password(), 1);
	c = open_with(uri_plus(""), NULL, 0);
	query_is(c, "SELECT UserEmail2, @@character_set_results FROM Abook_a WHERE id = 3",
		 "UserEmail2|@@character_set_results\nJUERGEN@M\xc3\x9cNCHEN.EXAMPLE|utf8mb4\n");
	my->close(c);
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

START_TEST(wrong_password_named_not_shown)
{
	const char *wrong = "Wr0ng-Secret-4711";
	char err[CONN_ERR_MAX], prefix[300];
	snprintf(prefix, sizeof(prefix), "cannot connect to '%s': ", my_where());
	open_fails(uri_plus(""), wrong, err, sizeof(err));
	ck_assert_msg(starts_with(err, prefix), "%s", err);
	ck_assert_msg(strstr(err, "Access denied"), "%s", err);
	ck_assert_ptr_null(strstr(err, wrong));
	open_fails(uri_with_password(wrong, 0), NULL, err, sizeof(err));
	ck_assert_msg(starts_with(err, prefix), "%s", err);
	ck_assert_ptr_null(strstr(err, wrong));
	ck_assert_ptr_null(strstr(err, "exposure:"));
}
END_TEST

START_TEST(refused_connection)
{
	char err[CONN_ERR_MAX];
	double t0 = now();
	open_fails("mysql://exposure@127.0.0.1:1/atmail", password(), err, sizeof(err));
	ck_assert_msg(starts_with(err, "cannot connect to '127.0.0.1:1/atmail': "
				       "Can't connect to server on '127.0.0.1'"),
		      "%s", err);
	ck_assert_double_lt(now() - t0, 5.0);
	open_fails("mariadb://exposure@localhost/atmail?socket=/nonexistent/my.sock", password(), err,
		   sizeof(err));
	ck_assert_msg(starts_with(err, "cannot connect to 'localhost/atmail': "), "%s", err);
	/* the socket is a value of the URI's: not echoed (issue 18) */
	ck_assert_str_eq(err, "cannot connect to 'localhost/atmail': Can't connect to local server through socket "
			      "'********************' (2)");
}
END_TEST

static const struct {
	const char *uri, *err;
} bad_uris[] = {
	{ "mysql://exposure@127.0.0.1:33306/atmail?frobnicate=1",
	  "unknown parameter 'frobnicate' in '127.0.0.1:33306/atmail' (known: socket, ssl, ssl-ca)" },
	{ "mysql://exposure@127.0.0.1:33306/atmail?ssl=require&password=x",
	  "unknown parameter 'password' in '127.0.0.1:33306/atmail' (known: socket, ssl, ssl-ca)" },
	{ "mysql://exposure@127.0.0.1:33306/atmail?ssl=maybe",
	  "unknown ssl mode in '127.0.0.1:33306/atmail' (off, require or verify)" }, /* the value not echoed */
	{ "mysql://exposure@127.0.0.1:33306/atmail?socket=",
	  "empty parameter 'socket' in '127.0.0.1:33306/atmail'" },
	{ "mysql://exposure@127.0.0.1:33306/atmail?ssl-ca=/tmp/ca.pem",
	  "'ssl-ca' needs 'ssl=verify' in '127.0.0.1:33306/atmail'" },
	{ "mysql://exposure@db.example/atmail?socket=/tmp/my.sock",
	  "'socket' needs the host 'localhost' or none in 'db.example/atmail'" },
	{ "mysql://exposure@127.0.0.1:33306", "no database in '127.0.0.1:33306'" },
	{ "mariadb://exposure:s3cret@127.0.0.1:33306/", "no database in '127.0.0.1:33306/'" },
	{ "mysql://exposure@127.0.0.1:99999/atmail", "invalid port in '127.0.0.1:99999/atmail'" },
	{ "mysql://exposure@127.0.0.1:/atmail", "invalid port in '127.0.0.1:/atmail'" },
	{ "mysql://exposure@[::1/atmail", "invalid host in mariadb source '[::1'" },
	{ "mysql://exposure:s3cret%zz@127.0.0.1/atmail",
	  "invalid percent-encoding in the password of '127.0.0.1/atmail'" },
	{ "mysql://exposure:s3cret%00@127.0.0.1/atmail",
	  "invalid percent-encoding in the password of '127.0.0.1/atmail'" },
	{ "mysql://ex%2@127.0.0.1/atmail", "invalid percent-encoding in the user name of '127.0.0.1/atmail'" },
	{ "postgresql://exposure@127.0.0.1/atmail", "not a mysql:// or mariadb:// source" },
};

START_TEST(bad_uri)
{
	char err[CONN_ERR_MAX];
	open_fails(bad_uris[_i].uri, NULL, err, sizeof(err));
	ck_assert_str_eq(err, bad_uris[_i].err);
}
END_TEST

/* ---- the statement limit ------------------------------------------------ */

static int count_rows(void *ctx, const struct conn_row *row)
{
	(void)row;
	(*(long *)ctx)++;
	return 0;
}

START_TEST(statement_limit_interrupts)
{
	struct conn *c = open_with(uri_plus(""), password(), 1);
	long rows = 0;
	double t0 = now();
	/* SLEEP() and BENCHMARK() merely end early at the limit; a join is interrupted */
	ck_assert_int_eq(my->query(c, "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_100000 b",
				   count_rows, &rows),
			 -1);
	ck_assert_double_lt(now() - t0, 10.0);
	ck_assert_int_eq(rows, 0);
	char prefix[300];
	snprintf(prefix, sizeof(prefix), "query failed on '%s': ", my_where());
	ck_assert_msg(starts_with(c->err, prefix), "%s", c->err);
	ck_assert_msg(strstr(c->err, "max_statement_time"), "%s", c->err);
	/* the handle goes on, in its transaction */
	query_is(c, "SELECT @@in_transaction AS t", "t\n1\n");
	my->close(c);

	/* cut off mid-stream, after rows have arrived */
	c = open_with(uri_plus(""), password(), 1);
	rows = 0;
	ck_assert_int_eq(my->query(c, "SELECT seq FROM seq_1_to_100000000000", count_rows, &rows), -1);
	ck_assert_int_gt(rows, 0);
	ck_assert_msg(starts_with(c->err, prefix), "%s", c->err);
	ck_assert_msg(strstr(c->err, "max_statement_time"), "%s", c->err);
	query_is(c, "SELECT @@in_transaction AS t", "t\n1\n");
	my->close(c);
}
END_TEST

/* ---- stopping early ----------------------------------------------------- */

START_TEST(stop_after_three_rows)
{
	struct conn *c = open_default();
	char *rows = query_text(c, "SELECT seq FROM seq_1_to_1000000", 1, 3);
	ck_assert_str_eq(rows, "seq\n1\n2\n3\n");
	free(rows);
	query_is(c, "SELECT COUNT(*) AS n, @@in_transaction AS t FROM Users", "n|t\n5|1\n");
	/* stopped at the last row: the query has ended by the time it is killed */
	rows = query_text(c, "SELECT seq FROM seq_1_to_3", 1, 3);
	ck_assert_str_eq(rows, "seq\n1\n2\n3\n");
	free(rows);
	query_is(c, "SELECT COUNT(*) AS n, @@in_transaction AS t FROM Users", "n|t\n5|1\n");
	query_is(c, "SELECT seq FROM seq_1_to_2", "seq\n1\n2\n");
	ck_assert_str_eq(c->err, "");
	my->close(c);
}
END_TEST

/* Reading a hundred million rows to their end would take many seconds. */
START_TEST(stop_is_quick)
{
	struct conn *c = open_default();
	double t0 = now();
	char *rows = query_text(c, "SELECT seq FROM seq_1_to_100000000", 1, 3);
	double took = now() - t0;
	free(rows);
	ck_assert_msg(took < 3.0, "stopping took %.3f s", took);
	query_is(c, "SELECT 1 AS one", "one\n1\n");
	my->close(c);
}
END_TEST

/* ---- TLS ---------------------------------------------------------------- */

static const char *cipher_of(const char *params)
{
	static char buf[256];
	struct conn *c = open_with(uri_plus(params), password(), 5);
	char *rows = query_text(c, "SHOW SESSION STATUS LIKE 'Ssl_cipher'", 0, 0);
	ck_assert_msg(starts_with(rows, "Variable_name|Value\nSsl_cipher|"), "%s", rows);
	snprintf(buf, sizeof(buf), "%s", rows + strlen("Variable_name|Value\nSsl_cipher|"));
	buf[strcspn(buf, "\n")] = '\0';
	free(rows);
	my->close(c);
	return buf;
}

START_TEST(tls_modes)
{
	ck_assert_str_ne(cipher_of("?ssl=require"), "");
	ck_assert_str_eq(cipher_of("?ssl=off"), "");
	char params[600];
	snprintf(params, sizeof(params), "?ssl=verify&ssl-ca=%s", env_path("EXPOSURE_TLS_CA"));
	ck_assert_str_ne(cipher_of(params), "");
	/* verified against CAs that did not sign it: refused */
	char err[CONN_ERR_MAX], prefix[300];
	snprintf(prefix, sizeof(prefix), "cannot connect to '%s': ", my_where());
	if (access("/etc/ssl/certs/ca-certificates.crt", R_OK) == 0) {
		open_fails(uri_plus("?ssl=verify&ssl-ca=/etc/ssl/certs/ca-certificates.crt"), password(), err,
			   sizeof(err));
		ck_assert_msg(starts_with(err, prefix), "%s", err);
	}
}
END_TEST

Suite *mariadb_suite(void)
{
	Suite *s = suite_create("mariadb");
	const char *uri = getenv("EXPOSURE_MY_URI");
	if (!uri || !*uri) {
		fprintf(stderr, "mariadb: skipped: no MariaDB server (EXPOSURE_MY_URI unset)\n");
		return s;
	}
	TCase *tc = tcase_create("mariadb");
	tcase_set_timeout(tc, 120); /* valgrind */
	tcase_add_checked_fixture(tc, env_setup, env_teardown);
	tcase_add_test(tc, tables_are_the_fixtures);
	tcase_add_test(tc, list_tables_stops);
	tcase_add_test(tc, sendmail_rows_exact);
	tcase_add_test(tc, null_is_not_empty);
	tcase_add_test(tc, utf8_and_bytes_intact);
	tcase_add_test(tc, session_is_utc_read_only_snapshot);
	tcase_add_test(tc, many_columns);
	tcase_add_test(tc, quote_ident_backticks);
	const char *admin = getenv("EXPOSURE_MY_ADMIN_URI");
	if (admin && *admin)
		tcase_add_test(tc, writes_refused_even_for_root);
	tcase_add_test(tc, ddl_and_commit_end_nothing_but_the_handle);
	tcase_add_test(tc, password_ways_and_order);
	tcase_add_test(tc, option_file_client_group);
	tcase_add_test(tc, wrong_password_named_not_shown);
	tcase_add_test(tc, refused_connection);
	tcase_add_loop_test(tc, bad_uri, 0, (int)(sizeof(bad_uris) / sizeof(*bad_uris)));
	tcase_add_test(tc, statement_limit_interrupts);
	tcase_add_test(tc, stop_after_three_rows);
	tcase_add_test(tc, stop_is_quick);
	const char *ca = getenv("EXPOSURE_TLS_CA");
	if (ca && *ca)
		tcase_add_test(tc, tls_modes);
	suite_add_tcase(s, tc);
	return s;
}
