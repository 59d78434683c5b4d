import Foundation
import MentorBase
import MentorStore
import Testing

/// Counts how often the store asks for a checksum still being computed, and what it answers.
final class ChecksumProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    let answer: String?

    /// `answer` nil: the checksum cannot be had (the file could not be read to the end).
    init(_ answer: String?) { self.answer = answer }

    var asked: Int { lock.withLock { calls } }

    func value() throws -> String {
        lock.withLock { calls += 1 }
        guard let answer else { throw TestFailure("the file could not be read") }
        return answer
    }
}

/// The checksum of an import is asked for only when the store needs it (`checksumSource`).
@Suite struct LazyChecksumTests {
    func lazyRequest(_ file: RecordFile, _ probe: ChecksumProbe, recheck: Bool = false) -> ImportRequest {
        var r = request(file.name, file.kind, checksum: "not-this", recheck: recheck)
        r.checksumSource = { try probe.value() }
        return r
    }

    @Test(arguments: Backend.enabled)
    func anEmptyStoreAsksOnceAtTheEndAndRecordsIt(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let probe = ChecksumProbe("sum-1")
        let r = try store.importRecords(lazyRequest(School.mentees, probe), from: ArrayCursor(School.mentees.records))
        #expect(r.batchID != nil)
        #expect(probe.asked == 1, "asked once, to record it")
        #expect(try store.batches().map(\.checksum) == ["sum-1"])
        // The same bytes again: the store compares (asking once more) and changes nothing.
        let again = ChecksumProbe("sum-1")
        let second = try store.importRecords(lazyRequest(School.mentees, again), from: ArrayCursor(School.mentees.records))
        #expect(second.isNoOp && second.alreadyImportedIn == r.batchID)
        #expect(again.asked == 1)
        // Other bytes: compared, then imported row by row; the new checksum is recorded.
        let other = ChecksumProbe("sum-2")
        let third = try store.importRecords(lazyRequest(School.mentees, other), from: ArrayCursor(School.mentees.records))
        #expect(third.alreadyImportedIn == nil && third.count(.unchanged) == School.mentees.records.count)
        #expect(other.asked == 1, "asked for the comparison, then remembered for the record")
    }

    @Test(arguments: Backend.enabled)
    func aDryRunIntoAnEmptyStoreNeverAsks(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        let probe = ChecksumProbe(nil)
        var req = lazyRequest(School.mentees, probe)
        req.dryRun = true
        let r = try store.importRecords(req, from: ArrayCursor(School.mentees.records))
        #expect(r.dryRun && r.batchID == nil && r.count(.new) == School.mentees.records.count)
        #expect(probe.asked == 0, "nothing to compare with, nothing to record")
        #expect(try store.batches().isEmpty)
    }

    @Test(arguments: Backend.enabled)
    func aChecksumThatFailsRollsTheImportBack(_ backend: Backend) throws {
        let store = try backend.makeStore()
        defer { store.close() }
        try importRecords(store, School.mentors)
        let before = try dump(store)
        let batches = try store.batches().count
        let probe = ChecksumProbe(nil)
        #expect(throws: (any Error).self) {
            try store.importRecords(lazyRequest(School.mentees, probe), from: ArrayCursor(School.mentees.records))
        }
        #expect(probe.asked == 1)
        #expect(try dump(store) == before)
        #expect(try store.batches().count == batches)
    }
}
