/* exposure compare: the hypergeometric tail against exact values, the
 * hits readers on every form, the Date parser, and the command on the
 * fixture hits (fixtures/hits/) against the @Mail fixture's exposed list
 * (fixtures/expected/atmail.csv, 31 addresses). Every expected count here
 * was derived by hand from the fixture files; fixtures/expected/
 * compare.notes.md shows the working. */
#include <check.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvfile.h"
#include "jsonline.h"
#include "compare_report.h"
#include "compare_sets.h"
#include "helpers.h"
#include "hits.h"
#include "hypergeom.h"
#include "message.h"
#include "suites.h"
#include "timeutil.h"

#define ERR 1024
#define ATMAIL "expected/atmail.csv"

/* fixture_path() into a buffer of the caller's (it returns a static one). */
static const char *fixture(const char *rel, char buf[512])
{
	snprintf(buf, 512, "%s", fixture_path(rel));
	return buf;
}

/* ---- the hypergeometric tail ------------------------------------------------ */

/* ln P(X >= k) for X ~ Hypergeometric(N, K, n), computed once, exactly,
 * with Python 3.11 (integers, then the log at 60 digits with mpmath):
 *     from math import comb; import mpmath; mpmath.mp.dps = 60
 *     num = sum(comb(K, x) * comb(N - K, n - x) for x in range(k, min(K, n) + 1))
 *     ln_p = mpmath.log(num) - mpmath.log(comb(N, n))
 * The numbers are exact rationals before the one log; nothing here shares
 * code or method with analyser/hypergeom.c. */
static const struct tail_case {
	uint64_t N, K, n, k;
	long double ln_p;
} tail_cases[] = {
	/* N above HYPERGEOM_LGAMMA_MAX: Loader's form. Below 1e-300:
	 * p = 1.1363724203645458842e-447 */
	{ 1000000, 100000, 2000, 1000, -1029.12769546693761116604226053L },
	{ 1000000, 100000, 2000, 230, -4.18802902051517632710742654732L },
	/* around 0.5: p = 0.5109292593701326045 */
	{ 1000000, 100000, 2000, 200, -0.671524134036422368676048095757L },
	/* below the mode: 1 - the lower tail */
	{ 1000000, 100000, 2000, 150, -0.0000450312125776396507975131536326L },
	/* every draw marked: p = 1/C(1e6, 1000) = 6.6320321956642643966e-3433 */
	{ 1000000, 1000, 1000, 1000, -7902.88271297614409688932377629L },
	{ 1000000, 1000, 1000, 2, -1.33089419727397035109493145859L },
	{ 1000000000, 100000000, 2000, 1000, -1025.56354017861511440794788069L }, /* 4.01e-446 */
	{ 1000000000, 100000000, 2000, 220, -2.59689424994693581134470395209L },
	{ 1000000000, 500000000, 1000, 520, -2.21894242737216186877057415228L },
	{ 10000000, 1000000, 3000, 400, -19.5402813459192060788807398527L },
	/* N up to HYPERGEOM_LGAMMA_MAX: log-factorials */
	{ 30, 7, 12, 7, -7.85183802818595065977157979934L },
	{ 30, 7, 12, 3, -0.515552368164653131572357898828L },
	{ 50, 30, 40, 25, -1.03571323852267055877003017181L },
	{ 50, 30, 40, 30, -10.9259233493376669040494925953L },
	{ 100, 50, 20, 10, -0.513436347318806780301760787499L }, /* p = 0.59843560885327472464 */
	{ 100, 50, 20, 11, -0.912387381999142997786182717115L },
	{ 100, 50, 20, 3, -0.0000441870472416751312737134500387L },
	/* the acceptance fixture: webmail and billing in a population of 200 */
	{ 200, 30, 8, 1, -0.308778548497929272124737575654L }, /* 56589626192/77061533115 */
	{ 200, 8, 8, 6, -18.4883372358960232595570877812L },   /* 102989/11019799235445 */
};

START_TEST(tail_matches_exact_values)
{
	for (size_t i = 0; i < sizeof(tail_cases) / sizeof(tail_cases[0]); i++) {
		const struct tail_case *c = &tail_cases[i];
		long double got = 1;
		ck_assert_int_eq(hypergeom_log_upper_tail(c->N, c->K, c->n, c->k, &got), 0);
		/* |ln got - ln want| is the relative error of p, to first order */
		long double rel = fabsl(got - c->ln_p);
		ck_assert_msg(rel <= 1e-9L, "N=%llu K=%llu n=%llu k=%llu: ln p %.20Lg, want %.20Lg (relative %Lg)",
			      (unsigned long long)c->N, (unsigned long long)c->K, (unsigned long long)c->n,
			      (unsigned long long)c->k, got, c->ln_p, rel);
	}
}
END_TEST

START_TEST(tail_ordinary_values_and_ends)
{
	long double lp = 1;
	/* p itself, not only its log, for values around 0.5 */
	ck_assert_int_eq(hypergeom_log_upper_tail(100, 50, 20, 10, &lp), 0);
	ck_assert_msg(fabsl(expl(lp) / 0.59843560885327472464L - 1) < 1e-9L, "%.20Lg", expl(lp));
	ck_assert_int_eq(hypergeom_log_upper_tail(1000000, 100000, 2000, 200, &lp), 0);
	ck_assert_msg(fabsl(expl(lp) / 0.5109292593701326045L - 1) < 1e-9L, "%.20Lg", expl(lp));
	/* k = 0, and k at the least possible value: 1 exactly */
	ck_assert_int_eq(hypergeom_log_upper_tail(1000000, 100000, 2000, 0, &lp), 0);
	ck_assert(lp == 0);
	ck_assert_int_eq(hypergeom_log_upper_tail(10, 8, 5, 3, &lp), 0); /* X >= 5 - 2 always */
	ck_assert(lp == 0);
	/* k above min(K, n): 0 */
	ck_assert_int_eq(hypergeom_log_upper_tail(1000000, 100000, 2000, 2001, &lp), 0);
	ck_assert(lp == -INFINITY);
	ck_assert_int_eq(hypergeom_log_upper_tail(200, 8, 8, 9, &lp), 0);
	ck_assert(lp == -INFINITY);
	/* nothing drawn, everything drawn */
	ck_assert_int_eq(hypergeom_log_upper_tail(50, 10, 0, 1, &lp), 0);
	ck_assert(lp == -INFINITY);
	ck_assert_int_eq(hypergeom_log_upper_tail(50, 10, 50, 10, &lp), 0);
	ck_assert(lp == 0);
	/* impossible arguments */
	ck_assert_int_eq(hypergeom_log_upper_tail(10, 11, 5, 1, &lp), -1);
	ck_assert_int_eq(hypergeom_log_upper_tail(10, 5, 11, 1, &lp), -1);
	/* the first term alone: P(X = 1) for N=4, K=2, n=2 is 4/6 */
	ck_assert(fabsl(hypergeom_log_pmf(4, 2, 2, 1) - logl(4.0L / 6)) < 1e-15L);
	ck_assert(hypergeom_log_pmf(4, 2, 2, 3) == -INFINITY);
}
END_TEST

