/* The set: dedupe, origin tags, sources, distinct accounts, first/last seen. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "../analyser/scan/batch.h" /* private to the scan: tested from here */
#include "../analyser/scan/owners.h"
#include "profile.h"
#include "suites.h"

#define LOGIN (1u << ORIGIN_LOGIN)
#define ABOOK (1u << ORIGIN_ADDRESSBOOK)
#define SENT (1u << ORIGIN_SENT)

START_TEST(dedupes_and_unions_tags)
{
	struct addrset s;
	addrset_init(&s);
	uint32_t ann = addrset_owner(&s, "ann", 3), bob = addrset_owner(&s, "bob", 3);
	ck_assert_uint_eq(addrset_owner(&s, "ann", 3), ann);
	ck_assert_uint_ne(ann, bob);
	ck_assert_ptr_nonnull(addrset_add(&s, "x@y.org", ABOOK, 0, ann, 200));
	ck_assert_ptr_nonnull(addrset_add(&s, "x@y.org", SENT, 2, ann, 100));
	ck_assert_ptr_nonnull(addrset_add(&s, "x@y.org", SENT, 2, bob, TIME_NONE));
	ck_assert_ptr_nonnull(addrset_add(&s, "x@y.org", LOGIN | ADDR_FLAG_INTERNAL_HINT, 5, OWNER_NONE, 300));
	ck_assert_ptr_nonnull(addrset_add(&s, "a@y.org", SENT, 1, OWNER_NONE, TIME_NONE));
	ck_assert_uint_eq(s.n_addrs, 2);
	ck_assert_uint_eq(s.n_owners, 2);

	struct addr_entry *e = addrset_find(&s, "x@y.org");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->origins, LOGIN | ABOOK | SENT | ADDR_FLAG_INTERNAL_HINT);
	ck_assert_uint_eq(e->sources, (1u << 0) | (1u << 2) | (1u << 5));
	ck_assert_uint_eq(e->accounts, 2);
	ck_assert_int_eq(e->first_seen, 100);
	ck_assert_int_eq(e->last_seen, 300);

	e = addrset_find(&s, "a@y.org");
	ck_assert_uint_eq(e->accounts, 0);
	ck_assert(e->first_seen == TIME_NONE && e->last_seen == TIME_NONE);
	ck_assert_ptr_null(addrset_find(&s, "nobody@y.org"));
	addrset_release(&s);
}
END_TEST

START_TEST(sorted_bytewise)
{
	struct addrset s;
	addrset_init(&s);
	const char *in[] = { "b@x.org", "a.b@x.org", "a@x.org", "\"q\"@x.org", "a-b@x.org" };
	const char *want[] = { "\"q\"@x.org", "a-b@x.org", "a.b@x.org", "a@x.org", "b@x.org" };
	for (size_t i = 0; i < 5; i++)
		addrset_add(&s, in[i], SENT, 0, OWNER_NONE, TIME_NONE);
	size_t n;
	struct addr_entry **v;
	ck_assert_int_eq(addrset_sorted(&s, &v, &n), 0);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(v[i]->addr, want[i]);
	free(v);
	addrset_release(&s);
	addrset_init(&s);
	ck_assert_int_eq(addrset_sorted(&s, &v, &n), 0);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	addrset_release(&s);
}
END_TEST

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sort keys on eight bytes at a time: runs that share 8, 16 and 24
 * bytes, addresses that end inside a key, bytes above 0x7f. */
