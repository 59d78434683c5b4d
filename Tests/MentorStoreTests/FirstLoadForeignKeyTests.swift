import Foundation
import MentorBase
@testable import MentorStore
import Testing

/// A first load into an empty SQLite store checks its foreign keys once, before it commits,
/// instead of row by row: a dangling reference must still stop it, with nothing written, and
/// the store must check row by row again afterwards.
@Suite struct FirstLoadForeignKeyTests {
    func insertDangling(_ s: any SQLSession, batch: Int64) throws {
        _ = try s.execute("""
            INSERT INTO import_batches (id, file_name, checksum, kind, started_at, status)
            VALUES (?, 'f.csv', 'x', 'mentees', '2025-01-15T10:00:00', 'applied')
            """, [.integer(batch)])
        // A membership of a pairing and a person that do not exist.
        _ = try s.execute("""
            INSERT INTO pairing_members (id, pairing_id, person_id, created_batch) VALUES (1, 999, 998, ?)
            """, [.integer(batch)])
    }

    func count(_ db: SQLiteBackend, _ table: String) throws -> Int64 {
        try db.readTransaction { s in try s.scalar("SELECT count(*) FROM \(table)")?.integerValue ?? -1 }
    }

    @Test func aDanglingReferenceStopsAFirstLoadAtTheEnd() throws {
        let db = try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path)
        defer { db.close() }
        db.firstLoadHint = true
        var reachedTheEnd = false
        #expect {
            try db.writeTransaction { s -> (Void, commit: Bool) in
                try insertDangling(s, batch: 1)
                // Row by row nothing was refused: the check comes before the commit.
                reachedTheEnd = true
                return ((), true)
            }
        } throws: { error in
            "\(error)".contains("pairing_members") && "\(error)".contains("nothing was written")
                || "\(error)".contains("ничего не записано")
        }
        #expect(reachedTheEnd)
        #expect(try count(db, "pairing_members") == 0)
        #expect(try count(db, "import_batches") == 0)
    }

    @Test func afterAFirstLoadReferencesAreCheckedRowByRowAgain() throws {
        let db = try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path)
        defer { db.close() }
        // A first load that commits: an import of the sample school.
        db.firstLoadHint = true
        let store = SQLStore(backend: db)
        let report = try importRecords(store, School.mentors)
        #expect(report.batchID != nil)
        // The store has people now: no first load, the insert itself is refused.
        db.firstLoadHint = true
        var refusedAt: String?
        do {
            try db.writeTransaction { s -> (Void, commit: Bool) in
                do {
                    try insertDangling(s, batch: 2)
                } catch {
                    refusedAt = "insert"
                    throw error
                }
                return ((), true)
            }
        } catch {}
        #expect(refusedAt == "insert")
        #expect(try count(db, "pairing_members WHERE pairing_id = 999") == 0)
        #expect(try count(db, "import_batches") == 1)
    }
}
