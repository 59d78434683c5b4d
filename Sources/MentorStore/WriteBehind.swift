import Foundation
import MentorBase

/// Writes an import's chunks on a thread of its own, one at a time, while the store's thread
/// plans the next chunk: SQLite's inserts and the planning then run side by side instead of
/// one after the other.
///
/// The connection is the transaction's own, lent (``LendingSQLSession``): between ``submit(_:)``
/// and the ``wait()`` that follows it the store's thread makes no call into it. Each hand-over
/// goes through a semaphore, so everything one side wrote before it is visible to the other after
/// it; nothing else is shared (hence `@unchecked Sendable`).
final class WriteBehind: @unchecked Sendable {
    private let session: any LentSQLSession
    private let start = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    /// The chunk being written (owned by the writer's thread between submit and wait).
    private var job: ChunkWriter?
    private var failure: (any Error)?
    private var busy = false
    private var stopping = false
    private var stopped = false

    init(_ session: any LentSQLSession) {
        self.session = session
        let thread = Thread { [self] in
            while true {
                start.wait()
                if stopping { break }
                do {
                    try job?.flush(self.session)
                } catch {
                    failure = error
                }
                done.signal()
            }
            exited.signal()
        }
        thread.name = "mentorbase.write"
        thread.start()
    }

    /// Starts writing `chunk`; the writer must be idle (after `wait`).
    func submit(_ chunk: consuming ChunkWriter) {
        precondition(!busy && !stopped, "WriteBehind: a chunk is already being written")
        // Moved: a copy left here until the return would share the chunk's buffers with the
        // writer's thread, which has started (this thread would then free what it empties).
        job = consume chunk
        busy = true
        start.signal()
    }

    /// Waits for the chunk being written, if any, and hands it back (its buffers emptied, its
    /// change-log ids advanced); rethrows what writing it threw.
    func wait() throws -> ChunkWriter? {
        guard busy else { return nil }
        done.wait()
        busy = false
        if let failure {
            self.failure = nil
            job = nil
            throw failure
        }
        return job.take()
    }

    /// Waits for any write, stops the thread and closes the lent session; the connection is the
    /// caller's alone again. Safe to call more than once.
    func stop() {
        guard !stopped else { return }
        _ = try? wait()
        stopped = true
        stopping = true
        start.signal()
        exited.wait()
        session.close()
    }
}
