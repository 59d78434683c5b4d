import ArgumentParser
import Foundation
import MentorBase
import MentorSchema
import MentorStore

/// `mentorbase import FILE --kind KIND`: plans and applies a file in one transaction.
///
/// The file goes read → header mapping → validation (all tiers) → `RecordAssembler` → merge plan →
/// one transaction (see `ValidatedImport`). `--canonical` takes instead a canonical table — headers
/// are the store's field names, values already normalised (see `CanonicalTable`) — for machine
/// pipelines and benchmarks of the store alone.
struct ImportCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import",
                             abstract: L("Загрузить файл в хранилище: план, затем одна транзакция.",
                                         "Import a file into the store: a plan, then one transaction."),
                             discussion: L("""
                                Файл проверяется так же, как в validate (все уровни проверок); с ошибками ничего не записывается, \
                                если не указан --accept-valid. Без --kind вид записей угадывается по заголовкам. \
                                С --canonical принимается каноническая таблица: заголовки — имена полей хранилища \
                                (fullName, birthDate, mentorName …), значения уже нормализованы (даты ГГГГ-ММ-ДД, списки через «;»).
                                С --format json печатает {"batch", "dryRun", "new", "updated", "unchanged", "conflicts", "rejected", \
                                "diagnostics"}; код выхода 1, если отклонённые строки остановили импорт.
                                """, """
                                The file is validated as by validate (every tier); with errors nothing is written unless \
                                --accept-valid is given. Without --kind the record kind is guessed from the headers. \
                                With --canonical the file is a canonical table: headers are the store's field names \
                                (fullName, birthDate, mentorName …), values already normalised (dates YYYY-MM-DD, lists ";"-separated).
                                With --format json prints {"batch", "dryRun", "new", "updated", "unchanged", "conflicts", "rejected", \
                                "diagnostics"}; exit 1 when rejected rows stopped the import.
                                """))
    }

    @Argument(help: ArgumentHelp(L("Файл.", "The file.")))
    var file: String

    @Option(name: .long, help: ArgumentHelp(L("Вид записей: mentors, mentees, consents, pairs, mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.",
                                              "Record kind: mentors, mentees, consents, pairs, mentor-questionnaire, mentee-questionnaire, monitoring-questionnaire.")))
    var kind: ImportKind?

    @Flag(name: .long, help: ArgumentHelp(L("Файл — каноническая таблица (заголовки — имена полей хранилища), без проверки схемой.",
                                            "The file is a canonical table (headers are the store's field names), not schema-validated.")))
    var canonical = false

    @Option(name: .long, help: ArgumentHelp(L("Файл сопоставления заголовков (из validate --save-map).",
                                              "A header mapping file (from validate --save-map).")))
    var map: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Проверять на эту дату (ДД.ММ.ГГГГ; по умолчанию сегодня).",
                                                             "Validate as of this date (DD.MM.YYYY; today by default).")))
    var asOf: String?

    @Flag(name: .long, help: ArgumentHelp(L("Только показать план, ничего не записывать.", "Show the plan only; write nothing.")))
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp(L("При расхождении с хранилищем: keep, replace (по умолчанию) или fail.",
                                              "When the file and the store disagree: keep, replace (default) or fail.")))
    var onConflict: ConflictPolicy = .replace

    @Flag(name: .long, help: ArgumentHelp(L("Применить верные строки, даже если другие отклонены.",
                                            "Apply the valid rows even when others are rejected.")))
    var acceptValid = false

    @Flag(name: .long, help: ArgumentHelp(L("Сравнить каждую строку, даже если этот же файл уже загружен последним.",
                                            "Compare every row even when this very file was the last one imported.")))
    var recheck = false

    @Option(name: .long, help: ArgumentHelp(L("Только этот лист (имя или номер).", "Only this sheet (name or number).")))
    var sheet: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        guard file != "-" else {
            throw MentorBaseError.usage(ru: "import читает файл, а не стандартный ввод", en: "import reads a file, not standard input")
        }
        let checksum = try ImportCommand.checksum(file)
        var report: ImportReport
        if canonical {
            guard let kind else {
                throw MentorBaseError.usage(ru: "с --canonical нужен --kind", en: "--canonical needs --kind")
            }
            let opened = try openReader(file, input, context)
            let sheets = try selectSheets(opened.reader, sheet)
            let table = try CanonicalTable(reader: opened.reader, sheet: sheets.first ?? 0, kind: kind, file: file)
            let store = try storeOptions.open()
            defer { store.close() }
            let request = ImportRequest(file: file, checksum: checksum, kind: kind, format: opened.plugin.descriptor.id,
                                        policy: onConflict, dryRun: dryRun, acceptValid: acceptValid, recheck: recheck,
                                        planLimit: global.format == .json ? 0 : 200, now: Clock.nowUTC)
            report = try store.importRecords(request, from: table)
            var log = DiagnosticLog()
            log.append(contentsOf: table.diagnostics)
            log.append(contentsOf: opened.reader.diagnostics.items)
            log.append(contentsOf: report.diagnostics.items)
            report.diagnostics = log
        } else {
            report = try validatedImport(checksum: checksum, context)
        }
        if global.format == .json {
            context.terminal.out(ImportCommand.json(report, global.lang) + "\n")
        } else {
            printText(report, context)
        }
        if report.stop != nil { throw ExitCode(ExitStatus.dataErrors) }
    }

    /// Validates the file in a first pass, then imports the assembled records in one transaction.
    private func validatedImport(checksum: String, _ context: CLIContext) throws -> ImportReport {
        let ru = global.lang == .ru
        let readOptions = try input.readOptions()
        let mapFile = try map.map(MappingFile.load(path:))
        let source = InputSource(path: file)
        let candidate = try context.registry.detect(source, forced: input.from)
        let reader = try candidate.plugin.makeReader(source: source, options: readOptions)
        let sheets = try sheet.map { try selectSheets(reader, $0) }
        let setup = ValidatedImport.Setup(path: file, plugin: candidate.plugin, readOptions: readOptions,
                                          kind: kind.flatMap { RecordKind(rawValue: $0.rawValue) }, mapFile: mapFile,
                                          options: ValidationOptions(referenceDate: try referenceDate()), sheets: sheets)
        let prepass = try ValidatedImport.prepass(setup)
        guard let importKind = ImportKind(rawValue: prepass.summary.kind.rawValue) else {
            throw MentorBaseError.usage(ru: "вид «\(prepass.summary.kind.rawValue)» нельзя загрузить",
                                        en: "kind “\(prepass.summary.kind.rawValue)” cannot be imported")
        }
        if let reason = prepass.summary.kindReason, !global.quiet, global.format == .text {
            context.terminal.err((ru ? "Вид записей угадан по заголовкам — " : "Record kind guessed from the headers: ") + reason(global.lang))
        }
        let generalErrors = prepass.general.filter { $0.severity == .error }.count
        if generalErrors > 0 && !acceptValid {
            // The file as a whole is wrong (a missing column, say): the store is not even opened.
            var log = DiagnosticLog()
            log.append(contentsOf: prepass.general)
            return ImportReport(dryRun: dryRun, diagnostics: log, stop: .rejected(generalErrors))
        }
        let store = try storeOptions.open()
        defer { store.close() }
        let request = ImportRequest(file: file, checksum: checksum, kind: importKind, format: candidate.plugin.descriptor.id,
                                    policy: onConflict, dryRun: dryRun, acceptValid: acceptValid, recheck: recheck,
                                    planLimit: global.format == .json ? 0 : 200, now: Clock.nowUTC)
        let cursor = ValidatedImport.Cursor(setup, prepass: prepass, importKind: importKind)
        var report = try store.importRecords(request, from: cursor)
        var log = DiagnosticLog()
        log.append(contentsOf: prepass.general)
        log.append(contentsOf: cursor.unmatched)
        log.append(contentsOf: report.diagnostics.items)
        report.diagnostics = log
        return report
    }

    private func referenceDate() throws -> CalendarDate {
        if let asOf {
            guard case .date(let d) = Dates.parse(text: asOf, referenceYear: 2000) else {
                throw MentorBaseError.usage(ru: "--as-of: не дата «\(asOf)»", en: "--as-of: not a date “\(asOf)”")
            }
            return d
        }
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CalendarDate(daysSinceEpoch: days) ?? CalendarDate(year: 2025, month: 1, day: 1)!
    }

    /// SHA-256 of the file, read in 1 MiB pieces.
    static func checksum(_ path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw MentorBaseError.io(SourceLocation(file: path), ru: "не удалось открыть файл", en: "cannot open the file")
        }
        defer { try? h.close() }
        var sha = SHA256()
        while true {
            let data = h.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            sha.update(data)
        }
        return sha.finalizeHex()
    }

    /// The contract of issue 5.
    static func json(_ r: ImportReport, _ lang: Language) -> String {
        var s = "{\"batch\":\(r.batchID.map(String.init) ?? "null"),\"dryRun\":\(r.dryRun)"
        s += ",\"new\":\(r.count(.new)),\"updated\":\(r.count(.updated)),\"unchanged\":\(r.count(.unchanged))"
        s += ",\"conflicts\":\(r.count(.conflicting)),\"rejected\":\(r.count(.rejected))"
        s += ",\"noOp\":\(r.isNoOp),\"alreadyImportedIn\":\(r.alreadyImportedIn.map(String.init) ?? "null")"
        s += ",\"seconds\":\((r.seconds * 1000).rounded() / 1000)"
        s += ",\"diagnostics\":[" + r.diagnostics.items.map { $0.json(lang) }.joined(separator: ",") + "]}"
        return s
    }

    private func printText(_ r: ImportReport, _ context: CLIContext) {
        let ru = global.lang == .ru
        let t = context.terminal
        if !global.quiet {
            for d in r.diagnostics.items { t.err(d.render(global.lang)) }
            if r.diagnostics.dropped > 0 { t.err(ru ? "… и ещё \(r.diagnostics.dropped) сообщений" : "… and \(r.diagnostics.dropped) more") }
        }
        if let b = r.alreadyImportedIn {
            t.out(ru ? "Этот файл уже загружен (пакет № \(b)) и после него ничего не загружалось: изменений нет.\n"
                : "This file was already imported (batch #\(b)) and nothing was imported since: nothing to change.\n")
            return
        }
        for p in r.plans {
            let head = "\(p.location.describe(global.lang)) «\(p.label)»: " + ImportCommand.outcomeWord(p.outcome, ru)
            t.out(head + "\n")
            for c in p.changes {
                let old = c.change.sensitive ? "***" : (c.change.old?.logText ?? "∅")
                let new = c.change.sensitive ? "***" : (c.change.new?.logText ?? "∅")
                t.out("    \(c.table.rawValue).\(c.change.column): \(old) → \(new)\n")
            }
        }
        let counts = RecordPlan.Outcome.allCases.map { "\(ImportCommand.outcomeWord($0, ru)): \(r.count($0))" }
            .joined(separator: ", ")
        var tail: String
        switch r.stop {
        case .rejected(let n)?:
            tail = ru ? "Ничего не записано: отклонено строк — \(n) (--accept-valid применит остальные)."
                : "Nothing written: \(n) rows rejected (--accept-valid applies the rest)."
        case .conflicts(let n)?:
            tail = ru ? "Ничего не записано: расхождений — \(n) при --on-conflict fail."
                : "Nothing written: \(n) conflicts under --on-conflict fail."
        case nil:
            if r.dryRun {
                tail = ru ? "Пробный запуск: ничего не записано." : "Dry run: nothing written."
            } else if let b = r.batchID {
                tail = ru ? "Записано как пакет № \(b)." : "Written as batch #\(b)."
            } else {
                tail = ru ? "Изменений нет: хранилище не тронуто." : "Nothing to change: the store is untouched."
            }
        }
        let secs = String(format: "%.2f", r.seconds)
        t.out(counts + ". " + tail + (ru ? " Время: \(secs) с.\n" : " Time: \(secs) s.\n"))
    }

    static func outcomeWord(_ o: RecordPlan.Outcome, _ ru: Bool) -> String {
        switch o {
        case .new: return ru ? "новых" : "new"
        case .updated: return ru ? "обновлено" : "updated"
        case .unchanged: return ru ? "без изменений" : "unchanged"
        case .conflicting: return ru ? "конфликтов" : "conflicting"
        case .rejected: return ru ? "отклонено" : "rejected"
        }
    }
}
