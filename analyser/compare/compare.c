/* exposure compare: how much of the spam-trap hits (or complaint reports)
 * the exposed set explains, per origin, source and day, and how unlikely
 * the overlap is by chance (see include/compare.h). */
#include "compare.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uthash.h>

#include "arena.h"
#include "compare_report.h"
#include "compare_sets.h"
#include "hits.h"
#include "hypergeom.h"
#include "outfile.h"
#include "timeutil.h"
#include "escape.h"

#define ERR_MAX COMPARE_ERR_MAX



/* One unique hit. */
struct hit_entry {
	const char *key;
	uint64_t explained_by; /* bit i: exposed set i holds it */
	int in_population;
	UT_hash_handle hh;
};

struct day_entry {
	int64_t day;
	uint64_t explained, unexplained;
	UT_hash_handle hh;
};

struct compare_run {
	struct compare_options cli; /* a copy: the first positional may become the set */
	enum key_space space;
	struct exposed_set sets[COMPARE_MAX_SETS];
	size_t n_sets;
	struct key_set population;
	struct compare_file population_file;
	struct compare_file *files;
	const struct hits_reader *reading; /* the form of the file being read */
	struct hit_entry *unique;
	struct day_entry *days;
	uint64_t no_date_explained, no_date_unexplained, unreadable_dates;
	struct arena arena;
	FILE *skipped;            /* NULL: not asked for */
	char err[ERR_MAX];
};

/* ---- the sets and the outputs ----------------------------------------------- */

static int is_set_name(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return 0;
	return 1;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* The exposed sets from --exposed NAME=FILE, or the first positional. */
static int setup_sets(struct compare_run *run)
{
	struct compare_options *cli = &run->cli;
	if (cli->n_exposed == 0) {
		if (cli->n_hits == 0) {
			snprintf(run->err, ERR_MAX, "no EXPOSED list given");
			return -1;
		}
		exposed_set_init(&run->sets[run->n_sets++], base_name(cli->hits[0]), cli->hits[0]);
		cli->hits++;
		cli->n_hits--;
	}
	for (size_t i = 0; i < cli->n_exposed; i++) {
		const char *spec = cli->exposed[i], *eq = strchr(spec, '=');
		if (!eq || !is_set_name(spec, (size_t)(eq - spec)) || !eq[1]) {
			snprintf(run->err, ERR_MAX, "bad --exposed '%s': use NAME=FILE, NAME of letters, digits, '.', '_', '-'",
				 spec);
			return -1;
		}
		const char *name = arena_strndup(&run->arena, spec, (size_t)(eq - spec));
		if (!name) {
			snprintf(run->err, ERR_MAX, "out of memory");
			return -1;
		}
		for (size_t k = 0; k < run->n_sets; k++)
			if (strcmp(run->sets[k].name, name) == 0) {
				snprintf(run->err, ERR_MAX, "two exposed sets are named '%s'", name);
				return -1;
			}
		exposed_set_init(&run->sets[run->n_sets++], name, eq + 1);
	}
	if (cli->n_hits == 0) {
		snprintf(run->err, ERR_MAX, "no HITS file given");
		return -1;
	}
	return 0;
}

/* An output path that names an input: refused even with --force. */
static const char *input_named(const struct compare_run *run, const char *out)
{
	const struct compare_options *cli = &run->cli;
	for (size_t i = 0; i < run->n_sets; i++)
		if (outfile_same_file(out, run->sets[i].path))
			return run->sets[i].path;
	for (size_t i = 0; i < cli->n_hits; i++)
		if (outfile_same_file(out, cli->hits[i]))
			return cli->hits[i];
	return cli->population && outfile_same_file(out, cli->population) ? cli->population : NULL;
}

/* The outputs are distinct, no input, and not in the way (--force). The
 * report goes to standard output when -o is left out; the others are
 * written only when asked for. */
static int check_outputs(struct compare_run *run)
{
	const struct compare_options *cli = &run->cli;
	const char *paths[3] = { cli->output, cli->unexplained, cli->skipped };
	const char *names[3] = { "--output", "--unexplained", "--skipped" };
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++)
			if ((i == 0 || paths[i]) && paths[j] && outfile_same_output(paths[i], paths[j])) {
				snprintf(run->err, ERR_MAX, "%s and %s name the same file", names[i], names[j]);
				return -1;
			}
	for (int i = 0; i < 3; i++) {
		if (outfile_is_stdout(paths[i]))
			continue;
		const char *in = input_named(run, paths[i]);
		if (in) {
			snprintf(run->err, ERR_MAX, "%s '%s' is an input", names[i], in);
			return -1;
		}
		if (outfile_precheck(paths[i], cli->force, run->err, ERR_MAX) != 0)
			return -1;
	}
	return 0;
}

