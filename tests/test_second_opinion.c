/* A second opinion on our RFC 5322 parser: every address field of every
 * fixture database (the columns the profiles read as addresses) is parsed
 * by ours and by GMime's address-list parser. Where the two disagree, the
 * value must be one of the deliberate differences listed below, each with
 * its reason; any other disagreement fails, naming the value and both
 * answers. */
#include <check.h>
#include <ctype.h>
#include <gmime/gmime.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "helpers.h"
#include "profile.h"
#include "scan.h"
#include "suites.h"

#define MAX_FOUND 32

/* The values where exposure deliberately answers otherwise than GMime. */
static const struct difference {
	const char *value; /* the field, after @Mail's LogMsg prefix is stripped */
	const char *ours;  /* our addresses, space-joined, in order */
	const char *gmime; /* GMime's */
	const char *why;
} differences[] = {
	{ "ann@example.com; kim@example.com", "ann@example.com kim@example.com", "ann@example.com",
	  "lenient separators: webmail users type ';' between addresses, and Outlook writes it" },
	{ "kim@example.net; lee@example.net", "kim@example.net lee@example.net", "kim@example.net",
	  "lenient separators, as above" },
	{ "it@roe-it.example; helpdesk@roe-it.example", "it@roe-it.example helpdesk@roe-it.example",
	  "it@roe-it.example", "lenient separators, as above" },
	{ "x@y", "", "x@y", "a single-label domain is no deliverable Internet address: a reject, never mailed" },
	{ "helpdesk@roe-it", "", "helpdesk@roe-it", "single-label domain, as above" },
	{ "someone@localhost", "", "someone@localhost", "single-label domain, as above" },
	{ "nobody@invalid_domain.example", "", "nobody@invalid_domain.example",
	  "'_' is not allowed in a host name (RFC 1123): mail to it cannot be delivered" },
	{ "Zed <zed@example.com>, \"Quoted Name, Long\" <qn@example.", "zed@example.com",
	  "zed@example.com qn@example",
	  "an @Mail LogMsg cut at 64 characters: its last address is partial, a truncated reject; "
	  "GMime reads the stub as an address" },
};

struct found {
	char joined[MAX_FOUND * ADDR_BUF];
	size_t n;
};

static void found_add(struct found *f, const char *addr)
{
	size_t used = strlen(f->joined);
	snprintf(f->joined + used, sizeof(f->joined) - used, "%s%s", used ? " " : "", addr);
	f->n++;
}

static int take_ours(void *ctx, enum addr_reject why, const char *addr, const char *raw, size_t raw_len)
{
	(void)raw;
	(void)raw_len;
	if (why == ADDR_OK)
		found_add(ctx, addr);
	return 0;
}

static void take_gmime(InternetAddressList *list, struct found *f)
{
	for (int i = 0; i < internet_address_list_length(list); i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			take_gmime(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), f);
			continue;
		}
		char addr[ADDR_BUF];
		snprintf(addr, sizeof(addr), "%s", internet_address_mailbox_get_idn_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		for (char *p = addr; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		found_add(f, addr);
	}
}

/* 1 when column is an address column of some extractor of p. */
static int reads_as_address(const struct profile *p, const char *column)
{
	for (size_t i = 0; p && i < p->n_extractors; i++)
		for (size_t k = 0; k < EXTRACTOR_MAX_ADDRESS && p->extractors[i].address[k]; k++)
			if (strcasecmp(p->extractors[i].address[k], column) == 0)
				return 1;
	return 0;
}

struct tally {
	size_t compared, agreed, listed;
	int seen[sizeof(differences) / sizeof(differences[0])];
};

static void compare_value(struct tally *t, const char *table, const char *column, const char *v, size_t len)
{
	size_t skip = strcasecmp(column, "LogMsg") == 0 ? atmail_logmsg_prefix(v, len) : 0;
	struct found ours = { "", 0 }, theirs = { "", 0 };
	addrlist_parse(v + skip, len - skip, 0, take_ours, &ours);
	InternetAddressList *list = internet_address_list_parse(NULL, v + skip);
	if (list) {
		take_gmime(list, &theirs);
		g_object_unref(list);
	}
	t->compared++;
	if (strcmp(ours.joined, theirs.joined) == 0) {
		t->agreed++;
		return;
	}
	for (size_t i = 0; i < sizeof(differences) / sizeof(differences[0]); i++)
		if (strcmp(differences[i].value, v + skip) == 0) {
			ck_assert_str_eq(ours.joined, differences[i].ours);
			ck_assert_str_eq(theirs.joined, differences[i].gmime);
			t->seen[i] = 1;
			t->listed++;
			return;
		}
	ck_abort_msg("%s.%s '%s': exposure gives '%s', GMime '%s', and no reason is listed", table, column, v + skip,
		     ours.joined, theirs.joined);
}

static void compare_table(struct tally *t, sqlite3 *db, const struct profile *p, const char *table)
{
	char sql[300];
	sqlite3_stmt *st;
	snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", table);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			size_t len = (size_t)sqlite3_column_bytes(st, c);
			if (v && memchr(v, '@', len) && reads_as_address(p, sqlite3_column_name(st, c)))
				compare_value(t, table, sqlite3_column_name(st, c), v, len);
		}
	sqlite3_finalize(st);
}

static void compare_database(struct tally *t, const char *name, const struct profile *p)
{
	char path[4096];
	const char *atmail = env_path("EXPOSURE_FIXTURE_DB"); /* .../fixtures/atmail.db */
	const char *slash = strrchr(atmail, '/');
	snprintf(path, sizeof(path), "%.*s/%s.db", slash ? (int)(slash - atmail) : 1, slash ? atmail : ".", name);
	sqlite3 *db;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		compare_table(t, db, p, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

START_TEST(every_fixture_field)
{
	struct tally t = { 0 };
	char err[512];
	struct profile *billing = profile_load(fixture_path("billing.profile"), err, sizeof(err));
	ck_assert_msg(billing, "%s", err);
	compare_database(&t, "atmail", profile_builtin("atmail"));
	compare_database(&t, "roundcube", profile_builtin("roundcube"));
	compare_database(&t, "squirrelmail", profile_builtin("squirrelmail"));
	compare_database(&t, "billing", billing);
	profile_free(billing); /* GMime is set up once for the whole run: check_main.c */
	/* every listed difference still occurs: a stale entry would hide a change */
	for (size_t i = 0; i < sizeof(differences) / sizeof(differences[0]); i++)
		ck_assert_msg(t.seen[i], "listed difference '%s' no longer occurs", differences[i].value);
	ck_assert_uint_eq(t.compared, t.agreed + t.listed);
	ck_assert_uint_ge(t.agreed, 60); /* the fixtures' fields, not an empty walk */
}
END_TEST

Suite *second_opinion_suite(void)
{
	Suite *s = suite_create("second_opinion");
	TCase *tc = tcase_create("gmime");
	tcase_add_test(tc, every_fixture_field);
	suite_add_tcase(s, tc);
	return s;
}