START_TEST(p_as_text)
{
	char buf[64];
	hypergeom_format_p(0, 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1");
	hypergeom_format_p(-INFINITY, 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0");
	hypergeom_format_p(logl(0.59843560885327472464L), 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0.598");
	hypergeom_format_p(logl(0.000389036L), 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0.000389");
	hypergeom_format_p(logl(9.3458145470325451466e-9L), 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "9.35e-09");
	hypergeom_format_p(logl(9.3458145470325451466e-9L), 6, buf, sizeof(buf));
	ck_assert_str_eq(buf, "9.34581e-09");
	hypergeom_format_p(-1029.12769546693761116604226053L, 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1.14e-447");
	hypergeom_format_p(-7902.88271297614409688932377629L, 2, buf, sizeof(buf));
	ck_assert_str_eq(buf, "6.6e-3433");
	/* trailing zeros dropped, and 9.996 rounded up into the next power */
	hypergeom_format_p(logl(3.2e-5L), 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "3.2e-05");
	hypergeom_format_p(logl(9.9996e-7L), 3, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1e-06");
}
END_TEST

/* The tail now calls libm (logl, log1pl, expl, lgammal, floorl) where it
 * had stand-ins: the exact values those stand-ins were held to still hold. */
START_TEST(math_matches_libm)
{
	ck_assert(logl(1) == 0);
	ck_assert(logl(0) == -INFINITY);
	ck_assert(expl(0) == 1);
	ck_assert(log1pl(0) == 0);
	ck_assert(lgammal(1) == 0 && lgammal(2) == 0); /* ln 0! = ln 1! = 0 */
	ck_assert(floorl(2.5L) == 2 && floorl(-2.5L) == -3 && floorl(-3) == -3 && floorl(1e30L) == 1e30L);
	ck_assert(fabsl(HYPERGEOM_LN10 - logl(10)) <= 2 * LDBL_EPSILON * HYPERGEOM_LN10);
}
END_TEST

/* ---- the Date parser ---------------------------------------------------------- */

static void assert_date(const char *text, const char *want)
{
	int64_t t = 0;
	char got[21];
	int rc = mail_date_parse(text, strlen(text), &t);
	if (!want) {
		ck_assert_msg(rc == -1, "'%s' read as a date", text);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' not read", text);
	time_format(t, got);
	ck_assert_msg(strcmp(got, want) == 0, "'%s': %s, want %s", text, got, want);
}

START_TEST(dates)
{
	assert_date("Tue, 06 Mar 2007 09:05:00 +0100", "2007-03-06T08:05:00Z");
	assert_date("6 Mar 2007 09:05 -0000", "2007-03-06T09:05:00Z");            /* no day, no seconds */
	assert_date("  Tue, 6 Mar 07 09:05:00 GMT", "2007-03-06T09:05:00Z");       /* two-digit year */
	assert_date("Fri, 1 Jan 99 00:00:00 EST", "1999-01-01T05:00:00Z");         /* 99 is 1999 */
	assert_date("Tue, 6 Mar 107 09:05:00 UT", "2007-03-06T09:05:00Z");         /* three digits: 1900 + */
	assert_date("Mon, 05 Mar 2007 23:30:00 PDT", "2007-03-06T06:30:00Z");
	assert_date("Wed, 07 Mar 2007 12:00:00 Z", "2007-03-07T12:00:00Z");
	assert_date("Wed, 07 Mar 2007 12:00:00 a", "2007-03-07T12:00:00Z");        /* military: -0000 */
	assert_date("Tue, 06 Mar 2007 09:05:00 +0100 (CET)", "2007-03-06T08:05:00Z");
	assert_date("(sent (by) a bot) Tue,\r\n 06 Mar\t2007 09:05:00 +0100", "2007-03-06T08:05:00Z");
	assert_date("Thursday, 08 March 2007 02:00:00 +0900", "2007-03-07T17:00:00Z");
	assert_date("Tue 06 Mar 2007 09:05:00 -0330", "2007-03-06T12:35:00Z");     /* no comma */
	assert_date("Thu, 29 Feb 2024 23:59:60 +0000", "2024-03-01T00:00:00Z");    /* a leap second */
	assert_date("Tue, 06 Mar 99999999999 09:05:00 +0000", NULL);             /* overflowed once (UB) */
	assert_date("Tue, 0000000000000006 Mar 2007 09:05:00 +0000", NULL);
	assert_date("Tue, 06 Mar 2007 09:05:00 +99999999999", NULL);
	assert_date("yesterday afternoon", NULL);
	assert_date("", NULL);
	assert_date("Tue, 30 Feb 2007 10:00:00 +0000", NULL);
	assert_date("Tue, 06 Foo 2007 10:00:00 +0000", NULL);
	assert_date("Tue, 06 Mar 2007 10:00:00", NULL);                            /* no zone */
	assert_date("Tue, 06 Mar 2007 10:00:00 CET", NULL);                        /* not an RFC zone */
	assert_date("Tue, 06 Mar 2007 10:00:00 j", NULL);
	assert_date("Tue, 06 Mar 2007 25:00:00 +0000", NULL);
	assert_date("Tue, 06 Mar 2007 10:00:00 +01", NULL);
	assert_date("Tue, 06 Mar 2007 10:00:00 +0160", NULL);
	assert_date("Tue, 06 Mar 2007 10:00:00 +0000 and more", NULL);
	assert_date("Tue, 06 Mar 2007 10:00:00 +0000 (open comment", NULL);
	assert_date("Xyz, 06 Mar 2007 10:00:00 +0000", NULL);
	assert_date("Tue, 06 Mar 7 10:00:00 +0000", NULL);
}
END_TEST

/* ---- CSV and JSON lines ----------------------------------------------------------- */

START_TEST(csv_lines)
{
	struct csv_row r;
	csv_row_init(&r);
	const char *line = "a,\"b,c\",\"d\"\"e\",,f";
	ck_assert_int_eq(csv_row_split(&r, line, strlen(line)), CSV_SPLIT_OK);
	ck_assert_uint_eq(r.n, 5);
	const char *want[] = { "a", "b,c", "d\"e", "", "f" };
	for (size_t i = 0; i < 5; i++) {
		ck_assert_uint_eq(r.field_len[i], strlen(want[i]));
		ck_assert(memcmp(r.field[i], want[i], r.field_len[i]) == 0);
	}
	ck_assert_int_eq(csv_row_split(&r, "", 0), CSV_SPLIT_OK);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.field_len[0], 0);
	ck_assert_int_eq(csv_row_split(&r, "a,\"open", 7), CSV_SPLIT_BAD_QUOTE);
	ck_assert_int_eq(csv_row_split(&r, "\"x\"y,z", 6), CSV_SPLIT_BAD_QUOTE);
	/* the leftmost column of any of the names, however written */
	static const char *const names[] = { "address", "email", "recipient", NULL };
	line = "id, Recipient ,EMAIL,address";
	ck_assert_int_eq(csv_row_split(&r, line, strlen(line)), CSV_SPLIT_OK);
	ck_assert_int_eq(csv_row_find(&r, names), 1);
	line = "id,name";
	ck_assert_int_eq(csv_row_split(&r, line, strlen(line)), CSV_SPLIT_OK);
	ck_assert_int_eq(csv_row_find(&r, names), -1);
	csv_row_release(&r);
}
END_TEST

START_TEST(json_lines)
{
	const char *line = "{\"address\":\"a\\u00e9\\\"b@x.org\",\"origins\":[\"login\", \"sent\"],\"sources\":[],"
			   "\"accounts\":2,\"first_seen\":null,\"nested\":{\"a\":[1,{\"b\":true}]},\"mixed\":[\"s\",1]}";
	json_t *j = json_line_parse(line, strlen(line));
	ck_assert_ptr_nonnull(j);
	json_t *a = json_object_get(j, "address"), *o = json_object_get(j, "origins");
	ck_assert_ptr_nonnull(a);
	ck_assert(json_is_string(a));
	ck_assert_str_eq(json_string_value(a), "a\xc3\xa9\"b@x.org");
	ck_assert(json_line_is_string_array(o));
	ck_assert_uint_eq(json_array_size(o), 2);
	ck_assert_str_eq(json_string_value(json_array_get(o, 1)), "sent");
	ck_assert(json_line_is_string_array(json_object_get(j, "sources")));
	ck_assert_uint_eq(json_array_size(json_object_get(j, "sources")), 0);
	ck_assert(!json_is_string(json_object_get(j, "accounts")) &&
		  !json_line_is_string_array(json_object_get(j, "accounts")));
	ck_assert(!json_is_string(json_object_get(j, "mixed")) && !json_line_is_string_array(json_object_get(j, "mixed")));
	ck_assert_ptr_null(json_object_get(j, "missing"));
	json_decref(j);
	const char *bad[] = { "{\"a\":\"x\"} trailing", "[1]", "{\"a\":\"\\ud800\"}", "{\"a\":", "{\"a\":\"x\",}",
			      "{\"a\":\"\\q\"}", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(json_line_parse(bad[i], strlen(bad[i])) == NULL, "'%s' parsed", bad[i]);
	/* a surrogate pair is one code point */
	line = "{\"k\":\"\\ud83d\\ude00\"}";
	j = json_line_parse(line, strlen(line));
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "k")), "\xf0\x9f\x98\x80");
	json_decref(j);
}
END_TEST

/* Numbers we format go out as their text, in place, also where jansson
 * would print them otherwise or a double cannot hold them; a string that
 * reads like a stand-in stays a string. */
START_TEST(json_out_numbers)
{
	/* json_stringn, not json_string: writer.h's json_string (output/lists.c)
	 * takes jansson's name in this binary */
	struct json_out o = { .n = 0 };
	struct memout m;
	json_t *root = json_object();
	json_object_set_new(root, "share", json_out_number(&o, "0.500000"));
	json_object_set_new(root, "p", json_out_number(&o, "1.14e-447"));
	json_object_set_new(root, "count", json_integer(7));
	json_object_set_new(root, "name", json_stringn("-9223372036854775808", 20));
	json_object_set_new(root, "a\"b", json_stringn("x\ny", 3));
	memout_open(&m);
	ck_assert_int_eq(json_out_write(&o, root, m.f), 0);
	char *got = memout_text(&m);
	ck_assert_str_eq(got, "{\"share\":0.500000,\"p\":1.14e-447,\"count\":7,\"name\":\"-9223372036854775808\","
			      "\"a\\\"b\":\"x\\ny\"}\n");
	free(got);
	json_decref(root);
}
END_TEST

/* ---- the hits readers ------------------------------------------------------------- */

/* Hits and skips as lines of text: "FILE:LINE hit KEY DATE" and
 * "FILE:LINE skip REASON DETAIL 'TEXT'", FILE relative to fixtures/hits/. */
struct capture {
	FILE *f;
	size_t prefix; /* of the paths, cut */
};

static int capture_hit(void *ctx, const struct hit *h)
{
	struct capture *c = ctx;
	char t[21] = "-";
	if (h->date == HIT_DATE_READ)
		time_format(h->time, t);
	fprintf(c->f, "%s:%lu hit %s %s\n", h->file + c->prefix, h->line, h->key,
		h->date == HIT_DATE_UNREADABLE ? "unreadable-date" : t);
	return 0;
}

static int capture_skip(void *ctx, const struct hits_skipped *s)
{
	struct capture *c = ctx;
	fprintf(c->f, "%s:%lu skip %s %s '%.*s'\n", s->file + c->prefix, s->line, hits_skip_name(s->why),
		*s->detail ? s->detail : "-", (int)s->text_len, s->text);
	return 0;
}

/* Detect fixtures/hits/NAME, check its form, read it whole. */
static char *read_hits_fixture(const char *name, const char *want, struct hits_counts *counts)
{
	char rel[256], path[512], err[ERR] = "";
	const struct hits_reader *form;
	struct memout m;
	snprintf(rel, sizeof(rel), "hits/%s", name);
	fixture(rel, path);
	ck_assert_msg(hits_detect(path, &form, err, sizeof(err)) == HITS_OK, "%s", err);
	ck_assert_str_eq(form->name, want);
	memout_open(&m);
	struct capture c = { m.f, strlen(path) - strlen(name) };
	struct hits_sink sink = { capture_hit, capture_skip, &c };
	memset(counts, 0, sizeof(*counts));
	ck_assert_msg(hits_read(path, form, &sink, counts, err, sizeof(err)) == HITS_OK, "%s", err);
	return memout_text(&m);
}

static void assert_counts(const struct hits_counts *c, uint64_t lines, uint64_t messages, uint64_t hits,
			  uint64_t skipped)
{
	ck_assert_uint_eq(c->lines, lines);
	ck_assert_uint_eq(c->messages, messages);
	ck_assert_uint_eq(c->hits, hits);
	ck_assert_uint_eq(c->skipped, skipped);
}

START_TEST(plain_list)
{
	struct hits_counts c;
	char *got = read_hits_fixture("plain.txt", "list", &c);
	ck_assert_str_eq(got, "plain.txt:1 hit alice@isp.example -\n"
			      "plain.txt:2 hit bob@isp.example -\n"
			      "plain.txt:3 hit ann@example.com -\n"
			      "plain.txt:4 skip blank - ''\n"
			      "plain.txt:5 hit juergen@xn--mnchen-3ya.example -\n"
			      "plain.txt:6 skip not-an-address no-at-sign 'not an address'\n"
			      "plain.txt:7 hit spam-only@other-leak.example -\n"
			      "plain.txt:8 hit alice@isp.example -\n"
			      "plain.txt:9 hit zed@example.com -\n"
			      "plain.txt:10 hit ghost@other-leak.example -\n"
			      "plain.txt:11 skip not-an-address bad-domain 'broken@'\n"
			      "plain.txt:12 hit bob@isp.example -\n"
			      "plain.txt:13 hit kim@example.com -\n"
			      "plain.txt:13 hit lou@example.com -\n"
			      "plain.txt:14 skip no-address - 'undisclosed-recipients:;'\n");
	assert_counts(&c, 14, 0, 11, 4);
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_BLANK], 1);
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_NOT_ADDRESS], 2);
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_NO_ADDRESS], 1);
	free(got);
}
END_TEST

