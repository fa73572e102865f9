/* The address vector suite (issue 12): every .tsv file of tests/vectors
 * holds one vector a line, INPUT <TAB> EXPECTED <TAB> ORIGIN [<TAB> DIFF], where INPUT
 * is a field written with C escapes and EXPECTED the callbacks
 * addrlist_parse must make for it, space-separated: an address as it is
 * output, or !reason for a reject (tests/vectors/README.md). Each vector's
 * whole callback sequence is compared; a mismatch names file:line. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "connector.h" /* conn_hex_value */
#include "helpers.h"
#include "suites.h"
#include "../analyser/address/address_private.h"

#define VECTORS_MIN 500 /* fewer means files went missing */

/* The directory, from the source tree make check runs in. */
static const char *vectors_dir(void)
{
	const char *dir = getenv("EXPOSURE_VECTORS");
	return dir && *dir ? dir : "tests/vectors";
}

/* Decode \\ \t \r \n \xHH of s[0..n) into out (at least n bytes); returns
 * the decoded length, or -1 for an escape the format does not have. */
static long unescape(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		if (++i >= n)
			return -1;
		switch (s[i]) {
		case '\\': out[o++] = '\\'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'n': out[o++] = '\n'; break;
		case 'x': {
			int hi = i + 2 < n ? conn_hex_value(s[i + 1]) : -1;
			int lo = hi >= 0 ? conn_hex_value(s[i + 2]) : -1;
			if (lo < 0)
				return -1;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
			break;
		}
		default:
			return -1;
		}
	}
	return (long)o;
}

/* One form for both sides of a comparison and for messages: printable
 * ASCII as it is, a backslash doubled, any other byte as \xHH. */
static void put_shown(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			fputs("\\\\", f);
		else if (c > 0x20 && c < 0x7f)
			fputc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
}

struct sequence {
	struct memout out;
	int n;
	int with_raw; /* each item's raw text too, in [] */
};

static int collect(void *ctx, enum addr_reject why, const char *addr,
		   const char *raw, size_t raw_len)
{
	struct sequence *seq = ctx;
	(void)raw;
	(void)raw_len;
	if (seq->n++ > 0)
		fputc(' ', seq->out.f);
	if (why == ADDR_OK)
		put_shown(seq->out.f, addr, strlen(addr));
	else
		fprintf(seq->out.f, "!%s", addr_reject_name(why));
	if (seq->with_raw) {
		fputc('[', seq->out.f);
		put_shown(seq->out.f, raw, raw_len);
		fputc(']', seq->out.f);
	}
	return 0;
}

typedef int (*parse_fn)(const char *field, size_t len, unsigned flags, addr_item_fn cb, void *ctx);

/* What a parse makes of a field, shown (caller frees). */
static char *sequence_of(parse_fn parse, const char *field, size_t len, int with_raw)
{
	struct sequence seq = { .n = 0, .with_raw = with_raw };
	memout_open(&seq.out);
	parse(field, len, 0, collect, &seq);
	return memout_text(&seq.out);
}

static char *actual_sequence(const char *field, size_t len)
{
	return sequence_of(addrlist_parse, field, len, 0);
}

/* The direct paths of addrlist_parse make the callbacks, raw texts
 * included, that the general parser makes; 0 when they do. */
static int paths_disagree(const char *path, int lineno, const char *field, size_t len)
{
	char *direct = sequence_of(addrlist_parse, field, len, 1);
	char *general = sequence_of(addrlist_parse_general, field, len, 1);
	int differ = strcmp(direct, general) != 0;
	if (differ)
		fprintf(stderr, "%s:%d: addrlist_parse gives %s, its general path %s\n", path, lineno,
			direct, general);
	free(direct);
	free(general);
	return differ;
}

/* The EXPECTED field, shown as actual_sequence shows (caller frees), or
 * NULL when a token has a bad escape. */
static char *expected_sequence(const char *s, size_t n)
{
	struct memout m;
	char *token = malloc(n + 1);
	ck_assert_ptr_nonnull(token);
	memout_open(&m);
	for (size_t i = 0; i <= n;) {
		size_t end = i;
		while (end < n && s[end] != ' ')
			end++;
		long len = unescape(s + i, end - i, token);
		if (len < 0) {
			free(token);
			free(memout_text(&m));
			return NULL;
		}
		if (i > 0)
			fputc(' ', m.f);
		if (len > 0 && token[0] == '!' && !memchr(token, '@', (size_t)len))
			fwrite(token, 1, (size_t)len, m.f); /* a reject: its name */
		else
			put_shown(m.f, token, (size_t)len);
		i = end + 1;
	}
	free(token);
	return memout_text(&m);
}

struct file_result {
	int vectors;
	int failed;
};

/* Split a line into its TAB-separated fields; returns their number. */
static int split_fields(char *line, size_t len, char *field[4], size_t flen[4])
{
	int nf = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != '\t')
			continue;
		if (nf == 4)
			return 5;
		field[nf] = line + start;
		flen[nf++] = i - start;
		start = i + 1;
	}
	return nf;
}

/* A deliberate difference says what the peer says and why we differ. */
static int is_diff(const char *s, size_t n)
{
	static const char why[] = "; why=";
	if (n < 5 || memcmp(s, "peer=", 5) != 0)
		return 0;
	for (size_t i = 5; i + sizeof why - 1 < n; i++)
		if (memcmp(s + i, why, sizeof why - 1) == 0)
			return 1;
	return 0;
}

