/* MariaDB and MySQL, through MariaDB Connector/C. One read-only transaction
 * WITH CONSISTENT SNAPSHOT around the whole scan, in UTC; rows are streamed
 * with mysql_use_result, so memory does not grow with the table. A query its
 * callback stops is killed from a second, short-lived connection rather than
 * read to its end, and the handle stays usable.
 *
 * The session is read-only twice (SET SESSION TRANSACTION READ ONLY, and the
 * transaction), and every query is followed by a look at the server's status
 * flags: a query that left the read-only transaction (a DDL commits it
 * implicitly) ends the handle. The statement check (conn_query) refuses
 * such queries before they run; this catches what it might miss.
 *
 * The URI: mysql:// or mariadb:// then
 *   [user[:password]@][host][:port]/database[?socket=PATH&ssl=off|require|verify&ssl-ca=PATH]
 * Password: conn_options.password, else the URI's, else MYSQL_PWD, else the
 * [client] groups of the option files (~/.my.cnf), which also give whatever
 * else the URI leaves out. Connector/C reads MYSQL_PWD itself, but only after
 * an option file's password; we read it first, as documented.
 *
 * The program owns mysql_library_init()/mysql_library_end(); mysql_init()
 * initialises the library on first use if it has not. */
#include "connector.h"

#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source_uri.h"

#define MY_SIDE_CONNECT_TIMEOUT 10 /* seconds, for the connection that kills a query */
#define MY_READ_TIMEOUT_SLACK 30   /* seconds past the statement limit: a dead server */
#define MY_ER_UNKNOWN_SYSTEM_VARIABLE 1193

enum my_ssl { MY_SSL_DEFAULT, MY_SSL_OFF, MY_SSL_REQUIRE, MY_SSL_VERIFY };

/* Where and how to connect: parsed from the URI once and kept, since the
 * connection that stops a query is opened the same way. */
struct my_target {
	char *host;     /* NULL: the option files' or the library's default */
	unsigned port;  /* 0: default */
	char *user;     /* NULL: the option files' */
	char *password; /* NULL: the option files' */
	char *db;
	char *socket;
	enum my_ssl ssl;
	char *ssl_ca;
	unsigned timeout; /* seconds; 0: none */
	char *app_name;
	char *where; /* "host[:port]/db" for messages: never the user or password */
};

struct mariadb_conn {
	struct conn base;
	MYSQL *my;
	struct my_target t;
	int streaming; /* a callback is running: no other query on this handle */
	int ended;     /* a query ended the read-only transaction: refuse all others */
	struct conn_rowbuf row; /* names and lengths; values come from MYSQL_ROW */
};

/* ---- the URI ------------------------------------------------------------ */

static void target_release(struct my_target *t)
{
	free(t->host);
	free(t->user);
	uri_secret_free(t->password);
	free(t->db);
	free(t->socket);
	free(t->ssl_ca);
	free(t->app_name);
	free(t->where);
	memset(t, 0, sizeof(*t));
}

/* Decode one part of the URI into *dst; what names the part in a message. */
static int decode_part(const struct my_target *t, char **dst, const char *s, size_t n,
		       const char *what, char *err, size_t errsz)
{
	int rc = uri_decode(s, n, dst);
	if (rc == -1)
		snprintf(err, errsz, "invalid percent-encoding in the %s of '%s'", what, t->where);
	else if (rc == -2)
		snprintf(err, errsz, "cannot open '%s': out of memory", t->where);
	return rc == 0 ? 0 : -1;
}

