/* Profile files: what a valid file loads into, and each error with its
 * exact message and line. Every file lives in a fresh temp dir, removed
 * before the assertions. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "suites.h"

#define ERR_SIZE 1024
#define PATH_SIZE 256

/* Writes `len` bytes to <temp dir>/<name>, loads that file and removes the
 * file and the dir. `path` receives the path the loader saw. */
static struct profile *load_bytes(const char *name, const char *text, size_t len, char *err, char *path)
{
	char dir[] = "/tmp/exposure-profile-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, PATH_SIZE, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	err[0] = '\0';
	struct profile *p = profile_load(path, err, ERR_SIZE);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	return p;
}

/* Loads text from a file of that name; the test fails when it does not load. */
static struct profile *load_named(const char *name, const char *text)
{
	char err[ERR_SIZE], path[PATH_SIZE];
	struct profile *p = load_bytes(name, text, strlen(text), err, path);
	ck_assert_msg(p != NULL, "did not load: %s", err);
	ck_assert_str_eq(err, "");
	return p;
}

static struct profile *load(const char *text)
{
	return load_named("billing.profile", text);
}

/* The load fails with exactly "'<path>'" followed by `want` (":7: ..."). */
static void expect_error_bytes(const char *text, size_t len, const char *want)
{
	char err[ERR_SIZE], path[PATH_SIZE], full[ERR_SIZE + PATH_SIZE];
	struct profile *p = load_bytes("billing.profile", text, len, err, path);
	int loaded = p != NULL;
	profile_free(p);
	ck_assert_msg(!loaded, "loaded, expected '%s'%s", path, want);
	snprintf(full, sizeof(full), "'%s'%s", path, want);
	ck_assert_str_eq(err, full);
}

static void expect_error(const char *text, const char *want)
{
	expect_error_bytes(text, strlen(text), want);
}

/* Every field, strings by value (NULL equal to NULL only). */
static void assert_extractor(const struct extractor *got, const struct extractor *want)
{
	ck_assert_pstr_eq(got->name, want->name);
	ck_assert_int_eq(got->origin, want->origin);
	ck_assert_pstr_eq(got->tables, want->tables);
	ck_assert_pstr_eq(got->query, want->query);
	for (size_t i = 0; i <= EXTRACTOR_MAX_ADDRESS; i++)
		ck_assert_pstr_eq(got->address[i], want->address[i]);
	ck_assert_pstr_eq(got->owner, want->owner);
	ck_assert_pstr_eq(got->time, want->time);
	ck_assert_int_eq(got->time_kind, want->time_kind);
	ck_assert_pstr_eq(got->login_time, want->login_time);
	ck_assert_pstr_eq(got->key, want->key);
	ck_assert_pstr_eq(got->deleted, want->deleted);
	ck_assert_pstr_eq(got->internal, want->internal);
	ck_assert_uint_eq(got->truncate_at, want->truncate_at);
	ck_assert_int_eq(got->filter, want->filter);
	ck_assert_uint_eq(got->flags, want->flags);
}

static void assert_profile(const struct profile *got, const struct profile *want)
{
	ck_assert_pstr_eq(got->name, want->name);
	ck_assert_pstr_eq(got->description, want->description);
	ck_assert_pstr_eq(got->detect, want->detect);
	ck_assert_ptr_null(got->system_account);
	ck_assert_uint_eq(got->n_extractors, want->n_extractors);
	for (size_t i = 0; i < want->n_extractors; i++)
		assert_extractor(&got->extractors[i], &want->extractors[i]);
}

/* ---- valid files ------------------------------------------------------------ */

/* The printer writes from the loader's table of keys: what it prints for
 * each built-in profile loads back into the same extractors. */
START_TEST(printed_profiles_load_back)
{
	for (size_t i = 0; profile_builtin_at(i); i++) {
		const struct profile *want = profile_builtin_at(i);
		char *text = NULL, err[ERR_SIZE], path[PATH_SIZE];
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		ck_assert_ptr_nonnull(f);
		profile_print(f, want);
		ck_assert_int_eq(fclose(f), 0);
		struct profile *got = load_bytes("printed.profile", text, len, err, path);
		ck_assert_msg(got != NULL, "%s: %s", want->name, err);
		ck_assert_uint_eq(got->n_extractors, want->n_extractors);
		for (size_t e = 0; e < want->n_extractors; e++) {
			assert_extractor(&got->extractors[e], &want->extractors[e]);
			ck_assert_pstr_eq(got->extractors[e].vcard, want->extractors[e].vcard);
		}
		profile_free(got);
		free(text);
	}
}
END_TEST