/* ---- forms and the key space ------------------------------------------------- */

/* The hits files: all of addresses, or all of one digest. */
static enum hits_status detect_hits_forms(struct compare_run *run)
{
	const struct compare_options *cli = &run->cli;
	size_t first_digest = SIZE_MAX, first_address = SIZE_MAX;
	for (size_t i = 0; i < cli->n_hits; i++) {
		enum hits_status st = hits_detect(cli->hits[i], &run->files[i].form, run->err, ERR_MAX);
		if (st != HITS_OK)
			return st;
		run->files[i].path = cli->hits[i];
		size_t *first = (run->files[i].form->flags & HITS_DIGESTS) ? &first_digest : &first_address;
		if (*first == SIZE_MAX)
			*first = i;
	}
	if (first_digest != SIZE_MAX && first_address != SIZE_MAX) {
		snprintf(run->err, ERR_MAX, "'%s' holds %s digests and '%s' addresses: give hits files of one kind",
			 cli->hits[first_digest], run->files[first_digest].form->name, cli->hits[first_address]);
		return HITS_BAD_INPUT;
	}
	for (size_t i = 0; first_digest != SIZE_MAX && i < cli->n_hits; i++)
		if (run->files[i].form != run->files[first_digest].form) {
			snprintf(run->err, ERR_MAX, "'%s' holds %s digests and '%s' %s digests: give hits files of one kind",
				 cli->hits[first_digest], run->files[first_digest].form->name, cli->hits[i],
				 run->files[i].form->name);
			return HITS_BAD_INPUT;
		}
	run->space = first_digest != SIZE_MAX ? run->files[first_digest].form->space : KEY_ADDRESS;
	return HITS_OK;
}

/* The population: no messages; a digest population sets the key space
 * when the hits are addresses, and must match digest hits. */
static enum hits_status detect_population_form(struct compare_run *run)
{
	const char *path = run->cli.population;
	struct compare_file *pf = &run->population_file;
	enum hits_status st = hits_detect(path, &pf->form, run->err, ERR_MAX);
	if (st != HITS_OK)
		return st;
	pf->path = path;
	if (pf->form->flags & HITS_MESSAGES) {
		snprintf(run->err, ERR_MAX, "--population '%s' is an %s: give a list, CSV or digests", path,
			 pf->form->name);
		return HITS_BAD_INPUT;
	}
	if (!(pf->form->flags & HITS_DIGESTS))
		return HITS_OK;
	if (run->space == KEY_ADDRESS) {
		run->space = pf->form->space;
		return HITS_OK;
	}
	if (run->space != pf->form->space) {
		snprintf(run->err, ERR_MAX, "--population '%s' holds %s digests, the hits %s ones", path,
			 pf->form->name, key_space_name(run->space));
		return HITS_BAD_INPUT;
	}
	return HITS_OK;
}

/* ---- reading -------------------------------------------------------------------- */

/* The key of a hit in the run's key space. NULL when a digest failed. */
static const char *hit_key(const struct compare_run *run, const char *key, char buf[HITS_KEY_BUF])
{
	if (run->space == KEY_ADDRESS || (run->reading->flags & HITS_DIGESTS))
		return key;
	return key_of_address(run->space, key, buf) == 0 ? buf : NULL;
}

static int on_skip(void *ctx, const struct hits_skipped *s)
{
	struct compare_run *run = ctx;
	FILE *f = run->skipped;
	if (!f)
		return 0;
	csv_field(f, s->file, strlen(s->file));
	fprintf(f, ",%lu,%s,%s,", s->line, hits_skip_name(s->why), s->detail);
	csv_field(f, s->text, s->text_len);
	fputc('\n', f);
	return 0;
}