static int parse_param(struct my_target *t, struct uri_part key, struct uri_part val, char *err,
		       size_t errsz)
{
	const char *p = key.at, *v = val.at ? val.at : key.at + key.len;
	size_t klen = key.len, vlen = val.len;
	char **dst = NULL;
	if (klen == 6 && strncmp(p, "socket", 6) == 0)
		dst = &t->socket;
	else if (klen == 6 && strncmp(p, "ssl-ca", 6) == 0)
		dst = &t->ssl_ca;
	else if (!(klen == 3 && strncmp(p, "ssl", 3) == 0)) {
		snprintf(err, errsz, "unknown parameter '%.*s' in '%s' (known: socket, ssl, ssl-ca)",
			 (int)(klen > 64 ? 64 : klen), p, t->where);
		return -1;
	}
	char *value = NULL;
	if (decode_part(t, &value, v, vlen, "parameters", err, errsz) != 0)
		return -1;
	if (!value[0]) {
		snprintf(err, errsz, "empty parameter '%.*s' in '%s'", (int)klen, p, t->where);
		free(value);
		return -1;
	}
	if (dst) {
		free(*dst); /* the last one wins */
		*dst = value;
		return 0;
	}
	if (strcmp(value, "off") == 0)
		t->ssl = MY_SSL_OFF;
	else if (strcmp(value, "require") == 0)
		t->ssl = MY_SSL_REQUIRE;
	else if (strcmp(value, "verify") == 0)
		t->ssl = MY_SSL_VERIFY;
	else {
		snprintf(err, errsz, "unknown ssl mode in '%s' (off, require or verify)", t->where);
		free(value);
		return -1;
	}
	free(value);
	return 0;
}

/* "host[:port]/db" for messages, from the URI's parts: never the user or
 * password. 0, or -1 out of memory. */
static int target_where(struct my_target *t, const struct source_uri *u)
{
	size_t hlen = u->host.len, plen = u->port.len, dlen = u->path.len;
	size_t wlen = (hlen ? hlen + 2 : 9) + (u->port.at ? plen + 1 : 0) + (u->path.at ? dlen + 1 : 0) + 1;
	if (!(t->where = malloc(wlen)))
		return -1;
	snprintf(t->where, wlen, "%s%.*s%s%s%.*s%s%.*s", u->bracketed ? "[" : "",
		 hlen ? (int)hlen : 9, hlen ? u->host.at : "localhost", u->bracketed ? "]" : "",
		 u->port.at ? ":" : "", (int)plen, u->port.at ? u->port.at : "", u->path.at ? "/" : "",
		 (int)dlen, u->path.at ? u->path.at : "");
	return 0;
}

static int target_port(struct my_target *t, struct uri_part port, char *err, size_t errsz)
{
	unsigned long v = 0;
	size_t i = 0;
	for (; i < port.len && port.at[i] >= '0' && port.at[i] <= '9' && v <= 65535; i++)
		v = v * 10 + (unsigned long)(port.at[i] - '0');
	if (i != port.len || v == 0 || v > 65535) {
		snprintf(err, errsz, "invalid port in '%s'", t->where);
		return -1;
	}
	t->port = (unsigned)v;
	return 0;
}

/* mysql://[user[:password]@][host][:port][/database][?params] into t
 * (split by source_uri_split: as in any URI, a '/' or '?' in the user or
 * password is percent-encoded; an '@' may be, since the last '@' before the
 * path ends the user part). */
static int target_parse(struct my_target *t, const char *uri, char *err, size_t errsz)
{
	struct source_uri u;
	struct uri_part key, value;
	if (source_uri_split(uri, &u) != 0 ||
	    (!(u.scheme.len == 5 && strncasecmp(u.scheme.at, "mysql", 5) == 0) &&
	     !(u.scheme.len == 7 && strncasecmp(u.scheme.at, "mariadb", 7) == 0))) {
		snprintf(err, errsz, "not a mysql:// or mariadb:// source");
		return -1;
	}
	if (!u.host_ok) {
		snprintf(err, errsz, "invalid host in mariadb source '%.*s'",
			 (int)(u.hostport.len > 64 ? 64 : u.hostport.len), u.hostport.at);
		return -1;
	}
	if (target_where(t, &u) != 0) { /* the subject of every message from here on */
		snprintf(err, errsz, "cannot open a mariadb source: out of memory");
		return -1;
	}
	if (u.port.at && target_port(t, u.port, err, errsz) != 0)
		return -1;
	if (u.host.len && !(t->host = strndup(u.host.at, u.host.len))) {
		snprintf(err, errsz, "cannot open '%s': out of memory", t->where);
		return -1;
	}
	if (u.user.len && decode_part(t, &t->user, u.user.at, u.user.len, "user name", err, errsz) != 0)
		return -1;
	if (u.password.at &&
	    decode_part(t, &t->password, u.password.at, u.password.len, "password", err, errsz) != 0)
		return -1;
	if (u.path.len && decode_part(t, &t->db, u.path.at, u.path.len, "database name", err, errsz) != 0)
		return -1;
	while (source_uri_next_param(&u.query, &key, &value))
		if (parse_param(t, key, value, err, errsz) != 0)
			return -1;
	if (!t->db || !t->db[0]) {
		snprintf(err, errsz, "no database in '%s'", t->where);
		return -1;
	}
	if (t->ssl_ca && t->ssl != MY_SSL_VERIFY) {
		snprintf(err, errsz, "'ssl-ca' needs 'ssl=verify' in '%s'", t->where);
		return -1;
	}
	if (t->socket && t->host && strcmp(t->host, "localhost") != 0) {
		snprintf(err, errsz, "'socket' needs the host 'localhost' or none in '%s'", t->where);
		return -1;
	}
	return 0;
}

