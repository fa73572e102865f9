/* Issue 13 on real servers (started by tests/run-suites.sh): placeholder
 * dates are no time on PostgreSQL and MariaDB as on SQLite, and a date-time
 * stored without a zone is read in the zone given for its source. Each
 * server gets a database `timewindow` of its own, written here through the
 * admin account the other server suites use; the scan reads it as the
 * read-only user. Built when at least one server connector is. */
#include <check.h>
#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif
#ifdef HAVE_MARIADB
#include <mysql.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* The same rows on every server: a Users row with Roundcube's placeholder
 * date and one created after the window, a LastLogin of 0, and a sent log
 * with MySQL's zero date, a row at 00:30 local time the day after --until,
 * and one inside. Only the zero date's column type differs: PostgreSQL has
 * no year 0, so there it is text (as some @Mail ports keep it). */
#define WINDOW_ROWS                                                                                    \
	"INSERT INTO Users VALUES ('old@isp.example', NULL, '1000-01-01 00:00:00'),"                   \
	" ('new@isp.example', NULL, '2007-03-10 09:00:00')",                                           \
	"INSERT INTO UserSession VALUES ('old@isp.example', 0)",                                       \
	"INSERT INTO Log_SendMail VALUES (1, 'old@isp.example', '10.0.0.1:a@example.com', "            \
	"'0000-00-00 00:00:00'), (2, 'old@isp.example', '10.0.0.1:b@example.com', '2007-03-05 00:30:00'), " \
	"(3, 'old@isp.example', '10.0.0.1:c@example.com', '2007-03-04 12:00:00')"

/* uri with its database (the fixture's "/atmail") named db instead. */
static const char *with_db(const char *uri, const char *db)
{
	static char buf[1024];
	const char *at = strstr(uri, "/atmail");
	ck_assert_ptr_nonnull(at);
	snprintf(buf, sizeof(buf), "%.*s/%s%s", (int)(at - uri), uri, db, at + 7);
	return buf;
}

#ifdef HAVE_LIBPQ
static void pg_run(PGconn *c, const char *sql)
{
	PGresult *res = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(res);
	ck_assert_msg(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	PQclear(res);
}

static void pg_make_window_db(void)
{
	static const char *const sql[] = {
		"CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp)",
		"CREATE TABLE UserSession (Account varchar(128), LastLogin int)",
		"CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate varchar(19))",
		WINDOW_ROWS,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO exposure",
	};
	const char *admin = getenv("EXPOSURE_PG_ADMIN_URI");
	ck_assert_ptr_nonnull(admin);
	PGconn *c = PQconnectdb(admin);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
	pg_run(c, "DROP DATABASE IF EXISTS timewindow"); /* one statement each: not in a transaction */
	pg_run(c, "CREATE DATABASE timewindow");
	PQfinish(c);
	c = PQconnectdb(with_db(admin, "timewindow"));
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		pg_run(c, sql[i]);
	PQfinish(c);
}
#endif

#ifdef HAVE_MARIADB
static void my_make_window_db(void)
{
	static const char *const sql[] = {
		"DROP DATABASE IF EXISTS timewindow",
		"CREATE DATABASE timewindow CHARACTER SET utf8mb4",
		"GRANT SELECT ON timewindow.* TO 'exposure'@'127.0.0.1'",
		"USE timewindow",
		"SET SESSION sql_mode = ''", /* let the zero date in, as old servers did */
		"CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate datetime)",
		"CREATE TABLE UserSession (Account varchar(128), LastLogin int)",
		"CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate datetime)",
		WINDOW_ROWS,
	};
	MYSQL *m = mysql_init(NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert_msg(mysql_real_connect(m, NULL, "root", NULL, NULL, 0, getenv("EXPOSURE_MY_ADMIN_SOCKET"), 0),
		      "%s", mysql_error(m));
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		ck_assert_msg(mysql_query(m, sql[i]) == 0, "%s: %s", sql[i], mysql_error(m));
	mysql_close(m);
}
#endif

static const struct {
	const char *uri_var;
	void (*make)(void);
} servers[] = {
#ifdef HAVE_LIBPQ
	{ "EXPOSURE_PG_URI", pg_make_window_db },
#endif
#ifdef HAVE_MARIADB
	{ "EXPOSURE_MY_URI", my_make_window_db },
#endif
};
#define N_SERVERS ((int)(sizeof(servers) / sizeof(servers[0])))

static void assert_contains(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "no '%s' in:\n%s", want, text);
}

/* Placeholders are no time: those rows are kept and counted apart; the rows
 * after --until go; at 00:30 in Berlin, the sent-log row is inside. */
START_TEST(placeholders_and_zone_on_the_server)
{
	char tagged[1100];
	make_workdir();
	setenv("PGPASSWORD", env_path("EXPOSURE_TEST_PASSWORD"), 1);
	setenv("MYSQL_PWD", env_path("EXPOSURE_TEST_PASSWORD"), 1);
	servers[_i].make();
	snprintf(tagged, sizeof(tagged), "w=%s", with_db(env_path(servers[_i].uri_var), "timewindow"));
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", "--until", "2007-03-04", tagged, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "a@example.com\nc@example.com\nold@isp.example\n");
	assert_contains(r.err, "window: (open) to 2007-03-04T23:59:59Z: 2 rows after the window left out (created "
			       "or written after it), 0 rows changed after the window kept\n"
			       "rows without a time: 3 kept (3 of them a placeholder)\n");
	assert_contains(r.err, "profile atmail, time zone UTC\n");
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "--until", "2007-03-04", "--time-zone", "w=Europe/Berlin", tagged,
					   NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n"
				"a@example.com,sent,w,1,,,external,no\n"
				"b@example.com,sent,w,1,2007-03-04T23:30:00Z,2007-03-04T23:30:00Z,external,no\n"
				"c@example.com,sent,w,1,2007-03-04T11:00:00Z,2007-03-04T11:00:00Z,external,no\n"
				"old@isp.example,login,w,1,,,internal,no\n");
	assert_contains(r.err, "profile atmail, time zone Europe/Berlin\n");
	assert_contains(r.err, ": 1 rows after the window left out");
	run_free(&r);
	remove_workdir();
}
END_TEST

Suite *window_servers_suite(void)
{
	Suite *s = suite_create("window_servers");
	for (int i = 0; i < N_SERVERS; i++)
		if (!getenv(servers[i].uri_var)) {
			fprintf(stderr, "window_servers: skipped: not every built connector's server is up\n");
			return s;
		}
	TCase *tc = tcase_create("window_servers");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, placeholders_and_zone_on_the_server, 0, N_SERVERS);
	suite_add_tcase(s, tc);
	return s;
}
