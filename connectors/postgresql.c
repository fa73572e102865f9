/* PostgreSQL through libpq. One session per source, in one
 * REPEATABLE READ READ ONLY transaction for the whole scan: every query sees
 * the same snapshot and the session itself refuses writes.
 *
 * Rows are streamed. A query that returns columns is first described (its
 * column names), then run as COPY (query) TO STDOUT: one buffer a row, its
 * text decoded in place, as cheap as the server can send it. What COPY
 * cannot wrap (SHOW, EXPLAIN) and what returns no columns runs in libpq's
 * single-row mode: one PGresult a row, freed before the next. Either way
 * memory does not grow with the table.
 *
 * A query that fails, or that the callback stops (we cancel it), aborts the
 * transaction in PostgreSQL. So open() sets one savepoint right after BEGIN,
 * and after a failed or cancelled query we ROLLBACK TO it: the savepoint stays
 * in place, the transaction and its snapshot go on, and a query that succeeds
 * costs no extra round trip.
 *
 * Every statement, ours too, goes through the extended protocol
 * (PQsendQueryParams / PQexecParams with no parameters), which takes exactly
 * one statement: "COMMIT; CREATE ..." is refused by the server. After each
 * query the transaction is checked: the same one (its virtual id: COMMIT AND
 * CHAIN starts another), still read-only; a query that ended or changed it
 * makes the handle refuse every later query. Only a query that passes the
 * statement check is wrapped in COPY. */
#include "connector.h"

#include <libpq-fe.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source_uri.h"

#define PG_SAVEPOINT "exposure_query"
#define PG_LEXIS (CONN_SQL_NESTED_COMMENT | CONN_SQL_DOLLAR_QUOTE | CONN_SQL_E_STRING)

/* The transaction we are in: its virtual id (a COMMIT AND CHAIN starts
 * another) and whether it is still read-only. */
#define PG_TXN_SQL                                                                             \
	"SELECT l.virtualtransaction || ' read-only=' || pg_catalog.current_setting('transaction_read_only')" \
	" FROM pg_catalog.pg_locks l WHERE l.locktype = 'virtualxid' AND l.pid = pg_catalog.pg_backend_pid()"

struct pg_conn {
	struct conn base;
	PGconn *pg;
	char *where;  /* host:port/dbname, for messages; never the URI */
	int ended;    /* a query ended the transaction: refuse all others */
	char *txn;    /* what PG_TXN_SQL said after BEGIN: this transaction, read-only */
	struct conn_rowbuf row;
};

/* ---- messages ---- */

/* The first line of a libpq message, without surrounding blanks, as a
 * pointer and a length for "%.*s". */
static const char *first_line(const char *msg, int *len)
{
	if (!msg)
		msg = "";
	while (*msg == ' ' || *msg == '\t' || *msg == '\n' || *msg == '\r')
		msg++;
	size_t n = strcspn(msg, "\r\n");
	while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '\t'))
		n--;
	if (n == 0) {
		msg = "unknown error";
		n = strlen(msg);
	}
	*len = n > INT_MAX ? INT_MAX : (int)n;
	return msg;
}

/* libpq echoes a malformed URI, password and all, in its messages, and a
 * value it refuses: blank out the password of opts, every one the URI
 * carries, and any quoted parameter value of the URI. */
static void redact(char *s, const char *location, const struct conn_options *opts)
{
	if (opts && opts->password)
		source_redact_span(s, opts->password, strlen(opts->password));
	source_uri_redact(s, location);
	source_uri_redact_values(s, location);
}

/* "cannot connect..." into err: libpq's message, first line, redacted. */
static void connect_error(char *err, size_t errsz, const char *where, const char *msg,
			  const char *location, const struct conn_options *opts)
{
	char *copy = strdup(msg ? msg : "");
	if (!copy) {
		snprintf(err, errsz, "cannot connect: out of memory");
		return;
	}
	redact(copy, location, opts);
	int len;
	const char *line = first_line(copy, &len);
	if (where)
		snprintf(err, errsz, "cannot connect to '%s': %.*s", where, len, line);
	else
		snprintf(err, errsz, "cannot connect: invalid URI: %.*s", len, line);
	free(copy);
}

