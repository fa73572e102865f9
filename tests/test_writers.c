/* Every writer over the same hand-built set, against exact expected text
 * (digests from sha256sum/md5sum); the rejects file's escaping. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "profile.h"
#include "suites.h"
#include "list_format.h"
#include "rejects.h"

struct sample {
	struct addrset set;
	struct domain_set internal;
	const char *names[3];
	unsigned order[3];
};

/* Two addresses from three sources whose index order is not name order. */
static void sample_init(struct sample *s)
{
	addrset_init(&s->set);
	domain_set_init(&s->internal);
	ck_assert_int_eq(domain_set_add(&s->internal, "@ISP.example"), 0);
	uint32_t a = addrset_owner(&s->set, "a", 1), b = addrset_owner(&s->set, "b", 1);
	addrset_add(&s->set, "\"doe, jo\"@y.org", 1u << ORIGIN_SENT, 2, a, 86400);
	addrset_add(&s->set, "\"doe, jo\"@y.org", 1u << ORIGIN_ADDRESSBOOK, 0, a, 0);
	addrset_add(&s->set, "ann@isp.example", 1u << ORIGIN_LOGIN, 1, a, TIME_NONE);
	addrset_add(&s->set, "ann@isp.example", 1u << ORIGIN_LOGIN, 1, b, TIME_NONE);
	s->names[0] = "web2";
	s->names[1] = "billing";
	s->names[2] = "web1";
	s->order[0] = 1; /* billing, web1, web2 */
	s->order[1] = 2;
	s->order[2] = 0;
}

static char *write_sample_masked(const char *format, int mask)
{
	struct sample s;
	struct memout m;
	sample_init(&s);
	memout_open(&m);
	struct output_ctx o = { .f = m.f, .source_names = s.names, .source_order = s.order, .n_sources = 3,
				.internal = &s.internal, .mask = mask };
	size_t n;
	struct addr_entry **sorted;
	ck_assert_int_eq(addrset_sorted(&s.set, &sorted, &n), 0);
	const struct list_format *lf = list_format_find(format);
	ck_assert_ptr_nonnull(lf);
	ck_assert_int_eq(list_format_write_all(lf, &o, sorted, n), 0);
	free(sorted);
	addrset_release(&s.set);
	domain_set_release(&s.internal);
	return memout_text(&m);
}

static char *write_sample(const char *format)
{
	return write_sample_masked(format, 0);
}

static const struct {
	const char *format;
	const char *want;
} expected[] = {
	{ "csv", "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n"
		 "\"\"\"doe, jo\"\"@y.org\",addressbook|sent,web1|web2,1,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,external,no\n"
		 "ann@isp.example,login,billing,2,,,internal,yes\n" },
	{ "jsonl", "{\"address\":\"\\\"doe, jo\\\"@y.org\",\"origins\":[\"addressbook\",\"sent\"],"
		   "\"sources\":[\"web1\",\"web2\"],\"accounts\":1,\"first_seen\":\"1970-01-01T00:00:00Z\","
		   "\"last_seen\":\"1970-01-02T00:00:00Z\",\"class\":\"external\",\"customers_login\":false}\n"
		   "{\"address\":\"ann@isp.example\",\"origins\":[\"login\"],\"sources\":[\"billing\"],"
		   "\"accounts\":2,\"first_seen\":null,\"last_seen\":null,\"class\":\"internal\",\"customers_login\":true}\n" },
	{ "list", "\"doe, jo\"@y.org\nann@isp.example\n" },
	{ "sha256", "3c65dd414378eb1e2d78e7eca31028d12d33d6516e51046d2847f9cffd9537db\n"
		    "60d172be4a195b38c3468c7b50907073aeede64a43c8be0d1adb341a1fc82ff2\n" },
	{ "md5", "abef68ef9d70d969bf8dc7aefe83dc7c\n4dc242db3f28012b5b4c4eeee360482b\n" },
};

START_TEST(each_writer_exact)
{
	char *got = write_sample(expected[_i].format);
	ck_assert_str_eq(got, expected[_i].want);
	free(got);
}
END_TEST

/* --mask: every format over the same input; the digests stay those of the
 * addresses (they show none). */
