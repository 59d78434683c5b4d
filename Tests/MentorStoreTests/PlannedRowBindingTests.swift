import Foundation
import MentorBase
@testable import MentorStore
import Testing

/// An import's rows are bound straight from its plans (the id, the record's values, the
/// provenance), their texts copied into a scratch buffer that grows with the rows (a row whose
/// texts do not fit is staged again once it has grown). Whatever path a value takes, the rows
/// stored must be those the general path (one array per row) stores.
@Suite struct PlannedRowBindingTests {
    static let columns = ["id", "a", "b", "c", "created_batch", "src_sheet", "src_row"]

    /// Rows whose texts grow past the buffer, shrink, and grow again, with NULLs and empty texts.
    static let rows: [(id: Int64, values: [StoredValue?], sheet: String?, row: Int?)] = (0..<60).map { i in
        let size = i == 32 ? 20_000 : (i * 37) % 3000
        let a: StoredValue? = i % 7 == 3 ? nil : .text(String(repeating: i % 2 == 0 ? "Ж" : "q", count: size))
        let b: StoredValue? = i % 3 == 0 ? nil : .integer(Int64(i * 1000))
        let c: StoredValue? = i % 5 == 0 ? .text("") : .text("Котов \(i)")
        return (Int64(i + 1), [a, b, c], i % 2 == 0 ? "Лист \(i)" : nil, i % 4 == 0 ? nil : i + 2)
    }

    /// `rows` as the plans of a chunk, one insert each (every second plan with an update before it).
    static func planned(batchID: Int64) -> PlannedRows {
        var plans: [RecordPlan] = []
        var refs: [PlannedRows.Ref] = []
        for (i, r) in rows.enumerated() {
            var writes: [EntityWrite] = []
            if i % 2 == 1 {
                writes.append(EntityWrite(table: .people, id: 99, personID: 99,
                                          action: .update([FieldChange(column: "a", old: nil, new: .text("z"))])))
            }
            refs.append(PlannedRows.Ref(plan: Int32(plans.count), write: Int32(writes.count)))
            writes.append(EntityWrite(table: .people, id: r.id, personID: r.id,
                                      action: .insert(InsertedRow(columns: ["a", "b", "c"], values: r.values))))
            plans.append(RecordPlan(location: SourceLocation(sheet: r.sheet, row: r.row), outcome: .new, label: "",
                                    writes: writes))
        }
        return PlannedRows(plans: plans, refs: refs, batchID: batchID)
    }

    func stored(_ session: any SQLSession, _ table: String) throws -> [[StoredValue?]] {
        try session.rows("SELECT \(Self.columns.joined(separator: ", ")) FROM \(table) ORDER BY id").map(\.values)
    }

    @Test func plannedRowsAreStoredAsTheirArrays() throws {
        let db = try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path)
        defer { db.close() }
        // The layout: the id, the record's values, then the batch, the sheet and the row.
        let expected = Self.rows.map { r -> [StoredValue?] in
            [.integer(r.id)] + r.values + [.integer(7), r.sheet.map(StoredValue.text), r.row.map { .integer(Int64($0)) }]
        }
        let planned = Self.planned(batchID: 7)
        let (lentRows, plainRows, generalRows) = try db.writeTransaction {
            session -> (([[StoredValue?]], [[StoredValue?]], [[StoredValue?]]), commit: Bool) in
            for t in ["t", "u", "v"] {
                try session.execute("""
                    CREATE TEMP TABLE \(t) (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT, created_batch INTEGER,
                                            src_sheet TEXT, src_row INTEGER)
                    """, [])
            }
            // The transaction's own session and a lent one share the binding; the general path
            // builds an array per row.
            try session.insertRows(table: "u", columns: Self.columns, planned: planned)
            try session.insertRows(table: "v", columns: Self.columns, rows: expected)
            let lent = try #require((session as? any LendingSQLSession)?.lend())
            try lent.insertRows(table: "t", columns: Self.columns, planned: planned)
            lent.close()
            return ((try stored(session, "t"), try stored(session, "u"), try stored(session, "v")), false)
        }
        #expect((0..<planned.count).map { planned.values($0) } == expected)
        #expect(generalRows == expected)
        #expect(lentRows == expected)
        #expect(plainRows == expected)
        #expect(lentRows.count == 60)
        #expect(lentRows[32][1]?.textValue?.count == 20_000)
    }

    @Test func aRowOfTheWrongSizeIsRefused() throws {
        let db = try SQLiteBackend(path: try temporaryFolder().appendingPathComponent("s.sqlite").path)
        defer { db.close() }
        #expect(throws: MentorBaseError.self) {
            _ = try db.writeTransaction { session -> (Int, commit: Bool) in
                try session.execute("CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, a TEXT, created_batch INTEGER, src_sheet TEXT, src_row INTEGER)", [])
                let plan = RecordPlan(location: SourceLocation(), outcome: .new, label: "", writes: [
                    EntityWrite(table: .people, id: 1, personID: 1,
                                action: .insert(InsertedRow(columns: ["a", "b"], values: [.text("x"), .text("y")]))),
                ])
                try session.insertRows(table: "t", columns: ["id", "a", "created_batch", "src_sheet", "src_row"],
                                       planned: PlannedRows(plans: [plan], refs: [.init(plan: 0, write: 0)], batchID: 1))
                return (0, false)
            }
        }
    }

    @Test func outcomesCountInTheOrderOfAllCases() {
        #expect(RecordPlan.Outcome.allCases.map(\.index) == Array(RecordPlan.Outcome.allCases.indices))
    }
}
