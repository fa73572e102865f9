/* The whole scan of the @Mail fixture: exact counts per run and in total,
 * the exact affected list in every format, the exact rejects. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "report.h"
#include "scan.h"
#include "suites.h"
#include "rejects.h"
#include "writer.h"

struct fixture_scan {
	struct scan sc;
	struct domain_set internal;
	struct memout rejects;
};

static void scan_fixture(struct fixture_scan *f, unsigned origins)
{
	char err[512] = "";
	scan_init(&f->sc);
	domain_set_init(&f->internal);
	f->sc.origins = origins;
	memout_open(&f->rejects);
	ck_assert_int_eq(rejects_csv_header(f->rejects.f), 0);
	f->sc.on_reject = rejects_csv_row;
	f->sc.reject_ctx = f->rejects.f;
	ck_assert_int_eq(scan_add_source(&f->sc, env_path("EXPOSURE_FIXTURE_DB"), err, sizeof(err)), 0);
	ck_assert_uint_eq(scan_run_all(&f->sc), 0);
	ck_assert_int_eq(domain_set_from_logins(&f->internal, &f->sc.set), 0);
}

static void release_fixture(struct fixture_scan *f)
{
	free(memout_text(&f->rejects));
	domain_set_release(&f->internal);
	scan_release(&f->sc);
}


START_TEST(runs_exact)
{
	struct fixture_scan f;
	scan_fixture(&f, ORIGIN_ALL);
	const struct scan_source *src = &f.sc.sources[0];
	ck_assert_str_eq(src->name, "atmail.db");
	ck_assert_str_eq(src->profile->name, "atmail");
	ck_assert_uint_eq(src->n_runs, atmail_expected_runs_n);
	ck_assert_uint_eq(src->n_absent, 0);
	for (size_t i = 0; i < src->n_runs; i++) {
		const struct scan_run *r = &src->runs[i];
		ck_assert_str_eq(r->ex->name, atmail_expected_runs[i].extractor);
		ck_assert_str_eq(r->table, atmail_expected_runs[i].table);
		ck_assert_uint_eq(r->rows, atmail_expected_runs[i].rows);
		ck_assert_uint_eq(r->fields, atmail_expected_runs[i].fields);
		ck_assert_uint_eq(r->nulls, atmail_expected_runs[i].nulls);
		ck_assert_uint_eq(r->accepted, atmail_expected_runs[i].accepted);
		ck_assert_uint_eq(r->rejected, atmail_expected_runs[i].rejected);
		uint64_t by_reason = 0;
		for (int k = 0; k < ADDR_REJECT_COUNT; k++)
			by_reason += r->rejects[k];
		ck_assert_uint_eq(by_reason, r->rejected);
	}
	release_fixture(&f);
}
END_TEST

START_TEST(totals_exact)
{
	struct fixture_scan f;
	struct report_totals t;
	scan_fixture(&f, ORIGIN_ALL);
	report_totals(&f.sc, &f.internal, &t);
	ck_assert_uint_eq(t.rows, 41);
	ck_assert_uint_eq(t.timed, 31);
	ck_assert_uint_eq(t.bad_times, 0);
	ck_assert_uint_eq(t.system_rows, 2);
	ck_assert_uint_eq(t.fields, 50);
	ck_assert_uint_eq(t.nulls, 40);
	ck_assert_uint_eq(t.accepted, 50);
	ck_assert_uint_eq(t.rejected, 9);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_EMPTY], 3);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_NO_AT], 1);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_BAD_DOMAIN], 1);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_SINGLE_LABEL], 1); /* x@y, issue 12 */
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_TRUNCATED], 2);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_SYSTEM_ACCOUNT], 1);
	ck_assert_uint_eq(t.rejects[ADDR_REJECT_AMBIGUOUS], 0);
	ck_assert_uint_eq(t.anomalies, 0);
	ck_assert_uint_eq(t.unique, 31);
	ck_assert_uint_eq(t.by_origin[ORIGIN_LOGIN], 11);
	ck_assert_uint_eq(t.by_origin[ORIGIN_ADDRESSBOOK], 12);
	ck_assert_uint_eq(t.by_origin[ORIGIN_SENT], 13);
	ck_assert_uint_eq(t.by_overlap[1u << ORIGIN_LOGIN], 9); /* with 9lives, an owner only */
	ck_assert_uint_eq(t.by_overlap[1u << ORIGIN_ADDRESSBOOK], 7);
	ck_assert_uint_eq(t.by_overlap[1u << ORIGIN_SENT], 10);
	ck_assert_uint_eq(t.by_overlap[(1u << ORIGIN_LOGIN) | (1u << ORIGIN_ADDRESSBOOK)], 2);
	ck_assert_uint_eq(t.by_overlap[(1u << ORIGIN_ADDRESSBOOK) | (1u << ORIGIN_SENT)], 3);
	ck_assert_uint_eq(t.by_overlap[ORIGIN_ALL], 0);
	ck_assert_uint_eq(t.by_source[0], 31);
	ck_assert_uint_eq(t.internal, 9);
	ck_assert_uint_eq(t.external, 22);
	ck_assert_uint_eq(f.internal.n, 1);
	ck_assert(domain_set_has(&f.internal, "isp.example"));
	release_fixture(&f);
}
END_TEST