START_TEST(full_file)
{
	static const char text[] =
		"# billing and CRM\n"
		"name = crm\n"
		"description = Billing and CRM\n"
		"detect = customers invoices\n"
		"\n"
		"[extractor billing]\n"
		"origin = login\n"
		"query = SELECT customer_id, billing_email, alt_email, updated_at, last_login, del FROM {table}\n"
		"address = billing_email, alt_email\n"
		"key = customer_id\n"
		"owner = customer_id\n"
		"time = updated_at\n"
		"time_kind = Created\n"
		"login_time = last_login\n"
		"deleted = del\n"
		"internal = billing_email\n"
		"tables = customers customers_*\n"
		"truncate_at = 64\n"
		"filter = atmail-logmsg\n"
		"login_name = yes\n"
		"\n"
		"[extractor contacts]\n"
		"origin = addressbook\n"
		"query = SELECT id, card FROM contacts\n"
		"address = card\n"
		"key = id\n"
		"filter = vcard\n"
		"login_name = no\n"
		"\n"
		"[extractor outbox]\n"
		"origin = sent\n"
		"query = SELECT id, rcpt FROM outbox\n"
		"address = rcpt\n"
		"key = id\n"
		"filter = none\n";
	static const struct extractor want_ex[] = {
		{
			.name = "billing",
			.origin = ORIGIN_LOGIN,
			.tables = "customers customers_*",
			.query = "SELECT customer_id, billing_email, alt_email, updated_at, last_login, del FROM {table}",
			.address = { "billing_email", "alt_email" },
			.owner = "customer_id",
			.time = "updated_at",
			.time_kind = TIME_KIND_CREATED,
			.login_time = "last_login",
			.key = "customer_id",
			.deleted = "del",
			.internal = "billing_email",
			.truncate_at = 64,
			.filter = FILTER_ATMAIL_LOGMSG,
			.flags = EXTRACTOR_LOGIN_NAME,
		},
		{
			.name = "contacts",
			.origin = ORIGIN_ADDRESSBOOK,
			.query = "SELECT id, card FROM contacts",
			.address = { "card" },
			.key = "id",
			.filter = FILTER_VCARD,
		},
		{
			.name = "outbox",
			.origin = ORIGIN_SENT,
			.query = "SELECT id, rcpt FROM outbox",
			.address = { "rcpt" },
			.key = "id",
			.filter = FILTER_NONE,
		},
	};
	static const struct profile want = {
		.name = "crm",
		.description = "Billing and CRM",
		.detect = "customers invoices",
		.extractors = want_ex,
		.n_extractors = 3,
	};
	struct profile *p = load(text);
	assert_profile(p, &want);
	profile_free(p);
}
END_TEST

START_TEST(schemas_example)
{
	static const char text[] =
		"[extractor billing]\n"
		"origin = login\n"
		"query  = SELECT customer_id, billing_email, updated_at FROM customers\n"
		"key = customer_id\n"
		"address = billing_email\n"
		"time = updated_at\n";
	static const struct extractor want_ex[] = { {
		.name = "billing",
		.origin = ORIGIN_LOGIN,
		.query = "SELECT customer_id, billing_email, updated_at FROM customers",
		.address = { "billing_email" },
		.time = "updated_at",
		.key = "customer_id",
	} };
	static const struct profile want = { .name = "billing", .extractors = want_ex, .n_extractors = 1 };
	struct profile *p = load(text);
	assert_profile(p, &want);
	profile_free(p);
}
END_TEST