/* The reason of a failed result: the server's primary message (e.g.
 * "canceling statement due to statement timeout") or libpq's own (e.g.
 * "server closed the connection unexpectedly"). */
static const char *result_reason(const PGconn *pg, const PGresult *res, int *len)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg || !*msg)
		msg = res ? PQresultErrorMessage(res) : NULL;
	if (!msg || !*msg)
		msg = PQerrorMessage(pg);
	return first_line(msg, len);
}

static void pg_fail_result(struct pg_conn *p, const char *what, const PGresult *res)
{
	int len;
	const char *why = result_reason(p->pg, res, &len);
	conn_fail(&p->base, "%s on '%s': %.*s", what, p->where, len, why);
}

/* Server notices (NOTICE, WARNING) are not ours to print. */
static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* ---- session ---- */

/* host:port/dbname, brackets around an IPv6 address; NULL when out of memory. */
static char *pg_where(const PGconn *pg)
{
	const char *host = PQhost(pg), *port = PQport(pg), *db = PQdb(pg);
	host = host && *host ? host : "localhost";
	port = port && *port ? port : "5432";
	if (strspn(port, "0123456789") != strlen(port))
		port = "(invalid port)"; /* a value of the URI's, not echoed */
	db = db ? db : "";
	int v6 = strchr(host, ':') != NULL && host[0] != '/';
	const char *fmt = v6 ? "[%s]:%s/%s" : "%s:%s/%s";
	int n = snprintf(NULL, 0, fmt, host, port, db);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s)
		snprintf(s, (size_t)n + 1, fmt, host, port, db);
	return s;
}

/* One statement through the extended protocol, which takes no second one. */
static PGresult *pg_run(struct pg_conn *p, const char *sql)
{
	return PQexecParams(p->pg, sql, 0, NULL, NULL, NULL, NULL, 0);
}

/* Run one command of ours that returns no rows. */
static int pg_exec(struct pg_conn *p, const char *what, const char *sql)
{
	PGresult *res = pg_run(p, sql);
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_fail_result(p, what, res);
	PQclear(res);
	return ok ? 0 : -1;
}

static void pg_close(struct conn *c)
{
	struct pg_conn *p = (struct pg_conn *)c;
	if (!p)
		return;
	if (p->pg) {
		if (PQstatus(p->pg) == CONNECTION_OK &&
		    PQtransactionStatus(p->pg) != PQTRANS_IDLE)
			PQclear(pg_run(p, "ROLLBACK"));
		PQfinish(p->pg);
	}
	free(p->where);
	free(p->txn);
	conn_rowbuf_release(&p->row);
	free(p);
}

/* Check the URI before connecting: libpq's parse errors quote it whole. */
static int pg_check_uri(const char *location, const struct conn_options *opts, char *err,
			size_t errsz)
{
	char *msg = NULL;
	PQconninfoOption *parsed = PQconninfoParse(location, &msg);
	if (parsed) {
		PQconninfoFree(parsed);
		return 0;
	}
	connect_error(err, errsz, NULL, msg ? msg : "out of memory", location, opts);
	PQfreemem(msg);
	return -1;
}

/* PG_TXN_SQL's one value (malloc'd), or NULL with the failure recorded. */
static char *pg_transaction(struct pg_conn *p)
{
	PGresult *res = pg_run(p, PG_TXN_SQL);
	char *txn = NULL;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		pg_fail_result(p, "cannot check the read-only transaction", res);
	else if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0))
		conn_fail(&p->base, "cannot check the read-only transaction on '%s': no transaction", p->where);
	else if (!(txn = strdup(PQgetvalue(res, 0, 0))))
		conn_fail(&p->base, "cannot check the read-only transaction on '%s': out of memory", p->where);
	PQclear(res);
	return txn;
}

