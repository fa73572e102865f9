/* Times, table globs, origin lists, source URIs. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "connector.h"
#include "helpers.h"
#include "profile.h"
#include "suites.h"
#include "timeutil.h"
#include "vcard.h"

START_TEST(times_parse)
{
	static const struct {
		const char *in;
		enum time_parse want;
		int64_t t;
	} cases[] = {
		{ "1172750400", TIME_PARSED, 1172750400 },
		{ "2007-03-01 12:00:00", TIME_PARSED, 1172750400 },
		{ "2007-03-01T12:00:00Z", TIME_PARSED, 1172750400 },
		{ "2007-03-01T14:00:00+02:00", TIME_PARSED, 1172750400 },
		{ "2007-03-01 07:00:00-0500", TIME_PARSED, 1172750400 },
		{ "2007-03-01 12:00:00.123456", TIME_PARSED, 1172750400 },
		{ "2007-03-01 12:00", TIME_PARSED, 1172750400 },
		{ "2007-03-01", TIME_PARSED, 1172707200 },
		{ "1969-12-31 23:59:59", TIME_PARSED, -1 },
		{ "2000-02-29 00:00:00", TIME_PARSED, 951782400 },
		{ " 2007-03-01 ", TIME_PARSED, 1172707200 },
		{ "", TIME_ABSENT, 0 },
		{ "0", TIME_PLACEHOLDER, 0 },
		{ "0000-00-00 00:00:00", TIME_PLACEHOLDER, 0 },
		{ "0000-00-00", TIME_PLACEHOLDER, 0 },
		{ "1000-01-01 00:00:00", TIME_PLACEHOLDER, 0 },
		{ "1000-01-01 00:00:00.000000", TIME_PLACEHOLDER, 0 },
		{ "1000-01-01 00:00:00+00", TIME_PLACEHOLDER, 0 },
		{ "1000-01-01 00:00:01", TIME_PARSED, -30610223999 },
		{ "1000-01-01 00:00:00+01:00", TIME_PARSED, -30610227600 },
		{ "yesterday", TIME_UNPARSED, 0 },
		{ "2007-13-01", TIME_UNPARSED, 0 },
		{ "2007-02-29", TIME_UNPARSED, 0 },
		{ "2007-04-31 10:00:00", TIME_UNPARSED, 0 },
		{ "2008-02-29", TIME_PARSED, 1204243200 },
		{ "99999999999", TIME_UNPARSED, 0 },
		{ "4102444800", TIME_PARSED, 4102444800 },
		{ "2007-03-01 25:00:00", TIME_UNPARSED, 0 },
		{ "2007-03-01 12:00:00 junk", TIME_UNPARSED, 0 },
		{ "2007-03-01X", TIME_UNPARSED, 0 },
		/* an offset must not carry a time past the years it is written in */
		{ "0000-01-01T00:00:00Z", TIME_PARSED, TIME_MIN },
		{ "0000-01-01T00:30:00+01:00", TIME_UNPARSED, 0 },
		{ "9999-12-31T23:59:59Z", TIME_PARSED, TIME_MAX },
		{ "9999-12-31T23:00:00-01:00", TIME_UNPARSED, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t = 0;
		enum time_parse got = time_parse(cases[i].in, strlen(cases[i].in), &t);
		ck_assert_msg(got == cases[i].want, "'%s': got %d", cases[i].in, got);
		if (got == TIME_PARSED)
			ck_assert_msg(t == cases[i].t, "'%s': got %lld", cases[i].in, (long long)t);
	}
}
END_TEST

START_TEST(times_format)
{
	char buf[21];
	time_format(1172750400, buf);
	ck_assert_str_eq(buf, "2007-03-01T12:00:00Z");
	time_format(0, buf);
	ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
	time_format(-1, buf);
	ck_assert_str_eq(buf, "1969-12-31T23:59:59Z");
	time_format(951782400 + 86399, buf);
	ck_assert_str_eq(buf, "2000-02-29T23:59:59Z");
	/* fuzzing found "-001-12-31T23:00:00Z" and a cut "10000-01-01T23:58:59" */
	time_format(TIME_MIN - 3600, buf);
	ck_assert_str_eq(buf, "0000-01-01T00:00:00Z");
	time_format(TIME_MAX + 86400, buf);
	ck_assert_str_eq(buf, "9999-12-31T23:59:59Z");
}
END_TEST