static int on_population_hit(void *ctx, const struct hit *h)
{
	struct compare_run *run = ctx;
	char buf[HITS_KEY_BUF];
	const char *key = hit_key(run, h->key, buf);
	int added;
	if (!key || !key_set_add(&run->population, key, &added)) {
		snprintf(run->err, ERR_MAX, key ? "out of memory" : "cannot compute a digest");
		return -1;
	}
	return 0;
}

static struct hit_entry *new_unique(struct compare_run *run, const char *key)
{
	struct hit_entry *e = arena_alloc(&run->arena, sizeof(*e));
	if (!e || !(e->key = arena_strndup(&run->arena, key, strlen(key))))
		return NULL;
	for (size_t i = 0; i < run->n_sets; i++)
		if (key_set_find(&run->sets[i].keys, key))
			e->explained_by |= UINT64_C(1) << i;
	e->in_population = run->cli.population && key_set_find(&run->population, key) != NULL;
	HASH_ADD_KEYPTR(hh, run->unique, e->key, strlen(e->key), e);
	return e;
}

static int count_day(struct compare_run *run, const struct hit *h, int explained)
{
	if (h->date != HIT_DATE_READ) {
		*(explained ? &run->no_date_explained : &run->no_date_unexplained) += 1;
		run->unreadable_dates += h->date == HIT_DATE_UNREADABLE;
		return 0;
	}
	int64_t day = time_day(h->time);
	struct day_entry *d = NULL;
	HASH_FIND(hh, run->days, &day, sizeof(day), d);
	if (!d) {
		if (!(d = arena_alloc(&run->arena, sizeof(*d))))
			return -1;
		d->day = day;
		HASH_ADD(hh, run->days, day, sizeof(d->day), d);
	}
	*(explained ? &d->explained : &d->unexplained) += 1;
	return 0;
}

static int on_hit(void *ctx, const struct hit *h)
{
	struct compare_run *run = ctx;
	char buf[HITS_KEY_BUF];
	const char *key = hit_key(run, h->key, buf);
	struct hit_entry *e = NULL;
	if (!key) {
		snprintf(run->err, ERR_MAX, "cannot compute a digest");
		return -1;
	}
	HASH_FIND_STR(run->unique, key, e);
	if ((!e && !(e = new_unique(run, key))) || count_day(run, h, e->explained_by != 0) != 0) {
		snprintf(run->err, ERR_MAX, "out of memory");
		return -1;
	}
	return 0;
}

static enum hits_status load_sets(struct compare_run *run)
{
	for (size_t i = 0; i < run->n_sets; i++) {
		enum hits_status st = exposed_set_load(&run->sets[i], run->space, run->err, ERR_MAX);
		if (st != HITS_OK)
			return st;
	}
	return HITS_OK;
}

static enum hits_status load_population(struct compare_run *run)
{
	struct hits_sink sink = { on_population_hit, on_skip, run };
	struct compare_file *pf = &run->population_file;
	run->reading = pf->form;
	return hits_read(pf->path, pf->form, &sink, &pf->counts, run->err, ERR_MAX);
}

static enum hits_status read_hits(struct compare_run *run)
{
	struct hits_sink sink = { on_hit, on_skip, run };
	for (size_t i = 0; i < run->cli.n_hits; i++) {
		run->reading = run->files[i].form;
		enum hits_status st = hits_read(run->files[i].path, run->files[i].form, &sink, &run->files[i].counts,
						run->err, ERR_MAX);
		if (st != HITS_OK)
			return st;
	}
	return HITS_OK;
}

/* ---- the result --------------------------------------------------------------------- */

static void add_counts(struct hits_counts *to, const struct hits_counts *c)
{
	to->lines += c->lines;
	to->messages += c->messages;
	to->hits += c->hits;
	to->skipped += c->skipped;
	for (int w = 0; w < HITS_SKIP_COUNT; w++)
		to->by_reason[w] += c->by_reason[w];
}

static void count_explained(struct compare_result *r, const struct hit_entry *h)
{
	for (size_t i = 0; i < r->n_sets; i++) {
		struct compare_set_result *s = &r->sets[i];
		const struct key_entry *k = (h->explained_by >> i) & 1 ? key_set_find(&s->set->keys, h->key) : NULL;
		if (!k)
			continue;
		s->explained++;
		s->k += (uint64_t)h->in_population;
		for (int o = 0; o < ORIGIN_COUNT; o++)
			s->by_origin[o] += (k->origins >> o) & 1u;
		for (size_t src = 0; src < s->set->n_sources; src++)
			s->by_source[src] += (k->sources >> src) & 1u;
	}
}