static int pg_setup(struct pg_conn *p, const struct conn_options *opts)
{
	char sql[64];
	/* strings as the statement check reads them: a backslash is text in '' */
	if (pg_exec(p, "cannot set up the session", "SET TIME ZONE 'UTC'") != 0 ||
	    pg_exec(p, "cannot set up the session", "SET DateStyle = 'ISO'") != 0 ||
	    pg_exec(p, "cannot set up the session", "SET standard_conforming_strings = on") != 0)
		return -1;
	if (opts && opts->timeout_seconds > 0) {
		unsigned long long ms = (unsigned long long)opts->timeout_seconds * 1000u;
		snprintf(sql, sizeof(sql), "SET statement_timeout = %llu",
			 ms > INT_MAX ? (unsigned long long)INT_MAX : ms);
		if (pg_exec(p, "cannot set up the session", sql) != 0)
			return -1;
	}
	if (pg_exec(p, "cannot begin a read-only transaction",
		    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") != 0 ||
	    pg_exec(p, "cannot begin a read-only transaction", "SAVEPOINT " PG_SAVEPOINT) != 0 ||
	    !(p->txn = pg_transaction(p)))
		return -1;
	return 0;
}

/* Whether the role may write: a superuser, or INSERT, UPDATE, DELETE or
 * TRUNCATE on a table of the database (outside the catalogues). */
#define PG_WRITE_SQL                                                                                   \
	"SELECT current_user, (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user),"  \
	" (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" \
	"  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"                                                   \
	"  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"    \
	"  AND pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))"

static int pg_recover(struct pg_conn *p);

/* A note when the role may write: the read-only transaction is all that
 * stops it, where a role that may only SELECT would need nothing. A check
 * that fails says nothing and leaves no error behind. */
static void pg_note_write_privileges(struct pg_conn *p)
{
	PGresult *res = pg_run(p, PG_WRITE_SQL);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		const char *role = PQgetvalue(res, 0, 0), *tables = PQgetvalue(res, 0, 2);
		if (strcmp(PQgetvalue(res, 0, 1), "t") == 0)
			snprintf(p->base.note, sizeof(p->base.note),
				 "the role '%.64s' is a superuser: read with a role that may only SELECT", role);
		else if (strcmp(tables, "0") != 0)
			snprintf(p->base.note, sizeof(p->base.note),
				 "the role '%.64s' may write (INSERT, UPDATE, DELETE or TRUNCATE on %s of its tables): "
				 "read with a role that may only SELECT", role, tables);
	}
	PQclear(res);
	if (pg_recover(p) != 0)
		p->ended = 1;
	p->base.err[0] = '\0';
}

static struct conn *pg_open(const char *location, const struct conn_options *opts, char *err,
			    size_t errsz)
{
	const char *keys[7], *vals[7];
	char timeout[24];
	int n = 0;

	if (pg_check_uri(location, opts, err, errsz) != 0)
		return NULL;
	struct pg_conn *p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errsz, "cannot connect: out of memory");
		return NULL;
	}
	/* the URI first: what follows overrides what it says */
	keys[n] = "dbname", vals[n++] = location;
	if (opts && opts->password)
		keys[n] = "password", vals[n++] = opts->password;
	if (opts && opts->timeout_seconds > 0) {
		snprintf(timeout, sizeof(timeout), "%u", opts->timeout_seconds);
		keys[n] = "connect_timeout", vals[n++] = timeout;
	}
	keys[n] = "application_name", vals[n++] = opts && opts->app_name ? opts->app_name : "exposure";
	keys[n] = "client_encoding", vals[n++] = "UTF8";
	keys[n] = NULL, vals[n] = NULL;

	p->pg = PQconnectdbParams(keys, vals, 1);
	if (!p->pg) {
		snprintf(err, errsz, "cannot connect: out of memory");
		goto fail;
	}
	if (!(p->where = pg_where(p->pg))) {
		snprintf(err, errsz, "cannot connect: out of memory");
		goto fail;
	}
	if (PQstatus(p->pg) != CONNECTION_OK) {
		connect_error(err, errsz, p->where, PQerrorMessage(p->pg), location, opts);
		goto fail;
	}
	PQsetNoticeProcessor(p->pg, pg_quiet, NULL);
	if (pg_setup(p, opts) != 0) {
		snprintf(err, errsz, "%s", p->base.err);
		goto fail;
	}
	pg_note_write_privileges(p);
	if (p->ended) {
		snprintf(err, errsz, "cannot begin a read-only transaction on '%s'", p->where);
		goto fail;
	}
	return &p->base;
fail:
	pg_close(&p->base);
	return NULL;
}

static int pg_quote_ident(const char *ident, char *out, size_t outsz)
{
	return conn_quote_ident_with('"', ident, out, outsz);
}

