#define _DEFAULT_SOURCE /* wait4 */
#include "helpers.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (cap + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		size_t got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

const char *env_path(const char *name)
{
	const char *v = getenv(name);
	ck_assert_msg(v && *v, "%s is not set: run the suites through 'make check'", name);
	return v;
}

const char *fixture_path(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", env_path("EXPOSURE_FIXTURES"), rel);
	return buf;
}

void memout_open(struct memout *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->f);
}

char *memout_text(struct memout *m)
{
	ck_assert_int_eq(fclose(m->f), 0);
	m->f = NULL;
	return m->buf;
}

const struct expected_run atmail_expected_runs[] = {
	{ "users", "Users", 5, 9, 1, 7, 2 },
	{ "usersession", "UserSession", 3, 3, 0, 3, 0 },
	{ "log_login", "Log_Login", 6, 5, 1, 4, 1 },
	{ "accounts", "Accounts", 2, 2, 0, 2, 0 },
	{ "abook", "Abook_a", 4, 8, 12, 7, 1 },
	{ "abook", "Abook_b", 3, 4, 11, 4, 1 },
	{ "abook", "abook_e", 2, 3, 7, 3, 1 },
	{ "abook", "ABOOK_Other", 1, 1, 4, 1, 0 },
	{ "abook", "Abook_shared", 1, 1, 4, 1, 0 },
	{ "abookgroup", "AbookGroup_a", 2, 2, 0, 2, 0 },
	{ "abookgroup", "abookgroup_b", 1, 1, 0, 1, 0 },
	{ "log_sendmail", "Log_SendMail", 11, 11, 0, 15, 3 },
};
const size_t atmail_expected_runs_n = sizeof(atmail_expected_runs) / sizeof(atmail_expected_runs[0]);

/* ---- running the binary in a work directory ---------------------------- */

static char workdir[256]; /* one test at a time */

void make_workdir(void)
{
	snprintf(workdir, sizeof(workdir), "/tmp/exposure-cli-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(workdir));
}

/* Remove dir and what it holds, directories within too. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (unlink(path) != 0)
				remove_tree(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

void remove_workdir(void)
{
	remove_tree(workdir);
}

const char *in_workdir(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];
	snprintf(b, 512, "%s/%s", workdir, name);
	return b;
}

pid_t start_exposure(const char *const *args)
{
	const char *argv[128] = { env_path("EXPOSURE_BIN") };
	size_t n = 1;
	for (; args[n - 1]; n++) {
		ck_assert_uint_lt(n, sizeof(argv) / sizeof(argv[0]) - 1);
		argv[n] = args[n - 1];
	}
	argv[n] = NULL;
	char out_path[512], err_path[512];
	snprintf(out_path, sizeof(out_path), "%s/.stdout", workdir);
	snprintf(err_path, sizeof(err_path), "%s/.stderr", workdir);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid;
	ck_assert_int_eq(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

struct run finish_exposure(pid_t pid)
{
	char out_path[512], err_path[512];
	snprintf(out_path, sizeof(out_path), "%s/.stdout", workdir);
	snprintf(err_path, sizeof(err_path), "%s/.stderr", workdir);
	int ws;
	struct rusage ru;
	ck_assert_int_eq(wait4(pid, &ws, 0, &ru), pid);
	struct run r = { WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws), slurp(out_path, NULL),
			 slurp(err_path, NULL), ru.ru_maxrss };
	unlink(out_path);
	unlink(err_path);
	return r;
}

struct run run_exposure(const char *const *args)
{
	return finish_exposure(start_exposure(args));
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* The names in the work dir, sorted and joined by spaces. */
char *workdir_listing(void)
{
	struct dirent **list;
	int n = scandir(workdir, &list, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	char *s = calloc(1, 4096);
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			strcat(s, s[0] ? " " : "");
			strncat(s, list[i]->d_name, 4096 - strlen(s) - 2);
		}
		free(list[i]);
	}
	free(list);
	return s;
}

void assert_listing(const char *want)
{
	char *got = workdir_listing();
	ck_assert_str_eq(got, want);
	free(got);
}

