/* The output tables drive the names the command line shows; the pieces the
 * formats share: the list-format contract, summary choice by extension,
 * segment file names, JSON strings from bytes, file digests. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "helpers.h"
#include "jsonout.h"
#include "list_format.h"
#include "report.h"
#include "segment.h"
#include "suites.h"

START_TEST(list_format_names_from_the_table)
{
	char buf[128];
	ck_assert_int_eq(list_formats_text(buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "csv (default) | jsonl | list | sha256 | md5");
	ck_assert_int_eq(list_formats_names(buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "csv, jsonl, list, sha256, md5");
	ck_assert_int_eq(list_formats_names(buf, 10), -1); /* cut: said so */
	ck_assert_str_eq(buf, "csv, json");
	ck_assert_int_eq(list_formats_text(buf, 0), -1);
}
END_TEST

/* What the core relies on: a name, a description, an extension and a record hook. */
START_TEST(list_formats_keep_the_contract)
{
	const struct list_format *lf;
	size_t i;
	for (i = 0; (lf = list_format_at(i)); i++) {
		ck_assert(lf->name && lf->name[0] && lf->description && lf->description[0]);
		ck_assert(lf->extension && lf->extension[0] && lf->record);
		ck_assert_ptr_eq(list_format_find(lf->name), lf);
	}
	ck_assert_uint_eq(i, 5);
	ck_assert_str_eq(list_format_find("list")->extension, "txt");
	ck_assert_str_eq(list_format_find("jsonl")->extension, "jsonl");
}
END_TEST

static int closes;

static int failing_record(struct output_ctx *o, const struct addr_entry *e)
{
	(void)o;
	(void)e;
	errno = ENOSPC;
	return -1;
}

static int counting_close(struct output_ctx *o)
{
	ck_assert_int_eq(o->failed, 1);
	closes++;
	return 0;
}

/* A record that fails stops the list; close still runs (to free its state)
 * and the record's errno is the one reported. */
START_TEST(close_runs_after_a_failed_record)
{
	const struct list_format lf = { .name = "t", .record = failing_record, .close = counting_close };
	struct addrset set;
	addrset_init(&set);
	addrset_add(&set, "a@b.example", 1u, 0, addrset_owner(&set, "o", 1), TIME_NONE);
	size_t n;
	struct addr_entry **sorted;
	ck_assert_int_eq(addrset_sorted(&set, &sorted, &n), 0);
	struct output_ctx o = { .f = stdout };
	closes = 0;
	errno = 0;
	ck_assert_int_eq(list_format_write_all(&lf, &o, sorted, n), -1);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(closes, 1);
	free(sorted);
	addrset_release(&set);
}
END_TEST

