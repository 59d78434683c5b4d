import Foundation
import MentorBase

/// The canonical store over a SQL backend: the same logic and the same SQL (with a few dialect
/// tokens) for SQLite and PostgreSQL.
///
/// Open one with ``StoreOpener/open(_:)``. Every import runs in one transaction that excludes
/// other writers; a dry run makes the same writes and rolls them back, so its plan is exactly
/// what the real import would do.
public final class SQLStore: Store {
    let backend: any SQLBackend
    /// Rows planned and written together; the working set holds one chunk's slice of the store.
    let chunkSize: Int

    /// Rows planned and written together unless a test says otherwise. A cursor handing over
    /// batches of this size hands over whole chunks (see ``KeyedRecordCursor/nextKeyedBatch()``).
    public static let defaultChunkSize = 1000

    init(backend: any SQLBackend, chunkSize: Int = SQLStore.defaultChunkSize) {
        self.backend = backend
        self.chunkSize = chunkSize
    }

    /// Up to this many people in the store, an import reads their keys into a ``KeyFilter``.
    static let keyFilterLimit: Int64 = 500_000

    public var location: String { backend.location }

    public func schemaVersion() throws -> Int { try backend.schemaVersion() }

    public func close() { backend.close() }

    // MARK: Column lists shared by reading code

    /// The stored keys come last, so matching need not fold the names again.
    static let personColumns = ["id", "is_reference"] + Person.storedFields.map(\.column) + ["name_key", "initials_key"]
    static let mentorColumns = ["id", "person_id"] + MentorProfile.storedFields.map(\.column)
    static let menteeColumns = ["id", "person_id"] + MenteeProfile.storedFields.map(\.column)
    static let pairingColumns = ["id", "person_id"] + Pairing.storedFields.map(\.column)
    static let consentColumns = ["id", "person_id", "kind", "signed_on"] + Consent.storedFields.map(\.column)
    static let responseColumns = ["id", "person_id", "form", "stage", "submitted_at", "is_latest"]
        + QuestionnaireResponse.storedFields.map(\.column)

    static func select(_ columns: [String], _ table: String) -> String {
        "SELECT \(columns.joined(separator: ",")) FROM \(table)"
    }

    static func person(_ r: SQLRow) -> KnownPerson {
        let n = Person.storedFields.count
        let p = Person(storedValues: Array(r.values[2..<min(2 + n, r.values.count)]))
        let keys: IdentityKeys
        if let name = r.text(2 + n), let initials = r.text(3 + n) {
            keys = IdentityKeys(p, nameKey: name, initialsKey: initials)
        } else {
            keys = IdentityKeys(p)
        }
        return KnownPerson(id: r.int(0) ?? 0, person: p, isReference: (r.int(1) ?? 0) != 0, keys: keys)
    }

    static func consent(_ r: SQLRow) -> KnownConsent {
        var c = Consent(storedValues: Array(r.values.dropFirst(4)))
        c.kind = ConsentKind(rawValue: r.text(2) ?? "") ?? .processing
        c.signedOn = CalendarDate(iso: Substring(r.text(3) ?? "")) ?? .epoch
        return KnownConsent(id: r.int(0) ?? 0, personID: r.int(1) ?? 0, consent: c)
    }

    static func response(_ r: SQLRow) -> KnownResponse {
        var q = QuestionnaireResponse(storedValues: Array(r.values.dropFirst(6)))
        q.form = ImportKind(rawValue: r.text(2) ?? "") ?? .mentorQuestionnaire
        q.stage = r.text(3).flatMap(QuestionnaireStage.init(rawValue:))
        q.submittedAt = CalendarDateTime(iso: Substring(r.text(4) ?? "")) ?? .midnight(.epoch)
        return KnownResponse(id: r.int(0) ?? 0, personID: r.int(1) ?? 0, response: q, isLatest: (r.int(5) ?? 0) != 0)
    }

    static func pairing(_ r: SQLRow) -> KnownPairing {
        KnownPairing(id: r.int(0) ?? 0, mentorID: r.int(1), pairing: Pairing(storedValues: Array(r.values.dropFirst(2))),
                     members: [:])
    }

    /// Runs `sql` (ending in `IN`) over `values` in slices, so no statement exceeds a backend's
    /// limit on parameters.
    static func inSlices(_ s: any SQLSession, _ sqlBefore: String, _ values: [StoredValue?], slice: Int = 500,
                         _ body: (SQLRow) throws -> Void) throws {
        // Short lists are padded with NULL (which matches nothing) to one of a few sizes, so the
        // backend reuses a handful of prepared statements instead of compiling one per chunk.
        var i = 0
        while i < values.count {
            var part = Array(values[i..<min(i + slice, values.count)])
            let size = [8, 64, slice].first { $0 >= part.count } ?? part.count
            part.append(contentsOf: repeatElement(nil, count: size - part.count))
            try s.query(sqlBefore + " (" + placeholders(part.count) + ")", part, body)
            i += slice
        }
    }

    /// `values` cut into slices of at most `n`.
    static func slices(_ values: [StoredValue?], _ n: Int) -> [[StoredValue?]] {
        stride(from: 0, to: values.count, by: n).map { Array(values[$0..<min($0 + n, values.count)]) }
    }

    /// The batches by id, for naming provenance.
    func batchIndex(_ s: any SQLSession) throws -> [Int64: BatchInfo] {
        var out: [Int64: BatchInfo] = [:]
        for b in try batchList(s) { out[b.id] = b }
        return out
    }

    func batchList(_ s: any SQLSession) throws -> [BatchInfo] {
        try s.rows("""
            SELECT id, file_name, checksum, kind, format, started_at, status, undone_at,
                   new_count, updated_count, unchanged_count, conflict_count, rejected_count
            FROM import_batches ORDER BY id
            """).map { r in
            BatchInfo(id: r.int(0) ?? 0, file: r.text(1) ?? "", checksum: r.text(2) ?? "", kind: r.text(3) ?? "",
                      format: r.text(4), startedAt: r.text(5) ?? "", status: r.text(6) ?? "", undoneAt: r.text(7),
                      counts: [.new: Int(r.int(8) ?? 0), .updated: Int(r.int(9) ?? 0), .unchanged: Int(r.int(10) ?? 0),
                               .conflicting: Int(r.int(11) ?? 0), .rejected: Int(r.int(12) ?? 0)])
        }
    }

    public func batches() throws -> [BatchInfo] {
        try backend.readTransaction { s in try batchList(s) }
    }

    /// The first free id of each table.
    static func nextIDs(_ s: any SQLSession) throws -> [EntityTable: Int64] {
        var out: [EntityTable: Int64] = [:]
        for t in EntityTable.allCases {
            out[t] = (try s.scalar("SELECT max(id) FROM \(t.rawValue)")?.integerValue ?? 0) + 1
        }
        return out
    }
}