static void count_population(struct compare_result *r, const struct compare_run *run)
{
	r->population = run->population_file;
	r->N = run->population.n;
	for (size_t i = 0; i < r->n_sets; i++) {
		struct compare_set_result *s = &r->sets[i];
		for (const struct key_entry *k = s->set->keys.by_key; k; k = k->hh.next)
			*(key_set_find(&run->population, k->key) ? &s->K : &s->outside) += 1;
		hypergeom_log_upper_tail(r->N, s->K, r->n, s->k, &s->log_p);
	}
}

/* The most hits explained; a tie broken by the smaller p, else no best. */
static void choose_best(struct compare_result *r, int with_p)
{
	uint64_t most = 0;
	r->best = -1;
	r->tied = 0;
	for (size_t i = 0; i < r->n_sets; i++)
		most = r->sets[i].explained > most ? r->sets[i].explained : most;
	if (most == 0)
		return;
	long double least_p = INFINITY;
	for (size_t i = 0; i < r->n_sets; i++)
		if (r->sets[i].explained == most) {
			r->tied |= UINT32_C(1) << i;
			least_p = r->sets[i].log_p < least_p ? r->sets[i].log_p : least_p;
		}
	uint32_t at_least_p = 0;
	for (size_t i = 0; i < r->n_sets; i++)
		if (((r->tied >> i) & 1) && (!with_p || r->sets[i].log_p == least_p))
			at_least_p |= UINT32_C(1) << i;
	if ((at_least_p & (at_least_p - 1)) == 0) { /* one set left */
		for (long i = 0; i < (long)r->n_sets; i++)
			if ((at_least_p >> i) & 1)
				r->best = i;
		if ((r->tied & (r->tied - 1)) == 0)
			r->tied = 0; /* no tie at all */
		return;
	}
	r->tied = at_least_p;
}

