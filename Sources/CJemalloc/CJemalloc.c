#include "CJemalloc.h"
#include <stddef.h>
#include <jemalloc/jemalloc.h>

const char *mb_jemalloc_version(void) {
    const char *version = NULL;
    size_t size = sizeof(version);
    if (mallctl("version", &version, &size, NULL, 0) != 0) return NULL;
    return version;
}
