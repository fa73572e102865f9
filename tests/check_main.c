/* Runs every Check suite; exits non-zero when any test fails. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "connector.h"
#include "hits.h"
#include "suites.h"

int main(void)
{
	char err[256];
	if (connectors_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_FAILURE;
	}
	/* GMime once for the whole run, as the command does: it cannot be set up
	 * again after a shutdown */
	hits_readers_init();
	SRunner *sr = srunner_create(address_suite());
	srunner_add_suite(sr, set_suite());
	srunner_add_suite(sr, writers_suite());
	srunner_add_suite(sr, formats_suite());
	srunner_add_suite(sr, misc_suite());
	srunner_add_suite(sr, scan_suite());
	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, profile_file_suite());
	srunner_add_suite(sr, profiles_suite());
	srunner_add_suite(sr, compare_suite());
	srunner_add_suite(sr, report_html_suite());
	srunner_add_suite(sr, connectors_suite());
#ifdef HAVE_LIBPQ
	srunner_add_suite(sr, pg_suite());
#endif
#ifdef HAVE_MARIADB
	srunner_add_suite(sr, mariadb_suite());
#endif
	srunner_add_suite(sr, servers_suite());
#if defined(HAVE_LIBPQ) || defined(HAVE_MARIADB)
	srunner_add_suite(sr, window_servers_suite());
#endif
	srunner_add_suite(sr, second_opinion_suite());
	srunner_add_suite(sr, window_suite());
	srunner_add_suite(sr, vectors_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	hits_readers_shutdown();
	connectors_end();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
