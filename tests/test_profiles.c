/* Every built-in profile's fixture, the incident window and a custom profile
 * file, scanned by the binary, against expected lists derived by hand
 * (the fixtures/expected notes say why each line is what it is). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* build/fixtures/<name>.db, next to the @Mail one the Makefile builds. */
static const char *fixture_db(const char *name)
{
	static char buf[1024];
	const char *atmail = env_path("EXPOSURE_FIXTURE_DB");
	const char *slash = strrchr(atmail, '/');
	snprintf(buf, sizeof(buf), "%.*s/%s.db", (int)(slash ? slash - atmail : 1), slash ? atmail : ".", name);
	return buf;
}

static const struct {
	const char *db, *expected, *options[4];
} cases[] = {
	{ "roundcube", "roundcube.csv", { NULL } },
	{ "roundcube", "roundcube-login-domain.csv", { "--login-domain", "rc.example", NULL } },
	{ "squirrelmail", "squirrelmail.csv", { NULL } },
	{ "billing", "billing.csv", { "-p", NULL /* the profile file, filled in below */ } },
	{ "atmail", "atmail-window.csv", { "--since", "2007-03-02", "--until", "2007-03-04" } },
};

START_TEST(fixture_gives_expected_list)
{
	const char *args[12] = { "scan", "-q" };
	size_t n = 2;
	char profile[1024];
	for (size_t i = 0; i < 4 && cases[_i].options[i]; i++)
		args[n++] = cases[_i].options[i];
	if (strcmp(cases[_i].db, "billing") == 0) {
		snprintf(profile, sizeof(profile), "%s", fixture_path("billing.profile"));
		args[n++] = profile;
	}
	args[n++] = fixture_db(cases[_i].db);
	args[n] = NULL;
	make_workdir();
	struct run r = run_exposure(args);
	ck_assert_msg(r.status == 0, "%s: exit %d: %s", cases[_i].expected, r.status, r.err);
	char rel[128];
	snprintf(rel, sizeof(rel), "expected/%s", cases[_i].expected);
	char *want = slurp(fixture_path(rel), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(profile_detected)
{
	static const char *const names[] = { "atmail", "roundcube", "squirrelmail" };
	char want[64];
	make_workdir();
	struct run r = run_exposure((const char *[]){ "probe", fixture_db(names[_i]), NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	snprintf(want, sizeof(want), "\nprofile: %s\n", names[_i]);
	ck_assert_msg(strstr(r.out, want), "%s", r.out);
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(billing_not_detected_without_its_profile)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", fixture_db("billing"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "does not look like a webmail database"));
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(broken_profile_names_the_line)
{
	make_workdir();
	FILE *f = fopen(in_workdir("bad.profile"), "w");
	fputs("[extractor billing]\norigin = login\nquery = SELECT 1\nadress = billing_email\n", f);
	fclose(f);
	struct run r = run_exposure((const char *[]){ "scan", "-p", in_workdir("bad.profile"), fixture_db("billing"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, "bad.profile':4: unknown key 'adress'"), "%s", r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Soft-deleted rows are kept by default (the expected list has them); with
 * --exclude-deleted the four deleted rows are left out and said so. */
START_TEST(deleted_rows_counted_apart)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", fixture_db("roundcube"), NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "soft-deleted rows: 4 read, kept (they were in the database)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "quinn@example.net\n"));
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "--exclude-deleted", fixture_db("roundcube"), NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "soft-deleted rows: 4 read, left out (--exclude-deleted)\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "unique addresses: 20\n"));
	ck_assert_ptr_null(strstr(r.out, "bob.old@rc.example"));
	ck_assert_ptr_null(strstr(r.out, "old.friend@example.net"));
	ck_assert_ptr_null(strstr(r.out, "quinn@example.net"));
	ck_assert_ptr_nonnull(strstr(r.out, "\npat@example.org,addressbook,roundcube.db,1,2019-12-12T12:12:12Z,"
					    "2019-12-12T12:12:12Z,external,no\n"));
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(window_counts_in_summary)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-o", "/dev/null", "--since", "2007-03-02", "--until",
						      "2007-03-04", fixture_db("atmail"), NULL });
	ck_assert_int_eq(r.status, 0);
	/* only Log_SendMail 6-9, written after --until, are left out: the old rows stay */
	ck_assert_msg(strstr(r.err, "window: 2007-03-02T00:00:00Z to 2007-03-04T23:59:59Z: 4 rows after the window "
				    "left out (created or written after it), 0 rows changed after the window kept\n"
				    "rows without a time: 10 kept (1 of them a placeholder)\n"), "%s", r.err);
	ck_assert_msg(strstr(r.err, "\nunique addresses: 27\n"), "%s", r.err);
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(profiles_listed_and_printed)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "profiles", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "atmail "));
	ck_assert_ptr_nonnull(strstr(r.out, "\nroundcube "));
	ck_assert_ptr_nonnull(strstr(r.out, "\nsquirrelmail "));
	run_free(&r);
	r = run_exposure((const char *[]){ "profiles", "roundcube", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "[extractor contacts]\norigin = addressbook\ntables = contacts "
					    "collected_contacts\nquery = SELECT t.contact_id,"));
	ck_assert_ptr_nonnull(strstr(r.out, "vcard = vcard\n"));
	run_free(&r);
	/* what it prints is a profile file: it loads and scans the same */
	FILE *f = fopen(in_workdir("rc.profile"), "w");
	r = run_exposure((const char *[]){ "profiles", "roundcube", NULL });
	fputs(r.out, f);
	fclose(f);
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "-q", "-p", in_workdir("rc.profile"), fixture_db("roundcube"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *want = slurp(fixture_path("expected/roundcube.csv"), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A profile whose query returns a role's column twice is refused, not read
 * from the first of the two; an address line naming no column too. */
START_TEST(ambiguous_or_empty_columns)
{
	make_workdir();
	FILE *f = fopen(in_workdir("twice.profile"), "w");
	fputs("[extractor x]\norigin = login\nquery = SELECT customer_id, billing_email AS x, tech_email AS X "
	      "FROM customers\naddress = x\nkey = customer_id\n", f);
	fclose(f);
	struct run r = run_exposure((const char *[]){ "scan", "-p", in_workdir("twice.profile"), fixture_db("billing"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "the query returns column 'x' twice"));
	run_free(&r);
	f = fopen(in_workdir("none.profile"), "w");
	fputs("[extractor x]\norigin = login\nquery = SELECT 1 AS a\naddress = ,\nkey = a\n", f);
	fclose(f);
	r = run_exposure((const char *[]){ "scan", "-p", in_workdir("none.profile"), fixture_db("billing"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "none.profile':4: 'address' names no column"));
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(window_must_be_dates)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "--since", "last tuesday", fixture_db("atmail"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad --since 'last tuesday'"));
	run_free(&r);
	/* a blank hid the date-only form (the end of that day); a year alone was an epoch */
	static const char *const not_dates[] = { "2007-03-06 ", " 2007-03-06", "2007 ", "2007", "1173171900" };
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(*not_dates); i++) {
		char want[64];
		r = run_exposure((const char *[]){ "scan", "--until", not_dates[i], fixture_db("atmail"), NULL });
		snprintf(want, sizeof want, "bad --until '%s'", not_dates[i]);
		ck_assert_msg(r.status == 1 && strstr(r.err, want), "--until '%s': %d %s", not_dates[i], r.status, r.err);
		run_free(&r);
	}
	r = run_exposure((const char *[]){ "scan", "--since", "2007-03-05", "--until", "2007-03-01", fixture_db("atmail"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "the window is empty"));
	run_free(&r);
	remove_workdir();
}
END_TEST

Suite *profiles_suite(void)
{
	Suite *s = suite_create("profiles");
	TCase *tc = tcase_create("profiles");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, fixture_gives_expected_list, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, profile_detected, 0, 3);
	tcase_add_test(tc, billing_not_detected_without_its_profile);
	tcase_add_test(tc, broken_profile_names_the_line);
	tcase_add_test(tc, window_must_be_dates);
	tcase_add_test(tc, ambiguous_or_empty_columns);
	tcase_add_test(tc, deleted_rows_counted_apart);
	tcase_add_test(tc, window_counts_in_summary);
	tcase_add_test(tc, profiles_listed_and_printed);
	suite_add_tcase(s, tc);
	return s;
}
