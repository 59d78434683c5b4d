import Foundation
import MentorBase
import MentorSchema
import MentorStore

/// One import as the command line and the web page ask for it.
///
/// Both front ends fill this in and call ``ImportService/run(_:registry:openStore:)``: the rules,
/// the plan and the transaction are the same code whichever way the file arrived.
struct ImportJob: Sendable {
    /// The file on disk.
    var path: String
    /// The name recorded in the batch and shown in messages (an upload's original name, say).
    var displayName: String
    /// A format id that overrides sniffing (`--from`).
    var forcedFormat: String?
    var readOptions = ReadOptions()
    /// Nil: guessed from the headers.
    var kind: ImportKind?
    /// The file is a canonical table (the store's field names as headers), not schema-validated.
    var canonical = false
    var mapFile: MappingFile?
    var referenceDate: CalendarDate
    /// Only this sheet (a name or a 1-based number).
    var sheet: String?
    var policy: ConflictPolicy = .replace
    var dryRun = false
    var acceptValid = false
    var recheck = false
    /// How many row plans the report keeps (counts are always complete).
    var planLimit = 200
    /// Keep the unchanged rows' plans too (for a plan workbook's «Без изменений» sheet).
    var keepUnchangedPlans = false
    var now: String

    init(path: String, displayName: String? = nil, referenceDate: CalendarDate, now: String) {
        self.path = path
        self.displayName = displayName ?? path
        self.referenceDate = referenceDate
        self.now = now
    }
}

/// What an import did, with what the front ends show beside the store's report.
struct ImportOutcome: Sendable {
    var report: ImportReport
    /// The kind the rows were imported as (nil when the file stopped before the kind was known).
    var kind: ImportKind?
    /// Why the kind was chosen, when it was guessed from the headers.
    var kindReason: Localized?
    /// The format id the file was read with.
    var format: String
}

/// The import pipeline: read → header mapping → validation (all tiers) → records → merge plan →
/// one transaction, and the workbooks that explain an import (error report, plan).
enum ImportService {
    /// Runs one import. `openStore` is called only when the file is good enough to plan (a file
    /// whose header is wrong never touches the store).
    static func run(_ job: ImportJob, registry: FormatRegistry, openStore: () throws -> any Store) throws -> ImportOutcome {
        guard FileManager.default.fileExists(atPath: job.path) else {
            throw MentorBaseError.io(SourceLocation(file: job.displayName), ru: "файл не найден", en: "file not found")
        }
        // The checksum is read on its own thread while the file is validated and planned: the
        // store asks for it only when it needs it (the no-op check against an earlier batch, or
        // recording it at the end).
        let checksum = BackgroundChecksum(path: job.path)
        defer { checksum.wait() }
        return job.canonical
            ? try canonicalImport(job, checksum: checksum, registry: registry, openStore: openStore)
            : try validatedImport(job, checksum: checksum, registry: registry, openStore: openStore)
    }

    /// The store's request; the checksum is asked of `checksum` only when the store needs it.
    private static func request(_ job: ImportJob, checksum: BackgroundChecksum, kind: ImportKind, format: String) -> ImportRequest {
        var r = ImportRequest(file: job.displayName, checksum: "", kind: kind, format: format,
                              policy: job.policy, dryRun: job.dryRun, acceptValid: job.acceptValid, recheck: job.recheck,
                              planLimit: job.planLimit, now: job.now)
        r.checksumSource = { try checksum.value() }
        r.keepUnchangedPlans = job.keepUnchangedPlans
        r.asOf = job.referenceDate
        return r
    }

