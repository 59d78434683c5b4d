import Foundation

/// A bounded hand-over queue between one producing thread and one consuming thread.
///
/// `put` blocks while the queue is full, `take` while it is empty; `close` ends the stream
/// (with an optional error), `cancel` tells the producer the consumer has gone away. Memory
/// stays bounded by `capacity` items whatever the input size.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
public final class BoundedChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Taken elements leave nil behind (moved out, not copied: a batch taken is the taker's alone,
    /// so changing it copies nothing).
    private var queue: [Element?] = []
    private var head = 0
    private var closed = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an element, waiting for room; false when the consumer cancelled (stop producing).
    @discardableResult
    public func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        if head > 0 && head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        queue.append(element)
        condition.broadcast()
        return true
    }

    /// Ends the stream; `error` is rethrown by `take` after the elements already queued.
    public func close(error: (any Error)? = nil) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next element, waiting for one; nil at the end of the stream.
    public func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed { condition.wait() }
        if head < queue.count {
            let e = queue[head].take()
            head += 1
            // Taken elements are dropped once they are half the queue: a producer that keeps the
            // queue full never lets it drain to empty, and the array must not keep every element.
            if head >= 32 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return e
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer is done: a waiting or later `put` returns false at once.
    public func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
