/* A profile printed in the form of a profile file, written from the
 * loader's table of keys (keys.h), so that the two cannot drift apart. */
#include "profile.h"

#include "keys.h"

static void print_key(FILE *f, const struct profile_key *k, const struct extractor *ex)
{
	const char *field = (const char *)ex + k->offset;
	switch (k->kind) {
	case KIND_TEXT:
	case KIND_COLUMN:
		if (*(const char *const *)field)
			fprintf(f, "%s = %s\n", k->name, *(const char *const *)field);
		break;
	case KIND_ORIGIN:
		fprintf(f, "%s = %s\n", k->name, origin_name(ex->origin));
		break;
	case KIND_ADDRESS:
		fprintf(f, "%s =", k->name);
		for (int i = 0; i < EXTRACTOR_MAX_ADDRESS && ex->address[i]; i++)
			fprintf(f, " %s", ex->address[i]);
		fputc('\n', f);
		break;
	case KIND_TRUNCATE_AT:
		if (ex->truncate_at)
			fprintf(f, "%s = %u\n", k->name, ex->truncate_at);
		break;
	case KIND_FILTER:
		if (ex->filter != FILTER_NONE)
			fprintf(f, "%s = %s\n", k->name, field_filter_name(ex->filter));
		break;
	case KIND_TIME_KIND:
		if (ex->time)
			fprintf(f, "%s = %s\n", k->name, time_kind_name(ex->time_kind));
		break;
	case KIND_LOGIN_NAME:
		if (ex->flags & EXTRACTOR_LOGIN_NAME)
			fprintf(f, "%s = yes\n", k->name);
		break;
	}
}

void profile_print(FILE *f, const struct profile *p)
{
	fprintf(f, "# profile %s: %s\n# detected by tables: %s\n\n", p->name, p->description ? p->description : "",
		p->detect ? p->detect : "(never detected: name it with --profile)");
	for (size_t i = 0; i < p->n_extractors; i++) {
		fprintf(f, "[extractor %s]\n", p->extractors[i].name);
		for (int k = KEY_FIRST_SECTION; k < KEY_COUNT; k++)
			print_key(f, &profile_keys[k], &p->extractors[i]);
		fputc('\n', f);
	}
}
