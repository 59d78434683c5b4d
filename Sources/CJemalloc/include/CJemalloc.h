#ifndef CJEMALLOC_H
#define CJEMALLOC_H

/// The version of jemalloc serving this process's allocations, or NULL if mallctl fails.
/// The mentorbase executable calls it once: the reference keeps libjemalloc among the
/// executable's own libraries, ahead of libc, so its malloc and free serve the whole process.
const char *mb_jemalloc_version(void);

#endif