/* The password the way the brief orders it; NULL leaves it to the option files. */
static int target_password(struct my_target *t, const struct conn_options *opts, char *err,
			   size_t errsz)
{
	const char *pw = opts && opts->password ? opts->password : NULL;
	if (!pw && t->password)
		return 0; /* the URI's */
	if (!pw)
		pw = getenv("MYSQL_PWD");
	if (!pw)
		return 0;
	uri_secret_free(t->password);
	t->password = NULL;
	if (!(t->password = strdup(pw))) {
		snprintf(err, errsz, "cannot open '%s': out of memory", t->where);
		return -1;
	}
	return 0;
}

/* ---- connecting --------------------------------------------------------- */

/* "cannot connect to 'WHERE': " and the library's message, the values of
 * the URI's parameters (socket, ssl-ca) blanked out of it. */
static void connect_error(const struct my_target *t, MYSQL *m, char *err, size_t errsz)
{
	snprintf(err, errsz, "cannot connect to '%s': %s", t->where, mysql_error(m));
	const char *values[] = { t->socket, t->ssl_ca };
	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++)
		if (values[i])
			source_redact_span(err, values[i], strlen(values[i]));
}

/* A connection to t (not yet in any session state), or NULL with a message. */
static MYSQL *target_connect(const struct my_target *t, unsigned timeout, char *err, size_t errsz)
{
	MYSQL *m = mysql_init(NULL);
	if (!m) {
		snprintf(err, errsz, "cannot connect to '%s': out of memory", t->where);
		return NULL;
	}
	my_bool yes = 1, no = 0;
	unsigned zero = 0, read_timeout = timeout + MY_READ_TIMEOUT_SLACK;
	int bad = 0;
	/* the option files are read at connect time: the [client] groups */
	bad |= mysql_optionsv(m, MYSQL_READ_DEFAULT_GROUP, "client");
	bad |= mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	bad |= mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &zero); /* a server may not read our files */
	bad |= mysql_optionsv(m, MYSQL_OPT_RECONNECT, &no); /* a new session would lose the snapshot */
	if (timeout > 0) {
		bad |= mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
		bad |= mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
	}
	if (t->app_name)
		bad |= mysql_optionsv(m, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", t->app_name);
	if (t->ssl == MY_SSL_OFF)
		bad |= mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &no);
	if (t->ssl == MY_SSL_REQUIRE || t->ssl == MY_SSL_VERIFY)
		bad |= mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &yes);
	if (t->ssl == MY_SSL_VERIFY)
		bad |= mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
	if (t->ssl_ca)
		bad |= mysql_optionsv(m, MYSQL_OPT_SSL_CA, t->ssl_ca);
	if (bad) {
		snprintf(err, errsz, "cannot connect to '%s': cannot set the connection options", t->where);
		goto fail;
	}
	const char *host = t->socket && !t->host ? "localhost" : t->host;
	if (!mysql_real_connect(m, host, t->user, t->password, t->db, t->port, t->socket, 0)) {
		connect_error(t, m, err, errsz);
		goto fail;
	}
	/* an option file may have set another character set, or reconnect */
	mysql_optionsv(m, MYSQL_OPT_RECONNECT, &no);
	if (strcmp(mysql_character_set_name(m), "utf8mb4") != 0 &&
	    mysql_set_character_set(m, "utf8mb4") != 0) {
		connect_error(t, m, err, errsz);
		goto fail;
	}
	if ((t->ssl == MY_SSL_REQUIRE || t->ssl == MY_SSL_VERIFY) && !mysql_get_ssl_cipher(m)) {
		snprintf(err, errsz, "cannot connect to '%s': TLS required but not in use", t->where);
		goto fail;
	}
	return m;