START_TEST(csv_with_recipient_column)
{
	struct hits_counts c;
	char *got = read_hits_fixture("complaints.csv", "csv", &c);
	ck_assert_str_eq(got, "complaints.csv:2 hit carol@isp.example -\n"
			      "complaints.csv:3 hit dave@isp.example -\n"
			      "complaints.csv:4 hit mum@example.com -\n"
			      "complaints.csv:5 hit trap1@spamtrap.example -\n"
			      "complaints.csv:6 skip missing-column - '2007-03-07 08:00,abuse@isp.example'\n"
			      "complaints.csv:7 skip bad-csv - '2007-03-07 09:00,abuse@isp.example,\"carol@isp.example,"
			      "open quote'\n"
			      "complaints.csv:8 skip blank - ''\n"
			      "complaints.csv:9 hit carol@isp.example -\n");
	assert_counts(&c, 8, 0, 5, 3); /* the header is no data line */
	free(got);
}
END_TEST

START_TEST(digests)
{
	struct hits_counts c;
	char *got = read_hits_fixture("hits.sha256", "sha256", &c);
	/* sha256sum of each address, no newline; the last line was upper case */
	ck_assert_str_eq(got, "hits.sha256:1 hit 2878da80b17e5eb69268ea2c00549f65e26ed842bc071cba63caa654215bdb6e -\n"
			      "hits.sha256:2 hit 71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476 -\n"
			      "hits.sha256:3 hit e767f9ad378ffd1e179c9af19326070353b67764083fd552861660c8af41eb73 -\n"
			      "hits.sha256:4 hit e767f9ad378ffd1e179c9af19326070353b67764083fd552861660c8af41eb73 -\n"
			      "hits.sha256:5 hit 322bd9ed68a5069e43ee9b4dd770a1b01ade0589a9f9e697adbef9560195e3b4 -\n"
			      "hits.sha256:6 skip blank - ''\n"
			      "hits.sha256:7 hit 5f430884d216fa61850183a7d54406f50db079f2ab67d74f9860eb85e109c210 -\n");
	assert_counts(&c, 7, 0, 6, 1);
	free(got);
	got = read_hits_fixture("hits.md5", "md5", &c);
	ck_assert_str_eq(got, "hits.md5:1 hit f4a7029d53f06a5bed012802b0f7fcbd -\n"
			      "hits.md5:2 hit 26352d22492632ebbe0f5af0b160bc3e -\n"
			      "hits.md5:3 hit 63a9947d5b2b04fafab35911aae404ed -\n"
			      "hits.md5:4 hit f4a7029d53f06a5bed012802b0f7fcbd -\n");
	assert_counts(&c, 4, 0, 4, 0);
	free(got);
	/* the key of an address in each space: what `scan -f sha256|md5` writes */
	char key[HITS_KEY_BUF];
	ck_assert_int_eq(key_of_address(KEY_SHA256, "alice@isp.example", key), 0);
	ck_assert_str_eq(key, "2878da80b17e5eb69268ea2c00549f65e26ed842bc071cba63caa654215bdb6e");
	ck_assert_int_eq(key_of_address(KEY_MD5, "bob@isp.example", key), 0);
	ck_assert_str_eq(key, "f4a7029d53f06a5bed012802b0f7fcbd");
	ck_assert_int_eq(key_of_address(KEY_ADDRESS, "bob@isp.example", key), 0);
	ck_assert_str_eq(key, "bob@isp.example");
}
END_TEST