static const char *const formats[] = { "csv", "jsonl", "list", "sha256", "md5" };

START_TEST(every_writer_matches_expected)
{
	struct fixture_scan f;
	struct memout m;
	char rel[64];
	scan_fixture(&f, ORIGIN_ALL);
	memout_open(&m);
	ck_assert_int_eq(writer_write_scan(list_format_find(formats[_i]), m.f, &f.sc, &f.internal), 0);
	char *got = memout_text(&m);
	snprintf(rel, sizeof(rel), "expected/atmail.%s", formats[_i]);
	char *want = slurp(fixture_path(rel), NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	release_fixture(&f);
}
END_TEST

/* The JSON summary of the fixture, key for key (its numbers are the ones
 * totals_exact asserts one by one). */
START_TEST(json_summary_matches_expected)
{
	struct fixture_scan f;
	struct memout m;
	scan_fixture(&f, ORIGIN_ALL);
	memout_open(&m);
	ck_assert_int_eq(report_json(m.f, &f.sc, &f.internal, 0), 0);
	char *got = memout_text(&m);
	char *want = slurp(fixture_path("expected/atmail.summary.json"), NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	release_fixture(&f);
}
END_TEST

START_TEST(rejects_match_expected)
{
	struct fixture_scan f;
	scan_fixture(&f, ORIGIN_ALL);
	char *got = memout_text(&f.rejects);
	memout_open(&f.rejects); /* so that release has one to close */
	char *want = slurp(fixture_path("expected/atmail.rejects.csv"), NULL);
	ck_assert_str_eq(got, want);
	ck_assert_ptr_null(strstr(got, "NEVER-READ-ME")); /* password columns are never read */
	free(got);
	free(want);
	release_fixture(&f);
}
END_TEST

/* --origins sent: only the sent log is read, and exactly its 13 addresses. */
START_TEST(origins_select_extractors)
{
	struct fixture_scan f;
	struct report_totals t;
	scan_fixture(&f, 1u << ORIGIN_SENT);
	report_totals(&f.sc, &f.internal, &t);
	ck_assert_uint_eq(f.sc.sources[0].n_runs, 1);
	ck_assert_str_eq(f.sc.sources[0].runs[0].table, "Log_SendMail");
	ck_assert_uint_eq(t.unique, 13);
	ck_assert_uint_eq(t.by_origin[ORIGIN_SENT], 13);
	ck_assert_uint_eq(t.rows, 11);
	release_fixture(&f);
}
END_TEST

/* --origins addressbook reads no login table; the owners still say which
 * domain is the customers'. */
START_TEST(internal_without_logins)
{
	struct fixture_scan f;
	struct report_totals t;
	scan_fixture(&f, 1u << ORIGIN_ADDRESSBOOK);
	report_totals(&f.sc, &f.internal, &t);
	ck_assert_uint_eq(t.unique, 12);
	ck_assert_uint_eq(t.internal, 3);
	ck_assert_uint_eq(t.external, 9);
	ck_assert(domain_set_has(&f.internal, "isp.example"));
	ck_assert_uint_eq(f.internal.n, 1);
	release_fixture(&f);
}
END_TEST

START_TEST(logmsg_prefix)
{
	static const struct {
		const char *in;
		size_t skip;
	} cases[] = {
		{ "10.0.0.1:ann@example.com", 9 },
		{ "WebMail:10.0.0.2:tom@example.com", 17 },
		{ "webmail:10.0.0.2:tom@example.com", 17 },
		{ "2001:db8::1:xena@example.com", 12 },
		{ "10.0.0.1:cafe@example.com", 9 },
		{ "ann@example.com", 0 },
		{ "", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_uint_eq(atmail_logmsg_prefix(cases[i].in, strlen(cases[i].in)), cases[i].skip);
}
END_TEST

Suite *scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("atmail fixture");
	tcase_add_test(tc, runs_exact);
	tcase_add_test(tc, totals_exact);
	tcase_add_loop_test(tc, every_writer_matches_expected, 0, (int)(sizeof(formats) / sizeof(formats[0])));
	tcase_add_test(tc, rejects_match_expected);
	tcase_add_test(tc, json_summary_matches_expected);
	tcase_add_test(tc, origins_select_extractors);
	tcase_add_test(tc, internal_without_logins);
	tcase_add_test(tc, logmsg_prefix);
	suite_add_tcase(s, tc);
	return s;
}
