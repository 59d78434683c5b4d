import Foundation
import MentorBase
import MentorExport
import MentorFormats
import MentorStore
import Testing

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A real SQLite store in a private temporary folder.
final class TestStore {
    let folder: URL
    let store: any Store
    let reading: any Store & ExportReading

    /// A SQLite store, or with `postgresURL` a fresh schema on that PostgreSQL server.
    init(postgresURL: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mentorbase-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let url = postgresURL {
            let schema = "x_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            store = try StoreOpener.open(url + (url.contains("?") ? "&" : "?") + "schema=" + schema)
        } else {
            store = try StoreOpener.open(folder.appendingPathComponent("store.sqlite").path)
        }
        guard let r = store as? any Store & ExportReading else { throw TestFailure("the SQL store does not read for exports") }
        reading = r
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Imports a canonical table through the real path: the CSV plugin's reader, `CanonicalTable`, the store.
    @discardableResult
    func importCSV(_ text: String, _ kind: ImportKind, name: String) throws -> ImportReport {
        let bytes = Array(text.utf8)
        let reader = try registry.plugin(id: "csv").unwrap("csv plugin")
            .makeReader(source: InputSource(bytes: bytes, name: name), options: ReadOptions())
        let table = try CanonicalTable(reader: reader, kind: kind, file: name)
        let report = try store.importRecords(ImportRequest(file: name, checksum: "\(name):\(text.hashValue)", kind: kind,
                                                           format: "csv", now: "2025-01-01T00:00:00"), from: table)
        if report.stop != nil || report.count(.rejected) > 0 {
            throw TestFailure("import of \(name) stopped: \(report.diagnostics.items.map { $0.render(.en) })")
        }
        return report
    }

    /// The four tables of a generated school, in the order a secretary would import them.
    func importRandomSchool(_ school: RandomSchool) throws {
        try importCSV(school.mentorsCSV, .mentors, name: "mentors.csv")
        try importCSV(school.menteesCSV, .mentees, name: "mentees.csv")
        try importCSV(school.consentsCSV, .consents, name: "consents.csv")
        try importCSV(school.pairsCSV, .pairs, name: "pairs.csv")
    }

    /// The four fixture tables of the small school.
    func importSchool() throws {
        for kind in [ImportKind.mentors, .mentees, .consents, .pairs] {
            try importCSV(try fixture("\(kind.rawValue).csv"), kind, name: "\(kind.rawValue).csv")
        }
    }

    /// One export's bytes and summary, through the registry's real plugins.
    func export(_ request: ExportRequest, format: String) throws -> (bytes: [UInt8], summary: ExportSummary) {
        let exporter = Exporter(store: reading, request: request)
        if format == "json" && request.view == .public {
            let doc = try exporter.siteDocument(title: "Наставничество")
            return (Array(doc.json().utf8), exporter.summary)
        }
        let sink = MemorySink()
        let pluginID = format == "ndjson" ? "json" : format
        let plugin = try registry.plugin(id: pluginID).unwrap(pluginID)
        let multiple = format != "ndjson" && plugin.descriptor.capabilities.contains(.multipleSheets)
        let options = WriteOptions(dialect: format == "ndjson" ? "ndjson" : (format == "json" ? "object" : nil),
                                   constantMemory: format == "xlsx")
        let writer = try plugin.makeWriter(target: OutputTarget(sink: sink, name: "export.\(format)"), options: options)
        try exporter.write(to: writer, multipleSheets: multiple, guardFormulas: FormulaGuard.applies(toFormat: format),
                           formsTable: format == "html")
        return (sink.bytes, exporter.summary)
    }
}

let registry = MentorFormats.builtinRegistry()

/// A fixture file's text (Tests/ExportTests/Fixtures).
func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

/// Every cell of every sheet as a reader sees it (XLSX, CSV), as text; dates in both spellings.
func readCells(_ bytes: [UInt8], format: String) throws -> [[Cell]] {
    let plugin = try registry.plugin(id: format).unwrap(format)
    let reader = try plugin.makeReader(source: InputSource(bytes: bytes, name: "x.\(format)"), options: ReadOptions())
    var rows: [[Cell]] = []
    for i in reader.sheets.indices {
        let c = try reader.rows(inSheet: i)
        while let r = try c.next() { rows.append(r.cells) }
    }
    return rows
}

/// What a person could read in an export: every cell (dates ISO and dd.mm.yyyy) or the raw text.
func visibleText(_ bytes: [UInt8], format: String) throws -> String {
    switch format {
    case "xlsx", "csv":
        return try readCells(bytes, format: format).flatMap { $0 }.map { c -> String in
            switch c {
            case .date(let d): return d.iso + " " + d.russian
            case .dateTime(let d): return d.iso + " " + d.russian
            default: return c.text()
            }
        }.joined(separator: "\n")
    default:
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Optional {
    func unwrap(_ what: String) throws -> Wrapped {
        guard let v = self else { throw TestFailure("missing: \(what)") }
        return v
    }
}

func day(_ s: String) -> CalendarDate { CalendarDate(iso: Substring(s)) ?? .epoch }
