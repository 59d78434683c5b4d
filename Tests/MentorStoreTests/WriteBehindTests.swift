import Foundation
import MentorBase
@testable import MentorStore
import Testing

/// An import writes each chunk while it plans the next, so a chunk's prefetch may read the store
/// before the chunk before it is written (SQLite). It must then decide exactly what it would have
/// decided with that chunk written: the store and the report are the same whatever the chunk size,
/// from one row per chunk (every row's reads wait on, or go around, the previous row's writes) to
/// the whole file in one chunk (no write-behind at all).
@Suite struct WriteBehindTests {
    /// A store of `chunkSize` rows per chunk.
    func store(_ backend: Backend, chunkSize: Int) throws -> SQLStore {
        switch backend {
        case .sqlite:
            return SQLStore(backend: try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path),
                            chunkSize: chunkSize)
        case .postgres:
            let any = try backend.makeStore()
            guard let s = any as? SQLStore else { throw TestFailure("not a SQL store") }
            return SQLStore(backend: s.backend, chunkSize: chunkSize)
        }
    }

    /// Mentee rows in which people come back a few rows later, changed or not, under their
    /// initials or with day and month swapped; mentors appear mid-file, start new groups, and a
    /// mentee of one row is the mentor of a later one.
    static let mentees: RecordFile = {
        let first = ["Илья", "Полина", "Олег", "Анна", "Пётр", "Мария", "Глеб"]
        let last = ["Котов", "Миронова", "Белов", "Зайцева", "Орлов", "Лебедева", "Сомов"]
        let mentors = ["Лебедева Дарья Олеговна", "Кузнецов Андрей Сергеевич", "Котов Илья Андреевич"]
        var rows: [IncomingRecord] = []
        for i in 0..<84 {
            let k = (i * 5) % 7
            let patronymic = last[k].hasSuffix("а") ? "Сергеевна" : "Андреевич"
            var name = "\(last[k]) \(first[k]) \(patronymic)"
            var birth = "2010-0\(k + 1)-1\(k)"
            if i % 11 == 10 { name = "\(last[k]) \(first[k].prefix(1)). \(patronymic.prefix(1))." }
            if i % 13 == 12 { birth = "2010-1\(k % 3)-0\(k + 1)" }
            var f: [String: FieldInput] = [
                "fullName": Rows.name(name), "birthDate": Rows.date(birth),
                "className": .text(i < 40 ? "7Б" : "8Б"),
                "mentorName": Rows.name(mentors[(i / 9) % mentors.count]),
                "form": .code(i % 3 == 0 ? "student_student" : "teacher_student"),
                "startDate": Rows.date(i < 50 ? "2024-09-01" : "2025-01-15"),
            ]
            if i % 4 == 1 { f["phones"] = .list([.phone("+7916111\(String(format: "%04d", i))")]) }
            if i % 17 == 5 { f["endDate"] = Rows.date("2025-05-30") }
            rows.append(Rows.row(.mentees, "wb.csv", i + 2, f))
        }
        return RecordFile(name: "wb.csv", kind: .mentees, records: rows)
    }()

    /// The report as compared: counts and every diagnostic.
    func summary(_ r: ImportReport) -> String {
        "\(r.count(.new)) \(r.count(.updated)) \(r.count(.unchanged)) \(r.count(.conflicting)) \(r.count(.rejected)) "
            + r.diagnostics.items.map { "\($0.code)@\($0.location.row ?? 0):\($0.message.en)" }.joined(separator: "; ")
    }

    func importAll(_ files: [RecordFile], backend: Backend, chunkSize: Int) throws -> (dump: String, reports: [String]) {
        let s = try store(backend, chunkSize: chunkSize)
        defer { s.close() }
        var reports: [String] = []
        for f in files {
            reports.append(summary(try importRecords(s, f, policy: .replace, acceptValid: true)))
        }
        return (try dump(s), reports)
    }

    @Test(arguments: Backend.enabled)
    func theStoreAndReportDoNotDependOnTheChunkSize(_ backend: Backend) throws {
        // The school's files first (consents, pairs, questionnaires: the store-rule prefetches),
        // then the mentee rows twice (the second time against everything the first wrote).
        let files = School.all + [Self.mentees, Self.mentees, School.revocation, Self.mentees]
        let whole = try importAll(files, backend: backend, chunkSize: 100_000)
        #expect(whole.dump.contains("Лебедева"))
        #expect(!whole.reports[School.all.count].hasPrefix("0 0 "), "the mentee rows make or change something")
        #expect(whole.reports[School.all.count].contains("review"), "and some are review candidates")
        for size in [1, 2, 3, 7] {
            let chunked = try importAll(files, backend: backend, chunkSize: size)
            #expect(chunked.dump == whole.dump, "chunk size \(size)")
            #expect(chunked.reports == whole.reports, "chunk size \(size)")
        }
    }

    @Test func aFailedWriteBehindRollsTheImportBack() throws {
        // A chunk whose insert fails on the writer's thread (a people row without its NOT NULL
        // name key, forced by a trigger) must fail the import and leave the store as it was.
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("s.sqlite").path
        let s = SQLStore(backend: try SQLiteBackend(path: path), chunkSize: 2)
        try importRecords(s, School.mentors)
        let before = try dump(s)
        s.close()
        let db = try SQLiteBackend(path: path)
        _ = try db.writeTransaction { session -> (Int, commit: Bool) in
            try session.execute("""
                CREATE TRIGGER refuse_eighth BEFORE INSERT ON people WHEN (SELECT count(*) FROM people) >= 8
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """, [])
            return (0, true)
        }
        db.close()
        let again = SQLStore(backend: try SQLiteBackend(path: path), chunkSize: 2)
        defer { again.close() }
        do {
            try importRecords(again, Self.mentees, acceptValid: true)
            Issue.record("the import went through the trigger")
        } catch {
            #expect("\(error)".contains("refused by the test"), "the writer's own error: \(error)")
        }
        #expect(try dump(again) == before)
        #expect(try importRecords(again, School.consents).stop == nil, "the store takes imports again")
    }

    @Test func aLentSessionWritesAndReadsWithBoundTexts() throws {
        let db = try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path)
        defer { db.close() }
        let read = try db.writeTransaction { session -> ([String], commit: Bool) in
            let lent = try #require((session as? any LendingSQLSession)?.lend())
            defer { lent.close() }
            try lent.execute("CREATE TEMP TABLE t (a TEXT, b INTEGER)", [])
            for (i, a) in ["Котов", "", "Лебедева Дарья"].enumerated() {
                #expect(try lent.execute("INSERT INTO t (a, b) VALUES (?, ?)", [.text(a), .integer(Int64(i))]) == 1)
            }
            var out: [String] = []
            try lent.query("SELECT a || ':' || b FROM t WHERE a <> ? ORDER BY b", [.text("Котов")]) { out.append($0.text(0) ?? "-") }
            try lent.query("SELECT count(*) FROM t", []) { out.append($0.text(0) ?? "-") }
            return (out, false)
        }
        #expect(read == [":1", "Лебедева Дарья:2", "3"])
    }
}
