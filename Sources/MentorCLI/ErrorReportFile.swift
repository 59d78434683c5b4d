import Foundation
import MentorBase
import MentorSchema

/// The error workbook (`validate --report`, `import --report`, the web page's download): the
/// secretary's own table re-read with a fresh reader, every problem cell marked, the «Ошибки»
/// sheet first. One function so the three front ends write the same file.
enum ErrorReportFile {
    /// Writes the workbook into `path` (through a temporary file renamed into place).
    /// `sheet` selects one sheet as `--sheet` does (nil: all); `headerRows` maps a sheet index to
    /// its header row, so the copy freezes the same rows.
    static func write(diagnostics: [Diagnostic], dropped: Int, source: InputSource, plugin: any FormatPlugin,
                      readOptions: ReadOptions, sheet: String?, headerRows: [Int: Int], to path: String,
                      registry: FormatRegistry, lang: Language) throws {
        guard let xlsx = registry.plugin(id: "xlsx") else {
            throw MentorBaseError.usage(ru: "формат xlsx не подключен", en: "the xlsx format is not available")
        }
        let reader = try plugin.makeReader(source: source, options: readOptions)
        let namedSheets = ValidatedImport.namedSheets(reader, plugin)
        let sheets = try selectSheets(reader, sheet)
        var rep = ValidationReport(maxItems: max(diagnostics.count, 1))
        rep.sheetOrder = reader.sheets.map { namedSheets ? $0.name : nil }
        for d in diagnostics { rep.add(d) }
        try writeReplacing(path) { tmp in
            let writer = try xlsx.makeWriter(target: OutputTarget(path: tmp, displayName: path),
                                             options: WriteOptions(sheetCount: sheets.count + 1))
            try ErrorWorkbook.write(diagnostics: rep.sorted, droppedCount: dropped, reader: reader, sheets: sheets,
                                    namedSheets: namedSheets, headerRows: headerRows, writer: writer, lang: lang)
        }
    }
}

/// Writes through a temporary file beside `path` and renames it into place only when complete.
func writeReplacing(_ path: String, _ body: (String) throws -> Void) throws {
    let tmp = temporaryPath(besides: path)
    var committed = false
    defer { if !committed { unlink(tmp) } }
    try body(tmp)
    guard rename(tmp, path) == 0 else {
        throw MentorBaseError.io(SourceLocation(file: path), ru: "не удалось записать файл", en: "cannot write the file")
    }
    committed = true
}