START_TEST(continuation_lines)
{
	static const char good[] =
		"description = Billing\n"
		"   database\n"
		"[extractor billing]\n"
		"origin = login\n"
		"query = SELECT customer_id, billing_email,\n"
		"        updated_at\n"
		"\t\tFROM customers   \n"
		"  \n"
		"address = a1, a2\n"
		"   a3\ta4\n"
		"key =\n"
		"  customer_id\n";
	static const struct extractor want_ex[] = { {
		.name = "billing",
		.origin = ORIGIN_LOGIN,
		.query = "SELECT customer_id, billing_email, updated_at FROM customers",
		.address = { "a1", "a2", "a3", "a4" },
		.key = "customer_id",
	} };
	static const struct profile want = {
		.name = "billing", .description = "Billing database", .extractors = want_ex, .n_extractors = 1,
	};
	struct profile *p = load(good);
	assert_profile(p, &want);
	profile_free(p);
}
END_TEST

START_TEST(comments)
{
	static const char text[] =
		"# a comment\n"
		"; another\n"
		"\n"
		"   \t\n"
		"[extractor billing]\r\n"
		"# inside a section\n"
		"origin = login\r\n"
		";query = SELECT nothing\n"
		"query = SELECT id, mail FROM t # not a comment; nor this\n"
		"address = mail\n"
		"key = id\n"
		"#\n";
	static const struct extractor want_ex[] = { {
		.name = "billing",
		.origin = ORIGIN_LOGIN,
		.query = "SELECT id, mail FROM t # not a comment; nor this",
		.address = { "mail" },
		.key = "id",
	} };
	static const struct profile want = { .name = "billing", .extractors = want_ex, .n_extractors = 1 };
	struct profile *p = load(text);
	assert_profile(p, &want);
	profile_free(p);
}
END_TEST

#define MINIMAL "[extractor e]\norigin = login\nquery = SELECT id FROM t\naddress = id\nkey = id\n"

START_TEST(default_name)
{
	struct profile *p = load_named("my.billing.profile", MINIMAL);
	ck_assert_str_eq(p->name, "my.billing");
	profile_free(p);
	p = load_named("crm", MINIMAL);
	ck_assert_str_eq(p->name, "crm");
	profile_free(p);
	p = load_named(".hidden", MINIMAL);
	ck_assert_str_eq(p->name, ".hidden");
	profile_free(p);
	p = load_named("billing.profile", "name = ledger\n" MINIMAL);
	ck_assert_str_eq(p->name, "ledger");
	profile_free(p);
}
END_TEST

START_TEST(case_and_spacing)
{
	static const char text[] =
		"NAME=Ledger\n"
		"[ Extractor Billing-2_x ]\n"
		"Origin=AddressBook\n"
		"QUERY   =   SELECT Id, Mail$1 FROM {table}\n"
		"Address=Mail$1,,_Other  ,\n"
		"Key=Id\n"
		"Internal = mail$1\n"
		"Tables = Abook_?\n"
		"Filter = VCARD\n"
		"Login_Name = YES\n"
		"Truncate_At = 00065535\n";
	static const struct extractor want_ex[] = { {
		.name = "Billing-2_x",
		.origin = ORIGIN_ADDRESSBOOK,
		.tables = "Abook_?",
		.query = "SELECT Id, Mail$1 FROM {table}",
		.address = { "Mail$1", "_Other" },
		.key = "Id",
		.internal = "mail$1",
		.truncate_at = 65535,
		.filter = FILTER_VCARD,
		.flags = EXTRACTOR_LOGIN_NAME,
	} };
	static const struct profile want = { .name = "Ledger", .extractors = want_ex, .n_extractors = 1 };
	struct profile *p = load(text);
	assert_profile(p, &want);
	profile_free(p);
}
END_TEST

START_TEST(longest_line)
{
	char text[5000];
	int n = snprintf(text, sizeof(text), "[extractor e]\norigin = login\naddress = id\nkey = id\nquery = ");
	size_t fill = 4096 - strlen("query = ");
	memset(text + n, 'x', fill);
	memcpy(text + n + fill, "\n", 2);
	struct profile *p = load(text);
	ck_assert_uint_eq(strlen(p->extractors[0].query), fill);
	profile_free(p);
}
END_TEST

START_TEST(free_null)
{
	profile_free(NULL);
}
END_TEST

/* ---- errors, each with its line ------------------------------------------------ */

START_TEST(err_unknown_key)
{
	expect_error("[extractor billing]\n"
		     "origin = login\n"
		     "query = SELECT a FROM t\n"
		     "adress = a\n",
		     ":4: unknown key 'adress'");
	expect_error("nmae = x\n" MINIMAL, ":1: unknown key 'nmae'");
}
END_TEST

