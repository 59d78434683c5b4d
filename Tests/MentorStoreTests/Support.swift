import Foundation
import MentorBase
import MentorStore
import Testing

/// A cursor over records already in memory.
final class ArrayCursor: IncomingRecordCursor {
    private var items: [IncomingRecord]
    private var i = 0

    init(_ items: [IncomingRecord]) { self.items = items }

    func next() throws -> IncomingRecord? {
        guard i < items.count else { return nil }
        defer { i += 1 }
        return items[i]
    }
}

/// The store backends the suites run against. PostgreSQL needs `MENTORBASE_TEST_PG_URL` (set by
/// scripts/test.sh after starting a throw-away server); under CI its absence fails the tests.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var pgURL: String? {
        let v = ProcessInfo.processInfo.environment["MENTORBASE_TEST_PG_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// SQLite always; PostgreSQL when a server is given, and always under CI (so its absence fails).
    static var enabled: [Backend] { pgURL != nil || isCI ? [.sqlite, .postgres] : [.sqlite] }

    /// A fresh, empty store of this kind.
    func makeStore() throws -> any Store {
        switch self {
        case .sqlite:
            return try StoreOpener.open(try temporaryFolder().appendingPathComponent("store.sqlite").path)
        case .postgres:
            guard let url = Backend.pgURL else {
                throw TestFailure("MENTORBASE_TEST_PG_URL is not set: run scripts/test.sh, which starts PostgreSQL")
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            return try StoreOpener.open(url + (url.contains("?") ? "&" : "?") + "schema=" + schema)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mentorbase-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func request(_ file: String, _ kind: ImportKind, checksum: String? = nil, dryRun: Bool = false,
             policy: ConflictPolicy = .replace, acceptValid: Bool = false, recheck: Bool = false) -> ImportRequest {
    ImportRequest(file: file, checksum: checksum ?? "sum-of-" + file, kind: kind, format: "test", policy: policy,
                  dryRun: dryRun, acceptValid: acceptValid, recheck: recheck, now: "2025-01-15T10:00:00")
}

@discardableResult
func importRecords(_ store: any Store, _ file: RecordFile, dryRun: Bool = false, policy: ConflictPolicy = .replace,
                   acceptValid: Bool = false, recheck: Bool = false, checksum: String? = nil) throws -> ImportReport {
    try store.importRecords(request(file.name, file.kind, checksum: checksum ?? file.checksum, dryRun: dryRun,
                                    policy: policy, acceptValid: acceptValid, recheck: recheck),
                            from: ArrayCursor(file.records))
}

/// A deterministic text of everything a store holds, without ids, batches or timestamps:
/// two stores with the same content give the same dump. Built through the export read API.
func dump(_ store: any Store) throws -> String {
    var names: [Int64: String] = [:]
    var lines: [String] = []
    try store.forEachPerson { p in
        let key = NameKey.key(lastName: p.person.lastName, firstName: p.person.firstName,
                              patronymic: p.person.patronymic) + "|" + (p.person.birthDate?.iso ?? "")
        names[p.id] = key
        var l = "person \(key) ref=\(p.isReference) \(p.person.storedValues.map { $0?.logText ?? "-" })"
        if let m = p.mentor { l += " mentor=\(m.storedValues.map { $0?.logText ?? "-" })" }
        if let m = p.mentee { l += " mentee=\(m.storedValues.map { $0?.logText ?? "-" })" }
        for c in p.consents {
            l += " consent=\(c.kind.rawValue)@\(c.signedOn.iso)\(c.storedValues.map { $0?.logText ?? "-" })"
        }
        lines.append(l)
    }
    try store.forEachPairing { p in
        let mentees = p.menteeIDs.map { names[$0] ?? "?" }.sorted().joined(separator: ",")
        lines.append("pairing \(p.mentorID.flatMap { names[$0] } ?? "-") -> \(mentees) \(p.pairing.storedValues.map { $0?.logText ?? "-" })")
    }
    try store.forEachResponse(latestOnly: false) { r in
        lines.append("response \(r.personID.flatMap { names[$0] } ?? "-") \(r.response.form.rawValue) \(r.response.submittedAt.iso) latest=\(r.isLatest) \(r.response.storedValues.map { $0?.logText ?? "-" })")
    }
    return lines.sorted().joined(separator: "\n")
}
