/* The Check suites, one per module. */
#ifndef EXPOSURE_TESTS_SUITES_H
#define EXPOSURE_TESTS_SUITES_H
#include <check.h>

Suite *address_suite(void);
Suite *set_suite(void);
Suite *writers_suite(void);
Suite *formats_suite(void);
Suite *misc_suite(void);
Suite *scan_suite(void);
Suite *cli_suite(void);
Suite *profile_file_suite(void);
Suite *profiles_suite(void);
Suite *compare_suite(void);
Suite *report_html_suite(void);
Suite *connectors_suite(void);
Suite *pg_suite(void);      /* built with libpq only */
Suite *mariadb_suite(void); /* built with MariaDB Connector/C only */
Suite *servers_suite(void);
Suite *second_opinion_suite(void);
Suite *window_suite(void);
Suite *window_servers_suite(void); /* built with libpq or MariaDB Connector/C */
Suite *vectors_suite(void);

#endif