START_TEST(err_key_outside_section)
{
	expect_error("name = x\n"
		     "origin = login\n"
		     MINIMAL,
		     ":2: 'origin' must be in an [extractor NAME] section");
	expect_error(MINIMAL "detect = users\n", ":6: 'detect' must come before the first section");
}
END_TEST

START_TEST(err_duplicate_key)
{
	expect_error("[extractor billing]\n"
		     "origin = login\n"
		     "QUERY = SELECT a FROM t\n"
		     "query = SELECT b FROM t\n",
		     ":4: 'query' given twice in extractor 'billing'");
	expect_error("description = a\nDescription = b\n" MINIMAL, ":2: 'description' given twice");
	/* the same key in two sections is fine */
	struct profile *p = load(MINIMAL "[extractor f]\norigin = sent\nquery = SELECT id FROM u\n"
					 "address = id\nkey = id\n");
	ck_assert_uint_eq(p->n_extractors, 2);
	profile_free(p);
}
END_TEST

START_TEST(err_duplicate_extractor)
{
	expect_error(MINIMAL "\n[extractor E]\n", ":7: extractor 'E' given twice");
}
END_TEST

START_TEST(err_bad_section_header)
{
	static const struct {
		const char *header;
		const char *want;
	} cases[] = {
		{ "[extractor billing", ":2: bad section header '[extractor billing'" },
		{ "[extractor]", ":2: bad section header '[extractor]'" },
		{ "[extractorbilling]", ":2: bad section header '[extractorbilling]'" },
		{ "[table billing]", ":2: bad section header '[table billing]'" },
		{ "[extractor bil ling]", ":2: bad section header '[extractor bil ling]'" },
		{ "[extractor bil.ling]", ":2: bad section header '[extractor bil.ling]'" },
		{ "[extractor billing] x", ":2: bad section header '[extractor billing] x'" },
		{ "[]", ":2: bad section header '[]'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		snprintf(text, sizeof(text), "# x\n%s\n" "origin = login\n", cases[i].header);
		expect_error(text, cases[i].want);
	}
}
END_TEST

START_TEST(err_missing_key)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "[extractor e]\nquery = SELECT id FROM t\naddress = id\nkey = id\n",
		  ":1: extractor 'e' has no 'origin'" },
		{ "[extractor e]\norigin = login\naddress = id\nkey = id\n", ":1: extractor 'e' has no 'query'" },
		{ "[extractor e]\norigin = login\nquery = SELECT id FROM t\nkey = id\n",
		  ":1: extractor 'e' has no 'address'" },
		{ "[extractor e]\norigin = login\nquery = SELECT id FROM t\naddress = id\n",
		  ":1: extractor 'e' has no 'key'" },
		/* an earlier section, reported when the next one starts */
		{ "\n[extractor e]\norigin = login\nquery = SELECT id FROM t\naddress = id\n\n" MINIMAL,
		  ":2: extractor 'e' has no 'key'" },
		/* a later section after a complete one */
		{ MINIMAL "\n\n[extractor billing]\norigin = login\nquery = SELECT a FROM t\nkey = a\n",
		  ":8: extractor 'billing' has no 'address'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_error(cases[i].text, cases[i].want);
}
END_TEST

START_TEST(err_bad_origin)
{
	expect_error("[extractor e]\norigin = logins\n",
		     ":2: origin must be login, addressbook or sent, not 'logins'");
	expect_error("[extractor e]\norigin = login, sent\n",
		     ":2: origin must be login, addressbook or sent, not 'login, sent'");
}
END_TEST

START_TEST(err_bad_filter)
{
	expect_error("[extractor e]\nfilter = html\n",
		     ":2: filter must be none, atmail-logmsg or vcard, not 'html'");
}
END_TEST

START_TEST(err_bad_login_name)
{
	expect_error("[extractor e]\nlogin_name = true\n", ":2: login_name must be yes or no, not 'true'");
}
END_TEST

/* A time kind is one of three words, and only where there is a time; a
 * file without one reads its time as `changed`, which never drops a row. */
