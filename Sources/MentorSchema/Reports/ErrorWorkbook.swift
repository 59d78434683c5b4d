import Foundation
import MentorBase

/// The secretary's own table returned as a workbook: a first sheet «Ошибки» listing every problem
/// with the address of its cell, then the data sheets with each bad cell filled (red for errors,
/// yellow for warnings) and a comment carrying the messages.
///
/// It writes through any `TableWriter` (the XLSX plugin's in practice) and re-reads the source
/// with a fresh reader, so the data never has to sit in memory.
public enum ErrorWorkbook {
    /// The sheet name used for single-table sources (CSV).
    public static let dataSheetName = "Данные"
    public static let errorsSheetName = "Ошибки"

    /// `'Лист 1'!C5` — how a person (and Excel's «Перейти») finds the cell.
    public static func reference(sheet: String, row: Int, column: Int?) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return "\(quoted)!\(column.map(SourceLocation.letter(forColumn:)) ?? "A")\(row)"
    }

    /// Writes the workbook. `sheets` are the source's sheet indexes to copy (all, normally);
    /// `namedSheets` is false for single-table formats.
    /// `headerRows` maps a sheet index to its header's row number, so the copy freezes the same rows.
    public static func write(diagnostics: [Diagnostic], droppedCount: Int, reader: any TableReader, sheets: [Int],
                             namedSheets: Bool, headerRows: [Int: Int] = [:], writer: any TableWriter, lang: Language) throws {
        let ru = lang == .ru
        let titles = ru
            ? ["№", "Ячейка", "Лист", "Строка", "Столбец", "Заголовок", "Значение", "Уровень", "Код", "Что не так", "Как исправить"]
            : ["No.", "Cell", "Sheet", "Row", "Column", "Header", "Value", "Severity", "Code", "Problem", "How to fix"]
        let widths: [Double] = [6, 16, 16, 8, 8, 28, 28, 14, 26, 60, 50]
        try writer.beginSheet(SheetSpec(name: errorsSheetName,
                                        columns: zip(titles, widths).map { ColumnSpec(title: $0.0, width: $0.1) }))
        try writer.writeRow(titles.map(Cell.text))
        for (n, d) in diagnostics.enumerated() {
            let l = d.location
            let sheet = l.sheet ?? dataSheetName
            let ref = l.row.map { reference(sheet: sheet, row: $0, column: l.column) } ?? ""
            let sev = d.severity == .error ? (ru ? "ошибка" : "error") : (ru ? "предупреждение" : "warning")
            let cells: [Cell] = [
                .number(Double(n + 1)), .text(ref), .text(sheet), l.row.map { .number(Double($0)) } ?? .empty,
                l.columnLetter.map(Cell.text) ?? .empty, l.field.map(Cell.text) ?? .empty, d.value.map(Cell.text) ?? .empty,
                .text(sev), .text(d.code), .text(d.message(lang)), d.hint.map { .text($0(lang)) } ?? .empty,
            ]
            let mark = CellAnnotation(fill: d.severity == .error ? .error : .warning)
            try writer.writeRow(cells, annotations: [7: mark])
        }
        if droppedCount > 0 {
            try writer.writeRow([.empty, .text(ru ? "… и еще \(droppedCount) сообщений не показано" : "… and \(droppedCount) more not shown")])
        }

        // Marks per sheet and row: column index (0-based) → fill and comment.
        struct Key: Hashable { var sheet: String?; var row: Int }
        var marks: [Key: [Int: (Severity, [String])]] = [:]
        for d in diagnostics {
            guard let row = d.location.row else { continue }
            let col = (d.location.column ?? 1) - 1
            let text = "[\(d.code)] " + d.message(lang) + (d.hint.map { " — " + $0(lang) } ?? "")
            var entry = marks[Key(sheet: d.location.sheet, row: row), default: [:]][col] ?? (d.severity, [])
            if d.severity == .error { entry.0 = .error }
            entry.1.append(text)
            marks[Key(sheet: d.location.sheet, row: row), default: [:]][col] = entry
        }
        for i in sheets {
            let info = reader.sheets[i]
            let name = namedSheets ? info.name : dataSheetName
            try writer.beginSheet(SheetSpec(name: name, headerRows: headerRows[i] ?? 0))
            let cursor = try reader.rows(inSheet: i)
            var expected = 1
            while let row = try cursor.next() {
                // Keep row numbers as the person knows them: pad skipped rows.
                while expected < row.number { try writer.writeRow([]); expected += 1 }
                var annotations: [Int: CellAnnotation] = [:]
                if let m = marks[Key(sheet: namedSheets ? info.name : nil, row: row.number)] {
                    for (col, e) in m {
                        annotations[col] = CellAnnotation(fill: e.0 == .error ? .error : .warning,
                                                          comment: e.1.joined(separator: "\n"))
                    }
                }
                var cells = row.cells
                if let maxCol = annotations.keys.max(), maxCol >= cells.count {
                    cells += [Cell](repeating: .empty, count: maxCol - cells.count + 1)
                }
                try writer.writeRow(cells, annotations: annotations)
                expected = row.number + 1
            }
        }
        try writer.finish()
    }
}
