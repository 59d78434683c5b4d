import MentorBase

/// The SQL spoken by a backend; the schema and queries differ only in a few tokens.
enum SQLDialect: Sendable {
    case sqlite, postgres
}

/// One row of a query result, values in the order of the query's columns.
struct SQLRow {
    var values: [StoredValue?]

    subscript(_ i: Int) -> StoredValue? { i < values.count ? values[i] : nil }

    func int(_ i: Int) -> Int64? { self[i]?.integerValue }

    func text(_ i: Int) -> String? { self[i]?.logText }
}

/// A connection inside a transaction: what the store's logic runs on, for either backend.
///
/// SQL is written with `?` placeholders; the PostgreSQL session numbers them.
protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ args: [StoredValue?]) throws -> Int
    /// Runs a query and hands each row to `body`.
    func query(_ sql: String, _ args: [StoredValue?], _ body: (SQLRow) throws -> Void) throws
    /// Inserts many rows fast (a prepared statement in SQLite, unnested arrays in PostgreSQL).
    func insertRows(table: String, columns: [String], rows: [[StoredValue?]]) throws
    /// The same for rows an import planned, read where the plans hold them; `columns` names the
    /// id, the record's values, then `Schema.provenanceColumns` (the batch, sheet and row).
    func insertRows(table: String, columns: [String], planned rows: PlannedRows) throws
    /// Sets `columns` of many rows by id: each row is the id followed by the new values.
    func updateRows(table: String, columns: [String], rows: [[StoredValue?]]) throws
}

extension SQLSession {
    /// Builds each row's array (a backend whose rows cost a round trip, not an array, each).
    func insertRows(table: String, columns: [String], planned rows: PlannedRows) throws {
        var all: [[StoredValue?]] = []
        all.reserveCapacity(rows.count)
        for i in 0..<rows.count { all.append(rows.values(i)) }
        try insertRows(table: table, columns: columns, rows: all)
    }

    /// One prepared UPDATE per row (SQLite: no round trips to save).
    func updateRows(table: String, columns: [String], rows: [[StoredValue?]]) throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let sql = "UPDATE \(table) SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?"
        for r in rows where !r.isEmpty {
            try execute(sql, Array(r.dropFirst()) + [r[0]])
        }
    }

    /// All rows of a query.
    func rows(_ sql: String, _ args: [StoredValue?] = []) throws -> [SQLRow] {
        var out: [SQLRow] = []
        try query(sql, args) { out.append($0) }
        return out
    }

    /// The first column of the first row.
    func scalar(_ sql: String, _ args: [StoredValue?] = []) throws -> StoredValue? {
        var out: StoredValue?
        var seen = false
        try query(sql, args) { row in
            if !seen { out = row[0]; seen = true }
        }
        return out
    }
}

/// What a backend offers the store: transactions on one connection.
protocol SQLBackend: AnyObject {
    /// Where the store is (no password).
    var location: String { get }
    var dialect: SQLDialect { get }
    /// Runs `body` in a transaction that excludes every other writer of the store (an import,
    /// an undo, a purge); commits when `body` says so, rolls back otherwise or when it throws.
    func writeTransaction<T>(_ body: (any SQLSession) throws -> (T, commit: Bool)) throws -> T
    /// Runs `body` in a read transaction (one consistent snapshot).
    func readTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// The schema version after migrating.
    func schemaVersion() throws -> Int
    func close()
}

/// `?, ?, ?` for `n` values.
func placeholders(_ n: Int) -> String {
    Array(repeating: "?", count: n).joined(separator: ",")
}

/// A store failure as the command line reports it (exit 3).
func storeError(_ location: String, _ what: String, _ error: any Error) -> MentorBaseError {
    if let e = error as? MentorBaseError { return e }
    return MentorBaseError(code: "store-error", kind: .io, location: SourceLocation(file: location),
                           message: Localized(ru: "хранилище: \(what): \(error)", en: "store: \(what): \(error)"))
}

/// A session whose connection may be lent to one other thread at a time (SQLite): an import
/// writes one chunk there while it plans the next.
protocol LendingSQLSession: SQLSession {
    /// A session over this transaction's connection for one other thread. While that thread uses
    /// it, this session must not be called at all; the lent session is closed before the
    /// transaction ends.
    func lend() -> any LentSQLSession
}

/// A lent session (see ``LendingSQLSession``).
protocol LentSQLSession: SQLSession {
    /// Lets go of what the session prepared on the connection.
    func close()
}

/// Takes a planned row's column values one after the other (see ``PlannedRows/put(_:into:)``).
protocol PlannedValueSink {
    mutating func put(_ v: StoredValue?)
    mutating func put(integer n: Int64?)
    mutating func put(text s: String?)
}

/// One table's rows of an import's chunk, read where the chunk's plans hold them: the inserts
/// `refs` names among `plans`' writes.
///
/// A backend binds each row's values from here as they lie. Handed to a closure (or to any
/// function the compiler cannot see into), a value read out of an array is copied first: a
/// retain and a release of every text of every row.
struct PlannedRows {
    /// A write of the chunk: `plans[plan].writes[write]`.
    struct Ref {
        var plan: Int32
        var write: Int32
    }

    /// The columns beside the record's values: the id, the batch, the sheet and the row.
    static let addedColumns = 4

    let plans: [RecordPlan]
    let refs: [Ref]
    let batchID: Int64

    var count: Int { refs.count }

    /// Hands row `i`'s column values to `sink`: the id, the record's values, then the
    /// provenance (the batch, the sheet and the row). Nothing for a write that is not an insert.
    @inline(__always)
    func put<S: PlannedValueSink>(_ i: Int, into sink: inout S) {
        let (p, k) = (Int(refs[i].plan), Int(refs[i].write))
        // The values alone (a retain of their array): a pattern binding the inserted row would
        // copy it whole (its names too) for the length of the loop.
        guard let values = plans[p].writes[k].action.insertedValues else { return }
        sink.put(integer: plans[p].writes[k].id)
        for j in values.indices { sink.put(values[j]) }
        sink.put(integer: batchID)
        sink.put(text: plans[p].location.sheet)
        sink.put(integer: plans[p].location.row.map { Int64($0) })
    }

    /// Row `i`'s column values as an array (in the order of `put`).
    func values(_ i: Int) -> [StoredValue?] {
        var sink = ArraySink()
        put(i, into: &sink)
        return sink.values
    }

    /// The column names of row `i`'s record values (nil for a write that is not an insert).
    func columns(_ i: Int) -> [String]? {
        plans[Int(refs[i].plan)].writes[Int(refs[i].write)].action.insertedColumns
    }

    /// True when row `i` is an insert whose record values have `columns` (compared in place).
    func hasColumns(_ i: Int, _ columns: [String]) -> Bool {
        plans[Int(refs[i].plan)].writes[Int(refs[i].write)].action.insertedColumns == columns
    }

    private struct ArraySink: PlannedValueSink {
        var values: [StoredValue?] = []
        mutating func put(_ v: StoredValue?) { values.append(v) }
        mutating func put(integer n: Int64?) { values.append(n.map(StoredValue.integer)) }
        mutating func put(text s: String?) { values.append(s.map(StoredValue.text)) }
    }
}