/* Delivered-To before X-Original-To before To; folded headers; zones that
 * move the day; no Date; a Date that cannot be read; no recipient. */
START_TEST(mbox_messages)
{
	struct hits_counts c;
	char *got = read_hits_fixture("trap.mbox", "mbox", &c);
	ck_assert_str_eq(got, "trap.mbox:3 hit carol@isp.example 2007-03-05T10:00:00Z\n"
			      "trap.mbox:12 hit dave@isp.example 2007-03-05T23:30:00Z\n"
			      "trap.mbox:20 hit jo@example.org 2007-03-06T23:30:00Z\n"
			      "trap.mbox:20 hit kim@example.com 2007-03-06T23:30:00Z\n"
			      "trap.mbox:20 hit juergen@xn--mnchen-3ya.example 2007-03-06T23:30:00Z\n"
			      "trap.mbox:30 hit trap2@spamtrap.example -\n"
			      "trap.mbox:35 skip no-recipient - ''\n"
			      "trap.mbox:42 hit carol@isp.example unreadable-date\n"
			      "trap.mbox:51 hit zed@example.com 2007-03-07T17:00:00Z\n");
	assert_counts(&c, 0, 7, 8, 1);
	free(got);
}
END_TEST

START_TEST(maildir_messages)
{
	struct hits_counts c;
	/* cur/ then new/, by name; tmp/ holds a message that is not read */
	char *got = read_hits_fixture("maildir", "maildir", &c);
	ck_assert_str_eq(got, "maildir/cur/1173085200.M1P1.trap:2 hit alice@isp.example 2007-03-05T09:00:00Z\n"
			      "maildir/cur/1173171600.M2P1.trap:1 hit stranger@other-leak.example 2007-03-06T12:00:00Z\n"
			      "maildir/new/1173258000.M3P1.trap:1 hit sam@example.com 2007-03-07T17:00:00Z\n"
			      "maildir/new/1173258000.M3P1.trap:1 hit rita@example.com 2007-03-07T17:00:00Z\n"
			      "maildir/new/1173344400.M4P1.trap:1 skip no-recipient - ''\n");
	assert_counts(&c, 0, 4, 4, 1);
	free(got);
}
END_TEST

