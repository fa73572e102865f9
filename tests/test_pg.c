/* stub: being written */
#include "suites.h"
Suite *pg_suite(void)
{
	Suite *s = suite_create("pg");
	return s;
}