fail:
	mysql_close(m);
	return NULL;
}

/* Run a statement and discard any rows it returns. */
static int my_exec(MYSQL *m, const char *sql)
{
	if (mysql_real_query(m, sql, (unsigned long)strlen(sql)) != 0)
		return -1;
	if (mysql_field_count(m) > 0) {
		MYSQL_RES *r = mysql_use_result(m);
		if (!r)
			return -1;
		mysql_free_result(r);
	}
	return 0;
}

/* Whether the session is in a read-only transaction, as the status flags
 * of the server's last OK packet say. An error packet carries none (a DDL
 * may have committed the transaction and then failed): refresh asks for a
 * new OK packet first. */
static int in_read_only_transaction(struct mariadb_conn *s, int refresh)
{
	unsigned int status = 0;
	if (refresh && my_exec(s->my, "DO 0") != 0)
		return 0;
	if (mariadb_get_infov(s->my, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0)
		return 0;
	return (status & SERVER_STATUS_IN_TRANS) && (status & SERVER_STATUS_IN_TRANS_READONLY);
}

/* UTC, no write timeout for a slow reader, the statement limit, and one
 * read-only snapshot for the whole scan. */
static int session_begin(struct mariadb_conn *s)
{
	char limit[64];
	const char *steps[] = {
		"SET SESSION time_zone = '+00:00'",
		"SET SESSION net_write_timeout = 3600",
		limit,
		"SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
		/* transaction_read_only=1 for the session: should DDL commit the
		 * transaction implicitly, what runs after is read-only still */
		"SET SESSION TRANSACTION READ ONLY",
		"START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY",
	};
	snprintf(limit, sizeof(limit), "SET SESSION max_statement_time = %u", s->t.timeout);
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		if (steps[i] == limit && s->t.timeout == 0)
			continue;
		if (my_exec(s->my, steps[i]) == 0)
			continue;
		if (steps[i] == limit && mysql_errno(s->my) == MY_ER_UNKNOWN_SYSTEM_VARIABLE) {
			/* MySQL, not MariaDB: its limit is in milliseconds, SELECT only */
			snprintf(limit, sizeof(limit), "SET SESSION max_execution_time = %u000",
				 s->t.timeout);
			if (my_exec(s->my, limit) == 0)
				continue;
		}
		conn_fail(&s->base, "cannot start a read-only session on '%s': %s", s->t.where,
			  mysql_error(s->my));
		return -1;
	}
	if (!in_read_only_transaction(s, 0)) {
		conn_fail(&s->base, "cannot start a read-only session on '%s': the server reports no read-only transaction",
			  s->t.where);
		return -1;
	}
	return 0;
}

static void mariadb_close(struct conn *c)
{
	struct mariadb_conn *s = (struct mariadb_conn *)c;
	if (!s)
		return;
	if (s->my) {
		my_exec(s->my, "ROLLBACK");
		mysql_close(s->my);
	}
	target_release(&s->t);
	conn_rowbuf_release(&s->row);
	free(s);
}


/* The account's privileges beyond SELECT, global, on the database or on a
 * table of it (not those of its roles). */
