import Foundation
import GRDBSQLite
import MentorBase

/// The export's read path on SQLite: a connection of its own, statements stepped straight from
/// sqlite3, and every related record of a page fetched by an id range instead of bound id lists.
///
/// It reads exactly what ``SQLStore/forEachParticipantGeneral(_:_:)`` reads (the test suite
/// compares the two over random stores); it exists because the general path, going through
/// ``SQLSession`` rows, spent ~12 µs per participant building arrays it then copied.
///
/// The connection is query-only and keeps a small page cache: an export reads the file once in id
/// order, so the import's big cache (sized for random index probes) would only make memory grow
/// with the store. Pages already read come back from the operating system's cache.
final class SQLiteExportReader {
    private let db: OpaquePointer
    private let location: String
    /// Page cache of the export connection in KiB; `MENTORBASE_EXPORT_CACHE_MB` overrides it (for the
    /// benchmark that weighs memory against speed).
    static let cacheKiB: Int = {
        if let v = ProcessInfo.processInfo.environment["MENTORBASE_EXPORT_CACHE_MB"], let mb = Int(v), mb > 0 { return mb * 1024 }
        return 8 * 1024
    }()

    /// Opens `path`, which the store's own backend has opened and migrated already.
    init(path: String) throws {
        location = path
        var handle: OpaquePointer?
        // Read-write (not SQLITE_OPEN_READONLY): a read-only connection to a WAL database fails when
        // it cannot write the -shm index; `query_only` below forbids writes instead.
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite error \(rc)"
            sqlite3_close(handle)
            throw storeError(path, "open", SQLiteExportError(message: message))
        }
        db = handle
        sqlite3_busy_timeout(handle, 600_000)
        do {
            try execute("PRAGMA query_only = 1")
            try execute("PRAGMA cache_size = -\(SQLiteExportReader.cacheKiB)")
        } catch {
            sqlite3_close(handle)
            throw error
        }
    }

    deinit {
        // _v2: should a statement outlive the reader (one thrown out of mid-page), the connection
        // closes when that statement is finalized instead of staying open.
        sqlite3_close_v2(db)
    }

    /// ``ExportReading/forEachParticipant(_:_:)`` in one read transaction (one snapshot).
    func forEachParticipant(_ role: ParticipantRole, _ body: (ParticipantRecord) throws -> Void) throws {
        let q = Queries(role: role)
        let people = try prepare(q.people)
        let consents = try prepare(q.consents)
        let pairings = try prepare(q.pairings)
        let members = try prepare(q.members)
        let partners = try prepare(q.partners)
        let partnerConsents = try prepare(q.partnerConsents)
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        var after: Int64 = 0
        var scratch = ValueBuffer()
        while true {
            // The page: people with both profiles, in id order.
            var page: [PersonRecord] = []
            page.reserveCapacity(SQLStore.pageSize)
            try people.run([after]) { s in
                page.append(s.personRecord(&scratch, profiles: true))
            }
            guard let last = page.last?.id else { return }
            let range = [after, last]
            after = last
            // Every related record of the page lies in (after, last]: the participant filter holds
            // for anyone a pairing or membership in that range names.
            let byPerson = try consentsByPerson(consents, range, &scratch)
            for i in page.indices {
                if let list = byPerson[page[i].id] { page[i].consents = list }
            }
            var found: [PairingRecord] = []
            try pairings.run(range) { s in
                scratch.read(s, from: 0, count: SQLStore.pairingColumns.count)
                let p = SQLStore.pairing(SQLRow(values: scratch.values))
                found.append(PairingRecord(id: p.id, mentorID: p.mentorID, menteeIDs: [], pairing: p.pairing))
            }
            // Members come ordered by pairing then person, as the pairings do by id: one merge walk.
            var k = 0
            try members.run(range) { s in
                let pairing = s.int(0) ?? 0
                while k < found.count && found[k].id < pairing { k += 1 }
                if k < found.count && found[k].id == pairing { found[k].menteeIDs.append(s.int(1) ?? 0) }
            }
            var partnerRecords: [Int64: PersonRecord] = [:]
            try partners.run(range) { s in
                let r = s.personRecord(&scratch, profiles: false)
                partnerRecords[r.id] = r
            }
            for (id, list) in try consentsByPerson(partnerConsents, range, &scratch) {
                partnerRecords[id]?.consents = list
            }
            try SQLStore.emitParticipants(role, page: page, pairings: found, partners: partnerRecords, body)
        }
    }

    /// Consents of the people a statement selects, each person's sorted as ``SQLStore/personRecords(_:rows:profiles:)`` sorts them.
    private func consentsByPerson(_ st: ExportStatement, _ range: [Int64], _ scratch: inout ValueBuffer) throws -> [Int64: [Consent]] {
        var out: [Int64: [Consent]] = [:]
        try st.run(range) { s in
            scratch.read(s, from: 0, count: SQLStore.consentColumns.count)
            let c = SQLStore.consent(SQLRow(values: scratch.values))
            out[c.personID, default: []].append(c.consent)
        }
        for (id, list) in out where list.count > 1 {
            out[id] = SQLStore.sortedConsents(list)
        }
        return out
    }

    // MARK: SQL

    /// The page's statements; `?1`, `?2` are the id range (after, last] of the page.
    private struct Queries {
        let people, consents, pairings, members, partners, partnerConsents: String

        init(role: ParticipantRole) {
            let person = SQLiteExportReader.personSelect("p")
            let mentor = (["id"] + MentorProfile.storedFields.map(\.column)).map { "mp." + $0 }.joined(separator: ",")
            let mentee = (["id"] + MenteeProfile.storedFields.map(\.column)).map { "ep." + $0 }.joined(separator: ",")
            let filter: String
            // The pairings of the page, and who is on their other side.
            let pagePairings: String
            let partnerIDs: String
            switch role {
            case .mentor:
                filter = "(mp.id IS NOT NULL OR EXISTS (SELECT 1 FROM pairings y WHERE y.person_id = p.id))"
                pagePairings = "SELECT id FROM pairings WHERE person_id > ?1 AND person_id <= ?2"
                partnerIDs = "SELECT person_id FROM pairing_members WHERE pairing_id IN (\(pagePairings))"
            case .mentee:
                filter = "(ep.id IS NOT NULL OR EXISTS (SELECT 1 FROM pairing_members y WHERE y.person_id = p.id))"
                pagePairings = "SELECT pairing_id FROM pairing_members WHERE person_id > ?1 AND person_id <= ?2"
                partnerIDs = "SELECT person_id FROM pairings WHERE id IN (\(pagePairings))"
            }
            // Both profiles, as the general path reads them (a mentee may be a mentor too).
            people = "SELECT \(person),\(mentor),\(mentee) FROM people p"
                + " LEFT JOIN mentor_profiles mp ON mp.person_id = p.id LEFT JOIN mentee_profiles ep ON ep.person_id = p.id"
                + " WHERE p.id > ?1 AND \(filter) ORDER BY p.id LIMIT \(SQLStore.pageSize)"
            let consentSelect = SQLStore.select(SQLStore.consentColumns, "consents")
            consents = consentSelect + " WHERE person_id > ?1 AND person_id <= ?2 ORDER BY person_id, kind, signed_on"
            pairings = SQLStore.select(SQLStore.pairingColumns, "pairings") + " WHERE id IN (\(pagePairings)) ORDER BY id"
            members = "SELECT pairing_id, person_id FROM pairing_members WHERE pairing_id IN (\(pagePairings))"
                + " ORDER BY pairing_id, person_id"
            partners = "SELECT \(SQLiteExportReader.personSelect("people")) FROM people WHERE id IN (\(partnerIDs))"
            partnerConsents = consentSelect + " WHERE person_id IN (\(partnerIDs)) ORDER BY person_id, kind, signed_on"
        }
    }

    /// `id, is_reference` and the person's stored fields, the columns ``ExportStatement/personRecord(_:profiles:)`` reads.
    static func personSelect(_ table: String) -> String {
        (["id", "is_reference"] + Person.storedFields.map(\.column)).map { table + "." + $0 }.joined(separator: ",")
    }

    private func prepare(_ sql: String) throws -> ExportStatement {
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            throw storeError(location, "read", SQLiteExportError(message: String(cString: sqlite3_errmsg(db))))
        }
        return ExportStatement(handle, db: db, location: location)
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw storeError(location, "read", SQLiteExportError(message: String(cString: sqlite3_errmsg(db))))
        }
    }
}

