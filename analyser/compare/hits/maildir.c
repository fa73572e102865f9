/* Hits as a maildir: a directory with cur/ and/or new/, a message a file. */
#include "message.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- maildir ---------------------------------------------------------------- */

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The length of dir without its trailing slashes ("trap/" is "trap"). */
static int dir_len(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return (int)n;
}

static int is_maildir(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%.*s/cur", dir_len(dir), dir);
	if (is_dir(path))
		return 1;
	snprintf(path, sizeof(path), "%.*s/new", dir_len(dir), dir);
	return is_dir(path);
}

struct name_list {
	char **names;
	size_t n, cap;
};

static void name_list_release(struct name_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

static int name_list_add(struct name_list *l, const char *name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **v = realloc(l->names, cap * sizeof(*v));
		if (!v)
			return -1;
		l->names = v;
		l->cap = cap;
	}
	if (!(l->names[l->n] = strdup(name)))
		return -1;
	l->n++;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The message files of dir/sub ("cur" or "new"), sorted, as "sub/name";
 * none when dir/sub is absent. 0, or -1 (errno set). */
static int list_messages(const char *dir, const char *sub, struct name_list *out)
{
	char path[4096], rel[4096];
	snprintf(path, sizeof(path), "%.*s/%s", dir_len(dir), dir, sub);
	if (!is_dir(path))
		return 0;
	DIR *d = opendir(path);
	if (!d)
		return -1;
	size_t first = out->n;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%.*s/%s/%s", dir_len(dir), dir, sub, e->d_name);
		snprintf(rel, sizeof(rel), "%s/%s", sub, e->d_name);
		if (is_regular_file(path) && name_list_add(out, rel) != 0)
			rc = -1;
	}
	closedir(d);
	if (out->n > first)
		qsort(out->names + first, out->n - first, sizeof(char *), name_cmp);
	return rc;
}

/* One message file, read by GMime. */
static enum hits_status read_message_file(const char *path, struct hits_emitter *em, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
		return HITS_UNREADABLE;
	}
	enum hits_status rc = message_read_all(f, 0, em, err, errsz);
	fclose(f);
	return rc;
}

static enum hits_status read_maildir(const struct hits_reader *self, FILE *f, struct hits_emitter *em, char *err,
				     size_t errsz)
{
	(void)self, (void)f;
	const char *dir = em->file;
	struct name_list files = { 0 };
	enum hits_status rc = HITS_UNREADABLE;
	char path[4096];
	if (list_messages(dir, "cur", &files) != 0 || list_messages(dir, "new", &files) != 0) {
		snprintf(err, errsz, "cannot read maildir '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (files.n == 0) {
		snprintf(err, errsz, "maildir '%s' holds no message (nothing in cur/ or new/)", dir);
		rc = HITS_BAD_INPUT;
		goto out;
	}
	rc = HITS_OK;
	for (size_t i = 0; i < files.n && rc == HITS_OK; i++) {
		snprintf(path, sizeof(path), "%.*s/%s", dir_len(dir), dir, files.names[i]);
		em->file = path;
		rc = read_message_file(path, em, err, errsz);
	}
	em->file = dir;
out:
	name_list_release(&files);
	return rc;
}

static int sniff_maildir(const struct hits_reader *self, const struct hits_sniff *in, char *err, size_t errsz)
{
	(void)self;
	if (in->line)
		return 0;
	if (is_maildir(in->path))
		return 1;
	snprintf(err, errsz, "'%s' is a directory but not a maildir (no cur/ or new/ in it)", in->path);
	return -1;
}

const struct hits_reader hits_reader_maildir = {
	.name = "maildir",
	.description = "a maildir: a directory with cur/ and/or new/ (not tmp/), a message a file",
	.flags = HITS_READS_DIRECTORY | HITS_MESSAGES,
	.space = KEY_ADDRESS,
	.sniff = sniff_maildir,
	.read = read_maildir,
	.init = message_library_init,
	.shutdown = message_library_shutdown,
};
