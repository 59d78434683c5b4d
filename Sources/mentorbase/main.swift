#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CJemalloc
import MentorCLI
import MentorFormats

// jemalloc, not libc's malloc, serves this process: referring to it keeps the library linked
// (see Sources/CJemalloc). Nothing depends on the answer.
_ = mb_jemalloc_version()

// The registry is built once here and passed down; nothing else holds global state.
exit(MentorbaseMain.main(registry: MentorFormats.builtinRegistry()))
