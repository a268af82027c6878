#include <sqlite3.h>
#include "sqlite_tuning.h"

int statreturn_tune_sqlite(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
