/* Every hits reader (compare's input forms): the first byte picks the
 * reader, the rest is its file (for maildir: one message in new/). Items
 * reconcile: every hit and skip the sink sees is counted. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "hits.h"

static const char *const forms[] = { "list", "csv", "sha256", "md5", "mbox", "maildir" };
#define N_FORMS (sizeof forms / sizeof forms[0])

static char file_path[4200], maildir_path[4200], message_path[4300];

struct tally {
	uint64_t hits, skipped;
};

static int on_hit(void *ctx, const struct hit *h)
{
	struct tally *t = ctx;
	t->hits++;
	return h->key[0] == '\0'; /* an empty key would be a reader's bug */
}

static int on_skip(void *ctx, const struct hits_skipped *s)
{
	struct tally *t = ctx;
	t->skipped++;
	return (unsigned)s->why >= HITS_SKIP_COUNT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *name = forms[data[0] % N_FORMS];
	const struct hits_reader *form = hits_reader_find(name);
	int is_maildir = strcmp(name, "maildir") == 0;
	struct tally t = { 0, 0 };
	struct hits_sink sink = { on_hit, on_skip, &t };
	struct hits_counts counts;
	char err[512];

	if (!form)
		fuzz_fail("a reader of the table is missing", data, size);
	memset(&counts, 0, sizeof counts);
	fuzz_write_file(is_maildir ? message_path : file_path, data + 1, size - 1);
	enum hits_status st = hits_read(is_maildir ? maildir_path : file_path, form, &sink, &counts, err, sizeof err);
	if (st == HITS_STOPPED)
		fuzz_fail("a reader gave an empty key or an unknown skip reason", data, size);
	if (st == HITS_OK && (counts.hits != t.hits || counts.skipped != t.skipped))
		fuzz_fail("the counts disagree with what the sink saw", data, size);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = fuzz_scratch_dir();
	(void)argc;
	(void)argv;
	hits_readers_init();
	snprintf(file_path, sizeof file_path, "%s/hits", dir);
	snprintf(maildir_path, sizeof maildir_path, "%s/maildir", dir);
	snprintf(message_path, sizeof message_path, "%s/new/1.eml", maildir_path);
	mkdir(maildir_path, 0700);
	for (const char *sub = "cur\0new\0tmp\0"; *sub; sub += 4) {
		char p[4300];
		snprintf(p, sizeof p, "%s/%s", maildir_path, sub);
		mkdir(p, 0700);
	}
	return 0;
}
