/* The Check suites, one per module. */
#ifndef EXPOSURE_TESTS_SUITES_H
#define EXPOSURE_TESTS_SUITES_H
#include <check.h>

Suite *address_suite(void);

#endif
