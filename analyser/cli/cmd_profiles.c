/* exposure profiles: the built-in profiles, or one printed as a profile file. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "profile.h"

const char cmd_profiles_help[] =
	"usage: exposure profiles [NAME|PATH]\n"
	"\n"
	"Without NAME, list the built-in profiles; with one, print it (or the\n"
	"profile file at PATH, as loaded) in the form of a profile file.\n"
	"\n"
	"  -h, --help             this help\n";

int cmd_profiles(const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[CLI_ERR_MAX] = "";
	struct profile *loaded = NULL;
	int c;
	optind = 0; /* a fresh parse */
	while ((c = cli_getopt("profiles", argc, argv, "h", opts)) != -1) {
		if (c != 'h')
			return CLI_EXIT_USAGE;
		cli_print_help(stdout, cmd->help, cmd->exits);
		return CLI_EXIT_OK;
	}
	if (optind == argc) {
		for (size_t i = 0; profile_builtin_at(i); i++)
			printf("%-14s %s\n", profile_builtin_at(i)->name, profile_builtin_at(i)->description);
		return CLI_EXIT_OK;
	}
	if (optind != argc - 1) {
		cli_usage_error("profiles", "give one NAME or PATH");
		return CLI_EXIT_USAGE;
	}
	const struct profile *p = profile_choose(argv[optind], &loaded, err, sizeof(err));
	if (!p) {
		cli_error("%s", err);
		return CLI_EXIT_USAGE;
	}
	profile_print(stdout, p);
	profile_free(loaded);
	return CLI_EXIT_OK;
}