START_TEST(globs)
{
	ck_assert(glob_match_ci("Abook_?", "abook_a"));
	ck_assert(glob_match_ci("Abook_?", "ABOOK_Z"));
	ck_assert(!glob_match_ci("Abook_?", "Abook_other"));
	ck_assert(!glob_match_ci("Abook_?", "AbookGroup_a"));
	ck_assert(glob_match_ci("*_other", "ABOOK_Other"));
	ck_assert(glob_match_ci("a*b*c", "aXXbYYc"));
	ck_assert(!glob_match_ci("a*b*c", "aXXbYY"));
	ck_assert(glob_list_match_ci("Abook_? Abook_other Abook_shared", "abook_shared"));
	ck_assert(!glob_list_match_ci("Abook_? Abook_other Abook_shared", "abook_backup"));
	ck_assert(glob_list_match_ci("Users", "users"));
	ck_assert(!glob_list_match_ci("Users", "UserSession"));
}
END_TEST

START_TEST(origin_lists)
{
	unsigned m;
	ck_assert_int_eq(origins_parse("login,sent", &m), 0);
	ck_assert_uint_eq(m, (1u << ORIGIN_LOGIN) | (1u << ORIGIN_SENT));
	ck_assert_int_eq(origins_parse("Addressbook", &m), 0);
	ck_assert_uint_eq(m, 1u << ORIGIN_ADDRESSBOOK);
	ck_assert_int_eq(origins_parse("login,spam", &m), -1);
	ck_assert_int_eq(origins_parse("", &m), -1);
}
END_TEST

