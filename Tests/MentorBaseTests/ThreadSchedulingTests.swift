#if canImport(Glibc)
import Foundation
import Glibc
import Testing
@testable import MentorBase

@Suite struct ThreadSchedulingTests {
    /// What the threads saw; `@unchecked Sendable`: written and read under `lock` only.
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var producer: Int32 = -100
        var child: Int32 = -100
    }

    static func ownPriority() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }

    /// The producer's lower priority is its own thread's (and its children's), never the
    /// process's: the store's threads, and the one that started the producer, keep theirs.
    @Test func yieldingLowersOnlyTheCallingThreadAndWhatItStarts() {
        let before = Self.ownPriority()
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            ThreadScheduling.yieldToDownstream()
            let mine = Self.ownPriority()
            seen.lock.lock(); seen.producer = mine; seen.lock.unlock()
            let inner = Thread {
                let theirs = Self.ownPriority()
                seen.lock.lock(); seen.child = theirs; seen.lock.unlock()
                done.signal()
            }
            inner.start()
        }
        thread.start()
        done.wait()
        seen.lock.lock(); defer { seen.lock.unlock() }
        #expect(seen.producer == min(before + 10, 19))
        #expect(seen.child == seen.producer)
        #expect(Self.ownPriority() == before)
    }
}
#endif
