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
    /// The same for rows an import planned: `rows` hands each to its argument as an id, the
    /// record's values and the row it came from; `columns` names the id, those values, then
    /// `Schema.provenanceColumns` (the batch, sheet and row). No array is built per row.
    func insertRows(table: String, columns: [String], batchID: Int64, rows: (PlannedRowSink) throws -> Void) throws
    /// Sets `columns` of many rows by id: each row is the id followed by the new values.
    func updateRows(table: String, columns: [String], rows: [[StoredValue?]]) throws
}

extension SQLSession {
    /// Builds each row's array (a backend whose rows cost a round trip, not an array, each).
    func insertRows(table: String, columns: [String], batchID: Int64, rows: (PlannedRowSink) throws -> Void) throws {
        var all: [[StoredValue?]] = []
        try rows { id, values, sheet, row in
            all.append(PlannedRow.values(id, values, batchID, sheet, row))
        }
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

/// Takes one planned row: its id, the record's values and where in the file it came from.
typealias PlannedRowSink = (_ id: Int64, _ values: [StoredValue?], _ sheet: String?, _ row: Int?) throws -> Void

/// How a planned row's parts become its columns' values (see `SQLSession.insertRows(table:columns:batchID:rows:)`).
enum PlannedRow {
    /// The columns beside the record's values: the id, the batch, the sheet and the row.
    static let addedColumns = 4

    /// The id, the values, then the provenance: the batch, the sheet and the row.
    static func values(_ id: Int64, _ values: [StoredValue?], _ batchID: Int64, _ sheet: String?, _ row: Int?)
        -> [StoredValue?]
    {
        var out: [StoredValue?] = []
        out.reserveCapacity(values.count + addedColumns)
        forEach(id, values, batchID, sheet, row) { out.append($0) }
        return out
    }

    /// Hands the row's column values to `body` in the order of `values(…)`, without building the array.
    @inline(__always)
    static func forEach(_ id: Int64, _ values: [StoredValue?], _ batchID: Int64, _ sheet: String?, _ row: Int?,
                        _ body: (StoredValue?) -> Void) {
        body(.integer(id))
        for i in values.indices { body(values[i]) }
        body(.integer(batchID))
        body(sheet.map(StoredValue.text))
        body(row.map { .integer(Int64($0)) })
    }
}
