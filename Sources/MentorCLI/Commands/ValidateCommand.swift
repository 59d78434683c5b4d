#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import MentorBase
import MentorSchema

/// `mentorbase validate FILE`: checks a file against a kind's schema and rules, reports every problem.
struct ValidateCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "validate",
                             abstract: L("Проверить файл: типы, обязательные поля, коды, даты, СНИЛС, возраст, повторы.",
                                         "Check a file: types, required fields, codes, dates, SNILS, ages, duplicates."),
                             discussion: L("""
                                Находит строку заголовков (и под строками названия таблицы), сопоставляет столбцы с полями,
                                без --kind угадывает вид записей и говорит почему. Сообщает все ошибки сразу, по строкам.
                                --report ФАЙЛ.xlsx возвращает вашу таблицу с подсвеченными ячейками (красные — ошибки,
                                желтые — предупреждения), примечаниями и листом «Ошибки».
                                Код выхода 1, если есть ошибки.
                                Примеры:
                                  mentorbase validate база.xlsx --kind mentees --report база-ошибки.xlsx
                                  mentorbase validate анкеты.csv --save-map анкеты.map.json
                                  mentorbase validate анкеты.csv --map анкеты.map.json --format json
                                """, """
                                Finds the header row (also under title rows), matches columns to fields and, without
                                --kind, guesses the record kind and says why. Reports every problem at once, by row.
                                --report FILE.xlsx returns your table with cells marked (red errors, yellow warnings),
                                comments, and a «Ошибки» sheet. Exit code 1 when there are errors.
                                Examples:
                                  mentorbase validate base.xlsx --kind mentees --report base-errors.xlsx
                                  mentorbase validate answers.csv --save-map answers.map.json
                                  mentorbase validate answers.csv --map answers.map.json --format json
                                """))
    }

    @Argument(help: ArgumentHelp(L("Файл (- — стандартный ввод).", "The file (- for standard input).")))
    var file: String

    @Option(name: .long, help: ArgumentHelp(L("Вид записей: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                                              "Record kind: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).")))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp(L("Файл соответствий столбцов (JSON, см. --save-map).", "A column mapping file (JSON, see --save-map)."),
                                            valueName: "map.json"))
    var map: String?

    @Option(name: .customLong("save-map"), help: ArgumentHelp(L("Сохранить найденные соответствия столбцов в файл.",
                                                                "Save the column mapping found to a file."), valueName: "map.json"))
    var saveMap: String?

    @Option(name: .customLong("max-errors"), help: ArgumentHelp(L("Показать не больше N сообщений (проверяется все равно все).",
                                                                  "Show at most N messages (everything is still checked).")))
    var maxErrors: Int?

    @Option(name: .long, help: ArgumentHelp(L("Записать таблицу с подсвеченными ошибками (XLSX).",
                                              "Write the table with its problems marked (XLSX)."), valueName: "file.xlsx"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp(L("Только этот лист (имя или номер).", "Only this sheet (name or number).")))
    var sheet: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Проверять на эту дату (ДД.ММ.ГГГГ; по умолчанию сегодня).",
                                                             "Validate as of this date (DD.MM.YYYY; today by default).")))
    var asOf: String?

    @Option(name: .customLong("bench-synthetic-rows"), help: ArgumentHelp(visibility: .hidden))
    var benchSyntheticRows: Int?

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        if let n = benchSyntheticRows { return try benchmark(rows: n, context) }
        let ru = global.lang == .ru
        let kind = try self.kind.map(MentorSchemas.kind(named:))
        let mapFile = try map.map(MappingFile.load(path:))
        if let maxErrors, maxErrors < 0 {
            throw MentorBaseError.usage(ru: "--max-errors не может быть отрицательным", en: "--max-errors cannot be negative")
        }
        if report != nil && file == "-" {
            throw MentorBaseError.usage(ru: "--report нужен файл, а не стандартный ввод: таблица читается второй раз",
                                        en: "--report needs a file, not standard input: the table is read a second time")
        }
        let options = ValidationOptions(referenceDate: try referenceDate())
        let opened = try openReader(file, input, context)
        let reader = opened.reader
        let sheets = try sheet.map { try selectSheets(reader, $0) }
        let namedSheets = reader.sheets.count > 1 || opened.plugin.descriptor.capabilities.contains(.styling)
        var rep = ValidationReport(maxItems: maxErrors ?? 100_000)
        rep.sheetOrder = reader.sheets.map { namedSheets ? $0.name : nil }
        let progress = context.terminal.progress(enabled: !global.quiet, label: ru ? "Проверка" : "Validating")
        var seen = 0
        let summary = try TableValidation(kind: kind, mapFile: mapFile, options: options).run(
            reader: reader, file: opened.source.name, namedSheets: namedSheets, sheets: sheets,
            // Streaming parsers (CSV, JSON) read ahead on a second thread while this one validates.
            readAhead: opened.plugin.descriptor.capabilities.contains(.streaming),
            onRecord: { _ in seen += 1; progress.tick(rows: seen) },
            onDiagnostic: { rep.add($0) })
        progress.finish()
        for d in reader.diagnostics.items { rep.add(d) }
        rep.kind = summary.kind
        rep.rows = summary.rows

        if !global.quiet && global.format == .text {
            let t = context.terminal
            if let reason = summary.kindReason {
                t.err((ru ? "Вид записей угадан по заголовкам — " : "Record kind guessed from the headers: ") + reason(global.lang))
            }
            for s in summary.sheets {
                let place = s.name.map { ru ? "лист «\($0)», " : "sheet “\($0)”, " } ?? ""
                t.err(place + (ru ? "строка заголовков \(s.mapping.headerRow), столбцов сопоставлено: \(s.mapping.mappedFields.count)"
                                  : "header row \(s.mapping.headerRow), \(s.mapping.mappedFields.count) columns matched"))
            }
            for name in summary.skippedSheets {
                t.err(ru ? "лист «\(name)» пропущен: в нем нет заголовков этого вида" : "sheet “\(name)” skipped: no header of this kind")
            }
        }
        if let saveMap, let first = summary.sheets.first {
            let sink = try FileSink(path: saveMap, displayName: saveMap)
            try sink.write(first.mapping.mappingFile().jsonText())
            try sink.close()
        }
        if global.format == .json {
            context.terminal.out(rep.json(global.lang))
        } else {
            context.terminal.out(rep.text(global.lang, paint: { context.terminal.stdoutIsTTY ? context.terminal.paint($0, $1) : $0 }))
        }
        if let report {
            try writeReport(report, rep, summary, opened.plugin, context)
            if !global.quiet && global.format == .text {
                context.terminal.err(ru ? "записан отчет: \(report)" : "report written: \(report)")
            }
        }
        context.terminal.flush()
        if !rep.isValid { throw ExitCode(ExitStatus.dataErrors) }
    }

    /// Benchmark support (Benchmarks/validate): validates N in-memory mentee rows and times a plain loop
    /// over the same rows, so the validator's own cost is measured without any file reading.
    private func benchmark(rows n: Int, _ context: CLIContext) throws {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        var t0 = now()
        let plain = SyntheticMentees(count: n)
        var cells = 0
        while let row = try plain.next() { for c in row.cells where !c.isEmpty { cells += 1 } }
        let loop = now() - t0
        final class OneSheet: TableReader {
            let n: Int
            init(_ n: Int) { self.n = n }
            var sheets: [SheetInfo] { [SheetInfo(name: "synthetic")] }
            var details: SourceDetails { SourceDetails() }
            var diagnostics: DiagnosticLog { DiagnosticLog() }
            func rows(inSheet index: Int) throws -> any RowCursor { SyntheticMentees(count: n) }
        }
        var rep = ValidationReport(maxItems: 100)
        var records = 0
        t0 = now()
        let summary = try TableValidation(kind: .mentees, mapFile: nil, options: ValidationOptions(referenceDate: try referenceDate()))
            .run(reader: OneSheet(n), file: "synthetic", namedSheets: false,
                 onRecord: { _ in records += 1 }, onDiagnostic: { rep.add($0) })
        let validate = now() - t0
        records = 0
        t0 = now()
        _ = try TableValidation(kind: .mentees, mapFile: nil, options: ValidationOptions(referenceDate: try referenceDate()))
            .run(reader: OneSheet(n), file: "synthetic", namedSheets: false, readAhead: true,
                 onRecord: { _ in records += 1 }, onDiagnostic: { _ in })
        let overlapped = now() - t0
        context.terminal.out("{\"rows\":\(summary.rows),\"records\":\(records),\"cells\":\(cells),\"errors\":\(rep.errors),\"warnings\":\(rep.warnings)"
            + ",\"plainLoopSeconds\":\(loop),\"validateSeconds\":\(validate),\"ratio\":\(validate / max(loop, 1e-9))"
            + ",\"validateReadAheadSeconds\":\(overlapped),\"readAheadRatio\":\(overlapped / max(loop, 1e-9))}\n")
        if let first = rep.sorted.first { context.terminal.err(first.render(.en)) }
    }

    private func referenceDate() throws -> CalendarDate { try asOfDate(asOf) }

    private func writeReport(_ path: String, _ rep: ValidationReport, _ summary: TableValidation.Summary,
                             _ plugin: any FormatPlugin, _ context: CLIContext) throws {
        var headerRows: [Int: Int] = [:]
        for s in summary.sheets { headerRows[s.index] = s.mapping.headerRow }
        // A fresh reader: the table is streamed a second time rather than kept in memory.
        try ErrorReportFile.write(diagnostics: rep.sorted, dropped: rep.log.dropped, source: InputSource(path: file),
                                  plugin: plugin, readOptions: try input.readOptions(), sheet: sheet,
                                  headerRows: headerRows, to: path, registry: context.registry, lang: global.lang)
    }
}
