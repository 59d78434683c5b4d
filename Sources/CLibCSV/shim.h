// Shim over Debian's libcsv (libcsv-dev). libcsv ships no pkg-config file,
// so the module map links "csv" by name.
#ifndef MENTORBASE_CLIBCSV_SHIM_H
#define MENTORBASE_CLIBCSV_SHIM_H
#include <stddef.h>
#include <csv.h>
#endif
