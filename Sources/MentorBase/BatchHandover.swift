/// The producing side of a channel of batches: elements are gathered and handed over
/// `size` at a time (a lock round trip per batch, not per element).
///
/// `@inlinable`: it runs once per imported row in other modules, where an unspecialised generic
/// call would move every element through value witnesses.
public struct BatchSender<Element> {
    @usableFromInline var out: [Element] = []
    @usableFromInline let size: Int

    @inlinable
    public init(size: Int = 256) {
        self.size = max(1, size)
        out.reserveCapacity(self.size)
    }

    /// Adds an element, handing the batch over when it is full; false when the consumer cancelled.
    @inlinable
    public mutating func send(_ element: consuming Element, to channel: BoundedChannel<[Element]>) -> Bool {
        out.append(element)
        guard out.count >= size else { return true }
        return flush(to: channel)
    }

    /// `send(make(), to: channel)`, with the element made straight into the batch: passing a
    /// large element made just before as an argument, the optimiser copied it (a retain of every
    /// reference inside) and destroyed the original.
    @inlinable
    public mutating func send(to channel: BoundedChannel<[Element]>, _ make: () -> Element) -> Bool {
        out.append(make())
        guard out.count >= size else { return true }
        return flush(to: channel)
    }

    /// Hands over what is gathered (nothing when empty); false when the consumer cancelled.
    @inlinable
    public mutating func flush(to channel: BoundedChannel<[Element]>) -> Bool {
        guard !out.isEmpty else { return true }
        defer { out.removeAll(keepingCapacity: true) }
        return channel.put(out)
    }
}

/// The consuming side: the elements of the batches one by one (`next`), or whole batches
/// (`nextBatch`).
///
/// `next` copies each element out of its batch (a retain of every reference inside it). Moving
/// single elements out instead was measured slower on both threads (250k-row import, per-thread
/// samples: producer +25 %, store +10 %; glibc's allocator made both pay for the store's thread
/// freeing what the producer allocated). `nextBatch` hands a batch over whole, copying nothing:
/// the store takes a batch of its chunk size as the chunk.
/// `@inlinable` for the same reason as ``BatchSender``.
public struct BatchReceiver<Element> {
    /// The current batch and the index of the next element in it.
    @usableFromInline var batch: [Element] = []
    @usableFromInline var index = 0

    @inlinable
    public init() {}

    /// Continues with a batch already taken from the channel (the first one, say).
    @inlinable
    public mutating func resume(with batch: [Element]) {
        self.batch = batch
        index = 0
    }

    /// The next element, taking the next batch from `channel` when this one is done; nil when
    /// the stream has ended.
    @inlinable
    public mutating func next(from channel: BoundedChannel<[Element]>) throws -> Element? {
        while index >= batch.count {
            guard let more = try channel.take() else { return nil }
            resume(with: more)
        }
        index += 1
        return batch[index - 1]
    }

    /// The rest of the current batch, or the next batch from `channel`; nil when the stream has
    /// ended. A whole batch is handed out as it came (its elements moved, not copied: no retain
    /// of what they hold); only a batch begun with ``next(from:)`` is copied from where it stands.
    @inlinable
    public mutating func nextBatch(from channel: BoundedChannel<[Element]>) throws -> [Element]? {
        while index >= batch.count {
            guard let more = try channel.take() else { return nil }
            resume(with: more)
        }
        var out: [Element] = []
        if index == 0 {
            swap(&out, &batch)
        } else {
            out = Array(batch[index...])
            batch = []
        }
        index = 0
        return out
    }
}
