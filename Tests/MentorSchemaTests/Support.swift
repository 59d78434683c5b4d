import Foundation
import MentorBase
@testable import MentorSchema

/// Rows as a reader yields them, from string arrays (empty strings are empty cells).
func rows(_ table: [[String]], from first: Int = 1) -> [Row] {
    table.enumerated().map { i, r in Row(number: first + i, cells: r.map { $0.isEmpty ? .empty : .text($0) }) }
}

let testOptions = ValidationOptions(referenceDate: CalendarDate(year: 2026, month: 1, day: 15)!)

/// A cursor over rows in memory.
final class ArrayCursor: RowCursor {
    var rows: [Row]
    var i = 0
    init(_ rows: [Row]) { self.rows = rows }
    func next() throws -> Row? {
        guard i < rows.count else { return nil }
        defer { i += 1 }
        return rows[i]
    }
}

/// A reader over sheets in memory: what the CSV/XLSX readers yield, without a file.
final class ArrayReader: TableReader {
    let sheetRows: [[Row]]
    let sheets: [SheetInfo]
    var details: SourceDetails { SourceDetails() }
    var diagnostics: DiagnosticLog { DiagnosticLog() }
    init(_ sheets: [(String, [Row])]) {
        self.sheets = sheets.map { SheetInfo(name: $0.0) }
        self.sheetRows = sheets.map(\.1)
    }
    func rows(inSheet index: Int) throws -> any RowCursor { ArrayCursor(sheetRows[index]) }
}

/// Validates in-memory rows; returns the records, all diagnostics and the summary.
func validate(_ table: [[String]], kind: RecordKind?, map: MappingFile? = nil)
    throws -> (records: [ValidatedRecord], diagnostics: [Diagnostic], summary: TableValidation.Summary)
{
    let reader = ArrayReader([("Лист1", rows(table))])
    var records: [ValidatedRecord] = []
    var diags: [Diagnostic] = []
    let summary = try TableValidation(kind: kind, mapFile: map, options: testOptions)
        .run(reader: reader, file: "test.csv", namedSheets: false,
             onRecord: { records.append($0) }, onDiagnostic: { diags.append($0) })
    return (records, diags, summary)
}

/// `code@row:column` for compact comparisons.
func keys(_ ds: [Diagnostic]) -> [String] {
    ds.map { "\($0.code)@\($0.location.row ?? 0):\($0.location.columnLetter ?? "-")" }.sorted()
}
