#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MentorCLI
import MentorFormats

// The registry is built once here and passed down; nothing else holds global state.
exit(MentorbaseMain.main(registry: MentorFormats.builtinRegistry()))
