import Foundation
import MentorBase

/// Reads on a second thread while this one builds and writes: reading the store overlaps with
/// shaping rows and the writer's work (XML for XLSX), as the readers' read-ahead does for
/// validation. Batches pass through a bounded queue, so memory stays flat.
final class RowPipe<Item>: @unchecked Sendable {
    // @unchecked: every stored property below is read and written only while `condition` is locked;
    // items cross threads only through that queue, each owned by one side at a time.
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    /// Batches the consumer is done with, dropped by the producer: what one thread allocated is
    /// freed on that thread, not contended for across malloc arenas.
    private var spent: [[Item]] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private var producerDone = false
    private let capacity = 8
    static var batchSize: Int { 256 }

    /// Runs `produce` on a new thread and hands every row it emits to `consume` here, in order.
    /// A failure on either side stops both; the producer has ended when this returns or throws.
    static func run(produce: @escaping (_ emit: (Item) throws -> Void) throws -> Void,
                    consume: (Item) throws -> Void) throws {
        let pipe = RowPipe<Item>()
        let work = UncheckedSendable(produce)
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(RowPipe<Item>.batchSize)
            do {
                try work.value { item in
                    batch.append(item)
                    if batch.count >= RowPipe<Item>.batchSize {
                        try pipe.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try pipe.put(batch) }
                pipe.end(nil)
            } catch {
                pipe.end(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let batch = try pipe.take() {
                // Items are lent to `consume` straight from the batch: no copy of each record.
                try batch.withUnsafeBufferPointer { items in
                    for i in items.indices { try consume(items[i]) }
                }
                pipe.giveBack(batch)
            }
        } catch {
            pipe.cancel()
            pipe.waitForProducer()
            throw error
        }
        pipe.waitForProducer()
    }

    private func put(_ batch: [Item]) throws {
        var done: [[Item]] = []
        defer { done.removeAll() }   // after the unlock below: freeing takes time
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        queue.append(batch)
        swap(&done, &spent)
        condition.broadcast()
    }

    private func giveBack(_ batch: [Item]) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    private func end(_ error: (any Error)?) {
        condition.lock()
        finished = true
        producerDone = true
        if failure == nil, let error, !(error is CancellationError) { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    private func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if let failure { throw failure }
        if queue.isEmpty { return nil }
        let b = queue.removeFirst()
        condition.broadcast()
        return b
    }

    private func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func waitForProducer() {
        condition.lock()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

/// Carries a value to another thread where the caller guarantees exclusive use.
struct UncheckedSendable<T>: @unchecked Sendable {
    // @unchecked: RowPipe hands the producer closure (and what it captures: the store, the summary)
    // to exactly one thread, and the caller touches none of it until that thread has ended.
    let value: T
    init(_ value: T) { self.value = value }
}
