/* Issue 13: the incident window sizes the exposure as the attacker saw the
 * database. Each kind of time, placeholder dates, a source's time zone,
 * owners whose own row is gone, the customers' identities in the segments,
 * the customers-login segment, and a webmail and a billing database in one
 * run with a profile each. Every expected set was derived by hand from the
 * rows written here (and fixtures/expected/atmail-window.notes.md). */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"
#include "timeutil.h"

/* An SQLite file in the work dir made of the given statements. */
static const char *sqlite_file(const char *name, const char *sql)
{
	const char *path = in_workdir(name);
	sqlite3 *db;
	char *msg = NULL;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
	sqlite3_close(db);
	return path;
}

/* A text file in the work dir. */
static const char *text_file(const char *name, const char *text)
{
	const char *path = in_workdir(name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

static void assert_contains(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "no '%s' in:\n%s", want, text);
}

/* build/fixtures/<name>.db, next to the @Mail one. */
static const char *fixture_db(const char *name, char *buf, size_t sz)
{
	const char *atmail = env_path("EXPOSURE_FIXTURE_DB");
	const char *slash = strrchr(atmail, '/');
	snprintf(buf, sz, "%.*s/%s.db", (int)(slash - atmail), atmail, name);
	return buf;
}

/* One extractor per kind of time over a table of its own. */
static const char kinds_profile[] = "name = kinds\n"
				    "[extractor made]\norigin = login\nquery = SELECT id, email, t FROM made\n"
				    "address = email\nkey = id\nowner = email\ntime = t\ntime_kind = created\n"
				    "[extractor logged]\norigin = sent\nquery = SELECT id, email, t FROM logged\n"
				    "address = email\nkey = id\ntime = t\ntime_kind = event\n"
				    "[extractor touched]\norigin = addressbook\nquery = SELECT id, email, t FROM touched\n"
				    "address = email\nkey = id\ntime = t\ntime_kind = changed\n";

static const char kinds_sql[] =
	"CREATE TABLE made (id int, email text, t text);"
	"INSERT INTO made VALUES (1, 'old.customer@isp.example', '2001-01-01'),"
	" (2, 'new.customer@isp.example', '2007-03-05 00:00:00');"
	"CREATE TABLE logged (id int, email text, t text);"
	"INSERT INTO logged VALUES (1, 'before@example.com', '2007-03-04 23:59:59'),"
	" (2, 'after@example.com', '2007-03-05 00:00:00'), (3, 'late@example.com', '2007-03-05 00:30:00'),"
	" (4, 'offset@example.com', '2007-03-05 00:30:00+00:00');"
	"CREATE TABLE touched (id int, email text, t text);"
	"INSERT INTO touched VALUES (1, 'edited@example.com', '2007-03-09 10:00:00'),"
	" (2, 'kept@example.com', '1999-12-31'), (3, 'zero@example.com', '0000-00-00 00:00:00'),"
	" (4, 'none@example.com', NULL), (5, 'upgraded@example.com', '1000-01-01 00:00:00'),"
	" (6, 'zeroday@example.com', '0000-00-00');";

/* created and event rows after --until are left out, a changed one is
 * kept and counted; --since removes nothing; placeholders are no time. */
START_TEST(each_time_kind)
{
	make_workdir();
	char profile[512], db[512], sum[512];
	snprintf(profile, sizeof(profile), "%s", text_file("kinds.profile", kinds_profile));
	snprintf(db, sizeof(db), "w=%s", sqlite_file("kinds.db", kinds_sql));
	snprintf(sum, sizeof(sum), "%s", in_workdir("sum.json"));
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", "-p", profile, "--since", "2007-03-01",
						      "--until", "2007-03-04", "--summary", sum, db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "before@example.com\nedited@example.com\nkept@example.com\nnone@example.com\n"
				"old.customer@isp.example\nupgraded@example.com\nzero@example.com\nzeroday@example.com\n");
	assert_contains(r.err, "window: 2007-03-01T00:00:00Z to 2007-03-04T23:59:59Z: 4 rows after the window left out "
			       "(created or written after it), 1 rows changed after the window kept\n"
			       "rows without a time: 4 kept (3 of them a placeholder)\n");
	char *json = slurp(sum, NULL);
	assert_contains(json, "\"schema\":\"exposure-summary/2\"");
	assert_contains(json, "\"time_zone\":\"UTC\"");
	/* per run: made 1 after; logged 3 after; touched 1 changed after, 4 untimed of which 3
	 * placeholders. A row left out is read (rows) but none of its fields is. */
	assert_contains(json, "\"extractor\":\"made\",\"table\":\"(query)\",\"rows\":2,\"fields\":1,\"nulls\":0,"
			      "\"accepted\":1,\"rejected\":0,\"rows_with_time\":2,\"rows_bad_time\":0,\"rows_untimed\":0,"
			      "\"rows_placeholder_time\":0,\"rows_after_window\":1,\"rows_changed_after_window\":0,");
	assert_contains(json, "\"extractor\":\"logged\",\"table\":\"(query)\",\"rows\":4,\"fields\":1,\"nulls\":0,"
			      "\"accepted\":1,\"rejected\":0,\"rows_with_time\":4,\"rows_bad_time\":0,\"rows_untimed\":0,"
			      "\"rows_placeholder_time\":0,\"rows_after_window\":3,\"rows_changed_after_window\":0,");
	assert_contains(json, "\"extractor\":\"touched\",\"table\":\"(query)\",\"rows\":6,\"fields\":6,\"nulls\":0,"
			      "\"accepted\":6,\"rejected\":0,\"rows_with_time\":2,\"rows_bad_time\":0,\"rows_untimed\":4,"
			      "\"rows_placeholder_time\":3,\"rows_after_window\":0,\"rows_changed_after_window\":1,");
	free(json);
	run_free(&r);
	/* the page says the same */
	snprintf(sum, sizeof(sum), "%s", in_workdir("sum.html"));
	r = run_exposure((const char *[]){ "scan", "-q", "-o", "/dev/null", "-p", profile, "--until", "2007-03-04",
					   "--summary", sum, db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *html = slurp(sum, NULL);
	static const char *const rows[] = {
		"rows after the window (created or written after it: left out)</th><td class=\"n\">4</td>",
		"rows changed after the window (kept)</th><td class=\"n\">1</td>",
		"rows without a time (kept)</th><td class=\"n\">4</td>",
		"placeholder times (no time)</th><td class=\"n\">3</td>",
		"<td>kinds</td><td>UTC</td><td>read</td>",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_contains(html, rows[i]);
	free(html);
	run_free(&r);
	/* without a window every row counts */
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "-p", profile, db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "after@example.com\nbefore@example.com\nedited@example.com\nkept@example.com\n"
				"late@example.com\nnew.customer@isp.example\nnone@example.com\noffset@example.com\n"
				"old.customer@isp.example\nupgraded@example.com\nzero@example.com\nzeroday@example.com\n");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A date-time without an offset is read in its source's zone: at 00:30 in
 * Berlin (UTC+1 in March) it is 23:30Z the day before, inside the window. */
START_TEST(source_time_zone)
{
	make_workdir();
	char profile[512], db[512];
	snprintf(profile, sizeof(profile), "%s", text_file("kinds.profile", kinds_profile));
	snprintf(db, sizeof(db), "w=%s", sqlite_file("kinds.db", kinds_sql));
	static const char *const zones[] = { "Europe/Berlin", "w=Europe/Berlin", "w=+01:00" };
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		struct run r = run_exposure((const char *[]){ "scan", "-p", profile, "--until", "2007-03-04",
							      "--origins", "sent", "--time-zone", zones[i], db, NULL });
		ck_assert_msg(r.status == 0, "%s", r.err);
		/* before: 23:59:59 in Berlin is 22:59:59Z; offset@ names its own zone: left out */
		ck_assert_str_eq(r.out, "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n"
					"after@example.com,sent,w,0,2007-03-04T23:00:00Z,2007-03-04T23:00:00Z,external,no\n"
					"before@example.com,sent,w,0,2007-03-04T22:59:59Z,2007-03-04T22:59:59Z,external,no\n"
					"late@example.com,sent,w,0,2007-03-04T23:30:00Z,2007-03-04T23:30:00Z,external,no\n");
		const char *name = strchr(zones[i], '=') ? strchr(zones[i], '=') + 1 : zones[i];
		char want[128];
		snprintf(want, sizeof(want), "source 'w' (sqlite), profile kinds, time zone %s\n", name);
		assert_contains(r.err, want);
		assert_contains(r.err, ": 1 rows after the window left out");
		run_free(&r);
	}
	struct run r = run_exposure((const char *[]){ "scan", "--time-zone", "x=UTC", db, NULL });
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "bad --time-zone 'x=UTC': no source is tagged 'x'");
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "--time-zone", "UTC", "--time-zone", "+02:00", db, NULL });
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "two time zones for every source");
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "--time-zone", "Mars/Olympus_Mons", db, NULL });
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "unknown time zone 'Mars/Olympus_Mons'");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Local time to UTC in a zone with summer time, without TZ. */
START_TEST(zone_conversion)
{
	char err[256];
	struct time_zone *berlin = time_zone_load("Europe/Berlin", err, sizeof(err));
	ck_assert_msg(berlin != NULL, "%s", err);
	static const struct {
		const char *local;
		const char *utc;
	} cases[] = {
		{ "2007-03-05 00:30:00", "2007-03-04T23:30:00Z" }, /* winter: +01:00 */
		{ "2007-07-01 12:00:00", "2007-07-01T10:00:00Z" }, /* summer: +02:00 */
		{ "2007-03-25 02:30:00", "2007-03-25T01:30:00Z" }, /* never happened: the offset before */
		{ "2007-10-28 02:30:00", "2007-10-28T00:30:00Z" }, /* happened twice: the earlier */
		{ "2007-10-28 03:30:00", "2007-10-28T02:30:00Z" },
		{ "2007-07-01 12:00:00Z", "2007-07-01T12:00:00Z" }, /* its own offset wins */
		{ "1172750400", "2007-03-01T12:00:00Z" },           /* an epoch is UTC */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t;
		char got[21];
		ck_assert_int_eq(time_parse_in(cases[i].local, strlen(cases[i].local), berlin, &t), TIME_PARSED);
		time_format(t, got);
		ck_assert_msg(strcmp(got, cases[i].utc) == 0, "%s: got %s", cases[i].local, got);
	}
	ck_assert_str_eq(time_zone_name(berlin), "Europe/Berlin");
	ck_assert_str_eq(time_zone_name(NULL), "UTC");
	time_zone_free(berlin);
	struct time_zone *minus = time_zone_load("-05:30", err, sizeof(err));
	ck_assert_ptr_nonnull(minus);
	ck_assert_int_eq(time_zone_to_utc(minus, 0), 5 * 3600 + 1800);
	time_zone_free(minus);
	static const char *const bad[] = { "../../etc/passwd", "/etc/localtime", "+25:00", "Europe/Berlin ", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_ptr_null(time_zone_load(bad[i], err, sizeof(err)));
		ck_assert_msg(strstr(err, "bad time zone") != NULL, "%s: %s", bad[i], err);
	}
}
END_TEST