START_TEST(sorted_long_prefixes)
{
	enum { N = 3000 };
	static char text[N][64];
	const char *want[N];
	struct addrset s;
	addrset_init(&s);
	for (int i = 0; i < N; i++) {
		static const char *const stems[] = { "friend", "friendship.club.member", "f", "\xc3\xa9t\xc3\xa9", "friendship.club.members.only" };
		snprintf(text[i], sizeof(text[i]), "%s%d@x.org", stems[i % 5], (i * 7919) % 1000);
		want[i] = text[i];
	}
	for (int i = 0; i < N; i++)
		ck_assert_ptr_nonnull(addrset_add(&s, text[i], SENT, 0, OWNER_NONE, TIME_NONE));
	size_t unique = 0;
	qsort(want, N, sizeof(want[0]), str_ptr_cmp);
	for (int i = 0; i < N; i++)
		if (i == 0 || strcmp(want[i], want[i - 1]) != 0)
			want[unique++] = want[i];
	size_t n;
	struct addr_entry **v;
	ck_assert_int_eq(addrset_sorted(&s, &v, &n), 0);
	ck_assert_uint_eq(n, unique);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(v[i]->addr, want[i]);
	free(v);
	addrset_release(&s);
}
END_TEST

/* Many addresses and owners: the pair table grows several times and every
 * count stays exact (address i is held by owners 0..i%7). */
START_TEST(accounts_exact_across_growth)
{
	struct addrset s;
	addrset_init(&s);
	char addr[32], owner[16];
	for (int round = 0; round < 2; round++) /* the second round adds nothing new */
		for (int i = 0; i < 5000; i++)
			for (int o = 0; o <= i % 7; o++) {
				snprintf(addr, sizeof(addr), "u%d@x.org", i);
				snprintf(owner, sizeof(owner), "o%d", o);
				uint32_t id = addrset_owner(&s, owner, strlen(owner));
				ck_assert_ptr_nonnull(addrset_add(&s, addr, ABOOK, 0, id, i));
			}
	ck_assert_uint_eq(s.n_addrs, 5000);
	ck_assert_uint_eq(s.n_owners, 7);
	size_t pairs = 0;
	for (int i = 0; i < 5000; i++) {
		snprintf(addr, sizeof(addr), "u%d@x.org", i);
		struct addr_entry *e = addrset_find(&s, addr);
		ck_assert_uint_eq(e->accounts, (uint32_t)(i % 7 + 1));
		ck_assert_int_eq(e->first_seen, i);
		pairs += e->accounts > 1 ? e->accounts : 0;
	}
	ck_assert_uint_eq(s.pairs.count, pairs); /* one owner is kept in the entry */
	addrset_release(&s);
}
END_TEST

/* Through a feed and the merger: an owner longer than a batch's whole text
 * (the empty batch grows, then the next batch copies it again), owners
 * that come and go, several thousand sightings over many batches; every
 * count exact. */
START_TEST(feed_counts_exact_across_batches)
{
	struct addrset s;
	struct merger m;
	struct feed f;
	char addr[32], owner[16];
	addrset_init(&s);
	ck_assert_int_eq(merger_start(&m, &s), 0);
	ck_assert_int_eq(feed_init(&f, 3, &m), 0);
	size_t big = 300 * 1024;
	char *long_owner = malloc(big);
	ck_assert_ptr_nonnull(long_owner);
	memset(long_owner, 'o', big);
	ck_assert_int_eq(feed_set_owner(&f, long_owner, big), 0);
	for (int i = 0; i < 3; i++) {
		snprintf(addr, sizeof(addr), "a%d@x.org", i);
		ck_assert_int_eq(feed_add(&f, addr, strlen(addr), ABOOK, TIME_NONE), 0);
	}
	for (int i = 0; i < 20000; i++) {
		snprintf(owner, sizeof(owner), "o%d", i % 7);
		ck_assert_int_eq(feed_set_owner(&f, owner, strlen(owner)), 0);
		snprintf(addr, sizeof(addr), "a%d@x.org", i % 5000);
		ck_assert_int_eq(feed_add(&f, addr, strlen(addr), SENT, i), 0);
		if (i % 3 == 0) { /* a row without an owner between */
			ck_assert_int_eq(feed_set_owner(&f, NULL, 0), 0);
			snprintf(addr, sizeof(addr), "b%d@x.org", i % 11);
			ck_assert_int_eq(feed_add(&f, addr, strlen(addr), SENT, i), 0);
		}
	}
	ck_assert_int_eq(feed_flush(&f), 0);
	feed_release(&f);
	merger_stop(&m);
	free(long_owner);
	ck_assert_uint_eq(s.n_addrs, 5000 + 11);
	ck_assert_uint_eq(s.n_owners, 8);
	for (int k = 0; k < 5000; k++) {
		snprintf(addr, sizeof(addr), "a%d@x.org", k);
		struct addr_entry *e = addrset_find(&s, addr);
		ck_assert_ptr_nonnull(e);
		/* i = k, k+5000, k+10000, k+15000: owners k, k+2, k+4, k+6 mod 7 */
		ck_assert_uint_eq(e->accounts, k < 3 ? 5u : 4u);
		ck_assert_uint_eq(e->sources, UINT64_C(1) << 3);
		ck_assert_uint_eq(e->origins, k < 3 ? (ABOOK | SENT) : SENT);
		ck_assert_int_eq(e->first_seen, k);
		ck_assert_int_eq(e->last_seen, k + 15000);
	}
	ck_assert_uint_eq(addrset_find(&s, "b0@x.org")->accounts, 0);
	addrset_release(&s);
}
END_TEST

