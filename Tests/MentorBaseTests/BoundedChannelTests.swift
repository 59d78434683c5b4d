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
}