/* An @Mail database whose address book belongs to an account without a
 * Users row: the owner is a customer all the same. */
static const char departed_sql[] =
	"CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);"
	"CREATE TABLE UserSession (Account varchar(128), LastLogin int);"
	"INSERT INTO Users VALUES ('alice@isp.example', 'Alice.Private@Mail.Example', '2006-01-10 09:00:00');"
	"CREATE TABLE Abook_g (id int, Account varchar(128), UserEmail varchar(255), UserEmail2 varchar(255),"
	" UserEmail3 varchar(255), UserEmail4 varchar(255), UserEmail5 varchar(255), DateAdded datetime);"
	"INSERT INTO Abook_g VALUES (1, 'Gone@ISP.example', 'friend@example.net', NULL, NULL, NULL, NULL,"
	" '2006-06-01 10:00:00');"
	"CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate datetime);"
	"INSERT INTO Log_SendMail VALUES (1, 'left@isp.example', '10.0.0.1:alice@isp.example', NULL);";

START_TEST(owner_without_users_row)
{
	make_workdir();
	const char *db = sqlite_file("w.db", departed_sql);
	struct run r = run_exposure((const char *[]){ "scan", "-q", db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n"
				"alice.private@mail.example,login,w.db,1,2006-01-10T09:00:00Z,2006-01-10T09:00:00Z,"
				"external,no\n"
				"alice@isp.example,login|sent,w.db,2,2006-01-10T09:00:00Z,2006-01-10T09:00:00Z,internal,yes\n"
				"friend@example.net,addressbook,w.db,1,2006-06-01T10:00:00Z,2006-06-01T10:00:00Z,external,no\n"
				"gone@isp.example,login,w.db,1,,,internal,yes\n"
				"left@isp.example,login,w.db,1,,,internal,yes\n");
	run_free(&r);
	/* owners are login addresses: not when the login origin is left out */
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--origins", "addressbook", db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "friend@example.net\n");
	run_free(&r);
	/* an address book whose rows come after --until leaves its owner out too */
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--until", "2006-05-31", db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "alice.private@mail.example\nalice@isp.example\nleft@isp.example\n");
	run_free(&r);
	remove_workdir();
}
END_TEST

static char *segment_text(const char *dir, const char *file)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return slurp(path, NULL);
}

