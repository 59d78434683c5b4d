#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase
import MentorExport
import MentorSchema
import MentorStore

/// One uploaded file and what the page learned about it.
struct Upload: Sendable {
    var id: String
    /// The file's own name (shown, and kept in diagnostics and the batch).
    var name: String
    /// The private folder holding the file; removed with the upload.
    var folder: String
    var path: String
    var size: Int
    /// The kind she chose; nil lets the headers decide.
    var kind: RecordKind?
    /// The header mapping she corrected or uploaded; nil lets the mapper decide.
    var mapFile: MappingFile?
    /// A format, encoding and delimiter she chose over the detected ones (`--from`, `--encoding`, `--delimiter`).
    var format: String?
    var encoding: String?
    var delimiter: String?
    var analysis: Analysis?
    /// Why the file could not be read or validated at all.
    var failure: Localized?
    /// The batch it was imported as.
    var importedBatch: Int64?
    /// When a page last used it (monotonic seconds); an upload idle too long is deleted.
    var lastUsed: Double = ServeClock.now
}

/// Monotonic seconds for idle times and the password throttle (never goes back with the wall clock).
enum ServeClock {
    static var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

extension Upload {
    /// The read options her choices make, as `InputOptions` makes them from the command line.
    var readOptions: ReadOptions {
        var o = ReadOptions()
        if let encoding, let e = TextEncodingName(userSpelling: encoding) { o.encoding = e.rawValue }
        if let delimiter { o.delimiter = delimiter }
        return o
    }
}

/// What reading and validating one upload found.
struct Analysis: Sendable {
    var formatID: String
    var formatName: String
    var detectedBy: String
    var encoding: String?
    var delimiter: String?
    var extras: [Pair]
    var sheetNames: [String]
    var summary: TableValidation.Summary
    var report: ValidationReport
    var previews: [SheetPreview]
    var seconds: Double

    /// A name and a value (tuples are not `Sendable` containers in every position).
    struct Pair: Sendable {
        var name: String
        var value: String
    }
}

/// The first rows of one validated sheet, as text, for the preview.
struct SheetPreview: Sendable {
    var sheetIndex: Int
    /// The sheet name diagnostics carry (nil for single-table formats).
    var diagnosticSheet: String?
    var title: String
    var headerRow: Int
    var rows: [PreviewRow]
    var width: Int
    /// More rows follow in the file.
    var truncated: Bool
}

/// One previewed row.
struct PreviewRow: Sendable {
    var number: Int
    var cells: [String]
}

/// The blocking work behind the pages: it calls the same code the commands do and nothing else.
enum ServeWork {
    /// How many rows of each sheet the preview shows.
    static let previewRows = 40
    /// Diagnostics kept per upload (as `validate` keeps by default); the page shows fewer.
    static let keptDiagnostics = 100_000