START_TEST(err_bad_time_kind)
{
	expect_error("[extractor e]\ntime = t\ntime_kind = modified\n",
		     ":3: time_kind must be created, event or changed, not 'modified'");
	expect_error("[extractor e]\norigin = login\nquery = SELECT a, k FROM x\naddress = a\nkey = k\n"
		     "time_kind = event\n",
		     ":6: extractor 'e' has a 'time_kind' but no 'time'");
	expect_error("[extractor e]\nlogin_time = last login\n", ":2: 'last login' in 'login_time' is not a plain column name");
	char err[ERR_SIZE], path[PATH_SIZE];
	static const char text[] = "[extractor e]\norigin = login\nquery = SELECT a, k, t FROM x\naddress = a\n"
				   "key = k\ntime = t\n";
	struct profile *p = load_bytes("kindless.profile", text, sizeof(text) - 1, err, path);
	ck_assert_msg(p != NULL, "%s", err);
	ck_assert_int_eq(p->extractors[0].time_kind, TIME_KIND_CHANGED);
	ck_assert_ptr_null(p->extractors[0].login_time);
	profile_free(p);
}
END_TEST

START_TEST(err_bad_truncate_at)
{
	static const char *const bad[] = { "0", "65536", "-1", "+5", "12x", "6 4", "99999999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[128], want[128];
		snprintf(text, sizeof(text), "[extractor e]\ntruncate_at = %s\n", bad[i]);
		snprintf(want, sizeof(want), ":2: truncate_at must be a number from 1 to 65535, not '%s'", bad[i]);
		expect_error(text, want);
	}
}
END_TEST

START_TEST(err_too_many_address_columns)
{
	expect_error("[extractor e]\norigin = sent\n"
		     "address = a1, a2 a3,a4\n"
		     "  a5 a6\n",
		     ":3: extractor 'e' has more than 5 address columns");
	struct profile *p = load("[extractor e]\norigin = login\nquery = SELECT 1 FROM t\n"
				 "address = a1, a2 a3,a4\n  a5\nkey = a1\n");
	ck_assert_str_eq(p->extractors[0].address[4], "a5");
	ck_assert_ptr_null(p->extractors[0].address[5]);
	profile_free(p);
}
END_TEST

START_TEST(err_duplicate_address_column)
{
	expect_error("[extractor e]\naddress = mail, other, MAIL\n", ":2: 'MAIL' given twice in 'address'");
}
END_TEST

START_TEST(err_internal_not_address)
{
	expect_error("[extractor billing]\n"
		     "origin = login\n"
		     "internal = owner\n"
		     "query = SELECT a FROM t\n"
		     "address = a\n"
		     "key = a\n",
		     ":3: internal column 'owner' is not among the address columns of extractor 'billing'");
}
END_TEST

START_TEST(err_table_placeholder)
{
	expect_error("[extractor billing]\n"
		     "origin = login\n"
		     "query = SELECT a FROM {table}\n"
		     "address = a\n"
		     "key = a\n",
		     ":3: query of extractor 'billing' has {table} but no 'tables'");
	expect_error("[extractor billing]\n"
		     "origin = login\n"
		     "query = SELECT a FROM t\n"
		     "address = a\n"
		     "tables = t\n"
		     "key = a\n",
		     ":5: 'tables' given but the query of extractor 'billing' has no {table}");
}
END_TEST

START_TEST(err_no_extractor)
{
	expect_error("", ":1: no [extractor NAME] section");
	expect_error("# only\nname = x\ndescription = y\n\n", ":4: no [extractor NAME] section");
}
END_TEST

START_TEST(err_line_too_long)
{
	char text[5000];
	int n = snprintf(text, sizeof(text), "[extractor e]\norigin = login\nquery = ");
	size_t fill = 4097 - strlen("query = ");
	memset(text + n, 'x', fill);
	memcpy(text + n + fill, "\naddress = x\nkey = x\n", 22);
	expect_error(text, ":3: line longer than 4096 bytes");
}
END_TEST

START_TEST(err_nul_byte)
{
	static const char text[] = "[extractor e]\norigin = login\nquery = SELECT\0 a FROM t\n";
	expect_error_bytes(text, sizeof(text) - 1, ":3: NUL byte");
}
END_TEST