static int day_cmp(const void *a, const void *b)
{
	const struct compare_day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static struct compare_day *sorted_days(const struct compare_run *run, size_t *n)
{
	*n = HASH_COUNT(run->days);
	struct compare_day *v = malloc((*n ? *n : 1) * sizeof(*v));
	size_t i = 0;
	if (!v)
		return NULL;
	for (const struct day_entry *d = run->days; d; d = d->hh.next)
		v[i++] = (struct compare_day){ d->day, d->explained, d->unexplained };
	qsort(v, *n, sizeof(*v), day_cmp);
	return v;
}

/* Fill r from the run; r->days is malloc'ed (NULL on no memory). */
static int build_result(struct compare_result *r, const struct compare_run *run)
{
	memset(r, 0, sizeof(*r));
	r->space = run->space;
	r->files = run->files;
	r->n_files = run->cli.n_hits;
	for (size_t i = 0; i < r->n_files; i++)
		add_counts(&r->totals, &run->files[i].counts);
	r->n_sets = run->n_sets;
	for (size_t i = 0; i < r->n_sets; i++)
		r->sets[i].set = &run->sets[i];
	for (const struct hit_entry *h = run->unique; h; h = h->hh.next) {
		r->unique++;
		r->explained_any += h->explained_by != 0;
		r->n += (uint64_t)h->in_population;
		r->hits_outside += (uint64_t)(run->cli.population && !h->in_population);
		count_explained(r, h);
	}
	if (run->cli.population)
		count_population(r, run);
	choose_best(r, run->cli.population != NULL);
	r->no_date_explained = run->no_date_explained;
	r->no_date_unexplained = run->no_date_unexplained;
	r->unreadable_dates = run->unreadable_dates;
	r->days = sorted_days(run, &r->n_days);
	return r->days ? 0 : -1;
}

/* ---- output -------------------------------------------------------------------------- */

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int write_unexplained(const struct compare_run *run, FILE *f)
{
	size_t n = 0;
	const char **keys = malloc((HASH_COUNT(run->unique) + 1) * sizeof(*keys));
	if (!keys)
		return -1;
	for (const struct hit_entry *h = run->unique; h; h = h->hh.next)
		if (!h->explained_by)
			keys[n++] = h->key;
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", keys[i]);
	free(keys);
	return ferror(f) ? -1 : 0;
}

static int open_output(struct compare_run *run, struct outfile *o, const char *path)
{
	return outfile_open(o, path, run->cli.force, run->err, ERR_MAX);
}

/* The report and the unexplained hits, then every file put in place. */
static int write_outputs(struct compare_run *run, struct outfile files[3])
{
	struct compare_result r;
	int rc = -1;
	if (build_result(&r, run) != 0) {
		snprintf(run->err, ERR_MAX, "out of memory");
		goto out;
	}
	if (run->cli.unexplained && (open_output(run, &files[1], run->cli.unexplained) != 0 ||
				     write_unexplained(run, files[1].f) != 0))
		goto out;
	if (open_output(run, &files[2], run->cli.output) != 0)
		goto out;
	const struct compare_report_format *report = run->cli.report ? compare_report_find(run->cli.report) : NULL;
	if (!report)
		report = compare_report_formats[0]; /* the default: text */
	if (report->write(files[2].f, &r) != 0)
		snprintf(run->err, ERR_MAX, "cannot write the report: %s", strerror(errno));
	else
		rc = 0;
	for (int i = 0; rc == 0 && i < 3; i++)
		if (files[i].f && outfile_commit(&files[i], run->err, ERR_MAX) != 0)
			rc = -1;
out:
	free((void *)r.days);
	return rc;
}

static int open_skipped(struct compare_run *run, struct outfile *o)
{
	if (!run->cli.skipped)
		return 0;
	if (open_output(run, o, run->cli.skipped) != 0)
		return -1;
	run->skipped = o->f;
	fputs("file,line,reason,detail,text\n", o->f);
	return 0;
}

/* ---- the command ------------------------------------------------------------------------ */

static void run_init(struct compare_run *run)
{
	memset(run, 0, sizeof(*run));
	key_set_init(&run->population);
	arena_init(&run->arena);
}

static void run_release(struct compare_run *run)
{
	for (size_t i = 0; i < run->n_sets; i++)
		exposed_set_release(&run->sets[i]);
	key_set_release(&run->population);
	HASH_CLEAR(hh, run->unique);
	HASH_CLEAR(hh, run->days);
	free(run->files);
	arena_release(&run->arena);
}

/* Detect every input's form, then load the sets and the population.
 * HITS_OK, or the status of the first failure (message in run->err). */
static enum hits_status prepare(struct compare_run *run)
{
	enum hits_status st;
	if (!(run->files = calloc(run->cli.n_hits, sizeof(*run->files)))) {
		snprintf(run->err, ERR_MAX, "out of memory");
		return HITS_STOPPED;
	}
	if ((st = detect_hits_forms(run)) != HITS_OK)
		return st;
	if (run->cli.population && (st = detect_population_form(run)) != HITS_OK)
		return st;
	return load_sets(run);
}

enum compare_outcome compare_run(const struct compare_options *opts, char *err, size_t errsz)
{
	struct compare_run run;
	struct outfile files[3] = { 0 }; /* skipped, unexplained, report */
	enum compare_outcome rc = COMPARE_USAGE;
	enum hits_status st;
	run_init(&run);
	run.cli = *opts;
	hits_readers_init();
	if (setup_sets(&run) != 0 || check_outputs(&run) != 0)
		goto out;
	st = prepare(&run);
	if (st == HITS_OK && open_skipped(&run, &files[0]) != 0)
		st = HITS_UNREADABLE;
	if (st == HITS_OK && run.cli.population)
		st = load_population(&run);
	if (st == HITS_OK)
		st = read_hits(&run);
	if (st != HITS_OK) {
		rc = st == HITS_BAD_INPUT ? COMPARE_BAD_INPUT : COMPARE_FAILED;
		goto out;
	}
	rc = write_outputs(&run, files) != 0 ? COMPARE_FAILED : COMPARE_DONE;
out:
	if (rc != COMPARE_DONE)
		snprintf(err, errsz, "%s", run.err);
	for (int i = 0; i < 3; i++)
		outfile_abort(&files[i]);
	run_release(&run);
	hits_readers_shutdown();
	return rc;
}
