import Foundation
import MentorBase
@testable import MentorStore
import Testing

/// The SQLite session without its lending: an import over it writes each chunk as soon as it is
/// planned (the sequential path), the reference the write-behind must agree with at the SAME
/// chunk size (a different chunk size may legitimately decide differently).
private final class PlainSession: SQLSession {
    let s: any SQLSession
    init(_ s: any SQLSession) { self.s = s }
    var dialect: SQLDialect { s.dialect }
    func execute(_ sql: String, _ args: [StoredValue?]) throws -> Int { try s.execute(sql, args) }
    func query(_ sql: String, _ args: [StoredValue?], _ body: (SQLRow) throws -> Void) throws {
        try s.query(sql, args, body)
    }
    func insertRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        try s.insertRows(table: table, columns: columns, rows: rows)
    }
    func insertRows(table: String, columns: [String], planned rows: PlannedRows) throws {
        try s.insertRows(table: table, columns: columns, planned: rows)
    }
    func updateRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        try s.updateRows(table: table, columns: columns, rows: rows)
    }
}

private final class SequentialBackend: SQLBackend {
    let inner: SQLiteBackend
    init(_ inner: SQLiteBackend) { self.inner = inner }
    var location: String { inner.location }
    var dialect: SQLDialect { inner.dialect }
    func writeTransaction<T>(_ body: (any SQLSession) throws -> (T, commit: Bool)) throws -> T {
        try inner.writeTransaction { try body(PlainSession($0)) }
    }
    func readTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try inner.readTransaction { try body(PlainSession($0)) }
    }
    func schemaVersion() throws -> Int { try inner.schemaVersion() }
    func close() { inner.close() }
}

@Suite struct WriteBehindReviewTests {
    static let asOf = CalendarDate(iso: "2025-01-10")

    static let first = ["Илья", "Полина", "Олег", "Анна", "Пётр", "Мария", "Глеб", "Вера"]
    static let last = ["Котов", "Миронова", "Белов", "Зайцева", "Орлов", "Лебедева", "Сомов", "Титова"]

    /// Person `k`'s name: full, or initials only (a reference written short).
    static func name(_ k: Int, short: Bool = false) -> FieldInput {
        let k = k % first.count
        let patronymic = last[k].hasSuffix("а") ? "Сергеевна" : "Андреевич"
        if short { return Rows.name("\(last[k]) \(first[k].prefix(1)). \(patronymic.prefix(1)).") }
        return Rows.name("\(last[k]) \(first[k]) \(patronymic)")
    }

    static func born(_ k: Int) -> FieldInput { Rows.date("2009-0\(k % 8 + 1)-1\(k % 8)") }

    /// Every kind, people coming back across chunk boundaries, short names that later get full,
    /// group pairings by code, consents revoked, questionnaires out of order.
    static var files: [RecordFile] {
        var mentors: [IncomingRecord] = []
        for i in 0..<12 {
            let k = (i * 3) % 8
            var f: [String: FieldInput] = ["fullName": name(k, short: i % 5 == 4), "birthDate": Rows.date("198\(k)-02-0\(k + 1)"),
                                           "mentorCategory": .code("teacher"), "form": .code("teacher_student"),
                                           "menteeNames": .list([name(k + 1, short: i % 2 == 0), name(k + 2)]),
                                           "startDate": Rows.date(i < 6 ? "2024-09-01" : "2024-10-01")]
            if i % 3 == 1 { f["organization"] = .text("школа \(i % 2)") }
            if i % 4 == 3 { f["endDate"] = Rows.date("2024-12-20") }
            mentors.append(Rows.row(.mentors, "m.csv", i + 2, f))
        }
        var mentees: [IncomingRecord] = []
        for i in 0..<20 {
            let k = (i * 5) % 8
            var f: [String: FieldInput] = ["fullName": name(k, short: i % 7 == 6), "birthDate": born(k),
                                           "className": .text(i < 10 ? "7Б" : "8Б"),
                                           "mentorName": name((i / 3) % 8, short: i % 4 == 0),
                                           "form": .code("teacher_student"),
                                           "startDate": Rows.date(i % 2 == 0 ? "2024-09-01" : "2024-10-01")]
            if i % 5 == 2 { f["endDate"] = Rows.date("2024-12-2\(i % 3)") }
            mentees.append(Rows.row(.mentees, "e.csv", i + 2, f))
        }
        var consents: [IncomingRecord] = []
        for i in 0..<14 {
            let k = (i * 3) % 8
            var f: [String: FieldInput] = ["fullName": name(k), "birthDate": born(k), "signerRole": .code("self"),
                                           "signedOn": Rows.date("2024-08-2\(i % 3)"), "processing": .boolean(true)]
            if i % 4 == 3 { f["revokedOn"] = Rows.date("2024-12-01") }
            consents.append(Rows.row(.consents, "c.csv", i + 2, f))
        }
        var pairs: [IncomingRecord] = []
        for i in 0..<14 {
            var f: [String: FieldInput] = ["pairId": .text("P-\(i % 4)"), "mentorName": name(i % 3 + 5),
                                           "menteeNames": .list([name(i % 8, short: i % 3 == 0)]),
                                           "form": .code("teacher_student"), "startDate": Rows.date("2024-11-01")]
            if i % 5 == 4 { f["order"] = .text("Приказ \(i)") }
            pairs.append(Rows.row(.pairs, "p.csv", i + 2, f))
        }
        var answers: [IncomingRecord] = []
        for i in 0..<14 {
            let k = (i * 3) % 5
            answers.append(Rows.row(.menteeQuestionnaire, "q.csv", i + 2, [
                "submittedAt": Rows.at("2024-08-1\(9 - i % 7)T09:00:00"), "fullName": name(k), "birthDate": born(k),
                "request": .text("вариант \(i)")]))
        }
        return [RecordFile(name: "m.csv", kind: .mentors, records: mentors),
                RecordFile(name: "e.csv", kind: .mentees, records: mentees),
                RecordFile(name: "c.csv", kind: .consents, records: consents),
                RecordFile(name: "p.csv", kind: .pairs, records: pairs),
                RecordFile(name: "q.csv", kind: .menteeQuestionnaire, records: answers),
                RecordFile(name: "e.csv", kind: .mentees, records: mentees.reversed()),
                RecordFile(name: "m.csv", kind: .mentors, records: mentors.reversed())]
    }

