#if canImport(Glibc)
import Glibc
#endif

/// Scheduling hints for the threads of a pipeline.
public enum ThreadScheduling {
    /// Lowers the calling thread's priority (nice +10), for a producer that runs ahead of the
    /// stage it feeds. With more runnable threads than cores, the scheduler then gives the cores
    /// to the stages downstream, which limit the pipeline's speed, while the producer fills the
    /// queue between with what is left; when the others wait for it, it has a core to itself as
    /// before. Threads it starts afterwards inherit the lower priority.
    ///
    /// On Linux a thread's nice value is its own (`nice` changes the calling thread only). On
    /// other systems it is the whole process's, so nothing is done there.
    public static func yieldToDownstream() {
        #if os(Linux)
        _ = nice(10)
        #endif
    }
}
