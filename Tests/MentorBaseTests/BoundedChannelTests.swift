import Foundation
import MentorBase
import Testing

@Suite struct BoundedChannelTests {
    @Test func deliversEverythingInOrderThenTheError() throws {
        struct Boom: Error {}
        let channel = BoundedChannel<Int>(capacity: 3)
        let producer = Thread {
            for i in 0..<10_000 { channel.put(i) }
            channel.close(error: Boom())
        }
        producer.start()
        var got: [Int] = []
        do {
            while let x = try channel.take() { got.append(x) }
            Issue.record("the error must come after the elements")
        } catch is Boom {
            #expect(got == Array(0..<10_000))
        }
    }

    @Test func cancelUnblocksTheProducer() throws {
        let channel = BoundedChannel<Int>(capacity: 1)
        let done = BoundedChannel<Bool>(capacity: 1)
        let producer = Thread {
            var i = 0
            while channel.put(i) { i += 1 }
            done.put(true)
            done.close()
        }
        producer.start()
        #expect(try channel.take() == 0)
        channel.cancel()
        #expect(try done.take() == true)
    }

    /// A batch taken from the channel is the taker's alone: the same buffer that was put, which
    /// changes in place (no copy of its elements). A batch begun element by element is handed out
    /// from where it stands.
    @Test func wholeBatchesAreHandedOverUncopied() throws {
        let channel = BoundedChannel<[Int]>(capacity: 4)
        var batch = Array(0..<1000)
        let address = batch.withUnsafeBufferPointer { $0.baseAddress }
        channel.put(batch)
        batch = []
        channel.put([1000, 1001, 1002])
        channel.put([1003])
        channel.close()
        var receiver = BatchReceiver<Int>()
        var first = try #require(try receiver.nextBatch(from: channel))
        #expect(first.withUnsafeBufferPointer { $0.baseAddress } == address)
        first[0] = -1
        #expect(first.withUnsafeBufferPointer { $0.baseAddress } == address, "changed in place")
        #expect(first.count == 1000 && first[999] == 999)
        #expect(try receiver.next(from: channel) == 1000)
        #expect(try receiver.nextBatch(from: channel) == [1001, 1002])
        #expect(try receiver.nextBatch(from: channel) == [1003])
        #expect(try receiver.nextBatch(from: channel) == nil)
    }
}
