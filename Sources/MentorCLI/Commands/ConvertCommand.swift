#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase

/// `mentorbase convert IN OUT`: rewrites a table file in another format.
struct ConvertCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "convert",
                             abstract: L("Преобразовать файл в другой формат.", "Convert a file to another format."),
                             discussion: L("""
                                Формат результата — по расширению OUT или --to. OUT «-» пишет в стандартный вывод.
                                Файл OUT появляется целиком или не появляется вовсе: запись идёт во временный файл рядом.
                                Примеры:
                                  mentorbase convert анкеты.csv анкеты.json
                                  mentorbase convert база.xlsx база.csv --dialect excel-ru
                                  mentorbase convert big.csv - --to json --dialect ndjson
                                """, """
                                The output format comes from OUT's extension or --to. OUT "-" writes to standard output.
                                OUT appears whole or not at all: it is written to a temporary file beside it first.
                                Examples:
                                  mentorbase convert answers.csv answers.json
                                  mentorbase convert base.xlsx base.csv --dialect excel-ru
                                  mentorbase convert big.csv - --to json --dialect ndjson
                                """))
    }

    @Argument(help: ArgumentHelp(L("Входной файл (- — стандартный ввод).", "Input file (- for standard input).")))
    var input: String

    @Argument(help: ArgumentHelp(L("Выходной файл (- — стандартный вывод).", "Output file (- for standard output).")))
    var output: String

    @Option(name: .long, help: ArgumentHelp(L("Формат результата.", "Output format.")))
    var to: String?

    @Option(name: .long, help: ArgumentHelp(L("Вариант записи: excel-ru для CSV (UTF-8 с BOM, «;», CRLF); array, object или ndjson для JSON.",
                                              "Output dialect: excel-ru for CSV (UTF-8 with BOM, ';', CRLF); array, object or ndjson for JSON.")))
    var dialect: String?

    @Option(name: .customLong("out-delimiter"), help: ArgumentHelp(L("Разделитель полей в CSV-результате.",
                                                                    "Field delimiter of CSV output.")))
    var outDelimiter: String?

    @Option(name: .customLong("out-option"),
            help: ArgumentHelp(L("Настройка формата результата KEY=VALUE.", "An output format setting KEY=VALUE."),
                               valueName: "key=value"))
    var outSettings: [String] = []

    @Option(name: .long, help: ArgumentHelp(L("Только этот лист (имя или номер).", "Only this sheet (name or number).")))
    var sheet: String?

    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let opened = try openReader(input, inputOptions, context)
        let reader = opened.reader
        let toStdout = output == "-"
        let target = toStdout ? OutputTarget.standardOutput() : OutputTarget(path: output)
        let plugin = try context.registry.writerFormat(for: target, forced: to)
        var sheets = try selectSheets(reader, sheet)
        let ru = global.lang == .ru
        if sheets.count > 1 && !plugin.descriptor.capabilities.contains(.multipleSheets) {
            let first = reader.sheets[sheets[0]].name
            if !global.quiet {
                context.terminal.err(ru
                    ? "предупреждение: \(plugin.descriptor.id) хранит один лист; записан первый — «\(first)» (другой: --sheet)"
                    : "warning: \(plugin.descriptor.id) holds one sheet; wrote the first, “\(first)” (another: --sheet)")
            }
            sheets = [sheets[0]]
        }
        var wopts = WriteOptions(dialect: dialect, sheetCount: sheets.count, settings: try parseSettings(outSettings))
        if let d = outDelimiter { wopts.delimiter = d == "\\t" || d.lowercased() == "tab" ? "\t" : d }

        // Write beside the destination and rename at the end, so a failure leaves no half file.
        let tmpPath = toStdout ? nil : temporaryPath(besides: output)
        let writeTarget = tmpPath.map { OutputTarget(path: $0, displayName: output) } ?? target
        var committed = false
        defer { if !committed, let tmpPath { unlink(tmpPath) } }

        let writer = try plugin.makeWriter(target: writeTarget, options: wopts)
        let progress = context.terminal.progress(enabled: !global.quiet, label: ru ? "Преобразование" : "Converting")
        var total = 0
        for i in sheets {
            try writer.beginSheet(SheetSpec(name: reader.sheets[i].name))
            let cursor = try reader.rows(inSheet: i)
            var pendingEmpty = 0
            while let row = try cursor.next() {
                total += 1
                progress.tick(rows: total)
                // Trailing empty rows are dropped; inner ones are kept.
                if row.cells.allSatisfy(\.isEmpty) { pendingEmpty += 1; continue }
                while pendingEmpty > 0 { try writer.writeRow([]); pendingEmpty -= 1 }
                try writer.writeRow(row.cells)
            }
        }
        try writer.finish()
        progress.finish()
        if let tmpPath {
            guard rename(tmpPath, output) == 0 else {
                let m = String(cString: strerror(errno))
                throw MentorBaseError.io(target.location, ru: "не удалось записать файл: \(m)", en: "cannot write the file: \(m)")
            }
            committed = true
        }
        printReaderDiagnostics(reader, global, context)
        if !global.quiet && !toStdout && global.format == .text {
            context.terminal.err(ru ? "записано: \(output) (\(plugin.descriptor.id), \(RussianPlural.count(total, "строка", "строки", "строк")))"
                                    : "written: \(output) (\(plugin.descriptor.id), \(total) rows)")
        }
    }
}

/// A private temporary path in the same folder as `path` (so rename is atomic).
func temporaryPath(besides path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    return dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
}
