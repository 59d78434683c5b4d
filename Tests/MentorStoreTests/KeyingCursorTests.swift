import Foundation
import MentorBase
import MentorStore
import Testing

/// The canonical import reads and keys its table on a worker thread (``KeyingCursor``): the store
/// must end up exactly as when the store's own thread reads the table and computes the keys.
@Suite struct KeyingCursorTests {
    /// A canonical mentee table: mentors named again and again, a person twice (an update), a
    /// row with a value that does not parse (rejected), enough rows for many hand-overs.
    static func table(rows: Int) -> MemoryTable {
        var data: [[Cell]] = [[.text("fullName"), .text("birthDate"), .text("className"), .text("phones"),
                               .text("mentorName"), .text("form"), .text("startDate")]]
        for i in 0..<rows {
            let n = i % (rows - 40)  // the last 40 rows repeat earlier people with another class
            data.append([.text("Ученик\(n) Иван Тестович"), .text("2010-0\(1 + n % 9)-1\(n % 10)"),
                         .text("\(5 + i % 6)Б"), .text(i == 77 ? "8 916 12" : "+7916\(1_000_000 + n)"),
                         .text("Наставник\(n % 13) Пётр Иванович"), .text("student_student"), .text("2024-09-01")])
        }
        return MemoryTable(data)
    }

    @Test func keyingOnAWorkerGivesTheSameStoreAndReport() throws {
        let dir = try temporaryFolder()
        var dumps: [String] = []
        var reports: [ImportReport] = []
        for keyed in [false, true] {
            let store = try StoreOpener.open(dir.appendingPathComponent("k\(keyed).sqlite").path)
            defer { store.close() }
            let table = try CanonicalTable(reader: KeyingCursorTests.table(rows: 3_000), kind: .mentees, file: "t.csv")
            let cursor: any IncomingRecordCursor = keyed ? KeyingCursor(table) : table
            reports.append(try store.importRecords(request("t.csv", .mentees, acceptValid: true), from: cursor))
            dumps.append(try dump(store))
        }
        #expect(dumps[0] == dumps[1])
        #expect(reports[0].counts == reports[1].counts)
        #expect(reports[0].counts[.rejected] == 1 && reports[0].counts[.updated, default: 0] > 0)
        #expect(reports[0].diagnostics.items.map(\.code) == reports[1].diagnostics.items.map(\.code))
        #expect(reports[0].diagnostics.items.map(\.location.row) == reports[1].diagnostics.items.map(\.location.row))
    }

    /// A re-import of the same file is a no-op that takes no record at all while the worker reads
    /// ahead: `finish()` returns only when the worker has let go of the source.
    @Test func finishWaitsForTheWorkerAfterANoOp() throws {
        final class Counting: IncomingRecordCursor, @unchecked Sendable {
            let inner: CanonicalTable
            let lock = NSLock()
            private var n = 0
            var count: Int { lock.withLock { n } }
            init(_ inner: CanonicalTable) { self.inner = inner }
            func next() throws -> IncomingRecord? {
                lock.withLock { n += 1 }
                return try inner.next()
            }
        }
        let dir = try temporaryFolder()
        let store = try StoreOpener.open(dir.appendingPathComponent("n.sqlite").path)
        defer { store.close() }
        func table() throws -> CanonicalTable {
            try CanonicalTable(reader: KeyingCursorTests.table(rows: 20_000), kind: .mentees, file: "t.csv")
        }
        let first = KeyingCursor(try table())
        _ = try store.importRecords(request("t.csv", .mentees, acceptValid: true), from: first)
        first.finish()
        let source = Counting(try table())
        let again = KeyingCursor(source)
        let report = try store.importRecords(request("t.csv", .mentees, acceptValid: true), from: again)
        #expect(report.alreadyImportedIn != nil)
        again.finish()
        let read = source.count
        usleep(100_000)
        #expect(source.count == read, "the worker still reads after finish()")
        #expect(read < 20_000, "the worker stops early instead of reading the whole table")
    }

    /// A source that fails part-way: the store sees the source's own error and keeps nothing.
    @Test func aFailingSourceReachesTheStoreAsItsOwnError() throws {
        struct Broken: Error {}
        final class Failing: IncomingRecordCursor {
            let inner: CanonicalTable
            var left = 1_000
            init(_ inner: CanonicalTable) { self.inner = inner }
            func next() throws -> IncomingRecord? {
                left -= 1
                if left < 0 { throw Broken() }
                return try inner.next()
            }
        }
        let dir = try temporaryFolder()
        let store = try StoreOpener.open(dir.appendingPathComponent("f.sqlite").path)
        defer { store.close() }
        let table = try CanonicalTable(reader: KeyingCursorTests.table(rows: 3_000), kind: .mentees, file: "t.csv")
        #expect(throws: Broken.self) {
            try store.importRecords(request("t.csv", .mentees), from: KeyingCursor(Failing(table)))
        }
        #expect(try store.batches().isEmpty)
        #expect(try dump(store) == "")
    }
}