/* The owners added as logins: every owner found again after the set grew
 * many times, short (held in the slot) and long (in the arena) alike; a
 * flag not held yet counts as new once; an owner over 255 bytes is never
 * taken as seen (it is added again, which the address set dedupes). */
START_TEST(owner_set_exact_across_growth)
{
	struct owner_set s;
	owner_set_init(&s);
	char name[300];
	enum { N = 5000 };
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < N; i++) {
			int n = i % 3 == 0 ? snprintf(name, sizeof(name), "u%d@isp.example", i)
					   : snprintf(name, sizeof(name), "a-much-longer-account-name-%d@customers.isp.example", i);
			ck_assert_int_eq(owner_set_seen(&s, name, (size_t)n, addrset_hash(name, (size_t)n), LOGIN), round);
		}
	ck_assert_uint_eq(s.n, N);
	const char *ann = "ann@isp.example";
	uint32_t h = addrset_hash(ann, strlen(ann));
	ck_assert_int_eq(owner_set_seen(&s, ann, strlen(ann), h, LOGIN), 0);
	ck_assert_int_eq(owner_set_seen(&s, ann, strlen(ann), h, LOGIN | ADDR_FLAG_LOGGED_IN), 0);
	ck_assert_int_eq(owner_set_seen(&s, ann, strlen(ann), h, LOGIN | ADDR_FLAG_LOGGED_IN), 1);
	ck_assert_int_eq(owner_set_seen(&s, ann, strlen(ann), h, LOGIN), 1);
	/* the same hash, another owner: never taken for ann */
	ck_assert_int_eq(owner_set_seen(&s, "bob@isp.example", 15, h, LOGIN), 0);
	memset(name, 'x', 256);
	ck_assert_int_eq(owner_set_seen(&s, name, 256, addrset_hash(name, 256), LOGIN), 0);
	ck_assert_int_eq(owner_set_seen(&s, name, 256, addrset_hash(name, 256), LOGIN), 0);
	owner_set_free(&s);
}
END_TEST

Suite *set_suite(void)
{
	Suite *s = suite_create("set");
	TCase *tc = tcase_create("set");
	tcase_add_test(tc, dedupes_and_unions_tags);
	tcase_add_test(tc, sorted_bytewise);
	tcase_add_test(tc, sorted_long_prefixes);
	tcase_add_test(tc, accounts_exact_across_growth);
	tcase_add_test(tc, feed_counts_exact_across_batches);
	tcase_add_test(tc, owner_set_exact_across_growth);
	suite_add_tcase(s, tc);
	return s;
}
