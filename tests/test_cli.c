/* The command line as a user meets it: bad input gives a clear message and
 * a non-zero exit, never a crash and never a partial output file; output
 * files are 0600 and never overwritten without --force. */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "connector.h"
#include "helpers.h"
#include "hits.h"
#include "list_format.h"
#include "profile.h"
#include "report.h"
#include "suites.h"

extern char **environ;

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
}

/* An @Mail database whose Abook_a holds the given raw values (with lengths). */
static void make_atmail_db(const char *path, const char *const *values, const size_t *lens, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	exec_sql(db, "CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);"
		     "CREATE TABLE UserSession (Account varchar(128), LastLogin int);"
		     "INSERT INTO Users VALUES ('ann@isp.example', NULL, NULL);"
		     "CREATE TABLE Abook_a (id integer PRIMARY KEY, Account, UserEmail, UserEmail2, UserEmail3,"
		     " UserEmail4, UserEmail5, DateAdded);");
	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO Abook_a (Account, UserEmail) VALUES ('ann@isp.example', ?)",
					    -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, values[i], (int)lens[i], SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

START_TEST(missing_file)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-o", in_workdir("out.csv"), in_workdir("nope.db"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "cannot open '"));
	ck_assert_ptr_nonnull(strstr(r.err, "nope.db': No such file or directory"));
	ck_assert_str_eq(r.out, "");
	assert_listing("");
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(not_atmail)
{
	make_workdir();
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(in_workdir("crm.db"), &db), SQLITE_OK);
	exec_sql(db, "CREATE TABLE customers (id int, email text); INSERT INTO customers VALUES (1, 'a@b.org');");
	sqlite3_close(db);
	struct run r = run_exposure((const char *[]){ "scan", "-o", in_workdir("out.csv"), in_workdir("crm.db"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "source 'crm.db' does not look like a webmail database"));
	assert_listing("crm.db");
	run_free(&r);
	/* forced, it says which tables are missing */
	r = run_exposure((const char *[]){ "scan", "-p", "atmail", "-o", in_workdir("out.csv"), in_workdir("crm.db"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "source 'crm.db' has none of the tables of profile 'atmail'"));
	assert_listing("crm.db");
	run_free(&r);
	remove_workdir();
}
END_TEST

START_TEST(corrupt_file)
{
	make_workdir();
	FILE *f = fopen(in_workdir("bad.db"), "w");
	for (int i = 0; i < 400; i++)
		fputs("this is no database ", f);
	fclose(f);
	struct run r = run_exposure((const char *[]){ "scan", "-o", in_workdir("out.csv"), "--rejects",
						      in_workdir("rej.csv"), in_workdir("bad.db"), NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "bad.db': file is not a database"));
	assert_listing("bad.db");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A 1 MB value, a NUL byte and invalid UTF-8: each rejected with its reason,
 * the good address kept, the run marked with exit 3 and a warning. */
START_TEST(hostile_values)
{
	make_workdir();
	size_t big_len = 1024 * 1024;
	char *big = malloc(big_len);
	memset(big, 'a', big_len);
	memcpy(big + big_len - 10, "@x.example", 10);
	const char *values[] = { big, "nul\0byte@x.example", "caf\xe9@x.example", "good@x.example" };
	size_t lens[] = { big_len, 18, 14, 14 };
	make_atmail_db(in_workdir("ev.db"), values, lens, 4);
	free(big);
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(in_workdir("ev.db"), &db), SQLITE_OK);
	exec_sql(db, "UPDATE Abook_a SET DateAdded = 'yesterday' WHERE UserEmail = 'good@x.example'");
	sqlite3_close(db);
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", "-o", in_workdir("out.txt"), "--rejects",
						      in_workdir("rej.csv"), in_workdir("ev.db"), NULL });
	ck_assert_int_eq(r.status, 3);
	ck_assert_ptr_nonnull(strstr(r.err, "WARNING: 3 values look corrupt or hostile"));
	ck_assert_ptr_nonnull(strstr(r.err, "rejected by reason: too-long 1, bad-encoding 1, control-char 1"));
	ck_assert_ptr_nonnull(strstr(r.err, "rows read: 5 (0 with a time, 1 with a time that could not be read,"));
	char *out = slurp(in_workdir("out.txt"), NULL);
	ck_assert_str_eq(out, "ann@isp.example\ngood@x.example\n");
	free(out);
	char *rej = slurp(in_workdir("rej.csv"), NULL);
	ck_assert_ptr_nonnull(strstr(rej, ",UserEmail,control-char,nul\\x00byte@x.example,18\n"));
	ck_assert_ptr_nonnull(strstr(rej, ",UserEmail,bad-encoding,caf\\xe9@x.example,14\n"));
	ck_assert_ptr_nonnull(strstr(rej, ",UserEmail,too-long,aaaa"));
	ck_assert_ptr_nonnull(strstr(rej, ",1048576\n"));
	free(rej);
	assert_listing("ev.db out.txt rej.csv");
	run_free(&r);
	remove_workdir();
}
END_TEST

static mode_t file_mode(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_mode & 07777;
}

