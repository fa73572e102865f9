#include "writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Source indices sorted by name, for the sources column. */
static void sort_sources(const char *const *names, unsigned *order, size_t n)
{
	for (size_t i = 0; i < n; i++)
		order[i] = (unsigned)i;
	for (size_t i = 1; i < n; i++) /* at most 64: insertion sort */
		for (size_t j = i; j > 0 && strcmp(names[order[j - 1]], names[order[j]]) > 0; j--) {
			unsigned t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

int writer_write_scan(const struct list_format *lf, FILE *f, const struct scan *sc,
		      const struct domain_set *internal)
{
	return writer_write_scan_filtered(lf, f, sc, internal, 0, NULL, NULL);
}

int writer_write_scan_filtered(const struct list_format *lf, FILE *f, const struct scan *sc,
			       const struct domain_set *internal, int mask, entry_filter_fn keep, size_t *written)
{
	const char *names[ADDRSET_MAX_SOURCES];
	unsigned order[ADDRSET_MAX_SOURCES];
	for (size_t i = 0; i < sc->n_sources; i++)
		names[i] = sc->sources[i].name;
	sort_sources(names, order, sc->n_sources);
	size_t n;
	struct addr_entry **sorted;
	if (addrset_sorted(&sc->set, &sorted, &n) != 0) {
		errno = ENOMEM;
		return -1;
	}
	struct output_ctx o = { .f = f, .source_names = names, .source_order = order, .n_sources = sc->n_sources,
				.internal = internal, .mask = mask,
				.window = sc->since != TIME_NONE || sc->until != TIME_NONE };
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) /* the kept entries, in order, to the front */
		if (!keep || keep(&o, sorted[i]))
			sorted[kept++] = sorted[i];
	int rc = list_format_write_all(lf, &o, sorted, kept);
	free(sorted);
	if (written)
		*written = kept;
	return rc;
}