/* ---- queries ---- */

/* Ask the server to stop the running query; its rows are drained after. */
static void pg_cancel(struct pg_conn *p)
{
	char buf[256];
	PGcancel *cancel = PQgetCancel(p->pg);
	if (cancel) {
		/* on failure the query runs to its end and the drain reads it all */
		(void)PQcancel(cancel, buf, sizeof(buf));
		PQfreeCancel(cancel);
	}
}

/* A COPY would wait for us forever: end it, from our side. */
static void pg_end_copy(struct pg_conn *p, ExecStatusType st)
{
	if (st == PGRES_COPY_IN) {
		(void)PQputCopyEnd(p->pg, "COPY is not supported");
	} else if (st == PGRES_COPY_OUT) {
		char *buf = NULL;
		while (PQgetCopyData(p->pg, &buf, 0) > 0) {
			PQfreemem(buf);
			buf = NULL;
		}
	}
}

/* After a query: put the transaction back as it was before it. */
static int pg_recover(struct pg_conn *p)
{
	if (PQstatus(p->pg) != CONNECTION_OK)
		return -1; /* the failure that broke it is already recorded */
	PGTransactionStatusType st = PQtransactionStatus(p->pg);
	if (st == PQTRANS_INERROR &&
	    pg_exec(p, "cannot recover the read-only transaction", "ROLLBACK TO SAVEPOINT " PG_SAVEPOINT) != 0)
		return -1;
	if (st == PQTRANS_INTRANS || st == PQTRANS_INERROR) {
		char *txn = pg_transaction(p);
		int same = txn && strcmp(txn, p->txn) == 0;
		free(txn);
		if (same)
			return 0;
	}
	p->ended = 1;
	conn_fail(&p->base, "query on '%s' ended the read-only transaction", p->where);
	return -1;
}

/* Rows in single-row mode. */
static int pg_query_rows(struct pg_conn *p, const char *sql, conn_row_fn cb, void *ctx)
{
	struct conn *c = &p->base;
	int rc = 0;
	PGresult *res;

	/* extended protocol: one statement, no parameters, text results */
	if (!PQsendQueryParams(p->pg, sql, 0, NULL, NULL, NULL, NULL, 0)) {
		pg_fail_result(p, "query failed", NULL);
		rc = -1;
	} else if (!PQsetSingleRowMode(p->pg)) {
		pg_fail_result(p, "query failed", NULL);
		pg_cancel(p);
		rc = -1;
	}
	while ((res = PQgetResult(p->pg))) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE && rc == 0) {
			int ncols = PQnfields(res);
			if (conn_rowbuf_reserve(&p->row, (size_t)ncols) != 0) {
				conn_fail(c, "query failed on '%s': out of memory", p->where);
				pg_cancel(p);
				rc = -1;
			} else {
				for (int i = 0; i < ncols; i++) {
					p->row.names[i] = PQfname(res, i);
					int null = PQgetisnull(res, 0, i);
					p->row.values[i] = null ? NULL : PQgetvalue(res, 0, i);
					p->row.lengths[i] = null ? 0 : (size_t)PQgetlength(res, 0, i);
				}
				struct conn_row row = { ncols, p->row.names, p->row.values, p->row.lengths };
				if (cb(ctx, &row) != 0) {
					pg_cancel(p);
					rc = 1;
				}
			}
		} else if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
			if (rc == 0)
				conn_fail(c, "query failed on '%s': COPY is not supported", p->where);
			rc = rc ? rc : -1;
			pg_end_copy(p, st);
			if (st == PGRES_COPY_BOTH) {
				PQclear(res);
				return -1; /* cannot happen outside replication */
			}
		} else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK &&
			   st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY) {
			/* after our own cancel, the error is that cancel */
			if (rc == 0) {
				pg_fail_result(p, "query failed", res);
				rc = -1;
			}
		}
		PQclear(res);
	}
	return rc;
}

/* ---- COPY ---- */

#define COPY_WRAP_OPEN "COPY (\n"
#define COPY_WRAP_CLOSE "\n) TO STDOUT"

/* The value of one backslash escape of COPY's text format at s[*i] (past
 * the backslash), moving *i past it. */