/// A SQLite failure message, for ``storeError(_:_:_:)``.
struct SQLiteExportError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// One prepared statement of the export reader, finalized with it.
final class ExportStatement {
    let handle: OpaquePointer
    private let db: OpaquePointer
    private let location: String

    init(_ handle: OpaquePointer, db: OpaquePointer, location: String) {
        self.handle = handle
        self.db = db
        self.location = location
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `args` to `?1`, `?2`… and hands every row to `body`.
    func run(_ args: [Int64], _ body: (ExportStatement) throws -> Void) throws {
        sqlite3_reset(handle)
        let params = Int(sqlite3_bind_parameter_count(handle))
        for (i, v) in args.prefix(params).enumerated() { sqlite3_bind_int64(handle, Int32(i + 1), v) }
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw storeError(location, "read", SQLiteExportError(message: String(cString: sqlite3_errmsg(db))))
            }
            try body(self)
        }
    }

    func int(_ i: Int32) -> Int64? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, i)
    }

    /// Column `i` as the general path's ``SQLSession`` rows hold it.
    func value(_ i: Int32) -> StoredValue? {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .text(Cell.format(number: sqlite3_column_double(handle, i)))
        default:
            // sqlite3_column_text before sqlite3_column_bytes: the count is then of the UTF-8 text.
            guard let p = sqlite3_column_text(handle, i) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, i))
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
        }
    }

    /// A person from `id, is_reference, <Person fields>` and, with `profiles`, the mentor profile's
    /// `id` and fields then the mentee profile's (a NULL profile id: no profile). Consents are left empty.
    func personRecord(_ scratch: inout ValueBuffer, profiles: Bool) -> PersonRecord {
        let n = Person.storedFields.count
        scratch.read(self, from: 2, count: n)
        // Guardians in the store's own compact form are read here, and the general decoder (a JSON
        // tree per person) is left the rest.
        var guardians: [Guardian]?
        if let text = scratch.values[GuardianList.column]?.textValue, let fast = GuardianList.compact(text) {
            guardians = fast
            scratch.clear(GuardianList.column)
        }
        var person = Person(storedValues: scratch.values)
        if let guardians { person.guardians = guardians }
        var mentor: MentorProfile?
        var mentee: MenteeProfile?
        if profiles {
            let m = Int32(2 + n)
            let mentorCount = MentorProfile.storedFields.count
            if int(m) != nil {
                scratch.read(self, from: m + 1, count: mentorCount)
                mentor = MentorProfile(storedValues: scratch.values)
            }
            let e = m + 1 + Int32(mentorCount)
            if int(e) != nil {
                scratch.read(self, from: e + 1, count: MenteeProfile.storedFields.count)
                mentee = MenteeProfile(storedValues: scratch.values)
            }
        }
        return PersonRecord(id: int(0) ?? 0, person: person, isReference: (int(1) ?? 0) != 0, mentor: mentor,
                            mentee: mentee, consents: [])
    }
}