START_TEST(err_cannot_read)
{
	char dir[] = "/tmp/exposure-profile-XXXXXX", path[PATH_SIZE], err[ERR_SIZE], want[ERR_SIZE];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/absent.profile", dir);
	struct profile *p = profile_load(path, err, sizeof(err));
	int loaded = p != NULL;
	struct profile *q = profile_load(dir, err + 512, sizeof(err) - 512);
	loaded += q != NULL;
	profile_free(p);
	profile_free(q);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(loaded, 0);
	snprintf(want, sizeof(want), "cannot read '%s': %s", path, strerror(ENOENT));
	ck_assert_str_eq(err, want);
	snprintf(want, sizeof(want), "cannot read '%s': %s", dir, strerror(EISDIR));
	ck_assert_str_eq(err + 512, want);
}
END_TEST

START_TEST(err_bad_column_name)
{
	static const struct {
		const char *line;
		const char *want;
	} cases[] = {
		{ "address = mail, e-mail", ":3: 'e-mail' in 'address' is not a plain column name" },
		{ "address = 1st", ":3: '1st' in 'address' is not a plain column name" },
		{ "address = \"mail\"", ":3: '\"mail\"' in 'address' is not a plain column name" },
		{ "key = a b", ":3: 'a b' in 'key' is not a plain column name" },
		{ "owner = t.owner", ":3: 't.owner' in 'owner' is not a plain column name" },
		{ "time = $t", ":3: '$t' in 'time' is not a plain column name" },
		{ "deleted = del,", ":3: 'del,' in 'deleted' is not a plain column name" },
		{ "internal = `mail`", ":3: '`mail`' in 'internal' is not a plain column name" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		snprintf(text, sizeof(text), "[extractor e]\norigin = login\n%s\n", cases[i].line);
		expect_error(text, cases[i].want);
	}
}
END_TEST

START_TEST(err_empty_value)
{
	expect_error("[extractor e]\norigin = login\nquery =   \n\naddress = a\n", ":3: empty value for 'query'");
	expect_error("name =\n" MINIMAL, ":1: empty value for 'name'");
}
END_TEST

START_TEST(err_orphan_continuation)
{
	expect_error("  name = x\n", ":1: continuation line with no value to continue");
	expect_error("[extractor e]\n  origin = login\n", ":2: continuation line with no value to continue");
	expect_error("[extractor e]\norigin = login\n# c\n  sent\n",
		     ":4: continuation line with no value to continue");
}
END_TEST

START_TEST(err_not_key_value)
{
	expect_error("[extractor e]\norigin login\n", ":2: expected key = value, not 'origin login'");
	expect_error("= login\n", ":1: expected key = value, not '= login'");
}
END_TEST

Suite *profile_file_suite(void)
{
	Suite *s = suite_create("profile_file");
	TCase *tc = tcase_create("valid");
	tcase_add_test(tc, full_file);
	tcase_add_test(tc, schemas_example);
	tcase_add_test(tc, continuation_lines);
	tcase_add_test(tc, comments);
	tcase_add_test(tc, default_name);
	tcase_add_test(tc, case_and_spacing);
	tcase_add_test(tc, longest_line);
	tcase_add_test(tc, free_null);
	tcase_add_test(tc, printed_profiles_load_back);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, err_unknown_key);
	tcase_add_test(tc, err_key_outside_section);
	tcase_add_test(tc, err_duplicate_key);
	tcase_add_test(tc, err_duplicate_extractor);
	tcase_add_test(tc, err_bad_section_header);
	tcase_add_test(tc, err_missing_key);
	tcase_add_test(tc, err_bad_origin);
	tcase_add_test(tc, err_bad_filter);
	tcase_add_test(tc, err_bad_login_name);
	tcase_add_test(tc, err_bad_time_kind);
	tcase_add_test(tc, err_bad_truncate_at);
	tcase_add_test(tc, err_too_many_address_columns);
	tcase_add_test(tc, err_duplicate_address_column);
	tcase_add_test(tc, err_internal_not_address);
	tcase_add_test(tc, err_table_placeholder);
	tcase_add_test(tc, err_no_extractor);
	tcase_add_test(tc, err_line_too_long);
	tcase_add_test(tc, err_nul_byte);
	tcase_add_test(tc, err_cannot_read);
	tcase_add_test(tc, err_bad_column_name);
	tcase_add_test(tc, err_empty_value);
	tcase_add_test(tc, err_orphan_continuation);
	tcase_add_test(tc, err_not_key_value);
	suite_add_tcase(s, tc);
	return s;
}
