/* The HTML summary of the @Mail fixture scan: the numbers of its JSON
 * summary (fixtures/expected/atmail.summary.json), nothing fetched, nothing
 * run, every string from the data escaped, no address; and the page as
 * headless Chromium renders it (a screenshot, and the numbers in its DOM). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "report.h"
#include "scan.h"
#include "suites.h"

#define CHROMIUM "/usr/bin/chromium"
#define CHROMIUM_TIMEOUT_S 60

extern char **environ;

struct fixture_page {
	struct scan sc;
	struct domain_set internal;
	char *html;
};

/* Scan the given sources ([NAME=]URI) and render the page; expect `failed` failures. */
static void page_of(struct fixture_page *p, const char *const *sources, size_t failed)
{
	char err[512] = "";
	struct memout m;
	scan_init(&p->sc);
	domain_set_init(&p->internal);
	for (size_t i = 0; sources[i]; i++)
		ck_assert_msg(scan_add_source(&p->sc, sources[i], err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(scan_run_all(&p->sc), failed);
	ck_assert_int_eq(domain_set_from_logins(&p->internal, &p->sc.set), 0);
	memout_open(&m);
	ck_assert_int_eq(report_html(m.f, &p->sc, &p->internal, 0), 0);
	p->html = memout_text(&m);
}

static void fixture_page(struct fixture_page *p)
{
	const char *sources[] = { env_path("EXPOSURE_FIXTURE_DB"), NULL };
	page_of(p, sources, 0);
}

static void page_release(struct fixture_page *p)
{
	free(p->html);
	domain_set_release(&p->internal);
	scan_release(&p->sc);
}

static void assert_has(const char *html, const char *want)
{
	ck_assert_msg(strstr(html, want) != NULL, "the page lacks: %s", want);
}

/* A two-column row: the label, then the count. */
static void assert_row(const char *html, const char *label, uint64_t n)
{
	char want[256];
	snprintf(want, sizeof(want), "<th scope=\"row\">%s</th><td class=\"n\">%" PRIu64 "</td>", label, n);
	assert_has(html, want);
}

/* the fixture's runs, then the source's total row */
static const struct expected_run source_total = { "source total", "", 41, 50, 40, 50, 9 };


static void assert_runs(const char *html)
{
	char want[512];
	for (size_t i = 0; i <= atmail_expected_runs_n; i++) {
		const struct expected_run *r = i < atmail_expected_runs_n ? &atmail_expected_runs[i] : &source_total;
		snprintf(want, sizeof(want),
			 "<td>%s</td><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
			 "<td class=\"n\">%u</td><td class=\"n\">%u</td></tr>",
			 r->extractor, r->table, r->rows, r->fields, r->nulls, r->accepted, r->rejected);
		assert_has(html, want);
	}
}

static void assert_unique(const char *html)
{
	static const struct {
		const char *label;
		uint64_t n;
	} rows[] = {
		{ "unique addresses", 31 }, { "login", 11 }, { "addressbook", 12 }, { "sent", 13 },
		{ "login only", 9 }, { "addressbook only", 7 }, { "login + addressbook", 2 }, { "sent only", 10 },
		{ "login + sent", 0 }, { "addressbook + sent", 3 }, { "login + addressbook + sent", 0 },
		{ "atmail.db", 31 }, { "internal", 9 }, { "external", 22 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_row(html, rows[i].label, rows[i].n);
	assert_has(html, "<tr><th scope=\"row\">example.com</th><td>external</td><td class=\"n\">15</td></tr>");
	assert_has(html, "<tr><th scope=\"row\">isp.example</th><td>internal</td><td class=\"n\">9</td></tr>");
	assert_has(html, "<tr><th scope=\"row\">xn--mnchen-3ya.example</th><td>external</td><td class=\"n\">1</td></tr>");
	assert_has(html, "the top 6 of 6 domains");
	assert_has(html, "from the logins and the owner accounts): isp.example</p>");
}

static void assert_reads(const char *html)
{
	static const struct {
		const char *label;
		uint64_t n;
	} rows[] = {
		{ "rows read", 41 }, { "rows with a time", 31 }, { "rows of the system account", 2 },
		{ "address fields read", 50 }, { "null address fields", 40 }, { "accepted", 50 }, { "rejected", 9 },
		{ "items (accepted + rejected)", 59 }, { "empty", 3 }, { "no-at-sign", 1 }, { "bad-domain", 1 },
		{ "truncated", 2 }, { "system-account", 1 }, { "single-label-domain", 1 }, { "ambiguous", 0 },
		{ "bad-idn", 0 },
		{ "rows after the window (created or written after it: left out)", 0 },
		{ "rows changed after the window (kept)", 0 }, { "rows without a time (kept)", 10 },
		{ "placeholder times (no time)", 1 }, { "soft-deleted rows read", 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_row(html, rows[i].label, rows[i].n);
	assert_has(html, "items <b>59</b> = <b>50</b> accepted + <b>9</b> rejected");
	assert_has(html, "<tr><td>2006-01-10</td><td>2007-03-06</td><td class=\"n\">20</td><td>2007-03-02 (6 rows)</td>"
			 "<td class=\"n\">31</td><td class=\"n\">10</td></tr>");
	assert_has(html, "<th scope=\"row\">since</th><td class=\"n\">open</td>");
	assert_has(html, "</td><td>atmail</td><td>UTC</td><td>read</td></tr>"); /* the zone its times were read in */
	assert_has(html, "<th scope=\"row\">failed sources</th><td></td><td></td><td></td><td>0</td>");
}

/* Every number the JSON summary of the fixture holds (fixtures/expected/atmail.summary.json). */
static void assert_fixture_numbers(const char *html)
{
	assert_runs(html);
	assert_unique(html);
	assert_reads(html);
}

START_TEST(fixture_numbers)
{
	struct fixture_page p;
	fixture_page(&p);
	assert_fixture_numbers(p.html);
	ck_assert_ptr_null(strstr(p.html, "PARTIAL"));
	page_release(&p);
}
END_TEST

START_TEST(self_contained)
{
	static const char *const banned[] = { "<script", "http://", "https://", "url(", "@import", "src=", "href=",
					      "<link", "<img", "<iframe", "<object", "onload=" };
	struct fixture_page p;
	fixture_page(&p);
	ck_assert_int_eq(strncmp(p.html, "<!DOCTYPE html>\n<html lang=\"en\">", 32), 0);
	assert_has(p.html, "<meta charset=\"utf-8\">");
	assert_has(p.html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'");
	assert_has(p.html, "<svg");
	ck_assert_uint_ge(strlen(p.html), 8);
	ck_assert_str_eq(p.html + strlen(p.html) - 8, "</html>\n");
	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		ck_assert_msg(strstr(p.html, banned[i]) == NULL, "the page holds %s", banned[i]);
	for (const struct addr_entry *e = p.sc.set.by_addr; e; e = e->hh.next)
		ck_assert_msg(strstr(p.html, e->addr) == NULL, "the page holds the address %s", e->addr);
	page_release(&p);
}
END_TEST

/* A failed source whose name and error hold markup, a control character
 * and a byte that is not UTF-8; a tagged source whose name is too long for a chart label. */
START_TEST(escapes_data)
{
	char tagged[4200];
	snprintf(tagged, sizeof(tagged), "the-mail-archive-of-the-year-2007.db=%s", env_path("EXPOSURE_FIXTURE_DB"));
	const char *sources[] = { tagged, "/nonexistent-exposure-dir/a<b>&'\x01\xffx.db", NULL };
	struct fixture_page p;
	page_of(&p, sources, 1);
	assert_has(p.html, "<strong>PARTIAL RESULT</strong>: 1 source failed");
	assert_has(p.html, "<li><b>a&lt;b&gt;&amp;&#39;&#xFFFD;&#xFFFD;x.db</b>: cannot open "
			   "&#39;/nonexistent-exposure-dir/a&lt;b&gt;&amp;&#39;&#xFFFD;&#xFFFD;x.db&#39;");
	assert_row(p.html, "a&lt;b&gt;&amp;&#39;&#xFFFD;&#xFFFD;x.db", 0);
	assert_row(p.html, "the-mail-archive-of-the-year-2007.db", 31);
	assert_has(p.html, ">the-mail-archive-of-the-&#8230;</text>");
	ck_assert_ptr_null(strstr(p.html, "a<b>"));
	ck_assert_ptr_null(strchr(p.html, '\x01'));
	ck_assert_ptr_null(strchr(p.html, '\xff'));
	page_release(&p);
}
END_TEST

START_TEST(write_error)
{
	struct fixture_page p;
	fixture_page(&p);
	FILE *f = fopen("/dev/full", "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_html(f, &p.sc, &p.internal, 0), -1);
	fclose(f);
	page_release(&p);
}
END_TEST

/* ---- a timeline of thousands of days ------------------------------------ */

/* The fixture with a login a day for 3000 days from 2010-01-01, but every
 * third of the first 2500: 2166 more rows on 2166 more days. */
static const char *fixture_with_many_days(void)
{
	size_t len;
	char *db = slurp(env_path("EXPOSURE_FIXTURE_DB"), &len);
	const char *path = in_workdir("days.db");
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(db, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	free(db);
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
					 "INSERT INTO Log_Login (Account, LogMsg, LogDate) SELECT 'u' || (i % 50) || "
					 "'@isp.example', 'Access', date('2010-01-01', '+' || i || ' days') || ' 10:00:00' "
					 "FROM n WHERE i % 3 <> 1 OR i > 2500", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(s);
	return path;
}

static size_t count_in(const char *from, const char *to, const char *what)
{
	size_t n = 0;
	for (const char *s = from; (s = strstr(s, what)) && s < to; s += strlen(what))
		n++;
	return n;
}

START_TEST(timeline_many_days)
{
	make_workdir();
	const char *sources[] = { fixture_with_many_days(), NULL };
	struct fixture_page p;
	page_of(&p, sources, 0);
	/* 2006-01-10 to 2018-03-19: 4452 days, 560 bars of 2 px at most: 8 days a bar */
	assert_has(p.html, "by day: each bar sums 8 days.");
	assert_has(p.html, "<tr><td>2006-01-10</td><td>2018-03-19</td><td class=\"n\">2186</td>"
			   "<td>2007-03-02 (6 rows)</td><td class=\"n\">2197</td><td class=\"n\">10</td></tr>");
	const char *svg = strstr(p.html, "<title>rows with a time, by day</title>");
	ck_assert_ptr_nonnull(svg);
	const char *end = strstr(svg, "</svg>");
	size_t bars = count_in(svg, end, "<rect ");
	ck_assert_uint_gt(bars, 270);
	ck_assert_uint_le(bars, 560);
	assert_has(svg, ">2006-01-10</text>");
	assert_has(svg, ">2018-03-19</text>");
	assert_has(svg, ">2012</text>");
	assert_has(svg, "<title>2009-12-28 to 2010-01-04: 3 rows</title>"); /* bars start on the first day */
	page_release(&p);
	remove_workdir();
}
END_TEST

/* ---- the page in headless Chromium -------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Chromium with the page, in a process group of its own that is killed
 * after CHROMIUM_TIMEOUT_S; its standard output into out. The exit status. */
static int run_chromium(const char *what, const char *page, const char *out)
{
	char profile[] = "/tmp/exposure-chromium-XXXXXX", data_dir[64], url[600];
	ck_assert_ptr_nonnull(mkdtemp(profile));
	snprintf(data_dir, sizeof(data_dir), "--user-data-dir=%s", profile);
	snprintf(url, sizeof(url), "file://%s", page);
	const char *argv[] = { CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			       "--no-first-run", "--disable-background-networking", "--disable-component-update",
			       "--disable-sync", data_dir, what, "--window-size=1280,2000", url, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	pid_t pid;
	ck_assert_int_eq(posix_spawn(&pid, CHROMIUM, &fa, &attr, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	int ws = 0;
	pid_t got = 0;
	for (int tick = 0; tick < CHROMIUM_TIMEOUT_S * 10 && (got = waitpid(pid, &ws, WNOHANG)) == 0; tick++)
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	if (got == 0) {
		kill(-pid, SIGKILL);
		waitpid(pid, &ws, 0);
	}
	nftw(profile, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	ck_assert_msg(got == pid, "chromium %s: no answer in %d s", what, CHROMIUM_TIMEOUT_S);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PNG of 1280 x 2000 whose size says it holds more than a blank page. */
static void assert_screenshot(const char *path)
{
	size_t len;
	unsigned char *png = (unsigned char *)slurp(path, &len);
	ck_assert_uint_gt(len, 40000);
	ck_assert_int_eq(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
	ck_assert_int_eq(memcmp(png + 12, "IHDR", 4), 0);
	ck_assert_uint_eq(be32(png + 16), 1280);
	ck_assert_uint_eq(be32(png + 20), 2000);
	free(png);
}

static void page_by_cli(const char *page)
{
	const char *args[] = { "scan", "--quiet", "--summary", page, "-o", in_workdir("affected.csv"),
			       env_path("EXPOSURE_FIXTURE_DB"), NULL };
	struct run r = run_exposure(args);
	ck_assert_msg(r.status == 0, "exposure: %d: %s", r.status, r.err);
	run_free(&r);
	struct stat st;
	ck_assert_int_eq(stat(page, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
}

START_TEST(renders_in_chromium)
{
	make_workdir();
	char page[512], png[512], dom[512];
	snprintf(page, sizeof(page), "%s", in_workdir("summary.html"));
	snprintf(png, sizeof(png), "%s", in_workdir("summary.png"));
	snprintf(dom, sizeof(dom), "%s", in_workdir("summary.dom"));
	page_by_cli(page);
	char *html = slurp(page, NULL);
	assert_fixture_numbers(html);
	free(html);
	if (getenv("EXPOSURE_SKIP_HEAVY")) {
		fprintf(stderr, "report_html: rendering skipped here (EXPOSURE_SKIP_HEAVY)\n");
	} else if (access(CHROMIUM, X_OK) != 0) {
		fprintf(stderr, "report_html: skipped: no chromium\n");
	} else {
		char arg[600];
		snprintf(arg, sizeof(arg), "--screenshot=%s", png);
		ck_assert_int_eq(run_chromium(arg, page, in_workdir("chromium.out")), 0);
		assert_screenshot(png);
		ck_assert_int_eq(run_chromium("--dump-dom", page, dom), 0);
		char *text = slurp(dom, NULL);
		assert_has(text, "<svg");
		assert_fixture_numbers(text);
		free(text);
	}
	remove_workdir();
}
END_TEST

Suite *report_html_suite(void)
{
	Suite *s = suite_create("report_html");
	TCase *tc = tcase_create("page");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fixture_numbers);
	tcase_add_test(tc, self_contained);
	tcase_add_test(tc, escapes_data);
	tcase_add_test(tc, write_error);
	tcase_add_test(tc, timeline_many_days);
	suite_add_tcase(s, tc);
	TCase *render = tcase_create("chromium");
	tcase_set_timeout(render, 3 * CHROMIUM_TIMEOUT_S);
	tcase_add_test(render, renders_in_chromium);
	suite_add_tcase(s, render);
	return s;
}
