import Foundation
import MentorBase

/// Validates every data sheet a reader offers: finds each header, maps it, streams the rows
/// through a `RecordValidator`, and hands out records and diagnostics as they come.
///
/// Memory stays flat: only the first `HeaderLocator.scanRows` rows of a sheet are held (to find
/// the header under title rows); after that rows flow one at a time.
public struct TableValidation {
    /// What was validated, for reports.
    public struct Summary: Sendable {
        public var kind: RecordKind
        /// Why the kind was chosen, when it was guessed.
        public var kindReason: Localized?
        public var sheets: [SheetSummary] = []
        /// Sheets with no header of the kind, left out.
        public var skippedSheets: [String] = []
        /// Data rows validated in all sheets.
        public var rows: Int { sheets.reduce(0) { $0 + $1.rows } }
    }

    /// One validated sheet.
    public struct SheetSummary: Sendable {
        public var index: Int
        /// Nil for single-table formats (CSV, NDJSON).
        public var name: String?
        public var mapping: HeaderMapping
        public var rows: Int
    }

    public var kind: RecordKind?
    public var mapFile: MappingFile?
    public var options: ValidationOptions

    public init(kind: RecordKind?, mapFile: MappingFile?, options: ValidationOptions) {
        self.kind = kind
        self.mapFile = mapFile
        self.options = options
    }

    /// Runs over `sheets` (all visible ones when nil). `namedSheets` is false for single-table
    /// formats, whose diagnostics then carry no sheet name. `readAhead` reads rows on a second
    /// thread while this one validates; pass it only for readers that may move between threads
    /// (plain streaming parsers such as CSV and JSON, not ones holding thread-bound state). A
    /// cursor that already reads ahead on its own thread (`ReadingAheadCursor`, CSV) gets no
    /// second one.
    public func run(reader: any TableReader, file: String, namedSheets: Bool, sheets: [Int]? = nil,
                    readAhead: Bool = false,
                    onRecord: (ValidatedRecord) throws -> Void,
                    onDiagnostic: (Diagnostic) -> Void) throws -> Summary {
        try run(reader: reader, file: file, namedSheets: namedSheets, sheets: sheets, readAhead: readAhead,
                onOwnedRecord: { try onRecord($0) }, onDiagnostic: onDiagnostic)
    }

    /// `run`, each record lent to `onOwnedRecord` to take apart: it may move its values
    /// (`ValidatedRecord.moveValues`), location and diagnostics out of it without a copy; after the
    /// call the validator takes the record's values array back for the next row
    /// (`RecordValidator.recycle`).
    public func run(reader: any TableReader, file: String, namedSheets: Bool, sheets: [Int]? = nil,
                    readAhead: Bool = false,
                    onOwnedRecord onRecord: (inout ValidatedRecord) throws -> Void,
                    onDiagnostic: (Diagnostic) -> Void) throws -> Summary {
        var chosen = kind
        var reason: Localized?
        var summaries: [SheetSummary] = []
        let indexes = sheets ?? reader.sheets.indices.filter { !reader.sheets[$0].hidden }
        var skipped: [String] = []
        for i in indexes {
            let sheetName = namedSheets ? reader.sheets[i].name : nil
            let cursor = try reader.rows(inSheet: i)
            var head: [Row] = []
            while head.count < HeaderLocator.scanRows, let r = try cursor.next() { head.append(r) }
            // With the kind guessed, every sheet is guessed on its own: a workbook (or a JSON object of
            // arrays) may hold other kinds on other sheets, which are then left out, not misread.
            let guessing = kind == nil && mapFile?.kind == nil
            guard let detection = try HeaderLocator.detect(rows: head, kind: guessing ? nil : chosen, mapFile: mapFile),
                  chosen == nil || detection.mapping.kind == chosen else {
                skipped.append(reader.sheets[i].name)
                continue
            }
            if chosen == nil {
                chosen = detection.mapping.kind
                reason = detection.kindReason
            }
            let mapping = detection.mapping
            for d in mapping.diagnostics(file: file, sheet: sheetName) { onDiagnostic(d) }
            let validator = RecordValidator(mapping: mapping, file: file, sheet: sheetName, options: options)
            var afterHeader = false
            var numberingChecked = false
            validator.noteConsumed(row: mapping.headerRow)
            func feed(_ row: consuming Row) throws {
                if !numberingChecked {
                    numberingChecked = true
                    if HeaderLocator.isNumberingRow(row) {
                        validator.noteConsumed(row: row.number)
                        return
                    }
                }
                if var rec = validator.validate(row) {
                    for d in rec.diagnostics { onDiagnostic(d) }
                    try onRecord(&rec)
                    validator.recycle(&rec.values)
                }
            }
            for r in head {
                if r.number == mapping.headerRow { afterHeader = true; continue }
                if afterHeader { try feed(r) }
            }
            if readAhead && ReadAhead.wanted(for: cursor) {
                let pipeline = RowPipeline(cursor: cursor)
                pipeline.start()
                defer { pipeline.finish() }
                while let batch = try pipeline.take() {
                    for r in batch { try feed(r) }
                }
            } else {
                while let r = try cursor.next() { try feed(r) }
            }
            for d in validator.finish() { onDiagnostic(d) }
            summaries.append(SheetSummary(index: i, name: sheetName, mapping: mapping, rows: validator.rowCount))
        }
        guard let kind = chosen, !summaries.isEmpty else {
            if chosen == nil {
                throw MentorBaseError(code: "kind-unknown", kind: .usage, location: SourceLocation(file: file),
                                      message: Localized(ru: "не удалось понять по заголовкам, что это за записи",
                                                         en: "cannot tell from the headers what records these are"),
                                      hint: Localized(ru: "укажите вид: --kind " + RecordKind.allCases.map(\.rawValue).joined(separator: "|"),
                                                      en: "name the kind: --kind " + RecordKind.allCases.map(\.rawValue).joined(separator: "|")))
            }
            throw MentorBaseError(code: "header-not-found", kind: .data, location: SourceLocation(file: file),
                                  message: Localized(ru: "в файле нет строки заголовков таблицы", en: "the file has no header row"),
                                  hint: Localized(ru: "первой строкой таблицы должны идти названия столбцов", en: "the table's first row must name the columns"))
        }
        return Summary(kind: kind, kindReason: reason, sheets: summaries, skippedSheets: skipped)
    }
}

/// Whether a sheet's rows are read on a second thread while this one validates.
enum ReadAhead {
    /// `MENTORBASE_READ_AHEAD=always` or `never` overrides the choice, for the benchmark that
    /// measures both (Benchmarks/validate); the outcome of a validation never depends on it.
    static let override: Bool? = {
        switch ProcessInfo.processInfo.environment["MENTORBASE_READ_AHEAD"] {
        case "always": return true
        case "never": return false
        default: return nil
        }
    }()

    static func wanted(for cursor: any RowCursor) -> Bool {
        override ?? !(cursor is any ReadingAheadCursor)
    }
}
