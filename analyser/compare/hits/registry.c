/* The hits readers: the table, sniffing and reading (see include/hits.h).
 * Adding a form: a file here defining `const struct hits_reader
 * hits_reader_NAME` (reader.h has what it emits through), a line X(NAME)
 * in the table below where it should sniff, a line in the Makefile. */
#include "hits.h"

#include "reader.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The order is the sniffing order: the first reader whose sniff takes the
 * input reads it. The directory reader first; mbox before the line forms,
 * so that a message file given by mistake is fatal rather than a list;
 * digests before CSV and list (a digest line would also pass as either);
 * list last, as it takes any line. */
#define HITS_READERS(X) \
	X(maildir)      \
	X(mbox)         \
	X(sha256)       \
	X(md5)          \
	X(csv)          \
	X(list)

#define DECLARE(name) extern const struct hits_reader hits_reader_##name;
#define ENTRY(name) &hits_reader_##name,
HITS_READERS(DECLARE)
const struct hits_reader *const hits_readers[] = { HITS_READERS(ENTRY) NULL };

void hits_readers_init(void)
{
	for (size_t i = 0; hits_readers[i]; i++)
		if (hits_readers[i]->init)
			hits_readers[i]->init();
}

void hits_readers_shutdown(void)
{
	for (size_t i = 0; hits_readers[i]; i++)
		if (hits_readers[i]->shutdown)
			hits_readers[i]->shutdown();
}

int hits_readers_names(char *buf, size_t sz)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; hits_readers[i]; i++) {
		int n = snprintf(buf + used, sz - used, "%s%s", i ? ", " : "", hits_readers[i]->name);
		if (n < 0 || (size_t)n >= sz - used)
			return -1;
		used += (size_t)n;
	}
	return 0;
}

const struct hits_reader *hits_reader_find(const char *name)
{
	for (size_t i = 0; hits_readers[i]; i++)
		if (strcmp(hits_readers[i]->name, name) == 0)
			return hits_readers[i];
	return NULL;
}

void hits_readers_describe(FILE *f)
{
	for (size_t i = 0; hits_readers[i]; i++)
		fprintf(f, "  %-8s %s\n", hits_readers[i]->name, hits_readers[i]->description);
}

/* The first reader of the table that takes in: HITS_OK, or HITS_BAD_INPUT
 * (a sniff found it broken, or none takes it). */
static enum hits_status sniff(const struct hits_sniff *in, const struct hits_reader **form, char *err, size_t errsz)
{
	int is_dir = in->line == NULL;
	for (size_t i = 0; hits_readers[i]; i++) {
		const struct hits_reader *r = hits_readers[i];
		int reads_directories = (r->flags & HITS_READS_DIRECTORY) != 0;
		if (reads_directories != is_dir)
			continue;
		int took = r->sniff(r, in, err, errsz);
		if (took < 0)
			return HITS_BAD_INPUT;
		if (took > 0) {
			*form = r;
			return HITS_OK;
		}
	}
	snprintf(err, errsz, "'%s': no hits reader takes it", in->path);
	return HITS_BAD_INPUT;
}

static enum hits_status cannot_read(const char *path, char *err, size_t errsz)
{
	snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
	return HITS_UNREADABLE;
}

enum hits_status hits_detect(const char *path, const struct hits_reader **form, char *err, size_t errsz)
{
	struct stat st;
	struct hits_sniff in = { path, NULL, 0, 0 };
	if (stat(path, &st) != 0)
		return cannot_read(path, err, errsz);
	if (S_ISDIR(st.st_mode))
		return sniff(&in, form, err, errsz);
	FILE *f = fopen(path, "rb");
	if (!f)
		return cannot_read(path, err, errsz);
	struct line_reader lr;
	int got;
	enum hits_status rc;
	line_reader_init(&lr, f);
	while ((got = line_reader_next(&lr)) > 0 && line_is_blank(lr.buf, lr.len))
		;
	if (got < 0) {
		rc = cannot_read(path, err, errsz);
	} else if (got == 0) {
		snprintf(err, errsz, "'%s' is empty: no hits in it", path);
		rc = HITS_BAD_INPUT;
	} else {
		in.line = lr.buf;
		in.len = lr.len;
		in.number = lr.number;
		rc = sniff(&in, form, err, errsz);
	}
	line_reader_release(&lr);
	fclose(f);
	return rc;
}

enum hits_status hits_read(const char *path, const struct hits_reader *form, const struct hits_sink *sink,
			   struct hits_counts *counts, char *err, size_t errsz)
{
	struct hits_emitter em = { sink, counts, path };
	if (form->flags & HITS_READS_DIRECTORY)
		return form->read(form, NULL, &em, err, errsz);
	FILE *f = fopen(path, "rb");
	if (!f)
		return cannot_read(path, err, errsz);
	enum hits_status rc = form->read(form, f, &em, err, errsz);
	fclose(f);
	return rc;
}
