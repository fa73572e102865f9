/* The connector core without a server: the scheme table and what it says
 * (usage text, unknown and not-built schemes, in every kind of build), the
 * checks of hooks and capabilities, and the one URI parser (its parts, the
 * default source name, the password refusal and redaction). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "connector.h"
#include "helpers.h"
#include "source_uri.h"
#include "suites.h"

extern const struct connector connector_sqlite;

/* ---- the scheme table ---- */

START_TEST(schemes_text_from_the_table)
{
	char buf[256];
#if defined(HAVE_LIBPQ) && defined(HAVE_MARIADB)
	const char *want = "postgresql://, postgres://, mysql://, mariadb://, sqlite:PATH";
#elif defined(HAVE_LIBPQ)
	const char *want = "postgresql://, postgres://, mysql:// (not built), mariadb:// (not built), sqlite:PATH";
#elif defined(HAVE_MARIADB)
	const char *want = "postgresql:// (not built), postgres:// (not built), mysql://, mariadb://, sqlite:PATH";
#else
	const char *want = "postgresql:// (not built), postgres:// (not built), mysql:// (not built), "
			   "mariadb:// (not built), sqlite:PATH";
#endif
	ck_assert_int_eq(connector_schemes_text(buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(connector_schemes_text(buf, 20), -1);
}
END_TEST

START_TEST(unknown_scheme_names_the_known)
{
	const struct connector *impl = NULL;
	const char *loc = NULL;
	char err[256] = "";
	ck_assert_int_eq(connector_lookup("oracle://db/x", &impl, &loc, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown source scheme 'oracle' (known: postgresql, postgres, mysql, mariadb, sqlite)");
	/* "x:" without "//" is a path, as before */
	ck_assert_int_eq(connector_lookup("case:2007.db", &impl, &loc, err, sizeof(err)), 0);
	ck_assert_ptr_eq(impl, &connector_sqlite);
	ck_assert_str_eq(loc, "case:2007.db");
	ck_assert_int_eq(connector_lookup("SQLite:x.db", &impl, &loc, err, sizeof(err)), 0);
	ck_assert_ptr_eq(impl, &connector_sqlite);
	ck_assert_str_eq(loc, "x.db");
}
END_TEST

/* Each network scheme: its connector, with the whole URI as location, or
 * "not built" (never "unknown") in a build without its library. */
#ifdef HAVE_LIBPQ
#define PG_BUILT 1
#else
#define PG_BUILT 0
#endif
#ifdef HAVE_MARIADB
#define MY_BUILT 1
#else
#define MY_BUILT 0
#endif

static const struct {
	const char *uri, *name;
	int built;
} network_schemes[] = {
	{ "postgresql://u@127.0.0.1:1/db", "postgresql", PG_BUILT },
	{ "postgres://u@127.0.0.1:1/db", "postgresql", PG_BUILT },
	{ "mysql://u@127.0.0.1:1/db", "mariadb", MY_BUILT },
	{ "MariaDB://u@127.0.0.1:1/db", "mariadb", MY_BUILT },
};

START_TEST(network_scheme_built_or_not)
{
	const struct connector *impl = NULL;
	const char *loc = NULL;
	char err[256] = "", want[256];
	int rc = connector_lookup(network_schemes[_i].uri, &impl, &loc, err, sizeof(err));
	if (network_schemes[_i].built) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(impl->name, network_schemes[_i].name);
		ck_assert_str_eq(loc, network_schemes[_i].uri);
	} else {
		ck_assert_int_eq(rc, -1);
		snprintf(want, sizeof(want), "support for '%s' sources is not built into this exposure",
			 network_schemes[_i].name);
		ck_assert_str_eq(err, want);
	}
}
END_TEST

/* The command line says "not built" for a scheme without its library. */
START_TEST(cli_says_not_built)
{
	make_workdir(); /* run_exposure captures output there */
	struct run r = run_exposure((const char *[]){ "scan", network_schemes[_i].uri, NULL });
	if (network_schemes[_i].built) {
		/* no server on port 1: it fails to connect, never as unknown or not built */
		ck_assert_int_eq(r.status, 2);
		ck_assert_msg(strstr(r.err, "cannot connect to '127.0.0.1:1/db'"), "%s", r.err);
	} else {
		ck_assert_int_eq(r.status, 1);
		ck_assert_msg(strstr(r.err, "not built into this exposure"), "%s", r.err);
	}
	ck_assert_ptr_null(strstr(r.err, "unknown source scheme"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* ---- hooks and capabilities, checked once ---- */

START_TEST(null_hooks_refused)
{
	static const struct connector bare = { .name = "bare", .caps = CONN_CAPS_REQUIRED };
	struct conn c = { .impl = &bare };
	char out[64], err[CONN_ERR_MAX] = "";
	ck_assert_int_eq(conn_list_tables(&c, NULL, NULL), -1);
	ck_assert_str_eq(c.err, "'bare' sources cannot list their tables");
	c.err[0] = '\0';
	ck_assert_int_eq(conn_query(&c, "SELECT 1", NULL, NULL), -1);
	ck_assert_str_eq(c.err, "'bare' sources cannot run queries");
	c.err[0] = '\0';
	ck_assert_int_eq(conn_quote_ident(&c, "t", out, sizeof(out)), -1);
	ck_assert_str_eq(c.err, "'bare' sources cannot quote identifiers");
	conn_close(&c); /* no close hook: nothing to free */
	conn_close(NULL);
	ck_assert_ptr_null(connector_open(&bare, "x", NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "'bare' sources cannot be opened");
}
END_TEST

START_TEST(required_caps_refused)
{
	struct connector weak = connector_sqlite;
	char err[CONN_ERR_MAX] = "";
	weak.caps = CONN_CAP_READ_ONLY;
	ck_assert_ptr_null(connector_open(&weak, env_path("EXPOSURE_FIXTURE_DB"), NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "'sqlite' sources cannot stream their rows");
	weak.caps = CONN_CAP_STREAM;
	ck_assert_ptr_null(connector_open(&weak, env_path("EXPOSURE_FIXTURE_DB"), NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "'sqlite' sources cannot be read in a read-only session");
}
END_TEST

static int count_table(void *ctx, const char *table)
{
	(void)table;
	(*(int *)ctx)++;
	return 0;
}

/* The wrappers pass through to a real connector, and record what does not fit. */
START_TEST(wrappers_reach_the_hooks)
{
	char err[CONN_ERR_MAX] = "", out[8], longname[64];
	struct conn *c = connector_open(&connector_sqlite, env_path("EXPOSURE_FIXTURE_DB"), NULL, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_ptr_eq(c->impl, &connector_sqlite);
	int n = 0;
	ck_assert_int_eq(conn_list_tables(c, count_table, &n), 0);
	ck_assert_int_eq(n, 13);
	ck_assert_int_eq(conn_quote_ident(c, "a\"b", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\"a\"\"b\"");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_int_eq(conn_quote_ident(c, longname, out, sizeof(out)), -1);
	ck_assert_str_eq(c->err, "identifier too long to quote: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'");
	conn_close(c);
}
END_TEST

/* ---- the URI parser ---- */

static char *part_str(struct uri_part p)
{
	static char bufs[8][128];
	static int next;
	char *b = bufs[next++ % 8];
	if (!p.at)
		return strcpy(b, "(none)");
	snprintf(b, 128, "%.*s", (int)p.len, p.at);
	return b;
}

START_TEST(uri_parts)
{
	static const struct {
		const char *uri;
		const char *user, *password, *host, *port, *path, *query;
		int bracketed, host_ok;
	} cases[] = {
		{ "mysql://exposure@127.0.0.1:33306/atmail", "exposure", "(none)", "127.0.0.1", "33306", "atmail",
		  "(none)", 0, 1 },
		{ "postgresql://a:b@c@[::1]:5432/db?sslmode=require", "a", "b@c", "::1", "5432", "db",
		  "sslmode=require", 1, 1 },
		{ "mariadb://localhost/atmail?socket=/tmp/s&ssl=off", "(none)", "(none)", "localhost", "(none)", "atmail",
		  "socket=/tmp/s&ssl=off", 0, 1 },
		{ "mysql://u@h:/", "u", "(none)", "h", "", "", "(none)", 0, 1 },
		{ "mysql://admin:Se/cret@h/db", "(none)", "(none)", "admin", "Se", "cret@h/db", "(none)", 0, 1 },
		{ "mysql://exposure@[::1/atmail", "exposure", "(none)", "::1", "(none)", "atmail", "(none)", 1, 0 },
		{ "postgresql://?host=/tmp", "(none)", "(none)", "", "(none)", "(none)", "host=/tmp", 0, 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct source_uri u;
		ck_assert_int_eq(source_uri_split(cases[i].uri, &u), 0);
		ck_assert_str_eq(part_str(u.user), cases[i].user);
		ck_assert_str_eq(part_str(u.password), cases[i].password);
		ck_assert_str_eq(part_str(u.host), cases[i].host);
		ck_assert_str_eq(part_str(u.port), cases[i].port);
		ck_assert_str_eq(part_str(u.path), cases[i].path);
		ck_assert_str_eq(part_str(u.query), cases[i].query);
		ck_assert_int_eq(u.bracketed, cases[i].bracketed);
		ck_assert_int_eq(u.host_ok, cases[i].host_ok);
	}
	struct source_uri u;
	ck_assert_int_eq(source_uri_split("sqlite:x.db", &u), -1);
	ck_assert_int_eq(source_uri_split("/var/x.db", &u), -1);
}
END_TEST

START_TEST(uri_params_and_decoding)
{
	struct source_uri u;
	struct uri_part key, value;
	char got[256] = "";
	ck_assert_int_eq(source_uri_split("mysql://h/d?a=1&&b&c=x%41y&", &u), 0);
	while (source_uri_next_param(&u.query, &key, &value)) {
		strcat(got, part_str(key));
		strcat(got, "=");
		strcat(got, part_str(value));
		strcat(got, ";");
	}
	ck_assert_str_eq(got, "a=1;b=(none);c=x%41y;");
	char *d = NULL;
	ck_assert_int_eq(uri_decode("x%41y%2f", 8, &d), 0);
	ck_assert_str_eq(d, "xAy/");
	free(d);
	ck_assert_int_eq(uri_decode("x%4", 3, &d), -1);
	ck_assert_int_eq(uri_decode("x%00", 4, &d), -1);
	ck_assert_int_eq(uri_decode("%zz", 3, &d), -1);
}
END_TEST

START_TEST(default_source_names)
{
	static const char *const cases[][2] = {
		{ "/var/evidence/atmail.db", "atmail.db" },
		{ "atmail.db", "atmail.db" },
		{ "postgresql://exposure@db3.example:5432/atmail", "db3.example" },
		{ "mysql://a@b@db4/atmail", "db4" },
		{ "postgresql://[::1]:5432/atmail", "[::1]" },
		{ "postgresql:///atmail?host=/run/postgresql", "localhost" },
		{ "mysql://exposure@[::1/atmail", "[::1" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *name = source_default_name(cases[i][0]);
		ck_assert_str_eq(name, cases[i][1]);
		free(name);
	}
	ck_assert_uint_eq(source_tag_length("db1=x.db"), 3);
	ck_assert_uint_eq(source_tag_length("=x.db"), 0);
	ck_assert_uint_eq(source_tag_length("postgresql://h/db"), 0);
}
END_TEST

static const struct {
	const char *uri;
	int password;
} password_cases[] = {
	{ "postgresql://u@h/db", 0 },
	{ "postgresql://u:pw@h/db", 1 },
	{ "mysql://admin:Se/cret99@127.0.0.1:1/atmail", 1 }, /* malformed: still refused */
	{ "postgresql://u@h/db?password=x", 1 },
	{ "postgresql://u@h/db?PassWord=x", 1 },
	{ "postgresql://u@h/db?passwor%64=x", 1 },   /* libpq decodes keys */
	{ "postgresql://u@h/db?%70assword=x", 1 },
	{ "postgresql://u@h/db?sslpassword=x", 1 },
	{ "postgresql://u@h/db?sslmode=require&password", 1 },
	{ "postgresql://u@h/db?application_name=password", 0 },
	{ "postgresql://u@h/db?passfile=/x/.pgpass", 0 },
	{ "postgresql://u@h/db?passwor%6=x", 0 },     /* libpq refuses that URI */
	{ "sqlite:/evidence/a.db", 0 },
	{ "/evidence/password.db", 0 },
};

START_TEST(password_in_uri)
{
	ck_assert_int_eq(source_uri_has_password(password_cases[_i].uri), password_cases[_i].password);
}
END_TEST

START_TEST(password_refusal_message)
{
	char err[512] = "";
	ck_assert_int_eq(source_refuse_password("postgresql://u@h/db", "1", err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(source_refuse_password("postgresql://u@h/db?passwor%64=Zq9", "'x'", err, sizeof(err)), -1);
#ifdef HAVE_LIBPQ
	ck_assert_str_eq(err, "source 'x': a password in the URI would show in the process list: give it through "
			      "PGPASSWORD or ~/.pgpass, or --password-file");
#else
	ck_assert_str_eq(err, "source 'x': a password in the URI would show in the process list: give it through "
			      "--password-file");
#endif
	ck_assert_int_eq(source_refuse_password("mysql://u:Zq9@h/db", "2", err, sizeof(err)), -1);
#ifdef HAVE_MARIADB
	ck_assert_str_eq(err, "source 2: a password in the URI would show in the process list: give it through "
			      "MYSQL_PWD or ~/.my.cnf, or --password-file");
#else
	ck_assert_str_eq(err, "source 2: a password in the URI would show in the process list: give it through "
			      "--password-file");
#endif
	ck_assert_int_eq(source_refuse_password("oracle://u:Zq9@h/db", "3", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "source 3: a password in the URI would show in the process list: give it through "
			      "--password-file");
}
END_TEST

START_TEST(redaction)
{
	char msg[256];
	strcpy(msg, "bad: postgresql://u:s%40cret@h/db?passwor%64=ab%43d&x=1 s@cret abCd");
	source_uri_redact(msg, "postgresql://u:s%40cret@h/db?passwor%64=ab%43d&x=1");
	ck_assert_str_eq(msg, "bad: postgresql://u:********@h/db?passwor%64=******&x=1 ****** ****");
	strcpy(msg, "token \"x&password=Zq9\"");
	source_uri_redact(msg, "postgresql://[::1/x&password=Zq9");
	ck_assert_str_eq(msg, "token \"x&password=***\"");
}
END_TEST

/* Quoted spans that hold a parameter's value, as written or decoded, are
 * blanked; keys, the host and unquoted text stay. */
START_TEST(redaction_of_parameter_values)
{
	char msg[256];
	strcpy(msg, "invalid sslmode value: \"Zq9 secret\" for \"sslmode\" on 'h'");
	source_uri_redact_values(msg, "postgresql://u@h/db?sslmode=Zq9%20secret&connect_timeout=5");
	ck_assert_str_eq(msg, "invalid sslmode value: \"**********\" for \"sslmode\" on 'h'");
	strcpy(msg, "invalid percent-encoded token: \"Zq%zz9\" and 5 seconds");
	source_uri_redact_values(msg, "postgresql://u@h/db?x=Zq%zz9&connect_timeout=5");
	ck_assert_str_eq(msg, "invalid percent-encoded token: \"******\" and 5 seconds");
	strcpy(msg, "through socket '/run/Zq9/sock' (2)");
	source_uri_redact_values(msg, "mysql://u@localhost/db?socket=/run/Zq9/sock");
	ck_assert_str_eq(msg, "through socket '*************' (2)");
	strcpy(msg, "unterminated \"Zq9");
	source_uri_redact_values(msg, "postgresql://u@h/db?a=Zq9");
	ck_assert_str_eq(msg, "unterminated \"Zq9"); /* no span: the library quotes what it shows */
}
END_TEST

/* The core's messages never name a library's environment variable. */
START_TEST(core_messages_name_no_library)
{
	char err[512];
	ck_assert_int_eq(source_refuse_password("oracle://u:p@h/db", "1", err, sizeof(err)), -1);
	ck_assert_ptr_null(strstr(err, "PGPASSWORD"));
	ck_assert_ptr_null(strstr(err, "MYSQL_PWD"));
}
END_TEST

/* ---- the statement check ---- */

#define PG_LEX (CONN_SQL_NESTED_COMMENT | CONN_SQL_DOLLAR_QUOTE | CONN_SQL_E_STRING)
#define MY_LEX (CONN_SQL_HASH_COMMENT | CONN_SQL_DASH_BLANK | CONN_SQL_BACKSLASH | CONN_SQL_BACKTICK | \
		CONN_SQL_EXEC_COMMENT)
#define LITE_LEX (CONN_SQL_BACKTICK | CONN_SQL_BRACKET_IDENT)

#define WORD_REFUSED(w) "'" w "' may not appear in a query (no writes, INTO, row locks or transaction control)"
#define SECOND "a second statement after ';'"

static const struct statement_case {
	const char *sql;
	unsigned lexis;
	const char *why; /* NULL: accepted */
} statement_cases[] = {
	/* what profiles run */
	{ "SELECT t.a, u.b FROM \"t\" t JOIN `u` u ON u.id = t.id", MY_LEX, NULL },
	{ "select a from t where b = 'x;y' and c = \"p;q\"", PG_LEX, NULL },
	{ "WITH x AS (SELECT 1 AS a) SELECT a FROM x", PG_LEX, NULL },
	{ "  (SELECT 1)  ", PG_LEX, NULL },
	{ "SELECT 1;", PG_LEX, NULL },
	{ "SELECT 1 ; \n\t", MY_LEX, NULL },
	{ "SELECT 1 /* ; DROP TABLE t */", PG_LEX, NULL },
	{ "SELECT 1 -- ; DROP TABLE t", MY_LEX, NULL },
	{ "SELECT 1 # ; DROP TABLE t", MY_LEX, NULL },
	{ "SELECT [a;b] FROM t", LITE_LEX, NULL },
	{ "SELECT $$;DELETE$$, $q$ $$ ; $q$", PG_LEX, NULL },
	{ "SELECT E'it\\'s; DELETE'", PG_LEX, NULL },
	{ "SELECT 'it''s; DELETE', \"a\"\"; b\"", LITE_LEX, NULL },
	{ "SELECT substring(a FROM 1 FOR 3), updated_at, into_x FROM t", PG_LEX, NULL },
	{ "SELECT a$b FROM t WHERE x = $1", PG_LEX, NULL },
	{ "SELECT 1 /*+ hint */", MY_LEX, NULL },
	/* not a query */
	{ "DROP TABLE canary", MY_LEX, "a query must be a SELECT or WITH ... SELECT, not 'DROP'" },
	{ "TRUNCATE canary", MY_LEX, "a query must be a SELECT or WITH ... SELECT, not 'TRUNCATE'" },
	{ "/* SELECT */ LOCK TABLES canary WRITE", MY_LEX,
	  "a query must be a SELECT or WITH ... SELECT, not 'LOCK'" },
	{ "SET GLOBAL general_log = 0", MY_LEX, "a query must be a SELECT or WITH ... SELECT, not 'SET'" },
	{ "COMMIT AND CHAIN", PG_LEX, "a query must be a SELECT or WITH ... SELECT, not 'COMMIT'" },
	{ "-- SELECT\nSET TRANSACTION READ WRITE", PG_LEX,
	  "a query must be a SELECT or WITH ... SELECT, not 'SET'" },
	{ "COPY (SELECT 1) TO PROGRAM 'id'", PG_LEX, "a query must be a SELECT or WITH ... SELECT, not 'COPY'" },
	{ "", PG_LEX, "the query is empty" },
	{ " -- nothing\n ;", PG_LEX, "the query is empty" },
	/* a second statement, however hidden */
	{ "SELECT 1; DROP TABLE canary", PG_LEX, SECOND },
	{ "SELECT 1;;", PG_LEX, SECOND },
	{ "SELECT 1; -- trailing comment", PG_LEX, SECOND },
	{ "SELECT 1 /* */; DROP TABLE canary", MY_LEX, SECOND },
	{ "SELECT 1 --x\n; DROP TABLE canary", PG_LEX, SECOND },
	{ "SELECT 1 --1; DROP TABLE canary", MY_LEX, SECOND }, /* "--1" is minus minus one there */
	{ "SELECT 1 /* /* */ ; DROP TABLE canary */", MY_LEX, SECOND }, /* MariaDB does not nest */
	{ "SELECT 1 /* /* */ ; DROP TABLE canary", PG_LEX, "a comment is not closed" },
	{ "SELECT 'a''; DROP TABLE canary; '' b'", PG_LEX, NULL },
	{ "SELECT 'a\\'; DROP TABLE canary; -- '", PG_LEX, SECOND },
	{ "SELECT 'a\\'; DROP TABLE canary; -- '", MY_LEX,
	  "a backslash in a quoted string (its meaning depends on the server's sql_mode)" },
	{ "SELECT \"a\\\" INTO OUTFILE '/tmp/x' -- \"", MY_LEX,
	  "a backslash in a quoted string (its meaning depends on the server's sql_mode)" },
	{ "SELECT `a\\`; DROP TABLE canary", MY_LEX, SECOND },
	{ "SELECT 'x' # ';\n; DROP TABLE canary", MY_LEX, SECOND },
	{ "SELECT $a$ $b$; DROP TABLE canary; $b$", PG_LEX, "a dollar-quoted string is not closed" },
	{ "SELECT $$ x $$; DROP TABLE canary", PG_LEX, SECOND },
	{ "SELECT [a]; DROP TABLE canary", LITE_LEX, SECOND },
	{ "SELECT 'open", PG_LEX, "a quoted string or identifier is not closed" },
	{ "SELECT 1 /*", LITE_LEX, "a comment is not closed" },
	/* MariaDB's executable comments */
	{ "SELECT 1 /*!50000 DROP TABLE canary */", MY_LEX,
	  "an executable comment '/*!' (the server runs what it holds)" },
	{ "SELECT 1 /*M!100000 , sleep(1) */", MY_LEX,
	  "an executable comment '/*!' (the server runs what it holds)" },
	/* writes, INTO, locks, transaction control inside a SELECT */
	{ "SELECT * FROM t INTO OUTFILE '/tmp/x'", MY_LEX, WORD_REFUSED("INTO") },
	{ "SELECT a INTO DUMPFILE '/tmp/x' FROM t", MY_LEX, WORD_REFUSED("INTO") },
	{ "SELECT a FROM t INTO @v", MY_LEX, WORD_REFUSED("INTO") },
	{ "select * into copy_of_t from t", PG_LEX, WORD_REFUSED("into") },
	{ "SELECT * FROM t FOR UPDATE", PG_LEX, WORD_REFUSED("UPDATE") },
	{ "SELECT * FROM t FOR SHARE", PG_LEX, WORD_REFUSED("SHARE") },
	{ "SELECT * FROM t FOR KEY SHARE", PG_LEX, WORD_REFUSED("SHARE") },
	{ "SELECT * FROM t LOCK IN SHARE MODE", MY_LEX, WORD_REFUSED("SHARE") },
	{ "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", PG_LEX, WORD_REFUSED("DELETE") },
	{ "WITH i AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT 1", PG_LEX, WORD_REFUSED("INSERT") },
	{ "WITH x AS (SELECT 1) UPDATE t SET a = 1", PG_LEX, WORD_REFUSED("UPDATE") },
	{ "WITH x AS (SELECT 1) MERGE INTO t USING x ON true WHEN MATCHED THEN DELETE", PG_LEX,
	  WORD_REFUSED("MERGE") },
	/* functions that act outside the transaction, however named */
	{ "SELECT lo_export(l.oid, '/tmp/x') FROM pg_largeobject_metadata l", PG_LEX,
	  "'lo_export' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT pg_catalog.\"set_config\"('transaction_read_only', 'off', false)", PG_LEX,
	  "'set_config' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT NEXTVAL('s')", PG_LEX, "'NEXTVAL' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT `sys_exec`('id')", MY_LEX, "'sys_exec' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT 'lo_export', \"nextval_count\" FROM t", PG_LEX, NULL },
	{ "SELECT lo_unlink(4242)", PG_LEX, "'lo_unlink' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT \"lo_from_bytea\" (0, 'x')", PG_LEX,
	  "'lo_from_bytea' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT pg_catalog.pg_switch_wal()", PG_LEX,
	  "'pg_switch_wal' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT PG_ADVISORY_LOCK (1)", PG_LEX,
	  "'PG_ADVISORY_LOCK' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT dblink_open('c', 'q')", PG_LEX,
	  "'dblink_open' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT c.relname FROM pg_catalog.pg_class c, lo_t, \"pg_x\"", PG_LEX, NULL }, /* no calls */
	/* found by review: a CR ends a PostgreSQL line comment; U& escapes hide names */
	{ "SELECT a --\r, lo_export(1, '/tmp/x')\r FROM t", PG_LEX,
	  "'lo_export' may not appear in a query (it acts outside the read-only transaction)" },
	{ "SELECT a --\r; DROP TABLE canary", MY_LEX, SECOND },
	{ "SELECT U&\"\\0064blink_exec\"('x', 'DELETE FROM t')", PG_LEX,
	  "a Unicode-escaped string or identifier (U&) may hide a name" },
	{ "SELECT u&'\\0041'", PG_LEX, "a Unicode-escaped string or identifier (U&) may hide a name" },
	/* a COPY wrapped around it stays around it */
	{ "SELECT 1) TO PROGRAM 'touch /tmp/x' --", PG_LEX, "a ')' closes no '('" },
	{ "SELECT (1", PG_LEX, "a '(' is not closed" },
};

START_TEST(statement_check)
{
	const struct statement_case *t = &statement_cases[_i];
	char why[256] = "";
	int rc = conn_check_statement(t->sql, t->lexis, why, sizeof(why));
	ck_assert_msg(rc == (t->why ? -1 : 0), "'%s': %d (%s)", t->sql, rc, why);
	ck_assert_str_eq(why, t->why ? t->why : "");
}
END_TEST

/* conn_query refuses before the connector runs anything, and says why. */
static int query_hook_called;
static int counting_query(struct conn *c, const char *sql, conn_row_fn cb, void *ctx)
{
	(void)c, (void)sql, (void)cb, (void)ctx;
	query_hook_called++;
	return 0;
}

START_TEST(refused_before_the_connector)
{
	static const struct connector fake = { .name = "fake", .caps = CONN_CAPS_REQUIRED, .query = counting_query,
					       .sql_lexis = MY_LEX };
	struct conn c = { .impl = &fake };
	query_hook_called = 0;
	ck_assert_int_eq(conn_query(&c, "SELECT 1; DROP TABLE canary", NULL, NULL), -1);
	ck_assert_str_eq(c.err, "query refused: a second statement after ';'");
	ck_assert_int_eq(query_hook_called, 0);
	c.err[0] = '\0';
	ck_assert_int_eq(conn_query(&c, "SELECT 1", NULL, NULL), 0);
	ck_assert_int_eq(query_hook_called, 1);
}
END_TEST

Suite *connectors_suite(void)
{
	Suite *s = suite_create("connectors");
	TCase *tc = tcase_create("connectors");
	tcase_add_test(tc, schemes_text_from_the_table);
	tcase_add_test(tc, unknown_scheme_names_the_known);
	tcase_add_loop_test(tc, network_scheme_built_or_not, 0, (int)(sizeof(network_schemes) / sizeof(network_schemes[0])));
	tcase_add_loop_test(tc, cli_says_not_built, 0, (int)(sizeof(network_schemes) / sizeof(network_schemes[0])));
	tcase_add_test(tc, null_hooks_refused);
	tcase_add_test(tc, required_caps_refused);
	tcase_add_test(tc, wrappers_reach_the_hooks);
	tcase_add_test(tc, uri_parts);
	tcase_add_test(tc, uri_params_and_decoding);
	tcase_add_test(tc, default_source_names);
	tcase_add_loop_test(tc, password_in_uri, 0, (int)(sizeof(password_cases) / sizeof(password_cases[0])));
	tcase_add_test(tc, password_refusal_message);
	tcase_add_test(tc, redaction);
	tcase_add_test(tc, redaction_of_parameter_values);
	tcase_add_test(tc, core_messages_name_no_library);
	tcase_add_loop_test(tc, statement_check, 0, (int)(sizeof(statement_cases) / sizeof(statement_cases[0])));
	tcase_add_test(tc, refused_before_the_connector);
	suite_add_tcase(s, tc);
	return s;
}