START_TEST(source_uris)
{
	const struct connector *impl;
	const char *loc;
	char err[256] = "";
	ck_assert_int_eq(connector_lookup("sqlite:x.db", &impl, &loc, err, sizeof(err)), 0);
	ck_assert_str_eq(impl->name, "sqlite");
	ck_assert_str_eq(loc, "x.db");
	ck_assert_int_eq(connector_lookup("/var/evidence/x.db", &impl, &loc, err, sizeof(err)), 0);
	ck_assert_str_eq(loc, "/var/evidence/x.db");
	ck_assert_int_eq(connector_lookup("case:2007.db", &impl, &loc, err, sizeof(err)), 0);
	ck_assert_str_eq(loc, "case:2007.db");
	ck_assert_int_eq(connector_lookup("oracle://db/x", &impl, &loc, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown source scheme 'oracle'"));
}
END_TEST

static int collect_value(void *ctx, const char *v, size_t len)
{
	char *out = ctx;
	strcat(out, "[");
	strncat(out, v, len);
	strcat(out, "]");
	return 0;
}

START_TEST(vcard_email_lines)
{
	static const struct {
		const char *card;
		int n;
		const char *want;
	} cases[] = {
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL;TYPE=home:ann@x.org\r\nEND:VCARD\r\n", 1, "[ann@x.org]" },
		{ "BEGIN:VCARD\nEMAIL:a@x.org\nitem1.EMAIL;type=INTERNET:b@y.org\nemail;type=work: c@z.org \nEND:VCARD", 3,
		  "[a@x.org][b@y.org][c@z.org]" },
		{ "BEGIN:VCARD\r\nEMAIL;TYPE=work:very.long.name@exa\r\n mple.org\r\nEND:VCARD", 1,
		  "[very.long.name@example.org]" },
		{ "BEGIN:VCARD\nEMAILS:not@this.org\nX-EMAIL:nor@this.org\nNOTE:EMAIL:x@y.org\nEND:VCARD", 0, "" },
		{ "BEGIN:VCARD\nFN:No Mail\nEND:VCARD", 0, "" },
		{ "", 0, "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char got[256] = "";
		int n = vcard_emails(cases[i].card, strlen(cases[i].card), collect_value, got);
		ck_assert_msg(n == cases[i].n, "case %zu: %d EMAIL lines", i, n);
		ck_assert_str_eq(got, cases[i].want);
	}
}
END_TEST

static int collect_bytes(void *ctx, const char *v, size_t len)
{
	char *out = ctx;
	size_t used = strlen(out);
	for (size_t i = 0; i < len; i++)
		used += (size_t)sprintf(out + used, (unsigned char)v[i] < 0x20 ? "\\x%02x" : "%c", (unsigned char)v[i]);
	strcat(out, "|");
	return 0;
}

/* Fuzzing found both: a NUL ended the line (the rest of the value vanished
 * with no reject), and a ':' inside a quoted parameter cut the value. */
START_TEST(vcard_nul_and_quoted_parameters)
{
	static const char nul_card[] = "BEGIN:VCARD\nEMAIL:d@x.org\0\x01\x02garbage\nEND:VCARD";
	char got[256] = "";
	ck_assert_int_eq(vcard_emails(nul_card, sizeof(nul_card) - 1, collect_bytes, got), 1);
	ck_assert_str_eq(got, "d@x.org\\x00\\x01\\x02garbage|");

	static const char *quoted = "BEGIN:VCARD\nEMAIL;X-LABEL=\"home: main\":e@y.org\n"
				    "EMAIL;X-A=\"x;y\";TYPE=work:f@z.org\nNOTE;X=\"EMAIL:\":g@w.org\nEND:VCARD";
	got[0] = '\0';
	ck_assert_int_eq(vcard_emails(quoted, strlen(quoted), collect_bytes, got), 2);
	ck_assert_str_eq(got, "e@y.org|f@z.org|");
}
END_TEST

static int note_run(void *ctx, const struct extractor *ex, const char *table)
{
	char *seen = ctx;
	(void)ex;
	strcat(seen, table ? table : "(own)");
	strcat(seen, " ");
	return strcmp(table ? table : "", "stop") == 0;
}

/* The one rule of which tables an extractor reads, as scan and probe use
 * it: its globs' matches, or one run of a query of its own. */
START_TEST(extractor_runs)
{
	char *tables[] = { "Abook_a", "abook_b", "Users", "stop" };
	struct extractor globbed = { .name = "abook", .tables = "Abook_? stop" };
	struct extractor own = { .name = "billing", .tables = NULL };
	struct extractor absent = { .name = "x", .tables = "Log_*" };
	char seen[200] = "";
	ck_assert_int_eq(extractor_each_run(&globbed, tables, 3, note_run, seen), 2);
	ck_assert_str_eq(seen, "Abook_a abook_b ");
	seen[0] = '\0';
	ck_assert_int_eq(extractor_each_run(&own, tables, 4, note_run, seen), 1);
	ck_assert_str_eq(seen, "(own) ");
	seen[0] = '\0';
	ck_assert_int_eq(extractor_each_run(&absent, tables, 4, note_run, seen), 0);
	ck_assert_str_eq(seen, "");
	ck_assert_int_eq(extractor_each_run(&globbed, tables, 4, note_run, seen), -1); /* fn stopped it */
	ck_assert_str_eq(seen, "Abook_a abook_b stop ");
	ck_assert(extractor_reads_table(&globbed, "ABOOK_A"));
	ck_assert(!extractor_reads_table(&own, "customers")); /* its query names its own tables */
}
END_TEST

/* The filters are named once, for the loader, the printer and the scan. */
START_TEST(filter_names)
{
	enum field_filter f = FILTER_NONE;
	char names[64];
	ck_assert_int_eq(field_filter_parse("ATMAIL-LOGMSG", &f), 0);
	ck_assert_int_eq(f, FILTER_ATMAIL_LOGMSG);
	ck_assert_int_eq(field_filter_parse("html", &f), -1);
	ck_assert_int_eq(f, FILTER_ATMAIL_LOGMSG);
	ck_assert_str_eq(field_filter_name(FILTER_VCARD), "vcard");
	field_filter_names(names, sizeof(names));
	ck_assert_str_eq(names, "none, atmail-logmsg or vcard");
	ck_assert_uint_eq(field_filter_skip(FILTER_ATMAIL_LOGMSG, "10.0.0.1:a@b.example", 20), 9);
	ck_assert_uint_eq(field_filter_skip(FILTER_NONE, "10.0.0.1:a@b.example", 20), 0);
	ck_assert_uint_eq(field_filter_skip(FILTER_VCARD, "10.0.0.1:a@b.example", 20), 0);
}
END_TEST

/* The one same-file test of every command: an existing file by device and
 * inode, one not yet there by its directory's real path and its name. */
START_TEST(same_output_paths)
{
	make_workdir();
	char a[600], linked[600], dotted[700], other[600];
	snprintf(a, sizeof(a), "%s", in_workdir("a.csv"));
	snprintf(linked, sizeof(linked), "%s", in_workdir("link.csv"));
	snprintf(other, sizeof(other), "%s", in_workdir("b.csv"));
	/* not yet there: the same name in the same directory however written */
	char dir[600];
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(a, '/') - a), a);
	snprintf(dotted, sizeof(dotted), "%s/./../%s/a.csv", dir, strrchr(dir, '/') + 1);
	ck_assert(outfile_same_file(a, dotted));
	ck_assert(!outfile_same_file(a, other));
	/* there: a hard link is the same file, /dev/null is itself */
	FILE *f = fopen(a, "w");
	fclose(f);
	ck_assert_int_eq(link(a, linked), 0);
	ck_assert(outfile_same_file(a, linked));
	ck_assert(outfile_same_file(dotted, linked));
	ck_assert(!outfile_same_file(a, other)); /* one there, one not */
	ck_assert(outfile_same_file("/dev/null", "/dev/../dev/null"));
	/* two names of one device are two outputs (a terminal behind
	 * /dev/stdout and /dev/stderr): only regular files go by inode */
	ck_assert_int_eq(symlink("/dev/null", in_workdir("n1")), 0);
	ck_assert_int_eq(symlink("/dev/null", in_workdir("n2")), 0);
	ck_assert(!outfile_same_file(in_workdir("n1"), in_workdir("n2")));
	/* standard output */
	ck_assert(outfile_same_output(NULL, "-"));
	ck_assert(!outfile_same_output("-", a));
	ck_assert(!outfile_same_output(a, NULL));
	ck_assert(outfile_same_output(linked, a));
	unlink(a);
	unlink(linked);
	remove_workdir();
}
END_TEST

/* The exit codes' meanings, as every help text prints them. */
START_TEST(exit_code_meanings)
{
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_OK), "done");
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_USAGE), "usage error, bad input, or an output file in the way");
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_FAILED),
			 "a source or input could not be read, or output could not be written");
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_ANOMALIES), "done, but some values look corrupt or hostile");
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_PARTIAL),
			 "partial: written with --keep-going although a source failed");
	ck_assert_str_eq(cli_exit_meaning(CLI_EXIT_COUNT), "?");
	ck_assert_uint_eq(cli_parse_count("64", 64), 64);
	ck_assert_uint_eq(cli_parse_count("65", 64), 0);
	ck_assert_uint_eq(cli_parse_count("0", 64), 0);
	ck_assert_uint_eq(cli_parse_count("+3", 64), 0);
	ck_assert_uint_eq(cli_parse_count("3x", 64), 0);
}
END_TEST

Suite *misc_suite(void)
{
	Suite *s = suite_create("misc");
	TCase *tc = tcase_create("misc");
	tcase_add_test(tc, times_parse);
	tcase_add_test(tc, times_format);
	tcase_add_test(tc, globs);
	tcase_add_test(tc, origin_lists);
	tcase_add_test(tc, source_uris);
	tcase_add_test(tc, vcard_email_lines);
	tcase_add_test(tc, vcard_nul_and_quoted_parameters);
	tcase_add_test(tc, same_output_paths);
	tcase_add_test(tc, extractor_runs);
	tcase_add_test(tc, filter_names);
	tcase_add_test(tc, exit_code_meanings);
	suite_add_tcase(s, tc);
	return s;
}
