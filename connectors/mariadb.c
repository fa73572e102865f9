/* stub: being written */
#include "connector.h"
const struct connector connector_mariadb = { .name = "mariadb" };
