/* stub: being written */
#include "suites.h"
Suite *compare_suite(void)
{
	return suite_create("compare");
}
