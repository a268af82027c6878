#ifndef STATRETURN_SQLITE_TUNING_H
#define STATRETURN_SQLITE_TUNING_H
/// Turns off SQLite's global memory statistics, whose lock serialises every allocation
/// across threads, so rules run in parallel really do. Written in C because
/// sqlite3_config is variadic, which Swift cannot call. Must run before SQLite is first
/// used; returns 0 on success (non-zero if SQLite was already initialised).
int statreturn_tune_sqlite(void);
#endif
