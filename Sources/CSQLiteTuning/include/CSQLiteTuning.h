#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns off SQLite's memory statistics for the whole process (sqlite3_config is variadic, so
/// Swift cannot call it). Without them every allocation SQLite makes skips a global mutex and
/// two counters. Must run before SQLite initialises (before the first connection opens);
/// afterwards it changes nothing. Returns SQLite's result code (0 when applied).
int mb_sqlite_disable_memstatus(void);

#endif