static char copy_unescape(const char *s, size_t len, size_t *i)
{
	char c = s[(*i)++];
	switch (c) {
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	case 'x': {
		unsigned v = 0, n = 0;
		for (int h; n < 2 && *i < len && (h = conn_hex_value(s[*i])) >= 0; n++, (*i)++)
			v = v * 16 + (unsigned)h;
		return n ? (char)v : 'x';
	}
	default:
		if (c >= '0' && c <= '7') {
			unsigned v = (unsigned)(c - '0');
			for (unsigned n = 1; n < 3 && *i < len && s[*i] >= '0' && s[*i] <= '7'; n++, (*i)++)
				v = v * 8 + (unsigned)(s[*i] - '0');
			return (char)v;
		}
		return c; /* "\\" and any other character stand for themselves */
	}
}

/* Split one COPY text row (its buffer is ours, NUL-terminated by libpq)
 * into NUL-terminated fields, decoded in place: "\\N" alone is NULL.
 * Returns the number of fields. */
static int copy_split_row(char *buf, size_t len, int ncols, struct conn_rowbuf *row)
{
	int col = 0;
	size_t in = 0;
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	for (;;) {
		size_t start = in, out = in;
		int null = len - in >= 2 && buf[in] == '\\' && buf[in + 1] == 'N' &&
			   (in + 2 == len || buf[in + 2] == '\t');
		if (null)
			in += 2;
		if (!null) {
			const char *tab = memchr(buf + in, '\t', len - in);
			size_t field_end = tab ? (size_t)(tab - buf) : len;
			if (!memchr(buf + in, '\\', field_end - in)) {
				in = out = field_end; /* nothing escaped: the text stays where it is */
			} else {
				while (in < field_end) {
					if (buf[in] == '\\' && in + 1 < field_end) {
						in++;
						buf[out++] = copy_unescape(buf, field_end, &in);
					} else {
						buf[out++] = buf[in++];
					}
				}
			}
		}
		if (col < ncols) {
			row->values[col] = null ? NULL : buf + start;
			row->lengths[col] = null ? 0 : out - start;
		}
		col++;
		if (!null)
			buf[out] = '\0'; /* over the tab, or the end: both are read already */
		if (in == len)
			return col;
		in++;
	}
}

/* res when it is a command that succeeded; else NULL, cleared, with the
 * failure recorded (PQresultStatus(NULL) is a fatal error). */
static PGresult *pg_command_ok(struct pg_conn *p, PGresult *res)
{
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	pg_fail_result(p, "query failed", res);
	PQclear(res);
	return NULL;
}

/* The column names of sql, from the server's description of it: NULL with
 * the failure recorded, or a result with no columns when it returns none. */
static PGresult *pg_describe(struct pg_conn *p, const char *sql)
{
	PGresult *prepared = pg_command_ok(p, PQprepare(p->pg, "", sql, 0, NULL));
	if (!prepared)
		return NULL;
	PQclear(prepared);
	return pg_command_ok(p, PQdescribePrepared(p->pg, ""));
}

/* The COPY wrapper could not take the statement (a syntax error in it,
 * though the statement alone is fine): run it another way. */
static int copy_refused(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return state && strcmp(state, "42601") == 0;
}

#define COPY_REFUSED 2

/* Whether COPY may wrap sql: only a query that passes the statement check,
 * whose parentheses balance, so that what follows it stays "TO STDOUT"
 * (never "TO PROGRAM"). */
static int copy_wraps(const char *sql)
{
	char why[CONN_ERR_MAX];
	return conn_check_statement(sql, PG_LEXIS, why, sizeof(why)) == 0;
}

/* Stream the rows of COPY out: 0 done, 1 stopped by cb, -1 error. */
static int pg_copy_rows(struct pg_conn *p, const PGresult *desc, conn_row_fn cb, void *ctx)
{
	int ncols = PQnfields(desc), rc = 0;
	char *buf = NULL;
	int n;
	for (int i = 0; i < ncols; i++)
		p->row.names[i] = PQfname(desc, i);
	while ((n = PQgetCopyData(p->pg, &buf, 0)) > 0) {
		if (rc == 0) {
			if (copy_split_row(buf, (size_t)n, ncols, &p->row) != ncols) {
				conn_fail(&p->base, "query failed on '%s': a row of COPY does not have %d columns",
					  p->where, ncols);
				pg_cancel(p);
				rc = -1;
			} else {
				struct conn_row row = { ncols, p->row.names, p->row.values, p->row.lengths };
				if (cb(ctx, &row) != 0) {
					pg_cancel(p);
					rc = 1;
				}
			}
		}
		PQfreemem(buf);
		buf = NULL;
	}
	if (n == -2 && rc == 0) {
		pg_fail_result(p, "query failed", NULL);
		rc = -1;
	}
	return rc;
}