static const struct {
	const char *format;
	const char *want;
} expected_masked[] = {
	{ "csv", "address,origins,sources,accounts,first_seen,last_seen,class,customers_login\n"
		 "\"\"\"***@y.org\",addressbook|sent,web1|web2,1,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,external,no\n"
		 "a***@isp.example,login,billing,2,,,internal,yes\n" },
	{ "jsonl", "{\"address\":\"\\\"***@y.org\",\"origins\":[\"addressbook\",\"sent\"],"
		   "\"sources\":[\"web1\",\"web2\"],\"accounts\":1,\"first_seen\":\"1970-01-01T00:00:00Z\","
		   "\"last_seen\":\"1970-01-02T00:00:00Z\",\"class\":\"external\",\"customers_login\":false}\n"
		   "{\"address\":\"a***@isp.example\",\"origins\":[\"login\"],\"sources\":[\"billing\"],"
		   "\"accounts\":2,\"first_seen\":null,\"last_seen\":null,\"class\":\"internal\",\"customers_login\":true}\n" },
	{ "list", "\"***@y.org\na***@isp.example\n" },
	{ "sha256", "3c65dd414378eb1e2d78e7eca31028d12d33d6516e51046d2847f9cffd9537db\n"
		    "60d172be4a195b38c3468c7b50907073aeede64a43c8be0d1adb341a1fc82ff2\n" },
	{ "md5", "abef68ef9d70d969bf8dc7aefe83dc7c\n4dc242db3f28012b5b4c4eeee360482b\n" },
};

START_TEST(each_writer_masked_exact)
{
	char *got = write_sample_masked(expected_masked[_i].format, 1);
	ck_assert_str_eq(got, expected_masked[_i].want);
	free(got);
}
END_TEST

START_TEST(every_writer_is_tested)
{
	size_t n = 0;
	while (list_format_at(n))
		n++;
	ck_assert_uint_eq(n, sizeof(expected) / sizeof(expected[0]));
	ck_assert_uint_eq(n, sizeof(expected_masked) / sizeof(expected_masked[0]));
	for (size_t i = 0; i < n; i++) { /* the table's order is the tests' order */
		ck_assert_str_eq(list_format_at(i)->name, expected[i].format);
		ck_assert_str_eq(expected_masked[i].format, expected[i].format);
	}
	ck_assert_ptr_null(list_format_find("xml"));
}
END_TEST

START_TEST(rejects_escape_bytes)
{
	struct memout m;
	memout_open(&m);
	char big[1000];
	memset(big, 'a', sizeof(big));
	struct scan_reject r = { .source = "db", .table = "Abook_a", .key = "7", .key_len = 1,
				 .column = "UserEmail", .why = ADDR_REJECT_CONTROL_CHAR,
				 .value = "a\0b@x.org", .value_len = 9 };
	ck_assert_int_eq(rejects_csv_header(m.f), 0);
	ck_assert_int_eq(rejects_csv_row(m.f, &r), 0);
	r.why = ADDR_REJECT_BAD_ENCODING;
	r.value = "\xff\xfe@x.org, \"q\"";
	r.value_len = strlen(r.value);
	ck_assert_int_eq(rejects_csv_row(m.f, &r), 0);
	r.why = ADDR_REJECT_TOO_LONG;
	r.value = big;
	r.value_len = sizeof(big);
	ck_assert_int_eq(rejects_csv_row(m.f, &r), 0);
	char *got = memout_text(&m);
	char want[2048];
	snprintf(want, sizeof(want),
		 "source,table,key,column,reason,value,value_bytes\n"
		 "db,Abook_a,7,UserEmail,control-char,a\\x00b@x.org,9\n"
		 "db,Abook_a,7,UserEmail,bad-encoding,\"\\xff\\xfe@x.org, \"\"q\"\"\",13\n"
		 "db,Abook_a,7,UserEmail,too-long,%.*s,1000\n", REJECTS_VALUE_MAX, big);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

Suite *writers_suite(void)
{
	Suite *s = suite_create("writers");
	TCase *tc = tcase_create("writers");
	tcase_add_loop_test(tc, each_writer_exact, 0, (int)(sizeof(expected) / sizeof(expected[0])));
	tcase_add_loop_test(tc, each_writer_masked_exact, 0, (int)(sizeof(expected_masked) / sizeof(expected_masked[0])));
	tcase_add_test(tc, every_writer_is_tested);
	tcase_add_test(tc, rejects_escape_bytes);
	suite_add_tcase(s, tc);
	return s;
}
