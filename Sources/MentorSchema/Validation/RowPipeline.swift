import Foundation
import MentorBase

/// Reads rows on a second thread while the caller validates them, so reading and validating
/// overlap on two cores. Rows travel in batches through a bounded queue (memory stays flat).
///
/// The cursor is handed over whole: after `start`, only the reading thread touches it, and
/// `finish` waits for that thread before returning, so the cursor is never used by two threads.
final class RowPipeline: @unchecked Sendable {
    // @unchecked: every shared field is read and written under `condition`; the cursor is used
    // by the reading thread alone once handed over (see the type's comment).
    private let condition = NSCondition()
    private var batches: [[Row]] = []
    private var head = 0
    private var done = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity = 8
    private let batchSize = 512
    private let finished = DispatchSemaphore(value: 0)
    private let cursor: any RowCursor

    init(cursor: any RowCursor) {
        self.cursor = cursor
    }

    /// Starts the reading thread.
    func start() {
        let thread = Thread { [self] in
            var batch: [Row] = []
            batch.reserveCapacity(batchSize)
            do {
                while let row = try cursor.next() {
                    batch.append(row)
                    if batch.count == batchSize {
                        guard put(batch) else { break }
                        batch = []
                        batch.reserveCapacity(batchSize)
                    }
                }
                if !batch.isEmpty { _ = put(batch) }
                close(nil)
            } catch {
                // The rows read before the failure still go through, then the error.
                if !batch.isEmpty { _ = put(batch) }
                close(error)
            }
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func put(_ batch: [Row]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    private func close(_ error: (any Error)?) {
        condition.lock()
        failure = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in order; nil at the end. Rethrows the reader's error after the rows before it.
    func take() throws -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !done { condition.wait() }
        if head < batches.count {
            let b = batches[head]
            batches[head] = []
            head += 1
            if head > 64 { batches.removeFirst(head); head = 0 }
            condition.broadcast()
            return b
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread (if still running) and waits for it.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }
}