START_TEST(no_overwrite_without_force)
{
	make_workdir();
	const char *fixture = env_path("EXPOSURE_FIXTURE_DB");
	FILE *f = fopen(in_workdir("out.csv"), "w");
	fputs("precious\n", f);
	fclose(f);
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-o", in_workdir("out.csv"), fixture, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "out.csv' exists: use --force to overwrite it"));
	char *text = slurp(in_workdir("out.csv"), NULL);
	ck_assert_str_eq(text, "precious\n");
	free(text);
	run_free(&r);

	r = run_exposure((const char *[]){ "scan", "-q", "--force", "-o", in_workdir("out.csv"), "--summary",
					   in_workdir("sum.txt"), fixture, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, ""); /* quiet */
	text = slurp(in_workdir("out.csv"), NULL);
	char *want = slurp(fixture_path("expected/atmail.csv"), NULL);
	ck_assert_str_eq(text, want);
	free(text);
	free(want);
	ck_assert_uint_eq(file_mode(in_workdir("out.csv")), 0600);
	ck_assert_uint_eq(file_mode(in_workdir("sum.txt")), 0600);
	text = slurp(in_workdir("sum.txt"), NULL);
	ck_assert_ptr_nonnull(strstr(text, "items found in them: 59 = 50 accepted + 9 rejected\n"));
	ck_assert_ptr_nonnull(strstr(text, "unique addresses: 31\n"));
	free(text);
	assert_listing("out.csv sum.txt");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A device is written to, not replaced (without --force, so that a
 * regression fails with "exists" instead of replacing /dev/null). */
START_TEST(device_output)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-o", "/dev/null", "--rejects", "/dev/null",
						      env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 1); /* the same path twice */
	run_free(&r);
	r = run_exposure((const char *[]){ "scan", "-q", "-o", "/dev/null", env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 0);
	struct stat st;
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A copy of the file at from, at to. */
static void copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = slurp(from, &len);
	FILE *f = fopen(to, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	free(data);
}

/* No output replaces a source file or what SQLite keeps beside it, not
 * even with --force: the evidence stays byte for byte. */
START_TEST(outputs_never_replace_a_source)
{
	make_workdir();
	copy_file(env_path("EXPOSURE_FIXTURE_DB"), in_workdir("w.db"));
	size_t len;
	char *before = slurp(in_workdir("w.db"), &len);
	char db[500], wal[600], journal[600], sqlite_uri[600], link_path[600];
	snprintf(db, sizeof(db), "%s", in_workdir("w.db")); /* in_workdir's buffers rotate */
	snprintf(wal, sizeof(wal), "%s-wal", db);
	snprintf(journal, sizeof(journal), "%s-journal", db);
	snprintf(sqlite_uri, sizeof(sqlite_uri), "tag=sqlite:%s", db);
	snprintf(link_path, sizeof(link_path), "%s", in_workdir("link.db"));
	ck_assert_int_eq(link(db, link_path), 0);
	struct {
		const char *opt, *path, *source;
	} cases[] = {
		{ "-o", db, db },
		{ "--rejects", link_path, db }, /* another name of the same file */
		{ "--summary", wal, sqlite_uri },
		{ "-o", journal, db },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char want[1024];
		struct run r = run_exposure((const char *[]){ "scan", "-q", "--force", cases[i].opt, cases[i].path,
							      cases[i].source, NULL });
		ck_assert_msg(r.status == 1, "%s %s: exit %d", cases[i].opt, cases[i].path, r.status);
		snprintf(want, sizeof(want), "exposure: %s '%s' would replace the source '%s' (not even with --force)\n",
			 strcmp(cases[i].opt, "-o") ? cases[i].opt : "--output", cases[i].path, db);
		ck_assert_str_eq(r.err, want);
		run_free(&r);
	}
	size_t after_len;
	char *after = slurp(db, &after_len);
	ck_assert_uint_eq(after_len, len);
	ck_assert(memcmp(before, after, len) == 0);
	free(before);
	free(after);
	assert_listing("link.db w.db");
	remove_workdir();
}
END_TEST

/* Size, modification time and bytes of a file, to compare before and after. */
struct file_state {
	off_t size;
	struct timespec mtime;
	char *bytes;
};

static void file_state(const char *path, struct file_state *st)
{
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	st->size = sb.st_size;
	st->mtime = sb.st_mtim;
	st->bytes = S_ISREG(sb.st_mode) ? slurp(path, NULL) : NULL;
}

static void assert_same_state(const char *path, struct file_state *before)
{
	struct file_state after;
	file_state(path, &after);
	ck_assert_msg(after.size == before->size, "%s changed size", path);
	ck_assert_msg(after.mtime.tv_sec == before->mtime.tv_sec && after.mtime.tv_nsec == before->mtime.tv_nsec,
		      "%s was modified", path);
	ck_assert_msg(!before->bytes || memcmp(after.bytes, before->bytes, (size_t)before->size) == 0,
		      "%s changed", path);
	free(after.bytes);
	free(before->bytes);
}

/* The names in dir, hidden ones too, sorted, each followed by a space. */
static void dir_names(const char *dir, char *out, size_t outsz)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			ck_assert_uint_lt(strlen(out) + strlen(list[i]->d_name) + 1, outsz);
			strcat(strcat(out, list[i]->d_name), " ");
		}
		free(list[i]);
	}
	free(list);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fixture's list with lines added, as a scan -f list gives it: sorted. */
static char *list_with(const char *const *extra, size_t n)
{
	char *want = slurp(fixture_path("expected/atmail.list"), NULL);
	size_t len = strlen(want);
	for (size_t i = 0; i < n; i++)
		len += strlen(extra[i]) + 1;
	char **lines = calloc(64, sizeof(*lines)), *out = calloc(1, len + 1);
	size_t k = 0;
	for (char *line = strtok(want, "\n"); line && k < 60; line = strtok(NULL, "\n"))
		lines[k++] = line;
	for (size_t i = 0; i < n; i++)
		lines[k++] = (char *)extra[i];
	qsort(lines, k, sizeof(*lines), cmp_str);
	for (size_t i = 0; i < k; i++)
		strcat(strcat(out, lines[i]), "\n");
	free(lines);
	free(want);
	return out;
}