static void assert_segments(const char *dir, const char *login, const char *other, const char *external)
{
	const char *files[] = { "customers-login.txt", "internal-other.txt", "external.txt" };
	const char *want[] = { login, other, external };
	for (int i = 0; i < 3; i++) {
		char *got = segment_text(dir, files[i]);
		ck_assert_msg(strcmp(got, want[i]) == 0, "%s:\n%s", files[i], got);
		free(got);
	}
}

/* Roundcube identities and @Mail's OtherEmail and Accounts outside the
 * internal domains are the customers' own: not third parties. */
START_TEST(identities_are_not_third_parties)
{
	char buf[512], dir[512];
	make_workdir();
	snprintf(dir, sizeof(dir), "%s", in_workdir("rc"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--segment", dir,
						      fixture_db("roundcube", buf, sizeof(buf)), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	assert_segments(dir,
			"alice.alias@rc.example\nalice@rc.example\nbob.old@rc.example\nbob.smith@rc.example\n"
			"carol@rc.example\ndave@rc.example\nerin@rc.example\nghost@rc.example\n",
			"carol@xn--bcher-kva.example\nteam@rc.example\n",
			"ann.elizabeth.example@engineering-department.example\nann.work@example.org\nann@example.com\n"
			"ann@home.example\nboss@corp.example\ngone.recipient@example.com\njo@example.org\n"
			"old.friend@example.net\norphan@example.com\npat@example.org\nquinn@example.net\n"
			"vcard.only@example.com\nzed@example.net\n");
	remove_workdir();
}
END_TEST

/* With a window, customers-login holds exactly the accounts with a login
 * inside it (atmail-window.notes.md): the old rows stay in the other lists. */
START_TEST(customers_login_in_the_window)
{
	char dir[512];
	make_workdir();
	snprintf(dir, sizeof(dir), "%s", in_workdir("seg"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--since", "2007-03-02", "--until",
						      "2007-03-04", "--segment", dir, env_path("EXPOSURE_FIXTURE_DB"),
						      NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	assert_segments(dir, "alice@isp.example\nbob@isp.example\ngrace@isp.example\n",
			"9lives@isp.example\nalice.home@example.com\nalice@example.org\nbob.b@example.org\n"
			"carol@isp.example\ndave@isp.example\nerin@isp.example\nfrank@isp.example\n"
			"team@isp.example\n",
			"ann@example.com\ndad@example.com\njo@example.org\njuergen@xn--mnchen-3ya.example\n"
			"kim@example.com\nlou@example.com\nmum@example.com\npostmaster@example.com\n"
			"rita@example.com\nsam@example.com\ntom@example.com\numa@example.com\nvictor@example.com\n"
			"yann@example.net\nzoe@example.net\n");
	/* from the 4th on, only alice logged in (Log_Login 6, 2007-03-04 08:00) */
	r = run_exposure((const char *[]){ "scan", "-q", "--since", "2007-03-04", "--until", "2007-03-04",
					   env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_contains(r.out, "\nalice@isp.example,login,atmail.db,1,2006-01-10T09:00:00Z,2007-03-04T08:00:00Z,"
			       "internal,yes\n");
	assert_contains(r.out, "\nbob@isp.example,login|addressbook,atmail.db,2,2006-02-11T10:30:00Z,"
			       "2007-03-02T12:00:00Z,internal,no\n");
	int yes = 0;
	for (const char *p = r.out; (p = strstr(p, ",yes\n")); p++)
		yes++;
	ck_assert_int_eq(yes, 1);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The window's ends are inclusive to the second (issue 18: '<' for '<='
 * passed every test). Log_SendMail 6 is written at 2007-03-05 00:00:00 and
 * alone holds xena@example.com; bob's only logins are at 2007-03-02 12:00:00. */
START_TEST(window_ends_to_the_second)
{
	static const struct {
		const char *since, *until;
		int xena;        /* Log_SendMail 6 kept */
		const char *bob; /* bob@isp.example in customers-login */
	} cases[] = {
		{ "2007-03-02T12:00:00Z", "2007-03-05T00:00:00Z", 1, "yes" },
		{ "2007-03-02T12:00:01Z", "2007-03-04T23:59:59Z", 0, "no" },
		{ "2007-03-01", "2007-03-02T12:00:00Z", 0, "yes" },
		{ "2007-03-01", "2007-03-02T11:59:59Z", 0, "no" },
	};
	make_workdir();
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct run r = run_exposure((const char *[]){ "scan", "-q", "--since", cases[i].since, "--until",
							      cases[i].until, env_path("EXPOSURE_FIXTURE_DB"), NULL });
		char bob[200];
		ck_assert_msg(r.status == 0, "%s", r.err);
		ck_assert_msg((strstr(r.out, "\nxena@example.com,") != NULL) == cases[i].xena, "case %zu: xena", i);
		snprintf(bob, sizeof(bob), "\nbob@isp.example,");
		const char *line = strstr(r.out, bob);
		ck_assert_msg(line != NULL, "case %zu: no bob", i);
		const char *eol = strchr(line + 1, '\n');
		ck_assert_msg(eol && eol - line > 4 && strncmp(eol - strlen(cases[i].bob), cases[i].bob,
							       strlen(cases[i].bob)) == 0 &&
				      eol[-(int)strlen(cases[i].bob) - 1] == ',',
			      "case %zu: bob's line ends '%.*s'", i, (int)(eol ? eol - line : 0), line);
		run_free(&r);
	}
	remove_workdir();
}
END_TEST

/* @Mail's System pseudo-account is no owner whatever its case (issue 18:
 * comparing it case-sensitively passed every test). */
START_TEST(system_account_in_any_case)
{
	make_workdir();
	const char *db = sqlite_file("sys.db", "CREATE TABLE Log_SendMail (id integer, Account text, LogMsg text, "
					       "LogDate text);"
					       "INSERT INTO Log_SendMail VALUES (1, 'SYSTEM', '192.0.2.1:a@x.org', NULL),"
					       "(2, 'system', '192.0.2.1:b@y.org', NULL),"
					       "(3, 'ann@isp.example', '192.0.2.1:c@z.org', NULL);");
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-p", "atmail", db, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_contains(r.out, "\na@x.org,sent,sys.db,0,");
	assert_contains(r.out, "\nb@y.org,sent,sys.db,0,");
	assert_contains(r.out, "\nc@z.org,sent,sys.db,1,");
	assert_contains(r.out, "\nann@isp.example,login,sys.db,1,");
	ck_assert_ptr_null(strstr(r.out, "system"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The fixture's expected list with its source renamed, its lines kept. */
static void add_lines(char ***lines, size_t *n, const char *rel, const char *from, const char *to)
{
	char *text = slurp(fixture_path(rel), NULL);
	char *line = strchr(text, '\n') + 1; /* past the header */
	for (char *next; *line; line = next) {
		next = strchr(line, '\n') + 1;
		char *at = strstr(line, from), buf[512];
		ck_assert_ptr_nonnull(at);
		const char *rest = at + strlen(from);
		snprintf(buf, sizeof(buf), "%.*s%s%.*s", (int)(at - line), line, to, (int)(next - rest), rest);
		*lines = realloc(*lines, (*n + 1) * sizeof(**lines));
		(*lines)[(*n)++] = strdup(buf);
	}
	free(text);
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A webmail server and a billing database in one run, each read with its
 * own profile: the two expected lists merged, each address attributed. */
START_TEST(webmail_and_billing_in_one_run)
{
	char web[600], bill[600], prof[600], buf[512];
	make_workdir();
	snprintf(web, sizeof(web), "web=%s", env_path("EXPOSURE_FIXTURE_DB"));
	snprintf(bill, sizeof(bill), "billing=%s", fixture_db("billing", buf, sizeof(buf)));
	snprintf(prof, sizeof(prof), "billing=%s", fixture_path("billing.profile"));
	struct run r = run_exposure((const char *[]){ "scan", "-p", prof, web, bill, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	char **lines = NULL;
	size_t n = 0;
	add_lines(&lines, &n, "expected/atmail.csv", ",atmail.db,", ",web,");
	add_lines(&lines, &n, "expected/billing.csv", ",billing.db,", ",billing,");
	qsort(lines, n, sizeof(*lines), line_cmp);
	size_t len = 128;
	for (size_t i = 0; i < n; i++)
		len += strlen(lines[i]);
	char *want = calloc(1, len);
	strcat(want, "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n");
	for (size_t i = 0; i < n; i++) {
		strcat(want, lines[i]);
		free(lines[i]);
	}
	free(lines);
	ck_assert_uint_eq(n, 31 + 7);
	ck_assert_str_eq(r.out, want);
	free(want);
	assert_contains(r.err, "source 'web' (sqlite), profile atmail, time zone UTC\n");
	assert_contains(r.err, "source 'billing' (sqlite), profile billing, time zone UTC\n");
	run_free(&r);
	/* one profile for every source and one for billing: billing's own wins */
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "-p", "atmail", "-p", prof, web, bill, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_contains(r.out, "accounts@acme.example\n");
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "-p", prof, "-p", "billing=atmail", web, bill, NULL });
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "two profiles for source 'billing': give --profile once per source");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Roundcube's users rows are created, everything else only changed: a
 * window in 2019 leaves out the three accounts opened later, and keeps every
 * contact and identity edited since. The set stays that of roundcube.csv. */
START_TEST(roundcube_changed_rows_stay)
{
	char buf[512];
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", "--until", "2019-12-31",
						      fixture_db("roundcube", buf, sizeof(buf)), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* users 3 (dave), 4 (erin), 6 (Frank) were created in 2020 and 2023; changed
	 * after 2019: identities 5 (I2, I5, I6, I7, I10), contacts 10 (all but C9,
	 * changed NULL), collected_contacts 2 (CC2, CC3), collected_addresses 8
	 * (CA1-6, CA8, CA9: CA7, of type 3, is not read) */
	assert_contains(r.err, ": 3 rows after the window left out (created or written after it), "
			       "25 rows changed after the window kept\n");
	char *csv = slurp(fixture_path("expected/roundcube.csv"), NULL), *want = calloc(1, strlen(csv) + 1);
	for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1)
		strncat(want, line, strcspn(line, ",")), strcat(want, "\n");
	ck_assert_str_eq(r.out, want);
	free(csv);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Every built-in time column says its kind, and the printed file says it. */
START_TEST(builtin_kinds_printed)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "profiles", "atmail", NULL });
	ck_assert_int_eq(r.status, 0);
	assert_contains(r.out, "time = DateCreate\ntime_kind = created\n");
	assert_contains(r.out, "time = LastLogin\ntime_kind = changed\nlogin_time = LastLogin\n");
	assert_contains(r.out, "time = LogDate\ntime_kind = event\nlogin_time = LogDate\n");
	assert_contains(r.out, "time = DateAdded\ntime_kind = created\n");
	run_free(&r);
	r = run_exposure((const char *[]){ "profiles", "roundcube", NULL });
	ck_assert_int_eq(r.status, 0);
	assert_contains(r.out, "time = created\ntime_kind = created\nlogin_time = last_login\n");
	ck_assert_ptr_null(strstr(r.out, "time_kind = event"));
	run_free(&r);
	remove_workdir();
}
END_TEST

Suite *window_suite(void)
{
	Suite *s = suite_create("window");
	TCase *tc = tcase_create("window");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, each_time_kind);
	tcase_add_test(tc, source_time_zone);
	tcase_add_test(tc, zone_conversion);
	tcase_add_test(tc, owner_without_users_row);
	tcase_add_test(tc, identities_are_not_third_parties);
	tcase_add_test(tc, customers_login_in_the_window);
	tcase_add_test(tc, window_ends_to_the_second);
	tcase_add_test(tc, system_account_in_any_case);
	tcase_add_test(tc, webmail_and_billing_in_one_run);
	tcase_add_test(tc, roundcube_changed_rows_stay);
	tcase_add_test(tc, builtin_kinds_printed);
	suite_add_tcase(s, tc);
	return s;
}