START_TEST(summary_format_by_extension)
{
	static const struct {
		const char *path, *format;
	} cases[] = {
		{ "s.json", "json" }, { "dir/s.html", "html" }, { "s.htm", "html" }, { "s.txt", "text" },
		{ "s", "text" },      { "s.json.bak", "text" }, { "a.json/s", "text" }, { "s.JSON", "text" },
		{ "s.jso", "text" },  { "s.html5", "text" },   { NULL, "text" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_str_eq(summary_format_for_path(cases[i].path)->name, cases[i].format);
	ck_assert_ptr_eq(summary_format_for_path("s.json")->write, report_json);
	ck_assert_ptr_eq(summary_format_for_path("s.htm")->write, report_html);
	ck_assert_ptr_eq(summary_format_for_path("s")->write, report_text);
	size_t n = 0;
	while (summary_format_at(n))
		n++;
	ck_assert_uint_eq(n, 3);
}
END_TEST

START_TEST(summary_format_help_from_the_table)
{
	char buf[256];
	ck_assert_int_eq(summary_formats_text(buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "FILE.json gives JSON, FILE.html or FILE.htm gives a self-contained page, else text");
	ck_assert_int_eq(summary_formats_text(buf, 20), -1);
}
END_TEST

/* The lists of a segment directory take the format's extension from the table. */
START_TEST(segment_files_named_from_the_table)
{
	static const char *const want[][SEGMENT_FILES] = {
		{ "d/customers-login.csv", "d/internal-other.csv", "d/external.csv", "d/manifest.json", "d/SHA256SUMS" },
		{ "d/customers-login.jsonl", "d/internal-other.jsonl", "d/external.jsonl", "d/manifest.json",
		  "d/SHA256SUMS" },
		{ "d/customers-login.txt", "d/internal-other.txt", "d/external.txt", "d/manifest.json", "d/SHA256SUMS" },
		{ "d/customers-login.sha256", "d/internal-other.sha256", "d/external.sha256", "d/manifest.json",
		  "d/SHA256SUMS" },
		{ "d/customers-login.md5", "d/internal-other.md5", "d/external.md5", "d/manifest.json", "d/SHA256SUMS" },
	};
	char path[256];
	for (size_t f = 0; f < sizeof(want) / sizeof(want[0]); f++)
		for (int i = 0; i < SEGMENT_FILES; i++) {
			segments_file_path("d", list_format_at(f)->name, i, path, sizeof(path));
			ck_assert_str_eq(path, want[f][i]);
		}
}
END_TEST

static char *dumped(json_t *v)
{
	ck_assert_ptr_nonnull(v);
	char *s = json_dumps(v, JSONOUT_FLAGS | JSON_ENCODE_ANY);
	json_decref(v);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* Bytes that are not UTF-8 become U+FFFD each; the rest stays, escaped as
 * JSON wants it. */
START_TEST(jsonout_text_from_any_bytes)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
		{ "web1", 4, "\"web1\"" },
		{ "M\xc3\xbcnchen \"q\" \\", 14, "\"M\xc3\xbcnchen \\\"q\\\" \\\\\"" },
		{ "a\xff" "b", 3, "\"a\xef\xbf\xbd" "b\"" },
		{ "\xc3", 1, "\"\xef\xbf\xbd\"" },            /* a cut sequence */
		{ "\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" }, /* a surrogate */
		{ "a\nb", 3, "\"a\\nb\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = dumped(jsonout_text(cases[i].in, cases[i].len));
		ck_assert_str_eq(got, cases[i].want);
		free(got);
	}
	char *got = dumped(jsonout_count(UINT64_C(1) << 40));
	ck_assert_str_eq(got, "1099511627776");
	free(got);
}
END_TEST

START_TEST(json_line_is_compact_in_order)
{
	struct memout m;
	memout_open(&m);
	json_t *o = json_object();
	json_object_set_new(o, "z", jsonout_count(1));
	json_object_set_new(o, "a", json_pack("[s,n]", "x", NULL));
	ck_assert_int_eq(jsonout_line(m.f, o), 0);
	json_decref(o);
	char *got = memout_text(&m);
	ck_assert_str_eq(got, "{\"z\":1,\"a\":[\"x\",null]}\n");
	free(got);
}
END_TEST

START_TEST(file_digest_as_sha256sum_gives_it)
{
	char hex[ADDRESS_DIGEST_HEX];
	make_workdir();
	const char *path = in_workdir("f");
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("abc", f);
	fclose(f);
	ck_assert_int_eq(file_sha256(path, hex), 0);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(file_sha256(in_workdir("missing"), hex), -1);
	ck_assert_int_eq(address_digest("abc", 0, hex), 0);
	ck_assert_str_eq(hex, "900150983cd24fb0d6963f7d28e17f72");
	remove_workdir();
}
END_TEST

Suite *formats_suite(void)
{
	Suite *s = suite_create("formats");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, list_format_names_from_the_table);
	tcase_add_test(tc, list_formats_keep_the_contract);
	tcase_add_test(tc, close_runs_after_a_failed_record);
	tcase_add_test(tc, summary_format_by_extension);
	tcase_add_test(tc, summary_format_help_from_the_table);
	tcase_add_test(tc, segment_files_named_from_the_table);
	tcase_add_test(tc, jsonout_text_from_any_bytes);
	tcase_add_test(tc, json_line_is_compact_in_order);
	tcase_add_test(tc, file_digest_as_sha256sum_gives_it);
	suite_add_tcase(s, tc);
	return s;
}
