// Shim over Debian's libcsv (libcsv-dev). libcsv ships no pkg-config file,
// so the module map links "csv" by name.
#ifndef MENTORBASE_CLIBCSV_SHIM_H
#define MENTORBASE_CLIBCSV_SHIM_H
#include <stddef.h>
#include <csv.h>

// libcsv treats spaces and tabs around unquoted fields as padding and drops them; we keep cells
// exactly as written. A C function, so libcsv's per-byte call does not go through a Swift thunk.
static inline int mb_csv_no_space(unsigned char c) { (void)c; return 0; }
#endif