    private static func canonicalImport(_ job: ImportJob, checksum: BackgroundChecksum, registry: FormatRegistry,
                                        openStore: () throws -> any Store) throws -> ImportOutcome {
        guard let kind = job.kind else {
            throw MentorBaseError.usage(ru: "с --canonical нужен --kind", en: "--canonical needs --kind")
        }
        let source = InputSource(path: job.path)
        let candidate = try registry.detect(source, forced: job.forcedFormat)
        let reader = try candidate.plugin.makeReader(source: source, options: job.readOptions)
        let sheets = try selectSheets(reader, job.sheet)
        let table = try CanonicalTable(reader: reader, sheet: sheets.first ?? 0, kind: kind, file: job.displayName)
        let store = try openStore()
        defer { store.close() }
        let format = candidate.plugin.descriptor.id
        // The table is read and keyed on a worker thread while the store plans and writes; the
        // worker has let go of the table and its reader before their diagnostics are read.
        let keyed = KeyingCursor(table)
        let imported = Result {
            try store.importRecords(request(job, checksum: checksum, kind: kind, format: format), from: keyed)
        }
        keyed.finish()
        var report = try imported.get()
        var log = DiagnosticLog()
        log.append(contentsOf: table.diagnostics)
        log.append(contentsOf: reader.diagnostics.items)
        log.append(log: report.diagnostics)
        report.diagnostics = log
        return ImportOutcome(report: report, kind: kind, kindReason: nil, format: format)
    }

    /// Validates the file and imports the assembled records in one transaction (see `ValidatedImport`).
    private static func validatedImport(_ job: ImportJob, checksum: BackgroundChecksum, registry: FormatRegistry,
                                        openStore: () throws -> any Store) throws -> ImportOutcome {
        let source = InputSource(path: job.path)
        let candidate = try registry.detect(source, forced: job.forcedFormat)
        let format = candidate.plugin.descriptor.id
        let reader = try candidate.plugin.makeReader(source: source, options: job.readOptions)
        let sheets = try job.sheet.map { try selectSheets(reader, $0) }
        let setup = ValidatedImport.Setup(path: job.path, plugin: candidate.plugin, readOptions: job.readOptions,
                                          kind: job.kind, mapFile: job.mapFile,
                                          options: ValidationOptions(referenceDate: job.referenceDate), sheets: sheets)
        let r = try ValidatedImport.run(setup, acceptValid: job.acceptValid, dryRun: job.dryRun, openStore: openStore) {
            request(job, checksum: checksum, kind: $0, format: format)
        }
        return ImportOutcome(report: r.report, kind: r.kind, kindReason: r.kindReason, format: format)
    }

    /// Writes the error workbook of an import — the same report `validate --report` writes: the
    /// secretary's own table with every problem cell marked, and the «Ошибки» sheet — atomically.
    static func writeErrorWorkbook(_ job: ImportJob, _ outcome: ImportOutcome, to path: String, registry: FormatRegistry,
                                   lang: Language) throws {
        let source = InputSource(path: job.path)
        let candidate = try registry.detect(source, forced: job.forcedFormat)
        try ErrorReportFile.write(diagnostics: outcome.report.diagnostics.items, dropped: outcome.report.diagnostics.dropped,
                                  source: source, plugin: candidate.plugin, readOptions: job.readOptions, sheet: job.sheet,
                                  headerRows: [:], to: path, registry: registry, lang: lang)
    }

    /// Writes the merge plan as a workbook: a sheet per outcome, changed cells highlighted.
    static func writePlanWorkbook(_ outcome: ImportOutcome, to path: String, registry: FormatRegistry, lang: Language) throws {
        guard let xlsx = registry.plugin(id: "xlsx") else {
            throw MentorBaseError.usage(ru: "формат xlsx не подключен", en: "the xlsx format is not available")
        }
        try writeReplacing(path) { tmp in
            let writer = try xlsx.makeWriter(target: OutputTarget(path: tmp, displayName: path),
                                             options: WriteOptions(sheetCount: PlanWorkbook.sheetCount))
            try PlanWorkbook.write(outcome.report, to: writer, lang: lang)
        }
    }
}

/// The file's SHA-256, computed on a thread of its own from the moment the import starts.
///
/// `@unchecked Sendable`: the result is written once by the thread and read after `done` is
/// signalled, both under `condition`.
final class BackgroundChecksum: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    init(path: String) {
        let thread = Thread { [self] in
            let r = Result { try ImportCommand.checksum(path) }
            condition.lock()
            result = r
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "mentorbase.checksum"
        thread.start()
    }

    /// Waits for the thread; nil result only while it still runs.
    private func finished() -> Result<String, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result ?? .failure(CancellationError())
    }

    /// The checksum (waiting for it), or the error reading the file gave.
    func value() throws -> String { try finished().get() }

    /// Waits for the thread to end, so no reader outlives the import.
    func wait() { _ = finished() }
}
