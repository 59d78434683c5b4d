"""The built tool runs on jemalloc (Sources/CJemalloc): the dynamic linker, asked to report
its bindings, binds malloc and free to libjemalloc, not to libc, for every library that calls them."""
import os
import re
import subprocess

from conftest import binary


def bindings():
    p = subprocess.run([binary(), "--help"], capture_output=True, text=True,
                       env={**os.environ, "LD_DEBUG": "bindings", "MENTORBASE_LANG": "en"})
    assert p.returncode == 0, p.stderr[-2000:]
    found = {}
    for line in p.stderr.splitlines():
        m = re.search(r"binding file (\S+) \[\d+\] to (\S+) \[\d+\]: normal symbol `(malloc|free|realloc|calloc|posix_memalign|aligned_alloc|malloc_usable_size)'", line)
        if m:
            found.setdefault(m.group(3), set()).add(os.path.basename(m.group(2)))
    return found


def test_malloc_and_free_come_from_jemalloc():
    found = bindings()
    for name in ("malloc", "free"):
        assert name in found, f"no binding of {name} reported: {sorted(found)}"
    # Every allocation function bound at all must be jemalloc's: memory from one allocator
    # handed to another's free (or sized by another's malloc_usable_size) would be a bug.
    for name, libs in found.items():
        assert all(lib.startswith("libjemalloc") for lib in libs), f"{name} bound to {sorted(libs)}"