/* Runs one vector; 0 when it holds, else prints why and returns 1. */
static int run_vector(const char *path, int lineno, char *line, size_t len)
{
	char *field[4];
	size_t flen[4];
	int nf = split_fields(line, len, field, flen);
	if (nf < 3 || nf > 4 || flen[2] == 0) {
		fprintf(stderr, "%s:%d: not a vector (%d fields)\n", path, lineno, nf);
		return 1;
	}
	if (nf == 4 && !is_diff(field[3], flen[3])) {
		fprintf(stderr, "%s:%d: a DIFF is 'peer=...; why=...'\n", path, lineno);
		return 1;
	}
	char *input = malloc(flen[0] + 1);
	ck_assert_ptr_nonnull(input);
	long in_len = unescape(field[0], flen[0], input);
	char *want = expected_sequence(field[1], flen[1]);
	if (in_len < 0 || want == NULL) {
		fprintf(stderr, "%s:%d: bad escape\n", path, lineno);
		free(input);
		free(want);
		return 1;
	}
	char *got = actual_sequence(input, (size_t)in_len);
	int failed = strcmp(want, got) != 0;
	failed |= paths_disagree(path, lineno, input, (size_t)in_len);
	if (failed) {
		fprintf(stderr, "%s:%d: input '", path, lineno);
		put_shown(stderr, input, (size_t)in_len > 200 ? 200 : (size_t)in_len);
		fprintf(stderr, "%s'\n  expected: %s\n  actual:   %s\n",
			in_len > 200 ? "..." : "", want, got);
	}
	free(input);
	free(want);
	free(got);
	return failed;
}

static struct file_result run_file(const char *path)
{
	struct file_result r = { 0, 0 };
	size_t len;
	char *text = slurp(path, &len);
	int lineno = 0;

	for (size_t i = 0; i < len;) {
		char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		lineno++;
		if (end > i && text[i] != '#') {
			r.vectors++;
			r.failed += run_vector(path, lineno, text + i, end - i);
		}
		i = end + 1;
	}
	free(text);
	fprintf(stderr, "%s: %d vectors, %d failed\n", path, r.vectors, r.failed);
	return r;
}

static int is_vector_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .tsv files of the directory, sorted, NULL-terminated (caller frees
 * each and the array). */
static char **vector_files(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open '%s'", dir);
	char **files = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_vector_file(e->d_name))
			continue;
		files = realloc(files, (n + 2) * sizeof *files);
		ck_assert_ptr_nonnull(files);
		size_t size = strlen(dir) + strlen(e->d_name) + 2;
		files[n] = malloc(size);
		ck_assert_ptr_nonnull(files[n]);
		snprintf(files[n++], size, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	ck_assert_msg(n > 0, "no vector files in '%s'", dir);
	qsort(files, n, sizeof *files, by_name);
	files[n] = NULL;
	return files;
}

START_TEST(test_every_vector_holds)
{
	char **files = vector_files(vectors_dir());
	int vectors = 0, failed = 0, nfiles = 0;
	for (char **f = files; *f; f++) {
		struct file_result r = run_file(*f);
		ck_assert_msg(r.vectors > 0, "'%s' holds no vector", *f);
		vectors += r.vectors;
		failed += r.failed;
		nfiles++;
		free(*f);
	}
	free(files);
	fprintf(stderr, "address vectors: %d files, %d vectors, %d failed\n", nfiles, vectors, failed);
	ck_assert_int_ge(vectors, VECTORS_MIN);
	ck_assert_msg(failed == 0, "%d of %d address vectors failed (each named above)",
		      failed, vectors);
}
END_TEST

/* The runner's own parts: a test that cannot fail is a defect. */
START_TEST(test_escapes_decode)
{
	char out[16];
	static const char text[] = "a\\\\b\\t\\r\\n\\x00\\x7F";
	ck_assert_int_eq(unescape(text, sizeof text - 1, out), 8);
	ck_assert_int_eq(memcmp(out, "a\\b\t\r\n\0\x7f", 8), 0);
	ck_assert_int_eq(unescape("\\q", 2, out), -1);
	ck_assert_int_eq(unescape("\\x4", 3, out), -1);
	ck_assert_int_eq(unescape("a\\", 2, out), -1);
}
END_TEST

START_TEST(test_diffs_say_peer_and_why)
{
	static const char good[] = "peer=invalid; why=a field is a list";
	static const char no_why[] = "peer=invalid";
	static const char no_peer[] = "why=a field is a list";
	static const char empty_why[] = "peer=x; why=";
	ck_assert(is_diff(good, sizeof good - 1));
	ck_assert(!is_diff(no_why, sizeof no_why - 1));
	ck_assert(!is_diff(no_peer, sizeof no_peer - 1));
	ck_assert(!is_diff(empty_why, sizeof empty_why - 1));
}
END_TEST

START_TEST(test_sequences_compare_exactly)
{
	static const char want_text[] = "\"a\\x20b\"@x.org !bad-domain !ab@x.org";
	static const char field[] = "\"a b\"@x.org, c@-d.org, !ab@x.org";
	static const char bad[] = "a@x.org \\z";
	char *want = expected_sequence(want_text, sizeof want_text - 1);
	ck_assert_str_eq(want, "\"a\\x20b\"@x.org !bad-domain !ab@x.org");
	free(want);
	char *got = actual_sequence(field, sizeof field - 1);
	ck_assert_str_eq(got, "\"a\\x20b\"@x.org !bad-domain !ab@x.org");
	free(got);
	ck_assert_ptr_null(expected_sequence(bad, sizeof bad - 1));
}
END_TEST

Suite *vectors_suite(void)
{
	Suite *s = suite_create("vectors");
	TCase *tc = tcase_create("vectors");
	tcase_add_test(tc, test_escapes_decode);
	tcase_add_test(tc, test_diffs_say_peer_and_why);
	tcase_add_test(tc, test_sequences_compare_exactly);
	tcase_add_test(tc, test_every_vector_holds);
	suite_add_tcase(s, tc);
	return s;
}
