/* The whole program against real PostgreSQL and MariaDB servers (started by
 * tests/run-suites.sh): the same fixture gives the same list from every
 * database and from all at once; a million rows stream in bounded memory;
 * every fault ends with a message naming the source, a non-zero exit and no
 * output file. Each server's half is built only with its client library;
 * a build with neither has an empty suite. */
#include <check.h>
#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif
#ifdef HAVE_MARIADB
#include <mysql.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "suites.h"

#if defined(HAVE_LIBPQ) || defined(HAVE_MARIADB)

/* A URI of the test servers with its database swapped: "big", "slow", ... */
static const char *with_database(const char *uri, const char *db)
{
	static char buf[512];
	const char *slash = strrchr(uri, '/');
	snprintf(buf, sizeof(buf), "%.*s/%s", (int)(slash - uri), uri, db);
	return buf;
}

static void use_test_password(void)
{
	setenv("PGPASSWORD", env_path("EXPOSURE_TEST_PASSWORD"), 1);
	setenv("MYSQL_PWD", env_path("EXPOSURE_TEST_PASSWORD"), 1);
}

/* The servers of the built connectors, in this order in every table below. */
static const char *const uri_vars[] = {
#ifdef HAVE_LIBPQ
	"EXPOSURE_PG_URI",
#endif
#ifdef HAVE_MARIADB
	"EXPOSURE_MY_URI",
#endif
};
#define N_SERVERS ((int)(sizeof(uri_vars) / sizeof(uri_vars[0])))