#define MY_WRITE_SQL                                                                                     \
	"SELECT CURRENT_USER(), GROUP_CONCAT(DISTINCT x.p ORDER BY x.p SEPARATOR ', ') FROM ("             \
	" SELECT PRIVILEGE_TYPE AS p, GRANTEE AS g FROM information_schema.USER_PRIVILEGES"               \
	" UNION SELECT PRIVILEGE_TYPE, GRANTEE FROM information_schema.SCHEMA_PRIVILEGES"                  \
	"  WHERE TABLE_SCHEMA = DATABASE()"                                                                \
	" UNION SELECT PRIVILEGE_TYPE, GRANTEE FROM information_schema.TABLE_PRIVILEGES"                   \
	"  WHERE TABLE_SCHEMA = DATABASE()"                                                                \
	") x WHERE x.g = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"                   \
	" SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')"                                                 \
	" AND x.p IN ('SUPER', 'FILE', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX',"   \
	" 'CREATE VIEW', 'TRIGGER', 'ALTER ROUTINE', 'CREATE ROUTINE', 'LOCK TABLES', 'EVENT')"

/* A note when the account may write or administer: the read-only session
 * is all that stops it. A check that fails says nothing. */
static void note_write_privileges(struct mariadb_conn *s)
{
	if (mysql_real_query(s->my, MY_WRITE_SQL, (unsigned long)strlen(MY_WRITE_SQL)) != 0)
		return;
	MYSQL_RES *res = mysql_store_result(s->my);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	if (row && row[0] && row[1])
		snprintf(s->base.note, sizeof(s->base.note),
			 "the account '%.64s' may write or administer (%.300s): read with an account that may only SELECT",
			 row[0], row[1]);
	mysql_free_result(res);
}

static struct conn *mariadb_open(const char *location, const struct conn_options *opts, char *err,
				 size_t errsz)
{
	struct mariadb_conn *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errsz, "cannot open a mariadb source: out of memory");
		return NULL;
	}
	if (target_parse(&s->t, location, err, errsz) != 0 ||
	    target_password(&s->t, opts, err, errsz) != 0)
		goto fail;
	s->t.timeout = opts ? opts->timeout_seconds : 0;
	if (opts && opts->app_name && !(s->t.app_name = strdup(opts->app_name))) {
		snprintf(err, errsz, "cannot open '%s': out of memory", s->t.where);
		goto fail;
	}
	if (!(s->my = target_connect(&s->t, s->t.timeout, err, errsz)))
		goto fail;
	if (session_begin(s) != 0) {
		snprintf(err, errsz, "%s", s->base.err);
		goto fail;
	}
	note_write_privileges(s);
	return &s->base;
fail:
	mariadb_close(&s->base);
	return NULL;
}

/* ---- queries ------------------------------------------------------------ */

static int mariadb_quote_ident(const char *ident, char *out, size_t outsz)
{
	return conn_quote_ident_with('`', ident, out, outsz);
}

/* Give up a result not read to its end. mysql_free_result() would read
 * (and drop) every remaining row: instead the query is killed from a second
 * connection, so the server ends the stream with an error at once. Should
 * that connection fail, the rows are read to the end after all. Either way
 * the protocol is back in step and the next query works; the transaction
 * and its snapshot survive (KILL QUERY ends the statement, not the session).
 * A kill that arrives after the query ended finds an idle session and does
 * nothing: this handle runs nothing else meanwhile. */
static void result_abandon(struct mariadb_conn *s, MYSQL_RES *res)
{
	if (!mysql_eof(res)) {
		char err[CONN_ERR_MAX], sql[64];
		unsigned timeout = s->t.timeout && s->t.timeout < MY_SIDE_CONNECT_TIMEOUT
					   ? s->t.timeout
					   : MY_SIDE_CONNECT_TIMEOUT;
		MYSQL *k = target_connect(&s->t, timeout, err, sizeof(err));
		if (k) {
			snprintf(sql, sizeof(sql), "KILL QUERY %lu", mysql_thread_id(s->my));
			my_exec(k, sql);
			mysql_close(k);
		}
	}
	mysql_free_result(res);
}

/* Further result sets (a CALL returns more than one) are read and dropped,
 * so the next query does not find the protocol out of step. */
static void results_skip(MYSQL *m)
{
	while (mysql_more_results(m) && mysql_next_result(m) == 0) {
		MYSQL_RES *r = mysql_use_result(m);
		if (r)
			mysql_free_result(r);
	}
}