/// Column values of one record, refilled row after row in the same storage (no array per row).
struct ValueBuffer {
    private(set) var values: [StoredValue?] = []

    mutating func read(_ s: ExportStatement, from first: Int32, count: Int) {
        values.removeAll(keepingCapacity: true)
        for i in 0..<Int32(count) { values.append(s.value(first + i)) }
    }

    /// Empties one value (one the caller has read another way).
    mutating func clear(_ i: Int) {
        if i < values.count { values[i] = nil }
    }
}

/// A person's guardians as the store writes them (``Person`` encodes them through `MiniJSON.render`):
/// `[{"name":"…","phone":"…","relation":"…"}]`, phone and relation optional, in that order.
enum GuardianList {
    /// Where the guardians are among `Person.storedFields`.
    static let column = Person.storedFields.firstIndex { $0.column == "guardians" } ?? Person.storedFields.count

    /// The guardians of the compact form with no escapes in any string, read straight from the bytes;
    /// nil for anything else, which `Person(storedValues:)` then decodes (the test suite checks
    /// both give the same list).
    static func compact(_ text: String) -> [Guardian]? {
        var text = text
        return text.withUTF8 { b -> [Guardian]? in
            var i = 0
            func literal(_ l: StaticString) -> Bool {
                let n = l.utf8CodeUnitCount
                guard i + n <= b.count else { return false }
                let p = l.utf8Start
                for k in 0..<n where b[i + k] != p[k] { return false }
                i += n
                return true
            }
            func string() -> String? {
                guard i < b.count, b[i] == 0x22 else { return nil }
                let start = i + 1
                var j = start
                while j < b.count, b[j] != 0x22 {
                    // An escape or a raw control character: the general parser decides.
                    if b[j] == 0x5C || b[j] < 0x20 { return nil }
                    j += 1
                }
                guard j < b.count else { return nil }
                i = j + 1
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
            }
            guard literal("[") else { return nil }
            var out: [Guardian] = []
            if literal("]") { return i == b.count ? out : nil }
            while true {
                guard literal("{\"name\":"), let name = string() else { return nil }
                var g = Guardian(name: name, phone: nil, relation: nil)
                if literal(",\"phone\":") {
                    guard let phone = string() else { return nil }
                    g.phone = phone
                }
                if literal(",\"relation\":") {
                    guard let relation = string() else { return nil }
                    g.relation = relation
                }
                guard literal("}") else { return nil }
                out.append(g)
                if literal(",") { continue }
                guard literal("]"), i == b.count else { return nil }
                return out
            }
        }
    }
}