START_TEST(same_list_from_each_database)
{
	char tagged[600];
	make_workdir();
	use_test_password();
	snprintf(tagged, sizeof(tagged), "atmail.db=%s", env_path(uri_vars[_i]));
	struct run r = run_exposure((const char *[]){ "scan", "-q", tagged, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	char *want = slurp(fixture_path("expected/atmail.csv"), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Each built-in profile's fixture, from each server, detected and scanned. */
START_TEST(profile_fixture_from_each_database)
{
	static const char *const fixtures[] = { "roundcube", "squirrelmail" };
	const char *name = fixtures[_i / N_SERVERS];
	char tagged[600], rel[128];
	make_workdir();
	use_test_password();
	snprintf(tagged, sizeof(tagged), "%s.db=%s", name, with_database(env_path(uri_vars[_i % N_SERVERS]), name));
	struct run r = run_exposure((const char *[]){ "scan", "-q", tagged, NULL });
	ck_assert_msg(r.status == 0, "%s: exit %d: %s", tagged, r.status, r.err);
	snprintf(rel, sizeof(rel), "expected/%s.csv", name);
	char *want = slurp(fixture_path(rel), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

#if defined(HAVE_LIBPQ) && defined(HAVE_MARIADB)
/* The fixture's expected list with its sources column replaced. */
static char *expected_with_sources(const char *sources)
{
	char *want = slurp(fixture_path("expected/atmail.csv"), NULL);
	size_t n = strlen(want), extra = 0;
	for (const char *p = want; (p = strstr(p, ",atmail.db,")); p++)
		extra += strlen(sources);
	char *out = malloc(n + extra + 1), *o = out;
	for (const char *p = want; *p;) {
		if (strncmp(p, ",atmail.db,", 11) == 0) {
			o += sprintf(o, ",%s,", sources);
			p += 11;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	free(want);
	return out;
}

START_TEST(three_sources_at_once)
{
	char a[600], b[600], c[600];
	make_workdir();
	use_test_password();
	snprintf(a, sizeof(a), "sqlite=%s", env_path("EXPOSURE_FIXTURE_DB"));
	snprintf(b, sizeof(b), "pg=%s", env_path("EXPOSURE_PG_URI"));
	snprintf(c, sizeof(c), "maria=%s", env_path("EXPOSURE_MY_URI"));
	struct run r = run_exposure((const char *[]){ "scan", "--summary", in_workdir("sum.txt"), a, b, c, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	char *want = expected_with_sources("maria|pg|sqlite");
	ck_assert_str_eq(r.out, want);
	free(want);
	char *sum = slurp(in_workdir("sum.txt"), NULL);
	ck_assert_ptr_nonnull(strstr(sum, "by source: sqlite 31, pg 31, maria 31\n"));
	ck_assert_ptr_nonnull(strstr(sum, "items found in them: 177 = 150 accepted + 27 rejected\n"));
	free(sum);
	run_free(&r);
	remove_workdir();
}
END_TEST
#endif

START_TEST(password_file_not_argv)
{
	char tagged[600];
	make_workdir();
	unsetenv("PGPASSWORD");
	unsetenv("MYSQL_PWD");
	FILE *f = fopen(in_workdir("pw"), "w");
	fprintf(f, "%s\n", env_path("EXPOSURE_TEST_PASSWORD"));
	fclose(f);
	chmod(in_workdir("pw"), 0600); /* as ssh wants a key */
	snprintf(tagged, sizeof(tagged), "atmail.db=%s", env_path(uri_vars[_i]));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--password-file", in_workdir("pw"),
						      tagged, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	char *want = slurp(fixture_path("expected/atmail.list"), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A million rows over 1000 recipients: the whole result set would take
 * well over 64 MiB; streamed, the run stays far below. */
START_TEST(million_rows_bounded_memory)
{
	if (getenv("EXPOSURE_SKIP_HEAVY")) {
		fprintf(stderr, "servers: million-row stream skipped here (EXPOSURE_SKIP_HEAVY)\n");
		return;
	}
	char tagged[600];
	make_workdir();
	use_test_password();
	snprintf(tagged, sizeof(tagged), "big=%s", with_database(env_path(uri_vars[_i]), "big"));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct run r = run_exposure((const char *[]){ "scan", "--progress", "-f", "list", "-o", in_workdir("big.txt"),
						      tagged, NULL });
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	long rows = atol(env_path("EXPOSURE_BIG_ROWS"));
	char line[128];
	snprintf(line, sizeof(line), "  log_sendmail  %-18s %9ld %9ld ", "", rows, rows);
	ck_assert_ptr_nonnull(strstr(r.err, "unique addresses: 1001\n"));
	snprintf(line, sizeof(line), "exposure: big %ld rows (done) | 1001 addresses | ", rows + 1);
	ck_assert_msg(strstr(r.err, line), "no progress line '%s' in: %s", line, r.err);
	snprintf(line, sizeof(line), "rows read: %ld ", rows + 1);
	ck_assert_msg(strstr(r.err, line), "no '%s' in: %s", line, r.err);
	fprintf(stderr, "servers: %s streamed %ld rows in %.1f s, peak RSS %.1f MiB\n", uri_vars[_i], rows,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, (double)r.max_rss_kb / 1024);
	ck_assert_int_lt(r.max_rss_kb, 64 * 1024);
	run_free(&r);
	remove_workdir();
}
END_TEST

struct fault {
	const char *name;
	const char *var;      /* the server's URI variable */
	const char *database; /* NULL: keep the URI's */
	const char *password; /* NULL: the test password */
	const char *extra;    /* an extra option, or NULL */
	const char *message;
};

static const struct fault faults[] = {
#ifdef HAVE_LIBPQ
	{ "pg refused", NULL, NULL, NULL, NULL, "cannot connect to '127.0.0.1:1/atmail'" },
#endif
#ifdef HAVE_MARIADB
	{ "my refused", NULL, "mysql", NULL, NULL, "cannot connect to '127.0.0.1:1/atmail'" },
#endif
#ifdef HAVE_LIBPQ
	{ "pg wrong password", "EXPOSURE_PG_URI", NULL, "wrong-secret-4711", NULL, "password authentication failed" },
#endif
#ifdef HAVE_MARIADB
	{ "my wrong password", "EXPOSURE_MY_URI", NULL, "wrong-secret-4711", NULL, "Access denied" },
#endif
#ifdef HAVE_LIBPQ
	{ "pg no atmail tables", "EXPOSURE_PG_URI", "postgres", NULL, "-patmail", "has none of the tables of profile 'atmail'" },
	{ "pg timeout", "EXPOSURE_PG_URI", "slow", NULL, "--timeout=1", "statement timeout" },
#endif
#ifdef HAVE_MARIADB
	{ "my timeout", "EXPOSURE_MY_URI", "slow", NULL, "--timeout=1", "max_statement_time" },
#endif
};

START_TEST(fault_ends_clean)
{
	const struct fault *f = &faults[_i];
	if (f->extra && strncmp(f->extra, "--timeout", 9) == 0 && getenv("EXPOSURE_SKIP_HEAVY")) {
		/* a one-second limit means nothing when valgrind slows the client down tenfold */
		fprintf(stderr, "servers: %s skipped here (EXPOSURE_SKIP_HEAVY)\n", f->name);
		return;
	}
	char tagged[600];
	make_workdir();
	use_test_password();
	if (f->password) {
		setenv("PGPASSWORD", f->password, 1);
		setenv("MYSQL_PWD", f->password, 1);
	}
	if (f->var)
		snprintf(tagged, sizeof(tagged), "db3=%s",
			 f->database ? with_database(env_path(f->var), f->database) : env_path(f->var));
	else
		snprintf(tagged, sizeof(tagged), "db3=%s://exposure@127.0.0.1:1/atmail",
			 f->database ? f->database : "postgresql");
	const char *args[8] = { "scan", "-o", in_workdir("out.csv"), "--rejects", in_workdir("rej.csv") };
	size_t n = 5;
	if (f->extra)
		args[n++] = f->extra;
	args[n++] = tagged;
	args[n] = NULL;
	struct run r = run_exposure(args);
	ck_assert_msg(r.status == 2, "%s: exit %d: %s", f->name, r.status, r.err);
	ck_assert_msg(strstr(r.err, "source 'db3'") || strstr(r.err, "cannot connect"), "%s: %s", f->name, r.err);
	ck_assert_msg(strstr(r.err, f->message), "%s: no '%s' in: %s", f->name, f->message, r.err);
	ck_assert_ptr_null(strstr(r.err, "wrong-secret-4711"));
	ck_assert_ptr_null(strstr(r.err, env_path("EXPOSURE_TEST_PASSWORD")));
	assert_listing(""); /* no output, no rejects, no temporary file */
	run_free(&r);
	remove_workdir();
}
END_TEST

#ifdef HAVE_LIBPQ
/* --keep-going: the good source's list is written, marked partial (exit 4). */
START_TEST(keep_going_marks_partial)
{
	char good[600];
	make_workdir();
	use_test_password();
	snprintf(good, sizeof(good), "atmail.db=%s", env_path("EXPOSURE_PG_URI"));
	struct run r = run_exposure((const char *[]){ "scan", "--keep-going", "-o", in_workdir("out.csv"), good,
						      "dead=postgresql://exposure@127.0.0.1:1/atmail", NULL });
	ck_assert_msg(r.status == 4, "exit %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.err, "failed sources: 1 -- PARTIAL RESULT"));
	ck_assert_ptr_nonnull(strstr(r.err, "PARTIAL result: 1 of 2 sources failed"));
	char *got = slurp(in_workdir("out.csv"), NULL);
	char *want = slurp(fixture_path("expected/atmail.csv"), NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Terminate the scan's backend while it streams the million rows. */
static int terminate_exposure_backend(void)
{
	PGconn *c = PQconnectdb(getenv("EXPOSURE_PG_ADMIN_URI"));
	int done = 0;
	if (PQstatus(c) == CONNECTION_OK) {
		PGresult *res = PQexec(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
					  "WHERE application_name = 'exposure' AND state = 'active' "
					  "AND query LIKE '%SELECT id, Account, LogMsg%'");
		done = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0;
		PQclear(res);
	}
	PQfinish(c);
	return done;
}
#endif

#ifdef HAVE_MARIADB
/* Kill the scan's MariaDB query while it streams the million rows. */
static int kill_exposure_query(void)
{
	MYSQL *m = mysql_init(NULL);
	int done = 0;
	if (m && mysql_real_connect(m, NULL, "root", NULL, NULL, 0, getenv("EXPOSURE_MY_ADMIN_SOCKET"), 0) &&
	    mysql_query(m, "SELECT id FROM information_schema.processlist "
			   "WHERE info LIKE 'SELECT id, Account, LogMsg%' AND db = 'big'") == 0) {
		MYSQL_RES *res = mysql_store_result(m);
		MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
		char kill[64];
		if (row && row[0]) {
			snprintf(kill, sizeof(kill), "KILL CONNECTION %s", row[0]);
			done = mysql_query(m, kill) == 0;
		}
		mysql_free_result(res);
	}
	mysql_close(m);
	return done;
}
#endif

static int (*const cut_off[])(void) = {
#ifdef HAVE_LIBPQ
	terminate_exposure_backend,
#endif
#ifdef HAVE_MARIADB
	kill_exposure_query,
#endif
};
/* the server's words vary with timing and TLS ("terminating connection due
 * to administrator command", "SSL SYSCALL error: EOF detected"): the source
 * and the failed query are what must be said */
static const char *const cut_off_message[] = {
#ifdef HAVE_LIBPQ
	"query failed on '127.0.0.1:",
#endif
#ifdef HAVE_MARIADB
	"query failed on '127.0.0.1:",
#endif
};

START_TEST(server_gone_mid_stream)
{
	if (getenv("EXPOSURE_SKIP_HEAVY")) {
		fprintf(stderr, "servers: mid-stream disconnect skipped here (EXPOSURE_SKIP_HEAVY)\n");
		return;
	}
	char tagged[600];
	make_workdir();
	use_test_password();
	snprintf(tagged, sizeof(tagged), "big=%s", with_database(env_path(uri_vars[_i]), "big"));
	pid_t pid = start_exposure((const char *[]){ "scan", "-o", in_workdir("out.csv"), tagged, NULL });
	int killed = 0;
	for (int i = 0; i < 400 && !killed; i++) {
		killed = cut_off[_i]();
		if (!killed)
			nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	}
	struct run r = finish_exposure(pid);
	ck_assert_msg(killed, "the scan ended before its backend could be terminated: %s", r.err);
	ck_assert_msg(r.status == 2, "exit %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.err, "source 'big'"));
	ck_assert_msg(strstr(r.err, cut_off_message[_i]), "%s", r.err);
	assert_listing("");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* ---- hostile profiles: the evidence stays as it is ---- */

struct hostile {
	const char *admin_var; /* a superuser's URI: only the read-only rules stop it */
	const char *sql;       /* "%s" is a path in the work directory */
	const char *why;       /* the refusal */
};

#define NOT_A_QUERY "query refused: a query must be a SELECT or WITH ... SELECT, not "
#define REFUSED_WORD(w) "query refused: '" w "' may not appear in a query"

static const struct hostile hostiles[] = {
#ifdef HAVE_LIBPQ
	{ "EXPOSURE_PG_ADMIN_URI", "COMMIT AND CHAIN", NOT_A_QUERY "'COMMIT'" },
	{ "EXPOSURE_PG_ADMIN_URI", "SET TRANSACTION READ WRITE", NOT_A_QUERY "'SET'" },
	{ "EXPOSURE_PG_ADMIN_URI", "DELETE FROM canary", NOT_A_QUERY "'DELETE'" },
	{ "EXPOSURE_PG_ADMIN_URI", "DROP TABLE canary", NOT_A_QUERY "'DROP'" },
	{ "EXPOSURE_PG_ADMIN_URI", "SELECT 1 AS id, 'x@y.example' AS email; DELETE FROM canary",
	  "query refused: a second statement after ';'" },
	{ "EXPOSURE_PG_ADMIN_URI", "WITH d AS (DELETE FROM canary RETURNING id, email) SELECT id, email FROM d",
	  REFUSED_WORD("DELETE") },
	{ "EXPOSURE_PG_ADMIN_URI", "COPY (SELECT 1) TO PROGRAM 'touch %s'", NOT_A_QUERY "'COPY'" },
	{ "EXPOSURE_PG_ADMIN_URI", "SELECT id, email FROM canary) TO PROGRAM 'touch %s' --",
	  "query refused: a ')' closes no '('" },
	{ "EXPOSURE_PG_ADMIN_URI", "SELECT id, email FROM canary FOR UPDATE", REFUSED_WORD("UPDATE") },
	{ "EXPOSURE_PG_ADMIN_URI", "SELECT id, email || lo_export(lo_from_bytea(0, 'x'), '%s') AS email FROM canary",
	  "query refused: 'lo_export' may not appear in a query (it acts outside the read-only transaction)" },
#endif
#ifdef HAVE_MARIADB
	{ "EXPOSURE_MY_ADMIN_URI", "DROP TABLE canary", NOT_A_QUERY "'DROP'" },
	{ "EXPOSURE_MY_ADMIN_URI", "TRUNCATE canary", NOT_A_QUERY "'TRUNCATE'" },
	{ "EXPOSURE_MY_ADMIN_URI", "ALTER TABLE canary ADD COLUMN x int", NOT_A_QUERY "'ALTER'" },
	{ "EXPOSURE_MY_ADMIN_URI", "RENAME TABLE canary TO canary2", NOT_A_QUERY "'RENAME'" },
	{ "EXPOSURE_MY_ADMIN_URI", "CREATE TABLE canary3 (i int)", NOT_A_QUERY "'CREATE'" },
	{ "EXPOSURE_MY_ADMIN_URI", "COMMIT", NOT_A_QUERY "'COMMIT'" },
	{ "EXPOSURE_MY_ADMIN_URI", "LOCK TABLES canary WRITE", NOT_A_QUERY "'LOCK'" },
	{ "EXPOSURE_MY_ADMIN_URI", "SET GLOBAL general_log = 0", NOT_A_QUERY "'SET'" },
	{ "EXPOSURE_MY_ADMIN_URI", "SELECT id, email FROM canary INTO OUTFILE '%s'", REFUSED_WORD("INTO") },
	{ "EXPOSURE_MY_ADMIN_URI", "SELECT id, email FROM canary /*!50000 INTO DUMPFILE '%s' */",
	  "query refused: an executable comment '/*!' (the server runs what it holds)" },
	{ "EXPOSURE_MY_ADMIN_URI", "SELECT id, 'a\\' INTO OUTFILE ''%s'' -- ' AS email FROM canary",
	  "query refused: a backslash in a quoted string (its meaning depends on the server's sql_mode)" },
#endif
};

/* The canary's rows, read by a superuser in a session of its own:
 * "1 a@canary.example|2 ...|3 ...|" (and on MariaDB its columns, the
 * database's tables and the general log's state), or the error. */
static void canary_rows(const char *admin_var, char *out, size_t outsz)
{
	(void)admin_var; /* with MariaDB alone, every canary is hers */
	out[0] = '\0';
#ifdef HAVE_LIBPQ
	if (strcmp(admin_var, "EXPOSURE_PG_ADMIN_URI") == 0) {
		char conninfo[600];
		const char *port = strrchr(env_path("EXPOSURE_PG_URI"), ':') + 1;
		snprintf(conninfo, sizeof(conninfo), "host=%s/pg port=%.*s user=postgres dbname=evidence",
			 env_path("EXPOSURE_SERVERS_DIR"), (int)strcspn(port, "/"), port);
		PGconn *c = PQconnectdb(conninfo);
		PGresult *res = PQexec(c, "SELECT string_agg(id || ' ' || email, '|' ORDER BY id) || '|' FROM canary");
		snprintf(out, outsz, "%s", PQresultStatus(res) == PGRES_TUPLES_OK ? PQgetvalue(res, 0, 0)
										  : PQerrorMessage(c));
		PQclear(res);
		PQfinish(c);
		return;
	}
#endif
#ifdef HAVE_MARIADB
	MYSQL *m = mysql_init(NULL);
	if (!mysql_real_connect(m, NULL, "root", NULL, "evidence", 0, env_path("EXPOSURE_MY_ADMIN_SOCKET"), 0) ||
	    mysql_query(m, "SELECT CONCAT(GROUP_CONCAT(CONCAT(id, ' ', email) ORDER BY id SEPARATOR '|'), '|'),"
			   " (SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns"
			   "  WHERE table_schema = 'evidence' AND table_name = 'canary'),"
			   " (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'evidence'),"
			   " @@global.general_log FROM canary") != 0) {
		snprintf(out, outsz, "%s", mysql_error(m));
	} else {
		MYSQL_RES *res = mysql_store_result(m);
		MYSQL_ROW row = mysql_fetch_row(res);
		snprintf(out, outsz, "%s columns %s, tables %s, general_log %s", row[0], row[1], row[2], row[3]);
		mysql_free_result(res);
	}
	mysql_close(m);
#endif
}

#define CANARY "1 a@canary.example|2 b@canary.example|3 c@canary.example|"

/* A superuser's scan with a profile whose second extractor is hostile:
 * refused before it runs, the scan fails (exit 2, no output), the canary
 * and the server's files as they were. */
START_TEST(hostile_profile_refused)
{
	const struct hostile *h = &hostiles[_i];
	char sql[512], before[512], after[512], tagged[600];
	make_workdir();
	snprintf(sql, sizeof(sql), h->sql, in_workdir("written-by-server"));
	FILE *f = fopen(in_workdir("hostile.profile"), "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "name = hostile\ndetect = canary\n\n"
		   "[extractor harmless]\norigin = login\nquery = SELECT id, email FROM canary\nkey = id\naddress = email\n\n"
		   "[extractor mischief]\norigin = addressbook\nquery = %s\nkey = id\naddress = email\n",
		sql);
	fclose(f);
	canary_rows(h->admin_var, before, sizeof(before));
	ck_assert_msg(strncmp(before, CANARY, strlen(CANARY)) == 0, "%s", before);
	const char *admin = env_path(h->admin_var), *db = strstr(admin, "/atmail");
	ck_assert_ptr_nonnull(db);
	snprintf(tagged, sizeof(tagged), "evidence=%.*s/evidence%s", (int)(db - admin), admin, db + strlen("/atmail"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-p", in_workdir("hostile.profile"), "-o",
						      in_workdir("out.csv"), tagged, NULL });
	ck_assert_msg(r.status == 2, "'%s': exit %d: %s", sql, r.status, r.err);
	char want[512];
	snprintf(want, sizeof(want), "source 'evidence': extractor 'mischief' of profile 'hostile': %s", h->why);
	ck_assert_msg(strstr(r.err, want), "'%s': no '%s' in: %s", sql, want, r.err);
	canary_rows(h->admin_var, after, sizeof(after));
	ck_assert_str_eq(after, before);
	assert_listing("hostile.profile"); /* no output, nothing the server wrote */
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The URI of variable var with its database "evidence" and, when user is
 * set, that user in place of "exposure". */
static const char *evidence_uri(const char *var, const char *user)
{
	static char buf[600];
	const char *uri = env_path(var), *db = strstr(uri, "/atmail"), *at = strstr(uri, "exposure@");
	ck_assert_ptr_nonnull(db);
	if (user && at)
		snprintf(buf, sizeof(buf), "ev=%.*s%s@%.*s/evidence%s", (int)(at - uri), uri, user,
			 (int)(db - at - strlen("exposure@")), at + strlen("exposure@"), db + strlen("/atmail"));
	else
		snprintf(buf, sizeof(buf), "ev=%.*s/evidence%s", (int)(db - uri), uri, db + strlen("/atmail"));
	return buf;
}

struct role_case {
	const char *var, *user; /* the URI variable, and a user in place of its own */
	const char *warning;    /* what probe and scan say on standard error */
};

static const struct role_case role_cases[] = {
#ifdef HAVE_LIBPQ
	{ "EXPOSURE_PG_ADMIN_URI", NULL,
	  "exposure: warning: source 'ev': the role 'postgres' is a superuser: read with a role that may only SELECT\n" },
	{ "EXPOSURE_PG_URI", "exposure_writer",
	  "exposure: warning: source 'ev': the role 'exposure_writer' may write (INSERT, UPDATE, DELETE or TRUNCATE on "
	  "1 of its tables): read with a role that may only SELECT\n" },
	{ "EXPOSURE_PG_URI", NULL, "" },
#endif
#ifdef HAVE_MARIADB
	{ "EXPOSURE_MY_ADMIN_URI", NULL,
	  "exposure: warning: source 'ev': the account 'root@localhost' may write or administer (ALTER, ALTER ROUTINE, "
	  "CREATE, CREATE ROUTINE, CREATE VIEW, DELETE, DROP, EVENT, FILE, INDEX, INSERT, LOCK TABLES, SUPER, TRIGGER, "
	  "UPDATE): read with an account that may only SELECT\n" },
	{ "EXPOSURE_MY_URI", "exposure_writer",
	  "exposure: warning: source 'ev': the account 'exposure_writer@127.0.0.1' may write or administer (INSERT): "
	  "read with an account that may only SELECT\n" },
	{ "EXPOSURE_MY_URI", NULL, "" },
#endif
};

/* probe and scan warn when the role may write; the least-privilege one
 * (SELECT alone) hears nothing. */
START_TEST(role_that_may_write_warned)
{
	const struct role_case *rc = &role_cases[_i];
	make_workdir();
	use_test_password();
	const char *uri = evidence_uri(rc->var, rc->user);
	struct run r = run_exposure((const char *[]){ "probe", uri, NULL });
	ck_assert_msg(r.status == 0, "%s: exit %d: %s", uri, r.status, r.err);
	ck_assert_str_eq(r.err, rc->warning);
	run_free(&r);
	FILE *f = fopen(in_workdir("canary.profile"), "w");
	fprintf(f, "name = canary\ndetect = canary\n\n[extractor c]\norigin = login\n"
		   "query = SELECT id, email FROM canary\nkey = id\naddress = email\n");
	fclose(f);
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "-p", in_workdir("canary.profile"), uri, NULL });
	ck_assert_msg(r.status == 0, "%s: exit %d: %s", uri, r.status, r.err);
	ck_assert_str_eq(r.out, "a@canary.example\nb@canary.example\nc@canary.example\n");
	ck_assert_str_eq(r.err, rc->warning);
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(probe_reports_tables)
{
	make_workdir();
	use_test_password();
	struct run r = run_exposure((const char *[]){ "probe", env_path(uri_vars[_i]), NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, ": 13 tables\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "profile: atmail\n"));
	ck_assert_msg(strstr(r.out, "Log_SendMail                       11  log_sendmail\n") ||
			      strstr(r.out, "log_sendmail                       11  log_sendmail\n"),
		      "%s", r.out);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Whether the server of every built connector is up. */
static int servers_present(void)
{
	for (int i = 0; i < N_SERVERS; i++)
		if (!getenv(uri_vars[i]))
			return 0;
	return 1;
}

Suite *servers_suite(void)
{
	Suite *s = suite_create("servers");
	if (!servers_present()) {
		fprintf(stderr, "servers: skipped: not every built connector's server is up (EXPOSURE_PG_URI, EXPOSURE_MY_URI)\n");
		return s;
	}
	TCase *tc = tcase_create("servers");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, same_list_from_each_database, 0, N_SERVERS);
	tcase_add_loop_test(tc, profile_fixture_from_each_database, 0, 2 * N_SERVERS);
#if defined(HAVE_LIBPQ) && defined(HAVE_MARIADB)
	tcase_add_test(tc, three_sources_at_once);
#endif
	tcase_add_loop_test(tc, password_file_not_argv, 0, N_SERVERS);
	tcase_add_loop_test(tc, million_rows_bounded_memory, 0, N_SERVERS);
	tcase_add_loop_test(tc, fault_ends_clean, 0, (int)(sizeof(faults) / sizeof(faults[0])));
#ifdef HAVE_LIBPQ
	tcase_add_test(tc, keep_going_marks_partial);
#endif
	tcase_add_loop_test(tc, server_gone_mid_stream, 0, N_SERVERS);
	tcase_add_loop_test(tc, probe_reports_tables, 0, N_SERVERS);
	tcase_add_loop_test(tc, hostile_profile_refused, 0, (int)(sizeof(hostiles) / sizeof(hostiles[0])));
	tcase_add_loop_test(tc, role_that_may_write_warned, 0, (int)(sizeof(role_cases) / sizeof(role_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}

#else

Suite *servers_suite(void)
{
	fprintf(stderr, "servers: no database server connector built\n");
	return suite_create("servers");
}

#endif
