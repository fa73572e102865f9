#define _XOPEN_SOURCE 700 /* realpath */
#include "outfile.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PENDING 8

/* Temporary names to remove if a signal ends the run: the one piece of
 * global state, because a signal handler can reach nothing else. */
static char *volatile pending[MAX_PENDING];

static void pending_add(char *tmp)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (!pending[i]) {
			pending[i] = tmp;
			return;
		}
}

static void pending_remove(const char *tmp)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

static void cleanup_on_signal(int sig)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i])
			unlink(pending[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void outfile_install_signal_cleanup(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cleanup_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int is_stdout(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

/* A device or a pipe (/dev/null, a FIFO) is written to as it is: renaming a
 * temporary file over it would replace the device with a file. */
static int is_stream_path(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode));
}

int outfile_precheck(const char *path, int force, char *err, size_t errsz)
{
	struct stat st;
	if (is_stdout(path) || is_stream_path(path))
		return 0;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errsz, "cannot write '%s': it is a directory", path);
			return -1;
		}
		if (!force) {
			snprintf(err, errsz, "'%s' exists: use --force to overwrite it", path);
			return -1;
		}
	}
	char *dir = strdup(path);
	if (!dir) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	char *slash = strrchr(dir, '/');
	const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int ok = stat(d, &st) == 0 && S_ISDIR(st.st_mode);
	if (!ok)
		snprintf(err, errsz, "cannot write '%s': no directory '%s'", path, d);
	free(dir);
	return ok ? 0 : -1;
}

int outfile_open(struct outfile *o, const char *path, int force, char *err, size_t errsz)
{
	memset(o, 0, sizeof(*o));
	o->force = force;
	if (is_stdout(path)) {
		o->f = stdout;
		return 0;
	}
	if (is_stream_path(path)) {
		if (!(o->f = fopen(path, "w"))) {
			snprintf(err, errsz, "cannot write '%s': %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	size_t n = strlen(path) + sizeof(".tmp-XXXXXX");
	if (!(o->path = strdup(path)) || !(o->tmp = malloc(n))) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	snprintf(o->tmp, n, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(o->tmp); /* mode 0600 */
	if (fd < 0) {
		snprintf(err, errsz, "cannot create '%s': %s", o->tmp, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	pending_add(o->tmp);
	if (!(o->f = fdopen(fd, "w"))) {
		snprintf(err, errsz, "cannot write '%s': %s", o->tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	return 0;
fail:
	outfile_abort(o);
	return -1;
}

/* Rename without replacing: link() fails with EEXIST where rename() would
 * silently overwrite a file that appeared since the precheck. */
static int place_file(struct outfile *o)
{
	if (o->force)
		return rename(o->tmp, o->path);
	if (link(o->tmp, o->path) != 0)
		return -1;
	unlink(o->tmp);
	return 0;
}

int outfile_commit(struct outfile *o, char *err, size_t errsz)
{
	if (!o->path) { /* standard output, a device or a pipe */
		int failed = fflush(o->f) != 0 || ferror(o->f);
		if (o->f != stdout)
			failed |= fclose(o->f) != 0;
		o->f = NULL;
		if (failed) {
			snprintf(err, errsz, "cannot write the output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	int failed = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	failed |= fclose(o->f) != 0;
	o->f = NULL;
	if (failed || place_file(o) != 0) {
		snprintf(err, errsz, "cannot write '%s': %s", o->path,
			 errno == EEXIST ? "it appeared meanwhile; use --force to overwrite it" : strerror(errno));
		outfile_abort(o);
		return -1;
	}
	pending_remove(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp) {
		unlink(o->tmp);
		pending_remove(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

/* ---- which file a path names ------------------------------------------------- */

int outfile_is_stdout(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

/* The real path of the directory of `path` into dir, and where its last
 * component starts in path. 0, or -1 when the directory cannot be resolved. */
static int split_real(const char *path, char dir[PATH_MAX], const char **name)
{
	const char *slash = strrchr(path, '/');
	char *copy = strdup(path);
	int rv = -1;
	if (!copy)
		return -1;
	if (slash)
		copy[slash - path] = '\0';
	*name = slash ? slash + 1 : path;
	if (realpath(slash ? (*copy ? copy : "/") : ".", dir))
		rv = 0;
	free(copy);
	return rv;
}

int outfile_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, b) == 0)
		return 1;
	/* files by device and inode (links); anything else, a terminal
	 * behind /dev/stdout and /dev/stderr say, by its name */
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0 && S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode))
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	char da[PATH_MAX], db[PATH_MAX];
	const char *na, *nb;
	return split_real(a, da, &na) == 0 && split_real(b, db, &nb) == 0 && strcmp(na, nb) == 0 &&
	       strcmp(da, db) == 0;
}

int outfile_same_output(const char *a, const char *b)
{
	if (outfile_is_stdout(a) || outfile_is_stdout(b))
		return outfile_is_stdout(a) && outfile_is_stdout(b);
	return outfile_same_file(a, b);
}

int outfile_replaces_source(const char *output, const char *source)
{
	static const char *const beside[] = { "", "-wal", "-shm", "-journal" };
	char path[PATH_MAX];
	if (outfile_is_stdout(output))
		return 0;
	for (size_t i = 0; i < sizeof(beside) / sizeof(*beside); i++) {
		int n = snprintf(path, sizeof(path), "%s%s", source, beside[i]);
		if (n < 0 || (size_t)n >= sizeof(path) || outfile_same_file(output, path))
			return 1; /* a path too long to tell: refused rather than risked */
	}
	return 0;
}