static int mariadb_run(struct mariadb_conn *s, const char *sql, conn_row_fn cb, void *ctx)
{
	struct conn *c = &s->base;
	if (mysql_real_query(s->my, sql, (unsigned long)strlen(sql)) != 0) {
		conn_fail(c, "query failed on '%s': %s", s->t.where, mysql_error(s->my));
		return -1;
	}
	MYSQL_RES *res = mysql_use_result(s->my);
	if (!res) {
		if (mysql_field_count(s->my) == 0) { /* a statement without rows */
			results_skip(s->my);
			return 0;
		}
		conn_fail(c, "query failed on '%s': %s", s->t.where, mysql_error(s->my));
		return -1;
	}
	unsigned ncols = mysql_num_fields(res);
	if (conn_rowbuf_reserve(&s->row, ncols) != 0) {
		conn_fail(c, "query on '%s' returns %u columns: out of memory", s->t.where, ncols);
		result_abandon(s, res);
		return -1;
	}
	MYSQL_FIELD *fields = mysql_fetch_fields(res);
	for (unsigned i = 0; i < ncols; i++)
		s->row.names[i] = fields[i].name;
	struct conn_row row = { (int)ncols, s->row.names, NULL, s->row.lengths };
	MYSQL_ROW r;
	int rc = 0;
	s->streaming = 1;
	while ((r = mysql_fetch_row(res))) {
		unsigned long *len = mysql_fetch_lengths(res);
		for (unsigned i = 0; i < ncols; i++)
			s->row.lengths[i] = r[i] ? (size_t)len[i] : 0;
		row.values = (const char *const *)r;
		if (cb(ctx, &row) != 0) {
			rc = 1;
			break;
		}
	}
	s->streaming = 0;
	if (rc == 0 && mysql_errno(s->my) != 0) { /* cut off mid-stream */
		conn_fail(c, "query failed on '%s': %s", s->t.where, mysql_error(s->my));
		rc = -1;
	}
	if (rc == 1)
		result_abandon(s, res);
	else
		mysql_free_result(res);
	results_skip(s->my);
	return rc;
}

/* A query, then the check that the session is still in its read-only
 * transaction: one that ended it (a DDL commits implicitly) leaves a
 * handle that refuses every later query. */
static int mariadb_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx)
{
	struct mariadb_conn *s = (struct mariadb_conn *)c;
	if (s->ended) {
		conn_fail(c, "query refused on '%s': the read-only transaction has ended", s->t.where);
		return -1;
	}
	if (s->streaming) {
		conn_fail(c, "query on '%s' while another one streams its rows", s->t.where);
		return -1;
	}
	int rc = mariadb_run(s, sql, cb, ctx);
	if (!in_read_only_transaction(s, rc < 0)) {
		s->ended = 1;
		conn_fail(c, "query on '%s' ended the read-only transaction", s->t.where);
		return -1;
	}
	return rc;
}

static int mariadb_list_tables(struct conn *c, conn_table_fn cb, void *ctx)
{
	return conn_list_tables_by_query(c, mariadb_query,
					 "SELECT table_name FROM information_schema.tables "
					 "WHERE table_schema = DATABASE() ORDER BY 1",
					 cb, ctx);
}

/* mysql_init() would initialise the library on first use, which is not
 * thread-safe: do it once before any source thread starts. */
static int mariadb_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0 ? 0 : -1;
}

static void mariadb_library_end(void)
{
	mysql_library_end();
}

const struct connector connector_mariadb = {
	.name = "mariadb",
	.caps = CONN_CAP_STREAM | CONN_CAP_READ_ONLY | CONN_CAP_TLS,
	.credentials_hint = "MYSQL_PWD or ~/.my.cnf",
	.sql_lexis = CONN_SQL_HASH_COMMENT | CONN_SQL_DASH_BLANK | CONN_SQL_BACKSLASH |
		     CONN_SQL_BACKTICK | CONN_SQL_EXEC_COMMENT,
	.open = mariadb_open,
	.list_tables = mariadb_list_tables,
	.quote_ident = mariadb_quote_ident,
	.library_init = mariadb_library_init,
	.library_end = mariadb_library_end,
	.query = mariadb_query,
	.close = mariadb_close,
};
