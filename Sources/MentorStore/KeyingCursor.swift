import Foundation
import MentorBase

/// Reads any record cursor on a worker thread and computes each record's keys and stored values
/// there (``RecordKeys/withValues(_:memo:)``), handing them to the store in batches: the store's
/// thread then only plans and writes, as in a validated import (the validator's streaming cursor).
/// Used for canonical tables, whose reading and keying otherwise ran on the store's thread.
public final class KeyingCursor: KeyedRecordCursor {
    private let channel = BoundedChannel<[KeyedRecord]>(capacity: 4)
    private var receiver = BatchReceiver<KeyedRecord>()

    /// Signalled when the worker has stopped touching the source.
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    /// Starts reading `source` at once; `source` (and whatever it reads from) must not be used by
    /// anyone else until ``finish()`` returns.
    public init(_ source: any IncomingRecordCursor) {
        let channel = self.channel
        let done = self.done
        let box = Handover(source)
        let thread = Thread {
            KeyingCursor.work(box.source, channel)
            done.signal()
        }
        thread.name = "mentorbase.keys"
        thread.start()
    }

    deinit { channel.cancel() }

    /// Stops the worker and waits until it has let go of the source: after this the source's
    /// diagnostics (and its reader's) may be read. The store may have stopped early — a no-op
    /// re-import takes no record at all — while the worker was still reading ahead.
    public func finish() {
        guard !finished else { return }
        finished = true
        channel.cancel()
        done.wait()
    }

    public func next() throws -> IncomingRecord? { try nextKeyed()?.record }

    public func nextKeyed() throws -> KeyedRecord? { try receiver.next(from: channel) }

    public func nextKeyedBatch() throws -> [KeyedRecord]? { try receiver.nextBatch(from: channel) }

    private static func work(_ source: any IncomingRecordCursor, _ channel: BoundedChannel<[KeyedRecord]>) {
        // Batches of a chunk: the store takes each as its chunk, records uncopied.
        var sender = BatchSender<KeyedRecord>(size: SQLStore.defaultChunkSize)
        var memo = ReferenceKeyMemo()
        do {
            while let record = try source.next() {
                let keys = record.hasErrors ? nil : RecordKeys.withValues(record, memo: &memo)
                guard sender.send(KeyedRecord(record: record, keys: keys), to: channel) else { return }
            }
            guard sender.flush(to: channel) else { return }
            channel.close()
        } catch {
            channel.close(error: error)
        }
    }

    /// Moves the source cursor (a class that is not Sendable) to the worker: after `init` only
    /// the worker touches it, so no state is shared.
    private final class Handover: @unchecked Sendable {
        let source: any IncomingRecordCursor
        public init(_ source: any IncomingRecordCursor) { self.source = source }
    }
}
