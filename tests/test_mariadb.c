/* stub: being written */
#include "suites.h"
Suite *mariadb_suite(void)
{
	Suite *s = suite_create("mariadb");
	return s;
}