/* Rows through COPY (query) TO STDOUT; COPY_REFUSED when the wrapper does
 * not parse, before any row. */
static int pg_query_copy(struct pg_conn *p, const char *sql, const PGresult *desc, conn_row_fn cb,
			 void *ctx)
{
	size_t len = strlen(COPY_WRAP_OPEN) + strlen(sql) + strlen(COPY_WRAP_CLOSE) + 1;
	char *copy = malloc(len);
	int rc = 0, copied = 0;
	PGresult *res;
	if (!copy || conn_rowbuf_reserve(&p->row, (size_t)PQnfields(desc)) != 0) {
		free(copy);
		conn_fail(&p->base, "query failed on '%s': out of memory", p->where);
		return -1;
	}
	snprintf(copy, len, "%s%s%s", COPY_WRAP_OPEN, sql, COPY_WRAP_CLOSE);
	if (!PQsendQueryParams(p->pg, copy, 0, NULL, NULL, NULL, NULL, 0)) {
		pg_fail_result(p, "query failed", NULL);
		rc = -1;
	}
	free(copy);
	while ((res = PQgetResult(p->pg))) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_COPY_OUT && copied) {
			/* libpq could not read a row (out of memory) and offers the same
			 * COPY again: give it up, and the session with it */
			PQclear(res);
			p->ended = 1;
			return -1;
		}
		if (st == PGRES_COPY_OUT) {
			copied = 1;
			int r = pg_copy_rows(p, desc, cb, ctx);
			rc = rc ? rc : r;
		} else if (st != PGRES_COMMAND_OK && rc == 0) {
			if (!copied && copy_refused(res)) {
				rc = COPY_REFUSED;
			} else {
				pg_fail_result(p, "query failed", res); /* after our own cancel, that cancel */
				rc = -1;
			}
		}
		PQclear(res);
	}
	return rc;
}

static int pg_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx)
{
	struct pg_conn *p = (struct pg_conn *)c;
	int rc;

	if (p->ended) {
		conn_fail(c, "query refused on '%s': the read-only transaction has ended", p->where);
		return -1;
	}
	PGresult *desc = pg_describe(p, sql);
	if (!desc)
		rc = -1;
	else if (PQnfields(desc) == 0 || !copy_wraps(sql))
		rc = pg_query_rows(p, sql, cb, ctx);
	else if ((rc = pg_query_copy(p, sql, desc, cb, ctx)) == COPY_REFUSED)
		rc = pg_recover(p) == 0 ? pg_query_rows(p, sql, cb, ctx) : -1;
	PQclear(desc);
	if (pg_recover(p) != 0) {
		if (!c->err[0])
			pg_fail_result(p, "query failed", NULL);
		rc = -1;
	}
	return rc;
}

/* Tables, views, materialized views, partitioned and foreign tables of the
 * schemas on the search path; a name in two of them once (the unqualified
 * name reaches the first). */
static int pg_list_tables(struct conn *c, conn_table_fn cb, void *ctx)
{
	return conn_list_tables_by_query(c, pg_query,
			"SELECT DISTINCT c.relname"
			" FROM pg_catalog.pg_class c"
			" JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
			" WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')"
			" AND n.nspname = ANY (pg_catalog.current_schemas(false))"
			" ORDER BY c.relname",
			cb, ctx);
}

const struct connector connector_postgresql = {
	.name = "postgresql",
	.caps = CONN_CAP_STREAM | CONN_CAP_READ_ONLY | CONN_CAP_TLS,
	.credentials_hint = "PGPASSWORD or ~/.pgpass",
	.sql_lexis = PG_LEXIS,
	.open = pg_open,
	.list_tables = pg_list_tables,
	.quote_ident = pg_quote_ident,
	.query = pg_query,
	.close = pg_close,
};