/* WAL-mode evidence whose newest committed rows are only in its -wal: every
 * row is read (from a private copy, and the warning says so), nothing is
 * created or changed beside it, and the copy is gone after. */
START_TEST(sqlite_wal_read_from_a_private_copy)
{
	make_workdir();
	char dir[400], db[500], wal[600], shm[600], tmp[600], names[256], names_after[256];
	snprintf(dir, sizeof(dir), "%s", in_workdir("ev"));
	snprintf(db, sizeof(db), "%s/wal.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	snprintf(shm, sizeof(shm), "%s-shm", db);
	snprintf(tmp, sizeof(tmp), "%s", in_workdir("tmp"));
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(mkdir(tmp, 0700), 0);
	copy_file(env_path("EXPOSURE_FIXTURE_DB"), db);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	exec_sql(h, "PRAGMA journal_mode = WAL");
	ck_assert_int_eq(sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
	exec_sql(h, "INSERT INTO Users VALUES ('walonly@isp.example', 'wal.home@example.com', '2006-06-01 00:00:00')");
	sqlite3_close(h);
	dir_names(dir, names, sizeof(names));
	ck_assert_str_eq(names, "wal.db wal.db-shm wal.db-wal ");
	struct file_state s_db, s_wal, s_shm, s_dir;
	file_state(db, &s_db);
	file_state(wal, &s_wal);
	file_state(shm, &s_shm);
	file_state(dir, &s_dir);
	ck_assert_int_gt(s_wal.size, 0);

	setenv("TMPDIR", tmp, 1);
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", db, NULL });
	unsetenv("TMPDIR");
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	const char *extra[] = { "wal.home@example.com", "walonly@isp.example" };
	char *want = list_with(extra, 2);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "exposure: warning: source 'wal.db': a -wal, -shm or -journal file lies beside it: "
				"a private copy was read\n");
	free(want);
	run_free(&r);

	dir_names(dir, names_after, sizeof(names_after));
	ck_assert_str_eq(names_after, names);
	assert_same_state(db, &s_db);
	assert_same_state(wal, &s_wal);
	assert_same_state(shm, &s_shm);
	assert_same_state(dir, &s_dir);
	dir_names(tmp, names_after, sizeof(names_after));
	ck_assert_str_eq(names_after, ""); /* the private copy is removed */
	remove_workdir();
}
END_TEST

/* A -journal beside the evidence (here an empty one, no transaction in it):
 * a private copy is read, the journal and the file stay as they are. */
START_TEST(sqlite_journal_read_from_a_private_copy)
{
	char dir[500], db[600], journal[700], names[256];
	make_workdir();
	snprintf(dir, sizeof(dir), "%s", in_workdir("ev"));
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(db, sizeof(db), "%s/j.db", dir);
	snprintf(journal, sizeof(journal), "%s-journal", db);
	copy_file(env_path("EXPOSURE_FIXTURE_DB"), db);
	fclose(fopen(journal, "w"));
	struct file_state s_db, s_journal, s_dir;
	file_state(db, &s_db);
	file_state(journal, &s_journal);
	file_state(dir, &s_dir);
	struct run r = run_exposure((const char *[]){ "scan", "-f", "list", "--summary", in_workdir("sum.txt"), db, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	char *want = slurp(fixture_path("expected/atmail.list"), NULL);
	ck_assert_str_eq(r.out, want);
	free(want);
	ck_assert_ptr_nonnull(strstr(r.err, "exposure: warning: source 'j.db': a -wal, -shm or -journal file lies "
					    "beside it: a private copy was read\n"));
	run_free(&r);
	assert_same_state(db, &s_db);
	assert_same_state(journal, &s_journal);
	assert_same_state(dir, &s_dir);
	dir_names(dir, names, sizeof(names));
	ck_assert_str_eq(names, "j.db j.db-journal ");
	remove_workdir();
}
END_TEST

/* Evidence in a read-only directory (WAL mode, its WAL checkpointed away)
 * is read as it is, immutable, and nothing in the directory changes. As
 * root the mode binds nothing: the listing and times say it then. */
START_TEST(sqlite_read_only_directory)
{
	char dir[500], db[600];
	make_workdir();
	snprintf(dir, sizeof(dir), "%s", in_workdir("ro"));
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(db, sizeof(db), "%s/e.db", dir);
	copy_file(env_path("EXPOSURE_FIXTURE_DB"), db);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	exec_sql(h, "PRAGMA journal_mode = WAL");
	exec_sql(h, "INSERT INTO Users VALUES ('late@isp.example', NULL, NULL)");
	sqlite3_close(h); /* the last connection: checkpointed, -wal and -shm removed */
	ck_assert_int_eq(chmod(dir, 0555), 0);
	struct file_state s_db, s_dir;
	file_state(db, &s_db);
	file_state(dir, &s_dir);

	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", db, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	const char *extra[] = { "late@isp.example" };
	char *want = list_with(extra, 1);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "");
	free(want);
	run_free(&r);

	assert_same_state(db, &s_db);
	assert_same_state(dir, &s_dir);
	char names[256];
	dir_names(dir, names, sizeof(names));
	ck_assert_str_eq(names, "e.db ");
	ck_assert_int_eq(chmod(dir, 0755), 0);
	remove_workdir();
}
END_TEST

/* A password file holding `line` and a line end, with the given mode. */
static void password_file(const char *path, const char *line, mode_t mode)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%s\n", line);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

/* A password file open to others is refused, as ssh refuses such a key; a
 * password that does not fit is an error, never cut; one that fits is taken. */
START_TEST(password_file_checked)
{
	make_workdir();
	char pw[400], want[1200], longest[1024];
	snprintf(pw, sizeof(pw), "%s", in_workdir("pw"));
	const char *fixture = env_path("EXPOSURE_FIXTURE_DB");
	static const mode_t open_modes[] = { 0644, 0640, 0604, 0620, 0602 };
	for (size_t i = 0; i < sizeof(open_modes) / sizeof(*open_modes); i++) {
		password_file(pw, "Zq9-secret", open_modes[i]);
		struct run r = run_exposure((const char *[]){ "scan", "-q", "--password-file", pw, fixture, NULL });
		ck_assert_int_eq(r.status, 1);
		snprintf(want, sizeof(want), "exposure: password file '%s' is open to others (mode %04o): allow its "
			 "owner alone, e.g. chmod 600 '%s'\n", pw, (unsigned)open_modes[i], pw);
		ck_assert_str_eq(r.err, want);
		ck_assert_str_eq(r.out, "");
		run_free(&r);
	}
	memset(longest, 'x', 1024);
	longest[1024 - 1] = '\0'; /* 1023 bytes: the most there is room for */
	password_file(pw, longest, 0600);
	struct run r = run_exposure((const char *[]){ "probe", "--password-file", pw, fixture, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	run_free(&r);
	FILE *f = fopen(pw, "a");
	fputs("one more line that does not count\n", f);
	fclose(f);
	r = run_exposure((const char *[]){ "scan", "-q", "--password-file", pw, "-o", in_workdir("out.csv"), fixture,
					   NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	run_free(&r);
	unlink(in_workdir("out.csv"));
	longest[1022] = 'x';
	password_file(pw, "", 0600);
	f = fopen(pw, "w");
	fprintf(f, "%sx\n", longest); /* 1024 bytes */
	fclose(f);
	for (int probe = 0; probe < 2; probe++) {
		r = run_exposure((const char *[]){ probe ? "probe" : "scan", "--password-file", pw, fixture, NULL });
		ck_assert_int_eq(r.status, 1);
		snprintf(want, sizeof(want), "exposure: the password in '%s' is longer than 1023 bytes\n", pw);
		ck_assert_str_eq(r.err, want);
		run_free(&r);
	}
	assert_listing("pw");
	remove_workdir();
}
END_TEST

/* The binary with descriptor `closed` (1 or 2) closed, the other one on
 * /dev/null; its exit status. */
static int run_with_closed(int closed, const char *const *args)
{
	const char *argv[32] = { env_path("EXPOSURE_BIN") };
	size_t n = 1;
	for (; args[n - 1]; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, closed);
	posix_spawn_file_actions_addopen(&fa, closed == 1 ? 2 : 1, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int ws;
	ck_assert_int_eq(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

/* With standard output or error closed, no file opened later takes its
 * place: the rejects and the affected list hold what they should. */
START_TEST(closed_standard_descriptors)
{
	make_workdir();
	const char *fixture = env_path("EXPOSURE_FIXTURE_DB");
	char rej[500], out[500];
	snprintf(rej, sizeof(rej), "%s", in_workdir("rej.csv"));
	snprintf(out, sizeof(out), "%s", in_workdir("out.csv"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "--rejects", rej, fixture, NULL });
	ck_assert_int_eq(r.status, 0);
	char *want_rejects = slurp(rej, NULL);
	unlink(rej);
	run_free(&r);
	char *want_list = slurp(fixture_path("expected/atmail.csv"), NULL);

	/* the affected list goes to the closed standard output: /dev/null */
	ck_assert_int_eq(run_with_closed(1, (const char *[]){ "scan", "--progress", "--rejects", rej, fixture, NULL }), 0);
	char *got = slurp(rej, NULL);
	ck_assert_str_eq(got, want_rejects);
	free(got);
	unlink(rej);
	/* the summary and progress go to the closed standard error: /dev/null
	 * (not under valgrind, which cannot start without one) */
	if (getenv("EXPOSURE_SKIP_HEAVY")) {
		fprintf(stderr, "cli: closed standard error skipped here (EXPOSURE_SKIP_HEAVY)\n");
	} else {
		ck_assert_int_eq(run_with_closed(2, (const char *[]){ "scan", "--progress", "-o", out, "--rejects", rej,
								      fixture, NULL }), 0);
		got = slurp(out, NULL);
		ck_assert_str_eq(got, want_list);
		free(got);
		got = slurp(rej, NULL);
		ck_assert_str_eq(got, want_rejects);
		free(got);
		assert_listing("out.csv rej.csv");
	}
	free(want_rejects);
	free(want_list);
	remove_workdir();
}
END_TEST

START_TEST(usage_errors)
{
	static const struct {
		const char *args[8];
		int status;
		const char *message;
	} cases[] = {
		{ { "scan", NULL }, 1, "no SOURCE given" },
		{ { "scan", "-f", "xml", "x.db", NULL }, 1, "unknown format 'xml'" },
		{ { "scan", "-p", "horde", "x.db", NULL }, 1, "unknown profile 'horde'" },
		{ { "scan", "--origins", "spam", "x.db", NULL }, 1, "bad --origins 'spam'" },
		{ { "scan", "oracle://db/x", NULL }, 1, "unknown source scheme 'oracle'" },
		{ { "scan", "a=x.db", "a=y.db", NULL }, 1, "two sources are named 'a'" },
		{ { "scan", "-o", "/nonexistent-dir/out.csv", "x.db", NULL }, 1, "no directory '/nonexistent-dir'" },
		{ { "frobnicate", NULL }, 1, "unknown command 'frobnicate'" },
		{ { "scan", "-o", "/tmp/x.csv", "--rejects", "/tmp/../tmp/x.csv", "x.db", NULL }, 1,
		  "--output, --rejects and --summary must name different files" },
		{ { "scan", "--rejects", "-", "x.db", NULL }, 1, "must name different files" },
		{ { "scan", "mysql://admin:Se/cret99@127.0.0.1:1/atmail", NULL }, 1,
		  "source 1: a password in the URI would show in the process list" },
		{ { "scan", "x=postgresql://admin:Sec?ret99@127.0.0.1:1/atmail", NULL }, 1,
		  "source 'x': a password in the URI" },
		{ { "probe", "postgresql://u@h/db?sslmode=require&password=cret99", NULL }, 1,
		  "source 1: a password in the URI" },
	};
	make_workdir();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = run_exposure(cases[i].args);
		ck_assert_int_eq(r.status, cases[i].status);
		ck_assert_msg(strstr(r.err, cases[i].message), "case %zu: '%s' not in: %s", i, cases[i].message, r.err);
		ck_assert_ptr_null(strstr(r.err, "cret99"));
		run_free(&r);
	}
	remove_workdir();
}
END_TEST

START_TEST(tagged_source_names_column)
{
	make_workdir();
	const char *fixture = env_path("EXPOSURE_FIXTURE_DB");
	char tagged[600];
	snprintf(tagged, sizeof(tagged), "web1=%s", fixture);
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "jsonl", tagged, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "{\"address\":\"zoe@example.net\",\"origins\":[\"addressbook\"],"
					    "\"sources\":[\"web1\"],\"accounts\":2,"));
	ck_assert_ptr_null(strstr(r.out, "atmail.db"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* Two sources that share some addresses: each row's sources column names
 * exactly the sources that held it, sorted by name, whatever the order given. */
START_TEST(sources_column_per_address)
{
	make_workdir();
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(in_workdir("web2.db"), &db), SQLITE_OK);
	exec_sql(db, "CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);"
		     "CREATE TABLE UserSession (Account varchar(128), LastLogin int);"
		     "INSERT INTO Users VALUES ('alice@isp.example', NULL, '2005-01-01 00:00:00');"
		     "INSERT INTO Users VALUES ('zack@isp.example', 'ann@example.com', NULL);");
	sqlite3_close(db);
	char a[600], b[600];
	snprintf(a, sizeof(a), "web1=%s", env_path("EXPOSURE_FIXTURE_DB"));
	snprintf(b, sizeof(b), "a-web2=%s", in_workdir("web2.db"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", a, b, NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "\nalice@isp.example,login,a-web2|web1,1,2005-01-01T00:00:00Z,"
					    "2007-03-04T08:00:00Z,internal,yes\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nann@example.com,login|addressbook|sent,a-web2|web1,5,"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nzack@isp.example,login,a-web2,1,,,internal,yes\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nbob@isp.example,login|addressbook,web1,2,"));
	int lines = 0;
	for (const char *p = r.out; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 1 + 32); /* the header, the fixture's 31 and zack */
	run_free(&r);
	remove_workdir();
}
END_TEST

/* --login-domain completes a bare login only; a vCard EMAIL value is one
 * address (escapes undone), its lines may end in a bare CR. Found in review. */
START_TEST(nothing_invented)
{
	make_workdir();
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(in_workdir("rc.db"), &db), SQLITE_OK);
	exec_sql(db, "CREATE TABLE users (user_id int, username varchar(128), created datetime, last_login datetime);"
		     "CREATE TABLE identities (identity_id int, user_id int, changed datetime, del smallint, email text);"
		     "CREATE TABLE contacts (contact_id int, changed datetime, del smallint, email text, vcard text, user_id int);"
		     "INSERT INTO users VALUES (1, 'john smith', NULL, NULL), (2, 'a,b', NULL, NULL), (3, 'ann', NULL, NULL);"
		     "INSERT INTO contacts VALUES (1, NULL, 0, NULL, 'BEGIN:VCARD' || char(13) || 'EMAIL:esc\\,aped@example.com'"
		     " || char(13) || 'EMAIL:ok@example.com' || char(13) || 'NOTE:x@y.example later' || char(13) || 'END:VCARD', 3);");
	sqlite3_close(db);
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--login-domain", "corp.example",
						      "--rejects", in_workdir("rej.csv"), in_workdir("rc.db"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "ann@corp.example\nok@example.com\n");
	char *rej = slurp(in_workdir("rej.csv"), NULL);
	ck_assert_ptr_nonnull(strstr(rej, ",username,no-at-sign,john smith,10\n"));
	ck_assert_ptr_nonnull(strstr(rej, ",vcard,bad-local-part,\"esc,aped@example.com\",20\n"));
	free(rej);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A segment directory's every file is checked before the scan, and no other
 * output may take one of their names. Found in review. */
START_TEST(segment_files_checked_first)
{
	make_workdir();
	char dir[512], other[600];
	snprintf(dir, sizeof(dir), "%s", in_workdir("seg"));
	struct run r = run_exposure((const char *[]){ "scan", "-q", "--segment", dir, env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	/* another format: the lists are new names, but manifest.json is not */
	r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--segment", dir, env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "manifest.json' exists: use --force"));
	run_free(&r);
	snprintf(other, sizeof(other), "%s/external.csv", dir);
	r = run_exposure((const char *[]){ "scan", "-q", "--force", "-o", other, "--segment", dir,
					   env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "external.csv' is one of the files --segment writes"));
	run_free(&r);
	snprintf(other, sizeof(other), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(other), 0);
	remove_workdir();
}
END_TEST

/* The fixture's segments hold exactly the expected addresses, and the
 * manifest's counts and digests match the files. */
START_TEST(segments_and_manifest)
{
	static const struct {
		const char *file, *want;
		int count;
	} segs[] = {
		{ "customers-login.txt", "9lives@isp.example\nalice@isp.example\nbob@isp.example\ncarol@isp.example\n"
					 "dave@isp.example\nerin@isp.example\nfrank@isp.example\ngrace@isp.example\n", 8 },
		/* the customers' own mailboxes and identities are not third parties */
		{ "internal-other.txt", "alice.home@example.com\nalice@example.org\nbob.b@example.org\nteam@isp.example\n", 4 },
		{ "external.txt", NULL, 19 },
	};
	make_workdir();
	const char *dir = in_workdir("segments");
	char dirbuf[512];
	snprintf(dirbuf, sizeof(dirbuf), "%s", dir);
	struct run r = run_exposure((const char *[]){ "scan", "-q", "-f", "list", "--segment", dirbuf,
						      env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, ""); /* the segments are the lists: nothing on standard output */
	run_free(&r);
	char path[600], *manifest, *want_all = slurp(fixture_path("expected/atmail.list"), NULL);
	snprintf(path, sizeof(path), "%s/manifest.json", dirbuf);
	manifest = slurp(path, NULL);
	size_t total = 0;
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dirbuf, segs[i].file);
		char *text = slurp(path, NULL);
		if (segs[i].want)
			ck_assert_str_eq(text, segs[i].want);
		int lines = 0;
		for (const char *p = text; *p; p++)
			lines += *p == '\n';
		ck_assert_int_eq(lines, segs[i].count);
		for (const char *line = text; *line; line = strchr(line, '\n') + 1) {
			char one[300];
			snprintf(one, sizeof(one), "%.*s\n", (int)(strchr(line, '\n') - line), line);
			ck_assert_ptr_nonnull(strstr(want_all, one)); /* every line an exposed address */
		}
		total += (size_t)lines;
		char entry[200];
		snprintf(entry, sizeof(entry), "\"file\":\"%s\",\"addresses\":%d,", segs[i].file, segs[i].count);
		ck_assert_msg(strstr(manifest, entry), "no '%s' in %s", entry, manifest);
		free(text);
	}
	ck_assert_uint_eq(total, 31);
	snprintf(path, sizeof(path), "cd '%s' && sha256sum --quiet -c SHA256SUMS", dirbuf);
	ck_assert_int_eq(system(path), 0);
	free(manifest);
	free(want_all);
	snprintf(path, sizeof(path), "rm -rf '%s'", dirbuf);
	ck_assert_int_eq(system(path), 0);
	remove_workdir();
}
END_TEST

START_TEST(mask_hides_addresses)
{
	make_workdir();
	struct run r = run_exposure((const char *[]){ "scan", "-q", "--mask", "--rejects", in_workdir("rej.csv"),
						      env_path("EXPOSURE_FIXTURE_DB"), NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\na***@isp.example,login,atmail.db,1,2006-01-10T09:00:00Z,"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nj***@xn--mnchen-3ya.example,addressbook,"));
	ck_assert_ptr_null(strstr(r.out, "alice"));
	char *rej = slurp(in_workdir("rej.csv"), NULL);
	ck_assert_ptr_nonnull(strstr(rej, ",truncated,w***@example.co.u,18\n"));
	ck_assert_ptr_nonnull(strstr(rej, ",no-at-sign,n***,14\n"));
	ck_assert_ptr_null(strstr(rej, "wendy"));
	free(rej);
	run_free(&r);
	remove_workdir();
}
END_TEST

/* A profile file whose extractors name their own tables: probe lists the
 * source's tables and says the extractors run a query of their own (it
 * crashed before the rule was shared with the scan). */
START_TEST(probe_profile_without_tables)
{
	make_workdir(); /* run_exposure captures output there */
	char db[600], profile[600];
	const char *atmail = env_path("EXPOSURE_FIXTURE_DB"), *slash = strrchr(atmail, '/');
	snprintf(db, sizeof(db), "%.*s/billing.db", (int)(slash ? slash - atmail : 1), slash ? atmail : ".");
	snprintf(profile, sizeof(profile), "%s", fixture_path("billing.profile"));
	struct run r = run_exposure((const char *[]){ "probe", "-p", profile, db, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "source 'billing.db' (sqlite): 1 tables\n"
				"  table                            rows  read by\n"
				"  customers                           8  -\n"
				"  (query of its own)                     billing,tech\n"
				"profile: billing\n");
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	remove_workdir();
}
END_TEST

/* The commands `exposure --help` lists, from its "commands:" part. */
static size_t listed_commands(const char *help, char names[][32], size_t max)
{
	size_t n = 0;
	const char *p = strstr(help, "\ncommands:\n");
	for (p = p ? strchr(p + 1, '\n') + 1 : ""; n < max && strncmp(p, "  ", 2) == 0; p = strchr(p, '\n') + 1) {
		snprintf(names[n], sizeof(names[n]), "%.*s", (int)strcspn(p + 2, " \n"), p + 2);
		n++;
	}
	return n;
}

/* Every "--option" of a help text is in the man page; how many there were. */
static int options_in_man(const char *help, const char *man)
{
	int options = 0;
	for (const char *p = help; (p = strstr(p, "--")); p += 2) {
		size_t n = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
		if (n <= 2)
			continue;
		char opt[64];
		snprintf(opt, sizeof(opt), "%.*s", (int)n, p);
		ck_assert_msg(strstr(man, opt), "'%s' from --help is not in the man page", opt);
		options++;
	}
	return options;
}

/* The man page renders, and names every option of every command's --help. */
START_TEST(man_page_has_every_option)
{
	make_workdir();
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "MANWIDTH=250 man -l docs/exposure.1 2>&1 | col -b > '%s'", in_workdir("man.txt"));
	ck_assert_int_eq(system(cmd), 0);
	char *man = slurp(in_workdir("man.txt"), NULL);
	ck_assert_msg(strstr(man, "EXPOSURE(1)") && strstr(man, "SYNOPSIS"), "man did not render: %s", man);
	struct run r = run_exposure((const char *[]){ "--help", NULL });
	ck_assert_int_eq(r.status, 0);
	int options = options_in_man(r.out, man);
	char names[16][32];
	size_t n = listed_commands(r.out, names, 16);
	ck_assert_uint_eq(n, 4);
	run_free(&r);
	for (size_t i = 0; i < n; i++) {
		r = run_exposure((const char *[]){ names[i], "--help", NULL });
		ck_assert_msg(r.status == 0, "%s --help: exit %d", names[i], r.status);
		options += options_in_man(r.out, man);
		run_free(&r);
	}
	ck_assert_int_ge(options, 25);
	free(man);
	remove_workdir();
}
END_TEST

/* The table of commands drives the help: the global usage names each
 * command with its synopsis and summary; each has its own --help, which
 * ends with the exit codes from the one table; a wrong option names the
 * command and its help in one line. */
START_TEST(help_from_the_commands_table)
{
	make_workdir(); /* run_exposure captures output there */
	static const char *const commands[] = { "scan", "probe", "profiles", "compare" };
	struct run r = run_exposure((const char *[]){ "--help", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: exposure scan [options] SOURCE...\n"
					    "       exposure probe [-p P] [--password-file F] [--timeout S] SOURCE\n"
					    "       exposure profiles [NAME|PATH]\n"
					    "       exposure compare [options] EXPOSED HITS...\n"
					    "       exposure --help | --version\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\n  scan       read webmail databases, list every exposed address with its "
					    "origins\n"));
	ck_assert_ptr_null(strstr(r.out, "--keep-going")); /* scan's options are in scan --help */
	run_free(&r);
	for (size_t i = 0; i < 4; i++) {
		char usage[64], wrong[160];
		r = run_exposure((const char *[]){ commands[i], "--help", NULL });
		ck_assert_int_eq(r.status, 0);
		snprintf(usage, sizeof(usage), "usage: exposure %s", commands[i]);
		ck_assert_msg(strncmp(r.out, usage, strlen(usage)) == 0, "%s", r.out);
		ck_assert_ptr_nonnull(strstr(r.out, "\nexit status:\n  0   done\n  1   usage error, bad input, or an "
						    "output file in the way\n  2   a source or input could not be read, "
						    "or output could not be written\n"));
		ck_assert_str_eq(r.err, "");
		run_free(&r);
		r = run_exposure((const char *[]){ commands[i], "--frobnicate", NULL });
		ck_assert_int_eq(r.status, 1);
		snprintf(wrong, sizeof(wrong), "exposure %s: unknown option '--frobnicate' (see 'exposure %s --help')\n",
			 commands[i], commands[i]);
		ck_assert_msg(strncmp(r.err, wrong, strlen(wrong)) == 0, "%s", r.err);
		ck_assert_str_eq(r.out, "");
		run_free(&r);
	}
	r = run_exposure((const char *[]){ "scan", "--help", NULL });
	ck_assert_ptr_nonnull(strstr(r.out, "  3   done, but some values look corrupt or hostile\n"
					    "  4   partial: written with --keep-going although a source failed\n"));
	run_free(&r);
	remove_workdir();
}
END_TEST

/* probe takes its own options only: a scan option is an unknown one, and a
 * missing argument is said the same way. */
START_TEST(probe_options_are_its_own)
{
	make_workdir(); /* run_exposure captures output there */
	static const struct {
		const char *args[5];
		const char *message;
	} cases[] = {
		{ { "probe", "-f", "csv", "x.db", NULL }, "exposure probe: unknown option '-f' (see 'exposure probe --help')\n" },
		{ { "probe", "--keep-going", "x.db", NULL },
		  "exposure probe: unknown option '--keep-going' (see 'exposure probe --help')\n" },
		{ { "probe", "x.db", "--timeout", NULL },
		  "exposure probe: option '--timeout' needs an argument (see 'exposure probe --help')\n" },
		{ { "scan", "-j", NULL }, "exposure scan: option '-j' needs an argument (see 'exposure scan --help')\n" },
		{ { "scan", "--force=yes", "x.db", NULL },
		  "exposure scan: option '--force' takes no argument (see 'exposure scan --help')\n" },
		{ { "probe", "a.db", "b.db", NULL }, "exposure probe: give one SOURCE (see 'exposure probe --help')\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = run_exposure(cases[i].args);
		ck_assert_int_eq(r.status, 1);
		ck_assert_str_eq(r.err, cases[i].message);
		ck_assert_str_eq(r.out, "");
		run_free(&r);
	}
	remove_workdir();
}
END_TEST

/* Help text with its white space folded, so that a wrapped list reads as one line. */
static char *folded_help(const char *command)
{
	struct run r = run_exposure((const char *[]){ command, "--help", NULL });
	ck_assert_int_eq(r.status, 0);
	char *out = r.out, *w = out;
	for (const char *p = out; *p; p++)
		if (!(*p == ' ' || *p == '\n') || (w > out && w[-1] != ' '))
			*w++ = (*p == '\n') ? ' ' : *p;
	*w = '\0';
	r.out = NULL;
	run_free(&r);
	return out;
}

static void assert_in_help(const char *help, const char *command, const char *text)
{
	ck_assert_msg(strstr(help, text), "'%s' (from its table) is not in 'exposure %s --help'", text, command);
}

/* The commands' help texts as written (analyser/cli/cmd_*.c). */
extern const char cmd_scan_help[], cmd_probe_help[], cmd_compare_help[];

/* The help texts name the plug-ins through placeholders, each filled in
 * with exactly what its table says, so every member of every plug-in table
 * shows up in the help of its command. */
START_TEST(help_from_the_plugin_tables)
{
	make_workdir(); /* run_exposure captures output there */
	static const struct {
		const char *text, *field;
	} placed[] = {
		{ cmd_scan_help, "{schemes}" },         { cmd_scan_help, "{profiles}" },
		{ cmd_scan_help, "{list-formats}" },    { cmd_scan_help, "{summary-formats}" },
		{ cmd_probe_help, "{profiles}" },       { cmd_compare_help, "{hits-forms}" },
	};
	for (size_t i = 0; i < sizeof(placed) / sizeof(placed[0]); i++)
		ck_assert_msg(strstr(placed[i].text, placed[i].field), "case %zu: no %s", i, placed[i].field);
	char want[1200], table[1024];
	struct memout m;
	memout_open(&m);
	cli_put_help_text(m.f, "  -f, --format F  {list-formats}\n  {nothing} stays\n");
	char *text = memout_text(&m);
	ck_assert_int_eq(list_formats_text(table, sizeof(table)), 0);
	snprintf(want, sizeof(want), "  -f, --format F  %s\n  {nothing} stays\n", table);
	ck_assert_str_eq(text, want);
	free(text);
	/* a line that grows past 80 columns wraps at its description column,
	 * never inside parentheses */
	memout_open(&m);
	cli_put_help_text(m.f, "  -x, --xx X            {list-formats} | {list-formats} | {list-formats}\n");
	text = memout_text(&m);
	for (const char *line = text; *line; line += strcspn(line, "\n") + 1) {
		ck_assert_uint_le(strcspn(line, "\n"), 80);
		ck_assert_msg(line == text || strncmp(line, "                        ", 24) == 0, "%s", text);
	}
	ck_assert_ptr_null(strstr(text, "csv\n"));
	ck_assert_ptr_nonnull(strstr(text, "csv (default)"));
	free(text);

	char *scan = folded_help("scan"), *probe = folded_help("probe"), *compare = folded_help("compare");
	ck_assert_int_eq(list_formats_text(table, sizeof(table)), 0);
	assert_in_help(scan, "scan", table);
	ck_assert_int_eq(summary_formats_text(table, sizeof(table)), 0);
	assert_in_help(scan, "scan", table);
	ck_assert_int_eq(connector_schemes_text(table, sizeof(table)), 0);
	assert_in_help(scan, "scan", table);
	ck_assert_int_eq(profile_names_text(table, sizeof(table), " | "), 0);
	assert_in_help(scan, "scan", table);
	assert_in_help(probe, "probe", table);
	ck_assert_int_eq(hits_readers_names(table, sizeof(table)), 0);
	assert_in_help(compare, "compare", table);
	/* and each text names every member of its table */
	for (size_t i = 0; list_format_at(i); i++)
		assert_in_help(scan, "scan", list_format_at(i)->name);
	for (size_t i = 0; profile_builtin_at(i); i++)
		assert_in_help(probe, "probe", profile_builtin_at(i)->name);
	for (size_t i = 0; hits_readers[i]; i++) {
		snprintf(want, sizeof(want), "%s%s", hits_readers[i]->name, hits_readers[i + 1] ? "," : " (detected)");
		assert_in_help(compare, "compare", want);
	}
	free(scan);
	free(probe);
	free(compare);
	remove_workdir();
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cli");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, not_atmail);
	tcase_add_test(tc, corrupt_file);
	tcase_add_test(tc, hostile_values);
	tcase_add_test(tc, no_overwrite_without_force);
	tcase_add_test(tc, device_output);
	tcase_add_test(tc, outputs_never_replace_a_source);
	tcase_add_test(tc, sqlite_wal_read_from_a_private_copy);
	tcase_add_test(tc, sqlite_read_only_directory);
	tcase_add_test(tc, sqlite_journal_read_from_a_private_copy);
	tcase_add_test(tc, password_file_checked);
	tcase_add_test(tc, closed_standard_descriptors);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, tagged_source_names_column);
	tcase_add_test(tc, sources_column_per_address);
	tcase_add_test(tc, segments_and_manifest);
	tcase_add_test(tc, nothing_invented);
	tcase_add_test(tc, segment_files_checked_first);
	tcase_add_test(tc, mask_hides_addresses);
	tcase_add_test(tc, man_page_has_every_option);
	tcase_add_test(tc, probe_profile_without_tables);
	tcase_add_test(tc, help_from_the_commands_table);
	tcase_add_test(tc, help_from_the_plugin_tables);
	tcase_add_test(tc, probe_options_are_its_own);
	suite_add_tcase(s, tc);
	return s;
}