    /// Detection as `inspect` does it, validation as `validate` does it.
    static func analyze(_ upload: Upload, settings: ServeSettings) throws -> Analysis {
        let started = DispatchTime.now().uptimeNanoseconds
        let source = InputSource(path: upload.path, displayName: upload.name)
        let candidate = try settings.registry.detect(source, forced: upload.format)
        let reader = try candidate.plugin.makeReader(source: source, options: upload.readOptions)
        let namedSheets = ValidatedImport.namedSheets(reader, candidate.plugin)
        var report = ValidationReport(maxItems: keptDiagnostics)
        report.sheetOrder = reader.sheets.map { namedSheets ? $0.name : nil }
        let summary = try TableValidation(kind: upload.kind, mapFile: upload.mapFile,
                                          options: ValidationOptions(referenceDate: settings.referenceDate)).run(
            reader: reader, file: upload.name, namedSheets: namedSheets, sheets: nil,
            readAhead: candidate.plugin.descriptor.capabilities.contains(.streaming),
            onRecord: { _ in }, onDiagnostic: { report.add($0) })
        for d in reader.diagnostics.items { report.add(d) }
        report.kind = summary.kind
        report.rows = summary.rows
        let details = reader.details
        let previews = try preview(upload, plugin: candidate.plugin, summary: summary, namedSheets: namedSheets)
        return Analysis(formatID: candidate.plugin.descriptor.id, formatName: candidate.plugin.descriptor.name,
                        detectedBy: candidate.match.reason, encoding: details.encoding, delimiter: details.delimiter,
                        extras: details.extras.map { Analysis.Pair(name: $0.0, value: $0.1) },
                        sheetNames: reader.sheets.map(\.name), summary: summary, report: report, previews: previews,
                        seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }

    /// The first rows of each validated sheet (at most three sheets), read again with a fresh reader.
    private static func preview(_ upload: Upload, plugin: any FormatPlugin, summary: TableValidation.Summary,
                                namedSheets: Bool) throws -> [SheetPreview] {
        let reader = try plugin.makeReader(source: InputSource(path: upload.path, displayName: upload.name), options: upload.readOptions)
        var out: [SheetPreview] = []
        for s in summary.sheets.prefix(3) {
            let cursor = try reader.rows(inSheet: s.index)
            var rows: [PreviewRow] = []
            var width = 0
            var truncated = false
            let last = s.mapping.headerRow + previewRows
            while let r = try cursor.next() {
                if r.number > last { truncated = true; break }
                let w = (r.cells.lastIndex { !$0.isEmpty } ?? -1) + 1
                width = max(width, w)
                rows.append(PreviewRow(number: r.number, cells: r.cells.prefix(w).map { $0.text(dateStyle: .russian) }))
            }
            out.append(SheetPreview(sheetIndex: s.index, diagnosticSheet: s.name, title: reader.sheets[s.index].name,
                                    headerRow: s.mapping.headerRow, rows: rows, width: min(width, 200), truncated: truncated))
        }
        return out
    }

    /// The annotated error workbook, as `validate --report` writes it, into `path`.
    static func writeErrorWorkbook(_ upload: Upload, _ analysis: Analysis, settings: ServeSettings, lang: Language,
                                   to path: String) throws {
        guard let plugin = settings.registry.plugin(id: analysis.formatID) else {
            throw MentorBaseError.usage(ru: "формат «\(analysis.formatID)» не подключен", en: "the format “\(analysis.formatID)” is not available")
        }
        var headerRows: [Int: Int] = [:]
        for s in analysis.summary.sheets { headerRows[s.index] = s.mapping.headerRow }
        try ErrorReportFile.write(diagnostics: analysis.report.sorted, dropped: analysis.report.log.dropped,
                                  source: InputSource(path: upload.path, displayName: upload.name), plugin: plugin,
                                  readOptions: upload.readOptions, sheet: nil, headerRows: headerRows, to: path,
                                  registry: settings.registry, lang: lang)
    }

    /// Reads a file the page wrote and removes it.
    static func take(_ path: String) throws -> [UInt8] {
        defer { unlink(path) }
        return try InputSource(path: path).readAll(limit: 1 << 31)
    }

    // MARK: Export

    /// One export as the page asks for it.
    struct ExportChoice: Sendable, Hashable {
        var kind: ExportKind
        var view: ExportView
        var format: String
        var date: CalendarDate
        var site: String?
        var questionnaire: ImportKind?
    }

    /// An export's bytes and its summary.
    struct ExportResult: Sendable {
        var bytes: [UInt8]
        var summary: ExportSummary
        var contentType: String
        var filename: String
    }

    static let exportFormats = ExportJob.formats

    /// Runs the export exactly as `export` does (`ExportJob`: same request, title, settings and formula
    /// guard), writing into `folder`.
    static func export(_ c: ExportChoice, settings: ServeSettings, folder: String) throws -> ExportResult {
        let request = ExportRequest(kind: c.kind, view: c.view, date: c.date, site: c.site, raw: false, questionnaire: c.questionnaire)
        let job = try ExportJob(request: request, formatID: c.format, title: nil, registry: settings.registry)
        let store = try StoreOpener.open(settings.store)
        defer { store.close() }
        let ext = c.format
        let path = folder + "/export." + ext
        let summary = try job.run(store: store, to: OutputTarget(path: path, displayName: "export.\(ext)"))
        chmod(path, 0o600)
        let bytes = try take(path)
        let types = ["html": "text/html; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "csv": "text/csv; charset=utf-8", "json": "application/json", "ndjson": "application/x-ndjson"]
        let name = "\(c.kind.rawValue)-\(c.view.rawValue)-\(c.date.iso).\(ext)"
        return ExportResult(bytes: bytes, summary: summary, contentType: types[c.format] ?? "application/octet-stream",
                            filename: name)
    }

    // MARK: Store

    static func batches(settings: ServeSettings) throws -> [BatchInfo] {
        let store = try StoreOpener.open(settings.store)
        defer { store.close() }
        return try store.batches()
    }

    static func history(_ person: String, settings: ServeSettings) throws -> [PersonHistory] {
        let store = try StoreOpener.open(settings.store)
        defer { store.close() }
        return try store.history(person: person)
    }

    static func undo(_ batch: Int64, settings: ServeSettings) throws -> UndoReport {
        let store = try StoreOpener.open(settings.store)
        defer { store.close() }
        return try store.undo(batch: batch, now: Clock.nowUTC)
    }
}

/// Runs blocking work off Swift's cooperative threads: file reading and validation on a
/// concurrent queue, anything that opens the store on one serial queue (one writer at a time).
enum Blocking {
    private static let work = DispatchQueue(label: "mentorbase.serve.work", attributes: .concurrent)
    private static let store = DispatchQueue(label: "mentorbase.serve.store")

    static func run<T: Sendable>(store useStore: Bool = false, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            (useStore ? store : work).async {
                c.resume(with: Result { try body() })
            }
        }
    }
}

/// Uploads in memory, by id; the only shared mutable state of the server.
actor UploadRegistry {
    private var items: [String: Upload] = [:]
    private var order: [String] = []

    func add(_ u: Upload) {
        items[u.id] = u
        order.append(u.id)
    }

    /// The upload, marked as used now.
    func get(_ id: String) -> Upload? {
        items[id]?.lastUsed = ServeClock.now
        return items[id]
    }

    func put(_ u: Upload) {
        guard items[u.id] != nil else { return }
        items[u.id] = u
    }

    func remove(_ id: String) -> Upload? {
        order.removeAll { $0 == id }
        return items.removeValue(forKey: id)
    }

    /// Newest first.
    func all() -> [Upload] { order.reversed().compactMap { items[$0] } }

    /// Removes and returns the uploads no page used for longer than `idle` seconds.
    func expire(now: Double, idle: Double) -> [Upload] {
        let old = items.values.filter { now - $0.lastUsed > idle }
        for u in old { _ = remove(u.id) }
        return old
    }
}