    func run(sequential: Bool, chunkSize: Int, policy: ConflictPolicy) throws -> (dump: String, reports: [String]) {
        let path = try temporaryFolder().appendingPathComponent("s.sqlite").path
        let real = try SQLiteBackend(path: path)
        let s = SQLStore(backend: sequential ? SequentialBackend(real) : real, chunkSize: chunkSize)
        var reports: [String] = []
        for (n, f) in Self.files.enumerated() {
            var req = request(f.name, f.kind, checksum: "\(n)", dryRun: n == 3, policy: policy, acceptValid: true)
            req.asOf = Self.asOf
            let r = try s.importRecords(req, from: ArrayCursor(f.records))
            reports.append("\(r.count(.new)) \(r.count(.updated)) \(r.count(.unchanged)) \(r.count(.conflicting)) "
                           + r.diagnostics.items.map { "\($0.code)@\($0.location.row ?? 0):\($0.message.en)" }.joined(separator: "; ")
                           + " plans: " + r.plans.map { "\($0.location.row ?? 0)=\($0.outcome)" }.joined(separator: ","))
        }
        s.close()
        let again = SQLStore(backend: try SQLiteBackend(path: path))
        defer { again.close() }
        // Every table row by row, ids and the change log included (not only the content dump).
        var raw: [String] = []
        try again.backend.readTransaction { t in
            for table in EntityTable.allCases.map(\.rawValue) + ["change_log"] {
                for r in try t.rows("SELECT * FROM \(table) ORDER BY id") {
                    raw.append(table + " " + r.values.map { $0?.logText ?? "-" }.joined(separator: "|"))
                }
            }
        }
        #expect(raw.contains { $0.hasPrefix("change_log ") }, "updates were logged")
        return (try dump(again) + "\n" + raw.joined(separator: "\n"), reports)
    }

    @Test(arguments: [ConflictPolicy.replace, .keep])
    func writeBehindAgreesWithSequentialAtTheSameChunkSize(_ policy: ConflictPolicy) throws {
        for size in [1, 2, 3, 5, 7] {
            let seq = try run(sequential: true, chunkSize: size, policy: policy)
            let wb = try run(sequential: false, chunkSize: size, policy: policy)
            #expect(wb.dump == seq.dump, "chunk size \(size)")
            for (i, (a, b)) in zip(wb.reports, seq.reports).enumerated() {
                #expect(a == b, "chunk size \(size), file \(i)")
            }
        }
    }
}

/// A cursor that fails after `after` records (a validator stopping mid-file).
private final class FailingCursor: IncomingRecordCursor {
    struct Stop: Error {}
    var records: [IncomingRecord]
    var after: Int
    init(_ records: [IncomingRecord], after: Int) { self.records = records; self.after = after }
    func next() throws -> IncomingRecord? {
        if after == 0 { throw Stop() }
        after -= 1
        return records.isEmpty ? nil : records.removeFirst()
    }
}

extension WriteBehindReviewTests {
    @Test func aCursorFailingWhileAChunkIsWrittenRollsBackAndLeavesTheStoreUsable() throws {
        let path = try temporaryFolder().appendingPathComponent("s.sqlite").path
        let s = SQLStore(backend: try SQLiteBackend(path: path), chunkSize: 2)
        defer { s.close() }
        try importRecords(s, School.mentors)
        let before = try dump(s)
        let mentees = Self.files[1]
        for after in [3, 4, 5, 9] {
            do {
                _ = try s.importRecords(request(mentees.name, mentees.kind, acceptValid: true),
                                        from: FailingCursor(mentees.records, after: after))
                Issue.record("the cursor's failure did not stop the import")
            } catch {
                #expect(error is FailingCursor.Stop, "the cursor's own error reaches the caller: \(error)")
            }
            #expect(try dump(s) == before, "after \(after) records")
        }
        #expect(try importRecords(s, mentees, acceptValid: true).stop == nil, "the store takes imports again")
        #expect(try dump(s) != before)
    }
}