/* A file written in the work dir. */
static const char *write_file(const char *name, const char *text)
{
	const char *path = in_workdir(name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static enum hits_status detect_text(const char *text, const struct hits_reader **form, char *err)
{
	return hits_detect(write_file("h", text), form, err, ERR);
}

START_TEST(detection)
{
	const struct hits_reader *form;
	char err[ERR];
	make_workdir();
	ck_assert_int_eq(detect_text("\n\nEmail\nann@example.com\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "csv"); /* a lone column name */
	ck_assert_int_eq(detect_text("id,recipient\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "csv");
	/* no address column named: a list, so that no address of a line is lost */
	ck_assert_int_eq(detect_text("Smith, John\nalice@isp.example, ann@example.com\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "list");
	ck_assert_int_eq(detect_text("Ann <ann@example.com>, bob@isp.example\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "list"); /* a comma, but an '@' */
	ck_assert_int_eq(detect_text("\xef\xbb\xbf" "ann@example.com\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "list");
	ck_assert_int_eq(detect_text(" f4a7029d53f06a5bed012802b0f7fcbd \n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "md5");
	ck_assert_int_eq(detect_text("From x Mon Mar  5 10:00:00 2007\n", &form, err), HITS_OK);
	ck_assert_str_eq(form->name, "mbox");
	/* fatal, with the file (and line): never the text of the line */
	ck_assert_int_eq(detect_text("", &form, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h' is empty: no hits in it"));
	ck_assert_int_eq(detect_text("\n  \n\t\n", &form, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h' is empty: no hits in it"));
	ck_assert_int_eq(detect_text("\nReturn-Path: <a@b.example>\nTo: c@d.example\n", &form, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h':2: broken mbox: a file of messages must start with a 'From ' line"));
	ck_assert_ptr_null(strstr(err, "@"));
	ck_assert_int_eq(hits_detect(in_workdir("missing"), &form, err, ERR), HITS_UNREADABLE);
	ck_assert_ptr_nonnull(strstr(err, "/missing': No such file or directory"));
	ck_assert_int_eq(mkdir(in_workdir("dir"), 0700), 0);
	ck_assert_int_eq(hits_detect(in_workdir("dir"), &form, err, ERR), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/dir' is a directory but not a maildir (no cur/ or new/ in it)"));
	ck_assert_int_eq(mkdir(in_workdir("dir/new"), 0700), 0);
	ck_assert_int_eq(hits_detect(in_workdir("dir"), &form, err, ERR), HITS_OK);
	ck_assert_str_eq(form->name, "maildir");
	rmdir(in_workdir("dir/new"));
	rmdir(in_workdir("dir"));
	remove_workdir();
}
END_TEST

/* Read a file of the work dir as form; the status, err set. */
static enum hits_status read_text(const char *text, const char *form, struct hits_counts *c, char *err)
{
	struct hits_sink sink = { NULL, NULL, NULL };
	memset(c, 0, sizeof(*c));
	return hits_read(write_file("h", text), hits_reader_find(form), &sink, c, err, ERR);
}

START_TEST(fatal_inputs)
{
	struct hits_counts c;
	char err[ERR];
	make_workdir();
	/* a digest of the wrong length among digests: the file and line, not the text */
	ck_assert_int_eq(read_text("f4a7029d53f06a5bed012802b0f7fcbd\n\nf4a7029d53f06a5bed012802b0f7fcb\n", "md5",
				   &c, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h':3: not an md5 digest (32 hex digits) in a file of md5 digests"));
	ck_assert_int_eq(read_text("2878da80b17e5eb69268ea2c00549f65e26ed842bc071cba63caa654215bdb6e\nalice@isp.example\n",
				   "sha256", &c, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h':2: not a sha256 digest (64 hex digits) in a file of sha256 digests"));
	ck_assert_ptr_null(strstr(err, "alice"));
	/* a CSV header and nothing else */
	ck_assert_int_eq(read_text("id,email\n\n", "csv", &c, err), HITS_OK); /* a blank line is a row */
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_BLANK], 1);
	ck_assert_int_eq(read_text("id,email\n", "csv", &c, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h' holds a CSV header and no rows: no hits in it"));
	ck_assert_int_eq(read_text("id,\"email\n", "csv", &c, err), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/h':1: the CSV header has a quote left open"));
	/* a maildir with nothing in cur/ or new/ */
	ck_assert_int_eq(mkdir(in_workdir("md"), 0700), 0);
	ck_assert_int_eq(mkdir(in_workdir("md/cur"), 0700), 0);
	struct hits_sink sink = { NULL, NULL, NULL };
	ck_assert_int_eq(hits_read(in_workdir("md"), hits_reader_find("maildir"), &sink, &c, err, ERR), HITS_BAD_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "/md' holds no message (nothing in cur/ or new/)"));
	rmdir(in_workdir("md/cur"));
	rmdir(in_workdir("md"));
	remove_workdir();
}
END_TEST

/* A 2 MB line is cut at 1 MB, read as one item (too long), and the next
 * line is read as it stands. */
START_TEST(huge_line)
{
	struct hits_counts c;
	char err[ERR];
	make_workdir();
	size_t big = 2 * 1024 * 1024;
	char *text = malloc(big + 64);
	memset(text, 'a', big);
	strcpy(text + big, "@x.example\nbob@isp.example\n");
	ck_assert_int_eq(read_text(text, "list", &c, err), HITS_OK);
	free(text);
	assert_counts(&c, 2, 0, 1, 1);
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_NOT_ADDRESS], 1);
	remove_workdir();
}
END_TEST

/* Read text (in the work dir) as form, hits and skips captured as text. */
static char *read_text_captured(const char *text, const char *form, struct hits_counts *c)
{
	char err[ERR] = "";
	struct memout m;
	const char *path = write_file("h", text);
	memout_open(&m);
	struct capture cap = { m.f, strlen(path) - 1 };
	struct hits_sink sink = { capture_hit, capture_skip, &cap };
	memset(c, 0, sizeof(*c));
	ck_assert_msg(hits_read(path, hits_reader_find(form), &sink, c, err, ERR) == HITS_OK, "%s", err);
	return memout_text(&m);
}

/* libcsv: a quoted field may span lines (one record, at its first line);
 * a quote that never closes costs its line alone, the lines after it are
 * read again; a quote inside an unquoted field is text, as before. */
START_TEST(csv_records_across_lines)
{
	struct hits_counts c;
	make_workdir();
	char *got = read_text_captured("id,email,note\n"
				       "1,\"Ann Example\n <ann@example.com>\",x\n"
				       "2,bob@isp.example,\"two\n\nlines\"\n"
				       "3,\"carol@isp.example,open\n"
				       "\n"
				       "4,dave@isp.example\n"
				       "5,Eve \"E\" <eve@isp.example>\n",
				       "csv", &c);
	ck_assert_str_eq(got, "h:2 hit ann@example.com -\n"
			      "h:4 hit bob@isp.example -\n"
			      "h:7 skip bad-csv - '3,\"carol@isp.example,open'\n"
			      "h:8 skip blank - ''\n"
			      "h:9 hit dave@isp.example -\n"
			      "h:10 hit eve@isp.example -\n");
	assert_counts(&c, 6, 0, 4, 2); /* records and lines outside them, not the lines inside */
	free(got);
	/* a quote inside an unquoted field is text, wherever the field stands;
	 * text after a closing quote is still a bad quote */
	got = read_text_captured("id,email,x\n"
				 "John \"J\" Smith,a@isp.example\n"
				 "1,Foo \"Bar\" <b@isp.example>,\n"
				 "\"ok, fine\",Foo \"B\" <c@isp.example>,\"z\"\n"
				 "\"x\"y,d@isp.example\n"
				 "\"two\nlines\",E \"F\" <g@isp.example>,\n",
				 "csv", &c);
	ck_assert_str_eq(got, "h:2 hit a@isp.example -\n"
			      "h:3 hit b@isp.example -\n"
			      "h:4 hit c@isp.example -\n"
			      "h:5 skip bad-csv - '\"x\"y,d@isp.example'\n"
			      "h:6 hit g@isp.example -\n");
	free(got);
	/* a quote open past CSV_SPAN_MAX (1000) lines: its line is skipped, the
	 * lines after it read again, as records of their own */
	size_t n = 1100, at = 0;
	char *text = malloc(32 + n * 32);
	at += (size_t)sprintf(text + at, "a,email\n1,\"open\n");
	for (size_t i = 0; i < n; i++)
		at += (size_t)sprintf(text + at, "%zu,u%zu@isp.example\n", i, i);
	free(read_text_captured(text, "csv", &c));
	free(text);
	assert_counts(&c, n + 1, 0, n, 1);
	ck_assert_uint_eq(c.by_reason[HITS_SKIP_BAD_CSV], 1);
	/* a missing column in a record of two lines: the record's text */
	got = read_text_captured("a,email\n\"x\ny\"\n", "csv", &c);
	ck_assert_str_eq(got, "h:2 skip missing-column - '\"x\ny\"'\n");
	free(got);
	remove_workdir();
}
END_TEST

/* Trap mboxes as they come: a "From " line with nothing after it (a file
 * cut mid-delivery) is a message with no recipient, and a NUL byte in a
 * header rejects its item alone, the addresses after it still read. */
START_TEST(mbox_edges)
{
	struct hits_counts c;
	make_workdir();
	char *got = read_text_captured("From a@x\nTo: a@t.example\n\nbody\nFrom b@x\n", "mbox", &c);
	ck_assert_str_eq(got, "h:2 hit a@t.example -\nh:5 skip no-recipient - ''\n");
	ck_assert_uint_eq(c.messages, 2);
	free(got);
	got = read_text_captured("From a@x\n", "mbox", &c);
	ck_assert_str_eq(got, "h:1 skip no-recipient - ''\n");
	ck_assert_uint_eq(c.messages, 1);
	free(got);
	static const char with_nul[] = "From a@x\nTo: n\0ul@t.example,\n ok@t.example\n\nbody\n";
	const char *path = write_file("h", "");
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(with_nul, 1, sizeof(with_nul) - 1, f), sizeof(with_nul) - 1);
	fclose(f);
	struct memout m;
	char err[ERR] = "";
	memout_open(&m);
	struct capture cap = { m.f, strlen(path) - 1 };
	struct hits_sink sink = { capture_hit, capture_skip, &cap };
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(hits_read(path, hits_reader_find("mbox"), &sink, &c, err, ERR), HITS_OK);
	got = memout_text(&m);
	/* the capture prints the skipped text as a C string: up to its NUL */
	ck_assert_str_eq(got, "h:2 skip not-an-address control-char 'n'\nh:2 hit ok@t.example -\n");
	free(got);
	remove_workdir();
}
END_TEST

/* Names that are not UTF-8 (a source named after a Latin-1 file name, as an
 * earlier exposure wrote it raw into a JSON line): the list still loads
 * and the JSON report still writes, with U+FFFD for the bad byte. */
START_TEST(names_not_utf8)
{
	char plain[512];
	make_workdir();
	fixture("hits/plain.txt", plain);
	const char *list = write_file("old.jsonl", "{\"address\":\"bob@isp.example\",\"origins\":[\"login\"],"
						   "\"sources\":[\"m\xe9l.db\"],\"accounts\":1,\"first_seen\":null,"
						   "\"last_seen\":null,\"class\":\"internal\"}\n");
	struct run r = run_exposure((const char *[]){ "compare", "--json", list, plain, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "\"by_source\":{\"m\xef\xbf\xbdl.db\":"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The table drives sniffing and the help: every reader is found by name,
 * described in table order, and its flags say what compare needs. */
START_TEST(readers_table)
{
	static const char *const order[] = { "maildir", "mbox", "sha256", "md5", "csv", "list", NULL };
	size_t i = 0;
	for (; hits_readers[i]; i++) {
		ck_assert_ptr_nonnull(order[i]);
		ck_assert_str_eq(hits_readers[i]->name, order[i]);
		ck_assert_ptr_eq(hits_reader_find(order[i]), hits_readers[i]);
		ck_assert_ptr_nonnull(hits_readers[i]->sniff);
		ck_assert_ptr_nonnull(hits_readers[i]->read);
	}
	ck_assert_ptr_null(order[i]);
	ck_assert_ptr_null(hits_reader_find("xml"));
	ck_assert_uint_eq(hits_reader_find("sha256")->flags, HITS_DIGESTS);
	ck_assert_int_eq(hits_reader_find("sha256")->space, KEY_SHA256);
	ck_assert_int_eq(hits_reader_find("md5")->space, KEY_MD5);
	ck_assert_uint_eq(hits_reader_find("mbox")->flags, HITS_MESSAGES);
	ck_assert_uint_eq(hits_reader_find("maildir")->flags, HITS_MESSAGES | HITS_READS_DIRECTORY);
	ck_assert_uint_eq(hits_reader_find("list")->flags | hits_reader_find("csv")->flags, 0);
	struct memout m;
	memout_open(&m);
	hits_readers_describe(m.f);
	char *text = memout_text(&m);
	const char *at = text;
	for (i = 0; order[i]; i++) {
		char line[256];
		int n = snprintf(line, sizeof(line), "  %-8s %s\n", order[i], hits_reader_find(order[i])->description);
		ck_assert_msg(strncmp(at, line, (size_t)n) == 0, "'%s' not next in:\n%s", order[i], text);
		at += n;
	}
	ck_assert_str_eq(at, "");
	free(text);
}
END_TEST

/* The report formats are a table: text first (the default), json. */
START_TEST(report_formats_table)
{
	ck_assert_ptr_eq(compare_report_formats[0], &compare_report_text);
	ck_assert_ptr_eq(compare_report_formats[1], &compare_report_json);
	ck_assert_ptr_null(compare_report_formats[2]);
	ck_assert_ptr_eq(compare_report_find("json"), &compare_report_json);
	ck_assert_str_eq(compare_report_find("text")->name, "text");
	ck_assert_ptr_null(compare_report_find("html"));
}
END_TEST

/* ---- exposed sets ----------------------------------------------------------------- */

static enum hits_status load(struct exposed_set *e, const char *path, enum key_space sp, char *err)
{
	exposed_set_init(e, "x", path);
	return exposed_set_load(e, sp, err, ERR);
}

START_TEST(exposed_lists)
{
	struct exposed_set csv, jsonl, hashed;
	char err[ERR], p1[512], p2[512];
	ck_assert_int_eq(load(&csv, fixture(ATMAIL, p1), KEY_ADDRESS, err), HITS_OK);
	ck_assert_int_eq(load(&jsonl, fixture("expected/atmail.jsonl", p2), KEY_ADDRESS, err), HITS_OK);
	ck_assert_str_eq(csv.format, "csv");
	ck_assert_str_eq(jsonl.format, "jsonl");
	ck_assert_uint_eq(csv.keys.n, 31);
	ck_assert_uint_eq(jsonl.keys.n, 31);
	ck_assert_uint_eq(csv.n_sources, 1);
	ck_assert_str_eq(csv.source_names[0], "atmail.db");
	/* the same origins from either form, for every address */
	for (const struct key_entry *k = csv.keys.by_key; k; k = k->hh.next) {
		const struct key_entry *j = key_set_find(&jsonl.keys, k->key);
		ck_assert_ptr_nonnull(j);
		ck_assert_uint_eq(j->origins, k->origins);
		ck_assert_uint_eq(j->sources, 1);
	}
	ck_assert_uint_eq(key_set_find(&csv.keys, "bob@isp.example")->origins, 3u); /* login|addressbook */
	ck_assert_uint_eq(key_set_find(&csv.keys, "postmaster@example.com")->origins, 4u); /* sent */
	ck_assert_int_eq(load(&hashed, p1, KEY_SHA256, err), HITS_OK);
	ck_assert_ptr_nonnull(key_set_find(&hashed.keys, "2878da80b17e5eb69268ea2c00549f65e26ed842bc071cba63caa654215bdb6e"));
	exposed_set_release(&csv);
	exposed_set_release(&jsonl);
	exposed_set_release(&hashed);
}
END_TEST

static void assert_bad_list(const char *text, const char *message)
{
	struct exposed_set e;
	char err[ERR];
	ck_assert_int_eq(load(&e, write_file("list", text), KEY_ADDRESS, err), HITS_BAD_INPUT);
	ck_assert_msg(strstr(err, message) != NULL, "'%s' has no '%s'", err, message);
	ck_assert_ptr_null(strchr(err, '@'));
	exposed_set_release(&e);
}

START_TEST(exposed_list_errors)
{
	struct exposed_set e;
	char err[ERR];
	make_workdir();
	assert_bad_list("", "/list' is empty: not an affected list");
	assert_bad_list("address,origins\na@b.example,login\n",
			"/list':1: not an affected list: the header needs address, origins and sources columns");
	assert_bad_list("address,origins,sources\na@b.example,inbox,s\n",
			"/list':2: unknown origin in the origins column (login, addressbook, sent)");
	assert_bad_list("address,origins,sources\n\nnobody,login,s\n",
			"/list':3: the address column holds no address (no-at-sign)");
	assert_bad_list("address,origins,sources\na@b.example,login\n", "/list':2: the row is shorter than the header");
	assert_bad_list("{\"address\":\"a@b.example\",\"origins\":[\"login\"]}\n",
			"/list':1: not an affected list: an object needs \"address\", \"origins\" and \"sources\"");
	assert_bad_list("{\"address\":\"a@b.example\",\"origins\":[\"login\"],\"sources\":[]}\n{oops}\n",
			"/list':2: not a JSON object");
	/* libcsv: a quote open to the end names the record's first line; a quoted
	 * field may span lines */
	assert_bad_list("address,origins,sources\na@b.example,login,\"s\nx@y.example,login,s\n",
			"/list':2: a quote left open");
	ck_assert_int_eq(load(&e, write_file("list", "address,origins,sources\n\"a@b.example\",login,\"s\n1\"\n"
							   "c@d.example,sent,s2\n"), KEY_ADDRESS, err), HITS_OK);
	ck_assert_uint_eq(e.keys.n, 2);
	ck_assert_str_eq(e.source_names[0], "s\n1");
	ck_assert_uint_eq(key_set_find(&e.keys, "c@d.example")->sources, 2u);
	exposed_set_release(&e);
	/* hand-written: upper case and a duplicate merge into one key */
	ck_assert_int_eq(load(&e, write_file("list", "Address,Origins,Sources\nA@B.example,login,s1\n"
							   "a@b.example,sent,s2\n"), KEY_ADDRESS, err), HITS_OK);
	ck_assert_uint_eq(e.keys.n, 1);
	ck_assert_uint_eq(e.rows, 2);
	ck_assert_uint_eq(key_set_find(&e.keys, "a@b.example")->origins, 5u);
	ck_assert_uint_eq(key_set_find(&e.keys, "a@b.example")->sources, 3u);
	exposed_set_release(&e);
	ck_assert_int_eq(load(&e, in_workdir("nope"), KEY_ADDRESS, err), HITS_UNREADABLE);
	ck_assert_ptr_nonnull(strstr(err, "/nope': No such file or directory"));
	exposed_set_release(&e);
	remove_workdir();
}
END_TEST

/* ---- the command ------------------------------------------------------------------- */

/* text with every "<EXPOSURE_FIXTURES>/" written "fixtures/", as the
 * expected files have it (make check sets EXPOSURE_FIXTURES=fixtures). */
static char *with_fixture_paths(const char *text)
{
	char prefix[512];
	snprintf(prefix, sizeof(prefix), "%s/", env_path("EXPOSURE_FIXTURES"));
	size_t plen = strlen(prefix), n = 0;
	char *out = malloc(strlen(text) * 2 + 1);
	for (const char *p = text; *p;) {
		if (strncmp(p, prefix, plen) == 0) {
			memcpy(out + n, "fixtures/", 9);
			n += 9;
			p += plen;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

static void assert_matches_expected(const char *got, const char *expected_rel)
{
	char *want = slurp(fixture_path(expected_rel), NULL), *norm = with_fixture_paths(got);
	ck_assert_str_eq(norm, want);
	free(want);
	free(norm);
}

static void assert_file_matches(const char *path, const char *expected_rel)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	char *got = slurp(path, NULL);
	assert_matches_expected(got, expected_rel);
	free(got);
}

/* Every address form at once, against the @Mail list. */
START_TEST(cli_every_address_form)
{
	char ex[512], h1[512], h2[512], h3[512], h4[512];
	make_workdir();
	struct run r = run_exposure((const char *[]){ "compare", fixture(ATMAIL, ex), fixture("hits/plain.txt", h1),
						      fixture("hits/complaints.csv", h2), fixture("hits/trap.mbox", h3),
						      fixture("hits/maildir", h4), "--unexplained", in_workdir("unexplained.txt"),
						      "--skipped", in_workdir("skipped.csv"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	assert_matches_expected(r.out, "expected/compare-atmail.txt");
	ck_assert_ptr_null(strchr(r.out, '@')); /* counts only */
	assert_file_matches(in_workdir("unexplained.txt"), "expected/compare-atmail.unexplained");
	assert_file_matches(in_workdir("skipped.csv"), "expected/compare-atmail.skipped.csv");
	run_free(&r);
	/* the same from the JSON lines form of the list, and into a file */
	r = run_exposure((const char *[]){ "compare", "-o", in_workdir("report.txt"),
					   fixture("expected/atmail.jsonl", ex), h1, h2, h3, h4, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "");
	char *got = slurp(in_workdir("report.txt"), NULL);
	ck_assert_ptr_nonnull(strstr(got, "'atmail.jsonl': 31 addresses ("));
	ck_assert_ptr_nonnull(strstr(got, "jsonl)\nexplained: 13 of 18 unique hits (72.2%)\n"));
	ck_assert_ptr_nonnull(strstr(got, "    by origin: login 4, addressbook 8, sent 6\n"));
	free(got);
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(cli_digests)
{
	char ex[512], h[512];
	make_workdir();
	/* sha256: alice (login), ann (addressbook, sent), zed (sent), postmaster
	 * (sent) of the list, and trap1 not */
	struct run r = run_exposure((const char *[]){ "compare", fixture(ATMAIL, ex), fixture("hits/hits.sha256", h),
						      "--unexplained", in_workdir("u"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "hits read: 6 (from 7 lines, 0 messages)\nskipped: 1 (blank 1)\n"
					    "unique hits: 5 (sha256 digests)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "explained: 4 of 5 unique hits (80.0%)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "    by origin: login 1, addressbook 1, sent 3\n"));
	char *u = slurp(in_workdir("u"), NULL);
	ck_assert_str_eq(u, "322bd9ed68a5069e43ee9b4dd770a1b01ade0589a9f9e697adbef9560195e3b4\n");
	free(u);
	run_free(&r);
	/* md5: bob (login, addressbook), xena (sent); other@nowhere not */
	r = run_exposure((const char *[]){ "compare", "--json", ex, fixture("hits/hits.md5", h), NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\"key_space\":\"md5\","));
	ck_assert_ptr_nonnull(strstr(r.out, "\"hits_read\":4,"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"unique_hits\":3,\"explained\":2,\"explained_share\":0.666667,"
					    "\"unexplained\":1,\"unexplained_share\":0.333333,"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"by_origin\":{\"login\":1,\"addressbook\":1,\"sent\":1}"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The acceptance case: hits drawn from billing alone name billing, with
 * the probability for each set. See compare.notes.md for N, K, n, k. */
START_TEST(cli_names_the_set_that_explains)
{
	char ex[512], billing[512], pop[512], h[512], wm[600], bl[600];
	make_workdir();
	snprintf(wm, sizeof(wm), "webmail=%s", fixture(ATMAIL, ex));
	snprintf(bl, sizeof(bl), "billing=%s", fixture("hits/billing.csv", billing));
	fixture("hits/population.csv", pop);
	fixture("hits/billing-hits.txt", h);
	struct run r = run_exposure((const char *[]){ "compare", "--exposed", wm, "--exposed", bl, "--population", pop,
						      h, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_matches_expected(r.out, "expected/compare-billing.txt");
	ck_assert_ptr_nonnull(strstr(r.out, "best: 'billing' (the most hits explained)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "  'webmail': 1 (11.1%), p = 0.734\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "  'billing': 6 (66.7%), p = 9.35e-09\n"));
	run_free(&r);
	r = run_exposure((const char *[]){ "compare", "--json", "--exposed", wm, "--exposed", bl, "--population", pop, h,
					   NULL });
	ck_assert_int_eq(r.status, 0);
	assert_matches_expected(r.out, "expected/compare-billing.json");
	ck_assert_ptr_nonnull(strstr(r.out, "\"best_set\":\"billing\""));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Ties: the same count, broken by the smaller p; or no best at all. */
START_TEST(cli_ties)
{
	char ex[512], pop[512], a[600], b[600];
	make_workdir();
	snprintf(a, sizeof(a), "a=%s", fixture(ATMAIL, ex));
	fixture("hits/population.csv", pop);
	const char *hits = write_file("hits.txt", "alice@isp.example\n");
	/* b holds alice and bob only: both sets explain the one hit, and with a
	 * population of 200, p is K/N: a 30/200 = 0.15, b 2/200 = 0.01 */
	snprintf(b, sizeof(b), "b=%s", write_file("b.csv", "address,origins,sources\nalice@isp.example,login,x\n"
							      "bob@isp.example,login,x\n"));
	struct run r = run_exposure((const char *[]){ "compare", "--exposed", a, "--exposed", b, "--population", pop,
						      hits, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "  'a': 1 (100.0%), p = 0.15\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "  'b': 1 (100.0%), p = 0.01\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "best: 'b' (the most hits explained; ties broken by the smaller p)\n"));
	run_free(&r);
	/* without a population the tie stands */
	r = run_exposure((const char *[]){ "compare", "--json", "--exposed", a, "--exposed", b, hits, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\"best_set\":null,\"tied_sets\":[\"a\",\"b\"]"));
	run_free(&r);
	r = run_exposure((const char *[]){ "compare", "--exposed", a, "--exposed", b, hits, NULL });
	ck_assert_ptr_nonnull(strstr(r.out, "best: none, a tie between 'a', 'b'\n"));
	run_free(&r);
	/* nothing explained at all */
	hits = write_file("hits.txt", "nobody@nowhere.example\n");
	r = run_exposure((const char *[]){ "compare", "--exposed", a, "--exposed", b, hits, NULL });
	ck_assert_ptr_nonnull(strstr(r.out, "best: none (no set explains any hit)\n"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A population of digests makes the run match digests; unexplained hits
 * are then written as digests too. */
START_TEST(cli_digest_population)
{
	char ex[512], pop[512], h[512];
	make_workdir();
	struct run r = run_exposure((const char *[]){ "compare", fixture(ATMAIL, ex), "--population",
						      fixture("expected/atmail.sha256", pop), fixture("hits/plain.txt", h),
						      "--unexplained", in_workdir("u"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* the 7 explained hits are the only ones among the 31: K = N = 31, so
	 * an overlap of 7 is certain */
	ck_assert_ptr_nonnull(strstr(r.out, "unique hits: 9 (sha256 digests)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "' (sha256): N = 31 (31 lines, 0 skipped)\n"
					    "  unique hits in it: n = 7; outside it: 2 (left out of n and k)\n"
					    "  'atmail.csv': K = 31 (0 exposed outside it), k = 7, 7.00 expected by chance, "
					    "P(X >= k) = 1 (log10 0.00)\n"));
	char *u = slurp(in_workdir("u"), NULL);
	ck_assert_uint_eq(strlen(u), 2 * 65);
	ck_assert_ptr_null(strchr(u, '@'));
	free(u);
	run_free(&r);
	remove_workdir();
}
END_TEST

static void assert_fails(const char *const *args, int status, const char *message)
{
	struct run r = run_exposure(args);
	ck_assert_msg(r.status == status, "exit %d, want %d: %s", r.status, status, r.err);
	ck_assert_msg(strstr(r.err, message) != NULL, "'%s' has no '%s'", r.err, message);
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_null(strchr(r.err, '@')); /* never an address in a message */
	run_free(&r);
}

START_TEST(cli_bad_input)
{
	char ex[512], sha[512], md5[512], plain[512], mbox[512];
	make_workdir();
	fixture(ATMAIL, ex);
	fixture("hits/hits.sha256", sha);
	fixture("hits/hits.md5", md5);
	fixture("hits/plain.txt", plain);
	fixture("hits/trap.mbox", mbox);
	char want[1200];
	snprintf(want, sizeof(want), "exposure: '%s' holds sha256 digests and '%s' addresses: give hits files of "
				     "one kind\n", sha, plain);
	assert_fails((const char *[]){ "compare", ex, sha, plain, NULL }, 1, want);
	snprintf(want, sizeof(want), "'%s' holds sha256 digests and '%s' md5 digests", sha, md5);
	assert_fails((const char *[]){ "compare", ex, sha, md5, NULL }, 1, want);
	snprintf(want, sizeof(want), "--population '%s' is an mbox: give a list, CSV or digests", mbox);
	assert_fails((const char *[]){ "compare", "--population", mbox, ex, plain, NULL }, 1, want);
	const char *bad = write_file("bad.sha256", "2878da80b17e5eb69268ea2c00549f65e26ed842bc071cba63caa654215bdb6e\n"
						    "alice@isp.example\n");
	snprintf(want, sizeof(want), "exposure: '%s':2: not a sha256 digest (64 hex digits) in a file of sha256 "
				     "digests\n", bad);
	assert_fails((const char *[]){ "compare", ex, bad, NULL }, 1, want);
	const char *empty = write_file("empty.txt", "");
	assert_fails((const char *[]){ "compare", ex, plain, empty, NULL }, 1, "empty.txt' is empty: no hits in it");
	const char *msg = write_file("msg.eml", "Delivered-To: carol@isp.example\nSubject: x\n\nbody\n");
	assert_fails((const char *[]){ "compare", ex, msg, NULL }, 1,
		     "msg.eml':1: broken mbox: a file of messages must start with a 'From ' line (or give a maildir)");
	assert_fails((const char *[]){ "compare", ex, in_workdir("missing.txt"), NULL }, 2,
		     "missing.txt': No such file or directory");
	assert_fails((const char *[]){ "compare", in_workdir("missing.csv"), plain, NULL }, 2,
		     "missing.csv': No such file or directory");
	assert_fails((const char *[]){ "compare", plain, plain, NULL }, 1,
		     "plain.txt':1: not an affected list: the header needs address, origins and sources columns");
	assert_listing("bad.sha256 empty.txt msg.eml"); /* and nothing else written */
	remove_workdir();
}
END_TEST

START_TEST(cli_usage_and_outputs)
{
	char ex[512], plain[512], spec[600];
	make_workdir();
	fixture(ATMAIL, ex);
	fixture("hits/plain.txt", plain);
	assert_fails((const char *[]){ "compare", NULL }, 1, "exposure: no EXPOSED list given\nusage:");
	assert_fails((const char *[]){ "compare", ex, NULL }, 1, "exposure: no HITS file given\n");
	assert_fails((const char *[]){ "compare", "--exposed", "web mail=x", plain, NULL }, 1,
		     "bad --exposed 'web mail=x': use NAME=FILE");
	snprintf(spec, sizeof(spec), "w=%s", ex);
	assert_fails((const char *[]){ "compare", "--exposed", spec, "--exposed", spec, plain, NULL }, 1,
		     "two exposed sets are named 'w'");
	assert_fails((const char *[]){ "compare", "--bogus", ex, plain, NULL }, 1, "usage: exposure compare");
	const char *many[2 * 33 + 3] = { "compare" };
	for (size_t i = 0; i < 33; i++) {
		many[1 + 2 * i] = "--exposed";
		many[2 + 2 * i] = spec;
	}
	many[67] = plain;
	assert_fails(many, 1, "exposure: at most 32 --exposed sets\nusage: exposure compare");
	/* output files: never over one without --force, never over an input */
	write_file("u.txt", "old\n");
	assert_fails((const char *[]){ "compare", ex, plain, "--unexplained", in_workdir("u.txt"), NULL }, 1,
		     "u.txt' exists: use --force to overwrite it");
	char *old = slurp(in_workdir("u.txt"), NULL);
	ck_assert_str_eq(old, "old\n");
	free(old);
	assert_fails((const char *[]){ "compare", ex, plain, "--force", "--skipped", plain, NULL }, 1,
		     "--skipped '");
	assert_fails((const char *[]){ "compare", ex, plain, "-o", in_workdir("x"), "--skipped", in_workdir("x"), NULL }, 1,
		     "--output and --skipped name the same file");
	assert_fails((const char *[]){ "compare", ex, plain, "--unexplained", "-", NULL }, 1,
		     "--output and --unexplained name the same file");
	struct run r = run_exposure((const char *[]){ "compare", ex, plain, "--force", "--unexplained",
						      in_workdir("u.txt"), NULL });
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	char *u = slurp(in_workdir("u.txt"), NULL);
	ck_assert_str_eq(u, "ghost@other-leak.example\nspam-only@other-leak.example\n");
	free(u);
	assert_listing("u.txt");
	r = run_exposure((const char *[]){ "compare", "--help", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "--population FILE"));
	ck_assert_ptr_nonnull(strstr(r.out, "Digest hits files cannot be mixed with address ones"));
	run_free(&r);
	remove_workdir();
}
END_TEST

Suite *compare_suite(void)
{
	Suite *s = suite_create("compare");
	TCase *tc = tcase_create("compare");
	tcase_add_test(tc, tail_matches_exact_values);
	tcase_add_test(tc, tail_ordinary_values_and_ends);
	tcase_add_test(tc, p_as_text);
	tcase_add_test(tc, math_matches_libm);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, csv_lines);
	tcase_add_test(tc, json_lines);
	tcase_add_test(tc, json_out_numbers);
	tcase_add_test(tc, plain_list);
	tcase_add_test(tc, csv_with_recipient_column);
	tcase_add_test(tc, digests);
	tcase_add_test(tc, mbox_messages);
	tcase_add_test(tc, maildir_messages);
	tcase_add_test(tc, detection);
	tcase_add_test(tc, fatal_inputs);
	tcase_add_test(tc, huge_line);
	tcase_add_test(tc, csv_records_across_lines);
	tcase_add_test(tc, mbox_edges);
	tcase_add_test(tc, names_not_utf8);
	tcase_add_test(tc, readers_table);
	tcase_add_test(tc, report_formats_table);
	tcase_add_test(tc, exposed_lists);
	tcase_add_test(tc, exposed_list_errors);
	tcase_add_test(tc, cli_every_address_form);
	tcase_add_test(tc, cli_digests);
	tcase_add_test(tc, cli_names_the_set_that_explains);
	tcase_add_test(tc, cli_ties);
	tcase_add_test(tc, cli_digest_population);
	tcase_add_test(tc, cli_bad_input);
	tcase_add_test(tc, cli_usage_and_outputs);
	suite_add_tcase(s, tc);
	return s;
}
